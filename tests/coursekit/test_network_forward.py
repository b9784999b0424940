"""coursekit.forward_pass, used by 03_forward_pass: layer_forward, mlp_forward, predict_class
and MADC's XOR network."""

import numpy as np
import pytest

from coursekit import forward_pass, network
from coursekit.activations import relu, sigmoid, softmax
from coursekit.datasets import xor

X_DOG = np.array([[8.0, 12.0]])
W1 = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]).T  # the slide prints Wᵀ
B1 = np.array([0.1, 0.2, 0.3])
W2 = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]).T
B2 = np.array([0.1, 0.2])


def test_layer_forward_is_the_activation_of_dense():
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    for name, f in (("relu", relu), ("sigmoid", sigmoid), ("softmax", softmax)):
        np.testing.assert_allclose(forward_pass.layer_forward(X, W, b, name), f(X @ W + b))
    np.testing.assert_allclose(forward_pass.layer_forward(X, W, b, "identity"), X @ W + b)


def test_layer_forward_dogs_vs_cats_slide_values():
    hidden = forward_pass.layer_forward(X_DOG, W1, B1, "relu")
    np.testing.assert_allclose(hidden, [[3.3, 7.4, 11.5]])
    scores = forward_pass.layer_forward(hidden, W2, B2, "identity")
    np.testing.assert_allclose(scores, [[5.36, 12.12]])
    p = forward_pass.layer_forward(hidden, W2, B2, "softmax")
    np.testing.assert_allclose(p[0, 1], 0.99884, atol=5e-6)


def test_layer_forward_rejects_bad_names_and_shapes():
    with pytest.raises(ValueError, match="relu"):
        forward_pass.layer_forward(X_DOG, W1, B1, "rectifier")
    with pytest.raises(ValueError, match="features"):
        forward_pass.layer_forward(X_DOG, W1.T, B1, "relu")
    with pytest.raises(ValueError, match="2-D"):
        forward_pass.layer_forward([8.0, 12.0], W1, B1, "relu")


def test_mlp_forward_matches_forward_and_composes_layers():
    params = [{"W": W1, "b": B1}, {"W": W2, "b": B2}]
    out = forward_pass.mlp_forward(X_DOG, params, ["relu", "softmax"])
    np.testing.assert_allclose(out, network.forward(X_DOG, params, ["relu", "softmax"])[0])
    by_hand = forward_pass.layer_forward(forward_pass.layer_forward(X_DOG, W1, B1, "relu"), W2, B2,
                                    "softmax")
    np.testing.assert_allclose(out, by_hand)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 2))
    output = forward_pass.mlp_forward(X, params, ["relu", "softmax"])
    np.testing.assert_allclose(output.sum(axis=1), 1)


def test_predict_class_sigmoid_threshold_and_softmax_argmax():
    np.testing.assert_array_equal(forward_pass.predict_class([0.1, 0.5, 0.4999, 1.0]), [0, 1, 0, 1])
    np.testing.assert_array_equal(forward_pass.predict_class([[0.2], [0.5]]), [0, 1])
    np.testing.assert_array_equal(
        forward_pass.predict_class([[0.2, 0.3, 0.5], [0.4, 0.4, 0.2], [1.0, 0.0, 0.0]]), [2, 0, 0])
    assert forward_pass.predict_class([[0.3], [0.7]]).dtype.kind == "i"
    with pytest.raises(ValueError, match="output"):
        forward_pass.predict_class(0.5)
    with pytest.raises(ValueError, match="output"):
        forward_pass.predict_class(np.zeros((2, 2, 2)))


def test_xor_network_params_computes_xor_and_the_slide_tables():
    X, y = xor()
    params = forward_pass.xor_network_params()
    assert [p["W"].shape for p in params] == [(2, 2), (2, 1)]
    out, cache = network.forward(X, params, ["relu", "relu"])
    np.testing.assert_array_equal(out.ravel(), y)
    np.testing.assert_array_equal(cache["A"][0][:, 0], [0, 1, 1, 2])  # C
    np.testing.assert_array_equal(cache["A"][0][:, 1], [0, 0, 0, 1])  # D
    X_noisy, y_noisy = xor(n_per_corner=20, noise=0.05, rng=0)
    noisy = forward_pass.mlp_forward(X_noisy, params, ["relu", "relu"])
    np.testing.assert_array_equal(forward_pass.predict_class(noisy), y_noisy)
    assert forward_pass.xor_network_params()[0]["W"] is not params[0]["W"]  # a fresh copy each call
