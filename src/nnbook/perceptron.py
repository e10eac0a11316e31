"""퍼셉트론(perceptron): 가중합에 계단 함수를 씌운 가장 작은 신경망 단위와 로젠블랫의 학습 규칙.

    s = w1·x1 + w2·x2 + … + b,   출력 = high (s > 0) 또는 low (s ≤ 0)

출력 값은 000·004 강의처럼 (0, 1)이 기본이고, 001 강의처럼 (−1, +1)로 바꿀 수 있다.
임계치(threshold) θ로 쓰는 식 ``Σ w·x ≥ θ``는 ``from_threshold``로 만든다.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._checks import as_float_array, check_positive, check_positive_int, shape_text, unknown_name_error

#: 강의들이 쓴 논리 게이트의 (w1, w2, b). 계단 함수는 모두 "s > 0이면 1, 아니면 0"이다.
#: 열쇠는 강의: ``"nn_slides"``는 「신경망의 이해」 슬라이드, ``"nlp_notes"``는 「자연어 처리 입문」 학습 노트.
GATE_WEIGHTS: dict[str, dict[str, tuple[float, float, float]]] = {
    "nn_slides": {"AND": (1.0, 1.0, -1.0), "OR": (2.0, 2.0, -1.0), "NAND": (-2.0, -2.0, 3.0)},
    "nlp_notes": {"AND": (0.5, 0.5, -0.7), "NAND": (-0.5, -0.5, 0.7), "OR": (0.6, 0.6, -0.5)},
}
_OLD_LECTURE_KEYS = {"000": "nn_slides", "004": "nlp_notes"}  # TODO: 장을 모두 옮긴 뒤 지운다

#: 게이트의 진리표. 입력 순서는 (0,0), (0,1), (1,0), (1,1)이다.
TRUTH_TABLES: dict[str, tuple[int, int, int, int]] = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "XNOR": (1, 0, 0, 1),
}

GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)


@dataclass
class PerceptronTraining:
    """로젠블랫 규칙으로 학습한 결과.

    converged: 모든 샘플을 맞혀서 멈췄는가.
    epochs: 실제로 돈 에포크 수.
    errors: 에포크마다 틀린 샘플 수.
    history: 에포크가 끝날 때마다의 (w1, …, wn, b).
    message: 결과를 한 문장으로 적은 것.
    """

    converged: bool
    epochs: int
    errors: list[int] = field(default_factory=list)
    history: list[np.ndarray] = field(default_factory=list)
    message: str = ""

    def __str__(self) -> str:
        return self.message


class Perceptron:
    """계단 함수를 쓰는 단층 퍼셉트론."""

    def __init__(self, weights, bias: float = 0.0, labels: tuple[float, float] = (0, 1)):
        w = as_float_array(weights, "퍼셉트론의 가중치 weights")
        if w.ndim != 1 or w.size == 0:
            raise ValueError(f"퍼셉트론의 가중치는 길이 1 이상의 1차원 배열이어야 하는데 모양이 {shape_text(w.shape)}이다.")
        self.weights = w.astype(np.float64)
        b = as_float_array(bias, "퍼셉트론의 편향 bias")
        if b.ndim != 0:
            raise ValueError(f"퍼셉트론의 편향은 실수 하나여야 하는데 모양이 {shape_text(b.shape)}인 배열이 주어졌다.")
        self.bias = float(b)
        if len(labels) != 2 or labels[0] == labels[1]:
            raise ValueError(f"labels는 (낮은 값, 높은 값) 두 개의 서로 다른 값이어야 하는데 {labels!r}이(가) 주어졌다.")
        self.labels = (float(labels[0]), float(labels[1]))

    # 만드는 방법 ---------------------------------------------------------
    @classmethod
    def gate(cls, name: str, lecture: str = "nn_slides") -> "Perceptron":
        """강의가 쓴 가중치로 AND/OR/NAND 게이트를 만든다.

        lecture는 ``"nn_slides"``(「신경망의 이해」 슬라이드) 또는 ``"nlp_notes"``(「자연어 처리 입문」 학습 노트).
        """
        lecture = _OLD_LECTURE_KEYS.get(lecture, lecture)
        if lecture not in GATE_WEIGHTS:
            raise unknown_name_error("강의", lecture, GATE_WEIGHTS)
        table = GATE_WEIGHTS[lecture]
        key = name.upper() if isinstance(name, str) else name
        if key not in table:
            raise unknown_name_error(f"{lecture}의 게이트", name, table)
        w1, w2, b = table[key]
        return cls([w1, w2], b)

    @classmethod
    def from_threshold(cls, weights, theta: float, labels=(0, 1)) -> "Perceptron":
        """임계치 θ로 쓴 퍼셉트론 ``Σ w·x > θ → high``를 편향 b = −θ인 퍼셉트론으로 만든다."""
        return cls(weights, -float(theta), labels)

    # 계산 -----------------------------------------------------------------
    def _inputs(self, x) -> np.ndarray:
        x = as_float_array(x, "퍼셉트론의 입력")
        n = self.weights.size
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != n:
            raise ValueError(
                f"퍼셉트론은 입력 {n}개를 받는데(가중치 {n}개) 모양이 {shape_text(x.shape)}인 입력이 들어왔다. "
                f"샘플 하나는 길이 {n}, 여러 샘플은 (샘플 수, {n}) 모양이어야 한다."
            )
        return x

    def weighted_sum(self, x) -> np.ndarray:
        """가중합 s = x·w + b. 샘플 하나를 넣어도 (샘플 수,) 모양으로 돌려준다."""
        return self._inputs(x) @ self.weights + self.bias

    def predict(self, x) -> np.ndarray:
        """s > 0이면 높은 값, 아니면 낮은 값."""
        low, high = self.labels
        return np.where(self.weighted_sum(x) > 0, high, low)

    __call__ = predict

    def truth_table(self) -> np.ndarray:
        """두 입력 게이트의 출력 (0,0), (0,1), (1,0), (1,1)."""
        if self.weights.size != 2:
            raise ValueError(f"진리표는 입력이 2개인 퍼셉트론에만 있는데 이 퍼셉트론의 입력은 {self.weights.size}개다.")
        return self.predict(GATE_INPUTS)

    # 학습 -----------------------------------------------------------------
    def fit(self, x, y, learning_rate: float = 1.0, max_epochs: int = 100,
            shuffle: bool = False, seed: int | None = None) -> PerceptronTraining:
        """로젠블랫(1958)의 학습 규칙으로 가중치를 찾는다.

        샘플 하나를 볼 때마다 ``w ← w + η(t − y)x``, ``b ← b + η(t − y)``로 고친다. 맞힌 샘플은
        t − y = 0이라 아무것도 바뀌지 않는다. 한 에포크 동안 하나도 틀리지 않으면 멈춘다.
        선형 분리가 불가능한 데이터(XOR)에서는 수렴하지 않으므로 ``max_epochs``에서 멈추고 그렇게 알린다.
        """
        x = self._inputs(x)
        y = as_float_array(y, "정답 y")
        if y.ndim != 1 or y.shape[0] != x.shape[0]:
            raise ValueError(
                f"정답 y는 샘플마다 값 하나인 길이 {x.shape[0]}의 1차원 배열이어야 하는데 모양이 {shape_text(y.shape)}이다."
            )
        bad = sorted(set(np.unique(y).tolist()) - set(self.labels))
        if bad:
            raise ValueError(
                f"정답 y에 퍼셉트론의 출력 값 {self.labels[0]:g}, {self.labels[1]:g}이 아닌 값 "
                f"{', '.join(f'{v:g}' for v in bad)}이(가) 있다."
            )
        eta = check_positive(learning_rate, "학습률 learning_rate")
        max_epochs = check_positive_int(max_epochs, "max_epochs")
        rng = np.random.default_rng(seed)
        result = PerceptronTraining(converged=False, epochs=0)
        for epoch in range(1, max_epochs + 1):
            order = rng.permutation(len(x)) if shuffle else range(len(x))
            mistakes = 0
            for i in order:
                error = y[i] - self.predict(x[i])[0]
                if error != 0:
                    mistakes += 1
                    self.weights = self.weights + eta * error * x[i]
                    self.bias = self.bias + eta * error
            result.errors.append(mistakes)
            result.history.append(np.append(self.weights, self.bias))
            result.epochs = epoch
            if mistakes == 0:
                result.converged = True
                break
        params = ", ".join(f"{v:g}" for v in np.append(self.weights, self.bias))
        if result.converged:
            result.message = f"{result.epochs}번째 에포크에서 모든 샘플을 맞혀 멈췄다. (w…, b) = ({params})"
        else:
            result.message = (
                f"{max_epochs}에포크 안에 수렴하지 못하고 멈췄다: 마지막 에포크에도 {result.errors[-1]}개를 틀렸다. "
                f"직선 하나로 나눌 수 없는 데이터일 수 있다."
            )
        return result

    def __repr__(self) -> str:
        w = ", ".join(f"{v:g}" for v in self.weights)
        return f"Perceptron(weights=[{w}], bias={self.bias:g})"


def count_regions(lines, eps: float = 1e-7) -> int:
    """직선 w1·x1 + w2·x2 + b = 0 여러 개(행마다 (w1, w2, b))가 평면을 나눈 영역의 수를 센다.

    퍼셉트론 p개는 직선 p개이고, 영역마다 '각 직선의 어느 쪽인가'를 적은 부호(퍼셉트론 p개의 출력)가 다르다.
    모든 영역은 어떤 직선에 닿아 있고, 유계인 영역은 교점에도 닿는다. 그래서 직선마다 양쪽의 점과 교점마다
    네 모서리 쪽의 점만 보면 모든 영역을 만난다. 일반적인 위치의 직선 p개는 1 + p + p(p − 1)/2개 영역을 만든다.
    """
    lines = as_float_array(lines, "직선들 lines", ndim=2)
    if lines.shape[1] != 3:
        raise ValueError(f"lines는 행마다 (w1, w2, b)인 (직선 수, 3) 배열이어야 하는데 모양이 {shape_text(lines.shape)}이다.")
    W, b = lines[:, :2], lines[:, 2]
    norms = np.hypot(W[:, 0], W[:, 1])
    if np.any(norms == 0):
        raise ValueError("w1 = w2 = 0인 행은 직선이 아니다.")
    directions = np.column_stack([-W[:, 1], W[:, 0]]) / norms[:, None]
    samples = []
    for k in range(len(lines)):
        foot = -b[k] * W[k] / (W[k] @ W[k])
        samples += [foot + eps * W[k], foot - eps * W[k]]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            A = W[[i, j]]
            if abs(np.linalg.det(A)) < 1e-12:
                continue  # 평행한 두 직선은 만나지 않는다
            vertex = np.linalg.solve(A, -b[[i, j]])
            scale = eps * (1 + np.abs(vertex).max())
            for si in (-1, 1):
                for sj in (-1, 1):
                    samples.append(vertex + scale * (si * directions[i] + sj * directions[j]))
    signs = np.asarray(samples) @ W.T + b > 0
    return len({tuple(row) for row in signs})
