"""SigLIP text encoder, the one Find3D was trained with (google/siglip-base-patch16-224, 768-d).

Only the text tower is loaded (SiglipTextModel reads the text weights out of a full SiglipModel
checkpoint; its pooled output is exactly SiglipModel.get_text_features). The model comes from a local
directory or the local Hugging Face cache, never from the network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from .base import (
    TextEncoder,
    TextEncoderUnavailable,
    cached_snapshot,
    check_device,
    enable_hub_offline,
    quiet_transformers,
    repo_id_from_snapshot,
)

SIGLIP_ID = "google/siglip-base-patch16-224"
SIGLIP_MODEL_TYPES = ("siglip", "siglip_text_model")


def _unavailable(spec: str, cache_dir: str | Path | None) -> TextEncoderUnavailable:
    """The error for a model that is not on this machine, with how to get it there."""
    where = f"the Hugging Face cache {cache_dir}" if cache_dir else "the local Hugging Face cache"
    repo = spec if "/" in spec else SIGLIP_ID
    return TextEncoderUnavailable(
        f"SigLIP model {spec!r} is neither a local directory nor in {where}, and find3d never downloads. "
        f"On a machine with internet run `hf download {repo}` (older huggingface_hub: "
        f"`huggingface-cli download {repo}`), copy the folder it prints to this machine and pass that "
        "directory as the text encoder (or copy the whole cache to ~/.cache/huggingface/hub)."
    )


def _looks_like_path(spec: str) -> bool:
    """A filesystem path rather than an "org/name" repo id."""
    return spec.startswith((".", "~", "/", "\\")) or spec.count("/") > 1 or Path(spec).is_absolute()


def resolve_siglip_dir(model_path_or_id: str | Path, cache_dir: str | Path | None = None) -> tuple[Path, str]:
    """(local model directory, stable name) for a directory or a cached repo id; offline only."""
    spec = str(model_path_or_id)
    path = Path(spec).expanduser()
    if path.is_dir():
        path = path.resolve()
        name = repo_id_from_snapshot(path) or str(path)
    elif _looks_like_path(spec):
        raise TextEncoderUnavailable(f"SigLIP model directory {spec!r} does not exist")
    else:
        snapshot = cached_snapshot(spec, cache_dir)
        if snapshot is None:
            raise _unavailable(spec, cache_dir)
        path, name = snapshot, spec
    config = path / "config.json"
    if not config.is_file():
        raise TextEncoderUnavailable(f"{path} has no config.json; it is not a saved SigLIP model")
    with open(config, encoding="utf-8") as f:
        model_type = json.load(f).get("model_type")
    if model_type not in SIGLIP_MODEL_TYPES:
        raise TextEncoderUnavailable(f"{path} holds a {model_type!r} model, expected SigLIP ({SIGLIP_MODEL_TYPES})")
    return path, name


class SiglipTextEncoder(TextEncoder):
    """Find3D's text features: SigLIP text tower, max-length padding, L2-normalised.

    Queries longer than the model's context (64 tokens for the base model) are truncated.
    """

    def __init__(
        self,
        model_path_or_id: str | Path = SIGLIP_ID,
        device: str = "cpu",
        cache_dir: str | Path | None = None,
        batch_size: int = 256,
    ) -> None:
        super().__init__()
        self.model_dir, self.name = resolve_siglip_dir(model_path_or_id, cache_dir)
        self.device = check_device(device)
        self.batch_size = batch_size
        text_config = self._text_config()
        # Newer SigLIP configs carry projection_size (the head's output); older ones project to hidden_size.
        self.dim = int(getattr(text_config, "projection_size", None) or text_config.hidden_size)
        self.max_length = int(text_config.max_position_embeddings)
        self._model: Any = None  # transformers objects, loaded on first use
        self._tokenizer: Any = None

    def _text_config(self) -> Any:
        """The text tower's config with library defaults filled in (saved configs omit defaults)."""
        enable_hub_offline()
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(str(self.model_dir), local_files_only=True)
        return config.text_config if config.model_type == "siglip" else config

    def _load(self) -> tuple[Any, Any]:
        """Load tokenizer and text tower on first use."""
        if self._model is None:
            enable_hub_offline()
            from transformers import AutoTokenizer, SiglipTextModel

            with quiet_transformers():
                tokenizer = AutoTokenizer.from_pretrained(str(self.model_dir), local_files_only=True)
                model = SiglipTextModel.from_pretrained(str(self.model_dir), local_files_only=True)
            # float32 whatever the checkpoint dtype: half precision is slow on CPU and the outputs
            # are compared against float32 point features anyway.
            self._model = model.float().to(self.device).eval()
            self._tokenizer = tokenizer
        return self._model, self._tokenizer

    def _embed(self, texts: list[str]) -> torch.Tensor:
        model, tokenizer = self._load()
        chunks = []
        for start in range(0, len(texts), self.batch_size):
            batch = tokenizer(
                texts[start : start + self.batch_size],
                padding="max_length",  # how SigLIP was trained, and what Find3D does
                max_length=self.max_length,
                truncation=True,
                return_tensors="pt",
            )
            # input_ids only: SigLIP's own tokenizer returns no attention mask, so SigLIP (and Find3D)
            # attend over the padding and pool the last position; a mask would change the features.
            with torch.inference_mode():
                out = model(input_ids=batch["input_ids"].to(self.device))
            chunks.append(out.pooler_output)
        return torch.cat(chunks)
