"""The data engine run: jobs (one per asset) -> labelled objects -> shards, locally or on Ray.

Per asset: load -> render views -> masks -> names (same-name masks merged per view) -> sample points
-> back-project masks to point index lists. Workers return `ObjectRecord`s; the parent encodes label
texts once per shard with the named text encoder and writes shards in job order (see shards.py), so a
run can be killed and resumed at any time. A job that raises is logged and recorded as failed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from find3d_core.engine.assets import Asset, load_mesh_asset, procedural_asset
from find3d_core.engine.backproject import mask_points, sample_points
from find3d_core.engine.capture import CaptureConfig, capture_records
from find3d_core.engine.masks import OracleMasks, SamConfig, SamMasks
from find3d_core.engine.naming import GeminiNamer, OracleNamer, merge_same_names
from find3d_core.engine.phrasing import STYLES
from find3d_core.engine.shards import Manifest, ObjectRecord
from find3d_core.engine.upright import METHODS as UPRIGHT_METHODS
from find3d_core.engine.upright import make_upright
from find3d_core.engine.views import ViewConfig, render_views
from find3d_core.errors import UsageError

log = logging.getLogger(__name__)
ENGINE_VERSION = "1"


@dataclass(frozen=True)
class Job:
    """One asset to process: a procedural object (category, seed), a mesh file, or a robot capture of a procedural
    object (category, seed) among clutter drawn from `clutter`."""

    kind: str  # "procedural" | "file" | "capture"
    category: str = ""
    seed: int = 0
    path: str = ""
    up: str | None = None
    clutter: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        if self.kind == "file":
            return f"file:{self.path}"
        return f"{'proc' if self.kind == 'procedural' else 'capture'}:{self.category}:{self.seed}"

    def load(self) -> Asset:
        if self.kind == "procedural":
            return procedural_asset(self.category, self.seed)
        return load_mesh_asset(self.path, up=self.up)


def procedural_jobs(n: int, categories: Iterable[str] | None = None, seed: int = 0) -> list[Job]:
    """`n` procedural jobs cycling through `categories` (default: the whole catalogue), seeds from `seed`."""
    cats = known_categories(categories)
    return [Job("procedural", category=cats[i % len(cats)], seed=seed + i) for i in range(n)]


def capture_jobs(n: int, categories: Iterable[str] | None = None, seed: int = 0) -> list[Job]:
    """`n` robot-capture jobs cycling through `categories`; clutter comes from the same categories."""
    cats = known_categories(categories)
    return [Job("capture", category=cats[i % len(cats)], seed=seed + i, clutter=tuple(cats)) for i in range(n)]


def known_categories(categories: Iterable[str] | None) -> list[str]:
    """`categories` sorted (default: the whole catalogue); ValueError naming any the catalogue lacks."""
    from find3d_core.engine.catalog import CATALOG

    cats = sorted(categories or CATALOG)
    unknown = [c for c in cats if c not in CATALOG]
    if unknown:
        raise UsageError(f"unknown categories {unknown}; known: {sorted(CATALOG)}")
    return cats


def file_jobs(paths: Iterable[str | Path], up: str | None = None) -> list[Job]:
    return [Job("file", path=str(p), up=up) for p in paths]


@dataclass(frozen=True)
class EngineConfig:
    """Everything that decides the labels (stored in the manifest; a resume must use the same)."""

    views: ViewConfig = ViewConfig()
    capture: CaptureConfig = CaptureConfig()  # robot captures (capture jobs)
    phrasing: str = "synonyms"  # how oracle names are worded: "synonyms", "vlm" or "canonical" (phrasing.py)
    n_points: int = 5000
    masks: str = "oracle"  # "oracle" | "sam"
    namer: str = "oracle"  # "oracle" | "gemini"
    sam: SamConfig = SamConfig()
    sam_model_type: str = "vit_h"
    sam_checkpoint: str = ""
    gemini_model: str = "gemini-2.0-flash"
    upright: str = "none"  # "none" | "heuristic" | "gemini": turn each asset upright first (upright.py)
    visibility_tolerance: float = 0.01  # in units of the normalised object (largest side 1)
    min_mask_points: int = 1
    thumb_size: int = 160  # 0: no thumbnails in the shards
    seed: int = 0
    # Run-time settings, not part of the labels' identity (excluded from `identity()`).
    sam_device: str = "cpu"
    gemini_cache: str = ""
    gemini_max_requests: int | None = None
    gemini_base_url: str | None = None

    def __post_init__(self) -> None:
        if self.masks not in ("oracle", "sam") or self.namer not in ("oracle", "gemini"):
            raise ValueError(f"masks must be oracle|sam and namer oracle|gemini, got {self.masks!r}, {self.namer!r}")
        if self.upright not in UPRIGHT_METHODS:
            raise ValueError(f"upright must be one of {UPRIGHT_METHODS}, got {self.upright!r}")
        if self.masks == "sam" and not self.sam_checkpoint:
            raise ValueError("SAM masks need a checkpoint path (--sam-checkpoint) and model type (--sam-model)")
        if self.n_points < 1:
            raise ValueError(f"n_points must be >= 1, got {self.n_points}")
        if self.phrasing not in STYLES:
            raise ValueError(f"phrasing must be one of {list(STYLES)}, got {self.phrasing!r}")

    def identity(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("sam_device", "gemini_cache", "gemini_max_requests", "gemini_base_url"):
            d.pop(k)
        return json.loads(json.dumps(d))  # tuples as lists, as the manifest reads back


# Built once per worker process: SAM weights and API clients are costly and not picklable.
_WORKER_STAGES: dict[str, Any] = {}


def _stages(cfg: EngineConfig) -> tuple[Any, Any]:
    key = repr(cfg)
    if key not in _WORKER_STAGES:
        _WORKER_STAGES.clear()
        if cfg.masks == "sam":
            source = SamMasks.from_checkpoint(cfg.sam_model_type, cfg.sam_checkpoint, cfg.sam_device, cfg.sam)
        else:
            source = OracleMasks()
        if cfg.namer == "gemini":
            namer = GeminiNamer(cfg.gemini_model, cfg.gemini_cache or "gemini_cache.sqlite", cfg.gemini_max_requests,
                                base_url=cfg.gemini_base_url)
        else:
            namer = OracleNamer(cfg.seed, cfg.phrasing)
        _WORKER_STAGES[key] = (source, namer)
    return _WORKER_STAGES[key]


def label_asset(asset: Asset, cfg: EngineConfig, source: Any, namer: Any) -> ObjectRecord:
    """Run (upright ->) render -> masks -> names -> back-projection on one asset."""
    t = {}
    if cfg.upright != "none":  # Find3D's VLM upright step (or a heuristic); the rotation goes into the provenance
        t0 = time.perf_counter()
        asset = make_upright(asset, cfg)
        t["upright"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    views, norm = render_views(asset, cfg.views)
    t["render"] = time.perf_counter() - t0
    seed = int.from_bytes(hashlib.sha256(f"{asset.id}/{cfg.seed}".encode()).digest()[:8], "little")
    t0 = time.perf_counter()
    pts = sample_points(asset, cfg.n_points, seed)
    pts_view = pts.xyz.astype(np.float64) @ norm[:3, :3].T + norm[:3, 3]
    t["sample"] = time.perf_counter() - t0
    masks, texts, view_ids, thumb_masks = [], [], [], []
    t["masks"] = t["names"] = t["backproject"] = 0.0
    n_faces = len(asset.obj.triangles)
    for view in views:
        t0 = time.perf_counter()
        proposals = source.masks(view, asset)
        t1 = time.perf_counter()
        names = namer.names(view, asset, proposals)
        t2 = time.perf_counter()
        for mask, name in merge_same_names(proposals, names):
            idx = mask_points(pts_view, pts.face, view, mask, cfg.visibility_tolerance, n_faces)
            if len(idx) >= cfg.min_mask_points:
                masks.append(idx)
                texts.append(name)
                view_ids.append(view.index)
                if cfg.thumb_size:
                    thumb_masks.append(_thumb(mask, cfg.thumb_size))
        t["masks"] += t1 - t0
        t["names"] += t2 - t1
        t["backproject"] += time.perf_counter() - t2
    meta = {"id": asset.id, "category": asset.obj.category, "variant": asset.obj.variant, "provenance": asset.source,
            "mask_source": source.name, "namer": namer.name, "engine_version": ENGINE_VERSION,
            "views": [{"index": v.index, "elevation": v.elevation, "azimuth": v.azimuth} for v in views],
            "normalisation": norm.tolist(), "part_names": asset.obj.part_names}
    thumbs = np.stack([_thumb(v.image, cfg.thumb_size) for v in views]) if cfg.thumb_size else None
    return ObjectRecord(asset.id, pts.xyz, pts.normals, pts.rgb, pts.face, masks, texts, view_ids, meta, thumbs,
                        np.stack(thumb_masks) if thumb_masks else None, timings=t)


def _thumb(image: np.ndarray, size: int) -> np.ndarray:
    """Nearest-neighbour downsample of an (h, w[, 3]) image to (size, size[, 3])."""
    h, w = image.shape[:2]
    rows = (np.arange(size) * h / size + h / size / 2).astype(int)
    cols = (np.arange(size) * w / size + w / size / 2).astype(int)
    return image[rows][:, cols]


def process_job(job: Job, cfg: EngineConfig) -> tuple[list[ObjectRecord] | None, str | None]:
    """(records, None) or (None, error text): a broken asset never takes the run down. An asset gives one record; a
    robot capture one per object it shows well enough (possibly none)."""
    try:
        if job.kind == "capture":
            records = capture_records(job.category, job.seed, job.clutter, cfg.capture, cfg.seed, cfg.phrasing)
        else:
            t0 = time.perf_counter()
            asset = job.load()
            load_s = time.perf_counter() - t0
            source, namer = _stages(cfg)
            records = [label_asset(asset, cfg, source, namer)]
            records[0].timings["load"] = load_s
        for rec in records:
            rec.meta["job"] = job.key
        return records, None
    except Exception as err:  # noqa: BLE001 - any failure of one asset is logged and skipped
        if type(err).__name__ == "BudgetExhausted":
            raise
        return None, f"{type(err).__name__}: {err}\n{traceback.format_exc(limit=3)}"


@dataclass
class BuildReport:
    written: int = 0
    failed: int = 0
    skipped_shards: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    objects_timed: int = 0

    def throughput(self) -> dict[str, float]:
        """Objects per second per stage (one worker), and overall."""
        out = {k: self.objects_timed / v for k, v in self.stage_seconds.items() if v > 0}
        if self.seconds > 0:
            out["overall"] = (self.written + self.failed) / self.seconds
        return out


def build_dataset(
    jobs: list[Job], out: str | Path, cfg: EngineConfig = EngineConfig(), text_encoder: Any = None,
    workers: int = 1, shard_size: int = 64, ray_address: str | None = None, progress: bool = True,
    on_shard: Callable[[int], None] | None = None,
) -> BuildReport:
    """Process `jobs` into shards under `out`, resuming whatever an earlier run already wrote.

    `text_encoder` has `name`, `dim` and `encode(list[str]) -> (n, dim)`; default MiniLM.
    """
    if text_encoder is None:
        from find3d_core.text import build_text_encoder

        text_encoder = build_text_encoder("minilm")
    if shard_size < 1 or workers < 1:
        raise ValueError(f"shard_size and workers must be >= 1, got {shard_size}, {workers}")
    keys = [j.key for j in jobs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate jobs (the same asset twice)")
    manifest = Manifest.open_or_create(out, {"name": text_encoder.name, "dim": int(text_encoder.dim)},
                                       cfg.identity(), shard_size)
    manifest.check_jobs(keys)
    n_shards = (len(jobs) + shard_size - 1) // shard_size
    todo = [k for k in range(n_shards) if k not in manifest.done_shards]
    pending = [i for k in todo for i in range(k * shard_size, min(len(jobs), (k + 1) * shard_size))]
    report = BuildReport(skipped_shards=n_shards - len(todo))
    results: dict[int, tuple[list[ObjectRecord] | None, str | None]] = {}
    embed_cache: dict[str, np.ndarray] = {}
    t_start = time.perf_counter()

    def flush_ready() -> None:
        for k in list(todo):
            lo, hi = k * shard_size, min(len(jobs), (k + 1) * shard_size)
            if not all(i in results for i in range(lo, hi)):
                continue
            recs = [rec for i in range(lo, hi) for rec in results[i][0] or []]
            failed = [{"job": keys[i], "error": results[i][1].splitlines()[0]} for i in range(lo, hi) if results[i][0] is None]
            for i in range(lo, hi):
                if results[i][0] is None:
                    log.warning("skipped %s: %s", keys[i], results[i][1])
            new = sorted({t for r in recs for t in r.mask_text} - set(embed_cache))
            if new:
                emb = np.asarray(text_encoder.encode(new), dtype=np.float32)
                embed_cache.update(zip(new, emb))
            manifest.add_shard(k, keys[lo:hi], recs, failed, embed_cache)
            report.written += len(recs)
            report.failed += len(failed)
            for r in recs:
                report.objects_timed += 1
                for s, v in r.timings.items():
                    report.stage_seconds[s] = report.stage_seconds.get(s, 0.0) + v
            for i in range(lo, hi):
                del results[i]
            todo.remove(k)
            if on_shard:
                on_shard(k)

    bar = _progress(len(pending), progress)
    try:
        for i, res in _run(jobs, pending, cfg, workers, ray_address):
            results[i] = res
            bar.update(1)
            flush_ready()
    finally:
        bar.close()
    report.seconds = time.perf_counter() - t_start
    return report


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="obj", disable=not enabled, smoothing=0.1, dynamic_ncols=True)


def _run(jobs: list[Job], pending: list[int], cfg: EngineConfig, workers: int, ray_address: str | None):
    """Yield (job index, result) as jobs finish: in-process, a process pool, or Ray tasks."""
    if ray_address:
        yield from _run_ray(jobs, pending, cfg, ray_address)
    elif workers == 1:
        for i in pending:
            yield i, process_job(jobs[i], cfg)
    else:
        # spawn: workers must not inherit the parent's torch/open3d thread pools.
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
            window = 4 * workers  # bounded in flight, so memory stays flat on huge job lists
            queue = list(pending)
            futures = {}
            while queue or futures:
                while queue and len(futures) < window:
                    i = queue.pop(0)
                    futures[pool.submit(process_job, jobs[i], cfg)] = i
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                for f in done:
                    yield futures.pop(f), f.result()


def _run_ray(jobs: list[Job], pending: list[int], cfg: EngineConfig, address: str):
    """One Ray task per asset; `address` is a cluster address, "auto", or "local" for a local instance."""
    try:
        import ray
    except ImportError as err:
        raise ValueError("the Ray backend needs `ray`: pip install 'ray[default]'") from err
    if not ray.is_initialized():
        if address == "local":
            ray.init(include_dashboard=False, log_to_driver=False)
        else:
            ray.init(address=address, log_to_driver=False)
    remote = ray.remote(process_job)
    refs = {remote.remote(jobs[i], cfg): i for i in pending}
    while refs:
        done, _ = ray.wait(list(refs), num_returns=1)
        for r in done:
            yield refs.pop(r), ray.get(r)
