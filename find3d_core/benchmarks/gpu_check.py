#!/usr/bin/env python
"""One GPU check: every backend on CUDA against the CPU result, their timings, a few CUDA training steps.

Run on a machine with an NVIDIA GPU (through `scripts/gpu_check.sh`, which bounds it to 8 minutes):
  1. torch on CUDA, fp32 and bf16 / fp16 autocast: embeddings against the CPU model on the same voxels (relative
     error) and the predictor's labels against the CPU predictor's (agreement), on an object and a 640x480 frame;
  2. onnxruntime with its CUDA execution provider (checked to be the provider that runs), same comparisons;
  3. a TensorRT engine built from the exported graph (fp32, then fp16 where TensorRT 10 allows), same comparisons;
  4. the predictor's wall time and the network alone, for every backend that ran, on the object and the frame;
  5. a few training steps of the published configuration on CUDA (bf16 autocast, as the trainer does), and one fp32
     step whose gradients are compared with the CPU's.
Everything that cannot run (no CUDA device, a package missing, out of time) is reported as skipped with the reason;
the CPU reference part always runs, and the JSON + markdown reports are always written.

Inputs: the shipped model (or --checkpoint) and, for training and the CUDA-vs-CPU network check, Find3D's published
configuration with seeded weights. The object is 5,000 points of the procedural mug; the frame is the real PCL table
scan when ../shared/data is present, else the built-in 640x480 demo tabletop.

    .venv/bin/python find3d_core/benchmarks/gpu_check.py --out out/gpu_check [--budget-s 420] [--checkpoint F]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[2]
TABLE_SCAN = REPO.parent / "shared" / "data" / "real_scans" / "table_scene_mug_stereo_textured.pcd"
QUERIES = ["handle", "body", "rim"]
# Bars: fp32 on the GPU must meet the parity bar; autocast is judged by what a user sees, the labels.
FP32_RELATIVE_ERROR = 1e-4
LOW_PRECISION_RELATIVE_ERROR = 5e-2
FP32_LABEL_AGREEMENT = 0.995
LOW_PRECISION_LABEL_AGREEMENT = 0.95
GRAD_RELATIVE_ERROR = 1e-3


@dataclass
class Check:
    """One line of the report."""

    name: str
    status: str = "skipped"  # pass, fail, skipped
    reason: str = ""
    figures: dict = field(default_factory=dict)
    seconds: float = 0.0


class Skip(Exception):
    """A check that cannot run here, with the reason."""


@dataclass
class Case:
    name: str
    cloud: object  # PointCloud
    scene: bool
    up_axis: str


class Runner:
    """Runs checks in order within a time budget; a failing or skipped check does not stop the rest."""

    def __init__(self, budget_s: float) -> None:
        self.deadline = time.monotonic() + budget_s
        self.checks: list[Check] = []

    def run(self, name: str, fn: Callable[[], dict], needs_s: float = 0.0) -> Check:
        check = Check(name)
        self.checks.append(check)
        left = self.deadline - time.monotonic()
        if left < needs_s:
            check.reason = f"out of time: {left:.0f} s left of the budget, this check needs about {needs_s:.0f} s"
            return check
        start = time.perf_counter()
        try:
            check.figures = fn()
            check.status = "fail" if check.figures.pop("failed", None) else "pass"
            check.reason = check.figures.pop("why", "")
        except Skip as why:
            check.reason = str(why)
        except Exception as error:  # a broken backend is a finding, not the end of the check
            check.status = "fail"
            check.reason = f"{type(error).__name__}: {error}"
            check.figures["traceback"] = traceback.format_exc(limit=4)
        check.seconds = time.perf_counter() - start
        print(
            f"[{check.status:>7}] {name} ({check.seconds:.1f} s){': ' + check.reason if check.reason else ''}",
            flush=True,
        )
        return check


# ---- environment -----------------------------------------------------------------------------------------------------


def environment() -> dict:
    info = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_cuda_build": torch.version.cuda,
        "cuda_available": torch.cuda.is_available(),
        "cpu_threads": torch.get_num_threads(),
    }
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
        info["compute_capability"] = ".".join(map(str, torch.cuda.get_device_capability(0)))
        info["bf16_supported"] = torch.cuda.is_bf16_supported()
    for module in ("onnxruntime", "tensorrt", "onnx", "onnxscript"):
        try:
            imported = __import__(module)
            info[module] = getattr(imported, "__version__", "installed")
        except ImportError:
            info[module] = None
    if info["onnxruntime"]:
        import onnxruntime

        info["onnxruntime_providers"] = onnxruntime.get_available_providers()
    return info


def require_cuda() -> None:
    if not torch.cuda.is_available():
        raise Skip(
            "no CUDA device: torch.cuda.is_available() is False "
            f"(torch {torch.__version__}, CUDA build {torch.version.cuda or 'none'})"
        )


def require_module(name: str, install: str) -> None:
    try:
        __import__(name)
    except ImportError:
        raise Skip(f"{name} is not installed ({install})") from None


# ---- inputs and comparisons ------------------------------------------------------------------------------------------


def cases(object_points: int) -> list[Case]:
    from find3d_core.engine.catalog import procedural_cloud
    from find3d_core.engine.demo_scene import make_demo_scene
    from find3d_core.geometry.io import read_cloud

    frame = (
        Case("frame (PCL table scan, 640x480)", read_cloud(TABLE_SCAN), True, "-y")
        if TABLE_SCAN.is_file()
        else Case("frame (demo tabletop, 640x480)", make_demo_scene(seed=0).cloud, True, "-y")
    )
    return [Case("object (procedural mug)", procedural_cloud("mug", object_points, 0), False, "z"), frame]


def network_batch(predictor, case: Case) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """feat, grid and offset (CPU) of every object the predictor cuts from the case: one batched pass."""
    from find3d_core.inference.predictor import SegmentOptions

    objects = predictor.prepare(case.cloud, SegmentOptions(scene=case.scene, up_axis=case.up_axis))
    feat = torch.from_numpy(np.concatenate([o.model_input.feat for o in objects]))
    grid = torch.from_numpy(np.concatenate([o.model_input.grid_coord for o in objects]))
    offset = torch.tensor(np.cumsum([len(o.model_input.feat) for o in objects]))
    return feat, grid, offset


def relative_error(out: torch.Tensor, ref: torch.Tensor) -> float:
    return float((out.double().cpu() - ref.double().cpu()).norm() / ref.double().cpu().norm())


def timed(fn: Callable[[], object], runs: int, sync: bool) -> list[float]:
    fn()  # warm-up: kernel selection, allocator, caches
    out = []
    for _ in range(runs):
        if sync:
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if sync:
            torch.cuda.synchronize()
        out.append(time.perf_counter() - start)
    return out


class Reference:
    """The CPU predictor's embeddings and labels for each case: what every other backend is compared with."""

    def __init__(self, checkpoint: str | None, case_list: list[Case], runs: int) -> None:
        from find3d_core.inference.predictor import Find3DPredictor

        self.checkpoint = checkpoint
        self.cases = case_list
        self.runs = runs
        self.predictor = Find3DPredictor.from_checkpoint(checkpoint, device="cpu")
        self.batches = {c.name: network_batch(self.predictor, c) for c in case_list}
        self.embeddings, self.labels = {}, {}
        for c in case_list:
            feat, grid, offset = self.batches[c.name]
            with torch.inference_mode():
                self.embeddings[c.name] = self.predictor.model(feat, self.predictor.model.structure(grid, offset))
            self.labels[c.name] = self.segment(self.predictor, c).labels

    @staticmethod
    def segment(predictor, case: Case):
        return predictor.segment(case.cloud, QUERIES, scene=case.scene, up_axis=case.up_axis)

    def compare(self, predictor, fp32: bool) -> dict:
        """Embedding error and label agreement of `predictor` (any backend) on every case, with timings."""
        sync = torch.cuda.is_available()
        device = predictor.backend.device  # where this backend wants the geometry (onnxruntime: the CPU)
        figures, failed = {}, []
        for c in self.cases:
            feat, grid, offset = self.batches[c.name]
            structure = predictor.model.structure(grid.to(device), offset.to(device))
            feat_d = feat.to(device)
            out = predictor.backend.run(feat_d, structure)
            error = relative_error(out, self.embeddings[c.name])
            labels = self.segment(predictor, c).labels
            agreement = float((labels == self.labels[c.name]).mean())
            network = timed(lambda f=feat_d, st=structure: predictor.backend.run(f, st), self.runs, sync)
            wall = timed(lambda case=c: self.segment(predictor, case), self.runs, sync)
            figures[c.name] = {
                "points": int(feat.shape[0]),
                "relative_error_vs_cpu": error,
                "label_agreement_vs_cpu": agreement,
                "network_ms_median": statistics.median(network) * 1e3,
                "segment_ms_median": statistics.median(wall) * 1e3,
            }
            bar_error = FP32_RELATIVE_ERROR if fp32 else LOW_PRECISION_RELATIVE_ERROR
            bar_agree = FP32_LABEL_AGREEMENT if fp32 else LOW_PRECISION_LABEL_AGREEMENT
            if error > bar_error or agreement < bar_agree:
                failed.append(
                    f"{c.name}: error {error:.1e} (bar {bar_error:.0e}), labels {agreement:.1%} (bar {bar_agree:.1%})"
                )
        if failed:
            figures["failed"] = True
            figures["why"] = "; ".join(failed)
        return figures


# ---- checks ----------------------------------------------------------------------------------------------------------


def cpu_baseline(ref: Reference) -> dict:
    return ref.compare(ref.predictor, fp32=True)  # error 0 and agreement 1 by construction: the timings matter


def torch_cuda(ref: Reference, precision: str) -> dict:
    require_cuda()
    if precision == "bf16" and not torch.cuda.is_bf16_supported():
        raise Skip(f"{torch.cuda.get_device_name(0)} does not support bf16")
    from find3d_core.inference.predictor import Find3DPredictor

    torch.backends.cuda.matmul.allow_tf32 = False  # fp32 must mean fp32 against the parity bar
    predictor = Find3DPredictor.from_checkpoint(
        ref.checkpoint, device="cuda", backend="torch", backend_options={"precision": precision}
    )
    return ref.compare(predictor, fp32=precision == "fp32")


def onnxruntime_cuda(ref: Reference, onnx_path: Path) -> dict:
    require_cuda()
    require_module("onnxruntime", "pip install onnxruntime-gpu")
    import onnxruntime

    if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
        raise Skip(
            f"onnxruntime has no CUDA provider here (available: {onnxruntime.get_available_providers()}); "
            "install onnxruntime-gpu in place of onnxruntime"
        )
    from find3d_core.inference.predictor import Find3DPredictor

    predictor = Find3DPredictor.from_checkpoint(
        ref.checkpoint,
        device="cuda",
        backend="onnxruntime",
        backend_options={"onnx_path": str(onnx_path), "providers": ["CUDAExecutionProvider"]},
    )
    used = predictor.backend.providers
    if used[0] != "CUDAExecutionProvider":
        return {"failed": True, "why": f"session fell back to {used}", "providers": used}
    figures = ref.compare(predictor, fp32=True)
    figures["providers"] = used
    return figures


def tensorrt_engine(ref: Reference, onnx_path: Path, precision: str, cache: Path) -> dict:
    require_cuda()
    require_module("tensorrt", "pip install tensorrt")
    from find3d_core.inference.predictor import Find3DPredictor

    start = time.perf_counter()
    predictor = Find3DPredictor.from_checkpoint(
        ref.checkpoint,
        device="cuda",
        backend="tensorrt",
        backend_options={"onnx_path": str(onnx_path), "precision": precision, "cache": str(cache)},
    )
    build_s = time.perf_counter() - start
    figures = ref.compare(predictor, fp32=precision == "fp32")
    figures["engine_build_s"] = build_s
    return figures


def export_graph(ref: Reference, directory: Path) -> tuple[dict, Path]:
    require_module("onnxscript", "pip install 'find3d_core[deploy]'")
    from find3d_core.deploy.export import export_onnx

    path = directory / "model.onnx"
    result = export_onnx(ref.predictor.model, path)
    return {"seconds": result.seconds, "opset": result.opset, "megabytes": path.stat().st_size / 2**20}, path


def training_steps(steps: int) -> dict:
    """Published configuration on two procedural objects: CUDA steps under bf16 autocast, and one fp32 step whose
    gradients are compared with the same step on the CPU."""
    require_cuda()
    from find3d_core.engine.catalog import procedural_cloud
    from find3d_core.geometry.preprocess import preprocess
    from find3d_core.model.config import Find3DConfig
    from find3d_core.model.find3d import Find3DModel

    inputs = [preprocess(procedural_cloud(c, 5000, i)) for i, c in enumerate(["mug", "bottle"])]
    feat = torch.from_numpy(np.concatenate([m.feat for m in inputs]))
    grid = torch.from_numpy(np.concatenate([m.grid_coord for m in inputs]))
    offset = torch.tensor(np.cumsum([len(m.feat) for m in inputs]))
    torch.manual_seed(0)
    cpu_model = Find3DModel(Find3DConfig(text_dim=768))  # Find3D's published backbone, SigLIP-sized head
    target = torch.nn.functional.normalize(
        torch.randn(len(feat), 768, generator=torch.Generator().manual_seed(1)), dim=1
    )

    def loss_of(model: Find3DModel, device: str, autocast: bool) -> torch.Tensor:
        structure = model.structure(grid.to(device), offset.to(device))
        with torch.autocast(device, dtype=torch.bfloat16, enabled=autocast):
            out = model(feat.to(device), structure)
        return 1 - torch.nn.functional.cosine_similarity(out.float(), target.to(device), dim=1).mean()

    # Gradients of one fp32 step (drop path off: eval mode keeps the step deterministic, BatchNorm uses its stats).
    cuda_model = Find3DModel(cpu_model.config).cuda()
    cuda_model.load_state_dict(cpu_model.state_dict())
    torch.backends.cuda.matmul.allow_tf32 = False
    grads = []
    for model, device in ((cpu_model, "cpu"), (cuda_model, "cuda")):
        model.eval().zero_grad()
        loss_of(model, device, autocast=False).backward()
        grads.append(torch.cat([p.grad.flatten().cpu() for p in model.parameters() if p.grad is not None]))
    grad_error = relative_error(grads[1], grads[0])

    cuda_model.train()
    optimizer = torch.optim.Adam(cuda_model.parameters(), lr=3e-4)
    losses, seconds = [], []
    for _ in range(steps):
        torch.cuda.synchronize()
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(cuda_model, "cuda", autocast=True)
        loss.backward()
        optimizer.step()
        torch.cuda.synchronize()
        seconds.append(time.perf_counter() - start)
        losses.append(float(loss))
    figures = {
        "points_per_step": int(len(feat)),
        "gradient_relative_error_fp32_vs_cpu": grad_error,
        "losses": losses,
        "step_ms_median_after_first": statistics.median(seconds[1:] or seconds) * 1e3,
        "peak_cuda_mib": torch.cuda.max_memory_allocated() / 2**20,
    }
    problems = []
    if grad_error > GRAD_RELATIVE_ERROR:
        problems.append(f"fp32 gradients differ from the CPU's by {grad_error:.1e} (bar {GRAD_RELATIVE_ERROR:.0e})")
    if not all(np.isfinite(losses)) or losses[-1] >= losses[0]:
        problems.append(f"loss did not fall over {steps} steps: {losses[0]:.4f} -> {losses[-1]:.4f}")
    if problems:
        figures.update(failed=True, why="; ".join(problems))
    return figures


# ---- report ----------------------------------------------------------------------------------------------------------


def markdown(report: dict) -> str:
    env = report["environment"]
    lines = [
        "# find3d GPU check",
        "",
        f"- when: {report['finished']} UTC, {report['seconds']:.0f} s of a {report['budget_s']:.0f} s budget",
        f"- GPU: {env.get('gpu', 'none (CUDA not available)')}; torch {env['torch']} (CUDA build {env['torch_cuda_build']})",
        f"- onnxruntime {env['onnxruntime']} (providers: {', '.join(env.get('onnxruntime_providers', []) or ['-'])}); "
        f"tensorrt {env['tensorrt']}",
        f"- model: {report['model']}",
        "",
        "| check | status | seconds | note |",
        "|---|---|---:|---|",
    ]
    for c in report["checks"]:
        lines.append(f"| {c['name']} | {c['status']} | {c['seconds']:.1f} | {c['reason'] or ''} |")
    timing_rows = []
    for c in report["checks"]:
        for case, f in c["figures"].items():
            if isinstance(f, dict) and "segment_ms_median" in f:
                timing_rows.append(
                    f"| {c['name']} | {case} | {f['points']:,} | {f['network_ms_median']:.1f} | "
                    f"{f['segment_ms_median']:.1f} | {f['relative_error_vs_cpu']:.1e} | {f['label_agreement_vs_cpu']:.2%} |"
                )
    if timing_rows:
        lines += [
            "",
            "| backend | input | network points | network ms (median) | segment() ms (median) | rel. error vs CPU | labels = CPU |",
            "|---|---|---:|---:|---:|---:|---:|",
            *timing_rows,
        ]
    cannot = [c for c in report["checks"] if c["status"] == "skipped"]
    if cannot:
        lines += ["", "Not run here:", *[f"- {c['name']}: {c['reason']}" for c in cannot]]
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "out" / "gpu_check", help="report folder")
    parser.add_argument("--checkpoint", help="weights to check (default: the shipped model)")
    parser.add_argument("--budget-s", type=float, default=420.0, help="stop starting checks after this (420)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per backend and input (5)")
    parser.add_argument("--train-steps", type=int, default=5, help="CUDA training steps (5)")
    parser.add_argument("--object-points", type=int, default=5000)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.train_steps < 2 or args.budget_s <= 0:
        parser.error("--runs >= 1, --train-steps >= 2 and --budget-s > 0 please")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    runner = Runner(args.budget_s)
    env = environment()
    print(f"GPU check: {env.get('gpu') or 'no CUDA device - the GPU checks will say so and be skipped'}", flush=True)
    ref_box: dict = {}
    with tempfile.TemporaryDirectory(prefix="gpu_check_") as tmp:
        work = Path(tmp)

        def load_reference() -> dict:
            ref_box["ref"] = Reference(args.checkpoint, cases(args.object_points), args.runs)
            return {
                c.name: {"network_points": int(ref_box["ref"].batches[c.name][0].shape[0])}
                for c in ref_box["ref"].cases
            }

        def needs_reference() -> Reference:
            if "ref" not in ref_box:
                raise Skip("the CPU reference could not be built (see its line)")
            return ref_box["ref"]

        runner.run("CPU reference (predictor on the CPU, fp32)", load_reference)
        runner.run("torch CPU fp32 (timings)", lambda: cpu_baseline(needs_reference()))
        for precision in ("fp32", "bf16", "fp16"):
            runner.run(f"torch CUDA {precision}", lambda p=precision: torch_cuda(needs_reference(), p), needs_s=20)
        onnx_box: dict = {}

        def export() -> dict:
            require_cuda()  # the graph is only needed by the GPU backends
            figures, onnx_box["path"] = export_graph(needs_reference(), work)
            return figures

        def needs_onnx() -> Path:
            if "path" not in onnx_box:
                raise Skip("no exported graph (see the ONNX export line)")
            return onnx_box["path"]

        runner.run("ONNX export (for onnxruntime and TensorRT)", export, needs_s=60)
        runner.run("onnxruntime CUDA provider", lambda: onnxruntime_cuda(needs_reference(), needs_onnx()), needs_s=30)
        for precision in ("fp32", "fp16"):
            runner.run(
                f"TensorRT engine {precision}",
                lambda p=precision: tensorrt_engine(needs_reference(), needs_onnx(), p, work / "cache"),
                needs_s=150,
            )
        runner.run(
            f"training steps on CUDA (published config, {args.train_steps} steps)",
            lambda: training_steps(args.train_steps),
            needs_s=40,
        )

    report = {
        "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "seconds": time.perf_counter() - started,
        "budget_s": args.budget_s,
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "model": args.checkpoint or "the shipped default model",
        "environment": env,
        "checks": [dataclasses.asdict(c) for c in runner.checks],
    }
    write_atomic(args.out / "gpu_check.json", json.dumps(report, indent=2, default=str))
    write_atomic(args.out / "gpu_check.md", markdown(report))
    print(f"wrote {args.out / 'gpu_check.json'} and {args.out / 'gpu_check.md'}")
    failed = [c.name for c in runner.checks if c.status == "fail"]
    if failed:
        print(f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
