"""sensor_msgs/PointCloud2 <-> numpy / PointCloud, vectorised (no Python loop over points).

Reading goes through a numpy structured dtype built from the message's own PointField list, point_step,
row_step and is_bigendian, laid over `msg.data` without copying; only the columns find3d uses are copied
out. Organized clouds (height > 1) keep every row, invalid ones included, so row i of the PointCloud is
pixel (i // width, i % width). Colour comes from a packed `rgb`/`rgba` field (PCL layout: 0xAARRGGBB in
the message's byte order, as float32 or uint32) or from separate `r`, `g`, `b` fields.

Writing takes a `MessageFactory` (see interfaces.py), so the same code builds rclpy messages on a robot
and rosbags dataclasses offline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud

POINTCLOUD2 = "sensor_msgs/msg/PointCloud2"
POINTFIELD = "sensor_msgs/msg/PointField"

# sensor_msgs/PointField datatype constants -> numpy type code.
DATATYPES = {1: "i1", 2: "u1", 3: "i2", 4: "u2", 5: "i4", 6: "u4", 7: "f4", 8: "f8"}
_CODES = {np.dtype(code).str[1:]: datatype for datatype, code in DATATYPES.items()}
PACKED_COLOR_FIELDS = ("rgb", "rgba")
NORMAL_FIELDS = ("normal_x", "normal_y", "normal_z")


# --------------------------------------------------------------------------- reading


def fields_dtype(fields: list[Any], point_step: int, big_endian: bool) -> np.dtype:
    """Structured dtype of one point, from PointField messages (name, offset, datatype, count).

    Packed colour fields are read as uint32 (their bit pattern is what counts, not a float value).
    Nameless and repeated fields (padding some drivers emit) are skipped.
    """
    order = ">" if big_endian else "<"
    names, formats, offsets = [], [], []
    for f in fields:
        if not f.name or f.name in names:
            continue
        if f.datatype not in DATATYPES:
            raise CloudError(f"field {f.name!r} has unknown PointField datatype {f.datatype}")
        code = DATATYPES[f.datatype]
        if f.name in PACKED_COLOR_FIELDS and np.dtype(code).itemsize == 4:
            code = "u4"
        base = np.dtype(order + code)
        count = max(int(f.count), 1)
        if int(f.offset) + base.itemsize * count > point_step:
            raise CloudError(
                f"field {f.name!r} (offset {f.offset}, {count} x {base.itemsize} bytes) ends past point_step {point_step}"
            )
        names.append(f.name)
        formats.append(base if count == 1 else (base, (count,)))
        offsets.append(int(f.offset))
    return np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": point_step})


def msg_to_array(msg: Any) -> np.ndarray:
    """The points of a PointCloud2 as a flat structured array (height * width,), a view of msg.data when possible."""
    height, width = int(msg.height), int(msg.width)
    step, row_step = int(msg.point_step), int(msg.row_step)
    if height * width == 0:
        raise CloudError(f"cloud is empty ({height} x {width} points)")
    if step <= 0:
        raise CloudError(f"point_step is {step}; it must be the size of one point in bytes")
    if row_step < width * step:
        raise CloudError(f"row_step {row_step} is smaller than width {width} x point_step {step}")
    dtype = fields_dtype(list(msg.fields), step, bool(msg.is_bigendian))
    data = _bytes_view(msg.data)
    needed = (height - 1) * row_step + width * step
    if len(data) < needed:
        raise CloudError(f"data holds {len(data)} bytes, {height} x {width} points need {needed}")
    points = np.ndarray((height, width), dtype=dtype, buffer=data, strides=(row_step, step))
    return points.reshape(-1)  # a view unless rows are padded


def msg_to_cloud(msg: Any, keep_extra: bool = False) -> PointCloud:
    """A PointCloud (xyz, rgb, normals; organized shape kept) from a PointCloud2.

    keep_extra: also copy every other single-valued field (intensity, ring, ...) into `cloud.extra`.
    """
    points = msg_to_array(msg)
    names = points.dtype.names
    missing = [axis for axis in "xyz" if axis not in names]
    if missing:
        raise CloudError(
            f"cloud has no {'/'.join(missing)} field(s) (fields: {', '.join(names) or 'none'}); "
            "find3d needs x, y and z"
        )
    xyz = _columns(points, ("x", "y", "z"), np.float32)
    normals = _columns(points, NORMAL_FIELDS, np.float32) if all(n in names for n in NORMAL_FIELDS) else None
    height, width = int(msg.height), int(msg.width)
    cloud = PointCloud(
        xyz=xyz,
        rgb=_colors(points),
        normals=normals,
        shape=(height, width) if height > 1 else None,
        frame_id=str(msg.header.frame_id),
    )
    if keep_extra:
        used = {"x", "y", "z", "r", "g", "b", *PACKED_COLOR_FIELDS, *NORMAL_FIELDS}
        for name in names:
            if name not in used and points.dtype[name].shape == ():
                cloud.extra[name] = points[name].astype(points.dtype[name].newbyteorder("="))
    return cloud


def unpack_rgb(packed: np.ndarray) -> np.ndarray:
    """(N,) uint32 0xAARRGGBB -> (N, 3) float32 RGB in [0, 1]."""
    # As little-endian bytes the value reads B, G, R, A: reverse the first three.
    channels = np.ascontiguousarray(packed, dtype="<u4").view(np.uint8).reshape(-1, 4)[:, 2::-1]
    rgb = np.empty(channels.shape, dtype=np.float32)
    np.multiply(channels, np.float32(1.0 / 255.0), out=rgb)
    return rgb


def _bytes_view(data: Any) -> np.ndarray:
    """msg.data (numpy array from rosbags, array('B') from rclpy, bytes, or a list) as a uint8 array."""
    try:
        return np.frombuffer(data, dtype=np.uint8)
    except TypeError:
        return np.asarray(data, dtype=np.uint8)


def _columns(points: np.ndarray, names: tuple[str, ...], dtype) -> np.ndarray:
    out = np.empty((len(points), len(names)), dtype=dtype)
    for k, name in enumerate(names):  # one vectorised copy per column (byte order handled by numpy)
        out[:, k] = points[name]
    return out


def _colors(points: np.ndarray) -> np.ndarray | None:
    names = points.dtype.names
    packed = next((n for n in PACKED_COLOR_FIELDS if n in names and points.dtype[n].shape == ()), None)
    if packed is not None and points.dtype[packed].itemsize == 4:
        return unpack_rgb(points[packed])
    if all(c in names for c in "rgb"):
        rgb = _columns(points, ("r", "g", "b"), np.float32)
        if points.dtype["r"].kind in "ui":
            return rgb / 255.0
        finite = rgb[np.isfinite(rgb)]
        return rgb / 255.0 if finite.size and finite.max() > 1.0 else rgb
    return None


# --------------------------------------------------------------------------- writing


def pack_rgb(rgb: np.ndarray) -> np.ndarray:
    """(N, 3) RGB in [0, 1] -> (N,) float32 holding 0xFFRRGGBB (PCL's packed `rgb` field)."""
    scaled = np.multiply(rgb, np.float32(255.0), dtype=np.float32)
    scaled += np.float32(0.5)
    np.nan_to_num(scaled, copy=False)
    np.clip(scaled, 0.0, 255.0, out=scaled)
    bgra = np.empty((len(scaled), 4), dtype=np.uint8)  # little-endian byte order of 0xAARRGGBB
    bgra[:, 3] = 255
    np.copyto(bgra[:, 2::-1], scaled, casting="unsafe")
    return bgra.view("<u4").reshape(-1).view("<f4")


def array_to_msg(
    factory: Any,
    header: Any,
    columns: Mapping[str, np.ndarray],
    shape: tuple[int, int] | None = None,
    big_endian: bool = False,
) -> Any:
    """A PointCloud2 with one field per column (name -> (N,) or (N, k) array), packed in the given order.

    shape: (height, width) for an organized cloud, else (1, N).
    """
    if not columns:
        raise ValueError("a PointCloud2 needs at least one field")
    n = len(next(iter(columns.values())))
    height, width = shape if shape is not None else (1, n)
    if height * width != n:
        raise ValueError(f"shape {height}x{width} does not match {n} points")
    order = ">" if big_endian else "<"
    layout = []
    for name, values in columns.items():
        values = np.asarray(values)
        if len(values) != n:
            raise ValueError(f"column {name!r} has {len(values)} rows, expected {n}")
        code = values.dtype.str[1:]
        if code not in _CODES:
            raise ValueError(f"column {name!r} has dtype {values.dtype}, which PointField cannot describe")
        layout.append((name, order + code, values.shape[1:]))
    dtype = np.dtype(layout)
    points = np.empty(n, dtype=dtype)
    for name, values in columns.items():
        points[name] = values
    fields = [
        factory.new(
            POINTFIELD,
            name=name,
            offset=int(dtype.fields[name][1]),
            datatype=int(_CODES[code[1:]]),
            count=int(np.prod(sub, dtype=np.int64)) if sub else 1,
        )
        for name, code, sub in layout
    ]
    dense = "x" in columns and bool(np.isfinite(np.asarray(columns["x"])).all())
    return factory.new(
        POINTCLOUD2,
        header=header,
        height=int(height),
        width=int(width),
        fields=fields,
        is_bigendian=bool(big_endian),
        point_step=int(dtype.itemsize),
        row_step=int(dtype.itemsize * width),
        data=factory.sequence(points.view(np.uint8)),
        is_dense=dense,
    )


def cloud_columns(cloud: PointCloud) -> dict[str, np.ndarray]:
    """The PointCloud2 columns of a PointCloud: x, y, z, then rgb, normals and `extra` when present."""
    columns = {"x": cloud.xyz[:, 0], "y": cloud.xyz[:, 1], "z": cloud.xyz[:, 2]}
    if cloud.rgb is not None:
        columns["rgb"] = pack_rgb(cloud.rgb)
    if cloud.normals is not None:
        columns.update(zip(NORMAL_FIELDS, cloud.normals.T))
    columns.update(cloud.extra)
    return columns


def cloud_to_msg(factory: Any, cloud: PointCloud, header: Any, big_endian: bool = False) -> Any:
    """A PointCloud2 of `cloud` (organized when it is), stamped with `header`."""
    return array_to_msg(factory, header, cloud_columns(cloud), cloud.shape, big_endian)
