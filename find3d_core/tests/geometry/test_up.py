"""The one up-axis module: axis remaps, levelling onto a support plane, and the predictor's scene levelling."""

from __future__ import annotations

import numpy as np
import pytest

from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.up import (
    AXIS_ORDER_FOR_UP,
    MODEL_AXIS_ORDER,
    axis_matrix,
    level_rotation,
    rotation_between,
    rotation_to_z,
    up_vector,
)
from find3d_core.inference.prepare import PrepareConfig, object_clouds


@pytest.mark.parametrize("up", sorted(AXIS_ORDER_FOR_UP))
def test_levelling_then_the_model_remap_equals_the_axis_table(up: str) -> None:
    rotation = level_rotation(up)
    np.testing.assert_allclose(axis_matrix(MODEL_AXIS_ORDER) @ rotation, axis_matrix(AXIS_ORDER_FOR_UP[up]))
    np.testing.assert_allclose(rotation @ up_vector(up), [0.0, 0.0, 1.0])
    assert np.isclose(np.linalg.det(rotation), 1.0)


def test_rotation_between_handles_any_pair_including_opposites() -> None:
    rng = np.random.default_rng(0)
    for a, b in [(rng.normal(size=3), rng.normal(size=3)) for _ in range(5)] + [((0, 0, 1.0), (0, 0, -1.0))]:
        a, b = np.asarray(a, float), np.asarray(b, float)
        r = rotation_between(a, b)
        np.testing.assert_allclose(r @ (a / np.linalg.norm(a)), b / np.linalg.norm(b), atol=1e-9)
        np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-9)


def test_a_tilted_table_is_levelled_but_a_wall_is_not_trusted() -> None:
    tilt = np.deg2rad(60.0)
    table_normal = np.array([0.0, -np.cos(tilt), -np.sin(tilt)])  # a camera pitched down 60 deg sees the table so
    np.testing.assert_allclose(level_rotation("-y", table_normal) @ table_normal, [0, 0, 1], atol=1e-9)
    wall_normal = np.array([0.0, 0.0, -1.0])  # facing the camera: 90 degrees from its -y
    np.testing.assert_allclose(level_rotation("-y", wall_normal), level_rotation("-y"))
    with pytest.raises(ValueError, match="up_axis must be one of"):
        level_rotation("up")


def test_scene_objects_come_out_upright_whatever_the_camera_pitch() -> None:
    """A box on a table, seen by a camera pitched down by 50 degrees (optical frame): levelled, its height is z."""
    rng = np.random.default_rng(1)
    table = np.c_[rng.uniform(-0.5, 0.5, (6000, 2)), np.zeros(6000)]
    box = np.c_[rng.uniform(-0.05, 0.05, (1500, 2)), rng.uniform(0.0, 0.3, 1500)]
    world = np.vstack([table, box])
    pitch = np.deg2rad(50.0)
    # Camera at 1 m looking down at the origin; optical axes: x right, y down, z forward.
    forward = np.array([0.0, np.cos(pitch), -np.sin(pitch)])
    right = np.array([1.0, 0.0, 0.0])
    down = np.cross(forward, right)
    eye = -forward * 1.0
    camera = (world - eye) @ np.stack([right, down, forward]).T  # coordinates along the camera axes
    (obj,) = object_clouds(PointCloud(camera.astype(np.float32)), PrepareConfig(scene=True, up_axis="-y"))
    extent = np.ptp(obj.cloud.xyz, axis=0)
    assert extent[2] == pytest.approx(0.3, abs=0.02) and extent[:2].max() < 0.16


@pytest.mark.parametrize("up", ["z", "y", "-y", "x", "-z"])
def test_a_mesh_files_up_axis_turns_to_z_by_a_proper_rotation(up):
    rot = rotation_to_z(up)
    np.testing.assert_allclose(rot @ up_vector(up), [0.0, 0.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(rot @ rot.T, np.eye(3), atol=1e-12)
    assert np.linalg.det(rot) == pytest.approx(1.0)
    if up != "-z":  # antiparallel: no unique smallest rotation
        np.testing.assert_allclose(rot, rotation_between(up_vector(up), np.array([0.0, 0.0, 1.0])), atol=1e-12)
    with pytest.raises(ValueError, match="not understood"):
        rotation_to_z("up")
