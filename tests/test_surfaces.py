"""시험 함수(곡면): 해석적 기울기를 중앙 차분과 비교하고, 최솟점에서 기울기가 0인지 본다."""

import numpy as np
import pytest

from nnbook import surfaces
from nnbook.gradcheck import numerical_gradient, relative_error

SURFACES_2D = [surfaces.Quadratic(), surfaces.Quadratic(a=0.1, b=2.0), surfaces.Rosenbrock(),
               surfaces.Rosenbrock(a=2, b=10), surfaces.Saddle(), surfaces.Himmelblau(), surfaces.TwoMinima()]
FUNCTIONS_1D = [surfaces.Parabola(), surfaces.Parabola(a=3, center=-1), surfaces.Quartic(), surfaces.Quartic(tilt=0)]


@pytest.mark.parametrize("surface", SURFACES_2D, ids=repr)
def test_2d_gradient_matches_central_differences(surface):
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = surface.domain
    for _ in range(5):
        p = np.array([rng.uniform(x0, x1), rng.uniform(y0, y1)])
        numeric = numerical_gradient(lambda: float(surface.value(p)), p)
        assert relative_error(surface.gradient(p), numeric) < 1e-7


@pytest.mark.parametrize("surface", SURFACES_2D, ids=repr)
def test_2d_hessian_matches_differences_of_the_gradient(surface):
    p = np.array([0.3, -0.7])
    numeric = np.column_stack([numerical_gradient(lambda: float(surface.gradient(p)[i]), p) for i in range(2)])
    assert relative_error(surface.hessian(p), numeric) < 1e-7


@pytest.mark.parametrize("function", FUNCTIONS_1D, ids=repr)
def test_1d_derivative_matches_central_differences(function):
    x = np.random.default_rng(1).uniform(*function.domain, size=20)
    numeric = numerical_gradient(lambda: float(np.sum(function.value(x))), x)
    assert relative_error(function.gradient(x), numeric) < 1e-7
    numeric2 = numerical_gradient(lambda: float(np.sum(function.gradient(x))), x)
    assert relative_error(function.second_derivative(x), numeric2) < 1e-7


@pytest.mark.parametrize("surface", SURFACES_2D, ids=repr)
def test_minima_have_zero_gradient_and_are_minima(surface):
    for m in surface.minima:
        np.testing.assert_allclose(surface.gradient(m), 0.0, atol=1e-12)
        assert np.all(np.linalg.eigvalsh(surface.hessian(m)) > 0)
        values = [surface.value(m)]
        assert values[0] <= surface.value(m + [1e-3, 0]) and values[0] <= surface.value(m + [0, -1e-3])
    if surface.minima:
        assert surface.value(surface.global_minimum) == min(surface.value(m) for m in surface.minima)


def test_known_minima():
    np.testing.assert_array_equal(surfaces.Rosenbrock().global_minimum, [1, 1])
    np.testing.assert_array_equal(surfaces.Rosenbrock(a=2, b=10).global_minimum, [2, 4])
    h = surfaces.Himmelblau()
    assert len(h.minima) == 4
    np.testing.assert_allclose([h.value(m) for m in h.minima], 0.0, atol=1e-20)
    np.testing.assert_allclose(h.minima[1], [-2.805118, 3.131312], atol=1e-6)
    np.testing.assert_allclose(h.gradient(h.local_maximum), 0.0, atol=1e-12)
    assert np.all(np.linalg.eigvalsh(h.hessian(h.local_maximum)) < 0)
    q = surfaces.Quartic(tilt=0.3)
    assert len(q.minima) == 2 and q.minima[0] < 0 < q.minima[1]  # 왼쪽이 전역, 오른쪽이 지역 최솟값
    assert q.value(q.minima[0]) < q.value(q.minima[1])
    np.testing.assert_allclose(q.gradient(np.array(q.minima)), 0.0, atol=1e-14)
    np.testing.assert_allclose(surfaces.Quartic(tilt=0).minima, [-1, 1])
    assert len(surfaces.Quartic(tilt=2.0).minima) == 1  # 기울기가 크면 골짜기가 하나뿐이다


def test_saddle_has_no_minimum_but_a_stationary_point():
    s = surfaces.Saddle()
    assert s.minima == []
    np.testing.assert_array_equal(s.gradient(s.saddle_points[0]), [0, 0])
    eig = np.linalg.eigvalsh(s.hessian(s.saddle_points[0]))
    assert eig.min() < 0 < eig.max()
    with pytest.raises(ValueError, match="최솟점이 없다"):
        s.global_minimum
    t = surfaces.TwoMinima()
    np.testing.assert_allclose(t.gradient(t.saddle_points[0]), 0.0, atol=1e-14)


def test_grid_and_point_forms_agree():
    r = surfaces.Rosenbrock()
    X, Y, Z = r.grid(11)
    assert X.shape == Y.shape == Z.shape == (11, 11)
    points = np.stack([X, Y], axis=-1)
    np.testing.assert_array_equal(r.value(points), Z)
    G = r.gradient(X, Y)
    assert G.shape == (11, 11, 2)
    np.testing.assert_array_equal(G, r.gradient(points))
    assert np.ndim(r.value([0.5, 0.5])) == 0
    np.testing.assert_allclose(r.value(0.5, 0.25), 0.25)
    assert surfaces.Quadratic(a=1, b=10).condition_number == 10
    assert surfaces.Quadratic().value(np.float32([1, 1])).dtype == np.float32


def test_descent_path_follows_the_update_rule_and_reports_divergence():
    p = surfaces.Parabola(a=1.0)
    path = surfaces.descent_path(p, 2.0, learning_rate=0.1, steps=3)
    np.testing.assert_allclose(path.points, [2.0, 1.6, 1.28, 1.024])  # x ← x − 0.1·2x = 0.8x
    assert not path.diverged
    bad = surfaces.descent_path(p, 2.0, learning_rate=1.5, steps=100)  # |1 − 2η| = 2 > 1
    assert bad.diverged and "발산" in str(bad) and np.all(np.isfinite(bad.points))
    bowl = surfaces.Quadratic(a=1, b=10)
    ok = surfaces.descent_path(bowl, [2.0, 1.0], learning_rate=0.19, steps=200)
    np.testing.assert_allclose(ok.points[-1], [0, 0], atol=1e-8)
    assert surfaces.descent_path(bowl, [2.0, 1.0], learning_rate=0.21, steps=200).diverged  # η > 2/b
    stuck = surfaces.descent_path(surfaces.Quartic(0.3), 1.5, learning_rate=0.05, steps=300)
    assert stuck.points[-1] == pytest.approx(surfaces.Quartic(0.3).minima[1])  # 지역 최솟값에 갇힌다


def test_bad_input_is_reported():
    with pytest.raises(ValueError, match="마지막 축이 \\(x, y\\)"):
        surfaces.Himmelblau().value([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="Quadratic의 b.*0보다 커야"):
        surfaces.Quadratic(b=0)
    with pytest.raises(ValueError, match="학습률"):
        surfaces.descent_path(surfaces.Saddle(), [1.0, 0.0], learning_rate=-0.1)
    with pytest.raises(ValueError, match="start"):
        surfaces.descent_path(surfaces.Saddle(), 1.0, learning_rate=0.1)
