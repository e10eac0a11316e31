"""XOR 학습 탐색기: 학습률, 모멘텀, 활성화 함수를 바꾸며 2-H-1 신경망이 XOR를 배우는 모습을 본다 (7장).

신경망은 ``Sequential([Dense(H, 은닉층 활성화), Dense(1, 출력층 활성화)], seed=씨앗)``이고, 네 점 전체를 한
배치로 써서(배치 경사 하강법) 평균 제곱 오차를 ``SGD(learning_rate, momentum)``로 줄인다. 학습은 nnbook의
``Sequential.fit(batch_size=4, shuffle=False)`` 그대로다. 왼쪽 그림은 에포크마다의 손실(로그 눈금), 오른쪽
그림은 학습이 끝난 신경망의 출력과 결정 경계(출력 0.5)다. 슬라이더를 놓을 때마다 처음부터 다시 학습한다.

손실이 ``DIVERGENCE_LOSS``를 넘거나 NaN/inf가 되면 발산으로 보고 그 에포크에서 멈추며, 그림에 "발산"이라 적는다.
출력층이 시그모이드이면 출력이 (0, 1)에 갇혀 손실이 한없이 커질 수 없다. 학습률이 지나치면 발산 대신 시그모이드가
포화해 멈춘다. 출력층을 선형(항등 함수)으로 바꾸면 학습률이 지나칠 때 진짜로 발산한다.
"""

from __future__ import annotations

import numpy as np
from contourpy import LineType, contour_generator
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator

from ..callbacks import Callback
from ..datasets import logic_gate
from ..layers import Dense
from ..model import Sequential
from ..optimizers import SGD
from ..plotting import COLORS, power_of_ten_ticks, setup_unit_square
from ..widgets import ChoiceParam, Explorer, FloatParam, IntParam

#: 이 손실을 넘거나 손실이 NaN/inf가 되면 발산으로 보고 멈춘다.
DIVERGENCE_LOSS = 1e6

#: 탐색기가 쓸 수 있는 은닉층·출력층 활성화 함수.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "linear")

_BOX = (-0.5, 1.5, -0.5, 1.5)
_RESOLUTION = 81


def xor_model(hidden_units: int = 4, activation: str = "tanh", output: str = "sigmoid", seed: int = 0) -> Sequential:
    """탐색기와 같은 2-H-1 신경망을 만들고 입력 2개로 build한 nnbook ``Sequential``을 돌려준다.

    가중치는 nnbook의 기본 초기화(글로럿 균등 분포, 편향 0)로 ``seed``에서 뽑는다.
    """
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"은닉층 활성화 함수는 {', '.join(HIDDEN_ACTIVATIONS)} 중 하나여야 하는데 {activation!r}이(가) 주어졌다.")
    if output not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"출력층 활성화 함수는 {', '.join(OUTPUT_ACTIVATIONS)} 중 하나여야 하는데 {output!r}이(가) 주어졌다.")
    model = Sequential([Dense(hidden_units, activation), Dense(1, output)], seed=seed)
    model.build((2,))
    return model


class _StopAboveLoss(Callback):
    """에포크의 손실이 ``DIVERGENCE_LOSS``를 넘으면 학습을 멈춘다 (그 뒤는 그릴 수 없으므로 더 학습하지 않는다)."""

    def on_epoch_end(self, model, epoch, logs):
        if not logs["loss"] <= DIVERGENCE_LOSS:
            model.stop_training = True


def train(hidden_units: int = 4, activation: str = "tanh", output: str = "sigmoid", learning_rate: float = 0.1,
          momentum: float = 0.9, epochs: int = 1000, seed: int = 0):
    """``xor_model``을 XOR 네 점 한 배치의 평균 제곱 오차와 ``SGD(learning_rate, momentum)``로 학습한다.

    돌려주는 값: (학습된 모델, 에포크마다의 손실 배열, 발산한 에포크(1부터) 또는 None).
    손실은 ``fit``의 ``history["loss"]``이고, 발산하면 발산 직전 에포크까지다.
    """
    model = xor_model(hidden_units, activation, output, seed)
    model.compile(SGD(learning_rate=learning_rate, momentum=momentum), "mse")
    history = model.fit(_X, _Y_COLUMN, epochs=epochs, batch_size=len(_X), shuffle=False, callbacks=[_StopAboveLoss()])
    losses = np.asarray(history.history["loss"])
    bad = np.flatnonzero(~(losses <= DIVERGENCE_LOSS))
    diverged_at = history.diverged_at
    if bad.size:
        diverged_at = int(bad[0]) + 1
        losses = losses[:bad[0]]
    return model, losses, diverged_at


# 탐색기 ---------------------------------------------------------------------
_X, _Y = logic_gate("xor")
_Y_COLUMN = _Y.reshape(-1, 1)
_G1, _G2 = np.meshgrid(np.linspace(_BOX[0], _BOX[1], _RESOLUTION), np.linspace(_BOX[2], _BOX[3], _RESOLUTION))
_GRID = np.column_stack([_G1.ravel(), _G2.ravel()])
_CMAP = LinearSegmentedColormap.from_list("xor_output", [COLORS["region0"], "#ffffff", COLORS["region1"]])
_NAMES = {"sigmoid": "시그모이드", "tanh": "tanh", "relu": "렐루", "linear": "선형"}
_OFFSETS = np.array([[0.0, -0.2], [0.0, 0.2], [0.0, -0.2], [0.0, 0.2]])   # 점마다 출력값을 적을 자리


def _output_rgba(values: np.ndarray) -> np.ndarray:
    """출력 값을 색으로 칠한 RGBA 그림: 0은 파랑, 0.5는 흰색, 1은 주황 (0보다 작거나 1보다 크면 끝 색).

    색은 0~255 정수(uint8)로 만든다: matplotlib이 실수 RGBA를 어차피 그렇게 바꾸므로 그림은 같고, 그리기가 빠르다.
    """
    return _CMAP(np.clip(values, 0.0, 1.0), bytes=True)


def _boundary_line(values: np.ndarray):
    """출력이 0.5인 등고선 (결정 경계). 여러 조각을 NaN으로 이어 붙인 (x, y) 한 쌍이라 Line2D 하나로 그린다."""
    generator = contour_generator(_G1, _G2, values, line_type=LineType.ChunkCombinedNan)
    points = generator.lines(0.5)[0][0]
    if points is None:
        return np.array([]), np.array([])
    return points[:, 0], points[:, 1]


def run(values: dict):
    """탐색기 한 상태를 학습한다: (모델, 손실 배열, 발산한 에포크 또는 None)."""
    return train(values["hidden_units"], values["activation"], values["output"], values["learning_rate"],
                 values["momentum"], values["epochs"], values["seed"])


def _setup(figure):
    ax_loss, ax_map = figure.subplots(1, 2, width_ratios=[1.25, 1])
    ax_loss.set_yscale("log")
    # 작은 눈금을 없애고 큰 눈금만 10의 거듭제곱으로 적는다. 눈금이 적을수록 다시 그리기가 빠르고,
    # 수식 글꼴(DejaVu Sans)로 적어야 음수 지수의 빼기 기호(−)가 빠지지 않는다.
    power_of_ten_ticks(ax_loss.yaxis, numticks=7)
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.set_xlabel("에포크")
    ax_loss.set_ylabel("손실 (평균 제곱 오차, 로그 눈금)")
    setup_unit_square(ax_map, _BOX)
    return ax_loss, ax_map


def _draw(canvas, values):
    ax_loss, ax_map = canvas.axes
    epochs = values["epochs"]
    model, losses, diverged_at = run(values)

    # 왼쪽: 손실 곡선
    shown = np.maximum(losses, 1e-12) if losses.size else np.array([np.nan])
    canvas.line("loss", ax_loss, np.arange(1, shown.size + 1), shown, color=COLORS["accent"], lw=1.8)
    ax_loss.set_xlim(0, epochs)
    # 세로 범위는 10의 거듭제곱에서 끊는다: 곡선이 조금 바뀌어도 축이 그대로라 상태를 바꿔 볼 때 눈이 편하다.
    if losses.size:
        low = 10.0 ** max(np.floor(np.log10(float(shown.min())) - 0.1), -12)
        high = 10.0 ** max(np.ceil(np.log10(float(shown.max())) + 0.1), 0)
    else:
        low, high = 1e-3, 1.0
    ax_loss.set_ylim(low, high)
    if diverged_at is not None:
        status = f"{diverged_at}번째 에포크에서 손실이 $10^6$을 넘었다"
    else:
        status = f"처음 손실 {float(losses[0]):.4f},  {epochs} 에포크 뒤 {float(losses[-1]):.2e}"
    name = f"{_NAMES[values['activation']]}-{_NAMES[values['output']]}"
    # 신경망, 학습률, 모멘텀과 학습 결과: 정지 그림에서는 손실 그림 위에 적고, 조작기와 HTML 책에서는 그림 위의 글로 보인다.
    heading = (f"2-{values['hidden_units']}-1 ({name}),  η = {values['learning_rate']:g},  "
               f"μ = {values['momentum']:g}\n{status}")
    canvas.caption(ax_loss, heading, color=COLORS["wrong"] if diverged_at is not None else "black")
    canvas.text("diverged", ax_loss, 0.5, 0.5, "발산" if diverged_at is not None else "", transform=ax_loss.transAxes,
                ha="center", va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85,
                zorder=10)

    # 오른쪽: 출력, 결정 경계, 네 점
    if diverged_at is None:
        grid_out = model.predict(_GRID)[:, 0].reshape(_RESOLUTION, _RESOLUTION)
        point_out = model.predict(_X)[:, 0]
        rgba, (bx, by) = _output_rgba(grid_out), _boundary_line(grid_out)
        wrong = (point_out > 0.5) != (_Y > 0.5)
        labels = [f"{v:.2f}" for v in point_out]
        title = f"결정 경계 (출력 0.5): 네 점 가운데 {int((~wrong).sum())}개를 맞힘"
    else:
        rgba = np.zeros((_RESOLUTION, _RESOLUTION, 4), np.uint8)  # 투명한 빈 그림
        bx, by = np.array([]), np.array([])
        wrong = np.zeros(len(_Y), dtype=bool)
        labels = [""] * len(_Y)
        title = "발산해서 결정 경계를 그릴 수 없다"
    canvas.image("output", ax_map, rgba, extent=_BOX, aspect="equal", zorder=0)
    canvas.line("boundary", ax_map, bx, by, color=COLORS["boundary"], lw=2.2, zorder=2)
    canvas.scatter("points", ax_map, _X[:, 0], _X[:, 1], zorder=3, linewidths=2,
                   facecolors=[COLORS["class1"] if t else COLORS["class0"] for t in _Y],
                   edgecolors=[COLORS["wrong"] if w else "black" for w in wrong])
    for i, ((x1, x2), (dx, dy)) in enumerate(zip(_X, _OFFSETS)):
        canvas.text(f"out{i}", ax_map, x1 + dx, x2 + dy, labels[i], ha="center", va="center", fontsize=10,
                    zorder=4, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8))
    canvas.text("map_diverged", ax_map, 0.5, 0.5, "발산" if diverged_at is not None else "",
                transform=ax_map.transAxes, ha="center", va="center", fontsize=40, color=COLORS["wrong"],
                alpha=0.85, zorder=10)
    canvas.text("map_title", ax_map, 0.5, 1.03, title, transform=ax_map.transAxes, ha="center", va="bottom",
                fontsize=10)


#: 7장의 XOR 학습 탐색기. 학습률, 모멘텀, 은닉층 활성화 함수, 은닉 노드 수, 에포크, 씨앗, 출력층을 바꾸면 처음부터 다시 학습해 손실 곡선과 결정 경계를 그린다.
xor_trainer_explorer = Explorer(
    title="XOR 학습 탐색기: 학습률, 모멘텀, 활성화 함수로 2-H-1 신경망 학습시키기",
    params=(
        FloatParam("learning_rate", "학습률 η", 0.01, 5.0, 0.01, 0.1, retrains=True, grid=(0.03, 0.1, 0.3, 1.0, 3.0)),
        FloatParam("momentum", "모멘텀 μ", 0.0, 0.99, 0.01, 0.9, retrains=True, grid=(0.0, 0.5, 0.8, 0.9, 0.99)),
        ChoiceParam("activation", "은닉층 활성화 함수",
                    (("시그모이드", "sigmoid"), ("tanh", "tanh"), ("렐루", "relu")), "tanh", retrains=True),
        IntParam("hidden_units", "은닉 노드 수", 1, 8, 1, 4, retrains=True),
        IntParam("epochs", "에포크", 100, 2000, 100, 1000, retrains=True),
        IntParam("seed", "씨앗", 0, 20, 1, 0, retrains=True),
        ChoiceParam("output", "출력층", (("시그모이드", "sigmoid"), ("선형(항등 함수)", "linear")), "sigmoid",
                    retrains=True, grid=("sigmoid",)),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.4, 4.1),
    description="왼쪽은 에포크마다의 손실(로그 눈금), 오른쪽은 학습이 끝난 신경망의 출력(파랑 0 ~ 주황 1)과 "
                "결정 경계(빨간 선, 출력 0.5)다. 빨간 테두리는 틀린 점이다. 손실이 한없이 커지면 '발산'이라 적는다.",
)
