"""The one atomic writer: all-or-nothing, and files get the usual permissions (0666 minus the umask), not 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch

from find3d_core.atomic import atomic_path, write_bytes_atomic
from find3d_core.engine.shards import Manifest, ObjectRecord, shard_name
from find3d_core.model.checkpoint import CheckpointInfo, save_checkpoint
from find3d_core.model.config import Find3DConfig
from find3d_core.model.find3d import Find3DModel
from helpers import SMALL


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "shared.bin", b"x")
        os.umask(0o077)
        write_bytes_atomic(tmp_path / "private.bin", b"y")
    finally:
        os.umask(old)
    assert mode(tmp_path / "shared.bin") == 0o644
    assert mode(tmp_path / "private.bin") == 0o600
    assert (tmp_path / "shared.bin").read_bytes() == b"x"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "model.safetensors"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk full"), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


def _small_model() -> tuple[Find3DModel, CheckpointInfo]:
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(SMALL, text_dim=384))
    return model, CheckpointInfo(config=model.config, text_encoder="sentence-transformers/all-MiniLM-L6-v2")


def test_checkpoint_is_not_private(tmp_path, umask_022):
    model, info = _small_model()
    save_checkpoint(tmp_path / "small.safetensors", model, info)
    assert mode(tmp_path / "small.safetensors") == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["small.safetensors"]


def test_onnx_export_is_not_private(tmp_path, umask_022):
    for module in ("onnx", "onnxscript"):
        pytest.importorskip(module, reason=f"{module} is not installed (the deploy extra)")
    from find3d_core.deploy.export import export_onnx

    model, _ = _small_model()
    export_onnx(model.eval(), tmp_path / "small.onnx")
    assert mode(tmp_path / "small.onnx") == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["small.onnx"]


def test_shards_and_manifest_are_not_private(tmp_path, umask_022):
    n = 50
    rng = np.random.default_rng(0)
    record = ObjectRecord(
        id="obj", xyz=rng.random((n, 3), dtype=np.float32), normals=np.tile(np.float32([0, 0, 1]), (n, 1)),
        rgb=np.zeros((n, 3), np.float32), face=np.zeros(n, np.int32), masks=[np.arange(10)], mask_text=["lid"],
        mask_view=[0], meta={"id": "obj"},
    )
    manifest = Manifest.open_or_create(tmp_path, {"name": "t", "dim": 2}, {}, shard_size=1)
    manifest.add_shard(0, ["job"], [record], [], {"lid": np.float32([1.0, 0.0])})
    assert mode(tmp_path / shard_name(0)) == 0o644
    assert mode(tmp_path / "manifest.json") == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", shard_name(0)]
