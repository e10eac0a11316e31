"""합성곱·풀링·평탄화 층: 기울기 확인, 반복문으로 쓴 정의와의 비교, 강의의 예, 잘못된 입력."""

import numpy as np
import pytest

from nnbook import SGD, Dense, Sequential, load_model, losses, regularizers
from nnbook.conv import (
    AveragePooling2D,
    Conv2D,
    Flatten,
    MaxPooling2D,
    StochasticPooling2D,
    conv_output_size,
    pad_images,
)
from nnbook.gradcheck import check_layer, numerical_gradient, relative_error

# ---------------------------------------------------------------------------
# 정의 그대로 반복문으로 쓴 기준 구현 (느리지만 틀리기 어렵다)
# ---------------------------------------------------------------------------


def same_pads(n, f, s):
    out = -(-n // s)
    total = max((out - 1) * s + f - n, 0)
    return total // 2, total - total // 2


def resolve_pads(padding, h, w, kh, kw, sh, sw):
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        return same_pads(h, kh, sh), same_pads(w, kw, sw)
    return (padding, padding), (padding, padding)


def conv_reference(x, kernel, bias, strides, padding):
    """출력[n, i, j, f] = Σ_{a, b, c} 패딩한 입력[n, i·S + a, j·S + b, c] · 커널[a, b, c, f] + 편향[f]."""
    kh, kw, c_in, filters = kernel.shape
    (sh, sw) = strides
    n, h, w, _ = x.shape
    (pt, pb), (pl, pr) = resolve_pads(padding, h, w, kh, kw, sh, sw)
    xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    oh = (h + pt + pb - kh) // sh + 1
    ow = (w + pl + pr - kw) // sw + 1
    out = np.zeros((n, oh, ow, filters))
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                patch = xp[b, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
                for f in range(filters):
                    out[b, i, j, f] = np.sum(patch * kernel[:, :, :, f]) + bias[f]
    return out


def conv_reference_backward(x, kernel, dout, strides, padding):
    """출력의 각 원소가 어떤 입력·커널 원소에 곱해졌는지를 하나씩 따라가며 기울기를 더한다."""
    kh, kw, c_in, filters = kernel.shape
    (sh, sw) = strides
    n, h, w, _ = x.shape
    (pt, pb), (pl, pr) = resolve_pads(padding, h, w, kh, kw, sh, sw)
    xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    dxp = np.zeros_like(xp)
    dk = np.zeros_like(kernel)
    db = np.zeros(filters)
    _, oh, ow, _ = dout.shape
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                for f in range(filters):
                    g = dout[b, i, j, f]
                    dxp[b, i * sh:i * sh + kh, j * sw:j * sw + kw, :] += g * kernel[:, :, :, f]
                    dk[:, :, :, f] += g * xp[b, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
                    db[f] += g
    return dxp[:, pt:pt + h, pl:pl + w, :], dk, db


def pool_windows(h, w, pool, strides, padding):
    """출력 자리마다 창이 덮는 (실제 입력 안의) 행 범위와 열 범위."""
    (ph, pw), (sh, sw) = pool, strides
    if padding == "same":
        (pt, pb), (pl, pr) = same_pads(h, ph, sh), same_pads(w, pw, sw)
    else:
        pt = pb = pl = pr = 0
    oh = (h + pt + pb - ph) // sh + 1
    ow = (w + pl + pr - pw) // sw + 1
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * sh - pt, j * sw - pl
            rows = range(max(r0, 0), min(r0 + ph, h))
            cols = range(max(c0, 0), min(c0 + pw, w))
            yield i, j, rows, cols


def max_pool_reference(x, dout, pool, strides, padding):
    """최대 풀링과 그 기울기. 같은 최댓값이 여럿이면 가장 왼쪽 열, 그 열에서 가장 위쪽 자리가 받는다."""
    n, h, w, c = x.shape
    windows = list(pool_windows(h, w, pool, strides, padding))
    oh, ow = windows[-1][0] + 1, windows[-1][1] + 1
    out = np.zeros((n, oh, ow, c))
    dx = np.zeros_like(x)
    for b in range(n):
        for ch in range(c):
            for i, j, rows, cols in windows:
                best = None
                for col in cols:  # 열 우선 순서로 훑어 처음 나온 최댓값을 고른다.
                    for row in rows:
                        if best is None or x[b, row, col, ch] > x[b, best[0], best[1], ch]:
                            best = (row, col)
                out[b, i, j, ch] = x[b, best[0], best[1], ch]
                dx[b, best[0], best[1], ch] += dout[b, i, j, ch]
    return out, dx


def average_pool_reference(x, dout, pool, strides, padding):
    """평균 풀링과 그 기울기 ('same'의 가장자리 창은 실제 원소 수로 나눈다)."""
    n, h, w, c = x.shape
    windows = list(pool_windows(h, w, pool, strides, padding))
    oh, ow = windows[-1][0] + 1, windows[-1][1] + 1
    out = np.zeros((n, oh, ow, c))
    dx = np.zeros_like(x)
    for i, j, rows, cols in windows:
        block = x[:, rows.start:rows.stop, cols.start:cols.stop, :]
        count = len(rows) * len(cols)
        out[:, i, j, :] = block.sum(axis=(1, 2)) / count
        dx[:, rows.start:rows.stop, cols.start:cols.stop, :] += dout[:, i:i + 1, j:j + 1, :] / count
    return out, dx


def stochastic_inference_reference(x, dout, pool, strides):
    """추론 모드의 확률적 풀링: Σ a_i² / Σ a_k와 그 기울기 (2a_i − 출력) / Σ a_k."""
    n, h, w, c = x.shape
    windows = list(pool_windows(h, w, pool, strides, "valid"))
    oh, ow = windows[-1][0] + 1, windows[-1][1] + 1
    out = np.zeros((n, oh, ow, c))
    dx = np.zeros_like(x)
    for b in range(n):
        for ch in range(c):
            for i, j, rows, cols in windows:
                a = x[b, rows.start:rows.stop, cols.start:cols.stop, ch]
                total = a.sum()
                if total == 0:
                    continue
                p = a / total
                out[b, i, j, ch] = np.sum(p * a)
                dx[b, rows.start:rows.stop, cols.start:cols.stop, ch] += (
                    dout[b, i, j, ch] * (2 * a - out[b, i, j, ch]) / total)
    return out, dx


def built_conv(seed=0, c_in=1, **kwargs):
    layer = Conv2D(**kwargs)
    layer.build((9, 9, c_in), np.random.default_rng(seed))
    if layer.use_bias:
        layer.params["bias"][...] = np.random.default_rng(seed + 100).standard_normal(layer.filters)
    return layer


# ---------------------------------------------------------------------------
# 출력 크기와 패딩 (001 강의)
# ---------------------------------------------------------------------------


def test_output_size_formula():
    assert conv_output_size(5, 3) == 3            # 001: 5×5 이미지, 3×3 커널 → 3×3 특징 맵
    assert conv_output_size(32, 5, 1, 2) == 32    # 패딩 2면 5×5 필터를 써도 크기가 그대로다.
    assert conv_output_size(7, 3, 2, 0) == 3
    assert conv_output_size(28, 3, 1, 1) == 28
    assert conv_output_size(4, 4) == 1


def test_output_size_errors_name_the_numbers():
    with pytest.raises(ValueError, match=r"\(28 \+ 2×0 − 3\)/2 \+ 1 = 13.5") as info:
        conv_output_size(28, 3, 2, 0)
    assert "정수가 아니다" in str(info.value)
    with pytest.raises(ValueError, match="F=5") as info:
        conv_output_size(3, 5)
    assert "양수가 아니다" in str(info.value)
    with pytest.raises(ValueError, match="패딩 p"):
        conv_output_size(5, 3, 1, -1)
    with pytest.raises(ValueError, match="스트라이드 s"):
        conv_output_size(5, 3, 0)


def test_pad_images_lecture_example():
    rng = np.random.default_rng(0)
    image = rng.standard_normal((32, 32, 3))
    before = image.copy()
    padded = pad_images(image, 2)
    assert padded.shape == (36, 36, 3)            # 001: (32, 32, 3)의 바깥에 2픽셀 → (36, 36, 3)
    np.testing.assert_array_equal(padded[2:34, 2:34], image)
    ring = np.ones((36, 36), bool)
    ring[2:34, 2:34] = False
    assert np.all(padded[ring] == 0)
    np.testing.assert_array_equal(image, before)  # 입력은 그대로다.
    assert pad_images(np.zeros((4, 32, 32, 3)), 2).shape == (4, 36, 36, 3)
    assert pad_images(np.zeros((1, 5, 5, 1)), (1, 0)).shape == (1, 7, 5, 1)
    asym = pad_images(np.ones((1, 2, 2, 1)), ((0, 1), (2, 0)))
    assert asym.shape == (1, 3, 4, 1) and asym.sum() == 4 and asym[0, 0, 2, 0] == 1
    assert pad_images(np.ones((3, 3, 1), dtype=np.int64), 1).dtype == np.int64
    assert pad_images(np.ones((3, 3, 1), dtype=np.float32), 1).dtype == np.float32
    with pytest.raises(ValueError, match="padding"):
        pad_images(image, -1)
    with pytest.raises(ValueError, match="3차원"):
        pad_images(np.zeros((5, 5)), 1)


def test_lecture_5x5_image_3x3_kernel():
    # 001 강의의 5×5 이미지. 커널은 이 그림(Convolved Feature)이 널리 쓰는 [[1,0,1],[0,1,0],[1,0,1]]이다.
    image = np.array([[1, 1, 1, 0, 0],
                      [0, 1, 1, 1, 0],
                      [0, 0, 1, 1, 1],
                      [0, 0, 1, 1, 0],
                      [0, 1, 1, 0, 0]], dtype=float)
    kernel = np.array([[1, 0, 1],
                       [0, 1, 0],
                       [1, 0, 1]], dtype=float)
    layer = Conv2D(1, 3, use_bias=False)
    layer.build((5, 5, 1), np.random.default_rng(0))
    layer.set_weights([kernel.reshape(3, 3, 1, 1)])
    feature = layer.forward(image.reshape(1, 5, 5, 1))[0, :, :, 0]
    assert feature[0, 0] == 4                     # 강의가 보여 주는 첫 출력
    np.testing.assert_array_equal(feature, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])


# ---------------------------------------------------------------------------
# 합성곱: 기울기 확인과 기준 구현 비교
# ---------------------------------------------------------------------------

CONV_CASES = [
    # (입력 모양, filters, kernel_size, strides, padding)
    ((2, 6, 6, 1), 2, 3, 1, "valid"),
    ((2, 6, 6, 3), 4, 3, 1, "same"),
    ((2, 7, 7, 2), 3, 3, 2, "same"),
    ((2, 7, 8, 3), 2, (3, 2), 2, "valid"),
    ((2, 5, 5, 9), 3, 3, 1, 1),          # 채널이 많으면 (M, K) 배치로 펼친다.
    ((2, 6, 6, 8), 2, 2, 2, "same"),
    ((1, 7, 7, 1), 2, 5, 3, 2),
    ((2, 8, 8, 2), 2, 4, 2, "same"),     # 짝수 커널의 'same': 아래·오른쪽에 패딩이 하나 더 붙는다.
    ((2, 6, 6, 2), 2, 1, 2, "same"),     # 필터가 스트라이드보다 작다: 패딩 없이 마지막 행·열이 남는다.
    ((1, 7, 8, 1), 2, (1, 2), 3, "same"),
    ((1, 5, 6, 9), 2, 1, 3, "same"),
]


@pytest.mark.parametrize("shape, filters, kernel_size, strides, padding", CONV_CASES)
def test_conv_gradient_check(shape, filters, kernel_size, strides, padding):
    layer = Conv2D(filters, kernel_size, strides=strides, padding=padding)
    layer.build(shape[1:], np.random.default_rng(1))
    layer.params["bias"][...] = np.random.default_rng(2).standard_normal(filters)
    x = np.random.default_rng(3).standard_normal(shape)
    errors = check_layer(layer, x)
    assert set(errors) == {"x", "kernel", "bias"}
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("activation, use_bias", [("tanh", True), ("sigmoid", False), (None, False)])
def test_conv_gradient_check_with_activation_and_without_bias(activation, use_bias):
    layer = Conv2D(3, 3, padding="same", activation=activation, use_bias=use_bias)
    layer.build((5, 5, 2), np.random.default_rng(4))
    errors = check_layer(layer, np.random.default_rng(5).standard_normal((2, 5, 5, 2)))
    assert set(errors) == {"x", "kernel"} | ({"bias"} if use_bias else set())
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("shape, filters, kernel_size, strides, padding", CONV_CASES)
def test_conv_matches_loop_reference(shape, filters, kernel_size, strides, padding):
    layer = Conv2D(filters, kernel_size, strides=strides, padding=padding)
    layer.build(shape[1:], np.random.default_rng(6))
    layer.params["bias"][...] = np.random.default_rng(7).standard_normal(filters)
    x = np.random.default_rng(8).standard_normal(shape)
    kernel, bias = layer.params["kernel"], layer.params["bias"]
    out = layer.forward(x)
    expected = conv_reference(x, kernel, bias, layer.strides, padding)
    assert out.shape == expected.shape == (shape[0],) + layer.output_shape(shape[1:])
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)

    dout = np.random.default_rng(9).standard_normal(out.shape)
    dx = layer.backward(dout)
    dx_ref, dk_ref, db_ref = conv_reference_backward(x, kernel, dout, layer.strides, padding)
    np.testing.assert_allclose(dx, dx_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["kernel"], dk_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["bias"], db_ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("n, kernel, stride", [(6, 1, 2), (7, 1, 3), (6, 2, 3), (5, 3, 1), (9, 2, 4)])
def test_conv_same_padding_gives_ceil_n_over_s_for_every_kernel_and_stride(n, kernel, stride):
    # Keras·PyTorch의 'same': 출력은 ⌈N/S⌉ (예: 6×6에 1×1 필터, 스트라이드 2 → 3×3).
    layer = Conv2D(1, kernel, strides=stride, padding="same")
    expected = -(-n // stride)
    assert layer.output_shape((n, n, 1)) == (expected, expected, 1)
    out = layer.forward(np.ones((1, n, n, 1)))
    assert out.shape == (1, expected, expected, 1)


def test_conv_same_padding_keeps_size_and_counts_parameters():
    layer = Conv2D(16, 3, padding="same")
    assert layer.output_shape((28, 28, 1)) == (28, 28, 16)
    assert Conv2D(16, 3, strides=2, padding="same").output_shape((28, 28, 1)) == (14, 14, 16)
    assert Conv2D(8, 5).output_shape((32, 32, 3)) == (28, 28, 8)
    layer.build((28, 28, 3), np.random.default_rng(0))
    assert layer.params["kernel"].shape == (3, 3, 3, 16)   # Keras와 같은 (kh, kw, 입력 채널, filters)
    assert layer.count_params() == 3 * 3 * 3 * 16 + 16     # 공유 가중치: 이미지 크기와 무관하다.
    assert repr(layer) == "Conv2D(16, (3, 3), padding='same')"


def test_conv_kernel_initializers():
    layer = Conv2D(16, 3, kernel_initializer="glorot_uniform")
    layer.build((8, 8, 3), np.random.default_rng(0))
    limit = np.sqrt(6 / (3 * 3 * 3 + 3 * 3 * 16))  # fan_in = kh·kw·입력 채널, fan_out = kh·kw·filters
    kernel = layer.params["kernel"]
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.9 * limit

    def constant(shape, rng, dtype):
        return np.full(shape, 0.5, dtype=dtype)

    layer = Conv2D(2, 3, kernel_initializer=constant)
    layer.build((4, 4, 1), np.random.default_rng(0), dtype=np.float32)
    assert layer.params["kernel"].dtype == np.float32 and np.all(layer.params["kernel"] == 0.5)
    with pytest.raises(ValueError, match="kernel_initializer는 모양이 \\(3, 3, 1, 2\\)"):
        Conv2D(2, 3, kernel_initializer=lambda shape, rng, dtype: np.zeros(3)).build((4, 4, 1))
    with pytest.raises(ValueError, match="알 수 없는 초기화 이름 3.*he_normal"):
        Conv2D(2, 3, kernel_initializer=3)


# ---------------------------------------------------------------------------
# 풀링: 기준 구현 비교와 기울기 확인
# ---------------------------------------------------------------------------

POOL_CASES = [
    # (입력 모양, pool_size, strides, padding)
    ((2, 4, 6, 3), 2, None, "valid"),
    ((2, 7, 7, 2), 2, None, "valid"),    # 나누어떨어지지 않으면 Keras처럼 마지막 행·열을 버린다.
    ((1, 6, 6, 2), 3, 1, "valid"),       # 겹치는 창
    ((2, 7, 6, 2), 3, 2, "same"),
    ((1, 5, 5, 2), 2, None, "same"),
    ((1, 6, 7, 1), (2, 3), (1, 2), "valid"),
]


@pytest.mark.parametrize("shape, pool, strides, padding", POOL_CASES)
def test_max_pooling_matches_loop_reference(shape, pool, strides, padding):
    layer = MaxPooling2D(pool, strides, padding)
    x = np.random.default_rng(10).standard_normal(shape)
    out = layer.forward(x)
    dout = np.random.default_rng(11).standard_normal(out.shape)
    out_ref, dx_ref = max_pool_reference(x, dout, layer.pool_size, layer.strides, padding)
    np.testing.assert_array_equal(out, out_ref)
    assert out.shape[1:] == layer.output_shape(shape[1:])
    np.testing.assert_allclose(layer.backward(dout), dx_ref, rtol=1e-14, atol=0)


@pytest.mark.parametrize("shape, pool, strides, padding", POOL_CASES)
def test_average_pooling_matches_loop_reference(shape, pool, strides, padding):
    layer = AveragePooling2D(pool, strides, padding)
    x = np.random.default_rng(12).standard_normal(shape)
    out = layer.forward(x)
    dout = np.random.default_rng(13).standard_normal(out.shape)
    out_ref, dx_ref = average_pool_reference(x, dout, layer.pool_size, layer.strides, padding)
    np.testing.assert_allclose(out, out_ref, rtol=1e-12, atol=1e-15)
    assert out.shape[1:] == layer.output_shape(shape[1:])
    np.testing.assert_allclose(layer.backward(dout), dx_ref, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape, pool, strides", [((2, 4, 6, 3), 2, None), ((1, 7, 7, 2), 3, 2),
                                                  ((1, 6, 5, 2), 2, 1)])
def test_stochastic_pooling_inference_matches_loop_reference(shape, pool, strides):
    layer = StochasticPooling2D(pool, strides, seed=0)
    x = np.abs(np.random.default_rng(14).standard_normal(shape))
    x[0, :pool, :pool, 0] = 0.0                 # 모두 0인 창이 하나 있다.
    out = layer.forward(x, training=False)
    dout = np.random.default_rng(15).standard_normal(out.shape)
    out_ref, dx_ref = stochastic_inference_reference(x, dout, layer.pool_size, layer.strides)
    np.testing.assert_allclose(out, out_ref, rtol=1e-12, atol=1e-15)
    assert out[0, 0, 0, 0] == 0.0
    np.testing.assert_allclose(layer.backward(dout), dx_ref, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("layer", [
    MaxPooling2D(2), MaxPooling2D(3, 1), MaxPooling2D(3, 2, "same"), MaxPooling2D((2, 3)),
    AveragePooling2D(2), AveragePooling2D(3, 1), AveragePooling2D(3, 2, "same"),
    StochasticPooling2D(2, seed=0), StochasticPooling2D(3, 2, seed=0),
], ids=repr)
def test_pooling_gradient_check(layer):
    x = np.random.default_rng(16).standard_normal((2, 7, 6, 3))
    if isinstance(layer, StochasticPooling2D):
        x = np.abs(x) + 0.1                     # 추론 모드 Σa²/Σa는 양수 입력에서 매끄럽다.
    assert check_layer(layer, x)["x"] < 1e-7


def test_max_pooling_ties_send_the_gradient_to_one_position():
    x = np.zeros((1, 4, 4, 2))                  # ReLU 뒤처럼 모든 창이 0으로 비긴다.
    x[0, 2, 3, 1] = 0.5
    layer = MaxPooling2D(2)
    out = layer.forward(x)
    dout = np.arange(1.0, 9.0).reshape(1, 2, 2, 2)
    dx = layer.backward(dout)
    np.testing.assert_array_equal(out[0, :, :, 1], [[0, 0], [0, 0.5]])
    assert np.count_nonzero(dx) == dout.size    # 창마다 정확히 한 자리
    assert dx.sum() == dout.sum()
    assert dx[0, 0, 0, 0] == dout[0, 0, 0, 0]   # 비기면 창의 왼쪽 위
    assert dx[0, 2, 3, 1] == dout[0, 1, 1, 1]   # 유일한 최댓값


# ---------------------------------------------------------------------------
# 확률적 풀링
# ---------------------------------------------------------------------------


def test_stochastic_inference_is_the_probability_weighted_average():
    window = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = window.reshape(1, 2, 2, 1)
    layer = StochasticPooling2D(2, seed=0)
    p = window / window.sum()                   # p_i = a_i / Σ a_k = 0.1, 0.2, 0.3, 0.4
    expected = np.sum(p * window)               # 0.1·1 + 0.2·2 + 0.3·3 + 0.4·4 = 3.0
    assert expected == pytest.approx(3.0)
    assert layer.forward(x, training=False)[0, 0, 0, 0] == pytest.approx(expected, rel=1e-15)


def test_stochastic_sampling_follows_p():
    values = np.array([1.0, 2.0, 3.0, 4.0])
    windows = 40_000
    x = np.tile(values.reshape(1, 2, 2, 1), (windows, 1, 1, 1))
    layer = StochasticPooling2D(2, seed=123)
    out = layer.forward(x, training=True).ravel()
    counts = np.array([np.sum(out == v) for v in values])
    assert counts.sum() == windows              # 출력은 언제나 창 안의 값 하나다.
    expected = windows * values / values.sum()
    chi2 = np.sum((counts - expected) ** 2 / expected)
    assert chi2 < 16.27, (counts, expected)     # 자유도 3의 카이제곱 분포에서 p = 0.001인 값


def test_stochastic_sampling_never_picks_zero_and_handles_all_zero_windows():
    x = np.zeros((5000, 2, 4, 1))
    x[:, 0, 1, 0] = 1.0                         # 첫 창: [0, 1; 0, 3] → 1은 1/4, 3은 3/4
    x[:, 1, 1, 0] = 3.0                         # 둘째 창: 모두 0
    layer = StochasticPooling2D(2, seed=7)
    out = layer.forward(x, training=True)
    first = out[:, 0, 0, 0]
    assert set(np.unique(first)) == {1.0, 3.0}
    assert abs(np.mean(first == 1.0) - 0.25) < 0.03
    assert np.all(out[:, 0, 1, 0] == 0)
    dx = layer.backward(np.ones_like(out))
    assert np.all(dx[:, :, 2:, :] == 0)         # 모두 0인 창에는 기울기도 없다.
    np.testing.assert_array_equal(layer.forward(x[:1], training=False)[0, :, :, 0], [[2.5, 0.0]])


def test_stochastic_training_gradient_goes_to_the_sampled_position():
    rng = np.random.default_rng(17)
    x = rng.permutation(np.arange(1.0, 1.0 + 3 * 6 * 8 * 2)).reshape(3, 6, 8, 2)  # 모두 다른 양수
    layer = StochasticPooling2D(2, seed=18)
    out = layer.forward(x, training=True)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout)
    for b in range(3):
        for i in range(3):
            for j in range(4):
                for c in range(2):
                    window = x[b, 2 * i:2 * i + 2, 2 * j:2 * j + 2, c]
                    grad = dx[b, 2 * i:2 * i + 2, 2 * j:2 * j + 2, c]
                    sampled = window == out[b, i, j, c]
                    assert sampled.sum() == 1   # 출력은 창 안의 값 하나
                    assert grad[sampled][0] == dout[b, i, j, c]
                    assert np.all(grad[~sampled] == 0)
    # 창이 겹쳐도 창마다 한 자리가 뽑히고, 기울기는 뽑힌 자리들에 더해진다.
    layer = StochasticPooling2D(3, 2, seed=19)
    out = layer.forward(x, training=True)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout)
    assert out.shape == (3, 2, 3, 2)
    assert all(out[b, i, j, c] in x[b, 2 * i:2 * i + 3, 2 * j:2 * j + 3, c]
               for b in range(3) for i in range(2) for j in range(3) for c in range(2))
    assert dx.sum() == pytest.approx(dout.sum(), rel=1e-12)


def test_stochastic_pooling_is_reproducible_with_a_seed():
    x = np.abs(np.random.default_rng(19).standard_normal((4, 6, 6, 3)))
    a = StochasticPooling2D(2, seed=5).forward(x, training=True)
    b = StochasticPooling2D(2, seed=5).forward(x, training=True)
    c = StochasticPooling2D(2, seed=np.random.default_rng(5)).forward(x, training=True)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    # seed가 없으면 모델이 build할 때 넘기는 난수 생성기를 쓴다.
    layer = StochasticPooling2D(2)
    layer.build((6, 6, 3), np.random.default_rng(5))
    np.testing.assert_array_equal(layer.forward(x, training=True), a)


# ---------------------------------------------------------------------------
# 평탄화와 모델 안에서
# ---------------------------------------------------------------------------


def test_flatten_round_trip_and_order():
    x = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2)
    layer = Flatten()
    out = layer.forward(x)
    assert out.shape == (2, 12) and layer.output_shape((3, 2, 2)) == (12,)
    np.testing.assert_array_equal(out[1], x[1].ravel())   # 행 우선: (높이, 너비, 채널) 순서
    dout = np.random.default_rng(20).standard_normal(out.shape)
    np.testing.assert_array_equal(layer.backward(dout), dout.reshape(x.shape))
    assert check_layer(Flatten(), x)["x"] < 1e-7
    with pytest.raises(ValueError, match="2차원 이상"):
        Flatten().forward(np.zeros(3))


def test_small_cnn_in_sequential_has_correct_gradients_and_learns():
    rng = np.random.default_rng(21)
    x = rng.standard_normal((6, 6, 6, 1))
    y = rng.standard_normal((6, 2))
    model = Sequential([Conv2D(3, 3, padding="same", activation="tanh"), AveragePooling2D(2),
                        Conv2D(2, 2), MaxPooling2D(2), Flatten(), Dense(2)], seed=0)
    model.compile(SGD(learning_rate=0.05), "mse")
    model.build((6, 6, 1))
    assert [layer.output_shape(s) for layer, s in zip(
        model.layers, [(6, 6, 1), (6, 6, 3), (3, 3, 3), (2, 2, 2), (1, 1, 2), (2,)])] == [
        (6, 6, 3), (3, 3, 3), (2, 2, 2), (1, 1, 2), (2,), (2,)]
    # 모델 전체의 역전파로 얻은 첫 커널의 기울기를 수치 기울기와 비교한다.
    model.backward(model.loss.gradient(y, model.forward(x)))
    analytic = model.layers[0].grads["kernel"].copy()
    numeric = numerical_gradient(lambda: model.loss(y, model.forward(x)), model.layers[0].params["kernel"])
    assert relative_error(analytic, numeric) < 1e-7
    history = model.fit(x, y, epochs=30, batch_size=3)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_cnn_save_and_load_round_trip(tmp_path):
    rng = np.random.default_rng(25)
    x = np.abs(rng.standard_normal((3, 8, 8, 2)))
    model = Sequential([Conv2D(4, 3, strides=1, padding="same", activation="relu"), StochasticPooling2D(2, seed=1),
                        Conv2D(3, (2, 2), padding=1), MaxPooling2D(2, padding="same"), AveragePooling2D(1),
                        Flatten(), Dense(2)], seed=0)
    expected = model.predict(x)
    path = tmp_path / "cnn.npz"
    model.save(path)
    loaded = load_model(path)
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in model.layers]
    assert loaded.layers[2].kernel_size == (2, 2) and loaded.layers[3].padding == "same"
    np.testing.assert_array_equal(loaded.predict(x), expected)


# ---------------------------------------------------------------------------
# 층의 규칙: 입력을 바꾸지 않고, dtype은 입력을 따른다
# ---------------------------------------------------------------------------

ALL_LAYERS = [
    lambda: Conv2D(4, 3, padding="same"),
    lambda: Conv2D(4, 3, strides=2, padding="same", activation="relu"),
    lambda: Conv2D(2, 3),
    lambda: MaxPooling2D(2),
    lambda: MaxPooling2D(3, 1, "same"),
    lambda: AveragePooling2D(2),
    lambda: AveragePooling2D(3, 2, "same"),
    lambda: StochasticPooling2D(2, seed=0),
    lambda: Flatten(),
]


@pytest.mark.parametrize("make", ALL_LAYERS)
@pytest.mark.parametrize("training", [False, True])
def test_layers_do_not_modify_their_inputs(make, training):
    layer = make()
    x = np.abs(np.random.default_rng(22).standard_normal((2, 8, 8, 9)))
    x_before = x.copy()
    out = layer.forward(x, training=training)
    dout = np.random.default_rng(23).standard_normal(out.shape)
    dout_before = dout.copy()
    dx = layer.backward(dout)
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(dout, dout_before)
    assert dx.shape == x.shape
    assert not np.shares_memory(dx, dout) or isinstance(layer, Flatten)


@pytest.mark.parametrize("make", ALL_LAYERS)
@pytest.mark.parametrize("c_in", [1, 9])
def test_float32_in_float32_out(make, c_in):
    layer = make()
    x = np.abs(np.random.default_rng(24).standard_normal((2, 8, 8, c_in))).astype(np.float32)
    out = layer.forward(x, training=True)
    assert out.dtype == np.float32
    dx = layer.backward(np.ones(out.shape, dtype=np.float32))
    assert dx.dtype == np.float32
    for key, grad in layer.grads.items():
        assert grad.dtype == layer.params[key].dtype == np.float32, key


def test_float32_input_to_a_float64_conv_gives_float32():
    layer = Conv2D(3, 3, padding="same")
    layer.build((6, 6, 2), np.random.default_rng(0), dtype=np.float64)
    x = np.random.default_rng(1).standard_normal((2, 6, 6, 2)).astype(np.float32)
    out = layer.forward(x)
    assert out.dtype == np.float32
    assert layer.backward(np.ones_like(out)).dtype == np.float32
    assert layer.grads["kernel"].dtype == np.float64           # 매개변수의 dtype은 그대로
    expected = layer.forward(x.astype(np.float64))
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


# ---------------------------------------------------------------------------
# 잘못된 입력
# ---------------------------------------------------------------------------


def test_conv_rejects_wrong_ndim_with_a_hint():
    layer = Conv2D(2, 3)
    with pytest.raises(ValueError, match="4차원 배열이어야 하는데 모양이 \\(28, 28, 1\\)") as info:
        layer.forward(np.zeros((28, 28, 1)))
    assert "x[np.newaxis]" in str(info.value)
    with pytest.raises(ValueError, match="4차원"):
        MaxPooling2D().forward(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="\\(높이, 너비, 채널\\)"):
        Conv2D(2, 3).build((28, 28))


def test_conv_rejects_channel_mismatch():
    layer = Conv2D(2, 3)
    layer.forward(np.zeros((1, 5, 5, 3)))
    with pytest.raises(ValueError, match="입력 채널이 3개.*채널이 1개") as info:
        layer.forward(np.zeros((1, 5, 5, 1)))
    assert "(1, 5, 5, 1)" in str(info.value)


def test_conv_rejects_kernel_larger_than_padded_input():
    with pytest.raises(ValueError, match="높이 방향: 필터\\(창\\) 크기 F=5") as info:
        Conv2D(1, 5).forward(np.zeros((1, 3, 8, 1)))
    assert "N + 2P = 3 + 2×0 = 3" in str(info.value)
    assert Conv2D(1, 5, padding=1).forward(np.zeros((1, 3, 8, 1))).shape == (1, 1, 6, 1)
    with pytest.raises(ValueError, match="13.5"):
        Conv2D(1, 3, strides=2).forward(np.zeros((1, 28, 28, 1)))
    with pytest.raises(ValueError, match="풀링 창 크기 3"):
        MaxPooling2D(3).forward(np.zeros((1, 2, 6, 1)))


def test_stochastic_pooling_rejects_negative_input():
    x = np.ones((1, 4, 4, 1))
    x[0, 1, 2, 0] = -0.5
    with pytest.raises(ValueError, match="음수가 1개.*-0.5.*ReLU"):
        StochasticPooling2D(2, seed=0).forward(x)


@pytest.mark.parametrize("make, message", [
    (lambda: Conv2D(0, 3), "filters"),
    (lambda: Conv2D(2, (3, 0)), "kernel_size"),
    (lambda: Conv2D(2, 3, strides=0), "strides"),
    (lambda: Conv2D(2, 3, padding="full"), "'valid', 'same'"),
    (lambda: Conv2D(2, 3, padding=-1), "padding"),
    (lambda: Conv2D(2, 3, activation="relux"), "relu"),
    (lambda: MaxPooling2D(0), "pool_size"),
    (lambda: MaxPooling2D(2, padding=1), "'valid'나 'same'"),
    (lambda: AveragePooling2D(2, strides=(1, 0)), "strides"),
    (lambda: StochasticPooling2D(2, seed=-1), "seed"),
])
def test_bad_hyperparameters(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_bad_dout_and_order_of_calls():
    layer = Conv2D(2, 3)
    with pytest.raises(RuntimeError, match="forward를 먼저"):
        layer.backward(np.zeros((1, 3, 3, 2)))
    with pytest.raises(RuntimeError, match="forward를 먼저"):
        MaxPooling2D().backward(np.zeros((1, 3, 3, 2)))
    out = layer.forward(np.zeros((1, 5, 5, 1)))
    with pytest.raises(ValueError, match="dout 모양은 출력과 같은 \\(1, 3, 3, 2\\)"):
        layer.backward(np.zeros((1, 3, 3, 1)))
    pool = MaxPooling2D()
    pool.forward(out)
    with pytest.raises(ValueError, match="dout 모양"):
        pool.backward(np.zeros((1, 2, 2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        layer.forward(np.full((1, 5, 5, 1), np.nan))
    with pytest.raises(ValueError, match="input_shape"):
        Conv2D(2, 3, input_shape=(28, 28, 1)).forward(np.zeros((1, 28, 28, 3)))


@pytest.mark.parametrize("regularizer", [regularizers.L2(0.05), regularizers.L1(0.03), regularizers.L1L2(0.02, 0.04)])
def test_kernel_penalty_is_in_the_loss_and_in_the_gradient(regularizer):
    """Conv2D와 Dense의 커널 규제는 손실에 벌점을 더하고(Keras처럼), 그 손실의 수치 기울기가 역전파한 기울기와 같다.
    (벌점을 기울기에만 더하고 손실에 빠뜨리면 손실과 기울기가 서로 다른 함수의 것이 되어 이 시험이 실패한다.)"""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 5, 5, 2))
    y = rng.standard_normal((3, 2))
    model = Sequential([Conv2D(3, 3, activation="tanh", kernel_regularizer=regularizer), Flatten(),
                        Dense(2, kernel_regularizer=regularizer)], seed=0)
    model.compile(SGD(0.1), "mse")
    loss = model.compute_gradients(x, y)
    data_loss = losses.MeanSquaredError()(y, model.predict(x))
    penalty = sum(regularizer(layer.params["kernel"]) for layer in (model.layers[0], model.layers[2]))
    assert loss == pytest.approx(data_loss + penalty, rel=1e-12)
    assert penalty > 0
    for layer in (model.layers[0], model.layers[2]):
        analytic = layer.grads["kernel"].copy()
        numeric = numerical_gradient(lambda: model.compute_gradients(x, y), layer.params["kernel"])
        model.compute_gradients(x, y)
        assert relative_error(analytic, numeric) < 1e-6, type(layer).__name__
