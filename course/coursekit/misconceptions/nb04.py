"""Misconceptions of 04_bce_derivation's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

import numpy as np

from coursekit.misconceptions import Misconception

EPS = np.finfo(float).eps


def _f(value):
    return np.asarray(value, dtype=float)


def _scalar_or_array(values):
    values = _f(values)
    return float(values) if values.ndim == 0 else values


def _clipped(p):
    return np.clip(_f(p), EPS, 1.0 - EPS)


def _sigmoid(z):
    z = _f(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# --- bernoulli_likelihood --------------------------------------------------------------------


def bernoulli_product(y, p):
    """Π p^y (1 − p)^(1 − y): the likelihood of all observations, not one term each."""
    return float(np.prod(_f(p) ** _f(y) * (1.0 - _f(p)) ** (1.0 - _f(y))))


def bernoulli_swapped(y, p):
    """p^(1 − y) (1 − p)^y: the exponents swapped."""
    return _scalar_or_array(_f(p) ** (1.0 - _f(y)) * (1.0 - _f(p)) ** _f(y))


def bernoulli_second_exponent_y(y, p):
    """p^y (1 − p)^y: the second exponent y instead of 1 − y."""
    return _scalar_or_array(_f(p) ** _f(y) * (1.0 - _f(p)) ** _f(y))


# --- log_likelihood --------------------------------------------------------------------------


def _log_terms(y, p, log=np.log):
    y, p = _f(y), _clipped(p)
    return y * log(p) + (1.0 - y) * log(1.0 - p)


def log_likelihood_mean(y, p) -> float:
    """The mean of the log terms, not their sum."""
    return float(np.mean(_log_terms(y, p)))


def log_likelihood_log10(y, p) -> float:
    """Σ with log10 instead of ln."""
    return float(np.sum(_log_terms(y, p, np.log10)))


def log_likelihood_log_of_sum(y, p) -> float:
    """ln Σ p^y (1 − p)^(1 − y): the log of the sum (INTRO's slide), not the sum of the logs."""
    return float(np.log(np.sum(_f(p) ** _f(y) * (1.0 - _f(p)) ** (1.0 - _f(y)))))


def log_likelihood_negated(y, p) -> float:
    """−Σ [y ln p + (1 − y) ln(1 − p)]: the summed BCE, not the log-likelihood."""
    return -float(np.sum(_log_terms(y, p)))


# --- bce_with_logits -------------------------------------------------------------------------


def _stable_terms(y, z):
    y, z = _f(y), _f(z)
    return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def bce_logits_sum(y_true, z) -> float:
    """The sum over the elements, not the mean."""
    return float(np.sum(_stable_terms(y_true, z)))


def bce_logits_plus_zy(y_true, z) -> float:
    """max(z, 0) + z·y + ln(1 + e^(−|z|)): the sign of z·y flipped."""
    y, z = _f(y_true), _f(z)
    return float(np.mean(np.maximum(z, 0.0) + z * y + np.log1p(np.exp(-np.abs(z)))))


def bce_logits_log10(y_true, z) -> float:
    """The mean BCE with log10 instead of ln: the stable form divided by ln 10."""
    return float(np.mean(_stable_terms(y_true, z)) / np.log(10.0))


def bce_logits_no_minus(y_true, z) -> float:
    """The mean log-likelihood (negative): the minus sign of the loss dropped."""
    return -float(np.mean(_stable_terms(y_true, z)))


# --- bce_logit_gradient ----------------------------------------------------------------------


def gradient_sign_flipped(y, z):
    """y − σ(z)."""
    return _scalar_or_array(_f(y) - _sigmoid(z))


def gradient_wrt_p(y, z):
    """(p − y) / (p (1 − p)): the gradient with respect to p, not z."""
    p = 1.0 / (1.0 + np.exp(-_f(z)))
    return _scalar_or_array((p - _f(y)) / (p * (1.0 - p)))


def gradient_divided_by_n(y, z):
    """(σ(z) − y) / N: the gradient of the mean BCE, not of each observation's loss."""
    y = _f(y)
    return _scalar_or_array((_sigmoid(z) - y) / y.size)


def gradient_squared_error(y, z):
    """2 (σ(z) − y) σ(z)(1 − σ(z)): the squared error's gradient."""
    s = _sigmoid(z)
    return _scalar_or_array(2.0 * (s - _f(y)) * s * (1.0 - s))


# --- cce -------------------------------------------------------------------------------------


def cce_mean_all(y_true, p) -> float:
    """The mean over every element (samples × classes), not over the samples."""
    return float(-np.mean(_f(y_true) * np.log(_clipped(p))))


def cce_sum_samples(y_true, p) -> float:
    """The sum over the samples, not the mean."""
    return float(-np.sum(_f(y_true) * np.log(_clipped(p))))


def cce_binary_columns(y_true, p) -> float:
    """The binary cross-entropy of every column: (1 − y) ln(1 − p) added."""
    y, p = _f(y_true), _clipped(p)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / y.shape[0])


# --- mae -------------------------------------------------------------------------------------


def mae_signed(y_true, y_pred) -> float:
    """The mean of ŷ − y without the absolute value."""
    return float(np.mean(_f(y_pred) - _f(y_true)))


def mae_sum(y_true, y_pred) -> float:
    """Σ |ŷ − y|: the sum, not the mean."""
    return float(np.sum(np.abs(_f(y_pred) - _f(y_true))))


def mae_squared(y_true, y_pred) -> float:
    """The mean of the squared errors (the MSE)."""
    return float(np.mean((_f(y_pred) - _f(y_true)) ** 2))


# --- r2_score --------------------------------------------------------------------------------


def r2_ratio(y_true, y_pred) -> float:
    """Σ (y − ŷ)² / Σ (y − ȳ)² without the 1 −."""
    y, yp = _f(y_true).ravel(), _f(y_pred).ravel()
    total = np.sum((y - y.mean()) ** 2)
    return 0.0 if total == 0.0 else float(np.sum((y - yp) ** 2) / total)


def r2_clipped(y_true, y_pred) -> float:
    """max(0, R²): a negative R² reported as 0."""
    y, yp = _f(y_true).ravel(), _f(y_pred).ravel()
    residual, total = np.sum((y - yp) ** 2), np.sum((y - y.mean()) ** 2)
    if total == 0.0:
        return 1.0 if residual == 0.0 else 0.0
    return float(max(0.0, 1.0 - residual / total))


def r2_mean_of_predictions(y_true, y_pred) -> float:
    """The spread measured around the mean of ŷ instead of the mean of y."""
    y, yp = _f(y_true).ravel(), _f(y_pred).ravel()
    total = np.sum((yp - yp.mean()) ** 2)
    if total == 0.0:
        return 1.0 if np.all(y == yp) else 0.0
    return float(1.0 - np.sum((y - yp) ** 2) / total)


# --- precision and recall --------------------------------------------------------------------


def _counts(y_true, y_pred):
    y, yp = _f(y_true).ravel(), _f(y_pred).ravel()
    return (np.sum((yp == 1) & (y == 1)), np.sum((yp == 1) & (y == 0)),
            np.sum((yp == 0) & (y == 1)), np.sum((yp == 0) & (y == 0)))


def recall_value(y_true, y_pred) -> float:
    """TP / (TP + FN)."""
    tp, _, fn, _ = _counts(y_true, y_pred)
    return float(tp / (tp + fn)) if tp + fn else 0.0


def precision_value(y_true, y_pred) -> float:
    """TP / (TP + FP)."""
    tp, fp, _, _ = _counts(y_true, y_pred)
    return float(tp / (tp + fp)) if tp + fp else 0.0


def accuracy_value(y_true, y_pred) -> float:
    """(TP + TN) / N."""
    return float(np.mean(_f(y_true) == _f(y_pred)))


def specificity_value(y_true, y_pred) -> float:
    """TN / (TN + FP)."""
    _, fp, _, tn = _counts(y_true, y_pred)
    return float(tn / (tn + fp)) if tn + fp else 0.0


CATALOGUE = {
    "bernoulli_likelihood": [
        Misconception("product", bernoulli_product, "your value is the product of all the terms "
                      "(the likelihood L): return one term p^y (1 − p)^(1 − y) per observation."),
        Misconception("swapped_exponents", bernoulli_swapped, "your values equal "
                      "p^(1 − y) (1 − p)^y, the exponents swapped: a label y = 1 must get p, a "
                      "label y = 0 must get 1 − p."),
        Misconception("second_exponent_y", bernoulli_second_exponent_y, "your values equal "
                      "p^y (1 − p)^y: the exponent of 1 − p is 1 − y, not y."),
    ],
    "log_likelihood": [
        Misconception("log_of_sum", log_likelihood_log_of_sum, "your value is the log of the sum "
                      "of the terms, as INTRO's slide writes it: the log of the product is the "
                      "sum of the logs, Σ [y ln p + (1 − y) ln(1 − p)]."),
        Misconception("mean_not_sum", log_likelihood_mean, "your value is the mean of the log "
                      "terms: the log-likelihood is their sum (the mean comes in with the BCE)."),
        Misconception("log10", log_likelihood_log10, "your value uses log10: the "
                      "log-likelihood uses the natural log, np.log (MADC's slide slipped into "
                      "base 10)."),
        Misconception("negated", log_likelihood_negated, "your value is minus the "
                      "log-likelihood (a summed BCE, positive): ln L itself is at most 0."),
    ],
    "bce_with_logits": [
        Misconception("sum_not_mean", bce_logits_sum, "your value is the sum over the elements: "
                      "the BCE is their mean (divide by the number of elements)."),
        Misconception("plus_zy", bce_logits_plus_zy, "your value uses + z·y: the stable form is "
                      "max(z, 0) − z·y + ln(1 + e^(−|z|))."),
        Misconception("log10", bce_logits_log10, "your value equals the BCE with log10 (the "
                      "natural-log value divided by ln 10 = 2.303): the cross-entropy uses the "
                      "natural log."),
        Misconception("no_minus", bce_logits_no_minus, "your value is negative, the mean "
                      "log-likelihood: the BCE has a minus sign in front, −(1/N) Σ [y ln p + "
                      "(1 − y) ln(1 − p)] ≥ 0."),
    ],
    "bce_logit_gradient": [
        Misconception("sign_flipped", gradient_sign_flipped, "your values equal y − σ(z), the "
                      "sign flipped: the gradient is σ(z) − y (the prediction minus the label)."),
        Misconception("wrt_p", gradient_wrt_p, "your values equal (p − y) / (p (1 − p)), the "
                      "gradient with respect to p: multiply by dp/dz = p (1 − p) and it is "
                      "σ(z) − y."),
        Misconception("divided_by_n", gradient_divided_by_n, "your values are σ(z) − y divided "
                      "by N (the gradient of the mean): return one gradient per observation, not "
                      "divided."),
        Misconception("squared_error", gradient_squared_error, "your values equal "
                      "2 (σ(z) − y) σ(z) (1 − σ(z)), the squared error's gradient: for the BCE "
                      "the factor σ'(z) cancels and it is σ(z) − y."),
    ],
    "cce": [
        Misconception("mean_over_elements", cce_mean_all, "your value is the mean over every "
                      "element (samples × classes): sum over the classes, then divide by the "
                      "number of samples (rows)."),
        Misconception("sum_not_mean", cce_sum_samples, "your value is the sum over the samples: "
                      "divide it by the number of samples (rows)."),
        Misconception("binary_per_column", cce_binary_columns, "your value adds (1 − y) ln(1 − p) "
                      "for every class, the binary cross-entropy per column: the categorical "
                      "one keeps only −Σ_k y_k ln p_k."),
    ],
    "mae": [
        Misconception("no_abs", mae_signed, "your value is the mean of ŷ − y without the "
                      "absolute value, so errors of opposite signs cancel."),
        Misconception("sum_not_mean", mae_sum, "your value is the sum of |ŷ − y|: the MAE "
                      "divides it by the number of elements."),
        Misconception("squared", mae_squared, "your value is the mean of the squared errors (the "
                      "MSE): the MAE takes |ŷ − y|, not (ŷ − y)²."),
    ],
    "r2_score": [
        Misconception("no_one_minus", r2_ratio, "your value is Σ(y − ŷ)² / Σ(y − ȳ)² alone: "
                      "R² is 1 minus that ratio (1 for a perfect fit)."),
        Misconception("clipped_at_zero", r2_clipped, "your value is 0 where R² is negative: a "
                      "model worse than the mean gets R² < 0 (INTRO's third case); do not clip."),
        Misconception("mean_of_predictions", r2_mean_of_predictions, "your value measures the "
                      "spread around the mean of ŷ: the denominator is Σ (y − ȳ)², with ȳ the mean "
                      "of the targets."),
    ],
    "precision": [
        Misconception("is_recall", recall_value, "your value is the recall TP / (TP + FN): "
                      "precision divides by the predicted positives, TP / (TP + FP)."),
        Misconception("is_accuracy", accuracy_value, "your value is the accuracy (TP + TN) / N: "
                      "precision looks only at the predicted positives, TP / (TP + FP)."),
    ],
    "recall": [
        Misconception("is_precision", precision_value, "your value is the precision "
                      "TP / (TP + FP): recall divides by the real positives, TP / (TP + FN)."),
        Misconception("is_specificity", specificity_value, "your value is TN / (TN + FP), the "
                      "fraction of negatives found: recall is the fraction of real positives "
                      "found, TP / (TP + FN)."),
        Misconception("is_accuracy", accuracy_value, "your value is the accuracy (TP + TN) / N: "
                      "recall looks only at the real positives, TP / (TP + FN)."),
    ],
}
