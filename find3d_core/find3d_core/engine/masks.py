"""Mask sources: cut one render into candidate part masks.

Two sources behind one interface, `source.masks(view, asset) -> list[Proposal]`:
  OracleMasks  the asset's own parts (procedural labels, sub-meshes) and coarser groups, with their names
               as hints; for assets that carry their parts.
  SamMasks     Segment Anything's automatic masks, by prompting a `SamPredictor` with a point grid
               (Find3D: 20x20 points, predicted-IoU and stability thresholds 0.75, one crop layer, small
               regions under 350 px removed, masks over 20% of the image or under 350 px dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy import ndimage

from find3d_core.engine.assets import Asset
from find3d_core.engine.views import View


@dataclass
class Proposal:
    """A candidate mask (h, w) bool; `hint` is a known part/group name (oracle) or None; `score` its quality."""

    mask: np.ndarray
    hint: str | None = None
    score: float = 1.0


class MaskSource(Protocol):
    name: str

    def masks(self, view: View, asset: Asset) -> list[Proposal]: ...


class OracleMasks:
    """One mask per visible part and per visible group of parts (a second granularity)."""

    name = "oracle"

    def __init__(self, min_area: int = 30, groups: bool = True) -> None:
        self.min_area, self.groups = min_area, groups

    def masks(self, view: View, asset: Asset) -> list[Proposal]:
        obj = asset.obj
        counts = np.bincount(view.part[view.hit], minlength=len(obj.part_names))
        out = [Proposal(view.part == p, name) for p, name in enumerate(obj.part_names) if counts[p] >= self.min_area]
        if self.groups:
            for g, parts in obj.groups.items():
                ids = [obj.part_names.index(p) for p in parts]
                if counts[ids].sum() >= self.min_area and (counts[ids] > 0).sum() >= 1:
                    out.append(Proposal(np.isin(view.part, ids), g))
        return out


@dataclass(frozen=True)
class SamConfig:
    """Automatic-mask settings (defaults: Find3D's)."""

    points_per_side: int = 20
    points_per_batch: int = 64
    pred_iou_thresh: float = 0.75
    stability_score_thresh: float = 0.75
    stability_score_offset: float = 1.0
    box_nms_thresh: float = 0.7
    crop_n_layers: int = 1
    crop_nms_thresh: float = 0.7
    crop_overlap_ratio: float = 512 / 1500
    min_region_area: int = 350  # holes and islands smaller than this are removed from each mask
    min_area: int = 350  # masks smaller than this are dropped...
    max_fraction: float = 0.2  # ...and so are masks larger than this fraction of the image
    min_object_fraction: float = 0.5  # and masks that lie mostly on the background


class SamMasks:
    """SAM automatic masks from a point grid, driven through any object with `SamPredictor`'s interface.

    `predictor` needs `set_image(image)`, `predict_torch(point_coords, point_labels, multimask_output=True,
    return_logits=True) -> (masks, iou_predictions, low_res)` and `transform.apply_coords(coords, hw)`.
    """

    name = "sam"

    def __init__(self, predictor: Any, config: SamConfig = SamConfig(), mask_threshold: float = 0.0) -> None:
        self.predictor, self.config, self.mask_threshold = predictor, config, mask_threshold

    @classmethod
    def from_checkpoint(cls, model_type: str, checkpoint: str | Path, device: str = "cpu",
                        config: SamConfig = SamConfig()) -> SamMasks:
        """Load SAM (`vit_h`, `vit_l`, `vit_b`) weights that the user has on disk."""
        build = _sam_builder(model_type)
        if not Path(checkpoint).is_file():
            raise FileNotFoundError(f"SAM checkpoint {checkpoint} not found (download sam_{model_type}_*.pth yourself)")
        return cls._build(build(checkpoint=str(checkpoint)), device, config)

    @classmethod
    def untrained(cls, model_type: str, seed: int = 0, device: str = "cpu",
                  config: SamConfig = SamConfig()) -> SamMasks:
        """SAM's real architecture with seeded random weights (no download): for tests and timing, not for labels."""
        import torch

        build = _sam_builder(model_type)
        torch.manual_seed(seed)
        return cls._build(build(), device, config)

    @classmethod
    def _build(cls, sam: Any, device: str, config: SamConfig) -> SamMasks:
        from segment_anything import SamPredictor

        sam = sam.to(device)
        return cls(SamPredictor(sam), config, float(sam.mask_threshold))

    def masks(self, view: View, asset: Asset | None = None) -> list[Proposal]:
        import torch
        from segment_anything.utils import amg
        from torchvision.ops import batched_nms

        cfg, image = self.config, view.image
        h, w = image.shape[:2]
        crop_boxes, layer_idxs = amg.generate_crop_boxes((h, w), cfg.crop_n_layers, cfg.crop_overlap_ratio)
        all_masks, all_scores, all_boxes, all_crop_area = [], [], [], []
        for crop, layer in zip(crop_boxes, layer_idxs):
            masks, scores = self._crop_masks(image, crop, layer)
            if len(masks) == 0:
                continue
            all_masks.append(masks)
            all_scores.append(scores)
            all_boxes.append(amg.batched_mask_to_box(masks))
            x0, y0, x1, y1 = crop
            all_crop_area.append(torch.full((len(masks),), float((x1 - x0) * (y1 - y0))))
        if not all_masks:
            return []
        masks, boxes = torch.cat(all_masks), torch.cat(all_boxes).float()
        scores = torch.cat(all_scores)
        if len(crop_boxes) > 1:
            # Across crops, prefer masks from smaller crops (they saw the part at a higher resolution).
            keep = batched_nms(boxes, 1.0 / torch.cat(all_crop_area), torch.zeros(len(boxes)), cfg.crop_nms_thresh)
            masks, scores = masks[keep], scores[keep]
        out = []
        hit = view.hit
        for m, s in zip(masks.numpy(), scores.numpy()):
            m = _remove_small_regions(m, cfg.min_region_area)
            area = int(m.sum())
            if area < cfg.min_area or area > cfg.max_fraction * h * w:
                continue
            if (m & hit).sum() < cfg.min_object_fraction * area:
                continue
            out.append(Proposal(m, None, float(s)))
        return out

    def _crop_masks(self, image: np.ndarray, crop: list[int], layer: int):
        """Binary masks (n, h, w) in full-image coordinates and their predicted IoU, for one crop."""
        import torch
        from segment_anything.utils import amg
        from torchvision.ops import batched_nms

        cfg = self.config
        x0, y0, x1, y1 = crop
        h, w = image.shape[:2]
        crop_img = np.ascontiguousarray(image[y0:y1, x0:x1])
        ch, cw = crop_img.shape[:2]
        self.predictor.set_image(crop_img)
        grid = amg.build_point_grid(cfg.points_per_side) * np.array([[cw, ch]])
        masks_out, scores_out = [], []
        for (pts,) in amg.batch_iterator(cfg.points_per_batch, grid):
            coords = torch.as_tensor(self.predictor.transform.apply_coords(pts, (ch, cw)), dtype=torch.float32)
            labels = torch.ones(len(pts), dtype=torch.int64)
            logits, iou, _ = self.predictor.predict_torch(coords[:, None, :], labels[:, None],
                                                          multimask_output=True, return_logits=True)
            logits, iou = logits.flatten(0, 1).float().cpu(), iou.flatten(0, 1).float().cpu()
            keep = iou > cfg.pred_iou_thresh
            logits, iou = logits[keep], iou[keep]
            stab = amg.calculate_stability_score(logits, self.mask_threshold, cfg.stability_score_offset)
            keep = stab >= cfg.stability_score_thresh
            binary = logits[keep] > self.mask_threshold
            iou = iou[keep]
            boxes = amg.batched_mask_to_box(binary)
            # Masks cut by the crop's edge are partial views of something larger: drop them.
            keep = ~amg.is_box_near_crop_edge(boxes, list(crop), [0, 0, w, h])
            masks_out.append(binary[keep])
            scores_out.append(iou[keep])
        masks, scores = torch.cat(masks_out), torch.cat(scores_out)
        if len(masks):
            keep = batched_nms(amg.batched_mask_to_box(masks).float(), scores, torch.zeros(len(masks)), cfg.box_nms_thresh)
            masks, scores = masks[keep], scores[keep]
        return amg.uncrop_masks(masks, list(crop), h, w), scores


def _sam_builder(model_type: str) -> Any:
    """segment-anything's builder for `model_type` (it makes the model, loading a checkpoint if given one)."""
    try:
        from segment_anything import sam_model_registry
    except ImportError as err:
        raise ValueError("SAM masks need the `segment-anything` package: pip install segment-anything") from err
    if model_type not in sam_model_registry:
        raise ValueError(f"unknown SAM model type {model_type!r}; use one of {sorted(sam_model_registry)}")
    return sam_model_registry[model_type]


def _remove_small_regions(mask: np.ndarray, min_area: int) -> np.ndarray:
    """Fill holes and drop islands smaller than `min_area` px (SAM's post-processing, with scipy)."""
    if min_area <= 0:
        return mask
    out = mask.copy()
    for target in (False, True):  # holes first, then islands
        labels, n = ndimage.label(out == target)
        if n == 0:
            continue
        sizes = np.bincount(labels.ravel(), minlength=n + 1)
        small = np.zeros(n + 1, dtype=bool)
        small[1:] = sizes[1:] < min_area
        if target is False:
            # A "hole" touching the image border is background, not a hole.
            border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
            small[border] = False
        out[small[labels]] = not target
    return out
