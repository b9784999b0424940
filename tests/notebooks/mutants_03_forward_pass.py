"""Mutants of the 03_forward_pass notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/03_forward_pass/03_forward_pass.ipynb`` to full replacement sources for that cell,
each a mistake students make (the slide's Wᵀ used untransposed, a forgotten bias, softmax
without the max shift or over the wrong axis, ``>`` for ``>=``, ...). Substituted into the
solution notebook, every mutant must make at least one of that exercise's graded cells
(``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, then the
student's code (no solution markers, no ``raise NotImplementedError``).
"""

from exercise_cells import cell


def _cell(name: str, body: str) -> str:
    """The exercise cell ``name`` (signature and docstring of the solution notebook) with
    ``body`` as its code."""
    return cell("03_forward_pass", name, body)


MUTANTS = {
    "dense": [
        _cell("dense", """\
    # misconception: forgot_bias
    return np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)
"""),  # forgot the bias
        _cell("dense", """\
    # misconception: transposed_W
    X = np.asarray(X, dtype=float)
    return X @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)
"""),  # the slide's Wᵀ habit: W transposed again
        _cell("dense", """\
    W = np.asarray(W, dtype=float)
    return (W.T @ np.asarray(X, dtype=float).T).T + np.asarray(b, dtype=float)[0]
"""),  # only the first bias, added to every unit
        _cell("dense", """\
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    return X @ W - np.asarray(b, dtype=float)  # misconception: bias_subtracted
"""),  # bias subtracted
        _cell("dense", """\
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    # misconception: batch_summed
    return (X @ W + np.asarray(b, dtype=float)).sum(axis=0, keepdims=True)
"""),  # summed over the batch
    ],
    "layer_forward": [
        _cell("layer_forward", """\
    return dense(X, W, b)  # misconception: no_activation
"""),  # activation forgotten
        _cell("layer_forward", """\
    return np.maximum(dense(X, W, b), 0.0)  # misconception: always_relu
"""),  # always ReLU
        _cell("layer_forward", """\
    # misconception: activation_first
    return dense(activation(np.asarray(X, dtype=float)), W, b)
"""),  # activation applied to the input instead of the output
        _cell("layer_forward", """\
    z = dense(X, W, b)
    return activation(z.ravel()).reshape(z.shape)
"""),  # activation applied to the flattened batch: softmax normalised over the whole batch
    ],
    "softmax": [
        _cell("softmax", """\
    e = np.exp(np.asarray(z, dtype=float))
    return e / np.sum(e, axis=axis, keepdims=True)
"""),  # no max shift: nan at 1000
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)  # misconception: whole_array
"""),  # normalised over all elements, not per row
        _cell("softmax", """\
    # misconception: wrong_axis
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
"""),  # axis 0: each class normalised over the samples
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    return z / np.sum(z, axis=axis, keepdims=True)  # misconception: no_exp
"""),  # no exponential: the scores divided by their sum
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
"""),  # ignores the axis argument
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=axis, keepdims=True)
"""),  # global max: underflows to 0/0 for a row far below the batch maximum
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted / np.sum(np.abs(shifted), axis=axis, keepdims=True)
"""),  # forgot the exponential
    ],
    "mlp_forward": [
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer, activation in zip(params, activations):
        A = dense(A, layer["W"], layer["b"])
    return A
"""),  # no activations
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer in params:
        A = layer_forward(A, layer["W"], layer["b"], activations[0])
    return A
"""),  # the first activation for every layer
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer, activation in zip(params, activations):
        Z = layer_forward(A, layer["W"], layer["b"], activation)
    return Z
"""),  # every layer fed X: returns only the last layer applied to X
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer, activation in zip(params[:-1], activations[:-1]):
        A = layer_forward(A, layer["W"], layer["b"], activation)
    return dense(A, params[-1]["W"], params[-1]["b"])  # misconception: output_activation_missing
"""),  # output activation forgotten (scores instead of probabilities)
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer, activation in zip(params, activations):
        A = layer_forward(A, layer["W"], layer["b"], activation)
        return A  # misconception: first_layer_only
"""),  # the return indented into the loop: the first layer only
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    # misconception: reversed_activations
    for layer, activation in zip(params, reversed(activations)):
        A = layer_forward(A, layer["W"], layer["b"], activation)
    return A
"""),  # the activations taken from the output end
    ],
    "predict_class": [
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[1] == 1:
        return (output.reshape(-1) > 0.5).astype(int)  # misconception: strict_threshold
    return np.argmax(output, axis=1)
"""),  # > instead of >=
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    return np.argmax(output, axis=1)  # misconception: argmax_one_column
"""),  # argmax even for one sigmoid column (always 0)
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[1] == 1:
        return (output.reshape(-1) >= 0.5).astype(int)
    return np.argmax(output, axis=0)  # misconception: argmax_axis0
"""),  # argmax down the columns
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[1] == 1:
        return (output >= 0.5).astype(int)  # misconception: column_shape
    return np.argmax(output, axis=1)
"""),  # keeps the (n, 1) shape
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[1] == 1:
        return (output.reshape(-1) >= 0.5).astype(int)
    return output.shape[1] - 1 - np.argmax(output[:, ::-1], axis=1)
"""),  # ties go to the last class
    ],
    "xor_network_params": [
        _cell("xor_network_params", """\
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
            {"W": np.array([[1.0, -2.0]]), "b": np.array([0.0])}]
"""),  # the output weights as a row (the slide's layout), shape (1, 2)
        _cell("xor_network_params", """\
    # misconception: d_bias_plus_one
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, 1.0])},
            {"W": np.array([[1.0], [-2.0]]), "b": np.array([0.0])}]
"""),  # D's bias +1 instead of -1
        _cell("xor_network_params", """\
    # misconception: d_weight_minus_one
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
            {"W": np.array([[1.0], [-1.0]]), "b": np.array([0.0])}]
"""),  # weight -1 on D: (1, 1) gives 1
        _cell("xor_network_params", """\
    return [{"W": np.array([[1.0], [1.0]]), "b": np.array([-0.5])},
            {"W": np.array([[1.0]]), "b": np.array([0.0])}]
"""),  # no real hidden layer: OR-like ramp
        _cell("xor_network_params", """\
    return [{"W": np.array([[1.0, -1.0], [-1.0, 1.0]]), "b": np.array([0.0, 0.0])},
            {"W": np.array([[0.5], [0.5]]), "b": np.array([0.0])}]
"""),  # |x1 - x2| / 2: exactly 0.5 is not 1
    ],
    "q_neurons": [
        "# copied from the cell above\nanswer_neurons = (2, 2)",  # the slide's network
        "answer_neurons = (3, 5)",  # the hidden layer taken as the output
        "answer_neurons = (5, 4)",  # the hidden layer taken as the input
        "answer_neurons = (3, 1)",  # one output, as for two classes with a sigmoid
    ],
    "q_all_dogs": [
        "# copied from the cell above\nanswer_perro_count = 100",  # the number of dogs in the data
        "answer_perro_count = 0",  # every animal a cat
        "answer_perro_count = 199",  # all but one
    ],
    "q_output_layer": [
        'answer_output_layer = "d"',  # digit as a number (regression)
        'answer_output_layer = "c"',  # ten linear outputs with MSE
        'answer_output_layer = "a"',  # one sigmoid unit, as for dogs and cats
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "dense": _cell("dense", """\
    return reference.dense(X, W, b)
"""),
    "layer_forward": _cell("layer_forward", """\
    return forward_pass.layer_forward(X, W, b, activation)
"""),
    "softmax": _cell("softmax", """\
    return ref_activations.softmax(z, axis)
"""),
    "mlp_forward": _cell("mlp_forward", """\
    return forward_pass.mlp_forward(X, params, activations)
"""),
    "predict_class": _cell("predict_class", """\
    return forward_pass.predict_class(output)
"""),
    "xor_network_params": _cell("xor_network_params", """\
    return forward_pass.xor_network_params()
"""),
}
"""grade_id of an exercise -> a solution cell that calls coursekit's reference (must earn 0)."""
