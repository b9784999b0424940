"""Misconceptions of 07_overfitting's exercises (see :mod:`coursekit.misconceptions`).

``train_val_split`` and ``dropout_forward`` are graded on properties that every valid random
procedure shares (the notebook's ``split_facts`` and ``dropout_facts``), so the checks compare
those properties of a wrong answer with those of each function here: these functions draw their
random numbers as the reference does, and their mistake shows in the properties.
"""

from __future__ import annotations

import numpy as np

from coursekit.misconceptions import Misconception


def _split_arrays(X, y):
    return np.asarray(X, dtype=float), np.asarray(y, dtype=float)


# --- train_val_split --------------------------------------------------------------------------


def split_int_not_round(X, y, val_fraction=0.2, rng=None):
    """``int(val_fraction * n)`` validation rows: truncated, not rounded."""
    X, y = _split_arrays(X, y)
    n_val = int(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]


def split_unpaired(X, y, val_fraction=0.2, rng=None):
    """X and y shuffled with two different permutations: rows no longer paired."""
    X, y = _split_arrays(X, y)
    n_val = round(val_fraction * X.shape[0])
    gen = np.random.default_rng(rng)
    order_X, order_y = gen.permutation(X.shape[0]), gen.permutation(X.shape[0])
    return (X[order_X[n_val:]], y[order_y[n_val:]], X[order_X[:n_val]], y[order_y[:n_val]])


def split_not_shuffled(X, y, val_fraction=0.2, rng=None):
    """The first rows held out, in their order: no shuffle."""
    X, y = _split_arrays(X, y)
    n_val = round(val_fraction * X.shape[0])
    return X[n_val:], y[n_val:], X[:n_val], y[:n_val]


def split_fraction_for_training(X, y, val_fraction=0.2, rng=None):
    """``round(val_fraction * n)`` rows for training, the rest for validation."""
    X, y = _split_arrays(X, y)
    n_train = round(val_fraction * X.shape[0])
    order = np.random.default_rng(rng).permutation(X.shape[0])
    return X[order[:n_train]], y[order[:n_train]], X[order[n_train:]], y[order[n_train:]]


# --- l2_penalty and l2_gradient ---------------------------------------------------------------


def _squares(params, key: str) -> float:
    return float(sum(np.sum(np.asarray(layer[key], dtype=float) ** 2) for layer in params))


def penalty_with_biases(params, lambda_, n_samples) -> float:
    """λ/(2m) · (ΣW² + Σb²): the biases penalised too."""
    return lambda_ / (2 * n_samples) * (_squares(params, "W") + _squares(params, "b"))


def penalty_lambda_over_m(params, lambda_, n_samples) -> float:
    """λ/m · ΣW²: the ½ of λ/(2m) forgotten."""
    return lambda_ / n_samples * _squares(params, "W")


def penalty_absolute(params, lambda_, n_samples) -> float:
    """λ/(2m) · Σ|W|: the L1 sum, not the squares."""
    total = sum(np.sum(np.abs(np.asarray(layer["W"], dtype=float))) for layer in params)
    return float(lambda_ / (2 * n_samples) * total)


def penalty_first_layer(params, lambda_, n_samples) -> float:
    """λ/(2m) · ΣW₁²: the first layer only."""
    return lambda_ / (2 * n_samples) * _squares(params[:1], "W")


def gradient_biases_decayed(params, lambda_, n_samples) -> list:
    """λ/m · b for the biases too."""
    return [{"W": lambda_ / n_samples * np.asarray(layer["W"], dtype=float),
             "b": lambda_ / n_samples * np.asarray(layer["b"], dtype=float)} for layer in params]


def gradient_halved(params, lambda_, n_samples) -> list:
    """λ/(2m) · W: the 2 of the square not cancelled against the ½."""
    return [{"W": lambda_ / (2 * n_samples) * np.asarray(layer["W"], dtype=float),
             "b": np.zeros_like(np.asarray(layer["b"], dtype=float))} for layer in params]


def gradient_without_m(params, lambda_, n_samples) -> list:
    """λ · W: the 1/m dropped."""
    return [{"W": lambda_ * np.asarray(layer["W"], dtype=float),
             "b": np.zeros_like(np.asarray(layer["b"], dtype=float))} for layer in params]


def gradient_without_bias_entry(params, lambda_, n_samples) -> list:
    """Only ``"W"`` in each layer's dict: no gradient for the biases at all."""
    return [{"W": lambda_ / n_samples * np.asarray(layer["W"], dtype=float)} for layer in params]


# --- dropout_forward --------------------------------------------------------------------------


def _keep(a, rate, rng):
    a = np.asarray(a, dtype=float)
    return a, np.random.default_rng(rng).random(a.shape) >= rate


def dropout_not_inverted(a, rate, rng=None):
    """Mask 0 or 1: the kept units not scaled."""
    a, keep = _keep(a, rate, rng)
    mask = keep.astype(float)
    return a * mask, mask


def dropout_divided_by_rate(a, rate, rng=None):
    """Kept units divided by ``rate`` instead of ``1 - rate``."""
    a, keep = _keep(a, rate, rng)
    mask = keep / rate
    return a * mask, mask


def dropout_times_keep(a, rate, rng=None):
    """Kept units multiplied by ``1 - rate`` (test-time scaling) instead of divided."""
    a, keep = _keep(a, rate, rng)
    mask = keep * (1.0 - rate)
    return a * mask, mask


def dropout_keeps_with_rate(a, rate, rng=None):
    """A unit kept with probability ``rate``: rate read as the keep probability."""
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape) < rate
    mask = keep / (1.0 - rate)
    return a * mask, mask


def dropout_one_mask_per_batch(a, rate, rng=None):
    """One mask per unit, shared by every sample of the batch."""
    a = np.asarray(a, dtype=float)
    keep = np.random.default_rng(rng).random(a.shape[-1]) >= rate
    mask = np.broadcast_to(keep / (1.0 - rate), a.shape).copy()
    return a * mask, mask


# --- early_stopping_epoch ---------------------------------------------------------------------


def _replay(val_losses, patience, min_delta, tie_improves=False, late=False):
    """The reference's replay of early stopping, with one of two slips switched on."""
    best, best_epoch = np.inf, -1
    losses = [float(v) for v in val_losses]
    for epoch, loss in enumerate(losses):
        if loss < best - min_delta or (tie_improves and loss == best - min_delta):
            best, best_epoch = loss, epoch
        elif epoch - best_epoch > patience or (not late and epoch - best_epoch == patience):
            return best_epoch, epoch
    return best_epoch, len(losses) - 1


def stopping_tie_improves(val_losses, patience=5, min_delta=0.0):
    """``loss <= best - min_delta``: a tie counted as an improvement."""
    return _replay(val_losses, patience, min_delta, tie_improves=True)


def stopping_ignores_min_delta(val_losses, patience=5, min_delta=0.0):
    """Any decrease counts, however small."""
    return _replay(val_losses, patience, 0.0)


def stopping_future_argmin(val_losses, patience=5, min_delta=0.0):
    """The best epoch of the whole curve, and the stop ``patience`` epochs after it."""
    losses = np.asarray(val_losses, dtype=float)
    best_epoch = int(np.argmin(losses))
    return best_epoch, min(best_epoch + patience, len(losses) - 1)


def stopping_late(val_losses, patience=5, min_delta=0.0):
    """``epoch - best_epoch > patience``: one epoch too late."""
    return _replay(val_losses, patience, min_delta, late=True)


def stopping_keeps_last(val_losses, patience=5, min_delta=0.0):
    """The epoch where training stops returned as the best one."""
    _, stop = _replay(val_losses, patience, min_delta)
    return stop, stop


# --- bias_variance ----------------------------------------------------------------------------


def _fits(predictions, f_true):
    predictions = np.asarray(predictions, dtype=float)
    f_true = np.asarray(f_true, dtype=float)
    mean_fit = predictions.mean(axis=0)
    return (predictions, f_true, mean_fit, float(np.mean((mean_fit - f_true) ** 2)),
            float(np.mean(np.var(predictions, axis=0, ddof=1))))


def bv_no_correction(predictions, f_true):
    """bias² = mean (f̂ − f)², not corrected by variance / n_fits."""
    _, _, _, bias2, variance = _fits(predictions, f_true)
    return bias2, variance


def bv_population_variance(predictions, f_true):
    """ddof=0 variance (np.var's default), and bias² corrected with it."""
    predictions, _, _, bias2, _ = _fits(predictions, f_true)
    variance = float(np.mean(np.var(predictions, axis=0)))
    return bias2 - variance / predictions.shape[0], variance


def bv_no_corrections(predictions, f_true):
    """The plain formulas: bias² uncorrected, variance with ddof=0."""
    predictions, _, _, bias2, _ = _fits(predictions, f_true)
    return bias2, float(np.mean(np.var(predictions, axis=0)))


def bv_mse_as_bias(predictions, f_true):
    """bias² = mean (f_D − f)² over the single fits: the mean squared error."""
    predictions, f_true, _, _, variance = _fits(predictions, f_true)
    return float(np.mean((predictions - f_true) ** 2)), variance


def bv_squared_mean_error(predictions, f_true):
    """bias² = (mean (f̂ − f))² − variance / n_fits: the error averaged before squaring."""
    predictions, f_true, mean_fit, _, variance = _fits(predictions, f_true)
    return float(np.mean(mean_fit - f_true) ** 2 - variance / predictions.shape[0]), variance


CATALOGUE = {
    "train_val_split": [
        Misconception("int_not_round", split_int_not_round, "your validation set has "
                      "int(val_fraction · n_samples) rows, truncated: take "
                      "round(val_fraction · n_samples) rows (8.7 rounds to 9)."),
        Misconception("unpaired", split_unpaired, "your rows of X and y are no longer paired: "
                      "shuffle one array of indices and index X and y with the same indices, "
                      "so that each x keeps its own y."),
        Misconception("not_shuffled", split_not_shuffled, "your validation rows are the first "
                      "(or last) rows of X: shuffle the indices with "
                      "np.random.default_rng(rng) first, so that the split is random."),
        Misconception("fraction_for_training", split_fraction_for_training, "your training "
                      "set has round(val_fraction · n_samples) rows: val_fraction is the share "
                      "held out for validation."),
    ],
    "l2_penalty": [
        Misconception("biases_penalised", penalty_with_biases, "your penalty also adds the "
                      "squared biases b: MADC's sum starts at i = 1, so only the weights W are "
                      "penalised."),
        Misconception("lambda_over_m", penalty_lambda_over_m, "your penalty is twice the "
                      "right one: MADC's term is λ/(2m) · ΣW² (the ½ makes its derivative "
                      "λ/m · W)."),
        Misconception("absolute_values", penalty_absolute, "your penalty sums |W| (that is "
                      "L1): the L2 penalty sums the squares W²."),
        Misconception("first_layer_only", penalty_first_layer, "your penalty counts only the "
                      "first layer's weights: MADC's sum runs over every layer l."),
    ],
    "l2_gradient": [
        Misconception("biases_decayed", gradient_biases_decayed, "your gradient for b is "
                      "λ/m · b: the biases are not penalised, so their gradient is an array of "
                      "zeros shaped like b."),
        Misconception("halved", gradient_halved, "your gradient is λ/(2m) · W, half the right "
                      "one: the derivative of W² is 2W, which cancels the ½ of λ/(2m)."),
        Misconception("without_m", gradient_without_m, "your gradient is λ · W: the penalty "
                      "divides by 2m, so its gradient is λ/m · W."),
        Misconception("no_bias_entry", gradient_without_bias_entry, "your dicts have no 'b': "
                      "return a gradient for every parameter, in the structure of params, "
                      "zeros for the biases."),
    ],
    "dropout_forward": [
        Misconception("not_inverted", dropout_not_inverted, "your kept units are not scaled "
                      "(mask 0 or 1): inverted dropout divides them by 1 − rate, so that the "
                      "expected activation stays a."),
        Misconception("divided_by_rate", dropout_divided_by_rate, "your kept units are "
                      "divided by rate: divide by the keep probability 1 − rate."),
        Misconception("times_keep", dropout_times_keep, "your kept units are multiplied by "
                      "1 − rate (the test-time scaling of dropout that is not inverted): "
                      "inverted dropout divides by 1 − rate during training."),
        Misconception("keeps_with_rate", dropout_keeps_with_rate, "you keep a unit with "
                      "probability rate: rate is the probability of dropping it, so a unit is "
                      "kept with probability 1 − rate."),
        Misconception("one_mask_per_batch", dropout_one_mask_per_batch, "every sample gets "
                      "the same mask: draw a new random choice for every unit of every sample "
                      "(a mask of shape a.shape)."),
    ],
    "early_stopping_epoch": [
        Misconception("tie_improves", stopping_tie_improves, "you count a loss equal to the "
                      "best as an improvement: an epoch improves only when "
                      "loss < best − min_delta."),
        Misconception("ignores_min_delta", stopping_ignores_min_delta, "you ignore "
                      "min_delta: an improvement must bring the loss below best − min_delta."),
        Misconception("future_argmin", stopping_future_argmin, "your best epoch is the "
                      "minimum of the whole curve, later epochs included: early stopping only "
                      "knows the epochs up to the one where it stops."),
        Misconception("stops_late", stopping_late, "you stop one epoch late: stop at the "
                      "first epoch with epoch − best_epoch >= patience (not >)."),
        Misconception("keeps_last", stopping_keeps_last, "your best epoch is the epoch where "
                      "training stops: early stopping keeps the weights of the best epoch "
                      "(Keras: restore_best_weights=True)."),
    ],
    "bias_variance": [
        Misconception("no_correction", bv_no_correction, "your bias² is mean (f̂ − f)² "
                      "without the correction: subtract variance / n_fits, because the mean of "
                      "n_fits fits is itself that far off on average."),
        Misconception("population_variance", bv_population_variance, "your variance "
                      "divides by n_fits (ddof=0, np.var's default): divide by n_fits − 1, "
                      "since the fits are compared with their own mean."),
        Misconception("no_corrections", bv_no_corrections, "your values are the plain "
                      "formulas: use the sample variance (ddof=1) and subtract "
                      "variance / n_fits from bias²."),
        Misconception("mse_as_bias", bv_mse_as_bias, "your bias² is the mean squared error "
                      "of the single fits: average the fits first, then square the error of "
                      "that mean fit."),
        Misconception("squared_mean_error", bv_squared_mean_error, "your bias² squares the "
                      "mean error, so errors of opposite sign cancel: square the errors of the "
                      "mean fit, then average them over the points."),
    ],
}
