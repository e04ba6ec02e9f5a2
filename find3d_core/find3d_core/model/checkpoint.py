"""Checkpoints as safetensors: weights plus JSON metadata. Never pickles.

Two kinds load:
- find3d checkpoints (`save_checkpoint`): metadata `find3d` holds the model config, the text encoder id and dimension,
  the texts a part name is embedded as (`text/queries.py`), the preprocessing parameters and provenance, so a
  checkpoint says how it must be used.
- bare Find3D-format state dicts (the authors' released `model.safetensors`): no metadata; the user names the text
  encoder and the published configuration is assumed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from find3d_core.atomic import atomic_path
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.text.queries import FIND3D_QUERY, QueryTemplates

FORMAT_VERSION = 1
METADATA_KEY = "find3d"


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be used, with what is wrong and what to do."""


@dataclass
class CheckpointInfo:
    """What a checkpoint says about itself."""

    config: Find3DConfig
    text_encoder: str
    preprocess: dict = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    trained: bool = True
    query_templates: QueryTemplates = FIND3D_QUERY  # Find3D's bare query; a prompt ensemble for VLM-phrased training

    def to_json(self) -> str:
        return json.dumps(
            {
                "format_version": FORMAT_VERSION,
                "config": self.config.to_dict(),
                "text_encoder": {"id": self.text_encoder, "dim": self.config.text_dim},
                "query_templates": list(self.query_templates.bare),
                "preprocess": self.preprocess,
                "provenance": self.provenance,
                "metrics": self.metrics,
                "trained": self.trained,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> CheckpointInfo:
        data = json.loads(text)
        if data.get("format_version", 0) > FORMAT_VERSION:
            raise CheckpointError(
                f"checkpoint format {data['format_version']} is newer than this find3d understands ({FORMAT_VERSION}): "
                "upgrade find3d_core"
            )
        config = Find3DConfig.from_dict(data["config"])
        encoder = data["text_encoder"]
        if int(encoder["dim"]) != config.text_dim:
            raise CheckpointError(f"metadata is inconsistent: text dim {encoder['dim']} vs head {config.text_dim}")
        return cls(
            config=config,
            text_encoder=encoder["id"],
            preprocess=data.get("preprocess", {}),
            provenance=data.get("provenance", {}),
            metrics=data.get("metrics", {}),
            trained=bool(data.get("trained", True)),
            query_templates=_query_templates(data.get("query_templates")),
        )


def _query_templates(listed: list[str] | None) -> QueryTemplates:
    if listed is None:  # written before checkpoints named their query templates: Find3D's bare query
        return FIND3D_QUERY
    try:
        return QueryTemplates(tuple(listed))
    except (TypeError, ValueError) as err:
        raise CheckpointError(f"metadata names unusable query templates: {err}") from err


def save_checkpoint(
    path: str | Path, model: Find3DModel, info: CheckpointInfo, dtype: torch.dtype | None = None
) -> None:
    """Write weights and metadata atomically (a temp file in the same folder, then rename).

    `dtype` (e.g. torch.float16) stores floating-point tensors smaller; loading converts them back.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    if dtype is not None:
        tensors = {k: v.to(dtype) if v.is_floating_point() else v for k, v in tensors.items()}
    with atomic_path(path) as tmp:
        save_file(tensors, tmp, metadata={METADATA_KEY: info.to_json()})


def read_checkpoint(path: str | Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Tensors and raw metadata of a safetensors file, with clear errors for missing or damaged files."""
    path = Path(path)
    if not path.exists():
        raise CheckpointError(f"checkpoint {path} does not exist: pass --checkpoint with a .safetensors file")
    if path.suffix in {".pt", ".pth", ".ckpt", ".bin"}:
        raise CheckpointError(
            f"{path} looks like a pickle checkpoint, which find3d never loads (pickles can run code). Convert it once, "
            "on a trusted machine: `safetensors.torch.save_file(torch.load(f)['state_dict'], 'model.safetensors')`"
        )
    try:
        from safetensors import safe_open

        with safe_open(str(path), "pt") as handle:
            metadata = handle.metadata() or {}
        tensors = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as err:
        raise CheckpointError(f"{path} is not a readable safetensors file (truncated or corrupt?): {err}") from err
    return tensors, metadata


def checkpoint_info(path: str | Path, text_encoder: str | None = None) -> CheckpointInfo:
    """Metadata of a find3d checkpoint, or the assumed description of a bare Find3D state dict.

    `text_encoder` names the encoder of a bare state dict; a find3d checkpoint's metadata names its own.
    """
    tensors, metadata = read_checkpoint(path)
    return _info_from(path, tensors, metadata, text_encoder)


def _info_from(path, tensors: dict, metadata: dict, text_encoder: str | None) -> CheckpointInfo:
    if METADATA_KEY in metadata:
        return CheckpointInfo.from_json(metadata[METADATA_KEY])  # its own text encoder rules; see inference.loading
    if "fc4.weight" not in tensors:
        raise CheckpointError(f"{path} has neither find3d metadata nor Find3D's parameter names (no 'fc4.weight')")
    if not text_encoder:
        raise CheckpointError(
            f"{path} is a bare Find3D state dict without metadata: name its text encoder, e.g. "
            "--text-encoder google/siglip-base-patch16-224 (what the released Find3D weights were trained with)"
        )
    config = Find3DConfig(backbone=PT3Config(), text_dim=int(tensors["fc4.weight"].shape[0]))
    return CheckpointInfo(config=config, text_encoder=text_encoder, provenance={"source": str(path)})


def load_checkpoint(
    path: str | Path, text_encoder: str | None = None, text_dim: int | None = None, device: str | torch.device = "cpu"
) -> tuple[Find3DModel, CheckpointInfo]:
    """Model (eval mode, on `device`) and its description. `text_dim`: the encoder's dimension, checked if given."""
    tensors, metadata = read_checkpoint(path)
    info = _info_from(path, tensors, metadata, text_encoder)
    if text_dim is not None and text_dim != info.config.text_dim:
        raise CheckpointError(
            f"{path} maps points to {info.config.text_dim}-d text space but the text encoder gives {text_dim}-d "
            "vectors: use the text encoder the checkpoint was trained with"
        )
    model = Find3DModel(info.config)
    check_state_dict(model, tensors, path)
    model.load_state_dict(tensors, strict=True)
    return model.to(device).eval(), info


def check_state_dict(model: torch.nn.Module, tensors: dict[str, torch.Tensor], path) -> None:
    """Refuse missing, unexpected or mis-shaped parameters with a list of what differs."""
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    got = {k: tuple(v.shape) for k, v in tensors.items()}
    missing = sorted(set(expected) - set(got))
    unexpected = sorted(set(got) - set(expected))
    wrong = sorted(k for k in set(expected) & set(got) if expected[k] != got[k])
    if missing or unexpected or wrong:
        lines = [f"{path} does not fit the model configuration:"]
        lines += [f"  missing {k}" for k in missing[:5]] + [f"  unexpected {k}" for k in unexpected[:5]]
        lines += [f"  {k}: file {got[k]} vs model {expected[k]}" for k in wrong[:5]]
        total = len(missing) + len(unexpected) + len(wrong)
        if total > 15:
            lines.append(f"  ... {total} differences in all")
        lines.append("  (is it a checkpoint of a different model size? its metadata must describe its config)")
        raise CheckpointError("\n".join(lines))
