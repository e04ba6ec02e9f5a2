"""`find3d train CONFIG` and `find3d eval [--checkpoint CKPT] DATASET` (wired into find3d_core.cli)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from find3d_core.atomic import write_bytes_atomic
from find3d_core.geometry.up import UP_AXES
from find3d_core.text import QUERY_TEMPLATES


def add_training_parsers(sub, common: argparse.ArgumentParser) -> None:
    train = sub.add_parser("train", parents=[common], help="contrastive training on data-engine shards")
    train.add_argument("config", type=Path, help="YAML training config (see training/configs/)")
    train.add_argument("--until", type=int, help="stop after this step (resume later with the same command)")

    ev = sub.add_parser("eval", parents=[common], help="Find3D's mIoU protocol on labelled clouds or shards")
    ev.add_argument("dataset", type=Path, help="folder of labelled .npz clouds, or a data-engine shard folder")
    ev.add_argument("--checkpoint", type=Path, help="safetensors checkpoint (default: the shipped model)")
    ev.add_argument("--text-encoder", help="for a bare Find3D state dict: its text encoder")
    ev.add_argument("--device", default="cpu")
    ev.add_argument("--up", default="z", choices=UP_AXES, help="the dataset's up axis (write --up=-y)")
    ev.add_argument("--rotate", nargs="?", const="any", choices=["any", "up"],
                    help="random rotations: any (Find3D's rotated setting; the default) or up (about the up axis only)")
    ev.add_argument("--no-template", action="store_true", help='bare part names, not "{part} of a {category}"')
    ev.add_argument("--query-templates", choices=sorted(QUERY_TEMPLATES),
                    help="how bare part names are embedded (default: the checkpoint's own; find3d: the name alone)")
    ev.add_argument("--every-point", action="store_true",
                    help="label every point with its best part, never 'no part' (Find3D's panoptic evaluation)")
    ev.add_argument("--no-smoothing", action="store_true", help="the network's raw per-point decision (Find3D's rule)")
    ev.add_argument("--per-part", action="store_true", help="also print each part's mean IoU")
    ev.add_argument("--max-objects", type=int, help="evaluate only the first N objects")
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--confusion-png", type=Path, help="confusion picture per category")
    ev.add_argument("--json", type=Path, help="write the figures (per category, mIoU, baseline) as JSON")


def run_train(args: argparse.Namespace) -> int:
    from find3d_core.training.config import TrainConfig
    from find3d_core.training.trainer import Trainer, plot_log

    trainer = Trainer(TrainConfig.from_yaml(args.config))
    checkpoint = trainer.train(until=args.until)
    if trainer.rank == 0:
        print(f"checkpoint {checkpoint}\nplot       {plot_log(trainer.output)}")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from itertools import islice

    from find3d_core.inference.predictor import Find3DPredictor
    from find3d_core.inference.smoothing import DEFAULT_SMOOTHING, NO_SMOOTHING
    from find3d_core.training.evaluate import evaluate, labelled_clouds, trivial_baseline

    smoothing = NO_SMOOTHING if args.no_smoothing else DEFAULT_SMOOTHING
    templates = QUERY_TEMPLATES[args.query_templates] if args.query_templates else None
    predictor = Find3DPredictor.from_checkpoint(args.checkpoint, args.text_encoder, args.device, smoothing=smoothing,
                                                query_templates=templates)
    predictor = predictor.oriented(args.up)
    samples = list(islice(labelled_clouds(args.dataset), args.max_objects))
    rotate = args.up if args.rotate == "up" else args.rotate
    result = evaluate(predictor, samples, rotate=rotate, template=not args.no_template, seed=args.seed,
                      every_point=args.every_point)
    baseline = trivial_baseline(samples)
    if not predictor.info.trained:
        print("NOTE: untrained weights (no trained checkpoint configured): figures are meaningless")
    console = Console()
    table = _table("category", "objects", "IoU %", "largest-part baseline %")
    for category, value in result.per_category.items():
        base = baseline.per_category.get(category, float("nan"))
        table.add_row(category, str(result.objects[category]), f"{value:.2f}", f"{base:.2f}")
    console.print(table)
    if args.per_part:
        parts = _table("category", "part", "IoU %")
        for category, named in result.per_part.items():
            for part, value in named.items():
                parts.add_row(category, part, f"{value:.2f}")
        console.print(parts)
    if args.confusion_png:
        save_confusion(args.confusion_png, result, samples)
    if args.json:
        figures = {"miou": result.miou, "baseline_miou": baseline.miou, "per_category": result.per_category,
                   "per_part": result.per_part,
                   "objects": result.objects, "rotated": args.rotate, "template": not args.no_template,
                   "every_point": args.every_point}
        write_bytes_atomic(args.json, json.dumps(figures, indent=2).encode())
    print(f"baseline mIoU {baseline.miou:.2f}")
    print(f"mIoU {result.miou:.2f}")
    return 0


def _table(*columns: str) -> Table:
    """A borderless table (one row a line, so scripts can still read it), numbers right-aligned."""
    table = Table(box=None, pad_edge=False, show_edge=False)
    for k, name in enumerate(columns):
        table.add_column(name, justify="left" if k == 0 or name == "part" else "right", no_wrap=True)
    return table


def save_confusion(path: Path, result, samples) -> None:
    """One row-normalised confusion matrix per category (true part vs predicted part or "none")."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = {s.category: s.part_names for s in samples}
    cats = sorted(result.confusion)
    fig, axes = plt.subplots(1, len(cats), figsize=(4 * len(cats), 4), squeeze=False)
    for ax, cat in zip(axes[0], cats):
        counts = result.confusion[cat].astype(float)
        ax.imshow(counts / counts.sum(1, keepdims=True).clip(min=1), vmin=0, vmax=1, cmap="viridis")
        ax.set_title(cat)
        ax.set_yticks(range(len(names[cat])), names[cat])
        ax.set_xticks(range(len(names[cat]) + 1), names[cat] + ["none"], rotation=60, ha="right")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
