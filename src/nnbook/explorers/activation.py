"""활성화 함수 탐색기: 함수, 가파르기 a, 리키 렐루의 α를 바꾸며 f와 그 도함수 f′를 본다 (3장).

가파르기 a는 001 강의 활성화 함수 표의 a이다. 시그모이드는 ``Sigmoid(a)``, 곧 σ(a·x)를 그대로 쓴다.
다른 함수에도 같은 뜻이 되도록 입력을 a배 한다. 그리는 함수는 g(x) = f(a·x)이고, 연쇄 법칙에 따라
도함수는 g′(x) = a·f′(a·x)이다 (시그모이드에서는 ``Sigmoid(a).derivative``가 바로 이 값이다).
그래서 a를 키우면 함수가 가로로 좁아지며 가팔라지고, 도함수는 a배 높아진다.
"""

from __future__ import annotations

import numpy as np

from ..activations import LeakyReLU, ReLU, Sigmoid, Softplus, Step, Tanh
from ..plotting import COLORS
from ..widgets import ChoiceParam, Explorer, FloatParam

#: 그리는 구간 [−6, 6]. 간격 0.01이라 x = 0이 정확히 격자점이다.
X_GRID = np.linspace(-6.0, 6.0, 1201)

_FUNCTION_OPTIONS = (
    ("계단 함수", "step"),
    ("시그모이드", "sigmoid"),
    ("하이퍼볼릭 탄젠트", "tanh"),
    ("렐루", "relu"),
    ("리키 렐루", "leaky_relu"),
    ("소프트플러스", "softplus"),
)

# 제목에 쓰는 식 (matplotlib 수식). {a}와 {alpha}는 값으로 바뀐다.
_FORMULAS = {
    "step": (r"$f(ax) = 1\ (ax > 0),\ 0\ (ax \leq 0)$", r"$f\,'(x) = 0\ (x \neq 0)$"),
    "sigmoid": (r"$\sigma(ax) = 1/(1 + e^{-ax})$", r"$a\,\sigma(ax)\,(1 - \sigma(ax))$"),
    "tanh": (r"$\tanh(ax)$", r"$a\,(1 - \tanh^2(ax))$"),
    "relu": (r"$\max(0,\ ax)$", r"$a\ (x > 0),\ 0\ (x < 0)$"),
    "leaky_relu": (r"$ax\ (x > 0),\ \alpha a x\ (x \leq 0)$", r"$a\ (x > 0),\ \alpha a\ (x \leq 0)$"),
    "softplus": (r"$\log(1 + e^{ax})$", r"$a\,\sigma(ax)$"),
}


def scaled_activation(function: str, a: float = 1.0, alpha: float = 0.1, x=X_GRID):
    """g(x) = f(a·x)와 g′(x) = a·f′(a·x)를 돌려준다. 시그모이드는 ``Sigmoid(a)``를 쓴다 (같은 값이다)."""
    x = np.asarray(x, dtype=np.float64)
    if function == "sigmoid":
        unit = Sigmoid(a)
        return unit(x), unit.derivative(x)
    units = {"step": Step(), "tanh": Tanh(), "relu": ReLU(), "leaky_relu": LeakyReLU(alpha), "softplus": Softplus()}
    if function not in units:
        valid = ", ".join(value for _, value in _FUNCTION_OPTIONS)
        raise ValueError(f"알 수 없는 활성화 함수 이름 {function!r}이다. 쓸 수 있는 이름: {valid}.")
    unit = units[function]
    return unit(a * x), a * unit.derivative(a * x)


def derivative_maximum(function: str, a: float, alpha: float, x, dfx):
    """f′의 최댓값과 그 값을 내는 x들의 표시(mask), 그림에 적을 설명 한 줄을 돌려준다."""
    peak = float(np.max(dfx))
    mask = dfx >= peak - 1e-12
    where = float(x[np.argmax(dfx)])
    if function == "step":
        note = "f′ = 0 (x ≠ 0), x = 0에서는 미분할 수 없다: 학습 신호가 없다"
    elif function == "sigmoid":
        note = f"f′의 최댓값 {peak:.4f} (x = {where:.2f}),  이론값 a/4 = {a / 4:.4f}"
    elif function == "tanh":
        note = f"f′의 최댓값 {peak:.4f} (x = {where:.2f}),  이론값 a = {a:.4f}"
    elif function == "relu":
        note = f"f′의 최댓값 {peak:.4f} (x > 0 전체),  x < 0에서는 0"
    elif function == "leaky_relu":
        if alpha <= 1:
            note = f"f′의 최댓값 {peak:.4f} (x > 0 전체),  x ≤ 0에서는 αa = {alpha * a:.4f}"
        else:
            note = f"f′의 최댓값 {peak:.4f} (x ≤ 0 전체, α > 1),  x > 0에서는 a = {a:.4f}"
    else:  # softplus
        note = f"구간 안의 최댓값 {peak:.4f} (x = {where:.2f}),  $x \\to \\infty$이면 a = {a:.4f}에 다가간다"
    return peak, mask, note


def _setup(figure):
    ax_f, ax_df = figure.subplots(1, 2)
    for ax in (ax_f, ax_df):
        ax.set_xlim(X_GRID[0] - 0.25, X_GRID[-1] + 0.25)  # 끝점(x = ±6)의 표시가 잘리지 않게
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        ax.set_xlabel("입력 $x$")
    ax_f.set_ylabel("$f(ax)$")
    ax_df.set_ylabel("$a\\,f\\,'(ax)$")
    return ax_f, ax_df


def _limits(values, low_floor, high_floor, top_room=0.08):
    """값이 모두 보이는 세로 범위. top_room은 위쪽에 남길 여백의 비율이다 (설명 글자가 들어갈 자리)."""
    lo = min(float(np.min(values)), low_floor)
    hi = max(float(np.max(values)), high_floor)
    span = hi - lo
    return lo - 0.08 * span, hi + top_room * span


def _draw(canvas, values):
    ax_f, ax_df = canvas.axes
    function, a, alpha = values["function"], values["a"], values["alpha"]
    fx, dfx = scaled_activation(function, a, alpha)
    peak, mask, note = derivative_maximum(function, a, alpha, X_GRID, dfx)

    canvas.line("f", ax_f, X_GRID, fx, color=COLORS["accent"], lw=2.2)
    canvas.line("df", ax_df, X_GRID, dfx, color=COLORS["boundary"], lw=2.2)
    # 최댓값을 내는 곳: 한 점이면 점으로, 구간이면 굵은 띠로 표시한다 (그림 요소는 늘 둘 다 두고 데이터만 바꾼다).
    single = int(mask.sum()) == 1
    point_x = X_GRID[mask] if single else np.array([])
    span_x = np.array([]) if single or function == "step" else X_GRID[mask]
    canvas.line("max_point", ax_df, point_x, np.full(point_x.shape, peak), ls="none", marker="o", ms=9,
                mfc="white", mec="black", mew=2, zorder=5)
    canvas.line("max_span", ax_df, span_x, np.full(span_x.shape, peak), color="#ff7f0e", lw=7, alpha=0.45,
                solid_capstyle="butt", zorder=4)
    canvas.text("note", ax_df, 0.02, 0.97, note, transform=ax_df.transAxes, va="top", fontsize=10,
                zorder=6, bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="0.7", alpha=0.95))

    ax_f.set_ylim(*_limits(fx, -0.1 if function in ("step", "sigmoid") else -1.0, 1.0))
    ax_df.set_ylim(*_limits(dfx, 0.0, 0.3, top_room=0.3))
    name = dict((value, label) for label, value in _FUNCTION_OPTIONS)[function]
    f_formula, df_formula = _FORMULAS[function]
    suffix = f", $\\alpha$ = {alpha:.2f}" if function == "leaky_relu" else ""
    canvas.title(ax_f, f"{name}: {f_formula}\n$a$ = {a:.2f}{suffix}", fontsize=11)
    canvas.title(ax_df, f"도함수: {df_formula}", fontsize=11)


#: 3장의 활성화 함수 탐색기. 함수와 가파르기 a(와 리키 렐루의 α)를 바꾸면 f(a·x)와 도함수 a·f′(a·x), f′의 최댓값이 바뀐다.
activation_explorer = Explorer(
    title="활성화 함수 탐색기: 함수와 가파르기 a로 f와 f′ 바꾸기",
    params=(
        ChoiceParam("function", "활성화 함수", _FUNCTION_OPTIONS, "sigmoid"),
        FloatParam("a", "가파르기 a", 0.2, 5.0, 0.1, 1.0, grid=(0.5, 1.0, 2.0, 5.0)),
        FloatParam("alpha", "리키 렐루 α", 0.0, 1.0, 0.01, 0.1, grid=(0.0, 0.1, 0.5)),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.4, 3.8),
    description=("왼쪽은 f(a·x), 오른쪽은 그 도함수 a·f′(a·x)이다. 흰 점(한 점일 때)이나 주황 띠(구간일 때)가 "
                 "도함수의 최댓값을 내는 곳이다. 시그모이드는 Sigmoid(a)와 같다."),
)
