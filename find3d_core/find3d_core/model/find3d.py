"""The Find3D network: PT3 point features mapped by a small MLP into the text encoder's embedding space."""

from __future__ import annotations

import math

import torch
from torch import nn

from find3d_core.model.config import Find3DConfig
from find3d_core.model.pt3 import PointTransformerV3
from find3d_core.model.structure import Structure, build_structure


class Find3DModel(nn.Module):
    """`extractor` (PT3) -> fc1..fc4 with ReLU between -> per-point embedding (not normalised).

    `ln_logit_scale` is the learnable log temperature of the contrastive loss (initialised to ln(1/0.07)).
    """

    def __init__(self, config: Find3DConfig) -> None:
        super().__init__()
        self.config = config
        width = config.head_dim
        self.extractor = PointTransformerV3(config.backbone)
        self.fc1 = nn.Linear(width, width)
        self.fc2 = nn.Linear(width, width)
        self.fc3 = nn.Linear(width, width)
        self.fc4 = nn.Linear(width, config.text_dim)
        self.ln_logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def head(self, point_features: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.fc1(point_features))
        x = torch.relu(self.fc2(x))
        x = torch.relu(self.fc3(x))
        return self.fc4(x)

    def forward(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        """(N, in_channels) features of the batch described by `structure` -> (N, text_dim) embeddings."""
        return self.head(self.extractor(feat, structure))

    def structure(self, grid_coord: torch.Tensor, offset: torch.Tensor) -> Structure:
        """The geometry this network needs for a batch, on the batch's device."""
        return build_structure(grid_coord, offset, self.config.backbone)
