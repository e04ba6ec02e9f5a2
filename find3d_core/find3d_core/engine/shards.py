"""Dataset shards: the data engine's on-disk output, and the streaming reader a trainer uses.

Format "find3d-engine-shards", version 1 (docs/data_engine.md has the full description):

  DIR/manifest.json        format, version, text encoder (name, dim), build config, shard size, and per
                           written shard: file, job keys, object ids, failed jobs (id + error), sha256
  DIR/shard-000000.tar     uncompressed tar, one member "<object id>.npz" per object (WebDataset-style)

Each .npz (no pickles; every array plain numpy):
  xyz, normals, rgb        (N, 3) float32 points in the asset's frame (z up), unit normals, colour in [0, 1]
  face                     (N,) int32 face index of each point
  mask_offsets             (M + 1,) int64; mask m's points are mask_points[mask_offsets[m]:mask_offsets[m + 1]]
  mask_points              int32 point indices
  mask_label               (M,) int32 index into `labels`;  mask_view (M,) int16 view index
  labels                   (L,) unicode label texts;  label_embeddings (L, D) float32, L2-normalised
  meta                     0-d unicode JSON: id, category, provenance, mask source, namer, views, engine version
  thumbs, thumb_masks      (optional) (V, t, t, 3) uint8 renders and (M, ceil(t*t/8)) packed-bit masks

Writes are atomic (temp file, fsync, rename; manifest last). Shard k always holds jobs
[k * shard_size, (k + 1) * shard_size) of the run's job list, written in job order with fixed tar/zip
metadata, so a resumed run writes byte-identical shards to an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from find3d_core.atomic import write_bytes_atomic

FORMAT = "find3d-engine-shards"
VERSION = 1
MANIFEST = "manifest.json"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class ObjectRecord:
    """One labelled object, as stored (see the module docstring for the array meanings)."""

    id: str
    xyz: np.ndarray
    normals: np.ndarray
    rgb: np.ndarray
    face: np.ndarray
    masks: list[np.ndarray]  # point indices per mask
    mask_text: list[str]
    mask_view: list[int]
    meta: dict[str, Any] = field(default_factory=dict)
    thumbs: np.ndarray | None = None
    thumb_masks: np.ndarray | None = None  # (M, t, t) bool
    label_embeddings: np.ndarray | None = None  # filled by the writer / reader
    labels: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def mask_label(self) -> np.ndarray:
        """(M,) index of each mask's text in `labels`."""
        index = {t: i for i, t in enumerate(self.labels)}
        return np.array([index[t] for t in self.mask_text], dtype=np.int32)


class ShardFormatError(ValueError):
    """A dataset folder or shard that is not (this version of) the engine's format."""


# ---------------------------------------------------------------- encoding


def encode_object(rec: ObjectRecord, embeddings: dict[str, np.ndarray]) -> bytes:
    """The .npz bytes of one object; label embeddings looked up in `embeddings` (text -> (D,))."""
    labels = sorted(set(rec.mask_text))
    index = {t: i for i, t in enumerate(labels)}
    dim = len(next(iter(embeddings.values()))) if embeddings else 0
    arrays: dict[str, np.ndarray] = {
        "xyz": rec.xyz.astype(np.float32), "normals": rec.normals.astype(np.float32),
        "rgb": rec.rgb.astype(np.float32), "face": rec.face.astype(np.int32),
        "mask_offsets": np.concatenate([[0], np.cumsum([len(m) for m in rec.masks])]).astype(np.int64),
        "mask_points": (np.concatenate(rec.masks) if rec.masks else np.zeros(0)).astype(np.int32),
        "mask_label": np.array([index[t] for t in rec.mask_text], dtype=np.int32),
        "mask_view": np.array(rec.mask_view, dtype=np.int16),
        "labels": np.array(labels, dtype=str) if labels else np.zeros(0, dtype="<U1"),
        "label_embeddings": (np.stack([embeddings[t] for t in labels]) if labels else np.zeros((0, dim))).astype(np.float32),
        "meta": np.array(json.dumps(rec.meta, sort_keys=True)),
    }
    if rec.thumbs is not None:
        arrays["thumbs"] = rec.thumbs.astype(np.uint8)
        tm = rec.thumb_masks if rec.thumb_masks is not None else np.zeros((0,) + rec.thumbs.shape[1:3], bool)
        arrays["thumb_masks"] = np.packbits(tm.reshape(len(tm), -1), axis=1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)  # fixed date: reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arr), allow_pickle=False)
            zf.writestr(info, member.getvalue())
    return buf.getvalue()


def decode_object(data: bytes) -> ObjectRecord:
    """An ObjectRecord from .npz bytes (embeddings and labels included)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        a = {k: z[k] for k in z.files}
    offsets = a["mask_offsets"]
    masks = [a["mask_points"][offsets[i]: offsets[i + 1]].astype(np.int64) for i in range(len(offsets) - 1)]
    labels = [str(x) for x in a["labels"]]
    meta = json.loads(str(a["meta"]))
    thumbs = a.get("thumbs")
    thumb_masks = None
    if thumbs is not None:
        t = thumbs.shape[1] * thumbs.shape[2]
        thumb_masks = np.unpackbits(a["thumb_masks"], axis=1, count=t).astype(bool).reshape(-1, *thumbs.shape[1:3])
    return ObjectRecord(
        id=meta.get("id", ""), xyz=a["xyz"], normals=a["normals"], rgb=a["rgb"], face=a["face"], masks=masks,
        mask_text=[labels[i] for i in a["mask_label"]], mask_view=a["mask_view"].astype(int).tolist(), meta=meta,
        thumbs=thumbs, thumb_masks=thumb_masks, label_embeddings=a["label_embeddings"], labels=labels,
    )


# ---------------------------------------------------------------- writing


def shard_name(index: int) -> str:
    return f"shard-{index:06d}.tar"


def tar_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """An uncompressed tar with fixed metadata (mtime 0, root owner), so equal content gives equal bytes."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class Manifest:
    """The dataset's manifest.json: what was built, with which settings, and which shards are done."""

    def __init__(self, root: Path, data: dict[str, Any]) -> None:
        self.root, self.data = root, data

    @classmethod
    def open_or_create(cls, root: str | Path, text_encoder: dict[str, Any], config: dict[str, Any],
                       shard_size: int) -> Manifest:
        """Load an existing manifest (refusing one built with other settings) or start a new one.

        Shard files that the manifest does not list (a run killed between the shard's rename and the
        manifest's) and temp files are removed: their jobs are simply done again.
        """
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        path = root / MANIFEST
        if path.exists():
            data = read_manifest(root)
            for key, want in (("text_encoder", text_encoder), ("config", config), ("shard_size", shard_size)):
                if data[key] != want:
                    raise ShardFormatError(
                        f"{root} was built with another {key} ({data[key]} vs {want}); use a new output folder"
                    )
        else:
            data = {"format": FORMAT, "version": VERSION, "text_encoder": text_encoder, "config": config,
                    "shard_size": shard_size, "shards": []}
        listed = {s["file"] for s in data["shards"]}
        for f in root.glob("shard-*.tar*"):
            if f.name not in listed:
                f.unlink()
        m = cls(root, data)
        m.save()
        return m

    @property
    def done_shards(self) -> set[int]:
        return {s["index"] for s in self.data["shards"]}

    def check_jobs(self, job_keys: list[str]) -> None:
        """Refuse to resume when the job list changed under the written shards."""
        size = self.data["shard_size"]
        for s in self.data["shards"]:
            now = job_keys[s["index"] * size: (s["index"] + 1) * size]
            if now != s["jobs"]:
                raise ShardFormatError(f"{self.root}: the jobs of {s['file']} changed since it was written "
                                       "(different assets or counts); use a new output folder")

    def add_shard(self, index: int, jobs: list[str], records: list[ObjectRecord], failed: list[dict[str, str]],
                  embeddings: dict[str, np.ndarray]) -> None:
        """Write shard `index` atomically, then record it in the manifest (also atomically)."""
        members = [(f"{r.id}.npz", encode_object(r, embeddings)) for r in records]
        data = tar_bytes(members)
        write_bytes_atomic(self.root / shard_name(index), data)
        self.data["shards"].append({
            "index": index, "file": shard_name(index), "jobs": jobs, "objects": [r.id for r in records],
            "failed": failed, "masks": int(sum(len(r.masks) for r in records)),
            "sha256": hashlib.sha256(data).hexdigest(),
        })
        self.data["shards"].sort(key=lambda s: s["index"])
        self.save()

    def save(self) -> None:
        write_bytes_atomic(self.root / MANIFEST, json.dumps(self.data, indent=1).encode())


# ---------------------------------------------------------------- reading


def read_manifest(root: str | Path) -> dict[str, Any]:
    path = Path(root) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{root} has no {MANIFEST}; is it a find3d engine dataset?")
    data = json.loads(path.read_text())
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ShardFormatError(f"{path}: format {data.get('format')} v{data.get('version')}, "
                               f"this reader knows {FORMAT} v{VERSION}")
    return data


def iter_shard(path: str | Path) -> Iterator[ObjectRecord]:
    """Objects of one shard file, streamed member by member."""
    with tarfile.open(path, mode="r|") as tar:
        for info in tar:
            member = tar.extractfile(info) if info.isfile() and info.name.endswith(".npz") else None
            if member is not None:  # None for anything but a regular file
                yield decode_object(member.read())


def iter_objects(dataset_dir: str | Path, shards: list[int] | None = None) -> Iterator[ObjectRecord]:
    """Stream every object of a dataset (in shard order), for training or inspection.

    `shards` picks shard indices (e.g. one subset per data-loader worker / DDP rank).
    """
    data = read_manifest(dataset_dir)
    for s in data["shards"]:
        if shards is None or s["index"] in shards:
            yield from iter_shard(Path(dataset_dir) / s["file"])
