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

from exercise_cells import cell


def _cell(name: str, body: str) -> str:
    """The exercise cell ``name`` (signature and docstring of the solution notebook) with
    ``body`` as its code."""
    return cell("04_bce_derivation", name, body)


MUTANTS = {
    "bernoulli_likelihood": [
        _cell("bernoulli_likelihood", """\
    # misconception: swapped_exponents
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return p ** (1.0 - y) * (1.0 - p) ** y
"""),  # the exponents swapped: 1 − p where y = 1
        _cell("bernoulli_likelihood", """\
    # misconception: product
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.prod(p ** y * (1.0 - p) ** (1.0 - y)))
"""),  # the product of the terms (the likelihood), not one per observation
        _cell("bernoulli_likelihood", """\
    # misconception: second_exponent_y
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return p ** y * (1.0 - p) ** y
"""),  # (1 − p)^y: the second exponent y instead of 1 − y
    ],
    "log_likelihood": [
        _cell("log_likelihood", """\
    # misconception: log_of_sum
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.log(np.sum(p ** y * (1.0 - p) ** (1.0 - y))))
"""),  # the log of the sum of the terms (INTRO's slide), not the sum of the logs
        _cell("log_likelihood", """\
    # misconception: mean_not_sum
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
"""),  # the mean instead of the sum
        _cell("log_likelihood", """\
    # misconception: log10
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.sum(y * np.log10(p) + (1.0 - y) * np.log10(1.0 - p)))
"""),  # log10 instead of the natural log
        _cell("log_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
"""),  # no clipping: −inf when a label gets probability 0
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(np.log(np.prod(p ** y * (1.0 - p) ** (1.0 - y))))
"""),  # the log of the product: it underflows to 0 for 3000 observations
        _cell("log_likelihood", """\
    # misconception: negated
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
"""),  # minus the log-likelihood (the BCE's sign carried over)
    ],
    "bce_with_logits": [
        _cell("bce_with_logits", """\
    y_true = np.asarray(y_true, dtype=float)
    p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))
"""),  # the naive σ, then logs: nan at |z| = 1000
        _cell("bce_with_logits", """\
    # misconception: sum_not_mean
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(np.sum(np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))))
"""),  # the sum instead of the mean
        _cell("bce_with_logits", """\
    # misconception: plus_zy
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.maximum(z, 0.0) + z * y_true + np.log1p(np.exp(-np.abs(z)))))
"""),  # + z·y instead of − z·y
        _cell("bce_with_logits", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(1.0 / (1.0 + np.exp(-np.clip(z, -500, 500))), eps, 1.0 - eps)
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))
"""),  # z clipped to ±500, p to [ε, 1 − ε]: 36.04 instead of 1000 at z = −1000
        _cell("bce_with_logits", """\
    # misconception: log10
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    terms = np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(terms) / np.log(10.0))
"""),  # log10 (MADC's slide): the natural-log loss divided by ln 10
        _cell("bce_with_logits", """\
    # misconception: no_minus
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(-np.mean(np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))))
"""),  # the minus sign dropped: the mean log-likelihood
    ],
    "bce_logit_gradient": [
        _cell("bce_logit_gradient", """\
    # misconception: sign_flipped
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z)) * -1.0 + y
"""),  # y − σ(z): the sign flipped
        _cell("bce_logit_gradient", """\
    # misconception: wrt_p
    y = np.asarray(y, dtype=float)
    p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return (p - y) / (p * (1.0 - p))
"""),  # the gradient w.r.t. p, (p − y) / (p(1 − p)), not w.r.t. z
        _cell("bce_logit_gradient", """\
    # misconception: divided_by_n
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    sigma = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return (sigma - y) / y.size
"""),  # divided by N (the gradient of the mean)
        _cell("bce_logit_gradient", """\
    # misconception: squared_error
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    sigma = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return 2.0 * (sigma - y) * sigma * (1.0 - sigma)
"""),  # the squared error's gradient, 2(σ − y)σ(1 − σ)
    ],
    "cce": [
        _cell("cce", """\
    # misconception: mean_over_elements
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.mean(y_true * np.log(p)))
"""),  # the mean over all elements instead of over the samples
        _cell("cce", """\
    y_true = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(-np.sum(y_true * np.log(p)) / y_true.shape[0])
"""),  # no clipping: 0 · ln 0 gives nan
        _cell("cce", """\
    # misconception: sum_not_mean
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.sum(y_true * np.log(p)))
"""),  # the sum over the samples, not the mean
        _cell("cce", """\
    # misconception: binary_per_column
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)) / y_true.shape[0])
"""),  # the binary cross-entropy of every column (adds (1 − y) ln(1 − p))
    ],
    "mae": [
        _cell("mae", """\
    # misconception: no_abs
    return float(np.mean(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)))
"""),  # no absolute value: errors of opposite signs cancel
        _cell("mae", """\
    # misconception: sum_not_mean
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sum(np.abs(y_pred - y_true)))
"""),  # the sum instead of the mean
        _cell("mae", """\
    # misconception: squared
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean((y_pred - y_true) ** 2))
"""),  # the squared error (MSE)
    ],
    "r2_score": [
        _cell("r2_score", """\
    # misconception: no_one_minus
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0.0:
        return 0.0
    return float(np.sum((y_true - y_pred) ** 2) / ss_tot)
"""),  # SS_res / SS_tot without the 1 −, and 0.0 for a constant target
        _cell("r2_score", """\
    # misconception: mean_of_predictions
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_tot = np.sum((y_pred - y_pred.mean()) ** 2)
    if ss_tot == 0.0:
        return 1.0 if np.all(y_true == y_pred) else 0.0
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / ss_tot)
"""),  # the mean of y_pred instead of y_true
        _cell("r2_score", """\
    # misconception: clipped_at_zero
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return float(max(0.0, 1.0 - ss_res / ss_tot))
"""),  # negative R² clipped to 0
        _cell("r2_score", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / np.sum((y_true - y_true.mean()) ** 2))
"""),  # no case for a constant target: 0 / 0
    ],
    "precision": [
        _cell("precision", """\
    # misconception: is_recall
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    return float(tp / (tp + fn)) if tp + fn else 0.0
"""),  # recall, TP / (TP + FN), instead
        _cell("precision", """\
    # misconception: is_accuracy
    return float(np.mean(np.asarray(y_true, dtype=float) == np.asarray(y_pred, dtype=float)))
"""),  # accuracy instead
        _cell("precision", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(np.float64(tp) / (tp + fp))
"""),  # no case for nothing predicted positive: 0 / 0
    ],
    "recall": [
        _cell("recall", """\
    # misconception: is_precision
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fp)) if tp + fp else 0.0
"""),  # precision, TP / (TP + FP), instead
        _cell("recall", """\
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fn = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fn)) if tp + fn else 0.0
"""),  # FN counted as predicted 1 and truly 0 (the false positives)
        _cell("recall", """\
    # misconception: is_specificity
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    tn = np.sum((y_pred == 0) & (y_true == 0))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tn / (tn + fp)) if tn + fp else 0.0
"""),  # specificity, TN / (TN + FP), instead
        _cell("recall", """\
    # misconception: is_accuracy
    return float(np.mean(np.asarray(y_true, dtype=float) == np.asarray(y_pred, dtype=float)))
"""),  # accuracy instead
    ],
    "q_log_base": [
        "# copied from the cell above\nanswer_log_base = 10",  # MADC's base, not the notes'
        "answer_log_base = 2.718281828459045",  # e: the course's ln
        "answer_log_base = 3.32",  # the loss itself, not the base
    ],
    "q_bce_model": [
        'answer_bce_model = "c"',  # the accuracy taken for what BCE maximises
        'answer_bce_model = "b"',  # linear regression and R²
        'answer_bce_model = "d"',  # a perceptron
    ],
    "q_flat_gradient": [
        '# copied from the cell above\nanswer_flat_gradient = "b"',  # the dog's signs, y = 1
        'answer_flat_gradient = "c"',  # the two gradients swapped
        'answer_flat_gradient = "d"',  # both flat when saturated
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
