"""coursekit.descent (06_gradient_descent's references) and optim.minibatches."""

import warnings

import numpy as np
import pytest

from coursekit import descent, optim
from coursekit.datasets import curve_1d
from coursekit.gradcheck import numerical_gradient, relative_error
from coursekit.network import compute_loss, init_params, loss_and_gradients
from coursekit.slides import convexity_example, update_table

# --- example loss surfaces --------------------------------------------------------------------


@pytest.mark.parametrize("w", [-3.7, -2.0, 0.0, 0.4, 1.5, 3.9])
def test_loss_1d_gradient_matches_numerical(w):
    numeric = numerical_gradient(lambda v: float(descent.loss_1d(v[0])), np.array([w]))
    assert relative_error(numeric, np.array([descent.loss_1d_gradient(w)])) < 1e-7


def test_loss_1d_has_a_global_and_a_local_minimum():
    grid = np.linspace(-4, 4, 80001)
    values = descent.loss_1d(grid)
    is_min = (values[1:-1] < values[:-2]) & (values[1:-1] < values[2:])
    minima = grid[1:-1][is_min]
    np.testing.assert_allclose(minima, [-2.3732, 2.0675], atol=1e-3)
    assert descent.loss_1d(minima[0]) == pytest.approx(0.0580, abs=1e-4)
    assert descent.loss_1d(minima[1]) == pytest.approx(1.3966, abs=1e-4)
    np.testing.assert_allclose(descent.loss_1d_gradient(minima), 0.0, atol=1e-3)


def test_loss_2d_and_its_gradient():
    rng = np.random.default_rng(0)
    for point in rng.uniform(-3, 3, size=(5, 2)):
        numeric = numerical_gradient(lambda v: float(descent.loss_2d(v)), point.copy())
        assert relative_error(numeric, descent.loss_2d_gradient(point)) < 1e-7
    grid = rng.normal(size=(4, 3, 2))
    assert descent.loss_2d(grid).shape == (4, 3)
    assert descent.loss_2d_gradient(grid).shape == (4, 3, 2)
    assert descent.loss_2d([1.0, 0.0]) == pytest.approx(descent.loss_1d(1.0))
    with pytest.raises(ValueError, match=r"\(\.\.\., 2\)"):
        descent.loss_2d([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="shape"):
        descent.loss_2d_gradient(1.0)


# --- gradient_descent_step ------------------------------------------------------------------


def test_step_reproduces_madc_update_table():
    table = update_table()
    printed_gradients = np.array([-0.0508, -0.0762, -0.0693, -0.1040, -0.0594, -0.0648])
    new = descent.gradient_descent_step(table["w"], printed_gradients, table["eta"])
    expected = [table[f"w{k}"].as_slide for k in range(1, 7)]
    np.testing.assert_allclose(new, expected, rtol=1e-12)
    assert all(table[f"w{k}"].matches for k in range(1, 7))


def test_step_scalar_returns_float_and_leaves_inputs_alone():
    assert descent.gradient_descent_step(1.0, 2.0, 0.25) == 0.5
    assert isinstance(descent.gradient_descent_step(1, 2, 0.25), float)
    w = np.array([[1.0, 2.0], [3.0, 4.0]])
    out = descent.gradient_descent_step(w, np.ones((2, 2)), 0.5)
    np.testing.assert_array_equal(out, w - 0.5)
    np.testing.assert_array_equal(w, [[1.0, 2.0], [3.0, 4.0]])


@pytest.mark.parametrize("eta", [0.0, -0.1, "0.1", None])
def test_step_rejects_bad_learning_rate(eta):
    with pytest.raises(ValueError, match="eta"):
        descent.gradient_descent_step([1.0], [1.0], eta)


def test_step_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match=r"w and grad .*\(2,\).*\(3,\)"):
        descent.gradient_descent_step([1.0, 2.0], [1.0, 2.0, 3.0], 0.1)


# --- gradient_descent -----------------------------------------------------------------------


def test_trajectory_on_w_squared_is_geometric():
    path = descent.gradient_descent(lambda w: 2 * w, [8.0, -4.0], 0.25, 4)
    assert path.shape == (5, 2)
    np.testing.assert_allclose(path, [[8.0 * 0.5**k, -4.0 * 0.5**k] for k in range(5)])
    np.testing.assert_array_equal(descent.gradient_descent(lambda w: 2 * w, [3.0], 0.1, 0),
                                  [[3.0]])


@pytest.mark.parametrize(("eta", "behaviour"), [(0.05, "crawls"), (0.5, "one step"),
                                                (0.9, "oscillates"), (1.1, "diverges")])
def test_learning_rate_dilemma_on_w_squared(eta, behaviour):
    path = descent.gradient_descent(lambda w: 2 * w, [1.0], eta, 10)[:, 0]
    np.testing.assert_allclose(path, (1 - 2 * eta) ** np.arange(11))
    if behaviour == "crawls":
        assert path[-1] > 0.3
    elif behaviour == "one step":
        assert path[1] == 0.0
    elif behaviour == "oscillates":
        assert np.all(np.sign(path[1:]) != np.sign(path[:-1])) and abs(path[-1]) < 1
    else:
        assert abs(path[-1]) > 5


def test_diverging_path_overflows_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = descent.gradient_descent(descent.loss_1d_gradient, [3.5], 2.0, 40)
    assert not np.all(np.isfinite(path))


def test_gradient_descent_finds_each_minimum_of_loss_1d():
    left = descent.gradient_descent(descent.loss_1d_gradient, [-3.5], 0.3, 60)
    right = descent.gradient_descent(descent.loss_1d_gradient, [3.5], 0.3, 60)
    assert left[-1, 0] == pytest.approx(-2.37320, abs=1e-4)
    assert right[-1, 0] == pytest.approx(2.06748, abs=1e-4)


@pytest.mark.parametrize("steps", [-1, 2.5])
def test_gradient_descent_rejects_bad_steps(steps):
    with pytest.raises(ValueError, match="steps"):
        descent.gradient_descent(lambda w: w, [1.0], 0.1, steps)


# --- momentum_step --------------------------------------------------------------------------


def test_momentum_step_by_hand_and_beta_zero_is_gradient_descent():
    assert descent.momentum_step(1.0, 0.5, 2.0, 0.1, 0.9) == pytest.approx((1.25, 0.25))
    w, v = descent.momentum_step(np.array([1.0, -1.0]), np.zeros(2), np.array([2.0, 4.0]), 0.5,
                                 0.0)
    np.testing.assert_allclose(w, descent.gradient_descent_step([1.0, -1.0], [2.0, 4.0], 0.5))
    np.testing.assert_allclose(v, [-1.0, -2.0])


def test_momentum_steps_follow_optim_momentum():
    w, v = np.array([3.2, 1.5]), np.zeros(2)
    path = [w]
    for _ in range(20):
        w, v = descent.momentum_step(w, v, descent.loss_2d_gradient(w), 0.05, 0.8)
        path.append(w)
    expected = optim.descend(descent.loss_2d_gradient, [3.2, 1.5], optim.Momentum(0.05, 0.8), 20)
    np.testing.assert_allclose(path, expected, rtol=1e-12)


@pytest.mark.parametrize(("args", "match"), [
    ((1.0, 0.0, 1.0, 0.1, 1.0), "beta"), ((1.0, 0.0, 1.0, 0.1, -0.1), "beta"),
    ((1.0, 0.0, 1.0, 0.0, 0.9), "eta"), (([1.0, 2.0], [0.0], [1.0, 2.0], 0.1, 0.9), "velocity"),
])
def test_momentum_step_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        descent.momentum_step(*args)


# --- minibatches and sgd_train ---------------------------------------------------------------


def test_minibatches_is_the_list_of_iterate_minibatches():
    X, y = np.arange(14.0).reshape(7, 2), np.arange(7.0)
    listed = optim.minibatches(X, y, 3, rng=4)
    iterated = list(optim.iterate_minibatches(X, y, 3, rng=4))
    assert [xb.shape[0] for xb, _ in listed] == [3, 3, 1]
    for (xa, ya), (xb, yb) in zip(listed, iterated, strict=True):
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    order = np.random.default_rng(4).permutation(7)
    np.testing.assert_array_equal(np.concatenate([b for _, b in listed]), order)
    in_order = optim.minibatches(X, y, 5, shuffle=False)
    np.testing.assert_array_equal(in_order[0][1], [0, 1, 2, 3, 4])
    with pytest.raises(ValueError, match="same number of samples"):
        optim.minibatches(X, y[:3], 2)


def _curve_problem():
    X, y = curve_1d(12, rng=1)
    return X, y[:, None], init_params([1, 5, 1], rng=3), ["sigmoid", "identity"]


def test_sgd_train_equals_a_manual_loop():
    X, y, params, activations = _curve_problem()
    trained, losses = descent.sgd_train(X, y, params, activations, "mse", 0.4, 3, 5, rng=7)
    rng, manual, expected_losses = np.random.default_rng(7), params, []
    for _ in range(3):
        for xb, yb in optim.minibatches(X, y, 5, rng=rng):
            _, grads = loss_and_gradients(xb, yb, manual, activations, "mse")
            manual = [{k: p[k] - 0.4 * g[k] for k in p} for p, g in zip(manual, grads)]
        expected_losses.append(compute_loss(X, y, manual, activations, "mse"))
    for got, want in zip(trained, manual, strict=True):
        np.testing.assert_allclose(got["W"], want["W"], rtol=1e-12)
        np.testing.assert_allclose(got["b"], want["b"], rtol=1e-12)
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-12)


def test_sgd_train_full_batch_is_gradient_descent_and_learns():
    X, y, params, activations = _curve_problem()
    before = [{k: v.copy() for k, v in p.items()} for p in params]
    trained, losses = descent.sgd_train(X, y, params, activations, "mse", 0.3, 40, len(X), rng=0)
    assert len(losses) == 40 and losses[-1] < compute_loss(X, y, params, activations, "mse")
    _, grads = loss_and_gradients(X, y, params, activations, "mse")
    one, _ = descent.sgd_train(X, y, params, activations, "mse", 0.3, 1, 100, rng=5)
    np.testing.assert_allclose(one[0]["W"], params[0]["W"] - 0.3 * grads[0]["W"], rtol=1e-12)
    for p, b in zip(params, before):  # inputs untouched
        np.testing.assert_array_equal(p["W"], b["W"])


@pytest.mark.parametrize(("kwargs", "match"), [({"batch_size": 0}, "batch_size"),
                                               ({"epochs": 0}, "epochs"), ({"eta": -1.0}, "eta")])
def test_sgd_train_rejects_bad_arguments(kwargs, match):
    X, y, params, activations = _curve_problem()
    args = {"eta": 0.1, "epochs": 1, "batch_size": 4} | kwargs
    with pytest.raises(ValueError, match=match):
        descent.sgd_train(X, y, params, activations, "mse", args["eta"], args["epochs"],
                          args["batch_size"])


# --- is_convex_on_samples -------------------------------------------------------------------


def test_convexity_reproduces_madc_example():
    example = convexity_example()
    assert example["lhs"].exact == 2.25 and example["rhs"].exact == 2.5
    assert descent.is_convex_on_samples(lambda x: x**2, [1.0, 2.0], [0.5])


POINTS = np.linspace(-3, 3, 13)


@pytest.mark.parametrize(("f", "convex"), [
    (lambda x: x**2, True), (np.abs, True), (np.exp, True), (lambda x: 3 * x - 1, True),
    (lambda x: np.maximum(x, 0.0), True), (lambda x: 0.0 * x + 2.0, True),
    (lambda x: -(x**2), False), (np.sin, False), (descent.loss_1d, False),
    (lambda x: x**3, False),
])
def test_convexity_on_samples(f, convex):
    assert descent.is_convex_on_samples(f, POINTS) is convex


def test_convexity_depends_on_the_samples_and_tolerance():
    # x³ is convex on x >= 0: samples there find no violation
    assert descent.is_convex_on_samples(lambda x: x**3, np.linspace(0, 2, 9))
    # a line with rounding errors passes only thanks to the tolerance
    line = lambda x: 0.1 * x + 0.7  # noqa: E731
    assert descent.is_convex_on_samples(line, [0.1, 0.7, 0.3], np.linspace(0, 1, 7))
    def bumped(x):  # x² with its value at 0.5 raised 1e-10 above the chord from 0 to 1
        return np.where(x == 0.5, 0.5 + 1e-10, x**2)

    assert descent.is_convex_on_samples(bumped, [0.0, 1.0], [0.5])
    assert not descent.is_convex_on_samples(bumped, [0.0, 1.0], [0.5], tol=0.0)


def test_convexity_rejects_bad_t_and_points():
    with pytest.raises(ValueError, match=r"t must lie in \[0, 1\]"):
        descent.is_convex_on_samples(np.abs, [1.0, 2.0], [1.5])
    with pytest.raises(ValueError, match="points"):
        descent.is_convex_on_samples(np.abs, [[1.0, 2.0]])
