"""A fully connected network (multi-layer perceptron) of any depth: forward pass and backprop.

Follows MADC ("Propagación hacia delante", "Propagación hacia atrás"), BP (the chain rule on a
sigmoid network) and PERC ("Forward/Backpropagation").

=============  ==============================================================================
``X``          inputs, shape ``(n_samples, n_features)``; rows are samples
``W``          weights of a layer, shape ``(n_in, n_out)``; ``W[i, j]`` joins unit i to unit j
               (the slides print the transpose, ``Wᵀ``)
``b``          biases, shape ``(n_out,)``
``Z``          pre-activations, ``Z = A_prev @ W + b``, shape ``(n_samples, n_out)``
``A``          activations, ``A = f(Z)``
``delta``      ``∂loss/∂Z`` of a layer (the slides' δ), same shape as ``Z``
=============  ==============================================================================

``params`` is a list with one ``{"W": ..., "b": ...}`` dict per layer; ``grads`` has the same
structure. ``activations`` is a list with one activation name per layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coursekit._validate import RngLike, as_float_array, as_rng, check_same_shape, lookup
from coursekit.activations import ACTIVATIONS
from coursekit.backprop import activation_backward, output_delta
from coursekit.language import tr
from coursekit.losses import LOSSES
from coursekit.regularization import dropout as inverted_dropout


def _check_layer_sizes(layer_sizes) -> list[int]:
    sizes = list(layer_sizes)
    if len(sizes) < 2 or not all(isinstance(s, (int, np.integer)) and s > 0 for s in sizes):
        raise ValueError(
            tr("layer_sizes must list at least two positive integers (inputs, ..., outputs), "
               "got {layer_sizes!r}").format(layer_sizes=layer_sizes)
        )
    return [int(s) for s in sizes]


def init_params(layer_sizes: Sequence[int], rng: RngLike = None) -> list[dict]:
    """Random initial weights (Glorot normal) and zero biases.

    :math:`W \\sim \\mathcal N(0, 2 / (n_{in} + n_{out}))`, :math:`b = 0`.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, inputs first, e.g. ``[2, 3, 1]``.
    rng : numpy Generator, int seed or None

    Returns
    -------
    list of dict
        ``params[l]["W"]`` has shape ``(layer_sizes[l], layer_sizes[l+1])`` and
        ``params[l]["b"]`` shape ``(layer_sizes[l+1],)``.

    >>> [p["W"].shape for p in init_params([2, 3, 1], rng=0)]
    [(2, 3), (3, 1)]
    """
    sizes = _check_layer_sizes(layer_sizes)
    rng = as_rng(rng)
    return [
        {"W": rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), (n_in, n_out)), "b": np.zeros(n_out)}
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def count_parameters(layer_sizes: Sequence[int]) -> int:
    """Number of weights and biases, :math:`\\sum_l (n_l n_{l+1} + n_{l+1})`.

    For ``s`` inputs, ``n`` hidden units and ``m`` outputs: :math:`s n + n + n m + m`.

    >>> count_parameters([2, 3, 1])
    13
    """
    sizes = _check_layer_sizes(layer_sizes)
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def dense(X, W, b) -> np.ndarray:
    """Linear part of a layer, :math:`Z = X W + b`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_in)
    W : array_like, shape (n_in, n_out)
    b : array_like, shape (n_out,)

    Returns
    -------
    ndarray, shape (n_samples, n_out)

    >>> dense([[8.0, 12.0]], [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3])
    array([[ 3.3,  7.4, 11.5]])
    """
    X = as_float_array(X, "X", ndim=2)
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            tr("X has {features} features (shape {X}) but W expects {inputs} inputs (shape {W})")
            .format(features=X.shape[1], X=X.shape, inputs=W.shape[0], W=W.shape)
        )
    if b.shape != (W.shape[1],):
        raise ValueError(tr("{name} must have shape ({n},) to match W {W}, got {shape}").format(
            name="b", n=W.shape[1], W=W.shape, shape=b.shape))
    Z = X @ W
    Z += b  # in place: one (n_samples, n_out) temporary fewer
    return Z


def _check_activations(activations, params) -> list[str]:
    if isinstance(activations, str) or len(activations) != len(params):
        raise ValueError(
            tr("activations must list one name per layer ({count} layers), got {activations!r}")
            .format(count=len(params), activations=activations)
        )
    for name in activations:
        lookup(ACTIVATIONS, name, "activation")
    return list(activations)


def forward(X, params, activations, dropout: float = 0.0, rng: RngLike = None):
    """Forward pass, layer by layer: :math:`Z_l = A_{l-1} W_l + b_l`, :math:`A_l = f_l(Z_l)`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    params : list of dict
        One ``{"W", "b"}`` per layer (see :func:`init_params`).
    activations : sequence of str
        One activation name per layer (see ``coursekit.activations.ACTIVATIONS``).
    dropout : float, optional
        Inverted-dropout rate applied to the hidden layers' outputs (training only).
    rng : numpy Generator, int seed or None
        Source of the dropout masks.

    Returns
    -------
    output : ndarray, shape (n_samples, n_outputs)
    cache : dict
        What :func:`backward` needs: ``inputs`` (each layer's input), ``Z``, ``A`` and dropout
        ``masks`` per layer.

    >>> params = [{"W": np.array([[1.0], [1.0]]), "b": np.array([-1.5])}]
    >>> forward([[1, 1], [0, 1]], params, ["step"])[0]
    array([[1.],
           [0.]])
    """
    X = as_float_array(X, "X", ndim=2)
    names = _check_activations(activations, params)
    rng = as_rng(rng) if dropout else None
    cache = {"inputs": [], "Z": [], "A": [], "masks": []}
    a = X
    for layer, (params_l, name) in enumerate(zip(params, names)):
        cache["inputs"].append(a)
        z = dense(a, params_l["W"], params_l["b"])
        a = ACTIVATIONS[name](z)
        cache["Z"].append(z)
        cache["A"].append(a)
        mask = None
        if dropout and layer < len(params) - 1:
            a, mask = inverted_dropout(a, dropout, rng)
        cache["masks"].append(mask)
    return a, cache


def _targets(y, output: np.ndarray) -> np.ndarray:
    y = as_float_array(y, "y")
    if y.ndim == 1 and output.shape[1] == 1:
        y = y[:, None]
    check_same_shape(y, output, "y", tr("network output"))
    return y


def backward(y, cache: dict, params, activations, loss: str) -> list[dict]:
    """Backpropagation: gradients of ``loss`` w.r.t. every weight and bias.

    Output layer: δ_L = ∂loss/∂A_L ⊙ f_L'(Z_L), which is (A_L − y)/N for sigmoid + BCE (N
    elements) and softmax + CCE (N rows) (``coursekit.backprop.output_delta``). Going back,
    layer by layer (the delta rule, ``coursekit.backprop.hidden_delta``): ∂loss/∂W_l = A_{l−1}ᵀ δ_l,
    ∂loss/∂b_l = Σ_samples δ_l, δ_{l−1} = (δ_l W_lᵀ) ⊙ f_{l−1}'(Z_{l−1}); A_0 = X.

    Parameters
    ----------
    y : array_like, shape (n_samples, n_outputs) or (n_samples,) for one output
    cache : dict
        From ``forward(X, params, activations)``: ``cache["inputs"][l]`` is layer l's input
        A_{l−1}, ``cache["Z"][l]`` its pre-activations, ``cache["A"][l]`` its outputs.
    params, activations
        As given to ``forward``.
    loss : str
        A name in ``coursekit.losses.LOSSES``.

    Returns
    -------
    list of dict
        ``grads[l]["W"]`` and ``grads[l]["b"]`` with the shapes of ``params[l]``.
    """
    names = _check_activations(activations, params)
    lookup(LOSSES, loss, "loss")
    output = cache["A"][-1]
    y = _targets(y, output)
    delta = output_delta(y, output, cache["Z"][-1], names[-1], loss)
    grads = [None] * len(params)
    for layer in range(len(params) - 1, -1, -1):
        grads[layer] = {"W": cache["inputs"][layer].T @ delta, "b": delta.sum(axis=0)}
        if layer:
            d_a = delta @ params[layer]["W"].T
            mask = cache["masks"][layer - 1]
            if mask is not None:
                d_a = d_a * mask
            delta = activation_backward(d_a, cache["Z"][layer - 1], names[layer - 1],
                                        a=cache["A"][layer - 1])
    return grads


def compute_loss(X, y, params, activations, loss: str) -> float:
    """Loss of the network's output on ``(X, y)``, :math:`\\mathcal L(y, f(X))`, with no dropout.

    >>> params = [{"W": np.zeros((2, 1)), "b": np.zeros(1)}]
    >>> compute_loss([[1, 2]], [0.0], params, ["sigmoid"], "bce").__round__(4)
    0.6931
    """
    output, _ = forward(X, params, activations)
    return lookup(LOSSES, loss, "loss")(_targets(y, output), output)


def loss_and_gradients(X, y, params, activations, loss: str, dropout: float = 0.0,
                       rng: RngLike = None):
    """Forward pass, loss value and backpropagated gradients in one call.

    Returns
    -------
    loss_value : float
    grads : list of dict
        Same structure as ``params``.

    >>> params = init_params([2, 2, 1], rng=0)
    >>> value, grads = loss_and_gradients([[0, 1]], [1], params, ["tanh", "sigmoid"], "bce")
    >>> grads[0]["W"].shape
    (2, 2)
    """
    output, cache = forward(X, params, activations, dropout=dropout, rng=rng)
    value = lookup(LOSSES, loss, "loss")(_targets(y, output), output)
    return value, backward(y, cache, params, activations, loss)
