# Two commands: `make demo` and `make test`. Both create .venv on first use.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
OUT     ?= out
PYTEST_ARGS ?=

.PHONY: demo test test-slow bench parity clean

$(STAMP): find3d_core/pyproject.toml find3d_ros/setup.py
	@# open3d links against libusb; install it from Debian when missing (root only).
	@if ! ldconfig -p | grep -q libusb-1.0.so.0; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libusb-1.0-0; \
	  else echo "open3d needs libusb-1.0-0: sudo apt-get install -y libusb-1.0-0" >&2; exit 1; fi; fi
	test -x $(PY) || python3 -m venv $(VENV)
	@# torch first, pinned: an unpinned torch pulls a multi-GB download.
	$(PY) -m pip install -q torch==2.14.1 torchvision==0.29.1
	$(PY) -m pip install -q -e 'find3d_core[test,siglip,ros,engine,cluster,deploy]'
	$(PY) -m pip install -q -e find3d_ros  # the ROS-free parts (conversions, bag mode); the node needs ROS 2
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/find3d demo -o $(OUT)/demo

test: $(STAMP)
	$(PY) -m pytest -q -m "not slow" find3d_core/tests tests $(PYTEST_ARGS)

test-slow: $(STAMP)
	$(PY) -m pytest -q -m slow find3d_core/tests tests $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) find3d_core/benchmarks/bench_inference.py

parity: $(STAMP)
	$(VENV)/bin/find3d check-parity ../shared/reference/parity_public.safetensors

clean:
	rm -rf $(VENV) $(OUT)
