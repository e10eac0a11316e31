"""책이 쓰는 작은 데이터셋."""

from __future__ import annotations

import numpy as np

from ._checks import unknown_name_error
from .perceptron import GATE_INPUTS, TRUTH_TABLES


def logic_gate(name: str, labels: tuple[float, float] = (0, 1)) -> tuple[np.ndarray, np.ndarray]:
    """논리 게이트의 입력 X (4, 2)와 정답 y (4,)를 돌려준다. 입력 순서는 (0,0), (0,1), (1,0), (1,1).

    labels=(−1, 1)이면 001 강의처럼 0 대신 −1을 쓴다.
    """
    key = name.upper() if isinstance(name, str) else name
    if key not in TRUTH_TABLES:
        raise unknown_name_error("논리 게이트", name, TRUTH_TABLES)
    low, high = labels
    y = np.where(np.array(TRUTH_TABLES[key]) == 1, high, low).astype(np.float64)
    return GATE_INPUTS.copy(), y
