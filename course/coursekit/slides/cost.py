"""01_perceptron: PERC's cost-function table."""

from __future__ import annotations

import numpy as np

from coursekit.language import tr
from coursekit.losses import mse
from coursekit.slides._values import PERC, SlideValue


def mse_table() -> dict:
    """PERC "Funciones de costo": predictions 10, 8, 6 vs targets 20, 3, 1.

    The slide's "Error" column is prediction − target: −10, 5, 5 → squares 100, 25, 25 → total
    150, MSE 50.

    >>> mse_table()["mse"].exact
    50.0
    """
    slide, where = "Funciones de costo", tr("(PERC's cost table)")
    predictions, targets = np.array([10.0, 8.0, 6.0]), np.array([20.0, 3.0, 1.0])
    errors = predictions - targets
    return {
        "predictions": predictions,
        "targets": targets,
        "errors": SlideValue("mse_table.errors", PERC, slide, [-10, 5, 5], errors, decimals=0,
                             label=tr("errors ŷ − y {where}").format(where=where)),
        "squared": SlideValue("mse_table.squared", PERC, slide, [100, 25, 25], errors**2,
                              decimals=0, label=tr("squared errors {where}").format(where=where)),
        "total": SlideValue("mse_table.total", PERC, slide, 150, np.sum(errors**2), decimals=0,
                            label=tr("total squared error {where}").format(where=where)),
        "mse": SlideValue("mse_table.mse", PERC, slide, 50, mse(targets, predictions), decimals=0,
                          label=tr("mean squared error {where}").format(where=where)),
    }
