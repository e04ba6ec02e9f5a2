"""Spread per-point results of the model's few thousand points to every input point."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from find3d_core.geometry.cloud import CloudError, finite_xyz


def nearest_upsample(source_points: np.ndarray, target_points: np.ndarray) -> np.ndarray:
    """For each target point, the row (int64) of its nearest source point (Find3D's 1-NN upsampling).

    `values_at_targets = values_at_sources[index]`. Ties go to whichever the KD-tree finds first.
    """
    source = finite_xyz(source_points, "source_points", dtype=np.float64)
    target = finite_xyz(target_points, "target_points", dtype=np.float64)
    if len(source) == 0:
        raise CloudError("nearest_upsample needs at least one source point")
    if len(target) == 0:
        return np.zeros(0, dtype=np.int64)
    _, index = cKDTree(source).query(target, k=1, workers=-1)
    return index.astype(np.int64)


