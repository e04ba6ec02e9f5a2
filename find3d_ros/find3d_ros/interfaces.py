"""Message types without a ROS install: a rosbags typestore that knows find3d_msgs, and message factories.

The builders in this package never import message classes themselves; they ask a `MessageFactory` for
`"sensor_msgs/msg/PointCloud2"` and friends. `RclpyFactory` hands out the generated rclpy classes on a
robot; `RosbagsFactory` hands out rosbags dataclasses (for bags, tests and offline tools). Both build
messages from keyword arguments and leave unnamed fields at their ROS defaults.
"""

from __future__ import annotations

import array
import importlib
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

MSGS_PACKAGE = "find3d_msgs"
MESSAGE_FILES = {"find3d_msgs/msg/PartSegment": "msg/PartSegment.msg"}
SERVICE_FILES = {"find3d_msgs/srv/QueryParts": "srv/QueryParts.srv"}

# vision_msgs (ROS 2 Humble/Jazzy, vision_msgs >= 3) is not among rosbags' bundled types.
VISION_MSGS = {
    "vision_msgs/msg/BoundingBox3D": (
        "# The 3D position and orientation of the bounding box center\n"
        "geometry_msgs/Pose center\n"
        "# The total size of the bounding box, in meters, surrounding the object's center pose.\n"
        "geometry_msgs/Vector3 size\n"
    ),
}


class MessageFactory(Protocol):
    """Builds ROS messages by type name, e.g. `new("geometry_msgs/msg/Point", x=1.0)`."""

    def type(self, name: str) -> Any:
        """The message class (for constants such as `Marker.SPHERE`)."""

    def new(self, typename: str, /, **fields: Any) -> Any:
        """A message with `fields` set and every other field at its default."""

    def sequence(self, values: np.ndarray) -> Any:
        """The value a numeric sequence field (`uint8[]`, `uint32[]`, ...) takes, from a numpy array of that type."""


# --------------------------------------------------------------------------- definitions


def msgs_dir() -> Path:
    """The find3d_msgs folder holding msg/ and srv/: $FIND3D_MSGS_DIR, the ament share dir, or the source tree."""
    candidates = []
    if env := os.environ.get("FIND3D_MSGS_DIR"):
        candidates.append(Path(env))
    try:  # a sourced ROS workspace installs the .msg/.srv files under share/find3d_msgs
        from ament_index_python.packages import get_package_share_directory

        candidates.append(Path(get_package_share_directory(MSGS_PACKAGE)))
    except Exception:  # noqa: BLE001 - not installed or no ament at all
        pass
    candidates.append(Path(__file__).resolve().parents[2] / MSGS_PACKAGE)
    for folder in candidates:
        if (folder / "msg" / "PartSegment.msg").is_file():
            return folder
    raise FileNotFoundError(
        f"cannot find the {MSGS_PACKAGE} definitions (looked in {', '.join(map(str, candidates))}): "
        "set FIND3D_MSGS_DIR to the find3d_msgs folder of the find3d repository"
    )


def split_service(text: str) -> tuple[str, str]:
    """The request and response parts of a .srv definition."""
    lines = text.splitlines()
    cuts = [i for i, line in enumerate(lines) if line.strip() == "---"]
    if len(cuts) != 1:
        raise ValueError(f"a .srv definition needs exactly one '---' line, found {len(cuts)}")
    cut = cuts[0]
    return "\n".join(lines[:cut]) + "\n", "\n".join(lines[cut + 1 :]) + "\n"


def find3d_definitions(folder: Path | None = None) -> dict[str, str]:
    """Message type name -> .msg text for find3d_msgs (services as their _Request/_Response messages)."""
    folder = folder or msgs_dir()
    texts = {name: (folder / rel).read_text() for name, rel in MESSAGE_FILES.items()}
    for name, rel in SERVICE_FILES.items():
        request, response = split_service((folder / rel).read_text())
        texts[f"{name}_Request"] = request
        texts[f"{name}_Response"] = response
    return texts


def make_typestore(distro: str = "humble", folder: Path | None = None):
    """A rosbags typestore of a ROS 2 distro plus vision_msgs/BoundingBox3D and find3d_msgs."""
    from rosbags.typesys import Stores, get_types_from_msg, get_typestore

    stores = {"humble": Stores.ROS2_HUMBLE, "jazzy": Stores.ROS2_JAZZY}
    if distro not in stores:
        raise ValueError(f"distro must be one of {sorted(stores)}; got {distro!r}")
    store = get_typestore(stores[distro])
    types = {}
    for name, text in {**VISION_MSGS, **find3d_definitions(folder)}.items():
        if name not in store.fielddefs:
            # The .msg parser files every type under <pkg>/msg/; services keep their /srv/ name here.
            parsed = get_types_from_msg(text, name.replace("/srv/", "/msg/"))
            if parsed:  # the definition parsed last is the one registered under this name
                types[name] = list(parsed.values())[-1]
    store.register(types)
    return store


# --------------------------------------------------------------------------- factories


class RosbagsFactory:
    """Messages as rosbags dataclasses, ready for `typestore.serialize_cdr` and rosbag2 files."""

    def __init__(self, typestore) -> None:
        self.typestore = typestore

    def type(self, name: str) -> Any:
        try:
            return self.typestore.types[name]
        except KeyError:
            raise KeyError(f"message type {name!r} is not in the typestore") from None

    def new(self, typename: str, /, **fields: Any) -> Any:
        cls = self.type(typename)
        _, defs = self.typestore.fielddefs[typename]
        unknown = set(fields) - {f for f, _ in defs}
        if unknown:
            raise TypeError(f"{typename} has no field(s) {sorted(unknown)}")
        for fname, desc in defs:
            if fname not in fields:
                fields[fname] = self._default(desc)
        return cls(**fields)

    def sequence(self, values: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(values).reshape(-1)

    def _default(self, desc) -> Any:
        from rosbags.interfaces import Nodetype

        kind, detail = desc
        if kind == Nodetype.BASE:
            return _base_default(detail[0])
        if kind == Nodetype.NAME:
            return self.new(detail)
        sub, length = detail
        if kind == Nodetype.ARRAY:
            if sub[0] == Nodetype.BASE and sub[1][0] != "string":
                return np.zeros(length, dtype=_NUMPY[sub[1][0]])
            return [self._default(sub) for _ in range(length)]
        if sub[0] == Nodetype.BASE and sub[1][0] != "string":  # SEQUENCE of numbers
            return np.zeros(0, dtype=_NUMPY[sub[1][0]])
        return []


_NUMPY = {
    "bool": np.bool_, "byte": np.uint8, "char": np.uint8, "octet": np.uint8,
    "int8": np.int8, "uint8": np.uint8, "int16": np.int16, "uint16": np.uint16,
    "int32": np.int32, "uint32": np.uint32, "int64": np.int64, "uint64": np.uint64,
    "float32": np.float32, "float64": np.float64,
}  # fmt: skip


def _base_default(typ: str) -> Any:
    if typ == "string":
        return ""
    if typ == "bool":
        return False
    if typ.startswith("float"):
        return 0.0
    return 0


class RclpyFactory:
    """Messages as the rclpy classes generated by rosidl (import on first use)."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def type(self, name: str) -> Any:
        if name not in self._cache:
            package, kind, short = name.split("/")
            part = None
            if kind == "srv" and short.endswith(("_Request", "_Response")):
                short, part = short.rsplit("_", 1)
            cls = getattr(importlib.import_module(f"{package}.{kind}"), short)
            self._cache[name] = getattr(cls, part) if part else cls
        return self._cache[name]

    def new(self, typename: str, /, **fields: Any) -> Any:
        return self.type(typename)(**fields)

    def sequence(self, values: np.ndarray) -> array.array:
        # rclpy stores an array.array of the field's type code as is; anything else (a numpy array
        # included) is checked and copied element by element, which is slow for a cloud's data.
        values = np.ascontiguousarray(values).reshape(-1)
        out = array.array(_TYPECODES[values.dtype.str[1:]])
        native = values.astype(values.dtype.newbyteorder("="), copy=False)
        out.frombytes(native.view(np.uint8).data)  # frombytes takes only byte-formatted buffers
        return out


# numpy type code -> array.array type code of the same size (Linux/macOS: I and i are 4 bytes, q and Q 8).
_TYPECODES = {
    "i1": "b", "u1": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I",
    "i8": "q", "u8": "Q", "f4": "f", "f8": "d", "b1": "B",
}  # fmt: skip
