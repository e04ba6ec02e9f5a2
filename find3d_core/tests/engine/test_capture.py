"""Robot captures: labels through the sensor model and the predictor's own object cutting, determinism, resumption."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from find3d_core.engine.capture import (
    CaptureConfig,
    _owner,
    capture_frame,
    capture_records,
    compose,
    label_objects,
)
from find3d_core.engine.catalog import sample_object
from find3d_core.engine.depth_camera import SENSORS, DepthNoise, VirtualDepthCamera, sensor_camera
from find3d_core.engine.pipeline import EngineConfig, build_dataset, capture_jobs
from find3d_core.engine.raycast import PlacedObject, look_at
from find3d_core.engine.shards import iter_objects
from find3d_core.inference.prepare import object_clouds
from helpers import HashEncoder, build_killed_after_first_shard, shard_digests

SMALL = CaptureConfig(width=320, height=240, distance=(0.3, 0.8), min_object_points=60)
POOL = ("mug", "bottle", "bowl", "hammer")


def test_every_mask_holds_points_of_its_own_part_through_noise_and_occlusion() -> None:
    scene = dataclasses.replace(SMALL, scene_share=1.0, max_objects=4)
    records = [r for seed in range(4) for r in capture_records("mug", seed, POOL, scene, style="canonical")]
    assert len(records) >= 4
    for rec in records:
        obj = _object_of(rec)
        tri_part = obj.triangle_part
        for mask, text in zip(rec.masks, rec.mask_text):
            parts = obj.groups.get(text, [text])
            ids = {obj.part_id(p) for p in parts}
            assert np.isin(tri_part[rec.face[mask]], list(ids)).all(), (rec.id, text)
            assert len(mask) >= scene.min_mask_points
        assert set(rec.mask_text) <= set(obj.part_names) | set(obj.groups)
        masks = [tuple(m) for m in rec.masks]
        assert len(set(masks)) == len(masks), "no two texts on the same points"
        assert rec.xyz.shape == rec.normals.shape == rec.rgb.shape and np.isfinite(rec.xyz).all()
        assert np.allclose(np.linalg.norm(rec.normals, axis=1), 1.0, atol=1e-3)


def test_each_mask_says_which_part_it_shows() -> None:
    scene = dataclasses.replace(SMALL, scene_share=1.0, max_objects=4)
    records = [r for seed in range(4) for r in capture_records("mug", seed, POOL, scene, style="vlm")]
    out_of_view = 0
    for rec in records:
        obj = _object_of(rec)
        shown = rec.meta["mask_parts"]
        assert len(shown) == len(rec.masks) and set(shown) <= set(obj.part_names) | set(obj.groups)
        for mask, name in zip(rec.masks, shown):
            ids = {obj.part_id(p) for p in obj.groups.get(name, [name])}
            assert np.isin(obj.triangle_part[rec.face[mask]], list(ids)).all(), (rec.id, name)
        out_of_view += len(set(obj.part_names) - set(shown))
    assert out_of_view, "robot views hide some parts (the mug's handle or bottom)"


def _object_of(rec):
    """The catalogue object a record shows, rebuilt from its provenance (the job's object or a clutter object)."""
    from find3d_core.engine.capture import _clutter_seed

    prov = rec.meta["provenance"]
    index = rec.meta["capture"]["object"]
    if index == 0:
        return sample_object(prov["category"], prov["seed"])
    return sample_object(rec.meta["category"], _clutter_seed(prov["category"], prov["seed"], index - 1))


def test_records_are_the_predictors_objects() -> None:
    """The record's points are exactly what the predictor's preparation cuts out of the frame (no subsampling here)."""
    cfg = dataclasses.replace(SMALL, scene_share=1.0)
    rng = np.random.default_rng(3)
    placed = compose(sample_object("bottle", 3), [sample_object("bowl", 4)], rng, with_support=True)
    frame = capture_frame(placed, cfg, rng, with_support=True)
    assert frame.prepare.scene and frame.prepare.up_axis == "-y"
    records = label_objects(frame, placed, cfg, np.random.default_rng(0), "t", "vlm")
    objects = object_clouds(frame.cloud, frame.prepare)
    assert records
    for rec in records:
        k = int(rec.id.rsplit("-c", 1)[1])
        np.testing.assert_array_equal(rec.xyz, objects[k].cloud.xyz.astype(np.float32))
        # Levelled onto the support plane: the world's up, seen from the camera, becomes the record's z.
        world_up_in_camera = np.asarray(frame.meta["camera_poses"][0])[:3, :3].T @ np.array([0.0, 0.0, 1.0])
        up = np.asarray(rec.meta["capture"]["levelling"]) @ world_up_in_camera
        assert up[2] > np.cos(np.deg2rad(3.0)), up
        owner = rec.meta["capture"]["object"]
        own = np.count_nonzero(frame.object_id[objects[k].rows] == owner)
        assert own >= cfg.min_object_coverage * np.count_nonzero(frame.object_id == owner)


def test_a_fragment_of_an_object_is_not_a_record() -> None:
    """A cluster the split cut off an object (a chair leg alone) is skipped; the object's main cluster is kept."""
    placed = [PlacedObject(sample_object("chair", 0), np.eye(4)), PlacedObject(sample_object("mug", 0), np.eye(4))]
    cfg = dataclasses.replace(SMALL, min_object_points=10)
    in_frame = np.array([1000, 0])
    leg = np.zeros(200, dtype=np.int32)
    assert _owner(leg, in_frame, placed, cfg) is None
    assert _owner(np.zeros(800, dtype=np.int32), in_frame, placed, cfg) == 0
    mixed = np.r_[np.zeros(800, dtype=np.int32), np.ones(700, dtype=np.int32)]  # no object dominates
    assert _owner(mixed, np.array([1000, 700]), placed, cfg) is None


def test_captures_are_deterministic_per_seed_and_differ_between_seeds() -> None:
    a = capture_records("bottle", 7, POOL, SMALL)
    b = capture_records("bottle", 7, POOL, SMALL)
    c = capture_records("bottle", 8, POOL, SMALL)
    assert [r.id for r in a] == [r.id for r in b]
    for ra, rb in zip(a, b):
        np.testing.assert_array_equal(ra.xyz, rb.xyz)
        assert ra.mask_text == rb.mask_text
    assert not (len(a) == len(c) and all(np.array_equal(x.xyz, y.xyz) for x, y in zip(a, c)))


def test_vlm_phrasings_vary_per_mask_and_canonical_names_do_not() -> None:
    cfg = dataclasses.replace(SMALL, scene_share=0.0)
    texts = {t for s in range(8) for r in capture_records("mug", s, POOL, cfg, style="vlm") for t in r.mask_text}
    assert any("mug" in t for t in texts) and len(texts) > 6
    canon = {t for s in range(4) for r in capture_records("mug", s, POOL, cfg, style="canonical") for t in r.mask_text}
    mug_names = {n for s in range(4) for n in sample_object("mug", s).part_names} | {"body", "handle"}
    assert canon <= mug_names | {g for s in range(4) for g in sample_object("mug", s).groups}


def test_capture_jobs_build_resumable_shards(tmp_path: Path) -> None:
    jobs = capture_jobs(4, ["mug", "bottle"], seed=11)
    cfg = EngineConfig(capture=SMALL, phrasing="vlm")
    one = tmp_path / "one"
    report = build_dataset(jobs, one, cfg, HashEncoder(), shard_size=2, progress=False)
    assert report.written >= 4 and report.failed == 0
    assert all(r.meta["job"].startswith("capture:") for r in iter_objects(one))

    two = tmp_path / "two"
    build_killed_after_first_shard(jobs, two, cfg)
    build_dataset(jobs, two, cfg, HashEncoder(), shard_size=2, progress=False)
    assert shard_digests(one) == shard_digests(two)


# ---------------------------------------------------------------- sensor models


def _flat_wall_capture(noise: DepthNoise, z: float = 1.0, color: tuple = (0.8, 0.8, 0.8)):
    from find3d_core.engine.procedural import PartMesh, box

    wall = PartMesh().add("wall", box((4.0, 4.0, 0.01), (0.0, 0.0, 0.0)), color).build("wall")
    camera = VirtualDepthCamera(160, 120, 150.0, 150.0, noise=noise)
    return camera.capture([PlacedObject(wall, np.eye(4))], look_at((0, 0, z), (0, 0, 0), up=(0, 1, 0)), rng=0)


def test_disparity_quantisation_steps_grow_with_depth() -> None:
    quantised = dataclasses.replace(DepthNoise.perfect(), disparity_step=0.003)
    for z in (0.8, 2.0):
        depth = _flat_wall_capture(quantised, z).depth
        values = np.unique(np.round(depth[np.isfinite(depth)], 6))
        assert len(values) == 1  # a flat wall facing the camera lands on one quantised level...
        truth = z - 0.005  # the wall's front face
        assert abs(values[0] - truth) <= 0.5 * 0.003 * truth**2 + 1e-6  # ...within half a step of the truth


def test_dark_surfaces_lose_more_returns_than_bright_ones() -> None:
    noise = dataclasses.replace(DepthNoise.perfect(), dark_dropout=0.6)
    dark = np.isfinite(_flat_wall_capture(noise, color=(0.02, 0.02, 0.02)).depth).mean()
    bright = np.isfinite(_flat_wall_capture(noise, color=(0.9, 0.9, 0.9)).depth).mean()
    assert bright > 0.99 and dark < 0.7


def test_flying_pixels_put_points_between_an_edge_and_the_background() -> None:
    from find3d_core.engine.procedural import PartMesh, box

    front = PartMesh().add("front", box((0.3, 0.3, 0.01), (0.0, 0.0, 0.5)), (0.5, 0.5, 0.5)).build("front")
    back = PartMesh().add("back", box((4.0, 4.0, 0.01), (0.0, 0.0, 0.0)), (0.5, 0.5, 0.5)).build("back")
    placed = [PlacedObject(front, np.eye(4)), PlacedObject(back, np.eye(4))]
    pose = look_at((0, 0, 1.5), (0, 0, 0), up=(0, 1, 0))
    clean = VirtualDepthCamera(160, 120, 150.0, 150.0, noise=DepthNoise.perfect()).capture(placed, pose, rng=0)
    noise = dataclasses.replace(DepthNoise.perfect(), flying_pixels=1.0)
    flying = VirtualDepthCamera(160, 120, 150.0, 150.0, noise=noise).capture(placed, pose, rng=0)
    between = (flying.depth > 1.02) & (flying.depth < 1.48)
    assert between.sum() > 20 and not ((clean.depth > 1.02) & (clean.depth < 1.48)).any()
    assert (flying.object_id.reshape(flying.depth.shape)[between] == 0).all()  # labelled as the foreground


@pytest.mark.parametrize("name", sorted(SENSORS))
def test_sensor_profiles_capture_a_mug_with_their_own_character(name: str) -> None:
    camera = sensor_camera(name, 320, 240)
    assert camera.intrinsics.width == 320
    mug = PlacedObject(sample_object("mug", 0), np.eye(4))
    cap = camera.capture([mug], look_at((0.5, 0.0, 0.4), (0, 0, 0.05)), rng=1)
    hit = cap.object_id >= 0
    finite = cap.cloud.finite_mask()
    assert 0.5 < finite[hit].mean() < 1.0  # most of the mug returns, but the sensor loses some of it
    with pytest.raises(ValueError, match="unknown sensor"):
        sensor_camera("lidar")
