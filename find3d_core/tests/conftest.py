"""pytest configuration for the core tests; shared helpers live in helpers.py (tests import them from there)."""

from __future__ import annotations

import torch

torch.set_num_threads(min(2, torch.get_num_threads()))
