"""Result messages: labelled cloud, part clouds, PartSegment, MarkerArray, latency diagnostics."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from scipy.spatial.transform import Rotation  # noqa: E402

from find3d_core.geometry.cloud import PointCloud  # noqa: E402
from find3d_core.inference.parts import make_part  # noqa: E402
from find3d_core.inference.visualize import part_colors  # noqa: E402
from find3d_ros.conversions import msg_to_array, msg_to_cloud, unpack_rgb  # noqa: E402
from find3d_ros.outputs import (  # noqa: E402
    labelled_cloud_msg,
    labelled_image_msg,
    latency_msg,
    marker_array_msg,
    part_segment_msg,
    query_cloud_msgs,
)

from .ros_test_helpers import make_header  # noqa: E402

QUERIES = ["left half", "far right"]


@pytest.fixture(scope="module")
def labelled(small_table_cloud):
    """Labels by a geometric rule (no model needed): query 0 left of x=0, query 1 right of x=0.2."""
    cloud = small_table_cloud
    x = cloud.xyz[:, 0]
    labels = np.full(len(cloud), -1, dtype=np.int64)
    labels[x < 0] = 0
    labels[x > 0.2] = 1
    scores = np.where(np.isfinite(x), 0.5 + 0.4 * (labels >= 0), np.nan).astype(np.float32)
    parts = []
    for q, query in enumerate(QUERIES):
        rows = np.flatnonzero(labels == q)
        parts.append(make_part(query, q, None, rows, cloud.xyz[rows], scores[rows]))
    return labels, scores, parts


def test_labelled_cloud_fields_and_rows(factory, typestore, small_table_cloud, labelled):
    labels, scores, _ = labelled
    msg = labelled_cloud_msg(factory, make_header(factory), small_table_cloud, labels, scores, len(QUERIES))
    msg = typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)
    assert [(f.name, f.datatype, f.count) for f in msg.fields] == [
        ("x", 7, 1), ("y", 7, 1), ("z", 7, 1), ("rgb", 7, 1), ("label", 5, 1), ("score", 7, 1)]  # fmt: skip
    assert (msg.height, msg.width) == small_table_cloud.shape  # organized: pixel indices kept
    points = msg_to_array(msg)
    np.testing.assert_array_equal(points["label"], labels)
    np.testing.assert_array_equal(points["score"], scores)
    colors = unpack_rgb(points["rgb"])
    expected = part_colors(len(QUERIES))
    for q in range(len(QUERIES)):
        np.testing.assert_allclose(colors[labels == q], np.broadcast_to(expected[q], colors[labels == q].shape),
                                   atol=1 / 255)  # fmt: skip
    unlabelled = labels < 0
    np.testing.assert_allclose(colors[unlabelled], small_table_cloud.rgb[unlabelled], atol=1 / 255)
    np.testing.assert_array_equal(msg_to_cloud(msg).xyz, small_table_cloud.xyz)


def test_labelled_image_paints_parts_on_the_camera_image(factory, typestore, small_table_cloud, labelled):
    labels, _, _ = labelled
    msg = labelled_image_msg(factory, make_header(factory), small_table_cloud, labels, len(QUERIES))
    msg = typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)
    h, w = small_table_cloud.shape
    assert (msg.height, msg.width, msg.encoding, msg.step, msg.is_bigendian) == (h, w, "rgb8", 3 * w, 0)
    pixels = np.asarray(msg.data, dtype=np.float64).reshape(h * w, 3) / 255
    finite = small_table_cloud.finite_mask()
    for q, color in enumerate(part_colors(len(QUERIES))):
        mine = labels == q
        expected = 0.3 * small_table_cloud.rgb[mine] + 0.7 * color
        np.testing.assert_allclose(pixels[mine], expected, atol=1 / 255 + 1e-6)
    plain = (labels < 0) & finite
    np.testing.assert_allclose(pixels[plain], small_table_cloud.rgb[plain], atol=1 / 255 + 1e-6)
    unorganized = PointCloud(small_table_cloud.xyz, small_table_cloud.rgb)
    assert labelled_image_msg(factory, make_header(factory), unorganized, labels, len(QUERIES)) is None


def test_query_clouds(factory, small_table_cloud, labelled):
    labels, _, _ = labelled
    clouds = query_cloud_msgs(factory, make_header(factory), small_table_cloud, labels, len(QUERIES))
    assert len(clouds) == 2
    for q, msg in enumerate(clouds):
        cloud = msg_to_cloud(msg)
        assert msg.height == 1 and msg.is_dense and cloud.rgb is not None
        np.testing.assert_array_equal(cloud.xyz, small_table_cloud.xyz[labels == q])


def test_part_segment(factory, typestore, small_table_cloud, labelled):
    _, _, parts = labelled
    header = make_header(factory, frame_id="base_link", sec=7, nanosec=9)
    msg = part_segment_msg(factory, header, small_table_cloud, parts[1])
    msg = typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)
    part = parts[1]
    assert (msg.query, msg.query_index, msg.object_id) == ("far right", 1, -1)
    assert msg.header.frame_id == "base_link" and (msg.header.stamp.sec, msg.header.stamp.nanosec) == (7, 9)
    assert msg.cloud.header.frame_id == "base_link"
    np.testing.assert_array_equal(msg.indices, part.indices)
    np.testing.assert_array_equal(msg_to_cloud(msg.cloud).xyz, small_table_cloud.xyz[part.indices])
    assert msg.score == pytest.approx(part.score, rel=1e-6)
    np.testing.assert_allclose([msg.centroid.x, msg.centroid.y, msg.centroid.z],
                               small_table_cloud.xyz[part.indices].mean(axis=0), atol=1e-5)  # fmt: skip
    # Every point lies inside the oriented box given by centre pose and full size.
    c, q, s = msg.bbox.center.position, msg.bbox.center.orientation, msg.bbox.size
    rotation = Rotation.from_quat([q.x, q.y, q.z, q.w]).as_matrix()
    local = (small_table_cloud.xyz[part.indices] - [c.x, c.y, c.z]) @ rotation
    assert (np.abs(local) <= np.array([s.x, s.y, s.z]) / 2 + 1e-4).all()
    assert min(s.x, s.y, s.z) >= 0 and max(s.x, s.y, s.z) > 0.05


def test_part_segment_scene_object_id(factory, small_table_cloud, labelled):
    _, scores, parts = labelled
    part = make_part("lid", 0, 3, parts[0].indices, parts[0].points, scores[parts[0].indices])
    assert part_segment_msg(factory, make_header(factory), small_table_cloud, part).object_id == 3


def test_markers(factory, typestore, labelled):
    _, _, parts = labelled
    Marker = factory.type("visualization_msgs/msg/Marker")
    msg = marker_array_msg(factory, make_header(factory), parts, len(QUERIES), up=(0, -1, 0), scale=0.02)
    msg = typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)
    first, rest = msg.markers[0], msg.markers[1:]
    assert first.action == Marker.DELETEALL  # clears the previous frame's parts
    assert len(rest) == 3 * len(parts)
    assert all(m.header.frame_id == "camera_optical" and m.action == Marker.ADD for m in rest)
    by_ns = {ns: [m for m in rest if m.ns == ns] for ns in ("centroids", "labels", "boxes")}
    assert all(len(v) == len(parts) for v in by_ns.values())
    colors = part_colors(len(QUERIES))
    for k, part in enumerate(parts):
        sphere, text, box = by_ns["centroids"][k], by_ns["labels"][k], by_ns["boxes"][k]
        assert sphere.type == Marker.SPHERE and text.type == Marker.TEXT_VIEW_FACING and box.type == Marker.LINE_LIST
        assert sphere.id == text.id == box.id == k
        p = sphere.pose.position
        np.testing.assert_allclose([p.x, p.y, p.z], part.centroid, atol=1e-9)
        assert text.text.startswith(part.query) and f"{part.score:.2f}" in text.text
        assert text.pose.position.y < p.y  # lifted along "up" = -y
        np.testing.assert_allclose([sphere.color.r, sphere.color.g, sphere.color.b], colors[part.query_index])
        assert sphere.color.a == 1.0 and sphere.scale.x == pytest.approx(0.04)
        # 12 edges; corners at +-extent/2 in the box pose, i.e. the OBB corners in the frame.
        assert len(box.points) == 24
        corners = np.array([[pt.x, pt.y, pt.z] for pt in box.points])
        np.testing.assert_allclose(np.abs(corners).max(axis=0), np.asarray(part.obb_extent) / 2, atol=1e-9)
        q = box.pose.orientation
        rot = Rotation.from_quat([q.x, q.y, q.z, q.w]).as_matrix()
        np.testing.assert_allclose(rot, part.obb_rotation, atol=1e-6)
        assert np.isclose(np.linalg.norm([q.x, q.y, q.z, q.w]), 1.0)


def test_latency_diagnostics(factory, typestore):
    msg = latency_msg(factory, make_header(factory), "find3d_node: segmentation", {"convert": 0.0021, "network": 0.5},
                      "2 part(s)")  # fmt: skip
    msg = typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)
    (status,) = msg.status
    assert status.level == 0 and status.name == "find3d_node: segmentation" and status.message == "2 part(s)"
    assert {kv.key: kv.value for kv in status.values} == {"convert_ms": "2.10", "network_ms": "500.00"}
