"""Correct answers of the 06_gradient_descent notebook, written differently from its solutions.

``CORRECT`` maps the ``grade_id`` of each solution cell of
``solutions/06_gradient_descent/06_gradient_descent.ipynb`` to whole replacement sources for
that cell, each a right answer in another style than the solution's (in-place updates on
copies, ``math`` on scalars, Python loops, a preallocated path, broadcasting over all pairs,
``math.ceil`` / ``divmod`` / ``len(range(...))``, a Generator made once with
``np.random.default_rng(rng)``, random orders other than the reference's permutation (ranks of
uniform draws, ``Generator.choice``, an extra draw first: the tests check what every correct
shuffle gives), local names that shadow builtins, ...). Substituted into the solution
notebook, every one must keep full marks on that exercise's graded cells
(``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``).

They use only what a graded answer of 06 may call: numpy, coursekit's material of the earlier
notebooks (``reference_network.forward``, ``backward``, ``loss_and_gradients``,
``compute_loss``) and the student's own functions of this notebook (``minibatches``).
"""

from exercise_cells import cell

NOTEBOOK = "06_gradient_descent"


def _cell(name: str, body: str) -> str:
    return cell(NOTEBOOK, name, body)


CORRECT = {
    "gradient_descent_step": [
        _cell("gradient_descent_step", """\
    w = np.array(w, dtype=float)  # a copy: the caller's w is not changed
    w -= eta * np.asarray(grad, dtype=float)
    return w.item() if w.ndim == 0 else w
"""),  # in-place update on a copy
        _cell("gradient_descent_step", """\
    if np.isscalar(w) and np.isscalar(grad):
        return float(w) - eta * float(grad)
    return np.subtract(np.asarray(w, dtype=float), np.multiply(eta, grad))
"""),  # plain floats for scalars, np.subtract otherwise
        _cell("gradient_descent_step", """\
    shape = np.shape(w)
    pairs = zip(np.ravel(w).astype(float), np.ravel(grad).astype(float))
    new = np.array([w_i - eta * g_i for w_i, g_i in pairs], dtype=float).reshape(shape)
    return float(new) if shape == () else new
"""),  # a loop over the entries
        _cell("gradient_descent_step", """\
    return np.add(w, -eta * np.asarray(grad, dtype=float), dtype=float)
"""),  # np.add (a numpy float64, which is a float, for scalars)
    ],
    "gradient_descent": [
        _cell("gradient_descent", """\
    w = np.array(w0, dtype=float)
    path = np.empty((steps + 1, w.size))
    path[0] = w
    for k in range(1, steps + 1):
        w -= eta * np.asarray(gradient(w), dtype=float)  # in place: path[k] takes a copy
        path[k] = w
    return path
"""),  # a preallocated path, in-place updates
        _cell("gradient_descent", """\
    input = np.asarray(w0, dtype=float)  # shadows the builtin
    rows = [input]
    for _ in range(steps):
        rows.append(rows[-1] - eta * np.asarray(gradient(rows[-1]), dtype=float))
    return np.vstack(rows)
"""),  # the path stacked with np.vstack
        _cell("gradient_descent", """\
    w = np.array(w0, dtype=float)
    path = [w.copy()]
    step = 0
    while step < steps:
        w -= eta * np.asarray(gradient(w), dtype=float)
        path.append(w.copy())
        step += 1
    return np.stack(path)
"""),  # a while loop, copies appended
    ],
    "is_convex_on_samples": [
        _cell("is_convex_on_samples", """\
    points = np.asarray(points, dtype=float)
    t = np.linspace(0, 1, 11) if t is None else np.asarray(t, dtype=float)
    x1, x2, mix = points[:, None, None], points[None, :, None], t[None, None, :]
    chord = mix * f(x1) + (1 - mix) * f(x2)
    graph = f(mix * x1 + (1 - mix) * x2)
    return bool(np.all(graph <= chord + tol))
"""),  # broadcasting over all pairs and every t at once
        _cell("is_convex_on_samples", """\
    from itertools import product

    ts = np.linspace(0.0, 1.0, num=11) if t is None else np.ravel(t).astype(float)
    xs = np.ravel(points).astype(float)
    return not any(f(np.array(s * a + (1 - s) * b)) > s * f(np.array(a)) + (1 - s) * f(np.array(b))
                   + tol for a, b, s in product(xs, xs, ts))
"""),  # itertools.product and any()
        _cell("is_convex_on_samples", """\
    xs = [float(p) for p in points]
    ts = np.asarray(np.linspace(0, 1, 11) if t is None else t, dtype=float)
    fx = [f(np.array(p)) for p in xs]
    for i, a in enumerate(xs):
        for j, b in enumerate(xs):  # every t of one pair at once
            lhs = np.asarray(f(ts * a + (1 - ts) * b), dtype=float)
            rhs = ts * fx[i] + (1 - ts) * fx[j]
            if np.any(np.where(lhs > rhs + tol, True, False)):
                return False
    return True
"""),  # f of each point once, np.where over the t of a pair
    ],
    "iterations_per_epoch": [
        _cell("iterations_per_epoch", """\
    import math

    return math.ceil(n_samples / batch_size)
"""),  # math.ceil
        _cell("iterations_per_epoch", """\
    return (n_samples + batch_size - 1) // batch_size
"""),  # (n + B − 1) // B
        _cell("iterations_per_epoch", """\
    full, rest = divmod(n_samples, batch_size)
    return full + (1 if rest else 0)
"""),  # divmod
        _cell("iterations_per_epoch", """\
    return len(range(0, n_samples, batch_size))  # the batch starts
"""),  # counting the batch starts
    ],
    "minibatches": [
        _cell("minibatches", """\
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    n = len(X)
    gen = np.random.default_rng(rng)
    order = gen.permutation(n) if shuffle else np.arange(n)
    batches = []
    start = 0
    while start < n:
        take = order[start:start + batch_size]
        batches.append((X[take], y[take]))
        start += batch_size
    return batches
"""),  # a while loop over the permutation
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = np.shape(X)[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(np.take(X, order[s:s + batch_size], axis=0),
             np.take(y, order[s:s + batch_size], axis=0)) for s in range(0, n, batch_size)]
"""),  # np.take in a comprehension
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if shuffle:
        order = list(np.random.default_rng(rng).permutation(X.shape[0]))
    else:
        order = list(range(X.shape[0]))
    batches, current = [], []
    for i in order:  # one sample at a time
        current.append(i)
        if len(current) == batch_size:
            batches.append((X[current], y[current]))
            current = []
    if current:
        batches.append((X[current], y[current]))
    return batches
"""),  # batches filled sample by sample
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    return [(X[rows], y[rows]) for rows in np.split(order, range(batch_size, n, batch_size))]
"""),  # np.split at multiples of the batch size
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(X)
    order = np.argsort(np.random.default_rng(rng).random(n)) if shuffle else np.arange(n)
    return [(X[order[s:s + batch_size]], y[order[s:s + batch_size]])
            for s in range(0, n, batch_size)]
"""),  # another random order: the ranks of n uniform draws
        _cell("minibatches", """\
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    if shuffle:  # another random order: n draws without replacement
        order = np.random.default_rng(rng).choice(n, size=n, replace=False)
    else:
        order = np.arange(n)
    pairs = list(zip(X[order], y[order]))  # each row with its own target
    return [(np.array([x for x, _ in pairs[s:s + batch_size]]),
             np.array([t for _, t in pairs[s:s + batch_size]])) for s in range(0, n, batch_size)]
"""),  # Generator.choice without replacement, rows and targets zipped together
    ],
    "q_updates": [
        "answer_updates = np.int64(96)\n",
        "answer_updates = 96.0\n",
        "answer_updates = 3 * -(-2000 // 64)  # ⌈2000 / 64⌉ = 32 updates per epoch\n",
        "import math\n\nanswer_updates = 3 * math.ceil(2000 / 64)\n",
    ],
    "sgd_train": [
        _cell("sgd_train", """\
    gen = np.random.default_rng(rng)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    params = [{key: np.array(value, dtype=float) for key, value in layer.items()}
              for layer in params]  # copies, updated in place below
    losses = []
    for _ in range(epochs):
        order = gen.permutation(len(X))  # what minibatches(..., rng=gen) draws
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            _, grads = reference_network.loss_and_gradients(X[rows], y[rows], params,
                                                            activations, loss)
            for layer, grad in zip(params, grads):
                layer["W"] -= eta * grad["W"]
                layer["b"] -= eta * grad["b"]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # the generator's permutation looped over inline, in-place updates on copies
        _cell("sgd_train", """\
    gen = np.random.default_rng(rng)
    current = [dict(layer) for layer in params]
    history = []
    for _ in range(epochs):
        for xb, yb in minibatches(X, y, batch_size, True, gen):
            _, cache = reference_network.forward(xb, current, activations)
            grads = reference_network.backward(yb, cache, current, activations, loss)
            current = [{"W": p["W"] - eta * g["W"], "b": p["b"] - eta * g["b"]}
                       for p, g in zip(current, grads)]
        history.append(float(reference_network.compute_loss(X, y, current, activations, loss)))
    return current, history
"""),  # forward + backward (notebook 05) instead of loss_and_gradients
        _cell("sgd_train", """\
    rng = np.random.default_rng(rng)
    compile = reference_network.compute_loss  # shadows the builtin
    losses = [0.0] * epochs
    epoch = 0
    while epoch < epochs:
        batches = minibatches(X, y, batch_size, shuffle=True, rng=rng)
        for k in range(len(batches)):
            X_batch, y_batch = batches[k]
            grads = reference_network.loss_and_gradients(X_batch, y_batch, params, activations,
                                                         loss)[1]
            params = [{name: layer[name] + (-eta) * grads[i][name] for name in layer}
                      for i, layer in enumerate(params)]
        losses[epoch] = compile(X, y, params, activations, loss)
        epoch += 1
    return params, losses
"""),  # a while loop, indexed batches, w + (−η)g
        _cell("sgd_train", """\
    gen = np.random.default_rng(rng)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    losses = []
    for _ in range(epochs):
        order = np.argsort(gen.random(len(X)))  # another random order than the reference's
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            _, grads = reference_network.loss_and_gradients(X[rows], y[rows], params,
                                                            activations, loss)
            params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # its own shuffle (ranks of uniform draws), not minibatches
        _cell("sgd_train", """\
    gen = np.random.default_rng(rng)
    gen.random()  # one draw more than the reference: every shuffle differs from its
    losses = []
    for _ in range(epochs):
        for X_batch, y_batch in minibatches(X, y, batch_size, shuffle=True, rng=gen):
            _, grads = reference_network.loss_and_gradients(X_batch, y_batch, params,
                                                            activations, loss)
            params = [{k: p[k] - eta * g[k] for k in p} for p, g in zip(params, grads)]
        losses.append(reference_network.compute_loss(X, y, params, activations, loss))
    return params, losses
"""),  # the generator advanced once first: other shuffles, the same method
    ],
    "momentum_step": [
        _cell("momentum_step", """\
    if all(np.ndim(v) == 0 for v in (w, velocity, grad)):  # plain floats
        v_new = beta * float(velocity) - eta * float(grad)
        return float(w) + v_new, v_new
    v_new = beta * np.asarray(velocity, dtype=float) - eta * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + v_new, v_new
"""),  # floats for scalars
        _cell("momentum_step", """\
    v = np.array(velocity, dtype=float)  # copies, updated in place
    v *= beta
    v -= eta * np.asarray(grad, dtype=float)
    w = np.array(w, dtype=float)
    w += v
    if w.shape == ():
        return w.item(), v.item()
    return w, v
"""),  # in-place updates on copies
        _cell("momentum_step", """\
    v_new = np.subtract(np.multiply(beta, velocity, dtype=float),
                        np.multiply(eta, grad, dtype=float))
    w_new = np.add(w, v_new, dtype=float)
    return tuple(float(a) if np.ndim(a) == 0 else a for a in (w_new, v_new))
"""),  # ufuncs, the pair built with tuple()
        _cell("momentum_step", """\
    sum = np.add(np.multiply(beta, velocity), np.multiply(-eta, grad), dtype=float)  # builtin
    max = np.add(w, sum, dtype=float)  # shadowed on purpose
    return max, sum
"""),  # numpy float64 for scalars, names that shadow builtins
    ],
    "q_eta_too_high": [
        'answer_eta_path = "B"\n',
        'answer_eta_path = " b "\n',
        'answer_eta_path = "b\\n"\n',
    ],
    "q_sgd_drawback": [
        'answer_sgd_drawback = "C"\n',
        "answer_sgd_drawback = '  c'\n",
        'answer_sgd_drawback = "abcd"[2]\n',
    ],
}
"""grade_id of a solution cell -> correct sources for it, written differently from the solution."""
