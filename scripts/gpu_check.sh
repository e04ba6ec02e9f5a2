#!/usr/bin/env bash
# The GPU check of find3d (find3d_core/benchmarks/gpu_check.py), bounded to 8 minutes.
# Usage: scripts/gpu_check.sh [REPORT_DIR] [gpu_check.py options]   (default REPORT_DIR: out/gpu_check)
# On a machine without an NVIDIA GPU it runs the CPU reference, says which checks it cannot run, and still writes
# REPORT_DIR/gpu_check.json and REPORT_DIR/gpu_check.md. Exit status: 0 all run checks passed, 1 one failed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
out=${1:-out/gpu_check}
shift || true
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
else
    echo "nvidia-smi not found: no NVIDIA driver here, the CUDA checks will be reported as skipped"
fi
# The script stops starting checks after --budget-s (420 s); the hard limit leaves it time to finish one and report.
exec timeout --kill-after=10 470 "$python" find3d_core/benchmarks/gpu_check.py --out "$out" "$@"
