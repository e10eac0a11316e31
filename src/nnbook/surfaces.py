"""경사 하강법과 옵티마이저를 시험하는 함수(곡면): 값, 해석적 기울기, 헤세 행렬, 최솟점.

- 1차원: ``Parabola``(포물선), ``Quartic``(지역 최솟값과 전역 최솟값이 하나씩 있는 4차 함수).
- 2차원: ``Quadratic``(축마다 휜 정도가 다른 그릇), ``Rosenbrock``(좁고 휜 골짜기), ``Saddle``(안장점),
  ``Himmelblau``(최솟값이 넷), ``TwoMinima``(지역 최솟값과 전역 최솟값).

2차원 함수는 점 하나 ``p = (x, y)``나 점들의 배열 (..., 2)를 받고, 그림의 격자처럼 ``value(X, Y)``로
두 좌표 배열을 따로 받을 수도 있다. ``gradient``는 언제나 마지막 축이 (∂f/∂x, ∂f/∂y)인 배열을 돌려준다.
1차원 함수는 x(스칼라나 배열)를 받고 ``gradient(x)``가 도함수 f′(x)다.

각 함수는 ``minima``(최솟점들, 전역 최솟점이 먼저)와 ``domain``(그림에 알맞은 범위)을 안다.
``descent_path``는 강의의 규칙 a(n+1) = a(n) − η f′(a(n))을 그대로 따르는 경사 하강의 경로다.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import check_positive, check_positive_int, shape_text

__all__ = [
    "Surface", "Function1D", "Parabola", "Quartic", "Quadratic", "Rosenbrock", "Saddle", "Himmelblau",
    "TwoMinima", "DescentPath", "descent_path", "optimizer_path",
]


def _real(value, name: str) -> float:
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (is_real and np.isfinite(value)):
        raise ValueError(f"{name}은(는) 유한한 실수여야 하는데 {value!r}이(가) 주어졌다.")
    return float(value)


def _as_real_array(x, name: str) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name}은(는) 실수 배열이어야 하는데 dtype이 {arr.dtype}이다.")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return arr


def _newton(surface, point, steps: int = 50) -> np.ndarray:
    """헤세 행렬로 뉴턴 방법을 몇 번 돌려 근삿값으로 적은 정류점을 기계 정밀도까지 다듬는다."""
    p = np.array(point, dtype=np.float64)
    for _ in range(steps):
        g = surface.gradient(p)
        if np.max(np.abs(g)) < 1e-15:
            break
        p = p - np.linalg.solve(surface.hessian(p), g)
    return p


# ---------------------------------------------------------------------------
# 1차원
# ---------------------------------------------------------------------------

class Function1D:
    """1차원 함수의 공통 틀: ``value(x)``, ``gradient(x)``(= f′), ``second_derivative(x)``, ``minima``."""

    ndim = 1
    domain: tuple[float, float] = (-3.0, 3.0)
    minima: list[float] = []

    def value(self, x):
        """함숫값 f(x). x는 수 하나나 배열이다."""
        x = _as_real_array(x, f"{type(self).__name__}의 x")
        return self._value(x)[()]

    __call__ = value

    def gradient(self, x):
        """도함수 값 f′(x) (``derivative``와 같다)."""
        x = _as_real_array(x, f"{type(self).__name__}의 x")
        return self._gradient(x)[()]

    derivative = gradient

    def second_derivative(self, x):
        """이계 도함수 값 f″(x)."""
        x = _as_real_array(x, f"{type(self).__name__}의 x")
        return self._second(x)[()]

    def hessian(self, x):
        """뉴턴 방법이 쓰도록 1×1 헤세 행렬 [[f″(x)]]을 돌려준다."""
        return np.array([[float(self.second_derivative(np.asarray(x).reshape(-1)[0]))]])

    @property
    def global_minimum(self) -> float:
        """전역 최솟점 (``minima``의 첫 원소)."""
        return self.minima[0]

    def _value(self, x):
        raise NotImplementedError

    def _gradient(self, x):
        raise NotImplementedError

    def _second(self, x):
        raise NotImplementedError


class Parabola(Function1D):
    """포물선 f(x) = a (x − ``center``)². 최솟점은 x = ``center``이고, 학습률 η가 1/(2a)보다 크면 진동하며
    1/a보다 크면 발산한다 (x − ``center``를 한 번에 (1 − 2aη)배 하는 셈이기 때문이다)."""

    def __init__(self, a: float = 1.0, center: float = 0.0):
        self.a = check_positive(a, "Parabola의 a")
        self.center = _real(center, "Parabola의 center")
        self.minima = [self.center]
        self.domain = (self.center - 3.0, self.center + 3.0)

    def _value(self, x):
        return self.a * (x - self.center) ** 2

    def _gradient(self, x):
        return 2 * self.a * (x - self.center)

    def _second(self, x):
        return np.full_like(x, 2 * self.a)

    def __repr__(self):
        return f"Parabola(a={self.a:g}, center={self.center:g})"


class Quartic(Function1D):
    """f(x) = (x² − 1)² + ``tilt``·x: 골짜기가 둘인 4차 함수.

    ``tilt``가 0이면 x = ±1에 깊이가 같은 최솟값이 둘이고, 양수이면 왼쪽 골짜기가 더 깊어져 전역 최솟값,
    오른쪽은 지역 최솟값(local minimum)이 된다. 오른쪽에서 출발한 경사 하강법은 지역 최솟값에 갇힌다.
    최솟점은 f′(x) = 4x³ − 4x + ``tilt`` = 0의 근 가운데 f″ > 0인 것이다 (``abs(tilt)`` < 8/(3√3) ≈ 1.54일 때 둘).
    """

    domain = (-2.0, 2.0)

    def __init__(self, tilt: float = 0.3):
        self.tilt = _real(tilt, "Quartic의 tilt")
        roots = np.roots([4.0, 0.0, -4.0, self.tilt])
        real = np.sort(roots[np.abs(roots.imag) < 1e-9].real)
        minima = [float(_newton(self, [r])[0]) for r in real if 12 * r * r - 4 > 0]
        self.minima = sorted(minima, key=lambda m: float(self.value(m)))
        maxima = [float(_newton(self, [r])[0]) for r in real if 12 * r * r - 4 < 0]
        self.local_maxima = maxima

    def _value(self, x):
        return (x * x - 1) ** 2 + self.tilt * x

    def _gradient(self, x):
        return 4 * x * (x * x - 1) + self.tilt

    def _second(self, x):
        return 12 * x * x - 4

    def __repr__(self):
        return f"Quartic(tilt={self.tilt:g})"


# ---------------------------------------------------------------------------
# 2차원
# ---------------------------------------------------------------------------

class Surface:
    """2차원 함수 f(x, y)의 공통 틀.

    - ``value(p)``나 ``value(X, Y)``: 함숫값. 점 하나면 스칼라, 배열이면 같은 모양의 배열이다.
    - ``gradient(p)``나 ``gradient(X, Y)``: 마지막 축이 (∂f/∂x, ∂f/∂y)인 배열.
    - ``hessian(p)``: 점 하나의 2×2 헤세 행렬.
    - ``minima``: 최솟점 (x, y)의 목록 (전역 최솟점이 먼저), ``domain``: 그림에 알맞은 ((x 범위), (y 범위)).
    """

    ndim = 2
    domain: tuple[tuple[float, float], tuple[float, float]] = ((-3.0, 3.0), (-3.0, 3.0))
    minima: list[np.ndarray] = []

    def _xy(self, x, y, method: str):
        name = type(self).__name__
        if y is None:
            p = _as_real_array(x, f"{name}.{method}의 점 p")
            if p.ndim == 0 or p.shape[-1] != 2:
                raise ValueError(
                    f"{name}.{method}은(는) 마지막 축이 (x, y) 두 값인 점을 받는데 모양이 {shape_text(p.shape)}인 "
                    "배열이 들어왔다. 격자라면 value(X, Y)처럼 두 배열을 따로 넘긴다."
                )
            return p[..., 0], p[..., 1]
        X = _as_real_array(x, f"{name}.{method}의 X")
        Y = _as_real_array(y, f"{name}.{method}의 Y")
        try:
            X, Y = np.broadcast_arrays(X, Y)
        except ValueError:
            raise ValueError(f"{name}.{method}의 X의 모양 {shape_text(np.shape(x))}와 Y의 모양 "
                             f"{shape_text(np.shape(y))}이 맞지 않는다.") from None
        return X, Y

    def value(self, x, y=None):
        """함숫값 f(x, y). 점 (x, y), 점들의 배열 (…, 2), 또는 격자 X, Y를 받는다."""
        X, Y = self._xy(x, y, "value")
        return np.asarray(self._value(X, Y))[()]

    __call__ = value

    def gradient(self, x, y=None) -> np.ndarray:
        """기울기 (∂f/∂x, ∂f/∂y). 마지막 축의 길이가 2인 배열이다."""
        X, Y = self._xy(x, y, "gradient")
        gx, gy = self._gradient(X, Y)
        return np.stack(np.broadcast_arrays(gx, gy), axis=-1)

    def hessian(self, p) -> np.ndarray:
        """점 하나 (x, y)에서의 2×2 헤세 행렬."""
        X, Y = self._xy(p, None, "hessian")
        if X.ndim != 0:
            raise ValueError(f"{type(self).__name__}.hessian은(는) 점 하나 (x, y)를 받는데 모양이 "
                             f"{shape_text(np.shape(p))}인 배열이 들어왔다.")
        fxx, fxy, fyy = (float(v) for v in self._hessian(float(X), float(Y)))
        return np.array([[fxx, fxy], [fxy, fyy]])

    @property
    def global_minimum(self) -> np.ndarray:
        """전역 최솟점 (``minima``의 첫 원소)."""
        if not self.minima:
            raise ValueError(f"{type(self).__name__}에는 최솟점이 없다.")
        return self.minima[0].copy()

    def grid(self, n: int = 201):
        """``domain``을 n × n으로 나눈 격자 X, Y와 그 위의 함숫값 Z를 돌려준다 (등고선 그림용)."""
        n = check_positive_int(n, "grid의 n")
        (x0, x1), (y0, y1) = self.domain
        X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
        return X, Y, self.value(X, Y)

    def _value(self, x, y):
        raise NotImplementedError

    def _gradient(self, x, y):
        raise NotImplementedError

    def _hessian(self, x, y):
        raise NotImplementedError


class Quadratic(Surface):
    """f(x, y) = (a x² + b y²) / 2: 축마다 휜 정도가 다른 그릇. 최솟점은 (0, 0).

    헤세 행렬은 diag(a, b)이고, 조건수(condition number) max(a, b)/min(a, b)가 클수록 골짜기가 좁고 길어서
    경사 하강법이 가파른 방향으로 지그재그하며 느리게 나아간다. 학습률이 2/max(a, b)보다 크면 발산한다.
    """

    def __init__(self, a: float = 1.0, b: float = 10.0):
        self.a = check_positive(a, "Quadratic의 a")
        self.b = check_positive(b, "Quadratic의 b")
        self.minima = [np.zeros(2)]
        self.domain = ((-3.0, 3.0), (-3.0, 3.0))

    @property
    def condition_number(self) -> float:
        """조건수. 골짜기의 두 방향 곡률의 비 ``max(a, b) / min(a, b)``이다."""
        return max(self.a, self.b) / min(self.a, self.b)

    def _value(self, x, y):
        return 0.5 * (self.a * x * x + self.b * y * y)

    def _gradient(self, x, y):
        return self.a * x, self.b * y

    def _hessian(self, x, y):
        return self.a, 0.0, self.b

    def __repr__(self):
        return f"Quadratic(a={self.a:g}, b={self.b:g})"


class Rosenbrock(Surface):
    """로젠브록 함수 f(x, y) = (a − x)² + b (y − x²)². 최솟점 (a, a²)에서 값 0.

    최솟점이 포물선 모양으로 휜 좁은 골짜기 바닥에 있어서, 골짜기에 내려오기는 쉽지만 바닥을 따라
    최솟점까지 가기는 어렵다. 모멘텀과 적응적 학습률의 차이가 잘 드러난다.
    """

    def __init__(self, a: float = 1.0, b: float = 100.0):
        self.a = _real(a, "Rosenbrock의 a")
        self.b = check_positive(b, "Rosenbrock의 b")
        self.minima = [np.array([self.a, self.a ** 2])]
        self.domain = ((self.a - 3.0, self.a + 1.0), (self.a ** 2 - 2.0, self.a ** 2 + 2.0))

    def _value(self, x, y):
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def _gradient(self, x, y):
        r = y - x * x
        return -2 * (self.a - x) - 4 * self.b * x * r, 2 * self.b * r

    def _hessian(self, x, y):
        return 2 - 4 * self.b * y + 12 * self.b * x * x, -4 * self.b * x, 2 * self.b

    def __repr__(self):
        return f"Rosenbrock(a={self.a:g}, b={self.b:g})"


class Saddle(Surface):
    """안장(saddle) f(x, y) = x² − y². 원점에서 기울기가 0이지만 최솟점이 아니다.

    x 방향으로는 가장 낮고 y 방향으로는 가장 높다. 최솟점이 없으므로 ``minima``는 비어 있고, 원점은
    ``saddle_points``에 있다. y = 0에서 정확히 출발한 경사 하강법은 안장점에 멈추고, 조금만 벗어나도
    y 방향으로 떨어져 나간다.
    """

    domain = ((-2.0, 2.0), (-2.0, 2.0))

    def __init__(self):
        self.minima = []
        self.saddle_points = [np.zeros(2)]

    def _value(self, x, y):
        return x * x - y * y

    def _gradient(self, x, y):
        return 2 * x, -2 * y

    def _hessian(self, x, y):
        return 2.0, 0.0, -2.0

    def __repr__(self):
        return "Saddle()"


class Himmelblau(Surface):
    """힘멜블라우 함수 f(x, y) = (x² + y − 11)² + (x + y² − 7)². 값이 0인 최솟점이 넷이다.

    (3, 2)와 약 (−2.805, 3.131), (−3.779, −3.283), (3.584, −1.848). 어느 최솟점에 닿는지가 출발점에 달려 있다.
    약 (−0.271, −0.923)에 극댓점이 하나 있다.
    """

    domain = ((-5.0, 5.0), (-5.0, 5.0))
    _APPROX_MINIMA = ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126))

    def __init__(self):
        self.minima = [_newton(self, p) for p in self._APPROX_MINIMA]
        self.local_maximum = _newton(self, (-0.270845, -0.923039))

    def _value(self, x, y):
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def _gradient(self, x, y):
        u, v = x * x + y - 11, x + y * y - 7
        return 4 * x * u + 2 * v, 2 * u + 4 * y * v

    def _hessian(self, x, y):
        return 12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y * y - 26

    def __repr__(self):
        return "Himmelblau()"


class TwoMinima(Surface):
    """f(x, y) = (x² − 1)² + ``tilt``·x + ``b``·y²/2: 지역 최솟값과 전역 최솟값이 하나씩 있는 곡면.

    x 방향은 ``Quartic``과 같다. ``tilt``> 0이면 왼쪽 (x ≈ −1) 골짜기가 전역 최솟값, 오른쪽 (x ≈ 1)이 지역
    최솟값이다. 모멘텀이 공의 관성처럼 얕은 골짜기를 넘어가는 모습을 보기 좋다.
    """

    domain = ((-2.0, 2.0), (-1.5, 1.5))

    def __init__(self, tilt: float = 0.3, b: float = 1.0):
        self.quartic = Quartic(tilt)
        self.tilt = self.quartic.tilt
        self.b = check_positive(b, "TwoMinima의 b")
        self.minima = [np.array([m, 0.0]) for m in self.quartic.minima]
        self.saddle_points = [np.array([m, 0.0]) for m in self.quartic.local_maxima]

    def _value(self, x, y):
        return self.quartic._value(x) + 0.5 * self.b * y * y

    def _gradient(self, x, y):
        return self.quartic._gradient(x), self.b * y

    def _hessian(self, x, y):
        return float(self.quartic._second(np.float64(x))), 0.0, self.b

    def __repr__(self):
        return f"TwoMinima(tilt={self.tilt:g}, b={self.b:g})"


# ---------------------------------------------------------------------------
# 경사 하강의 경로
# ---------------------------------------------------------------------------

@dataclass
class DescentPath:
    """경사 하강의 결과.

    ``points``: 출발점을 포함해 지나간 점들 (걸음 수 + 1, 차원) — 1차원 함수는 (걸음 수 + 1,).
    ``values``: 그 점들의 함숫값.
    ``diverged``: 값이 넘치거나(inf, NaN) ``limit``보다 커져 멈췄는가.
    ``message``: 결과를 한 문장으로 적은 것.
    """

    points: np.ndarray
    values: np.ndarray
    diverged: bool
    message: str

    def __str__(self) -> str:
        return self.message


def _start_point(function, start) -> tuple[np.ndarray, bool]:
    """출발점을 검사해 (평평한 배열, 1차원 함수인가)를 돌려준다. 1차원 함수의 점도 길이 1의 배열로 다룬다."""
    one_d = getattr(function, "ndim", 2) == 1
    p = np.array(start, dtype=np.float64)
    if (one_d and p.ndim != 0) or (not one_d and p.shape != (2,)):
        want = "실수 하나" if one_d else "(x, y) 두 값"
        raise ValueError(f"{type(function).__name__}의 출발점 start는 {want}여야 하는데 모양이 {shape_text(p.shape)}이다.")
    if not np.all(np.isfinite(p)):
        raise ValueError(f"출발점 start에 NaN이나 inf가 들어 있다: {start!r}.")
    return p.reshape(-1), one_d


def _walk(function, p: np.ndarray, one_d: bool, move, steps: int, limit: float):
    """p에서 출발해 걸음마다 ``p = move(p, ∇f(p))``를 ``steps``번 한다: (점들, 함숫값들, 발산했는가).

    좌표의 절댓값이나 함숫값이 ``limit``을 넘거나 유한하지 않게 되면 그 점은 버리고 멈춘다 (발산).
    """
    point = (lambda q: q[0]) if one_d else (lambda q: q)
    points, values = [point(p).copy()], [float(function.value(point(p)))]
    diverged = False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(steps):
            p = move(p, np.asarray(function.gradient(point(p)), dtype=np.float64).reshape(-1))
            value = float(function.value(point(p)))
            if not (np.all(np.isfinite(p)) and np.isfinite(value)) or np.max(np.abs(p)) > limit or abs(value) > limit:
                diverged = True
                break
            points.append(point(p).copy())
            values.append(value)
    return points, values, diverged


def _end_text(point, one_d: bool) -> str:
    return f"{float(point):.4g}" if one_d else np.array2string(np.asarray(point), precision=4)


def descent_path(function, start, learning_rate: float, steps: int = 50, limit: float = 1e8) -> DescentPath:
    """a(n+1) = a(n) − η ∇f(a(n))를 ``steps``번 되풀이한 경로를 돌려준다 (η = ``learning_rate``).

    학습률이 너무 크면 점이 최솟점을 건너뛰며 멀어진다. 좌표의 절댓값이나 함숫값이 ``limit``을 넘거나
    유한하지 않게 되면 그 자리에서 멈추고 ``diverged=True``와 "발산" 메시지를 돌려준다 (경고나 오류 없이).
    """
    eta = check_positive(learning_rate, "descent_path의 학습률 learning_rate")
    steps = check_positive_int(steps, "descent_path의 steps")
    limit = check_positive(limit, "descent_path의 limit")
    p, one_d = _start_point(function, start)
    points, values, diverged = _walk(function, p, one_d, lambda q, g: q - eta * g, steps, limit)
    n = len(points) - 1
    if diverged:
        message = f"발산: 학습률 {eta:g}에서 {n + 1}번째 걸음에 값이 {limit:g}을 넘어 멈췄다."
    else:
        message = f"학습률 {eta:g}로 {n}걸음 뒤 {_end_text(points[-1], one_d)}에 있고 함숫값은 {values[-1]:.4g}이다."
    return DescentPath(np.array(points), np.array(values), diverged, message)


def optimizer_path(function, optimizer, start, steps: int = 50, limit: float = 1e8) -> DescentPath:
    """옵티마이저(``nnbook.optimizers``) 하나를 곡면 위에서 ``steps``걸음 돌린 경로를 돌려준다.

    점 p를 매개변수 하나로 보고, 걸음마다 그 자리의 해석적 기울기로 ``optimizer.update({"p": p}, {"p": ∇f(p)})``를
    부른다. 그래서 경로는 옵티마이저의 갱신 규칙(모멘텀의 속도, Adagrad의 누적값, Adam의 편향 보정 …)을 그대로 따른다.
    ``optimizer``는 옵티마이저 객체나 이름(``"adam"``처럼, 그러면 Keras의 기본값)이고, 상태가 걸음 사이에 이어지므로
    아직 한 번도 쓰지 않은 새 객체여야 한다. 1차원 함수는 출발점으로 수 하나를, 2차원 함수는 (x, y)를 받는다.

    ``descent_path``와 같이, 좌표의 절댓값이나 함숫값이 ``limit``을 넘거나 유한하지 않게 되면 그 자리에서 멈추고
    ``diverged=True``와 "발산" 메시지를 돌려준다 (경고나 오류 없이). 학습률을 η로 둔 ``SGD``의 경로는
    ``descent_path``의 경로와 같다.
    """
    from . import optimizers

    opt = optimizers.get(optimizer)
    if opt.iterations != 0 or opt.state:
        raise ValueError(f"optimizer_path에는 새 옵티마이저를 넘겨야 하는데 {opt!r}은(는) 이미 {opt.iterations}번 "
                         "갱신한 상태를 갖고 있다 (상태가 다음 경로로 이어진다).")
    steps = check_positive_int(steps, "optimizer_path의 steps")
    limit = check_positive(limit, "optimizer_path의 limit")
    p, one_d = _start_point(function, start)

    def move(q, g):
        opt.update({"p": q}, {"p": g}, check=False)   # 옵티마이저는 배열을 제자리에서 고친다
        return q

    points, values, diverged = _walk(function, p, one_d, move, steps, limit)
    n = len(points) - 1
    if diverged:
        message = f"발산: {opt!r}이(가) {n + 1}번째 걸음에 값이 {limit:g}을 넘어 멈췄다."
    else:
        message = f"{opt!r}로 {n}걸음 뒤 {_end_text(points[-1], one_d)}에 있고 함숫값은 {values[-1]:.4g}이다."
    return DescentPath(np.array(points), np.array(values), diverged, message)
