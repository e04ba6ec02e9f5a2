"""Find3D's evaluation protocol: per-object IoU over parts with a non-empty union, averaged per category, then
over categories; with random rotations or in the canonical pose; bare part names or "{part} of a {category}".

Datasets: data-engine shards (ground truth from the masks named with each asset's canonical part names), or a
folder of labelled clouds (`.npz` with `xyz` (N,3), `label` (N,) int index into `part_names` or -1,
`part_names` (P,) str, `category` str, optional `rgb` (N,3) in [0,1] and `normal` (N,3)), or data-engine shards.
Ground-truth points labelled -1 are left out of every IoU.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.training.augment import rotation_matrix


@dataclass
class LabelledCloud:
    name: str
    cloud: PointCloud
    label: np.ndarray  # (N,) int, -1 = unlabelled
    part_names: list[str]
    category: str


@dataclass
class EvalResult:
    per_category: dict[str, float]  # mean object IoU per category, percent
    objects: dict[str, int]  # objects per category
    miou: float  # mean over categories, percent
    confusion: dict[str, np.ndarray] = field(default_factory=dict)  # category -> (P, P+1) counts, last column: none
    per_part: dict[str, dict[str, float]] = field(default_factory=dict)  # category -> part -> mean IoU, percent


def part_ious(pred: np.ndarray, gt: np.ndarray, num_parts: int) -> np.ndarray:
    """(num_parts,) IoU of each part, NaN where its predicted-or-true union is empty (unlabelled truth ignored)."""
    keep = gt >= 0
    pred, gt = pred[keep], gt[keep]
    ious = np.full(num_parts, np.nan)
    for k in range(num_parts):
        union = np.count_nonzero((pred == k) | (gt == k))
        if union:
            ious[k] = np.count_nonzero((pred == k) & (gt == k)) / union
    return ious


def object_iou(pred: np.ndarray, gt: np.ndarray, num_parts: int) -> float:
    """Mean IoU over the parts whose predicted-or-true union is non-empty (unlabelled ground truth ignored)."""
    return mean_iou(part_ious(pred, gt, num_parts))


def mean_iou(ious: np.ndarray) -> float:
    """Mean of the parts' IoUs that are defined (NaN when none is)."""
    return float(np.nanmean(ious)) if np.isfinite(ious).any() else float("nan")


def load_labelled_cloud(path: Path) -> LabelledCloud:
    try:
        with np.load(path, allow_pickle=False) as data:
            xyz, label = data["xyz"], data["label"].astype(np.int64)
            names = [str(n) for n in data["part_names"]]
            category = str(data["category"])
            rgb = data["rgb"] if "rgb" in data else None
            normal = data["normal"] if "normal" in data else None
    except (KeyError, ValueError, OSError) as err:
        raise CloudError(f"{path} is not a labelled cloud (xyz, label, part_names, category): {err}") from err
    if len(label) != len(xyz) or label.max(initial=-1) >= len(names):
        raise CloudError(f"{path}: label must be (N,) with values in [-1, {len(names) - 1}]")
    return LabelledCloud(path.stem, PointCloud(xyz, rgb, normal), label, names, category)


def labelled_clouds(source: Path) -> Iterator[LabelledCloud]:
    """A folder of .npz labelled clouds, or data-engine shards (a folder with a manifest)."""
    if (source / "manifest.json").exists():
        yield from _from_shards(source)
        return
    files = sorted(source.glob("*.npz"))
    if not files:
        raise FileNotFoundError(f"{source} holds neither .npz labelled clouds nor a data-engine manifest")
    for path in files:
        yield load_labelled_cloud(path)


def _from_shards(source: Path) -> Iterator[LabelledCloud]:
    from find3d_core.engine.shards import iter_objects

    for rec in iter_objects(source):
        # Ground truth from the masks named with the asset's canonical part names (synonyms and coarser groups are
        # training text, not evaluation classes); assets without canonical names use every mask text.
        names = list(rec.meta.get("part_names") or sorted(set(rec.mask_text)))
        label = np.full(len(rec.xyz), -1, dtype=np.int64)
        named = [(m, t) for m, t in zip(rec.masks, rec.mask_text) if t in names]
        for mask, text in sorted(named, key=lambda m: -len(m[0])):
            label[mask] = names.index(text)  # smaller masks drawn last win overlaps
        cloud = PointCloud(rec.xyz, rec.rgb, rec.normals)
        yield LabelledCloud(rec.id, cloud, label, names, str(rec.meta.get("category", "object")))


def rotated(cloud: PointCloud, rng: np.random.Generator, about: str = "any") -> PointCloud:
    """The cloud under a random rotation: Euler angles uniform in +-pi about every axis ("any", Find3D's rotated
    setting), or about one axis ("x", "y", "z", sign ignored: any heading of an upright object)."""
    angles = rng.uniform(-np.pi, np.pi, 3)
    if about != "any":
        axis = "xyz".index(about.lstrip("+-"))
        angles = np.where(np.arange(3) == axis, angles, 0.0)
    rot = rotation_matrix(angles)
    normals = None if cloud.normals is None else cloud.normals @ rot.T
    return PointCloud(cloud.xyz @ rot.T, cloud.rgb, normals)


def evaluate(
    predictor,
    samples,
    rotate: str | None = None,
    template: bool = True,
    seed: int = 0,
    every_point: bool = False,
    visible_only: bool = False,
) -> EvalResult:
    """Segment each sample with its own part names as queries and score it (Find3D's protocol).

    `rotate`: None for the canonical pose, else `rotated`'s `about` ("any", or an axis). `every_point`: Find3D's
    panoptic variant, where no point is left unlabelled. `visible_only`: query only the parts the ground truth
    shows, not the protocol's full list; a diagnostic of what naming parts out of view costs on partial captures.
    """
    rng = np.random.default_rng(seed)
    scores: dict[str, list[float]] = defaultdict(list)
    parts: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    confusion: dict[str, np.ndarray] = {}
    for sample in samples:
        cloud = rotated(sample.cloud, rng, rotate) if rotate else sample.cloud
        queried = np.unique(sample.label[sample.label >= 0]) if visible_only else np.arange(len(sample.part_names))
        seg = predictor.segment(
            cloud, [sample.part_names[k] for k in queried], object_name=sample.category if template else None,
            every_point=every_point,
        )
        pred = np.where(seg.labels >= 0, queried[np.maximum(seg.labels, 0)], -1)  # back to the full list's numbers
        ious = part_ious(pred, sample.label, len(sample.part_names))
        if np.isfinite(ious).any():
            scores[sample.category].append(mean_iou(ious))
        for name, iou in zip(sample.part_names, ious):
            if np.isfinite(iou):
                parts[sample.category][name].append(iou)
        confusion[sample.category] = _confusion(confusion.get(sample.category), pred, sample.label, len(sample.part_names))
    per_category = {c: 100 * float(np.mean(v)) for c, v in sorted(scores.items())}
    miou = float(np.mean(list(per_category.values()))) if per_category else float("nan")
    per_part = {c: {p: 100 * float(np.mean(v)) for p, v in named.items()} for c, named in sorted(parts.items())}
    return EvalResult(per_category, {c: len(v) for c, v in scores.items()}, miou, confusion, per_part)


def _confusion(previous: np.ndarray | None, pred: np.ndarray, gt: np.ndarray, num_parts: int) -> np.ndarray:
    """Rows: true part; columns: predicted part, last column "no part". Accumulated per category."""
    counts = np.zeros((num_parts, num_parts + 1), dtype=np.int64) if previous is None else previous
    if counts.shape[0] != num_parts:  # the category's part list changed between objects: keep the first
        return counts
    keep = gt >= 0
    np.add.at(counts, (gt[keep], np.where(pred[keep] >= 0, pred[keep], num_parts)), 1)
    return counts


def trivial_baseline(samples) -> EvalResult:
    """Every point labelled with the object's largest part: the floor a model must beat."""
    scores: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        counts = np.bincount(s.label[s.label >= 0], minlength=len(s.part_names))
        pred = np.full(len(s.label), int(counts.argmax()))
        scores[s.category].append(object_iou(pred, s.label, len(s.part_names)))
    per_category = {c: 100 * float(np.mean(v)) for c, v in sorted(scores.items())}
    return EvalResult(per_category, {c: len(v) for c, v in scores.items()}, float(np.mean(list(per_category.values()))))
