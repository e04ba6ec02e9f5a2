"""The one way find3d writes a file: atomically, durably and with the usual permissions.

Everything goes through a temporary file in the target's folder (so `os.replace` is a same-filesystem rename and
a reader sees the old file or the new one, never half of one), is flushed to disk before the rename (a crash
cannot leave an empty file under the final name), and is created with mode 0666 minus the process umask, like
`open(path, "w")`: `tempfile.mkstemp` would leave checkpoints and ONNX files readable by their owner only (0600).

This module sits below every subpackage and imports nothing from find3d.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_bytes_atomic"]


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a fresh temporary path next to `path`; when the block succeeds it is synced and renamed onto `path`.

    For libraries that write to a path themselves (safetensors, onnx, matplotlib, plotly). The temporary file
    already exists (empty, with umask permissions); a library that replaces it with a file of other permissions
    gets the usual ones back before the rename.
    On any exception the temporary file is removed and `path` is left as it was.
    """
    target = Path(path)
    tmp = _reserve(target)
    usual = stat.S_IMODE(tmp.stat().st_mode)  # 0666 & ~umask, applied by the kernel; no racy os.umask() query
    try:
        yield tmp
        if stat.S_IMODE(tmp.stat().st_mode) != usual:  # the library replaced our file (safetensors makes it 0600)
            os.chmod(tmp, usual)
        _sync(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically (see the module docstring)."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def _reserve(target: Path) -> Path:
    """Create an empty, unique temporary file beside `target` with permissions 0666 & ~umask."""
    while True:
        tmp = target.with_name(f"{target.name}.{secrets.token_hex(6)}.tmp")  # name first: cleanup globs ("shard-*.tar*") see leftovers
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the kernel applies the umask
        except FileExistsError:  # a 48-bit name collided; draw another
            continue
        os.close(fd)
        return tmp


def _sync(tmp: Path) -> None:
    """Flush the file's data to the disk before the rename makes it visible."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
