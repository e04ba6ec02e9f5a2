"""Space-filling-curve codes that turn a sparse voxel set into 1-D sequences (PT3's serialization).

Codes: z-order (Morton) and Hilbert over integer voxel coordinates, and their "-trans" variants that swap x and y
first. Bit layout matches the reference: within each 3-bit group x is the most significant bit, then y, then z, and
the cloud's batch index sits above the 3*depth code bits so that sorting keeps clouds contiguous.
"""

from __future__ import annotations

import torch


def interleave_bits(grid: torch.Tensor, depth: int) -> torch.Tensor:
    """Morton code: bit i of x, y, z lands at positions 3i+2, 3i+1, 3i."""
    grid = grid.long()
    code = torch.zeros(grid.shape[0], dtype=torch.long, device=grid.device)
    for i in range(depth):
        bit = 1 << i
        code |= ((grid[:, 0] & bit) << (2 * i + 2)) | ((grid[:, 1] & bit) << (2 * i + 1)) | ((grid[:, 2] & bit) << (2 * i))
    return code


def hilbert_code(grid: torch.Tensor, depth: int) -> torch.Tensor:
    """Hilbert index of each voxel by Skilling's transform ("Programming the Hilbert curve", 2004).

    The axes are transformed bit plane by bit plane from the most significant one (inverting or exchanging the lower
    bits), then the transposed coordinates are interleaved into a Gray code, which is turned back into binary.
    """
    x = [grid[:, d].long().clone() for d in range(3)]
    for b in range(depth - 1, -1, -1):
        lower = (1 << b) - 1
        for d in range(3):
            on = ((x[d] >> b) & 1).bool()
            # Bit on: invert the lower bits of axis 0. Bit off: exchange the lower bits of axis 0 and axis d.
            swap = torch.where(on, torch.zeros_like(x[0]), (x[0] ^ x[d]) & lower)
            x[0] = torch.where(on, x[0] ^ lower, x[0] ^ swap)
            if d != 0:
                x[d] = x[d] ^ swap
    gray = interleave_bits(torch.stack(x, dim=1), depth)
    return gray_to_binary(gray)


def gray_to_binary(gray: torch.Tensor) -> torch.Tensor:
    """Prefix XOR from the most significant bit down (inverse Gray code) of non-negative 63-bit values."""
    binary = gray.clone()
    shift = 1
    while shift < 64:
        binary ^= binary >> shift
        shift *= 2
    return binary


def encode(grid: torch.Tensor, batch: torch.Tensor, depth: int, order: str) -> torch.Tensor:
    """Serialized code of every voxel for one order, the batch index in the high bits."""
    if order.endswith("-trans"):
        grid = grid[:, [1, 0, 2]]
    if order.startswith("z"):
        code = interleave_bits(grid, depth)
    elif order.startswith("hilbert"):
        code = hilbert_code(grid, depth)
    else:
        raise ValueError(f"unknown serialization order {order!r}")
    return (batch.long() << (3 * depth)) | code


def serialization_depth(grid: torch.Tensor) -> int:
    """Bits needed for the largest voxel coordinate (the reference's `int(grid.max()).bit_length()`)."""
    depth = int(grid.max()).bit_length() if grid.numel() else 0
    if depth > 16:
        raise ValueError(f"voxel grid too large to serialize (depth {depth} > 16): use a coarser grid size")
    return depth
