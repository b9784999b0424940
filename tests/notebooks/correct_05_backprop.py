"""Correct answers of the 05_backprop notebook, written differently from its solutions.

``CORRECT`` maps the ``grade_id`` of each solution cell of
``solutions/05_backprop/05_backprop.ipynb`` to whole replacement sources for that cell, each a
right answer in another style than the solution's (``math`` on scalars, Python loops over rows
or units, ``np.einsum`` and the softmax Jacobian, the naive 1/cosh² and Jacobian formulas where
the inputs keep them finite, in-place updates on copies, x restored by ``+= eps`` /
``-= 2*eps`` / ``+= eps``, the student's own ``backward`` reused for Mazur's step, local names
that shadow builtins, ...). Substituted into the solution notebook, every one must keep full
marks on that exercise's graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or
``<grade_id>_answer``).

They use only what a graded answer of 05 may call: numpy, coursekit's material of the earlier
notebooks (``ref_activations``, ``ref_losses``, ``ref_network.forward``) and the student's own
functions of this notebook (``output_delta``, ``hidden_delta``, ``backward``).
"""

from exercise_cells import cell

NOTEBOOK = "05_backprop"


def _cell(name: str, body: str) -> str:
    return cell(NOTEBOOK, name, body)


CORRECT = {
    "chain_rule_example": [
        _cell("chain_rule_example", """\
    import math

    if np.ndim(a) == 0 and np.ndim(b) == 0 and np.ndim(c) == 0:  # scalars: plain floats
        d = 2.0 * float(b)
        e = math.fsum([float(a), d])
        return {"L": float(c) * e, "dL_da": float(c), "dL_db": 2.0 * float(c), "dL_dc": e}
    a, b, c = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c)))
    e = a + 2.0 * b
    return {"L": c * e, "dL_da": c.copy(), "dL_db": 2.0 * c, "dL_dc": e}
"""),  # math on scalars, broadcast arrays otherwise
        _cell("chain_rule_example", """\
    input = [np.asarray(v, dtype=float) for v in (a, b, c)]  # shadows the builtin
    d = np.multiply(2, input[1])
    e = np.add(input[0], d)
    values = [np.multiply(input[2], e), input[2], np.multiply(2, input[2]), e]
    return dict(zip(("L", "dL_da", "dL_db", "dL_dc"), values))
"""),  # numpy scalars / 0-d arrays for scalar inputs, dict(zip(...))
        _cell("chain_rule_example", """\
    a, b, c = np.asarray(a, dtype=float), np.asarray(b, dtype=float), np.asarray(c, dtype=float)
    d = 2.0 * b                       # forward through the graph
    e = a + d
    L = c * e
    dL_dL = np.ones_like(L)           # then backward, one local derivative at a time
    dL_de, dL_dc = dL_dL * c, dL_dL * e
    dL_da, dL_dd = dL_de * 1.0, dL_de * 1.0
    dL_db = dL_dd * 2.0
    out = {"L": L, "dL_da": dL_da, "dL_db": dL_db, "dL_dc": dL_dc}
    return {key: value.item() if value.ndim == 0 else value for key, value in out.items()}
"""),  # reverse-mode through the graph, .item() for scalars
    ],
    "output_delta": [
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    match activation, loss:
        case "sigmoid", "bce":
            return (output - y) / np.prod(y.shape)
        case "softmax", _:  # the long way for cce too: g·J stays finite for these p
            g = ref_losses.LOSS_GRADIENTS[loss](y, output)
            return np.einsum("nk,nkj->nj", g, ref_activations.softmax_jacobian(z))
        case _:
            return (ref_losses.LOSS_GRADIENTS[loss](y, output)
                    * ref_activations.DERIVATIVES[activation](z))
"""),  # match statement, naive Jacobian product for softmax + cce
        _cell("output_delta", """\
    y, output, z = [np.array(v, dtype=float) for v in (y, output, z)]
    if (activation, loss) == ("sigmoid", "bce"):
        return np.subtract(output, y) / y.size
    if (activation, loss) == ("softmax", "cce"):
        return np.subtract(output, y) / len(y)
    grad = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation != "softmax":
        return grad * ref_activations.DERIVATIVES[activation](z)
    delta = np.empty_like(grad)
    for row in range(grad.shape[0]):  # one sample at a time
        p, g = output[row], grad[row]
        sum = float(g @ p)  # shadows the builtin
        delta[row] = p * (g - sum)
    return delta
"""),  # a loop over the rows for the softmax, len(y) for n
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    shortcut = {("sigmoid", "bce"): y.size, ("softmax", "cce"): y.shape[0]}
    if (activation, loss) in shortcut:
        return (output - y) / shortcut[activation, loss]
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "softmax":  # the full Jacobian diag(p) − p pᵀ of each row
        return np.stack([(np.diag(p) - np.outer(p, p)) @ g_row for p, g_row in zip(output, g)])
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # a table of the shortcuts, the Jacobian built by hand
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if activation == "sigmoid" and loss == "bce":
        return (output - y) / y.size
    if activation == "softmax" and loss == "cce":
        return (output - y) / y.shape[0]
    g = ref_losses.LOSS_GRADIENTS[loss](y, output)
    if activation == "sigmoid":
        return g * output * (1.0 - output)  # BP's o(1 − o), from the output
    if activation == "tanh":
        return g * (1.0 - output**2)
    if activation in ("identity", "linear"):
        return g
    if activation == "softmax":
        return output * (g - (g * output).sum(axis=1, keepdims=True))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # derivatives from the output (o(1 − o), 1 − o²)
        _cell("output_delta", """\
    y, output, z = (np.asarray(v, dtype=float) for v in (y, output, z))
    if loss == "bce" and activation == "sigmoid":
        return (output - y) / output.size
    if loss == "cce":  # a softmax output comes only with cce
        return (output - y) / len(output)
    return ref_losses.LOSS_GRADIENTS[loss](y, output) * ref_activations.DERIVATIVES[activation](z)
"""),  # no softmax Jacobian at all: the exercise only needs the shortcut
    ],
    "hidden_delta": [
        _cell("hidden_delta", """\
    delta_next = np.asarray(delta_next, dtype=float)
    W_next = np.asarray(W_next, dtype=float)
    input = np.asarray(z, dtype=float)  # shadows the builtin
    result = np.zeros(input.shape)
    for n in range(input.shape[0]):     # one sample at a time
        g = W_next @ delta_next[n]      # Σ_k δ_k W_jk for every unit j
        if activation == "softmax":
            p = ref_activations.softmax(input[n:n + 1])[0]
            result[n] = p * (g - g @ p)
        else:
            result[n] = g * ref_activations.DERIVATIVES[activation](input[n:n + 1])[0]
    return result
"""),  # a loop over the samples (BP's Example 2, row by row)
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    g = np.einsum("nk,uk->nu", delta_next, W_next)
    if activation == "softmax":
        return np.einsum("nk,nkj->nj", g, ref_activations.softmax_jacobian(z))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # einsum, softmax through its Jacobian
        _cell("hidden_delta", """\
    delta_next, W_next, z = (np.asarray(v, dtype=float) for v in (delta_next, W_next, z))
    g = (W_next @ delta_next.T).T
    if activation == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-z))  # the naive sigmoid: fine, the tests' z are moderate
        return g * s * (1.0 - s)
    if activation == "tanh":
        return g * (1.0 - np.tanh(z) ** 2)
    if activation == "identity":
        return g.copy()
    if activation == "relu":
        return g * np.where(z > 0, 1.0, 0.0)
    if activation == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        return p * (g - np.sum(g * p, axis=1, keepdims=True))
    return g * ref_activations.DERIVATIVES[activation](z)
"""),  # derivatives written by hand (np.where for relu), (W δᵀ)ᵀ
        _cell("hidden_delta", """\
    pushed_back = np.matmul(np.asarray(delta_next, dtype=float), np.transpose(W_next))
    return pushed_back * ref_activations.DERIVATIVES[activation](np.asarray(z, dtype=float))
"""),  # element-wise activations only, np.matmul and np.transpose
    ],
    "tanh_example_gradients": [
        _cell("tanh_example_gradients", """\
    import math

    x1, x2 = (float(v) for v in x)
    w1, w2, w3, w4, w5, w6 = (float(v) for v in w)
    h1 = math.tanh(w1 * x1 + w2 * x2)
    h2 = math.tanh(w3 * x1 + w4 * x2)
    error = w5 * h1 + w6 * h2 - float(y)
    back1 = error * w5 * (1.0 - h1 * h1)
    back2 = error * w6 * (1.0 - h2 * h2)
    return np.array([back1 * x1, back1 * x2, back2 * x1, back2 * x2, error * h1, error * h2])
"""),  # math on scalars
        _cell("tanh_example_gradients", """\
    x = np.asarray(x, dtype=float).ravel()
    w = np.asarray(w, dtype=float).ravel()
    W_hidden = w[:4].reshape(2, 2)  # row j: the weights into h_j
    h = np.tanh(W_hidden @ x)
    error = w[4:] @ h - y
    delta = error * w[4:] * (1.0 - h**2)
    return np.concatenate([np.outer(delta, x).ravel(), error * h])
"""),  # matrices: outer(δ, x) gives w1…w4 in order
        _cell("tanh_example_gradients", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    grads = np.zeros(6)
    a = [w[0] * x[0] + w[1] * x[1], w[2] * x[0] + w[3] * x[1]]
    h = [np.tanh(v) for v in a]
    y_hat = w[4] * h[0] + w[5] * h[1]
    for unit in range(2):
        grads[4 + unit] = (y_hat - y) * h[unit]
        back = (y_hat - y) * w[4 + unit] / np.cosh(a[unit]) ** 2  # tanh' = 1/cosh², finite here
        for i in range(2):
            grads[2 * unit + i] = back * x[i]
    return grads
"""),  # loops over the units, the naive 1/cosh²
    ],
    "backward": [
        _cell("backward", """\
    A, Z, inputs = cache["A"], cache["Z"], cache["inputs"]
    target = np.reshape(np.asarray(y, dtype=float), A[-1].shape)
    delta = output_delta(target, A[-1], Z[-1], activations[-1], loss)
    grads = []
    layer = len(params) - 1
    while layer >= 0:
        grads.insert(0, {"W": np.dot(inputs[layer].T, delta), "b": np.sum(delta, axis=0)})
        if layer:
            delta = hidden_delta(delta, params[layer]["W"], Z[layer - 1], activations[layer - 1])
        layer -= 1
    return grads
"""),  # a while loop, grads inserted at the front, y reshaped to the output
        _cell("backward", """\
    y = np.array(y, dtype=float)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    last = len(params) - 1
    delta = output_delta(y, cache["A"][last], cache["Z"][last], activations[last], loss)
    backwards = []
    for layer in reversed(range(len(params))):
        backwards.append({"b": delta.sum(0),
                          "W": np.einsum("ni,nj->ij", cache["inputs"][layer], delta)})
        if layer > 0:
            delta = hidden_delta(delta, params[layer]["W"], cache["Z"][layer - 1],
                                 activations[layer - 1])
    return backwards[::-1]
"""),  # einsum, the list built backwards then reversed
        _cell("backward", """\
    output = cache["A"][-1]
    y = np.asarray(y, dtype=float)
    y = y[:, np.newaxis] if y.ndim == 1 else y
    deltas = [output_delta(y, output, cache["Z"][-1], activations[-1], loss)]
    for layer in range(len(params) - 1, 0, -1):  # all the deltas first
        deltas.insert(0, hidden_delta(deltas[0], params[layer]["W"], cache["Z"][layer - 1],
                                      activations[layer - 1]))
    return [{"W": a_in.T @ d, "b": d.sum(axis=0)} for a_in, d in zip(cache["inputs"], deltas)]
"""),  # every delta first, then the gradients in one comprehension
    ],
    "numerical_gradient": [
        _cell("numerical_gradient", """\
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        x[i] += eps  # back where it was, up to rounding
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
"""),  # restores x by += eps, -= 2 eps, += eps; np.ndindex
        _cell("numerical_gradient", """\
    grad = np.empty_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        keep = float(x[idx])
        x[idx] = keep + eps
        up = f(x)
        x[idx] = keep - eps
        down = f(x)
        x[idx] = keep
        grad[idx] = (up - down) / (eps + eps)
    return grad
"""),  # np.nditer's multi-index
        _cell("numerical_gradient", """\
    max = x.size  # shadows the builtin
    grad = np.zeros(max)
    for i in range(max):
        old = x.flat[i]
        x.flat[i] = old + eps
        f1 = f(x)
        x.flat[i] = old - eps
        f2 = f(x)
        x.flat[i] = old
        grad[i] = (f1 - f2) / 2 / eps
    return grad.reshape(x.shape)
"""),  # x.flat, a flat result reshaped at the end
        _cell("numerical_gradient", """\
    min = np.zeros_like(x)  # shadows the builtin: holds the gradient
    for k in range(x.size):
        idx = np.unravel_index(k, x.shape)
        original = x[idx]
        step = np.zeros_like(x)
        step[idx] = eps
        x += step
        f_plus = f(x)
        x[idx] = original - eps
        f_minus = f(x)
        x[idx] = original
        min[idx] = (f_plus - f_minus) / (2.0 * eps)
    return min
"""),  # np.unravel_index, x moved in place by adding a one-hot step
    ],
    "mazur_step": [
        _cell("mazur_step", """\
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    W1 = np.array(params[0]["W"], dtype=float)  # copies: updated in place below
    W2 = np.array(params[1]["W"], dtype=float)
    b1 = np.array(params[0]["b"], dtype=float)
    b2 = np.array(params[1]["b"], dtype=float)
    h = ref_activations.sigmoid(x @ W1 + b1)
    o = ref_activations.sigmoid(h @ W2 + b2)
    delta2 = (o - t) * o * (1 - o) / len(x)
    delta1 = delta2 @ W2.T * h * (1 - h)  # W2 before the step
    W2 -= eta * h.T @ delta2
    W1 -= eta * x.T @ delta1
    return [{"W": W1, "b": b1}, {"W": W2, "b": b2}]
"""),  # in-place updates on copies, coursekit's sigmoid (notebook 02)
        _cell("mazur_step", """\
    activations = ["sigmoid", "sigmoid"]
    _, cache = ref_network.forward(x, params, activations)
    grads = backward(t, cache, params, activations, "half_sse")  # my backward above
    return [{"W": np.asarray(p["W"], dtype=float) - eta * g["W"],
             "b": np.array(p["b"], dtype=float)} for p, g in zip(params, grads)]
"""),  # forward (notebook 03) and the student's own backward
        _cell("mazur_step", """\
    X, T = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    (W1, b1), (W2, b2) = [(np.asarray(p["W"], dtype=float), np.asarray(p["b"], dtype=float))
                          for p in params]
    sum_W1, sum_W2 = np.zeros_like(W1), np.zeros_like(W2)
    for x_row, t_row in zip(X, T):  # one sample at a time, then the mean
        h = 1.0 / (1.0 + np.exp(-(x_row @ W1 + b1)))
        o = 1.0 / (1.0 + np.exp(-(h @ W2 + b2)))
        d2 = (o - t_row) * o * (1.0 - o)
        d1 = (W2 @ d2) * h * (1.0 - h)
        sum_W2 += np.outer(h, d2)
        sum_W1 += np.outer(x_row, d1)
    n = len(X)
    return [{"W": W1 - eta * sum_W1 / n, "b": b1.copy()},
            {"W": W2 - eta * sum_W2 / n, "b": b2.copy()}]
"""),  # a loop over the samples, outer products summed
    ],
    "q_delta_sign": [
        'answer_delta_sign = "B"\n',
        'answer_delta_sign = " b "\n',
        "answer_delta_sign = 'b'.upper()\n",
    ],
    "q_loss_evaluations": [
        "answer_loss_evaluations = np.int64(78)\n",
        "answer_loss_evaluations = 78.0\n",
        "answer_loss_evaluations = 2 * (2 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3)  # 2 per parameter\n",
        "answer_loss_evaluations = np.array(78)\n",
    ],
}
"""grade_id of a solution cell -> correct sources for it, written differently from the solution."""
