"""탐색기: 선언 하나에서 정지 그림과 조작기가 나오고, 조작하면 그림 요소가 제자리에서 바뀐다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.explorers import gate_explorer
from nnbook.widgets import ChoiceParam, Explorer, FloatParam


def _boundary(live):
    return live.canvas._artists["boundary"]


def test_gate_explorer_defaults_are_000_and_gate():
    assert gate_explorer.defaults() == {"w1": 1.0, "w2": 1.0, "b": -1.0, "gate": "AND"}


def test_moving_a_slider_changes_the_drawing_in_place():
    live = gate_explorer.live()
    created = live.canvas.created
    png_before = live.image.value
    x_before, y_before = (np.copy(a) for a in _boundary(live).get_data())
    live.set(b=-0.5)
    assert live.errors == []
    x_after, y_after = _boundary(live).get_data()
    # 경계 x2 = −x1 − b: b가 −1 → −0.5이면 직선이 0.5만큼 아래로 간다.
    np.testing.assert_allclose(x_after, x_before)
    np.testing.assert_allclose(np.asarray(y_after) - np.asarray(y_before), -0.5)
    assert live.image.value != png_before
    assert live.canvas.created == created  # 새 그림 요소를 만들지 않았다
    # s = x1 + x2 − 0.5: (0,1)과 (1,0)에서도 s = 0.5 > 0이라 1을 낸다 → OR이 되어 AND와 두 곳이 다르다.
    assert "AND와 2곳이 다르다" in live.canvas._artists["verdict"].get_text()
    live.set(b=-1.0)
    assert "AND 게이트와 일치한다" in live.canvas._artists["verdict"].get_text()


def test_truth_table_text_follows_the_perceptron():
    live = gate_explorer.live()
    live.set(w1=2.0, w2=2.0, gate="OR")  # 000 강의의 OR (2, 2, −1)
    assert live.errors == []
    assert "OR 게이트와 일치한다" in live.canvas._artists["verdict"].get_text()
    live.set(gate="XOR")
    assert "XOR와 1곳이 다르다" in live.canvas._artists["verdict"].get_text()


def test_degenerate_weights_do_not_crash():
    live = gate_explorer.live()
    live.set(w1=0.0, w2=0.0, b=0.0)  # 경계가 없는 퍼셉트론
    assert live.errors == []
    assert len(_boundary(live).get_data()[0]) == 0


def test_out_of_range_value_is_reported_not_swallowed():
    live = gate_explorer.live()
    live.update(w1=99.0)
    assert len(live.errors) == 1 and "-3.0~3.0" in live.errors[0]
    assert "그리지 못했다" in live.status.value


def test_a_raising_draw_is_recorded():
    def setup(fig):
        return fig.subplots()

    def draw(canvas, values):
        if values["x"] > 0.5:
            raise RuntimeError("일부러 낸 오류")
        canvas.line("l", canvas.ax, [0, 1], [0, values["x"]])

    explorer = Explorer("시험", (FloatParam("x", "x", 0.0, 1.0, 0.1, 0.0),), setup, draw)
    live = explorer.live()
    live.set(x=0.9)
    assert live.errors and "일부러 낸 오류" in live.errors[0]


def test_static_figure_has_no_glyph_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        canvas = gate_explorer.render()
        canvas.figure.canvas.draw()
    plt.close("all")


def test_declaration_is_checked():
    with pytest.raises(ValueError, match="선택지"):
        ChoiceParam("g", "게이트", (("AND", "AND"),), "OR")
    with pytest.raises(ValueError, match="겹친다"):
        Explorer("x", (FloatParam("a", "a", 0, 1, 0.1, 0), FloatParam("a", "a", 0, 1, 0.1, 0)),
                 lambda f: f.subplots(), lambda c, v: None)
    with pytest.raises(ValueError, match="'w3'.*쓸 수 있는 이름: b, gate, w1, w2"):
        gate_explorer.resolve(w3=1.0)


def _pixels(renderer, values):
    renderer.update(values)
    agg = renderer.canvas.figure.canvas
    agg.draw()
    return np.asarray(agg.buffer_rgba()).copy()


def _unpatched(renderer):
    """눈금 글자 상자를 늘 재는 matplotlib 본래의 그리기로 되돌린다 (인스턴스에 붙인 함수를 지운다)."""
    for ax in renderer.canvas.figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.__dict__.pop("_get_ticklabel_bboxes", None)
    return renderer


def _offset_explorer():
    """x 값이 1e6 근처에서만 조금씩 바뀌어 x축에 곁수 글자(offset text)가 생기는 작은 탐색기.
    x축의 곁수 글자는 눈금 글자 아래에 놓이므로 눈금 글자의 상자가 필요하다."""
    def setup(fig):
        ax = fig.subplots()
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        return (ax,)

    def draw(canvas, values):
        (ax,) = canvas.axes
        y = np.linspace(0, 1, 20)
        canvas.line("y", ax, 1e6 + values["a"] * y, y)
        ax.set_xlim(1e6 - 1, 1e6 + 5)

    return Explorer(title="곁수", params=(FloatParam("a", "a", 0.0, 4.0, 0.5, 1.0, grid=(0.0, 1.0, 4.0)),
                                        ChoiceParam("unused", "u", (("가", "a"), ("나", "b")), "a")),
                    setup=setup, draw=draw, figsize=(4, 3))


def test_skipping_tick_label_boxes_changes_no_pixel():
    """갱신을 빠르게 하려고 곁수 글자가 없을 때 눈금 글자의 상자를 재지 않는다. 그림은 한 픽셀도 달라지지 않아야 한다."""
    from nnbook import frames

    explorers = dict(frames.registry())
    explorers["offset"] = _offset_explorer()
    for name, explorer in explorers.items():
        if name == "regularization_explorer":
            continue  # 상태마다 학습이 오래 걸린다; 그림 틀은 다른 탐색기와 같다
        states = explorer.grid_states()
        chosen = [states[0], states[len(states) // 2], states[-1]]
        fast, plain = explorer.renderer(), _unpatched(explorer.renderer())
        for values in chosen:
            assert np.array_equal(_pixels(fast, values), _pixels(plain, values)), (name, values)
    # 곁수 글자가 있는 축에서는 여전히 상자를 재어 곁수 글자를 제자리에 둔다
    renderer = _offset_explorer().renderer()
    renderer.update({"a": 4.0, "unused": "a"})
    renderer.canvas.figure.canvas.draw()
    assert renderer.canvas.axes[0].xaxis.offsetText.get_text() != ""


def test_replayed_text_changes_no_pixel():
    """바뀌지 않은 글자는 지난번 글리프 그림을 다시 찍는다. 새로 그린 그림과 한 픽셀도 달라지지 않아야 하고,
    기억이 정말 쓰여야 한다 (같은 상태로 돌아오면 모든 글자가 기억에서 나온다)."""
    from nnbook import frames
    from nnbook.widgets import StateRenderer

    for name, explorer in frames.registry().items():
        if name == "regularization_explorer":
            continue  # 상태마다 학습이 오래 걸린다; 그림 틀은 다른 탐색기와 같다
        states = explorer.grid_states()
        chosen = [states[0], states[len(states) // 2], states[-1], states[len(states) // 3], states[0]]
        fast = StateRenderer(explorer, explorer.defaults())
        plain = StateRenderer(explorer, explorer.defaults(), replay_text=False)
        for values in chosen:
            assert np.array_equal(_pixels(fast, values), _pixels(plain, values)), (name, values)
        assert fast.canvas.figure.canvas.get_renderer().replayed > 0, name
        assert not hasattr(plain.canvas.figure.canvas.get_renderer(), "replayed"), name


def test_text_with_boxes_is_drawn_afresh_each_time():
    """수식의 분수 막대처럼 글리프가 아닌 상자가 낀 글자는 기억하지 않고 매번 새로 그린다."""
    from matplotlib.figure import Figure

    from nnbook.widgets import _TextReplayCanvas

    fig = Figure(figsize=(3, 2))
    canvas = _TextReplayCanvas(fig)
    fig.text(0.1, 0.5, r"$\frac{3}{4}a^4$")
    fig.text(0.6, 0.5, "글자")
    canvas.draw()
    first = np.asarray(canvas.buffer_rgba()).copy()
    canvas.draw()
    renderer = canvas.get_renderer()
    assert renderer.replayed == 1  # "글자"만 기억에서 나온다
    assert len(renderer._stamps) == 1
    assert np.array_equal(np.asarray(canvas.buffer_rgba()), first)


def test_screen_png_decodes_to_the_drawn_pixels():
    """화면용 PNG(Up 필터 + zlib)를 Pillow로 풀면 그린 그림과 한 픽셀도 다르지 않다."""
    import io

    from PIL import Image

    from nnbook.widgets import _rgba_png

    rng = np.random.default_rng(0)
    for shape in [(1, 1, 4), (2, 3, 4), (7, 5, 4)]:
        pixels = rng.integers(0, 256, shape, dtype=np.uint8)
        decoded = Image.open(io.BytesIO(_rgba_png(pixels)))
        assert decoded.mode == "RGBA" and np.array_equal(np.asarray(decoded), pixels), shape
    renderer = gate_explorer.renderer()
    data = renderer.png()
    drawn = np.asarray(renderer.canvas.figure.canvas.buffer_rgba())
    decoded = np.asarray(Image.open(io.BytesIO(data)))
    assert decoded.shape == drawn.shape and np.array_equal(decoded, drawn)


def test_live_caption_is_html_above_the_image():
    """요약 글은 조작기에서 그림 위의 HTML 글이다: 줄바꿈은 <br>, 글은 이스케이프하고, 검정이 아닌 색만 적는다."""
    def setup(fig):
        return (fig.subplots(),)

    def draw(canvas, values):
        canvas.line("y", canvas.ax, [0, 1], [0, values["a"]])
        canvas.caption(canvas.ax, f"a = {values['a']:g} <b>\n둘째 줄", color="#d62728" if values["a"] < 0 else "black")

    explorer = Explorer(title="요약", params=(FloatParam("a", "a", -1.0, 1.0, 0.5, 0.5, grid=(-1.0, 0.5)),),
                        setup=setup, draw=draw, figsize=(3, 2))
    live = explorer.live()
    assert live.caption.value == "<div style='text-align:center'>a = 0.5 &lt;b&gt;<br>둘째 줄</div>"
    assert live.widget.children.index(live.caption) == live.widget.children.index(live.image) - 1
    live.set(a=-1.0)
    assert live.caption.value == "<div style='text-align:center; color:#d62728'>a = −1 &lt;b&gt;<br>둘째 줄</div>"
    assert live.errors == []
