"""The one path from a raw cloud to per-object network inputs, shared by inference and the data engine.

clean (finite points, crop box, point cap) -> scene split (support plane + clusters) or the whole cloud -> level each
object into find3d's z-up object frame (the cloud's up axis, tilted onto the support plane in scene mode) -> Find3D
preprocessing. The data engine's robot captures go through `object_clouds` too and stop there: training augments the
object and then runs the same `preprocess`, so the network learns on exactly what it is fed at inference.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from find3d_core.geometry.clean import check_segmentable, finite_points, reduce_points
from find3d_core.geometry.clean import crop_box as crop_to_box
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.preprocess import ModelInput, PreprocessConfig, preprocess
from find3d_core.geometry.up import MODEL_AXIS_ORDER, check_up_axis, level_rotation
from find3d_core.inference.scene import SceneConfig, split_scene
from find3d_core.inference.timing import Stopwatch
from find3d_core.model.checkpoint import CheckpointInfo

DEFAULT_MAX_POINTS = 300_000


@dataclass(frozen=True)
class PrepareConfig:
    """How a cloud is cut into objects and which way is up."""

    scene: bool = False  # split off the support plane and treat each cluster on it as an object
    up_axis: str = "z"  # the cloud's up axis: "z" for ROS body frames, "-y" for camera optical frames
    crop_box: tuple[np.ndarray, np.ndarray] | None = None  # (min_xyz, max_xyz) in the cloud's frame
    max_points: int = DEFAULT_MAX_POINTS  # cap on the cloud's points (an even thinning keeps row order)
    scene_config: SceneConfig = field(default_factory=SceneConfig)

    def __post_init__(self) -> None:
        check_up_axis(self.up_axis)
        if self.max_points < 1:
            raise ValueError(f"max_points must be >= 1, got {self.max_points}")


@dataclass
class ObjectCloud:
    """One object of a cloud, in find3d's z-up object frame (`cloud`), and the input rows it came from."""

    object_index: int | None  # position among the scene's objects; None in object mode
    rows: np.ndarray  # (n,) input rows of the object's points
    cloud: PointCloud  # the points rotated by `rotation` (no translation), colours and any normals carried along
    rotation: np.ndarray  # (3, 3) input frame -> object frame
    viewpoint: tuple[float, float, float] | None  # sensor position in the object frame (scene mode), else None


@dataclass
class PreparedObject:
    """One object's network input and how its points map back to input rows."""

    cloud_index: int
    object_index: int | None
    rows: np.ndarray  # input rows of all the object's points
    points: np.ndarray  # their xyz in the object frame (where model_input.points live too)
    model_input: ModelInput


def preprocess_config_from(info: CheckpointInfo, object_points: int | None = None) -> PreprocessConfig:
    """The preprocessing a checkpoint was trained with (its recorded fields), optionally with another point count."""
    known = {f.name for f in dataclasses.fields(PreprocessConfig)}
    config = PreprocessConfig(**{k: v for k, v in info.preprocess.items() if k in known})
    return config if object_points is None else dataclasses.replace(config, num_points=object_points)


def clean_cloud(cloud: PointCloud, config: PrepareConfig) -> tuple[PointCloud, np.ndarray]:
    """Finite points inside the crop box, at most `max_points` of them, and their input rows."""
    check_segmentable(cloud)
    clean, rows = finite_points(cloud)
    if config.crop_box is not None:
        clean, kept = crop_to_box(clean, *config.crop_box)
        rows = rows[kept]
        if len(clean) == 0:
            raise CloudError(f"no points inside the crop box {np.asarray(config.crop_box).tolist()}")
        check_segmentable(clean)
    if len(clean) > config.max_points:
        clean, kept = reduce_points(clean, config.max_points)
        rows = rows[kept]
    return clean, rows


def object_clouds(cloud: PointCloud, config: PrepareConfig, watch: Stopwatch | None = None) -> list[ObjectCloud]:
    """Clean `cloud`, split it into objects (scene mode) and level each into the z-up object frame."""
    watch = watch or Stopwatch()
    with watch.stage("clean"):
        clean, rows = clean_cloud(cloud, config)
    with watch.stage("scene_split"):
        if config.scene:
            split = split_scene(clean.xyz, config.scene_config)
            if not split.objects:
                raise CloudError("scene mode found no objects on a support plane: try object mode or a crop box")
            groups = split.objects
            plane_normal = None if split.plane is None else split.plane[:3]
        else:
            groups, plane_normal = [np.arange(len(clean))], None
    rotation = level_rotation(config.up_axis, plane_normal)
    # Scene mode: the sensor sits at the origin of the cloud's frame, and a rotation keeps it there.
    viewpoint = (0.0, 0.0, 0.0) if config.scene else None
    objects = []
    for k, group in enumerate(groups):
        part = clean.select(group)
        normals = None if part.normals is None else part.normals @ rotation.T
        levelled = PointCloud(part.xyz @ rotation.T, part.rgb, normals)
        objects.append(ObjectCloud(k if config.scene else None, rows[group], levelled, rotation, viewpoint))
    return objects


def prepare_objects(
    cloud: PointCloud, config: PrepareConfig, preprocess_config: PreprocessConfig, cloud_index: int = 0,
    watch: Stopwatch | None = None,
) -> list[PreparedObject]:
    """`object_clouds` followed by Find3D preprocessing of each object: what the network is fed."""
    watch = watch or Stopwatch()
    prepared = []
    for obj in object_clouds(cloud, config, watch):
        with watch.stage("preprocess"):
            viewpoint = obj.viewpoint
            if viewpoint is None and preprocess_config.viewpoint is not None:  # given in the cloud's frame
                viewpoint = tuple(obj.rotation @ np.asarray(preprocess_config.viewpoint, dtype=np.float64))
            per_object = dataclasses.replace(preprocess_config, axis_order=MODEL_AXIS_ORDER, viewpoint=viewpoint)
            prepared.append(PreparedObject(
                cloud_index, obj.object_index, obj.rows, obj.cloud.xyz, preprocess(obj.cloud, per_object)
            ))
    return prepared
