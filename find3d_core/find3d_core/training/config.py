"""Training configuration, read from YAML (`find3d train CONFIG`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from find3d_core.model.config import PT3Config
from find3d_core.training.augment import AugmentConfig


@dataclass
class TrainConfig:
    data: str  # data-engine shard folder
    output: str  # run folder: checkpoints, log.csv, plot
    val_data: str | None = None  # labelled clouds or shards evaluated every `eval_every` steps
    text_encoder: str = "minilm"
    backbone: dict = field(default_factory=dict)  # PT3Config fields; empty = Find3D's published configuration
    preprocess: dict = field(default_factory=dict)  # PreprocessConfig fields
    batch_size: int = 64  # objects per optimizer step, over all processes (Find3D: 64)
    grad_accum: int = 1  # micro-batches per step
    no_part_logit: bool = False  # the loss also ranks each mask's text above inference's zero "no part" logit
    lr: float = 3e-4
    lr_min: float = 5e-5
    steps: int = 1000
    augment: bool | dict = True  # True: Find3D's augmentation; False: none; a dict: AugmentConfig fields to change
    checkpoint_every: int = 100
    eval_every: int = 0  # 0: only at the end
    eval_max_objects: int = 200
    seed: int = 0
    device: str = "cpu"
    num_threads: int = 0  # 0: leave torch's default
    deterministic: bool = False  # bit-reproducible runs (one CPU thread, deterministic kernels): slower

    def __post_init__(self) -> None:
        if self.batch_size % self.grad_accum:
            raise ValueError("batch_size must be divisible by grad_accum")
        PT3Config.from_dict(self.backbone)  # fail early on a bad backbone
        self.augment_config  # and on a bad augmentation

    @property
    def augment_config(self) -> AugmentConfig | None:
        if self.augment is False:
            return None
        overrides = {} if self.augment is True else dict(self.augment)
        if "rotate" in overrides:  # YAML gives a list (or one angle for all three axes)
            rotate = overrides["rotate"]
            overrides["rotate"] = tuple(rotate) if isinstance(rotate, (list, tuple)) else (rotate,) * 3
        try:
            return AugmentConfig(**overrides)
        except TypeError as err:
            raise ValueError(f"augment: {err}; known: {[f.name for f in dataclasses.fields(AugmentConfig)]}") from err

    @property
    def backbone_config(self) -> PT3Config:
        return PT3Config.from_dict(self.backbone)

    @classmethod
    def from_yaml(cls, path: str | Path) -> "TrainConfig":
        values = yaml.safe_load(Path(path).read_text()) or {}
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{path}: unknown training options {sorted(unknown)}; known: {sorted(known)}")
        return cls(**values)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)
