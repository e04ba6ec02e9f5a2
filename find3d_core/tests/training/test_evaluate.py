"""Evaluation: Find3D's IoU rule on hand-built labels, the labelled-cloud format, the `find3d eval` command."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.training.evaluate import (
    LabelledCloud,
    evaluate,
    load_labelled_cloud,
    object_iou,
    part_ious,
    rotated,
    trivial_baseline,
)


def test_object_iou_on_hand_built_labels():
    gt = np.array([0, 0, 0, 1, 1, 2, -1])
    pred = np.array([0, 0, 1, 1, -1, -1, 2])
    # part 0: 2/3; part 1: 1/3 (pred {2,3}, gt {3,4}); part 2: 0/1 (the gt=-1 point is ignored); part 3: absent.
    assert object_iou(pred, gt, 4) == pytest.approx((2 / 3 + 1 / 3 + 0) / 3)
    np.testing.assert_allclose(part_ious(pred, gt, 4), [2 / 3, 1 / 3, 0.0, np.nan])


def test_parts_absent_from_prediction_and_truth_do_not_count():
    assert object_iou(np.array([1, 1]), np.array([1, 1]), 5) == 1.0


def test_trivial_baseline_labels_everything_with_the_largest_part(tmp_path):
    path = tmp_path / "a.npz"
    np.savez(path, xyz=np.zeros((4, 3)), label=np.array([0, 0, 0, 1]), part_names=np.array(["seat", "leg"]),
             category="chair")
    result = trivial_baseline([load_labelled_cloud(path)])
    assert result.per_category["chair"] == pytest.approx(100 * (3 / 4 + 0) / 2)


class FirstQueryPredictor:
    """Labels every point with the first query: what a model does that cannot tell the queried parts apart."""

    def __init__(self) -> None:
        self.queries: list[list[str]] = []

    def segment(self, cloud, queries, object_name=None, every_point=False):
        self.queries.append(list(queries))
        return SimpleNamespace(labels=np.zeros(len(cloud), dtype=np.int64))


def test_visible_only_queries_just_the_parts_the_truth_shows():
    # A capture of a mug whose lid is out of view: 3 body points, 1 handle point.
    sample = LabelledCloud("mug-0", PointCloud(np.zeros((4, 3))), np.array([1, 1, 1, 2]), ["lid", "body", "handle"], "mug")
    predictor = FirstQueryPredictor()
    full = evaluate(predictor, [sample], template=False)
    visible = evaluate(predictor, [sample], template=False, visible_only=True)
    assert predictor.queries == [["lid", "body", "handle"], ["body", "handle"]]
    assert full.miou == 0.0  # "lid" everywhere: a part out of view named, the shown ones missed
    assert visible.miou == pytest.approx(100 * (3 / 4 + 0) / 2)  # "body" everywhere, labels back in the full list
    assert visible.per_part["mug"] == {"body": pytest.approx(75.0), "handle": 0.0}


def test_rotation_about_the_up_axis_keeps_heights_and_any_rotation_does_not():
    rng = np.random.default_rng(0)
    xyz = rng.uniform(-1, 1, (50, 3))
    cloud = PointCloud(xyz, None, np.tile([0.0, 0.0, 1.0], (50, 1)))
    upright = rotated(cloud, rng, "-z")
    np.testing.assert_allclose(upright.xyz[:, 2], xyz[:, 2], atol=1e-12)
    np.testing.assert_allclose(upright.normals, cloud.normals, atol=1e-12)
    tumbled = rotated(cloud, rng, "any")
    assert not np.allclose(tumbled.xyz[:, 2], xyz[:, 2], atol=1e-3)
    np.testing.assert_allclose(np.linalg.norm(tumbled.xyz, axis=1), np.linalg.norm(xyz, axis=1), atol=1e-12)


def test_bad_labelled_clouds_are_refused(tmp_path):
    path = tmp_path / "bad.npz"
    np.savez(path, xyz=np.zeros((3, 3)), label=np.array([0, 5, 0]), part_names=np.array(["a"]), category="x")
    with pytest.raises(CloudError, match="label"):
        load_labelled_cloud(path)
    np.savez(path, xyz=np.zeros((3, 3)))
    with pytest.raises(CloudError, match="not a labelled cloud"):
        load_labelled_cloud(path)


def test_eval_command_prints_the_table_and_miou_last(tmp_path, capsys):
    from find3d_core.cli import main
    from helpers import save_small_checkpoint

    ckpt = save_small_checkpoint(tmp_path / "m.safetensors")
    data = tmp_path / "data"
    data.mkdir()
    rng = np.random.default_rng(0)
    for i, category in enumerate(["mug", "mug", "chair"]):
        xyz = rng.uniform(-0.1, 0.1, (1200, 3))
        np.savez(data / f"{i}.npz", xyz=xyz, label=(xyz[:, 2] > 0).astype(int), part_names=np.array(["a", "b"]),
                 category=category)
    assert main(["eval", str(data), "--checkpoint", str(ckpt), "--rotate", "up", "--per-part",
                 "--confusion-png", str(tmp_path / "c.png")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("mIoU ") and 0 <= float(lines[-1].split()[1]) <= 100
    assert any(line.startswith("chair") for line in lines) and any(line.startswith("mug") for line in lines)
    per_part = [line.split() for line in lines if line.split()[:1] in (["mug"], ["chair"]) and len(line.split()) == 3]
    assert {row[1] for row in per_part} <= {"a", "b"} and per_part and all(0 <= float(r[2]) <= 100 for r in per_part)
    assert (tmp_path / "c.png").stat().st_size > 1000
    for templates in ("find3d", "vlm-ensemble"):
        assert main(["eval", str(data), "--checkpoint", str(ckpt), "--no-template", "--query-templates", templates]) == 0
        assert capsys.readouterr().out.strip().splitlines()[-1].startswith("mIoU ")
    with pytest.raises(SystemExit):
        main(["eval", str(data), "--checkpoint", str(ckpt), "--query-templates", "clip"])


def test_shard_ground_truth_uses_canonical_part_names(tmp_path):
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, procedural_jobs
    from find3d_core.training.evaluate import labelled_clouds

    build_dataset(procedural_jobs(2, categories=["mug"], seed=0), tmp_path / "d", EngineConfig(thumb_size=0),
                  progress=False)
    samples = list(labelled_clouds(tmp_path / "d"))
    assert len(samples) == 2
    for sample in samples:
        assert sample.category == "mug" and "handle" in sample.part_names and "grip" not in sample.part_names
        assert (sample.label >= 0).mean() > 0.5 and sample.label.max() < len(sample.part_names)
