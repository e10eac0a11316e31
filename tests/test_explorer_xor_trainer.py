"""XOR 학습 탐색기 (7장): Sequential 학습이 손으로 쓴 NumPy 학습과 같고, 조작하면 그림 요소가 제자리에서 바뀐다."""

import html
import importlib.util
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnbook
from nnbook.explorers.xor_trainer import DIVERGENCE_LOSS, run, train, xor_model, xor_trainer_explorer

X, Y = nnbook.datasets.logic_gate("xor")
Y_COL = Y.reshape(-1, 1)

_F = {"tanh": (np.tanh, lambda a: 1 - a * a), "relu": (lambda z: np.maximum(z, 0), lambda a: (a > 0) * 1.0),
      "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda a: a * (1 - a)), "linear": (lambda z: z, np.ones_like)}


def reference_training(weights, activation, output, lr, mu, epochs):
    """같은 규칙을 교과서대로 쓴 NumPy 학습: 순전파, 평균 제곱 오차, 역전파 δ = (δ·Wᵀ) ⊙ f′, Keras의 모멘텀."""
    w1, b1, w2, b2 = (w.copy() for w in weights)
    params = [w1, b1, w2, b2]
    velocity = [np.zeros_like(p) for p in params]
    (f1, d1), (f2, d2) = _F[activation], _F[output]
    losses = []
    for _ in range(epochs):
        h = f1(X @ w1 + b1)
        o = f2(h @ w2 + b2)
        losses.append(np.mean((o - Y_COL) ** 2))
        delta2 = 2 * (o - Y_COL) / o.size * d2(o)
        delta1 = delta2 @ w2.T * d1(h)
        grads = [X.T @ delta1, delta1.sum(axis=0), h.T @ delta2, delta2.sum(axis=0)]
        for p, v, g in zip(params, velocity, grads):
            if mu:
                v[...] = mu * v - lr * g
                p += v
            else:
                p -= lr * g
    return params, np.array(losses)


def _weights(model):
    return [w for layer in model.layers for w in layer.get_weights()]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("output", ["sigmoid", "linear"])
@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_explorer_training_matches_a_hand_written_numpy_loop(activation, output, momentum):
    start = _weights(xor_model(3, activation, output, seed=1))
    model, losses, diverged_at = train(3, activation, output, 0.3, momentum, 30, seed=1)
    ref_weights, ref_losses = reference_training(start, activation, output, 0.3, momentum, 30)
    assert diverged_at is None
    for mine, ref in zip(_weights(model), ref_weights):
        np.testing.assert_allclose(mine, ref, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-10, atol=1e-15)


def test_explorer_training_matches_pytorch_when_available():
    # PyTorch의 모멘텀 v ← μv + g, θ ← θ − ηv는 Keras의 v ← μv − ηg와 η가 일정할 때 같은 궤적이다.
    # 같은 시작 가중치의 PyTorch 신경망은 성능 측정(bench/bench_tiny.py)이 만드는 것을 그대로 쓴다.
    pytest.importorskip("torch")
    spec = importlib.util.spec_from_file_location("bench_tiny", Path(__file__).parents[1] / "bench" / "bench_tiny.py")
    bench_tiny = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_tiny)
    torch_run, _ = bench_tiny.torch_setup()
    _, losses, _ = train(4, "tanh", "sigmoid", 0.1, 0.9, 200, seed=0)
    np.testing.assert_allclose(losses, torch_run(200, shuffle=False), rtol=1e-9)


def test_divergence_stops_training_above_the_limit():
    model, losses, diverged_at = train(4, "tanh", "linear", 2.0, 0.9, 1000, seed=0)
    assert diverged_at is not None and len(losses) == diverged_at - 1
    assert np.all(np.isfinite(losses)) and losses.max() <= DIVERGENCE_LOSS
    # 멈추기 전까지의 손실은 같은 설정의 긴 학습과 같다 (멈춘 에포크에서만 학습을 끊었다).
    _, ref_losses = reference_training(_weights(xor_model(4, "tanh", "linear", seed=0)), "tanh", "linear", 2.0, 0.9,
                                       diverged_at)
    np.testing.assert_allclose(losses, ref_losses[:len(losses)], rtol=1e-8)
    assert ref_losses[diverged_at - 1] > DIVERGENCE_LOSS


def test_default_state_learns_xor():
    values = xor_trainer_explorer.defaults()
    assert values == {"learning_rate": 0.1, "momentum": 0.9, "activation": "tanh", "hidden_units": 4,
                      "epochs": 1000, "seed": 0, "output": "sigmoid"}  # 002 강의의 lr, mo와 2-4-1 신경망
    model, losses, diverged_at = run(values)
    assert diverged_at is None and len(losses) == 1000
    assert losses[-1] < 0.01 * losses[0]
    assert np.array_equal(model.predict(X)[:, 0] > 0.5, Y > 0.5)


def _loss_line(live):
    return live.canvas._artists["loss"].get_data()


def _final_loss(live):
    return float(np.asarray(_loss_line(live)[1])[-1])


def _text(live, key):
    return live.canvas._artists[key].get_text()


def _caption(live):
    """요약 글(그림 위의 HTML 글). 조작기의 그림에는 그려지지 않고, HTML 글에 줄마다 들어 있다."""
    text, _ = live.renderer.caption
    assert "caption" not in live.canvas._artists
    assert all(html.escape(line) in live.caption.value for line in text.split("\n"))
    return text


def test_every_parameter_redraws_in_place_as_the_maths_says():
    live = xor_trainer_explorer.live()
    created = live.canvas.created
    assert "4개를 맞힘" in _text(live, "map_title")
    base_final = _final_loss(live)
    base_first = float(np.asarray(_loss_line(live)[1])[0])

    # 처음 손실은 nnbook 모델이 학습 전에 내는 평균 제곱 오차다.
    model = xor_model(4, "tanh", "sigmoid", seed=0)
    model.compile("sgd", "mse")
    assert base_first == pytest.approx(model.evaluate(X, Y_COL), rel=1e-12)

    live.set(epochs=500)                       # 에포크 수만큼 점이 있다
    assert len(_loss_line(live)[0]) == 500 and live.canvas._artists["loss"].axes.get_xlim() == (0, 500)
    live.set(epochs=1000)

    live.set(learning_rate=0.01)               # 학습률이 작으면 같은 에포크 뒤에도 손실이 크다
    assert _final_loss(live) > 10 * base_final
    live.set(learning_rate=0.1)

    live.set(momentum=0.0)                     # 모멘텀을 끄면 실제 걸음이 1/(1 − 0.9) = 10배 작아 느리다
    assert _final_loss(live) > 10 * base_final
    live.set(momentum=0.9)
    assert _final_loss(live) == pytest.approx(base_final, rel=1e-12)

    for activation in ("sigmoid", "relu"):
        live.set(activation=activation)
        assert f"({'시그모이드' if activation == 'sigmoid' else '렐루'}-시그모이드)" in _caption(live)
        assert _final_loss(live) != pytest.approx(base_final)
    live.set(activation="tanh")

    live.set(hidden_units=2)
    assert _caption(live).startswith("2-2-1")
    live.set(hidden_units=4)

    live.set(seed=3)                           # 씨앗이 다르면 시작 가중치가 달라 처음 손실이 다르다
    assert float(np.asarray(_loss_line(live)[1])[0]) != pytest.approx(base_first)
    live.set(seed=0)

    live.set(output="linear")
    assert "(tanh-선형)" in _caption(live)
    live.set(output="sigmoid")

    # 출력값 글자는 신경망의 출력과 같다.
    model, _, _ = run(live.values)
    outputs = model.predict(X)[:, 0]
    assert [_text(live, f"out{i}") for i in range(4)] == [f"{v:.2f}" for v in outputs]
    # 빨간 결정 경계 위의 점에서는 신경망의 출력이 0.5다 (격자 사이를 직선으로 이은 오차만큼만 다르다).
    bx, by = (np.asarray(a) for a in live.canvas._artists["boundary"].get_data())
    on_line = np.isfinite(bx)
    assert on_line.sum() > 50
    np.testing.assert_allclose(model.predict(np.column_stack([bx[on_line], by[on_line]]))[:, 0], 0.5, atol=0.02)
    assert live.errors == []
    assert live.canvas.created == created      # 새 그림 요소를 만들지 않았다


def test_divergence_is_shown_not_drawn():
    live = xor_trainer_explorer.live()
    created = live.canvas.created
    live.set(output="linear", learning_rate=2.0)
    assert live.errors == []
    assert _text(live, "diverged") == "발산" and _text(live, "map_diverged") == "발산"
    assert "에포크에서 손실이" in _caption(live)
    loss_y = np.asarray(_loss_line(live)[1])
    assert np.all(np.isfinite(loss_y)) and loss_y.max() <= DIVERGENCE_LOSS
    image = live.canvas._artists["output"].get_array()
    assert np.all(np.asarray(image)[..., 3] == 0)            # 결정 경계 자리는 비운다
    assert all(_text(live, f"out{i}") == "" for i in range(4))
    assert len(live.canvas._artists["boundary"].get_data()[0]) == 0
    live.set(learning_rate=0.1)
    assert _text(live, "diverged") == "" and "4개를 맞힘" in _text(live, "map_title")
    assert live.canvas.created == created


def test_sigmoid_output_saturates_instead_of_diverging():
    # 출력이 (0, 1)에 갇혀 있으므로 손실은 1을 넘지 못한다: 학습률이 커도 '발산'이 아니다.
    for activation in ("sigmoid", "tanh", "relu"):
        values = dict(xor_trainer_explorer.defaults(), activation=activation, learning_rate=5.0, momentum=0.99,
                      epochs=500)
        _, losses, diverged_at = run(values)
        assert diverged_at is None and losses.max() < 1.0


def test_static_figures_have_no_glyph_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for overrides in ({}, {"output": "linear", "learning_rate": 2.0}, {"activation": "relu", "seed": 5}):
            canvas = xor_trainer_explorer.render(**overrides)
            canvas.figure.canvas.draw()
    plt.close("all")


def test_bad_names_are_reported():
    with pytest.raises(ValueError, match="은닉층 활성화 함수"):
        xor_model(4, "softmax")
    with pytest.raises(ValueError, match="출력층 활성화 함수"):
        xor_model(4, "tanh", "relu")
