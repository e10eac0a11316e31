"""책 빌드: 모든 노트북을 실행해 HTML을 만들고, 경고가 하나도 없으며, 독자가 볼 것이 제대로 있는지 본다.

책은 tests/conftest.py의 built_book이 한 번만 빌드한다 (브라우저 테스트 test_html_book.py와 함께 쓴다).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_build_passes_with_zero_warnings(built_book):
    proc, _ = built_book
    log = proc.stdout + proc.stderr
    # 커널이 시작할 때 stderr에 쓰는 보안 안내(TCP 암호화)는 책 빌드의 경고가 아니므로 그 한 줄만 뺀다.
    kernel_notice = "[IPKernelApp] WARNING | Kernel is running over TCP without encryption."
    warnings = [line for line in log.splitlines()
                if re.search(r"WARNING|ERROR|Glyph \d+", line) and not line.startswith(kernel_notice)]
    assert proc.returncode == 0 and not warnings, "\n".join(warnings[:30]) or log[-3000:]


def _page(html_dir, name):
    path = html_dir / "chapters" / f"{name}.html"
    assert path.exists(), f"{path.name}이 만들어지지 않았다"
    return path.read_text(encoding="utf-8")


CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_pages_show_figures_solutions_and_no_dead_widgets(built_book, name):
    _, html_dir = built_book
    page = _page(html_dir, name)
    assert len(re.findall(r"<img [^>]*src=\"[^\"]+\.png\"", page)) >= 3, "그림이 거의 없다"
    assert page.count("toggle") >= 3, "펼쳐 보는 풀이가 없다"
    assert "widget-view+json" not in page and "jupyter-widgets" not in page, "움직이지 않는 슬라이더가 실렸다"
    assert "Traceback" not in page


def test_back_matter_pages_exist(built_book):
    _, html_dir = built_book
    for name in ["intro", "seed_map", "errata", "glossary", "references", "api"]:
        _page(html_dir, name)
    assert (html_dir / "index.html").exists()


def test_math_renders_offline(built_book):
    _, html_dir = built_book
    assert (html_dir / "_static" / "mathjax" / "tex-chtml.js").exists(), "MathJax가 책에 실리지 않았다"
    page = _page(html_dir, "05_gradient_descent")
    assert "mathjax/tex-chtml.js" in page and "cdn.jsdelivr" not in page


def test_api_page_shows_real_constructor_signatures(built_book):
    _, html_dir = built_book
    page = re.sub(r"<[^>]+>", "", _page(html_dir, "api"))
    # Layer의 __new__(*args, **kwargs)가 아니라 각 층의 __init__ 시그니처가 보인다.
    assert "(*args, **kwargs)" not in page
    assert re.search(r"nnbook\.layers\.Dense\(units", page), "Dense의 생성자 시그니처가 없다"
    assert re.search(r"nnbook\.conv\.Conv2D\(filters", page), "Conv2D의 생성자 시그니처가 없다"
