"""find3d_node: the rclpy adapter over logic.Find3DLogic (which holds everything that is not ROS plumbing).

Topics (relative names live under the node: /<namespace>/find3d_node/...):
    input_topic (parameter)      sensor_msgs/PointCloud2 in, SensorDataQoS depth 1 (only the latest cloud is kept)
    ~/labeled_cloud              sensor_msgs/PointCloud2 out: x, y, z, rgb, label, score   (RELIABLE)
    ~/markers                    visualization_msgs/MarkerArray out: spheres, labels, boxes (RELIABLE)
    ~/parts/<query>              sensor_msgs/PointCloud2 out, one per standing query       (RELIABLE)
    /diagnostics                 diagnostic_msgs/DiagnosticArray: per-stage latency of every segmentation
Service:
    ~/query_parts                find3d_msgs/srv/QueryParts

Threads: the cloud callback (standing queries) and the service run in two mutually exclusive callback groups
on a MultiThreadedExecutor, so a query is answered while a standing segmentation runs (they share the model
through a lock; the service never waits for a new cloud). tf2 listens on its own thread.
Lifecycle: parameters are read and the model is loaded once, in configure(); activate() opens the
interfaces. A model that fails to load leaves the node up, answering success=false with the reason.
"""

from __future__ import annotations

from typing import Any

import rclpy
import tf2_ros
from diagnostic_msgs.msg import DiagnosticArray
from find3d_msgs.srv import QueryParts
from rcl_interfaces.msg import ParameterDescriptor, SetParametersResult
from rclpy.callback_groups import MutuallyExclusiveCallbackGroup
from rclpy.duration import Duration
from rclpy.executors import ExternalShutdownException, MultiThreadedExecutor
from rclpy.node import Node
from rclpy.parameter import Parameter
from rclpy.qos import DurabilityPolicy, HistoryPolicy, QoSProfile, ReliabilityPolicy
from rclpy.time import Time
from sensor_msgs.msg import PointCloud2
from visualization_msgs.msg import MarkerArray

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
from find3d_ros.transforms import matrix_from_transform

NODE_NAME = "find3d_node"
# SensorDataQoS (best effort, volatile) with depth 1: a slow consumer only ever sees the newest cloud.
SENSOR_QOS = QoSProfile(
    history=HistoryPolicy.KEEP_LAST, depth=1, reliability=ReliabilityPolicy.BEST_EFFORT,
    durability=DurabilityPolicy.VOLATILE,
)  # fmt: skip
RESULT_QOS = QoSProfile(
    history=HistoryPolicy.KEEP_LAST, depth=1, reliability=ReliabilityPolicy.RELIABLE,
    durability=DurabilityPolicy.VOLATILE,
)  # fmt: skip
# Parameters whose default is an empty list need their type spelled out (rclpy cannot infer it from []).
EMPTY_LIST_TYPES = {"queries": Parameter.Type.STRING_ARRAY, "crop_box": Parameter.Type.DOUBLE_ARRAY}


class Find3DNode(Node):
    """Segments point clouds into the parts named by text queries (service + standing queries)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(NODE_NAME, **kwargs)
        self._declare_parameters()
        self.logic = Find3DLogic(
            RclpyFactory(), self._read_settings(), lookup=self._lookup, log=self.get_logger(), name=self.get_name()
        )
        self.cloud_group = MutuallyExclusiveCallbackGroup()
        self.service_group = MutuallyExclusiveCallbackGroup()
        self.tf_buffer = tf2_ros.Buffer()
        self.tf_listener = tf2_ros.TransformListener(self.tf_buffer, self, spin_thread=True)
        self.part_publishers: list[tuple[str, str, Any]] = []  # (query, topic slug, publisher)
        self.configure()
        self.activate()

    # ---- lifecycle ---------------------------------------------------------------------------------------------

    def configure(self) -> bool:
        """Load the model once (failure is logged and reported by the service; the node stays up)."""
        return self.logic.configure()

    def activate(self) -> None:
        """Open the subscription, publishers, service and parameter updates."""
        s = self.logic.settings
        self.labelled_pub = self.create_publisher(PointCloud2, "~/labeled_cloud", RESULT_QOS)
        self.marker_pub = self.create_publisher(MarkerArray, "~/markers", RESULT_QOS)
        self.diagnostics_pub = self.create_publisher(DiagnosticArray, "/diagnostics", 10)
        self.logic.on_latency = self.diagnostics_pub.publish
        self._update_part_publishers(s.queries)
        self.cloud_sub = self.create_subscription(
            PointCloud2, s.input_topic, self._on_cloud, SENSOR_QOS, callback_group=self.cloud_group
        )
        self.query_srv = self.create_service(
            QueryParts, "~/query_parts", self._on_query, callback_group=self.service_group
        )
        self.add_on_set_parameters_callback(self._on_set_parameters)
        base = f"{self.get_namespace().rstrip('/')}/{self.get_name()}"
        self.get_logger().info(
            f"listening on {s.input_topic}; standing queries: {s.queries or 'none'}; service {base}/query_parts"
        )

    # ---- parameters ---------------------------------------------------------------------------------------------

    def _declare_parameters(self) -> None:
        for spec in parameter_specs():
            default = default_value(spec)
            descriptor = ParameterDescriptor(
                description=spec.metadata["description"], read_only=spec.metadata["read_only"]
            )
            value = EMPTY_LIST_TYPES[spec.name] if default == [] else default
            self.declare_parameter(spec.name, value, descriptor)

    def _read_settings(self) -> Settings:
        values = {}
        for spec in parameter_specs():
            param = self.get_parameter_or(spec.name, None)
            unset = param.type_ == Parameter.Type.NOT_SET
            values[spec.name] = default_value(spec) if unset else param.value
        return Settings().replaced(values)

    def _on_set_parameters(self, params: list[Parameter]) -> SetParametersResult:
        """Validate and apply runtime changes (queries, thresholds, crop box, target frame, ...)."""
        ours = {spec.name for spec in parameter_specs()}  # use_sim_time & co. are rclpy's business
        changes = {p.name: p.value for p in params if p.name in ours}
        if not changes:
            return SetParametersResult(successful=True)
        try:
            settings = self.logic.settings.replaced(changes)
        except ValueError as exc:
            return SetParametersResult(successful=False, reason=str(exc))
        self.logic.settings = settings
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
        self.logic.on_cloud(msg)
        parts = self.part_publishers  # snapshots: a parameter update may swap them meanwhile
        in_step = [query for query, _, _ in parts] == self.logic.settings.queries
        wanted = Wanted(
            labelled=self.labelled_pub.get_subscription_count() > 0,
            markers=self.marker_pub.get_subscription_count() > 0,
            part_queries={k for k, (_, _, pub) in enumerate(parts) if in_step and pub.get_subscription_count() > 0},
        )
        out = self.logic.process_standing(msg, wanted)
        if out is None or out.error:
            return
        if out.labelled is not None:
            self.labelled_pub.publish(out.labelled)
        if out.markers is not None:
            self.marker_pub.publish(out.markers)
        for k, cloud in out.part_clouds.items():
            if k < len(parts):
                parts[k][2].publish(cloud)

    def _on_query(self, request: QueryParts.Request, response: QueryParts.Response) -> QueryParts.Response:
        return self.logic.handle_query(request, response)

    def _lookup(self, target: str, source: str, stamp: Any, timeout: float):
        """4x4 source -> target at the cloud's stamp, waiting at most `timeout` seconds for tf2."""
        try:
            transform = self.tf_buffer.lookup_transform(
                target, source, Time.from_msg(stamp), timeout=Duration(seconds=timeout)
            )
        except tf2_ros.TransformException as exc:
            raise TransformUnavailable(
                f"no transform from '{source}' to '{target}' within {timeout} s: {exc}"
            ) from None
        return matrix_from_transform(transform.transform)


def main(args: list[str] | None = None) -> None:
    rclpy.init(args=args)
    node = Find3DNode()
    executor = MultiThreadedExecutor(num_threads=4)
    executor.add_node(node)
    try:
        executor.spin()
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    finally:
        executor.shutdown()
        node.destroy_node()
        rclpy.try_shutdown()


if __name__ == "__main__":
    main()
