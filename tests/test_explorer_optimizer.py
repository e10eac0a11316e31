"""옵티마이저 탐색기 (10장): 그림의 경로가 nnbook 옵티마이저의 걸음과 같고, 발산과 안장 탈출을 알린다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.explorers.optimizer import (DIVERGENCE_BOUND, OPTIMIZERS, SADDLE_ESCAPE, SURFACES, optimizer_explorer,
                                        optimizer_run)
from nnbook.optimizers import SGD, Adagrad, Adam, RMSprop


def _xy(live, key):
    x, y = live.canvas._artists[key].get_data()
    return np.asarray(x, float), np.asarray(y, float)


def _steps(optimizer, start, surface, steps):
    """옵티마이저를 직접 불러 걸은 점들 (탐색기와 따로 계산한 참값)."""
    p, points = np.array(start, float), [np.array(start, float)]
    for _ in range(steps):
        optimizer.update({"w": p}, {"w": surface.gradient(p)})
        points.append(p.copy())
    return np.array(points)


@pytest.fixture
def live():
    return optimizer_explorer.live()


def test_defaults_and_grid():
    assert optimizer_explorer.defaults() == {"optimizer": "momentum", "learning_rate": 0.01, "momentum": 0.9,
                                             "surface": "bowl", "steps": 150}
    assert 10 <= len(optimizer_explorer.grid_states()) <= 200


@pytest.mark.parametrize("name, make", [
    ("momentum", lambda: SGD(0.01, momentum=0.5)),
    ("nesterov", lambda: SGD(0.01, momentum=0.5, nesterov=True)),
    ("adagrad", lambda: Adagrad(0.01)),
    ("rmsprop", lambda: RMSprop(0.01)),
    ("adam", lambda: Adam(0.01, beta_1=0.5)),
])
def test_paths_are_the_optimizers_own_steps(live, name, make):
    live.set(optimizer=name, momentum=0.5, learning_rate=0.01, steps=40, surface="bowl")
    assert live.errors == []
    _, surface, start, *_ = SURFACES["bowl"]
    x, y = _xy(live, "chosen")
    np.testing.assert_allclose(np.column_stack([x, y]), _steps(make(), start, surface, 40), rtol=1e-12, atol=1e-15)
    x, y = _xy(live, "sgd")   # 옆의 경로는 같은 학습률의 모멘텀 없는 SGD다
    np.testing.assert_allclose(np.column_stack([x, y]), _steps(SGD(0.01), start, surface, 40), rtol=1e-12, atol=1e-15)
    # 오른쪽 그림은 걸음마다 f − f* (그릇의 f* = 0)
    n, curve = _xy(live, "chosen_curve")
    np.testing.assert_array_equal(n, np.arange(41))
    np.testing.assert_allclose(curve, np.maximum(surface.value(np.column_stack(_xy(live, "chosen"))), 1e-12))


def test_every_parameter_redraws_in_place(live):
    created = live.canvas.created
    png = live.image.value
    for change in ({"learning_rate": 0.03}, {"momentum": 0.5}, {"optimizer": "adam"}, {"surface": "rosenbrock"},
                   {"steps": 60}, {"surface": "saddle"}, {"optimizer": "rmsprop"}):
        live.set(**change)
        assert live.errors == [], change
        assert live.image.value != png, change
        png = live.image.value
    assert live.canvas.created == created


def test_divergence_is_labelled_and_cleared(live):
    # 로젠브록에서 η = 0.01의 모멘텀은 몇 걸음 만에 튕겨 나간다.
    live.set(surface="rosenbrock", learning_rate=0.01)
    assert live.canvas._artists["diverged"].get_text() == "발산"
    assert "발산" in live.canvas.axes[1].get_title()
    x, y = _xy(live, "chosen")
    assert np.all(np.isfinite(x)) and np.max(np.abs(np.column_stack([x, y]))) <= DIVERGENCE_BOUND
    # Adam은 같은 학습률에서 발산하지 않는다 (걸음의 크기가 학습률 정도로 묶인다). SGD의 발산은 제목에 적힌다.
    live.set(optimizer="adam")
    assert live.canvas._artists["diverged"].get_text() == ""
    assert "SGD: 발산" in live.canvas.axes[1].get_title()
    live.set(surface="bowl")
    assert "발산" not in live.canvas.axes[1].get_title()


def test_saddle_sgd_stays_on_top_while_rmsprop_escapes(live):
    live.set(surface="saddle", optimizer="rmsprop", learning_rate=0.01, steps=300)
    x_sgd, y_sgd = _xy(live, "sgd")
    assert len(x_sgd) == 301 and abs(x_sgd[-1]) < 0.01 and abs(y_sgd[-1]) < 0.5   # 안장점 근처에 머문다
    x, y = _xy(live, "chosen")
    assert abs(y[-1]) > SADDLE_ESCAPE and len(y) < 301                              # 안장을 벗어났다
    assert "안장을 벗어남" in live.canvas.axes[1].get_title()
    assert live.canvas._artists["diverged"].get_text() == ""


def test_mu_is_ignored_only_where_the_optimizer_has_none():
    for name, (_, _, uses_mu) in OPTIMIZERS.items():
        a = optimizer_explorer.render(optimizer=name, momentum=0.5)
        b = optimizer_explorer.render(optimizer=name, momentum=0.9)
        same = np.array_equal(a._artists["chosen"].get_xydata(), b._artists["chosen"].get_xydata())
        assert same is (not uses_mu), name
    plt.close("all")


def test_every_grid_state_renders():
    renderer = optimizer_explorer.renderer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for state in optimizer_explorer.grid_states():
            renderer.update(state)
            renderer.canvas.figure.canvas.draw()
            for key in ("chosen", "sgd", "chosen_curve", "sgd_curve"):
                x, y = renderer.canvas._artists[key].get_data()
                assert np.all(np.isfinite(x)) and np.all(np.isfinite(y)), (state, key)
            chosen = optimizer_run(state["surface"], state["optimizer"], state["learning_rate"],
                                   state["momentum"] if OPTIMIZERS[state["optimizer"]][2] else 0.9, state["steps"])
            label = renderer.canvas._artists["diverged"].get_text()
            assert label == ("발산" if chosen[2] == "diverged" else ""), state
    plt.close("all")
