"""장 노트북의 위생과 구조: nbval이 비교할 수 있고, 책의 약속(정리, 연습문제, 용어)을 지키는가.

nbval(`pytest --nbval chapters`)은 노트북을 다시 실행해 저장된 출력과 비교한다. 여기서는 그 비교가
의미 있도록 저장된 노트북 자체를 검사한다.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
BACK_MATTER_NOTEBOOKS = sorted(p for p in (ROOT / "chapters").glob("*.ipynb") if p not in CHAPTERS)
ALL_NOTEBOOKS = CHAPTERS + BACK_MATTER_NOTEBOOKS
PAGES = sorted((ROOT / "chapters").glob("*.md"))

#: 용어집이 쓰지 않는다고 정한 말. 강의를 그대로 옮긴 인용(> 로 시작하는 줄)과 코드는 검사하지 않는다.
FORBIDDEN_TERMS = {
    "그래디언트": "기울기",
    "그라디언트": "기울기",
    "숨겨진 레이어": "은닉층",
    "히든 레이어": "은닉층",
    "경사하강법": "경사 하강법",
    "과적합": "과대적합",
    "활성함수": "활성화 함수",
}


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _text_outputs(cell):
    """(종류, 글) 쌍. 그림과 함께 나오는 '<Figure size …>' 설명은 그림의 일부라 뺀다."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            yield out.get("name"), "".join(out.get("text", ""))
        data = out.get("data", {})
        for mime, value in data.items():
            if not mime.startswith("text/"):
                continue
            if out.get("output_type") == "display_data" and "image/png" in data and mime == "text/plain":
                continue
            yield out.get("output_type") + ":" + mime, "".join(value) if isinstance(value, list) else value


def test_there_are_chapters():
    assert [p.stem for p in CHAPTERS][:2] == ["01_perceptron", "02_xor_mlp"]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_clean_and_deterministic(path):
    cells = _cells(path)
    code = [c for c in cells if c["cell_type"] == "code" and _source(c).strip()]
    assert code, "코드 셀이 없다"
    counts = [c.get("execution_count") for c in code]
    assert None not in counts, "실행하지 않은 코드 셀이 있다"
    assert counts == sorted(counts), "셀을 위에서부터 차례로 실행하지 않았다"
    assert "setup_notebook(" in _source(code[0]), "첫 코드 셀이 nnbook.setup_notebook()을 부르지 않는다"
    for cell in code:
        for kind, text in _text_outputs(cell):
            where = f"셀 {_source(cell)[:60]!r}"
            assert kind != "stderr", f"{where}이 stderr에 썼다: {text[:200]}"
            assert not re.search(r"<Figure size|^Text\(|<matplotlib\.", text, re.M), f"{where}에 그림 객체 repr가 있다"
            assert not re.search(r" at 0x[0-9a-f]{6,}", text), f"{where}에 메모리 주소가 있다"
            assert not re.search(r"\b\d+(\.\d+)?\s?(ms|µs|us|seconds|sec|초)\b", text), f"{where}에 시간이 있다"
            assert "Traceback (most recent call last)" not in text, f"{where}에 오류가 있다"
        assert not any(out.get("output_type") == "error" for out in cell.get("outputs", [])), "오류로 끝난 셀이 있다"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_structure(path):
    cells = _cells(path)
    markdown = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    without_code = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.S | re.M)  # 코드 블록 속 # 주석은 제목이 아니다
    headings = re.findall(r"^(#+) (.+)$", without_code, re.M)
    assert headings[0][0] == "#" and sum(1 for h in headings if h[0] == "#") == 1, "# 제목은 처음에 하나만"
    levels = [len(h[0]) for h in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "제목 단계를 건너뛰었다"
    titles = [h[1].strip() for h in headings]
    for required in ("정리", "연습문제"):
        assert required in titles, f"'## {required}' 절이 없다"
    assert "이 장에서 배우는 것" in markdown
    exercises = markdown.split("## 연습문제", 1)[1]
    assert exercises.count(":class: dropdown") >= 3, "풀이를 숨긴 연습문제가 셋 이상이어야 한다"


# 용어집은 쓰지 않는 말을 목록으로 보여 주므로 뺀다.
@pytest.mark.parametrize("path", [p for p in ALL_NOTEBOOKS + PAGES if p.name != "glossary.md"], ids=lambda p: p.name)
def test_terms_follow_the_glossary(path):
    if path.suffix == ".ipynb":
        text = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    prose = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    prose = re.sub(r"```.*?```", "", prose, flags=re.S)
    prose = re.sub(r"`[^`]*`", "", prose)
    for wrong, right in FORBIDDEN_TERMS.items():
        assert wrong not in prose, f"'{wrong}' 대신 용어집의 '{right}'을(를) 써야 한다"


def test_glossary_lists_every_forbidden_term():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    for wrong, right in FORBIDDEN_TERMS.items():
        rows = [line for line in glossary.splitlines() if line.startswith(f"| {right} |")]
        assert rows and wrong in rows[0], f"용어집의 '{right}' 행에 쓰지 않는 말 '{wrong}'이 없다"


def test_toc_lists_every_chapter_and_page():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for path in ALL_NOTEBOOKS + PAGES:
        assert f"chapters/{path.stem}" in toc, f"{path.name}이 목차에 없다"
