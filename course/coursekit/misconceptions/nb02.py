"""Misconceptions of 02_activations's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

CATALOGUE = {}
