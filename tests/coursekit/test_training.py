"""The training loop: loss goes down, History, validation, early stopping, L2, dropout, errors."""

import copy

import numpy as np
import pytest

from coursekit.datasets import moons, noisy_regression, xor
from coursekit.network import compute_loss, init_params, loss_and_gradients
from coursekit.optim import SGD, Adam
from coursekit.regularization import EarlyStopping, l2_gradient, l2_penalty
from coursekit.training import History, train

ACTIVATIONS = ["tanh", "sigmoid"]


def _moons_problem(seed=1, hidden=8):
    X, y = moons(60, noise=0.1, rng=0)
    return X, y, init_params([2, hidden, 1], rng=seed)


def _weight_norm(params):
    return sum(float(np.sum(p["W"] ** 2)) for p in params)


def _assert_params_equal(a, b, **tolerance):
    assert len(a) == len(b)
    for layer_a, layer_b in zip(a, b):
        assert layer_a.keys() == layer_b.keys()
        for key in layer_a:
            if tolerance:
                np.testing.assert_allclose(layer_a[key], layer_b[key], **tolerance)
            else:
                np.testing.assert_array_equal(layer_a[key], layer_b[key])


def test_train_lowers_the_training_loss_on_moons():
    X, y, params = _moons_problem()
    start = compute_loss(X, y, params, ACTIVATIONS, "bce")
    trained, history = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.5),
                             epochs=60, batch_size=16, rng=0)
    end = compute_loss(X, y, trained, ACTIVATIONS, "bce")
    assert end < 0.7 * start
    assert history.loss[-1] == pytest.approx(end)
    assert history.loss[-1] < history.loss[0]


def test_train_lowers_the_loss_on_xor_with_adam():
    X, y = xor()
    params = init_params([2, 8, 1], rng=0)
    start = compute_loss(X, y, params, ACTIVATIONS, "bce")
    trained, _ = train(X, y, params, ACTIVATIONS, "bce", optimizer=Adam(lr=0.05), epochs=300,
                       rng=0)
    assert compute_loss(X, y, trained, ACTIVATIONS, "bce") < 0.2 * start


def test_train_does_not_modify_the_initial_params():
    X, y, params = _moons_problem()
    before = copy.deepcopy(params)
    train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.5), epochs=3, batch_size=10,
          rng=0)
    _assert_params_equal(params, before)


@pytest.mark.parametrize("with_validation", [False, True])
def test_history_has_one_entry_per_epoch(with_validation):
    X, y, params = _moons_problem()
    validation = moons(30, noise=0.1, rng=5) if with_validation else None
    _, history = train(X, y, params, ACTIVATIONS, "bce", epochs=7, batch_size=20,
                       validation_data=validation, rng=0)
    assert isinstance(history, History)
    assert history.epochs == 7
    assert len(history.loss) == len(history.penalty) == 7
    assert len(history.val_loss) == (7 if with_validation else 0)
    assert history.best_epoch is None
    assert all(np.isfinite(history.loss))


def test_validation_loss_is_recorded_on_the_validation_set():
    X, y, params = _moons_problem()
    X_val, y_val = moons(30, noise=0.1, rng=5)
    trained, history = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.5), epochs=5,
                             batch_size=20, validation_data=(X_val, y_val), rng=0)
    assert history.val_loss[-1] == pytest.approx(
        compute_loss(X_val, y_val, trained, ACTIVATIONS, "bce"))
    assert history.val_loss[-1] != pytest.approx(history.loss[-1])


def test_early_stopping_stops_early_and_returns_the_best_params():
    # Validation targets are the negated training targets, so fitting the training data makes the
    # validation loss grow after a short while: early stopping must trigger well before 200 epochs.
    X, y = noisy_regression(20, noise=0.1, rng=0)
    params = init_params([1, 10, 1], rng=0)
    activations = ["tanh", "identity"]
    stopper = EarlyStopping(patience=4)
    trained, history = train(X, y, params, activations, "mse", optimizer=Adam(lr=0.05),
                             epochs=200, batch_size=5, validation_data=(X, -y),
                             early_stopping=stopper, rng=0)
    assert stopper.stopped
    assert history.epochs < 200
    assert history.best_epoch == stopper.best_epoch
    assert history.epochs == history.best_epoch + 1 + 4
    assert len(history.val_loss) == history.epochs
    best = int(np.argmin(history.val_loss))
    assert history.best_epoch == best
    # the returned parameters are those of the best epoch, not the last one
    assert compute_loss(X, -y, trained, activations, "mse") == pytest.approx(history.val_loss[best])
    assert compute_loss(X, y, trained, activations, "mse") == pytest.approx(history.loss[best])
    assert history.val_loss[-1] > history.val_loss[best]


def test_l2_gives_smaller_weights_with_the_same_seed():
    X, y, params = _moons_problem(hidden=16)
    options = dict(optimizer=SGD(lr=0.5), epochs=80, batch_size=20, rng=3)
    plain, plain_history = train(X, y, params, ACTIVATIONS, "bce", **options)
    options["optimizer"] = SGD(lr=0.5)
    shrunk, shrunk_history = train(X, y, params, ACTIVATIONS, "bce", lambda_=1.0, **options)
    assert _weight_norm(shrunk) < 0.9 * _weight_norm(plain)
    assert plain_history.penalty == [0.0] * 80
    assert shrunk_history.penalty[-1] == pytest.approx(l2_penalty(shrunk, 1.0, 60))


def test_l2_full_batch_equals_a_manual_loop_with_the_penalty_gradient():
    # m in lambda/(2m) is the training-set size.
    X, y, params = _moons_problem()
    lr, lambda_ = 0.3, 2.0
    manual = copy.deepcopy(params)
    for _ in range(4):
        _, grads = loss_and_gradients(X, y, manual, ACTIVATIONS, "bce")
        penalty = l2_gradient(manual, lambda_, X.shape[0])
        manual = [{k: p[k] - lr * (g[k] + pg[k]) for k in p}
                  for p, g, pg in zip(manual, grads, penalty)]
    trained, _ = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=lr), epochs=4,
                       batch_size=None, lambda_=lambda_, shuffle=False)
    _assert_params_equal(trained, manual, rtol=1e-12, atol=1e-15)


def test_dropout_training_runs_and_is_reproducible():
    X, y, params = _moons_problem(hidden=16)
    options = dict(optimizer=SGD(lr=0.5), epochs=30, batch_size=20, dropout=0.3)
    a, history_a = train(X, y, params, ACTIVATIONS, "bce", rng=7, **options)
    options["optimizer"] = SGD(lr=0.5)
    b, history_b = train(X, y, params, ACTIVATIONS, "bce", rng=7, **options)
    options["optimizer"] = SGD(lr=0.5)
    c, _ = train(X, y, params, ACTIVATIONS, "bce", rng=8, **options)
    _assert_params_equal(a, b)
    assert history_a.loss == history_b.loss
    assert all(np.isfinite(history_a.loss))
    assert history_a.loss[-1] < compute_loss(X, y, params, ACTIVATIONS, "bce")
    assert not np.array_equal(a[0]["W"], c[0]["W"])


def test_dropout_changes_the_updates():
    X, y, params = _moons_problem(hidden=16)
    plain, _ = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.5), epochs=3,
                     batch_size=20, rng=7)
    dropped, _ = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.5), epochs=3,
                       batch_size=20, rng=7, dropout=0.5)
    assert not np.allclose(plain[0]["W"], dropped[0]["W"])


def _manual_full_batch(X, y, params, lr, epochs, activations, loss):
    manual, losses = copy.deepcopy(params), []
    for _ in range(epochs):
        _, grads = loss_and_gradients(X, y, manual, activations, loss)
        manual = [{"W": p["W"] - lr * g["W"], "b": p["b"] - lr * g["b"]}
                  for p, g in zip(manual, grads)]
        losses.append(compute_loss(X, y, manual, activations, loss))
    return manual, losses


def test_full_batch_sgd_equals_a_manual_loop():
    X, y, params = _moons_problem()
    manual, manual_losses = _manual_full_batch(X, y, params, 0.4, 5, ACTIVATIONS, "bce")
    trained, history = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=0.4), epochs=5,
                             batch_size=None, shuffle=False)
    _assert_params_equal(trained, manual)
    assert history.loss == manual_losses


def test_full_batch_sgd_with_shuffling_equals_a_manual_loop_up_to_rounding():
    # The whole set in one batch: shuffling only reorders the sum in the gradient.
    X, y = xor()
    params = init_params([2, 3, 1], rng=4)
    activations = ["sigmoid", "identity"]
    manual, manual_losses = _manual_full_batch(X, y, params, 0.2, 6, activations, "mse")
    trained, history = train(X, y, params, activations, "mse", optimizer=SGD(lr=0.2), epochs=6,
                             rng=0)
    _assert_params_equal(trained, manual, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(history.loss, manual_losses, rtol=1e-10)


def test_minibatch_sgd_without_shuffling_equals_a_manual_loop_over_batches():
    X, y, params = _moons_problem()
    lr, batch_size = 0.3, 25  # batches of rows 0-24, 25-49 and 50-59
    manual = copy.deepcopy(params)
    for _ in range(3):
        for start in range(0, X.shape[0], batch_size):
            rows = slice(start, start + batch_size)
            _, grads = loss_and_gradients(X[rows], y[rows], manual, ACTIVATIONS, "bce")
            manual = [{k: p[k] - lr * g[k] for k in p} for p, g in zip(manual, grads)]
    trained, _ = train(X, y, params, ACTIVATIONS, "bce", optimizer=SGD(lr=lr), epochs=3,
                       batch_size=batch_size, shuffle=False)
    _assert_params_equal(trained, manual)


def test_optimizer_by_name_is_accepted():
    X, y, params = _moons_problem()
    _, history = train(X, y, params, ACTIVATIONS, "bce", optimizer="adam", epochs=3, rng=0)
    assert history.epochs == 3


@pytest.mark.parametrize("epochs", [0, -3])
def test_train_rejects_non_positive_epochs(epochs):
    X, y, params = _moons_problem()
    with pytest.raises(ValueError, match="epochs"):
        train(X, y, params, ACTIVATIONS, "bce", epochs=epochs)


def test_train_rejects_early_stopping_without_validation_data():
    X, y, params = _moons_problem()
    with pytest.raises(ValueError, match="validation_data"):
        train(X, y, params, ACTIVATIONS, "bce", epochs=5, early_stopping=EarlyStopping())


def test_train_rejects_unknown_optimizer_and_loss_names():
    X, y, params = _moons_problem()
    with pytest.raises(ValueError, match="sgd"):
        train(X, y, params, ACTIVATIONS, "bce", optimizer="adagrad", epochs=1)
    with pytest.raises(ValueError, match="bce"):
        train(X, y, params, ACTIVATIONS, "log_loss", epochs=1)
