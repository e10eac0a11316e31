"""탐색기(explorer): 매개변수를 바꾸며 그림이 어떻게 변하는지 보는 도구를 한 번만 선언한다.

탐색기는 두 가지로 이루어진 **데이터**다.

1. 매개변수 목록: ``FloatParam``/``IntParam``/``ChoiceParam`` (이름, 한국어 이름표, 범위나 선택지, 기본값).
2. 상태 하나를 그리는 함수 ``draw(canvas, values)``: ``values``는 {매개변수 이름: 값} 사전이다.

같은 선언에서 다음이 나온다.

- ``explorer.show_static()``: 기본 상태의 정지 그림 (HTML 책에 실리는 그림).
- ``explorer.live()``: Jupyter에서 쓰는 ipywidgets 조작기. 슬라이더를 움직이면 같은 ``draw``가
  다시 불리는데, ``canvas``의 도우미(``line``, ``image``, ``text`` …)가 처음에는 그림 요소(artist)를
  만들고 그다음부터는 그 요소의 데이터만 바꾼다. 그래서 그림을 처음부터 다시 그리지 않는다.
  상태를 요약하는 글(``canvas.caption``)은 정지 그림에서는 그림 안에, 조작기와 HTML 책에서는 그림 위의 글로 보인다.

- HTML 책의 탐색기: 매개변수마다 선언한 격자(``grid``, 책이 미리 계산할 값들)의 모든 상태를 같은 ``draw``로
  그려 둔 그림(frame)들과, 그 그림을 바꿔 보이는 슬라이더·선택지. 커널도 인터넷도 없이 움직인다
  (``nnbook.frames``가 그림을 만들고, 책의 Sphinx 확장 ``_ext/html_explorers.py``가 쪽에 싣는다).

``draw``는 ipywidgets를 전혀 모르므로, 세 출력이 모두 같은 선언과 같은 ``draw``에서 나온다.
"""

from __future__ import annotations

import html
import io
import itertools
import struct
import traceback
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font
from PIL import Image

from ._checks import unknown_name_error
from .plotting import minus_sign


# 매개변수 선언 --------------------------------------------------------------
@dataclass(frozen=True)
class FloatParam:
    """실수 슬라이더. retrains=True이면 값이 바뀔 때 다시 학습하므로 슬라이더를 놓을 때만 갱신한다."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    retrains: bool = False
    #: HTML 책이 미리 그려 둘 값들. 비워 두면 기본값 하나만 그린다 (HTML 쪽에서는 고정된 매개변수가 된다).
    grid: tuple = ()

    def __post_init__(self):
        _check_grid(self)

    def grid_values(self) -> tuple:
        """HTML 책이 미리 그릴 값들 (기본값이 반드시 들어 있다)."""
        return tuple(self.grid) or (self.default,)

    def validate(self, value) -> float:
        """값이 범위 안의 실수인지 검사해 돌려준다."""
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"{self.label}({self.name})은(는) 실수여야 하는데 {value!r}이(가) 주어졌다.")
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.label}({self.name})은(는) {self.min}~{self.max} 범위여야 하는데 {value}이(가) 주어졌다.")
        return float(value)


@dataclass(frozen=True)
class IntParam:
    """정수 슬라이더."""

    name: str
    label: str
    min: int
    max: int
    step: int
    default: int
    retrains: bool = False
    #: HTML 책이 미리 그려 둘 값들. 비워 두면 기본값 하나만 그린다.
    grid: tuple = ()

    def __post_init__(self):
        _check_grid(self)

    def grid_values(self) -> tuple:
        """HTML 책이 미리 그릴 값들 (기본값이 반드시 들어 있다)."""
        return tuple(self.grid) or (self.default,)

    def validate(self, value) -> int:
        """값이 범위 안의 정수인지 검사해 돌려준다."""
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{self.label}({self.name})은(는) 정수여야 하는데 {value!r}이(가) 주어졌다.")
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.label}({self.name})은(는) {self.min}~{self.max} 범위여야 하는데 {value}이(가) 주어졌다.")
        return int(value)


@dataclass(frozen=True)
class ChoiceParam:
    """선택지. options는 (화면에 보일 이름, 값) 쌍의 튜플이다."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    default: Any
    retrains: bool = False
    #: HTML 책이 미리 그려 둘 선택지의 값들. None이면 모든 선택지를 그린다.
    grid: tuple | None = None

    def __post_init__(self):
        if self.default not in self.values():
            raise ValueError(f"{self.name}의 기본값 {self.default!r}이(가) 선택지 {self.values()}에 없다.")
        _check_grid(self)

    def grid_values(self) -> tuple:
        """HTML 책이 미리 그릴 값들 (선택지의 순서대로)."""
        if self.grid is None:
            return tuple(self.values())
        return tuple(v for v in self.values() if v in self.grid)

    def value_label(self, value) -> str:
        """값을 화면에 보일 이름."""
        return dict((v, k) for k, v in self.options)[value]

    def values(self) -> list:
        """선택지의 값들."""
        return [value for _, value in self.options]

    def validate(self, value):
        """값이 선택지 가운데 하나인지 검사해 돌려준다."""
        if value not in self.values():
            raise ValueError(
                f"{self.label}({self.name})은(는) {', '.join(repr(v) for v in self.values())} 중 하나여야 하는데 "
                f"{value!r}이(가) 주어졌다."
            )
        return value


Param = FloatParam | IntParam | ChoiceParam


def _check_grid(p) -> None:
    """격자의 값이 모두 올바른 값이고, 겹치지 않고, 기본값을 품는지 검사한다."""
    if p.grid is None or p.grid == ():
        return
    grid = tuple(p.grid)
    for value in grid:
        p.validate(value)
    if len(set(grid)) != len(grid):
        raise ValueError(f"{p.label}({p.name})의 격자 {grid}에 같은 값이 두 번 있다.")
    if p.default not in grid:
        raise ValueError(f"{p.label}({p.name})의 격자 {grid}에 기본값 {p.default!r}이(가) 없다: "
                         "정지 그림과 HTML 탐색기의 첫 상태는 격자 위에 있어야 한다.")
    if not isinstance(p, ChoiceParam) and list(grid) != sorted(grid):
        raise ValueError(f"{p.label}({p.name})의 격자 {grid}는 작은 값부터 차례로 적어야 한다 (슬라이더의 순서).")


def format_value(p, value) -> str:
    """HTML 탐색기와 정지 그림 설명에 보일 값의 글: 선택지는 이름, 수는 짧은 십진 표기."""
    if isinstance(p, ChoiceParam):
        return p.value_label(value)
    if isinstance(p, IntParam):
        return str(int(value))
    return f"{value:g}"


# 그림판: 이름(key)으로 그림 요소를 기억해 두었다가 다음 상태에서는 데이터만 바꾼다 --------
class Canvas:
    """탐색기의 그림판. ``draw``는 이 도우미들로만 그리면 된다."""

    def __init__(self, figure: Figure, axes, *, captions_in_figure: bool = True):
        self.figure = figure
        self.axes = list(np.atleast_1d(axes).ravel())
        self.ax = self.axes[0]
        self.captions_in_figure = captions_in_figure
        self.caption_text = ""       # 지금 상태의 요약 글 (``caption``)
        self.caption_color = "black"
        self._artists: dict[str, Any] = {}
        self._styles: dict[str, dict] = {}  # 요소마다 마지막으로 적용한 스타일
        self.created = 0  # 새로 만든 그림 요소 수 (제자리 갱신을 시험하는 데 쓴다)

    def _get(self, key):
        return self._artists.get(key)

    def _keep(self, key, artist, style=None):
        self._artists[key] = artist
        self._styles[key] = dict(style or {})
        self.created += 1
        return artist

    def _restyle(self, key, artist, style: dict) -> None:
        """지난번과 달라진 스타일만 요소에 적용한다 (같은 값을 다시 적용하면 글자 상자 같은 부속을 새로 만든다)."""
        last = self._styles[key]
        changed = {k: v for k, v in style.items() if k not in last or not _same(last[k], v)}
        if changed:
            artist.set(**changed)
            last.update(changed)

    def line(self, key: str, ax, x, y, **style):
        """선. 두 번째부터는 ``set_data``만 한다."""
        artist = self._get(key)
        if artist is None:
            return self._keep(key, ax.plot(x, y, **style)[0], style)
        artist.set_data(x, y)
        self._restyle(key, artist, style)
        return artist

    def scatter(self, key: str, ax, x, y, *, facecolors=None, edgecolors="black", size=120, **style):
        """점들. 두 번째부터는 위치와 색만 바꾼다."""
        offsets = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
        artist = self._get(key)
        if artist is None:
            return self._keep(key, ax.scatter(offsets[:, 0], offsets[:, 1], s=size, facecolors=facecolors,
                                              edgecolors=edgecolors, **style))
        artist.set_offsets(offsets)
        if facecolors is not None:
            artist.set_facecolors(facecolors)
        if edgecolors is not None:
            artist.set_edgecolors(edgecolors)
        return artist

    def image(self, key: str, ax, values, *, extent, **style):
        """2차원 배열을 색으로 칠한 그림. 두 번째부터는 ``set_data``만 한다."""
        artist = self._get(key)
        if artist is None:
            style.setdefault("origin", "lower")
            style.setdefault("aspect", "auto")
            style.setdefault("interpolation", "nearest")
            return self._keep(key, ax.imshow(values, extent=extent, **style))
        artist.set_data(values)
        return artist

    def text(self, key: str, ax, x, y, s: str, **style):
        """글자. 두 번째부터는 내용과 위치, 주어진 스타일만 바꾼다.

        빼기 기호 자리의 하이픈(``f"{x:.2f}"``가 음수에 쓰는 -)은 −로 바꾸어 적는다 (눈금 글자와 같은 모양).
        """
        s = minus_sign(s)
        artist = self._get(key)
        if artist is None:
            return self._keep(key, ax.text(x, y, s, **style), style)
        artist.set_text(s)
        artist.set_position((x, y))
        self._restyle(key, artist, {k: v for k, v in style.items() if k not in ("transform", "ha", "va")})
        return artist

    def title(self, ax, s: str, **style):
        """축의 제목 (글자만 바꾼다). 빼기 기호는 ``text``처럼 −로 적는다."""
        ax.set_title(minus_sign(s), **style)

    def caption(self, ax, s: str, *, color: str = "black"):
        """상태 하나를 요약하는 글 (예: 학습한 뒤의 손실). 한두 줄이고, 상태마다 바뀐다.

        정지 그림(``Explorer.render``, ``show_static``)에서는 축 ax 위 가운데에 글자로 적는다. 조작기와 HTML 책의
        탐색기(``StateRenderer``)에서는 그림 안에 그리지 않고 ``caption_text``에 남겨, 그림 바로 위에 HTML 글로
        보인다. 상태마다 바뀌는 긴 글을 그림 안에 다시 그리면 글리프 하나에 약 80 µs가 들고(두 줄이면 6 ms쯤),
        HTML 글은 브라우저가 글꼴로 또렷하게 그리며 고르거나 찾을 수 있다.
        """
        self.caption_text, self.caption_color = minus_sign(s), color
        if self.captions_in_figure:
            self.text("caption", ax, 0.5, 1.03, s, transform=ax.transAxes, ha="center", va="bottom", fontsize=10,
                      color=color)


def _same(a, b) -> bool:
    """스타일 값 두 개가 같은가. 배열(색 목록 등)은 원소끼리 비교한다."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and bool(np.all(a == b))
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


# 탐색기 선언 --------------------------------------------------------------
@dataclass(frozen=True)
class Explorer:
    """탐색기 선언: 제목, 매개변수, 상태 하나를 그리는 함수, 그림 틀.

    setup(figure) → axes: 축을 만들고 바뀌지 않는 것(축 이름, 범위)을 정한다.
    draw(canvas, values): 상태 하나를 그린다.
    """

    title: str
    params: tuple
    setup: Callable[[Figure], Any]
    draw: Callable[[Canvas, dict], None]
    figsize: tuple[float, float] = (8.0, 4.0)
    description: str = ""

    def __post_init__(self):
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"탐색기 '{self.title}'의 매개변수 이름이 겹친다: {names}.")
        for p in self.params:
            p.validate(p.default)

    def param(self, name: str):
        """이름으로 매개변수 선언을 찾는다."""
        for p in self.params:
            if p.name == name:
                return p
        raise unknown_name_error(f"탐색기 '{self.title}'의 매개변수", name, [p.name for p in self.params])

    def defaults(self) -> dict:
        """기본 상태 {매개변수 이름: 기본값}."""
        return {p.name: p.default for p in self.params}

    def resolve(self, **overrides) -> dict:
        """기본값에 overrides를 덮어쓴 상태를 검사해서 돌려준다."""
        values = self.defaults()
        for name, value in overrides.items():
            values[name] = self.param(name).validate(value)
        return values

    def grid_states(self) -> list[dict]:
        """HTML 책이 미리 그릴 모든 상태. 매개변수 순서의 혼합 기수(mixed radix) 순서라, 상태의 번호는
        ``state_index``로 (브라우저에서도 같은 셈으로) 구한다."""
        names = [p.name for p in self.params]
        return [dict(zip(names, combo)) for combo in itertools.product(*(p.grid_values() for p in self.params))]

    def state_index(self, values: dict) -> int:
        """격자 위의 상태 values가 ``grid_states()``의 몇 번째인지 돌려준다. 격자 밖의 값이면 알린다."""
        index = 0
        for p in self.params:
            grid = p.grid_values()
            value = values.get(p.name, p.default)
            if value not in grid:
                raise ValueError(f"탐색기 '{self.title}'의 {p.label}({p.name}) = {value!r}은(는) 미리 그린 격자 "
                                 f"{grid}에 없다.")
            index = index * len(grid) + grid.index(value)
        return index

    def render(self, figure: Figure | None = None, *, captions_in_figure: bool = True, **overrides) -> Canvas:
        """상태 하나를 새 그림판에 그린다. ``captions_in_figure=False``이면 요약 글(``Canvas.caption``)을 그림에
        적지 않는다 (조작기와 HTML 책의 탐색기는 그 글을 그림 밖에 보인다)."""
        if figure is None:
            figure = Figure(figsize=self.figsize, layout="constrained")
            FigureCanvasAgg(figure)
        canvas = Canvas(figure, self.setup(figure), captions_in_figure=captions_in_figure)
        self.draw(canvas, self.resolve(**overrides))
        return canvas

    def show_static(self, **overrides) -> None:
        """기본 상태(또는 overrides를 준 상태)의 정지 그림을 노트북에 보인다."""
        import matplotlib.pyplot as plt

        self.render(plt.figure(figsize=self.figsize, layout="constrained"), **overrides)
        plt.show()

    def renderer(self, **overrides) -> "StateRenderer":
        """한 그림판에 상태를 바꿔 가며 PNG를 만드는 도구 (조작기와 미리 그린 그림이 함께 쓴다)."""
        return StateRenderer(self, self.resolve(**overrides))

    def live(self, **overrides) -> "LiveExplorer":
        """Jupyter에서 조작할 수 있는 ipywidgets 조작기를 만든다."""
        return LiveExplorer(self, self.resolve(**overrides))


def _measure_tick_labels_only_for_offset(axis) -> None:
    """축을 그릴 때 눈금 글자의 상자를 재는 일을, 그 상자가 쓰일 때(곁수 글자가 있을 때)만 하게 한다.

    matplotlib의 ``Axis.draw``는 그릴 때마다 모든 눈금 글자의 상자를 잰다. 그 상자는 축 이름의 자리(위에서
    고정했다)와 곁수 글자(offset text, 예: 축 끝의 "1e−3")의 자리에만 쓰인다. 곁수 글자가 빈 글이면 상자를
    재지 않아도 그림이 한 픽셀도 다르지 않다. 갱신 시간의 몇 ms를 아낀다 (bench/bench_widgets.py).
    """
    measure = axis._get_ticklabel_bboxes

    def bboxes(ticks, renderer):
        if axis.major.formatter.get_offset():
            return measure(ticks, renderer)
        return [], []

    axis._get_ticklabel_bboxes = bboxes


class _GlyphRecorder:
    """글자를 그리는 동안 진짜 Agg 렌더러 앞에 서서, 글리프 그림을 찍는 호출(``draw_text_image``)을 적어 둔다.

    그 밖의 그리기(수식의 분수 막대 같은 상자)가 하나라도 끼면 ``complete``가 거짓이 되어 그 글자는 기억하지 않는다.
    """

    def __init__(self, target):
        self.target = target
        self.stamps = []
        self.complete = True

    def draw_text_image(self, image, x, y, angle, gc):
        self.stamps.append((np.array(image, copy=True), x, y, angle))
        self.target.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name):
        self.complete = False
        return getattr(self.target, name)


def _font_height_metrics(prop, dpi):
    """글꼴 속성 prop의 (올림, 내림, 줄 간격) 픽셀 값. matplotlib 3.11의 ``Text._get_layout``이 렌더러에 이 값이
    없을 때 하는 계산을 같은 순서, 같은 식으로 한다 (그래서 값이 비트까지 같다). 표가 없으면 (None, None, None)을
    돌려주어 matplotlib이 스스로 재게 한다."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                         ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


class _TextReplayRenderer(RendererAgg):
    """같은 글자를 같은 글꼴로 같은 자리에 다시 그릴 때, 지난번에 찍은 글리프 그림을 그대로 다시 찍는 Agg 렌더러.

    matplotlib은 글자를 그릴 때마다 글꼴을 찾고, 글리프를 늘어놓고(layout), 글리프마다 FreeType으로 그림을 만든다.
    탐색기의 상태가 바뀌어도 축 이름, 제목, 대부분의 눈금 글자는 그대로이므로 이 일은 매번 같은 결과를 낸다.
    열쇠에 그림을 정하는 모든 것(글, 글꼴 속성, 각도, 픽셀 단위의 정확한 자리, 안티에일리어싱, 힌팅, 글꼴 기능,
    언어)을 넣으므로, 다시 찍은 그림은 새로 만든 그림과 한 픽셀도 다르지 않다 (tests/test_widgets.py). 색과
    투명도, 잘라 내기는 ``gc``에 있고, 다시 찍을 때마다 그때의 ``gc``를 쓴다.
    """

    capacity = 4000  # 기억할 글자 수의 한도 (움직이는 글자는 자리마다 새 열쇠가 되므로 오래된 것부터 잊는다)

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._stamps: dict = {}
        self._font_heights: dict = {}
        self.replayed = 0  # 기억에서 다시 찍은 글자 수 (시험에서 기억이 정말 쓰였는지 본다)

    def _get_font_height_metrics(self, prop):
        """글꼴의 올림(ascent), 내림(descent), 줄 간격. matplotlib의 ``Text``는 그릴 때마다 글자마다 글꼴을 찾아
        글꼴 표(OS/2, hhea)에서 이 값을 다시 읽는데, 렌더러가 이 메서드를 가지면 그 값을 쓴다. 같은 계산을
        글꼴 속성마다 한 번만 한다 (``_font_height_metrics``)."""
        key = tuple(prop.__dict__.items())
        metrics = self._font_heights.get(key)
        if metrics is None:
            metrics = self._font_heights[key] = _font_height_metrics(prop, self.dpi)
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath == "TeX":
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = tuple(mtext.get_fontfeatures() or ()) if mtext is not None else ()
        language = mtext.get_language() if mtext is not None else None
        key = (s, bool(ismath), tuple(prop.__dict__.items()), angle, x, y, gc.get_antialiased(),
               get_hinting_flag(), features, language)
        stamps = self._stamps.pop(key, None)
        if stamps is not None:
            self._stamps[key] = stamps  # 가장 최근에 쓴 것으로 옮긴다
            for image, sx, sy, sangle in stamps:
                self._renderer.draw_text_image(image, sx, sy, sangle, gc)
            self.replayed += 1
            return None
        recorder = _GlyphRecorder(self._renderer)
        self._renderer = recorder
        try:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        finally:
            self._renderer = recorder.target
        if recorder.complete:
            if len(self._stamps) >= self.capacity:
                self._stamps.pop(next(iter(self._stamps)))
            self._stamps[key] = recorder.stamps
        return None


class _TextReplayCanvas(FigureCanvasAgg):
    """``_TextReplayRenderer``로 그리는 Agg 그림판. 크기나 dpi가 바뀌면 (기억과 함께) 렌더러를 새로 만든다."""

    def get_renderer(self):
        key = (*self.get_width_height(physical=True), self.figure.dpi)
        if self._lastKey != key:
            self.renderer = _TextReplayRenderer(*key)
            self._lastKey = key
        return self.renderer


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _rgba_png(rgba: np.ndarray) -> bytes:
    """(높이, 너비, 4) uint8 그림을 RGBA PNG로 만든다.

    PNG는 줄마다 "필터"로 바이트를 바꾼 뒤 zlib로 압축한다. Pillow는 줄마다 다섯 필터를 모두 해 보고 고르는데,
    화면용 그림에서는 그 고르기가 압축보다 오래 걸린다. 여기서는 모든 줄에 Up 필터(바로 위 줄과의 차: 그림의
    평평한 면과 세로로 이어진 선, 늘 255인 불투명도가 0이 된다)를 NumPy 뺄셈 한 번으로 쓰고, zlib의 가장 빠른
    단계로 압축한다. 불투명도를 버리지 않는 것은, 버리는 복사가 압축보다 오래 걸리기 때문이다 (0이 된 불투명도는
    압축하면 거의 남지 않는다). 940×410 그림에서 Pillow(RGB, compress_level=1)의 8 ms가 3 ms쯤이 된다.
    """
    height, width = rgba.shape[:2]
    pixels = np.ascontiguousarray(rgba).reshape(height, 4 * width)
    rows = np.empty((height, 1 + 4 * width), np.uint8)
    rows[:, 0] = 2  # 줄마다 앞에 붙는 필터 번호: 2는 Up
    rows[0, 1:] = pixels[0]  # 첫 줄의 위는 0으로 본다
    np.subtract(pixels[1:], pixels[:-1], out=rows[1:, 1:])  # uint8 뺄셈은 256으로 나눈 나머지: PNG의 규칙과 같다
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8비트 RGBA, 압축·필터·비월 방식 0
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows, 1)) + _png_chunk(b"IEND", b""))


class StateRenderer:
    """그림판 하나에 상태를 차례로 그리고 PNG로 만든다. ``LiveExplorer``와 HTML 책의 미리 그린 그림이 함께 쓴다.

    축 배치는 첫 상태(보통 기본 상태)에서 한 번만 계산하고 고정한다. 갱신마다 배치를 다시 계산하면 시간이 절반
    가까이 더 들고, 상태마다 축이 흔들려 그림을 바꿔 볼 때 눈에 거슬린다.
    """

    def __init__(self, explorer: Explorer, values: dict, *, replay_text: bool = True):
        self.explorer = explorer
        self.values = dict(values)
        self.canvas = explorer.render(captions_in_figure=False, **self.values)
        if replay_text:  # 바뀌지 않은 글자는 지난번 글리프 그림을 다시 찍는다 (픽셀이 같다)
            _TextReplayCanvas(self.canvas.figure)
        self.canvas.figure.canvas.draw()
        self.canvas.figure.set_layout_engine("none")
        self._freeze_label_positions()

    def _freeze_label_positions(self) -> None:
        """축 이름과 제목의 자리를 첫 그림의 자리에 고정한다.

        matplotlib은 그릴 때마다 눈금 글자의 상자를 모두 재어 축 이름(xlabel, ylabel)과 제목이 눈금과 겹치지 않을
        자리를 다시 찾는다. 축 배치를 고정한 뒤에는 이 일이 갱신 시간의 4분의 1쯤을 먹는다. 첫 그림에서 정해진 자리를
        축 좌표로 적어 두면 다시 찾지 않는다 (그림은 같다).
        """
        for ax in self.canvas.figure.axes:
            to_axes = ax.transAxes.inverted()
            for axis, along in ((ax.xaxis, 1), (ax.yaxis, 0)):
                label = axis.label
                if not label.get_text():
                    continue
                # 자동 배치 뒤의 자리는 한쪽이 축 좌표, 다른 쪽이 화면 픽셀이다: 둘 다 축 좌표로 바꾼다.
                x, y = label.get_position()
                pixel = label.get_transform().transform((x, y))
                coords = list(to_axes.transform(pixel))
                axis.set_label_coords(*coords)
            # 제목의 자동 자리 찾기를 끈다 (matplotlib은 set_title(y=…)를 받으면 이렇게 한다).
            ax._autotitlepos = False
            for axis in (ax.xaxis, ax.yaxis):
                _measure_tick_labels_only_for_offset(axis)

    def update(self, values: dict) -> None:
        """상태를 values로 바꾸어 같은 그림판에 다시 그린다."""
        self.values = dict(values)
        self.explorer.draw(self.canvas, self.values)

    @property
    def caption(self) -> tuple[str, str]:
        """지금 상태의 요약 글과 그 색 (``Canvas.caption``; 요약 글이 없는 탐색기는 빈 글)."""
        return self.canvas.caption_text, self.canvas.caption_color

    def png(self, colors: int | None = None) -> bytes:
        """지금 그림을 PNG로 만든다. colors를 주면 그 수의 색으로 줄여(양자화) 파일을 작게 한다.

        화면용(colors=None)은 빨리 만드는 쪽(``_rgba_png``)을, 미리 그려 둘 그림은 작게 만드는 쪽을 고른다.
        """
        agg = self.canvas.figure.canvas
        agg.draw()
        if colors is None:
            return _rgba_png(np.asarray(agg.buffer_rgba()))
        # 그림은 불투명하므로 RGB로 바꾸고, 떨림(dithering) 없이 팔진 트리(octree)로 색을 줄인다:
        # 떨림은 평평한 색 면에 점무늬를 만들어 PNG 압축을 망친다.
        image = Image.frombuffer("RGBA", agg.get_width_height(), agg.buffer_rgba(), "raw", "RGBA", 0, 1)
        quantized = image.convert("RGB").quantize(colors=colors, method=Image.Quantize.FASTOCTREE,
                                                  dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        quantized.save(buffer, format="png", optimize=True)
        return buffer.getvalue()


@dataclass
class LiveExplorer:
    """ipywidgets로 만든 탐색기. 조작기 값이 바뀌면 같은 그림판에 다시 그리고 PNG로 보인다."""

    explorer: Explorer
    values: dict
    errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        import ipywidgets as widgets

        self.renderer = StateRenderer(self.explorer, self.values)
        self.canvas = self.renderer.canvas
        self.controls = {p.name: self._make_control(widgets, p) for p in self.explorer.params}
        self.image = widgets.Image(format="png", value=self.png())
        self.caption = widgets.HTML(value=self._caption_html())
        self.status = widgets.HTML(value="")
        for name, control in self.controls.items():
            control.observe(self._on_change(name), names="value")
        header = widgets.HTML(value=f"<b>{self.explorer.title}</b>")
        self.widget = widgets.VBox([header, widgets.HBox(list(self.controls.values()),
                                    layout=widgets.Layout(flex_flow="row wrap")), self.caption, self.image,
                                    self.status])

    def _caption_html(self) -> str:
        """요약 글(``Canvas.caption``)을 그림 위에 보일 HTML. 요약 글이 없으면 빈 글."""
        text, color = self.renderer.caption
        if not text:
            return ""
        lines = "<br>".join(html.escape(line) for line in text.split("\n"))
        # 검정은 노트북의 글자색을 따르게 둔다 (어두운 테마에서도 읽히게).
        style = "text-align:center" + ("" if color == "black" else f"; color:{html.escape(color)}")
        return f"<div style='{style}'>{lines}</div>"

    @staticmethod
    def _make_control(widgets, p):
        style = {"description_width": "initial"}
        common = dict(description=p.label, style=style, continuous_update=not p.retrains)
        if isinstance(p, FloatParam):
            return widgets.FloatSlider(value=p.default, min=p.min, max=p.max, step=p.step, readout_format=".2f", **common)
        if isinstance(p, IntParam):
            return widgets.IntSlider(value=p.default, min=p.min, max=p.max, step=p.step, **common)
        return widgets.Dropdown(options=list(p.options), value=p.default, description=p.label, style=style)

    def _on_change(self, name):
        def handler(change):
            self.update(**{name: change["new"]})
        return handler

    def update(self, **changes) -> None:
        """값을 바꾸고 다시 그린다. 그리다가 난 예외는 삼키지 않고 errors에 적고 화면에도 알린다."""
        try:
            self.values = {**self.values, **{k: self.explorer.param(k).validate(v) for k, v in changes.items()}}
            self.renderer.update(self.values)
            self.image.value = self.png()
            self.caption.value = self._caption_html()
            self.status.value = ""
        except Exception as exc:  # 조작기 콜백의 예외는 Jupyter가 조용히 삼키므로 여기서 보인다
            self.errors.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
            self.status.value = f"<span style='color:#d62728'>그리지 못했다: {exc}</span>"

    def set(self, **changes) -> None:
        """조작기를 코드로 움직인다 (슬라이더를 움직인 것과 똑같이 콜백을 거친다)."""
        for name, value in changes.items():
            self.explorer.param(name)
            self.controls[name].value = value

    def png(self) -> bytes:
        """지금 그림을 PNG로 만든다. 화면용이라 압축은 가장 빠른 단계로 한다."""
        return self.renderer.png()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
