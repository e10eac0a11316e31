"""PDF 책을 찍는 단계(scripts/print_pdf.py, scripts/check_pdf.py)를 작은 책 한 쪽으로 검사한다.

책 전체의 PDF(500쪽 남짓)는 찍는 데 1분쯤 걸려 테스트마다 만들지 않는다: scripts/build_book.sh가 만들고
check_pdf.py로 검사한다. 여기서는 singlehtml과 같은 모양(첫 쪽이 chapters/ 안에 있고 주소는 책 폴더 맨 위를
기준으로 쓴 쪽, jupyter-book issue 2204)의 작은 쪽을 빌드된 책의 _static(MathJax)과 책의 쪽이 쓰는 CSS(테마,
togglebutton, print.css)로 찍어, 같은 코드가 수식을 조판하고, 한글을 NanumGothic으로 넣고, 긴 코드 줄을 접고, 넓은 표를 칸에 맞추고, 접힌 풀이를 펴고, 장의 절을
차례에 덧붙이는지, 넓은 수식을 칸에 맞게 줄이는지 본다. 몇 초 걸린다.
"""

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import check_pdf  # noqa: E402
import print_pdf  # noqa: E402

LONG_LINE = "x = " + " + ".join(f"weight_{i}" for i in range(40)) + "  # 줄끝표지"

WIDE_EQUATION = " + ".join(f"w_{{{i}}} x_{{{i}}}" for i in range(1, 41))

CODE_CELLS = "".join(f'<td><code class="docutils literal notranslate"><span class="pre">{name}</span></code></td>'
                     for name in ["softmax_activation_for_mutually_exclusive_classes",
                                  "sparse_categorical_crossentropy_from_integer_labels",
                                  "nnbook_losses_SparseCategoricalCrossentropy"])

PAGE = f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>시험 책</title>
STYLESHEETS
<script defer src="_static/mathjax/tex-chtml.js"></script>
</head><body>
<div class="onlyprint" id="jb-print-docs-body"><h1>시험 책</h1>
  <div id="jb-print-toc"><div><h2> 차례 </h2></div><nav><ul>
    <li class="toctree-l1"><a href="#document-chapters/one">1. 첫 장</a></li>
  </ul></nav></div>
</div>
<article class="bd-article"><section id="id1"><h1>시험 책</h1>
<p>머리말이다. <a href="chapters/intro.html#id3">절로 가는 링크</a></p>
<div class="toctree-wrapper"><span id="document-chapters/one"></span>
<section id="id2"><h2>1. 첫 장</h2>
<section id="id3"><h3>1.1 가중합과 편향</h3>
<p>{"퍼셉트론은 입력마다 가중치를 곱해 더하고, 그 합이 기준을 넘는지 본다. " * 20}</p>
<p>가중합은 \\(y = w_1 x_1 + w_2 x_2 + b\\)이다.</p>
<div class="highlight"><pre>{LONG_LINE}</pre></div>
<div class="math">\\[{WIDE_EQUATION}\\]</div>
<div class="pst-scrollable-table-container"><table class="table"><thead><tr><th>유형</th><th>출력층 활성화 함수</th><th>손실 함수 (Keras와 nnbook의 이름)</th><th>nnbook</th></tr></thead>
<tbody><tr><td>다중 분류 (정수 레이블)</td>{CODE_CELLS}</tr></tbody></table></div>
<p>글 속의 긴 식 \\({WIDE_EQUATION}\\)도 칸에 맞는다.</p>
<div class="admonition dropdown toggle toggle-hidden"><p class="admonition-title">풀이</p><p>접혀 있던 풀이의 문장</p></div>
</section>
<section id="id4"><h3>1.2 활성화 함수</h3><p>계단 함수와 시그모이드를 비교한다.</p></section>
</section></div></section></article></body></html>
"""


def book_stylesheets(book_html) -> str:
    """빌드된 책의 쪽이 쓰는 CSS(테마, togglebutton, print.css, book.css)를 그 순서대로, 맨 위 기준 주소로."""
    page = (book_html / "chapters" / "intro.html").read_text(encoding="utf-8")
    links = re.findall(r'<link [^>]*href="\.\./(_static/[^"]+\.css[^"]*)"[^>]*>', page)
    assert any("print.css" in link for link in links) and any("theme.css" in link for link in links), links
    return "\n".join(f'<link rel="stylesheet" href="{link}">' for link in links)


@pytest.fixture(scope="module")
def small_book(book_html, tmp_path_factory):
    folder = tmp_path_factory.mktemp("singlehtml")
    (folder / "_static").symlink_to(book_html / "_static", target_is_directory=True)
    (folder / "chapters").mkdir()
    page = PAGE.replace("STYLESHEETS", book_stylesheets(book_html))
    (folder / "chapters" / "intro.html").write_text(page, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def printed(small_book):
    if not shutil.which("pdffonts"):
        pytest.fail("poppler-utils(pdffonts, pdftotext)가 없다: scripts/test.sh가 설치한다")
    pdf = small_book / "book.pdf"
    report = print_pdf.print_pdf(small_book, pdf)
    return report, check_pdf.inspect_pdf(pdf)


def test_print_css_is_in_the_book(book_html):
    css = (book_html / "_static" / "print.css").read_text(encoding="utf-8")
    assert "@media print" in css and "pre-wrap" in css


def test_math_is_typeset_and_code_is_wrapped(printed):
    report, _ = printed
    assert report["math"] == 3 and report["mathErrors"] == 0, report
    # 긴 코드 줄은 접히고, 긴 코드 이름이 든 표는 칸 안에서 끊기고, 칸보다 넓은 수식(가운데, 글 속)은 줄어든다.
    assert report["clipped"] == [], f"쪽 너비에서 잘리는 코드 줄, 수식, 표: {report['clipped']}"


def test_pdf_has_korean_font_text_solutions_and_contents(printed):
    report, pdf = printed
    found = check_pdf.problems(pdf, min_pages=1, expect=["차례", "1.1 가중합과 편향", "1.2 활성화 함수",
                                                          "접혀 있던 풀이의 문장", "줄끝표지"])
    assert not found, found
    # 차례: 장 하나와 그 절 둘. 링크는 PDF 안의 앵커로 바뀌어 서버 주소가 남지 않는다.
    assert report["toc_entries"] == 3


def test_checker_rejects_a_pdf_without_korean_font():
    fake = {"pages": 1, "fonts": [("DejaVuSans", True), ("Helvetica", False)], "text": "hello"}
    found = check_pdf.problems(fake, min_pages=1, expect=["차례"])
    assert any("NanumGothic" in f for f in found)
    assert any("Helvetica" in f for f in found)
    assert any("한글" in f for f in found)
    assert any("차례" in f for f in found)
