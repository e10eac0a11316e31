"""가장자리의 입력: 빈 데이터, 잘못된 인자, 발산한 모델, 드러난 학습 경로(check=, need_dx=, 합친 미분, 중간값)."""

import numpy as np
import pytest

from nnbook import (SGD, BatchNormalization, Conv2D, Dense, Dropout, EarlyStopping, Flatten, Perceptron,
                    Sequential, StochasticPooling2D, TrainingDiverged, activations, losses, setup_notebook)
from nnbook.gradcheck import check_layer, numerical_gradient, relative_error


def _compiled(loss="mse"):
    model = Sequential([Dense(3, activation="tanh"), Dense(1)], seed=0)
    model.compile(SGD(0.1), loss)
    return model


# 빈 데이터 (샘플 0개) --------------------------------------------------------------------------

def test_fit_on_empty_data():
    with pytest.raises(ValueError, match=r"입력 x에 값이 하나도 없다: 모양이 \(0, 2\)"):
        _compiled().fit(np.zeros((0, 2)), np.zeros((0, 1)))


def test_evaluate_on_empty_data():
    with pytest.raises(ValueError, match=r"입력 x에 값이 하나도 없다: 모양이 \(0, 2\)"):
        _compiled().evaluate(np.zeros((0, 2)), np.zeros((0, 1)))


def test_predict_on_empty_data():
    model = _compiled()
    model.build((2,))
    with pytest.raises(ValueError, match=r"모델의 입력에 값이 하나도 없다: 모양이 \(0, 2\)"):
        model.predict(np.zeros((0, 2)))


def test_perceptron_fit_on_empty_data():
    with pytest.raises(ValueError, match=r"학습할 입력 x에 값이 하나도 없다: 모양이 \(0, 2\)"):
        Perceptron([1.0, 1.0], -1.5).fit(np.zeros((0, 2)), np.zeros(0))


def test_loss_of_empty_arrays():
    with pytest.raises(ValueError, match=r"예측값 y_pred에 값이 하나도 없다: 모양이 \(0,\)"):
        losses.MSE()([], [])
    with pytest.raises(ValueError, match=r"예측값 y_pred에 값이 하나도 없다: 모양이 \(0, 3\)"):
        losses.CategoricalCrossentropy()(np.zeros((0, 3)), np.zeros((0, 3)))


# 잘못된 인자: 문장이 그 값을 밝힌다 -----------------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda: Sequential(seed=-1), "Sequential의 seed.*-1이"),
    (lambda: Sequential(seed=1.5), "Sequential의 seed.*1.5이"),
    (lambda: Dropout(0.5, seed=-1), "Dropout의 seed.*-1이"),
    (lambda: StochasticPooling2D(2, seed="x"), "StochasticPooling2D의 seed.*'x'이"),
    (lambda: Perceptron([1.0, 1.0], -1.5).fit([[0, 0], [1, 1]], [0, 1], shuffle=True, seed=-2), "seed.*-2이"),
    (lambda: setup_notebook(seed=-3), "seed.*-3이"),
    (lambda: check_layer(Dense(2), np.ones((2, 2)), seed=2.5), "seed.*2.5이"),
], ids=["Sequential-negative", "Sequential-float", "Dropout", "StochasticPooling2D", "Perceptron.fit",
        "setup_notebook", "check_layer"])
def test_bad_seeds_are_named(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("make, message", [
    (lambda: activations.Sigmoid(a="1"), "시그모이드의 기울기 a.*'1'이"),
    (lambda: EarlyStopping(min_delta="x"), "EarlyStopping의 min_delta.*'x'이"),
    (lambda: EarlyStopping(monitor=3), "EarlyStopping의 monitor.*3이"),
    (lambda: check_layer(Dense(2), np.ones((2, 2)), eps="a"), "check_layer의 eps.*'a'이"),
    (lambda: setup_notebook(precision="a"), "setup_notebook의 precision.*'a'이"),
], ids=["Sigmoid-a", "EarlyStopping-min_delta", "EarlyStopping-monitor", "check_layer-eps", "setup_notebook-precision"])
def test_non_numeric_hyperparameters_are_named(make, message):
    with pytest.raises(ValueError, match=message):
        make()


# 발산한 모델은 조용히 NaN을 내지 않는다 -----------------------------------------------------------

def _diverged():
    x = np.linspace(-1, 1, 16)[:, None] * 50
    model = Sequential([Dense(8, activation="relu"), Dense(1)], seed=0)
    model.compile(SGD(learning_rate=5.0), "mse")
    history = model.fit(x, 10 * x, epochs=100, batch_size=16)
    return model, history, x


def test_predict_and_evaluate_refuse_after_divergence():
    model, history, x = _diverged()
    assert history.diverged and model.divergence.startswith(f"발산: {history.diverged_at}번째 에포크")
    with pytest.raises(TrainingDiverged, match=f"발산: {history.diverged_at}번째 에포크.*예측하거나 평가하지 않는다"):
        model.predict(x)
    with pytest.raises(TrainingDiverged, match="발산"):
        model.evaluate(x, 10 * x)


def test_fitting_again_starts_a_new_judgement():
    model, _, x = _diverged()
    fresh = Sequential([Dense(8, activation="relu"), Dense(1)], seed=0)
    for layer, new in zip(model.layers, fresh.layers):  # 발산 전의 가중치로 되돌리고 작은 학습률로 다시 학습
        new.build(layer.input_shape, np.random.default_rng(0))
        layer.set_weights(new.get_weights())
    model.compile(SGD(learning_rate=1e-5), "mse")
    history = model.fit(x, 10 * x, epochs=3, batch_size=16)
    assert not history.diverged and model.divergence is None
    assert np.all(np.isfinite(model.predict(x)))


# 드러난 학습 경로 --------------------------------------------------------------------------------

def test_first_layer_skips_dx_only_when_asked():
    layer = Dense(3, activation="tanh")
    x = np.random.default_rng(0).standard_normal((4, 2))
    out = layer.forward(x)
    assert layer.backward(np.ones_like(out), need_dx=False) is None
    assert layer.backward(np.ones_like(out)).shape == x.shape
    conv = Conv2D(2, 3, padding="same")
    images = np.random.default_rng(1).standard_normal((2, 5, 5, 1))
    assert conv.backward(np.ones_like(conv.forward(images)), need_dx=False) is None


def test_check_false_skips_the_nan_check_that_check_true_does():
    layer = Dense(2)
    layer.build((2,), np.random.default_rng(0))
    bad = np.array([[np.inf, 1.0]])
    with pytest.raises(ValueError, match="NaN이나 inf가 1개"):
        layer.forward(bad)
    assert not np.all(np.isfinite(layer.forward(bad, check=False)))  # 모델 안에서는 발산을 fit이 알린다


@pytest.mark.parametrize("activation, loss", [("softmax", "categorical_crossentropy"), ("sigmoid", "binary_crossentropy"),
                                              ("softmax", "nll")])
def test_model_uses_the_one_fused_rule_and_it_equals_the_chain_rule(activation, loss):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((6, 4))
    if loss == "binary_crossentropy":
        y = (rng.uniform(size=(6, 1)) > 0.5).astype(float)
        units = 1
    else:
        labels = rng.integers(0, 3, 6)
        y = labels.astype(float) if loss == "nll" else np.eye(3)[labels]
        units = 3
    model = Sequential([Dense(5, activation="tanh"), Dense(units, activation=activation)], seed=0)
    model.compile(SGD(0.1), loss)
    model.build((4,))
    assert losses.can_fuse(model.loss, model.layers[-1].activation)
    model.compute_gradients(x, y)
    fused = model.layers[0].grads["kernel"].copy()
    # 같은 기울기를 손실의 기울기 → 활성화의 역전파 → 층의 역전파로 차례로 구한 값, 그리고 수치 기울기
    model.backward(model.loss.gradient(y, model.forward(x, training=True)))
    np.testing.assert_allclose(fused, model.layers[0].grads["kernel"], rtol=1e-9, atol=1e-12)
    numeric = numerical_gradient(lambda: model.loss(y, model.forward(x)), model.layers[0].params["kernel"])
    assert relative_error(fused, numeric) < 1e-7


def test_forward_returns_each_layers_preactivation():
    model = Sequential([Dense(4, activation="tanh"), Dropout(0.5, seed=0), Dense(2, activation="sigmoid")], seed=0)
    x = np.random.default_rng(4).standard_normal((3, 2))
    out, steps = model.forward(x, return_intermediates=True)
    np.testing.assert_array_equal(out, model.forward(x))
    first, dropout, last = steps
    z = x @ model.layers[0].params["kernel"] + model.layers[0].params["bias"]
    np.testing.assert_allclose(first["preactivation"], z, rtol=1e-15)
    np.testing.assert_allclose(first["output"], np.tanh(z), rtol=1e-15)
    assert "preactivation" not in dropout and dropout["input"] is first["output"]
    np.testing.assert_allclose(last["output"], 1 / (1 + np.exp(-last["preactivation"])), rtol=1e-14)


def test_packed_parameters_survive_replacing_an_array():
    # fit은 매개변수를 한 배열의 조각으로 옮긴다. 층의 배열을 통째로 바꿔 넣어도 다음 학습이 그 배열을 쓴다.
    model = _compiled()
    x = np.random.default_rng(5).standard_normal((8, 2))
    y = x[:, :1] * 2
    model.fit(x, y, epochs=2, batch_size=4)
    replaced = np.zeros((3, 1))
    model.layers[1].params["kernel"] = replaced
    model.fit(x, y, epochs=1, batch_size=8, shuffle=False)
    assert not np.array_equal(model.layers[1].params["kernel"], np.zeros((3, 1)))
    assert np.shares_memory(model.layers[1].params["kernel"], model._flat)


def test_a_parameter_taken_after_build_is_the_one_training_changes():
    model = _compiled()
    model.build((2,))
    kernel = model.layers[0].params["kernel"]
    before = kernel.copy()
    x = np.random.default_rng(6).standard_normal((8, 2))
    model.fit(x, x[:, :1], epochs=3, batch_size=4)
    assert model.layers[0].params["kernel"] is kernel and not np.array_equal(kernel, before)


def test_batchnorm_state_from_a_file_is_checked():
    layer = BatchNormalization()
    layer.build((3,))
    with pytest.raises(ValueError, match="moving_mean과 moving_variance인데 moving_mean이"):
        layer.set_state({"moving_mean": np.zeros(3)})
    with pytest.raises(ValueError, match=r"moving_mean 모양은 \(3,\)이어야 하는데 \(2,\)"):
        layer.set_state({"moving_mean": np.zeros(2), "moving_variance": np.ones(3)})


def test_flatten_in_front_still_checks_the_model_input():
    model = Sequential([Flatten(), Dense(1)], seed=0)
    model.build((2, 2))
    with pytest.raises(ValueError, match=r"Flatten 층은 샘플 하나의 모양이 \(2, 2\)인 입력을 기대하는데 모양이 \(1, 3\)"):
        model.predict(np.ones((1, 3)))
