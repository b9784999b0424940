"""Mutants of the 02_activations notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/02_activations/02_activations.ipynb`` to full replacement sources for that cell;
``REFERENCE_CALLS`` maps each function exercise to a cell that just calls coursekit's reference.
Derivative exercises use grade_ids ``derivative_<name>`` so that no grade_id is a prefix of
another exercise's graded cells (``sigmoid_`` would also match ``sigmoid_derivative_visible``).
"""

import inspect

from coursekit import activations, network, shallow

_FUNCS = {
    "shallow_net": shallow.shallow_net, "count_parameters": network.count_parameters,
    "collapse_linear": shallow.collapse_linear, "sigmoid": activations.sigmoid,
    "derivative_sigmoid": activations.sigmoid_derivative,
    "derivative_tanh": activations.tanh_derivative, "relu": activations.relu,
    "derivative_relu": activations.relu_derivative, "leaky_relu": activations.leaky_relu,
    "softplus": activations.softplus,
}


def _head(function) -> str:
    source = inspect.getsource(function)
    start = source.index('"""')
    return source[:source.index('"""', start + 3) + 3] + "\n"


def _cell(grade_id: str, body: str) -> str:
    return _head(_FUNCS[grade_id]) + body


MUTANTS = {
    "shallow_net": [_cell("shallow_net", f"""\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    f = activation if callable(activation) else ref_activations.get_activation(activation)
    return f(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out){extra}
""") for extra in ("", " - np.asarray(b_out)")] + [_cell("shallow_net", """\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    return np.maximum(X @ np.asarray(W) + np.asarray(b), 0) @ np.asarray(w_out) + b_out
"""), _cell("shallow_net", """\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    f = activation if callable(activation) else ref_activations.get_activation(activation)
    return f(f(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out) + b_out)
""")],
    "count_parameters": [_cell("count_parameters", f"""\
    s = list(layer_sizes)
    return sum({expr} for a, b in zip(s[:-1], s[1:]))
""") for expr in ("a * b", "a * b + a", "a * b + 1")],
    "collapse_linear": [_cell("collapse_linear", f"""\
    W, b, w_out = (np.asarray(v, dtype=float) for v in (W, b, w_out))
    slopes = a * (W @ w_out)
    return (*(float(v) for v in slopes), {const})
""") for const in ("a * float(b @ w_out) + len(w_out) * c + b_out",
                  "a * float(b @ w_out) + c * float(w_out.sum())",
                  "float(b @ w_out) + c * float(w_out.sum()) + b_out")],
    "sigmoid": [_cell("sigmoid", "    z = np.asarray(z, dtype=float)\n"
                      "    return 1 / (1 + np.exp(z))\n"),
                _cell("sigmoid", "    z = np.asarray(z, dtype=float)\n"
                      "    return np.exp(z) / (1 + np.exp(z))\n"),
                _cell("sigmoid", "    z = np.asarray(z, dtype=float)\n    return np.tanh(z)\n")],
    "derivative_sigmoid": [_cell("derivative_sigmoid", f"    s = sigmoid(z)\n    return {e}\n")
                           for e in ("s * (1 + s)", "s", "np.asarray(z) * (1 - np.asarray(z))")],
    "derivative_tanh": [_cell("derivative_tanh", f"    z = np.asarray(z, dtype=float)\n"
                                                 f"    return {e}\n")
                        for e in ("1 - np.tanh(z)", "1 - z ** 2", "1 + np.tanh(z) ** 2")],
    "relu": [_cell("relu", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
             for e in ("np.abs(z)", "np.minimum(z, 0)", "np.where(z > 0, z, 0.01 * z)")],
    "derivative_relu": [_cell("derivative_relu", f"    z = np.asarray(z, dtype=float)\n"
                                                 f"    return {e}\n")
                        for e in ("(z >= 0).astype(float)", "np.maximum(z, 0)",
                                  "np.sign(z)")],
    "leaky_relu": [_cell("leaky_relu", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
                   for e in ("np.where(z > 0, z, alpha)", "np.where(z > 0, z, 0.01 * z)",
                             "np.maximum(z, 0)")],
    "softplus": [_cell("softplus", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
                 for e in ("np.log(1 + np.exp(z))", "np.log(1 + np.exp(-z))",
                           "np.maximum(z, 0)")],
    "q_count_231": ["answer_count_231 = 9", "answer_count_231 = 12"],
    "q_collapse": ['answer_collapse = "a"', 'answer_collapse = "d"'],
    "q_saturation": ["answer_sigmoid_max = 0.5", "answer_sigmoid_max = 1.0"],
    "q_joints": ["answer_slope = 0.8", "answer_slope = -2.4"],
}

REFERENCE_CALLS = {
    "shallow_net": _cell("shallow_net",
                         "    return reference.shallow_net(x, W, b, w_out, b_out, activation)\n"),
    "count_parameters": _cell("count_parameters",
                              "    return ref_network.count_parameters(layer_sizes)\n"),
    "collapse_linear": _cell("collapse_linear",
                             "    return reference.collapse_linear(W, b, w_out, b_out, a, c)\n"),
    "sigmoid": _cell("sigmoid", "    return ref_activations.sigmoid(z)\n"),
    "derivative_sigmoid": _cell("derivative_sigmoid",
                                "    return ref_activations.sigmoid_derivative(z)\n"),
    "derivative_tanh": _cell("derivative_tanh", "    return ref_activations.tanh_derivative(z)\n"),
    "relu": _cell("relu", "    return ref_activations.relu(z)\n"),
    "derivative_relu": _cell("derivative_relu", "    return ref_activations.relu_derivative(z)\n"),
    "leaky_relu": _cell("leaky_relu", "    return ref_activations.leaky_relu(z, alpha)\n"),
    "softplus": _cell("softplus", "    return ref_activations.softplus(z)\n"),
}
