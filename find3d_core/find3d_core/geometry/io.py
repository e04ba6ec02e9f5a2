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

PCD_SUFFIXES = (".pcd",)
PLY_SUFFIXES = (".ply",)
NPZ_SUFFIXES = (".npz",)
TEXT_SUFFIXES = (".xyz", ".txt", ".csv")
SUFFIXES = PCD_SUFFIXES + PLY_SUFFIXES + NPZ_SUFFIXES + TEXT_SUFFIXES

_XYZ = ("x", "y", "z")
_PCD_NORMALS = ("normal_x", "normal_y", "normal_z")
_PLY_NORMALS = ("nx", "ny", "nz")
_PLY_RGB = ("red", "green", "blue")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names a label may not take: built-in fields of some format (and NPZ's aliases and metadata).
_RESERVED = frozenset(_XYZ + _PCD_NORMALS + _PLY_NORMALS + _PLY_RGB) | {
    "rgb", "rgba", "alpha", "xyz", "coord", "points", "color", "colors", "normal", "normals",
    "shape", "frame_id",
}


# --------------------------------------------------------------------------- public API


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
        payload = _pcd_bytes(cloud, extra, binary)
    elif suffix in PLY_SUFFIXES:
        payload = _ply_bytes(cloud, extra, binary, comments)
    elif suffix in NPZ_SUFFIXES:
        payload = _npz_bytes(cloud, extra)
    else:
        payload = _text_bytes(cloud, extra, delimiter="," if suffix == ".csv" else " ")
    write_bytes_atomic(path, payload)


# --------------------------------------------------------------------------- shared helpers


def _reader_for(path: Path) -> Callable[[Path], PointCloud]:
    suffix = path.suffix.lower()
    if suffix in PCD_SUFFIXES:
        return _read_pcd
    if suffix in PLY_SUFFIXES:
        return _read_ply
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


def _rgb_from_float(rgb: np.ndarray) -> np.ndarray:
    """Float colours in [0, 1] or [0, 255] to float32 [0, 1]."""
    rgb = np.asarray(rgb, dtype=np.float32)
    if rgb.size == 0:
        return rgb
    lo, hi = float(np.nanmin(rgb)), float(np.nanmax(rgb))
    if not np.isfinite(rgb).all() or lo < 0 or hi > 255:
        raise CloudError(f"colours must be finite and in [0, 1] or [0, 255]; got [{lo}, {hi}]")
    return rgb if hi <= 1.0 else rgb / np.float32(255)


def _rgb_from_any(rgb: np.ndarray) -> np.ndarray:
    """Integer colours are 0..255; float colours go through `_rgb_from_float`."""
    rgb = np.asarray(rgb)
    if rgb.dtype.kind in "iu":
        if rgb.size and (rgb.min() < 0 or rgb.max() > 255):
            raise CloudError(f"integer colours must be in 0..255; got [{rgb.min()}, {rgb.max()}]")
        return rgb.astype(np.float32) / np.float32(255)
    return _rgb_from_float(rgb)


def _rgb_to_u8(rgb: np.ndarray) -> np.ndarray:
    return np.round(np.clip(rgb, 0.0, 1.0) * 255).astype(np.uint8)


def _cloud_from_columns(
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


# --------------------------------------------------------------------------- LZF


def lzf_decompress(data: bytes, size: int) -> bytes:
    """Decompress an LZF block (liblzf format, as PCL's binary_compressed uses) to `size` bytes.

    Vectorised: a short Python loop finds token starts (one step per token, not per byte), then
    every output byte gets a pointer to the byte it copies (itself for literals), and pointer
    jumping (`src = src[src]`) resolves chains of back-references in O(log depth) numpy passes.
    """
    buf = np.frombuffer(data, dtype=np.uint8)
    n = len(buf)
    if size == 0 or n == 0:
        if n or size:
            raise CloudError(f"LZF block of {n} bytes cannot decode to {size} bytes")
        return b""
    ctrl_all = buf.astype(np.int32)
    # Token length in the input: literal run (ctrl < 32) = 1 + ctrl + 1 bytes; back-reference = 2,
    # or 3 when its length field is 7 (extended by a length byte).
    step = ctrl_all + 2
    step[ctrl_all >= 32] = 2
    step[ctrl_all >= 224] = 3
    steps = step.tolist()
    starts: list[int] = []
    add = starts.append
    ip = 0
    while ip < n:
        add(ip)
        ip += steps[ip]
    if ip != n:
        raise CloudError("LZF data is truncated (last token runs past the end)")

    idx = np.int32 if size < 2**31 - 1 else np.int64
    s = np.asarray(starts, dtype=idx)
    padded = np.concatenate([ctrl_all, np.zeros(2, np.int32)])
    ctrl, b1, b2 = padded[s], padded[s + 1], padded[s + 2]
    literal = ctrl < 32
    extended = ctrl >= 224
    length = np.where(literal, ctrl + 1, (ctrl >> 5) + 2 + np.where(extended, b1, 0)).astype(idx)
    offset = np.where(literal, 0, ((ctrl & 31) << 8) + np.where(extended, b2, b1) + 1).astype(idx)
    ends = np.cumsum(length, dtype=np.int64)
    if ends[-1] != size:
        raise CloudError(f"LZF data decodes to {int(ends[-1])} bytes, header says {size}")
    out_start = (ends - length).astype(idx)

    k = np.arange(size, dtype=idx)
    src = k - np.repeat(offset, length)  # literals point at themselves
    if src.min() < 0:
        raise CloudError("LZF data is corrupt (back-reference before the start)")
    in_pos = k + np.repeat(s + 1 - out_start, length)  # input byte of each literal output byte
    while True:
        nxt = src[src]
        if np.array_equal(nxt, src):
            break
        src = nxt
    return buf[in_pos[src]].tobytes()


# --------------------------------------------------------------------------- PCD

_PCD_TYPES = {("F", 4): "f4", ("F", 8): "f8", ("I", 1): "i1", ("I", 2): "i2", ("I", 4): "i4",
              ("I", 8): "i8", ("U", 1): "u1", ("U", 2): "u2", ("U", 4): "u4", ("U", 8): "u8"}


def _pcd_header(raw: bytes) -> tuple[dict[str, list[str]], int]:
    """Header keywords -> values, and the byte offset where the data starts."""
    header: dict[str, list[str]] = {}
    pos = 0
    while True:
        end = raw.find(b"\n", pos)
        if end < 0 or pos > 1 << 16:
            raise CloudError("PCD header has no DATA line (not a PCD file?)")
        line = raw[pos:end].decode("ascii").strip()
        pos = end + 1
        if not line or line.startswith("#"):
            continue
        key, *values = line.split()
        header[key.upper()] = values
        if key.upper() == "DATA":
            return header, pos


def _pcd_layout(header: dict[str, list[str]]) -> tuple[list[str], list[np.dtype], list[int], int, int, str]:
    """Fields, their dtypes and counts, width, height and the DATA kind, validated."""
    for key in ("FIELDS", "SIZE", "TYPE", "WIDTH", "DATA"):
        if key not in header:
            raise CloudError(f"PCD header lacks {key}")
    fields = header["FIELDS"]
    sizes = [int(v) for v in header["SIZE"]]
    types = [v.upper() for v in header["TYPE"]]
    counts = [int(v) for v in header.get("COUNT", ["1"] * len(fields))]
    if not len(fields) == len(sizes) == len(types) == len(counts):
        raise CloudError("PCD header FIELDS/SIZE/TYPE/COUNT have different lengths")
    dtypes = []
    for name, t, sz in zip(fields, types, sizes):
        if (t, sz) not in _PCD_TYPES:
            raise CloudError(f"PCD field {name!r} has unsupported TYPE {t} SIZE {sz}")
        dtypes.append(np.dtype("<" + _PCD_TYPES[(t, sz)]))
    width = int(header["WIDTH"][0])
    height = int(header.get("HEIGHT", ["1"])[0])
    points = int(header.get("POINTS", [str(width * height)])[0])
    if points != width * height:
        raise CloudError(f"PCD POINTS {points} != WIDTH*HEIGHT {width}*{height}")
    return fields, dtypes, counts, width, height, header["DATA"][0].lower()


def _read_pcd(path: Path) -> PointCloud:
    raw = path.read_bytes()
    header, pos = _pcd_header(raw)
    fields, dtypes, counts, width, height, kind = _pcd_layout(header)
    n = width * height
    if kind == "ascii":
        cols = _pcd_ascii_columns(raw[pos:], fields, dtypes, counts, n)
    elif kind == "binary":
        cols = _pcd_binary_columns(raw[pos:], fields, dtypes, counts, n)
    elif kind == "binary_compressed":
        cols = _pcd_compressed_columns(raw[pos:], fields, dtypes, counts, n)
    else:
        raise CloudError(f"PCD DATA {kind!r} is not ascii, binary or binary_compressed")
    cols.pop("_", None)  # PCL's padding field
    rgb = None
    for name in ("rgb", "rgba"):
        if name in cols:
            rgb = _unpack_rgb(cols.pop(name), name)
            break
    return _cloud_from_columns(cols, _XYZ, _PCD_NORMALS, rgb, (height, width))


def _unpack_rgb(packed: np.ndarray, name: str) -> np.ndarray:
    """PCL packs colour as 0x00RRGGBB (alpha in the top byte for rgba) in a float32 or uint32."""
    if packed.dtype.itemsize != 4 or packed.shape[1:] not in ((), (1,)):
        raise CloudError(f"PCD field {name!r} must be one 4-byte value per point")
    bits = np.ascontiguousarray(packed.reshape(-1)).view(np.uint32)
    rgb = np.stack([(bits >> 16) & 255, (bits >> 8) & 255, bits & 255], axis=1)
    return rgb.astype(np.float32) / np.float32(255)


def _pcd_binary_columns(
    data: bytes, fields: list[str], dtypes: list[np.dtype], counts: list[int], n: int
) -> dict[str, np.ndarray]:
    """Row-major records (array of structs)."""
    names = [f"{f}__{i}" for i, f in enumerate(fields)]  # '_' padding may repeat
    row = np.dtype([(nm, dt, (c,)) for nm, dt, c in zip(names, dtypes, counts)])
    need = n * row.itemsize
    if len(data) < need:
        raise CloudError(f"PCD binary data is truncated: {len(data)} bytes, need {need}")
    table = np.frombuffer(data, dtype=row, count=n)
    return {f: _native(table[nm]) for f, nm in zip(fields, names)}


def _pcd_compressed_columns(
    data: bytes, fields: list[str], dtypes: list[np.dtype], counts: list[int], n: int
) -> dict[str, np.ndarray]:
    """LZF block of column-major data (all x, then all y, ...)."""
    if len(data) < 8:
        raise CloudError("PCD binary_compressed data is truncated (no size header)")
    csize, usize = struct.unpack("<II", data[:8])
    if len(data) - 8 < csize:
        raise CloudError(f"PCD compressed data is truncated: {len(data) - 8} bytes, header says {csize}")
    need = n * sum(dt.itemsize * c for dt, c in zip(dtypes, counts))
    if usize != need:
        raise CloudError(f"PCD compressed block holds {usize} bytes, the fields need {need}")
    flat = lzf_decompress(data[8 : 8 + csize], usize)
    cols, off = {}, 0
    for f, dt, c in zip(fields, dtypes, counts):
        cols[f] = _native(np.frombuffer(flat, dtype=dt, count=n * c, offset=off).reshape(n, c))
        off += n * c * dt.itemsize
    return cols


def _pcd_ascii_columns(
    data: bytes, fields: list[str], dtypes: list[np.dtype], counts: list[int], n: int
) -> dict[str, np.ndarray]:
    """Whitespace-separated values, one point per line."""
    values = np.fromstring(data.decode("ascii"), dtype=np.float64, sep=" ") if data.strip() else np.zeros(0)
    width = sum(counts)
    if values.size != n * width:
        raise CloudError(f"PCD ascii data has {values.size} values, expected {n} points x {width}")
    values = values.reshape(n, width)
    cols, c0 = {}, 0
    for f, dt, c in zip(fields, dtypes, counts):
        block = values[:, c0 : c0 + c]
        c0 += c
        if f in ("rgb", "rgba") and dt.kind == "f":
            cols[f] = _ascii_packed_rgb(block)
        elif dt.kind == "f":
            cols[f] = _native(block.astype(dt))
        else:
            cols[f] = _native(np.round(block).astype(dt))
    return cols


def _ascii_packed_rgb(block: np.ndarray) -> np.ndarray:
    """A packed colour declared float: PCL writes the uint32 in ASCII, Open3D the float it aliases."""
    v = block.reshape(-1)
    as_int = np.isfinite(v) & (v == np.round(v)) & (np.abs(v) >= 1) & (v < 2**32)
    bits = np.where(as_int, v, 0).astype(np.uint32)
    bits[~as_int] = v[~as_int].astype(np.float32).view(np.uint32)
    return bits.reshape(-1, 1)


def _native(a: np.ndarray) -> np.ndarray:
    """A native-byte-order, contiguous copy with a trailing count of 1 squeezed."""
    a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))
    return a[:, 0] if a.ndim == 2 and a.shape[1] == 1 else a


def _pcd_type(dtype: np.dtype) -> tuple[str, int]:
    return {"f": "F", "i": "I", "u": "U"}[dtype.kind], dtype.itemsize


def _pcd_bytes(cloud: PointCloud, extra: dict[str, np.ndarray], binary: bool) -> bytes:
    n = len(cloud)
    cols: list[tuple[str, np.ndarray]] = [(k, cloud.xyz[:, i]) for i, k in enumerate(_XYZ)]
    if cloud.rgb is not None:
        u8 = _rgb_to_u8(cloud.rgb).astype(np.uint32)
        packed = (u8[:, 0] << 16) | (u8[:, 1] << 8) | u8[:, 2]
        # TYPE U: read right by PCL (rgb may be FLOAT32 or UINT32) and by Open3D, ASCII included.
        cols.append(("rgb", packed))
    if cloud.normals is not None:
        cols += [(k, cloud.normals[:, i]) for i, k in enumerate(_PCD_NORMALS)]
    cols += [(k, _narrow_int64(k, v, required=False)) for k, v in extra.items()]
    row = np.dtype([(k, v.dtype.newbyteorder("<"), v.shape[1:]) for k, v in cols])
    table = np.empty(n, dtype=row)
    for k, v in cols:
        table[k] = v
    h, w = cloud.shape if cloud.shape is not None else (1, n)
    types = [_pcd_type(v.dtype) for _, v in cols]
    header = (
        "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n"
        f"FIELDS {' '.join(k for k, _ in cols)}\n"
        f"SIZE {' '.join(str(s) for _, s in types)}\n"
        f"TYPE {' '.join(t for t, _ in types)}\n"
        f"COUNT {' '.join(str(v.shape[1] if v.ndim == 2 else 1) for _, v in cols)}\n"
        f"WIDTH {w}\nHEIGHT {h}\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS {n}\n"
        f"DATA {'binary' if binary else 'ascii'}\n"
    ).encode("ascii")
    if binary:
        return header + table.tobytes()
    # ASCII: floats with 9 significant digits, exact for float32.
    parts, fmts = [], []
    for _, v in cols:
        width = v.shape[1] if v.ndim == 2 else 1
        v = v.reshape(n, width)
        parts.append(v.astype(np.float64))
        fmts += ["%d" if v.dtype.kind in "iu" else "%.9g"] * width
    return header + _format_rows(np.concatenate(parts, axis=1), fmts, " ")


def _format_rows(values: np.ndarray, fmts: list[str], delimiter: str) -> bytes:
    text = io.StringIO()
    if len(values):
        np.savetxt(text, values, fmt=fmts, delimiter=delimiter)
    return text.getvalue().encode("ascii")


# --------------------------------------------------------------------------- PLY

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


def _read_ply(path: Path) -> PointCloud:
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
        cols = {p: _native(table[p]) for p, _ in props}
    rgb = None
    if all(k in cols for k in _PLY_RGB):
        rgb = _rgb_from_any(np.stack([cols[k] for k in _PLY_RGB], axis=1))
    return _cloud_from_columns(cols, _XYZ, _PLY_NORMALS, rgb, None, skip=_PLY_RGB + ("alpha",))


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


def _narrow_int64(name: str, v: np.ndarray, required: bool) -> np.ndarray:
    """64-bit integers as 32 bits when the values fit: PLY has no 64-bit type, older PCL none either."""
    if v.dtype.kind in "iu" and v.dtype.itemsize == 8:
        small = np.int32 if v.dtype.kind == "i" else np.uint32
        info = np.iinfo(small)
        if not v.size or (v.min() >= info.min and v.max() <= info.max):
            return v.astype(small)
        if required:
            raise CloudError(f"label {name!r} does not fit in 32 bits, which PLY needs")
    return v


def _ply_bytes(cloud: PointCloud, extra: dict[str, np.ndarray], binary: bool, comments: Sequence[str]) -> bytes:
    n = len(cloud)
    cols: list[tuple[str, np.ndarray]] = [(k, cloud.xyz[:, i]) for i, k in enumerate(_XYZ)]
    if cloud.normals is not None:
        cols += [(k, cloud.normals[:, i]) for i, k in enumerate(_PLY_NORMALS)]
    if cloud.rgb is not None:
        u8 = _rgb_to_u8(cloud.rgb)
        cols += [(k, u8[:, i]) for i, k in enumerate(_PLY_RGB)]
    for k, v in extra.items():
        if v.ndim != 1:
            raise CloudError(f"label {k!r} has {v.shape[1]} values per point; PLY stores one")
        cols.append((k, _narrow_int64(k, v, required=True)))
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
    return head + _format_rows(values, fmts, " ")


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
    rgb = _rgb_from_any(arrays.pop(rgb_key)) if rgb_key else None
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
    rgb = _rgb_from_float(values[:, 3:6]) if ncol >= 6 else None
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
    return _format_rows(values, ["%.9g"] * values.shape[1], delimiter)
