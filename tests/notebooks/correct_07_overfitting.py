"""Correct answers of the 07_overfitting notebook, written differently from its solutions.

``CORRECT`` maps the ``grade_id`` of each solution cell of
``solutions/07_overfitting/07_overfitting.ipynb`` to whole replacement sources for that cell,
each a right answer in another style than the solution's (Python loops, ``np.split`` and
``np.take``, ``math.fsum`` and ``np.vdot``, in-place scaling of copies, one uniform number drawn
per unit in a loop, ``np.where`` masks, a patience counter, ``np.var``, local names that shadow
builtins, ...). ``train_val_split`` and ``dropout_forward`` are graded on the properties every
valid random procedure has, so some of their answers draw their random numbers differently
from the reference (``rng.choice`` without replacement, the validation rows from the end of the
permutation, sorted sets, ``rng.binomial`` masks, ``random() < 1 - rate``). Substituted into
the solution notebook, every one must keep full marks on that exercise's graded cells
(``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``).

They use only numpy and Python's standard library: coursekit's model selection, regularization
and bias-variance material is what this notebook asks for.
"""

from exercise_cells import cell

NOTEBOOK = "07_overfitting"


def _cell(name: str, body: str) -> str:
    return cell(NOTEBOOK, name, body)


CORRECT = {
    "train_val_split": [
        _cell("train_val_split", """\
    gen = np.random.default_rng(rng)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n = len(X)
    order = gen.permutation(n)
    n_val = round(val_fraction * n)
    val_rows = [int(i) for i in order[:n_val]]
    train_rows = [int(i) for i in order[n_val:]]
    return (np.array([X[i] for i in train_rows]), np.array([y[i] for i in train_rows]),
            np.array([X[i] for i in val_rows]), np.array([y[i] for i in val_rows]))
"""),  # a Generator made once, rows gathered in Python loops
        _cell("train_val_split", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    order = np.random.default_rng(rng).permutation(X.shape[0])
    n_val = int(np.round(val_fraction * X.shape[0]))
    val, train = np.split(order, [n_val])
    return np.take(X, train, axis=0), np.take(y, train, axis=0), np.take(X, val, axis=0), \\
        np.take(y, val, axis=0)
"""),  # np.round, np.split and np.take
        _cell("train_val_split", """\
    input = np.asarray(X, dtype=float)  # shadows the builtin
    target = np.asarray(y, dtype=float)
    order = np.random.default_rng(rng).permutation(len(input))
    n_val = round(val_fraction * len(input))
    train, val = order[n_val:], order[:n_val]
    return tuple(part[rows] for rows in (train, val) for part in (input, target))
"""),  # the four arrays built in one generator expression
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[:-n_val]], y[order[:-n_val]], X[order[-n_val:]], y[order[-n_val:]]
"""),  # validation from the end of the permutation
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    train, val = np.sort(order[n_val:]), np.sort(order[:n_val])
    return X[train], y[train], X[val], y[val]
"""),  # the right sets, each in the order of X
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    gen = np.random.default_rng(rng)
    n = len(X)
    val = gen.choice(n, size=round(val_fraction * n), replace=False)
    train = np.setdiff1d(np.arange(n), val)
    return X[train], y[train], X[val], y[val]
"""),  # rng.choice without replacement, the rest for training
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    gen = np.random.default_rng(rng)
    rows = list(range(len(X)))
    gen.shuffle(rows)  # in place
    n_val = round(val_fraction * len(X))
    is_val = np.zeros(len(X), dtype=bool)
    is_val[rows[:n_val]] = True
    return X[~is_val], y[~is_val], X[is_val], y[is_val]
"""),  # Generator.shuffle of a list, a boolean mask
    ],
    "l2_penalty": [
        _cell("l2_penalty", """\
    import math

    squares = [float(w) ** 2 for layer in params for w in np.ravel(layer["W"])]
    return lambda_ / (2 * n_samples) * math.fsum(squares)
"""),  # math.fsum over every weight, a loop
        _cell("l2_penalty", """\
    sum = 0.0  # shadows the builtin
    for layer in params:
        W = np.asarray(layer["W"], dtype=float)
        sum += float(np.vdot(W, W))
    return lambda_ * sum / (2.0 * n_samples)
"""),  # np.vdot, a running total
        _cell("l2_penalty", """\
    norms = [np.linalg.norm(np.asarray(layer["W"], dtype=float)) for layer in params]
    return float(0.5 * lambda_ / n_samples * np.sum(np.square(norms)))
"""),  # Frobenius norms squared
        _cell("l2_penalty", """\
    total = np.float64(0.0)
    for layer in params:
        total += np.einsum("ij,ij->", layer["W"], layer["W"])
    return total * lambda_ / n_samples / 2
"""),  # einsum, a numpy float64
    ],
    "l2_gradient": [
        _cell("l2_gradient", """\
    grads = []
    for layer in params:
        g = np.array(layer["W"], dtype=float)  # a copy, scaled in place
        g *= lambda_ / n_samples
        grads.append({"W": g, "b": np.zeros(np.shape(layer["b"]))})
    return grads
"""),  # a loop, in-place scaling of a copy
        _cell("l2_gradient", """\
    return list(map(lambda layer: {"W": np.multiply(layer["W"], lambda_) / n_samples,
                                   "b": 0.0 * np.asarray(layer["b"], dtype=float)}, params))
"""),  # map, λ·W/m, 0·b
        _cell("l2_gradient", """\
    factor = lambda_ / n_samples
    return [{name: (factor * np.asarray(value, dtype=float) if name == "W"
                    else np.zeros_like(value, dtype=float)) for name, value in layer.items()}
            for layer in params]
"""),  # over the dicts' items
    ],
    "dropout_forward": [
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    gen = np.random.default_rng(rng)
    mask = np.zeros(a.shape)
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):  # one uniform number per unit, row by row
            if gen.random() >= rate:
                mask[i, j] = 1 / (1 - rate)
    return a * mask, mask
"""),  # one draw per unit in loops
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    u = np.random.default_rng(rng).random(a.shape)
    mask = np.where(u >= rate, 1.0 / (1.0 - rate), 0.0)
    return np.where(u >= rate, a / (1.0 - rate), 0.0), mask
"""),  # np.where
        _cell("dropout_forward", """\
    out = np.array(a, dtype=float)  # a copy, scaled in place
    keep = np.random.default_rng(rng).random(size=out.shape) >= rate
    mask = keep.astype(float) / (1 - rate)
    out *= mask
    return out, mask
"""),  # in place on a copy
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).binomial(1, 1.0 - rate, size=a.shape)
    mask = keep / (1.0 - rate)
    return a * mask, mask
"""),  # a binomial draw per unit
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) < 1.0 - rate  # kept below 1 - rate
    mask = np.where(keep, 1.0 / (1.0 - rate), 0.0)
    return np.where(keep, a / (1.0 - rate), 0.0), mask
"""),  # the other end of the uniform numbers
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    gen = np.random.default_rng(rng)
    mask = gen.choice([0.0, 1.0 / (1.0 - rate)], size=a.shape, p=[rate, 1.0 - rate])
    return a * mask, mask
"""),  # rng.choice of the two mask values
    ],
    "early_stopping_epoch": [
        _cell("early_stopping_epoch", """\
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, value in enumerate(val_losses):
        if value < best - min_delta:
            best, best_epoch, wait = value, epoch, 0
        else:
            wait += 1  # epochs since the last improvement
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
"""),  # a patience counter
        _cell("early_stopping_epoch", """\
    import math

    min = math.inf  # shadows the builtin: the best loss so far
    best_epoch, epoch = -1, 0
    losses = [float(v) for v in val_losses]
    while epoch < len(losses):
        if losses[epoch] < min - min_delta:
            min, best_epoch = losses[epoch], epoch
        if epoch - best_epoch >= patience:
            break
        epoch += 1
    return best_epoch, epoch if epoch < len(losses) else len(losses) - 1
"""),  # a while loop and break
        _cell("early_stopping_epoch", """\
    losses = np.asarray(val_losses, dtype=float)
    best_epoch = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best_epoch] - min_delta:
            best_epoch = epoch
        elif epoch - best_epoch >= patience:
            break
    else:
        return np.int64(best_epoch), np.int64(len(losses) - 1)
    return np.int64(best_epoch), np.int64(epoch)
"""),  # for-else, the best loss read back by index, numpy ints
    ],
    "bias_variance": [
        _cell("bias_variance", """\
    rows = [[float(v) for v in row] for row in predictions]
    f = [float(v) for v in f_true]
    n_fits, n_points = len(rows), len(f)
    mean_fit = [sum(row[j] for row in rows) / n_fits for j in range(n_points)]
    variance = sum((row[j] - mean_fit[j]) ** 2 for row in rows
                   for j in range(n_points)) / ((n_fits - 1) * n_points)
    bias2 = sum((mean_fit[j] - f[j]) ** 2 for j in range(n_points)) / n_points
    return bias2 - variance / n_fits, variance
"""),  # pure Python loops
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    mean_fit = np.mean(predictions, axis=0)
    raw_bias2 = np.mean(np.square(mean_fit - np.asarray(f_true, dtype=float)))
    variance = np.var(predictions, axis=0, ddof=1).mean()  # per point, then the mean
    return float(raw_bias2 - variance / predictions.shape[0]), float(variance)
"""),  # np.var per point
        _cell("bias_variance", """\
    import math

    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    n = P.shape[0]
    mean_fit = P.sum(axis=0) / n
    mse = math.fsum(((P - f) ** 2).ravel()) / P.size  # = bias² + variance, exactly
    variance = math.fsum(((P - mean_fit) ** 2).ravel()) / ((n - 1) * f.size)
    return mse - variance, variance
"""),  # math.fsum; bias² from the mean squared error of the fits
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    n_fits = len(predictions)
    mean_fit = np.average(predictions, axis=0)
    deviations = predictions - mean_fit
    variance = np.average(deviations * deviations) * n_fits / (n_fits - 1)
    return (np.average((mean_fit - np.asarray(f_true, dtype=float)) ** 2) - variance / n_fits,
            variance)
"""),  # np.average, numpy float64 results
    ],
    "q_start_small": [
        "answer_start_small = 6.0\n",
        "answer_start_small = np.int64(6)\n",
    ],
    "q_more_data": [
        'answer_best_move = "C"\n',
        "answer_best_move = 'c '\n",
    ],
    "q_interpolation": [
        'answer_interpolation = "B"\n',
        'answer_interpolation = "\\tb\\n"\n',
    ],
}
"""grade_id of a solution cell -> correct sources for it, written differently from the solution."""
