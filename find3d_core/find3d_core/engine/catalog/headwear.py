"""Headwear and things worn on the head: helmets, hats, headphones, eyeglasses.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -x (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import cut
from find3d_core.engine.catalog.shapes import loop_handle
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    METAL,
    PALE,
    WOOD,
    Builder,
    PartMesh,
    ProceduralObject,
    arc,
    box,
    cylinder,
    ellipsoid,
    extrude,
    jitter,
    pick,
    pick_variant,
    revolve,
    transform,
    tube,
)


def _shell(r: float, h: float, t0: float, wall: float, sides: int = 40) -> o3d.geometry.TriangleMesh:
    """A dome of wall thickness `wall`: the quarter ellipse of radii (r, h) from angle t0 (below the equator
    when negative) up to the top, revolved about z; its open rim faces down."""
    outer = arc((0.0, 0.0), (r, h), t0, np.pi / 2, 14)
    inner = arc((0.0, 0.0), (r - wall, h - wall), np.pi / 2, t0, 14)
    return revolve(np.vstack([outer, inner, outer[:1]]), sides)


def make_helmet(rng: np.random.Generator) -> ProceduralObject:
    """Helmet: "shell" (longer front to back), and by variant "vent"s, a "visor" peak and a chin "strap" with a
    "buckle" (bike), a full face with a clear "visor" over a "chin guard" (motorcycle) or a "brim" and top "ridge" (hard hat)."""
    variant = pick_variant(rng, ["bike helmet", "motorcycle helmet", "hard hat"])
    r = rng.uniform(0.12, 0.14)
    color, dark = pick(rng, BRIGHT + PALE + DARK), pick(rng, DARK)
    b = PartMesh()
    stretch = np.array([1.15, 1.0, 1.0])
    if variant == "motorcycle helmet":
        shell = _shell(r, r * 1.05, -np.pi * 0.28, 0.012)
        shell.vertices = o3d.utility.Vector3dVector(np.asarray(shell.vertices) * stretch)
        def window(p: np.ndarray) -> np.ndarray:  # the face opening, in front (-x)
            return (p[:, 0] < -r * 0.55) & (p[:, 2] > -r * 0.2) & (p[:, 2] < r * 0.45)

        def chin(p: np.ndarray) -> np.ndarray:  # the front below the opening
            return (p[:, 0] < -r * 0.4) & (p[:, 2] <= -r * 0.2)

        b.add("shell", cut(shell, lambda p: ~window(p) & ~chin(p)), color)
        b.add("chin guard", cut(shell, chin), jitter(rng, color, 0.08))
        b.alias("chin guard", "chin bar", "jaw guard", "the part over the chin")
        visor = o3d.geometry.TriangleMesh.create_sphere(r + 0.004, 24)
        visor.vertices = o3d.utility.Vector3dVector(np.asarray(visor.vertices) * stretch * np.array([1.0, 1.0, 1.05]))
        b.add("visor", cut(visor, lambda p: (p[:, 0] < -r * 0.45) & (p[:, 2] > -r * 0.25) & (p[:, 2] < r * 0.5)), (0.15, 0.2, 0.25))
        b.alias("visor", "face shield", "window", "the clear part you look through")
    else:
        shell = _shell(r, r * 0.85, 0.0, 0.02 if variant == "bike helmet" else 0.004)
        shell.vertices = o3d.utility.Vector3dVector(np.asarray(shell.vertices) * stretch)
        b.add("shell", shell, color)
    if variant == "bike helmet":
        for k in range(3):
            for s in (-1, 1):
                y = s * (0.02 + 0.03 * k)
                b.add("vent", box((r * 0.8, 0.012, 0.01), (0.0, y, r * 0.85 * np.sqrt(max(1 - (y / r) ** 2, 0.0)) - 0.002)), dark)
        peak = transform(box((0.05, r * 1.2, 0.004), (0, 0, 0)), (0, -0.3, 0), (-r * 1.15 - 0.015, 0, 0.03))
        b.add("visor", peak, jitter(rng, color, 0.1))
        strap = loop_handle((0.0, -r * 0.98, 0.005), (0.0, r * 0.98, 0.005), (-0.04, 0, -0.15), 0.004, 18)
        b.add("strap", strap, dark)
        b.add("buckle", box((0.02, 0.03, 0.01), (-0.04, 0.0, -0.145)), pick(rng, DARK + BRIGHT))
        b.alias("vent", "air vent", "slot", "the holes on top").alias("visor", "peak", "sun visor", "the front lip")
        b.alias("strap", "chin strap", "harness", "the part under the chin").alias("buckle", "clip", "clasp", "fastener")
    if variant == "hard hat":
        brim = revolve(np.array([(r - 0.004, 0.0), (r + 0.03, -0.012), (r + 0.03, -0.008), (r - 0.004, 0.006)]), 40)
        brim.vertices = o3d.utility.Vector3dVector(np.asarray(brim.vertices) * stretch)
        b.add("brim", brim, color)
        b.add("ridge", transform(box((r * 1.9, 0.025, 0.012), (0, 0, 0)), translation=(0, 0, r * 0.85)), jitter(rng, color, 0.08))
        b.alias("brim", "rim", "peak", "the lip around the edge").alias("ridge", "crest", "rib", "the raised stripe on top")
    b.alias("shell", "outer shell", "dome", "the hard outer part")
    return b.build("helmet", ground=True, variant=variant)


def make_hat(rng: np.random.Generator) -> ProceduralObject:
    """Hat: "crown" (the part on the head) and by variant a "brim" and "band" (top hat, fedora, sun hat) or a
    folded "cuff" and "pompom" (beanie)."""
    variant = pick_variant(rng, ["top hat", "fedora", "sun hat", "beanie"])
    r = rng.uniform(0.085, 0.1)
    color = pick(rng, DARK + BRIGHT + PALE + WOOD)
    b = PartMesh()
    wall = 0.003
    if variant == "beanie":
        h = r * rng.uniform(1.0, 1.3)
        b.add("crown", _shell(r, h, 0.0, wall), color)
        b.add("cuff", revolve(np.array([(r - 0.002, 0.0), (r + 0.008, 0.0), (r + 0.008, 0.05), (r - 0.002, 0.05)]), 40), jitter(rng, color, 0.05))
        if rng.random() < 0.7:
            b.add("pompom", ellipsoid((0.03, 0.03, 0.028), (0, 0, h + 0.022), 12), pick(rng, PALE + BRIGHT))
            b.alias("pompom", "bobble", "pom-pom", "the fluffy ball on top")
        b.alias("cuff", "turn-up", "folded band", "the folded edge")
    else:
        h = {"top hat": rng.uniform(0.14, 0.18), "fedora": rng.uniform(0.1, 0.12), "sun hat": rng.uniform(0.08, 0.1)}[variant]
        rt = r * (1.05 if variant == "top hat" else 0.82)
        dent = 0.02 if variant == "fedora" else 0.0
        outer = [(r, 0.0), (rt, h), (rt * 0.5, h - dent), (0.0, h - dent * 0.5)]
        inner = [(0.0, h - dent * 0.5 - wall), (rt * 0.5 - wall, h - dent - wall), (rt - wall, h - wall), (r - wall, 0.0)]
        b.add("crown", revolve(np.array(outer + inner + [outer[0]]), 40), color)
        width = {"top hat": 0.045, "fedora": 0.055, "sun hat": rng.uniform(0.1, 0.14)}[variant]
        droop = -0.02 if variant == "sun hat" else (0.01 if variant == "top hat" else 0.004)
        brim = np.array([(r - wall, 0.0), (r + width * 0.6, droop * 0.3), (r + width, droop), (r + width, droop + 0.004),
                         (r + width * 0.6, droop * 0.3 + 0.004), (r - wall, 0.004)])
        b.add("brim", revolve(brim, 48), jitter(rng, color, 0.04))
        bh = h * rng.uniform(0.18, 0.28)
        band = np.array([(r + 0.0015, 0.004), (r + 0.0015 + (rt - r) * bh / h, bh + 0.004)])
        b.add("band", revolve(band, 40), pick(rng, DARK + BRIGHT))
        b.alias("brim", "rim", "peak", "the part that shades the face").alias("band", "hatband", "ribbon", "the stripe around the crown")
    b.alias("crown", "top", "dome", "the part on the head")
    return b.build("hat", ground=True, variant=variant)


def make_headphones(rng: np.random.Generator) -> ProceduralObject:
    """Headphones standing as worn: arched "headband" (with "padding" under it), "slider"s, "ear cup"s with
    "ear pad"s facing each other; a headset adds a "microphone" boom, wired ones a "cord"."""
    variant = pick_variant(rng, ["over-ear headphones", "on-ear headphones", "gaming headset"])
    cup_r = rng.uniform(0.04, 0.05) if variant != "on-ear headphones" else rng.uniform(0.03, 0.036)
    span = rng.uniform(0.075, 0.09)  # half the distance between the ear pads
    color, dark = pick(rng, DARK + PALE + BRIGHT), pick(rng, DARK)
    b = PartMesh()
    cup_t, pad_t = 0.03, (0.02 if variant != "on-ear headphones" else 0.012)
    zc = cup_r
    top = zc + rng.uniform(0.14, 0.17)
    for s in (-1, 1):
        y_pad = s * span
        y_cup = s * (span + pad_t)
        pad = transform(cylinder(cup_r * 0.95, pad_t, 0.0, 28), (-s * np.pi / 2, 0, 0), (0, y_pad, zc))
        b.add("ear pad", pad, dark)
        cup = transform(cylinder(cup_r, cup_t, 0.0, 28, cup_r * 0.85), (-s * np.pi / 2, 0, 0), (0, y_cup, zc))
        b.add("ear cup", cup, color)
        b.add("slider", tube(np.array([[0, y_cup + s * cup_t * 0.5, zc + cup_r * 0.8], [0, y_cup + s * cup_t * 0.5, zc + cup_r + 0.045]]), 0.004, 8),
              pick(rng, METAL))
    y_band = span + pad_t + cup_t * 0.5
    band = loop_handle((0, -y_band, zc + cup_r + 0.04), (0, y_band, zc + cup_r + 0.04), (0, 0, top - zc - cup_r - 0.04), 0.007, 24)
    b.add("headband", band, color)
    pad = loop_handle((0, -y_band * 0.5, top - 0.018), (0, y_band * 0.5, top - 0.018), (0, 0, 0.012), 0.009, 14)
    b.add("padding", pad, dark)
    if variant == "gaming headset":
        boom = np.array([[0, -(span + pad_t + cup_t), zc], [-0.04, -(span + pad_t + cup_t), zc - 0.01], [-0.09, -span * 0.8, zc - 0.015]])
        b.add("microphone", tube(boom, 0.004, 8), dark)
        b.add("microphone", ellipsoid((0.01, 0.008, 0.008), (-0.095, -span * 0.78, zc - 0.015), 8), dark)
        b.alias("microphone", "mic", "boom mic", "the part you speak into")
    if variant != "on-ear headphones" and rng.random() < 0.6:
        cord = np.array([[0, span + pad_t + cup_t * 0.8, zc - cup_r * 0.6], [0.02, span + 0.04, 0.006], [0.08, span + 0.06, 0.006],
                         [0.2, span, 0.006]])
        b.add("cord", tube(cord, 0.002, 6), dark)
        b.alias("cord", "cable", "wire", "lead")
    b.group("earpiece", "ear cup", "ear pad").alias("earpiece", "earphone", "the part over the ear")
    b.alias("headband", "band", "head strap", "the arch over the head").alias("padding", "headband cushion", "pad", "cushion")
    b.alias("ear cup", "earcup", "speaker housing", "cup").alias("ear pad", "cushion", "earpad", "the soft part on the ear")
    b.alias("slider", "adjuster", "extender", "the sliding arm")
    return b.build("headphones", ground=True, variant=variant)


def make_eyeglasses(rng: np.random.Generator) -> ProceduralObject:
    """Eyeglasses, lenses facing -x, arms folded open towards +x: two "lens"es in "rim"s joined by the "bridge",
    "nose pad"s, "temple" arms ending in hooks (group "frame" = rims, bridge, temples)."""
    variant = pick_variant(rng, ["round glasses", "rectangular glasses", "sunglasses"])
    a = rng.uniform(0.02, 0.024) if variant != "sunglasses" else rng.uniform(0.026, 0.03)  # lens half-width (y)
    bh = a * (1.0 if variant == "round glasses" else rng.uniform(0.6, 0.8))  # lens half-height (z)
    gap = rng.uniform(0.016, 0.022)
    frame_c = pick(rng, DARK + METAL + BRIGHT)
    lens_c = (0.08, 0.08, 0.1) if variant == "sunglasses" else (0.8, 0.88, 0.92)
    rim_r = 0.0015 if variant != "sunglasses" else 0.0025
    b = PartMesh()
    t = np.linspace(0.0, 2 * np.pi, 33)
    sq = 0.35 if variant == "rectangular glasses" else 1.0  # superellipse exponent: squarer corners for < 1
    cy, cz = np.sign(np.cos(t)) * np.abs(np.cos(t)) ** sq, np.sign(np.sin(t)) * np.abs(np.sin(t)) ** sq
    zc = bh + 0.004
    for s in (-1, 1):
        yc = s * (gap / 2 + a)
        loop = np.column_stack([np.zeros_like(t), yc + a * cy, zc + bh * cz])
        b.add("rim", tube(loop, rim_r, 6), frame_c)
        lens = transform(extrude(np.column_stack([-(bh * cz[:-1]), a * cy[:-1]]), 0.0015), (0, np.pi / 2, 0), (-0.00075, yc, zc))
        b.add("lens", lens, lens_c)
        b.add("nose pad", ellipsoid((0.003, 0.002, 0.005), (0.006, s * gap * 0.45, zc - bh * 0.3), 8), (0.9, 0.9, 0.9))
        arm_len = rng.uniform(0.12, 0.145)
        y_arm = s * (gap / 2 + 2 * a)
        arm = np.array([[0, y_arm, zc + bh * 0.5], [0.01, y_arm + s * 0.002, zc + bh * 0.5], [arm_len, y_arm + s * 0.006, zc + bh * 0.4],
                        [arm_len + 0.02, y_arm + s * 0.006, zc - 0.005], [arm_len + 0.03, y_arm + s * 0.006, 0.0015]])
        b.add("temple", tube(arm, 0.0015 if variant != "sunglasses" else 0.0025, 6), frame_c)
    bridge = np.array([[0, -gap / 2 - 0.001, zc + bh * 0.3], [0, 0, zc + bh * 0.55], [0, gap / 2 + 0.001, zc + bh * 0.3]])
    b.add("bridge", tube(bridge, rim_r, 6), frame_c)
    b.group("frame", "rim", "bridge", "temple").alias("frame", "frames", "the part that holds the lenses")
    b.alias("lens", "glass", "lenses", "the part you look through").alias("rim", "eyewire", "lens frame", "ring")
    b.alias("bridge", "nose bridge", "the part over the nose", "bar").alias("nose pad", "pad", "nosepiece", "the part on the nose")
    b.alias("temple", "arm", "earpiece", "the part over the ear")
    return b.build("eyeglasses", ground=True, variant=variant)


def make_earbuds(rng: np.random.Generator) -> ProceduralObject:
    """Earbuds lying on the table: two "earbud"s (housing) with soft "ear tip"s and, by variant, "stem"s
    (wireless) or a "cord" joining them at a "splitter" (wired)."""
    variant = pick_variant(rng, ["wired earbuds", "wireless earbuds"])
    color, tip_c = pick(rng, PALE + DARK), pick(rng, PALE + DARK + BRIGHT)
    r = rng.uniform(0.008, 0.011)
    b = PartMesh()
    for s in (-1, 1):
        c = np.array([0.0, s * rng.uniform(0.03, 0.05), r])
        b.add("earbud", ellipsoid((r, r, r), tuple(c), 12), color)
        b.add("ear tip", ellipsoid((r * 0.6, r * 0.6, r * 0.5), tuple(c + [-r * 0.9, 0, 0]), 10), tip_c)
        if variant == "wireless earbuds":
            b.add("stem", tube(np.array([c + [r * 0.3, 0, 0], c + [r * 0.6 + 0.03, 0, -r * 0.5]]), 0.0035, 10), color)
        else:
            cord = np.array([c + [r * 0.8, 0, 0], c + [0.04, -s * 0.01, -r + 0.0015], [0.09, 0.0, 0.0015]])
            b.add("cord", tube(cord, 0.0012, 6), color)
    if variant == "wired earbuds":
        b.add("splitter", box((0.012, 0.006, 0.004), (0.094, 0, 0.002)), color)
        b.add("cord", tube(np.array([[0.1, 0, 0.0015], [0.2, 0.02, 0.0015], [0.3, -0.01, 0.0015]]), 0.0015, 6), color)
        b.alias("cord", "cable", "wire", "lead").alias("splitter", "y-splitter", "cord junction", "the part where the cords join")
    else:
        b.alias("stem", "stalk", "antenna", "the part that hangs down")
    b.group("earpiece", "earbud", "ear tip").alias("earpiece", "earphone", "the part in the ear")
    b.alias("earbud", "bud", "housing", "speaker").alias("ear tip", "eartip", "silicone tip", "the soft part in the ear")
    return b.build("headphones", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "helmet": [make_helmet],
    "hat": [make_hat],
    "headphones": [make_headphones, make_earbuds],
    "eyeglasses": [make_eyeglasses],
}
