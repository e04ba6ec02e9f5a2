"""Deployment: the network as ONNX, and the backends that run it (PyTorch, onnxruntime, TensorRT).

`layout.py` flattens a Structure into the graph's named index tensors, `export.py` writes and verifies the ONNX file,
`backends.py` holds the interface and the PyTorch / onnxruntime backends, `tensorrt.py` the TensorRT engine builder.
Optional libraries are imported only when the backend that needs them is built.
"""

from find3d_core.deploy.backends import BACKENDS, Backend, BackendUnavailable, make_backend, plan_passes

__all__ = ["BACKENDS", "Backend", "BackendUnavailable", "make_backend", "plan_passes"]
