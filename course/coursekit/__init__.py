"""coursekit: the numpy reference implementation behind the nn-course notebooks.

One module per concept: ``activations``, ``losses``, ``likelihood``, ``metrics``, ``perceptron``,
``network``, ``forward_pass``, ``shallow``, ``backprop``, ``gradcheck``, ``optim``, ``descent``,
``training``, ``regularization``, ``model_selection``, ``bias_variance``, ``datasets``, ``models``,
``slides`` (the slides' worked examples,
recomputed, with errata), ``checks`` (the notebooks' feedback checks) and ``explorers`` (the live
sliders; imported on demand, it needs ipywidgets).
"""

from coursekit import (
    _memory,
    activations,
    backprop,
    bias_variance,
    datasets,
    descent,
    forward_pass,
    gradcheck,
    likelihood,
    losses,
    metrics,
    model_selection,
    models,
    network,
    optim,
    perceptron,
    regularization,
    shallow,
    training,
)

__version__ = "0.1.0"

_memory.keep_freed_heap()  # avoids page-fault churn between training steps (see _memory)

__all__ = [
    "activations",
    "backprop",
    "bias_variance",
    "datasets",
    "descent",
    "forward_pass",
    "gradcheck",
    "likelihood",
    "losses",
    "metrics",
    "model_selection",
    "models",
    "network",
    "optim",
    "perceptron",
    "regularization",
    "shallow",
    "training",
]
