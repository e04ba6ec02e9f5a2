"""SAM through segment-anything's own classes: a real ViT-B (`sam_model_registry["vit_b"]`, seeded random weights, no
download) on real renders. The engine's grid prompting is checked against `SamAutomaticMaskGenerator` on the same
model and image, its filters (predicted IoU, stability, NMS, regions, area, object fraction) on that output, and a
whole build (Objaverse -> Gemini upright -> SAM -> Gemini names -> shards) is trained on. Slow: a ViT-B image
embedding takes about a minute on two CPU cores."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy import ndimage

pytestmark = pytest.mark.slow
segment_anything = pytest.importorskip("segment_anything")

from segment_anything import SamAutomaticMaskGenerator  # noqa: E402
from torchvision.ops import batched_nms  # noqa: E402

from find3d_core.engine.assets import procedural_asset  # noqa: E402
from find3d_core.engine.masks import SamConfig, SamMasks  # noqa: E402
from find3d_core.engine.views import ViewConfig, render_views  # noqa: E402

PER_SIDE = 4
OFF = dict(points_per_side=PER_SIDE, crop_n_layers=0, stability_score_offset=0.01)  # 16 prompts, one crop
RAW = SamConfig(**OFF, pred_iou_thresh=-1.0, stability_score_thresh=0.0, box_nms_thresh=1.0, min_region_area=0,
                min_area=0, max_fraction=1.0, min_object_fraction=0.0)


class EmbedOnce:
    """The real SamPredictor, embedding each distinct image once: several settings are tried on one render."""

    def __init__(self, predictor) -> None:
        self.predictor, self.transform, self.key = predictor, predictor.transform, None

    def set_image(self, image: np.ndarray) -> None:
        if self.key != image.tobytes():
            self.predictor.set_image(image)
            self.key = image.tobytes()

    def predict_torch(self, *args, **kwargs):
        return self.predictor.predict_torch(*args, **kwargs)


@pytest.fixture(scope="module")
def sam() -> SamMasks:
    return SamMasks.untrained("vit_b", seed=0)


@pytest.fixture(scope="module")
def view():
    views, _ = render_views(procedural_asset("kettle", 0), ViewConfig(n_views=1, size=256))
    return views[0]


@pytest.fixture(scope="module")
def reference(sam, view) -> list[dict]:
    """SAM's own automatic mask generator, every filter off: all 3 masks of every grid point, with their scores."""
    model = sam.predictor.model
    gen = SamAutomaticMaskGenerator(model, points_per_side=PER_SIDE, pred_iou_thresh=0.0, stability_score_thresh=0.0,
                                    stability_score_offset=0.01, box_nms_thresh=1.0, crop_n_layers=0)
    return gen.generate(view.image)


def test_grid_prompting_equals_sams_automatic_mask_generator(sam, view, reference) -> None:
    source = SamMasks(EmbedOnce(sam.predictor), RAW, sam.mask_threshold)
    ours = source.masks(view)
    assert len(ours) == len(reference) == 3 * PER_SIDE**2
    for p, ref in zip(ours, reference):
        assert np.array_equal(p.mask, ref["segmentation"])
        assert p.score == pytest.approx(ref["predicted_iou"], abs=1e-6)


def test_iou_stability_and_nms_filters_on_real_output(sam, view, reference) -> None:
    # Thresholds at the medians of what the model produced: each filter keeps some masks and drops some.
    iou_t = float(np.median([r["predicted_iou"] for r in reference]))
    stab_t = float(np.median([r["stability_score"] for r in reference]))
    kept = [r for r in reference if r["predicted_iou"] > iou_t and r["stability_score"] >= stab_t]
    assert 0 < len(kept) < len(reference)
    boxes = torch.tensor([[x, y, x + w, y + h] for x, y, w, h in (r["bbox"] for r in kept)], dtype=torch.float32)
    scores = torch.tensor([r["predicted_iou"] for r in kept])
    expected = [kept[i] for i in batched_nms(boxes, scores, torch.zeros(len(kept)), 0.7).tolist()]
    cfg = SamConfig(**OFF, pred_iou_thresh=iou_t, stability_score_thresh=stab_t, box_nms_thresh=0.7,
                    min_region_area=0, min_area=0, max_fraction=1.0, min_object_fraction=0.0)
    ours = SamMasks(EmbedOnce(sam.predictor), cfg, sam.mask_threshold).masks(view)
    assert len(ours) == len(expected) < len(kept)
    for p, ref in zip(ours, expected):
        assert np.array_equal(p.mask, ref["segmentation"])


def test_region_area_and_object_filters_on_real_output(sam, view, reference) -> None:
    h, w = view.image.shape[:2]
    area = np.array([r["area"] for r in reference]) / (h * w)
    on_object = np.array([(r["segmentation"] & view.hit).sum() / max(r["area"], 1) for r in reference])
    cfg = SamConfig(**OFF, pred_iou_thresh=-1.0, stability_score_thresh=0.0, box_nms_thresh=1.0, min_region_area=60,
                    min_area=200, max_fraction=float(np.quantile(area, 0.75)),
                    min_object_fraction=float(np.quantile(on_object, 0.25)))
    ours = SamMasks(EmbedOnce(sam.predictor), cfg, sam.mask_threshold).masks(view)
    assert 0 < len(ours) < len(reference)
    for p in ours:
        m = p.mask
        assert cfg.min_area <= m.sum() <= cfg.max_fraction * h * w
        assert (m & view.hit).sum() >= cfg.min_object_fraction * m.sum()
        islands, n = ndimage.label(m)
        assert n == 0 or np.bincount(islands.ravel())[1:].min() >= cfg.min_region_area
        holes, n = ndimage.label(~m)
        border = set(np.concatenate([holes[0], holes[-1], holes[:, 0], holes[:, -1]]).tolist())
        inner = [k for k in range(1, n + 1) if k not in border]
        assert all((holes == k).sum() >= cfg.min_region_area for k in inner)
    # The model's raw masks are speckled: the region filter removed islands from them.
    assert max(ndimage.label(r["segmentation"])[1] for r in reference) > max(ndimage.label(p.mask)[1] for p in ours)


def test_objaverse_sam_gemini_build_trains(tmp_path, monkeypatch) -> None:
    """The whole recipe with each stage's real library: Objaverse (local hub), Gemini upright and names (local
    generateContent server), SAM ViT-B loaded from a checkpoint file; the trainer takes a step on the shards."""
    import urllib.request

    from local_servers import GeminiServer, HubServer, route_https_through
    from objaverse_hub import hub_files

    from find3d_core.engine.objaverse import download_objects, objaverse_jobs, select_objects
    from find3d_core.engine.pipeline import EngineConfig, build_dataset
    from find3d_core.engine.shards import iter_objects
    from find3d_core.training.config import TrainConfig
    from find3d_core.training.trainer import Trainer
    from helpers import TINY_BACKBONE

    pytest.importorskip("objaverse")
    pytest.importorskip("google.genai")
    checkpoint = tmp_path / "sam_vit_b_random.pth"
    torch.save(SamMasks.untrained("vit_b", seed=1).predictor.model.state_dict(), checkpoint)

    def answer(body) -> str:
        prompt = body["contents"][0]["parts"][-1]["text"]
        return "View 1" if "upright" in prompt else "spout"

    with HubServer(hub_files(), tmp_path) as hub, GeminiServer([], answer=answer) as gemini:
        route_https_through(hub, monkeypatch)
        monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
        monkeypatch.setenv("GEMINI_API_KEY", "test-key")
        chosen = select_objects(uids=["a1mug"], cache_dir=tmp_path / "cache")
        jobs = objaverse_jobs(chosen, download_objects(["a1mug"], tmp_path / "cache"), tmp_path / "cache")
        sam_cfg = SamConfig(**OFF, pred_iou_thresh=-1.0, stability_score_thresh=0.0, min_region_area=60, min_area=0,
                            max_fraction=1.0, min_object_fraction=0.0)
        cfg = EngineConfig(views=ViewConfig(n_views=1, size=128), n_points=1500, thumb_size=0, masks="sam",
                           sam=sam_cfg, sam_model_type="vit_b", sam_checkpoint=str(checkpoint), namer="gemini",
                           upright="gemini", gemini_model="gemini-test", gemini_cache=str(tmp_path / "g.sqlite"),
                           gemini_base_url=gemini.url)
        report = build_dataset(jobs, tmp_path / "data", cfg, shard_size=1, progress=False)
        urllib.request.install_opener(None)
    assert (report.written, report.failed) == (1, 0)
    rec = next(iter_objects(tmp_path / "data"))
    assert rec.meta["mask_source"] == "sam" and rec.meta["namer"] == "gemini"
    assert rec.meta["provenance"]["upright"]["method"] == "gemini" and rec.meta["provenance"]["license"] == "by"
    assert rec.mask_text == ["spout"] and len(rec.masks[0]) > 0
    trainer = Trainer(TrainConfig(data=str(tmp_path / "data"), output=str(tmp_path / "run"), backbone=TINY_BACKBONE,
                                  preprocess={"num_points": 600}, batch_size=1, steps=1))
    assert np.isfinite(trainer.train_step())
