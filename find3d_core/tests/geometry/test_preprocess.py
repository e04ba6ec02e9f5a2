"""Cleaning, normals, Find3D preprocessing and 1-NN upsampling."""

from __future__ import annotations

import numpy as np
import pytest

from find3d_core.geometry import (
    CloudError,
    PointCloud,
    PreprocessConfig,
    check_segmentable,
    crop_box,
    estimate_normals,
    finite_points,
    nearest_upsample,
    normalise,
    preprocess,
    read_cloud,
    reduce_points,
)
from find3d_core.geometry.up import axis_matrix
from helpers import DATA


def sphere(
    n: int, seed: int = 0, radius: float = 2.0, center=(1.0, -3.0, 5.0), rgb: bool = True
) -> PointCloud:
    rng = np.random.default_rng(seed)
    d = rng.normal(size=(n, 3))
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    return PointCloud(
        xyz=np.asarray(center) + radius * d,
        rgb=rng.uniform(0, 1, size=(n, 3)) if rgb else None,
    )


# --------------------------------------------------------------------------- clean


def test_finite_points_indices_scatter_back_to_organized_cloud() -> None:
    cloud = sphere(6 * 8)
    cloud.shape = (6, 8)
    cloud.extra["label"] = np.arange(48)
    bad = [0, 7, 20, 47]
    cloud.xyz[bad[:2]] = np.nan
    cloud.xyz[bad[2], 1] = np.inf
    cloud.xyz[bad[3], 2] = np.nan
    kept, index = finite_points(cloud)
    assert index.dtype == np.int64
    np.testing.assert_array_equal(index, np.setdiff1d(np.arange(48), bad))
    np.testing.assert_array_equal(kept.xyz, cloud.xyz[index])
    np.testing.assert_array_equal(kept.rgb, cloud.rgb[index])
    np.testing.assert_array_equal(kept.extra["label"], index)
    assert kept.shape is None
    image = np.full(48, -1)
    image[index] = np.arange(len(index))  # per-point results back onto the h*w grid
    assert (image.reshape(6, 8) >= 0).sum() == 44 and image[20] == -1


def test_crop_box_inclusive_and_skips_nan() -> None:
    xyz = np.array([[0, 0, 0], [1, 1, 1], [1.5, 0, 0], [np.nan, 0, 0], [-1, -1, -1]], np.float32)
    kept, index = crop_box(PointCloud(xyz=xyz), (-1, -1, -1), (1, 1, 1))
    np.testing.assert_array_equal(index, [0, 1, 4])
    np.testing.assert_array_equal(kept.xyz, xyz[[0, 1, 4]])
    with pytest.raises(ValueError, match="exceeds"):
        crop_box(PointCloud(xyz=xyz), (0, 0, 1), (1, 1, 0))


def test_check_segmentable_messages() -> None:
    with pytest.raises(CloudError, match="cloud is empty"):
        check_segmentable(PointCloud(xyz=np.zeros((0, 3))))
    with pytest.raises(CloudError, match="no finite points"):
        check_segmentable(PointCloud(xyz=np.full((10, 3), np.nan)))
    few = sphere(20)
    few.xyz[:5] = np.nan
    with pytest.raises(CloudError, match=r"15 finite points, at least 32"):
        check_segmentable(few)
    assert check_segmentable(few, min_points=15) == 15


def test_reduce_points_400k_deterministic_and_covering() -> None:
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(390_000, 3)) * 0.05  # a blob close to the sensor
    plane = rng.uniform(-2, 2, size=(10_000, 3))
    plane[:, 2] = 0  # a wide, sparse surface
    cloud = PointCloud(xyz=np.concatenate([dense, plane]))
    kept, index = reduce_points(cloud, 20_000, seed=1)
    assert len(index) == 20_000 and len(np.unique(index)) == 20_000
    assert np.all(np.diff(index) > 0)
    np.testing.assert_array_equal(kept.xyz, cloud.xyz[index])
    # Random thinning would keep ~500 plane points (2.5%); coverage keeps far more.
    assert (index >= 390_000).sum() > 5_000
    np.testing.assert_array_equal(reduce_points(cloud, 20_000, seed=1)[1], index)
    assert not np.array_equal(reduce_points(cloud, 20_000, seed=2)[1], index)
    small, idx = reduce_points(sphere(100), 500)
    np.testing.assert_array_equal(idx, np.arange(100))


# --------------------------------------------------------------------------- normals


def test_normals_of_a_plane_face_the_viewpoint() -> None:
    rng = np.random.default_rng(0)
    xyz = np.c_[rng.uniform(-1, 1, (2000, 2)), np.zeros(2000)]
    up = estimate_normals(xyz, k=20, viewpoint=(0, 0, 5))
    assert up.dtype == np.float32 and up.shape == (2000, 3)
    np.testing.assert_allclose(up, np.tile([0, 0, 1], (2000, 1)), atol=1e-4)
    down = estimate_normals(xyz, k=20, viewpoint=(0, 0, -5), at=xyz[:10])
    np.testing.assert_allclose(down, np.tile([0, 0, -1], (10, 1)), atol=1e-4)


def test_normals_of_a_sphere_point_outward() -> None:
    cloud = sphere(4000)
    radial = (cloud.xyz - np.array([1.0, -3.0, 5.0])) / 2.0
    for normals in (estimate_normals(cloud.xyz), estimate_normals(cloud.xyz, at=cloud.xyz[:300])):
        cos = np.einsum("ij,ij->i", normals, radial[: len(normals)])
        np.testing.assert_allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-5)
        assert np.median(cos) > 0.99 and cos.min() > 0.9


def test_normals_reject_nan() -> None:
    with pytest.raises(CloudError, match="finite_points"):
        estimate_normals(np.array([[0, 0, 0], [1, 0, 0], [np.nan, 0, 0], [0, 1, 0]]))


# --------------------------------------------------------------------------- preprocess


def test_normalise_max_abs_and_axis_order() -> None:
    cloud = sphere(3000, center=(10.0, 20.0, -30.0))
    coords, center, scale = normalise(cloud.xyz, PreprocessConfig())
    assert abs(np.abs(coords).max() - 0.75) < 1e-6
    np.testing.assert_allclose(center, cloud.xyz.astype(np.float64).mean(axis=0))
    raw = (cloud.xyz - center) * scale
    np.testing.assert_allclose(coords, np.c_[-raw[:, 0], raw[:, 2], raw[:, 1]], atol=1e-6)
    same, _, _ = normalise(cloud.xyz, PreprocessConfig(axis_order="x,y,z"))
    np.testing.assert_allclose(same, raw, atol=1e-6)
    assert (axis_matrix("+y, -z, x") @ [1, 2, 3]).tolist() == [2, -3, 1]
    with pytest.raises(ValueError, match="axis_order"):
        axis_matrix("x,x,z")
    with pytest.raises(ValueError, match="axis_order"):
        PreprocessConfig(axis_order="x,y")
    with pytest.raises(ValueError, match="grid_size > 0"):
        PreprocessConfig(grid_size=0.0)


@pytest.mark.parametrize("center_shift", [True, False])
def test_preprocess_invariants(center_shift: bool) -> None:
    cloud = sphere(20_000)
    cfg = PreprocessConfig(center_shift=center_shift)
    m = preprocess(cloud, cfg)
    count = len(m.coord)
    assert 0 < count <= cfg.num_points
    assert m.coord.shape == (count, 3) and m.coord.dtype == np.float32
    assert m.grid_coord.shape == (count, 3) and m.grid_coord.dtype == np.int64
    assert m.feat.shape == (count, 6) and m.feat.dtype == np.float32
    assert m.index.dtype == np.int64 and len(np.unique(m.index)) == count
    np.testing.assert_array_equal(m.grid_coord.min(axis=0), [0, 0, 0])
    assert len(np.unique(m.grid_coord, axis=0)) == count  # one point per voxel
    assert m.feat.min() >= -1 and m.feat.max() <= 1
    np.testing.assert_array_equal(m.points, cloud.xyz[m.index])
    np.testing.assert_allclose(m.feat[:, :3], cloud.rgb[m.index] / 0.5 - 1, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(m.feat[:, 3:], axis=1), 1.0, atol=1e-5)
    remapped = ((m.points - m.center) * m.scale) @ axis_matrix(cfg.axis_order).T
    np.testing.assert_allclose(m.coord, remapped, atol=1e-5)
    if center_shift:  # Pointcept CenterShift: x, y centred on the box of the kept points
        mid = (m.coord.min(axis=0) + m.coord.max(axis=0)) / 2
        np.testing.assert_allclose(mid[:2], 0, atol=1e-6)
    else:  # the voxels are the coordinates' own, and everything fits the 0.75 box
        cells = np.floor(m.coord / cfg.grid_size).astype(np.int64)
        np.testing.assert_array_equal(m.grid_coord, cells - cells.min(axis=0))
        assert np.abs(m.coord).max() <= 0.75 + 1e-6


def test_preprocess_deterministic_for_seed() -> None:
    cloud = sphere(20_000)
    a, b = preprocess(cloud), preprocess(cloud)
    np.testing.assert_array_equal(a.index, b.index)
    np.testing.assert_array_equal(a.feat, b.feat)
    c = preprocess(cloud, PreprocessConfig(seed=5))
    assert not np.array_equal(a.index, c.index)


def test_preprocess_small_cloud_keeps_points_without_duplicates() -> None:
    cloud = sphere(800, radius=1.0)  # sparse: most points get their own 0.02 voxel
    m = preprocess(cloud)
    assert len(np.unique(m.index)) == len(m.index)
    assert len(m.index) > 700
    coarse = preprocess(cloud, PreprocessConfig(grid_size=10.0))  # |coord| < 1.5: at most 2 cells an axis
    assert coarse.grid_coord.max() <= 1 and 1 <= len(coarse.index) <= 8
    assert len(np.unique(coarse.grid_coord, axis=0)) == len(coarse.index)


def test_preprocess_colourless_uses_mid_grey_and_given_normals() -> None:
    cloud = sphere(3000, rgb=False)
    cloud.normals = np.tile([0.0, 1.0, 0.0], (3000, 1))
    cloud.normals[5] = np.nan  # a sensor's failed normal: estimated instead
    m = preprocess(cloud, PreprocessConfig(num_points=10_000))
    np.testing.assert_array_equal(m.feat[:, :3], 0.0)
    ok = m.index != 5
    np.testing.assert_array_equal(m.feat[ok, 3:], np.tile([0, 1, 0], (ok.sum(), 1)))
    assert np.isfinite(m.feat).all()
    grey = preprocess(cloud, PreprocessConfig(default_rgb=(1.0, 0.0, 0.25)))
    np.testing.assert_allclose(grey.feat[0, :3], [1.0, -1.0, -0.5])


def test_preprocess_rejects_bad_input() -> None:
    cloud = sphere(100)
    cloud.xyz[3] = np.nan
    with pytest.raises(CloudError, match="finite_points"):
        preprocess(cloud)
    with pytest.raises(CloudError, match="no finite points"):
        preprocess(PointCloud(xyz=np.full((50, 3), np.nan)))
    with pytest.raises(CloudError, match="coincide"):
        preprocess(PointCloud(xyz=np.ones((50, 3))))


def test_preprocess_find3d_demo_cloud() -> None:
    path = DATA / "find3d_demo" / "mickey.pcd"
    if not path.exists():
        pytest.skip(f"{path} not present (shared sample data)")
    cloud = read_cloud(path)
    m = preprocess(cloud)
    # Find3D's 5,000-point demo cloud grid-samples to about 3,000 points at 0.02.
    assert 2_000 < len(m.coord) < 4_500
    np.testing.assert_allclose(m.feat[:, 3:], cloud.normals[m.index])


def test_preprocess_real_scan_after_finite_points() -> None:
    path = DATA / "real_scans" / "milk_cartoon_all_small_clorox.pcd"
    if not path.exists():
        pytest.skip(f"{path} not present (shared sample data)")
    scan = read_cloud(path)
    cloud, index = finite_points(scan)
    m = preprocess(cloud, PreprocessConfig(viewpoint=(0.0, 0.0, 0.0)))  # camera frame
    assert len(m.coord) > 100 and np.isfinite(m.feat).all()
    toward_camera = np.einsum("ij,ij->i", m.feat[:, 3:], -m.points)
    assert (toward_camera >= 0).all()
    assert np.isfinite(scan.xyz[index[m.index]]).all()


# --------------------------------------------------------------------------- upsample


def test_nearest_upsample_exact_by_construction() -> None:
    rng = np.random.default_rng(0)
    grid = np.stack(np.meshgrid(*[np.arange(10.0)] * 3, indexing="ij"), axis=-1).reshape(-1, 3)
    source = grid[rng.permutation(len(grid))]  # spacing 1
    owner = rng.integers(0, len(source), size=20_000)
    target = source[owner] + rng.uniform(-0.45, 0.45, size=(20_000, 3))  # closer to its own point
    index = nearest_upsample(source, target)
    assert index.dtype == np.int64 and index.shape == (20_000,)
    np.testing.assert_array_equal(index, owner)
    labels = rng.integers(0, 5, size=len(source))
    np.testing.assert_array_equal(labels[index], labels[owner])


def test_nearest_upsample_errors() -> None:
    with pytest.raises(CloudError, match="at least one source"):
        nearest_upsample(np.zeros((0, 3)), np.zeros((2, 3)))
    with pytest.raises(CloudError, match="NaN"):
        nearest_upsample(np.zeros((2, 3)), np.full((2, 3), np.nan))
    assert nearest_upsample(np.zeros((2, 3)), np.zeros((0, 3))).shape == (0,)


def test_preprocess_then_upsample_covers_every_point() -> None:
    cloud = sphere(30_000)
    m = preprocess(cloud)
    index = nearest_upsample(m.points, cloud.xyz)
    np.testing.assert_array_equal(index[m.index], np.arange(len(m.index)))  # kept points map to themselves
    assert len(np.unique(index)) == len(m.index)
