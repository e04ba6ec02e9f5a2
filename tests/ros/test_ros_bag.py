"""Offline mode: a rosbag2 (sqlite3 and MCAP) made from the real table scan goes through run_bag and reads back."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from rosbags.rosbag2 import Reader, StoragePlugin, Writer  # noqa: E402

from find3d_ros import bag as bag_module  # noqa: E402
from find3d_ros.bag import BagError, run_bag  # noqa: E402
from find3d_ros.conversions import cloud_to_msg, msg_to_array, msg_to_cloud  # noqa: E402

from .ros_test_helpers import make_header  # noqa: E402

TOPIC = "/camera/depth/color/points"
STAMPS = [(1700000000, 100), (1700000000, 500_000_100)]
MAX_POINTS = 4000


def write_input_bag(path, storage, factory, typestore, clouds):
    """The fixture bag: clouds on TOPIC, a static transform on /tf_static, a string on /note."""
    with Writer(path, version=8, storage_plugin=StoragePlugin[storage.upper()]) as writer:
        clouds_conn = writer.add_connection(TOPIC, "sensor_msgs/msg/PointCloud2", typestore=typestore)
        tf_conn = writer.add_connection("/tf_static", "tf2_msgs/msg/TFMessage", typestore=typestore)
        note_conn = writer.add_connection("/note", "std_msgs/msg/String", typestore=typestore)
        tf = factory.new("tf2_msgs/msg/TFMessage", transforms=[factory.new(
            "geometry_msgs/msg/TransformStamped", header=make_header(factory, "base_link"),
            child_frame_id="camera_optical")])  # fmt: skip
        writer.write(tf_conn, 1, typestore.serialize_cdr(tf, "tf2_msgs/msg/TFMessage"))
        writer.write(note_conn, 2, typestore.serialize_cdr(factory.new("std_msgs/msg/String", data="hi"),
                                                           "std_msgs/msg/String"))  # fmt: skip
        for (sec, nanosec), cloud in zip(STAMPS, clouds):
            msg = cloud_to_msg(factory, cloud, make_header(factory, "camera_optical", sec, nanosec))
            writer.write(clouds_conn, sec * 10**9 + nanosec, typestore.serialize_cdr(msg, msg.__msgtype__))


def read_bag(path, typestore):
    """topic -> list of (timestamp, type, message, raw bytes)."""
    out = {}
    with Reader(path) as reader:
        for conn, stamp, raw in reader.messages():
            out.setdefault(conn.topic, []).append((stamp, conn.msgtype, typestore.deserialize_cdr(raw, conn.msgtype),
                                                   bytes(raw)))  # fmt: skip
    return out


@pytest.fixture(scope="module", params=["sqlite3", "mcap"])
def input_bag(request, tmp_path_factory, factory, typestore, table_cloud):
    path = tmp_path_factory.mktemp(f"bag_{request.param}") / "table"
    write_input_bag(path, request.param, factory, typestore, [table_cloud, table_cloud])
    return path, request.param


def test_run_bag_writes_labelled_clouds_and_markers(input_bag, tmp_path, predictor, typestore, table_cloud):
    path, storage = input_bag
    out = tmp_path / "result"
    seen = []
    report = run_bag(path, out, TOPIC, ["mug", "handle"], scene=True, predictor=predictor, max_points=10000,
                     progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert (report.clouds, report.segmented, report.skipped) == (2, 2, [])
    assert report.storage == storage and seen == [(1, 2), (2, 2)]
    assert list(out.glob("*.mcap" if storage == "mcap" else "*.db3"))
    assert "2/2 clouds" in report.summary()

    topics = read_bag(out, typestore)
    assert set(topics) == {TOPIC, "/find3d_node/labeled_cloud", "/find3d_node/markers", "/find3d_node/labeled_image",
                           "/diagnostics"}
    inputs = read_bag(path, typestore)[TOPIC]
    assert [raw for *_, raw in topics[TOPIC]] == [raw for *_, raw in inputs]  # copied byte for byte
    expected_stamps = [sec * 10**9 + nanosec for sec, nanosec in STAMPS]
    for name in ("/find3d_node/labeled_cloud", "/find3d_node/markers", "/find3d_node/labeled_image", "/diagnostics"):
        assert [stamp for stamp, *_ in topics[name]] == expected_stamps, name

    for (_, msgtype, msg, _), (sec, nanosec) in zip(topics["/find3d_node/labeled_cloud"], STAMPS):
        assert msgtype == "sensor_msgs/msg/PointCloud2"
        assert msg.header.frame_id == "camera_optical"
        assert (msg.header.stamp.sec, msg.header.stamp.nanosec) == (sec, nanosec)
        assert (msg.height, msg.width) == (480, 640)
        points = msg_to_array(msg)
        assert points.dtype.names == ("x", "y", "z", "rgb", "label", "score")
        labels = points["label"]
        assert set(np.unique(labels)) <= {-1, 0, 1} and (labels >= 0).sum() > 0
        finite = np.isfinite(table_cloud.xyz).all(axis=1)
        assert (labels[~finite] == -1).all()  # invalid pixels stay unlabelled, in place
        np.testing.assert_array_equal(msg_to_cloud(msg).xyz, table_cloud.xyz)

    for (_, msgtype, image, _), (_, _, cloud, _) in zip(topics["/find3d_node/labeled_image"],
                                                         topics["/find3d_node/labeled_cloud"]):
        assert msgtype == "sensor_msgs/msg/Image" and image.encoding == "rgb8"
        assert (image.height, image.width, image.step) == (480, 640, 3 * 640)
        labelled = msg_to_array(cloud)["label"] >= 0
        pixels = np.asarray(image.data).reshape(-1, 3)
        assert len(pixels) == 480 * 640 and pixels[labelled].std() > 0  # painted parts on the camera image

    for _, msgtype, msg, _ in topics["/find3d_node/markers"]:
        assert msgtype == "visualization_msgs/msg/MarkerArray"
        assert msg.markers[0].action == 3  # DELETEALL
        assert all(m.header.frame_id == "camera_optical" for m in msg.markers)
        texts = [m.text for m in msg.markers if m.ns == "labels"]
        assert texts and all(t.split()[0] in ("mug", "handle") and "(object " in t for t in texts)
    assert report.parts == sum((len(m.markers) - 1) // 3 for _, _, m, _ in topics["/find3d_node/markers"])
    assert topics["/diagnostics"][0][1] == "diagnostic_msgs/msg/DiagnosticArray"


def test_copy_all_part_clouds_and_storage_choice(input_bag, tmp_path, predictor, typestore):
    path, storage = input_bag
    other = "mcap" if storage == "sqlite3" else "sqlite3"
    out = tmp_path / "all"
    report = run_bag(path, out, TOPIC, ["table", "mug"], predictor=predictor, max_points=MAX_POINTS,
                     copy_all=True, part_clouds=True, storage=other, namespace="robot/find3d")  # fmt: skip
    assert report.storage == other
    topics = read_bag(out, typestore)
    assert {"/tf_static", "/note", TOPIC, "/robot/find3d/parts/table", "/robot/find3d/parts/mug"} <= set(topics)
    assert topics["/note"][0][2].data == "hi"
    assert topics["/tf_static"][0][2].transforms[0].child_frame_id == "camera_optical"
    for _, msgtype, msg, _ in topics["/robot/find3d/parts/mug"]:
        assert msgtype == "sensor_msgs/msg/PointCloud2" and msg.height == 1
        assert msg.header.frame_id == "camera_optical"


def test_unusable_cloud_is_skipped_not_fatal(tmp_path, factory, typestore, predictor, small_table_cloud):
    from find3d_core.geometry.cloud import PointCloud

    nan_cloud = PointCloud(xyz=np.full((100, 3), np.nan), frame_id="camera_optical")
    path = tmp_path / "mixed"
    write_input_bag(path, "sqlite3", factory, typestore, [nan_cloud, small_table_cloud])
    report = run_bag(path, tmp_path / "out", TOPIC, ["mug"], predictor=predictor, max_points=MAX_POINTS)
    assert report.clouds == 2 and report.segmented == 1
    ((stamp, reason),) = report.skipped
    assert stamp == STAMPS[0][0] * 10**9 + STAMPS[0][1] and "no finite points" in reason
    topics = read_bag(tmp_path / "out", typestore)
    assert len(topics[TOPIC]) == 2 and len(topics["/find3d_node/labeled_cloud"]) == 1


def test_bag_errors(input_bag, tmp_path, predictor):
    path, _ = input_bag
    kwargs = dict(predictor=predictor, max_points=MAX_POINTS)
    with pytest.raises(BagError, match=r"topic '/points' is not in .*/camera/depth/color/points \[sensor_msgs"):
        run_bag(path, tmp_path / "a", "/points", ["mug"], **kwargs)
    with pytest.raises(BagError, match="carries std_msgs/msg/String, not sensor_msgs/msg/PointCloud2"):
        run_bag(path, tmp_path / "b", "/note", ["mug"], **kwargs)
    (tmp_path / "exists").mkdir()
    with pytest.raises(BagError, match="exists already"):
        run_bag(path, tmp_path / "exists", TOPIC, ["mug"], **kwargs)
    with pytest.raises(BagError, match="does not exist"):
        run_bag(tmp_path / "missing", tmp_path / "c", TOPIC, ["mug"], **kwargs)
    with pytest.raises(ValueError, match="non-empty"):
        run_bag(path, tmp_path / "d", TOPIC, [""], **kwargs)
    with pytest.raises(BagError, match="crop_box"):
        run_bag(path, tmp_path / "e", TOPIC, ["mug"], crop_box=[1, 2, 3], **kwargs)
    with pytest.raises(BagError, match="storage"):
        run_bag(path, tmp_path / "f", TOPIC, ["mug"], storage="zip", **kwargs)
    assert not any((tmp_path / name).exists() for name in "abcdef")


def test_command_line(tmp_path, capsys, monkeypatch, factory, typestore, predictor, small_table_cloud):
    path = tmp_path / "in"
    write_input_bag(path, "sqlite3", factory, typestore, [small_table_cloud])
    monkeypatch.setattr("find3d_core.inference.predictor.Find3DPredictor.from_checkpoint", lambda *a, **kw: predictor)
    code = bag_module.main([str(path), str(tmp_path / "cli"), "--topic", TOPIC, "-q", "mug", "-q", "handle",
                            "--max-points", str(MAX_POINTS), "--crop-box", "-1", "-1", "0", "1", "1", "3"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0 and "1/1 clouds" in captured.out and "/find3d_node/labeled_cloud" in captured.out
    code = bag_module.main([str(path), str(tmp_path / "cli2"), "--topic", "/nope", "-q", "mug"])
    assert code == 1 and "topic '/nope' is not in" in capsys.readouterr().err


def test_find3d_bag_command_runs_the_same_pipeline(input_bag, tmp_path, typestore, capsys):
    """`find3d bag` (the core CLI) reaches find3d_ros' bag mode and writes labelled clouds and markers."""
    import torch

    from find3d_core.cli import main
    from find3d_core.model.checkpoint import CheckpointInfo, save_checkpoint
    from find3d_core.model.config import Find3DConfig, PT3Config
    from find3d_core.model.find3d import Find3DModel

    backbone = PT3Config(enc_depths=(1, 1), enc_channels=(8, 16), enc_num_head=(1, 2), enc_patch_size=(64, 64),
                         dec_depths=(1,), dec_channels=(8,), dec_num_head=(1,), dec_patch_size=(64,), stride=(2,))
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(backbone, text_dim=384))
    ckpt = tmp_path / "small.safetensors"
    save_checkpoint(ckpt, model, CheckpointInfo(model.config, "sentence-transformers/all-MiniLM-L6-v2"))
    path, _ = input_bag
    out = tmp_path / "out"
    args = ["bag", str(path), str(out), "--topic", TOPIC, "-q", "handle", "--checkpoint", str(ckpt),
            "--max-points", str(MAX_POINTS)]
    assert main(args) == 0
    written = read_bag(out, typestore)
    labelled = [t for t, msgs in written.items() if msgs[0][1] == "sensor_msgs/msg/PointCloud2" and t != TOPIC]
    assert labelled and len(written[labelled[0]]) == len(STAMPS)
    assert any(msgs[0][1] == "visualization_msgs/msg/MarkerArray" for msgs in written.values())
