"""Serialized pooling (fine -> coarse) and unpooling (coarse -> fine, with skip connection)."""

from __future__ import annotations

import torch
from torch import nn

from find3d_core.model.structure import Level


def batch_norm(channels: int) -> nn.BatchNorm1d:
    """PT3's BatchNorm settings."""
    return nn.BatchNorm1d(channels, eps=1e-3, momentum=0.01)


class SerializedPooling(nn.Module):
    """Linear, then max over each stride-2 cluster, then BatchNorm + GELU."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__()
        self.proj = nn.Linear(in_channels, out_channels)
        self.norm = nn.ModuleList([batch_norm(out_channels)])  # `norm.0`: reference naming
        self.act = nn.GELU()

    def forward(self, feat: torch.Tensor, fine: Level) -> torch.Tensor:
        x = self.proj(feat)
        padded = torch.cat([x, x.new_full((1, x.shape[1]), float("-inf"))])  # row N: empty member slot
        members = fine.pool_members
        pooled = padded.index_select(0, members.flatten()).view(*members.shape, -1).amax(dim=1)
        return self.act(self.norm[0](pooled))


class SerializedUnpooling(nn.Module):
    """Fine features (projected) plus coarse features (projected) gathered back through the pooling clusters."""

    def __init__(self, in_channels: int, skip_channels: int, out_channels: int) -> None:
        super().__init__()
        self.proj = nn.Sequential(nn.Linear(in_channels, out_channels), batch_norm(out_channels), nn.GELU())
        self.proj_skip = nn.Sequential(nn.Linear(skip_channels, out_channels), batch_norm(out_channels), nn.GELU())

    def forward(
        self, coarse_feat: torch.Tensor, fine_feat: torch.Tensor, fine: Level
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Returns the merged fine features and the projected skip features alone.

        The reference adds the coarse features to `point.feat` but leaves its sparse-conv tensor holding the projected
        skip features, so the next block's positional-encoding conv sees the skip only. Released weights were trained
        that way; `Stage.run_blocks` reproduces it with the second output.
        """
        skip = self.proj_skip(fine_feat)
        return skip + self.proj(coarse_feat).index_select(0, fine.pool_cluster), skip
