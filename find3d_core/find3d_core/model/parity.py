"""Run the implementation on a reference vector and report relative errors (`find3d check-parity`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch

from find3d_core.model.checkpoint import CheckpointError, check_state_dict, read_checkpoint
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel

PARITY_TOLERANCE = 1e-4


@dataclass
class ParityResult:
    point_features: float  # ||out - ref|| / ||ref|| of the backbone output
    logits_features: float  # same for the head output
    num_points: int

    @property
    def passed(self) -> bool:
        return max(self.point_features, self.logits_features) < PARITY_TOLERANCE


def relative_error(out: torch.Tensor, ref: torch.Tensor) -> float:
    return float((out.double() - ref.double()).norm() / ref.double().norm())


def check_parity(path: str | Path, device: str = "cpu", dtype: torch.dtype = torch.float32) -> ParityResult:
    """Load config, weights and input from a parity vector; compare both outputs in eval mode."""
    tensors, metadata = read_checkpoint(path)
    if "config" not in metadata or "dim_output" not in metadata:
        raise CheckpointError(f"{path} is not a parity vector (metadata needs 'config' and 'dim_output')")
    config = Find3DConfig(PT3Config.from_dict(json.loads(metadata["config"])), text_dim=int(metadata["dim_output"]))
    model = Find3DModel(config)
    weights = {k.removeprefix("weights."): v for k, v in tensors.items() if k.startswith("weights.")}
    check_state_dict(model, weights, path)
    model.load_state_dict(weights)
    model = model.to(device=device, dtype=dtype).eval()
    inputs = {k.removeprefix("input."): v.to(device) for k, v in tensors.items() if k.startswith("input.")}
    with torch.no_grad():
        structure = model.structure(inputs["grid_coord"], inputs["offset"])
        point_features = model.extractor(inputs["feat"].to(dtype), structure)
        logits = model.head(point_features)
    return ParityResult(
        point_features=relative_error(point_features.cpu(), tensors["output.point_features"]),
        logits_features=relative_error(logits.cpu(), tensors["output.logits_features"]),
        num_points=int(inputs["feat"].shape[0]),
    )
