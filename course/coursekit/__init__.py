"""coursekit: the numpy reference implementation behind the nn-course notebooks.

One module per concept: ``activations``, ``losses``, ``metrics``, ``perceptron``, ``network``,
``gradcheck``, ``optim``, ``training``, ``regularization``, ``datasets``, ``models`` and
``slides`` (the slides' worked examples, recomputed, with errata).
"""

from coursekit import (
    activations,
    datasets,
    gradcheck,
    losses,
    metrics,
    models,
    network,
    optim,
    perceptron,
    regularization,
    training,
)

__version__ = "0.1.0"

__all__ = [
    "activations",
    "datasets",
    "gradcheck",
    "losses",
    "metrics",
    "models",
    "network",
    "optim",
    "perceptron",
    "regularization",
    "training",
]
