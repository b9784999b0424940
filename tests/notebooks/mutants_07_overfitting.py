"""Mutants of the 07_overfitting notebook: plausible wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/07_overfitting/07_overfitting.ipynb`` to full replacement sources for that cell,
each a mistake students make (rows unpaired, ``int`` for ``round``, biases penalised, λ/m for
λ/(2m), dropout not inverted or kept on the wrong side, a tie counted as an improvement, bias²
not corrected, ...). Substituted into the solution notebook, every mutant must make at least one
of that exercise's graded cells (``<grade_id>_visible``, ``<grade_id>_hidden`` or
``<grade_id>_answer``) fail. A line ``# misconception: <name>`` names the misconception of
``coursekit.misconceptions.nb07`` that a mutant embodies (its failure message must name it); a
line ``# copied from the cell above`` marks a question's answer a student would copy from the
cell just above it.

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
    n = X.shape[0]
    val = np.linspace(0, n - 1, round(val_fraction * n)).round().astype(int)
    train = np.setdiff1d(np.arange(n), val)
    return X[train], y[train], X[val], y[val]
"""),  # a fixed spread of rows, rng never used (every fact of a split holds)
        _cell("train_val_split", """\
    # misconception: unpaired
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]][::-1]
"""),  # validation targets reversed: rows no longer paired
        _cell("train_val_split", """\
    # misconception: unpaired
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    gen = np.random.default_rng(rng)
    order_X, order_y = gen.permutation(X.shape[0]), gen.permutation(X.shape[0])
    return X[order_X[n_val:]], y[order_y[n_val:]], X[order_X[:n_val]], y[order_y[:n_val]]
"""),  # X and y shuffled separately
        _cell("train_val_split", """\
    # misconception: int_not_round
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = int(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]
"""),  # int() truncates: 0.29 * 30 gives 8, not 9
        _cell("train_val_split", """\
    # misconception: not_shuffled
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    return X[n_val:], y[n_val:], X[:n_val], y[:n_val]
"""),  # not shuffled
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_val = round(val_fraction * X.shape[0])
    return X[:-n_val], y[:-n_val], X[-n_val:], y[-n_val:]
"""),  # not shuffled, the last rows held out
        _cell("train_val_split", """\
    # misconception: fraction_for_training
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_train = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[:n_train]], y[order[:n_train]], X[order[n_train:]], y[order[n_train:]]
"""),  # val_fraction read as the training share
        _cell("train_val_split", """\
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    gen = np.random.default_rng(rng)
    n_val = round(val_fraction * X.shape[0])
    val = gen.integers(0, X.shape[0], n_val)  # with replacement: a row can come twice
    train = np.setdiff1d(np.arange(X.shape[0]), val)
    return X[train], y[train], X[val], y[val]
"""),  # validation drawn with replacement: rows repeated, the set too small
    ],
    "l2_penalty": [
        _cell("l2_penalty", """\
    # misconception: biases_penalised
    total = sum(np.sum(layer["W"] ** 2) + np.sum(layer["b"] ** 2) for layer in params)
    return float(lambda_ / (2 * n_samples) * total)
"""),  # biases penalised too
        _cell("l2_penalty", """\
    # misconception: lambda_over_m
    total = sum(np.sum(layer["W"] ** 2) for layer in params)
    return float(lambda_ / n_samples * total)
"""),  # λ/m instead of λ/(2m)
        _cell("l2_penalty", """\
    # misconception: absolute_values
    total = sum(np.sum(np.abs(layer["W"])) for layer in params)
    return float(lambda_ / (2 * n_samples) * total)
"""),  # absolute values (L1), not squares
        _cell("l2_penalty", """\
    # misconception: first_layer_only
    return float(lambda_ / (2 * n_samples) * np.sum(params[0]["W"] ** 2))
"""),  # only the first layer
    ],
    "l2_gradient": [
        _cell("l2_gradient", """\
    # misconception: biases_decayed
    return [{"W": lambda_ / n_samples * layer["W"], "b": lambda_ / n_samples * layer["b"]}
            for layer in params]
"""),  # biases decayed too
        _cell("l2_gradient", """\
    # misconception: halved
    return [{"W": lambda_ / (2 * n_samples) * layer["W"], "b": np.zeros_like(layer["b"])}
            for layer in params]
"""),  # forgot that the 2 of the square cancels the 1/2
        _cell("l2_gradient", """\
    # misconception: without_m
    return [{"W": lambda_ * layer["W"], "b": np.zeros_like(layer["b"])} for layer in params]
"""),  # no 1/m
        _cell("l2_gradient", """\
    # misconception: no_bias_entry
    return [{"W": lambda_ / n_samples * layer["W"]} for layer in params]
"""),  # no bias entry
    ],
    "dropout_forward": [
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = (np.arange(a.size) * 0.6180339887 % 1.0).reshape(a.shape) >= rate
    mask = keep / (1.0 - rate)
    return a * mask, mask
"""),  # a fixed pattern instead of random draws: the same mask for every rng
        _cell("dropout_forward", """\
    # misconception: not_inverted
    a = np.asarray(a, dtype=float)
    mask = (np.random.default_rng(rng).random(a.shape) >= rate).astype(float)
    return a * mask, mask
"""),  # not inverted: survivors not scaled
        _cell("dropout_forward", """\
    # misconception: keeps_with_rate
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) < rate
    mask = keep / (1.0 - rate)
    return a * mask, mask
"""),  # keeps with probability rate instead of dropping with it
        _cell("dropout_forward", """\
    # misconception: divided_by_rate
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) >= rate
    mask = keep / rate
    return a * mask, mask
"""),  # divided by rate, not by 1 - rate
        _cell("dropout_forward", """\
    # misconception: times_keep
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) >= rate
    mask = keep * (1.0 - rate)
    return a * mask, mask
"""),  # multiplied by the keep probability (test-time scaling) instead of divided
        _cell("dropout_forward", """\
    # misconception: one_mask_per_batch
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape[1]) >= rate  # one number per unit
    mask = np.tile(keep / (1.0 - rate), (a.shape[0], 1))
    return a * mask, mask
"""),  # the same mask for every sample
        _cell("dropout_forward", """\
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) >= rate
    mask = keep / (1.0 - rate)
    return a, mask
"""),  # the mask drawn but not applied
    ],
    "early_stopping_epoch": [
        _cell("early_stopping_epoch", """\
    # misconception: tie_improves
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
    # misconception: stops_late
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
    # misconception: future_argmin
    losses = np.asarray(val_losses, dtype=float)
    best_epoch = int(np.argmin(losses))
    stop = min(best_epoch + patience, len(losses) - 1)
    return best_epoch, stop
"""),  # looks at the whole curve (the future) for the best epoch
        _cell("early_stopping_epoch", """\
    # misconception: ignores_min_delta
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch = np.inf, -1
    for epoch, loss in enumerate(losses):
        if loss < best:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(losses) - 1
"""),  # ignores min_delta
        _cell("early_stopping_epoch", """\
    # misconception: keeps_last
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch = np.inf, -1
    for epoch, loss in enumerate(losses):
        if loss < best - min_delta:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return epoch, epoch
    return len(losses) - 1, len(losses) - 1
"""),  # keeps the weights of the epoch where it stops
    ],
    "bias_variance": [
        _cell("bias_variance", """\
    # misconception: no_correction
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    variance = np.mean(np.var(predictions, axis=0, ddof=1))
    return float(np.mean((mean_fit - f_true) ** 2)), float(variance)
"""),  # bias² not corrected by variance / n_fits
        _cell("bias_variance", """\
    # misconception: population_variance
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    variance = np.mean(np.var(predictions, axis=0))
    bias2 = np.mean((mean_fit - f_true) ** 2) - variance / len(predictions)
    return float(bias2), float(variance)
"""),  # np.var's default ddof=0
        _cell("bias_variance", """\
    # misconception: no_corrections
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    bias2 = float(np.mean((mean_fit - f_true) ** 2))
    variance = float(np.mean((predictions - mean_fit) ** 2))
    return bias2, variance
"""),  # the plain formulas (this notebook's first version)
        _cell("bias_variance", """\
    # misconception: mse_as_bias
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    bias2 = np.mean((predictions - f_true) ** 2)
    return float(bias2), float(np.mean(np.var(predictions, axis=0, ddof=1)))
"""),  # "bias²" is the mean squared error of the fits (bias² + variance)
        _cell("bias_variance", """\
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=1, keepdims=True)
    variance = float(np.mean((predictions - mean_fit) ** 2)) * predictions.shape[0] / (
        predictions.shape[0] - 1)
    return float(np.mean((mean_fit - f_true) ** 2)) - variance / len(predictions), variance
"""),  # mean over the points instead of over the fits
        _cell("bias_variance", """\
    # misconception: squared_mean_error
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    variance = float(np.mean(np.var(predictions, axis=0, ddof=1)))
    return float(np.mean(mean_fit - f_true) ** 2 - variance / len(predictions)), variance
"""),  # squares the mean error: errors of opposite sign cancel
    ],
    "q_start_small": [
        "# copied from the cell above\nanswer_start_small = 4",  # the grow table's best size
        "answer_start_small = 24",  # the lowest training error
        "answer_start_small = 8",  # grown one step past the best
        "answer_start_small = 1",  # "start small" read as "stay small"
    ],
    "q_more_data": [
        'answer_best_move = "a"',  # more capacity: lowers bias, raises variance
        'answer_best_move = "b"',  # less capacity: less variance, but more bias
        # the worked example's best row: more units and more data (8 units, 60 points)
        "# copied from the cell above\nanswer_best_move = \"d\"",
    ],
    "q_interpolation": [
        "# copied from the cell above\nanswer_interpolation = \"a\"",  # the peak of the table: 30
        'answer_interpolation = "c"',  # the classical U-curve intuition
        'answer_interpolation = "d"',  # more data removes the peak
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
