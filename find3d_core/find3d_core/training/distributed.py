"""What a multi-process (torchrun) run needs so that it computes what one process would on the global batch."""

from __future__ import annotations

import os

import torch
import torch.distributed as dist
from torch import nn


def setup(device: str) -> tuple[int, int]:
    """(rank, world size); initialises the process group under torchrun (gloo on CPU, NCCL on CUDA)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not dist.is_initialized():
        dist.init_process_group("nccl" if device.startswith("cuda") else "gloo")
    return (dist.get_rank() if world > 1 else 0), world


def local_device(device: str) -> str:
    return f"cuda:{os.environ.get('LOCAL_RANK', '0')}" if device.startswith("cuda") else device


def gather_rows(tensor: torch.Tensor) -> torch.Tensor:
    """All processes' rows in rank order; gradients flow back to each process's own rows."""
    from torch.distributed.nn.functional import all_gather

    sizes = [torch.zeros(1, dtype=torch.long, device=tensor.device) for _ in range(dist.get_world_size())]
    dist.all_gather(sizes, torch.tensor([len(tensor)], device=tensor.device))
    longest = int(max(s.item() for s in sizes))
    padded = torch.cat([tensor, tensor.new_zeros(longest - len(tensor), *tensor.shape[1:])])
    return torch.cat([part[: int(n.item())] for part, n in zip(all_gather(padded), sizes)])


class GlobalBatchNorm1d(nn.BatchNorm1d):
    """BatchNorm whose training statistics cover every process's points (torch's SyncBatchNorm is GPU-only).

    Same parameters and buffers as nn.BatchNorm1d, so checkpoints are interchangeable.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not (self.training and dist.is_initialized() and dist.get_world_size() > 1):
            return super().forward(x)
        from torch.distributed.nn.functional import all_reduce

        stats = torch.cat([x.sum(0), (x * x).sum(0), x.new_tensor([len(x)])])
        stats = all_reduce(stats)
        c = x.shape[1]
        count = stats[-1]
        mean = stats[:c] / count
        var = stats[c : 2 * c] / count - mean * mean
        with torch.no_grad():
            self.num_batches_tracked += 1
            unbiased = var * count / (count - 1).clamp(min=1)
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean.detach())
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * unbiased.detach())
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias


def use_global_batch_norm(module: nn.Module) -> nn.Module:
    """Swap every BatchNorm1d for GlobalBatchNorm1d in place, keeping parameters and buffers."""
    for name, child in module.named_children():
        if type(child) is nn.BatchNorm1d:
            replacement = GlobalBatchNorm1d(child.num_features, child.eps, child.momentum).to(child.weight.device)
            replacement.load_state_dict(child.state_dict())
            setattr(module, name, replacement)
        else:
            use_global_batch_norm(child)
    return module
