"""가중치 초기화(큰 표본의 통계가 식과 맞는가, fan 세기, dtype)와 규제(노름, 기울기, 가중치 감쇠 한 걸음)."""

import math

import numpy as np
import pytest

from nnbook import initializers, regularizers
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.optimizers import SGD

DENSE = (400, 300)  # fan_in 400, fan_out 300 → 120,000개


@pytest.mark.parametrize("shape, fans", [
    ((7,), (7, 7)), ((784, 256), (784, 256)), ((3, 3, 16, 32), (144, 288)), ((5, 5, 1, 6), (25, 150)),
    ((2, 4, 6), (8, 12)),
])
def test_fans_follow_keras_rule(shape, fans):
    assert initializers.compute_fans(shape) == fans


@pytest.mark.parametrize("name, variance", [
    ("glorot_uniform", 2 / 700), ("glorot_normal", 2 / 700), ("he_uniform", 2 / 400), ("he_normal", 2 / 400),
    ("lecun_uniform", 1 / 400), ("lecun_normal", 1 / 400), ("random_normal", 0.05 ** 2),
    ("random_uniform", 0.1 ** 2 / 12), ("truncated_normal", (0.05 * 0.87962566103423978) ** 2),
])
def test_sample_variance_matches_the_formula(name, variance):
    w = initializers.get(name)(DENSE, np.random.default_rng(0))
    assert w.shape == DENSE and w.dtype == np.float64
    assert abs(w.mean()) < 4 * math.sqrt(variance / w.size)
    assert w.var() == pytest.approx(variance, rel=0.02)


@pytest.mark.parametrize("name, limit", [
    ("glorot_uniform", math.sqrt(6 / 700)), ("he_uniform", math.sqrt(6 / 400)), ("lecun_uniform", math.sqrt(3 / 400)),
    ("random_uniform", 0.05),
    ("glorot_normal", 2 * math.sqrt(2 / 700) / 0.87962566103423978),
    ("he_normal", 2 * math.sqrt(2 / 400) / 0.87962566103423978),
    ("truncated_normal", 2 * 0.05),
])
def test_samples_stay_within_the_limit_and_reach_near_it(name, limit):
    w = initializers.get(name)(DENSE, np.random.default_rng(1))
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.99 * limit


def test_conv_kernel_uses_receptive_field_fans():
    w = initializers.he_normal((3, 3, 16, 32), np.random.default_rng(2))
    assert w.var() == pytest.approx(2 / 144, rel=0.03)
    w = initializers.glorot_uniform((3, 3, 16, 32), np.random.default_rng(2))
    assert np.abs(w).max() <= math.sqrt(6 / (144 + 288))


def test_glorot_uniform_is_bitwise_the_keras_formula():
    # Dense와 Conv2D의 기본 초기화를 바꿔 끼워도 같은 시드에서 같은 가중치가 나온다.
    for shape in [(784, 256), (2, 4), (3, 3, 1, 8)]:
        fan_in, fan_out = initializers.compute_fans(shape)
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        expected = np.random.default_rng(3).uniform(-limit, limit, size=shape)
        np.testing.assert_array_equal(initializers.glorot_uniform(shape, np.random.default_rng(3)), expected)


def test_truncation_constant_is_the_std_of_a_normal_cut_at_two():
    assert initializers.TRUNCATED_NORMAL_STD == pytest.approx(0.87962566103423978, abs=1e-15)
    z = initializers.TruncatedNormal(0.0, 1.0)((400_000,), np.random.default_rng(4))
    assert np.abs(z).max() <= 2 and z.std() == pytest.approx(initializers.TRUNCATED_NORMAL_STD, rel=0.005)


def test_dtype_seed_and_constant_initializers():
    a32 = initializers.he_normal((20, 10), np.random.default_rng(5), np.float32)
    a64 = initializers.he_normal((20, 10), np.random.default_rng(5))
    assert a32.dtype == np.float32
    np.testing.assert_array_equal(a32, a64.astype(np.float32))  # 같은 시드면 float32는 float64를 반올림한 것
    np.testing.assert_array_equal(initializers.he_normal((20, 10), 5), a64)  # 정수 시드도 받는다
    np.testing.assert_array_equal(initializers.zeros((2, 3), dtype=np.float32), np.zeros((2, 3), np.float32))
    np.testing.assert_array_equal(initializers.ones((4,)), np.ones(4))
    np.testing.assert_array_equal(initializers.get("constant")((2,)), [0, 0])
    np.testing.assert_array_equal(initializers.Constant(0.5)((2, 2)), np.full((2, 2), 0.5))
    with pytest.raises(ValueError, match="실수형.*int64"):
        initializers.glorot_uniform((2, 2), 0, np.int64)
    with pytest.raises(ValueError, match="shape"):
        initializers.glorot_uniform((2, 0), 0)
    with pytest.raises(ValueError, match="rng"):
        initializers.he_normal((2, 2), "seed")


def test_get_names_aliases_and_serialization():
    assert isinstance(initializers.get("HeNormal"), initializers.HeNormal)
    assert isinstance(initializers.get("xavier_uniform"), initializers.GlorotUniform)
    assert initializers.get(None) is None
    custom = lambda shape, rng, dtype: np.zeros(shape, dtype)  # noqa: E731
    assert initializers.get(custom) is custom
    with pytest.raises(ValueError) as info:
        initializers.get("he_norml")
    message = str(info.value)
    assert "'he_norml'" in message and "glorot_uniform" in message and "'he_normal'을(를) 뜻했는가?" in message
    for init in [initializers.RandomUniform(-1, 2), initializers.VarianceScaling(2.0, "fan_out", "uniform"),
                 initializers.HeUniform(), initializers.Constant(3)]:
        again = initializers.get(initializers.serialize(init))
        assert type(again) is type(init) and again.get_config() == init.get_config()
    assert initializers.serialize(initializers.he_normal) == "he_normal"
    assert initializers.get("he_normal").get_config() == {}
    with pytest.raises(ValueError, match="저장할 수 없다"):
        initializers.serialize(custom)


# ---------------------------------------------------------------------------
# 규제
# ---------------------------------------------------------------------------

def test_norms_of_001_example():
    x = [1, 2, 3, 4, 5]
    assert regularizers.l1_norm(x) == 15
    assert regularizers.l2_norm(x) == pytest.approx(math.sqrt(55), rel=1e-15)
    assert round(regularizers.l2_norm(x), 4) == 7.4162  # 강의의 7.4161은 반올림이 아니라 잘라 쓴 값이다 (정오표 7)
    assert regularizers.L1(l1=1.0)(x) == 15 and regularizers.L2(l2=1.0)(x) == 55


@pytest.mark.parametrize("reg", [regularizers.L1(0.03), regularizers.L2(0.02), regularizers.L1L2(0.01, 0.05)], ids=repr)
def test_regularizer_gradient_matches_central_differences(reg):
    w = np.random.default_rng(6).normal(size=(5, 4))
    w[np.abs(w) < 1e-3] = 0.5  # L1이 미분되지 않는 0 근처는 피한다
    numeric = numerical_gradient(lambda: reg(w), w)
    assert relative_error(reg.gradient(w), numeric) < 1e-7


def test_keras_semantics_and_defaults():
    w = np.array([[1.0, -2.0], [0.0, 3.0]])
    assert regularizers.L2()(w) == pytest.approx(0.01 * 14)
    np.testing.assert_allclose(regularizers.L2().gradient(w), 2 * 0.01 * w)
    assert regularizers.L1()(w) == pytest.approx(0.01 * 6)
    np.testing.assert_array_equal(regularizers.L1(1.0).gradient(w), [[1, -1], [0, 1]])
    assert regularizers.get("l1_l2").get_config() == {"l1": 0.01, "l2": 0.01}
    assert regularizers.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert regularizers.get("L2").l2 == 0.01 and regularizers.get(None) is None
    w32 = w.astype(np.float32)
    assert regularizers.L2().gradient(w32).dtype == np.float32
    before = w.copy()
    regularizers.L1L2(0.1, 0.1).gradient(w)
    np.testing.assert_array_equal(w, before)


def test_one_sgd_step_with_l2_is_001_weight_decay_rule():
    # 001: θ ← θ(1 − ηλ) − η ∂L/∂θ  (벌점 ½λ‖θ‖²). Keras의 L2(l2)는 벌점 l2·Σθ²이므로 l2 = λ/2.
    eta, lam = 0.1, 0.04
    theta = np.array([1.0, -2.0, 3.0, 0.5])
    data_grad = np.array([0.3, 0.1, -0.2, 0.0])
    reg = regularizers.L2.from_weight_decay(lam)
    assert reg.l2 == lam / 2 and reg.weight_decay == lam
    params = {"kernel": theta.copy()}
    SGD(learning_rate=eta).update(params, {"kernel": data_grad + reg.gradient(params["kernel"])})
    np.testing.assert_allclose(params["kernel"], theta * (1 - eta * lam) - eta * data_grad, rtol=1e-15)


def test_regularizer_errors_and_serialization():
    with pytest.raises(ValueError, match="L2의 l2.*-0.1"):
        regularizers.L2(-0.1)
    with pytest.raises(ValueError) as info:
        regularizers.get("l3")
    assert "l1" in str(info.value) and "l2" in str(info.value)
    with pytest.raises(ValueError, match="NaN"):
        regularizers.L2()([1.0, np.nan])
    for reg in [regularizers.L1(0.2), regularizers.L2(0.3), regularizers.L1L2(0.1, 0.4)]:
        again = regularizers.get(regularizers.serialize(reg))
        assert type(again) is type(reg) and again.get_config() == reg.get_config()


def _rebuild(obj):
    # 모델 저장(model.save)은 nnbook 객체를 공개 속성으로 적고 cls(**속성)으로 다시 만든다.
    return type(obj)(**{k: v for k, v in vars(obj).items() if not k.startswith("_")})


@pytest.mark.parametrize("obj", [
    *(initializers.get(name) for name in initializers.names()), initializers.Constant(2.5),
    initializers.VarianceScaling(3.0, "fan_out", "untruncated_normal"), initializers.RandomNormal(1.0, 0.2),
    regularizers.L1(0.3), regularizers.L2(0.2), regularizers.L1L2(0.1, 0.05),
], ids=repr)
def test_objects_can_be_rebuilt_from_their_public_attributes(obj):
    again = _rebuild(obj)
    assert type(again) is type(obj) and again.get_config() == obj.get_config() and repr(again) == repr(obj)
    if isinstance(obj, initializers.Initializer):
        np.testing.assert_array_equal(again((3, 4), 0), obj((3, 4), 0))


def test_keras_short_names_uniform_and_normal():
    # 004 강의의 Dense(8, init='uniform')은 U(−0.05, 0.05)이다.
    from nnbook import initializers

    w = initializers.get("uniform")((200, 200), np.random.default_rng(0))
    assert -0.05 <= w.min() and w.max() <= 0.05 and w.max() > 0.049
    w = initializers.get("normal")((400, 400), np.random.default_rng(0))
    assert abs(w.std() - 0.05) < 0.001
