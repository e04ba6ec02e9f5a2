"""Logit smoothing: isolated wrong points take their region's label, clean regions keep theirs (the predictor's use:
test_predictor.py)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from find3d_core.inference.smoothing import NO_SMOOTHING, LogitSmoothing, smooth_logits


def two_blobs(rng: np.random.Generator, n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """Points of two well-separated boxes and their true part (0 left, 1 right)."""
    truth = (np.arange(n) >= n // 2).astype(np.int64)
    xyz = rng.uniform(0.0, 0.1, (n, 3)) + truth[:, None] * np.array([0.3, 0.0, 0.0])
    return xyz.astype(np.float32), truth


def test_isolated_wrong_points_take_their_regions_label():
    rng = np.random.default_rng(0)
    xyz, truth = two_blobs(rng)
    logits = torch.from_numpy(np.eye(2, dtype=np.float32)[truth] * 2.0 - 1.0)
    flipped = rng.choice(len(xyz), 60, replace=False)  # 6% salt noise, scattered
    logits[flipped] = logits[flipped].flip(1)
    smoothed = smooth_logits(logits, xyz, LogitSmoothing(neighbours=16, rounds=3))
    assert (logits.argmax(1).numpy() == truth).mean() == pytest.approx(0.94)
    assert (smoothed.argmax(1).numpy() == truth).all()
    # Averaging keeps the logits' scale where the neighbourhood agrees: no drift towards zero in clean regions.
    clean = np.setdiff1d(np.arange(len(xyz)), flipped)
    assert smoothed[clean].abs().max(1).values.min() > 0.5


def test_no_smoothing_and_tiny_inputs_leave_logits_untouched():
    logits = torch.randn(50, 3)
    xyz = np.random.default_rng(1).uniform(size=(50, 3))
    assert torch.equal(smooth_logits(logits, xyz, NO_SMOOTHING), logits)
    assert torch.equal(smooth_logits(logits[:1], xyz[:1], LogitSmoothing()), logits[:1])
    few = smooth_logits(logits[:5], xyz[:5], LogitSmoothing(neighbours=16, rounds=1))  # k capped at the point count
    torch.testing.assert_close(few, 0.5 * (logits[:5] + logits[:5].mean(0)))


@pytest.mark.parametrize("neighbours, rounds", [(0, 1), (4, -1)])
def test_bad_settings_are_refused(neighbours, rounds):
    with pytest.raises(ValueError, match="smoothing needs"):
        LogitSmoothing(neighbours, rounds)
