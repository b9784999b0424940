"""Activation functions and their derivatives with respect to the pre-activation ``z``.

Follows the activation tables of MADC ("Funciones de activación") and INTRO, and PERC's sigmoid and
ReLU slides.

========  ==========================================================
``z``     pre-activation, ``z = x @ W + b`` (any shape)
``a``     activation, ``a = f(z)`` (same shape as ``z``)
``f'(z)`` derivative of ``f`` at ``z``, element by element
========  ==========================================================

Every function accepts scalars or arrays, computes in float64 and is stable for large ``|z|``
(no overflow warnings at ``|z| = 1000``); like all of coursekit, an element-wise function returns
a Python float for a scalar and an ndarray of the same shape for an array. ``softmax`` acts along
an axis, so its derivative is a Jacobian (:func:`softmax_jacobian`) rather than an element-wise
function.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, as_result, lookup


def identity(z):
    """Identity (linear) activation, :math:`f(z) = z`.

    >>> identity([-1.0, 2.0])
    array([-1.,  2.])
    """
    return as_result(as_float_array(z, "z").copy())


def identity_derivative(z):
    """Derivative of the identity, :math:`f'(z) = 1`."""
    return as_result(np.ones_like(as_float_array(z, "z")))


def step(z):
    """Binary step (Heaviside) used by the perceptron, :math:`f(z) = 1` if :math:`z \\ge 0` else 0.

    >>> step([-0.5, 0.0, 2.0])
    array([0., 1., 1.])
    """
    return as_result((as_float_array(z, "z") >= 0).astype(np.float64))


def step_derivative(z):
    """Derivative of the step: 0 everywhere (undefined at 0, taken as 0), which is why the
    perceptron cannot be trained by gradient descent."""
    return as_result(np.zeros_like(as_float_array(z, "z")))


def sigmoid(z):
    """Logistic sigmoid, σ(z) = 1 / (1 + e^(−z)), computed without overflow.

    Squashes any number into (0, 1): σ(0) = 0.5, σ(z) → 1 as z → +∞ and σ(z) → 0 as z → −∞.
    With e = e^(−|z|), which never exceeds 1: σ(z) = 1 / (1 + e) for z ≥ 0 and e / (1 + e) for
    z < 0. So |z| = 1000 gives 1 and 0, not an overflow or nan.

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.

    Returns
    -------
    float or ndarray, same shape as ``z``
        σ(z), element by element, each in [0, 1]. A float for a scalar ``z``.

    Examples
    --------
    >>> sigmoid([0.0, 1000.0, -1000.0])
    array([0.5, 1. , 0. ])
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return as_result(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(z):
    """Derivative of the sigmoid with respect to z, σ′(z) = σ(z) · (1 − σ(z)).

    The formula takes σ(z), not z: compute σ(z) first. σ′ is largest at z = 0 (0.25) and falls
    towards 0 on both sides.

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations (the input of the sigmoid, not its output).

    Returns
    -------
    float or ndarray, same shape as ``z``
        σ′(z), element by element, each in [0, 0.25]. A float for a scalar ``z``.

    Examples
    --------
    >>> float(sigmoid_derivative(0.0))
    0.25
    >>> sigmoid_derivative([-2.0, 2.0]).round(4)
    array([0.105, 0.105])
    """
    s = sigmoid(z)
    return as_result(s * (1.0 - s))


def tanh(z):
    """Hyperbolic tangent, :math:`\\tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z})`, in (-1, 1)."""
    return as_result(np.tanh(as_float_array(z, "z")))


def tanh_derivative(z):
    """Derivative of tanh with respect to z, tanh′(z) = 1 − tanh²(z).

    Square tanh(z), not z. tanh′ is 1 at z = 0 and falls towards 0 on both sides.

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.

    Returns
    -------
    float or ndarray, same shape as ``z``
        tanh′(z), element by element, each in [0, 1]. A float for a scalar ``z``.

    Examples
    --------
    >>> float(tanh_derivative(0.0))
    1.0
    >>> tanh_derivative([-1.0, 2.0]).round(4)
    array([0.42  , 0.0707])
    """
    t = np.tanh(as_float_array(z, "z"))
    return as_result(1.0 - t * t)


def relu(z):
    """Rectified linear unit, ReLU(z) = max(0, z), element by element.

    Negative inputs become 0; zero and positive inputs pass unchanged (INTRO and PERC: 0 if
    x < 0, x if x ≥ 0).

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        max(0, z) element by element. A float for a scalar ``z``.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return as_result(np.maximum(as_float_array(z, "z"), 0.0))


def relu_derivative(z):
    """Derivative of ReLU with respect to z: 1 where z > 0, and 0 where z ≤ 0.

    At z = 0 ReLU has a corner and no derivative; any value in [0, 1] would do (MADC's table
    takes 1 for x ≥ 0). This course, like PyTorch, takes 0 at z = 0.

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.

    Returns
    -------
    float or ndarray of float, same shape as ``z``
        1.0 where z > 0, else 0.0 (floats, not booleans). A float for a scalar ``z``.

    Examples
    --------
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    return as_result((as_float_array(z, "z") > 0).astype(np.float64))


def leaky_relu(z, alpha: float = 0.01):
    """Leaky ReLU, f(z) = z for z > 0 and α·z for z ≤ 0 (MADC's PReLU with a fixed slope α).

    The small slope α for negative z keeps a gradient flowing where ReLU's is 0.

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope α for z ≤ 0, a small positive number.

    Returns
    -------
    float or ndarray, same shape as ``z``
        f(z) element by element. A float for a scalar ``z``.

    Examples
    --------
    >>> leaky_relu([-100.0, 5.0])
    array([-1.,  5.])
    >>> leaky_relu([-2.0, 2.0], alpha=0.1)
    array([-0.2,  2. ])
    """
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z, alpha: float = 0.01):
    """Derivative of leaky ReLU: 1 for :math:`z > 0`, else :math:`\\alpha`."""
    return as_result(np.where(as_float_array(z, "z") > 0, 1.0, alpha))


def elu(z, alpha: float = 1.0):
    """Exponential linear unit, :math:`f(z) = z` if :math:`z > 0` else
    :math:`\\alpha (e^z - 1)`."""
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0))))


def elu_derivative(z, alpha: float = 1.0):
    """Derivative of ELU: 1 for :math:`z > 0`, else :math:`\\alpha e^z`."""
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))))


def softplus(z):
    """Softplus, f(z) = ln(1 + e^z), a smooth ReLU (MADC's table: log_e(1 + e^x)).

    Computed stably as ``np.logaddexp(0, z)`` (or max(z, 0) + ln(1 + e^(−|z|))); the naive
    ln(1 + e^z) gives inf at z = 1000 instead of 1000. Its derivative is the sigmoid σ(z).

    Parameters
    ----------
    z : float or array_like, any shape
        Pre-activations.

    Returns
    -------
    float or ndarray, same shape as ``z``
        ln(1 + e^z) element by element, each above 0. A float for a scalar ``z``.

    Examples
    --------
    >>> round(float(softplus(0.0)), 6)   # ln 2
    0.693147
    >>> softplus([-1000.0, 1000.0])
    array([   0., 1000.])
    """
    return as_result(np.logaddexp(0.0, as_float_array(z, "z")))


def softplus_derivative(z):
    """Derivative of softplus, :math:`f'(z) = \\sigma(z)`."""
    return as_result(sigmoid(z))


def arctan(z):
    """Arctangent activation, :math:`f(z) = \\arctan(z)`, in :math:`(-\\pi/2, \\pi/2)`."""
    return as_result(np.arctan(as_float_array(z, "z")))


def arctan_derivative(z):
    """Derivative of arctan, :math:`f'(z) = 1 / (1 + z^2)`."""
    z = as_float_array(z, "z")
    return as_result(1.0 / (1.0 + z * z))


def softmax(z, axis: int = -1):
    """Softmax along ``axis``, :math:`s_k = e^{z_k} / \\sum_j e^{z_j}`.

    Subtracts the maximum first, which leaves the result unchanged (shift invariance) and
    prevents overflow.

    Parameters
    ----------
    z : array_like, shape (..., n_classes)
        Scores (logits); one row per sample.
    axis : int
        Axis holding the classes.

    Returns
    -------
    ndarray, same shape as ``z``
        Probabilities that sum to 1 along ``axis``.

    >>> softmax([5.36, 12.12]).round(5)
    array([0.00116, 0.99884])
    """
    z = as_float_array(z, "z")
    shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)


def softmax_jacobian(z):
    """Jacobian of the softmax over the last axis, :math:`\\partial s_i / \\partial z_j =
    s_i(\\delta_{ij} - s_j)`.

    Parameters
    ----------
    z : array_like, shape (..., k)

    Returns
    -------
    ndarray, shape (..., k, k)
    """
    s = softmax(z)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


ACTIVATIONS = {
    "identity": identity,
    "linear": identity,  # Keras' name for the identity
    "step": step,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "softplus": softplus,
    "arctan": arctan,
    "softmax": softmax,
}
"""Activation name -> function of ``z``."""

DERIVATIVES = {
    "identity": identity_derivative,
    "linear": identity_derivative,
    "step": step_derivative,
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
    "elu": elu_derivative,
    "softplus": softplus_derivative,
    "arctan": arctan_derivative,
    "softmax": softmax_jacobian,
}
"""Activation name -> derivative w.r.t. ``z`` (element-wise, except softmax's Jacobian)."""


def get_activation(name: str):
    """Return the activation function called ``name``; unknown names list the valid ones."""
    return lookup(ACTIVATIONS, name, "activation")
