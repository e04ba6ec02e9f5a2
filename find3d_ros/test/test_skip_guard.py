"""The real-ROS tests skip, with the reason, when ROS is only half there (defect: they errored).

Half there: rclpy and tf2_ros import, but find3d_msgs is not built, so `import find3d_msgs` from the repository root
finds the source folder as a namespace package. Run the node tests in such an environment and read pytest's verdict.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ros_env import require_ros

require_ros()

from conftest import PACKAGE, REPO  # noqa: E402


def site_without(tmp_path: Path, hidden: str) -> Path:
    """A folder that mirrors the workspace's site-packages (symlinks) without the `hidden` package."""
    import tf2_ros

    site = Path(tf2_ros.__file__).resolve().parents[1]
    mirror = tmp_path / "site-packages"
    mirror.mkdir()
    for entry in site.iterdir():
        if not entry.name.startswith(hidden):
            (mirror / entry.name).symlink_to(entry)
    return mirror


def test_node_tests_skip_when_find3d_msgs_is_not_built(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(site_without(tmp_path, "find3d_msgs"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(PACKAGE / "test" / "test_node.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    out = result.stdout + result.stderr
    assert "error" not in out.lower().split("short test summary")[-1], out[-3000:]
    assert result.returncode == 5, out[-3000:]  # pytest: no test ran (the module skipped itself at import)
    assert "1 skipped" in out and "not a built package" in out, out[-3000:]
