"""Which PT3 width the CPU recipe can afford: parameters, training-step time and per-object inference time of the
slim model (v1, v2), a wider one and Find3D's published configuration, measured interleaved in one process on the
same batch of data-engine objects (so a loaded machine slows all of them alike).

    .venv/bin/python training/measure_model_sizes.py data/v2-complete [--steps 3]
"""

from __future__ import annotations

import argparse
import time
from itertools import islice
from pathlib import Path

import numpy as np
import torch

from find3d_core.engine.shards import iter_objects
from find3d_core.geometry.preprocess import PreprocessConfig
from find3d_core.model.config import Find3DConfig, PT3Config
from find3d_core.model.find3d import Find3DModel
from find3d_core.text import build_text_encoder
from find3d_core.training.batching import make_batch
from find3d_core.training.config import TrainConfig
from find3d_core.training.loss import contrastive_loss, pool_masks

SLIM = TrainConfig.from_yaml(Path(__file__).parent / "configs" / "v2-cpu-single.yaml").backbone
WIDE = {**SLIM, "enc_channels": [32, 64, 128, 256], "dec_channels": [64, 64, 128], "enc_depths": [1, 1, 2, 4]}
CONFIGS = {"slim (v1, v2)": SLIM, "wide": WIDE, "Find3D published": {}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    encoder = build_text_encoder("minilm")
    objects = list(islice(iter_objects(args.data), args.batch))
    batch = make_batch(objects, [[0, i] for i in range(len(objects))], PreprocessConfig(num_points=2000))
    text = encoder.encode(batch.mask_text)
    models = {}
    for name, backbone in CONFIGS.items():
        torch.manual_seed(0)
        models[name] = Find3DModel(Find3DConfig(PT3Config.from_dict(backbone), text_dim=encoder.dim))
    step_s = {name: [] for name in models}
    infer_s = {name: [] for name in models}
    for _ in range(args.steps):  # interleaved rounds
        for name, model in models.items():
            model.train()
            optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
            started = time.perf_counter()
            features = model(batch.feat, model.structure(batch.grid_coord, batch.offset))
            pooled = pool_masks(features, batch.mask_point, batch.mask_id, batch.num_masks)
            loss = contrastive_loss(pooled, text, model.ln_logit_scale)
            loss.backward()
            optimizer.step()
            step_s[name].append(time.perf_counter() - started)
            model.eval()
            with torch.inference_mode():
                started = time.perf_counter()
                model(batch.feat, model.structure(batch.grid_coord, batch.offset))
                infer_s[name].append((time.perf_counter() - started) / len(objects))
    print(f"{len(objects)} objects, {len(batch.feat)} model points, {torch.get_num_threads()} threads")
    print(f"| model | parameters | training step (s, {len(objects)} objects) | inference per object (ms) |")
    print("|---|---:|---:|---:|")
    for name, model in models.items():
        params = sum(p.numel() for p in model.parameters()) / 1e6
        print(f"| {name} | {params:.1f}M | {np.median(step_s[name]):.2f} | {1e3 * np.median(infer_s[name]):.0f} |")


if __name__ == "__main__":
    main()
