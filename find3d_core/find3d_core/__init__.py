"""find3d_core: open-vocabulary 3D part localization (Find3D), plain Python, no ROS."""

__version__ = "0.1.0"
