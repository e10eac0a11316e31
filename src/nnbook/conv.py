"""합성곱(convolution) 층과 풀링(pooling) 층. 평탄화(``Flatten``)는 ``layers``에 있고 여기서도 가져올 수 있다.

이미지는 Keras처럼 (배치, 높이, 너비, 채널) 순서의 4차원 배열(NHWC)로 다룬다.
28×28 흑백 손글씨 64장은 모양이 (64, 28, 28, 1)이고, 32×32 컬러 이미지 한 장은 (32, 32, 3)이다.

합성곱은 im2col로 푼다. 필터가 놓이는 자리마다 입력의 조각을 한 열(또는 한 행)로 펼쳐 큰 행렬을
만들면, 모든 자리의 합성곱이 행렬 곱 한 번이 된다. 역전파도 행렬 곱 두 번과, 펼친 조각을 원래
자리로 되돌려 더하는 col2im 하나다. col2im은 필터 안의 위치(kh × kw개)마다 한 번씩, 겹치는
조각을 통째로 더한다.

출력 크기는 강의의 공식 (N + 2P − F)/S + 1 (입력 N, 패딩 P, 필터 F, 스트라이드 S)을 따른다.
합성곱에서는 이 값이 양의 정수가 아니면 오류를 낸다. 풀링은 Keras처럼 남는 행과 열을 버린다.

규칙은 ``layers``와 같다: 입력을 제자리에서 바꾸지 않고, 출력의 dtype은 입력을 따른다.
"""

from __future__ import annotations

import numpy as np

from . import activations as _activations
from ._checks import as_float_array, as_generator, check_positive_int, shape_text
from .layers import Flatten, Layer, _get_initializer, _get_regularizer  # Flatten은 layers에 있다. 합성곱과 함께 쓰므로 여기서도 내보낸다.

__all__ = [
    "conv_output_size", "pad_images", "Conv2D", "MaxPooling2D", "AveragePooling2D",
    "StochasticPooling2D", "Flatten",
]

# 입력 채널이 이보다 적으면 im2col을 채널 우선(C, N, H, W) 배치에서 만든다. 어느 배치든 복사가 길게 이어진
# 메모리를 따라 움직이게 하려는 것이다. 필터 위치마다 슬라이스 하나를 복사하는 것이 sliding_window_view의
# 6차원 뷰를 한 번에 복사하는 것보다 빠르다 (28×28×1 이미지 64장, 3×3 필터에서 약 0.2 ms 대 0.9 ms; bench/README.md).
_CHANNEL_FIRST_BELOW = 8


# ---------------------------------------------------------------------------
# 크기 계산과 패딩
# ---------------------------------------------------------------------------

def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _pair(value, name: str) -> tuple[int, int]:
    """3이나 (3, 3)처럼 주어진 크기를 (높이, 너비) 두 정수로 바꾼다."""
    if _is_int(value):
        values = (value, value)
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(_is_int(v) for v in value):
        values = tuple(value)
    else:
        values = None
    if values is None or min(values) < 1:
        raise ValueError(f"{name}은(는) 1 이상의 정수나 그런 정수 두 개의 튜플이어야 하는데 {value!r}이(가) 주어졌다.")
    return int(values[0]), int(values[1])


def _padding_spec(padding, name: str, *, allow_int: bool):
    """padding을 'valid', 'same' 또는 ((위, 아래), (왼쪽, 오른쪽)) 정수 쌍으로 바꾼다."""
    if isinstance(padding, str) and padding.lower() in ("valid", "same"):
        return padding.lower()
    if allow_int:
        if _is_int(padding) and padding >= 0:
            return ((int(padding), int(padding)), (int(padding), int(padding)))
        if (isinstance(padding, (tuple, list)) and len(padding) == 2
                and all(_is_int(p) and p >= 0 for p in padding)):
            ph, pw = int(padding[0]), int(padding[1])
            return ((ph, ph), (pw, pw))
        raise ValueError(
            f"{name}은(는) 'valid', 'same', 0 이상의 정수 P 또는 (높이 P, 너비 P) 중 하나여야 하는데 "
            f"{padding!r}이(가) 주어졌다."
        )
    raise ValueError(f"{name}은(는) 'valid'나 'same'이어야 하는데 {padding!r}이(가) 주어졌다.")


def _same_padding(n: int, f: int, s: int) -> tuple[int, int]:
    """Keras의 'same': 출력이 ⌈N/S⌉가 되도록 패딩을 나누어 붙인다 (홀수이면 아래·오른쪽에 하나 더)."""
    out = -(-n // s)
    total = max((out - 1) * s + f - n, 0)
    return total // 2, total - total // 2


def _output_size(n: int, f: int, s: int, before: int, after: int, where: str = "") -> int:
    """(N + P_앞 + P_뒤 − F)/S + 1을 계산한다. 양의 정수가 아니면 숫자를 밝혀 오류를 낸다."""
    prefix = f"{where}: " if where else ""
    if before == after:
        padded_text = f"N + 2P = {n} + 2×{before} = {n + 2 * before}"
        formula = f"(N + 2P − F)/S + 1 = ({n} + 2×{before} − {f})/{s} + 1"
    else:
        padded_text = f"N + P = {n} + {before} + {after} = {n + before + after}"
        formula = f"(N + P − F)/S + 1 = ({n} + {before} + {after} − {f})/{s} + 1"
    span = n + before + after - f
    if span < 0:
        raise ValueError(
            f"{prefix}필터(창) 크기 F={f}가 패딩을 더한 입력 크기 {padded_text}보다 커서 "
            f"출력 크기 {formula} = {span / s + 1:g}이(가) 양수가 아니다."
        )
    if span % s != 0:
        raise ValueError(
            f"{prefix}출력 크기 {formula} = {span / s + 1:g}이(가) 정수가 아니다 "
            f"({'N + 2P − F' if before == after else 'N + P − F'} = {span}이(가) 스트라이드 S={s}로 "
            "나누어떨어지지 않으니 패딩이나 스트라이드를 바꿔야 한다)."
        )
    return span // s + 1


def conv_output_size(n: int, f: int, s: int = 1, p: int = 0) -> int:
    """합성곱 출력 크기 (N + 2P − F)/S + 1.

    n은 입력 크기, f는 필터 크기, s는 스트라이드, p는 한쪽에 붙이는 패딩이다.
    결과가 양의 정수가 아니면 (필터가 패딩한 입력보다 크거나, 스트라이드로 나누어떨어지지 않으면)
    숫자를 밝혀 ValueError를 낸다. 예: ``conv_output_size(5, 3) == 3``, ``conv_output_size(32, 5, 1, 2) == 32``.
    """
    n = check_positive_int(n, "입력 크기 n")
    f = check_positive_int(f, "필터 크기 f")
    s = check_positive_int(s, "스트라이드 s")
    if not _is_int(p) or p < 0:
        raise ValueError(f"패딩 p는 0 이상의 정수여야 하는데 {p!r}이(가) 주어졌다.")
    return _output_size(n, f, s, int(p), int(p))


def _pool_output_size(n: int, f: int, s: int, before: int, after: int, where: str) -> int:
    """풀링 출력 크기: Keras처럼 ⌊(N + P − F)/S⌋ + 1이고, 남는 행과 열은 버린다."""
    span = n + before + after - f
    if span < 0:
        raise ValueError(f"{where}: 풀링 창 크기 {f}가 입력 크기 {n + before + after}보다 크다.")
    return span // s + 1


def pad_images(x, padding, value=0.0) -> np.ndarray:
    """이미지의 바깥 둘레에 value(기본 0)를 채운 새 배열을 돌려준다 (Keras의 ZeroPadding2D).

    x는 (배치, 높이, 너비, 채널) 또는 이미지 한 장 (높이, 너비, 채널)이다. padding은 네 변에 같은
    폭을 붙이는 정수, (높이 쪽, 너비 쪽) 두 정수, ((위, 아래), (왼쪽, 오른쪽)) 중 하나다.
    001 강의의 예: (32, 32, 3) 이미지의 바깥에 2픽셀을 붙이면 (36, 36, 3)이 된다. dtype은 x를 따르고
    x는 바뀌지 않는다.
    """
    arr = np.asarray(x)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"pad_images의 x는 숫자 배열이어야 하는데 dtype이 {arr.dtype}이다.")
    if arr.ndim not in (3, 4):
        raise ValueError(
            "pad_images의 x는 (배치, 높이, 너비, 채널) 4차원이나 (높이, 너비, 채널) 3차원 배열이어야 하는데 "
            f"모양이 {shape_text(arr.shape)}인 {arr.ndim}차원 배열이다."
        )
    pads = None
    if _is_int(padding) and padding >= 0:
        pads = ((int(padding),) * 2, (int(padding),) * 2)
    elif isinstance(padding, (tuple, list)) and len(padding) == 2:
        if all(_is_int(p) and p >= 0 for p in padding):
            pads = ((int(padding[0]),) * 2, (int(padding[1]),) * 2)
        elif all(isinstance(p, (tuple, list)) and len(p) == 2 and all(_is_int(q) and q >= 0 for q in p)
                 for p in padding):
            pads = tuple((int(p[0]), int(p[1])) for p in padding)
    if pads is None:
        raise ValueError(
            "pad_images의 padding은 0 이상의 정수, (높이 쪽, 너비 쪽), ((위, 아래), (왼쪽, 오른쪽)) 중 하나여야 "
            f"하는데 {padding!r}이(가) 주어졌다."
        )
    (top, bottom), (left, right) = pads
    single = arr.ndim == 3
    if single:
        arr = arr[np.newaxis]
    n, h, w, c = arr.shape
    out = np.full((n, h + top + bottom, w + left + right, c), value, dtype=arr.dtype)
    out[:, top:top + h, left:left + w, :] = arr
    return out[0] if single else out


def _check_images(x, layer: Layer, name: str = "입력") -> np.ndarray:
    """(배치, 높이, 너비, 채널) 4차원 실수 배열인지 검사한다."""
    x = as_float_array(x, f"{layer.label()} 층의 {name}")
    if x.ndim != 4:
        if x.ndim == 3:
            hint = (" 이미지 한 장이면 x[np.newaxis]로 배치 축을, 흑백 이미지 묶음 (배치, 높이, 너비)이면 "
                    "x[..., np.newaxis]로 채널 축을 붙여야 한다.")
        else:
            hint = ""
        raise ValueError(
            f"{layer.label()} 층의 {name}은(는) (배치, 높이, 너비, 채널) 모양의 4차원 배열이어야 하는데 "
            f"모양이 {shape_text(x.shape)}인 {x.ndim}차원 배열이다.{hint}"
        )
    return x


def _check_build_shape(input_shape, layer: Layer) -> tuple:
    input_shape = tuple(input_shape)
    if len(input_shape) != 3:
        raise ValueError(
            f"{layer.label()} 층은 샘플 하나가 (높이, 너비, 채널) 모양인 이미지를 받는데 샘플 하나의 모양이 "
            f"{shape_text(input_shape)}이다."
        )
    return input_shape


# ---------------------------------------------------------------------------
# 합성곱 층
# ---------------------------------------------------------------------------

class Conv2D(Layer):
    """2차원 합성곱층(convolution layer): 출력 = f(입력 ⊛ 커널 + 편향).

    - 커널(``kernel``)은 Keras처럼 (kh, kw, 입력 채널, filters) 모양이다. 필터 하나는 입력의 모든
      채널에 걸쳐 합성곱한 값을 더해 특징 맵(feature map) 하나를 만들고, 필터 수만큼 출력 채널이 생긴다.
      편향(``bias``)은 필터마다 하나, (filters,) 모양이다.
    - ``strides``는 필터가 한 번에 움직이는 칸 수, ``padding``은 'valid'(패딩 없음), 'same'(스트라이드가
      1이면 출력 크기가 입력과 같음, Keras와 같게 ⌈N/S⌉) 또는 네 변에 붙일 0의 폭 P(정수)다.
    - 출력 크기는 (N + 2P − F)/S + 1이고 양의 정수가 아니면 오류를 낸다. 'same'이면 필터와 스트라이드가
      무엇이든 Keras·PyTorch처럼 ⌈N/S⌉이다 (1×1 필터, 스트라이드 2이면 6×6 → 3×3).
    - 딥러닝 라이브러리가 다 그렇듯 실제로 계산하는 것은 커널을 뒤집지 않는 상호상관(cross-correlation)이다.

    계산은 im2col 방식이다. 필터가 놓이는 M = N·OH·OW개 자리마다 입력 조각 K = kh·kw·C개를 펼쳐 한 줄로
    만든 행렬과 (K, filters)로 편 커널의 행렬 곱 한 번이 합성곱 전체다. 편향은 펼친 행렬에 1로 된 줄을
    하나 더 붙여 같은 행렬 곱에 넣는다 (그래서 역전파에서 편향의 기울기도 같은 곱에서 나온다).
    입력 채널이 적으면(흑백 1, 컬러 3) 펼친 행렬을 (K, M)으로, 많으면 (M, K)로 만든다. 결과는 같다.
    펼치기는 필터 안의 위치 kh·kw개마다 스트라이드 슬라이스(뷰) 하나를 통째로 복사한다.

    나머지 인자는 Keras와 같다: ``activation``(이름이나 활성화 함수 객체), ``use_bias``,
    ``kernel_initializer``(None이나 ``'glorot_uniform'``, 또는 함수 (shape, rng, dtype) → 배열),
    ``input_shape``(주면 첫 입력의 샘플 모양 (높이, 너비, 채널)과 맞는지 확인한다).
    """

    def __init__(self, filters: int, kernel_size, strides=1, padding="valid", activation=None,
                 use_bias: bool = True, kernel_initializer="glorot_uniform", kernel_regularizer=None,
                 name: str | None = None, input_shape=None):
        super().__init__(name)
        self.filters = check_positive_int(filters, "Conv2D의 filters")
        self.kernel_size = _pair(kernel_size, "Conv2D의 kernel_size")
        self.strides = _pair(strides, "Conv2D의 strides")
        self.padding = _padding_spec(padding, "Conv2D의 padding", allow_int=True)
        self.activation = _activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = _get_initializer(kernel_initializer)
        self.kernel_regularizer = _get_regularizer(kernel_regularizer)
        self.declared_input_shape = None if input_shape is None else tuple(input_shape)
        self._cache = None
        self._z = self._out = None

    # 모양 ------------------------------------------------------------------
    def _pads(self, h: int, w: int):
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        if self.padding == "valid":
            return (0, 0), (0, 0)
        if self.padding == "same":
            return _same_padding(h, kh, sh), _same_padding(w, kw, sw)
        return self.padding

    def _geometry(self, h: int, w: int):
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        (pt, pb), (pl, pr) = self._pads(h, w)
        if self.padding == "same":
            # Keras·PyTorch처럼 출력은 언제나 ⌈N/S⌉이다. 필터가 스트라이드보다 작으면(1×1 필터, 스트라이드 2)
            # 패딩 없이도 마지막 행·열이 남는데, 그 남는 자리는 어느 출력에도 쓰이지 않는다.
            return ((pt, pb), (pl, pr)), (-(-h // sh), -(-w // sw))
        oh = _output_size(h, kh, sh, pt, pb, f"{self.label()} 층의 높이 방향")
        ow = _output_size(w, kw, sw, pl, pr, f"{self.label()} 층의 너비 방향")
        return ((pt, pb), (pl, pr)), (oh, ow)

    def build(self, input_shape, rng=None, dtype=np.float64):
        input_shape = _check_build_shape(input_shape, self)
        if self.declared_input_shape is not None and input_shape != self.declared_input_shape:
            raise ValueError(
                f"{self.label()} 층은 input_shape={shape_text(self.declared_input_shape)}로 선언되었는데 "
                f"샘플 하나의 모양이 {shape_text(input_shape)}인 입력이 들어왔다."
            )
        self._geometry(input_shape[0], input_shape[1])  # 출력 크기가 맞지 않으면 여기서 알린다.
        rng = rng if rng is not None else np.random.default_rng()
        kh, kw = self.kernel_size
        shape = (kh, kw, input_shape[2], self.filters)
        self.params = {"kernel": np.asarray(self.kernel_initializer(shape, rng, dtype), dtype=dtype)}
        if self.params["kernel"].shape != shape:
            raise ValueError(
                f"{self.label()} 층의 kernel_initializer는 모양이 {shape_text(shape)}인 배열을 돌려주어야 하는데 "
                f"{shape_text(self.params['kernel'].shape)}인 배열을 돌려주었다."
            )
        if self.use_bias:
            self.params["bias"] = np.zeros(self.filters, dtype=dtype)
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        super().build(input_shape)

    def output_shape(self, input_shape):
        h, w, _ = _check_build_shape(input_shape, self)
        _, (oh, ow) = self._geometry(h, w)
        return (oh, ow, self.filters)

    # 계산 ------------------------------------------------------------------
    def forward(self, x, training=False, *, check=True, return_intermediates=False):
        if check:
            x = _check_images(x, self)
            if not self.built:
                self.build(x.shape[1:], dtype=x.dtype)
        n, h, w, c = x.shape
        kernel = self.params["kernel"]
        kh, kw, c_in, f = kernel.shape
        if c != c_in:
            raise ValueError(
                f"{self.label()} 층의 커널은 입력 채널이 {c_in}개인 이미지에 맞게 만들어졌는데 채널이 {c}개인 "
                f"입력(모양 {shape_text(x.shape)})이 들어왔다."
            )
        pads, (oh, ow) = self._geometry(h, w)
        dtype = x.dtype
        k = kh * kw * c
        ones = 1 if self.use_bias else 0
        # 커널을 (K, filters)로 펴고, 편향이 있으면 마지막 줄로 붙인다. dtype은 입력을 따른다.
        w_aug = np.empty((k + ones, f), dtype=dtype)
        w_aug[:k] = kernel.reshape(k, f)
        if ones:
            w_aug[k] = self.params["bias"]
        channel_first = c < _CHANNEL_FIRST_BELOW
        if channel_first:
            col = _im2col_channel_first(x, self.kernel_size, self.strides, pads, (oh, ow), ones)  # (K+1, M)
            z = col.T @ w_aug
        else:
            col = _im2col_rows(x, self.kernel_size, self.strides, pads, (oh, ow), ones)  # (M, K+1)
            z = col @ w_aug
        z = z.reshape(n, oh, ow, f)
        self._cache = (col, channel_first, x.shape, pads, (oh, ow), w_aug[:k])
        out = self.activation(z)
        self._z, self._out = z, out
        return (out, {"preactivation": z}) if return_intermediates else out

    def backward(self, dout, *, need_dx=True, check=True, through_activation=True):
        """역전파. ``through_activation=False``이면 dout은 이미 활성화 직전 값 z에 대한 기울기 dz다."""
        if self._cache is None:
            self._check_dout(dout, None)
        col, channel_first, x_shape, pads, (oh, ow), w_mat = self._cache
        n, h, w, c = x_shape
        f = w_mat.shape[1]
        if check:
            dout = self._check_dout(dout, (n, oh, ow, f))
        dz = self.activation.backprop(self._z, dout, output=self._out, check=False) if through_activation else dout
        dz = np.ascontiguousarray(dz, dtype=w_mat.dtype).reshape(-1, f)  # (M, filters)
        kernel = self.params["kernel"]
        k = w_mat.shape[0]
        dx = None
        if channel_first:
            dw_aug = col @ dz                    # (K+1, filters)
            if need_dx:
                dcol = w_mat @ dz.T              # (K, M)
                dx = _col2im_channel_first(dcol, x_shape, self.kernel_size, self.strides, pads, (oh, ow))
        else:
            dw_aug = col.T @ dz                  # (K+1, filters)
            if need_dx:
                dcol = dz @ w_mat.T              # (M, K)
                dx = _col2im_rows(dcol, x_shape, self.kernel_size, self.strides, pads, (oh, ow))
        grad_kernel = dw_aug[:k].reshape(kernel.shape)
        if self.kernel_regularizer is not None:
            grad_kernel = grad_kernel + self.kernel_regularizer.gradient(kernel, check=False)
        self.grads["kernel"] = grad_kernel.astype(kernel.dtype)
        if self.use_bias:
            self.grads["bias"] = dw_aug[k].astype(kernel.dtype)
        return dx

    def __repr__(self):
        args = [str(self.filters), str(self.kernel_size)]
        if self.strides != (1, 1):
            args.append(f"strides={self.strides}")
        if self.padding != "valid":
            args.append(f"padding={self.padding!r}")
        if not isinstance(self.activation, _activations.Linear):
            args.append(f"activation={self.activation.name!r}")
        return f"Conv2D({', '.join(args)})"


def _im2col_channel_first(x, kernel_size, strides, pads, out_hw, ones):
    """입력을 (K [+1], M) 행렬로 펼친다. 행은 (kh, kw, C) 순서, 열은 (N, OH, OW) 순서다.

    먼저 패딩한 입력을 (C, N, H, W) 순서로 한 번 옮겨 두면, 필터 안의 위치 (i, j)마다 옮기는 조각이
    이미지의 한 줄씩 길게 이어진 메모리가 된다 (채널이 1이나 3일 때 NHWC에서 바로 옮기면 원소
    1~3개마다 건너뛰어야 해서 느리다).
    """
    n, h, w, c = x.shape
    (kh, kw), (pt, pb), (pl, pr) = kernel_size, pads[0], pads[1]
    oh, ow = out_hw
    xt = np.zeros((c, n, h + pt + pb, w + pl + pr), dtype=x.dtype)
    xt[:, :, pt:pt + h, pl:pl + w] = x.transpose(3, 0, 1, 2)
    k = kh * kw * c
    col = np.empty((k + ones, n * oh * ow), dtype=x.dtype)
    view = col[:k].reshape(kh, kw, c, n, oh, ow)  # col의 앞부분은 연속이므로 reshape는 언제나 뷰다.
    for i in range(kh):
        for j in range(kw):
            view[i, j] = xt[(slice(None), slice(None), *_tap(i, j, strides, out_hw))]
    if ones:
        col[k] = 1
    return col


def _tap(i: int, j: int, strides, out_hw) -> tuple[slice, slice]:
    """필터 위치 (i, j)가 출력 (OH, OW)의 모든 자리에서 만나는 입력 행·열 (보폭만큼 건너뛴 슬라이스)."""
    (sh, sw), (oh, ow) = strides, out_hw
    return slice(i, i + sh * (oh - 1) + 1, sh), slice(j, j + sw * (ow - 1) + 1, sw)


def _col2im_channel_first(dcol, x_shape, kernel_size, strides, pads, out_hw):
    """_im2col_channel_first의 역: (K, M) 기울기를 원래 자리로 되돌려 더해 dx (N, H, W, C)를 만든다."""
    n, h, w, c = x_shape
    (kh, kw), (pt, pb), (pl, pr) = kernel_size, pads[0], pads[1]
    oh, ow = out_hw
    view = dcol.reshape(kh, kw, c, n, oh, ow)
    dxt = np.zeros((c, n, h + pt + pb, w + pl + pr), dtype=dcol.dtype)
    for i in range(kh):
        for j in range(kw):
            dxt[(slice(None), slice(None), *_tap(i, j, strides, out_hw))] += view[i, j]
    return np.ascontiguousarray(dxt[:, :, pt:pt + h, pl:pl + w].transpose(1, 2, 3, 0))


def _im2col_rows(x, kernel_size, strides, pads, out_hw, ones):
    """입력을 (M, K [+1]) 행렬로 펼친다. 행은 (N, OH, OW) 순서, 열은 (kh, kw, C) 순서다 (채널이 많을 때)."""
    n, h, w, c = x.shape
    (kh, kw), (pt, pb), (pl, pr) = kernel_size, pads[0], pads[1]
    oh, ow = out_hw
    if pt or pb or pl or pr:
        xp = np.zeros((n, h + pt + pb, w + pl + pr, c), dtype=x.dtype)
        xp[:, pt:pt + h, pl:pl + w, :] = x
    else:
        xp = x
    k = kh * kw * c
    col = np.empty((n * oh * ow, k + ones), dtype=x.dtype)
    # col[:, :k]는 행 사이에 틈이 있어도 (N, OH, OW, kh, kw, C)의 뷰로 볼 수 있다. copy=False로 뷰임을 보장한다.
    view = np.reshape(col[:, :k], (n, oh, ow, kh, kw, c), copy=False)
    for i in range(kh):
        for j in range(kw):
            rows, cols = _tap(i, j, strides, out_hw)
            view[:, :, :, i, j, :] = xp[:, rows, cols, :]
    if ones:
        col[:, k] = 1
    return col


def _col2im_rows(dcol, x_shape, kernel_size, strides, pads, out_hw):
    """_im2col_rows의 역: (M, K) 기울기를 원래 자리로 되돌려 더해 dx (N, H, W, C)를 만든다."""
    n, h, w, c = x_shape
    (kh, kw), (pt, pb), (pl, pr) = kernel_size, pads[0], pads[1]
    oh, ow = out_hw
    view = dcol.reshape(n, oh, ow, kh, kw, c)
    dxp = np.zeros((n, h + pt + pb, w + pl + pr, c), dtype=dcol.dtype)
    for i in range(kh):
        for j in range(kw):
            rows, cols = _tap(i, j, strides, out_hw)
            dxp[:, rows, cols, :] += view[:, :, :, i, j, :]
    if pt or pb or pl or pr:
        return np.ascontiguousarray(dxp[:, pt:pt + h, pl:pl + w, :])
    return dxp


# ---------------------------------------------------------------------------
# 풀링 층
# ---------------------------------------------------------------------------

def _axis_windows(a: np.ndarray, axis: int, f: int, s: int, out_n: int) -> list[np.ndarray]:
    """a의 한 축(1 = 높이, 2 = 너비)을 따라 크기 f, 스트라이드 s인 창을 놓을 때, 창 안의 위치마다
    '모든 창에서 그 위치에 놓인 원소'를 모은 뷰를 만든다. 뷰의 그 축 길이는 out_n이다.

    창이 겹치지 않고 크기가 나누어떨어지는 흔한 경우(창 2, 스트라이드 2)에는 reshape만으로 창이 축으로
    드러난다. 높이 축이면 (N, H/2, 2, W, C)의 세 번째 축을, 너비 축이면 (N, OH, W/2, 2, C)의 네 번째
    축을 고르는 것이 곧 창 안의 위치다. 그 밖의 경우에는 스트라이드 슬라이스로 같은 뷰를 만든다.
    """
    lead = (slice(None),) * axis
    if s == f and a.shape[axis] == out_n * f and a.flags.c_contiguous:
        r = a.reshape(a.shape[:axis] + (out_n, f) + a.shape[axis + 1:])
        return [r[lead + (slice(None), i)] for i in range(f)]
    return [a[lead + (slice(i, i + s * (out_n - 1) + 1, s),)] for i in range(f)]


def _axis_targets(shape: tuple, axis: int, f: int, s: int, out_n: int, dtype):
    """역전파에서 기울기를 받을 배열과 창 위치별 뷰, 그리고 더해야(누적) 하는지를 돌려준다.

    창이 겹치지 않으면 각 원소는 많아야 한 창에 속하므로 뷰에 바로 쓰고, 겹치면 더한다.
    어떤 창도 덮지 않는 원소(버린 행·열)가 있거나 겹치면 0으로 채운 배열에서 시작한다.
    """
    accumulate = s < f
    covered = s == f and out_n * f == shape[axis]
    buf = np.empty(shape, dtype=dtype) if covered else np.zeros(shape, dtype=dtype)
    return buf, _axis_windows(buf, axis, f, s, out_n), accumulate


def _put(target: np.ndarray, value: np.ndarray, accumulate: bool) -> None:
    if accumulate:
        target += value
    else:
        target[...] = value


def _tree_max(arrays: list[np.ndarray]):
    """배열들을 토너먼트처럼 둘씩 겨루어 원소별 최댓값을 구한다.

    라운드마다 '오른쪽(뒤 자리)이 이겼는가'를 불리언 배열로 남긴다. 비기면 왼쪽(앞 자리)이 이긴다.
    """
    level, rounds = list(arrays), []
    while len(level) > 1:
        pairs = list(zip(level[0::2], level[1::2]))
        rounds.append([b > a for a, b in pairs])
        nxt = [np.maximum(a, b) for a, b in pairs]
        if len(level) % 2:
            nxt.append(level[-1])  # 짝이 없으면 다음 라운드로 그냥 올라간다.
        level = nxt
    return level[0], rounds


def _tree_max_backward(g: np.ndarray, rounds, targets, accumulate: bool) -> None:
    """_tree_max의 기록을 거꾸로 따라 기울기 g를 이긴 자리로만 보내 targets에 쓴다."""
    if not rounds:  # 창 크기가 1이면 겨룬 적이 없다.
        _put(targets[0], g, accumulate)
        return
    grads = [g]
    for depth, wins in enumerate(reversed(rounds)):
        leaves = depth == len(rounds) - 1  # 마지막으로 되돌리는 라운드는 창 안의 자리들과 바로 맞닿는다.
        nxt = []
        for p, (g_node, right) in enumerate(zip(grads, wins)):
            if leaves and not accumulate:
                # 임시 배열 없이 창 안의 자리(뷰)에 바로 쓴다.
                left_t, right_t = targets[2 * p], targets[2 * p + 1]
                np.multiply(g_node, right, out=right_t)
                np.subtract(g_node, right_t, out=left_t)  # g − g·1 = 0, g − 0 = g: 정확하다.
                continue
            g_right = g_node * right
            nxt.append(g_node - g_right)
            nxt.append(g_right)
        if len(grads) > len(wins):
            if leaves and not accumulate:
                _put(targets[-1], grads[-1], False)
            else:
                nxt.append(grads[-1])
        grads = nxt
    if accumulate:
        for target, part in zip(targets, grads):
            target += part


class _Pooling2D(Layer):
    """풀링 층의 공통 틀: 창(window)의 크기와 스트라이드, 패딩, 출력 크기.

    풀링은 창 안의 위치마다 '모든 창에서 그 위치에 놓인 원소'를 모은 뷰끼리의 원소별 연산이다.
    파이썬 반복은 창 크기만큼만 돌고, 나머지는 NumPy가 배열 전체에 한 번에 한다.
    """

    _fill = 0.0  # 'same' 패딩 자리에 채울 값

    def __init__(self, pool_size=2, strides=None, padding="valid", name: str | None = None):
        super().__init__(name)
        kind = type(self).__name__
        self.pool_size = _pair(pool_size, f"{kind}의 pool_size")
        self.strides = self.pool_size if strides is None else _pair(strides, f"{kind}의 strides")
        self.padding = _padding_spec(padding, f"{kind}의 padding", allow_int=False)
        self._cache = None

    def _geometry(self, h: int, w: int):
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        if self.padding == "same":
            pads = (_same_padding(h, ph, sh), _same_padding(w, pw, sw))
        else:
            pads = ((0, 0), (0, 0))
        oh = _pool_output_size(h, ph, sh, *pads[0], f"{self.label()} 층의 높이 방향")
        ow = _pool_output_size(w, pw, sw, *pads[1], f"{self.label()} 층의 너비 방향")
        return pads, (oh, ow)

    def build(self, input_shape, rng=None, dtype=np.float64):
        input_shape = _check_build_shape(input_shape, self)
        self._geometry(input_shape[0], input_shape[1])
        super().build(input_shape)

    def output_shape(self, input_shape):
        h, w, c = _check_build_shape(input_shape, self)
        _, (oh, ow) = self._geometry(h, w)
        return (oh, ow, c)

    def _prepare(self, x, check: bool = True):
        """입력을 검사하고(check) 출력 크기를 정한 뒤, 필요하면 패딩을 붙인 배열 xp를 돌려준다."""
        if check:
            x = _check_images(x, self)
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype)
        pads, out_hw = self._geometry(x.shape[1], x.shape[2])
        (pt, pb), (pl, pr) = pads
        xp = pad_images(x, pads, value=self._fill) if (pt or pb or pl or pr) else x
        return x, pads, out_hw, xp

    @staticmethod
    def _crop(dxp, x_shape, pads):
        n, h, w, c = x_shape
        (pt, pb), (pl, pr) = pads
        if pt or pb or pl or pr:
            return np.ascontiguousarray(dxp[:, pt:pt + h, pl:pl + w, :])
        return dxp

    def _dout(self, dout, check: bool = True):
        """backward에 들어온 dout을 검사하고(check), forward에 들어온 입력의 dtype으로 맞춘다."""
        if self._cache is None:
            self._check_dout(dout, None)
        x_shape, dtype, (oh, ow) = self._cache[0], self._cache[1], self._cache[2]
        if check:
            dout = self._check_dout(dout, (x_shape[0], oh, ow, x_shape[3]))
        return dout.astype(dtype, copy=False)

    def _separable_backward(self, g, rows_shape, pads, out_hw, x_shape, scatter):
        """높이 → 너비 두 단계로 나눈 풀링의 역전파: 너비 단계, 높이 단계 순서로 되돌린다.

        scatter(기울기, 창 위치별 뷰, 누적 여부, 단계)가 한 단계의 기울기를 창 안의 자리들로 나누어 쓴다.
        """
        (ph, pw), (sh, sw), (oh, ow) = self.pool_size, self.strides, out_hw
        g_rows, targets, accumulate = _axis_targets(rows_shape, 2, pw, sw, ow, g.dtype)
        scatter(g, targets, accumulate, "width")
        padded = (x_shape[0], x_shape[1] + sum(pads[0]), rows_shape[2], x_shape[3])
        dxp, targets, accumulate = _axis_targets(padded, 1, ph, sh, oh, g.dtype)
        scatter(g_rows, targets, accumulate, "height")
        return self._crop(dxp, x_shape, pads)

    def __repr__(self):
        args = [f"pool_size={self.pool_size}"]
        if self.strides != self.pool_size:
            args.append(f"strides={self.strides}")
        if self.padding != "valid":
            args.append(f"padding={self.padding!r}")
        return f"{type(self).__name__}({', '.join(args)})"


class MaxPooling2D(_Pooling2D):
    """최대 풀링(max pooling): 창 안에서 가장 큰 값을 고른다. 기울기는 그 값이 있던 자리로만 간다.

    창의 최댓값은 '각 열의 최댓값들 가운데 최댓값'이므로 두 단계로 나누어 구한다. 먼저 높이 방향으로
    창의 행들끼리 겨루고, 그 결과의 너비 방향으로 열들끼리 겨룬다. 겨룰 때는 두 배열씩 ``np.maximum``을 쓰고 '뒤 자리가 이겼는가'를 불리언 배열로
    남긴다. 역전파는 그 기록을 거꾸로 따라 기울기를 이긴 자리로 보낸다.

    같은 최댓값이 여럿이면(ReLU 뒤에는 0끼리 비기는 일이 흔하다) 가장 왼쪽 열의, 그 열에서 가장 위쪽
    자리 하나가 기울기를 받는다. 'same' 패딩 자리는 −∞로 채워 최댓값이 되지 않게 한다.
    """

    _fill = -np.inf

    def forward(self, x, training=False, *, check=True):
        x, pads, (oh, ow), xp = self._prepare(x, check)
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        # 높이 방향을 먼저 겨룬다: 메모리에서 한 줄이 W·C개씩 길게 이어져 있어 빠르다 (bench/README.md).
        rows, wins_h = _tree_max(_axis_windows(xp, 1, ph, sh, oh))      # (N, OH, W, C)
        out, wins_w = _tree_max(_axis_windows(rows, 2, pw, sw, ow))     # (N, OH, OW, C)
        if ph * pw == 1:
            out = out.copy()  # 1×1 창이면 out이 입력의 뷰이므로 복사해 돌려준다.
        self._cache = (x.shape, x.dtype, (oh, ow), pads, rows.shape, wins_h, wins_w)
        return out

    def backward(self, dout, *, need_dx=True, check=True):
        g = self._dout(dout, check)
        x_shape, _, out_hw, pads, rows_shape, wins_h, wins_w = self._cache

        def scatter(grad, targets, accumulate, stage):
            _tree_max_backward(grad, wins_w if stage == "width" else wins_h, targets, accumulate)

        return self._separable_backward(g, rows_shape, pads, out_hw, x_shape, scatter)


class AveragePooling2D(_Pooling2D):
    """평균 풀링(average pooling): 창 안의 평균. 기울기는 창의 모든 자리에 1/(창 크기)씩 나누어 간다.

    최대 풀링처럼 높이 방향의 합, 너비 방향의 합 두 단계로 구한다.
    'same' 패딩의 가장자리 창은 Keras처럼 패딩을 뺀 실제 원소의 수로 나눈다.
    """

    def _counts(self, x_shape, pads, out_hw, dtype):
        """창마다 실제 입력 원소의 수 (OH, OW, 1). 패딩이 없으면 None(모두 창 크기)이다."""
        (pt, pb), (pl, pr) = pads
        if not (pt or pb or pl or pr):
            return None
        counts = []
        for n, f, s, before, out_n in ((x_shape[1], self.pool_size[0], self.strides[0], pt, out_hw[0]),
                                       (x_shape[2], self.pool_size[1], self.strides[1], pl, out_hw[1])):
            start = np.arange(out_n) * s - before
            counts.append(np.minimum(start + f, n) - np.maximum(start, 0))
        return (counts[0][:, None] * counts[1][None, :]).astype(dtype)[:, :, None]

    def forward(self, x, training=False, *, check=True):
        x, pads, (oh, ow), xp = self._prepare(x, check)
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        rows = _sum(_axis_windows(xp, 1, ph, sh, oh))
        out = _sum(_axis_windows(rows, 2, pw, sw, ow))
        counts = self._counts(x.shape, pads, (oh, ow), x.dtype)
        out /= ph * pw if counts is None else counts
        self._cache = (x.shape, x.dtype, (oh, ow), pads, rows.shape, counts)
        return out

    def backward(self, dout, *, need_dx=True, check=True):
        g = self._dout(dout, check)
        x_shape, _, out_hw, pads, rows_shape, counts = self._cache
        share = g / (self.pool_size[0] * self.pool_size[1] if counts is None else counts)

        def scatter(grad, targets, accumulate, stage):
            for target in targets:
                _put(target, grad, accumulate)

        return self._separable_backward(share, rows_shape, pads, out_hw, x_shape, scatter)


def _sum(arrays: list[np.ndarray]) -> np.ndarray:
    """배열들의 원소별 합 (새 배열)."""
    total = arrays[0] + arrays[1] if len(arrays) > 1 else arrays[0].copy()
    for a in arrays[2:]:
        total += a
    return total


class StochasticPooling2D(_Pooling2D):
    """확률적 풀링(stochastic pooling, Zeiler & Fergus 2013).

    창 ``R_j`` 안의 활성값 ``a_i``로 확률 ``p_i = a_i / Σ_{k∈R_j} a_k``를 만든다. 그래서 입력은 ReLU를 지난 값처럼
    0 이상이어야 한다.

    - 학습(``training=True``): 창마다 ``p_i``에 따라 활성값 하나를 뽑아 출력한다. 기울기는 뽑힌 자리로만 간다.
      드롭아웃처럼 여러 네트워크를 평균하는 효과가 있다.
    - 추론(``training=False``): 확률로 가중한 평균 ``Σ p_i·a_i = Σ a_i² / Σ a_k``를 출력한다. 역전파는 이
      식의 기울기 ``(2·a_i − 출력) / Σ a_k``를 쓴다.
    - 창이 모두 0이면 확률을 정할 수 없으므로 출력도 기울기도 0으로 둔다.

    최대·평균 풀링과 달리 창 전체에서 하나를 뽑으므로 두 단계로 나눌 수 없다. 그래서 창 안의 위치
    (i, j)마다 (N, OH, OW, C) 뷰를 만들어 kh·kw개 배열끼리 계산한다.
    ``seed``는 정수나 ``np.random.Generator``다. 주지 않으면 모델(Sequential)이 build할 때 넘겨주는
    난수 생성기를 쓴다. 창은 겹쳐도 되고 padding은 'valid'만 쓴다 (남는 행과 열은 버린다).
    """

    def __init__(self, pool_size=2, strides=None, seed=None, name: str | None = None):
        super().__init__(pool_size, strides, "valid", name)
        # None이면 build 때 모델의 난수 생성기를 받아 쓴다.
        self.rng = None if seed is None else as_generator(seed, "StochasticPooling2D의 seed")

    def build(self, input_shape, rng=None, dtype=np.float64):
        super().build(input_shape)
        if self.rng is None:
            self.rng = rng if rng is not None else np.random.default_rng()

    def _windows(self, a, out_hw):
        """창 안의 위치 (i, j)마다 (N, OH, OW, C) 뷰. 순서는 행 우선이다."""
        (ph, pw), (sh, sw), (oh, ow) = self.pool_size, self.strides, out_hw
        return [v for rows in _axis_windows(a, 1, ph, sh, oh) for v in _axis_windows(rows, 2, pw, sw, ow)]

    def forward(self, x, training=False, *, check=True):
        if check:
            x = _check_images(x, self)
        if np.any(x < 0):  # 모델 안에서도 검사한다: 음수가 있으면 확률을 만들 수 없다
            negative = x < 0
            raise ValueError(
                f"{self.label()} 층의 입력은 확률 p_i = a_i / Σ a_k를 만들 수 있게 0 이상이어야 하는데 음수가 "
                f"{int(np.count_nonzero(negative))}개 있고 가장 작은 값은 {float(x.min()):g}이다 "
                f"(앞에 ReLU를 두면 된다)."
            )
        x, pads, out_hw, xp = self._prepare(x, check=False)
        windows = self._windows(xp, out_hw)
        # 누적합 c_k = a_0 + … + a_k, 창의 합 S = 마지막 누적합.
        cums = [windows[0]]
        for a in windows[1:]:
            cums.append(cums[-1] + a)
        total = cums[-1]
        positive = total > 0
        if training:
            # u ~ U(0, 1)에 대해 c_(k−1) ≤ u·S < c_k인 k를 고르면 k가 뽑힐 확률은 a_k / S이다.
            # 고른 k의 활성값은 언제나 양수다 (a_k = 0이면 c_(k−1) = c_k라서 그 구간이 비어 있다).
            udtype = x.dtype if x.dtype in (np.float32, np.float64) else np.float64
            u = self.rng.random(total.shape, dtype=udtype)
            threshold = (u * total).astype(x.dtype, copy=False)
            # 반올림으로 u·S가 S와 같아지는 드문 경우에도 구간 안에 들도록 S 바로 아래 수로 막는다.
            np.minimum(threshold, np.nextafter(total, np.zeros((), x.dtype)), out=threshold)
            chosen = np.zeros(total.shape, dtype=np.int32)
            for c in cums[:-1]:
                chosen += c <= threshold
            chosen[~positive] = len(windows)  # 모두 0인 창은 아무 자리도 고르지 않는다.
            out = np.zeros(total.shape, dtype=x.dtype)
            for k, a in enumerate(windows):
                np.copyto(out, a, where=chosen == k)
            self._cache = (x.shape, x.dtype, out_hw, pads, x, ("train", chosen))
            return out
        squares = windows[0] * windows[0]
        for a in windows[1:]:
            squares += a * a
        out = np.divide(squares, total, out=np.zeros(total.shape, dtype=x.dtype), where=positive)
        self._cache = (x.shape, x.dtype, out_hw, pads, x, ("infer", total, positive, out))
        return out

    def backward(self, dout, *, need_dx=True, check=True):
        g = self._dout(dout, check)
        x_shape, _, out_hw, pads, x, state = self._cache
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        accumulate = sh < ph or sw < pw
        dx = np.zeros(x_shape, dtype=g.dtype)
        targets = self._windows(dx, out_hw)
        if state[0] == "train":
            chosen = state[1]
            for k, target in enumerate(targets):
                _put(target, g * (chosen == k), accumulate)
        else:
            _, total, positive, out = state
            g_over_total = np.divide(g, total, out=np.zeros(g.shape, dtype=g.dtype), where=positive)
            for target, a in zip(targets, self._windows(x, out_hw)):
                _put(target, g_over_total * (2 * a - out), accumulate)
        return dx
