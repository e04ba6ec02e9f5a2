"""Point cloud I/O, cleaning, normals, Find3D preprocessing and upsampling."""

from find3d_core.geometry.clean import check_segmentable, crop_box, finite_points, reduce_points
from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.io import read_cloud, write_cloud
from find3d_core.geometry.normals import estimate_normals
from find3d_core.geometry.preprocess import ModelInput, PreprocessConfig, normalise, preprocess
from find3d_core.geometry.upsample import nearest_upsample

__all__ = [
    "CloudError",
    "ModelInput",
    "PointCloud",
    "PreprocessConfig",
    "check_segmentable",
    "crop_box",
    "estimate_normals",
    "finite_points",
    "nearest_upsample",
    "normalise",
    "preprocess",
    "read_cloud",
    "reduce_points",
    "write_cloud",
]
