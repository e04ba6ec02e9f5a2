"""Helpers shared by the tests (imported as `helpers`; conftest.py only configures pytest)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import torch

from find3d_core.model.checkpoint import CheckpointInfo, save_checkpoint
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
DATA = SHARED / "data"
# The smallest PT3 the trainer accepts: training tests run it for a few steps.
TINY_BACKBONE = {
    "enc_depths": [1, 1], "enc_channels": [16, 32], "enc_num_head": [1, 2], "enc_patch_size": [128, 128],
    "dec_depths": [1], "dec_channels": [16], "dec_num_head": [1], "dec_patch_size": [128], "stride": [2],
}


def shared_file(relative: str) -> Path:
    """A file under ../shared, or a visible skip when the shared folder is not beside the checkout."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} not present (needs ../shared beside the checkout)")
    return path


# A two-stage PT3, small enough that tests run the real network in milliseconds.
SMALL = PT3Config(
    enc_depths=(1, 1), enc_channels=(8, 16), enc_num_head=(1, 2), enc_patch_size=(64, 64),
    dec_depths=(1,), dec_channels=(8,), dec_num_head=(1,), dec_patch_size=(64,), stride=(2,),
)


def save_small_checkpoint(path: Path, trained: bool = True) -> Path:
    """A seeded SMALL model for the offline MiniLM encoder (384-d), saved as a find3d checkpoint."""
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(SMALL, text_dim=384))
    info = CheckpointInfo(config=model.config, text_encoder="sentence-transformers/all-MiniLM-L6-v2", trained=trained)
    save_checkpoint(path, model, info)
    return path


class HashEncoder:
    """A deterministic stand-in text encoder (unit rows from a hash), so shard tests need no model."""

    name, dim = "test-hash", 16

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:16], np.uint8).astype(np.float32) - 127 for t in texts]
        out = np.stack(rows)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def shard_digests(folder: Path) -> dict[str, str]:
    """sha256 of every shard file of a dataset folder, by name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("shard-*.tar"))}


class Killed(Exception):
    """Raised by `build_killed_after_first_shard` to stop a build the way a kill would."""


def build_killed_after_first_shard(jobs: list, out: Path, config, shard_size: int = 2) -> None:
    """Start a build of `jobs` and stop it right after its first shard is written."""
    from find3d_core.engine.pipeline import build_dataset

    def kill(_: int) -> None:
        raise Killed

    with pytest.raises(Killed):
        build_dataset(jobs, out, config, HashEncoder(), shard_size=shard_size, progress=False, on_shard=kill)
