"""`find3d` command line: segment clouds, inspect checkpoints, check numerical parity, export to ONNX, run the demo."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

from find3d_core.deploy.backends import BACKENDS, PRECISIONS, BackendUnavailable
from find3d_core.deploy.export import ExportError
from find3d_core.engine.cli import add_engine_parser, run_engine
from find3d_core.geometry.cloud import CloudError
from find3d_core.inference.report import print_parts, write_outputs
from find3d_core.model.checkpoint import CheckpointError
from find3d_core.text import TextEncoderUnavailable
from find3d_core.training.cli import add_training_parsers, run_eval, run_train

USER_ERRORS = (
    CloudError, CheckpointError, TextEncoderUnavailable, ValueError, FileNotFoundError, BackendUnavailable, ExportError
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log details and per-stage timings")
    parser = argparse.ArgumentParser(prog="find3d", description="Open-vocabulary 3D part localization (Find3D).")
    sub = parser.add_subparsers(dest="command", required=True)

    seg = sub.add_parser("segment", parents=[common], help="find the parts named by queries in a point cloud")
    seg.add_argument("input", type=Path, help="PLY, PCD, NPZ, XYZ or TXT point cloud")
    seg.add_argument("-q", "--query", action="append", required=True, help="part name; repeat for several")
    seg.add_argument("--scene", action="store_true", help="remove the support plane and segment each object on it")
    seg.add_argument("--object", dest="object_name", help='object name for the "{part} of a {object}" template')
    seg.add_argument("--up", default="z", help="the cloud's up axis: z (ROS body frames), -y (camera optical frames)")
    seg.add_argument("--crop", type=float, nargs=6, metavar=("XMIN", "YMIN", "ZMIN", "XMAX", "YMAX", "ZMAX"))
    seg.add_argument("--max-points", type=int, help="cap on input points (huge clouds are thinned evenly)")
    seg.add_argument("--object-points", type=int, help="points per object fed to the network (default 5000, Find3D's)")
    seg.add_argument("--score-threshold", type=float, default=0.0, help="leave points below this probability unlabelled")
    seg.add_argument("-o", "--output", type=Path, help="coloured PLY with label and score per point")
    seg.add_argument("--png", type=Path, help="picture of the parts with a legend")
    seg.add_argument("--html", type=Path, help="interactive 3D page (works offline)")
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
    export.add_argument("--up", default="z", help="the verification cloud's up axis (write --up=-y for -y)")
    export.add_argument("--scene", action="store_true", help="verify on every object of a tabletop scan, batched")
    export.add_argument("--no-verify", action="store_true", help="skip the onnxruntime check")

    demo = sub.add_parser("demo", parents=[common], help="segment the built-in tabletop scene (and the shared sample data if present)")
    demo.add_argument("-o", "--output", type=Path, default=Path("out/demo"))
    demo.add_argument("--data", type=Path, default=Path("..") / "shared" / "data", help="sample data folder, if any")
    add_model_options(demo)
    add_engine_parser(sub, common)
    add_training_parsers(sub, common)
    add_bag_parser(sub, common)
    return parser


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", type=Path, help="safetensors checkpoint (default: the shipped model)")
    parser.add_argument("--text-encoder", help="minilm (offline default), siglip, or a local model directory")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")
    parser.add_argument("--backend", choices=BACKENDS, default="torch", help="where the network runs")
    parser.add_argument("--onnx", type=Path, help="exported network for onnxruntime/tensorrt (default: export, cache)")
    parser.add_argument("--precision", choices=sorted(PRECISIONS), default="fp32", help="fp16/bf16: CUDA torch, tensorrt")


def add_bag_parser(sub, common: argparse.ArgumentParser) -> None:
    """`find3d bag`: the offline rosbag2 mode of find3d_ros (installed beside find3d_core; no ROS 2 needed)."""
    bag = sub.add_parser("bag", parents=[common], add_help=False, help="segment the clouds of a rosbag2 into a new bag")
    try:
        from find3d_ros.bag import add_arguments
    except ImportError:  # find3d_ros or rosbags missing: say how to get them when the command is used
        bag.add_argument("-h", "--help", action="help")
        bag.add_argument("rest", nargs=argparse.REMAINDER)
        return
    bag.add_argument("-h", "--help", action="help")
    add_arguments(bag)


def cmd_bag(args: argparse.Namespace) -> int:
    try:
        from find3d_ros.bag import run_from_args
    except ImportError as err:
        raise FileNotFoundError(
            f"find3d bag needs find3d_ros and rosbags ({err}): pip install -e find3d_ros 'find3d_core[ros]'"
        ) from err
    return run_from_args(args)


def make_predictor(args: argparse.Namespace):
    from find3d_core.inference.predictor import Find3DPredictor

    options = {"onnx_path": args.onnx, "precision": args.precision}
    return Find3DPredictor(args.checkpoint, args.text_encoder, args.device, backend=args.backend,
                           backend_options=options, object_points=getattr(args, "object_points", None))


def cmd_segment(args: argparse.Namespace) -> int:
    from find3d_core.geometry.io import read_cloud

    cloud = read_cloud(args.input)
    predictor = make_predictor(args).oriented(args.up)
    crop = (np.array(args.crop[:3]), np.array(args.crop[3:])) if args.crop else None
    seg = predictor.segment(cloud, args.query, scene=args.scene, object_name=args.object_name, crop_box=crop,
                            max_points=args.max_points, score_threshold=args.score_threshold)
    print_parts(seg, args.verbose)
    write_outputs(cloud, seg, ply=args.output, png=args.png, html=args.html, json_path=args.json,
                  title=f"{args.input.name}: " + ", ".join(seg.queries), up=args.up)
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
    from find3d_core.deploy.export import EXPORT_TOLERANCE, export_onnx, verification_inputs, verify_export
    from find3d_core.inference.loading import load_model

    model, info, _ = load_model(args.checkpoint, args.text_encoder, "cpu")
    result = export_onnx(model, args.output, opset=args.opset)
    size = result.path.stat().st_size / 2**20
    print(f"wrote {result.path} ({size:.1f} MiB, opset {result.opset}, model {result.model_hash[:12]}) "
          f"in {result.seconds:.1f} s")
    if not info.trained:
        print("note: these are UNTRAINED weights; export a trained checkpoint for real use")
    if args.no_verify:
        return 0
    inputs, what = verification_inputs(model, info, args.cloud, args.up, args.scene)
    error = verify_export(model, result.path, inputs)
    verdict = "PASS" if error < EXPORT_TOLERANCE else "FAIL"
    print(f"onnxruntime vs PyTorch on {what} ({inputs[0].shape[0]} points): relative error {error:.2e} "
          f"{verdict} (tolerance {EXPORT_TOLERANCE:.0e})")
    return 0 if verdict == "PASS" else 1


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
    "bag": cmd_bag,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return COMMANDS[args.command](args)
    except USER_ERRORS as err:
        print(f"find3d: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
