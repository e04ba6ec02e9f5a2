"""Spread per-point results of the model's few thousand points to every input point."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from find3d_core.geometry.cloud import CloudError


def nearest_upsample(source_points: np.ndarray, target_points: np.ndarray) -> np.ndarray:
    """For each target point, the row (int64) of its nearest source point (Find3D's 1-NN upsampling).

    `values_at_targets = values_at_sources[index]`. Ties go to whichever the KD-tree finds first.
    """
    source = _finite_points(source_points, "source_points")
    target = _finite_points(target_points, "target_points")
    if len(source) == 0:
        raise CloudError("nearest_upsample needs at least one source point")
    if len(target) == 0:
        return np.zeros(0, dtype=np.int64)
    _, index = cKDTree(source).query(target, k=1, workers=-1)
    return index.astype(np.int64)


def _finite_points(a: np.ndarray, name: str) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.shape[1] != 3:
        raise ValueError(f"{name} must be (N, 3); got {a.shape}")
    if not np.isfinite(a).all():
        raise CloudError(f"{name} has NaN/inf rows; upsample to finite points and scatter by their index")
    return a
