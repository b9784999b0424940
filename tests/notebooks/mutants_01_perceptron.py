"""Mutants of the 01_perceptron notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/01_perceptron/01_perceptron.ipynb`` to full replacement sources for that cell, each a
mistake students make (sign errors, ``>`` for ``>=``, a forgotten bias, sum for mean, ...).
Substituted into the solution notebook, every mutant must make at least one of that exercise's
graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, then the
student's code (no solution markers, no ``raise NotImplementedError``).
"""

_HEADS = {
    "weighted_sum": '''\
def weighted_sum(X, w, b: float):
    """Weighted sum z = w · x + b of one input or of each row of ``X``.

    Parameters
    ----------
    X : array_like, shape (n_features,) or (n_samples, n_features)
        One input x, or a batch with one input per row.
    w : array_like, shape (n_features,)
        The weights.
    b : float
        The bias.

    Returns
    -------
    float or ndarray of shape (n_samples,)
        A float for one input; one z per row for a batch.

    Examples
    --------
    >>> weighted_sum([1.0, 0.0], [0.5, 0.5], -0.75)
    -0.25
    """
''',
    "step": '''\
def step(z):
    """Binary step (Heaviside) used by the perceptron: 1 if z >= 0, else 0.

    Parameters
    ----------
    z : float or array_like
        Pre-activation(s), any shape.

    Returns
    -------
    ndarray of float, same shape as ``z``
        1.0 where z >= 0 (z = 0 included), 0.0 elsewhere.

    Examples
    --------
    >>> step([-0.5, 0.0, 2.0])
    array([0., 1., 1.])
    """
''',
    "perceptron_predict": '''\
def perceptron_predict(X, w, b: float):
    """Perceptron output ŷ = step(w · x + b): 1 if z >= 0, else 0.

    Parameters
    ----------
    X : array_like, shape (n_features,) or (n_samples, n_features)
        One input x, or a batch with one input per row.
    w : array_like, shape (n_features,)
    b : float

    Returns
    -------
    ndarray of float, shape () for one input or (n_samples,) for a batch
        The predicted classes, 0.0 or 1.0.

    Examples
    --------
    >>> perceptron_predict([[0, 0], [0, 1], [1, 0], [1, 1]], [1.0, 1.0], -1.5)
    array([0., 0., 0., 1.])
    """
''',
    "perceptron_update": '''\
def perceptron_update(x, y: float, w, b: float, lr: float = 1.0):
    """One step of Rosenblatt's rule on one example: compare the output with the target and move
    the weights to shrink the difference.

    ŷ = step(w · x + b), then w ← w + η (y − ŷ) x and b ← b + η (y − ŷ).
    A correct prediction changes nothing.

    Parameters
    ----------
    x : array_like, shape (n_features,)
        One example.
    y : float
        Target, 0 or 1.
    w : array_like, shape (n_features,)
    b : float
    lr : float
        Learning rate η > 0.

    Returns
    -------
    w : ndarray, shape (n_features,)
        The new weights (a new array: do not modify the ``w`` you were given).
    b : float
        The new bias.

    Examples
    --------
    >>> perceptron_update([1.0, 1.0], 1, [0.0, 0.0], -1.0, lr=0.5)
    (array([0.5, 0.5]), -0.5)
    """
''',
    "train_perceptron": '''\
def train_perceptron(X, y, lr: float = 1.0, epochs: int = 100, w=None, b: float = 0.0):
    """Rosenblatt's perceptron learning: sweep the examples in order, updating on each mistake,
    until an epoch has no mistakes or ``epochs`` run out.

    Converges when the classes are linearly separable (AND, OR); never does for XOR.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Targets, 0 or 1.
    lr : float
        Learning rate η.
    epochs : int
        Maximum number of sweeps over the examples.
    w : array_like, shape (n_features,), optional
        Initial weights (zeros by default).
    b : float
        Initial bias.

    Returns
    -------
    w : ndarray, shape (n_features,)
    b : float
    history : PerceptronHistory
        ``history.weights`` and ``history.biases``: w and b before training and after each
        single-example update (also the ones that change nothing); ``history.errors``: the
        number of misclassified examples in each epoch (counted before each update);
        ``history.converged``: True if an epoch finished with no mistakes.

    Examples
    --------
    >>> w, b, history = train_perceptron([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    >>> history.converged, perceptron_predict([[0, 0], [0, 1], [1, 0], [1, 1]], w, b)
    (True, array([0., 0., 0., 1.]))
    """
''',
    "mse": '''\
def mse(y_true, y_pred) -> float:
    """Mean squared error, (1/N) Σ (ŷ − y)², averaged over all N elements.

    Parameters
    ----------
    y_true : array_like
        Targets (the slide's "Objetivo").
    y_pred : array_like, same shape as ``y_true``
        Predictions (the slide's "Predicción").

    Returns
    -------
    float

    Examples
    --------
    >>> mse([20, 3, 1], [10, 8, 6])
    50.0
    """
''',
    "logistic_neuron": '''\
def logistic_neuron(x, w0: float, w1: float):
    """The one-variable sigmoid perceptron of PERC, y(x) = 1 / (1 + e^(−(w0 + w1·x))):
    the probability that ``x`` belongs to class 1 (logistic regression).

    Parameters
    ----------
    x : float or array_like
        The input(s), any shape.
    w0 : float
        The bias (the slide's w_0).
    w1 : float
        The weight of x.

    Returns
    -------
    ndarray of float, same shape as ``x``
        Probabilities in [0, 1]; no overflow warnings for large |w0 + w1·x|.

    Examples
    --------
    >>> float(logistic_neuron(0.0, 0.0, 3.0))
    0.5
    """
''',
}
"""Signature and docstring of each exercise, as in the notebook."""


def _cell(name: str, body: str) -> str:
    """A solution cell for exercise ``name`` whose body is ``body``."""
    return _HEADS[name] + body


MUTANTS = {
    "weighted_sum": [
        # forgets the bias
        _cell("weighted_sum", """\
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    z = X @ w
    return float(z) if z.ndim == 0 else z
"""),
        # subtracts the bias (a threshold instead of a bias)
        _cell("weighted_sum", """\
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) - b
    return float(z) if z.ndim == 0 else z
"""),
        # sums over the whole batch: one number instead of one per row
        _cell("weighted_sum", """\
    return float(np.sum(np.asarray(X, dtype=float) * np.asarray(w, dtype=float)) + b)
"""),
        # shape bug: w first, so a batch (n, d) does not line up
        _cell("weighted_sum", """\
    return np.dot(w, X) + b
"""),
    ],
    "step": [
        # > instead of >=: z = 0 gives 0
        _cell("step", """\
    return (np.asarray(z, dtype=float) > 0).astype(float)
"""),
        # sign instead of step: -1 for negative z
        _cell("step", """\
    return np.sign(z)
"""),
        # scalar-only Python if: fails on arrays
        _cell("step", """\
    return 1.0 if z >= 0 else 0.0
"""),
        # sigmoid instead of step
        _cell("step", """\
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
"""),
    ],
    "perceptron_predict": [
        # > instead of >=: a point on the line is class 0
        _cell("perceptron_predict", """\
    return (np.asarray(weighted_sum(X, w, b)) > 0).astype(float)
"""),
        # forgets the bias
        _cell("perceptron_predict", """\
    return step(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
"""),
        # returns z, not the class
        _cell("perceptron_predict", """\
    return weighted_sum(X, w, b)
"""),
    ],
    "perceptron_update": [
        # sign flipped: error = prediction - target
        _cell("perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(perceptron_predict(x, w, b)) - float(y)
    return w + lr * error * x, float(b) + lr * error
"""),
        # forgets to update the bias
        _cell("perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - float(perceptron_predict(x, w, b))
    return w + lr * error * x, float(b)
"""),
        # ignores the learning rate
        _cell("perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - float(perceptron_predict(x, w, b))
    return w + error * x, float(b) + error
"""),
        # updates even when the prediction is correct
        _cell("perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    direction = 1.0 if y == 1 else -1.0
    return w + lr * direction * x, float(b) + lr * direction
"""),
        # uses z instead of the step output (the delta rule)
        _cell("perceptron_update", """\
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    error = float(y) - weighted_sum(x, w, b)
    return w + lr * error * x, float(b) + lr * error
"""),
    ],
    "train_perceptron": [
        # never stops early: keeps sweeping after a mistake-free epoch
        _cell("train_perceptron", """\
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
        _cell("train_perceptron", """\
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
        _cell("train_perceptron", """\
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
        _cell("train_perceptron", """\
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
        _cell("train_perceptron", """\
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
        _cell("train_perceptron", """\
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
        _cell("mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sum((y_pred - y_true) ** 2))
"""),
        # forgets to square: the errors cancel
        _cell("mse", """\
    return float(np.mean(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)))
"""),
        # half the mean (the slides' E = 1/2 sum, mixed up)
        _cell("mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(0.5 * np.mean((y_pred - y_true) ** 2))
"""),
        # root of the mean (RMSE)
        _cell("mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))
"""),
        # sums over the last axis, averages over rows only
        _cell("mse", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean(np.sum((y_pred - y_true) ** 2, axis=-1)))
"""),
    ],
    "logistic_neuron": [
        # sign of the exponent flipped
        _cell("logistic_neuron", """\
    return 1.0 / (1.0 + np.exp(w0 + w1 * np.asarray(x, dtype=float)))
"""),
        # forgets w0 (uses w1 * x only)
        _cell("logistic_neuron", """\
    return 1.0 / (1.0 + np.exp(-w1 * np.asarray(x, dtype=float)))
"""),
        # swaps w0 and w1
        _cell("logistic_neuron", """\
    z = w1 + w0 * np.asarray(x, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))
"""),
        # no activation: returns z
        _cell("logistic_neuron", """\
    return w0 + w1 * np.asarray(x, dtype=float)
"""),
        # tanh instead of the sigmoid
        _cell("logistic_neuron", """\
    return np.tanh(w0 + w1 * np.asarray(x, dtype=float))
"""),
    ],
    "q_xor": [
        'answer_xor = "a"',  # only AND
        'answer_xor = "c"',  # all three
    ],
    "q_mse": [
        'answer_mse = 50.0',  # the unchanged slide value
        'answer_mse = 125.0',  # the total, not the mean
    ],
    "q_special_case": [
        'answer_special_case = "a"',  # identity (that is linear regression)
        'answer_special_case = "b"',  # step (that is the perceptron)
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "weighted_sum": _cell("weighted_sum", """\
    return reference.weighted_sum(X, w, b)
"""),
    "step": _cell("step", """\
    return reference.step(z)
"""),
    "perceptron_predict": _cell("perceptron_predict", """\
    return reference.perceptron_predict(X, w, b)
"""),
    "perceptron_update": _cell("perceptron_update", """\
    return reference.perceptron_update(x, y, w, b, lr)
"""),
    "train_perceptron": _cell("train_perceptron", """\
    return reference.train_perceptron(X, y, lr, epochs, w, b)
"""),
    "mse": _cell("mse", """\
    return ref_losses.mse(y_true, y_pred)
"""),
    "logistic_neuron": _cell("logistic_neuron", """\
    return reference.logistic_neuron(x, w0, w1)
"""),
}
"""grade_id of an exercise -> a solution cell that only calls coursekit's reference."""
