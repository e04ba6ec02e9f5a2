"""Find3D's training augmentations, on one object's numpy arrays before preprocessing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial.transform import Rotation


@dataclass(frozen=True)
class AugmentConfig:
    """Defaults: Find3D's published augmentation."""

    rotate: tuple[float, float, float] = (np.pi, np.pi, np.pi)  # uniform in +-rotate[i] about axis i (x, y, z)
    scale: tuple[float, float] = (0.9, 1.1)
    flip: bool = True
    jitter_sigma: float = 0.005  # in units of the object's largest side
    jitter_clip: float = 0.02
    color_contrast: float = 0.2  # probability of auto-contrast
    color_shift: float = 0.05  # max absolute shift of each channel
    color_jitter: float = 0.005  # std of per-point colour noise


def rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """Rotation about x, then y, then z by `angles` (radians), about the fixed axes: Rz @ Ry @ Rx."""
    return Rotation.from_euler("xyz", angles).as_matrix()  # lower-case "xyz": extrinsic (fixed-axis) angles


def augment(
    xyz: np.ndarray, rgb: np.ndarray, normals: np.ndarray, config: AugmentConfig, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rotated, scaled, flipped, jittered points with consistently transformed normals and perturbed colours."""
    limits = np.asarray(config.rotate, dtype=np.float64)
    rot = rotation_matrix(rng.uniform(-limits, limits, 3))
    if config.flip and rng.random() < 0.5:
        rot = rot @ np.diag([-1.0, 1.0, 1.0])
    scale = rng.uniform(*config.scale)
    xyz = (xyz @ rot.T) * scale
    normals = normals @ np.linalg.inv(rot)  # normals transform by the inverse transpose
    normals /= np.linalg.norm(normals, axis=1, keepdims=True).clip(min=1e-12)
    # Find3D jitters objects normalised to a unit box; data-engine records keep metric size, so scale the jitter by
    # the object's largest side (in metres, 5 mm of noise would bury a knife's 2 mm blade).
    size = float(np.ptp(xyz, axis=0).max()) or 1.0
    noise = np.clip(rng.normal(0, config.jitter_sigma * size, xyz.shape), -config.jitter_clip * size, config.jitter_clip * size)
    return (xyz + noise).astype(np.float32), augment_color(rgb, config, rng), normals.astype(np.float32)


def augment_color(rgb: np.ndarray, config: AugmentConfig, rng: np.random.Generator) -> np.ndarray:
    rgb = rgb.astype(np.float64)
    if rng.random() < config.color_contrast:
        lo, hi = rgb.min(axis=0), rgb.max(axis=0)
        rgb = (rgb - lo) / np.maximum(hi - lo, 1e-6)
    rgb = rgb + rng.uniform(-config.color_shift, config.color_shift, 3)
    rgb = rgb + rng.normal(0, config.color_jitter, rgb.shape)
    return np.clip(rgb, 0.0, 1.0).astype(np.float32)
