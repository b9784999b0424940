"""06_gradient_descent: MADC's convexity example and epochs vs batches."""

from __future__ import annotations

import numpy as np

from coursekit import optim
from coursekit._validate import RngLike, as_rng
from coursekit.language import tr
from coursekit.slides._values import MADC, SlideValue


def convexity_example() -> dict:
    """MADC "Función de pérdida convexa vs no convexa": f(x) = x², x1 = 1, x2 = 2, t = 0.5.

    :math:`f(t x_1 + (1 - t) x_2) = 0.25 \\cdot 3^2 = 2.25 \\le t f(x_1) + (1 - t) f(x_2) =
    0.5 (1 + 4) = 2.5`; ``printed`` evaluates the slide's "0.25(3)^2 ≤ 0.5*(1+4)".
    """
    x1, x2, t = 1.0, 2.0, 0.5
    lhs, rhs = (t * x1 + (1 - t) * x2) ** 2, t * x1**2 + (1 - t) * x2**2
    slide = "Función de pérdida convexa vs no convexa"
    return {
        "x1": x1, "x2": x2, "t": t, "holds": lhs <= rhs,
        "lhs": SlideValue("convexity_example.lhs", MADC, slide, 0.25 * 3**2, lhs,
                          label=tr("{value} for f(x) = x², x1 = 1, x2 = 2, t = 0.5").format(
                              value="f(t·x1 + (1 − t)·x2)")),
        "rhs": SlideValue("convexity_example.rhs", MADC, slide, 0.5 * (1 + 4), rhs,
                          label=tr("{value} for f(x) = x², x1 = 1, x2 = 2, t = 0.5").format(
                              value="t·f(x1) + (1 − t)·f(x2)")),
    }


def epoch_batch_example(rng: RngLike = 0) -> dict:
    """MADC "Conceptos importantes: Epoch y batch": 1000 samples in batches of 100 → 10
    iterations per epoch; 5 epochs → every sample seen 5 times.

    ``times_seen`` is counted by running :func:`coursekit.optim.iterate_minibatches` (shuffled)
    for 5 epochs; ``seen`` holds the count of every sample.
    """
    n_samples, batch_size, epochs = 1000, 100, 5
    rng = as_rng(rng)
    index = np.arange(n_samples, dtype=np.float64)[:, None]
    seen = np.zeros(n_samples, dtype=int)
    updates = 0
    for _ in range(epochs):
        for xb, _ in optim.iterate_minibatches(index, index[:, 0], batch_size, rng=rng):
            seen[xb[:, 0].astype(int)] += 1
            updates += 1
    slide = "Conceptos importantes: Epoch y batch"
    return {
        "n_samples": n_samples, "batch_size": batch_size, "epochs": epochs,
        "updates": updates, "seen": seen,
        "iterations": SlideValue("epoch_batch_example.iterations", MADC, slide, 10,
                                 optim.iterations_per_epoch(n_samples, batch_size), decimals=0,
                                 label=tr("iterations per epoch (1000 samples, batches of "
                                          "100)")),
        "times_seen": SlideValue("epoch_batch_example.times_seen", MADC, slide, 5, seen.min(),
                                 decimals=0, label=tr("times each sample is seen in 5 epochs")),
    }
