"""손실 함수(loss function): 값 ``__call__(y_true, y_pred)``과 기울기 ``gradient(y_true, y_pred)``.

기울기는 ``y_pred``에 대한 손실의 편미분 ∂L/∂``y_pred``이고, 모양은 ``y_pred``와 같다.
이름으로 찾을 때는 ``get("mse")``처럼 쓴다. Keras의 이름을 따른다.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, shape_text, unknown_name_error


class Loss:
    """손실 함수의 공통 틀. 배치 평균을 돌려준다."""

    name = "loss"

    def _check(self, y_true, y_pred):
        y_pred = as_float_array(y_pred, "예측값 y_pred")
        y_true = as_float_array(y_true, "정답 y_true")
        if y_true.shape != y_pred.shape:
            raise ValueError(
                f"{type(self).__name__}: 정답 y_true의 모양 {shape_text(y_true.shape)}이(가) "
                f"예측값 y_pred의 모양 {shape_text(y_pred.shape)}과(와) 다르다."
            )
        return y_true.astype(y_pred.dtype, copy=False), y_pred

    def __call__(self, y_true, y_pred) -> float:
        raise NotImplementedError

    def gradient(self, y_true, y_pred) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    """평균 제곱 오차(mean squared error): mean((``y_true`` − ``y_pred``)²).

    Keras의 ``mean_squared_error``와 같이 모든 원소의 평균이다. 기울기는 2(``y_pred`` − ``y_true``)/N.
    """

    name = "mean_squared_error"

    def __call__(self, y_true, y_pred):
        y_true, y_pred = self._check(y_true, y_pred)
        return float(np.mean((y_true - y_pred) ** 2))

    def gradient(self, y_true, y_pred):
        y_true, y_pred = self._check(y_true, y_pred)
        return 2.0 * (y_pred - y_true) / y_pred.size


MSE = MeanSquaredError

_REGISTRY = {
    "mean_squared_error": MeanSquaredError,
    "mse": MeanSquaredError,
}


def names() -> list[str]:
    return sorted(_REGISTRY)


def get(identifier) -> Loss:
    """이름(문자열)이나 손실 함수 객체를 받아 손실 함수 객체를 돌려준다."""
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("손실 함수", identifier, _REGISTRY)
