"""그림 도우미: 한글 글꼴, 책의 그림 스타일, 결정 경계와 데이터 점 그리기."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib import font_manager

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
    """NanumGothic을 등록하고 기본 글꼴로 쓴다. 없는 글자(−, ŷ 등)는 DejaVu Sans로 그린다."""
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
    matplotlib.rcParams["axes.unicode_minus"] = False


def use_book_style() -> None:
    """책의 그림 스타일: 한글 글꼴, 크기, 격자."""
    use_korean_font()
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
