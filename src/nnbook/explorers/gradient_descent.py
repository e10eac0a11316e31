"""경사 하강법 탐색기: 함수, 학습률, 출발점, 걸음 수를 바꾸며 a(n+1) = a(n) − η f′(a(n))의 경로를 본다 (5장).

왼쪽 그림은 함수 곡선 위에 지나간 점들과 각 점의 접선을, 오른쪽 그림은 걸음마다의 함숫값 f(a(n))을 그린다.
점이 그림 범위를 크게 벗어나면(a의 절댓값이 한계를 넘으면) 또는 값이 유한하지 않으면 발산으로 보고 그 자리에서 멈추며,
그림에 "발산"이라고 적는다.
"""

from __future__ import annotations

import numpy as np

from ..plotting import COLORS
from ..surfaces import Function1D, Parabola, Quartic, descent_path
from ..widgets import ChoiceParam, Explorer, FloatParam, IntParam


class Shelf(Function1D):
    """f(x) = ¾x⁴ − x³: x = 1에 최솟값(−¼)이 있고, x = 0에는 기울기가 0이지만 최솟값이 아닌 평평한 턱이 있다.

    f′(x) = 3x²(x − 1)이므로 x < 0에서 출발한 경사 하강법은 오른쪽으로 가다가 x = 0 근처에서 거의 멈춘다
    (f′이 x²에 비례해 작아지므로 걸음도 그만큼 작아진다).
    """

    domain = (-2.0, 2.0)
    minima = [1.0]
    flat_points = [0.0]

    def _value(self, x):
        return 0.75 * x ** 4 - x ** 3

    def _gradient(self, x):
        return 3.0 * x * x * (x - 1.0)

    def _second(self, x):
        return 9.0 * x * x - 6.0 * x

    def __repr__(self):
        return "Shelf()"


#: 함수 이름 → (그림 제목의 수식, 함수, a의 그림 범위, f의 그림 범위, 발산으로 볼 a의 절댓값 한계)
FUNCTIONS = {
    "parabola": (r"$f(a) = a^2$", Parabola(1.0), (-3.0, 3.0), (-0.6, 9.5), 4.5),
    "quartic": (r"$f(a) = (a^2-1)^2 + 0.3a$", Quartic(0.3), (-2.2, 2.2), (-0.7, 3.6), 3.0),
    "shelf": (r"$f(a) = \frac{3}{4}a^4 - a^3$", Shelf(), (-2.2, 2.2), (-0.6, 3.6), 3.0),
}

_TANGENT_LENGTH = 0.07  # 접선 조각의 반 길이 (그림 너비·높이를 1로 본 길이)
_TANGENTS_FIRST = 6     # 접선은 처음 몇 점과 마지막 점에만 긋는다 (최솟점 근처에서 겹치지 않게)


def gradient_descent_run(name: str, learning_rate: float, start: float, steps: int):
    """탐색기 한 상태의 경로: (점들, 함숫값들, 발산했는가).

    ``descent_path``로 걸은 뒤, a의 절댓값이 그 함수의 한계를 처음 넘는 곳에서 자른다. 잘렸거나 값이 유한하지
    않아 ``descent_path``가 멈췄으면 발산이다.
    """
    _, function, _, _, bound = FUNCTIONS[name]
    path = descent_path(function, float(start), learning_rate, steps, limit=1e12)
    points, values = np.asarray(path.points, float), np.asarray(path.values, float)
    outside = np.flatnonzero(np.abs(points) > bound)
    diverged = bool(path.diverged)
    if outside.size:
        cut = int(outside[0])
        points, values, diverged = points[:cut], values[:cut], True
    return points, values, diverged


def _tangent_segments(function, points, xlim, ylim):
    """처음 몇 점과 마지막 점의 접선 조각을 NaN으로 이어 붙인 (x, y). 조각의 길이는 그림 위에서 같게 한다."""
    if points.size > _TANGENTS_FIRST:
        points = np.append(points[:_TANGENTS_FIRST], points[-1])
    width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]
    f = np.asarray(function.value(points), float)
    slope = np.asarray(function.gradient(points), float)
    half = _TANGENT_LENGTH / np.sqrt((1.0 / width) ** 2 + (slope / height) ** 2)
    xs = np.column_stack([points - half, points + half, np.full_like(points, np.nan)]).ravel()
    ys = np.column_stack([f - half * slope, f + half * slope, np.full_like(points, np.nan)]).ravel()
    return xs, ys


def _where(name, a):
    """마지막 점이 어디쯤인지 한 마디로."""
    _, function, _, _, _ = FUNCTIONS[name]
    if abs(float(function.gradient(a))) > 1e-3:
        return "아직 움직이는 중"
    minima = list(function.minima)
    if any(abs(a - m) < 1e-2 for m in minima):
        return "전역 최솟값" if abs(a - minima[0]) < 1e-2 else "지역 최솟값"
    return "기울기가 거의 0인 평평한 곳 (최솟값이 아니다)"


def _setup(figure):
    ax_f, ax_v = figure.subplots(1, 2, width_ratios=[1.35, 1])
    ax_f.set_xlabel("$a$")
    ax_f.set_ylabel("$f(a)$")
    ax_v.set_xlabel("걸음 $n$")
    ax_v.set_ylabel("$f(a_n)$")
    return ax_f, ax_v


def _draw(canvas, values):
    ax_f, ax_v = canvas.axes
    name, eta, start, steps = values["function"], values["learning_rate"], values["start"], values["steps"]
    formula, function, xlim, ylim, bound = FUNCTIONS[name]
    points, fvals, diverged = gradient_descent_run(name, eta, start, steps)

    # 왼쪽: 함수 곡선, 최솟점, 접선, 경로
    grid = np.linspace(*xlim, 300)
    canvas.line("curve", ax_f, grid, function.value(grid), color="0.25", lw=2, zorder=1)
    minima = np.asarray(function.minima, float)
    canvas.line("minima", ax_f, minima, function.value(minima), ls="none", marker="v", ms=11,
                color=COLORS["accent"], zorder=2, label="최솟점")
    # 출발점이 곡선의 높은 곳에 있어도 보이도록 위쪽 범위만 경로에 맞춰 넓힌다.
    top = max(ylim[1], 1.08 * float(np.max(fvals)))
    tx, ty = _tangent_segments(function, points, xlim, (ylim[0], top))
    canvas.line("tangents", ax_f, tx, ty, color=COLORS["boundary"], lw=1.2, alpha=0.7, zorder=3, label="접선")
    canvas.line("path", ax_f, points, fvals, color="#ff7f0e", lw=1, marker="o", ms=5, zorder=4, label="$a_n$")
    canvas.line("start", ax_f, points[:1], fvals[:1], ls="none", marker="s", ms=9, color="black", zorder=5,
                label="출발점 $a_1$")
    canvas.line("end", ax_f, points[-1:], fvals[-1:], ls="none", marker="*", ms=16, color=COLORS["boundary"],
                markeredgecolor="black", zorder=6, label="마지막 점")
    if ax_f.get_legend() is None:
        ax_f.legend(loc="upper center", fontsize=10, ncol=3, framealpha=0.9)
    ax_f.set_xlim(*xlim)
    ax_f.set_ylim(ylim[0], top)
    canvas.title(ax_f, f"{formula},  $\\eta = {eta:g}$")

    last = float(points[-1])
    if diverged:
        status = f"발산: {len(points)}번째 걸음에서 |a|가 한계 {bound:g} 밖으로 나가 멈췄다"
    else:
        status = (f"{len(points) - 1}걸음 뒤 a = {last:.4f}, f(a) = {float(fvals[-1]):.4f}\n"
                  f"f′(a) = {float(function.gradient(last)):.2e} ({_where(name, last)})")
    canvas.text("diverged", ax_f, 0.5, 0.5, "발산" if diverged else "", transform=ax_f.transAxes, ha="center",
                va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85, zorder=10)

    # 오른쪽: 걸음마다의 f(a_n)과 전역 최솟값
    n = np.arange(len(fvals))
    f_min = float(function.value(function.minima[0]))
    canvas.line("values", ax_v, n, fvals, color="#ff7f0e", marker="o", ms=3, lw=1.5, label="$f(a_n)$")
    canvas.line("fmin", ax_v, [0, steps], [f_min, f_min], color=COLORS["accent"], ls="--", lw=1.2,
                label="전역 최솟값")
    if ax_v.get_legend() is None:
        ax_v.legend(loc="upper right", fontsize=10)
    low, high = min(f_min, float(np.min(fvals))), max(f_min, float(np.max(fvals)))
    pad = 0.08 * (high - low) if high > low else 0.5
    ax_v.set_xlim(-0.5, steps + 0.5)
    ax_v.set_ylim(low - pad, high + pad)
    canvas.title(ax_v, status, fontsize=10, color=COLORS["wrong"] if diverged else "black")


#: 5장의 경사 하강법 탐색기. 함수, 학습률 η, 출발점 a₁, 걸음 수를 바꾸면 곡선 위의 경로와 접선, 걸음마다의 함숫값이 바뀐다.
gradient_descent_explorer = Explorer(
    title="경사 하강법 탐색기: aₙ₊₁ = aₙ − η f′(aₙ)",
    params=(
        ChoiceParam("function", "함수", (("포물선 a²", "parabola"), ("골짜기 둘 (a²−1)²+0.3a", "quartic"),
                                        ("평평한 턱 ¾a⁴−a³", "shelf")), "quartic"),
        FloatParam("learning_rate", "학습률 η", 0.01, 1.2, 0.01, 0.03, grid=(0.01, 0.03, 0.1, 0.3, 0.5, 0.9, 1.1)),
        FloatParam("start", "출발점 a₁", -2.0, 2.0, 0.05, 1.6, grid=(-1.6, -0.5, 0.5, 1.6)),
        IntParam("steps", "걸음 수", 1, 60, 1, 40),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.4, 4.0),
    description="주황 점이 aₙ, 빨간 조각이 각 점의 접선, 파란 삼각형이 최솟점이다. 점이 범위를 크게 벗어나면 '발산'이라 적는다.",
)
