"""Time PointCloud2 <-> PointCloud conversions on real 640x480 scans (figures for find3d_ros/README.md).

    python find3d_ros/benchmarks/bench_conversions.py [--repeat 50] [SCAN.pcd ...]

Default scans: ../shared/data/real_scans/*.pcd next to the repository. Prints the median and best time of
each step in milliseconds; no model is involved.
"""

from __future__ import annotations

import argparse
import array
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))  # find3d_ros from this checkout

from find3d_core.geometry.io import read_cloud  # noqa: E402
from find3d_ros.conversions import cloud_to_msg, msg_to_cloud  # noqa: E402
from find3d_ros.interfaces import RosbagsFactory, make_typestore  # noqa: E402
from find3d_ros.outputs import labelled_cloud_msg  # noqa: E402

DEFAULT_SCANS = HERE.parents[2].parent / "shared" / "data" / "real_scans"


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median, best) milliseconds over `repeat` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(1e3 * (time.perf_counter() - start))
    return statistics.median(runs), min(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scans", nargs="*", type=Path, help="PCD/PLY files (default: the organized real scans)")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    scans = args.scans or sorted(p for p in DEFAULT_SCANS.glob("*.pcd") if read_cloud(p).is_organized)
    if not scans:
        print(f"no scans given and none found in {DEFAULT_SCANS}", file=sys.stderr)
        return 1
    store = make_typestore()
    factory = RosbagsFactory(store)
    header = factory.new("std_msgs/msg/Header", frame_id="camera")
    print(f"{'scan':38s} {'points':>8s}  {'step':32s} {'median ms':>9s} {'best ms':>8s}")
    for path in scans:
        cloud = read_cloud(path)
        msg = cloud_to_msg(factory, cloud, header)
        labels = np.where(np.isfinite(cloud.xyz[:, 0]), (cloud.xyz[:, 0] > 0).astype(np.int64), -1)
        scores = np.full(len(cloud), 0.5, dtype=np.float32)
        steps = {
            "PointCloud2 -> PointCloud": lambda: msg_to_cloud(msg),
            "PointCloud -> PointCloud2": lambda: cloud_to_msg(factory, cloud, header),
            "labelled PointCloud2 (6 fields)": lambda: labelled_cloud_msg(factory, header, cloud, labels, scores, 2),
            "rclpy data copy (array('B'))": lambda: array.array("B").frombytes(msg.data.data),
            "CDR serialize (rosbags)": lambda: store.serialize_cdr(msg, msg.__msgtype__),
        }
        size = f"{cloud.shape[1]}x{cloud.shape[0]}" if cloud.shape else str(len(cloud))
        for name, fn in steps.items():
            median, best = timed(fn, args.repeat)
            print(f"{path.name:38s} {size:>8s}  {name:32s} {median:9.2f} {best:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
