"""연습문제의 답을 확인하는 ``check_answer``.

각 장의 '직접 해 보기' 문제는 독자가 빈 셀에 함수를 쓰고, 바로 아래 셀이 그 함수를 책의 기준
(``nnbook``이 계산한 값)과 여러 입력에서 견주어 '정답이다' 또는 무엇이 어디서 다른지를 한 문장으로 알린다.
책이 숨겨 둔 풀이도 같은 검사를 거친다.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import numpy as np

__all__ = ["check_answer"]


def _as_args(case) -> tuple:
    return case if isinstance(case, tuple) else (case,)


def _show(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, suppress_small=True, separator=", ")
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _show_args(args: tuple) -> str:
    return ", ".join(_show(np.asarray(a) if isinstance(a, list) else a) for a in args)


def check_answer(answer: Callable, reference: Callable, cases: Iterable, *, name: str | None = None,
                 rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """``answer(*case)``가 모든 ``case``에서 ``reference(*case)``와 같은지 확인하고 결과를 한 줄로 알린다.

    결과는 돌려주지 않고 알리기만 하므로, 노트북의 마지막 줄에 써도 True나 False가 덧붙지 않는다.

    Parameters
    ----------
    answer : callable
        독자가 쓴 함수.
    reference : callable
        책의 기준. 보통 ``nnbook``의 함수로 값을 계산한다(답을 손으로 적어 두지 않는다).
    cases : iterable
        입력의 목록. 원소 하나가 튜플이면 여러 인자로, 아니면 인자 하나로 넘긴다.
    name : str, optional
        알림에 쓸 함수 이름. 없으면 ``answer.__name__``.
    rtol, atol : float
        ``np.allclose``의 허용 오차.
    """
    if not callable(answer):
        print(f"답이 함수가 아니다: {type(answer).__name__} 값 {_show(answer)}을(를) 받았다.")
        return
    label = name or getattr(answer, "__name__", "답")
    cases = list(cases)
    if not cases:
        raise ValueError("확인할 입력(cases)이 하나도 없다.")
    for case in cases:
        args = _as_args(case)
        want = np.asarray(reference(*args), dtype=float)
        try:
            got = answer(*args)
        except NotImplementedError:
            print(f"아직 {label}을(를) 채우지 않았다: 함수 안의 raise NotImplementedError를 답으로 바꿔라.")
            return
        except Exception as err:  # 독자의 답이 어떤 오류를 내든 한 문장으로 알린다
            print(f"{label}({_show_args(args)})이(가) 오류를 냈다: {type(err).__name__}: {err}")
            return
        if got is None:
            print(f"{label}({_show_args(args)})이(가) 아무것도 돌려주지 않는다(None): return을 빠뜨렸는가?")
            return
        try:
            if isinstance(got, (str, bytes)):   # np.asarray("0.25", float)는 조용히 수로 바꾼다
                raise TypeError
            got_array = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            print(f"{label}({_show_args(args)})이(가) 수가 아닌 {type(got).__name__} 값 {_show(got)}을(를) 돌려준다.")
            return
        if got_array.shape != want.shape:
            print(f"{label}({_show_args(args)})의 모양이 {got_array.shape}이다. {want.shape}이어야 한다.")
            return
        if not np.allclose(got_array, want, rtol=rtol, atol=atol, equal_nan=True):
            print(f"{label}({_show_args(args)}) = {_show(got_array if got_array.ndim else float(got_array))}, "
                  f"기대한 값은 {_show(want if want.ndim else float(want))}이다.")
            return
    print(f"정답이다: {label}이(가) 입력 {len(cases)}가지에서 모두 맞는다.")
