"""Mutants of the 04_bce_derivation notebook: plausible wrong answers its graded cells must
catch.

``MUTANTS`` maps the ``grade_id`` of each solution cell of
``solutions/04_bce_derivation/04_bce_derivation.ipynb`` to full replacement sources for that
cell, each a mistake students make (log of the sum, log10 for ln, sum for mean, the naive
overflowing BCE, a gradient divided by N, precision for recall, ...). Substituted into the
solution notebook, every mutant must make at least one of that exercise's graded cells
(``<grade_id>_visible``, ``<grade_id>_hidden`` or ``<grade_id>_answer``) fail.

``REFERENCE_CALLS`` maps each exercise to a solution cell that just calls coursekit's
reference of the same function; it must fail too (an answer that calls the reference earns
no points).

The sources look like a student's submission: the exercise's signature and docstring, then
the student's code (no solution markers, no ``raise NotImplementedError``).
"""

_HEADS = {
    "bernoulli_likelihood": '''\
def bernoulli_likelihood(y, p):
    """Probability of each observed label under a Bernoulli model, p^y (1 − p)^(1 − y).

    P(y | x) = P(y=1 | x)^y · (1 − P(y=1 | x))^(1 − y): ``p`` where ``y = 1`` and ``1 − p``
    where ``y = 0``. One term per observation, not their product.

    Parameters
    ----------
    y : array_like, any shape
        Observed labels, 0 or 1.
    p : array_like, same shape as ``y``
        Predicted probabilities P(y = 1 | x), in [0, 1].

    Returns
    -------
    float or ndarray, same shape as ``y``
        A float for scalar inputs.

    Examples
    --------
    >>> bernoulli_likelihood([0, 0, 1, 1], [0.8, 0.2, 0.8, 0.2])
    array([0.2, 0.8, 0.8, 0.2])
    """
''',
    "log_likelihood": '''\
def log_likelihood(y, p) -> float:
    """Log-likelihood of independent observations, ln L = Σ_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)].

    The log of the product is the sum of the logs. Clip ``p`` to ``[ε, 1 − ε]`` with
    ``ε = np.finfo(float).eps`` first (as coursekit.losses.bce does), so the result is finite
    even when a label gets probability 0.

    Parameters
    ----------
    y : array_like, any shape
        Observed labels, 0 or 1.
    p : array_like, same shape as ``y``
        Predicted probabilities, in [0, 1].

    Returns
    -------
    float
        At most 0 (natural log).

    Examples
    --------
    >>> round(log_likelihood([0, 0, 1, 1], [0.8, 0.2, 0.8, 0.2]), 4)
    -3.6652
    """
''',
    "bce_with_logits": '''\
def bce_with_logits(y_true, z) -> float:
    """Mean binary cross-entropy of p = σ(z), computed from the logits z without overflow.

    −(1/N) Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))], written in the stable form
    (1/N) Σ [max(z, 0) − z·y + ln(1 + e^(−|z|))], exact and finite for any z (try |z| = 1000).

    Parameters
    ----------
    y_true : array_like, any shape
        Labels, 0 or 1.
    z : array_like, same shape as ``y_true``
        Logits (scores before the sigmoid).

    Returns
    -------
    float
        The mean over all N elements (natural log).

    Examples
    --------
    >>> round(bce_with_logits([1.0], [-1000.0]), 6)
    1000.0
    """
''',
    "bce_logit_gradient": '''\
def bce_logit_gradient(y, z):
    """Gradient of each observation's binary cross-entropy w.r.t. its logit, σ(z_i) − y_i.

    ℓ_i = −[y_i ln σ(z_i) + (1 − y_i) ln(1 − σ(z_i))]. Per observation, NOT divided by N
    (the gradient of the mean BCE is this divided by N). Must be finite for any z: compute σ
    stably (for z = −1000, e^(−z) overflows).

    Parameters
    ----------
    y : array_like, any shape
        Labels, 0 or 1.
    z : array_like, same shape as ``y``
        Logits, p = σ(z).

    Returns
    -------
    float or ndarray, same shape as ``y``
        In [−1, 1]; a float for scalar inputs.

    Examples
    --------
    >>> bce_logit_gradient([1.0, 0.0], [0.0, 0.0])
    array([-0.5,  0.5])
    """
''',
    "cce": '''\
def cce(y_true, p) -> float:
    """Categorical cross-entropy, −(1/n) Σ_i Σ_k y_ik ln p_ik: summed over the K classes,
    averaged over the n samples.

    Clip ``p`` to ``[ε, 1 − ε]`` with ``ε = np.finfo(float).eps`` first (so 0 · ln 0 counts as 0).

    Parameters
    ----------
    y_true : array_like, shape (n_samples, n_classes)
        One-hot targets.
    p : array_like, shape (n_samples, n_classes)
        Predicted probabilities (e.g. a softmax output), each row summing to 1.

    Returns
    -------
    float

    Examples
    --------
    >>> round(cce([[0.0, 1.0]], [[0.2, 0.8]]), 4)
    0.2231
    """
''',
    "mae": '''\
def mae(y_true, y_pred) -> float:
    """Mean absolute error, (1/N) Σ |ŷ − y|, averaged over all N elements.

    Parameters
    ----------
    y_true : array_like
        Targets.
    y_pred : array_like, same shape as ``y_true``
        Predictions.

    Returns
    -------
    float

    Examples
    --------
    >>> mae([1.0, 2.0], [2.0, 0.0])
    1.5
    """
''',
    "r2_score": '''\
def r2_score(y_true, y_pred) -> float:
    """Coefficient of determination, R² = 1 − Σ (y − ŷ)² / Σ (y − ȳ)².

    1 for a perfect fit, 0 for always predicting the mean ȳ, negative for worse than the mean.
    When ``y_true`` is constant (Σ (y − ȳ)² = 0) return 1.0 for a perfect fit and 0.0
    otherwise (as scikit-learn).

    Parameters
    ----------
    y_true : array_like, shape (n_samples,)
        Targets.
    y_pred : array_like, shape (n_samples,)
        Predictions.

    Returns
    -------
    float

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [2.0, 2.0, 2.0])
    0.0
    """
''',
    "precision": '''\
def precision(y_true, y_pred) -> float:
    """Precision, TP / (TP + FP): of the predicted positives (label 1), the fraction that are real.

    Return 0.0 when nothing is predicted positive (TP + FP = 0).

    Parameters
    ----------
    y_true : array_like, shape (n_samples,)
        True labels, 0 or 1.
    y_pred : array_like, shape (n_samples,)
        Predicted labels, 0 or 1.

    Returns
    -------
    float

    Examples
    --------
    >>> precision([1, 0, 1, 0], [1, 1, 1, 0])
    0.6666666666666666
    """
''',
    "recall": '''\
def recall(y_true, y_pred) -> float:
    """Recall, TP / (TP + FN): of the real positives (label 1), the fraction that are found.

    Return 0.0 when there are no real positives (TP + FN = 0).

    Parameters
    ----------
    y_true : array_like, shape (n_samples,)
        True labels, 0 or 1.
    y_pred : array_like, shape (n_samples,)
        Predicted labels, 0 or 1.

    Returns
    -------
    float

    Examples
    --------
    >>> recall([1, 0, 1, 1], [1, 0, 0, 1])
    0.6666666666666666
    """
''',
}


def _cell(name: str, body: str) -> str:
    """A solution cell for exercise ``name`` whose body is ``body``."""
    return _HEADS[name] + body


MUTANTS = {
    "bernoulli_likelihood": [
        _cell("bernoulli_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return p ** (1.0 - y) * (1.0 - p) ** y
"""),
        _cell("bernoulli_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.prod(p ** y * (1.0 - p) ** (1.0 - y)))
"""),
        _cell("bernoulli_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return p ** y * (1.0 - p) ** y
"""),
    ],
    "log_likelihood": [
        _cell("log_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.log(np.sum(p ** y * (1.0 - p) ** (1.0 - y))))
"""),
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
"""),
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.sum(y * np.log10(p) + (1.0 - y) * np.log10(1.0 - p)))
"""),
        _cell("log_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
"""),
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.log(np.prod(p ** y * (1.0 - p) ** (1.0 - y))))
"""),
    ],
    "bce_with_logits": [
        _cell("bce_with_logits", """\
    y_true = np.asarray(y_true, dtype=float)
    p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))
"""),
        _cell("bce_with_logits", """\
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(np.sum(np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))))
"""),
        _cell("bce_with_logits", """\
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.maximum(z, 0.0) + z * y_true + np.log1p(np.exp(-np.abs(z)))))
"""),
        _cell("bce_with_logits", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(1.0 / (1.0 + np.exp(-np.clip(z, -500, 500))), eps, 1.0 - eps)
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))
"""),
    ],
    "bce_logit_gradient": [
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z)) * -1.0 + y
"""),
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return (p - y) / (p * (1.0 - p))
"""),
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    sigma = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return (sigma - y) / y.size
"""),
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    sigma = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return 2.0 * (sigma - y) * sigma * (1.0 - sigma)
"""),
    ],
    "cce": [
        _cell("cce", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.mean(y_true * np.log(p)))
"""),
        _cell("cce", """\
    y_true = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(-np.sum(y_true * np.log(p)) / y_true.shape[0])
"""),
        _cell("cce", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.sum(y_true * np.log(p)))
"""),
        _cell("cce", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)) / y_true.shape[0])
"""),
    ],
    "mae": [
        _cell("mae", """\
    return float(np.mean(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)))
"""),
        _cell("mae", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sum(np.abs(y_pred - y_true)))
"""),
        _cell("mae", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean((y_pred - y_true) ** 2))
"""),
    ],
    "r2_score": [
        _cell("r2_score", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0.0:
        return 0.0
    return float(np.sum((y_true - y_pred) ** 2) / ss_tot)
"""),
        _cell("r2_score", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_tot = np.sum((y_pred - y_pred.mean()) ** 2)
    if ss_tot == 0.0:
        return 1.0 if np.all(y_true == y_pred) else 0.0
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / ss_tot)
"""),
        _cell("r2_score", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return float(max(0.0, 1.0 - ss_res / ss_tot))
"""),
        _cell("r2_score", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / np.sum((y_true - y_true.mean()) ** 2))
"""),
    ],
    "precision": [
        _cell("precision", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    return float(tp / (tp + fn)) if tp + fn else 0.0
"""),
        _cell("precision", """\
    return float(np.mean(np.asarray(y_true, dtype=float) == np.asarray(y_pred, dtype=float)))
"""),
        _cell("precision", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(np.float64(tp) / (tp + fp))
"""),
    ],
    "recall": [
        _cell("recall", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fp)) if tp + fp else 0.0
"""),
        _cell("recall", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fn = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fn)) if tp + fn else 0.0
"""),
        _cell("recall", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tn = np.sum((y_pred == 0) & (y_true == 0))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tn / (tn + fp)) if tn + fp else 0.0
"""),
    ],
    "q_log_base": [
        'answer_log_base = 2.718281828459045',
        'answer_log_base = 2',
    ],
    "q_bce_model": [
        'answer_bce_model = "a"',
        'answer_bce_model = "c"',
    ],
    "q_flat_gradient": [
        'answer_flat_gradient = "b"',
        'answer_flat_gradient = "c"',
    ],
}
"""grade_id of a solution cell -> wrong sources for it."""

REFERENCE_CALLS = {
    "bernoulli_likelihood": _cell("bernoulli_likelihood", """\
    return reference.bernoulli_likelihood(y, p)
"""),
    "log_likelihood": _cell("log_likelihood", """\
    return reference.log_likelihood(y, p)
"""),
    "bce_with_logits": _cell("bce_with_logits", """\
    return ref_losses.bce_with_logits(y_true, z)
"""),
    "bce_logit_gradient": _cell("bce_logit_gradient", """\
    return reference.bce_logit_gradient(y, z)
"""),
    "cce": _cell("cce", """\
    return ref_losses.cce(y_true, p)
"""),
    "mae": _cell("mae", """\
    return ref_losses.mae(y_true, y_pred)
"""),
    "r2_score": _cell("r2_score", """\
    return ref_metrics.r2_score(y_true, y_pred)
"""),
    "precision": _cell("precision", """\
    return ref_metrics.precision(y_true, y_pred)
"""),
    "recall": _cell("recall", """\
    return ref_metrics.recall(y_true, y_pred)
"""),
}
"""grade_id of an exercise -> a solution cell that only calls coursekit's reference."""
