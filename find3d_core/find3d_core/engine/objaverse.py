"""Objaverse assets through the `objaverse` package: select, download, and jobs that carry provenance.

Selection: uids and/or LVIS categories (`lvis-annotations.json.gz`), optionally only some licences (the
Sketchfab licence slug of each object's annotation: "by", "by-sa", "cc0", ...; `--licenses cc-by,cc0`).
Each job carries the object's uid, LVIS categories, licence, name, author and page, which end up in the
shard's `meta["provenance"]` (attribution is what CC-BY asks for).

Downloads: `objaverse.load_objects` in chunks on a few threads (its own process pool gives up the whole
batch at the first error), each failure retried per object with backoff, every file checked to be a GLB.
The package writes `<file>.tmp` and renames, so a cut download never leaves a half GLB under its final
name: a rerun fetches exactly what is missing. Index files (object paths, LVIS, annotations) are written
in place by the package, so one cut short is detected (unreadable gzip/JSON), deleted and fetched again.

The package fetches fixed https URLs with urllib, so proxies and CA bundles come from the environment
(`https_proxy`, `SSL_CERT_FILE`); the tests point it at a local server that way.
"""

from __future__ import annotations

import difflib
import gzip
import json
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from find3d_core.engine.assets import Asset, clean_part_name, load_mesh_asset
from find3d_core.engine.pipeline import Job
from find3d_core.errors import UsageError

log = logging.getLogger(__name__)
T = TypeVar("T")

# User-facing licence names -> the slugs Objaverse's (Sketchfab) annotations use.
LICENSES = {"cc-by": "by", "cc-by-sa": "by-sa", "cc-by-nd": "by-nd", "cc-by-nc": "by-nc", "cc-by-nc-sa": "by-nc-sa",
            "cc-by-nc-nd": "by-nc-nd", "cc0": "cc0"}
GLB_MAGIC = b"glTF"


class ObjaverseUnavailable(UsageError):
    """Objaverse's index files could not be fetched (offline, proxy, or server errors)."""


def parse_licenses(names: str | Iterable[str]) -> tuple[str, ...]:
    """Licence slugs from "cc-by,cc0" (or slugs themselves: "by,cc0"); UsageError naming the known ones."""
    items = names.split(",") if isinstance(names, str) else list(names)
    out = []
    for raw in items:
        name = raw.strip().lower().replace("_", "-").replace(" ", "-")
        if not name:
            continue
        slug = LICENSES.get(name) or (name if name in LICENSES.values() else None)
        if slug is None:
            raise UsageError(f"unknown licence {raw!r}; use some of {sorted(LICENSES)}")
        out.append(slug)
    if not out:
        raise UsageError("give at least one licence, e.g. cc-by,cc0")
    return tuple(dict.fromkeys(out))


def _package(cache_dir: str | Path | None) -> Any:
    """The `objaverse` module, caching under `cache_dir` (its default, ~/.objaverse, when None)."""
    try:
        import objaverse
    except ImportError as err:
        raise UsageError("Objaverse needs the `objaverse` package: pip install 'find3d_core[engine]'") from err
    if cache_dir is not None:
        # The package reads these module globals at call time; _VERSIONED_PATH is derived from BASE_PATH at import.
        objaverse.BASE_PATH = str(cache_dir)
        objaverse._VERSIONED_PATH = str(Path(cache_dir) / "hf-objaverse-v1")
    return objaverse


def _index_files(objaverse: Any) -> list[Path]:
    root = Path(objaverse._VERSIONED_PATH)
    return [root / "object-paths.json.gz", root / "lvis-annotations.json.gz", *sorted(root.glob("metadata/*.json.gz"))]


def _drop_unreadable(files: list[Path]) -> None:
    """Delete cached index files that do not decode (a download cut short), so they are fetched again."""
    for f in files:
        if not f.is_file():
            continue
        try:
            with gzip.open(f, "rb") as fh:
                json.load(fh)
        except (OSError, EOFError, ValueError):
            log.warning("objaverse: %s is unreadable (cut download?); fetching it again", f.name)
            f.unlink()


def _with_retries(fetch: Callable[[], T], what: str, objaverse: Any, retries: int, backoff_s: float) -> T:
    """`fetch()` with retries; network errors are OSErrors, a truncated index an EOFError or a ValueError."""
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            return fetch()
        except (OSError, EOFError, ValueError) as err:
            last = err
            _drop_unreadable(_index_files(objaverse))
            if attempt < retries:
                time.sleep(backoff_s * 2**attempt)
    raise ObjaverseUnavailable(f"could not load Objaverse {what}: {type(last).__name__}: {last} "
                               "(offline? behind a proxy? set https_proxy / SSL_CERT_FILE)") from last


@dataclass(frozen=True)
class ObjaverseObject:
    """One selected object and what its provenance says."""

    uid: str
    license: str | None
    lvis: tuple[str, ...]
    name: str = ""
    author: str = ""
    url: str = ""


def select_objects(uids: Iterable[str] = (), lvis_categories: Iterable[str] = (), licenses: Iterable[str] | None = None,
                   limit: int | None = None, cache_dir: str | Path | None = None, retries: int = 2,
                   backoff_s: float = 1.0) -> list[ObjaverseObject]:
    """The objects named by uid and by LVIS category ("*": all; at most `limit` per category, in the file's
    order), with annotations, keeping only `licenses` (slugs, see `parse_licenses`) when given.

    The order is deterministic (given uids, then categories in the order asked), so a rerun makes the same
    job list and resumes. Unknown uids or categories raise UsageError.
    """
    objaverse = _package(cache_dir)
    uids, cats = list(dict.fromkeys(uids)), list(dict.fromkeys(lvis_categories))
    if not uids and not cats:
        raise UsageError("give Objaverse object uids or LVIS categories")
    if limit is not None and limit < 1:
        raise UsageError(f"limit must be >= 1, got {limit}")
    known = set(_with_retries(objaverse.load_uids, "object paths", objaverse, retries, backoff_s))
    unknown = [u for u in uids if u not in known]
    if unknown:
        raise UsageError(f"unknown Objaverse uids: {unknown[:5]}{' ...' if len(unknown) > 5 else ''}")
    lvis = _with_retries(objaverse.load_lvis_annotations, "LVIS annotations", objaverse, retries, backoff_s)
    if "*" in cats:  # every LVIS category (Find3D's training objects are Objaverse-LVIS)
        cats = sorted(lvis)
    wanted = list(uids)
    for cat in cats:
        if cat not in lvis:
            close = difflib.get_close_matches(cat, list(lvis), n=3)
            raise UsageError(f"unknown LVIS category {cat!r}" + (f"; did you mean {close}?" if close else ""))
        members = [u for u in lvis[cat] if u in known]
        wanted += members[:limit] if limit else members
    wanted = list(dict.fromkeys(wanted))
    categories: dict[str, list[str]] = {}
    for cat, members in lvis.items():
        for u in members:
            categories.setdefault(u, []).append(cat)
    notes = _with_retries(lambda: objaverse.load_annotations(wanted), "annotations", objaverse, retries, backoff_s)
    out = []
    for u in wanted:
        a = notes.get(u, {})
        out.append(ObjaverseObject(u, a.get("license"), tuple(sorted(categories.get(u, []))), str(a.get("name") or ""),
                                   str((a.get("user") or {}).get("username") or ""), str(a.get("viewerUrl") or "")))
    if licenses is not None:
        allowed = set(licenses)
        out = [o for o in out if o.license in allowed]
    return out


@dataclass
class DownloadReport:
    paths: dict[str, Path] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _is_glb(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == GLB_MAGIC


def _fetch(objaverse: Any, uids: list[str]) -> tuple[dict[str, Path], str | None]:
    """One `load_objects` call: the GLBs it has (checked), and its error if it failed part-way."""
    try:
        got, error = objaverse.load_objects(uids=uids, download_processes=1), None
    except (OSError, EOFError, ValueError) as err:
        got, error = {}, f"{type(err).__name__}: {err}"
    paths = {}
    for uid, p in got.items():
        p = Path(p)
        if _is_glb(p):
            paths[uid] = p
        else:  # an error page saved as the object: remove it so that a rerun fetches it again
            p.unlink()
            error = f"{p.name} is not a GLB file"
    return paths, error


def download_objects(uids: Iterable[str], cache_dir: str | Path | None = None, workers: int = 4, retries: int = 2,
                     backoff_s: float = 1.0, chunk: int = 64) -> DownloadReport:
    """Download (or find in the cache) the GLBs of `uids`; per-object errors are reported, not raised."""
    objaverse = _package(cache_dir)
    todo = list(dict.fromkeys(uids))
    report = DownloadReport()
    for attempt in range(retries + 1):
        if not todo:
            break
        if attempt:
            time.sleep(backoff_s * 2 ** (attempt - 1))
        # First in chunks (each call reads the object-path index once), then the leftovers one by one.
        size = chunk if attempt == 0 else 1
        batches = [todo[i:i + size] for i in range(0, len(todo), size)]
        with ThreadPoolExecutor(max(1, workers)) as pool:
            for batch, (paths, error) in zip(batches, pool.map(lambda b: _fetch(objaverse, b), batches)):
                report.paths.update(paths)
                for uid in batch:
                    if uid not in paths:
                        report.errors[uid] = error or "not in the object-path index"
        todo = [u for u in todo if u not in report.paths]
        if todo:
            log.warning("objaverse: %d of %d objects failed (try %d of %d)", len(todo), len(report.paths) + len(todo),
                        attempt + 1, retries + 1)
    report.errors = {u: e for u, e in report.errors.items() if u not in report.paths}
    return report


@dataclass(frozen=True)
class ObjaverseJob(Job):
    """A pipeline job for one Objaverse object; its key is the uid, so reruns match whatever the cache path."""

    uid: str = ""
    license: str | None = None
    lvis: tuple[str, ...] = ()
    name: str = ""
    author: str = ""
    url: str = ""
    cache_dir: str | None = None

    @property
    def key(self) -> str:
        return f"objaverse:{self.uid}"

    def load(self) -> Asset:
        return load_objaverse_asset(self)


def objaverse_jobs(objects: list[ObjaverseObject], downloaded: DownloadReport, cache_dir: str | Path | None = None,
                   up: str | None = None) -> list[ObjaverseJob]:
    """One job per selected object, downloaded or not: the job list depends on the selection alone, so a
    rerun resumes; a job whose GLB is missing tries the download once more and fails (listed in its shard)."""
    return [ObjaverseJob("objaverse", path=str(downloaded.paths.get(o.uid, "")), up=up, uid=o.uid, license=o.license,
                         lvis=o.lvis, name=o.name, author=o.author, url=o.url,
                         cache_dir=None if cache_dir is None else str(cache_dir)) for o in objects]


def load_objaverse_asset(job: ObjaverseJob) -> Asset:
    """The job's GLB as an asset (parts from node names) with Objaverse provenance."""
    path = Path(job.path) if job.path else None
    if path is None or not path.is_file():
        report = download_objects([job.uid], job.cache_dir, workers=1, retries=0)
        if job.uid not in report.paths:
            error = report.errors.get(job.uid)
            raise ObjaverseUnavailable(f"Objaverse object {job.uid} could not be downloaded: {error}")
        path = report.paths[job.uid]
    category = job.lvis[0].replace("_", " ") if job.lvis else (clean_part_name(job.name) or "object")
    asset = load_mesh_asset(path, up=job.up, category=category)
    source = {"source": "objaverse", "uid": job.uid, "license": job.license, "lvis": list(job.lvis), "name": job.name,
              "author": job.author, "url": job.url, "sha256_16": asset.source["sha256_16"], "up": asset.source["up"]}
    return Asset(f"objaverse-{job.uid}", asset.obj, source, asset.texture)
