"""Back-projection: from named 2D masks to point index lists on points sampled from the mesh.

Points are sampled uniformly by area (Find3D: 5,000 per mesh) and remember their face. A point belongs
to a mask of a view when its face is under a pixel of the mask and the point itself is visible in that
view (it projects onto a pixel whose depth matches its own within `tolerance`), so a large triangle
half hidden behind another part does not drag its hidden points into the mask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from find3d_core.engine.assets import Asset
from find3d_core.engine.views import View


@dataclass
class SampledPoints:
    """(N, 3) float32 xyz (asset frame), normals, rgb in [0, 1], and (N,) int64 face index."""

    xyz: np.ndarray
    normals: np.ndarray
    rgb: np.ndarray
    face: np.ndarray


def sample_points(asset: Asset, n: int = 5000, seed: int = 0) -> SampledPoints:
    """`n` points uniformly by area with their faces, face normals and colours (texture if any)."""
    if n < 1:
        raise ValueError(f"number of points must be >= 1, got {n}")
    v, t = asset.obj.vertices, asset.obj.triangles
    p = v[t]
    cross = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    area = np.linalg.norm(cross, axis=1)
    if not area.sum() > 0:
        raise ValueError(f"asset {asset.id} has no surface area to sample")
    rng = np.random.default_rng(seed)
    face = rng.choice(len(t), size=n, p=area / area.sum())
    r1, r2 = rng.random(n), rng.random(n)
    s = np.sqrt(r1)
    bary = np.stack([1 - s, s * (1 - r2), s * r2], axis=1)
    xyz = np.einsum("nk,nkc->nc", bary, p[face])
    normals = cross[face] / np.maximum(area[face], 1e-20)[:, None]
    rgb = np.einsum("nk,nkc->nc", bary, asset.obj.vertex_colors[t[face]])
    if asset.texture is not None:
        tex, textured = asset.texture.sample(face, bary)
        rgb[textured] = tex[textured]
    return SampledPoints(xyz.astype(np.float32), normals.astype(np.float32), np.clip(rgb, 0, 1).astype(np.float32),
                         face.astype(np.int64))


def visible_pixels(points_view: np.ndarray, view: View, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixel index (row * w + col) of each point in `view` and whether the point is visible there.

    `points_view` are the points in the normalised frame the views were rendered in.
    """
    pose, k = view.pose, view.intrinsics
    cam = (points_view - pose[:3, 3]) @ pose[:3, :3]  # world -> camera (optical)
    z = cam[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        u = np.rint(k.fx * cam[:, 0] / z + k.cx).astype(np.int64)
        r = np.rint(k.fy * cam[:, 1] / z + k.cy).astype(np.int64)
    inside = (z > 0) & (u >= 0) & (u < k.width) & (r >= 0) & (r < k.height)
    pix = np.where(inside, r * k.width + u, 0)
    depth = view.depth.ravel()[pix]
    visible = inside & (z <= depth + tolerance)
    return pix, visible


def mask_points(points_view: np.ndarray, face: np.ndarray, view: View, mask: np.ndarray,
                tolerance: float = 0.01, n_faces: int | None = None) -> np.ndarray:
    """Indices of the points whose face lies under `mask` in `view` and that are visible there."""
    tri = view.triangle[mask]
    tri = tri[tri >= 0]
    if len(tri) == 0:
        return np.zeros(0, dtype=np.int64)
    size = max(int(face.max()) + 1, int(tri.max()) + 1) if n_faces is None else n_faces
    under = np.zeros(size, dtype=bool)
    under[tri] = True
    _, visible = visible_pixels(points_view, view, tolerance)
    return np.flatnonzero(under[face] & visible)
