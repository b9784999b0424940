"""Every numeric worked example of the slide decks, recomputed, with errata noted.

Each example function returns a dict: :class:`SlideValue` entries (what the slide states next to
the recomputed value) plus the arrays a notebook wants to show. The notebooks put them side by side
in "Slide check" boxes (:func:`table_html`: one row per value, labelled for people, with a check
column in three states and a one-line legend); :func:`errata` lists every value a slide gets
wrong. ``course/ERRATA.md`` collects them all, with the errata that are not numbers. One module per
notebook (``cost`` 01, ``shallow`` 02, ``forward`` 03, ``likelihood`` 04, ``backprop`` 05,
``descent`` 06, ``overfitting`` 07); every name is re-exported here.

Decks (Spanish text extractions in ``shared/seeds/``; the figures are missing):

- **BP** ``000_ce07e005fa5c1a31.txt`` (= ``002_79a7153d269c081e.txt``), "Back propagation — El modo
  de entrenar una red, que lo cambió todo".
- **INTRO** ``001_6f82a8302666788f.txt``, "Introducción a las Redes Neuronales" (FCEN-UBA).
- **MADC** ``003_fe23a58a091c4741.txt``, "Métodos avanzados de ciencia de datos".
- **PERC** ``004_4f2ebcd3b554dbd9.txt``, "Perceptrón" (Acámica, Data Science).
- **Mazur 2015**, "A Step by Step Backpropagation Example" (mattmazur.com), the homework MADC
  assigns on its last slide ("Tarea moral de práctica de los conceptos").

============  ===================================================================================
``printed``   what the slide states: the number it prints or, where it only gives a formula, that
              formula evaluated as written on the example's inputs; ``None`` if nothing checkable
``as_slide``  the slide's own arithmetic redone (intermediates rounded as the slide rounds them);
              ``None`` when the slide does not round along the way
``exact``     recomputed in float64 with coursekit
``decimals``  decimals the slide prints; ``matches`` rounds to them (``None``: relative 1e-7)
``W``         weights of shape ``(n_in, n_out)``, ``Z = X @ W + b``; the slides print ``Wᵀ``
``state``     ``exact`` (✓ equals the exact value at the slide's precision), ``consistent`` (≈
              follows from the slide's own rounded or cut numbers, not exact), ``wrong`` (✗ an
              erratum, with a note) or ``unchecked`` (— the slide prints no number)
``label``     what the value is, for people (``"∂E/∂w3 (MADC's tanh example)"``); ``name``
              (``"tanh_regression.dE_dw3"``) is the key code and tests use
``E``         the slides' error ``½ Σ (ŷ − y)²``; ``eta`` the learning rate η
============  ===================================================================================
"""

from coursekit.slides._values import (
    CONSISTENT,
    EXACT,
    LEGEND,
    SYMBOLS,
    UNCHECKED,
    WRONG,
    SlideValue,
    slide_values,
    table_html,
)
from coursekit.slides.backprop import (
    chain_rule_graph,
    mazur_222,
    sigmoid_434_gradients,
    tanh_regression,
    update_table,
)
from coursekit.slides.cost import mse_table
from coursekit.slides.descent import convexity_example, epoch_batch_example
from coursekit.slides.forward import dogs_vs_cats, xor_relu_tables
from coursekit.slides.likelihood import (
    bce_examples,
    bce_log10_vs_ln,
    gravitational_waves,
    log_likelihood_example,
    r2_cases,
)
from coursekit.slides.overfitting import regularized_cost_example
from coursekit.slides.shallow import linear_collapse, parameter_count, relu_shallow_net

EXAMPLES = (mse_table, parameter_count, linear_collapse, relu_shallow_net, dogs_vs_cats,
            xor_relu_tables, bce_examples, log_likelihood_example, r2_cases, gravitational_waves,
            chain_rule_graph, sigmoid_434_gradients, tanh_regression, update_table, mazur_222,
            convexity_example, epoch_batch_example, regularized_cost_example)
"""Every example function, in course order."""


def all_examples() -> dict:
    """Run every example with its defaults: ``{function name: result dict}``."""
    return {example.__name__: example() for example in EXAMPLES}


def errata() -> list[SlideValue]:
    """Every :class:`SlideValue` whose printed value is wrong (state ``wrong``, ✗), each with its
    note. Values consistent with the slide's own rounding (≈) are not errata.

    >>> "tanh_regression.E" in [v.name for v in errata()]
    True
    """
    return [v for result in all_examples().values() for v in slide_values(result)
            if v.state == WRONG]


__all__ = [
    "CONSISTENT",
    "EXACT",
    "LEGEND",
    "SYMBOLS",
    "UNCHECKED",
    "WRONG",
    "SlideValue",
    "slide_values",
    "table_html",
    "chain_rule_graph",
    "mazur_222",
    "sigmoid_434_gradients",
    "tanh_regression",
    "update_table",
    "mse_table",
    "convexity_example",
    "epoch_batch_example",
    "regularized_cost_example",
    "dogs_vs_cats",
    "xor_relu_tables",
    "bce_examples",
    "bce_log10_vs_ln",
    "gravitational_waves",
    "log_likelihood_example",
    "r2_cases",
    "linear_collapse",
    "parameter_count",
    "relu_shallow_net",
    "EXAMPLES",
    "all_examples",
    "errata",
]
