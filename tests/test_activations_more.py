"""리키 렐루, 소프트플러스, 소프트맥스와 역전파 메서드 ``backprop``: 정의식, 중앙 차분, 수치 안정성."""

import numpy as np
import pytest

from nnbook import activations
from nnbook.gradcheck import numerical_gradient, relative_error


def _points(seed=0, shape=(50,)):
    x = np.random.default_rng(seed).uniform(-6, 6, size=shape)
    x[np.abs(x) < 1e-3] = 0.5  # 리키 렐루가 미분 불가능한 0은 피한다
    return x


ELEMENTWISE = [activations.LeakyReLU(), activations.LeakyReLU(alpha=0.01), activations.LeakyReLU(alpha=0.0),
               activations.Softplus()]


@pytest.mark.parametrize("act", ELEMENTWISE, ids=repr)
def test_elementwise_derivative_matches_central_differences(act):
    x = _points()
    numeric = numerical_gradient(lambda: float(np.sum(act(x))), x)
    assert relative_error(act.derivative(x), numeric) < 1e-7


ALL_NEW_AND_OLD = ELEMENTWISE + [activations.Softmax(), activations.Sigmoid(), activations.Sigmoid(a=2.0),
                                 activations.Tanh(), activations.ReLU(), activations.Linear()]


@pytest.mark.parametrize("act", ALL_NEW_AND_OLD, ids=repr)
def test_backprop_matches_central_differences(act):
    # L = Σ f(x) ⊙ r 이면 ∂L/∂f = r 이므로, backprop(x, r)이 곧 ∂L/∂x 이어야 한다.
    x = _points(1, shape=(6, 4))
    r = np.random.default_rng(2).standard_normal(x.shape)
    numeric = numerical_gradient(lambda: float(np.sum(act(x) * r)), x)
    assert relative_error(act.backprop(x, r), numeric) < 1e-7


@pytest.mark.parametrize("act", [activations.Sigmoid(), activations.Tanh(), activations.ReLU(),
                                 activations.LeakyReLU(), activations.Softplus()], ids=repr)
def test_default_backprop_is_dout_times_derivative(act):
    x = _points(3, shape=(5, 3))
    dout = np.random.default_rng(4).standard_normal(x.shape)
    np.testing.assert_array_equal(act.backprop(x, dout), dout * act.derivative(x))


def test_softmax_vjp_equals_jacobian_product_and_numerical_jacobian():
    sm = activations.Softmax()
    x = np.random.default_rng(5).standard_normal((3, 4))
    dout = np.random.default_rng(6).standard_normal((3, 4))
    jac = sm.jacobian(x)
    assert jac.shape == (3, 4, 4)
    # ∂oⱼ/∂sᵢ = oⱼ(δᵢⱼ − oᵢ): 행마다 중앙 차분으로 구한 야코비 행렬과 비교한다.
    for row in range(3):
        xr = x[row].copy()
        numeric = np.stack([numerical_gradient(lambda j=j: float(sm(xr)[j]), xr) for j in range(4)])
        assert relative_error(jac[row], numeric) < 1e-7
    expected = np.einsum("bji,bj->bi", jac, dout)
    np.testing.assert_allclose(sm.vjp(x, dout), expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sm.backprop(x, dout), expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sm.vjp_from_output(sm(x), dout), expected, rtol=1e-12, atol=1e-15)


def test_softmax_rows_sum_to_one_and_match_definition():
    sm = activations.Softmax()
    x = np.random.default_rng(7).standard_normal((5, 3))
    y = sm(x)
    np.testing.assert_allclose(y.sum(axis=-1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(y, np.exp(x) / np.exp(x).sum(axis=1, keepdims=True), rtol=1e-14)
    # 001 강의의 분모는 같은 행의 모든 i에 대한 합 Σᵢ e^(sᵢ)이다. 한 벡터(1차원)도 받는다.
    s = np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(sm(s), np.exp(s) / np.sum(np.exp(s)), rtol=1e-15)
    assert np.argmax(sm(s)) == 0 and (sm(s) > 0).all()


def test_softmax_is_stable_for_huge_inputs_and_shift_invariant():
    sm = activations.Softmax()
    x = np.array([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -2000.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        y = sm(x)
        dx = sm.backprop(x, np.ones_like(x))
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dx))
    np.testing.assert_allclose(y.sum(axis=1), 1.0, atol=1e-15)
    expected = np.array([1.0, np.exp(-1.0), 0.0]) / (1.0 + np.exp(-1.0))
    np.testing.assert_allclose(y[0], expected, rtol=1e-15, atol=0)
    np.testing.assert_allclose(y[1], expected, rtol=1e-15, atol=0)
    np.testing.assert_allclose(dx, 0.0, atol=1e-15)  # 모든 출력을 같은 만큼 올리면 합이 1이라 기울기가 0이다


def test_softmax_derivative_says_to_use_backprop():
    with pytest.raises(NotImplementedError) as info:
        activations.Softmax().derivative(np.zeros((2, 3)))
    assert "야코비" in str(info.value) and "backprop" in str(info.value)


def test_leaky_relu_values_default_alpha_and_kink():
    x = np.array([-2.0, -0.5, 0.0, 1.5])
    leaky = activations.LeakyReLU()
    assert leaky.alpha == 0.3  # Keras LeakyReLU 층의 기본값
    np.testing.assert_allclose(leaky(x), [-0.6, -0.15, 0.0, 1.5], rtol=1e-15)
    np.testing.assert_allclose(leaky.derivative(x), [0.3, 0.3, 0.3, 1.0])  # x = 0에서는 왼쪽 기울기
    # 004 강의의 max(a·x, x)는 a ≤ 1에서 같은 함수이다.
    np.testing.assert_allclose(activations.LeakyReLU(alpha=0.1)(x), np.maximum(0.1 * x, x), rtol=1e-15)
    np.testing.assert_array_equal(activations.LeakyReLU(alpha=0.0)(x), activations.ReLU()(x))


def test_softplus_values_derivative_and_no_overflow():
    sp = activations.Softplus()
    x = np.array([-3.0, 0.0, 2.0])
    np.testing.assert_allclose(sp(x), np.log1p(np.exp(x)), rtol=1e-15)
    assert sp(np.array(0.0)) == pytest.approx(np.log(2.0), rel=1e-15)
    np.testing.assert_allclose(sp.derivative(x), activations.Sigmoid()(x), rtol=1e-15)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        big = sp(np.array([-1000.0, 1000.0]))
        d_big = sp.derivative(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(big, [0.0, 1000.0])
    np.testing.assert_array_equal(d_big, [0.0, 1.0])


@pytest.mark.parametrize("act", [activations.LeakyReLU(), activations.Softplus(), activations.Softmax()], ids=repr)
def test_new_activations_keep_float32_and_leave_input_alone(act):
    x = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    dout = np.ones_like(x)
    before = x.copy()
    assert act(x).dtype == np.float32
    assert act.backprop(x, dout).dtype == np.float32
    if not isinstance(act, activations.Softmax):
        assert act.derivative(x).dtype == np.float32
    np.testing.assert_array_equal(x, before)
    assert act(np.array([[1, 2, 3]])).dtype == np.float64  # 정수는 float64로


def test_get_knows_keras_names():
    assert isinstance(activations.get("leaky_relu"), activations.LeakyReLU)
    assert isinstance(activations.get("softplus"), activations.Softplus)
    assert isinstance(activations.get("Softmax"), activations.Softmax)
    assert {"leaky_relu", "softplus", "softmax"} <= set(activations.names())


def test_misspelt_names_list_valid_ones_and_suggest():
    with pytest.raises(ValueError) as info:
        activations.get("softmx")
    message = str(info.value)
    assert "'softmx'" in message and "leaky_relu" in message and "softplus" in message and "'softmax'" in message
    with pytest.raises(ValueError, match="'leaky_relu'을\\(를\\) 뜻했는가"):
        activations.get("leakyrelu")


@pytest.mark.parametrize("alpha", [-0.1, float("nan"), "0.3"])
def test_bad_alpha_is_rejected(alpha):
    with pytest.raises(ValueError, match="리키 렐루의 음수 쪽 기울기 alpha"):
        activations.LeakyReLU(alpha=alpha)


def test_backprop_rejects_dout_of_another_shape():
    with pytest.raises(ValueError) as info:
        activations.Softmax().backprop(np.zeros((2, 3)), np.zeros((3, 2)))
    assert "dout의 모양 (3, 2)" in str(info.value) and "(2, 3)" in str(info.value)
    with pytest.raises(ValueError, match="LeakyReLU의 역전파"):
        activations.LeakyReLU().backprop(np.zeros(4), np.zeros(5))
