"""Point Transformer V3 (Wu et al., CVPR 2024) as used by Find3D: a serialized U-Net over sparse voxels."""

from __future__ import annotations

import torch
from torch import nn

from find3d_core.model.block import Block
from find3d_core.model.config import PT3Config
from find3d_core.model.pooling import SerializedPooling, SerializedUnpooling, batch_norm
from find3d_core.model.sparse_conv import SubMConv3d
from find3d_core.model.structure import Level, Structure, layout_patch_size


class Stem(nn.Module):
    """5x5x5 submanifold conv (no bias) -> BatchNorm -> GELU."""

    def __init__(self, in_channels: int, channels: int) -> None:
        super().__init__()
        self.conv = SubMConv3d(in_channels, channels, 5, bias=False)
        self.norm = batch_norm(channels)
        self.act = nn.GELU()

    def forward(self, feat: torch.Tensor, level: Level) -> torch.Tensor:
        return self.act(self.norm(self.conv(feat, level)))


class Embedding(nn.Module):
    def __init__(self, in_channels: int, channels: int) -> None:
        super().__init__()
        self.stem = Stem(in_channels, channels)

    def forward(self, feat: torch.Tensor, level: Level) -> torch.Tensor:
        return self.stem(feat, level)


class Stage(nn.Module):
    """Blocks of one level, registered as `block0`, `block1`, ... (reference naming)."""

    def __init__(self, blocks: list[Block]) -> None:
        super().__init__()
        self.num_blocks = len(blocks)
        for i, block in enumerate(blocks):
            self.add_module(f"block{i}", block)

    def run_blocks(self, feat: torch.Tensor, level: Level, first_conv_input: torch.Tensor | None = None) -> torch.Tensor:
        """`first_conv_input`: what the first block's positional-encoding conv sees instead of `feat` (decoder quirk)."""
        for i in range(self.num_blocks):
            feat = getattr(self, f"block{i}")(feat, level, first_conv_input if i == 0 else None)
        return feat


def make_blocks(
    channels: int, heads: int, patch: int, mlp_ratio: float, drop_paths: list[float], num_orders: int, layout: int
) -> list[Block]:
    """`layout`: patch size of the level's attention layout (the encoder's, see `structure.layout_patch_size`)."""
    return [Block(channels, heads, patch, mlp_ratio, dp, i % num_orders, layout) for i, dp in enumerate(drop_paths)]


class PointTransformerV3(nn.Module):
    """Encoder (pooling between stages) and decoder (unpooling with skips); output at the finest level."""

    def __init__(self, config: PT3Config) -> None:
        super().__init__()
        self.config = c = config
        n_orders = len(c.order)
        self.embedding = Embedding(c.in_channels, c.enc_channels[0])
        enc_dp = torch.linspace(0, c.drop_path, sum(c.enc_depths)).tolist()
        self.enc = nn.ModuleDict()
        for s in range(c.num_stages):
            dps = enc_dp[sum(c.enc_depths[:s]) : sum(c.enc_depths[: s + 1])]
            stage = Stage(
                make_blocks(c.enc_channels[s], c.enc_num_head[s], c.enc_patch_size[s], c.mlp_ratio, dps, n_orders,
                            layout_patch_size(c, s))
            )
            if s > 0:
                stage.down = SerializedPooling(c.enc_channels[s - 1], c.enc_channels[s])
            self.enc[f"enc{s}"] = stage
        dec_dp = torch.linspace(0, c.drop_path, sum(c.dec_depths)).tolist()
        dec_in = list(c.dec_channels) + [c.enc_channels[-1]]
        self.dec = nn.ModuleDict()
        for s in reversed(range(c.num_stages - 1)):
            dps = dec_dp[sum(c.dec_depths[:s]) : sum(c.dec_depths[: s + 1])][::-1]
            stage = Stage(
                make_blocks(c.dec_channels[s], c.dec_num_head[s], c.dec_patch_size[s], c.mlp_ratio, dps, n_orders,
                            layout_patch_size(c, s))
            )
            stage.up = SerializedUnpooling(dec_in[s + 1], c.enc_channels[s], c.dec_channels[s])
            self.dec[f"dec{s}"] = stage

    def forward(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        """`feat` (N, in_channels) at the finest level -> (N, dec_channels[0]) point features."""
        levels = structure.levels
        x = self.embedding(feat, levels[0])
        skips = []
        for s in range(self.config.num_stages):
            stage = self.enc[f"enc{s}"]
            if s > 0:
                x = stage.down(x, levels[s - 1])
            x = stage.run_blocks(x, levels[s])
            skips.append(x)
        for s in reversed(range(self.config.num_stages - 1)):
            stage = self.dec[f"dec{s}"]
            x, skip = stage.up(x, skips[s], levels[s])
            x = stage.run_blocks(x, levels[s], first_conv_input=skip)
        return x
