"""원문 강의 대응표(chapters/seed_map.md): 모든 링크가 책의 실제 절을 가리키는가.

대응표의 행은 ``[2.6 › 설계: 그림과 식](02_xor_mlp.ipynb#설계-그림과-식)``처럼 절의 앵커로 링크한다.
앵커는 책을 만들 때와 똑같이 계산한다. ``_config.yml``의 MyST 확장(dollarmath 등)으로 제목을 파싱하고,
MyST처럼 글자와 인라인 코드만 모아(수식은 빠진다) ``myst_heading_slug_func``로 슬러그를 만들며,
``myst_heading_anchors`` 단계까지의 제목만 세고, 같은 슬러그가 다시 나오면 ``-1``, ``-2``를 붙인다.
그래서 제목을 고치면 이 시험이 깨진 링크를 책을 만들기 전에 알려 준다.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import default_slugify
from myst_parser.parsers.mdit import create_md_parser

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
PAGE = CHAPTERS / "seed_map.md"
sys.path.insert(0, str(ROOT / "_ext"))

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SPHINX_CONFIG = CONFIG.get("sphinx", {}).get("config", {})
ANCHOR_LEVEL = int(SPHINX_CONFIG.get("myst_heading_anchors", 0))
MD = create_md_parser(
    MdParserConfig(enable_extensions=set(CONFIG.get("parse", {}).get("myst_enable_extensions", []))),
    RendererHTML,
)

#: 강의 파일 번호(000~004). 책은 강의를 이름으로만 부른다. 조사가 붙은 "002의"나 "000_…"도 잡는다.
FILE_NUMBER = re.compile(r"(?<![\d.,A-Za-z_])00[0-4](?!\d)")
#: 아직 없는 장을 적는 꼴: "10장 옵티마이저 (준비 중)"
PLANNED = re.compile(r"(\d+)장 [^|()\[\]]*?\(준비 중\)")


def _slug_function():
    """_config.yml의 myst_heading_slug_func (없으면 MyST의 기본 규칙)."""
    name = SPHINX_CONFIG.get("myst_heading_slug_func")
    if not name:
        return default_slugify
    module, _, attr = name.rpartition(".")
    return getattr(importlib.import_module(module), attr)


SLUGIFY = _slug_function()


def _markdown_sources(path: Path) -> list[str]:
    """MyST가 파싱하는 마크다운: 노트북은 셀마다(지운 셀은 빼고), 쪽은 파일 전체."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells
            if c["cell_type"] == "markdown" and "remove-cell" not in c.get("metadata", {}).get("tags", [])
        ]
    return [path.read_text(encoding="utf-8")]


@lru_cache(maxsize=None)
def anchors(path: Path) -> dict[str, str]:
    """문서의 제목 앵커 → 제목. myst_parser의 compute_unique_slug와 같은 규칙이다.

    myst-nb는 노트북의 마크다운 셀을 하나씩 파싱하지만 한 문서로 렌더링하므로, 같은 슬러그는 문서 전체에서 번호를 받는다.
    """
    found: dict[str, str] = {}
    for source in _markdown_sources(path):
        tokens = MD.parse(source)
        for i, token in enumerate(tokens):
            if token.type != "heading_open" or int(token.tag[1:]) > ANCHOR_LEVEL:
                continue
            inline = tokens[i + 1]
            title = "".join(ch.content for ch in inline.children or [] if ch.type in ("text", "code_inline"))
            slug = base = SLUGIFY(title)
            n = 1
            while slug in found:
                slug = f"{base}-{n}"
                n += 1
            found[slug] = inline.content
    return found


def page_links(text: str) -> list[str]:
    """쪽에 있는 모든 마크다운 링크의 주소. MyST처럼 퍼센트 인코딩을 풀어 한글 앵커를 그대로 돌려준다."""
    hrefs = []
    for token in MD.parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                hrefs.append(MD.normalizeLinkText(child.attrGet("href") or ""))
    return hrefs


def broken_links(text: str) -> list[str]:
    """책 안의 쪽(.ipynb, .md)을 가리키는 링크 가운데 문서나 절이 없는 것."""
    broken = []
    for href in page_links(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", href):  # https: 같은 바깥 주소
            continue
        target, _, anchor = href.partition("#")
        if not target.endswith((".ipynb", ".md")):
            continue
        path = CHAPTERS / target
        if not path.is_file():
            broken.append(f"{href}: {target} 문서가 없다")
        elif not anchor:
            broken.append(f"{href}: 장만 가리키고 절(#앵커)을 가리키지 않는다")
        elif anchor not in anchors(path):
            near = [s for s in anchors(path) if s.split("-")[0] == anchor.split("-")[0]][:3]
            broken.append(f"{href}: {target}에 이 앵커의 제목이 없다 (비슷한 앵커: {near})")
    return broken


def lecture_sections(text: str) -> dict[str, list[str]]:
    """'## 제목' → 그 절의 표 행(머리 행과 구분 행은 빼고)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current and line.startswith("|") and not line.startswith(("| 강의의 절", "|---")):
            sections[current].append(line)
    return sections


def lecture_names() -> list[str]:
    items = yaml.safe_load((CHAPTERS / "data" / "lectures.yml").read_text(encoding="utf-8"))
    return [item["name"] for item in items]


# ---------------------------------------------------------------- 대응표

def test_every_link_points_to_an_existing_section():
    text = PAGE.read_text(encoding="utf-8")
    links = [h for h in page_links(text) if h.partition("#")[0].endswith((".ipynb", ".md"))]
    assert len(links) >= 50, f"대응표의 링크가 너무 적다({len(links)}개): 행마다 책의 절로 링크한다"
    broken = broken_links(text)
    assert not broken, "대응표의 깨진 링크:\n" + "\n".join(broken)


def test_every_lecture_has_its_own_section_with_rows():
    sections = lecture_sections(PAGE.read_text(encoding="utf-8"))
    for name in lecture_names():
        assert name in sections, f"대응표에 '## {name}' 절이 없다"
        rows = sections[name]
        assert rows, f"'## {name}' 절에 표 행이 없다"
        for row in rows:
            cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
            assert len(cells) == 2 and all(cells), f"'## {name}'의 행은 '강의의 절 | 이 책' 두 칸을 모두 채운다: {row}"


def test_lectures_are_named_not_numbered():
    text = PAGE.read_text(encoding="utf-8")
    hits = [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ") for m in FILE_NUMBER.finditer(text)]
    assert not hits, f"대응표에 강의 파일 번호가 보인다: {hits[:5]}"


def test_planned_chapters_are_not_yet_written():
    """'N장 … (준비 중)'은 아직 노트북이 없는 장에만 쓴다. 장이 생기면 대응표가 그 절로 링크해야 한다."""
    text = PAGE.read_text(encoding="utf-8")
    written = {int(p.name[:2]) for p in CHAPTERS.glob("[0-9][0-9]_*.ipynb")}
    stale = sorted({int(n) for n in PLANNED.findall(text)} & written)
    assert not stale, f"{stale}장은 이제 있다: '(준비 중)' 대신 그 장의 절로 링크한다"


# ---------------------------------------------------------------- 검사가 실제로 어긋남을 잡는가

def test_anchor_rules_match_myst(tmp_path):
    """수식이 든 제목은 수식이 빠진 앵커를, 되풀이된 제목은 -1을 받고, 넷째 단계 제목은 앵커가 없다 (MyST가 만드는 그대로)."""
    page = tmp_path / "page.md"
    page.write_text("# 제목\n\n## 6.4 합성 함수: $f(g(x))$\n\n### `code`와 **굵게**\n\n### 정의\n\n### 정의\n\n#### 넷째 단계\n",
                    encoding="utf-8")
    assert list(anchors(page)) == ["제목", "64-합성-함수-", "code와-굵게", "정의", "정의-1"]


def test_a_broken_link_is_caught():
    notebook = sorted(CHAPTERS.glob("0[1-9]_*.ipynb"))[0].name
    good = next(iter(anchors(CHAPTERS / notebook)))
    assert not broken_links(f"| 행 | [절]({notebook}#{good}) |\n")
    assert broken_links(f"| 행 | [절]({notebook}#{good}-없는-절) |\n")
    assert broken_links(f"| 행 | [장]({notebook}) |\n")
    assert broken_links("| 행 | [절](99_없는_장.ipynb#절) |\n")
    assert FILE_NUMBER.search("강의 002의 절") and FILE_NUMBER.search("000_152b4ce3f1410213.txt")
    assert not FILE_NUMBER.search("학습률 0.001과 1000 에포크")
    assert PLANNED.findall("| 행 | 3장 활성화 함수 (준비 중) |") == ["3"]
