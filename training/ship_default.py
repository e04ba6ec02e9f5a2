"""Install a trained run as the package's default model: fp16 weights (a few MB) with the evaluation figures and
the commands that produced it in the checkpoint metadata, and the evaluation table in training/default_model.md.

    .venv/bin/python training/ship_default.py runs/default-cpu runs/eval   # after training/evaluate_default.sh
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import torch

from find3d_core.inference.loading import DEFAULT_CHECKPOINT
from find3d_core.model.checkpoint import load_checkpoint, save_checkpoint

COMMANDS = [
    "training/build_default_data.sh",
    "find3d train training/configs/default-cpu.yaml",
    "training/evaluate_default.sh runs/default-cpu/model.safetensors runs/eval",
    "python training/ship_default.py runs/default-cpu runs/eval",
]
SETS = {
    "proc-val-shapes": "held-out shapes, training categories",
    "proc-val-categories": "held-out categories (kettle, guitar, spatula)",
    "armchair": "real armchair (shared/data/assets)",
}
POSES = {"canonical": "canonical", "up": "any heading (about up)", "any": "random 3D rotation"}
TABLE = Path(__file__).parent / "default_model.md"


def load_figures(eval_dir: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(eval_dir.glob("*.json"))}


def training_summary(run: Path) -> tuple[int, float]:
    """(steps, wall hours) from the run's log.csv (the time spent in training steps)."""
    rows = [r for r in csv.DictReader((run / "log.csv").open()) if r["seconds"]]
    return int(rows[-1]["step"]), sum(float(r["seconds"]) for r in rows) / 3600


def markdown(figures: dict[str, dict], steps: int, hours: float) -> str:
    lines = [
        "# The shipped default model: evaluation",
        "",
        f"Made by `find3d train training/configs/default-cpu.yaml` ({steps} steps, {hours:.2f} h of training steps",
        "on this project's 2-core CPU machine), evaluated with `find3d eval` by `training/evaluate_default.sh`.",
        "mIoU in percent (Find3D's protocol); the baseline labels every point with the object's largest part.",
        "",
        "| data | pose | bare names | \"part of a X\" | largest-part baseline |",
        "|---|---|---|---|---|",
    ]
    for key, title in SETS.items():
        for pose, pose_title in POSES.items():
            bare, template = figures.get(f"{key}-{pose}-bare"), figures.get(f"{key}-{pose}-template")
            if bare and template:
                lines.append(f"| {title} | {pose_title} | {bare['miou']:.1f} | {template['miou']:.1f} | "
                             f"{bare['baseline_miou']:.1f} |")
    lines += ["", "Canonical pose, bare names, every point given its best part (Find3D's panoptic variant, "
              "`--every-point`):", "", "| data | mIoU | largest-part baseline |", "|---|---|---|"]
    for key, title in SETS.items():
        every = figures.get(f"{key}-canonical-bare-every")
        if every:
            lines.append(f"| {title} | {every['miou']:.1f} | {every['baseline_miou']:.1f} |")
    held_out = figures.get("proc-val-categories-canonical-bare")
    if held_out:
        lines += ["", "Held-out categories, canonical pose, bare names, per category:", "",
                  "| category | IoU % |", "|---|---|"]
        lines += [f"| {c} | {v:.1f} |" for c, v in held_out["per_category"].items()]
    armchair = figures.get("armchair-canonical-bare", {}).get("per_part", {})
    for category, parts in armchair.items():
        lines += ["", f"Real armchair ({category}), canonical pose, bare names: IoU per part",
                  "", "| part | IoU % |", "|---|---|"]
        lines += [f"| {part} | {iou:.1f} |" for part, iou in parts.items()]
    lines += ["", "Commands, in order:", ""] + [f"    {c}" for c in COMMANDS]
    return "\n".join(lines) + "\n"


def main(run: Path, eval_dir: Path) -> None:
    model, info = load_checkpoint(run / "model.safetensors")
    figures = load_figures(eval_dir)
    if not figures:
        raise SystemExit(f"no evaluation figures in {eval_dir}: run training/evaluate_default.sh first")
    steps, hours = training_summary(run)
    info.metrics = {name: round(f["miou"], 2) for name, f in figures.items()}
    info.provenance["commands"] = COMMANDS
    info.provenance["training_hours"] = round(hours, 2)
    save_checkpoint(DEFAULT_CHECKPOINT, model, info, dtype=torch.float16)
    TABLE.write_text(markdown(figures, steps, hours))
    print(f"{DEFAULT_CHECKPOINT} ({DEFAULT_CHECKPOINT.stat().st_size / 1e6:.1f} MB); table in {TABLE}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "runs/eval"))
