"""The training config: typed, validated YAML with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from find3d_core.training.config import TrainConfig
from helpers import REPO_ROOT

REPO_CONFIGS = REPO_ROOT / "training" / "configs"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "run.yaml"
    path.write_text(text)
    return path


def test_yaml_numbers_become_numbers(tmp_path):
    config = TrainConfig.from_yaml(write(tmp_path, "data: d\noutput: o\nlr: 3e-4\nlr_min: 1e-5\nsteps: 20\n"))
    assert isinstance(config.lr, float) and config.lr == pytest.approx(3e-4)
    assert config.lr_min == pytest.approx(1e-5) and config.steps == 20


@pytest.mark.parametrize(
    "line, message",
    [
        ("lr: fast", r"lr: .*valid number.*'fast'"),
        ("steps: 1.5", r"steps: .*valid integer.*1\.5"),
        ("batch_size: 0", r"batch_size: .*greater than or equal to 1"),
        ("learning_rate: 0.1", r"learning_rate: unknown option; known: data, output"),
        ("backbone: {enc_depth: [1]}", r"backbone: .*unknown option\(s\) \['enc_depth'\]"),
        ("preprocess: {points: 10}", r"preprocess: .*unknown option\(s\) \['points'\]"),
        ("augment: {rotation: 1.0}", r"augment: unknown option\(s\) \['rotation'\]"),
        ("grad_accum: 3", r"batch_size \(64\) must be divisible by grad_accum \(3\)"),
    ],
)
def test_bad_options_are_refused_by_name(tmp_path, line, message):
    with pytest.raises(ValueError, match=message) as err:
        TrainConfig.from_yaml(write(tmp_path, f"data: d\noutput: o\n{line}\n"))
    assert "run.yaml: invalid training config" in str(err.value)


def test_a_config_that_is_not_a_mapping(tmp_path):
    with pytest.raises(ValueError, match="mapping of options, got list"):
        TrainConfig.from_yaml(write(tmp_path, "- data\n- output\n"))


def test_the_shipped_recipe_reads(tmp_path):
    config = TrainConfig.from_yaml(REPO_CONFIGS / "default-cpu.yaml")
    assert config.lr == pytest.approx(1e-3) and config.backbone_config.enc_channels == (24, 48, 96, 128)
    assert config.augment_config is not None and config.augment_config.rotate == (0.2, 0.2, 3.1416)
    assert config.preprocess_config.num_points == 2000
    assert TrainConfig(**config.to_dict()) == config  # the dict stored in checkpoints reads back
