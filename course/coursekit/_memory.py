"""Keep freed heap memory between training steps (glibc only).

A training step frees several ``(n_samples, n_hidden)`` temporaries at once. With glibc's default
settings the heap is then trimmed and the next step page-faults the same memory back in, which
costs more than the arithmetic: for a 2-64-1 network on 1,000 samples, ~470 page faults and
~1.3 ms per step instead of ~0.4 ms (``benchmarks/bench_training.py`` prints the faults).
After :func:`keep_freed_heap`, arrays under 32 MiB come from the heap and up to 64 MiB of freed
heap is kept for reuse. Set the environment variable ``COURSEKIT_DEFAULT_MALLOC=1`` to opt out.
"""

from __future__ import annotations

import ctypes
import os

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # from <malloc.h>
MMAP_THRESHOLD_BYTES = 32 << 20
TRIM_THRESHOLD_BYTES = 64 << 20


def keep_freed_heap() -> bool:
    """Raise glibc's mmap and trim thresholds for this process; return True if applied.

    Both must be set: any ``mallopt`` call switches off glibc's self-adjusting thresholds.
    Does nothing (returns False) where the C library is not glibc (macOS, Windows, musl) or when
    ``COURSEKIT_DEFAULT_MALLOC`` is set.
    """
    if os.environ.get("COURSEKIT_DEFAULT_MALLOC"):
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                    and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
    except (AttributeError, OSError, ValueError):  # no confstr (Windows), no glibc, no mallopt
        return False
