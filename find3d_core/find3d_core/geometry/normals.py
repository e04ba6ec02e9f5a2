"""Surface normals from k nearest neighbours, oriented consistently.

Find3D's features include normals; its training data has mesh normals, which point out of the
object. For a scanned cloud the closest stand-in is the local plane normal, flipped towards the
sensor (the camera origin for a cloud in the camera frame) or, for an object without a known
viewpoint, away from the cloud's centroid.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from find3d_core.geometry.cloud import CloudError, finite_xyz


def estimate_normals(
    xyz: np.ndarray,
    k: int = 30,
    viewpoint: np.ndarray | tuple[float, float, float] | None = None,
    at: np.ndarray | None = None,
) -> np.ndarray:
    """Unit normals (float32) from the `k` nearest neighbours in `xyz`.

    Normals are computed for every point of `xyz`, or only at the points `at` (M, 3) with their
    neighbours taken from `xyz`: much cheaper when a few thousand model points sit in a 300k scan.
    Orientation: towards `viewpoint` when given, else away from the centroid of `xyz`.
    """
    xyz = finite_xyz(xyz, "xyz")
    if len(xyz) < 3:
        raise CloudError(f"normals need at least 3 points; got {len(xyz)}")
    if k < 3:
        raise ValueError(f"k must be >= 3 to fit a plane; got {k}")
    k = min(k, len(xyz))
    if at is None:
        normals = _normals_open3d(xyz, k)
        where = xyz
    else:
        where = finite_xyz(at, "at")
        normals = _normals_pca(xyz, where, k)
    return _orient(normals, where, xyz, viewpoint)




def _normals_open3d(xyz: np.ndarray, k: int) -> np.ndarray:
    """Open3D's multithreaded KNN + covariance eigenvector, for every point."""
    import open3d as o3d  # imported here: loading it costs ~1 s and most callers never need it

    pcd = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(xyz.astype(np.float64)))
    pcd.estimate_normals(o3d.geometry.KDTreeSearchParamKNN(knn=k))
    return np.asarray(pcd.normals, dtype=np.float32)


def _normals_pca(xyz: np.ndarray, at: np.ndarray, k: int) -> np.ndarray:
    """Smallest-eigenvalue eigenvector of each query's neighbourhood covariance, batched."""
    _, nbr = cKDTree(xyz).query(at, k=k, workers=-1)
    local = xyz[nbr].astype(np.float64)  # (M, k, 3)
    local -= local.mean(axis=1, keepdims=True)
    cov = np.einsum("mki,mkj->mij", local, local)
    _, vecs = np.linalg.eigh(cov)  # ascending eigenvalues
    return vecs[:, :, 0].astype(np.float32)


def _orient(
    normals: np.ndarray, where: np.ndarray, xyz: np.ndarray, viewpoint: np.ndarray | tuple[float, float, float] | None
) -> np.ndarray:
    """Flip normals to face the viewpoint, or to face away from the centroid when none is given."""
    if viewpoint is not None:
        outward = np.asarray(viewpoint, dtype=np.float32).reshape(1, 3) - where
    else:
        outward = where - xyz.mean(axis=0, keepdims=True)
    flip = np.einsum("ij,ij->i", normals, outward) < 0
    normals[flip] *= -1
    # A degenerate neighbourhood (all points equal) has no plane; give it a unit vector anyway.
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    bad = ~(length[:, 0] > 1e-12)
    normals[bad] = (0.0, 0.0, 1.0)
    length[bad] = 1.0
    return (normals / length).astype(np.float32)
