"""Correct answers to the 02_activations notebook, written differently from the solutions.

``CORRECT`` maps the ``grade_id`` of each solution cell of
``solutions/02_activations/02_activations.ipynb`` to whole sources for that cell as a student
would hand them in: Python loops instead of vectorisation, ``np.where``, the naive formula where
the inputs allow it, ``math`` on scalars, locals that shadow builtins, the student's own earlier
functions, the material of 01_perceptron (coursekit's ``weighted_sum`` and ``step`` are there
while 02 is graded), answers to the questions in other forms. Each must keep full marks on that
exercise's graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or
``<grade_id>_answer``). None calls coursekit's implementation of what its exercise asks for.

``shallow_net`` gets its activation as a function (the checks pass ``ref_activations.relu``,
``ref_activations.sigmoid``, a lambda ...) and calls it.
"""

from exercise_cells import cell

NB = "02_activations"

CORRECT = {
    "shallow_net": [
        # a Python loop over the samples, the activation called on each row
        cell(NB, "shallow_net", """\
    x = np.asarray(x, dtype=float)
    X = x.reshape(len(x), -1)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    w_out = np.asarray(w_out, dtype=float)
    outputs = []
    for row in X:
        hidden = np.asarray(activation(row @ W + b), dtype=float)
        outputs.append(hidden @ w_out + b_out)
    return np.array(outputs)
"""),
        # einsum and tensordot; a 1-D x made a column by atleast_2d and two transposes
        cell(NB, "shallow_net", """\
    X = np.atleast_2d(np.asarray(x, dtype=float).T).T
    Z = np.einsum("ni,ik->nk", X, np.asarray(W, dtype=float)) + np.asarray(b, dtype=float)
    A = activation(Z)
    return np.tensordot(A, np.asarray(w_out, dtype=float), axes=1) + np.asarray(b_out)
"""),
        # one hidden unit at a time with 01_perceptron's weighted_sum (earlier material)
        cell(NB, "shallow_net", """\
    from coursekit.perceptron import weighted_sum

    x = np.asarray(x, dtype=float)
    X = x[:, np.newaxis] if x.ndim == 1 else x
    W = np.asarray(W, dtype=float)
    units = [activation(weighted_sum(X, W[:, k], b_k))
             for k, b_k in enumerate(np.asarray(b, dtype=float))]
    return np.column_stack(units) @ np.asarray(w_out, dtype=float) + b_out
"""),
    ],
    "count_parameters": [
        # a Python loop over the layers
        cell(NB, "count_parameters", """\
    total = 0
    for i in range(1, len(layer_sizes)):
        total += layer_sizes[i - 1] * layer_sizes[i] + layer_sizes[i]
    return total
"""),
        # (n_l + 1) n_{l+1}: each unit of the next layer has n_l weights and a bias
        cell(NB, "count_parameters", """\
    n = np.asarray(layer_sizes, dtype=np.int64)
    return (n[:-1] + 1) @ n[1:]
"""),
        # recursion on the student's own function; `sum` as a local name
        cell(NB, "count_parameters", """\
    if len(layer_sizes) < 2:
        return 0
    sum = (layer_sizes[0] + 1) * layer_sizes[1]
    return sum + count_parameters(list(layer_sizes)[1:])
"""),
    ],
    "q_count_231": [
        "answer_count = np.int64(25)\n",
        "answer_count = 25.0\n",
        "answer_count = (2 * 3 + 3) + (3 * 3 + 3) + (3 * 1 + 1)\n",
        "answer_count = count_parameters([2, 3, 3, 1])  # my own function\n",
    ],
    "collapse_linear": [
        # Python loops over the inputs and the hidden units
        cell(NB, "collapse_linear", """\
    W = np.asarray(W, dtype=float)
    coefficients = []
    for i in range(W.shape[0]):
        coefficients.append(a * sum(W[i, k] * w_out[k] for k in range(len(w_out))))
    constant = float(b_out)
    for k in range(len(w_out)):
        constant += (a * b[k] + c) * w_out[k]
    return tuple(coefficients) + (constant,)
"""),
        # the student's shallow_net with f(u) = a u + c, probed at 0 and at each unit vector
        cell(NB, "collapse_linear", """\
    s = np.shape(W)[0]
    probes = np.vstack([np.zeros(s), np.eye(s)])
    y = shallow_net(probes, W, b, w_out, b_out, lambda u: a * u + c)
    return (*(float(v) for v in y[1:] - y[0]), float(y[0]))
"""),
        # (a b_k + c) factored per unit; tolist()
        cell(NB, "collapse_linear", """\
    weights = np.asarray(w_out, dtype=float)
    slopes = a * np.asarray(W, dtype=float) @ weights
    constant = np.dot(a * np.asarray(b, dtype=float) + c, weights) + b_out
    return (*slopes.tolist(), float(constant))
"""),
    ],
    "q_collapse": [
        "answer_collapse = (6, 9)\n",
        "answer_collapse = [6.0, 9.0]\n",
        # the chain run at x = 0 and x = 1, with the linear activation as a function
        "def f(u):\n    return 0.5 * u + 1\n\n\n"
        "def y(x):\n    return 4 * f(3 * f(2 * x)) - 1\n\n\n"
        "answer_collapse = (y(1) - y(0), y(0))\n",
    ],
    "sigmoid": [
        # the naive formula: exp(1000) is inf and 1 / inf is exactly 0
        cell(NB, "sigmoid", """\
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
"""),
        # through tanh: (1 + tanh(z / 2)) / 2
        cell(NB, "sigmoid", """\
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
"""),
        # a Python loop with math.exp, never of a positive number
        cell(NB, "sigmoid", """\
    import math

    z = np.asarray(z, dtype=float)
    result = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        value = z[index]
        if value >= 0:
            result[index] = 1.0 / (1.0 + math.exp(-value))
        else:
            result[index] = math.exp(value) / (1.0 + math.exp(value))
    return result
"""),
        # exp(-softplus(-z)), with a stable softplus
        cell(NB, "sigmoid", """\
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
"""),
    ],
    "derivative_sigmoid": [
        # sigma - sigma^2 from the student's sigmoid
        cell(NB, "derivative_sigmoid", """\
    return sigmoid(z) - sigmoid(z) ** 2
"""),
        # sigma(z) sigma(-z)
        cell(NB, "derivative_sigmoid", """\
    z = np.asarray(z, dtype=float)
    return sigmoid(z) * sigmoid(-z)
"""),
        # the naive closed form 1 / (2 + 2 cosh z): cosh(1000) is inf, 1 / inf is 0
        cell(NB, "derivative_sigmoid", """\
    return 1.0 / (2.0 + 2.0 * np.cosh(np.asarray(z, dtype=float)))
"""),
    ],
    "derivative_tanh": [
        # sech^2 = 1 / cosh^2, naive: cosh(1000) is inf, 1 / inf is 0
        cell(NB, "derivative_tanh", """\
    return 1.0 / np.cosh(np.asarray(z, dtype=float)) ** 2
"""),
        # (1 - t)(1 + t)
        cell(NB, "derivative_tanh", """\
    t = np.tanh(z)
    return (1 - t) * (1 + t)
"""),
        # a Python loop with math.tanh
        cell(NB, "derivative_tanh", """\
    import math

    values = [1.0 - math.tanh(v) ** 2 for v in np.ravel(z)]
    return np.array(values).reshape(np.shape(z))
"""),
        # tanh'(z) = 4 sigma'(2z), with the student's sigmoid_derivative
        cell(NB, "derivative_tanh", """\
    return 4.0 * sigmoid_derivative(2.0 * np.asarray(z, dtype=float))
"""),
    ],
    "q_saturation": [
        "answer_saturation = 4\n",
        "answer_saturation = np.float32(4.0)\n",
        "answer_saturation = 1 / float(sigmoid_derivative(0.0))  # w · σ'(0) = 1\n",
    ],
    "relu": [
        # np.where
        cell(NB, "relu", """\
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.0)
"""),
        # (z + |z|) / 2
        cell(NB, "relu", """\
    z = np.asarray(z, dtype=float)
    return (z + np.abs(z)) / 2
"""),
        # z times 01_perceptron's step (earlier material)
        cell(NB, "relu", """\
    from coursekit.activations import step

    z = np.asarray(z, dtype=float)
    return z * step(z)
"""),
        # a Python loop with the builtin max
        cell(NB, "relu", """\
    z = np.asarray(z, dtype=float)
    return np.array([max(0.0, v) for v in z.ravel()]).reshape(z.shape)
"""),
    ],
    "derivative_relu": [
        # np.where
        cell(NB, "derivative_relu", """\
    return np.where(np.asarray(z, dtype=float) > 0, 1.0, 0.0)
"""),
        # heaviside with the value 0 at 0
        cell(NB, "derivative_relu", """\
    return np.heaviside(np.asarray(z, dtype=float), 0.0)
"""),
        # 1 - step(-z) with 01_perceptron's step: 0 wherever z <= 0
        cell(NB, "derivative_relu", """\
    return 1.0 - ref_activations.step(-np.asarray(z, dtype=float))
"""),
        # the sign of the student's relu
        cell(NB, "derivative_relu", """\
    return np.sign(relu(z))
"""),
    ],
    "leaky_relu": [
        # max(z, alpha z), right for 0 <= alpha <= 1
        cell(NB, "leaky_relu", """\
    z = np.asarray(z, dtype=float)
    return np.maximum(z, alpha * z)
"""),
        # relu(z) - alpha relu(-z), with the student's relu
        cell(NB, "leaky_relu", """\
    z = np.asarray(z, dtype=float)
    return relu(z) - alpha * relu(-z)
"""),
        # a Python loop; `min` as a local name
        cell(NB, "leaky_relu", """\
    z = np.asarray(z, dtype=float)
    min = [v if v > 0 else alpha * v for v in z.ravel()]
    return np.reshape(min, z.shape)
"""),
        # the slope (1 or alpha) times z
        cell(NB, "leaky_relu", """\
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha) * z
"""),
    ],
    "softplus": [
        # max(z, 0) + log(1 + e^-|z|)
        cell(NB, "softplus", """\
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
"""),
        # a Python loop with math, never exp of a positive number; `input` as a local name
        cell(NB, "softplus", """\
    import math

    input = np.asarray(z, dtype=float)
    out = np.empty(input.shape)
    for index, v in np.ndenumerate(input):
        if v > 0:
            out[index] = v + math.log1p(math.exp(-v))
        else:
            out[index] = math.log1p(math.exp(v))
    return out
"""),
        # from the student's sigmoid: z - log sigma(z) for z > 0, -log sigma(-z) otherwise
        cell(NB, "softplus", """\
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z - np.log(sigmoid(z)), -np.log(sigmoid(-z)))
"""),
    ],
    "q_joints": [
        "answer_slope = -33 / 10\n",
        "answer_slope = -0.6 * 1.5 + (-1.2) * 2.0  # units 1 and 3 on for x > 2, unit 2 off\n",
        # the student's network at two points right of the last joint
        "y3, y4 = shallow_net([3.0, 4.0], [[1.5, -1.0, 2.0]], [3.0, 1.2, -4.0],\n"
        "                     [-0.6, 1.7, -1.2], -0.5, relu)\n"
        "answer_slope = y4 - y3\n",
    ],
}
"""grade_id of a solution cell -> correct sources for it, each written unlike the solution."""
