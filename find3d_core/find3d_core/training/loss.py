"""Find3D's contrastive loss: mask-pooled point embeddings against the masks' label texts (CLIP-style)."""

from __future__ import annotations

import torch
from torch.nn import functional as F


def pool_masks(embeddings: torch.Tensor, mask_point: torch.Tensor, mask_id: torch.Tensor, num_masks: int) -> torch.Tensor:
    """Mean of the point embeddings over each mask.

    `mask_point[i]` is a point of mask `mask_id[i]` (a point may belong to several masks). -> (num_masks, D).
    """
    sums = embeddings.new_zeros(num_masks, embeddings.shape[1]).index_add_(0, mask_id, embeddings[mask_point])
    counts = torch.bincount(mask_id, minlength=num_masks).clamp(min=1).to(embeddings.dtype)
    return sums / counts[:, None]


def contrastive_loss(
    pooled: torch.Tensor,
    text: torch.Tensor,
    ln_logit_scale: torch.Tensor,
    no_part_logit: bool = False,
    unseen: torch.Tensor | None = None,
    unseen_valid: torch.Tensor | None = None,
    distractors: torch.Tensor | None = None,
    distractor_max_similarity: float = 0.5,
) -> torch.Tensor:
    """Symmetric cross-entropy over every mask-text pair of the batch; the i-th mask matches the i-th text.

    logits = exp(scale) * pooled @ text.T, with `text` L2-normalised and `pooled` not (as Find3D).

    Find3D's loss only ranks texts against each other, so the level of a mask's logits is free, yet inference
    prepends a zero "no part" logit and leaves points whose every logit is below it unlabelled. With
    `no_part_logit` the mask-to-text term also competes with that zero logit, so a mask's own text learns to beat it
    (the rule inference applies); the text-to-mask term is unchanged.

    `unseen` (K, N, D), where `unseen_valid` (K, N) is true, holds the names of parts the i-th mask's object has but
    its view does not show: more texts its own must beat in the mask-to-text term. A robot capture is queried with
    all of its object's part names; without these, nothing teaches the model that a part out of view is not the one
    in view, and the batch's other objects rarely share its parts.

    `distractors` (W, D), unit rows, are words from outside the data's vocabulary (`distractors.py`): more texts every
    mask's own must beat in the mask-to-text term, except those whose cosine with its own text exceeds
    `distractor_max_similarity` (a synonym of the right answer is not a wrong one).
    """
    scale = ln_logit_scale.exp()
    logits = scale * pooled.float() @ text.float().T
    target = torch.arange(len(logits), device=logits.device)
    mask_to_text = logits
    if unseen is not None and unseen_valid is not None:
        hard = scale * torch.einsum("kd,knd->kn", pooled.float(), unseen.float())
        mask_to_text = torch.cat([mask_to_text, hard.masked_fill(~unseen_valid, float("-inf"))], dim=1)
    if distractors is not None:
        too_close = text.float() @ distractors.float().T > distractor_max_similarity
        words = scale * pooled.float() @ distractors.float().T
        mask_to_text = torch.cat([mask_to_text, words.masked_fill(too_close, float("-inf"))], dim=1)
    if no_part_logit:
        mask_to_text = torch.cat([logits.new_zeros(len(logits), 1), mask_to_text], dim=1)
    return (F.cross_entropy(mask_to_text, target + int(no_part_logit)) + F.cross_entropy(logits.T, target)) / 2


def point_rival_logits(
    embeddings: torch.Tensor,
    mask_point: torch.Tensor,
    mask_id: torch.Tensor,
    text: torch.Tensor,
    name_table: torch.Tensor,
    mask_rivals: torch.Tensor,
    ln_logit_scale: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Over the (point, mask) memberships of masks with rival part names: scaled logits for the mask's own text (P',)
    and for its rival names (P', N), -inf where a mask has fewer rivals than N. The per-point terms below read them.

    `text` (K, D) holds each mask's text, `name_table` (T, D) the rival names, `mask_rivals` (K, N) indexes of each
    mask's rivals in it (-1: none). Which names are a mask's rivals (its object's parts out of view, or every other
    part too) is the batcher's choice (`rival_parts`).
    """
    valid = mask_rivals >= 0
    keep = valid.any(1)[mask_id]
    point, mask = mask_point[keep], mask_id[keep]
    emb, scale = embeddings[point].float(), ln_logit_scale.exp()
    own = scale * (emb * text[mask].float()).sum(1)
    to_table = scale * emb @ name_table.float().T  # (P', T): a few dozen names, not (P', N, D) copies
    rivals = to_table.gather(1, mask_rivals[mask].clamp(min=0)).masked_fill(~valid[mask], float("-inf"))
    return own, rivals


def point_rival_losses(own: torch.Tensor, rivals: torch.Tensor) -> torch.Tensor:
    """Per point membership (`point_rival_logits`): its own mask's text against its rival names.

    The pooled term of `contrastive_loss` ranks a mask's *mean* embedding above other texts, yet inference labels
    points one by one among an object's queried parts: a few points of a handle-less view that vote "handle" still
    zero the handle's IoU. This term asks each point for the ranking inference applies to it. -> (P',) cross-entropies.
    """
    logits = torch.cat([own[:, None], rivals], dim=1)
    return F.cross_entropy(logits, torch.zeros(len(logits), dtype=torch.long, device=logits.device), reduction="none")


def absent_part_losses(own: torch.Tensor, rivals: torch.Tensor) -> torch.Tensor:
    """Per point membership (`point_rival_logits`): its own text above the zero "no part" logit and each rival under it.

    `point_rival_losses` only ranks a point's own text above its rivals, so a part out of view may still score above
    zero on points whose own part scores higher, and win the regions where its own part is weak: whole regions of a
    new object go to parts the view does not show. Inference leaves a point unlabelled when every query is under
    zero, so a name held under zero at every point of its object wins no point of it: the decision that a queried
    part is out of view, asked of every point. Its own text is held above zero at the same time, or the points of
    parts in view would go unlabelled too. -> (P',) softplus(-own logit) + the sum over its rivals of softplus(rival
    logit), each a binary cross-entropy against the zero logit.
    """
    return F.softplus(-own) + F.softplus(rivals).sum(dim=1)  # softplus(-inf) = 0: padding rivals add nothing
