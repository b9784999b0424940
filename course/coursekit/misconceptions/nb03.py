"""Misconceptions of 03_forward_pass's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

CATALOGUE = {}
