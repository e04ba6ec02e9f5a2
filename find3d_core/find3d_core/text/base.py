"""The text-encoder interface: strings in, L2-normalised embeddings out, each string embedded once.

Find3D scores a point by the dot product of its embedding with a query's text embedding, so every
encoder returns unit rows of a fixed size `dim` on the CPU. Queries repeat from frame to frame on a
robot, hence the per-text cache in the base class: a model runs only on strings it has not seen.
"""

from __future__ import annotations

import abc
import contextlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path

import torch
import torch.nn.functional as F


class TextEncoderUnavailable(RuntimeError):
    """The requested model is not on this machine (and find3d never downloads one)."""


def check_device(device: str | torch.device) -> torch.device:
    """Parse a device string, failing early (not at first use) when it cannot be used here."""
    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as err:
        raise ValueError(f"invalid device {device!r}; use 'cpu' or 'cuda' (or 'cuda:N')") from err
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device {device!r} requested but CUDA is not available here; use device='cpu'")
    return dev


def enable_hub_offline() -> None:
    """Ask huggingface_hub / transformers never to touch the network.

    The variable is read when those libraries are first imported, so this must run before the
    (lazy) import of sentence-transformers / transformers. Loaders also pass local_files_only=True,
    which holds even when the libraries were imported earlier by someone else.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' load-time chatter (unused-weight tables, progress bars), then restore it.

    Loading only the text tower of a full SigLIP checkpoint lists every vision weight as unexpected;
    that is intended here and would only bury real warnings in a robot's log.
    """
    from transformers.utils import logging as hf_logging

    level, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def cached_snapshot(repo_id: str, cache_dir: str | Path | None = None) -> Path | None:
    """The local Hugging Face cache folder of `repo_id`, or None when it is not cached.

    Never goes online (local_files_only=True); None also for strings that are not valid repo ids.
    """
    enable_hub_offline()
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id, cache_dir=cache_dir, local_files_only=True))
    except (LocalEntryNotFoundError, HFValidationError):
        return None


_SNAPSHOT_RE = re.compile(r"models--([^/\\]+)--([^/\\]+)[/\\]snapshots[/\\]")


def repo_id_from_snapshot(path: Path) -> str | None:
    """"org/name" when `path` lies inside a Hugging Face cache snapshot, else None."""
    match = _SNAPSHOT_RE.search(str(path.resolve()) + os.sep)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def _check_texts(texts: Sequence[str]) -> list[str]:
    """Reject inputs that would silently embed the wrong thing."""
    if isinstance(texts, str):
        # encode("handle") would otherwise embed the letters h, a, n, ...
        raise TypeError("encode() takes a list of strings; wrap a single query as [text]")
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
        if not text.strip():
            raise ValueError(f"texts[{i}] is empty or whitespace; every query needs a part name")
    return out


class TextEncoder(abc.ABC):
    """Base class: validation, per-text cache and normalisation; subclasses implement `_embed`.

    Attributes:
        name: stable model id written into checkpoints (e.g. "sentence-transformers/all-MiniLM-L6-v2").
        dim: embedding size.
    """

    name: str
    dim: int

    def __init__(self, max_cached: int = 100_000) -> None:
        # LRU bound so a long-running node fed arbitrary queries cannot grow without limit;
        # at 100k entries of <=768 floats this stays a few hundred MB at worst.
        self._cache: OrderedDict[str, torch.Tensor] = OrderedDict()
        self._max_cached = max_cached
        # A ROS node may serve queries from several callback threads at once.
        self._lock = threading.Lock()

    @abc.abstractmethod
    def _embed(self, texts: list[str]) -> torch.Tensor:
        """Embed distinct, validated, uncached strings -> (len(texts), dim) tensor (any device/dtype)."""

    def encode(self, texts: Sequence[str]) -> torch.Tensor:
        """Embed `texts` -> (n, dim) float32 CPU tensor with unit-length rows (n = 0 allowed)."""
        texts = _check_texts(texts)
        if not texts:
            return torch.zeros((0, self.dim), dtype=torch.float32)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if missing:
                self._store(missing, self._embed(missing))
            for t in texts:
                self._cache.move_to_end(t)
            # Stacking copies, so a caller editing the result cannot corrupt the cache.
            return torch.stack([self._cache[t] for t in texts])

    def _store(self, texts: list[str], emb: torch.Tensor) -> None:
        """Normalise and cache freshly embedded rows, evicting the least recently used."""
        if emb.shape != (len(texts), self.dim):
            raise RuntimeError(
                f"{type(self).__name__} produced shape {tuple(emb.shape)}, expected ({len(texts)}, {self.dim})"
            )
        emb = F.normalize(emb.detach().to("cpu", torch.float32), dim=-1)
        for text, row in zip(texts, emb):
            self._cache[text] = row.clone()  # clone: don't keep the whole batch alive through a view
        while len(self._cache) > self._max_cached:
            self._cache.popitem(last=False)

    def clear_cache(self) -> None:
        """Forget every cached embedding."""
        with self._lock:
            self._cache.clear()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dim={self.dim})"
