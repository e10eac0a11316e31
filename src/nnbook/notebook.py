"""노트북 첫 셀에서 한 번 부르는 ``setup_notebook()``."""

from __future__ import annotations

import numpy as np

from ._checks import as_generator, check_positive_int
from .plotting import install_figure_check, use_book_style


def setup_notebook(seed: int = 0, precision: int = 4) -> np.random.Generator:
    """한글 글꼴, 그림 스타일, 출력 자릿수, 난수 씨앗을 한 번에 정한다.

    - 그림: NanumGothic(한글)과 DejaVu Sans(그리스 문자·수식 기호)를 차례로 쓰게 하여
      'Glyph missing' 경고가 나지 않게 한다.
    - 출력: NumPy 배열을 소수점 아래 ``precision``자리까지 반올림해 보인다 (어느 컴퓨터에서나 같은 출력).
    - 그림 검사: 노트북이 보이는 그림마다 글자가 HTML 책의 본문 칸에서 읽히는 크기(10 px 이상)인지, 빼기 기호
      자리에 하이픈(-)을 쓰지 않았는지 보고, 어긋나면 stderr에 한 줄 적는다 (``plotting.install_figure_check``).
    - 난수: ``seed``로 만든 ``np.random.Generator``를 돌려준다. 무작위가 필요한 곳에는 이것을 넘긴다.
    - 계산: 행렬 곱(BLAS)을 스레드 하나로 한다. 스레드 수에 따라 덧셈 순서가 달라져 마지막 자리가
      흔들릴 수 있기 때문이다.
    """
    from threadpoolctl import threadpool_limits

    precision = check_positive_int(precision, "setup_notebook의 precision")
    rng = as_generator(seed)

    # 이 책의 작은 행렬에서는 여러 스레드가 오히려 느리기도 하다 (bench/README.md).
    threadpool_limits(limits=1, user_api="blas")
    use_book_style()
    install_figure_check()
    np.set_printoptions(precision=precision, suppress=True)
    return rng
