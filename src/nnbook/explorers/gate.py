"""게이트 탐색기: w1, w2, b를 바꾸며 퍼셉트론의 결정 경계와 진리표를 본다 (1장)."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from ..perceptron import GATE_INPUTS, TRUTH_TABLES, Perceptron
from ..plotting import COLORS, decision_grid, line_through_box, setup_unit_square
from ..widgets import ChoiceParam, Explorer, FloatParam

# 게이트 탐색기 ---------------------------------------------------------------
_GATE_BOX = (-0.5, 1.5, -0.5, 1.5)


def _gate_setup(figure):
    ax_plot, ax_table = figure.subplots(1, 2, width_ratios=[1.2, 1])
    setup_unit_square(ax_plot, _GATE_BOX)
    ax_table.set_axis_off()
    return ax_plot, ax_table


def _gate_draw(canvas, values):
    ax_plot, ax_table = canvas.axes
    w1, w2, b, gate = values["w1"], values["w2"], values["b"], values["gate"]
    unit = Perceptron([w1, w2], b)
    fires = decision_grid(unit.predict, _GATE_BOX, resolution=120)
    canvas.image("regions", ax_plot, fires, extent=_GATE_BOX, vmin=0, vmax=1, zorder=0, aspect="equal",
                 cmap=ListedColormap([COLORS["region0"], COLORS["region1"]]))
    xs, ys = line_through_box(w1, w2, b, _GATE_BOX)
    canvas.line("boundary", ax_plot, xs, ys, color=COLORS["boundary"], lw=2, zorder=2)

    target = np.array(TRUTH_TABLES[gate])
    output = unit.truth_table().astype(int)
    correct = output == target
    canvas.scatter("points", ax_plot, GATE_INPUTS[:, 0], GATE_INPUTS[:, 1], zorder=3, linewidths=2,
                   facecolors=[COLORS["class1"] if t else COLORS["class0"] for t in target],
                   edgecolors=["black" if ok else COLORS["wrong"] for ok in correct])
    canvas.title(ax_plot, f"결정 경계  ${w1:+.2f}\\,x_1 {w2:+.2f}\\,x_2 {b:+.2f} = 0$")

    sums = unit.weighted_sum(GATE_INPUTS)
    rows = ["x1  x2      s    출력  " + gate]
    for (x1, x2), s, out, t, ok in zip(GATE_INPUTS.astype(int), sums, output, target, correct):
        rows.append(f"{x1:>2}  {x2:>2}  {s:+6.2f}   {out:>2}    {t:>2}  {'✓' if ok else '✗'}")
    verdict = f"{gate} 게이트와 일치한다" if correct.all() else f"{gate}와 {int((~correct).sum())}곳이 다르다"
    canvas.text("table", ax_table, 0.0, 0.95, "\n".join(rows), family=["DejaVu Sans Mono", "NanumGothic", "DejaVu Sans"], va="top",
                fontsize=11, transform=ax_table.transAxes)
    canvas.text("verdict", ax_table, 0.0, 0.2, verdict, fontsize=12, transform=ax_table.transAxes,
                color="black" if correct.all() else COLORS["wrong"])


#: 1장의 게이트 탐색기. 가중치 w1, w2와 편향 b, 비교할 게이트를 바꾸면 결정 경계, 1을 내는 영역, 진리표가 바뀐다.
gate_explorer = Explorer(
    title="게이트 탐색기: w₁, w₂, b로 결정 경계와 진리표 바꾸기",
    params=(
        FloatParam("w1", "가중치 w₁", -3.0, 3.0, 0.1, 1.0, grid=(-1.0, 1.0, 2.0)),
        FloatParam("w2", "가중치 w₂", -3.0, 3.0, 0.1, 1.0, grid=(-1.0, 1.0, 2.0)),
        FloatParam("b", "편향 b", -3.0, 3.0, 0.1, -1.0, grid=(-1.5, -1.0, -0.5, 0.5, 1.5)),
        ChoiceParam("gate", "비교할 게이트", tuple((g, g) for g in ("AND", "OR", "NAND", "NOR", "XOR")), "AND",
                    grid=("AND", "OR", "NAND", "XOR")),
    ),
    setup=_gate_setup,
    draw=_gate_draw,
    figsize=(9.0, 4.0),
    description="주황 영역은 퍼셉트론이 1을 내는 곳, 빨간 선은 결정 경계, 빨간 테두리는 틀린 점이다.",
)
