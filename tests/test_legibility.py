"""그림 글자가 HTML 책의 본문 칸(688 px)에서 읽히는가: 검사(nnbook.plotting.illegible_texts), 노트북의 검사 고리,
모든 탐색기의 그림.

규칙: 본문 칸에 보인 그림의 모든 글(눈금, 축 이름, 범례, 제목, 주석, 표의 칸)은 10 px 이상이고, 빼기 기호는
하이픈(-)이 아니라 −(U+2212)나 수식의 -로 쓴다.
"""

import logging
import warnings

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from nnbook import frames
from nnbook.plotting import (COLUMN_PX, hyphen_minus, illegible_texts, install_figure_check, legibility_report,
                             max_figure_width, minus_sign, text_px)
from nnbook.widgets import Canvas


def small(problems):
    return [p.text for p in problems if p.problem == "작다"]


def hyphens(problems):
    return [p.text for p in problems if p.problem == "하이픈"]


def test_the_measure():
    # 100 dpi에서 10 pt는 13.9 px이고, 본문 칸보다 넓은 그림은 칸 너비로 줄어 보인다.
    assert text_px(10, 600) == pytest.approx(13.89, abs=0.01)
    assert text_px(10, 1400) == pytest.approx(10 * 100 / 72 * 688 / 1400)
    assert max_figure_width(10) == pytest.approx(9.56, abs=0.01)
    assert text_px(10, 100 * max_figure_width(10)) == pytest.approx(10)
    assert max_figure_width(7) == 0                # 7 pt는 줄이지 않아도 9.7 px


def test_a_small_default_figure_is_legible():
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    ax.plot(np.linspace(-3, 3), np.tanh(np.linspace(-3, 3)), label="tanh")
    ax.set(title="제목 $x_1$", xlabel="입력 $x$", ylabel="출력")
    ax.legend()
    ax.annotate("−0.5에서 $-0.46$", (-0.5, -0.46), (0.5, -0.8), arrowprops=dict(arrowstyle="->"))
    assert illegible_texts(fig) == []
    plt.close(fig)


def test_a_wide_figure_shrinks_every_kind_of_text_below_10_px():
    fig, axes = plt.subplots(1, 3, figsize=(14, 4), layout="constrained")
    axes[0].plot([0, 1], [0, 1], label="범례 글")
    axes[0].legend()
    axes[1].set_title("제목")
    axes[1].annotate("주석", (0.5, 0.5))
    axes[2].table(cellText=[["표의 칸", "3"]], loc="bottom")
    image = axes[2].imshow(np.eye(3))
    fig.colorbar(image, ax=axes[2], label="색 막대")
    found = small(illegible_texts(fig))
    for text in ["범례 글", "제목", "주석", "표의 칸", "색 막대", "0.0", "1.0"]:
        assert text in found
    # 같은 그림을 9 in로 그리면 10 pt 글자(제목은 12 pt)가 모두 10 px을 넘는다.
    fig.set_size_inches(9, 4)
    assert illegible_texts(fig) == []
    plt.close(fig)


def test_small_fonts_are_caught_even_in_a_narrow_figure():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.text(0.5, 0.5, "7 pt 글자", fontsize=7)
    ax.text(0.5, 0.2, "8 pt 글자", fontsize=8)
    assert small(illegible_texts(fig)) == ["7 pt 글자"]
    plt.close(fig)


def test_hidden_and_clipped_texts_do_not_count():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.set_xlim(0, 1)
    ax.text(0.5, 0.5, "숨긴 글", fontsize=6, visible=False)
    ax.text(50, 0.5, "축 밖에서 잘린 글", fontsize=6, clip_on=True)
    ax.text(0.5, 0.5, "", fontsize=6)
    assert illegible_texts(fig) == []
    plt.close(fig)


def test_tick_labels_are_the_ones_drawn():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.set_xticks([0, 1, 2], labels=["영", "하나", "둘"], fontsize=6)
    ax.set_xlim(-0.5, 1.5)                        # 눈금 2는 보이지 않는다
    assert sorted(small(illegible_texts(fig))) == sorted(["영", "하나"])
    plt.close(fig)


@pytest.mark.parametrize("text", ["-0.5", "b = -1", "(−1, -2)", "w=-3", "1e-3", "x - 1", "σ(-4) = 0.018",
                                  "$x$ = -1", "[-4, 4]", "10^{-1}"])
def test_hyphen_used_as_minus_is_caught(text):
    assert hyphen_minus(text)


@pytest.mark.parametrize("text", ["−0.5", "$-0.5$", "$w = -1$인 뉴런", "4-8-8-3 신경망", "2-4-1", "x-축",
                                  "Leaky-ReLU", "$10^{-1}$", "2026-01"])
def test_real_minus_signs_and_hyphens_pass(text):
    assert not hyphen_minus(text)


def test_typed_hyphen_minus_is_caught_in_any_text_but_not_in_ticks():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([-2, 2], [-1, 1], label=f"기울기 {-0.5}")          # f"{x}"는 음수에 하이픈을 쓴다
    ax.legend()
    ax.annotate(f"b = {-1}", (0, 0))
    ax.set_title("$b = -1$ (수식 안은 괜찮다)")
    ax.table(cellText=[[f"{-2}"]], loc="top")
    assert sorted(hyphens(illegible_texts(fig))) == sorted(["기울기 -0.5", "b = -1", "-2"])
    plt.close(fig)


def test_minus_sign_draws_one_minus_everywhere(caplog):
    assert minus_sign(f"b = {-1}") == "b = \u2212" + "1"
    assert minus_sign(f"{-1.5:+.2f}, {2:+.2f}, 1e-04") == "\u22121.50, +2.00, 1e\u221204"
    assert minus_sign("4-8-8-3 신경망, $w = -1$") == "4-8-8-3 신경망, $w = -1$"
    # 수식이 섞인 글은 matplotlib이 통째로 수식 규칙으로 그려, 수식 밖의 −는 NanumGothic에 없는 글자가 된다.
    # 그래서 빼기 기호만 수식 $-$로 적는다 (DejaVu Sans의 같은 −).
    mixed = minus_sign(f"정수 ({-2:g}, 3) $\\rightarrow$ ({-0.667:.3f})")
    assert mixed == "정수 ($-$2, 3) $\\rightarrow$ ($-$0.667)"
    assert not hyphen_minus(mixed) and not hyphen_minus(minus_sign(f"x = {-2}"))
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.set_title(mixed)
    ax.text(0.1, 0.5, minus_sign(f"x = {-2}"))
    with caplog.at_level(logging.WARNING), warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    plt.close(fig)
    assert not [r.getMessage() for r in caplog.records if "glyph" in r.getMessage().lower()]


def test_explorer_canvas_writes_minus_signs():
    fig, ax = plt.subplots(figsize=(5, 3))
    canvas = Canvas(fig, ax)
    canvas.text("t", ax, 0.1, 0.5, f"f′(a) = {-1.2e-4:.2e}")
    canvas.title(ax, f"b = {-1}")
    assert hyphens(illegible_texts(fig)) == []
    assert ax.get_title() == "b = \u22121"
    plt.close(fig)


def test_report_is_one_korean_line_with_the_fix():
    fig, ax = plt.subplots(figsize=(14, 4))
    ax.text(0, 0, f"{-1}")
    report = legibility_report(illegible_texts(fig), fig.bbox.width)
    plt.close(fig)
    assert "\n" not in report and report.startswith("그림 글자 검사")
    assert f"본문 칸({COLUMN_PX} px)" in report and "0.68배" in report and "하이픈" in report
    assert legibility_report([], 600) == ""


def test_the_formatter_hook_reports_offenders_and_leaves_good_figures_alone(capsys):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})
    assert install_figure_check(shell)
    assert install_figure_check(shell)             # 두 번 불러도 한 번만 감싼다
    try:
        good, ax = plt.subplots(figsize=(6, 4))
        ax.plot([-1, 1])
        data, _ = shell.display_formatter.format(good)
        assert "image/png" in data and capsys.readouterr().err == ""
        bad, ax = plt.subplots(figsize=(14, 4))
        ax.text(0, 0, "b = -1")
        shell.display_formatter.format(bad)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "그림 글자 검사" in err and "b = -1" in err
        # %matplotlib inline 등이 형식 함수를 새로 등록해도 다음 셀 전에 다시 감싼다.
        select_figure_formats(shell, {"png"})
        shell.events.trigger("pre_run_cell", None)
        shell.display_formatter.format(bad)
        assert "그림 글자 검사" in capsys.readouterr().err
    finally:
        plt.close("all")
        InteractiveShell.clear_instance()


def test_a_notebook_shows_the_offender_on_stderr_so_nbval_and_the_book_fail():
    # 노트북 커널 안에서: 좋은 그림은 출력이 그대로이고, 나쁜 그림에는 stderr 한 줄이 붙는다.
    # nbval은 stderr 출력을 저장된 출력과 비교하고, 책 빌드(stderr_output: warn, -W)는 stderr을 실패로 본다.
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in [
        "import nnbook\nrng = nnbook.setup_notebook()\nimport matplotlib.pyplot as plt",
        "fig, ax = plt.subplots(figsize=(6, 4))\nax.plot([-1, 1])\nax.set_title('$w = -1$')\nplt.show()",
        "fig, ax = plt.subplots(1, 3, figsize=(15, 4))\nplt.show()",
        "fig, ax = plt.subplots(figsize=(6, 4))\nax.text(0.2, 0.5, f'x = {-2}')\nplt.show()",
    ]]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    streams = [[o for o in cell.outputs if o.output_type == "stream"] for cell in nb.cells]
    assert streams[0] == [] and streams[1] == []
    assert [o.name for o in streams[2]] == ["stderr"] and "10 px보다 작게" in streams[2][0].text
    assert [o.name for o in streams[3]] == ["stderr"] and "'x = -2'" in streams[3][0].text
    assert all(any("image/png" in o.get("data", {}) for o in cell.outputs) for cell in nb.cells[1:])


def covering_states(explorer):
    """기본 상태와, 모든 매개변수의 격자 값이 적어도 한 번씩 나오는 몇 상태."""
    grids = [p.grid_values() for p in explorer.params]
    states = [explorer.defaults()]
    for i in range(max(len(g) for g in grids)):
        states.append({p.name: g[(i * (k + 1)) % len(g)] for k, (p, g) in enumerate(zip(explorer.params, grids))})
    return states


@pytest.mark.parametrize("name", sorted(frames.registry()))
def test_every_explorer_frame_is_legible(name, caplog):
    # HTML 책의 그림(frames)과 조작기(live)가 쓰는 StateRenderer 그대로 그린다. 그림은 자르지 않고 보인다.
    # 노트북 밖에서 그리므로 stderr로 알려 줄 것(글꼴에 없는 글자)도 여기서 본다.
    explorer = frames.registry()[name]
    problems = {}
    with caplog.at_level(logging.WARNING):
        renderer = explorer.renderer()
        for state in covering_states(explorer):
            renderer.update(state)
            renderer.png()
            found = illegible_texts(renderer.canvas.figure)
            if found:
                problems[str(state)] = legibility_report(found, renderer.canvas.figure.bbox.width)
    plt.close(renderer.canvas.figure)
    assert not problems, problems
    assert not [r.getMessage() for r in caplog.records if "glyph" in r.getMessage().lower()]
