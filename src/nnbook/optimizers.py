"""옵티마이저(optimizer): 기울기로 매개변수를 고치는 규칙.

``update(params, grads)``는 이름이 같은 두 사전을 받아 params의 배열을 제자리에서 고친다.
속도나 누적값 같은 상태는 매개변수의 이름마다 따로 ``state[이름]``에 두고, 모양과 dtype은 그 매개변수를
따른다 (float32 매개변수의 상태도 float32이다). 이름과 기본값은 Keras 3를 따른다.

아래 식에서 θ는 매개변수, g는 기울기, η는 학습률(``learning_rate``), t는 ``update``를 부른 횟수
(``iterations``, 1부터)이고, 곱셈·나눗셈·제곱근은 모두 원소별이다.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import check_in_range, check_positive, shape_text, unknown_name_error

_INF = float("inf")


class Optimizer:
    """옵티마이저의 공통 틀. 매개변수마다 상태(속도 등)를 이름으로 기억한다."""

    def __init__(self, learning_rate: float):
        self.learning_rate = check_positive(learning_rate, f"{type(self).__name__}의 학습률 learning_rate")
        self.iterations = 0
        self.state: dict[str, dict[str, np.ndarray]] = {}

    def update(self, params: dict, grads: dict, *, check: bool = True) -> None:
        """이름이 같은 매개변수와 기울기로 한 걸음 간다. 모양이 틀리면 아무것도 고치지 않고 알린다.

        ``check=False``이면 이름과 모양을 확인하지 않는다 (모델이 자기 층의 기울기를 넘길 때).
        """
        if check:
            missing = set(params) - set(grads)
            if missing:
                raise ValueError(f"기울기가 없는 매개변수가 있다: {', '.join(sorted(missing))}.")
            for key, param in params.items():
                grad = grads[key]
                if grad.shape != param.shape:
                    raise ValueError(
                        f"매개변수 {key}의 모양 {shape_text(param.shape)}과(와) 기울기의 모양 "
                        f"{shape_text(grad.shape)}이(가) 다르다."
                    )
        self.iterations += 1
        for key, param in params.items():
            self._update_one(key, param, grads[key])

    def _update_one(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        raise NotImplementedError

    def _slot(self, key: str, slot: str, param: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """매개변수 key의 상태 배열 slot. 처음 부르면 param과 모양·dtype이 같은 배열을 fill로 채워 만든다."""
        state = self.state.setdefault(key, {})
        arr = state.get(slot)
        if arr is None:
            arr = state[slot] = np.full_like(param, fill)
        elif arr.shape != param.shape:
            raise ValueError(
                f"{type(self).__name__}이(가) 기억하는 매개변수 {key}의 모양은 {shape_text(arr.shape)}인데 "
                f"모양이 {shape_text(param.shape)}인 매개변수가 같은 이름으로 들어왔다. 모델마다 옵티마이저를 새로 만들어야 한다."
            )
        return arr


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
        velocity = self._slot(key, "velocity", param)
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


class Adagrad(Optimizer):
    """아다그라드(Adagrad, Duchi et al. 2011): 지금까지의 기울기 제곱을 매개변수마다 누적해 학습률을 나눈다.

    Keras 3와 같은 규칙이다 (r은 누적값, ε은 ``epsilon``).

    - 처음: r ← ``initial_accumulator_value`` (기본값 0.1)
    - 매 걸음: r ← r + g²,  θ ← θ − η·g / √(r + ε)

    많이 움직인(기울기가 컸던) 매개변수일수록 r이 커져 조금만 움직인다. r은 줄지 않으므로 오래 학습하면
    학습률이 0에 가까워진다 (그래서 RMSprop이 나왔다). ε은 제곱근 안에 더한다 (Keras 3의 방식이다.
    옛 Keras 2 문서는 √r + ε으로 적었다). Keras는 η = 0.001을 기본으로 하지만 논문의 형태에 맞추려면
    η = 1.0을 쓰라고 한다. 004 강의의 ``Adagrad(lr=0.01, epsilon=1e-6)``은 옛 Keras의 표기다
    (지금은 ``lr`` 대신 ``learning_rate``라고 쓴다).
    """

    def __init__(self, learning_rate: float = 0.001, initial_accumulator_value: float = 0.1, epsilon: float = 1e-7):
        super().__init__(learning_rate)
        self.initial_accumulator_value = check_in_range(
            initial_accumulator_value, "Adagrad의 initial_accumulator_value", 0.0, _INF)
        self.epsilon = check_positive(epsilon, "Adagrad의 epsilon")

    def _update_one(self, key, param, grad):
        grad = np.asarray(grad).astype(param.dtype, copy=False)
        accumulator = self._slot(key, "accumulator", param, self.initial_accumulator_value)
        accumulator += grad * grad
        param -= self.learning_rate * grad / np.sqrt(accumulator + self.epsilon)

    def __repr__(self):
        return f"Adagrad(learning_rate={self.learning_rate:g})"


class RMSprop(Optimizer):
    """알엠에스프롭(RMSprop, Tieleman & Hinton 2012): 기울기 제곱의 지수 이동 평균으로 학습률을 나눈다.

    아다그라드의 누적 대신 오래된 기울기의 영향을 ρ(``rho``)배씩 줄여 나가므로 학습률이 0으로 줄어들지 않는다.
    Keras 3와 같은 규칙이다 (v, ḡ, m은 처음에 0).

    - v ← ρ·v + (1 − ρ)·g²
    - ``centered=False``:  Δ = η·g / √(v + ε)
    - ``centered=True``:  ḡ ← ρ·ḡ + (1 − ρ)·g,  Δ = η·g / √(v − ḡ² + ε)  (제곱 평균 대신 분산으로 나눈다)
    - ``momentum`` = 0: θ ← θ − Δ
    - ``momentum`` = μ > 0: m ← μ·m + Δ,  θ ← θ − m

    004 강의의 ``RMSprop(lr=0.001, rho=0.9, epsilon=1e-06)``은 옛 Keras의 표기다. 지금은 ``learning_rate``이고
    ε의 기본값은 1e-7이다.
    """

    def __init__(self, learning_rate: float = 0.001, rho: float = 0.9, momentum: float = 0.0,
                 epsilon: float = 1e-7, centered: bool = False):
        super().__init__(learning_rate)
        self.rho = check_in_range(rho, "RMSprop의 rho", 0.0, 1.0)
        self.momentum = check_in_range(momentum, "RMSprop의 momentum", 0.0, 1.0)
        self.epsilon = check_positive(epsilon, "RMSprop의 epsilon")
        self.centered = bool(centered)

    def _update_one(self, key, param, grad):
        grad = np.asarray(grad).astype(param.dtype, copy=False)
        rho = self.rho
        velocity = self._slot(key, "velocity", param)
        velocity *= rho
        velocity += (1.0 - rho) * (grad * grad)
        if self.centered:
            average_gradient = self._slot(key, "average_gradient", param)
            average_gradient *= rho
            average_gradient += (1.0 - rho) * grad
            denominator = velocity - average_gradient * average_gradient + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = self.learning_rate * grad / np.sqrt(denominator)
        if self.momentum > 0.0:
            momentum = self._slot(key, "momentum", param)
            momentum *= self.momentum
            momentum += increment
            param -= momentum
        else:
            param -= increment

    def __repr__(self):
        extra = f", rho={self.rho:g}" if self.rho != 0.9 else ""
        extra += f", momentum={self.momentum:g}" if self.momentum else ""
        extra += ", centered=True" if self.centered else ""
        return f"RMSprop(learning_rate={self.learning_rate:g}{extra})"


class Adam(Optimizer):
    """아담(Adam, Kingma & Ba 2015): 모멘텀(기울기의 이동 평균)과 RMSprop(기울기 제곱의 이동 평균)을 합친 방법.

    Keras 3와 같은 규칙이다 (m, v는 처음에 0, β₁ = ``beta_1``, β₂ = ``beta_2``, ε = ``epsilon``).

    - m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²
    - ηₜ = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ)
    - θ ← θ − ηₜ·m / (√v + ε)

    논문의 알고리즘 1은 편향을 보정한 m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)로 θ ← θ − η·m̂ / (√v̂ + ε)라고 쓴다.
    처음 몇 걸음에서 m과 v가 0 쪽으로 치우친 것을 바로잡는 편향 보정(bias correction)이다.
    두 식은 ε을 더하는 자리만 다르다. Keras의 ε은 논문이 2.1절 바로 앞에서 계산 순서를 바꿔 쓴 식의 ε̂이다.
    ε̂ = ε·√(1 − β₂ᵗ)이므로 Keras의 ``epsilon``은 알고리즘 1의 ε으로 치면 ``epsilon``/√(1 − β₂ᵗ)에 해당하고,
    처음 몇 걸음에서는 더 크게 작용한다 (β₂ = 0.999, t = 1이면 약 32배). 기울기가 ε보다 훨씬 크면 두 식은 거의 같다.

    ``amsgrad=True``이면 v 대신 지금까지의 v 중 가장 큰 값 v̂ ← max(v̂, v)로 나눈다 (Reddi et al. 2018).
    004 강의의 ``Adam(lr=0.001, ..., epsilon=None, decay=0.0)``은 옛 Keras의 표기다.
    """

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7, amsgrad: bool = False):
        super().__init__(learning_rate)
        self.beta_1 = check_in_range(beta_1, "Adam의 beta_1", 0.0, 1.0)
        self.beta_2 = check_in_range(beta_2, "Adam의 beta_2", 0.0, 1.0)
        self.epsilon = check_positive(epsilon, "Adam의 epsilon")
        self.amsgrad = bool(amsgrad)

    def _update_one(self, key, param, grad):
        grad = np.asarray(grad).astype(param.dtype, copy=False)
        t = self.iterations
        # 파이썬 float로 계산해야 float32 매개변수의 계산이 float64로 올라가지 않는다.
        lr_t = self.learning_rate * math.sqrt(1.0 - self.beta_2 ** t) / (1.0 - self.beta_1 ** t)
        m = self._slot(key, "momentum", param)
        v = self._slot(key, "velocity", param)
        m += (grad - m) * (1.0 - self.beta_1)
        v += (grad * grad - v) * (1.0 - self.beta_2)
        if self.amsgrad:
            v_hat = self._slot(key, "velocity_hat", param)
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        param -= lr_t * m / (np.sqrt(v) + self.epsilon)

    def __repr__(self):
        extra = ", amsgrad=True" if self.amsgrad else ""
        return f"Adam(learning_rate={self.learning_rate:g}{extra})"


_REGISTRY = {"sgd": SGD, "adagrad": Adagrad, "rmsprop": RMSprop, "adam": Adam}


def names() -> list[str]:
    """get()이 아는 옵티마이저 이름들."""
    return sorted(_REGISTRY)


def get(identifier) -> Optimizer:
    """이름(문자열)이나 옵티마이저 객체를 받아 옵티마이저 객체를 돌려준다."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _REGISTRY:
        return _REGISTRY[identifier.lower()]()
    raise unknown_name_error("옵티마이저", identifier, _REGISTRY)
