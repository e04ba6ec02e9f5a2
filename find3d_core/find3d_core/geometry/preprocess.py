"""Find3D's preprocessing: a finite cloud -> the model input (coord, grid_coord, feat).

Recipe of the authors' code, in order:
1. centre on the mean of the points and scale so the largest |coordinate| is `max_abs_coord`
   (0.75); the scale is taken over all points, before resampling;
2. remap axes (x, y, z) -> (-x, z, y): their data is z-up, the network was trained on this frame;
3. resample to `num_points` (5,000);
4. Pointcept's CenterShift(apply_z=True): centre x and y on the bounding box, lowest z at 0;
5. grid sample at `grid_size` (0.02): one random point per occupied voxel, grid_coord = voxel
   index minus its minimum;
6. CenterShift(apply_z=False): centre x and y of the kept points on their bounding box;
7. feat = [rgb / 0.5 - 1, normals]. Normals stay in the input frame: the authors remap the axes of
   the coordinates only, and the released model was trained that way.

Steps 4 and 6 are translations, so every output still satisfies
`coord = remap((points - center) * scale)` with `center` absorbing the shifts. Departures from the
authors' demo, on purpose: resampling draws without replacement and keeps all points of a smaller
cloud (the demo draws 5,000 with replacement, duplicating points that grid sampling then drops);
step 4 puts the lowest z at 0 as their training pipeline does (their demo shifts z by half of it,
which only moves voxel boundaries by a fraction of a voxel); everything is seeded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from find3d_core.geometry.clean import check_segmentable
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.normals import estimate_normals
from find3d_core.geometry.up import MODEL_AXIS_ORDER, axis_matrix


@dataclass
class PreprocessConfig:
    """Find3D's published values as defaults."""

    num_points: int = 5000
    grid_size: float = 0.02
    max_abs_coord: float = 0.75
    axis_order: str = MODEL_AXIS_ORDER  # output axis i = signed input axis; "x,y,z" keeps the frame
    default_rgb: tuple[float, float, float] = (0.5, 0.5, 0.5)  # colourless clouds: feature 0
    seed: int = 0
    center_shift: bool = True  # steps 4 and 6 of the recipe
    normal_k: int = 30  # neighbours for normals when the cloud has none
    viewpoint: tuple[float, float, float] | None = None  # normals face it; None: away from centroid

    def __post_init__(self) -> None:
        if self.num_points < 1 or not self.grid_size > 0 or not self.max_abs_coord > 0:
            raise ValueError(
                f"need num_points >= 1, grid_size > 0 and max_abs_coord > 0; got {self.num_points}, "
                f"{self.grid_size}, {self.max_abs_coord}"
            )
        axis_matrix(self.axis_order)  # fail at construction, not mid-pipeline


@dataclass
class ModelInput:
    """What the network eats, plus what is needed to map its answers back to the input cloud."""

    coord: np.ndarray  # (M, 3) float32, normalised coordinates of the kept points
    grid_coord: np.ndarray  # (M, 3) int64, voxel coordinates, each axis starting at 0
    feat: np.ndarray  # (M, 6) float32: rgb * 2 - 1, then normals
    points: np.ndarray  # (M, 3) float32, the kept points in the input frame
    center: np.ndarray  # (3,) float64 } coord = remap((points - center) * scale)
    scale: float  # }
    index: np.ndarray  # (M,) int64, the kept points' rows in the input cloud


def normalise(xyz: np.ndarray, config: PreprocessConfig) -> tuple[np.ndarray, np.ndarray, float]:
    """Steps 1-2 on every point: (coords float64, center, scale), max |coord| == config.max_abs_coord."""
    center, scale = _center_scale(xyz, config.max_abs_coord)
    return _remap(xyz, center, scale, config.axis_order), center, scale


def _center_scale(xyz: np.ndarray, max_abs_coord: float) -> tuple[np.ndarray, float]:
    """Mean and the factor that brings the farthest coordinate to `max_abs_coord`.

    From reductions only (no (N, 3) temporaries): this runs on every point of a large scan.
    """
    center = np.asarray(xyz).mean(axis=0, dtype=np.float64)
    radius = float(max((xyz.max(axis=0) - center).max(), (center - xyz.min(axis=0)).max()))
    if not radius > 0.0:
        raise CloudError("all points coincide: the cloud has no extent to normalise")
    return center, max_abs_coord / radius


def _remap(xyz: np.ndarray, center: np.ndarray, scale: float, axis_order: str) -> np.ndarray:
    return ((np.asarray(xyz, dtype=np.float64) - center) * scale) @ axis_matrix(axis_order).T


def preprocess(cloud: PointCloud, config: PreprocessConfig | None = None) -> ModelInput:
    """Turn a finite cloud into Find3D's model input (see the module docstring for the recipe)."""
    config = config or PreprocessConfig()
    check_segmentable(cloud)
    if not cloud.finite_mask().all():
        raise CloudError("cloud has NaN/inf points; call finite_points first and keep its index")
    rng = np.random.default_rng(config.seed)
    center, scale = _center_scale(cloud.xyz, config.max_abs_coord)  # over all points, as Find3D

    n = len(cloud)
    if n > config.num_points:
        sample = np.sort(rng.choice(n, size=config.num_points, replace=False))
    else:
        sample = np.arange(n)
    coords = _remap(cloud.xyz[sample], center, scale, config.axis_order)
    shift = _center_shift(coords, apply_z=True) if config.center_shift else np.zeros(3)
    coords = coords - shift

    pick, grid_coord = grid_sample(coords, config.grid_size, rng)
    coords = coords[pick]
    if config.center_shift:
        second = _center_shift(coords, apply_z=False)
        coords, shift = coords - second, shift + second
    index = sample[pick].astype(np.int64)

    p = axis_matrix(config.axis_order)
    return ModelInput(
        coord=coords.astype(np.float32),
        grid_coord=grid_coord,
        feat=np.concatenate([_rgb(cloud, index, config) * 2.0 - 1.0, _normals(cloud, index, config)], axis=1),
        points=cloud.xyz[index],
        center=center + (p.T @ shift) / scale,  # P is orthogonal: undo the remap of the shift
        scale=scale,
        index=index,
    )


def grid_sample(
    coords: np.ndarray, grid_size: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """One random point per occupied voxel: (chosen rows sorted by voxel, their min-shifted voxel coords)."""
    if not grid_size > 0:
        raise ValueError(f"grid_size must be > 0; got {grid_size}")
    cells = np.floor(coords / grid_size).astype(np.int64)
    cells -= cells.min(axis=0)
    dims = cells.max(axis=0) + 1
    key = (cells[:, 0] * dims[1] + cells[:, 1]) * dims[2] + cells[:, 2]
    # Shuffle first so np.unique's "first occurrence" is a random member of each voxel.
    order = rng.permutation(len(coords))
    _, first = np.unique(key[order], return_index=True)
    pick = order[first]
    return pick, cells[pick]


def _center_shift(coords: np.ndarray, apply_z: bool) -> np.ndarray:
    """Pointcept's CenterShift: x, y to the bounding-box centre; z min to 0 when apply_z."""
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    return np.array([(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, lo[2] if apply_z else 0.0])


def _rgb(cloud: PointCloud, index: np.ndarray, config: PreprocessConfig) -> np.ndarray:
    if cloud.rgb is None:
        return np.broadcast_to(np.asarray(config.default_rgb, np.float32), (len(index), 3))
    return np.clip(cloud.rgb[index], 0.0, 1.0)


def _normals(cloud: PointCloud, index: np.ndarray, config: PreprocessConfig) -> np.ndarray:
    """The cloud's normals at the kept points; estimated from all points where missing."""
    if cloud.normals is None:
        return estimate_normals(cloud.xyz, config.normal_k, config.viewpoint, at=cloud.xyz[index])
    normals = cloud.normals[index].copy()
    bad = ~np.isfinite(normals).all(axis=1)
    if bad.any():
        at = cloud.xyz[index[bad]]
        normals[bad] = estimate_normals(cloud.xyz, config.normal_k, config.viewpoint, at=at)
    return normals
