"""The language of coursekit's messages: English, or a translation from ``coursekit/locale/``.

A notebook of a translated edition says which in its setup cell (``use_language("es")``); the
grader says it for the course it grades. Messages are written in English and passed through
:func:`tr`, which looks them up in the language's gettext catalogue (``locale/<language>.po``,
read with Babel) and falls back to the English when it has no translation.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "es")
LOCALE = Path(__file__).parent / "locale"

_current = "en"
_folders = [LOCALE]  # where the catalogues are: coursekit's, then any added


def use_language(language: str) -> None:
    """Write coursekit's messages in ``language`` (one of :data:`LANGUAGES`) from now on."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"coursekit speaks {', '.join(LANGUAGES)}; got {language!r}")
    _current = language


@contextmanager
def speaking(language: str):
    """``with speaking("es"): ...``: coursekit's messages in ``language`` inside the block."""
    before = _current
    use_language(language)
    try:
        yield
    finally:
        use_language(before)


def current() -> str:
    """The language coursekit's messages are written in."""
    return _current


def add_catalogues(folder: Path) -> None:
    """Translate also with the catalogues in ``folder`` (``<language>.po``): a package that
    shows coursekit's messages beside its own (the grader's feedback and reports)."""
    if folder not in _folders:
        _folders.append(folder)
        _translations.cache_clear()


@cache
def _translations(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    from babel.messages.pofile import read_po

    found = {}
    for path in (folder / f"{language}.po" for folder in _folders):
        if path.is_file():
            with path.open("rb") as file:
                found.update({m.id: m.string for m in read_po(file)
                              if m.id and m.string and not m.fuzzy})
    return found


def mark(english: str) -> str:
    """``english`` unchanged: marks a message kept in a constant, translated where it is shown
    (``tr(CONSTANT)``), so that the catalogue's extraction finds it."""
    return english


def tr(english: str) -> str:
    """``english`` in the current language (a format string stays one: translate, then format)."""
    return _translations(_current).get(english, english)
