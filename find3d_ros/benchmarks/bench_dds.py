"""find3d_node over real DDS: publish -> labelled cloud latency and ~/query_parts round trip for a 640x480 frame.

    make ros && source build/ros/env.sh
    python find3d_ros/benchmarks/bench_dds.py [--frames 10] [--transport default|LARGE_DATA|both]

For each transport setting it starts find3d_node (its own process, standing queries, reliable input) and a client
process with the same Fast DDS transports, then prints per frame-stage medians in ms: the node's stages (from the
labelled cloud's /diagnostics values: convert, find3d_core's stages, outputs), the publish -> labelled cloud wall
time, the service round trip with the cloud in the request, and the round trip on the latest cloud (empty request
cloud). Needs ../shared/data/real_scans.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SCAN = PACKAGE.parent.parent / "shared" / "data" / "real_scans" / "table_scene_mug_stereo_textured.pcd"
QUERIES = ["mug", "handle"]

CLIENT = r"""
import json, statistics, sys, time
import rclpy
from diagnostic_msgs.msg import DiagnosticArray
from find3d_msgs.srv import QueryParts
from sensor_msgs.msg import PointCloud2
from find3d_core.geometry.io import read_cloud
from find3d_ros.conversions import cloud_to_msg
from find3d_ros.interfaces import RclpyFactory

scan, frames, QUERIES = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
rclpy.init()
node = rclpy.create_node("find3d_bench_client")
factory = RclpyFactory()
cloud = read_cloud(scan)
cloud.frame_id = "camera_optical"
labelled, status = [], []
node.create_subscription(PointCloud2, "/find3d_node/labeled_cloud", lambda m: labelled.append(time.perf_counter()), 1)
node.create_subscription(DiagnosticArray, "/diagnostics", lambda m: status.extend(m.status), 10)
pub = node.create_publisher(PointCloud2, "/bench/points", 1)
client = node.create_client(QueryParts, "/find3d_node/query_parts")
client.wait_for_service()
while pub.get_subscription_count() == 0 or node.count_subscribers("/find3d_node/labeled_cloud") == 0:
    rclpy.spin_once(node, timeout_sec=0.1)


def spin_until(predicate, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while not predicate() and time.perf_counter() < deadline:
        rclpy.spin_once(node, timeout_sec=0.01)
    return predicate()


def stamped(sec):
    header = factory.new("std_msgs/msg/Header", stamp=factory.new("builtin_interfaces/msg/Time", sec=sec),
                         frame_id="camera_optical")
    return cloud_to_msg(factory, cloud, header)


topic, lost, service, latest, stages = [], 0, [], [], {}
for k in range(frames + 1):  # frame 0 warms the path up and is not counted
    msg = stamped(k + 1)
    seen = len(labelled)
    start = time.perf_counter()
    pub.publish(msg)
    if not spin_until(lambda: len(labelled) > seen, 30.0):
        lost += k > 0
        continue
    if k > 0:
        topic.append(labelled[-1] - start)
    for timings, request in ((service, QueryParts.Request(queries=QUERIES, cloud=msg)),
                             (latest, QueryParts.Request(queries=QUERIES))):
        start = time.perf_counter()
        future = client.call_async(request)
        spin_until(future.done)
        if k > 0 and future.result().success:
            timings.append(time.perf_counter() - start)
    spin_until(lambda: False, 1.2)  # the next steady /diagnostics status carries the latest stages
    mine = [s for s in status if s.name == "/find3d_node: find3d"]
    if k > 0 and mine:
        for kv in mine[-1].values:
            if kv.key.endswith("_ms"):
                stages.setdefault(kv.key[:-3], []).append(float(kv.value))
print(json.dumps({"topic": topic, "lost": lost, "service": service, "latest": latest,
                  "stages": {key: statistics.median(v) for key, v in stages.items()}}))
"""


def run(transport: str, frames: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE), os.environ.get("PYTHONPATH", "")])}
    env.setdefault("ROS_DOMAIN_ID", str(1 + os.getpid() % 100))
    env.setdefault("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST")
    if transport == "LARGE_DATA":
        env["FASTDDS_BUILTIN_TRANSPORTS"] = "LARGE_DATA"
    params = {"input_topic": "/bench/points", "input_reliability": "reliable", "queries": QUERIES}
    args = [arg for name, value in params.items() for arg in ("-p", f"{name}:={json.dumps(value)}")]
    node = subprocess.Popen([sys.executable, "-m", "find3d_ros.node", "--ros-args", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        out = subprocess.run([sys.executable, "-c", CLIENT, str(SCAN), str(frames), json.dumps(QUERIES)], env=env,
                             capture_output=True, text=True, timeout=1800)  # fmt: skip
    finally:
        node.send_signal(signal.SIGINT)
        node.wait(timeout=60)
    if out.returncode != 0:
        sys.exit(f"the benchmark client failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ms(values: list[float]) -> str:
    return f"{1e3 * statistics.median(values):.0f}" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--transport", choices=["default", "LARGE_DATA", "both"], default="both")
    opts = parser.parse_args()
    if not SCAN.is_file():
        sys.exit(f"needs the real scan {SCAN}")
    transports = ["default", "LARGE_DATA"] if opts.transport == "both" else [opts.transport]
    results = {t: run(t, opts.frames) for t in transports}
    print(f"640x480 table scan, queries {QUERIES}, {opts.frames} frames, medians in ms (reliable input)")
    print("| stage | " + " | ".join(transports) + " |")
    print("|---|" + "---|" * len(transports))
    stages = list(next(iter(results.values()))["stages"])
    for stage in stages:
        print(f"| node: {stage} | " + " | ".join(f"{r['stages'].get(stage, float('nan')):.0f}" for r in results.values()) + " |")
    for key, label in (("topic", "publish -> labelled cloud received"), ("service", "~/query_parts, cloud in request"),
                       ("latest", "~/query_parts, latest cloud")):  # fmt: skip
        print(f"| {label} | " + " | ".join(ms(r[key]) for r in results.values()) + " |")
    print("| frames lost | " + " | ".join(str(r["lost"]) for r in results.values()) + " |")


if __name__ == "__main__":
    main()
