"""Perceptron: weighted sum, step prediction, Rosenblatt's rule, AND/OR/XOR, the logistic neuron."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.perceptron import (
    logistic_neuron,
    perceptron_predict,
    perceptron_update,
    train_perceptron,
    weighted_sum,
)

TRUTH_TABLE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND = np.array([0.0, 0.0, 0.0, 1.0])
OR = np.array([0.0, 1.0, 1.0, 1.0])
XOR = np.array([0.0, 1.0, 1.0, 0.0])

finite = st.floats(-10.0, 10.0, allow_nan=False)


# --- weighted_sum ----------------------------------------------------------------------------


def test_weighted_sum_of_one_input_is_a_float():
    # 2*0.5 + (-1)*3 + 1 = -1
    z = weighted_sum([2.0, -1.0], [0.5, 3.0], 1.0)
    assert isinstance(z, float)
    assert z == pytest.approx(-1.0)


def test_weighted_sum_of_a_batch_has_one_value_per_row():
    X = [[1.0, 2.0], [3.0, 4.0], [0.0, 0.0]]
    z = weighted_sum(X, [1.0, -1.0], 0.5)
    assert isinstance(z, np.ndarray)
    assert z.shape == (3,)
    np.testing.assert_allclose(z, [1 - 2 + 0.5, 3 - 4 + 0.5, 0.5])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=6),
       st.tuples(finite, finite, finite), finite)
def test_weighted_sum_of_a_batch_equals_row_by_row(rows, w, b):
    X = np.array(rows)
    batch = weighted_sum(X, w, b)
    one_by_one = [sum(x_i * w_i for x_i, w_i in zip(row, w)) + b for row in rows]
    np.testing.assert_allclose(batch, one_by_one, rtol=1e-12, atol=1e-9)


# --- perceptron_predict ----------------------------------------------------------------------


@pytest.mark.parametrize(("w", "b"), [([0.6, 0.6], -1.0), ([2.0, 3.0], -4.0), ([1.0, 1.0], -1.5)])
def test_perceptron_predict_computes_and(w, b):
    np.testing.assert_array_equal(perceptron_predict(TRUTH_TABLE, w, b), AND)


def test_perceptron_predict_computes_or():
    np.testing.assert_array_equal(perceptron_predict(TRUTH_TABLE, [1.0, 1.0], -0.5), OR)


def test_perceptron_predict_is_one_at_z_equal_zero():
    # step(z) = 1 for z >= 0: 1 + 1 - 2 = 0
    assert float(perceptron_predict([1.0, 1.0], [1.0, 1.0], -2.0)) == 1.0
    assert float(perceptron_predict([1.0, 1.0], [1.0, 1.0], -2.000001)) == 0.0


# --- perceptron_update -----------------------------------------------------------------------


@pytest.mark.parametrize(("x", "y"), [([1.0, 0.0], 0.0), ([1.0, 1.0], 1.0)])
def test_perceptron_update_changes_nothing_when_correct(x, y):
    # w = [0.5, 0.5], b = -0.75: z(1,0) = -0.25 -> 0 (correct), z(1,1) = 0.25 -> 1 (correct)
    w0 = np.array([0.5, 0.5])
    w, b = perceptron_update(x, y, w0, -0.75, lr=0.3)
    np.testing.assert_array_equal(w, [0.5, 0.5])
    assert b == -0.75


def test_perceptron_update_on_a_false_negative_adds_lr_times_x():
    # z = -1 + 1 - 0.5 = -0.5 -> y_hat = 0, y = 1: w + 0.1 * 1 * [1, 2], b + 0.1
    w, b = perceptron_update([1.0, 2.0], 1.0, [-1.0, 0.5], -0.5, lr=0.1)
    np.testing.assert_allclose(w, [-0.9, 0.7])
    assert b == pytest.approx(-0.4)


def test_perceptron_update_on_a_false_positive_subtracts_lr_times_x():
    # z = 2 - 1 + 0 = 1 -> y_hat = 1, y = 0: w - 0.5 * [2, -1], b - 0.5
    w, b = perceptron_update([2.0, -1.0], 0.0, [1.0, 1.0], 0.0, lr=0.5)
    np.testing.assert_allclose(w, [0.0, 1.5])
    assert b == pytest.approx(-0.5)


def test_perceptron_update_does_not_modify_w():
    w0 = np.array([1.0, 1.0])
    perceptron_update([2.0, -1.0], 0.0, w0, 0.0, lr=0.5)
    np.testing.assert_array_equal(w0, [1.0, 1.0])


@settings(max_examples=60, deadline=None)
@given(st.tuples(finite, finite), st.sampled_from([0.0, 1.0]), st.tuples(finite, finite), finite,
       st.floats(0.01, 5.0))
def test_perceptron_update_moves_z_by_lr_error_times_norm(x, y, w, b, lr):
    # z_new - z_old = lr (y - y_hat) (x.x + 1): the rule pushes z towards the target's side.
    y_hat = 1.0 if np.dot(x, w) + b >= 0 else 0.0
    w_new, b_new = perceptron_update(x, y, w, b, lr=lr)
    expected = lr * (y - y_hat) * (np.dot(x, x) + 1.0)
    change = weighted_sum(x, w_new, b_new) - weighted_sum(x, w, b)
    assert change == pytest.approx(expected, rel=1e-9, abs=1e-9)


# --- train_perceptron ------------------------------------------------------------------------


@pytest.mark.parametrize("targets", [AND, OR], ids=["AND", "OR"])
@pytest.mark.parametrize("lr", [1.0, 0.1])
def test_train_perceptron_learns_linearly_separable_gates(targets, lr):
    w, b, history = train_perceptron(TRUTH_TABLE, targets, lr=lr, epochs=100)
    assert history.converged
    np.testing.assert_array_equal(perceptron_predict(TRUTH_TABLE, w, b), targets)
    assert history.errors[-1] == 0
    assert all(e > 0 for e in history.errors[:-1])
    # weights before training, then one entry per example visited
    assert len(history.weights) == len(history.biases) == 1 + 4 * len(history.errors)
    np.testing.assert_array_equal(history.weights[-1], w)
    assert history.biases[-1] == b


def test_train_perceptron_starts_from_given_weights():
    # Already correct for AND: the first epoch has no mistakes and nothing moves.
    w, b, history = train_perceptron(TRUTH_TABLE, AND, w=[1.0, 1.0], b=-1.5)
    assert history.converged
    assert history.errors == [0]
    np.testing.assert_array_equal(w, [1.0, 1.0])
    assert b == -1.5


def test_train_perceptron_does_not_converge_on_xor():
    epochs = 50
    w, b, history = train_perceptron(TRUTH_TABLE, XOR, lr=1.0, epochs=epochs)
    assert history.converged is False
    assert len(history.errors) == epochs
    assert all(e >= 1 for e in history.errors)
    assert not np.array_equal(perceptron_predict(TRUTH_TABLE, w, b), XOR)


# --- logistic_neuron -------------------------------------------------------------------------


@pytest.mark.parametrize(("w0", "w1"), [(0.0, 3.0), (2.0, -4.0), (-1.5, 0.5)])
def test_logistic_neuron_is_one_half_where_w0_plus_w1_x_is_zero(w0, w1):
    assert float(logistic_neuron(-w0 / w1, w0, w1)) == pytest.approx(0.5)


def test_logistic_neuron_hand_value():
    # w0 + w1 x = ln 3 -> 1 / (1 + 1/3) = 0.75
    assert float(logistic_neuron(math.log(3.0), 0.0, 1.0)) == pytest.approx(0.75)
    assert float(logistic_neuron(1.0, -1.0 - math.log(3.0), 1.0)) == pytest.approx(0.25)


def test_logistic_neuron_accepts_arrays_and_is_stable_far_out():
    values = logistic_neuron(np.array([-1000.0, 0.0, 1000.0]), 0.0, 1.0)
    assert values.shape == (3,)
    np.testing.assert_allclose(values, [0.0, 0.5, 1.0])


@settings(max_examples=60, deadline=None)
@given(st.floats(-5, 5), st.floats(-5, 5).filter(lambda v: abs(v) > 1e-3), st.floats(0, 10))
def test_logistic_neuron_is_symmetric_about_its_midpoint(w0, w1, d):
    # y(x0 + d) + y(x0 - d) = 1 with x0 = -w0 / w1
    x0 = -w0 / w1
    total = float(logistic_neuron(x0 + d, w0, w1)) + float(logistic_neuron(x0 - d, w0, w1))
    assert total == pytest.approx(1.0, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(-5, 5), st.floats(0.01, 5), st.floats(-10, 10), st.floats(-10, 10))
def test_logistic_neuron_increases_with_x_for_positive_w1(w0, w1, xa, xb):
    lo, hi = sorted([xa, xb])
    assert float(logistic_neuron(lo, w0, w1)) <= float(logistic_neuron(hi, w0, w1))
    assert 0.0 <= float(logistic_neuron(lo, w0, w1)) <= 1.0


def test_logistic_neuron_is_strictly_increasing_on_a_grid():
    values = logistic_neuron(np.linspace(-3, 3, 50), 0.5, 2.0)
    assert np.all(np.diff(values) > 0)


# --- bad input -------------------------------------------------------------------------------


def test_weighted_sum_rejects_w_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"w"):
        weighted_sum([1.0, 2.0, 3.0], [1.0, 2.0], 0.0)
    with pytest.raises(ValueError, match=r"\(2,\)"):
        weighted_sum([[1.0, 2.0, 3.0]], [1.0, 2.0], 0.0)


def test_weighted_sum_rejects_two_dimensional_w():
    with pytest.raises(ValueError, match=r"\bw\b"):
        weighted_sum([1.0, 2.0], [[1.0, 2.0]], 0.0)


@pytest.mark.parametrize("lr", [0.0, -0.5])
def test_perceptron_update_rejects_non_positive_lr(lr):
    with pytest.raises(ValueError, match=r"\blr\b"):
        perceptron_update([1.0, 0.0], 1.0, [0.0, 0.0], 0.0, lr=lr)


def test_perceptron_update_rejects_nan_lr():
    # lr must be > 0; NaN is not (coursekit.optim rejects it with `not lr > 0`), and a NaN lr
    # silently turns the weights into NaN.
    with pytest.raises(ValueError, match=r"\blr\b"):
        perceptron_update([1.0, 0.0], 1.0, [0.0, 0.0], -1.0, lr=float("nan"))


def test_perceptron_update_rejects_a_batch_for_x():
    with pytest.raises(ValueError, match=r"\bx\b"):
        perceptron_update([[1.0, 0.0], [0.0, 1.0]], 1.0, [0.0, 0.0], 0.0)


def test_perceptron_update_rejects_w_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"\bw\b"):
        perceptron_update([1.0, 0.0], 1.0, [0.0, 0.0, 0.0], 0.0)


def test_train_perceptron_rejects_bad_shapes_and_lr():
    with pytest.raises(ValueError, match=r"\by\b"):
        train_perceptron(TRUTH_TABLE, AND[:3])
    with pytest.raises(ValueError, match=r"\bX\b"):
        train_perceptron([0.0, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"\blr\b"):
        train_perceptron(TRUTH_TABLE, AND, lr=0.0)


def test_train_perceptron_rejects_plus_minus_one_labels():
    with pytest.raises(ValueError, match="labels 0 and 1"):
        train_perceptron([[0.0, 0.0], [1.0, 1.0]], [-1.0, 1.0])
