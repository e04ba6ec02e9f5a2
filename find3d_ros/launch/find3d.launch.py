"""Start find3d_node (and optionally RViz): ros2 launch find3d_ros find3d.launch.py input_topic:=/points.

find3d_node is a lifecycle node that configures and activates itself (parameter `autostart`, default true); set
`autostart:=false` in the config to drive it from a lifecycle manager instead.
"""

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.conditions import IfCondition
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.parameter_descriptions import ParameterValue
from launch_ros.substitutions import FindPackageShare


def generate_launch_description() -> LaunchDescription:
    share = FindPackageShare("find3d_ros")
    arguments = [
        DeclareLaunchArgument(
            "input_topic", default_value="/camera/depth/color/points",
            description="sensor_msgs/PointCloud2 topic to segment",
        ),
        DeclareLaunchArgument(
            "config", default_value=PathJoinSubstitution([share, "config", "find3d.yaml"]),
            description="parameter file of find3d_node",
        ),
        DeclareLaunchArgument("use_rviz", default_value="false", description="also start RViz with rviz/find3d.rviz"),
        DeclareLaunchArgument("namespace", default_value="", description="namespace of find3d_node"),
        DeclareLaunchArgument("use_sim_time", default_value="false", description="use /clock (bag replay, simulation)"),
        DeclareLaunchArgument(
            "labeled_cloud_topic", default_value="~/labeled_cloud", description="remap the labelled cloud output"
        ),
        DeclareLaunchArgument("markers_topic", default_value="~/markers", description="remap the marker output"),
    ]
    use_sim_time = ParameterValue(LaunchConfiguration("use_sim_time"), value_type=bool)
    node = Node(
        package="find3d_ros",
        executable="find3d_node",
        name="find3d_node",
        namespace=LaunchConfiguration("namespace"),
        parameters=[
            LaunchConfiguration("config"),
            {"input_topic": LaunchConfiguration("input_topic"), "use_sim_time": use_sim_time},
        ],
        remappings=[
            ("~/labeled_cloud", LaunchConfiguration("labeled_cloud_topic")),
            ("~/markers", LaunchConfiguration("markers_topic")),
        ],
        output="screen",
        emulate_tty=True,
    )
    rviz = Node(
        package="rviz2",
        executable="rviz2",
        name="rviz2",
        arguments=["-d", PathJoinSubstitution([share, "rviz", "find3d.rviz"])],
        parameters=[{"use_sim_time": use_sim_time}],
        condition=IfCondition(LaunchConfiguration("use_rviz")),
        output="screen",
    )
    return LaunchDescription([*arguments, node, rviz])
