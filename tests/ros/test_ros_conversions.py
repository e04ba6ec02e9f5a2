"""PointCloud2 <-> PointCloud on real scans: organized + NaN, endianness, odd layouts, colour encodings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from find3d_core.geometry.cloud import CloudError, PointCloud  # noqa: E402
from find3d_core.geometry.io import read_cloud  # noqa: E402
from find3d_ros.conversions import (  # noqa: E402
    array_to_msg,
    cloud_to_msg,
    fields_dtype,
    msg_to_array,
    msg_to_cloud,
    pack_rgb,
    unpack_rgb,
)

from .ros_test_helpers import make_header, scan_path  # noqa: E402

SCANS = ["table_scene_mug_stereo_textured.pcd", "laptop_kinect_frame.pcd", "milk_color.pcd"]


def assert_same_cloud(a: PointCloud, b: PointCloud) -> None:
    assert a.shape == b.shape and len(a) == len(b)
    np.testing.assert_array_equal(a.xyz, b.xyz)  # NaN rows compare equal, in place
    if a.rgb is None:
        assert b.rgb is None
    else:
        np.testing.assert_allclose(a.rgb, b.rgb, atol=0.5 / 255 + 1e-6)


def cdr(typestore, msg):
    return typestore.deserialize_cdr(typestore.serialize_cdr(msg, msg.__msgtype__), msg.__msgtype__)


@pytest.mark.parametrize("name", SCANS)
@pytest.mark.parametrize("big_endian", [False, True])
def test_real_scan_round_trip(name, big_endian, factory, typestore):
    cloud = read_cloud(scan_path(name))
    msg = cdr(typestore, cloud_to_msg(factory, cloud, make_header(factory), big_endian=big_endian))
    assert msg.is_bigendian == big_endian
    back = msg_to_cloud(msg)
    assert_same_cloud(cloud, back)
    assert back.frame_id == "camera_optical"
    if cloud.shape is not None:
        h, w = cloud.shape
        assert (msg.height, msg.width) == (h, w) and msg.row_step == w * msg.point_step
        # Organized: row r, column c is still pixel (r, c), NaN pixels included.
        nan_rows = ~np.isfinite(cloud.xyz).all(axis=1)
        assert nan_rows.any() and np.array_equal(~np.isfinite(back.xyz).all(axis=1), nan_rows)
        assert msg.is_dense is False


def test_big_endian_bytes_really_differ(factory, table_cloud):
    little = cloud_to_msg(factory, table_cloud, make_header(factory))
    big = cloud_to_msg(factory, table_cloud, make_header(factory), big_endian=True)
    assert little.point_step == big.point_step
    x_little = np.frombuffer(little.data, np.uint8).reshape(-1, little.point_step)[:, :4]
    x_big = np.frombuffer(big.data, np.uint8).reshape(-1, big.point_step)[:, :4]
    np.testing.assert_array_equal(x_little, x_big[:, ::-1])


def driver_style_msg(factory, cloud: PointCloud, point_step: int, offsets: dict, row_pad: int, big_endian: bool,
                     rgb_type: int):  # fmt: skip
    """A PointCloud2 laid out like an odd driver: padded points, unaligned fields, padded rows."""
    h, w = cloud.shape or (1, len(cloud))
    order = ">" if big_endian else "<"
    row_step = w * point_step + row_pad
    data = np.zeros(h * row_step, dtype=np.uint8)
    rows = data.reshape(h, row_step)[:, : w * point_step].reshape(h, w, point_step)
    for k, axis in enumerate("xyz"):
        o = offsets[axis]
        rows[:, :, o : o + 4] = cloud.xyz[:, k].astype(order + "f4").view(np.uint8).reshape(h, w, 4)
    rgb8 = np.round(cloud.rgb * 255).astype(np.uint32)
    packed = (np.uint32(0xFF) << 24) | (rgb8[:, 0] << 16) | (rgb8[:, 1] << 8) | rgb8[:, 2]
    o = offsets["rgb"]
    rows[:, :, o : o + 4] = packed.astype(order + "u4").view(np.uint8).reshape(h, w, 4)
    fields = [factory.new("sensor_msgs/msg/PointField", name=n, offset=offsets[n], datatype=7, count=1) for n in "xyz"]
    fields.append(factory.new("sensor_msgs/msg/PointField", name="rgb", offset=o, datatype=rgb_type, count=1))
    return factory.new(
        "sensor_msgs/msg/PointCloud2", header=make_header(factory), height=h, width=w, fields=fields[::-1],
        is_bigendian=big_endian, point_step=point_step, row_step=row_step, data=data, is_dense=False,
    )  # fmt: skip


@pytest.mark.parametrize("big_endian", [False, True])
@pytest.mark.parametrize("rgb_type", [7, 6])  # packed as FLOAT32 (PCL) or UINT32
def test_odd_point_step_unaligned_fields_padded_rows(big_endian, rgb_type, factory, typestore, small_table_cloud):
    cloud = small_table_cloud
    offsets = {"rgb": 1, "x": 5, "y": 9, "z": 14}  # odd offsets, a gap, listed out of order
    msg = cdr(typestore, driver_style_msg(factory, cloud, 23, offsets, row_pad=7, big_endian=big_endian,
                                          rgb_type=rgb_type))  # fmt: skip
    back = msg_to_cloud(msg)
    assert_same_cloud(cloud, back)


def test_separate_rgb_fields_and_extra(factory, small_table_cloud):
    cloud = small_table_cloud
    rgb8 = np.round(cloud.rgb * 255).astype(np.uint8)
    columns = {"x": cloud.xyz[:, 0], "y": cloud.xyz[:, 1], "z": cloud.xyz[:, 2], "intensity": np.arange(len(cloud),
               dtype=np.float32), "r": rgb8[:, 0], "g": rgb8[:, 1], "b": rgb8[:, 2], "ring": np.full(len(cloud), 3,
               dtype=np.uint16)}  # fmt: skip
    msg = array_to_msg(factory, make_header(factory), columns, cloud.shape)
    back = msg_to_cloud(msg, keep_extra=True)
    assert_same_cloud(cloud, back)
    assert set(back.extra) == {"intensity", "ring"}
    np.testing.assert_array_equal(back.extra["intensity"], columns["intensity"])
    assert back.extra["ring"].dtype == np.uint16
    assert msg_to_cloud(msg).extra == {}


def test_normals_and_multi_count_fields(factory, small_table_cloud):
    cloud = PointCloud(xyz=small_table_cloud.xyz, normals=np.tile([0.0, 0.0, -1.0], (len(small_table_cloud), 1)))
    columns = {"xyz": cloud.xyz, "normal_x": cloud.normals[:, 0], "normal_y": cloud.normals[:, 1],
               "normal_z": cloud.normals[:, 2]}  # fmt: skip
    msg = array_to_msg(factory, make_header(factory), columns)
    assert msg.fields[0].count == 3
    points = msg_to_array(msg)
    np.testing.assert_array_equal(points["xyz"], cloud.xyz)
    with pytest.raises(CloudError, match="no x/y/z"):
        msg_to_cloud(msg)  # one 3-vector field named xyz is not x, y, z
    columns = {"x": cloud.xyz[:, 0], "y": cloud.xyz[:, 1], "z": cloud.xyz[:, 2], **dict(list(columns.items())[1:])}
    back = msg_to_cloud(array_to_msg(factory, make_header(factory), columns))
    np.testing.assert_array_equal(back.normals, cloud.normals)
    assert back.rgb is None and back.shape is None


def test_float64_xyz(factory):
    xyz = np.array([[1.0, 2.0, 3.0], [np.nan, 0.0, 0.0]])
    msg = array_to_msg(factory, make_header(factory), {"x": xyz[:, 0], "y": xyz[:, 1], "z": xyz[:, 2]})
    assert msg.fields[0].datatype == 8
    back = msg_to_cloud(msg)
    assert back.xyz.dtype == np.float32
    np.testing.assert_array_equal(back.xyz, xyz.astype(np.float32))


def test_rgb_packing_matches_pcl_layout():
    rgb = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.4, 0.6]], dtype=np.float32)
    packed = pack_rgb(rgb).view(np.uint32)
    assert packed[:3].tolist() == [0xFFFF0000, 0xFF00FF00, 0xFF0000FF]
    np.testing.assert_allclose(unpack_rgb(packed), rgb, atol=0.5 / 255)
    np.testing.assert_allclose(unpack_rgb(np.array([0x00102030], dtype=np.uint32)), [[16 / 255, 32 / 255, 48 / 255]])


def test_bad_messages_raise_cloud_error(factory, small_table_cloud):
    good = cloud_to_msg(factory, small_table_cloud, make_header(factory))
    no_z = replace(good, fields=[f for f in good.fields if f.name != "z"])
    with pytest.raises(CloudError, match="no z field"):
        msg_to_cloud(no_z)
    empty = replace(good, height=0, width=0)
    with pytest.raises(CloudError, match="empty"):
        msg_to_cloud(empty)
    short = replace(good, data=good.data[:-1])
    with pytest.raises(CloudError, match="need"):
        msg_to_cloud(short)
    narrow = replace(good, point_step=8, row_step=8 * good.width)
    with pytest.raises(CloudError, match="past point_step"):
        msg_to_cloud(narrow)
    rows = replace(good, row_step=good.row_step - 1)
    with pytest.raises(CloudError, match="row_step"):
        msg_to_cloud(rows)
    bad_type = [factory.new("sensor_msgs/msg/PointField", name="x", offset=0, datatype=9, count=1)]
    with pytest.raises(CloudError, match="unknown PointField datatype 9"):
        fields_dtype(bad_type, 16, False)


def test_data_as_bytes_or_array_module(factory, small_table_cloud):
    """rclpy hands data as array('B'); other producers as bytes: both read the same."""
    import array

    msg = cloud_to_msg(factory, small_table_cloud, make_header(factory))
    for data in (bytes(msg.data), array.array("B", bytes(msg.data)), list(msg.data[: msg.point_step * msg.width])):
        other = replace(msg, data=data)
        if isinstance(data, list):  # one row's worth: make it a 1-row cloud
            other = replace(other, height=1)
            np.testing.assert_array_equal(msg_to_cloud(other).xyz, small_table_cloud.xyz[: msg.width])
        else:
            assert_same_cloud(small_table_cloud, msg_to_cloud(other))


def test_reading_is_a_view_of_the_data(factory, small_table_cloud):
    msg = cloud_to_msg(factory, small_table_cloud, make_header(factory))
    points = msg_to_array(msg)
    assert np.shares_memory(points, msg.data)
