"""Furniture and lighting: tables, chairs, cabinets, lamps.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.procedural import (
    Builder, PartMesh, ProceduralObject, jitter, pick, box, cylinder, ellipsoid, revolve, METAL, DARK, WOOD, BRIGHT, PALE, pick_variant,
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



CATEGORIES: dict[str, list[Builder]] = {
    "table": [make_table, make_round_table],
    "chair": [make_chair],
    "cabinet": [make_cabinet],
    "lamp": [make_lamp],
}
