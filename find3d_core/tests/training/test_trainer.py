"""Training: the loss on a hand-computed case, augmentation, mask carrying, resume == uninterrupted, learning."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from find3d_core.geometry.preprocess import PreprocessConfig
from find3d_core.model.checkpoint import checkpoint_info
from find3d_core.text import FIND3D_QUERY, VLM_QUERY_ENSEMBLE
from find3d_core.training.augment import AugmentConfig, augment, rotation_matrix
from find3d_core.training.batching import MAX_PARTS, make_batch, rival_parts, without_object_name
from find3d_core.training.config import TrainConfig
from find3d_core.training.loss import (
    absent_part_losses,
    contrastive_loss,
    point_rival_logits,
    point_rival_losses,
    pool_masks,
)
from helpers import TINY_BACKBONE


class Box:
    """A labelled object: a box whose upper half is "top" and lower half "base"."""

    def __init__(self, seed: int, n: int = 1500, meta: dict | None = None) -> None:
        rng = np.random.default_rng(seed)
        self.xyz = rng.uniform([-0.1, -0.05, 0], [0.1, 0.05, 0.2], (n, 3)).astype(np.float32)
        self.rgb = np.full((n, 3), 0.5, np.float32)
        self.normals = np.tile(np.float32([0, 0, 1]), (n, 1))
        self.masks = [np.flatnonzero(self.xyz[:, 2] > 0.1), np.flatnonzero(self.xyz[:, 2] <= 0.1)]
        self.mask_text = ["top", "base"]
        self.meta = meta or {}


def test_pool_masks_is_the_mean_over_members():
    emb = torch.tensor([[1.0, 0.0], [3.0, 2.0], [5.0, 4.0]])
    pooled = pool_masks(emb, torch.tensor([0, 1, 1, 2]), torch.tensor([0, 0, 1, 1]), 2)
    assert pooled.tolist() == [[2.0, 1.0], [4.0, 3.0]]


def test_contrastive_loss_matches_hand_computation():
    pooled = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    scale = torch.tensor(math.log(2.0))
    # logits = 2 * [[1, 0], [0, 2]]; rows: CE([2, 0], 0) and CE([0, 4], 1); columns: the same matrix transposed.
    row = (math.log(1 + math.exp(-2)) + math.log(1 + math.exp(-4))) / 2
    assert contrastive_loss(pooled, text, scale).item() == pytest.approx(row, rel=1e-6)


def test_no_part_logit_makes_a_negative_match_lose_to_the_zero_logit():
    pooled = torch.tensor([[-1.0, 0.0], [0.0, 2.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    scale = torch.tensor(0.0)
    # Mask 0 scores -1 with its text and 0 with the other: rows CE([0, -1, 0], 1) and CE([0, 0, 2], 2);
    # columns (text to mask) as without the zero logit: CE([-1, 0], 0) and CE([0, 2], 1).
    rows = (math.log(2 + math.exp(-1)) + 1) + (math.log(2 + math.exp(2)) - 2)
    cols = (math.log(math.exp(-1) + 1) + 1) + (math.log(1 + math.exp(2)) - 2)
    expected = (rows / 2 + cols / 2) / 2
    assert contrastive_loss(pooled, text, scale, no_part_logit=True).item() == pytest.approx(expected, rel=1e-6)
    assert contrastive_loss(pooled, text, scale, no_part_logit=True) > contrastive_loss(pooled, text, scale)


def test_unseen_part_names_are_more_texts_a_mask_must_beat():
    pooled = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    scale = torch.tensor(math.log(2.0))
    unseen = torch.tensor([[[0.6, 0.8], [1.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]])
    valid = torch.tensor([[True, False], [False, False]])
    # Mask 0's row gains the logit 2 * 0.6 of its one valid unseen name; padding and mask 1's row change nothing.
    rows = math.log(1 + math.exp(-2) + math.exp(1.2 - 2)) + math.log(1 + math.exp(-4))
    cols = math.log(1 + math.exp(-2)) + math.log(1 + math.exp(-4))
    loss = contrastive_loss(pooled, text, scale, unseen=unseen, unseen_valid=valid)
    assert loss.item() == pytest.approx((rows / 2 + cols / 2) / 2, rel=1e-6)
    none = contrastive_loss(pooled, text, scale, unseen=unseen, unseen_valid=torch.zeros(2, 2, dtype=torch.bool))
    assert none.item() == pytest.approx(contrastive_loss(pooled, text, scale).item(), rel=1e-6)


def test_distractor_words_are_more_texts_every_mask_must_beat_unless_close_to_its_own():
    pooled = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    scale = torch.tensor(math.log(2.0))
    words = torch.tensor([[0.6, 0.8], [0.8, 0.6]])
    # Cosines with the texts: mask 0 [0.6, 0.8], mask 1 [0.8, 0.6]. At a 0.7 limit mask 0 keeps word 0 (logit
    # 2 * 0.6) and mask 1 keeps word 1 (logit 2 * 2 * 0.6); the text-to-mask term is unchanged.
    rows = math.log(1 + math.exp(-2) + math.exp(1.2 - 2)) + math.log(1 + math.exp(-4) + math.exp(2.4 - 4))
    cols = math.log(1 + math.exp(-2)) + math.log(1 + math.exp(-4))
    loss = contrastive_loss(pooled, text, scale, distractors=words, distractor_max_similarity=0.7)
    assert loss.item() == pytest.approx((rows / 2 + cols / 2) / 2, rel=1e-6)
    synonyms = contrastive_loss(pooled, text, scale, distractors=words, distractor_max_similarity=0.5)
    assert synonyms.item() == pytest.approx(contrastive_loss(pooled, text, scale).item(), rel=1e-6)


def test_each_point_of_a_mask_ranks_its_own_text_above_its_objects_unseen_names():
    emb = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    table = torch.tensor([[0.0, 1.0], [0.6, 0.8]])  # two unseen names
    mask_unseen = torch.tensor([[0, 1, -1], [-1, -1, -1]])  # mask 0 lacks both; mask 1's object shows every part
    scale = torch.tensor(math.log(2.0))
    # Memberships: points 0 and 1 in mask 0, point 2 in mask 1 (no unseen names: no loss). Logits 2 * [own, t0, t1].
    losses = point_rival_losses(*point_rival_logits(emb, torch.tensor([0, 1, 2]), torch.tensor([0, 0, 1]), text, table,
                                                    mask_unseen, scale))
    expected = [math.log(math.exp(2) + math.exp(0) + math.exp(1.2)) - 2,  # point 0: own 1, unseen 0 and 0.6
                math.log(math.exp(0) + math.exp(2) + math.exp(1.6)) - 0]  # point 1: own 0, unseen 1 and 0.8
    assert losses.tolist() == pytest.approx(expected, rel=1e-6)


def test_each_point_of_a_mask_holds_its_text_above_the_no_part_logit_and_its_unseen_names_under_it():
    emb = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
    text = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])  # each mask's own text
    table = torch.tensor([[0.0, 1.0], [0.6, 0.8], [-1.0, 0.0]])  # three names
    mask_unseen = torch.tensor([[0, 1, -1], [-1, -1, -1], [2, -1, -1]])  # mask 1 shows every part of its object
    scale = torch.tensor(math.log(2.0))
    memberships = (torch.tensor([0, 1, 2]), torch.tensor([0, 0, 2]))  # points 0 and 1 in mask 0, point 2 in mask 2
    losses = absent_part_losses(*point_rival_logits(emb, *memberships, text, table, mask_unseen, scale))
    softplus = lambda x: math.log1p(math.exp(x))  # noqa: E731
    # Logits are 2 * cos; own text against zero, then each rival name against zero.
    expected = [softplus(-2.0) + softplus(0.0) + softplus(1.2),
                softplus(0.0) + softplus(2.0) + softplus(1.6),
                softplus(-2.4) + softplus(-4.0)]
    assert losses.tolist() == pytest.approx(expected, rel=1e-6)


def test_rotation_limits_per_axis_keep_an_upright_object_upright():
    obj = Box(0)
    config = AugmentConfig(rotate=(0.0, 0.0, np.pi), scale=(1.0, 1.0), jitter_sigma=0.0)
    for seed in range(5):
        xyz, _, normals = augment(obj.xyz, obj.rgb, obj.normals, config, np.random.default_rng(seed))
        np.testing.assert_allclose(xyz[:, 2], obj.xyz[:, 2], atol=1e-6)  # heading changes, heights do not
        np.testing.assert_allclose(normals, obj.normals, atol=1e-6)
    assert not np.allclose(xyz[:, :2], obj.xyz[:, :2], atol=1e-3)


def test_augmentation_is_the_same_at_any_object_size():
    """Jitter is relative to the object (Find3D augments unit-size objects): a 20 cm knife gets 1 mm, not 5 mm."""
    obj = Box(0)
    config = AugmentConfig(color_shift=0.0, color_jitter=0.0, color_contrast=0.0)
    big, _, _ = augment(obj.xyz, obj.rgb, obj.normals, config, np.random.default_rng(3))
    small, _, _ = augment(obj.xyz / 10, obj.rgb, obj.normals, config, np.random.default_rng(3))
    np.testing.assert_allclose(small, big / 10, rtol=1e-4, atol=1e-7)
    noise = big - augment(obj.xyz, obj.rgb, obj.normals, AugmentConfig(jitter_sigma=0.0), np.random.default_rng(3))[0]
    assert 0.5 < noise.std() / (0.005 * np.ptp(obj.xyz, axis=0).max()) < 1.5


def test_augment_option_reads_yaml_values_and_refuses_unknown_fields():
    assert TrainConfig(data="d", output="o", augment=False).augment_config is None
    assert TrainConfig(data="d", output="o").augment_config == AugmentConfig()
    config = TrainConfig(data="d", output="o", augment={"rotate": [0.1, 0.2, 3.0], "flip": False}).augment_config
    assert config.rotate == (0.1, 0.2, 3.0) and config.flip is False
    assert TrainConfig(data="d", output="o", augment={"rotate": 0.5}).augment_config.rotate == (0.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="augment.*rotation"):
        TrainConfig(data="d", output="o", augment={"rotation": 1.0})


def test_augmentation_is_rigid_up_to_scale_and_jitter():
    obj = Box(0)
    config = AugmentConfig(jitter_sigma=0.0, color_shift=0.0, color_jitter=0.0, color_contrast=0.0)
    xyz, rgb, normals = augment(obj.xyz, obj.rgb, obj.normals, config, np.random.default_rng(1))
    d_in = np.linalg.norm(obj.xyz[0] - obj.xyz[1:], axis=1)
    d_out = np.linalg.norm(xyz[0] - xyz[1:], axis=1)
    ratio = d_out / d_in
    assert np.allclose(ratio, ratio[0], rtol=1e-4) and 0.9 <= ratio[0] <= 1.1
    np.testing.assert_allclose(np.linalg.norm(normals, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(rgb, obj.rgb)
    r = rotation_matrix(np.array([0.3, -1.0, 2.0]))
    np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-12)
    # Fixed axes, x first: a quarter turn about x takes y to z, then one about z takes that z to z and x to y.
    quarter = np.pi / 2
    np.testing.assert_allclose(rotation_matrix(np.array([quarter, 0.0, quarter])) @ [0, 1, 0], [0, 0, 1], atol=1e-12)
    np.testing.assert_allclose(rotation_matrix(np.array([quarter, 0.0, quarter])) @ [1, 0, 0], [0, 1, 0], atol=1e-12)


def test_batch_carries_masks_onto_kept_points():
    objects = [Box(0), Box(1)]
    batch = make_batch(objects, [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    assert batch.mask_text == ["top", "base", "top", "base"]
    assert batch.offset.tolist()[-1] == len(batch.feat) == len(batch.grid_coord)
    # "top" points have the larger z; the model frame is y-up after Find3D's axis remap, and grid y follows it.
    grid_y = batch.grid_coord[:, 1].float()
    top = grid_y[batch.mask_point[batch.mask_id == 0]]
    base = grid_y[batch.mask_point[batch.mask_id == 1]]
    assert top.min() >= base.max() - 1
    first_size = int(batch.offset[0])
    assert (batch.mask_point[batch.mask_id >= 2] >= first_size).all()  # second object's masks index its own points


def test_batch_lists_each_masks_unseen_parts():
    out_of_view = Box(0, meta={"part_names": ["top", "base", "handle", "lid"], "mask_parts": ["top", "base"]})
    unknown = Box(1)  # a record that does not say which part each mask shows (complete objects)
    batch = make_batch([out_of_view, unknown], [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    assert batch.part_text == ["handle", "lid"]
    assert batch.mask_unseen[:2, :3].tolist() == [[0, 1, -1], [0, 1, -1]]
    assert (batch.mask_unseen[2:] == -1).all() and batch.mask_unseen.shape == (4, MAX_PARTS)


def test_a_masks_rivals_are_the_parts_it_does_not_share_points_with():
    box = Box(0, meta={"part_names": ["top", "base", "handle"], "mask_parts": ["top", "base", "body"]})
    box.masks.append(np.concatenate(box.masks))  # "body": a group over both halves
    box.mask_text.append("body")
    assert rival_parts(box, 0, "unseen") == ["handle"]
    assert rival_parts(box, 0, "object") == ["handle", "base"]
    assert rival_parts(box, 1, "object") == ["handle", "top"]
    assert rival_parts(box, 2, "object") == ["handle"]  # its members share its points; groups are not part names
    assert rival_parts(Box(1), 0, "object") == []  # no record of which part each mask shows
    with pytest.raises(ValueError, match="point_rivals"):
        rival_parts(box, 0, "every")


def test_batch_lists_each_masks_rivals():
    out_of_view = Box(0, meta={"part_names": ["top", "base", "lid"], "mask_parts": ["top", "base"]})
    batch = make_batch([out_of_view, Box(1)], [(0, 0), (0, 1)], PreprocessConfig(num_points=800), point_rivals="object")
    assert batch.part_text == ["lid", "base", "top"]
    assert batch.mask_rivals[:2, :3].tolist() == [[0, 1, -1], [0, 2, -1]]
    assert (batch.mask_rivals[2:] == -1).all()
    assert batch.mask_unseen[:2, :2].tolist() == [[0, -1], [0, -1]]  # the pooled term's negatives stay the unseen
    plain = make_batch([out_of_view, Box(1)], [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    assert torch.equal(plain.mask_rivals, plain.mask_unseen)


@pytest.mark.parametrize(
    "text, category, expected",
    [("the handle of the mug", "mug", "the handle of the item"), ("a mug's handle", "mug", "an item's handle"),
     ("head of a axe", "axe", "head of an item"), ("trash can lid", "trash_can", "item lid"),
     ("handle", "mug", "handle"), ("mugshot", "mug", "mugshot"), ("the lid", "", "the lid")],
)
def test_without_object_name_words_a_part_of_an_unknown_object(text, category, expected):
    assert without_object_name(text, category) == expected


def test_a_share_of_mask_texts_lose_their_object_name_and_the_rest_of_the_batch_stays():
    mugs = [Box(k, meta={"category": "mug"}) for k in range(6)]
    for box in mugs:
        box.mask_text = ["the top of the mug", "mug base"]
    seeds = [(0, k) for k in range(6)]
    plain = make_batch(mugs, seeds, PreprocessConfig(num_points=800))
    every = make_batch(mugs, seeds, PreprocessConfig(num_points=800), generic_object_share=1.0)
    some = make_batch(mugs, seeds, PreprocessConfig(num_points=800), generic_object_share=0.5)
    assert plain.mask_text == ["the top of the mug", "mug base"] * 6
    assert every.mask_text == ["the top of the item", "item base"] * 6
    assert 0 < sum("item" in t for t in some.mask_text) < 12
    assert torch.equal(every.feat, plain.feat) and torch.equal(every.mask_point, plain.mask_point)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, procedural_jobs

    root = tmp_path_factory.mktemp("data") / "proc"
    build_dataset(procedural_jobs(4, seed=0), root, EngineConfig(thumb_size=0, n_points=1500), shard_size=2,
                  progress=False)
    return root


@pytest.fixture(scope="module")
def captures(tmp_path_factory):
    """Robot captures of mugs, whose handle or bottom is often out of view."""
    from find3d_core.engine.capture import CaptureConfig
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, capture_jobs

    root = tmp_path_factory.mktemp("data") / "captures"
    build_dataset(capture_jobs(2, ["mug"], seed=3), root,
                  EngineConfig(capture=CaptureConfig(width=320, height=240, distance=(0.3, 0.6)), phrasing="vlm"),
                  progress=False)
    return root


def config(dataset, output, steps, **extra) -> TrainConfig:
    return TrainConfig(data=str(dataset), output=str(output), backbone=TINY_BACKBONE,
                       preprocess={"num_points": 800}, batch_size=2, steps=steps, checkpoint_every=2, **extra)


def test_resume_after_a_stop_equals_an_uninterrupted_run(dataset, tmp_path):
    from find3d_core.training.trainer import Trainer

    threads = torch.get_num_threads()
    whole = Trainer(config(dataset, tmp_path / "whole", 4, deterministic=True))
    whole.train()
    Trainer(config(dataset, tmp_path / "split", 4, deterministic=True)).train(until=2)  # killed after step 2
    second = Trainer(config(dataset, tmp_path / "split", 4, deterministic=True))
    assert second.resume_if_possible() and second.step == 2
    second.train()
    torch.use_deterministic_algorithms(False)
    torch.set_num_threads(threads)
    for key, value in whole.model.state_dict().items():
        assert torch.equal(second.model.state_dict()[key], value), key


def test_training_a_tiny_model_lowers_the_loss(dataset, tmp_path):
    from find3d_core.training.trainer import Trainer

    trainer = Trainer(config(dataset, tmp_path / "run", 12, lr=3e-3, lr_min=3e-3, augment=False))
    first = trainer.train_step()
    for _ in range(10):
        last = trainer.train_step()
    assert last < first * 0.8


def test_unseen_part_negatives_add_to_the_loss_of_records_with_parts_out_of_view(dataset, tmp_path):
    from find3d_core.training.trainer import Trainer

    objects = [Box(0, meta={"part_names": ["top", "base", "handle"], "mask_parts": ["top", "base"]}), Box(1)]
    batch = make_batch(objects, [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    plain = Trainer(config(dataset, tmp_path / "plain", 1))
    hard = Trainer(config(dataset, tmp_path / "hard", 1, unseen_part_negatives=True))
    points = Trainer(config(dataset, tmp_path / "points", 1, unseen_point_weight=1.0))
    for trainer in (plain, hard, points):  # same initial weights (same seed); eval mode: no stochastic depth
        trainer.model.eval()
    assert hard.batch_loss(batch).item() > plain.batch_loss(batch).item()
    assert points.batch_loss(batch).item() > plain.batch_loss(batch).item()
    none_unseen = make_batch([Box(0), Box(1)], [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    for trainer in (hard, points):
        assert trainer.batch_loss(none_unseen).item() == pytest.approx(plain.batch_loss(none_unseen).item(), rel=1e-6)
    absent = Trainer(config(dataset, tmp_path / "absent", 1, unseen_point_weight=1.0, absent_point_weight=2.0))
    absent.model.eval()
    assert absent.batch_loss(batch).item() > points.batch_loss(batch).item()
    assert absent.batch_loss(none_unseen).item() == pytest.approx(plain.batch_loss(none_unseen).item(), rel=1e-6)


def test_object_rivals_rank_each_point_against_the_parts_in_view_too(captures, tmp_path):
    from find3d_core.training.trainer import Trainer

    all_in_view = Box(0, meta={"part_names": ["top", "base"], "mask_parts": ["top", "base"]})
    seeds = [(0, 0)]
    unseen = make_batch([all_in_view], seeds, PreprocessConfig(num_points=800))
    rivals = make_batch([all_in_view], seeds, PreprocessConfig(num_points=800), point_rivals="object")
    plain = Trainer(config(captures, tmp_path / "plain", 1))
    points = Trainer(config(captures, tmp_path / "points", 1, unseen_point_weight=1.0, point_rivals="object"))
    for trainer in (plain, points):
        trainer.model.eval()
    assert points.batch_loss(unseen).item() == pytest.approx(plain.batch_loss(unseen).item(), rel=1e-6)
    assert points.batch_loss(rivals).item() > plain.batch_loss(rivals).item()
    # The recipe's choice reaches the batches a training step builds: same weights and data, another loss.
    torch.manual_seed(0)
    by_unseen = Trainer(config(captures, tmp_path / "u", 1, unseen_point_weight=1.0, deterministic=True))
    torch.manual_seed(0)
    by_object = Trainer(config(captures, tmp_path / "o", 1, unseen_point_weight=1.0, point_rivals="object",
                               deterministic=True))
    assert by_object.train_step() > by_unseen.train_step()


def test_distractor_words_are_drawn_per_step_and_raise_the_loss(dataset, tmp_path):
    from find3d_core.training.trainer import Trainer

    words = tmp_path / "words.txt"
    words.write_text("# common words\nbanana\nriver\n\nmusic\nriver\nplanet\nsymphony\n")
    plain = Trainer(config(dataset, tmp_path / "plain", 1))
    distracted = Trainer(config(dataset, tmp_path / "words", 1, distractors=3, distractor_words=str(words),
                                distractor_max_similarity=1.0))
    bank = distracted.distractor_bank
    assert bank is not None and bank.words == ["banana", "river", "music", "planet", "symphony"]
    first = bank.draw(3, (0, 0))
    assert first.shape == (3, 384) and torch.equal(first, bank.draw(3, (0, 0)))
    assert len({tuple(row.tolist()) for row in first}) == 3  # distinct words
    assert not all(torch.equal(first, bank.draw(3, (0, step))) for step in range(1, 6))
    assert bank.draw(50, (0, 0)).shape == (5, 384)  # no more than the list holds
    batch = make_batch([Box(0), Box(1)], [(0, 0), (0, 1)], PreprocessConfig(num_points=800))
    for trainer in (plain, distracted):
        trainer.model.eval()
    assert distracted.batch_loss(batch).item() > plain.batch_loss(batch).item()
    with pytest.raises(ValueError, match="distractor_words"):
        config(dataset, tmp_path / "none", 1, distractors=3)
    with pytest.raises(FileNotFoundError, match="distractor_words.py"):
        Trainer(config(dataset, tmp_path / "missing", 1, distractors=3, distractor_words=str(tmp_path / "no.txt")))


def test_two_processes_match_one_process_on_the_same_global_batch(dataset, captures, tmp_path):
    """torchrun with 2 CPU processes (gloo) computes the same losses and weights as one process, unseen-part
    negatives of robot captures (pooled and per point) included."""
    import subprocess
    import sys

    import yaml

    from find3d_core.engine.shards import iter_objects
    from find3d_core.training.batching import unseen_parts

    assert any(unseen_parts(rec) for rec in iter_objects(captures))
    backbone = dict(TINY_BACKBONE, drop_path=0.0)  # stochastic depth draws differ per process by design
    runs = {}
    for world in (1, 2):
        cfg = config(dataset, tmp_path / f"world{world}", 3, deterministic=True, unseen_part_negatives=True,
                     unseen_point_weight=0.5)
        cfg.data = [str(dataset), str(captures)]
        cfg.backbone = backbone
        path = tmp_path / f"world{world}.yaml"
        path.write_text(yaml.safe_dump(cfg.to_dict()))
        launcher = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(world),
                    "--master_port", str(29500 + world)]
        done = subprocess.run([*launcher, "-m", "find3d_core.cli", "train", str(path)], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        runs[world] = (tmp_path / f"world{world}")
    import csv

    losses = {w: [float(r["loss"]) for r in csv.DictReader((d / "log.csv").open()) if r["loss"]] for w, d in runs.items()}
    assert len(losses[1]) == 3 and losses[2] == pytest.approx(losses[1], rel=1e-5)
    from safetensors.torch import load_file

    one, two = (load_file(str(runs[w] / "model.safetensors")) for w in (1, 2))
    # Biases are left out: several have zero true gradient (a shift that a later BatchNorm or the softmax removes),
    # and Adam turns the float noise in such a gradient into lr-sized steps. The same happens to the odd weight
    # element whose gradient is near zero, so every weight matrix must agree except for a few such elements, and
    # those by no more than Adam's steps (3 steps of at most lr each).
    lr = TrainConfig(data="d", output="o").lr
    for key in one:
        if not key.endswith(".bias"):
            diff = (two[key] - one[key]).abs()
            off = diff > 2e-5 + 1e-4 * one[key].abs()
            assert off.sum() <= max(2, off.numel() // 1000) and diff.max() <= 3 * lr, key


def test_a_run_can_start_from_a_trained_checkpoint_and_mix_data_folders(dataset, captures, tmp_path):
    from find3d_core.training.trainer import Trainer

    first = Trainer(config(dataset, tmp_path / "first", 2))
    first.train()
    mixed = config(dataset, tmp_path / "second", 2, init=str(tmp_path / "first" / "model.safetensors"))
    mixed.data = [str(dataset), str(captures)]
    mixed.query_templates = "vlm-ensemble"
    second = Trainer(mixed)
    assert not second.resume_if_possible()  # a fresh run folder: starts from `init`, step 0
    for key, value in first.model.state_dict().items():
        assert torch.allclose(second.model.state_dict()[key], value), key
    assert second.stream.num_objects > first.stream.num_objects
    second.train()
    assert checkpoint_info(tmp_path / "first" / "model.safetensors").query_templates == FIND3D_QUERY
    assert checkpoint_info(tmp_path / "second" / "model.safetensors").query_templates == VLM_QUERY_ENSEMBLE
    other = config(dataset, tmp_path / "third", 2, init=str(tmp_path / "first" / "model.safetensors"))
    other.backbone = {**TINY_BACKBONE, "enc_channels": [8, 32]}
    with pytest.raises(ValueError, match="another architecture"):
        Trainer(other).resume_if_possible()
