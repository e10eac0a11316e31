"""규제 탐색기: L2 규제의 세기 λ와 드롭아웃 비율을 바꾸며 학습 곡선과 결정 경계가 어떻게 바뀌는지 본다 (12장).

잡음이 많은 2차원 데이터(``nnbook.datasets.toy_2d``)의 학습 점 40개로 2-64-64-1 신경망(렐루, 출력은 시그모이드)을
학습시킨다. 은닉층마다 뒤에 ``Dropout(rate)``을 두고, 모든 밀집층의 커널에 ``L2.from_weight_decay(λ)``를 건다
(12장과 「딥러닝」 강의 노트의 λ: 벌점 ½λ‖W‖², 갱신 W(1 − ηλ) − η∂L/∂W). 학습은 데이터 전체를 한 배치로 쓰는
``SGD(learning_rate=0.3, momentum=0.9)``의 ``Sequential.fit``이고 에포크는 300이다.

- 왼쪽: 에포크마다 학습 데이터와 검증 데이터(같은 분포에서 따로 뽑은 300점)의 손실. 벌점을 뺀 데이터 손실
  (이진 교차 엔트로피)을 추론 모드(드롭아웃 끔)로 잰다. 세로 점선은 검증 손실이 가장 낮았던 에포크다.
- 오른쪽: 학습이 끝난 신경망의 출력(확률)과 결정 경계(출력 0.5), 학습 점.

상태 하나를 학습하는 데 0.1~0.3초가 걸려 슬라이더의 50 ms 예산에 들지 않는다. 그래서

1. HTML 책은 격자의 모든 상태를 미리 학습해 그려 둔다 (``nnbook.frames``, 모든 탐색기가 그렇다).
2. Jupyter의 조작기는 매개변수가 ``retrains=True``라서 슬라이더를 놓을 때만 다시 그리고(끌고 있는 동안의
   값마다 학습하지 않는다), 학습한 상태를 ``train_state``의 ``lru_cache``에 매개변수를 열쇠로 담아 둔다.
   한 번 본 상태로 돌아가면 학습 없이 곧바로 그린다.

학습이 발산하면(손실이 NaN이나 inf) 그 에포크에서 멈추고 그림에 "발산"이라 적는다.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from contourpy import LineType, contour_generator
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator

from ..callbacks import Callback
from ..datasets import toy_2d
from ..layers import Dense, Dropout
from ..losses import BinaryCrossentropy
from ..model import Sequential
from ..optimizers import SGD
from ..plotting import COLORS, power_of_ten_ticks
from ..regularizers import L2
from ..widgets import ChoiceParam, Explorer, FloatParam

# 탐색기의 고정된 설정: 학습 점 수, 검증 점 수, 잡음, 은닉 노드 수, 학습률, 모멘텀, 에포크.
N_TRAIN, N_VALIDATION, NOISE = 40, 300, 0.3
HIDDEN, LEARNING_RATE, MOMENTUM, EPOCHS = 64, 0.3, 0.9, 300

DATASETS = {"moons": "반달", "circles": "동심원"}
_BOXES = {"moons": (-2.0, 3.0, -1.6, 2.1), "circles": (-1.9, 1.9, -1.9, 1.9)}
_RESOLUTION = 90
_CMAP = LinearSegmentedColormap.from_list("regularization_output", [COLORS["region0"], "#ffffff", COLORS["region1"]])
_BCE = BinaryCrossentropy()


def make_data(dataset: str = "moons", seed: int = 0):
    """(학습 X, 학습 y, 검증 X, 검증 y). 학습 점은 씨앗 ``seed``, 검증 점은 씨앗 ``seed + 1000``에서 뽑는다.

    정답 y는 (샘플, 1) 모양의 0/1 실수다.
    """
    if dataset not in DATASETS:
        raise ValueError(f"데이터는 {', '.join(DATASETS)} 중 하나여야 하는데 {dataset!r}이(가) 주어졌다.")
    X, y = toy_2d(dataset, N_TRAIN, noise=NOISE, seed=seed)
    Xv, yv = toy_2d(dataset, N_VALIDATION, noise=NOISE, seed=seed + 1000)
    return X, y[:, None].astype(np.float64), Xv, yv[:, None].astype(np.float64)


def build_model(weight_decay: float = 0.0, rate: float = 0.0, seed: int = 0) -> Sequential:
    """탐색기의 신경망: Dense(64, 렐루) → Dropout → Dense(64, 렐루) → Dropout → Dense(1, 시그모이드).

    모든 커널에 ``L2.from_weight_decay(weight_decay)``를 건다. 가중치는 ``seed``에서 뽑고(He 초기화, 편향 0),
    드롭아웃 층의 마스크는 씨앗 ``seed + 1``, ``seed + 2``에서 뽑는다. 그래서 λ와 비율이 달라도 시작 가중치는 같다.
    """
    def dense(units, activation):
        return Dense(units, activation=activation, kernel_initializer="he_normal",
                     kernel_regularizer=L2.from_weight_decay(weight_decay))

    model = Sequential([dense(HIDDEN, "relu"), Dropout(rate, seed=seed + 1),
                        dense(HIDDEN, "relu"), Dropout(rate, seed=seed + 2),
                        dense(1, "sigmoid")], seed=seed)
    model.build((2,))
    return model


class _DataLoss(Callback):
    """에포크가 끝날 때마다 학습·검증 데이터의 데이터 손실(벌점 없이, 추론 모드)을 적는다."""

    def __init__(self, X, y, Xv, yv):
        self.data = (X, y, Xv, yv)
        self.train, self.validation = [], []

    def on_epoch_end(self, model, epoch, logs):
        X, y, Xv, yv = self.data
        self.train.append(_BCE(y, model.predict(X)))
        self.validation.append(_BCE(yv, model.predict(Xv)))


def kernel_norm(model: Sequential) -> float:
    """모든 밀집층 커널의 L2 노름 √(Σ w²) (편향은 규제하지 않으므로 뺀다)."""
    return float(np.sqrt(sum(np.sum(layer.params["kernel"] ** 2) for layer in model.layers if "kernel" in layer.params)))


@dataclass(frozen=True)
class TrainedState:
    """한 상태를 학습한 결과. ``train_state``가 캐시에 담아 두므로 배열은 읽기 전용이다."""

    train_loss: np.ndarray
    validation_loss: np.ndarray
    train_accuracy: float
    validation_accuracy: float
    kernel_norm: float
    output: np.ndarray        # 결정 경계를 그릴 격자 위의 출력 (발산하면 빈 배열)
    diverged_at: int | None


def train(weight_decay: float = 0.0, rate: float = 0.0, dataset: str = "moons", seed: int = 0,
          epochs: int = EPOCHS):
    """``build_model``을 ``make_data``의 학습 점으로 학습시킨다: (모델, 학습 손실, 검증 손실, 발산한 에포크 또는 None).

    손실은 에포크마다의 데이터 손실(벌점 없이, 추론 모드)이다.
    """
    X, y, Xv, yv = make_data(dataset, seed)
    model = build_model(weight_decay, rate, seed)
    model.compile(SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM), "binary_crossentropy")
    record = _DataLoss(X, y, Xv, yv)
    history = model.fit(X, y, epochs=epochs, batch_size=len(X), callbacks=[record])
    return model, np.array(record.train), np.array(record.validation), history.diverged_at


def _grid(dataset: str) -> tuple[np.ndarray, np.ndarray]:
    x0, x1, y0, y1 = _BOXES[dataset]
    return np.meshgrid(np.linspace(x0, x1, _RESOLUTION), np.linspace(y0, y1, _RESOLUTION))


@lru_cache(maxsize=512)
def train_state(weight_decay: float, rate: float, dataset: str, seed: int = 0) -> TrainedState:
    """한 상태를 학습하고 그릴 것만 담아 돌려준다. 매개변수를 열쇠로 캐시에 담아, 같은 상태는 다시 학습하지 않는다."""
    model, train_loss, validation_loss, diverged_at = train(weight_decay, rate, dataset, seed)
    X, y, Xv, yv = make_data(dataset, seed)
    if diverged_at is None:
        g1, g2 = _grid(dataset)
        output = model.predict(np.column_stack([g1.ravel(), g2.ravel()]))[:, 0].reshape(g1.shape)
        accuracy = [float(np.mean((model.predict(a)[:, 0] > 0.5) == (b[:, 0] > 0.5))) for a, b in ((X, y), (Xv, yv))]
        norm = kernel_norm(model)
    else:
        output, accuracy, norm = np.empty((0, 0)), [float("nan")] * 2, float("nan")
    arrays = [np.asarray(a, dtype=np.float64) for a in (train_loss, validation_loss, output)]
    for a in arrays:
        a.setflags(write=False)
    return TrainedState(arrays[0], arrays[1], accuracy[0], accuracy[1], norm, arrays[2], diverged_at)


def _boundary_line(g1, g2, values):
    """출력이 0.5인 등고선(결정 경계)을 NaN으로 이은 (x, y) 한 쌍."""
    points = contour_generator(g1, g2, values, line_type=LineType.ChunkCombinedNan).lines(0.5)[0][0]
    if points is None:
        return np.array([]), np.array([])
    return points[:, 0], points[:, 1]


def _setup(figure):
    ax_loss, ax_map = figure.subplots(1, 2, width_ratios=[1.15, 1])
    ax_loss.set_yscale("log")
    power_of_ten_ticks(ax_loss.yaxis, numticks=5)
    ax_loss.set_ylim(3e-4, 5.0)
    ax_loss.set_xlim(0, EPOCHS)
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.set_xlabel("에포크")
    ax_loss.set_ylabel("손실 (이진 교차 엔트로피, 로그 눈금)")
    ax_map.set_xlabel("$x_1$")
    ax_map.set_ylabel("$x_2$")
    # 눈금과 격자가 적을수록 다시 그리기가 빠르다 (갱신 시간의 절반 가까이가 눈금 글자다).
    ax_map.grid(False)
    ax_map.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    ax_map.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    return ax_loss, ax_map


def _draw(canvas, values):
    ax_loss, ax_map = canvas.axes
    lam, rate, dataset = values["weight_decay"], values["rate"], values["dataset"]
    state = train_state(lam, rate, dataset)
    diverged = state.diverged_at is not None

    # 왼쪽: 학습 손실과 검증 손실, 검증 손실이 가장 낮은 에포크
    epochs = np.arange(1, state.train_loss.size + 1)
    canvas.line("train", ax_loss, epochs, np.maximum(state.train_loss, 1e-12), color=COLORS["accent"], lw=1.8,
                label="학습 데이터")
    canvas.line("validation", ax_loss, epochs, np.maximum(state.validation_loss, 1e-12), color=COLORS["boundary"],
                lw=1.8, label="검증 데이터")
    if state.validation_loss.size and not diverged:
        best = int(np.argmin(state.validation_loss))
        canvas.line("t_opt", ax_loss, [best + 1, best + 1], [3e-4, 5.0], color="0.45", lw=1, ls=":")
        heading = (f"λ = {lam:g},  드롭아웃 {rate:g}:  검증 손실 최저 {state.validation_loss[best]:.3f} "
                   f"({best + 1} 에포크)\n{EPOCHS} 에포크 뒤 학습 {state.train_loss[-1]:.3f},  "
                   f"검증 {state.validation_loss[-1]:.3f}")
    else:
        canvas.line("t_opt", ax_loss, [], [], color="0.45", lw=1, ls=":")
        heading = f"λ = {lam:g},  드롭아웃 {rate:g}:  {state.diverged_at}번째 에포크에서 발산"
    if ax_loss.get_legend() is None:
        ax_loss.legend(loc="lower left", fontsize=10)
    canvas.text("loss_title", ax_loss, 0.5, 1.03, heading, transform=ax_loss.transAxes, ha="center", va="bottom",
                fontsize=10, color=COLORS["wrong"] if diverged else "black")
    canvas.text("diverged", ax_loss, 0.5, 0.5, "발산" if diverged else "", transform=ax_loss.transAxes,
                ha="center", va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85, zorder=10)

    # 오른쪽: 출력, 결정 경계, 학습 점
    box = _BOXES[dataset]
    ax_map.set_xlim(box[0], box[1])
    ax_map.set_ylim(box[2], box[3])
    X, y, _, _ = make_data(dataset)
    if diverged:
        rgba, (bx, by) = np.zeros((_RESOLUTION, _RESOLUTION, 4)), (np.array([]), np.array([]))
        title = "발산해서 결정 경계를 그릴 수 없다"
    else:
        g1, g2 = _grid(dataset)
        rgba, (bx, by) = _CMAP(state.output), _boundary_line(g1, g2, state.output)
        title = (f"정확도: 학습 {state.train_accuracy:.2f}, 검증 {state.validation_accuracy:.2f}\n"
                 f"커널의 노름 ‖W‖ = {state.kernel_norm:.1f}")
    canvas.image("output", ax_map, rgba, extent=box, zorder=0)
    canvas.line("boundary", ax_map, bx, by, color=COLORS["boundary"], lw=2.0, zorder=2)
    canvas.scatter("points", ax_map, X[:, 0], X[:, 1], size=36, zorder=3, linewidths=1.2,
                   facecolors=[COLORS["class1"] if t else COLORS["class0"] for t in y[:, 0]], edgecolors="black")
    canvas.text("map_diverged", ax_map, 0.5, 0.5, "발산" if diverged else "", transform=ax_map.transAxes,
                ha="center", va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85, zorder=10)
    canvas.text("map_title", ax_map, 0.5, 1.03, title, transform=ax_map.transAxes, ha="center", va="bottom",
                fontsize=10)


#: 12장의 규제 탐색기. L2 규제의 세기 λ, 드롭아웃 비율, 데이터를 바꾸면 (처음 보는 상태면) 다시 학습해 학습 곡선과 결정 경계를 그린다.
regularization_explorer = Explorer(
    title="규제 탐색기: L2 규제와 드롭아웃이 과대적합을 줄이는 모습",
    params=(
        FloatParam("weight_decay", "L2 규제의 세기 λ", 0.0, 0.1, 0.001, 0.0, retrains=True,
                   grid=(0.0, 0.001, 0.003, 0.01, 0.03, 0.1)),
        FloatParam("rate", "드롭아웃 비율", 0.0, 0.8, 0.05, 0.0, retrains=True, grid=(0.0, 0.2, 0.4, 0.6)),
        ChoiceParam("dataset", "데이터", tuple((label, key) for key, label in DATASETS.items()), "moons",
                    retrains=True, grid=("moons",)),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.0, 4.3),
    description="왼쪽은 에포크마다 학습 데이터(파랑)와 검증 데이터(빨강)의 손실(로그 눈금, 벌점을 뺀 데이터 손실), "
                "점선은 검증 손실이 가장 낮은 에포크다. 오른쪽은 학습이 끝난 신경망의 출력(파랑 0 ~ 주황 1)과 "
                "결정 경계(빨간 선), 학습 점 40개다. 학습이 발산하면 '발산'이라 적는다.",
)
