"""Activations: values, derivatives against numerical gradients, properties, stability, errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursekit import activations as act
from coursekit.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = [name for name in act.ACTIVATIONS if name != "softmax"]
SMOOTH = ["identity", "linear", "sigmoid", "tanh", "elu", "softplus", "arctan", "relu",
          "leaky_relu"]
finite_floats = st.floats(-50, 50, allow_nan=False)
rows = arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite_floats)


def test_registries_have_the_same_names():
    assert act.ACTIVATIONS.keys() == act.DERIVATIVES.keys()


@pytest.mark.parametrize("name", SMOOTH)
def test_derivative_matches_numerical_gradient(name):
    # Points away from the kinks of relu/leaky_relu/elu at 0.
    z = np.array([-3.0, -1.2, -0.4, 0.3, 0.9, 2.5])
    f, df = act.ACTIVATIONS[name], act.DERIVATIVES[name]
    numeric = numerical_gradient(lambda v: float(np.sum(f(v))), z.copy())
    assert relative_error(df(z), numeric) < 1e-7


def test_softmax_jacobian_matches_numerical_gradient():
    z = np.array([0.3, -1.0, 2.0, 0.5])
    jacobian = act.softmax_jacobian(z)
    for i in range(z.size):
        numeric = numerical_gradient(lambda v, i=i: float(act.softmax(v)[i]), z.copy())
        assert relative_error(jacobian[i], numeric) < 1e-7


def test_known_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.relu(-2.0) == 0.0 and act.relu(3.0) == 3.0
    assert act.step(0.0) == 1.0 and act.step(-1e-9) == 0.0
    assert act.leaky_relu(-10.0, alpha=0.1) == pytest.approx(-1.0)
    assert act.elu(-np.inf) == -1.0
    assert act.softplus(0.0) == pytest.approx(np.log(2.0))
    assert act.arctan_derivative(1.0) == 0.5
    assert act.sigmoid_derivative(0.0) == 0.25
    assert act.softmax([5.36, 12.12])[1] == pytest.approx(0.998842, abs=1e-6)


@given(arrays(np.float64, st.integers(1, 20), elements=finite_floats))
def test_sigmoid_symmetry_and_bounds(z):
    s = act.sigmoid(z)
    np.testing.assert_allclose(act.sigmoid(-z), 1.0 - s, atol=1e-15)
    assert np.all((s >= 0) & (s <= 1))


@given(arrays(np.float64, st.integers(1, 20), elements=finite_floats))
def test_derivative_identities(z):
    s, t = act.sigmoid(z), act.tanh(z)
    np.testing.assert_allclose(act.sigmoid_derivative(z), s * (1 - s), atol=1e-15)
    np.testing.assert_allclose(act.tanh_derivative(z), 1 - t**2, atol=1e-15)
    np.testing.assert_allclose(act.softplus_derivative(z), s, atol=1e-15)
    np.testing.assert_allclose(t, 2 * act.sigmoid(2 * z) - 1, atol=1e-12)
    assert np.all(act.sigmoid_derivative(z) <= 0.25)


@given(rows, st.floats(-100, 100))
def test_softmax_rows_sum_to_one_and_are_shift_invariant(z, shift):
    p = act.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(act.softmax(z + shift), p, atol=1e-12)
    assert np.all(p >= 0)


def test_softmax_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(act.softmax(z, axis=0).sum(axis=0), [1.0, 1.0])


@pytest.mark.parametrize("name", list(act.ACTIVATIONS))
def test_stable_at_large_inputs(name):
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        a = act.ACTIVATIONS[name](z)
        d = act.DERIVATIVES[name](z)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown activation 'sigmod'.*sigmoid"):
        act.get_activation("sigmod")


def test_non_numeric_input_names_the_argument():
    with pytest.raises(TypeError, match="z must be numeric"):
        act.sigmoid("abc")
