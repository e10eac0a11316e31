"""강의 노트 상자와 정오표: 한 자료(chapters/data/errata.yml)에서 만들어져 서로 어긋나지 않는가.

또 책이 강의를 이름으로만 부르는지(파일 번호 000~004 없이), 강의 노트 상자가 한 가지 모양인지 본다.
"""

import copy
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

import lecture_notes  # noqa: E402

CHAPTERS = lecture_notes.chapter_notebooks()
PAGES = sorted((ROOT / "chapters").glob("*.md"))
ALL_NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return lecture_notes._source(cell)


# ---------------------------------------------------------------- 자료와 책이 맞는가

def test_errata_data_loads_and_every_lecture_is_known():
    entries = lecture_notes.load_errata()
    assert entries, "정오표 자료가 비었다"
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries), "항목은 번호 순서로 적는다"


def test_boxes_and_errata_page_agree_with_the_data():
    found = lecture_notes.problems()
    assert not found, "\n".join(found)


def test_errata_page_proofs_ran():
    """계산으로 보일 수 있는 항목은 정오표 쪽에서 실제로 실행된 출력이 있다."""
    cells = _cells(lecture_notes.ERRATA_PAGE)
    proved = {c["metadata"]["lecture_note"]["errata_page"] for c in cells
              if c["cell_type"] == "code" and c.get("outputs")}
    for entry in lecture_notes.load_errata():
        if entry["computable"]:
            assert entry["id"] in proved, f"{entry['id']}의 증명 셀에 출력이 없다 (정오표 쪽을 다시 실행하라)"


def test_no_entry_or_box_names_a_lecture_by_file_number():
    for entry in lecture_notes.load_errata():
        for field in ("title", "section", "wrong", "correction", "explanation"):
            assert not FILE_NUMBER.search(entry[field]), f"{entry['id']}의 {field}에 강의 파일 번호가 있다"


# ---------------------------------------------------------------- 검사가 실제로 어긋남을 잡는가

@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """책의 장, 자료, 정오표 쪽을 임시 폴더에 복사해 검사기를 그쪽으로 돌린다."""
    chapters = tmp_path / "chapters"
    (chapters / "data").mkdir(parents=True)
    for path in (ROOT / "chapters" / "data").glob("*.yml"):
        (chapters / "data" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for path in ALL_NOTEBOOKS:
        (chapters / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(lecture_notes, "CHAPTERS", chapters)
    monkeypatch.setattr(lecture_notes, "DATA", chapters / "data")
    monkeypatch.setattr(lecture_notes, "ERRATA_PAGE", chapters / "errata.ipynb")
    return chapters


def _first_box(chapters):
    for path in sorted(chapters.glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "erratum" in cell.get("metadata", {}).get("lecture_note", {}):
                return path, nb, cell
    pytest.fail("✗ 상자가 하나도 없다")


def test_checker_catches_a_hand_edited_box(sandbox):
    path, nb, cell = _first_box(sandbox)
    cell["source"] = _source(cell).replace("✗", "✗ (손으로 고침)")
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert any("상자가 자료와 다르다" in p for p in lecture_notes.problems())
    lecture_notes.sync(only=[path.stem], page=False)
    assert not any("상자가 자료와 다르다" in p for p in lecture_notes.problems())


def test_checker_catches_a_box_with_an_unknown_id(sandbox):
    path, nb, cell = _first_box(sandbox)
    cell["metadata"]["lecture_note"]["erratum"] = "E99"
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert any("정오표에 없는 항목 E99" in p for p in lecture_notes.problems())


def test_checker_catches_an_entry_no_chapter_shows(sandbox):
    path, nb, cell = _first_box(sandbox)
    entry_id = cell["metadata"]["lecture_note"]["erratum"]
    nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("lecture_note", {}).get("erratum") != entry_id]
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert any(p.startswith(f"{entry_id}: 자료는") for p in lecture_notes.problems())


def test_checker_catches_a_computable_entry_without_proof_and_a_stale_page(sandbox):
    import yaml
    data = sandbox / "data" / "errata.yml"
    entries = yaml.safe_load(data.read_text(encoding="utf-8"))
    target = next(e for e in entries if e["computable"])
    target["proof"] = ""
    data.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = lecture_notes.problems()
    assert any(p.startswith(f"{target['id']}: 계산으로") for p in found)
    assert any("errata.ipynb가 자료와 다르다" in p for p in found)


def test_loading_refuses_an_unknown_lecture(sandbox):
    import yaml
    data = sandbox / "data" / "errata.yml"
    entries = yaml.safe_load(data.read_text(encoding="utf-8"))
    entries[0]["lecture"] = "no_such_lecture"
    data.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValueError, match="모르는 강의 'no_such_lecture'"):
        lecture_notes.load_errata()


# ---------------------------------------------------------------- 강의를 이름으로 부른다

#: 강의 파일 번호(000~004). 0.004 같은 소수, 2000 같은 수, 1,000 같은 자리 표시는 잡지 않는다.
FILE_NUMBER = re.compile(r"(?<![\d.,A-Za-z_])00[0-4](?![\d])")


def _reader_text(path):
    """독자가 보는 글: 마크다운, 코드, 글로 된 출력."""
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    parts = []
    for cell in _cells(path):
        parts.append(_source(cell))
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out.get("text", "")))
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/"):
                    parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS + PAGES, ids=lambda p: p.name)
def test_lectures_are_called_by_name_not_file_number(path):
    text = _reader_text(path)
    hits = [text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ") for m in FILE_NUMBER.finditer(text)]
    assert not hits, f"강의 파일 번호가 보인다: {hits[:5]}"
    assert "사라진 그림" not in text, "책이 만들어진 과정을 말하지 않는다 ('사라진 그림')"


def test_sources_page_defines_every_lecture_name_once():
    page = (ROOT / "chapters" / "seed_map.md").read_text(encoding="utf-8")
    for lecture in lecture_notes.load_lectures().values():
        rows = [line for line in page.splitlines() if line.startswith("|") and lecture["name"] in line]
        assert rows, f"대응표 쪽에 {lecture['name']}이(가) 없다"


BOX = re.compile(r"^```\{admonition\} (강의 노트[^\n]*)\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_lecture_note_boxes_have_one_shape(path):
    names = [lec["name"] for lec in lecture_notes.load_lectures().values()]
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "markdown":
            continue
        generated = "erratum" in cell.get("metadata", {}).get("lecture_note", {})
        for title, body in BOX.findall(_source(cell)):
            where = f"{path.name} 셀 {i} '{title}'"
            assert title.startswith(f"{lecture_notes.BOX_TITLE} · "), f"{where}: 제목은 '강의 노트 · 강의 이름, 절'"
            assert any(name in title for name in names), f"{where}: 제목에 강의 이름이 없다"
            assert f":class: {lecture_notes.BOX_CLASS}" in body, f"{where}: :class: {lecture_notes.BOX_CLASS}가 없다"
            assert re.search(r"^> ", body, re.M), f"{where}: 강의의 줄을 > 로 인용하지 않았다"
            if "✗" in body:
                assert generated, f"{where}: ✗ 상자는 손으로 쓰지 않고 정오표 자료에서 만든다"
