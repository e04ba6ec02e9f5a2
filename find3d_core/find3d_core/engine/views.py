"""Renders of one asset from Find3D's ring of views (docs/data_engine.md), on the CPU.

The asset is normalised (bounding box centred on the origin, largest side 1), then seen from
`n_views` cameras at `distance`, elevation alternating +30/-20 degrees, azimuth every 360/n degrees,
all looking at the origin. Each view keeps the face id, part id, depth and a shaded colour image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from find3d_core.engine.assets import Asset
from find3d_core.engine.raycast import Intrinsics, PlacedObject, RaycastScene, look_at


@dataclass(frozen=True)
class ViewConfig:
    """Camera ring and image settings (defaults: Find3D's)."""

    n_views: int = 10
    size: int = 500
    elevations_deg: tuple[float, ...] = (30.0, -20.0)
    distance: float = 3.0
    fov_deg: float = 40.0
    background: tuple[float, float, float] = (1.0, 1.0, 1.0)
    ambient: float = 0.4

    def __post_init__(self) -> None:
        if self.n_views < 1 or self.size < 16:
            raise ValueError(f"need n_views >= 1 and size >= 16, got {self.n_views}, {self.size}")
        if not 1.0 < self.fov_deg < 170.0 or self.distance <= 0.9:
            raise ValueError(f"need 1 < fov_deg < 170 and distance > 0.9 (outside the unit object), got {self.fov_deg}, {self.distance}")

    def intrinsics(self) -> Intrinsics:
        f = self.size / 2 / np.tan(np.deg2rad(self.fov_deg) / 2)
        c = (self.size - 1) / 2
        return Intrinsics(f, f, c, c, self.size, self.size)

    def angles(self) -> list[tuple[float, float]]:
        """(elevation, azimuth) in degrees per view."""
        return [(self.elevations_deg[i % len(self.elevations_deg)], 360.0 * i / self.n_views) for i in range(self.n_views)]


@dataclass
class View:
    """One render: uint8 RGB `image`, and per pixel `triangle` (-1 none), `part` (-1 none), `depth`."""

    index: int
    elevation: float
    azimuth: float
    pose: np.ndarray  # camera-to-world, optical convention, in the normalised object frame
    intrinsics: Intrinsics
    image: np.ndarray
    triangle: np.ndarray
    part: np.ndarray
    depth: np.ndarray

    @property
    def hit(self) -> np.ndarray:
        return self.triangle >= 0


def normalisation(vertices: np.ndarray) -> np.ndarray:
    """4x4 similarity that centres the bounding box on the origin and scales its largest side to 1."""
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    extent = float((hi - lo).max())
    if not np.isfinite(extent) or extent <= 0:
        raise ValueError("asset has a degenerate (empty or flat-point) bounding box")
    m = np.eye(4)
    m[:3, :3] /= extent
    m[:3, 3] = -(lo + hi) / 2 / extent
    return m


def render_views(asset: Asset, config: ViewConfig = ViewConfig()) -> tuple[list[View], np.ndarray]:
    """All views of `asset` and the normalisation used (points map to the view frame by it)."""
    norm = normalisation(asset.obj.vertices)
    # The raycaster takes rigid poses, so scale a copy of the mesh and place it with the translation only.
    obj = asset.obj
    scaled = type(obj)(obj.category, _scaled_mesh(obj, norm[0, 0]), obj.triangle_part, obj.part_names, obj.colors,
                       obj.aliases, obj.groups, obj.variant)
    pose = np.eye(4)
    pose[:3, 3] = norm[:3, 3]
    scene = RaycastScene([PlacedObject(scaled, pose)])
    k = config.intrinsics()
    light = np.array([-0.3, -0.6, -1.0]) / np.linalg.norm([-0.3, -0.6, -1.0])
    views = []
    for i, (elev, azim) in enumerate(config.angles()):
        e, a = np.deg2rad(elev), np.deg2rad(azim)
        eye = config.distance * np.array([np.cos(e) * np.cos(a), np.cos(e) * np.sin(a), np.sin(e)])
        cam = look_at(eye, (0.0, 0.0, 0.0))
        r = scene.render(k, cam, ambient=config.ambient, background=config.background)
        color = r.color
        if asset.texture is not None and r.hit.any():
            color = _textured(asset, r, light, config.ambient)
        views.append(View(i, elev, azim, cam, k, (np.clip(color, 0, 1) * 255).round().astype(np.uint8),
                          r.triangle_id.astype(np.int64), r.part_id, r.depth))
    return views, norm


def _scaled_mesh(obj, scale: float):
    import open3d as o3d

    mesh = o3d.geometry.TriangleMesh(obj.mesh)
    mesh.scale(scale, center=(0.0, 0.0, 0.0))
    return mesh


def _textured(asset: Asset, r, light: np.ndarray, ambient: float) -> np.ndarray:
    """Re-colour hit pixels from the texture at their exact surface point (vertex colours are coarse)."""
    hit = r.hit
    tri = r.triangle_id[hit]
    rgb, textured = asset.texture.sample(tri, r.barycentric[hit].astype(np.float64))
    lambert = np.clip(r.normal[hit] @ light.astype(np.float32), 0.0, 1.0)
    color = r.color.copy()
    shade = (ambient + (1.0 - ambient) * lambert)[:, None]
    color[hit] = np.where(textured[:, None], rgb * shade, r.color[hit])
    return color
