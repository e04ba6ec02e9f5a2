"""Assets: the data engine's input, a triangle mesh whose triangles know their part (if the asset says).

Sources: the procedural library (`procedural_asset`), a local mesh file (`load_mesh_asset`: glTF/GLB,
OBJ, PLY); Objaverse objects are GLB files too (objaverse.py). A mesh file's sub-meshes (glTF nodes,
OBJ objects/groups) become parts named after their cleaned node names ("Back_LP" -> "back"); material
names give coarser groups ("M_Armchair_Cushions" -> "cushions" = back + seat). Files are converted to
z-up (glTF and OBJ are y-up by convention; `up` overrides). Textures are kept as per-triangle UVs so
that renders and sampled points get texture colours; vertex colours otherwise.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import open3d as o3d

from find3d_core.engine.procedural import ProceduralObject
from find3d_core.geometry.up import rotation_to_z

MESH_SUFFIXES = (".glb", ".gltf", ".obj", ".ply")
# Words in node and material names that say nothing about the part (exporter and modelling jargon).
_NOISE = {
    "lp", "hp", "low", "high", "lod", "mesh", "meshes", "geo", "geom", "geometry", "obj", "object", "node", "m", "mat",
    "material", "mtl", "default", "polysurface", "group", "shape", "primitive", "model", "part", "submesh", "sg", "poly",
}


@dataclass
class Texture:
    """Per-triangle texture lookup: `uv[t]` (3 corners, 2) into `images[image[t]]` (-1: untextured)."""

    uv: np.ndarray
    image: np.ndarray
    images: list[np.ndarray]

    def sample(self, tri: np.ndarray, bary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """RGB (n, 3) at barycentric coords (n, 3) on triangles `tri`, and which rows were textured."""
        uv = np.einsum("nk,nkc->nc", bary, self.uv[tri])
        rgb = np.zeros((len(tri), 3), dtype=np.float32)
        img_id = self.image[tri]
        for k, img in enumerate(self.images):  # a few images per asset, vectorised over points
            sel = img_id == k
            h, w = img.shape[:2]
            u = np.mod(uv[sel, 0], 1.0) * (w - 1)
            v = (1.0 - np.mod(uv[sel, 1], 1.0)) * (h - 1)  # UV origin bottom-left, image rows top-down
            rgb[sel] = img[np.rint(v).astype(int), np.rint(u).astype(int)]
        return rgb, img_id >= 0


@dataclass
class Asset:
    """One object to label: its part-labelled mesh, provenance, and an optional texture."""

    id: str
    obj: ProceduralObject
    source: dict[str, Any] = field(default_factory=dict)
    texture: Texture | None = None


def procedural_asset(category: str, seed: int) -> Asset:
    """A procedural object as an asset; its id names category and seed, so reruns find it again."""
    from find3d_core.engine.catalog import sample_object

    obj = sample_object(category, seed)
    return Asset(f"proc-{category}-{seed:06d}", obj, {"source": "procedural", "category": category, "seed": seed,
                                                      "variant": obj.variant})


def clean_part_name(raw: str, drop: set[str] | None = None) -> str | None:
    """A human part name from a node/material name, or None when nothing meaningful is left.

    "Back_LP.001" -> "back"; "M_Armchair_Legs" (drop={"armchair"}) -> "legs"; "polySurface12" -> None.
    """
    raw = re.sub(r"\.\d+$", "", raw)
    raw = re.sub(r"(?i)poly_?surface|pCube|pCylinder|pSphere", " ", raw)  # Maya's default names
    raw = re.sub(r"([a-z])([A-Z])", r"\1 \2", raw)
    words = [w.lower() for w in re.split(r"[^A-Za-z]+", raw) if w]
    words = [w for w in words if w not in _NOISE and w not in (drop or set()) and len(w) > 1]
    return " ".join(words) or None


def load_mesh_asset(path: str | Path, up: str | None = None, category: str | None = None) -> Asset:
    """Load a GLB/glTF, OBJ or PLY file as an asset with one part per sub-mesh.

    Raises ValueError for an unsupported suffix or a file without triangles, FileNotFoundError if absent.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"asset {path} does not exist")
    suffix = path.suffix.lower()
    if suffix not in MESH_SUFFIXES:
        raise ValueError(f"{path.name}: unsupported mesh format {suffix!r}; use one of {MESH_SUFFIXES}")
    if suffix in (".glb", ".gltf"):
        pieces = _read_gltf(path)
    elif suffix == ".obj":
        pieces = _read_obj(path)
    else:
        pieces = _read_ply(path)
    pieces = [p for p in pieces if len(p.faces)]
    if not pieces:
        raise ValueError(f"{path.name}: no triangles found")
    up = up or ("z" if suffix == ".ply" else "y")
    category = category or clean_part_name(path.stem) or path.stem
    obj, texture = _assemble(pieces, up, category, drop=set(category.split()))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    source = {"source": "file", "path": str(path), "sha256_16": digest, "up": up}
    return Asset(f"file-{path.stem}-{digest[:8]}", obj, source, texture)


# ---------------------------------------------------------------- readers


@dataclass
class _Piece:
    name: str
    material: str
    vertices: np.ndarray  # (V, 3)
    faces: np.ndarray  # (F, 3)
    uv: np.ndarray | None = None  # (V, 2) per vertex
    color: np.ndarray | None = None  # (V, 3) vertex colours
    base_color: tuple[float, float, float] = (0.7, 0.7, 0.7)
    image: np.ndarray | None = None  # (h, w, 3) float32 texture


def _read_gltf(path: Path) -> list[_Piece]:
    import trimesh

    scene = trimesh.load(path, force="scene")
    pieces = []
    for node in scene.graph.nodes_geometry:
        transform, geom_name = scene.graph[node]
        g = scene.geometry[geom_name]
        if not isinstance(g, trimesh.Trimesh):
            continue
        v = trimesh.transform_points(g.vertices, transform)
        piece = _Piece(str(node), "", np.asarray(v), np.asarray(g.faces))
        _visual_to_piece(g.visual, piece)
        pieces.append(piece)
    return pieces


def _visual_to_piece(visual: Any, piece: _Piece) -> None:
    """Copy material name, base colour, UVs and texture image (or vertex colours) from a trimesh visual."""
    mat = getattr(visual, "material", None)
    if mat is not None:
        piece.material = str(getattr(mat, "name", "") or "")
        img = getattr(mat, "baseColorTexture", None) or getattr(mat, "image", None)
        base = getattr(mat, "baseColorFactor", None)
        if base is None:
            base = getattr(mat, "diffuse", None)
        if base is not None:
            base = np.asarray(base, dtype=np.float64)[:3]
            piece.base_color = tuple((base / 255.0 if base.max() > 1 else base).tolist())
        if img is not None and getattr(visual, "uv", None) is not None:
            piece.image = np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0
            piece.uv = np.asarray(visual.uv, dtype=np.float64)
    elif getattr(visual, "vertex_colors", None) is not None and len(visual.vertex_colors) == len(piece.vertices):
        piece.color = np.asarray(visual.vertex_colors, dtype=np.float64)[:, :3] / 255.0


def _read_obj(path: Path) -> list[_Piece]:
    """A small OBJ reader that keeps `o`/`g` names and `usemtl` materials (general loaders merge them)."""
    v, vt = [], []
    faces: dict[tuple[str, str], list[list[tuple[int, int]]]] = {}
    name, group, material, mtllibs = "", "", "", []
    for line in path.read_text(errors="replace").splitlines():
        tok = line.split()
        if not tok:
            continue
        key = tok[0]
        if key == "v":
            v.append([float(x) for x in tok[1:4]])
        elif key == "vt":
            vt.append([float(x) for x in tok[1:3]])
        elif key == "o":
            name, group = " ".join(tok[1:]), ""
        elif key == "g":
            group = " ".join(tok[1:])
        elif key == "usemtl":
            material = " ".join(tok[1:])
        elif key == "mtllib":
            mtllibs.append(" ".join(tok[1:]))
        elif key == "f":
            corners = []
            for c in tok[1:]:
                parts = c.split("/")
                vi = int(parts[0])
                ti = int(parts[1]) if len(parts) > 1 and parts[1] else 0
                corners.append((vi - 1 if vi > 0 else len(v) + vi, (ti - 1 if ti > 0 else len(vt) + ti) if ti else -1))
            poly = faces.setdefault((name or group or material or "object", material), [])
            poly.extend([corners[0], corners[i], corners[i + 1]] for i in range(1, len(corners) - 1))
    verts, uvs = np.asarray(v, dtype=np.float64).reshape(-1, 3), np.asarray(vt, dtype=np.float64).reshape(-1, 2)
    materials = _read_mtl(path.parent, mtllibs)
    pieces = []
    for (pname, mname), tris in faces.items():
        corners = np.asarray(tris, dtype=np.int64).reshape(-1, 2)  # one vertex per triangle corner
        piece = _Piece(pname, mname, verts[corners[:, 0]], np.arange(len(corners)).reshape(-1, 3))
        mat = materials.get(mname, {})
        piece.base_color = mat.get("Kd", piece.base_color)
        if "image" in mat and (corners[:, 1] >= 0).all() and len(uvs):
            piece.image, piece.uv = mat["image"], uvs[corners[:, 1]]
        pieces.append(piece)
    return pieces


def _read_mtl(folder: Path, names: list[str]) -> dict[str, dict[str, Any]]:
    from PIL import Image

    out: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] = {}
    for name in names:
        f = folder / name
        if not f.is_file():
            continue
        for line in f.read_text(errors="replace").splitlines():
            tok = line.split()
            if not tok:
                continue
            if tok[0] == "newmtl":
                current = out.setdefault(" ".join(tok[1:]), {})
            elif tok[0] == "Kd":
                current["Kd"] = tuple(float(x) for x in tok[1:4])
            elif tok[0] == "map_Kd" and (folder / tok[-1]).is_file():
                current["image"] = np.asarray(Image.open(folder / tok[-1]).convert("RGB"), dtype=np.float32) / 255.0
    return out


def _read_ply(path: Path) -> list[_Piece]:
    mesh = o3d.io.read_triangle_mesh(str(path))
    piece = _Piece(path.stem, "", np.asarray(mesh.vertices), np.asarray(mesh.triangles))
    if mesh.has_vertex_colors():
        piece.color = np.asarray(mesh.vertex_colors)
    return [piece]


# ---------------------------------------------------------------- assembly


def _assemble(pieces: list[_Piece], up: str, category: str, drop: set[str]) -> tuple[ProceduralObject, Texture | None]:
    """Merge pieces into one part-labelled mesh (one part per distinct cleaned node name)."""
    rot = rotation_to_z(up)
    part_names: list[str] = []
    verts, tris, cols, tri_part, tri_uv, tri_img = [], [], [], [], [], []
    images: list[np.ndarray] = []
    material_parts: dict[str, list[str]] = {}
    offset = 0
    for i, p in enumerate(pieces):
        pname = clean_part_name(p.name, drop) or f"part {i}"
        if pname not in part_names:
            part_names.append(pname)
        mname = clean_part_name(p.material, drop)
        if mname:
            material_parts.setdefault(mname, [])
            if pname not in material_parts[mname]:
                material_parts[mname].append(pname)
        verts.append(p.vertices @ rot.T)
        tris.append(p.faces + offset)
        offset += len(p.vertices)
        tri_part.append(np.full(len(p.faces), part_names.index(pname), dtype=np.int32))
        if p.image is not None:
            images.append(p.image)
            tri_uv.append(p.uv[p.faces])
            tri_img.append(np.full(len(p.faces), len(images) - 1))
            # Vertex colours from the texture too: a fallback and what the preview shows.
            c, _ = Texture(p.uv[p.faces], np.zeros(len(p.faces), int), [p.image]).sample(
                np.arange(len(p.faces)).repeat(3), np.tile(np.eye(3), (len(p.faces), 1)))
            col = np.zeros((len(p.vertices), 3))
            col[p.faces.ravel()] = c
            cols.append(col)
        else:
            tri_uv.append(np.zeros((len(p.faces), 3, 2)))
            tri_img.append(np.full(len(p.faces), -1))
            cols.append(p.color if p.color is not None else np.broadcast_to(p.base_color, p.vertices.shape))
    mesh = o3d.geometry.TriangleMesh(
        o3d.utility.Vector3dVector(np.concatenate(verts)), o3d.utility.Vector3iVector(np.concatenate(tris).astype(np.int32))
    )
    mesh.vertex_colors = o3d.utility.Vector3dVector(np.clip(np.concatenate(cols), 0.0, 1.0))
    mesh.compute_triangle_normals()
    tri_part_all = np.concatenate(tri_part)
    colors = np.array([np.asarray(mesh.vertex_colors)[np.asarray(mesh.triangles)[tri_part_all == k][:, 0]].mean(0)
                       for k in range(len(part_names))])
    # Material names are a second granularity: a group of the parts drawn in that material.
    groups = {m: ps for m, ps in material_parts.items() if m not in part_names}
    obj = ProceduralObject(category, mesh, tri_part_all, part_names, colors, groups=groups, variant="file")
    texture = Texture(np.concatenate(tri_uv), np.concatenate(tri_img), images) if images else None
    return obj, texture


def find_mesh_files(folder: str | Path) -> list[Path]:
    """Mesh files under `folder` (recursively), sorted, so runs see assets in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"asset folder {folder} does not exist")
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in MESH_SUFFIXES and p.is_file())

