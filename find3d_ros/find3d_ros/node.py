"""find3d_node: a lifecycle node (rclpy) over logic.Find3DLogic, which holds everything that is not ROS plumbing.

Lifecycle (ROS 2 managed node):
    configure    read and check the parameters, load the model and warm it up; on failure the transition fails and
                 the reason is logged and reported on /diagnostics (the node stays up, unconfigured)
    activate     subscribe to the input topic, advertise the outputs and the ~/query_parts service
    deactivate   close them again;  cleanup: release the model and tf2;  shutdown: both
`main()` configures and activates at start unless the `autostart` parameter is false.

Topics (relative names live under the node: /<namespace>/find3d_node/...):
    input_topic (parameter)      sensor_msgs/PointCloud2 in; SensorDataQoS (best effort) unless input_reliability
    ~/labeled_cloud              sensor_msgs/PointCloud2 out: x, y, z, rgb, label, score   (RELIABLE)
    ~/markers                    visualization_msgs/MarkerArray out: spheres, labels, boxes (RELIABLE)
    ~/parts/<query>              sensor_msgs/PointCloud2 out, one per standing query       (RELIABLE)
    /diagnostics                 diagnostic_msgs/DiagnosticArray every diagnostic_period seconds, in every state
Service:
    ~/query_parts                find3d_msgs/srv/QueryParts

Threads: the cloud callback only stores the message and wakes the standing-query callback; that one and the
service run in two mutually exclusive callback groups on a MultiThreadedExecutor, so a query is answered while a
standing segmentation runs (they share the model through a lock; the service never waits for a new cloud). tf2's
subscriptions, the lifecycle services and the diagnostics timer spin on the same executor: no thread of their own,
so SIGINT/SIGTERM stop everything at once.
"""

from __future__ import annotations

import signal
import threading
import traceback
from typing import Any

import rclpy
import tf2_ros
from diagnostic_msgs.msg import DiagnosticArray
from rcl_interfaces.msg import ParameterDescriptor, SetParametersResult
from rclpy.callback_groups import MutuallyExclusiveCallbackGroup
from rclpy.duration import Duration
from rclpy.exceptions import InvalidParameterTypeException, ParameterException
from rclpy.executors import MultiThreadedExecutor
from rclpy.lifecycle import LifecycleNode, LifecycleState, TransitionCallbackReturn
from rclpy.parameter import Parameter
from rclpy.qos import DurabilityPolicy, HistoryPolicy, QoSProfile, ReliabilityPolicy
from rclpy.signals import SignalHandlerOptions
from rclpy.time import Time
from sensor_msgs.msg import Image, PointCloud2
from visualization_msgs.msg import MarkerArray

from find3d_msgs.srv import QueryParts
from find3d_ros.interfaces import RclpyFactory
from find3d_ros.logic import (
    Find3DLogic,
    Settings,
    TransformUnavailable,
    Wanted,
    default_value,
    parameter_specs,
    topic_slug,
)
from find3d_ros.outputs import make_header
from find3d_ros.transforms import matrix_from_transform

NODE_NAME = "find3d_node"
_SIGNAL_POLL_S = 0.1  # how long a SIGINT/SIGTERM may wait for the executor to come back to Python
RESULT_QOS = QoSProfile(
    history=HistoryPolicy.KEEP_LAST, depth=1, reliability=ReliabilityPolicy.RELIABLE,
    durability=DurabilityPolicy.VOLATILE,
)  # fmt: skip
# Parameters whose default is an empty list need their type spelled out (rclpy cannot infer it from []).
EMPTY_LIST_TYPES = {"queries": Parameter.Type.STRING_ARRAY, "crop_box": Parameter.Type.DOUBLE_ARRAY}
OURS = frozenset(spec.name for spec in parameter_specs())


def input_qos(settings: Settings) -> QoSProfile:
    """SensorDataQoS (REP-2003: best effort, volatile) or reliable, keeping the last `input_depth` clouds."""
    reliability = ReliabilityPolicy.RELIABLE if settings.input_reliability == "reliable" else ReliabilityPolicy.BEST_EFFORT
    return QoSProfile(
        history=HistoryPolicy.KEEP_LAST, depth=settings.input_depth, reliability=reliability,
        durability=DurabilityPolicy.VOLATILE,
    )  # fmt: skip


class Find3DNode(LifecycleNode):
    """Segments point clouds into the parts named by text queries (service + standing queries)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(NODE_NAME, **kwargs)
        self.parameter_errors: list[str] = []
        self._declare_parameters()
        self.declare_parameter("autostart", True, ParameterDescriptor(
            description="Configure and activate at start (false: wait for lifecycle transitions).", read_only=True))
        self.logic = Find3DLogic(RclpyFactory(), Settings(), lookup=self._lookup, log=self.get_logger(),
                                 name=self.get_fully_qualified_name())  # fmt: skip
        self.logic.model_error = "node not configured"
        self.tf_buffer: tf2_ros.Buffer | None = None
        self.tf_listener: tf2_ros.TransformListener | None = None
        self.cloud_group = MutuallyExclusiveCallbackGroup()
        self.service_group = MutuallyExclusiveCallbackGroup()
        self.part_publishers: list[tuple[str, str, Any]] = []  # (query, topic slug, publisher)
        self.active = False  # activate() opened the topics and service below
        self._interfaces_lock = threading.Lock()  # parameter updates vs. activate/deactivate
        self.add_on_set_parameters_callback(self._on_set_parameters)
        period = self._startup_diagnostic_period()
        self.diagnostics_pub = self.create_publisher(DiagnosticArray, "/diagnostics", 10)
        self.create_timer(period, self._publish_status, callback_group=MutuallyExclusiveCallbackGroup())

    # ---- lifecycle ---------------------------------------------------------------------------------------------

    def on_configure(self, state: LifecycleState) -> TransitionCallbackReturn:
        """Check the parameters, start tf2, load and warm up the model; FAILURE (reason logged) if any fails."""
        try:  # rclpy turns an exception here into a silent ERROR transition: log it instead
            return self._configure()
        except Exception as exc:  # noqa: BLE001
            if not self.context.ok():  # SIGINT/SIGTERM while configuring: nothing to report, the process is ending
                return TransitionCallbackReturn.FAILURE
            self.get_logger().error(traceback.format_exc())
            return self._fail(f"{type(exc).__name__}: {exc}")

    def _configure(self) -> TransitionCallbackReturn:
        try:
            settings = self._read_settings()
        except ValueError as exc:
            return self._fail(f"bad parameter: {exc}")
        self.logic.settings = settings
        if not self.logic.configure():
            return self._fail(self.logic.model_error)
        try:
            seconds = self.logic.warm_up()
        except Exception as exc:  # noqa: BLE001 - a model that cannot segment is a failed configure
            self.logic.release()
            return self._fail(f"model warm-up failed ({type(exc).__name__}): {exc}")
        self.get_logger().info(f"model warmed up in {seconds:.1f} s")
        self.tf_buffer = tf2_ros.Buffer()
        # No spin_thread: a listener spinning its own executor kept the process from exiting on SIGINT/SIGTERM.
        self.tf_listener = tf2_ros.TransformListener(self.tf_buffer, self, spin_thread=False)
        return TransitionCallbackReturn.SUCCESS

    def on_activate(self, state: LifecycleState) -> TransitionCallbackReturn:
        """Open the subscription, publishers and service."""
        s = self.logic.settings
        with self._interfaces_lock:
            self.labelled_pub = self.create_publisher(PointCloud2, "~/labeled_cloud", RESULT_QOS)
            self.image_pub = self.create_publisher(Image, "~/labeled_image", RESULT_QOS)
            self.marker_pub = self.create_publisher(MarkerArray, "~/markers", RESULT_QOS)
            self._update_part_publishers(s.queries)
            self.standing_wakeup = self.create_guard_condition(self._on_standing, callback_group=self.cloud_group)
            self.cloud_sub = self.create_subscription(PointCloud2, s.input_topic, self._on_cloud, input_qos(s))
            self.query_srv = self.create_service(
                QueryParts, "~/query_parts", self._on_query, callback_group=self.service_group
            )
            self.active = True
        base = f"{self.get_namespace().rstrip('/')}/{self.get_name()}"
        self.get_logger().info(
            f"listening on {s.input_topic} ({s.input_reliability}, depth {s.input_depth}); standing queries: "
            f"{s.queries or 'none'}; service {base}/query_parts"
        )
        return super().on_activate(state)

    def on_deactivate(self, state: LifecycleState) -> TransitionCallbackReturn:
        self._close_interfaces()
        return super().on_deactivate(state)

    def on_cleanup(self, state: LifecycleState) -> TransitionCallbackReturn:
        self._release()
        return TransitionCallbackReturn.SUCCESS

    def on_shutdown(self, state: LifecycleState) -> TransitionCallbackReturn:
        self._close_interfaces()
        self._release()
        return TransitionCallbackReturn.SUCCESS

    def on_error(self, state: LifecycleState) -> TransitionCallbackReturn:
        self._close_interfaces()
        self._release()
        return TransitionCallbackReturn.SUCCESS

    def _fail(self, reason: str | None) -> TransitionCallbackReturn:
        self.logic.model_error = f"configure failed: {reason}"
        self.get_logger().error(self.logic.model_error)
        return TransitionCallbackReturn.FAILURE

    def _close_interfaces(self) -> None:
        with self._interfaces_lock:
            if not self.active:
                return
            self.active = False
            self._update_part_publishers([])
            self.destroy_subscription(self.cloud_sub)
            self.destroy_service(self.query_srv)
            self.destroy_guard_condition(self.standing_wakeup)
            self.destroy_publisher(self.labelled_pub)
            self.destroy_publisher(self.image_pub)
            self.destroy_publisher(self.marker_pub)

    def _release(self) -> None:
        if self.tf_listener is not None:
            self.tf_listener.unregister()
        self.tf_listener = self.tf_buffer = None
        self.logic.release()

    def state_label(self) -> str:
        return self._state_machine.current_state[1]

    def _publish_status(self) -> None:
        header = make_header(self.logic.factory, self.get_clock().now().to_msg(), "")
        self.diagnostics_pub.publish(self.logic.status(header, self.state_label()))

    # ---- parameters ---------------------------------------------------------------------------------------------

    def _declare_parameters(self) -> None:
        """Declare every parameter; a start-up value of the wrong type is recorded (configure fails with it) instead
        of stopping the process, and the parameter keeps its default."""
        for spec in parameter_specs():
            default = default_value(spec)
            descriptor = ParameterDescriptor(
                description=spec.metadata["description"], read_only=spec.metadata["read_only"]
            )
            value = EMPTY_LIST_TYPES[spec.name] if default == [] else default
            try:
                self.declare_parameter(spec.name, value, descriptor)
            except (InvalidParameterTypeException, ParameterException) as exc:
                self.parameter_errors.append(f"{spec.name}: {exc}")
                self.declare_parameter(spec.name, value, descriptor, ignore_override=True)

    def _read_settings(self) -> Settings:
        """The declared values as Settings; ValueError naming the bad parameter."""
        if self.parameter_errors:
            raise ValueError("; ".join(self.parameter_errors))
        values = {}
        for spec in parameter_specs():
            param = self.get_parameter_or(spec.name, None)
            unset = param.type_ == Parameter.Type.NOT_SET
            values[spec.name] = default_value(spec) if unset else param.value
        return Settings().replaced(values)

    def _startup_diagnostic_period(self) -> float:
        """diagnostic_period as given, or its default when it is not a valid period (configure reports it)."""
        value = self.get_parameter("diagnostic_period").value
        try:
            return Settings(diagnostic_period=float(value)).diagnostic_period
        except (TypeError, ValueError):
            return default_value(Settings.__dataclass_fields__["diagnostic_period"])

    def _on_set_parameters(self, params: list[Parameter]) -> SetParametersResult:
        """Validate and apply runtime changes (queries, thresholds, crop box, target frame, ...)."""
        changes = {p.name: p.value for p in params if p.name in OURS}  # use_sim_time & co. are rclpy's business
        if not changes:
            return SetParametersResult(successful=True)
        try:
            Settings().replaced(changes)  # every rule concerns one parameter: check the new values alone
            settings = self.logic.settings.replaced(changes)
        except ValueError as exc:
            return SetParametersResult(successful=False, reason=str(exc))
        self.logic.settings = settings
        with self._interfaces_lock:
            if self.active:  # the ~/parts/<query> topics follow the standing queries
                self._update_part_publishers(settings.queries)
        return SetParametersResult(successful=True)

    def _update_part_publishers(self, queries: list[str]) -> None:
        """One ~/parts/<query> publisher per standing query; publishers of dropped queries are destroyed."""
        slugs: list[str] = []
        for query in queries:
            slugs.append(topic_slug(query, slugs))
        reusable = {(query, slug): pub for query, slug, pub in self.part_publishers}
        fresh = []
        for query, slug in zip(queries, slugs):
            pub = reusable.pop((query, slug), None)
            fresh.append((query, slug, pub or self.create_publisher(PointCloud2, f"~/parts/{slug}", RESULT_QOS)))
        for pub in reusable.values():
            self.destroy_publisher(pub)
        self.part_publishers = fresh

    # ---- callbacks ------------------------------------------------------------------------------------------------

    def _on_cloud(self, msg: PointCloud2) -> None:
        """Keep the cloud and wake the standing queries: returns at once, so DDS never holds clouds back."""
        self.logic.on_cloud(msg)
        if self.logic.settings.queries:
            self.standing_wakeup.trigger()

    def _on_standing(self) -> None:
        msg = self.logic.latest.take()
        if msg is None:
            return
        with self._interfaces_lock:
            if not self.active:  # deactivated meanwhile
                return
            parts = self.part_publishers  # snapshots: a parameter update may swap them meanwhile
            labelled_pub, marker_pub, image_pub = self.labelled_pub, self.marker_pub, self.image_pub
        in_step = [query for query, _, _ in parts] == self.logic.settings.queries
        wanted = Wanted(
            labelled=labelled_pub.get_subscription_count() > 0,
            markers=marker_pub.get_subscription_count() > 0,
            part_queries={k for k, (_, _, pub) in enumerate(parts) if in_step and pub.get_subscription_count() > 0},
            image=image_pub.get_subscription_count() > 0,
        )
        out = self.logic.process_standing(msg, wanted)
        if out is None or out.error:
            return
        if out.labelled is not None:
            labelled_pub.publish(out.labelled)
        if out.markers is not None:
            marker_pub.publish(out.markers)
        if out.image is not None:
            image_pub.publish(out.image)
        for k, cloud in out.part_clouds.items():
            if k < len(parts):
                parts[k][2].publish(cloud)

    def _on_query(self, request: QueryParts.Request, response: QueryParts.Response) -> QueryParts.Response:
        return self.logic.handle_query(request, response)

    def _lookup(self, target: str, source: str, stamp: Any, timeout: float):
        """4x4 source -> target at the cloud's stamp, waiting at most `timeout` seconds for tf2."""
        buffer = self.tf_buffer
        if buffer is None:
            raise TransformUnavailable("tf2 is not running (node not configured)")
        try:
            transform = buffer.lookup_transform(target, source, Time.from_msg(stamp), timeout=Duration(seconds=timeout))
        except tf2_ros.TransformException as exc:
            raise TransformUnavailable(
                f"no transform from '{source}' to '{target}' within {timeout} s: {exc}"
            ) from None
        return matrix_from_transform(transform.transform)


def main(args: list[str] | None = None) -> None:
    """Run find3d_node until SIGINT/SIGTERM, then exit 0.

    The signals only set a flag: the node is taken down in order (executor threads joined, node destroyed, context
    shut down last). With rclpy's own handlers the context shuts down inside the signal, under callbacks still
    running on the executor's threads, and Fast DDS now and then crashed (SIGSEGV) on the way out.
    """
    rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    node = Find3DNode()
    executor = MultiThreadedExecutor(num_threads=4)
    executor.add_node(node)
    try:
        if node.get_parameter("autostart").value:
            # Through the executor, so the lifecycle services, tf2 and diagnostics run while the model loads.
            executor.create_task(_autostart, node)
        while not stop.is_set() and rclpy.ok():
            executor.spin_once(timeout_sec=_SIGNAL_POLL_S)  # the Python signal handler runs between waits
    finally:
        executor.shutdown()
        node.destroy_node()
        rclpy.try_shutdown()


def _autostart(node: Find3DNode) -> None:
    if node.trigger_configure() == TransitionCallbackReturn.SUCCESS:
        node.trigger_activate()


if __name__ == "__main__":
    main()
