"""Correct answers of the 03_forward_pass notebook, written differently from the solutions.

``CORRECT`` maps the ``grade_id`` of each exercise cell of
``solutions/03_forward_pass/03_forward_pass.ipynb`` to whole cells a student could hand in:
Python loops instead of vectorisation, the slide's ``Wᵀx + b`` layout, ``np.where``, recursion,
in-place updates on copies, ``math`` functions on scalars, local names that shadow builtins
(``input``, ``max``, ``sum``, ``compile``, ``min``), another XOR network, answers as lists or
numpy integers, letters in capitals or with spaces. Each must keep full marks: a check that
fails one of them is too strict (or wrong).

None calls coursekit's implementation of what it is asked to write (while 03 is graded that is
not there); they call the student's own ``dense`` and ``layer_forward``, as the solution does,
and the activation functions the tests pass in.
"""

from exercise_cells import cell


def _cell(grade_id: str, body: str) -> str:
    return cell("03_forward_pass", grade_id, body)


CORRECT = {
    "q_neurons": [
        "answer_neurons = [3, 4]\n",
        "answer_neurons = (np.int64(3), 4)\n",
        "answer_neurons = (3.0, 4)  # whole numbers written as floats\n",
        "n_inputs = 3   # ear length, weight, tail length\n"
        "n_outputs = 4  # gato, perro, conejo, hámster\n"
        "answer_neurons = (n_inputs, n_outputs)\n",
        "answer_neurons = tuple(np.array([3, 4]))\n",
    ],
    "q_all_dogs": [
        "answer_perro_count = 200\n",
        "answer_perro_count = np.int64(200)  # z_perro - z_gato = 0.1 + 0.3 * sum(h) > 0\n",
        "answer_perro_count = 200.0\n",
    ],
    "q_output_layer": [
        'answer_output_layer = "B"\n',
        'answer_output_layer = " b "\n',
        "answer_output_layer = 'b'  # ten softmax units + categorical cross-entropy\n",
        'answer_output_layer = "abcd"[1]\n',
    ],
    "dense": [
        # three Python loops, one product at a time
        _cell("dense", """\
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    n_samples, n_in = X.shape
    n_out = W.shape[1]
    Z = np.zeros((n_samples, n_out))
    for i in range(n_samples):
        for j in range(n_out):
            total = b[j]
            for k in range(n_in):
                total += X[i, k] * W[k, j]
            Z[i, j] = total
    return Z
"""),
        # np.dot, then the bias added in place; locals shadow input and sum
        _cell("dense", """\
    input = np.array(X, dtype=float)
    sum = np.dot(input, np.array(W, dtype=float))
    sum += np.array(b, dtype=float)
    return sum
"""),
        # the slide's Wᵀx + b on columns, transposed back to rows
        _cell("dense", """\
    Wt = np.asarray(W, dtype=float).T
    columns = np.asarray(X, dtype=float).T
    return (Wt @ columns + np.asarray(b, dtype=float)[:, np.newaxis]).T
"""),
        # einsum
        _cell("dense", """\
    return (np.einsum("ik,kj->ij", np.asarray(X, dtype=float), np.asarray(W, dtype=float))
            + np.asarray(b, dtype=float))
"""),
        # one row (sample) at a time
        _cell("dense", """\
    W = np.array(W, dtype=float)
    b = np.array(b, dtype=float)
    rows = [np.array(x, dtype=float) @ W + b for x in X]
    return np.array(rows)
"""),
    ],
    "layer_forward": [
        # named intermediate steps
        _cell("layer_forward", """\
    Z = dense(X, W, b)
    A = activation(Z)
    return A
"""),
        # the linear part written out again instead of calling dense
        _cell("layer_forward", """\
    z = np.matmul(np.asarray(X, dtype=float), np.asarray(W, dtype=float))
    z = z + np.asarray(b, dtype=float)
    return activation(z)
"""),
        # the activation applied to one sample (row) at a time: softmax acts on rows anyway
        _cell("layer_forward", """\
    Z = dense(X, W, b)
    return np.array([activation(row) for row in Z])
"""),
        # locals shadowing input and compile
        _cell("layer_forward", """\
    input = dense(X, W, b)
    compile = activation
    return np.asarray(compile(input), dtype=float)
"""),
        # np.apply_along_axis over the rows
        _cell("layer_forward", """\
    return np.apply_along_axis(activation, 1, dense(X, W, b))
"""),
    ],
    "softmax": [
        # Python loops with math.exp on each row of the classes moved last; max and sum shadowed
        _cell("softmax", """\
    import math
    z = np.array(z, dtype=float)
    moved = np.moveaxis(z, axis, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.empty_like(rows)
    for i in range(rows.shape[0]):
        max = rows[i].max()
        sum = 0.0
        for j in range(rows.shape[1]):
            out[i, j] = math.exp(rows[i, j] - max)
            sum += out[i, j]
        out[i] /= sum
    return np.moveaxis(out.reshape(moved.shape), -1, axis)
"""),
        # in-place updates on a copy
        _cell("softmax", """\
    s = np.array(z, dtype=float)
    s -= s.max(axis=axis, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=axis, keepdims=True)
    return s
"""),
        # log-sum-exp: s = exp(z - logsumexp(z))
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=axis, keepdims=True)
    log_total = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return np.exp(z - log_total)
"""),
        # s_k = 1 / Σ_j e^(z_j − z_k): an overflow gives 1/inf = 0, never inf/inf
        _cell("softmax", """\
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    differences = z[..., np.newaxis, :] - z[..., :, np.newaxis]
    return np.moveaxis(1.0 / np.exp(differences).sum(axis=-1), -1, axis)
"""),
        # the maximum and the sum without keepdims, put back with expand_dims
        _cell("softmax", """\
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.expand_dims(np.amax(z, axis=axis), axis))
    return e / np.expand_dims(e.sum(axis=axis), axis)
"""),
    ],
    "mlp_forward": [
        # recursion on the list of layers
        _cell("mlp_forward", """\
    if len(params) == 0:
        return np.asarray(X, dtype=float)
    first = params[0]
    A = layer_forward(X, first["W"], first["b"], activations[0])
    return mlp_forward(A, params[1:], activations[1:])
"""),
        # an index loop; input shadowed
        _cell("mlp_forward", """\
    input = np.array(X, dtype=float)
    for l in range(len(params)):
        input = layer_forward(input, params[l]["W"], params[l]["b"], activations[l])
    return input
"""),
        # every layer written out, without layer_forward
        _cell("mlp_forward", """\
    A = np.asarray(X, dtype=float)
    for layer, f in zip(params, activations):
        W = np.asarray(layer["W"], dtype=float)
        b = np.asarray(layer["b"], dtype=float)
        A = f(A @ W + b)
    return A
"""),
        # functools.reduce over (layer, activation) pairs
        _cell("mlp_forward", """\
    from functools import reduce
    return reduce(lambda A, step: layer_forward(A, step[0]["W"], step[0]["b"], step[1]),
                  zip(params, activations), np.asarray(X, dtype=float))
"""),
        # the hidden activations kept in a list, the last one returned; compile shadowed
        _cell("mlp_forward", """\
    compile = [np.asarray(X, dtype=float)]
    for i, layer in enumerate(params):
        compile.append(layer_forward(compile[-1], layer["W"], layer["b"], activations[i]))
    return compile[-1]
"""),
    ],
    "predict_class": [
        # Python loops: a threshold per sample, a hand-written argmax per row
        _cell("predict_class", """\
    rows = np.asarray(output, dtype=float)
    if rows.ndim == 2 and rows.shape[1] > 1:
        classes = []
        for row in rows:
            best = 0
            for k in range(1, len(row)):
                if row[k] > row[best]:
                    best = k
            classes.append(best)
        return np.array(classes, dtype=int)
    return np.array([1 if p >= 0.5 else 0 for p in rows.ravel()], dtype=int)
"""),
        # np.where for the threshold, a 1-D output made a column first
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1:
        output = output[:, np.newaxis]
    if output.shape[1] == 1:
        return np.where(output[:, 0] >= 0.5, 1, 0)
    return output.argmax(axis=1)
"""),
        # the first column equal to the row maximum; max shadowed
        _cell("predict_class", """\
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[-1] == 1:
        return (~(output.ravel() < 0.5)).astype(np.int64)
    max = np.max(output, axis=1, keepdims=True)
    return np.argmax(output == max, axis=1)
"""),
        # np.heaviside with 1 at the threshold itself
        _cell("predict_class", """\
    p = np.asarray(output, dtype=float)
    if p.ndim == 2 and p.shape[1] >= 2:
        return np.argmax(p, axis=-1)
    return np.heaviside(p.reshape(-1) - 0.5, 1.0).astype(int)
"""),
    ],
    "xor_network_params": [
        # the other network of the text: max(0, x1 − x2) + max(0, x2 − x1) = |x1 − x2|
        _cell("xor_network_params", """\
    first = {"W": np.array([[1.0, -1.0], [-1.0, 1.0]]), "b": np.zeros(2)}
    second = {"W": np.ones((2, 1)), "b": np.zeros(1)}
    return [first, second]
"""),
        # MADC's network, the weights written as the slide prints them (Wᵀ) and transposed
        _cell("xor_network_params", """\
    Wt1 = np.array([[1.0, 1.0], [1.0, 1.0]])   # rows: the weights into C and into D
    Wt2 = np.array([[1.0, -2.0]])              # the weights into Y
    return [dict(W=Wt1.T, b=np.array([0.0, -1.0])), dict(W=Wt2.T, b=np.array([0.0]))]
"""),
        # MADC's network with the hidden layer scaled by 2 and the output weights halved
        _cell("xor_network_params", """\
    return [{"W": 2.0 * np.ones((2, 2)), "b": np.array([0.0, -2.0])},
            {"W": np.array([[0.5], [-1.0]]), "b": np.array([0.0])}]
"""),
        # three layers: MADC's network, then one ReLU unit that passes Y ≥ 0 through
        _cell("xor_network_params", """\
    params = [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
              {"W": np.array([[1.0], [-2.0]]), "b": np.array([0.0])}]
    params.append({"W": np.eye(1), "b": np.zeros(1)})
    return params
"""),
        # integer arrays
        _cell("xor_network_params", """\
    return [{"W": np.array([[1, 1], [1, 1]]), "b": np.array([0, -1])},
            {"W": np.array([[1], [-2]]), "b": np.array([0])}]
"""),
    ],
}
"""grade_id of an exercise cell -> correct sources for it (each must keep full marks)."""
