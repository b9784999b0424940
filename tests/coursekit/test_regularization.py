"""Regularisation: the L2 penalty and its gradient, inverted dropout, early stopping."""

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.gradcheck import numerical_gradient, relative_error
from coursekit.regularization import EarlyStopping, dropout, l2_gradient, l2_penalty


def _two_layers():
    return [
        {"W": np.array([[1.0, 2.0], [3.0, -1.0]]), "b": np.array([10.0, 10.0])},
        {"W": np.array([[2.0], [0.5]]), "b": np.array([100.0])},
    ]


# --- L2 --------------------------------------------------------------------------------------


def test_l2_penalty_by_hand():
    # sum W^2 = (1 + 4 + 9 + 1) + (4 + 0.25) = 19.25; lambda/(2m) = 0.5/8 -> 1.203125
    assert l2_penalty(_two_layers(), 0.5, 4) == pytest.approx(1.203125)


def test_l2_penalty_ignores_biases():
    params = _two_layers()
    before = l2_penalty(params, 0.5, 4)
    params[0]["b"] = np.array([-7.0, 1e6])
    params[1]["b"] = np.array([0.0])
    assert l2_penalty(params, 0.5, 4) == before


def test_l2_penalty_is_zero_without_strength_and_scales_with_lambda_over_m():
    params = _two_layers()
    assert l2_penalty(params, 0.0, 4) == 0.0
    assert l2_penalty(params, 2.0, 4) == pytest.approx(4 * l2_penalty(params, 0.5, 4))
    assert l2_penalty(params, 1.0, 8) == pytest.approx(l2_penalty(params, 1.0, 4) / 2)


def test_l2_penalty_returns_a_float():
    assert type(l2_penalty(_two_layers(), 1.0, 3)) is float


@pytest.mark.parametrize("function", [l2_penalty, l2_gradient])
def test_l2_rejects_bad_strength_and_sample_count(function):
    with pytest.raises(ValueError, match="lambda_"):
        function(_two_layers(), -0.1, 4)
    with pytest.raises(ValueError, match="n_samples"):
        function(_two_layers(), 0.1, 0)


def test_l2_gradient_by_hand():
    # lambda / m * W = 0.5 / 4 * W
    grads = l2_gradient(_two_layers(), 0.5, 4)
    np.testing.assert_allclose(grads[0]["W"], [[0.125, 0.25], [0.375, -0.125]])
    np.testing.assert_allclose(grads[1]["W"], [[0.25], [0.0625]])


@pytest.mark.parametrize(("lambda_", "n_samples"), [(0.5, 4), (3.0, 17), (1e-2, 1)])
def test_l2_gradient_matches_numerical_gradient(lambda_, n_samples):
    rng = np.random.default_rng(0)
    params = [{"W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)},
              {"W": rng.normal(size=(4, 2)), "b": rng.normal(size=2)}]
    grads = l2_gradient(params, lambda_, n_samples)
    for layer, grads_l in zip(params, grads):
        for key in ("W", "b"):
            assert grads_l[key].shape == layer[key].shape
            numeric = numerical_gradient(lambda _: l2_penalty(params, lambda_, n_samples),
                                         layer[key])
            assert relative_error(grads_l[key], numeric) < 1e-7
        np.testing.assert_array_equal(grads_l["b"], np.zeros_like(layer["b"]))


def test_l2_gradient_does_not_modify_params():
    params = _two_layers()
    before = copy.deepcopy(params)
    grads = l2_gradient(params, 0.5, 4)
    for layer, old, grads_l in zip(params, before, grads):
        np.testing.assert_array_equal(layer["W"], old["W"])
        np.testing.assert_array_equal(layer["b"], old["b"])
        assert not np.shares_memory(grads_l["W"], layer["W"])


# --- dropout ---------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 0.95), st.integers(0, 2**32 - 1))
def test_dropout_mask_is_zero_or_inverse_keep_probability(rate, seed):
    a = np.random.default_rng(1).normal(size=(6, 7))
    out, mask = dropout(a, rate, rng=seed)
    assert out.shape == mask.shape == a.shape
    kept = mask != 0
    np.testing.assert_allclose(mask[kept], 1.0 / (1.0 - rate), rtol=1e-12)
    np.testing.assert_array_equal(out, a * mask)
    np.testing.assert_array_equal(out[~kept], 0.0)


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_dropout_is_inverted_so_the_mean_is_kept(rate):
    out, mask = dropout(np.ones((200, 500)), rate, rng=0)
    # standard error of the mean about sqrt(rate / (1 - rate) / 1e5) <= 0.007
    assert out.mean() == pytest.approx(1.0, abs=0.03)
    assert np.mean(mask == 0) == pytest.approx(rate, abs=0.01)


def test_dropout_rate_zero_is_the_identity():
    a = np.random.default_rng(2).normal(size=(4, 5))
    out, mask = dropout(a, 0.0, rng=0)
    np.testing.assert_array_equal(out, a)
    np.testing.assert_array_equal(mask, np.ones_like(a))


def test_dropout_is_reproducible_and_does_not_modify_its_input():
    a = np.arange(20.0).reshape(4, 5)
    before = a.copy()
    out1, mask1 = dropout(a, 0.5, rng=42)
    out2, mask2 = dropout(a, 0.5, rng=42)
    np.testing.assert_array_equal(out1, out2)
    np.testing.assert_array_equal(mask1, mask2)
    np.testing.assert_array_equal(a, before)
    _, mask3 = dropout(np.ones((20, 20)), 0.5, rng=43)
    assert not np.array_equal(dropout(np.ones((20, 20)), 0.5, rng=42)[1], mask3)


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5, float("nan")])
def test_dropout_rejects_rate_outside_zero_one(rate):
    with pytest.raises(ValueError, match="rate"):
        dropout(np.ones((2, 2)), rate, rng=0)


# --- EarlyStopping ---------------------------------------------------------------------------


def test_early_stopping_stops_after_patience_epochs_without_improvement():
    stopper = EarlyStopping(patience=3)
    # best at epoch 1; epochs 2, 3, 4 do not improve -> stop at epoch 4
    assert [stopper.update(loss) for loss in [5.0, 4.0, 4.5, 4.2, 4.1]] == [
        False, False, False, False, True]
    assert stopper.stopped
    assert stopper.best_epoch == 1
    assert stopper.best_loss == 4.0


def test_early_stopping_counter_resets_on_improvement():
    stopper = EarlyStopping(patience=2)
    assert [stopper.update(loss) for loss in [5.0, 6.0, 4.0, 7.0, 8.0]] == [
        False, False, False, False, True]
    assert stopper.best_epoch == 2


def test_early_stopping_with_patience_one_stops_at_the_first_non_improvement():
    stopper = EarlyStopping(patience=1)
    assert [stopper.update(loss) for loss in [3.0, 2.0, 1.0, 1.5]] == [False, False, False, True]
    assert stopper.best_epoch == 2


def test_early_stopping_equal_loss_is_not_an_improvement():
    stopper = EarlyStopping(patience=2)
    assert [stopper.update(loss) for loss in [1.0, 1.0, 1.0]] == [False, False, True]
    assert stopper.best_epoch == 0


def test_early_stopping_keeps_a_copy_of_the_best_params():
    stopper = EarlyStopping(patience=5)
    params = [{"W": np.array([[1.0]]), "b": np.array([0.0])}]
    stopper.update(2.0, params)
    params[0]["W"][0, 0] = 99.0          # the caller changes its arrays in place...
    params[0]["b"] = np.array([5.0])
    assert stopper.best_params[0]["W"][0, 0] == 1.0  # ...the stored copy does not
    assert stopper.best_params[0]["b"][0] == 0.0
    assert stopper.best_params is not params

    stopper.update(3.0, [{"W": np.array([[7.0]]), "b": np.array([7.0])}])  # worse: not kept
    assert stopper.best_params[0]["W"][0, 0] == 1.0
    stopper.update(1.0, [{"W": np.array([[8.0]]), "b": np.array([8.0])}])  # better: kept
    assert stopper.best_params[0]["W"][0, 0] == 8.0
    assert stopper.best_epoch == 2


def test_early_stopping_min_delta():
    # improvements must beat the best by more than 0.1
    strict = EarlyStopping(patience=2, min_delta=0.1)
    assert [strict.update(loss) for loss in [1.0, 0.95, 0.92]] == [False, False, True]
    assert strict.best_epoch == 0
    assert strict.best_loss == 1.0

    lenient = EarlyStopping(patience=2)
    assert [lenient.update(loss) for loss in [1.0, 0.95, 0.92]] == [False, False, False]
    assert lenient.best_epoch == 2

    big_step = EarlyStopping(patience=2, min_delta=0.1)
    assert [big_step.update(loss) for loss in [1.0, 0.85, 0.8, 0.7]] == [False] * 4
    assert big_step.best_epoch == 3


def test_early_stopping_stays_stopped():
    stopper = EarlyStopping(patience=1)
    assert stopper.update(1.0, [{"W": np.array([1.0])}]) is False
    assert stopper.update(2.0) is True
    # a better loss after stopping changes nothing
    assert stopper.update(0.1, [{"W": np.array([9.0])}]) is True
    assert stopper.stopped
    assert stopper.best_epoch == 0
    assert stopper.best_loss == 1.0
    assert stopper.best_params[0]["W"][0] == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=30), st.integers(1, 5))
def test_early_stopping_matches_a_direct_count(losses, patience):
    # Independent reference: stop at the first epoch that is `patience` epochs after the best.
    stopper = EarlyStopping(patience=patience)
    decisions = [stopper.update(loss) for loss in losses]
    best, best_epoch, stop_at = np.inf, -1, None
    for epoch, loss in enumerate(losses):
        if loss < best:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            stop_at = epoch
            break
    expected = [stop_at is not None and epoch >= stop_at for epoch in range(len(losses))]
    assert decisions == expected
    assert stopper.best_epoch == best_epoch


@pytest.mark.parametrize("patience", [0, -1])
def test_early_stopping_rejects_non_positive_patience(patience):
    with pytest.raises(ValueError, match="patience"):
        EarlyStopping(patience=patience)


@pytest.mark.parametrize("patience", [0, 2.5, float("nan")])
def test_early_stopping_needs_an_integer_patience(patience):
    with pytest.raises(ValueError, match="patience must be a positive integer"):
        EarlyStopping(patience=patience)
