"""Placement and cutting helpers for the furniture, electronics, appliance, vehicle, instrument and lighting builders.

Conventions: z up, metres; an appliance's or device's front faces -y (where a person stands), so parts that
point "out of the front" are built along +z and turned with `facing_front`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import open3d as o3d

from find3d_core.engine.procedural import box, cylinder, extrude, transform, tube


def facing_front(mesh: o3d.geometry.TriangleMesh, at: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """Turn a mesh built along +z so that +z points to the front (-y), then move its origin to `at`."""
    return transform(mesh, (np.pi / 2, 0.0, 0.0), at)


def along_x(mesh: o3d.geometry.TriangleMesh, at: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """Turn a mesh built along +z so that +z points along +x, then move its origin to `at`."""
    return transform(mesh, (0.0, np.pi / 2, 0.0), at)


def axle_y(radius: float, width: float, center: tuple[float, float, float], sides: int = 28) -> o3d.geometry.TriangleMesh:
    """A closed cylinder whose axis runs along y (a wheel, a roller), centred at `center`."""
    return facing_front(cylinder(radius, width, -width / 2, sides), center)


def rod(p0: tuple[float, float, float], p1: tuple[float, float, float], radius: float, sides: int = 10) -> o3d.geometry.TriangleMesh:
    """A straight capped tube from p0 to p1."""
    return tube(np.array([p0, p1], dtype=np.float64), radius, sides)


def ring(radius: float, thickness: float, center: tuple[float, float, float], normal: str = "z",
         sides: int = 32) -> o3d.geometry.TriangleMesh:
    """A torus of tube radius `thickness` lying in the plane normal to axis `normal` ("x", "y" or "z")."""
    m = o3d.geometry.TriangleMesh.create_torus(radius, thickness, sides, 8)
    rot = {"z": (0.0, 0.0, 0.0), "y": (np.pi / 2, 0.0, 0.0), "x": (0.0, np.pi / 2, 0.0)}[normal]
    return transform(m, rot, center)


def rounded_rect(w: float, d: float, r: float, n: int = 6) -> np.ndarray:
    """(4n, 2) outline of a w x d rectangle centred at the origin, corners rounded by r, counter-clockwise."""
    r = min(r, w / 2 - 1e-4, d / 2 - 1e-4)
    pts = []
    for cx, cy, a0 in ((w / 2 - r, d / 2 - r, 0.0), (-w / 2 + r, d / 2 - r, np.pi / 2),
                       (-w / 2 + r, -d / 2 + r, np.pi), (w / 2 - r, -d / 2 + r, 1.5 * np.pi)):
        a = np.linspace(a0, a0 + np.pi / 2, n)
        pts.append(np.column_stack([cx + r * np.cos(a), cy + r * np.sin(a)]))
    return np.vstack(pts)


def rounded_slab(w: float, d: float, t: float, r: float, center: tuple[float, float, float], n: int = 6) -> o3d.geometry.TriangleMesh:
    """A w x d plate of thickness t with corners rounded by radius r (phones, remotes, decks), centred at `center`."""
    slab = extrude(rounded_rect(w, d, r, n), t)
    return slab.translate((center[0], center[1], center[2] - t / 2))


def cut(mesh: o3d.geometry.TriangleMesh, keep: Callable[[np.ndarray], np.ndarray]) -> o3d.geometry.TriangleMesh:
    """The triangles of `mesh` whose centroids satisfy `keep` ((T, 3) -> (T,) bool): one surface split into parts."""
    out = o3d.geometry.TriangleMesh(mesh)
    cent = np.asarray(out.vertices)[np.asarray(out.triangles)].mean(axis=1)
    out.remove_triangles_by_mask(~np.asarray(keep(cent), dtype=bool))
    out.remove_unreferenced_vertices()
    return out


def key_grid(cols: int, rows: int, pitch: float, key: tuple[float, float, float],
             origin: tuple[float, float, float]) -> list[o3d.geometry.TriangleMesh]:
    """Boxes of size `key` on a cols x rows grid in the x-y plane, the first centred at `origin` (keys, buttons)."""
    x0, y0, z0 = origin
    return [box(key, (x0 + i * pitch, y0 - j * pitch, z0)) for j in range(rows) for i in range(cols)]


def side_slab(outline_xz: np.ndarray, width: float, y0: float = 0.0) -> o3d.geometry.TriangleMesh:
    """A slab whose side outline is (K, 2) (x, z) points (star-shaped), `width` deep along y, centred on y = y0."""
    slab = extrude(outline_xz, width)
    return transform(slab, (np.pi / 2, 0.0, 0.0), (0.0, y0 + width / 2, 0.0))  # outline y -> z, thickness -> -y
