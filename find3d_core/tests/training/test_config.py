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
        ("query_templates: clip", r"query_templates: .*unknown query_templates 'clip'; known: \['find3d'"),
        ("point_rivals: all", r"point_rivals: .*unknown point_rivals 'all'; known: \['unseen', 'object'\]"),
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


def test_base_recipe_is_read_first_and_own_options_win(tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "base.yaml").write_text("data: d\noutput: o\nlr: 3e-4\nbackbone: {mlp_ratio: 2.0, drop_path: 0.1}\n")
    config = TrainConfig.from_yaml(write(tmp_path, "base: common/base.yaml\noutput: o2\nbackbone: {drop_path: 0.0}\n"))
    assert config.data == "d" and config.lr == pytest.approx(3e-4)  # from the base
    assert config.output == "o2"  # this file's own
    assert config.backbone == {"drop_path": 0.0}  # a section replaces the base's whole, it is not merged


def test_bad_base_chains_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"base recipe .*missing\.yaml does not exist"):
        TrainConfig.from_yaml(write(tmp_path, "base: missing.yaml\n"))
    (tmp_path / "a.yaml").write_text("base: b.yaml\n")
    (tmp_path / "b.yaml").write_text("base: a.yaml\n")
    with pytest.raises(ValueError, match="`base` chain loops"):
        TrainConfig.from_yaml(tmp_path / "a.yaml")
    (tmp_path / "good.yaml").write_text("data: d\noutput: o\n")
    with pytest.raises(ValueError, match=r"run.yaml: invalid training config\n  lr: .*'fast'"):
        TrainConfig.from_yaml(write(tmp_path, "base: good.yaml\nlr: fast\n"))  # errors name the file that was read


def test_every_v2_recipe_shares_the_one_run_recipes_model():
    single = TrainConfig.from_yaml(REPO_CONFIGS / "v2-cpu-single.yaml")
    for path in sorted(REPO_CONFIGS.glob("v2-cpu*.yaml")):
        config = TrainConfig.from_yaml(path)
        assert config.backbone_config == single.backbone_config and config.text_encoder == single.text_encoder, path
        assert config.output != single.output or path.name == "v2-cpu-single.yaml", path  # no two write one run
