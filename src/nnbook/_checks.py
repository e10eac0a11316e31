"""입력 검사 도우미.

공개 함수는 독자가 틀리기 쉬운 입력을 여기서 검사하고, 무엇이 어떤 값으로 잘못되었는지
한 문장으로 알린다. NumPy 깊은 곳에서 나오는 알아보기 힘든 오류 대신 이 문장을 보게 하려는 것이다.
"""

from __future__ import annotations

import difflib

import numpy as np


def shape_text(shape) -> str:
    """모양 튜플을 (4, 2)처럼 읽기 쉬운 문자열로 바꾼다."""
    return "(" + ", ".join(str(int(s)) for s in shape) + (",)" if len(shape) == 1 else ")")


def as_float_array(x, name: str, *, ndim: int | None = None) -> np.ndarray:
    """x를 부동소수점 배열로 바꾼다. 정수 입력은 float64로, 실수 입력은 그 dtype 그대로 둔다.

    숫자로 바꿀 수 없거나, 차원 수가 다르거나, NaN/inf가 들어 있으면 ValueError를 낸다.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # 모양이 들쭉날쭉한 리스트 등
        raise ValueError(f"{name}을(를) 배열로 바꿀 수 없다: {exc}") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name}은(는) 숫자 배열이어야 하는데 dtype이 {arr.dtype}이다.")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(
            f"{name}은(는) {ndim}차원 배열이어야 하는데 모양이 {shape_text(arr.shape)}인 {arr.ndim}차원 배열이다."
        )
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name}에 NaN이나 inf가 {bad}개 들어 있다.")
    return arr


def check_positive(value, name: str) -> float:
    """양수여야 하는 하이퍼파라미터(학습률 등)를 검사한다."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}은(는) 양의 실수여야 하는데 {value!r}이(가) 주어졌다.")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name}은(는) 0보다 커야 하는데 {value}이(가) 주어졌다.")
    return float(value)


def check_in_range(value, name: str, low: float, high: float, *, include_high: bool = False) -> float:
    """low ≤ value < high (include_high이면 ≤ high)인지 검사한다."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}은(는) 실수여야 하는데 {value!r}이(가) 주어졌다.")
    ok = low <= value <= high if include_high else low <= value < high
    if not ok:
        bracket = "]" if include_high else ")"
        raise ValueError(f"{name}은(는) [{low}, {high}{bracket} 범위여야 하는데 {value}이(가) 주어졌다.")
    return float(value)


def check_positive_int(value, name: str) -> int:
    """1 이상의 정수를 검사한다."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name}은(는) 1 이상의 정수여야 하는데 {value!r}이(가) 주어졌다.")
    return int(value)


def check_not_empty(arr: np.ndarray, name: str) -> None:
    """샘플(첫 축)이 0개인 배열을 거절한다: 평균이 0으로 나누기가 되고, 학습과 평가는 아무 뜻 없는 값이 된다."""
    if arr.size == 0:
        raise ValueError(f"{name}에 값이 하나도 없다: 모양이 {shape_text(arr.shape)}이다.")


def unknown_name_error(kind: str, name, valid) -> ValueError:
    """알 수 없는 이름에 대한 오류: 쓸 수 있는 이름을 모두 나열하고, 비슷한 이름이 있으면 제안한다."""
    valid = sorted(valid)
    hint = ""
    if isinstance(name, str):
        close = difflib.get_close_matches(name.lower(), valid, n=1)
        if close:
            hint = f" '{close[0]}'을(를) 뜻했는가?"
    return ValueError(f"알 수 없는 {kind} 이름 {name!r}이다. 쓸 수 있는 이름: {', '.join(valid)}.{hint}")


def as_generator(seed, name: str = "seed") -> np.random.Generator:
    """seed(None, 정수, ``np.random.Generator``)를 난수 생성기로 바꾼다. 생성기는 그대로 쓴다."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0):
        return np.random.default_rng(seed)
    raise ValueError(f"{name}은(는) None, 0 이상의 정수, np.random.Generator 중 하나여야 하는데 {seed!r}이(가) 주어졌다.")
