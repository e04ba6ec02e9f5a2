"""find3d_ros as a colcon package: package.xml, setup.py/cfg, launch file, config, RViz layout, README."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from find3d_ros.logic import Settings, default_value, parameter_specs

from .ros_test_helpers import REPO

PKG = REPO / "find3d_ros"
# Python module -> the ROS package (rosdep key) that provides it.
ROS_MODULES = {"rclpy": "rclpy", "tf2_ros": "tf2_ros_py", "rcl_interfaces": "rcl_interfaces", "launch": "launch",
               "launch_ros": "launch_ros", "ament_index_python": "ament_index_python"}  # fmt: skip


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_package_xml_declares_every_dependency():
    root = ET.parse(PKG / "package.xml").getroot()
    assert root.get("format") == "3" and root.findtext("name") == "find3d_ros"
    assert root.find("export/build_type").text == "ament_python"
    assert [e.text for e in root.iter("buildtool_depend")] == ["ament_python"]
    deps = {e.text for e in root if e.tag in ("depend", "exec_depend")}
    sources = [*PKG.glob("find3d_ros/*.py"), PKG / "launch" / "find3d.launch.py"]
    needed = set()
    for path in sources:
        modules = imported_modules(path)
        needed |= {ROS_MODULES[m] for m in modules if m in ROS_MODULES}
        needed |= {m for m in modules if m.endswith("_msgs")}
        # Message types reached through a MessageFactory by name, e.g. "visualization_msgs/msg/Marker".
        needed |= set(re.findall(r'"(\w+)/(?:msg|srv)/\w+"', path.read_text()))
    assert {"numpy", "scipy"} <= set().union(*(imported_modules(p) for p in sources))
    needed |= {"python3-numpy", "python3-scipy", "rviz2"}
    assert needed <= deps, f"package.xml misses {sorted(needed - deps)}"


def test_setup_installs_launch_config_rviz_and_executables():
    assert (PKG / "resource" / "find3d_ros").is_file()
    setup = (PKG / "setup.py").read_text()
    for folder, pattern in (("launch", "*.launch.py"), ("config", "*.yaml"), ("rviz", "*.rviz")):
        assert f'glob("{folder}/{pattern}")' in setup and list((PKG / folder).glob(pattern)), folder
    scripts = dict(re.findall(r'"(\w+) = ([\w.]+:\w+)"', setup))
    assert scripts == {"find3d_node": "find3d_ros.node:main", "find3d_bag": "find3d_ros.bag:main"}
    # find3d_core's CLI reaches the bag mode through an entry point: the module must offer its two functions.
    assert '"find3d.commands": ["bag = find3d_ros.bag"]' in setup
    bag = {n.name for n in ast.parse((PKG / "find3d_ros" / "bag.py").read_text()).body if isinstance(n, ast.FunctionDef)}
    assert {"add_arguments", "run_from_args"} <= bag
    for target in scripts.values():
        module, func = target.split(":")
        tree = ast.parse((PKG / (module.replace(".", "/") + ".py")).read_text())
        assert func in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    cfg = (PKG / "setup.cfg").read_text()  # `ros2 run` looks for executables in lib/<package>
    assert "script_dir=$base/lib/find3d_ros" in cfg and "install_scripts=$base/lib/find3d_ros" in cfg


def test_launch_file_arguments():
    source = (PKG / "launch" / "find3d.launch.py").read_text()
    tree = ast.parse(source)
    declared = [n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call)
                and getattr(n.func, "id", "") == "DeclareLaunchArgument"]  # fmt: skip
    assert declared == ["input_topic", "config", "use_rviz", "namespace", "use_sim_time", "labeled_cloud_topic",
                        "markers_topic"]  # fmt: skip
    assert f'default_value="{Settings().input_topic}"' in source
    assert 'executable="find3d_node"' in source and '"find3d.rviz"' in source and '"find3d.yaml"' in source
    # launch/launch_ros are not installable here (no wheels): what the node is given is checked against the node.
    remapped = re.findall(r'\("(~/\w+)", LaunchConfiguration\("(\w+)"\)\)', source)
    assert remapped == [("~/labeled_cloud", "labeled_cloud_topic"), ("~/markers", "markers_topic")]
    node_source = (PKG / "find3d_ros" / "node.py").read_text()
    for private, _ in remapped:
        assert f'"{private}"' in node_source, f"the node has no {private} to remap"
    passed = set(re.findall(r'"(\w+)": (?:LaunchConfiguration|use_sim_time)', source))
    assert passed == {"input_topic", "use_sim_time"}
    assert "input_topic" in {s.name for s in parameter_specs()}


def test_launch_description_builds_where_ros_is_installed():
    pytest.importorskip("launch_ros", reason="launch_ros is part of ROS 2, not installed here")
    import importlib.util

    spec = importlib.util.spec_from_file_location("find3d_launch", PKG / "launch" / "find3d.launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    description = module.generate_launch_description()
    names = [a.name for a in description.get_launch_arguments()]
    assert names[:5] == ["input_topic", "config", "use_rviz", "namespace", "use_sim_time"]


def test_config_matches_declared_parameters():
    config = yaml.safe_load((PKG / "config" / "find3d.yaml").read_text())
    assert list(config) == ["/**/find3d_node"]
    values = config["/**/find3d_node"]["ros__parameters"]
    specs = {s.name: s for s in parameter_specs()}
    assert set(values) <= set(specs)
    # Left out on purpose: the launch file sets input_topic; ROS parameter files cannot hold empty lists.
    assert set(specs) - set(values) == {"input_topic", "queries", "crop_box"}
    for name, value in values.items():
        default = default_value(specs[name])
        assert type(value) is type(default), f"{name}: {value!r} must be a {type(default).__name__} like rclpy wants"
        assert value == default, f"{name}: config and code defaults differ"
    Settings().replaced(values)  # valid
    text = (PKG / "config" / "find3d.yaml").read_text()
    for commented in ("queries", "crop_box"):
        assert re.search(rf"^\s*# {commented}: \[", text, re.M), f"show an example for {commented}"


def test_rviz_shows_input_labelled_cloud_and_markers():
    layout = yaml.safe_load((PKG / "rviz" / "find3d.rviz").read_text())
    displays = {d["Name"]: d for d in layout["Visualization Manager"]["Displays"]}
    by_topic = {d["Topic"]["Value"]: d for d in displays.values() if "Topic" in d}
    assert by_topic[Settings().input_topic]["Class"] == "rviz_default_plugins/PointCloud2"
    labelled = by_topic["/find3d_node/labeled_cloud"]
    assert labelled["Class"] == "rviz_default_plugins/PointCloud2" and labelled["Color Transformer"] == "RGB8"
    assert labelled["Topic"]["Reliability Policy"] == "Reliable"
    markers = by_topic["/find3d_node/markers"]
    assert markers["Class"] == "rviz_default_plugins/MarkerArray"
    assert set(markers["Namespaces"]) == {"centroids", "labels", "boxes"}


def test_readme_documents_every_parameter_topic_and_service():
    readme = (PKG / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)` \| `?([^|`]*)`? \|", readme, re.M))
    for spec in parameter_specs():
        assert spec.name in rows, f"README parameter table lacks {spec.name}"
        default = default_value(spec)
        shown = rows[spec.name].strip()
        expected = {True: "true", False: "false"}.get(default, None) if isinstance(default, bool) else None
        expected = expected or (f'"{default}"' if isinstance(default, str) else str(default))
        assert shown == expected, f"README says {spec.name} defaults to {shown}, code says {expected}"
    for topic in ("~/labeled_cloud", "~/markers", "~/parts/<query>", "/diagnostics", "~/query_parts"):
        assert topic in readme
    for command in ("rosdep install --from-paths . -y --ignore-src", "colcon build", "ros2 service call",
                    "ros2 launch find3d_ros find3d.launch.py", "find3d bag"):  # fmt: skip
        assert command in readme, command
