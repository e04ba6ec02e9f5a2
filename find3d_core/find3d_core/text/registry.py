"""Build a text encoder from a short name, a model id or a local directory; one instance per (spec, device).

The predictor, the CLI and the ROS node all ask for "the encoder named in the checkpoint/config";
caching here means a process loads each model once however many of them ask.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import torch

from .base import TextEncoder, TextEncoderUnavailable, cached_snapshot, check_device, repo_id_from_snapshot
from .minilm import (
    MINILM_ID,
    MiniLMEncoder,
    SentenceTransformerEncoder,
    bundled_minilm_dir,
    is_sentence_transformers_dir,
)
from .siglip import SIGLIP_ID, SIGLIP_MODEL_TYPES, SiglipTextEncoder

DEFAULT_TEXT_ENCODER = "minilm"
TEXT_ENCODERS: dict[str, str] = {"minilm": MINILM_ID, "siglip": SIGLIP_ID}

_built: dict[tuple[str, str], TextEncoder] = {}
_built_lock = threading.Lock()


def _known_names() -> str:
    pairs = ", ".join(f"{short!r} ({full})" for short, full in TEXT_ENCODERS.items())
    return f"known text encoders: {pairs}, or a local SigLIP / sentence-transformers model directory"


def _is_bundled_minilm(path: Path) -> bool:
    try:
        return path == bundled_minilm_dir().resolve()
    except TextEncoderUnavailable:
        return False


def _kind_of_dir(path: Path) -> str:
    """"siglip" or "sentence-transformers", read from the directory's config files."""
    if is_sentence_transformers_dir(path):
        return "sentence-transformers"
    config = path / "config.json"
    if config.is_file():
        with open(config, encoding="utf-8") as f:
            model_type = json.load(f).get("model_type", "")
        if model_type in SIGLIP_MODEL_TYPES:
            return "siglip"
        raise ValueError(f"{path} holds a {model_type!r} model; find3d reads SigLIP or sentence-transformers models")
    raise ValueError(f"{path} has neither modules.json nor config.json; {_known_names()}")


def _resolve(spec: str) -> tuple[str, str, Path | None]:
    """(kind, canonical spec, model directory or None); kind: "minilm", "siglip" or "sentence-transformers".

    The canonical spec is the cache key, so "minilm" and its full id share one instance.
    """
    name = TEXT_ENCODERS.get(spec.strip().lower(), spec.strip())
    if name == MINILM_ID:
        return "minilm", MINILM_ID, None
    if name.startswith("google/siglip-"):
        return "siglip", name, None  # SiglipTextEncoder explains how to get it when it is not cached
    path = Path(name).expanduser()
    if path.is_dir():
        path = path.resolve()
        if _is_bundled_minilm(path):
            return "minilm", MINILM_ID, None
        return _kind_of_dir(path), str(path), path
    snapshot = cached_snapshot(name)  # any other id present in the local HF cache
    if snapshot is not None:
        return _kind_of_dir(snapshot), name, snapshot
    raise ValueError(f"unknown text encoder {spec!r}; {_known_names()}")


def _build(kind: str, canonical: str, model_dir: Path | None, device: str) -> TextEncoder:
    if kind == "minilm":
        return MiniLMEncoder(device=device)
    if kind == "siglip":
        return SiglipTextEncoder(model_dir or canonical, device=device)
    assert model_dir is not None
    return SentenceTransformerEncoder(model_dir, device=device, name=repo_id_from_snapshot(model_dir) or canonical)


def build_text_encoder(spec: str = DEFAULT_TEXT_ENCODER, device: str | torch.device = "cpu") -> TextEncoder:
    """The text encoder for `spec`, built once per (model, device) and then shared.

    Args:
        spec: "minilm" (default, offline), "siglip" (Find3D's), a full model id, or a model directory.
        device: "cpu" or "cuda[:N]"; where the model runs (outputs are always on the CPU).

    Raises:
        ValueError: unknown spec or unusable device.
        TextEncoderUnavailable: a known model that is not on this machine.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"text encoder spec must be a non-empty string; {_known_names()}")
    dev = check_device(device)
    kind, canonical, model_dir = _resolve(spec)
    key = (canonical, str(dev))
    with _built_lock:
        if key not in _built:
            _built[key] = _build(kind, canonical, model_dir, str(dev))
        return _built[key]


def clear_text_encoder_cache() -> None:
    """Drop every built encoder (frees their models once no one else holds them)."""
    with _built_lock:
        _built.clear()
