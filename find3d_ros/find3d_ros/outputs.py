"""Result messages built from a find3d_core Segmentation: labelled cloud and image, part clouds, PartSegments, markers,
latency.

Every builder takes a `MessageFactory` (interfaces.py) and the header of the cloud it describes, so results keep
the source cloud's stamp and frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from find3d_core.geometry.cloud import PointCloud
from find3d_core.inference.visualize import UNLABELLED_COLOR, overlay_image, part_colors
from find3d_ros.conversions import array_to_msg, cloud_columns, pack_rgb
from find3d_ros.transforms import quaternion_from_matrix

HEADER = "std_msgs/msg/Header"
IMAGE = "sensor_msgs/msg/Image"
MARKER = "visualization_msgs/msg/Marker"
MARKER_ARRAY = "visualization_msgs/msg/MarkerArray"
PART_SEGMENT = "find3d_msgs/msg/PartSegment"
DIAGNOSTIC_ARRAY = "diagnostic_msgs/msg/DiagnosticArray"
DIAGNOSTIC_STATUS = "diagnostic_msgs/msg/DiagnosticStatus"
LABELLED_FIELDS = ("x", "y", "z", "rgb", "label", "score")

# The 12 edges of a box as pairs of corner indices; corner bits (x, y, z) select -/+ half extents.
_CORNERS = np.array([[(c >> 2) & 1, (c >> 1) & 1, c & 1] for c in range(8)], dtype=np.float64) - 0.5
_EDGES = [(a, b) for a in range(8) for b in range(a + 1, 8) if bin(a ^ b).count("1") == 1]


def make_header(factory: Any, stamp: Any, frame_id: str) -> Any:
    return factory.new(HEADER, stamp=stamp, frame_id=str(frame_id))


def query_colors(num_queries: int) -> np.ndarray:
    """(Q, 3) RGB in [0, 1]: query k always gets colour k, in clouds and markers alike."""
    return part_colors(num_queries)


# --------------------------------------------------------------------------- clouds


def labelled_cloud_msg(factory: Any, header: Any, cloud: PointCloud, labels: np.ndarray, scores: np.ndarray,
                       num_queries: int) -> Any:  # fmt: skip
    """PointCloud2 with x, y, z, rgb, label (int32, -1 = none), score (float32, NaN = not segmented).

    Same rows and organized shape as `cloud`. rgb shows the part colour on labelled points and the
    input colour (grey without one) elsewhere, so RViz's RGB8 view shows the segmentation directly.
    """
    labels = np.asarray(labels)
    # Colours are looked up already packed (one uint32 per label), then the input colour fills the rest.
    table = pack_rgb(np.concatenate([UNLABELLED_COLOR[None], query_colors(num_queries)])).view(np.uint32)
    packed = np.take(table, labels + 1)
    if cloud.rgb is not None:
        packed = np.where(labels >= 0, packed, pack_rgb(cloud.rgb).view(np.uint32))
    columns = {
        "x": cloud.xyz[:, 0],
        "y": cloud.xyz[:, 1],
        "z": cloud.xyz[:, 2],
        "rgb": packed.view(np.float32),
        "label": labels.astype(np.int32),
        "score": np.asarray(scores, dtype=np.float32),
    }
    return array_to_msg(factory, header, columns, cloud.shape)


def labelled_image_msg(factory: Any, header: Any, cloud: PointCloud, labels: np.ndarray, num_queries: int) -> Any:
    """sensor_msgs/Image (rgb8) of an organized cloud as its camera saw it (its colours, else its range in grey),
    each labelled pixel painted in its query's colour as in the labelled cloud; None for an unorganized cloud.

    For rqt_image_view or RViz's Image display: a depth camera's frame and its parts at a glance.
    """
    if cloud.shape is None:
        return None
    height, width = cloud.shape
    pixels = np.round(overlay_image(cloud, labels, num_queries) * 255).astype(np.uint8)
    return factory.new(IMAGE, header=header, height=height, width=width, encoding="rgb8", is_bigendian=0,
                       step=3 * width, data=factory.sequence(pixels.reshape(-1)))


def points_msg(factory: Any, header: Any, cloud: PointCloud, rows: np.ndarray) -> Any:
    """Unorganized PointCloud2 (x, y, z, rgb when present) of the given rows of `cloud`."""
    part = cloud.select(rows)
    part.normals = None
    return array_to_msg(factory, header, cloud_columns(part))


def query_cloud_msgs(factory: Any, header: Any, cloud: PointCloud, labels: np.ndarray, num_queries: int) -> list[Any]:
    """One PointCloud2 per query with every point labelled with it (all objects together)."""
    return [points_msg(factory, header, cloud, np.flatnonzero(labels == q)) for q in range(num_queries)]


# --------------------------------------------------------------------------- PartSegment


def part_segment_msg(factory: Any, header: Any, cloud: PointCloud, part: Any) -> Any:
    """find3d_msgs/PartSegment of one find3d_core PartResult (geometry in `cloud`'s frame)."""
    return factory.new(
        PART_SEGMENT,
        header=header,
        query=str(part.query),
        query_index=int(part.query_index),
        object_id=-1 if part.object_index is None else int(part.object_index),
        score=float(part.score),
        cloud=points_msg(factory, header, cloud, part.indices),
        indices=factory.sequence(np.asarray(part.indices, dtype=np.uint32)),
        centroid=_point(factory, part.centroid),
        bbox=factory.new(
            "vision_msgs/msg/BoundingBox3D",
            center=_pose(factory, part.obb_center, part.obb_rotation),
            size=_vector(factory, part.obb_extent),
        ),
    )


# --------------------------------------------------------------------------- markers


def marker_array_msg(
    factory: Any,
    header: Any,
    parts: Sequence[Any],
    num_queries: int,
    up: Sequence[float] = (0.0, 0.0, 1.0),
    scale: float = 0.02,
) -> Any:
    """MarkerArray: DELETEALL (clears the previous frame's parts), then per part a centroid sphere
    (namespace "centroids"), a text label "query score" above it ("labels") and its oriented box as
    lines ("boxes"). Marker id = the part's position in `parts`."""
    Marker = factory.type(MARKER)
    colors = query_colors(num_queries)
    markers = [factory.new(MARKER, header=header, ns="", id=0, action=int(Marker.DELETEALL), pose=_pose(factory))]
    lift = np.asarray(up, dtype=np.float64) * 3.0 * scale
    for k, part in enumerate(parts):
        color = _color(factory, colors[part.query_index])
        label = f"{part.query} {part.score:.2f}"
        if part.object_index is not None:
            label += f" (object {part.object_index})"
        common = dict(header=header, id=k, action=int(Marker.ADD), color=color)
        markers.append(factory.new(
            MARKER, ns="centroids", type=int(Marker.SPHERE), pose=_pose(factory, part.centroid),
            scale=_vector(factory, (2.0 * scale,) * 3), **common,
        ))  # fmt: skip
        markers.append(factory.new(
            MARKER, ns="labels", type=int(Marker.TEXT_VIEW_FACING), pose=_pose(factory, part.centroid + lift),
            scale=_vector(factory, (0.0, 0.0, 2.0 * scale)), text=label, **common,
        ))  # fmt: skip
        corners = _CORNERS * np.asarray(part.obb_extent, dtype=np.float64)
        markers.append(factory.new(
            MARKER, ns="boxes", type=int(Marker.LINE_LIST), pose=_pose(factory, part.obb_center, part.obb_rotation),
            scale=_vector(factory, (0.2 * scale, 0.0, 0.0)),
            points=[_point(factory, corners[i]) for edge in _EDGES for i in edge], **common,
        ))  # fmt: skip
    return factory.new(MARKER_ARRAY, markers=markers)


# --------------------------------------------------------------------------- diagnostics


def latency_msg(factory: Any, header: Any, name: str, timings: dict[str, float], message: str, ok: bool = True) -> Any:
    """DiagnosticArray with one status: per-stage latency in milliseconds as key/values."""
    Status = factory.type(DIAGNOSTIC_STATUS)
    values = [
        factory.new("diagnostic_msgs/msg/KeyValue", key=f"{stage}_ms", value=f"{1e3 * seconds:.2f}")
        for stage, seconds in timings.items()
    ]
    status = factory.new(
        DIAGNOSTIC_STATUS, level=Status.OK if ok else Status.ERROR, name=name, message=message,
        hardware_id=str(header.frame_id), values=values,
    )  # fmt: skip
    return factory.new(DIAGNOSTIC_ARRAY, header=header, status=[status])


def status_msg(factory: Any, header: Any, name: str, level: str, message: str, values: dict[str, Any],
               timings: dict[str, float]) -> Any:  # fmt: skip
    """DiagnosticArray with one status at `level` ("OK", "WARN", "ERROR"): `values` as they are, then `timings`
    (seconds per stage) as `<stage>_ms`."""
    Status = factory.type(DIAGNOSTIC_STATUS)
    pairs = [(key, str(value)) for key, value in values.items()]
    pairs += [(f"{stage}_ms", f"{1e3 * seconds:.2f}") for stage, seconds in timings.items()]
    status = factory.new(
        DIAGNOSTIC_STATUS, level=getattr(Status, level), name=name, message=message, hardware_id=str(header.frame_id),
        values=[factory.new("diagnostic_msgs/msg/KeyValue", key=key, value=value) for key, value in pairs],
    )  # fmt: skip
    return factory.new(DIAGNOSTIC_ARRAY, header=header, status=[status])


# --------------------------------------------------------------------------- small geometry messages


def _point(factory: Any, xyz: Sequence[float]) -> Any:
    return factory.new("geometry_msgs/msg/Point", x=float(xyz[0]), y=float(xyz[1]), z=float(xyz[2]))


def _vector(factory: Any, xyz: Sequence[float]) -> Any:
    return factory.new("geometry_msgs/msg/Vector3", x=float(xyz[0]), y=float(xyz[1]), z=float(xyz[2]))


def _pose(factory: Any, position: Sequence[float] = (0.0, 0.0, 0.0), rotation: np.ndarray | None = None) -> Any:
    x, y, z, w = (0.0, 0.0, 0.0, 1.0) if rotation is None else quaternion_from_matrix(rotation)
    return factory.new(
        "geometry_msgs/msg/Pose",
        position=_point(factory, position),
        orientation=factory.new("geometry_msgs/msg/Quaternion", x=x, y=y, z=z, w=w),
    )


def _color(factory: Any, rgb: Sequence[float], alpha: float = 1.0) -> Any:
    return factory.new("std_msgs/msg/ColorRGBA", r=float(rgb[0]), g=float(rgb[1]), b=float(rgb[2]), a=float(alpha))
