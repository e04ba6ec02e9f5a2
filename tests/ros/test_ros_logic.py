"""find3d_node's logic without rclpy: settings, the QueryParts service, standing queries, bad input."""

from __future__ import annotations

import dataclasses
import logging
import time

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from scipy.spatial.transform import Rotation  # noqa: E402

from find3d_core.geometry.cloud import PointCloud  # noqa: E402
from find3d_core.model.checkpoint import CheckpointError  # noqa: E402
from find3d_ros.conversions import cloud_to_msg, msg_to_cloud  # noqa: E402
from find3d_ros.logic import (  # noqa: E402
    Find3DLogic,
    Settings,
    TransformUnavailable,
    Wanted,
    parameter_specs,
    topic_slug,
)

from .ros_test_helpers import make_header  # noqa: E402

MAX_POINTS = 4000  # keeps every segmentation well under a second on CPU


class Recorder:
    """Wraps the real predictor and records each call's arguments."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []
        self.info = inner.info

    def segment(self, cloud, queries, **kwargs):
        self.calls.append((cloud, list(queries), kwargs))
        return self.inner.segment(cloud, queries, **kwargs)


class Log:
    def __init__(self):
        self.lines = []

    def info(self, m):
        self.lines.append(("info", m))

    def warning(self, m):
        self.lines.append(("warning", m))

    def error(self, m):
        self.lines.append(("error", m))


@pytest.fixture
def logic(factory, predictor):
    log = Log()
    logic = Find3DLogic(factory, Settings(max_points=MAX_POINTS), log=log)
    logic.configure(Recorder(predictor))
    return logic


@pytest.fixture(scope="module")
def cloud_msg(factory, small_table_cloud):
    return cloud_to_msg(factory, small_table_cloud, make_header(factory))


def request(factory, queries=("mug", "handle"), cloud=None, **fields):
    if cloud is not None:
        fields["cloud"] = cloud
    return factory.new("find3d_msgs/srv/QueryParts_Request", queries=list(queries), **fields)


def response(factory):
    return factory.new("find3d_msgs/srv/QueryParts_Response")


def cdr(typestore, msg):
    return typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)


# --------------------------------------------------------------------------- settings


def test_settings_defaults_and_descriptions():
    specs = parameter_specs()
    names = [s.name for s in specs]
    assert names[:7] == ["checkpoint", "text_encoder", "device", "backend", "onnx", "up_axis", "input_topic"]
    assert {"queries", "scene", "crop_box", "max_points", "score_threshold", "target_frame", "tf_timeout"} <= set(names)
    for spec in specs:
        assert len(spec.metadata["description"]) > 20, spec.name
    read_only = {s.name for s in specs if s.metadata["read_only"]}
    assert read_only == {"checkpoint", "text_encoder", "device", "backend", "onnx", "up_axis", "input_topic",
                         "input_reliability", "input_depth", "diagnostic_period"}  # fmt: skip


@pytest.mark.parametrize(
    "changes, match",
    [
        ({"queries": ["a", ""]}, "non-empty"),
        ({"queries": ["a", "a"]}, "repeat"),
        ({"queries": "handle"}, "list of strings"),
        ({"crop_box": [0.0, 0.0, 0.0]}, "6 finite numbers"),
        ({"crop_box": [1.0, 0.0, 0.0, 0.0, 1.0, 1.0]}, "exceeds max"),
        ({"max_points": -1}, "max_points"),
        ({"score_threshold": 1.5}, "score_threshold"),
        ({"tf_timeout": -0.1}, "tf_timeout"),
        ({"up_axis": "up"}, "up_axis"),
        ({"marker_scale": 0.0}, "marker_scale"),
        ({"input_reliability": "sometimes"}, "input_reliability"),
        ({"input_depth": 0}, "input_depth"),
        ({"diagnostic_period": 0.0}, "diagnostic_period"),
        ({"colour": 1}, "unknown parameter"),
    ],
)
def test_settings_reject_bad_values(changes, match):
    with pytest.raises(ValueError, match=match):
        Settings().replaced(changes)


def test_settings_coerce_ros_values():
    s = Settings().replaced({"tf_timeout": 1, "crop_box": (0, 0, 0, 1, 1, 1), "queries": ("lid",)})
    assert s.tf_timeout == 1.0 and isinstance(s.tf_timeout, float)
    assert s.crop_box == [0, 0, 0, 1, 1, 1] and s.queries == ["lid"]
    lo, hi = s.crop()
    assert lo.tolist() == [0, 0, 0] and hi.tolist() == [1, 1, 1]


def test_topic_slug():
    assert topic_slug("Coffee mug handle") == "coffee_mug_handle"
    assert topic_slug("3d-printed lid!") == "q_3d_printed_lid"
    assert topic_slug("???") == "part"
    assert topic_slug("handle", ["handle", "handle_2"]) == "handle_3"


# --------------------------------------------------------------------------- service


def test_query_with_cloud_in_request(logic, factory, typestore, cloud_msg, small_table_cloud):
    # No cap: since find3d_core caps a cloud before the scene split, 4,000 points leave no object to find.
    logic.settings = logic.settings.replaced({"max_points": 0})
    req = cdr(typestore, request(factory, cloud=cloud_msg, scene=True, object_name="mug", min_score=0.1))
    res = cdr(typestore, logic.handle_query(req, response(factory)))
    assert res.success, res.message
    assert "in 19200 points" in res.message and "frame 'camera_optical'" in res.message
    (cloud, queries, kwargs) = logic.predictor.calls[-1]
    assert queries == ["mug", "handle"]
    assert kwargs == {"scene": True, "object_name": "mug", "crop_box": None, "max_points": None,
                      "score_threshold": pytest.approx(0.1)}  # fmt: skip
    np.testing.assert_array_equal(cloud.xyz, small_table_cloud.xyz)
    assert res.parts, "the shipped model labels part of the mug on the table scan"
    for part in res.parts:
        assert part.query in ("mug", "handle") and part.query == ["mug", "handle"][part.query_index]
        assert part.object_id >= 0  # scene mode
        assert part.header.frame_id == "camera_optical"
        assert (part.header.stamp.sec, part.header.stamp.nanosec) == (1700000000, 250)
        assert 0.1 <= part.score <= 1.0
        np.testing.assert_array_equal(msg_to_cloud(part.cloud).xyz, small_table_cloud.xyz[part.indices])
        assert np.isfinite(small_table_cloud.xyz[part.indices]).all()


def test_query_uses_latest_cloud_and_never_waits(logic, factory, cloud_msg):
    start = time.perf_counter()
    res = logic.handle_query(request(factory), response(factory))
    assert time.perf_counter() - start < 0.5
    assert not res.success and "no cloud received yet on /camera/depth/color/points" in res.message
    assert res.parts == []
    logic.on_cloud(cloud_msg)
    res = logic.handle_query(request(factory, queries=["table"]), response(factory))
    assert res.success, res.message
    assert logic.latest.received == 1


def test_score_threshold_is_the_larger_of_request_and_parameter(logic, factory, cloud_msg):
    logic.settings = logic.settings.replaced({"score_threshold": 0.3, "crop_box": [-1, -1, 0, 1, 1, 3]})
    logic.handle_query(request(factory, cloud=cloud_msg, min_score=0.2), response(factory))
    kwargs = logic.predictor.calls[-1][2]
    assert kwargs["score_threshold"] == pytest.approx(0.3)
    assert [b.tolist() for b in kwargs["crop_box"]] == [[-1, -1, 0], [1, 1, 3]]
    logic.handle_query(request(factory, cloud=cloud_msg, min_score=0.6), response(factory))
    assert logic.predictor.calls[-1][2]["score_threshold"] == pytest.approx(0.6)


def with_fields(msg, keep):
    return dataclasses.replace(msg, fields=[f for f in msg.fields if f.name in keep])


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda f, m: request(f, queries=[], cloud=m), "queries must be non-empty"),
        (lambda f, m: request(f, queries=["lid", " "], cloud=m), "non-empty"),
        (lambda f, m: request(f, cloud=m, min_score=2.0), "min_score must be within"),
        (lambda f, m: request(f, cloud=with_fields(m, {"x", "y", "rgb"})), "no z field"),
        (lambda f, m: request(f, cloud=dataclasses.replace(m, data=np.full_like(m.data, 0xFF))), "no finite points"),
        (lambda f, m: request(f, cloud=m, target_frame="base_link"), "no tf2 here"),
    ],
)
def test_bad_requests_answer_false_with_reason(logic, factory, typestore, cloud_msg, make, reason):
    res = cdr(typestore, logic.handle_query(make(factory, cloud_msg), response(factory)))
    assert res.success is False and reason in res.message and res.parts == []
    assert logic.log.lines[-1] == ("warning", f"query_parts failed: {res.message}")
    # ... and the next good request is answered: the node lives on.
    assert logic.handle_query(request(factory, cloud=cloud_msg), response(factory)).success


def test_too_few_points(logic, factory):
    tiny = PointCloud(xyz=np.random.default_rng(0).random((10, 3)), frame_id="cam")
    res = logic.handle_query(request(factory, cloud=cloud_to_msg(factory, tiny, make_header(factory, "cam"))),
                             response(factory))  # fmt: skip
    assert not res.success and "too few points" in res.message


def test_missing_checkpoint_keeps_answering(factory, cloud_msg):
    def broken(**kwargs):
        raise CheckpointError(f"{kwargs['checkpoint']}: no such file")

    log = Log()
    logic = Find3DLogic(factory, Settings(checkpoint="/nope.safetensors"), log=log, predictor_factory=broken)
    assert logic.configure() is False
    assert log.lines[-1][0] == "error" and "/nope.safetensors: no such file" in log.lines[-1][1]
    res = logic.handle_query(request(factory, cloud=cloud_msg), response(factory))
    assert not res.success and "model not loaded (CheckpointError)" in res.message
    assert logic.process_standing(cloud_msg, Wanted(labelled=True)) is None  # no standing queries
    logic.settings = logic.settings.replaced({"queries": ["lid"]})
    out = logic.process_standing(cloud_msg, Wanted(labelled=True))
    assert out.error and "model not loaded" in out.error


def test_configure_builds_the_predictor_once(factory, predictor):
    made = []

    def build(**kwargs):
        made.append(kwargs)
        return predictor

    logic = Find3DLogic(factory, Settings(checkpoint="model.safetensors", device="cpu", up_axis="-y"),
                        predictor_factory=build, log=Log())  # fmt: skip
    assert logic.configure()
    assert made == [{"checkpoint": "model.safetensors", "text_encoder": None, "device": "cpu", "up_axis": "-y",
                     "backend": "torch", "backend_options": None}]
    warned = any("UNTRAINED" in m for level, m in logic.log.lines if level == "warning")
    assert warned == (not predictor.info.trained)


def test_target_frame_through_lookup(factory, predictor, cloud_msg, small_table_cloud):
    rotation = Rotation.from_euler("xyz", [-90, 0, -90], degrees=True).as_matrix()  # optical -> base_link-like
    matrix = np.eye(4)
    matrix[:3, :3], matrix[:3, 3] = rotation, [0.1, -0.2, 1.0]
    asked = []

    def lookup(target, source, stamp, timeout):
        asked.append((target, source, stamp.sec, timeout))
        if target != "base_link":
            raise TransformUnavailable(f"no transform from '{source}' to '{target}'")
        return matrix

    logic = Find3DLogic(factory, Settings(max_points=MAX_POINTS, tf_timeout=0.25), lookup=lookup, log=Log())
    logic.configure(predictor)
    res = logic.handle_query(request(factory, cloud=cloud_msg, target_frame="base_link"), response(factory))
    assert res.success, res.message
    assert asked == [("base_link", "camera_optical", 1700000000, 0.25)]
    expected = small_table_cloud.xyz @ rotation.T.astype(np.float32) + matrix[:3, 3].astype(np.float32)
    assert res.parts  # segmented in the cloud's own frame (up_axis -y), only the results move
    for part in res.parts:
        assert part.header.frame_id == "base_link" and part.cloud.header.frame_id == "base_link"
        np.testing.assert_allclose(msg_to_cloud(part.cloud).xyz, expected[part.indices], atol=1e-5)
    res = logic.handle_query(request(factory, cloud=cloud_msg, target_frame="map"), response(factory))
    assert not res.success and "no transform from 'camera_optical' to 'map'" in res.message
    # The parameter applies when the request leaves target_frame empty. The model then sees the cloud in base_link,
    # where up is z, not the -y this predictor was built for, so whether it finds parts there is not the point.
    logic.settings = logic.settings.replaced({"target_frame": "base_link"})
    res = logic.handle_query(request(factory, cloud=cloud_msg), response(factory))
    assert res.success and "frame 'base_link'" in res.message, res.message
    assert asked[-1][:2] == ("base_link", "camera_optical")
    assert all(part.header.frame_id == "base_link" for part in res.parts)


# --------------------------------------------------------------------------- standing queries


def test_nothing_is_computed_without_subscribers(logic, cloud_msg):
    logic.settings = logic.settings.replaced({"queries": ["mug"]})
    assert logic.process_standing(cloud_msg, Wanted()) is None
    assert logic.predictor.calls == []


def test_standing_outputs_only_what_is_wanted(logic, cloud_msg, typestore):
    logic.settings = logic.settings.replaced({"queries": ["mug", "handle", "body"], "scene": False})
    out = logic.process_standing(cloud_msg, Wanted(markers=True, part_queries={2}))
    assert out.error is None and out.labelled is None
    assert set(out.part_clouds) == {2}
    labels = out.frame.segmentation.labels
    assert out.part_clouds[2].width == np.count_nonzero(labels == 2) > 0
    np.testing.assert_array_equal(msg_to_cloud(out.part_clouds[2]).xyz, out.frame.cloud.xyz[labels == 2])
    assert len(out.markers.markers) == 1 + 3 * len(out.frame.segmentation.parts)
    assert logic.segmented == 1 and logic.last_timings == out.frame.timings
    keys = {kv.key for kv in cdr(typestore, out.latency).status[0].values}
    assert {"convert_ms", "network_ms", "outputs_ms"} <= keys
    out = logic.process_standing(cloud_msg, Wanted(labelled=True))
    assert out.labelled is not None and out.markers is None and out.part_clouds == {} and out.image is None
    assert (out.labelled.height, out.labelled.width) == (cloud_msg.height, cloud_msg.width)
    out = logic.process_standing(cloud_msg, Wanted(image=True))
    assert out.image is not None and out.labelled is None
    assert (out.image.height, out.image.width, out.image.encoding) == (cloud_msg.height, cloud_msg.width, "rgb8")


def test_standing_errors_are_logged_throttled(logic, factory, cloud_msg):
    logic.settings = logic.settings.replaced({"queries": ["mug"]})
    bad = dataclasses.replace(cloud_msg, data=np.full_like(cloud_msg.data, 0xFF))
    for _ in range(3):
        out = logic.process_standing(bad, Wanted(labelled=True))
        assert "no finite points" in out.error
    warnings = [m for level, m in logic.log.lines if level == "warning"]
    assert len(warnings) == 1 and warnings[0].startswith("standing queries skipped a cloud")


def test_default_log_is_python_logging(factory, caplog):
    logic = Find3DLogic(factory, Settings())
    with caplog.at_level(logging.WARNING, logger="find3d_ros"):
        res = logic.handle_query(request(factory), response(factory))
    assert not res.success and "model not configured" in caplog.text
