"""Remedies for overfitting: L2 penalty, inverted dropout and early stopping.

Follows BP ("Overfitting": start small, regularise, dropout) and MADC's L2 term
:math:`\\frac{\\lambda}{2m} \\sum \\theta^2`.

===========  ================================================================
``lambda_``  regularisation strength λ (``lambda`` is a Python keyword)
``m``        number of training samples
``rate``     probability of dropping a unit during training
===========  ================================================================
"""

from __future__ import annotations

import copy

import numpy as np

from coursekit._validate import RngLike, as_float_array, as_rng
from coursekit.language import tr


def _check_strength(lambda_: float, n_samples: int) -> None:
    if lambda_ < 0:
        raise ValueError(tr("{name} must be >= 0, got {value}").format(name="lambda_",
                                                                       value=lambda_))
    if n_samples <= 0:
        raise ValueError(tr("{name} must be a positive integer, got {value}").format(
            name="n_samples", value=n_samples))


def l2_penalty(params, lambda_: float, n_samples: int) -> float:
    """L2 penalty on the weights (not the biases), :math:`\\frac{\\lambda}{2m} \\sum_l \\|W_l\\|^2`.

    Parameters
    ----------
    params : list of dict
        ``{"W", "b"}`` per layer.
    lambda_ : float
        Strength λ ≥ 0.
    n_samples : int
        Training-set size ``m``.

    >>> l2_penalty([{"W": np.array([[1.0, 2.0]]), "b": np.array([5.0, 5.0])}], 1.0, 5)
    0.5
    """
    _check_strength(lambda_, n_samples)
    return float(lambda_ / (2 * n_samples) * sum(np.sum(p["W"] ** 2) for p in params))


def l2_gradient(params, lambda_: float, n_samples: int) -> list[dict]:
    """Gradient of :func:`l2_penalty`: :math:`\\frac{\\lambda}{m} W` for weights, 0 for biases.

    Returns
    -------
    list of dict
        Same structure and shapes as ``params``.
    """
    _check_strength(lambda_, n_samples)
    return [{"W": lambda_ / n_samples * p["W"], "b": np.zeros_like(p["b"])} for p in params]


def dropout_forward(a, rate: float, rng: RngLike = None):
    """Inverted dropout: zero each unit with probability ``rate`` and scale the survivors by
    :math:`1/(1 - \\text{rate})`, so the expected activation is unchanged and nothing needs
    rescaling at test time.

    This implementation draws the mask (notebook 07's exercise accepts any procedure that keeps
    each unit independently with probability 1 − rate) with ``rng = np.random.default_rng(rng)``
    then
    ``keep = rng.random(a.shape) >= rate`` (one uniform number per unit, in that order): a unit
    is kept when its number is at least ``rate``. ``mask = keep / (1 - rate)``.

    Parameters
    ----------
    a : array_like, shape (n_samples, n_units)
        Activations of a hidden layer.
    rate : float
        Drop probability in [0, 1).
    rng : numpy Generator, int seed or None

    Returns
    -------
    output : ndarray, same shape as ``a``
        ``a * mask``.
    mask : ndarray, same shape as ``a``
        0 for dropped units, ``1/(1 - rate)`` for kept ones (backprop multiplies by it too).

    Examples
    --------
    >>> out, mask = dropout_forward(np.ones((1, 4)), 0.5, rng=0)
    >>> sorted(set(mask.ravel().tolist()))
    [0.0, 2.0]
    """
    a = as_float_array(a, "a")
    if not 0.0 <= rate < 1.0:
        raise ValueError(tr("rate must be in [0, 1), got {rate}").format(rate=rate))
    keep = as_rng(rng).random(a.shape) >= rate
    mask = keep / (1.0 - rate)
    return a * mask, mask


dropout = dropout_forward
"""The public name used by ``coursekit.network.forward`` (same function)."""


class EarlyStopping:
    """Stop training when the validation loss has not improved for ``patience`` epochs.

    Parameters
    ----------
    patience : int
        Epochs without improvement tolerated before stopping.
    min_delta : float
        Smallest decrease that counts as an improvement.

    Attributes
    ----------
    best_loss : float
    best_epoch : int
        Epoch (0-based) of the best validation loss.
    best_params : list of dict or None
        A copy of the parameters at ``best_epoch`` (restore them after stopping).
    stopped : bool

    >>> stopper = EarlyStopping(patience=2)
    >>> [stopper.update(loss) for loss in [3.0, 2.0, 2.5, 2.1]]
    [False, False, False, True]
    >>> stopper.best_epoch
    1
    """

    def __init__(self, patience: int = 5, min_delta: float = 0.0):
        if not isinstance(patience, (int, np.integer)) or patience < 1:
            raise ValueError(tr("{name} must be {expected}, got {value!r}").format(
                name="patience", expected=tr("a positive integer"), value=patience))
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = np.inf
        self.best_epoch = -1
        self.best_params = None
        self.stopped = False
        self._epoch = -1

    def update(self, val_loss: float, params=None) -> bool:
        """Record one epoch's validation loss; return True when training should stop.

        Once stopped, later calls change nothing and return True: one stopper describes one run.
        """
        if self.stopped:
            return True
        self._epoch += 1
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = float(val_loss)
            self.best_epoch = self._epoch
            self.best_params = copy.deepcopy(params)
            return False
        self.stopped = self._epoch - self.best_epoch >= self.patience
        return self.stopped
