"""Predictor: Find3D's scoring rule, mapping results back to every input row, parts, scene mode, bad input."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.inference.parts import oriented_box
from find3d_core.inference.predictor import Find3DPredictor
from find3d_core.inference.scoring import assign_labels
from find3d_core.inference.smoothing import NO_SMOOTHING
from find3d_core.model.checkpoint import CheckpointInfo
from find3d_core.model.config import Find3DConfig
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import FIND3D_QUERY, QueryTemplates, TextEncoder
from helpers import SMALL


class OneHotText(TextEncoder):
    """A text encoder over a fixed vocabulary: each word is a basis vector (makes expected logits exact)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__()
        self.words, self.name, self.dim = words, "one-hot", len(words)

    def _embed(self, texts: list[str]) -> torch.Tensor:
        return torch.eye(self.dim)[[self.words.index(t) for t in texts]]


class ColourOracle(Find3DModel):
    """Red points embed as "handle", others as "body": a network whose right answer is known by construction."""

    def forward(self, feat, structure):
        red = feat[:, 0] > 0
        out = torch.zeros(len(feat), self.config.text_dim)
        out[red, 0] = 5.0
        out[~red, 1] = 5.0
        return out


@pytest.fixture(scope="module")
def oracle() -> Find3DPredictor:
    encoder = OneHotText(["handle", "body", "wheel"])
    return Find3DPredictor(ColourOracle(Find3DConfig(SMALL, text_dim=3)), encoder)


def box_points(rng, n, lo, hi) -> np.ndarray:
    return rng.uniform(lo, hi, size=(n, 3)).astype(np.float32)


def two_tone_object(rng, n=3000) -> PointCloud:
    xyz = box_points(rng, n, (-0.1, -0.05, 0), (0.1, 0.05, 0.1))
    rgb = np.where((xyz[:, :1] > 0.04), [[1.0, 0.0, 0.0]], [[0.2, 0.4, 0.9]]).astype(np.float32)
    return PointCloud(xyz, rgb)


def test_scoring_rule_on_hand_built_logits():
    logits = torch.tensor([[-1.0, -2.0], [0.5, 2.0], [3.0, 1.0], [0.0, 0.0]])
    labels, scores = assign_labels(logits)
    assert labels.tolist() == [-1, 1, 0, -1]  # all-negative -> none; a tie with the zero logit -> none (first wins)
    expected = torch.softmax(torch.tensor([0.0, 0.5, 2.0]), 0).max()
    assert scores[1].item() == pytest.approx(expected.item())
    labels, _ = assign_labels(logits, score_threshold=0.8)  # winners' probabilities: 0.736 and 0.844
    assert labels.tolist() == [-1, -1, 0, -1]
    labels, scores = assign_labels(logits, every_point=True)  # no zero logit: the best query always wins
    assert labels.tolist() == [0, 1, 0, 0]
    assert scores[0].item() == pytest.approx(torch.softmax(torch.tensor([-1.0, -2.0]), 0)[0].item())


def test_labels_follow_the_network_and_reach_every_row(oracle):
    cloud = two_tone_object(np.random.default_rng(0), n=8000)
    seg = oracle.segment(cloud, ["handle", "body", "wheel"])
    red = cloud.rgb[:, 0] > 0.5
    assert (seg.labels[red] == 0).mean() > 0.97  # 1-NN upsampling may flip points at the colour border only
    assert (seg.labels[~red] == 1).mean() > 0.97
    assert {p.query for p in seg.parts} == {"handle", "body"}  # nothing is "wheel"
    handle = next(p for p in seg.parts if p.query == "handle")
    np.testing.assert_allclose(handle.centroid, cloud.xyz[seg.labels == 0].mean(0), atol=1e-5)
    assert (handle.aabb_min >= cloud.xyz.min(0) - 1e-6).all() and handle.score > 0.9


def test_smoothing_outvotes_speckle_and_can_be_turned_off(oracle):
    rng = np.random.default_rng(2)
    base = two_tone_object(rng, n=4000)
    rgb = base.rgb.copy()
    speckle = rng.choice(np.flatnonzero(rgb[:, 0] < 0.5), 40, replace=False)  # red dots on the blue body
    rgb[speckle] = [1.0, 0.0, 0.0]
    cloud = PointCloud(base.xyz, rgb)
    raw = Find3DPredictor(oracle.model, oracle.encoder, smoothing=NO_SMOOTHING).segment(cloud, ["handle", "body"])
    smoothed = oracle.segment(cloud, ["handle", "body"])  # the default smoothing
    body = base.rgb[:, 0] < 0.5
    assert (raw.labels[speckle] == 0).mean() > 0.9  # the network's raw decision follows each dot's colour
    assert (smoothed.labels[speckle] == 1).mean() > 0.9  # the body around it outvotes it
    assert (smoothed.labels[body] == 1).mean() > (raw.labels[body] == 1).mean()
    assert (smoothed.labels[~body] == 0).mean() > 0.95  # the handle region itself stays a handle


def test_organized_cloud_keeps_rows_and_nan_rows_stay_unlabelled(oracle):
    rng = np.random.default_rng(1)
    base = two_tone_object(rng, n=40 * 50)
    xyz = base.xyz.copy()
    xyz[::7] = np.nan
    cloud = PointCloud(xyz, base.rgb, shape=(40, 50))
    seg = oracle.segment(cloud, ["handle", "body"])
    assert seg.labels.shape == (2000,) and seg.scores.shape == (2000,)
    assert (seg.labels[::7] == -1).all() and np.isnan(seg.scores[::7]).all()
    assert (seg.labels[1::7] >= 0).all()


def test_crop_box_limits_what_is_labelled(oracle):
    cloud = two_tone_object(np.random.default_rng(2))
    seg = oracle.segment(cloud, ["handle", "body"], crop_box=(np.array([-1, -1, 0.05]), np.array([1, 1, 1])))
    assert (seg.labels[cloud.xyz[:, 2] < 0.05] == -1).all()
    assert (seg.labels[cloud.xyz[:, 2] > 0.05] >= 0).all()


def test_scene_mode_returns_parts_per_object(oracle):
    rng = np.random.default_rng(3)
    table = np.c_[rng.uniform(-0.5, 0.5, (30000, 2)), np.zeros(30000)].astype(np.float32)
    left = box_points(rng, 3000, (-0.3, -0.05, 0.005), (-0.15, 0.05, 0.15))
    right = box_points(rng, 3000, (0.15, -0.05, 0.005), (0.3, 0.05, 0.15))
    xyz = np.concatenate([table, left, right])
    rgb = np.full_like(xyz, 0.3)
    rgb[30000:33000] = [1.0, 0.0, 0.0]  # the left box is red: all "handle"
    from find3d_core.inference.scene import SceneConfig

    # A predictor of its own over the shared model: the module-scoped fixture stays as the other tests expect it.
    scene_config = SceneConfig(viewpoint=(0.0, 0.0, 1.0))
    predictor = Find3DPredictor(oracle.model, oracle.encoder, oracle.info, scene_config=scene_config)
    seg = predictor.segment(PointCloud(xyz, rgb), ["handle", "body"], scene=True)
    assert len(seg.objects) == 2
    found = {(p.object_index, p.query) for p in seg.parts}
    left_object = next(i for i, rows in enumerate(seg.objects) if rows.min() >= 30000 and rows.max() < 33000)
    assert (left_object, "handle") in found and (1 - left_object, "body") in found
    assert (seg.labels[:30000] == -1).mean() > 0.99  # the table is not an object


def test_queries_are_embedded_with_the_checkpoints_templates(oracle):
    """An encoder that knows only "the ..." phrases: segmenting bare names works iff the templates are applied."""
    encoder = OneHotText(["the handle", "the body", "the wheel"])
    info = CheckpointInfo(oracle.model.config, encoder.name, query_templates=QueryTemplates(("the {part}",)))
    predictor = Find3DPredictor(oracle.model, encoder, info)
    assert predictor.query_templates == info.query_templates
    cloud = two_tone_object(np.random.default_rng(4))
    seg = predictor.segment(cloud, ["handle", "body"])
    assert (seg.labels[cloud.rgb[:, 0] > 0.5] == 0).mean() > 0.97
    assert np.nanmin(predictor.heatmap(cloud, "handle")[cloud.rgb[:, 0] > 0.5]) > 0
    bare = Find3DPredictor(oracle.model, encoder, info, query_templates=FIND3D_QUERY)  # an override wins
    with pytest.raises(ValueError, match="not in list"):
        bare.segment(cloud, ["handle"])


def test_batch_equals_one_by_one():
    torch.manual_seed(0)
    from find3d_core.text import build_text_encoder

    encoder = build_text_encoder("minilm")
    predictor = Find3DPredictor(Find3DModel(Find3DConfig(SMALL, text_dim=encoder.dim)), encoder)
    rng = np.random.default_rng(4)
    a, b = two_tone_object(rng, 2000), two_tone_object(rng, 2500)
    both = predictor.segment_batch([a, b], ["handle", "body"])
    alone = predictor.segment(b, ["handle", "body"])
    np.testing.assert_array_equal(both[1].labels, alone.labels)
    np.testing.assert_allclose(both[1].scores, alone.scores, atol=1e-5)
    heat = predictor.heatmap(b, "handle")
    assert heat.shape == (2500,) and np.isfinite(heat).all()


@pytest.mark.parametrize(
    "xyz, message",
    [(np.zeros((0, 3)), "empty"), (np.full((100, 3), np.nan), "no finite points"), (np.zeros((5, 3)), "too few")],
)
def test_bad_clouds_get_clear_errors(oracle, xyz, message):
    with pytest.raises(CloudError, match=message):
        oracle.segment(PointCloud(xyz), ["handle"])


@pytest.mark.parametrize("queries", [[], [""], "handle", ["handle", "handle"]])
def test_bad_queries_are_refused(oracle, queries):
    with pytest.raises(ValueError):
        oracle.segment(two_tone_object(np.random.default_rng(5)), queries)


def test_unknown_up_axis_is_refused(oracle):
    with pytest.raises(ValueError, match="up_axis"):
        oracle.oriented("sideways")


def test_oriented_box_recovers_a_rotated_box():
    rng = np.random.default_rng(6)
    local = rng.uniform(-1, 1, (5000, 3)) * [0.3, 0.1, 0.02]
    angle = 0.6
    rot = np.array([[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0], [0, 0, 1]])
    center, extent, axes = oriented_box(local @ rot.T + [1, 2, 3])
    np.testing.assert_allclose(center, [1, 2, 3], atol=0.01)
    np.testing.assert_allclose(extent, [0.6, 0.2, 0.04], atol=0.01)
    assert abs(abs(axes[:, 0] @ rot[:, 0]) - 1) < 1e-3 and np.linalg.det(axes) > 0
