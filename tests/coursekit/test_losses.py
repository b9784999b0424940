"""Losses: values, reductions, gradients against numerical ones, stability and errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import losses
from coursekit.activations import sigmoid, softmax
from coursekit.gradcheck import numerical_gradient, relative_error

rng = np.random.default_rng(0)
Y_REG = rng.normal(size=(5, 3))
P_REG = rng.normal(size=(5, 3))
Y_BIN = rng.integers(0, 2, size=(5, 3)).astype(float)
P_BIN = rng.uniform(0.05, 0.95, size=(5, 3))
Y_CAT = np.eye(3)[rng.integers(0, 3, size=5)]
P_CAT = softmax(rng.normal(size=(5, 3)))
CASES = {
    "mse": (Y_REG, P_REG),
    "mae": (Y_REG, P_REG),
    "half_sse": (Y_REG, P_REG),
    "bce": (Y_BIN, P_BIN),
    "bce_with_logits": (Y_BIN, P_REG),
    "cce": (Y_CAT, P_CAT),
}


def test_registries_have_the_same_names():
    assert losses.LOSSES.keys() == losses.LOSS_GRADIENTS.keys() == CASES.keys()


@pytest.mark.parametrize("name", CASES)
def test_gradient_matches_numerical_gradient(name):
    y, pred = CASES[name]
    numeric = numerical_gradient(lambda p: losses.LOSSES[name](y, p), pred.copy())
    assert relative_error(losses.LOSS_GRADIENTS[name](y, pred), numeric) < 1e-7


def test_slide_values():
    assert losses.mse([20, 3, 1], [10, 8, 6]) == 50.0  # PERC: errors -10, 5, 5 -> 150 / 3
    assert losses.mae([20, 3, 1], [10, 8, 6]) == pytest.approx(20 / 3)
    assert losses.bce([0.0], [0.8]) == pytest.approx(-np.log(0.2))
    assert losses.bce([1.0], [0.8]) == pytest.approx(-np.log(0.8))
    assert losses.cce([[0, 0, 1.0]], [[0.2, 0.3, 0.5]]) == pytest.approx(-np.log(0.5))


def test_reductions():
    y = np.zeros((2, 3))
    pred = np.ones((2, 3))
    assert losses.mse(y, pred) == 1.0  # mean over all 6 elements
    assert losses.half_sse(y, pred) == 1.5  # ½ · 3 outputs, mean over 2 samples
    assert losses.cce(np.eye(3)[:2], np.full((2, 3), 1 / 3)) == pytest.approx(np.log(3))


@given(st.lists(st.floats(-15, 15), min_size=1, max_size=10), st.integers(0, 2**32 - 1))
def test_bce_with_logits_equals_bce_of_sigmoid(z, seed):
    # Moderate logits: for large |z|, 1 - sigmoid(z) loses the digits bce_with_logits keeps.
    z = np.array(z)
    y = np.random.default_rng(seed).integers(0, 2, z.size).astype(float)
    assert losses.bce_with_logits(y, z) == pytest.approx(losses.bce(y, sigmoid(z)), rel=1e-8)


def test_finite_at_certain_probabilities_and_huge_logits():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        assert np.isfinite(losses.bce([1.0, 0.0], [0.0, 1.0]))
        assert np.all(np.isfinite(losses.bce_gradient([1.0, 0.0], [0.0, 1.0])))
        assert losses.bce([1.0, 0.0], [1.0, 0.0]) == pytest.approx(0.0, abs=1e-12)
        assert losses.cce([[1.0, 0.0]], [[0.0, 1.0]]) < np.inf
        assert losses.bce_with_logits([1.0], [-1000.0]) == pytest.approx(1000.0)
        assert losses.bce_with_logits([1.0], [1000.0]) == 0.0


def test_shape_mismatch_names_both_arguments():
    expected = r"y_true and y_pred must have the same shape.*\(3,\).*\(2,\)"
    with pytest.raises(ValueError, match=expected):
        losses.mse([1, 2, 3], [1, 2])


def test_probabilities_outside_unit_interval_are_rejected():
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
        losses.bce([1.0], [1.2])
    with pytest.raises(ValueError, match=r"y_true must lie in \[0, 1\]"):
        losses.bce_with_logits([2.0], [0.3])


def test_cce_needs_one_hot_rows():
    with pytest.raises(ValueError, match="one-hot"):
        losses.cce([1.0, 0.0], [0.7, 0.3])


def test_unknown_loss_lists_valid_names():
    with pytest.raises(ValueError, match="unknown loss 'msee'.*bce.*mse"):
        losses.get_loss("msee")
