"""Which way is up: the one place that turns a cloud's up axis (or a support plane) into a rotation.

Find3D's network was trained on y-up objects (its data is z-up and its preprocessing remaps (x, y, z) -> (-x, z, y)).
find3d levels every object into a z-up frame first and then applies that remap, so a cloud only has to say which of
its axes points up ("z" for ROS body frames, "-y" for camera optical frames). In scene mode the support plane's
normal is a better "up" than any camera axis, because a head camera looks down at the table: `level_rotation` tilts
the named axis onto the plane normal when the two roughly agree.
"""

from __future__ import annotations

import numpy as np

# The z-up frame's remap to the network's frame (Find3D's "-x,z,y").
MODEL_AXIS_ORDER = "-x,z,y"
# For each up axis, the signed axis remap that brings it to the network's y-up frame (all proper rotations). A
# level_rotation followed by MODEL_AXIS_ORDER equals these exactly for an axis-aligned up.
AXIS_ORDER_FOR_UP = {"z": "-x,z,y", "y": "x,y,z", "-y": "x,-y,-z", "-z": "x,-z,y", "x": "y,x,-z", "-x": "y,-x,z"}
UP_AXES = tuple(sorted(AXIS_ORDER_FOR_UP))
# A support plane tilted further than this from the named up axis is not trusted as the floor or a table. A camera
# pitched down by p sees the table's normal p away from its -y axis, and a wall it faces 90 + p away: robot heads
# look down by up to ~75 degrees, walls are never nearer than 90.
MAX_PLANE_TILT_DEG = 80.0


# Mesh files (engine/assets.py) name their up axis too; these exact matrices turn it into +z: the smallest rotation
# (`rotation_between`) where there is one, written out so that asset bytes do not depend on rounding.
_FILE_UP_TO_Z = {
    "z": np.eye(3),
    "y": np.array([[1.0, 0, 0], [0, 0, -1], [0, 1, 0]]),  # (x, y, z) -> (x, -z, y)
    "-y": np.array([[1.0, 0, 0], [0, 0, 1], [0, -1, 0]]),
    "x": np.array([[0, 0, -1.0], [0, 1, 0], [1, 0, 0]]),
    "-z": np.diag([1.0, -1.0, -1.0]),  # half a turn about x
}


def rotation_to_z(up: str) -> np.ndarray:
    """Rotation taking a mesh file's up axis ("z", "y", "-y", "x", "-z") to +z, keeping a right-handed frame."""
    if up not in _FILE_UP_TO_Z:
        raise ValueError(f"up axis {up!r} not understood; use one of {sorted(_FILE_UP_TO_Z)}")
    return _FILE_UP_TO_Z[up]


def check_up_axis(up_axis: str) -> str:
    """`up_axis` if it names one ("z", "-y", ...); ValueError listing the choices otherwise."""
    if up_axis not in AXIS_ORDER_FOR_UP:
        raise ValueError(f"up_axis must be one of {list(UP_AXES)}; got {up_axis!r}")
    return up_axis


def up_vector(up_axis: str) -> np.ndarray:
    """(3,) unit vector of a signed axis name."""
    axis = check_up_axis(up_axis)
    v = np.zeros(3)
    v["xyz".index(axis[-1])] = -1.0 if axis.startswith("-") else 1.0
    return v


def axis_matrix(axis_order: str) -> np.ndarray:
    """Signed permutation P for an order like "-x,z,y": remapped = xyz @ P.T."""
    parts = [p.strip().lower() for p in axis_order.split(",")]
    names = [p.lstrip("+-") for p in parts]
    if len(parts) != 3 or sorted(names) != ["x", "y", "z"]:
        raise ValueError(f"axis_order {axis_order!r} must name x, y and z once each, e.g. '-x,z,y'")
    p = np.zeros((3, 3))
    for row, (part, name) in enumerate(zip(parts, names)):
        p[row, "xyz".index(name)] = -1.0 if part.startswith("-") else 1.0
    return p


def rotation_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The smallest rotation taking unit vector `a` to unit vector `b` (Rodrigues)."""
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)
    axis, cos = np.cross(a, b), float(np.dot(a, b))
    if np.linalg.norm(axis) < 1e-12:
        if cos > 0:
            return np.eye(3)
        ortho = np.eye(3)[int(np.argmin(np.abs(a)))]  # a half turn about any axis normal to a
        axis = np.cross(a, ortho) / np.linalg.norm(np.cross(a, ortho))
        return 2.0 * np.outer(axis, axis) - np.eye(3)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + k + k @ k / (1.0 + cos)


def level_rotation(up_axis: str, plane_normal: np.ndarray | None = None) -> np.ndarray:
    """3x3 rotation R taking points of a cloud whose up is `up_axis` into find3d's z-up object frame (x' = R x).

    With a `plane_normal` (a support plane's unit normal, on the sensor's side) within MAX_PLANE_TILT_DEG of the up
    axis, the cloud is first tilted so that the normal becomes the up axis: objects on a table seen by a tilted camera
    come out upright.
    """
    to_z = axis_matrix(MODEL_AXIS_ORDER).T @ axis_matrix(AXIS_ORDER_FOR_UP[check_up_axis(up_axis)])
    if plane_normal is None:
        return to_z
    up, normal = up_vector(up_axis), np.asarray(plane_normal, dtype=np.float64)
    tilt = np.degrees(np.arccos(np.clip(np.dot(up, normal) / np.linalg.norm(normal), -1.0, 1.0)))
    if tilt > MAX_PLANE_TILT_DEG:
        return to_z
    return to_z @ rotation_between(normal, up)
