"""층을 차례로 쌓은 모델 ``Sequential``: 순전파 f3(f2(f1(x)))와 그 역순의 역전파.

Keras처럼 ``add``로 층을 쌓고 ``compile(optimizer, loss)``한 뒤 ``fit``으로 학습한다.
"""

from __future__ import annotations

import math

import numpy as np

from . import losses as _losses
from . import optimizers as _optimizers
from ._checks import as_float_array, as_generator, check_not_empty, check_positive_int, shape_text
from .layers import Layer


_PACK_AT_MOST = 10_000  # 매개변수를 한 배열로 모으는 신경망의 최대 매개변수 수 (_pack_parameters)


class TrainingDiverged(RuntimeError):
    """학습 중 손실이 NaN이나 inf가 되었을 때(발산) 알리는 예외.

    ``fit(raise_on_divergence=True)``가 내고, 발산한 모델에서 ``predict``나 ``evaluate``를 부를 때도 낸다.
    """


class History:
    """fit이 돌려주는 학습 기록. ``history["loss"]``는 에포크마다의 평균 손실이다."""

    def __init__(self):
        self.history: dict[str, list[float]] = {"loss": []}
        self.epoch: list[int] = []
        self.diverged_at: int | None = None  # 발산한 에포크(1부터), 발산하지 않았으면 None

    def record(self, epoch: int, logs: dict) -> None:
        """에포크 하나의 기록을 덧붙인다."""
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(float(value))

    @property
    def diverged(self) -> bool:
        """학습이 발산해서 멈췄는가."""
        return self.diverged_at is not None


class Sequential:
    """층을 순서대로 잇는 모델."""

    def __init__(self, layers=None, seed: int | np.random.Generator | None = None):
        self.layers: list[Layer] = []
        self.rng = as_generator(seed, "Sequential의 seed")
        self.optimizer = None
        self.loss = None
        self.metrics: list[str] = []
        self.history: History | None = None
        self.stop_training = False
        self.divergence: str | None = None  # 발산했으면 그 문장. 그 가중치로는 predict·evaluate를 하지 않는다.
        self._named_params: list[tuple[str, Layer, str]] | None = None
        self._flat = self._flat_grad = None  # 모든 매개변수를 담은 한 배열과 그 기울기 (_pack_parameters)
        self._flat_views: list[np.ndarray] = []
        self._flat_grad_views: list[np.ndarray] = []
        self._grads_packed = False  # 기울기도 _flat_grad의 조각인가 (층이 모두 기울기를 제자리에 쓸 때)
        for layer in layers or []:
            self.add(layer)

    # 구성 -----------------------------------------------------------------
    def add(self, layer: Layer) -> None:
        """층을 맨 뒤에 쌓는다."""
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential에는 층(Layer)만 넣을 수 있는데 {type(layer).__name__}이(가) 주어졌다.")
        self.layers.append(layer)
        self._named_params = None

    def build(self, input_shape, dtype=np.float64) -> None:
        """배치 축을 뺀 입력 모양으로 모든 층의 매개변수를 만든다."""
        if not self.layers:
            raise ValueError("Sequential에 층이 하나도 없다. add로 층을 먼저 쌓아야 한다.")
        shape = tuple(input_shape)
        for layer in self.layers:
            if not layer.built:
                layer.build(shape, self.rng, dtype)
            shape = layer.output_shape(shape)
        self._named_params = None
        # 만들자마자 한 배열로 모은다: 그래야 build 뒤에 꺼내 둔 params의 배열이 학습 뒤에도 같은 배열이다.
        self._pack_parameters()

    def _ensure_built(self, x: np.ndarray) -> None:
        if not all(layer.built for layer in self.layers):
            self.build(x.shape[1:], dtype=x.dtype)

    def compile(self, optimizer="sgd", loss="mse", metrics=None) -> None:
        """옵티마이저, 손실 함수, 지표(metrics: "accuracy", "mae", "mse")를 정한다."""
        self.optimizer = _optimizers.get(optimizer)
        self.loss = _losses.get(loss)
        metrics = list(metrics or [])
        for name in metrics:
            if name not in _METRICS:
                raise ValueError(f"알 수 없는 지표 이름 {name!r}이다. 쓸 수 있는 이름: {', '.join(sorted(_METRICS))}.")
        self.metrics = [_METRIC_ALIASES.get(m, m) for m in metrics]

    # 계산 -----------------------------------------------------------------
    def _checked_input(self, x) -> np.ndarray:
        x = as_float_array(x, "모델의 입력")
        if not self.layers:
            raise ValueError("Sequential에 층이 하나도 없다. add로 층을 먼저 쌓아야 한다.")
        self._ensure_built(x)
        return x

    def forward(self, x, training: bool = False, *, check: bool = True, return_intermediates: bool = False):
        """모든 층을 차례로 지나는 순전파 f3(f2(f1(x))).

        모델의 입력 x만 검사하고(첫 층이 자기 입력으로 검사한다), 층끼리 주고받는 배열은 검사하지 않는다
        (둘째 층부터 ``check=False``를 준다). ``check=False``이면 x도 검사하지 않는다 (fit처럼 이미 검사한 배열).
        ``return_intermediates=True``이면 (출력, 층마다의 사전 목록)을 돌려준다. 사전에는 그 층의 입력
        ``"input"``과 출력 ``"output"``, 활성화 함수가 있는 층이면 활성화 직전 값 ``"preactivation"``이 있다.
        """
        if check:
            x = self._checked_input(x)
        if not return_intermediates:
            for i, layer in enumerate(self.layers):
                x = layer.forward(x, training=training, check=check and i == 0)
            return x
        steps = []
        for i, layer in enumerate(self.layers):
            step = {"input": x}
            if layer.activation is not None:
                x, extra = layer.forward(x, training=training, check=check and i == 0, return_intermediates=True)
                step.update(extra)
            else:
                x = layer.forward(x, training=training, check=check and i == 0)
            step["output"] = x
            steps.append(step)
        return x, steps

    def _refuse_if_diverged(self) -> None:
        if self.divergence is not None:
            raise TrainingDiverged(
                f"{self.divergence} 발산한 가중치로는 예측하거나 평가하지 않는다. 모델을 새로 만들거나, "
                "학습률을 줄여 다시 fit해야 한다."
            )

    def predict(self, x, batch_size: int | None = None) -> np.ndarray:
        """추론 모드(드롭아웃 끔, 배치 정규화는 이동 평균 사용)로 출력을 계산한다.

        학습이 발산한 모델이면 NaN을 돌려주는 대신 ``TrainingDiverged``로 알린다.
        """
        self._refuse_if_diverged()
        x = self._checked_input(x)
        check_not_empty(x, "모델의 입력")
        if batch_size is None:
            return self.forward(x)
        batch_size = check_positive_int(batch_size, "batch_size")
        return np.concatenate([self.forward(x[i:i + batch_size]) for i in range(0, len(x), batch_size)])

    def backward(self, dout) -> np.ndarray:
        """손실의 출력에 대한 기울기를 받아 층을 거꾸로 지나며 모든 층의 grads를 채운다."""
        dout = as_float_array(dout, "모델 출력에 대한 기울기 dout")
        last = self.layers[-1]
        for layer in reversed(self.layers):
            dout = layer.backward(dout, check=False)
        return dout

    def _named_parameters(self) -> list[tuple[str, Layer, str]]:
        """(이름 '층번호/매개변수', 층, 층 안의 이름) 목록. 층이 바뀔 때만 다시 만든다."""
        if self._named_params is None:
            self._named_params = [(f"{i}/{k}", layer, k) for i, layer in enumerate(self.layers) for k in layer.params]
        return self._named_params

    def _pack_parameters(self) -> None:
        """모든 층의 매개변수를 한 배열(``_flat``)의 조각(뷰)으로 옮긴다. 값은 그대로다.

        옵티마이저의 규칙은 원소마다 같으므로, 매개변수마다 따로 고치는 대신 한 배열을 한 번에 고쳐도 결과가
        같다. 작은 신경망에서는 매개변수마다 NumPy를 부르는 비용이 계산보다 크기 때문에 이렇게 한다
        (성능 측정은 bench/bench_tiny.py). 층은 여전히 ``params``의 배열을 쓰고, 그 배열이 바로 이 뷰다.
        dtype이 섞여 있거나 매개변수가 많으면 옮기지 않는다 (그때는 매개변수마다 고친다).
        """
        named = self._named_parameters()
        arrays = [layer.params[name] for _, layer, name in named]
        grads = [layer.grads.get(name) for _, layer, name in named]
        if self._flat is not None and len(arrays) == len(self._flat_views) \
                and all(a is v for a, v in zip(arrays, self._flat_views)) \
                and (not self._grads_packed or all(g is v for g, v in zip(grads, self._flat_grad_views))):
            return
        self._flat = self._flat_grad = None
        self._flat_views, self._flat_grad_views, self._grads_packed = [], [], False
        # 한 배열로 모으는 데는 걸음마다 기울기를 한 번 복사하는 값이 든다. 매개변수가 많으면 그 복사가 아끼는
        # 호출보다 비싸므로(784-256-128-10에서 에포크마다 수 ms) 작은 신경망에서만 모은다.
        if not arrays or len({a.dtype for a in arrays}) != 1 or sum(a.size for a in arrays) > _PACK_AT_MOST:
            return
        flat = np.concatenate([a.ravel() for a in arrays])
        flat_grad = np.zeros_like(flat)
        # 기울기를 제자리에 쓰는 층(Dense)만 있으면 기울기도 flat_grad의 조각으로 두어, 걸음마다 모아 복사하지 않는다.
        self._grads_packed = all(layer.grads_in_place for _, layer, _ in named)
        offset = 0
        for (_, layer, name), array in zip(named, arrays):
            view = flat[offset:offset + array.size].reshape(array.shape)
            layer.params[name] = view
            self._flat_views.append(view)
            if self._grads_packed:
                grad_view = flat_grad[offset:offset + array.size].reshape(array.shape)
                layer.grads[name] = grad_view
                self._flat_grad_views.append(grad_view)
            offset += array.size
        self._flat, self._flat_grad = flat, flat_grad
        self._flat_update = ({"parameters": self._flat}, {"parameters": self._flat_grad})  # optimizer.update의 인자

    @property
    def params(self) -> dict[str, np.ndarray]:
        """모든 층의 매개변수. 이름은 '층번호/매개변수' 꼴이다 (예를 들어 '0/kernel')."""
        return {key: layer.params[name] for key, layer, name in self._named_parameters()}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """모든 층의 기울기. 이름은 ``params``와 같다."""
        return {key: layer.grads[name] for key, layer, name in self._named_parameters()}

    def count_params(self) -> int:
        """모든 층의 학습할 매개변수 수."""
        return sum(layer.count_params() for layer in self.layers)

    def _check_targets(self, x, y):
        x = as_float_array(x, "입력 x")
        y = as_float_array(y, "정답 y")
        if x.ndim < 2:
            raise ValueError(f"입력 x는 (샘플, 특징) 모양이어야 하는데 모양이 {shape_text(x.shape)}이다.")
        check_not_empty(x, "입력 x")
        if y.shape[0] != x.shape[0]:
            raise ValueError(f"입력 x의 샘플은 {x.shape[0]}개인데 정답 y는 {y.shape[0]}개다.")
        return x, y

    # 학습 -----------------------------------------------------------------
    def regularization_loss(self) -> float:
        """모든 층의 규제 벌점의 합 (손실에 더해진다)."""
        total = 0.0
        for layer in self.layers:
            total += layer.regularization_loss()
        return float(total)

    def compute_gradients(self, x, y, *, check: bool = True) -> float:
        """배치 하나로 순전파 → 손실 → 역전파만 하고 손실을 돌려준다. 매개변수는 고치지 않는다.

        층마다의 기울기는 ``grads``(또는 각 층의 ``grads``)에 남는다. 기울기 소실처럼 기울기 자체를 볼 때 쓴다.
        손실이 NaN이나 inf이면(발산) 역전파하지 않고 그 값을 돌려준다.

        학습의 한 걸음은 이렇게 흐른다.

        1. 순전파: 층마다 ``forward(x, training=True, check=False)``. 모델의 입력만 처음에 검사한다.
        2. 손실: ``loss(y, 출력)`` + 규제 벌점.
        3. 출력층: 마지막 층의 활성화와 손실을 합쳐 미분할 수 있으면(``losses.can_fuse``), 활성화 직전 값에
           대한 기울기 ``losses.fused_gradient``를 바로 넣는다 (``backward(dz, through_activation=False)``).
           아니면 손실의 기울기 ``loss.gradient``에서 보통의 역전파를 시작한다 (값과 기울기는
           ``loss.value_and_gradient``로 함께 구한다).
        4. 나머지 층을 거꾸로 ``backward``. 첫 층에는 ``need_dx=False``를 준다: 입력 x에 대한 기울기는
           학습에 쓰지 않으므로 계산하지 않는다.
        """
        if self.loss is None:
            raise RuntimeError("기울기를 구하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        if check:
            x, y = self._check_targets(x, y)
            x = self._checked_input(x)
        y_pred = self.forward(x, training=True, check=check)
        if check and not np.all(np.isfinite(y_pred)):
            return float("nan")
        layers = self.layers
        last = layers[-1]
        fused = last.activation is not None and _losses.can_fuse(self.loss, last.activation)
        if fused:
            loss = self.loss(y, y_pred, check=check)
        else:
            loss, dout = self.loss.value_and_gradient(y, y_pred, check=check)
        loss += self.regularization_loss()
        if not math.isfinite(loss):
            return loss
        first_needs_dx = len(layers) > 1
        if fused:
            dz = _losses.fused_gradient(self.loss, last.activation, y, y_pred, check=check)
            dout = last.backward(dz, need_dx=first_needs_dx, check=False, through_activation=False)
        else:
            dout = last.backward(dout, need_dx=first_needs_dx, check=False)
        for i in range(len(layers) - 2, -1, -1):
            dout = layers[i].backward(dout, need_dx=i > 0, check=False)
        return loss

    def train_on_batch(self, x, y, *, check: bool = True) -> float:
        """배치 하나로 순전파 → 손실 → 역전파 → 매개변수 갱신을 한 번 하고 손실을 돌려준다.

        손실이 NaN이나 inf이면 매개변수를 고치지 않는다. ``check=False``는 fit처럼 x와 y를 이미 검사했을 때 쓴다.
        """
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("학습하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        if check:
            self._pack_parameters()
        loss = self.compute_gradients(x, y, check=check)
        if math.isfinite(loss):
            if self._flat is not None:
                # 층마다의 기울기를 매개변수와 같은 순서로 한 배열에 모아 한 번에 고친다 (_pack_parameters).
                # 층이 기울기를 이미 그 배열의 조각에 썼으면 모을 것이 없다.
                if not self._grads_packed:
                    np.concatenate([layer.grads[name] for _, layer, name in self._named_parameters()], axis=None,
                                   out=self._flat_grad)
                self.optimizer.update(*self._flat_update, check=False)
            else:
                named = self._named_parameters()
                self.optimizer.update({key: layer.params[name] for key, layer, name in named},
                                      {key: layer.grads[name] for key, layer, name in named}, check=check)
        return loss

    def _metric_values(self, y, y_pred) -> dict[str, float]:
        return {name: _METRICS[name](y, y_pred) for name in self.metrics}

    def fit(self, x, y, epochs: int = 1, batch_size: int | None = None, validation_data=None,
            shuffle: bool = True, callbacks=None, verbose: int = 0,
            raise_on_divergence: bool = False) -> History:
        """미니배치 경사 하강법으로 학습한다.

        매 에포크마다 샘플 순서를 섞은 순열을 배치 크기로 잘라 쓴다 (복원 추출이 아니다).
        ``batch_size``를 주지 않으면 Keras처럼 32(샘플이 그보다 적으면 전체)를 쓴다.
        ``batch_size=n``(샘플 수)이면 전체 데이터를 한 배치로 쓰는 배치 경사 하강법이다.
        ``validation_data=(x_val, y_val)``를 주면 에포크마다 ``val_loss``(와 ``val_`` 지표)를 기록한다.
        ``verbose=1``은 에포크마다 진행 막대를, ``verbose=2``는 한 줄 요약을 출력한다.
        손실이 NaN이나 inf가 되면(발산) 그 에포크에서 멈추고 ``history.diverged_at``에 기록한다. 발산한 가중치는
        그대로 두되, 그 모델의 ``predict``와 ``evaluate``는 NaN을 돌려주는 대신 발산 문장으로 ``TrainingDiverged``를
        낸다 (``divergence``에 그 문장이 있다). 다시 fit하면 처음부터 새로 판단한다.

        x와 y는 처음에 한 번 검사하고(모양, NaN, 정답의 값), 배치마다는 검사하지 않는다.
        """
        from .callbacks import Callback, _as_list

        x, y = self._check_targets(x, y)
        epochs = check_positive_int(epochs, "epochs")
        n = x.shape[0]
        batch_size = min(32, n) if batch_size is None else check_positive_int(batch_size, "batch_size")
        if batch_size > n:
            raise ValueError(f"batch_size {batch_size}이(가) 샘플 수 {n}보다 크다.")
        if self.optimizer is None or self.loss is None:
            raise RuntimeError("학습하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        self._check_output_shape(x, y, "정답 y")
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError("validation_data는 (x_val, y_val) 두 배열의 튜플이어야 한다.")
            x_val, y_val = self._check_targets(*validation_data)
            self._check_output_shape(x_val, y_val, "검증 정답 y_val")
            validation_data = (x_val, y_val)
        y = y.astype(x.dtype, copy=False)  # 손실의 dtype이 모델 출력을 따르도록 배치마다가 아니라 한 번 맞춘다
        self._pack_parameters()
        callbacks = _as_list(callbacks)
        # 갱신마다 부를 콜백: on_train_batch_end를 다시 쓴 것만 (아무 일도 하지 않는 호출과 기록 사전을 아낀다).
        batch_callbacks = [cb for cb in callbacks
                           if getattr(cb.on_train_batch_end, "__func__", None) is not Callback.on_train_batch_end]
        starts = range(0, n, batch_size)
        n_batches = len(starts)
        history = History()
        self.stop_training = False
        self.divergence = None
        for cb in callbacks:
            cb.on_train_begin(self)
        # 발산은 아래에서 손실을 보고 직접 알리므로, 그 과정의 overflow 경고는 끈다.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, epochs + 1):
                order = self.rng.permutation(n) if shuffle else None
                total = 0.0
                for b, start in enumerate(starts, 1):
                    stop = min(start + batch_size, n)
                    if order is None:
                        xb, yb = x[start:stop], y[start:stop]
                    else:
                        # take는 x[idx]와 같은 배열을 만들지만, 작은 배열에서는 몇 배 빠르다.
                        idx = order[start:stop]
                        xb, yb = x.take(idx, axis=0), y.take(idx, axis=0)
                    batch_loss = self.train_on_batch(xb, yb, check=False)
                    total += batch_loss * (stop - start)
                    if batch_callbacks:
                        batch_logs = {"loss": total / stop, "batch_loss": batch_loss, "size": stop - start}
                        for cb in batch_callbacks:
                            cb.on_train_batch_end(self, b - 1, batch_logs)
                    if verbose == 1:
                        _progress(epoch, epochs, b, n_batches, total / min(start + batch_size, n))
                epoch_loss = total / n
                if not math.isfinite(epoch_loss):
                    history.diverged_at = epoch
                    message = (f"발산: {epoch}번째 에포크에서 손실이 {epoch_loss}이(가) 되어 학습을 멈췄다. "
                               f"학습률을 줄여 보라.")
                    self.divergence = message
                    if raise_on_divergence:
                        raise TrainingDiverged(message)
                    if verbose:
                        print(("\n" if verbose == 1 else "") + message)
                    break
                logs = {"loss": epoch_loss}
                if self.metrics:
                    logs.update(self._metric_values(y, self.predict(x)))
                if validation_data is not None:
                    val = self.evaluate(*validation_data, return_dict=True)
                    logs.update({f"val_{k}": v for k, v in val.items()})
                history.record(epoch, logs)
                if verbose:
                    summary = " - ".join(f"{k} {v:.4f}" for k, v in logs.items())
                    print(("\r" if verbose == 1 else "") + f"에포크 {epoch}/{epochs} - {summary}",
                          end="\n" if verbose == 2 or epoch == epochs else "")
                for cb in callbacks:
                    cb.on_epoch_end(self, epoch, logs)
                if self.stop_training:
                    if verbose:
                        print(f"\n조기 종료: {epoch}번째 에포크에서 멈췄다.")
                    break
        for cb in callbacks:
            cb.on_train_end(self)
        self.history = history
        return history

    def _check_output_shape(self, x, y, name):
        """정답 y 전체가 모델의 출력과 손실에 맞는지 fit을 시작할 때 한 번 확인한다 (배치마다는 하지 않는다)."""
        first = self.forward(x[:1])
        expected = tuple(first.shape[1:])
        if not (self.loss.integer_labels and y.ndim == 1) and tuple(y.shape[1:]) != expected:
            raise ValueError(
                f"{name}의 모양 {shape_text(y.shape)}이(가) 모델 출력의 모양 "
                f"{shape_text((y.shape[0], *expected))}과(와) 맞지 않다."
            )
        if np.all(np.isfinite(first)):
            # 첫 샘플의 예측을 모든 샘플에 펼쳐 손실을 한 번 계산하면, 손실이 정답 전체를 검사한다
            # (이진 교차 엔트로피의 0~1, 로그우도의 클래스 번호 등).
            self.loss(y, np.broadcast_to(first, (len(y), *expected)))

    def evaluate(self, x, y, return_dict: bool = False):
        """손실(과 compile에서 정한 지표)을 계산한다. 지표가 없으면 손실 하나를 돌려준다.

        학습이 발산한 모델이면 ``TrainingDiverged``로 알린다.
        """
        self._refuse_if_diverged()
        x, y = self._check_targets(x, y)
        if self.loss is None:
            raise RuntimeError("평가하기 전에 compile(optimizer, loss)을 먼저 호출해야 한다.")
        y_pred = self.predict(x)
        values = {"loss": self.loss(y, y_pred) + self.regularization_loss(), **self._metric_values(y, y_pred)}
        if return_dict:
            return values
        return values["loss"] if len(values) == 1 else list(values.values())

    # 저장과 불러오기 -----------------------------------------------------
    def save(self, path) -> None:
        """구조(JSON)와 가중치(NumPy 배열)를 .npz 파일 하나에 저장한다. pickle은 쓰지 않는다.

        ``load_model(path)``가 같은 모델을 다시 만든다 (``nnbook.saving``).
        """
        from .saving import save_model

        save_model(self, path)

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


def _progress(epoch, epochs, batch, n_batches, loss) -> None:
    width = 20
    done = int(width * batch / n_batches)
    bar = "=" * done + ">" * (done < width) + "." * (width - done - (done < width))
    print(f"\r에포크 {epoch}/{epochs} [{bar}] {batch}/{n_batches} - 손실 {loss:.4f}", end="")


def _accuracy(y_true, y_pred) -> float:
    y_true = np.asarray(y_true)
    if y_pred.ndim == 2 and y_pred.shape[1] > 1:
        predicted = y_pred.argmax(axis=1)
        actual = y_true.argmax(axis=1) if y_true.ndim == 2 else y_true.astype(int)
    else:
        predicted = (y_pred.reshape(len(y_pred), -1) > 0.5).astype(int)
        actual = (y_true.reshape(len(y_true), -1) > 0.5).astype(int)
    return float(np.mean(predicted == actual))


_METRICS = {
    "accuracy": _accuracy,
    "mae": lambda y, p: float(np.mean(np.abs(np.asarray(y, dtype=p.dtype).reshape(p.shape) - p))),
    "mse": lambda y, p: float(np.mean((np.asarray(y, dtype=p.dtype).reshape(p.shape) - p) ** 2)),
}
_METRIC_ALIASES = {"acc": "accuracy"}
_METRICS["acc"] = _accuracy
