"""`find3d` command line: segment clouds, inspect checkpoints, check numerical parity, export to ONNX, run the demo."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import numpy as np

from find3d_core.deploy.backends import BACKENDS, PRECISIONS, BackendUnavailable
from find3d_core.deploy.export import ExportError
from find3d_core.engine.cli import add_engine_parser, run_engine
from find3d_core.engine.shards import ShardFormatError
from find3d_core.errors import UsageError
from find3d_core.geometry.cloud import CloudError
from find3d_core.geometry.preprocess import ModelInput
from find3d_core.geometry.up import UP_AXES
from find3d_core.inference.report import print_parts, write_outputs
from find3d_core.model.checkpoint import CheckpointError, CheckpointInfo
from find3d_core.text import TextEncoderUnavailable
from find3d_core.training.cli import add_training_parsers, run_eval, run_train

# What a user can fix: printed as one line (exit status 2). Anything else is a bug and keeps its traceback.
USER_ERRORS: tuple[type[Exception], ...] = (
    UsageError, CloudError, CheckpointError, ShardFormatError, TextEncoderUnavailable, BackendUnavailable, ExportError,
    FileNotFoundError,
)
# Commands that other installed packages add to `find3d` (entry points in this group, loading to a module or object
# with `add_arguments(parser)`, `run_from_args(args) -> int` and optionally `USER_ERRORS`): find3d_ros adds `bag`.
PLUGIN_GROUP = "find3d.commands"
# Help and install hint for the plugins we know of, so `find3d bag` explains itself when find3d_ros is missing.
KNOWN_PLUGINS = {
    "bag": ("segment the clouds of a rosbag2 into a new bag", "pip install -e find3d_ros 'find3d_core[ros]'"),
}


def build_parser(plugins: dict[str, Any] | None = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log details and per-stage timings")
    parser = argparse.ArgumentParser(prog="find3d", description="Open-vocabulary 3D part localization (Find3D).")
    sub = parser.add_subparsers(dest="command", required=True)

    seg = sub.add_parser("segment", parents=[common], help="find the parts named by queries in a point cloud")
    seg.add_argument("input", type=Path, help="PLY, PCD, NPZ, XYZ or TXT point cloud")
    seg.add_argument("-q", "--query", action="append", required=True, help="part name; repeat for several")
    seg.add_argument("--scene", action="store_true", help="remove the support plane and segment each object on it")
    seg.add_argument("--object", dest="object_name", help='object name for the "{part} of a {object}" template')
    seg.add_argument("--up", default="z", choices=UP_AXES,
                     help="the cloud's up axis: z (ROS body frames), -y (camera optical frames; write --up=-y)")
    seg.add_argument("--crop", type=float, nargs=6, metavar=("XMIN", "YMIN", "ZMIN", "XMAX", "YMAX", "ZMAX"))
    seg.add_argument("--max-points", type=int, help="cap on input points (huge clouds are thinned evenly)")
    seg.add_argument("--object-points", type=int, help="points per object fed to the network (default 5000, Find3D's)")
    seg.add_argument("--score-threshold", type=float, default=0.0, help="leave points below this probability unlabelled")
    seg.add_argument("-o", "--output", type=Path, help="coloured PLY with label and score per point")
    seg.add_argument("--png", type=Path, help="picture of the parts with a legend")
    seg.add_argument("--html", type=Path, help="interactive 3D page (works offline)")
    seg.add_argument("--overlay", type=Path,
                     help="the camera image with the parts painted on it (organized clouds: depth camera frames)")
    seg.add_argument("--heatmap", help="query whose raw logits to draw (with --heatmap-png)")
    seg.add_argument("--heatmap-png", type=Path)
    seg.add_argument("--json", type=Path, help="parts (centroids, boxes, scores) as JSON")
    add_model_options(seg)

    info = sub.add_parser("info", parents=[common], help="describe a checkpoint")
    info.add_argument("checkpoint", type=Path, nargs="?", help="default: the shipped model")
    info.add_argument("--text-encoder", help="for a bare Find3D state dict: its text encoder")

    parity = sub.add_parser("check-parity", parents=[common], help="compare this implementation with a reference vector")
    parity.add_argument("vector", type=Path, help="a file in the format of parity_public.safetensors")
    parity.add_argument("--device", default="cpu")

    export = sub.add_parser("export", parents=[common], help="write the network as ONNX and check it against PyTorch")
    export.add_argument("checkpoint", type=Path, nargs="?", help="safetensors checkpoint (default: the shipped model)")
    export.add_argument("-o", "--output", type=Path, default=Path("model.onnx"))
    export.add_argument("--text-encoder", help="for a bare Find3D state dict: its text encoder")
    export.add_argument("--opset", type=int, default=18, help="ONNX opset (>= 17 for TensorRT 10 and later)")
    export.add_argument("--cloud", type=Path, help="cloud to verify on (default: a procedural mug)")
    export.add_argument("--up", default="z", choices=UP_AXES, help="the verification cloud's up axis (write --up=-y)")
    export.add_argument("--scene", action="store_true", help="verify on every object of a tabletop scan, batched")
    export.add_argument("--no-verify", action="store_true", help="skip the onnxruntime check")

    demo = sub.add_parser("demo", parents=[common], help="segment the built-in tabletop scene (and the shared sample data if present)")
    demo.add_argument("-o", "--output", type=Path, default=Path("out/demo"))
    demo.add_argument("--data", type=Path, default=Path("..") / "shared" / "data", help="sample data folder, if any")
    add_model_options(demo)
    add_engine_parser(sub, common)
    add_training_parsers(sub, common)
    add_plugin_parsers(sub, common, load_plugins() if plugins is None else plugins)
    return parser


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", type=Path, help="safetensors checkpoint (default: the shipped model)")
    parser.add_argument("--text-encoder", help="minilm (offline default), siglip, or a local model directory")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")
    parser.add_argument("--backend", choices=BACKENDS, default="torch", help="where the network runs")
    parser.add_argument("--onnx", type=Path, help="exported network for onnxruntime/tensorrt (default: export, cache)")
    parser.add_argument("--precision", choices=sorted(PRECISIONS), default="fp32", help="fp16/bf16: CUDA torch, tensorrt")
    parser.add_argument("--no-smoothing", action="store_true",
                        help="label each point by its own logits, not smoothed over its neighbours (Find3D's rule)")


def load_plugins() -> dict[str, Any]:
    """The commands registered under PLUGIN_GROUP, loaded; an ImportError in place of one whose dependencies are missing."""
    plugins: dict[str, Any] = {}
    for point in entry_points(group=PLUGIN_GROUP):
        try:
            plugins[point.name] = point.load()
        except ImportError as err:  # e.g. find3d_ros installed without rosbags
            plugins[point.name] = err
    return plugins


def add_plugin_parsers(sub: Any, common: argparse.ArgumentParser, plugins: dict[str, Any]) -> None:
    """A subcommand per plugin, and one per known plugin that is missing (it explains how to install it)."""
    for name in sorted(set(plugins) | set(KNOWN_PLUGINS)):
        plugin = plugins.get(name)
        summary = KNOWN_PLUGINS[name][0] if name in KNOWN_PLUGINS else (plugin.__doc__ or "").strip().split("\n")[0]
        parser = sub.add_parser(name, parents=[common], add_help=False, help=summary)
        parser.add_argument("-h", "--help", action="help")
        if plugin is None or isinstance(plugin, ImportError):
            parser.add_argument("rest", nargs=argparse.REMAINDER)  # accept anything: running it says what is missing
        else:
            plugin.add_arguments(parser)


def run_plugin(name: str, plugin: Any, args: argparse.Namespace) -> int:
    if plugin is None or isinstance(plugin, ImportError):
        why = f" ({plugin})" if plugin is not None else ""
        hint = KNOWN_PLUGINS.get(name, ("", "install the package that provides it"))[1]
        raise UsageError(f"find3d {name} is not available{why}: {hint}")
    return int(plugin.run_from_args(args))


def make_predictor(args: argparse.Namespace):
    from find3d_core.inference.predictor import Find3DPredictor
    from find3d_core.inference.smoothing import DEFAULT_SMOOTHING, NO_SMOOTHING

    options = {"onnx_path": args.onnx, "precision": args.precision}
    return Find3DPredictor.from_checkpoint(args.checkpoint, args.text_encoder, args.device, backend=args.backend,
                                           backend_options=options, object_points=getattr(args, "object_points", None),
                                           smoothing=NO_SMOOTHING if args.no_smoothing else DEFAULT_SMOOTHING)


def cmd_segment(args: argparse.Namespace) -> int:
    from find3d_core.geometry.io import read_cloud

    cloud = read_cloud(args.input)
    if args.overlay and not cloud.is_organized:
        raise UsageError(f"--overlay needs an organized cloud (a depth camera's frame); {args.input} is unorganized")
    predictor = make_predictor(args).oriented(args.up)
    crop = (np.array(args.crop[:3]), np.array(args.crop[3:])) if args.crop else None
    seg = predictor.segment(cloud, args.query, scene=args.scene, object_name=args.object_name, crop_box=crop,
                            max_points=args.max_points, score_threshold=args.score_threshold)
    print_parts(seg, args.verbose)
    write_outputs(cloud, seg, ply=args.output, png=args.png, html=args.html, json_path=args.json,
                  title=f"{args.input.name}: " + ", ".join(seg.queries), up=args.up, overlay=args.overlay)
    if args.heatmap and args.heatmap_png:
        from find3d_core.inference.visualize import heatmap_png

        values = predictor.heatmap(cloud, args.heatmap, args.object_name)
        keep = np.isfinite(values)
        heatmap_png(args.heatmap_png, cloud.xyz[keep], values[keep], title=f"logits: {args.heatmap}", up=args.up)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from find3d_core.inference.loading import default_checkpoint
    from find3d_core.model.checkpoint import checkpoint_info, read_checkpoint

    args.checkpoint = args.checkpoint or default_checkpoint()
    if args.checkpoint is None:
        raise SystemExit("no checkpoint given and no trained default shipped")
    info = checkpoint_info(args.checkpoint, args.text_encoder)
    tensors, _ = read_checkpoint(args.checkpoint)
    params = sum(t.numel() for k, t in tensors.items() if not k.endswith(("running_mean", "running_var", "num_batches_tracked")))
    print(f"checkpoint    {args.checkpoint}")
    print(f"parameters    {params / 1e6:.2f} M")
    print(f"trained       {info.trained}")
    print(f"text encoder  {info.text_encoder} ({info.config.text_dim}-d)")
    print(f"queries       {' | '.join(info.query_templates.bare)}")
    print(f"backbone      {json.dumps(info.config.backbone.to_dict())}")
    for title, values in (("preprocess", info.preprocess), ("provenance", info.provenance), ("metrics", info.metrics)):
        if values:
            print(f"{title:<13} {json.dumps(values)}")
    return 0


def cmd_check_parity(args: argparse.Namespace) -> int:
    from find3d_core.model.parity import PARITY_TOLERANCE, check_parity

    result = check_parity(args.vector, device=args.device)
    print(f"points              {result.num_points}")
    print(f"point_features      relative error {result.point_features:.3e}")
    print(f"logits_features     relative error {result.logits_features:.3e}")
    verdict = "PASS" if result.passed else "FAIL"
    print(f"{verdict} (tolerance {PARITY_TOLERANCE:.0e})")
    return 0 if result.passed else 1


def cmd_export(args: argparse.Namespace) -> int:
    from find3d_core.deploy.export import EXPORT_TOLERANCE, export_onnx, flat_inputs, verify_export
    from find3d_core.inference.loading import build_find3d

    model, _, info = build_find3d(args.checkpoint, args.text_encoder, "cpu")
    result = export_onnx(model, args.output, opset=args.opset)
    size = result.path.stat().st_size / 2**20
    print(f"wrote {result.path} ({size:.1f} MiB, opset {result.opset}, model {result.model_hash[:12]}) "
          f"in {result.seconds:.1f} s")
    if not info.trained:
        print("note: these are UNTRAINED weights; export a trained checkpoint for real use")
    if args.no_verify:
        return 0
    objects, what = _export_check_objects(info, args.cloud, args.up, args.scene)
    inputs = flat_inputs(model, objects)
    error = verify_export(model, result.path, inputs)
    verdict = "PASS" if error < EXPORT_TOLERANCE else "FAIL"
    print(f"onnxruntime vs PyTorch on {what} ({inputs[0].shape[0]} points): relative error {error:.2e} "
          f"{verdict} (tolerance {EXPORT_TOLERANCE:.0e})")
    return 0 if verdict == "PASS" else 1


def _export_check_objects(info: CheckpointInfo, cloud_path: Path | None, up_axis: str,
                          scene: bool) -> tuple[list[ModelInput], str]:
    """What `find3d export` checks onnxruntime on: a real cloud (or a procedural mug) prepared as the predictor does
    (in scene mode, every object on the support plane in one batch), and a description of it."""
    from find3d_core.engine.catalog import procedural_cloud
    from find3d_core.geometry.io import read_cloud
    from find3d_core.inference.prepare import PrepareConfig, prepare_objects, preprocess_config_from

    if cloud_path is None:
        cloud, what = procedural_cloud("mug", 5000, 0), "a procedural mug"
    else:
        cloud, what = read_cloud(cloud_path), Path(cloud_path).name
    prepared = prepare_objects(cloud, PrepareConfig(scene=scene, up_axis=up_axis), preprocess_config_from(info))
    if scene:
        what = f"{what} ({len(prepared)} object{'' if len(prepared) == 1 else 's'} in scene mode)"
    return [p.model_input for p in prepared], what


def cmd_demo(args: argparse.Namespace) -> int:
    from find3d_core.demo import run_demo

    return run_demo(make_predictor(args), args.output, args.data)


COMMANDS = {
    "segment": cmd_segment,
    "info": cmd_info,
    "check-parity": cmd_check_parity,
    "export": cmd_export,
    "demo": cmd_demo,
    "engine": run_engine,
    "train": run_train,
    "eval": run_eval,
}


def main(argv: list[str] | None = None) -> int:
    plugins = load_plugins()
    args = build_parser(plugins).parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    plugin = plugins.get(args.command)
    user_errors = USER_ERRORS + tuple(getattr(plugin, "USER_ERRORS", ()))
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
        return run_plugin(args.command, plugin, args)
    except user_errors as err:
        print(f"find3d: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
