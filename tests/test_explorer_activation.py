"""활성화 함수 탐색기: 함수·가파르기 a·α를 바꾸면 f(a·x)와 a·f′(a·x), 최댓값 표시가 수학대로 제자리에서 바뀐다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.activations import Sigmoid
from nnbook.explorers.activation import X_GRID, activation_explorer, scaled_activation

FUNCTIONS = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"]


def _data(live, key):
    x, y = live.canvas._artists[key].get_data()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def _note(live):
    return live.canvas._artists["note"].get_text()


def _sigma(x):
    return 1.0 / (1.0 + np.exp(-x))


def test_defaults_are_the_plain_sigmoid():
    assert activation_explorer.defaults() == {"function": "sigmoid", "a": 1.0, "alpha": 0.1}
    assert [p.name for p in activation_explorer.params] == ["function", "a", "alpha"]
    assert activation_explorer.param("function").values() == FUNCTIONS


def test_default_marks_the_sigmoid_maximum_quarter_at_zero():
    live = activation_explorer.live()
    assert live.errors == []
    x, y = _data(live, "max_point")
    np.testing.assert_allclose(x, [0.0])
    np.testing.assert_allclose(y, [0.25])
    assert "0.2500" in _note(live) and "a/4" in _note(live)


@pytest.mark.parametrize("a", [0.5, 2.0, 4.0])
def test_sigmoid_slope_is_sigmoid_a(a):
    live = activation_explorer.live()
    live.set(a=a)
    assert live.errors == []
    unit = Sigmoid(a)
    np.testing.assert_allclose(_data(live, "f")[1], unit(X_GRID))
    np.testing.assert_allclose(_data(live, "df")[1], unit.derivative(X_GRID))
    # 001 강의의 표: r′ = a·r(1 − r), 최댓값은 x = 0에서 a/4.
    np.testing.assert_allclose(_data(live, "max_point")[1], [a / 4])
    assert f"{a / 4:.4f}" in _note(live)


@pytest.mark.parametrize("function, f, df", [
    ("tanh", np.tanh, lambda u: 1 - np.tanh(u) ** 2),
    ("relu", lambda u: np.maximum(u, 0), lambda u: (u > 0).astype(float)),
    ("softplus", lambda u: np.log1p(np.exp(u)), _sigma),
    ("step", lambda u: (u > 0).astype(float), lambda u: np.zeros_like(u)),
])
@pytest.mark.parametrize("a", [1.0, 2.5])
def test_other_functions_scale_the_input(function, f, df, a):
    live = activation_explorer.live()
    live.set(function=function, a=a)
    assert live.errors == []
    np.testing.assert_allclose(_data(live, "f")[1], f(a * X_GRID), atol=1e-12)
    np.testing.assert_allclose(_data(live, "df")[1], a * df(a * X_GRID), atol=1e-12)


@pytest.mark.parametrize("function", ["sigmoid", "tanh", "softplus"])
def test_drawn_derivative_is_the_slope_of_the_drawn_function(function):
    live = activation_explorer.live()
    live.set(function=function, a=1.7)
    x, fx = _data(live, "f")
    _, dfx = _data(live, "df")
    slope = np.gradient(fx, x)
    np.testing.assert_allclose(slope[1:-1], dfx[1:-1], atol=2e-4)


def test_tanh_maximum_is_a_at_zero():
    live = activation_explorer.live()
    live.set(function="tanh", a=2.0)
    np.testing.assert_allclose(_data(live, "max_point")[0], [0.0])
    np.testing.assert_allclose(_data(live, "max_point")[1], [2.0])
    assert "이론값 a = 2.0000" in _note(live)


def test_relu_maximum_is_the_whole_positive_half_line():
    live = activation_explorer.live()
    live.set(function="relu", a=3.0)
    assert len(_data(live, "max_point")[0]) == 0  # 한 점이 아니다
    x, y = _data(live, "max_span")
    assert x.min() > 0 and x.max() == pytest.approx(6.0) and len(x) == int((X_GRID > 0).sum())
    np.testing.assert_allclose(y, 3.0)
    assert "x > 0 전체" in _note(live)


def test_leaky_relu_alpha_sets_the_negative_slope():
    live = activation_explorer.live()
    live.set(function="leaky_relu")
    live.set(a=2.0)
    live.set(alpha=0.3)
    assert live.errors == []
    x, fx = _data(live, "f")
    _, dfx = _data(live, "df")
    neg = x < 0
    np.testing.assert_allclose(dfx[neg], 2.0 * 0.3)
    np.testing.assert_allclose(dfx[x > 0], 2.0)
    np.testing.assert_allclose(fx[neg], 0.3 * 2.0 * x[neg])
    assert "αa = 0.6000" in _note(live)
    # α = 0이면 렐루와 같다.
    live.set(alpha=0.0)
    np.testing.assert_allclose(_data(live, "f")[1], np.maximum(2.0 * X_GRID, 0))


def test_alpha_does_not_change_other_functions():
    live = activation_explorer.live()
    before = _data(live, "df")[1].copy()
    live.set(alpha=0.9)
    np.testing.assert_array_equal(_data(live, "df")[1], before)


def test_step_has_no_maximum_mark_and_says_why():
    live = activation_explorer.live()
    live.set(function="step")
    assert len(_data(live, "max_point")[0]) == 0 and len(_data(live, "max_span")[0]) == 0
    assert np.all(_data(live, "df")[1] == 0)
    assert "미분할 수 없다" in _note(live)


def test_softplus_derivative_is_the_sigmoid_and_its_maximum_is_at_the_right_end():
    live = activation_explorer.live()
    live.set(function="softplus", a=1.5)
    x, y = _data(live, "max_point")
    np.testing.assert_allclose(x, [6.0])
    np.testing.assert_allclose(y, [1.5 * _sigma(9.0)])
    assert "a = 1.5000에 다가간다" in _note(live)


def test_every_parameter_updates_in_place_and_the_picture_changes():
    live = activation_explorer.live()
    created = live.canvas.created
    png = bytes(live.image.value)
    # α는 리키 렐루에서만 그림을 바꾸므로 리키 렐루를 고른 뒤에 바꾼다.
    changes = [dict(function=f) for f in FUNCTIONS if f != "sigmoid"] + [
        dict(a=0.2), dict(a=5.0), dict(function="leaky_relu"), dict(alpha=0.0), dict(alpha=1.0),
        dict(function="sigmoid", a=1.0)]
    for change in changes:
        live.set(**change)
        assert live.errors == []
        assert live.canvas.created == created  # 새 그림 요소를 만들지 않았다
        assert bytes(live.image.value) != png, change
        png = bytes(live.image.value)


def test_extreme_settings_stay_finite():
    live = activation_explorer.live()
    for function in FUNCTIONS:
        live.set(function=function, a=5.0, alpha=1.0)
        assert live.errors == []
        for key in ("f", "df"):
            assert np.all(np.isfinite(_data(live, key)[1]))
        lo, hi = live.canvas.axes[1].get_ylim()
        assert np.isfinite(lo) and np.isfinite(hi) and hi > lo
    # 이 탐색기는 학습하지 않으므로 발산이 없다: 어떤 설정에서도 '발산'이라고 적지 않는다.
    assert "발산" not in _note(live)


def test_out_of_range_values_are_reported():
    live = activation_explorer.live()
    live.update(a=0.0)
    assert len(live.errors) == 1 and "0.2~5.0" in live.errors[0]
    with pytest.raises(ValueError, match="쓸 수 있는 이름"):
        scaled_activation("swish")


def test_static_figure_has_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for function in FUNCTIONS:
            canvas = activation_explorer.render(function=function)
            canvas.figure.canvas.draw()
    plt.close("all")
