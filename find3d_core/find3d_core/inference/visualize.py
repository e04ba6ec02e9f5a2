"""Visual outputs of `find3d segment`: labelled PLY, PNG views, the camera-image overlay of an organized frame,
interactive HTML and logit heatmaps.

Every writer takes points (N, 3) and per-point labels (N,) (-1 = no part, k = `names[k]`), writes
atomically (temporary file + os.replace, so a reader never sees half a file) and draws a deterministic
subsample of large clouds that keeps small parts visible.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from find3d_core.atomic import atomic_path
from find3d_core.geometry.cloud import PointCloud, finite_xyz
from find3d_core.geometry.io import write_cloud
from find3d_core.geometry.up import up_vector

UNLABELLED_COLOR = np.array([0.78, 0.78, 0.78])
OBJECT_TINT = np.array([1.0, 1.0, 0.0])  # overlay: objects the scene split found, where no part was
NO_DEPTH_COLOR = np.array([0.1, 0.1, 0.1])  # overlay: pixels the depth camera returned no point for
PNG_MAX_POINTS = 60_000
HTML_MAX_POINTS = 100_000
FRAME_MARGIN = 0.15  # PNG views show the objects found plus this fraction of their extent around them
FRAME_MIN_PAD = 0.02  # metres: small objects still get some context

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
    lines, so the file explains its labels. Written by `geometry.io.write_cloud`, find3d's one PLY writer.
    """
    points, labels, scores = _check(points, labels, names, scores)
    rgb = label_colors(labels, len(names))
    fields = {
        "label": labels.astype(np.int32),
        "score": (np.zeros(len(points)) if scores is None else scores).astype(np.float32),
    }
    comments = ["find3d labelled point cloud (label -1 = none)"]
    comments += [f"label {k} {' '.join(str(name).split())}" for k, name in enumerate(names)]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_cloud(path, PointCloud(xyz=points, rgb=rgb), labels=fields, comments=comments)


def render_png(
    path: str | Path,
    points: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str],
    title: str = "",
    scores: np.ndarray | None = None,
    up: str = "z",
    focus: np.ndarray | None = None,
) -> None:
    """Three views (front, side, top) of the points coloured by part, with a legend of name and count.

    `up` names the vertical axis of the cloud's frame ("z" for robot frames, "-y" for camera frames). `focus`
    (bool per point, e.g. the objects found in a scene) is what the views are framed on; None frames everything.
    """
    points, labels, scores = _check(points, labels, names, scores)
    if focus is not None:
        focus = np.asarray(focus, dtype=bool).reshape(-1)
        if len(focus) != len(points):
            raise ValueError(f"focus has {len(focus)} values for {len(points)} points")
    keep = _subsample(labels, PNG_MAX_POINTS)
    colors = label_colors(labels[keep], len(names))
    part = labels[keep] >= 0
    size = float(np.clip(3e4 / max(len(keep), 1), 0.3, 12.0))

    fig, axes = _figure(title)
    for ax, (h, v, view) in zip(axes, _views(points, up)):
        ax.scatter(h[keep][~part], v[keep][~part], s=size * 0.5, c=colors[~part], linewidths=0, alpha=0.6)
        ax.scatter(h[keep][part], v[keep][part], s=size, c=colors[part], linewidths=0)
        _style(ax, view)
        _frame(ax, h, v, focus)
    legend = _legend_handles(labels, names, scores)
    fig.legend(handles=legend, loc="outside right center", frameon=False, fontsize=10)
    with _atomic(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)


def heatmap_png(path: str | Path, points: np.ndarray, values: np.ndarray, title: str = "", up: str = "z") -> None:
    """Three views of one query's raw logits, diverging around 0 (the "no part" logit) when signs mix."""
    from matplotlib.colors import Normalize, TwoSlopeNorm

    points = finite_xyz(points, "points", np.float64)
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(values) != len(points) or not np.isfinite(values).all():
        raise ValueError(f"heatmap_png needs {len(points)} finite values, got {len(values)} (NaN/inf?)")
    keep = _subsample(np.full(len(points), -1), PNG_MAX_POINTS)
    keep = keep[np.argsort(values[keep], kind="stable")]  # high values drawn last, on top
    lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    norm: Normalize
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


def overlay_png(
    path: str | Path,
    cloud: PointCloud,
    labels: np.ndarray,
    names: Sequence[str],
    title: str = "",
    scores: np.ndarray | None = None,
    objects: np.ndarray | None = None,
) -> None:
    """A depth camera's frame as its camera saw it, then with the parts painted on (`overlay_image`), and a legend."""
    image, painted = camera_image(cloud), overlay_image(cloud, labels, len(names), objects)
    h, w = painted.shape[:2]

    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 12 * h / (2 * w) + 1.0), dpi=100, layout="constrained")
    for ax, picture, view in zip(fig.subplots(1, 2), (image.reshape(h, w, 3), painted), ("camera image", "parts")):
        ax.imshow(picture, interpolation="nearest")
        ax.set_title(view, fontsize=10)
        ax.set_axis_off()
    if title:
        fig.suptitle(title, fontsize=13)
    finite = cloud.finite_mask()  # the legend counts points, not the pixels the camera returned nothing for
    shown_scores = None if scores is None else np.nan_to_num(np.asarray(scores).reshape(-1)[finite])
    handles = _legend_handles(np.asarray(labels).reshape(-1)[finite], names, shown_scores)
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4), frameon=False, fontsize=10)
    with _atomic(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)


def overlay_image(cloud: PointCloud, labels: np.ndarray, num_parts: int, objects: np.ndarray | None = None) -> np.ndarray:
    """(height, width, 3) float RGB: the organized cloud's camera image (`camera_image`) with each labelled pixel
    painted 70% in its part's colour, and the `objects` (bool per row, e.g. those a scene split found) tinted 30%
    where no part is, so a part-less object still shows."""
    if cloud.shape is None:
        raise ValueError("an overlay needs an organized cloud (a depth camera's frame, height x width); "
                         "this one is unorganized: use render_png")
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(cloud) or labels.min(initial=-1) < -1 or labels.max(initial=-1) >= num_parts:
        raise ValueError(f"an overlay needs {len(cloud)} labels in [-1, {num_parts - 1}]")
    painted = camera_image(cloud)
    if objects is not None:
        tint = np.asarray(objects, dtype=bool).reshape(-1) & (labels < 0)
        painted[tint] = 0.7 * painted[tint] + 0.3 * OBJECT_TINT
    part = labels >= 0
    painted[part] = 0.3 * painted[part] + 0.7 * part_colors(num_parts)[labels[part]]
    return painted.reshape(*cloud.shape, 3)


def camera_image(cloud: PointCloud) -> np.ndarray:
    """(N, 3) float RGB per pixel of an organized cloud: its colours, or else its range (distance from the sensor) in
    grey, near light and far dark; pixels without a finite point dark."""
    finite = cloud.finite_mask()
    if cloud.rgb is not None:
        image = np.clip(np.nan_to_num(cloud.rgb.astype(np.float64)), 0.0, 1.0)
    else:
        distance = np.linalg.norm(np.nan_to_num(cloud.xyz.astype(np.float64)), axis=1)
        lo, hi = np.percentile(distance[finite], [2, 98]) if finite.any() else (0.0, 1.0)
        grey = 1.0 - 0.8 * np.clip((distance - lo) / max(hi - lo, 1e-6), 0.0, 1.0)
        image = np.repeat(grey[:, None], 3, axis=1)
    image[~finite] = NO_DEPTH_COLOR
    return image


def write_html(
    path: str | Path,
    points: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str],
    scores: np.ndarray | None = None,
    up: str = "z",
) -> None:
    """A self-contained interactive 3D page (plotly, works offline): one legend entry per part.

    `up` is the cloud's up axis, as for `render_png`: the page opens with it pointing up the screen.
    """
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
    fig.update_layout(scene={"aspectmode": "data", "camera": _html_camera(up)}, legend={"itemsizing": "constant"}, margin=margin)
    with _atomic(path) as tmp:
        fig.write_html(str(tmp), include_plotlyjs=True, full_html=True)


def _check(
    points: np.ndarray, labels: np.ndarray, names: Sequence[str], scores: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validated float points, int64 labels in [-1, len(names)) and float scores (or None)."""
    points = finite_xyz(points, "points", np.float64)
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


def _views(points: np.ndarray, up: str) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """(horizontal, vertical, title) per view: front, side and top, for the given up axis."""
    vec = up_vector(up)
    u = int(np.flatnonzero(vec)[0])
    right, depth = (k for k in range(3) if k != u)
    names = "xyz"
    vertical = vec[u] * points[:, u]
    return [
        (points[:, right], vertical, f"front ({names[right]}, {up})"),
        (points[:, depth], vertical, f"side ({names[depth]}, {up})"),
        (points[:, right], points[:, depth], f"top ({names[right]}, {names[depth]})"),
    ]


def _frame(ax, h: np.ndarray, v: np.ndarray, focus: np.ndarray | None) -> None:
    """Zoom a view onto the `focus` points (the objects found) with a margin, rather than the whole room."""
    if focus is None or not focus.any():
        return
    lo = np.array([h[focus].min(), v[focus].min()])
    hi = np.array([h[focus].max(), v[focus].max()])
    pad = np.maximum(FRAME_MARGIN * (hi - lo).max(), FRAME_MIN_PAD)
    ax.set_xlim(lo[0] - pad, hi[0] + pad)
    ax.set_ylim(lo[1] - pad, hi[1] + pad)


def _html_camera(up: str) -> dict:
    """A plotly camera whose screen-up is the cloud's up; a camera-frame cloud is seen from behind its sensor."""
    vec = up_vector(up)
    if vec[1]:  # y up or down: an optical frame looks along +z ("-y"), a y-up model faces +z ("y")
        ahead = np.array([0.0, 0.0, -2.0 if vec[1] < 0 else 2.0])
    else:
        ahead = 1.25 * (1.0 - np.abs(vec))  # plotly's default diagonal view, about the up axis
    eye = ahead + 0.9 * vec
    return {"up": dict(zip("xyz", vec.tolist())), "eye": dict(zip("xyz", eye.tolist()))}


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
        handles.append(Line2D([], [], ls="", marker="o", ms=9, color=tuple(colors[k]), label=text))
    grey = f"unlabelled: {counts[0]:,} pts"
    handles.append(Line2D([], [], ls="", marker="o", ms=9, color=tuple(UNLABELLED_COLOR), label=grey))
    return handles


@contextmanager
def _atomic(path: str | Path) -> Iterator[Path]:
    """find3d's atomic writer, creating the output folder first (figures are often written to a fresh one)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        yield tmp
