"""Dropout, BatchNormalization, Flatten, fit의 검증·콜백·지표, 저장과 불러오기, 004 강의의 역전파 예."""

import numpy as np
import pytest

import nnbook

from nnbook import SGD, Dense, Sequential, load_model
from nnbook.callbacks import EarlyStopping
from nnbook.gradcheck import check_layer
from nnbook.layers import BatchNormalization, Dropout, Flatten


# 004 강의 §3.4의 역전파 예 -------------------------------------------------------
def lecture_004_network():
    """입력 2, 은닉 2, 출력 2, 시그모이드, 편향 없음. z1 = W1·x1 + W2·x2, z2 = W3·x1 + W4·x2, …"""
    model = Sequential([Dense(2, activation="sigmoid", use_bias=False),
                        Dense(2, activation="sigmoid", use_bias=False)])
    model.build((2,))
    W1, W2, W3, W4, W5, W6, W7, W8 = 0.3, 0.25, 0.4, 0.35, 0.45, 0.4, 0.7, 0.6
    # kernel[i, j]는 입력 i에서 노드 j로 가는 가중치다.
    model.layers[0].set_weights([[[W1, W3], [W2, W4]]])
    model.layers[1].set_weights([[[W5, W7], [W6, W8]]])
    return model


X_004 = np.array([[0.1, 0.2]])
T_004 = np.array([[0.4, 0.6]])


def test_004_forward_numbers():
    model = lecture_004_network()
    hidden = model.layers[0].forward(X_004)
    out = model.predict(X_004)
    np.testing.assert_allclose(hidden.round(8), [[0.51998934, 0.52747230]], atol=0)
    np.testing.assert_allclose(out.round(8), [[0.60944600, 0.66384491]], atol=0)
    # E_total = ½Σ(target − output)²: 출력이 둘이므로 평균 제곱 오차(MSE)와 같다.
    e = 0.5 * (T_004 - out) ** 2
    np.testing.assert_allclose(e.round(8), [[0.02193381, 0.00203809]], atol=0)
    assert round(float(e.sum()), 8) == 0.02397190


def test_004_one_step_of_backprop_to_8_decimals():
    model = lecture_004_network()
    model.compile(SGD(learning_rate=0.5), "mse")
    model.fit(X_004, T_004, epochs=1, batch_size=1, shuffle=False)
    (k1,), (k2,) = model.layers[0].get_weights(), model.layers[1].get_weights()
    W1, W3, W2, W4 = k1[0, 0], k1[0, 1], k1[1, 0], k1[1, 1]
    W5, W7, W6, W8 = k2[0, 0], k2[0, 1], k2[1, 0], k2[1, 1]
    lecture = [0.29959556, 0.24919112, 0.39964496, 0.34928991, 0.43703857, 0.38685205, 0.69629578, 0.59624247]
    np.testing.assert_allclose(np.round([W1, W2, W3, W4, W5, W6, W7, W8], 8), lecture, atol=0)
    new_error = 0.5 * np.sum((T_004 - model.predict(X_004)) ** 2)
    assert round(float(new_error), 8) == 0.02323634


# 층 ------------------------------------------------------------------------------
def test_flatten_round_trip_and_gradient():
    x = np.random.default_rng(0).standard_normal((3, 4, 5, 2))
    layer = Flatten()
    assert layer.forward(x).shape == (3, 40)
    assert check_layer(layer, x)["x"] < 1e-7


def test_inverted_dropout_keeps_the_expectation_and_masks_the_gradient():
    x = np.ones((2000, 50))
    layer = Dropout(0.3, seed=0)
    out = layer.forward(x, training=True)
    kept = out != 0
    assert abs(kept.mean() - 0.7) < 0.01
    np.testing.assert_allclose(out[kept], 1 / 0.7)
    assert abs(out.mean() - 1.0) < 0.01  # 기댓값이 입력과 같다
    dout = np.random.default_rng(1).standard_normal(x.shape)
    np.testing.assert_allclose(layer.backward(dout), dout * kept / 0.7)
    np.testing.assert_array_equal(layer.forward(x, training=False), x)  # 추론 때는 그대로
    assert np.all(x == 1)


def test_dropout_rate_is_checked():
    with pytest.raises(ValueError, match=r"rate.*1.2"):
        Dropout(1.2)


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 3, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_normalization_gradients(shape, training):
    rng = np.random.default_rng(2)
    layer = BatchNormalization()
    x = rng.standard_normal(shape) * 3 + 1
    layer.build(shape[1:], rng)
    layer.params["gamma"][:] = rng.uniform(0.5, 2, size=shape[-1])
    layer.params["beta"][:] = rng.standard_normal(shape[-1])
    if not training:
        layer.moving_mean = rng.standard_normal(shape[-1])
        layer.moving_variance = rng.uniform(0.5, 2, size=shape[-1])
    errors = check_layer(layer, x, training=training)
    assert max(errors.values()) < 1e-7, errors


def test_batch_normalization_statistics():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((256, 4)) * [1, 2, 3, 4] + [5, -1, 0, 2]
    layer = BatchNormalization(momentum=0.9)
    y = layer.forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=0), x.var(axis=0) / (x.var(axis=0) + 1e-3), rtol=1e-12)
    np.testing.assert_allclose(layer.moving_mean, 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(layer.moving_variance, 0.9 + 0.1 * x.var(axis=0))
    # 추론 때는 이동 평균으로 정규화한다.
    expected = (x - layer.moving_mean) / np.sqrt(layer.moving_variance + 1e-3)
    np.testing.assert_allclose(layer.forward(x, training=False), expected)


# fit -----------------------------------------------------------------------------
def _regression_data(seed=0, n=64):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    return x, (x[:, :1] * 2 - x[:, 1:] + 0.5)


def test_validation_metrics_and_history():
    x, y = _regression_data()
    model = Sequential([Dense(8, activation="tanh"), Dense(1)], seed=0)
    model.compile(SGD(0.1), "mse", metrics=["mae"])
    history = model.fit(x[:48], y[:48], epochs=5, batch_size=16, validation_data=(x[48:], y[48:]))
    assert set(history.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert all(len(v) == 5 for v in history.history.values())
    loss, mae = model.evaluate(x[48:], y[48:])
    assert loss == pytest.approx(history.history["val_loss"][-1])
    assert mae == pytest.approx(np.mean(np.abs(model.predict(x[48:]) - y[48:])))


def test_early_stopping_restores_the_best_weights():
    x, y = _regression_data(1)
    # 검증 데이터의 정답을 뒤집어 두면 학습이 나아질수록 검증 손실이 나빠진다.
    x_val, y_val = x[:16], -y[:16]
    model = Sequential([Dense(1)], seed=0)
    model.compile(SGD(0.05), "mse")
    stopper = EarlyStopping(patience=2, restore_best_weights=True)
    history = model.fit(x, y, epochs=50, batch_size=8, validation_data=(x_val, y_val), callbacks=[stopper])
    val = history.history["val_loss"]
    best_epoch = int(np.argmin(val)) + 1
    assert stopper.best_epoch == best_epoch and stopper.stopped_epoch == best_epoch + 3
    assert len(val) == best_epoch + 3
    assert model.evaluate(x_val, y_val) == pytest.approx(min(val), rel=1e-12)


def test_early_stopping_needs_the_monitored_value():
    x, y = _regression_data()
    model = Sequential([Dense(1)], seed=0)
    model.compile(SGD(0.05), "mse")
    with pytest.raises(ValueError, match="val_loss.*validation_data"):
        model.fit(x, y, epochs=2, callbacks=[EarlyStopping()])


def test_verbose_progress_output(capsys):
    x, y = _regression_data()
    model = Sequential([Dense(1)], seed=0)
    model.compile(SGD(0.05), "mse")
    model.fit(x, y, epochs=2, batch_size=32, verbose=2)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("에포크 1/2 - loss ") and lines[1].startswith("에포크 2/2 - loss ")
    model.fit(x, y, epochs=1, batch_size=32, verbose=1)
    assert "[====================] 2/2" in capsys.readouterr().out


def test_accuracy_metric():
    model = Sequential([Dense(1, activation="sigmoid")], seed=0)
    model.compile(SGD(0.5), "mse", metrics=["accuracy"])
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [1]], dtype=float)
    history = model.fit(x, y, epochs=300, batch_size=4)
    assert history.history["accuracy"][-1] == 1.0
    with pytest.raises(ValueError, match="지표 이름 'accuracyy'"):
        model.compile("sgd", "mse", metrics=["accuracyy"])


# 저장과 불러오기 ------------------------------------------------------------------
def test_save_and_load_round_trip_exactly(tmp_path):
    x, y = _regression_data()
    model = Sequential([Dense(6, activation="relu"), BatchNormalization(), Dropout(0.2, seed=1),
                        Dense(3, activation="sigmoid", use_bias=False), Dense(1)], seed=0)
    model.compile(SGD(0.05, momentum=0.9), "mse")
    model.fit(x, y, epochs=3, batch_size=16)
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = load_model(path)
    assert [repr(a) for a in model.layers] == [repr(b) for b in loaded.layers]
    for a, b in zip(model.layers, loaded.layers):
        for wa, wb in zip(a.get_weights(), b.get_weights()):
            np.testing.assert_array_equal(wa, wb)
    np.testing.assert_array_equal(model.predict(x), loaded.predict(x))
    # pickle 없이 읽힌다: allow_pickle=False로 모든 항목을 열 수 있다.
    with np.load(path, allow_pickle=False) as data:
        assert all(data[k].dtype != object for k in data.files)


def test_load_rejects_foreign_files(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(ValueError, match="'config' 항목이 없다"):
        load_model(path)


def test_divergence_deep_inside_the_network_is_reported_not_raised():
    # 중간 층의 값이 inf가 되어도 층이 NaN 검사로 멈추지 않고, fit이 발산을 알린다.
    x = np.linspace(-1, 1, 16)[:, None] * 50
    model = Sequential([Dense(8, activation="relu"), Dense(8, activation="relu"), Dense(1)], seed=0)
    model.compile(SGD(learning_rate=5.0), "mse")
    history = model.fit(x, 10 * x, epochs=100, batch_size=16)
    assert history.diverged


def test_model_input_is_still_checked():
    model = Sequential([Dense(2)], seed=0)
    with pytest.raises(ValueError, match="NaN"):
        model.predict(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError, match="NaN"):
        Dense(2).forward(np.array([[np.inf, 1.0]]))


def test_compute_gradients_matches_a_training_step_without_updating():
    x, y = _regression_data(2, n=16)
    model = Sequential([Dense(5, activation="tanh"), Dense(1)], seed=0)
    model.compile(SGD(0.1), "mse")
    model.build((2,))
    start = {k: p.copy() for k, p in model.params.items()}
    loss = model.compute_gradients(x, y)
    assert loss == pytest.approx(model.evaluate(x, y))
    for key, param in model.params.items():
        np.testing.assert_array_equal(param, start[key])  # 매개변수는 그대로다
    grads = {k: g.copy() for k, g in model.grads.items()}
    # 같은 배치로 한 걸음 학습하면 정확히 θ − η·g가 된다.
    model.train_on_batch(x, y)
    for key, param in model.params.items():
        np.testing.assert_allclose(param, start[key] - 0.1 * grads[key], rtol=1e-14)


@pytest.mark.parametrize("make_optimizer", [lambda: nnbook.SGD(0.1, momentum=0.9), lambda: nnbook.Adam(0.01)])
def test_packed_parameters_train_exactly_like_separate_ones(monkeypatch, make_optimizer):
    """작은 신경망은 매개변수와 기울기를 한 배열의 조각으로 모아 한 번에 고친다. 모으지 않은 모델과 비트까지 같아야 한다."""
    import nnbook.model as model_module

    X, y = nnbook.datasets.toy_2d("moons", 64, noise=0.2, seed=0)

    def train():
        model = Sequential([Dense(5, activation="tanh"), Dense(1, activation="sigmoid")], seed=3)
        model.compile(make_optimizer(), "binary_crossentropy")
        history = model.fit(X, y.reshape(-1, 1), epochs=20, batch_size=16)
        return model, history.history["loss"]

    packed, packed_loss = train()
    assert packed._flat is not None and packed._grads_packed
    # 층의 기울기는 모델의 한 기울기 배열의 조각이다 (걸음마다 모아 복사하지 않는다).
    assert all(np.shares_memory(g, packed._flat_grad) for g in packed.grads.values())
    monkeypatch.setattr(model_module, "_PACK_AT_MOST", 0)
    separate, separate_loss = train()
    assert separate._flat is None
    assert packed_loss == separate_loss
    for a, b in zip(packed.layers, separate.layers):
        for wa, wb in zip(a.get_weights(), b.get_weights()):
            assert np.array_equal(wa, wb)


def test_batch_callback_sees_every_update_with_its_own_loss():
    """on_train_batch_end는 갱신마다 불린다: 배치 번호, 그 배치의 손실, Keras처럼 에포크 안의 누적 평균."""
    from nnbook.callbacks import Callback

    X, y = nnbook.datasets.toy_2d("moons", 50, noise=0.2, seed=1)
    y = y.reshape(-1, 1)

    class Recorder(Callback):
        def __init__(self):
            self.calls = []

        def on_train_batch_end(self, model, batch, logs):
            self.calls.append((batch, logs["batch_loss"], logs["loss"], logs["size"]))

    def model():
        m = Sequential([Dense(4, activation="tanh"), Dense(1, activation="sigmoid")], seed=0)
        m.compile(SGD(0.1), "binary_crossentropy")
        return m

    recorder = Recorder()
    fitted = model()
    history = fitted.fit(X, y, epochs=2, batch_size=16, shuffle=False, callbacks=[recorder])
    # 50개를 16씩: 배치 16, 16, 16, 2 → 에포크마다 4번, 두 에포크에 8번
    assert [c[0] for c in recorder.calls] == [0, 1, 2, 3] * 2
    assert [c[3] for c in recorder.calls] == [16, 16, 16, 2] * 2
    assert len(recorder.calls) == fitted.optimizer.iterations == 8
    # 배치 손실은 같은 배치로 손수 train_on_batch한 값과 같다
    by_hand = model()
    manual = [by_hand.train_on_batch(X[s:s + 16], y[s:s + 16]) for _ in range(2) for s in range(0, 50, 16)]
    np.testing.assert_allclose([c[1] for c in recorder.calls], manual, rtol=0, atol=0)
    # 에포크의 마지막 배치에서 누적 평균은 그 에포크의 손실이다
    np.testing.assert_allclose([recorder.calls[3][2], recorder.calls[7][2]], history.history["loss"], rtol=1e-15)


def test_batch_hook_set_on_an_instance_is_called_too():
    """fit은 on_train_batch_end를 다시 쓴 콜백만 갱신마다 부른다. 클래스가 아니라 객체에 붙인 함수도 다시 쓴 것이다."""
    from nnbook.callbacks import Callback

    X, y = nnbook.datasets.logic_gate("xor")
    seen = []
    hook = Callback()
    hook.on_train_batch_end = lambda model, batch, logs: seen.append(batch)
    m = Sequential([Dense(3, activation="tanh"), Dense(1, activation="sigmoid")], seed=0)
    m.compile(SGD(0.1), "mse")
    m.fit(X, y.reshape(-1, 1), epochs=3, batch_size=2, shuffle=False, callbacks=[hook, Callback()])
    assert seen == [0, 1] * 3
