"""surfaces.optimizer_path: 곡면 위에서 nnbook 옵티마이저를 돌린 경로가 손으로 쓴 갱신 규칙과 걸음마다 같다."""

import math

import numpy as np
import pytest

from nnbook.optimizers import SGD, Adagrad, Adam, RMSprop
from nnbook.surfaces import Parabola, Quadratic, Rosenbrock, Saddle, descent_path, optimizer_path

START = np.array([-1.2, 1.0])
STEPS = 25


def _hand_path(surface, start, steps, rule):
    """rule(p, g, state, t) → 새 p. 공식을 그대로 옮긴 손 계산."""
    p, state, points = np.array(start, float), {}, [np.array(start, float)]
    for t in range(1, steps + 1):
        p = rule(p, surface.gradient(p), state, t)
        points.append(p.copy())
    return np.array(points)


def _momentum(eta, mu):
    def rule(p, g, s, t):
        s["v"] = mu * s.get("v", 0.0) - eta * g          # v ← μv − ηg
        return p + s["v"]                                # θ ← θ + v
    return rule


def _nesterov(eta, mu):
    def rule(p, g, s, t):
        s["v"] = mu * s.get("v", 0.0) - eta * g          # v ← μv − ηg
        return p + mu * s["v"] - eta * g                 # θ ← θ + μv − ηg
    return rule


def _adagrad(eta, r0=0.1, eps=1e-7):
    def rule(p, g, s, t):
        s["r"] = s.get("r", r0) + g * g                  # r ← r + g²
        return p - eta * g / np.sqrt(s["r"] + eps)
    return rule


def _rmsprop(eta, rho=0.9, eps=1e-7):
    def rule(p, g, s, t):
        s["v"] = rho * s.get("v", 0.0) + (1 - rho) * g * g
        return p - eta * g / np.sqrt(s["v"] + eps)
    return rule


def _adam(eta, b1=0.9, b2=0.999, eps=1e-7):
    def rule(p, g, s, t):
        s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
        lr_t = eta * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return p - lr_t * s["m"] / (np.sqrt(s["v"]) + eps)
    return rule


CASES = [
    ("sgd", lambda: SGD(0.001), _momentum(0.001, 0.0)),
    ("momentum", lambda: SGD(0.001, momentum=0.9), _momentum(0.001, 0.9)),
    ("nesterov", lambda: SGD(0.001, momentum=0.9, nesterov=True), _nesterov(0.001, 0.9)),
    ("adagrad", lambda: Adagrad(0.1), _adagrad(0.1)),
    ("rmsprop", lambda: RMSprop(0.01), _rmsprop(0.01)),
    ("adam", lambda: Adam(0.05, beta_1=0.8), _adam(0.05, b1=0.8)),
]


@pytest.mark.parametrize("name, make, rule", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("surface", [Quadratic(1.0, 10.0), Rosenbrock(), Saddle()], ids=repr)
def test_path_follows_the_hand_written_rule(name, make, rule, surface):
    path = optimizer_path(surface, make(), START, STEPS)
    assert not path.diverged and path.points.shape == (STEPS + 1, 2)
    np.testing.assert_allclose(path.points, _hand_path(surface, START, STEPS, rule), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(path.values, surface.value(path.points), rtol=1e-12)


def test_plain_sgd_is_descent_path():
    bowl = Quadratic(1.0, 10.0)
    np.testing.assert_array_equal(optimizer_path(bowl, SGD(0.05), (2.0, -1.0), 30).points,
                                  descent_path(bowl, (2.0, -1.0), 0.05, 30).points)


def test_one_dimensional_function_and_names():
    # 포물선 a² (기울기 2a)에서 Keras 기본값의 Adam(η = 0.001): 첫걸음은 m̂/√v̂ = 1이라 (ε을 빼면) η만큼 간다.
    path = optimizer_path(Parabola(), "adam", 1.0, 3)
    assert path.points.shape == (4,)
    assert path.points[1] == pytest.approx(1.0 - 0.001, abs=1e-8)
    assert "Adam" in path.message


def test_momentum_reaches_the_effective_step():
    # 기울기가 늘 같으면(기울어진 평면) 속도는 −ηg/(1 − μ)로 다가간다.
    class Plane(Quadratic):
        def _gradient(self, x, y):
            return np.ones_like(x), np.zeros_like(y)

    path = optimizer_path(Plane(), SGD(0.01, momentum=0.9), (0.0, 0.0), 200, limit=1e12)
    steps = np.diff(path.points[:, 0])
    assert steps[-1] == pytest.approx(-0.01 / (1 - 0.9), rel=1e-8)


def test_divergence_is_reported_without_warnings():
    with np.errstate(all="raise"):   # 내부에서 넘침 경고를 막아 두었는지도 확인한다
        path = optimizer_path(Rosenbrock(), SGD(0.01), START, 100)
    assert path.diverged and path.message.startswith("발산")
    assert np.all(np.isfinite(path.points)) and len(path.points) < 101


def test_bad_input():
    used = SGD(0.1)
    optimizer_path(Saddle(), used, (1.0, 0.1), 2)
    with pytest.raises(ValueError, match="새 옵티마이저"):
        optimizer_path(Saddle(), used, (1.0, 0.1), 2)
    with pytest.raises(ValueError, match="두 값"):
        optimizer_path(Saddle(), SGD(0.1), (1.0, 0.1, 2.0), 2)
    with pytest.raises(ValueError, match="NaN"):
        optimizer_path(Saddle(), SGD(0.1), (np.nan, 0.1), 2)
    with pytest.raises(ValueError, match="옵티마이저"):
        optimizer_path(Saddle(), "adamw", (1.0, 0.1), 2)
