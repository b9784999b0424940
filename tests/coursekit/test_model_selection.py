"""Model selection: the train/validation split and early stopping replayed on a curve."""

import numpy as np
import pytest

from coursekit.model_selection import early_stopping_epoch, train_val_split
from coursekit.regularization import EarlyStopping


def _data(n=10):
    X = np.column_stack([np.arange(n, dtype=float), -np.arange(n, dtype=float)])
    return X, np.arange(n, dtype=float) * 10


def test_split_sizes_follow_round_of_the_fraction():
    X, y = _data(10)
    for fraction, n_val in ((0.2, 2), (0.25, 2), (0.3, 3), (0.5, 5), (0.75, 8)):
        X_train, y_train, X_val, y_val = train_val_split(X, y, fraction, rng=0)
        assert X_val.shape == (n_val, 2) and y_val.shape == (n_val,)
        assert X_train.shape == (10 - n_val, 2) and y_train.shape == (10 - n_val,)


def test_split_is_a_partition_with_rows_kept_paired():
    X, y = _data(25)
    X_train, y_train, X_val, y_val = train_val_split(X, y, 0.4, rng=3)
    rows = np.concatenate([X_train[:, 0], X_val[:, 0]])
    assert sorted(rows.tolist()) == list(range(25))
    np.testing.assert_array_equal(np.concatenate([y_train, y_val]), rows * 10)
    np.testing.assert_array_equal(np.concatenate([X_train[:, 1], X_val[:, 1]]), -rows)


def test_split_uses_the_first_indices_of_the_permutation_for_validation():
    X, y = _data(10)
    order = np.random.default_rng(7).permutation(10)
    X_train, _, X_val, _ = train_val_split(X, y, 0.3, rng=7)
    np.testing.assert_array_equal(X_val[:, 0], order[:3])
    np.testing.assert_array_equal(X_train[:, 0], order[3:])


def test_split_is_reproducible_accepts_a_generator_and_keeps_2d_targets():
    X, y = _data(12)
    a = train_val_split(X, y, 0.25, rng=5)
    b = train_val_split(X, y, 0.25, rng=np.random.default_rng(5))
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    out = train_val_split(X, np.column_stack([y, y]), 0.25, rng=5)
    assert out[1].shape == (9, 2) and out[3].shape == (3, 2)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 0.01, 0.99])
def test_split_rejects_fractions_that_leave_a_set_empty(fraction):
    X, y = _data(10)
    with pytest.raises(ValueError, match="val_fraction"):
        train_val_split(X, y, fraction, rng=0)


def test_split_rejects_mismatched_rows():
    X, y = _data(10)
    with pytest.raises(ValueError, match=r"y must have one row per sample of X \(10\)"):
        train_val_split(X, y[:9], 0.2)
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        train_val_split(y, y, 0.2)


def test_early_stopping_epoch_by_hand():
    assert early_stopping_epoch([3.0, 2.0, 2.5, 2.1, 1.0], patience=2) == (1, 3)
    assert early_stopping_epoch([3.0, 2.0, 1.0], patience=2) == (2, 2)
    assert early_stopping_epoch([1.0, 2.0, 3.0, 4.0], patience=1) == (0, 1)
    assert early_stopping_epoch([5.0], patience=3) == (0, 0)
    # a tie is no improvement
    assert early_stopping_epoch([2.0, 2.0, 2.0], patience=2) == (0, 2)


def test_early_stopping_epoch_min_delta():
    losses = [1.0, 0.95, 0.9, 0.85, 0.8]
    assert early_stopping_epoch(losses, patience=2) == (4, 4)
    assert early_stopping_epoch(losses, patience=2, min_delta=0.1) == (0, 2)


@pytest.mark.parametrize("seed", range(5))
def test_early_stopping_epoch_agrees_with_the_stopper_class(seed):
    losses = np.random.default_rng(seed).uniform(size=30)
    best, stop = early_stopping_epoch(losses, patience=4)
    stopper = EarlyStopping(patience=4)
    stopped_at = next((k for k, loss in enumerate(losses) if stopper.update(loss)), 29)
    assert (best, stop) == (stopper.best_epoch, stopped_at)
    assert losses[best] == losses[: stop + 1].min()


def test_early_stopping_epoch_rejects_bad_input():
    with pytest.raises(ValueError, match="at least one epoch"):
        early_stopping_epoch([])
    with pytest.raises(ValueError, match="patience"):
        early_stopping_epoch([1.0], patience=0)
    with pytest.raises(ValueError, match="val_losses must be a 1-D array"):
        early_stopping_epoch([[1.0, 2.0]])
