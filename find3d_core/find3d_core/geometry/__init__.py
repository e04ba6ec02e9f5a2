"""Point cloud I/O, cleaning, normals, Find3D preprocessing and upsampling."""

from find3d_core.geometry.cloud import CloudError, PointCloud

__all__ = ["CloudError", "PointCloud"]
