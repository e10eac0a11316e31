"""손실 함수: 정의식, Keras식 줄이기, 중앙 차분 기울기, 소프트맥스·시그모이드와 합친 기울기, 001 강의의 숫자."""

import numpy as np
import pytest

from nnbook import activations, losses
from nnbook.gradcheck import numerical_gradient, relative_error

def _regression(seed, shape=(4, 3)):
    rng = np.random.default_rng(seed)
    y_true = rng.uniform(0.5, 3.0, size=shape)
    # 예측이 정답과 같은 점(절댓값의 꺾임)을 피하려고 차이를 0.1 이상 둔다.
    offset = rng.uniform(0.1, 1.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    return y_true, y_true + offset


def _probabilities(seed, shape=(4, 3)):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.05, 0.95, size=shape)  # 자르는 경계 [1e-7, 1 − 1e-7]에서 멀리


def _one_hot(labels, k):
    return np.eye(k)[labels]


def _cases():
    y, p = _regression(1)
    yield "mse", losses.MeanSquaredError(), y, p
    yield "mae", losses.MeanAbsoluteError(), y, p
    yield "mape", losses.MeanAbsolutePercentageError(), y, p
    ym, pm = _regression(2)
    yield "msle", losses.MeanSquaredLogarithmicError(), ym - 0.4, pm - 0.4  # −1보다 큰 음수도 들어간다
    yield "bce", losses.BinaryCrossentropy(), np.random.default_rng(21).integers(0, 2, size=(5, 2)).astype(float), _probabilities(3, (5, 2))
    yield "bce-soft", losses.BinaryCrossentropy(), _probabilities(4, (6,)), _probabilities(5, (6,))
    yield "bce-logits", losses.BinaryCrossentropy(from_logits=True), _probabilities(6, (5, 2)), np.random.default_rng(22).normal(0, 3, (5, 2))
    yield "cce", losses.CategoricalCrossentropy(), _one_hot([0, 2, 1, 2], 3), _probabilities(7)
    yield "cce-logits", losses.CategoricalCrossentropy(from_logits=True), _one_hot([0, 2, 1, 2], 3), np.random.default_rng(23).normal(0, 3, (4, 3))
    yield "nll", losses.NegativeLogLikelihood(), np.array([0, 2, 1, 2]), _probabilities(8)


@pytest.mark.parametrize("name, loss, y_true, y_pred", list(_cases()), ids=[c[0] for c in _cases()])
def test_gradient_matches_central_differences(name, loss, y_true, y_pred):
    y_pred = y_pred.copy()
    analytic = loss.gradient(y_true, y_pred)
    assert analytic.shape == y_pred.shape
    numeric = numerical_gradient(lambda: loss(y_true, y_pred), y_pred)
    assert relative_error(analytic, numeric) < 1e-7


@pytest.mark.parametrize("name, loss, y_true, y_pred", list(_cases()), ids=[c[0] for c in _cases()])
def test_gradient_keeps_float32_and_value_is_a_python_float(name, loss, y_true, y_pred):
    y32 = y_pred.astype(np.float32)
    t = y_true if name == "nll" else y_true.astype(np.float32)
    assert loss.gradient(t, y32).dtype == np.float32
    assert isinstance(loss(t, y32), float)


def test_values_follow_their_definitions_and_keras_reduction():
    y, p = _regression(10)
    assert losses.MSE()(y, p) == pytest.approx(np.mean(np.mean((y - p) ** 2, axis=-1)), rel=1e-15)
    assert losses.MAE()(y, p) == pytest.approx(np.mean(np.abs(y - p)), rel=1e-15)
    assert losses.MAPE()(y, p) == pytest.approx(100 * np.mean(np.abs(y - p) / np.abs(y)), rel=1e-14)
    assert losses.MSLE()(y, p) == pytest.approx(np.mean((np.log(p + 1) - np.log(y + 1)) ** 2), rel=1e-14)
    t = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    o = np.array([[0.9, 0.2], [0.3, 0.6], [0.7, 0.99]])
    bce_rows = -np.mean(t * np.log(o) + (1 - t) * np.log(1 - o), axis=-1)
    assert losses.BinaryCrossentropy()(t, o) == pytest.approx(np.mean(bce_rows), rel=1e-14)
    # 범주형 교차 엔트로피는 클래스에 대해 합, 배치에 대해 평균이다.
    t3 = _one_hot([2, 0], 3)
    o3 = np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]])
    assert losses.CategoricalCrossentropy()(t3, o3) == pytest.approx(-(np.log(0.7) + np.log(0.5)) / 2, rel=1e-14)
    # 로그우도는 정답 클래스의 출력만 보며, 원-핫 정답의 범주형 교차 엔트로피와 값이 같다.
    assert losses.NLL()([2, 0], o3) == pytest.approx(losses.CategoricalCrossentropy()(t3, o3), rel=1e-15)
    assert losses.NLL()(np.array([2.0, 0.0]), o3) == losses.NLL()(np.array([2, 0]), o3)


def test_msle_is_the_correct_formula_not_the_lecture_one():
    # 000 강의: mean(square((log(y_o) + 1) − (log(y_t) + 1))) — +1이 지워져 로그 안의 +1이 사라진다.
    y_t, y_o = np.array([0.0, 1.0, 9.0]), np.array([1.0, 3.0, 99.0])
    correct = np.mean((np.log(y_o + 1) - np.log(y_t + 1)) ** 2)
    assert losses.MSLE()(y_t, y_o) == pytest.approx(correct, rel=1e-15)
    with np.errstate(divide="ignore"):
        lecture = np.mean(((np.log(y_o) + 1) - (np.log(y_t) + 1)) ** 2)
    assert np.isinf(lecture)  # 정답 0에서 log 0이 된다
    assert losses.MSLE()([9.0], [99.0]) == pytest.approx(np.log(10.0) ** 2, rel=1e-15)


def test_mape_handles_zero_targets_like_keras():
    # Keras: 분모를 max(|y|, 1e-7)로 두므로 오류는 없지만 값이 아주 커진다.
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = losses.MAPE()([0.0, 2.0], [0.5, 1.0])
        grad = losses.MAPE().gradient([0.0, 2.0], [0.5, 1.0])
    assert value == pytest.approx(100 * (0.5 / 1e-7 + 0.5) / 2, rel=1e-12)
    np.testing.assert_allclose(grad, [100 / 1e-7 / 2, -100 / 2 / 2], rtol=1e-12)


def test_binary_crossentropy_clips_like_keras_and_from_logits_is_stable():
    bce = losses.BinaryCrossentropy()
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = bce([1.0, 0.0], [0.0, 1.0])  # 완전히 틀린 확실한 예측
        grad = bce.gradient([1.0, 0.0], [0.0, 1.0])
    assert value == pytest.approx(-np.log(1e-7), rel=1e-6)
    np.testing.assert_array_equal(grad, [0.0, 0.0])  # 잘린 자리에서는 기울기가 흐르지 않는다
    logits = losses.BinaryCrossentropy(from_logits=True)
    z = np.array([-800.0, 0.0, 800.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        v = logits([1.0, 1.0, 1.0], z)
    assert v == pytest.approx((800.0 + np.log(2.0)) / 3, rel=1e-14)
    p = _probabilities(20, (4, 2))
    z = np.log(p / (1 - p))
    t = (p > 0.5).astype(float)
    assert logits(t, z) == pytest.approx(bce(t, p), rel=1e-12)
    np.testing.assert_allclose(losses.CategoricalCrossentropy(from_logits=True)(_one_hot([0, 1], 2), np.zeros((2, 2))),
                               np.log(2.0), rtol=1e-15)


# 소프트맥스·시그모이드와 합친 기울기 -------------------------------------------------------------

@pytest.mark.parametrize("loss, y_true", [
    (losses.CategoricalCrossentropy(), _one_hot([0, 2, 1, 1, 2], 3)),
    (losses.CategoricalCrossentropy(), np.array([[0.8, 0.1, 0.1], [0.2, 0.2, 0.6]] * 2 + [[0.0, 1.0, 0.0]])),  # 부드러운 정답
    (losses.NegativeLogLikelihood(), np.array([0, 2, 1, 1, 2])),
], ids=["cce", "cce-soft", "nll"])
def test_softmax_fused_gradient_equals_chain_of_the_two_gradients(loss, y_true):
    softmax = activations.Softmax()
    z = np.random.default_rng(11).normal(0, 1.5, size=(len(y_true), 3))
    o = softmax(z)
    assert losses.can_fuse(loss, softmax)
    fused = losses.fused_gradient(loss, softmax, y_true, o)
    chained = softmax.backprop(z, loss.gradient(y_true, o))
    np.testing.assert_allclose(fused, chained, rtol=1e-12, atol=1e-15)
    numeric = numerical_gradient(lambda: loss(y_true, softmax(z)), z)
    assert relative_error(fused, numeric) < 1e-7
    if y_true.ndim == 1:  # 정수 레이블: (o − onehot(y))/배치 크기
        np.testing.assert_allclose(fused, (o - _one_hot(y_true, 3)) / len(y_true), rtol=1e-15)
    else:
        np.testing.assert_allclose(fused, losses.CategoricalCrossentropy(from_logits=True).gradient(y_true, z),
                                   rtol=1e-12, atol=1e-15)


def test_sigmoid_fused_gradient_is_o_minus_y():
    sigmoid = activations.Sigmoid()
    bce = losses.BinaryCrossentropy()
    z = np.random.default_rng(12).normal(0, 2, size=(6, 2))
    y = (np.random.default_rng(13).uniform(size=(6, 2)) > 0.5).astype(float)
    o = sigmoid(z)
    assert losses.can_fuse(bce, sigmoid)
    fused = losses.fused_gradient(bce, sigmoid, y, o)
    np.testing.assert_allclose(fused, (o - y) / y.size, rtol=1e-15)
    np.testing.assert_allclose(fused, sigmoid.backprop(z, bce.gradient(y, o)), rtol=1e-10, atol=1e-15)
    assert relative_error(fused, numerical_gradient(lambda: bce(y, sigmoid(z)), z)) < 1e-7


def test_fusion_is_offered_only_where_it_is_exact():
    cce, bce, nll = losses.CategoricalCrossentropy(), losses.BinaryCrossentropy(), losses.NLL()
    assert not losses.can_fuse(cce, activations.Sigmoid()) and not losses.can_fuse(nll, activations.ReLU())
    assert not losses.can_fuse(bce, activations.Softmax()) and not losses.can_fuse(bce, activations.Sigmoid(a=2.0))
    for loss, act in [(losses.CategoricalCrossentropy(from_logits=True), activations.Softmax()),
                      (losses.BinaryCrossentropy(from_logits=True), activations.Sigmoid())]:
        assert not losses.can_fuse(loss, act)  # 이미 로짓을 받는다
    assert nll.integer_labels and not cce.integer_labels and not bce.integer_labels
    for loss in (losses.MSE(), losses.MAE(), losses.MAPE(), losses.MSLE()):
        assert not losses.can_fuse(loss, activations.Softmax())
        with pytest.raises(ValueError, match="합쳐 미분할 수 없다"):
            losses.fused_gradient(loss, activations.Softmax(), [[1.0]], [[1.0]])


# 001 강의의 숫자 --------------------------------------------------------------------------------

def test_001_cross_entropy_in_log2():
    # e = −(y log₂ o + (1 − y) log₂(1 − o)) = 자연로그 교차 엔트로피 / ln 2
    bce = losses.BinaryCrossentropy()
    good = bce([1.0], [0.98]) / np.log(2)
    bad = bce([1.0], [0.0001]) / np.log(2)
    assert round(good, 4) == 0.0291
    assert round(bad, 4) == 13.2877
    assert losses.NLL()([0], [[0.98, 0.02]]) / np.log(2) == pytest.approx(good, rel=1e-12)  # 로그우도 −log₂ o_y


def test_001_mse_numbers_are_half_the_squared_error():
    # 001 강의의 e = ½(y − o)²는 출력이 하나일 때 MSE의 절반이다.
    mse = losses.MeanSquaredError()
    assert mse([0.0], [0.7503]) / 2 == pytest.approx(0.281475045, abs=1e-15)
    assert mse([0.0], [0.9971]) / 2 == pytest.approx(0.497104205, abs=1e-15)


def _single_neuron_gradient(loss, y, o, scale=1.0):
    """x = 1인 뉴런 o = σ(w·x + b)에서 e = scale·loss(y, o)의 ∂e/∂w를 라이브러리의 연쇄 법칙과 수치 미분으로 구한다."""
    sigmoid = activations.Sigmoid()
    x = 1.0
    w = np.array([np.log(o / (1 - o))])  # b = 0이면 로짓 wx + b = w
    z = w * x
    chained = scale * loss.gradient([y], sigmoid(z)) * sigmoid.derivative(z) * x
    numeric = numerical_gradient(lambda: scale * loss([y], sigmoid(w * x)), w)
    assert relative_error(chained, numeric) < 1e-7
    return float(chained[0])


def test_001_the_worse_model_gets_the_smaller_mse_gradient_but_the_larger_ce_gradient():
    y = 0.0
    left, right = 0.7503, 0.9971  # 오른쪽이 더 틀린 모델이다
    # MSE(½ 붙인 것): ∂e/∂w = −(y − o)·x·σ′(wx + b)
    mse_left = _single_neuron_gradient(losses.MSE(), y, left, scale=0.5)
    mse_right = _single_neuron_gradient(losses.MSE(), y, right, scale=0.5)
    assert mse_left == pytest.approx(-(y - left) * left * (1 - left), rel=1e-12)
    assert mse_right == pytest.approx(-(y - right) * right * (1 - right), rel=1e-12)
    assert mse_left > 40 * mse_right  # 더 틀렸는데 기울기가 40배 넘게 작다: 느린 학습
    # 교차 엔트로피: ∂e/∂w = x(o − y), 더 틀린 쪽이 더 큰 기울기를 받는다.
    ce_left = _single_neuron_gradient(losses.BinaryCrossentropy(), y, left)
    ce_right = _single_neuron_gradient(losses.BinaryCrossentropy(), y, right)
    assert ce_left == pytest.approx(left - y, rel=1e-9)
    assert ce_right == pytest.approx(right - y, rel=1e-9)
    assert ce_right > ce_left
    # 강의처럼 log₂로 재면 기울기에 1/ln 2가 붙는다 (원문과 다른 점 5).
    ce2 = _single_neuron_gradient(losses.BinaryCrossentropy(), y, right, scale=1 / np.log(2))
    assert ce2 == pytest.approx((right - y) / np.log(2), rel=1e-9)


# 잘못된 입력 ----------------------------------------------------------------------------------

def test_shape_mismatch_is_one_clear_sentence():
    with pytest.raises(ValueError) as info:
        losses.MAE()(np.zeros((4, 1)), np.zeros((4, 2)))
    assert str(info.value) == "MeanAbsoluteError: 정답 y_true의 모양 (4, 1)이(가) 예측값 y_pred의 모양 (4, 2)과(와) 다르다."


def test_integer_labels_given_to_categorical_crossentropy_suggest_nll():
    with pytest.raises(ValueError) as info:
        losses.get("categorical_crossentropy")(np.array([0, 2]), np.full((2, 3), 1 / 3))
    message = str(info.value)
    assert "(2,)" in message and "(2, 3)" in message and "원-핫" in message and "'nll'" in message


@pytest.mark.parametrize("labels, expected", [
    ([0, 3, 1], "0 이상 3 미만의 클래스 번호여야 하는데 범위 밖의 값 3"),
    ([-1, 0, 1], "범위 밖의 값 -1"),
    ([0.5, 0, 1], "정수 클래스 번호여야 하는데 0.5처럼"),
    ([0, 1], "모양이 (3,)인 정수 클래스 번호여야 하는데 모양이 (2,)이다"),
    (np.eye(3), "원-핫 정답이라면 손실 'categorical_crossentropy'"),
])
def test_nll_labels_are_validated(labels, expected):
    with pytest.raises(ValueError) as info:
        losses.NLL()(labels, np.full((3, 3), 1 / 3))
    assert expected in str(info.value)


def test_msle_rejects_values_at_or_below_minus_one():
    with pytest.raises(ValueError) as info:
        losses.MSLE()([0.0, 1.0], [0.5, -1.0])
    assert str(info.value) == "MSLE는 log(1 + 값)을 쓰므로 예측값 y_pred의 모든 값이 −1보다 커야 하는데 최솟값이 -1이다."
    with pytest.raises(ValueError, match="정답 y_true의 모든 값이 −1보다"):
        losses.MSLE().gradient([-2.0], [0.5])


def test_crossentropy_rejects_non_probabilities_and_bad_labels():
    with pytest.raises(ValueError) as info:
        losses.BinaryCrossentropy()([1.0, 0.0], [2.5, -1.0])
    assert "0과 1 사이의 확률" in str(info.value) and "[-1, 2.5]" in str(info.value)
    assert "from_logits=True" in str(info.value)
    with pytest.raises(ValueError, match=r"정답 y_true는 0과 1 사이의 레이블이나 확률이어야 하는데 값의 범위가 \[0, 2\]"):
        losses.BinaryCrossentropy(from_logits=True)([0.0, 2.0], [0.3, -4.0])
    with pytest.raises(ValueError, match="출력층에 소프트맥스"):
        losses.NLL()([0], [[3.0, -1.0]])


def test_nan_in_predictions_is_reported():
    with pytest.raises(ValueError, match="예측값 y_pred에 NaN이나 inf가 1개"):
        losses.CategoricalCrossentropy()(_one_hot([0], 2), [[np.nan, 0.5]])


def test_get_knows_keras_names_and_lists_valid_ones():
    expected = {
        "mse": losses.MeanSquaredError, "mean_squared_error": losses.MeanSquaredError,
        "mae": losses.MeanAbsoluteError, "mean_absolute_error": losses.MeanAbsoluteError,
        "mape": losses.MeanAbsolutePercentageError, "msle": losses.MeanSquaredLogarithmicError,
        "binary_crossentropy": losses.BinaryCrossentropy, "categorical_crossentropy": losses.CategoricalCrossentropy,
        "nll": losses.NegativeLogLikelihood, "sparse_categorical_crossentropy": losses.NegativeLogLikelihood,
    }
    for name, cls in expected.items():
        assert type(losses.get(name)) is cls
        assert name in losses.names()
    with pytest.raises(ValueError) as info:
        losses.get("binary_crossentropyy")
    message = str(info.value)
    assert "'binary_crossentropyy'" in message and "nll" in message and "mape" in message
    assert "'binary_crossentropy'을(를) 뜻했는가?" in message
