"""Data engine: make part-labelled 3D training data and test scenes.

Now here:
  procedural   primitives for objects with a named part per triangle (lathes, tubes, extrusions; `PartMesh`)
  raycast      CPU ray casting (open3d RaycastingScene) of placed objects into per-pixel depth, object,
               triangle and part ids and shaded colour (`RaycastScene`, `render`, `Intrinsics`, `look_at`)
  depth_camera a RealSense/Kinect-like RGB-D camera with a published depth-noise model, giving organized
               clouds in the camera optical frame plus per-pixel ground truth (`VirtualDepthCamera`)
  demo_scene   a tabletop (table, mug, bottle, bowl) seen by a robot head camera (`make_demo_scene`)

Data engine (docs/data_engine.md):
  catalog      the procedural catalogue, a module per domain (categories, variants, wordings, groups;
               `CATALOG`, `build_object`, `sample_object`)
  assets       `Asset`s from the library and GLB/glTF/OBJ/PLY files (parts from node names)
  objaverse    Objaverse through the `objaverse` package: selection (LVIS, licences), downloads, jobs with provenance
  upright      the upright step: Gemini picks among six renders, or an offline stable-support heuristic
  views        the ring of renders (`ViewConfig`, `render_views`)
  masks        `OracleMasks` and `SamMasks` (SAM grid prompting)
  naming       `OracleNamer`, `GeminiNamer` (google-genai), `merge_same_names`
  backproject  `sample_points`, `mask_points`
  shards       the versioned dataset format, atomic writer, `iter_objects` reader
  pipeline     `build_dataset` over a process pool or Ray, resumable
  show, cli    PNG previews; `find3d engine build|show`
"""
