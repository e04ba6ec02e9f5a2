"""Offline find3d over a rosbag2 (sqlite3 or MCAP), without ROS: `run_bag` and the `find3d_bag` command.

Every sensor_msgs/PointCloud2 on the chosen topic goes through the node's pipeline (logic.Find3DLogic) and the
results are written to a new bag at the cloud's timestamp, in the cloud's frame:

    <topic>                             the input clouds, copied byte for byte (every topic with copy_all)
    <namespace>/labeled_cloud           sensor_msgs/PointCloud2: x, y, z, rgb, label, score
    <namespace>/markers                 visualization_msgs/MarkerArray: centroid spheres, labels, boxes
    <namespace>/parts/<query>           sensor_msgs/PointCloud2 per query (part_clouds=True)
    /diagnostics                        diagnostic_msgs/DiagnosticArray: per-stage latency

With the default namespace "/find3d_node", `ros2 bag play` of the result shows in rviz/find3d.rviz as the live
node's output would.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rosbags.interfaces import Qos, QosDurability, QosHistory, QosLiveliness, QosReliability, QosTime
from rosbags.rosbag2 import Reader, StoragePlugin, Writer

from find3d_core.inference.predictor import check_queries
from find3d_ros.interfaces import RosbagsFactory, make_typestore
from find3d_ros.logic import Find3DLogic, Settings, Wanted, topic_slug

log = logging.getLogger("find3d_ros.bag")

POINTCLOUD2 = "sensor_msgs/msg/PointCloud2"
MARKER_ARRAY = "visualization_msgs/msg/MarkerArray"
IMAGE = "sensor_msgs/msg/Image"
DIAGNOSTIC_ARRAY = "diagnostic_msgs/msg/DiagnosticArray"
STORAGES = ("sqlite3", "mcap")


class BagError(ValueError):
    """A bag that cannot be processed as asked, with what to do about it."""


@dataclass
class BagReport:
    """What run_bag did."""

    input_bag: Path
    output_bag: Path
    topic: str
    storage: str
    clouds: int = 0
    segmented: int = 0
    parts: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (timestamp ns, reason)
    output_topics: dict[str, str] = field(default_factory=dict)  # topic -> message type
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"{self.output_bag} ({self.storage}): {self.segmented}/{self.clouds} clouds of {self.topic} segmented, "
            f"{self.parts} part(s), {self.seconds:.1f} s",
            *(f"  {topic}  [{typ}]" for topic, typ in self.output_topics.items()),
        ]
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} cloud(s); first: t={self.skipped[0][0]} {self.skipped[0][1]}")
        return "\n".join(lines)


def run_bag(
    input_bag: str | Path,
    output_bag: str | Path,
    topic: str,
    queries: Sequence[str],
    scene: bool = False,
    checkpoint: str | Path | None = None,
    *,
    text_encoder: str | None = None,
    device: str = "cpu",
    up_axis: str = "-y",
    object_name: str | None = None,
    crop_box: Sequence[float] | None = None,
    max_points: int | None = None,
    score_threshold: float = 0.0,
    storage: str | None = None,
    copy_all: bool = False,
    namespace: str = "/find3d_node",
    part_clouds: bool = False,
    distro: str = "humble",
    predictor: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> BagReport:
    """Segment every cloud on `topic` of `input_bag` and write `output_bag` (see the module docstring).

    storage: "sqlite3" or "mcap" for the output; None keeps the input's. crop_box: 6 numbers, min xyz then max
    xyz. predictor: an already loaded find3d_core Find3DPredictor (else one is built from checkpoint,
    text_encoder, device, up_axis). progress(done, total) is called after each cloud.
    Raises BagError (bad paths, topic, type, options), CheckpointError (model), nothing per frame: a cloud that
    cannot be segmented is copied and listed in `report.skipped`.
    """
    start = time.perf_counter()
    input_bag, output_bag = Path(input_bag), Path(output_bag)
    queries = check_queries(queries)
    settings = _settings(queries, scene, up_axis, object_name, crop_box, max_points, score_threshold)
    if not input_bag.exists():
        raise BagError(f"input bag {input_bag} does not exist")
    if output_bag.exists():
        raise BagError(f"output bag {output_bag} exists already; remove it or choose another path")
    storage = storage or _storage_of(input_bag)
    if storage not in STORAGES:
        raise BagError(f"storage must be one of {STORAGES}; got {storage!r}")

    typestore = make_typestore(distro)
    factory = RosbagsFactory(typestore)
    logic = Find3DLogic(factory, settings, log=log)
    if predictor is None:
        from find3d_core.inference.predictor import Find3DPredictor

        predictor = Find3DPredictor.from_checkpoint(checkpoint, text_encoder, device, up_axis=up_axis)
    logic.configure(predictor)
    reliable = Qos(QosHistory.KEEP_LAST, 1, QosReliability.RELIABLE, QosDurability.VOLATILE, QosTime(0, 0),
                   QosTime(0, 0), QosLiveliness.AUTOMATIC, QosTime(0, 0), False)  # fmt: skip

    with Reader(input_bag) as reader:
        sources = [c for c in reader.connections if c.topic == topic]
        if not sources:
            found = ", ".join(f"{c.topic} [{c.msgtype}]" for c in reader.connections) or "none"
            raise BagError(f"topic {topic!r} is not in {input_bag}; its topics: {found}")
        wrong = [c.msgtype for c in sources if c.msgtype != POINTCLOUD2]
        if wrong:
            raise BagError(f"topic {topic!r} carries {wrong[0]}, not {POINTCLOUD2}")
        copied = [c for c in reader.connections if copy_all or c.topic == topic]
        report = BagReport(input_bag, output_bag, topic, storage)
        total = sum(c.msgcount for c in sources)
        plugin = StoragePlugin.MCAP if storage == "mcap" else StoragePlugin.SQLITE3
        with Writer(output_bag, version=8, storage_plugin=plugin) as writer:
            copies = _copy_connections(writer, copied, typestore, report)
            ns = "/" + namespace.strip("/") if namespace.strip("/") else ""
            outputs = {
                "labelled": writer.add_connection(f"{ns}/labeled_cloud", POINTCLOUD2, typestore=typestore,
                                                  offered_qos_profiles=[reliable]),  # fmt: skip
                "markers": writer.add_connection(f"{ns}/markers", MARKER_ARRAY, typestore=typestore,
                                                 offered_qos_profiles=[reliable]),  # fmt: skip
                "image": writer.add_connection(f"{ns}/labeled_image", IMAGE, typestore=typestore,
                                               offered_qos_profiles=[reliable]),  # organized clouds only
                "latency": writer.add_connection("/diagnostics", DIAGNOSTIC_ARRAY, typestore=typestore),
            }
            part_connections = {}
            if part_clouds:
                slugs: list[str] = []
                for q, query in enumerate(queries):
                    slugs.append(topic_slug(query, slugs))
                    part_connections[q] = writer.add_connection(
                        f"{ns}/parts/{slugs[-1]}", POINTCLOUD2, typestore=typestore, offered_qos_profiles=[reliable]
                    )
            for conn in [*outputs.values(), *part_connections.values()]:
                report.output_topics[conn.topic] = conn.msgtype
            wanted = Wanted(labelled=True, markers=True, part_queries=set(part_connections), image=True)

            for conn, stamp, raw in reader.messages(connections=copied):
                if conn.id in copies:
                    writer.write(copies[conn.id], stamp, raw)
                if conn.topic != topic:
                    continue
                report.clouds += 1
                try:
                    msg = typestore.deserialize_cdr(raw, POINTCLOUD2)
                except Exception as exc:  # noqa: BLE001 - a corrupt message skips one frame
                    report.skipped.append((stamp, f"cannot deserialize: {exc}"))
                    continue
                result = logic.process_standing(msg, wanted)
                if result is None or result.error:
                    report.skipped.append((stamp, result.error if result else "nothing to do"))
                else:
                    report.segmented += 1
                    report.parts += len(result.frame.segmentation.parts)
                    _write(writer, outputs["labelled"], stamp, result.labelled, typestore)
                    _write(writer, outputs["markers"], stamp, result.markers, typestore)
                    if result.image is not None:
                        _write(writer, outputs["image"], stamp, result.image, typestore)
                    _write(writer, outputs["latency"], stamp, result.latency, typestore)
                    for q, cloud in result.part_clouds.items():
                        _write(writer, part_connections[q], stamp, cloud, typestore)
                if progress is not None:
                    progress(report.clouds, total)
    report.seconds = time.perf_counter() - start
    return report


def _settings(queries, scene, up_axis, object_name, crop_box, max_points, score_threshold) -> Settings:
    try:
        return Settings(
            queries=list(queries), scene=bool(scene), up_axis=up_axis, object_name=object_name or "",
            crop_box=[float(v) for v in crop_box] if crop_box is not None else [], max_points=int(max_points or 0),
            score_threshold=float(score_threshold),
        )  # fmt: skip
    except ValueError as exc:
        raise BagError(str(exc)) from None


def _storage_of(path: Path) -> str:
    if path.is_file():
        return "mcap" if path.suffix == ".mcap" else "sqlite3"
    return "mcap" if any(path.glob("*.mcap")) else "sqlite3"


def _copy_connections(writer: Any, connections: list[Any], typestore: Any, report: BagReport) -> dict[int, Any]:
    """Output connections for copied input connections, by input connection id (same type, definition, QoS)."""
    copies: dict[int, Any] = {}
    for conn in connections:
        qos = list(getattr(conn.ext, "offered_qos_profiles", []) or [])
        msgdef = conn.msgdef.data if conn.msgdef is not None else ""
        try:
            if msgdef and conn.digest:
                out = writer.add_connection(conn.topic, conn.msgtype, msgdef=msgdef, rihs01=conn.digest,
                                            offered_qos_profiles=qos)  # fmt: skip
            else:  # older bags carry no definitions: take them from the typestore
                out = writer.add_connection(conn.topic, conn.msgtype, typestore=typestore, offered_qos_profiles=qos)
        except Exception as exc:  # noqa: BLE001 - an unknown type is left out, not fatal
            log.warning(f"not copying {conn.topic} [{conn.msgtype}]: {exc}")
            continue
        copies[conn.id] = out
        report.output_topics[out.topic] = out.msgtype
    return copies


def _write(writer: Any, connection: Any, stamp: int, msg: Any, typestore: Any) -> None:
    if msg is not None:
        writer.write(connection, stamp, typestore.serialize_cdr(msg, connection.msgtype))


# --------------------------------------------------------------------------- command line


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The `find3d bag` / `find3d_bag` options (shared so both commands read the same)."""
    parser.add_argument("input_bag", type=Path, help="rosbag2 folder, or a .db3 / .mcap file")
    parser.add_argument("output_bag", type=Path, help="new rosbag2 folder to write (must not exist)")
    parser.add_argument("--topic", required=True, help="sensor_msgs/PointCloud2 topic to segment")
    parser.add_argument("-q", "--query", dest="queries", action="append", required=True,
                        help="part name to find; repeat for several (-q handle -q lid)")  # fmt: skip
    parser.add_argument("--scene", action="store_true", help="split each cloud into objects on a support plane first")
    parser.add_argument("--checkpoint", default=None, help="Find3D checkpoint (.safetensors); default: the shipped one")
    parser.add_argument("--text-encoder", default=None, help="text encoder name or folder; default: the checkpoint's")
    parser.add_argument("--device", default="cpu", help="torch device (cpu, cuda, cuda:1)")
    parser.add_argument("--up-axis", default="-y", help="up axis of the clouds' frame: -y (camera optical), z (robot); write --up-axis=z")
    parser.add_argument("--object", dest="object_name", default=None, help="object name for '<part> of a <object>'")
    parser.add_argument("--crop-box", type=float, nargs=6, default=None,
                        metavar=("MIN_X", "MIN_Y", "MIN_Z", "MAX_X", "MAX_Y", "MAX_Z"), help="keep points in this box")  # fmt: skip
    parser.add_argument("--max-points", type=int, default=None, help="segment at most this many points per cloud")
    parser.add_argument("--score-threshold", type=float, default=0.0, help="minimum point probability (0..1)")
    parser.add_argument("--storage", choices=STORAGES, default=None, help="output storage; default: the input's")
    parser.add_argument("--copy-all", action="store_true", help="copy every input topic (TF, camera info, ...)")
    parser.add_argument("--part-clouds", action="store_true", help="also write one cloud topic per query")
    parser.add_argument("--namespace", default="/find3d_node", help="prefix of the result topics")
    return parser


def run_from_args(args: argparse.Namespace) -> int:
    """Run `run_bag` from parsed `add_arguments` options; print the summary; exit code 0 or 1."""
    from find3d_core.model.checkpoint import CheckpointError

    try:
        report = run_bag(
            args.input_bag, args.output_bag, args.topic, args.queries, args.scene, args.checkpoint,
            text_encoder=args.text_encoder, device=args.device, up_axis=args.up_axis, object_name=args.object_name,
            crop_box=args.crop_box, max_points=args.max_points, score_threshold=args.score_threshold,
            storage=args.storage, copy_all=args.copy_all, namespace=args.namespace, part_clouds=args.part_clouds,
            progress=lambda done, total: print(f"\r{done}/{total} clouds", end="", file=sys.stderr, flush=True),
        )  # fmt: skip
    except (BagError, ValueError, CheckpointError, FileNotFoundError) as exc:
        print(f"\nfind3d bag: {exc}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    print(report.summary())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`ros2 run find3d_ros find3d_bag IN OUT --topic T -q handle` (same options as `find3d bag`)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = add_arguments(argparse.ArgumentParser(prog="find3d_bag", description=__doc__.splitlines()[0]))
    return run_from_args(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
