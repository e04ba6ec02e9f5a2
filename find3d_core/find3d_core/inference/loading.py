"""Which weights and text encoder a predictor uses: a checkpoint, the shipped default, or untrained weights."""

from __future__ import annotations

import logging
from pathlib import Path

import torch

from find3d_core.model.checkpoint import CheckpointError, CheckpointInfo, checkpoint_info, load_checkpoint
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import DEFAULT_TEXT_ENCODER, TextEncoder, build_text_encoder

log = logging.getLogger(__name__)

# The trained default model ships here once it exists (the training issue produces it).
DEFAULT_CHECKPOINT = Path(__file__).resolve().parents[1] / "assets" / "find3d_default.safetensors"
UNTRAINED_SEED = 0


def default_checkpoint() -> Path | None:
    return DEFAULT_CHECKPOINT if DEFAULT_CHECKPOINT.exists() else None


def build_find3d(
    checkpoint: str | Path | None = None, text_encoder: str | None = None, device: str | torch.device = "cpu"
) -> tuple[Find3DModel, TextEncoder, CheckpointInfo]:
    """The model in eval mode, the text encoder it was trained with, and its description.

    checkpoint: a find3d or Find3D safetensors file; None takes the shipped default model (or, without one, untrained
    weights). text_encoder: needed for bare Find3D state dicts, checked against the checkpoint's otherwise.
    """
    checkpoint = checkpoint or default_checkpoint()
    if checkpoint is None:
        return untrained_model(text_encoder or DEFAULT_TEXT_ENCODER, device)
    info = checkpoint_info(checkpoint, text_encoder)
    encoder = build_text_encoder(info.text_encoder, device=str(device))
    if text_encoder and build_text_encoder(text_encoder, device=str(device)).name != encoder.name:
        raise CheckpointError(
            f"{checkpoint} was trained with text encoder {info.text_encoder!r}, not {text_encoder!r}: drop the text "
            "encoder option or use a checkpoint trained with it"
        )
    model, info = load_checkpoint(checkpoint, text_encoder=info.text_encoder, text_dim=encoder.dim, device=device)
    return model, encoder, info


def untrained_model(text_encoder: str, device: str | torch.device) -> tuple[Find3DModel, TextEncoder, CheckpointInfo]:
    """Find3D's published architecture with seeded random weights: runs end to end, finds nothing meaningful."""
    encoder = build_text_encoder(text_encoder, device=str(device))
    config = Find3DConfig(backbone=PT3Config(), text_dim=encoder.dim)
    with torch.random.fork_rng():
        torch.manual_seed(UNTRAINED_SEED)
        model = Find3DModel(config)
    log.warning("no checkpoint given and no trained default shipped: using UNTRAINED weights (results are meaningless)")
    info = CheckpointInfo(config=config, text_encoder=encoder.name, trained=False, provenance={"source": "untrained"})
    return model.to(device).eval(), encoder, info
