"""A small stand-in for the parts of rclpy, tf2_ros and generated message modules that find3d_node uses.

It behaves like rclpy where find3d's code could get it wrong: the same call signatures (keyword-only
arguments included), QoS profile objects, parameter declaration rules (types inferred from defaults,
statically typed uninitialized parameters, read-only, overrides), publishers that reject messages of the
wrong type, a service flow where the callback fills the Response it is given and request and response
cross a CDR "wire", and generated message classes that check field types like rosidl's Python classes
(a numpy float32 in a float64 field, a numpy array in a uint32[] field or an int in a float field raise
AssertionError). The messages are rosbags types underneath, so they serialize to real CDR.

`install(typestore)` returns a dict of modules to put into sys.modules (rclpy, rclpy.node, ..., tf2_ros,
sensor_msgs.msg, find3d_msgs.srv, ...).
"""

from __future__ import annotations

import array
import enum

import threading
import types
from typing import Any

import numpy as np
from rosbags.interfaces import Nodetype

# rosidl Python types: array.array type code per numeric ROS type.
TYPECODES = {
    "int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i", "uint32": "I",
    "int64": "q", "uint64": "Q", "float32": "f", "float64": "d", "byte": "B", "char": "B", "octet": "B",
}  # fmt: skip
INT_RANGES = {
    "int8": (-(2**7), 2**7), "uint8": (0, 2**8), "int16": (-(2**15), 2**15), "uint16": (0, 2**16),
    "int32": (-(2**31), 2**31), "uint32": (0, 2**32), "int64": (-(2**63), 2**63), "uint64": (0, 2**64),
    "char": (0, 2**8),
}  # fmt: skip
NUMPY = {"float32": np.float32, "float64": np.float64, **{k: np.dtype(v).type for k, v in TYPECODES.items()}}


# --------------------------------------------------------------------------- generated message classes


class MessageClasses:
    """rclpy-like classes for every type in a rosbags typestore, created on demand."""

    def __init__(self, typestore) -> None:
        self.typestore = typestore
        self._classes: dict[str, type] = {}

    def get(self, name: str) -> type:
        if name not in self._classes:
            self._classes[name] = self._make(name)
        return self._classes[name]

    def _make(self, name: str) -> type:
        consts, fields = self.typestore.fielddefs[name]
        classes = self
        short = name.split("/")[-1]

        def __init__(self, **kwargs):
            unknown = set(kwargs) - {f for f, _ in fields}
            assert not unknown, f"Invalid arguments passed to constructor: {', '.join(sorted(unknown))}"
            for fname, desc in fields:
                value = kwargs[fname] if fname in kwargs else classes.default(desc)
                setattr(self, fname, value)

        def __setattr__(self, fname, value):
            desc = dict(fields).get(fname)
            assert desc is not None, f"'{short}' object has no attribute '{fname}'"
            object.__setattr__(self, fname, classes.check(name, fname, desc, value))

        def __eq__(self, other):
            return type(self) is type(other) and all(_equal(getattr(self, f), getattr(other, f)) for f, _ in fields)

        def __repr__(self):
            return f"{name.replace('/', '.')}({', '.join(f'{f}={getattr(self, f)!r}' for f, _ in fields)})"

        namespace = {
            "__init__": __init__, "__setattr__": __setattr__, "__eq__": __eq__, "__repr__": __repr__,
            "__msgtype__": name, "_fields": fields, "__hash__": None,
            "get_fields_and_field_types": classmethod(lambda cls: {f: _type_str(d) for f, d in fields}),
        }  # fmt: skip
        for cname, ctype, cvalue in consts:
            namespace[cname] = bytes([cvalue]) if ctype == "byte" else cvalue
        return type(short, (), namespace)

    def default(self, desc) -> Any:
        kind, detail = desc
        if kind == Nodetype.BASE:
            typ = detail[0]
            return "" if typ == "string" else False if typ == "bool" else b"\x00" if typ == "byte" else (
                0.0 if typ.startswith("float") else 0)  # fmt: skip
        if kind == Nodetype.NAME:
            return self.get(detail)()
        sub, length = detail
        if kind == Nodetype.ARRAY:
            if sub[0] == Nodetype.BASE and sub[1][0] in NUMPY:
                return np.zeros(length, dtype=NUMPY[sub[1][0]])
            return [self.default(sub) for _ in range(length)]
        if sub[0] == Nodetype.BASE and sub[1][0] in TYPECODES:
            return array.array(TYPECODES[sub[1][0]])
        return []

    def check(self, owner: str, fname: str, desc, value) -> Any:
        """rosidl's setter checks (a failed check is an AssertionError, as in rclpy)."""
        kind, detail = desc
        where = f"{owner}.{fname}"
        if kind == Nodetype.BASE:
            return _check_base(where, detail[0], value)
        if kind == Nodetype.NAME:
            cls = self.get(detail)
            assert isinstance(value, cls), f"The '{fname}' field must be a sub message of type '{cls.__name__}'"
            return value
        sub, length = detail
        if sub[0] == Nodetype.NAME:
            cls = self.get(sub[1])
            assert isinstance(value, (list, tuple)) and all(isinstance(v, cls) for v in value), (
                f"The '{fname}' field must be a set or sequence and each value of type '{cls.__name__}'")  # fmt: skip
            assert kind != Nodetype.ARRAY or len(value) == length, f"{where} needs {length} entries"
            return list(value)
        typ = sub[1][0]
        if typ == "string":
            assert isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value), (
                f"The '{fname}' field must be a sequence of str")  # fmt: skip
            return list(value)
        if kind == Nodetype.ARRAY:  # fixed size: a numpy array of the element type
            if isinstance(value, np.ndarray):
                assert value.dtype == NUMPY[typ] and value.size == length, f"{where}: {length} x {typ}"
                return value
            assert len(value) == length, f"{where} needs {length} entries"
            return np.array(value, dtype=NUMPY[typ])
        code = TYPECODES[typ]
        if isinstance(value, array.array):
            assert value.typecode == code, f"The '{fname}' array.array() must have the type code of '{code}'"
            return value
        # rosidl accepts Sequence/Set/UserList only: a numpy array is none of these.
        from collections.abc import Sequence, Set

        assert isinstance(value, (Sequence, Set)) and not isinstance(value, (str, bytes)), (
            f"The '{fname}' field must be a set or sequence with each value of type '{typ}'")  # fmt: skip
        return array.array(code, [_check_base(where, typ, v) for v in value])


def _check_base(where: str, typ: str, value: Any) -> Any:
    if typ == "string":
        assert isinstance(value, str), f"{where} must be of type 'str', got {type(value).__name__}"
    elif typ == "bool":
        assert isinstance(value, bool), f"{where} must be of type 'bool', got {type(value).__name__}"
    elif typ == "byte":
        assert isinstance(value, bytes) and len(value) == 1, f"{where} must be of type 'bytes' of length 1"
    elif typ.startswith("float"):
        assert isinstance(value, float), f"{where} must be of type 'float', got {type(value).__name__}"
    else:
        assert isinstance(value, int), f"{where} must be of type 'int', got {type(value).__name__}"
        lo, hi = INT_RANGES[typ]
        assert lo <= value < hi, f"{where} must be an integer in [{lo}, {hi})"
    return value


def _type_str(desc) -> str:
    kind, detail = desc
    if kind == Nodetype.BASE:
        return detail[0]
    if kind == Nodetype.NAME:
        return detail.replace("/msg/", "/")
    sub, length = detail
    inner = _type_str(sub)
    return f"{inner}[{length}]" if kind == Nodetype.ARRAY else f"sequence<{inner}>"


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, (np.ndarray, array.array)) or isinstance(b, (np.ndarray, array.array)):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


def to_rosbags(msg: Any, typestore) -> Any:
    """The rosbags dataclass equal to a stand-in message (what crosses the wire)."""
    name = msg.__msgtype__
    cls = typestore.types[name]
    values = {}
    for fname, desc in msg._fields:
        values[fname] = _to_rosbags_value(getattr(msg, fname), desc, typestore)
    return cls(**values)


def _to_rosbags_value(value, desc, typestore):
    kind, detail = desc
    if kind == Nodetype.BASE:
        return value[0] if detail[0] == "byte" else value
    if kind == Nodetype.NAME:
        return to_rosbags(value, typestore)
    sub, _ = detail
    if sub[0] == Nodetype.NAME:
        return [to_rosbags(v, typestore) for v in value]
    if sub[1][0] == "string":
        return list(value)
    return np.frombuffer(value, dtype=NUMPY[sub[1][0]]).copy() if isinstance(value, array.array) else value


def from_rosbags(msg: Any, classes: MessageClasses) -> Any:
    """The stand-in message equal to a rosbags dataclass (what an rclpy callback receives)."""
    cls = classes.get(msg.__msgtype__)
    values = {}
    for fname, desc in cls._fields:
        values[fname] = _from_rosbags_value(getattr(msg, fname), desc, classes)
    return cls(**values)


def _from_rosbags_value(value, desc, classes):
    kind, detail = desc
    if kind == Nodetype.BASE:
        return bytes([value]) if detail[0] == "byte" else value
    if kind == Nodetype.NAME:
        return from_rosbags(value, classes)
    sub, _ = detail
    if sub[0] == Nodetype.NAME:
        return [from_rosbags(v, classes) for v in value]
    if sub[1][0] == "string" or kind == Nodetype.ARRAY:
        return value if kind == Nodetype.ARRAY else list(value)
    out = array.array(TYPECODES[sub[1][0]])
    out.frombytes(np.ascontiguousarray(value).tobytes())
    return out


def over_the_wire(msg: Any, classes: MessageClasses) -> Any:
    """Serialize to CDR and back, as a message does between two rclpy processes."""
    store = classes.typestore
    raw = store.serialize_cdr(to_rosbags(msg, store), msg.__msgtype__)
    return from_rosbags(store.deserialize_cdr(raw, msg.__msgtype__), classes)


# --------------------------------------------------------------------------- rclpy.qos, duration, time


class HistoryPolicy(enum.IntEnum):
    SYSTEM_DEFAULT = 0
    KEEP_LAST = 1
    KEEP_ALL = 2


class ReliabilityPolicy(enum.IntEnum):
    SYSTEM_DEFAULT = 0
    RELIABLE = 1
    BEST_EFFORT = 2


class DurabilityPolicy(enum.IntEnum):
    SYSTEM_DEFAULT = 0
    TRANSIENT_LOCAL = 1
    VOLATILE = 2


class QoSProfile:
    """rclpy.qos.QoSProfile: keyword-only, needs history or depth."""

    def __init__(self, **kwargs: Any) -> None:
        allowed = {"history", "depth", "reliability", "durability", "lifespan", "deadline", "liveliness",
                   "liveliness_lease_duration", "avoid_ros_namespace_conventions"}  # fmt: skip
        unknown = set(kwargs) - allowed
        assert not unknown, f"Invalid arguments passed to constructor: {', '.join(sorted(unknown))}"
        if "history" not in kwargs and "depth" not in kwargs:
            raise TypeError("QoSProfile needs a 'history' and/or 'depth' setting when constructed")
        self.history = HistoryPolicy(kwargs.get("history", HistoryPolicy.KEEP_LAST))
        self.depth = int(kwargs.get("depth", 0))
        self.reliability = ReliabilityPolicy(kwargs.get("reliability", ReliabilityPolicy.RELIABLE))
        self.durability = DurabilityPolicy(kwargs.get("durability", DurabilityPolicy.VOLATILE))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, QoSProfile) and vars(self) == vars(other)


qos_profile_sensor_data = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=5,
                                     reliability=ReliabilityPolicy.BEST_EFFORT, durability=DurabilityPolicy.VOLATILE)  # fmt: skip
qos_profile_services_default = QoSProfile(history=HistoryPolicy.KEEP_LAST, depth=10)


def _qos(qos_or_depth: Any) -> QoSProfile:
    if isinstance(qos_or_depth, QoSProfile):
        return qos_or_depth
    if isinstance(qos_or_depth, int) and not isinstance(qos_or_depth, bool):
        return QoSProfile(depth=qos_or_depth)
    raise TypeError(f"Expected QoSProfile or int, but received {type(qos_or_depth)!r}")


class Duration:
    def __init__(self, *, seconds: float = 0, nanoseconds: int = 0) -> None:
        self.nanoseconds = int(seconds * 1e9) + int(nanoseconds)


class Time:
    def __init__(self, *, seconds: float = 0, nanoseconds: int = 0, clock_type: Any = None) -> None:
        self.nanoseconds = int(seconds * 1e9) + int(nanoseconds)

    @classmethod
    def from_msg(cls, msg: Any, clock_type: Any = None) -> "Time":
        return cls(seconds=msg.sec, nanoseconds=msg.nanosec)


# --------------------------------------------------------------------------- parameters


class ParameterType(enum.IntEnum):
    NOT_SET = 0
    BOOL = 1
    INTEGER = 2
    DOUBLE = 3
    STRING = 4
    BYTE_ARRAY = 5
    BOOL_ARRAY = 6
    INTEGER_ARRAY = 7
    DOUBLE_ARRAY = 8
    STRING_ARRAY = 9

    @classmethod
    def from_parameter_value(cls, value: Any) -> "ParameterType":
        """rclpy's inference (note: [] infers BYTE_ARRAY, which is why typed declarations exist)."""
        if value is None:
            return cls.NOT_SET
        if isinstance(value, bool):
            return cls.BOOL
        if isinstance(value, int):
            return cls.INTEGER
        if isinstance(value, float):
            return cls.DOUBLE
        if isinstance(value, str):
            return cls.STRING
        if isinstance(value, (list, tuple, array.array)):
            if all(isinstance(v, bytes) for v in value):
                return cls.BYTE_ARRAY
            if all(isinstance(v, bool) for v in value):
                return cls.BOOL_ARRAY
            if all(isinstance(v, int) for v in value):
                return cls.INTEGER_ARRAY
            if all(isinstance(v, float) for v in value):
                return cls.DOUBLE_ARRAY
            if all(isinstance(v, str) for v in value):
                return cls.STRING_ARRAY
        raise TypeError(f"The given value is not one of the allowed types '{value}'.")


class Parameter:
    Type = ParameterType

    def __init__(self, name: str, type_: ParameterType | None = None, value: Any = None) -> None:
        if type_ is None:
            type_ = ParameterType.from_parameter_value(value)
        self.name, self.type_, self.value = name, ParameterType(type_), value


class ParameterUninitializedException(Exception):
    pass


class InvalidParameterTypeException(Exception):
    pass


# --------------------------------------------------------------------------- node, entities, executor


class Logger:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[tuple[str, str]] = []

    def _log(self, level: str, message: str, **kwargs: Any) -> bool:
        assert set(kwargs) <= {"throttle_duration_sec", "once", "skip_first"}, kwargs
        self.lines.append((level, str(message)))
        return True

    def debug(self, message, **kw):
        return self._log("DEBUG", message, **kw)

    def info(self, message, **kw):
        return self._log("INFO", message, **kw)

    def warning(self, message, **kw):
        return self._log("WARN", message, **kw)

    warn = warning

    def error(self, message, **kw):
        return self._log("ERROR", message, **kw)

    def fatal(self, message, **kw):
        return self._log("FATAL", message, **kw)


class CallbackGroup:
    pass


class MutuallyExclusiveCallbackGroup(CallbackGroup):
    pass


class ReentrantCallbackGroup(CallbackGroup):
    pass


class Publisher:
    def __init__(self, node: "Node", msg_type: type, topic: str, qos: QoSProfile) -> None:
        self.node, self.msg_type, self.topic_name, self.qos_profile = node, msg_type, topic, qos
        self.published: list[Any] = []
        self.subscribers = 0

    def publish(self, msg: Any) -> None:
        if not isinstance(msg, self.msg_type):
            raise TypeError(f"Expected {self.msg_type}, got {type(msg)}")
        self.published.append(over_the_wire(msg, self.node.classes))

    def get_subscription_count(self) -> int:
        return self.subscribers


class Subscription:
    def __init__(self, msg_type, topic, callback, qos, callback_group) -> None:
        self.msg_type, self.topic_name, self.callback = msg_type, topic, callback
        self.qos_profile, self.callback_group = qos, callback_group


class Service:
    def __init__(self, srv_type, name, callback, qos, callback_group) -> None:
        self.srv_type, self.srv_name, self.callback = srv_type, name, callback
        self.qos_profile, self.callback_group = qos, callback_group


class Node:
    """rclpy.node.Node, the calls find3d_node makes."""

    classes: MessageClasses  # set by install()

    def __init__(
        self,
        node_name: str,
        *,
        context: Any = None,
        cli_args: list[str] | None = None,
        namespace: str | None = None,
        use_global_arguments: bool = True,
        enable_rosout: bool = True,
        start_parameter_services: bool = True,
        parameter_overrides: list[Parameter] | None = None,
        allow_undeclared_parameters: bool = False,
        automatically_declare_parameters_from_overrides: bool = False,
    ) -> None:
        if not _context["ok"]:
            raise RuntimeError("rclpy.init() has not been called")
        self._name = node_name
        self._namespace = "/" + (namespace or "").strip("/")
        self._overrides = {p.name: p for p in parameter_overrides or []}
        self._parameters: dict[str, Parameter] = {}
        self._descriptors: dict[str, Any] = {}
        self._on_set: list[Any] = []
        self._logger = Logger(node_name)
        self.publishers: list[Publisher] = []
        self.subscriptions: list[Subscription] = []
        self.services: list[Service] = []
        self.destroyed = False

    # names
    def get_name(self) -> str:
        return self._name

    def get_namespace(self) -> str:
        return self._namespace

    def get_logger(self) -> Logger:
        return self._logger

    def resolve(self, name: str) -> str:
        base = self._namespace.rstrip("/")
        if name.startswith("~"):
            return f"{base}/{self._name}{name[1:]}"
        return name if name.startswith("/") else f"{base}/{name}"

    # parameters
    def declare_parameter(self, name: str, value: Any = None, descriptor: Any = None, ignore_override: bool = False):
        descriptor = descriptor if descriptor is not None else self.classes.get("rcl_interfaces/msg/ParameterDescriptor")()
        if isinstance(value, ParameterType):
            declared, value = value, None
        else:
            declared = ParameterType.from_parameter_value(value)
            if declared == ParameterType.NOT_SET:
                raise ValueError("Cannot declare a statically typed parameter with default value of type NOT_SET")
        if name in self._parameters:
            raise RuntimeError(f"parameter {name} already declared")
        if not ignore_override and name in self._overrides:
            value = self._overrides[name].value
        param = Parameter(name, value=value) if value is not None else Parameter(name, ParameterType.NOT_SET)
        if value is not None and param.type_ != declared:
            raise InvalidParameterTypeException(f"{name}: expected {declared.name}, got {param.type_.name}")
        descriptor.type = int(declared)
        result = self._run_on_set([param])
        if not result.successful:
            raise ValueError(result.reason)
        self._parameters[name], self._descriptors[name] = param, descriptor
        return param

    def get_parameter(self, name: str) -> Parameter:
        if name not in self._parameters:
            raise KeyError(f"parameter {name} not declared")
        if self._parameters[name].type_ == ParameterType.NOT_SET:
            raise ParameterUninitializedException(name)
        return self._parameters[name]

    def get_parameter_or(self, name: str, alternative_value: Parameter | None = None) -> Parameter:
        if alternative_value is None:
            alternative_value = Parameter(name, ParameterType.NOT_SET)
        param = self._parameters.get(name)
        return alternative_value if param is None or param.type_ == ParameterType.NOT_SET else param

    def add_on_set_parameters_callback(self, callback) -> None:
        self._on_set.insert(0, callback)

    def set_parameters(self, parameters: list[Parameter]) -> list[Any]:
        Result = self.classes.get("rcl_interfaces/msg/SetParametersResult")
        results = []
        for param in parameters:
            descriptor = self._descriptors.get(param.name)
            if descriptor is None:
                results.append(Result(successful=False, reason="parameter not declared"))
            elif descriptor.read_only:
                results.append(Result(successful=False, reason=f"Trying to set a read-only parameter: {param.name}."))
            elif descriptor.type != int(param.type_):
                results.append(Result(successful=False, reason="Wrong parameter type, parameter {%s} is of type {%s}"
                                      % (param.name, ParameterType(descriptor.type).name)))  # fmt: skip
            else:
                result = self._run_on_set([param])
                if result.successful:
                    self._parameters[param.name] = param
                results.append(result)
        return results

    def _run_on_set(self, params: list[Parameter]):
        Result = self.classes.get("rcl_interfaces/msg/SetParametersResult")
        for callback in self._on_set:
            result = callback(params)
            assert isinstance(result, Result), "on-set-parameters callbacks must return SetParametersResult"
            if not result.successful:
                return result
        return Result(successful=True)

    # entities
    def create_publisher(self, msg_type, topic, qos_profile, *, callback_group=None, event_callbacks=None,
                         qos_overriding_options=None, publisher_class=None) -> Publisher:  # fmt: skip
        pub = Publisher(self, msg_type, self.resolve(topic), _qos(qos_profile))
        self.publishers.append(pub)
        return pub

    def destroy_publisher(self, publisher: Publisher) -> bool:
        if publisher in self.publishers:
            self.publishers.remove(publisher)
            return True
        return False

    def create_subscription(self, msg_type, topic, callback, qos_profile, *, callback_group=None,
                            event_callbacks=None, qos_overriding_options=None, raw=False) -> Subscription:  # fmt: skip
        sub = Subscription(msg_type, self.resolve(topic), callback, _qos(qos_profile), callback_group)
        self.subscriptions.append(sub)
        return sub

    def create_service(self, srv_type, srv_name, callback, *, qos_profile=qos_profile_services_default,
                       callback_group=None) -> Service:  # fmt: skip
        srv = Service(srv_type, self.resolve(srv_name), callback, _qos(qos_profile), callback_group)
        self.services.append(srv)
        return srv

    def destroy_node(self) -> None:
        self.destroyed = True

    # test helpers (not rclpy): the middleware's side of topics and services
    def publisher(self, topic: str) -> Publisher:
        return next(p for p in self.publishers if p.topic_name == self.resolve(topic))

    def deliver(self, topic: str, msg: Any) -> None:
        """A message arriving on `topic`: over the wire, then the subscription callback."""
        sub = next(s for s in self.subscriptions if s.topic_name == self.resolve(topic))
        assert isinstance(msg, sub.msg_type), f"{topic} carries {sub.msg_type.__name__}"
        sub.callback(over_the_wire(msg, self.classes))

    def call(self, service: str, request: Any) -> Any:
        """A client call: request over the wire, callback(request, fresh Response), response over the wire."""
        srv = next(s for s in self.services if s.srv_name == self.resolve(service))
        assert isinstance(request, srv.srv_type.Request)
        response = srv.callback(over_the_wire(request, self.classes), srv.srv_type.Response())
        assert isinstance(response, srv.srv_type.Response), "service callbacks must return the Response"
        return over_the_wire(response, self.classes)


class ExternalShutdownException(Exception):
    pass


class MultiThreadedExecutor:
    def __init__(self, num_threads: int | None = None, *, context: Any = None) -> None:
        self.num_threads, self.nodes, self.shut_down = num_threads, [], False

    def add_node(self, node: Node) -> bool:
        self.nodes.append(node)
        return True

    def spin(self) -> None:
        raise KeyboardInterrupt  # a Ctrl-C right away: main() must clean up

    def shutdown(self, timeout_sec: float | None = None) -> bool:
        self.shut_down = True
        return True


_context = {"ok": False}


def init(*, args: list[str] | None = None, context: Any = None, domain_id: int | None = None) -> None:
    _context["ok"] = True


def shutdown(*, context: Any = None) -> None:
    if not _context["ok"]:
        raise RuntimeError("rclpy.shutdown() called twice")
    _context["ok"] = False


def try_shutdown(*, context: Any = None) -> None:
    _context["ok"] = False


def ok(*, context: Any = None) -> bool:
    return _context["ok"]


# --------------------------------------------------------------------------- tf2_ros


class TransformException(Exception):
    pass


class LookupException(TransformException):
    pass


class Buffer:
    """tf2_ros.Buffer: transforms set by tests; unknown pairs raise LookupException like tf2."""

    def __init__(self, cache_time: Any = None, node: Any = None) -> None:
        self._transforms: dict[tuple[str, str], Any] = {}
        self.lookups: list[tuple[str, str, Any, Any]] = []
        self._lock = threading.Lock()

    def set_transform(self, transform: Any, authority: str) -> bool:
        with self._lock:
            self._transforms[(transform.header.frame_id, transform.child_frame_id)] = transform
        return True

    def lookup_transform(self, target_frame: str, source_frame: str, time: Time, timeout: Duration = Duration()):
        assert isinstance(time, Time) and isinstance(timeout, Duration)
        self.lookups.append((target_frame, source_frame, time, timeout))
        with self._lock:
            found = self._transforms.get((target_frame, source_frame))
        if found is None:
            raise LookupException(
                f'"{target_frame}" passed to lookupTransform argument target_frame does not exist. ')
        return found


class TransformListener:
    def __init__(self, buffer: Buffer, node: Node, *, spin_thread: bool = False, qos: Any = None,
                 static_qos: Any = None) -> None:  # fmt: skip
        self.buffer, self.node, self.spin_thread = buffer, node, spin_thread


# --------------------------------------------------------------------------- installation


MESSAGE_PACKAGES = ("std_msgs", "builtin_interfaces", "geometry_msgs", "sensor_msgs", "visualization_msgs",
                    "diagnostic_msgs", "vision_msgs", "rcl_interfaces", "find3d_msgs")  # fmt: skip


def install(typestore) -> dict[str, types.ModuleType]:
    """Modules to place in sys.modules (use monkeypatch.setitem so they are removed afterwards)."""
    classes = MessageClasses(typestore)
    Node.classes = classes
    modules: dict[str, types.ModuleType] = {}

    def module(name: str, **attrs: Any) -> types.ModuleType:
        mod = types.ModuleType(name)
        mod.__dict__.update(attrs)
        modules[name] = mod
        return mod

    this = globals()
    pick = lambda *names: {n: this[n] for n in names}  # noqa: E731
    rclpy = module("rclpy", **pick("init", "shutdown", "try_shutdown", "ok"), Parameter=Parameter)
    rclpy.node = module("rclpy.node", Node=Node)
    rclpy.qos = module("rclpy.qos", **pick("QoSProfile", "HistoryPolicy", "ReliabilityPolicy", "DurabilityPolicy",
                                            "qos_profile_sensor_data", "qos_profile_services_default"))  # fmt: skip
    rclpy.callback_groups = module("rclpy.callback_groups", **pick("CallbackGroup", "MutuallyExclusiveCallbackGroup",
                                                                    "ReentrantCallbackGroup"))  # fmt: skip
    rclpy.executors = module("rclpy.executors", **pick("MultiThreadedExecutor", "ExternalShutdownException"))
    rclpy.duration = module("rclpy.duration", Duration=Duration)
    rclpy.time = module("rclpy.time", Time=Time)
    rclpy.parameter = module("rclpy.parameter", Parameter=Parameter)
    rclpy.exceptions = module("rclpy.exceptions", **pick("ParameterUninitializedException",
                                                          "InvalidParameterTypeException"))  # fmt: skip
    module("tf2_ros", **pick("Buffer", "TransformListener", "TransformException", "LookupException"))

    by_module: dict[str, dict[str, Any]] = {}
    for name in typestore.fielddefs:
        package, kind, short = name.split("/")
        if package in MESSAGE_PACKAGES:
            by_module.setdefault(f"{package}.{kind}", {})[short] = name
    for mod_name, names in by_module.items():
        package, kind = mod_name.split(".")
        if package not in modules:
            module(package)
        if kind == "srv":
            services = {}
            for short, full in names.items():
                base, part = short.rsplit("_", 1)
                services.setdefault(base, {})[part] = classes.get(full)
            attrs = {base: type(base, (), parts) for base, parts in services.items()}
        else:
            attrs = {short: classes.get(full) for short, full in names.items()}
        setattr(modules[package], kind, module(mod_name, **attrs))
    return modules



