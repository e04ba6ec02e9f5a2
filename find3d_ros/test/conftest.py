"""Fixtures of the real-ROS tests: find3d_node in processes of its own, a client node in this process, real scans.

Every test process talks on a DDS domain of its own (from the process id), limited to this machine, so parallel
runs and other programs on the machine do not see each other.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]  # find3d_ros/ (the colcon package)
REPO = PACKAGE.parent
SCANS = REPO.parent / "shared" / "data" / "real_scans"
TABLE_SCAN = "table_scene_mug_stereo_textured.pcd"

# The sources under test come before the copy colcon installed (it may be older than the working tree).
if str(PACKAGE) not in sys.path:
    sys.path.insert(0, str(PACKAGE))
os.environ.setdefault("ROS_DOMAIN_ID", str(1 + os.getpid() % 100))
os.environ.setdefault("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST")


def scan_path(name: str = TABLE_SCAN) -> Path:
    path = SCANS / name
    if not path.is_file():
        pytest.skip(f"real scan {path} is absent (../shared/data not available)")
    return path


class NodeProcess:
    """`python -m find3d_ros.node` with parameters, its output in a log file; stop() sends a signal."""

    def __init__(self, log_dir: Path, params: dict, namespace: str = "/", env: dict | None = None,
                 remap: dict | None = None) -> None:  # fmt: skip
        args = [arg for name, value in params.items() for arg in ("-p", f"{name}:={json.dumps(value)}")]
        args += [arg for name, target in (remap or {}).items() for arg in ("-r", f"{name}:={target}")]
        self.namespace = namespace.rstrip("/")
        self.name = f"{self.namespace}/find3d_node"
        self.log_path = log_dir / f"node{self.namespace.replace('/', '_')}_{time.monotonic_ns()}.log"
        child_env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE), os.environ.get("PYTHONPATH", "")]),
                     "PYTHONUNBUFFERED": "1", **(env or {})}  # fmt: skip
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-X", "faulthandler", "-m", "find3d_ros.node", "--ros-args", "-r", f"__ns:={namespace}", *args],
                stdout=log, stderr=subprocess.STDOUT, env=child_env, cwd=log_dir,
            )  # fmt: skip

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float = 120.0) -> bool:
        """Whether `text` appears in the log within `timeout` s (False at once if configure fails or it exits)."""

        def settled() -> bool:
            log = self.log()
            return text in log or "configure failed" in log or self.proc.poll() is not None

        return wait_for(settled, timeout) and text in self.log()

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30.0) -> int | None:
        """Send `sig`, wait up to `timeout` s; the exit code, or None if it hung (then it is killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def assert_clean_exit(node: NodeProcess, sig: int) -> None:
    code = node.stop(sig)
    log = node.log()
    assert code is not None, f"{node.name} did not exit within 30 s of {signal.Signals(sig).name}:\n{log[-3000:]}"
    assert code == 0, f"{node.name} exited {code} on {signal.Signals(sig).name}:\n{log[-3000:]}"
    assert "Traceback" not in log, f"{node.name} printed a traceback:\n{log[-3000:]}"


def wait_for(predicate, timeout: float = 30.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


class Client:
    """A node in the test process, spun by its own executor thread: subscriptions, service and parameter calls."""

    def __init__(self) -> None:
        import rclpy
        from rclpy.executors import MultiThreadedExecutor

        self.node = rclpy.create_node(f"find3d_test_client_{os.getpid()}")
        self.executor = MultiThreadedExecutor(num_threads=2)
        self.executor.add_node(self.node)
        self.thread = threading.Thread(target=self.executor.spin, daemon=True)
        self.thread.start()

    def call(self, srv_type, name: str, request, timeout: float = 120.0):
        client = self.node.create_client(srv_type, name)
        try:
            assert client.wait_for_service(timeout_sec=60.0), f"service {name} is not available"
            future = client.call_async(request)
            assert wait_for(future.done, timeout), f"{name} did not answer within {timeout} s"
            return future.result()
        finally:
            self.node.destroy_client(client)

    def collect(self, msg_type, topic: str, qos=None) -> list:
        """Messages arriving on `topic` from now on (reliable, depth 10 unless `qos`)."""
        received: list = []
        self.node.create_subscription(msg_type, topic, received.append, qos or 10)
        return received

    def state(self, node_name: str) -> str:
        from lifecycle_msgs.srv import GetState

        return self.call(GetState, f"{node_name}/get_state", GetState.Request(), timeout=30.0).current_state.label

    def transition(self, node_name: str, label: str) -> bool:
        from lifecycle_msgs.srv import ChangeState

        request = ChangeState.Request()
        request.transition.label = label
        return self.call(ChangeState, f"{node_name}/change_state", request).success

    def set_parameters(self, node_name: str, **values):
        from rcl_interfaces.srv import SetParameters
        from rclpy.parameter import Parameter

        request = SetParameters.Request(parameters=[Parameter(k, value=v).to_parameter_msg() for k, v in values.items()])
        return self.call(SetParameters, f"{node_name}/set_parameters", request, timeout=30.0).results

    def close(self) -> None:
        self.executor.shutdown()
        self.node.destroy_node()


@pytest.fixture(scope="session")
def client():
    import rclpy

    rclpy.init()
    client = Client()
    yield client
    client.close()
    rclpy.try_shutdown()


@pytest.fixture(scope="session")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("node_logs")


@pytest.fixture(scope="session")
def table_scan():
    """The organized 640x480 stereo scan of a table with a mug (NaN where the stereo had no depth)."""
    from find3d_core.geometry.io import read_cloud

    cloud = read_cloud(scan_path())
    cloud.frame_id = "camera_optical"
    return cloud


@pytest.fixture(scope="session")
def table_msg(table_scan):
    """The table scan as an rclpy sensor_msgs/PointCloud2 (4.9 MB: x, y, z, rgb at 640x480)."""
    return cloud_msg(table_scan)


def cloud_msg(cloud, sec: int = 1700000000):
    """An rclpy sensor_msgs/PointCloud2 of a find3d_core PointCloud, stamped `sec`."""
    from find3d_ros.conversions import cloud_to_msg
    from find3d_ros.interfaces import RclpyFactory

    factory = RclpyFactory()
    header = factory.new("std_msgs/msg/Header", stamp=factory.new("builtin_interfaces/msg/Time", sec=sec),
                         frame_id=cloud.frame_id)  # fmt: skip
    return cloud_to_msg(factory, cloud, header)


def diagnostics_of(messages: list, node_name: str) -> list:
    """The statuses `node_name` published among DiagnosticArray `messages`."""
    return [s for m in list(messages) for s in m.status if s.name == f"{node_name}: find3d"]


def values(status) -> dict[str, str]:
    return {kv.key: kv.value for kv in status.values}
