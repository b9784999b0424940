"""Mutants of the 05_backprop notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/05_backprop/05_backprop.ipynb`` to full replacement sources for that cell, each a
mistake students make (BP's sign (y − O), a forgotten f'(z) or factor 2, W not transposed, the
slide's 2-decimal rounding, one-sided differences, Mazur's hidden deltas through the updated
weights, ...). Substituted into the solution notebook, every mutant must make at least one of
that exercise's graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or
``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, taken
from the solution notebook (``exercise_cells.cell``), then the student's code (no solution
markers, no ``raise NotImplementedError``).
"""

from exercise_cells import cell

NOTEBOOK = "05_backprop"


def _cell(name: str, body: str) -> str:
    """Exercise ``name``'s cell of the solution notebook (its signature and docstring) with
    ``body`` as its code."""
    return cell(NOTEBOOK, name, body)


MUTANTS = {
    "chain_rule_example": [
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c * e, "dL_da": c, "dL_db": c, "dL_dc": e}  # misconception: no_factor_2
"""),  # the factor 2 of d = 2b forgotten
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c * e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": c}  # misconception: dL_dc_is_c
"""),  # ∂L/∂c written as c instead of e
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c + e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": e}  # misconception: L_is_sum
"""),  # L = c + e
        _cell("chain_rule_example", """\
    e = a + 2 * b
    return {"L": float(c * e), "dL_da": float(c), "dL_db": float(2 * c), "dL_dc": float(e)}
"""),  # scalars only: float() of an array fails
    ],
    "output_delta": [
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "softmax":
        return output * (g - np.sum(g * output, axis=-1, keepdims=True))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # no shortcuts: unstable when the sigmoid saturates
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if activation in ("sigmoid", "softmax") and loss in ("bce", "cce"):
        return (output - y) / y.shape[0]  # misconception: bce_by_rows
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "softmax":
        return output * (g - np.sum(g * output, axis=-1, keepdims=True))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # BCE divided by the rows instead of all elements
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if activation == "sigmoid" and loss == "bce":
        return (output - y) / y.size
    if activation == "softmax" and loss == "cce":
        return (output - y) / y.shape[0]
    return (output - y) * ref_activations.DERIVATIVES[activation](z)  # misconception: no_mean
"""),  # no mean over samples (BP's one-sample formula for every loss)
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if activation == "sigmoid" and loss == "bce":
        return (output - y) / y.size
    if activation == "softmax" and loss == "cce":
        return (output - y) / y.shape[0]
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    return g * ref_activations.DERIVATIVES[activation](output)  # misconception: slope_at_output
"""),  # the slope taken at the output a = f(z), not at z
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    return g * ref_activations.DERIVATIVES["sigmoid"](z)
"""),  # always the sigmoid's derivative
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    # misconception: opposite_sign
    if activation == "sigmoid" and loss == "bce":
        return (y - output) / y.size
    if activation == "softmax" and loss == "cce":
        return (y - output) / y.shape[0]
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "softmax":
        return output * (g - np.sum(g * output, axis=-1, keepdims=True))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # BP's sign: y − p in the shortcuts
    ],
    "hidden_delta": [
        _cell("hidden_delta", """\
    # misconception: no_slope
    return np.asarray(delta_next, dtype=float) @ np.asarray(W_next, dtype=float).T
"""),  # f'(z) forgotten
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    # misconception: f_not_slope
    return (delta_next @ W_next.T) * ref_activations.ACTIVATIONS[activation](z)
"""),  # f(z) instead of f'(z)
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    # misconception: not_transposed
    return (delta_next @ W_next) * ref_activations.DERIVATIVES[activation](z)
"""),  # W_next not transposed
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    a = ref_activations.sigmoid(z)
    return (delta_next @ W_next.T) * a * (1 - a)
"""),  # always the sigmoid's o(1 − o)
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    a = ref_activations.ACTIVATIONS[activation](z)
    # misconception: slope_at_output
    return (delta_next @ W_next.T) * ref_activations.DERIVATIVES[activation](a)
"""),  # the slope taken at the layer's output f(z)
    ],
    "tanh_example_gradients": [
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = float(y) - (w5 * h1 + w6 * h2)  # misconception: opposite_sign
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # y − ŷ: the opposite sign
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w5, error * w6  # misconception: no_tanh_slope
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # tanh's derivative forgotten
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w6 * (1 - h1**2), error * w5 * (1 - h2**2)  # misconception: w5_w6_swapped
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # w5 and w6 swapped on the way back
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1 = round(float(np.tanh(w1 * x1 + w2 * x2)), 2)
    h2 = round(float(np.tanh(w3 * x1 + w4 * x2)), 2)
    error = round(w5 * h1 + w6 * h2, 2) - float(y)  # misconception: slide_rounding
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # the slide's two-decimal rounding
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w3 * x2), np.tanh(w2 * x1 + w4 * x2)  # misconception: w2_w3_swapped
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # weights read as the matrix's columns: w2 and w3 swapped
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    a1, a2 = w1 * x1 + w2 * x2, w3 * x1 + w4 * x2
    h1, h2 = np.tanh(a1), np.tanh(a2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w5 * (1 - a1**2), error * w6 * (1 - a2**2)  # misconception: slope_of_a
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # MADC's (1 − tanh(a1)²) read as (1 − a1²)
    ],
    "backward": [
        _cell("backward", """\
    output = cache["A"][-1]
    delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        grads[layer] = {"W": cache["inputs"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return grads
"""),  # 1-D targets not reshaped
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        # misconception: bias_mean
        grads[layer] = {"W": cache["inputs"][layer].T @ delta, "b": delta.mean(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return grads
"""),  # bias gradient averaged instead of summed (δ already holds the 1/n)
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        grads[layer] = {"W": cache["inputs"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer])  # misconception: next_activation
    return grads
"""),  # each hidden layer given the next layer's activation
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        # misconception: own_output
        grads[layer] = {"W": cache["A"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return grads
"""),  # the layer's own output instead of its input in ∂W
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = (output - y) / y.shape[0]  # misconception: shortcut_everywhere
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        grads[layer] = {"W": cache["inputs"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return grads
"""),  # the shortcut p − y used for every output and loss
    ],
    "numerical_gradient": [
        _cell("numerical_gradient", """\
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    f_x = f(x)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        flat_grad[i] = (f(x) - f_x) / eps  # misconception: one_sided
        flat_x[i] = original
    return grad
"""),  # one-sided differences
        _cell("numerical_gradient", """\
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        f_plus = f(x)
        flat_x[i] = original - eps
        f_minus = f(x)
        flat_x[i] = original
        flat_grad[i] = (f_plus - f_minus) / eps  # misconception: over_eps
    return grad
"""),  # divided by ε instead of 2ε
        _cell("numerical_gradient", """\
    grad = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step.reshape(-1)[i] = eps
        grad.reshape(-1)[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad
"""),  # new arrays instead of perturbing x in place: a closure never sees the change
        _cell("numerical_gradient", """\
    grad = np.zeros(x.size)
    flat_x = x.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        f_plus = f(x)
        flat_x[i] = original - eps
        f_minus = f(x)
        flat_x[i] = original
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad
"""),  # flattened result, not the shape of x
        _cell("numerical_gradient", """\
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        f_plus = f(x)
        flat_x[i] = original - eps
        f_minus = f(x)
        flat_grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad
"""),  # x not restored
        _cell("numerical_gradient", """\
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + 1e-6  # misconception: default_eps
        f_plus = f(x)
        flat_x[i] = original - 1e-6
        f_minus = f(x)
        flat_x[i] = original
        flat_grad[i] = (f_plus - f_minus) / 2e-6
    return grad
"""),  # eps ignored
    ],
    "mazur_step": [
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = np.asarray(params[0]["W"], dtype=float), np.asarray(params[0]["b"], dtype=float)
    W2, b2 = np.asarray(params[1]["W"], dtype=float), np.asarray(params[1]["b"], dtype=float)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    o = 1 / (1 + np.exp(-(h @ W2 + b2)))
    delta2 = (o - t) * o * (1 - o) / x.shape[0]
    W2_new = W2 - eta * h.T @ delta2
    delta1 = (delta2 @ W2_new.T) * h * (1 - h)  # misconception: updated_W2
    return [{"W": W1 - eta * x.T @ delta1, "b": b1.copy()}, {"W": W2_new, "b": b2.copy()}]
"""),  # hidden deltas through the already-updated W2 (what gives Mazur's 0.291027924)
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = np.asarray(params[0]["W"], dtype=float), np.asarray(params[0]["b"], dtype=float)
    W2, b2 = np.asarray(params[1]["W"], dtype=float), np.asarray(params[1]["b"], dtype=float)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    o = 1 / (1 + np.exp(-(h @ W2 + b2)))
    delta2 = (o - t) * o * (1 - o) / x.shape[0]
    delta1 = (delta2 @ W2.T) * h * (1 - h)
    # misconception: biases_updated
    return [{"W": W1 - eta * x.T @ delta1, "b": b1 - eta * delta1.sum(axis=0)},
            {"W": W2 - eta * h.T @ delta2, "b": b2 - eta * delta2.sum(axis=0)}]
"""),  # biases updated too
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = np.asarray(params[0]["W"], dtype=float), np.asarray(params[0]["b"], dtype=float)
    W2, b2 = np.asarray(params[1]["W"], dtype=float), np.asarray(params[1]["b"], dtype=float)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    o = 1 / (1 + np.exp(-(h @ W2 + b2)))
    delta2 = (o - t) * o * (1 - o)
    delta1 = (delta2 @ W2.T) * h * (1 - h)
    return [{"W": W1 - eta * x.T @ delta1, "b": b1.copy()},
            {"W": W2 - eta * h.T @ delta2, "b": b2.copy()}]
"""),  # summed over samples instead of the mean
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = params[0]["W"], np.asarray(params[0]["b"], dtype=float)
    W2, b2 = params[1]["W"], np.asarray(params[1]["b"], dtype=float)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    o = 1 / (1 + np.exp(-(h @ W2 + b2)))
    delta2 = (o - t) * o * (1 - o) / x.shape[0]
    delta1 = (delta2 @ W2.T) * h * (1 - h)
    W1 -= eta * x.T @ delta1
    W2 -= eta * h.T @ delta2
    return [{"W": W1, "b": b1}, {"W": W2, "b": b2}]
"""),  # updates params in place
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1, b1 = np.asarray(params[0]["W"], dtype=float), np.asarray(params[0]["b"], dtype=float)
    W2, b2 = np.asarray(params[1]["W"], dtype=float), np.asarray(params[1]["b"], dtype=float)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    o = 1 / (1 + np.exp(-(h @ W2 + b2)))
    delta2 = (o - t) * o * (1 - o) / x.shape[0]
    delta1 = (delta2 @ W2.T) * h * (1 - h)
    # misconception: step_up
    return [{"W": W1 + eta * x.T @ delta1, "b": b1.copy()},
            {"W": W2 + eta * h.T @ delta2, "b": b2.copy()}]
"""),  # a step up the gradient
    ],
    "q_delta_sign": [
        # the slide's δ1 = −0.0265, shown above, is negative
        '# copied from the cell above\nanswer_delta_sign = "a"\n',
        'answer_delta_sign = "c"',  # a negative weight cancels the slope
        'answer_delta_sign = "d"',  # ∂E/∂w5 = (ŷ − y)·h1 is negative: δ1 is not
    ],
    "q_loss_evaluations": [
        # "It costs two loss evaluations per parameter"
        '# copied from the cell above\nanswer_loss_evaluations = 2\n',
        'answer_loss_evaluations = 39',  # one evaluation per parameter
        'answer_loss_evaluations = 40',  # one-sided differences: 39 + f(x)
        'answer_loss_evaluations = 58',  # only the 29 weights, no biases
        'answer_loss_evaluations = 24',  # Mazur's 12 parameters
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "chain_rule_example": _cell("chain_rule_example", """\
    return reference.chain_rule_example(a, b, c)
"""),
    "output_delta": _cell("output_delta", """\
    return reference.output_delta(y, output, z, activation, loss)
"""),
    "hidden_delta": _cell("hidden_delta", """\
    return reference.hidden_delta(delta_next, W_next, z, activation)
"""),
    "tanh_example_gradients": _cell("tanh_example_gradients", """\
    return reference.tanh_example_gradients(x, y, w)
"""),
    "backward": _cell("backward", """\
    return ref_network.backward(y, cache, params, activations, loss)
"""),
    "numerical_gradient": _cell("numerical_gradient", """\
    return gradcheck.numerical_gradient(f, x, eps)
"""),
    "mazur_step": _cell("mazur_step", """\
    return reference.mazur_step(x, t, params, eta)
"""),
}
"""grade_id of an exercise -> a solution cell that calls coursekit's reference (must earn 0)."""
