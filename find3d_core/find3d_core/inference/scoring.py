"""Find3D's scoring rule: point embedding . text embedding, with a zero "no part" logit in front."""

from __future__ import annotations

import torch


def query_logits(embeddings: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
    """(M, D) point embeddings, (Q, D) normalised text embeddings -> (M, Q) raw logits (the heatmaps)."""
    return embeddings.float() @ text.float().T


def assign_labels(
    logits: torch.Tensor, score_threshold: float = 0.0, every_point: bool = False, min_part_fraction: float = 0.0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Winning query per point (-1 = none) and its softmax probability over ["no part", queries...].

    A point whose every query logit is below 0 loses to the zero logit and stays unlabelled; a point whose winning
    probability is below `score_threshold` is also left unlabelled. `every_point` drops the zero logit, so every
    point gets its best query (Find3D's "panoptic" evaluation, for datasets where every point has a part).
    `min_part_fraction`: a query that wins fewer than this fraction of the points is taken as out of view and its
    points go to their next-best query (smallest first, until every query left wins enough or none).
    """
    absent = _absent_queries(logits, min_part_fraction, every_point) if min_part_fraction > 0 else None
    if absent is not None and bool(absent.any()):
        logits = logits.masked_fill(absent, float("-inf"))
    if not every_point:
        logits = torch.cat([logits.new_zeros(logits.shape[0], 1), logits], dim=1)
    probs = torch.softmax(logits, dim=1)
    score, winner = probs.max(dim=1)
    labels = winner if every_point else winner - 1
    labels[score < score_threshold] = -1
    return labels, score


def _absent_queries(logits: torch.Tensor, min_part_fraction: float, every_point: bool) -> torch.Tensor:
    """(Q,) queries dropped by `assign_labels`' min_part_fraction rule: a part-level "not in view" decision.

    Per-point ranking alone lets a part the view does not show take a few scattered points, which costs a whole
    part's IoU; dropping the smallest winner and re-ranking repeats until each query left holds enough points.
    """
    num_points, num_queries = logits.shape
    absent = torch.zeros(num_queries, dtype=torch.bool, device=logits.device)
    for _ in range(num_queries - 1):  # always keep one query
        masked = logits.masked_fill(absent, float("-inf"))
        winner = masked.argmax(dim=1)
        if not every_point:
            winner = winner[masked.max(dim=1).values > 0]  # points that "no part" wins hold no query
        counts = torch.bincount(winner, minlength=num_queries).float().masked_fill(absent, float("inf"))
        small = counts < min_part_fraction * num_points
        if not bool(small.any()):
            break
        absent[int(counts.argmin())] = True
    return absent
