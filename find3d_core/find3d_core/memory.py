"""Keep a long-running process's memory flat when every frame or batch has a different size.

glibc serves large blocks with mmap (returned to the system on free) but raises its mmap threshold each time such a
block is freed, up to 32 MB; after that, tensors of varying size are carved out of the heap, which fragments and
never shrinks. A training run grew from 3.9 to 6.0 GB resident in 100 steps that way; with the threshold pinned it
stays near 2 GB (docs/benchmarks.md). Pinning it is what MALLOC_MMAP_THRESHOLD_ does, applied from inside.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)
M_MMAP_THRESHOLD = -3  # mallopt parameter number, glibc's malloc.h
DEFAULT_THRESHOLD = 128 * 1024  # glibc's own starting value


def pin_mmap_threshold(threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Fix glibc's mmap threshold (no-op elsewhere). True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and other libcs without mallopt
        log.debug("no glibc mallopt: mmap threshold left alone")
        return False
    return bool(mallopt(ctypes.c_int(M_MMAP_THRESHOLD), ctypes.c_int(threshold)))
