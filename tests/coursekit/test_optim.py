"""Optimizers (SGD, Momentum, Adam), optimizer lookup, mini-batches and ``descend``."""

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.optim import (
    SGD,
    Adam,
    Momentum,
    descend,
    get_optimizer,
    iterate_minibatches,
    iterations_per_epoch,
)

# f(theta) = 1/2 theta^T A theta - b^T theta, A symmetric positive definite.
# A^-1 = 1/5 [[2, -1], [-1, 3]], so the minimiser is A^-1 b = [3, -4] / 5 and f* = -b.A^-1 b / 2.
A = np.array([[3.0, 1.0], [1.0, 2.0]])
B = np.array([1.0, -1.0])
THETA_STAR = np.array([0.6, -0.8])
F_STAR = -0.7


def quadratic(theta):
    return 0.5 * theta @ A @ theta - B @ theta


def quadratic_gradient(theta):
    return A @ theta - B


def test_known_minimiser_is_consistent():
    np.testing.assert_allclose(np.linalg.solve(A, B), THETA_STAR)
    assert quadratic(THETA_STAR) == pytest.approx(F_STAR)


@pytest.mark.parametrize(
    "make_optimizer",
    [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.05, beta=0.9), lambda: Adam(lr=0.05)],
    ids=["SGD", "Momentum", "Adam"],
)
def test_optimizer_minimises_a_convex_quadratic(make_optimizer):
    optimizer = make_optimizer()
    params = [{"theta": np.array([2.0, 2.0])}]
    start_loss = quadratic(params[0]["theta"])
    start_distance = np.linalg.norm(params[0]["theta"] - THETA_STAR)
    losses = [start_loss]
    for _ in range(200):
        params = optimizer.step(params, [{"theta": quadratic_gradient(params[0]["theta"])}])
        losses.append(quadratic(params[0]["theta"]))
    theta = params[0]["theta"]
    assert losses[-1] < start_loss
    assert losses[-1] == pytest.approx(F_STAR, abs=1e-3)
    assert np.linalg.norm(theta - THETA_STAR) < 0.05 * start_distance
    assert min(losses) >= F_STAR - 1e-12  # never below the true minimum


def test_sgd_loss_decreases_monotonically_on_the_quadratic():
    # lr = 0.1 < 2 / lambda_max(A) (about 0.55): every plain gradient step lowers f.
    optimizer, theta = SGD(lr=0.1), np.array([2.0, 2.0])
    previous = quadratic(theta)
    for _ in range(50):
        theta = optimizer.step([{"t": theta}], [{"t": quadratic_gradient(theta)}])[0]["t"]
        assert quadratic(theta) < previous
        previous = quadratic(theta)


def test_sgd_step_is_theta_minus_lr_times_grad():
    params = [{"W": np.array([[1.0, 2.0]]), "b": np.array([0.5])}]
    grads = [{"W": np.array([[4.0, -2.0]]), "b": np.array([1.0])}]
    new = SGD(lr=0.25).step(params, grads)
    np.testing.assert_allclose(new[0]["W"], [[0.0, 2.5]])
    np.testing.assert_allclose(new[0]["b"], [0.25])


@pytest.mark.parametrize("optimizer_class", [SGD, Momentum, Adam])
def test_step_does_not_modify_its_inputs(optimizer_class):
    params = [{"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, 0.2])},
              {"W": np.array([[1.0], [2.0]]), "b": np.array([-1.0])}]
    grads = [{"W": np.array([[0.3, 0.1], [-0.2, 0.4]]), "b": np.array([1.0, -1.0])},
             {"W": np.array([[0.5], [-0.5]]), "b": np.array([2.0])}]
    params_before, grads_before = copy.deepcopy(params), copy.deepcopy(grads)
    optimizer = optimizer_class(lr=0.1)
    for _ in range(2):
        new = optimizer.step(params, grads)
    for layer, before in zip(params, params_before):
        for key in layer:
            np.testing.assert_array_equal(layer[key], before[key])
    for layer, before in zip(grads, grads_before):
        for key in layer:
            np.testing.assert_array_equal(layer[key], before[key])
    for layer_new, layer_old in zip(new, params):
        for key in layer_old:
            assert not np.shares_memory(layer_new[key], layer_old[key])
            assert not np.array_equal(layer_new[key], layer_old[key])


def test_momentum_first_two_steps_by_hand():
    # v1 = -0.1 g1 = [-0.2, -0.4]; theta1 = theta0 + v1 = [0.8, -2.4]
    # v2 = 0.9 v1 - 0.1 g2 = [-0.18 + 0.1, -0.36 - 0.05] = [-0.08, -0.41]; theta2 = [0.72, -2.81]
    optimizer = Momentum(lr=0.1, beta=0.9)
    theta0 = [{"w": np.array([1.0, -2.0])}]
    theta1 = optimizer.step(theta0, [{"w": np.array([2.0, 4.0])}])
    np.testing.assert_allclose(theta1[0]["w"], [0.8, -2.4])
    theta2 = optimizer.step(theta1, [{"w": np.array([-1.0, 0.5])}])
    np.testing.assert_allclose(theta2[0]["w"], [0.72, -2.81])


def test_momentum_with_beta_zero_is_sgd():
    momentum, sgd = Momentum(lr=0.2, beta=0.0), SGD(lr=0.2)
    a = b = [{"w": np.array([3.0, -1.0])}]
    for _ in range(5):
        a = momentum.step(a, [{"w": quadratic_gradient(a[0]["w"])}])
        b = sgd.step(b, [{"w": quadratic_gradient(b[0]["w"])}])
    np.testing.assert_allclose(a[0]["w"], b[0]["w"], rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3), min_size=1, max_size=5),
       st.floats(1e-4, 1.0))
def test_adam_first_step_has_magnitude_lr_per_coordinate(grad, lr):
    # Bias correction: m_hat = g and s_hat = g^2 after one step, so the step is lr * g / |g|.
    g = np.array(grad)
    theta = np.linspace(-1.0, 1.0, g.size)
    new = Adam(lr=lr).step([{"w": theta}], [{"w": g}])[0]["w"]
    np.testing.assert_allclose(new - theta, -lr * np.sign(g), rtol=1e-4, atol=1e-12)


def test_adam_keeps_step_lr_under_a_constant_gradient():
    optimizer = Adam(lr=0.01)
    params = [{"w": np.array([0.0, 0.0])}]
    for _ in range(5):
        new = optimizer.step(params, [{"w": np.array([0.3, -20.0])}])
        np.testing.assert_allclose(new[0]["w"] - params[0]["w"], [-0.01, 0.01], rtol=1e-5)
        params = new


@pytest.mark.parametrize("optimizer_class", [SGD, Momentum, Adam])
def test_mismatched_grads_raise(optimizer_class):
    params = [{"W": np.zeros((2, 3)), "b": np.zeros(3)}]
    bad_grads = [
        [{"W": np.zeros((3, 2)), "b": np.zeros(3)}],                         # wrong shape
        [{"W": np.zeros((2, 3))}],                                           # missing key
        [{"W": np.zeros((2, 3)), "b": np.zeros(3)}, {"W": np.zeros((3, 1)),
                                                       "b": np.zeros(1)}],  # extra layer
        [],                                                                  # no layers
    ]
    for grads in bad_grads:
        with pytest.raises(ValueError, match="grads"):
            optimizer_class(lr=0.1).step(params, grads)


@pytest.mark.parametrize("optimizer_class", [SGD, Momentum, Adam])
@pytest.mark.parametrize("lr", [0.0, -0.1])
def test_non_positive_lr_raises(optimizer_class, lr):
    with pytest.raises(ValueError, match=r"\blr\b"):
        optimizer_class(lr=lr)


# --- get_optimizer ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "cls"), [("sgd", SGD), ("momentum", Momentum), ("adam", Adam)])
def test_get_optimizer_by_name_uses_default_lr(name, cls):
    optimizer = get_optimizer(name)
    assert isinstance(optimizer, cls)
    assert optimizer.lr == cls().lr
    assert get_optimizer(name) is not optimizer  # a fresh object: no shared moments


def test_default_learning_rates_are_keras_defaults():
    assert SGD().lr == 0.01
    assert Adam().lr == 0.001


def test_get_optimizer_returns_an_object_unchanged():
    adam = Adam(lr=0.05)
    assert get_optimizer(adam) is adam


def test_get_optimizer_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="rmsprop") as info:
        get_optimizer("rmsprop")
    for valid in ("sgd", "momentum", "adam"):
        assert valid in str(info.value)


# --- iterations_per_epoch and iterate_minibatches --------------------------------------------


@pytest.mark.parametrize(("n", "batch", "expected"),
                         [(1000, 100, 10), (1001, 100, 11), (999, 100, 10), (5, 2, 3),
                          (3, 10, 1), (7, 1, 7)])
def test_iterations_per_epoch(n, batch, expected):
    assert iterations_per_epoch(n, batch) == expected


@given(st.integers(1, 10_000), st.integers(1, 500))
def test_iterations_per_epoch_is_the_ceiling(n, batch):
    k = iterations_per_epoch(n, batch)
    assert (k - 1) * batch < n <= k * batch


@pytest.mark.parametrize(("n", "batch"), [(0, 10), (10, 0), (-1, 5)])
def test_iterations_per_epoch_rejects_non_positive(n, batch):
    with pytest.raises(ValueError):
        iterations_per_epoch(n, batch)


def _indexed_data(n):
    index = np.arange(n, dtype=float)
    return np.column_stack([index, -2.0 * index]), 10.0 * index


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60), st.integers(1, 70), st.booleans(), st.integers(0, 2**32 - 1))
def test_iterate_minibatches_covers_every_sample_once(n, batch_size, shuffle, seed):
    X, y = _indexed_data(n)
    batches = list(iterate_minibatches(X, y, batch_size, shuffle=shuffle, rng=seed))
    assert len(batches) == -(-n // batch_size)
    sizes = [xb.shape[0] for xb, _ in batches]
    assert all(size == batch_size for size in sizes[:-1])
    assert 1 <= sizes[-1] <= batch_size
    seen = np.concatenate([xb[:, 0] for xb, _ in batches])
    np.testing.assert_array_equal(np.sort(seen), np.arange(n))
    for xb, yb in batches:  # rows stay aligned
        np.testing.assert_array_equal(xb[:, 1], -2.0 * xb[:, 0])
        np.testing.assert_array_equal(yb, 10.0 * xb[:, 0])
    if not shuffle:
        np.testing.assert_array_equal(seen, np.arange(n))


def test_iterate_minibatches_keeps_two_dimensional_targets_aligned():
    X, _ = _indexed_data(9)
    Y = np.column_stack([X[:, 0] + 0.5, X[:, 0] * 3.0])
    for xb, yb in iterate_minibatches(X, Y, 4, rng=3):
        assert yb.shape[1] == 2
        np.testing.assert_array_equal(yb[:, 0], xb[:, 0] + 0.5)
        np.testing.assert_array_equal(yb[:, 1], xb[:, 0] * 3.0)


def _order(rng, n=40, batch_size=7):
    X, y = _indexed_data(n)
    return np.concatenate([xb[:, 0] for xb, _ in iterate_minibatches(X, y, batch_size, rng=rng)])


def test_iterate_minibatches_is_reproducible_with_a_seed():
    np.testing.assert_array_equal(_order(12), _order(12))
    np.testing.assert_array_equal(_order(np.random.default_rng(5)),
                                  _order(np.random.default_rng(5)))
    assert not np.array_equal(_order(12), _order(13))
    assert not np.array_equal(_order(12), np.arange(40))  # actually shuffled


def test_iterate_minibatches_reshuffles_each_epoch_with_one_generator():
    rng = np.random.default_rng(0)
    assert not np.array_equal(_order(rng), _order(rng))


def test_iterate_minibatches_rejects_mismatched_or_bad_input():
    X, y = _indexed_data(5)
    with pytest.raises(ValueError):
        list(iterate_minibatches(X, y[:4], 2))
    with pytest.raises(ValueError):
        list(iterate_minibatches(X, y, 0))
    with pytest.raises(ValueError, match=r"\bX\b"):
        list(iterate_minibatches(y, y, 2))


# --- descend ---------------------------------------------------------------------------------


def test_descend_halves_x_on_x_squared_with_lr_quarter():
    # x <- x - 0.25 * 2x = x / 2
    path = descend(lambda x: 2 * x, [8.0], SGD(lr=0.25), 5)
    assert path.shape == (6, 1)
    np.testing.assert_allclose(path[:, 0], [8.0, 4.0, 2.0, 1.0, 0.5, 0.25])


def test_descend_accepts_an_optimizer_name():
    # "sgd" has lr 0.01: x <- (1 - 0.02) x
    path = descend(lambda x: 2 * x, [1.0, -3.0], "sgd", 3)
    assert path.shape == (4, 2)
    np.testing.assert_allclose(path, np.outer(0.98 ** np.arange(4), [1.0, -3.0]))


@pytest.mark.parametrize("lr", [1.01, 1.5, 3.0])
def test_descend_diverges_for_lr_above_one(lr):
    # x <- (1 - 2 lr) x with |1 - 2 lr| > 1
    path = descend(lambda x: 2 * x, [0.5], SGD(lr=lr), 10)[:, 0]
    assert np.all(np.diff(np.abs(path)) > 0)
    np.testing.assert_allclose(path, 0.5 * (1 - 2 * lr) ** np.arange(11))


@pytest.mark.parametrize("lr", [0.1, 0.5, 0.9])
def test_descend_converges_for_lr_below_one(lr):
    path = descend(lambda x: 2 * x, [0.5], SGD(lr=lr), 30)[:, 0]
    assert abs(path[-1]) < abs(path[0])
    assert np.all(np.diff(np.abs(path)) <= 0)


def test_get_optimizer_rejects_a_class_with_a_hint():
    with pytest.raises(TypeError, match=r"Adam\(lr=0.01\)"):
        get_optimizer(Adam)
