"""강의 노트 상자와 정오표를 한 자료에서 만든다.

책이 따라가는 다섯 강의의 이름은 ``chapters/data/lectures.yml``에, 강의의 틀린 곳은
``chapters/data/errata.yml``에 한 번씩만 적는다. 이 모듈은 그 두 파일로

* 각 장에서 강의의 틀린 곳을 짚는 ✗ 상자(메타데이터 ``lecture_note.erratum``이 붙은 마크다운 셀)와
* 정오표 쪽(``chapters/errata.ipynb``)의 모든 셀

을 만든다. 손으로 고치면 다음 동기화 때 덮어쓰이고, ``tests/test_lecture_notes.py``가 어긋남을 잡는다.

    python _ext/lecture_notes.py sync     # 상자와 정오표 쪽을 자료에 맞춘다 (정오표 쪽은 다시 실행해야 한다)
    python _ext/lecture_notes.py check    # 맞지 않는 곳을 적고 0이 아닌 값으로 끝난다
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
DATA = CHAPTERS / "data"
ERRATA_PAGE = CHAPTERS / "errata.ipynb"

#: 강의 노트 상자의 제목 머리와 MyST 클래스. 모든 장이 이 한 가지 상자를 쓴다.
BOX_TITLE = "강의 노트"
BOX_CLASS = "lecture-note"

ENTRY_FIELDS = ("id", "title", "lecture", "section", "line", "quote", "wrong", "correction",
                "chapters", "computable", "explanation", "proof")

PAGE_PREAMBLE = """\
(errata)=
# 원문과 다른 점

이 책은 강의의 숫자가 맞으면 그대로 쓰고, 틀리면 무엇이 왜 틀렸는지 계산으로 보이고 바로잡는다.
이 쪽은 그렇게 바로잡은 곳을 모두 모은 것이다. 계산으로 보일 수 있는 항목은 바로 아래 코드 셀이
`nnbook`으로 다시 계산한다. 각 장의 {box} 상자 가운데 ✗ 표시가 붙은 것이 여기의 항목을 가리킨다.
강의의 이름은 {{doc}}`seed_map`에 정리해 두었다.
"""

PAGE_SETUP_CODE = """\
import numpy as np
import nnbook
from nnbook import Dense, Perceptron, Sequential
from nnbook.perceptron import GATE_INPUTS

rng = nnbook.setup_notebook()"""


# ---------------------------------------------------------------- 자료 읽기

def load_lectures() -> dict[str, dict]:
    """강의 열쇠 → {name, title, kind, about}."""
    items = yaml.safe_load((DATA / "lectures.yml").read_text(encoding="utf-8"))
    return {item["key"]: item for item in items}


def load_errata() -> list[dict]:
    """정오표 항목의 목록. 모양이 틀리면 무엇이 틀렸는지 말하는 ValueError를 낸다."""
    entries = yaml.safe_load((DATA / "errata.yml").read_text(encoding="utf-8"))
    lectures = load_lectures()
    seen = set()
    for entry in entries:
        where = f"정오표 항목 {entry.get('id', '?')}"
        missing = [f for f in ENTRY_FIELDS if f not in entry]
        unknown = [f for f in entry if f not in ENTRY_FIELDS]
        if missing or unknown:
            raise ValueError(f"{where}: 빠진 칸 {missing}, 모르는 칸 {unknown}")
        if not re.fullmatch(r"E\d{2}", entry["id"]) or entry["id"] in seen:
            raise ValueError(f"{where}: 번호는 E와 두 자리 숫자이고 겹치지 않아야 한다")
        seen.add(entry["id"])
        if entry["lecture"] not in lectures:
            raise ValueError(f"{where}: 모르는 강의 {entry['lecture']!r} (있는 것: {sorted(lectures)})")
        for chapter in entry["chapters"]:
            if not (CHAPTERS / f"{chapter}.ipynb").exists():
                raise ValueError(f"{where}: 없는 장 {chapter!r}")
    return entries


def anchor(entry_id: str) -> str:
    return f"erratum-{entry_id.lower()}"


# ---------------------------------------------------------------- 글 만들기

def _quote(text: str) -> str:
    """인용 블록. 수식 줄($$ … $$)은 앞뒤를 빈 인용 줄로 떼어야 MyST가 문단 속 글자가 아닌 수식으로 읽는다."""
    lines = text.strip().splitlines()
    out = []
    for i, line in enumerate(lines):
        if i and ("$$" in line or "$$" in lines[i - 1]):
            out.append(">")
        out.append("> " + line)
    return "\n".join(out)


def render_box(entry: dict, lectures: dict | None = None) -> str:
    """장 안에 놓이는 ✗ 강의 노트 상자(마크다운 셀 하나)의 글."""
    lectures = lectures or load_lectures()
    name = lectures[entry["lecture"]]["name"]
    quote = _quote(entry["quote"])
    return (
        f"```{{admonition}} {BOX_TITLE} · {name}, {entry['section']}\n"
        f":class: {BOX_CLASS}\n\n"
        f"{quote}\n\n"
        f"✗ {entry['wrong'].strip()} {entry['correction'].strip()} "
        f"([정오표 {entry['id']}](errata.ipynb#{anchor(entry['id'])}))\n"
        f"```"
    )


def render_entry(entry: dict, lectures: dict) -> str:
    """정오표 쪽의 항목 하나(마크다운)."""
    name = lectures[entry["lecture"]]["name"]
    chapters = ", ".join(f"{{doc}}`{c}`" for c in entry["chapters"])
    quote = _quote(entry["quote"])
    parts = [
        f"({anchor(entry['id'])})=\n## {entry['id']}. {entry['title']}",
        f"**강의** {name}, {entry['section']} · **다루는 장** {chapters}",
        quote,
        f"**틀린 곳** {entry['wrong'].strip()}\n\n**바로잡음** {entry['correction'].strip()}",
    ]
    if entry["explanation"].strip():
        parts.append(entry["explanation"].strip())
    return "\n\n".join(parts)


def render_table(entries: list[dict], lectures: dict) -> str:
    rows = ["| 번호 | 강의 | 다루는 장 | 틀린 곳 |", "|---|---|---|---|"]
    for e in entries:
        chapters = ", ".join(f"{{doc}}`{c}`" for c in e["chapters"])
        wrong = e["wrong"].strip().replace("|", "\\|").replace("\n", " ")
        rows.append(f"| [{e['id']}](#{anchor(e['id'])}) | {lectures[e['lecture']]['name']} | {chapters} | {wrong} |")
    return "\n".join(rows)


def _cell_id(meta: dict, kind: str) -> str:
    return f"errata-{meta['errata_page'].lower()}-{kind}"


def _markdown_cell(source: str, meta: dict) -> dict:
    return {"cell_type": "markdown", "id": _cell_id(meta, "text"), "metadata": {"lecture_note": meta},
            "source": source}


def _code_cell(source: str, meta: dict) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": _cell_id(meta, "code"),
            "metadata": {"lecture_note": meta}, "outputs": [], "source": source}


def page_cells(entries: list[dict] | None = None) -> list[dict]:
    """정오표 쪽의 셀 목록(출력 없이)."""
    entries = entries if entries is not None else load_errata()
    lectures = load_lectures()
    cells = [
        _markdown_cell(PAGE_PREAMBLE.format(box=BOX_TITLE) + "\n" + render_table(entries, lectures),
                       {"errata_page": "preamble"}),
        _code_cell(PAGE_SETUP_CODE, {"errata_page": "setup"}),
    ]
    for entry in entries:
        cells.append(_markdown_cell(render_entry(entry, lectures), {"errata_page": entry["id"]}))
        if entry["proof"].strip():
            cells.append(_code_cell(entry["proof"].strip(), {"errata_page": entry["id"]}))
    return cells


# ---------------------------------------------------------------- 노트북과 맞추기

def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb"))


def boxes_in(path: Path) -> list[tuple[int, str, str]]:
    """(셀 번호, 정오표 번호, 셀의 글) — 한 장에 놓인 ✗ 상자들."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("lecture_note", {})
        if cell["cell_type"] == "markdown" and "erratum" in meta:
            found.append((i, meta["erratum"], _source(cell)))
    return found


def problems() -> list[str]:
    """자료와 책이 어긋난 곳을 한 줄씩."""
    out = []
    try:
        entries = load_errata()
    except ValueError as err:
        return [str(err)]
    lectures = load_lectures()
    by_id = {e["id"]: e for e in entries}
    used: dict[str, set[str]] = {e["id"]: set() for e in entries}
    for path in chapter_notebooks():
        for i, entry_id, text in boxes_in(path):
            if entry_id not in by_id:
                out.append(f"{path.name} 셀 {i}: 정오표에 없는 항목 {entry_id}")
                continue
            used[entry_id].add(path.stem)
            if text != render_box(by_id[entry_id], lectures):
                out.append(f"{path.name} 셀 {i}: {entry_id} 상자가 자료와 다르다 (sync를 돌려라)")
    for entry in entries:
        if not entry["quote"].strip() or not entry["wrong"].strip() or not entry["correction"].strip():
            out.append(f"{entry['id']}: 인용(quote), 틀린 곳(wrong), 바로잡음(correction)을 모두 적어야 한다")
        missing = set(entry["chapters"]) - used[entry["id"]]
        extra = used[entry["id"]] - set(entry["chapters"])
        if missing:
            out.append(f"{entry['id']}: 자료는 {sorted(missing)}에서 다룬다지만 그 장에 ✗ 상자가 없다")
        if extra:
            out.append(f"{entry['id']}: {sorted(extra)}에 상자가 있지만 자료의 chapters에 없다")
        if entry["computable"] and not entry["proof"].strip():
            out.append(f"{entry['id']}: 계산으로 보일 수 있다(computable)면서 증명 코드(proof)가 없다")
    page = json.loads(ERRATA_PAGE.read_text(encoding="utf-8"))["cells"]
    want = page_cells(entries)
    if [(c["cell_type"], _source(c)) for c in page] != [(c["cell_type"], c["source"]) for c in want]:
        out.append("errata.ipynb가 자료와 다르다 (sync를 돌린 뒤 다시 실행하라)")
    return out


def sync(only: list[str] | None = None, page: bool = True) -> list[Path]:
    """상자와 정오표 쪽을 자료에 맞추고, 바뀐 파일을 돌려준다. 출력은 건드리지 않는다
    (정오표 쪽에서 글이 바뀐 코드 셀만 출력을 지운다). ``only``가 있으면 그 장들만 맞춘다."""
    entries = load_errata()
    lectures = load_lectures()
    by_id = {e["id"]: e for e in entries}
    changed = []
    for path in chapter_notebooks():
        if only and path.stem not in only:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        dirty = False
        for cell in nb["cells"]:
            meta = cell.get("metadata", {}).get("lecture_note", {})
            if cell["cell_type"] == "markdown" and meta.get("erratum") in by_id:
                text = render_box(by_id[meta["erratum"]], lectures)
                if _source(cell) != text:
                    cell["source"] = text
                    dirty = True
        if dirty:
            _write(path, nb)
            changed.append(path)
    if not page:
        return changed
    nb = json.loads(ERRATA_PAGE.read_text(encoding="utf-8"))
    old = {(c["cell_type"], _source(c)): c for c in nb["cells"]}
    new_cells = []
    for cell in page_cells(entries):
        kept = old.get((cell["cell_type"], cell["source"]))
        if kept is not None:
            kept = dict(kept, id=cell["id"], metadata=dict(kept.get("metadata", {}), **cell["metadata"]))
            new_cells.append(kept)
        else:
            new_cells.append(cell)
    if [(_source(c), c.get("metadata"), c.get("id")) for c in nb["cells"]] != \
            [(_source(c), c.get("metadata"), c.get("id")) for c in new_cells]:
        nb["cells"] = new_cells
        _write(ERRATA_PAGE, nb)
        changed.append(ERRATA_PAGE)
    return changed


def _write(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "sync":
        # sync [장 이름 …]: 장을 적으면 그 장들의 상자만, 적지 않으면 모든 장과 정오표 쪽을 맞춘다.
        names = sys.argv[2:]
        for p in sync(only=names or None, page=not names):
            print("바꿈:", p.relative_to(ROOT))
    found = problems()
    for line in found:
        print(line)
    sys.exit(1 if found and command == "check" else 0)


def heading_slug(text: str) -> str:
    """MyST 제목 앵커: 정오표 항목("E07. …")은 erratum-e07, 나머지는 MyST의 기본 규칙(GitHub 방식)."""
    match = re.match(r"(E\d{2})\. ", text)
    if match:
        return anchor(match.group(1))
    from myst_parser.mdit_to_docutils.base import default_slugify
    return default_slugify(text)
