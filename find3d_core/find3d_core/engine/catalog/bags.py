"""Bags and luggage: backpacks, handbags, suitcases.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import rounded_slab
from find3d_core.engine.catalog.shapes import loop_handle
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    HOLD,
    METAL,
    PALE,
    WOOD,
    Builder,
    PartMesh,
    ProceduralObject,
    arch,
    box,
    cylinder,
    extrude,
    jitter,
    pick,
    pick_variant,
    transform,
    tube,
)


def _upright_slab(w: float, h: float, d: float, r: float, center: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """A w wide, h tall, d deep block whose front outline has corners rounded by r (bags, cases), centred at `center`."""
    return transform(rounded_slab(w, h, d, r, (0.0, 0.0, 0.0)), (np.pi / 2, 0.0, 0.0), center)


def make_backpack(rng: np.random.Generator) -> ProceduralObject:
    """Backpack standing up, front -y: "body", shoulder "strap"s on the back, "top handle", a "zipper" round the
    front, front and side "pocket"s (a drawstring bag has a "drawstring" instead of pockets and a top handle)."""
    variant = pick_variant(rng, ["daypack", "school backpack", "drawstring bag"])
    w, d, h = rng.uniform(0.28, 0.34), rng.uniform(0.12, 0.18), rng.uniform(0.4, 0.48)
    color, dark = pick(rng, BRIGHT + DARK), pick(rng, DARK)
    b = PartMesh()
    if variant == "drawstring bag":
        d = 0.03
        b.add("body", box((w, d, h), (0, 0, h / 2)), color)
        for s in (-1, 1):
            cord = np.array([[s * w * 0.45, d / 2 + 0.005, 0.02], [s * w * 0.2, d / 2 + 0.01, h * 0.7], [s * 0.02, d / 2 + 0.005, h + 0.005]])
            b.add("drawstring", tube(cord, 0.004, 8), dark)
        b.add("drawstring", tube(np.array([[-w / 2, 0, h - 0.015], [w / 2, 0, h - 0.015]]), 0.005, 8), dark)
        b.alias("drawstring", "cord", "string", "the cords you pull it shut with")
    else:
        b.add("body", _upright_slab(w, h, d, w * rng.uniform(0.25, 0.45), (0, 0, h / 2)), color)
        for s in (-1, 1):
            strap = arch(np.array([s * w * 0.18, d / 2 - 0.005, h * 0.88]), np.array([s * w * 0.32, d / 2 - 0.005, h * 0.06]),
                         np.array([0, rng.uniform(0.04, 0.06), 0]), 16)
            b.add("strap", tube(strap, 0.012, 8), dark)
        b.add("top handle", loop_handle((-0.035, 0.0, h * 0.99), (0.035, 0.0, h * 0.99), (0, 0, 0.035), 0.006, 12), dark)
        zipper = arch(np.array([-w / 2 + 0.005, -d / 2 - 0.002, h * 0.45]), np.array([w / 2 - 0.005, -d / 2 - 0.002, h * 0.45]),
                      np.array([0, 0, h * 0.5]), 20)
        b.add("zipper", tube(zipper, 0.004, 6), pick(rng, METAL + DARK))
        pd = d * rng.uniform(0.25, 0.4)
        b.add("pocket", _upright_slab(w * 0.75, h * 0.35, pd, 0.03, (0, -d / 2 - pd / 2 + 0.002, h * 0.22)), jitter(rng, color, 0.1))
        if variant == "school backpack":
            for s in (-1, 1):
                b.add("pocket", box((0.03, d * 0.7, h * 0.3), (s * (w / 2 + 0.013), 0, h * 0.17)), jitter(rng, color, 0.1))
        b.alias("strap", "shoulder strap", "harness", "the part over your shoulders")
        b.alias("top handle", "handle", "grab loop", "the loop you carry it by")
        b.alias("zipper", "zip", "zip fastener", "the part you open it with")
        b.alias("pocket", "front pocket", "compartment", "pouch")
    b.alias("body", "main compartment", "bag", "sack")
    return b.build("backpack", ground=True, variant=variant)


def make_handbag(rng: np.random.Generator) -> ProceduralObject:
    """Handbag, front -y: trapezoid "body", and by variant two "handle"s (tote), a long shoulder "strap" and a
    "flap" with a "clasp" (shoulder bag), one "handle" and a flap (top-handle bag) or only a flap (clutch)."""
    variant = pick_variant(rng, ["tote", "shoulder bag", "top-handle bag", "clutch"])
    w = rng.uniform(0.22, 0.36) if variant != "clutch" else rng.uniform(0.2, 0.26)
    h = w * (rng.uniform(0.65, 0.9) if variant != "clutch" else rng.uniform(0.45, 0.55))
    d = w * (rng.uniform(0.3, 0.4) if variant != "clutch" else 0.12)
    top = w * rng.uniform(0.75, 0.95)
    color, trim = pick(rng, BRIGHT + DARK + WOOD + PALE), pick(rng, DARK + WOOD)
    b = PartMesh()
    outline = np.array([[-w / 2, 0.0], [w / 2, 0.0], [top / 2, h], [-top / 2, h]])
    b.add("body", transform(extrude(outline, d), (np.pi / 2, 0, 0), (0, d / 2, 0)), color)
    if variant == "tote":
        for s in (-1, 1):
            b.add("handle", loop_handle((-top * 0.25, s * d * 0.35, h), (top * 0.25, s * d * 0.35, h), (0, 0, h * 0.45), 0.006, 16), trim)
    if variant == "top-handle bag":
        b.add("handle", loop_handle((-top * 0.22, 0, h), (top * 0.22, 0, h), (0, 0, h * 0.3), 0.008, 16), trim)
    if variant == "shoulder bag":
        b.add("strap", loop_handle((-top / 2 + 0.01, 0, h - 0.01), (top / 2 - 0.01, 0, h - 0.01), (0, 0, rng.uniform(0.3, 0.45)), 0.005, 24), trim)
        b.alias("strap", "shoulder strap", "long strap", "the part over your shoulder")
    if variant != "tote":
        fh = h * rng.uniform(0.4, 0.6)
        b.add("flap", box((top * 1.02, 0.004, fh), (0, -d / 2 - 0.002, h - fh / 2)), jitter(rng, color, 0.08))
        b.add("flap", box((top * 1.02, d + 0.004, 0.004), (0, 0, h + 0.002)), jitter(rng, color, 0.08))
        b.add("clasp", box((0.03, 0.006, 0.022), (0, -d / 2 - 0.005, h - fh + 0.014)), pick(rng, METAL))
        b.alias("flap", "cover", "lid", "the part that folds over").alias("clasp", "buckle", "lock", "fastener")
    b.alias("body", "bag", "purse", "the main part").alias("handle", *HOLD, "carry handle")
    return b.build("handbag", ground=True, variant=variant)


def make_suitcase(rng: np.random.Generator) -> ProceduralObject:
    """Suitcase standing up, front -y: "body", "zipper" seam, carry "handle" on top, and by variant a
    "telescoping handle" and four small "wheel"s or two large ones and front "foot" pads; a briefcase has "latch"es instead."""
    variant = pick_variant(rng, ["spinner suitcase", "two-wheel suitcase", "briefcase"])
    color, dark, metal = pick(rng, BRIGHT + DARK + PALE), pick(rng, DARK), pick(rng, METAL)
    b = PartMesh()
    if variant == "briefcase":
        w, d, h = rng.uniform(0.4, 0.46), rng.uniform(0.08, 0.12), rng.uniform(0.3, 0.34)
        z0 = 0.0
        for s in (-1, 1):
            b.add("latch", box((0.03, 0.006, 0.02), (s * w * 0.3, -d / 2 - 0.003, h - 0.025)), metal)
        b.alias("latch", "lock", "clasp", "catch")
    else:
        w, d, h = rng.uniform(0.36, 0.46), rng.uniform(0.2, 0.28), rng.uniform(0.55, 0.72)
        wr = 0.025 if variant == "spinner suitcase" else 0.04
        z0 = 2 * wr + (0.015 if variant == "spinner suitcase" else -wr)
        corners = [(sx, sy) for sx in (-1, 1) for sy in (-1, 1)] if variant == "spinner suitcase" else [(-1, 1), (1, 1)]
        for sx, sy in corners:
            wheel = transform(cylinder(wr, 0.02, -0.01, 20), (0, np.pi / 2, 0), (sx * (w / 2 - 0.04), sy * (d / 2 - wr), wr))
            b.add("wheel", wheel, dark)
            if variant == "spinner suitcase":
                b.add("wheel housing", box((0.035, 0.04, 0.02), (sx * (w / 2 - 0.04), sy * (d / 2 - wr), 2 * wr + 0.005)), dark)
        if variant == "two-wheel suitcase":  # the front rests on two feet, level with the wheels' bottoms
            for sx in (-1, 1):
                b.add("foot", box((0.04, 0.03, z0), (sx * (w / 2 - 0.04), -d / 2 + 0.03, z0 / 2)), dark)
            b.alias("foot", "feet", "stand", "the part the front rests on")
        rise = rng.uniform(0.15, 0.35)
        y = d / 2 - 0.02
        for s in (-1, 1):
            b.add("telescoping handle", tube(np.array([[s * w * 0.3, y, z0 + h - 0.1], [s * w * 0.3, y, z0 + h + rise]]), 0.007, 8), metal)
        b.add("telescoping handle", tube(np.array([[-w * 0.33, y, z0 + h + rise], [w * 0.33, y, z0 + h + rise]]), 0.012, 10), dark)
        b.group("running gear", "wheel", "wheel housing", "foot").alias("running gear", "castors", "the wheels")
        b.alias("wheel", "castor", "roller", "the round part it rolls on").alias("wheel housing", "wheel mount", "caster fork", "fork")
        b.alias("telescoping handle", "pull handle", "trolley handle", "extendable handle")
    b.add("body", _upright_slab(w, h, d, rng.uniform(0.02, 0.05), (0, 0, z0 + h / 2)), color)
    seam = np.array([[-w / 2, 0, z0], [w / 2, 0, z0], [w / 2, 0, z0 + h], [-w / 2, 0, z0 + h], [-w / 2, 0, z0]])
    seam = np.vstack([np.linspace(seam[i], seam[i + 1], 6)[:-1] for i in range(4)] + [seam[-1:]])
    b.add("zipper", tube(seam, 0.005, 6), dark)
    b.add("handle", loop_handle((-0.06, 0, z0 + h), (0.06, 0, z0 + h), (0, 0, 0.035), 0.009, 14), dark)
    b.alias("body", "case", "shell", "the part that holds clothes").alias("zipper", "zip", "seam", "the part you open it with")
    b.alias("handle", "carry handle", "top handle", *HOLD)
    return b.build("suitcase", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "backpack": [make_backpack],
    "handbag": [make_handbag],
    "suitcase": [make_suitcase],
}
