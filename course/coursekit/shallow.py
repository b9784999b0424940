"""INTRO's shallow network (one hidden layer) and the collapse of a network with linear activations.

Follows INTRO ("Redes Neuronales: Shallow", "Redes Neuronales: Quiz!", "Redes Neuronales: Función
de Activación"): with two inputs and three hidden units

.. math::

    y = \\omega_{14} f(x_1\\omega_{11} + x_2\\omega_{21} + b_1)
      + \\omega_{24} f(x_1\\omega_{12} + x_2\\omega_{22} + b_2)
      + \\omega_{34} f(x_1\\omega_{13} + x_2\\omega_{23} + b_3) + b_4 .

=============  ==============================================================================
``x``          inputs, shape ``(n_samples,)`` (one input, :math:`s = 1`) or ``(n_samples, s)``
``W``          hidden weights, shape ``(s, n_hidden)``; ``W[i, k]`` is :math:`\\omega_{ik}`
``b``          hidden biases :math:`b_k`, shape ``(n_hidden,)``
``w_out``      output weights :math:`\\omega_{k4}`, shape ``(n_hidden,)`` (or ``(n_hidden, m)``)
``b_out``      output bias :math:`b_4` (a float, or shape ``(m,)``)
``f``          hidden activation; :func:`collapse_linear` takes :math:`f(u) = a u + c`
=============  ==============================================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array
from coursekit.activations import get_activation
from coursekit.language import tr
from coursekit.network import dense


def _check_hidden(W, b, n_inputs: int | None = None):
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if n_inputs is not None and W.shape[0] != n_inputs:
        raise ValueError(tr("W must have shape ({n_inputs}, n_hidden) for {n_inputs} input(s), "
                            "got {shape}").format(n_inputs=n_inputs, shape=W.shape))
    if b.shape != (W.shape[1],):
        raise ValueError(tr("{name} must have shape ({n},) to match W {W}, got {shape}").format(
            name="b", n=W.shape[1], W=W.shape, shape=b.shape))
    return W, b


def shallow_net(x, W, b, w_out, b_out, activation="relu"):
    """Output of a shallow network (INTRO, "Redes Neuronales: Shallow").

    y = Σ_k ω_k4 · f(Σ_i x_i ω_ik + b_k) + b_4, or in matrix form y = f(XW + b) w_out + b_out,
    with the activation f applied to the hidden layer only.

    Parameters
    ----------
    x : array_like, shape (n_samples,) or (n_samples, s)
        The inputs, one row per sample. A 1-D ``x`` holds one input per sample (s = 1): it is
        used as the column ``x[:, None]``.
    W : array_like, shape (s, n_hidden)
        Hidden weights; ``W[i, k]`` joins input i to hidden unit k (the slide's ω_ik).
    b : array_like, shape (n_hidden,)
        Hidden biases b_k.
    w_out : array_like, shape (n_hidden,) or (n_hidden, m)
        Output weights ω_k4; one column per output when there are m outputs.
    b_out : float or array_like, shape (m,)
        Output bias b_4 (one per output).
    activation : str or callable
        The hidden activation f: a name of :mod:`coursekit.activations` (``"relu"``,
        ``"sigmoid"``, ...) or a function of an array, applied element by element to the hidden
        pre-activations Z = XW + b.

    Returns
    -------
    ndarray, shape (n_samples,) or (n_samples, m)
        One output per sample; shape ``(n_samples, m)`` when ``w_out`` is 2-D.

    Examples
    --------
    INTRO's ReLU network ("Redes Neuronales: Función de Activación") at x = −3, 0 and 3:

    >>> shallow_net([-3.0, 0.0, 3.0], [[1.5, 1.0, 2.0]], [3.0, -1.2, -4.0],
    ...             [-0.6, 1.7, -1.2], -0.5).round(6)
    array([-0.5 , -2.3 , -4.34])
    """
    x = as_float_array(x, "x")
    if x.ndim not in (1, 2):
        raise ValueError(tr("x must have shape (n_samples,) or (n_samples, s), got {shape}")
                         .format(shape=x.shape))
    X = x[:, None] if x.ndim == 1 else x
    W, b = _check_hidden(W, b, X.shape[1])
    w_out = as_float_array(w_out, "w_out")
    if w_out.ndim not in (1, 2) or w_out.shape[0] != W.shape[1]:
        raise ValueError(tr("w_out must have shape ({n},) or ({n}, m) to match W {W}, got "
                            "{shape}").format(n=W.shape[1], W=W.shape, shape=w_out.shape))
    b_out = as_float_array(b_out, "b_out")
    expected_b = () if w_out.ndim == 1 else (w_out.shape[1],)
    if b_out.shape != expected_b and not (w_out.ndim == 2 and b_out.ndim == 0):
        raise ValueError(tr("b_out must have shape {expected} to match w_out {w_out}, got "
                            "{shape}").format(expected=expected_b, w_out=w_out.shape,
                                              shape=b_out.shape))
    f = activation if callable(activation) else get_activation(activation)
    return np.asarray(f(dense(X, W, b)), dtype=np.float64) @ w_out + b_out


def collapse_linear(W, b, w_out, b_out, a: float, c: float) -> tuple:
    """Coefficients of a shallow network whose activation is linear, f(u) = a·u + c.

    With a linear f the network is one linear function, y = c_1·x_1 + … + c_s·x_s + c_(s+1)
    (INTRO, "Qué pasa si la función de activación es lineal?"). Unit k adds
    ω_k4 · f(u_k) = a·ω_k4·u_k + c·ω_k4 to the output, so

        c_i     = a · Σ_k ω_ik·ω_k4                        (i = 1, …, s)
        c_(s+1) = a · Σ_k b_k·ω_k4 + c · Σ_k ω_k4 + b_4

    The slide writes 3b for the term c · Σ_k ω_k4: it forgets the output weights. (INTRO writes
    the activation as f(x) = a·x + b; here its intercept is c, apart from the hidden biases b_k.)

    Parameters
    ----------
    W : array_like, shape (s, n_hidden)
        Hidden weights; ``W[i, k]`` is ω_ik. INTRO's network has s = 2 inputs and 3 hidden units.
    b : array_like, shape (n_hidden,)
        Hidden biases b_k.
    w_out : array_like, shape (n_hidden,)
        Output weights ω_k4.
    b_out : float
        Output bias b_4.
    a, c : float
        Slope and intercept of the activation f(u) = a·u + c.

    Returns
    -------
    tuple of float, length s + 1
        (c_1, …, c_s, c_(s+1)): ``(c1, c2, c3)`` for two inputs.

    Examples
    --------
    >>> collapse_linear([[1.0, 0.0], [0.0, 1.0]], [0.0, 1.0], [1.0, 2.0], 0.5, a=2.0, c=1.0)
    (2.0, 4.0, 7.5)
    """
    W, b = _check_hidden(W, b)
    w_out = as_float_array(w_out, "w_out", ndim=1)
    if w_out.shape != (W.shape[1],):
        raise ValueError(tr("{name} must have shape ({n},) to match W {W}, got {shape}").format(
            name="w_out", n=W.shape[1], W=W.shape, shape=w_out.shape))
    b_out = float(as_float_array(b_out, "b_out", ndim=0))
    a = float(as_float_array(a, "a", ndim=0))
    c = float(as_float_array(c, "c", ndim=0))
    slopes = a * (W @ w_out)
    constant = a * float(b @ w_out) + c * float(w_out.sum()) + b_out
    return (*(float(v) for v in slopes), constant)
