"""가중치 초기화(weight initialization): 학습을 시작할 때 가중치를 어떤 값으로 둘 것인가.

가중치를 모두 같은 값(예: 0)으로 두면 한 층의 노드들이 같은 값을 내고 같은 기울기를 받아 똑같이
갱신되므로 영원히 같은 일을 한다 (001 강의의 대칭 문제). 그래서 난수로 초기화해 대칭을 깬다.
난수의 크기는 층의 입력 수 ``fan_in``과 출력 수 ``fan_out``에 맞춘다.

- Glorot(Xavier, 2010): 분산 2 / (``fan_in`` + ``fan_out``). 시그모이드, tanh에 알맞다. Keras의 기본값이다.
- He(2015): 분산 2 / ``fan_in``. ReLU에 알맞다 (ReLU가 절반을 0으로 만드는 만큼 2배).
- LeCun: 분산 1 / ``fan_in``.

모든 초기화 함수는 ``init(shape, rng, dtype)``을 따른다. ``rng``는 ``np.random.Generator``, 정수 시드,
None 중 하나다. 층의 ``kernel_initializer``로 그대로 넘길 수 있다. 이름과 기본값은 Keras를 따른다.

``fan_in``과 ``fan_out``은 Keras의 규칙으로 센다: 밀집층의 커널 (입력 수, 출력 수)은 그대로,
합성곱 커널 (kh, kw, 입력 채널, 필터 수)은 ``fan_in`` = kh·kw·입력 채널, ``fan_out`` = kh·kw·필터 수다.

정규 분포 초기화(``glorot_normal``, ``he_normal``, ``lecun_normal``)는 Keras처럼 절단 정규 분포(truncated normal)를
쓴다: 표준편차의 2배 밖에 떨어진 값은 다시 뽑는다. 잘라낸 만큼 분산이 줄어들므로 표준편차를
0.87962566103423978(±2에서 자른 표준 정규 분포의 표준편차)로 나누어 두어, 뽑힌 값의 분산이 정확히
목표값(Glorot이면 2 / (``fan_in`` + ``fan_out``))이 되게 한다.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ._checks import shape_text, unknown_name_error, as_generator

__all__ = [
    "compute_fans", "Initializer", "Zeros", "Ones", "Constant", "RandomUniform", "RandomNormal", "TruncatedNormal",
    "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal",
    "zeros", "ones", "random_uniform", "random_normal", "truncated_normal", "glorot_uniform", "glorot_normal",
    "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "TRUNCATED_NORMAL_STD", "names", "get",
    "serialize",
]


def _truncated_std() -> float:
    """±2에서 자른 표준 정규 분포의 표준편차 √(1 − 2·2·φ(2) / (Φ(2) − Φ(−2)))."""
    pdf = math.exp(-2.0) / math.sqrt(2 * math.pi)
    mass = math.erf(2 / math.sqrt(2))
    return math.sqrt(1 - 4 * pdf / mass)


#: ±2에서 자른 표준 정규 분포의 표준편차 (≈ 0.8796256610342398). Keras의 ``VarianceScaling``과 같은 보정값이다.
TRUNCATED_NORMAL_STD = _truncated_std()


def _check_shape(shape) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        dims = tuple(shape)
    except TypeError:
        raise ValueError(f"가중치의 모양 shape는 정수의 튜플이어야 하는데 {shape!r}이(가) 주어졌다.") from None
    if not all(isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d >= 1 for d in dims):
        raise ValueError(f"가중치의 모양 shape는 1 이상의 정수들이어야 하는데 {shape!r}이(가) 주어졌다.")
    return tuple(int(d) for d in dims)


def _check_dtype(dtype) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"dtype {dtype!r}을(를) 알 수 없다.") from None
    if not np.issubdtype(dt, np.floating):
        raise ValueError(f"가중치의 dtype은 float32나 float64 같은 실수형이어야 하는데 {dt}이(가) 주어졌다.")
    return dt


def _check_real(value, name: str) -> float:
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (is_real and np.isfinite(value)):
        raise ValueError(f"{name}은(는) 유한한 실수여야 하는데 {value!r}이(가) 주어졌다.")
    return float(value)


def _check_positive(value, name: str) -> float:
    value = _check_real(value, name)
    if value <= 0:
        raise ValueError(f"{name}은(는) 0보다 커야 하는데 {value}이(가) 주어졌다.")
    return value


def compute_fans(shape) -> tuple[int, int]:
    """가중치 모양에서 (``fan_in``, ``fan_out``)을 Keras의 규칙으로 센다.

    - (n,): 둘 다 n.
    - (입력 수, 출력 수): 밀집층 커널. 그대로.
    - (kh, kw, 입력 채널, 필터 수)처럼 3차원 이상: 앞의 축들의 곱(수용 영역 크기)에 입력 채널 수,
      필터 수를 곱한다. 3×3 합성곱, 입력 채널 16, 필터 32면 (144, 288)이다.
    """
    dims = _check_shape(shape)
    if len(dims) == 0:
        return 1, 1
    if len(dims) == 1:
        return dims[0], dims[0]
    receptive = int(np.prod(dims[:-2], dtype=np.int64)) if len(dims) > 2 else 1
    return dims[-2] * receptive, dims[-1] * receptive


def _truncated_standard_normal(rng: np.random.Generator, shape) -> np.ndarray:
    """±2 밖의 값을 다시 뽑는 방식으로 절단 표준 정규 분포를 뽑는다 (한 번에 약 95.4%가 남는다)."""
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2
    return out


class Initializer:
    """초기화의 공통 틀. ``init(shape, rng=None, dtype=np.float64)``이 새 배열을 돌려준다.

    난수는 언제나 float64로 뽑아 ``dtype``으로 바꾼다. 그래서 같은 시드면 float32 가중치는 float64 가중치를
    반올림한 것과 같다.
    """

    name = "initializer"

    def __call__(self, shape, rng=None, dtype=np.float64) -> np.ndarray:
        shape = _check_shape(shape)
        dtype = _check_dtype(dtype)
        return np.asarray(self._sample(shape, rng), dtype=np.float64).astype(dtype)

    def _sample(self, shape, rng) -> np.ndarray:
        raise NotImplementedError

    def get_config(self) -> dict:
        """이 초기화를 다시 만드는 생성자 인자 {이름: 값}. 모델을 pickle 없이 저장할 때 쓴다."""
        return {}

    def __repr__(self):
        return f"{type(self).__name__}()"


class Zeros(Initializer):
    """모든 값을 0으로 둔다. 편향에 쓴다. 가중치에 쓰면 대칭이 깨지지 않아 노드들이 모두 같은 일을 한다."""

    name = "zeros"

    def _sample(self, shape, rng):
        return np.zeros(shape)


class Ones(Initializer):
    """모든 값을 1로 둔다 (배치 정규화의 γ 등)."""

    name = "ones"

    def _sample(self, shape, rng):
        return np.ones(shape)


class Constant(Initializer):
    """모든 값을 ``value``로 둔다."""

    name = "constant"

    def __init__(self, value: float = 0.0):
        self.value = _check_real(value, "Constant의 value")

    def _sample(self, shape, rng):
        return np.full(shape, self.value)

    def get_config(self):
        return {"value": self.value}

    def __repr__(self):
        return f"Constant(value={self.value:g})"


class RandomUniform(Initializer):
    """균등 분포 U(``minval``, ``maxval``). Keras의 기본값은 [−0.05, 0.05]이다."""

    name = "random_uniform"

    def __init__(self, minval: float = -0.05, maxval: float = 0.05):
        self.minval = _check_real(minval, "RandomUniform의 minval")
        self.maxval = _check_real(maxval, "RandomUniform의 maxval")
        if not self.minval < self.maxval:
            raise ValueError(f"RandomUniform의 minval은 maxval보다 작아야 하는데 minval={minval}, maxval={maxval}이다.")

    def _sample(self, shape, rng):
        return as_generator(rng, "rng").uniform(self.minval, self.maxval, size=shape)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval}

    def __repr__(self):
        return f"RandomUniform(minval={self.minval:g}, maxval={self.maxval:g})"


class RandomNormal(Initializer):
    """정규 분포 N(``mean``, ``stddev``²). Keras의 기본값은 평균 0, 표준편차 0.05이다."""

    name = "random_normal"

    def __init__(self, mean: float = 0.0, stddev: float = 0.05):
        self.mean = _check_real(mean, f"{type(self).__name__}의 mean")
        self.stddev = _check_positive(stddev, f"{type(self).__name__}의 stddev")

    def _sample(self, shape, rng):
        return self.mean + self.stddev * as_generator(rng, "rng").standard_normal(shape)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev}

    def __repr__(self):
        return f"{type(self).__name__}(mean={self.mean:g}, stddev={self.stddev:g})"


class TruncatedNormal(RandomNormal):
    """절단 정규 분포: N(``mean``, ``stddev``²)에서 평균에서 2 ``stddev``보다 멀리 떨어진 값은 다시 뽑는다.

    Keras의 ``TruncatedNormal``과 같다 (기본값 평균 0, 표준편차 0.05). 잘라낸 만큼 실제 표준편차는
    ``stddev``의 약 0.88배다.
    """

    name = "truncated_normal"

    def _sample(self, shape, rng):
        return self.mean + self.stddev * _truncated_standard_normal(as_generator(rng, "rng"), shape)


class VarianceScaling(Initializer):
    """분산을 ``scale`` / n에 맞추는 초기화. n은 ``mode``에 따라 ``fan_in``, ``fan_out``, 또는 둘의 평균이다.

    - ``distribution="truncated_normal"``: 표준편차 √(``scale``/n) / 0.8796…인 절단 정규 분포 (분산이 정확히 ``scale``/n).
    - ``distribution="untruncated_normal"``: 표준편차 √(``scale``/n)인 정규 분포.
    - ``distribution="uniform"``: U(−l, l), l = √(3·``scale``/n) (균등 분포의 분산은 l²/3).

    Glorot, He, LeCun 초기화는 모두 이것의 특별한 경우다.
    """

    name = "variance_scaling"
    _MODES = ("fan_in", "fan_out", "fan_avg")
    _DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")

    def __init__(self, scale: float = 1.0, mode: str = "fan_in", distribution: str = "truncated_normal"):
        self.scale = _check_positive(scale, f"{type(self).__name__}의 scale")
        if mode not in self._MODES:
            raise unknown_name_error("VarianceScaling의 mode", mode, self._MODES)
        if distribution == "normal":  # Keras 예전 이름
            distribution = "truncated_normal"
        if distribution not in self._DISTRIBUTIONS:
            raise unknown_name_error("VarianceScaling의 distribution", distribution, self._DISTRIBUTIONS)
        self.mode = mode
        self.distribution = distribution

    def _n(self, shape) -> float:
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        return max(1.0, n)

    def variance(self, shape) -> float:
        """이 초기화로 뽑은 값의 목표 분산 ``scale`` / n."""
        return self.scale / self._n(shape)

    def _sample(self, shape, rng):
        rng = as_generator(rng, "rng")
        n = self._n(shape)
        if self.distribution == "uniform":
            # 3·scale/n을 한 번에 계산한다: Glorot이면 6/(fan_in + fan_out)과 비트까지 같은 한계가 나온다.
            limit = math.sqrt(3.0 * self.scale / n)
            return rng.uniform(-limit, limit, size=shape)
        std = math.sqrt(self.scale / n)
        if self.distribution == "untruncated_normal":
            return std * rng.standard_normal(shape)
        return std / TRUNCATED_NORMAL_STD * _truncated_standard_normal(rng, shape)

    def get_config(self):
        if type(self) is not VarianceScaling:
            return {}
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution}

    def __repr__(self):
        if type(self) is not VarianceScaling:
            return f"{type(self).__name__}()"
        return f"VarianceScaling(scale={self.scale:g}, mode={self.mode!r}, distribution={self.distribution!r})"


class _NamedVarianceScaling(VarianceScaling):
    """scale, mode, distribution을 클래스 속성으로 정해 둔 VarianceScaling (인자 없이 만든다).

    공개 인스턴스 속성이 없으므로 저장한 모델을 불러올 때 ``cls()``로 똑같이 다시 만들 수 있다.
    """

    def __init__(self):
        pass


class GlorotUniform(_NamedVarianceScaling):
    """Glorot(Xavier) 균등 분포: U(−l, l), l = √(6 / (``fan_in`` + ``fan_out``)). Keras ``Dense``와 ``Conv2D``의 기본값이다."""

    name = "glorot_uniform"
    scale, mode, distribution = 1.0, "fan_avg", "uniform"


class GlorotNormal(_NamedVarianceScaling):
    """Glorot(Xavier) 정규 분포: 분산 2 / (``fan_in`` + ``fan_out``)인 절단 정규 분포 (Keras와 같다)."""

    name = "glorot_normal"
    scale, mode, distribution = 1.0, "fan_avg", "truncated_normal"


class HeUniform(_NamedVarianceScaling):
    """He 균등 분포: U(−l, l), l = √(6 / ``fan_in``). ReLU 층에 쓴다."""

    name = "he_uniform"
    scale, mode, distribution = 2.0, "fan_in", "uniform"


class HeNormal(_NamedVarianceScaling):
    """He 정규 분포: 분산 2 / ``fan_in``인 절단 정규 분포 (Keras와 같다). ReLU 층에 쓴다."""

    name = "he_normal"
    scale, mode, distribution = 2.0, "fan_in", "truncated_normal"


class LecunUniform(_NamedVarianceScaling):
    """LeCun 균등 분포: U(−l, l), l = √(3 / ``fan_in``)."""

    name = "lecun_uniform"
    scale, mode, distribution = 1.0, "fan_in", "uniform"


class LecunNormal(_NamedVarianceScaling):
    """LeCun 정규 분포: 분산 1 / ``fan_in``인 절단 정규 분포 (Keras와 같다)."""

    name = "lecun_normal"
    scale, mode, distribution = 1.0, "fan_in", "truncated_normal"


_CLASSES = (Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling,
            GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal)
#: 이름으로 찾을 수 있는 초기화 클래스들 (저장한 모델을 읽을 때도 이것만 만든다).
INITIALIZER_CLASSES = _CLASSES
_REGISTRY: dict[str, type[Initializer]] = {cls.name: cls for cls in _CLASSES}
_REGISTRY.update({"xavier_uniform": GlorotUniform, "xavier_normal": GlorotNormal,
                  # Keras가 예전부터 받는 짧은 이름: 004 강의의 init='uniform'이 이것이다.
                  "uniform": RandomUniform, "normal": RandomNormal})


def _function(cls):
    def init(shape, rng=None, dtype=np.float64) -> np.ndarray:
        return cls()(shape, rng, dtype)

    init.__name__ = init.__qualname__ = cls.name
    init.initializer_name = cls.name
    init.__doc__ = f"``{cls.__name__}()(shape, rng, dtype)``과 같다. " + (cls.__doc__ or "").split("\n")[0]
    return init


zeros = _function(Zeros)
ones = _function(Ones)
random_uniform = _function(RandomUniform)
random_normal = _function(RandomNormal)
truncated_normal = _function(TruncatedNormal)
glorot_uniform = _function(GlorotUniform)
glorot_normal = _function(GlorotNormal)
he_uniform = _function(HeUniform)
he_normal = _function(HeNormal)
lecun_uniform = _function(LecunUniform)
lecun_normal = _function(LecunNormal)


def names() -> list[str]:
    """``get``이 아는 초기화 이름들."""
    return sorted(_REGISTRY)


def serialize(initializer):
    """초기화를 JSON으로 저장할 수 있는 값으로 바꾼다: 이름 문자열이나 ``{"class_name": 이름, "config": 인자}``.

    ``get``이 이 값을 받아 같은 초기화를 다시 만든다. 직접 만든 함수는 저장할 수 없으므로 ValueError를 낸다.
    """
    if initializer is None or isinstance(initializer, str):
        return initializer
    if isinstance(initializer, Initializer):
        return {"class_name": initializer.name, "config": initializer.get_config()}
    name = getattr(initializer, "initializer_name", None)
    if name is not None:
        return name
    raise ValueError(f"직접 만든 초기화 {initializer!r}은(는) 저장할 수 없다. 이름이나 nnbook.initializers의 객체를 쓴다.")


def get(identifier):
    """이름(문자열), 초기화 객체, ``init(shape, rng, dtype)`` 함수, ``serialize``가 만든 사전 중 하나를 받아
    호출할 수 있는 초기화를 돌려준다.

    이름은 ``"he_normal"``처럼 밑줄로 쓰거나 Keras의 클래스 이름 ``"HeNormal"``처럼 써도 된다.
    ``"xavier_uniform"``과 ``"xavier_normal"``은 Glorot의 다른 이름이고, ``"uniform"``과 ``"normal"``은
    Keras처럼 ``RandomUniform``과 ``RandomNormal``의 짧은 이름이다. None이면 None을 돌려준다.
    """
    if identifier is None or isinstance(identifier, Initializer):
        return identifier
    if isinstance(identifier, dict) and set(identifier) == {"class_name", "config"}:
        cls = _REGISTRY.get(_snake(identifier["class_name"]))
        if cls is None:
            raise unknown_name_error("초기화", identifier["class_name"], _REGISTRY)
        return cls(**identifier["config"])
    if isinstance(identifier, str):
        key = _snake(identifier)
        if key in _REGISTRY:
            return _REGISTRY[key]()
        raise unknown_name_error("초기화", identifier, _REGISTRY)
    if callable(identifier):
        return identifier
    raise unknown_name_error("초기화", identifier, _REGISTRY)


def _snake(name) -> str:
    """"HeNormal" 같은 Keras 클래스 이름을 "he_normal"로 바꾼다. 소문자 이름은 그대로 둔다."""
    if not isinstance(name, str):
        return name
    return (name if name.islower() else re.sub(r"(?<!^)(?=[A-Z])", "_", name)).lower()
