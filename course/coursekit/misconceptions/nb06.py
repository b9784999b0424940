"""Misconceptions of 06_gradient_descent's exercises (see :mod:`coursekit.misconceptions`).

Each function computes what one wrong way gives for the exercise's arguments, from coursekit's
own pieces (they run in the grader, where all of coursekit is there). ``minibatches`` and
``sgd_train`` are checked through properties of their results where they shuffle, so their
misconceptions are recognised by those properties, whatever random order a student drew.
"""

from __future__ import annotations

import numpy as np

from coursekit import network
from coursekit.descent import gradient_descent
from coursekit.misconceptions import Misconception
from coursekit.optim import minibatches

# --- gradient_descent_step --------------------------------------------------------------------


def step_up(w, grad, eta):
    """w + η ∇E: a step up the gradient."""
    return np.asarray(w, dtype=float) + eta * np.asarray(grad, dtype=float)


def step_without_eta(w, grad, eta):
    """w − ∇E: the learning rate left out."""
    return np.asarray(w, dtype=float) - np.asarray(grad, dtype=float)


def step_only(w, grad, eta):
    """−η ∇E: the step instead of the new weights."""
    return -eta * np.asarray(grad, dtype=float)


# --- gradient_descent -------------------------------------------------------------------------


def path_without_start(gradient, w0, eta, steps):
    """w(1) … w(steps): the starting point left out."""
    return gradient_descent(gradient, w0, eta, steps)[1:]


def path_of_one_array(gradient, w0, eta, steps):
    """Every row the last point: one array updated in place (``w -= …``) and stored each step."""
    path = gradient_descent(gradient, w0, eta, steps)
    return np.repeat(path[-1:], len(path), axis=0)


def path_gradient_at_start(gradient, w0, eta, steps):
    """w(τ) = w(0) − τ η ∇E(w(0)): the gradient always taken at the start."""
    w0 = np.asarray(w0, dtype=float)
    step = eta * np.asarray(gradient(w0), dtype=float)
    return np.array([w0 - k * step for k in range(steps + 1)])


# --- is_convex_on_samples ---------------------------------------------------------------------


def _pairs(f, points, t):
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    for x1 in points:
        for x2 in points:
            for ti in t:
                yield x1, x2, ti, f(np.array(ti * x1 + (1 - ti) * x2)), \
                    ti * f(np.array(x1)) + (1 - ti) * f(np.array(x2))


def convex_strict(f, points, t=None, tol=1e-9):
    """A chord that touches the graph counts as a violation (>= instead of >)."""
    return not any(x1 != x2 and 0 < ti < 1 and lhs >= rhs
                   for x1, x2, ti, lhs, rhs in _pairs(f, points, t))


def convex_only_half(f, points, t=None, tol=1e-9):
    """Only the midpoints, t = 0.5, whatever ``t`` says."""
    return not any(lhs > rhs + tol for *_, lhs, rhs in _pairs(f, points, [0.5]))


def convex_neighbours_only(f, points, t=None, tol=1e-9):
    """Only pairs of neighbouring points."""
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    return not any(f(np.array(ti * x1 + (1 - ti) * x2)) > ti * f(np.array(x1))
                   + (1 - ti) * f(np.array(x2)) + tol
                   for x1, x2 in zip(points[:-1], points[1:]) for ti in t)


def convex_no_tolerance(f, points, t=None, tol=1e-9):
    """``lhs <= rhs`` without the slack ``tol``."""
    return not any(lhs > rhs for *_, lhs, rhs in _pairs(f, points, t))


# --- iterations_per_epoch ---------------------------------------------------------------------


def iterations_floor(n_samples, batch_size):
    """⌊n / B⌋: the last, smaller batch left out."""
    return n_samples // batch_size


def iterations_plus_one(n_samples, batch_size):
    """⌊n / B⌋ + 1: one too many when B divides n."""
    return n_samples // batch_size + 1


def iterations_not_rounded(n_samples, batch_size):
    """n / B, not rounded to a whole number of batches."""
    return n_samples / batch_size


# --- minibatches ------------------------------------------------------------------------------


def _as_float(X, y):
    return np.asarray(X, dtype=float), np.asarray(y, dtype=float)


def batches_without_remainder(X, y, batch_size, shuffle=True, rng=None):
    """Only the full batches: the remainder left out."""
    X, y = _as_float(X, y)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n - batch_size + 1, batch_size)]


def batches_unpaired(X, y, batch_size, shuffle=True, rng=None):
    """X and y put in two different random orders: rows lose their targets."""
    X, y = _as_float(X, y)
    n = X.shape[0]
    generator = np.random.default_rng(rng)
    order_X = generator.permutation(n) if shuffle else np.arange(n)
    order_y = generator.permutation(n) if shuffle else np.arange(n)
    return [(X[order_X[s:s + batch_size]], y[order_y[s:s + batch_size]])
            for s in range(0, n, batch_size)]


def batches_in_stored_order(X, y, batch_size, shuffle=True, rng=None):
    """The stored order even when asked to shuffle."""
    X, y = _as_float(X, y)
    return [(X[s:s + batch_size], y[s:s + batch_size]) for s in range(0, X.shape[0], batch_size)]


# --- sgd_train --------------------------------------------------------------------------------


def _sgd(X, y, params, activations, loss, eta, epochs, batch_size, rng, *, reseed=False,
         record="all", biases=True, per_epoch=False):
    """Mini-batch SGD with one of the known slips switched on."""
    generator = rng if reseed else np.random.default_rng(rng)
    losses = []
    for _ in range(epochs):
        if reseed:
            generator = np.random.default_rng(rng)
        summed = None
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=generator):
            batch_loss, grads = network.loss_and_gradients(X_batch, y_batch, params,
                                                           activations, loss)
            if per_epoch:
                summed = grads if summed is None else [{k: a[k] + b[k] for k in a}
                                                       for a, b in zip(summed, grads)]
                continue
            params = [{"W": p["W"] - eta * g["W"], "b": p["b"] - eta * g["b"] if biases
                       else p["b"]} for p, g in zip(params, grads)]
        if per_epoch:
            params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, summed)]
        losses.append(batch_loss if record == "last batch" else
                      network.compute_loss(X, y, params, activations, loss))
    return params, losses


def sgd_reseeded(X, y, params, activations, loss, eta, epochs, batch_size, rng=None):
    """A new generator from the same seed every epoch: the same order every epoch."""
    return _sgd(X, y, params, activations, loss, eta, epochs, batch_size, rng, reseed=True)


def sgd_last_batch_loss(X, y, params, activations, loss, eta, epochs, batch_size, rng=None):
    """The last batch's loss (before its update) recorded instead of the training set's."""
    return _sgd(X, y, params, activations, loss, eta, epochs, batch_size, rng,
                record="last batch")


def sgd_biases_fixed(X, y, params, activations, loss, eta, epochs, batch_size, rng=None):
    """Only the weights W updated; the biases b left as they were."""
    return _sgd(X, y, params, activations, loss, eta, epochs, batch_size, rng, biases=False)


def sgd_one_update_per_epoch(X, y, params, activations, loss, eta, epochs, batch_size,
                             rng=None):
    """One update per epoch, with the batches' gradients summed."""
    return _sgd(X, y, params, activations, loss, eta, epochs, batch_size, rng, per_epoch=True)


# --- momentum_step ----------------------------------------------------------------------------


def _floats(*values):
    return tuple(np.asarray(v, dtype=float) for v in values)


def momentum_old_velocity(w, velocity, grad, eta, beta=0.9):
    """w + v with the old velocity; the new one returned."""
    w, v, g = _floats(w, velocity, grad)
    return w + v, beta * v - eta * g


def momentum_no_beta(w, velocity, grad, eta, beta=0.9):
    """v ← v − η ∇E: the whole old velocity kept (β left out)."""
    w, v, g = _floats(w, velocity, grad)
    return w + v - eta * g, v - eta * g


def momentum_returns_old_velocity(w, velocity, grad, eta, beta=0.9):
    """The right new w, but the old velocity returned."""
    w, v, g = _floats(w, velocity, grad)
    return w + beta * v - eta * g, v


def momentum_opposite_velocity(w, velocity, grad, eta, beta=0.9):
    """v ← β v + η ∇E and w ← w − v: the velocity with the opposite sign."""
    w, v, g = _floats(w, velocity, grad)
    v = beta * v + eta * g
    return w - v, v


CATALOGUE = {
    "gradient_descent_step": [
        Misconception("step_up", step_up, "your step goes up the gradient: the update is "
                      "w − η∇E, against the gradient (the gradient points uphill)."),
        Misconception("no_eta", step_without_eta, "your step ignores the learning rate: "
                      "subtract η times the gradient, w − η∇E."),
        Misconception("step_only", step_only, "you returned the step −η∇E: add it to w and "
                      "return the new weights w − η∇E."),
    ],
    "gradient_descent": [
        Misconception("no_start", path_without_start, "your path leaves out w(0): row 0 is "
                      "the starting point, so the path has steps + 1 rows."),
        Misconception("one_array", path_of_one_array, "every row of your path is the last "
                      "point: `w -= …` changes the array already stored; build a new one each "
                      "step (w = w − η∇E)."),
        Misconception("gradient_at_start", path_gradient_at_start, "your steps all use the "
                      "gradient at w(0): take the gradient at the current point, ∇E(w(τ))."),
    ],
    "is_convex_on_samples": [
        Misconception("only_half", convex_only_half, "here the chord lies below the graph "
                      "only at a t other than 0.5: test every t given (None means "
                      "np.linspace(0, 1, 11))."),
        Misconception("neighbours_only", convex_neighbours_only, "here only a chord between "
                      "points that are not neighbours lies below the graph: test every pair "
                      "of points, not only neighbouring ones."),
        Misconception("no_tolerance", convex_no_tolerance, "here the graph lies above the "
                      "chord by less than tol, which counts as convex: test lhs <= rhs + tol."),
        Misconception("strict", convex_strict, "a chord that touches the graph (a straight "
                      "piece, as |x| on points of one sign) counts as convex: test "
                      "lhs <= rhs + tol, not lhs < rhs."),
    ],
    "iterations_per_epoch": [
        Misconception("floor", iterations_floor, "your count leaves out the last, smaller "
                      "batch: it is an update too, so round up, ⌈n / B⌉ (1001 samples in "
                      "batches of 100: 11)."),
        Misconception("plus_one", iterations_plus_one, "your count is one too many when B "
                      "divides n: ⌈n / B⌉ adds a batch only for a remainder (1000 / 100: 10)."),
        Misconception("not_rounded", iterations_not_rounded, "your count is n / B, not a "
                      "whole number: round up to whole batches, ⌈n / B⌉."),
    ],
    "minibatches": [
        Misconception("no_remainder", batches_without_remainder, "your batches leave out the "
                      "remainder: the last batch holds the samples left over, so every sample "
                      "appears once per epoch."),
        Misconception("unpaired", batches_unpaired, "your batches pair rows of X with targets "
                      "of other rows: put X and y in the same random order."),
        Misconception("stored_order", batches_in_stored_order, "your batches keep the stored "
                      "order although shuffle=True: visit the samples in a random order drawn "
                      "from rng."),
    ],
    "sgd_train": [
        Misconception("reseeded", sgd_reseeded, "every epoch of yours visits the samples in "
                      "the same order: make the generator once, before the loop over epochs, "
                      "so each epoch gets a new shuffle."),
        Misconception("last_batch_loss", sgd_last_batch_loss, "your losses are the last "
                      "batch's loss: after each epoch record compute_loss on the whole "
                      "training set."),
        Misconception("biases_fixed", sgd_biases_fixed, "your biases never change: update "
                      "every array, b ← b − η∇_b E as well as W."),
        Misconception("one_update_per_epoch", sgd_one_update_per_epoch, "you update once per "
                      "epoch: mini-batch SGD updates after every batch, ⌈n / B⌉ times per "
                      "epoch."),
    ],
    "momentum_step": [
        Misconception("old_velocity", momentum_old_velocity, "your w moved with the old "
                      "velocity: first v ← βv − η∇E, then w ← w + v with the new v."),
        Misconception("no_beta", momentum_no_beta, "your velocity keeps all of the old one: "
                      "multiply it by β first, v ← βv − η∇E."),
        Misconception("returns_old_velocity", momentum_returns_old_velocity, "you returned the "
                      "old velocity: return the new one, βv − η∇E, with the new w."),
        Misconception("opposite_velocity", momentum_opposite_velocity, "your velocity has the "
                      "opposite sign: v ← βv − η∇E points downhill, and w ← w + v."),
    ],
}
