"""탐색기 선언의 격자와 미리 그린 그림(nnbook.frames): 같은 draw로 그리고, 내용이 같으면 다시 그리지 않는다."""

import json

import numpy as np
import pytest
from PIL import Image

from nnbook import frames
from nnbook.explorers import gate_explorer
from nnbook.widgets import ChoiceParam, Explorer, FloatParam, IntParam


def test_grid_must_hold_the_default_and_valid_sorted_values():
    with pytest.raises(ValueError, match="기본값 0.5"):
        FloatParam("w", "가중치", -1.0, 1.0, 0.1, 0.5, grid=(-1.0, 1.0))
    with pytest.raises(ValueError, match="범위"):
        FloatParam("w", "가중치", -1.0, 1.0, 0.1, 0.5, grid=(0.5, 2.0))
    with pytest.raises(ValueError, match="차례로"):
        IntParam("n", "개수", 1, 9, 1, 3, grid=(5, 3))
    with pytest.raises(ValueError, match="두 번"):
        IntParam("n", "개수", 1, 9, 1, 3, grid=(3, 3))
    with pytest.raises(ValueError, match="중 하나여야"):
        ChoiceParam("c", "고르기", (("가", "a"), ("나", "b")), "a", grid=("a", "z"))
    # 격자를 적지 않으면 기본값 하나(수)나 모든 선택지(선택)다.
    assert FloatParam("w", "가중치", -1.0, 1.0, 0.1, 0.5).grid_values() == (0.5,)
    assert ChoiceParam("c", "고르기", (("가", "a"), ("나", "b")), "b").grid_values() == ("a", "b")


@pytest.mark.parametrize("name", sorted(frames.registry()))
def test_every_explorer_has_a_grid_that_fits(name):
    explorer = frames.registry()[name]
    states = explorer.grid_states()
    assert [explorer.state_index(s) for s in states] == list(range(len(states)))
    assert explorer.state_index(explorer.defaults()) < len(states)
    # 적어도 둘은 움직일 수 있어야 탐색기다. 상태 수는 그림 예산(2 MB, 그림 하나 7~20 KB)에 맞춘다.
    assert sum(len(p.grid_values()) > 1 for p in explorer.params) >= 2
    assert 10 <= len(states) <= 200
    with pytest.raises(ValueError, match="격자"):
        explorer.state_index({p.name: "없는 값" for p in explorer.params})


def _line_axes(figure):
    """작은 시험 탐색기들의 그림 틀: x는 0~1, y는 −3~3."""
    ax = figure.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(-3, 3)
    return ax


def _tiny_explorer():
    setup = _line_axes

    def draw(canvas, values):
        x = np.linspace(0, 1, 50)
        # shape가 "flat"이면 기울기를 무시한다: 서로 다른 상태가 같은 그림이 되는 경우 (한 파일만 남아야 한다).
        slope = 0.0 if values["shape"] == "flat" else values["slope"]
        canvas.line("y", canvas.ax, x, slope * x, color="C0")
        canvas.title(canvas.ax, f"{values['shape']} {slope:g}")

    return Explorer(title="작은 탐색기", setup=setup, draw=draw, figsize=(3.0, 2.0), params=(
        FloatParam("slope", "기울기", -2.0, 2.0, 0.5, 1.0, grid=(-1.0, 1.0, 2.0)),
        ChoiceParam("shape", "모양", (("직선", "line"), ("평평", "flat")), "line"),
    ))


@pytest.fixture
def tiny(monkeypatch):
    explorer = _tiny_explorer()
    monkeypatch.setattr(frames, "registry", lambda: {"tiny": explorer})
    return explorer


def test_frames_are_drawn_by_the_same_renderer_and_cached(tmp_path, tiny):
    logs = []
    folder = frames.build(tmp_path, ["tiny"], workers=1, log=logs.append)["tiny"]
    info = frames.load_manifest(folder)
    states = tiny.grid_states()
    assert len(info["frames"]) == len(states) == 6
    assert info["params"][0]["texts"] == ["-1", "1", "2"] and info["params"][1]["texts"] == ["직선", "평평"]
    assert info["params"][0]["default"] == 1 and info["params"][1]["default"] == 0
    # 평평한 세 상태는 같은 그림이라 한 파일이다. 파일 수 = 서로 다른 그림 수.
    flat = [info["frames"][tiny.state_index(s)] for s in states if s["shape"] == "flat"]
    assert len(set(flat)) == 1 and len(set(info["frames"])) == 4
    assert sorted(p.name for p in folder.glob("*.png")) == sorted(set(info["frames"]))
    # 조작기와 같은 StateRenderer, 같은 draw로 그린 그림이다: 기본 상태로 배치를 정하고 그 상태로 바꾸면 바이트까지 같다.
    renderer = tiny.renderer()
    for state in states:
        renderer.update(state)
        assert (folder / info["frames"][tiny.state_index(state)]).read_bytes() == renderer.png(colors=frames.COLORS)
    with Image.open(folder / info["frames"][0]) as image:
        assert image.size == tuple(info["size"]) == (300, 200)
        assert image.mode == "P" and len(image.getpalette()) // 3 <= frames.COLORS
    # 다시 빌드하면 아무것도 그리지 않고 같은 폴더를 준다.
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    logs.clear()
    assert frames.build(tmp_path, ["tiny"], workers=1, log=logs.append)["tiny"] == folder
    assert logs == [] and {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps
    # 지문이 바뀌면(여기서는 색 수) 새 폴더에 그리고 그 탐색기의 예전 폴더는 지운다.
    newer = frames.build(tmp_path, ["tiny"], workers=1, colors=16, log=logs.append)["tiny"]
    assert newer != folder and not folder.exists() and sorted(p.name for p in tmp_path.iterdir()) == [newer.name]


def test_changing_the_grid_changes_the_folder(tmp_path, monkeypatch):
    first = _tiny_explorer()
    monkeypatch.setattr(frames, "registry", lambda: {"tiny": first})
    key = frames.content_key("tiny")
    params = (FloatParam("slope", "기울기", -2.0, 2.0, 0.5, 1.0, grid=(1.0, 2.0)), first.params[1])
    second = Explorer(title=first.title, setup=first.setup, draw=first.draw, figsize=first.figsize, params=params)
    monkeypatch.setattr(frames, "registry", lambda: {"tiny": second})
    assert frames.content_key("tiny") != key


def test_live_explorer_and_frames_share_the_renderer():
    live = gate_explorer.live()
    renderer = gate_explorer.renderer()
    live.set(b=-0.5, gate="OR")
    renderer.update(live.values)
    assert live.png() == renderer.png()


def test_manifest_is_json_with_korean_labels():
    info = frames.manifest("xor_trainer_explorer")
    json.dumps(info)
    labels = {p["name"]: p for p in info["params"]}
    assert labels["learning_rate"]["label"] == "학습률 η"
    assert labels["activation"]["texts"] == ["시그모이드", "tanh", "렐루"]
    assert labels["hidden_units"]["values"] == [4]   # 격자가 기본값 하나뿐인 매개변수는 HTML에서 고정된다


def _captioned_explorer():
    def draw(canvas, values):
        x = np.linspace(0, 1, 20)
        canvas.line("y", canvas.ax, x, values["slope"] * x)
        canvas.caption(canvas.ax, f"기울기 {values['slope']:g}\n끝값 {values['slope']:.2f}",
                       color="#d62728" if values["slope"] < 0 else "black")

    return Explorer(title="요약 글", setup=_line_axes, draw=draw, figsize=(3.0, 2.0),
                    params=(FloatParam("slope", "기울기", -2.0, 2.0, 0.5, 1.0, grid=(-1.0, 1.0, 2.0)),))


def test_captions_go_to_the_manifest_and_the_static_figure_only(tmp_path, monkeypatch):
    """요약 글은 정지 그림에는 글자로 그리고, 미리 그린 그림에는 그리지 않고 manifest에 상태 순서대로 적는다."""
    explorer = _captioned_explorer()
    monkeypatch.setattr(frames, "registry", lambda: {"captioned": explorer, "tiny": _tiny_explorer()})
    folders = frames.build(tmp_path, ["captioned", "tiny"], workers=1, log=lambda _: None)
    info = frames.load_manifest(folders["captioned"])
    states = explorer.grid_states()
    assert info["captions"] == [f"기울기 {s['slope']:g}\n끝값 {s['slope']:.2f}".replace("-", "\u2212") for s in states]
    assert info["caption_colors"] == ["#d62728", "black", "black"]
    assert "captions" not in frames.load_manifest(folders["tiny"])    # 요약 글이 없는 탐색기
    renderer = explorer.renderer()
    renderer.update(states[0])
    assert renderer.caption == (info["captions"][0], "#d62728")
    assert "caption" not in renderer.canvas._artists                  # 미리 그린 그림 안에는 없다
    static = explorer.render(slope=-1.0)
    assert static._artists["caption"].get_text() == info["captions"][0]  # 정지 그림에는 글자로 있다
