# open3d's own stubs are wrong where find3d relies on it (translate/rotate return the base Geometry3D; numpy arrays are
# refused where the bindings accept them), so mypy sees open3d as untyped. Used through mypy_path only.
from typing import Any

def __getattr__(name: str) -> Any: ...
