"""find3d on ROS 2: PointCloud2 conversions, the find3d_node logic and node, offline rosbag2 processing.

Only `node.py` imports rclpy; everything else runs without ROS (rosbags supplies message types offline).
"""
