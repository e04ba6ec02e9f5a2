"""Furniture, fixtures and lighting: tables, chairs, cabinets, lamps, sofas, beds, stools, benches, desks,
bookshelves, doors, windows, folding and office chairs, safes, toilets.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import (
    axle_y,
    facing_front,
    ring,
    rod,
    rounded_slab,
)
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    METAL,
    PALE,
    WOOD,
    Builder,
    PartMesh,
    ProceduralObject,
    box,
    cylinder,
    ellipsoid,
    jitter,
    pick,
    pick_variant,
    revolve,
    transform,
    tube,
)


def make_table(rng: np.random.Generator) -> ProceduralObject:
    """Table: "top" (a slab) and "leg" (four square legs), standing on z = 0, top surface at `height()`."""
    width = rng.uniform(0.9, 1.4)
    depth = rng.uniform(0.6, 0.9)
    height = rng.uniform(0.7, 0.76)
    thick = rng.uniform(0.02, 0.04)
    leg = rng.uniform(0.04, 0.06)
    inset = rng.uniform(0.03, 0.08)
    wood = pick(rng, [(0.6, 0.42, 0.26), (0.78, 0.65, 0.48), (0.35, 0.25, 0.18), (0.85, 0.85, 0.85)])
    b = PartMesh()
    b.add("top", box((width, depth, thick), (0.0, 0.0, height - thick / 2)), wood)
    leg_h = height - thick
    for sx in (-1, 1):
        for sy in (-1, 1):
            c = (sx * (width / 2 - inset - leg / 2), sy * (depth / 2 - inset - leg / 2), leg_h / 2)
            b.add("leg", box((leg, leg, leg_h), c), wood)
    b.alias("top", "tabletop", "surface", "the part you put things on").alias("leg", "legs", "table leg")
    return b.build("table")


def make_round_table(rng: np.random.Generator) -> ProceduralObject:
    """Pedestal table: round "top", "pedestal" (column) and "base" (group "support")."""
    r, h = rng.uniform(0.4, 0.6), rng.uniform(0.7, 0.76)
    wood = pick(rng, WOOD + PALE)
    b = PartMesh()
    b.add("top", cylinder(r, 0.03, h - 0.03, 48), wood)
    b.add("pedestal", cylinder(0.04, h - 0.06, 0.03, 20), jitter(rng, wood))
    b.add("base", cylinder(r * 0.55, 0.03, 0.0, 32, r * 0.45), jitter(rng, wood))
    b.group("support", "pedestal", "base").alias("top", "tabletop", "surface").alias("pedestal", "column", "leg")
    return b.build("table", ground=True, variant="pedestal table")


def make_chair(rng: np.random.Generator) -> ProceduralObject:
    """Chair: "seat", "back", "leg" (four), maybe "armrest"; group "frame" (legs + armrests)."""
    variant = pick_variant(rng, ["dining chair", "armchair", "slatted chair"])
    w, d = rng.uniform(0.4, 0.5), rng.uniform(0.4, 0.5)
    seat_h, back_h, t = rng.uniform(0.42, 0.48), rng.uniform(0.35, 0.5), rng.uniform(0.03, 0.05)
    leg = rng.uniform(0.03, 0.045)
    wood, cloth = pick(rng, WOOD + DARK), pick(rng, BRIGHT + PALE)
    b = PartMesh()
    b.add("seat", box((w, d, t), (0, 0, seat_h - t / 2)), cloth)
    for sx in (-1, 1):
        for sy in (-1, 1):
            b.add("leg", box((leg, leg, seat_h - t), (sx * (w - leg) / 2, sy * (d - leg) / 2, (seat_h - t) / 2)), wood)
    if variant == "slatted chair":
        for sx in (-1, 1):
            b.add("back", box((0.03, 0.03, back_h), (sx * (w / 2 - 0.015), d / 2 - 0.015, seat_h + back_h / 2)), wood)
        for k in range(3):
            b.add("back", box((w - 0.06, 0.02, 0.05), (0, d / 2 - 0.015, seat_h + back_h * (0.35 + 0.28 * k))), wood)
    else:
        b.add("back", box((w, 0.04, back_h), (0, d / 2 - 0.02, seat_h + back_h / 2)), cloth)
    if variant == "armchair":
        ah = rng.uniform(0.18, 0.25)
        for sx in (-1, 1):
            b.add("armrest", box((0.05, d, 0.04), (sx * (w / 2 + 0.025), 0, seat_h + ah)), wood)
            b.add("armrest", box((0.03, 0.03, ah), (sx * (w / 2 + 0.025), -d / 2 + 0.03, seat_h + ah / 2)), wood)
        b.group("frame", "leg", "armrest")
    b.alias("seat", "the part you sit on", "cushion").alias("back", "backrest", "the part you lean on")
    b.alias("leg", "legs", "chair leg").alias("armrest", "arm", "arms")
    return b.build("chair", ground=True, variant=variant)


def make_cabinet(rng: np.random.Generator) -> ProceduralObject:
    """Cabinet: "body", "top", "door" and/or "drawer" fronts with "door handle"/"drawer handle"."""
    variant = pick_variant(rng, ["doors", "drawers", "doors and drawers"])
    w, d, h = rng.uniform(0.5, 1.0), rng.uniform(0.35, 0.55), rng.uniform(0.6, 1.1)
    body_c, front_c, metal = pick(rng, WOOD + PALE), pick(rng, WOOD + PALE + BRIGHT), pick(rng, METAL + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h - 0.02), (0, 0, (h - 0.02) / 2)), body_c)
    b.add("top", box((w + 0.02, d + 0.02, 0.02), (0, 0, h - 0.01)), jitter(rng, body_c))
    y = -d / 2 - 0.01  # fronts sit on the -y face
    n_drawers = {"doors": 0, "drawers": int(rng.integers(3, 5)), "doors and drawers": 1}[variant]
    z_split = h - 0.02 - (h - 0.02) * (1.0 if variant == "drawers" else 0.25 * n_drawers)
    for k in range(n_drawers):
        dh = (h - 0.02 - z_split) / n_drawers
        zc = z_split + dh * (k + 0.5)
        b.add("drawer", box((w - 0.03, 0.02, dh - 0.01), (0, y, zc)), front_c)
        b.add("drawer handle", box((min(0.12, w / 4), 0.025, 0.015), (0, y - 0.022, zc)), metal)
    if variant != "drawers":
        n_doors = 1 if w < 0.65 else 2
        dw = (w - 0.03) / n_doors
        for k in range(n_doors):
            xc = -w / 2 + 0.015 + dw * (k + 0.5)
            b.add("door", box((dw - 0.01, 0.02, z_split - 0.03), (xc, y, z_split / 2 + 0.005)), front_c)
            hx = xc + (dw / 2 - 0.04) * (1 if k == 0 else -1)
            b.add("door handle", box((0.015, 0.025, 0.1), (hx, y - 0.022, z_split * 0.7)), metal)
    b.group("handle", "door handle", "drawer handle").alias("handle", "knob", "pull", "the part you pull")
    b.group("front", "door", "drawer").alias("door", "cabinet door").alias("drawer", "drawer front")
    b.alias("body", "frame", "carcass").alias("top", "top surface", "countertop")
    return b.build("cabinet", ground=True, variant=variant)


def make_lamp(rng: np.random.Generator) -> ProceduralObject:
    """Table or floor lamp: "base", "pole", "shade", "bulb" (group "light": shade + bulb)."""
    variant = pick_variant(rng, ["table lamp", "floor lamp", "drum shade"])
    h = rng.uniform(0.3, 0.5) if variant != "floor lamp" else rng.uniform(1.3, 1.7)
    r_base = rng.uniform(0.07, 0.12) * (1.5 if variant == "floor lamp" else 1.0)
    b = PartMesh()
    b.add("base", cylinder(r_base, 0.025, 0.0, 32, r_base * 0.8), pick(rng, DARK + METAL))
    b.add("pole", cylinder(0.01, h, 0.025, 12), pick(rng, METAL))
    rs = rng.uniform(0.1, 0.16) * (1.4 if variant == "floor lamp" else 1.0)
    hs = rs * rng.uniform(0.8, 1.2)
    r_top = rs * (0.95 if variant == "drum shade" else rng.uniform(0.5, 0.7))
    z0 = 0.025 + h - hs * 0.6
    # An open shade: wall only, seen from both sides (the raycaster shades both sides).
    b.add("shade", revolve(np.array([(rs, z0), (r_top, z0 + hs), (r_top - 0.002, z0 + hs), (rs - 0.002, z0)]), 40),
          pick(rng, PALE + BRIGHT))
    b.add("bulb", ellipsoid((0.03, 0.03, 0.04), (0, 0, 0.025 + h)), (0.98, 0.95, 0.75))
    b.group("light", "shade", "bulb").alias("shade", "lampshade").alias("pole", "stem", "stand").alias("base", "foot")
    b.alias("bulb", "light bulb", "the part that glows")
    return b.build("lamp", ground=True, variant=variant)


def make_sofa(rng: np.random.Generator) -> ProceduralObject:
    """Sofa: "seat cushion"s, "back cushion"s (group "cushion"), "backrest", "armrest"s, "base", "leg"s."""
    variant = pick_variant(rng, ["three-seat sofa", "loveseat", "armless sofa"])
    n = 3 if variant != "loveseat" else 2
    cw = rng.uniform(0.55, 0.65)
    arm = rng.uniform(0.12, 0.2) if variant != "armless sofa" else 0.0
    w, d = n * cw + 2 * arm, rng.uniform(0.8, 0.95)
    leg_h, base_h, cush = rng.uniform(0.08, 0.15), rng.uniform(0.15, 0.22), rng.uniform(0.1, 0.15)
    back_t, back_h = rng.uniform(0.15, 0.22), rng.uniform(0.4, 0.5)
    fabric, wood = pick(rng, BRIGHT + PALE + DARK), pick(rng, WOOD + DARK)
    b = PartMesh()
    z_base = leg_h + base_h
    b.add("base", box((w, d, base_h), (0, 0, leg_h + base_h / 2)), jitter(rng, fabric, 0.05))
    b.add("backrest", box((w, back_t, back_h), (0, d / 2 - back_t / 2, z_base + back_h / 2)), fabric)
    for k in range(n):
        x = -w / 2 + arm + cw * (k + 0.5)
        b.add("seat cushion", box((cw - 0.01, d - back_t - 0.01, cush), (x, -back_t / 2, z_base + cush / 2)), jitter(rng, fabric, 0.03))
        b.add("back cushion", box((cw - 0.01, 0.12, back_h * 0.8), (x, d / 2 - back_t - 0.06, z_base + cush + back_h * 0.4)), jitter(rng, fabric, 0.03))
    if arm:
        ah = rng.uniform(0.2, 0.28)
        for s in (-1, 1):
            b.add("armrest", box((arm, d, base_h + ah), (s * (w / 2 - arm / 2), 0, leg_h + (base_h + ah) / 2)), fabric)
        b.alias("armrest", "arm", "armrests", "the part you rest your arm on")
    for sx in (-1, 1):
        for sy in (-1, 1):
            b.add("leg", cylinder(0.02, leg_h, 0.0, 12, 0.014).translate((sx * (w / 2 - 0.06), sy * (d / 2 - 0.06), 0)), wood)
    b.group("cushion", "seat cushion", "back cushion").alias("cushion", "cushions", "pillows")
    b.group("seat", "seat cushion", "base").alias("seat", "the part you sit on", "sitting area")
    b.group("back", "back cushion", "backrest").alias("back", "the part you lean on", "sofa back")
    b.alias("seat cushion", "seat pad", "bottom cushion").alias("back cushion", "backrest cushion", "back pillow")
    b.alias("backrest", "back frame", "back panel").alias("base", "frame", "plinth").alias("leg", "legs", "foot", "feet")
    return b.build("sofa", ground=True, variant=variant)


def make_bed(rng: np.random.Generator) -> ProceduralObject:
    """Bed: "frame" (side rails), "mattress", "headboard", maybe "footboard" or "post"s, "leg"s, "pillow"s."""
    variant = pick_variant(rng, ["platform bed", "bed with footboard", "four-poster bed", "single bed"])
    w = rng.uniform(1.4, 1.8) if variant != "single bed" else rng.uniform(0.9, 1.0)
    L, frame_h, leg_h = rng.uniform(2.0, 2.15), rng.uniform(0.15, 0.25), rng.uniform(0.08, 0.2)
    mat_h = rng.uniform(0.18, 0.28)
    wood, sheet = pick(rng, WOOD + DARK + PALE), pick(rng, PALE)
    b = PartMesh()
    b.add("frame", box((w + 0.06, L, frame_h), (0, 0, leg_h + frame_h / 2)), wood)
    b.add("mattress", box((w, L - 0.04, mat_h), (0, -0.01, leg_h + frame_h + mat_h / 2)), sheet)
    hb_h = leg_h + frame_h + mat_h + rng.uniform(0.35, 0.6)
    b.add("headboard", box((w + 0.1, 0.06, hb_h), (0, L / 2 + 0.03, hb_h / 2)), jitter(rng, wood, 0.04))
    if variant in ("bed with footboard", "four-poster bed"):
        fb_h = leg_h + frame_h + rng.uniform(0.1, 0.3)
        b.add("footboard", box((w + 0.1, 0.05, fb_h), (0, -L / 2 - 0.025, fb_h / 2)), jitter(rng, wood, 0.04))
        b.alias("footboard", "foot board", "the end of the bed")
    if variant == "four-poster bed":
        ph = rng.uniform(1.8, 2.1)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("post", cylinder(0.035, ph, 0.0, 12).translate((sx * (w / 2 + 0.05), sy * (L / 2 + 0.03), 0)), wood)
        b.alias("post", "bedpost", "column", "pillar")
    else:
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", box((0.06, 0.06, leg_h), (sx * (w / 2 - 0.02), sy * (L / 2 - 0.05), leg_h / 2)), jitter(rng, wood))
        b.alias("leg", "legs", "foot", "bed leg")
    n_p = 1 if variant == "single bed" else 2
    for k in range(n_p):
        x = 0.0 if n_p == 1 else (k - 0.5) * w * 0.5
        b.add("pillow", ellipsoid((min(0.33, w / 4.5), 0.2, 0.06), (x, L / 2 - 0.25, leg_h + frame_h + mat_h + 0.04), 12), pick(rng, PALE + BRIGHT))
    b.group("bed frame", "frame", "headboard", "footboard", "post", "leg").alias("bed frame", "bedstead", "structure")
    b.alias("mattress", "the part you sleep on", "bed surface").alias("headboard", "head board", "the head of the bed")
    b.alias("pillow", "pillows", "cushion").alias("frame", "side rail", "bed rail")
    return b.build("bed", ground=True, variant=variant)


def make_stool(rng: np.random.Generator) -> ProceduralObject:
    """Stool: "seat" (round or square), "leg"s (splayed), maybe a "footrest" ring or "rung"s."""
    variant = pick_variant(rng, ["bar stool", "three-legged stool", "square stool"])
    h = rng.uniform(0.65, 0.8) if variant == "bar stool" else rng.uniform(0.4, 0.5)
    r = rng.uniform(0.16, 0.2)
    n = 3 if variant == "three-legged stool" else 4
    wood, seat_c = pick(rng, WOOD + METAL + DARK), pick(rng, WOOD + BRIGHT + DARK)
    b = PartMesh()
    t = 0.04
    if variant == "square stool":
        b.add("seat", box((2 * r, 2 * r, t), (0, 0, h - t / 2)), seat_c)
    else:
        b.add("seat", revolve(np.array([(0.0, h - t), (r, h - t), (r + 0.008, h - t / 2), (r, h), (0.0, h + 0.005)]), 36), seat_c)
    splay = r * 0.35
    ends = []
    for k in range(n):
        a = 2 * np.pi * k / n + np.pi / 4
        top = np.array([0.75 * r * np.cos(a), 0.75 * r * np.sin(a), h - t])
        foot = top + np.array([splay * np.cos(a), splay * np.sin(a), 0.0]) * (0 if variant == "square stool" else 1)
        foot[2] = 0.0
        b.add("leg", rod(tuple(top), tuple(foot), 0.018, 10), wood)
        ends.append((top, foot))
    zf = h * 0.35
    if variant == "bar stool":
        rf = 0.75 * r + splay * (1 - zf / (h - t))
        b.add("footrest", ring(rf, 0.01, (0, 0, zf), "z", 32), pick(rng, METAL))
        b.alias("footrest", "foot ring", "the part you rest your feet on")
    else:
        for k in range(n):
            (t0, f0), (t1, f1) = ends[k], ends[(k + 1) % n]
            s = zf / (h - t)
            p0, p1 = f0 + (t0 - f0) * s, f1 + (t1 - f1) * s
            b.add("rung", rod(tuple(p0), tuple(p1), 0.01, 8), wood)
        b.alias("rung", "stretcher", "crossbar")
    b.group("base", "leg", "footrest", "rung").alias("base", "frame", "legs and rungs")
    b.alias("seat", "the part you sit on", "top", "seat top").alias("leg", "legs", "stool leg")
    return b.build("stool", ground=True, variant=variant)


def make_bench(rng: np.random.Generator) -> ProceduralObject:
    """Bench: "seat" (slats or a plank), maybe "back" and "armrest"s, "leg"s."""
    variant = pick_variant(rng, ["park bench", "plank bench", "bench with storage"])
    L, d, h = rng.uniform(1.2, 1.8), rng.uniform(0.35, 0.5), rng.uniform(0.42, 0.48)
    wood, metal = pick(rng, WOOD), pick(rng, DARK + METAL)
    b = PartMesh()
    if variant == "park bench":
        for k in range(4):
            b.add("seat", box((L, d / 4 - 0.012, 0.03), (0, -d / 2 + d / 8 + k * d / 4, h - 0.015)), wood)
        bh = rng.uniform(0.35, 0.45)
        for k in range(3):
            b.add("back", transform(box((L, 0.025, bh / 3 - 0.015), (0, 0, bh * (k + 0.5) / 3)), (-0.2, 0, 0), (0, d / 2, h + 0.03)), wood)
        for s in (-1, 1):
            x = s * (L / 2 - 0.08)
            b.add("leg", box((0.05, d, 0.05), (x, 0, 0.025)), metal)
            b.add("leg", box((0.05, 0.05, h), (x, -d / 2 + 0.04, h / 2)), metal)
            b.add("leg", box((0.05, 0.05, h + bh), (x, d / 2, (h + bh) / 2)), metal)
            b.add("armrest", box((0.05, d * 0.9, 0.04), (s * (L / 2 - 0.02), -0.02, h + 0.22)), metal)
            b.add("armrest", box((0.04, 0.04, 0.22), (s * (L / 2 - 0.02), -d / 2 + 0.04, h + 0.11)), metal)
        b.alias("back", "backrest", "the part you lean on").alias("armrest", "arm", "armrests")
        b.group("frame", "leg", "armrest")
    elif variant == "plank bench":
        b.add("seat", box((L, d, 0.05), (0, 0, h - 0.025)), wood)
        for s in (-1, 1):
            b.add("leg", box((0.05, d * 0.8, h - 0.05), (s * (L / 2 - 0.12), 0, (h - 0.05) / 2)), jitter(rng, wood))
        b.add("stretcher", box((L - 0.24, 0.04, 0.06), (0, 0, h * 0.3)), jitter(rng, wood))
        b.alias("stretcher", "crossbar", "rail")
        b.group("frame", "leg", "stretcher")
    else:
        b.add("seat", box((L, d, 0.04), (0, 0, h - 0.02)), pick(rng, BRIGHT + PALE))
        b.add("body", box((L, d, h - 0.12), (0, 0, 0.08 + (h - 0.12) / 2)), wood)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", box((0.05, 0.05, 0.08), (sx * (L / 2 - 0.03), sy * (d / 2 - 0.03), 0.04)), jitter(rng, wood))
        for k in (-1, 1):
            b.add("handle", box((0.12, 0.02, 0.02), (k * L / 4, -d / 2 - 0.01, h * 0.55)), metal)
        b.alias("body", "storage box", "chest").alias("handle", "drawer pull", "the part you pull")
    b.alias("seat", "the part you sit on", "seat slats", "bench top").alias("leg", "legs", "support", "bench leg")
    return b.build("bench", ground=True, variant=variant)


def make_desk(rng: np.random.Generator) -> ProceduralObject:
    """Desk: "top", "leg"s or a "pedestal" with "drawer"s and "handle"s, maybe a "modesty panel"."""
    variant = pick_variant(rng, ["writing desk", "pedestal desk", "standing desk"])
    w, d = rng.uniform(1.0, 1.6), rng.uniform(0.55, 0.8)
    h = rng.uniform(0.72, 0.76) if variant != "standing desk" else rng.uniform(0.95, 1.15)
    t = 0.03
    wood, metal = pick(rng, WOOD + PALE + DARK), pick(rng, METAL + DARK)
    b = PartMesh()
    b.add("top", box((w, d, t), (0, 0, h - t / 2)), wood)
    if variant == "standing desk":
        for s in (-1, 1):
            b.add("leg", box((0.07, 0.05, h - t), (s * (w / 2 - 0.1), 0, (h - t) / 2)), metal)
            b.add("foot", box((0.07, d * 0.9, 0.04), (s * (w / 2 - 0.1), 0, 0.02)), metal)
        b.add("crossbar", box((w - 0.2, 0.04, 0.04), (0, 0, h - t - 0.05)), metal)
        b.add("control panel", box((0.1, 0.04, 0.02), (w / 2 - 0.2, -d / 2 + 0.02, h - t - 0.01)), DARK[0])
        b.alias("foot", "feet", "base").alias("crossbar", "beam", "frame").alias("control panel", "height control", "buttons")
        b.group("frame", "leg", "foot", "crossbar")
    else:
        dh = 0.12
        dw = w * 0.35 if variant == "pedestal desk" else w * 0.4
        if variant == "writing desk":
            for sx in (-1, 1):
                for sy in (-1, 1):
                    b.add("leg", box((0.045, 0.045, h - t), (sx * (w / 2 - 0.03), sy * (d / 2 - 0.03), (h - t) / 2)), jitter(rng, wood))
            b.add("drawer", box((dw, 0.02, dh - 0.02), (0, -d / 2 + 0.02, h - t - dh / 2)), jitter(rng, wood, 0.04))
            b.add("handle", box((0.08, 0.02, 0.015), (0, -d / 2, h - t - dh / 2)), metal)
        else:
            pw = w * 0.32
            b.add("pedestal", box((pw, d - 0.04, h - t), (w / 2 - pw / 2, 0, (h - t) / 2)), wood)
            b.add("leg", box((0.04, d - 0.04, h - t), (-w / 2 + 0.02, 0, (h - t) / 2)), wood)
            n = int(rng.integers(3, 5))
            zh = (h - t - 0.04) / n
            for k in range(n):
                zc = 0.04 + zh * (k + 0.5)
                b.add("drawer", box((pw - 0.02, 0.02, zh - 0.01), (w / 2 - pw / 2, -d / 2 + 0.01, zc)), jitter(rng, wood, 0.04))
                b.add("handle", box((0.1, 0.02, 0.015), (w / 2 - pw / 2, -d / 2 - 0.005, zc)), metal)
            b.add("modesty panel", box((w - pw - 0.04, 0.02, h * 0.45), (-pw / 2, d / 2 - 0.04, h - t - h * 0.225)), jitter(rng, wood, 0.03))
            b.alias("pedestal", "drawer unit", "side cabinet").alias("modesty panel", "back panel", "privacy panel")
        b.alias("drawer", "drawers", "drawer front").alias("handle", "drawer handle", "knob", "the part you pull")
    b.alias("top", "desktop", "work surface", "tabletop").alias("leg", "legs", "desk leg")
    return b.build("desk", ground=True, variant=variant)


def make_bookshelf(rng: np.random.Generator) -> ProceduralObject:
    """Bookshelf / storage furniture: "side"s, "shelf" boards, "top", "back panel" (group "frame"), maybe lower
    "door"s with "handle"s, maybe "book"s."""
    variant = pick_variant(rng, ["open bookshelf", "bookshelf with doors", "wide shelving unit"])
    w = rng.uniform(0.6, 0.9) if variant != "wide shelving unit" else rng.uniform(1.2, 1.6)
    d, h = rng.uniform(0.25, 0.38), rng.uniform(1.0, 2.0)
    t = 0.02
    wood = pick(rng, WOOD + PALE + DARK)
    b = PartMesh()
    for s in (-1, 1):
        b.add("side", box((t, d, h), (s * (w / 2 - t / 2), 0, h / 2)), wood)
    if variant == "wide shelving unit":
        b.add("side", box((t, d, h - 2 * t), (0, 0, h / 2)), wood)
    b.add("top", box((w, d, t), (0, 0, h - t / 2)), wood)
    b.add("back panel", box((w - 2 * t, 0.006, h - t), (0, d / 2 - 0.003, (h - t) / 2)), jitter(rng, wood, 0.05))
    n = max(3, int(h / 0.33))
    gap = (h - t) / n
    for k in range(n):
        b.add("shelf", box((w - 2 * t, d - 0.01, t), (0, -0.005, gap * k + t / 2 + (0.06 if k == 0 else 0))), jitter(rng, wood, 0.03))
    first_open = 0
    if variant == "bookshelf with doors":
        first_open = 1 if n < 5 else 2
        dh = gap * first_open
        for s in (-1, 1):
            b.add("door", box((w / 2 - t - 0.005, 0.02, dh - 0.01), (s * w / 4, -d / 2 - 0.01, dh / 2 + 0.03)), jitter(rng, wood, 0.04))
            b.add("handle", box((0.015, 0.02, 0.08), (s * 0.03, -d / 2 - 0.03, dh * 0.6)), pick(rng, METAL))
        b.alias("door", "cabinet door", "cupboard door").alias("handle", "knob", "the part you pull")
    for k in range(first_open, n):
        x = -w / 2 + t + 0.01
        while x < w / 2 - t - 0.12 and rng.random() < 0.85:
            bw, bh = rng.uniform(0.02, 0.045), min(gap - t - 0.02, rng.uniform(0.18, 0.28))
            b.add("book", box((bw, d * 0.75, bh), (x + bw / 2, -0.01, gap * k + t + (0.06 if k == 0 else 0) + bh / 2)), pick(rng, BRIGHT + PALE + DARK))
            x += bw + 0.002
    b.group("frame", "side", "top", "back panel").alias("frame", "carcass", "case", "body")
    b.alias("shelf", "shelves", "shelf board", "the part you put things on").alias("side", "side panel", "upright")
    b.alias("top", "top panel", "top board").alias("back panel", "back", "backboard").alias("book", "books", "volume")
    return b.build("bookshelf", ground=True, variant=variant)


def make_door(rng: np.random.Generator) -> ProceduralObject:
    """Door in its frame: "panel" (the leaf), "handle" (lever) or "knob", "hinge"s, "frame", maybe "window" glass."""
    variant = pick_variant(rng, ["lever handle door", "knob door", "glass panel door"])
    w, h, t = rng.uniform(0.75, 0.95), rng.uniform(1.95, 2.1), rng.uniform(0.035, 0.045)
    wood, metal = pick(rng, WOOD + PALE), pick(rng, METAL + DARK)
    b = PartMesh()
    fw = 0.06
    for s in (-1, 1):
        b.add("frame", box((fw, 0.12, h + fw), (s * (w / 2 + fw / 2), 0, (h + fw) / 2)), jitter(rng, wood, 0.05))
    b.add("frame", box((w + 2 * fw, 0.12, fw), (0, 0, h + fw / 2)), jitter(rng, wood, 0.05))
    b.add("panel", box((w, t, h), (0, 0, h / 2)), wood)
    if variant == "glass panel door":
        for k in range(3):
            b.add("window", box((w * 0.6, 0.004, h * 0.18), (0, -t / 2 - 0.002, h * (0.45 + 0.2 * k))), (0.7, 0.8, 0.85))
        b.alias("window", "glass", "glass pane", "glazing")
    hx, hz = w / 2 - 0.07, rng.uniform(0.95, 1.05)
    b.add("rose", facing_front(cylinder(0.025, 0.01, 0.0, 16), (hx, -t / 2, hz)), metal)
    if variant == "knob door":
        b.add("knob", facing_front(revolve(np.array([(0.0, 0.0), (0.01, 0.0), (0.01, 0.04), (0.03, 0.055), (0.028, 0.075), (0.0, 0.08)]), 20), (hx, -t / 2, hz)), metal)
        b.alias("knob", "doorknob", "handle", "the part you turn")
    else:
        lever = tube(np.array([[hx, -t / 2 - 0.01, hz], [hx, -t / 2 - 0.06, hz], [hx - 0.12, -t / 2 - 0.065, hz]]), 0.009, 10)
        b.add("handle", lever, metal)
        b.alias("handle", "door handle", "lever", "the part you push down")
    b.add("keyhole", facing_front(cylinder(0.006, 0.004, 0.0, 10), (hx, -t / 2, hz - 0.08)), DARK[0])
    for z in (0.2, h / 2, h - 0.2):
        b.add("hinge", cylinder(0.008, 0.1, z - 0.05, 10).translate((-w / 2 - 0.002, -t / 2, 0)), metal)
    b.group("hardware", "handle", "knob", "rose", "keyhole", "hinge").alias("hardware", "fittings", "door furniture")
    b.alias("panel", "door leaf", "door panel", "slab").alias("frame", "door frame", "jamb", "casing")
    b.alias("hinge", "hinges", "the part it swings on").alias("rose", "escutcheon", "handle plate")
    b.alias("keyhole", "lock", "key hole")
    return b.build("door", ground=True, variant=variant)


def make_window(rng: np.random.Generator) -> ProceduralObject:
    """Window: "frame", "sash"es holding "pane"s of glass, a "handle" or latch, a "sill"."""
    variant = pick_variant(rng, ["casement window", "double casement window", "sliding window", "double-hung window"])
    w, h = rng.uniform(0.6, 1.4), rng.uniform(0.8, 1.4)
    fw, fd = 0.06, 0.1
    frame_c, metal = pick(rng, PALE + WOOD + DARK), pick(rng, METAL + DARK)
    glass = (0.65, 0.78, 0.86)
    b = PartMesh()
    for s in (-1, 1):
        b.add("frame", box((fw, fd, h), (s * (w / 2 - fw / 2), 0, h / 2)), frame_c)
        b.add("frame", box((w, fd, fw), (0, 0, h / 2 + s * (h / 2 - fw / 2))), frame_c)
    b.add("sill", box((w + 0.08, 0.2, 0.03), (0, -0.06, -0.015)), jitter(rng, frame_c, 0.05))
    iw, ih = w - 2 * fw, h - 2 * fw
    sw = 0.045
    if variant in ("casement window", "double casement window"):
        n = 1 if variant == "casement window" else 2
        sashes = [(-iw / 2 + iw * (k + 0.5) / n, h / 2, iw / n, ih, 0.0) for k in range(n)]
    elif variant == "sliding window":
        sashes = [(-iw / 4, h / 2, iw / 2 + 0.02, ih, 0.02), (iw / 4, h / 2, iw / 2 + 0.02, ih, -0.02)]
    else:
        sashes = [(0.0, fw + ih / 4, iw, ih / 2 + 0.02, -0.02), (0.0, fw + ih * 0.75, iw, ih / 2 + 0.02, 0.02)]
    for xc, zc, sw_w, sw_h, dy in sashes:
        for s in (-1, 1):
            b.add("sash", box((sw, 0.05, sw_h), (xc + s * (sw_w / 2 - sw / 2), dy, zc)), jitter(rng, frame_c, 0.03))
            b.add("sash", box((sw_w, 0.05, sw), (xc, dy, zc + s * (sw_h / 2 - sw / 2))), jitter(rng, frame_c, 0.03))
        b.add("pane", box((sw_w - 2 * sw, 0.006, sw_h - 2 * sw), (xc, dy, zc)), glass)
    if variant == "double-hung window":
        b.add("handle", box((0.06, 0.02, 0.015), (0, -0.045, fw + ih / 2 + 0.03)), metal)
        b.alias("handle", "sash lock", "latch", "the part you lift")
    elif variant == "sliding window":
        b.add("handle", box((0.02, 0.02, 0.12), (-0.02 - sw / 2, -0.005, h / 2)), metal)
        b.alias("handle", "pull", "latch", "the part you slide")
    else:
        for xc, zc, sw_w, _, _ in sashes[-1:]:
            b.add("handle", tube(np.array([[xc - sw_w / 2 + sw / 2, -0.03, zc], [xc - sw_w / 2 + sw / 2, -0.06, zc], [xc - sw_w / 2 + sw / 2, -0.06, zc - 0.12]]), 0.008), metal)
        b.alias("handle", "window handle", "latch", "the part you turn")
    b.group("window frame", "frame", "sill").alias("frame", "window frame", "casing", "outer frame")
    b.alias("sash", "window sash", "inner frame").alias("pane", "glass", "glass pane", "the part you see through")
    b.alias("sill", "window sill", "ledge")
    return b.build("window", ground=True, variant=variant)


def make_folding_chair(rng: np.random.Generator) -> ProceduralObject:
    """Folding chair: "seat", "back", tubular "leg"s (front and back pairs crossing, group "frame"), "crossbar"s."""
    variant = pick_variant(rng, ["metal folding chair", "wooden folding chair", "director chair"])
    w, d, sh = rng.uniform(0.42, 0.48), rng.uniform(0.4, 0.46), rng.uniform(0.43, 0.47)
    metal, seat_c = pick(rng, METAL + DARK), pick(rng, BRIGHT + DARK + WOOD)
    if variant == "wooden folding chair":
        metal = pick(rng, WOOD)
    b = PartMesh()
    r = 0.012
    back_top = sh + rng.uniform(0.35, 0.42)
    for s in (-1, 1):
        x = s * w / 2
        if variant == "director chair":
            # An X on each side: two legs crossing under the seat.
            b.add("leg", rod((x, -d / 2, 0.0), (x, d / 2, sh), r), metal)
            b.add("leg", rod((x, d / 2, 0.0), (x, -d / 2, sh), r), metal)
            b.add("back post", rod((x, d / 2, sh), (x, d / 2 + 0.02, back_top), r), metal)
            b.add("armrest", box((0.04, d, 0.025), (x, 0, sh + 0.2)), metal)
            b.add("armrest", rod((x, -d / 2 + 0.02, sh), (x, -d / 2 + 0.02, sh + 0.2), r * 0.8), metal)
        else:
            b.add("leg", rod((x, -d / 2 - 0.05, 0.0), (x, d / 2 + 0.05, back_top), r), metal)  # front leg runs up into the back
            b.add("leg", rod((x * 0.95, d / 2 + 0.12, 0.0), (x * 0.95, -d / 2 + 0.05, sh), r), metal)
    if variant == "director chair":
        b.add("seat", box((w, d, 0.01), (0, 0, sh)), seat_c)
        b.add("back", box((w, 0.01, 0.2), (0, d / 2 + 0.02, back_top - 0.1)), seat_c)
        b.alias("armrest", "arm", "armrests").alias("back post", "upright", "back support")
        b.group("frame", "leg", "armrest", "back post")
    else:
        b.add("seat", box((w - 0.02, d, 0.02), (0, 0.0, sh)), seat_c)
        zb = back_top - 0.09
        yb = -d / 2 - 0.05 + (d + 0.1) * zb / back_top  # where the front legs pass that height
        b.add("back", transform(box((w - 0.02, 0.02, 0.14), (0, 0, 0)), (-0.2, 0, 0), (0, yb, zb)), seat_c)
        b.group("frame", "leg", "crossbar")
    for yy in (-d / 2 + 0.02, d / 2 + 0.08):
        b.add("crossbar", rod((-w / 2, yy, 0.12), (w / 2, yy, 0.12), r * 0.8), metal)
    b.alias("seat", "the part you sit on", "seat pad").alias("back", "backrest", "the part you lean on")
    b.alias("leg", "legs", "frame tube").alias("crossbar", "stretcher", "rung")
    return b.build("folding chair", ground=True, variant=variant)


def make_office_chair(rng: np.random.Generator) -> ProceduralObject:
    """Office chair: five-spoke "star base" with "wheel"s (group "base"), "gas lift", "seat", "back", maybe
    "armrest"s and a "headrest"."""
    variant = pick_variant(rng, ["task chair", "chair with armrests", "high-back executive chair"])
    r_base = rng.uniform(0.3, 0.35)
    sh, w, d = rng.uniform(0.45, 0.52), rng.uniform(0.46, 0.52), rng.uniform(0.44, 0.5)
    dark, cloth = pick(rng, DARK + METAL), pick(rng, DARK + BRIGHT + PALE)
    b = PartMesh()
    wr = 0.03
    for k in range(5):
        a = 2 * np.pi * k / 5
        tip = (r_base * np.cos(a), r_base * np.sin(a))
        b.add("star base", rod((0, 0, 2 * wr + 0.03), (tip[0], tip[1], 2 * wr + 0.01), 0.02, 8), dark)
        b.add("wheel", transform(axle_y(wr, 0.025, (0, 0, 0), 16), (0, 0, a + np.pi / 2), (tip[0], tip[1], wr)), DARK[0])
    b.add("star base", cylinder(0.04, 0.06, 2 * wr, 16), dark)
    b.add("gas lift", cylinder(0.025, sh - 0.1 - 2 * wr, 2 * wr + 0.06, 16), pick(rng, METAL))
    b.add("seat", box((w, d, 0.08), (0, 0, sh - 0.04)), cloth)
    back_h = rng.uniform(0.4, 0.5) * (1.35 if variant == "high-back executive chair" else 1.0)
    tilt = (-0.15, 0, 0)
    b.add("back", transform(box((w * 0.9, 0.06, back_h), (0, 0, back_h / 2)), tilt, (0, d / 2 + 0.02, sh + 0.05)), cloth)
    b.add("back support", rod((0, d / 2 - 0.05, sh - 0.05), (0, d / 2 + 0.04, sh + 0.1), 0.02), dark)
    if variant != "task chair":
        for s in (-1, 1):
            x = s * (w / 2 + 0.03)
            b.add("armrest", box((0.05, d * 0.55, 0.03), (x, -0.02, sh + 0.22)), dark)
            b.add("armrest", box((0.03, 0.04, 0.22), (x, 0.0, sh + 0.11)), dark)
        b.alias("armrest", "arm", "armrests", "the part you rest your arm on")
    if variant == "high-back executive chair":
        b.add("headrest", transform(box((w * 0.6, 0.06, 0.15), (0, 0, back_h + 0.1)), tilt, (0, d / 2 + 0.02, sh + 0.05)), jitter(rng, cloth))
        b.alias("headrest", "head rest", "the part for your head")
    b.group("base", "star base", "wheel", "gas lift").alias("base", "chair base", "undercarriage")
    b.alias("star base", "five-star base", "spider", "legs").alias("wheel", "caster", "castor", "wheels")
    b.alias("gas lift", "gas cylinder", "column", "height adjustment").alias("seat", "seat cushion", "the part you sit on")
    b.alias("back", "backrest", "the part you lean on").alias("back support", "back bar", "spine")
    return b.build("office chair", ground=True, variant=variant)


def _cone_shade(r_bottom: float, r_top: float, h: float, wall: float = 0.002) -> np.ndarray:
    """Profile of an open lamp shade (a thin cone wall, open at both ends), for `revolve`."""
    return np.array([(r_bottom, 0.0), (r_top, h), (r_top - wall, h), (r_bottom - wall, 0.0)])


def make_desk_lamp(rng: np.random.Generator) -> ProceduralObject:
    """Articulated desk lamp: "base", "lower arm" and "upper arm" (group "arm"), "joint"s, a cone "shade" facing
    down and forward, a "bulb" inside it (group "light"), a "switch"."""
    variant = pick_variant(rng, ["articulated desk lamp", "clamp-free architect lamp"])
    metal, shade_c = pick(rng, METAL + DARK + BRIGHT), pick(rng, METAL + BRIGHT + DARK)
    b = PartMesh()
    rb = rng.uniform(0.07, 0.1)
    b.add("base", cylinder(rb, 0.025, 0.0, 32, rb * 0.9), jitter(rng, metal, 0.04))
    la, ua = rng.uniform(0.25, 0.35), rng.uniform(0.25, 0.35)
    a1, a2 = np.deg2rad(rng.uniform(60, 80)), np.deg2rad(rng.uniform(-10, 25))  # elevation of each arm
    p0 = np.array([0.0, 0.0, 0.035])
    p1 = p0 + la * np.array([np.cos(a1), 0, np.sin(a1)]) * np.array([-1, 1, 1])
    p2 = p1 + ua * np.array([np.cos(a2), 0, np.sin(a2)])
    arm_r = 0.006 if variant == "articulated desk lamp" else 0.005
    for s in ((0.0,) if variant == "articulated desk lamp" else (-0.012, 0.012)):  # architect lamps have twin rods
        b.add("lower arm", rod(tuple(p0 + [0, s, 0]), tuple(p1 + [0, s, 0]), arm_r, 8), metal)
        b.add("upper arm", rod(tuple(p1 + [0, s, 0]), tuple(p2 + [0, s, 0]), arm_r, 8), metal)
    for p in (p0, p1, p2):
        b.add("joint", axle_y(0.012, 0.03, tuple(p), 12), DARK[0])
    # The shade hangs from the upper arm's tip, its mouth pointing down and forward.
    hs = rng.uniform(0.1, 0.15)
    shade = revolve(_cone_shade(0.025, hs * 0.7, hs), 28)  # narrow end at the arm, then turned mouth down
    tilt = (0.0, np.deg2rad(rng.uniform(150, 170)), 0.0)
    b.add("shade", transform(shade, tilt, tuple(p2)), shade_c)
    b.add("bulb", transform(ellipsoid((0.025, 0.025, 0.03), (0, 0, hs * 0.45), 10), tilt, tuple(p2)), (0.98, 0.95, 0.75))
    b.add("switch", box((0.02, 0.015, 0.01), (rb * 0.55, 0, 0.03)), DARK[0])
    b.group("arm", "lower arm", "upper arm", "joint").alias("arm", "arms", "lamp arm", "the bendable part")
    b.group("light", "shade", "bulb").alias("shade", "lampshade", "lamp head", "the cone")
    b.alias("bulb", "light bulb", "the part that glows").alias("base", "foot", "the part on the desk")
    b.alias("lower arm", "bottom arm", "lower rod").alias("upper arm", "top arm", "upper rod")
    b.alias("joint", "hinge", "pivot", "knuckle").alias("switch", "button", "on/off switch")
    return b.build("lamp", ground=True, variant=variant)


def make_pendant_lamp(rng: np.random.Generator) -> ProceduralObject:
    """Ceiling lamp: a ceiling "canopy", a "cord" (or rod), a "shade" with a "bulb" (group "light"); a chandelier
    has several "arm"s with a "shade" each."""
    variant = pick_variant(rng, ["pendant lamp", "chandelier"])
    drop = rng.uniform(0.4, 0.9)
    metal, shade_c = pick(rng, METAL + DARK), pick(rng, PALE + BRIGHT + METAL)
    b = PartMesh()
    b.add("canopy", cylinder(0.06, 0.03, drop, 24, 0.05), metal)
    if variant == "pendant lamp":
        b.add("cord", cylinder(0.003, drop - 0.05, 0.05, 8), DARK[0])
        rs, hs = rng.uniform(0.12, 0.22), rng.uniform(0.12, 0.22)
        dome = np.array([(rs, 0.0), (rs * 0.55, hs * 0.75), (0.03, hs), (0.028, hs - 0.002), (rs * 0.55 - 0.002, hs * 0.75 - 0.002), (rs - 0.002, 0.0)])
        b.add("shade", revolve(dome, 36).translate((0, 0, 0.05 - hs * 0.5)), shade_c)
        b.add("bulb", ellipsoid((0.03, 0.03, 0.04), (0, 0, 0.05), 10), (0.98, 0.95, 0.75))
    else:
        zc = 0.2
        b.add("cord", cylinder(0.01, drop - zc, zc, 8), metal)
        b.add("body", ellipsoid((0.05, 0.05, 0.07), (0, 0, zc), 12), metal)
        n, reach = int(rng.integers(4, 7)), rng.uniform(0.25, 0.35)
        for k in range(n):
            a = 2 * np.pi * k / n
            d = np.array([np.cos(a), np.sin(a), 0.0])
            path = np.array([[0, 0, zc], *(d * reach * f + [0, 0, zc - 0.12 * np.sin(np.pi * f)] for f in (0.3, 0.6)), d * reach + [0, 0, zc]])
            b.add("arm", tube(path, 0.008, 8), metal)
            tip = d * reach + [0, 0, zc]
            b.add("shade", revolve(_cone_shade(0.06, 0.035, 0.09), 20).translate(tuple(tip + [0, 0, 0.02])), shade_c)
            b.add("bulb", ellipsoid((0.015, 0.015, 0.03), tuple(tip + [0, 0, 0.05]), 8), (0.98, 0.95, 0.75))
        b.alias("arm", "arms", "branch", "candle arm").alias("body", "center piece", "hub")
    b.group("light", "shade", "bulb").alias("shade", "lampshade", "globe", "the part around the bulb")
    b.alias("bulb", "light bulb", "the part that glows").alias("canopy", "ceiling mount", "ceiling plate")
    b.alias("cord", "cable", "chain", "the part it hangs from")
    return b.build("lamp", ground=True, variant=variant)


def make_arc_floor_lamp(rng: np.random.Generator) -> ProceduralObject:
    """Arc floor lamp: a heavy "base", an arched "pole", a dome "shade" hanging at its tip with a "bulb"."""
    variant = pick_variant(rng, ["arc floor lamp", "tripod floor lamp"])
    metal, shade_c = pick(rng, METAL + DARK + WOOD), pick(rng, PALE + BRIGHT + METAL)
    b = PartMesh()
    if variant == "arc floor lamp":
        b.add("base", box((0.3, 0.22, 0.06), (0, 0, 0.03)), pick(rng, [(0.9, 0.9, 0.88), (0.15, 0.15, 0.15)]))
        H, reach = rng.uniform(1.7, 2.0), rng.uniform(1.0, 1.5)
        t = np.linspace(0, np.pi / 2, 16)
        path = np.column_stack([reach * (1 - np.cos(t)), np.zeros_like(t), 0.06 + (H - 0.06) * np.sin(t) * 0.9])
        path = np.vstack([[[0, 0, 0.06]], path[1:], [[reach + 0.08, 0, path[-1, 2] - 0.1]]])
        b.add("pole", tube(path, 0.012, 10), metal)
        tip = path[-1]
        rs = rng.uniform(0.18, 0.25)
        dome = np.array([(rs, -rs * 0.55), (rs * 0.7, -rs * 0.1), (0.03, 0.0), (0.028, -0.002), (rs * 0.7 - 0.002, -rs * 0.1 - 0.002), (rs - 0.002, -rs * 0.55)])
        b.add("shade", revolve(dome, 36).translate(tuple(tip)), shade_c)
        b.add("bulb", ellipsoid((0.035, 0.035, 0.045), tuple(tip - [0, 0, 0.1]), 10), (0.98, 0.95, 0.75))
        b.alias("pole", "arc", "arched stand", "the curved part")
    else:
        H = rng.uniform(1.3, 1.6)
        for k in range(3):
            a = 2 * np.pi * k / 3
            b.add("leg", rod((0, 0, H - 0.35), (0.35 * np.cos(a), 0.35 * np.sin(a), 0.0), 0.014, 8), metal)
        b.add("pole", cylinder(0.014, 0.3, H - 0.38, 10), metal)
        rs = rng.uniform(0.2, 0.26)
        b.add("shade", revolve(_cone_shade(rs, rs * 0.8, rs * 1.1), 36).translate((0, 0, H - 0.2)), shade_c)
        b.add("bulb", ellipsoid((0.03, 0.03, 0.04), (0, 0, H - 0.06), 10), (0.98, 0.95, 0.75))
        b.alias("leg", "legs", "tripod", "tripod leg").alias("pole", "stem", "column")
        b.group("stand", "leg", "pole")
    b.group("light", "shade", "bulb").alias("shade", "lampshade", "dome", "the part around the bulb")
    b.alias("bulb", "light bulb", "the part that glows")
    if variant == "arc floor lamp":
        b.alias("base", "foot", "weighted base", "the heavy block")
    return b.build("lamp", ground=True, variant=variant)


def make_safe(rng: np.random.Generator) -> ProceduralObject:
    """Safe: a thick-walled "body", a front "door" with "hinge"s, a "dial" or a "keypad", a "handle"."""
    variant = pick_variant(rng, ["dial safe", "keypad safe", "floor safe with wheel handle"])
    s = rng.uniform(0.3, 0.45) if variant != "floor safe with wheel handle" else rng.uniform(0.6, 0.9)
    w, d, h = s, s * rng.uniform(0.8, 1.0), s * rng.uniform(1.0, 1.3)
    shell, metal = pick(rng, DARK + METAL + [(0.3, 0.35, 0.3)]), pick(rng, METAL)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y = -d / 2 - 0.02
    b.add("door", box((w - 0.05, 0.04, h - 0.05), (0, y, h / 2)), jitter(rng, shell, 0.04))
    for z in (0.25 * h, 0.75 * h):
        b.add("hinge", cylinder(0.015, 0.08, z - 0.04, 12).translate((-w / 2 + 0.01, y - 0.01, 0)), metal)
    zc = h * 0.6
    if variant == "keypad safe":
        b.add("keypad", box((0.07, 0.006, 0.09), (w * 0.15, y - 0.023, zc)), DARK[0])
        for k in range(12):
            b.add("button", box((0.015, 0.004, 0.012), (w * 0.15 + (k % 3 - 1) * 0.02, y - 0.028, zc + 0.03 - (k // 3) * 0.018)), PALE[0])
        b.alias("keypad", "keyboard", "number pad").alias("button", "keys", "number buttons")
        b.add("handle", facing_front(cylinder(0.012, 0.06, 0.0, 12), (-w * 0.15, y - 0.02, zc)), metal)
    else:
        b.add("dial", facing_front(cylinder(0.04 if variant == "dial safe" else 0.06, 0.02, 0.0, 28), (0, y - 0.02, zc)), metal)
        b.alias("dial", "combination dial", "lock dial", "the part you turn")
        if variant == "dial safe":
            b.add("handle", transform(box((0.12, 0.02, 0.02), (0.06, 0, 0)), (0, 0.5, 0), (0.0, y - 0.045, zc - 0.12)), metal)
        else:
            c = (w * 0.2, y - 0.07, h * 0.4)
            b.add("handle", ring(0.08, 0.008, c, "y", 28), metal)
            for k in range(3):
                a = 2 * np.pi * k / 3
                b.add("handle", rod(c, (c[0] + 0.08 * np.cos(a), c[1], c[2] + 0.08 * np.sin(a)), 0.006, 6), metal)
            b.add("handle", rod(c, (c[0], y - 0.02, c[2]), 0.01, 8), metal)
    b.alias("handle", "door handle", "lever", "the part you pull").alias("door", "safe door", "front door", "vault door")
    b.alias("body", "box", "cabinet", "housing").alias("hinge", "hinges", "door hinge")
    return b.build("safe", ground=True, variant=variant)


def make_toilet(rng: np.random.Generator) -> ProceduralObject:
    """Toilet: a hollow "bowl" on a "pedestal" (group "base"), "seat" ring and "lid", a "tank" with its "tank lid"
    and a "flush handle" (or a wall-hung one with a "flush button" plate)."""
    variant = pick_variant(rng, ["close-coupled toilet", "toilet with lid up", "wall-hung toilet"])
    ceramic, seat_c = (0.95, 0.95, 0.93), pick(rng, PALE + [(0.95, 0.95, 0.93)] + DARK)
    b = PartMesh()
    h = rng.uniform(0.38, 0.42)
    rx, ry = rng.uniform(0.17, 0.19), rng.uniform(0.22, 0.25)
    z0 = 0.0 if variant != "wall-hung toilet" else 0.3  # a wall-hung bowl floats above the floor on its bracket
    # An oval bowl: a lathe with an inside, stretched along y.
    prof = np.array([(0.0, 0.14), (0.6, 0.1), (0.85, 0.55), (1.0, 1.0), (0.86, 1.0), (0.7, 0.6), (0.3, 0.2), (0.0, 0.2)])
    bowl = revolve(np.column_stack([prof[:, 0], prof[:, 1] * (h - 0.1) + 0.1]), 40)
    v = np.asarray(bowl.vertices)
    v[:, 0] *= rx
    v[:, 1] *= ry
    bowl.vertices = o3d.utility.Vector3dVector(v)
    b.add("bowl", bowl.translate((0, -0.05, z0)), ceramic)
    if variant == "wall-hung toilet":
        b.add("bracket", box((0.3, 0.2, 0.3), (0, ry - 0.05, z0 + 0.15)), ceramic)
        b.add("wall plate", box((0.5, 0.02, z0 + 1.0), (0, ry + 0.06, (z0 + 1.0) / 2)), pick(rng, PALE))
        b.add("flush button", box((0.22, 0.012, 0.15), (0, ry + 0.045, z0 + 0.75)), pick(rng, METAL + PALE))
        b.alias("bracket", "mount", "wall mount").alias("wall plate", "wall", "cistern cover")
        b.alias("flush button", "flush plate", "button", "the part you push to flush")
    else:
        b.add("pedestal", cylinder(0.1, 0.12, 0.0, 24, 0.09).translate((0, 0.0, 0)), ceramic)
        tw, td, th = rng.uniform(0.36, 0.44), rng.uniform(0.16, 0.2), rng.uniform(0.32, 0.4)
        yt = ry - 0.05 + td / 2 - 0.02
        b.add("tank", box((tw, td, th), (0, yt, h + th / 2 - 0.02)), ceramic)
        b.add("tank lid", box((tw + 0.02, td + 0.02, 0.025), (0, yt, h + th - 0.02 + 0.0125)), jitter(rng, ceramic, 0.02))
        b.add("flush handle", box((0.06, 0.015, 0.015), (-tw / 2 + 0.04, yt - td / 2 - 0.01, h + th - 0.08)), pick(rng, METAL))
        b.alias("tank", "cistern", "water tank").alias("tank lid", "cistern lid", "tank cover")
        b.alias("flush handle", "flush lever", "handle", "the part you press to flush")
        b.alias("pedestal", "foot", "base of the bowl")
    # Seat: an oval ring on the rim; the lid closed on it, or raised against the tank.
    seat = o3d.geometry.TriangleMesh.create_torus(1.0, 0.12, 32, 8)
    v = np.asarray(seat.vertices) * np.array([rx * 0.85, ry * 0.85, 0.12])
    seat.vertices = o3d.utility.Vector3dVector(v)
    b.add("seat", seat.translate((0, -0.05, z0 + h + 0.015)), seat_c)
    lid = ellipsoid((rx, ry, 0.012), (0, 0, 0), 16)
    if variant == "toilet with lid up":
        b.add("lid", transform(lid.translate((0, -ry, 0)), (-1.45, 0, 0), (0, ry - 0.07, z0 + h + 0.05)), seat_c)
    else:
        b.add("lid", lid.translate((0, -0.05, z0 + h + 0.045)), seat_c)
    b.group("base", "bowl", "pedestal", "bracket").alias("bowl", "toilet bowl", "basin", "the part you sit over")
    b.alias("seat", "toilet seat", "the part you sit on").alias("lid", "cover", "toilet lid", "seat cover")
    return b.build("toilet", ground=True, variant=variant)


def make_modern_chair(rng: np.random.Generator) -> ProceduralObject:
    """Chairs beyond four square legs: a moulded "seat" and "back" shell on splayed "leg"s, a tubular cantilever
    "frame", or a rocking chair on "rocker"s with "spindle"s in the back."""
    variant = pick_variant(rng, ["shell chair", "cantilever chair", "rocking chair"])
    w, d, sh = rng.uniform(0.44, 0.5), rng.uniform(0.42, 0.48), rng.uniform(0.43, 0.47)
    shell_c, metal, wood = pick(rng, BRIGHT + PALE + DARK), pick(rng, METAL + DARK), pick(rng, WOOD)
    b = PartMesh()
    back_h = rng.uniform(0.35, 0.45)
    if variant == "shell chair":
        # A moulded shell: a rounded seat pan tilted back a little, meeting a rounded back that leans back.
        t = 0.012
        b.add("seat", transform(rounded_slab(w, d, t, 0.08, (0, 0, 0)), (-0.06, 0, 0), (0, 0, sh)), shell_c)
        back = rounded_slab(w, back_h + 0.04, t, 0.08, (0, (back_h + 0.04) / 2, 0))  # along +y, then stood up
        b.add("back", transform(back, (np.pi / 2 - 0.2, 0, 0), (0, d / 2 - 0.01, sh + 0.02)), shell_c)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", rod((sx * w * 0.3, sy * d * 0.25, sh - 0.01), (sx * w * 0.45, sy * d * 0.45, 0.0), 0.012, 8), pick(rng, WOOD + METAL))
        b.alias("leg", "legs", "chair leg", "splayed leg")
    elif variant == "cantilever chair":
        # One bent tube per side: floor runner, up at the front, back under the seat, up into the back.
        for s in (-1, 1):
            x = s * w / 2
            path = np.array([[x, d / 2, 0.01], [x, -d / 2 - 0.02, 0.01], [x, -d / 2 - 0.03, 0.05], [x, -d / 2, sh - 0.04],
                             [x, -d / 2 + 0.03, sh - 0.02], [x, d / 2, sh - 0.02], [x, d / 2 + 0.02, sh + back_h]])
            b.add("frame", tube(path, 0.012, 10), metal)
        b.add("frame", rod((-w / 2, d / 2, 0.01), (w / 2, d / 2, 0.01), 0.012, 8), metal)
        b.add("seat", box((w - 0.02, d, 0.03), (0, 0.0, sh)), shell_c)
        b.add("back", transform(box((w - 0.02, 0.02, back_h * 0.6), (0, 0, 0)), (-0.1, 0, 0), (0, d / 2 + 0.012, sh + back_h * 0.6)), shell_c)
        b.alias("frame", "tubular frame", "steel tube", "the metal frame")
    else:
        for s in (-1, 1):
            x = s * w / 2
            t = np.linspace(-1, 1, 16)
            runner = np.column_stack([np.full_like(t, x), t * d * 0.85, 0.02 + 0.06 * t ** 2])
            b.add("rocker", tube(runner, 0.015, 8), wood)
            for y in (-d / 2 + 0.03, d / 2 - 0.03):
                b.add("leg", rod((x, y, sh), (x, y, 0.02 + 0.06 * (y / (d * 0.85)) ** 2), 0.018, 8), wood)
            b.add("armrest", box((0.05, d, 0.03), (x, -0.02, sh + 0.22)), wood)
            b.add("armrest", rod((x, -d / 2 + 0.03, sh), (x, -d / 2 + 0.03, sh + 0.21), 0.015, 8), wood)
            b.add("back", rod((x, d / 2 - 0.03, sh), (x, d / 2 + 0.06, sh + back_h * 1.4), 0.018, 8), wood)
        for k in range(5):
            xk = (k - 2) * w / 6
            b.add("spindle", rod((xk, d / 2 - 0.02, sh + 0.02), (xk, d / 2 + 0.06, sh + back_h * 1.3), 0.008, 6), wood)
        b.add("back", box((w + 0.04, 0.04, 0.06), (0, d / 2 + 0.065, sh + back_h * 1.35)), wood)
        b.add("seat", box((w, d, 0.035), (0, 0, sh)), jitter(rng, wood))
        b.alias("rocker", "rockers", "curved runner", "the part it rocks on").alias("spindle", "spindles", "back slat")
        b.alias("armrest", "arm", "armrests").alias("leg", "legs", "chair leg")
        b.group("backrest", "back", "spindle")
    b.alias("seat", "the part you sit on", "seat pan").alias("back", "backrest", "the part you lean on")
    return b.build("chair", ground=True, variant=variant)


def make_low_table(rng: np.random.Generator) -> ProceduralObject:
    """Coffee, trestle and side tables: "top", "leg"s or trestle "support"s with a "stretcher", maybe a "shelf"
    or a "drawer" with a "handle"."""
    variant = pick_variant(rng, ["coffee table", "trestle table", "side table"])
    wood, metal = pick(rng, WOOD + PALE + DARK), pick(rng, METAL + DARK + WOOD)
    b = PartMesh()
    if variant == "coffee table":
        w, d, h = rng.uniform(0.9, 1.3), rng.uniform(0.5, 0.7), rng.uniform(0.38, 0.46)
        b.add("top", box((w, d, 0.03), (0, 0, h - 0.015)), wood)
        b.add("shelf", box((w - 0.1, d - 0.1, 0.02), (0, 0, 0.12)), jitter(rng, wood, 0.04))
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", box((0.05, 0.05, h - 0.03), (sx * (w / 2 - 0.05), sy * (d / 2 - 0.05), (h - 0.03) / 2)), metal)
        b.alias("shelf", "lower shelf", "undershelf", "the part below the top")
    elif variant == "trestle table":
        w, d, h = rng.uniform(1.6, 2.2), rng.uniform(0.8, 1.0), rng.uniform(0.73, 0.77)
        b.add("top", box((w, d, 0.04), (0, 0, h - 0.02)), wood)
        for s in (-1, 1):
            x = s * (w / 2 - 0.25)
            b.add("support", box((0.08, d * 0.8, 0.06), (x, 0, 0.03)), jitter(rng, wood))
            b.add("support", box((0.08, 0.1, h - 0.1), (x, 0, 0.06 + (h - 0.1) / 2)), jitter(rng, wood))
            b.add("support", box((0.08, d * 0.7, 0.05), (x, 0, h - 0.065)), jitter(rng, wood))
        b.add("stretcher", box((w - 0.5, 0.05, 0.07), (0, 0, h * 0.35)), jitter(rng, wood))
        b.alias("support", "trestle", "leg", "end support").alias("stretcher", "crossbar", "beam")
        b.group("base", "support", "stretcher")
    else:
        w, h = rng.uniform(0.4, 0.55), rng.uniform(0.5, 0.65)
        b.add("top", box((w, w, 0.025), (0, 0, h - 0.0125)), wood)
        b.add("drawer", box((w - 0.06, 0.02, 0.1), (0, -w / 2 + 0.02, h - 0.08)), jitter(rng, wood, 0.04))
        b.add("handle", box((0.06, 0.02, 0.012), (0, -w / 2 + 0.005, h - 0.08)), pick(rng, METAL))
        b.add("apron", box((w - 0.04, w - 0.04, 0.12), (0, 0.01, h - 0.085)), wood)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", cylinder(0.02, h - 0.025, 0.0, 12, 0.016).translate((sx * (w / 2 - 0.04), sy * (w / 2 - 0.04), 0)), jitter(rng, wood))
        b.alias("drawer", "drawer front", "small drawer").alias("handle", "knob", "pull", "the part you pull")
        b.alias("apron", "skirt", "frame under the top")
    b.alias("top", "tabletop", "surface", "the flat part").alias("leg", "legs", "table leg")
    return b.build("table", ground=True, variant=variant)


def make_tall_cabinet(rng: np.random.Generator) -> ProceduralObject:
    """Storage furniture beyond the base cabinet: a wardrobe (tall "door"s, "door handle"s, a "drawer"), a tv
    stand (open "shelf" and "drawer"s on "leg"s) or a nightstand ("drawer"s, "leg"s)."""
    variant = pick_variant(rng, ["wardrobe", "tv stand", "nightstand"])
    body_c, front_c, metal = pick(rng, WOOD + PALE), pick(rng, WOOD + PALE + BRIGHT), pick(rng, METAL + DARK)
    w, d, h = {"wardrobe": (rng.uniform(0.9, 1.2), rng.uniform(0.55, 0.62), rng.uniform(1.8, 2.1)),
               "tv stand": (rng.uniform(1.2, 1.8), rng.uniform(0.38, 0.45), rng.uniform(0.4, 0.55)),
               "nightstand": (rng.uniform(0.4, 0.5), rng.uniform(0.35, 0.42), rng.uniform(0.5, 0.62))}[variant]
    leg_h = 0.0 if variant == "wardrobe" else rng.uniform(0.08, 0.15)
    b = PartMesh()
    bh = h - leg_h
    b.add("body", box((w, d, bh - 0.02), (0, 0, leg_h + (bh - 0.02) / 2)), body_c)
    b.add("top", box((w + 0.02, d + 0.02, 0.02), (0, 0, h - 0.01)), jitter(rng, body_c))
    y = -d / 2 - 0.01
    if leg_h:
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", cylinder(0.02, leg_h, 0.0, 10, 0.015).translate((sx * (w / 2 - 0.04), sy * (d / 2 - 0.04), 0)), pick(rng, WOOD + METAL))
        b.alias("leg", "legs", "foot", "feet")
    if variant == "wardrobe":
        dh = 0.22
        b.add("drawer", box((w - 0.03, 0.02, dh - 0.01), (0, y, dh / 2 + 0.02)), front_c)
        b.add("drawer handle", box((0.15, 0.025, 0.015), (0, y - 0.02, dh / 2 + 0.02)), metal)
        for s in (-1, 1):
            b.add("door", box((w / 2 - 0.02, 0.02, bh - dh - 0.05), (s * w / 4, y, dh + (bh - dh) / 2 - 0.01)), front_c)
            b.add("door handle", box((0.015, 0.025, 0.3), (s * 0.04, y - 0.02, h * 0.55)), metal)
    elif variant == "tv stand":
        b.add("shelf", box((w - 0.04, d - 0.02, 0.015), (0, -0.005, leg_h + bh * 0.5)), jitter(rng, body_c, 0.04))
        b.add("opening", box((w - 0.04, 0.002, bh * 0.45), (0, y + 0.009, leg_h + bh * 0.72)), (0.08, 0.07, 0.06))
        for s in (-1, 1):
            b.add("drawer", box((w / 2 - 0.03, 0.02, bh * 0.4), (s * w / 4, y, leg_h + bh * 0.24)), front_c)
            b.add("drawer handle", box((0.12, 0.025, 0.015), (s * w / 4, y - 0.02, leg_h + bh * 0.3)), metal)
        b.alias("shelf", "open shelf", "media shelf").alias("opening", "open compartment", "cubby")
    else:
        n = int(rng.integers(1, 3))
        dh = (bh - 0.04) / n
        for k in range(n):
            zc = leg_h + 0.01 + dh * (k + 0.5)
            b.add("drawer", box((w - 0.03, 0.02, dh - 0.015), (0, y, zc)), front_c)
            b.add("drawer handle", facing_front(cylinder(0.012, 0.02, 0.0, 12), (0, y - 0.01, zc)), metal)
    b.group("handle", "door handle", "drawer handle").alias("handle", "knob", "pull", "the part you pull")
    b.group("front", "door", "drawer").alias("door", "cabinet door", "wardrobe door").alias("drawer", "drawers", "drawer front")
    b.alias("door handle", "door pull", "door knob").alias("drawer handle", "drawer pull", "drawer knob")
    b.alias("body", "frame", "carcass", "case").alias("top", "top surface", "countertop")
    return b.build("cabinet", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "table": [make_table, make_round_table, make_low_table],
    "chair": [make_chair, make_modern_chair],
    "cabinet": [make_cabinet, make_tall_cabinet],
    "lamp": [make_lamp, make_desk_lamp, make_pendant_lamp, make_arc_floor_lamp],
    "sofa": [make_sofa],
    "bed": [make_bed],
    "stool": [make_stool],
    "bench": [make_bench],
    "desk": [make_desk],
    "bookshelf": [make_bookshelf],
    "door": [make_door],
    "window": [make_window],
    "folding chair": [make_folding_chair],
    "office chair": [make_office_chair],
    "safe": [make_safe],
    "toilet": [make_toilet],
}
