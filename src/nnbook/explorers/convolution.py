"""합성곱 탐색기: 커널, 스트라이드, 패딩, 풀링을 바꾸며 입력 → 특징 맵 → 풀링한 맵과 그 크기를 본다 (13장).

네 그림을 나란히 그린다.

- 커널: 3×3 커널의 값. 경계(세로, 가로), 흐리게, 선명하게 같은 고전 영상 처리의 고정된 필터와, 13장의 CNN이
  손글씨 숫자에서 스스로 배운 첫 합성곱층의 필터 하나.
- 입력: 15×15 "Y" 글자. 패딩한 0은 회색 테두리 안에 보이고, 필터가 처음 놓이는 자리(빨강)와 스트라이드만큼
  옮긴 다음 자리(주황)를 표시한다.
- 특징 맵: nnbook의 ``Conv2D``로 계산한 z = 입력 ⊛ 커널 (활성화 전). 크기는 (N + 2P − F)/S + 1이다.
- 풀링한 맵: 특징 맵에 렐루를 씌운 뒤(합성곱 → 활성화 → 풀링의 순서) 2×2 창으로 최대·평균·확률적 풀링을
  한 것. 확률적 풀링은 추론 때의 규칙(확률로 가중한 평균)을 쓴다. 남는 행과 열은 Keras처럼 버린다.

출력 크기가 정수가 아니면(예: 패딩 1, 스트라이드 3) 그 설정으로는 합성곱을 할 수 없으므로 그림에 그렇게 적는다.

13장의 CNN(손글씨 숫자를 읽는 두 합성곱층의 신경망)을 만들고 학습시키는 함수도 여기에 둔다. 장과 탐색기가
같은 함수, 같은 씨앗으로 학습한 같은 필터를 쓰게 하려는 것이다. 학습은 한 번만 하고 기억해 둔다.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..conv import AveragePooling2D, Conv2D, Flatten, MaxPooling2D, StochasticPooling2D, conv_output_size
from ..datasets import load_digits
from ..layers import Dense
from ..model import Sequential
from ..optimizers import Adam
from ..plotting import COLORS
from ..preprocessing import one_hot, train_test_split
from ..widgets import ChoiceParam, Explorer, IntParam

#: 고전 영상 처리의 3×3 필터들. 경계 필터는 소벨(Sobel) 필터다.
FIXED_KERNELS = {
    "vertical_edge": np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "horizontal_edge": np.array([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]]),
    "blur": np.full((3, 3), 1.0 / 9.0),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
}

KERNEL_NAMES = {
    "vertical_edge": "세로 경계",
    "horizontal_edge": "가로 경계",
    "blur": "흐리게",
    "sharpen": "선명하게",
    "learned": "CNN이 배운 필터",
}

POOLING_NAMES = {"max": "최대 풀링", "average": "평균 풀링", "stochastic": "확률적 풀링(추론)"}

INPUT_SIZE = 15   # 탐색기 입력의 한 변. 홀수라서 3×3 필터와 스트라이드 2가 어느 패딩에서나 맞는다.
POOL = 2          # 풀링 창의 한 변 (스트라이드도 2)
_PAD_SHADE = 0.18  # 그림에서 패딩한 칸을 칠하는 회색의 진하기


# ---------------------------------------------------------------------------
# 입력 이미지
# ---------------------------------------------------------------------------

def letter_y(size: int = 16) -> np.ndarray:
    """size × size 격자에 그린 글자 "Y" (값 0 또는 1). 두 팔이 가운데에서 만나 줄기로 내려간다."""
    if not isinstance(size, (int, np.integer)) or size < 7:
        raise ValueError(f"letter_y의 size는 7 이상의 정수여야 하는데 {size!r}이(가) 주어졌다.")
    image = np.zeros((size, size))
    top, join, bottom = 2, size // 2, size - 2          # 팔이 시작하는 행, 만나는 행, 줄기가 끝나는 행
    center = (size - 1) / 2
    left, right = 2, size - 3
    for r in range(top, join + 1):
        t = (r - top) / (join - top)
        for c in (left + t * (center - left), right + t * (center - right)):
            image[r, int(np.floor(c)):int(np.ceil(c)) + 1] = 1.0
    image[join:bottom, int(np.floor(center)):int(np.ceil(center)) + 1] = 1.0
    return image


# ---------------------------------------------------------------------------
# 13장의 CNN: 손글씨 숫자 8×8
# ---------------------------------------------------------------------------

@lru_cache(maxsize=4)
def digit_split(seed: int = 0, test_size: float = 0.25):
    """8×8 손글씨 숫자를 훈련용과 테스트용으로 나눈다 (클래스 비율을 같게, float32).

    ``(X_train, X_test, y_train, y_test)``: 이미지는 (개수, 8, 8, 1), 정답은 0~9 정수다.
    한 번 읽어 기억해 두므로 돌려받은 배열을 바꾸지 않는다.
    """
    images, labels = load_digits(dtype=np.float32)
    return train_test_split(images, labels, test_size=test_size, seed=seed, stratify=labels)


def build_digit_cnn(seed: int = 0) -> Sequential:
    """13장의 CNN: 합성곱(3×3, 32개, same) → 최대 풀링 → 합성곱(3×3, 64개, same) → 최대 풀링 → 평탄화 → 소프트맥스.

    8×8×1 → 8×8×32 → 4×4×32 → 4×4×64 → 2×2×64 → 256 → 10. 합성곱층의 활성화 함수는 렐루다.
    """
    model = Sequential([
        Conv2D(32, 3, padding="same", activation="relu"), MaxPooling2D(2),
        Conv2D(64, 3, padding="same", activation="relu"), MaxPooling2D(2),
        Flatten(), Dense(10, activation="softmax"),
    ], seed=seed)
    model.build((8, 8, 1), dtype=np.float32)
    return model


def trained_digit_cnn(seed: int = 0, epochs: int = 20, learning_rate: float = 0.002) -> Sequential:
    """``build_digit_cnn(seed)``을 ``digit_split()``의 훈련용 숫자로 학습시킨 모델 (Adam, 배치 크기 32).

    같은 인자로 다시 부르면 학습하지 않고 기억해 둔 모델을 돌려준다 (장과 탐색기가 같은 모델을 쓴다).
    학습은 행렬 곱(BLAS)을 스레드 하나로 해서 어느 환경에서나 같은 가중치가 나오게 한다.
    학습 곡선은 ``model.history``에 있다.
    """
    return _trained_digit_cnn(int(seed), int(epochs), float(learning_rate))


@lru_cache(maxsize=4)
def _trained_digit_cnn(seed: int, epochs: int, learning_rate: float) -> Sequential:
    from threadpoolctl import threadpool_limits

    X_train, _, y_train, _ = digit_split()
    model = build_digit_cnn(seed)
    model.compile(Adam(learning_rate=learning_rate), "categorical_crossentropy")
    with threadpool_limits(limits=1, user_api="blas"):
        model.fit(X_train, one_hot(y_train, 10, dtype=np.float32), epochs=epochs, batch_size=32)
    return model


def learned_kernel(seed: int = 0) -> np.ndarray:
    """13장의 CNN이 첫 합성곱층에서 배운 32개 필터 가운데 크기(L2 노름)가 가장 큰 것 (3×3, float64)."""
    kernels = trained_digit_cnn(seed).layers[0].params["kernel"][:, :, 0, :]   # (3, 3, 32)
    best = int(np.argmax(np.sqrt((kernels ** 2).sum(axis=(0, 1)))))
    return kernels[:, :, best].astype(np.float64)


def kernel_values(name: str) -> np.ndarray:
    """탐색기의 커널 이름 → 3×3 배열."""
    if name == "learned":
        return learned_kernel()
    return FIXED_KERNELS[name].copy()


# ---------------------------------------------------------------------------
# 한 상태의 계산
# ---------------------------------------------------------------------------

def output_size(n: int, f: int, stride: int, padding: int):
    """(N + 2P − F)/S + 1. 정수가 아니거나 양수가 아니면 None."""
    try:
        return conv_output_size(n, f, stride, padding)
    except ValueError:
        return None


def convolution_state(kernel: str, stride: int, padding: int, pooling: str, image=None) -> dict:
    """탐색기 한 상태의 모든 배열: 입력, 패딩한 입력, 커널, 특징 맵, 풀링한 맵.

    특징 맵은 nnbook의 ``Conv2D``(편향 0, 활성화 없음)로, 풀링한 맵은 렐루를 씌운 특징 맵에 nnbook의 풀링 층으로
    구한다. 출력 크기가 정수가 아니면 ``feature_map``과 ``pooled``가 None이다.
    """
    image = letter_y(INPUT_SIZE) if image is None else np.asarray(image, dtype=np.float64)
    k = kernel_values(kernel)
    n = image.shape[0]
    padded = np.pad(image, padding)
    state = {"image": image, "padded": padded, "kernel": k, "size": output_size(n, 3, stride, padding),
             "feature_map": None, "pooled": None}
    if state["size"] is None:
        return state
    conv = Conv2D(1, 3, strides=stride, padding=padding, use_bias=False)
    conv.build((n, n, 1))
    conv.set_weights([k[:, :, None, None]])
    z = conv.forward(image[None, :, :, None])
    state["feature_map"] = z[0, :, :, 0]
    if state["size"] >= POOL:
        pool = {"max": MaxPooling2D, "average": AveragePooling2D, "stochastic": StochasticPooling2D}[pooling](POOL)
        state["pooled"] = pool.forward(np.maximum(z, 0.0), training=False)[0, :, :, 0]
    return state


# ---------------------------------------------------------------------------
# 그리기
# ---------------------------------------------------------------------------

def _square(r: int, c: int, size: int):
    """(r, c)에서 시작하는 size × size 칸들을 두르는 사각형의 (x, y) (imshow의 칸 중심이 정수)."""
    x0, y0, x1, y1 = c - 0.5, r - 0.5, c + size - 0.5, r + size - 0.5
    return [x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0]


def _setup(figure):
    axes = figure.subplots(1, 4, width_ratios=[0.75, 1.25, 1.1, 1.0])
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    return axes


def _draw(canvas, values):
    ax_k, ax_in, ax_z, ax_p = canvas.axes
    s, p = values["stride"], values["padding"]
    state = convolution_state(values["kernel"], s, p, values["pooling"])
    k, padded, size = state["kernel"], state["padded"], state["size"]
    n, m = INPUT_SIZE, padded.shape[0]

    # 커널: 값을 칸에 적는다.
    kmax = float(np.abs(k).max()) or 1.0
    art = canvas.image("kernel", ax_k, k, extent=(-0.5, 2.5, 2.5, -0.5), cmap="RdBu_r", origin="upper",
                       aspect="equal")
    art.set_clim(-kmax, kmax)
    for i in range(3):
        for j in range(3):
            v = k[i, j]
            text = f"{v:.2f}" if values["kernel"] in ("blur", "learned") else f"{v:g}"
            canvas.text(f"k{i}{j}", ax_k, j, i, text.replace("-", "−"), ha="center", va="center", fontsize=10.5,
                        color="white" if abs(v) > 0.6 * kmax else "black")
    canvas.title(ax_k, f"커널 3×3\n{KERNEL_NAMES[values['kernel']]}", fontsize=11)

    # 입력: 패딩한 이미지, 원래 이미지의 테두리, 첫 두 창의 자리.
    shown = padded.copy()
    ring = np.ones_like(shown, dtype=bool)
    ring[p:p + n, p:p + n] = False
    shown[ring] = _PAD_SHADE          # 패딩한 0은 옅은 회색으로 보인다 (계산에는 0이다)
    canvas.image("input", ax_in, shown, extent=(-0.5, m - 0.5, m - 0.5, -0.5), cmap="Greys", origin="upper",
                 aspect="equal", vmin=0.0, vmax=1.0).set_extent((-0.5, m - 0.5, m - 0.5, -0.5))
    canvas.line("original", ax_in, *_square(p, p, n), color=COLORS["accent"], lw=1.2, ls="--")
    if size is not None:
        second = (0, s) if size > 1 else (0, 0)
        canvas.line("window1", ax_in, *_square(0, 0, 3), color=COLORS["wrong"], lw=2.2)
        canvas.line("window2", ax_in, *_square(*second, 3), color="#ff7f0e", lw=2.0, ls="--")
    else:
        canvas.line("window1", ax_in, [], [], color=COLORS["wrong"], lw=2.2)
        canvas.line("window2", ax_in, [], [], color="#ff7f0e", lw=2.0, ls="--")
    ax_in.set_xlim(-0.5, m - 0.5)
    ax_in.set_ylim(m - 0.5, -0.5)
    canvas.title(ax_in, f"입력 {n}×{n}, 패딩 P = {p}\n패딩하면 {m}×{m} (회색 = 0)", fontsize=11)

    # 특징 맵
    z = state["feature_map"]
    formula = f"({n} + 2·{p} − 3)/{s} + 1"
    if z is None:
        value = (n + 2 * p - 3) / s + 1
        canvas.image("fmap", ax_z, np.zeros((1, 1)), extent=(-0.5, 0.5, 0.5, -0.5), cmap="RdBu_r",
                     origin="upper", aspect="equal").set_extent((-0.5, 0.5, 0.5, -0.5))
        canvas.line("cell1", ax_z, [], [], color=COLORS["wrong"], lw=2.2)
        canvas.line("cell2", ax_z, [], [], color="#ff7f0e", lw=2.0, ls="--")
        canvas.text("invalid", ax_z, 0.5, 0.5, f"출력 크기\n{formula}\n= {value:.3g}\n정수가 아니다",
                    transform=ax_z.transAxes, ha="center", va="center", fontsize=12, color=COLORS["wrong"])
        ax_z.set_xlim(-0.5, 0.5)
        ax_z.set_ylim(0.5, -0.5)
        canvas.title(ax_z, "특징 맵: 만들 수 없다", fontsize=11)
    else:
        zmax = float(np.abs(z).max()) or 1.0
        art = canvas.image("fmap", ax_z, z, extent=(-0.5, size - 0.5, size - 0.5, -0.5), cmap="RdBu_r",
                           origin="upper", aspect="equal")
        art.set_extent((-0.5, size - 0.5, size - 0.5, -0.5))
        art.set_clim(-zmax, zmax)
        canvas.line("cell1", ax_z, *_square(0, 0, 1), color=COLORS["wrong"], lw=2.2)
        canvas.line("cell2", ax_z, *_square(0, 1 if size > 1 else 0, 1), color="#ff7f0e", lw=2.0, ls="--")
        canvas.text("invalid", ax_z, 0.5, 0.5, "", transform=ax_z.transAxes, ha="center", va="center",
                    fontsize=12, color=COLORS["wrong"])
        ax_z.set_xlim(-0.5, size - 0.5)
        ax_z.set_ylim(size - 0.5, -0.5)
        canvas.title(ax_z, f"특징 맵 {size}×{size}\n{formula} = {size}", fontsize=11)

    # 풀링한 맵
    pooled = state["pooled"]
    name = POOLING_NAMES[values["pooling"]]
    if pooled is None:
        canvas.image("pooled", ax_p, np.zeros((1, 1)), extent=(-0.5, 0.5, 0.5, -0.5), cmap="RdBu_r",
                     origin="upper", aspect="equal").set_extent((-0.5, 0.5, 0.5, -0.5))
        ax_p.set_xlim(-0.5, 0.5)
        ax_p.set_ylim(0.5, -0.5)
        canvas.title(ax_p, f"{name} 2×2\n풀링할 특징 맵이 없다", fontsize=11)
    else:
        q = pooled.shape[0]
        zmax = float(np.abs(pooled).max()) or 1.0
        art = canvas.image("pooled", ax_p, pooled, extent=(-0.5, q - 0.5, q - 0.5, -0.5), cmap="RdBu_r",
                           origin="upper", aspect="equal")
        art.set_extent((-0.5, q - 0.5, q - 0.5, -0.5))
        art.set_clim(-zmax, zmax)
        ax_p.set_xlim(-0.5, q - 0.5)
        ax_p.set_ylim(q - 0.5, -0.5)
        dropped = "" if size % POOL == 0 else f" (남는 {size % POOL}줄은 버림)"
        canvas.title(ax_p, f"렐루 뒤 {name} 2×2\n⌊{size}/2⌋ = {q}{dropped}", fontsize=11)


#: 13장의 합성곱 탐색기. 커널, 스트라이드, 패딩, 풀링을 바꾸면 특징 맵과 풀링한 맵, 그 크기가 바뀐다.
convolution_explorer = Explorer(
    title="합성곱 탐색기: 입력 → 특징 맵 (N + 2P − F)/S + 1 → 풀링",
    params=(
        ChoiceParam("kernel", "커널", tuple((label, key) for key, label in KERNEL_NAMES.items()), "vertical_edge"),
        IntParam("stride", "스트라이드 S", 1, 3, 1, 1, grid=(1, 2)),
        IntParam("padding", "패딩 P", 0, 3, 1, 1, grid=(0, 1, 2)),
        ChoiceParam("pooling", "풀링", tuple((label, key) for key, label in POOLING_NAMES.items()), "max"),
    ),
    setup=_setup,
    draw=_draw,
    figsize=(9.4, 3.4),
    description="빨간 사각형이 필터가 처음 놓이는 자리와 그 출력, 주황 점선이 스트라이드만큼 옮긴 다음 자리다. "
                "파란 점선은 패딩하기 전의 입력이다.",
)
