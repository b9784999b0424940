"""The forward pass as notebook 03 uses it: one layer, a whole network's output, the predicted
class, and MADC's ReLU network for XOR.

Follows MADC ("Propagación hacia delante": dogs vs cats, "Con más capas", XOR with ReLU) and BP
(the output layer per scenario). Shapes as in :mod:`coursekit.network`: rows are samples, a layer
has ``W`` of shape ``(n_in, n_out)`` (the slides print ``Wᵀ``) and ``b`` of shape ``(n_out,)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit._validate import as_float_array, lookup
from coursekit.activations import ACTIVATIONS
from coursekit.language import tr
from coursekit.network import dense


def _function(activation: str | Callable) -> Callable:
    return activation if callable(activation) else lookup(ACTIVATIONS, activation, "activation")


def layer_forward(X, W, b, activation: str | Callable) -> np.ndarray:
    """One dense layer with its activation, :math:`A = f(X W + b)`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_in)
    W : array_like, shape (n_in, n_out)
        ``W[i, j]`` joins input i to unit j (the transpose of the slides' printed ``Wᵀ``).
    b : array_like, shape (n_out,)
    activation : callable or str
        The activation function :math:`f` (e.g. ``coursekit.activations.relu``; softmax runs
        along each row), or its name in ``coursekit.activations.ACTIVATIONS``.

    Returns
    -------
    ndarray, shape (n_samples, n_out)
        The layer's activations.

    >>> layer_forward([[8.0, 12.0]], [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3], "relu")
    array([[ 3.3,  7.4, 11.5]])
    """
    return _function(activation)(dense(X, W, b))


def mlp_forward(X, params, activations) -> np.ndarray:
    """Output of a multi-layer perceptron: :math:`A_0 = X`, :math:`A_l = f_l(A_{l-1} W_l + b_l)`
    for each layer in turn; returns the last :math:`A_L` only (see
    :func:`coursekit.network.forward` for the cache).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    params : list of dict
        One ``{"W": (n_in, n_out), "b": (n_out,)}`` per layer, inputs first.
    activations : sequence of callable or str
        One activation function (or name) per layer.

    Returns
    -------
    ndarray, shape (n_samples, n_outputs)

    >>> from coursekit.activations import relu
    >>> params = [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
    ...           {"W": np.array([[1.0], [-2.0]]), "b": np.array([0.0])}]
    >>> mlp_forward([[0, 0], [0, 1], [1, 0], [1, 1]], params, [relu, relu]).ravel()
    array([0., 1., 1., 0.])
    """
    if isinstance(activations, str) or len(activations) != len(params):
        raise ValueError(tr("activations must hold one activation per layer ({count} layers), "
                            "got {activations!r}").format(count=len(params),
                                                          activations=activations))
    A = as_float_array(X, "X", ndim=2)
    for layer, activation in zip(params, activations):
        A = layer_forward(A, layer["W"], layer["b"], activation)
    return A


def predict_class(output) -> np.ndarray:
    """Class predicted from a network's output: threshold 0.5 for one sigmoid output (class 1
    when :math:`p \\ge 0.5`), the most probable class (``argmax``, first on ties) for a softmax.

    Parameters
    ----------
    output : array_like, shape (n_samples,) or (n_samples, 1) or (n_samples, n_classes)
        One probability per sample (sigmoid), or one row of class probabilities per sample.

    Returns
    -------
    ndarray of int, shape (n_samples,)
        0 or 1 for a sigmoid output; the column index of the largest value for a softmax.

    >>> predict_class([[0.2], [0.5], [0.9]])
    array([0, 1, 1])
    >>> predict_class([[0.00116, 0.99884], [0.7, 0.3]])
    array([1, 0])
    """
    output = as_float_array(output, "output")
    if output.ndim == 1 or (output.ndim == 2 and output.shape[1] == 1):
        return (output.reshape(-1) >= 0.5).astype(int)
    if output.ndim != 2 or output.shape[1] == 0:
        raise ValueError(tr("output must have shape (n_samples,), (n_samples, 1) or "
                            "(n_samples, n_classes), got {shape}").format(shape=output.shape))
    return np.argmax(output, axis=1)


def xor_network_params() -> list[dict]:
    """MADC's ReLU network for XOR: hidden units :math:`C = \\mathrm{relu}(x_1 + x_2)` and
    :math:`D = \\mathrm{relu}(x_1 + x_2 - 1)`, output :math:`Y = \\mathrm{relu}(C - 2D)`.

    Returns
    -------
    list of dict
        ``[{"W": (2, 2), "b": (2,)}, {"W": (2, 1), "b": (1,)}]``; with ReLU in both layers
        :func:`coursekit.network.forward` gives 0, 1, 1, 0 on the truth table (0, 0), (0, 1),
        (1, 0), (1, 1).

    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> mlp_forward(X, xor_network_params(), ["relu", "relu"]).ravel()
    array([0., 1., 1., 0.])
    """
    return [{"W": np.array([[1.0, 1.0], [1.0, 1.0]]), "b": np.array([0.0, -1.0])},
            {"W": np.array([[1.0], [-2.0]]), "b": np.array([0.0])}]
