"""Mutants of the 01_perceptron notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/01_perceptron/01_perceptron.ipynb`` to full replacement sources for that cell, each a
mistake students make (sign errors, ``>`` for ``>=``, a forgotten bias, sum for mean, ...).
Substituted into the solution notebook, every mutant must make at least one of that exercise's
graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, taken from
the solution notebook by ``exercise_cells.cell``, then the student's code (no solution markers,
no ``raise NotImplementedError``).
"""

from exercise_cells import cell

NB = "01_perceptron"

MUTANTS = {
    "weighted_sum": [
        # forgets the bias
        cell(NB, "weighted_sum", """\
    # misconception: forgot_bias
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    z = X @ w
    return float(z) if z.ndim == 0 else z
"""),
        # subtracts the bias (a threshold instead of a bias)
        cell(NB, "weighted_sum", """\
    # misconception: bias_subtracted
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) - b
    return float(z) if z.ndim == 0 else z
"""),
        # sums over the whole batch: one number instead of one per row
        cell(NB, "weighted_sum", """\
    # misconception: whole_batch
    return float(np.sum(np.asarray(X, dtype=float) * np.asarray(w, dtype=float)) + b)
"""),
        # shape bug: w first, so a batch (n, d) does not line up
        cell(NB, "weighted_sum", """\
    return np.dot(w, X) + b
"""),
    ],
    "step": [
        # > instead of >=: z = 0 gives 0
        cell(NB, "step", """\
    # misconception: strict_inequality
    return (np.asarray(z, dtype=float) > 0).astype(float)
"""),
        # sign instead of step: -1 for negative z
        cell(NB, "step", """\
    # misconception: sign
    return np.sign(z)
"""),
        # scalar-only Python if: fails on arrays
        cell(NB, "step", """\
    return 1.0 if z >= 0 else 0.0
"""),
        # sigmoid instead of step
        cell(NB, "step", """\
    # misconception: sigmoid
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
"""),
    ],
    "perceptron_predict": [
        # > instead of >=: a point on the line is class 0
        cell(NB, "perceptron_predict", """\
    # misconception: strict_inequality
    return (np.asarray(weighted_sum(X, w, b)) > 0).astype(float)
"""),
        # forgets the bias
        cell(NB, "perceptron_predict", """\
    # misconception: forgot_bias
    return step(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
"""),
        # returns z, not the class
        cell(NB, "perceptron_predict", """\
    # misconception: returns_z
    return weighted_sum(X, w, b)
"""),
    ],
    "perceptron_update": [
        # sign flipped: error = prediction - target
        cell(NB, "perceptron_update", """\
    # misconception: sign_flipped
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(perceptron_predict(x, w, b)) - float(y)
    return w + lr * error * x, float(b) + lr * error
"""),
        # forgets to update the bias
        cell(NB, "perceptron_update", """\
    # misconception: bias_not_updated
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - float(perceptron_predict(x, w, b))
    return w + lr * error * x, float(b)
"""),
        # ignores the learning rate
        cell(NB, "perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - float(perceptron_predict(x, w, b))
    return w + error * x, float(b) + error
"""),
        # updates even when the prediction is correct
        cell(NB, "perceptron_update", """\
    # misconception: always_updates
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    direction = 1.0 if y == 1 else -1.0
    return w + lr * direction * x, float(b) + lr * direction
"""),
        # uses z instead of the step output (the delta rule)
        cell(NB, "perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - weighted_sum(x, w, b)
    return w + lr * error * x, float(b) + lr * error
"""),
    ],
    "train_perceptron": [
        # never stops early: keeps sweeping after a mistake-free epoch
        cell(NB, "train_perceptron", """\
    # misconception: never_stops
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            mistakes += int(perceptron_predict(x_i, w, b) != y_i)
            w, b = perceptron_update(x_i, y_i, w, b, lr)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
    return w, b, history
"""),
        # counts mistakes after the update
        cell(NB, "train_perceptron", """\
    # misconception: counts_after_update
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            w, b = perceptron_update(x_i, y_i, w, b, lr)
            mistakes += int(perceptron_predict(x_i, w, b) != y_i)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
            break
    return w, b, history
"""),
        # records w and b only when they change
        cell(NB, "train_perceptron", """\
    # misconception: records_changes_only
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            if perceptron_predict(x_i, w, b) != y_i:
                mistakes += 1
                w, b = perceptron_update(x_i, y_i, w, b, lr)
                history.weights.append(w)
                history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
            break
    return w, b, history
"""),
        # updates w in place: every recorded w is the same array
        cell(NB, "train_perceptron", """\
    # misconception: in_place
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - float(perceptron_predict(x_i, w, b))
            mistakes += int(error != 0)
            w += lr * error * x_i
            b += lr * error
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
            break
    return w, b, history
"""),
        # forgets to set history.converged
        cell(NB, "train_perceptron", """\
    # misconception: converged_not_set
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, dtype=float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            mistakes += int(perceptron_predict(x_i, w, b) != y_i)
            w, b = perceptron_update(x_i, y_i, w, b, lr)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            break
    return w, b, history
"""),
        # ignores the initial w and b it is given
        cell(NB, "train_perceptron", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            mistakes += int(perceptron_predict(x_i, w, b) != y_i)
            w, b = perceptron_update(x_i, y_i, w, b, lr)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
            break
    return w, b, history
"""),
    ],
    "mse": [
        # sum instead of mean (the slide's total 150, not 50)
        cell(NB, "mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sum((y_pred - y_true) ** 2))  # misconception: sum_not_mean
"""),
        # forgets to square: the errors cancel
        cell(NB, "mse", """\
    # misconception: not_squared
    return float(np.mean(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)))
"""),
        # half the mean (the slides' E = 1/2 sum, mixed up)
        cell(NB, "mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(0.5 * np.mean((y_pred - y_true) ** 2))  # misconception: halved
"""),
        # root of the mean (RMSE)
        cell(NB, "mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))  # misconception: root
"""),
        # sums over the last axis, averages over rows only
        cell(NB, "mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean(np.sum((y_pred - y_true) ** 2, axis=-1)))
"""),
    ],
    "logistic_neuron": [
        # sign of the exponent flipped
        cell(NB, "logistic_neuron", """\
    # misconception: exponent_sign
    return 1.0 / (1.0 + np.exp(w0 + w1 * np.asarray(x, dtype=float)))
"""),
        # forgets w0 (uses w1 * x only)
        cell(NB, "logistic_neuron", """\
    # misconception: forgot_w0
    return 1.0 / (1.0 + np.exp(-w1 * np.asarray(x, dtype=float)))
"""),
        # swaps w0 and w1
        cell(NB, "logistic_neuron", """\
    # misconception: swapped_weights
    z = w1 + w0 * np.asarray(x, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))
"""),
        # no activation: returns z
        cell(NB, "logistic_neuron", """\
    return w0 + w1 * np.asarray(x, dtype=float)
"""),
        # tanh instead of the sigmoid
        cell(NB, "logistic_neuron", """\
    return np.tanh(w0 + w1 * np.asarray(x, dtype=float))
"""),
    ],
    "q_xor": [
        "# copied from the cell above\nanswer_xor = 2",  # AND and OR, the two gates shown
        "answer_xor = 15",  # only XOR fails (its negation XNOR forgotten)
        "answer_xor = 16",  # every function, given enough epochs
        "answer_xor = 3",  # the three gates of the section
    ],
    "q_mse": [
        "# copied from the cell above\nanswer_mse = 50.0",  # the slide's MSE, unchanged
        "answer_mse = 125.0",  # the total, not the mean
    ],
    "q_special_case": [
        'answer_special_case = "a"',  # the linear unit's outputs read as probabilities
        'answer_special_case = "c"',  # identity confused with the step
        'answer_special_case = "d"',  # same weighted sum taken for the same output
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "weighted_sum": cell(NB, "weighted_sum", """\
    return reference.weighted_sum(X, w, b)
"""),
    "step": cell(NB, "step", """\
    return reference.step(z)
"""),
    "perceptron_predict": cell(NB, "perceptron_predict", """\
    return reference.perceptron_predict(X, w, b)
"""),
    "perceptron_update": cell(NB, "perceptron_update", """\
    return reference.perceptron_update(x, y, w, b, lr)
"""),
    "train_perceptron": cell(NB, "train_perceptron", """\
    return reference.train_perceptron(X, y, lr, epochs, w, b)
"""),
    "mse": cell(NB, "mse", """\
    return ref_losses.mse(y_true, y_pred)
"""),
    "logistic_neuron": cell(NB, "logistic_neuron", """\
    return reference.logistic_neuron(x, w0, w1)
"""),
}
"""grade_id of an exercise -> a solution cell that only calls coursekit's reference."""
