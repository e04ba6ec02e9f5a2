"""`find3d demo`: segment the built-in tabletop scene, and the shared sample data when it is there."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from find3d_core.engine.demo_scene import make_demo_scene
from find3d_core.geometry.io import read_cloud, write_cloud
from find3d_core.inference.predictor import Find3DPredictor
from find3d_core.inference.report import print_parts, write_outputs

TABLETOP_QUERIES = ["handle", "cap", "neck", "rim", "body"]
REAL_SCENES = [
    # (file under the data folder, queries, scene mode, up axis)
    ("real_scans/table_scene_mug_stereo_textured.pcd", ["handle", "body"], True, "-y"),
    ("real_scans/laptop_kinect_frame.pcd", ["lid", "screen", "keyboard"], True, "-y"),
    ("find3d_demo/mickey.pcd", ["ear", "head", "arm", "leg", "shoe"], False, "z"),
]


def run_demo(predictor: Find3DPredictor, output: Path, data: Path | None) -> int:
    """Write the input scene and, per input, a labelled PLY, a PNG and an HTML page into `output` (and, for a depth
    camera's organized frame, the camera image with the parts painted on it)."""
    output.mkdir(parents=True, exist_ok=True)
    scene = make_demo_scene(seed=0)
    scene_file = output / "tabletop.pcd"
    write_cloud(scene_file, scene.cloud)  # organized 640x480, camera optical frame: the embedded default input
    height, width = scene.cloud.shape or (0, 0)  # the virtual camera's clouds are always organized
    print(f"built the tabletop scene (virtual depth camera, {width}x{height}): {scene_file}")
    inputs = [(scene_file, TABLETOP_QUERIES, True, "-y")]
    for relative, queries, scene_mode, up in REAL_SCENES:
        path = data / relative if data else None
        if path is not None and path.exists():
            inputs.append((path, queries, scene_mode, up))
        else:
            print(f"skipping {relative}: not found under {data} (the shared sample data is optional)")
    console = Console(stderr=True)
    for step, (path, queries, scene_mode, up) in enumerate(inputs, 1):
        with console.status(f"[{step}/{len(inputs)}] segmenting {path.name} ({', '.join(queries)})"):
            cloud = read_cloud(path)
            seg = predictor.oriented(up).segment(cloud, queries, scene=scene_mode)
        print_parts(seg, verbose=True, title=f"{path.name}: ")
        stem = output / path.stem
        overlay = stem.with_suffix(".overlay.png") if cloud.is_organized else None
        written = write_outputs(cloud, seg, ply=stem.with_suffix(".parts.ply"), png=stem.with_suffix(".png"),
                                html=stem.with_suffix(".html"), json_path=stem.with_suffix(".parts.json"),
                                title=f"{path.name}: " + ", ".join(queries), up=up, overlay=overlay)
        print("wrote " + ", ".join(str(p) for p in written))
    return 0
