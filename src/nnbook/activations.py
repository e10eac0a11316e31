"""활성화 함수(activation function)와 그 도함수.

각 활성화 함수는 작은 클래스 하나다. ``__call__(x)``가 함숫값을, ``derivative(x)``가 같은 x에서의
도함수 값을 돌려준다. 역전파에서 도함수가 필요할 때 출력 y로부터 계산할 수 있으면
(시그모이드의 σ(1−σ)처럼) ``derivative_from_output(y)``도 제공한다.

이름으로 찾을 때는 ``get("relu")``처럼 쓴다. Keras의 이름을 따른다.
"""

from __future__ import annotations

import numpy as np

from ._checks import unknown_name_error


class Activation:
    """활성화 함수의 공통 틀. 하위 클래스는 ``__call__``과 ``derivative``를 구현한다."""

    name = "activation"

    def __call__(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Linear(Activation):
    """항등 함수 f(x) = x. 회귀의 출력층처럼 '활성화 함수를 쓰지 않음'을 뜻한다."""

    name = "linear"

    def __call__(self, x):
        return np.asarray(x)

    def derivative(self, x):
        x = np.asarray(x)
        return np.ones_like(x)


class Step(Activation):
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


class Sigmoid(Activation):
    """시그모이드 함수(sigmoid function) σ(x) = 1 / (1 + e^(−a·x)).

    기울기 a는 001 강의 활성화 함수 표의 a이다 (Keras의 sigmoid는 a = 1).
    도함수는 a·σ(1 − σ)이고, a = 1일 때 최댓값은 x = 0에서 0.25이다.
    x의 절댓값이 클 때 e^(−x)가 넘치지 않도록 부호에 따라 두 식을 나누어 계산한다.
    """

    name = "sigmoid"

    def __init__(self, a: float = 1.0):
        if not np.isfinite(a) or a <= 0:
            raise ValueError(f"시그모이드의 기울기 a는 0보다 커야 하는데 {a}이(가) 주어졌다.")
        self.a = float(a)

    def __call__(self, x):
        x = np.asarray(x)
        if not np.issubdtype(x.dtype, np.floating):
            x = x.astype(np.float64)
        ax = self.a * x
        # e^(−|ax|)는 언제나 1 이하라서 넘치지 않는다.
        e = np.exp(-np.abs(ax))
        return np.where(ax >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)

    def derivative(self, x):
        return self.derivative_from_output(self(x))

    def derivative_from_output(self, y):
        return self.a * y * (1.0 - y)

    def __repr__(self):
        return "Sigmoid()" if self.a == 1.0 else f"Sigmoid(a={self.a:g})"


class Tanh(Activation):
    """하이퍼볼릭 탄젠트(tanh). 범위는 (−1, 1), 도함수는 1 − tanh²(x)이고 최댓값은 1이다."""

    name = "tanh"

    def __call__(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return self.derivative_from_output(np.tanh(x))

    def derivative_from_output(self, y):
        return 1.0 - y * y


class ReLU(Activation):
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


_REGISTRY: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Linear, Step, Sigmoid, Tanh, ReLU)
}


def names() -> list[str]:
    """get()이 아는 활성화 함수 이름들."""
    return sorted(_REGISTRY)


def get(identifier) -> Activation:
    """이름(문자열), 활성화 함수 객체, None(= linear) 중 하나를 받아 활성화 함수 객체를 돌려준다."""
    if identifier is None:
        return Linear()
    if isinstance(identifier, Activation):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("활성화 함수", identifier, _REGISTRY)
