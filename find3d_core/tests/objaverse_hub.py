"""What the Objaverse hub serves to the `objaverse` package, made here: the object-path index, LVIS and annotation
files, and GLBs of procedural objects (one node per part). Used by the Objaverse and the real-SAM tests."""

from __future__ import annotations

import gzip
import io
import json

import numpy as np

from find3d_core.engine.assets import procedural_asset

ROOT = "/datasets/allenai/objaverse/resolve/main/"
# uid -> (procedural category, seed, licence, LVIS category, metadata folder)
OBJECTS = {
    "a1mug": ("mug", 0, "by", "mug", "000-000"),
    "b2bottle": ("bottle", 1, "cc0", "bottle", "000-000"),
    "c3chair": ("chair", 0, "by-nc", "chair", "000-001"),
    "d4mug": ("mug", 3, "by-nd", "mug", "000-001"),
}
Z_UP_TO_Y_UP = np.array([[1.0, 0, 0], [0, 0, 1], [0, -1, 0]])  # glTF files are y-up


def glb_bytes(category: str, seed: int) -> bytes:
    """A procedural object as a GLB with one node per part (named after the part), y-up like any glTF."""
    import trimesh

    obj = procedural_asset(category, seed).obj
    scene = trimesh.Scene()
    for p, name in enumerate(obj.part_names):
        tri = obj.triangles[obj.triangle_part == p]
        used, faces = np.unique(tri, return_inverse=True)
        colors = (np.c_[obj.vertex_colors[used], np.ones(len(used))] * 255).astype(np.uint8)
        mesh = trimesh.Trimesh(obj.vertices[used] @ Z_UP_TO_Y_UP.T, faces.reshape(-1, 3), vertex_colors=colors,
                               process=False)
        scene.add_geometry(mesh, node_name=name.replace(" ", "_"), geom_name=f"{name}_geometry")
    return scene.export(file_type="glb")


def gz_json(data) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(json.dumps(data).encode())
    return buf.getvalue()


def hub_files() -> dict[str, bytes]:
    files = {ROOT + "object-paths.json.gz": gz_json({u: f"glbs/{o[4]}/{u}.glb" for u, o in OBJECTS.items()})}
    lvis: dict[str, list[str]] = {}
    meta: dict[str, dict] = {}
    for uid, (cat, seed, lic, lvis_cat, folder) in OBJECTS.items():
        lvis.setdefault(lvis_cat, []).append(uid)
        meta.setdefault(folder, {})[uid] = {"uid": uid, "name": f"{cat.title()} {seed}", "license": lic,
                                            "user": {"username": f"artist{seed}"},
                                            "viewerUrl": f"https://sketchfab.example/3d-models/{uid}"}
        files[f"{ROOT}glbs/{folder}/{uid}.glb"] = glb_bytes(cat, seed)
    files[ROOT + "lvis-annotations.json.gz"] = gz_json(lvis)
    for folder, notes in meta.items():
        files[f"{ROOT}metadata/{folder}.json.gz"] = gz_json(notes)
    return files
