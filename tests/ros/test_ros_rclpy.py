"""find3d_node with the real rclpy (and launch_ros): runs where a ROS 2 workspace with find3d_msgs is sourced.

    source /opt/ros/<distro>/setup.bash && source install/setup.bash && pytest tests/ros/test_ros_rclpy.py

Skipped, with the reason shown, where ROS 2 is not installed (as on the machines that build this project).
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

rclpy = pytest.importorskip("rclpy", reason="ROS 2 (rclpy) is not installed: source a ROS 2 workspace to run these")
pytest.importorskip("find3d_msgs", reason="find3d_msgs is not built: colcon build it and source install/setup.bash")

from rclpy.executors import MultiThreadedExecutor  # noqa: E402
from rclpy.parameter import Parameter  # noqa: E402
from rclpy.qos import QoSProfile, ReliabilityPolicy, qos_profile_sensor_data  # noqa: E402

from find3d_ros import logic as logic_module  # noqa: E402
from find3d_ros.conversions import cloud_to_msg, msg_to_cloud  # noqa: E402
from find3d_ros.interfaces import RclpyFactory  # noqa: E402

MAX_POINTS = 4000


@pytest.fixture
def running(monkeypatch, predictor):
    """find3d_node (shared predictor) and a client node spinning on a multi-threaded executor."""
    from find3d_ros.node import Find3DNode

    monkeypatch.setattr(logic_module, "_default_predictor_factory", lambda: (lambda **kwargs: predictor))
    rclpy.init()
    node = Find3DNode(parameter_overrides=[Parameter("max_points", value=MAX_POINTS),
                                           Parameter("queries", value=["mug", "handle"]),
                                           Parameter("input_topic", value="/find3d_test/points")])  # fmt: skip
    client = rclpy.create_node("find3d_test_client")
    executor = MultiThreadedExecutor(num_threads=4)
    executor.add_node(node)
    executor.add_node(client)
    thread = threading.Thread(target=executor.spin, daemon=True)
    thread.start()
    yield node, client
    executor.shutdown()
    node.destroy_node()
    client.destroy_node()
    rclpy.try_shutdown()
    thread.join(timeout=5)


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def ros_cloud(cloud, sec=5):
    factory = RclpyFactory()
    header = factory.new("std_msgs/msg/Header", stamp=factory.new("builtin_interfaces/msg/Time", sec=sec),
                         frame_id="camera_optical")  # fmt: skip
    return cloud_to_msg(factory, cloud, header)


def test_parameters_are_declared_with_descriptions(running):
    node, _ = running
    for spec in logic_module.parameter_specs():
        (descriptor,) = node.describe_parameters([spec.name])
        assert descriptor.description == spec.metadata["description"]
        assert descriptor.read_only == spec.metadata["read_only"]


def test_service_round_trip(running, small_table_cloud):
    from find3d_msgs.srv import QueryParts

    _, client_node = running
    client = client_node.create_client(QueryParts, "/find3d_node/query_parts")
    assert client.wait_for_service(timeout_sec=10.0)
    future = client.call_async(QueryParts.Request(queries=["mug"], cloud=ros_cloud(small_table_cloud)))
    assert wait_for(future.done)
    response = future.result()
    assert response.success, response.message
    for part in response.parts:
        assert part.header.frame_id == "camera_optical"
        np.testing.assert_array_equal(msg_to_cloud(part.cloud).xyz, small_table_cloud.xyz[np.asarray(part.indices)])
    future = client.call_async(QueryParts.Request(queries=[]))
    assert wait_for(future.done)
    assert not future.result().success


def test_standing_queries_publish_for_subscribers(running, small_table_cloud):
    from sensor_msgs.msg import PointCloud2

    _, client_node = running
    received = []
    client_node.create_subscription(PointCloud2, "/find3d_node/labeled_cloud", received.append,
                                    QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE))  # fmt: skip
    publisher = client_node.create_publisher(PointCloud2, "/find3d_test/points", qos_profile_sensor_data)
    msg = ros_cloud(small_table_cloud)
    assert wait_for(lambda: (publisher.publish(msg), bool(received))[1], timeout=60.0)
    labelled = received[0]
    assert [f.name for f in labelled.fields] == ["x", "y", "z", "rgb", "label", "score"]
    assert (labelled.height, labelled.width) == small_table_cloud.shape


def test_launch_description():
    launch_ros = pytest.importorskip("launch_ros", reason="launch_ros is not installed")
    from ament_index_python.packages import PackageNotFoundError, get_package_share_directory

    try:
        share = get_package_share_directory("find3d_ros")
    except PackageNotFoundError:
        pytest.skip("find3d_ros is not installed in the sourced workspace (colcon build)")
    from launch.launch_description_sources import PythonLaunchDescriptionSource

    source = PythonLaunchDescriptionSource(f"{share}/launch/find3d.launch.py")
    description = source.get_launch_description(None)
    assert [a.name for a in description.get_launch_arguments()] == ["input_topic", "config", "use_rviz", "namespace"]
    assert any(isinstance(e, launch_ros.actions.Node) for e in description.entities)
