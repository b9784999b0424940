"""Metrics against hand-computed values."""

import numpy as np
import pytest

from coursekit import metrics


def test_accuracy():
    assert metrics.accuracy([1, 0, 1, 1], [1, 1, 1, 0]) == 0.5


def test_precision_recall_by_hand():
    y_true = [1, 1, 1, 0, 0, 0, 0, 1]
    y_pred = [1, 1, 0, 1, 0, 0, 0, 0]  # TP 2, FP 1, FN 2
    assert metrics.precision(y_true, y_pred) == pytest.approx(2 / 3)
    assert metrics.recall(y_true, y_pred) == pytest.approx(2 / 4)


def test_zero_division_gives_zero():
    assert metrics.precision([1, 0], [0, 0]) == 0.0
    assert metrics.recall([0, 0], [1, 0]) == 0.0


def test_confusion_matrix_rows_are_truth():
    matrix = metrics.confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0])
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    np.testing.assert_array_equal(metrics.confusion_matrix([1], [1], labels=[0, 1]),
                                  [[0, 0], [0, 1]])


def test_r2_cases_of_the_slides():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert metrics.r2_score(y, y) == 1.0
    assert metrics.r2_score(y, np.full(4, y.mean())) == 0.0
    assert metrics.r2_score(y, y[::-1]) == pytest.approx(1 - 20 / 5)  # worse than the mean
    assert metrics.r2_score([2.0, 2.0], [2.0, 2.0]) == 1.0


def test_bad_labels_and_shapes():
    with pytest.raises(ValueError, match="binary labels"):
        metrics.precision([0, 2], [0, 1])
    with pytest.raises(ValueError, match="same shape"):
        metrics.accuracy([0, 1], [0])
    with pytest.raises(ValueError, match=r"labels \[2.0\]"):
        metrics.confusion_matrix([0, 2], [0, 1], labels=[0, 1])
