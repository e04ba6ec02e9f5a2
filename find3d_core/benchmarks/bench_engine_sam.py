#!/usr/bin/env python
"""Data-engine throughput with SAM's real model code on this machine, per stage, and the per-object cost it implies.

Measured on one procedural object (a kettle) with Find3D's views (10 at 500x500):
  render      the 10 views (open3d ray casting)
  upright     the offline heuristic (the Gemini choice is one request per object: network-bound)
  embed       one SAM image embedding (ViT-B with seeded random weights: the architecture and the arithmetic of
              the released model, no download; --model vit_l/vit_h work too, given the memory and the minutes)
  decode      one batch of 64 point prompts through the prompt encoder and mask decoder, three masks each,
              upsampled to the 500x500 view (what the grid prompting does per batch)
  regions     hole/island removal of one 500x500 mask (scipy)
and the image encoders' FLOPs for vit_b/vit_l/vit_h at 1024x1024, counted by torch's FlopCounterMode on the meta
device (no weights, no arithmetic). The per-object figure for Find3D's settings (20x20 grid, one crop layer = 5
image crops per view, 10 views) is embed x 50 + decode x 50 x ceil(400/64) + the rest; the masks kept per view
vary with the weights, so regions is counted for 30 masks a view.

This prints figures; it asserts nothing. Run from the repository root:
    .venv/bin/python find3d_core/benchmarks/bench_engine_sam.py [--model vit_b] [--threads N]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
import torch


def _timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t0, out


def encoder_gflops(model_type: str) -> float:
    """Image-encoder GFLOPs at 1024x1024 (one embedding), counted on the meta device."""
    from segment_anything import sam_model_registry
    from torch.utils.flop_counter import FlopCounterMode

    with torch.device("meta"):
        sam = sam_model_registry[model_type]()
        x = torch.empty(1, 3, 1024, 1024)
    with FlopCounterMode(display=False) as counter:
        sam.image_encoder(x)
    return counter.get_total_flops() / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="vit_b", choices=("vit_b", "vit_l", "vit_h"))
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    from segment_anything.utils import amg

    from find3d_core.engine.assets import procedural_asset
    from find3d_core.engine.masks import SamMasks, _remove_small_regions
    from find3d_core.engine.upright import heuristic_up
    from find3d_core.engine.views import ViewConfig, render_views

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, SAM {args.model} (seeded random weights)")
    asset = procedural_asset("kettle", 0)
    t_up, _ = _timed(heuristic_up, asset)
    t_render, (views, _) = _timed(render_views, asset, ViewConfig())
    sam = SamMasks.untrained(args.model, seed=0)
    predictor, image = sam.predictor, views[0].image
    with torch.inference_mode():
        t_embed, _ = _timed(predictor.set_image, image)
        grid = amg.build_point_grid(8) * np.array([image.shape[1], image.shape[0]])  # 64 prompts
        coords = torch.as_tensor(predictor.transform.apply_coords(grid, image.shape[:2]), dtype=torch.float32)
        labels = torch.ones(len(coords), 1, dtype=torch.int64)
        t_decode, (logits, _, _) = _timed(predictor.predict_torch, coords[:, None], labels, multimask_output=True,
                                          return_logits=True)
    mask = (logits[0, 0] > sam.mask_threshold).numpy()
    t_regions, _ = _timed(_remove_small_regions, mask, 350)

    crops, batches, masks_per_view = 5, math.ceil(400 / 64), 30
    sam_per_object = 10 * crops * (t_embed + batches * t_decode) + 10 * masks_per_view * t_regions
    rows = [("render 10 views 500x500", t_render), ("upright (heuristic)", t_up),
            (f"{args.model} image embedding (one crop)", t_embed), ("decode 64 prompts -> 192 masks", t_decode),
            ("region clean-up, one mask", t_regions),
            ("SAM per object, Find3D settings (50 embeddings, 350 batches)", sam_per_object)]
    for name, s in rows:
        print(f"{name:62s} {s:9.3f} s")
    print(f"=> SAM-bound rate on this machine: {3600 / (sam_per_object + t_render):.2f} objects/hour per process")
    for m in ("vit_b", "vit_l", "vit_h"):
        print(f"{m} image encoder at 1024x1024: {encoder_gflops(m):7.0f} GFLOPs per embedding")


if __name__ == "__main__":
    main()
