"""Mutants of the 02_activations notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/02_activations/02_activations.ipynb`` to full replacement sources for that cell;
``REFERENCE_CALLS`` maps each function exercise to a cell that just calls coursekit's reference.
Derivative exercises use grade_ids ``derivative_<name>`` so that no grade_id is a prefix of
another exercise's graded cells (``sigmoid_`` would also match ``sigmoid_derivative_visible``).

The sources look like a student's submission: the exercise's signature and docstring, taken from
the solution notebook by ``exercise_cells.cell``, then the student's code. ``shallow_net`` gets
its activation as a function (the checks pass ``ref_activations.relu``, ...), so its mutants
call ``activation(...)``: coursekit's name lookup (``ref_activations.get_activation``) is not
there while 02 is graded and would make them fail for that instead of their mistake.
"""

from exercise_cells import cell

NB = "02_activations"

MUTANTS = {
    "shallow_net": [cell(NB, "shallow_net", f"""\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    return activation(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out){extra}
""") for extra in (
        "",  # forgets the output bias
        " - np.asarray(b_out)",  # subtracts the output bias
    )] + [
        # ignores the activation it is given: always ReLU
        cell(NB, "shallow_net", """\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    return np.maximum(X @ np.asarray(W) + np.asarray(b), 0) @ np.asarray(w_out) + b_out
"""),
        # applies the activation to the output too
        cell(NB, "shallow_net", """\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    return activation(activation(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out) + b_out)
"""),
    ],
    "count_parameters": [cell(NB, "count_parameters", f"""\
    s = list(layer_sizes)
    return sum({expr} for a, b in zip(s[:-1], s[1:]))
""") for expr in (
        "a * b",  # forgets the biases
        "a * b + a",  # one bias per unit of the layer before instead of the layer after
        "a * b + 1",  # one bias per layer instead of one per unit
    )],
    "collapse_linear": [cell(NB, "collapse_linear", f"""\
    W, b, w_out = (np.asarray(v, dtype=float) for v in (W, b, w_out))
    slopes = a * (W @ w_out)
    return (*(float(v) for v in slopes), {const})
""") for const in (
        # the slide's erratum: n_hidden * c (3c) instead of c * sum(w_out)
        "a * float(b @ w_out) + len(w_out) * c + b_out",
        # forgets the output bias
        "a * float(b @ w_out) + c * float(w_out.sum())",
        # forgets the slope a on the hidden biases' term
        "float(b @ w_out) + c * float(w_out.sum()) + b_out",
    )],
    "sigmoid": [
        # sign of the exponent flipped
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n"
                            "    return 1 / (1 + np.exp(z))\n"),
        # e^z / (1 + e^z): right but unstable, inf / inf = nan at z = 1000
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n"
                            "    return np.exp(z) / (1 + np.exp(z))\n"),
        # tanh instead of the sigmoid
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n    return np.tanh(z)\n"),
    ],
    "derivative_sigmoid": [cell(NB, "derivative_sigmoid", f"    s = sigmoid(z)\n    return {e}\n")
                           for e in (
        "s * (1 + s)",  # sign error: sigma (1 + sigma)
        "s",  # the sigmoid itself, not its derivative
        "np.asarray(z) * (1 - np.asarray(z))",  # sigma(1 - sigma) with z in place of sigma(z)
    )],
    "derivative_tanh": [cell(NB, "derivative_tanh", f"    z = np.asarray(z, dtype=float)\n"
                                                    f"    return {e}\n")
                        for e in (
        "1 - np.tanh(z)",  # forgets the square
        "1 - z ** 2",  # squares z instead of tanh(z)
        "1 + np.tanh(z) ** 2",  # sign error
    )],
    "relu": [cell(NB, "relu", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
             for e in (
        "np.abs(z)",  # |z|: negatives become positive instead of 0
        "np.minimum(z, 0)",  # min instead of max
        "np.where(z > 0, z, 0.01 * z)",  # leaky ReLU instead of ReLU
    )],
    "derivative_relu": [cell(NB, "derivative_relu", f"    z = np.asarray(z, dtype=float)\n"
                                                    f"    return {e}\n")
                        for e in (
        "(z >= 0).astype(float)",  # 1 at z = 0 (the convention is 0)
        "np.maximum(z, 0)",  # ReLU itself, not its derivative
        "np.sign(z)",  # -1 for negative z
    )],
    "leaky_relu": [cell(NB, "leaky_relu", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
                   for e in (
        "np.where(z > 0, z, alpha)",  # alpha instead of alpha * z
        "np.where(z > 0, z, 0.01 * z)",  # ignores the alpha argument
        "np.maximum(z, 0)",  # plain ReLU
    )],
    "softplus": [cell(NB, "softplus", f"    z = np.asarray(z, dtype=float)\n    return {e}\n")
                 for e in (
        "np.log(1 + np.exp(z))",  # unstable: inf at z = 1000
        "np.log(1 + np.exp(-z))",  # sign of the exponent flipped
        "np.maximum(z, 0)",  # ReLU instead of its smooth version
    )],
    "q_count_231": [
        "answer_count_231 = 9",  # the weights only, no biases
        "answer_count_231 = 12",  # forgets the output bias
    ],
    "q_collapse": [
        'answer_collapse = "a"',  # piecewise linear (that is ReLU)
        'answer_collapse = "d"',  # universal approximation (needs a nonlinearity)
    ],
    "q_saturation": [
        "answer_sigmoid_max = 0.5",  # sigma(0), not sigma'(0)
        "answer_sigmoid_max = 1.0",  # the sigmoid's supremum
    ],
    "q_joints": [
        "answer_slope = 0.8",  # the slope for 1.2 < x < 2: forgets the unit that starts at x = 2
        "answer_slope = -2.4",  # only the unit that starts at x = 2
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "shallow_net": cell(NB, "shallow_net",
                        "    return reference.shallow_net(x, W, b, w_out, b_out, activation)\n"),
    "count_parameters": cell(NB, "count_parameters",
                             "    return ref_network.count_parameters(layer_sizes)\n"),
    "collapse_linear": cell(NB, "collapse_linear",
                            "    return reference.collapse_linear(W, b, w_out, b_out, a, c)\n"),
    "sigmoid": cell(NB, "sigmoid", "    return ref_activations.sigmoid(z)\n"),
    "derivative_sigmoid": cell(NB, "derivative_sigmoid",
                               "    return ref_activations.sigmoid_derivative(z)\n"),
    "derivative_tanh": cell(NB, "derivative_tanh",
                            "    return ref_activations.tanh_derivative(z)\n"),
    "relu": cell(NB, "relu", "    return ref_activations.relu(z)\n"),
    "derivative_relu": cell(NB, "derivative_relu",
                            "    return ref_activations.relu_derivative(z)\n"),
    "leaky_relu": cell(NB, "leaky_relu", "    return ref_activations.leaky_relu(z, alpha)\n"),
    "softplus": cell(NB, "softplus", "    return ref_activations.softplus(z)\n"),
}
"""grade_id of an exercise -> a solution cell that only calls coursekit's reference."""
