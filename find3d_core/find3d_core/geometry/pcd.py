"""PCD (PCL's format): ascii, binary and binary_compressed (LZF) reading, ascii and binary writing."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.columns import (
    PCD_NORMALS,
    XYZ,
    cloud_from_columns,
    format_rows,
    narrow_int64,
    native,
    rgb_to_u8,
)


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


def read_pcd(path: Path) -> PointCloud:
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
    return cloud_from_columns(cols, XYZ, PCD_NORMALS, rgb, (height, width))


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
    return {f: native(table[nm]) for f, nm in zip(fields, names)}


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
        cols[f] = native(np.frombuffer(flat, dtype=dt, count=n * c, offset=off).reshape(n, c))
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
            cols[f] = native(block.astype(dt))
        else:
            cols[f] = native(np.round(block).astype(dt))
    return cols


def _ascii_packed_rgb(block: np.ndarray) -> np.ndarray:
    """A packed colour declared float: PCL writes the uint32 in ASCII, Open3D the float it aliases."""
    v = block.reshape(-1)
    as_int = np.isfinite(v) & (v == np.round(v)) & (np.abs(v) >= 1) & (v < 2**32)
    bits = np.where(as_int, v, 0).astype(np.uint32)
    bits[~as_int] = v[~as_int].astype(np.float32).view(np.uint32)
    return bits.reshape(-1, 1)


def _pcd_type(dtype: np.dtype) -> tuple[str, int]:
    return {"f": "F", "i": "I", "u": "U"}[dtype.kind], dtype.itemsize


def pcd_bytes(cloud: PointCloud, extra: dict[str, np.ndarray], binary: bool) -> bytes:
    n = len(cloud)
    cols: list[tuple[str, np.ndarray]] = [(k, cloud.xyz[:, i]) for i, k in enumerate(XYZ)]
    if cloud.rgb is not None:
        u8 = rgb_to_u8(cloud.rgb).astype(np.uint32)
        packed = (u8[:, 0] << 16) | (u8[:, 1] << 8) | u8[:, 2]
        # TYPE U: read right by PCL (rgb may be FLOAT32 or UINT32) and by Open3D, ASCII included.
        cols.append(("rgb", packed))
    if cloud.normals is not None:
        cols += [(k, cloud.normals[:, i]) for i, k in enumerate(PCD_NORMALS)]
    cols += [(k, narrow_int64(k, v, required=False)) for k, v in extra.items()]
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
    return header + format_rows(np.concatenate(parts, axis=1), fmts, " ")
