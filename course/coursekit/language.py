"""The language of coursekit's messages: English, or a translation from ``coursekit/locale/``.

A notebook of a translated edition says which in its setup cell (``use_language("es")``); the
grader says it for the course it grades. Messages are written in English and passed through
:func:`tr`, which looks them up in the language's gettext catalogue (``locale/<language>.po``,
read with Babel) and falls back to the English when it has no translation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LANGUAGES = ("en", "es")
LOCALE = Path(__file__).parent / "locale"

_current = "en"


def use_language(language: str) -> None:
    """Write coursekit's messages in ``language`` (one of :data:`LANGUAGES`) from now on."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"coursekit speaks {', '.join(LANGUAGES)}; got {language!r}")
    _current = language


def current() -> str:
    """The language coursekit's messages are written in."""
    return _current


@cache
def _translations(language: str) -> dict[str, str]:
    path = LOCALE / f"{language}.po"
    if language == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return {m.id: m.string for m in read_po(file) if m.id and m.string and not m.fuzzy}


def mark(english: str) -> str:
    """``english`` unchanged: marks a message kept in a constant, translated where it is shown
    (``tr(CONSTANT)``), so that the catalogue's extraction finds it."""
    return english


def tr(english: str) -> str:
    """``english`` in the current language (a format string stays one: translate, then format)."""
    return _translations(_current).get(english, english)
