"""Robot captures: what a depth camera on a robot sees, labelled per point from the mesh parts.

Find3D trains on complete objects sampled from the mesh; a robot sees one side of them, from a head or wrist camera,
through a noisy sensor, often with other things on the same table. A capture job builds such a frame:

1. scene: the job's object alone, or on a support plane with 0-4 other catalogue objects as clutter;
2. camera: robot-like poses (0.3-2 m and farther for large objects, elevation 10-75 degrees, any azimuth, a little
   roll), one view or 2-3 views fused into the first camera's frame;
3. sensor: one of the `depth_camera.SENSORS` profiles (active stereo, structured light, passive stereo), with or
   without colour; every pixel keeps the object and part its ray hit, so labels survive noise and occlusion;
4. objects: the predictor's own preparation (`inference.prepare.object_clouds`: clean -> scene split -> levelling)
   cuts the frame into objects exactly as it will at inference; each cluster dominated by one catalogue object
   becomes a record with its points, normals estimated as the predictor estimates them, and a mask per visible part
   (and per coarse group), worded by `phrasing.name_part` (VLM-like phrasings for training, the canonical part names
   for evaluation sets).
"""

from __future__ import annotations

import hashlib
import time
import zlib
from dataclasses import dataclass

import numpy as np

from find3d_core.engine.catalog import sample_object
from find3d_core.engine.depth_camera import SENSORS, sensor_camera
from find3d_core.engine.phrasing import name_part
from find3d_core.engine.procedural import DARK, PALE, WOOD, PartMesh, ProceduralObject, box, pick
from find3d_core.engine.raycast import PlacedObject, RaycastScene, look_at
from find3d_core.engine.shards import ObjectRecord
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.normals import estimate_normals
from find3d_core.geometry.preprocess import PreprocessConfig
from find3d_core.inference.prepare import ObjectCloud, PrepareConfig, object_clouds

SUPPORT = "support"


@dataclass(frozen=True)
class CaptureConfig:
    """How robot captures are drawn (part of the engine config, so of the dataset's identity)."""

    sensors: tuple[str, ...] = tuple(sorted(SENSORS))
    width: int = 640
    height: int = 480
    scene_share: float = 0.6  # captures with a support plane and clutter; the rest show the object alone
    max_objects: int = 5  # objects in a scene, the job's own included
    fused_share: float = 0.25  # captures fused from 2-3 views
    distance: tuple[float, float] = (0.3, 2.0)  # metres; stretched for objects too large to fit at 2 m
    elevation_deg: tuple[float, float] = (10.0, 75.0)
    roll_deg: float = 5.0  # standard deviation of the camera's roll about its optical axis
    color_share: float = 0.8  # captures with colour; the rest are depth-only clouds
    min_object_share: float = 0.6  # a cluster becomes a record when one object holds this share of its points
    min_object_coverage: float = 0.5  # ... and holds this share of that object's points in the frame: smaller
    # clusters are fragments the scene split cut off (a chair leg alone), whose one-part answer says nothing of parts
    min_object_points: int = 150
    min_mask_points: int = 8
    max_record_points: int = 16384  # stored per object: a uniform subset (training resamples to a few thousand)

    def __post_init__(self) -> None:
        unknown = [s for s in self.sensors if s not in SENSORS]
        if unknown or not self.sensors:
            raise ValueError(f"unknown sensors {unknown}; known: {sorted(SENSORS)}")
        for name in ("scene_share", "fused_share", "color_share", "min_object_share", "min_object_coverage"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"CaptureConfig.{name} must be in [0, 1], got {getattr(self, name)}")
        if not 0 < self.distance[0] <= self.distance[1] or not 0 <= self.elevation_deg[0] <= self.elevation_deg[1] < 90:
            raise ValueError(f"bad distance {self.distance} or elevation {self.elevation_deg} range")
        if min(self.max_objects, self.min_object_points, self.min_mask_points, self.max_record_points) < 1:
            raise ValueError("max_objects, min_object_points and min_mask_points must be >= 1")


@dataclass
class Frame:
    """One (possibly fused) capture: the cloud in the frame the predictor gets, and per-row ground truth."""

    cloud: PointCloud
    object_id: np.ndarray  # (N,) index into `objects`, -1 = nothing
    part_id: np.ndarray  # (N,) index into that object's part names
    triangle_id: np.ndarray  # (N,)
    prepare: PrepareConfig  # how the predictor would be called on it
    meta: dict


def job_rng(category: str, seed: int, engine_seed: int) -> np.random.Generator:
    return np.random.default_rng([engine_seed, seed, zlib.crc32(category.encode())])


def support_plane(extent: float, rng: np.random.Generator) -> ProceduralObject:
    """A table top or floor slab (top face at z = 0) `extent` metres square."""
    slab = PartMesh().add("surface", box((extent, extent, 0.04), (0.0, 0.0, -0.02)), pick(rng, WOOD + PALE + DARK))
    return slab.build(SUPPORT)


def compose(main: ProceduralObject, clutter: list[ProceduralObject], rng: np.random.Generator,
            with_support: bool) -> list[PlacedObject]:
    """The main object at the origin (random heading), clutter around it without overlaps, the support last."""
    placed = [PlacedObject(main, _pose(0.0, 0.0, rng.uniform(0, 2 * np.pi)))]
    footprints = [(0.0, 0.0, main.footprint_radius())]
    for obj in clutter:
        r = obj.footprint_radius()
        for _ in range(20):  # a few tries at a free spot; clutter that does not fit is left out
            angle = rng.uniform(0, 2 * np.pi)
            dist = footprints[0][2] + r + rng.uniform(0.02, 0.25)
            x, y = dist * np.cos(angle), dist * np.sin(angle)
            if all(np.hypot(x - fx, y - fy) > r + fr + 0.01 for fx, fy, fr in footprints):
                placed.append(PlacedObject(obj, _pose(x, y, rng.uniform(0, 2 * np.pi))))
                footprints.append((x, y, r))
                break
    if with_support:
        extent = 2.0 * max(np.hypot(x, y) + r for x, y, r in footprints) + 1.0
        placed.append(PlacedObject(support_plane(extent, rng), np.eye(4)))
    return placed


def _pose(x: float, y: float, yaw: float) -> np.ndarray:
    pose = np.eye(4)
    pose[:3, :3] = [[np.cos(yaw), -np.sin(yaw), 0], [np.sin(yaw), np.cos(yaw), 0], [0, 0, 1]]
    pose[:2, 3] = x, y
    return pose


def robot_camera_pose(target: np.ndarray, radius: float, cfg: CaptureConfig, rng: np.random.Generator,
                      azimuth: float | None = None, focal_over_height: float = 1.28,
                      max_range: float = np.inf) -> np.ndarray:
    """Camera-to-world pose (optical) looking at `target` from a robot-like distance, elevation and roll.

    `radius` is the object's bounding radius: objects too big to fit in the image at the configured distances are seen
    from as far as they need (the half field of view is atan(1 / (2 * focal_over_height))), but within the sensor's
    range (then only part of them is in view, as happens to a robot next to a bed)."""
    fit = radius * np.sqrt(1.0 + (2.0 * focal_over_height) ** 2)
    far = min(max(cfg.distance[1], 1.6 * fit), 0.8 * max_range)
    near = min(max(cfg.distance[0], 0.8 * fit), far)
    dist = rng.uniform(near, far)
    elev = np.deg2rad(rng.uniform(*cfg.elevation_deg))
    azim = rng.uniform(0, 2 * np.pi) if azimuth is None else azimuth
    eye = target + dist * np.array([np.cos(elev) * np.cos(azim), np.cos(elev) * np.sin(azim), np.sin(elev)])
    pose = look_at(eye, target)
    roll = np.deg2rad(rng.normal(0.0, cfg.roll_deg))
    c, s = np.cos(roll), np.sin(roll)
    pose[:3, :3] = pose[:3, :3] @ np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    return pose


def capture_frame(placed: list[PlacedObject], cfg: CaptureConfig, rng: np.random.Generator,
                  with_support: bool) -> Frame:
    """Render the scene from 1-3 robot poses with a drawn sensor; the cloud in the frame the predictor would get."""
    sensor = cfg.sensors[int(rng.integers(len(cfg.sensors)))]
    camera = sensor_camera(sensor, cfg.width, cfg.height)
    main = placed[0]
    height = main.obj.height()
    target = np.array([0.0, 0.0, height * rng.uniform(0.3, 0.6)]) + rng.normal(0.0, 0.1 * height, 3)
    radius = float(np.linalg.norm(main.obj.vertices - main.obj.vertices.mean(0), axis=1).max())
    n_views = int(rng.integers(2, 4)) if rng.random() < cfg.fused_share else 1
    azimuth = rng.uniform(0, 2 * np.pi)
    scene = RaycastScene(placed)
    poses, parts = [], []
    for v in range(n_views):
        az = azimuth + (0.0 if v == 0 else rng.choice([-1, 1]) * np.deg2rad(rng.uniform(15, 50)))
        pose = robot_camera_pose(target, radius, cfg, rng, az, camera.intrinsics.fy / cfg.height,
                                 camera.noise.max_range)
        cap = camera.capture(scene, pose, rng)
        keep = cap.cloud.finite_mask()
        to_first = np.linalg.inv(poses[0]) @ pose if poses else np.eye(4)
        xyz = cap.cloud.xyz[keep] @ to_first[:3, :3].T + to_first[:3, 3]
        parts.append((xyz, cap.cloud.rgb[keep], cap.object_id[keep], cap.part_id[keep],
                      cap.render.triangle_id.reshape(-1)[keep]))
        poses.append(pose)
    xyz, rgb, obj_id, part_id, tri = (np.concatenate(a) for a in zip(*parts))
    color = bool(rng.random() < cfg.color_share)
    if with_support:  # a robot's scene: the camera frame as it comes, y down; the plane levels the objects
        cloud, prepare = PointCloud(xyz.astype(np.float32), rgb if color else None), PrepareConfig(scene=True, up_axis="-y")
    else:  # an object alone: a body frame (z up), as a robot gets it through tf2
        world = xyz @ poses[0][:3, :3].T + poses[0][:3, 3]
        cloud, prepare = PointCloud(world.astype(np.float32), rgb if color else None), PrepareConfig(up_axis="z")
    meta = {"sensor": sensor, "views": n_views, "color": color, "scene": with_support,
            "camera_poses": [p.round(5).tolist() for p in poses]}
    return Frame(cloud, obj_id.astype(np.int32), part_id.astype(np.int32), tri.astype(np.int32), prepare, meta)


def label_objects(frame: Frame, placed: list[PlacedObject], cfg: CaptureConfig, rng: np.random.Generator,
                  record_prefix: str, style: str) -> list[ObjectRecord]:
    """Cut the frame as the predictor does; a record per cluster that one catalogue object dominates."""
    normal_k = PreprocessConfig().normal_k
    try:
        objects = object_clouds(frame.cloud, frame.prepare)
    except CloudError:  # nothing a predictor could segment in this frame (all out of range, no object on the plane)
        return []
    in_frame = np.bincount(frame.object_id[frame.object_id >= 0], minlength=len(placed))
    records = []
    for k, obj_cloud in enumerate(objects):
        owner = _owner(frame.object_id[obj_cloud.rows], in_frame, placed, cfg)
        if owner is None:
            continue
        rec = _record(obj_cloud, owner, placed[owner].obj, frame, cfg, rng, normal_k, style)
        if rec.masks:
            rec.id = rec.meta["id"] = f"{record_prefix}-c{k}"
            records.append(rec)
    return records


def _owner(object_id: np.ndarray, in_frame: np.ndarray, placed: list[PlacedObject], cfg: CaptureConfig) -> int | None:
    """The catalogue object holding most of a cluster's points, if it holds enough of them and the cluster holds
    enough of the object (`in_frame`: each object's points in the whole frame)."""
    counts = np.bincount(object_id[object_id >= 0], minlength=len(placed))
    for i, p in enumerate(placed):
        if p.obj.category == SUPPORT:
            counts[i] = 0
    best = int(counts.argmax())
    if counts[best] < cfg.min_object_points or counts[best] < cfg.min_object_share * len(object_id):
        return None
    if counts[best] < cfg.min_object_coverage * in_frame[best]:
        return None
    return best


def _record(obj_cloud: ObjectCloud, owner: int, obj: ProceduralObject, frame: Frame, cfg: CaptureConfig,
            rng: np.random.Generator, normal_k: int, style: str) -> ObjectRecord:
    all_xyz = obj_cloud.cloud.xyz
    keep = np.arange(len(all_xyz))
    if len(keep) > cfg.max_record_points:
        keep = np.sort(rng.choice(len(keep), cfg.max_record_points, replace=False))
    rows = obj_cloud.rows[keep]
    mine = frame.object_id[rows] == owner
    part = np.where(mine, frame.part_id[rows], -1)
    xyz = all_xyz[keep].astype(np.float32)
    masks, texts = [], []
    visible = {}
    for p, name in enumerate(obj.part_names):
        idx = np.flatnonzero(part == p).astype(np.int32)
        if len(idx) >= cfg.min_mask_points:
            visible[name] = idx
    named = list(visible.items())
    for group, members in obj.groups.items():
        idx = [visible[m] for m in members if m in visible]
        # A group seen through one member only would repeat that member's mask under a second text: two texts for
        # the same points cannot both win Find3D's loss, so such a group is left out.
        if len(idx) >= 2:
            named.append((group, np.sort(np.concatenate(idx))))
    for name, idx in named:
        masks.append(idx)
        texts.append(name_part(obj.wordings(name), obj.category, style, rng))
    rgb = obj_cloud.cloud.rgb[keep] if obj_cloud.cloud.rgb is not None else np.full_like(xyz, 0.5)
    # As the predictor's preprocessing does: neighbours from all the object's points, normals at the kept ones.
    normals = estimate_normals(all_xyz, normal_k, obj_cloud.viewpoint, at=xyz)
    # mask_parts: the part (or group) each mask shows; part_names absent from it are parts this view does not show.
    meta = {"category": obj.category, "variant": obj.variant, "part_names": obj.part_names,
            "mask_parts": [name for name, _ in named],
            "capture": {**frame.meta, "object": owner, "points": int(len(all_xyz)), "own_points": int(mine.sum()),
                        "levelling": obj_cloud.rotation.round(6).tolist()}}
    return ObjectRecord("", xyz, normals.astype(np.float32), rgb.astype(np.float32),
                        frame.triangle_id[rows].astype(np.int32), masks, texts, [0] * len(masks), meta)


def capture_records(category: str, seed: int, clutter_pool: tuple[str, ...], cfg: CaptureConfig,
                    engine_seed: int = 0, style: str = "vlm") -> list[ObjectRecord]:
    """One capture job: records of every well-separated catalogue object in a robot's frame of `category`/`seed`."""
    t0 = time.perf_counter()
    rng = job_rng(category, seed, engine_seed)
    main = sample_object(category, seed)
    with_support = bool(rng.random() < cfg.scene_share)
    clutter = []
    if with_support and clutter_pool:
        for k in range(int(rng.integers(0, cfg.max_objects))):
            other = clutter_pool[int(rng.integers(len(clutter_pool)))]
            clutter.append(sample_object(other, _clutter_seed(category, seed, k)))
    placed = compose(main, clutter, rng, with_support)
    t1 = time.perf_counter()
    frame = capture_frame(placed, cfg, rng, with_support)
    t2 = time.perf_counter()
    records = label_objects(frame, placed, cfg, rng, f"cap-{category}-{seed:06d}", style)
    t3 = time.perf_counter()
    provenance = {"source": "capture", "category": category, "seed": seed,
                  "scene": [{"category": p.obj.category, "variant": p.obj.variant} for p in placed]}
    for rec in records:
        rec.meta["provenance"] = provenance
        rec.timings = {"compose": (t1 - t0) / len(records), "capture": (t2 - t1) / len(records),
                       "label": (t3 - t2) / len(records)}
    return records


def _clutter_seed(category: str, seed: int, k: int) -> int:
    """A clutter object's seed: far from the job seeds of the run, so clutter does not repeat the main objects."""
    digest = hashlib.sha256(f"clutter/{category}/{seed}/{k}".encode()).digest()
    return 10_000_000 + int.from_bytes(digest[:4], "little")
