#!/usr/bin/env python
"""Latency per stage of the whole pipeline, for each backend that runs here (figures for docs/deployment.md).

Two cases, the full Find3D configuration (untrained weights: latency does not depend on the values):
  object  5,000 coloured points sampled from a procedural mug, object mode, z up;
  scene   the built-in 640x480 tabletop (virtual depth camera, organized, camera optical frame), scene mode, up -y.

Stages: message conversion (PointCloud2 -> PointCloud, find3d_ros's converter, when importable), cleaning + crop,
scene split, normals, grid sampling (the rest of Find3D's preprocessing: resample, normalise, voxelise, features),
geometry (serialization, patches, neighbour maps, pooling), network, scoring, upsampling, part geometry, and
message building (the labelled PointCloud2). All but the ROS steps are timed inside `Find3DPredictor.segment`
itself (its stopwatch, with normals and grid sampling split by timing the preprocessing functions it calls).
Median over --runs calls after one warm-up. A last table sweeps the per-object point cap (what the network sees and
what it costs). It prints figures and asserts nothing.

    .venv/bin/python find3d_core/benchmarks/bench_backends.py [--runs 3] [--backends torch onnxruntime] [--json F]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import importlib
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
from rich.console import Console
from rich.table import Table

from find3d_core.engine.catalog import procedural_cloud
from find3d_core.engine.demo_scene import make_demo_scene
from find3d_core.geometry.cloud import PointCloud
from find3d_core.inference.predictor import Find3DPredictor

REPO = Path(__file__).resolve().parents[2]
# The module, not the `preprocess` function that find3d_core.geometry re-exports under the same name.
preprocess_module = importlib.import_module("find3d_core.geometry.preprocess")
QUERIES = ["handle", "body", "rim"]
STAGES = [  # (row label, stopwatch keys)
    ("message conversion", ["conversion"]),
    ("clean + crop", ["clean"]),
    ("scene split", ["scene_split"]),
    ("normals", ["normals"]),
    ("grid sampling", ["grid_sampling"]),
    ("text (cached)", ["text"]),
    ("geometry", ["structure"]),
    ("network", ["network"]),
    ("scoring", ["scoring"]),
    ("upsampling", ["upsample"]),
    ("part geometry", ["parts"]),
    ("message building", ["message"]),
]


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


class PreprocessSplit:
    """Times the normal estimation inside `preprocess` so the predictor's "preprocess" stage can be split in two."""

    def __init__(self) -> None:
        self.normals = 0.0
        original = preprocess_module.estimate_normals

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.normals += time.perf_counter() - start

        preprocess_module.estimate_normals = timed

    def split(self, timings: dict[str, float]) -> dict[str, float]:
        out = dict(timings)
        pre = out.pop("preprocess", 0.0)
        out["normals"], out["grid_sampling"] = self.normals, pre - self.normals
        self.normals = 0.0
        return out


def ros_steps():
    """(msg_to_cloud, build labelled message) from find3d_ros, or None when it or rosbags is missing."""
    sys.path.insert(0, str(REPO / "find3d_ros"))
    try:
        from find3d_ros.conversions import cloud_to_msg, msg_to_cloud
        from find3d_ros.interfaces import RosbagsFactory, make_typestore
        from find3d_ros.outputs import labelled_cloud_msg
    except ImportError as err:
        print(f"message stages skipped: {err}")
        return None
    factory = RosbagsFactory(make_typestore())
    header = factory.new("std_msgs/msg/Header", frame_id="camera")
    to_msg = functools.partial(cloud_to_msg, factory, header=header)
    build = functools.partial(labelled_cloud_msg, factory, header)
    return to_msg, msg_to_cloud, build


def run_case(
    predictor: Find3DPredictor, cloud: PointCloud, scene: bool, runs: int, split: PreprocessSplit, ros
) -> dict:
    """Median seconds per stage over `runs` calls (after a warm-up), and the number of model points per call."""
    msg = ros[0](cloud) if ros else None
    samples: list[dict[str, float]] = []
    for i in range(runs + 1):
        timings: dict[str, float] = {}
        if ros:
            start = time.perf_counter()
            source = ros[1](msg)
            timings["conversion"] = time.perf_counter() - start
        else:
            source = cloud
        seg = predictor.segment(source, QUERIES, scene=scene)
        timings.update(split.split(seg.timings))
        if ros:
            start = time.perf_counter()
            ros[2](source, seg.labels, seg.scores, len(QUERIES))
            timings["message"] = time.perf_counter() - start
        if i:  # the first call warms caches (text embeddings, allocator, open3d)
            samples.append(timings)
    medians = {k: statistics.median(s.get(k, 0.0) for s in samples) for k in samples[0]}
    medians["total"] = statistics.median(sum(s.values()) for s in samples)
    return {"seconds": medians, "objects": len(seg.objects), "input_points": len(cloud)}


def object_points_sweep(predictor: Find3DPredictor, cloud: PointCloud, counts: list[int], runs: int) -> list[dict]:
    """Model points and network time when the per-object cap (PreprocessConfig.num_points) varies."""
    rows = []
    base = predictor.preprocess_config
    for count in counts:
        capped = predictor.oriented("z")
        capped.preprocess_config = dataclasses.replace(base, num_points=count)
        seconds = []
        for i in range(runs + 1):
            seg = capped.segment(cloud, QUERIES)
            if i:
                seconds.append(seg.timings["network"] + seg.timings["structure"])
        model_points = len(preprocess_module.preprocess(cloud, capped.preprocess_config).grid_coord)
        rows.append({"object_points": count, "model_points": model_points, "seconds": statistics.median(seconds)})
    return rows


def table(case: str, results: dict[str, dict]) -> Table:
    backends = list(results)
    out = Table(title=f"{case}: median ms per call")
    out.add_column("stage")
    for b in backends:
        out.add_column(b, justify="right")
    for label, keys in STAGES + [("total", ["total"])]:
        values = [sum(results[b]["seconds"].get(k, float("nan")) for k in keys) for b in backends]
        if all(np.isnan(values)):
            continue
        out.add_row(label, *(f"{1e3 * v:.1f}" for v in values))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["torch", "onnxruntime"])
    parser.add_argument("--threads", type=int, help="threads for torch and onnxruntime (default: torch's default)")
    parser.add_argument("--sweep", type=int, nargs="*", default=[2000, 5000, 10000],
                        help="per-object point caps to time with torch (none: skip)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    console = Console()
    console.print(f"cpu: {cpu_model()}, {os.cpu_count()} cores, torch {torch.__version__} ({torch.get_num_threads()} "
                  f"threads); load average before: {os.getloadavg()[0]:.1f} (other processes share these cores)")
    split = PreprocessSplit()
    ros = ros_steps()
    cases = {
        "object (5,000-point mug, object mode)": (procedural_cloud("mug", 5000, 0), False, "z"),
        "scene (640x480 demo tabletop, scene mode)": (make_demo_scene(seed=0).cloud, True, "-y"),
    }
    report: dict = {"threads": torch.get_num_threads(), "cases": {}}
    predictors = {}
    for backend in args.backends:
        start = time.perf_counter()
        predictors[backend] = Find3DPredictor.from_checkpoint(backend=backend)
        report.setdefault("setup_seconds", {})[backend] = time.perf_counter() - start
    for case, (cloud, scene, up) in cases.items():
        results = {}
        for backend, predictor in predictors.items():
            results[backend] = run_case(predictor.oriented(up), cloud, scene, args.runs, split, ros)
        report["cases"][case] = results
        first = next(iter(results.values()))
        console.print(table(case, results))
        console.print(f"  {first['input_points']} input points, {first['objects']} object(s)")
    if "torch" in predictors and args.sweep:
        big = procedural_cloud("mug", max(args.sweep) * 2, 1)
        rows = object_points_sweep(predictors["torch"], big, args.sweep, args.runs)
        report["object_points_sweep"] = rows
        sweep = Table(title="per-object cap (torch): points the network sees, geometry + network ms")
        for column in ("object points", "model points (after 0.02 grid)", "ms"):
            sweep.add_column(column, justify="right")
        for row in rows:
            sweep.add_row(str(row["object_points"]), str(row["model_points"]), f"{1e3 * row['seconds']:.0f}")
        console.print(sweep)
    report["load_average_after"] = os.getloadavg()[0]
    console.print(f"load average after: {report['load_average_after']:.1f}")
    console.print("setup (model load; onnxruntime: export on the first run, then the cached file): "
                  + ", ".join(f"{b} {s:.1f} s" for b, s in report["setup_seconds"].items()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
