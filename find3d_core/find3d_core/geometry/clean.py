"""Cleaning before segmentation: drop invalid points, crop, check size, thin huge clouds.

Every function that removes points also returns `index`, the kept rows' positions in its input,
so per-point results can be scattered back (e.g. to the h*w pixels of an organized cloud).
"""

from __future__ import annotations

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud, rows_where_all

MIN_SEGMENTABLE_POINTS = 32


def finite_points(cloud: PointCloud) -> tuple[PointCloud, np.ndarray]:
    """The rows whose x, y and z are all finite, and their indices (int64) into `cloud`."""
    index = np.flatnonzero(cloud.finite_mask()).astype(np.int64)
    return cloud.select(index), index


def crop_box(
    cloud: PointCloud, min_xyz: np.ndarray | tuple[float, float, float], max_xyz: np.ndarray | tuple[float, float, float]
) -> tuple[PointCloud, np.ndarray]:
    """The points inside the axis-aligned box [min_xyz, max_xyz] (bounds included), and their indices."""
    lo = np.asarray(min_xyz, dtype=np.float32).reshape(-1)
    hi = np.asarray(max_xyz, dtype=np.float32).reshape(-1)
    if lo.shape != (3,) or hi.shape != (3,):
        raise ValueError(f"crop box bounds must be 3 numbers each; got {lo.shape} and {hi.shape}")
    if not (lo <= hi).all():
        raise ValueError(f"crop box min {lo.tolist()} exceeds max {hi.tolist()} on some axis")
    # NaN rows compare False and drop out, so a raw sensor cloud can be cropped directly.
    inside = rows_where_all((cloud.xyz >= lo) & (cloud.xyz <= hi))
    index = np.flatnonzero(inside).astype(np.int64)
    return cloud.select(index), index


def check_segmentable(cloud: PointCloud, min_points: int = MIN_SEGMENTABLE_POINTS) -> int:
    """Raise CloudError unless `cloud` has at least `min_points` finite points; return that count."""
    if len(cloud) == 0:
        raise CloudError("cloud is empty: nothing to segment")
    finite = int(cloud.finite_mask().sum())
    if finite == 0:
        raise CloudError(f"no finite points: all {len(cloud)} points are NaN or infinite")
    if finite < min_points:
        raise CloudError(
            f"too few points to segment: {finite} finite points, at least {min_points} are needed"
        )
    return finite


def reduce_points(cloud: PointCloud, max_points: int, seed: int = 0) -> tuple[PointCloud, np.ndarray]:
    """At most `max_points` points that cover the cloud evenly, and their indices (sorted).

    Points are bucketed into voxels sized so that about `max_points` voxels are occupied; every
    voxel gives up a random point before any voxel gives a second, so dense regions near a sensor
    do not crowd out sparse far ones. Deterministic for a given `seed`. Input must be finite.
    """
    if max_points < 1:
        raise ValueError(f"max_points must be >= 1; got {max_points}")
    n = len(cloud)
    if n <= max_points:
        return cloud.select(np.arange(n)), np.arange(n, dtype=np.int64)
    xyz = cloud.xyz
    if not np.isfinite(xyz).all():
        raise CloudError("reduce_points needs finite points; call finite_points first")
    keys = _voxel_keys(xyz, _voxel_size_for(xyz, max_points))
    # Work in a random order: a stable sort by voxel then leaves each voxel's points shuffled.
    perm = np.random.default_rng(seed).permutation(n)
    order = np.argsort(keys[perm], kind="stable")
    sorted_keys = keys[perm][order]
    first = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - group_start  # 0: first point of its voxel, 1: second, ...
    # Lowest rank first; within a rank, the random order decides.
    keep = np.argpartition(rank * n + np.arange(n), max_points - 1)[:max_points]
    index = np.sort(perm[keep]).astype(np.int64)
    return cloud.select(index), index


def _voxel_size_for(xyz: np.ndarray, target: int) -> float:
    """A voxel edge at which about `target` voxels are occupied, from one trial count.

    Scanned surfaces fill voxels like an area (count ~ size**-2), so one trial at a coarse
    size predicts the size that gives `target` voxels.
    """
    extent = float((xyz.max(axis=0) - xyz.min(axis=0)).max())
    if extent == 0.0:
        return 1.0
    trial = extent / 64.0
    cells = np.minimum(np.floor((xyz - xyz.min(axis=0)) / trial).astype(np.int64), 63)
    occupied = np.count_nonzero(np.bincount((cells[:, 0] * 64 + cells[:, 1]) * 64 + cells[:, 2]))
    return trial * float(np.sqrt(occupied / target))


def _voxel_keys(xyz: np.ndarray, size: float) -> np.ndarray:
    """One int64 per voxel of edge `size` (21 bits per axis)."""
    cells = np.floor((xyz - xyz.min(axis=0)) / size).astype(np.int64)
    cells = np.minimum(cells, (1 << 21) - 1)
    return (cells[:, 0] << 42) | (cells[:, 1] << 21) | cells[:, 2]
