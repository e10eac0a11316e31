"""한글이 섞여도 열이 맞는 표: 노트북과 HTML 책에서는 HTML 표로, 글자로는 동아시아 글자 너비를 센 표로 보인다.

고정폭 글꼴에서 한글 한 글자는 영문자 두 칸을 차지한다. ``f"{name:<10}"``처럼 글자 수로 채우면 한글이 든 행만
오른쪽으로 밀려 열이 어긋난다. 이 모듈은 글자마다 차지하는 칸(유니코드 동아시아 너비: W, F는 두 칸, 결합 문자는
0칸, 나머지는 한 칸)을 세어 채운다.

그런데 브라우저는 코드 글꼴에 한글이 없으면 다른 글꼴에서 한글을 빌려 오므로, 한글 한 글자가 정확히 두 칸이
되지 않을 수 있다. 그래서 노트북과 HTML 책에는 :class:`Table`을 셀의 마지막 값으로 두어 진짜 HTML 표로 보이는
것이 가장 좋다. 글자 표(:func:`format_table`, :func:`print_table`)는 터미널과 ``print``가 필요한 곳을 위한 것이다.

예::

    from nnbook.tables import Table
    Table([("두 길의 합", 0.03240681, 0.03240681)], headers=["값", "강의", "nnbook"], floatfmt=".8f")
"""

from __future__ import annotations

import html
import numbers
import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "pad", "format_table", "print_table", "Table"]


def display_width(text: str) -> int:
    """고정폭 글꼴에서 text가 차지하는 칸 수. 한글·한자 같은 넓은 글자(W, F)는 2, 결합 문자는 0, 나머지는 1이다.

    그리스 문자(σ), ×, — 같은 '모호한 너비'(A) 글자는 브라우저와 Jupyter에서처럼 한 칸으로 센다.
    """
    width = 0
    for char in str(text):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "l") -> str:
    """text를 width칸이 되도록 공백으로 채운다. align은 "l"(왼쪽), "r"(오른쪽), "c"(가운데)."""
    if align not in ("l", "r", "c"):
        raise ValueError(f"align은 'l', 'r', 'c' 중 하나여야 한다: {align!r}")
    text = str(text)
    space = max(width - display_width(text), 0)
    if align == "l":
        return text + " " * space
    if align == "r":
        return " " * space + text
    left = space // 2
    return " " * left + text + " " * (space - left)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _cell(value, floatfmt: str | None) -> str:
    if value is None:
        return ""
    if floatfmt is not None and _is_number(value) and not isinstance(value, numbers.Integral):
        return format(value, floatfmt)
    return str(value)


class Table:
    """행(rows)과 머리글(headers)로 만든 표. 노트북에서는 HTML 표로, ``str()``과 ``print``로는 글자 표로 보인다.

    Args:
        rows: 행의 목록. 행마다 칸의 수가 같아야 한다. 칸은 문자열이나 수이고, None은 빈칸이다.
        headers: 열 이름 목록 (없으면 머리글 없이).
        align: 열마다 "l"(왼쪽), "r"(오른쪽), "c"(가운데)를 이은 문자열 (예: "lrr"). 없으면 모든 칸이
            수인 열은 오른쪽, 나머지는 왼쪽이다.
        floatfmt: 실수 칸의 형식 (예: ".4f"). 없으면 ``str()``로 쓴다. 정수와 문자열 칸은 그대로다.
        sep: 글자 표에서 열 사이에 둘 문자열.
    """

    def __init__(self, rows: Sequence[Sequence], headers: Sequence | None = None, align: str | None = None,
                 floatfmt: str | None = None, sep: str = "  "):
        rows = [list(row) for row in rows]
        ncols = len(headers) if headers is not None else (len(rows[0]) if rows else 0)
        for k, row in enumerate(rows):
            if len(row) != ncols:
                raise ValueError(f"표의 {k}번째 행의 칸이 {len(row)}개다: 열은 {ncols}개여야 한다 ({row!r})")
        if align is None:
            align = "".join(
                "r" if any(_is_number(row[j]) for row in rows)
                and all(_is_number(row[j]) or row[j] is None for row in rows) else "l"
                for j in range(ncols))
        if len(align) != ncols or set(align) - {"l", "r", "c"}:
            raise ValueError(f"align은 열마다 'l', 'r', 'c' 중 하나를 이은 {ncols}글자여야 한다: {align!r}")
        self.headers = None if headers is None else [str(h) for h in headers]
        self.cells = [[_cell(v, floatfmt) for v in row] for row in rows]
        self.align = align
        self.sep = sep

    def to_text(self) -> str:
        """글자 표. 열 너비는 칸마다 :func:`display_width`로 센 가장 넓은 칸이고, 머리글 아래에 '-' 줄을 둔다."""
        lines = ([self.headers] if self.headers else []) + self.cells
        if not lines:
            return ""
        widths = [max(display_width(line[j]) for line in lines) for j in range(len(self.align))]

        def render(cells, aligns):
            return self.sep.join(pad(c, w, a) for c, w, a in zip(cells, widths, aligns)).rstrip()

        out = []
        if self.headers:
            out.append(render(self.headers, self.align))
            out.append(self.sep.join("-" * w for w in widths))
        out += [render(row, self.align) for row in self.cells]
        return "\n".join(out)

    def to_html(self) -> str:
        """HTML 표. 칸마다 style="text-align: …"으로 열의 정렬을 적는다 (머리글도 열을 따른다)."""
        css = {"l": ' style="text-align: left"', "r": ' style="text-align: right"', "c": ' style="text-align: center"'}
        parts = ['<table class="nnbook-table">']
        if self.headers:
            parts.append("<thead><tr>" + "".join(
                f"<th{css[a]}>{html.escape(h)}</th>" for h, a in zip(self.headers, self.align)) + "</tr></thead>")
        parts.append("<tbody>")
        for row in self.cells:
            parts.append("<tr>" + "".join(
                f"<td{css[a]}>{html.escape(c)}</td>" for c, a in zip(row, self.align)) + "</tr>")
        parts.append("</tbody></table>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return self.to_text()


def format_table(rows: Sequence[Sequence], headers: Sequence | None = None, align: str | None = None,
                 floatfmt: str | None = None, sep: str = "  ") -> str:
    """rows와 headers를 한글이 섞여도 열이 맞는 글자 표(문자열)로 만든다. 인자는 :class:`Table`과 같다."""
    return Table(rows, headers, align=align, floatfmt=floatfmt, sep=sep).to_text()


def print_table(rows: Sequence[Sequence], headers: Sequence | None = None, align: str | None = None,
                floatfmt: str | None = None, sep: str = "  ") -> None:
    """:func:`format_table`의 결과를 출력한다."""
    print(format_table(rows, headers, align=align, floatfmt=floatfmt, sep=sep))
