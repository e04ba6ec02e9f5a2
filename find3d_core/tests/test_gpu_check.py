"""The GPU check's dry run on a machine without CUDA: it says what it cannot run and still writes both reports."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
import torch

from helpers import REPO_ROOT

SCRIPT = REPO_ROOT / "find3d_core" / "benchmarks" / "gpu_check.py"
GPU_CHECKS = ("torch CUDA", "ONNX export", "onnxruntime CUDA", "TensorRT", "training steps on CUDA")


def load_script():
    spec = importlib.util.spec_from_file_location("gpu_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA device is present: this is the dry run's test")
def test_cpu_dry_run_reports_what_it_cannot_run(tmp_path, capsys):
    gpu_check = load_script()
    assert gpu_check.main(["--out", str(tmp_path), "--runs", "1", "--object-points", "2000"]) == 0
    report = json.loads((tmp_path / "gpu_check.json").read_text())
    checks = {c["name"]: c for c in report["checks"]}
    assert report["environment"]["cuda_available"] is False
    # The CPU reference ran and timed both inputs.
    baseline = checks["torch CPU fp32 (timings)"]
    assert baseline["status"] == "pass"
    assert len(baseline["figures"]) == 2
    for figures in baseline["figures"].values():
        assert figures["relative_error_vs_cpu"] == 0.0 and figures["label_agreement_vs_cpu"] == 1.0
        assert figures["network_ms_median"] > 0 and figures["points"] > 100
    # Every GPU check is listed as skipped, with a reason that names the missing device or graph.
    gpu = [c for name, c in checks.items() if name.startswith(GPU_CHECKS)]
    assert len(gpu) == 8
    for c in gpu:
        assert c["status"] == "skipped", c
        assert "no CUDA device" in c["reason"] or "no exported graph" in c["reason"], c
    markdown = (tmp_path / "gpu_check.md").read_text()
    assert "Not run here:" in markdown and "torch.cuda.is_available() is False" in markdown
    assert "| torch CPU fp32 (timings) | object (procedural mug) |" in markdown
    assert "no CUDA device" in capsys.readouterr().out


def test_a_failing_check_is_reported_and_the_rest_still_run():
    gpu_check = load_script()
    runner = gpu_check.Runner(budget_s=60)

    def broken() -> dict:
        raise RuntimeError("engine build failed")

    runner.run("broken", broken)
    runner.run("fine", lambda: {"x": 1})
    runner.run("late", lambda: {}, needs_s=3600)
    status = {c.name: (c.status, c.reason) for c in runner.checks}
    assert status["broken"] == ("fail", "RuntimeError: engine build failed")
    assert status["fine"] == ("pass", "")
    assert status["late"][0] == "skipped" and "out of time" in status["late"][1]
