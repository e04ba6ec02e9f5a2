"""PT3 transformer block: conditional positional encoding, patch attention and MLP, pre-norm residuals."""

from __future__ import annotations

import torch
from torch import nn

from find3d_core.model.attention import SerializedAttention
from find3d_core.model.sparse_conv import SubMConv3d
from find3d_core.model.structure import Level


class DropPath(nn.Module):
    """Stochastic depth per point (the reference applies timm's DropPath to the (N, C) feature tensor)."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        keep = x.new_empty(x.shape[0], 1).bernoulli_(1 - self.p)
        return x * keep / (1 - self.p)


class MLP(nn.Module):
    def __init__(self, channels: int, hidden: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(channels, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    """xCPE -> LN -> attention -> residual -> LN -> MLP -> residual.

    Sub-modules sit in one-element ModuleLists (`norm1.0`, `mlp.0`, ...) only so that parameter names match the
    reference's PointSequential wrappers and released checkpoints load unchanged.
    """

    def __init__(
        self,
        channels: int,
        num_heads: int,
        patch_size: int,
        mlp_ratio: float,
        drop_path: float,
        order_index: int,
        layout_patch_size: int | None = None,
    ) -> None:
        """`layout_patch_size`: patch size of the attention layout to read, when not `patch_size` (decoder quirk)."""
        super().__init__()
        self.order_index = order_index
        self.patch_size = patch_size
        self.layout_key = (order_index, patch_size if layout_patch_size is None else layout_patch_size)
        self.cpe = nn.ModuleList([SubMConv3d(channels, channels, 3, bias=True), nn.Linear(channels, channels), nn.LayerNorm(channels)])
        self.norm1 = nn.ModuleList([nn.LayerNorm(channels)])
        self.attn = SerializedAttention(channels, num_heads, patch_size)
        self.norm2 = nn.ModuleList([nn.LayerNorm(channels)])
        self.mlp = nn.ModuleList([MLP(channels, int(channels * mlp_ratio))])
        self.drop_path = DropPath(drop_path)

    def forward(self, feat: torch.Tensor, level: Level, conv_input: torch.Tensor | None = None) -> torch.Tensor:
        """`conv_input` replaces `feat` as the positional encoding's convolution input (see `pt3.Stage`)."""
        conv, linear, norm = self.cpe
        feat = feat + norm(linear(conv(feat if conv_input is None else conv_input, level)))
        patches = level.patches[self.layout_key]
        feat = feat + self.drop_path(self.attn(self.norm1[0](feat), patches))
        return feat + self.drop_path(self.mlp[0](self.norm2[0](feat)))
