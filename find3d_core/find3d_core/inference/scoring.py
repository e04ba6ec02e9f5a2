"""Find3D's scoring rule: point embedding . text embedding, with a zero "no part" logit in front."""

from __future__ import annotations

import torch


def query_logits(embeddings: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
    """(M, D) point embeddings, (Q, D) normalised text embeddings -> (M, Q) raw logits (the heatmaps)."""
    return embeddings.float() @ text.float().T


def assign_labels(
    logits: torch.Tensor, score_threshold: float = 0.0, every_point: bool = False
) -> tuple[torch.Tensor, torch.Tensor]:
    """Winning query per point (-1 = none) and its softmax probability over ["no part", queries...].

    A point whose every query logit is below 0 loses to the zero logit and stays unlabelled; a point whose winning
    probability is below `score_threshold` is also left unlabelled. `every_point` drops the zero logit, so every
    point gets its best query (Find3D's "panoptic" evaluation, for datasets where every point has a part).
    """
    if not every_point:
        logits = torch.cat([logits.new_zeros(logits.shape[0], 1), logits], dim=1)
    probs = torch.softmax(logits, dim=1)
    score, winner = probs.max(dim=1)
    labels = winner if every_point else winner - 1
    labels[score < score_threshold] = -1
    return labels, score
