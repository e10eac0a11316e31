"""경사 하강법 탐색기 (5장): 조작하면 그림 요소가 제자리에서 바뀌고, 그림이 a(n+1) = a(n) − η f′(a(n))을 따른다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.explorers.gradient_descent import FUNCTIONS, Shelf, gradient_descent_explorer, gradient_descent_run
from nnbook.gradcheck import numerical_gradient


def _xy(live, key):
    x, y = live.canvas._artists[key].get_data()
    return np.asarray(x, float), np.asarray(y, float)


def _text(live, key):
    return live.canvas._artists[key].get_text()


def _right_title(live):
    return live.canvas.axes[1].get_title()


@pytest.fixture
def live():
    return gradient_descent_explorer.live()


def test_defaults():
    assert gradient_descent_explorer.defaults() == {
        "function": "quartic", "learning_rate": 0.03, "start": 1.6, "steps": 40}


def test_every_parameter_redraws_in_place(live):
    created = live.canvas.created
    png = live.image.value
    for change in ({"learning_rate": 0.1}, {"start": -1.5}, {"steps": 12}, {"function": "parabola"},
                   {"function": "shelf"}, {"learning_rate": 1.2}, {"function": "quartic"}):
        live.set(**change)
        assert live.errors == [], change
        assert live.image.value != png, change
        png = live.image.value
    assert live.canvas.created == created  # 첫 그림 뒤로 새 그림 요소를 만들지 않았다


def test_parabola_path_follows_the_update_rule(live):
    # f = a², f′ = 2a: a(n+1) = a(n) − 0.1·2a(n) = 0.8·a(n)
    live.set(function="parabola", learning_rate=0.1, start=2.0, steps=5)
    assert live.errors == []
    x, y = _xy(live, "path")
    np.testing.assert_allclose(x, 2.0 * 0.8 ** np.arange(6))
    np.testing.assert_allclose(y, x ** 2)
    n, values = _xy(live, "values")
    np.testing.assert_array_equal(n, np.arange(6))
    np.testing.assert_allclose(values, x ** 2)
    # 첫 접선 조각의 기울기는 f′(2) = 4이고, 조각의 가운데는 (2, 4)이다.
    tx, ty = _xy(live, "tangents")
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(4.0)
    assert ((tx[0] + tx[1]) / 2, (ty[0] + ty[1]) / 2) == (pytest.approx(2.0), pytest.approx(4.0))
    assert _text(live, "diverged") == ""


def test_steps_set_the_number_of_points(live):
    live.set(function="parabola", learning_rate=0.2)
    for steps in (1, 7, 60):
        live.set(steps=steps)
        assert len(_xy(live, "path")[0]) == steps + 1
        assert live.canvas.axes[1].get_xlim() == (-0.5, steps + 0.5)


@pytest.mark.parametrize("eta, kind", [(0.3, "monotone"), (0.7, "oscillating"), (1.0, "bouncing"), (1.05, "diverging")])
def test_learning_rate_regimes_on_the_parabola(live, eta, kind):
    # a(n+1) = (1 − 2η) a(n): 0 < η ≤ 0.5 곧장, 0.5 < η < 1 진동하며 수렴, η = 1 제자리 진동, η > 1 발산
    live.set(function="parabola", learning_rate=eta, start=2.0, steps=30)
    assert live.errors == []
    x, _ = _xy(live, "path")
    diverged = _text(live, "diverged")
    if kind == "diverging":
        assert diverged == "발산" and "발산" in _right_title(live)
        assert np.all(np.isfinite(x)) and np.max(np.abs(x)) <= FUNCTIONS["parabola"][4]
        np.testing.assert_allclose(x, 2.0 * (1 - 2 * eta) ** np.arange(len(x)))
        assert len(x) < 31  # 한계를 넘자 멈췄다
    else:
        assert diverged == ""
        np.testing.assert_allclose(x, 2.0 * (1 - 2 * eta) ** np.arange(31), atol=1e-12)
        if kind == "monotone":
            assert np.all(x > 0)
        elif kind == "oscillating":
            assert np.all(np.sign(x[:10]) == (-1.0) ** np.arange(10)) and abs(x[-1]) < 1e-3
        else:
            np.testing.assert_allclose(np.abs(x), 2.0)


def test_divergence_is_shown_and_cleared(live):
    live.set(learning_rate=1.2, start=2.0)  # 골짜기 둘: 첫걸음에 a ≈ −26.9
    assert live.errors == []
    assert _text(live, "diverged") == "발산"
    x, y = _xy(live, "path")
    assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert len(x) == 1  # 출발점만 남는다
    lo, hi = live.canvas.axes[1].get_ylim()
    assert np.isfinite(lo) and np.isfinite(hi)
    live.set(learning_rate=0.03)
    assert _text(live, "diverged") == ""
    assert "발산" not in _right_title(live)


def test_local_and_global_minimum_depend_on_the_start(live):
    quartic = FUNCTIONS["quartic"][1]
    global_min, local_min = quartic.minima
    live.set(start=1.6, learning_rate=0.03, steps=60)
    assert _xy(live, "end")[0][0] == pytest.approx(local_min, abs=1e-4)
    assert "지역 최솟값" in _right_title(live)
    live.set(start=-0.3)
    assert _xy(live, "end")[0][0] == pytest.approx(global_min, abs=1e-4)
    assert "전역 최솟값" in _right_title(live)
    # 같은 출발점 1.6에서도 학습률을 키우면 골짜기를 넘어 전역 최솟값에 간다
    live.set(start=1.6, learning_rate=0.2)
    assert _xy(live, "end")[0][0] == pytest.approx(global_min, abs=1e-4)


def test_shelf_stalls_on_the_flat_point_but_not_from_the_right(live):
    live.set(function="shelf", learning_rate=0.05, start=-2.0, steps=60)
    x, _ = _xy(live, "path")
    assert -0.2 < x[-1] < 0 and np.all(np.diff(x) > 0)  # 오른쪽으로만 가지만 0을 넘지 못한다
    live.set(start=0.5, learning_rate=0.3)  # 턱의 오른쪽에서는 최솟값 1로 간다
    assert _xy(live, "end")[0][0] == pytest.approx(1.0, abs=1e-4)


def test_shelf_gradient_and_minimum():
    shelf = Shelf()
    for a in (-1.3, 0.4, 1.7):
        x = np.array([a])
        numeric = numerical_gradient(lambda: float(shelf.value(x[0])), x)[0]
        assert float(shelf.gradient(a)) == pytest.approx(numeric, rel=1e-7)
    assert float(shelf.gradient(0.0)) == 0.0 and float(shelf.gradient(1.0)) == 0.0
    assert float(shelf.value(1.0)) == -0.25 and float(shelf.second_derivative(1.0)) == 3.0


def test_run_never_returns_non_finite_values():
    for name in FUNCTIONS:
        for eta in (0.01, 0.5, 1.2):
            for start in (-2.0, 0.3, 2.0):
                points, values, diverged = gradient_descent_run(name, eta, start, 60)
                assert len(points) >= 1 and np.all(np.isfinite(points)) and np.all(np.isfinite(values))
                assert np.max(np.abs(points)) <= FUNCTIONS[name][4]


def test_static_figure_has_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        canvas = gradient_descent_explorer.render(learning_rate=1.2, start=2.0)
        canvas.figure.canvas.draw()
    plt.close("all")
