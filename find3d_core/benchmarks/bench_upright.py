#!/usr/bin/env python
"""How often the offline upright heuristic (engine/upright.py `heuristic_up`) gets the procedural catalogue right.

Every category, seeds 0..S-1, each object as built (upright) and turned five ways: a quarter turn about x, about
-x, about y, a half turn about x (upside down), and a random rotation. For each case: is the vertical axis right
(|up . truth| > 0.97) and is the object upright (up . truth > 0.97); upright objects should be kept as they are.

This prints figures; it asserts nothing. Run from the repository root:
    .venv/bin/python find3d_core/benchmarks/bench_upright.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.spatial.transform import Rotation

from find3d_core.engine.assets import procedural_asset
from find3d_core.engine.catalog import CATALOG
from find3d_core.engine.upright import heuristic_up, rotate_asset

TURNS = {"quarter x": (90, 0, 0), "quarter -x": (-90, 0, 0), "quarter y": (0, 90, 0), "half x": (180, 0, 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    counts: dict[str, list[int]] = {}
    kept = total_upright = 0
    t0 = time.perf_counter()
    for cat in sorted(CATALOG):
        for seed in range(args.seeds):
            asset = procedural_asset(cat, seed)
            up, info = heuristic_up(asset)
            kept += info["kept"]
            total_upright += 1
            turns = {**TURNS, "random": tuple(Rotation.random(random_state=rng.integers(1 << 31)).as_euler("xyz", True))}
            for name, euler in turns.items():
                rot = Rotation.from_euler("xyz", euler, degrees=True).as_matrix()
                truth = rot @ [0.0, 0.0, 1.0]
                up, _ = heuristic_up(rotate_asset(asset, rot, {}))
                c = counts.setdefault(name, [0, 0, 0])
                c[0] += abs(up @ truth) > 0.97
                c[1] += up @ truth > 0.97
                c[2] += 1
    seconds = time.perf_counter() - t0
    n = total_upright
    print(f"{len(CATALOG)} categories x {args.seeds} seeds = {n} objects, {seconds / (n * 6):.3f} s per heuristic call")
    print(f"as built (upright): kept {kept}/{n} ({100 * kept / n:.0f}%)")
    print(f"{'turn':12s} {'axis right':>11s} {'upright':>9s}")
    for name, (axis, full, m) in counts.items():
        print(f"{name:12s} {100 * axis / m:10.0f}% {100 * full / m:8.0f}%")


if __name__ == "__main__":
    main()
