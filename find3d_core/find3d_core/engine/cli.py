"""`find3d engine build|show`: the data engine's command line (wired into find3d_core.cli)."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from find3d_core.errors import UsageError

log = logging.getLogger(__name__)


def add_engine_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `engine` with its `build` and `show` subcommands to the top-level subparsers."""
    engine = sub.add_parser("engine", parents=[common], help="data engine: build part-labelled training data")
    esub = engine.add_subparsers(dest="engine_command", required=True)

    b = esub.add_parser("build", parents=[common], help="assets -> renders -> masks -> names -> point labels -> shards")
    src = b.add_mutually_exclusive_group(required=True)
    src.add_argument("--procedural", type=int, metavar="N", help="N objects from the procedural library")
    src.add_argument("--capture", type=int, metavar="N",
                     help="N robot captures of procedural objects (depth-camera views, alone or in cluttered scenes)")
    src.add_argument("--assets", type=Path, metavar="DIR", help="folder (or one file) of GLB/glTF/OBJ/PLY meshes")
    src.add_argument("--objaverse", nargs="+", metavar="UID_OR_LVIS",
                     help="Objaverse uids or lvis:CATEGORY ('lvis:*': all of them) (needs network)")
    b.add_argument("--licenses", help="only Objaverse objects under these licences, e.g. cc-by,cc0 (default: any)")
    b.add_argument("--objaverse-dir", type=Path, help="Objaverse download cache (default: the package's, ~/.objaverse)")
    b.add_argument("--objaverse-limit", type=int, metavar="N", help="at most N objects per LVIS category")
    b.add_argument("--download-workers", type=int, default=8, help="parallel Objaverse downloads")
    b.add_argument("-o", "--output", type=Path, required=True, help="dataset folder (resumed if it exists)")
    b.add_argument("--categories", help="comma-separated procedural categories (default: all)")
    b.add_argument("--phrasing", choices=("synonyms", "vlm", "canonical"), default="synonyms",
                   help="label wording: synonyms, VLM-like phrases, or canonical part names (evaluation sets)")
    b.add_argument("--sensors", help="capture sensors, comma-separated (default: active_stereo,stereo,structured_light)")
    b.add_argument("--capture-size", default="640x480", help="capture image size WxH")
    b.add_argument("--scene-share", type=float, default=0.6, help="captures on a support plane with clutter")
    b.add_argument("--fused-share", type=float, default=0.25, help="captures fused from 2-3 views")
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--up", help="up axis of the mesh files (default: y for glTF/OBJ, z for PLY)")
    b.add_argument("--masks", choices=("oracle", "sam"), default="oracle")
    b.add_argument("--sam-model", default="vit_h", help="SAM model type: vit_h, vit_l, vit_b")
    b.add_argument("--sam-checkpoint", default="", help="SAM weights (.pth) on disk")
    b.add_argument("--sam-device", default="cpu")
    b.add_argument("--namer", choices=("oracle", "gemini"), default="oracle")
    b.add_argument("--gemini-model", default="gemini-2.0-flash")
    b.add_argument("--gemini-cache", default="", help="answer cache (default: OUTPUT/gemini_cache.sqlite)")
    b.add_argument("--max-requests", type=int, help="Gemini request budget for the run (cached answers are free)")
    b.add_argument("--gemini-base-url", help="Gemini API endpoint (default: Google's)")
    b.add_argument("--upright", choices=("none", "heuristic", "gemini"), default="none",
                   help="turn each asset upright first: a stable-pose heuristic or Gemini picking among renders")
    b.add_argument("--views", type=int, default=10)
    b.add_argument("--size", type=int, default=500, help="render size in pixels")
    b.add_argument("--points", type=int, default=5000, help="points sampled per object")
    b.add_argument("--text-encoder", default="minilm", help="encoder for the stored label embeddings")
    b.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 0), help="local processes")
    b.add_argument("--ray", metavar="ADDRESS", help="run one Ray task per asset on this cluster ('auto', 'local', host:port)")
    b.add_argument("--shard-size", type=int, default=64)
    b.add_argument("--previews", type=int, default=4, help="PNG previews of the first objects (0: none)")

    s = esub.add_parser("show", parents=[common], help="draw renders with masks and names, and labelled points")
    s.add_argument("shard", type=Path, help="a shard-*.tar file (or a dataset folder: its first shard)")
    s.add_argument("-o", "--output", type=Path, default=Path("out/engine_show"))
    s.add_argument("--limit", type=int, default=4)
    s.add_argument("--object", dest="object_id")


def run_engine(args: argparse.Namespace) -> int:
    return {"build": cmd_build, "show": cmd_show}[args.engine_command](args)


def cmd_build(args: argparse.Namespace) -> int:
    from find3d_core.engine.assets import find_mesh_files
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, capture_jobs, file_jobs, procedural_jobs
    from find3d_core.engine.views import ViewConfig
    from find3d_core.text import build_text_encoder

    cats = [c.strip() for c in args.categories.split(",")] if args.categories else None
    if args.procedural is not None or args.capture is not None:
        count = args.procedural if args.procedural is not None else args.capture
        if count < 1:
            raise UsageError("--procedural/--capture need a positive number of objects")
        jobs = (procedural_jobs if args.procedural is not None else capture_jobs)(count, cats, args.seed)
    elif args.assets is not None:
        files = [args.assets] if args.assets.is_file() else find_mesh_files(args.assets)
        if not files:
            raise UsageError(f"no GLB/glTF/OBJ/PLY files under {args.assets}")
        jobs = file_jobs(files, args.up)
    else:
        jobs = _objaverse_jobs(args)
    cfg = EngineConfig(
        views=ViewConfig(n_views=args.views, size=args.size), n_points=args.points, masks=args.masks, namer=args.namer,
        sam_model_type=args.sam_model, sam_checkpoint=args.sam_checkpoint, sam_device=args.sam_device,
        gemini_model=args.gemini_model, gemini_cache=args.gemini_cache or str(args.output / "gemini_cache.sqlite"),
        gemini_max_requests=args.max_requests, gemini_base_url=args.gemini_base_url, upright=args.upright,
        seed=args.seed,
        phrasing=args.phrasing, capture=capture_config(args),
    )
    encoder = build_text_encoder(args.text_encoder)
    report = build_dataset(jobs, args.output, cfg, encoder, workers=args.workers, shard_size=args.shard_size,
                           ray_address=args.ray)
    print(f"wrote {report.written} objects ({report.failed} failed, {report.skipped_shards} shards already done) "
          f"to {args.output} in {report.seconds:.1f} s")
    rates = report.throughput()
    if rates:
        print("objects/s per stage (one worker): " + ", ".join(f"{k} {v:.1f}" for k, v in rates.items()))
    if args.previews > 0:
        from find3d_core.engine.show import show_shard

        first = sorted(args.output.glob("shard-*.tar"))
        if first:
            for p in show_shard(first[0], args.output / "previews", args.previews):
                print(f"preview {p}")
    return 0 if report.written or report.skipped_shards or not jobs else 1  # a finished build resumed: done


def capture_config(args: argparse.Namespace):
    from find3d_core.engine.capture import CaptureConfig

    try:
        width, height = (int(v) for v in args.capture_size.lower().split("x"))
    except ValueError as err:
        raise UsageError(f"--capture-size must look like 640x480, got {args.capture_size!r}") from err
    sensors = tuple(s.strip() for s in args.sensors.split(",")) if args.sensors else CaptureConfig().sensors
    try:
        return CaptureConfig(sensors=sensors, width=width, height=height, scene_share=args.scene_share,
                             fused_share=args.fused_share)
    except ValueError as err:  # a bad option value: the user's to fix
        raise UsageError(str(err)) from err


def _objaverse_jobs(args: argparse.Namespace) -> list:
    """Select (licences, LVIS), download into the cache, and make one job per selected object."""
    from find3d_core.engine.objaverse import (
        ObjaverseUnavailable,
        download_objects,
        objaverse_jobs,
        parse_licenses,
        select_objects,
    )

    uids = [x for x in args.objaverse if not x.startswith("lvis:")]
    lvis = [x[5:] for x in args.objaverse if x.startswith("lvis:")]
    licenses = parse_licenses(args.licenses) if args.licenses else None
    try:
        chosen = select_objects(uids, lvis, licenses, args.objaverse_limit, args.objaverse_dir)
    except ObjaverseUnavailable as err:  # the package or its index is missing: the user installs or points at it
        raise UsageError(str(err)) from err
    if not chosen:
        raise UsageError("no Objaverse object matches the selection (licences?)")
    report = download_objects([o.uid for o in chosen], args.objaverse_dir, workers=args.download_workers)
    print(f"objaverse: {len(chosen)} objects selected, {len(report.paths)} downloaded, {len(report.errors)} failed"
          + (f" (first: {next(iter(report.errors.items()))})" if report.errors else ""))
    return objaverse_jobs(chosen, report, args.objaverse_dir, args.up)


def cmd_show(args: argparse.Namespace) -> int:
    from find3d_core.engine.show import show_shard

    shard = args.shard
    if shard.is_dir():
        shards = sorted(shard.glob("shard-*.tar"))
        if not shards:
            raise FileNotFoundError(f"no shard-*.tar in {shard}")
        shard = shards[0]
    for p in show_shard(shard, args.output, args.limit, args.object_id):
        print(p)
    return 0
