"""Network: shapes, forward values, backprop against numerical gradients for depths 1-4."""

import itertools

import numpy as np
import pytest

from coursekit import network
from coursekit.activations import sigmoid, softmax
from coursekit.gradcheck import network_gradient_errors, numerical_gradient, relative_error

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "arctan", "identity"]
# Output activation + loss pairings that make sense (and a few that merely must be right).
OUTPUTS = [
    ("identity", "mse"), ("identity", "mae"), ("identity", "half_sse"),
    ("sigmoid", "bce"), ("identity", "bce_with_logits"), ("softmax", "cce"),
    ("sigmoid", "mse"), ("sigmoid", "half_sse"), ("tanh", "half_sse"), ("softmax", "mse"),
]
NATURAL = [("identity", "mse"), ("sigmoid", "bce"), ("identity", "bce_with_logits"),
           ("softmax", "cce")]
# Depth 1 with every output; depth 2 with every hidden x output; depths 3-4 with the natural ones.
CONFIGS = (
    [(1, "identity", output) for output in OUTPUTS]
    + [(2, hidden, output) for hidden, output in itertools.product(HIDDEN, OUTPUTS)]
    + [(depth, hidden, output)
       for depth, hidden, output in itertools.product([3, 4], HIDDEN, NATURAL)]
)


def _problem(depth, hidden, output, loss, seed=0):
    rng = np.random.default_rng(seed)
    n_out = 3 if output == "softmax" else 2
    sizes = [3] + [4] * (depth - 1) + [n_out]
    params = network.init_params(sizes, rng=rng)
    for layer in params:  # non-zero biases exercise the bias gradients
        layer["b"] = rng.normal(0, 0.5, layer["b"].shape)
    X = rng.normal(size=(5, 3))
    if loss in ("bce", "bce_with_logits"):
        y = rng.integers(0, 2, size=(5, n_out)).astype(float)
    elif loss == "cce":
        y = np.eye(n_out)[rng.integers(0, n_out, size=5)]
    else:
        y = rng.normal(size=(5, n_out))
    return X, y, params, [hidden] * (depth - 1) + [output]


@pytest.mark.parametrize(("depth", "hidden", "output_loss"), CONFIGS)
def test_backprop_matches_numerical_gradients(depth, hidden, output_loss):
    X, y, params, activations = _problem(depth, hidden, *output_loss)
    errors = network_gradient_errors(X, y, params, activations, output_loss[1])
    worst = max(e for layer in errors for e in layer.values())
    assert worst < 1e-7, errors


def test_dropout_gradients_match_numerical_gradients_for_a_fixed_mask():
    X, y, params, activations = _problem(3, "tanh", "sigmoid", "bce", seed=3)
    _, grads = network.loss_and_gradients(X, y, params, activations, "bce", dropout=0.5, rng=7)

    def loss_with_same_mask():
        output, _ = network.forward(X, params, activations, dropout=0.5, rng=7)
        return float(np.mean(-(y * np.log(output) + (1 - y) * np.log(1 - output))))
    for layer, grad in zip(params, grads):
        numeric = numerical_gradient(lambda _: loss_with_same_mask(), layer["W"])
        assert relative_error(grad["W"], numeric) < 1e-7


def test_forward_dogs_vs_cats_by_hand():
    # MADC: x = [8, 12]; the slides print Wᵀ, so our W is its transpose.
    params = [
        {"W": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]), "b": np.array([0.1, 0.2, 0.3])},
        {"W": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]), "b": np.array([0.1, 0.2])},
    ]
    output, cache = network.forward([[8.0, 12.0]], params, ["relu", "softmax"])
    np.testing.assert_allclose(cache["Z"][0], [[3.3, 7.4, 11.5]])
    np.testing.assert_allclose(cache["Z"][1], [[5.36, 12.12]])
    np.testing.assert_allclose(output, softmax(np.array([[5.36, 12.12]])))


def test_fused_output_delta_is_stable_when_saturated():
    params = [{"W": np.array([[1000.0]]), "b": np.array([0.0])}]
    _, grads = network.loss_and_gradients([[1.0]], [0.0], params, ["sigmoid"], "bce")
    # delta = sigmoid(1000) - 0 = 1 exactly, not an overflowed 1/(p(1-p)) product.
    np.testing.assert_allclose(grads[0]["W"], [[sigmoid(1000.0)]])


def test_init_params_shapes_and_reproducibility():
    params = network.init_params([2, 64, 1], rng=0)
    assert [(p["W"].shape, p["b"].shape) for p in params] == [((2, 64), (64,)), ((64, 1), (1,))]
    again = network.init_params([2, 64, 1], rng=0)
    np.testing.assert_array_equal(params[0]["W"], again[0]["W"])
    assert not np.array_equal(params[0]["W"], network.init_params([2, 64, 1], rng=1)[0]["W"])


@pytest.mark.parametrize(("sizes", "count"), [([2, 3, 1], 13), ([784, 100, 10], 79510),
                                               ([4, 3, 4], 31)])
def test_count_parameters(sizes, count):
    assert network.count_parameters(sizes) == count
    assert sum(p["W"].size + p["b"].size for p in network.init_params(sizes)) == count


def test_one_dimensional_targets_are_accepted_for_one_output():
    params = network.init_params([2, 3, 1], rng=0)
    X = np.ones((4, 2))
    value_1d, _ = network.loss_and_gradients(X, np.zeros(4), params, ["tanh", "identity"], "mse")
    value_2d, _ = network.loss_and_gradients(X, np.zeros((4, 1)), params, ["tanh", "identity"],
                                             "mse")
    assert value_1d == value_2d


def test_wrong_feature_count_names_shapes():
    params = network.init_params([2, 3, 1], rng=0)
    with pytest.raises(ValueError, match=r"X has 3 features \(shape \(4, 3\)\) but W expects 2"):
        network.forward(np.ones((4, 3)), params, ["relu", "sigmoid"])


def test_one_dimensional_X_is_rejected_with_its_shape():
    with pytest.raises(ValueError, match=r"X must be a 2-D array.*got shape \(2,\)"):
        network.forward([1.0, 2.0], network.init_params([2, 1]), ["sigmoid"])


def test_activation_count_must_match_layers():
    with pytest.raises(ValueError, match="one name per layer"):
        network.forward(np.ones((1, 2)), network.init_params([2, 3, 1]), ["relu"])


def test_unknown_activation_and_loss_list_valid_names():
    params = network.init_params([2, 1])
    with pytest.raises(ValueError, match="unknown activation 'sigma'.*sigmoid"):
        network.forward(np.ones((1, 2)), params, ["sigma"])
    with pytest.raises(ValueError, match="unknown loss 'hinge'.*cce"):
        network.loss_and_gradients(np.ones((1, 2)), [1.0], params, ["sigmoid"], "hinge")


def test_target_shape_mismatch_is_reported():
    params = network.init_params([2, 2])
    with pytest.raises(ValueError, match=r"y and network output.*\(3, 2\).*\(1, 2\)"):
        network.loss_and_gradients(np.ones((1, 2)), np.ones((3, 2)), params, ["sigmoid"], "bce")


@pytest.mark.parametrize("sizes", [[3], [2, 0, 1], [2, 1.5]])
def test_bad_layer_sizes(sizes):
    with pytest.raises(ValueError, match="layer_sizes"):
        network.init_params(sizes)
