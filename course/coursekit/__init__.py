"""coursekit: the numpy reference implementation behind the nn-course notebooks.

One module per concept: ``activations``, ``losses``, ``metrics``, ``perceptron``, ``network``,
``gradcheck``, ``optim``, ``training``, ``regularization``, ``datasets``, ``models`` and
``slides`` (the slides' worked examples, recomputed, with errata).
"""

from coursekit import (
    _memory,
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

_memory.keep_freed_heap()  # avoids page-fault churn between training steps (see _memory)

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
