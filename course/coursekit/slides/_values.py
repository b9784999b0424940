"""SlideValue: one number of a slide next to its recomputation, its check state, and how to show a
table of them.

Every checked value is in one of three states (:attr:`SlideValue.state`):

==========  ===  ================================================================================
state       row  meaning
==========  ===  ================================================================================
exact       ✓    the slide's value equals the exact value at the slide's precision
consistent  ≈    it follows from the slide's own rounded (or cut) numbers, not from the exact ones
wrong       ✗    neither: an erratum, explained in the value's note
==========  ===  ================================================================================

A value the slide does not print (``printed`` is ``None``, e.g. read off a missing figure) is
``unchecked`` (—): recomputed, with nothing to compare.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from coursekit.language import mark, tr

BP, INTRO, MADC, PERC, MAZUR = "BP", "INTRO", "MADC", "PERC", "Mazur 2015"

_RTOL = 1e-7  # agreement required when the slide states a formula rather than rounded digits

EXACT, CONSISTENT, WRONG, UNCHECKED = "exact", "consistent", "wrong", "unchecked"
SYMBOLS = {EXACT: "✓", CONSISTENT: "≈", WRONG: "✗", UNCHECKED: "—"}
"""The check column's symbol of each state."""
STATE_NAMES = {EXACT: mark("exact"), CONSISTENT: mark("consistent"), WRONG: mark("wrong"),
               UNCHECKED: mark("unchecked")}
"""Each state as a reader reads it (translated where shown)."""
LEGEND = mark("✓ exact: the slide's value equals the exact value at the slide's precision · "
              "≈ consistent with the slide's own rounding: it follows from the slide's rounded "
              "(or cut) numbers, not from the exact ones · ✗ wrong: see the note")
"""The one-line legend under every table of :func:`table_html` (shown translated)."""
LEGEND_UNCHECKED = mark(" · — the slide prints no number here: recomputed only")
"""Added to :data:`LEGEND` when a table has unchecked rows."""


@dataclass(frozen=True, eq=False)
class SlideValue:
    """One number (or array) of a slide next to its recomputation.

    Parameters
    ----------
    name : str
        Unique name, ``"<example>.<key>"``.
    deck : str
        ``"BP"``, ``"INTRO"``, ``"MADC"``, ``"PERC"`` or ``"Mazur 2015"``.
    slide : str
        The slide's title as printed (Spanish).
    printed : float, ndarray or None
        The slide's number, or its formula evaluated as written; ``None`` if it states none.
    exact : float or ndarray
        Full float64 recomputation.
    note : str
        Erratum (the slide's value, the correct value, why); ``""`` when the slide is right.
    decimals : int or None
        Decimals the slide prints; ``None`` compares with relative tolerance 1e-7.
    as_slide : float, ndarray or None
        The slide's arithmetic redone with its rounded intermediates, when it rounds.
    label : str
        What the value is, for people: ``"∂E/∂w3 (MADC's tanh example)"``. Tables show it;
        ``name`` stays the key that code and tests use.

    >>> v = SlideValue("demo.x", "PERC", "Funciones de costo", 50, 50.0, decimals=0)
    >>> v.state, v.symbol, v.matches
    ('exact', '✓', True)
    >>> SlideValue("demo.g", "MADC", "s", -0.0594, -0.0630, decimals=4, as_slide=-0.0594).state
    'consistent'
    """

    name: str
    deck: str
    slide: str
    printed: float | np.ndarray | None
    exact: float | np.ndarray
    note: str = ""
    decimals: int | None = None
    as_slide: float | np.ndarray | None = None
    label: str = ""

    def __post_init__(self):
        for field in ("printed", "exact", "as_slide"):
            value = getattr(self, field)
            if value is not None:
                array = np.asarray(value, dtype=np.float64)
                object.__setattr__(self, field, float(array) if array.ndim == 0 else array)

    def _agrees(self, reference, cut: bool = False) -> bool:
        """Whether ``printed`` is ``reference`` rounded (or, with ``cut``, truncated) to the
        slide's decimals; with ``decimals=None``, equal within a relative 1e-7."""
        if self.decimals is None:
            return bool(np.allclose(self.printed, reference, rtol=_RTOL, atol=1e-12))
        unit = 10.0 ** -self.decimals
        if cut:  # the slide dropped the digits after the last one it prints
            cut_value = np.trunc(np.asarray(reference) / unit * (1 + 1e-12)) * unit
            return bool(np.all(np.abs(np.subtract(self.printed, cut_value)) <= 1e-9 * unit))
        half_unit = 0.5 * unit * (1 + 1e-9)  # a printed tie (…5) agrees either way
        return bool(np.all(np.abs(np.subtract(self.printed, reference)) <= half_unit))

    @property
    def state(self) -> str:
        """``"exact"`` (✓), ``"consistent"`` (≈), ``"wrong"`` (✗) or ``"unchecked"`` (—).

        exact: ``printed`` is ``exact`` at the slide's precision. consistent: it is not, but it
        is the slide's own arithmetic (``as_slide``) rounded or cut to the printed decimals, or
        ``exact`` cut. wrong: neither. unchecked: the slide prints nothing here.
        """
        if self.printed is None:
            return UNCHECKED
        if self._agrees(self.exact):
            return EXACT
        own = [] if self.as_slide is None else [self.as_slide]
        if any(self._agrees(r) for r in own):
            return CONSISTENT
        if self.decimals is not None and any(self._agrees(r, cut=True)
                                             for r in [*own, self.exact]):
            return CONSISTENT
        return WRONG

    @property
    def symbol(self) -> str:
        """The check column's symbol: ✓, ≈, ✗ or —."""
        return SYMBOLS[self.state]

    @property
    def matches(self) -> bool:
        """Whether the slide's value is not wrong (exact, consistent or unchecked)."""
        return self.state != WRONG

    @property
    def row_label(self) -> str:
        """``label`` if set, else ``name``."""
        return self.label or self.name

    def __str__(self) -> str:
        as_slide = ("" if self.as_slide is None else
                    ", " + tr("as slide {value}").format(value=_fmt(self.as_slide)))
        text = (f"{self.row_label} [{self.name}; {self.deck}: {self.slide}] "
                + tr("slide {value}").format(value=_fmt(self.printed)) + as_slide + ", "
                + tr("exact {value}").format(value=_fmt(self.exact))
                + f": {self.symbol} {tr(STATE_NAMES[self.state])}")
        return text + (f"\n  {self.note}" if self.note else "")

    def _repr_html_(self) -> str:
        return table_html([self])


def _fmt(value) -> str:
    if value is None:
        return "—"
    if np.ndim(value) == 0:
        return f"{value:.10g}"
    return np.array2string(np.asarray(value), precision=10, separator=", ",
                           floatmode="maxprec", suppress_small=True)


HEADINGS = (mark("value"), mark("slide"), mark("slide prints"), mark("slide's arithmetic"),
            mark("exact"), mark("check"))
"""The columns of :func:`table_html` (shown translated)."""


def table_html(values) -> str:
    """HTML table (value, slide, slide's value, its own arithmetic, exact, check) of SlideValues,
    with the one-line :data:`LEGEND` under it.

    Rows show each value's ``label`` (its ``name`` on hover); the check column shows the state's
    symbol (✓ exact, ≈ consistent with the slide's own rounding, ✗ wrong, — unchecked) and the
    note, if any.

    Parameters
    ----------
    values : iterable of SlideValue, or an example's result dict
    """
    values = slide_values(values) if isinstance(values, dict) else list(values)
    rows = []
    for v in values:
        cells = [f"{v.deck}: {v.slide}", _fmt(v.printed), _fmt(v.as_slide), _fmt(v.exact),
                 f"{v.symbol} {v.note}".strip()]
        rows.append(f'<tr><td title="{html.escape(v.name)}">{html.escape(v.row_label)}</td>'
                    + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{tr(h)}</th>" for h in HEADINGS)
    legend = tr(LEGEND) + (tr(LEGEND_UNCHECKED) if any(v.state == UNCHECKED for v in values)
                           else "")
    return (f"<table><tr>{head}</tr>{''.join(rows)}</table>"
            f'<p class="slide-check-legend"><small>{html.escape(legend)}</small></p>')


def slide_values(result: dict) -> list[SlideValue]:
    """The :class:`SlideValue` entries of an example's result dict, in order."""
    return [v for v in result.values() if isinstance(v, SlideValue)]

