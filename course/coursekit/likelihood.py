"""From probabilities to the binary cross-entropy: Bernoulli likelihood and log-likelihood.

Follows INTRO "Redes Neuronales: Función Pérdida" (Bernoulli Distribution → Observaciones
Independientes → Likelihood → Log Likelihood → Función de Pérdida), MADC "Entropía Cruzada Binaria
(Binary cross-entropy)" and BP "Escenario 1: Clasificación Binaria".

=======  ======================================================================================
``y``    binary targets, 0 or 1, any shape (one entry per observation)
``p``    :math:`P(y = 1 \\mid x) = \\sigma(\\Theta^T x)`, same shape as ``y``, in [0, 1]
``z``    logits (scores before the sigmoid), :math:`p = \\sigma(z)`, same shape as ``y``
``N``    number of observations (elements of ``y``)
=======  ======================================================================================

Conventions. :func:`bernoulli_likelihood` returns one term per observation; :func:`likelihood` is
their product :math:`L`, :func:`log_likelihood` the sum of their logs, :math:`\\ln L`, so
``-log_likelihood(y, p) / N == coursekit.losses.bce(y, p)``. :func:`bce_logit_gradient` is the
gradient of each observation's own loss, :math:`\\sigma(z_i) - y_i` (no division by ``N``), whereas
:func:`coursekit.losses.bce_with_logits_gradient` is the gradient of the *mean* and equals
``bce_logit_gradient(y, z) / N``. Logarithms are natural.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, as_result, check_in_unit_interval, check_same_shape
from coursekit.activations import sigmoid
from coursekit.language import tr
from coursekit.losses import bce


def _targets_and(y, other, other_name: str, probability: bool):
    y = as_float_array(y, "y")
    other = as_float_array(other, other_name)
    check_same_shape(y, other, "y", other_name)
    if y.size == 0:
        raise ValueError(tr("y must hold at least one observation, got an empty array"))
    check_in_unit_interval(y, "y")
    if probability:
        check_in_unit_interval(other, other_name)
    return y, other


def bernoulli_likelihood(y, p):
    """Probability of each observed label under a Bernoulli model, :math:`p^y (1 - p)^{1 - y}`.

    :math:`P(y \\mid x) = P(y{=}1 \\mid x)^y \\, (1 - P(y{=}1 \\mid x))^{1 - y}`: ``p`` where
    ``y = 1`` and ``1 - p`` where ``y = 0``. One term per observation, not their product.

    Parameters
    ----------
    y : array_like, any shape
        Observed labels, 0 or 1.
    p : array_like, same shape as ``y``
        Predicted probabilities :math:`P(y = 1 \\mid x)`, in [0, 1].

    Returns
    -------
    float or ndarray, same shape as ``y``
        A float for scalar inputs.

    Examples
    --------
    >>> bernoulli_likelihood([0, 0, 1, 1], [0.8, 0.2, 0.8, 0.2])
    array([0.2, 0.8, 0.8, 0.2])
    """
    y, p = _targets_and(y, p, "p", probability=True)
    return as_result(p**y * (1.0 - p) ** (1.0 - y))


def likelihood(y, p) -> float:
    """Likelihood of independent observations, :math:`L = \\prod_i p_i^{y_i} (1 - p_i)^{1 - y_i}`.

    Underflows to 0 for a few thousand observations; use :func:`log_likelihood` instead.

    Parameters
    ----------
    y : array_like, any shape
        Observed labels, 0 or 1.
    p : array_like, same shape as ``y``
        Predicted probabilities, in [0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> round(likelihood([0, 0, 1, 1], [0.8, 0.2, 0.8, 0.2]), 4)
    0.0256
    """
    return float(np.prod(bernoulli_likelihood(y, p)))


def log_likelihood(y, p) -> float:
    """Log-likelihood of independent observations,
    :math:`\\ln L = \\sum_i [y_i \\ln p_i + (1 - y_i) \\ln(1 - p_i)]`.

    The log of the product is the sum of the logs. ``p`` is clipped to
    ``[EPSILON, 1 - EPSILON]`` (as :func:`coursekit.losses.bce`), so the result is finite even
    when a label gets probability 0; then ``-log_likelihood(y, p) / N == bce(y, p)``.

    Parameters
    ----------
    y : array_like, any shape
        Observed labels, 0 or 1.
    p : array_like, same shape as ``y``
        Predicted probabilities, in [0, 1].

    Returns
    -------
    float
        At most 0; (almost) 0 when every label gets probability 1 (clipping leaves -4e-16).

    Examples
    --------
    >>> round(log_likelihood([0, 0, 1, 1], [0.8, 0.2, 0.8, 0.2]), 4)
    -3.6652
    """
    y, p = _targets_and(y, p, "p", probability=True)
    return -bce(y, p) * y.size  # BCE is its negative mean: one formula, one clipping


def bce_logit_gradient(y, z):
    """Gradient of each observation's binary cross-entropy with respect to its logit,
    :math:`\\partial \\ell_i / \\partial z_i = \\sigma(z_i) - y_i`.

    :math:`\\ell_i = -[y_i \\ln \\sigma(z_i) + (1 - y_i) \\ln(1 - \\sigma(z_i))]`. Per
    observation, not divided by ``N``: the gradient of the mean BCE
    (:func:`coursekit.losses.bce_with_logits_gradient`) is this divided by ``N``. Finite for any
    ``z`` (stable sigmoid).

    Parameters
    ----------
    y : array_like, any shape
        Labels, 0 or 1.
    z : array_like, same shape as ``y``
        Logits, :math:`p = \\sigma(z)`.

    Returns
    -------
    float or ndarray, same shape as ``y``
        In [-1, 1]; a float for scalar inputs.

    Examples
    --------
    >>> bce_logit_gradient([1.0, 0.0], [0.0, 0.0])
    array([-0.5,  0.5])
    """
    y, z = _targets_and(y, z, "z", probability=False)
    return as_result(np.asarray(sigmoid(z), dtype=float) - y)
