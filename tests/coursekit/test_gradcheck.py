"""Gradient checking helpers."""

import numpy as np
import pytest

from coursekit.gradcheck import numerical_gradient, relative_error


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda v: float(np.sum(np.sin(v) * v)), x)
    np.testing.assert_allclose(grad, np.sin(x) + x * np.cos(x), rtol=1e-8)


def test_numerical_gradient_restores_its_input():
    x = np.array([1.0, 2.0, 3.0])
    numerical_gradient(lambda v: float(v @ v), x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_numerical_gradient_needs_a_float_array():
    with pytest.raises(TypeError, match="float64 numpy array"):
        numerical_gradient(lambda v: 0.0, [1, 2])


def test_relative_error():
    assert relative_error([0.0], [0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0
    assert relative_error([1.0, 1.0], [1.0, 1.0 + 1e-9]) == pytest.approx(1e-9 / (2 * 2**0.5),
                                                                         rel=1e-6)
    with pytest.raises(ValueError, match="same shape"):
        relative_error([1.0], [1.0, 2.0])
