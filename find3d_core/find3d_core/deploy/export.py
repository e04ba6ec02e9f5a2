"""Export the learned network to ONNX and check the file against PyTorch on a real cloud.

The graph holds the learned layers only: it takes `feat` and the index tensors of `layout.py` (point and patch counts
dynamic) and returns per-point embeddings. Geometry (serialization, patches, neighbour maps, pooling) stays in
`model/structure.py` and runs before the graph on every backend. The exporter is torch.export-based
(`torch.onnx.export(dynamo=True)`, needs `onnxscript`). The opset defaults to 18, the exporter's own (no version
conversion step): TensorRT 10 and 11 parse it, with native LayerNormalization (opset 17+).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from find3d_core.atomic import atomic_path
from find3d_core.deploy.layout import OUTPUT_NAME, flatten, input_names, input_specs, unflatten
from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.preprocess import ModelInput, PreprocessConfig, preprocess
from find3d_core.model.find3d import Find3DModel
from find3d_core.model.structure import Structure

DEFAULT_OPSET = 18
# Bump when layout.py's inputs change: cached ONNX files and engines are keyed by it (3: decoders read encoder layouts).
LAYOUT_VERSION = 3
EXPORT_TOLERANCE = 1e-4  # relative error of the exported graph vs PyTorch, float32


class ExportError(RuntimeError):
    """An export that failed or does not reproduce PyTorch, with what to do."""


class ExportWrapper(nn.Module):
    """The model with a flat tensor signature: forward(feat, *index tensors) -> embeddings."""

    def __init__(self, model: Find3DModel) -> None:
        super().__init__()
        self.model = model
        self.backbone_config = model.config.backbone

    def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
        feat, structure = unflatten(list(tensors), self.backbone_config)
        return self.model(feat, structure)


@dataclass
class ExportResult:
    path: Path
    model_hash: str
    opset: int
    seconds: float


def model_hash(model: Find3DModel) -> str:
    """sha256 of the configuration and every parameter and buffer: the identity of a network's numbers."""
    digest = hashlib.sha256(json.dumps(model.config.to_dict(), sort_keys=True).encode())
    for name, tensor in sorted(model.state_dict().items()):
        t = tensor.detach().cpu().contiguous()
        digest.update(f"{name}:{t.dtype}:{tuple(t.shape)}".encode())
        digest.update(t.view(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return digest.hexdigest()


def example_cloud(num_points: int, seed: int) -> PointCloud:
    """Points on the surface of a drawn box of 5-20 cm (metres, z up): a traceable input that needs no data engine
    (what the network computes does not depend on the shape, only the graph's dynamic sizes do)."""
    rng = np.random.default_rng(seed)
    size = rng.uniform(0.05, 0.2, 3)
    xyz = rng.uniform(-0.5, 0.5, (num_points, 3))
    face = rng.integers(3, size=num_points)
    xyz[np.arange(num_points), face] = rng.choice([-0.5, 0.5], num_points)
    return PointCloud((xyz * size).astype(np.float32), rng.uniform(0, 1, (num_points, 3)).astype(np.float32))


def batch_structure(
    model: Find3DModel, clouds: list[PointCloud], config: PreprocessConfig | None = None
) -> tuple[torch.Tensor, Structure]:
    """Features and geometry (CPU) of a batch of clouds, preprocessed as the predictor does."""
    return model_structure(model, [preprocess(c, config) for c in clouds])


def model_structure(model: Find3DModel, inputs: list[ModelInput]) -> tuple[torch.Tensor, Structure]:
    """Features and geometry (CPU) of a batch of preprocessed objects."""
    grid = torch.from_numpy(np.concatenate([i.grid_coord for i in inputs]))
    feat = torch.from_numpy(np.concatenate([i.feat for i in inputs]))
    offset = torch.tensor(np.cumsum([len(i.grid_coord) for i in inputs]))
    return feat, model.structure(grid, offset)


def graph_inputs(
    model: Find3DModel, clouds: list[PointCloud], config: PreprocessConfig | None = None
) -> list[torch.Tensor]:
    """Flat graph inputs (CPU) for a batch of clouds."""
    return flat_inputs(model, [preprocess(c, config) for c in clouds])


def flat_inputs(model: Find3DModel, inputs: list[ModelInput]) -> list[torch.Tensor]:
    """Flat graph inputs (CPU) for a batch of preprocessed objects."""
    return flatten(*model_structure(model, inputs), model.config.backbone)


def default_example(model: Find3DModel) -> list[torch.Tensor]:
    """Two objects in one batch, so that every dynamic size (patch counts at coarse levels too) is at least 2."""
    return graph_inputs(model, [example_cloud(5000, 0), example_cloud(4000, 1)])


def export_onnx(
    model: Find3DModel, path: str | Path, example: list[torch.Tensor] | None = None, opset: int = DEFAULT_OPSET
) -> ExportResult:
    """Write `model` (on CPU, float32, eval) as one self-contained ONNX file with dynamic point counts.

    `example`: flat graph inputs to trace with (default: `default_example`). The file's metadata records the model
    hash, the config, the layout version and the text dimension, so a loader can tell which network it holds.
    """
    _require("onnxscript", "the ONNX exporter")
    start = time.perf_counter()
    model = cpu_float_eval(model)
    config = model.config.backbone
    example = [t.cpu() for t in (example if example is not None else default_example(model))]
    program = _trace(model, example, opset)
    digest = model_hash(model)
    program.model.metadata_props.update(
        {
            "find3d.model_hash": digest,
            "find3d.config": json.dumps(model.config.to_dict()),
            "find3d.layout_version": str(LAYOUT_VERSION),
            "find3d.text_dim": str(model.config.text_dim),
            "find3d.torch": torch.__version__,
        }
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        program.save(tmp, external_data=False)  # one file: the full model is ~185 MB, far below protobuf's 2 GB
        check_dynamic(tmp, config)
    return ExportResult(path=path, model_hash=digest, opset=opset, seconds=time.perf_counter() - start)


def cpu_float_eval(model: Find3DModel) -> Find3DModel:
    """The model itself when it is already a float32 CPU model in eval mode, else such a copy (never moves yours)."""
    ready = not model.training and all(p.device.type == "cpu" and p.dtype == torch.float32 for p in model.parameters())
    return model if ready else copy.deepcopy(model).cpu().float().eval()


def _trace(model: Find3DModel, example: list[torch.Tensor], opset: int):
    """torch.export + ONNX translation, every dimension named in `layout.input_specs` dynamic."""
    config = model.config.backbone
    dims: dict[str, torch.export.Dim] = {}
    shapes = tuple(
        {i: dims.setdefault(d, torch.export.Dim(d, min=1)) for i, d in enumerate(spec.shape) if isinstance(d, str)}
        for spec in input_specs(config)
    )
    # An opset other than 18 goes through a version converter that says so at WARNING level every time; that and the
    # exporter's axis-renaming notes are not the user's concern.
    converter_log = logging.getLogger("onnxscript.version_converter")
    level = converter_log.level
    converter_log.setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.onnx")
        try:
            return torch.onnx.export(
                ExportWrapper(model).eval(),
                tuple(example),
                input_names=input_names(config),
                output_names=[OUTPUT_NAME],
                opset_version=opset,
                dynamo=True,
                dynamic_shapes=(shapes,),  # forward(*tensors): one entry for the varargs tuple
                verbose=False,
            )
        except Exception as err:  # the exporter raises many types; say which step failed
            raise ExportError(f"ONNX export failed ({type(err).__name__}): {err}") from err
        finally:
            converter_log.setLevel(level)


def check_dynamic(path: str | Path, config) -> None:
    """Refuse a graph in which the exporter fixed a dimension that must stay dynamic (it traced a size of 1), or
    merged two of them (equal sizes in the example)."""
    onnx = _import_onnx()
    graph = onnx.load(str(path), load_external_data=False).graph
    declared = {spec.name: spec.shape for spec in input_specs(config)}
    names: dict[str, str] = {}  # declared dimension -> the graph's name for it
    for value in graph.input:
        dims = value.type.tensor_type.shape.dim
        for i, want in enumerate(declared[value.name]):
            if not isinstance(want, str):
                continue
            if not dims[i].dim_param:
                raise ExportError(
                    f"input {value.name} dim {i} was fixed to {dims[i].dim_value} by the exporter; export with an "
                    "example batch in which every dynamic size is at least 2"
                )
            names.setdefault(want, dims[i].dim_param)
    if len(set(names.values())) != len(names):
        raise ExportError(f"the exporter merged dynamic dimensions that must stay apart: {names}; use another example")


def read_metadata(path: str | Path) -> dict[str, str]:
    """The find3d metadata of an exported file (empty for a file find3d did not write)."""
    onnx = _import_onnx()

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"ONNX file {path} does not exist: create it with `find3d export`")
    model = onnx.load(str(path), load_external_data=False)
    return {p.key: p.value for p in model.metadata_props if p.key.startswith("find3d.")}


def relative_error(out: np.ndarray | torch.Tensor, ref: np.ndarray | torch.Tensor) -> float:
    out = np.asarray(out, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    return float(np.linalg.norm(out - ref) / max(np.linalg.norm(ref), 1e-30))


def verify_export(model: Find3DModel, path: str | Path, inputs: list[torch.Tensor]) -> float:
    """Relative error of onnxruntime (CPU) running `path` vs PyTorch running `model`, on the flat `inputs`
    (`flat_inputs` of objects prepared as the predictor does: `find3d export` checks a real cloud)."""
    from find3d_core.deploy.backends import open_onnxruntime_session

    session = open_onnxruntime_session(path, ["CPUExecutionProvider"])
    names = input_names(model.config.backbone)
    out = session.run([OUTPUT_NAME], {n: t.cpu().numpy() for n, t in zip(names, inputs)})[0]
    with torch.inference_mode():
        ref = ExportWrapper(cpu_float_eval(model))(*[t.cpu() for t in inputs])
    return relative_error(out, ref.numpy())


def _import_onnx():
    try:
        import onnx
    except ImportError as err:
        raise ExportError("reading ONNX files needs the onnx package: pip install onnx onnxscript onnxruntime") from err
    return onnx


def _require(module: str, what: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ExportError(f"{what} needs the {module} package: pip install onnx onnxscript onnxruntime")
