"""Geometry of a batch of voxelised clouds, computed once, apart from the learned layers.

Everything here is integer bookkeeping (serialization orders, attention patches, sparse-convolution neighbour maps,
pooling clusters). The network in `pt3.py` only gathers, scatters and multiplies with these index tensors, which is
what makes it exportable (ONNX/TensorRT) and lets one structure be reused by every block of a level.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import torch

from find3d_core.model.config import PT3Config
from find3d_core.model.serialization import encode, serialization_depth


@dataclass
class Patches:
    """Serialized patch attention layout for one order.

    `index` (P, K): point index of every patch slot; `valid` (P, K) key mask or None when every slot is a real key;
    `slot` (N,): flat position (into P*K) that carries each point's output.
    """

    index: torch.Tensor
    valid: torch.Tensor | None
    slot: torch.Tensor


@dataclass
class KernelPairs:
    """The neighbour pairs that exist for one submanifold kernel, grouped by kernel offset (a spconv "rulebook").

    Offset d (in weight order) pairs output voxels `out_index[starts[d]:starts[d+1]]` with input voxels
    `in_index[...]` at p + d. The centre offset pairs every voxel with itself, so it is left out (`centre`) and
    applied as a plain matmul. `starts` is a Python list: the convolution slices per offset without a sync.
    """

    in_index: torch.Tensor  # (P,) int64
    out_index: torch.Tensor  # (P,) int64
    starts: list[int]  # k^3 + 1 boundaries into the pair lists, centre offset empty
    centre: int


@dataclass
class Level:
    """One resolution of the U-Net: its voxels, orders and per-level index maps."""

    grid: torch.Tensor  # (N, 3) int64 voxel coordinates at this level
    batch: torch.Tensor  # (N,) int64 cloud index
    depth: int  # serialization depth at this level
    codes: torch.Tensor  # (num_orders, N) serialized codes
    neighbors: dict[int, torch.Tensor] = field(default_factory=dict)  # kernel size -> (N, k^3), N = missing
    # kernel size -> existing pairs; absent when rebuilt from flat tensors (ONNX): the convs then use `neighbors`
    pairs: dict[int, KernelPairs] = field(default_factory=dict)
    patches: dict[tuple[int, int], Patches] = field(default_factory=dict)  # (order index, patch size) -> layout
    # Pooling into the next level: members (M, <=8) point indices with N for empty, cluster (N,) next-level index.
    pool_members: torch.Tensor | None = None
    pool_cluster: torch.Tensor | None = None

    @property
    def num_points(self) -> int:
        return self.grid.shape[0]


@dataclass
class Structure:
    """All levels of a batch, finest first."""

    levels: list[Level]
    offset: torch.Tensor  # (B,) cumulative point counts of the finest level


def cloud_sizes(batch: torch.Tensor, num_clouds: int) -> torch.Tensor:
    return torch.bincount(batch, minlength=num_clouds)


def serialize(grid: torch.Tensor, batch: torch.Tensor, depth: int, orders: tuple[str, ...]) -> torch.Tensor:
    return torch.stack([encode(grid, batch, depth, o) for o in orders])


def build_patches(codes: torch.Tensor, batch: torch.Tensor, num_clouds: int, patch_size: int) -> Patches:
    """Cut each cloud's serialized sequence into patches of `patch_size`.

    A cloud with at most `patch_size` points is one (shorter) patch, its empty slots masked out. A larger cloud is
    padded to a multiple of `patch_size` by repeating, in the padding slots, the points one patch earlier: the
    reference's rule, under which the last patch's real points also attend to those repeated points.
    When every cloud fits in one patch (the coarse levels), patches are only as wide as the largest cloud: the
    masked slots change nothing, and full-width patches made attention about a third of the network's CPU time.
    """
    order = torch.argsort(codes, stable=True)  # batch bits keep clouds contiguous
    sizes = cloud_sizes(batch, num_clouds)
    starts = torch.cumsum(sizes, 0) - sizes
    k = min(patch_size, int(sizes.max()))
    index_rows, valid_rows, slot_parts = [], [], []
    slots_before = 0
    for start, n in zip(starts.tolist(), sizes.tolist()):
        if n == 0:
            continue
        if n <= k:
            local = torch.arange(k, device=codes.device)
            valid = local < n
            local = torch.where(valid, local, torch.zeros_like(local))
        else:
            padded = -(-n // k) * k
            local = torch.arange(padded, device=codes.device)
            local = torch.where(local < n, local, local - k)
            valid = torch.ones(padded, dtype=torch.bool, device=codes.device)
        index_rows.append(order[start + local].view(-1, k))
        valid_rows.append(valid.view(-1, k))
        slot_parts.append(slots_before + torch.arange(n, device=codes.device))
        slots_before += local.numel()
    ordered_slot = torch.cat(slot_parts)  # slot of the i-th point in serialized order
    slot = torch.empty_like(ordered_slot)
    slot[order] = ordered_slot
    valid = torch.cat(valid_rows)
    return Patches(index=torch.cat(index_rows), valid=None if bool(valid.all()) else valid, slot=slot)


# Dense lookup tables up to this many cells (int64: 128 MiB); Find3D's 0.02 grid needs ~80^3 = 0.5M per cloud.
DENSE_NEIGHBOR_CELLS = 1 << 24


def build_neighbors(grid: torch.Tensor, batch: torch.Tensor, kernel_size: int) -> torch.Tensor:
    """Submanifold neighbour map: (N, k^3) index of the active voxel at p + d for each offset d, N where none.

    Offsets are enumerated x-major, then y, then z, the layout of a spconv weight [out, kx, ky, kz, in].
    Voxels get linear keys in a box padded by r on every side, so the key of p + d is key(p) + key offset of d.
    """
    r = kernel_size // 2
    n = grid.shape[0]
    span = int(grid.max()) + 2 * r + 1 if grid.numel() else 1
    offsets = torch.tensor(list(itertools.product(range(-r, r + 1), repeat=3)), device=grid.device)
    shifted = grid + r  # non-negative, so keys are unique and p + d never wraps into another row or cloud
    keys = ((batch * span + shifted[:, 0]) * span + shifted[:, 1]) * span + shifted[:, 2]
    offset_keys = (offsets[:, 0] * span + offsets[:, 1]) * span + offsets[:, 2]
    query = keys[:, None] + offset_keys[None]  # (N, k^3)
    cells = (int(batch.max()) + 1 if n else 1) * span**3
    if cells <= DENSE_NEIGHBOR_CELLS:
        # One table of all cells holding each voxel's index (n = empty): a lookup per query, no search.
        table = torch.full((cells,), n, dtype=torch.long, device=grid.device)
        table[keys] = torch.arange(n, device=grid.device)
        return table[query]
    sorted_keys, perm = torch.sort(keys)  # huge grids: binary search in the sorted keys instead
    pos = torch.searchsorted(sorted_keys, query).clamp_(max=n - 1)
    return torch.where(sorted_keys[pos] == query, perm[pos], torch.full_like(pos, n))


def inner_neighbors(neighbors: torch.Tensor, kernel_size: int) -> torch.Tensor:
    """The (N, k^3) map of a smaller odd kernel taken from a larger kernel's map: its offsets are a subset."""
    big = round(neighbors.shape[1] ** (1 / 3))
    shift = (big - kernel_size) // 2
    inner = torch.arange(kernel_size, device=neighbors.device) + shift
    columns = (inner[:, None, None] * big + inner[None, :, None]) * big + inner[None, None, :]  # x-major, as built
    return neighbors.index_select(1, columns.flatten())


def build_pairs(neighbors: torch.Tensor) -> KernelPairs:
    """The existing (output, input) pairs of a neighbour map, offset-major, the centre offset left out."""
    n, volume = neighbors.shape
    centre = volume // 2
    by_offset = neighbors.t().flatten()  # (k^3 * N,): offset-major, output voxel minor
    hit = by_offset < n
    hit[centre * n : (centre + 1) * n] = False  # the centre's self-pairs are applied without gathering
    flat = hit.nonzero().squeeze(1)  # 1-D nonzero: about twice as fast as on the (k^3, N) mask
    offset_index = torch.div(flat, n, rounding_mode="floor")
    starts = [0] + torch.cumsum(torch.bincount(offset_index, minlength=volume), 0).tolist()
    return KernelPairs(
        in_index=by_offset.index_select(0, flat), out_index=flat - offset_index * n, starts=starts, centre=centre
    )


def build_pooling(level: Level, num_clouds: int) -> tuple[Level, torch.Tensor, torch.Tensor]:
    """Stride-2 pooling: points whose first-order code agrees above the last 3 bits form one coarse voxel."""
    shift = 1 if level.depth >= 1 else 0
    cluster_codes = level.codes[0] >> (3 * shift)
    _, cluster, counts = torch.unique(cluster_codes, sorted=True, return_inverse=True, return_counts=True)
    m = counts.numel()
    members_sorted = torch.argsort(cluster, stable=True)
    starts = torch.cumsum(counts, 0) - counts
    rank = torch.arange(level.num_points, device=cluster.device) - starts[cluster[members_sorted]]
    width = int(counts.max())  # 8 at most for distinct voxels (2x2x2); more only if the input repeats voxels
    members = torch.full((m, width), level.num_points, dtype=torch.long, device=cluster.device)
    members[cluster[members_sorted], rank] = members_sorted
    head = members[:, 0]
    coarse = Level(
        grid=level.grid[head] >> shift,
        batch=level.batch[head],
        depth=level.depth - shift,
        codes=level.codes[:, head] >> (3 * shift),
    )
    return coarse, members, cluster


def build_structure(grid: torch.Tensor, offset: torch.Tensor, config: PT3Config) -> Structure:
    """Every level's orders, neighbour maps, patches and pooling maps for a batch of clouds.

    `grid` (N, 3) int64 voxel coordinates (clouds concatenated), `offset` (B,) cumulative point counts.
    """
    grid = grid.long()
    offset = offset.long()
    num_clouds = offset.numel()
    sizes = torch.diff(offset, prepend=offset.new_zeros(1))
    batch = torch.repeat_interleave(torch.arange(num_clouds, device=grid.device), sizes)
    depth = serialization_depth(grid)
    level = Level(grid=grid, batch=batch, depth=depth, codes=serialize(grid, batch, depth, config.order))
    levels = [level]
    for _ in range(config.num_stages - 1):
        coarse, level.pool_members, level.pool_cluster = build_pooling(level, num_clouds)
        levels.append(coarse)
        level = coarse
    levels[0].neighbors[5] = build_neighbors(levels[0].grid, levels[0].batch, 5)
    for s, level in enumerate(levels):
        # The finest level's 3x3x3 map is the centre of its 5x5x5 one: a column gather instead of a second lookup.
        level.neighbors[3] = (
            inner_neighbors(level.neighbors[5], 3) if s == 0 else build_neighbors(level.grid, level.batch, 3)
        )
        # Decoder blocks attend in the layout of their level's encoder blocks: see `layout_patch_size`.
        k = config.enc_patch_size[s]
        depths = max(config.enc_depths[s], config.dec_depths[s] if s < len(config.dec_depths) else 0)
        for o in range(min(depths, len(config.order))):
            level.patches[(o, k)] = build_patches(level.codes[o], level.batch, num_clouds, k)
    for level in levels:
        # The 5x5x5 stem keeps its dense map: with 6 input channels its per-offset products are too thin to beat
        # one matmul over the gathered (N, 125 * 6) rows (measured equal), and 125 pair lists cost more to build.
        level.pairs[3] = build_pairs(level.neighbors[3])
    return Structure(levels=levels, offset=offset)


def layout_patch_size(config: PT3Config, stage: int) -> int:
    """Patch size of the attention layout that every block (encoder or decoder) of level `stage` uses.

    The reference caches a level's padding and patch boundaries in its point dict under keys without the patch
    size; the decoder's point is the encoder's, restored by unpooling, so its blocks reuse the encoder's layout
    whatever `dec_patch_size` says. Released Find3D weights have equal sizes, where this changes nothing.
    """
    return config.enc_patch_size[stage]
