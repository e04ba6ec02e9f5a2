"""Data engine: make part-labelled 3D training data and test scenes.

Now here:
  procedural   objects built from primitives and lathes with a named part per triangle (`build_object`,
               `BUILDERS`: add a category by adding a builder)
  raycast      CPU ray casting (open3d RaycastingScene) of placed objects into per-pixel depth, object,
               triangle and part ids and shaded colour (`RaycastScene`, `render`, `Intrinsics`, `look_at`)
  depth_camera a RealSense/Kinect-like RGB-D camera with a published depth-noise model, giving organized
               clouds in the camera optical frame plus per-pixel ground truth (`VirtualDepthCamera`)
  demo_scene   a tabletop (table, mug, bottle, bowl) seen by a robot head camera (`make_demo_scene`)

The full pipeline (DESIGN.md section 6: assets -> renders -> masks -> names -> back-projection ->
shards) builds on these modules.
"""
