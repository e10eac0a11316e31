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
    "가파름": "가파르기",
    "패퍼트": "페퍼트",
    "힌튼": "힌턴",
    "다중 클래스 분류": "다중 분류",
}

#: XOR(엑스오어)는 모음으로 끝나는 말처럼 조사를 붙인다.
XOR_PARTICLES = re.compile(r"XOR(은|을|과|이 )")


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
    bad = XOR_PARTICLES.findall(prose)
    assert not bad, f"XOR에는 XOR는/XOR를/XOR와/XOR가를 쓴다: XOR{bad[0]}"


def test_glossary_lists_every_forbidden_term():
    glossary = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    for wrong, right in FORBIDDEN_TERMS.items():
        rows = [line for line in glossary.splitlines() if line.startswith(f"| {right} |")]
        assert rows and wrong in rows[0], f"용어집의 '{right}' 행에 쓰지 않는 말 '{wrong}'이 없다"


def test_toc_lists_every_chapter_and_page():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for path in ALL_NOTEBOOKS + PAGES:
        assert f"chapters/{path.stem}" in toc, f"{path.name}이 목차에 없다"


# ---------------------------------------------------------------- 독자가 보는 모양

#: 이 태그가 붙은 코드 셀은 HTML 책에서 코드가 접혀 있다.
HIDING_TAGS = {"hide-input", "hide-cell", "remove-input", "remove-cell"}
MAX_VISIBLE_LINES = 20


def _tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def _hidden_in_both(cell):
    """HTML(hide-cell)과 JupyterLab(접힌 입력과 출력) 모두에서 접혀 있는가."""
    jupyter = cell.get("metadata", {}).get("jupyter", {})
    return "hide-cell" in _tags(cell) and jupyter.get("source_hidden") and jupyter.get("outputs_hidden")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_visible_code_cells_are_short(path):
    long_cells = [(i, len(_source(c).strip().splitlines())) for i, c in enumerate(_cells(path))
                  if c["cell_type"] == "code" and not (_tags(c) & HIDING_TAGS)
                  and len(_source(c).strip().splitlines()) > MAX_VISIBLE_LINES]
    assert not long_cells, f"{MAX_VISIBLE_LINES}줄이 넘는 보이는 코드 셀 (셀 번호, 줄 수): {long_cells}"


def _exercise_cells(path):
    cells = _cells(path)
    start = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and "## 연습문제" in _source(c))
    return list(enumerate(cells))[start:]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_solutions_stay_hidden_until_clicked(path):
    """연습문제의 풀이는 접힌 상자에, 답을 계산하는 코드 셀은 입력과 출력이 함께 접혀 있다."""
    exercises = _exercise_cells(path)
    for i, cell in exercises:
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            for block in re.findall(r"```\{admonition\} 풀이.*?```", src, re.S):
                assert ":class: dropdown" in block, f"셀 {i}: 풀이 상자가 접혀 있지 않다"
            continue
        if "exercise-stub" in _tags(cell):
            continue
        previous = exercises[[j for j, _ in exercises].index(i) - 1][1]
        if "exercise-stub" in _tags(previous) and "check_answer(" in src:
            continue  # 독자의 답을 확인하는 셀은 보인다
        assert _hidden_in_both(cell), (
            f"셀 {i} ({src[:50]!r}): 연습문제의 코드 셀은 hide-cell 태그와 jupyter.source_hidden/outputs_hidden으로 접는다")
        # JupyterLab은 접힌 셀의 첫 줄을 미리 보여 준다: 첫 줄이 답을 드러내지 않게 주석으로 둔다.
        assert src.lstrip().startswith("#"), f"셀 {i}: 접힌 풀이 셀의 첫 줄은 주석이어야 한다 ({src.splitlines()[0]!r})"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_has_a_self_checking_exercise(path):
    """독자가 채울 빈 함수, 그것을 확인하는 셀, 같은 검사를 통과하는 책의 풀이가 있다."""
    cells = _cells(path)
    stubs = [i for i, c in enumerate(cells) if "exercise-stub" in _tags(c)]
    assert stubs, "독자가 직접 채우는 연습문제(exercise-stub 태그)가 없다"
    for i in stubs:
        assert "raise NotImplementedError" in _source(cells[i]), f"셀 {i}: 빈 함수는 NotImplementedError를 낸다"
        checker = cells[i + 1]
        call = re.search(r"check_answer\((\w+)", _source(checker))
        assert checker["cell_type"] == "code" and call, f"셀 {i}의 다음 셀이 check_answer로 답을 확인하지 않는다"
        printed = "".join("".join(o.get("text", "")) for o in checker.get("outputs", []))
        assert "정답이다" not in printed, f"셀 {i + 1}: 빈 함수가 정답으로 나왔다"
        same_check = _source(checker)[call.end():].strip()   # ", reference, cases)" — 풀이도 같은 검사를 거친다
        solutions = [c for c in cells[i + 2:] if _hidden_in_both(c) and "check_answer(" in _source(c)
                     and same_check in _source(c)]
        assert solutions, f"셀 {i}의 문제에 같은 검사({same_check})를 거치는 숨은 풀이 셀이 없다"
        outputs = "".join("".join(o.get("text", "")) for o in solutions[0].get("outputs", []))
        assert "정답이다" in outputs, f"셀 {i}의 문제: 책의 풀이가 검사를 통과하지 않았다: {outputs[:200]!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_has_a_caption_alt_text_and_a_name(path):
    """그림이 나오는 셀은 번호가 붙는 한국어 설명(caption), 보지 못하는 독자를 위한 대체 글(alt), 이름을 가진다."""
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "code" or "remove-output" in _tags(cell):
            continue
        if not any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        meta = cell.get("metadata", {}).get("mystnb", {})
        figure, image = meta.get("figure", {}), meta.get("image", {})
        where = f"셀 {i} ({_source(cell)[:40]!r})"
        assert figure.get("caption", "").strip(), f"{where}: 그림 설명(mystnb.figure.caption)이 없다"
        assert re.fullmatch(r"fig-[a-z0-9-]+", figure.get("name", "")), f"{where}: 그림 이름이 fig-…꼴이 아니다"
        alt = image.get("alt", "")
        assert re.search(r"[가-힣]", alt) and len(alt) >= 15, f"{where}: 한국어 대체 글(mystnb.image.alt)이 없다"


def test_figure_names_are_unique_in_the_book():
    names = [c["metadata"]["mystnb"]["figure"]["name"] for path in CHAPTERS for c in _cells(path)
             if c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_display_math_in_quotes_stands_alone(path):
    """인용(>) 속 수식 줄($$ … $$)이 다른 줄에 붙어 있으면 MyST가 문단의 글자로 읽어 $가 그대로 보인다."""
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "markdown":
            continue
        lines = [line.strip() for line in _source(cell).split("\n")]
        for a, b in zip(lines, lines[1:]):
            if a.startswith(">") and b.startswith(">") and ">" not in (a, b) and ("$$" in a or "$$" in b):
                pytest.fail(f"셀 {i}: 인용 속 수식 줄 앞뒤에 빈 '>' 줄이 없다: {a[:40]!r} / {b[:40]!r}")
