"""Where the learned network runs: PyTorch, onnxruntime or TensorRT, behind one small interface.

A backend takes point features and the batch's `Structure` (geometry, computed on `backend.device` by the caller)
and returns per-point embeddings. The predictor, the CLI and the ROS node choose one by name with `make_backend`.
Optional libraries (onnxruntime, tensorrt) are imported only when their backend is built, and a missing one is
reported as `BackendUnavailable` with the command that installs it.
"""

from __future__ import annotations

import abc
import contextlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path

import torch

from find3d_core.deploy.layout import OUTPUT_NAME, flatten, input_names
from find3d_core.model.find3d import Find3DModel
from find3d_core.model.structure import Structure

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnxruntime", "tensorrt")
PRECISIONS = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


class BackendUnavailable(RuntimeError):
    """A backend that cannot run on this machine, with what to install or change."""


class Backend(abc.ABC):
    """Runs the learned network on one batch.

    `device`: where the caller builds the structure and features. `max_points` and `max_clouds`: the most
    finest-level points and clouds one `run` accepts (a TensorRT engine's profile), None when unbounded; callers split
    larger batches by object with `plan_passes`.
    """

    name: str = ""
    device: torch.device = torch.device("cpu")
    max_points: int | None = None
    max_clouds: int | None = None

    @abc.abstractmethod
    def run(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        """(N, in_channels) features of the batch described by `structure` -> (N, text_dim) float32 embeddings."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(device={self.device}, max_points={self.max_points})"


class TorchBackend(Backend):
    """The PyTorch model itself, on its own device; fp16/bf16 run under CUDA autocast."""

    name = "torch"

    def __init__(self, model: Find3DModel, precision: str = "fp32") -> None:
        self.model = model.eval()
        self.device = next(model.parameters()).device
        self.dtype = check_precision(precision)
        if self.dtype != torch.float32 and self.device.type != "cuda":
            raise ValueError(f"precision {precision} needs a CUDA device (autocast); on {self.device} use fp32")

    def run(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        autocast = (
            torch.autocast("cuda", dtype=self.dtype) if self.dtype != torch.float32 else contextlib.nullcontext()
        )
        with torch.inference_mode(), autocast:
            return self.model(feat, structure).float()


class OnnxRuntimeBackend(Backend):
    """An exported graph in onnxruntime: CPU, or its CUDA / TensorRT execution providers on a GPU.

    Inputs go in as numpy arrays (onnxruntime copies them to the GPU itself when a GPU provider runs), so the
    geometry is built on the CPU.
    """

    name = "onnxruntime"

    def __init__(self, onnx_path: str | Path, model: Find3DModel, providers: Sequence[str] | None = None) -> None:
        self.config = model.config.backbone
        self.path = Path(onnx_path)
        self.session = open_onnxruntime_session(self.path, providers)
        self.providers = self.session.get_providers()
        self.device = torch.device("cpu")
        self.names = input_names(self.config)
        graph_inputs = [i.name for i in self.session.get_inputs()]
        if graph_inputs != self.names:
            raise ValueError(
                f"{self.path} does not take find3d's inputs for this model config (got {len(graph_inputs)} inputs, "
                f"expected {len(self.names)}): re-export it with `find3d export`"
            )

    def run(self, feat: torch.Tensor, structure: Structure) -> torch.Tensor:
        tensors = flatten(feat, structure, self.config)
        feeds = {name: t.detach().cpu().numpy() for name, t in zip(self.names, tensors)}
        return torch.from_numpy(self.session.run([OUTPUT_NAME], feeds)[0])


def plan_passes(sizes: Sequence[int], max_points: int | None = None, max_clouds: int | None = None) -> list[list[int]]:
    """Consecutive objects grouped into network passes within a backend's limits (one pass when unbounded).

    Attention, convolution and pooling never cross clouds; the one thing a batch shares is its serialization depth
    (bits of its largest voxel coordinate: 6 or 7 after Find3D's normalisation), which orients the Hilbert curves.
    So an object gets exactly what it gets alone when its pass holds no deeper object, and at most the small
    difference of a batch otherwise, as in one big batch.
    """
    passes: list[list[int]] = []
    points = 0
    for i, n in enumerate(sizes):
        if max_points is not None and n > max_points:
            raise ValueError(
                f"one object has {n} network points, more than the backend's {max_points} per pass: lower the points "
                "per object (PreprocessConfig.num_points) or build the engine with a larger max_points"
            )
        too_many_points = max_points is not None and points + n > max_points
        full = passes and (too_many_points or (max_clouds is not None and len(passes[-1]) >= max_clouds))
        if not passes or full:
            passes.append([])
            points = 0
        passes[-1].append(i)
        points += n
    return passes


def check_precision(precision: str) -> torch.dtype:
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {sorted(PRECISIONS)}; got {precision!r}")
    return PRECISIONS[precision]


def import_onnxruntime():
    try:
        import onnxruntime
    except ImportError as err:
        raise BackendUnavailable(
            "onnxruntime is not installed: pip install onnxruntime (or onnxruntime-gpu for its CUDA provider)"
        ) from err
    return onnxruntime


def open_onnxruntime_session(path: str | Path, providers: Sequence[str] | None = None):
    """An onnxruntime session over `path`, all graph optimisations on; providers default to the CPU one."""
    ort = import_onnxruntime()
    providers = list(providers or ["CPUExecutionProvider"])
    available = ort.get_available_providers()
    missing = [p for p in providers if p not in available]
    if missing:
        gpu = any("CUDA" in p or "Tensorrt" in p for p in missing)
        hint = " (pip install onnxruntime-gpu on a machine with CUDA)" if gpu else ""
        raise BackendUnavailable(f"onnxruntime here lacks {', '.join(missing)}{hint}; it has {', '.join(available)}")
    if not Path(path).exists():
        raise FileNotFoundError(f"ONNX file {path} does not exist: create it with `find3d export`")
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # errors only: the exporter's unused-initializer notes are not the user's problem
    # Idle worker threads would otherwise spin after each run and slow the CPU stages that follow (scoring and
    # upsampling took 2-10x longer here); one network pass per frame gains nothing from spinning.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.intra_op_num_threads = torch.get_num_threads()  # one knob for both runtimes (torch.set_num_threads)
    return ort.InferenceSession(str(path), sess_options=options, providers=providers)


def default_providers(device: torch.device) -> list[str]:
    return ["CUDAExecutionProvider", "CPUExecutionProvider"] if device.type == "cuda" else ["CPUExecutionProvider"]


def cache_dir() -> Path:
    """Where exported graphs and TensorRT engines are kept: $FIND3D_CACHE, else ~/.cache/find3d."""
    if os.environ.get("FIND3D_CACHE"):
        return Path(os.environ["FIND3D_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "find3d"


def onnx_for(
    model: Find3DModel, onnx_path: str | Path | None = None, cache: str | Path | None = None
) -> tuple[Path, str]:
    """An ONNX file holding exactly `model`, and the model's hash.

    With `onnx_path`, that file, refused if it was exported from other weights or by a find3d with other graph
    inputs. Without, a file in the cache keyed by the model hash, the layout version and the opset, exported on first
    use (seconds for small models, ~45 s for Find3D's on a 2-core CPU).
    """
    from find3d_core.deploy.export import DEFAULT_OPSET, LAYOUT_VERSION, export_onnx, model_hash, read_metadata

    digest = model_hash(model)
    if onnx_path is not None:
        meta = read_metadata(onnx_path)
        found = meta.get("find3d.model_hash")
        if found is None or meta.get("find3d.layout_version") != str(LAYOUT_VERSION):
            raise ValueError(
                f"{onnx_path} was not exported by this version of find3d (no model hash or another input layout): "
                "re-export it with `find3d export`"
            )
        if found != digest:
            raise ValueError(
                f"{onnx_path} was exported from other weights (model hash {str(found)[:12]} vs {digest[:12]}): "
                "re-run `find3d export` with this checkpoint, or drop the ONNX file option"
            )
        return Path(onnx_path), digest
    path = Path(cache or cache_dir()) / f"find3d-{digest[:16]}-layout{LAYOUT_VERSION}-opset{DEFAULT_OPSET}.onnx"
    if not path.exists():
        log.info("exporting the network to %s (once per model)", path)
        export_onnx(model, path)
    return path, digest


def make_backend(
    name: str,
    model: Find3DModel,
    *,
    onnx_path: str | Path | None = None,
    precision: str = "fp32",
    max_points: int | None = None,
    providers: Sequence[str] | None = None,
    cache: str | Path | None = None,
) -> Backend:
    """The backend called `name` over `model` (whose device decides CPU or GPU).

    onnx_path: an exported file to use instead of exporting into the cache. precision: fp32 (default), fp16 or bf16
    (torch on CUDA, TensorRT). max_points: TensorRT's profile size (points per network pass). providers: onnxruntime
    execution providers (default: CUDA then CPU on a CUDA device, CPU otherwise).
    """
    check_precision(precision)
    if name == "torch":
        return TorchBackend(model, precision)
    if name == "onnxruntime":
        if precision != "fp32":
            raise ValueError("the onnxruntime backend runs the fp32 graph; use tensorrt or torch for fp16/bf16")
        import_onnxruntime()  # fail before a possibly long export
        device = next(model.parameters()).device
        path, _ = onnx_for(model, onnx_path, cache)
        return OnnxRuntimeBackend(path, model, providers or default_providers(device))
    if name == "tensorrt":
        from find3d_core.deploy.tensorrt import TensorRTBackend, require_tensorrt

        require_tensorrt()  # fail before a possibly long export
        path, digest = onnx_for(model, onnx_path, cache)
        return TensorRTBackend(
            path, model.config.backbone, digest, precision=precision, max_points=max_points, cache=cache
        )
    raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
