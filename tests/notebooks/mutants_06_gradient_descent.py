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

The sources look like a student's submission: the exercise's signature and docstring, taken
from the solution notebook (``exercise_cells.cell``), then the student's code (no solution
markers, no ``raise NotImplementedError``).
"""

from exercise_cells import cell

NOTEBOOK = "06_gradient_descent"


def _cell(name: str, body: str) -> str:
    """Exercise ``name``'s cell of the solution notebook (its signature and docstring) with
    ``body`` as its code."""
    return cell(NOTEBOOK, name, body)


MUTANTS = {
    "gradient_descent_step": [
        _cell("gradient_descent_step", """\
    # misconception: step_up
    return np.asarray(w, dtype=float) + eta * np.asarray(grad, dtype=float)
"""),  # stepped up the gradient
        _cell("gradient_descent_step", """\
    return np.asarray(w, dtype=float) - np.asarray(grad, dtype=float)  # misconception: no_eta
"""),  # forgot the learning rate
        _cell("gradient_descent_step", """\
    return -eta * np.asarray(grad, dtype=float)  # misconception: step_only
"""),  # returned the step, not the new weights
        _cell("gradient_descent_step", """\
    return w - eta * grad
"""),  # no conversion: fails on lists
    ],
    "gradient_descent": [
        _cell("gradient_descent", """\
    w = np.asarray(w0, dtype=float)
    path = []  # misconception: no_start
    for _ in range(steps):
        w = w - eta * gradient(w)
        path.append(w)
    return np.array(path)
"""),  # forgot the starting point
        _cell("gradient_descent", """\
    w = np.array(w0, dtype=float)
    path = [w]
    for _ in range(steps):
        w -= eta * gradient(w)  # misconception: one_array
        path.append(w)
    return np.array(path)
"""),  # in-place update: every stored row is the same array
        _cell("gradient_descent", """\
    w = np.asarray(w0, dtype=float)
    path = [w]
    for _ in range(steps):
        w = w - eta * gradient(path[0])  # misconception: gradient_at_start
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
                # misconception: strict
                if f(ti * x1 + (1 - ti) * x2) >= ti * f(x1) + (1 - ti) * f(x2):
                    if x1 != x2 and 0 < ti < 1:
                        return False
    return True
"""),  # strict inequality: a straight line is called non-convex
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    for x1 in points:
        for x2 in points:
            # misconception: only_half
            if f(0.5 * x1 + 0.5 * x2) > 0.5 * f(x1) + 0.5 * f(x2) + tol:
                return False
    return True
"""),  # only t = 0.5
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    t = np.linspace(0.0, 1.0, 11) if t is None else np.asarray(t, dtype=float)
    for x1, x2 in zip(points[:-1], points[1:]):  # misconception: neighbours_only
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
                # misconception: no_tolerance
                if f(ti * x1 + (1 - ti) * x2) > ti * f(x1) + (1 - ti) * f(x2):
                    return False
    return True
"""),  # ignores the tolerance
    ],
    "iterations_per_epoch": [
        _cell("iterations_per_epoch", """\
    return n_samples // batch_size  # misconception: floor
"""),  # drops the last, smaller batch
        _cell("iterations_per_epoch", """\
    return n_samples // batch_size + 1  # misconception: plus_one
"""),  # one too many for exact multiples
        _cell("iterations_per_epoch", """\
    return round(n_samples / batch_size)
"""),  # rounds to nearest
        _cell("iterations_per_epoch", """\
    return n_samples / batch_size  # misconception: not_rounded
"""),  # not rounded to whole batches
    ],
    "minibatches": [
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.arange(n)[::-1] if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n, batch_size)]
"""),  # "shuffled" by reversing: the same order for every rng
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n - batch_size + 1, batch_size)]  # misconception: no_remainder
"""),  # drops the remainder
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    rng = np.random.default_rng(rng)
    order_X = rng.permutation(n) if shuffle else np.arange(n)
    order_y = rng.permutation(n) if shuffle else np.arange(n)  # misconception: unpaired
    return [(X[order_X[s:s + batch_size]], y[order_y[s:s + batch_size]])
            for s in range(0, n, batch_size)]
"""),  # X and y shuffled separately: rows lose their targets
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    # misconception: stored_order
    return [(X[s:s + batch_size], y[s:s + batch_size]) for s in range(0, X.shape[0], batch_size)]
"""),  # never shuffles
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    # misconception: unpaired
    return [(X[order[s:s + batch_size]], y[s:s + batch_size]) for s in range(0, n, batch_size)]
"""),  # only X is shuffled
    ],
    "sgd_train": [
        _cell("sgd_train", """\
    losses = []
    for _ in range(epochs):  # misconception: reseeded
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
        losses.append(batch_loss)  # misconception: last_batch_loss
    return params, losses
"""),  # records the last batch's loss, not the training set's
        _cell("sgd_train", """\
    rng = np.random.default_rng(rng)
    losses = []
    for _ in range(epochs):
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=rng):
            _, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                            activations, loss)
            # misconception: biases_fixed
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
        # misconception: one_update_per_epoch
        params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads_sum)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # one update per epoch with the summed batch gradients
    ],
    "momentum_step": [
        _cell("momentum_step", """\
    w = np.asarray(w, dtype=float)
    velocity = beta * np.asarray(velocity, dtype=float) + eta * np.asarray(grad, dtype=float)
    return w - velocity, velocity  # misconception: opposite_velocity
"""),  # velocity with the opposite sign, w − v (the right w only while v = 0)
        _cell("momentum_step", """\
    # misconception: old_velocity
    w = np.asarray(w, dtype=float) + np.asarray(velocity, dtype=float)
    velocity = beta * np.asarray(velocity, dtype=float) - eta * np.asarray(grad, dtype=float)
    return w, velocity
"""),  # moves with the old velocity
        _cell("momentum_step", """\
    velocity = np.asarray(velocity, dtype=float) - eta * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + velocity, velocity  # misconception: no_beta
"""),  # forgot beta
        _cell("momentum_step", """\
    w = np.asarray(w, dtype=float)
    velocity = np.asarray(velocity, dtype=float)
    new_velocity = beta * velocity - eta * np.asarray(grad, dtype=float)
    return w + new_velocity, velocity  # misconception: returns_old_velocity
"""),  # returns the old velocity
    ],
    "q_eta_too_high": [
        # on w², η = 1 bounces between ±w(0) forever
        '# copied from the cell above\nanswer_eta_path = "c"\n',
        'answer_eta_path = "a"',  # the start lies in the global valley, so it stays there
        'answer_eta_path = "d"',  # η = 1.0 is too large for both minima
    ],
    "q_updates": [
        "# copied from the cell above\nanswer_updates = 50\n",  # the slide's 1000 / 100 × 5
        "answer_updates = 93",  # 3 · (2000 // 64): the last batch forgotten
        "answer_updates = 32",  # one epoch only
        "answer_updates = 6000",  # samples seen, not updates
    ],
    "q_sgd_drawback": [
        # "Per epoch, SGD goes much further"
        '# copied from the cell above\nanswer_sgd_drawback = "a"\n',
        'answer_sgd_drawback = "b"',  # bigger steps carry more noise (and diverge here)
        'answer_sgd_drawback = "d"',  # the step size sets the noise
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
