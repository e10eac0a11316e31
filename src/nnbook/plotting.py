"""그림 도우미: 한글 글꼴, 책의 그림 스타일, 결정 경계와 데이터 점 그리기."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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

