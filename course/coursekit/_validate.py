"""Input checks shared by coursekit: clear errors that name the argument, what was expected and
what was received."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from coursekit.language import mark, tr

RngLike = np.random.Generator | int | None
DIMENSIONS = {0: mark("a scalar"), 1: mark("a 1-D array"),
              2: mark("a 2-D array (n_samples, n_features)")}
KINDS = (mark("activation"), mark("loss"), mark("metric"), mark("optimizer"))
"""What :func:`lookup` looks up, as its error message names it (translated there)."""


def as_float_array(value, name: str, ndim: int | None = None) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise a ``TypeError``/``ValueError`` naming ``name``.

    Parameters
    ----------
    value : array_like
        Numbers (scalar, list or array).
    name : str
        Argument name used in error messages.
    ndim : int, optional
        Required number of dimensions.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            tr("{name} must be numeric (array-like of numbers), got {kind}: {error}").format(
                name=name, kind=type(value).__name__, error=error)
        ) from None
    if ndim is not None and array.ndim != ndim:
        expected = tr(DIMENSIONS[ndim]) if ndim in DIMENSIONS else f"{ndim}-D"
        raise ValueError(
            tr("{name} must be {expected}, got shape {shape}").format(
                name=name, expected=expected, shape=array.shape)
        )
    return array


def as_result(values):
    """``values`` as coursekit returns a result: a Python float when it is one number (a scalar
    went in), the ndarray otherwise.

    >>> as_result(np.float64(2.0)), as_result(np.ones(2))
    (2.0, array([1., 1.]))
    """
    values = np.asarray(values)
    return float(values) if values.ndim == 0 else values


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            tr("{name_a} and {name_b} must have the same shape, got {name_a} {shape_a} and "
               "{name_b} {shape_b}").format(name_a=name_a, name_b=name_b, shape_a=a.shape,
                                            shape_b=b.shape)
        )


def check_in_unit_interval(values: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` unless every entry lies in [0, 1] (probabilities, binary targets)."""
    # fmin/fmax ignore NaN like nanmin/nanmax, at a third of the cost
    if values.size and (np.fmin.reduce(values, axis=None) < 0.0
                        or np.fmax.reduce(values, axis=None) > 1.0):
        raise ValueError(
            tr("{name} must lie in [0, 1], got values from {low:g} to {high:g}").format(
                name=name, low=np.nanmin(values), high=np.nanmax(values))
        )


def lookup(registry: Mapping[str, Callable], name: str, kind: str) -> Callable:
    """Return ``registry[name]`` or raise ``ValueError`` listing the valid names."""
    if not isinstance(name, str) or name not in registry:
        valid = ", ".join(sorted(registry))
        raise ValueError(tr("unknown {kind} {name!r}; valid names are: {valid}").format(
            kind=tr(kind), name=name, valid=valid))
    return registry[name]


def as_rng(rng: RngLike) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from a Generator, an integer seed or ``None``."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise TypeError(tr("rng must be a numpy Generator, an int seed or None, got {kind}").format(
        kind=type(rng).__name__))


def check_count(name: str, value, minimum: int = 1) -> int:
    """``value`` as an int when it is an integer >= ``minimum``, else a ValueError naming it.

    >>> check_count("epochs", 3)
    3
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        expected = (tr("a positive integer") if minimum == 1 else
                    tr("an integer >= {minimum}").format(minimum=minimum))
        raise ValueError(tr("{name} must be {expected}, got {value!r}").format(
            name=name, expected=expected, value=value))
    return int(value)
