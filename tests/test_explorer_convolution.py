"""합성곱 탐색기 (13장): 특징 맵이 창마다 직접 더한 값과 같고, 크기가 (N + 2P − F)/S + 1이며, 모든 격자 상태가 그려진다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.explorers.convolution import (FIXED_KERNELS, INPUT_SIZE, convolution_explorer, convolution_state,
                                          digit_split, kernel_values, learned_kernel, letter_y, trained_digit_cnn)


def _direct_feature_map(image, kernel, stride, padding):
    """창마다 겹친 칸의 곱을 직접 더한다 (시험이 따로 계산하는 기준)."""
    padded = np.zeros((image.shape[0] + 2 * padding, image.shape[1] + 2 * padding))
    padded[padding:padding + image.shape[0], padding:padding + image.shape[1]] = image
    f = kernel.shape[0]
    size = (padded.shape[0] - f) // stride + 1
    out = np.empty((size, size))
    for i in range(size):
        for j in range(size):
            total = 0.0
            for a in range(f):
                for b in range(f):
                    total += padded[i * stride + a, j * stride + b] * kernel[a, b]
            out[i, j] = total
    return out


def _direct_pool(z, kind):
    """렐루를 씌운 특징 맵을 2×2 창(스트라이드 2)으로 풀링한다. 남는 행과 열은 버린다."""
    a = np.maximum(z, 0.0)
    q = a.shape[0] // 2
    out = np.empty((q, q))
    for i in range(q):
        for j in range(q):
            w = a[2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel()
            if kind == "max":
                out[i, j] = w.max()
            elif kind == "average":
                out[i, j] = w.mean()
            else:  # 확률적 풀링의 추론 규칙: Σ p_i a_i, p_i = a_i / Σ a_k (모두 0이면 0)
                out[i, j] = (w * w).sum() / w.sum() if w.sum() > 0 else 0.0
    return out


def _array(live, key):
    return np.asarray(live.canvas._artists[key].get_array(), dtype=float)


@pytest.fixture(scope="module")
def live():
    # 조작기 하나를 모든 시험이 함께 쓴다 (시험마다 필요한 매개변수를 모두 정한다).
    return convolution_explorer.live()


def test_defaults_and_grid():
    assert convolution_explorer.defaults() == {"kernel": "vertical_edge", "stride": 1, "padding": 1, "pooling": "max"}
    assert len(convolution_explorer.grid_states()) == 5 * 2 * 3 * 3


@pytest.mark.parametrize("kernel", ["vertical_edge", "horizontal_edge", "blur", "sharpen", "learned"])
@pytest.mark.parametrize("stride, padding", [(1, 0), (1, 2), (2, 0), (2, 1), (3, 0), (1, 3)])
def test_feature_map_is_the_direct_sum_over_windows(live, kernel, stride, padding):
    live.set(kernel=kernel, stride=stride, padding=padding)
    assert live.errors == []
    image = letter_y(INPUT_SIZE)
    want = _direct_feature_map(image, kernel_values(kernel), stride, padding)
    np.testing.assert_allclose(_array(live, "fmap"), want, atol=1e-12)
    np.testing.assert_allclose(convolution_state(kernel, stride, padding, "max")["feature_map"], want, atol=1e-12)
    # 크기는 (N + 2P − F)/S + 1이고 그림의 제목이 그 식과 값을 적는다.
    size = (INPUT_SIZE + 2 * padding - 3) / stride + 1
    assert size.is_integer() and want.shape == (int(size), int(size))
    assert f"({INPUT_SIZE} + 2·{padding} − 3)/{stride} + 1 = {int(size)}" in live.canvas.axes[2].get_title()
    assert f"{INPUT_SIZE + 2 * padding}×{INPUT_SIZE + 2 * padding}" in live.canvas.axes[1].get_title()
    assert _array(live, "input").shape == (INPUT_SIZE + 2 * padding,) * 2


@pytest.mark.parametrize("pooling", ["max", "average", "stochastic"])
@pytest.mark.parametrize("stride, padding", [(1, 1), (2, 0), (1, 0)])
def test_pooled_map_follows_relu_then_pooling(live, pooling, stride, padding):
    live.set(kernel="sharpen", stride=stride, padding=padding, pooling=pooling)
    z = _direct_feature_map(letter_y(INPUT_SIZE), FIXED_KERNELS["sharpen"], stride, padding)
    pooled = _array(live, "pooled")
    np.testing.assert_allclose(pooled, _direct_pool(z, pooling), atol=1e-12)
    assert pooled.shape[0] == z.shape[0] // 2
    assert f"⌊{z.shape[0]}/2⌋ = {z.shape[0] // 2}" in live.canvas.axes[3].get_title()


def test_stochastic_pooling_lies_between_average_and_max():
    state = {k: convolution_state("blur", 1, 1, k)["pooled"] for k in ("max", "average", "stochastic")}
    assert np.all(state["average"] - 1e-12 <= state["stochastic"])
    assert np.all(state["stochastic"] <= state["max"] + 1e-12)


def test_non_integer_output_size_is_labelled_and_cleared(live):
    live.set(kernel="blur", stride=3, padding=1)  # (15 + 2 − 3)/3 + 1 = 5.67
    assert live.errors == []
    text = live.canvas._artists["invalid"].get_text()
    assert "정수가 아니다" in text and "5.67" in text
    assert convolution_state("blur", 3, 1, "max")["feature_map"] is None
    live.set(stride=1)
    assert live.canvas._artists["invalid"].get_text() == ""
    assert _array(live, "fmap").shape == (INPUT_SIZE,) * 2


def test_every_grid_state_renders_in_place():
    renderer = convolution_explorer.renderer()
    created = renderer.canvas.created
    for state in convolution_explorer.grid_states():
        renderer.update(state)
        assert len(renderer.png()) > 1000, state
    assert renderer.canvas.created == created  # 첫 그림 뒤로 새 그림 요소를 만들지 않았다
    plt.close("all")


def test_learned_kernel_comes_from_the_chapters_trained_cnn():
    model = trained_digit_cnn(seed=0)
    assert trained_digit_cnn(seed=0) is model  # 한 번만 학습한다
    kernels = model.layers[0].params["kernel"][:, :, 0, :]
    norms = np.sqrt((kernels ** 2).sum(axis=(0, 1)))
    np.testing.assert_allclose(learned_kernel(), kernels[:, :, int(np.argmax(norms))])
    _, X_test, _, y_test = digit_split()
    assert np.mean(model.predict(X_test).argmax(axis=1) == y_test) >= 0.98  # 13장이 말하는 정확도


def test_letter_y_is_a_symmetric_y():
    for size in (15, 16):
        y = letter_y(size)
        assert y.shape == (size, size) and set(np.unique(y)) == {0.0, 1.0}
        np.testing.assert_array_equal(y, y[:, ::-1])  # 좌우 대칭
        assert y[size - 3, (size - 1) // 2] == 1.0 and y[0].sum() == 0  # 줄기가 아래로 내려가고 맨 윗줄은 비어 있다
    with pytest.raises(ValueError, match="size"):
        letter_y(5)


def test_static_figure_has_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for state in ({}, {"kernel": "learned", "stride": 2, "padding": 2, "pooling": "stochastic"},
                      {"stride": 3, "padding": 1}):
            canvas = convolution_explorer.render(**state)
            canvas.figure.canvas.draw()
    plt.close("all")
