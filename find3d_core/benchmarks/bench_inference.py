#!/usr/bin/env python
"""Inference benchmark of the full Find3D configuration: latency per stage, peak memory, FLOPs, matmul efficiency.

Two cases (issue 2, item 9):
  object  5,000 points sampled from a procedural mug mesh (with colours), object mode, z up;
  scene   the PCL scan ../shared/data/real_scans/table_scene_mug_stereo_textured.pcd in scene mode (camera optical
          frame, so up = -y); skipped with a message when the shared data is absent.

For each case: one warm-up call of `Find3DPredictor.segment`, then the median (and best) of --runs calls per stage
(the predictor's own stopwatch); peak memory of those calls; the network pass alone on the batch the predictor built,
interleaved with a float32 torch.mm that measures this machine's attainable rate; the network's FLOPs counted by
torch's FlopCounterMode, and the fraction of the matmul rate it reaches.

This prints figures; it asserts nothing. Run from the repository root:
    .venv/bin/python find3d_core/benchmarks/bench_inference.py [--runs 5] [--threads N] [--json out/bench.json]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import logging
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import open3d as o3d
import torch
from bench_network import hook_times  # this folder: the script's own directory is on sys.path
from rich.console import Console
from rich.table import Table
from torch.utils.flop_counter import FlopCounterMode, sdpa_flop_count

from find3d_core.engine.catalog import build_object
from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.io import read_cloud
from find3d_core.inference.loading import untrained_model
from find3d_core.inference.predictor import Find3DPredictor
from find3d_core.model.sparse_conv import SubMConv3d
from find3d_core.text import DEFAULT_TEXT_ENCODER, format_query

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SCENE = REPO.parent / "shared" / "data" / "real_scans" / "table_scene_mug_stereo_textured.pcd"
STAGES = ("clean", "scene_split", "preprocess", "text", "structure", "network", "scoring", "upsample", "parts")
QUERIES = ["handle", "body", "rim"]
MIB = 2**20


# ---- machine and memory ----------------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(device: torch.device) -> dict:
    info = {
        "cpu": cpu_model(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "device": str(device),
    }
    if device.type == "cuda":
        info["gpu"] = torch.cuda.get_device_name(device)
    return info


def _proc_status_kib(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _release_free_heap() -> None:
    """Hand memory freed by earlier work back to the OS (glibc only), so RSS at a case's start is live memory."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class MemoryMeter:
    """Peak resident memory of this process between `reset()` and `peak_rss()`, plus CUDA's allocator peak.

    On Linux, writing "5" to /proc/self/clear_refs resets the RSS high-water mark (VmHWM) to the current RSS, so each
    case gets its own peak; freed heap is trimmed first, so a case does not start from the previous case's leftovers.
    Elsewhere `getrusage` gives the process-lifetime peak, which cannot be reset.
    RSS counts everything resident: Python, torch and open3d libraries, both models' weights, the caches.
    """

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.resettable = self._try_reset()
        self.what = (
            "process RSS high-water mark (VmHWM), reset per case"
            if self.resettable
            else "process RSS high-water mark (getrusage ru_maxrss), NOT reset between cases"
        )

    @staticmethod
    def _try_reset() -> bool:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            return False
        return _proc_status_kib("VmHWM") is not None

    def reset(self) -> None:
        gc.collect()
        _release_free_heap()
        if self.resettable:
            self._try_reset()
        if self.device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(self.device)

    def rss(self) -> int:
        kib = _proc_status_kib("VmRSS")
        return kib * 1024 if kib is not None else self.peak_rss()

    def peak_rss(self) -> int:
        kib = _proc_status_kib("VmHWM") if self.resettable else None
        if kib is None:  # ru_maxrss is KiB on Linux, bytes on macOS
            kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        return kib * 1024

    def peak_cuda(self) -> int | None:
        return torch.cuda.max_memory_allocated(self.device) if self.device.type == "cuda" else None


# ---- timing ----------------------------------------------------------------------------------------------------------


def synchronizer(device: torch.device) -> Callable[[], None]:
    """Waits for queued kernels, so a wall-clock interval covers the work it launched."""
    return (lambda: torch.cuda.synchronize(device)) if device.type == "cuda" else (lambda: None)


def time_calls(fn: Callable[[], object], runs: int, sync: Callable[[], None], warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    sync()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        sync()
        seconds.append(time.perf_counter() - start)
    return seconds


def network_and_matmul(
    run_network: Callable[[], object], device: torch.device, size: int, runs: int
) -> tuple[list[float], list[float]]:
    """Seconds of `runs` network passes, each followed by the median of 3 size x size float32 `torch.mm`.

    Interleaved so each (network, matmul) pair sees about the same contention from other work on a shared machine;
    their ratio is then steadier than either alone.
    """
    a = torch.randn(size, size, device=device)
    b = torch.randn(size, size, device=device)
    sync = synchronizer(device)
    network, matmul = [], []
    for _ in range(runs):
        network += time_calls(run_network, 1, sync, warmup=0 if network else 1)
        matmul.append(statistics.median(time_calls(lambda: torch.mm(a, b), 3, sync)))
    return network, matmul


# ---- FLOPs -----------------------------------------------------------------------------------------------------------


@dataclass
class AttentionTally:
    """SDPA FLOPs as executed, and the part spent on real (unmasked) query-key pairs."""

    executed: int = 0
    useful: int = 0

    def formula(self, query, key, value, *args, out_val=None, **kwargs) -> int:
        """Raw FlopCounterMode formula: sees the tensors, so it can read the patch padding mask.

        Serves `scaled_dot_product_attention` and the fused kernels it lowers to: their masks arrive as the keyword
        `attn_mask` (SDPA, CPU flash) or as the first tensor after q, k, v (`attn_bias` of the CUDA kernels).
        """
        flops = sdpa_flop_count(query.shape, key.shape, value.shape)
        self.executed += flops
        mask = kwargs.get("attn_mask")
        if mask is None:
            mask = next((a for a in args if isinstance(a, torch.Tensor)), None)
        if mask is None:
            self.useful += flops
            return flops
        # Broadcast the (P, 1, 1, K) key mask of a patch to (P, K): a padded slot is neither a useful query nor key.
        keys = mask.expand(query.shape[0], *mask.shape[1:]).reshape(query.shape[0], -1, mask.shape[-1])[:, 0]
        valid = (keys if keys.dtype == torch.bool else torch.isfinite(keys)).sum(1).to(torch.float64)
        per_pair = flops / (query.shape[0] * query.shape[-2] * key.shape[-2])
        self.useful += int(per_pair * float((valid * valid).sum()))
        return flops

    formula._get_raw = True  # type: ignore[attr-defined]  # FlopCounterMode: pass tensors, not shapes


def flop_kind(path: str, module: torch.nn.Module) -> str:
    """Which part of the network a leaf module's matmul FLOPs belong to."""
    if isinstance(module, SubMConv3d):
        return "sparse conv (gather + matmul)"
    if ".attn." in path:
        return "attention qkv/proj"
    if ".mlp." in path:
        return "block MLP"
    if ".cpe." in path:
        return "xCPE linear"
    if ".down." in path or ".up." in path:
        return "pooling / unpooling"
    if path.split(".")[-1] in {"fc1", "fc2", "fc3", "fc4"}:
        return "head MLP"
    return "other"


def conv_layers(model: torch.nn.Module) -> list[tuple[SubMConv3d, int]]:
    """Every sparse convolution of a Find3D model (or a bare PT3) with the U-Net level it runs on."""
    pt3 = getattr(model, "extractor", model)
    convs = [(pt3.embedding.stem.conv, 0)]
    for s in range(pt3.config.num_stages):
        convs += [(m, s) for m in pt3.enc[f"enc{s}"].modules() if isinstance(m, SubMConv3d)]
    for s in range(pt3.config.num_stages - 1):
        convs += [(m, s) for m in pt3.dec[f"dec{s}"].modules() if isinstance(m, SubMConv3d)]
    return convs


def conv_flops(model: torch.nn.Module, structure) -> tuple[int, int]:
    """(useful, dense) FLOPs of all sparse convolutions of one pass.

    Useful: 2 C_in C_out per neighbour pair that exists (the centre included). Dense: the same for all k^3 offsets of
    every voxel, what a gather with a zero row per missing neighbour multiplies.
    """
    useful = dense = 0
    for conv, s in conv_layers(model):
        out_c, *_, in_c = conv.weight.shape
        level = structure.levels[s]
        neighbors = level.neighbors[conv.kernel_size]
        useful += 2 * int((neighbors < level.num_points).sum()) * in_c * out_c
        dense += 2 * neighbors.numel() * in_c * out_c
    return useful, dense


def count_flops(model: torch.nn.Module, feat: torch.Tensor, structure) -> dict:
    """FLOPs (2 per multiply-add) of one network pass, by kind. Softmax, norms and activations are not counted.

    "total" is what the code executes (torch's counter). "useful" is what the maths needs: sparse-conv products of
    neighbour pairs that exist (`conv_flops`; the 5x5x5 stem runs dense, the 3x3x3 convs over existing pairs) and
    attention on unmasked slots; the linears are useful as they are.
    """
    tally = AttentionTally()
    aten = torch.ops.aten
    # SDPA itself is not in torch's FLOP registry and its CPU kernel is not either; registering every variant with
    # one tally counts each call once (a registered op is counted, not decomposed further).
    kernels = (
        "scaled_dot_product_attention",
        "_scaled_dot_product_flash_attention_for_cpu",
        "_scaled_dot_product_flash_attention",
        "_scaled_dot_product_efficient_attention",
        "_scaled_dot_product_cudnn_attention",
    )
    sdpa = {getattr(aten, k): tally.formula for k in kernels if hasattr(aten, k)}
    with torch.inference_mode(), FlopCounterMode(display=False, custom_mapping=sdpa) as counter:
        model(feat, structure)
    counts = counter.get_flop_counts()
    root = type(model).__name__
    leaves = {name: m for name, m in model.named_modules() if name and not list(m.children())}
    by_kind: dict[str, int] = {}
    for name, module in leaves.items():
        flops = sum(counts.get(f"{root}.{name}", {}).values())
        if flops:
            kind = flop_kind(name, module)
            by_kind[kind] = by_kind.get(kind, 0) + flops
    by_kind["attention core (SDPA)"] = tally.executed
    total = counter.get_total_flops()
    by_kind["other"] = by_kind.get("other", 0) + total - sum(by_kind.values())  # ops outside any leaf module
    conv_useful, conv_dense = conv_flops(model, structure)
    conv_executed = by_kind.get("sparse conv (gather + matmul)", 0)
    return {
        "total": total,
        "useful": total - conv_executed + conv_useful - tally.executed + tally.useful,
        "by_kind": {k: v for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1]) if v},
        "sdpa_useful": tally.useful,
        "conv_useful": conv_useful,
        "conv_dense": conv_dense,
    }


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2: the profiler's C++ side logs start/stop lines there, past Python's sys.stderr."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def profile_ops(model: torch.nn.Module, feat: torch.Tensor, structure, device: torch.device, top: int = 8) -> list:
    """Self time of the busiest aten ops over one network pass (torch profiler)."""
    from torch.profiler import ProfilerActivity, profile

    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
    sync = synchronizer(device)
    with quiet_stderr(), torch.inference_mode(), profile(activities=activities) as prof:
        model(feat, structure)
        sync()
    attr = "self_device_time_total" if device.type == "cuda" else "self_cpu_time_total"
    events = sorted(prof.key_averages(), key=lambda e: -getattr(e, attr))
    total = sum(getattr(e, attr) for e in events) or 1.0
    return [
        {"op": e.key, "ms": getattr(e, attr) / 1e3, "share": getattr(e, attr) / total, "calls": e.count}
        for e in events[:top]
    ]


# ---- cases -----------------------------------------------------------------------------------------------------------


def object_cloud(num_points: int, seed: int) -> PointCloud:
    """`num_points` coloured points sampled uniformly from a procedural mug (z up, metres)."""
    obj = build_object("mug", seed)
    o3d.utility.random.seed(seed)  # sample_points_uniformly draws from open3d's global generator
    sampled = obj.mesh.sample_points_uniformly(num_points)
    return PointCloud(
        xyz=np.asarray(sampled.points, dtype=np.float32), rgb=np.asarray(sampled.colors, dtype=np.float32)
    )


@dataclass
class Case:
    name: str
    predictor: Find3DPredictor
    cloud: PointCloud
    options: dict = field(default_factory=dict)  # extra `segment` keyword arguments


def capture_network_input(case: Case) -> tuple[torch.Tensor, object]:
    """The (feat, structure) the predictor feeds its network for this case: a pre-forward hook records them."""
    passes = []
    hook = case.predictor.model.register_forward_pre_hook(lambda module, args: passes.append(args))
    try:
        case.predictor.segment(case.cloud, QUERIES, **case.options)
    finally:
        hook.remove()
    if len(passes) != 1:
        raise RuntimeError(
            f"expected one pass of the torch model per call, saw {len(passes)} (backend {case.predictor.backend}): "
            "the network-alone timing and the FLOP count need the torch backend and a single batch"
        )
    return passes[0]


def stage_stats(timings: list[dict[str, float]], pick: Callable) -> dict[str, float]:
    return {s: pick([t.get(s, 0.0) for t in timings]) for s in STAGES}


def run_case(case: Case, runs: int, meter: MemoryMeter, matmul_size: int) -> dict:
    """Every figure of one case. Median and best (min) of the runs: on a shared machine the best run is the closest
    to an uncontended one, the median is what a caller typically gets."""
    pred, device = case.predictor, case.predictor.device
    sync = synchronizer(device)
    segment = lambda: pred.segment(case.cloud, QUERIES, **case.options)  # noqa: E731
    load_start = os.getloadavg()[0]

    meter.reset()
    rss_before = meter.rss()
    segment()  # warm-up: first-call allocations, kernel selection, text cache fill
    sync()
    timings, walls = [], []
    for _ in range(runs):
        start = time.perf_counter()
        seg = segment()
        sync()
        walls.append(time.perf_counter() - start)
        timings.append(seg.timings)
    peak_rss, peak_cuda = meter.peak_rss(), meter.peak_cuda()

    # The network alone, on the exact batch the predictor built, synchronised (stage clocks are not, on CUDA),
    # interleaved with the matmul that measures this machine's attainable rate.
    feat, structure = capture_network_input(case)
    with torch.inference_mode():
        network_s, matmul_s = network_and_matmul(lambda: pred.model(feat, structure), device, matmul_size, runs)

    encoder = pred.encoder
    texts = [format_query(q, case.options.get("object_name")) for q in QUERIES]

    def cold_text() -> None:
        encoder.clear_cache()
        encoder.encode(texts)

    text_cold_s = time_calls(cold_text, runs, sync)

    flops = count_flops(pred.model, feat, structure)
    mm_flops = 2 * matmul_size**3
    rates = [flops["total"] / t / 1e9 for t in network_s]
    useful_rates = [flops["useful"] / t / 1e9 for t in network_s]
    mm_rates = [mm_flops / t / 1e9 for t in matmul_s]
    with torch.inference_mode():
        layers = [hook_times(pred.model, lambda: pred.model(feat, structure)) for _ in range(3)]
    ms = lambda xs: [x * 1e3 for x in xs]  # noqa: E731
    return {
        "input_points": len(case.cloud),
        "objects": len(seg.objects),
        "object_points": [int(len(o)) for o in seg.objects],
        "model_points": int(feat.shape[0]),
        "level_points": [int(level.num_points) for level in structure.levels],
        "stages_ms": {k: v * 1e3 for k, v in stage_stats(timings, statistics.median).items()},
        "stages_best_ms": {k: v * 1e3 for k, v in stage_stats(timings, min).items()},
        "stage_sum_ms": statistics.median(sum(t.values()) for t in timings) * 1e3,
        "stage_sum_best_ms": min(sum(t.values()) for t in timings) * 1e3,
        "wall_ms": statistics.median(walls) * 1e3,
        "wall_runs_ms": ms(walls),
        "network_ms": statistics.median(network_s) * 1e3,
        "network_best_ms": min(network_s) * 1e3,
        "network_runs_ms": ms(network_s),
        "text_uncached_ms": statistics.median(text_cold_s) * 1e3,
        "gflops": flops["total"] / 1e9,
        "gflops_by_kind": {k: v / 1e9 for k, v in flops["by_kind"].items()},
        "sdpa_useful_gflops": flops["sdpa_useful"] / 1e9,
        "achieved_gflops_per_s": statistics.median(rates),
        "achieved_gflops_per_s_best": max(rates),
        "matmul": {
            "size": matmul_size,
            "gflops_per_s_median": statistics.median(mm_rates),
            "gflops_per_s_best": max(mm_rates),
        },
        "fraction_of_matmul": statistics.median(r / m for r, m in zip(rates, mm_rates)),  # per interleaved pair
        "fraction_of_matmul_best": max(rates) / max(mm_rates),
        # Useful FLOPs (pairs that exist, unmasked attention) at the measured matmul rate: the floor of the pass.
        "useful_gflops": flops["useful"] / 1e9,
        "conv_useful_gflops": flops["conv_useful"] / 1e9,
        "conv_dense_gflops": flops["conv_dense"] / 1e9,
        "useful_fraction_of_matmul": statistics.median(r / m for r, m in zip(useful_rates, mm_rates)),
        "useful_fraction_of_matmul_best": max(useful_rates) / max(mm_rates),
        "layer_ms": {k: min(run[k] for run in layers) * 1e3 for k in layers[0]},  # best of 3 hooked passes
        "peak_rss_mib": peak_rss / MIB,
        "rss_before_mib": rss_before / MIB,
        "peak_rss_increase_mib": (peak_rss - rss_before) / MIB,
        "peak_cuda_mib": None if peak_cuda is None else peak_cuda / MIB,
        "load_average_1min": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "top_ops": profile_ops(pred.model, feat, structure, device),
    }


# ---- report ----------------------------------------------------------------------------------------------------------


def _columns(title: str, first: str, names: list[str]) -> Table:
    table = Table(title=title)
    table.add_column(first)
    for n in names:
        table.add_column(n, justify="right")
    return table


def _sdpa(case: dict) -> float:
    return case["gflops_by_kind"].get("attention core (SDPA)", 0.0)


def _mm(case: dict) -> tuple[float, float]:
    return case["matmul"]["gflops_per_s_median"], case["matmul"]["gflops_per_s_best"]


def _fraction(case: dict) -> tuple[float, float]:
    return case["fraction_of_matmul"], case["fraction_of_matmul_best"]


def render(console: Console, report: dict) -> None:
    m, cases = report["machine"], report["cases"]
    names = list(cases)
    console.print(
        f"[bold]Find3D inference benchmark[/] - {m['cpu']}, {m['nproc']} CPUs visible, {m['torch_threads']} torch "
        f"threads, torch {m['torch']}, device {m['device']}{', ' + m['gpu'] if 'gpu' in m else ''}"
    )
    console.print(
        f"model: {report['model']['parameters'] / 1e6:.1f}M parameters ({report['model']['weights']} weights), "
        f"text encoder {report['model']['text_encoder']}; {report['runs']} timed runs after 1 warm-up; "
        f"startup (model + text encoder) {report['startup_s']:.2f} s"
    )

    stages = _columns("Latency per stage, ms: median (best)", "stage", names)
    both = lambda med, best: f"{med:.1f} ({best:.1f})"  # noqa: E731
    for s in STAGES:
        stages.add_row(s, *(both(cases[n]["stages_ms"][s], cases[n]["stages_best_ms"][s]) for n in names))
    sums = (both(cases[n]["stage_sum_ms"], cases[n]["stage_sum_best_ms"]) for n in names)
    stages.add_row("[bold]sum of stages", *(f"[bold]{x}" for x in sums))
    stages.add_row("wall time of segment(), median", *(f"{cases[n]['wall_ms']:.1f}" for n in names))
    stages.add_row("network alone", *(both(cases[n]["network_ms"], cases[n]["network_best_ms"]) for n in names))
    stages.add_row("text, uncached (3 queries), median", *(f"{cases[n]['text_uncached_ms']:.1f}" for n in names))
    console.print(stages)

    size = cases[names[0]]["matmul"]["size"]
    summary = _columns("Size, FLOPs, throughput, memory", "", names)
    rows = [
        ("input points", lambda c: f"{c['input_points']:,}"),
        ("objects segmented (points)", lambda c: f"{c['objects']} ({', '.join(f'{p:,}' for p in c['object_points'])})"),
        ("network points per level", lambda c: " / ".join(f"{p:,}" for p in c["level_points"])),
        ("network GFLOPs executed", lambda c: f"{c['gflops']:.1f}"),
        ("network GFLOPs useful (existing pairs, unmasked slots)", lambda c: f"{c['useful_gflops']:.1f}"),
        ("  sparse conv GFLOPs: useful of dense-map", lambda c: f"{c['conv_useful_gflops']:.2f} of {c['conv_dense_gflops']:.2f}"),
        ("  SDPA GFLOPs on unpadded slots", lambda c: f"{c['sdpa_useful_gflops']:.1f} of {_sdpa(c):.1f}"),
        ("network GFLOP/s, median (best)", lambda c: both(c["achieved_gflops_per_s"], c["achieved_gflops_per_s_best"])),
        (f"fp32 {size}^2 mm GFLOP/s, median (best)", lambda c: both(*_mm(c))),
        ("fraction of mm rate, paired median (best/best)", lambda c: "{:.0%} ({:.0%})".format(*_fraction(c))),
        ("  on useful FLOPs = floor / time", lambda c: "{:.0%} ({:.0%})".format(
            c["useful_fraction_of_matmul"], c["useful_fraction_of_matmul_best"])),
        ("RSS before the case (MiB)", lambda c: f"{c['rss_before_mib']:.0f}"),
        ("peak RSS during runs (MiB)", lambda c: f"{c['peak_rss_mib']:.0f}"),
        ("peak RSS increase (MiB)", lambda c: f"{c['peak_rss_increase_mib']:.0f}"),
        ("1-min load average, start/end", lambda c: " / ".join(str(x) for x in c["load_average_1min"])),
    ]
    if any(cases[n]["peak_cuda_mib"] is not None for n in names):
        rows.append(("peak CUDA allocated (MiB)", lambda c: f"{c['peak_cuda_mib']:.0f}"))
    for label, fmt in rows:
        summary.add_row(label, *(fmt(cases[n]) for n in names))
    console.print(summary)
    console.print(f"memory: {report['memory_measures']}")

    kinds = _columns("Network GFLOPs by kind", "kind", names)
    for kind in dict.fromkeys(k for n in names for k in cases[n]["gflops_by_kind"]):
        kinds.add_row(kind, *(f"{cases[n]['gflops_by_kind'].get(kind, 0.0):.2f}" for n in names))
    console.print(kinds)

    layers = _columns("Network time by layer type, ms (forward hooks, best of 3 passes)", "layer type", names)
    for kind in dict.fromkeys(k for n in names for k in cases[n]["layer_ms"]):
        layers.add_row(kind, *(f"{cases[n]['layer_ms'].get(kind, 0.0):.1f}" for n in names))
    console.print(layers)

    for n in names:
        ops = Table(title=f"{n}: busiest ops in one network pass (profiler self time)")
        for col in ("op", "ms", "share", "calls"):
            ops.add_column(col, justify="left" if col == "op" else "right")
        for op in cases[n]["top_ops"]:
            ops.add_row(op["op"], f"{op['ms']:.1f}", f"{op['share']:.0%}", str(op["calls"]))
        console.print(ops)
    for note in report["notes"]:
        console.print(f"note: {note}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkpoint", type=Path, help="weights to time (default: the shipped model)")
    parser.add_argument("--published-config", action="store_true",
                        help="time Find3D's published configuration (46M parameters) with untrained weights instead")
    parser.add_argument("--device", default="cpu", help="torch device: cpu (default), cuda, cuda:1")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case after one warm-up (default 5)")
    parser.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's choice)")
    parser.add_argument("--skip-scene", action="store_true", help="only the 5,000-point object case")
    parser.add_argument("--scene-cloud", type=Path, default=DEFAULT_SCENE, help="scan for the scene case")
    parser.add_argument("--object-points", type=int, default=5000, help="points sampled from the mug (default 5000)")
    parser.add_argument("--matmul-size", type=int, default=2048, help="square fp32 matmul size for the rate (2048)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be >= 1")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be >= 1")
    if args.object_points < 100:
        parser.error("--object-points must be >= 100")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        console.print(f"[red]--device {args.device}: CUDA is not available in this torch build or machine[/]")
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    logging.getLogger("find3d_core").setLevel(logging.ERROR)  # the "untrained weights" warning is expected here

    start = time.perf_counter()
    if args.published_config:
        model, encoder, info = untrained_model(DEFAULT_TEXT_ENCODER, device)
        predictor = Find3DPredictor(model, encoder, info)
    else:
        predictor = Find3DPredictor.from_checkpoint(args.checkpoint, device=device)  # default: the shipped model
    predictor.encoder.encode(["warm-up"])  # load the text model now, not inside the first case
    startup = time.perf_counter() - start

    meter = MemoryMeter(device)
    notes = [
        "FLOPs count 2 per multiply-add of matmuls (linear, sparse conv, SDPA); softmax, norms, activations and "
        "gathers are not counted. Executed: what the code multiplies; useful: sparse-conv products of neighbour "
        "pairs that exist and attention on unmasked slots",
        "text stage in the table is the per-query cache hit a robot with standing queries sees; "
        "'text, uncached' re-encodes the queries",
    ]
    if not predictor.info.trained:
        notes.insert(
            0,
            "weights are untrained (no checkpoint given or shipped); the network has no data-dependent branches, "
            "so timing and FLOPs are those of a trained model of the same configuration",
        )
    if device.type == "cuda":
        notes.append("stage clocks are not synchronised on CUDA: network time can show up under 'scoring'")

    cases = [Case("object", predictor, object_cloud(args.object_points, args.seed), {"object_name": "mug"})]
    if args.skip_scene:
        notes.append("scene case skipped (--skip-scene)")
    elif not args.scene_cloud.is_file():
        console.print(f"[yellow]scene case skipped: {args.scene_cloud} not found (shared data absent)[/]")
        notes.append(f"scene case skipped: {args.scene_cloud} not found")
    else:
        # The scan is in the camera optical frame (y down, z forward): up is -y. Share the loaded model.
        scene_predictor = Find3DPredictor(
            predictor.model, predictor.encoder, predictor.info, up_axis="-y"
        )
        cases.append(Case("scene", scene_predictor, read_cloud(args.scene_cloud), {"scene": True}))

    results = {}
    for case in cases:
        console.print(f"running {case.name} ({len(case.cloud):,} points, {args.runs} runs) ...")
        results[case.name] = run_case(case, args.runs, meter, args.matmul_size)

    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine_info(device),
        "model": {
            "parameters": sum(p.numel() for p in predictor.model.parameters()),
            "weights": "trained" if predictor.info.trained else "untrained",
            "text_encoder": f"{predictor.encoder.name} ({predictor.encoder.dim}-d)",
        },
        "runs": args.runs,
        "startup_s": startup,
        "memory_measures": meter.what,
        "cases": results,
        "notes": notes,
    }
    render(console, report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
        console.print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
