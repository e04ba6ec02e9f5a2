"""Procedural objects, ray casting, the virtual depth camera and the demo tabletop scene."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from find3d_core.engine.catalog import CATALOG, build_object
from find3d_core.engine.demo_scene import make_demo_scene
from find3d_core.engine.depth_camera import DepthNoise, VirtualDepthCamera
from find3d_core.engine.procedural import PartMesh, box, revolve
from find3d_core.engine.raycast import Intrinsics, PlacedObject, RaycastScene, look_at, render

K = Intrinsics(fx=500.0, fy=500.0, cx=159.5, cy=119.5, width=320, height=240)


def _wall(distance: float, size: float = 10.0) -> PlacedObject:
    """A big box whose front face is the plane z = distance (camera at the origin looking along +z)."""
    obj = PartMesh().add("face", box((size, size, 0.1), (0.0, 0.0, distance + 0.05)), (0.5, 0.5, 0.5)).build("wall")
    return PlacedObject(obj, np.eye(4))


# ---------------------------------------------------------------- procedural objects


@pytest.mark.parametrize("category", sorted(CATALOG))
def test_builder_is_deterministic_and_varies_with_seed(category: str) -> None:
    a, b, c = build_object(category, 7), build_object(category, 7), build_object(category, 8)
    np.testing.assert_array_equal(a.vertices, b.vertices)
    np.testing.assert_array_equal(a.vertex_colors, b.vertex_colors)
    np.testing.assert_array_equal(a.triangle_part, b.triangle_part)
    assert a.vertices.shape != c.vertices.shape or not np.allclose(a.vertices, c.vertices)


@pytest.mark.parametrize("category", sorted(CATALOG))
def test_every_triangle_has_a_part_and_every_part_has_triangles(category: str) -> None:
    obj = build_object(category, 3)
    assert obj.category == category
    assert obj.triangle_part.shape == (len(obj.triangles),)
    counts = np.bincount(obj.triangle_part, minlength=len(obj.part_names))
    assert len(counts) == len(obj.part_names) and (counts > 0).all(), dict(zip(obj.part_names, counts))
    assert len(set(obj.part_names)) == len(obj.part_names)
    assert ((obj.vertex_colors >= 0) & (obj.vertex_colors <= 1)).all()
    assert abs(obj.vertices[:, 2].min()) < 1e-9  # stands on z = 0


def test_required_parts_and_metric_sizes() -> None:
    required = {"mug": {"body", "handle"}, "bottle": {"body", "neck", "cap"}, "bowl": {"body"}, "table": {"top", "leg"}}
    for category, parts in required.items():
        assert parts <= set(build_object(category, 0).part_names), category
    for seed in range(5):
        mug = build_object("mug", seed)
        assert 0.08 <= mug.height() <= 0.11
        # The handle sticks out sideways beyond the body.
        handle = mug.vertices[mug.triangles[mug.triangle_part == mug.part_id("handle")].ravel()]
        body = mug.vertices[mug.triangles[mug.triangle_part == mug.part_id("body")].ravel()]
        assert handle[:, 0].max() > body[:, 0].max() + 0.015
        assert 0.5 < build_object("table", seed).height() < 0.9


def test_lathe_normals_point_outwards() -> None:
    # Signed volume of a closed surface is positive when its triangles wind outwards.
    for category in ("bottle", "bowl"):
        obj = build_object(category, 1)
        p = obj.vertices[obj.triangles]
        assert np.einsum("ij,ij->i", p[:, 0], np.cross(p[:, 1], p[:, 2])).sum() > 0


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="known categories"):
        build_object("spaceship", 0)
    with pytest.raises(ValueError, match="profile"):
        revolve(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="4x4"):
        PlacedObject(build_object("mug", 0), np.eye(3))
    with pytest.raises(ValueError, match="rigid"):
        PlacedObject(build_object("mug", 0), np.diag([2.0, 1.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match="focal"):
        Intrinsics(fx=0.0, fy=1.0, cx=0.0, cy=0.0, width=4, height=4)
    with pytest.raises(ValueError, match="no part"):
        build_object("mug", 0).part_id("wheel")
    with pytest.raises(ValueError, match="probability"):
        DepthNoise(dropout=1.5)


# ---------------------------------------------------------------- ray casting


def test_render_depth_of_a_box_at_known_distance() -> None:
    r = render([_wall(1.25, size=0.5)], K, np.eye(4))
    assert r.depth.shape == (K.height, K.width)
    assert r.depth[120, 160] == pytest.approx(1.25, abs=1e-5)
    # A fronto-parallel face has the same depth (not range) at every pixel it covers.
    assert np.allclose(r.depth[r.hit], 1.25, atol=1e-5)
    assert r.hit[120, 160] and r.object_id[120, 160] == 0 and r.part_id[120, 160] == 0
    # The 0.5 m face spans 200 px at 1.25 m with f = 500, centred: the 320x240 image's corners miss it.
    assert r.hit.sum() == pytest.approx(200 * 200, rel=0.02)
    assert not r.hit[0, 0] and np.isinf(r.depth[0, 0]) and r.object_id[0, 0] == -1 and r.triangle_id[0, 0] == -1
    assert ((r.color >= 0) & (r.color <= 1)).all()


def test_render_follows_optical_convention_and_ids() -> None:
    # Camera 2 m in front of a box (front face at y = -0.5), looking along +y; a marker box to world +x
    # must appear right of centre (optical x right), one above (world +z) in rows above centre (y down).
    big = PlacedObject(PartMesh().add("front", box((1.0, 1.0, 1.0), (0, 0, 0.5)), (1, 0, 0)).build("block"), np.eye(4))
    cube = (0.05, 0.05, 0.05)
    marker = PartMesh().add("a", box(cube, (0, 0, 0)), (0, 1, 0)).add("b", box(cube, (0, 0, 0.05)), (0, 0, 1))
    right, up = np.eye(4), np.eye(4)
    right[:3, 3] = (0.3, -0.6, 0.5)
    up[:3, 3] = (0.0, -0.6, 0.8)
    scene = RaycastScene([big, PlacedObject(marker.build("m"), right), PlacedObject(marker.build("m"), up)])
    pose = look_at((0.0, -2.5, 0.5), (0.0, 0.0, 0.5))
    r = scene.render(K, pose)
    assert r.depth[119, 159] == pytest.approx(2.0, abs=1e-4)
    assert r.object_id[119, 159] == 0
    v1, u1 = np.nonzero(r.object_id == 1)
    v2, u2 = np.nonzero(r.object_id == 2)
    assert len(u1) and u1.min() > K.cx and abs(v1.mean() - K.cy) < 10
    assert len(v2) and v2.max() < K.cy and abs(u2.mean() - K.cx) < 10
    assert set(np.unique(r.part_id[r.object_id == 1])) == {0, 1}
    # The same scene object renders again from another pose without rebuilding.
    assert scene.render(K, look_at((0.0, -3.5, 0.5), (0.0, 0.0, 0.5))).depth[119, 159] == pytest.approx(3.0, abs=1e-4)


# ---------------------------------------------------------------- depth camera


def test_perfect_camera_reproduces_the_render_geometry() -> None:
    cam = VirtualDepthCamera(noise=DepthNoise.perfect())
    cap = cam.capture([_wall(0.8)], np.eye(4), rng=0)
    xyz = cap.cloud.xyz.reshape(480, 640, 3)
    assert cap.cloud.shape == (480, 640) and cap.cloud.frame_id == "camera_color_optical_frame"
    assert np.allclose(xyz[..., 2], 0.8, atol=1e-5)
    k = cam.intrinsics
    assert xyz[100, 600, 0] == pytest.approx((600 - k.cx) * 0.8 / k.fx, rel=1e-5)
    assert xyz[100, 600, 1] == pytest.approx((100 - k.cy) * 0.8 / k.fy, rel=1e-5)


def test_depth_noise_grows_with_depth() -> None:
    cam = VirtualDepthCamera()
    stds = {}
    for z in (0.5, 2.0):
        cap = cam.capture([_wall(z)], np.eye(4), rng=1)
        patch = cap.depth[140:340, 220:420]
        patch = patch[np.isfinite(patch)]
        assert len(patch) > 0.95 * 200 * 200  # a frontal wall loses only speckle
        assert abs(patch.mean() - z) < 1e-3
        stds[z] = patch.std()
    model = cam.noise
    assert stds[0.5] == pytest.approx(np.hypot(model.sigma(0.5, 0.0), model.depth_unit / np.sqrt(12)), rel=0.15)
    assert stds[2.0] == pytest.approx(model.sigma(2.0, 0.0), rel=0.15)
    assert stds[2.0] > 3 * stds[0.5]


def test_camera_drops_grazing_edges_and_out_of_range() -> None:
    cam = VirtualDepthCamera()
    # Beyond max range: nothing comes back.
    assert not np.isfinite(cam.capture([_wall(5.0)], np.eye(4), rng=0).depth).any()
    # A floor seen at grazing angles loses its far rows; a near frontal wall keeps almost everything.
    slab = box((20.0, 20.0, 0.01), (0, 0, -0.005))
    floor = PlacedObject(PartMesh().add("f", slab, (0.5, 0.5, 0.5)).build("floor"), np.eye(4))
    cap = cam.capture([floor], look_at((0.0, 0.0, 0.3), (0.0, 2.0, 0.25)), rng=0)
    hit = cap.render.hit
    kept = np.isfinite(cap.depth)[hit].mean()
    assert kept < 0.9
    dirs = cam.intrinsics.ray_directions()
    cos_inc = np.abs((cap.render.normal * dirs).sum(-1)) / np.linalg.norm(dirs, axis=-1)
    grazing = hit & (cos_inc < np.cos(np.deg2rad(cam.noise.grazing_max_deg)))
    assert grazing.sum() > 1000 and not np.isfinite(cap.depth[grazing]).any()


# ---------------------------------------------------------------- demo scene


@pytest.fixture(scope="module")
def demo():
    return make_demo_scene(seed=0)


def test_demo_scene_is_an_organized_camera_frame_cloud(demo) -> None:
    cloud = demo.cloud
    assert cloud.shape == (480, 640) and len(cloud) == 480 * 640
    assert cloud.frame_id == "camera_color_optical_frame"
    finite = cloud.finite_mask()
    assert 0.3 < finite.mean() < 0.99  # NaN rows where nothing / no return, but mostly valid
    assert cloud.rgb.dtype == np.float32 and ((cloud.rgb >= 0) & (cloud.rgb <= 1)).all()
    z = cloud.xyz[finite, 2]
    assert z.min() > 0.3 and np.median(z) < 1.5  # in front of the camera, about a metre away
    assert demo.object_id.shape == demo.part_id.shape == (len(cloud),)


def test_demo_scene_ground_truth(demo) -> None:
    assert sorted(demo.object_names) == ["bottle", "bowl", "mug", "table"]
    assert demo.mask("mug", "handle").sum() > 50
    assert demo.mask("bottle", "cap").sum() > 20
    assert demo.mask("bowl").sum() > 500
    names = demo.point_part_names()
    assert set(names[demo.mask("mug")]) <= {"body", "rim", "handle"}
    with pytest.raises(ValueError, match="no part"):
        demo.mask("mug", "cap")


def test_demo_scene_objects_stand_apart(demo) -> None:
    pts = {c: demo.cloud.xyz[demo.mask(c)] for c in ("mug", "bottle", "bowl")}
    for a, b in (("mug", "bottle"), ("mug", "bowl"), ("bottle", "bowl")):
        gap = cKDTree(pts[a]).query(pts[b])[0].min()
        assert gap > 0.04, (a, b, gap)
    # Upright on the table: in world coordinates every object's lowest point is at the table top.
    world = demo.cloud.xyz @ demo.camera_pose[:3, :3].T + demo.camera_pose[:3, 3]
    top = demo.objects[0].obj.height()
    for c in ("mug", "bottle", "bowl"):
        assert abs(world[demo.mask(c), 2].min() - top) < 0.01


def test_demo_scene_is_seeded() -> None:
    a = make_demo_scene(seed=4)
    b, c = make_demo_scene(seed=4), make_demo_scene(seed=5)
    np.testing.assert_array_equal(a.cloud.xyz, b.cloud.xyz)
    assert not np.array_equal(np.isfinite(a.cloud.xyz), np.isfinite(c.cloud.xyz))
