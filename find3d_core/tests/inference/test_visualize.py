"""Visual outputs: labelled PLY, PNG views, HTML page and heatmap."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np
import pytest

from find3d_core.geometry.cloud import PointCloud
from find3d_core.inference.visualize import (
    NO_DEPTH_COLOR,
    OBJECT_TINT,
    UNLABELLED_COLOR,
    heatmap_png,
    label_colors,
    overlay_image,
    overlay_png,
    part_colors,
    render_png,
    write_html,
    write_labeled_ply,
)

NAMES = ["handle", "rim", "logo"]


def _mug(n: int = 6000, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A cylinder with labelled bands: points, labels (-1 = none) and scores."""
    rng = np.random.default_rng(seed)
    theta, z = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 0.1, n)
    points = np.c_[0.04 * np.cos(theta), 0.04 * np.sin(theta), z].astype(np.float32)
    labels = np.full(n, -1)
    labels[np.cos(theta) > 0.9] = 0
    labels[z > 0.09] = 1
    labels[(np.cos(theta) < -0.99) & (np.abs(z - 0.05) < 0.01)] = 2
    return points, labels, rng.random(n)


def _read_ply(path: Path) -> tuple[list[str], np.ndarray]:
    """Header lines and the vertex rows of a binary little-endian PLY."""
    data = path.read_bytes()
    end = data.index(b"end_header\n") + len(b"end_header\n")
    header = data[:end].decode().splitlines()
    assert header[0] == "ply" and header[1] == "format binary_little_endian 1.0"
    ply_types = {"float": "<f4", "uchar": "u1", "int": "<i4"}
    props = [line.split() for line in header if line.startswith("property")]
    dtype = [(name, ply_types[kind]) for _, kind, name in props]
    count = int(next(line for line in header if line.startswith("element vertex")).split()[-1])
    rows = np.frombuffer(data[end:], dtype=dtype)
    assert len(rows) == count
    return header, rows


def _read_png(path: Path) -> np.ndarray:
    """Pixels of a PNG after checking its signature and IHDR size."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert 600 <= width <= 4000 and 300 <= height <= 3000, (width, height)
    from matplotlib.image import imread

    pixels = imread(path)
    assert pixels.shape[:2] == (height, width)
    return pixels


def test_part_colors_are_distinct_and_not_grey():
    for n in (0, 3, 16, 40):
        colors = part_colors(n)
        assert colors.shape == (n, 3) and np.all((colors >= 0) & (colors <= 1))
        if n > 1:
            gaps = np.linalg.norm(colors[:, None] - colors[None], axis=-1)[np.triu_indices(n, 1)]
            assert gaps.min() > 0.05
        if n:
            assert np.all(colors.max(axis=1) - colors.min(axis=1) > 0.3)  # saturated, unlike grey
    np.testing.assert_array_equal(part_colors(5), part_colors(8)[:5])  # a part keeps its colour
    colors = label_colors(np.array([-1, 0, 2]), 3)
    np.testing.assert_array_equal(colors[0], UNLABELLED_COLOR)
    np.testing.assert_array_equal(colors[2], part_colors(3)[2])
    with pytest.raises(ValueError):
        part_colors(-1)


def test_ply_round_trip(tmp_path):
    points, labels, scores = _mug()
    path = tmp_path / "out" / "labeled.ply"
    write_labeled_ply(path, points, labels, scores, NAMES)
    header, rows = _read_ply(path)

    assert [line.split()[-1] for line in header if line.startswith("property")] == [
        "x", "y", "z", "red", "green", "blue", "label", "score"
    ]  # fmt: skip
    assert "comment label 1 rim" in header
    np.testing.assert_array_equal(np.c_[rows["x"], rows["y"], rows["z"]], points)
    np.testing.assert_array_equal(rows["label"], labels)
    np.testing.assert_allclose(rows["score"], scores, rtol=1e-6)
    rgb = np.c_[rows["red"], rows["green"], rows["blue"]]
    expected = np.round(label_colors(labels, len(NAMES)) * 255)
    np.testing.assert_array_equal(rgb, expected)
    assert len(np.unique(rgb, axis=0)) == 4  # three parts and grey
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["labeled.ply"]  # the temporary file is gone


def test_ply_reads_in_open3d(tmp_path):
    o3d = pytest.importorskip("open3d")
    points, labels, scores = _mug()
    path = tmp_path / "labeled.ply"
    write_labeled_ply(path, points, labels, scores, NAMES)
    cloud = o3d.io.read_point_cloud(str(path))
    np.testing.assert_allclose(np.asarray(cloud.points), points, atol=1e-7)
    np.testing.assert_allclose(np.asarray(cloud.colors), label_colors(labels, 3), atol=1 / 255)


def test_ply_reads_with_find3d_reader(tmp_path):
    io = pytest.importorskip("find3d_core.geometry.io")
    points, labels, scores = _mug()
    write_labeled_ply(tmp_path / "labeled.ply", points, labels, scores, NAMES)
    cloud = io.read_cloud(tmp_path / "labeled.ply")
    np.testing.assert_array_equal(cloud.xyz, points)
    np.testing.assert_array_equal(cloud.extra["label"], labels)
    np.testing.assert_allclose(cloud.rgb, label_colors(labels, 3), atol=1 / 255)


def test_ply_all_unlabelled_and_no_names(tmp_path):
    path = tmp_path / "none.ply"
    write_labeled_ply(path, np.zeros((4, 3)), np.full(4, -1), None, [])
    _, rows = _read_ply(path)
    assert (rows["label"] == -1).all() and (rows["score"] == 0).all()
    assert (rows["red"] == round(UNLABELLED_COLOR[0] * 255)).all()


def test_failed_write_keeps_old_file(tmp_path):
    path = tmp_path / "labeled.ply"
    path.write_text("old")
    with pytest.raises(ValueError, match="labels must lie"):
        write_labeled_ply(path, np.zeros((2, 3)), np.array([0, 5]), None, NAMES)
    assert path.read_text() == "old"


@pytest.mark.parametrize(
    "points, labels, names, match",
    [
        (np.zeros((3, 2)), np.zeros(3, int), NAMES, r"\(N, 3\)"),
        (np.zeros((3, 3)), np.zeros(2, int), NAMES, "2 labels for 3 points"),
        (np.zeros((3, 3)), np.zeros(3), NAMES, "integers"),
        (np.zeros((3, 3)), np.array([0, 1, -2]), NAMES, r"\[-1, 3\)"),
        (np.zeros((3, 3)), np.zeros(3, int), "handle", "list of part names"),
        (np.full((3, 3), np.nan), np.zeros(3, int), NAMES, "finite"),
    ],
)
def test_bad_input(tmp_path, points, labels, names, match):
    with pytest.raises(ValueError, match=match):
        render_png(tmp_path / "x.png", points, labels, names)


def test_render_png(tmp_path):
    points, labels, scores = _mug(300_000)
    path = tmp_path / "parts.png"
    render_png(path, points, labels, NAMES, title="mug", scores=scores)
    pixels = _read_png(path)
    assert pixels[..., :3].std() > 0.05
    # The parts' colours are on the picture (each part has at least a few pixels of it).
    rgb = (pixels[..., :3].reshape(-1, 3) * 255).round()
    for color in part_colors(3) * 255:
        assert (np.abs(rgb - color.round()).max(axis=1) <= 2).sum() > 20, color


def test_render_png_all_unlabelled_and_empty(tmp_path):
    points, _, _ = _mug(2000)
    render_png(tmp_path / "grey.png", points, np.full(2000, -1), [], title="nothing found")
    assert _read_png(tmp_path / "grey.png")[..., :3].std() > 0.01
    render_png(tmp_path / "empty.png", np.zeros((0, 3)), np.zeros(0, int), NAMES)
    _read_png(tmp_path / "empty.png")


def test_render_png_camera_frame(tmp_path):
    points, labels, _ = _mug(3000)
    render_png(tmp_path / "cam.png", points, labels, NAMES, up="-y")
    _read_png(tmp_path / "cam.png")
    with pytest.raises(ValueError, match="up_axis must be"):
        render_png(tmp_path / "bad.png", points, labels, NAMES, up="w")


def test_render_is_deterministic(tmp_path):
    points, labels, _ = _mug(80_000)
    render_png(tmp_path / "a.png", points, labels, NAMES)
    render_png(tmp_path / "b.png", points, labels, NAMES)
    np.testing.assert_array_equal(_read_png(tmp_path / "a.png"), _read_png(tmp_path / "b.png"))


def test_heatmap_png(tmp_path):
    points, _, _ = _mug(20_000)
    logits = points[:, 2] * 40 - 2.0  # spans both signs
    heatmap_png(tmp_path / "heat.png", points, logits, "rim")
    pixels = _read_png(tmp_path / "heat.png")
    assert pixels[..., :3].std() > 0.05
    heatmap_png(tmp_path / "flat.png", points, np.ones(len(points)), "constant")
    _read_png(tmp_path / "flat.png")
    with pytest.raises(ValueError, match="finite"):
        heatmap_png(tmp_path / "nan.png", points, np.full(len(points), np.nan), "nan")


def test_write_html(tmp_path):
    points, labels, scores = _mug(150_000)
    path = tmp_path / "parts.html"
    write_html(path, points, labels, NAMES, scores=scores)
    html = path.read_text()
    assert "<html>" in html and "Plotly.newPlot" in html
    # Works offline: the library itself is inlined (several MB), no <script src=...> to fetch.
    assert re.search(r"plotly\.js v\d", html) and "<script src=" not in html
    assert len(html) > 1_000_000
    for name in NAMES:
        assert re.search(rf'"name":"{name} \([\d,]+\)"', html), name
    assert "score %{customdata" in html


def test_write_html_subsamples_and_handles_no_parts(tmp_path):
    plotly = pytest.importorskip("plotly")
    from find3d_core.inference import visualize

    points, labels, _ = _mug(150_000)
    captured = {}
    original = plotly.graph_objects.Figure.write_html

    def spy(fig, *args, **kwargs):
        captured["n"] = sum(len(trace.x) for trace in fig.data)
        return original(fig, *args, **kwargs)

    plotly.graph_objects.Figure.write_html = spy
    try:
        visualize.write_html(tmp_path / "big.html", points, labels, NAMES)
        assert 50_000 < captured["n"] <= visualize.HTML_MAX_POINTS
        visualize.write_html(tmp_path / "none.html", points[:100], np.full(100, -1), [])
        assert captured["n"] == 100
    finally:
        plotly.graph_objects.Figure.write_html = original
    assert "unlabelled (100)" in (tmp_path / "none.html").read_text()


def _part_pixels(path: Path) -> int:
    rgb = (_read_png(path)[..., :3].reshape(-1, 3) * 255).round()
    return int(sum((np.abs(rgb - c.round()).max(axis=1) <= 2).sum() for c in part_colors(3) * 255))


def test_render_png_frames_the_objects_found_not_the_room(tmp_path):
    points, labels, _ = _mug(3000)
    room = np.random.default_rng(1).uniform(-3.0, 3.0, (3000, 3))  # a wall and floor far around the mug
    everything = np.concatenate([points, room])
    all_labels = np.concatenate([labels, np.full(len(room), -1)])
    found = np.arange(len(everything)) < len(points)
    render_png(tmp_path / "room.png", everything, all_labels, NAMES)
    render_png(tmp_path / "framed.png", everything, all_labels, NAMES, focus=found)
    assert _part_pixels(tmp_path / "framed.png") > 10 * _part_pixels(tmp_path / "room.png")
    with pytest.raises(ValueError, match="focus has 2 values"):
        render_png(tmp_path / "bad.png", everything, all_labels, NAMES, focus=np.ones(2, bool))


def test_write_html_opens_with_the_clouds_up_axis_up(tmp_path):
    points, labels, _ = _mug(500)
    write_html(tmp_path / "camera.html", points, labels, NAMES, up="-y")
    camera = re.search(r'"scene":\{"camera":\{"up":(\{[^}]*\}),"eye":(\{[^}]*\})', (tmp_path / "camera.html").read_text())
    assert camera and camera.group(1) == '{"x":0.0,"y":-1.0,"z":0.0}'
    assert '"z":-2.0' in camera.group(2)  # from behind the sensor, looking along its optical axis (+z)
    write_html(tmp_path / "robot.html", points, labels, NAMES, up="z")
    assert '"up":{"x":0.0,"y":0.0,"z":1.0}' in (tmp_path / "robot.html").read_text()


def _frame(rgb: bool = True) -> PointCloud:
    """A 4 x 6 organized frame: a wall 1 m away, 2 m in the right half, one pixel without depth."""
    h, w = 4, 6
    v, u = np.mgrid[0:h, 0:w]
    z = np.where(u < 3, 1.0, 2.0)
    xyz = np.stack([(u - 3) * 0.01 * z, (v - 2) * 0.01 * z, z], axis=-1).reshape(-1, 3).astype(np.float32)
    xyz[5] = np.nan
    colours = np.tile(np.float32([0.2, 0.4, 0.6]), (h * w, 1)) if rgb else None
    return PointCloud(xyz, colours, shape=(h, w))


def test_overlay_paints_parts_on_the_camera_image():
    cloud = _frame()
    labels = np.full(len(cloud), -1)
    labels[[0, 7]] = [0, 2]
    objects = np.zeros(len(cloud), bool)
    objects[[0, 7, 8]] = True
    image = overlay_image(cloud, labels, len(NAMES), objects).reshape(-1, 3)
    base = np.array([0.2, 0.4, 0.6])
    colors = part_colors(len(NAMES))
    assert image[0] == pytest.approx(0.3 * base + 0.7 * colors[0])
    assert image[7] == pytest.approx(0.3 * base + 0.7 * colors[2])
    assert image[8] == pytest.approx(0.7 * base + 0.3 * OBJECT_TINT)  # on an object, no part
    assert image[5] == pytest.approx(NO_DEPTH_COLOR)
    assert image[1] == pytest.approx(base, abs=1e-6)


def test_overlay_of_a_frame_without_colours_shows_depth_in_grey(tmp_path):
    cloud = _frame(rgb=False)
    image = overlay_image(cloud, np.full(len(cloud), -1), len(NAMES)).reshape(-1, 3)
    assert (image[:, 0] == image[:, 1]).all()
    assert image[0, 0] > image[3, 0]  # near (1 m) lighter than far (2 m)
    overlay_png(tmp_path / "o.png", cloud, np.full(len(cloud), -1), NAMES, title="no colour")
    assert (tmp_path / "o.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_overlay_png_writes_a_picture_and_refuses_what_it_cannot_draw(tmp_path):
    cloud = _frame()
    labels = np.full(len(cloud), -1)
    labels[:3] = 1
    overlay_png(tmp_path / "o.png", cloud, labels, NAMES, title="frame", scores=np.full(len(cloud), 0.5))
    assert (tmp_path / "o.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    unorganized = PointCloud(cloud.xyz, cloud.rgb)
    with pytest.raises(ValueError, match="organized"):
        overlay_image(unorganized, labels, len(NAMES))
    with pytest.raises(ValueError, match="labels"):
        overlay_image(cloud, np.full(len(cloud), 3), len(NAMES))
    with pytest.raises(ValueError, match="labels"):
        overlay_image(cloud, labels[:-1], len(NAMES))
