"""기울기 소실 탐색기: 활성화 함수, 깊이, 가중치 초기화, 층의 너비를 바꾸며 층마다 기울기의 크기를 본다 (8장).

고정된 배치(손글씨 숫자 8×8 이미지 64장)로 밀집층 신경망을 한 번 순전파하고, 학습할 때와 똑같이
출력층(소프트맥스와 교차 엔트로피)에서 시작해 한 번 역전파한다. 학습은 하지 않는다. 그런 다음

- 왼쪽: 층마다 가중치 기울기의 크기 ‖∂L/∂W‖ (로그 눈금). 점선은 출력층에서 한 층 내려갈 때마다
  시그모이드 도함수의 최댓값 0.25를 곱한 선이다.
- 오른쪽: 은닉층마다 활성화 함수 도함수의 평균 f′(z) (배치의 모든 샘플과 노드에 대한 평균).

을 그린다. 매개변수가 같으면 가중치도 같다 (씨앗 0). 기울기가 층을 지나며 불어나면(기울기 폭주) 학습이 발산할
위험을 알리고, 기울기가 수의 범위를 넘으면 선을 그리지 않고 "발산"이라고 적는다.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..activations import LeakyReLU
from ..datasets import load_digits
from ..initializers import RandomNormal
from ..layers import Dense
from ..losses import CategoricalCrossentropy
from ..model import Sequential
from ..plotting import COLORS, power_of_ten_ticks
from ..widgets import ChoiceParam, Explorer, IntParam

#: 리키 렐루의 음수 쪽 기울기. 004 강의와 많은 글이 쓰는 0.01이다 (Keras 층의 기본값은 0.3).
LEAKY_ALPHA = 0.01

#: 초기화 선택지 → nnbook 초기화. "normal"은 fan_in과 상관없이 표준편차 1인 정규 분포다.
_INITIALIZERS = {
    "glorot": lambda: "glorot_uniform",
    "he": lambda: "he_normal",
    "normal": lambda: RandomNormal(mean=0.0, stddev=1.0),
}

_BATCH = 64          # 역전파에 쓰는 고정 배치의 크기
_FLOOR = 1e-30       # 로그 눈금에 0을 그릴 수 없으므로 이보다 작은 기울기는 이 값으로 그린다
_VANISH = 1e-2       # 첫 은닉층의 기울기가 출력층의 1/100보다 작으면 "소실"
_EXPLODE = 1e2       # 첫 은닉층의 기울기가 출력층의 100배보다 크거나
_HUGE = 1e3          # 어느 층이든 기울기의 크기가 이보다 크면 "폭주"


@lru_cache(maxsize=1)
def _batch():
    """손글씨 숫자에서 씨앗 0으로 고른 64장 (입력 64개, 원-핫 정답 10개). 한 번만 읽는다."""
    images, labels = load_digits(flatten=True)
    idx = np.random.default_rng(0).permutation(len(images))[:_BATCH]
    return images[idx], np.eye(10)[labels[idx]]


def _activation(name: str):
    return LeakyReLU(LEAKY_ALPHA) if name == "leaky_relu" else name


def layer_gradients(activation: str, depth: int, initializer: str, width: int, seed: int = 0):
    """은닉층 ``depth``개(노드 ``width``개)와 소프트맥스 출력층 하나로 된 신경망의 층별 기울기 크기와
    은닉층별 평균 도함수를 돌려준다: (``norms`` (depth + 1,), ``mean_derivative`` (depth,)).

    손실의 기울기는 학습할 때처럼 소프트맥스와 교차 엔트로피를 합친 (확률 − 정답)/배치에서 시작한다.
    """
    X, Y = _batch()
    init = _INITIALIZERS[initializer]
    layers = [Dense(width, activation=_activation(activation), kernel_initializer=init()) for _ in range(depth)]
    layers.append(Dense(10, activation="softmax", kernel_initializer=init()))
    model = Sequential(layers, seed=seed)
    model.compile(loss=CategoricalCrossentropy())
    model.build((X.shape[1],))
    with np.errstate(all="ignore"):  # 넘침은 아래에서 '발산'으로 알린다
        loss = model.compute_gradients(X, Y)
        if not np.isfinite(loss):
            return np.full(depth + 1, np.nan), np.full(depth, np.nan)
        norms = np.array([np.linalg.norm(layer.grads["kernel"]) for layer in layers])
        _, steps = model.forward(X, training=True, return_intermediates=True)
        mean_derivative = np.array([float(np.mean(layer.activation.derivative(step["preactivation"])))
                                    for layer, step in zip(layers[:-1], steps)])
    return norms, mean_derivative


def verdict(norms) -> tuple[str, str]:
    """층별 기울기 크기를 보고 (판정 글, 색)을 돌려준다."""
    if not np.all(np.isfinite(norms)):
        return "발산: 기울기가 수로 나타낼 수 있는 범위를 넘었다", COLORS["wrong"]
    first, output = norms[0], norms[-1]
    if norms.max() == 0:
        return "기울기가 모두 0이다: 어떤 층도 학습하지 못한다", COLORS["wrong"]
    ratio = first / output if output > 0 else np.inf
    if norms.max() > _HUGE:
        return f"기울기 폭주(발산 위험): 가장 큰 기울기 {norms.max():.1e}", COLORS["wrong"]
    if ratio > _EXPLODE:
        return f"기울기 폭주(발산 위험): 첫 은닉층의 기울기가 출력층의 {ratio:.1e}배", COLORS["wrong"]
    if ratio < _VANISH:
        return f"기울기 소실: 첫 은닉층의 기울기가 출력층의 {ratio:.1e}배", COLORS["wrong"]
    return f"고르게 전달된다: 첫 은닉층 / 출력층 = {ratio:.2f}", "black"


def _setup(figure):
    ax_grad, ax_deriv = figure.subplots(1, 2, width_ratios=[1.6, 1])
    ax_grad.set_yscale("log")
    # 로그 눈금의 기본 이름표(\mathdefault)는 본문 글꼴(NanumGothic)로 수식의 − 기호를 그리려다 'Glyph missing' 경고를
    # 낸다. 수식 글꼴(DejaVu Sans)로 10의 거듭제곱을 적는 이름표를 쓴다.
    # 작은 눈금은 자릿수마다 8개씩 생겨 그리는 시간의 절반을 먹는다: 큰 눈금(10의 거듭제곱)만 둔다.
    power_of_ten_ticks(ax_grad.yaxis, numticks=9)
    ax_grad.set_xlabel("층 번호 (1 = 첫 은닉층, 맨 오른쪽 = 출력층)")
    ax_grad.set_ylabel(r"기울기의 크기 $\|\partial L / \partial W\|$ (로그 눈금)")
    ax_grad.legend(handles=[
        Line2D([], [], color=COLORS["accent"], marker="o", ms=5, lw=2, label="층별 기울기의 크기"),
        Line2D([], [], color=COLORS["boundary"], marker="s", ms=8, ls="none", label="출력층"),
        Line2D([], [], color="0.55", ls="--", lw=1.2, label="출력층에서 층마다 ×0.25"),
    ], loc="lower right", fontsize=10)
    for ax in (ax_grad, ax_deriv):  # 층 번호는 정수 눈금 몇 개면 된다 (눈금 글자가 적을수록 빨리 그린다)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax_deriv.set_ylim(0, 1.05)
    ax_deriv.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax_deriv.axhline(0.25, color="0.5", ls=":", lw=1.2)
    ax_deriv.text(0.99, 0.26, "시그모이드 도함수의 최댓값 0.25", transform=ax_deriv.get_yaxis_transform(),
                  ha="right", va="bottom", fontsize=10, color="0.35")
    ax_deriv.set_xlabel("은닉층 번호")
    ax_deriv.set_ylabel("도함수의 평균 f′(z)")
    ax_deriv.set_title("은닉층마다 도함수의 평균")
    return ax_grad, ax_deriv


def _draw(canvas, values):
    ax_grad, ax_deriv = canvas.axes
    depth = values["depth"]
    norms, mean_derivative = layer_gradients(values["activation"], depth, values["initializer"], values["width"])
    layer_no = np.arange(1, depth + 2)
    finite = bool(np.all(np.isfinite(norms)))
    if finite:
        shown = np.clip(norms, _FLOOR, None)
        # 참고선: 출력층에서 한 층 내려갈 때마다 시그모이드 도함수의 최댓값 0.25를 곱한 값
        guide = np.clip(shown[-1] * 0.25 ** (depth + 1 - layer_no), _FLOOR, None)
    else:  # 발산: 선을 비우고 판정 글로 알린다
        shown = guide = np.full(depth + 1, np.nan)
    canvas.line("guide", ax_grad, layer_no, guide, color="0.55", ls="--", lw=1.2)
    canvas.line("norms", ax_grad, layer_no, shown, color=COLORS["accent"], marker="o", ms=5, lw=2)
    canvas.line("output", ax_grad, layer_no[-1:], shown[-1:], color=COLORS["boundary"], marker="s", ms=8, ls="none")

    ax_grad.set_xlim(0.5, depth + 1.5)
    if finite:
        # 눈금은 기울기에 맞춘다 (참고선은 아래로 벗어날 수 있다). 적어도 네 자릿수(10⁴배)를 보인다.
        lo, hi = np.floor(np.log10(shown.min())), np.ceil(np.log10(shown.max()))
        lo = min(lo, hi - 4)
        ax_grad.set_ylim(10 ** (lo - 0.3), 10 ** (hi + 0.3))

    names = dict((value, label) for label, value in _ACTIVATION_OPTIONS)
    inits = dict((value, label) for label, value in _INITIALIZER_OPTIONS)
    canvas.title(ax_grad, f"{names[values['activation']]}, {inits[values['initializer']]} 초기화, "
                          f"은닉층 {depth}개 × 노드 {values['width']}개")
    message, color = verdict(norms)
    canvas.text("verdict", ax_grad, 0.02, 0.97, message, transform=ax_grad.transAxes, va="top", fontsize=10,
                color=color, bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.8", alpha=0.9))

    hidden_no = np.arange(1, depth + 1)
    canvas.line("derivative", ax_deriv, hidden_no, mean_derivative, color=COLORS["accent"], marker="o", ms=4, lw=1.5)
    ax_deriv.set_xlim(0.5, depth + 0.5)


_ACTIVATION_OPTIONS = (("시그모이드", "sigmoid"), ("tanh", "tanh"), ("렐루", "relu"),
                       (f"리키 렐루 (α = {LEAKY_ALPHA:g})", "leaky_relu"))
_INITIALIZER_OPTIONS = (("Glorot", "glorot"), ("He", "he"), ("N(0, 1)", "normal"))

#: 8장의 기울기 소실 탐색기. 활성화 함수, 은닉층 수, 가중치 초기화, 층의 너비를 바꾸면 한 번의 역전파로 구한 층별 기울기의 크기와 도함수의 평균이 바뀐다.
vanishing_explorer = Explorer(
    title="기울기 소실 탐색기: 층마다 기울기의 크기",
    params=(
        ChoiceParam("activation", "활성화 함수", _ACTIVATION_OPTIONS, "sigmoid"),
        IntParam("depth", "은닉층 수", 2, 30, 1, 10, grid=(2, 5, 10, 20, 30)),
        ChoiceParam("initializer", "가중치 초기화", _INITIALIZER_OPTIONS, "glorot"),
        IntParam("width", "은닉층의 노드 수", 8, 64, 8, 32),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.4, 4.0),
    description="손글씨 숫자 64장으로 한 번 역전파한 층별 기울기의 크기(왼쪽, 로그 눈금)와 은닉층별 도함수의 평균(오른쪽).",
)
