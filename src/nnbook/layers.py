"""층(layer): 순전파 ``forward``와 역전파 ``backward``를 한 쌍으로 가진 블록.

규칙:

- ``forward(x, training=False)``는 출력을 돌려주고, 역전파에 필요한 값만 기억한다.
- ``backward(dout)``는 손실의 출력에 대한 기울기(gradient) dout을 받아 입력에 대한 기울기 dx를
  돌려주고, 학습할 매개변수의 기울기를 ``grads``에 채운다.
- 어떤 층도 입력 배열(x나 dout)을 제자리에서 바꾸지 않는다.
- 출력의 dtype은 입력의 dtype을 따른다 (float32를 넣으면 float32가 나온다).
- 매개변수는 ``params``, 그 기울기는 같은 이름으로 ``grads``에 들어 있다.
"""

from __future__ import annotations

import numpy as np

from . import activations as _activations
from ._checks import as_float_array, check_positive_int, shape_text


class Layer:
    """모든 층의 공통 틀."""

    def __init__(self, name: str | None = None):
        self.name = name
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.built = False
        self.input_shape: tuple | None = None  # 배치 축을 뺀 입력 모양

    # 배치 축을 뺀 입력 모양을 받아 매개변수를 만든다. 매개변수가 없는 층은 그대로 둔다.
    def build(self, input_shape: tuple, rng: np.random.Generator | None = None, dtype=np.float64) -> None:
        self.input_shape = tuple(input_shape)
        self.built = True

    def output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def count_params(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def get_weights(self) -> list[np.ndarray]:
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


def glorot_uniform(shape: tuple, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
    """Glorot(Xavier) 균등 분포 초기화: U(−l, l), l = √(6 / (``fan_in`` + ``fan_out``)). Keras Dense의 기본값이다."""
    fan_in, fan_out = shape[0], shape[-1]
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape).astype(dtype)


class Dense(Layer):
    """밀집층(dense layer, 전결합층): y = f(x·W + b).

    x는 (배치, 입력 수), W(``kernel``)는 (입력 수, units), b(``bias``)는 (units,)이다.
    배치의 각 행이 샘플 하나이므로 X(m×n)·W(n×j) + B = Y(m×j)가 한 번의 행렬 곱이다.
    ``activation``을 주면 Keras의 ``Dense(units, activation=...)``처럼 활성화까지 한 층에서 한다.
    """

    def __init__(self, units: int, activation=None, use_bias: bool = True, input_dim: int | None = None,
                 kernel_initializer=None, name: str | None = None):
        super().__init__(name)
        self.units = check_positive_int(units, "Dense의 units")
        self.activation = _activations.get(activation)
        self.use_bias = bool(use_bias)
        self.input_dim = None if input_dim is None else check_positive_int(input_dim, "Dense의 input_dim")
        self.kernel_initializer = kernel_initializer or glorot_uniform
        self._x = None
        self._z = None

    def build(self, input_shape, rng=None, dtype=np.float64):
        input_shape = tuple(input_shape)
        if len(input_shape) != 1:
            raise ValueError(
                f"{self.label()} 층은 (배치, 특성) 모양의 2차원 입력을 받는데 샘플 하나의 모양이 "
                f"{shape_text(input_shape)}이다. 이미지라면 앞에 Flatten 층을 두어야 한다."
            )
        if self.input_dim is not None and input_shape[0] != self.input_dim:
            raise ValueError(
                f"{self.label()} 층은 input_dim={self.input_dim}로 선언되었는데 특성이 {input_shape[0]}개인 입력이 들어왔다."
            )
        rng = rng if rng is not None else np.random.default_rng()
        n_in = input_shape[0]
        self.params = {"kernel": self.kernel_initializer((n_in, self.units), rng, dtype)}
        if self.use_bias:
            self.params["bias"] = np.zeros(self.units, dtype=dtype)
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        super().build(input_shape)

    def output_shape(self, input_shape):
        return (self.units,)

    def forward(self, x, training=False):
        x = as_float_array(x, f"{self.label()} 층의 입력")
        if x.ndim != 2:
            raise ValueError(
                f"{self.label()} 층의 입력은 (배치, 특성) 모양의 2차원 배열이어야 하는데 모양이 {shape_text(x.shape)}이다."
            )
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype)
        n_in = self.params["kernel"].shape[0]
        if x.shape[1] != n_in:
            raise ValueError(
                f"{self.label()} 층은 특성 {n_in}개를 입력으로 받는데 모양이 {shape_text(x.shape)}인 입력"
                f"(특성 {x.shape[1]}개)이 들어왔다."
            )
        kernel = self.params["kernel"]
        # 출력 dtype이 입력을 따르도록, 매개변수를 입력 dtype으로 맞춰 곱한다.
        z = x @ kernel.astype(x.dtype, copy=False)
        if self.use_bias:
            z = z + self.params["bias"].astype(x.dtype, copy=False)
        self._x, self._z = x, z
        return self.activation(z)

    def backward(self, dout):
        dout = self._check_dout(dout, None if self._z is None else self._z.shape)
        dz = dout * self.activation.derivative(self._z)
        kernel = self.params["kernel"]
        self.grads["kernel"] = (self._x.T @ dz).astype(kernel.dtype, copy=False)
        if self.use_bias:
            self.grads["bias"] = dz.sum(axis=0).astype(kernel.dtype, copy=False)
        return dz @ kernel.T.astype(dz.dtype, copy=False)

    def __repr__(self):
        act = "" if isinstance(self.activation, _activations.Linear) else f", activation={self.activation.name!r}"
        return f"Dense({self.units}{act})"


class ActivationLayer(Layer):
    """활성화 함수 하나만 적용하는 층 (Keras의 ``Activation``). 매개변수가 없다."""

    def __init__(self, activation, name: str | None = None):
        super().__init__(name)
        self.activation = _activations.get(activation)
        self._x = None

    def forward(self, x, training=False):
        x = self._check_input(x)
        self._x = x
        return self.activation(x)

    def backward(self, dout):
        dout = self._check_dout(dout, None if self._x is None else self._x.shape)
        return dout * self.activation.derivative(self._x)

    def label(self):
        return self.name or f"Activation({self.activation.name})"

    def __repr__(self):
        return f"Activation({self.activation.name!r})"


# Keras와 같은 이름으로도 쓸 수 있게 한다: layers.Activation("relu")
Activation = ActivationLayer
