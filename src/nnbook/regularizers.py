"""규제(regularizer): 가중치가 커지지 않도록 손실에 더하는 벌점(penalty)과 그 기울기.

규제를 쓰는 층은 손실에 ``regularizer(kernel)``을 더하고, 커널의 기울기에 ``regularizer.gradient(kernel)``을
더한다. 이름, 기본값, 식은 Keras를 따른다.

- ``L1(l1=0.01)``: 벌점 ``l1``·Σ abs(w), 기울기 ``l1``·sign(w). 작은 가중치를 정확히 0으로 만드는 경향이 있다.
- ``L2(l2=0.01)``: 벌점 ``l2``·Σ w², 기울기 2·``l2``·w. 가중치 감쇠(weight decay)라고도 한다.
- ``L1L2(l1, l2)``: 둘의 합.

001 강의의 가중치 감쇠는 손실에 ½λ‖θ‖²를 더해 θ ← θ − η(∂L/∂θ + λθ) = θ(1 − ηλ) − η ∂L/∂θ로 갱신한다
(강의는 같은 계수를 γ와 λ 두 이름으로 부른다). Keras의 L2는 ½이 없으므로 강의의 λ는 ``l2`` = λ/2에 해당한다.
``L2.from_weight_decay(λ)``가 그 변환을 한다.

노름(norm)은 벡터의 크기를 재는 방법이다. 001 강의의 x = [1, 2, 3, 4, 5]에서 L1 노름은 15, L2 노름은
√55 ≈ 7.4162다 (강의는 7.4161로 잘라 적었다). ``l1_norm``과 ``l2_norm``이 이 값을 계산한다.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, unknown_name_error

__all__ = ["l1_norm", "l2_norm", "Regularizer", "L1", "L2", "L1L2", "names", "get", "serialize"]


def l1_norm(x) -> float:
    """L1 노름: 원소의 절댓값의 합. [1, 2, 3, 4, 5]이면 15다."""
    return float(np.sum(np.abs(as_float_array(x, "l1_norm의 입력"))))


def l2_norm(x) -> float:
    """L2 노름(유클리드 길이): 원소의 제곱의 합의 제곱근. [1, 2, 3, 4, 5]이면 √55 ≈ 7.4162다."""
    return float(np.sqrt(np.sum(as_float_array(x, "l2_norm의 입력") ** 2)))


def _check_coefficient(value, name: str) -> float:
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (is_real and np.isfinite(value) and value >= 0):
        raise ValueError(f"{name}은(는) 0 이상의 실수여야 하는데 {value!r}이(가) 주어졌다.")
    return float(value)


class Regularizer:
    """규제의 공통 틀. ``__call__(w)``은 벌점(실수 하나), ``gradient(w)``는 w와 모양과 dtype이 같은 기울기다."""

    name = "regularizer"

    def __call__(self, w, *, check: bool = True) -> float:
        """벌점. ``check=False``는 층이 자기 커널(이미 검사한 실수 배열)을 넘길 때 쓴다."""
        return float(self._penalty(self._check(w) if check else w))

    def gradient(self, w, *, check: bool = True) -> np.ndarray:
        """벌점의 가중치에 대한 기울기 (모양은 w와 같다). ``check``는 ``__call__``과 같다."""
        if check:
            w = self._check(w)
        return np.asarray(self._gradient(w)).astype(w.dtype, copy=False)

    def get_config(self) -> dict:
        """이 규제를 다시 만드는 생성자 인자 {이름: 값}. 모델을 pickle 없이 저장할 때 쓴다."""
        return {}

    def _check(self, w) -> np.ndarray:
        return as_float_array(w, f"{type(self).__name__} 규제의 가중치")

    def _penalty(self, w):
        raise NotImplementedError

    def _gradient(self, w):
        raise NotImplementedError


class L1(Regularizer):
    """L1 규제: 벌점 ``l1``·Σ abs(w), 기울기 ``l1``·sign(w) (w = 0에서는 0). Keras의 기본값은 ``l1=0.01``."""

    name = "l1"

    def __init__(self, l1: float = 0.01):
        self.l1 = _check_coefficient(l1, "L1의 l1")

    def _penalty(self, w):
        return self.l1 * np.sum(np.abs(w))

    def _gradient(self, w):
        return self.l1 * np.sign(w)

    def get_config(self):
        return {"l1": self.l1}

    def __repr__(self):
        return f"L1(l1={self.l1:g})"


class L2(Regularizer):
    """L2 규제(가중치 감쇠): 벌점 ``l2``·Σ w², 기울기 2·``l2``·w. Keras의 기본값은 ``l2=0.01``.

    001 강의의 감쇠 계수 λ(벌점 ½λ‖θ‖²)는 ``l2`` = λ/2에 해당한다. 그러면 학습률 η인 SGD의 한 걸음이
    θ − η(∂L/∂θ + 2·``l2``·θ) = θ(1 − ηλ) − η ∂L/∂θ가 된다.
    """

    name = "l2"

    def __init__(self, l2: float = 0.01):
        self.l2 = _check_coefficient(l2, "L2의 l2")

    @classmethod
    def from_weight_decay(cls, weight_decay: float) -> "L2":
        """001 강의의 감쇠 계수 λ(벌점 ½λ‖θ‖²)로 만든다: ``L2(l2=λ/2)``."""
        return cls(l2=_check_coefficient(weight_decay, "가중치 감쇠 계수 weight_decay") / 2)

    @property
    def weight_decay(self) -> float:
        """001 강의의 감쇠 계수 λ = 2·``l2``."""
        return 2 * self.l2

    def _penalty(self, w):
        return self.l2 * np.sum(w * w)

    def _gradient(self, w):
        return 2 * self.l2 * w

    def get_config(self):
        return {"l2": self.l2}

    def __repr__(self):
        return f"L2(l2={self.l2:g})"


class L1L2(Regularizer):
    """L1과 L2를 함께: 벌점 ``l1``·Σ abs(w) + ``l2``·Σ w². Keras처럼 클래스의 기본값은 둘 다 0이다
    (``get("l1_l2")``는 Keras의 ``l1_l2()`` 함수처럼 둘 다 0.01로 만든다)."""

    name = "l1_l2"

    def __init__(self, l1: float = 0.0, l2: float = 0.0):
        self.l1 = _check_coefficient(l1, "L1L2의 l1")
        self.l2 = _check_coefficient(l2, "L1L2의 l2")

    def _penalty(self, w):
        return self.l1 * np.sum(np.abs(w)) + self.l2 * np.sum(w * w)

    def _gradient(self, w):
        return self.l1 * np.sign(w) + 2 * self.l2 * w

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}

    def __repr__(self):
        return f"L1L2(l1={self.l1:g}, l2={self.l2:g})"


_REGISTRY = {
    "l1": L1,
    "l2": L2,
    "l1_l2": lambda: L1L2(l1=0.01, l2=0.01),
    "l1l2": L1L2,
}
_CLASSES = {"l1": L1, "l2": L2, "l1_l2": L1L2, "l1l2": L1L2}


def names() -> list[str]:
    """``get``이 아는 규제 이름들."""
    return sorted(_REGISTRY)


def serialize(regularizer):
    """규제를 JSON으로 저장할 수 있는 값으로 바꾼다: ``{"class_name": 이름, "config": 인자}``. None은 None."""
    if regularizer is None or isinstance(regularizer, str):
        return regularizer
    if isinstance(regularizer, Regularizer):
        return {"class_name": regularizer.name, "config": regularizer.get_config()}
    raise ValueError(f"직접 만든 규제 {regularizer!r}은(는) 저장할 수 없다. nnbook.regularizers의 객체를 쓴다.")


def get(identifier):
    """이름(문자열), 규제 객체, ``serialize``가 만든 사전, None 중 하나를 받아 규제 객체(또는 None)를 돌려준다.

    ``"l1"``과 ``"l2"``는 계수 0.01, ``"l1_l2"``는 둘 다 0.01이다 (Keras와 같다). Keras의 클래스 이름
    ``"L1"``, ``"L2"``, ``"L1L2"``도 받는다.
    """
    if identifier is None or isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, dict) and set(identifier) == {"class_name", "config"}:
        key = str(identifier["class_name"]).lower()
        if key not in _CLASSES:
            raise unknown_name_error("규제", identifier["class_name"], _CLASSES)
        return _CLASSES[key](**identifier["config"])
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("규제", identifier, _REGISTRY)
