"""Misconceptions of 04_bce_derivation's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

CATALOGUE = {}
