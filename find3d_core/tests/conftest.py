"""Shared test helpers: where the shared reference files and sample data live."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
DATA = SHARED / "data"

torch.set_num_threads(min(2, torch.get_num_threads()))


def shared_file(relative: str) -> Path:
    """A file under ../shared, or a visible skip when the shared folder is not beside the checkout."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} not present (needs ../shared beside the checkout)")
    return path
