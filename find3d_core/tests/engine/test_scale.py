"""Scale-out backends (process pool, Ray) write the same shards as one process; the `find3d engine` CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from find3d_core.cli import main
from find3d_core.engine.pipeline import EngineConfig, build_dataset, procedural_jobs
from find3d_core.engine.shards import iter_objects, read_manifest
from find3d_core.engine.views import ViewConfig
from helpers import HashEncoder

CFG = EngineConfig(views=ViewConfig(n_views=3, size=120), n_points=800, thumb_size=24)


def _sha(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("shard-*.tar"))}


@pytest.mark.slow
def test_process_pool_and_ray_write_the_same_shards(tmp_path: Path) -> None:
    jobs = procedural_jobs(4, ["hammer", "bucket"])
    build_dataset(jobs, tmp_path / "serial", CFG, HashEncoder(), shard_size=2, progress=False)
    build_dataset(jobs, tmp_path / "pool", CFG, HashEncoder(), workers=2, shard_size=2, progress=False)
    assert _sha(tmp_path / "serial") == _sha(tmp_path / "pool")
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        build_dataset(jobs, tmp_path / "ray", CFG, HashEncoder(), shard_size=2, progress=False, ray_address="local")
    finally:
        ray.shutdown()
    assert _sha(tmp_path / "serial") == _sha(tmp_path / "ray")


def test_cli_engine_build_and_show(tmp_path: Path, capsys) -> None:
    out = tmp_path / "proc"
    args = ["engine", "build", "--procedural", "3", "--categories", "mug,chair,laptop", "-o", str(out), "--views", "4",
            "--size", "128", "--points", "1000", "--workers", "1", "--shard-size", "2", "--previews", "1",
            "--text-encoder", "minilm"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "wrote 3 objects" in text and "objects/s per stage" in text
    manifest = read_manifest(out)
    assert manifest["text_encoder"]["dim"] == 384 and len(manifest["shards"]) == 2
    assert len(list((out / "previews").glob("*.png"))) == 1
    assert sum(1 for _ in iter_objects(out)) == 3
    png_dir = tmp_path / "show"
    assert main(["engine", "show", str(out / "shard-000001.tar"), "-o", str(png_dir)]) == 0
    (png,) = list(png_dir.glob("*.png"))
    assert png.name == "proc-mug-000002.png" and png.stat().st_size > 10_000
    # User errors: one line, exit code 2.
    assert main(["engine", "show", str(tmp_path / "missing.tar")]) == 2
    assert main(["engine", "build", "--procedural", "2", "--categories", "spaceship", "-o", str(tmp_path / "x")]) == 2
    assert "find3d: error:" in capsys.readouterr().err
