"""Point cloud I/O: round trips of every format, real PCL files, corrupt input."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from find3d_core.geometry import CloudError, PointCloud, read_cloud, write_cloud
from find3d_core.geometry.io import lzf_decompress
from helpers import DATA

REAL_SCANS = {  # file -> finite points, as documented in shared/data/SOURCES.md
    "table_scene_mug_stereo_textured.pcd": 209_280,
    "milk_cartoon_all_small_clorox.pcd": 241_407,
    "laptop_kinect_frame.pcd": 271_575,
    "milk_color.pcd": 13_704,
}


def make_cloud(n: int = 500, seed: int = 0, rgb: bool = True, normals: bool = True) -> PointCloud:
    rng = np.random.default_rng(seed)
    normal = rng.normal(size=(n, 3))
    return PointCloud(
        xyz=rng.normal(size=(n, 3)) * 3.0,
        rgb=rng.integers(0, 256, size=(n, 3)) / 255.0 if rgb else None,  # exact in 8 bits
        normals=normal / np.linalg.norm(normal, axis=1, keepdims=True) if normals else None,
    )


def assert_same(a: PointCloud, b: PointCloud) -> None:
    np.testing.assert_array_equal(a.xyz, b.xyz)
    for name in ("rgb", "normals"):
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is not None:
            np.testing.assert_allclose(x, y, atol=1e-7, err_msg=name)
    assert a.shape == b.shape


def header(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_bytes()[:2000].split(b"\n"):
        words = line.decode("ascii", "replace").split(maxsplit=1)
        if words and not words[0].startswith("#"):
            out[words[0]] = words[1] if len(words) > 1 else ""
        if words and words[0] == "DATA":
            break
    return out


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize(
    "name,binary",
    [("c.pcd", True), ("c.pcd", False), ("c.ply", True), ("c.ply", False), ("c.npz", True)],
)
def test_round_trip_with_labels(tmp_path: Path, name: str, binary: bool) -> None:
    cloud = make_cloud()
    labels = {
        "label": np.arange(len(cloud), dtype=np.int32) % 7,
        "score": np.linspace(0, 1, len(cloud), dtype=np.float32),
    }
    write_cloud(tmp_path / name, cloud, labels=labels, binary=binary)
    back = read_cloud(tmp_path / name)
    assert_same(cloud, back)
    np.testing.assert_array_equal(back.extra["label"], labels["label"])
    np.testing.assert_array_equal(back.extra["score"], labels["score"])
    assert back.extra["label"].dtype.kind == "i"
    assert not [p for p in tmp_path.iterdir() if p.name != name]  # no temp file left behind


@pytest.mark.parametrize("name", ["c.xyz", "c.txt", "c.csv"])
@pytest.mark.parametrize("rgb,normals", [(False, False), (True, False), (True, True)])
def test_round_trip_text(tmp_path: Path, name: str, rgb: bool, normals: bool) -> None:
    cloud = make_cloud(rgb=rgb, normals=normals)
    write_cloud(tmp_path / name, cloud)
    ncols = len((tmp_path / name).read_text().splitlines()[0].replace(",", " ").split())
    assert ncols == 3 + 3 * rgb + 3 * normals
    assert_same(cloud, read_cloud(tmp_path / name))


@pytest.mark.parametrize("binary", [True, False])
def test_organized_pcd_keeps_shape_and_nan_rows(tmp_path: Path, binary: bool) -> None:
    cloud = make_cloud(n=12 * 10)
    cloud.xyz[[0, 5, 37, 119]] = np.nan
    cloud.shape = (12, 10)
    write_cloud(tmp_path / "o.pcd", cloud, binary=binary)
    text = (tmp_path / "o.pcd").read_bytes()
    assert b"WIDTH 10\nHEIGHT 12\n" in text
    back = read_cloud(tmp_path / "o.pcd")
    assert back.shape == (12, 10)
    np.testing.assert_array_equal(np.flatnonzero(~back.finite_mask()), [0, 5, 37, 119])
    assert_same(cloud, back)


def test_npz_keeps_shape_frame_and_2d_labels(tmp_path: Path) -> None:
    cloud = make_cloud(n=6)
    cloud.shape, cloud.frame_id = (2, 3), "camera"
    embed = np.arange(18, dtype=np.float32).reshape(6, 3)
    write_cloud(tmp_path / "c.npz", cloud, labels={"embedding": embed})
    back = read_cloud(tmp_path / "c.npz")
    assert back.shape == (2, 3) and back.frame_id == "camera"
    np.testing.assert_array_equal(back.extra["embedding"], embed)


def test_pcd_keeps_multi_count_labels(tmp_path: Path) -> None:
    cloud = make_cloud(n=20)
    hist = np.arange(60, dtype=np.float32).reshape(20, 3)
    write_cloud(tmp_path / "c.pcd", cloud, labels={"hist": hist})
    assert b"COUNT 1 1 1 1 1 1 1 3\n" in (tmp_path / "c.pcd").read_bytes()
    np.testing.assert_array_equal(read_cloud(tmp_path / "c.pcd").extra["hist"], hist)


def test_npz_aliases_and_255_colours(tmp_path: Path) -> None:
    xyz = np.random.default_rng(1).normal(size=(10, 3)).astype(np.float32)
    color = np.full((10, 3), 255, np.uint8)
    color[:, 1] = 51
    np.savez(tmp_path / "a.npz", coord=xyz, color=color)
    back = read_cloud(tmp_path / "a.npz")
    np.testing.assert_array_equal(back.xyz, xyz)
    np.testing.assert_allclose(back.rgb[0], [1.0, 0.2, 1.0], atol=1e-7)


def test_text_colours_in_255_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# x y z r g b\n0 0 0 255 0 51\n1 2 3 0 255 0\n")
    back = read_cloud(tmp_path / "a.txt")
    np.testing.assert_allclose(back.rgb, [[1, 0, 0.2], [0, 1, 0]], atol=1e-7)
    (tmp_path / "b.csv").write_text("0,0,0\n1,2,3\n")
    np.testing.assert_array_equal(read_cloud(tmp_path / "b.csv").xyz, [[0, 0, 0], [1, 2, 3]])


# --------------------------------------------------------------------------- PLY variants


def test_ply_big_endian_float_colours_and_faces_ignored(tmp_path: Path) -> None:
    xyz = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], np.float32)
    head = (
        "ply\nformat binary_big_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        "property float z\nproperty float red\nproperty float green\nproperty float blue\n"
        "property int label\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
    )
    rows = np.zeros(3, dtype=[("p", ">f4", 3), ("c", ">f4", 3), ("label", ">i4")])
    rows["p"], rows["c"], rows["label"] = xyz, [[1, 0, 0], [0, 0.5, 0], [0, 0, 0.25]], [4, 5, 6]
    face = b"\x03" + np.array([0, 1, 2], ">i4").tobytes()
    (tmp_path / "m.ply").write_bytes(head.encode() + rows.tobytes() + face)
    back = read_cloud(tmp_path / "m.ply")
    np.testing.assert_array_equal(back.xyz, xyz)
    np.testing.assert_allclose(back.rgb, [[1, 0, 0], [0, 0.5, 0], [0, 0, 0.25]])
    np.testing.assert_array_equal(back.extra["label"], [4, 5, 6])
    assert back.normals is None


def test_ply_ascii_with_faces_and_uchar_colours(tmp_path: Path) -> None:
    text = (
        "ply\nformat ascii 1.0\ncomment hello\nelement vertex 2\nproperty double x\nproperty double y\n"
        "property double z\nproperty float nx\nproperty float ny\nproperty float nz\n"
        "property uchar red\nproperty uchar green\nproperty uchar blue\nproperty uchar alpha\n"
        "element face 1\nproperty list uchar int vertex_indices\nend_header\n"
        "1.5 2 3 0 0 1 255 0 51 255\n-1 -2 -3 1 0 0 0 255 0 255\n3 0 1 1\n"
    )
    (tmp_path / "a.ply").write_text(text)
    back = read_cloud(tmp_path / "a.ply")
    np.testing.assert_array_equal(back.xyz, [[1.5, 2, 3], [-1, -2, -3]])
    np.testing.assert_array_equal(back.normals, [[0, 0, 1], [1, 0, 0]])
    np.testing.assert_allclose(back.rgb, [[1, 0, 0.2], [0, 1, 0]], atol=1e-7)
    assert "alpha" not in back.extra


# --------------------------------------------------------------------------- PCD variants


def pcd_header(fields: str, size: str, type_: str, n: int, data: str, count: str | None = None) -> bytes:
    count = count or " ".join("1" for _ in fields.split())
    return (
        f"# .PCD v0.7\nVERSION 0.7\nFIELDS {fields}\nSIZE {size}\nTYPE {type_}\nCOUNT {count}\n"
        f"WIDTH {n}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS {n}\nDATA {data}\n"
    ).encode()


def test_pcd_ascii_packed_rgb_as_int_and_as_float(tmp_path: Path) -> None:
    packed = (10 << 16) | (20 << 8) | 30
    as_float = np.array([packed], np.uint32).view(np.float32)[0]
    body = f"0 0 0 {packed}\n1 1 1 {float(as_float):.9g}\n"
    head = pcd_header("x y z rgb", "4 4 4 4", "F F F F", 2, "ascii")
    (tmp_path / "a.pcd").write_bytes(head + body.encode())
    back = read_cloud(tmp_path / "a.pcd")
    np.testing.assert_allclose(back.rgb * 255, [[10, 20, 30], [10, 20, 30]], atol=1e-4)


def test_pcd_binary_rgba_uint_with_padding_and_curvature(tmp_path: Path) -> None:
    n = 4
    rows = np.zeros(n, dtype=[("p", "<f4", 3), ("pad", "u1", 4), ("rgba", "<u4"), ("curvature", "<f4")])
    rows["p"] = np.arange(12).reshape(4, 3)
    rows["rgba"] = (255 << 24) | (1 << 16) | (2 << 8) | 3  # alpha must not leak into colour
    rows["curvature"] = [0.5, 0.25, 0, 1]
    head = pcd_header("x y z _ rgba curvature", "4 4 4 1 4 4", "F F F U U F", n, "binary", "1 1 1 4 1 1")
    (tmp_path / "p.pcd").write_bytes(head + rows.tobytes())
    back = read_cloud(tmp_path / "p.pcd")
    np.testing.assert_array_equal(back.xyz, np.arange(12).reshape(4, 3))
    np.testing.assert_allclose(back.rgb * 255, np.tile([1, 2, 3], (4, 1)), atol=1e-4)
    np.testing.assert_array_equal(back.extra["curvature"], [0.5, 0.25, 0, 1])
    assert "_" not in back.extra


def lzf_literals(data: bytes) -> bytes:
    """A valid LZF stream made only of literal runs (at most 32 bytes each)."""
    out = bytearray()
    for i in range(0, len(data), 32):
        chunk = data[i : i + 32]
        out += bytes([len(chunk) - 1]) + chunk
    return bytes(out)


def test_lzf_back_references_known_by_construction() -> None:
    # literal "abc"; copy 7 from 3 back (overlapping: abcabca); literal "XY";
    # copy 9+2 bytes from 5 back using the extended length byte (ctrl top bits 7).
    stream = bytes([2]) + b"abc" + bytes([(5 << 5) | 0, 2]) + bytes([1]) + b"XY"
    stream += bytes([(7 << 5) | 0, 11 - 2 - 7, 4])
    expected = bytearray(b"abc")
    for _ in range(7):
        expected.append(expected[-3])
    expected += b"XY"
    for _ in range(11):
        expected.append(expected[-5])
    assert lzf_decompress(stream, len(expected)) == bytes(expected)
    with pytest.raises(CloudError, match="truncated"):
        lzf_decompress(stream[:-1], len(expected))
    with pytest.raises(CloudError, match="before the start"):
        lzf_decompress(bytes([(1 << 5) | 0, 9]), 3)
    with pytest.raises(CloudError, match="header says 99"):
        lzf_decompress(stream, 99)
    with pytest.raises(CloudError, match="cannot decode"):
        lzf_decompress(b"", 4)


def test_pcd_binary_compressed_column_layout(tmp_path: Path) -> None:
    cloud = make_cloud(n=100)
    label = np.arange(100, dtype=np.uint16)
    cols = [cloud.xyz[:, i] for i in range(3)] + [label]
    block = b"".join(np.ascontiguousarray(c).tobytes() for c in cols)  # column-major, as PCL
    comp = lzf_literals(block)
    head = pcd_header("x y z label", "4 4 4 2", "F F F U", 100, "binary_compressed")
    (tmp_path / "c.pcd").write_bytes(head + struct.pack("<II", len(comp), len(block)) + comp)
    back = read_cloud(tmp_path / "c.pcd")
    np.testing.assert_array_equal(back.xyz, cloud.xyz)
    np.testing.assert_array_equal(back.extra["label"], label)


# --------------------------------------------------------------------------- real files


@pytest.mark.parametrize("name", sorted(REAL_SCANS))
def test_real_pcl_scans(name: str) -> None:
    path = DATA / "real_scans" / name
    if not path.exists():
        pytest.skip(f"{path} not present (shared sample data)")
    head = header(path)
    assert head["DATA"] == "binary_compressed"
    width, height = int(head["WIDTH"]), int(head["HEIGHT"])
    cloud = read_cloud(path)  # its speed is benchmarked (benchmarks/), not asserted: a loaded CI machine would flake
    assert len(cloud) == width * height
    assert cloud.shape == ((height, width) if height > 1 else None)
    assert int(cloud.finite_mask().sum()) == REAL_SCANS[name]
    assert cloud.rgb is not None and cloud.rgb.min() >= 0 and cloud.rgb.max() <= 1
    assert cloud.rgb[cloud.finite_mask()].std() > 0.05  # real colours, not a constant


def test_real_scan_matches_open3d() -> None:
    path = DATA / "real_scans" / "table_scene_mug_stereo_textured.pcd"
    if not path.exists():
        pytest.skip(f"{path} not present (shared sample data)")
    o3d = pytest.importorskip("open3d")
    ref = o3d.io.read_point_cloud(str(path), remove_nan_points=True, remove_infinite_points=True)
    cloud = read_cloud(path)
    ok = cloud.finite_mask()
    np.testing.assert_allclose(cloud.xyz[ok], np.asarray(ref.points), rtol=0, atol=1e-6)
    np.testing.assert_allclose(cloud.rgb[ok], np.asarray(ref.colors), rtol=0, atol=1e-6)


def test_find3d_demo_cloud() -> None:
    path = DATA / "find3d_demo" / "mickey.pcd"
    if not path.exists():
        pytest.skip(f"{path} not present (shared sample data)")
    cloud = read_cloud(path)
    assert len(cloud) == 5000 and cloud.shape is None and cloud.finite_mask().all()
    assert cloud.normals is not None
    np.testing.assert_allclose(np.linalg.norm(cloud.normals, axis=1), 1.0, atol=1e-3)
    assert 0 <= cloud.rgb.min() and cloud.rgb.max() <= 1 and cloud.rgb.std() > 0.01


# --------------------------------------------------------------------------- errors


def test_missing_and_unknown(tmp_path: Path) -> None:
    with pytest.raises(CloudError, match="nope.pcd: no such file"):
        read_cloud(tmp_path / "nope.pcd")
    (tmp_path / "a.obj").write_text("v 0 0 0\n")
    with pytest.raises(CloudError, match=r"a.obj: unknown extension '.obj'"):
        read_cloud(tmp_path / "a.obj")
    with pytest.raises(CloudError, match="unknown extension"):
        write_cloud(tmp_path / "b.las", make_cloud())
    with pytest.raises(CloudError, match="does not exist"):
        write_cloud(tmp_path / "no" / "b.pcd", make_cloud())


@pytest.mark.parametrize("name", ["t.pcd", "t.ply"])
@pytest.mark.parametrize("binary", [True, False])
def test_truncated_files_raise(tmp_path: Path, name: str, binary: bool) -> None:
    write_cloud(tmp_path / name, make_cloud(n=50), binary=binary)
    raw = (tmp_path / name).read_bytes()
    (tmp_path / name).write_bytes(raw[: len(raw) - 40])
    with pytest.raises(CloudError, match=name):
        read_cloud(tmp_path / name)


def test_truncated_compressed_pcd_raises(tmp_path: Path) -> None:
    block = np.arange(300, dtype=np.float32).tobytes()
    comp = lzf_literals(block)
    head = pcd_header("x y z", "4 4 4", "F F F", 100, "binary_compressed")
    (tmp_path / "c.pcd").write_bytes(head + struct.pack("<II", len(comp), len(block)) + comp[:-10])
    with pytest.raises(CloudError, match="c.pcd: .*truncated"):
        read_cloud(tmp_path / "c.pcd")
    (tmp_path / "d.pcd").write_bytes(head + struct.pack("<II", len(comp), len(block) + 4) + comp)
    with pytest.raises(CloudError, match="d.pcd: .*need"):
        read_cloud(tmp_path / "d.pcd")


@pytest.mark.parametrize(
    "name,content",
    [
        ("g.pcd", b"\x00\xff garbage without a header"),
        ("h.pcd", b"VERSION 0.7\nFIELDS a b c\nSIZE 4 4 4\nTYPE F F F\nWIDTH 1\nDATA ascii\n1 2 3\n"),
        ("k.pcd", b"VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 2\nPOINTS 3\nDATA ascii\n"),
        ("g.ply", b"not a ply"),
        ("g.npz", b"PK\x03\x04 broken zip"),
        ("g.xyz", b"1 2 3 4\n5 6 7 8\n"),
        ("h.xyz", b"1 2 3\n4 5\n"),
        ("i.txt", b"x y z\n1 2 3\n"),
    ],
)
def test_corrupt_files_raise(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CloudError, match=name.replace(".", r"\.")):
        read_cloud(tmp_path / name)


def test_bad_labels_rejected_and_old_file_kept(tmp_path: Path) -> None:
    cloud = make_cloud(n=10)
    write_cloud(tmp_path / "c.pcd", cloud)
    before = (tmp_path / "c.pcd").read_bytes()
    with pytest.raises(CloudError, match="shape"):
        write_cloud(tmp_path / "c.pcd", cloud, labels={"label": np.zeros(9)})
    with pytest.raises(CloudError, match="clashes"):
        write_cloud(tmp_path / "c.pcd", cloud, labels={"rgb": np.zeros(10)})
    with pytest.raises(CloudError, match="32 bits"):
        write_cloud(tmp_path / "c.ply", cloud, labels={"big": np.full(10, 2**40)})
    with pytest.raises(CloudError, match="labels"):
        write_cloud(tmp_path / "c.xyz", cloud, labels={"label": np.zeros(10)})
    assert (tmp_path / "c.pcd").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.pcd"]


@pytest.mark.parametrize(
    "name,binary",
    [("e.pcd", True), ("e.pcd", False), ("e.ply", True), ("e.ply", False), ("e.npz", True), ("e.xyz", False)],
)
def test_empty_cloud_round_trip(tmp_path: Path, name: str, binary: bool) -> None:
    write_cloud(tmp_path / name, PointCloud(xyz=np.zeros((0, 3))), binary=binary)
    back = read_cloud(tmp_path / name)
    assert len(back) == 0 and back.xyz.shape == (0, 3)


def test_int64_labels_narrowed_when_they_fit(tmp_path: Path) -> None:
    cloud = make_cloud(n=5)
    write_cloud(tmp_path / "a.pcd", cloud, labels={"label": np.arange(5, dtype=np.int64) - 2})
    back = read_cloud(tmp_path / "a.pcd").extra["label"]
    assert back.dtype == np.int32
    np.testing.assert_array_equal(back, np.arange(5) - 2)
    write_cloud(tmp_path / "b.pcd", cloud, labels={"label": np.full(5, 2**40)})  # PCD keeps I8 if needed
    np.testing.assert_array_equal(read_cloud(tmp_path / "b.pcd").extra["label"], np.full(5, 2**40))


@pytest.mark.parametrize(
    "name,binary", [("a.pcd", True), ("b.pcd", False), ("c.ply", True), ("d.ply", False)]
)
def test_open3d_reads_what_we_write(tmp_path: Path, name: str, binary: bool) -> None:
    o3d = pytest.importorskip("open3d")
    cloud = make_cloud(n=200)
    write_cloud(tmp_path / name, cloud, labels={"label": np.arange(200)}, binary=binary)
    ref = o3d.io.read_point_cloud(str(tmp_path / name))
    np.testing.assert_allclose(np.asarray(ref.points), cloud.xyz, atol=1e-6)
    np.testing.assert_allclose(np.asarray(ref.colors), cloud.rgb, atol=1e-6)
    np.testing.assert_allclose(np.asarray(ref.normals), cloud.normals, atol=1e-6)


@pytest.mark.parametrize(
    "name,options",
    [
        ("a.pcd", {"compressed": True}),
        ("b.pcd", {"write_ascii": True}),
        ("c.pcd", {}),
        ("d.ply", {}),
        ("e.ply", {"write_ascii": True}),
    ],
)
def test_we_read_what_open3d_writes(tmp_path: Path, name: str, options: dict) -> None:
    o3d = pytest.importorskip("open3d")
    cloud = make_cloud(n=200)
    ref = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(cloud.xyz.astype(np.float64)))
    ref.colors = o3d.utility.Vector3dVector(cloud.rgb.astype(np.float64))
    ref.normals = o3d.utility.Vector3dVector(cloud.normals.astype(np.float64))
    assert o3d.io.write_point_cloud(str(tmp_path / name), ref, **options)
    back = read_cloud(tmp_path / name)
    tol = {"rtol": 1e-5, "atol": 1e-6}  # Open3D's ASCII PLY keeps about 7 digits
    np.testing.assert_allclose(back.xyz, cloud.xyz, **tol)
    np.testing.assert_allclose(back.rgb, cloud.rgb, **tol)
    np.testing.assert_allclose(back.normals, cloud.normals, **tol)


def test_ply_comments_go_into_the_header_and_other_formats_refuse_them(tmp_path):
    cloud = PointCloud(np.zeros((2, 3)))
    write_cloud(tmp_path / "c.ply", cloud, labels={"label": np.array([0, 1])}, comments=["label 0 handle"])
    assert b"comment label 0 handle\n" in (tmp_path / "c.ply").read_bytes().split(b"end_header")[0]
    np.testing.assert_array_equal(read_cloud(tmp_path / "c.ply").extra["label"], [0, 1])
    with pytest.raises(CloudError, match="need a .ply"):
        write_cloud(tmp_path / "c.pcd", cloud, comments=["x"])
    with pytest.raises(CloudError, match="one line"):
        write_cloud(tmp_path / "d.ply", cloud, comments=["a\nb"])


def test_selecting_rows_keeps_extra_fields():
    cloud = PointCloud(np.arange(12).reshape(4, 3), shape=(2, 2), extra={"label": np.array([5, 6, 7, 8])})
    part = cloud.select(np.array([3, 1]))
    np.testing.assert_array_equal(part.extra["label"], [8, 6])
    assert part.shape is None and len(part) == 2
