"""Fixtures for the ROS-side tests: real message types from rosbags, the real scans, one shared predictor."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from .ros_test_helpers import REPO, TABLE_SCAN, scan_path

# find3d_ros is an ament_python package; in this checkout it is imported from its source folder.
if str(REPO / "find3d_ros") not in sys.path:
    sys.path.insert(0, str(REPO / "find3d_ros"))


@pytest.fixture(scope="session")
def typestore():
    from find3d_ros.interfaces import make_typestore

    return make_typestore("humble")


@pytest.fixture(scope="session")
def factory(typestore):
    from find3d_ros.interfaces import RosbagsFactory

    return RosbagsFactory(typestore)


@pytest.fixture(scope="session")
def table_cloud():
    """The organized 640x480 stereo scan of a table with a mug (NaN for invalid pixels)."""
    from find3d_core.geometry.io import read_cloud

    cloud = read_cloud(scan_path(TABLE_SCAN))
    cloud.frame_id = "camera_optical"
    return cloud


@pytest.fixture(scope="session")
def small_table_cloud(table_cloud):
    """Every 4th row and column of the table scan: organized 120x160, fast to segment."""
    from find3d_core.geometry.cloud import PointCloud

    h, w = table_cloud.shape
    grid = np.arange(h * w).reshape(h, w)[::4, ::4]
    return PointCloud(
        xyz=table_cloud.xyz[grid.ravel()], rgb=table_cloud.rgb[grid.ravel()], shape=grid.shape,
        frame_id=table_cloud.frame_id,
    )  # fmt: skip


@pytest.fixture(scope="session")
def predictor():
    """One find3d_core predictor for the whole session (the shipped default model)."""
    from find3d_core.inference.predictor import Find3DPredictor

    return Find3DPredictor.from_checkpoint(device="cpu", up_axis="-y")
