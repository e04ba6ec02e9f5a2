"""find3d_node itself (node.py) on the rclpy stand-in: parameters, QoS, callback groups, service, topics, tf2."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from . import rclpy_standin  # noqa: E402
from find3d_ros import logic as logic_module  # noqa: E402
from find3d_ros.conversions import cloud_to_msg, msg_to_cloud  # noqa: E402

MAX_POINTS = 4000


class CountingFactory:
    """Stands in for Find3DPredictor(...): returns the shared predictor, counts constructions and segmentations."""

    def __init__(self, predictor):
        self.predictor, self.built, self.segmentations = predictor, [], 0

    def __call__(self, **kwargs):
        self.built.append(kwargs)
        outer = self

        class Counting:
            info = self.predictor.info

            def segment(self, *args, **kw):
                outer.segmentations += 1
                return outer.predictor.segment(*args, **kw)

        return Counting()


@pytest.fixture
def ros(monkeypatch, typestore, predictor):
    """The stand-in modules in sys.modules, find3d_ros.node imported against them, rclpy initialised."""
    for name, module in rclpy_standin.install(typestore).items():
        monkeypatch.setitem(sys.modules, name, module)
    sys.modules.pop("find3d_ros.node", None)
    counting = CountingFactory(predictor)
    monkeypatch.setattr(logic_module, "_default_predictor_factory", lambda: counting)
    import find3d_ros.node as node_module

    sys.modules["rclpy"].init()
    yield types.SimpleNamespace(
        node=node_module, counting=counting, Parameter=rclpy_standin.Parameter,
        msg=lambda pkg, name: getattr(sys.modules[f"{pkg}.msg"], name),
        QueryParts=sys.modules["find3d_msgs.srv"].QueryParts,
    )  # fmt: skip
    sys.modules["rclpy"].try_shutdown()
    sys.modules.pop("find3d_ros.node", None)  # bound to the stand-in: never leak it to other tests


def make_node(ros, namespace=None, **params):
    params = {"device": "cpu", "max_points": MAX_POINTS, **params}
    overrides = [ros.Parameter(name, value=value) for name, value in params.items()]
    return ros.node.Find3DNode(parameter_overrides=overrides, namespace=namespace)


def cloud_msg(ros, cloud, frame="camera_optical", sec=42):
    """A sensor_msgs/PointCloud2 of the stand-in's generated classes, as a driver would publish it."""
    from find3d_ros.interfaces import RclpyFactory

    factory = RclpyFactory()
    header = factory.new("std_msgs/msg/Header", stamp=factory.new("builtin_interfaces/msg/Time", sec=sec, nanosec=7),
                         frame_id=frame)  # fmt: skip
    return cloud_to_msg(factory, cloud, header)


def test_parameters_declared_with_descriptions(ros):
    node = make_node(ros, queries=["mug", "handle"], score_threshold=0.25)
    from find3d_ros.logic import parameter_specs

    for spec in parameter_specs():
        descriptor = node._descriptors[spec.name]
        assert descriptor.description == spec.metadata["description"]
        assert descriptor.read_only == spec.metadata["read_only"]
    assert node._descriptors["queries"].type == rclpy_standin.ParameterType.STRING_ARRAY
    assert node._descriptors["crop_box"].type == rclpy_standin.ParameterType.DOUBLE_ARRAY
    s = node.logic.settings
    assert s.queries == ["mug", "handle"] and s.score_threshold == 0.25 and s.crop_box == []  # crop_box unset
    assert ros.counting.built == [{"checkpoint": None, "text_encoder": None, "device": "cpu", "up_axis": "-y",
                     "backend": "torch", "backend_options": None}]


def test_a_float_parameter_written_as_int_is_rejected_like_rclpy(ros):
    with pytest.raises(rclpy_standin.InvalidParameterTypeException):
        make_node(ros, tf_timeout=1)


def test_topics_qos_and_callback_groups(ros):
    node = make_node(ros, namespace="robot1", queries=["mug", "coffee handle"], input_topic="/points")
    P = rclpy_standin
    (sub,) = node.subscriptions
    assert sub.topic_name == "/points" and sub.msg_type is ros.msg("sensor_msgs", "PointCloud2")
    assert (sub.qos_profile.history, sub.qos_profile.depth) == (P.HistoryPolicy.KEEP_LAST, 1)
    assert sub.qos_profile.reliability == P.ReliabilityPolicy.BEST_EFFORT
    assert sub.qos_profile.durability == P.DurabilityPolicy.VOLATILE
    topics = {p.topic_name: p for p in node.publishers}
    assert set(topics) == {"/robot1/find3d_node/labeled_cloud", "/robot1/find3d_node/markers", "/diagnostics",
                           "/robot1/find3d_node/parts/mug", "/robot1/find3d_node/parts/coffee_handle"}  # fmt: skip
    for name in ("labeled_cloud", "markers", "parts/mug"):
        assert topics[f"/robot1/find3d_node/{name}"].qos_profile.reliability == P.ReliabilityPolicy.RELIABLE
    assert topics["/robot1/find3d_node/markers"].msg_type is ros.msg("visualization_msgs", "MarkerArray")
    (srv,) = node.services
    assert srv.srv_name == "/robot1/find3d_node/query_parts" and srv.srv_type is ros.QueryParts
    # The service has its own callback group: a standing segmentation never holds it up.
    assert isinstance(srv.callback_group, P.MutuallyExclusiveCallbackGroup)
    assert isinstance(sub.callback_group, P.MutuallyExclusiveCallbackGroup)
    assert srv.callback_group is not sub.callback_group
    assert node.tf_listener.spin_thread is True and node.tf_listener.buffer is node.tf_buffer


def test_service_call_over_the_wire(ros, small_table_cloud):
    node = make_node(ros)
    Request = ros.QueryParts.Request
    res = node.call("~/query_parts", Request(queries=["mug", "handle"], scene=True,
                                             cloud=cloud_msg(ros, small_table_cloud)))  # fmt: skip
    assert res.success, res.message
    assert isinstance(res, ros.QueryParts.Response) and res.parts
    for part in res.parts:
        assert part.header.frame_id == "camera_optical" and part.header.stamp.sec == 42
        np.testing.assert_array_equal(msg_to_cloud(part.cloud).xyz, small_table_cloud.xyz[np.asarray(part.indices)])
    # Empty cloud in the request: the latest one from the topic, or a clear "no cloud" when there is none.
    res = node.call("~/query_parts", Request(queries=["body"]))
    assert not res.success and "no cloud received yet on /camera/depth/color/points" in res.message
    node.deliver("/camera/depth/color/points", cloud_msg(ros, small_table_cloud, sec=43))
    res = node.call("~/query_parts", Request(queries=["body"]))
    assert res.success and res.parts[0].header.stamp.sec == 43
    res = node.call("~/query_parts", Request(queries=[]))
    assert not res.success and "queries" in res.message
    assert ("WARN", f"query_parts failed: {res.message}") in node.get_logger().lines


def test_standing_queries_only_for_subscribers(ros, small_table_cloud):
    node = make_node(ros, queries=["mug", "handle"])
    topic = "/camera/depth/color/points"
    node.deliver(topic, cloud_msg(ros, small_table_cloud))
    assert ros.counting.segmentations == 0
    assert all(p.published == [] for p in node.publishers)
    node.publisher("~/markers").subscribers = 1
    node.publisher("~/parts/handle").subscribers = 1
    node.deliver(topic, cloud_msg(ros, small_table_cloud, sec=44))
    assert ros.counting.segmentations == 1
    (markers,) = node.publisher("~/markers").published
    assert markers.markers[0].action == 3 and all(m.header.stamp.sec == 44 for m in markers.markers)
    assert node.publisher("~/labeled_cloud").published == []
    assert node.publisher("~/parts/mug").published == []
    (handle,) = node.publisher("~/parts/handle").published
    assert handle.header.frame_id == "camera_optical"
    (diag,) = node.publisher("/diagnostics").published
    assert any(kv.key == "network_ms" for kv in diag.status[0].values)
    node.publisher("~/labeled_cloud").subscribers = 1
    node.deliver(topic, cloud_msg(ros, small_table_cloud))
    (labelled,) = node.publisher("~/labeled_cloud").published
    assert (labelled.height, labelled.width) == small_table_cloud.shape
    assert [f.name for f in labelled.fields] == ["x", "y", "z", "rgb", "label", "score"]


def test_bad_cloud_on_the_topic_is_logged_and_skipped(ros, small_table_cloud):
    node = make_node(ros, queries=["mug"])
    node.publisher("~/labeled_cloud").subscribers = 1
    bad = cloud_msg(ros, small_table_cloud)
    bad.fields = [f for f in bad.fields if f.name != "x"]
    node.deliver("/camera/depth/color/points", bad)
    assert node.publisher("~/labeled_cloud").published == []
    assert any(level == "WARN" and "no x field" in line for level, line in node.get_logger().lines)


def test_parameter_updates_at_runtime(ros):
    node = make_node(ros, queries=["mug", "handle"])
    P = ros.Parameter
    (ok,) = node.set_parameters([P("queries", value=["lid"])])
    assert ok.successful and node.logic.settings.queries == ["lid"]
    parts = sorted(p.topic_name for p in node.publishers if "/parts/" in p.topic_name)
    assert parts == ["/find3d_node/parts/lid"]
    (bad,) = node.set_parameters([P("score_threshold", value=2.0)])
    assert not bad.successful and "score_threshold" in bad.reason and node.logic.settings.score_threshold == 0.0
    (frozen,) = node.set_parameters([P("checkpoint", value="other.safetensors")])
    assert not frozen.successful and "read-only" in frozen.reason
    (crop,) = node.set_parameters([P("crop_box", value=[-1.0, -1.0, 0.0, 1.0, 1.0, 2.0])])
    assert crop.successful and node.logic.settings.crop() is not None
    # Parameters that are not find3d's (rclpy's use_sim_time) pass through untouched.
    node.declare_parameter("use_sim_time", False)
    (sim,) = node.set_parameters([P("use_sim_time", value=True)])
    assert sim.successful and node.get_parameter("use_sim_time").value is True


def test_target_frame_through_tf2(ros, small_table_cloud):
    node = make_node(ros, tf_timeout=0.3)
    Transform = ros.msg("geometry_msgs", "TransformStamped")
    t = Transform()
    t.header.frame_id, t.child_frame_id = "base_link", "camera_optical"
    t.transform.translation.x, t.transform.translation.z = 0.5, 1.2
    t.transform.rotation.w = 1.0
    node.tf_buffer.set_transform(t, "test")
    Request = ros.QueryParts.Request
    res = node.call("~/query_parts", Request(queries=["body"], target_frame="base_link",
                                             cloud=cloud_msg(ros, small_table_cloud)))  # fmt: skip
    assert res.success, res.message
    part = res.parts[0]
    assert part.header.frame_id == "base_link"
    expected = small_table_cloud.xyz[np.asarray(part.indices)] + np.float32([0.5, 0.0, 1.2])
    np.testing.assert_allclose(msg_to_cloud(part.cloud).xyz, expected, atol=1e-6)
    target, source, stamp, timeout = node.tf_buffer.lookups[-1]
    assert (target, source, stamp.nanoseconds, timeout.nanoseconds) == ("base_link", "camera_optical",
                                                                        42 * 10**9 + 7, 3 * 10**8)  # fmt: skip
    res = node.call("~/query_parts", Request(queries=["mug"], target_frame="map",
                                             cloud=cloud_msg(ros, small_table_cloud)))  # fmt: skip
    assert not res.success and "no transform from 'camera_optical' to 'map' within 0.3 s" in res.message


def test_missing_checkpoint_node_stays_up(ros, monkeypatch, small_table_cloud):
    from find3d_core.inference.predictor import Find3DPredictor

    monkeypatch.setattr(logic_module, "_default_predictor_factory", lambda: Find3DPredictor.from_checkpoint)
    node = make_node(ros, checkpoint="/does/not/exist.safetensors")
    errors = [line for level, line in node.get_logger().lines if level == "ERROR"]
    assert errors and "/does/not/exist.safetensors" in errors[0]
    res = node.call("~/query_parts", ros.QueryParts.Request(queries=["mug"], cloud=cloud_msg(ros, small_table_cloud)))
    assert not res.success and res.message.startswith("model not loaded")


def test_main_spins_a_multithreaded_executor_and_cleans_up(ros, monkeypatch):
    made = []
    real = rclpy_standin.MultiThreadedExecutor

    class Recording(real):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(ros.node, "MultiThreadedExecutor", Recording)
    sys.modules["rclpy"].try_shutdown()
    ros.node.main([])
    (executor,) = made
    assert executor.num_threads >= 2 and executor.shut_down
    (node,) = executor.nodes
    assert node.destroyed and not sys.modules["rclpy"].ok()
