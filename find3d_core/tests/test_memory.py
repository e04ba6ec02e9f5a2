"""Pinning glibc's mmap threshold (long-running processes with varying tensor sizes)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from find3d_core.memory import pin_mmap_threshold


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_threshold_is_pinned_on_glibc():
    assert pin_mmap_threshold() is True


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_freed_large_blocks_go_back_to_the_system_after_pinning():
    # Without pinning, freeing a 1 MB block raises glibc's threshold and the next 1 MB blocks stay on the heap after
    # free; pinned, each is an mmap that returns on free. Measured in a fresh process, as RSS is process-wide.
    probe = """
import ctypes, resource, sys
from find3d_core.memory import pin_mmap_threshold
if sys.argv[1] == "pin":
    pin_mmap_threshold()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
libc.free(libc.malloc(1 << 20))  # raises the dynamic threshold above 1 MB unless pinned
before = rss()
blocks = [libc.malloc(1 << 20) for _ in range(200)]
for b in blocks:
    ctypes.memset(b, 1, 1 << 20)
for b in blocks[:-1]:
    libc.free(b)  # the last one keeps heap blocks below it from being trimmed
print(rss() - before)
"""
    kept = {mode: int(subprocess.check_output([sys.executable, "-c", probe, mode], text=True)) for mode in ("pin", "no")}
    assert kept["pin"] < 20 << 20 < 100 << 20 < kept["no"]
