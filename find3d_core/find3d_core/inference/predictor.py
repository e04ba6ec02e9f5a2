"""Find3D predictor: a point cloud and text queries in, per-point labels and per-part geometry out.

A thin driver over the stages: clean (finite points, crop, cap) -> optional scene split -> Find3D preprocessing ->
batched network passes on a backend (PyTorch, onnxruntime or TensorRT: `find3d_core.deploy`) -> scoring against the
text embeddings -> 1-NN upsampling back to every input row.
"""

from __future__ import annotations

import copy
import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
import torch

from find3d_core.deploy.backends import Backend, make_backend, plan_passes
from find3d_core.geometry.clean import check_segmentable, crop_box as crop_to_box, finite_points, reduce_points, take
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.preprocess import ModelInput, PreprocessConfig, preprocess
from find3d_core.geometry.upsample import nearest_upsample
from find3d_core.inference.loading import load_model
from find3d_core.inference.parts import PartResult, make_part
from find3d_core.inference.scene import SceneConfig, split_scene
from find3d_core.inference.scoring import assign_labels, query_logits
from find3d_core.memory import pin_mmap_threshold
from find3d_core.model.checkpoint import CheckpointInfo
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import TextEncoder, format_query

# Find3D's network expects y up after its axis remap; these remaps bring each "up" axis there (all proper rotations).
AXIS_ORDER_FOR_UP = {"z": "-x,z,y", "y": "x,y,z", "-y": "x,-y,-z", "-z": "x,-z,y", "x": "y,x,-z", "-x": "y,-x,z"}
DEFAULT_MAX_POINTS = 300_000


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


class Stopwatch:
    """Accumulates wall time per named stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def axis_order_for(up_axis: str) -> str:
    if up_axis not in AXIS_ORDER_FOR_UP:
        raise ValueError(f"up_axis must be one of {sorted(AXIS_ORDER_FOR_UP)}; got {up_axis!r}")
    return AXIS_ORDER_FOR_UP[up_axis]


def check_queries(queries: Sequence[str]) -> list[str]:
    if isinstance(queries, str) or not isinstance(queries, Sequence):
        raise ValueError("queries must be a list of part names, e.g. ['handle', 'lid']")
    cleaned = [q.strip() if isinstance(q, str) else q for q in queries]
    if not cleaned or any(not isinstance(q, str) or not q for q in cleaned):
        raise ValueError(f"queries must be non-empty strings; got {list(queries)!r}")
    if len(set(cleaned)) != len(cleaned):
        raise ValueError(f"queries repeat a name: {cleaned}")
    return cleaned


@dataclass
class PreparedObject:
    """One object's model input and how its points map back to input rows."""

    cloud_index: int
    object_index: int | None
    rows: np.ndarray  # input rows of all the object's points
    points: np.ndarray  # their xyz
    model_input: ModelInput


class Find3DPredictor:
    """Loads a model once; segments clouds into the parts named by free-text queries."""

    def __init__(
        self,
        checkpoint: str | Path | None = None,
        text_encoder: str | None = None,
        device: str | torch.device = "cpu",
        up_axis: str = "z",
        scene_config: SceneConfig | None = None,
        max_points: int = DEFAULT_MAX_POINTS,
        backend: str | Backend = "torch",
        backend_options: dict | None = None,
        object_points: int | None = None,
    ) -> None:
        """backend: "torch", "onnxruntime" or "tensorrt" (see `find3d_core.deploy.make_backend` for its options), or
        a ready Backend. max_points: cap on each input cloud's points; object_points: points per object fed to the
        network (default: the checkpoint's, Find3D's 5,000)."""
        model, info, encoder = load_model(checkpoint, text_encoder, device)
        self._setup(model, info, encoder, up_axis, scene_config, max_points, backend, backend_options, object_points)

    @classmethod
    def from_model(
        cls, model: Find3DModel, encoder: TextEncoder, info: CheckpointInfo | None = None, **options
    ) -> "Find3DPredictor":
        """A predictor over an in-memory model (training, evaluation, tests)."""
        info = info or CheckpointInfo(config=model.config, text_encoder=encoder.name)
        predictor = cls.__new__(cls)
        predictor._setup(model.eval(), info, encoder, **options)
        return predictor

    def _setup(
        self, model, info, encoder, up_axis="z", scene_config=None, max_points=DEFAULT_MAX_POINTS, backend="torch",
        backend_options=None, object_points=None,
    ) -> None:
        if encoder.dim != model.config.text_dim:
            raise ValueError(f"text encoder gives {encoder.dim}-d vectors, model expects {model.config.text_dim}")
        self.model, self.info, self.encoder = model, info, encoder
        pin_mmap_threshold()  # every frame has its own size: keep a long-running node's memory flat
        self.device = next(model.parameters()).device
        known = {f.name for f in dataclasses.fields(PreprocessConfig)}
        base = PreprocessConfig(**{k: v for k, v in info.preprocess.items() if k in known})
        if object_points is not None:
            base = dataclasses.replace(base, num_points=object_points)
        self.preprocess_config = dataclasses.replace(base, axis_order=axis_order_for(up_axis))
        self.scene_config = scene_config or SceneConfig()
        self.max_points = max_points
        if not isinstance(backend, Backend):
            backend = make_backend(backend, model, **(backend_options or {}))
        self.backend = backend

    # ---- public API -------------------------------------------------------------------------------------------------

    def oriented(self, up_axis: str) -> "Find3DPredictor":
        """The same model (shared, not copied) for clouds whose up axis is `up_axis` (e.g. "-y" for optical frames)."""
        other = copy.copy(self)
        other.preprocess_config = dataclasses.replace(self.preprocess_config, axis_order=axis_order_for(up_axis))
        return other

    def segment(
        self,
        cloud: PointCloud,
        queries: Sequence[str],
        scene: bool = False,
        object_name: str | None = None,
        crop_box: tuple[np.ndarray, np.ndarray] | None = None,
        max_points: int | None = None,
        score_threshold: float = 0.0,
        every_point: bool = False,
    ) -> Segmentation:
        """Label every input row with the query it belongs to (or -1) and describe each found part.

        scene: split off the support plane and segment each object on it separately (one batched pass).
        object_name: fills Find3D's "{part} of a {object}" template. crop_box: (min_xyz, max_xyz) in the cloud's frame.
        every_point: give every point its best query, even when no query beats "no part" (benchmarks).
        """
        return self.segment_batch(
            [cloud], queries, scene, object_name, crop_box, max_points, score_threshold, every_point
        )[0]

    def segment_batch(
        self,
        clouds: Sequence[PointCloud],
        queries: Sequence[str],
        scene: bool = False,
        object_name: str | None = None,
        crop_box: tuple[np.ndarray, np.ndarray] | None = None,
        max_points: int | None = None,
        score_threshold: float = 0.0,
        every_point: bool = False,
    ) -> list[Segmentation]:
        """Several clouds (and all their objects) in one network pass."""
        queries = check_queries(queries)
        watch = Stopwatch()
        objects = [obj for i, c in enumerate(clouds) for obj in self._prepare(i, c, scene, crop_box, max_points, watch)]
        with watch.stage("text"):
            text = self.encoder.encode([format_query(q, object_name) for q in queries]).to(self.device)
        logits = self._logits(objects, text, watch)
        results = []
        for i, cloud in enumerate(clouds):
            mine = [(o, lg) for o, lg in zip(objects, logits) if o.cloud_index == i]
            results.append(self._assemble(cloud, queries, mine, score_threshold, every_point, watch))
        for r in results:
            r.timings = dict(watch.seconds)
        return results

    def heatmap(self, cloud: PointCloud, query: str, object_name: str | None = None) -> np.ndarray:
        """Raw logit of one query for every input row (NaN where not segmented): Find3D's heatmap."""
        queries = check_queries([query])
        watch = Stopwatch()
        objects = self._prepare(0, cloud, False, None, None, watch)
        text = self.encoder.encode([format_query(queries[0], object_name)]).to(self.device)
        (obj,), (logits,) = objects, self._logits(objects, text, watch)
        out = np.full(len(cloud), np.nan, dtype=np.float32)
        out[obj.rows] = logits[:, 0].numpy()[nearest_upsample(obj.model_input.points, obj.points)]
        return out

    # ---- stages -----------------------------------------------------------------------------------------------------

    def _prepare(
        self, cloud_index: int, cloud: PointCloud, scene: bool, crop_box, max_points: int | None, watch: Stopwatch
    ) -> list[PreparedObject]:
        with watch.stage("clean"):
            check_segmentable(cloud)
            clean, rows = finite_points(cloud)
            if crop_box is not None:
                clean, kept = crop_to_box(clean, *crop_box)
                rows = rows[kept]
                if len(clean) == 0:
                    raise CloudError(f"no points inside the crop box {np.asarray(crop_box).tolist()}")
                check_segmentable(clean)
            cap = max_points or self.max_points
            if len(clean) > cap:
                clean, kept = reduce_points(clean, cap)
                rows = rows[kept]
        with watch.stage("scene_split"):
            if scene:
                groups = split_scene(clean.xyz, self.scene_config).objects
                if not groups:
                    raise CloudError("scene mode found no objects on a support plane: try object mode or a crop box")
            else:
                groups = [np.arange(len(clean))]
        config = self.preprocess_config
        if scene and config.viewpoint is None:
            config = dataclasses.replace(config, viewpoint=(0.0, 0.0, 0.0))  # sensor frame: normals face the camera
        prepared = []
        with watch.stage("preprocess"):
            for k, group in enumerate(groups):
                part = take(clean, group)
                prepared.append(
                    PreparedObject(cloud_index, k if scene else None, rows[group], part.xyz, preprocess(part, config))
                )
        return prepared

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
        return list(torch.split(torch.cat(logits), sizes))

    def _assemble(
        self, cloud: PointCloud, queries: list[str], objects, score_threshold: float, every_point: bool,
        watch: Stopwatch,
    ) -> Segmentation:
        labels = np.full(len(cloud), -1, dtype=np.int64)
        scores = np.full(len(cloud), np.nan, dtype=np.float32)
        with watch.stage("upsample"):
            for obj, logits in objects:
                obj_labels, obj_scores = assign_labels(logits, score_threshold, every_point)
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
