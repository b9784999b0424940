"""The training loop: epochs of (mini-)batch updates with validation, L2, dropout, early stopping.

Follows MADC's four steps per iteration (forward pass, loss, backpropagation, optimisation; one
pass over the data is an epoch) and BP's overfitting remedies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursekit._validate import RngLike, as_float_array, as_rng
from coursekit.language import tr
from coursekit.network import compute_loss, loss_and_gradients
from coursekit.optim import get_optimizer, iterate_minibatches
from coursekit.regularization import EarlyStopping, l2_gradient, l2_penalty


@dataclass
class History:
    """What happened during training, one entry per epoch.

    Attributes
    ----------
    loss : list of float
        Loss on the whole training set after each epoch (without dropout or penalty).
    val_loss : list of float
        Loss on the validation set after each epoch (empty without validation data).
    penalty : list of float
        L2 penalty after each epoch (0 when ``lambda_`` is 0).
    best_epoch : int or None
        Epoch whose parameters were kept by early stopping.
    """

    loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    penalty: list[float] = field(default_factory=list)
    best_epoch: int | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.loss)


def train(X, y, params, activations, loss: str, optimizer="sgd", epochs: int = 100,
          batch_size: int | None = None, validation_data=None, lambda_: float = 0.0,
          dropout: float = 0.0, early_stopping: EarlyStopping | None = None,
          shuffle: bool = True, rng: RngLike = None):
    """Train a network with mini-batch gradient descent.

    Each iteration minimises :math:`J = \\mathcal L + \\frac{\\lambda}{2m}\\sum_l \\|W_l\\|^2` on
    one batch: forward pass, loss, backpropagation, optimizer step.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples, n_outputs) or (n_samples,)
    params : list of dict
        Initial parameters (see ``coursekit.network.init_params``); not modified.
    activations : sequence of str
        One activation name per layer.
    loss : str
        A name in ``coursekit.losses.LOSSES``.
    optimizer : str or optimizer object
        ``"sgd"``, ``"momentum"``, ``"adam"`` or e.g. ``SGD(lr=0.1)``.
    epochs : int
    batch_size : int, optional
        Samples per update; ``None`` uses the whole training set (plain gradient descent).
    validation_data : tuple (X_val, y_val), optional
    lambda_ : float
        L2 strength λ (``m`` is the training-set size).
    dropout : float
        Inverted-dropout rate on hidden layers during training.
    early_stopping : EarlyStopping, optional
        Watches the validation loss; the best parameters are returned when it stops.
    shuffle : bool
        Shuffle the samples every epoch.
    rng : numpy Generator, int seed or None
        Source of shuffling and dropout masks.

    Returns
    -------
    params : list of dict
        Trained parameters.
    history : History
    """
    X = as_float_array(X, "X", ndim=2)
    if epochs < 1:
        raise ValueError(tr("{name} must be a positive integer, got {value}").format(
            name="epochs", value=epochs))
    if early_stopping is not None and validation_data is None:
        raise ValueError(tr("early_stopping needs validation_data to watch"))
    optimizer = get_optimizer(optimizer)
    rng = as_rng(rng)
    n_samples = X.shape[0]
    batch_size = n_samples if batch_size is None else batch_size
    history = History()
    for _ in range(epochs):
        for X_batch, y_batch in iterate_minibatches(X, y, batch_size, shuffle, rng):
            _, grads = loss_and_gradients(X_batch, y_batch, params, activations, loss,
                                          dropout=dropout, rng=rng)
            if lambda_:
                penalty_grads = l2_gradient(params, lambda_, n_samples)
                grads = [{k: g[k] + pg[k] for k in g} for g, pg in zip(grads, penalty_grads)]
            params = optimizer.step(params, grads)
        history.loss.append(compute_loss(X, y, params, activations, loss))
        history.penalty.append(l2_penalty(params, lambda_, n_samples))
        if validation_data is not None:
            history.val_loss.append(compute_loss(*validation_data, params, activations, loss))
            if early_stopping is not None and early_stopping.update(history.val_loss[-1], params):
                break
    if early_stopping is not None and early_stopping.best_params is not None:
        params, history.best_epoch = early_stopping.best_params, early_stopping.best_epoch
    return params, history
