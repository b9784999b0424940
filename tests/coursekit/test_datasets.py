"""Data sets: shapes, dtypes, labels, seeding, class balance, geometry and argument checks."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import datasets
from coursekit.datasets import (
    circles,
    curve_1d,
    curve_target,
    dogs_vs_cats,
    moons,
    noisy_regression,
    sine_target,
    xor,
)

# name -> (function, kwargs giving n samples, expected n_samples, n_features, is_classifier)
GENERATORS = {
    "xor": (xor, {"n_per_corner": 5, "noise": 0.1}, 20, 2, True),
    "dogs_vs_cats": (dogs_vs_cats, {"n_samples": 31}, 31, 2, True),
    "curve_1d": (curve_1d, {"n_samples": 25}, 25, 1, False),
    "moons": (moons, {"n_samples": 41}, 41, 2, True),
    "circles": (circles, {"n_samples": 33}, 33, 2, True),
    "noisy_regression": (noisy_regression, {"n_samples": 17}, 17, 1, False),
}
NAMES = sorted(GENERATORS)


@pytest.mark.parametrize("name", NAMES)
def test_shapes_and_dtypes(name):
    function, kwargs, n, n_features, _ = GENERATORS[name]
    X, y = function(**kwargs, rng=0)
    assert X.shape == (n, n_features)
    assert y.shape == (n,)
    assert X.dtype == np.float64
    assert y.dtype == np.float64
    assert np.all(np.isfinite(X))
    assert np.all(np.isfinite(y))


@pytest.mark.parametrize("name", NAMES)
def test_default_arguments_work(name):
    X, y = GENERATORS[name][0]()
    assert X.ndim == 2
    assert y.shape == (X.shape[0],)


@pytest.mark.parametrize("name", [n for n in NAMES if GENERATORS[n][4]])
def test_classifier_labels_are_zero_and_one(name):
    function, kwargs, *_ = GENERATORS[name]
    _, y = function(**kwargs, rng=0)
    assert set(np.unique(y).tolist()) == {0.0, 1.0}


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_identical_arrays(name):
    function, kwargs, *_ = GENERATORS[name]
    X1, y1 = function(**kwargs, rng=123)
    X2, y2 = function(**kwargs, rng=123)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, y3 = function(**kwargs, rng=np.random.default_rng(123))
    np.testing.assert_array_equal(X1, X3)
    np.testing.assert_array_equal(y1, y3)


@pytest.mark.parametrize("name", NAMES)
def test_different_seeds_give_different_arrays(name):
    function, kwargs, *_ = GENERATORS[name]
    X1, _ = function(**kwargs, rng=1)
    X2, _ = function(**kwargs, rng=2)
    assert not np.array_equal(X1, X2)


@pytest.mark.parametrize("name", NAMES)
def test_generator_argument_is_advanced(name):
    function, kwargs, *_ = GENERATORS[name]
    rng = np.random.default_rng(0)
    X1, _ = function(**kwargs, rng=rng)
    X2, _ = function(**kwargs, rng=rng)
    assert not np.array_equal(X1, X2)


# --- class balance ---------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 200), st.integers(0, 1000))
def test_dogs_vs_cats_is_half_dogs(n, seed):
    _, y = dogs_vs_cats(n, rng=seed)
    assert y.sum() == n // 2  # n // 2 dogs (label 1), the rest cats


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 200), st.integers(0, 1000))
def test_moons_and_circles_are_balanced(n, seed):
    # moons: first half (n // 2) upper moon, label 0; circles: n // 2 outer points, label 0
    _, y_moons = moons(n, rng=seed)
    _, y_circles = circles(n, rng=seed)
    assert np.sum(y_moons == 0) == n // 2
    assert np.sum(y_moons == 1) == n - n // 2
    assert np.sum(y_circles == 0) == n // 2
    assert np.sum(y_circles == 1) == n - n // 2


def test_classifiers_shuffle_the_classes():
    for function in (dogs_vs_cats, moons, circles):
        _, y = function(100, rng=0)
        assert not np.array_equal(y, np.sort(y)), function.__name__


def test_xor_with_several_points_per_corner_is_balanced():
    X, y = xor(n_per_corner=7, noise=0.05, rng=0)
    assert y.sum() == 14
    # every point stays near its corner, and the label is that corner's XOR
    corners = np.round(X)
    np.testing.assert_array_equal(y, np.logical_xor(corners[:, 0], corners[:, 1]).astype(float))


# --- particular data sets --------------------------------------------------------------------


def test_xor_defaults_are_the_truth_table():
    X, y = xor()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    assert X.dtype == y.dtype == np.float64


def test_xor_without_noise_ignores_the_seed():
    X1, y1 = xor(n_per_corner=3, rng=1)
    X2, y2 = xor(n_per_corner=3, rng=2)
    np.testing.assert_array_equal(X1, X2)
    assert set(map(tuple, X1.tolist())) == {(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)}
    np.testing.assert_array_equal(y1, y2)


def test_dogs_are_heavier_with_longer_ears_and_values_positive():
    X, y = dogs_vs_cats(400, rng=0)
    dogs, cats = X[y == 1], X[y == 0]
    assert dogs[:, 0].mean() > cats[:, 0].mean()  # ear length in cm
    assert dogs[:, 1].mean() > cats[:, 1].mean()  # weight in kg
    assert np.all(X > 0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_curve_1d_without_noise_is_the_target(seed):
    X, y = curve_1d(30, noise=0.0, rng=seed)
    x = X[:, 0]
    np.testing.assert_allclose(y, 0.5 * np.sin(3.0 * x) + 0.25 * x, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(y, curve_target(x))


def test_curve_1d_is_sorted_on_minus_two_two_and_noisy():
    X, y = curve_1d(200, noise=0.1, rng=0)
    x = X[:, 0]
    assert np.all(np.diff(x) >= 0)
    assert x.min() >= -2.0 and x.max() <= 2.0
    residual = y - curve_target(x)
    assert residual.std() == pytest.approx(0.1, rel=0.25)


def test_curve_target_values():
    np.testing.assert_allclose(curve_target([0.0, np.pi / 6]), [0.0, 0.5 + np.pi / 24])


def test_noisy_regression_samples_the_sine_on_unit_interval():
    X, y = noisy_regression(300, noise=0.0, rng=0)
    x = X[:, 0]
    assert x.min() >= 0.0 and x.max() <= 1.0
    np.testing.assert_allclose(y, np.sin(2 * np.pi * x), atol=1e-12)
    np.testing.assert_allclose(sine_target([0.25, 0.75]), [1.0, -1.0], atol=1e-12)
    _, y_noisy = noisy_regression(300, noise=0.3, rng=0)
    assert (y_noisy - sine_target(x)).std() == pytest.approx(0.3, rel=0.25)


@pytest.mark.parametrize("factor", [0.5, 0.3, 0.8])
def test_circles_radii(factor):
    X, y = circles(40, noise=0.0, factor=factor, rng=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(radius[y == 1], factor, atol=1e-12)


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = moons(50, noise=0.0, rng=0)
    upper, lower = X[y == 0], X[y == 1]
    # upper: unit circle around (0, 0), y >= 0; lower: unit circle around (1, 0.5), y <= 0.5
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0, atol=1e-12)
    assert np.all(upper[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0, atol=1e-12)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "argument"),
    [(xor, "n_per_corner"), (dogs_vs_cats, "n_samples"), (curve_1d, "n_samples"),
     (moons, "n_samples"), (circles, "n_samples"), (noisy_regression, "n_samples")],
)
@pytest.mark.parametrize("value", [0, -5])
def test_non_positive_sample_counts_raise(function, argument, value):
    with pytest.raises(ValueError, match=argument):
        function(**{argument: value}, rng=0)


@pytest.mark.parametrize("function", [dogs_vs_cats, curve_1d, moons, circles, noisy_regression])
def test_non_integer_sample_counts_raise(function):
    with pytest.raises(ValueError, match="n_samples"):
        function(n_samples=10.5, rng=0)


@pytest.mark.parametrize("function", [xor, curve_1d, moons, circles, noisy_regression])
def test_negative_noise_raises(function):
    with pytest.raises(ValueError, match="noise"):
        function(noise=-0.1, rng=0)


@pytest.mark.parametrize("function", [xor, curve_1d, moons, circles, noisy_regression])
def test_nan_noise_raises(function):
    # noise must be >= 0; NaN is not, and it would silently make every sample NaN.
    with pytest.raises(ValueError, match="noise"):
        function(noise=float("nan"), rng=0)


@pytest.mark.parametrize("factor", [0.0, 1.0, 1.5, -0.5])
def test_circles_factor_outside_zero_one_raises(factor):
    with pytest.raises(ValueError, match="factor"):
        circles(10, factor=factor, rng=0)


def test_bad_rng_raises_type_error():
    with pytest.raises(TypeError, match="rng"):
        moons(10, rng="seed")


def test_every_generator_is_covered():
    public = {"xor", "dogs_vs_cats", "curve_1d", "moons", "circles", "noisy_regression"}
    assert public <= set(dir(datasets))
    assert public == set(GENERATORS)
