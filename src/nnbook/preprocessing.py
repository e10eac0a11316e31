"""데이터 전처리(preprocessing): 특징의 규모 맞추기, 원-핫 인코딩, 훈련/테스트 나누기.

001 강의의 건강 데이터에서 키(1.885 m와 1.525 m, 차이 0.36 m)와 몸무게(65.5 kg과 45.0 kg, 차이
20.5 kg)는 범위가 약 57배 다르다 (강의의 "0.33"과 "62배"는 계산 실수다). 기울기가 입력에 비례하므로
규모가 작은 특징에 붙은 가중치는 그만큼 느리게 배운다. 그래서 특징의 규모를 맞춘다.

- 최소-최대 정규화(min-max normalization): (x − min) / (max − min), 결과는 [0, 1].
- 표준화(standardization, z-점수): (x − 평균) / 표준편차, 결과의 평균은 0, 표준편차는 1.
- 명칭값(nominal value)은 거리 개념이 없으므로 원-핫(one-hot) 코드로 바꾼다.

통계(최솟값, 평균 등)는 훈련 데이터에서만 구하고(``fit``), 같은 값으로 검증·테스트 데이터를
바꾼다(``transform``). 테스트 데이터의 통계를 쓰면 모델이 미리 보아서는 안 될 정보를 보게 된다.

규칙: 입력 배열을 제자리에서 바꾸지 않고, 실수 입력의 dtype을 그대로 따른다 (정수 입력은 float64가 된다).
무작위가 들어가는 함수는 모두 ``seed``(정수, None 또는 ``np.random.Generator``)를 받는다.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_positive_int, shape_text, as_generator

__all__ = [
    "feature_ranges", "min_max_scale", "MinMaxScaler", "standardize", "StandardScaler",
    "one_hot", "to_categorical", "one_hot_columns", "train_test_split",
]


# ---------------------------------------------------------------------------
# 규모 맞추기
# ---------------------------------------------------------------------------

def feature_ranges(X) -> np.ndarray:
    """특징(열)마다 최댓값 − 최솟값을 돌려준다. 1차원 배열이면 전체의 범위 하나를 돌려준다.

    001 강의의 예: 키 (1.885, 1.525)와 몸무게 (65.5, 45.0)의 범위는 0.36과 20.5이고, 그 비는 약 57이다.
    """
    X = _check_data(X, "feature_ranges의 입력 X")
    return X.max(axis=0) - X.min(axis=0)


def _check_data(X, name: str) -> np.ndarray:
    X = as_float_array(X, name)
    if X.ndim == 0 or X.shape[0] == 0:
        raise ValueError(f"{name}은(는) 샘플이 하나 이상인 배열이어야 하는데 모양이 {shape_text(X.shape)}이다.")
    return X


class _Scaler:
    """``fit``으로 통계를 구하고 ``transform``으로 적용하는 전처리기의 공통 틀. 축 0이 샘플 축이다."""

    _stats: tuple[str, ...] = ()

    def fit(self, X) -> "_Scaler":
        """훈련 데이터 X (샘플, …)에서 특징마다 통계를 구해 기억하고 자신을 돌려준다."""
        X = _check_data(X, f"{type(self).__name__}.fit의 입력 X")
        self._fit(X)
        self.n_samples_seen_ = X.shape[0]
        self.feature_shape_ = X.shape[1:]
        return self

    def transform(self, X) -> np.ndarray:
        """``fit``에서 구한 통계로 X를 바꾼 새 배열을 돌려준다. 샘플 하나의 모양이 훈련 데이터와 같아야 한다."""
        X = self._check_fitted_input(X, "transform")
        return self._transform(X)

    def fit_transform(self, X) -> np.ndarray:
        """``fit(X)``한 뒤 같은 X를 ``transform``한다."""
        return self.fit(X).transform(X)

    def inverse_transform(self, X) -> np.ndarray:
        """``transform``을 거꾸로 해 원래 단위(m, kg 등)로 되돌린다."""
        X = self._check_fitted_input(X, "inverse_transform")
        return self._inverse(X)

    def _check_fitted_input(self, X, method: str) -> np.ndarray:
        name = type(self).__name__
        if not hasattr(self, "feature_shape_"):
            raise RuntimeError(f"{name}.{method}은(는) fit으로 훈련 데이터의 통계를 구한 뒤에만 쓸 수 있다.")
        X = as_float_array(X, f"{name}.{method}의 입력 X")
        if X.ndim == 0 or X.shape[1:] != self.feature_shape_:
            raise ValueError(
                f"{name}은(는) 샘플 하나의 모양이 {shape_text(self.feature_shape_)}인 데이터로 fit했는데 "
                f"모양이 {shape_text(X.shape)}인 배열(샘플 축 포함)이 들어왔다."
            )
        return X

    def _fit(self, X):
        raise NotImplementedError

    def _transform(self, X):
        raise NotImplementedError

    def _inverse(self, X):
        raise NotImplementedError


class MinMaxScaler(_Scaler):
    """최소-최대 정규화: (x − min) / (max − min)을 특징마다 한다. 결과의 범위는 ``feature_range``(기본 [0, 1]).

    ``fit``이 훈련 데이터의 최솟값 ``data_min_``과 최댓값 ``data_max_``를 특징(열)마다 기억한다.
    값이 모두 같은 특징(범위 0)은 0으로 나누지 않도록 범위를 1로 두어 ``feature_range``의 아래 끝으로 보낸다
    (scikit-learn과 같은 처리다). 그런 특징은 ``constant_features_``(불리언 마스크)로 알 수 있다.
    """

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)):
        try:
            low, high = (float(v) for v in feature_range)
        except (TypeError, ValueError):
            raise ValueError(f"feature_range는 (아래 끝, 위 끝) 두 실수여야 하는데 {feature_range!r}이(가) 주어졌다.") from None
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise ValueError(f"feature_range의 아래 끝은 위 끝보다 작아야 하는데 {feature_range!r}이(가) 주어졌다.")
        self.feature_range = (low, high)

    def _fit(self, X):
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        self.data_range_ = self.data_max_ - self.data_min_
        self.constant_features_ = self.data_range_ == 0

    def _scale(self, dtype):
        low, high = self.feature_range
        safe_range = np.where(self.constant_features_, 1.0, self.data_range_)
        return (np.asarray((high - low) / safe_range).astype(dtype, copy=False),
                np.asarray(self.data_min_).astype(dtype, copy=False), np.asarray(low, dtype=dtype))

    def _transform(self, X):
        scale, data_min, low = self._scale(X.dtype)
        return (X - data_min) * scale + low

    def _inverse(self, X):
        scale, data_min, low = self._scale(X.dtype)
        return (X - low) / scale + data_min

    def __repr__(self):
        if self.feature_range == (0.0, 1.0):
            return "MinMaxScaler()"
        return f"MinMaxScaler(feature_range={self.feature_range})"


class StandardScaler(_Scaler):
    """표준화(z-점수): (x − 평균) / 표준편차를 특징마다 한다.

    ``fit``이 훈련 데이터의 평균 ``mean_``과 표준편차 ``scale_``(모표준편차, 001 강의의 ``data.std``()와 같은
    ``ddof=0``)을 특징(열)마다 기억한다. 표준편차가 0인 특징은 0으로 나누지 않도록 ``scale_``을 1로 두어
    결과가 0이 되게 한다 (scikit-learn과 같은 처리다). 그런 특징은 ``constant_features_``(불리언 마스크)로 알 수 있다.
    """

    def _fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.constant_features_ = std == 0
        self.scale_ = np.where(self.constant_features_, 1.0, std).astype(X.dtype, copy=False)

    def _stats_as(self, dtype):
        return np.asarray(self.mean_).astype(dtype, copy=False), np.asarray(self.scale_).astype(dtype, copy=False)

    def _transform(self, X):
        mean, scale = self._stats_as(X.dtype)
        return (X - mean) / scale

    def _inverse(self, X):
        mean, scale = self._stats_as(X.dtype)
        return X * scale + mean

    def __repr__(self):
        return "StandardScaler()"


def min_max_scale(X, feature_range: tuple[float, float] = (0.0, 1.0)) -> np.ndarray:
    """X 자신의 최솟값과 최댓값으로 특징(열)마다 최소-최대 정규화한 새 배열을 돌려준다.

    훈련 데이터의 통계를 다른 데이터에 쓰려면 ``MinMaxScaler``를 쓴다.
    """
    return MinMaxScaler(feature_range).fit_transform(X)


def standardize(X) -> np.ndarray:
    """X 자신의 평균과 표준편차로 특징(열)마다 표준화한 새 배열을 돌려준다.

    훈련 데이터의 통계를 다른 데이터에 쓰려면 ``StandardScaler``를 쓴다.
    """
    return StandardScaler().fit_transform(X)


# ---------------------------------------------------------------------------
# 원-핫 인코딩
# ---------------------------------------------------------------------------

def _integer_labels(labels, name: str) -> np.ndarray:
    """정수 값인 레이블 배열(정수 dtype이거나 정수 값만 담은 실수 배열)을 int64 배열로 바꾼다."""
    arr = np.asarray(labels)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name}은(는) 정수 배열이어야 하는데 dtype이 {arr.dtype}이다.")
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name}에 NaN이나 inf가 들어 있다.")
        if not np.all(arr == np.round(arr)):
            bad = arr[arr != np.round(arr)].ravel()[0]
            raise ValueError(f"{name}은(는) 정수 값이어야 하는데 {bad}처럼 소수인 값이 들어 있다.")
    return arr.astype(np.int64)


def one_hot(labels, num_classes: int | None = None, dtype=np.float64) -> np.ndarray:
    """정수 레이블 (n,)을 원-핫 배열 (n, ``num_classes``)로 바꾼다. 레이블 k인 행은 k번째 열만 1이다.

    ``num_classes``를 주지 않으면 가장 큰 레이블 + 1로 둔다. Keras의 ``to_categorical``처럼 (n, 1) 모양의
    열 벡터도 받는다. 레이블은 0부터 ``num_classes`` − 1 사이의 정수여야 한다.
    """
    y = _integer_labels(labels, "one_hot의 레이블 labels")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"one_hot의 레이블은 1차원 배열이어야 하는데 모양이 {shape_text(y.shape)}이다.")
    if num_classes is None:
        if y.size == 0:
            raise ValueError("one_hot에 빈 레이블 배열을 줄 때는 num_classes를 정해 주어야 한다.")
        num_classes = int(y.max()) + 1
    num_classes = check_positive_int(num_classes, "one_hot의 num_classes")
    if y.size and (y.min() < 0 or y.max() >= num_classes):
        bad = int(y[(y < 0) | (y >= num_classes)][0])
        raise ValueError(f"one_hot의 레이블은 0부터 {num_classes - 1} 사이여야 하는데 {bad}이(가) 들어 있다.")
    out = np.zeros((y.size, num_classes), dtype=dtype)
    out[np.arange(y.size), y] = 1
    return out


#: Keras의 이름. ``one_hot``과 같다.
to_categorical = one_hot


def one_hot_columns(X, columns, categories=None) -> np.ndarray:
    """표의 명칭값 열(``columns``)을 원-핫 열로 펼친 새 배열을 돌려준다. 다른 열은 그대로 둔다.

    ``categories``는 열마다 가능한 값을 순서대로 적은 목록이다. 001 강의의 예에서 성별은 남(1), 여(2),
    체질은 태양인(1), 태음인(2), 소양인(3), 소음인(4)이므로 ``columns=[3, 4]``,
    ``categories=[[1, 2], [1, 2, 3, 4]]``로 두면 (1.755, 65.5, 122, 1, 3)이
    (1.755, 65.5, 122, 1, 0, 0, 0, 1, 0)이 된다. 펼친 열은 원래 열이 있던 자리에 들어간다.

    ``categories``를 주지 않으면 각 열에 나타난 값을 정렬해서 쓴다 (데이터에 없는 값은 빠지므로
    훈련과 테스트 데이터에 같은 목록을 쓰려면 직접 주는 편이 낫다). 샘플 하나 (d,)도 받는다.
    """
    X = as_float_array(X, "one_hot_columns의 입력 X")
    single = X.ndim == 1
    if single:
        X = X[None, :]
    if X.ndim != 2:
        raise ValueError(f"one_hot_columns의 입력은 (샘플, 특징) 모양의 2차원 배열이어야 하는데 모양이 {shape_text(X.shape)}이다.")
    n_features = X.shape[1]
    try:
        columns = [int(c) for c in columns]
    except (TypeError, ValueError):
        raise ValueError(f"columns는 열 번호의 목록이어야 하는데 {columns!r}이(가) 주어졌다.") from None
    columns = [c + n_features if c < 0 else c for c in columns]
    bad = [c for c in columns if not 0 <= c < n_features]
    if bad:
        raise ValueError(f"columns의 열 번호는 0부터 {n_features - 1} 사이여야 하는데 {bad[0]}이(가) 들어 있다.")
    if len(set(columns)) != len(columns):
        raise ValueError(f"columns에 같은 열 번호가 두 번 이상 들어 있다: {columns}.")
    if categories is None:
        categories = [np.unique(X[:, c]) for c in columns]
    elif len(categories) != len(columns):
        raise ValueError(
            f"categories는 columns의 열마다 하나씩 {len(columns)}개여야 하는데 {len(categories)}개가 주어졌다."
        )
    blocks = {}
    for c, cats in zip(columns, categories):
        cats = as_float_array(cats, f"{c}번 열의 categories", ndim=1)
        if len(np.unique(cats)) != len(cats):
            raise ValueError(f"{c}번 열의 categories에 같은 값이 두 번 이상 들어 있다: {cats.tolist()}.")
        match = X[:, c][:, None] == cats[None, :].astype(X.dtype)
        unknown = ~match.any(axis=1)
        if unknown.any():
            value = X[np.argmax(unknown), c]
            raise ValueError(f"{c}번 열의 값 {value:g}은(는) categories {cats.tolist()}에 없다.")
        blocks[c] = match.astype(X.dtype)
    pieces = [blocks[c] if c in blocks else X[:, c:c + 1] for c in range(n_features)]
    out = np.concatenate(pieces, axis=1)
    return out[0] if single else out


# ---------------------------------------------------------------------------
# 훈련/테스트 나누기
# ---------------------------------------------------------------------------

def _test_count(test_size, n: int) -> int:
    if isinstance(test_size, (float, np.floating)):
        if not 0.0 < test_size < 1.0:
            raise ValueError(f"test_size가 비율이면 0과 1 사이여야 하는데 {test_size}이(가) 주어졌다.")
        n_test = int(np.ceil(test_size * n))
    elif isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool):
        n_test = int(test_size)
    else:
        raise ValueError(f"test_size는 비율(0과 1 사이의 실수)이나 샘플 수(정수)여야 하는데 {test_size!r}이(가) 주어졌다.")
    if not 1 <= n_test <= n - 1:
        raise ValueError(
            f"샘플 {n}개를 나누면 훈련과 테스트에 하나 이상씩 남아야 하는데 test_size={test_size!r}이면 "
            f"테스트가 {n_test}개가 된다."
        )
    return n_test


def _stratified_test_indices(groups: np.ndarray, n_test: int, rng: np.random.Generator) -> np.ndarray:
    """클래스마다 비율대로 테스트 샘플 수를 정하고(최대 나머지 방법), 클래스 안에서 무작위로 고른다."""
    classes, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    ideal = counts * n_test / counts.sum()
    take = np.floor(ideal).astype(int)
    remainder = n_test - take.sum()
    order = np.argsort(-(ideal - take), kind="stable")
    take[order[:remainder]] += 1
    picked = []
    for k in range(len(classes)):
        members = np.flatnonzero(inverse == k)
        picked.append(rng.permutation(members)[:take[k]])
    return np.concatenate(picked)


def train_test_split(X, y=None, test_size=0.2, shuffle: bool = True, seed=None, stratify=None):
    """데이터를 훈련용과 테스트용으로 나눈다. ``(X_train, X_test, y_train, y_test)``를 돌려준다.

    - 샘플을 무작위 순열(permutation)로 섞어 나누므로 한 샘플은 정확히 한쪽에만 들어간다 (복원 추출이 아니다).
    - ``test_size``는 비율(0과 1 사이, 올림해서 개수를 정한다)이나 개수(정수)다.
    - ``shuffle=False``이면 섞지 않고 뒤쪽 샘플을 테스트로 쓴다.
    - ``stratify``에 레이블(정수 (n,)이나 원-핫 (n, k))을 주면 클래스 비율이 양쪽에서 같도록 나눈다.
    - ``y``를 주지 않으면 ``(X_train, X_test)``만 돌려준다.

    입력의 dtype은 그대로 두고(레이블은 정수 그대로), 돌려주는 배열은 모두 새 배열이다.
    """
    X = np.asarray(X)
    if X.ndim == 0 or X.shape[0] < 2:
        raise ValueError(f"train_test_split의 X는 샘플이 둘 이상인 배열이어야 하는데 모양이 {shape_text(X.shape)}이다.")
    n = X.shape[0]
    arrays = [X]
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 0 or y.shape[0] != n:
            raise ValueError(
                f"train_test_split의 X는 샘플이 {n}개인데 y의 모양은 {shape_text(y.shape)}이다. 샘플 수가 같아야 한다."
            )
        arrays.append(y)
    n_test = _test_count(test_size, n)
    rng = as_generator(seed)
    if stratify is not None:
        if not shuffle:
            raise ValueError("stratify로 클래스 비율을 맞추려면 shuffle=True여야 한다.")
        groups = np.asarray(stratify)
        if groups.ndim == 2:
            groups = groups.argmax(axis=1)
        if groups.ndim != 1 or groups.shape[0] != n:
            raise ValueError(f"stratify는 샘플 {n}개의 레이블이어야 하는데 모양이 {shape_text(np.shape(stratify))}이다.")
        test_idx = _stratified_test_indices(groups, n_test, rng)
        mask = np.ones(n, dtype=bool)
        mask[test_idx] = False
        train_idx = rng.permutation(np.flatnonzero(mask))
        test_idx = rng.permutation(test_idx)
    elif shuffle:
        order = rng.permutation(n)
        train_idx, test_idx = order[: n - n_test], order[n - n_test:]
    else:
        train_idx, test_idx = np.arange(n - n_test), np.arange(n - n_test, n)
    out = []
    for arr in arrays:
        out.extend([arr[train_idx], arr[test_idx]])
    return tuple(out)
