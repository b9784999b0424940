"""Misconceptions of 01_perceptron's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

import numpy as np

from coursekit.misconceptions import Misconception


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


CATALOGUE = {
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
}
