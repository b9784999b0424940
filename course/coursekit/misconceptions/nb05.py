"""Misconceptions of 05_backprop's exercises (see :mod:`coursekit.misconceptions`).

Each function computes what one wrong way gives for the exercise's arguments, from coursekit's
own pieces (they run in the grader, where all of coursekit is there).
"""

from __future__ import annotations

import numpy as np

from coursekit.activations import ACTIVATIONS, DERIVATIVES, sigmoid
from coursekit.backprop import hidden_delta, output_delta, tanh_example_gradients
from coursekit.gradcheck import numerical_gradient
from coursekit.losses import LOSS_GRADIENTS
from coursekit.misconceptions import Misconception

# --- chain_rule_example -----------------------------------------------------------------------


def _graph(a, b, c):
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    return a, b, c, a + 2.0 * b


def chain_no_factor_2(a, b, c) -> dict:
    """∂L/∂b = c: the factor ∂d/∂b = 2 of d = 2b left out."""
    a, b, c, e = _graph(a, b, c)
    return {"L": c * e, "dL_da": c, "dL_db": c, "dL_dc": e}


def chain_dL_dc_is_c(a, b, c) -> dict:
    """∂L/∂c = c instead of the other factor e."""
    a, b, c, e = _graph(a, b, c)
    return {"L": c * e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": c}


def chain_L_is_sum(a, b, c) -> dict:
    """L = c + e instead of c·e (the derivatives right)."""
    a, b, c, e = _graph(a, b, c)
    return {"L": c + e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": e}


# --- output_delta -----------------------------------------------------------------------------

FUSED = {("sigmoid", "bce"), ("softmax", "cce")}


def output_delta_opposite_sign(y, output, z, activation, loss):
    """(y − output) where the delta has (output − y): BP's printed sign."""
    return -output_delta(y, output, z, activation, loss)


def output_delta_bce_by_rows(y, output, z, activation, loss):
    """The sigmoid + BCE shortcut divided by the rows, not by all elements."""
    if (activation, loss) == ("sigmoid", "bce"):
        y, output = np.asarray(y, dtype=float), np.asarray(output, dtype=float)
        return (output - y) / y.shape[0]
    return output_delta(y, output, z, activation, loss)


def output_delta_no_mean(y, output, z, activation, loss):
    """(output − y)·f'(z) for every loss: BP's one-sample formula, no mean over samples."""
    if (activation, loss) in FUSED:
        return output_delta(y, output, z, activation, loss)
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    return (output - y) * DERIVATIVES[activation](z)


def output_delta_slope_at_output(y, output, z, activation, loss):
    """f' evaluated at the output a = f(z) instead of at z."""
    if (activation, loss) in FUSED:
        return output_delta(y, output, z, activation, loss)
    y, output = np.asarray(y, dtype=float), np.asarray(output, dtype=float)
    return LOSS_GRADIENTS[loss](y, output) * DERIVATIVES[activation](output)


# --- hidden_delta -----------------------------------------------------------------------------


def _pushed_back(delta_next, W_next):
    return np.asarray(delta_next, dtype=float) @ np.asarray(W_next, dtype=float).T


def hidden_delta_no_slope(delta_next, W_next, z, activation):
    """δ_next·W_nextᵀ without f'(z)."""
    return _pushed_back(delta_next, W_next)


def hidden_delta_f_not_slope(delta_next, W_next, z, activation):
    """(δ_next·W_nextᵀ)·f(z): the activation instead of its derivative."""
    return _pushed_back(delta_next, W_next) * ACTIVATIONS[activation](np.asarray(z, float))


def hidden_delta_not_transposed(delta_next, W_next, z, activation):
    """(δ_next·W_next)·f'(z): W_next not transposed."""
    product = np.asarray(delta_next, dtype=float) @ np.asarray(W_next, dtype=float)
    return product * DERIVATIVES[activation](np.asarray(z, dtype=float))


def hidden_delta_slope_at_output(delta_next, W_next, z, activation):
    """(δ_next·W_nextᵀ)·f'(f(z)): the derivative taken at the layer's output."""
    a = ACTIVATIONS[activation](np.asarray(z, dtype=float))
    return _pushed_back(delta_next, W_next) * DERIVATIVES[activation](a)


# --- tanh_example_gradients -------------------------------------------------------------------


def _tanh_parts(x, y, w):
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    return x1, x2, (w1, w2, w3, w4, w5, w6), float(y)


def _tanh_grads(x1, x2, error, d1, d2, h1, h2):
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])


def tanh_opposite_sign(x, y, w):
    """y − ŷ instead of ŷ − y: every gradient with the opposite sign."""
    return -tanh_example_gradients(x, y, w)


def tanh_no_slope(x, y, w):
    """tanh's derivative (1 − h²) left out of the w1…w4 gradients."""
    x1, x2, (w1, w2, w3, w4, w5, w6), y = _tanh_parts(x, y, w)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - y
    return _tanh_grads(x1, x2, error, error * w5, error * w6, h1, h2)


def tanh_w5_w6_swapped(x, y, w):
    """h1's delta through w6 and h2's through w5."""
    x1, x2, (w1, w2, w3, w4, w5, w6), y = _tanh_parts(x, y, w)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - y
    return _tanh_grads(x1, x2, error, error * w6 * (1 - h1**2), error * w5 * (1 - h2**2), h1, h2)


def tanh_slide_rounding(x, y, w):
    """The slide's arithmetic: h1, h2 and ŷ rounded to two decimals."""
    x1, x2, (w1, w2, w3, w4, w5, w6), y = _tanh_parts(x, y, w)
    h1 = round(float(np.tanh(w1 * x1 + w2 * x2)), 2)
    h2 = round(float(np.tanh(w3 * x1 + w4 * x2)), 2)
    error = round(w5 * h1 + w6 * h2, 2) - y
    return _tanh_grads(x1, x2, error, error * w5 * (1 - h1**2), error * w6 * (1 - h2**2), h1, h2)


def tanh_slope_of_a(x, y, w):
    """(1 − a²) with MADC's pre-activation a instead of 1 − tanh(a)² = 1 − h²."""
    x1, x2, (w1, w2, w3, w4, w5, w6), y = _tanh_parts(x, y, w)
    a1, a2 = w1 * x1 + w2 * x2, w3 * x1 + w4 * x2
    h1, h2 = np.tanh(a1), np.tanh(a2)
    error = w5 * h1 + w6 * h2 - y
    return _tanh_grads(x1, x2, error, error * w5 * (1 - a1**2), error * w6 * (1 - a2**2), h1, h2)


def tanh_w2_w3_swapped(x, y, w):
    """w2 and w3 exchanged: h1 = tanh(w1·x1 + w3·x2), h2 = tanh(w2·x1 + w4·x2)."""
    x1, x2, (w1, w2, w3, w4, w5, w6), y = _tanh_parts(x, y, w)
    h1, h2 = np.tanh(w1 * x1 + w3 * x2), np.tanh(w2 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - y
    return _tanh_grads(x1, x2, error, error * w5 * (1 - h1**2), error * w6 * (1 - h2**2), h1, h2)


# --- backward ---------------------------------------------------------------------------------


def _backward(y, cache, params, activations, loss, *, bias=np.sum, next_activation=False,
              own_output=False, shortcut=False):
    """Backpropagation with one of the known slips switched on."""
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    if shortcut:
        delta = (output - y) / y.shape[0]
    else:
        delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        into = cache["A"][layer] if own_output else cache["inputs"][layer]
        grads[layer] = {"W": into.T @ delta, "b": bias(delta, axis=0)}
        if layer > 0:
            activation = activations[layer] if next_activation else activations[layer - 1]
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1], activation)
    return grads


def backward_bias_mean(y, cache, params, activations, loss):
    """∂b as the mean of δ over the rows (δ already holds the loss's 1/n)."""
    return _backward(y, cache, params, activations, loss, bias=np.mean)


def backward_next_activation(y, cache, params, activations, loss):
    """Each hidden delta through the activation of the layer after it."""
    return _backward(y, cache, params, activations, loss, next_activation=True)


def backward_own_output(y, cache, params, activations, loss):
    """∂W_l = A_lᵀ δ_l with the layer's own output instead of its input A_{l−1}."""
    return _backward(y, cache, params, activations, loss, own_output=True)


def backward_shortcut_everywhere(y, cache, params, activations, loss):
    """The output delta (A_L − y)/n for every output activation and loss."""
    return _backward(y, cache, params, activations, loss, shortcut=True)


# --- numerical_gradient -----------------------------------------------------------------------


def _perturbed(f, x, i, step):
    moved = np.array(x, dtype=float)
    moved.reshape(-1)[i] += step
    return f(moved)


def numerical_one_sided(f, x, eps=1e-6):
    """(f(x + ε e_i) − f(x)) / ε: one-sided differences."""
    x = np.array(x, dtype=float)
    f_x = f(x.copy())
    grad = np.array([(_perturbed(f, x, i, eps) - f_x) / eps for i in range(x.size)])
    return grad.reshape(x.shape)


def numerical_over_eps(f, x, eps=1e-6):
    """(f(x + ε e_i) − f(x − ε e_i)) / ε: central differences divided by ε, not 2ε."""
    return 2.0 * numerical_gradient(f, np.array(x, dtype=float), eps)


def numerical_default_eps(f, x, eps=1e-6):
    """Central differences with ε = 1e-6 whatever ``eps`` says."""
    return numerical_gradient(f, np.array(x, dtype=float), 1e-6)


# --- mazur_step -------------------------------------------------------------------------------


def _mazur(x, t, params, eta, *, new_W2=False, biases=False, sign=-1.0):
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = np.asarray(params[0]["W"], dtype=float), np.asarray(params[0]["b"], dtype=float)
    W2, b2 = np.asarray(params[1]["W"], dtype=float), np.asarray(params[1]["b"], dtype=float)
    h = sigmoid(x @ W1 + b1)
    o = sigmoid(h @ W2 + b2)
    delta2 = (o - t) * o * (1.0 - o) / x.shape[0]
    W2_new = W2 + sign * eta * h.T @ delta2
    delta1 = (delta2 @ (W2_new if new_W2 else W2).T) * h * (1.0 - h)
    W1_new = W1 + sign * eta * x.T @ delta1
    if biases:
        b1, b2 = b1 + sign * eta * delta1.sum(axis=0), b2 + sign * eta * delta2.sum(axis=0)
    return [{"W": W1_new, "b": b1}, {"W": W2_new, "b": b2}]


def mazur_updated_W2(x, t, params, eta=0.5):
    """Hidden deltas through the already-updated W2 (Mazur's 0.291027924)."""
    return _mazur(x, t, params, eta, new_W2=True)


def mazur_biases_updated(x, t, params, eta=0.5):
    """The biases updated too."""
    return _mazur(x, t, params, eta, biases=True)


def mazur_step_up(x, t, params, eta=0.5):
    """W + η·∂E/∂W: a step up the gradient."""
    return _mazur(x, t, params, eta, sign=1.0)


CATALOGUE = {
    "chain_rule_example": [
        Misconception("no_factor_2", chain_no_factor_2, "your ∂L/∂b equals c: the path from b "
                      "to L passes d = 2b, so it carries the factor ∂d/∂b = 2 (∂L/∂b = 2c)."),
        Misconception("dL_dc_is_c", chain_dL_dc_is_c, "your ∂L/∂c equals c: in L = c·e the "
                      "derivative with respect to c is the other factor, e = a + 2b."),
        Misconception("L_is_sum", chain_L_is_sum, "your L equals c + e: MADC's graph "
                      "multiplies, L = c·e."),
    ],
    "output_delta": [
        Misconception("opposite_sign", output_delta_opposite_sign, "your delta has the "
                      "opposite sign: BP's printed (y − O) is −∂E/∂O; the delta uses "
                      "output − y (p − y in the shortcuts)."),
        Misconception("bce_by_rows", output_delta_bce_by_rows, "your sigmoid + BCE delta is "
                      "divided by the number of rows: \"bce\" averages over all elements, so "
                      "the shortcut is (p − y) / y.size."),
        Misconception("no_mean", output_delta_no_mean, "your delta is (output − y)·f′(z) "
                      "with no mean: the loss averages over the samples; "
                      "LOSS_GRADIENTS[loss](y, output) holds that 1/n."),
        Misconception("slope_at_output", output_delta_slope_at_output, "your f′ is taken at "
                      "the output a = f(z): the derivative functions take the pre-activation z, "
                      "so use DERIVATIVES[activation](z)."),
    ],
    "hidden_delta": [
        Misconception("no_slope", hidden_delta_no_slope, "your delta is δ_next·W_nextᵀ alone: "
                      "multiply by this layer's slope f′(z), the second of BP's three factors."),
        Misconception("f_not_slope", hidden_delta_f_not_slope, "you multiplied by f(z), the "
                      "activation itself: the delta rule needs its derivative f′(z)."),
        Misconception("not_transposed", hidden_delta_not_transposed, "you multiplied by "
                      "W_next, not its transpose: going back, δ_next (n, n_next) meets "
                      "W_nextᵀ (n_next, n_units)."),
        Misconception("slope_at_output", hidden_delta_slope_at_output, "your f′ is taken at "
                      "f(z), the layer's output: take the derivative at the pre-activation z."),
    ],
    "tanh_example_gradients": [
        Misconception("opposite_sign", tanh_opposite_sign, "your gradients have the opposite "
                      "sign: for E = ½(ŷ − y)², ∂E/∂ŷ = ŷ − y, not y − ŷ."),
        Misconception("no_tanh_slope", tanh_no_slope, "your w1…w4 gradients lack tanh's "
                      "slope: the path from w1 to E passes h1 = tanh(a1), whose derivative is "
                      "1 − h1²."),
        Misconception("w5_w6_swapped", tanh_w5_w6_swapped, "your w1…w4 gradients go back "
                      "through the wrong output weight: h1 reaches ŷ through w5, h2 through "
                      "w6."),
        Misconception("slide_rounding", tanh_slide_rounding, "your values follow the slide's "
                      "two-decimal rounding (h1 = 0.66, ŷ = 0.91): compute at full "
                      "precision."),
        Misconception("slope_of_a", tanh_slope_of_a, "your tanh slope is 1 − a² with MADC's "
                      "pre-activation a: it is 1 − tanh(a)² = 1 − h²."),
        Misconception("w2_w3_swapped", tanh_w2_w3_swapped, "you exchanged w2 and w3: w1 and "
                      "w2 carry x1 and x2 into h1, w3 and w4 carry them into h2."),
    ],
    "backward": [
        Misconception("bias_mean", backward_bias_mean, "your bias gradients are the mean of δ "
                      "over the rows: δ already holds the loss's 1/n, so ∂L/∂b is the sum of δ "
                      "over the rows."),
        Misconception("next_activation", backward_next_activation, "each hidden delta went "
                      "through the next layer's activation: use the slope of the layer the "
                      "delta belongs to, activations[l − 1] at Z[l − 1]."),
        Misconception("own_output", backward_own_output, "your ∂W uses the layer's own output "
                      "A_l: a weight multiplies the layer's input, so ∂L/∂W_l = A_{l−1}ᵀ δ_l "
                      "(cache['inputs'][l])."),
        Misconception("shortcut_everywhere", backward_shortcut_everywhere, "your output delta "
                      "is (A_L − y)/n for every layer type: that shortcut holds for sigmoid + "
                      "BCE and softmax + CCE only; use output_delta."),
    ],
    "numerical_gradient": [
        Misconception("one_sided", numerical_one_sided, "your values are one-sided "
                      "differences (f(x + ε e_i) − f(x)) / ε: use central ones, "
                      "(f(x + ε e_i) − f(x − ε e_i)) / (2ε), whose error is O(ε²)."),
        Misconception("over_eps", numerical_over_eps, "your values are twice the slope: the "
                      "central difference spans 2ε, so divide by 2ε."),
        Misconception("default_eps", numerical_default_eps, "your function used ε = 1e-6 "
                      "although another eps was passed: perturb by the eps argument."),
    ],
    "mazur_step": [
        Misconception("updated_W2", mazur_updated_W2, "your hidden deltas use the "
                      "already-updated W2 (which gives Mazur's 0.291027924): compute every "
                      "delta with the weights before the step, then update."),
        Misconception("biases_updated", mazur_biases_updated, "you updated the biases too: "
                      "in Mazur's example they stay as they are."),
        Misconception("step_up", mazur_step_up, "you stepped up the gradient: the update is "
                      "W ← W − η·∂E/∂W."),
    ],
}
