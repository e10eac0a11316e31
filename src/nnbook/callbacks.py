"""콜백(callback): ``fit``이 갱신마다, 에포크마다 불러 학습을 지켜보거나 멈추게 하는 객체."""

from __future__ import annotations


from ._checks import check_in_range, check_positive_int


class Callback:
    """콜백의 공통 틀. 필요한 메서드만 다시 쓴다."""

    def on_train_begin(self, model) -> None:
        """``fit``이 첫 에포크를 시작하기 전에 부른다."""

    def on_train_batch_end(self, model, batch: int, logs: dict) -> None:
        """배치 하나로 매개변수를 한 번 고칠(갱신) 때마다 부른다. ``batch``는 에포크 안의 배치 번호(0부터)다.

        ``logs["loss"]``는 Keras처럼 이 에포크에서 지금까지 본 샘플의 평균 손실이고, ``logs["batch_loss"]``는 방금
        쓴 배치 하나의 손실, ``logs["size"]``는 그 배치의 샘플 수다. 갱신마다의 손실 곡선은 ``batch_loss``로 그린다.
        """

    def on_epoch_end(self, model, epoch: int, logs: dict) -> None:
        """에포크(1부터)가 끝날 때마다 그 에포크의 기록 ``logs``와 함께 부른다.

        ``logs``는 ``{"loss": …, "val_loss": …}`` 같은 사전이다. ``model.stop_training = True``로 두면 학습이 멈춘다.
        """

    def on_train_end(self, model) -> None:
        """학습이 끝나거나 멈춘 뒤에 부른다."""


class EarlyStopping(Callback):
    """조기 종료(early stopping): 지켜보는 값이 ``patience`` 에포크 동안 나아지지 않으면 학습을 멈춘다.

    ``restore_best_weights=True``이면 멈출 때 가장 좋았던 에포크의 가중치로 되돌린다 (Keras와 같은 이름과 기본값).
    값이 ``min_delta``보다 많이 작아져야(정확도처럼 클수록 좋은 값은 커져야) 나아진 것으로 본다.
    """

    def __init__(self, monitor: str = "val_loss", patience: int = 0, min_delta: float = 0.0,
                 restore_best_weights: bool = False, mode: str = "auto"):
        if not isinstance(monitor, str):
            raise ValueError(f"EarlyStopping의 monitor는 지켜볼 기록의 이름(문자열)이어야 하는데 {monitor!r}이(가) 주어졌다.")
        self.monitor = monitor
        self.patience = 0 if patience == 0 else check_positive_int(patience, "EarlyStopping의 patience")
        self.min_delta = abs(check_in_range(min_delta, "EarlyStopping의 min_delta", -float("inf"), float("inf")))
        self.restore_best_weights = bool(restore_best_weights)
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"EarlyStopping의 mode는 'auto', 'min', 'max' 중 하나여야 하는데 {mode!r}이(가) 주어졌다.")
        self.mode = ("max" if "acc" in monitor else "min") if mode == "auto" else mode
        self.best = None
        self.best_epoch = None
        self.best_weights = None
        self.stopped_epoch = None
        self.wait = 0

    def on_train_begin(self, model):
        self.best, self.best_epoch, self.best_weights, self.stopped_epoch, self.wait = None, None, None, None, 0

    def _improved(self, value) -> bool:
        if self.best is None:
            return True
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def on_epoch_end(self, model, epoch, logs):
        if self.monitor not in logs:
            raise ValueError(
                f"EarlyStopping이 지켜볼 '{self.monitor}'이(가) 학습 기록에 없다. 있는 값: {', '.join(sorted(logs))}."
                + (" validation_data를 주었는가?" if self.monitor.startswith("val_") else "")
            )
        value = float(logs[self.monitor])
        if self._improved(value):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = [layer.get_weights() for layer in model.layers]
            return
        self.wait += 1
        if self.wait > self.patience:
            self.stopped_epoch = epoch
            model.stop_training = True

    def on_train_end(self, model):
        if self.restore_best_weights and self.best_weights is not None and self.stopped_epoch is not None:
            for layer, weights in zip(model.layers, self.best_weights):
                if weights:
                    layer.set_weights(weights)


def _as_list(callbacks) -> list[Callback]:
    if callbacks is None:
        return []
    callbacks = list(callbacks)
    for cb in callbacks:
        if not isinstance(cb, Callback):
            raise TypeError(f"callbacks에는 Callback 객체만 넣을 수 있는데 {type(cb).__name__}이(가) 들어 있다.")
    return callbacks


__all__ = ["Callback", "EarlyStopping"]
