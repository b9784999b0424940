"""Gradient-based optimizers: plain/stochastic gradient descent, Momentum and Adam.

Follows MADC ("Descenso del gradiente", "SGD", "Mini-batch") and PERC's gradient-descent steps:
:math:`\\theta(\\tau + 1) = \\theta(\\tau) - \\eta \\nabla E`.

==========  =============================================================
``params``  list of dicts of arrays (e.g. ``[{"W": ..., "b": ...}, ...]``)
``grads``   same structure: the gradient of the loss for each array
``lr``      learning rate η (tasa de aprendizaje)
``beta``    decay of a moving average (Momentum, Adam)
==========  =============================================================

Each optimizer's ``step(params, grads)`` returns new parameters and leaves its inputs unchanged;
Momentum and Adam keep their moving averages between steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np

from coursekit._validate import RngLike, as_float_array, as_rng, lookup
from coursekit.language import tr


def _check_matching(params, grads) -> None:
    if len(params) != len(grads) or any(
        p.keys() != g.keys() or any(np.shape(p[k]) != np.shape(g[k]) for k in p)
        for p, g in zip(params, grads)
    ):
        shapes = [{k: np.shape(v) for k, v in d.items()} for d in params]
        got = [{k: np.shape(v) for k, v in d.items()} for d in grads]
        raise ValueError(tr("grads must match params' structure {shapes}, got {got}").format(
            shapes=shapes, got=got))


def _check_positive(name: str, value: float) -> float:
    if not value > 0:
        raise ValueError(tr("{name} must be > 0, got {value}").format(name=name, value=value))
    return float(value)


class SGD:
    """Gradient descent step :math:`\\theta \\leftarrow \\theta - \\eta \\, g`.

    Full-batch gradients make it plain gradient descent; mini-batch gradients make it SGD.

    >>> SGD(lr=0.5).step([{"w": np.array([1.0])}], [{"w": np.array([2.0])}])
    [{'w': array([0.])}]
    """

    def __init__(self, lr: float = 0.01):
        self.lr = _check_positive("lr", lr)

    def step(self, params, grads):
        _check_matching(params, grads)
        return [{k: p[k] - self.lr * g[k] for k in p} for p, g in zip(params, grads)]


class Momentum:
    """Gradient descent with momentum: :math:`v \\leftarrow \\beta v - \\eta g`,
    :math:`\\theta \\leftarrow \\theta + v`.

    The velocity ``v`` accumulates past steps, speeding up along consistent directions and
    damping oscillations.
    """

    def __init__(self, lr: float = 0.01, beta: float = 0.9):
        self.lr = _check_positive("lr", lr)
        self.beta = beta
        self.velocity = None

    def step(self, params, grads):
        _check_matching(params, grads)
        if self.velocity is None:
            self.velocity = [{k: np.zeros_like(v) for k, v in g.items()} for g in grads]
        self.velocity = [
            {k: self.beta * v[k] - self.lr * g[k] for k in g} for v, g in zip(self.velocity, grads)
        ]
        return [{k: p[k] + v[k] for k in p} for p, v in zip(params, self.velocity)]


class Adam:
    """Adam: moving averages of the gradient and of its square, bias-corrected.

    :math:`m \\leftarrow \\beta_1 m + (1 - \\beta_1) g`,
    :math:`s \\leftarrow \\beta_2 s + (1 - \\beta_2) g^2`,
    :math:`\\theta \\leftarrow \\theta - \\eta \\, \\hat m / (\\sqrt{\\hat s} + \\epsilon)` with
    :math:`\\hat m = m / (1 - \\beta_1^t)`, :math:`\\hat s = s / (1 - \\beta_2^t)`.
    """

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 epsilon: float = 1e-8):
        self.lr = _check_positive("lr", lr)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.t = 0
        self.m = self.s = None

    def step(self, params, grads):
        _check_matching(params, grads)
        if self.m is None:
            self.m = [{k: np.zeros_like(v) for k, v in g.items()} for g in grads]
            self.s = [{k: np.zeros_like(v) for k, v in g.items()} for g in grads]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m = [{k: b1 * m[k] + (1 - b1) * g[k] for k in g} for m, g in zip(self.m, grads)]
        self.s = [{k: b2 * s[k] + (1 - b2) * g[k] ** 2 for k in g} for s, g in zip(self.s, grads)]
        scale_m, scale_s = 1 - b1**self.t, 1 - b2**self.t
        return [
            {k: p[k] - self.lr * (m[k] / scale_m) / (np.sqrt(s[k] / scale_s) + self.epsilon)
             for k in p}
            for p, m, s in zip(params, self.m, self.s)
        ]


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
"""Optimizer name -> class (constructed with its default learning rate, as Keras does)."""


def get_optimizer(optimizer):
    """Return an optimizer object from a name in ``OPTIMIZERS`` or an object with ``step``."""
    if isinstance(optimizer, type):
        raise TypeError(tr("pass an optimizer object such as {name}(lr=0.01), or a name, not the "
                           "class {name}").format(name=optimizer.__name__))
    if hasattr(optimizer, "step"):
        return optimizer
    return lookup(OPTIMIZERS, optimizer, "optimizer")()


def iterations_per_epoch(n_samples: int, batch_size: int) -> int:
    """Parameter updates in one epoch, ⌈n / B⌉ (the last batch may be smaller).

    Parameters
    ----------
    n_samples : int
        Training samples n, at least 1.
    batch_size : int
        Samples per batch B, at least 1 (may exceed n: then one batch).

    Returns
    -------
    int
        The number of batches, i.e. updates, per epoch.

    >>> iterations_per_epoch(1000, 100)
    10
    >>> iterations_per_epoch(1001, 100)
    11
    """
    if n_samples < 1 or batch_size < 1:
        raise ValueError(
            tr("n_samples and batch_size must be positive, got {n_samples} and {batch_size}")
            .format(n_samples=n_samples, batch_size=batch_size)
        )
    return math.ceil(n_samples / batch_size)


def minibatches(X, y, batch_size: int, shuffle: bool = True,
                rng: RngLike = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split one epoch of data into mini-batches: a list of ``(X_batch, y_batch)`` pairs.

    Without ``shuffle`` the samples keep their stored order. With it they are visited in a
    random order drawn from ``rng`` (here ``np.random.default_rng(rng).permutation(n_samples)``;
    any random permutation is right). ``X`` and ``y`` follow the same order, so every row keeps
    its target. Batch k holds the next ``batch_size`` samples of that order and the last batch
    the remainder: ⌈n / B⌉ batches, every sample exactly once.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples, ...)
    batch_size : int
        Samples per batch, at least 1.
    shuffle : bool
        Visit the samples in a random order.
    rng : numpy Generator, int seed or None
        Source of the random order (a Generator is used as it is, so each call reshuffles).

    Returns
    -------
    list of tuple (ndarray (B_k, n_features), ndarray (B_k, ...))
        float64 copies of the rows of each batch.

    >>> [xb.shape[0] for xb, _ in minibatches(np.zeros((5, 2)), np.zeros(5), 2)]
    [2, 2, 1]
    """
    X = as_float_array(X, "X", ndim=2)
    y = as_float_array(y, "y")
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(tr("X and y must have the same number of samples, got {n_samples} and y "
                            "of shape {shape}").format(n_samples=X.shape[0], shape=y.shape))
    iterations_per_epoch(X.shape[0], batch_size)
    order = as_rng(rng).permutation(X.shape[0]) if shuffle else np.arange(X.shape[0])
    return [(X[order[start:start + batch_size]], y[order[start:start + batch_size]])
            for start in range(0, X.shape[0], batch_size)]


def iterate_minibatches(X, y, batch_size: int, shuffle: bool = True,
                        rng: RngLike = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(X_batch, y_batch)`` pairs that cover every sample once (one epoch); the
    generator form of :func:`minibatches` (same arguments, same batches).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples, ...)
    batch_size : int
        Samples per batch; the last batch holds the remainder.
    shuffle : bool
        Visit the samples in a random order.
    rng : numpy Generator, int seed or None

    >>> [xb.shape[0] for xb, _ in iterate_minibatches(np.zeros((5, 2)), np.zeros(5), 2)]
    [2, 2, 1]
    """
    yield from minibatches(X, y, batch_size, shuffle, rng)


def descend(gradient: Callable[[np.ndarray], np.ndarray], x0, optimizer, steps: int) -> np.ndarray:
    """Follow an optimizer on a function of a point ``x`` (e.g. a 1-D or 2-D loss surface).

    Parameters
    ----------
    gradient : callable
        ``gradient(x) -> ndarray`` of the shape of ``x``.
    x0 : array_like, shape (d,)
        Starting point.
    optimizer : str or optimizer object
    steps : int

    Returns
    -------
    ndarray, shape (steps + 1, d)
        The trajectory, starting at ``x0``.

    >>> descend(lambda x: 2 * x, [1.0], SGD(lr=0.25), 2)
    array([[1.  ],
           [0.5 ],
           [0.25]])
    """
    optimizer = get_optimizer(optimizer)
    x = as_float_array(x0, "x0", ndim=1)
    path = [x]
    for _ in range(steps):
        x = optimizer.step([{"x": x}], [{"x": np.asarray(gradient(x), dtype=np.float64)}])[0]["x"]
        path.append(x)
    return np.array(path)
