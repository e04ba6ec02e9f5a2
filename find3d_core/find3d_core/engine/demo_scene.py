"""A tabletop scene seen by a robot's head camera: the demo's input, with per-point ground truth.

A table with a mug, a bottle and a bowl standing in a row 5-15 cm apart, captured by the virtual
RGB-D camera from 0.8-1.0 m, looking down 30-45 degrees. Everything random is drawn from `seed`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from find3d_core.engine.catalog import build_object
from find3d_core.engine.depth_camera import VirtualDepthCamera
from find3d_core.engine.procedural import ProceduralObject
from find3d_core.engine.raycast import Intrinsics, PlacedObject, look_at
from find3d_core.geometry.cloud import PointCloud

TABLETOP_CATEGORIES = ("mug", "bottle", "bowl")


@dataclass
class DemoScene:
    """An organized cloud (camera optical frame) and what each of its points is.

    `object_id[i]` indexes `objects` / `object_names` (-1: nothing); `part_id[i]` indexes that object's
    `part_names` (-1: nothing). `camera_pose` is camera-to-world (world: z up, table on the floor at z = 0).
    """

    cloud: PointCloud
    object_id: np.ndarray
    part_id: np.ndarray
    objects: list[PlacedObject]
    camera_pose: np.ndarray
    intrinsics: Intrinsics

    @property
    def object_names(self) -> list[str]:
        return [p.obj.category for p in self.objects]

    def point_object_names(self) -> np.ndarray:
        """(N,) str: category of the object under each pixel, "" where nothing was hit."""
        table = np.array([""] + self.object_names)
        return table[self.object_id + 1]

    def point_part_names(self) -> np.ndarray:
        """(N,) str: part name under each pixel, "" where nothing was hit."""
        names = [""]
        offsets = np.zeros(len(self.objects), dtype=np.int64)
        for i, placed in enumerate(self.objects):
            offsets[i] = len(names)
            names.extend(placed.obj.part_names)
        flat = np.zeros(len(self.object_id), dtype=np.int64)
        hit = self.object_id >= 0
        flat[hit] = offsets[self.object_id[hit]] + self.part_id[hit]
        return np.array(names)[flat]

    def mask(self, object_name: str, part_name: str | None = None) -> np.ndarray:
        """(N,) bool: valid (finite) points on `part_name` of every object of category `object_name`."""
        if object_name not in self.object_names:
            raise ValueError(f"no {object_name!r} in the scene; objects: {self.object_names}")
        m = self.cloud.finite_mask() & (self.point_object_names() == object_name)
        if part_name is not None:
            parts = {n for p in self.objects if p.obj.category == object_name for n in p.obj.part_names}
            if part_name not in parts:
                raise ValueError(f"{object_name} has no part {part_name!r}; its parts: {sorted(parts)}")
            m &= self.point_part_names() == part_name
        return m


def _pose(x: float, y: float, z: float, yaw: float) -> np.ndarray:
    c, s = np.cos(yaw), np.sin(yaw)
    pose = np.eye(4)
    pose[:3, :3] = [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
    pose[:3, 3] = (x, y, z)
    return pose


def _place_row(objs: list[ProceduralObject], rng: np.random.Generator, z: float) -> list[np.ndarray]:
    """Poses for `objs` in a row along world x, 5-15 cm between their footprint circles, centred on 0."""
    radii = np.array([o.footprint_radius() for o in objs])
    gaps = rng.uniform(0.05, 0.15, len(objs) - 1)
    centers = np.concatenate([[0.0], np.cumsum(radii[:-1] + gaps + radii[1:])])
    centers -= (centers[0] - radii[0] + centers[-1] + radii[-1]) / 2
    poses = []
    for o, x in zip(objs, centers):
        if o.category == "mug":
            # Handle (built along +x) to the right or left, turned up to 45 deg towards the camera (at -y),
            # so that it shows in the frame.
            turn = rng.uniform(0.0, np.pi / 4)
            yaw = -turn if rng.random() < 0.5 else np.pi + turn
        else:
            yaw = rng.uniform(-np.pi, np.pi)
        poses.append(_pose(x, rng.uniform(-0.03, 0.03), z, yaw))
    return poses


def make_demo_scene(seed: int = 0, camera: VirtualDepthCamera | None = None) -> DemoScene:
    """Build the tabletop, place the objects, and capture one RGB-D frame."""
    rng = np.random.default_rng(seed)
    camera = camera or VirtualDepthCamera()
    table = build_object("table", rng)
    top_z = table.height()
    objs = [build_object(str(c), rng) for c in rng.permutation(TABLETOP_CATEGORIES)]
    placed = [PlacedObject(table, np.eye(4))]
    placed += [PlacedObject(o, p) for o, p in zip(objs, _place_row(objs, rng, top_z))]

    # Head camera in front of the table (-y side), looking at the row from 0.8-1.0 m, pitched down.
    distance = rng.uniform(0.8, 1.0)
    pitch = np.deg2rad(rng.uniform(30.0, 45.0))
    azimuth = np.deg2rad(rng.uniform(-10.0, 10.0))
    target = np.array([0.0, 0.0, top_z + 0.05])
    forward = np.array([np.sin(azimuth) * np.cos(pitch), np.cos(azimuth) * np.cos(pitch), -np.sin(pitch)])
    camera_pose = look_at(target - distance * forward, target)

    cap = camera.capture(placed, camera_pose, rng)
    return DemoScene(
        cloud=cap.cloud, object_id=cap.object_id, part_id=cap.part_id, objects=placed,
        camera_pose=camera_pose, intrinsics=camera.intrinsics,
    )
