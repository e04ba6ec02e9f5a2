"""PLY point clouds: ascii and binary (either byte order) vertex elements; other elements are skipped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.columns import (
    PLY_NORMALS,
    PLY_RGB,
    XYZ,
    cloud_from_columns,
    format_rows,
    narrow_int64,
    native,
    rgb_from_any,
    rgb_to_u8,
)

_PLY_TYPES = {"char": "i1", "int8": "i1", "uchar": "u1", "uint8": "u1", "short": "i2", "int16": "i2",
              "ushort": "u2", "uint16": "u2", "int": "i4", "int32": "i4", "uint": "u4", "uint32": "u4",
              "float": "f4", "float32": "f4", "double": "f8", "float64": "f8"}
_PLY_NAMES = {"i1": "char", "u1": "uchar", "i2": "short", "u2": "ushort", "i4": "int", "u4": "uint",
              "f4": "float", "f8": "double"}


def _ply_header(raw: bytes) -> tuple[str, list[tuple[str, int, list[tuple[str, str | None]]]], int]:
    """Format, elements as (name, count, [(property, type or None for lists)]), data offset."""
    if not raw.startswith(b"ply"):
        raise CloudError("not a PLY file (no 'ply' magic)")
    end = raw.find(b"end_header")
    if end < 0:
        raise CloudError("PLY header has no end_header")
    data_start = raw.find(b"\n", end) + 1
    if data_start == 0:
        raise CloudError("PLY file ends inside the header")
    fmt = ""
    elements: list[tuple[str, int, list[tuple[str, str | None]]]] = []
    for line in raw[:end].decode("ascii").splitlines()[1:]:
        words = line.split()
        if not words or words[0] in ("comment", "obj_info"):
            continue
        if words[0] == "format":
            fmt = words[1]
        elif words[0] == "element":
            elements.append((words[1], int(words[2]), []))
        elif words[0] == "property" and elements:
            if words[1] == "list":
                elements[-1][2].append((words[4], None))
            else:
                if words[1] not in _PLY_TYPES:
                    raise CloudError(f"PLY property {words[2]!r} has unknown type {words[1]!r}")
                elements[-1][2].append((words[2], _PLY_TYPES[words[1]]))
    if fmt not in ("ascii", "binary_little_endian", "binary_big_endian"):
        raise CloudError(f"PLY format {fmt!r} is not ascii or binary_little/big_endian")
    return fmt, elements, data_start


def read_ply(path: Path) -> PointCloud:
    raw = path.read_bytes()
    fmt, elements, pos = _ply_header(raw)
    names = [e[0] for e in elements]
    if "vertex" not in names:
        raise CloudError("PLY file has no vertex element")
    vi = names.index("vertex")
    _, n, props = elements[vi]
    if any(t is None for _, t in props):
        raise CloudError("PLY vertex element has list properties; not a point cloud")
    if fmt == "ascii":
        cols = _ply_ascii_vertices(raw[pos:], elements, vi)
    else:
        endian = "<" if fmt == "binary_little_endian" else ">"
        for name, count, before in elements[:vi]:
            if any(t is None for _, t in before):
                raise CloudError(f"binary PLY element {name!r} with lists precedes the vertices")
            pos += count * np.dtype([(p, endian + t) for p, t in before if t is not None]).itemsize
        row = np.dtype([(p, endian + t) for p, t in props if t is not None])  # no lists: checked above
        if len(raw) - pos < n * row.itemsize:
            raise CloudError(f"PLY vertex data is truncated: need {n * row.itemsize} bytes")
        table = np.frombuffer(raw, dtype=row, count=n, offset=pos)
        cols = {p: native(table[p]) for p, _ in props}
    rgb = None
    if all(k in cols for k in PLY_RGB):
        rgb = rgb_from_any(np.stack([cols[k] for k in PLY_RGB], axis=1))
    return cloud_from_columns(cols, XYZ, PLY_NORMALS, rgb, None, skip=PLY_RGB + ("alpha",))


def _ply_ascii_vertices(data: bytes, elements: list[tuple[str, int, list[tuple[str, str | None]]]], vi: int) -> dict[str, np.ndarray]:
    """Vertex lines of an ASCII PLY; lines of elements before them are skipped."""
    skip = sum(count for _, count, _ in elements[:vi])
    _, n, props = elements[vi]
    lines = data.split(b"\n", skip + n)
    if len(lines) < skip + n:
        raise CloudError(f"PLY ascii data is truncated: fewer than {skip + n} lines")
    text = b" ".join(lines[skip : skip + n]).decode("ascii")
    values = np.fromstring(text, dtype=np.float64, sep=" ") if text.strip() else np.zeros(0)
    if values.size != n * len(props):
        raise CloudError(f"PLY ascii vertices have {values.size} values, expected {n} x {len(props)}")
    values = values.reshape(n, len(props))
    return {p: values[:, i].astype(t) for i, (p, t) in enumerate(props)}


def ply_bytes(cloud: PointCloud, extra: dict[str, np.ndarray], binary: bool, comments: Sequence[str]) -> bytes:
    n = len(cloud)
    cols: list[tuple[str, np.ndarray]] = [(k, cloud.xyz[:, i]) for i, k in enumerate(XYZ)]
    if cloud.normals is not None:
        cols += [(k, cloud.normals[:, i]) for i, k in enumerate(PLY_NORMALS)]
    if cloud.rgb is not None:
        u8 = rgb_to_u8(cloud.rgb)
        cols += [(k, u8[:, i]) for i, k in enumerate(PLY_RGB)]
    for k, v in extra.items():
        if v.ndim != 1:
            raise CloudError(f"label {k!r} has {v.shape[1]} values per point; PLY stores one")
        cols.append((k, narrow_int64(k, v, required=True)))
    fmt = "binary_little_endian" if binary else "ascii"
    lines = "".join(f"comment {line}\n" for line in ("written by find3d", *comments))
    header = f"ply\nformat {fmt} 1.0\n{lines}element vertex {n}\n"
    header += "".join(f"property {_PLY_NAMES[v.dtype.str[1:]]} {k}\n" for k, v in cols)
    head = (header + "end_header\n").encode("ascii")
    if binary:
        table = np.empty(n, dtype=[(k, v.dtype.newbyteorder("<")) for k, v in cols])
        for k, v in cols:
            table[k] = v
        return head + table.tobytes()
    fmts = ["%d" if v.dtype.kind in "iu" else "%.9g" for _, v in cols]
    values = np.stack([v.astype(np.float64) for _, v in cols], axis=1)
    return head + format_rows(values, fmts, " ")
