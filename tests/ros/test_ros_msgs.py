"""find3d_msgs: the .msg/.srv parse with rosbags' type system and real messages survive CDR both ways."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

pytest.importorskip("rosbags", reason="needs `pip install rosbags` (find3d_core[ros])")

from rosbags.typesys import get_types_from_msg  # noqa: E402

from find3d_ros.interfaces import find3d_definitions, make_typestore, split_service  # noqa: E402

from .ros_test_helpers import REPO  # noqa: E402

MSGS = REPO / "find3d_msgs"
FIELD = re.compile(r"^([A-Za-z][\w/]*(?:\[\d*\])?)\s+(\w+)\s*(?:#.*)?$")


def field_lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, type, name) of every field line of a .msg text."""
    out = []
    for i, line in enumerate(text.splitlines()):
        match = FIELD.match(line.strip())
        if match and not line.lstrip().startswith("#"):
            out.append((i, match.group(1), match.group(2)))
    return out


def test_definitions_parse_with_rosbags():
    texts = find3d_definitions(MSGS)
    assert set(texts) == {
        "find3d_msgs/msg/PartSegment", "find3d_msgs/srv/QueryParts_Request", "find3d_msgs/srv/QueryParts_Response",
    }  # fmt: skip
    parsed = get_types_from_msg(texts["find3d_msgs/msg/PartSegment"], "find3d_msgs/msg/PartSegment")
    _, fields = parsed["find3d_msgs/msg/PartSegment"]
    names = [name for name, _ in fields]
    assert names == ["header", "query", "query_index", "object_id", "score", "cloud", "indices", "centroid", "bbox"]
    types = dict(fields)
    assert types["cloud"][1] == "sensor_msgs/msg/PointCloud2"
    assert types["bbox"][1] == "vision_msgs/msg/BoundingBox3D"
    assert types["centroid"][1] == "geometry_msgs/msg/Point"


@pytest.mark.parametrize("distro", ["humble", "jazzy"])
def test_service_fields_registered(distro):
    store = make_typestore(distro, MSGS)
    request = [name for name, _ in store.fielddefs["find3d_msgs/srv/QueryParts_Request"][1]]
    response = [name for name, _ in store.fielddefs["find3d_msgs/srv/QueryParts_Response"][1]]
    assert request == ["queries", "object_name", "cloud", "target_frame", "min_score", "scene"]
    assert response == ["success", "message", "parts"]
    # A rosbag2 writer needs the full definition and its RIHS01 hash.
    msgdef, _ = store.generate_msgdef("find3d_msgs/msg/PartSegment", ros_version=2)
    assert "MSG: vision_msgs/BoundingBox3D" in msgdef
    assert store.hash_rihs01("find3d_msgs/msg/PartSegment").startswith("RIHS01_")


@pytest.mark.parametrize("path", ["msg/PartSegment.msg", "srv/QueryParts.srv"])
def test_every_field_is_documented(path):
    """Each field has a comment on the lines right above it."""
    lines = (MSGS / path).read_text().splitlines()
    fields = field_lines("\n".join(lines))
    assert fields, path
    for i, _, name in fields:
        above = lines[i - 1].strip() if i > 0 else ""
        assert above.startswith("#") and len(above) > 8, f"{path}: field {name!r} has no comment above it"


def test_split_service_needs_one_separator():
    with pytest.raises(ValueError, match="exactly one"):
        split_service("int32 a\n")
    with pytest.raises(ValueError, match="exactly one"):
        split_service("int32 a\n---\nint32 b\n---\nint32 c\n")


def test_part_segment_cdr_round_trip(factory, typestore):
    f = factory
    header = f.new("std_msgs/msg/Header", stamp=f.new("builtin_interfaces/msg/Time", sec=12, nanosec=34),
                   frame_id="base_link")  # fmt: skip
    cloud = f.new("sensor_msgs/msg/PointCloud2", header=header, height=1, width=2,
                  fields=[f.new("sensor_msgs/msg/PointField", name="x", offset=0, datatype=7, count=1)],
                  point_step=4, row_step=8, data=np.arange(8, dtype=np.uint8), is_dense=True)  # fmt: skip
    part = f.new(
        "find3d_msgs/msg/PartSegment", header=header, query="handle", query_index=1, object_id=-1, score=0.75,
        cloud=cloud, indices=np.array([5, 4_000_000_000], dtype=np.uint32),
        centroid=f.new("geometry_msgs/msg/Point", x=0.1, y=-0.2, z=0.3),
        bbox=f.new("vision_msgs/msg/BoundingBox3D",
                   center=f.new("geometry_msgs/msg/Pose", position=f.new("geometry_msgs/msg/Point", x=1.0, y=2.0, z=3.0),
                                orientation=f.new("geometry_msgs/msg/Quaternion", x=0.0, y=0.0, z=0.0, w=1.0)),
                   size=f.new("geometry_msgs/msg/Vector3", x=0.1, y=0.2, z=0.3)),
    )  # fmt: skip
    back = typestore.deserialize_cdr(typestore.serialize_cdr(part, part.__msgtype__), part.__msgtype__)
    assert back.query == "handle" and back.query_index == 1 and back.object_id == -1
    assert back.score == pytest.approx(0.75)
    assert back.indices.tolist() == [5, 4_000_000_000]
    assert back.header.frame_id == "base_link" and back.header.stamp.nanosec == 34
    assert back.cloud.data.tolist() == list(range(8))
    assert back.bbox.size.y == pytest.approx(0.2) and back.bbox.center.orientation.w == 1.0
    assert (back.centroid.x, back.centroid.y, back.centroid.z) == (0.1, -0.2, 0.3)


def test_query_parts_cdr_round_trip(factory, typestore):
    request = factory.new("find3d_msgs/srv/QueryParts_Request", queries=["handle", "lid"], object_name="mug",
                          target_frame="base_link", min_score=0.25, scene=True)  # fmt: skip
    back = typestore.deserialize_cdr(typestore.serialize_cdr(request, request.__msgtype__), request.__msgtype__)
    assert back.queries == ["handle", "lid"] and back.object_name == "mug" and back.scene is True
    assert back.min_score == pytest.approx(0.25) and back.cloud.width == 0
    part = factory.new("find3d_msgs/msg/PartSegment", query="lid")
    response = factory.new("find3d_msgs/srv/QueryParts_Response", success=True, message="ok", parts=[part, part])
    back = typestore.deserialize_cdr(typestore.serialize_cdr(response, response.__msgtype__), response.__msgtype__)
    assert back.success is True and [p.query for p in back.parts] == ["lid", "lid"]


def test_msgs_package_is_colcon_ready():
    """package.xml (format 3) declares what CMakeLists.txt finds and what the .msg files use."""
    root = ET.parse(MSGS / "package.xml").getroot()
    assert root.get("format") == "3" and root.findtext("name") == "find3d_msgs"
    deps = {e.text for e in root if e.tag in ("depend", "build_depend", "exec_depend", "buildtool_depend")}
    group = [e.text for e in root.iter("member_of_group")]
    assert group == ["rosidl_interface_packages"]
    assert root.find("export/build_type").text == "ament_cmake"
    used = set()
    for path in (*MSGS.glob("msg/*.msg"), *MSGS.glob("srv/*.srv")):
        used |= {typ.split("/")[0] for _, typ, _ in field_lines(path.read_text()) if "/" in typ}
    used.discard("find3d_msgs")
    assert used <= deps, f"package.xml misses {used - deps}"
    cmake = (MSGS / "CMakeLists.txt").read_text()
    for dep in used:
        assert f"find_package({dep} REQUIRED)" in cmake and dep in cmake.split("DEPENDENCIES", 1)[1]
    for path in (*MSGS.glob("msg/*.msg"), *MSGS.glob("srv/*.srv")):
        assert f'"{path.relative_to(MSGS)}"' in cmake, f"{path.name} is not generated"
    assert {"ament_cmake", "rosidl_default_generators"} <= deps
    assert "rosidl_default_runtime" in deps
