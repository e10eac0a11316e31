"""옵티마이저: 무작위 기울기 60걸음의 궤적이 논문·Keras의 갱신 규칙을 그대로 옮긴 참조 구현과 같은지 본다.

참조 구현은 라이브러리 코드를 보지 않고 식을 한 줄씩 옮긴 것이다. 매개변수 두 개(모양이 다르다)를
함께 움직여 상태가 매개변수 이름마다 따로 있는지도 함께 확인한다.
"""

import math

import numpy as np
import pytest

from nnbook import optimizers

STEPS = 60
SHAPES = {"0/kernel": (3, 2), "0/bias": (2,)}


def _gradients(seed=0, steps=STEPS, scale=1.0):
    rng = np.random.default_rng(seed)
    # 걸음마다 크기가 다른 기울기: 적응적 방법의 분모가 제 몫을 하는지 보려고 크기를 섞는다.
    return [{k: rng.standard_normal(s) * scale * 10.0 ** rng.uniform(-2, 1) for k, s in SHAPES.items()}
            for _ in range(steps)]


def _start(seed=1, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return {k: rng.standard_normal(s).astype(dtype) for k, s in SHAPES.items()}


def _run(optimizer, grads, dtype=np.float64):
    params = _start(dtype=dtype)
    path = []
    for g in grads:
        optimizer.update(params, g)
        path.append({k: v.copy() for k, v in params.items()})
    return path


def _reference(step, state_init, grads):
    """step(θ, g, state, t) -> θ를 매개변수마다 따로 적용한 궤적."""
    params = _start()
    states = {k: state_init(v) for k, v in params.items()}
    path = []
    for t, g in enumerate(grads, start=1):
        for k in params:
            params[k] = step(params[k], g[k], states[k], t)
        path.append({k: v.copy() for k, v in params.items()})
    return path


def _assert_same_path(path, ref, rtol=1e-12):
    assert len(path) == len(ref) == STEPS
    for got, want in zip(path, ref):
        for k in want:
            np.testing.assert_allclose(got[k], want[k], rtol=rtol, atol=1e-14)


# 참조 구현 ------------------------------------------------------------------------------------

def ref_sgd(lr, momentum=0.0, nesterov=False):
    def step(theta, g, s, t):
        if momentum == 0.0:
            return theta - lr * g
        s["v"] = momentum * s["v"] - lr * g
        if nesterov:
            return theta + momentum * s["v"] - lr * g
        return theta + s["v"]
    return step, lambda p: {"v": np.zeros_like(p)}


def ref_adagrad(lr, r0, eps):
    # Duchi et al. 2011, Keras 3의 꼴: r ← r + g², θ ← θ − η g / √(r + ε)
    def step(theta, g, s, t):
        s["r"] = s["r"] + g ** 2
        return theta - lr * g / np.sqrt(s["r"] + eps)
    return step, lambda p: {"r": np.full_like(p, r0)}


def ref_rmsprop(lr, rho, momentum, eps, centered):
    # Tieleman & Hinton 2012 (Keras 3의 momentum·centered 변형 포함)
    def step(theta, g, s, t):
        s["v"] = rho * s["v"] + (1 - rho) * g ** 2
        if centered:
            s["mg"] = rho * s["mg"] + (1 - rho) * g
            delta = lr * g / np.sqrt(s["v"] - s["mg"] ** 2 + eps)
        else:
            delta = lr * g / np.sqrt(s["v"] + eps)
        if momentum > 0:
            s["m"] = momentum * s["m"] + delta
            return theta - s["m"]
        return theta - delta
    return step, lambda p: {"v": np.zeros_like(p), "mg": np.zeros_like(p), "m": np.zeros_like(p)}


def ref_adam_paper(lr, b1, b2, eps_of_t, amsgrad=False):
    # Kingma & Ba 2015, 알고리즘 1: 편향 보정한 m̂, v̂ (amsgrad는 Reddi et al. 2018의 v̂ ← max(v̂, v))
    def step(theta, g, s, t):
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["v"] = b2 * s["v"] + (1 - b2) * g ** 2
        v = s["v"]
        if amsgrad:
            s["vmax"] = np.maximum(s["vmax"], s["v"])
            v = s["vmax"]
        m_hat = s["m"] / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        return theta - lr * m_hat / (np.sqrt(v_hat) + eps_of_t(t))
    return step, lambda p: {"m": np.zeros_like(p), "v": np.zeros_like(p), "vmax": np.zeros_like(p)}


def ref_adam_keras(lr, b1, b2, eps, amsgrad=False):
    # Keras 3: ηₜ = η √(1 − β₂ᵗ)/(1 − β₁ᵗ), θ ← θ − ηₜ m / (√v + ε)
    def step(theta, g, s, t):
        s["m"] = b1 * s["m"] + (1 - b1) * g
        s["v"] = b2 * s["v"] + (1 - b2) * g ** 2
        v = s["v"]
        if amsgrad:
            s["vmax"] = np.maximum(s["vmax"], s["v"])
            v = s["vmax"]
        lr_t = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return theta - lr_t * s["m"] / (np.sqrt(v) + eps)
    return step, lambda p: {"m": np.zeros_like(p), "v": np.zeros_like(p), "vmax": np.zeros_like(p)}


CASES = [
    ("sgd", lambda: optimizers.SGD(0.05), ref_sgd(0.05)),
    ("sgd-momentum", lambda: optimizers.SGD(0.05, momentum=0.9), ref_sgd(0.05, 0.9)),
    ("sgd-nesterov", lambda: optimizers.SGD(0.05, momentum=0.8, nesterov=True), ref_sgd(0.05, 0.8, True)),
    ("adagrad", lambda: optimizers.Adagrad(), ref_adagrad(0.001, 0.1, 1e-7)),
    ("adagrad-custom", lambda: optimizers.Adagrad(0.5, initial_accumulator_value=0.0, epsilon=1e-3),
     ref_adagrad(0.5, 0.0, 1e-3)),
    ("rmsprop", lambda: optimizers.RMSprop(), ref_rmsprop(0.001, 0.9, 0.0, 1e-7, False)),
    ("rmsprop-momentum", lambda: optimizers.RMSprop(0.01, rho=0.8, momentum=0.9), ref_rmsprop(0.01, 0.8, 0.9, 1e-7, False)),
    ("rmsprop-centered", lambda: optimizers.RMSprop(0.01, centered=True), ref_rmsprop(0.01, 0.9, 0.0, 1e-7, True)),
    ("rmsprop-centered-momentum", lambda: optimizers.RMSprop(0.01, rho=0.95, momentum=0.5, epsilon=1e-4, centered=True),
     ref_rmsprop(0.01, 0.95, 0.5, 1e-4, True)),
    ("adam", lambda: optimizers.Adam(), ref_adam_keras(0.001, 0.9, 0.999, 1e-7)),
    ("adam-custom", lambda: optimizers.Adam(0.02, beta_1=0.5, beta_2=0.9, epsilon=1e-3),
     ref_adam_keras(0.02, 0.5, 0.9, 1e-3)),
    ("adam-amsgrad", lambda: optimizers.Adam(0.01, amsgrad=True), ref_adam_keras(0.01, 0.9, 0.999, 1e-7, amsgrad=True)),
    # 논문의 알고리즘 1과 같은 궤적: Keras의 ε은 알고리즘 1의 ε으로 치면 ε/√(1 − β₂ᵗ)이다.
    ("adam-paper", lambda: optimizers.Adam(0.01, epsilon=1e-3),
     ref_adam_paper(0.01, 0.9, 0.999, lambda t: 1e-3 / math.sqrt(1 - 0.999 ** t))),
    ("adam-paper-amsgrad", lambda: optimizers.Adam(0.01, epsilon=1e-3, amsgrad=True),
     ref_adam_paper(0.01, 0.9, 0.999, lambda t: 1e-3 / math.sqrt(1 - 0.999 ** t), amsgrad=True)),
]


@pytest.mark.parametrize("name, make, reference", CASES, ids=[c[0] for c in CASES])
def test_trajectory_matches_the_published_rule(name, make, reference):
    optimizer = make()
    grads = _gradients()
    _assert_same_path(_run(optimizer, grads), _reference(*reference, grads))
    assert optimizer.iterations == STEPS


def test_adam_and_the_paper_with_a_constant_epsilon_agree_when_gradients_dwarf_epsilon():
    grads = _gradients(seed=5)
    keras = _run(optimizers.Adam(0.01, epsilon=1e-12), grads)
    paper = _reference(*ref_adam_paper(0.01, 0.9, 0.999, lambda t: 1e-12), grads)
    _assert_same_path(keras, paper, rtol=1e-9)
    # ε이 기울기만 할 때는 다르다: Keras의 ε은 t = 1에서 알고리즘 1의 ε보다 약 32배 크게 작용한다.
    small = _gradients(seed=5, scale=1e-3)
    keras = _run(optimizers.Adam(0.01, epsilon=1e-3), small)
    paper = _reference(*ref_adam_paper(0.01, 0.9, 0.999, lambda t: 1e-3), small)
    assert not np.allclose(keras[0]["0/bias"], paper[0]["0/bias"], rtol=1e-3)


def test_adam_first_step_moves_every_coordinate_by_about_the_learning_rate():
    # 편향 보정 덕분에 첫 걸음은 기울기의 크기와 상관없이 η·sign(g)이다.
    # 정확히는 η / (1 + ε / (√(1 − β₂)·abs(g)))라서, 기울기가 ε에 가까울수록 조금 덜 움직인다.
    g = np.array([1e-3, -2.0, 50.0, -1e4])
    params = {"w": np.zeros(4)}
    optimizers.Adam(0.001).update(params, {"w": g})
    np.testing.assert_allclose(params["w"], -0.001 * np.sign(g), rtol=5e-3)
    np.testing.assert_allclose(params["w"], -0.001 * np.sign(g) / (1 + 1e-7 / (np.sqrt(0.001) * np.abs(g))), rtol=1e-12)


def test_rmsprop_reproduces_the_keras_docstring_example():
    # keras.optimizers.RMSprop(learning_rate=0.1), var = 10, loss = var²/2 → 한 걸음 뒤 9.683772
    params = {"var": np.array(10.0)}
    optimizers.RMSprop(learning_rate=0.1).update(params, {"var": params["var"].copy()})
    assert float(params["var"]) == pytest.approx(9.683772, abs=5e-7)


@pytest.mark.parametrize("make", [optimizers.Adagrad, optimizers.RMSprop, optimizers.Adam,
                                  lambda: optimizers.RMSprop(momentum=0.9, centered=True),
                                  lambda: optimizers.SGD(0.1, momentum=0.9)])
def test_state_is_kept_per_parameter_name(make):
    grads = _gradients(seed=7)
    together = make()
    path = _run(together, grads)
    assert set(together.state) == set(SHAPES)
    for key, shape in SHAPES.items():
        assert all(arr.shape == shape for arr in together.state[key].values())
        # 매개변수 하나만 가진 옵티마이저로 움직여도 그 매개변수의 궤적은 같다.
        alone = make()
        param = {key: _start()[key]}
        for t, g in enumerate(grads):
            alone.update(param, {key: g[key]})
            np.testing.assert_allclose(param[key], path[t][key], rtol=1e-14, atol=0)


@pytest.mark.parametrize("make", [optimizers.Adagrad, optimizers.RMSprop, optimizers.Adam,
                                  lambda: optimizers.RMSprop(momentum=0.9, centered=True),
                                  lambda: optimizers.Adam(amsgrad=True),
                                  lambda: optimizers.SGD(momentum=0.9)])
def test_float32_parameters_stay_float32(make):
    grads = _gradients(seed=8)  # 기울기는 float64로 들어온다
    opt = make()
    path32 = _run(opt, grads, dtype=np.float32)
    path64 = _run(make(), grads)
    for key in SHAPES:
        assert path32[-1][key].dtype == np.float32
        assert all(arr.dtype == np.float32 for arr in opt.state[key].values())
        np.testing.assert_allclose(path32[-1][key], path64[-1][key], rtol=1e-4, atol=1e-5)


# 잘못된 입력 ----------------------------------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda: optimizers.Adam(learning_rate=-0.001), "Adam의 학습률 learning_rate은(는) 0보다 커야 하는데 -0.001이(가) 주어졌다."),
    (lambda: optimizers.Adagrad(learning_rate=0), "Adagrad의 학습률 learning_rate은(는) 0보다 커야 하는데 0이(가) 주어졌다."),
    (lambda: optimizers.RMSprop(learning_rate="0.01"), "RMSprop의 학습률 learning_rate은(는) 양의 실수여야 하는데 '0.01'이(가) 주어졌다."),
    (lambda: optimizers.RMSprop(rho=1.0), "RMSprop의 rho은(는) [0.0, 1.0) 범위여야 하는데 1.0이(가) 주어졌다."),
    (lambda: optimizers.RMSprop(momentum=-0.5), "RMSprop의 momentum은(는) [0.0, 1.0) 범위여야 하는데 -0.5이(가) 주어졌다."),
    (lambda: optimizers.Adam(beta_1=1.2), "Adam의 beta_1은(는) [0.0, 1.0) 범위여야 하는데 1.2이(가) 주어졌다."),
    (lambda: optimizers.Adam(beta_2=1.0), "Adam의 beta_2은(는) [0.0, 1.0) 범위여야 하는데 1.0이(가) 주어졌다."),
    (lambda: optimizers.Adam(epsilon=0.0), "Adam의 epsilon은(는) 0보다 커야 하는데 0.0이(가) 주어졌다."),
    (lambda: optimizers.RMSprop(epsilon=-1e-7), "RMSprop의 epsilon은(는) 0보다 커야 하는데 -1e-07이(가) 주어졌다."),
    (lambda: optimizers.Adagrad(initial_accumulator_value=-0.1),
     "Adagrad의 initial_accumulator_value은(는) [0.0, inf) 범위여야 하는데 -0.1이(가) 주어졌다."),
])
def test_bad_hyperparameters_are_one_clear_sentence(make, message):
    with pytest.raises(ValueError) as info:
        make()
    assert str(info.value) == message


def test_keras_defaults():
    adam, rms, ada = optimizers.get("adam"), optimizers.get("RMSprop"), optimizers.get("adagrad")
    assert (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon, adam.amsgrad) == (0.001, 0.9, 0.999, 1e-7, False)
    assert (rms.learning_rate, rms.rho, rms.momentum, rms.epsilon, rms.centered) == (0.001, 0.9, 0.0, 1e-7, False)
    assert (ada.learning_rate, ada.initial_accumulator_value, ada.epsilon) == (0.001, 0.1, 1e-7)
    sgd = optimizers.get("sgd")
    assert (sgd.learning_rate, sgd.momentum, sgd.nesterov) == (0.01, 0.0, False)
    assert optimizers.names() == ["adagrad", "adam", "rmsprop", "sgd"]


def test_the_famous_rmsprpo_typo_lists_valid_names_and_suggests_rmsprop():
    with pytest.raises(ValueError) as info:
        optimizers.get("rmsprpo")
    assert str(info.value) == ("알 수 없는 옵티마이저 이름 'rmsprpo'이다. 쓸 수 있는 이름: adagrad, adam, rmsprop, sgd. "
                               "'rmsprop'을(를) 뜻했는가?")


def test_wrong_gradient_shape_changes_nothing():
    opt = optimizers.Adam()
    params = {"a": np.ones(3), "b": np.ones((2, 2))}
    with pytest.raises(ValueError) as info:
        opt.update(params, {"a": np.ones(3), "b": np.ones(4)})
    assert str(info.value) == "매개변수 b의 모양 (2, 2)과(와) 기울기의 모양 (4,)이(가) 다르다."
    np.testing.assert_array_equal(params["a"], np.ones(3))  # 앞의 a도 고치지 않았다
    assert opt.iterations == 0 and opt.state == {}
    with pytest.raises(ValueError, match="기울기가 없는 매개변수가 있다: b."):
        opt.update(params, {"a": np.ones(3)})


def test_reusing_an_optimizer_for_a_parameter_of_another_shape_is_reported():
    opt = optimizers.RMSprop()
    opt.update({"0/kernel": np.ones((2, 3))}, {"0/kernel": np.ones((2, 3))})
    with pytest.raises(ValueError) as info:
        opt.update({"0/kernel": np.ones((4, 3))}, {"0/kernel": np.ones((4, 3))})
    message = str(info.value)
    assert "매개변수 0/kernel의 모양은 (2, 3)인데 모양이 (4, 3)인 매개변수" in message
    assert "옵티마이저를 새로 만들어야 한다" in message
