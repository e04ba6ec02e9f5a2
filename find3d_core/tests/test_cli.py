"""The `find3d` command line, run in-process on small inputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from find3d_core.cli import main
from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.io import read_cloud, write_cloud
from helpers import save_small_checkpoint, shared_file


@pytest.fixture(scope="module")
def small_checkpoint(tmp_path_factory):
    return save_small_checkpoint(tmp_path_factory.mktemp("ckpt") / "small.safetensors", trained=False)


def test_check_parity_passes_on_the_reference(capsys):
    assert main(["check-parity", str(shared_file("reference/parity_public.safetensors"))]) == 0
    assert "PASS" in capsys.readouterr().out


def test_info_describes_a_checkpoint(small_checkpoint, capsys):
    assert main(["info", str(small_checkpoint)]) == 0
    out = capsys.readouterr().out
    assert "all-MiniLM-L6-v2 (384-d)" in out and "trained       False" in out
    assert "queries       {part}\n" in out  # Find3D's single bare query


def test_segment_writes_every_output(small_checkpoint, tmp_path, capsys):
    rng = np.random.default_rng(0)
    cloud = PointCloud(rng.uniform(-0.1, 0.1, (3000, 3)), rng.uniform(0, 1, (3000, 3)))
    source = tmp_path / "object.ply"
    write_cloud(source, cloud)
    out = tmp_path / "parts.ply"
    args = ["segment", str(source), "-q", "handle", "-q", "lid", "--checkpoint", str(small_checkpoint), "-o", str(out),
            "--png", str(tmp_path / "p.png"), "--html", str(tmp_path / "p.html"), "--json", str(tmp_path / "p.json"),
            "--heatmap", "handle", "--heatmap-png", str(tmp_path / "h.png"), "--verbose"]
    assert main(args) == 0
    printed = capsys.readouterr()
    assert "timings:" in printed.out and "UNTRAINED" in printed.err
    labelled = read_cloud(out)
    assert len(labelled) == 3000 and set(np.unique(labelled.extra["label"])) <= {-1, 0, 1}
    parts = json.loads((tmp_path / "p.json").read_text())
    assert all(p["query"] in {"handle", "lid"} and len(p["centroid"]) == 3 for p in parts)
    for name in ("p.png", "h.png", "p.html"):
        assert (tmp_path / name).stat().st_size > 1000


def test_user_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["segment", str(tmp_path / "missing.pcd"), "-q", "handle"]) == 2
    assert "error" in capsys.readouterr().err
    unorganized = tmp_path / "object.ply"
    write_cloud(unorganized, PointCloud(np.random.default_rng(0).uniform(-0.1, 0.1, (100, 3))))
    assert main(["segment", str(unorganized), "-q", "handle", "--overlay", str(tmp_path / "o.png")]) == 2
    assert "--overlay needs an organized cloud" in capsys.readouterr().err
    assert not (tmp_path / "o.png").exists()
    assert main(["info", str(tmp_path / "missing.safetensors")]) == 2


def test_demo_writes_the_organized_scene_and_outputs(small_checkpoint, tmp_path):
    from find3d_core.demo import run_demo
    from find3d_core.inference.predictor import Find3DPredictor

    predictor = Find3DPredictor.from_checkpoint(small_checkpoint)
    assert run_demo(predictor, tmp_path, data=None) == 0
    scene = read_cloud(tmp_path / "tabletop.pcd")
    assert scene.shape == (480, 640) and 0 < scene.finite_mask().sum() < 480 * 640
    for suffix in (".parts.ply", ".png", ".html", ".parts.json", ".overlay.png"):
        assert (tmp_path / f"tabletop{suffix}").stat().st_size > 500
    assert len(read_cloud(tmp_path / "tabletop.parts.ply")) == scene.finite_mask().sum()
