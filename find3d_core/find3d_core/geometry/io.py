"""Read and write point clouds: PCD, PLY, NPZ and XYZ/TXT, chosen by file extension.

`read_cloud` returns a `PointCloud`; fields other than xyz / colour / normals (a label, a score,
a curvature) land in `cloud.extra`. `write_cloud` writes xyz, colour, normals, `cloud.extra` and
any `labels` given, atomically (a temp file in the same folder, then `os.replace`).

Colours are stored as float32 in [0, 1]. On disk, 8-bit colours are divided by 255; float
colours are taken as [0, 1] when their maximum is <= 1 and as [0, 255] otherwise.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Callable, Container, Sequence
from pathlib import Path

import numpy as np

from find3d_core.atomic import write_bytes_atomic
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.columns import (
    PCD_NORMALS,
    PLY_NORMALS,
    PLY_RGB,
    XYZ,
    format_rows,
    rgb_from_any,
    rgb_from_float,
)
from find3d_core.geometry.pcd import lzf_decompress, pcd_bytes, read_pcd
from find3d_core.geometry.ply import ply_bytes, read_ply

__all__ = ["SUFFIXES", "lzf_decompress", "read_cloud", "write_cloud"]

PCD_SUFFIXES = (".pcd",)
PLY_SUFFIXES = (".ply",)
NPZ_SUFFIXES = (".npz",)
TEXT_SUFFIXES = (".xyz", ".txt", ".csv")
SUFFIXES = PCD_SUFFIXES + PLY_SUFFIXES + NPZ_SUFFIXES + TEXT_SUFFIXES

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names a label may not take: built-in fields of some format (and NPZ's aliases and metadata).
_RESERVED = frozenset(XYZ + PCD_NORMALS + PLY_NORMALS + PLY_RGB) | {
    "rgb", "rgba", "alpha", "xyz", "coord", "points", "color", "colors", "normal", "normals",
    "shape", "frame_id",
}


def read_cloud(path: str | os.PathLike[str]) -> PointCloud:
    """Read a point cloud; the format follows the extension (.pcd .ply .npz .xyz .txt .csv)."""
    path = Path(path)
    reader = _reader_for(path)
    if not path.is_file():
        raise CloudError(f"{path}: no such file")
    try:
        return reader(path)
    except CloudError as exc:
        raise CloudError(f"{path}: {exc}") from None
    except (ValueError, struct.error, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
        raise CloudError(f"{path}: corrupt or unsupported file ({exc})") from exc


def write_cloud(
    path: str | os.PathLike[str],
    cloud: PointCloud,
    labels: dict[str, np.ndarray] | None = None,
    binary: bool = True,
    comments: Sequence[str] = (),
) -> None:
    """Write `cloud` (plus `cloud.extra` and `labels`, one value or row per point) to `path`.

    `binary=False` writes ASCII PCD/PLY; NPZ is always binary and XYZ/TXT always text. `comments` (one line each)
    go into a PLY header, e.g. what each label value means; other formats refuse them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CloudError(f"{path}: unknown extension {suffix!r}; use one of {', '.join(SUFFIXES)}")
    if not path.parent.is_dir():
        raise CloudError(f"{path}: folder {path.parent} does not exist")
    extra = _checked_labels({**cloud.extra, **(labels or {})}, len(cloud))
    if comments and suffix not in PLY_SUFFIXES:
        raise CloudError(f"{path}: header comments need a .ply file")
    if any("\n" in line or "\r" in line for line in comments):
        raise CloudError("a header comment must be one line")
    if suffix in PCD_SUFFIXES:
        payload = pcd_bytes(cloud, extra, binary)
    elif suffix in PLY_SUFFIXES:
        payload = ply_bytes(cloud, extra, binary, comments)
    elif suffix in NPZ_SUFFIXES:
        payload = _npz_bytes(cloud, extra)
    else:
        payload = _text_bytes(cloud, extra, delimiter="," if suffix == ".csv" else " ")
    write_bytes_atomic(path, payload)


def _reader_for(path: Path) -> Callable[[Path], PointCloud]:
    suffix = path.suffix.lower()
    if suffix in PCD_SUFFIXES:
        return read_pcd
    if suffix in PLY_SUFFIXES:
        return read_ply
    if suffix in NPZ_SUFFIXES:
        return _read_npz
    if suffix in TEXT_SUFFIXES:
        return _read_text
    raise CloudError(f"{path}: unknown extension {suffix!r}; use one of {', '.join(SUFFIXES)}")


def _checked_labels(labels: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Per-point arrays to write: a plain name, (n,) or (n, k), numeric or bool."""
    out = {}
    for name, value in labels.items():
        value = np.asarray(value)
        if not _NAME.match(name):
            raise CloudError(f"label name {name!r} must be letters, digits and _")
        if name in _RESERVED:
            raise CloudError(f"label name {name!r} clashes with a built-in field")
        if value.ndim not in (1, 2) or len(value) != n:
            raise CloudError(f"label {name!r} has shape {value.shape}; expected ({n},) or ({n}, k)")
        if value.dtype == bool:
            value = value.astype(np.uint8)
        if value.dtype.kind not in "iuf":
            raise CloudError(f"label {name!r} has dtype {value.dtype}; expected numbers")
        out[name] = value
    return out


# --------------------------------------------------------------------------- NPZ

_NPZ_XYZ = ("xyz", "coord", "points")
_NPZ_RGB = ("rgb", "color", "colors")
_NPZ_NORMALS = ("normal", "normals")


def _first_key(keys: Container[str], options: tuple[str, ...]) -> str | None:
    return next((k for k in options if k in keys), None)


def _read_npz(path: Path) -> PointCloud:
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    xyz_key = _first_key(arrays, _NPZ_XYZ)
    if xyz_key is None:
        raise CloudError(f"NPZ has no point array ({'/'.join(_NPZ_XYZ)}); keys: {', '.join(arrays)}")
    xyz = arrays.pop(xyz_key)
    if xyz.ndim != 2 or xyz.shape[1] != 3:
        raise CloudError(f"NPZ {xyz_key!r} has shape {xyz.shape}; expected (N, 3)")
    n = len(xyz)
    rgb_key, normal_key = _first_key(arrays, _NPZ_RGB), _first_key(arrays, _NPZ_NORMALS)
    rgb = rgb_from_any(arrays.pop(rgb_key)) if rgb_key else None
    normals = arrays.pop(normal_key) if normal_key else None
    dims = [int(v) for v in arrays.pop("shape")] if "shape" in arrays else None
    if dims is not None and len(dims) != 2:
        raise CloudError(f"NPZ 'shape' must be (height, width); got {dims}")
    shape = None if dims is None else (dims[0], dims[1])
    frame_id = str(arrays.pop("frame_id")) if "frame_id" in arrays else ""
    # Other arrays with one row per point are per-point fields; anything else is not ours.
    extra = {k: v for k, v in arrays.items() if v.ndim in (1, 2) and len(v) == n}
    return PointCloud(xyz=xyz, rgb=rgb, normals=normals, shape=shape, frame_id=frame_id, extra=extra)


def _npz_bytes(cloud: PointCloud, extra: dict[str, np.ndarray]) -> bytes:
    arrays = {"xyz": cloud.xyz, **extra}
    if cloud.rgb is not None:
        arrays["rgb"] = cloud.rgb
    if cloud.normals is not None:
        arrays["normal"] = cloud.normals
    if cloud.shape is not None:
        arrays["shape"] = np.asarray(cloud.shape, dtype=np.int64)
    if cloud.frame_id:
        arrays["frame_id"] = np.asarray(cloud.frame_id)
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **arrays)
    return buf.getvalue()


# --------------------------------------------------------------------------- XYZ / TXT / CSV


def _read_text(path: Path) -> PointCloud:
    """Columns: 3 (xyz), 6 (xyz rgb) or 9 (xyz rgb normals); '#' starts a comment."""
    with open(path, encoding="ascii") as f:
        first = next((ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")), "")
    if not first:
        return PointCloud(xyz=np.zeros((0, 3), np.float32))
    delimiter = "," if "," in first else None
    values = np.loadtxt(path, dtype=np.float64, comments="#", delimiter=delimiter, ndmin=2)
    ncol = values.shape[1]
    if ncol not in (3, 6, 9):
        raise CloudError(f"{ncol} columns; expected 3 (xyz), 6 (xyz rgb) or 9 (xyz rgb normals)")
    rgb = rgb_from_float(values[:, 3:6]) if ncol >= 6 else None
    normals = values[:, 6:9] if ncol == 9 else None
    return PointCloud(xyz=values[:, :3], rgb=rgb, normals=normals)


def _text_bytes(cloud: PointCloud, extra: dict[str, np.ndarray], delimiter: str) -> bytes:
    if extra:
        raise CloudError(f"XYZ/TXT cannot store labels ({', '.join(extra)}); use .pcd, .ply or .npz")
    parts = [cloud.xyz]
    if cloud.normals is not None and cloud.rgb is None:
        raise CloudError("XYZ/TXT stores normals only after colours (9 columns); use .pcd, .ply or .npz")
    if cloud.rgb is not None:
        parts.append(cloud.rgb)
    if cloud.normals is not None:
        parts.append(cloud.normals)
    values = np.concatenate(parts, axis=1).astype(np.float64)
    return format_rows(values, ["%.9g"] * values.shape[1], delimiter)
