"""Training configuration, read from YAML (`find3d train CONFIG`) and validated as typed data (pydantic).

Every option has a type and a range; an unknown key, a wrong type or an out-of-range value is refused when the file
is read, with the option's name and the value found, not minutes into a run. Numbers written the YAML 1.1 way that
PyYAML leaves as strings (`lr: 3e-4`) are read as the numbers they spell.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from find3d_core.geometry.preprocess import PreprocessConfig
from find3d_core.model.config import PT3Config
from find3d_core.text.queries import QUERY_TEMPLATES, QueryTemplates
from find3d_core.training.augment import AugmentConfig
from find3d_core.training.batching import POINT_RIVALS


class TrainConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    data: str | list[str]  # data-engine shard folder, or several mixed into one stream
    output: str  # run folder: checkpoints, log.csv, plot
    init: str | None = None  # a checkpoint whose weights start the run (fine-tuning); a resumed run ignores it
    val_data: str | None = None  # labelled clouds or shards evaluated every `eval_every` steps
    text_encoder: str = "minilm"
    query_templates: str = "find3d"  # how the checkpoint embeds a bare part name (text.QUERY_TEMPLATES)
    backbone: dict[str, Any] = Field(default_factory=dict)  # PT3Config fields; empty = Find3D's published one
    preprocess: dict[str, Any] = Field(default_factory=dict)  # PreprocessConfig fields
    batch_size: int = Field(64, ge=1)  # objects per optimizer step, over all processes (Find3D: 64)
    grad_accum: int = Field(1, ge=1)  # micro-batches per step
    no_part_logit: bool = False  # the loss also ranks each mask's text above inference's zero "no part" logit
    unseen_part_negatives: bool = False  # each mask's text must also beat its object's parts out of view (captures)
    unseen_point_weight: float = Field(0.0, ge=0)  # weight of the same ranking asked of every point (0: off)
    point_rivals: str = "unseen"  # what that point term ranks against: "unseen" or "object" (batching.rival_parts)
    absent_point_weight: float = Field(0.0, ge=0)  # each point's text above the zero "no part" logit, rivals under
    generic_object_share: float = Field(0.0, ge=0, le=1)  # mask texts whose object name becomes "item" (0: off)
    distractors: int = Field(0, ge=0)  # words of `distractor_words` drawn each step as negatives of every mask (0: off)
    distractor_words: str | None = None  # word list, one a line (training/distractor_words.py)
    distractor_max_similarity: float = Field(0.5, ge=-1, le=1)  # words closer than this to a mask's text are skipped
    lr: float = Field(3e-4, gt=0)
    lr_min: float = Field(5e-5, ge=0)
    steps: int = Field(1000, ge=1)
    augment: bool | dict[str, Any] = True  # True: Find3D's augmentation; False: none; a dict: fields to change
    checkpoint_every: int = Field(100, ge=1)
    eval_every: int = Field(0, ge=0)  # 0: only at the end
    eval_max_objects: int = Field(200, ge=1)
    seed: int = 0
    device: str = "cpu"
    num_threads: int = Field(0, ge=0)  # 0: leave torch's default
    deterministic: bool = False  # bit-reproducible runs (one CPU thread, deterministic kernels): slower

    @field_validator("backbone")
    @classmethod
    def _known_backbone(cls, value: dict[str, Any]) -> dict[str, Any]:
        _check_keys("backbone", value, PT3Config)
        PT3Config.from_dict(value)  # its own checks (matching stage counts, ...)
        return value

    @field_validator("query_templates", "point_rivals")
    @classmethod
    def _known_choice(cls, value: str, info: ValidationInfo) -> str:
        known = {"query_templates": sorted(QUERY_TEMPLATES), "point_rivals": list(POINT_RIVALS)}[str(info.field_name)]
        if value not in known:
            raise ValueError(f"unknown {info.field_name} {value!r}; known: {known}")
        return value

    @field_validator("preprocess")
    @classmethod
    def _known_preprocess(cls, value: dict[str, Any]) -> dict[str, Any]:
        _check_keys("preprocess", value, PreprocessConfig)
        PreprocessConfig(**value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> TrainConfig:
        if self.batch_size % self.grad_accum:
            raise ValueError(f"batch_size ({self.batch_size}) must be divisible by grad_accum ({self.grad_accum})")
        if self.lr_min > self.lr:
            raise ValueError(f"lr_min ({self.lr_min}) must not exceed lr ({self.lr})")
        if self.distractors and not self.distractor_words:
            raise ValueError(f"distractors: {self.distractors} needs distractor_words, the list to draw them from")
        _ = self.augment_config  # fail on a bad augmentation now, not at the first step
        return self

    @property
    def augment_config(self) -> AugmentConfig | None:
        if self.augment is False:
            return None
        overrides = {} if self.augment is True else dict(self.augment)
        _check_keys("augment", overrides, AugmentConfig)
        if "rotate" in overrides:  # YAML gives a list (or one angle for all three axes)
            rotate = overrides["rotate"]
            overrides["rotate"] = tuple(rotate) if isinstance(rotate, (list, tuple)) else (rotate,) * 3
        return AugmentConfig(**overrides)

    @property
    def backbone_config(self) -> PT3Config:
        return PT3Config.from_dict(self.backbone)

    @property
    def query_templates_config(self) -> QueryTemplates:
        return QUERY_TEMPLATES[self.query_templates]

    @property
    def preprocess_config(self) -> PreprocessConfig:
        return PreprocessConfig(**self.preprocess)

    @classmethod
    def from_yaml(cls, path: str | Path) -> TrainConfig:
        """Read and validate a YAML recipe; ValueError naming every bad option (and the file) otherwise.

        `base: other.yaml` (a path relative to this file) starts from another recipe: this file's options replace the
        base's whole (a `backbone` given here replaces the base's `backbone`, it is not merged into it).
        """
        values = _read_recipe(Path(path), seen=())
        try:
            return cls(**values)
        except ValidationError as err:
            raise ValueError(f"{path}: invalid training config\n{describe(err)}") from None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()


def _read_recipe(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """A recipe's options with its `base` chain resolved (the file's own options win)."""
    if path.resolve() in seen:
        raise ValueError(f"{path}: `base` chain loops: {' -> '.join(str(p) for p in (*seen, path.resolve()))}")
    values = yaml.safe_load(path.read_text()) or {}
    if not isinstance(values, dict):
        raise ValueError(f"{path}: a training config is a mapping of options, got {type(values).__name__}")
    base = values.pop("base", None)
    if base is None:
        return values
    if not isinstance(base, str):
        raise ValueError(f"{path}: base must be the path of another recipe, got {base!r}")
    base_path = path.parent / base
    if not base_path.is_file():
        raise ValueError(f"{path}: base recipe {base_path} does not exist")
    return {**_read_recipe(base_path, (*seen, path.resolve())), **values}


def describe(err: ValidationError) -> str:
    """One line per problem: option, what is wrong, the value found (and the known options for unknown keys)."""
    known = ", ".join(TrainConfig.model_fields)
    lines = []
    for problem in err.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "config"
        if problem["type"] == "extra_forbidden":
            lines.append(f"  {where}: unknown option; known: {known}")
        else:
            lines.append(f"  {where}: {problem['msg']} (got {problem['input']!r})")
    return "\n".join(lines)


def _check_keys(section: str, values: dict[str, Any], config: type) -> None:
    names = [f.name for f in dataclasses.fields(config)]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValueError(f"{section}: unknown option(s) {unknown}; known: {names}")
