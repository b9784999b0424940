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

The sources look like a student's submission: the exercise's signature and docstring, then the
student's code (no solution markers, no ``raise NotImplementedError``).
"""

_HEADS = {
    "chain_rule_example": r'''
def chain_rule_example(a, b, c) -> dict:
    """MADC's chain-rule graph, d = 2b, e = a + d, L = c·e, and the derivatives of L.

    By the chain rule ∂L/∂a = ∂L/∂e · ∂e/∂a = c, ∂L/∂b = ∂L/∂e · ∂e/∂d · ∂d/∂b = 2c and
    ∂L/∂c = e. Works element-wise on arrays.

    Parameters
    ----------
    a, b, c : float or array_like (same shape)

    Returns
    -------
    dict
        ``"L"``, ``"dL_da"``, ``"dL_db"``, ``"dL_dc"``: floats, or arrays for array inputs.

    Examples
    --------
    >>> chain_rule_example(1.0, 2.0, -3.0)
    {'L': -15.0, 'dL_da': -3.0, 'dL_db': -6.0, 'dL_dc': 5.0}
    """
'''[1:],
    "output_delta": r'''
def output_delta(y, output, z, activation: str, loss: str) -> np.ndarray:
    """Delta of the output layer, δ_L = ∂loss/∂Z_L = ∂loss/∂A_L ⊙ f'(Z_L).

    ∂loss/∂A_L is ``coursekit.losses.LOSS_GRADIENTS[loss](y, output)`` and f' is
    ``coursekit.activations.DERIVATIVES[activation](z)``. BP's sigmoid unit with
    E = ½ Σ (o − t)² gives (o_j − t_j)·o_j(1 − o_j), divided by n_samples (the loss is a mean
    over samples). For a softmax output use its Jacobian ∂p_k/∂z_j = p_k(δ_kj − p_j), i.e.
    δ = p ⊙ (g − Σ_k g_k p_k) row by row, with g = ∂loss/∂A_L. Shortcuts (exact and stable
    when the output saturates): sigmoid + "bce" gives (p − y)/N with N = y.size (all
    elements); softmax + "cce" gives (p − y)/n with n = n_samples (rows).

    Parameters
    ----------
    y : array_like, shape (n_samples, n_outputs)
        Targets (one-hot rows for ``"cce"``).
    output, z : array_like, same shape
        The network's output A_L = f(Z_L) and the output layer's pre-activations Z_L.
    activation, loss : str
        Names in ``coursekit.activations.ACTIVATIONS`` and ``coursekit.losses.LOSSES``
        (``"half_sse"``, ``"mse"``, ``"bce"``, ``"cce"``, …).

    Returns
    -------
    ndarray, shape (n_samples, n_outputs)

    Examples
    --------
    >>> output_delta([[0.0, 1.0]], [[0.2, 0.8]], [[0.0, np.log(4.0)]], "softmax", "cce")
    array([[ 0.2, -0.2]])
    """
'''[1:],
    "hidden_delta": r'''
def hidden_delta(delta_next, W_next, z, activation: str) -> np.ndarray:
    """Delta of a hidden layer from the next one's (delta rule): δ_l = (δ_{l+1}W_{l+1}ᵀ) ⊙ f'(Z_l).

    BP's "Example 2" for one unit: ∂E/∂o_6 = Σ_k δ_k W_6k, then times o_6(1 − o_6).
    f' is ``coursekit.activations.DERIVATIVES[activation](z)``; a softmax layer uses its
    Jacobian instead, p ⊙ (g − Σ_k g_k p_k) row by row with g = δ_{l+1} W_{l+1}ᵀ.

    Parameters
    ----------
    delta_next : array_like, shape (n_samples, n_next)
        δ_{l+1} = ∂loss/∂Z_{l+1}.
    W_next : array_like, shape (n_units, n_next)
        The weights from this layer to the next.
    z : array_like, shape (n_samples, n_units)
        This layer's pre-activations Z_l.
    activation : str
        This layer's activation name.

    Returns
    -------
    ndarray, shape (n_samples, n_units)

    >>> hidden_delta([[0.5, -1.0]], [[1.0, 2.0], [0.0, 1.0]], [[0.0, 0.0]], "tanh")
    array([[-1.5, -1. ]])
    """
'''[1:],
    "tanh_example_gradients": r'''
def tanh_example_gradients(x, y, w) -> np.ndarray:
    """Gradients of E = ½(ŷ − y)² for MADC's tanh network, by the chain rule.

    h1 = tanh(w1·x1 + w2·x2), h2 = tanh(w3·x1 + w4·x2), ŷ = w5·h1 + w6·h2 (no biases);
    ∂E/∂w5 = (ŷ − y)·h1, ∂E/∂w1 = (ŷ − y)·w5·(1 − h1²)·x1, and so on.

    Parameters
    ----------
    x : array_like, shape (2,)
        The inputs x1, x2 (the slide's 2 and 3).
    y : float
        The target (the slide's 1).
    w : array_like, shape (6,)
        w1…w6: w1, w2 from x1, x2 into h1; w3, w4 into h2; w5, w6 from h1, h2 to the output.

    Returns
    -------
    ndarray, shape (6,)
        ∂E/∂w1, …, ∂E/∂w6.

    Examples
    --------
    >>> tanh_example_gradients([2.0, 3.0], 1.0, [0.1, 0.2, 0.3, 0.1, 0.5, 0.8]).round(4)
    array([-0.0531, -0.0796, -0.074 , -0.111 , -0.063 , -0.068 ])
    """
'''[1:],
    "backward": r'''
def backward(y, cache: dict, params, activations, loss: str) -> list[dict]:
    """Backpropagation: gradients of ``loss`` w.r.t. every weight and bias.

    Output layer: δ_L = ∂loss/∂A_L ⊙ f_L'(Z_L), which is (A_L − y)/N for sigmoid + BCE (N
    elements) and softmax + CCE (N rows) (``coursekit.backprop.output_delta``). Going back,
    layer by layer (the delta rule, ``coursekit.backprop.hidden_delta``): ∂loss/∂W_l = A_{l−1}ᵀ δ_l,
    ∂loss/∂b_l = Σ_samples δ_l, δ_{l−1} = (δ_l W_lᵀ) ⊙ f_{l−1}'(Z_{l−1}); A_0 = X.

    Parameters
    ----------
    y : array_like, shape (n_samples, n_outputs) or (n_samples,) for one output
    cache : dict
        From ``forward(X, params, activations)``: ``cache["inputs"][l]`` is layer l's input
        A_{l−1}, ``cache["Z"][l]`` its pre-activations, ``cache["A"][l]`` its outputs.
    params, activations
        As given to ``forward``.
    loss : str
        A name in ``coursekit.losses.LOSSES``.

    Returns
    -------
    list of dict
        ``grads[l]["W"]`` and ``grads[l]["b"]`` with the shapes of ``params[l]``.
    """
'''[1:],
    "numerical_gradient": r'''
def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient, :math:`\\partial f/\\partial x_i \\approx
    \\frac{f(x + \\varepsilon e_i) - f(x - \\varepsilon e_i)}{2\\varepsilon}`.

    The error is :math:`O(\\varepsilon^2)`. ``x`` is perturbed in place one entry at a time and
    restored, so ``f`` may read it through a closure (e.g. a weight matrix inside ``params``).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : ndarray of float64, any shape
    eps : float

    Returns
    -------
    ndarray, same shape as ``x``

    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    """
'''[1:],
    "mazur_step": r'''
def mazur_step(x, t, params, eta: float = 0.5) -> list[dict]:
    """One gradient-descent step of a two-layer sigmoid network on E = ½ Σ_k (o_k − t_k)²
    (mean over samples), updating the weights only, as in Mazur (2015).

    Forward h = σ(x W1 + b1), o = σ(h W2 + b2); deltas δ2 = (o − t)·o(1 − o)/n and
    δ1 = (δ2 W2ᵀ)·h(1 − h), both with the weights BEFORE the step; then
    W2 ← W2 − η hᵀδ2 and W1 ← W1 − η xᵀδ1. Biases are not updated.

    Parameters
    ----------
    x : array_like, shape (n_samples, n_inputs)
    t : array_like, shape (n_samples, n_outputs)
        Targets.
    params : list of two dict
        ``[{"W": (n_inputs, n_hidden), "b": (n_hidden,)}, {"W": (n_hidden, n_outputs),
        "b": (n_outputs,)}]``; not modified.
    eta : float
        Learning rate η.

    Returns
    -------
    list of two dict
        New arrays: updated ``"W"``, the same ``"b"`` values.

    >>> params = [{"W": np.array([[0.15, 0.25], [0.20, 0.30]]), "b": np.array([0.35, 0.35])},
    ...           {"W": np.array([[0.40, 0.50], [0.45, 0.55]]), "b": np.array([0.60, 0.60])}]
    >>> new = mazur_step([[0.05, 0.10]], [[0.01, 0.99]], params, 0.5)
    >>> new[1]["W"].round(8)
    array([[0.35891648, 0.51130127],
           [0.40866619, 0.56137012]])
    """
'''[1:],
}


def _cell(name: str, body: str) -> str:
    """A solution cell for exercise ``name`` whose body is ``body``."""
    return _HEADS[name] + body


MUTANTS = {
    "chain_rule_example": [
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c * e, "dL_da": c, "dL_db": c, "dL_dc": e}
"""),  # the factor 2 of d = 2b forgotten
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c * e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": c}
"""),  # ∂L/∂c written as c instead of e
        _cell("chain_rule_example", """\
    a, b, c = (np.asarray(v, dtype=float) for v in (a, b, c))
    e = a + 2.0 * b
    return {"L": c + e, "dL_da": c, "dL_db": 2.0 * c, "dL_dc": e}
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
        return (output - y) / y.shape[0]
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
    return (output - y) * ref_activations.DERIVATIVES[activation](z)
"""),  # no mean over samples (BP's one-sample formula for every loss)
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if activation == "sigmoid" and loss == "bce":
        return (output - y) / y.size
    if activation == "softmax" and loss == "cce":
        return (output - y) / y.shape[0]
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "softmax":
        return g * output * (1 - output)
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # softmax treated element-wise: only the Jacobian's diagonal
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    return g * ref_activations.DERIVATIVES["sigmoid"](z)
"""),  # always the sigmoid's derivative
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
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
    return np.asarray(delta_next, dtype=float) @ np.asarray(W_next, dtype=float).T
"""),  # f'(z) forgotten
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    return (delta_next @ W_next.T) * ref_activations.ACTIVATIONS[activation](z)
"""),  # f(z) instead of f'(z)
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    return (delta_next @ W_next) * ref_activations.DERIVATIVES[activation](z)
"""),  # W_next not transposed
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    a = ref_activations.sigmoid(z)
    return (delta_next @ W_next.T) * a * (1 - a)
"""),  # always the sigmoid's o(1 − o)
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    g = delta_next @ W_next.T
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # softmax layer: DERIVATIVES gives a Jacobian, not an element-wise slope
    ],
    "tanh_example_gradients": [
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = float(y) - (w5 * h1 + w6 * h2)
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # y − ŷ: the opposite sign
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w5, error * w6
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # tanh's derivative forgotten
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w2 * x2), np.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w6 * (1 - h1**2), error * w5 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # w5 and w6 swapped on the way back
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1 = round(float(np.tanh(w1 * x1 + w2 * x2)), 2)
    h2 = round(float(np.tanh(w3 * x1 + w4 * x2)), 2)
    error = round(w5 * h1 + w6 * h2, 2) - float(y)
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # the slide's two-decimal rounding
        _cell("tanh_example_gradients", """\
    x1, x2 = np.asarray(x, dtype=float).reshape(2)
    w1, w2, w3, w4, w5, w6 = np.asarray(w, dtype=float).reshape(6)
    h1, h2 = np.tanh(w1 * x1 + w3 * x2), np.tanh(w2 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    d1, d2 = error * w5 * (1 - h1**2), error * w6 * (1 - h2**2)
    return np.array([d1 * x1, d1 * x2, d2 * x1, d2 * x2, error * h1, error * h2])
"""),  # weights read as the matrix's columns: w2 and w3 swapped
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
                                 activations[layer])
    return grads
"""),  # each hidden layer given the next layer's activation
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = output_delta(y, output, cache["Z"][-1], activations[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        grads[layer] = {"W": cache["A"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return grads
"""),  # the layer's own output instead of its input in ∂W
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float).reshape(output.shape)
    delta = (output - y) / y.shape[0]
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
        flat_grad[i] = (f(x) - f_x) / eps
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
        flat_grad[i] = (f_plus - f_minus) / eps
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
        flat_x[i] = original + 1e-6
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
    delta1 = (delta2 @ W2_new.T) * h * (1 - h)
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
    return [{"W": W1 + eta * x.T @ delta1, "b": b1.copy()},
            {"W": W2 + eta * h.T @ delta2, "b": b2.copy()}]
"""),  # a step up the gradient
    ],
    "q_delta_sign": [
        'answer_delta_sign = "a"',  # the sign does not matter
        'answer_delta_sign = "c"',  # the signs cancel
    ],
    "q_loss_evaluations": [
        'answer_loss_evaluations = 12',  # one evaluation per parameter
        'answer_loss_evaluations = 13',  # one-sided differences: 12 + f(x)
        'answer_loss_evaluations = 16',  # only the 8 weights
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
