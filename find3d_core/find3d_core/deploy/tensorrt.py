"""TensorRT engines built from the exported ONNX graph, with dynamic-shape profiles sized by the points per pass.

Written against TensorRT's documented Python API (10.x: `Builder`, `OnnxParser.parse_from_file`, optimization
profiles, `build_serialized_network`, name-based I/O with `set_input_shape` / `set_tensor_address` /
`execute_async_v3`; 11.x keeps these and drops weak typing). It needs `tensorrt` and a CUDA GPU, neither of which
exists on the machine this was written on: it has NOT been run. Everything is imported lazily and refused with a
clear `BackendUnavailable` when missing.

Engines are cached as `<cache>/trt/<model hash>-<gpu>-sm<cc>-trt<version>-<precision>-<points>x<clouds>.engine`:
an engine is only valid for the GPU model and TensorRT version it was built with, and for its profile.
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

import torch

from find3d_core.atomic import write_bytes_atomic
from find3d_core.deploy.backends import Backend, BackendUnavailable, cache_dir, check_precision
from find3d_core.deploy.export import LAYOUT_VERSION
from find3d_core.deploy.layout import OUTPUT_NAME, flatten, input_specs, patch_keys
from find3d_core.model.config import PT3Config
from find3d_core.model.structure import Structure

log = logging.getLogger(__name__)

DEFAULT_MAX_POINTS = 40_000  # finest-level points per pass: 8 objects at Find3D's 5,000-point cap
DEFAULT_MAX_CLOUDS = 8  # objects per pass; with max_points it bounds the attention patch count
DEFAULT_OPT_POINTS = 3_000  # one object after 0.02 grid sampling: the shape TensorRT tunes its kernels for
WORKSPACE_BYTES = 4 << 30
INSTALL_HINT = "tensorrt is not installed: pip install tensorrt on a machine with an NVIDIA GPU"


def import_tensorrt():
    try:
        import tensorrt
    except ImportError as err:
        raise BackendUnavailable(INSTALL_HINT) from err
    return tensorrt


def require_tensorrt():
    """The tensorrt module, or BackendUnavailable when it or a CUDA GPU is missing."""
    trt = import_tensorrt()
    if not torch.cuda.is_available():
        raise BackendUnavailable("the tensorrt backend needs a CUDA GPU, and torch sees none here")
    return trt


def profile_shapes(
    config: PT3Config, max_points: int, max_clouds: int, opt_points: int = DEFAULT_OPT_POINTS
) -> dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]]:
    """(min, opt, max) shape of every graph input.

    Level s never has more points than the finest level, so every level's maximum is `max_points`; on scanned
    surfaces each stride-2 pooling keeps about a quarter of the points, which sets the tuning shape. A cloud of n
    points fills ceil(n / k) patches of size k, so a pass holds at most ceil(max_points / k) + max_clouds patches,
    each at most k wide (narrower at the coarse levels, where every cloud fits in one patch).
    """
    opt_points = min(opt_points, max_points)
    ranges: dict[str, tuple[int, int, int]] = {}
    for s in range(config.num_stages):
        ranges[f"points_level{s}"] = (1, max(1, opt_points // 4**s), max_points)
    for s, _, k in patch_keys(config):
        opt = math.ceil(ranges[f"points_level{s}"][1] / k)
        ranges[f"patches_level{s}_p{k}"] = (1, opt, math.ceil(max_points / k) + max_clouds)
        ranges[f"width_level{s}_p{k}"] = (1, min(k, ranges[f"points_level{s}"][1]), k)
    shapes = {}
    for spec in input_specs(config):
        lo, opt, hi = ([ranges[d][i] if isinstance(d, str) else d for d in spec.shape] for i in range(3))
        shapes[spec.name] = (tuple(lo), tuple(opt), tuple(hi))
    return shapes


def engine_path(
    cache: Path, model_hash: str, precision: str, max_points: int, max_clouds: int, trt_version: str
) -> Path:
    """Cache file of an engine: keyed by model, layout, GPU (name and compute capability), TensorRT, profile."""
    props = torch.cuda.get_device_properties(torch.cuda.current_device())
    gpu = re.sub(r"[^A-Za-z0-9]+", "-", props.name).strip("-")
    name = (
        f"{model_hash[:16]}-layout{LAYOUT_VERSION}-{gpu}-sm{props.major}{props.minor}-trt{trt_version}-"
        f"{precision}-{max_points}x{max_clouds}.engine"
    )
    return cache / "trt" / name


def build_engine(onnx_path: Path, config: PT3Config, precision: str, max_points: int, max_clouds: int) -> bytes:
    """Parse the ONNX file and build a serialized engine with one optimization profile."""
    trt = import_tensorrt()
    logger = trt.Logger(trt.Logger.WARNING)
    builder = trt.Builder(logger)
    network = builder.create_network(0)  # explicit batch is the only mode since TensorRT 10
    parser = trt.OnnxParser(network, logger)
    if not parser.parse_from_file(str(onnx_path)):
        errors = "; ".join(str(parser.get_error(i)) for i in range(parser.num_errors))
        raise RuntimeError(f"TensorRT could not parse {onnx_path}: {errors}")
    builder_config = builder.create_builder_config()
    builder_config.set_memory_pool_limit(trt.MemoryPoolType.WORKSPACE, WORKSPACE_BYTES)
    set_precision(trt, builder_config, precision)
    profile = builder.create_optimization_profile()
    for name, (lo, opt, hi) in profile_shapes(config, max_points, max_clouds).items():
        profile.set_shape(name, lo, opt, hi)
    builder_config.add_optimization_profile(profile)
    serialized = builder.build_serialized_network(network, builder_config)
    if serialized is None:
        raise RuntimeError(f"TensorRT failed to build an engine from {onnx_path} (see its log above)")
    return bytes(serialized)


def set_precision(trt, builder_config, precision: str) -> None:
    """fp32 keeps float32 arithmetic (TF32 off, so results stay within 1e-4 of PyTorch); fp16/bf16 need 10.x flags.

    TensorRT 11 removed the weak-typing flags: it runs the precision written in the graph, and this exporter writes
    float32, so reduced precision there needs a mixed-precision ONNX graph (NVIDIA ModelOpt AutoCast) first.
    """
    tf32 = getattr(trt.BuilderFlag, "TF32", None)
    if tf32 is not None:
        builder_config.clear_flag(tf32)
    if precision == "fp32":
        return
    flag = getattr(trt.BuilderFlag, precision.upper(), None)
    if flag is None:
        raise BackendUnavailable(
            f"TensorRT {trt.__version__} has no {precision} builder flag (removed in 11.x, which builds the precision "
            "of the graph): use precision fp32, or a mixed-precision ONNX graph"
        )
    builder_config.set_flag(flag)


class TensorRTBackend(Backend):
    """A TensorRT engine for the exported graph, built once per GPU / TensorRT version / model and cached."""

    name = "tensorrt"

    def __init__(
        self,
        onnx_path: str | Path,
        config: PT3Config,
        model_hash: str,
        precision: str = "fp32",
        max_points: int | None = None,
        max_clouds: int = DEFAULT_MAX_CLOUDS,
        cache: str | Path | None = None,
    ) -> None:
        trt = require_tensorrt()
        check_precision(precision)
        self.config = config
        self.device = torch.device("cuda", torch.cuda.current_device())
        self.max_points = max_points or DEFAULT_MAX_POINTS
        self.max_clouds = max_clouds
        self.names = [spec.name for spec in input_specs(config)]
        cache = Path(cache or cache_dir())
        path = engine_path(cache, model_hash, precision, self.max_points, max_clouds, trt.__version__)
        if not path.exists():
            log.warning("building TensorRT engine %s (once per GPU, TensorRT version and model; minutes)", path.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, build_engine(Path(onnx_path), config, precision, self.max_points, max_clouds))
        self.logger = trt.Logger(trt.Logger.WARNING)
        self.runtime = trt.Runtime(self.logger)
        self.engine = self.runtime.deserialize_cuda_engine(path.read_bytes())
        if self.engine is None:
            raise RuntimeError(f"TensorRT could not load {path}: delete it to rebuild")
        self.context = self.engine.create_execution_context()
        self.engine_path = path

    def run(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        n, clouds = feat.shape[0], structure.offset.numel()
        if n > self.max_points or clouds > self.max_clouds:
            raise ValueError(
                f"{n} points / {clouds} clouds in one pass exceed the engine's profile ({self.max_points} / "
                f"{self.max_clouds}): split the batch with plan_passes"
            )
        tensors = [t.to(self.device).contiguous() for t in flatten(feat, structure, self.config)]
        for name, t in zip(self.names, tensors):
            self.context.set_input_shape(name, tuple(t.shape))
            self.context.set_tensor_address(name, t.data_ptr())
        out = torch.empty(tuple(self.context.get_tensor_shape(OUTPUT_NAME)), dtype=torch.float32, device=self.device)
        self.context.set_tensor_address(OUTPUT_NAME, out.data_ptr())
        stream = torch.cuda.current_stream(self.device)
        if not self.context.execute_async_v3(stream.cuda_stream):
            raise RuntimeError("TensorRT execution failed (see its log)")
        stream.synchronize()  # the inputs above must outlive the kernels that read them
        return out


