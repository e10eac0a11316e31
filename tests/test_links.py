"""책 안의 링크: 빌드된 HTML의 모든 href와 src가 책 안의 파일과 앵커를 가리키는가 (인터넷 없이).

빌드된 책(conftest.py의 built_book)의 모든 HTML 쪽을 표준 라이브러리의 html.parser로 읽어 href와 src를 모은다.
- 상대 주소는 그 쪽의 위치에서 풀어 파일이 있는지 본다 (그림, CSS, 스크립트, 다른 쪽, 내려받을 노트북).
- `#앵커`가 붙은 주소는 그 쪽에 그 id(또는 name)가 있는지 본다: 깨진 교차 참조({ref}, {doc}, 정오표 링크),
  바뀐 절 제목, 지워진 그림이 여기서 실패한다.
- docutils가 풀지 못한 참조(class="problematic")도 깨진 링크다: Sphinx는 이것을 경고하지 않을 때가 있다.
- 바깥 주소(http, https, mailto)는 내려받지 않고 목록만 남긴다 (external-links.txt, 책 폴더 옆).
"""

import html.parser
import posixpath
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

#: 주소를 담는 속성. srcset은 쓰지 않는다 (이 책의 쪽에는 없다).
LINK_ATTRIBUTES = {"href", "src"}
#: 파일이 아닌 주소: 내려받지도, 찾지도 않는다.
NOT_FILES = ("data:", "javascript:", "about:", "blob:")
EXTERNAL = ("http:", "https:", "mailto:", "ftp:", "//")


class _LinkParser(html.parser.HTMLParser):
    """한 쪽의 (태그, 속성, 주소)와 id/name의 집합을 모은다."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str, int]] = []
        self.ids: set[str] = set()
        self.problematic: list[int] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "class" and "problematic" in value.split():
                self.problematic.append(self.getpos()[0])
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if name in LINK_ATTRIBUTES:
                self.links.append((tag, name, value.strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


def read_site(html_dir: Path) -> dict[str, _LinkParser]:
    """책 폴더의 모든 HTML 쪽 → 읽은 결과. 키는 책 폴더에서의 상대 경로(posix)다.

    Sphinx가 복사한 정적 파일(_static, _sources, _images) 속의 HTML은 책의 쪽이 아니므로 읽지 않는다.
    """
    site = {}
    for path in sorted(html_dir.rglob("*.html")):
        rel = path.relative_to(html_dir).as_posix()
        if rel.split("/")[0] in {"_static", "_sources", "_images"}:
            continue
        parser = _LinkParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        site[rel] = parser
    return site


def check_links(html_dir: Path) -> tuple[list[str], dict[str, set[str]]]:
    """(깨진 링크의 설명 목록, 바깥 주소 → 그 주소가 나오는 쪽들)."""
    site = read_site(html_dir)
    broken, external = [], defaultdict(set)
    for page, parser in site.items():
        # docutils가 풀지 못한 참조(예: docstring 속 $W_k$의 "W_"가 reST 링크로 읽힌 것)는 class="problematic"이 된다.
        for line in parser.problematic:
            broken.append(f"{page}:{line}: 풀리지 않은 reST 참조(class=\"problematic\")")
        for tag, attr, url, line in parser.links:
            where = f"{page}:{line} <{tag} {attr}=\"{url}\">"
            if not url or url.startswith(NOT_FILES):
                continue
            if url.startswith(EXTERNAL):
                external[url].add(page)
                continue
            parts = urlsplit(url)
            if parts.scheme:
                broken.append(f"{where}: 알 수 없는 주소 형식 {parts.scheme}:")
                continue
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                if target.startswith("../") or target == "..":
                    broken.append(f"{where}: 책 폴더 밖을 가리킨다")
                    continue
                file = html_dir / target
                if file.is_dir():
                    target = posixpath.join(target, "index.html")
                    file = html_dir / target
                if not file.is_file():
                    broken.append(f"{where}: {target}이 없다")
                    continue
            else:
                target = page
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html"):
                ids = site[target].ids if target in site else set()
                if fragment not in ids:
                    broken.append(f"{where}: {target}에 id \"{fragment}\"가 없다")
    return broken, external


# ---------------------------------------------------------------- 검사기 자체의 검사: 깨진 링크를 정말 찾는가


def test_checker_finds_broken_files_and_anchors(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "a.png").write_bytes(b"png")
    (tmp_path / "index.html").write_text(
        '<a href="chapters/one.html#intro">좋다</a> <a href="chapters/one.html#없는-절">깨졌다</a>'
        '<a href="#top" id="top">위로</a> <a href="https://example.org/x">밖</a>', encoding="utf-8")
    (tmp_path / "chapters" / "one.html").write_text(
        '<section id="intro"><img src="../_images/a.png"><img src="../_images/b.png">'
        '<a href="two.html">없는 쪽</a> <a href="../../outside.html">밖의 파일</a>'
        '<a href="#%ED%95%9C%EA%B8%80">한글 앵커</a><span id="한글"></span>'
        '<img src="data:image/png;base64,AAAA"></section>'
        '<p>$<a href="#id1"><span class="problematic" id="id2">W_</span></a>k$</p>', encoding="utf-8")
    broken, external = check_links(tmp_path)
    assert len(broken) == 6, broken
    assert any("problematic" in b for b in broken)
    assert any("없는-절" in b for b in broken)
    assert any("_images/b.png이 없다" in b for b in broken)
    assert any("chapters/two.html이 없다" in b for b in broken)
    assert any("책 폴더 밖" in b for b in broken)
    assert set(external) == {"https://example.org/x"}


# ---------------------------------------------------------------- 빌드된 책


@pytest.fixture(scope="module")
def links(built_book):
    _, html_dir = built_book
    return check_links(html_dir)


def test_every_internal_link_and_anchor_resolves(built_book, links):
    _, html_dir = built_book
    assert len(read_site(html_dir)) >= 10, "책의 쪽을 거의 읽지 못했다"
    broken, _ = links
    assert not broken, f"깨진 링크 {len(broken)}개:\n" + "\n".join(broken[:40])


def test_external_links_are_listed_not_fetched(built_book, links):
    _, html_dir = built_book
    _, external = links
    listing = html_dir.parent / "external-links.txt"
    listing.write_text("".join(f"{url}\t{' '.join(sorted(pages))}\n" for url, pages in sorted(external.items())),
                       encoding="utf-8")
    # 책은 인터넷 없이 읽힌다: 쪽이 불러오는 것(스크립트, CSS, 그림)은 모두 책 안에 있다. 바깥 주소는 누르는 링크뿐이다.
    site = read_site(html_dir)
    loaded = sorted({f"{page}: <{tag} {attr}=\"{url}\">" for page, parser in site.items()
                     for tag, attr, url, _ in parser.links
                     if url.startswith(EXTERNAL) and (tag, attr) != ("a", "href")})
    assert not loaded, "쪽이 바깥 주소에서 불러오는 것이 있다:\n" + "\n".join(loaded[:20])
