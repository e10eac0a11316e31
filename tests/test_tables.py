"""nnbook.tables: 한글, 영문, 섞인 글, 수가 든 표의 열이 맞는가. 칸 너비의 정답은 wcwidth(터미널이 쓰는 표)로 잰다."""

import re

import pytest
from bs4 import BeautifulSoup
from wcwidth import wcswidth

from nnbook.tables import Table, display_width, format_table, pad, print_table

ROWS = [
    ("∂E_o1/∂h1", 0.02243370, 0.02243370, "✓"),
    ("두 길의 합", 0.03240681, 0.03240681, "✓"),
    ("∂E/∂h1 (층)", 0.03240681, 0.03240681, "✓"),
    ("W2+", None, 0.00161775, ""),
    ("퍼셉트론", 12, 3, "AND"),
]
HEADERS = ["값", "강의", "nnbook", "일치"]


@pytest.mark.parametrize("text", ["abc", "한글", "a한b", "퍼셉트론(perceptron)은", "σ'(x) × 0.25", "ｘ전각", "e\u0301", ""])
def test_display_width_matches_wcwidth(text):
    assert display_width(text) == wcswidth(text)


def test_pad_fills_to_display_width():
    for align in "lrc":
        for text in ["AND", "어느 게이트도 아님", "s≥0 규칙"]:
            padded = pad(text, 20, align)
            assert wcswidth(padded) == 20 and padded.strip() == text
    assert pad("한글", 10, "r") == "      한글"
    with pytest.raises(ValueError, match="align"):
        pad("x", 3, "x")


def column_starts(line, texts):
    """line에서 각 칸 글이 시작하는 화면 칸 위치 (wcwidth로 잰다)."""
    starts, pos = [], 0
    for text in texts:
        k = line.index(text, pos) if text else pos
        starts.append(wcswidth(line[:k]))
        pos = k + len(text)
    return starts


def column_ends(line, texts):
    ends, pos = [], 0
    for text in texts:
        k = line.index(text, pos) if text else pos
        ends.append(wcswidth(line[:k + len(text)]))
        pos = k + len(text)
    return ends


def test_text_table_columns_line_up_with_hangul_ascii_and_numbers():
    table = Table(ROWS, HEADERS, floatfmt=".8f")
    lines = str(table).splitlines()
    assert len(lines) == 2 + len(ROWS)
    assert re.fullmatch(r"-+( +-+)*", lines[1])
    cells = table.cells
    # 왼쪽 정렬 열(이름, 일치)은 칸이 시작하는 자리가, 오른쪽 정렬 열(수)은 끝나는 자리가 모든 행에서 같다.
    assert table.align == "lrrl"
    starts = [column_starts(line, row)[0] for line, row in zip(lines[2:], cells)]
    assert len(set(starts)) == 1
    header_ends = column_ends(lines[0], HEADERS)
    for j in (1, 2):
        ends = {column_ends(line, row)[j] for line, row in zip(lines[2:], cells) if row[j]}
        assert ends == {header_ends[j]}, f"{j}번째 열의 끝이 행마다 다르다: {ends}"
    # 마지막 열(일치)도 같은 자리에서 시작한다 (빈칸 행은 빼고).
    last = {column_starts(line, row)[3] for line, row in zip(lines[2:], cells) if row[3]}
    assert len(last) == 1
    # 빈칸(None)은 비어 있고, 정수는 floatfmt를 받지 않는다.
    assert cells[3][1] == "" and cells[4][1:3] == ["12", "3"]


def test_format_table_and_print_table_agree(capsys):
    text = format_table(ROWS, HEADERS, floatfmt=".4f")
    print_table(ROWS, HEADERS, floatfmt=".4f")
    assert capsys.readouterr().out == text + "\n"
    assert "0.0224" in text and "0.02243370" not in text


def test_table_without_headers_and_explicit_alignment():
    text = format_table([("가", "b"), ("ccc", "한국어")], align="rc")
    # 첫 열(너비 3)은 오른쪽 정렬: "가"(2칸) 앞에 공백 1. 둘째 열(너비 6)은 가운데: "b" 앞에 공백 2. 끝 공백은 없다.
    assert text.splitlines() == [" 가    b", "ccc  한국어"]


def test_html_table_has_the_cells_escaped_and_aligned():
    table = Table([("<b>굵게</b>", 1.5), ("x & y", 2)], ["이름", "값"])
    soup = BeautifulSoup(table._repr_html_(), "html.parser")
    assert [th.get_text() for th in soup.select("thead th")] == ["이름", "값"]
    assert [[td.get_text() for td in tr.select("td")] for tr in soup.select("tbody tr")] == [["<b>굵게</b>", "1.5"],
                                                                                             ["x & y", "2"]]
    assert soup.select("b") == []
    assert all(td.get("style") == "text-align: right" for td in soup.select("tbody td:nth-of-type(2)"))


def test_rows_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="1번째 행의 칸이 1개다: 열은 2개여야 한다"):
        Table([("a", 1), ("b",)], ["이름", "값"])
    with pytest.raises(ValueError, match="align"):
        Table([("a", 1)], ["이름", "값"], align="l")
