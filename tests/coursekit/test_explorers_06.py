"""Explorers of 06_gradient_descent, headless: the learning-rate explorer, the optimizer paths
and live training.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""


import numpy as np
import pytest
from explorer_checks import change, content_fraction

from coursekit import descent, optim
from coursekit.datasets import curve_1d
from coursekit.explorers.live_training import live_training
from coursekit.explorers.lr_explorer import describe_path, lr_explorer
from coursekit.explorers.optimizer_paths import optimizer_paths, optimizer_paths_data
from coursekit.network import forward, init_params

# --- lr_explorer ------------------------------------------------------------------------------


def test_lr_explorer_starts_with_the_reference_path():
    explorer = lr_explorer()
    assert explorer.values == {"eta": 0.1, "steps": 20, "start": 3.5}
    expected = descent.gradient_descent(descent.loss_1d_gradient, [3.5], 0.1, 20)[:, 0]
    np.testing.assert_allclose(explorer.state["path"], expected)
    x, y = explorer.artists["path"].get_data()
    np.testing.assert_allclose(x, expected)
    np.testing.assert_allclose(y, descent.loss_1d(expected))
    assert "w(20) = 2.086" in explorer.readout.value and "still moving" in explorer.readout.value
    assert content_fraction(explorer) > 0.05


@pytest.mark.parametrize(("name", "value"), [("eta", 0.3), ("steps", 40), ("start", -3.0)])
def test_lr_explorer_every_control_moves_path_readout_and_picture(name, value):
    explorer = lr_explorer()
    path0 = explorer.artists["path"].get_data()[0].copy()
    (text0, png0), (text1, png1) = change(explorer, name, value)
    assert text1 != text0 and png1 != png0
    args = explorer.values
    expected = descent.gradient_descent(descent.loss_1d_gradient, [args["start"]], args["eta"],
                                        args["steps"])[:, 0]
    path1 = explorer.artists["path"].get_data()[0]
    assert not np.array_equal(path0, path1)
    np.testing.assert_allclose(path1, expected)
    _, history = explorer.artists["history"].get_data()
    np.testing.assert_allclose(history, np.clip(descent.loss_1d(expected), 0, 5))


@pytest.mark.parametrize(("eta", "start", "verdict"), [
    (0.3, -3.5, "converged to the global minimum"), (0.3, 3.5, "converged to a local minimum"),
    (0.9, -3.5, "converged to a local minimum"), (1.3, 3.5, "oscillating"),
    (2.0, 3.5, "diverged at step"), (0.01, 3.5, "still moving")])
def test_lr_explorer_tells_the_learning_rate_dilemma(eta, start, verdict):
    explorer = lr_explorer(eta=eta, steps=40 if eta < 1.3 else 20, start=start)
    assert verdict in explorer.readout.value


def test_lr_explorer_uses_the_given_functions():
    calls = []

    def my_descent(gradient, w0, eta, steps):
        calls.append((float(np.asarray(w0)[0]), eta, steps))
        return descent.gradient_descent(gradient, w0, eta, steps)

    explorer = lr_explorer(loss=lambda w: np.asarray(w) ** 2, gradient=lambda w: 2 * w,
                           gradient_descent=my_descent, eta=0.25, steps=3, start=2.0)
    assert calls == [(2.0, 0.25, 3)]
    np.testing.assert_allclose(explorer.state["path"], [2.0, 1.0, 0.5, 0.25])
    assert "converged" not in explorer.readout.value
    explorer.controls["steps"].value = 60
    assert "converged to the global minimum" in explorer.readout.value


def test_describe_path_cases():
    square = lambda w: np.asarray(w) ** 2  # noqa: E731
    assert describe_path(np.array([[1.0]]), square) == "not started (0 steps)"
    assert describe_path(np.array([[1.0], [-0.9], [0.8], [-0.7]]), square) == "oscillating"
    assert describe_path(np.array([[1.0], [2e3]]), square) == "diverged at step 1"


# --- optimizer_paths --------------------------------------------------------------------------


def test_optimizer_paths_data_is_right():
    noise = np.random.default_rng(0).normal(size=(10, 2))
    paths = optimizer_paths_data(0.1, 10, [3.2, 1.5], noise=noise)
    grad = descent.loss_2d_gradient
    np.testing.assert_allclose(paths["GD"], descent.gradient_descent(grad, [3.2, 1.5], 0.1, 10))
    np.testing.assert_allclose(paths["momentum"],
                               optim.descend(grad, [3.2, 1.5], optim.Momentum(0.1, 0.9), 10))
    np.testing.assert_allclose(paths["Adam"],
                               optim.descend(grad, [3.2, 1.5], optim.Adam(0.1), 10))
    w = np.array([3.2, 1.5])
    for k in range(10):  # SGD: the gradient plus the k-th noise draw
        w = w - 0.1 * (grad(w) + noise[k])
        np.testing.assert_allclose(paths["SGD"][k + 1], w)


def test_optimizer_paths_default_story_and_controls():
    explorer = optimizer_paths()
    assert explorer.values == {"eta": 0.1, "steps": 60}
    text = explorer.readout.value
    assert "<b>GD</b></td><td>(2.07, " in text and "at the local minimum" in text
    assert "<b>momentum</b></td><td>(-2.49" in text and "at the global minimum" in text
    assert content_fraction(explorer) > 0.3
    for name, value in (("eta", 0.2), ("steps", 30)):
        lines = {k: line.get_data()[0].copy() for k, line in explorer.artists.items()}
        (text0, png0), (text1, png1) = change(explorer, name, value)
        assert text1 != text0 and png1 != png0
        for k, line in explorer.artists.items():
            assert not np.array_equal(lines[k], line.get_data()[0])
            np.testing.assert_allclose(np.column_stack(line.get_data()),
                                       explorer.state["paths"][k])
    assert explorer.state["paths"]["GD"].shape == (31, 2)
    explorer.controls["eta"].value = 0.45  # GD across the ravine: 1 - 5η = -1.25 per step
    explorer.controls["steps"].value = 60
    assert "diverged" in explorer.readout.value


def test_optimizer_paths_uses_the_given_functions():
    used = {"gd": 0, "momentum": 0}

    def my_descent(gradient, w0, eta, steps):
        used["gd"] += 1
        return descent.gradient_descent(gradient, w0, eta, steps)

    def my_momentum(w, velocity, grad, eta, beta):
        used["momentum"] += 1
        return descent.momentum_step(w, velocity, grad, eta, beta)

    optimizer_paths(gradient_descent=my_descent, momentum_step=my_momentum, steps=7)
    assert used == {"gd": 2, "momentum": 7}  # GD and SGD; one momentum step per step


# --- live_training ----------------------------------------------------------------------------


def test_live_training_matches_sgd_train_and_draws_the_fit():
    explorer = live_training(epochs=12)
    X, y = curve_1d(24, rng=6)
    params0 = init_params([1, 5, 1], rng=2)
    trained, losses = descent.sgd_train(X, y[:, None], params0, ["sigmoid", "identity"], "mse",
                                        0.3, 12, 6, rng=2)
    np.testing.assert_allclose(explorer.state["losses"], losses, rtol=1e-10)
    x_line, y_fit = explorer.artists["fit"].get_data()
    np.testing.assert_allclose(y_fit, forward(x_line[:, None], trained,
                                              ["sigmoid", "identity"])[0][:, 0], rtol=1e-10)
    assert "4 updates per epoch; 12 epochs = 48 updates" in explorer.readout.value
    assert content_fraction(explorer) > 0.05


@pytest.mark.parametrize(("name", "value"), [("eta", 0.5), ("batch_size", 24), ("epochs", 30)])
def test_live_training_every_control_retrains_and_redraws(name, value):
    explorer = live_training(epochs=10)
    fit0 = explorer.artists["fit"].get_data()[1].copy()
    (text0, png0), (text1, png1) = change(explorer, name, value)
    assert text1 != text0 and png1 != png0
    assert not np.array_equal(fit0, explorer.artists["fit"].get_data()[1])
    assert len(explorer.artists["loss"].get_data()[0]) == explorer.values["epochs"]


def test_live_training_cache_continues_like_one_long_run():
    explorer = live_training(epochs=5)
    explorer.controls["epochs"].value = 15
    X, y = curve_1d(24, rng=6)
    _, losses = descent.sgd_train(X, y, init_params([1, 5, 1], rng=2), ["sigmoid", "identity"],
                                  "mse", 0.3, 15, 6, rng=2)
    np.testing.assert_allclose(explorer.state["losses"], losses, rtol=1e-10)
    explorer.controls["epochs"].value = 3  # back: served from the cache
    np.testing.assert_allclose(explorer.state["losses"], losses[:3], rtol=1e-10)


def test_live_training_high_learning_rate_diverges_and_student_train_is_used():
    calls = []

    def my_train(X, y, params, activations, loss, eta, epochs, batch_size, rng=None):
        calls.append((eta, epochs, batch_size))
        return descent.sgd_train(X, y, params, activations, loss, eta, epochs, batch_size, rng)

    explorer = live_training(train=my_train, eta=1.5, batch_size=1, epochs=30)
    assert calls[0] == (1.5, 1, 1)
    assert "diverged" in explorer.readout.value
    with pytest.raises(ValueError, match="shape"):
        live_training(X=np.zeros((5, 2)), y=np.zeros(5))
