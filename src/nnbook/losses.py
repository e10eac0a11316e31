"""손실 함수(loss function): 값 ``__call__(y_true, y_pred)``과 기울기 ``gradient(y_true, y_pred)``.

기울기는 ``y_pred``에 대한 손실의 편미분 ∂L/∂``y_pred``이고, 모양과 dtype은 ``y_pred``와 같다.
이름으로 찾을 때는 ``get("mse")``처럼 쓴다. Keras의 이름을 따른다.

줄이는 방식(reduction)은 Keras와 같다. 샘플 하나의 손실을 마지막 축에서 구한 뒤(평균 제곱 계열과
이진 교차 엔트로피는 평균, 범주형 교차 엔트로피는 합) 배치에 대해 평균한다. 그래서 평균 제곱 계열과
이진 교차 엔트로피는 모든 원소의 평균이 된다.

출력층 활성화와 합쳐 미분하기: 소프트맥스 뒤의 범주형 교차 엔트로피(와 로그우도), 시그모이드 뒤의
이진 교차 엔트로피는 두 미분을 곱하면 분모가 지워져서 로짓 z(활성화 직전 값)에 대한 기울기가
(o − y)/배치 크기로 아주 간단해진다. 이 규칙은 이 모듈 끝의 ``can_fuse``와 ``fused_gradient`` 한 곳에만
있다. 모델은 마지막 층의 활성화와 손실이 이 규칙에 맞으면 ``fused_gradient``를 마지막 층의 활성화 앞에
바로 넣는다. 값은 두 기울기를 차례로 곱한 것과 같고, 확률이 0이나 1에 가까워도 나눗셈이 없어 정확하다.

값과 기울기는 ``check=False``이면 정답과 예측값의 검사(모양, NaN, 값의 범위)를 건너뛴다. 모델이 fit에서
정답을 한 번 검사한 뒤 배치마다 쓴다.
"""

from __future__ import annotations

import numpy as np

from . import activations as _activations
from ._checks import as_float_array, check_not_empty, shape_text, unknown_name_error

EPSILON = 1e-7
"""Keras의 ``backend.epsilon()``과 같은 작은 수. 확률을 [ε, 1 − ε]로 자르고 0으로 나누기를 막는 데 쓴다."""


class Loss:
    """손실 함수의 공통 틀. 배치 평균을 돌려준다."""

    name = "loss"
    integer_labels = False
    """정답이 원-핫이 아니라 (배치,) 모양의 정수 클래스 번호이면 참이다 (로그우도)."""

    def _check(self, y_true, y_pred, check=True):
        if not check:
            return y_true, y_pred
        y_pred = as_float_array(y_pred, "예측값 y_pred")
        y_true = as_float_array(y_true, "정답 y_true")
        check_not_empty(y_pred, "예측값 y_pred")
        if y_true.shape != y_pred.shape:
            raise ValueError(
                f"{type(self).__name__}: 정답 y_true의 모양 {shape_text(y_true.shape)}이(가) "
                f"예측값 y_pred의 모양 {shape_text(y_pred.shape)}과(와) 다르다."
            )
        return y_true.astype(y_pred.dtype, copy=False), y_pred

    def __call__(self, y_true, y_pred, *, check: bool = True) -> float:
        """손실 값(배치 평균)."""
        raise NotImplementedError

    def gradient(self, y_true, y_pred, *, check: bool = True) -> np.ndarray:
        """예측값에 대한 손실의 편미분 ∂L/∂``y_pred``. 모양은 ``y_pred``와 같다."""
        raise NotImplementedError

    def value_and_gradient(self, y_true, y_pred, *, check: bool = True) -> tuple[float, np.ndarray]:
        """손실 값과 기울기를 함께 돌려준다 (학습의 한 걸음에 둘 다 필요하다). 값은 따로 부른 것과 같다."""
        return self(y_true, y_pred, check=check), self.gradient(y_true, y_pred, check=check)

    def __repr__(self):
        return f"{type(self).__name__}()"


def _check_probabilities(loss: Loss, y_true, y_pred, *, what: str) -> None:
    """정답은 [0, 1]의 값(레이블·확률)이어야 하고, 예측값은 확률이어야 한다 (로짓이면 ``from_logits=True``).

    예측값이 로짓이라 확인할 것이 없으면 ``y_pred``에, 정답을 이미 확인했으면 ``y_true``에 None을 준다.
    """
    name = type(loss).__name__
    if y_true is not None and y_true.size and (y_true.min() < 0 or y_true.max() > 1):
        raise ValueError(
            f"{name}의 정답 y_true는 0과 1 사이의 {what}이어야 하는데 "
            f"값의 범위가 [{y_true.min():g}, {y_true.max():g}]이다."
        )
    if y_pred is not None and y_pred.size and (y_pred.min() < 0 or y_pred.max() > 1):
        raise ValueError(
            f"{name}의 예측값 y_pred는 0과 1 사이의 확률이어야 하는데 값의 범위가 "
            f"[{y_pred.min():g}, {y_pred.max():g}]이다. 활성화를 거치지 않은 로짓이라면 from_logits=True로 만들어야 한다."
        )


def _clip(y_pred):
    """확률을 [ε, 1 − ε]로 자르고, 잘리지 않은 자리(기울기가 흐르는 자리)의 표시도 돌려준다."""
    p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
    return p, p == y_pred


# 평균 제곱 계열 ---------------------------------------------------------------------------------

class MeanSquaredError(Loss):
    """평균 제곱 오차(mean squared error): mean((``y_true`` − ``y_pred``)²).

    Keras의 ``mean_squared_error``처럼 마지막 축에서 평균한 뒤 배치에서 평균하므로, 모든 원소의 평균이다.
    기울기는 2(``y_pred`` − ``y_true``)/N (N은 원소 수).
    001 강의의 e = ½(y − o)²는 출력이 하나일 때 이 값의 절반이다 (½은 미분을 깔끔하게 하려고 붙인 것이다).
    """

    name = "mean_squared_error"

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        squared = (y_true - y_pred) ** 2
        # np.mean과 같은 값(합 ÷ 원소 수)이다. np.mean을 거치는 파이썬 코드가 작은 배열에서는 계산보다 오래 걸린다.
        return float(np.add.reduce(squared, axis=None)) / squared.size

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return 2.0 * (y_pred - y_true) / y_pred.size

    def value_and_gradient(self, y_true, y_pred, *, check=True):
        # 차 ŷ − y를 한 번만 계산한다. (ŷ − y)²은 (y − ŷ)²과 같은 값이다.
        y_true, y_pred = self._check(y_true, y_pred, check)
        difference = y_pred - y_true
        return float(np.add.reduce(difference * difference, axis=None)) / difference.size, 2.0 * difference / difference.size


class MeanAbsoluteError(Loss):
    """평균 절대 오차(mean absolute error): mean(abs(``y_true`` − ``y_pred``)).

    기울기는 sign(``y_pred`` − ``y_true``)/N이다. 예측이 정답과 꼭 같은 곳에서는 미분할 수 없으므로
    관례대로 0을 돌려준다. 큰 오차를 제곱하지 않으므로 MSE보다 이상치에 덜 민감하다.
    """

    name = "mean_absolute_error"

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return float(np.mean(np.abs(y_true - y_pred)))

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return np.sign(y_pred - y_true) / y_pred.size


class MeanAbsolutePercentageError(Loss):
    """평균 절대 백분율 오차(mean absolute percentage error): 100 · mean(abs(y − ŷ) / max(abs(y), ε)).

    y는 ``y_true``, ŷ는 ``y_pred``이다. 오차를 정답의 크기로 나누어 백분율로 나타낸다.
    정답이 0이면 나눌 수 없으므로 Keras처럼 분모를 ε = 1e-7(``EPSILON``) 아래로 내려가지 않게 한다.
    그래서 정답에 0이 있어도 오류는 나지 않지만 그 샘플의 손실은 abs(ŷ) × 10⁹ 정도로 아주 커진다.
    정답에 0이 있는 데이터에는 MAPE를 쓰지 않는 것이 좋다. 기울기는 100 · sign(ŷ − y) / max(abs(y), ε) / N이다.
    """

    name = "mean_absolute_percentage_error"

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return float(100.0 * np.mean(np.abs(y_true - y_pred) / np.maximum(np.abs(y_true), EPSILON)))

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return 100.0 * np.sign(y_pred - y_true) / np.maximum(np.abs(y_true), EPSILON) / y_pred.size


class MeanSquaredLogarithmicError(Loss):
    """평균 제곱 로그 오차(mean squared logarithmic error): mean((log(ŷ + 1) − log(y + 1))²).

    ŷ는 ``y_pred``, y는 ``y_true``이다. 000 강의는 이 식을 mean(square((log(ŷ) + 1) − (log(y) + 1)))로
    잘못 썼다. 그 식에서는 +1이 서로 지워져 로그 안에 1을 더하는 뜻이 사라지고, 값이 0이면 log 0이 된다.
    로그 안의 +1 덕분에 0도 쓸 수 있고, 큰 값들 사이의 비율 차이를 본다.

    log(1 + x)는 x > −1에서만 정의되므로 ``y_true``와 ``y_pred``가 모두 −1보다 커야 하며, 아니면
    ValueError를 낸다 (Keras는 음수를 조용히 ε으로 잘라 그 자리의 기울기를 0으로 만든다).
    출력층에는 음수를 내지 않는 활성화(relu, softplus)를 쓰는 것이 좋다.
    기울기는 2(log(ŷ + 1) − log(y + 1)) / (ŷ + 1) / N이다.
    """

    name = "mean_squared_logarithmic_error"

    def _check(self, y_true, y_pred, check=True):
        y_true, y_pred = super()._check(y_true, y_pred, check)
        for label, arr in (("정답 y_true", y_true), ("예측값 y_pred", y_pred)):
            if check and arr.size and arr.min() <= -1:
                raise ValueError(
                    f"MSLE는 log(1 + 값)을 쓰므로 {label}의 모든 값이 −1보다 커야 하는데 "
                    f"최솟값이 {arr.min():g}이다."
                )
        return y_true, y_pred

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return float(np.mean((np.log1p(y_pred) - np.log1p(y_true)) ** 2))

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        return 2.0 * (np.log1p(y_pred) - np.log1p(y_true)) / (1.0 + y_pred) / y_pred.size


# 교차 엔트로피 계열 -----------------------------------------------------------------------------

class _LogitsOption(Loss):
    """``from_logits`` 인자를 받는 교차 엔트로피들의 공통 생성자."""

    def __init__(self, from_logits: bool = False):
        self.from_logits = bool(from_logits)


class BinaryCrossentropy(_LogitsOption):
    """이진 교차 엔트로피(binary cross entropy): −mean(y·log o + (1 − y)·log(1 − o)).

    y는 0 또는 1인 정답(``y_true``), o는 시그모이드 출력인 확률(``y_pred``)이다. 로그는 자연로그다.
    001 강의는 log₂로 계산하므로 그 값은 이 값을 ln 2로 나눈 것이다.
    Keras처럼 확률을 [ε, 1 − ε] (ε = 1e-7)로 잘라 log 0을 막는다. 잘린 자리의 기울기는 0이다.
    ``y_pred``에 대한 기울기는 (o − y) / (o(1 − o)) / N이다.

    시그모이드(a = 1) 바로 뒤에 오면 두 미분이 합쳐져 로짓 z에 대한 기울기가 (o − y)/N이 된다
    (001 강의의 ∂e/∂b = o − y, ∂e/∂w = x(o − y)). ``fused_gradient``가 이 값을 준다.
    ``from_logits=True``이면 ``y_pred``를 시그모이드 전의 로짓 z로 받아 넘침 없이 직접 계산하고,
    기울기는 (σ(z) − y)/N이다.
    """

    name = "binary_crossentropy"

    def _check(self, y_true, y_pred, check=True):
        y_true, y_pred = super()._check(y_true, y_pred, check)
        # 예측값의 범위는 check=False여도 본다: 확률이 아닌 출력을 조용히 잘라 학습하지 않도록.
        _check_probabilities(self, y_true if check else None, None if self.from_logits else y_pred,
                             what="레이블이나 확률")
        return y_true, y_pred

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        if self.from_logits:
            z = y_pred
            # log(1 + e^z) − y·z를 넘침 없이 계산한다.
            return float(np.mean(np.logaddexp(0.0, z) - y_true * z))
        p, _ = _clip(y_pred)
        return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        if self.from_logits:
            return (_activations.Sigmoid()(y_pred) - y_true) / y_pred.size
        p, inside = _clip(y_pred)
        return np.where(inside, (p - y_true) / (p * (1.0 - p)), 0.0).astype(y_pred.dtype, copy=False) / y_pred.size

    def __repr__(self):
        return "BinaryCrossentropy(from_logits=True)" if self.from_logits else "BinaryCrossentropy()"


def _check_one_hot(loss: Loss, y_true, y_pred):
    """범주형 교차 엔트로피의 정답과 예측값을 확인한다. 정수 레이블이 들어오면 쓸 손실을 알려 준다."""
    y_pred = as_float_array(y_pred, "예측값 y_pred")
    y_true = as_float_array(y_true, "정답 y_true")
    check_not_empty(y_pred, "예측값 y_pred")
    name = type(loss).__name__
    if y_pred.ndim == 0:
        raise ValueError(f"{name}의 예측값 y_pred는 (배치, 클래스 수) 모양이어야 하는데 스칼라가 주어졌다.")
    if y_true.shape != y_pred.shape:
        hint = ""
        if y_true.shape == y_pred.shape[:-1]:
            hint = (" 정답이 정수 레이블이라면 원-핫 인코딩하거나 "
                    "손실 'nll'(sparse_categorical_crossentropy)을 써야 한다.")
        raise ValueError(
            f"{name}: 정답 y_true의 모양 {shape_text(y_true.shape)}이(가) "
            f"예측값 y_pred의 모양 {shape_text(y_pred.shape)}과(와) 다르다.{hint}"
        )
    return y_true.astype(y_pred.dtype, copy=False), y_pred


class CategoricalCrossentropy(_LogitsOption):
    """범주형 교차 엔트로피(categorical cross entropy): 샘플마다 E = −Σₖ tₖ log oₖ, 배치에서는 평균.

    t(``y_true``)는 원-핫 인코딩한 정답, o(``y_pred``)는 소프트맥스가 낸 클래스별 확률이고, 모양은 둘 다
    (배치, 클래스 수)이다. 정답이 k₀이면 E = −log o[k₀]이다. 로그는 자연로그다.
    Keras처럼 확률을 [ε, 1 − ε]로 잘라 log 0을 막고, 잘린 자리의 기울기는 0이다.
    ``y_pred``에 대한 기울기는 −t / o / 배치 크기이다. (Keras는 확률을 행의 합으로 한 번 더 나누는데,
    소프트맥스 출력처럼 행의 합이 1이면 값이 같다.)

    소프트맥스 바로 뒤에 오면 두 미분이 합쳐져 로짓 z에 대한 기울기가 (o − t)/배치 크기가 된다.
    ``fused_gradient``가 이 값을 준다. 정확히는 (o·Σₖ tₖ − t)/배치 크기이고, 원-핫이나 합이 1인 정답에서는
    (o − t)/배치 크기와 같다.
    ``from_logits=True``이면 ``y_pred``를 소프트맥스 전의 로짓 z로 받아 log-sum-exp로 안정하게 계산한다.
    """

    name = "categorical_crossentropy"

    def _check(self, y_true, y_pred, check=True):
        if not check:
            _check_probabilities(self, None, None if self.from_logits else y_pred, what="원-핫 레이블이나 확률")
            return y_true, y_pred
        y_true, y_pred = _check_one_hot(self, y_true, y_pred)
        _check_probabilities(self, y_true, None if self.from_logits else y_pred, what="원-핫 레이블이나 확률")
        return y_true, y_pred

    @staticmethod
    def _batch(y_pred) -> int:
        return max(y_pred.size // y_pred.shape[-1], 1)

    def __call__(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        if self.from_logits:
            z = y_pred - np.max(y_pred, axis=-1, keepdims=True)
            log_p = z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
        else:
            log_p = np.log(_clip(y_pred)[0])
        return float(-np.sum(y_true * log_p) / self._batch(y_pred))

    def gradient(self, y_true, y_pred, *, check=True):
        y_true, y_pred = self._check(y_true, y_pred, check)
        batch = self._batch(y_pred)
        if self.from_logits:
            o = _activations.Softmax()(y_pred)
            return (o * np.sum(y_true, axis=-1, keepdims=True) - y_true) / batch
        p, inside = _clip(y_pred)
        return np.where(inside, -y_true / p, 0.0).astype(y_pred.dtype, copy=False) / batch

    def __repr__(self):
        return "CategoricalCrossentropy(from_logits=True)" if self.from_logits else "CategoricalCrossentropy()"


class NegativeLogLikelihood(Loss):
    """음의 로그우도(negative log likelihood): 샘플마다 e = −log o[y], 배치에서는 평균.

    001 강의의 로그우도 목적 함수이다. 정답 y(``y_true``)는 원-핫이 아니라 정수 클래스 번호이고 모양은
    (배치,)이며, o(``y_pred``)는 (배치, 클래스 수) 모양의 소프트맥스 출력이다. 모든 출력을 보는 교차
    엔트로피와 달리 정답 클래스의 출력 하나만 본다. 그래도 값은 원-핫 정답의 범주형 교차 엔트로피와 같다
    (Keras의 ``sparse_categorical_crossentropy``). 로그는 자연로그다. 001 강의의 log₂ 값은 이 값을 ln 2로
    나눈 것이다.

    정답은 0 이상 클래스 수 미만의 정수여야 한다 (1.0처럼 정숫값인 실수도 받는다). 확률은 [ε, 1 − ε]로
    자른다. 소프트맥스 바로 뒤에 오면 로짓에 대한 기울기는 (o − onehot(y))/배치 크기이다.
    """

    name = "nll"
    integer_labels = True

    def _check(self, y_true, y_pred, check=True):
        if not check:
            _check_probabilities(self, None, y_pred, what="확률")
            return np.asarray(y_true).astype(np.intp, copy=False), y_pred
        y_pred = as_float_array(y_pred, "예측값 y_pred")
        y_true = as_float_array(y_true, "정답 y_true")
        check_not_empty(y_pred, "예측값 y_pred")
        if y_pred.ndim != 2:
            raise ValueError(
                f"NLL의 예측값 y_pred는 (배치, 클래스 수) 모양의 2차원 배열이어야 하는데 "
                f"모양이 {shape_text(y_pred.shape)}이다."
            )
        if y_true.shape != y_pred.shape[:1]:
            hint = " 원-핫 정답이라면 손실 'categorical_crossentropy'를 써야 한다." if y_true.shape == y_pred.shape else ""
            raise ValueError(
                f"NLL의 정답 y_true는 모양이 ({y_pred.shape[0]},)인 정수 클래스 번호여야 하는데 "
                f"모양이 {shape_text(y_true.shape)}이다.{hint}"
            )
        if np.any(y_true != np.round(y_true)):
            raise ValueError(
                f"NLL의 정답 y_true는 정수 클래스 번호여야 하는데 "
                f"{y_true[y_true != np.round(y_true)][0]:g}처럼 정수가 아닌 값이 들어 있다."
            )
        k = y_pred.shape[1]
        bad = (y_true < 0) | (y_true >= k)
        if np.any(bad):
            shown = ", ".join(f"{v:g}" for v in np.unique(y_true[bad])[:5])
            raise ValueError(
                f"NLL의 정답 y_true는 0 이상 {k} 미만의 클래스 번호여야 하는데 범위 밖의 값 {shown}이(가) 들어 있다."
            )
        if y_pred.size and (y_pred.min() < 0 or y_pred.max() > 1):
            raise ValueError(
                f"NLL의 예측값 y_pred는 0과 1 사이의 확률이어야 하는데 값의 범위가 "
                f"[{y_pred.min():g}, {y_pred.max():g}]이다. 출력층에 소프트맥스를 두어야 한다."
            )
        return y_true.astype(np.intp), y_pred

    def __call__(self, y_true, y_pred, *, check=True):
        labels, y_pred = self._check(y_true, y_pred, check)
        picked = y_pred[np.arange(len(labels)), labels]
        return float(-np.mean(np.log(_clip(picked)[0])))

    def gradient(self, y_true, y_pred, *, check=True):
        labels, y_pred = self._check(y_true, y_pred, check)
        rows = np.arange(len(labels))
        p, inside = _clip(y_pred[rows, labels])
        grad = np.zeros_like(y_pred)
        grad[rows, labels] = np.where(inside, -1.0 / p, 0.0) / len(labels)
        return grad


# 출력층 활성화와 손실을 합친 미분 ------------------------------------------------------------------
# 이 책에서 활성화와 손실을 합쳐 미분하는 곳은 여기 하나다. 모델(Sequential)도 이것만 부른다.

def can_fuse(loss: Loss, activation) -> bool:
    """출력층의 ``activation`` 바로 뒤에 ``loss``가 올 때 두 미분을 합칠 수 있으면 참이다.

    합칠 수 있는 짝은 셋이다: 소프트맥스와 범주형 교차 엔트로피, 소프트맥스와 음의 로그우도,
    시그모이드(a = 1)와 이진 교차 엔트로피. ``from_logits=True``인 손실은 이미 로짓을 받으므로 합치지 않는다.
    """
    if isinstance(loss, NegativeLogLikelihood):
        return isinstance(activation, _activations.Softmax)
    if isinstance(loss, CategoricalCrossentropy):
        return not loss.from_logits and isinstance(activation, _activations.Softmax)
    if isinstance(loss, BinaryCrossentropy):
        return not loss.from_logits and isinstance(activation, _activations.Sigmoid) and activation.a == 1.0
    return False


def fused_gradient(loss: Loss, activation, y_true, y_pred, *, check: bool = True) -> np.ndarray:
    """활성화 직전 값(로짓) z에 대한 손실의 기울기 ∂L/∂z를 활성화의 출력 o = ``y_pred``로 바로 구한다.

    - 소프트맥스 + 범주형 교차 엔트로피: (o·Σₖ tₖ − t)/배치 크기 (원-핫 정답이면 (o − t)/배치 크기)
    - 소프트맥스 + 음의 로그우도: (o − onehot(y))/배치 크기
    - 시그모이드 + 이진 교차 엔트로피: (o − y)/N (N은 원소 수)

    활성화의 야코비안과 손실의 기울기를 차례로 곱한 값과 같지만, 나눗셈이 없어 o가 0이나 1에 가까워도 정확하다.
    ``can_fuse(loss, activation)``이 거짓인 짝이면 ValueError를 낸다.
    """
    if not can_fuse(loss, activation):
        raise ValueError(
            f"{loss!r}은(는) {activation!r} 바로 뒤에서 합쳐 미분할 수 없다. 합칠 수 있는 짝은 소프트맥스와 "
            "범주형 교차 엔트로피·음의 로그우도, 시그모이드(a = 1)와 이진 교차 엔트로피다."
        )
    y_true, y_pred = loss._check(y_true, y_pred, check)
    if isinstance(loss, NegativeLogLikelihood):
        grad = y_pred.copy()
        grad[np.arange(len(y_true)), y_true] -= 1.0
        return grad / len(y_true)
    if isinstance(loss, CategoricalCrossentropy):
        return (y_pred * np.sum(y_true, axis=-1, keepdims=True) - y_true) / loss._batch(y_pred)
    return (y_pred - y_true) / y_pred.size


MSE = MeanSquaredError
MAE = MeanAbsoluteError
MAPE = MeanAbsolutePercentageError
MSLE = MeanSquaredLogarithmicError
NLL = NegativeLogLikelihood

_REGISTRY = {
    "mean_squared_error": MeanSquaredError,
    "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError,
    "mae": MeanAbsoluteError,
    "mean_absolute_percentage_error": MeanAbsolutePercentageError,
    "mape": MeanAbsolutePercentageError,
    "mean_squared_logarithmic_error": MeanSquaredLogarithmicError,
    "msle": MeanSquaredLogarithmicError,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "nll": NegativeLogLikelihood,
    "sparse_categorical_crossentropy": NegativeLogLikelihood,
}


def names() -> list[str]:
    """get()이 아는 손실 함수 이름들."""
    return sorted(_REGISTRY)


def get(identifier) -> Loss:
    """이름(문자열)이나 손실 함수 객체를 받아 손실 함수 객체를 돌려준다."""
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("손실 함수", identifier, _REGISTRY)
