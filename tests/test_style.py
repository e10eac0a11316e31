"""setup_notebook: 한글이 'Glyph missing' 경고 없이 그려지고, 출력 자릿수와 난수가 정해진다."""

import warnings

import matplotlib.pyplot as plt
import numpy as np

import nnbook


def test_korean_and_symbols_render_without_missing_glyphs():
    rng = nnbook.setup_notebook(seed=1, precision=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.set_title("퍼셉트론의 결정 경계와 기울기 소실 −0.5 ŷ θ σ′ η ∂ ①")
        ax.set_xlabel("$x_1$ 가중합 $w_1x_1 + w_2x_2 + b$")
        ax.plot([-1, 1], [-1, 1])
        fig.canvas.draw()
    plt.close(fig)
    assert isinstance(rng, np.random.Generator)
    assert rng.integers(1000) == np.random.default_rng(1).integers(1000)
    assert np.array2string(np.array([0.123456])) == "[0.123]"
    np.set_printoptions(precision=8, suppress=False)


def test_font_is_nanum_gothic_first():
    nnbook.setup_notebook()
    import matplotlib

    assert matplotlib.rcParams["font.family"][0] == "NanumGothic"


def test_minus_signs_are_the_same_on_linear_and_log_axes():
    # 선형 축의 음수 눈금도 로그 축의 지수(10^{-1}, 수식 글꼴이 U+2212로 그린다)처럼 빼기 기호 U+2212로 쓰고,
    # NanumGothic에 없는 그 글자는 DejaVu Sans가 그리므로 'Glyph missing' 경고가 없다.
    nnbook.setup_notebook()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.plot([-2, 2], [-1, 1])
        fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    plt.close(fig)
    negatives = [s for s in labels if s.startswith(("-", "\u2212"))]
    assert negatives and all(s.startswith("\u2212") for s in negatives), labels


def test_log_axes_have_no_missing_minus_glyph():
    nnbook.setup_notebook()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, (a, b) = plt.subplots(1, 2)
        a.semilogy(np.arange(8), 10.0 ** -np.arange(8))
        b.loglog(np.logspace(-3, 2, 6), np.logspace(-3, 2, 6))
        fig.canvas.draw()
    labels = [t.get_text() for t in a.get_yticklabels()]
    assert any("10^{-" in s for s in labels) and not any("mathdefault" in s for s in labels)
    plt.close(fig)
