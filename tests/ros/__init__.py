"""Cross-package tests of find3d_msgs and find3d_ros (a package, so its conftest never shadows another)."""
