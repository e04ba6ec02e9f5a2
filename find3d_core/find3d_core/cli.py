"""`find3d` command line: segment clouds, inspect checkpoints, check numerical parity, run the demo."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

from find3d_core.geometry.cloud import CloudError
from find3d_core.inference.report import print_parts, write_outputs
from find3d_core.model.checkpoint import CheckpointError
from find3d_core.text import TextEncoderUnavailable

USER_ERRORS = (CloudError, CheckpointError, TextEncoderUnavailable, ValueError, FileNotFoundError)


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
    seg.add_argument("--score-threshold", type=float, default=0.0, help="leave points below this probability unlabelled")
    seg.add_argument("-o", "--output", type=Path, help="coloured PLY with label and score per point")
    seg.add_argument("--png", type=Path, help="picture of the parts with a legend")
    seg.add_argument("--html", type=Path, help="interactive 3D page (works offline)")
    seg.add_argument("--heatmap", help="query whose raw logits to draw (with --heatmap-png)")
    seg.add_argument("--heatmap-png", type=Path)
    seg.add_argument("--json", type=Path, help="parts (centroids, boxes, scores) as JSON")
    add_model_options(seg)

    info = sub.add_parser("info", parents=[common], help="describe a checkpoint")
    info.add_argument("checkpoint", type=Path)
    info.add_argument("--text-encoder", help="for a bare Find3D state dict: its text encoder")

    parity = sub.add_parser("check-parity", parents=[common], help="compare this implementation with a reference vector")
    parity.add_argument("vector", type=Path, help="a file in the format of parity_public.safetensors")
    parity.add_argument("--device", default="cpu")

    demo = sub.add_parser("demo", parents=[common], help="segment the built-in tabletop scene (and the shared sample data if present)")
    demo.add_argument("-o", "--output", type=Path, default=Path("out/demo"))
    demo.add_argument("--data", type=Path, default=Path("..") / "shared" / "data", help="sample data folder, if any")
    add_model_options(demo)
    return parser


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", type=Path, help="safetensors checkpoint (default: the shipped model)")
    parser.add_argument("--text-encoder", help="minilm (offline default), siglip, or a local model directory")
    parser.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, ...")


def make_predictor(args: argparse.Namespace):
    from find3d_core.inference.predictor import Find3DPredictor

    return Find3DPredictor(args.checkpoint, args.text_encoder, args.device)


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
    from find3d_core.model.checkpoint import checkpoint_info, read_checkpoint

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


def cmd_demo(args: argparse.Namespace) -> int:
    from find3d_core.demo import run_demo

    return run_demo(make_predictor(args), args.output, args.data)


COMMANDS = {"segment": cmd_segment, "info": cmd_info, "check-parity": cmd_check_parity, "demo": cmd_demo}


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
