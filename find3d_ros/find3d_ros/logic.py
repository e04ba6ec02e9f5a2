"""What find3d_node does, without rclpy: parameters, the latest cloud, the QueryParts service, standing queries.

node.py wires this to rclpy (subscriptions, publishers, tf2, executor); bag.py runs the same pipeline over a
rosbag2. Messages are built through a `MessageFactory`, transforms come from a `lookup` callable, and every
failure ends as a log line plus a reason (a `success: false` response or a skipped frame), never an exception
out of a callback.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from find3d_core.geometry.cloud import CloudError, PointCloud
from find3d_core.geometry.up import check_up_axis
from find3d_core.inference.predictor import check_queries
from find3d_ros.conversions import msg_to_cloud
from find3d_ros.outputs import (
    labelled_cloud_msg,
    labelled_image_msg,
    latency_msg,
    make_header,
    marker_array_msg,
    part_segment_msg,
    query_cloud_msgs,
    status_msg,
)
from find3d_ros.transforms import transform_cloud, transform_part

UP_VECTORS = {"x": (1, 0, 0), "-x": (-1, 0, 0), "y": (0, 1, 0), "-y": (0, -1, 0), "z": (0, 0, 1), "-z": (0, 0, -1)}
RELIABILITIES = ("best_effort", "reliable")
WARM_UP_POINTS = 2000


def _param(default: Any, description: str, read_only: bool = False) -> Any:
    meta = {"description": description, "read_only": read_only}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class Settings:
    """The node's parameters (config/find3d.yaml). Read-only ones are used once, at configure time."""

    checkpoint: str = _param(
        "", "Find3D checkpoint (.safetensors). Empty: the trained default shipped with find3d_core, or untrained "
        "weights (results are meaningless) when none ships.", read_only=True)  # fmt: skip
    text_encoder: str = _param(
        "", "Text encoder name or folder (e.g. 'minilm', a SigLIP directory). Empty: the checkpoint's own.",
        read_only=True)  # fmt: skip
    device: str = _param("auto", "Torch device: 'auto' (cuda when available), 'cpu', 'cuda', 'cuda:1'.", read_only=True)
    backend: str = _param(
        "torch", "Where the network runs: 'torch', 'onnxruntime' or 'tensorrt' (an NVIDIA GPU with TensorRT).",
        read_only=True)  # fmt: skip
    onnx: str = _param(
        "", "ONNX file for onnxruntime/tensorrt (from `find3d export`). Empty: exported once into ~/.cache/find3d.",
        read_only=True)  # fmt: skip
    up_axis: str = _param(
        "-y", "Axis pointing up in the frame the model sees (the target_frame parameter, else the cloud's): '-y' for "
        "camera optical frames (z forward, y down), 'z' when target_frame is a z-up robot frame such as base_link. "
        "A request's own target_frame only changes the frame results are given in.",
        read_only=True)  # fmt: skip
    input_topic: str = _param(
        "/camera/depth/color/points", "sensor_msgs/PointCloud2 topic to segment (latest only).",
        read_only=True)  # fmt: skip
    input_reliability: str = _param(
        "best_effort", "QoS reliability of the input subscription: 'best_effort' (SensorDataQoS, REP-2003) or "
        "'reliable'. Fast DDS's default transports lose multi-MB clouds to a best-effort subscriber: use 'reliable' "
        "for 640x480 clouds (or FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA with default discovery).", read_only=True)  # fmt: skip
    input_depth: int = _param(1, "QoS history depth of the input subscription (1: only the latest cloud).", read_only=True)
    queries: list = _param([], "Standing queries: part names segmented in every new cloud and published. "
                           "Empty: only the ~/query_parts service runs.")  # fmt: skip
    object_name: str = _param("", "Object the standing queries' parts belong to ('<part> of a <object>'); empty: bare names.")
    scene: bool = _param(False, "Standing queries: true splits the cloud into objects on a support plane first.")
    crop_box: list = _param(
        [], "Axis-aligned box kept before segmentation, in the output frame: [min_x, min_y, min_z, max_x, max_y, "
        "max_z] metres. Empty: no crop.")  # fmt: skip
    max_points: int = _param(0, "At most this many points are segmented (evenly thinned); 0: find3d_core's default.")
    score_threshold: float = _param(
        0.0, "Points whose winning probability is below this stay unlabelled (0..1). Service requests may raise it.")
    target_frame: str = _param("", "Frame results are expressed in (via tf2). Empty: the cloud's own frame.")
    tf_timeout: float = _param(0.1, "Seconds to wait for a transform to target_frame before giving up.")
    marker_scale: float = _param(0.02, "Size of the centroid spheres and text markers, metres.")
    diagnostic_period: float = _param(
        1.0, "Seconds between /diagnostics status messages (model state, latency, dropped clouds).", read_only=True)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ValueError naming the first bad parameter and what it should be."""
        if not isinstance(self.queries, (list, tuple)) or not all(isinstance(q, str) for q in self.queries):
            raise ValueError(f"queries must be a list of strings; got {self.queries!r}")
        if self.queries:
            check_queries(self.queries)
        check_up_axis(self.up_axis)
        if self.input_reliability not in RELIABILITIES:
            raise ValueError(f"input_reliability must be one of {list(RELIABILITIES)}; got {self.input_reliability!r}")
        if not self.input_depth >= 1:
            raise ValueError(f"input_depth must be >= 1; got {self.input_depth}")
        if not (math.isfinite(self.diagnostic_period) and self.diagnostic_period > 0.0):
            raise ValueError(f"diagnostic_period must be > 0 seconds; got {self.diagnostic_period}")
        if len(self.crop_box) not in (0, 6) or not all(math.isfinite(v) for v in self.crop_box):
            raise ValueError(f"crop_box must be empty or 6 finite numbers (min xyz, max xyz); got {list(self.crop_box)}")
        if self.crop_box and not all(lo <= hi for lo, hi in zip(self.crop_box[:3], self.crop_box[3:])):
            raise ValueError(f"crop_box min {list(self.crop_box[:3])} exceeds max {list(self.crop_box[3:])}")
        if self.max_points < 0:
            raise ValueError(f"max_points must be >= 0 (0 = default); got {self.max_points}")
        if not 0.0 <= self.score_threshold <= 1.0:
            raise ValueError(f"score_threshold must be within [0, 1]; got {self.score_threshold}")
        if not (math.isfinite(self.tf_timeout) and self.tf_timeout >= 0.0):
            raise ValueError(f"tf_timeout must be >= 0 seconds; got {self.tf_timeout}")
        if not self.marker_scale > 0.0:
            raise ValueError(f"marker_scale must be > 0; got {self.marker_scale}")

    def crop(self) -> tuple[np.ndarray, np.ndarray] | None:
        if not self.crop_box:
            return None
        box = np.asarray(self.crop_box, dtype=np.float32)
        return box[:3], box[3:]

    def replaced(self, changes: dict[str, Any]) -> Settings:
        """A validated copy with `changes` applied (ValueError on unknown names or bad values)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ValueError(f"unknown parameter(s): {sorted(unknown)}")
        return dataclasses.replace(self, **{k: _coerce(getattr(self, k), v) for k, v in changes.items()})


def _coerce(current: Any, value: Any) -> Any:
    """ROS hands out ints where a float parameter is written without a dot, and tuples/arrays for lists."""
    if isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(current, list) and not isinstance(value, str):
        return list(value)
    return value


def parameter_specs() -> list[dataclasses.Field]:
    """The declared parameters: name, default, metadata['description'], metadata['read_only']."""
    return list(dataclasses.fields(Settings))


def default_value(spec: dataclasses.Field) -> Any:
    return spec.default_factory() if spec.default is dataclasses.MISSING else spec.default


def topic_slug(query: str, taken: Sequence[str] = ()) -> str:
    """A ROS topic-name token for a query ('coffee mug handle' -> 'coffee_mug_handle'), unique among `taken`."""
    slug = re.sub(r"[^a-z0-9_]+", "_", query.lower()).strip("_") or "part"
    slug = re.sub(r"_+", "_", slug)
    if not slug[0].isalpha():
        slug = "q_" + slug
    unique, k = slug, 2
    while unique in taken:
        unique, k = f"{slug}_{k}", k + 1
    return unique


# --------------------------------------------------------------------------- collaborators


class Log(Protocol):
    def info(self, message: str) -> Any: ...
    def warning(self, message: str) -> Any: ...
    def error(self, message: str) -> Any: ...


class TransformUnavailable(RuntimeError):
    """No transform between two frames within the timeout."""


class ModelUnavailable(RuntimeError):
    """The model could not be loaded at configure time (the reason says why)."""


# target_frame, source_frame, stamp (builtin_interfaces/Time), timeout seconds -> 4x4 matrix source -> target.
Lookup = Callable[[str, str, Any, float], np.ndarray]


class LatestCloud:
    """The most recent cloud message, and the one the standing queries have not taken yet.

    A cloud replaced before the standing queries took it counts as dropped: the segmentation was slower than the
    sensor. Writers and readers on different threads never wait on each other long.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._msg: Any = None
        self._pending: Any = None
        self.received = 0
        self.dropped = 0

    def put(self, msg: Any, standing: bool = False) -> None:
        """Keep `msg`; `standing`: it also waits for the standing queries (see take)."""
        with self._lock:
            self._msg = msg
            self.received += 1
            if standing:
                self.dropped += self._pending is not None
                self._pending = msg

    def get(self) -> Any:
        with self._lock:
            return self._msg

    def take(self) -> Any:
        """The cloud waiting for the standing queries (None if there is none), which stops waiting."""
        with self._lock:
            msg, self._pending = self._pending, None
            return msg


@dataclass
class Wanted:
    """Which standing outputs have subscribers (nothing is computed for the others)."""

    labelled: bool = False
    markers: bool = False
    part_queries: set[int] = field(default_factory=set)
    image: bool = False  # organized clouds only: an unorganized one has no image to paint

    @classmethod
    def everything(cls, num_queries: int) -> Wanted:
        return cls(True, True, set(range(num_queries)), True)

    def any(self) -> bool:
        return self.labelled or self.markers or bool(self.part_queries) or self.image


@dataclass
class Frame:
    """One segmented cloud: the cloud in the output frame, the header to stamp results with, the result."""

    header: Any
    cloud: PointCloud
    segmentation: Any
    timings: dict[str, float]


@dataclass
class StandingOutputs:
    """Messages for the standing-query topics (None / missing entries: not wanted) and the latency report."""

    labelled: Any = None
    markers: Any = None
    part_clouds: dict[int, Any] = field(default_factory=dict)
    image: Any = None  # also None for an unorganized cloud
    latency: Any = None
    frame: Frame | None = None
    error: str | None = None


# --------------------------------------------------------------------------- the logic


class Find3DLogic:
    """Model, latest cloud, service handling and standing queries of find3d_node."""

    def __init__(
        self,
        factory: Any,
        settings: Settings,
        lookup: Lookup | None = None,
        log: Log | None = None,
        predictor_factory: Callable[..., Any] | None = None,
        name: str = "find3d_node",
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.lookup = lookup
        self.log = log or logging.getLogger("find3d_ros")
        self.predictor_factory = predictor_factory
        self.name = name
        self.predictor: Any = None
        self.model_error: str | None = "model not configured yet"
        self.latest = LatestCloud()
        self.segmented = 0  # segmentations that succeeded (service and standing queries)
        self.failed = 0  # clouds or requests that could not be segmented
        self.last_timings: dict[str, float] = {}  # seconds per stage of the latest segmentation
        self._model_lock = threading.Lock()  # one forward pass at a time (service and standing queries share it)
        self._last_warning: dict[str, float] = {}

    # ---- lifecycle ---------------------------------------------------------------------------------------------

    def release(self) -> None:
        """Drop the model (lifecycle cleanup); configure() loads it again."""
        with self._model_lock:
            self.predictor, self.model_error = None, "model released (node cleaned up)"

    def warm_up(self) -> float:
        """One segmentation of a small synthetic cloud, so the first real cloud does not pay for lazy set-up
        (thread pools, kernels, the text encoder's first call: measured 4.5-6.5 s). Returns the seconds it took."""
        if self.predictor is None:
            raise ModelUnavailable(self.model_error)
        points = np.random.default_rng(0).uniform(-0.1, 0.1, size=(WARM_UP_POINTS, 3)).astype(np.float32)
        start = time.perf_counter()
        with self._model_lock:
            self.predictor.segment(PointCloud(xyz=points), ["part"])
        return time.perf_counter() - start

    def configure(self, predictor: Any = None) -> bool:
        """Load the model once (or take `predictor`). On failure log why and keep running; the service reports it."""
        if predictor is not None:
            self.predictor, self.model_error = predictor, None
            return True
        s = self.settings
        try:
            factory = self.predictor_factory or _default_predictor_factory()
            self.predictor = factory(
                checkpoint=s.checkpoint or None, text_encoder=s.text_encoder or None,
                device=resolve_device(s.device), up_axis=s.up_axis, backend=s.backend,
                backend_options={"onnx_path": s.onnx} if s.onnx else None,
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - any load failure must leave the node alive
            self.predictor, self.model_error = None, f"model not loaded ({type(exc).__name__}): {exc}"
            self.log.error(f"{self.model_error}; ~/query_parts will answer success=false until it is fixed")
            return False
        self.model_error = None
        info = getattr(self.predictor, "info", None)
        if info is not None and not getattr(info, "trained", True):
            self.log.warning("find3d runs with UNTRAINED weights: results are meaningless; set the checkpoint parameter")
        self.log.info(f"find3d model ready (checkpoint: {s.checkpoint or 'default'}, device: {resolve_device(s.device)})")
        return True

    # ---- input --------------------------------------------------------------------------------------------------

    def on_cloud(self, msg: Any) -> None:
        """Keep `msg` as the latest cloud (for the service and, with standing queries, for process_standing)."""
        self.latest.put(msg, standing=bool(self.settings.queries))

    # ---- service ------------------------------------------------------------------------------------------------

    def handle_query(self, request: Any, response: Any) -> Any:
        """Fill a QueryParts response; failures give success=false and the reason, logged once."""
        start = time.perf_counter()
        s = self.settings
        try:
            queries = check_queries(list(request.queries))
            min_score = float(request.min_score)
            if not 0.0 <= min_score <= 1.0:
                raise ValueError(f"min_score must be within [0, 1]; got {min_score}")
            if self.predictor is None:
                raise ModelUnavailable(self.model_error)
            msg = request.cloud if int(request.cloud.width) * int(request.cloud.height) > 0 else self.latest.get()
            if msg is None:
                raise CloudError(
                    f"no cloud received yet on {s.input_topic}; publish one there or pass a cloud in the "
                    "request"
                )
            frame = self.segment(
                msg, queries, scene=bool(request.scene), object_name=str(request.object_name),
                target_frame=str(request.target_frame), score_threshold=max(min_score, s.score_threshold), settings=s,
            )  # fmt: skip
            parts = [part_segment_msg(self.factory, frame.header, frame.cloud, p) for p in frame.segmentation.parts]
        except Exception as exc:  # noqa: BLE001 - every failure becomes a response, the node lives on
            self.failed += 1
            reason = _reason(exc)
            if _expected(exc):
                self.log.warning(f"query_parts failed: {reason}")
            else:  # a bug rather than bad input: keep the traceback
                self.log.error(f"query_parts failed: {reason}\n{traceback.format_exc()}")
            response.success, response.message, response.parts = False, reason, []
            return response
        self._report(frame)
        found = sorted({p.query for p in frame.segmentation.parts})
        response.success = True
        response.parts = parts
        response.message = (
            f"{len(parts)} part(s) for {len(queries)} quer{'y' if len(queries) == 1 else 'ies'} "
            f"(found: {', '.join(found) or 'none'}) in {len(frame.cloud)} points, frame '{frame.header.frame_id}', "
            f"{time.perf_counter() - start:.3f} s"
        )
        if not getattr(frame.segmentation, "trained", True):
            response.message += " (UNTRAINED weights: results are meaningless)"
        return response

    # ---- standing queries ---------------------------------------------------------------------------------------

    def process_standing(self, msg: Any, wanted: Wanted) -> StandingOutputs | None:
        """Segment `msg` with the standing queries and build the wanted outputs; None when nothing is wanted."""
        s = self.settings
        if not s.queries or not wanted.any():
            return None
        try:
            frame = self.segment(msg, s.queries, scene=s.scene, object_name=s.object_name, target_frame=s.target_frame,
                                 score_threshold=s.score_threshold, settings=s)  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            self.failed += 1
            reason = _reason(exc)
            self._warn_throttled(f"standing queries skipped a cloud: {reason}")
            return StandingOutputs(error=reason)
        start = time.perf_counter()
        out = StandingOutputs(frame=frame)
        seg, n = frame.segmentation, len(s.queries)
        if wanted.labelled:
            out.labelled = labelled_cloud_msg(self.factory, frame.header, frame.cloud, seg.labels, seg.scores, n)
        if wanted.image:
            out.image = labelled_image_msg(self.factory, frame.header, frame.cloud, seg.labels, n)
        if wanted.markers:
            up = UP_VECTORS[s.up_axis]
            out.markers = marker_array_msg(self.factory, frame.header, seg.parts, n, up, s.marker_scale)
        if wanted.part_queries:
            clouds = query_cloud_msgs(self.factory, frame.header, frame.cloud, seg.labels, n)
            out.part_clouds = {q: clouds[q] for q in sorted(wanted.part_queries) if q < n}
        frame.timings["outputs"] = time.perf_counter() - start
        out.latency = self._report(frame)
        return out

    def _report(self, frame: Frame) -> Any:
        """The per-stage latency of one segmentation as a DiagnosticArray (also kept for status())."""
        seg = frame.segmentation
        self.segmented += 1
        self.last_timings = dict(frame.timings)
        total = sum(frame.timings.values())
        message = f"{len(seg.parts)} part(s), {len(frame.cloud)} points, {1e3 * total:.1f} ms"
        return latency_msg(self.factory, frame.header, f"{self.name}: segmentation", frame.timings, message)

    def status(self, header: Any, state: str) -> Any:
        """The node's health as a DiagnosticArray (diagnostic_updater style): ERROR without a model, WARN while not
        active, OK otherwise; clouds received / segmented / dropped / failed and the latest latency as values."""
        counts = {"state": state, "clouds_received": self.latest.received, "segmented": self.segmented,
                  "clouds_dropped": self.latest.dropped, "failed": self.failed}  # fmt: skip
        if self.predictor is None:
            level, message = "ERROR", self.model_error or "no model"
        elif state != "active":
            level, message = "WARN", f"model ready, node {state}"
        elif self.last_timings:
            level, message = "OK", f"active; latest segmentation {1e3 * sum(self.last_timings.values()):.1f} ms"
        else:
            level, message = "OK", "active; no segmentation yet"
        return status_msg(self.factory, header, f"{self.name}: find3d", level, message, counts, self.last_timings)

    # ---- the pipeline -------------------------------------------------------------------------------------------

    def segment(
        self,
        msg: Any,
        queries: Sequence[str],
        scene: bool,
        object_name: str,
        target_frame: str,
        score_threshold: float,
        settings: Settings | None = None,
    ) -> Frame:
        """PointCloud2 -> cloud in the output frame -> Segmentation. Raises with a readable reason.

        settings: the snapshot to use (a parameter update may replace self.settings meanwhile).
        """
        s = settings or self.settings
        if self.predictor is None:
            raise ModelUnavailable(self.model_error)
        timings: dict[str, float] = {}
        start = time.perf_counter()
        cloud = msg_to_cloud(msg)
        timings["convert"] = time.perf_counter() - start
        # The model sees the cloud in the frame up_axis describes; a request's target_frame only moves the results.
        model_frame = s.target_frame or cloud.frame_id
        cloud = self._moved(cloud, model_frame, msg.header.stamp, s.tf_timeout, timings)
        with self._model_lock:
            predictor = self.predictor
            if predictor is None:  # released by a lifecycle cleanup meanwhile
                raise ModelUnavailable(self.model_error)
            seg = predictor.segment(
                cloud, list(queries), scene=scene, object_name=object_name or None, crop_box=s.crop(),
                max_points=s.max_points or None, score_threshold=score_threshold,
            )  # fmt: skip
        timings.update(seg.timings)
        output_frame = target_frame or model_frame
        if output_frame != model_frame:
            start = time.perf_counter()
            matrix = self._transform(output_frame, model_frame, msg.header.stamp, s.tf_timeout)
            cloud = transform_cloud(cloud, matrix, output_frame)
            seg = dataclasses.replace(seg, parts=[transform_part(p, matrix) for p in seg.parts])
            timings["transform"] = timings.get("transform", 0.0) + time.perf_counter() - start
        return Frame(make_header(self.factory, msg.header.stamp, output_frame), cloud, seg, timings)

    def _moved(self, cloud: PointCloud, frame: str, stamp: Any, timeout: float, timings: dict) -> PointCloud:
        """`cloud` in `frame` (through tf2 when it is another frame)."""
        if frame == cloud.frame_id:
            return cloud
        start = time.perf_counter()
        moved = transform_cloud(cloud, self._transform(frame, cloud.frame_id, stamp, timeout), frame)
        timings["transform"] = time.perf_counter() - start
        return moved

    def _transform(self, target: str, source: str, stamp: Any, timeout: float) -> np.ndarray:
        if not source:
            raise TransformUnavailable(f"the cloud has no frame_id, so it cannot be transformed to '{target}'")
        if self.lookup is None:
            raise TransformUnavailable(f"no tf2 here to transform '{source}' to '{target}'; leave target_frame empty")
        return self.lookup(target, source, stamp, timeout)

    def _warn_throttled(self, message: str, period: float = 5.0) -> None:
        now = time.monotonic()
        if now - self._last_warning.get(message, -math.inf) >= period:
            self._last_warning[message] = now
            self.log.warning(message)


def _expected(exc: BaseException) -> bool:
    """Bad input or an unavailable model/transform, as opposed to a bug."""
    return isinstance(exc, (CloudError, ValueError, TransformUnavailable, ModelUnavailable))


def _reason(exc: BaseException) -> str:
    """A one-line reason for a response or log line."""
    return str(exc) if _expected(exc) else f"{type(exc).__name__}: {exc}"


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _default_predictor_factory() -> Callable[..., Any]:
    from find3d_core.inference.predictor import Find3DPredictor

    return Find3DPredictor.from_checkpoint
