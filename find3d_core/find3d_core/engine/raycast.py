"""CPU ray casting of placed part-labelled meshes into per-pixel depth, ids and shaded colour.

Uses open3d's RaycastingScene (Embree, no display needed; open3d's offscreen renderer does not run
headless here). One ray per pixel, all cast in one call. The camera follows the optical convention of
ROS `*_optical_frame`s and OpenCV: z forward, x right, y down; pixel (u, v) looks along
((u - cx) / fx, (v - cy) / fy, 1) with pixel centres at integer coordinates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import open3d as o3d

from find3d_core.engine.procedural import ProceduralObject


@dataclass(frozen=True)
class Intrinsics:
    """Pinhole intrinsics in pixels, and the image size."""

    fx: float
    fy: float
    cx: float
    cy: float
    width: int
    height: int

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"image size must be positive, got {self.width}x{self.height}")
        if not (self.fx > 0 and self.fy > 0):
            raise ValueError(f"focal lengths must be positive, got fx={self.fx}, fy={self.fy}")

    def ray_directions(self) -> np.ndarray:
        """(h, w, 3) camera-frame ray directions with z = 1, so a hit distance along one is its depth."""
        u = (np.arange(self.width, dtype=np.float32) - self.cx) / self.fx
        v = (np.arange(self.height, dtype=np.float32) - self.cy) / self.fy
        d = np.empty((self.height, self.width, 3), dtype=np.float32)
        d[..., 0] = u[None, :]
        d[..., 1] = v[:, None]
        d[..., 2] = 1.0
        return d


@dataclass
class PlacedObject:
    """An object and its 4x4 object-to-world pose."""

    obj: ProceduralObject
    pose: np.ndarray

    def __post_init__(self) -> None:
        self.pose = check_pose(self.pose, "object pose")

    def world_vertices(self) -> np.ndarray:
        v = self.obj.vertices
        return v @ self.pose[:3, :3].T + self.pose[:3, 3]


@dataclass
class RenderResult:
    """Per-pixel render output, all (h, w[, 3]).

    depth: float32 metres along the optical axis, inf where no surface is hit.
    object_id: int32 index into the rendered objects, -1 for no hit.
    triangle_id: int64 triangle index within that object's mesh, -1 for no hit.
    part_id: int32 index into that object's `part_names`, -1 for no hit.
    color: float32 RGB in [0, 1], Lambert-shaded vertex colour; `background` where no hit.
    normal: float32 unit surface normal in the camera frame, turned to face the camera (zeros for no hit).
    barycentric: float32 (h, w, 3) weights of the hit triangle's three vertices (zeros for no hit), for
        texture lookups.
    """

    depth: np.ndarray
    object_id: np.ndarray
    triangle_id: np.ndarray
    part_id: np.ndarray
    color: np.ndarray
    normal: np.ndarray
    barycentric: np.ndarray | None = None

    @property
    def hit(self) -> np.ndarray:
        return self.object_id >= 0


def check_pose(pose: np.ndarray, what: str) -> np.ndarray:
    """A float64 4x4 rigid transform, or ValueError saying what is wrong."""
    pose = np.asarray(pose, dtype=np.float64)
    if pose.shape != (4, 4):
        raise ValueError(f"{what} must be a 4x4 homogeneous matrix, got shape {pose.shape}")
    r = pose[:3, :3]
    rigid = np.allclose(r @ r.T, np.eye(3), atol=1e-5) and np.allclose(pose[3], [0, 0, 0, 1])
    if not np.all(np.isfinite(pose)) or not rigid:
        raise ValueError(f"{what} must be a rigid transform (orthonormal rotation, last row 0 0 0 1)")
    return pose


class RaycastScene:
    """Placed objects loaded once into a ray-casting scene; render as many views as needed."""

    def __init__(self, objects: Sequence[PlacedObject]) -> None:
        if len(objects) == 0:
            raise ValueError("a scene needs at least one placed object")
        self.objects = list(objects)
        self._scene = o3d.t.geometry.RaycastingScene()
        self._geometry_object: dict[int, int] = {}
        for i, placed in enumerate(self.objects):
            gid = self._scene.add_triangles(
                o3d.core.Tensor(placed.world_vertices().astype(np.float32)),
                o3d.core.Tensor(placed.obj.triangles.astype(np.uint32)),
            )
            self._geometry_object[int(gid)] = i
        # Lookup tables so that per-pixel ids and colours are gathers, not loops over pixels.
        self._object_of_geometry = np.full(max(self._geometry_object) + 1, -1, dtype=np.int32)
        for gid, i in self._geometry_object.items():
            self._object_of_geometry[gid] = i

    def render(
        self,
        intrinsics: Intrinsics,
        camera_pose: np.ndarray,
        light_dir_camera: Sequence[float] = (-0.3, -0.6, -1.0),
        ambient: float = 0.35,
        background: Sequence[float] = (0.0, 0.0, 0.0),
    ) -> RenderResult:
        """Render from `camera_pose` (4x4 camera-to-world, optical convention).

        Shading: colour * (ambient + (1 - ambient) * max(0, n . l)) with `light_dir_camera` the
        direction towards the light in the camera frame (default: above-left of the camera, a headlight
        that lights whatever the camera sees).
        """
        pose = check_pose(camera_pose, "camera_pose")
        if not 0.0 <= ambient <= 1.0:
            raise ValueError(f"ambient must be in [0, 1], got {ambient}")
        rot, origin = pose[:3, :3], pose[:3, 3]
        dirs_cam = intrinsics.ray_directions()
        rays = np.empty((intrinsics.height, intrinsics.width, 6), dtype=np.float32)
        rays[..., :3] = origin
        rays[..., 3:] = dirs_cam @ rot.T.astype(np.float32)
        out = self._scene.cast_rays(o3d.core.Tensor(rays))

        depth = out["t_hit"].numpy()  # direction z = 1 in the camera frame, so t is depth
        hit = np.isfinite(depth)
        gid = out["geometry_ids"].numpy()
        obj = np.full(depth.shape, -1, dtype=np.int32)
        obj[hit] = self._object_of_geometry[gid[hit]]
        tri = np.full(depth.shape, -1, dtype=np.int64)
        tri[hit] = out["primitive_ids"].numpy()[hit]
        part = np.full(depth.shape, -1, dtype=np.int32)
        color = np.empty(depth.shape + (3,), dtype=np.float32)
        color[:] = np.asarray(background, dtype=np.float32)

        uv = out["primitive_uvs"].numpy()[hit]
        obj_hit, tri_hit = obj[hit], tri[hit]
        albedo = np.empty((len(obj_hit), 3), dtype=np.float32)
        part_hit = np.empty(len(obj_hit), dtype=np.int32)
        for i, placed in enumerate(self.objects):  # loop over objects, vectorised over their pixels
            sel = obj_hit == i
            t = tri_hit[sel]
            part_hit[sel] = placed.obj.triangle_part[t]
            vc = placed.obj.vertex_colors[placed.obj.triangles[t]]  # (n, 3 vertices, rgb)
            w = np.stack([1.0 - uv[sel, 0] - uv[sel, 1], uv[sel, 0], uv[sel, 1]], axis=1)
            albedo[sel] = np.einsum("nk,nkc->nc", w, vc)
        part[hit] = part_hit

        # Normals to the camera frame, flipped to face the viewer (thin walls are seen from both sides).
        n = out["primitive_normals"].numpy()[hit] @ rot.astype(np.float32)
        n /= np.linalg.norm(n, axis=1, keepdims=True) + 1e-12
        flip = np.einsum("nc,nc->n", n, dirs_cam[hit]) > 0
        n[flip] *= -1
        normal = np.zeros(depth.shape + (3,), dtype=np.float32)
        normal[hit] = n

        light = np.asarray(light_dir_camera, dtype=np.float32)
        light /= np.linalg.norm(light)
        lambert = np.clip(n @ light, 0.0, 1.0)
        color[hit] = np.clip(albedo * (ambient + (1.0 - ambient) * lambert)[:, None], 0.0, 1.0)
        depth = np.where(hit, depth, np.inf).astype(np.float32)
        bary = np.zeros(depth.shape + (3,), dtype=np.float32)
        bary[hit] = np.stack([1.0 - uv[:, 0] - uv[:, 1], uv[:, 0], uv[:, 1]], axis=1)
        return RenderResult(depth=depth, object_id=obj, triangle_id=tri, part_id=part, color=color, normal=normal,
                            barycentric=bary)


def render(
    objects: Sequence[PlacedObject], intrinsics: Intrinsics, camera_pose: np.ndarray, **shading: Any
) -> RenderResult:
    """One-off render of `objects` (see `RaycastScene.render` for shading options)."""
    return RaycastScene(objects).render(intrinsics, camera_pose, **shading)


def look_at(eye: Sequence[float], target: Sequence[float], up: Sequence[float] = (0.0, 0.0, 1.0)) -> np.ndarray:
    """4x4 camera-to-world pose (optical convention) of a camera at `eye` looking at `target`."""
    eye, target, up = (np.asarray(a, dtype=np.float64) for a in (eye, target, up))
    forward = target - eye
    if np.linalg.norm(forward) < 1e-9:
        raise ValueError("look_at: eye and target coincide")
    forward /= np.linalg.norm(forward)
    right = np.cross(forward, up)
    if np.linalg.norm(right) < 1e-6:
        raise ValueError("look_at: viewing direction is parallel to `up`; pass another up vector")
    right /= np.linalg.norm(right)
    down = np.cross(forward, right)
    pose = np.eye(4)
    pose[:3, :3] = np.stack([right, down, forward], axis=1)
    pose[:3, 3] = eye
    return pose
