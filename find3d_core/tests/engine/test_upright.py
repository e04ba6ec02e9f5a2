"""The upright step: rotations, the offline heuristic on turned procedural objects, Gemini choosing among six renders
through the real google-genai SDK (local generateContent server), and the choice recorded in the shard provenance."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from local_servers import GeminiServer
from scipy.spatial.transform import Rotation

from find3d_core.engine.assets import Asset, procedural_asset
from find3d_core.engine.procedural import PartMesh, box, cylinder
from find3d_core.engine.upright import (
    AXES,
    GeminiUpright,
    heuristic_up,
    parse_view_number,
    rotate_asset,
    rotation_to_up,
)


def desk_lamp() -> Asset:
    """A lamp built here (the catalogue changes): a heavy round foot, a pole, an arm with a shade to one side."""
    obj = (PartMesh()
           .add("base", cylinder(0.09, 0.03), (0.2, 0.2, 0.2))
           .add("pole", cylinder(0.012, 0.32, z0=0.03), (0.6, 0.6, 0.6))
           .add("arm", box((0.14, 0.02, 0.02), (0.07, 0.0, 0.34)), (0.6, 0.6, 0.6))
           .add("shade", box((0.08, 0.08, 0.06), (0.14, 0.0, 0.31)), (0.9, 0.8, 0.2))
           .build("lamp"))
    return Asset("test-lamp", obj, {"source": "test"})


def pedestal() -> Asset:
    """A round pedestal: a wide heavy foot, a column, a smaller top plate."""
    obj = (PartMesh()
           .add("foot", cylinder(0.1, 0.03), (0.3, 0.3, 0.3))
           .add("column", cylinder(0.03, 0.22, z0=0.03), (0.7, 0.7, 0.7))
           .add("top", cylinder(0.06, 0.015, z0=0.25), (0.5, 0.4, 0.3))
           .build("pedestal"))
    return Asset("test-pedestal", obj, {"source": "test"})


def turned(asset: Asset, euler_deg: tuple[float, float, float]) -> tuple[Asset, np.ndarray]:
    rot = Rotation.from_euler("xyz", euler_deg, degrees=True).as_matrix()
    return rotate_asset(asset, rot, {}), rot @ [0.0, 0.0, 1.0]


def test_rotation_to_up_is_the_smallest_proper_rotation() -> None:
    for d in [*AXES.values(), (1.0, 2.0, -0.5)]:
        d = np.asarray(d, np.float64) / np.linalg.norm(d)
        r = rotation_to_up(d)
        assert np.allclose(r @ d, [0, 0, 1]) and np.allclose(r @ r.T, np.eye(3)) and np.isclose(np.linalg.det(r), 1)
        # Smallest: the angle turned is the angle between d and +z (a half turn for -z).
        angle = np.degrees(Rotation.from_matrix(r).magnitude())
        assert np.isclose(angle, np.degrees(np.arccos(np.clip(d[2], -1, 1))), atol=1e-6)


def test_rotate_asset_turns_the_mesh_and_records_the_rotation() -> None:
    asset = procedural_asset("mug", 0)
    rot = rotation_to_up(np.array([1.0, 0, 0]))
    out = rotate_asset(asset, rot, {"method": "test"})
    assert np.allclose(out.obj.vertices, asset.obj.vertices @ rot.T)
    assert np.allclose(asset.obj.vertices, procedural_asset("mug", 0).obj.vertices)  # the input is untouched
    assert out.source["upright"] == {"method": "test", "rotation": np.round(rot, 9).tolist()}
    assert out.obj.part_names == asset.obj.part_names and out.source["category"] == "mug"


def test_heuristic_keeps_objects_that_stand_upright() -> None:
    # Built here rather than taken from the catalogue, whose shapes keep changing (bench_upright.py measures it).
    for asset in (desk_lamp(), pedestal()):
        up, info = heuristic_up(asset)
        assert info["kept"] and np.allclose(up, [0, 0, 1])


@pytest.mark.parametrize("euler", [(90, 0, 0), (-90, 0, 0), (0, 90, 0), (180, 0, 0)])
def test_heuristic_stands_a_tipped_lamp_up(euler) -> None:
    asset, truth = turned(desk_lamp(), euler)
    up, info = heuristic_up(asset)
    assert not info["kept"] and up @ truth > 0.97


@pytest.mark.parametrize("euler", [(35, 50, 0), (-70, 20, 10), (90, 0, 0)])
def test_heuristic_stands_an_obliquely_tilted_object_up(euler) -> None:
    """Off every axis the object rests on none of them: the convex hull's faces are tried."""
    asset, truth = turned(pedestal(), euler)
    up, info = heuristic_up(asset)
    assert not info["kept"] and up @ truth > 0.97


def test_parse_view_number() -> None:
    assert parse_view_number("View 3.", 6) == "3" and parse_view_number("2", 6) == "2"
    assert parse_view_number("7", 6) is None and parse_view_number("upside down", 6) is None
    assert parse_view_number(None, 6) is None


def _images(body) -> list[np.ndarray]:
    from PIL import Image

    parts = body["contents"][0]["parts"]
    blobs = [p.get("inlineData") or p.get("inline_data") for p in parts]
    data = [b["data"] + "=" * (-len(b["data"]) % 4) for b in blobs if b]  # the SDK sends unpadded url-safe base64
    return [np.asarray(Image.open(io.BytesIO(base64.urlsafe_b64decode(d)))) for d in data]


@pytest.fixture
def gemini_env(monkeypatch):
    pytest.importorskip("google.genai")
    monkeypatch.setenv("GEMINI_API_KEY", "test-key")
    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)


def test_gemini_picks_the_upright_render_and_the_pipeline_records_it(tmp_path, gemini_env) -> None:
    from find3d_core.engine.masks import OracleMasks
    from find3d_core.engine.naming import GeminiNamer, OracleNamer
    from find3d_core.engine.pipeline import EngineConfig, label_asset
    from find3d_core.engine.views import ViewConfig

    # The lamp lying with its up axis along -x: View 4 ("-x" up) is the upright one.
    lamp = desk_lamp()
    asset, truth = turned(lamp, (0, -90, 0))
    assert np.allclose(truth, AXES["-x"], atol=1e-9)
    with GeminiServer([], answer="View 4") as server:
        cfg = EngineConfig(views=ViewConfig(n_views=2, size=96), n_points=500, thumb_size=0, upright="gemini",
                           gemini_model="gemini-test", gemini_cache=str(tmp_path / "c.sqlite"),
                           gemini_base_url=server.url)
        rec = label_asset(asset, cfg, OracleMasks(), OracleNamer())
        assert len(server.requests) == 1
        body = server.requests[0][2]
        texts = [p["text"] for p in body["contents"][0]["parts"] if "text" in p]
        assert texts[:6] == [f"View {k}:" for k in range(1, 7)] and "upright" in texts[6]
        images = _images(body)
        assert len(images) == 6 and all(im.shape == (256, 256, 3) for im in images)
        assert len({im.tobytes() for im in images}) == 6  # six different orientations
        record = rec.meta["provenance"]["upright"]
        assert record["method"] == "gemini" and record["view"] == 4 and record["up_axis"] == "-x"
        rot = np.array(record["rotation"])
        assert np.allclose(rot @ truth, [0, 0, 1])
        # The labelled points are the upright object's: as tall as the lamp built upright.
        height = np.ptp(lamp.obj.vertices[:, 2])
        assert np.isclose(np.ptp(rec.xyz[:, 2]), height, rtol=0.05)
        # The answer is cached: a second labelling pays nothing.
        label_asset(asset, cfg, OracleMasks(), OracleNamer())
        assert len(server.requests) == 1
    with GeminiServer([], answer="It looks like a lamp.") as server:
        namer = GeminiNamer("gemini-test", tmp_path / "d.sqlite", base_url=server.url)
        rot, info = GeminiUpright(namer).choose(asset)
        assert info["method"] == "heuristic" and info["fallback"] == "gemini answer unusable"
        assert np.allclose(rot @ truth, [0, 0, 1], atol=0.03)  # the heuristic stands the lamp up
