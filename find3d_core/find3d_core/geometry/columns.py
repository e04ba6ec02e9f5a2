"""Per-point columns shared by the PCD and PLY codecs: field names, colour conversions, dtypes, text rows."""

from __future__ import annotations

import io

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud

XYZ = ("x", "y", "z")
PCD_NORMALS = ("normal_x", "normal_y", "normal_z")
PLY_NORMALS = ("nx", "ny", "nz")
PLY_RGB = ("red", "green", "blue")


def rgb_from_float(rgb: np.ndarray) -> np.ndarray:
    """Float colours in [0, 1] or [0, 255] to float32 [0, 1]."""
    rgb = np.asarray(rgb, dtype=np.float32)
    if rgb.size == 0:
        return rgb
    lo, hi = float(np.nanmin(rgb)), float(np.nanmax(rgb))
    if not np.isfinite(rgb).all() or lo < 0 or hi > 255:
        raise CloudError(f"colours must be finite and in [0, 1] or [0, 255]; got [{lo}, {hi}]")
    return rgb if hi <= 1.0 else rgb / np.float32(255)


def rgb_from_any(rgb: np.ndarray) -> np.ndarray:
    """Integer colours are 0..255; float colours go through `rgb_from_float`."""
    rgb = np.asarray(rgb)
    if rgb.dtype.kind in "iu":
        if rgb.size and (rgb.min() < 0 or rgb.max() > 255):
            raise CloudError(f"integer colours must be in 0..255; got [{rgb.min()}, {rgb.max()}]")
        return rgb.astype(np.float32) / np.float32(255)
    return rgb_from_float(rgb)


def rgb_to_u8(rgb: np.ndarray) -> np.ndarray:
    return np.round(np.clip(rgb, 0.0, 1.0) * 255).astype(np.uint8)


def cloud_from_columns(
    cols: dict[str, np.ndarray],
    xyz_names: tuple[str, ...],
    normal_names: tuple[str, ...],
    rgb: np.ndarray | None,
    shape: tuple[int, int] | None,
    skip: tuple[str, ...] = (),
) -> PointCloud:
    """Assemble a PointCloud from named per-point columns; unknown columns go to `extra`."""
    missing = [k for k in xyz_names if k not in cols]
    if missing:
        raise CloudError(f"no {'/'.join(missing)} field; found {', '.join(cols) or 'none'}")
    xyz = np.stack([cols[k].reshape(-1) for k in xyz_names], axis=1)
    normals = None
    if all(k in cols for k in normal_names):
        normals = np.stack([cols[k].reshape(-1) for k in normal_names], axis=1)
    known = set(xyz_names) | set(normal_names) | set(skip)
    extra = {k: v for k, v in cols.items() if k not in known}
    if shape is not None and shape[0] <= 1:
        shape = None
    return PointCloud(xyz=xyz, rgb=rgb, normals=normals, shape=shape, extra=extra)


def native(a: np.ndarray) -> np.ndarray:
    """A native-byte-order, contiguous copy with a trailing count of 1 squeezed."""
    a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))
    return a[:, 0] if a.ndim == 2 and a.shape[1] == 1 else a


def narrow_int64(name: str, v: np.ndarray, required: bool) -> np.ndarray:
    """64-bit integers as 32 bits when the values fit: PLY has no 64-bit type, older PCL none either."""
    if v.dtype.kind in "iu" and v.dtype.itemsize == 8:
        small = np.int32 if v.dtype.kind == "i" else np.uint32
        info = np.iinfo(small)
        if not v.size or (v.min() >= info.min and v.max() <= info.max):
            return v.astype(small)
        if required:
            raise CloudError(f"label {name!r} does not fit in 32 bits, which PLY needs")
    return v


def format_rows(values: np.ndarray, fmts: list[str], delimiter: str) -> bytes:
    text = io.StringIO()
    if len(values):
        np.savetxt(text, values, fmt=fmts, delimiter=delimiter)
    return text.getvalue().encode("ascii")
