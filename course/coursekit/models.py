"""A Keras-like model in four steps, as in BP's slides: create, add layers, compile, fit.

>>> import numpy as np
>>> from coursekit.datasets import xor
>>> model = Sequential(rng=0)                             # 1. create
>>> model.add(Dense(8, activation="tanh", input_dim=2))  # 2. add layers
>>> model.add(Dense(1, activation="sigmoid"))
>>> model.compile(loss="bce", optimizer="adam", metrics=["accuracy"])  # 3. compile
>>> X, y = xor()
>>> history = model.fit(X, y, epochs=5)                  # 4. fit
>>> model.predict(X).shape
(4, 1)

Built on ``coursekit.network`` (forward/backward) and ``coursekit.training`` (the loop).
"""

from __future__ import annotations

import numpy as np

from coursekit import losses
from coursekit._validate import RngLike, as_float_array, as_rng, lookup
from coursekit.activations import ACTIVATIONS
from coursekit.language import tr
from coursekit.metrics import accuracy, r2_score
from coursekit.network import compute_loss, count_parameters, forward, init_params
from coursekit.optim import get_optimizer
from coursekit.training import History, train


class Dense:
    """A fully connected layer: ``units`` neurons with one activation.

    Parameters
    ----------
    units : int
        Number of neurons.
    activation : str
        A name in ``coursekit.activations.ACTIVATIONS`` (``"linear"`` is the identity).
    input_dim : int, optional
        Inputs of the first layer; otherwise taken from the data at the first ``fit``.
    """

    def __init__(self, units: int, activation: str = "linear", input_dim: int | None = None):
        if not isinstance(units, (int, np.integer)) or units < 1:
            raise ValueError(tr("{name} must be {expected}, got {value!r}").format(
                name="units", expected=tr("a positive integer"), value=units))
        lookup(ACTIVATIONS, activation, "activation")
        self.units = int(units)
        self.activation = activation
        self.input_dim = input_dim

    def __repr__(self) -> str:
        return f"Dense({self.units}, activation={self.activation!r})"


def _classification_accuracy(y_true, output) -> float:
    if output.shape[1] == 1:
        return accuracy(y_true.reshape(output.shape), (output >= 0.5).astype(float))
    return accuracy(np.argmax(y_true, axis=1), np.argmax(output, axis=1))


_METRICS = {
    "accuracy": _classification_accuracy,
    "mse": lambda y, out: losses.mse(y.reshape(out.shape), out),
    "mae": lambda y, out: losses.mae(y.reshape(out.shape), out),
    "r2_score": lambda y, out: r2_score(y.reshape(out.shape), out),
}


class Sequential:
    """A stack of :class:`Dense` layers trained with ``coursekit.training.train``.

    Parameters
    ----------
    layers : list of Dense, optional
    rng : numpy Generator, int seed or None
        Source of the initial weights and of shuffling.

    Attributes
    ----------
    params : list of dict or None
        ``{"W", "b"}`` per layer, created at the first ``fit`` (or ``build``).
    """

    def __init__(self, layers=None, rng: RngLike = None):
        self.layers: list[Dense] = []
        self.params = None
        self.rng = as_rng(rng)
        self._compiled = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer: Dense) -> None:
        """Append a layer."""
        if not isinstance(layer, Dense):
            raise TypeError(tr("layer must be a Dense layer, got {kind}").format(
                kind=type(layer).__name__))
        self.layers.append(layer)
        self.params = None

    @property
    def activations(self) -> list[str]:
        return [layer.activation for layer in self.layers]

    def layer_sizes(self, n_features: int | None = None) -> list[int]:
        """Units per layer, inputs first."""
        if not self.layers:
            raise ValueError(tr("the model has no layers: add(Dense(...)) first"))
        n_in = self.layers[0].input_dim or n_features
        if n_in is None:
            raise ValueError(tr("give the first layer input_dim=..., or fit the model on data"))
        return [n_in] + [layer.units for layer in self.layers]

    def build(self, n_features: int | None = None) -> None:
        """Create the initial weights (Glorot normal) for ``n_features`` inputs."""
        self.params = init_params(self.layer_sizes(n_features), rng=self.rng)

    def count_params(self) -> int:
        """Number of weights and biases (needs ``input_dim`` or a built model)."""
        if self.params is not None:
            return sum(p["W"].size + p["b"].size for p in self.params)
        return count_parameters(self.layer_sizes())

    def compile(self, loss: str = "mse", optimizer="sgd", metrics=()) -> None:
        """Choose the loss, the optimizer (a name like ``"adam"`` or an object) and metrics
        (``"accuracy"``, ``"mse"``, ``"mae"``, ``"r2_score"``)."""
        lookup(losses.LOSSES, loss, "loss")
        for name in metrics:
            lookup(_METRICS, name, "metric")
        self._compiled = {"loss": loss, "optimizer": get_optimizer(optimizer),
                          "metrics": list(metrics)}

    def _check_ready(self, X) -> np.ndarray:
        if self._compiled is None:
            raise RuntimeError(tr("compile(loss=..., optimizer=...) the model before using it"))
        X = as_float_array(X, "X", ndim=2)
        if self.params is None:
            self.build(X.shape[1])
        return X

    def fit(self, X, y, batch_size: int | None = 32, epochs: int = 1, validation_data=None,
            shuffle: bool = True, **train_options) -> History:
        """Train for ``epochs`` passes over ``(X, y)`` in batches of ``batch_size`` (``None``: the
        whole set at once).

        Extra options (``lambda_``, ``dropout``, ``early_stopping``) go to
        ``coursekit.training.train``. Returns the :class:`~coursekit.training.History`.
        """
        X = self._check_ready(X)
        self.params, history = train(
            X, y, self.params, self.activations, self._compiled["loss"],
            optimizer=self._compiled["optimizer"], epochs=epochs,
            batch_size=None if batch_size is None else min(batch_size, X.shape[0]),
            validation_data=validation_data,
            shuffle=shuffle, rng=self.rng, **train_options,
        )
        return history

    def predict(self, X) -> np.ndarray:
        """Network output for each row of ``X``, shape ``(n_samples, units of the last layer)``."""
        X = self._check_ready(X)
        return forward(X, self.params, self.activations)[0]

    def evaluate(self, X, y) -> dict[str, float]:
        """Loss and compiled metrics on ``(X, y)``, e.g. ``{"loss": 0.1, "accuracy": 1.0}``."""
        X = self._check_ready(X)
        y = as_float_array(y, "y")
        output = self.predict(X)
        result = {"loss": compute_loss(X, y, self.params, self.activations,
                                       self._compiled["loss"])}
        for name in self._compiled["metrics"]:
            result[name] = _METRICS[name](y, output)
        return result

    def __repr__(self) -> str:
        return f"Sequential({self.layers!r})"
