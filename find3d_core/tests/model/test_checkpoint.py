"""Checkpoints: round trip with metadata, bare Find3D state dicts, and clear refusals."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import save_file

from find3d_core.model.checkpoint import (
    CheckpointError,
    CheckpointInfo,
    checkpoint_info,
    load_checkpoint,
    save_checkpoint,
)
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import FIND3D_QUERY, VLM_QUERY_ENSEMBLE

SMALL = PT3Config(
    enc_depths=(1, 1), enc_channels=(8, 16), enc_num_head=(1, 2), enc_patch_size=(16, 16),
    dec_depths=(1,), dec_channels=(8,), dec_num_head=(1,), dec_patch_size=(16,), stride=(2,),
)


@pytest.fixture
def saved(tmp_path):
    model = Find3DModel(Find3DConfig(SMALL, text_dim=10))
    info = CheckpointInfo(config=model.config, text_encoder="minilm-test", preprocess={"grid_size": 0.02},
                          provenance={"command": "pytest"})
    path = tmp_path / "model.safetensors"
    save_checkpoint(path, model, info)
    return path, model


def test_round_trip_keeps_weights_and_metadata(saved):
    path, model = saved
    loaded, info = load_checkpoint(path)
    assert info.text_encoder == "minilm-test" and info.preprocess == {"grid_size": 0.02}
    assert info.config == model.config
    for key, value in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value)
    assert not loaded.training


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(CheckpointError, match="does not exist"):
        load_checkpoint(tmp_path / "nope.safetensors")


def test_truncated_file_is_refused(saved, tmp_path):
    path, _ = saved
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(CheckpointError, match="truncated or corrupt"):
        load_checkpoint(broken)


def test_pickles_are_never_loaded(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"not read")
    with pytest.raises(CheckpointError, match="pickle"):
        load_checkpoint(path)


def test_text_dimension_mismatch_is_refused(saved):
    path, _ = saved
    with pytest.raises(CheckpointError, match="10-d text space"):
        load_checkpoint(path, text_dim=384)


def test_wrong_shapes_are_listed(tmp_path):
    model = Find3DModel(Find3DConfig(SMALL, text_dim=10))
    tensors = dict(model.state_dict())
    tensors["fc1.weight"] = torch.zeros(3, 3)
    info = CheckpointInfo(config=model.config, text_encoder="x")
    path = tmp_path / "bad.safetensors"
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(path), metadata={"find3d": info.to_json()})
    with pytest.raises(CheckpointError, match="fc1.weight"):
        load_checkpoint(path)


def test_bare_find3d_state_dict_needs_a_named_encoder(tmp_path):
    path = tmp_path / "model.safetensors"
    save_file({"fc4.weight": torch.zeros(768, 64)}, str(path))
    with pytest.raises(CheckpointError, match="name its text encoder"):
        checkpoint_info(path)
    info = checkpoint_info(path, text_encoder="google/siglip-base-patch16-224")
    assert info.config.text_dim == 768 and info.config.backbone == PT3Config()


def test_half_precision_checkpoint_loads_into_float32(tmp_path):
    model = Find3DModel(Find3DConfig(SMALL, text_dim=10))
    path = tmp_path / "half.safetensors"
    save_checkpoint(path, model, CheckpointInfo(config=model.config, text_encoder="x"), dtype=torch.float16)
    loaded, _ = load_checkpoint(path)
    weight = loaded.state_dict()["fc1.weight"]
    assert weight.dtype == torch.float32
    torch.testing.assert_close(weight, model.state_dict()["fc1.weight"], atol=1e-3, rtol=1e-3)


def test_query_templates_travel_with_the_checkpoint(tmp_path):
    model = Find3DModel(Find3DConfig(SMALL, text_dim=10))
    path = tmp_path / "vlm.safetensors"
    save_checkpoint(path, model, CheckpointInfo(model.config, "minilm-test", query_templates=VLM_QUERY_ENSEMBLE))
    assert checkpoint_info(path).query_templates == VLM_QUERY_ENSEMBLE


def test_a_checkpoint_without_query_templates_is_queried_as_find3d(saved):
    path, _ = saved
    assert checkpoint_info(path).query_templates == FIND3D_QUERY


def test_unusable_query_templates_are_refused(tmp_path):
    model = Find3DModel(Find3DConfig(SMALL, text_dim=10))
    text = CheckpointInfo(model.config, "minilm-test").to_json().replace('["{part}"]', '["the handle"]')
    path = tmp_path / "bad.safetensors"
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, path, metadata={"find3d": text})
    with pytest.raises(CheckpointError, match="query templates"):
        checkpoint_info(path)
