"""The procedural catalogue: everyday objects that robots handle and the usual benchmark categories.

Each builder draws a shape variant and random proportions from a numpy Generator and returns a z-up,
metric `ProceduralObject` standing on z = 0, with fine part names, other wordings of them (synonyms and
function words) and coarse groups. Builders register in `procedural.BUILDERS`; extra variants of the
four original categories (whose builders the demo scene depends on) go to `VARIANTS`, and
`sample_object` picks among all of a category's builders.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from find3d_core.engine.procedural import (
    BUILDERS, PartMesh, ProceduralObject, _arc, _jitter, _pick, box, cylinder, ellipsoid, extrude, revolve,
    revolve_parts, transform, tube,
)

Builder = Callable[[np.random.Generator], ProceduralObject]

METAL = [(0.75, 0.76, 0.78), (0.6, 0.62, 0.65), (0.85, 0.83, 0.78)]
DARK = [(0.1, 0.1, 0.1), (0.2, 0.18, 0.16), (0.15, 0.17, 0.22)]
WOOD = [(0.6, 0.42, 0.26), (0.78, 0.65, 0.48), (0.35, 0.25, 0.18)]
BRIGHT = [(0.8, 0.15, 0.12), (0.15, 0.35, 0.75), (0.95, 0.75, 0.1), (0.2, 0.55, 0.3), (0.9, 0.45, 0.1)]
PALE = [(0.92, 0.92, 0.9), (0.85, 0.8, 0.7), (0.7, 0.78, 0.85)]

HOLD = ("grip", "the part you hold")


def _variant(rng: np.random.Generator, names: list[str]) -> str:
    return names[int(rng.integers(len(names)))]


def _arch(p0: np.ndarray, p1: np.ndarray, lift: np.ndarray, n: int = 16) -> np.ndarray:
    """(n, 3) half-ellipse path from p0 to p1 bulging by `lift` (a vector) in the middle."""
    t = np.linspace(0.0, np.pi, n)
    return p0 + (p1 - p0) * ((1 - np.cos(t)) / 2)[:, None] + np.sin(t)[:, None] * lift


# ---------------------------------------------------------------- kitchen


def make_kettle(rng: np.random.Generator) -> ProceduralObject:
    """Kettle: body, lid, knob, spout, handle (over the top or on the side)."""
    variant = _variant(rng, ["top handle", "side handle"])
    r, h = rng.uniform(0.07, 0.1), rng.uniform(0.12, 0.2)
    r_top = r * rng.uniform(0.55, 0.8)
    color, metal = _pick(rng, METAL + BRIGHT), _pick(rng, DARK)
    b = PartMesh()
    b.add("body", revolve(np.array([(0.0, 0.0), (r, 0.0), (r, 0.6 * h), (r_top, h), (0.0, h)]), 40), color)
    r_lid = r_top * 0.8
    b.add("lid", cylinder(r_lid, 0.01, h - 0.002, 32, r_lid * 0.7), _jitter(rng, color))
    b.add("knob", ellipsoid((0.012, 0.012, 0.01), (0, 0, h + 0.012)), metal)
    z0 = 0.3 * h
    spout = np.array([[r * 0.9, 0, z0], [r + 0.03, 0, z0 + 0.03], [r + 0.06, 0, h * 0.85]])
    b.add("spout", tube(spout, np.linspace(0.016, 0.008, 3), 16), color)
    if variant == "top handle":
        path = _arch(np.array([-r_top * 0.9, 0, h * 0.9]), np.array([r_top * 0.9, 0, h * 0.9]),
                     np.array([0, 0, rng.uniform(0.06, 0.09)]))
    else:
        path = _arch(np.array([-r * 0.95, 0, h * 0.8]), np.array([-r * 0.95, 0, h * 0.25]),
                     np.array([-rng.uniform(0.04, 0.06), 0, 0]))
    b.add("handle", tube(path, 0.009, 10), metal)
    b.alias("handle", *HOLD).alias("spout", "nozzle", "the part you pour from").alias("lid", "cover", "top")
    b.alias("body", "pot", "container").alias("knob", "lid handle", "button")
    return b.build("kettle", ground=True, variant=variant)


def make_pan(rng: np.random.Generator) -> ProceduralObject:
    """Frying pan or saucepan: "bottom", "side wall" (group "body"), "handle", optional "lid"."""
    variant = _variant(rng, ["frying pan", "saucepan"])
    r = rng.uniform(0.1, 0.14)
    h = rng.uniform(0.035, 0.05) if variant == "frying pan" else rng.uniform(0.08, 0.12)
    flare = 1.2 if variant == "frying pan" else 1.02
    wall = 0.004
    color, handle_c = _pick(rng, DARK + METAL), _pick(rng, DARK + WOOD)
    prof = np.array([(0.0, 0.0), (r, 0.0), (r * flare, h), (r * flare - wall, h), (r - wall, wall), (0.0, wall)])
    b = PartMesh()
    revolve_parts(b, prof, ["bottom", "side wall", "side wall", "side wall", "bottom"],
                  {"bottom": color, "side wall": color})
    length = rng.uniform(0.16, 0.22)
    z = h * 0.8
    path = np.array([[r * flare - 0.01, 0, z], [r * flare + length, 0, z + length * rng.uniform(0.05, 0.25)]])
    b.add("handle", tube(path, rng.uniform(0.009, 0.013), 12), handle_c)
    if variant == "saucepan" and rng.random() < 0.6:
        rl = r * flare
        b.add("lid", revolve(np.array([(0.0, h + 0.02), (rl, h), (rl, h + 0.003), (0.0, h + 0.023)]), 40), _pick(rng, METAL))
    b.group("body", "bottom", "side wall").alias("body", "pan", "container", "the part that holds food")
    b.alias("handle", *HOLD).alias("side wall", "wall", "side").alias("bottom", "base", "floor").alias("lid", "cover")
    return b.build("pan", ground=True, variant=variant)


def make_knife(rng: np.random.Generator) -> ProceduralObject:
    """Kitchen knife lying flat: "blade", "handle", "bolster" (chef's knife) or none (paring knife)."""
    variant = _variant(rng, ["chef knife", "paring knife", "bread knife"])
    blade_l = rng.uniform(0.15, 0.22) if variant != "paring knife" else rng.uniform(0.07, 0.1)
    blade_w = rng.uniform(0.035, 0.05) if variant == "chef knife" else rng.uniform(0.02, 0.03)
    handle_l = rng.uniform(0.1, 0.13)
    t = np.linspace(0.0, 1.0, 12)
    edge = np.column_stack([t * blade_l, -blade_w * (1 - t**3) * 0.5])  # curved edge rising to the tip
    spine = np.column_stack([t[::-1] * blade_l, np.full(12, blade_w * 0.5) * (1 - t[::-1] ** 8)])
    b = PartMesh()
    b.add("blade", extrude(np.vstack([edge[:-1], spine]), 0.002), _pick(rng, METAL))
    x0 = 0.0
    if variant == "chef knife":
        b.add("bolster", box((0.012, blade_w * 0.7, 0.012), (-0.006, 0.0, 0.001)), _pick(rng, METAL))
        x0 = -0.012
    hh = blade_w * 0.55 if variant != "paring knife" else 0.02
    b.add("handle", box((handle_l, hh, 0.018), (x0 - handle_l / 2, 0.0, 0.001)), _pick(rng, DARK + WOOD))
    b.alias("blade", "the part that cuts", "cutting edge").alias("handle", *HOLD).alias("bolster", "guard")
    return b.build("knife", ground=True, variant=variant)


def make_spatula(rng: np.random.Generator) -> ProceduralObject:
    """Spatula lying flat: "head" (turner plate, maybe slotted look), "neck", "handle"."""
    variant = _variant(rng, ["turner", "scraper"])
    head_l, head_w = rng.uniform(0.07, 0.1), rng.uniform(0.05, 0.08)
    neck_l, handle_l = rng.uniform(0.05, 0.08), rng.uniform(0.12, 0.16)
    corner = 0.3 if variant == "scraper" else 0.05
    outline = np.array([[0, -head_w / 2 * 0.6], [head_l * (1 - corner), -head_w / 2], [head_l, -head_w / 2 * (1 - corner)],
                        [head_l, head_w / 2 * (1 - corner)], [head_l * (1 - corner), head_w / 2], [0, head_w / 2 * 0.6]])
    b = PartMesh()
    b.add("head", extrude(outline, 0.003), _pick(rng, DARK + BRIGHT))
    b.add("neck", box((neck_l, 0.012, 0.004), (-neck_l / 2, 0.0, 0.002)), _pick(rng, METAL))
    x = -neck_l - handle_l / 2
    b.add("handle", transform(cylinder(0.011, handle_l, -handle_l / 2, 16), (0, np.pi / 2, 0), (x, 0, 0.011)),
          _pick(rng, WOOD + DARK))
    b.alias("head", "blade", "turner", "the part that flips food").alias("handle", *HOLD).alias("neck", "shaft")
    return b.build("spatula", ground=True, variant=variant)


def make_bucket(rng: np.random.Generator) -> ProceduralObject:
    """Bucket: "body" (open tapered wall with a floor), "rim", "handle" (wire bail), maybe "handle grip"."""
    variant = _variant(rng, ["bail handle", "bail handle with grip", "no handle"])
    r_bot, h = rng.uniform(0.1, 0.13), rng.uniform(0.2, 0.3)
    r_top = r_bot * rng.uniform(1.1, 1.3)
    wall = 0.004
    prof = np.array([(0.0, 0.0), (r_bot, 0.0), (r_top, h - 0.01), (r_top + 0.006, h), (r_top - wall, h),
                     (r_top - wall, h - 0.01), (r_bot - wall, wall), (0.0, wall)])
    color = _pick(rng, BRIGHT + METAL)
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body", "rim", "rim", "rim", "body", "body"], {"body": color, "rim": _jitter(rng, color)})
    if variant != "no handle":
        path = _arch(np.array([-r_top, 0, h - 0.02]), np.array([r_top, 0, h - 0.02]), np.array([0, 0, r_top * 0.9]), 24)
        b.add("handle", tube(path, 0.003, 8), _pick(rng, METAL))
        if variant == "bail handle with grip":
            b.add("handle grip", transform(cylinder(0.012, 0.08, -0.04, 16), (0, np.pi / 2, 0), (0, 0, h - 0.02 + r_top * 0.9)),
                  _pick(rng, DARK))
            b.group("carrying handle", "handle", "handle grip").alias("handle grip", *HOLD)
    b.alias("body", "pail", "container", "the part that holds water").alias("handle", "bail", "carrying handle")
    b.alias("rim", "lip", "edge")
    return b.build("bucket", ground=True, variant=variant)


# ---------------------------------------------------------------- tools


def make_scissors(rng: np.random.Generator) -> ProceduralObject:
    """Scissors lying flat, slightly open: "blade" (two), "handle" (two finger loops), "pivot"."""
    variant = _variant(rng, ["office", "kitchen"])
    blade_l = rng.uniform(0.08, 0.12)
    open_a = rng.uniform(0.08, 0.3)
    loop_r = rng.uniform(0.014, 0.02) * (1.2 if variant == "kitchen" else 1.0)
    b = PartMesh()
    metal, plastic = _pick(rng, METAL), _pick(rng, BRIGHT + DARK)
    for k, s in enumerate((-1, 1)):
        a = s * open_a / 2
        outline = np.array([[0, -0.006], [blade_l, -0.001], [blade_l, 0.001], [0, 0.006], [-0.01, 0.0]])
        blade = transform(extrude(outline, 0.002), (0, 0, a), (0, 0, 0.002 * k))
        b.add("blade", blade, metal)
        ang = np.linspace(0, 2 * np.pi, 25)
        c = np.array([-0.03 - loop_r, s * loop_r * 0.6])
        ring = np.column_stack([c[0] + loop_r * np.cos(ang), c[1] + loop_r * 0.7 * np.sin(ang), np.full(25, 0.004)])
        arm = np.array([[-0.01, 0, 0.004], [-0.03 + 0.002, s * loop_r * 0.5, 0.004]])
        loop = transform(tube(ring, 0.0035, 8), (0, 0, a))
        b.add("handle", loop, plastic)
        b.add("handle", transform(tube(arm, 0.004, 8), (0, 0, a)), plastic)
    b.add("pivot", cylinder(0.004, 0.006, 0.0, 12), _pick(rng, DARK))
    b.alias("blade", "the part that cuts", "cutting edge").alias("handle", "finger loop", "finger hole", *HOLD)
    b.alias("pivot", "screw", "hinge")
    return b.build("scissors", ground=True, variant=variant)


def make_hammer(rng: np.random.Generator) -> ProceduralObject:
    """Hammer lying flat: "handle"; head as "face" + "claw" (claw hammer) or one "head" (mallet)."""
    variant = _variant(rng, ["claw hammer", "mallet"])
    handle_l = rng.uniform(0.25, 0.33)
    b = PartMesh()
    b.add("handle", box((handle_l, 0.028, 0.02), (-handle_l / 2, 0, 0.0)), _pick(rng, WOOD + DARK))
    if variant == "claw hammer":
        metal = _pick(rng, METAL)
        b.add("face", transform(cylinder(0.015, 0.05, 0.0, 20), (-np.pi / 2, 0, 0), (0.012, 0.01, 0.0)), metal)
        b.add("claw", box((0.02, 0.06, 0.018), (0.012, -0.04, 0.0)), metal)
        b.group("head", "face", "claw").alias("face", "striking face", "the part that hits nails")
        b.alias("claw", "nail puller")
    else:
        r, ln = rng.uniform(0.025, 0.035), rng.uniform(0.09, 0.12)
        b.add("head", transform(cylinder(r, ln, -ln / 2, 24), (np.pi / 2, 0, 0), (r * 0.6, 0, 0.0)), _pick(rng, WOOD + DARK))
        b.alias("head", "the part that hits", "striking part")
    b.alias("handle", "shaft", *HOLD)
    return b.build("hammer", ground=True, variant=variant)


def make_screwdriver(rng: np.random.Generator) -> ProceduralObject:
    """Screwdriver lying flat along x: "handle", "shaft", "tip" (flat or cross)."""
    variant = _variant(rng, ["flat", "phillips"])
    handle_l, shaft_l = rng.uniform(0.08, 0.11), rng.uniform(0.07, 0.15)
    r = rng.uniform(0.013, 0.018)
    prof = np.array([(0.0, 0.0), (r * 0.8, 0.0), (r, 0.2 * handle_l), (r, 0.85 * handle_l), (r * 0.6, handle_l), (0.0, handle_l)])
    b = PartMesh()
    rot = (0, np.pi / 2, 0)  # z axis -> x axis
    b.add("handle", transform(revolve(prof, 24), rot, (0, 0, r)), _pick(rng, BRIGHT + DARK))
    b.add("shaft", transform(cylinder(0.003, shaft_l, handle_l, 12), rot, (0, 0, r)), _pick(rng, METAL))
    z1 = handle_l + shaft_l
    tip = box((0.006, 0.0015, 0.012), (0, 0, z1 + 0.006)) if variant == "flat" else cylinder(0.003, 0.012, z1, 4, 0.0005)
    b.add("tip", transform(tip, rot, (0, 0, r)), _pick(rng, DARK))
    b.group("metal part", "shaft", "tip").alias("tip", "bit", "the part that turns screws").alias("handle", *HOLD)
    return b.build("screwdriver", ground=True, variant=variant)


# ---------------------------------------------------------------- furniture and home


def make_lamp(rng: np.random.Generator) -> ProceduralObject:
    """Table or floor lamp: "base", "pole", "shade", "bulb" (group "light": shade + bulb)."""
    variant = _variant(rng, ["table lamp", "floor lamp", "drum shade"])
    h = rng.uniform(0.3, 0.5) if variant != "floor lamp" else rng.uniform(1.3, 1.7)
    r_base = rng.uniform(0.07, 0.12) * (1.5 if variant == "floor lamp" else 1.0)
    b = PartMesh()
    b.add("base", cylinder(r_base, 0.025, 0.0, 32, r_base * 0.8), _pick(rng, DARK + METAL))
    b.add("pole", cylinder(0.01, h, 0.025, 12), _pick(rng, METAL))
    rs = rng.uniform(0.1, 0.16) * (1.4 if variant == "floor lamp" else 1.0)
    hs = rs * rng.uniform(0.8, 1.2)
    r_top = rs * (0.95 if variant == "drum shade" else rng.uniform(0.5, 0.7))
    z0 = 0.025 + h - hs * 0.6
    # An open shade: wall only, seen from both sides (the raycaster shades both sides).
    b.add("shade", revolve(np.array([(rs, z0), (r_top, z0 + hs), (r_top - 0.002, z0 + hs), (rs - 0.002, z0)]), 40),
          _pick(rng, PALE + BRIGHT))
    b.add("bulb", ellipsoid((0.03, 0.03, 0.04), (0, 0, 0.025 + h)), (0.98, 0.95, 0.75))
    b.group("light", "shade", "bulb").alias("shade", "lampshade").alias("pole", "stem", "stand").alias("base", "foot")
    b.alias("bulb", "light bulb", "the part that glows")
    return b.build("lamp", ground=True, variant=variant)


def make_chair(rng: np.random.Generator) -> ProceduralObject:
    """Chair: "seat", "back", "leg" (four), maybe "armrest"; group "frame" (legs + armrests)."""
    variant = _variant(rng, ["dining chair", "armchair", "slatted chair"])
    w, d = rng.uniform(0.4, 0.5), rng.uniform(0.4, 0.5)
    seat_h, back_h, t = rng.uniform(0.42, 0.48), rng.uniform(0.35, 0.5), rng.uniform(0.03, 0.05)
    leg = rng.uniform(0.03, 0.045)
    wood, cloth = _pick(rng, WOOD + DARK), _pick(rng, BRIGHT + PALE)
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
    variant = _variant(rng, ["doors", "drawers", "doors and drawers"])
    w, d, h = rng.uniform(0.5, 1.0), rng.uniform(0.35, 0.55), rng.uniform(0.6, 1.1)
    body_c, front_c, metal = _pick(rng, WOOD + PALE), _pick(rng, WOOD + PALE + BRIGHT), _pick(rng, METAL + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h - 0.02), (0, 0, (h - 0.02) / 2)), body_c)
    b.add("top", box((w + 0.02, d + 0.02, 0.02), (0, 0, h - 0.01)), _jitter(rng, body_c))
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


def make_laptop(rng: np.random.Generator) -> ProceduralObject:
    """Open laptop: "base", "keyboard", "touchpad" (group "bottom"), "screen", "lid" (group "display")."""
    variant = _variant(rng, ["laptop", "netbook"])
    w = rng.uniform(0.3, 0.36) if variant == "laptop" else rng.uniform(0.24, 0.28)
    d, t = w * rng.uniform(0.65, 0.72), rng.uniform(0.012, 0.02)
    angle = np.deg2rad(rng.uniform(95, 125))
    shell, dark = _pick(rng, METAL + DARK), _pick(rng, DARK)
    b = PartMesh()
    b.add("base", box((w, d, t), (0, 0, t / 2)), shell)
    b.add("keyboard", box((w * 0.85, d * 0.42, 0.002), (0, d * 0.12, t + 0.001)), dark)
    b.add("touchpad", box((w * 0.3, d * 0.25, 0.001), (0, -d * 0.3, t + 0.0005)), _jitter(rng, shell))
    # Lid hinged at the back edge (y = d/2, z = t), opened by `angle` from closed.
    tilt = (np.pi / 2 - angle, 0, 0)  # 0 = upright; negative tilts the top back, away from the keyboard
    lid = transform(box((w, 0.006, d), (0, 0.003, d / 2)), tilt, (0, d / 2, t))
    screen = transform(box((w * 0.9, 0.002, d * 0.85), (0, -0.001, d / 2)), tilt, (0, d / 2, t))
    b.add("lid", lid, shell).add("screen", screen, (0.05, 0.08, 0.12))
    b.group("display", "screen", "lid").group("bottom", "base", "keyboard", "touchpad")
    b.alias("screen", "monitor", "the part you look at").alias("keyboard", "keys", "the part you type on")
    b.alias("touchpad", "trackpad").alias("lid", "cover", "back of the screen")
    return b.build("laptop", ground=True, variant=variant)


def make_cap(rng: np.random.Generator) -> ProceduralObject:
    """Baseball cap (or beanie-like dome): "crown", "brim" (maybe), "button"."""
    variant = _variant(rng, ["baseball cap", "bucket hat"])
    r, h = rng.uniform(0.085, 0.1), rng.uniform(0.08, 0.11)
    color = _pick(rng, BRIGHT + DARK + PALE)
    dome = _arc((0.0, 0.0), (r, h), 0.0, np.pi / 2, 12)
    inner = _arc((0.0, 0.0), (r - 0.003, h - 0.003), np.pi / 2, 0.0, 12)
    b = PartMesh()
    b.add("crown", revolve(np.vstack([dome, inner]), 40), color)
    if variant == "baseball cap":
        bl = rng.uniform(0.06, 0.08)
        t = np.linspace(-np.pi / 2, np.pi / 2, 15)
        outline = np.column_stack([(r + bl) * np.cos(t), r * 0.95 * np.sin(t)])  # a half ellipse in front
        brim = transform(extrude(outline, 0.003), (0, 0.15, 0))  # tilted down a little
        b.add("brim", brim, _jitter(rng, color, 0.1))
        b.alias("brim", "visor", "peak", "the part that shades the eyes")
    else:
        b.add("brim", revolve(np.array([(r, 0.0), (r * 1.5, -0.02), (r * 1.5, -0.017), (r, 0.003)]), 40), color)
        b.alias("brim", "rim", "the part that shades the face")
    b.add("button", ellipsoid((0.008, 0.008, 0.005), (0, 0, h)), _jitter(rng, color, 0.15))
    b.alias("crown", "top", "dome", "the part on the head").alias("button", "top button")
    return b.build("cap", ground=True, variant=variant)


def make_faucet(rng: np.random.Generator) -> ProceduralObject:
    """Faucet: "base", "spout", and one "lever" or two "knob"s (group "handle")."""
    variant = _variant(rng, ["single lever", "two knobs"])
    h = rng.uniform(0.15, 0.3)
    reach = rng.uniform(0.12, 0.2)
    metal = _pick(rng, METAL)
    b = PartMesh()
    b.add("base", cylinder(0.03, 0.02, 0.0, 24), metal)
    path = np.vstack([[[0, 0, 0.01]], [[0, 0, h * 0.7]],
                      _arch(np.array([0.0, 0, h * 0.7]), np.array([reach, 0, h * 0.7]), np.array([0, 0, h * 0.3]), 12)[1:],
                      [[reach, 0, h * 0.55]]])
    b.add("spout", tube(path, 0.011, 14), metal)
    if variant == "single lever":
        b.add("lever", transform(box((0.08, 0.015, 0.01), (-0.04, 0, 0)), (0, -0.3, 0), (-0.015, 0, h * 0.45)), metal)
        b.group("handle", "lever").alias("lever", "handle", *HOLD)
    else:
        for s in (-1, 1):
            b.add("knob", transform(cylinder(0.018, 0.03, 0.0, 6), translation=(-0.02, s * 0.08, 0.0)), metal)
        b.group("handle", "knob").alias("knob", "tap handle", "valve")
    b.alias("spout", "nozzle", "the part water comes out of").alias("base", "mount")
    return b.build("faucet", ground=True, variant=variant)


def make_guitar(rng: np.random.Generator) -> ProceduralObject:
    """Guitar lying on its back: "body", "sound hole", "bridge", "neck", "headstock", "tuning peg"."""
    variant = _variant(rng, ["acoustic", "electric"])
    L = rng.uniform(0.45, 0.52)  # body length
    w_low, w_up = L * rng.uniform(0.7, 0.8), L * rng.uniform(0.55, 0.65)
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    # Figure-eight outline: a waist between a lower and an upper bout (star-shaped about its centroid).
    x = L / 2 * np.cos(t)
    half_w = np.where(x < 0, w_low, w_up) / 2 * (1 - 0.25 * np.exp(-((x + 0.05 * L) / (0.12 * L)) ** 2))
    outline = np.column_stack([x, half_w * np.sin(t)])
    depth = rng.uniform(0.08, 0.11) if variant == "acoustic" else rng.uniform(0.04, 0.05)
    b = PartMesh()
    b.add("body", extrude(outline, depth), _pick(rng, WOOD + BRIGHT))
    neck_l = rng.uniform(0.42, 0.48)
    b.add("neck", box((neck_l, 0.05, 0.02), (L / 2 + neck_l / 2 - 0.02, 0, depth + 0.005)), _pick(rng, WOOD))
    xh = L / 2 + neck_l - 0.02
    b.add("headstock", box((0.18, 0.08, 0.015), (xh + 0.09, 0, depth + 0.005)), _pick(rng, DARK + WOOD))
    for k in range(3):
        for s in (-1, 1):
            peg = transform(cylinder(0.005, 0.025, 0.0, 8), (-s * np.pi / 2, 0, 0), (xh + 0.04 + 0.045 * k, s * 0.04, depth + 0.005))
            b.add("tuning peg", peg, _pick(rng, METAL))
    if variant == "acoustic":
        b.add("sound hole", cylinder(0.045, 0.001, depth, 32), (0.05, 0.04, 0.03))
        b.alias("sound hole", "hole", "soundhole")
    else:
        b.add("pickup", box((0.07, 0.02, 0.003), (0.05 * L, 0, depth + 0.0015)), (0.1, 0.1, 0.1))
    b.add("bridge", box((0.02, 0.1, 0.006), (-0.25 * L, 0, depth + 0.003)), _pick(rng, DARK))
    b.alias("neck", "fretboard", "the part you hold").alias("headstock", "head").alias("tuning peg", "tuner", "tuning key")
    return b.build("guitar", ground=True, variant=variant)


def make_airplane(rng: np.random.Generator) -> ProceduralObject:
    """Airplane along x: "fuselage", "wing", "horizontal stabilizer", "vertical stabilizer" (group "tail"),
    maybe "engine"s under the wings."""
    variant = _variant(rng, ["airliner", "propeller plane", "glider"])
    L = rng.uniform(1.0, 1.4)
    r = L * rng.uniform(0.045, 0.06)
    s = np.linspace(0, np.pi / 2, 8)
    nose = np.column_stack([r * np.sin(s), r * 1.6 * (1 - np.cos(s))])  # (radius, z): a rounded nose at z = 0
    prof = np.vstack([nose, [[r, L * 0.75]], [[r * 0.35, L]], [[0.0, L]]])
    b = PartMesh()
    body_c = _pick(rng, PALE + METAL)
    b.add("fuselage", transform(revolve(prof, 24), (0, -np.pi / 2, 0), (L / 2, 0, 0)), body_c)  # nose at +x
    span = L * rng.uniform(0.9, 1.2) * (1.4 if variant == "glider" else 1.0)
    chord = L * rng.uniform(0.12, 0.18) * (0.6 if variant == "glider" else 1.0)
    sweep = chord * (1.2 if variant == "airliner" else 0.1)
    wing = np.array([[chord / 2, 0], [chord / 2 - sweep, span / 2], [-chord / 2 - sweep * 0.9, span / 2],
                     [-chord / 2 - sweep * 0.3, 0], [-chord / 2 - sweep * 0.9, -span / 2], [chord / 2 - sweep, -span / 2]])
    b.add("wing", extrude(wing, 0.012), _jitter(rng, body_c))
    xt = -L / 2 + L * 0.05
    tail = np.array([[xt + L * 0.1, 0], [xt, L * 0.18], [xt - 0.05, L * 0.18], [xt - 0.05, -L * 0.18], [xt, -L * 0.18]])
    b.add("horizontal stabilizer", extrude(tail, 0.008), _jitter(rng, body_c))
    fin = transform(extrude(np.array([[xt + L * 0.15, 0], [xt - 0.01, L * 0.2], [xt - 0.06, L * 0.2], [xt - 0.06, 0]]), 0.008),
                    (np.pi / 2, 0, 0), (0, 0.004, 0))
    b.add("vertical stabilizer", fin, _pick(rng, BRIGHT))
    if variant == "airliner":
        for s in (-1, 1):
            eng = transform(cylinder(r * 0.45, L * 0.16, -L * 0.08, 16), (0, np.pi / 2, 0), (chord * 0.2 - sweep * 0.5, s * span * 0.22, -r * 0.55))
            b.add("engine", eng, _pick(rng, METAL))
        b.alias("engine", "jet engine", "turbine")
    elif variant == "propeller plane":
        b.add("propeller", box((0.01, L * 0.3, 0.03), (L / 2 + 0.005, 0, 0)), _pick(rng, DARK))
        b.alias("propeller", "prop")
    b.group("tail", "horizontal stabilizer", "vertical stabilizer").alias("vertical stabilizer", "fin", "rudder")
    b.alias("horizontal stabilizer", "tailplane", "elevator").alias("fuselage", "body", "hull").alias("wing", "wings")
    return b.build("airplane", ground=True, variant=variant)


# ---------------------------------------------------------------- more variants of the original four


def make_travel_mug(rng: np.random.Generator) -> ProceduralObject:
    """Travel mug: tall "body", "lid", "handle" (a D-shaped tube)."""
    h, r = rng.uniform(0.14, 0.18), rng.uniform(0.035, 0.045)
    color = _pick(rng, BRIGHT + METAL)
    b = PartMesh()
    b.add("body", cylinder(r, h, 0.0, 40, r * 1.1), color)
    b.add("lid", cylinder(r * 1.12, 0.02, h, 40, r * 1.05), _pick(rng, DARK))
    path = np.array([[r, 0, h * 0.8], [r + 0.035, 0, h * 0.75], [r + 0.035, 0, h * 0.3], [r, 0, h * 0.25]])
    b.add("handle", tube(path, 0.007, 10), _pick(rng, DARK))
    b.alias("handle", *HOLD).alias("lid", "cover", "top").alias("body", "cup")
    return b.build("mug", ground=True, variant="travel mug")


def make_wine_bottle(rng: np.random.Generator) -> ProceduralObject:
    """Wine bottle: "body", "neck", "cork"/"cap", "label" (a band on the body)."""
    r, h = rng.uniform(0.035, 0.04), rng.uniform(0.18, 0.22)
    glass = _pick(rng, [(0.1, 0.3, 0.15), (0.3, 0.1, 0.1), (0.8, 0.8, 0.85)])
    prof = np.vstack([[(0.0, 0.0), (r, 0.0), (r, h)], _arc((0.013, h), (r - 0.013, 0.05), 0.0, np.pi / 2, 6)[1:],
                      [(0.013, h + 0.13), (0.0, h + 0.13)]])
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body"] + ["body"] * 5 + ["neck", "neck"], {"body": glass, "neck": glass})
    b.add("label", cylinder(r + 0.001, h * 0.4, h * 0.3, 40), _pick(rng, PALE))
    b.add("cap", cylinder(0.015, 0.04, h + 0.1, 20), _pick(rng, BRIGHT + DARK))
    b.alias("cap", "cork", "top", "the part you open").alias("label", "sticker").alias("neck", "bottleneck")
    return b.build("bottle", ground=True, variant="wine bottle")


def make_salad_bowl(rng: np.random.Generator) -> ProceduralObject:
    """Straight-walled bowl with a separate "foot" ring: "body", "rim", "foot"."""
    r, h = rng.uniform(0.08, 0.13), rng.uniform(0.05, 0.08)
    color = _pick(rng, PALE + BRIGHT + WOOD)
    wall = 0.005
    prof = np.array([(0.0, 0.01), (r * 0.5, 0.01), (r, h - 0.006), (r, h), (r - wall, h), (r - wall, h - 0.006),
                     (r * 0.5 - wall, 0.01 + wall), (0.0, 0.01 + wall)])
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body", "rim", "rim", "rim", "body", "body"], {"body": color, "rim": _jitter(rng, color)})
    b.add("foot", cylinder(r * 0.4, 0.012, 0.0, 40), _jitter(rng, color))
    b.alias("rim", "lip", "edge").alias("foot", "base", "stand").alias("body", "basin", "the part that holds food")
    return b.build("bowl", ground=True, variant="salad bowl")


def make_round_table(rng: np.random.Generator) -> ProceduralObject:
    """Pedestal table: round "top", "pedestal" (column) and "base" (group "support")."""
    r, h = rng.uniform(0.4, 0.6), rng.uniform(0.7, 0.76)
    wood = _pick(rng, WOOD + PALE)
    b = PartMesh()
    b.add("top", cylinder(r, 0.03, h - 0.03, 48), wood)
    b.add("pedestal", cylinder(0.04, h - 0.06, 0.03, 20), _jitter(rng, wood))
    b.add("base", cylinder(r * 0.55, 0.03, 0.0, 32, r * 0.45), _jitter(rng, wood))
    b.group("support", "pedestal", "base").alias("top", "tabletop", "surface").alias("pedestal", "column", "leg")
    return b.build("table", ground=True, variant="pedestal table")


BUILDERS.update({
    "kettle": make_kettle, "pan": make_pan, "knife": make_knife, "scissors": make_scissors, "hammer": make_hammer,
    "screwdriver": make_screwdriver, "spatula": make_spatula, "bucket": make_bucket, "lamp": make_lamp,
    "chair": make_chair, "cabinet": make_cabinet, "laptop": make_laptop, "cap": make_cap, "faucet": make_faucet,
    "guitar": make_guitar, "airplane": make_airplane,
})

# Further shape variants of the original four; `sample_object` draws among a category's builders.
VARIANTS: dict[str, list[Builder]] = {
    "mug": [make_travel_mug], "bottle": [make_wine_bottle], "bowl": [make_salad_bowl], "table": [make_round_table],
}


def sample_object(category: str, seed: int) -> ProceduralObject:
    """An object of `category`, its shape variant and proportions drawn from `seed` (all builders count)."""
    if category not in BUILDERS:
        raise ValueError(f"unknown category {category!r}; known categories: {sorted(BUILDERS)}")
    rng = np.random.default_rng(seed)
    builders = [BUILDERS[category]] + VARIANTS.get(category, [])
    return builders[int(rng.integers(len(builders)))](rng)
