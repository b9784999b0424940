"""Evaluation metrics for classification and regression (INTRO: "Métricas", R², confusion matrix).

==========  ==========================================================
``y_true``  true labels (classification) or targets (regression)
``y_pred``  predicted labels or values, same shape
TP, FP, FN  true positives, false positives, false negatives (label 1 is positive)
==========  ==========================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, check_same_shape
from coursekit.language import tr


def _labels(y_true, y_pred):
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    check_same_shape(y_true, y_pred, "y_true", "y_pred")
    if y_true.size == 0:
        raise ValueError(tr("y_true must hold at least one sample, got an empty array"))
    return y_true.ravel(), y_pred.ravel()


def _binary_counts(y_true, y_pred):
    y_true, y_pred = _labels(y_true, y_pred)
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        if not np.isin(values, (0.0, 1.0)).all():
            raise ValueError(tr("{name} must hold binary labels 0 and 1, got {labels}").format(
                name=name, labels=np.unique(values)))
    tp = float(np.sum((y_pred == 1) & (y_true == 1)))
    fp = float(np.sum((y_pred == 1) & (y_true == 0)))
    fn = float(np.sum((y_pred == 0) & (y_true == 1)))
    return tp, fp, fn


def accuracy(y_true, y_pred) -> float:
    """Fraction of predictions equal to the labels.

    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    y_true, y_pred = _labels(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def precision(y_true, y_pred) -> float:
    """Precision, :math:`TP / (TP + FP)`: of the predicted positives, the fraction that are real.

    Returns 0.0 when nothing is predicted positive (as scikit-learn's ``zero_division=0``).

    >>> precision([1, 0, 1, 0], [1, 1, 1, 0])
    0.6666666666666666
    """
    tp, fp, _ = _binary_counts(y_true, y_pred)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred) -> float:
    """Recall, :math:`TP / (TP + FN)`: of the real positives, the fraction that are found.

    Returns 0.0 when there are no positives.

    >>> recall([1, 0, 1, 1], [1, 0, 0, 1])
    0.6666666666666666
    """
    tp, _, fn = _binary_counts(y_true, y_pred)
    return tp / (tp + fn) if tp + fn else 0.0


def confusion_matrix(y_true, y_pred, labels=None) -> np.ndarray:
    """Confusion matrix ``C`` with ``C[i, j]`` = samples of true class ``labels[i]`` predicted as
    ``labels[j]`` (rows are the truth, as in scikit-learn).

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n_samples,)
    labels : array_like, optional
        Class order; defaults to the sorted union of the labels present.

    Returns
    -------
    ndarray of int, shape (n_labels, n_labels)

    >>> confusion_matrix([1, 0, 1, 1], [1, 0, 0, 1])
    array([[1, 0],
           [1, 2]])
    """
    y_true, y_pred = _labels(y_true, y_pred)
    labels = np.union1d(y_true, y_pred) if labels is None else as_float_array(labels, "labels")
    index = {label: i for i, label in enumerate(labels.tolist())}
    unknown = set(np.union1d(y_true, y_pred).tolist()) - set(index)
    if unknown:
        raise ValueError(tr("labels {unknown} appear in the data but not in labels").format(
            unknown=sorted(unknown)))
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    np.add.at(matrix, ([index[v] for v in y_true.tolist()], [index[v] for v in y_pred.tolist()]), 1)
    return matrix


def r2_score(y_true, y_pred) -> float:
    """Coefficient of determination,
    :math:`R^2 = 1 - \\sum (y - \\hat y)^2 / \\sum (y - \\bar y)^2`.

    1 for a perfect fit, 0 for always predicting the mean, negative for worse than the mean.
    When ``y_true`` is constant it returns 1.0 for a perfect fit and 0.0 otherwise (as
    scikit-learn).

    >>> r2_score([1.0, 2.0, 3.0], [2.0, 2.0, 2.0])
    0.0
    """
    y_true, y_pred = _labels(y_true, y_pred)
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot
