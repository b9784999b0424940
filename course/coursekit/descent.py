"""Gradient descent step by step (06_gradient_descent): update rule, path, momentum, mini-batch
SGD, MADC's convexity test and the notebook's example losses; built on :mod:`coursekit.optim`
and :func:`coursekit.training.train`. Follows PERC ("Descenso por gradiente"), MADC ("Tasa de
aprendizaje", "Función de pérdida convexa vs no convexa", "Descenso del gradiente vs descenso del
gradiente estocástico (SGD)") and INTRO ("Mañana").

Notation: ``w`` parameters (any shape), ``grad`` = ∇_w E (same shape), ``eta`` = η > 0 the
learning rate (tasa de aprendizaje), τ counts updates, ``velocity`` = v and ``beta`` = β momentum.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit import optim
from coursekit._validate import RngLike, as_float_array, as_result, check_count, check_same_shape
from coursekit.language import tr
from coursekit.training import train


def loss_1d(w):
    """The 1-D example loss E(w) = 0.05 w⁴ − 0.5 w² + 0.3 w + 2, elementwise. Non-convex:
    global minimum near w = −2.373 (E ≈ 0.058), local one near 2.067 (E ≈ 1.397), maximum 0.306.

    >>> float(loss_1d(0.0))
    2.0
    """
    w = as_float_array(w, "w")
    return 0.05 * w**4 - 0.5 * w**2 + 0.3 * w + 2.0


def loss_1d_gradient(w):
    """Derivative of :func:`loss_1d`, E'(w) = 0.2 w³ − w + 0.3.

    >>> float(loss_1d_gradient(1.0))
    -0.5
    """
    w = as_float_array(w, "w")
    return 0.2 * w**3 - w + 0.3


def _as_points(w) -> np.ndarray:
    if (w := as_float_array(w, "w")).ndim == 0 or w.shape[-1] != 2:
        raise ValueError(tr("w must have shape (..., 2), got shape {shape}").format(
            shape=w.shape))
    return w


def loss_2d(w):
    """The 2-D example loss E(w1, w2) = E_1D(w1) + 2.5 w2², ``w`` (..., 2) → shape (...): the
    minima of :func:`loss_1d` on w2 = 0, in a ravine (curvature 5 across, 1.6–2.4 along).

    >>> float(loss_2d([0.0, 1.0]))
    4.5
    """
    w = _as_points(w)
    return loss_1d(w[..., 0]) + 2.5 * w[..., 1] ** 2


def loss_2d_gradient(w):
    """Gradient of :func:`loss_2d`, (E_1D'(w1), 5 w2), same shape as ``w``.

    >>> loss_2d_gradient([1.0, 1.0])
    array([-0.5,  5. ])
    """
    w = _as_points(w)
    return np.stack([loss_1d_gradient(w[..., 0]), 5.0 * w[..., 1]], axis=-1)


def _number(name: str, value, low: float, high: float = np.inf, closed: bool = False) -> float:
    """``value`` as a float in (low, high) — [low, high) when ``closed`` — else a ValueError."""
    ok = not isinstance(value, bool) and isinstance(value, (int, float, np.number))
    if not ok or not (low <= value if closed else low < value) or not value < high:
        interval = (tr("in [{low:g}, {high:g})").format(low=low, high=high) if closed
                    else f"> {low:g}")
        raise ValueError(tr("{name} must be a number {interval}, got {value!r}").format(
            name=name, interval=interval, value=value))
    return float(value)


def gradient_descent_step(w, grad, eta):
    """One gradient-descent update, w(τ + 1) = w(τ) − η ∇_w E.

    Parameters
    ----------
    w, grad : float or array_like, any shape (both the same)
        Current parameters w(τ) and the gradient ∇_w E there.
    eta : float
        Learning rate η > 0.

    Returns
    -------
    float or ndarray, same shape as ``w``
        The new parameters w(τ + 1); a float for scalar inputs. ``w`` is not changed.

    Examples
    --------
    >>> gradient_descent_step([0.1, 0.2], [-0.0508, -0.0762], 0.5)
    array([0.1254, 0.2381])
    """
    w, grad = as_float_array(w, "w"), as_float_array(grad, "grad")
    check_same_shape(w, grad, "w", "grad")
    step = optim.SGD(lr=_number("eta", eta, 0.0)).step([{"w": w}], [{"w": grad}])
    return as_result(step[0]["w"])


def gradient_descent(gradient: Callable, w0, eta, steps: int) -> np.ndarray:
    """The whole gradient-descent path: ``steps`` updates w ← w − η ∇E(w) from ``w0``.

    PERC's steps: start somewhere, then repeat — gradient where you are, a step against it. No
    stopping test: exactly ``steps`` updates (values may blow up to inf/nan when η is too large).

    Parameters
    ----------
    gradient : callable
        ``gradient(w) -> ndarray`` of shape ``(d,)``, the gradient ∇E at ``w``.
    w0 : array_like, shape (d,)
        Starting point w(0).
    eta : float
        Learning rate η > 0.
    steps : int
        Number of updates, ≥ 0.

    Returns
    -------
    ndarray, shape (steps + 1, d)
        Row τ is w(τ); row 0 is ``w0``.

    Examples
    --------
    >>> gradient_descent(lambda w: 2 * w, [1.0], 0.25, 2)  # E = w², each step halves w
    array([[1.  ],
           [0.5 ],
           [0.25]])
    """
    steps = check_count("steps", steps, minimum=0)
    w0 = as_float_array(w0, "w0", ndim=1)
    with np.errstate(over="ignore", invalid="ignore"):
        return optim.descend(gradient, w0, optim.SGD(lr=_number("eta", eta, 0.0)), steps)


def momentum_step(w, velocity, grad, eta, beta=0.9):
    """One step of gradient descent with momentum (MADC's "SGD con momento"):
    v ← β v − η ∇_w E, then w ← w + v.

    Parameters
    ----------
    w, velocity, grad : float or array_like, any shape (all the same)
        Current parameters, the previous step ``v`` (zeros at the start), the gradient at ``w``.
    eta : float
        Learning rate η > 0.
    beta : float
        Momentum β in [0, 1): the fraction of the previous step kept; β = 0 is plain descent.

    Returns
    -------
    w_new, velocity_new : float or ndarray, same shape as ``w``
        Floats for scalar inputs.

    Examples
    --------
    >>> momentum_step(1.0, 0.5, 2.0, 0.1, 0.9)  # v = 0.45 - 0.2 = 0.25, w = 1.25
    (1.25, 0.25)
    """
    w, v, g = (as_float_array(a, n) for a, n in [(w, "w"), (velocity, "velocity"), (grad, "grad")])
    check_same_shape(w, v, "w", "velocity")
    check_same_shape(w, g, "w", "grad")
    optimizer = optim.Momentum(lr=_number("eta", eta, 0.0), beta=_number("beta", beta, 0, 1, True))
    optimizer.velocity = [{"w": v}]
    w_new = optimizer.step([{"w": w}], [{"w": g}])[0]["w"]
    return as_result(w_new), as_result(optimizer.velocity[0]["w"])


def sgd_train(X, y, params, activations, loss, eta, epochs, batch_size, rng: RngLike = None):
    """Train a network with mini-batch stochastic gradient descent (MADC's SGD).

    Make one generator, ``rng = np.random.default_rng(rng)``, before the loop over epochs.
    Every epoch, split the data with ``minibatches(X, y, batch_size, shuffle=True, rng=rng)``
    (a new random order each epoch); for each batch in turn compute the gradients with
    ``reference_network.loss_and_gradients(X_batch, y_batch, params, activations, loss)`` and
    update every array, W ← W − η ∇_W E and b ← b − η ∇_b E: ⌈n / B⌉ updates per epoch.
    After each epoch record the loss on the whole training set,
    ``reference_network.compute_loss(X, y, params, activations, loss)``
    (``minibatches``: ``coursekit.optim.minibatches``; ``reference_network``: coursekit.network).
    Any random order is right: the notebook's tests check what every correct run gives, not
    one particular shuffle.

    Parameters
    ----------
    X, y : array_like, shapes (n_samples, n_features) and (n_samples, n_outputs) or (n_samples,)
    params : list of dict
        Initial ``{"W": (n_in, n_out), "b": (n_out,)}`` per layer; not modified.
    activations, loss : list of str, str
        One activation name per layer (``["sigmoid", "identity"]``); a loss name (``"mse"``).
    eta : float
        Learning rate η > 0.
    epochs, batch_size : int
        Passes over the training set (≥ 1); samples per update (1: pure SGD, n_samples: batch GD).
    rng : numpy Generator, int seed or None
        Source of the shuffles.

    Returns
    -------
    params, losses : list of dict, list of float
        The trained parameters (new arrays); the training loss after each epoch (``epochs``).
    """
    trained, history = train(X, y, params, activations, loss, epochs=int(epochs),
                             optimizer=optim.SGD(_number("eta", eta, 0.0)),
                             batch_size=int(batch_size), shuffle=True, rng=rng)
    return trained, list(history.loss)


def is_convex_on_samples(f: Callable, points, t=None, tol: float = 1e-9) -> bool:
    """Whether ``f`` passes MADC's convexity test on every pair of sample points (a bool).

    For all pairs x1, x2 of ``points`` and every ``t`` checks
    f(t·x1 + (1 − t)·x2) <= t·f(x1) + (1 − t)·f(x2) + tol: the chord lies on or above the
    graph. ``False`` proves ``f`` is not convex; ``True`` is evidence only (no violation found
    on these samples).

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` of an array returns an array of the same shape.
    points : array_like, shape (n,)
    t : array_like, shape (m,), optional
        Mixing weights in [0, 1]; default ``np.linspace(0, 1, 11)``.
    tol : float
        Slack for rounding; equality (a straight line) counts as convex.

    Examples
    --------
    >>> is_convex_on_samples(lambda x: x**2, [1.0, 2.0], [0.5])  # 2.25 <= 2.5
    True
    >>> is_convex_on_samples(lambda x: -x**2, [1.0, 2.0], [0.5])
    False
    """
    points = as_float_array(points, "points", ndim=1)
    t = np.linspace(0.0, 1.0, 11) if t is None else as_float_array(t, "t", ndim=1)
    if t.size and (t.min() < 0.0 or t.max() > 1.0):
        raise ValueError(tr("{name} must lie in [0, 1], got values from {low:g} to {high:g}")
                         .format(name="t", low=t.min(), high=t.max()))
    x1, x2, tt = points[:, None, None], points[None, :, None], t[None, None, :]
    lhs = np.asarray(f(tt * x1 + (1.0 - tt) * x2), dtype=np.float64)
    rhs = tt * np.asarray(f(x1), dtype=np.float64) + (1.0 - tt) * np.asarray(f(x2), np.float64)
    return bool(np.all(lhs <= rhs + tol))


__all__ = ["gradient_descent", "gradient_descent_step", "is_convex_on_samples", "loss_1d",
           "loss_1d_gradient", "loss_2d", "loss_2d_gradient", "momentum_step", "sgd_train"]
