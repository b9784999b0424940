"""Mutants of the 06_gradient_descent notebook: wrong answers its graded cells must catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/06_gradient_descent/06_gradient_descent.ipynb`` to full replacement sources for that
cell, each a mistake students make (stepping up the gradient, a forgotten learning rate, an
in-place update that aliases the path, rounding the batch count down, shuffling X and y apart,
re-seeding every epoch, moving with the old velocity, ...). Substituted into the solution
notebook, every mutant must make at least one of that exercise's graded cells
(``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's reference
of the same function; it must fail too (an answer that calls the reference earns no points).

The sources look like a student's submission: the exercise's signature and docstring, then the
student's code (no solution markers, no ``raise NotImplementedError``).
"""

_HEADS = {
    "gradient_descent_step": '''\
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
''',
    "gradient_descent": '''\
def gradient_descent(gradient, w0, eta, steps):
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
''',
    "is_convex_on_samples": '''\
def is_convex_on_samples(f, points, t=None, tol=1e-9):
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
''',
    "iterations_per_epoch": '''\
def iterations_per_epoch(n_samples, batch_size):
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

    Examples
    --------
    >>> iterations_per_epoch(1000, 100)
    10
    >>> iterations_per_epoch(1001, 100)
    11
    """
''',
    "minibatches": '''\
def minibatches(X, y, batch_size, shuffle=True, rng=None):
    """Split one epoch of data into mini-batches: a list of ``(X_batch, y_batch)`` pairs.

    With ``shuffle`` the samples are visited in the order
    ``np.random.default_rng(rng).permutation(n_samples)``, otherwise in their stored order; batch
    ``k`` holds the next ``batch_size`` of them, and the last batch the remainder, so there are
    ⌈n / B⌉ batches and every sample appears exactly once.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples, ...)
    batch_size : int
        Samples per batch, at least 1.
    shuffle : bool
        Visit the samples in a random order.
    rng : numpy Generator, int seed or None
        Source of the permutation (a Generator is used as it is, so each call reshuffles).

    Returns
    -------
    list of tuple (ndarray (B_k, n_features), ndarray (B_k, ...))
        float64 copies of the rows of each batch.

    Examples
    --------
    >>> [xb.shape[0] for xb, _ in minibatches(np.zeros((5, 2)), np.zeros(5), 2)]
    [2, 2, 1]
    """
''',
    "sgd_train": '''\
def sgd_train(X, y, params, activations, loss, eta, epochs, batch_size, rng=None):
    """Train a network with mini-batch stochastic gradient descent (MADC's SGD).

    ``rng = np.random.default_rng(rng)`` once; then, every epoch, split the data with
    ``minibatches(X, y, batch_size, shuffle=True, rng=rng)`` (a fresh shuffle each epoch) and
    for each batch in turn compute the gradients with
    ``reference_network.loss_and_gradients(X_batch, y_batch, params, activations, loss)`` and
    update every array, W ← W − η ∇_W E, b ← b − η ∇_b E. After each epoch record the loss on
    the whole training set, ``reference_network.compute_loss(X, y, params, activations, loss)``
    (``minibatches``: ``coursekit.optim.minibatches``; ``reference_network``: coursekit.network).

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
''',
    "momentum_step": '''\
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
''',
}


def _cell(name: str, body: str) -> str:
    """A solution cell for exercise ``name`` whose body is ``body``."""
    return _HEADS[name] + body


MUTANTS = {
    "gradient_descent_step": [
        _cell("gradient_descent_step", """\
    return np.asarray(w, dtype=float) + eta * np.asarray(grad, dtype=float)
"""),  # stepped up the gradient
        _cell("gradient_descent_step", """\
    return np.asarray(w, dtype=float) - np.asarray(grad, dtype=float)
"""),  # forgot the learning rate
        _cell("gradient_descent_step", """\
    return -eta * np.asarray(grad, dtype=float)
"""),  # returned the step, not the new weights
        _cell("gradient_descent_step", """\
    return w - eta * grad
"""),  # no conversion: fails on lists
    ],
    "gradient_descent": [
        _cell("gradient_descent", """\
    w = np.asarray(w0, dtype=float)
    path = []
    for _ in range(steps):
        w = w - eta * gradient(w)
        path.append(w)
    return np.array(path)
"""),  # forgot the starting point
        _cell("gradient_descent", """\
    w = np.array(w0, dtype=float)
    path = [w]
    for _ in range(steps):
        w -= eta * gradient(w)
        path.append(w)
    return np.array(path)
"""),  # in-place update: every stored row is the same array
        _cell("gradient_descent", """\
    w = np.asarray(w0, dtype=float)
    path = [w]
    for _ in range(steps):
        w = w - eta * gradient(path[0])
        path.append(w)
    return np.array(path)
"""),  # gradient always taken at the start
        _cell("gradient_descent", """\
    w = np.asarray(w0, dtype=float)
    path = [w]
    for _ in range(steps):
        step = eta * gradient(w)
        if np.abs(step).max() < 1e-8 or not np.all(np.isfinite(step)):
            break
        w = w - step
        path.append(w)
    return np.array(path)
"""),  # stops early (converged or blowing up)
    ],
    "is_convex_on_samples": [
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    for x1 in points:
        for x2 in points:
            for ti in t:
                if f(ti * x1 + (1 - ti) * x2) >= ti * f(x1) + (1 - ti) * f(x2):
                    if x1 != x2 and 0 < ti < 1:
                        return False
    return True
"""),  # strict inequality: a straight line is called non-convex
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    for x1 in points:
        for x2 in points:
            if f(0.5 * x1 + 0.5 * x2) > 0.5 * f(x1) + 0.5 * f(x2) + tol:
                return False
    return True
"""),  # only t = 0.5
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    for x1, x2 in zip(points[:-1], points[1:]):
        for ti in t:
            if f(ti * x1 + (1 - ti) * x2) > ti * f(x1) + (1 - ti) * f(x2) + tol:
                return False
    return True
"""),  # only neighbouring points
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    for x1 in points:
        for x2 in points:
            for ti in t:
                if f(ti * x1 + (1 - ti) * x2) > ti * f(x1) + (1 - ti) * f(x2):
                    return False
    return True
"""),  # ignores the tolerance
    ],
    "iterations_per_epoch": [
        _cell("iterations_per_epoch", """\
    return n_samples // batch_size
"""),  # drops the last, smaller batch
        _cell("iterations_per_epoch", """\
    return n_samples // batch_size + 1
"""),  # one too many for exact multiples
        _cell("iterations_per_epoch", """\
    return round(n_samples / batch_size)
"""),  # rounds to nearest
    ],
    "minibatches": [
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n - batch_size + 1, batch_size)]
"""),  # drops the remainder
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    rng = np.random.default_rng(rng)
    order_X = rng.permutation(n) if shuffle else np.arange(n)
    order_y = rng.permutation(n) if shuffle else np.arange(n)
    return [(X[order_X[s:s + batch_size]], y[order_y[s:s + batch_size]])
            for s in range(0, n, batch_size)]
"""),  # X and y shuffled separately: rows lose their targets
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    return [(X[s:s + batch_size], y[s:s + batch_size]) for s in range(0, X.shape[0], batch_size)]
"""),  # never shuffles
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[s:s + batch_size]) for s in range(0, n, batch_size)]
"""),  # only X is shuffled
    ],
    "sgd_train": [
        _cell("sgd_train", """\
    losses = []
    for _ in range(epochs):
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
            _, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                            activations, loss)
            params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # re-seeds every epoch: the same order every epoch
        _cell("sgd_train", """\
    rng = np.random.default_rng(rng)
    losses = []
    for _ in range(epochs):
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
            batch_loss, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                                     activations, loss)
            params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads)]
        losses.append(batch_loss)
    return params, losses
"""),  # records the last batch's loss, not the training set's
        _cell("sgd_train", """\
    rng = np.random.default_rng(rng)
    losses = []
    for _ in range(epochs):
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
            _, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                            activations, loss)
            params = [{"W": p["W"] - eta * g["W"], "b": p["b"]} for p, g in zip(params, grads)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # forgot to update the biases
        _cell("sgd_train", """\
    rng = np.random.default_rng(rng)
    losses = []
    for _ in range(epochs):
        grads_sum = None
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
            _, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                            activations, loss)
            grads_sum = grads if grads_sum is None else [
                {k: a[k] + b[k] for k in a} for a, b in zip(grads_sum, grads)]
        params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads_sum)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # one update per epoch with the summed batch gradients
    ],
    "momentum_step": [
        _cell("momentum_step", """\
    w = np.asarray(w, dtype=float)
    velocity = beta * np.asarray(velocity, dtype=float) + eta * np.asarray(grad, dtype=float)
    return w - velocity, velocity
"""),  # velocity with the opposite sign (same w, wrong v)
        _cell("momentum_step", """\
    w = np.asarray(w, dtype=float) + np.asarray(velocity, dtype=float)
    velocity = beta * np.asarray(velocity, dtype=float) - eta * np.asarray(grad, dtype=float)
    return w, velocity
"""),  # moves with the old velocity
        _cell("momentum_step", """\
    velocity = np.asarray(velocity, dtype=float) - eta * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + velocity, velocity
"""),  # forgot beta
        _cell("momentum_step", """\
    w = np.asarray(w, dtype=float)
    velocity = np.asarray(velocity, dtype=float)
    new_velocity = beta * velocity - eta * np.asarray(grad, dtype=float)
    return w + new_velocity, velocity
"""),  # returns the old velocity
    ],
    "q_eta_too_high": [
        'answer_eta_too_high = "c"',  # that is η = 1
        'answer_eta_too_high = "a"',  # thinks a large η only overshoots a little
    ],
    "q_updates": [
        "answer_updates = 93",  # 3 · (2000 // 64): the last batch forgotten
        "answer_updates = 32",  # one epoch only
        "answer_updates = 6000",  # samples seen, not updates
    ],
    "q_sgd_drawback": [
        'answer_sgd_drawback = "a"',  # batch GD's drawback
        'answer_sgd_drawback = "c"',  # the noise helps escape local minima
    ],
}


REFERENCE_CALLS = {
    "gradient_descent_step": _cell("gradient_descent_step", """\
    return reference.gradient_descent_step(w, grad, eta)
"""),
    "gradient_descent": _cell("gradient_descent", """\
    return reference.gradient_descent(gradient, w0, eta, steps)
"""),
    "is_convex_on_samples": _cell("is_convex_on_samples", """\
    return reference.is_convex_on_samples(f, points, t, tol)
"""),
    "iterations_per_epoch": _cell("iterations_per_epoch", """\
    return optim.iterations_per_epoch(n_samples, batch_size)
"""),
    "minibatches": _cell("minibatches", """\
    return list(optim.iterate_minibatches(X, y, batch_size, shuffle, rng))
"""),
    "sgd_train": _cell("sgd_train", """\
    return reference.sgd_train(X, y, params, activations, loss, eta, epochs, batch_size, rng)
"""),
    "momentum_step": _cell("momentum_step", """\
    return reference.momentum_step(w, velocity, grad, eta, beta)
"""),
}
