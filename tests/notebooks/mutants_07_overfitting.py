"""Mutants of the 07_overfitting notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/07_overfitting/07_overfitting.ipynb`` to full replacement sources for that cell,
each a mistake students make (validation taken from the end, ``int`` for ``round``, biases
penalised, λ/m for λ/(2m), dropout not inverted or kept on the wrong side, a tie counted as an
improvement, variance with ``ddof=1``, ...). Substituted into the solution notebook, every
mutant must make at least one of that exercise's graded cells (``<grade_id>_visible``,
``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, taken
from the solution notebook (``exercise_cells.cell``), then the student's code (no solution
markers, no ``raise NotImplementedError``).
"""

from exercise_cells import cell

NOTEBOOK = "07_overfitting"


def _cell(name: str, body: str) -> str:
    """Exercise ``name``'s cell of the solution notebook (its signature and docstring) with
    ``body`` as its code."""
    return cell(NOTEBOOK, name, body)


MUTANTS = {
    "train_val_split": [
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]][::-1]
"""),  # validation targets reversed: rows no longer paired
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[:-n_val]], y[order[:-n_val]], X[order[-n_val:]], y[order[-n_val:]]
"""),  # validation taken from the end of the permutation
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = int(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]
"""),  # int() truncates: 0.29 * 100 gives 28
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    return X[n_val:], y[n_val:], X[:n_val], y[:n_val]
"""),  # not shuffled
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    train, val = np.sort(order[n_val:]), np.sort(order[:n_val])
    return X[train], y[train], X[val], y[val]
"""),  # right sets, but sorted instead of in the permutation's order
    ],
    "l2_penalty": [
        _cell("l2_penalty", """\
    total = sum(np.sum(layer["W"] ** 2) + np.sum(layer["b"] ** 2) for layer in params)
    return float(lambda_ / (2 * n_samples) * total)
"""),  # biases penalised too
        _cell("l2_penalty", """\
    total = sum(np.sum(layer["W"] ** 2) for layer in params)
    return float(lambda_ / n_samples * total)
"""),  # λ/m instead of λ/(2m)
        _cell("l2_penalty", """\
    total = sum(np.sum(np.abs(layer["W"])) for layer in params)
    return float(lambda_ / (2 * n_samples) * total)
"""),  # absolute values (L1), not squares
        _cell("l2_penalty", """\
    return float(lambda_ / (2 * n_samples) * np.sum(params[0]["W"] ** 2))
"""),  # only the first layer
    ],
    "l2_gradient": [
        _cell("l2_gradient", """\
    return [{"W": lambda_ / n_samples * layer["W"], "b": lambda_ / n_samples * layer["b"]}
            for layer in params]
"""),  # biases decayed too
        _cell("l2_gradient", """\
    return [{"W": lambda_ / (2 * n_samples) * layer["W"], "b": np.zeros_like(layer["b"])}
            for layer in params]
"""),  # forgot that the 2 of the square cancels the 1/2
        _cell("l2_gradient", """\
    return [{"W": lambda_ * layer["W"], "b": np.zeros_like(layer["b"])} for layer in params]
"""),  # no 1/m
        _cell("l2_gradient", """\
    return [{"W": lambda_ / n_samples * layer["W"]} for layer in params]
"""),  # no bias entry
    ],
    "dropout_forward": [
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    mask = (np.random.default_rng(rng).random(a.shape) >= rate).astype(float)
    return a * mask, mask
"""),  # not inverted: survivors not scaled
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) < rate
    mask = keep / (1.0 - rate)
    return a * mask, mask
"""),  # keeps with probability rate instead of dropping with it
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) >= rate
    mask = keep / rate
    return a * mask, mask
"""),  # divided by rate, not by 1 - rate
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) >= rate
    mask = keep * (1.0 - rate)
    return a * mask, mask
"""),  # multiplied by the keep probability (test-time scaling) instead of divided
    ],
    "early_stopping_epoch": [
        _cell("early_stopping_epoch", """\
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch = np.inf, -1
    for epoch, loss in enumerate(losses):
        if loss <= best - min_delta:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(losses) - 1
"""),  # a tie counts as an improvement
        _cell("early_stopping_epoch", """\
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch = np.inf, -1
    for epoch, loss in enumerate(losses):
        if loss < best - min_delta:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch > patience:
            return best_epoch, epoch
    return best_epoch, len(losses) - 1
"""),  # stops one epoch late
        _cell("early_stopping_epoch", """\
    losses = np.asarray(val_losses, dtype=float)
    best_epoch = int(np.argmin(losses))
    stop = min(best_epoch + patience, len(losses) - 1)
    return best_epoch, stop
"""),  # looks at the whole curve (the future) for the best epoch
        _cell("early_stopping_epoch", """\
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch = np.inf, -1
    for epoch, loss in enumerate(losses):
        if loss < best:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(losses) - 1
"""),  # ignores min_delta
    ],
    "bias_variance": [
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    variance = np.mean(np.var(predictions, axis=0, ddof=1))
    return float(np.mean((mean_fit - f_true) ** 2)), float(variance)
"""),  # sample variance (ddof=1)
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    bias2 = np.mean((predictions - f_true) ** 2)
    return float(bias2), float(np.mean((predictions - mean_fit) ** 2))
"""),  # "bias²" is the mean squared error of the fits (bias² + variance)
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=1, keepdims=True)
    return (float(np.mean((mean_fit - f_true) ** 2)),
            float(np.mean((predictions - mean_fit) ** 2)))
"""),  # mean over the points instead of over the fits
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    return (float(np.mean(mean_fit - f_true) ** 2),
            float(np.mean((predictions - mean_fit) ** 2)))
"""),  # squares the mean error: errors of opposite sign cancel
    ],
    "q_start_small": [
        'answer_start_small = "c"',  # never grow
        'answer_start_small = "a"',  # large networks cannot be trained
    ],
    "q_more_data": [
        'answer_more_data = "a"',  # more capacity: lowers bias, raises variance
        'answer_more_data = "b"',  # more epochs: overfits more
        'answer_more_data = "d"',  # reports the training error
    ],
    "q_interpolation": [
        'answer_interpolation = "c"',  # the classical U-curve intuition
        'answer_interpolation = "a"',  # underfitting
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "train_val_split": _cell("train_val_split", """\
    return reference.train_val_split(X, y, val_fraction, rng)
"""),
    "l2_penalty": _cell("l2_penalty", """\
    return ref_regularization.l2_penalty(params, lambda_, n_samples)
"""),
    "l2_gradient": _cell("l2_gradient", """\
    return ref_regularization.l2_gradient(params, lambda_, n_samples)
"""),
    "dropout_forward": _cell("dropout_forward", """\
    return ref_regularization.dropout(a, rate, rng)
"""),
    "early_stopping_epoch": _cell("early_stopping_epoch", """\
    return reference.early_stopping_epoch(val_losses, patience, min_delta)
"""),
    "bias_variance": _cell("bias_variance", """\
    return ref_bias_variance.bias_variance(predictions, f_true)
"""),
}
"""grade_id of an exercise -> a solution cell that calls coursekit's reference (must earn 0)."""
