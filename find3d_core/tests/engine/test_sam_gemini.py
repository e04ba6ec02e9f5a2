"""SAM grid prompting and filtering (with a predictor following SamPredictor's interface) and the Gemini
namer through the real google-genai SDK against a local server speaking the generateContent wire format."""

from __future__ import annotations

import logging

import numpy as np
import pytest
import torch
from local_servers import GeminiServer

from find3d_core.engine.masks import SamConfig, SamMasks
from find3d_core.engine.naming import BudgetExhausted, GeminiNamer, clean_answer, overlay
from find3d_core.engine.raycast import Intrinsics
from find3d_core.engine.views import View

segment_anything = pytest.importorskip("segment_anything")
from segment_anything.utils.transforms import ResizeLongestSide  # noqa: E402

RECTS = {"a": (20, 60, 20, 80), "b": (100, 150, 30, 80), "c": (60, 130, 120, 150), "tiny": (170, 185, 170, 185)}


def _scene() -> tuple[np.ndarray, np.ndarray]:
    """A 200x200 white image with flat-coloured rectangles, and the per-pixel region id (-1 background)."""
    img = np.full((200, 200, 3), 255, np.uint8)
    region = np.full((200, 200), -1)
    for k, (r0, r1, c0, c1) in enumerate(RECTS.values()):
        img[r0:r1, c0:c1] = (40 * k, 200 - 40 * k, 90)
        region[r0:r1, c0:c1] = k
    return img, region


class FakeSamPredictor:
    """Follows SamPredictor: set_image, transform.apply_coords, predict_torch(..., return_logits=True).

    For a point it answers three masks: the flat-colour region under it (confident and stable), the whole
    image (confident, too large), and the region with soft logits (unstable).
    """

    def __init__(self) -> None:
        self.transform = ResizeLongestSide(1024)
        self.calls = 0

    def set_image(self, image: np.ndarray, image_format: str = "RGB") -> None:
        self.image = image
        # Region id per pixel = index of its colour, so a prompt's region is one comparison.
        _, inv = np.unique(image.reshape(-1, 3), axis=0, return_inverse=True)
        self.regions = inv.reshape(image.shape[:2])
        self.original_size = image.shape[:2]
        self.input_size = self.transform.get_preprocess_shape(*image.shape[:2], 1024)

    def predict_torch(self, point_coords, point_labels, boxes=None, mask_input=None, multimask_output=True,
                      return_logits=False):
        assert point_coords.shape[1:] == (1, 2) and point_labels.shape == point_coords.shape[:2]
        self.calls += 1
        h, w = self.original_size
        scale = np.array([w / self.input_size[1], h / self.input_size[0]])
        out, iou = [], []
        for xy in point_coords[:, 0].numpy() * scale:
            c, r = int(np.clip(xy[0], 0, w - 1)), int(np.clip(xy[1], 0, h - 1))
            region = np.where(self.regions == self.regions[r, c], 8.0, -8.0).astype(np.float32)
            out.append(np.stack([region, np.full((h, w), 8.0), region * 0.05]))
            iou.append([0.95, 0.9, 0.9])
        return torch.tensor(np.array(out), dtype=torch.float32), torch.tensor(iou), None


def _view(img: np.ndarray, region: np.ndarray) -> View:
    k = Intrinsics(100.0, 100.0, 99.5, 99.5, 200, 200)
    return View(0, 30.0, 0.0, np.eye(4), k, img, np.where(region >= 0, 0, -1), region, np.ones((200, 200)))


@pytest.mark.parametrize("crop_layers, per_side", [(0, 20), (1, 10)])
def test_sam_grid_prompting_keeps_stable_part_sized_masks(crop_layers: int, per_side: int) -> None:
    img, region = _scene()
    predictor = FakeSamPredictor()
    source = SamMasks(predictor, SamConfig(crop_n_layers=crop_layers, points_per_side=per_side))
    props = source.masks(_view(img, region))
    # Three rectangles survive: the tiny one (< 350 px), the whole image (> 20 %), the white background
    # (> 20 %) and the unstable soft masks are dropped; duplicates from many grid points are merged by NMS.
    assert len(props) == 3
    truth = [region == k for k in range(3)]
    for t in truth:
        best = max((p.mask & t).sum() / (p.mask | t).sum() for p in props)
        assert best > 0.98
    assert all(p.hint is None and 0.9 <= p.score <= 1.0 for p in props)
    # The grid in batches of 64 points, per crop (1 crop, or 1 + 4 at one crop layer).
    assert predictor.calls == (1 if crop_layers == 0 else 5) * int(np.ceil(per_side**2 / 64))


def test_sam_checkpoint_errors_are_clear(tmp_path) -> None:
    with pytest.raises(ValueError, match="model type"):
        SamMasks.from_checkpoint("vit_xxl", tmp_path / "x.pth")
    with pytest.raises(FileNotFoundError, match="checkpoint"):
        SamMasks.from_checkpoint("vit_b", tmp_path / "missing.pth")


# ---------------------------------------------------------------- Gemini


@pytest.fixture
def api_key(monkeypatch) -> str:
    pytest.importorskip("google.genai")
    key = "test-key-do-not-log-1234"
    monkeypatch.setenv("GEMINI_API_KEY", key)
    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
    return key


def _image(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 255, (32, 32, 3), dtype=np.uint8)


def test_gemini_retries_429_and_500_then_caches(tmp_path, api_key, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    with GeminiServer([429, 500]) as server:
        namer = GeminiNamer("gemini-test", tmp_path / "cache.sqlite", max_requests=10, backoff_s=0.01,
                            base_url=server.url, timeout_s=10)
        assert namer.name_image(_image(0)) == "handle"
        assert len(server.requests) == 3
        path, headers, body = server.requests[-1]
        assert path.endswith("/models/gemini-test:generateContent")
        assert {k.lower(): v for k, v in headers.items()}["x-goog-api-key"] == api_key
        parts = body["contents"][0]["parts"]
        inline = parts[0].get("inlineData") or parts[0]["inline_data"]
        assert (inline.get("mimeType") or inline["mime_type"]) == "image/png" and "purple" in parts[1]["text"]
        # A rerun (even a new namer on the same cache) never pays twice.
        again = GeminiNamer("gemini-test", tmp_path / "cache.sqlite", max_requests=10, base_url=server.url)
        assert again.name_image(_image(0)) == "handle" and len(server.requests) == 3
        assert namer.cache.spent() == 3
    assert api_key not in caplog.text and "429" in caplog.text


def test_gemini_unknown_is_dropped_and_budget_holds(tmp_path, api_key) -> None:
    with GeminiServer([], answer="unknown") as server:
        namer = GeminiNamer("gemini-test", tmp_path / "c.sqlite", max_requests=2, base_url=server.url)
        assert namer.name_image(_image(1)) is None
        assert namer.name_image(_image(2)) is None
        with pytest.raises(BudgetExhausted):
            namer.name_image(_image(3))
        assert len(server.requests) == 2
        assert namer.name_image(_image(1)) is None  # cached: free even over budget


def test_gemini_gives_up_after_max_retries_and_refuses_without_key(tmp_path, api_key, monkeypatch) -> None:
    from google.genai import errors

    with GeminiServer([500, 500, 500]) as server:
        namer = GeminiNamer("gemini-test", tmp_path / "c.sqlite", max_retries=2, backoff_s=0.001, base_url=server.url)
        with pytest.raises(errors.ServerError):
            namer.name_image(_image(4))
        assert len(server.requests) == 3
    monkeypatch.delenv("GEMINI_API_KEY")
    with pytest.raises(ValueError, match="API key"):
        GeminiNamer(cache_path=tmp_path / "d.sqlite")


def test_answer_cleaning_and_overlay() -> None:
    assert clean_answer("The Handle.\n") == "handle"
    assert clean_answer("Unknown") is None and clean_answer("") is None
    assert clean_answer("this is a very long rambling answer") is None
    img = np.zeros((4, 4, 3), np.uint8)
    m = np.zeros((4, 4), bool)
    m[1, 1] = True
    out = overlay(img, m)
    assert out[1, 1, 2] > out[1, 1, 1] and out[0, 0].sum() == 0
