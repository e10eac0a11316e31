"""Dense, Activation 층과 Sequential: 기울기 확인, 손으로 계산한 갱신, 함정들."""

import numpy as np
import pytest

from nnbook import SGD, Activation, Dense, MeanSquaredError, Sequential, TrainingDiverged, losses, optimizers
from nnbook.gradcheck import check_layer, numerical_gradient, relative_error


@pytest.mark.parametrize("activation", [None, "sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("use_bias", [True, False])
def test_dense_gradients(activation, use_bias):
    layer = Dense(3, activation=activation, use_bias=use_bias)
    layer.build((4,), np.random.default_rng(0))
    x = np.random.default_rng(1).standard_normal((5, 4))
    errors = check_layer(layer, x)
    assert set(errors) == {"x", "kernel"} | ({"bias"} if use_bias else set())
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_activation_layer_gradient(activation):
    layer = Activation(activation)
    x = np.random.default_rng(2).standard_normal((6, 3))
    assert check_layer(layer, x)["x"] < 1e-7


def test_check_layer_detects_a_wrong_backward():
    class WrongDense(Dense):
        def backward(self, dout):
            dx = super().backward(dout)
            self.grads["kernel"] = self.grads["kernel"] * 1.01  # 1% 틀린 기울기
            return dx

    layer = WrongDense(2)
    layer.build((3,), np.random.default_rng(0))
    errors = check_layer(layer, np.random.default_rng(1).standard_normal((4, 3)))
    assert errors["kernel"] > 1e-3 and errors["x"] < 1e-7


def test_mse_value_and_gradient():
    loss = MeanSquaredError()
    y_true = np.array([[0.0, 1.0], [1.0, 0.0]])
    y_pred = np.array([[0.5, 0.5], [1.0, 1.0]])
    assert loss(y_true, y_pred) == pytest.approx((0.25 + 0.25 + 0 + 1) / 4)
    numeric = numerical_gradient(lambda: loss(y_true, y_pred), y_pred)
    assert relative_error(loss.gradient(y_true, y_pred), numeric) < 1e-7


def test_whole_model_gradient_matches_numerical():
    model = Sequential([Dense(5, activation="tanh"), Dense(4, activation="sigmoid"), Dense(2)], seed=3)
    rng = np.random.default_rng(4)
    x, y = rng.standard_normal((6, 3)), rng.standard_normal((6, 2))
    model.build((3,))
    loss = MeanSquaredError()
    model.backward(loss.gradient(y, model.forward(x)))
    analytic = {k: g.copy() for k, g in model.grads.items()}
    for key, param in model.params.items():
        numeric = numerical_gradient(lambda: loss(y, model.forward(x)), param)
        assert relative_error(analytic[key], numeric) < 1e-7, key


def test_sgd_plain_step_by_hand():
    w = np.array([1.0, -2.0])
    SGD(learning_rate=0.1).update({"w": w}, {"w": np.array([0.5, -1.0])})
    np.testing.assert_allclose(w, [1.0 - 0.05, -2.0 + 0.1])


def test_sgd_momentum_and_nesterov_follow_keras_rule_over_many_steps():
    rng = np.random.default_rng(0)
    grads = rng.standard_normal((25, 3))
    for nesterov in (False, True):
        lr, mu = 0.05, 0.9
        w = np.array([0.3, -0.2, 1.0])
        opt = SGD(learning_rate=lr, momentum=mu, nesterov=nesterov)
        expected, v = w.copy(), np.zeros(3)
        for g in grads:
            opt.update({"w": w}, {"w": g})
            v = mu * v - lr * g
            expected = expected + (mu * v - lr * g if nesterov else v)
        np.testing.assert_allclose(w, expected, rtol=1e-14, atol=1e-14)


def test_sgd_bad_hyperparameters():
    with pytest.raises(ValueError, match="학습률.*0"):
        SGD(learning_rate=0)
    with pytest.raises(ValueError, match="momentum.*1.5"):
        SGD(momentum=1.5)
    with pytest.raises(ValueError, match="알 수 없는 옵티마이저 이름 'sdg'.*쓸 수 있는 이름: .*sgd.*'sgd'을\\(를\\) 뜻했는가"):
        optimizers.get("sdg")


def test_layers_do_not_modify_inputs_and_dtype_follows_input():
    model = Sequential([Dense(4, activation="relu"), Activation("sigmoid"), Dense(2)], seed=0)
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    x_before = x.copy()
    out = model.forward(x)
    assert out.dtype == np.float32
    dout = np.ones_like(out)
    dout_before = dout.copy()
    dx = model.backward(dout)
    assert dx.dtype == np.float32
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(dout, dout_before)


def test_fit_learns_xor_with_sigmoid_mlp():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    model = Sequential([Dense(4, activation="tanh"), Dense(1, activation="sigmoid")], seed=1)
    model.compile(SGD(learning_rate=0.5, momentum=0.9), "mse")
    history = model.fit(x, y, epochs=500, batch_size=4)
    assert history.history["loss"][-1] < 0.01 < history.history["loss"][0]
    np.testing.assert_array_equal(model.predict(x).round(), y)


def test_minibatches_are_a_permutation_each_epoch():
    seen = []

    class Spy(Dense):
        def forward(self, x, training=False, **options):
            if training:
                seen.append(x[:, 0].copy())
            return super().forward(x, training, **options)

    x = np.arange(10, dtype=float)[:, None]
    model = Sequential([Spy(1)], seed=0)
    model.compile(SGD(0.001), "mse")
    model.fit(x, np.zeros((10, 1)), epochs=3, batch_size=4)
    epochs = [np.concatenate(seen[i:i + 3]) for i in range(0, 9, 3)]
    for order in epochs:
        assert sorted(order) == list(range(10))  # 모든 샘플이 정확히 한 번
    assert any(not np.array_equal(order, np.arange(10)) for order in epochs)  # 섞였다


def test_diverging_fit_stops_and_reports_the_epoch(capsys):
    x = np.linspace(-1, 1, 8)[:, None] * 100
    model = Sequential([Dense(1)], seed=0)
    model.compile(SGD(learning_rate=10.0), "mse")
    history = model.fit(x, 3 * x, epochs=50, batch_size=8, verbose=1)
    assert history.diverged and 1 < history.diverged_at < 50
    assert len(history.history["loss"]) == history.diverged_at - 1
    assert f"발산: {history.diverged_at}번째 에포크" in capsys.readouterr().out
    model2 = Sequential([Dense(1)], seed=0)
    model2.compile(SGD(learning_rate=10.0), "mse")
    with pytest.raises(TrainingDiverged, match="발산"):
        model2.fit(x, 3 * x, epochs=50, batch_size=8, raise_on_divergence=True)


def test_parameter_count_of_000_xor_mlp():
    model = Sequential([Dense(2, activation="sigmoid"), Dense(1, activation="sigmoid")])
    model.build((2,))
    assert model.count_params() == 6 + 3


def test_000_xor_weights_step_vs_sigmoid():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    model = Sequential([Dense(2, activation="step"), Dense(1, activation="step")])
    model.build((2,))
    model.layers[0].set_weights([[[-2, 2], [-2, 2]], [3, -1]])
    model.layers[1].set_weights([[[1], [1]], [-1]])
    np.testing.assert_array_equal(model.predict(x).ravel(), [0, 1, 1, 0])
    # 같은 가중치에 진짜 시그모이드를 쓰면 XOR이 아니다 (원문과 다른 점 1).
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    hidden = sig(x @ np.array([[-2, 2], [-2, 2]]) + [3, -1])
    expected = sig(hidden @ np.array([1, 1]) - 1)
    model.layers[0].activation = model.layers[1].activation = __import__("nnbook").activations.Sigmoid()
    np.testing.assert_allclose(model.predict(x).ravel(), expected, rtol=1e-14)
    np.testing.assert_allclose(expected.round(4), [0.5552, 0.6135, 0.6135, 0.5552])


# 잘못된 입력 ------------------------------------------------------------------
def test_dense_shape_mismatch_sentence():
    layer = Dense(3, input_dim=4)
    with pytest.raises(ValueError, match=r"input_dim=4.*특징이 2개"):
        layer.forward(np.zeros((5, 2)))
    layer = Dense(3)
    layer.forward(np.zeros((5, 4)))
    with pytest.raises(ValueError, match=r"특징 4개.*\(5, 2\)"):
        layer.forward(np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"2차원 배열.*\(4,\)"):
        layer.forward(np.zeros(4))


def test_model_label_and_loss_mismatch():
    model = Sequential([Dense(2)], seed=0)
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match=r"정답 y의 모양 \(4, 1\).*\(4, 2\)"):
        model.fit(np.zeros((4, 3)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="샘플은 4개인데 정답 y는 3개"):
        model.fit(np.zeros((4, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="batch_size 8.*샘플 수 4"):
        model.fit(np.zeros((4, 3)), np.zeros((4, 2)), batch_size=8)
    with pytest.raises(ValueError, match="NaN"):
        model.fit(np.full((4, 3), np.nan), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="'mse'"):
        losses.get("msee")


def test_set_weights_shape_mismatch():
    layer = Dense(2)
    layer.build((3,), np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"kernel 모양은 \(3, 2\).*\(2, 2\)"):
        layer.set_weights([np.zeros((2, 2)), np.zeros(2)])
    with pytest.raises(ValueError, match="매개변수는 2개"):
        layer.set_weights([np.zeros((3, 2))])


def test_unknown_activation_in_dense_lists_valid_names():
    with pytest.raises(ValueError, match=r"'rellu'.*쓸 수 있는 이름: .*linear, relu, sigmoid, .*step, tanh\. 'relu'을\(를\) 뜻했는가"):
        Dense(3, activation="rellu")
