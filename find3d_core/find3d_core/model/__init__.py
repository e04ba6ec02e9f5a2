"""The Find3D network: Point Transformer V3 backbone in pure PyTorch, the Find3D head, checkpoints."""

from find3d_core.model.checkpoint import CheckpointError, CheckpointInfo, load_checkpoint, save_checkpoint
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.model.structure import Structure, build_structure

__all__ = [
    "CheckpointError",
    "CheckpointInfo",
    "Find3DConfig",
    "Find3DModel",
    "PT3Config",
    "Structure",
    "build_structure",
    "load_checkpoint",
    "save_checkpoint",
]
