"""옵티마이저(optimizer): 기울기로 매개변수를 고치는 규칙.

``update(params, grads)``는 이름이 같은 두 사전을 받아 params의 배열을 제자리에서 고친다.
이름과 기본값은 Keras를 따른다.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_in_range, check_positive, shape_text, unknown_name_error


class Optimizer:
    """옵티마이저의 공통 틀. 매개변수마다 상태(속도 등)를 이름으로 기억한다."""

    def __init__(self, learning_rate: float):
        self.learning_rate = check_positive(learning_rate, f"{type(self).__name__}의 학습률 learning_rate")
        self.iterations = 0
        self.state: dict[str, dict[str, np.ndarray]] = {}

    def update(self, params: dict, grads: dict) -> None:
        missing = set(params) - set(grads)
        if missing:
            raise ValueError(f"기울기가 없는 매개변수가 있다: {', '.join(sorted(missing))}.")
        self.iterations += 1
        for key, param in params.items():
            grad = grads[key]
            if grad.shape != param.shape:
                raise ValueError(
                    f"매개변수 {key}의 모양 {shape_text(param.shape)}과(와) 기울기의 모양 "
                    f"{shape_text(grad.shape)}이(가) 다르다."
                )
            self._update_one(key, param, grad)

    def _update_one(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """확률적 경사 하강법(stochastic gradient descent)과 모멘텀(momentum), 네스테로프(Nesterov).

    Keras와 같은 규칙이다 (g는 기울기, η는 학습률, μ는 모멘텀).

    - momentum = 0:  θ ← θ − η·g
    - momentum > 0:  v ← μ·v − η·g,  θ ← θ + v
    - nesterov=True: v ← μ·v − η·g,  θ ← θ + μ·v − η·g
      (미리 한 걸음 간 곳의 기울기를 쓰는 네스테로프 가속을, 매개변수를 바꿔 쓴 식이다.)
    """

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False):
        super().__init__(learning_rate)
        self.momentum = check_in_range(momentum, "SGD의 momentum", 0.0, 1.0)
        self.nesterov = bool(nesterov)

    def _update_one(self, key, param, grad):
        lr = self.learning_rate
        if self.momentum == 0.0:
            param -= lr * grad
            return
        velocity = self.state.setdefault(key, {}).setdefault("velocity", np.zeros_like(param))
        velocity *= self.momentum
        velocity -= lr * grad
        if self.nesterov:
            param += self.momentum * velocity - lr * grad
        else:
            param += velocity

    def __repr__(self):
        extra = f", momentum={self.momentum:g}" if self.momentum else ""
        extra += ", nesterov=True" if self.nesterov else ""
        return f"SGD(learning_rate={self.learning_rate:g}{extra})"


_REGISTRY = {"sgd": SGD}


def names() -> list[str]:
    return sorted(_REGISTRY)


def get(identifier) -> Optimizer:
    """이름(문자열)이나 옵티마이저 객체를 받아 옵티마이저 객체를 돌려준다."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("옵티마이저", identifier, _REGISTRY)
