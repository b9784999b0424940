"""Misconceptions of 05_backprop's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

CATALOGUE = {}
