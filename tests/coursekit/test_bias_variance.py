"""Bias², variance, the fixed-hidden-layer ReLU model and the double-descent curve."""

import numpy as np
import pytest

from coursekit import bias_variance as bv
from coursekit.datasets import sine_target


def test_bias_variance_by_hand():
    assert bv.bias_variance([[1.0, 2.0], [3.0, 2.0]], [1.0, 1.0]) == (1.0, 0.5)
    assert bv.bias_variance([[0.0, 0.0]], [1.0, -1.0]) == (1.0, 0.0)


def test_bias_variance_is_the_decomposition_of_the_mean_squared_error():
    rng = np.random.default_rng(0)
    predictions, f_true = rng.normal(size=(50, 7)), rng.normal(size=7)
    bias2, variance = bv.bias_variance(predictions, f_true)
    assert bias2 + variance == pytest.approx(np.mean((predictions - f_true) ** 2))
    assert variance == pytest.approx(np.mean(np.var(predictions, axis=0)))  # ddof = 0
    assert type(bias2) is float and type(variance) is float


def test_bias_variance_rejects_bad_shapes():
    with pytest.raises(ValueError, match=r"one value per column of predictions \(3\)"):
        bv.bias_variance(np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="predictions must be a 2-D array"):
        bv.bias_variance(np.zeros(3), np.zeros(3))


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


def test_double_descent_data_and_target():
    d = bv.double_descent_data(n_train=8, n_test=5, noise=0.0, rng=0)
    np.testing.assert_allclose(d["y"], bv.bump_target(d["X"]))
    assert d["X_test"].shape == (5, 2)
    assert bv.bump_target([[0.5, 0.0]])[0] == pytest.approx(1.0)
