"""Misconceptions of 01_perceptron's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

import numpy as np

from coursekit.misconceptions import Misconception
from coursekit.perceptron import PerceptronHistory


def _scalar_or_array(z):
    z = np.asarray(z, dtype=float)
    return float(z) if z.ndim == 0 else z


# --- weighted_sum ----------------------------------------------------------------------------


def weighted_sum_no_bias(X, w, b):
    """X @ w: the bias forgotten."""
    return _scalar_or_array(np.asarray(X, float) @ np.asarray(w, float))


def weighted_sum_bias_subtracted(X, w, b):
    """X @ w − b: the bias used as a threshold."""
    return _scalar_or_array(np.asarray(X, float) @ np.asarray(w, float) - float(b))


def weighted_sum_whole_batch(X, w, b):
    """Σ over every row and feature of X·w, plus b: one number for the whole batch."""
    return float(np.sum(np.asarray(X, float) * np.asarray(w, float)) + float(b))


# --- step ------------------------------------------------------------------------------------


def step_strict(z):
    """1 where z > 0: the point z = 0 counted as class 0."""
    return (np.asarray(z, float) > 0).astype(float)


def step_sign(z):
    """sign(z): −1 for negative z instead of 0."""
    return np.sign(np.asarray(z, float))


def step_sigmoid(z):
    """1 / (1 + e^(−z)): the sigmoid instead of the step."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, float)))


# --- perceptron_predict ----------------------------------------------------------------------


def predict_strict(X, w, b):
    """1 where w·x + b > 0: a point on the line counted as class 0."""
    return (np.asarray(np.asarray(X, float) @ np.asarray(w, float) + float(b)) > 0).astype(float)


def predict_no_bias(X, w, b):
    """step(X @ w): the bias forgotten."""
    return (np.asarray(np.asarray(X, float) @ np.asarray(w, float)) >= 0).astype(float)


def predict_returns_z(X, w, b):
    """w·x + b itself, without the step."""
    return _scalar_or_array(np.asarray(X, float) @ np.asarray(w, float) + float(b))


# --- perceptron_update -----------------------------------------------------------------------


def _error(x, y, w, b):
    z = float(np.asarray(x, float) @ np.asarray(w, float) + float(b))
    return float(y) - (1.0 if z >= 0 else 0.0)


def update_sign_flipped(x, y, w, b, lr=1.0):
    """The error taken as ŷ − y: the weights move away from the target."""
    error = -_error(x, y, w, b)
    return np.asarray(w, float) + lr * error * np.asarray(x, float), float(b) + lr * error


def update_bias_fixed(x, y, w, b, lr=1.0):
    """w updated, b left as it was."""
    error = _error(x, y, w, b)
    return np.asarray(w, float) + lr * error * np.asarray(x, float), float(b)


def update_always(x, y, w, b, lr=1.0):
    """Moves towards the target even when the prediction is already right."""
    direction = 1.0 if float(y) == 1.0 else -1.0
    return np.asarray(w, float) + lr * direction * np.asarray(x, float), float(b) + lr * direction


# --- train_perceptron ------------------------------------------------------------------------


def _train(X, y, lr=1.0, epochs=100, w=None, b=0.0, *, stop=True, count_after=False,
           record_all=True, mark_converged=True, in_place=False):
    """Rosenblatt's training with one bookkeeping slip switched on."""
    X = np.asarray(X, float)
    y = np.asarray(y, float)
    w = np.zeros(X.shape[1]) if w is None else np.asarray(w, float)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - (1.0 if float(x_i @ w + b) >= 0 else 0.0)
            if not count_after:
                mistakes += int(error != 0)
            if in_place:
                w += lr * error * x_i
            else:
                w = w + lr * error * x_i
            b = b + lr * error
            if count_after:
                mistakes += int(y_i != (1.0 if float(x_i @ w + b) >= 0 else 0.0))
            if record_all or error != 0:
                history.weights.append(w)
                history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = mark_converged
            if stop:
                break
    return w, b, history


def train_never_stops(X, y, lr=1.0, epochs=100, w=None, b=0.0):
    """Keeps sweeping after an epoch without mistakes."""
    return _train(X, y, lr, epochs, w, b, stop=False)


def train_counts_after_update(X, y, lr=1.0, epochs=100, w=None, b=0.0):
    """Counts a mistake with the weights after the update."""
    return _train(X, y, lr, epochs, w, b, count_after=True)


def train_records_changes_only(X, y, lr=1.0, epochs=100, w=None, b=0.0):
    """Records w and b only when they change."""
    return _train(X, y, lr, epochs, w, b, record_all=False)


def train_not_converged(X, y, lr=1.0, epochs=100, w=None, b=0.0):
    """Stops after a clean epoch but leaves history.converged False."""
    return _train(X, y, lr, epochs, w, b, mark_converged=False)


def train_in_place(X, y, lr=1.0, epochs=100, w=None, b=0.0):
    """Updates one weight array in place: every recorded w is that same array."""
    return _train(X, y, lr, epochs, None if w is None else np.array(w, float), b, in_place=True)


# --- mse -------------------------------------------------------------------------------------


def mse_sum(y_true, y_pred) -> float:
    """Σ (ŷ − y)²: the total, not the mean."""
    return float(np.sum((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))


def mse_unsquared(y_true, y_pred) -> float:
    """(1/N) Σ (ŷ − y): the errors not squared, so they cancel."""
    return float(np.mean(np.asarray(y_pred, float) - np.asarray(y_true, float)))


def mse_halved(y_true, y_pred) -> float:
    """(1/2N) Σ (ŷ − y)²: the ½ of the slides' E = ½ Σ (t − o)² carried over."""
    return 0.5 * float(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))


def mse_root(y_true, y_pred) -> float:
    """√((1/N) Σ (ŷ − y)²): the root mean squared error."""
    return float(np.sqrt(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2)))


# --- logistic_neuron -------------------------------------------------------------------------


def logistic_sign_flipped(x, w0, w1):
    """1 / (1 + e^(+z)): the minus sign of the exponent lost, so the curve is mirrored."""
    return 1.0 / (1.0 + np.exp(w0 + w1 * np.asarray(x, float)))


def logistic_no_w0(x, w0, w1):
    """σ(w1·x): the bias w0 forgotten."""
    return 1.0 / (1.0 + np.exp(-w1 * np.asarray(x, float)))


def logistic_swapped(x, w0, w1):
    """σ(w1 + w0·x): the bias and the weight swapped."""
    return 1.0 / (1.0 + np.exp(-(w1 + w0 * np.asarray(x, float))))


CATALOGUE = {
    "weighted_sum": [
        Misconception("forgot_bias", weighted_sum_no_bias, "your values equal X @ w without the "
                      "bias: the unit computes z = w · x + b (add b to every z)."),
        Misconception("bias_subtracted", weighted_sum_bias_subtracted, "your values equal "
                      "X @ w − b: the bias is added, z = w · x + b (a threshold θ is the bias "
                      "b = −θ, so it is already inside b)."),
        Misconception("whole_batch", weighted_sum_whole_batch, "your value is one number for "
                      "the whole batch (every row summed): a batch needs one z per row, X @ w + b "
                      "of shape (n_samples,)."),
    ],
    "step": [
        Misconception("strict_inequality", step_strict, "your step gives 0 at z = 0: MADC's "
                      "binary step is 1 for z ≥ 0, so z = 0 counts as class 1 (use >=, not >)."),
        Misconception("sign", step_sign, "your values equal sign(z), which is −1 for negative "
                      "z: the step gives 0 there and 1 for z ≥ 0."),
        Misconception("sigmoid", step_sigmoid, "your values equal the sigmoid 1 / (1 + e^(−z)): "
                      "the perceptron's step jumps from 0 to 1 at z = 0, with nothing between."),
    ],
    "perceptron_predict": [
        Misconception("strict_inequality", predict_strict, "your prediction is 0 for a point "
                      "exactly on the line (z = 0): step(0) = 1, so z ≥ 0 means class 1."),
        Misconception("forgot_bias", predict_no_bias, "your predictions equal step(X @ w) "
                      "without the bias: ŷ = step(w · x + b), and b moves the line."),
        Misconception("returns_z", predict_returns_z, "your values are z = w · x + b itself: "
                      "apply the step to it, so that every prediction is 0 or 1."),
    ],
    "perceptron_update": [
        Misconception("sign_flipped", update_sign_flipped, "your step moves the weights away "
                      "from the target: the rule uses the error y − ŷ (target minus output), "
                      "w + η (y − ŷ) x, not ŷ − y."),
        Misconception("bias_not_updated", update_bias_fixed, "your w is right but b did not "
                      "change: the bias learns too, b + η (y − ŷ), like a weight whose input is "
                      "always 1."),
        Misconception("always_updates", update_always, "your step changed the weights although "
                      "the prediction was already right: with y − ŷ = 0 Rosenblatt's rule "
                      "leaves w and b as they are."),
    ],
    "train_perceptron": [
        Misconception("never_stops", train_never_stops, "your training went on after an epoch "
                      "without mistakes: stop after the first epoch whose count is 0."),
        Misconception("counts_after_update", train_counts_after_update, "your mistake counts "
                      "use the weights after each update: count a mistake with the weights "
                      "before the update (the prediction the rule corrects)."),
        Misconception("records_changes_only", train_records_changes_only, "your history has "
                      "w and b only after the updates that changed them: append them after "
                      "every example, also when nothing changed."),
        Misconception("converged_not_set", train_not_converged, "your training stopped after "
                      "a clean epoch but history.converged is False: set it to True then."),
        Misconception("in_place", train_in_place, "every w in your history is the same array "
                      "(the last weights): w += ... changes one array in place; build a new one, "
                      "w = w + ..., before appending it."),
    ],
    "mse": [
        Misconception("sum_not_mean", mse_sum, "your value is the sum of the squared errors: "
                      "the MSE divides it by the number of elements N (PERC: 150 / 3 = 50)."),
        Misconception("not_squared", mse_unsquared, "your value is the mean of the errors "
                      "without squaring them, so positive and negative errors cancel."),
        Misconception("halved", mse_halved, "your value is half the MSE: the ½ belongs to the "
                      "slides' E = ½ Σ (t − o)², not to the mean squared error."),
        Misconception("root", mse_root, "your value is the square root of the MSE (the RMSE): "
                      "leave the mean of the squares as it is."),
    ],
    "logistic_neuron": [
        Misconception("exponent_sign", logistic_sign_flipped, "your values equal "
                      "1 / (1 + e^(+z)), the curve mirrored: PERC's sigmoid is "
                      "1 / (1 + e^(−(w0 + w1·x))), with a minus in the exponent."),
        Misconception("forgot_w0", logistic_no_w0, "your values equal σ(w1·x) without the bias "
                      "w0: z = w0 + w1·x (w0 shifts the curve)."),
        Misconception("swapped_weights", logistic_swapped, "your values equal σ(w1 + w0·x): "
                      "w0 is the bias and w1 multiplies x, z = w0 + w1·x."),
    ],
}
