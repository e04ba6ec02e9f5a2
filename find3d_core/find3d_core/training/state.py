"""Resumable training state as safetensors + JSON (no pickles): model, optimizer, scheduler, torch RNG, step."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from find3d_core.atomic import atomic_path


def save_training_state(
    path: Path, model: torch.nn.Module, optimizer: torch.optim.Optimizer, scheduler, step: int
) -> None:
    tensors = {f"model.{k}": v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    optim = optimizer.state_dict()
    for index, values in optim["state"].items():
        for key, value in values.items():
            tensors[f"optim.{index}.{key}"] = torch.as_tensor(value).detach().cpu().contiguous()
    tensors["rng.torch"] = torch.get_rng_state()
    meta = {
        "step": step,
        "param_groups": optim["param_groups"],
        "scheduler": scheduler.state_dict(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        save_file(tensors, tmp, metadata={"training_state": json.dumps(meta)})


def load_training_state(
    path: Path, model: torch.nn.Module, optimizer: torch.optim.Optimizer, scheduler
) -> int:
    """Restore everything saved by `save_training_state`; returns the step to continue from."""
    from safetensors import safe_open

    with safe_open(str(path), "pt") as handle:
        meta = json.loads(handle.metadata()["training_state"])
    tensors = load_file(str(path))
    model.load_state_dict({k[6:]: v for k, v in tensors.items() if k.startswith("model.")})
    state: dict[int, dict] = {}
    for key, value in tensors.items():
        if key.startswith("optim."):
            _, index, name = key.split(".", 2)
            state.setdefault(int(index), {})[name] = value
    optimizer.load_state_dict({"state": state, "param_groups": meta["param_groups"]})
    scheduler.load_state_dict(meta["scheduler"])
    torch.set_rng_state(tensors["rng.torch"])
    return int(meta["step"])
