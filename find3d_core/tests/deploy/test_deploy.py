"""Deployment: the flat graph layout, ONNX export, onnxruntime parity with PyTorch, the backend switch and refusals."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from find3d_core.cli import main
from find3d_core.deploy import BackendUnavailable, make_backend, plan_passes
from find3d_core.deploy.backends import TorchBackend, onnx_for
from find3d_core.deploy.export import (
    DEFAULT_OPSET,
    EXPORT_TOLERANCE,
    ExportWrapper,
    batch_structure,
    export_onnx,
    flat_inputs,
    graph_inputs,
    read_metadata,
    verify_export,
)
from find3d_core.deploy.layout import flatten, input_names, input_specs, patch_keys
from find3d_core.deploy.tensorrt import profile_shapes
from find3d_core.engine.catalog import procedural_cloud
from find3d_core.geometry.cloud import PointCloud
from find3d_core.geometry.io import read_cloud, write_cloud
from find3d_core.inference.predictor import Find3DPredictor
from find3d_core.inference.prepare import PrepareConfig, prepare_objects, preprocess_config_from
from find3d_core.model.checkpoint import CheckpointInfo, load_checkpoint, save_checkpoint
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import build_text_encoder
from helpers import DATA

# Three levels, two orders, different encoder and decoder patch sizes: every kind of graph input appears.
SMALL = PT3Config(
    order=("z", "hilbert"), enc_depths=(2, 1, 1), enc_channels=(8, 16, 16), enc_num_head=(1, 2, 2),
    enc_patch_size=(64, 48, 48), dec_depths=(1, 1), dec_channels=(8, 16), dec_num_head=(1, 2),
    dec_patch_size=(32, 48), stride=(2, 2),
)
TABLE_SCAN = DATA / "real_scans" / "table_scene_mug_stereo_textured.pcd"
QUERIES = ["handle", "body"]


def table_scan() -> str:
    if not TABLE_SCAN.exists():
        pytest.skip(f"{TABLE_SCAN} not present (needs ../shared beside the checkout)")
    return str(TABLE_SCAN)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    """A small untrained checkpoint (MiniLM text space)."""
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(SMALL, text_dim=384))
    path = tmp_path_factory.mktemp("deploy") / "small.safetensors"
    info = CheckpointInfo(config=model.config, text_encoder="sentence-transformers/all-MiniLM-L6-v2", trained=False)
    save_checkpoint(path, model, info)
    return path


@pytest.fixture(scope="module")
def exported(checkpoint):
    """The checkpoint exported with `find3d export` (verified there on a procedural mug): (checkpoint, onnx)."""
    for module in ("onnx", "onnxscript", "onnxruntime"):
        pytest.importorskip(module, reason=f"{module} is not installed (the deploy extra)")
    onnx_path = checkpoint.with_suffix(".onnx")
    assert main(["export", str(checkpoint), "-o", str(onnx_path)]) == 0
    return checkpoint, onnx_path


@pytest.fixture(scope="module")
def small_model(checkpoint) -> tuple[Find3DModel, CheckpointInfo]:
    return load_checkpoint(checkpoint)


def test_flat_layout_runs_the_same_network(small_model):
    model, _ = small_model
    feat, structure = batch_structure(model, [procedural_cloud("mug", 3000, 0), procedural_cloud("bowl", 2000, 1)])
    inputs = flatten(feat, structure, SMALL)
    names = input_names(SMALL)
    assert len(inputs) == len(names) == len(input_specs(SMALL))
    assert patch_keys(SMALL) == [(0, 0, 64), (0, 1, 64), (1, 0, 48), (2, 0, 48)]  # decoders read the encoder layout
    for spec, tensor in zip(input_specs(SMALL), inputs):
        assert tensor.dtype == spec.dtype and tensor.dim() == len(spec.shape), spec.name
        assert all(t == d for t, d in zip(tensor.shape, spec.shape) if isinstance(d, int)), spec.name
    with torch.inference_mode():
        direct = model(feat, structure)
        flat = ExportWrapper(model)(*inputs)
    torch.testing.assert_close(flat, direct, rtol=1e-5, atol=1e-6)  # masks always present: same numbers


def test_dense_neighbour_lookup_matches_the_sorted_search(small_model, monkeypatch):
    """Geometry speed-up: the dense voxel table and the binary search (used for huge grids) give the same maps."""
    from find3d_core.model import structure as structure_module

    model, _ = small_model
    _, dense = batch_structure(model, [procedural_cloud("mug", 3000, 0), procedural_cloud("bowl", 2000, 1)])
    monkeypatch.setattr(structure_module, "DENSE_NEIGHBOR_CELLS", 0)
    _, searched = batch_structure(model, [procedural_cloud("mug", 3000, 0), procedural_cloud("bowl", 2000, 1)])
    for a, b in zip(dense.levels, searched.levels):
        assert a.neighbors.keys() == b.neighbors.keys()
        for k in a.neighbors:
            assert torch.equal(a.neighbors[k], b.neighbors[k])
    assert (dense.levels[0].neighbors[3] < dense.levels[0].num_points).sum() > dense.levels[0].num_points  # has hits


def test_pooling_groups_wider_than_eight_are_refused(small_model):
    model, _ = small_model
    grid = torch.tensor([[0, 0, 0]] * 9 + [[4, 4, 4]] * 40)  # a repeated voxel: not grid-sampled
    structure = model.structure(grid, torch.tensor([49]))
    with pytest.raises(ValueError, match="grid-sample"):
        flatten(torch.zeros(49, 6), structure, SMALL)


def test_export_records_its_model_and_keeps_every_size_dynamic(exported, small_model):
    import onnx

    _, onnx_path = exported
    model, _ = small_model
    onnx_model = onnx.load(str(onnx_path))
    assert {o.domain: o.version for o in onnx_model.opset_import}[""] == DEFAULT_OPSET
    graph = onnx_model.graph
    assert [i.name for i in graph.input] == input_names(SMALL)
    for value, spec in zip(graph.input, input_specs(SMALL)):
        dims = value.type.tensor_type.shape.dim
        for dim, want in zip(dims, spec.shape):
            assert (dim.dim_param != "") if isinstance(want, str) else dim.dim_value == want, spec.name
    meta = read_metadata(onnx_path)
    assert json.loads(meta["find3d.config"]) == model.config.to_dict()
    assert onnx_for(model, onnx_path)[0] == onnx_path  # same weights: accepted
    other = Find3DModel(model.config)
    with pytest.raises(ValueError, match="other weights"):
        onnx_for(other, onnx_path)


def test_onnxruntime_matches_torch_on_the_real_table_scan(exported, small_model):
    model, info = small_model
    objects = prepare_objects(read_cloud(table_scan()), PrepareConfig(scene=True, up_axis="-y"), preprocess_config_from(info))
    assert objects  # the objects found on the table, in one batch
    inputs = flat_inputs(model, [o.model_input for o in objects])
    assert verify_export(model, exported[1], inputs) < EXPORT_TOLERANCE


def test_find3d_export_checks_the_cloud_it_is_given(checkpoint, tmp_path, capsys):
    table_scan()
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (the deploy extra)")
    out = tmp_path / "scan.onnx"
    assert main(["export", str(checkpoint), "-o", str(out), "--cloud", str(TABLE_SCAN), "--up=-y", "--scene"]) == 0
    printed = capsys.readouterr().out
    assert "table_scene_mug_stereo_textured.pcd" in printed and "scene mode" in printed and "PASS" in printed


def test_onnxruntime_matches_torch_on_a_batch_of_other_sizes(exported, small_model):
    model, _ = small_model
    clouds = [procedural_cloud(c, n, s) for c, n, s in (("bottle", 6000, 3), ("mug", 800, 4), ("bowl", 2500, 5))]
    assert verify_export(model, exported[1], graph_inputs(model, clouds)) < EXPORT_TOLERANCE


def test_backend_switch_gives_the_same_parts_on_the_real_scan(exported):
    checkpoint, onnx_path = exported
    cloud = read_cloud(table_scan())
    results = {}
    for backend in ("torch", "onnxruntime"):
        predictor = Find3DPredictor.from_checkpoint(checkpoint, backend=backend, backend_options={"onnx_path": onnx_path})
        assert predictor.backend.name == backend
        results[backend] = predictor.oriented("-y").segment(cloud, QUERIES, scene=True)
    torch_seg, ort_seg = results["torch"], results["onnxruntime"]
    assert len(torch_seg.objects) >= 1 and (torch_seg.labels >= 0).any()
    np.testing.assert_array_equal(ort_seg.labels, torch_seg.labels)
    np.testing.assert_allclose(ort_seg.scores, torch_seg.scores, rtol=1e-4, atol=1e-6)


def test_cli_segment_backends_agree(exported, tmp_path, capsys):
    checkpoint, onnx_path = exported
    rng = np.random.default_rng(0)
    source = tmp_path / "object.ply"
    write_cloud(source, PointCloud(rng.uniform(-0.1, 0.1, (3000, 3)), rng.uniform(0, 1, (3000, 3))))
    labels = {}
    for backend in ("torch", "onnxruntime"):
        out = tmp_path / f"{backend}.ply"
        args = ["segment", str(source), "-q", "handle", "-q", "lid", "--checkpoint", str(checkpoint),
                "--backend", backend, "--onnx", str(onnx_path), "-o", str(out)]
        assert main(args) == 0
        labels[backend] = read_cloud(out).extra["label"]
    np.testing.assert_array_equal(labels["onnxruntime"], labels["torch"])


def test_tensorrt_is_refused_clearly_here(checkpoint, small_model, tmp_path, capsys):
    model, _ = small_model
    try:
        import tensorrt  # noqa: F401
    except ImportError:
        expected = "tensorrt is not installed: pip install tensorrt on a machine with an NVIDIA GPU"
    else:
        if torch.cuda.is_available():
            pytest.skip("tensorrt and a GPU are present: this test is about machines without them")
        expected = "needs a CUDA GPU"
    with pytest.raises(BackendUnavailable, match=expected):
        make_backend("tensorrt", model)
    source = tmp_path / "object.xyz"
    write_cloud(source, PointCloud(np.random.default_rng(0).uniform(-0.1, 0.1, (500, 3))))
    assert main(["segment", str(source), "-q", "handle", "--checkpoint", str(checkpoint), "--backend", "tensorrt"]) == 2
    assert expected in capsys.readouterr().err


def test_missing_onnxruntime_is_reported(small_model, monkeypatch, tmp_path):
    model, _ = small_model
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # `import onnxruntime` now raises ImportError
    with pytest.raises(BackendUnavailable, match="onnxruntime is not installed: pip install onnxruntime"):
        make_backend("onnxruntime", model, cache=tmp_path)
    assert not list(tmp_path.iterdir())  # refused before exporting anything


def test_bad_backend_options_are_refused(small_model):
    model, _ = small_model
    with pytest.raises(ValueError, match="unknown backend"):
        make_backend("tflite", model)
    with pytest.raises(ValueError, match="CUDA"):
        make_backend("torch", model, precision="fp16")
    with pytest.raises(ValueError, match="fp32"):
        make_backend("onnxruntime", model, precision="fp16")


def test_predictor_imports_no_optional_runtime():
    code = (
        "import sys, find3d_core.inference.predictor, find3d_core.cli\n"
        "loaded = {'onnx', 'onnxruntime', 'onnxscript', 'tensorrt'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_passes_respect_points_and_clouds():
    assert plan_passes([3, 4, 5]) == [[0, 1, 2]]
    assert plan_passes([3, 4, 5, 1], max_points=8) == [[0, 1], [2, 3]]
    assert plan_passes([1, 1, 1, 1, 1], max_clouds=2) == [[0, 1], [2, 3], [4]]
    with pytest.raises(ValueError, match="per pass"):
        plan_passes([3, 9], max_points=8)


class SmallPasses(TorchBackend):
    """The torch backend with a tiny per-pass budget, as a TensorRT engine has, counting its passes."""

    max_points, max_clouds = 4000, 1
    calls = 0

    def run(self, feat, structure):
        SmallPasses.calls += 1
        assert feat.shape[0] <= self.max_points and structure.offset.numel() == 1
        return super().run(feat, structure)


def test_split_passes_give_what_each_object_gets_alone(small_model):
    model, info = small_model
    encoder = build_text_encoder("minilm")
    clouds = [procedural_cloud("mug", 3000, 6), procedural_cloud("bottle", 3000, 7)]
    split = Find3DPredictor(model, encoder, info, backend=SmallPasses(model)).segment_batch(clouds, QUERIES)
    assert SmallPasses.calls == 2
    predictor = Find3DPredictor(model, encoder, info)
    for cloud, result in zip(clouds, split):
        alone = predictor.segment(cloud, QUERIES)
        np.testing.assert_array_equal(result.labels, alone.labels)
        np.testing.assert_allclose(result.scores, alone.scores, rtol=1e-5)


def test_tensorrt_profile_covers_real_batches(small_model):
    """The engine profile (min <= opt <= max per input) holds the shapes of a real batch of its size."""
    model, _ = small_model
    clouds = [procedural_cloud("mug", 5000, 8), procedural_cloud("bottle", 5000, 9)]
    inputs = graph_inputs(model, clouds)
    shapes = profile_shapes(SMALL, max_points=int(inputs[0].shape[0]), max_clouds=2)
    assert list(shapes) == input_names(SMALL)
    for name, tensor in zip(input_names(SMALL), inputs):
        lo, opt, hi = shapes[name]
        assert all(a <= b <= c for a, b, c in zip(lo, opt, hi)), name
        assert all(a <= t <= c for a, t, c in zip(lo, tensor.shape, hi)), (name, tuple(tensor.shape), hi)


@pytest.mark.slow
def test_full_find3d_config_exports_and_matches(tmp_path):
    """Find3D's published configuration (46M parameters): export (~50 s on 2 cores) and parity."""
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed (the deploy extra)")
    torch.manual_seed(0)
    model = Find3DModel(Find3DConfig(PT3Config(), text_dim=768)).eval()
    result = export_onnx(model, tmp_path / "find3d.onnx")
    inputs = graph_inputs(model, [procedural_cloud("mug", 5000, 10)])
    assert verify_export(model, result.path, inputs) < EXPORT_TOLERANCE
