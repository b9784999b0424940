"""Model selection: hold data out (train / validation / test) and stop training early.

Follows BP ("La explicación más clara del overfitting": a model fits its training set better and
better while its error on new data goes up) and INTRO ("Redes Neuronales: Overfitting"): the
error on data the model was *not* trained on is what tells under- from over-fitting.

==============  ===============================================================================
``X``, ``y``    samples, shape ``(n_samples, n_features)`` and ``(n_samples,)`` (rows are samples)
``val_fraction``  share of the samples held out for validation
``val_losses``  validation loss after each epoch, epoch 0 first
``patience``    epochs without improvement tolerated before stopping
==============  ===============================================================================
"""

from __future__ import annotations

from coursekit._validate import RngLike, as_float_array, as_rng
from coursekit.language import tr
from coursekit.regularization import EarlyStopping


def train_val_split(X, y, val_fraction: float = 0.2, rng: RngLike = None):
    """Shuffle the samples and hold out ``round(val_fraction * n_samples)`` for validation.

    This implementation shuffles with ``order = np.random.default_rng(rng).permutation(n_samples)``
    (notebook 07's exercise accepts any procedure that draws a random split); the first
    ``n_val = round(val_fraction * n_samples)`` indices of ``order`` are the validation set, the
    rest (in the order of ``order``) the training set. Rows of ``X`` and ``y`` stay paired.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
    val_fraction : float
        In (0, 1); both sets must end up non-empty.
    rng : numpy Generator, int seed or None

    Returns
    -------
    X_train, y_train, X_val, y_val : ndarray
        ``n_samples - n_val`` and ``n_val`` rows.

    Examples
    --------
    >>> X, y = [[0.0], [1.0], [2.0], [3.0], [4.0]], [0.0, 10.0, 20.0, 30.0, 40.0]
    >>> X_train, y_train, X_val, y_val = train_val_split(X, y, 0.4, rng=0)
    >>> X_train.shape, X_val.shape, bool((10 * X_val[:, 0] == y_val).all())
    ((3, 1), (2, 1), True)
    """
    X = as_float_array(X, "X", ndim=2)
    y = as_float_array(y, "y")
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(tr("y must have one row per sample of X ({rows}), got shape {shape}")
                         .format(rows=X.shape[0], shape=y.shape))
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(tr("val_fraction must be in (0, 1), got {val_fraction}").format(
            val_fraction=val_fraction))
    n_samples = X.shape[0]
    n_val = round(val_fraction * n_samples)
    if not 0 < n_val < n_samples:
        raise ValueError(tr("val_fraction={val_fraction} of {n_samples} samples leaves {n_val} "
                            "for validation and {n_train} for training; both must be at least 1")
                         .format(val_fraction=val_fraction, n_samples=n_samples, n_val=n_val,
                                 n_train=n_samples - n_val))
    order = as_rng(rng).permutation(n_samples)
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]


def early_stopping_epoch(val_losses, patience: int = 5, min_delta: float = 0.0):
    """Where early stopping stops, replayed on a recorded validation curve.

    An epoch *improves* when its loss is below ``best - min_delta`` (``best`` = lowest loss so
    far, starting at +inf); training stops at the first epoch that is ``patience`` epochs after
    the last improvement. Same rule as :class:`coursekit.regularization.EarlyStopping`.

    Parameters
    ----------
    val_losses : array_like, shape (n_epochs,)
        Validation loss after each epoch (epoch 0 first).
    patience : int
        Positive.
    min_delta : float
        Smallest decrease that counts as an improvement.

    Returns
    -------
    best_epoch : int
        Epoch (0-based) whose parameters early stopping keeps.
    stop_epoch : int
        Epoch at which training stops; ``n_epochs - 1`` when it never stops early.

    Examples
    --------
    >>> early_stopping_epoch([3.0, 2.0, 2.5, 2.1, 1.0], patience=2)
    (1, 3)
    >>> early_stopping_epoch([3.0, 2.0, 1.0], patience=2)
    (2, 2)
    """
    losses = as_float_array(val_losses, "val_losses", ndim=1)
    if losses.size == 0:
        raise ValueError(tr("val_losses must hold at least one epoch, got an empty array"))
    stopper = EarlyStopping(patience=patience, min_delta=min_delta)
    for epoch, loss in enumerate(losses):
        if stopper.update(float(loss)):
            return stopper.best_epoch, epoch
    return stopper.best_epoch, int(losses.size - 1)


__all__ = ["early_stopping_epoch", "train_val_split"]
