"""Rigid transforms between frames: geometry_msgs/Transform <-> 4x4 matrices, applied to whole clouds."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
from scipy.spatial.transform import Rotation

from find3d_core.geometry.cloud import PointCloud


def matrix_from_transform(transform: Any) -> np.ndarray:
    """4x4 matrix of a geometry_msgs/Transform (translation + unit quaternion), mapping source -> target."""
    t, q = transform.translation, transform.rotation
    quat = np.array([q.x, q.y, q.z, q.w], dtype=np.float64)
    norm = np.linalg.norm(quat)
    if not np.isfinite(norm) or norm < 1e-9:
        raise ValueError(f"transform rotation is not a valid quaternion: {quat.tolist()}")
    matrix = np.eye(4)
    matrix[:3, :3] = Rotation.from_quat(quat / norm).as_matrix()
    matrix[:3, 3] = [t.x, t.y, t.z]
    return matrix


def quaternion_from_matrix(rotation: np.ndarray) -> tuple[float, float, float, float]:
    """(x, y, z, w) of a 3x3 rotation matrix."""
    x, y, z, w = Rotation.from_matrix(np.asarray(rotation, dtype=np.float64)).as_quat()
    return float(x), float(y), float(z), float(w)


def transform_cloud(cloud: PointCloud, matrix: np.ndarray, frame_id: str) -> PointCloud:
    """`cloud` moved into `frame_id` by the 4x4 `matrix` (rows, NaN rows and organized shape kept)."""
    rotation = np.asarray(matrix[:3, :3], dtype=np.float32)
    translation = np.asarray(matrix[:3, 3], dtype=np.float32)
    out = PointCloud(
        xyz=cloud.xyz @ rotation.T + translation,
        rgb=cloud.rgb,
        normals=None if cloud.normals is None else cloud.normals @ rotation.T,
        shape=cloud.shape,
        frame_id=frame_id,
    )
    out.extra = dict(cloud.extra)
    return out


def transform_part(part: Any, matrix: np.ndarray) -> Any:
    """A find3d_core PartResult moved by the rigid 4x4 `matrix` (points, centroid, boxes; indices unchanged)."""
    rotation, translation = matrix[:3, :3], matrix[:3, 3]
    points = np.asarray(part.points, dtype=np.float64) @ rotation.T + translation
    return dataclasses.replace(
        part,
        points=points.astype(np.asarray(part.points).dtype),
        centroid=rotation @ part.centroid + translation,
        aabb_min=points.min(axis=0) if len(points) else part.aabb_min,
        aabb_max=points.max(axis=0) if len(points) else part.aabb_max,
        obb_center=rotation @ part.obb_center + translation,
        obb_rotation=rotation @ part.obb_rotation,
    )
