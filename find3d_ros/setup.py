"""ament_python build of find3d_ros (colcon build); also `pip install -e find3d_ros` for the ROS-free parts."""

from glob import glob

from setuptools import find_packages, setup

PACKAGE = "find3d_ros"

setup(
    name=PACKAGE,
    version="0.1.0",
    packages=find_packages(include=[PACKAGE, f"{PACKAGE}.*"]),
    data_files=[
        ("share/ament_index/resource_index/packages", [f"resource/{PACKAGE}"]),
        (f"share/{PACKAGE}", ["package.xml", "README.md"]),
        (f"share/{PACKAGE}/launch", glob("launch/*.launch.py")),
        (f"share/{PACKAGE}/config", glob("config/*.yaml")),
        (f"share/{PACKAGE}/rviz", glob("rviz/*.rviz")),
    ],
    install_requires=["setuptools"],
    tests_require=["pytest"],  # colcon test runs test/ with pytest
    zip_safe=True,
    maintainer="find3d maintainers",
    maintainer_email="find3d@example.com",
    description="ROS 2 node, conversions and offline rosbag2 processing for find3d part segmentation",
    license="MIT",
    entry_points={
        # `find3d bag` (find3d_core's CLI finds its subcommands in this group).
        "find3d.commands": ["bag = find3d_ros.bag"],
        "console_scripts": [
            "find3d_node = find3d_ros.node:main",
            "find3d_bag = find3d_ros.bag:main",
        ],
    },
)
