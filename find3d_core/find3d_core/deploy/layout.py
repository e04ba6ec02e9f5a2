"""The network's inputs as a fixed list of named tensors: a `Structure` flattened for ONNX and TensorRT.

An exported graph cannot take a Python `Structure` (dicts, optional masks, a number of levels chosen in Python), so the
geometry crosses the boundary as plain tensors whose names and order depend only on the model configuration:

    feat                          (N0, in_channels)  float32  point features of the finest level
    level0_nbr5                   (N0, 125)          int64    5x5x5 neighbour map of the stem conv (N0 = missing)
    level{s}_nbr3                 (Ns, 27)           int64    3x3x3 neighbour map of level s (Ns = missing)
    level{s}_order{o}_p{k}_index  (Ps_k, Ws_k)       int64    patch slots -> point index, serialization order o
    level{s}_order{o}_p{k}_valid  (Ps_k, Ws_k)       bool     key mask of those slots (always given, all True allowed)
    level{s}_order{o}_p{k}_slot   (Ns,)              int64    flat slot (into Ps_k * k) carrying each point's output
    level{s}_pool_members         (N{s+1}, 8)        int64    level-s points of each level-(s+1) voxel (Ns = empty)
    level{s}_pool_cluster         (Ns,)              int64    level-(s+1) voxel of each level-s point

and one output, `embedding` (N0, text_dim) float32. Only the patch layouts that some block uses are listed, finest
level first, then by order and patch size. Every first dimension is dynamic, and so is the patch width Ws_k: it is k,
or the largest cloud when every cloud of the batch fits in one patch. The other second dimensions are fixed.
Data-dependent Python choices become uniform: the key mask is always passed and pooling groups are padded to 8.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from find3d_core.model.config import PT3Config
from find3d_core.model.structure import Level, Patches, Structure, layout_patch_size

POOL_WIDTH = 8  # a stride-2 voxel holds at most 2x2x2 distinct finer voxels
OUTPUT_NAME = "embedding"


@dataclass(frozen=True)
class TensorSpec:
    """One graph input: name, dtype and shape, a dimension being an int (fixed) or a name (dynamic)."""

    name: str
    dtype: torch.dtype
    shape: tuple[int | str, ...]


def patch_keys(config: PT3Config) -> list[tuple[int, int, int]]:
    """(level, order index, patch size) of every attention layout a block of the network reads."""
    n_orders = len(config.order)
    keys: set[tuple[int, int, int]] = set()
    for s in range(config.num_stages):
        depth = max(config.enc_depths[s], config.dec_depths[s] if s < config.num_stages - 1 else 0)
        keys |= {(s, i % n_orders, layout_patch_size(config, s)) for i in range(depth)}  # decoders read the encoder's
    return sorted(keys)


def point_dim(s: int) -> str:
    return f"points_level{s}"


def patch_dim(s: int, k: int) -> str:
    return f"patches_level{s}_p{k}"


def width_dim(s: int, k: int) -> str:
    return f"width_level{s}_p{k}"


def input_specs(config: PT3Config) -> list[TensorSpec]:
    """The graph inputs, in order (see the module docstring)."""
    specs = [
        TensorSpec("feat", torch.float32, (point_dim(0), config.in_channels)),
        TensorSpec("level0_nbr5", torch.int64, (point_dim(0), 125)),
    ]
    specs += [TensorSpec(f"level{s}_nbr3", torch.int64, (point_dim(s), 27)) for s in range(config.num_stages)]
    for s, o, k in patch_keys(config):
        stem = f"level{s}_order{o}_p{k}"
        specs += [
            TensorSpec(f"{stem}_index", torch.int64, (patch_dim(s, k), width_dim(s, k))),
            TensorSpec(f"{stem}_valid", torch.bool, (patch_dim(s, k), width_dim(s, k))),
            TensorSpec(f"{stem}_slot", torch.int64, (point_dim(s),)),
        ]
    for s in range(config.num_stages - 1):
        specs += [
            TensorSpec(f"level{s}_pool_members", torch.int64, (point_dim(s + 1), POOL_WIDTH)),
            TensorSpec(f"level{s}_pool_cluster", torch.int64, (point_dim(s),)),
        ]
    return specs


def input_names(config: PT3Config) -> list[str]:
    return [spec.name for spec in input_specs(config)]


def flatten(feat: torch.Tensor, structure: Structure, config: PT3Config) -> list[torch.Tensor]:
    """The graph inputs for one batch, in `input_specs` order, on the structure's device."""
    levels = structure.levels
    if len(levels) != config.num_stages:
        raise ValueError(f"structure has {len(levels)} levels, the model config {config.num_stages}")
    out = [feat.float(), levels[0].neighbors[5]] + [level.neighbors[3] for level in levels]
    for s, o, k in patch_keys(config):
        patches = levels[s].patches[(o, k)]
        valid = patches.valid if patches.valid is not None else torch.ones_like(patches.index, dtype=torch.bool)
        out += [patches.index, valid, patches.slot]
    for s in range(config.num_stages - 1):
        out += [_pad_members(levels[s].pool_members, levels[s].num_points), levels[s].pool_cluster]
    return out


def _pad_members(members: torch.Tensor, num_fine: int) -> torch.Tensor:
    """Pooling groups padded to POOL_WIDTH with the "empty" index, so the graph sees a fixed width."""
    width = members.shape[1]
    if width > POOL_WIDTH:
        raise ValueError(
            f"a pooled voxel has {width} members (> {POOL_WIDTH}): the input repeats voxel coordinates; "
            "grid-sample the cloud first (one point per voxel)"
        )
    pad = members.new_full((members.shape[0], POOL_WIDTH - width), num_fine)
    return torch.cat([members, pad], dim=1)


def unflatten(tensors: list[torch.Tensor], config: PT3Config) -> tuple[torch.Tensor, Structure]:
    """Inverse of `flatten` as far as the network reads it: features and a Structure of index tensors only.

    Levels get empty placeholders for grid, batch and codes, which only the geometry code uses.
    """
    names = input_names(config)
    if len(tensors) != len(names):
        raise ValueError(f"expected {len(names)} tensors ({', '.join(names)}), got {len(tensors)}")
    named = dict(zip(names, tensors))
    empty = tensors[0].new_zeros(0, dtype=torch.long)
    levels = [Level(grid=empty, batch=empty, depth=0, codes=empty) for _ in range(config.num_stages)]
    levels[0].neighbors[5] = named["level0_nbr5"]
    for s, level in enumerate(levels):
        level.neighbors[3] = named[f"level{s}_nbr3"]
        if s < config.num_stages - 1:
            level.pool_members = named[f"level{s}_pool_members"]
            level.pool_cluster = named[f"level{s}_pool_cluster"]
    for s, o, k in patch_keys(config):
        stem = f"level{s}_order{o}_p{k}"
        bias = key_bias(named[f"{stem}_valid"], named["feat"].dtype)
        levels[s].patches[(o, k)] = Patches(named[f"{stem}_index"], bias, named[f"{stem}_slot"])
    return named["feat"], Structure(levels=levels, offset=empty)


def key_bias(valid: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The key mask as an additive bias (0 or -inf), which attention accepts in place of the boolean mask.

    Same result (no query ever sees only padding), but exporters lower a boolean mask to a select on the full
    (patches, heads, K, K) score tensor plus a NaN clean-up pass over it: with the bias onnxruntime ran the full
    network 1.4x (1 thread) to 1.9x (2 threads) faster on CPU.
    """
    return torch.zeros(valid.shape, dtype=dtype, device=valid.device).masked_fill(~valid, float("-inf"))
