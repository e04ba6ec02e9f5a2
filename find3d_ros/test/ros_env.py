"""What the real-ROS tests need, checked before anything imports it: a visible skip instead of an import error.

"ROS half-present" is the case this guards: rclpy installed but the workspace not built or not sourced. Then
`import find3d_msgs` still succeeds, as a namespace package made of the repository's own find3d_msgs/ folder (no
.py in it), so an importorskip on it passes and the tests error later. A real, built find3d_msgs has __init__.py
and a generated `srv` module.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest

BUILD_HINT = "run `make ros` and `source build/ros/env.sh` (see find3d_ros/README.md)"


def missing_ros() -> str | None:
    """Why the real-ROS tests cannot run here, or None when rclpy, tf2_ros and a built find3d_msgs import."""
    for module in ("rclpy", "tf2_ros"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not importable: {BUILD_HINT}"
    try:
        msgs = importlib.import_module("find3d_msgs")
    except ImportError as exc:
        return f"find3d_msgs does not import ({exc}): {BUILD_HINT}"
    if getattr(msgs, "__file__", None) is None or importlib.util.find_spec("find3d_msgs.srv") is None:
        return f"find3d_msgs is only the source folder {list(msgs.__path__)}, not a built package: {BUILD_HINT}"
    return None


def require_ros() -> None:
    """Skip the calling test module (with the reason) unless the real ROS 2 workspace is there."""
    reason = missing_ros()
    if reason is not None:
        pytest.skip(reason, allow_module_level=True)
