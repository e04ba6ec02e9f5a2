"""Look at the data: one PNG per object with its renders, masks and names, and its labelled points."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from find3d_core.engine.shards import ObjectRecord, iter_shard


def _palette(n: int) -> np.ndarray:
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    return np.array([cmap(i % 20)[:3] for i in range(max(n, 1))])


def _crop_box(rec: ObjectRecord, margin: int = 4) -> tuple[int, int, int, int]:
    """Rows and columns around everything the masks cover in any view (renders are mostly background)."""
    if rec.thumbs is None:
        return (0, 0, 0, 0)
    t = rec.thumbs.shape[1]
    if rec.thumb_masks is None or not rec.thumb_masks.any():
        return (0, t, 0, t)
    rows = np.flatnonzero(rec.thumb_masks.any(axis=(0, 2)))
    cols = np.flatnonzero(rec.thumb_masks.any(axis=(0, 1)))
    side = max(rows[-1] - rows[0], cols[-1] - cols[0]) + 2 * margin
    rc, cc = (rows[0] + rows[-1]) // 2, (cols[0] + cols[-1]) // 2
    r0, c0 = int(np.clip(rc - side // 2, 0, max(0, t - side))), int(np.clip(cc - side // 2, 0, max(0, t - side)))
    return (r0, min(t, r0 + side), c0, min(t, c0 + side))


def draw_object(rec: ObjectRecord, path: str | Path, max_views: int = 10) -> Path:
    """Top: each view's render with its masks tinted and named. Bottom: the points, coloured by the label
    of the smallest mask containing them (grey: no mask), seen from two sides."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = rec.labels or sorted(set(rec.mask_text))
    colors = _palette(len(labels))
    label_idx = {t: i for i, t in enumerate(labels)}
    n_views = 0 if rec.thumbs is None else min(max_views, len(rec.thumbs))
    cols = max(5, (n_views + 1) // 2)
    fig = plt.figure(figsize=(2.4 * cols, 2.4 * (2 if n_views > cols else 1 if n_views else 0) + 4.5))
    rows = (2 if n_views > cols else 1 if n_views else 0) + 1
    crop = _crop_box(rec)
    for v in range(n_views):
        ax = fig.add_subplot(rows, cols, v + 1)
        img = rec.thumbs[v].astype(np.float32) / 255
        names: list[tuple[float, float, str]] = []
        for m, (view, text) in enumerate(zip(rec.mask_view, rec.mask_text)):
            if view != v or rec.thumb_masks is None or m >= len(rec.thumb_masks):
                continue
            tm = rec.thumb_masks[m]
            img[tm] = 0.45 * img[tm] + 0.55 * colors[label_idx[text]]
            ys, xs = np.nonzero(tm)
            # One name per spot: a group's name would sit on top of its parts' names.
            if len(xs) and all(np.hypot(xs.mean() - x, ys.mean() - y) > 0.08 * tm.shape[0] for x, y, _ in names):
                names.append((xs.mean(), ys.mean(), text))
        r0, r1, c0, c1 = crop
        ax.imshow(img[r0:r1, c0:c1])
        names = [(x - c0, y - r0, t) for x, y, t in names]
        for x, y, text in names:
            ax.text(x, y, text, fontsize=6, ha="center", va="center", bbox=dict(boxstyle="round,pad=0.1", fc="white", alpha=0.7, lw=0))
        ax.set_title(f"view {v}", fontsize=8)
        ax.axis("off")
    # Points: the smallest mask wins, so fine parts show over the groups containing them.
    point_label = np.full(len(rec.xyz), -1)
    order = np.argsort([-len(m) for m in rec.masks], kind="stable")
    for m in order:
        point_label[rec.masks[m]] = label_idx[rec.mask_text[m]]
    pc = np.where(point_label[:, None] >= 0, colors[np.maximum(point_label, 0)], 0.8)
    for k, azim in enumerate((-60, 120)):
        ax = fig.add_subplot(rows, 2, (rows - 1) * 2 + k + 1, projection="3d")
        x = rec.xyz
        ax.scatter(x[:, 0], x[:, 1], x[:, 2], c=pc, s=2, depthshade=False)
        ax.view_init(20, azim)
        ext = (x.max(0) - x.min(0)).max() / 2
        mid = (x.max(0) + x.min(0)) / 2
        for set_lim, c in zip((ax.set_xlim, ax.set_ylim, ax.set_zlim), mid):
            set_lim(c - ext, c + ext)
        ax.set_axis_off()
    used = sorted({label_idx[t] for t in rec.mask_text})
    handles = [plt.Line2D([], [], marker="o", ls="", color=colors[i], label=labels[i]) for i in used]
    fig.legend(handles=handles, loc="lower center", ncol=min(6, max(1, len(handles))), fontsize=8)
    fig.suptitle(f"{rec.id} ({rec.meta.get('category', '')}, {rec.meta.get('variant', '')}): {len(rec.masks)} masks, "
                 f"{len(rec.xyz)} points", fontsize=10)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def show_shard(shard: str | Path, out_dir: str | Path, limit: int = 4, object_id: str | None = None) -> list[Path]:
    """Draw the first `limit` objects of a shard (or the one named `object_id`) into `out_dir`."""
    shard = Path(shard)
    if not shard.is_file():
        raise FileNotFoundError(f"shard {shard} does not exist")
    written = []
    for rec in iter_shard(shard):
        if object_id is not None and rec.id != object_id:
            continue
        written.append(draw_object(rec, Path(out_dir) / f"{rec.id}.png"))
        if len(written) >= limit:
            break
    if object_id is not None and not written:
        raise ValueError(f"no object {object_id!r} in {shard}")
    return written
