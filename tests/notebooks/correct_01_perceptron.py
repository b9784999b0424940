"""Correct answers to the 01_perceptron notebook, written differently from the solutions.

``CORRECT`` maps the ``grade_id`` of each solution cell of
``solutions/01_perceptron/01_perceptron.ipynb`` to whole sources for that cell as a student
would hand them in: Python loops instead of vectorisation, ``np.where``, the naive formula where
the inputs allow it, in-place updates on copies, ``math`` on scalars, locals that shadow
builtins, the student's own earlier functions, answers to the questions in other forms. Each
must keep full marks on that exercise's graded cells (``<grade_id>_visible``,
``<grade_id>_hidden`` or ``<grade_id>_answer``). None calls coursekit's maths: while
01_perceptron is graded none of it is there (``coursekit.curriculum``).
"""

from exercise_cells import cell

NB = "01_perceptron"

CORRECT = {
    "weighted_sum": [
        # Python loops; `sum` as a local name
        cell(NB, "weighted_sum", """\
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    if X.ndim == 1:
        total = float(b)
        for x_i, w_i in zip(X, w):
            total += x_i * w_i
        return total
    z = []
    for row in X:
        sum = float(b)
        for x_i, w_i in zip(row, w):
            sum += x_i * w_i
        z.append(sum)
    return np.array(z)
"""),
        # the bias as the weight of an extra input that is always 1; `input` as a local name
        cell(NB, "weighted_sum", """\
    input = np.asarray(X, dtype=float)
    ones = np.ones(input.shape[:-1] + (1,))
    z = np.concatenate([input, ones], axis=-1) @ np.append(np.asarray(w, dtype=float), b)
    return z if z.ndim else float(z)
"""),
        # einsum, .item() for one input
        cell(NB, "weighted_sum", """\
    z = np.einsum("...i,i->...", np.asarray(X, dtype=float), np.asarray(w, dtype=float)) + b
    return z.item() if np.ndim(z) == 0 else z
"""),
        # math.fsum for one input, an element-wise product summed per row for a batch
        cell(NB, "weighted_sum", """\
    import math

    X = np.array(X, dtype=float)
    w = np.array(w, dtype=float)
    if X.ndim == 1:
        return math.fsum(X * w) + float(b)
    return (X * w).sum(axis=1) + b
"""),
    ],
    "step": [
        # np.where
        cell(NB, "step", """\
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)
"""),
        # a Python loop over the elements, on a copy
        cell(NB, "step", """\
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    for i, value in enumerate(z.flat):
        out.flat[i] = 1.0 if value >= 0 else 0.0
    return out
"""),
        # a float for a scalar, numpy's heaviside (value 1 at 0) for arrays
        cell(NB, "step", """\
    if np.ndim(z) == 0:
        return 1.0 if float(z) >= 0 else 0.0
    return np.heaviside(np.asarray(z, dtype=float), 1.0)
"""),
        # 1 minus "is negative"
        cell(NB, "step", """\
    return 1.0 - (np.asarray(z, dtype=float) < 0)
"""),
    ],
    "perceptron_predict": [
        # a Python loop over the rows, no earlier function
        cell(NB, "perceptron_predict", """\
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    predictions = []
    for row in X.reshape(-1, X.shape[-1]):
        z = float(row @ w) + b
        predictions.append(1.0 if z >= 0 else 0.0)
    return np.array(predictions).reshape(X.shape[:-1])
"""),
        # np.where on the student's weighted_sum
        cell(NB, "perceptron_predict", """\
    return np.where(np.asarray(weighted_sum(X, w, b)) >= 0, 1.0, 0.0)
"""),
        # the student's step on np.dot
        cell(NB, "perceptron_predict", """\
    return step(np.dot(X, w) + b)
"""),
    ],
    "perceptron_update": [
        # in-place update on a copy of w
        cell(NB, "perceptron_update", """\
    w = np.array(w, dtype=float)
    error = y - perceptron_predict(x, w, b)
    w += lr * error * np.asarray(x, dtype=float)
    return w, float(b + lr * error)
"""),
        # no change on a correct prediction, else a signed step
        cell(NB, "perceptron_update", """\
    x = np.asarray(x, dtype=float)
    prediction = 1.0 if weighted_sum(x, w, b) >= 0 else 0.0
    if prediction == y:
        return np.array(w, dtype=float), float(b)
    direction = 1.0 if y > prediction else -1.0
    return np.asarray(w, dtype=float) + lr * direction * x, b + lr * direction
"""),
        # a Python loop over the weights
        cell(NB, "perceptron_update", """\
    error = float(y) - float(step(weighted_sum(x, w, b)))
    new_w = [w_i + lr * error * x_i for w_i, x_i in zip(w, x)]
    return np.array(new_w, dtype=float), b + lr * error
"""),
    ],
    "train_perceptron": [
        # a while loop, in-place updates on a copy, copies recorded
        cell(NB, "train_perceptron", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.array(w, dtype=float)
    b = float(b)
    history = PerceptronHistory()
    history.weights.append(w.copy())
    history.biases.append(b)
    epoch = 0
    while epoch < epochs and not history.converged:
        mistakes = 0
        for i in range(len(X)):
            error = y[i] - float(perceptron_predict(X[i], w, b))
            if error != 0:
                mistakes += 1
            w += lr * error * X[i]
            b += lr * error
            history.weights.append(w.copy())
            history.biases.append(b)
        history.errors.append(mistakes)
        history.converged = mistakes == 0
        epoch += 1
    return w, b, history
"""),
        # lists built first, the history made at the end; `max` and `min` as local names
        cell(NB, "train_perceptron", """\
    rows = [np.asarray(row, dtype=float) for row in X]
    targets = [float(t) for t in y]
    w = np.zeros(len(rows[0])) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    weights, biases, errors = [w], [b], []
    max = epochs
    converged = False
    for _ in range(max):
        min = 0  # mistakes in this epoch
        for x_i, t in zip(rows, targets):
            if float(perceptron_predict(x_i, w, b)) != t:
                min += 1
            w, b = perceptron_update(x_i, t, w, b, lr)
            weights.append(w)
            biases.append(b)
        errors.append(min)
        if min == 0:
            converged = True
            break
    history = PerceptronHistory(weights=weights, biases=biases, errors=errors,
                                converged=converged)
    return w, b, history
"""),
        # the student's perceptron_update, for-else
        cell(NB, "train_perceptron", """\
    X = np.array(X, dtype=float)
    targets = np.array(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.array(w, dtype=float)
    history = PerceptronHistory(weights=[w], biases=[float(b)])
    for epoch in range(epochs):
        predictions_before = []
        for x_i, t in zip(X, targets):
            predictions_before.append(float(perceptron_predict(x_i, w, b)))
            w, b = perceptron_update(x_i, t, w, b, lr)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(int(np.sum(np.array(predictions_before) != targets)))
        if history.errors[-1] == 0:
            history.converged = True
            break
    return w, b, history
"""),
    ],
    "mse": [
        # a Python loop; `sum` as a local name
        cell(NB, "mse", """\
    t = np.ravel(np.asarray(y_true, dtype=float))
    p = np.ravel(np.asarray(y_pred, dtype=float))
    sum = 0.0
    for target, prediction in zip(t, p):
        sum += (prediction - target) ** 2
    return sum / len(t)
"""),
        # a dot product of the errors with themselves
        cell(NB, "mse", """\
    errors = np.subtract(y_pred, y_true, dtype=float).ravel()
    return float(errors @ errors / errors.size)
"""),
        # math for scalar inputs, numpy otherwise
        cell(NB, "mse", """\
    import math

    if np.ndim(y_true) == 0 and np.ndim(y_pred) == 0:
        return math.pow(float(y_pred) - float(y_true), 2)
    return np.square(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)).mean()
"""),
    ],
    "logistic_neuron": [
        # the naive formula: exp overflows to inf at z = -1000, and 1 / inf is exactly 0
        cell(NB, "logistic_neuron", """\
    return 1 / (1 + np.exp(-(w0 + w1 * np.asarray(x, dtype=float))))
"""),
        # through tanh: sigma(z) = (1 + tanh(z / 2)) / 2
        cell(NB, "logistic_neuron", """\
    z = w0 + w1 * np.asarray(x, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * z))
"""),
        # a Python loop with math.exp, never of a positive number; `compile` as a local name
        cell(NB, "logistic_neuron", """\
    import math

    z = w0 + w1 * np.asarray(x, dtype=float)
    compile = np.empty(z.shape)
    for index, value in np.ndenumerate(z):
        if value >= 0:
            compile[index] = 1.0 / (1.0 + math.exp(-value))
        else:
            compile[index] = math.exp(value) / (1.0 + math.exp(value))
    return compile
"""),
        # z clipped to [-500, 500]: beyond that the sigmoid is 0 or 1 to double precision
        cell(NB, "logistic_neuron", """\
    z = np.clip(w0 + w1 * np.asarray(x, dtype=float), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))
"""),
    ],
    "q_xor": [
        "answer_xor = 16 - 2  # all but XOR and XNOR\n",
        "answer_xor = np.int64(14)\n",
        "answer_xor = 14.0\n",
    ],
    "q_mse": [
        "answer_mse = 41.67\n",
        "answer_mse = (100 + 25 + 0) / 3\n",
        "answer_mse = mse([20, 3, 1], [10, 8, 1])  # with my own mse\n",
        "answer_mse = np.float64(125) / 3\n",
    ],
    "q_special_case": [
        'answer_special_case = "B"\n',
        "answer_special_case = ' b '  # the identity does not squash z\n",
    ],
}
"""grade_id of a solution cell -> correct sources for it, each written unlike the solution."""
