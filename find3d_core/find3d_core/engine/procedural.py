"""Procedural objects with named parts: small metric meshes that know which triangle is which part.

A builder draws random proportions from a numpy Generator, so an object is deterministic for a seed and
differs between seeds. Objects are z-up, in metres, standing on z = 0 with their axis of symmetry (if
any) on the z axis.

Meshes are built from open3d primitives (box, torus), lathes (a 2D profile revolved about z), tubes
swept along a path and extruded outlines. Every part is its own vertex set, so per-vertex colours never
bleed across a part boundary.

Part names come at more than one granularity and wording: `part_names` are the finest parts (one per
triangle), `aliases` give other words for a part (synonyms, function words: "grip", "the part you hold"),
and `groups` name unions of parts ("handle" = door handle + drawer handle). The catalogue of categories
(kitchen, tools, furniture, ...) lives in the `catalog` package, built from the primitives here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import open3d as o3d

Color = tuple[float, float, float]


@dataclass
class ProceduralObject:
    """A triangle mesh whose triangles are labelled with part ids.

    `mesh` carries vertex colours; `triangle_part[t]` indexes `part_names` for triangle t;
    `colors[p]` is the base RGB (in [0, 1]) of part p. `aliases[name]` are other wordings of part
    `name`; `groups[coarse]` lists the fine parts that a coarser name covers. `variant` names the shape
    variant the builder drew.
    """

    category: str
    mesh: o3d.geometry.TriangleMesh
    triangle_part: np.ndarray
    part_names: list[str]
    colors: np.ndarray
    aliases: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    variant: str = ""

    def __post_init__(self) -> None:
        self.triangle_part = np.asarray(self.triangle_part, dtype=np.int32)
        self.colors = np.asarray(self.colors, dtype=np.float64).reshape(-1, 3)
        n_tri = len(self.mesh.triangles)
        if self.triangle_part.shape != (n_tri,):
            raise ValueError(
                f"triangle_part has shape {self.triangle_part.shape}, expected ({n_tri},): one part id per triangle"
            )
        if len(self.colors) != len(self.part_names):
            raise ValueError(f"{len(self.colors)} part colours for {len(self.part_names)} part names")
        if n_tri and (self.triangle_part.min() < 0 or self.triangle_part.max() >= len(self.part_names)):
            raise ValueError(f"triangle_part ids must lie in [0, {len(self.part_names)})")
        if not self.mesh.has_vertex_colors():
            raise ValueError("mesh needs vertex colours (paint each part before building the object)")
        unknown = [n for n in self.aliases if n not in self.part_names and n not in self.groups]
        unknown += [p for parts in self.groups.values() for p in parts if p not in self.part_names]
        if unknown:
            raise ValueError(f"aliases/groups name parts {unknown} that {self.category} does not have: {self.part_names}")

    def wordings(self, name: str) -> list[str]:
        """Every wording of part or group `name`: the name itself first, then its aliases."""
        return [name] + [a for a in self.aliases.get(name, []) if a != name]

    @property
    def vertices(self) -> np.ndarray:
        """(V, 3) float64 vertex positions."""
        return np.asarray(self.mesh.vertices)

    @property
    def triangles(self) -> np.ndarray:
        """(T, 3) int32 vertex indices."""
        return np.asarray(self.mesh.triangles)

    @property
    def vertex_colors(self) -> np.ndarray:
        """(V, 3) float64 RGB in [0, 1]."""
        return np.asarray(self.mesh.vertex_colors)

    def part_id(self, name: str) -> int:
        """Index of part `name`; ValueError naming the parts if absent."""
        if name not in self.part_names:
            raise ValueError(f"{self.category} has no part {name!r}; its parts are {self.part_names}")
        return self.part_names.index(name)

    def footprint_radius(self) -> float:
        """Largest horizontal distance of any vertex from the z axis (for placing objects apart)."""
        return float(np.linalg.norm(self.vertices[:, :2], axis=1).max())

    def height(self) -> float:
        return float(self.vertices[:, 2].max())


class PartMesh:
    """Collects meshes part by part, then merges them into one ProceduralObject.

    Pieces added under the same name share one part id (e.g. four table legs are part "leg").
    """

    def __init__(self) -> None:
        self._pieces: list[tuple[int, o3d.geometry.TriangleMesh]] = []
        self._names: list[str] = []
        self._colors: list[Color] = []
        self._aliases: dict[str, list[str]] = {}
        self._groups: dict[str, list[str]] = {}

    def alias(self, name: str, *words: str) -> PartMesh:
        """Other wordings of part (or group) `name`."""
        self._aliases.setdefault(name, []).extend(w for w in words if w not in self._aliases.get(name, []))
        return self

    def group(self, name: str, *parts: str) -> PartMesh:
        """A coarser name covering several fine parts (only those that were added are kept)."""
        self._groups[name] = list(parts)
        return self

    def add(self, name: str, mesh: o3d.geometry.TriangleMesh, color: Color) -> PartMesh:
        """Add `mesh` as (a piece of) part `name`; the part's first colour is kept."""
        if len(mesh.triangles) == 0:
            raise ValueError(f"piece of part {name!r} has no triangles")
        if name not in self._names:
            self._names.append(name)
            self._colors.append(tuple(float(c) for c in color))
        self._pieces.append((self._names.index(name), mesh))
        return self

    def build(self, category: str, ground: bool = False, variant: str = "") -> ProceduralObject:
        """Merge the pieces; `ground` shifts the object so that it stands on z = 0."""
        verts, tris, cols, parts = [], [], [], []
        offset = 0
        for pid, piece in self._pieces:
            v = np.asarray(piece.vertices)
            verts.append(v)
            tris.append(np.asarray(piece.triangles) + offset)
            cols.append(np.broadcast_to(self._colors[pid], v.shape))
            parts.append(np.full(len(piece.triangles), pid, dtype=np.int32))
            offset += len(v)
        mesh = o3d.geometry.TriangleMesh(
            o3d.utility.Vector3dVector(np.concatenate(verts)),
            o3d.utility.Vector3iVector(np.concatenate(tris).astype(np.int32)),
        )
        mesh.vertex_colors = o3d.utility.Vector3dVector(np.concatenate(cols))
        if ground:
            mesh.translate((0.0, 0.0, -np.asarray(mesh.vertices)[:, 2].min()))
        mesh.compute_triangle_normals()
        aliases = {n: list(w) for n, w in self._aliases.items() if n in self._names}
        groups = {g: [p for p in ps if p in self._names] for g, ps in self._groups.items()}
        groups = {g: ps for g, ps in groups.items() if len(ps) >= 2 or (ps and g != ps[0])}
        # An alias may also describe a group.
        aliases.update({g: list(w) for g, w in self._aliases.items() if g in groups and g not in self._names})
        return ProceduralObject(
            category, mesh, np.concatenate(parts), list(self._names), np.array(self._colors), aliases, groups, variant
        )


# ---------------------------------------------------------------- geometry helpers


def revolve(profile: np.ndarray, sides: int = 48) -> o3d.geometry.TriangleMesh:
    """Surface of revolution of a (K, 2) polyline of (radius, z) points about the z axis.

    Walk the profile with the material on the left (counter-clockwise around it in the (r, z) plane):
    bottoms outwards, outer walls upwards, inner walls downwards; triangle normals then point out of the
    material.
    Zero-area triangles (where the profile touches the axis) are dropped.
    """
    profile = np.asarray(profile, dtype=np.float64)
    if profile.ndim != 2 or profile.shape[1] != 2 or len(profile) < 2:
        raise ValueError(f"profile must be (K>=2, 2) (radius, z) points, got shape {profile.shape}")
    k = len(profile)
    ang = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    r, z = profile[:, 0:1], profile[:, 1:2]
    verts = np.stack([r * np.cos(ang), r * np.sin(ang), np.broadcast_to(z, (k, sides))], axis=-1).reshape(-1, 3)
    i, j = np.meshgrid(np.arange(k - 1), np.arange(sides), indexing="ij")
    a = i * sides + j
    b = i * sides + (j + 1) % sides
    c = (i + 1) * sides + (j + 1) % sides
    d = (i + 1) * sides + j
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    p = verts[tris]
    area2 = np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1)
    tris = tris[area2 > 1e-12]
    return o3d.geometry.TriangleMesh(
        o3d.utility.Vector3dVector(verts), o3d.utility.Vector3iVector(tris.astype(np.int32))
    )


def revolve_parts(
    builder: PartMesh, profile: np.ndarray, segment_part: list[str], colors: dict[str, Color], sides: int = 48
) -> None:
    """Revolve `profile` and add each run of consecutive segments with the same part name as one piece."""
    if len(segment_part) != len(profile) - 1:
        raise ValueError(f"{len(segment_part)} segment labels for {len(profile) - 1} profile segments")
    start = 0
    for s in range(1, len(segment_part) + 1):
        if s == len(segment_part) or segment_part[s] != segment_part[start]:
            name = segment_part[start]
            builder.add(name, revolve(profile[start : s + 1], sides), colors[name])
            start = s


def box(size: tuple[float, float, float], center: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """Axis-aligned box of `size` centred at `center`."""
    m = o3d.geometry.TriangleMesh.create_box(*size)
    m.translate(np.asarray(center) - np.asarray(size) / 2.0)
    return m


def cylinder(radius: float, height: float, z0: float = 0.0, sides: int = 32, radius_top: float | None = None) -> o3d.geometry.TriangleMesh:
    """Closed (truncated) cone about the z axis from z0 to z0 + height."""
    rt = radius if radius_top is None else radius_top
    return revolve(np.array([(0.0, z0), (radius, z0), (rt, z0 + height), (0.0, z0 + height)]), sides)


def ellipsoid(radii: tuple[float, float, float], center: tuple[float, float, float], resolution: int = 16) -> o3d.geometry.TriangleMesh:
    """Axis-aligned ellipsoid."""
    m = o3d.geometry.TriangleMesh.create_sphere(1.0, resolution)
    v = np.asarray(m.vertices) * np.asarray(radii) + np.asarray(center)
    m.vertices = o3d.utility.Vector3dVector(v)
    return m


def transform(mesh: o3d.geometry.TriangleMesh, rotation_xyz: tuple[float, float, float] = (0.0, 0.0, 0.0),
              translation: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> o3d.geometry.TriangleMesh:
    """Rotate `mesh` about the origin by Euler angles (x, y, z; radians), then translate it; in place."""
    mesh.rotate(o3d.geometry.get_rotation_matrix_from_xyz(np.asarray(rotation_xyz, dtype=np.float64)), center=(0, 0, 0))
    mesh.translate(np.asarray(translation, dtype=np.float64))
    return mesh


def tube(path: np.ndarray, radius: float | np.ndarray, sides: int = 12) -> o3d.geometry.TriangleMesh:
    """A tube of circular cross-section swept along a (K, 3) polyline (ends capped).

    Cross-sections are oriented by a rotation-minimising (parallel-transport) frame, so the tube never twists.
    """
    path = np.asarray(path, dtype=np.float64)
    if path.ndim != 2 or path.shape[1] != 3 or len(path) < 2:
        raise ValueError(f"tube path must be (K>=2, 3) points, got shape {path.shape}")
    k = len(path)
    rad = np.broadcast_to(np.asarray(radius, dtype=np.float64), (k,))
    tang = np.gradient(path, axis=0)
    tang /= np.linalg.norm(tang, axis=1, keepdims=True) + 1e-12
    ref = np.array([0.0, 0.0, 1.0]) if abs(tang[0, 2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    normals = np.empty_like(path)
    n = np.cross(tang[0], ref)
    for i in range(k):  # K is a few dozen path points, not points of a cloud
        n = n - tang[i] * (n @ tang[i])
        n /= np.linalg.norm(n) + 1e-12
        normals[i] = n
    binormals = np.cross(tang, normals)
    ang = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    ring = np.cos(ang)[None, :, None] * normals[:, None] + np.sin(ang)[None, :, None] * binormals[:, None]
    verts = (path[:, None] + rad[:, None, None] * ring).reshape(-1, 3)
    i, j = np.meshgrid(np.arange(k - 1), np.arange(sides), indexing="ij")
    a, b = i * sides + j, i * sides + (j + 1) % sides
    c, d = (i + 1) * sides + (j + 1) % sides, (i + 1) * sides + j
    tris = [np.stack([a, c, b], -1).reshape(-1, 3), np.stack([a, d, c], -1).reshape(-1, 3)]
    ends = np.array([path[0], path[-1]])
    start, end = k * sides, k * sides + 1
    ring0, ring1 = np.arange(sides), (k - 1) * sides + np.arange(sides)
    tris += [np.stack([np.full(sides, start), np.roll(ring0, -1), ring0], -1),
             np.stack([np.full(sides, end), ring1, np.roll(ring1, -1)], -1)]
    return o3d.geometry.TriangleMesh(
        o3d.utility.Vector3dVector(np.vstack([verts, ends])),
        o3d.utility.Vector3iVector(np.concatenate(tris).astype(np.int32)),
    )


def extrude(outline: np.ndarray, thickness: float) -> o3d.geometry.TriangleMesh:
    """A slab: a (K, 2) outline in the x-y plane, star-shaped about its centroid, extruded from z = 0 up.

    Caps are fans from the centroid, hence the star-shape condition (blades, guitar bodies, wings are).
    """
    outline = np.asarray(outline, dtype=np.float64)
    if outline.ndim != 2 or outline.shape[1] != 2 or len(outline) < 3:
        raise ValueError(f"outline must be (K>=3, 2) points, got shape {outline.shape}")
    x, y = outline[:, 0], outline[:, 1]
    if (x * np.roll(y, -1) - np.roll(x, -1) * y).sum() < 0:
        outline = outline[::-1]  # counter-clockwise, so that side normals point outwards
    k = len(outline)
    c = outline.mean(axis=0)
    bottom = np.column_stack([outline, np.zeros(k)])
    top = np.column_stack([outline, np.full(k, thickness)])
    verts = np.vstack([bottom, top, [[c[0], c[1], 0.0], [c[0], c[1], thickness]]])
    i = np.arange(k)
    j = (i + 1) % k
    tris = np.concatenate([
        np.stack([i, j, k + j], -1), np.stack([i, k + j, k + i], -1),  # sides
        np.stack([np.full(k, 2 * k), j, i], -1),  # bottom cap, facing -z
        np.stack([np.full(k, 2 * k + 1), k + i, k + j], -1),  # top cap, facing +z
    ])
    return o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(verts), o3d.utility.Vector3iVector(tris.astype(np.int32)))


def arc(center: tuple[float, float], radii: tuple[float, float], t0: float, t1: float, n: int) -> np.ndarray:
    """(n, 2) points of an axis-aligned elliptical arc in the (r, z) plane, angles from +r towards +z."""
    t = np.linspace(t0, t1, n)
    return np.stack([center[0] + radii[0] * np.cos(t), center[1] + radii[1] * np.sin(t)], -1)


def jitter(rng: np.random.Generator, base: Color, amount: float = 0.06) -> Color:
    """A colour near `base`: the same kind of object should not always be the exact same shade."""
    return tuple(np.clip(np.asarray(base) + rng.uniform(-amount, amount, 3), 0.0, 1.0).tolist())


def pick(rng: np.random.Generator, palette: list[Color]) -> Color:
    return jitter(rng, palette[rng.integers(len(palette))])


# ---------------------------------------------------------------- shared by the catalogue

METAL = [(0.75, 0.76, 0.78), (0.6, 0.62, 0.65), (0.85, 0.83, 0.78)]
DARK = [(0.1, 0.1, 0.1), (0.2, 0.18, 0.16), (0.15, 0.17, 0.22)]
WOOD = [(0.6, 0.42, 0.26), (0.78, 0.65, 0.48), (0.35, 0.25, 0.18)]
BRIGHT = [(0.8, 0.15, 0.12), (0.15, 0.35, 0.75), (0.95, 0.75, 0.1), (0.2, 0.55, 0.3), (0.9, 0.45, 0.1)]
PALE = [(0.92, 0.92, 0.9), (0.85, 0.8, 0.7), (0.7, 0.78, 0.85)]
HOLD = ("grip", "the part you hold")


def pick_variant(rng: np.random.Generator, names: list[str]) -> str:
    return names[int(rng.integers(len(names)))]


def arch(p0: np.ndarray, p1: np.ndarray, lift: np.ndarray, n: int = 16) -> np.ndarray:
    """(n, 3) half-ellipse path from p0 to p1 bulging by `lift` (a vector) in the middle."""
    t = np.linspace(0.0, np.pi, n)
    return p0 + (p1 - p0) * ((1 - np.cos(t)) / 2)[:, None] + np.sin(t)[:, None] * lift


Builder = Callable[[np.random.Generator], ProceduralObject]
