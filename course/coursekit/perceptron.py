"""The perceptron: one unit with a weighted sum and a step, trained by Rosenblatt's rule.

Follows PERC ("Perceptrón", the one-variable sigmoid perceptron), BP (Rosenblatt's iterative rule;
AND, OR and the XOR failure) and MADC ("casos particulares": linear and logistic regression).

=======  ===========================================================
``x``    one input, shape ``(n_features,)``; ``X`` many, ``(n, n_features)``
``w``    weights, shape ``(n_features,)``
``b``    bias (scalar)
``z``    weighted sum :math:`z = w \\cdot x + b`
``lr``   learning rate η
=======  ===========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coursekit._validate import as_float_array
from coursekit.activations import sigmoid, step
from coursekit.language import tr


def _inputs_and_weights(X, w):
    X = as_float_array(X, "X")
    w = as_float_array(w, "w", ndim=1)
    if X.ndim not in (1, 2) or X.shape[-1] != w.shape[0]:
        raise ValueError(
            tr("X must have shape ({n},) or (n_samples, {n}) to match w {w}, got {X}").format(
                n=w.shape[0], w=w.shape, X=X.shape)
        )
    return X, w


def weighted_sum(X, w, b: float):
    """Weighted sum :math:`z = w \\cdot x + b` of one input or of each row of ``X``.

    Parameters
    ----------
    X : array_like, shape (n_features,) or (n_samples, n_features)
    w : array_like, shape (n_features,)
    b : float

    Returns
    -------
    float or ndarray of shape (n_samples,)

    >>> weighted_sum([1.0, 0.0], [0.5, 0.5], -0.75)
    -0.25
    """
    X, w = _inputs_and_weights(X, w)
    z = X @ w + float(b)
    return float(z) if z.ndim == 0 else z


def perceptron_predict(X, w, b: float):
    """Perceptron output :math:`\\hat y = \\text{step}(w \\cdot x + b)` (1 if :math:`z \\ge 0`).

    >>> perceptron_predict([[0, 0], [0, 1], [1, 0], [1, 1]], [1.0, 1.0], -1.5)
    array([0., 0., 0., 1.])
    """
    return step(weighted_sum(X, w, b))


def perceptron_update(x, y: float, w, b: float, lr: float = 1.0):
    """One step of Rosenblatt's rule on one example: compare the output with the target and move
    the weights to shrink the difference.

    :math:`\\hat y = \\text{step}(w \\cdot x + b)`, :math:`w \\leftarrow w + \\eta (y - \\hat y) x`,
    :math:`b \\leftarrow b + \\eta (y - \\hat y)`. A correct prediction changes nothing.

    Parameters
    ----------
    x : array_like, shape (n_features,)
    y : float
        Target, 0 or 1.
    w : array_like, shape (n_features,)
    b : float
    lr : float
        Learning rate η > 0.

    Returns
    -------
    w : ndarray, shape (n_features,)
    b : float

    >>> perceptron_update([1.0, 1.0], 1, [0.0, 0.0], -1.0, lr=0.5)
    (array([0.5, 0.5]), -0.5)
    """
    x, w = _inputs_and_weights(x, w)
    if x.ndim != 1:
        raise ValueError(tr("x must be one example of shape {w}, got {x}").format(w=w.shape,
                                                                                   x=x.shape))
    if not lr > 0:  # also rejects NaN
        raise ValueError(tr("{name} must be > 0, got {value}").format(name="lr", value=lr))
    error = float(y) - float(perceptron_predict(x, w, b))
    return w + lr * error * x, float(b) + lr * error


@dataclass
class PerceptronHistory:
    """Weights after every update and mistakes per epoch of :func:`train_perceptron`.

    Attributes
    ----------
    weights : list of ndarray
        ``w`` before training and after each single-example update.
    biases : list of float
        ``b`` likewise.
    errors : list of int
        Misclassified examples in each epoch.
    converged : bool
        True if an epoch finished with no mistakes.
    """

    weights: list = field(default_factory=list)
    biases: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    converged: bool = False


def train_perceptron(X, y, lr: float = 1.0, epochs: int = 100, w=None, b: float = 0.0):
    """Rosenblatt's perceptron learning: sweep the examples in order, updating on each mistake,
    until an epoch has no mistakes or ``epochs`` run out.

    Converges when the classes are linearly separable (AND, OR); never does for XOR.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Targets, 0 or 1.
    lr : float
    epochs : int
    w : array_like, shape (n_features,), optional
        Initial weights (zeros by default).
    b : float

    Returns
    -------
    w : ndarray, shape (n_features,)
    b : float
    history : PerceptronHistory

    >>> w, b, history = train_perceptron([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    >>> history.converged, perceptron_predict([[0, 0], [0, 1], [1, 0], [1, 1]], w, b)
    (True, array([0., 0., 0., 1.]))
    """
    X = as_float_array(X, "X", ndim=2)
    y = as_float_array(y, "y", ndim=1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(tr("y must have one target per row of X ({rows}), got {shape}").format(
            rows=X.shape[0], shape=y.shape))
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(tr("y must hold labels 0 and 1 (the step's outputs), got {labels}")
                         .format(labels=np.unique(y)))
    w = np.zeros(X.shape[1]) if w is None else as_float_array(w, "w", ndim=1)
    b = float(b)
    history = PerceptronHistory(weights=[w], biases=[b])
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            mistakes += int(perceptron_predict(x_i, w, b) != y_i)
            w, b = perceptron_update(x_i, y_i, w, b, lr)
            history.weights.append(w)
            history.biases.append(b)
        history.errors.append(mistakes)
        if mistakes == 0:
            history.converged = True
            break
    return w, b, history


def logistic_neuron(x, w0: float, w1: float):
    """The one-variable sigmoid perceptron of PERC, :math:`y(x) = 1 / (1 + e^{-(w_0 + w_1 x)})`:
    the probability that ``x`` belongs to class 1 (logistic regression).

    >>> float(logistic_neuron(0.0, 0.0, 3.0))
    0.5
    """
    return sigmoid(float(w0) + float(w1) * as_float_array(x, "x"))
