"""빌드된 HTML 책의 탐색기: 그림 예산, 스크립트는 탐색기가 있는 쪽에만, JavaScript가 없어도 남는 정지 그림.

브라우저에서 움직여 보는 검사는 tests/test_html_book.py에 있다. 여기서는 빌드된 파일만 읽는다.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_html_book import PAGES

from nnbook import frames

MB = 1024 * 1024


@pytest.fixture(scope="module")
def soups(book_html):
    return {page: BeautifulSoup((book_html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
            for page in PAGES}


def test_every_explorer_is_on_a_page_with_its_frames(soups, book_html):
    on_pages = {div["data-explorer"] for soup in soups.values() for div in soup.select("div.nnbook-explorer")}
    assert on_pages == set(frames.registry()), "모든 탐색기가 (정지 그림 + 같은 인자의 .live() 셀로) 쪽에 있어야 한다"
    total = 0
    for name in on_pages:
        folder = book_html / "_explorers" / name
        size = sum(p.stat().st_size for p in folder.glob("*.png"))
        total += size
        assert 0 < size <= 2 * MB, f"{name}의 그림이 {size / MB:.2f} MB로 2 MB를 넘는다"
    assert total <= 20 * MB


def test_explorer_sits_in_its_figure_with_the_static_fallback(soups, book_html):
    for page, soup in soups.items():
        for div in soup.select("div.nnbook-explorer"):
            figure = div.find_parent("figure")
            assert figure is not None, f"{page}: 탐색기가 그림(figure) 밖에 있다"
            img = figure.find("img")
            # JavaScript가 없으면 정지 그림(노트북 출력)이 그대로 보이고, 캡션과 대체 글도 남는다.
            assert img and img.get("alt") and (book_html / Path(page).parent / img["src"]).exists()
            assert figure.find("figcaption") is not None
            manifest = json.loads(div["data-manifest"])
            state = json.loads(div["data-state"])
            assert len(state) == len(manifest["params"])
            assert all(0 <= k < len(p["values"]) for k, p in zip(state, manifest["params"]))
            for file in set(manifest["frames"]):
                assert (book_html / Path(page).parent / div["data-base"] / file).exists(), f"{page}: {file}이 없다"
            assert not div.get_text(strip=True), "조작기는 스크립트가 만든다: JavaScript가 없으면 빈 자리다"


def test_script_loads_only_on_pages_with_explorers(soups):
    for page, soup in soups.items():
        has_explorer = bool(soup.select("div.nnbook-explorer"))
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        assert any("nnbook-explorer.js" in s for s in scripts) == has_explorer, page
        styles = [s.get("href", "") for s in soup.find_all("link", rel="stylesheet")]
        assert any("nnbook-explorer.css" in s for s in styles) == has_explorer, page


def test_no_script_is_declared_twice(soups):
    # sphinx-thebe의 "const THEBE_JS_URL"이 두 번 실려 모든 쪽에서 콘솔 오류가 났었다.
    for page, soup in soups.items():
        bodies = [s.string for s in soup.find_all("script") if s.string and s.string.strip()]
        declared = [name for body in bodies for name in re.findall(r"\bconst\s+(\w+)", body)]
        assert len(declared) == len(set(declared)), f"{page}: {declared}"
        sources = [s["src"] for s in soup.find_all("script", src=True)]
        assert len(sources) == len(set(sources)), page
