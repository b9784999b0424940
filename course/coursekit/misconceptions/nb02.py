"""Misconceptions of 02_activations's exercises (see :mod:`coursekit.misconceptions`).

Each function computes what one wrong way gives for the exercise's arguments, exactly as the
mutant tagged with its name in ``tests/notebooks/mutants_02_activations.py`` does. The three
derivative exercises are graded under ``derivative_<name>`` but their functions are called
``<name>_derivative``; feedback looks a misconception up by the function's name and the mutant
tests by the grade_id, so their lists are filed under both.
"""

from __future__ import annotations

import numpy as np

from coursekit.activations import sigmoid
from coursekit.misconceptions import Misconception

# --- shallow_net(x, W, b, w_out, b_out, activation) -----------------------------------------


def _inputs(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x[:, None] if x.ndim == 1 else x


def _hidden(x, W, b, activation) -> np.ndarray:
    return np.asarray(activation(_inputs(x) @ np.asarray(W, float) + np.asarray(b, float)), float)


def shallow_forgot_output_bias(x, W, b, w_out, b_out, activation):
    """f(XW + b) w_out: no output bias b_4."""
    return _hidden(x, W, b, activation) @ np.asarray(w_out, float)


def shallow_forgot_hidden_bias(x, W, b, w_out, b_out, activation):
    """f(XW) w_out + b_out: no hidden biases b_k."""
    hidden = np.asarray(activation(_inputs(x) @ np.asarray(W, float)), float)
    return hidden @ np.asarray(w_out, float) + np.asarray(b_out, float)


def shallow_activation_on_output(x, W, b, w_out, b_out, activation):
    """f(f(XW + b) w_out + b_out): the activation applied to the output unit too."""
    output = _hidden(x, W, b, activation) @ np.asarray(w_out, float) + np.asarray(b_out, float)
    return np.asarray(activation(output), float)


def shallow_always_relu(x, W, b, w_out, b_out, activation):
    """max(0, XW + b) w_out + b_out: ReLU whatever activation is passed in."""
    hidden = np.maximum(_inputs(x) @ np.asarray(W, float) + np.asarray(b, float), 0.0)
    return hidden @ np.asarray(w_out, float) + np.asarray(b_out, float)


# --- count_parameters(layer_sizes) ---------------------------------------------------------


def _pairs(layer_sizes):
    sizes = [int(n) for n in layer_sizes]
    return zip(sizes[:-1], sizes[1:])


def count_weights_only(layer_sizes) -> int:
    """Σ n_l·n_(l+1): the weights without the biases."""
    return sum(a * b for a, b in _pairs(layer_sizes))


def count_bias_of_layer_before(layer_sizes) -> int:
    """Σ (n_l·n_(l+1) + n_l): one bias per unit of the layer before, inputs included."""
    return sum(a * b + a for a, b in _pairs(layer_sizes))


def count_one_bias_per_layer(layer_sizes) -> int:
    """Σ (n_l·n_(l+1) + 1): one bias per layer instead of one per unit."""
    return sum(a * b + 1 for a, b in _pairs(layer_sizes))


# --- collapse_linear(W, b, w_out, b_out, a, c) ---------------------------------------------


def _slopes(W, w_out, a) -> list:
    return [float(v) for v in a * (np.asarray(W, float) @ np.asarray(w_out, float))]


def collapse_slide_constant(W, b, w_out, b_out, a, c) -> tuple:
    """The slide's c_3: n_hidden·c (its 3b) instead of c·Σ_k ω_k4."""
    b, w_out = np.asarray(b, float), np.asarray(w_out, float)
    return (*_slopes(W, w_out, a), a * float(b @ w_out) + len(w_out) * c + float(b_out))


def collapse_forgot_output_bias(W, b, w_out, b_out, a, c) -> tuple:
    """The constant without the output bias b_4."""
    b, w_out = np.asarray(b, float), np.asarray(w_out, float)
    return (*_slopes(W, w_out, a), a * float(b @ w_out) + c * float(w_out.sum()))


def collapse_biases_without_slope(W, b, w_out, b_out, a, c) -> tuple:
    """Σ_k b_k·ω_k4 in the constant without the slope a."""
    b, w_out = np.asarray(b, float), np.asarray(w_out, float)
    return (*_slopes(W, w_out, a), float(b @ w_out) + c * float(w_out.sum()) + float(b_out))


# --- sigmoid(z) ----------------------------------------------------------------------------


def sigmoid_flipped_sign(z):
    """1 / (1 + e^z): the sign of the exponent flipped, which gives σ(−z)."""
    return 1.0 / (1.0 + np.exp(np.asarray(z, dtype=float)))


def sigmoid_is_tanh(z):
    """tanh(z) instead of σ(z)."""
    return np.tanh(np.asarray(z, dtype=float))


def sigmoid_overflows(z):
    """e^z / (1 + e^z): right in exact arithmetic, but inf / inf = nan once e^z overflows."""
    z = np.asarray(z, dtype=float)
    return np.exp(z) / (1.0 + np.exp(z))


# --- sigmoid_derivative(z) -----------------------------------------------------------------


def sigmoid_derivative_plus(z):
    """σ(z)(1 + σ(z)): a plus for the minus."""
    s = np.asarray(sigmoid(z), dtype=float)
    return s * (1.0 + s)


def sigmoid_derivative_is_sigmoid(z):
    """σ(z) itself, not its derivative."""
    return np.asarray(sigmoid(z), dtype=float)


def sigmoid_derivative_of_z(z):
    """z(1 − z): the formula f(1 − f) applied to the input z instead of the output σ(z)."""
    z = np.asarray(z, dtype=float)
    return z * (1.0 - z)


def sigmoid_derivative_tanh_rule(z):
    """1 − σ(z)²: tanh's rule 1 − f² used for the sigmoid."""
    s = np.asarray(sigmoid(z), dtype=float)
    return 1.0 - s * s


# --- tanh_derivative(z) --------------------------------------------------------------------


def tanh_derivative_unsquared(z):
    """1 − tanh(z): the square forgotten."""
    return 1.0 - np.tanh(np.asarray(z, dtype=float))


def tanh_derivative_of_z(z):
    """1 − z²: the formula 1 − f² applied to the input z instead of the output tanh(z)."""
    z = np.asarray(z, dtype=float)
    return 1.0 - z * z


def tanh_derivative_plus(z):
    """1 + tanh²(z): a plus for the minus."""
    t = np.tanh(np.asarray(z, dtype=float))
    return 1.0 + t * t


# --- relu(z) -------------------------------------------------------------------------------


def relu_absolute(z):
    """|z|: negative inputs made positive instead of 0."""
    return np.abs(np.asarray(z, dtype=float))


def relu_minimum(z):
    """min(z, 0): the minimum instead of the maximum."""
    return np.minimum(np.asarray(z, dtype=float), 0.0)


def relu_leaky(z):
    """Leaky ReLU with slope 0.01 for z ≤ 0 instead of 0."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.01 * z)


def relu_step(z):
    """1 for z ≥ 0, else 0: the step (or ReLU's derivative), not the value z."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)


# --- relu_derivative(z) --------------------------------------------------------------------


def relu_derivative_one_at_zero(z):
    """1 for z ≥ 0: MADC's table's value 1 at z = 0."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)


def relu_derivative_is_relu(z):
    """max(0, z): ReLU itself, not its derivative."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_derivative_sign(z):
    """sign(z): −1 for negative z instead of 0."""
    return np.sign(np.asarray(z, dtype=float))


# --- leaky_relu(z, alpha=0.01) -------------------------------------------------------------


def leaky_alpha_not_times_z(z, alpha=0.01):
    """α for z ≤ 0 instead of α·z."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha)


def leaky_ignores_alpha(z, alpha=0.01):
    """0.01·z for z ≤ 0 whatever alpha is passed in."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.01 * z)


def leaky_plain_relu(z, alpha=0.01):
    """max(0, z): plain ReLU, no slope for z ≤ 0."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


# --- softplus(z) ---------------------------------------------------------------------------


def softplus_overflows(z):
    """ln(1 + e^z) computed naively: e^z overflows to inf for large z."""
    return np.log(1.0 + np.exp(np.asarray(z, dtype=float)))


def softplus_flipped_sign(z):
    """ln(1 + e^(−z)): the sign of the exponent flipped, which gives softplus(−z)."""
    return np.logaddexp(0.0, -np.asarray(z, dtype=float))


def softplus_is_relu(z):
    """max(0, z): ReLU instead of its smooth version."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def softplus_log10(z):
    """log10(1 + e^z): the base-10 logarithm instead of the natural one."""
    return np.logaddexp(0.0, np.asarray(z, dtype=float)) / np.log(10.0)


SIGMOID_DERIVATIVE = [
    Misconception("plus_sign", sigmoid_derivative_plus, "your values equal σ(z)(1 + σ(z)): "
                  "the derivative is σ(z)(1 − σ(z)), with a minus."),
    Misconception("sigmoid_itself", sigmoid_derivative_is_sigmoid, "your values equal σ(z) "
                  "itself: the derivative is σ(z)(1 − σ(z)), at most 0.25."),
    Misconception("formula_on_z", sigmoid_derivative_of_z, "your values equal z(1 − z): the "
                  "formula f(1 − f) takes the sigmoid's output, so compute s = σ(z) first, "
                  "then s(1 − s)."),
    Misconception("tanh_rule", sigmoid_derivative_tanh_rule, "your values equal 1 − σ(z)²: "
                  "that is tanh's rule; the sigmoid's derivative is σ(z)(1 − σ(z))."),
]

TANH_DERIVATIVE = [
    Misconception("not_squared", tanh_derivative_unsquared, "your values equal 1 − tanh(z): "
                  "the derivative squares it, 1 − tanh²(z)."),
    Misconception("formula_on_z", tanh_derivative_of_z, "your values equal 1 − z²: the "
                  "formula 1 − f² takes tanh's output, so square tanh(z), not z."),
    Misconception("plus_sign", tanh_derivative_plus, "your values equal 1 + tanh²(z): the "
                  "derivative is 1 − tanh²(z), with a minus (it is at most 1)."),
]

RELU_DERIVATIVE = [
    Misconception("one_at_zero", relu_derivative_one_at_zero, "your value at z = 0 is 1, as in "
                  "MADC's table (x ≥ 0): this course, like PyTorch, takes ReLU′(0) = 0, so use "
                  "z > 0."),
    Misconception("relu_itself", relu_derivative_is_relu, "your values equal max(0, z), ReLU "
                  "itself: its derivative is 1 where z > 0 and 0 elsewhere."),
    Misconception("sign", relu_derivative_sign, "your values equal sign(z), −1 for negative z: "
                  "ReLU is flat there, so its derivative is 0."),
]

CATALOGUE = {
    "shallow_net": [
        Misconception("forgot_output_bias", shallow_forgot_output_bias, "your values equal "
                      "f(XW + b) @ w_out without the output bias: add b_out (the slide's b_4)."),
        Misconception("forgot_hidden_bias", shallow_forgot_hidden_bias, "your values equal "
                      "f(XW) @ w_out + b_out: each hidden unit adds its bias b_k before the "
                      "activation, f(XW + b)."),
        Misconception("activation_on_output", shallow_activation_on_output, "your values equal "
                      "the activation applied to the output too: INTRO's output unit has no "
                      "activation, y = f(XW + b) @ w_out + b_out."),
        Misconception("always_relu", shallow_always_relu, "your values are those of a ReLU "
                      "network: call the activation function you are given, "
                      "activation(X @ W + b)."),
    ],
    "count_parameters": [
        Misconception("weights_only", count_weights_only, "your count has the weights only: "
                      "each unit after the inputs also has a bias (INTRO: s·n + n + n·m + m)."),
        Misconception("bias_of_layer_before", count_bias_of_layer_before, "your count gives "
                      "biases to the layer before each weight matrix: the biases belong to the "
                      "layer after it (n_(l+1) of them), the inputs have none."),
        Misconception("one_bias_per_layer", count_one_bias_per_layer, "your count has one bias "
                      "per layer: every unit of a layer has its own bias, n_(l+1) per layer."),
    ],
    "collapse_linear": [
        Misconception("slide_constant", collapse_slide_constant, "your constant has n_hidden·c, "
                      "the slide's 3b: each unit's intercept c goes through its output weight, "
                      "so the term is c·Σ_k ω_k4."),
        Misconception("forgot_output_bias", collapse_forgot_output_bias, "your constant lacks "
                      "the output bias: add b_out (b_4) to c_(s+1)."),
        Misconception("biases_without_slope", collapse_biases_without_slope, "your constant "
                      "has Σ_k b_k·ω_k4 without the slope a: the hidden biases go through "
                      "f(u) = a·u + c too, so the term is a·Σ_k b_k·ω_k4."),
    ],
    "sigmoid": [
        Misconception("flipped_sign", sigmoid_flipped_sign, "your values equal 1 / (1 + e^z), "
                      "which is σ(−z): the sigmoid has e^(−z), so it rises from 0 to 1."),
        Misconception("tanh", sigmoid_is_tanh, "your values equal tanh(z), which lies in "
                      "(−1, 1): the sigmoid is 1 / (1 + e^(−z)), in (0, 1)."),
        Misconception("overflow", sigmoid_overflows, "your values equal e^z / (1 + e^z), which "
                      "is nan once e^z overflows (z = 1000): use e^(−|z|), which never "
                      "exceeds 1."),
    ],
    "sigmoid_derivative": SIGMOID_DERIVATIVE,
    "tanh_derivative": TANH_DERIVATIVE,
    "relu": [
        Misconception("absolute_value", relu_absolute, "your values equal |z|: ReLU sets "
                      "negative inputs to 0 instead of flipping their sign."),
        Misconception("minimum", relu_minimum, "your values equal min(z, 0): ReLU is "
                      "max(0, z), which keeps the positive inputs."),
        Misconception("leaky", relu_leaky, "your values equal leaky ReLU (0.01·z for z ≤ 0): "
                      "plain ReLU gives exactly 0 there."),
        Misconception("step", relu_step, "your values are 0 and 1, the step (ReLU's "
                      "derivative): ReLU keeps the value z where z > 0."),
    ],
    "relu_derivative": RELU_DERIVATIVE,
    "leaky_relu": [
        Misconception("alpha_not_times_z", leaky_alpha_not_times_z, "your values equal α for "
                      "z ≤ 0: leaky ReLU multiplies, α·z, so it keeps growing with |z|."),
        Misconception("ignores_alpha", leaky_ignores_alpha, "your values use the slope 0.01 "
                      "whatever alpha is: use the alpha argument, α·z."),
        Misconception("plain_relu", leaky_plain_relu, "your values equal plain ReLU, 0 for "
                      "z ≤ 0: leaky ReLU gives α·z there."),
    ],
    "softplus": [
        Misconception("overflow", softplus_overflows, "your values equal ln(1 + e^z) computed "
                      "naively, inf once e^z overflows (z = 1000): use np.logaddexp(0, z) or "
                      "max(z, 0) + ln(1 + e^(−|z|))."),
        Misconception("flipped_sign", softplus_flipped_sign, "your values equal "
                      "ln(1 + e^(−z)), softplus of −z: softplus has e^z, so it grows with z."),
        Misconception("relu", softplus_is_relu, "your values equal max(0, z), ReLU: softplus "
                      "is its smooth version ln(1 + e^z), ln 2 at z = 0."),
        Misconception("log10", softplus_log10, "your values use the base-10 logarithm: "
                      "softplus is ln(1 + e^z), with the natural log (np.log)."),
    ],
}
