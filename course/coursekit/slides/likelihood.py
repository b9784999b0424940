"""04_bce_derivation: BCE values (log10 vs ln), the log-likelihood, R² and the gravitational-wave
table."""

from __future__ import annotations

import numpy as np

from coursekit.language import tr
from coursekit.losses import bce
from coursekit.metrics import confusion_matrix, precision, r2_score, recall
from coursekit.slides._values import INTRO, MADC, SlideValue


def bce_log10_vs_ln(y: float, p: float) -> dict:
    """Binary cross-entropy of one case with the natural log and with ``log10``.

    :math:`-[y \\log p + (1 - y)\\log(1 - p)]`; ``log10 = ln / ln 10``. MADC's loss slides use
    ``log10``; cross-entropy (and ``coursekit.losses.bce``) uses ``ln``.

    >>> {k: round(v, 3) for k, v in bce_log10_vs_ln(0, 0.8).items()}
    {'ln': 1.609, 'log10': 0.699}
    """
    ln = bce([float(y)], [float(p)])
    return {"ln": ln, "log10": float(ln / np.log(10.0))}



_BCE_CASES = ((0, 0.8, 0.698), (0, 0.2, 0.096), (1, 0.8, 0.096), (1, 0.2, 0.698))


def bce_examples() -> dict:
    """MADC's four BCE cases (y = 0, p = 0.8; y = 0, p = 0.2; y = 1, p = 0.8; y = 1, p = 0.2).

    The slide prints 0.698, 0.096, 0.096, 0.698: base-10 logs cut (not rounded) to 3 decimals
    (−log10 0.2 = 0.69897, −log10 0.8 = 0.09691). With ln: 1.609, 0.223, 0.223, 1.609.
    """
    slide = "Ejemplos de funciones de pérdid de otros modelos clásicos de Machine Learning"
    result = {"cases": np.array([case[:2] for case in _BCE_CASES])}
    for y, p, printed in _BCE_CASES:
        loss = bce_log10_vs_ln(y, p)
        q = p if y else 1 - p  # probability given to the true class
        key = f"y{y}_p{p}"
        result[key] = SlideValue(
            f"bce_examples.{key}", MADC, slide, printed, loss["ln"],
            tr("The slide prints {printed}: that is −log10({q:g}) = {log10:.5f} cut to 3 decimals "
               "(rounded: {log10:.3f}). Cross-entropy uses the natural log: −ln({q:g}) = "
               "{ln:.3f}.").format(printed=printed, q=q, log10=loss["log10"], ln=loss["ln"]),
            decimals=3, label=tr("BCE for y = {y}, p = {p}").format(y=y, p=p))
    return result


def log_likelihood_example() -> dict:
    """INTRO "Redes Neuronales: Función Pérdida": log-likelihood of independent Bernoulli
    observations, on MADC's four cases (y = 0, 0, 1, 1; p = 0.8, 0.2, 0.8, 0.2).

    :math:`\\log L = \\log \\prod_i p_i^{y_i}(1 - p_i)^{1 - y_i} = \\sum_i \\log(\\ldots)`; the
    slide writes :math:`\\log(\\sum_i \\ldots)`. Mean BCE = :math:`-\\log L / n`.
    """
    y, p = np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.8, 0.2, 0.8, 0.2])
    terms = p**y * (1 - p) ** (1 - y)
    log_l = float(np.sum(np.log(terms)))
    slide_value = float(np.log(np.sum(terms)))
    return {
        "y": y, "p": p, "terms": terms, "likelihood": float(np.prod(terms)),
        "log_likelihood": SlideValue(
            "log_likelihood_example.log_likelihood", INTRO, "Redes Neuronales: Función Pérdida",
            slide_value, log_l,
            tr("The slide writes log(L) = log(Σ_i p_i^y_i (1 − p_i)^(1 − y_i)) = {slide:.5f} "
               "here; the log of the product is the sum of the logs: Σ_i log(…) = {exact:.5f}, as "
               "the slide's next line (Log Likelihood) has it.").format(slide=slide_value,
                                                                       exact=log_l),
            label=tr("log-likelihood of the four cases (y = 0, 0, 1, 1; p = 0.8, 0.2, 0.8, "
                     "0.2)")),
        "bce_mean": bce(y, p),  # = −log L / n
    }


def r2_cases() -> dict:
    """INTRO "Redes Neuronales: Métricas de Evaluación": R² = 1, R² = 0 and R² < 0.

    The slides' data are figures; y = [1, 2, 3, 4] with a perfect fit, the mean (2.5) and the
    reversed order [4, 3, 2, 1] (R² = −3) illustrate the three cases.
    """
    y = np.array([1.0, 2.0, 3.0, 4.0])
    predictions = {"perfect": y, "mean": np.full(4, y.mean()), "worse": y[::-1].copy()}
    slide = "Redes Neuronales: Métricas de Evaluación"
    printed = {"perfect": 1.0, "mean": 0.0, "worse": None}  # the slide prints "R² < 0"
    labels = {"perfect": tr("R², perfect fit"), "mean": tr("R², always predicting the mean"),
              "worse": tr("R², predictions in reversed order")}
    result = {"y": y, "predictions": predictions}
    for key, pred in predictions.items():
        result[key] = SlideValue(f"r2_cases.{key}", INTRO, slide, printed[key], r2_score(y, pred),
                                 label=labels[key])
    return result


def gravitational_waves(y_true=None, y_pred=None) -> dict:
    """INTRO "Redes Neuronales: Métricas de Evaluación": the gravitational-wave (GW) table.

    The slide's table has no counts: rows "Hay GW" / "No hay GW" (truth), columns "Detección de
    GW" / "Ruido" (prediction), i.e. ``[[TP, FN], [FP, TN]]`` — positives first, unlike
    :func:`coursekit.metrics.confusion_matrix`, which sorts labels (``[[TN, FP], [FN, TP]]``).
    Default data (1 = GW): TP = 3, FN = 1, FP = 2, TN = 4 → precision 0.6, recall 0.75.
    """
    if y_true is None:
        y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
        y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
    matrix = confusion_matrix(y_true, y_pred, labels=[0, 1])
    slide = "Redes Neuronales: Métricas de Evaluación"
    return {
        "y_true": np.asarray(y_true), "y_pred": np.asarray(y_pred),
        "confusion_matrix": matrix,
        "slide_table": matrix[::-1, ::-1],  # [[TP, FN], [FP, TN]]
        "precision": SlideValue("gravitational_waves.precision", INTRO, slide, None,
                                precision(y_true, y_pred),
                                label=tr("precision TP / (TP + FP) (GW detections)")),
        "recall": SlideValue("gravitational_waves.recall", INTRO, slide, None,
                             recall(y_true, y_pred),
                             label=tr("recall TP / (TP + FN) (GW detections)")),
    }
