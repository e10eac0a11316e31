"""옵티마이저 탐색기: 옵티마이저, 학습률, 모멘텀(또는 β₁), 곡면, 걸음 수를 바꾸며 고른 옵티마이저의 경로를
같은 출발점에서 걸은 보통의 SGD(모멘텀 없는 경사 하강법)의 경로와 나란히 본다 (10장).

- 왼쪽: 곡면의 등고선 위에 두 경로. 경로는 ``nnbook.surfaces.optimizer_path``가 nnbook의 옵티마이저를 그대로
  돌려 얻는다 (장의 그림과 같은 함수다).
- 오른쪽: 걸음마다 최솟값과의 차이 f(pₙ) − f* (로그 눈금). 안장에는 최솟값이 없으므로 안장점에서 벗어난 거리 ``|y_n|``을 그린다.

그릇과 로젠브록 함수에서 점이 그림 범위보다 훨씬 멀리 나가거나 값이 유한하지 않으면 발산으로 보고 그 자리에서 멈추며,
고른 옵티마이저가 발산하면 그림 가운데에 "발산"이라고 크게 적는다 (SGD가 발산하면 제목에 적는다). 안장에서는 점이
그림 밖(``|y| > 2``)으로 나가는 것이 곧 안장을 벗어난 것이므로 그 걸음을 적는다.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..optimizers import SGD, Adagrad, Adam, RMSprop
from ..plotting import COLORS, power_of_ten_ticks
from ..surfaces import Quadratic, Rosenbrock, Saddle, optimizer_path
from ..widgets import ChoiceParam, Explorer, FloatParam, IntParam

# 곡면 이름 → (제목, 곡면, 출발점, 그림 범위 ((x0, x1), (y0, y1)), 등고선 높이, 오른쪽 그림의 세로 범위)
SURFACES = {
    "bowl": (r"좁은 그릇 $(x^2 + 10y^2)/2$", Quadratic(1.0, 10.0), (-2.5, 1.5), ((-3.0, 3.0), (-2.0, 2.0)),
             np.geomspace(0.03, 30.0, 7), (1e-10, 1e3)),
    "rosenbrock": (r"로젠브록 $(1-x)^2 + 100(y-x^2)^2$", Rosenbrock(), (-1.2, 1.0), ((-2.0, 2.0), (-1.0, 3.0)),
                   np.geomspace(0.5, 1500.0, 8), (1e-10, 1e5)),
    "saddle": (r"안장 $x^2 - y^2$", Saddle(), (-1.5, 0.001), ((-2.0, 2.0), (-2.0, 2.0)),
               np.linspace(-3.0, 3.0, 9), (1e-4, 1e1)),
}

# 옵티마이저 이름 → (그림에 보일 이름, 만드는 함수 (η, μ) → 옵티마이저, μ를 쓰는가)
OPTIMIZERS = {
    "momentum": ("모멘텀", lambda lr, mu: SGD(lr, momentum=mu), True),
    "nesterov": ("네스테로프", lambda lr, mu: SGD(lr, momentum=mu, nesterov=True), True),
    "adagrad": ("Adagrad", lambda lr, mu: Adagrad(lr), False),
    "rmsprop": ("RMSprop", lambda lr, mu: RMSprop(lr), False),
    "adam": ("Adam", lambda lr, mu: Adam(lr, beta_1=mu), True),
}

#: 그릇과 로젠브록에서 좌표의 절댓값이 이보다 커지면 발산으로 본다 (그림 범위의 몇 배).
DIVERGENCE_BOUND = 20.0
#: 안장에서 ``|y|``가 이보다 커지면 안장을 벗어났다고 보고 경로를 멈춘다 (그림의 가장자리).
SADDLE_ESCAPE = 2.0
_FLOOR = 1e-12  # 로그 눈금에 0을 그리지 않도록 둔 바닥

_CHOSEN_COLOR = "#ff7f0e"
_SGD_COLOR = COLORS["accent"]


def make_optimizer(name: str, learning_rate: float, momentum: float):
    """탐색기의 이름으로 nnbook 옵티마이저를 새로 만든다. ``"sgd"``는 모멘텀 없는 SGD다."""
    if name == "sgd":
        return SGD(learning_rate)
    return OPTIMIZERS[name][1](learning_rate, momentum)


@lru_cache(maxsize=512)
def optimizer_run(surface: str, name: str, learning_rate: float, momentum: float, steps: int):
    """탐색기 한 경로: (점들, 함숫값들, 결과). 결과는 ``"ok"``, ``"diverged"``(발산), ``"escaped"``(안장을 벗어남).

    ``optimizer_path``로 걸은 뒤, 그릇과 로젠브록에서는 좌표가 ``DIVERGENCE_BOUND``를 처음 넘는 곳에서 잘라 발산으로,
    안장에서는 ``|y|``가 ``SADDLE_ESCAPE``를 처음 넘는 곳까지(그 점을 포함해) 남기고 벗어남으로 본다.
    같은 인자는 다시 계산하지 않는다 (돌려준 배열은 읽기만 한다).
    """
    _, function, start, _, _, _ = SURFACES[surface]
    path = optimizer_path(function, make_optimizer(name, learning_rate, momentum), start, steps, limit=1e9)
    points, values = np.asarray(path.points, float), np.asarray(path.values, float)
    if surface == "saddle":
        outside = np.flatnonzero(np.abs(points[:, 1]) > SADDLE_ESCAPE)
        if outside.size:
            cut = int(outside[0]) + 1
            return points[:cut], values[:cut], "escaped"
        return points, values, ("diverged" if path.diverged else "ok")
    outside = np.flatnonzero(np.max(np.abs(points), axis=1) > DIVERGENCE_BOUND)
    if outside.size:
        cut = int(outside[0])
        return points[:cut], values[:cut], "diverged"
    return points, values, ("diverged" if path.diverged else "ok")


@lru_cache(maxsize=None)
def _contour_lines(surface: str):
    """곡면의 등고선을 NaN으로 이어 붙인 (x, y) 한 줄 (그림 요소 하나로 그리려고)."""
    import contourpy

    _, function, _, ((x0, x1), (y0, y1)), levels, _ = SURFACES[surface]
    X, Y = np.meshgrid(np.linspace(x0, x1, 161), np.linspace(y0, y1, 161))
    generator = contourpy.contour_generator(X, Y, function.value(X, Y))
    xs, ys = [], []
    for level in levels:
        for line in generator.lines(level):
            xs += [line[:, 0], [np.nan]]
            ys += [line[:, 1], [np.nan]]
    return np.concatenate(xs), np.concatenate(ys)


def _progress(surface: str, points, values):
    """오른쪽 그림의 값: 최솟값과의 차이 f − f*, 안장에서는 ``|y|``."""
    if surface == "saddle":
        return np.maximum(np.abs(points[:, 1]), _FLOOR)
    function = SURFACES[surface][1]
    f_min = float(function.value(function.global_minimum))
    return np.maximum(values - f_min, _FLOOR)


def _describe(label: str, surface: str, points, outcome: str) -> str:
    n = len(points) - 1
    if outcome == "diverged":
        return f"{label}: 발산 ({n + 1}번째 걸음)"
    if outcome == "escaped":
        return f"{label}: {n}걸음 만에 안장을 벗어남"
    x, y = np.round(points[-1], 2) + 0.0   # + 0.0: −0.00을 0.00으로 적는다
    return f"{label}: {n}걸음 뒤 ({x:.2f}, {y:.2f})"


def _setup(figure):
    ax_path, ax_curve = figure.subplots(1, 2, width_ratios=[1.25, 1])
    ax_path.set_xlabel("$x$")
    ax_path.set_ylabel("$y$")
    ax_path.grid(False)   # 등고선이 격자 노릇을 한다 (미리 그린 그림도 작아진다)
    ax_curve.set_xlabel("걸음 $n$")
    ax_curve.set_ylabel("$f(p_n) - f^*$ (로그 눈금)")
    ax_curve.set_yscale("log")
    power_of_ten_ticks(ax_curve.yaxis, 8)
    return ax_path, ax_curve


def _draw(canvas, values):
    ax_path, ax_curve = canvas.axes
    surface, name = values["surface"], values["optimizer"]
    eta, mu, steps = values["learning_rate"], values["momentum"], values["steps"]
    title, function, start, (xlim, ylim), _, curve_ylim = SURFACES[surface]
    label, _, uses_mu = OPTIMIZERS[name]
    if not uses_mu:
        mu = 0.9  # 이 옵티마이저는 μ를 쓰지 않는다: 같은 그림이 되도록 값을 하나로 모은다
    chosen = optimizer_run(surface, name, eta, mu, steps)
    plain = optimizer_run(surface, "sgd", eta, 0.0, steps)
    param = {"momentum": f", μ = {mu:g}", "nesterov": f", μ = {mu:g}", "adam": f", β₁ = {mu:g}"}.get(name, "")
    chosen_label = f"{label} (η = {eta:g}{param})"
    sgd_label = f"SGD (η = {eta:g})"

    # 왼쪽: 등고선, 최솟점(또는 안장점), 출발점, 두 경로
    cx, cy = _contour_lines(surface)
    canvas.line("contours", ax_path, cx, cy, color="0.72", lw=0.8, zorder=1)
    target = function.saddle_points[0] if surface == "saddle" else function.global_minimum
    canvas.line("target", ax_path, [target[0]], [target[1]], ls="none", marker="X" if surface == "saddle" else "*",
                ms=14, color="black", markerfacecolor="white", zorder=5)
    canvas.line("start", ax_path, [start[0]], [start[1]], ls="none", marker="s", ms=8, color="black", zorder=5)
    canvas.line("sgd", ax_path, plain[0][:, 0], plain[0][:, 1], color=_SGD_COLOR, lw=1.6, marker="o", ms=2.5,
                zorder=3)
    canvas.line("chosen", ax_path, chosen[0][:, 0], chosen[0][:, 1], color=_CHOSEN_COLOR, lw=1.8, marker="o", ms=2.5,
                zorder=4)
    ax_path.set_xlim(*xlim)
    ax_path.set_ylim(*ylim)
    canvas.title(ax_path, title, fontsize=11)
    canvas.text("diverged", ax_path, 0.5, 0.5, "발산" if chosen[2] == "diverged" else "", transform=ax_path.transAxes,
                ha="center", va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85, zorder=10)

    # 오른쪽: 걸음마다의 f − f* (안장은 |y|)
    sgd_curve = _progress(surface, plain[0], plain[1])
    chosen_curve = _progress(surface, chosen[0], chosen[1])
    canvas.line("sgd_curve", ax_curve, np.arange(len(sgd_curve)), sgd_curve, color=_SGD_COLOR, lw=1.6, label=sgd_label)
    canvas.line("chosen_curve", ax_curve, np.arange(len(chosen_curve)), chosen_curve, color=_CHOSEN_COLOR, lw=1.8,
                label=chosen_label)
    legend = ax_curve.get_legend()
    if legend is None:
        legend = ax_curve.legend(loc="lower left", fontsize=10, framealpha=0.9)
    for text, s in zip(legend.get_texts(), (sgd_label, chosen_label)):
        text.set_text(s)
    ax_curve.set_ylabel("안장점에서 벗어난 거리 $|y_n|$ (로그 눈금)" if surface == "saddle"
                        else "$f(p_n) - f^*$ (로그 눈금)")
    ax_curve.set_ylim(*curve_ylim)   # 곡면마다 고정한다 (축이 흔들리지 않고, 눈금을 다시 셀 일이 적다)
    ax_curve.set_xlim(-0.02 * steps, 1.02 * steps)
    status = "\n".join(_describe(lab, surface, run[0], run[2])
                       for lab, run in ((label, chosen), ("SGD", plain)))
    canvas.title(ax_curve, status, fontsize=10, color=COLORS["wrong"] if chosen[2] == "diverged" else "black")


#: 10장의 옵티마이저 탐색기. 옵티마이저, 학습률 η, 모멘텀 μ(Adam은 β₁), 곡면, 걸음 수를 바꾸면 같은 출발점에서
#: 걸은 고른 옵티마이저(주황)와 보통의 SGD(파랑)의 경로와 걸음마다의 진행이 바뀐다.
optimizer_explorer = Explorer(
    title="옵티마이저 탐색기: 고른 옵티마이저와 SGD의 경로",
    params=(
        ChoiceParam("optimizer", "옵티마이저", tuple((label, key) for key, (label, _, _) in OPTIMIZERS.items()),
                    "momentum"),
        FloatParam("learning_rate", "학습률 η", 0.001, 0.3, 0.001, 0.01, grid=(0.001, 0.01, 0.03, 0.1)),
        FloatParam("momentum", "모멘텀 μ / β₁", 0.0, 0.99, 0.01, 0.9, grid=(0.5, 0.9)),
        ChoiceParam("surface", "곡면", (("좁은 그릇", "bowl"), ("로젠브록", "rosenbrock"), ("안장", "saddle")), "bowl"),
        IntParam("steps", "걸음 수", 10, 300, 10, 150),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.0, 4.2),
    description="주황이 고른 옵티마이저, 파랑이 모멘텀 없는 SGD다. 같은 출발점(검은 네모)에서 같은 학습률로 걷는다. "
                "Adagrad와 RMSprop은 μ를 쓰지 않는다.",
)
