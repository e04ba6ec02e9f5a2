"""Shapes several catalogue modules share: lathe containers with an inside, concave dishes, loop handles."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import open3d as o3d

from find3d_core.engine.procedural import Color, PartMesh, arch, revolve, tube


def hollow(outer: np.ndarray, wall: float) -> np.ndarray:
    """Closed lathe profile of an open container: `outer` (r, z) from the axis at z = 0 up to the rim,
    then the same wall moved `wall` inwards back down to the axis at z = wall (the inside)."""
    outer = np.asarray(outer, dtype=np.float64)
    if outer.ndim != 2 or outer.shape[1] != 2 or len(outer) < 3 or outer[0, 0] != 0.0:
        raise ValueError(f"outer profile must be (K>=3, 2) (r, z) points starting on the axis, got {outer.shape}")
    inner = np.column_stack([np.maximum(outer[1:, 0] - wall, 0.0), np.maximum(outer[1:, 1], wall)])[::-1]
    return np.vstack([outer, inner, [(0.0, wall)]])


def split_at(outer: np.ndarray, heights: tuple[float, ...]) -> np.ndarray:
    """`outer` with a point added wherever a segment crosses one of `heights`, so that a part boundary (a rim
    band, a neck) falls at that height and not at the nearest existing point."""
    pts = [np.asarray(outer[0], dtype=np.float64)]
    for p0, p1 in zip(np.asarray(outer[:-1], float), np.asarray(outer[1:], float)):
        cuts = sorted((h - p0[1]) / (p1[1] - p0[1]) for h in heights if min(p0[1], p1[1]) < h < max(p0[1], p1[1]))
        pts += [p0 + t * (p1 - p0) for t in cuts] + [p1]
    return np.array(pts)


def add_container(b: PartMesh, outer: np.ndarray, wall: float, name: Callable[[float, str], str],
                  colors: dict[str, Color], sides: int = 40, splits: tuple[float, ...] = (), turn: float = 0.0) -> None:
    """Revolve `hollow(outer, wall)`, naming each segment by `name(mid_z, side)`, where side is "bottom"
    (the underside), "outer", "top" (the lip) or "inner"; `splits` are heights where a name may change. `turn`
    rotates the result about z (a 4-sided lathe is a square on its corner until turned by pi/4)."""
    outer = split_at(outer, splits)
    profile = hollow(outer, wall)
    k = len(outer)
    sides_of = ["bottom"] + ["outer"] * (k - 2) + ["top"] + ["inner"] * (len(profile) - k - 1)
    mid_z = (profile[1:, 1] + profile[:-1, 1]) / 2
    labels = [name(float(z), s) for z, s in zip(mid_z, sides_of)]
    start = 0
    for s in range(1, len(labels) + 1):
        if s == len(labels) or labels[s] != labels[start]:
            piece = revolve(profile[start : s + 1], sides)
            piece.rotate(o3d.geometry.get_rotation_matrix_from_xyz((0.0, 0.0, turn)), center=(0.0, 0.0, 0.0))
            b.add(labels[start], piece, colors[labels[start]])
            start = s


def dish(radii: tuple[float, float, float], thickness: float, resolution: int = 16) -> o3d.geometry.TriangleMesh:
    """A concave dish (spoon or ladle bowl): half an ellipsoid of `radii`, its top pressed into a hollow
    `thickness` above the bottom at the centre and meeting it at the rim; bottom at z = 0, rim at z = radii[2]."""
    a, bb, c = radii
    if not 0.0 < thickness < c:
        raise ValueError(f"dish thickness {thickness} must lie in (0, {c})")
    m = o3d.geometry.TriangleMesh.create_sphere(1.0, resolution)
    v = np.asarray(m.vertices).copy()
    w = v[:, 2]
    v[:, 2] = np.where(w < 0.0, c * w, -(c - thickness) * w) + c
    v[:, 0] *= a
    v[:, 1] *= bb
    m.vertices = o3d.utility.Vector3dVector(v)
    return m


def loop_handle(p0: tuple[float, float, float], p1: tuple[float, float, float], bulge: tuple[float, float, float],
                radius: float, n: int = 18) -> o3d.geometry.TriangleMesh:
    """A C-shaped handle: a tube from p0 to p1 bowing out by `bulge`; its ends meet whatever p0 and p1 touch."""
    return tube(arch(np.asarray(p0, float), np.asarray(p1, float), np.asarray(bulge, float), n), radius, 10)
