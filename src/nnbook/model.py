"""층을 차례로 쌓은 모델 ``Sequential``: 순전파 f3(f2(f1(x)))와 그 역순의 역전파.

Keras처럼 ``add``로 층을 쌓고 ``compile(optimizer, loss)``한 뒤 ``fit``으로 학습한다.
"""

from __future__ import annotations

import numpy as np

from . import losses as _losses
from . import optimizers as _optimizers
from ._checks import as_float_array, check_positive_int, shape_text
from .layers import Layer


class TrainingDiverged(RuntimeError):
    """학습 중 손실이 NaN이나 inf가 되었을 때(발산) 알리는 예외."""


class History:
    """fit이 돌려주는 학습 기록. ``history["loss"]``는 에포크마다의 평균 손실이다."""

    def __init__(self):
        self.history: dict[str, list[float]] = {"loss": []}
        self.epoch: list[int] = []
        self.diverged_at: int | None = None  # 발산한 에포크(1부터), 발산하지 않았으면 None

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None


class Sequential:
    """층을 순서대로 잇는 모델."""

    def __init__(self, layers=None, seed: int | np.random.Generator | None = None):
        self.layers: list[Layer] = []
        self.rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        self.optimizer = None
        self.loss = None
        self.history: History | None = None
        for layer in layers or []:
            self.add(layer)

    # 구성 -----------------------------------------------------------------
    def add(self, layer: Layer) -> None:
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential에는 층(Layer)만 넣을 수 있는데 {type(layer).__name__}이(가) 주어졌다.")
        self.layers.append(layer)

    def build(self, input_shape, dtype=np.float64) -> None:
        """배치 축을 뺀 입력 모양으로 모든 층의 매개변수를 만든다."""
        if not self.layers:
            raise ValueError("Sequential에 층이 하나도 없다. add로 층을 먼저 쌓아야 한다.")
        shape = tuple(input_shape)
        for layer in self.layers:
            if not layer.built:
                layer.build(shape, self.rng, dtype)
            shape = layer.output_shape(shape)

    def _ensure_built(self, x: np.ndarray) -> None:
        if not all(layer.built for layer in self.layers):
            self.build(x.shape[1:], dtype=x.dtype)

    def compile(self, optimizer="sgd", loss="mse") -> None:
        self.optimizer = _optimizers.get(optimizer)
        self.loss = _losses.get(loss)

    # 계산 -----------------------------------------------------------------
    def forward(self, x, training: bool = False) -> np.ndarray:
        x = as_float_array(x, "모델의 입력")
        if not self.layers:
            raise ValueError("Sequential에 층이 하나도 없다. add로 층을 먼저 쌓아야 한다.")
        self._ensure_built(x)
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def predict(self, x) -> np.ndarray:
        return self.forward(x, training=False)

    def backward(self, dout) -> np.ndarray:
        """손실의 출력에 대한 기울기를 받아 층을 거꾸로 지나며 모든 층의 grads를 채운다."""
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    @property
    def params(self) -> dict[str, np.ndarray]:
        """모든 층의 매개변수. 이름은 '층번호/매개변수' 꼴이다 (예를 들어 '0/kernel')."""
        return {f"{i}/{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params.items()}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {f"{i}/{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads.items()}

    def count_params(self) -> int:
        return sum(layer.count_params() for layer in self.layers)

    def _check_targets(self, x, y):
        x = as_float_array(x, "입력 x")
        y = as_float_array(y, "정답 y")
        if x.ndim < 2:
            raise ValueError(f"입력 x는 (샘플, 특성) 모양이어야 하는데 모양이 {shape_text(x.shape)}이다.")
        if y.shape[0] != x.shape[0]:
            raise ValueError(f"입력 x의 샘플은 {x.shape[0]}개인데 정답 y는 {y.shape[0]}개다.")
        return x, y

    def train_on_batch(self, x, y) -> float:
        """배치 하나로 순전파 → 손실 → 역전파 → 매개변수 갱신을 한 번 하고 손실을 돌려준다."""
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("학습하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        y_pred = self.forward(x, training=True)
        if y.shape != y_pred.shape:
            raise ValueError(
                f"정답 y의 모양 {shape_text(y.shape)}이(가) 모델 출력의 모양 {shape_text(y_pred.shape)}과(와) 맞지 않다."
            )
        if not np.all(np.isfinite(y_pred)):
            return float("nan")
        loss = self.loss(y, y_pred)
        self.backward(self.loss.gradient(y, y_pred))
        self.optimizer.update(self.params, self.grads)
        return loss

    def fit(self, x, y, epochs: int = 1, batch_size: int | None = None, shuffle: bool = True,
            verbose: int = 0, raise_on_divergence: bool = False) -> History:
        """미니배치 경사 하강법으로 학습한다.

        매 에포크마다 샘플 순서를 섞은 순열을 배치 크기로 잘라 쓴다 (복원 추출이 아니다).
        ``batch_size``를 주지 않으면 Keras처럼 32(샘플이 그보다 적으면 전체)를 쓴다.
        ``batch_size=n``(샘플 수)이면 전체 데이터를 한 배치로 쓰는 배치 경사 하강법이다.
        손실이 NaN이나 inf가 되면(발산) 그 에포크에서 멈추고 ``history.diverged_at``에 기록한다.
        """
        x, y = self._check_targets(x, y)
        epochs = check_positive_int(epochs, "epochs")
        n = x.shape[0]
        batch_size = min(32, n) if batch_size is None else check_positive_int(batch_size, "batch_size")
        if batch_size > n:
            raise ValueError(f"batch_size {batch_size}이(가) 샘플 수 {n}보다 크다.")
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("학습하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        out_shape = self.forward(x[:1]).shape[1:]
        if tuple(y.shape[1:]) != tuple(out_shape):
            raise ValueError(
                f"정답 y의 모양 {shape_text(y.shape)}이(가) 모델 출력의 모양 {shape_text((n, *out_shape))}과(와) 맞지 않다."
            )
        history = History()
        # 발산은 아래에서 손실을 보고 직접 알리므로, 그 과정의 overflow 경고는 끈다.
        with np.errstate(over="ignore", invalid="ignore"):
            self._fit_epochs(x, y, epochs, batch_size, shuffle, verbose, raise_on_divergence, history)
        self.history = history
        return history

    def _fit_epochs(self, x, y, epochs, batch_size, shuffle, verbose, raise_on_divergence, history):
        n = x.shape[0]
        for epoch in range(1, epochs + 1):
            order = self.rng.permutation(n) if shuffle else np.arange(n)
            total = 0.0
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                total += self.train_on_batch(x[idx], y[idx]) * len(idx)
            epoch_loss = total / n
            if not np.isfinite(epoch_loss):
                history.diverged_at = epoch
                message = f"발산: {epoch}번째 에포크에서 손실이 {epoch_loss}이(가) 되어 학습을 멈췄다. 학습률을 줄여 보라."
                if raise_on_divergence:
                    raise TrainingDiverged(message)
                if verbose:
                    print(message)
                break
            history.history["loss"].append(epoch_loss)
            history.epoch.append(epoch)
            if verbose:
                print(f"에포크 {epoch}/{epochs} - 손실 {epoch_loss:.4f}")

    def evaluate(self, x, y) -> float:
        x, y = self._check_targets(x, y)
        if self.loss is None:
            raise RuntimeError("평가하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        return self.loss(y, self.predict(x))

    def summary(self) -> None:
        """층마다 출력 모양과 매개변수 수를 표로 출력한다 (Keras의 summary처럼 배치 축은 None)."""
        if not all(layer.built for layer in self.layers):
            raise RuntimeError("summary는 모델이 만들어진 뒤(build 또는 첫 forward 뒤)에만 쓸 수 있다.")
        rows = [("층", "출력 모양", "매개변수 수")]
        shape = self.layers[0].input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape)
            rows.append((repr(layer), "(None, " + ", ".join(str(s) for s in shape) + ")",
                         str(layer.count_params())))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows]
        lines.insert(1, "-" * len(lines[0]))
        lines.append("-" * len(lines[0]))
        lines.append(f"전체 매개변수 수: {self.count_params()}")
        print("\n".join(lines))
