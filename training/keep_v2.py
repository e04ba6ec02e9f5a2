"""Keep a trained v2 in git: its weights as fp16 in training/checkpoints/v2.safetensors, with the commands that made it.

    .venv/bin/python training/keep_v2.py runs/v2-cpu-continue/model.safetensors

A run folder does not outlive a session on this project's machines; this file does, and v2-cpu-continue.yaml trains
on from it. Keep a run only when the evaluation sets improve (README, "The default model").
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

from find3d_core.model.checkpoint import load_checkpoint, save_checkpoint
from find3d_core.text import VLM_QUERY_ENSEMBLE

KEPT = Path(__file__).resolve().parent / "checkpoints" / "v2.safetensors"
# How the kept weights were made, in order (the weights each run started from are pinned by the commit that kept them:
# c5533a6, ee33338, f158066, 8ebacf4, 9a394c6). Keeping a later run extends this chain: pin the weights it started from
# (`git show <commit>:...`) and give it a recipe file of its own (its seed included), as here.
COMMANDS = [
    "training/build_v2_data.sh",
    "find3d train training/configs/v2-cpu-single.yaml --until 1450",
    "git show c5533a6:training/checkpoints/v2.safetensors > training/checkpoints/v2.safetensors",
    "find3d train training/configs/v2-cpu-continue.yaml",
    ".venv/bin/python training/keep_v2.py runs/v2-cpu-continue/model.safetensors",
    "git show ee33338:training/checkpoints/v2.safetensors > training/checkpoints/v2.safetensors",
    "find3d train training/configs/v2-cpu-distract.yaml",
    ".venv/bin/python training/keep_v2.py runs/v2-cpu-distract/model.safetensors",
    "git show f158066:training/checkpoints/v2.safetensors > training/checkpoints/v2.safetensors",
    "find3d train training/configs/v2-cpu-moredata.yaml",
    ".venv/bin/python training/keep_v2.py runs/v2-cpu-moredata/model.safetensors",
    "git show 8ebacf4:training/checkpoints/v2.safetensors > training/checkpoints/v2.safetensors",
    "find3d train training/configs/v2-cpu-moredata2.yaml",
    ".venv/bin/python training/keep_v2.py runs/v2-cpu-moredata2/model.safetensors",
    "git show 9a394c6:training/checkpoints/v2.safetensors > training/checkpoints/v2.safetensors",
    "find3d train training/configs/v2-cpu-unseen3.yaml",
    ".venv/bin/python training/keep_v2.py runs/v2-cpu-unseen3/model.safetensors",
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", type=Path, help="a run's model.safetensors")
    args = parser.parse_args(argv)
    model, info = load_checkpoint(args.checkpoint)
    info.provenance["commands"] = COMMANDS
    # v2 learnt from VLM-phrased labels: a bare name is queried as the ensemble of its phrasings (text/queries.py).
    # Set here because the runs of the chain above predate the recipes' `query_templates` option.
    info.query_templates = VLM_QUERY_ENSEMBLE
    save_checkpoint(KEPT, model, info, dtype=torch.float16)
    print(f"kept {args.checkpoint} as {KEPT} ({KEPT.stat().st_size / 1e6:.1f} MB, fp16)")


if __name__ == "__main__":
    main()
