"""층(layer): 순전파 ``forward``와 역전파 ``backward``를 한 쌍으로 가진 블록.

규칙:

- ``forward(x, training=False)``는 출력을 돌려주고, 역전파에 필요한 값만 기억한다.
- ``backward(dout)``는 손실의 출력에 대한 기울기(gradient) dout을 받아 입력에 대한 기울기 dx를
  돌려주고, 학습할 매개변수의 기울기를 ``grads``에 채운다.
- 두 메서드는 같은 키워드 인자를 받는다. ``check=False``이면 입력(x, dout)의 모양·dtype·NaN 검사를
  건너뛴다. ``Sequential``은 모델의 입력을 한 번 검사한 뒤 층끼리 주고받는 배열에 이것을 쓴다 (발산하는
  중에는 중간값이 inf가 되는 것이 정상인데, 그때 층이 오류를 내면 fit이 '발산'을 알리지 못한다).
  ``backward(dout, need_dx=False)``이면 dx가 필요 없다는 뜻이다 (모델의 첫 층). 밀집층과 합성곱층은
  그때 dx를 계산하지 않고 None을 돌려준다.
- 활성화 함수가 있는 층(``Dense``, ``Conv2D``, ``Activation``)은 그 함수를 ``activation``에 두고, 없는 층은
  ``activation``이 None이다. ``forward(x, return_intermediates=True)``는 (출력, {"preactivation": z})를
  돌려준다 (z는 활성화 직전 값). ``backward(dz, through_activation=False)``는 dout 대신 z에 대한 기울기를
  받는다: 출력층의 활성화와 손실을 합쳐 미분할 때(``losses.fused_gradient``) 모델이 이렇게 부른다.
- 어떤 층도 입력 배열(x나 dout)을 제자리에서 바꾸지 않는다.
- 출력의 dtype은 입력의 dtype을 따른다 (float32를 넣으면 float32가 나온다).
- 매개변수는 ``params``, 그 기울기는 같은 이름으로 ``grads``에 들어 있다.
"""

from __future__ import annotations

import numpy as np

from . import activations as _activations
from ._checks import as_float_array, as_generator, check_positive, check_positive_int, shape_text


class Layer:
    """모든 층의 공통 틀."""

    def __new__(cls, *args, **kwargs):
        # 저장(save)할 때 같은 층을 다시 만들 수 있도록 생성자 인자를 기억한다 (pickle을 쓰지 않는다).
        instance = super().__new__(cls)
        instance._init_args = (args, kwargs)
        return instance

    def get_config(self) -> dict:
        """이 층을 다시 만드는 생성자 인자 {이름: 값}."""
        import inspect

        args, kwargs = self._init_args
        bound = inspect.signature(type(self).__init__).bind(None, *args, **kwargs)
        return {k: v for k, v in bound.arguments.items() if k != "self"}

    def regularization_loss(self) -> float:
        """규제(regularizer)가 손실에 더하는 벌점: 커널 규제(``kernel_regularizer``)를 둔 층(Dense, Conv2D)은
        그 벌점, 규제가 없는 층은 0이다. 기울기 쪽은 각 층의 ``backward``가 커널의 기울기에 더한다."""
        regularizer = getattr(self, "kernel_regularizer", None)
        if regularizer is None or not self.built:
            return 0.0
        return float(regularizer(self.params["kernel"], check=False))

    def get_state(self) -> dict[str, np.ndarray]:
        """학습으로 바뀌지만 기울기로 고치지 않는 값(배치 정규화의 이동 평균 등). 없으면 빈 사전."""
        return {}

    def set_state(self, state: dict) -> None:
        """``get_state``로 얻은 값을 되돌려 놓는다 (저장한 모델을 불러올 때)."""
        if state:
            raise ValueError(f"{self.label()} 층에는 저장된 상태가 없는데 {', '.join(state)}이(가) 주어졌다.")

    grads_in_place = False
    """참이면 backward가 ``grads``의 배열을 새 배열로 바꾸지 않고 그 자리에 값을 쓴다. 그러면 모델이 모든 기울기를
    한 배열의 조각으로 둘 수 있다 (``Sequential._pack_parameters``)."""

    activation = None
    """층이 끝에 적용하는 활성화 함수 (``activations``의 객체). 활성화가 없는 층은 None이다."""

    def __init__(self, name: str | None = None):
        self.name = name
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.built = False
        self.input_shape: tuple | None = None  # 배치 축을 뺀 입력 모양

    def build(self, input_shape: tuple, rng: np.random.Generator | None = None, dtype=np.float64) -> None:
        """배치 축을 뺀 입력 모양으로 매개변수를 만든다. 매개변수가 없는 층은 모양만 기억한다."""
        self.input_shape = tuple(input_shape)
        self.built = True

    def output_shape(self, input_shape: tuple) -> tuple:
        """배치 축을 뺀 입력 모양을 받아 배치 축을 뺀 출력 모양을 돌려준다."""
        return tuple(input_shape)

    def forward(self, x: np.ndarray, training: bool = False, *, check: bool = True) -> np.ndarray:
        """순전파: 입력 x (배치가 첫 축)에서 출력을 계산하고 역전파에 필요한 값을 기억한다.

        ``training=True``이면 드롭아웃이나 배치 정규화처럼 학습 때만 다르게 움직이는 층이 학습 모드로 계산한다.
        ``check=False``이면 x를 검사하지 않는다 (모델 안에서 이미 검사한 배열).
        """
        raise NotImplementedError

    def backward(self, dout: np.ndarray, *, need_dx: bool = True, check: bool = True) -> np.ndarray | None:
        """역전파: 출력에 대한 손실의 기울기 dout을 받아 ``grads``를 채우고 입력에 대한 기울기 dx를 돌려준다.

        ``need_dx=False``이면 dx가 필요 없다 (모델의 첫 층). 층은 그때 None을 돌려줄 수 있다.
        ``check=False``이면 dout을 검사하지 않는다.
        """
        raise NotImplementedError

    def count_params(self) -> int:
        """학습할 매개변수의 수."""
        return int(sum(p.size for p in self.params.values()))

    def get_weights(self) -> list[np.ndarray]:
        """매개변수의 복사본을 ``params``의 순서대로 돌려준다."""
        return [p.copy() for p in self.params.values()]

    def set_weights(self, weights) -> None:
        """매개변수를 params의 순서대로 바꾼다. 모양이 다르면 어떤 매개변수가 어떻게 다른지 알린다."""
        weights = list(weights)
        if len(weights) != len(self.params):
            raise ValueError(
                f"{self.label()} 층의 매개변수는 {len(self.params)}개({', '.join(self.params)})인데 "
                f"{len(weights)}개가 주어졌다."
            )
        for (key, current), new in zip(self.params.items(), weights):
            new = as_float_array(new, f"{self.label()} 층의 {key}")
            if new.shape != current.shape:
                raise ValueError(
                    f"{self.label()} 층의 {key} 모양은 {shape_text(current.shape)}이어야 하는데 "
                    f"{shape_text(new.shape)}인 배열이 주어졌다."
                )
            current[...] = new

    def label(self) -> str:
        """오류 문장에서 이 층을 부르는 이름."""
        return self.name or type(self).__name__

    def _check_input(self, x, name="입력") -> np.ndarray:
        x = as_float_array(x, f"{self.label()} 층의 {name}")
        if self.input_shape is not None and tuple(x.shape[1:]) != self.input_shape:
            raise ValueError(
                f"{self.label()} 층은 샘플 하나의 모양이 {shape_text(self.input_shape)}인 입력을 기대하는데 "
                f"모양이 {shape_text(x.shape)}인 입력(배치 축 포함)이 들어왔다."
            )
        return x

    def _check_dout(self, dout, expected_shape) -> np.ndarray:
        if expected_shape is None:
            raise RuntimeError(f"{self.label()} 층의 backward는 forward를 먼저 호출한 뒤에만 쓸 수 있다.")
        dout = as_float_array(dout, f"{self.label()} 층의 backward에 들어온 dout")
        if dout.shape != tuple(expected_shape):
            raise ValueError(
                f"{self.label()} 층의 dout 모양은 출력과 같은 {shape_text(expected_shape)}이어야 하는데 "
                f"{shape_text(dout.shape)}이다."
            )
        return dout


def _get_initializer(identifier):
    """이름, 초기화 객체, 함수 (shape, rng, dtype) → 배열 중 하나를 받아 초기화 함수를 돌려준다."""
    from . import initializers

    return initializers.get("glorot_uniform" if identifier is None else identifier)


def _get_regularizer(identifier):
    if identifier is None:
        return None
    from . import regularizers

    return regularizers.get(identifier)


class Dense(Layer):
    """밀집층(dense layer, 전결합층): y = f(x·W + b).

    x는 (배치, 입력 수), W(``kernel``)는 (입력 수, units), b(``bias``)는 (units,)이다.
    배치의 각 행이 샘플 하나이므로 X(m×n)·W(n×j) + B = Y(m×j)가 한 번의 행렬 곱이다.
    ``activation``을 주면 Keras의 ``Dense(units, activation=...)``처럼 활성화까지 한 층에서 한다.
    """

    grads_in_place = True

    def __init__(self, units: int, activation=None, use_bias: bool = True, input_dim: int | None = None,
                 kernel_initializer="glorot_uniform", kernel_regularizer=None, name: str | None = None):
        super().__init__(name)
        self.units = check_positive_int(units, "Dense의 units")
        self.activation = _activations.get(activation)
        self.use_bias = bool(use_bias)
        self.input_dim = None if input_dim is None else check_positive_int(input_dim, "Dense의 input_dim")
        self.kernel_initializer = _get_initializer(kernel_initializer)
        self.kernel_regularizer = _get_regularizer(kernel_regularizer)
        self._x = self._z = self._out = None

    def build(self, input_shape, rng=None, dtype=np.float64):
        input_shape = tuple(input_shape)
        if len(input_shape) != 1:
            raise ValueError(
                f"{self.label()} 층은 (배치, 특징) 모양의 2차원 입력을 받는데 샘플 하나의 모양이 "
                f"{shape_text(input_shape)}이다. 이미지라면 앞에 Flatten 층을 두어야 한다."
            )
        if self.input_dim is not None and input_shape[0] != self.input_dim:
            raise ValueError(
                f"{self.label()} 층은 input_dim={self.input_dim}로 선언되었는데 특징이 {input_shape[0]}개인 입력이 들어왔다."
            )
        rng = rng if rng is not None else np.random.default_rng()
        n_in = input_shape[0]
        self.params = {"kernel": np.asarray(self.kernel_initializer((n_in, self.units), rng, dtype), dtype=dtype)}
        if self.use_bias:
            self.params["bias"] = np.zeros(self.units, dtype=dtype)
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        super().build(input_shape)

    def output_shape(self, input_shape):
        return (self.units,)

    def forward(self, x, training=False, *, check=True, return_intermediates=False):
        if check:
            x = self._check_features(x)
        kernel = self.params["kernel"]
        # 출력 dtype이 입력을 따르도록, 매개변수를 입력 dtype으로 맞춰 곱한다.
        # 행렬 곱은 np.dot으로 쓴다: 2차원 배열에서는 x @ W와 같은 값이고, 작은 행렬에서 호출이 더 가볍다.
        z = np.dot(x, kernel.astype(x.dtype, copy=False))
        if self.use_bias:
            z += self.params["bias"].astype(x.dtype, copy=False)  # z는 방금 만든 배열이라 제자리에서 더해도 된다
        out = self.activation(z)
        self._x, self._z, self._out = x, z, out
        return (out, {"preactivation": z}) if return_intermediates else out

    def _check_features(self, x):
        x = as_float_array(x, f"{self.label()} 층의 입력")
        if x.ndim != 2:
            raise ValueError(
                f"{self.label()} 층의 입력은 (배치, 특징) 모양의 2차원 배열이어야 하는데 모양이 {shape_text(x.shape)}이다."
            )
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype)
        n_in = self.params["kernel"].shape[0]
        if x.shape[1] != n_in:
            raise ValueError(
                f"{self.label()} 층은 특징 {n_in}개를 입력으로 받는데 모양이 {shape_text(x.shape)}인 입력"
                f"(특징 {x.shape[1]}개)이 들어왔다."
            )
        return x

    def backward(self, dout, *, need_dx=True, check=True, through_activation=True):
        """역전파. ``through_activation=False``이면 dout은 이미 활성화 직전 값 z에 대한 기울기 dz다
        (출력층의 활성화와 손실을 합쳐 미분했을 때)."""
        if check:
            dout = self._check_dout(dout, None if self._z is None else self._z.shape)
        dz = self.activation.backprop(self._z, dout, output=self._out, check=False) if through_activation else dout
        kernel = self.params["kernel"]
        grad_kernel = np.dot(self._x.T, dz)
        if self.kernel_regularizer is not None:
            grad_kernel = grad_kernel + self.kernel_regularizer.gradient(kernel, check=False)
        # 기울기는 grads의 배열에 제자리로 쓴다 (배열을 바꿔 끼우지 않는다). 그래서 모델이 모든 기울기를 한 배열의
        # 조각으로 두고 옵티마이저가 한 번에 고칠 수 있다 (Sequential._pack_parameters). dtype은 매개변수를 따른다.
        self.grads["kernel"][...] = grad_kernel
        if self.use_bias:
            # 편향의 기울기는 dz를 배치 축으로 더한 것이다 (dz.sum(axis=0)과 같은 값을 더 가벼운 호출로 구한다).
            self.grads["bias"][...] = np.add.reduce(dz, axis=0)
        if not need_dx:
            return None
        return np.dot(dz, kernel.T.astype(dz.dtype, copy=False))

    def __repr__(self):
        act = "" if isinstance(self.activation, _activations.Linear) else f", activation={self.activation.name!r}"
        return f"Dense({self.units}{act})"


class ActivationLayer(Layer):
    """활성화 함수 하나만 적용하는 층 (Keras의 ``Activation``). 매개변수가 없다."""

    def __init__(self, activation, name: str | None = None):
        super().__init__(name)
        self.activation = _activations.get(activation)
        self._x = self._out = None

    def forward(self, x, training=False, *, check=True, return_intermediates=False):
        if check:
            x = self._check_input(x)
        out = self.activation(x)
        self._x, self._out = x, out
        return (out, {"preactivation": x}) if return_intermediates else out

    def backward(self, dout, *, need_dx=True, check=True, through_activation=True):
        """역전파. ``through_activation=False``이면 dout은 이미 활성화의 입력에 대한 기울기이므로 그대로 넘긴다."""
        if check:
            dout = self._check_dout(dout, None if self._x is None else self._x.shape)
        if not through_activation:
            return dout
        return self.activation.backprop(self._x, dout, output=self._out, check=False)

    def label(self):
        return self.name or f"Activation({self.activation.name})"

    def __repr__(self):
        return f"Activation({self.activation.name!r})"


# Keras와 같은 이름으로도 쓸 수 있게 한다: layers.Activation("relu")
Activation = ActivationLayer


class Flatten(Layer):
    """(배치, 높이, 너비, 채널) 같은 입력을 (배치, 특징)으로 편다. 합성곱 층 뒤에 밀집층을 이을 때 쓴다."""

    def __init__(self, name: str | None = None):
        super().__init__(name)
        self._shape = None

    def output_shape(self, input_shape):
        return (int(np.prod(input_shape)),)

    def forward(self, x, training=False, *, check=True):
        if check:
            x = self._check_input(x)
            if x.ndim < 2:
                raise ValueError(
                    f"{self.label()} 층의 입력은 배치 축이 있는 2차원 이상 배열이어야 하는데 모양이 {shape_text(x.shape)}이다."
                )
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dout, *, need_dx=True, check=True):
        if check:
            expected = None if self._shape is None else (self._shape[0], int(np.prod(self._shape[1:])))
            dout = self._check_dout(dout, expected)
        return dout.reshape(self._shape)

    def __repr__(self):
        return "Flatten()"


class Dropout(Layer):
    """역 드롭아웃(inverted dropout): 학습 때 각 값을 확률 rate로 0으로 만들고 남은 값을 1/(1 − rate)배 한다.

    그래서 출력의 기댓값이 입력과 같고, 추론(``training=False``) 때는 아무것도 하지 않는다
    (Srivastava et al., 2014; Keras의 Dropout과 같다). 마스크는 ``seed``로 만든 난수 생성기에서 뽑는다.
    """

    def __init__(self, rate: float, seed: int | np.random.Generator | None = None, name: str | None = None):
        super().__init__(name)
        from ._checks import check_in_range

        self.rate = check_in_range(rate, "Dropout의 rate", 0.0, 1.0)
        self.rng = as_generator(seed, "Dropout의 seed")
        self._mask = None

    def forward(self, x, training=False, *, check=True):
        if check:
            x = self._check_input(x)
        if not training or self.rate == 0.0:
            self._mask = None
            return x
        keep = 1.0 - self.rate
        self._mask = (self.rng.random(x.shape) < keep).astype(x.dtype) / x.dtype.type(keep)
        return x * self._mask

    def backward(self, dout, *, need_dx=True, check=True):
        if self._mask is None:
            return as_float_array(dout, f"{self.label()} 층의 dout") if check else dout
        if check:
            dout = self._check_dout(dout, self._mask.shape)
        return dout * self._mask

    def __repr__(self):
        return f"Dropout({self.rate:g})"


class BatchNormalization(Layer):
    """배치 정규화(batch normalization, Ioffe & Szegedy 2015). 마지막 축(특징 또는 채널)마다 정규화한다.

    학습 때는 배치의 평균 μ와 분산 σ²로 x̂ = (x − μ)/√(σ² + ε)를 만들고 y = γ·x̂ + β를 낸다.
    동시에 이동 평균 ``moving_mean``과 ``moving_variance``를 momentum으로 갱신해 두었다가, 추론 때는
    이것으로 정규화한다. 기본값(momentum=0.99, epsilon=1e-3)은 Keras와 같다.
    """

    def __init__(self, momentum: float = 0.99, epsilon: float = 1e-3, center: bool = True, scale: bool = True,
                 name: str | None = None):
        super().__init__(name)
        from ._checks import check_in_range

        self.momentum = check_in_range(momentum, "BatchNormalization의 momentum", 0.0, 1.0)
        self.epsilon = check_positive(epsilon, "BatchNormalization의 epsilon")
        self.center, self.scale = bool(center), bool(scale)
        self.moving_mean = None
        self.moving_variance = None
        self._cache = None

    def build(self, input_shape, rng=None, dtype=np.float64):
        channels = int(input_shape[-1])
        self.params = {}
        if self.scale:
            self.params["gamma"] = np.ones(channels, dtype=dtype)
        if self.center:
            self.params["beta"] = np.zeros(channels, dtype=dtype)
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.moving_mean = np.zeros(channels, dtype=dtype)
        self.moving_variance = np.ones(channels, dtype=dtype)
        super().build(input_shape)

    def forward(self, x, training=False, *, check=True):
        if check:
            x = as_float_array(x, f"{self.label()} 층의 입력")
            if x.ndim < 2:
                raise ValueError(f"{self.label()} 층의 입력은 배치 축이 있어야 하는데 모양이 {shape_text(x.shape)}이다.")
            if not self.built:
                self.build(x.shape[1:], dtype=x.dtype)
            x = self._check_input(x)
        axes = tuple(range(x.ndim - 1))
        if training:
            mean = x.mean(axis=axes)
            var = x.var(axis=axes)
            m = self.momentum
            self.moving_mean = m * self.moving_mean + (1 - m) * mean.astype(self.moving_mean.dtype)
            self.moving_variance = m * self.moving_variance + (1 - m) * var.astype(self.moving_variance.dtype)
        else:
            mean = self.moving_mean.astype(x.dtype, copy=False)
            var = self.moving_variance.astype(x.dtype, copy=False)
        inv_std = 1.0 / np.sqrt(var + x.dtype.type(self.epsilon))
        x_hat = (x - mean) * inv_std
        self._cache = (x_hat, inv_std, training, axes)
        gamma = self.params["gamma"].astype(x.dtype, copy=False) if self.scale else 1.0
        beta = self.params["beta"].astype(x.dtype, copy=False) if self.center else 0.0
        return gamma * x_hat + beta

    def backward(self, dout, *, need_dx=True, check=True):
        if self._cache is None:
            raise RuntimeError(f"{self.label()} 층의 backward는 forward를 먼저 호출한 뒤에만 쓸 수 있다.")
        x_hat, inv_std, training, axes = self._cache
        if check:
            dout = self._check_dout(dout, x_hat.shape)
        if self.scale:
            self.grads["gamma"] = (dout * x_hat).sum(axis=axes).astype(self.params["gamma"].dtype, copy=False)
        if self.center:
            self.grads["beta"] = dout.sum(axis=axes).astype(self.params["beta"].dtype, copy=False)
        gamma = self.params["gamma"].astype(dout.dtype, copy=False) if self.scale else 1.0
        dx_hat = dout * gamma
        if not training:
            return dx_hat * inv_std
        # 배치 통계 μ, σ²도 x의 함수이므로 그 기울기까지 더한 식 (평균을 빼는 두 항).
        n = x_hat.size / x_hat.shape[-1]
        return inv_std * (dx_hat - dx_hat.sum(axis=axes) / n - x_hat * (dx_hat * x_hat).sum(axis=axes) / n)

    def get_state(self):
        if self.moving_mean is None:
            return {}
        return {"moving_mean": self.moving_mean.copy(), "moving_variance": self.moving_variance.copy()}

    def set_state(self, state):
        expected = {"moving_mean", "moving_variance"}
        if set(state) != expected:
            raise ValueError(
                f"{self.label()} 층의 상태는 moving_mean과 moving_variance인데 {', '.join(sorted(state)) or '빈 상태'}이(가) 주어졌다."
            )
        for key in sorted(expected):
            value = as_float_array(state[key], f"{self.label()} 층의 {key}")
            if self.moving_mean is not None and value.shape != self.moving_mean.shape:
                raise ValueError(
                    f"{self.label()} 층의 {key} 모양은 {shape_text(self.moving_mean.shape)}이어야 하는데 "
                    f"{shape_text(value.shape)}인 배열이 주어졌다."
                )
            setattr(self, key, np.array(value))

    def __repr__(self):
        return "BatchNormalization()"
