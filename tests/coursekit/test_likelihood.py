"""coursekit.likelihood: hand values, the link to coursekit.losses, gradients, input checks."""

import math

import numpy as np
import pytest

from coursekit import likelihood as lk
from coursekit.gradcheck import numerical_gradient
from coursekit.losses import bce, bce_with_logits, bce_with_logits_gradient

Y4 = np.array([0.0, 0.0, 1.0, 1.0])
P4 = np.array([0.8, 0.2, 0.8, 0.2])


def test_bernoulli_terms_by_hand():
    np.testing.assert_allclose(lk.bernoulli_likelihood(Y4, P4), [0.2, 0.8, 0.8, 0.2])
    assert lk.bernoulli_likelihood(1, 0.3) == pytest.approx(0.3)
    assert lk.bernoulli_likelihood(0, 0.3) == pytest.approx(0.7)
    assert isinstance(lk.bernoulli_likelihood(1, 0.3), float)
    np.testing.assert_array_equal(lk.bernoulli_likelihood([1, 0], [0.0, 1.0]), [0.0, 0.0])
    assert lk.bernoulli_likelihood(np.ones((2, 3)), np.full((2, 3), 0.5)).shape == (2, 3)


def test_likelihood_is_the_product_and_log_likelihood_its_log():
    assert lk.likelihood(Y4, P4) == pytest.approx(0.2 * 0.8 * 0.8 * 0.2)
    assert lk.log_likelihood(Y4, P4) == pytest.approx(2 * math.log(0.2) + 2 * math.log(0.8))
    assert lk.log_likelihood(Y4, P4) == pytest.approx(math.log(lk.likelihood(Y4, P4)))
    assert lk.log_likelihood([1.0, 0.0], [1.0, 0.0]) == pytest.approx(0.0, abs=1e-15)


def test_minus_mean_log_likelihood_is_bce():
    rng = np.random.default_rng(0)
    for shape in [(10,), (4, 3), ()]:
        y = rng.integers(0, 2, size=shape).astype(float)
        p = rng.uniform(size=shape)
        n = max(np.size(y), 1)
        assert -lk.log_likelihood(y, p) / n == pytest.approx(bce(y, p), rel=1e-12)


def test_log_likelihood_is_finite_at_the_edges():
    value = lk.log_likelihood([1.0, 0.0], [0.0, 1.0])
    assert np.isfinite(value) and value < -60
    assert -value / 2 == pytest.approx(bce([1.0, 0.0], [0.0, 1.0]))


def test_gradient_by_hand_and_vs_the_mean_convention():
    np.testing.assert_allclose(lk.bce_logit_gradient([1.0, 0.0], [0.0, 0.0]), [-0.5, 0.5])
    np.testing.assert_allclose(lk.bce_logit_gradient([1.0, 0.0, 1.0, 0.0],
                                                     [1000.0, -1000.0, -1000.0, 1000.0]),
                               [0.0, 0.0, -1.0, 1.0])
    y, z = np.array([1.0, 0.0, 1.0]), np.array([0.3, -2.0, 4.0])
    np.testing.assert_allclose(lk.bce_logit_gradient(y, z) / 3, bce_with_logits_gradient(y, z))
    assert isinstance(lk.bce_logit_gradient(1.0, 2.0), float)


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, size=8).astype(float)
    z = rng.normal(scale=3.0, size=8)
    numeric = numerical_gradient(lambda v: bce_with_logits(y, v) * v.size, z.copy())
    np.testing.assert_allclose(lk.bce_logit_gradient(y, z), numeric, atol=1e-7)


@pytest.mark.parametrize("function", [lk.bernoulli_likelihood, lk.likelihood, lk.log_likelihood])
def test_probability_inputs_are_checked(function):
    with pytest.raises(ValueError, match="p must lie in"):
        function([1.0], [1.5])
    with pytest.raises(ValueError, match="y must lie in"):
        function([2.0], [0.5])
    with pytest.raises(ValueError, match=r"same shape.*\(2,\).*\(3,\)"):
        function([1.0, 0.0], [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match="empty"):
        function([], [])
    with pytest.raises(TypeError, match="p must be numeric"):
        function([1.0], ["a"])


def test_gradient_inputs_are_checked():
    with pytest.raises(ValueError, match="same shape"):
        lk.bce_logit_gradient([1.0, 0.0], [0.5])
    with pytest.raises(ValueError, match="y must lie in"):
        lk.bce_logit_gradient([-1.0], [0.5])
