"""전처리: 001 강의의 키·몸무게 예, 최소-최대 정규화, 표준화, 원-핫, 훈련/테스트 나누기."""

import numpy as np
import pytest

from nnbook.preprocessing import (
    MinMaxScaler, StandardScaler, feature_ranges, min_max_scale, one_hot, one_hot_columns, standardize,
    to_categorical, train_test_split,
)

# 001 강의의 건강 데이터: 키(m)와 몸무게(kg)
HEIGHT_WEIGHT = np.array([[1.885, 65.5], [1.525, 45.0]])


def test_001_height_weight_ranges_differ_by_57_not_62():
    ranges = feature_ranges(HEIGHT_WEIGHT)
    np.testing.assert_allclose(ranges, [0.36, 20.5])  # 강의는 키의 차이를 0.33이라고 적었다 (정오표 6)
    ratio = ranges[1] / ranges[0]
    assert ratio == pytest.approx(56.94, abs=0.01)
    assert round(ratio) == 57  # 강의의 "약 62배"가 아니다
    assert round(20.5 / 0.33) == 62  # 강의의 62는 잘못 뺀 0.33에서 나왔다


def test_min_max_matches_lecture_formula_and_range():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3)) * [1, 10, 100] + [0, 5, -7]
    expected = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    np.testing.assert_allclose(min_max_scale(X), expected, rtol=1e-14)
    scaled = min_max_scale(HEIGHT_WEIGHT)
    np.testing.assert_allclose(scaled, [[1, 1], [0, 0]])
    np.testing.assert_allclose(feature_ranges(scaled), [1, 1])  # 두 특징의 규모가 같아졌다
    np.testing.assert_allclose(min_max_scale(X, feature_range=(-1, 1)).min(axis=0), -1)


def test_standardize_matches_lecture_formula():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2)) * [0.1, 20] + [1.7, 60]
    Z = standardize(X)
    np.testing.assert_allclose(Z, (X - X.mean(axis=0)) / X.std(axis=0), rtol=1e-13)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-14)
    np.testing.assert_allclose(Z.std(axis=0), 1, rtol=1e-13)


@pytest.mark.parametrize("Scaler", [MinMaxScaler, StandardScaler])
def test_scalers_fit_on_train_and_transform_others(Scaler):
    rng = np.random.default_rng(2)
    train, test = rng.normal(3, 2, size=(30, 4)), rng.normal(3, 2, size=(10, 4))
    scaler = Scaler().fit(train)
    out = scaler.transform(test)
    if Scaler is MinMaxScaler:
        expected = (test - train.min(axis=0)) / (train.max(axis=0) - train.min(axis=0))
    else:
        expected = (test - train.mean(axis=0)) / train.std(axis=0)
    np.testing.assert_allclose(out, expected, rtol=1e-13)
    np.testing.assert_allclose(scaler.inverse_transform(out), test, rtol=1e-12)


@pytest.mark.parametrize("Scaler", [MinMaxScaler, StandardScaler])
def test_constant_feature_is_handled_without_division_by_zero(Scaler):
    X = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    with np.errstate(all="raise"):
        scaler = Scaler().fit(X)
        out = scaler.transform(X)
    np.testing.assert_array_equal(out[:, 1], 0.0)
    np.testing.assert_array_equal(scaler.constant_features_, [False, True])


@pytest.mark.parametrize("Scaler", [MinMaxScaler, StandardScaler])
def test_scalers_keep_dtype_and_do_not_touch_input(Scaler):
    X = np.random.default_rng(3).normal(size=(8, 3)).astype(np.float32)
    before = X.copy()
    scaler = Scaler()
    out = scaler.fit_transform(X)
    assert out.dtype == np.float32 and scaler.inverse_transform(out).dtype == np.float32
    np.testing.assert_array_equal(X, before)
    assert Scaler().fit_transform([[1, 2], [3, 5]]).dtype == np.float64  # 정수는 float64가 된다


def test_scaler_errors_are_clear():
    with pytest.raises(RuntimeError, match="fit"):
        StandardScaler().transform([[1.0, 2.0]])
    scaler = MinMaxScaler().fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"\(2,\).*\(4, 3\)"):
        scaler.transform(np.ones((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        StandardScaler().fit([[1.0], [np.nan]])
    with pytest.raises(ValueError, match="feature_range"):
        MinMaxScaler(feature_range=(1, 0))


def test_one_hot_and_keras_alias():
    np.testing.assert_array_equal(one_hot([0, 2, 1]), [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    np.testing.assert_array_equal(to_categorical([[1], [0]], num_classes=3), [[0, 1, 0], [1, 0, 0]])
    assert one_hot([1], 4, dtype=np.float32).dtype == np.float32
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0])), [[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="0부터 2 사이.*3"):
        one_hot([0, 3], num_classes=3)
    with pytest.raises(ValueError, match="-1"):
        one_hot([0, -1])
    with pytest.raises(ValueError, match="1.5"):
        one_hot([1.5])


def test_one_hot_columns_reproduces_001_example_exactly():
    # 성별: 남(1), 여(2). 체질: 태양인(1), 태음인(2), 소양인(3), 소음인(4)
    x = np.array([1.755, 65.5, 122, 1, 3])
    out = one_hot_columns(x, columns=[3, 4], categories=[[1, 2], [1, 2, 3, 4]])
    np.testing.assert_array_equal(out, [1.755, 65.5, 122, 1, 0, 0, 0, 1, 0])
    table = np.array([[1.755, 65.5, 122, 1, 3], [1.6, 50.0, 110, 2, 4]])
    out = one_hot_columns(table, [3, 4], [[1, 2], [1, 2, 3, 4]])
    np.testing.assert_array_equal(out[1], [1.6, 50.0, 110, 0, 1, 0, 0, 0, 1])
    # categories를 주지 않으면 열에 나타난 값을 정렬해서 쓴다
    np.testing.assert_array_equal(one_hot_columns(table, [3]), [[1.755, 65.5, 122, 1, 0, 3], [1.6, 50.0, 110, 0, 1, 4]])


def test_one_hot_columns_errors_name_the_value():
    with pytest.raises(ValueError, match="4번 열의 값 5.*\\[1.0, 2.0, 3.0, 4.0\\]"):
        one_hot_columns([1.755, 65.5, 122, 1, 5], [3, 4], [[1, 2], [1, 2, 3, 4]])
    with pytest.raises(ValueError, match="0부터 4 사이"):
        one_hot_columns([1.755, 65.5, 122, 1, 3], [7], [[1, 2]])
    with pytest.raises(ValueError, match="2개여야"):
        one_hot_columns([1.755, 65.5, 122, 1, 3], [3, 4], [[1, 2]])


def test_train_test_split_is_a_permutation():
    X = np.arange(100).reshape(50, 2)
    y = np.arange(50)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, seed=0)
    assert len(y_te) == 10 and len(y_tr) == 40
    assert sorted(np.concatenate([y_tr, y_te]).tolist()) == list(range(50))  # 빠짐도 겹침도 없다
    np.testing.assert_array_equal(X_tr[:, 0] // 2, y_tr)  # X와 y의 짝이 유지된다
    assert y_tr.dtype == y.dtype and X_tr.dtype == X.dtype
    again = train_test_split(X, y, test_size=0.2, seed=0)
    np.testing.assert_array_equal(again[3], y_te)
    _, X_te2 = train_test_split(X, test_size=7, shuffle=False)
    np.testing.assert_array_equal(X_te2, X[-7:])


def test_train_test_split_stratified_keeps_class_ratio():
    y = np.array([0] * 80 + [1] * 20)
    X = np.arange(100)
    _, _, y_tr, y_te = train_test_split(X, y, test_size=0.25, seed=1, stratify=y)
    assert np.bincount(y_te).tolist() == [20, 5] and np.bincount(y_tr).tolist() == [60, 15]
    _, _, _, y_te = train_test_split(X, one_hot(y), test_size=0.25, seed=1, stratify=one_hot(y))
    assert y_te.sum(axis=0).tolist() == [20, 5]


def test_train_test_split_errors():
    with pytest.raises(ValueError, match="샘플 수가 같아야"):
        train_test_split(np.zeros((5, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="test_size"):
        train_test_split(np.zeros((5, 2)), np.zeros(5), test_size=1.5)
    with pytest.raises(ValueError, match="테스트가 5개"):
        train_test_split(np.zeros((5, 2)), np.zeros(5), test_size=5)
    with pytest.raises(ValueError, match="seed"):
        train_test_split(np.zeros((5, 2)), np.zeros(5), seed="abc")
