"""기울기 소실 탐색기 (8장): 모든 매개변수가 움직이고, 그림이 제자리에서 바뀌며, 그림이 수학과 맞는다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.explorers.vanishing import layer_gradients, vanishing_explorer, verdict


def _norms_line(live):
    return np.asarray(live.canvas._artists["norms"].get_ydata(), dtype=float)


def _verdict_text(live):
    return live.canvas._artists["verdict"].get_text()


def test_defaults():
    assert vanishing_explorer.defaults() == {"activation": "sigmoid", "depth": 10, "initializer": "glorot", "width": 32}


def test_every_parameter_moves_the_drawing_in_place():
    live = vanishing_explorer.live()
    created = live.canvas.created
    png = live.image.value
    for change in ({"activation": "tanh"}, {"depth": 17}, {"initializer": "he"}, {"width": 64},
                   {"activation": "relu"}, {"activation": "leaky_relu"}, {"initializer": "normal"},
                   {"depth": 2}, {"depth": 30}, {"width": 8}, {"activation": "sigmoid"}, {"initializer": "glorot"}):
        before = _norms_line(live).copy()
        live.set(**change)
        assert live.errors == [], (change, live.errors)
        after = _norms_line(live)
        assert before.shape != after.shape or not np.allclose(before, after, equal_nan=True), change
        assert live.image.value != png
        png = live.image.value
    assert live.canvas.created == created  # 처음 그린 뒤로 그림 요소를 새로 만들지 않았다


def test_one_point_per_layer():
    live = vanishing_explorer.live()
    for depth in (2, 11, 30):
        live.set(depth=depth)
        x = live.canvas._artists["norms"].get_xdata()
        # 은닉층 depth개와 출력층 하나
        np.testing.assert_array_equal(x, np.arange(1, depth + 2))
        assert len(live.canvas._artists["derivative"].get_xdata()) == depth


def test_sigmoid_with_glorot_vanishes_by_about_a_quarter_per_layer():
    live = vanishing_explorer.live(activation="sigmoid", initializer="glorot", depth=10, width=32)
    norms = _norms_line(live)
    assert norms[0] < 1e-3 * norms[-1]
    assert "기울기 소실" in _verdict_text(live)
    # 은닉층 사이의 평균 감소율: 도함수가 0.25를 넘지 않으므로 층마다 대략 0.25배 (0.1~0.4배)
    per_layer = (norms[0] / norms[-2]) ** (1 / (len(norms) - 2))
    assert 0.1 < per_layer < 0.4
    mean_derivative = np.asarray(live.canvas._artists["derivative"].get_ydata())
    assert np.all(mean_derivative <= 0.25 + 1e-12) and np.all(mean_derivative > 0.2)


def test_relu_with_he_keeps_the_gradient():
    live = vanishing_explorer.live(activation="relu", initializer="he", depth=30, width=64)
    norms = _norms_line(live)
    assert 0.1 < norms[0] / norms[-1] < 10
    assert "고르게" in _verdict_text(live)
    # 렐루의 도함수는 0 또는 1이므로 평균은 켜진 노드의 비율이다 (He 초기화에서 대략 절반).
    mean_derivative = np.asarray(live.canvas._artists["derivative"].get_ydata())
    assert np.all((mean_derivative > 0.3) & (mean_derivative < 0.7))


def test_guide_line_falls_by_a_quarter_per_layer():
    live = vanishing_explorer.live(activation="tanh", depth=6)
    guide = np.asarray(live.canvas._artists["guide"].get_ydata())
    np.testing.assert_allclose(guide[:-1] / guide[1:], 0.25)
    assert guide[-1] == pytest.approx(_norms_line(live)[-1])


def test_exploding_setting_says_it_diverges():
    # 표준편차 1인 가중치(fan_in과 상관없이)로 렐루 30층: 기울기가 10¹⁰배를 넘게 커진다.
    live = vanishing_explorer.live(activation="relu", initializer="normal", depth=30, width=64)
    assert live.errors == []
    text = _verdict_text(live)
    assert "기울기 폭주" in text and "발산" in text
    assert np.all(np.isfinite(_norms_line(live)))


def test_non_finite_gradients_are_reported_as_divergence():
    message, _ = verdict(np.array([np.inf, 1.0, np.nan]))
    assert message.startswith("발산")


def test_gradients_match_numerical_differentiation():
    from nnbook import Dense, Sequential
    from nnbook.explorers.vanishing import _batch
    from nnbook.gradcheck import numerical_gradient, relative_error
    from nnbook.losses import CategoricalCrossentropy

    norms, mean_derivative = layer_gradients("tanh", 3, "glorot", 8)
    assert norms.shape == (4,) and mean_derivative.shape == (3,)
    again, _ = layer_gradients("tanh", 3, "glorot", 8)
    np.testing.assert_array_equal(norms, again)  # 같은 매개변수면 같은 가중치 (씨앗 고정)

    # 같은 신경망을 다시 만들어 첫 은닉층 가중치의 기울기를 중앙 차분으로 구한다.
    X, Y = _batch()
    model = Sequential([Dense(8, activation="tanh") for _ in range(3)] + [Dense(10, activation="softmax")], seed=0)
    model.build((X.shape[1],))
    kernel = model.layers[0].params["kernel"]
    numeric = numerical_gradient(lambda: CategoricalCrossentropy()(Y, model.forward(X)), kernel)
    assert relative_error(np.linalg.norm(numeric), norms[0]) < 1e-7


def test_static_figure_has_no_glyph_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for state in ({}, {"activation": "relu", "initializer": "normal", "depth": 30, "width": 64}):
            canvas = vanishing_explorer.render(**state)
            canvas.figure.canvas.draw()
    plt.close("all")
