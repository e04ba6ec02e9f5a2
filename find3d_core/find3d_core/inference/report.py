"""Presenting a segmentation: files (PLY, PNG, HTML, JSON) and a console table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from find3d_core.atomic import write_bytes_atomic
from find3d_core.geometry.cloud import PointCloud
from find3d_core.inference import visualize
from find3d_core.inference.predictor import Segmentation

UNTRAINED_NOTICE = (
    "NOTE: no trained checkpoint is configured; these weights are UNTRAINED and the parts found are meaningless. "
    "Pass --checkpoint with trained weights."
)


def warn_if_untrained(seg: Segmentation) -> None:
    if not seg.trained:
        print(UNTRAINED_NOTICE, file=sys.stderr)


def write_outputs(
    cloud: PointCloud,
    seg: Segmentation,
    ply: Path | None = None,
    png: Path | None = None,
    html: Path | None = None,
    json_path: Path | None = None,
    title: str = "",
    up: str = "z",
    overlay: Path | None = None,
) -> list[Path]:
    """Write the requested outputs, drawn from the cloud's finite points; returns the paths written. `overlay` (an
    organized cloud only) paints the parts on the camera's image."""
    keep = cloud.finite_mask()
    points, labels, scores = cloud.xyz[keep], seg.labels[keep], np.nan_to_num(seg.scores[keep])
    found = np.zeros(len(cloud), dtype=bool)  # the pictures frame the objects segmented, not the room
    for rows in seg.objects:
        found[rows] = True
    if ply:
        visualize.write_labeled_ply(ply, points, labels, scores, seg.queries)
    if png:
        visualize.render_png(png, points, labels, seg.queries, title=title, scores=scores, up=up, focus=found[keep])
    if overlay:
        visualize.overlay_png(overlay, cloud, seg.labels, seg.queries, title=title, scores=seg.scores, objects=found)
    if html:
        visualize.write_html(html, points, labels, seg.queries, scores=scores, up=up)
    if json_path:
        write_bytes_atomic(json_path, json.dumps(parts_as_dicts(seg), indent=2).encode())
    return [p for p in (ply, png, html, json_path, overlay) if p]


def parts_as_dicts(seg: Segmentation) -> list[dict]:
    """Parts as plain JSON-ready dicts (what a planner reads)."""
    return [
        {
            "query": p.query,
            "object": p.object_index,
            "points": p.num_points,
            "score": round(p.score, 4),
            "centroid": p.centroid.round(4).tolist(),
            "aabb": [p.aabb_min.round(4).tolist(), p.aabb_max.round(4).tolist()],
            "obb": {
                "center": p.obb_center.round(4).tolist(),
                "extent": p.obb_extent.round(4).tolist(),
                "rotation": p.obb_rotation.round(4).tolist(),
            },
        }
        for p in seg.parts
    ]


def print_parts(seg: Segmentation, verbose: bool = False, title: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    warn_if_untrained(seg)
    table = Table(title=f"{title}{len(seg.parts)} part(s) over {len(seg.objects)} object(s)")
    for column in ("query", "object", "points", "score", "centroid (x, y, z)"):
        table.add_column(column)
    for p in seg.parts:
        obj = "-" if p.object_index is None else str(p.object_index)
        table.add_row(p.query, obj, str(p.num_points), f"{p.score:.3f}", ", ".join(f"{c:.3f}" for c in p.centroid))
    console = Console()
    console.print(table)
    if verbose:
        console.print("timings: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in seg.timings.items()))
