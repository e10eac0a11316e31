"""그림 도우미: 한글 글꼴, 책의 그림 스타일, 결정 경계와 데이터 점 그리기."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib import font_manager, ticker
from matplotlib import scale as mscale

#: 책 전체에서 쓰는 색. 0(또는 −1) 부류는 흰 점, 1 부류는 검은 점으로 그린다 (강의 그림과 같게).
COLORS = {
    "class0": "#ffffff",
    "class1": "#222222",
    "region0": "#dbe9f6",
    "region1": "#fde0c5",
    "boundary": "#d62728",
    "accent": "#1f77b4",
    "wrong": "#d62728",
}

_FONT_FAMILY = ["NanumGothic", "DejaVu Sans"]


def _nanum_font_dir() -> Path | None:
    # koreanize_matplotlib를 import하면 distutils(곧 사라질 모듈)를 쓰며 경고를 내므로,
    # 패키지 안의 글꼴 파일만 찾아 직접 등록한다.
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    return folder if folder.is_dir() else None


def use_korean_font() -> None:
    """NanumGothic을 등록하고 기본 글꼴로 쓴다. 없는 글자(−, ŷ 등)는 DejaVu Sans로 그린다.

    눈금의 음수는 수학의 빼기 기호(U+2212, NanumGothic에 없어 DejaVu Sans에서 온다)로 쓴다. 로그 축의 지수
    (10⁻¹)와 본문의 −도 같은 기호이므로, 모든 그림과 탐색기에서 빼기 기호가 같은 모양이 된다. (koreanize-matplotlib은
    NanumGothic에 이 글자가 없어 하이픈(-)을 쓰게 하지만, 여기서는 글꼴 목록의 DejaVu Sans가 그 글자를 그린다.)
    """
    registered = {f.name for f in font_manager.fontManager.ttflist}
    if "NanumGothic" not in registered:
        folder = _nanum_font_dir()
        if folder is None:
            raise RuntimeError(
                "한글 글꼴 NanumGothic을 찾을 수 없다. requirements.txt의 koreanize-matplotlib를 설치해야 한다."
            )
        for path in sorted(folder.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = _FONT_FAMILY
    matplotlib.rcParams["axes.unicode_minus"] = True


class _BookLogFormatter(ticker.LogFormatterSciNotation):
    """로그 눈금 10⁻¹을 수식 글꼴(DejaVu Sans)로 쓴다.

    matplotlib의 로그 눈금은 ``$\\mathdefault{10^{-1}}$``처럼 '기본 글꼴'로 지수를 쓰는데, 기본 글꼴인
    NanumGothic에는 수학의 빼기 기호(U+2212)가 없어 'Glyph missing' 경고가 난다.
    """

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace("\\mathdefault{", "{")


class _BookLogScale(mscale.LogScale):
    """책의 로그 축: 눈금 글자만 ``_BookLogFormatter``로 바꾼 matplotlib의 'log' 축."""

    def __init__(self, *, base=10, subs=None, nonpositive="clip"):
        super().__init__(None, base=base, subs=subs, nonpositive=nonpositive)

    def set_default_locators_and_formatters(self, axis):
        super().set_default_locators_and_formatters(axis)
        axis.set_major_formatter(_BookLogFormatter(self.base))
        axis.set_minor_formatter(_BookLogFormatter(self.base, labelOnlyBase=(self.subs is not None)))


def power_of_ten_ticks(axis, numticks: int) -> None:
    """로그 축(``ax.yaxis`` 등)에 10의 거듭제곱인 큰 눈금만 많아야 ``numticks``개 두고 책의 로그 눈금 글자로 적는다.

    탐색기처럼 자주 다시 그리는 그림에 쓴다. 작은 눈금은 자릿수마다 8개씩 생겨 그리는 시간을 크게 늘린다.
    """
    axis.set_major_locator(ticker.LogLocator(base=10, numticks=numticks))
    axis.set_minor_locator(ticker.NullLocator())
    axis.set_major_formatter(_BookLogFormatter(10))
    axis.set_minor_formatter(ticker.NullFormatter())


def use_book_style() -> None:
    """책의 그림 스타일: 한글 글꼴, 크기, 격자, 빼기 기호가 빠지지 않는 로그 축."""
    use_korean_font()
    mscale.register_scale(_BookLogScale)
    matplotlib.rcParams.update({
        "figure.figsize": (6.0, 4.0),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "mathtext.fontset": "dejavusans",
    })


def line_through_box(w1: float, w2: float, b: float, box=(-0.5, 1.5, -0.5, 1.5)):
    """직선 w1·x1 + w2·x2 + b = 0 위의 두 점을 상자 box = (x1최소, x1최대, x2최소, x2최대) 넓이로 돌려준다.

    w1 = w2 = 0이면 직선이 없으므로 빈 배열 두 개를 돌려준다.
    """
    x_lo, x_hi, y_lo, y_hi = box
    if w1 == 0 and w2 == 0:
        return np.array([]), np.array([])
    if abs(w2) >= abs(w1):
        xs = np.array([x_lo, x_hi])
        return xs, -(w1 * xs + b) / w2
    ys = np.array([y_lo, y_hi])
    return -(w2 * ys + b) / w1, ys


def plot_points(ax, X, y, *, size: float = 120, zorder: int = 3, **kwargs):
    """2차원 점을 부류에 따라 흰 점(0 또는 −1)과 검은 점(1)으로 그린다."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    positive = y > 0
    colors = np.where(positive, COLORS["class1"], COLORS["class0"])
    return ax.scatter(X[:, 0], X[:, 1], s=size, c=colors, edgecolors="black", linewidths=1.5,
                      zorder=zorder, **kwargs)


def plot_line(ax, w1: float, w2: float, b: float, box=None, **kwargs):
    """결정 경계 w1·x1 + w2·x2 + b = 0을 그린다."""
    if box is None:
        box = (*ax.get_xlim(), *ax.get_ylim())
    xs, ys = line_through_box(w1, w2, b, box)
    style = {"color": COLORS["boundary"], "lw": 2}
    style.update(kwargs)
    return ax.plot(xs, ys, **style)[0]


def decision_grid(predict, box=(-0.5, 1.5, -0.5, 1.5), resolution: int = 200):
    """상자 안 격자점마다 predict를 계산해 (resolution, resolution) 배열로 돌려준다 (행은 x2, 열은 x1)."""
    x_lo, x_hi, y_lo, y_hi = box
    g1, g2 = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    return np.asarray(predict(grid)).reshape(resolution, resolution)


def plot_regions(ax, predict, box=(-0.5, 1.5, -0.5, 1.5), resolution: int = 200, threshold: float = 0.5,
                 colors=None, alpha: float = 1.0):
    """predict(x) > threshold인 영역과 아닌 영역을 두 색으로 칠한다. AxesImage를 돌려준다."""
    from matplotlib.colors import ListedColormap

    values = decision_grid(predict, box, resolution) > threshold
    cmap = ListedColormap(colors or [COLORS["region0"], COLORS["region1"]])
    # aspect를 정하지 않으면 imshow가 축의 비율을 바꾼다: 축에 이미 정한 비율(setup_unit_square의 equal 등)을 따른다.
    image = ax.imshow(values.astype(float), origin="lower", extent=box, cmap=cmap, vmin=0, vmax=1,
                      interpolation="nearest", aspect=ax.get_aspect(), alpha=alpha, zorder=0)
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    return image


def setup_unit_square(ax, box=(-0.5, 1.5, -0.5, 1.5), xlabel="$x_1$", ylabel="$x_2$"):
    """게이트 그림의 축: 정사각형 비율, 0과 1 눈금."""
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def draw_network(ax, layers, *, edges=None, edge_labels=None, layer_titles=None, node_colors=None,
                 radius=0.25, gap_x=2.2, gap_y=1.1, label_pos=0.3, fontsize=13, edge_fontsize=11,
                 edge_color="0.35"):
    """신경망 그림: 층마다 노드 이름의 목록(layers)을 받아 노드와 화살표를 그리고 노드 위치를 돌려준다.

    이름이 ``"1"``인 노드는 늘 1을 내보내는 편향 노드로 보고 네모로 그린다.
    ``edges``는 [(층, i, j)] 목록이다: 층 l의 i번째 노드에서 층 l+1의 j번째 노드로 가는 연결.
    None이면 편향 노드로 들어가는 것을 뺀 모든 연결(밀집층)을 그린다.
    ``edge_labels``는 {(층, i, j): 글자}이고, 글자는 화살표의 ``label_pos`` 지점(출발점 쪽)에 적는다.
    돌려주는 값은 {(층, i): (x, y)}이다.
    """
    from matplotlib.patches import Circle, FancyArrowPatch, Rectangle

    pos = {}
    for l, nodes in enumerate(layers):
        for i, _ in enumerate(nodes):
            pos[(l, i)] = (l * gap_x, (len(nodes) - 1) / 2 * gap_y - i * gap_y)
    if edges is None:
        edges = [(l, i, j) for l in range(len(layers) - 1) for i in range(len(layers[l]))
                 for j, name in enumerate(layers[l + 1]) if name != "1"]
    for (l, i, j) in edges:
        (xa, ya), (xb, yb) = pos[(l, i)], pos[(l + 1, j)]
        d = np.hypot(xb - xa, yb - ya)
        ux, uy = (xb - xa) / d, (yb - ya) / d
        ax.add_patch(FancyArrowPatch((xa + radius * ux, ya + radius * uy), (xb - radius * ux, yb - radius * uy),
                                     arrowstyle="-|>", mutation_scale=12, color=edge_color, lw=1.2, zorder=1))
        if edge_labels and (l, i, j) in edge_labels:
            ax.text(xa + label_pos * (xb - xa), ya + label_pos * (yb - ya), edge_labels[(l, i, j)],
                    ha="center", va="center", fontsize=edge_fontsize, zorder=3,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    for (l, i), (x, y) in pos.items():
        name = layers[l][i]
        if name == "1":
            ax.add_patch(Rectangle((x - 0.8 * radius, y - 0.8 * radius), 1.6 * radius, 1.6 * radius,
                                   fc="#eeeeee", ec="black", lw=1.2, zorder=2))
        else:
            ax.add_patch(Circle((x, y), radius, fc=(node_colors or {}).get((l, i), "white"), ec="black",
                                lw=1.5, zorder=2))
        ax.text(x, y, name, ha="center", va="center", fontsize=fontsize, zorder=4)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    if layer_titles:
        for l, title in enumerate(layer_titles):
            ax.text(l * gap_x, min(ys) - 0.75 * gap_y, title, ha="center", va="center", fontsize=fontsize - 1)
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - (1.1 * gap_y if layer_titles else 0.6), max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return pos



# ---------------------------------------------------------------- 뉴런, 퍼셉트론, 논리 게이트 그림

def _arrow(ax, start, end, color="black", lw=1.5, mutation_scale=14, **kwargs):
    """start에서 end로 가는 화살표 하나."""
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=mutation_scale,
                                 color=color, lw=lw, shrinkA=0, shrinkB=0, **kwargs))


def _node(ax, xy, r, text="", fc="white", fontsize=13):
    """글자가 든 원(노드) 하나."""
    from matplotlib.patches import Circle

    ax.add_patch(Circle(xy, r, fc=fc, ec="black", lw=1.5, zorder=3))
    if text:
        ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def _step_icon(ax, center, width=0.9, height=0.6, low_label="0", high_label="1"):
    """활성화 함수 상자 안의 작은 계단 모양."""
    cx, cy = center
    x0, x1, lo, hi = cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2
    ax.plot([x0, x1], [lo, lo], color="0.75", lw=1, zorder=4)
    ax.plot([cx, cx], [lo - 0.08, hi + 0.08], color="0.75", lw=1, zorder=4)
    ax.plot([x0, cx, cx, x1], [lo, lo, hi, hi], color=COLORS["accent"], lw=2.2, zorder=5)
    ax.text(x0 - 0.05, lo, low_label, ha="right", va="center", fontsize=10, zorder=5)
    ax.text(x0 - 0.05, hi, high_label, ha="right", va="center", fontsize=10, zorder=5)


def draw_perceptron(ax, inputs, weights, bias=None, *, output="$y$", low_label="0", high_label="1",
                    act_label="계단 함수 $f$", sum_label="가중합 $s$"):
    """퍼셉트론 그림: 입력 노드, 가중치가 적힌 화살표, 가중합 Σ, 계단 함수 상자, 출력.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축. 축의 눈금은 지운다.
    inputs : list of str or None
        입력 노드에 적을 글자. ``None``은 생략 기호(⋮)로 그린다.
    weights : list of str
        입력마다 화살표 옆에 적을 가중치 글자(``inputs``와 길이가 같다).
    bias : tuple of (str, str), optional
        (노드 글자, 가중치 글자). 주면 값이 늘 1인 회색 입력 노드를 맨 위에 더 그린다.
    output : str
        출력 화살표 끝에 적을 글자.
    low_label, high_label : str
        계단 함수 그림의 낮은 값과 높은 값 (±1 퍼셉트론이면 "−1", "+1").
    act_label, sum_label : str
        활성화 함수 상자와 Σ 노드 밑에 적을 글자.
    """
    ax.set_xlim(0, 10.4)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    from matplotlib.patches import FancyBboxPatch

    rows = ([bias[0]] if bias else []) + list(inputs)
    labels = ([bias[1]] if bias else []) + list(weights)
    ys = np.linspace(5.3, 0.7, len(rows))
    center, radius = np.array([5.0, 3.0]), 0.85
    for k, (text, label, y) in enumerate(zip(rows, labels, ys)):
        if text is None:
            ax.text(0.9, y, r"$\vdots$", ha="center", va="center", fontsize=16)
            continue
        start_node = np.array([0.9, y])
        _node(ax, start_node, 0.42, text, fc="#e8e8e8" if (bias and k == 0) else "white")
        direction = (center - start_node) / np.linalg.norm(center - start_node)
        start, end = start_node + 0.42 * direction, center - radius * direction
        _arrow(ax, start, end)
        normal = np.array([-direction[1], direction[0]])          # 화살표의 왼쪽(위쪽)으로 비켜 적는다
        spot = start + 0.42 * (end - start) + 0.3 * normal
        ax.text(*spot, label, ha="center", va="center", fontsize=12, color=COLORS["boundary"])
    _node(ax, center, radius, r"$\Sigma$", fontsize=22)
    ax.text(center[0], center[1] - radius - 0.2, sum_label, ha="center", va="top", fontsize=11)
    ax.add_patch(FancyBboxPatch((6.45, 2.4), 1.6, 1.2, boxstyle="round,pad=0.05", fc="white", ec="black", lw=1.5))
    _step_icon(ax, (7.45, 3.0), width=0.7, low_label=low_label, high_label=high_label)
    ax.text(7.25, 2.2, act_label, ha="center", va="top", fontsize=11)
    _arrow(ax, center + [radius, 0], (6.4, 3.0))
    _arrow(ax, (8.1, 3.0), (9.1, 3.0))
    ax.text(9.2, 3.0, output, ha="left", va="center", fontsize=15)


def draw_neuron(ax):
    """생물의 뉴런을 단순하게 그린 그림: 가지돌기, 세포체, 축삭돌기, 축삭 말단과 시냅스.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축. 축의 눈금은 지운다.
    """
    from matplotlib.patches import Circle, FancyBboxPatch

    ax.set_xlim(0, 10.4)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    soma, body, edge = np.array([2.6, 3.2]), "#f6d7b0", "#8c5a2b"
    for angle in (115, 150, 180, 210, 245):                       # 가지돌기: 가지마다 두 갈래
        a = np.deg2rad(angle)
        p0 = soma + 0.75 * np.array([np.cos(a), np.sin(a)])
        p1 = soma + 1.9 * np.array([np.cos(a), np.sin(a)])
        ax.plot(*zip(p0, p1), color=edge, lw=3, solid_capstyle="round")
        for da in (-28, 28):
            b = np.deg2rad(angle + da)
            p2 = p1 + 0.55 * np.array([np.cos(b), np.sin(b)])
            ax.plot(*zip(p1, p2), color=edge, lw=2, solid_capstyle="round")
    ax.add_patch(Circle(soma, 0.85, fc=body, ec=edge, lw=2, zorder=3))
    ax.add_patch(Circle(soma, 0.3, fc="#c98b52", ec=edge, lw=1.5, zorder=4))
    ax.plot([3.45, 8.0], [3.2, 3.2], color=edge, lw=3, zorder=2)
    for x0 in (3.85, 4.95, 6.05, 7.15):                           # 축삭돌기를 감싼 마디
        ax.add_patch(FancyBboxPatch((x0, 2.98), 0.75, 0.44, boxstyle="round,pad=0.02,rounding_size=0.2",
                                    fc="#fbeedd", ec=edge, lw=1.5, zorder=3))
    for dy in (0.9, 0.0, -0.9):                                   # 축삭 말단
        end = (9.0, 3.2 + dy)
        ax.plot([8.0, end[0]], [3.2, end[1]], color=edge, lw=2)
        ax.add_patch(Circle(end, 0.16, fc=body, ec=edge, lw=1.5, zorder=3))
    ax.text(0.6, 5.75, "가지돌기\n(신호를 받는다)", ha="center", va="top", fontsize=10)
    ax.text(2.6, 2.1, "세포체\n(신호를 모은다)", ha="center", va="top", fontsize=10)
    ax.text(5.7, 3.65, "축삭돌기 (신호를 보낸다)", ha="center", va="bottom", fontsize=10)
    ax.text(9.2, 1.95, "축삭 말단과\n시냅스", ha="center", va="top", fontsize=10)
    _arrow(ax, (1.0, 0.45), (9.2, 0.45), color="0.4")
    ax.text(5.1, 0.6, "신호가 흐르는 방향", ha="center", va="bottom", fontsize=10, color="0.3")


def draw_logic_gate(ax, kind, *, origin=(0.0, 0.0), inputs=("$x_1$", "$x_2$"), output="$y$", scale=1.0):
    """회로도에서 쓰는 논리 게이트 기호(AND, OR, NAND, NOR, XOR)를 그린다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축. 축의 범위와 비율은 바꾸지 않는다(``set_aspect("equal")``로 두면 모양이 바르다).
    kind : {"AND", "OR", "NAND", "NOR", "XOR"}
        게이트의 종류.
    origin : tuple of float
        몸통의 왼쪽 아래 모서리. 몸통은 폭과 높이가 ``scale``인 상자에 들어간다.
    inputs : tuple of str
        두 입력선 왼쪽에 적을 글자. 빈 글자면 적지 않는다.
    output : str
        출력선 오른쪽에 적을 글자.
    scale : float
        몸통의 크기.

    Returns
    -------
    dict
        ``{"in": [(x, y), (x, y)], "out": (x, y)}``: 입력선과 출력선의 끝점(다른 게이트와 이을 때 쓴다).
    """
    from matplotlib.patches import Circle, Polygon

    kind = kind.upper()
    if kind not in ("AND", "OR", "NAND", "NOR", "XOR"):
        raise ValueError(f"논리 게이트 kind는 AND, OR, NAND, NOR, XOR 가운데 하나여야 하는데 {kind!r}이(가) 주어졌다.")
    ox, oy = origin

    def at(px, py):
        return ox + scale * px, oy + scale * py

    t = np.linspace(-np.pi / 2, np.pi / 2, 60)
    if kind in ("AND", "NAND"):
        arc = np.column_stack([0.5 + 0.5 * np.cos(t), 0.5 + 0.5 * np.sin(t)])
        body = np.vstack([[0, 0], arc, [0, 1]])
        back_x, tip = (lambda y: 0.0), 1.0
    else:
        u = np.linspace(0, 1, 60)[:, None]
        upper = (1 - u) ** 2 * np.array([0, 1]) + 2 * (1 - u) * u * np.array([0.75, 1.0]) + u ** 2 * np.array([1.15, 0.5])
        lower = (1 - u) ** 2 * np.array([1.15, 0.5]) + 2 * (1 - u) * u * np.array([0.75, 0.0]) + u ** 2 * np.array([0, 0])
        back_y = np.linspace(0, 1, 40)
        back = np.column_stack([0.22 * np.sin(np.pi * back_y), back_y])
        body = np.vstack([upper, lower, back])
        back_x, tip = (lambda y: 0.22 * np.sin(np.pi * y)), 1.15
    ax.add_patch(Polygon([at(*p) for p in body], closed=True, fc="white", ec="black", lw=2, zorder=2))
    if kind == "XOR":                                             # XOR는 뒤쪽에 곡선이 하나 더 있다
        curve = np.column_stack([0.22 * np.sin(np.pi * back_y) - 0.14, back_y])
        ax.plot(*zip(*[at(*p) for p in curve]), color="black", lw=2, zorder=2)
    ends = []
    for y, label in zip((0.75, 0.25), inputs):
        start = at(-0.45, y)
        ax.plot(*zip(start, at(back_x(y), y)), color="black", lw=2, zorder=1)
        ends.append(start)
        if label:
            ax.text(start[0] - 0.05 * scale, start[1], label, ha="right", va="center", fontsize=12)
    if kind in ("NAND", "NOR"):                                   # 출력을 뒤집는 작은 동그라미
        ax.add_patch(Circle(at(tip + 0.08, 0.5), 0.08 * scale, fc="white", ec="black", lw=2, zorder=3))
        tip += 0.16
    out_end = at(tip + 0.45, 0.5)
    ax.plot(*zip(at(tip, 0.5), out_end), color="black", lw=2, zorder=1)
    if output:
        ax.text(out_end[0] + 0.05 * scale, out_end[1], output, ha="left", va="center", fontsize=12)
    return {"in": ends, "out": out_end}


def draw_arrow(ax, start, end, *, color="black", lw=1.5, style="-|>", ls="-", rad=0.0, zorder=1,
               mutation_scale=13):
    """start에서 end로 가는 화살표 하나를 그린다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축.
    start, end : tuple of float
        화살표의 출발점과 도착점 (데이터 좌표).
    color, lw, style, ls : str, float, str, str
        화살표의 색, 굵기, 머리 모양, 선 모양.
    rad : float
        0이 아니면 그만큼 휘어진 화살표를 그린다.
    zorder, mutation_scale : float
        그리는 순서와 화살촉의 크기.

    Returns
    -------
    matplotlib.patches.FancyArrowPatch
    """
    from matplotlib.patches import FancyArrowPatch

    patch = FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=mutation_scale, color=color, lw=lw,
                            linestyle=ls, connectionstyle=f"arc3,rad={rad}", shrinkA=0, shrinkB=0, zorder=zorder)
    ax.add_patch(patch)
    return patch


def draw_error_box(ax, xy, text="오차", *, width=1.3, height=0.7, fontsize=11):
    """출력과 정답을 비교하는 둥근 '오차' 상자를 xy를 가운데로 그린다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축.
    xy : tuple of float
        상자의 가운데.
    text : str
        상자 안의 글자.
    width, height : float
        상자의 너비와 높이 (데이터 좌표).
    fontsize : float
        글자 크기.
    """
    from matplotlib.patches import FancyBboxPatch

    x, y = xy
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.08",
                                fc=COLORS["region1"], ec=COLORS["boundary"], lw=1.5, zorder=2))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3)


def draw_computational_graph(ax, nodes, edges, title=None, *, fontsize=12):
    """계산 그래프를 그린다: 검은 화살표는 순전파, 빨간 점선은 역전파, 빨간 글자는 그 단계의 편미분.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축.
    nodes : dict
        {이름: (x, y, 글자)}. 이름이 ``"E"``인 노드는 오차 노드로 보고 색을 칠한다.
    edges : list of tuple
        [(출발 이름, 도착 이름, 편미분 글자)]. 편미분 글자는 화살표 위에 적는다.
    title : str, optional
        축의 제목.
    fontsize : float
        노드 글자의 크기.
    """
    from matplotlib.patches import FancyBboxPatch

    red = COLORS["boundary"]
    for name, (x0, y0, text) in nodes.items():
        ax.add_patch(FancyBboxPatch((x0 - 0.42, y0 - 0.26), 0.84, 0.52, boxstyle="round,pad=0.06",
                                    fc=COLORS["region1"] if name == "E" else "white", ec="black", lw=1.3, zorder=2))
        ax.text(x0, y0, text, ha="center", va="center", fontsize=fontsize, zorder=3)
    for a, b, label in edges:
        (xa, ya, _), (xb, yb, _) = nodes[a], nodes[b]
        d = np.hypot(xb - xa, yb - ya)
        ux, uy = (xb - xa) / d, (yb - ya) / d
        s = 0.5 / max(abs(ux), 1e-9) if abs(uy) < 0.3 else 0.6
        draw_arrow(ax, (xa + s * ux, ya + s * uy + 0.07), (xb - s * ux, yb - s * uy + 0.07), lw=1.4)
        draw_arrow(ax, (xb - s * ux, yb - s * uy - 0.09), (xa + s * ux, ya + s * uy - 0.09), color=red, lw=1.2,
                   ls="--", mutation_scale=10)
        ax.text((xa + xb) / 2, (ya + yb) / 2 + 0.42, label, ha="center", va="center", fontsize=fontsize - 1,
                color=red)
    xs, ys = [v[0] for v in nodes.values()], [v[1] for v in nodes.values()]
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.55, max(ys) + 0.75)
    if title:
        ax.set_title(title, fontsize=12)
    ax.set_aspect("equal")
    ax.set_axis_off()


def weight_numbering(kernels):
    """가중치 번호 → (층, 출발 노드, 도착 노드). 층마다 도착 노드 순서로, 그 안에서 출발 노드 순서로 센다.

    입력 2개, 은닉 노드 2개라면 W1은 x1→h1, W2는 x2→h1, W3은 x1→h2, W4는 x2→h2이다
    (「자연어 처리 입문」 학습 노트의 번호).

    Parameters
    ----------
    kernels : list of array-like
        층마다의 가중치 행렬, 모양은 (입력 수, 노드 수).

    Returns
    -------
    dict
        {번호(1부터): (층, i, j)}.
    """
    numbering, k = {}, 1
    for l, kernel in enumerate(kernels):
        n_in, n_out = np.shape(kernel)
        for j in range(n_out):
            for i in range(n_in):
                numbering[k] = (l, i, j)
                k += 1
    return numbering


def draw_weight_network(ax, kernels, node_names, *, mode="names", inputs=None, targets=None, highlight=(),
                        backward=(), title="", radius=0.48, gap_x=3.4, gap_y=2.3, fontsize=11):
    """가중치에 번호나 값을 적은 밀집 신경망을 그리고, 고칠 가중치와 역전파의 길을 표시한다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축.
    kernels : list of array-like
        층마다의 가중치 행렬, 모양은 (입력 수, 노드 수). 번호는 :func:`weight_numbering`을 따른다.
    node_names : list of list of str
        층마다 노드에 적을 글자.
    mode : {"names", "values"}
        가중치에 :math:`W_k`를 적을지 값을 적을지.
    inputs, targets : array-like, optional
        입력 노드 왼쪽(파랑)과 출력 노드 오른쪽에 적을 입력값과 정답.
    highlight : iterable of int
        빨갛게 굵게 그릴 가중치의 번호 (나머지는 흐리게 그린다). 비어 있으면 모두 보통으로 그린다.
    backward : iterable of tuple
        [((층, i), (층, j))] 빨간 점선으로 그릴 역전파의 길 (노드에서 노드로). 있으면 오른쪽에
        출력을 모으는 :math:`E_{total}` 상자를 함께 그린다.
    title : str
        축의 제목.
    radius, gap_x, gap_y, fontsize : float
        노드의 반지름, 층 사이와 노드 사이의 간격, 글자 크기.

    Returns
    -------
    dict
        {(층, i): (x, y)} 노드의 위치.
    """
    red, blue = COLORS["boundary"], COLORS["accent"]
    pos = draw_network(ax, node_names, edges=[], radius=radius, gap_x=gap_x, gap_y=gap_y, fontsize=fontsize)
    hot = set(highlight)
    for k, (l, i, j) in weight_numbering(kernels).items():
        (xa, ya), (xb, yb) = pos[(l, i)], pos[(l + 1, j)]
        d = np.hypot(xb - xa, yb - ya)
        ux, uy = (xb - xa) / d, (yb - ya) / d
        strong = not hot or k in hot
        draw_arrow(ax, (xa + radius * ux, ya + radius * uy), (xb - radius * ux, yb - radius * uy),
                   color="0.3" if strong else "0.75", lw=1.6 if k in hot else 1.1)
        frac = 0.45 if i == j else 0.3
        text = minus_sign(f"{float(np.asarray(kernels[l])[i, j]):g}") if mode == "values" else f"$W_{{{k}}}$"
        ax.text(xa + frac * (xb - xa), ya + frac * (yb - ya), text, ha="center", va="center", fontsize=fontsize,
                color=red if (mode == "values" or k in hot) else "0.35", zorder=3,
                bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.95))
    if inputs is not None:
        for i, v in enumerate(np.ravel(inputs)):
            x0, y0 = pos[(0, i)]
            ax.text(x0 - radius - 0.15, y0, minus_sign(f"{v:g}"), ha="right", va="center", fontsize=fontsize + 1, color=blue)
    last = len(node_names) - 1
    if targets is not None:
        for j, v in enumerate(np.ravel(targets)):
            x0, y0 = pos[(last, j)]
            ax.text(x0 + radius + 0.15, y0, minus_sign(f"정답 {v:g}"), ha="left", va="center", fontsize=fontsize)
    backward = list(backward)
    if backward:
        outs = [pos[(last, j)] for j in range(len(node_names[last]))]
        ex = outs[0][0] + 2.0
        ey = float(np.mean([y for _, y in outs]))
        draw_error_box(ax, (ex, ey), "$E_{total}$", width=1.2, height=0.6)
        for x0, y0 in outs:
            draw_arrow(ax, (x0 + radius, y0 * 0.92), (ex - 0.6, ey + 0.12 * np.sign(y0 - ey)), lw=1.1, color="0.4")
        for a, b in backward:
            (xa, ya), (xb, yb) = pos[a], pos[b]
            d = np.hypot(xb - xa, yb - ya)
            ux, uy = (xb - xa) / d, (yb - ya) / d
            nx, ny = -uy * 0.16, ux * 0.16
            draw_arrow(ax, (xa + radius * ux + nx, ya + radius * uy + ny), (xb - radius * ux + nx, yb - radius * uy + ny),
                       color=red, lw=1.6, ls="--", zorder=2)
        ax.set_xlim(ax.get_xlim()[0], ex + 0.9)
    ax.set_title(title, fontsize=12)
    return pos


def tint(color, amount: float):
    """색을 흰색 쪽으로 섞은 RGB 튜플을 돌려준다.

    Parameters
    ----------
    color : str or tuple
        matplotlib이 아는 원래 색 (예: ``"#1f77b4"``).
    amount : float
        0이면 흰색, 1이면 원래 색이다.

    Returns
    -------
    tuple of float
        (빨강, 초록, 파랑), 각각 0과 1 사이.
    """
    from matplotlib.colors import to_rgb

    return tuple(1 - amount * (1 - c) for c in to_rgb(color))


def draw_matrix(ax, M, x: float = 0.0, y: float = 0.0, *, cell: float = 0.55, colors=None, cmap=None,
                vmax: float = 1.0, fmt: str = "{:.1f}", fontsize: float = 9, label=None, label_size: float = 11,
                alpha: float = 1.0, ls: str = "-", annotate: bool = True):
    """행렬 M을 칸 하나에 원소 하나씩 그린다. 왼쪽 위 모서리가 (x, y)이고 칸은 아래·오른쪽으로 쌓인다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축. 보통 ``ax.set_axis_off()``와 ``ax.set_aspect("equal")``을 함께 쓴다.
    M : array-like
        그릴 행렬 (1차원이면 행 하나로 그린다).
    x, y : float
        왼쪽 위 모서리의 자리.
    cell : float
        칸 한 변의 길이.
    colors : list of list, optional
        칸마다의 색 (M과 같은 모양). 주면 ``cmap``보다 먼저 쓴다.
    cmap : str, optional
        값으로 칠할 색 지도 이름. 값 ``v``를 ``-vmax``~``vmax``에 맞춰 칠하고, 값이 정확히 0인 칸은 흰색으로 둔다.
        색이 뜻하는 값은 ``matrix_colorbar``로 보인다.
    vmax : float
        색 지도의 양 끝이 뜻하는 값의 크기.
    fmt : str
        칸에 적는 값의 서식.
    fontsize : float
        칸 안 글자의 크기.
    label : str, optional
        행렬 위에 적을 이름.
    label_size : float
        이름 글자의 크기.
    alpha : float
        칸의 불투명도 (흐리게 그린 복사본 등에 쓴다).
    ls : str
        칸 테두리의 선 모양.
    annotate : bool
        칸 안에 값을 적을지.

    Returns
    -------
    tuple of float
        그린 (넓이, 높이).
    """
    from matplotlib import colormaps
    from matplotlib.patches import Rectangle

    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows, cols = M.shape
    colormap = colormaps[cmap] if cmap is not None else None
    for i in range(rows):
        for j in range(cols):
            if colors is not None:
                fc = colors[i][j]
            elif colormap is not None:
                fc = "white" if M[i, j] == 0 else colormap(0.5 + 0.5 * float(np.clip(M[i, j] / vmax, -1, 1)))
            else:
                fc = "white"
            ax.add_patch(Rectangle((x + j * cell, y - (i + 1) * cell), cell, cell, fc=fc, ec="0.25", lw=0.8,
                                   alpha=alpha, ls=ls))
            if annotate:
                ax.text(x + (j + 0.5) * cell, y - (i + 0.5) * cell, minus_sign(fmt.format(M[i, j])), ha="center",
                        va="center", fontsize=fontsize, alpha=max(alpha, 0.6))
    if label:
        ax.text(x + cols * cell / 2, y + 0.15, label, ha="center", va="bottom", fontsize=label_size)
    return cols * cell, rows * cell


def matrix_colorbar(ax, cmap: str = "RdBu_r", vmax: float = 1.0, label: str = "값", **kwargs):
    """``draw_matrix(cmap=…, vmax=…)``로 칠한 칸의 색이 어떤 값인지 보여 주는 색 막대를 ax 옆에 붙인다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        행렬을 그린 축.
    cmap : str
        ``draw_matrix``에 준 색 지도 이름.
    vmax : float
        ``draw_matrix``에 준 ``vmax``. 막대는 ``-vmax``부터 ``vmax``까지다 (그 밖의 값은 양 끝 색으로 칠했다).
    label : str
        막대의 이름.
    **kwargs
        ``Figure.colorbar``에 그대로 넘긴다 (예: ``shrink=0.6``).

    Returns
    -------
    matplotlib.colorbar.Colorbar
        붙인 색 막대.
    """
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    mappable = ScalarMappable(norm=Normalize(-vmax, vmax), cmap=cmap)
    kwargs.setdefault("extend", "both")
    return ax.figure.colorbar(mappable, ax=ax, label=label, **kwargs)


def draw_sigmoid_unit(ax, x, w, b, output, *, loss=None, target=None, title=None, loss_name="e"):
    """시그모이드 뉴런 하나의 그림: 입력 x와 편향 노드 1이 가중치 w와 편향 b로 노드에 들어가 출력 o를 낸다.

    노드 아래에는 가중합 ``z = wx + b``를, 오른쪽에는 출력과 (주면) 정답과 손실을 적는다.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        그릴 축.
    x, w, b : float
        입력, 가중치, 편향.
    output : float
        뉴런의 출력 ``o = σ(wx + b)``. 그림은 값을 계산하지 않고 받은 값을 적는다.
    loss : float, optional
        손실 값. 주면 출력 아래에 ``loss_name = …``으로 적는다.
    target : float, optional
        정답. 주면 출력 아래에 적는다.
    title : str, optional
        축의 제목.
    loss_name : str
        손실을 적을 때 쓸 이름(기본값 ``"e"``).

    Returns
    -------
    dict
        :func:`draw_network`가 돌려준 노드 위치.
    """
    from matplotlib.patches import FancyArrowPatch

    pos = draw_network(ax, [[f"${x:g}$", "1"], ["$\\sigma$"]], gap_x=2.6, gap_y=1.3, radius=0.32, label_pos=0.5,
                       edge_labels={(0, 0, 0): f"$w = {w:.4f}$", (0, 1, 0): f"$b = {b:.4f}$"})
    (x0, y0), (xn, yn) = pos[(0, 0)], pos[(1, 0)]
    ax.text(x0 - 0.45, y0, "입력 $x$", ha="right", va="center", fontsize=11)
    ax.text(xn, yn - 0.55, f"$z = wx + b = {w * x + b:.4f}$", ha="center", va="top", fontsize=11)
    ax.add_patch(FancyArrowPatch((xn + 0.32, yn), (xn + 1.3, yn), arrowstyle="-|>", mutation_scale=14, color="black"))
    lines = [f"$o = {output:.4f}$"]
    if target is not None:
        lines.append(f"정답 $y = {target:g}$")
    if loss is not None:
        lines.append(f"${loss_name} = {loss:.4f}$")
    ax.text(xn + 1.4, yn, "\n".join(lines), ha="left", va="center", fontsize=12)
    ax.set_xlim(x0 - 1.9, xn + 3.4)
    ax.set_ylim(yn - 1.5, y0 + 0.6)
    if title:
        ax.set_title(title)
    return pos


# ---------------------------------------------------------------- 본문 칸에서 읽히는 그림 글자

#: HTML 책의 본문 칸 너비 (px). 이보다 넓은 그림은 이 너비로 줄어 보인다.
COLUMN_PX = 688

#: 본문 칸에 보인 그림의 글자가 가져야 할 가장 작은 크기 (px).
MIN_TEXT_PX = 10.0

#: 그림 안의 글에서 빼기 기호로 쓰인 하이픈(-): 숫자 앞에 있고, 앞이 글의 처음이나 빈칸·여는 괄호·등호 같은
#: 기호이거나, 1e-3처럼 지수 표기의 e 뒤이거나, 'x - 1'처럼 빈칸 사이의 뺄셈이다. 4-8-8-3 같은 잇는 표(숫자나 글자
#: 바로 뒤)는 하이픈 그대로 둔다.
_HYPHEN_AS_MINUS = re.compile(r"(?:^|(?<=[\s(\[{=,:;<>/±~≈≤≥]))-(?=\.?\d)|(?<=\d[eE])-(?=\d)|(?<=\s)-(?=\s\.?\d)")


def text_px(size_pt: float, figure_width_px: float, dpi: float = 100.0, column_px: float = COLUMN_PX) -> float:
    """dpi로 그린 너비 ``figure_width_px``인 그림의 ``size_pt`` 글자가 본문 칸에서 보이는 크기 (px).

    그림은 제 크기(1 pt = dpi/72 px)로 보이되, 본문 칸보다 넓으면 칸 너비로 줄어 보인다.
    """
    return size_pt * dpi / 72 * min(1.0, column_px / figure_width_px)


def max_figure_width(fontsize: float = 10.0, dpi: float = 100.0, column_px: float = COLUMN_PX,
                     min_px: float = MIN_TEXT_PX) -> float:
    """fontsize pt 글자가 본문 칸에서 ``min_px`` 이상으로 보이는 가장 넓은 그림 너비 (인치).

    글자가 칸에서 제 크기로도 ``min_px``보다 작으면(10 px이면 7.2 pt 미만) 어떤 너비로도 안 되므로 0을 돌려준다.
    기본값이면 10 pt 글자(matplotlib의 눈금·축 이름·범례)에 9.55 인치다.
    """
    if fontsize * dpi / 72 < min_px:
        return 0.0
    return fontsize * column_px / 72 / min_px


@dataclass(frozen=True)
class IllegibleText:
    """본문 칸에서 읽기 어려운 그림 글자 하나.

    ``problem``은 "작다"(``shown_px``가 기준보다 작다)나 "하이픈"(빼기 기호 자리에 하이픈(-)을 썼다)이다.
    ``artist``는 그 글을 그린 matplotlib의 Text (눈금 글자, 범례, 표의 칸, 주석 모두 Text다).
    """

    text: str
    size_pt: float
    shown_px: float
    problem: str
    artist: Any = None

    def __str__(self):
        if self.problem == "하이픈":
            return f"{self.text!r}의 하이픈(-)은 빼기 기호(−)여야 한다"
        return f"{self.text!r} {self.size_pt:g} pt → {self.shown_px:.1f} px"


def _outside_math(s: str) -> str:
    """글에서 수식($…$) 부분을 뺀 나머지. 수식 안의 -는 matplotlib이 빼기 기호(−)로 그린다."""
    parts = re.split(r"(?<!\\)\$", s)
    if len(parts) % 2 == 0:                  # 짝이 맞지 않는 $: matplotlib도 수식으로 보지 않는다
        return s
    return " ".join(parts[0::2])


def minus_sign(text) -> str:
    """글 안에서 빼기 기호 자리에 쓴 하이픈(-)을 빼기 기호 −로 바꾼다 (수식 $…$ 안은 그대로).

    ``f"{x:.2f}"``처럼 음수를 글로 적으면 하이픈이 나온다. 그림의 눈금은 matplotlib이 −로 쓰므로, 손으로 적는 글도
    이것을 거치면 모든 그림에서 빼기 기호가 같은 모양이 된다. 예: ``minus_sign(f"b = {-1}")`` → ``'b = −1'``.
    글에 수식이 함께 있으면 matplotlib이 글 전체를 수식 글꼴 규칙으로 그려 수식 밖의 −(U+2212)가 NanumGothic에서
    빠지므로, 그때는 빼기 기호만 수식 ``$-$``로 적는다 (같은 DejaVu Sans의 −로 그려진다).
    """
    parts = re.split(r"((?<!\\)\$[^$]*(?<!\\)\$)", str(text))
    has_math = any(part.startswith("$") and len(part) > 1 for part in parts[1::2])
    sign = "$-$" if has_math else "\u2212"
    return "".join(part if i % 2 else _HYPHEN_AS_MINUS.sub(sign, part) for i, part in enumerate(parts))


def hyphen_minus(s: str, ismath: bool = True) -> bool:
    """글 s가 빼기 기호 자리에 하이픈(-)을 썼는지 (수식 $…$ 밖에서). 예: '-0.5', 'b = -1', '1e-3'."""
    return bool(_HYPHEN_AS_MINUS.search(_outside_math(s) if ismath else s))


def _text_recorder(found: list, dpi: float):
    """그리는 글마다 (글, pt, 수식인가, Text)를 found에 더하는 ``draw_text`` 대신의 함수."""

    def record(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        clip = gc.get_clip_rectangle()
        reach = prop.get_size_in_points() * dpi / 72
        if clip is not None and not clip.padded(reach).contains(x, y):
            return False                         # 잘라 내는 상자 밖: 보이지 않는다
        if gc.get_rgb()[3] == 0 or gc.get_alpha() == 0:
            return False
        found.append((s, prop.get_size_in_points(), bool(ismath), mtext))
        return True

    return record


def _drawn_texts(figure) -> list[tuple]:
    """figure를 그려 보며(픽셀은 칠하지 않는다) 실제로 그려지는 글마다 (글, pt, 수식인가, Text)를 모은다.

    Text를 찾아 돌아다니지 않고 그리는 순간을 기록하므로, 보이는 것만, 그린 그대로 잡힌다: 그 순간의 눈금 글자
    (그림마다 눈금 수가 다르다), 범례, 주석, 표의 칸, 색 막대, 축의 배율 글자(1e−3), 여러 줄 글의 줄마다.
    보이지 않게 한 것, 빈 글, 잘라 내는 상자(clip) 밖에 있는 것은 그려지지 않으므로 빠진다.
    """
    from matplotlib.backends.backend_agg import RendererAgg

    width, height = figure.bbox.size
    renderer = RendererAgg(max(int(width), 1), max(int(height), 1), figure.dpi)
    found = []
    record = _text_recorder(found, figure.dpi)

    def skip(*args, **kwargs):
        return None

    # matplotlib의 draw_without_rendering처럼 모든 draw_*를 건너뛰되, 글만 기록한다.
    for name in dir(renderer):
        if name.startswith("draw_") or name in ("open_group", "close_group"):
            setattr(renderer, name, skip)
    renderer.draw_text = record
    renderer.draw_tex = lambda gc, x, y, s, prop, angle, *, mtext=None: record(gc, x, y, s, prop, angle, False, mtext)
    figure.draw(renderer)
    return found


class _RecordingAggTexts:
    """이 블록 안에서 Agg가 실제로 그리는 글을 (그림은 그대로 그리면서) 기록한다.

    노트북의 그림 검사가 쓴다: PNG를 만드는 바로 그 그리기를 엿보므로 그림을 한 번 더 그리지 않는다.
    """

    def __init__(self, dpi: float):
        self.found = []
        self._dpi = dpi

    def __enter__(self):
        from matplotlib.backends.backend_agg import RendererAgg

        self._original = RendererAgg.draw_text
        record, original = _text_recorder(self.found, self._dpi), self._original

        def draw_text(renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            record(gc, x, y, s, prop, angle, ismath, mtext)
            return original(renderer, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

        RendererAgg.draw_text = draw_text
        return self

    def __exit__(self, *exc):
        from matplotlib.backends.backend_agg import RendererAgg

        RendererAgg.draw_text = self._original
        return False


def _judge(found, dpi: float, width_px: float, column_px: float, min_px: float) -> list:
    """기록한 글들 가운데 본문 칸에서 작게 보이는 것과 하이픈을 빼기 기호로 쓴 것."""
    problems = []
    for s, size, ismath, artist in found:
        if not s.strip():
            continue
        shown = text_px(size, width_px, dpi, column_px)
        if shown < min_px:
            problems.append(IllegibleText(s, size, shown, "작다", artist))
        if hyphen_minus(s, ismath):
            problems.append(IllegibleText(s, size, shown, "하이픈", artist))
    return problems


def illegible_texts(figure, column_px: float = COLUMN_PX, min_px: float = MIN_TEXT_PX,
                    width_px: float | None = None) -> list[IllegibleText]:
    """figure를 HTML 책의 본문 칸(``column_px``)에 보였을 때 읽기 어려운 글자들을 돌려준다 (없으면 빈 목록).

    - "작다": 본문 칸에서 ``min_px``보다 작게 보이는 글. 그림은 figure.dpi로 PNG가 되고, 본문 칸보다 넓으면 칸
      너비로 줄어 보이므로 s pt 글자는 ``s·dpi/72·min(1, column_px/width_px)`` px로 보인다. ``width_px``는 PNG의
      실제 너비(노트북이 ``bbox_inches="tight"``로 자른 너비)이고, 주지 않으면 그림 너비(figsize × dpi)를 쓴다.
    - "하이픈": 숫자 앞의 빼기 기호를 하이픈(-)으로 쓴 글 (``f"{x}"``로 음수를 적으면 생긴다). 눈금 글자는
      matplotlib이 빼기 기호(−)로 쓰고 수식($…$) 안의 -도 빼기 기호로 그려지므로, 걸리는 것은 손으로 적은 글이다.

    눈금 글자, 축 이름, 제목, 범례, 주석, 표의 칸, 색 막대까지 그림이 실제로 그리는 모든 글을 본다
    (그림을 한 번 그려 본다. 픽셀은 칠하지 않는다).
    """
    if width_px is None:
        width_px = figure.bbox.width
    return _judge(_drawn_texts(figure), figure.dpi, width_px, column_px, min_px)


def legibility_report(problems, width_px: float, dpi: float = 100.0, column_px: float = COLUMN_PX,
                      min_px: float = MIN_TEXT_PX) -> str:
    """``illegible_texts``가 찾은 것을 고칠 방법과 함께 한 줄의 한국어로 적는다 (없으면 빈 글)."""
    small = sorted((p for p in problems if p.problem == "작다"), key=lambda p: p.shown_px)
    hyphens = [p for p in problems if p.problem == "하이픈"]
    parts = []
    if small:
        examples = ", ".join(str(p) for p in small[:3]) + (f" 외 {len(small) - 3}개" if len(small) > 3 else "")
        smallest = small[0].size_pt
        widest = max_figure_width(smallest, dpi, column_px, min_px)
        fix = (f"figsize의 너비를 {widest * dpi / width_px:.2f}배 이하로 줄이거나 글자를 키운다" if widest > 0
               else f"글자를 {min_px * 72 / dpi:.1f} pt 이상으로 키운다")
        parts.append(f"본문 칸({column_px} px)에서 {min_px:g} px보다 작게 보이는 글자 {len(small)}개 "
                     f"(그림 너비 {width_px:.0f} px): {examples}; {fix}")
    if hyphens:
        texts = ", ".join(repr(p.text) for p in hyphens[:3]) + (f" 외 {len(hyphens) - 3}개" if len(hyphens) > 3 else "")
        parts.append(f"빼기 기호 자리에 하이픈(-)을 쓴 글 {len(hyphens)}개: {texts}; "
                     "−(U+2212)나 수식($-1$)으로 쓴다")
    return ("그림 글자 검사: " + " / ".join(parts)) if parts else ""


# ---------------------------------------------------------------- 노트북이 보이는 모든 그림을 검사하기

_CHECKED = "_nnbook_checks_legibility"


def _shown_width(data, figure) -> float:
    """그림 형식 함수가 돌려준 것에서 그림이 화면에 보이는 너비(px)를 읽는다 (PNG는 머리의 IHDR에서)."""
    import base64

    metadata = {}
    if isinstance(data, tuple):                          # retina: (데이터, {"width": 화면 너비, …})
        data, metadata = data[0], (data[1] or {})
    if metadata.get("width"):
        return float(metadata["width"])
    if isinstance(data, str):
        try:
            data = base64.b64decode(data[:44])
        except ValueError:
            return figure.bbox.width
    if isinstance(data, bytes) and data[:8] == b"\x89PNG\r\n\x1a\n":
        return float(int.from_bytes(data[16:20], "big"))
    return figure.bbox.width


def _checking(format_figure):
    """그림 형식 함수(그림 → PNG)를 감싸, 그림을 만든 뒤 글자를 검사하고 문제가 있으면 stderr에 한 줄 적는다."""

    def format_and_check(figure, *args, **kwargs):
        with _RecordingAggTexts(figure.dpi) as drawn:
            data = format_figure(figure, *args, **kwargs)
        try:
            width = _shown_width(data, figure)
            if drawn.found:                              # PNG를 만든 Agg의 그리기에서 기록한 글
                problems = _judge(drawn.found, figure.dpi, width, COLUMN_PX, MIN_TEXT_PX)
            else:                                        # Agg가 아닌 형식(SVG 등): 따로 그려 본다
                problems = illegible_texts(figure, width_px=width)
            report = legibility_report(problems, width, figure.dpi)
        except Exception as exc:  # 검사가 그림을 막지는 않되, 못 한 것은 알린다
            report = f"그림 글자 검사: 검사하지 못했다 ({type(exc).__name__}: {exc})"
        if report:
            print(report, file=sys.stderr)
        return data

    setattr(format_and_check, _CHECKED, True)
    format_and_check.__wrapped__ = format_figure
    return format_and_check


def _wrap_figure_formatter(shell) -> bool:
    """IPython이 Figure를 그림으로 바꾸는 형식 함수(PNG가 먼저)를 검사하는 것으로 감싼다. 이미 감쌌으면 그대로."""
    from matplotlib.figure import Figure

    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        formatter = shell.display_formatter.formatters.get(mime)
        if formatter is None:
            continue
        try:
            current = formatter.lookup_by_type(Figure)
        except KeyError:
            continue
        if not getattr(current, _CHECKED, False):
            formatter.for_type(Figure, _checking(current))
        return True
    return False


def _recheck_formatter(*args) -> None:
    """셀을 실행하기 전마다: ``%matplotlib inline`` 등이 형식 함수를 새로 등록했으면 다시 감싼다."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        _wrap_figure_formatter(shell)


def install_figure_check(shell=None) -> bool:
    """노트북이 보이는 모든 그림을 ``illegible_texts``로 검사하게 한다 (``setup_notebook``이 부른다).

    그림이 본문 칸(688 px)에서 10 px보다 작게 보이는 글자나 빼기 기호 자리의 하이픈(-)을 가지면, 그림은 그대로
    보이고 stderr에 고칠 방법을 담은 한 줄이 나온다. 저장된 출력에 없던 stderr이므로 nbval이 그 셀을 실패로
    알리고, 책 빌드는 stderr 출력을 경고로 보아(-W) 실패한다. 문제없는 그림의 출력은 조금도 바뀌지 않는다.
    IPython 밖(스크립트, 테스트)에서는 아무것도 하지 않고 False를 돌려준다.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    import matplotlib.pyplot  # noqa: F401  인라인 백엔드가 그림 형식 함수를 먼저 등록하게 한다

    wrapped = _wrap_figure_formatter(shell)
    if _recheck_formatter not in shell.events.callbacks["pre_run_cell"]:
        shell.events.register("pre_run_cell", _recheck_formatter)
    return wrapped
