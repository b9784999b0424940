"""Misconceptions of 03_forward_pass's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

import numpy as np

from coursekit.misconceptions import Misconception


def _f(value):
    return np.asarray(value, dtype=float)


# --- dense -----------------------------------------------------------------------------------


def dense_no_bias(X, W, b):
    """X @ W: the bias forgotten."""
    return _f(X) @ _f(W)


def dense_transposed(X, W, b):
    """X @ Wᵀ + b: W used as the slide prints it (one row per unit)."""
    return _f(X) @ _f(W).T + _f(b)


def dense_bias_subtracted(X, W, b):
    """X @ W − b."""
    return _f(X) @ _f(W) - _f(b)


def dense_batch_summed(X, W, b):
    """The rows of X W + b added up: one row for the whole batch."""
    return (_f(X) @ _f(W) + _f(b)).sum(axis=0, keepdims=True)


# --- layer_forward ---------------------------------------------------------------------------


def layer_no_activation(X, W, b, activation):
    """X W + b: the activation forgotten."""
    return _f(X) @ _f(W) + _f(b)


def layer_activation_first(X, W, b, activation):
    """f(X) W + b: the activation applied to the input instead of to z."""
    return _f(activation(_f(X))) @ _f(W) + _f(b)


def layer_always_relu(X, W, b, activation):
    """max(0, X W + b) whatever activation is passed."""
    return np.maximum(_f(X) @ _f(W) + _f(b), 0.0)


# --- softmax ---------------------------------------------------------------------------------


def softmax_axis0(z, axis=-1):
    """Softmax down the columns (axis 0): each class normalised over the samples."""
    z = _f(z)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_whole_array(z, axis=-1):
    """e^z normalised over every element of the batch at once."""
    z = _f(z)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)


def softmax_no_exp(z, axis=-1):
    """z / Σ z: the scores normalised without the exponential."""
    z = _f(z)
    return z / np.sum(z, axis=axis, keepdims=True)


# --- mlp_forward -----------------------------------------------------------------------------


def mlp_scores(X, params, activations):
    """Every layer with its activation except the last, which stays linear (the scores)."""
    A = _f(X)
    for k, (layer, activation) in enumerate(zip(params, activations)):
        Z = A @ _f(layer["W"]) + _f(layer["b"])
        A = Z if k == len(params) - 1 else _f(activation(Z))
    return A


def mlp_first_layer_only(X, params, activations):
    """The first layer alone (a return inside the loop)."""
    layer = params[0]
    return _f(activations[0](_f(X) @ _f(layer["W"]) + _f(layer["b"])))


def mlp_reversed_activations(X, params, activations):
    """The activations used in reverse order (the output's on the first layer)."""
    A = _f(X)
    for layer, activation in zip(params, list(activations)[::-1]):
        A = _f(activation(A @ _f(layer["W"]) + _f(layer["b"])))
    return A


# --- predict_class ---------------------------------------------------------------------------


def _is_column(output):
    return output.ndim == 1 or output.shape[1] == 1


def predict_strict(output):
    """p > 0.5 for one column: exactly 0.5 counted as class 0."""
    output = _f(output)
    if _is_column(output):
        return (output.reshape(-1) > 0.5).astype(int)
    return np.argmax(output, axis=1)


def predict_argmax_column(output):
    """argmax along axis 1 even for one sigmoid column: always class 0."""
    output = _f(output)
    return np.argmax(output.reshape(len(output), -1), axis=1)


def predict_argmax_axis0(output):
    """argmax down the columns (axis 0): one index per class, not per sample."""
    output = _f(output)
    if _is_column(output):
        return (output.reshape(-1) >= 0.5).astype(int)
    return np.argmax(output, axis=0)


def predict_column_shape(output):
    """p >= 0.5 kept in the (n, 1) shape of the output."""
    output = _f(output)
    if _is_column(output):
        return (output >= 0.5).astype(int)
    return np.argmax(output, axis=1)


# --- xor_network_params ----------------------------------------------------------------------


def xor_d_weight_minus_one():
    """MADC's network with weight −1 (not −2) from D to the output: OR."""
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
            {"W": np.array([[1.0], [-1.0]]), "b": np.array([0.0])}]


def xor_d_bias_plus_one():
    """MADC's network with D's bias +1 (not −1): D always beats C, the output is 0."""
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, 1.0])},
            {"W": np.array([[1.0], [-2.0]]), "b": np.array([0.0])}]


CATALOGUE = {
    "dense": [
        Misconception("forgot_bias", dense_no_bias, "your values equal X @ W without the bias: "
                      "add b to every row, Z = X W + b."),
        Misconception("transposed_W", dense_transposed, "your values equal X @ W.T + b: W is "
                      "already (n_in, n_out), the transpose of the slide's printed Wᵀ, so use "
                      "X @ W without transposing it."),
        Misconception("bias_subtracted", dense_bias_subtracted, "your values equal X W − b: the "
                      "bias is added, Z = X W + b."),
        Misconception("batch_summed", dense_batch_summed, "your values are the rows of X W + b "
                      "added up: keep one row per sample, shape (n_samples, n_out)."),
    ],
    "layer_forward": [
        Misconception("no_activation", layer_no_activation, "your values equal dense(X, W, b) "
                      "without the activation: return activation(dense(X, W, b))."),
        Misconception("activation_first", layer_activation_first, "your values equal "
                      "dense(activation(X), W, b): the activation acts on the layer's z = X W + b, "
                      "not on its input."),
        Misconception("always_relu", layer_always_relu, "your values are ReLU's although "
                      "another activation was passed: call the function given as `activation`."),
    ],
    "softmax": [
        Misconception("wrong_axis", softmax_axis0, "your values are normalised down the columns "
                      "(axis 0): each row holds one sample's scores, so take the max and the sum "
                      "along `axis` (the last one by default)."),
        Misconception("whole_array", softmax_whole_array, "your values are normalised over the "
                      "whole batch at once: each row must sum to 1 (sum along `axis` with "
                      "keepdims=True)."),
        Misconception("no_exp", softmax_no_exp, "your values equal z / Σ z, without the "
                      "exponential: softmax divides e^(z_k) by Σ_j e^(z_j)."),
    ],
    "mlp_forward": [
        Misconception("output_activation_missing", mlp_scores, "your output equals the last "
                      "layer's scores A W + b before its activation (the softmax here): apply each "
                      "layer's own activation, the last one included."),
        Misconception("first_layer_only", mlp_first_layer_only, "your output is the first "
                      "layer's activation only: feed each layer's output into the next and "
                      "return after the loop."),
        Misconception("reversed_activations", mlp_reversed_activations, "your output uses the "
                      "activations in reverse order: layer l takes activations[l] (ReLU first "
                      "here, the softmax last)."),
    ],
    "predict_class": [
        Misconception("strict_threshold", predict_strict, "your classes give 0 for p = 0.5: "
                      "class 1 is p >= 0.5 (0.5 included)."),
        Misconception("argmax_one_column", predict_argmax_column, "your classes are all 0 for "
                      "one sigmoid column: argmax of a single column is always 0; threshold it "
                      "at 0.5 instead."),
        Misconception("argmax_axis0", predict_argmax_axis0, "your argmax runs down the columns "
                      "(axis 0), one index per class: take it along axis 1, one class per "
                      "sample."),
        Misconception("column_shape", predict_column_shape, "your classes keep the shape "
                      "(n_samples, 1): return a flat array of shape (n_samples,), e.g. with "
                      "reshape(-1)."),
    ],
    "xor_network_params": [
        Misconception("d_weight_minus_one", xor_d_weight_minus_one, "your network gives 1 for "
                      "(1, 1), as OR does: there C = 2 and D = 1, so D's weight into the output "
                      "must be −2 to cancel C (Y = C − 2D)."),
        Misconception("d_bias_plus_one", xor_d_bias_plus_one, "your network gives 0 for every "
                      "row: D must stay off except at (1, 1), so its bias is −1 "
                      "(D = max(0, x1 + x2 − 1))."),
    ],
}
