"""Submanifold sparse 3D convolution as gather + matmul over a precomputed neighbour map."""

from __future__ import annotations

import math

import torch
from torch import nn


class SubMConv3d(nn.Module):
    """Sparse convolution whose outputs live on the input's active voxels (spconv's SubMConv3d semantics).

    Weight layout is spconv's [out, kx, ky, kz, in], so reference checkpoints load as they are. The output at voxel p
    is sum_d W[:, d + r] @ x[p + d] over active neighbours p + d (cross-correlation, no kernel flip).
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, bias: bool = True) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        k = kernel_size
        self.weight = nn.Parameter(torch.empty(out_channels, k, k, k, in_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None
        fan_in = in_channels * k**3
        nn.init.uniform_(self.weight, -1 / math.sqrt(fan_in), 1 / math.sqrt(fan_in))

    def forward(self, feat: torch.Tensor, neighbors: torch.Tensor) -> torch.Tensor:
        """`feat` (N, C_in), `neighbors` (N, k^3) with N marking a missing neighbour -> (N, C_out)."""
        padded = torch.cat([feat, feat.new_zeros(1, feat.shape[1])])  # row N is the zero "missing" neighbour
        gathered = padded[neighbors].flatten(1)  # (N, k^3 * C_in), offsets major, channels minor
        weight = self.weight.flatten(1, 3).flatten(1)  # (C_out, k^3 * C_in), same layout
        return nn.functional.linear(gathered, weight, self.bias)
