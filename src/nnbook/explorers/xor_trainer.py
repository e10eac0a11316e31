"""XOR 학습 탐색기: 학습률, 모멘텀, 활성화 함수를 바꾸며 2-H-1 신경망이 XOR를 배우는 모습을 본다 (7장).

신경망은 ``Sequential([Dense(H, 은닉층 활성화), Dense(1, 출력층 활성화)], seed=씨앗)``이고, 네 점 전체를 한
배치로 써서(배치 경사 하강법) 평균 제곱 오차를 ``SGD(learning_rate, momentum)``로 줄인다. 왼쪽 그림은
에포크마다의 손실(로그 눈금), 오른쪽 그림은 학습이 끝난 신경망의 출력과 결정 경계(출력 0.5)다.

슬라이더를 놓을 때마다 처음부터 다시 학습한다. ``Sequential.fit``은 층·옵티마이저·검사를 두루 거치므로
이 크기(매개변수 17개, 샘플 4개)에서는 한 걸음에 약 90 µs가 들고, 2000 에포크면 그림을 그리기 전에 이미
0.18초다. 그래서 이 모듈은 같은 계산을 매개변수 하나의 평평한 배열 위에서 하는 작은 학습기
``train_full_batch``를 쓴다 (한 걸음 약 15 µs). 시작 가중치는 nnbook의 ``Sequential``이 만들고,
학습 결과가 ``Sequential.fit(batch_size=4, shuffle=False)``과 같다는 것을 시험
(``tests/test_explorer_xor_trainer.py``)이 확인한다.

손실이 ``DIVERGENCE_LOSS``를 넘거나 NaN/inf가 되면 발산으로 보고 그 에포크에서 멈추며, 그림에 "발산"이라 적는다.
출력층이 시그모이드이면 출력이 (0, 1)에 갇혀 손실이 한없이 커질 수 없다. 학습률이 지나치면 발산 대신 시그모이드가
포화해 멈춘다. 출력층을 선형(항등 함수)으로 바꾸면 학습률이 지나칠 때 진짜로 발산한다.
"""

from __future__ import annotations

import numpy as np
from contourpy import LineType, contour_generator
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from .. import activations as _activations
from ..datasets import logic_gate
from ..layers import Dense
from ..model import Sequential
from ..plotting import COLORS, setup_unit_square
from ..widgets import ChoiceParam, Explorer, FloatParam, IntParam

#: 이 손실을 넘거나 손실이 NaN/inf가 되면 발산으로 보고 멈춘다.
DIVERGENCE_LOSS = 1e6

#: 탐색기가 쓸 수 있는 은닉층·출력층 활성화 함수.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "linear")

_BOX = (-0.5, 1.5, -0.5, 1.5)
_RESOLUTION = 81
_CHECK_EVERY = 25  # 발산 여부를 몇 에포크마다 볼 것인가 (매 에포크 보면 그만큼 느려진다)


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


def train_full_batch(weights, x, y, activation: str, output: str, learning_rate: float, momentum: float,
                     epochs: int):
    """2-H-1 신경망을 전체 배치 경사 하강법(평균 제곱 오차, 모멘텀 SGD)으로 ``epochs``번 학습한다.

    ``weights``는 [W1 (2, H), b1 (H,), W2 (H, 1), b2 (1,)]이다 (``Sequential``의 ``get_weights`` 순서).
    계산은 nnbook과 같다: 순전파 z = x·W + b, 손실 mean((o − y)²), 역전파 δ = (다음 층의 δ·Wᵀ) ⊙ f′(z),
    ∂E/∂W = xᵀ·δ, 그리고 Keras의 모멘텀 v ← μ·v − η·g, θ ← θ + v (μ = 0이면 θ ← θ − η·g).
    다만 편향을 가중치 행렬의 마지막 행으로 붙이고(입력에 1을 붙인 열과 곱한다) 네 매개변수를 평평한 배열 하나의
    조각으로 두어, 한 에포크에 NumPy 호출이 스무 번 남짓으로 줄었다.

    돌려주는 값: (학습된 weights, 에포크마다 갱신 직전의 손실 배열, 발산한 에포크(1부터) 또는 None).
    ``Sequential.fit``의 ``history["loss"]``와 같은 손실이다. 발산하면 손실 배열은 발산 직전 에포크까지다.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(len(x), 1)
    w1, b1, w2, b2 = (np.asarray(w, dtype=np.float64) for w in weights)
    n, d = x.shape
    h_units = w1.shape[1]
    # θ = [W1; b1 | W2; b2]: 앞 조각을 (d+1, H)로 보면 마지막 행이 b1, 뒤 조각을 (H+1, 1)로 보면 마지막 행이 b2다.
    theta = np.concatenate([w1.ravel(), b1.ravel(), w2.ravel(), b2.ravel()])
    split = (d + 1) * h_units
    w1a = theta[:split].reshape(d + 1, h_units)
    w2a = theta[split:].reshape(h_units + 1, 1)
    w2_row = w2a[:h_units].reshape(1, h_units)
    grad = np.zeros_like(theta)
    g1a = grad[:split].reshape(d + 1, h_units)
    g2a = grad[split:].reshape(h_units + 1, 1)
    velocity = np.zeros_like(theta) if momentum else None
    xa_t = np.hstack([x, np.ones((n, 1))]).T.copy()
    xa = xa_t.T
    ha = np.ones((n, h_units + 1))          # 마지막 열은 늘 1: 출력층의 편향과 곱해진다
    h = ha[:, :h_units]
    ha_t = ha.T
    target = y[:, 0]
    errors = np.empty((epochs, n))          # 에포크마다 o − y (손실은 끝에 한꺼번에 계산한다)
    scale = 2.0 / y.size                    # 평균 제곱 오차의 기울기 2(o − y)/N
    sigmoid_out = output == "sigmoid"
    last = epochs
    with np.errstate(all="ignore"):         # 발산은 아래에서 손실로 직접 알린다
        for epoch in range(epochs):
            z1 = xa @ w1a
            if activation == "tanh":
                np.tanh(z1, out=h)
            elif activation == "relu":
                np.maximum(z1, 0.0, out=h)
            else:
                np.negative(z1, out=h)
                np.exp(h, out=h)
                h += 1.0
                np.reciprocal(h, out=h)
            z2 = ha @ w2a
            err = errors[epoch]
            if sigmoid_out:
                o = np.exp(-z2)
                o += 1.0
                np.reciprocal(o, out=o)
                np.subtract(o[:, 0], target, out=err)
                dz2 = 1.0 - o                   # δ_출력 = 2(o − y)/N ⊙ o(1 − o)
                dz2 *= o
                dz2 *= err[:, None]
                dz2 *= scale
            else:
                np.subtract(z2[:, 0], target, out=err)
                dz2 = err[:, None] * scale
            np.matmul(ha_t, dz2, out=g2a)       # [∂E/∂W2; ∂E/∂b2] = [h 1]ᵀ·δ_출력
            dh = dz2 @ w2_row                   # 은닉층 출력에 대한 기울기 δ_출력·W2ᵀ
            if activation == "tanh":
                deriv = h * h
                np.subtract(1.0, deriv, out=deriv)
                dh *= deriv
            elif activation == "relu":
                dh *= z1 > 0
            else:
                deriv = 1.0 - h
                deriv *= h
                dh *= deriv
            np.matmul(xa_t, dh, out=g1a)        # [∂E/∂W1; ∂E/∂b1] = [x 1]ᵀ·δ_은닉
            if velocity is None:
                theta -= learning_rate * grad
            else:
                velocity *= momentum
                velocity -= learning_rate * grad
                theta += velocity
            # 손실 = (err·err)/n. 손실이 한계를 넘었거나 NaN이면(비교가 거짓) 더 학습하지 않는다.
            if epoch % _CHECK_EVERY == _CHECK_EVERY - 1 and not err @ err <= DIVERGENCE_LOSS * n:
                last = epoch + 1
                break
    losses = np.mean(errors[:last] ** 2, axis=1)
    bad = np.flatnonzero(~(losses <= DIVERGENCE_LOSS))
    diverged_at = None
    if bad.size:
        diverged_at = int(bad[0]) + 1
        losses = losses[:bad[0]]
    trained = [w1a[:d].copy(), w1a[d].copy(), w2a[:h_units].copy(), w2a[h_units].copy()]
    return trained, losses, diverged_at


def predict(weights, x, activation: str, output: str) -> np.ndarray:
    """2-H-1 신경망의 출력 (배치,)."""
    w1, b1, w2, b2 = weights
    hidden = _activations.get(activation)(x @ w1 + b1)
    return _activations.get(output)(hidden @ w2 + b2)[:, 0]


# 탐색기 ---------------------------------------------------------------------
_X, _Y = logic_gate("xor")
_G1, _G2 = np.meshgrid(np.linspace(_BOX[0], _BOX[1], _RESOLUTION), np.linspace(_BOX[2], _BOX[3], _RESOLUTION))
_GRID = np.column_stack([_G1.ravel(), _G2.ravel()])
_CMAP = LinearSegmentedColormap.from_list("xor_output", [COLORS["region0"], "#ffffff", COLORS["region1"]])
_NAMES = {"sigmoid": "시그모이드", "tanh": "tanh", "relu": "렐루", "linear": "선형"}
_OFFSETS = np.array([[0.0, -0.2], [0.0, 0.2], [0.0, -0.2], [0.0, 0.2]])   # 점마다 출력값을 적을 자리


def _output_rgba(values: np.ndarray) -> np.ndarray:
    """출력 값을 색으로 칠한 RGBA 그림: 0은 파랑, 0.5는 흰색, 1은 주황 (0보다 작거나 1보다 크면 끝 색)."""
    return _CMAP(np.clip(values, 0.0, 1.0))


def _boundary_line(values: np.ndarray):
    """출력이 0.5인 등고선 (결정 경계). 여러 조각을 NaN으로 이어 붙인 (x, y) 한 쌍이라 Line2D 하나로 그린다."""
    generator = contour_generator(_G1, _G2, values, line_type=LineType.ChunkCombinedNan)
    points = generator.lines(0.5)[0][0]
    if points is None:
        return np.array([]), np.array([])
    return points[:, 0], points[:, 1]


def run(values: dict):
    """탐색기 한 상태를 학습한다: (weights, 손실 배열, 발산한 에포크 또는 None)."""
    model = xor_model(values["hidden_units"], values["activation"], values["output"], values["seed"])
    weights = [w for layer in model.layers for w in layer.get_weights()]
    return train_full_batch(weights, _X, _Y, values["activation"], values["output"], values["learning_rate"],
                            values["momentum"], values["epochs"])


def _power_of_ten(value, _position=None) -> str:
    """로그 눈금 글자: 10의 거듭제곱이면 $10^{k}$, 아니면 빈 글자."""
    if not value > 0:
        return ""
    k = float(np.log10(value))
    return f"$10^{{{round(k)}}}$" if abs(k - round(k)) < 1e-9 else ""


def _setup(figure):
    ax_loss, ax_map = figure.subplots(1, 2, width_ratios=[1.25, 1])
    ax_loss.set_yscale("log")
    # 작은 눈금을 없애고 큰 눈금만 10의 거듭제곱으로 적는다. 눈금이 적을수록 다시 그리기가 빠르고,
    # 수식 글꼴(DejaVu Sans)로 적어야 음수 지수의 빼기 기호(−)가 빠지지 않는다.
    ax_loss.yaxis.set_major_locator(LogLocator(numticks=7))
    ax_loss.yaxis.set_minor_locator(NullLocator())
    ax_loss.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.set_xlabel("에포크")
    ax_loss.set_ylabel("손실 (평균 제곱 오차, 로그 눈금)")
    setup_unit_square(ax_map, _BOX)
    return ax_loss, ax_map


def _draw(canvas, values):
    ax_loss, ax_map = canvas.axes
    epochs = values["epochs"]
    weights, losses, diverged_at = run(values)

    # 왼쪽: 손실 곡선
    shown = np.maximum(losses, 1e-12) if losses.size else np.array([np.nan])
    canvas.line("loss", ax_loss, np.arange(1, shown.size + 1), shown, color=COLORS["accent"], lw=1.8)
    ax_loss.set_xlim(0, epochs)
    if losses.size:
        low = max(float(shown.min()) / 3, 1e-12)
        high = max(float(shown.max()) * 3, 1.0)
    else:
        low, high = 1e-3, 1.0
    ax_loss.set_ylim(low, high)
    if diverged_at is not None:
        status = f"{diverged_at}번째 에포크에서 손실이 $10^6$을 넘었다"
    else:
        status = f"처음 손실 {float(losses[0]):.4f},  {epochs} 에포크 뒤 {float(losses[-1]):.2e}"
    name = f"{_NAMES[values['activation']]}-{_NAMES[values['output']]}"
    # 제목 자리에 글자를 둔다: set_title은 갱신마다 제목 위치를 다시 계산해 그리기가 눈에 띄게 느려진다.
    heading = (f"2-{values['hidden_units']}-1 ({name}),  η = {values['learning_rate']:g},  "
               f"μ = {values['momentum']:g}\n{status}")
    canvas.text("loss_title", ax_loss, 0.5, 1.03, heading, transform=ax_loss.transAxes, ha="center", va="bottom",
                fontsize=10, color=COLORS["wrong"] if diverged_at is not None else "black")
    canvas.text("diverged", ax_loss, 0.5, 0.5, "발산" if diverged_at is not None else "", transform=ax_loss.transAxes,
                ha="center", va="center", fontsize=40, color=COLORS["wrong"], alpha=0.85,
                zorder=10)

    # 오른쪽: 출력, 결정 경계, 네 점
    if diverged_at is None:
        grid_out = predict(weights, _GRID, values["activation"], values["output"]).reshape(_RESOLUTION, _RESOLUTION)
        point_out = predict(weights, _X, values["activation"], values["output"])
        rgba, (bx, by) = _output_rgba(grid_out), _boundary_line(grid_out)
        wrong = (point_out > 0.5) != (_Y > 0.5)
        labels = [f"{v:.2f}" for v in point_out]
        title = f"결정 경계 (출력 0.5): 네 점 가운데 {int((~wrong).sum())}개를 맞힘"
    else:
        rgba = np.zeros((_RESOLUTION, _RESOLUTION, 4))          # 투명한 빈 그림
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
        FloatParam("learning_rate", "학습률 η", 0.01, 5.0, 0.01, 0.1, retrains=True),
        FloatParam("momentum", "모멘텀 μ", 0.0, 0.99, 0.01, 0.9, retrains=True),
        ChoiceParam("activation", "은닉층 활성화 함수",
                    (("시그모이드", "sigmoid"), ("tanh", "tanh"), ("렐루", "relu")), "tanh", retrains=True),
        IntParam("hidden_units", "은닉 노드 수", 1, 8, 1, 4, retrains=True),
        IntParam("epochs", "에포크", 100, 2000, 100, 1000, retrains=True),
        IntParam("seed", "씨앗", 0, 20, 1, 0, retrains=True),
        ChoiceParam("output", "출력층", (("시그모이드", "sigmoid"), ("선형(항등 함수)", "linear")), "sigmoid",
                    retrains=True),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.6, 4.2),
    description="왼쪽은 에포크마다의 손실(로그 눈금), 오른쪽은 학습이 끝난 신경망의 출력(파랑 0 ~ 주황 1)과 "
                "결정 경계(빨간 선, 출력 0.5)다. 빨간 테두리는 틀린 점이다. 손실이 한없이 커지면 '발산'이라 적는다.",
)
