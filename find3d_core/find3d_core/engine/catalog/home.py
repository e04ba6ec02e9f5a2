"""Laundry and home accessories: clothes irons, ironing boards, clothes hangers, laundry baskets, coat racks,
candle holders.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, at real size (primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). Long objects
(irons, ironing boards, hangers) point along +x. `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import ring, rod, side_slab
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

GLASS = (0.72, 0.82, 0.86)
TANK = (0.55, 0.75, 0.92)
FLAME = (1.0, 0.72, 0.18)
WAX = [(0.95, 0.93, 0.86), (0.93, 0.9, 0.8), (0.75, 0.12, 0.12), (0.9, 0.85, 0.65), (0.2, 0.3, 0.55)]
FABRIC = [(0.85, 0.85, 0.82), (0.55, 0.65, 0.8), (0.8, 0.55, 0.6), (0.6, 0.75, 0.6), (0.75, 0.7, 0.6)]
BRASS = [(0.78, 0.62, 0.3), (0.7, 0.55, 0.25), (0.8, 0.7, 0.45)]
WICKER = [(0.72, 0.58, 0.38), (0.62, 0.48, 0.3), (0.82, 0.72, 0.55)]


def _tapered_slab(outline: np.ndarray, height: float, top_scale: float, z0: float) -> o3d.geometry.TriangleMesh:
    """`extrude(outline, height)` whose top face is shrunk by `top_scale` towards the outline's centroid, from z0."""
    m = extrude(outline, height)
    v = np.asarray(m.vertices).copy()
    c = np.asarray(outline, dtype=np.float64).mean(axis=0)
    top = v[:, 2] > height / 2
    v[top, :2] = c + (v[top, :2] - c) * top_scale
    v[:, 2] += z0
    m.vertices = o3d.utility.Vector3dVector(v)
    return m


def _pointed_outline(length: float, width: float, sharp: float, n: int = 10) -> np.ndarray:
    """(K, 2) outline with a square rear at x = -length/2 narrowing to a point at +length/2 (irons, boards)."""
    t = np.linspace(0.0, 1.0, n)
    half = width / 2 * np.clip(1.0 - t**sharp, 0.0, None) ** 0.6
    x = -length / 2 + t * length
    right = np.column_stack([x, -half])
    left = np.column_stack([x[:-1], half[:-1]])[::-1]
    return np.vstack([right, left])


def _half_width(x: float, length: float, width: float, sharp: float) -> float:
    t = float(np.clip((x + length / 2) / length, 0.0, 1.0))
    return float(width / 2 * max(1.0 - t**sharp, 0.0) ** 0.6)


# ---------------------------------------------------------------- laundry


def make_clothes_iron(rng: np.random.Generator) -> ProceduralObject:
    """Clothes iron pointing along +x: metal "soleplate", tapered "body", looped "handle", translucent
    "water tank window", "steam button" and "temperature dial"; a corded iron has a "cord" and "cord guard", a
    cordless one rests on a "dock" that carries the cord."""
    variant = pick_variant(rng, ["steam iron", "travel iron", "cordless on dock"])
    travel = variant == "travel iron"
    L = rng.uniform(0.16, 0.19) if travel else rng.uniform(0.25, 0.3)
    W = L * rng.uniform(0.42, 0.48)
    sharp = rng.uniform(1.6, 2.2)
    sole_t = rng.uniform(0.005, 0.008)
    bh = L * rng.uniform(0.16, 0.2)
    top_s = rng.uniform(0.72, 0.8)
    shell, trim = pick(rng, BRIGHT + PALE), pick(rng, DARK + PALE)
    b = PartMesh()
    z0 = 0.0
    outline = _pointed_outline(L, W, sharp)
    if variant == "cordless on dock":
        dock_t = rng.uniform(0.025, 0.035)
        b.add("dock", _tapered_slab(_pointed_outline(L * 1.12, W * 1.2, sharp), dock_t, 0.97, 0.0), trim)
        z0 = dock_t
    b.add("soleplate", _tapered_slab(outline, sole_t, 1.0, z0), pick(rng, METAL))
    zb = z0 + sole_t
    b.add("body", _tapered_slab(outline * 0.98, bh, top_s, zb), shell)
    top = zb + bh
    cx = float(outline[:, 0].mean())
    xmin, xmax = cx + top_s * (-L / 2 - cx), cx + top_s * (L / 2 - cx)

    def top_half(x: float) -> float:  # half-width of the body's top face at x
        return top_s * 0.98 * _half_width(cx + (x - cx) / top_s, L, W, sharp)

    # Water tank: a translucent block on the front of the body, under the handle's front post.
    xa, xb = xmax - L * 0.32, xmax - L * 0.06
    tank_h = bh * rng.uniform(0.35, 0.5)
    tank = np.array([[xa, -top_half(xa) * 0.92], [xb, -top_half(xb) * 0.92], [xb, top_half(xb) * 0.92],
                     [xa, top_half(xa) * 0.92]])
    b.add("water tank window", _tapered_slab(tank, tank_h, 0.9, top - 0.001), TANK)
    hh = bh * rng.uniform(0.9, 1.2) + tank_h
    hr = L * rng.uniform(0.045, 0.055)
    xr, xf = xmin + L * 0.06, (xa + xb) / 2
    path = np.array([[xr, 0, top - 0.003], [xr - 0.004, 0, top + hh * 0.55], [xr + 0.012, 0, top + hh],
                     [xf - 0.03, 0, top + hh], [xf - 0.005, 0, top + tank_h + (hh - tank_h) * 0.5],
                     [xf, 0, top + tank_h - 0.003]])
    b.add("handle", tube(path, hr, 12), jitter(rng, trim, 0.04))
    b.add("steam button", transform(cylinder(hr * 0.6, 0.006, top + hh + hr * 0.7, 12), translation=(xf - 0.04, 0, 0)),
          pick(rng, BRIGHT))
    dial_r = min(top_half(xr + L * 0.18) * 0.7, 0.02)
    b.add("temperature dial", transform(cylinder(dial_r, 0.007, top - 0.001, 16), translation=(xr + L * 0.18, 0, 0)),
          jitter(rng, trim, 0.05))
    zc = (z0 if variant == "cordless on dock" else zb) + bh * 0.3
    x0 = -L / 2 * (1.12 if variant == "cordless on dock" else 1.0) + 0.012
    if variant == "cordless on dock":
        zc = z0 * 0.5
    guard = transform(cylinder(0.009, 0.04, 0.0, 12, 0.005), (0.0, -np.pi / 2, 0.0), (x0, 0.0, zc))
    b.add("cord guard", guard, DARK[0])
    side = rng.choice([-1.0, 1.0])
    run = rng.uniform(0.08, 0.18)
    cord = np.array([[x0 - 0.035, 0, zc], [x0 - 0.06, 0, zc - 0.005], [x0 - 0.08, side * 0.01, max(zc * 0.4, 0.004)],
                     [x0 - 0.1, side * 0.025, 0.004], [x0 - 0.1 - run * 0.5, side * 0.05, 0.004],
                     [x0 - 0.1 - run, side * 0.09, 0.004]])
    b.add("cord", tube(cord, 0.0035, 8), pick(rng, DARK + PALE))
    b.group("controls", "steam button", "temperature dial").alias("controls", "buttons and dial", "control panel")
    b.group("housing", "body", "water tank window").alias("housing", "iron body", "casing")
    b.alias("soleplate", "sole plate", "hot plate", "the flat metal bottom", "ironing surface")
    b.alias("body", "shell", "top cover", "plastic body")
    b.alias("handle", *("grip", "the part you hold", "handle loop"))
    b.alias("water tank window", "water tank", "water reservoir", "see-through tank", "water level window")
    b.alias("steam button", "steam trigger", "shot of steam button", "spray button")
    b.alias("temperature dial", "heat setting dial", "thermostat knob", "temperature control")
    b.alias("cord", "power cord", "cable", "electric cord")
    b.alias("cord guard", "strain relief", "cord swivel", "cord boot")
    b.alias("dock", "charging base", "iron stand", "heel rest base")
    return b.build("clothes iron", ground=True, variant=variant)


def make_ironing_board(rng: np.random.Generator) -> ProceduralObject:
    """Ironing board along +x (nose forward): "board" under a padded "cover"; a full board stands on crossed
    "leg" frames with rubber "foot" caps, an "iron rest" and a "height lever"; a tabletop board has short folding
    legs; a wall-mounted one folds down from a "wall cabinet" on a "hinge", held by a "support brace"."""
    variant = pick_variant(rng, ["full board", "tabletop board", "wall-mounted fold-down"])
    if variant == "full board":
        L, W, H = rng.uniform(1.1, 1.35), rng.uniform(0.33, 0.44), rng.uniform(0.78, 0.95)
    elif variant == "tabletop board":
        L, W, H = rng.uniform(0.6, 0.8), rng.uniform(0.28, 0.34), rng.uniform(0.14, 0.24)
    else:
        L, W, H = rng.uniform(0.85, 1.05), rng.uniform(0.28, 0.34), rng.uniform(0.45, 0.55)
    sharp = rng.uniform(2.5, 3.5)
    frame, cover = pick(rng, METAL + DARK + PALE), pick(rng, FABRIC + BRIGHT)
    b = PartMesh()
    outline = _pointed_outline(L, W, sharp, 14)
    bt, ct = 0.012, rng.uniform(0.006, 0.012)
    zb = H - ct - bt
    b.add("board", transform(extrude(outline, bt), translation=(0, 0, zb)), jitter(rng, frame, 0.05))
    b.add("cover", transform(extrude(outline * 1.01, ct), translation=(0, 0, zb + bt)), cover)
    tr = 0.011 if variant == "full board" else 0.008
    if variant == "full board":
        wf, wt = W * rng.uniform(0.85, 1.0), W * 0.6
        for xf, xt in ((-L * 0.36, L * 0.12), (L * 0.3, -L * 0.28)):
            legs = np.array([[xf, -wf / 2, 0.016], [xt, -wt / 2, zb - tr], [xt, wt / 2, zb - tr], [xf, wf / 2, 0.016]])
            b.add("leg", tube(legs, tr, 10), frame)
            b.add("leg", rod((xf, -wf / 2, 0.016), (xf, wf / 2, 0.016), tr, 10), frame)
            for s in (-1, 1):
                b.add("foot", rod((xf, s * wf / 2, 0.016), (xf, s * (wf / 2 + 0.035), 0.016), 0.016, 12), DARK[0])
        rest_d = rng.uniform(0.16, 0.24)
        xe = -L / 2
        loop = np.array([[xe + 0.03, -W * 0.38, zb + 0.004], [xe - rest_d, -W * 0.3, zb + 0.004],
                         [xe - rest_d, W * 0.3, zb + 0.004], [xe + 0.03, W * 0.38, zb + 0.004],
                         [xe + 0.03, -W * 0.38, zb + 0.004]])
        b.add("iron rest", tube(loop, 0.005, 8), jitter(rng, frame, 0.05))
        b.add("iron rest", box((rest_d * 0.7, W * 0.45, 0.004), (xe - rest_d * 0.55, 0, zb + 0.004)), (0.6, 0.6, 0.62))
        b.add("height lever", box((0.03, 0.08, 0.02), (-L * 0.42, 0, zb - 0.01)), DARK[0])
        b.add("height lever", rod((-L * 0.42, 0, zb - 0.02), (-L * 0.42 + 0.07, 0, zb - 0.035), 0.006, 8), DARK[0])
    elif variant == "tabletop board":
        wf = W * rng.uniform(0.8, 0.95)
        for xl in (-L * 0.3, L * 0.2):
            legs = np.array([[xl, -wf / 2, 0.01], [xl, -wf / 2, zb - tr], [xl, wf / 2, zb - tr], [xl, wf / 2, 0.01]])
            b.add("leg", tube(legs, tr, 10), frame)
            for s in (-1, 1):
                b.add("foot", transform(cylinder(0.013, 0.015, 0.0, 12), translation=(xl, s * wf / 2, 0)), DARK[0])
    else:
        cab_h, cab_d = rng.uniform(1.0, 1.2), rng.uniform(0.06, 0.1)
        cab_w = W + rng.uniform(0.06, 0.12)
        xw = -L / 2 - 0.01
        b.add("wall cabinet", box((cab_d, cab_w, cab_h), (xw - cab_d / 2, 0, cab_h / 2 - 0.1)),
              pick(rng, PALE + WOOD))
        b.add("hinge", rod((xw, -W * 0.4, zb + bt / 2), (xw, W * 0.4, zb + bt / 2), 0.008, 10), pick(rng, METAL))
        zs = max(zb - rng.uniform(0.3, 0.38), -0.05)
        b.add("support brace", rod((xw + 0.005, 0, zs), (-L / 2 + L * 0.32, 0, zb - 0.006), 0.009, 10), frame)
        b.add("support brace", box((0.02, 0.06, 0.04), (xw + 0.01, 0, zs)), frame)
    b.group("stand", "leg", "foot", "support brace").alias("stand", "legs and feet", "undercarriage")
    b.group("top", "board", "cover").alias("top", "ironing surface", "board top")
    b.alias("board", "board top", "deck", "metal board", "the flat part")
    b.alias("cover", "ironing board cover", "padded cover", "fabric cover", "pad")
    b.alias("leg", "legs", "leg frame", "folding legs").alias("foot", "feet", "rubber foot", "leg caps")
    b.alias("iron rest", "iron holder", "iron stand", "the rack for the iron")
    b.alias("height lever", "height adjuster", "release lever", "adjustment handle")
    b.alias("wall cabinet", "wall mount", "wall box", "mounting cabinet")
    b.alias("hinge", "pivot", "fold hinge").alias("support brace", "support leg", "bracket", "strut")
    return b.build("ironing board", ground=True, variant=variant)


def make_clothes_hanger(rng: np.random.Generator) -> ProceduralObject:
    """Clothes hanger in the x-z plane, hanging from its "hook": a wire hanger has wire "shoulders" and a bottom
    "bar"; a wooden one has shaped wooden "shoulders" and a trouser "bar"; a trouser hanger has a "bar" with
    "clip"s."""
    variant = pick_variant(rng, ["wire hanger", "wooden hanger", "trouser clip hanger"])
    Wd = rng.uniform(0.38, 0.46) if variant != "trouser clip hanger" else rng.uniform(0.26, 0.36)
    metal = pick(rng, METAL + [(0.8, 0.65, 0.35)])
    b = PartMesh()
    hook_r = 0.0017 if variant == "wire hanger" else 0.0024
    neck = rng.uniform(0.17, 0.2) if variant != "trouser clip hanger" else 0.05
    stem = rng.uniform(0.025, 0.04)
    hr = rng.uniform(0.022, 0.028)
    curl = arc((hr, neck + stem), (hr, hr), np.pi, -np.pi * 0.3, 14)
    hook = np.vstack([[[0.0, neck - 0.01], [0.0, neck + stem * 0.5]], curl])
    b.add("hook", tube(np.column_stack([hook[:, 0], np.zeros(len(hook)), hook[:, 1]]), hook_r, 8), metal)
    if variant == "wire hanger":
        zt = rng.uniform(0.02, 0.03)  # height of the tips above the bar
        wire = np.array([[-0.004, 0, neck - 0.006], [-Wd / 2 + 0.01, 0, zt], [-Wd / 2, 0, 0.005],
                         [-Wd / 2 + 0.015, 0, 0.0]])
        for s in (-1, 1):
            b.add("shoulders", tube(wire * np.array([s, 1, 1]), hook_r, 8), metal)
        b.add("bar", rod((-Wd / 2 + 0.015, 0, 0.0), (Wd / 2 - 0.015, 0, 0.0), hook_r, 8), metal)
        b.add("hook", ring(0.006, hook_r, (0.0, 0.0, neck - 0.008), "y", 12), metal)
    elif variant == "wooden hanger":
        wood = pick(rng, WOOD)
        th, zb = rng.uniform(0.025, 0.035), 0.0
        z_tip = neck - rng.uniform(0.06, 0.08)
        depth = rng.uniform(0.012, 0.02)
        for s in (-1, 1):
            arm = np.array([[0.0, neck - 0.012], [0.0, neck + 0.004], [s * Wd / 2, z_tip + th * 0.4],
                            [s * Wd / 2, z_tip - th * 0.4], [s * Wd * 0.35, z_tip - th * 0.4]])
            b.add("shoulders", side_slab(arm, depth), wood)
        xb = Wd / 2 - 0.05
        bar_r = rng.uniform(0.007, 0.01)
        b.add("bar", rod((-xb - 0.01, 0, zb + bar_r), (xb + 0.01, 0, zb + bar_r), bar_r, 12), jitter(rng, wood, 0.04))
        for s in (-1, 1):
            zs = z_tip - th * 0.3
            b.add("bar", box((0.012, depth * 0.8, zs - zb), (s * xb, 0, (zs + zb) / 2)), jitter(rng, wood, 0.04))
    else:
        bar_l, bar_h = Wd, rng.uniform(0.012, 0.02)
        plastic = pick(rng, DARK + PALE)
        b.add("bar", box((bar_l, 0.008, bar_h), (0, 0, neck - 0.01 - bar_h / 2)), plastic)
        b.add("hook", box((0.012, 0.01, 0.012), (0, 0, neck - 0.006)), plastic)
        cw, ch = rng.uniform(0.03, 0.045), rng.uniform(0.04, 0.055)
        for s in (-1, 1):
            xc = s * bar_l * rng.uniform(0.32, 0.42)
            zc = neck - 0.01 - bar_h
            b.add("clip", box((cw, 0.014, ch), (xc, 0, zc - ch / 2)), plastic)
            b.add("clip", box((cw * 0.3, 0.016, ch * 0.2), (xc, 0, zc - ch * 0.25)), pick(rng, METAL))
    b.group("frame", "shoulders", "bar").alias("frame", "hanger body", "hanger frame")
    b.alias("hook", "hanger hook", "the hook at the top", "neck hook")
    b.alias("shoulders", "arms", "shoulder", "sloped arms", "the sides the shirt rests on")
    b.alias("bar", "trouser bar", "crossbar", "bottom bar", "rod")
    b.alias("clip", "clips", "pants clip", "clamp")
    return b.build("clothes hanger", ground=True, variant=variant)


def _open_box(b: PartMesh, name: str, w: float, d: float, h: float, t: float,
              color: tuple[float, float, float]) -> None:
    """An open-topped box of outer size w x d x h (walls t thick) centred on the z axis, from z = 0."""
    b.add(name, box((w, d, t), (0, 0, t / 2)), color)
    for s in (-1, 1):
        b.add(name, box((t, d, h), (s * (w - t) / 2, 0, h / 2)), color)
        b.add(name, box((w - 2 * t, t, h), (0, s * (d - t) / 2, h / 2)), color)


def make_laundry_basket(rng: np.random.Generator) -> ProceduralObject:
    """Laundry basket: open "basket" body with a thicker "rim" and carrying "handle"s; a hamper is taller, with a
    "lid" and a "lid knob"."""
    variant = pick_variant(rng, ["round plastic", "rectangular", "hamper with lid"])
    color = pick(rng, BRIGHT + PALE) if variant != "hamper with lid" else pick(rng, WICKER + PALE)
    b = PartMesh()
    t = 0.004
    if variant == "round plastic":
        rb, rt, H = rng.uniform(0.18, 0.22), rng.uniform(0.23, 0.29), rng.uniform(0.24, 0.34)
        prof = np.array([[0.0, 0.0], [rb, 0.0], [rt, H], [rt - t, H], [rb - t, t], [0.0, t]])
        b.add("basket", revolve(prof, 24), color)
        rim = np.array([[rt - t, H - 0.02], [rt + 0.012, H - 0.02], [rt + 0.012, H + 0.006], [rt - t, H + 0.006],
                        [rt - t, H - 0.02]])
        b.add("rim", revolve(rim, 24), jitter(rng, color, 0.05))
        for s in (-1, 1):
            hp = np.array([[s * (rt + 0.008), -0.07, H - 0.012], [s * (rt + 0.045), -0.05, H - 0.01],
                           [s * (rt + 0.05), 0.0, H - 0.01], [s * (rt + 0.045), 0.05, H - 0.01],
                           [s * (rt + 0.008), 0.07, H - 0.012]])
            b.add("handle", tube(hp, 0.009, 10), jitter(rng, color, 0.05))
        top = H + 0.006
    else:
        if variant == "rectangular":
            w, d, H = rng.uniform(0.55, 0.65), rng.uniform(0.38, 0.45), rng.uniform(0.24, 0.3)
        else:
            w, d, H = rng.uniform(0.4, 0.5), rng.uniform(0.3, 0.38), rng.uniform(0.52, 0.65)
        _open_box(b, "basket", w, d, H, t * (2 if variant != "rectangular" else 1), color)
        rc = jitter(rng, color, 0.06)
        rt_, rh = 0.012, 0.025
        for s in (-1, 1):
            b.add("rim", box((rt_, d + 2 * rt_, rh), (s * (w / 2 + rt_ / 2 - 0.002), 0, H - rh / 2)), rc)
            b.add("rim", box((w, rt_, rh), (0, s * (d / 2 + rt_ / 2 - 0.002), H - rh / 2)), rc)
        top = H
        hz = H - 0.06 if variant == "rectangular" else H * 0.8
        for s in (-1, 1):
            if variant == "rectangular":  # moulded grips on the short ends
                b.add("handle", box((0.02, 0.14, 0.03), (s * (w / 2 + 0.008), 0, hz)), jitter(rng, color, 0.05))
            else:  # rope loops
                hp = np.array([[s * (w / 2), -0.05, hz], [s * (w / 2 + 0.03), -0.035, hz + 0.015],
                               [s * (w / 2 + 0.04), 0.0, hz + 0.02], [s * (w / 2 + 0.03), 0.035, hz + 0.015],
                               [s * (w / 2), 0.05, hz]])
                b.add("handle", tube(hp, 0.006, 8), pick(rng, DARK + PALE))
        if variant == "hamper with lid":
            lid_t = 0.02
            b.add("lid", box((w + 0.03, d + 0.03, lid_t), (0, 0, top + lid_t / 2)), jitter(rng, color, 0.05))
            b.add("lid knob", ellipsoid((0.03, 0.015, 0.015), (0, 0, top + lid_t + 0.01), 10), pick(rng, WOOD + DARK))
    b.group("carrying handles", "handle", "lid knob").alias("carrying handles", "grips", "handholds")
    b.alias("basket", "body", "tub", "the container", "basket body")
    b.alias("rim", "top edge", "lip", "rim of the basket")
    b.alias("handle", "handles", "grip", "the part you lift it by")
    b.alias("lid", "cover", "top", "hamper lid").alias("lid knob", "lid handle", "knob", "pull")
    return b.build("laundry basket", ground=True, variant=variant)


# ---------------------------------------------------------------- home accessories


def _coat_hook(r0: float, z0: float, reach: float, rise: float, angle: float, r: float) -> o3d.geometry.TriangleMesh:
    """A hook leaving a pole (radius r0) at height z0, curving out by `reach` and up by `rise`, turned to `angle`."""
    t = np.linspace(0.0, 1.0, 8)
    rad = r0 * 0.5 + reach * np.sin(t * np.pi / 2)
    zz = z0 + rise * (1 - np.cos(t * np.pi / 2)) ** 1.5
    path = np.column_stack([rad * np.cos(angle), rad * np.sin(angle), zz])
    return tube(path, r, 8)


def make_coat_rack(rng: np.random.Generator) -> ProceduralObject:
    """Coat rack: a standing "pole" with "hook"s around the top, a "top finial", and "foot" legs (tripod) or a
    round "base"; or a wall "rail" with a row of "hook"s fixed by "screw"s."""
    variant = pick_variant(rng, ["tripod feet", "round base", "wall-mounted rail"])
    finish = pick(rng, WOOD + DARK + METAL)
    hook_c = pick(rng, METAL + DARK + BRASS) if rng.random() < 0.6 else jitter(rng, finish, 0.05)
    b = PartMesh()
    if variant == "wall-mounted rail":
        L, Hr, T = rng.uniform(0.4, 0.9), rng.uniform(0.08, 0.12), rng.uniform(0.018, 0.025)
        b.add("rail", box((L, T, Hr), (0, 0, Hr / 2)), finish)
        n = int(rng.integers(4, 8))
        xs = np.linspace(-L / 2 + 0.06, L / 2 - 0.06, n)
        for x in xs:
            y0 = -T / 2 + 0.002
            path = np.array([[x, y0, Hr * 0.45], [x, y0 - 0.04, Hr * 0.42], [x, y0 - 0.065, Hr * 0.55],
                             [x, y0 - 0.07, Hr * 0.75]])
            b.add("hook", tube(path, 0.005, 8), hook_c)
            b.add("hook", ellipsoid((0.008, 0.008, 0.008), (x, y0 - 0.07, Hr * 0.75), 6), hook_c)
        for x in (-L / 2 + 0.025, L / 2 - 0.025):
            screw = transform(cylinder(0.006, 0.003, 0.0, 10), (np.pi / 2, 0.0, 0.0), (x, -T / 2 + 0.001, Hr / 2))
            b.add("screw", screw, pick(rng, METAL))
    else:
        H, pr = rng.uniform(1.65, 1.9), rng.uniform(0.015, 0.025)
        span, zj = rng.uniform(0.25, 0.35), rng.uniform(0.2, 0.32)
        zp = zj * 0.85 if variant == "tripod feet" else 0.0
        b.add("pole", cylinder(pr, H - zp, zp, 16), finish)
        fr = pr * rng.uniform(1.3, 2.0)
        b.add("top finial", ellipsoid((fr, fr, fr * 1.3), (0, 0, H + fr * 1.1), 10), jitter(rng, finish, 0.05))
        tiers = [H - 0.06] + ([H - 0.3] if rng.random() < 0.6 else [])
        for k, zt in enumerate(tiers):
            n = int(rng.integers(4, 7))
            reach, rise = rng.uniform(0.08, 0.13), rng.uniform(0.05, 0.09)
            rr = reach + pr * 0.5
            for i in range(n):
                ang = 2 * np.pi * (i + 0.5 * k) / n
                b.add("hook", _coat_hook(pr, zt - rise, reach, rise, ang, 0.006), hook_c)
                b.add("hook", ellipsoid((0.01, 0.01, 0.01), (rr * np.cos(ang), rr * np.sin(ang), zt), 5), hook_c)
        if variant == "tripod feet":
            n = int(rng.integers(3, 5))
            for i in range(n):
                a = 2 * np.pi * i / n
                path = np.array([[0.0, 0.0, zj], [span * 0.6 * np.cos(a), span * 0.6 * np.sin(a), zj * 0.3],
                                 [span * np.cos(a), span * np.sin(a), 0.015]])
                b.add("foot", tube(path, pr * 0.8, 10), finish)
                b.add("foot", ellipsoid((0.018, 0.018, 0.015), (span * np.cos(a), span * np.sin(a), 0.015), 6), DARK[0])
        else:
            br, bt = rng.uniform(0.16, 0.22), rng.uniform(0.02, 0.035)
            prof = np.array([[0.0, 0.0], [br, 0.0], [br, bt * 0.6], [br * 0.85, bt], [0.0, bt]])
            b.add("base", revolve(prof, 24), pick(rng, DARK + METAL + WOOD))
            b.add("pole", cylinder(pr * 1.6, 0.04, bt, 16, pr), finish)
    b.group("stand", "base", "foot").alias("stand", "bottom", "the part it stands on")
    b.alias("pole", "post", "shaft", "upright", "the tall stick")
    b.alias("hook", "hooks", "peg", "coat hook", "the part you hang coats on")
    b.alias("top finial", "finial", "top knob", "ball on top", "crown")
    b.alias("foot", "feet", "legs", "tripod legs").alias("base", "round base", "weighted base", "bottom plate")
    b.alias("rail", "board", "backboard", "wall plank", "mounting rail")
    b.alias("screw", "screws", "fixing", "mounting screw")
    return b.build("coat rack", ground=True, variant=variant)


def _candle(b: PartMesh, rng: np.random.Generator, r: float, h: float, x: float, y: float, z: float,
            wax: tuple[float, float, float], lit: bool) -> None:
    """A candle standing at (x, y, z) with its wick and, if lit, a flame."""
    b.add("candle", transform(cylinder(r, h, z, 16), translation=(x, y, 0)), wax)
    wl = min(0.012, r * 0.6)
    b.add("wick", transform(cylinder(0.0012, wl, z + h - 0.002, 6), translation=(x, y, 0)), DARK[0])
    if lit:
        fh = rng.uniform(0.025, 0.035)
        t = np.linspace(0.0, np.pi, 10)
        prof = np.column_stack([fh * 0.22 * np.sin(t) * (1 + 0.6 * np.cos(t)) + 1e-4, -fh * 0.5 * np.cos(t) + fh * 0.5])
        prof[0, 0] = prof[-1, 0] = 0.0
        b.add("flame", transform(revolve(prof, 10), translation=(x, y, z + h + wl * 0.5)), FLAME)


def make_candle_holder(rng: np.random.Generator) -> ProceduralObject:
    """Candle holder: a "candlestick" with "base", turned "stem", "drip pan" and "cup" socket holding a "candle"
    (with "wick" and "flame"); a candelabra adds curved "arm"s with more sockets; a jar lantern is a glass "jar"
    with a wire "handle" around a pillar candle."""
    variant = pick_variant(rng, ["candlestick", "candelabra", "jar lantern"])
    metal = pick(rng, BRASS + METAL + DARK)
    wax = pick(rng, WAX)
    b = PartMesh()
    if variant == "jar lantern":
        jr, jh = rng.uniform(0.045, 0.065), rng.uniform(0.12, 0.18)
        g = 0.003
        prof = np.array([[0.0, 0.0], [jr, 0.0], [jr, jh * 0.8], [jr * 0.8, jh * 0.9], [jr * 0.8, jh],
                         [jr * 0.8 - g, jh], [jr * 0.8 - g, jh * 0.9], [jr - g, jh * 0.8], [jr - g, g * 2],
                         [0.0, g * 2]])
        b.add("jar", revolve(prof, 20), GLASS)
        cr = jr * rng.uniform(0.55, 0.7)
        _candle(b, rng, cr, jh * rng.uniform(0.35, 0.5), 0.0, 0.0, g * 2, wax, rng.random() < 0.8)
        b.add("neck band", ring(jr * 0.8 + 0.0022, 0.0025, (0, 0, jh * 0.95), "z", 20), metal)
        hh = rng.uniform(0.06, 0.1)
        t = np.linspace(0.0, np.pi, 14)
        bail = np.column_stack([(jr * 0.8 + 0.004) * np.cos(t), np.zeros_like(t), jh * 0.95 + hh * np.sin(t)])
        b.add("handle", tube(bail, 0.0018, 6), metal)
    else:
        br = rng.uniform(0.05, 0.075)
        bh = rng.uniform(0.015, 0.025)
        prof = np.array([[0.0, 0.0], [br, 0.0], [br, bh * 0.5], [br * 0.6, bh], [0.0, bh]])
        b.add("base", revolve(prof, 20), metal)
        sh = rng.uniform(0.12, 0.22) if variant == "candlestick" else rng.uniform(0.18, 0.28)
        sr = rng.uniform(0.008, 0.012)
        knots = rng.uniform(1.4, 2.2, 2)
        stem = np.array([[0.0, bh - 0.001], [br * 0.45, bh - 0.001], [sr, bh + sh * 0.15],
                         [sr * knots[0], bh + sh * 0.3], [sr, bh + sh * 0.45], [sr, bh + sh * 0.7],
                         [sr * knots[1], bh + sh * 0.8], [sr, bh + sh * 0.95],
                         [sr, bh + sh], [0.0, bh + sh]])
        b.add("stem", revolve(stem, 16), jitter(rng, metal, 0.03))
        cr = rng.uniform(0.01, 0.013)
        ch = rng.uniform(0.25, 0.3) if variant == "candlestick" else rng.uniform(0.15, 0.22)
        sockets = [(0.0, 0.0, bh + sh)]
        if variant == "candelabra":
            n_side = int(rng.integers(1, 3))
            span = rng.uniform(0.12, 0.18)
            za = bh + sh * 0.75
            lift = rng.uniform(0.06, 0.1)
            for s in (-1, 1):
                for k in range(1, n_side + 1):
                    xr = s * span * k / n_side
                    t = np.linspace(0.0, 1.0, 10)
                    zz = za + lift * k / n_side * (1 - np.cos(t * np.pi / 2)) ** 0.7
                    path = np.column_stack([xr * t, np.zeros_like(t), zz])
                    b.add("arm", tube(path, 0.005, 8), jitter(rng, metal, 0.03))
                    sockets.append((float(xr), 0.0, float(path[-1, 2])))
            if rng.random() < 0.5:
                sockets = sockets[1:]
                b.add("stem", cylinder(sr * 1.5, 0.012, bh + sh - 0.002, 16), jitter(rng, metal, 0.03))
        pan_r = rng.uniform(0.025, 0.04)
        for x, y, z in sockets:
            pan = np.array([[0.0, z], [pan_r, z + 0.004], [pan_r, z + 0.008], [pan_r - 0.003, z + 0.008],
                            [0.0, z + 0.004]])
            b.add("drip pan", transform(revolve(pan, 16), translation=(x, y, 0)), jitter(rng, metal, 0.03))
            cup = np.array([[0.0, z + 0.003], [cr + 0.003, z + 0.003], [cr + 0.004, z + 0.03], [cr, z + 0.03],
                            [cr, z + 0.012], [0.0, z + 0.012]])
            b.add("cup", transform(revolve(cup, 16), translation=(x, y, 0)), jitter(rng, metal, 0.03))
            _candle(b, rng, cr, ch, x, y, z + 0.012, wax, rng.random() < 0.75)
    b.group("holder", "base", "stem", "arm", "drip pan", "cup", "jar").alias("holder", "candle holder body", "stand")
    b.group("lit top", "wick", "flame").alias("lit top", "burning tip", "the lit part")
    b.alias("candle", "wax candle", "taper", "candles", "the wax")
    b.alias("wick", "candle wick", "string", "the thread in the candle")
    b.alias("flame", "fire", "candle flame", "light")
    b.alias("cup", "socket", "candle cup", "nozzle", "the part the candle sits in")
    b.alias("stem", "shaft", "column", "stick")
    b.alias("base", "foot", "bottom", "the part it stands on")
    b.alias("drip pan", "bobeche", "drip tray", "wax catcher")
    b.alias("arm", "arms", "branch", "curved arm")
    b.alias("jar", "glass jar", "glass", "lantern glass", "mason jar")
    b.alias("neck band", "wire collar", "jar ring", "band around the neck")
    b.alias("handle", "bail handle", "wire handle", "the part you carry it by")
    return b.build("candle holder", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "clothes iron": [make_clothes_iron],
    "ironing board": [make_ironing_board],
    "clothes hanger": [make_clothes_hanger],
    "laundry basket": [make_laundry_basket],
    "coat rack": [make_coat_rack],
    "candle holder": [make_candle_holder],
}
