"""Helpers shared by the ROS-side tests (import as a plain module: tests/ros is on sys.path under pytest)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
SCANS = DATA / "real_scans"
TABLE_SCAN = "table_scene_mug_stereo_textured.pcd"


def scan_path(name: str) -> Path:
    """A real scan, or a visible skip when ../shared/data is not there."""
    path = SCANS / name
    if not path.is_file():
        pytest.skip(f"real scan {path} is absent (../shared/data not available)")
    return path


def make_header(factory, frame_id: str = "camera_optical", sec: int = 1700000000, nanosec: int = 250):
    return factory.new(
        "std_msgs/msg/Header", stamp=factory.new("builtin_interfaces/msg/Time", sec=sec, nanosec=nanosec),
        frame_id=frame_id,
    )  # fmt: skip
