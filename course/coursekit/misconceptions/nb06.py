"""Misconceptions of 06_gradient_descent's exercises (see :mod:`coursekit.misconceptions`)."""

from __future__ import annotations

CATALOGUE = {}
