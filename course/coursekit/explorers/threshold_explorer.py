"""Decision-threshold explorer: move the threshold on a classifier's scores and watch the
confusion matrix, precision and recall change.

Follows INTRO "Redes Neuronales: Métricas de Evaluación" (the gravitational-wave table: rows
"Hay GW" / "No hay GW", columns "Detección de GW" / "Ruido"; Precisión = TP / (TP + FP),
Recall = TP / (TP + FN)) and INTRO "Redes Neuronales: Función Pérdida" (ŷ = 1 if p(x) ≥ 0.5).

============  ===============================================================================
``scores``    predicted probabilities :math:`p = P(y = 1 \\mid x)`, shape ``(n_samples,)``
``y``         true labels 0/1; ``t`` the threshold: predict 1 where :math:`p \\ge t`
table         ``[[TP, FN], [FP, TN]]``: rows the truth (1 first), columns the prediction (1 first)
============  ===============================================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array
from coursekit.activations import sigmoid
from coursekit.datasets import dogs_vs_cats
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import CLASS_COLORS
from coursekit.language import tr
from coursekit.metrics import confusion_matrix
from coursekit.metrics import precision as ref_precision
from coursekit.metrics import recall as ref_recall

MODEL_W = np.array([1.2, 0.0])  # ear length only: the classes overlap
MODEL_B = -8.4
BINS = np.linspace(0.0, 1.0, 21)


def default_scores(n_samples: int = 200, rng=0):
    """A synthetic dogs-and-cats data set generated after MADC's example
    (:func:`coursekit.datasets.dogs_vs_cats`) scored by a fixed logistic model
    :math:`p = \\sigma(1.2\\,x_{ear} - 8.4)` (dog = 1; ear length only, so the classes
    overlap).

    Returns
    -------
    scores : ndarray, shape (n_samples,)
    y : ndarray, shape (n_samples,)

    >>> scores, y = default_scores()
    >>> scores.shape, int(y.sum())
    ((200,), 100)
    """
    X, y = dogs_vs_cats(n_samples, rng=rng)
    return sigmoid(X @ MODEL_W + MODEL_B), y


def slide_table(y, scores, t: float) -> np.ndarray:
    """The slide's table ``[[TP, FN], [FP, TN]]`` when predicting 1 where ``scores >= t``.

    >>> slide_table([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    array([[1, 1],
           [1, 1]])
    """
    y_pred = (np.asarray(scores, dtype=float) >= t).astype(float)
    return confusion_matrix(y, y_pred, labels=[0, 1])[::-1, ::-1]


def threshold_explorer(scores=None, y=None, precision=None, recall=None,
                       threshold: float = 0.5) -> Explorer:
    """A slider for the decision threshold ``t`` of a binary classifier: predict 1 where
    ``score >= t``.

    Left: the scores of each class (histograms: class 1 blue, class 0 orange) and the threshold.
    Right: the confusion matrix drawn as in INTRO's gravitational-wave table,
    ``[[TP, FN], [FP, TN]]``. The readout gives TP, FP, FN, TN, precision and recall.

    Parameters
    ----------
    scores, y : array_like, shape (n_samples,), optional
        Scores in [0, 1] and labels 0/1; default :func:`default_scores`. Pass both or neither.
    precision, recall : callable, optional
        ``f(y_true, y_pred) -> float``; default :mod:`coursekit.metrics`'. Pass your own.
    threshold : float
        Initial threshold, in [0, 1].

    Returns
    -------
    Explorer
        Control ``"threshold"``; ``explorer.artists`` holds ``"line"`` (the threshold),
        ``"matrix"`` (the image of the table) and ``"counts"`` (2×2 list of texts).

    >>> explorer = threshold_explorer()
    >>> explorer.controls["threshold"].value = 0.9
    >>> "threshold t = 0.90" in explorer.readout.value
    True
    """
    if (scores is None) != (y is None):
        raise ValueError(tr("pass both scores and y, or neither"))
    scores, y = default_scores() if scores is None else (scores, y)
    scores = as_float_array(scores, "scores", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    if y.shape != scores.shape or not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(tr("y must hold one label 0/1 per score {expected}, got {shape}").format(
            expected=scores.shape, shape=y.shape))
    precision = ref_precision if precision is None else precision
    recall = ref_recall if recall is None else recall

    view = FigureView(figsize=(6.0, 2.8), dpi=80)
    ax_hist, ax_cm = view.figure.subplots(1, 2, width_ratios=(1.3, 1.0))
    ax_hist.hist([scores[y == 0], scores[y == 1]], bins=BINS, color=list(CLASS_COLORS),
                 label=["y = 0", "y = 1"], histtype="stepfilled", alpha=0.6)
    line = ax_hist.axvline(threshold, color="black", linewidth=2.0)
    ax_hist.set(xlim=(0.0, 1.0), xticks=[0.0, 0.5, 1.0], xlabel=tr("score p"),
                ylabel=tr("count"))
    ax_hist.legend(loc="upper center", fontsize=8, frameon=False)
    matrix = ax_cm.imshow(np.zeros((2, 2)), cmap="Blues", vmin=0.0, vmax=float(y.size))
    counts = [[ax_cm.text(j, i, "", ha="center", va="center", fontsize=11)
               for j in range(2)] for i in range(2)]
    ax_cm.set(xticks=[0, 1], yticks=[0, 1], xticklabels=["ŷ = 1", "ŷ = 0"],
              yticklabels=["y = 1", "y = 0"])
    ax_cm.tick_params(length=0)
    names = (("TP", "FN"), ("FP", "TN"))

    def update(threshold: float) -> str:
        y_pred = (scores >= threshold).astype(float)
        table = slide_table(y, scores, threshold)
        line.set_xdata([threshold, threshold])
        matrix.set_data(table)
        for i in range(2):
            for j in range(2):
                counts[i][j].set_text(f"{names[i][j]}\n{table[i, j]}")
                counts[i][j].set_color("white" if table[i, j] > 0.6 * y.size else "black")
        (tp, fn), (fp, tn) = table
        return " &nbsp;·&nbsp; ".join([
            tr("threshold t = {threshold:.2f}").format(threshold=threshold),
            f"TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn}",
            tr("precision = TP/(TP+FP) = {precision:.3f}").format(
                precision=float(precision(y, y_pred))),
            tr("recall = TP/(TP+FN) = {recall:.3f}").format(recall=float(recall(y, y_pred)))])

    controls = {"threshold": slider(tr("threshold"), threshold, 0.0, 1.0, 0.01)}
    explorer = Explorer(controls, update, view)
    explorer.artists = {"line": line, "matrix": matrix, "counts": counts}
    return explorer
