"""Bias², variance, the fixed-hidden-layer ReLU model and the double-descent curve."""

import numpy as np
import pytest

from coursekit import bias_variance as bv
from coursekit.datasets import sine_target


def test_bias_variance_by_hand():
    # mean fit [2, 2]; (mean fit - f)² averages 1; sample variances [2, 0] average 1; 1 - 1/2
    assert bv.bias_variance([[1.0, 2.0], [3.0, 2.0]], [1.0, 1.0]) == (0.5, 1.0)
    assert bv.bias_variance([[0.0, 0.0], [0.0, 0.0]], [1.0, -1.0]) == (1.0, 0.0)


def test_bias_variance_adds_up_to_the_mean_squared_error_of_the_fits():
    rng = np.random.default_rng(0)
    predictions, f_true = rng.normal(size=(50, 7)), rng.normal(size=7)
    bias2, variance = bv.bias_variance(predictions, f_true)
    assert bias2 + variance == pytest.approx(np.mean((predictions - f_true) ** 2))
    assert variance == pytest.approx(np.mean(np.var(predictions, axis=0, ddof=1)))
    raw = np.mean((predictions.mean(axis=0) - f_true) ** 2)
    assert bias2 == pytest.approx(raw - variance / 50)  # the correction
    assert type(bias2) is float and type(variance) is float


def test_bias_variance_estimates_are_unbiased_where_the_plain_ones_are_not():
    # fits f + offset + noise: true bias² = mean(offset²), true variance = σ² = 4
    rng = np.random.default_rng(1)
    f_true, offset = np.linspace(-1, 1, 5), np.array([0.1, -0.2, 0.0, 0.3, 0.1])
    n_fits, trials = 5, 4000
    estimates = np.array([bv.bias_variance(f_true + offset + rng.normal(0, 2.0, (n_fits, 5)),
                                           f_true) for _ in range(trials)])
    bias2, variance = estimates.mean(axis=0)
    assert bias2 == pytest.approx(np.mean(offset**2), abs=0.03)  # 0.03; plain: 0.03 + 4/5
    assert variance == pytest.approx(4.0, rel=0.03)  # ddof=0 would give 3.2
    assert estimates[:, 0].min() < 0  # an unbiased estimate of a small bias² can be negative


def test_bias_variance_rejects_bad_shapes():
    with pytest.raises(ValueError, match=r"one value per column of predictions \(3\)"):
        bv.bias_variance(np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="predictions must be a 2-D array"):
        bv.bias_variance(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="at least 2 rows"):
        bv.bias_variance([[0.0, 0.0, 0.0]], [1.0, -1.0, 2.0])


def test_even_layer_joints_and_features():
    layer = bv.even_relu_layer(4)
    np.testing.assert_allclose(-layer["b"], [0.125, 0.375, 0.625, 0.875])
    H = bv.hidden_features([[0.5]], layer)
    np.testing.assert_allclose(H, [[0.375, 0.125, 0.0, 0.0]])
    with pytest.raises(ValueError, match="n_hidden must be a positive integer"):
        bv.even_relu_layer(0)


def test_fit_predict_is_least_squares_and_interpolates_with_enough_units():
    X = np.linspace(0, 1, 6)[:, None]
    y = sine_target(X[:, 0])
    line = bv.fit_predict(X, 2 * X[:, 0] + 1, X, bv.even_relu_layer(1, -2.0, 0.0))  # joint at -1
    np.testing.assert_allclose(line, 2 * X[:, 0] + 1, atol=1e-10)  # a line is in the model
    wide = bv.fit_predict(X, y, X, bv.random_relu_layer(1, 60, rng=0))
    np.testing.assert_allclose(wide, y, atol=1e-8)  # over-parameterised: interpolates
    with pytest.raises(ValueError, match="y_train must have one value per row"):
        bv.fit_predict(X, y[:5], X, bv.even_relu_layer(2))


def test_fit_predict_gradient_of_the_residual_is_zero():
    rng = np.random.default_rng(1)
    X, y = rng.uniform(size=(20, 1)), rng.normal(size=20)
    layer = bv.even_relu_layer(5)
    H = np.column_stack([bv.hidden_features(X, layer), np.ones(20)])
    residual = bv.fit_predict(X, y, X, layer) - y
    np.testing.assert_allclose(H.T @ residual, 0.0, atol=1e-9)  # normal equations


def test_decomposition_adds_up_and_reacts_to_data_and_capacity():
    d = bv.decomposition(3, 20, n_fits=60, rng=0)
    total = d["bias2"] + d["variance"] + d["noise2"]
    assert d["test_error"] == pytest.approx(total, rel=0.05)
    assert d["predictions"].shape == (60, 101)
    more_data = bv.decomposition(3, 80, n_fits=60, rng=0)
    assert more_data["variance"] < d["variance"] / 2  # more data, less variance
    small, big = bv.decomposition(1, 60, rng=0), bv.decomposition(4, 60, rng=0)
    assert big["bias2"] < small["bias2"] / 2  # more capacity, less bias


def test_decomposition_uses_the_given_functions():
    calls = []

    def estimator(predictions, f_true):
        calls.append(predictions.shape)
        return bv.bias_variance(predictions, f_true)

    d = bv.decomposition(2, 10, n_fits=5, rng=0, estimator=estimator,
                         fit=lambda X, y, Xe, layer: np.zeros(len(Xe)))
    assert calls == [(5, 101)] and d["variance"] == 0.0


def test_double_descent_curve_peaks_at_the_interpolation_threshold():
    widths = [2, 10, 30, 100, 1000]
    c = bv.double_descent_curve(widths, n_repeats=5)
    test = c["test_error"]
    assert np.argmax(test) == 2  # width 30 = number of samples
    assert test[2] > 10 * test[1] and test[4] < test[2] / 10  # second descent
    assert c["train_error"][3] < 1e-12 and c["train_error"][0] > 0.05
    np.testing.assert_array_equal(c["widths"], widths)
    assert c["test_errors"].shape == c["train_errors"].shape == (5, 5)
    np.testing.assert_allclose(c["test_error"], np.median(c["test_errors"], axis=1))
    np.testing.assert_allclose(c["train_error"], c["train_errors"].mean(axis=1))


def test_double_descent_a_draw_past_the_threshold_can_fail_to_interpolate():
    """The notebook's table: at width 50, 2 of 10 draws keep a training error; their features
    are exactly rank-deficient because 4 samples share one linear piece of the network."""
    c = bv.double_descent_curve([40, 50])
    interpolating = (c["train_errors"] < 1e-20).sum(axis=1)
    assert interpolating.tolist() == [10, 8]
    assert c["train_error"][1] > 1e-6 > 1e-20 > c["train_error"][0]
    data = c["data"]
    for r in np.flatnonzero(c["train_errors"][1] > 1e-20):
        layer = bv.random_relu_layer(2, 50, rng=100 + r)
        H = bv.hidden_features(data["X"], layer)
        design = np.column_stack([H, np.ones(len(H))])
        singular = np.linalg.svd(design, compute_uv=False)
        assert np.linalg.matrix_rank(design) == 29 and singular[-1] < 1e-12 * singular[0]
        _, counts = np.unique(H > 0, axis=0, return_counts=True)
        assert counts.max() >= 4  # 4 samples in one region where the network is one plane


def test_double_descent_data_and_target():
    d = bv.double_descent_data(n_train=8, n_test=5, noise=0.0, rng=0)
    np.testing.assert_allclose(d["y"], bv.bump_target(d["X"]))
    assert d["X_test"].shape == (5, 2)
    assert bv.bump_target([[0.5, 0.0]])[0] == pytest.approx(1.0)
