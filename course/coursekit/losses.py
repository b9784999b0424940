"""Loss functions and their gradients with respect to the prediction.

Follows BP ("Funciones de costo" per scenario), MADC ("Funciones de pérdida"), INTRO and PERC
("Funciones de costo").

==========  =============================================================
``y_true``  targets, shape ``(n_samples,)`` or ``(n_samples, n_outputs)``
``y_pred``  predictions, same shape (``p`` for probabilities, ``z`` logits)
``n``       number of samples; ``N`` number of elements
==========  =============================================================

Reductions (as Keras and scikit-learn): ``mse``, ``mae``, ``bce`` and ``bce_with_logits`` average
over all ``N`` elements; ``cce`` sums over classes and averages over samples; ``half_sse`` is the
slides' :math:`E = \\tfrac12 \\sum_k (t_k - o_k)^2`, summed over outputs and averaged over samples.
Each ``<name>_gradient`` is the gradient of that exact reduction. Logarithms are natural.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, check_in_unit_interval, check_same_shape, lookup
from coursekit.activations import sigmoid
from coursekit.language import tr

EPSILON = np.finfo(np.float64).eps
"""Probabilities are clipped to ``[EPSILON, 1 - EPSILON]`` so losses stay finite at 0 and 1."""


def _pair(y_true, y_pred, pred_name: str = "y_pred"):
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, pred_name)
    check_same_shape(y_true, y_pred, "y_true", pred_name)
    if y_true.size == 0:
        raise ValueError(tr("y_true must hold at least one sample, got an empty array"))
    return y_true, y_pred


def _n_samples(y: np.ndarray) -> int:
    return y.shape[0] if y.ndim else 1


def mse(y_true, y_pred) -> float:
    """Mean squared error, :math:`\\frac1N \\sum (\\hat y - y)^2`.

    >>> mse([20, 3, 1], [10, 8, 6])
    50.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean((y_pred - y_true) ** 2))


def mse_gradient(y_true, y_pred):
    """Gradient of :func:`mse` w.r.t. ``y_pred``, :math:`\\frac2N (\\hat y - y)`."""
    y_true, y_pred = _pair(y_true, y_pred)
    return 2.0 * (y_pred - y_true) / y_true.size


def mae(y_true, y_pred) -> float:
    """Mean absolute error, :math:`\\frac1N \\sum |\\hat y - y|`.

    >>> mae([1.0, 2.0], [2.0, 0.0])
    1.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def mae_gradient(y_true, y_pred):
    """(Sub)gradient of :func:`mae`, :math:`\\frac1N \\operatorname{sign}(\\hat y - y)`
    (0 at ties)."""
    y_true, y_pred = _pair(y_true, y_pred)
    return np.sign(y_pred - y_true) / y_true.size


def half_sse(y_true, y_pred) -> float:
    """The slides' error :math:`E = \\tfrac12 \\sum_k (\\hat y_k - y_k)^2`, summed over outputs and
    averaged over samples (rows).

    >>> half_sse([[0.01, 0.99]], [[0.75136507, 0.772928465]]).__round__(9)
    0.298371109
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(0.5 * np.sum((y_pred - y_true) ** 2) / _n_samples(y_true))


def half_sse_gradient(y_true, y_pred):
    """Gradient of :func:`half_sse`, :math:`(\\hat y - y) / n`."""
    y_true, y_pred = _pair(y_true, y_pred)
    return (y_pred - y_true) / _n_samples(y_true)


def _probabilities(y_true, p):
    y_true, p = _pair(y_true, p, "p")
    check_in_unit_interval(y_true, "y_true")
    check_in_unit_interval(p, "p")
    return y_true, np.clip(p, EPSILON, 1.0 - EPSILON)


def bce(y_true, p) -> float:
    """Binary cross-entropy, :math:`-\\frac1N \\sum [y \\ln p + (1 - y) \\ln(1 - p)]`.

    Finite at ``p`` in {0, 1} (``p`` is clipped to ``[EPSILON, 1 - EPSILON]``).

    >>> round(bce([0.0], [0.8]), 3)
    1.609
    """
    y_true, p = _probabilities(y_true, p)
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log1p(-p)))


def bce_gradient(y_true, p):
    """Gradient of :func:`bce` w.r.t. ``p``, :math:`\\frac1N \\frac{p - y}{p(1 - p)}`."""
    y_true, p = _probabilities(y_true, p)
    return (p - y_true) / (p * (1.0 - p)) / y_true.size


def bce_with_logits(y_true, z) -> float:
    """Binary cross-entropy of ``p = σ(z)`` computed from the logits ``z`` without overflow.

    Uses :math:`\\max(z, 0) - z y + \\ln(1 + e^{-|z|})`, exact for any ``z``.

    >>> round(bce_with_logits([1.0], [-1000.0]), 6)
    1000.0
    """
    y_true, z = _pair(y_true, z, "z")
    check_in_unit_interval(y_true, "y_true")
    return float(np.mean(np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))))


def bce_with_logits_gradient(y_true, z):
    """Gradient of :func:`bce_with_logits` w.r.t. ``z``, :math:`\\frac1N (\\sigma(z) - y)`."""
    y_true, z = _pair(y_true, z, "z")
    check_in_unit_interval(y_true, "y_true")
    return (sigmoid(z) - y_true) / y_true.size


def _categorical(y_true, p):
    y_true, p = _probabilities(y_true, p)
    if y_true.ndim != 2:
        raise ValueError(
            tr("y_true must be one-hot of shape (n_samples, n_classes), got shape {shape}")
            .format(shape=y_true.shape)
        )
    return y_true, p


def cce(y_true, p) -> float:
    """Categorical cross-entropy, :math:`-\\frac1n \\sum_i \\sum_k y_{ik} \\ln p_{ik}`.

    Parameters
    ----------
    y_true : array_like, shape (n_samples, n_classes)
        One-hot targets.
    p : array_like, shape (n_samples, n_classes)
        Predicted probabilities (e.g. a softmax output).

    >>> round(cce([[0.0, 1.0]], [[0.2, 0.8]]), 4)
    0.2231
    """
    y_true, p = _categorical(y_true, p)
    return float(-np.sum(y_true * np.log(p)) / y_true.shape[0])


def cce_gradient(y_true, p):
    """Gradient of :func:`cce` w.r.t. ``p``, :math:`-\\frac1n \\, y / p`."""
    y_true, p = _categorical(y_true, p)
    return -y_true / p / y_true.shape[0]


LOSSES = {
    "mse": mse,
    "mae": mae,
    "half_sse": half_sse,
    "bce": bce,
    "bce_with_logits": bce_with_logits,
    "cce": cce,
}
"""Loss name -> ``loss(y_true, y_pred) -> float``."""

LOSS_GRADIENTS = {
    "mse": mse_gradient,
    "mae": mae_gradient,
    "half_sse": half_sse_gradient,
    "bce": bce_gradient,
    "bce_with_logits": bce_with_logits_gradient,
    "cce": cce_gradient,
}
"""Loss name -> gradient w.r.t. ``y_pred`` (same shape as ``y_pred``)."""


def get_loss(name: str):
    """Return the loss called ``name``; unknown names list the valid ones."""
    return lookup(LOSSES, name, "loss")
