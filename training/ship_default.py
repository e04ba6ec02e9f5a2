"""Install a trained run as the package's default model: fp16 weights (a few MB), evaluation figures and the
commands that produced it in the checkpoint metadata.

    .venv/bin/python training/ship_default.py runs/default-cpu   # after training/evaluate_default.sh
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

from find3d_core.inference.loading import DEFAULT_CHECKPOINT
from find3d_core.model.checkpoint import load_checkpoint, save_checkpoint

COMMANDS = [
    "training/build_default_data.sh",
    "find3d train training/configs/default-cpu.yaml",
    "training/evaluate_default.sh",
]


def main(run: Path) -> None:
    model, info = load_checkpoint(run / "model.safetensors")
    info.metrics = {p.stem.removeprefix("eval-"): json.loads(p.read_text())["miou"] for p in sorted(run.parent.glob("eval-*.json"))}
    info.provenance["commands"] = COMMANDS
    save_checkpoint(DEFAULT_CHECKPOINT, model, info, dtype=torch.float16)
    print(f"{DEFAULT_CHECKPOINT} ({DEFAULT_CHECKPOINT.stat().st_size / 1e6:.1f} MB): {info.metrics}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
