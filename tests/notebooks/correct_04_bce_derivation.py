"""Correct answers of the 04_bce_derivation notebook, written differently from the solutions.

``CORRECT`` maps the ``grade_id`` of each exercise cell of
``solutions/04_bce_derivation/04_bce_derivation.ipynb`` to whole cells a student could hand in:
Python loops, ``np.where``, ``math`` functions on scalar inputs, the naive sigmoid where the
inputs allow it (e^1000 overflows to inf, and 1 / inf is 0, not nan), other stable forms
(``np.logaddexp``, ``tanh``), in-place updates on copies, local names that shadow builtins
(``input``, ``max``, ``sum``, ``min``), numpy scalars for floats, answers in capitals, with
spaces or as floats. Each must keep full marks: a check that fails one of them is too strict (or
wrong).

None calls coursekit's implementation of what it is asked to write (while 04 is graded that is
not there); one calls the sigmoid of notebook 02 (``ref_activations.sigmoid``), which is there,
and some call the student's own ``bernoulli_likelihood``, as a student may.
"""

from exercise_cells import cell


def _cell(grade_id: str, body: str) -> str:
    return cell("04_bce_derivation", grade_id, body)


CORRECT = {
    "bernoulli_likelihood": [
        # np.where: p where y = 1, 1 − p where y = 0; [()] gives a numpy float for scalars
        _cell("bernoulli_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return np.where(y == 1, p, 1.0 - p)[()]
"""),
        # math.pow on scalar inputs, numpy otherwise
        _cell("bernoulli_likelihood", """\
    import math
    if np.ndim(y) == 0 and np.ndim(p) == 0:
        return math.pow(p, y) * math.pow(1.0 - p, 1.0 - y)
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return np.power(p, y) * np.power(1.0 - p, 1.0 - y)
"""),
        # a Python loop over every index (any shape, scalars included)
        _cell("bernoulli_likelihood", """\
    labels = np.asarray(y, dtype=float)
    probs = np.asarray(p, dtype=float)
    out = np.empty(labels.shape)
    for index in np.ndindex(labels.shape):
        out[index] = probs[index] if labels[index] == 1 else 1.0 - probs[index]
    return out if out.ndim else float(out)
"""),
        # y p + (1 − y)(1 − p): the same for labels 0 and 1
        _cell("bernoulli_likelihood", """\
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    terms = y * p + (1 - y) * (1 - p)
    return terms.item() if terms.ndim == 0 else terms
"""),
    ],
    "log_likelihood": [
        # a Python loop with math.log, clipped by hand; min and max are the builtins
        _cell("log_likelihood", """\
    import math
    eps = np.finfo(float).eps
    total = 0.0
    for label, prob in zip(np.ravel(y), np.ravel(p)):
        prob = min(max(float(prob), eps), 1.0 - eps)
        total += math.log(prob) if label == 1 else math.log(1.0 - prob)
    return total
"""),
        # the student's own bernoulli_likelihood: ln L = Σ ln P(y_i | x_i)
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(np.sum(np.log(bernoulli_likelihood(y, p))))
"""),
        # np.where with log1p(−p) for ln(1 − p); sum shadowed
        _cell("log_likelihood", """\
    eps = np.finfo(float).eps
    y = np.asarray(y, dtype=float)
    p = np.minimum(np.maximum(np.asarray(p, dtype=float), eps), 1.0 - eps)
    sum = np.where(y == 1, np.log(p), np.log1p(-p)).sum()
    return float(sum)
"""),
        # two dot products; locals min and max shadow the builtins
        _cell("log_likelihood", """\
    min, max = np.finfo(float).eps, 1.0 - np.finfo(float).eps
    y = np.asarray(y, dtype=float).ravel()
    p = np.clip(np.asarray(p, dtype=float), min, max).ravel()
    return float(np.log(p) @ y + np.log(1.0 - p) @ (1.0 - y))
"""),
    ],
    "bce_with_logits": [
        # np.where between the two exact forms; the unused branch may overflow, harmlessly
        _cell("bce_with_logits", """\
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    losses = np.where(z >= 0, (1 - y) * z + np.log1p(np.exp(-z)), np.log1p(np.exp(z)) - y * z)
    return float(np.mean(losses))
"""),
        # a Python loop with math on each element; max is the builtin
        _cell("bce_with_logits", """\
    import math
    total, count = 0.0, 0
    for label, score in zip(np.ravel(y_true), np.ravel(z)):
        score = float(score)
        total += max(score, 0.0) - score * label + math.log1p(math.exp(-abs(score)))
        count += 1
    return total / count
"""),
        # softplus(z) − y z with np.logaddexp(0, z) = ln(1 + e^z)
        _cell("bce_with_logits", """\
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - y_true * z))
"""),
        # −[y ln σ(z) + (1 − y) ln σ(−z)] with a stable ln σ(t) = −ln(1 + e^(−t))
        _cell("bce_with_logits", """\
    y = np.asarray(y_true, dtype=float)
    z = np.asarray(z, dtype=float)
    log_sigmoid = lambda t: -np.logaddexp(0.0, -t)
    return float(-np.mean(y * log_sigmoid(z) + (1.0 - y) * log_sigmoid(-z)))
"""),
        # in-place updates on a new array; a numpy float returned
        _cell("bce_with_logits", """\
    z = np.array(z, dtype=float)
    loss = np.maximum(z, 0.0)
    loss -= z * np.asarray(y_true, dtype=float)
    loss += np.log1p(np.exp(-np.abs(z)))
    return loss.sum() / loss.size
"""),
    ],
    "bce_logit_gradient": [
        # notebook 02's sigmoid (there while 04 is graded), minus y
        _cell("bce_logit_gradient", """\
    gradient = ref_activations.sigmoid(z) - np.asarray(y, dtype=float)
    return gradient[()]
"""),
        # the naive sigmoid: e^1000 overflows to inf and 1 / (1 + inf) = 0, which is exact
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    gradient = 1.0 / (1.0 + np.exp(-z)) - y
    return float(gradient) if gradient.ndim == 0 else gradient
"""),
        # σ(z) = (1 + tanh(z / 2)) / 2, bounded for any z
        _cell("bce_logit_gradient", """\
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    sigma = 0.5 * (1.0 + np.tanh(0.5 * z))
    return (sigma - y)[()]
"""),
        # math on scalars, a Python loop otherwise
        _cell("bce_logit_gradient", """\
    import math

    def sigma(t):
        if t >= 0:
            return 1.0 / (1.0 + math.exp(-t))
        e = math.exp(t)
        return e / (1.0 + e)

    if np.ndim(z) == 0:
        return sigma(float(z)) - float(y)
    y = np.asarray(y, dtype=float)
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for index in np.ndindex(z.shape):
        out[index] = sigma(z[index]) - y[index]
    return out
"""),
        # σ(z) = exp(ln σ(z)) with ln σ(z) = −logaddexp(0, −z)
        _cell("bce_logit_gradient", """\
    input = np.asarray(z, dtype=float)
    gradient = np.exp(-np.logaddexp(0.0, -input)) - np.asarray(y, dtype=float)
    return gradient if gradient.ndim else float(gradient)
"""),
    ],
    "cce": [
        # a Python loop over samples and classes with math.log; min and max are the builtins
        _cell("cce", """\
    import math
    eps = np.finfo(float).eps
    total = 0.0
    for targets, probs in zip(np.asarray(y_true, dtype=float), np.asarray(p, dtype=float)):
        for target, prob in zip(targets, probs):
            if target != 0:
                total -= target * math.log(min(max(prob, eps), 1.0 - eps))
    return total / len(y_true)
"""),
        # the mean over samples of the per-sample sums
        _cell("cce", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    per_sample = -np.sum(y_true * np.log(p), axis=1)
    return float(per_sample.mean())
"""),
        # one-hot targets: the probability of each sample's true class
        _cell("cce", """\
    eps = np.finfo(float).eps
    y_true = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    true_class = np.argmax(y_true, axis=1)
    return float(-np.mean(np.log(p[np.arange(len(p)), true_class])))
"""),
        # einsum; np.where keeps 0 · ln p out; sum, min and max shadowed
        _cell("cce", """\
    min, max = np.finfo(float).eps, 1 - np.finfo(float).eps
    y = np.asarray(y_true, dtype=float)
    log_p = np.log(np.clip(np.asarray(p, dtype=float), min, max))
    sum = np.einsum("ik,ik->", y, np.where(y > 0, log_p, 0.0))
    return -sum / y.shape[0]
"""),
    ],
    "mae": [
        # a Python loop with abs; sum shadowed
        _cell("mae", """\
    sum, count = 0.0, 0
    for target, prediction in zip(np.ravel(y_true), np.ravel(y_pred)):
        sum += abs(float(prediction) - float(target))
        count += 1
    return sum / count
"""),
        # math.fabs on scalar inputs
        _cell("mae", """\
    import math
    if np.ndim(y_true) == 0 and np.ndim(y_pred) == 0:
        return math.fabs(y_pred - y_true)
    return float(np.abs(np.subtract(y_pred, y_true, dtype=float)).mean())
"""),
        # np.where for the absolute value
        _cell("mae", """\
    d = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return float(np.mean(np.where(d < 0, -d, d)))
"""),
        # the 1-norm of the flattened errors over their count
        _cell("mae", """\
    errors = (np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)).ravel()
    return np.linalg.norm(errors, ord=1) / errors.size
"""),
    ],
    "r2_score": [
        # Python loops; sum shadowed
        _cell("r2_score", """\
    ys = [float(v) for v in np.ravel(y_true)]
    preds = [float(v) for v in np.ravel(y_pred)]
    sum = 0.0
    for v in ys:
        sum += v
    mean = sum / len(ys)
    ss_res = ss_tot = 0.0
    for v, w in zip(ys, preds):
        ss_res += (v - w) ** 2
        ss_tot += (v - mean) ** 2
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1.0 - ss_res / ss_tot
"""),
        # mean squared error over the variance of the targets
        _cell("r2_score", """\
    y = np.asarray(y_true, dtype=float)
    y_hat = np.asarray(y_pred, dtype=float)
    variance = np.var(y)
    if variance == 0:
        return float(np.array_equal(y, y_hat))
    return float(1 - np.mean((y - y_hat) ** 2) / variance)
"""),
        # dot products of the residuals and of the centred targets
        _cell("r2_score", """\
    y = np.asarray(y_true, dtype=float).ravel()
    residuals = y - np.asarray(y_pred, dtype=float).ravel()
    centred = y - np.mean(y)
    ss_tot = centred @ centred
    if not ss_tot:
        return 0.0 if np.any(residuals) else 1.0
    return 1.0 - (residuals @ residuals) / ss_tot
"""),
    ],
    "precision": [
        # Python loop with counters
        _cell("precision", """\
    tp = fp = 0
    for truth, guess in zip(np.ravel(y_true), np.ravel(y_pred)):
        if guess == 1:
            if truth == 1:
                tp += 1
            else:
                fp += 1
    return tp / (tp + fp) if tp + fp > 0 else 0.0
"""),
        # the mean of the true labels where 1 is predicted
        _cell("precision", """\
    y_true = np.asarray(y_true, dtype=float)
    predicted_positive = np.asarray(y_pred) == 1
    if not predicted_positive.any():
        return 0.0
    return float(np.mean(y_true[predicted_positive]))
"""),
        # dot product for TP; max shadowed, max(·, 1) keeps 0 / 0 away (TP is 0 then)
        _cell("precision", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    max = np.maximum(y_pred.sum(), 1.0)
    return float(y_true @ y_pred / max)
"""),
        # confusion counts with np.bincount: [TN, FP, FN, TP]
        _cell("precision", """\
    codes = 2 * np.asarray(y_true).astype(int) + np.asarray(y_pred).astype(int)
    tn, fp, fn, tp = np.bincount(codes.ravel(), minlength=4)
    return tp / (tp + fp) if tp + fp else 0.0
"""),
    ],
    "recall": [
        # Python loop with counters; input shadowed
        _cell("recall", """\
    tp = fn = 0
    for input, guess in zip(np.ravel(y_true), np.ravel(y_pred)):
        if input == 1:
            tp += guess == 1
            fn += guess != 1
    return float(tp) / (tp + fn) if tp + fn else 0.0
"""),
        # the mean of the predictions where the truth is 1
        _cell("recall", """\
    real_positive = np.asarray(y_true) == 1
    if np.count_nonzero(real_positive) == 0:
        return 0.0
    return float(np.asarray(y_pred, dtype=float)[real_positive].mean())
"""),
        # np.where and sums; sum shadowed
        _cell("recall", """\
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    sum = np.sum(y_true)
    tp = np.sum(np.where(y_true == 1, y_pred, 0.0))
    return tp / sum if sum > 0 else 0.0
"""),
        # confusion counts with np.bincount: [TN, FP, FN, TP]
        _cell("recall", """\
    codes = 2 * np.asarray(y_true).astype(int) + np.asarray(y_pred).astype(int)
    tn, fp, fn, tp = np.bincount(codes.ravel(), minlength=4)
    return float(tp / (tp + fn)) if tp + fn else 0.0
"""),
    ],
    "q_log_base": [
        "answer_log_base = 2.0\n",
        "answer_log_base = np.int64(2)\n",
        "# −log_b(0.1) = 3.32, so b = 10 ** (1 / 3.32)\n"
        "answer_log_base = round(10 ** (1 / 3.32))\n",
        "answer_log_base = int('2')\n",
        "answer_log_base = 10 ** (1 / 3.32)  # 2.0005: the notes round the loss\n",
    ],
    "q_bce_model": [
        'answer_bce_model = "A"\n',
        'answer_bce_model = " a "\n',
        "answer_bce_model = 'a'.upper()\n",
    ],
    "q_flat_gradient": [
        'answer_flat_gradient = "A"\n',
        'answer_flat_gradient = "a "\n',
        "answer_flat_gradient = chr(97)\n",
    ],
}
"""grade_id of an exercise cell -> correct sources for it (each must keep full marks)."""
