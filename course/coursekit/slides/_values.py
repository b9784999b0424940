"""SlideValue: one number of a slide next to its recomputation, and how to show a table of them."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

BP, INTRO, MADC, PERC, MAZUR = "BP", "INTRO", "MADC", "PERC", "Mazur 2015"

_RTOL = 1e-7  # agreement required when the slide states a formula rather than rounded digits


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

    >>> SlideValue("demo.x", "PERC", "Funciones de costo", 50, 50.0, decimals=0).matches
    True
    """

    name: str
    deck: str
    slide: str
    printed: float | np.ndarray | None
    exact: float | np.ndarray
    note: str = ""
    decimals: int | None = None
    as_slide: float | np.ndarray | None = None

    def __post_init__(self):
        for field in ("printed", "exact", "as_slide"):
            value = getattr(self, field)
            if value is not None:
                array = np.asarray(value, dtype=np.float64)
                object.__setattr__(self, field, float(array) if array.ndim == 0 else array)

    @property
    def matches(self) -> bool:
        """Whether ``printed`` equals ``as_slide`` (or ``exact``) to the slide's precision."""
        if self.printed is None:
            return True
        reference = self.exact if self.as_slide is None else self.as_slide
        if self.decimals is None:
            return bool(np.allclose(self.printed, reference, rtol=_RTOL, atol=1e-12))
        half_unit = 0.5 * 10.0 ** -self.decimals * (1 + 1e-9)  # a printed tie (…5) still matches
        return bool(np.all(np.abs(np.subtract(self.printed, reference)) <= half_unit))

    def __str__(self) -> str:
        text = (f"{self.name} [{self.deck}: {self.slide}] slide {_fmt(self.printed)}"
                f"{'' if self.as_slide is None else ', as slide ' + _fmt(self.as_slide)}"
                f", exact {_fmt(self.exact)} {'ok' if self.matches else 'ERRATUM'}")
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


def table_html(values) -> str:
    """HTML table (slide, slide's value, its own arithmetic, exact, check) of SlideValues.

    Parameters
    ----------
    values : iterable of SlideValue, or an example's result dict
    """
    rows = []
    for v in slide_values(values) if isinstance(values, dict) else values:
        cells = [v.name, f"{v.deck}: {v.slide}", _fmt(v.printed), _fmt(v.as_slide),
                 _fmt(v.exact), "✓" if v.matches else "✗ " + v.note]
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in
                   ("value", "slide", "slide prints", "slide's arithmetic", "exact", "check"))
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def slide_values(result: dict) -> list[SlideValue]:
    """The :class:`SlideValue` entries of an example's result dict, in order."""
    return [v for v in result.values() if isinstance(v, SlideValue)]

