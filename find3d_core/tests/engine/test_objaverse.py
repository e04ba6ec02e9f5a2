"""Objaverse through the real `objaverse` package, against a local HTTPS server holding what it downloads:
the object-path index, LVIS and annotation files, and GLBs made here from procedural objects (parts as nodes).
Licence filtering, provenance in the shards, failures, cut downloads, resumption, the CLI and the trainer."""

from __future__ import annotations

import json
import urllib.request

import numpy as np
import pytest
from local_servers import HubServer, route_https_through
from objaverse_hub import OBJECTS, ROOT, hub_files

from helpers import TINY_BACKBONE

objaverse = pytest.importorskip("objaverse")
pytest.importorskip("trustme")

from find3d_core.engine.objaverse import (  # noqa: E402
    ObjaverseUnavailable,
    download_objects,
    objaverse_jobs,
    parse_licenses,
    select_objects,
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return hub_files()


@pytest.fixture
def hub(files, tmp_path, monkeypatch):
    """The hub behind a proxy, the package pointed at it through the environment only."""
    with HubServer(files, tmp_path) as server:
        route_https_through(server, monkeypatch)
        yield server
        urllib.request.install_opener(None)  # later urllib users get the environment of their time


def glb_requests(server: HubServer) -> list[str]:
    return [p for p in server.requests if p.endswith(".glb")]


def test_licences_parse_to_annotation_slugs() -> None:
    assert parse_licenses("cc-by, CC0") == ("by", "cc0")
    assert parse_licenses(["by-nc", "cc-by-nc"]) == ("by-nc",)
    with pytest.raises(ValueError, match="unknown licence"):
        parse_licenses("gpl")


def test_selection_filters_licences_and_downloads_into_the_cache(hub, tmp_path) -> None:
    cache = tmp_path / "cache"
    chosen = select_objects(lvis_categories=["mug", "bottle", "chair"], licenses=parse_licenses("cc-by,cc0"),
                            cache_dir=cache)
    assert [(o.uid, o.license, o.lvis) for o in chosen] == [("a1mug", "by", ("mug",)), ("b2bottle", "cc0", ("bottle",))]
    assert chosen[0].author == "artist0" and chosen[0].url.endswith("/a1mug")
    # All licences, one object per category, plus a uid asked for directly.
    everything = select_objects(uids=["d4mug"], lvis_categories=["mug", "chair"], limit=1, cache_dir=cache)
    assert [o.uid for o in everything] == ["d4mug", "a1mug", "c3chair"]
    assert [o.uid for o in select_objects(lvis_categories=["*"], limit=1, cache_dir=cache)] == ["b2bottle", "c3chair",
                                                                                                  "a1mug"]
    report = download_objects([o.uid for o in chosen], cache, workers=2)
    assert not report.errors
    for o in chosen:
        assert report.paths[o.uid].read_bytes() == hub.files[f"{ROOT}glbs/{OBJECTS[o.uid][4]}/{o.uid}.glb"]
    # A second download is served from the cache.
    before = len(glb_requests(hub))
    assert download_objects(["a1mug"], cache).paths["a1mug"] == report.paths["a1mug"]
    assert len(glb_requests(hub)) == before
    with pytest.raises(ValueError, match="did you mean"):
        select_objects(lvis_categories=["mugs"], cache_dir=cache)
    with pytest.raises(ValueError, match="unknown Objaverse uids"):
        select_objects(uids=["nope"], cache_dir=cache)


def test_failed_cut_and_bogus_downloads_are_reported_and_a_rerun_fetches_only_what_is_missing(hub, tmp_path) -> None:
    cache = tmp_path / "cache"
    glb = {u: f"{ROOT}glbs/{o[4]}/{u}.glb" for u, o in OBJECTS.items()}
    hub.fail(glb["a1mug"], "cut")  # half the bytes, then the connection closes: retried and fetched
    hub.fail(glb["b2bottle"], *["500"] * 5)  # fails every try of this run
    hub.fail(glb["c3chair"], *["html"] * 5)  # an error page with status 200
    uids = ["a1mug", "b2bottle", "c3chair", "d4mug"]
    first = download_objects(uids, cache, workers=2, retries=2, backoff_s=0.0)
    assert sorted(first.paths) == ["a1mug", "d4mug"]
    assert "HTTP Error 500" in first.errors["b2bottle"] and "not a GLB" in first.errors["c3chair"]
    assert first.paths["a1mug"].read_bytes() == hub.files[glb["a1mug"]]
    versioned = cache / "hf-objaverse-v1"
    assert not (versioned / "glbs/000-000/b2bottle.glb").exists()
    assert not (versioned / "glbs/000-001/c3chair.glb").exists()
    hub.failures.clear()  # the server recovers
    hub.requests.clear()
    second = download_objects(uids, cache, retries=0)
    assert sorted(second.paths) == uids and not second.errors
    assert sorted(glb_requests(hub)) == sorted([glb["b2bottle"], glb["c3chair"]])


def test_a_cut_index_file_is_fetched_again_and_offline_is_a_clear_error(hub, tmp_path) -> None:
    cache = tmp_path / "cache"
    lvis = ROOT + "lvis-annotations.json.gz"
    hub.fail(lvis, "cut")
    assert [o.uid for o in select_objects(lvis_categories=["bottle"], cache_dir=cache, backoff_s=0.0)] == ["b2bottle"]
    assert hub.requests.count(lvis) == 2
    # A cut file left by a killed run is noticed too.
    path = cache / "hf-objaverse-v1" / "lvis-annotations.json.gz"
    path.write_bytes(hub.files[lvis][:20])
    assert [o.uid for o in select_objects(lvis_categories=["bottle"], cache_dir=cache, backoff_s=0.0)] == ["b2bottle"]
    hub.fail(ROOT + "object-paths.json.gz", "500", "500")
    with pytest.raises(ObjaverseUnavailable, match="object paths.*500"):
        select_objects(uids=["a1mug"], cache_dir=tmp_path / "other", retries=1, backoff_s=0.0)


def test_objaverse_shards_carry_provenance_and_parts(hub, tmp_path) -> None:
    from find3d_core.engine.pipeline import EngineConfig, build_dataset
    from find3d_core.engine.shards import iter_objects, read_manifest
    from find3d_core.engine.views import ViewConfig
    from helpers import HashEncoder

    cache = tmp_path / "cache"
    chosen = select_objects(lvis_categories=["mug", "bottle"], licenses=("by", "cc0", "by-nd"), cache_dir=cache)
    hub.fail(f"{ROOT}glbs/000-001/d4mug.glb", "500", "500")  # the driver's try and the job's own try both fail
    report = download_objects([o.uid for o in chosen], cache, retries=0)
    jobs = objaverse_jobs(chosen, report, cache)
    cfg = EngineConfig(views=ViewConfig(n_views=3, size=128), n_points=1200, thumb_size=0)
    build = build_dataset(jobs, tmp_path / "data", cfg, HashEncoder(), shard_size=2, progress=False)
    assert (build.written, build.failed) == (2, 1)
    records = {r.meta["provenance"]["uid"]: r for r in iter_objects(tmp_path / "data")}
    assert sorted(records) == ["a1mug", "b2bottle"]
    mug = records["a1mug"]
    assert mug.meta["provenance"] | {"sha256_16": None} == {
        "source": "objaverse", "uid": "a1mug", "license": "by", "lvis": ["mug"], "name": "Mug 0", "author": "artist0",
        "url": "https://sketchfab.example/3d-models/a1mug", "sha256_16": None, "up": "y"}
    assert mug.meta["job"] == "objaverse:a1mug" and mug.meta["category"] == "mug"
    assert "handle" in mug.mask_text and len(mug.masks) > 3
    failed = [f for s in read_manifest(tmp_path / "data")["shards"] for f in s["failed"]]
    assert failed[0]["job"] == "objaverse:d4mug" and "could not be downloaded" in failed[0]["error"]


def test_cli_builds_objaverse_shards_that_the_trainer_trains_on(hub, tmp_path) -> None:

    from find3d_core.cli import main
    from find3d_core.training.config import TrainConfig
    from find3d_core.training.trainer import Trainer

    out = tmp_path / "data"
    args = ["engine", "build", "--objaverse", "lvis:mug", "lvis:bottle", "--licenses", "cc-by,cc0",
            "--objaverse-dir", str(tmp_path / "cache"), "--upright", "heuristic", "-o", str(out), "--views", "2",
            "--size", "96", "--points", "900", "--workers", "1", "--previews", "0"]
    assert main(args) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [j for s in manifest["shards"] for j in s["jobs"]] == ["objaverse:a1mug", "objaverse:b2bottle"]
    assert manifest["config"]["upright"] == "heuristic"
    trainer = Trainer(TrainConfig(data=str(out), output=str(tmp_path / "run"), backbone=TINY_BACKBONE,
                                  preprocess={"num_points": 600}, batch_size=2, steps=1))
    assert np.isfinite(trainer.train_step())
