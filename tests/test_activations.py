"""활성화 함수: 함숫값은 정의식과, 도함수는 중앙 차분과 비교한다."""

import numpy as np
import pytest

from nnbook import activations
from nnbook.gradcheck import numerical_gradient, relative_error


def _points(seed=0, n=50):
    x = np.random.default_rng(seed).uniform(-6, 6, size=n)
    return x[np.abs(x) > 1e-3]  # 계단·ReLU가 미분 불가능한 0은 피한다


@pytest.mark.parametrize("act", [activations.Sigmoid(), activations.Sigmoid(a=2.5), activations.Tanh(),
                                 activations.ReLU(), activations.Linear(), activations.Step()])
def test_derivative_matches_central_differences(act):
    x = _points()
    analytic = act.derivative(x)
    # 원소별 함수이므로 sum(f(x))의 기울기가 곧 f'(x)이다.
    numeric = numerical_gradient(lambda: float(np.sum(act(x))), x)
    assert relative_error(analytic, numeric) < 1e-7


def test_sigmoid_values_and_derivative_maximum():
    s = activations.Sigmoid()
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(s(x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    grid = np.linspace(-10, 10, 200001)
    d = s.derivative(grid)
    assert grid[np.argmax(d)] == pytest.approx(0.0, abs=1e-9)
    assert d.max() == pytest.approx(0.25, abs=1e-12)  # 001 강의의 "0.3"이 아니다


def test_sigmoid_slope_a_matches_001_table():
    # 001 강의 표: r(s) = 1/(1+e^(−as)), r'(s) = a·r(s)(1−r(s))
    a = 3.0
    s = activations.Sigmoid(a=a)
    x = np.linspace(-2, 2, 9)
    r = 1 / (1 + np.exp(-a * x))
    np.testing.assert_allclose(s(x), r, rtol=1e-14)
    np.testing.assert_allclose(s.derivative(x), a * r * (1 - r), rtol=1e-12)


def test_sigmoid_does_not_overflow_for_large_inputs():
    s = activations.Sigmoid()
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = s(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(y, [0.0, 1.0])


def test_step_relu_tanh_values():
    x = np.array([-1.5, 0.0, 2.0])
    np.testing.assert_array_equal(activations.Step()(x), [0, 0, 1])  # s > 0 → 1, s ≤ 0 → 0
    np.testing.assert_array_equal(activations.ReLU()(x), [0, 0, 2])
    np.testing.assert_allclose(activations.Tanh()(x), np.tanh(x))
    np.testing.assert_array_equal(activations.ReLU().derivative(x), [0, 0, 1])


@pytest.mark.parametrize("act", [activations.Sigmoid(), activations.Tanh(), activations.ReLU(), activations.Step()])
def test_dtype_follows_input_and_input_untouched(act):
    x = np.linspace(-3, 3, 7, dtype=np.float32)
    before = x.copy()
    assert act(x).dtype == np.float32
    assert act.derivative(x).dtype == np.float32
    np.testing.assert_array_equal(x, before)


def test_get_by_name_and_unknown_name_lists_valid_ones():
    assert isinstance(activations.get("ReLU"), activations.ReLU)
    assert isinstance(activations.get(None), activations.Linear)
    with pytest.raises(ValueError) as info:
        activations.get("sigmod")
    message = str(info.value)
    assert "'sigmod'" in message and "relu" in message and "tanh" in message and "'sigmoid'" in message


def test_bad_slope_is_rejected():
    with pytest.raises(ValueError, match="기울기 a"):
        activations.Sigmoid(a=0)
