#!/usr/bin/env python
"""The network pass alone, this tree against an older commit, in one run: latency, useful FLOPs, time per layer type.

Inputs (built once, here, and handed to both versions as tensors, so both see the same voxels):
  mug     5,000 points sampled from the procedural mug, Find3D preprocessing (0.02 grid)      ~4.4k voxels
  mickey  ../shared/data/find3d_demo/mickey.pcd, Find3D's demo object, same preprocessing      ~3.1k voxels
  frame   ../shared/data/real_scans/laptop_kinect_frame.pcd, a whole Kinect 640x480 frame, 100k points on a
          0.008 grid (no scene split: the largest single input a frame can give)                ~20.8k voxels
Models: Find3D's published configuration (46M parameters, seeded weights, 768-d head as with SigLIP) and the shipped
slim model (its trained checkpoint). Inputs whose file is absent are skipped with a message.

Each version runs in its own worker process (`--worker`), importing its own `find3d_core`: this tree's, and with
`--old-root` the one of another checkout (e.g. `git worktree add /tmp/old8f7 8f7e7c6`). The parent sends one pass at
a time, alternating versions, so both see the same contention from other work on a shared machine; each worker also
times a 2048^2 float32 torch.mm between passes, the attainable matmul rate.

FLOPs (2 per multiply-add, counted by torch's FlopCounterMode on this tree's model, see `bench_inference.count_flops`):
  executed  what a version multiplies: the old dense sparse conv counts k^3 rows per voxel, zeros for missing ones;
  useful    what the maths needs: convolution products of neighbour pairs that exist, linears, attention on
            unmasked slots. Useful FLOPs / matmul rate is the floor: the time at the rate of a large matmul.
Time per layer type comes from forward hooks on one extra pass (inclusive module times; "glue" is the rest).

This prints figures and asserts nothing. From the repository root:
    .venv/bin/python find3d_core/benchmarks/bench_network.py --old-root /tmp/old8f7 --threads 1 --rounds 7
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
MICKEY = DATA / "find3d_demo" / "mickey.pcd"
FRAME = DATA / "real_scans" / "laptop_kinect_frame.pcd"
MATMUL_SIZE = 2048


# ---- inputs and models (parent, this tree) ---------------------------------------------------------------------------


def build_inputs(seed: int) -> dict[str, dict[str, torch.Tensor]]:
    """feat, grid and offset of every available input, preprocessed by this tree."""
    from find3d_core.engine.catalog import procedural_cloud
    from find3d_core.geometry.io import read_cloud
    from find3d_core.geometry.preprocess import PreprocessConfig, preprocess

    clouds = {"mug": (procedural_cloud("mug", 5000, seed), PreprocessConfig(seed=seed))}
    if MICKEY.is_file():
        clouds["mickey"] = (read_cloud(MICKEY), PreprocessConfig(seed=seed))
    else:
        print(f"mickey skipped: {MICKEY} not found (shared data absent)")
    if FRAME.is_file():
        frame = read_cloud(FRAME)
        clouds["frame"] = (
            frame.select(frame.finite_mask()),
            PreprocessConfig(num_points=100_000, grid_size=0.008, seed=seed),
        )
    else:
        print(f"frame skipped: {FRAME} not found (shared data absent)")
    inputs = {}
    for name, (cloud, config) in clouds.items():
        m = preprocess(cloud, config)
        grid = torch.from_numpy(m.grid_coord)
        inputs[name] = {"feat": torch.from_numpy(m.feat), "grid": grid, "offset": torch.tensor([len(grid)])}
    return inputs


def build_models() -> dict[str, dict]:
    """Config dict and state dict of each model to time."""
    from find3d_core.inference.loading import default_checkpoint
    from find3d_core.model.checkpoint import load_checkpoint
    from find3d_core.model.config import Find3DConfig, PT3Config
    from find3d_core.model.find3d import Find3DModel

    torch.manual_seed(0)
    published = Find3DModel(Find3DConfig(PT3Config(), text_dim=768))
    models = {"published": {"config": published.config.to_dict(), "state": published.state_dict()}}
    checkpoint = default_checkpoint()
    if checkpoint is None:
        print("slim model skipped: no shipped checkpoint")
    else:
        slim, _ = load_checkpoint(checkpoint)
        models["slim"] = {"config": slim.config.to_dict(), "state": slim.state_dict()}
    return models


def count_useful_flops(models: dict, inputs: dict) -> dict:
    """Useful and executed FLOPs of this tree's network per (model, input), by kind."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_inference import count_flops

    from find3d_core.model.config import Find3DConfig
    from find3d_core.model.find3d import Find3DModel

    out = {}
    for mname, m in models.items():
        model = Find3DModel(Find3DConfig.from_dict(m["config"]))
        model.load_state_dict(m["state"])
        model.eval()
        for cname, x in inputs.items():
            structure = model.structure(x["grid"], x["offset"])
            flops = count_flops(model, x["feat"], structure)
            out[f"{mname}/{cname}"] = {
                "useful": flops["useful"],
                "executed_new": flops["total"],
                # The old code multiplied every 3x3x3 conv over the dense map too.
                "executed_old": flops["total"] + flops["conv_dense"] - conv_executed(flops),
                "conv_useful": flops["conv_useful"],
                "conv_dense": flops["conv_dense"],
                "by_kind": flops["by_kind"],
                "voxels": [lvl.num_points for lvl in structure.levels],
            }
    return out


def conv_executed(flops: dict) -> int:
    return flops["by_kind"].get("sparse conv (gather + matmul)", 0)


# ---- worker (either version) -----------------------------------------------------------------------------------------


def layer_kind(path: str) -> str | None:
    """Time bucket of a module path, or None for modules timed through a parent."""
    last = path.split(".")[-1]
    if path.endswith("conv") and "cpe" not in path or path.endswith("cpe.0"):
        return "sparse conv"
    if path.endswith(".attn"):
        return "attention core (gathers, SDPA, layout copies)"
    if path.endswith("attn.qkv") or path.endswith("attn.proj"):
        return "attention qkv/proj linears"
    if path.endswith("mlp.0"):
        return "block MLP (fc1, GELU, fc2)"
    if path.endswith("cpe.1") or path.endswith("cpe.2"):
        return "xCPE linear + LayerNorm"
    if path.endswith("norm1.0") or path.endswith("norm2.0"):
        return "block LayerNorms"
    if last in {"down", "up"}:
        return "pooling / unpooling"
    if path.endswith("stem.norm") or path.endswith("stem.act"):
        return "stem BatchNorm + GELU"
    if last in {"fc1", "fc2", "fc3", "fc4"} and "." not in path:
        return "head MLP"
    return None


def hook_times(model: torch.nn.Module, run) -> dict[str, float]:
    """Inclusive seconds per layer kind over one call of `run`; attention core excludes its own linears."""
    times: dict[str, float] = defaultdict(float)
    starts: dict[str, float] = {}
    handles = []
    for path, module in model.named_modules():
        kind = layer_kind(path)
        if kind is None:
            continue
        handles.append(
            module.register_forward_pre_hook(lambda m, a, p=path: starts.__setitem__(p, time.perf_counter()))
        )
        handles.append(
            module.register_forward_hook(
                lambda m, a, o, p=path, k=kind: times.__setitem__(k, times[k] + time.perf_counter() - starts[p])
            )
        )
    try:
        start = time.perf_counter()
        run()
        total = time.perf_counter() - start
    finally:
        for h in handles:
            h.remove()
    times["attention core (gathers, SDPA, layout copies)"] -= times["attention qkv/proj linears"]
    times["glue (residual adds, drop path, casts)"] = total - sum(times.values())
    times["total"] = total
    return dict(times)


def worker(threads: int, workdir: Path, autocast: str | None) -> None:
    """Answer one JSON command per stdin line with one JSON line: time a pass, time a matmul, hooks, outputs."""
    torch.set_num_threads(threads)
    from find3d_core.model.config import Find3DConfig
    from find3d_core.model.find3d import Find3DModel

    inputs = torch.load(workdir / "inputs.pt")
    models, structures, structure_s = {}, {}, {}
    for mname, m in torch.load(workdir / "models.pt").items():
        model = Find3DModel(Find3DConfig.from_dict(m["config"]))
        model.load_state_dict(m["state"])
        models[mname] = model.eval()
        for cname, x in inputs.items():
            seconds = []
            for _ in range(3):  # best of 3: the first build also pays one-off allocations
                start = time.perf_counter()
                structures[mname, cname] = model.structure(x["grid"], x["offset"])
                seconds.append(time.perf_counter() - start)
            structure_s[f"{mname}/{cname}"] = min(seconds)
    a, b = torch.randn(MATMUL_SIZE, MATMUL_SIZE), torch.randn(MATMUL_SIZE, MATMUL_SIZE)
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(autocast or "")

    def run(mname: str, cname: str) -> torch.Tensor:
        with torch.inference_mode(), torch.autocast("cpu", dtype=dtype, enabled=dtype is not None):
            return models[mname](inputs[cname]["feat"], structures[mname, cname])

    import find3d_core

    print(json.dumps({"ready": True, "package": find3d_core.__file__, "structure_s": structure_s}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "pass":
            start = time.perf_counter()
            run(cmd["model"], cmd["case"])
            reply = {"s": time.perf_counter() - start}
        elif cmd["op"] == "matmul":
            start = time.perf_counter()
            torch.mm(a, b)
            reply = {"s": time.perf_counter() - start}
        elif cmd["op"] == "hooks":
            reply = hook_times(models[cmd["model"]], lambda c=cmd: run(c["model"], c["case"]))
        elif cmd["op"] == "output":
            torch.save(run(cmd["model"], cmd["case"]).float(), cmd["path"])
            reply = {"path": cmd["path"]}
        else:
            reply = {"error": f"unknown op {cmd['op']}"}
        print(json.dumps(reply), flush=True)


class Worker:
    """A worker process of one version of the package."""

    def __init__(self, label: str, root: Path, threads: int, workdir: Path, autocast: str | None = None) -> None:
        self.label = label
        env = dict(os.environ, PYTHONPATH=str(root / "find3d_core"), OMP_NUM_THREADS=str(threads))
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "--threads",
            str(threads),
            "--workdir",
            str(workdir),
        ]
        if autocast:
            cmd += ["--autocast", autocast]
        self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.hello = self._read()
        print(f"{label}: {self.hello['package']}")

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.label} exited (code {self.proc.wait()}); its stderr is above")
        return json.loads(line)

    def ask(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


# ---- parent -----------------------------------------------------------------------------------------------------


def measure(workers: list[Worker], keys: list[tuple[str, str]], rounds: int, workdir: Path) -> dict:
    passes: dict = defaultdict(list)
    matmul: dict = defaultdict(list)
    for w in workers:  # warm-up: first-call allocations, kernel choice
        for mname, cname in keys:
            w.ask(op="pass", model=mname, case=cname)
    for r in range(rounds):
        for mname, cname in keys:
            for w in workers if r % 2 == 0 else workers[::-1]:  # alternate who goes first
                passes[w.label, mname, cname].append(w.ask(op="pass", model=mname, case=cname)["s"])
                matmul[w.label].append(w.ask(op="matmul")["s"])
    hooks = {}
    for w in workers:
        for mname, cname in keys:
            runs = [w.ask(op="hooks", model=mname, case=cname) for _ in range(3)]
            hooks[w.label, mname, cname] = {k: min(r[k] for r in runs) for k in runs[0]}
    outputs = {}
    for w in workers:
        for mname, cname in keys:
            path = workdir / f"out_{w.label}_{mname}_{cname}.pt"
            outputs[w.label, mname, cname] = torch.load(
                w.ask(op="output", model=mname, case=cname, path=str(path))["path"]
            )
    return {"passes": passes, "matmul": matmul, "hooks": hooks, "outputs": outputs}


def summarise(workers: list[Worker], keys, flops: dict, m: dict) -> dict:
    mm_rate = {w.label: 2 * MATMUL_SIZE**3 / min(m["matmul"][w.label]) for w in workers}
    mm_rate_median = {w.label: 2 * MATMUL_SIZE**3 / statistics.median(m["matmul"][w.label]) for w in workers}
    rows = {}
    for mname, cname in keys:
        key = f"{mname}/{cname}"
        f = flops[key]
        row = {"voxels": f["voxels"], "useful_gflops": f["useful"] / 1e9, "flops": f}
        for w in workers:
            ts = m["passes"][w.label, mname, cname]
            best, med = min(ts), statistics.median(ts)
            floor = f["useful"] / mm_rate[w.label]
            executed = f["executed_old"] if w.label == "old" else f["executed_new"]
            row[w.label] = {
                "median_ms": med * 1e3,
                "best_ms": best * 1e3,
                "runs_ms": [t * 1e3 for t in ts],
                "structure_ms": w.hello["structure_s"][key] * 1e3,
                "executed_gflops": executed / 1e9,
                "useful_fraction_of_matmul_best": floor / best,
                "times_floor_best": best / floor,
                "times_floor_median": med / (f["useful"] / mm_rate_median[w.label]),
                "layer_ms": {k: v * 1e3 for k, v in m["hooks"][w.label, mname, cname].items()},
            }
        if "old" in row:
            ref = m["outputs"]["old", mname, cname].double()
            new = m["outputs"]["new", mname, cname].double()
            row["relative_difference_old_new"] = float((new - ref).norm() / ref.norm())
            row["speedup_best"] = row["old"]["best_ms"] / row["new"]["best_ms"]
            row["speedup_median"] = row["old"]["median_ms"] / row["new"]["median_ms"]
        rows[key] = row
    return {
        "matmul_gflops_per_s_best": {k: v / 1e9 for k, v in mm_rate.items()},
        "matmul_gflops_per_s_median": {k: v / 1e9 for k, v in mm_rate_median.items()},
        "cases": rows,
    }


def render(report: dict) -> None:
    labels = [w for w in ("old", "new") if w in next(iter(report["cases"].values()))]
    print(
        f"\nmatmul {MATMUL_SIZE}^2 fp32, best GFLOP/s: "
        + ", ".join(f"{k} {v:.0f}" for k, v in report["matmul_gflops_per_s_best"].items())
    )
    head = "| model/input | voxels | useful GFLOPs |" + "".join(
        f" {lab} ms median (best) | {lab} x floor (best) |" for lab in labels
    )
    if len(labels) == 2:
        head += " speedup median (best) | rel. diff |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for key, r in report["cases"].items():
        line = f"| {key} | {r['voxels'][0]:,} | {r['useful_gflops']:.1f} |"
        for lab in labels:
            x = r[lab]
            line += f" {x['median_ms']:.0f} ({x['best_ms']:.0f}) | {x['times_floor_best']:.2f} |"
        if len(labels) == 2:
            line += f" {r['speedup_median']:.2f}x ({r['speedup_best']:.2f}x) | {r['relative_difference_old_new']:.1e} |"
        print(line)
    for key, r in report["cases"].items():
        print(
            f"\n{key}: executed GFLOPs "
            + ", ".join(f"{lab} {r[lab]['executed_gflops']:.1f}" for lab in labels)
            + f"; sparse conv useful {r['flops']['conv_useful'] / 1e9:.2f} of dense {r['flops']['conv_dense'] / 1e9:.2f}"
        )
        kinds = list(r[labels[-1]]["layer_ms"])
        print("| layer type | " + " | ".join(f"{lab} ms" for lab in labels) + " |")
        print("|---|" + "---:|" * len(labels))
        for k in kinds:
            print(f"| {k} | " + " | ".join(f"{r[lab]['layer_ms'].get(k, 0.0):.1f}" for lab in labels) + " |")
        print(
            "| structure (outside the network, best of 3) | "
            + " | ".join(f"{r[lab]['structure_ms']:.1f}" for lab in labels)
            + " |"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old-root", type=Path, help="repository root of the version to compare with (a worktree)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per worker (default 1)")
    parser.add_argument("--rounds", type=int, default=7, help="timed passes per version, model and input (default 7)")
    parser.add_argument("--models", default="published,slim", help="comma-separated: published, slim")
    parser.add_argument("--cases", default="mug,mickey,frame", help="comma-separated: mug, mickey, frame")
    parser.add_argument("--autocast", choices=["bf16", "fp16"], help="run this tree's worker under CPU autocast")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.threads < 1:
        parser.error("--rounds and --threads must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(args.threads, args.workdir, args.autocast)
        return 0
    torch.set_num_threads(args.threads)
    if args.old_root is not None and not (args.old_root / "find3d_core" / "find3d_core").is_dir():
        print(f"--old-root {args.old_root}: no find3d_core package there (make one: git worktree add PATH COMMIT)")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench_network_") as tmp:
        workdir = Path(tmp)
        inputs = {k: v for k, v in build_inputs(args.seed).items() if k in args.cases.split(",")}
        models = {k: v for k, v in build_models().items() if k in args.models.split(",")}
        torch.save(inputs, workdir / "inputs.pt")
        torch.save(models, workdir / "models.pt")
        flops = count_useful_flops(models, inputs)
        workers = [Worker("new", REPO, args.threads, workdir, args.autocast)]
        if args.old_root is not None:
            workers.insert(0, Worker("old", args.old_root.resolve(), args.threads, workdir))
        keys = [(mname, cname) for mname in models for cname in inputs]
        try:
            measured = measure(workers, keys, args.rounds, workdir)
        finally:
            for w in workers:
                w.close()
        report = summarise(workers, keys, flops, measured)
    report["command"] = " ".join([Path(sys.executable).name, *sys.argv])
    report["threads"] = args.threads
    report["autocast"] = args.autocast
    report["load_average"] = os.getloadavg()
    render(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_suffix(".tmp")
        tmp.write_text(json.dumps(report, indent=2, default=str))
        tmp.replace(args.json)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
