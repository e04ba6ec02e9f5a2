"""Per-part geometry a planner needs: points, centroid, axis-aligned and oriented boxes, mean score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class PartResult:
    """One query's points (on one object in scene mode), in the input frame.

    `indices` are rows of the input cloud (for an organized cloud: row-major pixel indices).
    The oriented box is given by its centre, its extents along its axes, and a rotation whose columns are the axes.
    """

    query: str
    query_index: int
    object_index: int | None
    indices: np.ndarray
    points: np.ndarray
    centroid: np.ndarray
    aabb_min: np.ndarray
    aabb_max: np.ndarray
    obb_center: np.ndarray
    obb_extent: np.ndarray
    obb_rotation: np.ndarray
    score: float

    @property
    def num_points(self) -> int:
        return len(self.indices)


def oriented_box(points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PCA box: (centre, extents, rotation with the principal axes as columns, right-handed).

    Deterministic and defined for any number of points (degenerate axes get zero extent), unlike a minimal-volume
    box, which is slow and unstable on noisy sensor data.
    """
    pts = np.asarray(points, dtype=np.float64)
    mean = pts.mean(axis=0)
    if len(pts) < 2:
        return mean, np.zeros(3), np.eye(3)
    _, _, vt = np.linalg.svd(pts - mean, full_matrices=False)
    axes = np.eye(3)
    axes[:, : vt.shape[0]] = vt.T
    if np.linalg.det(axes) < 0:
        axes[:, 2] = -axes[:, 2]
    local = (pts - mean) @ axes
    lo, hi = local.min(axis=0), local.max(axis=0)
    return mean + axes @ ((lo + hi) / 2), hi - lo, axes


def make_part(
    query: str, query_index: int, object_index: int | None, indices: np.ndarray, points: np.ndarray, scores: np.ndarray
) -> PartResult:
    center, extent, rotation = oriented_box(points)
    return PartResult(
        query=query,
        query_index=query_index,
        object_index=object_index,
        indices=indices.astype(np.int64),
        points=points.astype(np.float32),
        centroid=points.mean(axis=0).astype(np.float64),
        aabb_min=points.min(axis=0).astype(np.float64),
        aabb_max=points.max(axis=0).astype(np.float64),
        obb_center=center,
        obb_extent=extent,
        obb_rotation=rotation,
        score=float(scores.mean()),
    )
