"""Upright orientation before labelling (Find3D asks its VLM which render of an object is upright).

Candidates are the six rotations that turn one of the asset's axes up (+z as loaded, -z, +-x, +-y), each the
smallest rotation that does so (the object keeps its heading). Two ways to choose:

  gemini     `GeminiUpright`: one oblique render per candidate, sent in one request captioned View 1..6
             (`naming.UPRIGHT_PROMPT`), the number answered is the choice. Answers are cached and counted
             in the request budget like the naming requests; an unusable answer falls back to the heuristic,
             and the provenance says so.
  heuristic  `heuristic_up`, offline, from geometry alone: for each candidate "up" direction (the asset's
             axes and principal axes; the faces of its convex hull when it rests on none of those), the support is the 2-D convex hull of the points within 2 % of the
             lowest; it is stable when the surface centroid projects inside it. The axis with the largest
             stable support wins, and of its two ends the one putting the centroid lower. The orientation
             as loaded is kept while its own support is stable and at least `keep_ratio` of the best (most
             files are upright already). It finds the vertical axis far more often than which end is up: an
             upside-down cup stands as well as an upright one (docs/data_engine.md has the figures).

`make_upright(asset, config)` applies the choice and records it in `asset.source["upright"]` (method,
rotation, which axis became up), so the shard's provenance says how the labelled points were turned.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from find3d_core.engine.assets import Asset
from find3d_core.engine.views import ViewConfig, render_views

AXES = {"+z": (0, 0, 1), "-z": (0, 0, -1), "+x": (1, 0, 0), "-x": (-1, 0, 0), "+y": (0, 1, 0), "-y": (0, -1, 0)}
METHODS = ("none", "heuristic", "gemini")


def rotation_to_up(direction: np.ndarray) -> np.ndarray:
    """The smallest rotation taking `direction` to +z (Rodrigues; a half turn about x for -z)."""
    d = np.asarray(direction, dtype=np.float64)
    d = d / np.linalg.norm(d)
    c = float(d[2])
    if c > 1 - 1e-12:
        return np.eye(3)
    if c < -1 + 1e-12:
        return np.diag([1.0, -1.0, -1.0])
    axis = np.cross(d, [0.0, 0.0, 1.0])
    s = float(np.linalg.norm(axis))
    k = axis / s
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + s * kx + (1 - c) * kx @ kx


def rotate_asset(asset: Asset, rotation: np.ndarray, record: dict[str, Any]) -> Asset:
    """A copy of `asset` turned by `rotation` about the origin, with `record` as its provenance's "upright"."""
    import open3d as o3d

    mesh = o3d.geometry.TriangleMesh(asset.obj.mesh)
    mesh.rotate(np.asarray(rotation, dtype=np.float64), center=(0.0, 0.0, 0.0))
    obj = dataclasses.replace(asset.obj, mesh=mesh)
    record = {**record, "rotation": np.round(rotation, 9).tolist()}
    return dataclasses.replace(asset, obj=obj, source={**asset.source, "upright": record})


# ---------------------------------------------------------------- heuristic


def _surface_centroid(v: np.ndarray, f: np.ndarray) -> np.ndarray:
    tri = v[f]
    area = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    return (tri.mean(axis=1) * area[:, None]).sum(0) / max(area.sum(), 1e-30)


def _principal_axes(v: np.ndarray, f: np.ndarray) -> np.ndarray:
    """(3, 3) rows: principal directions of the surface (area-weighted triangle centroids)."""
    tri = v[f]
    area = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    c = tri.mean(axis=1) - _surface_centroid(v, f)
    _, vecs = np.linalg.eigh((c * area[:, None]).T @ c)
    return vecs.T


def _hull_faces(v: np.ndarray, k: int = 8) -> list[np.ndarray]:
    """Outward normals of the `k` largest faces of the convex hull (coplanar triangles merged): the faces an
    object can rest on, whatever its tilt."""
    try:
        hull = ConvexHull(v)
    except (QhullError, ValueError):  # flat or degenerate: the axes alone
        return []
    tri = v[hull.simplices]
    area = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1) / 2
    faces: dict[tuple, list] = {}
    for n, a in zip(hull.equations[:, :3], area):
        key = tuple(np.round(n, 2))
        face = faces.setdefault(key, [np.zeros(3), 0.0])
        face[0] += a * n
        face[1] += a
    largest = sorted(faces.values(), key=lambda f: -f[1])[:k]
    return [f[0] / np.linalg.norm(f[0]) for f in largest]


def _support(v: np.ndarray, up: np.ndarray, centroid: np.ndarray, band: float) -> tuple[float, bool, float]:
    """(support area, centroid over it, centroid height in [0, 1]) when resting with `up` upwards."""
    h = v @ up
    low, high = h.min(), h.max()
    base = v[h <= low + band]
    a = np.cross(up, [1.0, 0, 0] if abs(up[0]) < 0.9 else [0, 1.0, 0])
    a /= np.linalg.norm(a)
    b = np.cross(up, a)
    try:
        hull = ConvexHull(np.c_[base @ a, base @ b])
    except (QhullError, ValueError):  # a point or a line: no area to stand on
        return 0.0, False, 1.0
    inside = bool((hull.equations[:, :2] @ [centroid @ a, centroid @ b] + hull.equations[:, 2] <= 1e-12).all())
    return float(hull.volume), inside, float((centroid @ up - low) / max(high - low, 1e-30))


def _add_pairs(dirs: list[np.ndarray], new: list[np.ndarray]) -> None:
    """Append each new direction and its opposite (as neighbours), skipping ones already there."""
    for d in new:
        if all(abs(d @ e) < 0.99 for e in dirs):
            dirs += [d, -d]


def heuristic_up(asset: Asset, keep_ratio: float = 0.5, band: float = 0.02) -> tuple[np.ndarray, dict[str, Any]]:
    """The "up" direction (asset frame) chosen from stable supports; see the module docstring."""
    v, f = asset.obj.vertices, asset.obj.triangles
    centroid = _surface_centroid(v, f)
    extent = float((v.max(0) - v.min(0)).max())
    dirs = [np.asarray(d, np.float64) for d in AXES.values()]
    _add_pairs(dirs, list(_principal_axes(v, f)))
    scores = [_support(v, d, centroid, band * extent) for d in dirs]
    if not any(s[1] for s in scores):  # tilted off every axis: try the faces of the convex hull
        _add_pairs(dirs, [-n for n in _hull_faces(v)])  # resting on a face turns its outward normal down
        scores += [_support(v, d, centroid, band * extent) for d in dirs[len(scores):]]
    stable = [s[0] if s[1] else 0.0 for s in scores]
    best = max(stable)
    if best == 0.0 or stable[0] >= keep_ratio * best:  # dirs[0] is +z: the orientation as loaded
        return dirs[0], {"method": "heuristic", "kept": True, "up": [0.0, 0.0, 1.0]}
    k = int(np.argmax(stable))
    pair = [k, k ^ 1]  # the two ends of one axis sit next to each other in `dirs`
    ends = [i for i in pair if scores[i][1]]
    choice = min(ends, key=lambda i: scores[i][2])
    return dirs[choice], {"method": "heuristic", "kept": False, "up": np.round(dirs[choice], 6).tolist()}


# ---------------------------------------------------------------- VLM


def parse_view_number(text: str | None, n: int) -> str | None:
    """"View 3", "3." or "3" -> "3" when 1 <= 3 <= n; anything else -> None."""
    m = re.search(r"\d+", text or "")
    return m.group(0) if m and 1 <= int(m.group(0)) <= n else None


class GeminiUpright:
    """Find3D's upright step through a `GeminiNamer`'s client, cache and budget."""

    def __init__(self, gemini: Any, view: ViewConfig = ViewConfig(n_views=1, size=256, elevations_deg=(20.0,))) -> None:
        self.gemini, self.view = gemini, view

    def candidates(self, asset: Asset) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """(axis name, rotation, render) per candidate; the render looks at the object from 20 degrees up."""
        out = []
        for name, d in AXES.items():
            rot = rotation_to_up(np.asarray(d, np.float64))
            views, _ = render_views(rotate_asset(asset, rot, {}), self.view)
            out.append((name, rot, views[0].image))
        return out

    def choose(self, asset: Asset) -> tuple[np.ndarray, dict[str, Any]]:
        from find3d_core.engine.naming import UPRIGHT_PROMPT

        cands = self.candidates(asset)
        prompt = UPRIGHT_PROMPT.format(n=len(cands))
        answer = self.gemini.ask([c[2] for c in cands], prompt, lambda t: parse_view_number(t, len(cands)),
                                 label_views=True)
        if answer is None:
            up, info = heuristic_up(asset)
            return rotation_to_up(up), {**info, "fallback": "gemini answer unusable"}
        name, rot, _ = cands[int(answer) - 1]
        return rot, {"method": "gemini", "model": self.gemini.model, "view": int(answer), "up_axis": name}


# Built once per worker process (the Gemini client is not picklable), like the pipeline's stages.
_GEMINI: dict[str, GeminiUpright] = {}


def _gemini_for(cfg: Any) -> GeminiUpright:
    from find3d_core.engine.naming import GeminiNamer

    key = repr((cfg.gemini_model, cfg.gemini_cache, cfg.gemini_max_requests, cfg.gemini_base_url))
    if key not in _GEMINI:
        _GEMINI.clear()
        namer = GeminiNamer(cfg.gemini_model, cfg.gemini_cache or "gemini_cache.sqlite", cfg.gemini_max_requests,
                            base_url=cfg.gemini_base_url)
        _GEMINI[key] = GeminiUpright(namer)
    return _GEMINI[key]


def make_upright(asset: Asset, cfg: Any) -> Asset:
    """`asset` turned upright by `cfg.upright` (one of METHODS), the choice in its provenance."""
    if cfg.upright == "none":
        return asset
    if cfg.upright == "gemini":
        rot, info = _gemini_for(cfg).choose(asset)
    else:
        up, info = heuristic_up(asset)
        rot = rotation_to_up(up)
    return rotate_asset(asset, rot, info)
