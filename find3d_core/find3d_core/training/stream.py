"""A deterministic object stream over data-engine shards: the order depends only on (seed, epoch), so a run resumed
at step s sees exactly the objects an uninterrupted run would."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from find3d_core.engine.shards import iter_shard, read_manifest


class ShardStream:
    """Objects of one or more shard folders, shuffled per epoch (shards in random order, objects shuffled within a
    shard). Several folders mix by their sizes (e.g. complete objects and robot captures).

    Only a few decoded shards are held at once, so datasets larger than memory stream from disk.
    """

    def __init__(self, roots: str | Path | Sequence[str | Path], seed: int = 0) -> None:
        self.roots = [Path(roots)] if isinstance(roots, (str, Path)) else [Path(r) for r in roots]
        self.shards, self.sizes = [], []
        for root in self.roots:
            listed = [s for s in read_manifest(root)["shards"] if s.get("objects")]
            self.shards += [root / s["file"] for s in listed]
            self.sizes += [len(s["objects"]) for s in listed]
        if not self.shards:
            raise ValueError(f"{self.roots} hold no objects: build data with `find3d engine build` first")
        self.seed = seed
        self.num_objects = sum(self.sizes)
        self._load = lru_cache(maxsize=4)(lambda path: list(iter_shard(path)))
        self._orders = lru_cache(maxsize=2)(self.epoch_order)  # per instance: a cached method would pin every stream

    def epoch_order(self, epoch: int) -> list[tuple[int, int]]:
        """(shard, position) of every object in the epoch's order."""
        rng = np.random.default_rng([self.seed, epoch])
        order = []
        for shard in rng.permutation(len(self.shards)):
            order += [(int(shard), int(i)) for i in rng.permutation(self.sizes[shard])]
        return order

    def take(self, start: int, count: int) -> list:
        """Objects [start, start + count) of the endless stream (epochs concatenated)."""
        out = []
        for k in range(start, start + count):
            epoch, pos = divmod(k, self.num_objects)
            shard, index = self._order(epoch)[pos]
            out.append(self._load(self.shards[shard])[index])
        return out

    def _order(self, epoch: int) -> list[tuple[int, int]]:
        return self._orders(epoch)
