"""Model configuration: Point Transformer V3 backbone plus the Find3D head.

Field names follow the reference implementation's keyword arguments, so a reference config dict
(e.g. the `config` metadata of a parity vector) loads with `PT3Config.from_dict`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

ORDERS = ("z", "z-trans", "hilbert", "hilbert-trans")


@dataclass(frozen=True)
class PT3Config:
    """Point Transformer V3 hyper-parameters (defaults: Find3D's published configuration)."""

    in_channels: int = 6
    order: tuple[str, ...] = ORDERS
    stride: tuple[int, ...] = (2, 2, 2, 2)
    enc_depths: tuple[int, ...] = (2, 2, 2, 6, 2)
    enc_channels: tuple[int, ...] = (32, 64, 128, 256, 512)
    enc_num_head: tuple[int, ...] = (2, 4, 8, 16, 32)
    enc_patch_size: tuple[int, ...] = (1024, 1024, 1024, 1024, 1024)
    dec_depths: tuple[int, ...] = (2, 2, 2, 2)
    dec_channels: tuple[int, ...] = (64, 64, 128, 256)
    dec_num_head: tuple[int, ...] = (4, 4, 8, 16)
    dec_patch_size: tuple[int, ...] = (1024, 1024, 1024, 1024)
    mlp_ratio: float = 4.0
    drop_path: float = 0.3
    shuffle_orders: bool = False  # training-time augmentation only; inference is deterministic

    def __post_init__(self) -> None:
        n = len(self.enc_depths)
        for name in ("enc_channels", "enc_num_head", "enc_patch_size"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} must have {n} entries like enc_depths")
        for name in ("dec_depths", "dec_channels", "dec_num_head", "dec_patch_size", "stride"):
            if len(getattr(self, name)) != n - 1:
                raise ValueError(f"{name} must have {n - 1} entries (one per pooling)")
        unknown = set(self.order) - set(ORDERS)
        if unknown:
            raise ValueError(f"unknown serialization order(s) {sorted(unknown)}; known: {ORDERS}")
        if any(s != 2 for s in self.stride):
            raise ValueError("only stride 2 pooling is supported (Find3D's configuration)")

    @property
    def num_stages(self) -> int:
        return len(self.enc_depths)

    @property
    def out_channels(self) -> int:
        return self.dec_channels[0]

    @classmethod
    def from_dict(cls, values: dict) -> PT3Config:
        """Build from a reference-style dict; keys that do not shape the network are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items() if k in names}
        return cls(**kwargs)

    def to_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}


@dataclass(frozen=True)
class Find3DConfig:
    """The whole network: PT3 backbone and the 4-layer head that maps point features into text space."""

    backbone: PT3Config = field(default_factory=PT3Config)
    text_dim: int = 768  # SigLIP base; the offline MiniLM encoder is 384

    @property
    def head_dim(self) -> int:
        return self.backbone.out_channels

    def to_dict(self) -> dict:
        return {"backbone": self.backbone.to_dict(), "text_dim": self.text_dim}

    @classmethod
    def from_dict(cls, values: dict) -> Find3DConfig:
        return cls(backbone=PT3Config.from_dict(values.get("backbone", {})), text_dim=int(values["text_dim"]))
