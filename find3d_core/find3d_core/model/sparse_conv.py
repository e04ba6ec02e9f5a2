"""Submanifold sparse 3D convolution over the neighbour pairs that exist (gather, matmul per offset, scatter-add)."""

from __future__ import annotations

import math

import torch
from torch import nn

from find3d_core.model.structure import KernelPairs, Level


class SubMConv3d(nn.Module):
    """Sparse convolution whose outputs live on the input's active voxels (spconv's SubMConv3d semantics).

    Weight layout is spconv's [out, kx, ky, kz, in], so reference checkpoints load as they are. The output at voxel p
    is sum_d W[:, d + r] @ x[p + d] over active neighbours p + d (cross-correlation, no kernel flip).

    Two ways to compute it, same numbers up to summation order:
    - over existing pairs (`Level.pairs`, built with the structure): the centre offset as one matmul over all
      voxels, then per other offset a gather of its input rows, a matmul and one scatter-add. Only multiply-adds
      of real neighbours are done; on Find3D's objects that is under half of the dense count.
    - dense over the (N, k^3) neighbour map: gather with a zero row for every missing neighbour, then one matmul.
      Used when a structure carries no pairs (the ONNX graph takes neighbour maps: fixed shapes, no scatter).
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, bias: bool = True) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        k = kernel_size
        self.weight = nn.Parameter(torch.empty(out_channels, k, k, k, in_channels))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None
        fan_in = in_channels * k**3
        nn.init.uniform_(self.weight, -1 / math.sqrt(fan_in), 1 / math.sqrt(fan_in))

    def forward(self, feat: torch.Tensor, level: Level) -> torch.Tensor:
        """`feat` (N, C_in) on `level`'s voxels -> (N, C_out)."""
        pairs = level.pairs.get(self.kernel_size)
        if pairs is None:
            return self.dense(feat, level.neighbors[self.kernel_size])
        return self.sparse(feat, pairs)

    def sparse(self, feat: torch.Tensor, pairs: KernelPairs) -> torch.Tensor:
        weight = self.weight.flatten(1, 3)  # (C_out, k^3, C_in)
        out = nn.functional.linear(feat, weight[:, pairs.centre], self.bias)
        s = pairs.starts
        for d in range(len(s) - 1):
            if s[d + 1] > s[d]:
                # Per offset rather than one gather + one scatter of all pairs: no (P, C_out) concatenation, and
                # each offset's rows stay in cache between its gather, matmul and scatter-add (measured faster).
                rows = feat.index_select(0, pairs.in_index[s[d] : s[d + 1]])
                out.index_add_(0, pairs.out_index[s[d] : s[d + 1]], rows @ weight[:, d].t())
        return out

    def dense(self, feat: torch.Tensor, neighbors: torch.Tensor) -> torch.Tensor:
        """`neighbors` (N, k^3) with N marking a missing neighbour."""
        padded = torch.cat([feat, feat.new_zeros(1, feat.shape[1])])  # row N is the zero "missing" neighbour
        # (N, k^3 * C_in), offsets major, channels minor; index_select of rows beats 2-D advanced indexing on the CPU
        gathered = padded.index_select(0, neighbors.flatten()).view(neighbors.shape[0], -1)
        weight = self.weight.flatten(1, 3).flatten(1)  # (C_out, k^3 * C_in), same layout
        return nn.functional.linear(gathered, weight, self.bias)
