"""Visual outputs of `find3d segment`: labelled PLY, PNG views, interactive HTML and logit heatmaps.

Every writer takes points (N, 3) and per-point labels (N,) (-1 = no part, k = `names[k]`), writes
atomically (temporary file + os.replace, so a reader never sees half a file) and draws a deterministic
subsample of large clouds that keeps small parts visible.
"""

from __future__ import annotations

import colorsys
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

UNLABELLED_COLOR = np.array([0.78, 0.78, 0.78])
PNG_MAX_POINTS = 60_000
HTML_MAX_POINTS = 100_000

# Distinct, saturated colours (no greys, so parts never look unlabelled), most distinct first.
_PALETTE = np.array(
    [
        (0.90, 0.10, 0.10), (0.12, 0.47, 0.85), (0.20, 0.70, 0.20), (1.00, 0.55, 0.00),
        (0.58, 0.25, 0.80), (0.00, 0.75, 0.80), (0.95, 0.30, 0.70), (0.60, 0.40, 0.10),
        (0.75, 0.75, 0.00), (0.10, 0.20, 0.55), (0.55, 0.85, 0.40), (0.55, 0.00, 0.15),
        (1.00, 0.75, 0.45), (0.00, 0.45, 0.40), (0.70, 0.60, 1.00), (0.40, 0.40, 0.00),
    ]
)


def part_colors(n: int) -> np.ndarray:
    """(n, 3) float RGB in [0, 1]: a fixed palette, then golden-ratio hues for parts beyond it."""
    if n < 0:
        raise ValueError(f"part_colors needs n >= 0, got {n}")
    more = range(max(0, n - len(_PALETTE)))
    extra = [colorsys.hsv_to_rgb((0.13 + 0.618034 * k) % 1.0, 0.75, 0.9) for k in more]
    return np.concatenate([_PALETTE[:n], np.reshape(extra, (-1, 3))]).astype(np.float64)


def label_colors(labels: np.ndarray, num_parts: int) -> np.ndarray:
    """(N, 3) float RGB per point: its part's colour, grey when unlabelled."""
    table = np.concatenate([UNLABELLED_COLOR[None], part_colors(num_parts)])
    return table[np.asarray(labels) + 1]


def write_labeled_ply(
    path: str | Path, points: np.ndarray, labels: np.ndarray, scores: np.ndarray | None, names: Sequence[str]
) -> None:
    """Binary little-endian PLY: x y z (float32), red green blue (uint8), label (int32), score (float32).

    `scores` None writes score 0 everywhere. Part names go into the header as `comment label <k> <name>`
    lines, so the file explains its labels.
    """
    points, labels, scores = _check(points, labels, names, scores)
    dtype = [("x", "<f4"), ("y", "<f4"), ("z", "<f4"), ("red", "u1"), ("green", "u1"), ("blue", "u1"),
             ("label", "<i4"), ("score", "<f4")]  # fmt: skip
    rows = np.empty(len(points), dtype=dtype)
    for k, axis in enumerate("xyz"):
        rows[axis] = points[:, k]
    rgb = np.round(label_colors(labels, len(names)) * 255).astype(np.uint8)
    for k, channel in enumerate(("red", "green", "blue")):
        rows[channel] = rgb[:, k]
    rows["label"] = labels
    rows["score"] = np.zeros(len(points)) if scores is None else scores

    comments = [f"comment label {k} {' '.join(str(name).split())}" for k, name in enumerate(names)]
    properties = [f"property {_PLY_TYPES[rows.dtype[name].str]} {name}" for name in rows.dtype.names]
    header = "\n".join(
        ["ply", "format binary_little_endian 1.0", "comment find3d labelled point cloud (label -1 = none)",
         *comments, f"element vertex {len(rows)}", *properties, "end_header"]
    )  # fmt: skip
    with _atomic(path) as tmp, open(tmp, "wb") as f:
        f.write(header.encode("utf-8") + b"\n")
        f.write(rows.tobytes())


_PLY_TYPES = {"<f4": "float", "|u1": "uchar", "<i4": "int"}


def render_png(
    path: str | Path,
    points: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str],
    title: str = "",
    scores: np.ndarray | None = None,
    up: str = "z",
) -> None:
    """Three views (front, side, top) of the points coloured by part, with a legend of name and count.

    `up` names the vertical axis of the cloud's frame ("z" for robot frames, "-y" for camera frames).
    """
    points, labels, scores = _check(points, labels, names, scores)
    keep = _subsample(labels, PNG_MAX_POINTS)
    colors = label_colors(labels[keep], len(names))
    part = labels[keep] >= 0
    size = float(np.clip(3e4 / max(len(keep), 1), 0.3, 12.0))

    fig, axes = _figure(title)
    for ax, (h, v, view) in zip(axes, _views(points, up)):
        h, v = h[keep], v[keep]
        ax.scatter(h[~part], v[~part], s=size * 0.5, c=colors[~part], linewidths=0, alpha=0.6)
        ax.scatter(h[part], v[part], s=size, c=colors[part], linewidths=0)
        _style(ax, view)
    legend = _legend_handles(labels, names, scores)
    fig.legend(handles=legend, loc="outside right center", frameon=False, fontsize=10)
    with _atomic(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)


def heatmap_png(path: str | Path, points: np.ndarray, values: np.ndarray, title: str = "", up: str = "z") -> None:
    """Three views of one query's raw logits, diverging around 0 (the "no part" logit) when signs mix."""
    from matplotlib.colors import Normalize, TwoSlopeNorm

    points = _check_points(points)
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(values) != len(points) or not np.isfinite(values).all():
        raise ValueError(f"heatmap_png needs {len(points)} finite values, got {len(values)} (NaN/inf?)")
    keep = _subsample(np.full(len(points), -1), PNG_MAX_POINTS)
    keep = keep[np.argsort(values[keep], kind="stable")]  # high values drawn last, on top
    lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    if lo < 0 < hi:
        norm, cmap = TwoSlopeNorm(0.0, lo, hi), "coolwarm"
    else:
        norm, cmap = Normalize(lo, hi if hi > lo else lo + 1e-6), "viridis"
    size = float(np.clip(3e4 / max(len(keep), 1), 0.3, 12.0))

    fig, axes = _figure(title)
    mappable = None
    for ax, (h, v, view) in zip(axes, _views(points, up)):
        mappable = ax.scatter(h[keep], v[keep], s=size, c=values[keep], cmap=cmap, norm=norm, linewidths=0)
        _style(ax, view)
    fig.colorbar(mappable, ax=axes, label="logit (0 = the no-part logit)", shrink=0.8)
    with _atomic(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)


def write_html(
    path: str | Path,
    points: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str],
    scores: np.ndarray | None = None,
) -> None:
    """A self-contained interactive 3D page (plotly, works offline): one legend entry per part."""
    import plotly.graph_objects as go

    points, labels, scores = _check(points, labels, names, scores)
    keep = _subsample(labels, HTML_MAX_POINTS)
    pts, lab = points[keep], labels[keep]
    kept_scores = None if scores is None else scores[keep]
    colors = np.round(label_colors(np.arange(-1, len(names)), len(names)) * 255).astype(int)
    counts = np.bincount(labels + 1, minlength=len(names) + 1)

    fig = go.Figure()
    for k, name in [(-1, "unlabelled"), *enumerate(names)]:
        sel = lab == k
        score = None if kept_scores is None else kept_scores[sel]
        hover = f"{name}<br>x %{{x:.3f}} y %{{y:.3f}} z %{{z:.3f}}"
        if score is not None:
            hover += "<br>score %{customdata:.3f}"
        r, g, b = colors[k + 1]
        marker = {"size": 1.5, "opacity": 0.4} if k < 0 else {"size": 2.5, "opacity": 1.0}
        fig.add_trace(
            go.Scatter3d(
                x=pts[sel, 0], y=pts[sel, 1], z=pts[sel, 2], mode="markers", customdata=score,
                name=f"{name} ({counts[k + 1]:,})", hovertemplate=hover + "<extra></extra>",
                marker={**marker, "color": f"rgb({r},{g},{b})"},
            )  # fmt: skip
        )
    margin = {"l": 0, "r": 0, "t": 30, "b": 0}
    fig.update_layout(scene={"aspectmode": "data"}, legend={"itemsizing": "constant"}, margin=margin)
    with _atomic(path) as tmp:
        fig.write_html(str(tmp), include_plotlyjs=True, full_html=True)


def _check_points(points: np.ndarray) -> np.ndarray:
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 3:
        raise ValueError(f"points must have shape (N, 3), got {points.shape}")
    if not np.isfinite(points).all():
        raise ValueError("points must be finite: drop NaN/inf rows first (PointCloud.finite_mask)")
    return points


def _check(
    points: np.ndarray, labels: np.ndarray, names: Sequence[str], scores: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validated float points, int64 labels in [-1, len(names)) and float scores (or None)."""
    points = _check_points(points)
    if isinstance(names, str):
        raise ValueError("names must be a list of part names, not one string")
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(points):
        raise ValueError(f"{len(labels)} labels for {len(points)} points")
    if labels.size and not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be integers (-1 = none), got dtype {labels.dtype}")
    labels = labels.astype(np.int64)
    if labels.size and (labels.min() < -1 or labels.max() >= len(names)):
        raise ValueError(
            f"labels must lie in [-1, {len(names)}) for {len(names)} names, got {labels.min()}..{labels.max()}"
        )
    if scores is not None:
        scores = np.asarray(scores, dtype=np.float64).reshape(-1)
        if len(scores) != len(points):
            raise ValueError(f"{len(scores)} scores for {len(points)} points")
    return points, labels, scores


def _subsample(labels: np.ndarray, budget: int) -> np.ndarray:
    """Sorted indices of at most ~`budget` points, deterministic; parts are favoured over unlabelled
    points and each part keeps at least min(its size, 500) points so small parts stay visible."""
    n = len(labels)
    if n <= budget:
        return np.arange(n)
    counts = np.bincount(labels + 1).astype(np.float64)
    labelled = counts[1:].sum()
    frac = np.minimum(1.0, 0.8 * budget / max(labelled, 1.0)) * np.ones_like(counts)
    frac[1:] = np.maximum(frac[1:], np.minimum(1.0, 500.0 / np.maximum(counts[1:], 1.0)))
    room = budget - (frac[1:] * counts[1:]).sum()
    frac[0] = np.clip(room / max(counts[0], 1.0), 0.0, 1.0)
    priority = np.random.default_rng(20241120).random(n)  # fixed: same picture every run
    return np.flatnonzero(priority < frac[labels + 1])


_AXES = {"x": 0, "y": 1, "z": 2}


def _views(points: np.ndarray, up: str) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """(horizontal, vertical, title) per view: front, side and top, for the given up axis."""
    if up.lstrip("+-") not in _AXES or len(up.lstrip("+-")) != 1:
        raise ValueError(f"up must be one of x, y, z, -x, -y, -z; got {up!r}")
    u = _AXES[up[-1]]
    sign = -1.0 if up.startswith("-") else 1.0
    right, depth = (k for k in range(3) if k != u)
    names = "xyz"
    vertical = sign * points[:, u]
    return [
        (points[:, right], vertical, f"front ({names[right]}, {up})"),
        (points[:, depth], vertical, f"side ({names[depth]}, {up})"),
        (points[:, right], points[:, depth], f"top ({names[right]}, {names[depth]})"),
    ]


def _figure(title: str):
    """A figure with three view axes, built without pyplot (no global state, any thread)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(16, 5.5), dpi=100, layout="constrained")
    axes = fig.subplots(1, 3)
    if title:
        fig.suptitle(title, fontsize=13)
    return fig, axes


def _style(ax, view: str) -> None:
    ax.set_aspect("equal", adjustable="box")
    ax.set_title(view, fontsize=10)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.2)


def _legend_handles(labels: np.ndarray, names: Sequence[str], scores: np.ndarray | None) -> list:
    """One legend entry per part (colour, name, point count, mean score) and one for unlabelled."""
    from matplotlib.lines import Line2D

    counts = np.bincount(labels + 1, minlength=len(names) + 1)
    if scores is not None:
        mean_score = np.bincount(labels + 1, weights=scores, minlength=len(names) + 1) / np.maximum(counts, 1)
    colors = part_colors(len(names))
    handles = []
    for k, name in enumerate(names):
        text = f"{name}: {counts[k + 1]:,} pts"
        if scores is not None and counts[k + 1]:
            text += f", score {mean_score[k + 1]:.2f}"
        handles.append(Line2D([], [], ls="", marker="o", ms=9, color=colors[k], label=text))
    grey = f"unlabelled: {counts[0]:,} pts"
    handles.append(Line2D([], [], ls="", marker="o", ms=9, color=UNLABELLED_COLOR, label=grey))
    return handles


@contextmanager
def _atomic(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; move it into place only when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process and thread; a plain name (not mkstemp) so the file gets the usual permissions.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
