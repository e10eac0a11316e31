"""기울기 확인(gradient checking): 해석적으로 구한 기울기를 중앙 차분으로 구한 수치 기울기와 비교한다.

수치 미분은 매개변수 하나마다 순전파를 두 번 해야 하므로 학습에 쓰기에는 너무 느리지만,
역전파가 맞는지 확인하는 독립된 기준이 된다.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ._checks import as_generator, check_positive, shape_text


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """중앙 차분 (f(x+h) − f(x−h)) / 2h로 f의 x에 대한 기울기를 구한다.

    f는 인자 없이 x의 현재 값으로 스칼라를 계산하는 함수다. x의 원소를 하나씩 잠깐 바꿨다가
    원래 값으로 되돌린다 (x는 매개변수 배열이므로 여기서만 제자리에서 바꾼다).
    """
    if not np.issubdtype(x.dtype, np.floating):
        raise ValueError(f"수치 기울기는 실수 배열에만 구할 수 있는데 dtype이 {x.dtype}이다.")
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        original = x[i].copy()
        x[i] = original + eps
        f_plus = f()
        x[i] = original - eps
        f_minus = f()
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric) -> float:
    """‖a − n‖ / max(‖a‖ + ‖n‖, 1e-300). 두 기울기가 모두 0이면 0이다."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    if a.shape != n.shape:
        raise ValueError(f"두 기울기의 모양이 다르다: {shape_text(a.shape)}와 {shape_text(n.shape)}.")
    denom = np.linalg.norm(a) + np.linalg.norm(n)
    if denom == 0:
        return 0.0
    return float(np.linalg.norm(a - n) / denom)


def check_layer(layer, x, seed: int = 0, eps: float = 1e-6, training: bool = False) -> dict[str, float]:
    """층의 입력 기울기와 모든 매개변수 기울기를 수치 기울기와 비교해 상대 오차를 돌려준다.

    손실은 L = Σ(출력 ⊙ r)로 둔다 (r은 고정된 난수 배열). 그러면 ∂L/∂출력 = r이다.
    float64 입력을 써야 상대 오차가 1e-7보다 충분히 작게 나온다. ``training=True``이면 학습 모드의
    순전파(배치 정규화의 배치 통계 등)를 확인한다.
    """
    x = np.array(x, dtype=np.float64)
    eps = check_positive(eps, "check_layer의 eps")
    rng = as_generator(seed)
    out = layer.forward(x, training=training)
    r = rng.standard_normal(out.shape)

    def loss() -> float:
        return float(np.sum(layer.forward(x, training=training) * r))

    layer.forward(x, training=training)
    dx = layer.backward(r)
    analytic = {"x": dx, **{k: g.copy() for k, g in layer.grads.items()}}
    errors = {"x": relative_error(analytic["x"], numerical_gradient(loss, x, eps))}
    for key, param in layer.params.items():
        errors[key] = relative_error(analytic[key], numerical_gradient(loss, param, eps))
    return errors
