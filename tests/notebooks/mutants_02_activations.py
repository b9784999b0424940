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

A line ``# misconception: <name>`` says which misconception of
``coursekit/misconceptions/nb02.py`` a mutant embodies (its failure message must name it); a line
``# copied from the cell above`` marks a question's answer copied from the cells before it, which
the question's check must reject.
"""

from exercise_cells import cell

NB = "02_activations"

_INPUTS = """\
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
"""

MUTANTS = {
    "shallow_net": [
        cell(NB, "shallow_net", _INPUTS + """\
    # misconception: forgot_output_bias
    return activation(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out)
"""),
        # subtracts the output bias
        cell(NB, "shallow_net", _INPUTS + """\
    return activation(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out) - np.asarray(b_out)
"""),
        cell(NB, "shallow_net", _INPUTS + """\
    # misconception: forgot_hidden_bias
    return activation(X @ np.asarray(W)) @ np.asarray(w_out) + b_out
"""),
        cell(NB, "shallow_net", _INPUTS + """\
    # misconception: always_relu
    return np.maximum(X @ np.asarray(W) + np.asarray(b), 0) @ np.asarray(w_out) + b_out
"""),
        cell(NB, "shallow_net", _INPUTS + """\
    # misconception: activation_on_output
    return activation(activation(X @ np.asarray(W) + np.asarray(b)) @ np.asarray(w_out) + b_out)
"""),
    ],
    "count_parameters": [cell(NB, "count_parameters", f"""\
    s = list(layer_sizes)
    # misconception: {name}
    return sum({expr} for a, b in zip(s[:-1], s[1:]))
""") for name, expr in (
        ("weights_only", "a * b"),
        ("bias_of_layer_before", "a * b + a"),
        ("one_bias_per_layer", "a * b + 1"),
    )],
    "collapse_linear": [cell(NB, "collapse_linear", f"""\
    W, b, w_out = (np.asarray(v, dtype=float) for v in (W, b, w_out))
    slopes = a * (W @ w_out)
    # misconception: {name}
    return (*(float(v) for v in slopes), {const})
""") for name, const in (
        ("slide_constant", "a * float(b @ w_out) + len(w_out) * c + b_out"),
        ("forgot_output_bias", "a * float(b @ w_out) + c * float(w_out.sum())"),
        ("biases_without_slope", "float(b @ w_out) + c * float(w_out.sum()) + b_out"),
    )],
    "sigmoid": [
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n"
                            "    # misconception: flipped_sign\n"
                            "    return 1 / (1 + np.exp(z))\n"),
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n"
                            "    # misconception: overflow\n"
                            "    return np.exp(z) / (1 + np.exp(z))\n"),
        cell(NB, "sigmoid", "    z = np.asarray(z, dtype=float)\n"
                            "    # misconception: tanh\n"
                            "    return np.tanh(z)\n"),
    ],
    "derivative_sigmoid": [cell(NB, "derivative_sigmoid",
                                f"    s = sigmoid(z)\n    # misconception: {name}\n"
                                f"    return {e}\n")
                           for name, e in (
        ("plus_sign", "s * (1 + s)"),
        ("sigmoid_itself", "s"),
        ("formula_on_z", "np.asarray(z) * (1 - np.asarray(z))"),
        ("tanh_rule", "1 - s ** 2"),
    )],
    "derivative_tanh": [cell(NB, "derivative_tanh", f"    z = np.asarray(z, dtype=float)\n"
                                                    f"    # misconception: {name}\n"
                                                    f"    return {e}\n")
                        for name, e in (
        ("not_squared", "1 - np.tanh(z)"),
        ("formula_on_z", "1 - z ** 2"),
        ("plus_sign", "1 + np.tanh(z) ** 2"),
    )],
    "relu": [cell(NB, "relu", f"    z = np.asarray(z, dtype=float)\n    # misconception: {name}\n"
                              f"    return {e}\n")
             for name, e in (
        ("absolute_value", "np.abs(z)"),
        ("minimum", "np.minimum(z, 0)"),
        ("leaky", "np.where(z > 0, z, 0.01 * z)"),
        ("step", "(z >= 0).astype(float)"),
    )],
    "derivative_relu": [cell(NB, "derivative_relu", f"    z = np.asarray(z, dtype=float)\n"
                                                    f"    # misconception: {name}\n"
                                                    f"    return {e}\n")
                        for name, e in (
        ("one_at_zero", "(z >= 0).astype(float)"),
        ("relu_itself", "np.maximum(z, 0)"),
        ("sign", "np.sign(z)"),
    )],
    "leaky_relu": [cell(NB, "leaky_relu", f"    z = np.asarray(z, dtype=float)\n"
                                          f"    # misconception: {name}\n    return {e}\n")
                   for name, e in (
        ("alpha_not_times_z", "np.where(z > 0, z, alpha)"),
        ("ignores_alpha", "np.where(z > 0, z, 0.01 * z)"),
        ("plain_relu", "np.maximum(z, 0)"),
    )],
    "softplus": [cell(NB, "softplus", f"    z = np.asarray(z, dtype=float)\n"
                                      f"    # misconception: {name}\n    return {e}\n")
                 for name, e in (
        ("overflow", "np.log(1 + np.exp(z))"),
        ("flipped_sign", "np.log(1 + np.exp(-z))"),
        ("relu", "np.maximum(z, 0)"),
        ("log10", "np.log10(1 + np.exp(z))"),
    )],
    "q_count_231": [
        "# copied from the cell above\n"
        "answer_count = 13  # INTRO's 2-3-1 network, not the deeper 2-3-3-1\n",
        "answer_count = 22  # forgets the biases of the new layer\n",
        "answer_count = 26  # twice 13: doubles the network instead of adding a layer\n",
        "answer_count = 16  # adds only the new layer's 3 biases\n",
    ],
    "q_collapse": [
        "# copied from the cell above\n"
        "answer_collapse = (6.0, 1.0)  # the slide's rule: each intercept added once, unweighted\n",
        "answer_collapse = (12.0, 9.0)  # the slope a once, as in c_i = a Σ ω ω of one layer\n",
        "answer_collapse = (6.0, 10.0)  # forgets the output bias -1\n",
        "answer_collapse = (24.0, -1.0)  # multiplies the weights and drops the activation\n",
    ],
    "q_saturation": [
        "# copied from the cell above\n"
        "answer_saturation = 0.25  # the largest σ'(z), not the weight that cancels it\n",
        "answer_saturation = 1.0  # as if the weights did not count\n",
        "answer_saturation = 64.0  # 4 ** 3: one factor per layer multiplied into w\n",
    ],
    "q_joints": [
        "# copied from the cell above\n"
        "answer_slope = -1.6  # the slope for x > 2 of INTRO's own network\n",
        "answer_slope = -5.0  # counts the changed unit as on for x > 2, with slope -1\n",
        "answer_slope = -2.4  # only the unit that starts at x = 2\n",
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
