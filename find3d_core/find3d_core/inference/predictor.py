"""Find3D predictor: a point cloud and text queries in, per-point labels and per-part geometry out.

A thin driver over the stages: clean (finite points, crop, cap) -> optional scene split -> levelling -> Find3D
preprocessing (all in `prepare.py`, shared with the data engine) ->
batched network passes on a backend (PyTorch, onnxruntime or TensorRT: `find3d_core.deploy`) -> scoring against the
text embeddings -> neighbourhood smoothing of the logits (`smoothing.py`) -> 1-NN upsampling back to every input row.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from find3d_core.deploy.backends import Backend, make_backend, plan_passes
from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.up import check_up_axis
from find3d_core.geometry.upsample import nearest_upsample
from find3d_core.inference.loading import build_find3d
from find3d_core.inference.parts import PartResult, make_part
from find3d_core.inference.prepare import (
    DEFAULT_MAX_POINTS,
    PrepareConfig,
    PreparedObject,
    prepare_objects,
    preprocess_config_from,
)
from find3d_core.inference.scene import SceneConfig
from find3d_core.inference.scoring import assign_labels, query_logits
from find3d_core.inference.smoothing import DEFAULT_SMOOTHING, LogitSmoothing, smooth_logits
from find3d_core.inference.timing import Stopwatch
from find3d_core.memory import pin_mmap_threshold
from find3d_core.model.checkpoint import CheckpointInfo
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import QueryTemplates, TextEncoder, embed_queries


@dataclass
class Segmentation:
    """Result for one input cloud. Per-row arrays have one entry per INPUT row (NaN rows included)."""

    queries: list[str]
    labels: np.ndarray  # (N,) int64, index into `queries`, -1 = no part / not segmented
    scores: np.ndarray  # (N,) float32, probability of the winning label, NaN where not segmented
    parts: list[PartResult]
    objects: list[np.ndarray]  # input rows of each segmented object (one entry in object mode)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    trained: bool = True  # False: the weights were untrained, results are meaningless


@dataclass(frozen=True)
class SegmentOptions:
    """One segmentation request's settings (everything but the cloud and the queries).

    scene: split off the support plane and segment each object on it separately (one batched pass); objects are
    levelled onto the plane. object_name: fills Find3D's "{part} of a {object}" template. crop_box: (min_xyz, max_xyz)
    in the cloud's frame. max_points: cap on the cloud's points (default: the predictor's). score_threshold: parts
    scoring below it are dropped. every_point: give every point its best query, even when no query beats "no part"
    (benchmarks). up_axis: the cloud's up axis for this request (default: the predictor's).
    """

    scene: bool = False
    object_name: str | None = None
    crop_box: tuple[np.ndarray, np.ndarray] | None = None
    max_points: int | None = None
    score_threshold: float = 0.0
    every_point: bool = False
    up_axis: str | None = None

    def __post_init__(self) -> None:
        if self.up_axis is not None:
            check_up_axis(self.up_axis)
        if self.max_points is not None and self.max_points < 1:
            raise ValueError(f"max_points must be >= 1, got {self.max_points}")
        if not 0.0 <= self.score_threshold <= 1.0:
            raise ValueError(f"score_threshold is a probability in [0, 1], got {self.score_threshold}")


def check_queries(queries: Sequence[str]) -> list[str]:
    if isinstance(queries, str) or not isinstance(queries, Sequence):
        raise ValueError("queries must be a list of part names, e.g. ['handle', 'lid']")
    cleaned = [q.strip() if isinstance(q, str) else q for q in queries]
    if not cleaned or any(not isinstance(q, str) or not q for q in cleaned):
        raise ValueError(f"queries must be non-empty strings; got {list(queries)!r}")
    if len(set(cleaned)) != len(cleaned):
        raise ValueError(f"queries repeat a name: {cleaned}")
    return cleaned


class Find3DPredictor:
    """Segments clouds into the parts named by free-text queries, with a loaded model and text encoder.

    Build the pieces with `build_find3d` (or use `Find3DPredictor.from_checkpoint`), then segment as often as needed.
    """

    def __init__(
        self,
        model: Find3DModel,
        encoder: TextEncoder,
        info: CheckpointInfo | None = None,
        backend: str | Backend = "torch",
        backend_options: dict | None = None,
        up_axis: str = "z",
        scene_config: SceneConfig | None = None,
        max_points: int = DEFAULT_MAX_POINTS,
        object_points: int | None = None,
        smoothing: LogitSmoothing = DEFAULT_SMOOTHING,
        query_templates: QueryTemplates | None = None,
    ) -> None:
        """backend: "torch", "onnxruntime" or "tensorrt" (see `find3d_core.deploy.make_backend` for its options), or
        a ready Backend. up_axis: the clouds' default up axis ("z" body frames, "-y" camera optical frames).
        max_points: cap on each input cloud's points; object_points: points per object fed to the network (default:
        the checkpoint's, Find3D's 5,000). smoothing: of the logits over neighbouring model points (`NO_SMOOTHING`
        gives the network's raw per-point decision, as Find3D does). query_templates: the texts a bare part name is
        embedded as (default: the checkpoint's; `text.FIND3D_QUERY` is Find3D's single bare query)."""
        if encoder.dim != model.config.text_dim:
            raise ValueError(f"text encoder gives {encoder.dim}-d vectors, model expects {model.config.text_dim}")
        self.model, self.encoder = model.eval(), encoder
        self.info = info or CheckpointInfo(config=model.config, text_encoder=encoder.name)
        pin_mmap_threshold()  # every frame has its own size: keep a long-running node's memory flat
        self.device = next(model.parameters()).device
        self.preprocess_config = preprocess_config_from(self.info, object_points)
        self.up_axis = check_up_axis(up_axis)
        self.scene_config = scene_config or SceneConfig()
        self.max_points = max_points
        self.smoothing = smoothing
        self.query_templates = query_templates or self.info.query_templates
        if not isinstance(backend, Backend):
            backend = make_backend(backend, model, **(backend_options or {}))
        self.backend = backend

    @classmethod
    def from_checkpoint(
        cls, checkpoint: str | Path | None = None, text_encoder: str | None = None, device: str | torch.device = "cpu",
        **options,
    ) -> Find3DPredictor:
        """`build_find3d(checkpoint, text_encoder, device)` and a predictor over it (`options`: see __init__)."""
        model, encoder, info = build_find3d(checkpoint, text_encoder, device)
        return cls(model, encoder, info, **options)

    # ---- public API -------------------------------------------------------------------------------------------------

    def oriented(self, up_axis: str) -> Find3DPredictor:
        """The same model (shared, not copied) for clouds whose up axis is `up_axis` (e.g. "-y" for optical frames)."""
        other = copy.copy(self)
        other.up_axis = check_up_axis(up_axis)
        return other

    def prepare_config(self, options: SegmentOptions) -> PrepareConfig:
        """How a request's clouds are cut into objects (shared with the data engine's robot captures)."""
        return PrepareConfig(
            scene=options.scene, up_axis=options.up_axis or self.up_axis, crop_box=options.crop_box,
            max_points=options.max_points or self.max_points, scene_config=self.scene_config,
        )

    def prepare(
        self, cloud: PointCloud, options: SegmentOptions | None = None, cloud_index: int = 0,
        watch: Stopwatch | None = None,
    ) -> list[PreparedObject]:
        """The network inputs of a cloud's objects, exactly as `segment` builds them (export checks use this too)."""
        config = self.prepare_config(options or SegmentOptions())
        return prepare_objects(cloud, config, self.preprocess_config, cloud_index, watch)

    def segment(
        self, cloud: PointCloud, queries: Sequence[str], options: SegmentOptions | None = None, **settings
    ) -> Segmentation:
        """Label every input row with the query it belongs to (or -1) and describe each found part.

        Settings come as a SegmentOptions or as its fields by keyword (`segment(cloud, ["handle"], scene=True)`).
        """
        return self.segment_batch([cloud], queries, options, **settings)[0]

    def segment_batch(
        self, clouds: Sequence[PointCloud], queries: Sequence[str], options: SegmentOptions | None = None, **settings
    ) -> list[Segmentation]:
        """Several clouds (and all their objects) in one network pass."""
        options = dataclasses.replace(options or SegmentOptions(), **settings)
        queries = check_queries(queries)
        watch = Stopwatch()
        objects = [obj for i, c in enumerate(clouds) for obj in self.prepare(c, options, i, watch)]
        with watch.stage("text"):
            text = embed_queries(self.encoder, queries, self.query_templates, options.object_name).to(self.device)
        logits = self._logits(objects, text, watch)
        results = []
        for i, cloud in enumerate(clouds):
            mine = [(o, lg) for o, lg in zip(objects, logits) if o.cloud_index == i]
            results.append(self._assemble(cloud, queries, mine, options, watch))
        for r in results:
            r.timings = dict(watch.seconds)
        return results

    def heatmap(self, cloud: PointCloud, query: str, object_name: str | None = None) -> np.ndarray:
        """Raw logit of one query for every input row (NaN where not segmented): Find3D's heatmap."""
        queries = check_queries([query])
        watch = Stopwatch()
        objects = self.prepare(cloud, SegmentOptions(), 0, watch)
        text = embed_queries(self.encoder, queries, self.query_templates, object_name).to(self.device)
        (obj,), (logits,) = objects, self._logits(objects, text, watch)
        out = np.full(len(cloud), np.nan, dtype=np.float32)
        out[obj.rows] = logits[:, 0].numpy()[nearest_upsample(obj.model_input.points, obj.points)]
        return out

    # ---- stages -----------------------------------------------------------------------------------------------------

    def _logits(self, objects: list[PreparedObject], text: torch.Tensor, watch: Stopwatch) -> list[torch.Tensor]:
        """Per object, (M_k, Q) logits of its model points, from as few batched passes as the backend allows."""
        sizes = [len(o.model_input.grid_coord) for o in objects]
        device = self.backend.device
        logits = []
        for group in plan_passes(sizes, self.backend.max_points, self.backend.max_clouds):
            with watch.stage("structure"):
                grid = torch.from_numpy(np.concatenate([objects[i].model_input.grid_coord for i in group])).to(device)
                feat = torch.from_numpy(np.concatenate([objects[i].model_input.feat for i in group])).to(device)
                offset = torch.tensor(np.cumsum([sizes[i] for i in group]), device=device)
                structure = self.model.structure(grid, offset)
            with watch.stage("network"):
                embeddings = self.backend.run(feat, structure)
            with watch.stage("scoring"):
                logits.append(query_logits(embeddings.to(text.device), text).cpu())
        with watch.stage("scoring"):
            per_object = torch.split(torch.cat(logits), sizes)
            return [smooth_logits(lg, o.model_input.points, self.smoothing) for o, lg in zip(objects, per_object)]

    def _assemble(
        self, cloud: PointCloud, queries: list[str], objects, options: SegmentOptions, watch: Stopwatch
    ) -> Segmentation:
        labels = np.full(len(cloud), -1, dtype=np.int64)
        scores = np.full(len(cloud), np.nan, dtype=np.float32)
        with watch.stage("upsample"):
            for obj, logits in objects:
                obj_labels, obj_scores = assign_labels(logits, options.score_threshold, options.every_point)
                nearest = nearest_upsample(obj.model_input.points, obj.points)
                labels[obj.rows] = obj_labels.numpy()[nearest]
                scores[obj.rows] = obj_scores.numpy()[nearest]
        with watch.stage("parts"):
            parts = []
            for obj, _ in objects:
                obj_labels = labels[obj.rows]
                for q, query in enumerate(queries):
                    hit = obj.rows[obj_labels == q]
                    if len(hit):
                        parts.append(make_part(query, q, obj.object_index, hit, cloud.xyz[hit], scores[hit]))
        return Segmentation(
            queries=queries,
            labels=labels,
            scores=scores,
            parts=parts,
            objects=[obj.rows for obj, _ in objects],
            trained=self.info.trained,
        )
