"""Turn labelled objects (data-engine records) into a training batch for the network and the loss."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import torch

from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.preprocess import PreprocessConfig, preprocess
from find3d_core.text.queries import GENERIC_OBJECT
from find3d_core.training.augment import AugmentConfig, augment


class LabelledObject(Protocol):
    """What the batcher reads of a record (`find3d_core.engine.shards.ObjectRecord` has it)."""

    xyz: np.ndarray
    rgb: np.ndarray
    normals: np.ndarray
    masks: list[np.ndarray]
    mask_text: list[str]
    meta: dict  # "part_names" and "mask_parts" (robot captures) tell which of the object's parts the record shows


MAX_PARTS = 16  # width of the per-mask part-name rows below (a catalogue object has at most 16 parts)
POINT_RIVALS = ("unseen", "object")  # which names the per-point loss term ranks a point's own text above


@dataclass
class Batch:
    feat: torch.Tensor  # (M, 6) model input of every object, concatenated
    grid_coord: torch.Tensor  # (M, 3)
    offset: torch.Tensor  # (B,) cumulative point counts
    mask_point: torch.Tensor  # (P,) model-point index of each (point, mask) membership
    mask_id: torch.Tensor  # (P,) its mask, 0..K-1 over the batch
    mask_text: list[str]  # (K,) label text of each mask
    mask_unseen: torch.Tensor  # (K, MAX_PARTS) index into `part_text` of its object's parts out of view, -1 = none
    mask_rivals: torch.Tensor  # (K, MAX_PARTS) index into `part_text` of the parts its points must not vote for
    part_text: list[str]  # bare part names that the two tables above index

    @property
    def num_masks(self) -> int:
        return len(self.mask_text)

    def to(self, device: torch.device) -> Batch:
        move = {k: v.to(device) for k, v in vars(self).items() if isinstance(v, torch.Tensor)}
        return Batch(**move, mask_text=self.mask_text, part_text=self.part_text)


def unseen_parts(obj: LabelledObject) -> list[str]:
    """The object's part names that none of its masks shows (parts out of view in a robot capture); empty for
    records that do not say which part each mask shows."""
    shown = obj.meta.get("mask_parts")
    if shown is None:
        return []
    return [name for name in obj.meta.get("part_names", []) if name not in shown][:MAX_PARTS]


def rival_parts(obj: LabelledObject, mask: int, point_rivals: str) -> list[str]:
    """The part names that the points of mask `mask` must rank below its own text.

    "unseen": its object's parts out of view (`unseen_parts`). "object": those and every part in view whose mask
    shares no point with it, which is the choice inference makes for each point among an object's queried parts.
    A group mask ("base" over "leg" and "foot") keeps its members out of its rivals, and a member keeps its groups out:
    their masks overlap. Records that do not say which part each mask shows have none.
    """
    if point_rivals not in POINT_RIVALS:
        raise ValueError(f"unknown point_rivals {point_rivals!r}; known: {list(POINT_RIVALS)}")
    unseen = unseen_parts(obj)
    if point_rivals == "unseen" or obj.meta.get("mask_parts") is None:
        return unseen
    shown, names = obj.meta["mask_parts"], set(obj.meta.get("part_names", []))
    in_view = [name for other, name in enumerate(shown) if other != mask and name in names and name != shown[mask]
               and not np.intersect1d(obj.masks[mask], obj.masks[other]).size]
    return (unseen + in_view)[:MAX_PARTS]


def _table_row(names: list[str], table: dict[str, int]) -> np.ndarray:
    """`names` as indexes into `table` (added as met), padded with -1 to MAX_PARTS."""
    row = np.full(MAX_PARTS, -1)
    row[: len(names)] = [table.setdefault(name, len(table)) for name in names]
    return row


def without_object_name(text: str, category: str) -> str:
    """`text` with a generic noun in place of its object's name, as a VLM words a part of an object it does not
    recognise: "the handle of the mug" -> "the handle of the item", "a mug's handle" -> "an item's handle"."""
    name = re.escape(category.replace("_", " ").strip())
    if not name:
        return text
    text = re.sub(rf"\ban? {name}\b", f"an {GENERIC_OBJECT}", text)
    return re.sub(rf"\b{name}\b", GENERIC_OBJECT, text)


def make_batch(
    objects: Sequence[LabelledObject],
    seeds: Sequence[Sequence[int]],
    preprocess_config: PreprocessConfig | None = None,
    augment_config: AugmentConfig | None = None,
    generic_object_share: float = 0.0,
    point_rivals: str = "unseen",
) -> Batch:
    """Augment (if configured), preprocess each object, and carry its masks onto the kept model points.

    `seeds[i]` seeds object i's randomness (augmentation, resampling, texts), so a batch is the same whichever process
    or run builds it. `generic_object_share`: the share of mask texts whose object name becomes a generic noun
    (`without_object_name`; the record's `meta["category"]` names the object). `point_rivals`: see `rival_parts`.
    """
    config = preprocess_config or PreprocessConfig()
    feats, grids, sizes, points, ids, unseen_rows, rival_rows = [], [], [], [], [], [], []
    texts: list[str] = []
    part_text: dict[str, int] = {}
    start = 0
    for obj, object_seed in zip(objects, seeds, strict=True):
        rng = np.random.default_rng(list(object_seed))
        xyz, rgb, normals = obj.xyz, obj.rgb, obj.normals
        if augment_config is not None:
            xyz, rgb, normals = augment(xyz, rgb, normals, augment_config, rng)
        seed = int(rng.integers(2**31))
        model_input = preprocess(PointCloud(xyz, rgb, normals), replace(config, seed=seed))
        unseen_row = _table_row(unseen_parts(obj), part_text)
        for m, (mask, text) in enumerate(zip(obj.masks, obj.mask_text)):
            if generic_object_share and rng.random() < generic_object_share:  # drawn after the seeds above: 0 = as before
                text = without_object_name(text, obj.meta.get("category", ""))
            member = np.zeros(len(xyz), dtype=bool)
            member[mask] = True
            kept = np.flatnonzero(member[model_input.index])
            if len(kept):  # masks whose points were all dropped by sampling are ignored
                points.append(kept + start)
                ids.append(np.full(len(kept), len(texts)))
                texts.append(text)
                unseen_rows.append(unseen_row)
                rival_rows.append(_table_row(rival_parts(obj, m, point_rivals), part_text))
        feats.append(model_input.feat)
        grids.append(model_input.grid_coord)
        sizes.append(len(model_input.feat))
        start += len(model_input.feat)
    return Batch(
        feat=torch.from_numpy(np.concatenate(feats)),
        grid_coord=torch.from_numpy(np.concatenate(grids)),
        offset=torch.tensor(np.cumsum(sizes)),
        mask_point=torch.from_numpy(np.concatenate(points) if points else np.zeros(0, np.int64)).long(),
        mask_id=torch.from_numpy(np.concatenate(ids) if ids else np.zeros(0, np.int64)).long(),
        mask_text=texts,
        mask_unseen=torch.from_numpy(np.array(unseen_rows, dtype=np.int64).reshape(-1, MAX_PARTS)),
        mask_rivals=torch.from_numpy(np.array(rival_rows, dtype=np.int64).reshape(-1, MAX_PARTS)),
        part_text=list(part_text),
    )

