"""활성화 함수(activation function)와 그 도함수.

각 활성화 함수는 작은 클래스 하나다. ``__call__(x)``가 함숫값을, ``derivative(x)``가 같은 x에서의
도함수 값을 돌려준다. 역전파에서 도함수가 필요할 때 출력 y로부터 계산할 수 있으면
(시그모이드의 σ(1−σ)처럼) ``derivative_from_output(y)``도 제공한다.

층의 역전파는 ``backprop(z, dout)``을 부른다. 원소별 함수에서는 ``dout ⊙ f′(z)``이고,
소프트맥스처럼 한 출력이 같은 행의 모든 입력에 기대는 함수는 야코비 행렬을 곱한 값(벡터-야코비 곱)을 돌려준다.

이름으로 찾을 때는 ``get("relu")``처럼 쓴다. Keras의 이름을 따른다.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive, shape_text, unknown_name_error


class ActivationFunction:
    """활성화 함수의 공통 틀 (층 ``nnbook.Activation``과 다르다: 이것은 함수 하나다). 하위 클래스는 ``__call__``과 ``derivative``를 구현한다."""

    name = "activation"

    def __call__(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, x: np.ndarray) -> np.ndarray:
        """같은 x에서의 도함수 값 f′(x). 원소별 함수이므로 모양이 x와 같다."""
        raise NotImplementedError

    def backprop(self, z: np.ndarray, dout: np.ndarray, *, output: np.ndarray | None = None,
                 check: bool = True) -> np.ndarray:
        """출력에 대한 기울기 ``dout``을 받아 입력 z에 대한 기울기를 돌려준다 (연쇄 법칙).

        원소별 함수에서는 출력 하나가 같은 자리의 입력 하나에만 기대므로 ``dout ⊙ f′(z)``이다.
        소프트맥스처럼 원소별이 아닌 함수는 이 메서드를 다시 정의한다.
        순전파의 출력 f(z)를 ``output``으로 주면 시그모이드의 σ(1 − σ)처럼 출력으로 도함수를 구하는 함수는
        f(z)를 다시 계산하지 않는다 (값은 같다). ``check=False``이면 dout의 모양과 dtype을 검사하지 않는다
        (층이 이미 검사했을 때).
        """
        if check:
            dout = _check_dout(self, z, dout)
        if output is not None and self.derivative_from_output is not None:
            return dout * self.derivative_from_output(output)
        return dout * self.derivative(z)

    derivative_from_output = None
    """출력 y = f(x)만으로 도함수를 구할 수 있는 함수(시그모이드, tanh)는 그 메서드를 여기에 둔다."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(ActivationFunction):
    """항등 함수 f(x) = x. 회귀의 출력층처럼 '활성화 함수를 쓰지 않음'을 뜻한다."""

    name = "linear"

    def __call__(self, x):
        return np.asarray(x)

    def derivative(self, x):
        x = np.asarray(x)
        return np.ones_like(x)

    def backprop(self, z, dout, *, output=None, check=True):
        # f′ = 1이므로 dout을 그대로 넘긴다 (1을 곱한 것과 값이 같다).
        return _check_dout(self, z, dout) if check else dout


class Step(ActivationFunction):
    """계단 함수(step function): x > 0이면 1, 아니면 0.

    000 강의와 004 강의의 게이트 코드가 쓰는 규칙(``result <= 0 → 0``)이다.
    x = 0을 뺀 모든 곳에서 도함수는 0이고 x = 0에서는 미분할 수 없다. 그래서 계단 함수로는
    경사 하강법으로 학습할 수 없다. ``derivative``는 관례대로 모든 곳에서 0을 돌려준다.
    """

    name = "step"

    def __call__(self, x):
        x = np.asarray(x)
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        return (x > 0).astype(dtype)

    def derivative(self, x):
        x = np.asarray(x)
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        return np.zeros(x.shape, dtype=dtype)


class Sigmoid(ActivationFunction):
    """시그모이드 함수(sigmoid function) σ(x) = 1 / (1 + e^(−a·x)).

    기울기 a는 001 강의 활성화 함수 표의 a이다 (Keras의 sigmoid는 a = 1).
    도함수는 a·σ(1 − σ)이고, a = 1일 때 최댓값은 x = 0에서 0.25이다.
    x의 절댓값이 클 때 e^(−x)가 넘치지 않도록 부호에 따라 두 식을 나누어 계산한다.
    """

    name = "sigmoid"

    def __init__(self, a: float = 1.0):
        self.a = check_positive(a, "시그모이드의 기울기 a")

    def __call__(self, x):
        x = _as_float(x)
        ax = x if self.a == 1.0 else self.a * x
        # e^(−|ax|)는 언제나 1 이하라서 넘치지 않는다. ax ≥ 0이면 1/(1 + e), 아니면 e/(1 + e)이다.
        # 분자 e^min(ax, 0)은 ax ≥ 0이면 정확히 1, 아니면 e와 같은 값이다 (np.where보다 호출이 가볍다).
        e = np.exp(-np.abs(ax))
        out = np.exp(np.minimum(ax, 0.0)) / (1.0 + e)
        return out if out.dtype == x.dtype else out.astype(x.dtype)

    def derivative(self, x):
        return self.derivative_from_output(self(x))

    def derivative_from_output(self, y):
        """출력 y = σ(ax)만으로 도함수 a·y(1 − y)를 구한다 (역전파에서 순전파 출력을 다시 쓸 때)."""
        return y * (1.0 - y) if self.a == 1.0 else self.a * y * (1.0 - y)

    def __repr__(self):
        return "Sigmoid()" if self.a == 1.0 else f"Sigmoid(a={self.a:g})"


class Tanh(ActivationFunction):
    """하이퍼볼릭 탄젠트(tanh). 범위는 (−1, 1), 도함수는 1 − tanh²(x)이고 최댓값은 1이다."""

    name = "tanh"

    def __call__(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return self.derivative_from_output(np.tanh(x))

    def derivative_from_output(self, y):
        """출력 y = tanh(x)만으로 도함수 1 − y²을 구한다."""
        return 1.0 - y * y


class ReLU(ActivationFunction):
    """렐루(ReLU) max(0, x). 도함수는 x > 0에서 1, x < 0에서 0이다.

    x = 0에서는 미분할 수 없으므로 널리 쓰는 관례대로 0을 돌려준다.
    """

    name = "relu"

    def __call__(self, x):
        x = np.asarray(x)
        return np.maximum(x, 0).astype(x.dtype, copy=False)

    def derivative(self, x):
        x = np.asarray(x)
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        return (x > 0).astype(dtype)

    def backprop(self, z, dout, *, output=None, check=True):
        # dout ⊙ 1[z > 0]: 도함수 배열을 따로 만들지 않고 한 번에 고른다 (밀집층 학습에서 자주 불린다).
        if check:
            dout = _check_dout(self, z, dout)
        return dout * (z > 0)


class LeakyReLU(ActivationFunction):
    """리키 렐루(Leaky ReLU): x > 0이면 x, 아니면 α·x. 도함수는 x > 0에서 1, x ≤ 0에서 α이다.

    음수 쪽에도 작은 기울기 α가 남아 있어서 죽은 렐루(dying ReLU) 문제를 덜어 준다.
    기본값 α = 0.3은 Keras ``LeakyReLU`` 층의 기본값이다 (Keras 3에서는 인자 이름이
    ``negative_slope``이다). 이름 ``"leaky_relu"``로 만들면 Keras의 함수 ``leaky_relu``처럼 α = 0.2다.
    004 강의를 비롯한 많은 글은 α = 0.01을 쓴다.
    004 강의의 식 max(α·x, x)는 α ≤ 1일 때만 이 함수와 같으므로, 여기서는 부호로 나누어 계산한다.
    x = 0에서는 미분할 수 없으므로 왼쪽 기울기 α를 돌려준다.
    """

    name = "leaky_relu"

    def __init__(self, alpha: float = 0.3):
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)):
            raise ValueError(f"리키 렐루의 음수 쪽 기울기 alpha는 실수여야 하는데 {alpha!r}이(가) 주어졌다.")
        if not np.isfinite(alpha) or alpha < 0:
            raise ValueError(f"리키 렐루의 음수 쪽 기울기 alpha는 0 이상이어야 하는데 {alpha}이(가) 주어졌다.")
        self.alpha = float(alpha)

    def __call__(self, x):
        x = _as_float(x)
        return np.where(x > 0, x, self.alpha * x).astype(x.dtype, copy=False)

    def derivative(self, x):
        x = _as_float(x)
        return np.where(x > 0, 1.0, self.alpha).astype(x.dtype, copy=False)

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha:g})"


class Softplus(ActivationFunction):
    """소프트플러스(softplus) log(1 + e^x). 렐루를 매끄럽게 만든 함수이고 도함수는 시그모이드 σ(x)이다.

    x가 크면 e^x가 넘치므로 log(1 + e^x) = max(x, 0) + log(1 + e^(−abs(x)))로 바꿔 계산한다
    (``np.logaddexp(0, x)``). 범위는 (0, ∞)이다.
    """

    name = "softplus"

    def __call__(self, x):
        x = _as_float(x)
        return np.logaddexp(x.dtype.type(0), x)

    def derivative(self, x):
        return Sigmoid()(_as_float(x))


class Softmax(ActivationFunction):
    """소프트맥스(softmax): 마지막 축을 따라 oⱼ = e^(sⱼ) / Σᵢ e^(sᵢ).

    한 행의 출력은 모두 양수이고 합이 1이므로 클래스별 확률로 읽는다. 분모는 같은 행의 모든 i에
    대한 합이다 (001 강의의 식은 분모 첨자를 j로 잘못 썼다). 모든 입력에서 행의 최댓값을 빼도
    값은 그대로이므로, 최댓값을 빼고 계산해 e^1000 같은 넘침을 막는다.

    출력 oⱼ가 같은 행의 모든 sᵢ에 기대므로 도함수는 원소별 값이 아니라 야코비 행렬
    ∂oⱼ/∂sᵢ = oⱼ(δᵢⱼ − oᵢ)이다. 그래서 ``derivative``는 쓸 수 없고, 역전파에는 이 행렬을 ``dout``에
    곱한 값(벡터-야코비 곱) ``vjp(x, dout)`` = o ⊙ (``dout`` − Σ ``dout`` ⊙ o)를 쓴다 (합은 행마다).
    ``backprop``이 곧 ``vjp``이다. 행렬 자체가 필요하면 ``jacobian(x)``를 쓴다.
    """

    name = "softmax"

    def __call__(self, x):
        x = _as_float(x)
        e = np.exp(x - np.max(x, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    def derivative(self, x):
        raise NotImplementedError(
            "소프트맥스의 도함수는 원소별 값이 아니라 야코비 행렬이므로 derivative를 쓸 수 없다. "
            "역전파에는 backprop(x, dout)이나 vjp(x, dout)을, 행렬이 필요하면 jacobian(x)을 써야 한다."
        )

    def vjp(self, x, dout):
        """입력 x에서의 야코비 행렬 J와 ``dout``의 곱 J^T·``dout``, 곧 x에 대한 기울기를 돌려준다."""
        dout = _check_dout(self, x, dout)
        return self.vjp_from_output(self(x), dout)

    def vjp_from_output(self, y, dout):
        """소프트맥스 출력 y에서 바로 구한 벡터-야코비 곱 y ⊙ (``dout`` − Σ ``dout`` ⊙ y)."""
        y = _as_float(y)
        dout = np.asarray(dout).astype(y.dtype, copy=False)
        return y * (dout - np.sum(dout * y, axis=-1, keepdims=True))

    def backprop(self, z, dout, *, output=None, check=True):
        """층의 역전파가 부르는 이름이다. 원소별 곱이 아니라 ``vjp(z, dout)``을 돌려준다."""
        if output is None:
            return self.vjp(z, dout)
        return self.vjp_from_output(output, _check_dout(self, z, dout) if check else dout)

    def jacobian(self, x):
        """마지막 축의 야코비 행렬 ∂oⱼ/∂sᵢ = oⱼ(δᵢⱼ − oᵢ). 입력이 (…, k)이면 (…, k, k)를 돌려준다."""
        y = self(x)
        return y[..., :, None] * np.eye(y.shape[-1], dtype=y.dtype) - y[..., :, None] * y[..., None, :]


def _as_float(x) -> np.ndarray:
    """실수 배열은 dtype 그대로, 정수·불 배열은 float64로 바꾼다."""
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def _check_dout(activation: ActivationFunction, z, dout) -> np.ndarray:
    """역전파에 들어온 ``dout``의 모양이 z와 같은지 확인하고, dtype을 z에 맞춘다."""
    z = np.asarray(z)
    dout = np.asarray(dout)
    if dout.shape != z.shape:
        raise ValueError(
            f"{type(activation).__name__}의 역전파: dout의 모양 {shape_text(dout.shape)}이(가) "
            f"입력의 모양 {shape_text(z.shape)}과(와) 같아야 한다."
        )
    dtype = z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64
    return dout.astype(dtype, copy=False)


#: 이름으로 찾을 수 있는 활성화 함수 클래스들 (저장한 모델을 읽을 때도 이것만 만든다).
ACTIVATION_CLASSES = (Linear, Step, Sigmoid, Tanh, ReLU, LeakyReLU, Softplus, Softmax)
_REGISTRY: dict[str, type[ActivationFunction]] = {cls.name: cls for cls in ACTIVATION_CLASSES}
# 이름으로 만들 때의 인자가 클래스의 기본값과 다른 것. Keras 3에서도 함수 keras.activations.leaky_relu의
# negative_slope 기본값은 0.2이고, 층 keras.layers.LeakyReLU의 기본값은 0.3이다.
_NAME_ARGUMENTS = {"leaky_relu": {"alpha": 0.2}}


def names() -> list[str]:
    """get()이 아는 활성화 함수 이름들."""
    return sorted(_REGISTRY)


def get(identifier) -> ActivationFunction:
    """이름(문자열), 활성화 함수 객체, None(= linear) 중 하나를 받아 활성화 함수 객체를 돌려준다.

    이름은 Keras 3의 활성화 함수 이름과 같은 뜻이다. 그래서 ``"leaky_relu"``는 Keras의 함수
    ``leaky_relu``처럼 음수 쪽 기울기가 0.2다 (클래스 ``LeakyReLU()``의 기본값 0.3은 Keras의 층과 같다).
    """
    if identifier is None:
        return Linear()
    if isinstance(identifier, ActivationFunction):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        name = identifier.lower()
        return _REGISTRY[name](**_NAME_ARGUMENTS.get(name, {}))
    raise unknown_name_error("활성화 함수", identifier, _REGISTRY)
