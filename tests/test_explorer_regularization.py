"""규제 탐색기 (12장): λ = 0과 비율 0은 규제 없는 신경망과 같고, λ가 크면 가중치가 작고, 모든 격자 상태가 그려진다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import SGD, Dense, Sequential
from nnbook.explorers.regularization import (EPOCHS, LEARNING_RATE, MOMENTUM, build_model, kernel_norm, make_data,
                                             regularization_explorer, train, train_state)
from nnbook.losses import BinaryCrossentropy


def _text(live, key):
    return live.canvas._artists[key].get_text()


def test_defaults_and_grid():
    assert regularization_explorer.defaults() == {"weight_decay": 0.0, "rate": 0.0, "dataset": "moons"}
    assert 10 <= len(regularization_explorer.grid_states()) <= 200


def test_no_regularization_equals_a_plain_network():
    # 드롭아웃 층도 L2 규제도 없는 신경망을 따로 만들어 같은 씨앗, 같은 옵티마이저로 학습시킨다.
    X, y, Xv, yv = make_data("moons", 0)
    plain = Sequential([Dense(64, activation="relu", kernel_initializer="he_normal"),
                        Dense(64, activation="relu", kernel_initializer="he_normal"),
                        Dense(1, activation="sigmoid", kernel_initializer="he_normal")], seed=0)
    plain.build((2,))
    plain.compile(SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM), "binary_crossentropy")
    epochs = 40
    plain.fit(X, y, epochs=epochs, batch_size=len(X))
    model, train_loss, validation_loss, diverged_at = train(0.0, 0.0, "moons", epochs=epochs)
    assert diverged_at is None and len(train_loss) == epochs
    dense = [layer for layer in model.layers if "kernel" in layer.params]
    for mine, ref in zip(dense, plain.layers):
        for a, b in zip(mine.get_weights(), ref.get_weights()):
            np.testing.assert_array_equal(a, b)
    bce = BinaryCrossentropy()
    assert train_loss[-1] == pytest.approx(bce(y, plain.predict(X)), rel=1e-12)
    assert validation_loss[-1] == pytest.approx(bce(yv, plain.predict(Xv)), rel=1e-12)


def test_regularizer_is_the_lectures_weight_decay():
    # 한 걸음: 규제를 건 커널은 W(1 − ηλ) − η∂L/∂W로, 편향은 규제 없이 갱신된다 (모멘텀 0으로 본다).
    X, y, _, _ = make_data("moons", 0)
    lam, eta = 0.05, 0.3
    model = build_model(lam, 0.0)
    before = [layer.get_weights() for layer in model.layers if "kernel" in layer.params]
    model.compile(SGD(learning_rate=eta), "binary_crossentropy")
    model.compute_gradients(X, y)
    data_grads = [(layer.grads["kernel"] - lam * layer.params["kernel"], layer.grads["bias"].copy())
                  for layer in model.layers if "kernel" in layer.params]
    model.train_on_batch(X, y)
    after = [layer.get_weights() for layer in model.layers if "kernel" in layer.params]
    for (k0, b0), (gk, gb), (k1, b1) in zip(before, data_grads, after):
        np.testing.assert_allclose(k1, k0 * (1 - eta * lam) - eta * gk, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(b1, b0 - eta * gb, rtol=1e-12, atol=1e-15)


def test_larger_weight_decay_gives_smaller_weights():
    grid = regularization_explorer.param("weight_decay").grid_values()
    for rate in (0.0, 0.4):
        norms = [train_state(lam, rate, "moons").kernel_norm for lam in grid]
        assert all(a > b for a, b in zip(norms, norms[1:])), (rate, norms)
    # 규제가 없으면 학습 점을 외운다: 학습 손실은 작고 검증 손실은 최저점에서 다시 크게 오른다.
    free = train_state(0.0, 0.0, "moons")
    assert free.train_loss[-1] < 0.05 and free.validation_loss[-1] > 2 * free.validation_loss.min()
    # 알맞은 λ는 끝의 검증 손실을 크게 줄인다.
    assert train_state(0.01, 0.0, "moons").validation_loss[-1] < 0.5 * free.validation_loss[-1]


def test_dropout_changes_training_only():
    # 드롭아웃 비율이 있어도 시작 가중치는 같고, 추론(predict)에서는 드롭아웃 층이 아무것도 하지 않는다.
    a, b = build_model(0.0, 0.0), build_model(0.0, 0.6)
    X, _, _, _ = make_data("moons", 0)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))
    assert kernel_norm(a) == kernel_norm(b)
    assert not np.array_equal(train_state(0.0, 0.4, "moons").train_loss, train_state(0.0, 0.0, "moons").train_loss)


def test_every_grid_state_renders_in_place():
    live = regularization_explorer.live()
    created = live.canvas.created
    for state in regularization_explorer.grid_states():
        live.set(**state)
        assert live.errors == [], (state, live.errors)
        assert _text(live, "diverged") == ""
        trained = train_state(state["weight_decay"], state["rate"], state["dataset"])
        assert len(live.canvas._artists["train"].get_xdata()) == EPOCHS
        assert f"{trained.validation_accuracy:.2f}" in _text(live, "map_title")
        best = int(np.argmin(trained.validation_loss)) + 1
        assert list(live.canvas._artists["t_opt"].get_xdata()) == [best, best]
    assert live.canvas.created == created      # 그림 요소를 새로 만들지 않고 제자리에서 바꾸었다
    live.set(dataset="circles")                # 격자 밖(Jupyter에서만 고를 수 있는) 데이터도 그린다
    assert live.errors == [] and "검증" in _text(live, "map_title")


def test_revisiting_a_state_does_not_retrain():
    train_state.cache_clear()
    first = train_state(0.003, 0.2, "moons")
    assert train_state(0.003, 0.2, "moons") is first
    assert train_state.cache_info().hits >= 1


def test_divergence_is_labelled(monkeypatch):
    import nnbook.explorers.regularization as module

    # SGD의 가중치 감쇠는 ηλ > 2이면 W(1 − ηλ)가 걸음마다 부호를 바꾸며 커져 발산한다 (여기서는 |1 − 5| = 4배).
    monkeypatch.setattr(module, "LEARNING_RATE", 50.0)
    module.train_state.cache_clear()
    try:
        live = regularization_explorer.live(weight_decay=0.1)
        assert live.errors == []
        assert _text(live, "diverged") == "발산" and _text(live, "map_diverged") == "발산"
        assert "발산" in _text(live, "loss_title")
        assert len(live.canvas._artists["boundary"].get_data()[0]) == 0
    finally:
        module.train_state.cache_clear()


def test_static_figure_has_no_glyph_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        canvas = regularization_explorer.render(weight_decay=0.01, rate=0.4)
        canvas.figure.canvas.draw()
    plt.close("all")


def test_bad_dataset_is_reported():
    with pytest.raises(ValueError, match="데이터는"):
        make_data("spiral")
