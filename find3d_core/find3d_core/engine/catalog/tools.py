"""Hand and power tools: scissors, hammers, screwdrivers, wrenches, pliers, saws, axes, shovels, drills, flashlights,
paintbrushes, brooms.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.catalog.mesh_tools import along_x, ring
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    HOLD,
    METAL,
    WOOD,
    Builder,
    PartMesh,
    ProceduralObject,
    arch,
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


def make_scissors(rng: np.random.Generator) -> ProceduralObject:
    """Scissors lying flat, slightly open: "blade" (two), "handle" (two finger loops), "pivot"."""
    variant = pick_variant(rng, ["office", "kitchen"])
    blade_l = rng.uniform(0.08, 0.12)
    open_a = rng.uniform(0.08, 0.3)
    loop_r = rng.uniform(0.014, 0.02) * (1.2 if variant == "kitchen" else 1.0)
    b = PartMesh()
    metal, plastic = pick(rng, METAL), pick(rng, BRIGHT + DARK)
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
    b.add("pivot", cylinder(0.004, 0.006, 0.0, 12), pick(rng, DARK))
    b.alias("blade", "the part that cuts", "cutting edge").alias("handle", "finger loop", "finger hole", *HOLD)
    b.alias("pivot", "screw", "hinge")
    return b.build("scissors", ground=True, variant=variant)


def make_hammer(rng: np.random.Generator) -> ProceduralObject:
    """Hammer lying flat: "handle"; head as "face" + "claw" (claw hammer) or one "head" (mallet)."""
    variant = pick_variant(rng, ["claw hammer", "mallet"])
    handle_l = rng.uniform(0.25, 0.33)
    b = PartMesh()
    b.add("handle", box((handle_l, 0.028, 0.02), (-handle_l / 2, 0, 0.0)), pick(rng, WOOD + DARK))
    if variant == "claw hammer":
        metal = pick(rng, METAL)
        b.add("face", transform(cylinder(0.015, 0.05, 0.0, 20), (-np.pi / 2, 0, 0), (0.012, 0.01, 0.0)), metal)
        b.add("claw", box((0.02, 0.06, 0.018), (0.012, -0.04, 0.0)), metal)
        b.group("head", "face", "claw").alias("face", "striking face", "the part that hits nails")
        b.alias("claw", "nail puller")
    else:
        r, ln = rng.uniform(0.025, 0.035), rng.uniform(0.09, 0.12)
        b.add("head", transform(cylinder(r, ln, -ln / 2, 24), (np.pi / 2, 0, 0), (r * 0.6, 0, 0.0)), pick(rng, WOOD + DARK))
        b.alias("head", "the part that hits", "striking part")
    b.alias("handle", "shaft", *HOLD)
    return b.build("hammer", ground=True, variant=variant)


def make_screwdriver(rng: np.random.Generator) -> ProceduralObject:
    """Screwdriver lying flat along x: "handle", "shaft", "tip" (flat or cross)."""
    variant = pick_variant(rng, ["flat", "phillips"])
    handle_l, shaft_l = rng.uniform(0.08, 0.11), rng.uniform(0.07, 0.15)
    r = rng.uniform(0.013, 0.018)
    prof = np.array([(0.0, 0.0), (r * 0.8, 0.0), (r, 0.2 * handle_l), (r, 0.85 * handle_l), (r * 0.6, handle_l), (0.0, handle_l)])
    b = PartMesh()
    rot = (0, np.pi / 2, 0)  # z axis -> x axis
    b.add("handle", transform(revolve(prof, 24), rot, (0, 0, r)), pick(rng, BRIGHT + DARK))
    b.add("shaft", transform(cylinder(0.003, shaft_l, handle_l, 12), rot, (0, 0, r)), pick(rng, METAL))
    z1 = handle_l + shaft_l
    tip = box((0.006, 0.0015, 0.012), (0, 0, z1 + 0.006)) if variant == "flat" else cylinder(0.003, 0.012, z1, 4, 0.0005)
    b.add("tip", transform(tip, rot, (0, 0, r)), pick(rng, DARK))
    b.group("metal part", "shaft", "tip").alias("tip", "bit", "the part that turns screws").alias("handle", *HOLD)
    return b.build("screwdriver", ground=True, variant=variant)


def make_wrench(rng: np.random.Generator) -> ProceduralObject:
    """Spanner lying flat: "handle", open "jaw"s, a closed "ring" (combination wrench) or an adjustable wrench's
    movable jaw and "adjusting screw"; the working ends make the group "head"."""
    variant = pick_variant(rng, ["open-end wrench", "combination wrench", "adjustable wrench"])
    length = rng.uniform(0.15, 0.25)
    t, w = rng.uniform(0.005, 0.008), length * rng.uniform(0.08, 0.11)
    metal = pick(rng, METAL)
    b = PartMesh()
    b.add("handle", box((length, w, t), (0, 0, t / 2)), metal if variant != "adjustable wrench" else pick(rng, METAL + BRIGHT))
    gap = w * rng.uniform(0.7, 0.9)

    def jaws(x: float, s: int) -> None:
        """Two prongs at end x (s = +1 or -1: the end's direction) holding a nut of width `gap` between them."""
        b.add("jaw", box((w * 0.5, w * 1.6, t), (x + s * w * 0.2, 0, t / 2)), metal)
        for side in (-1, 1):
            b.add("jaw", box((w * 1.1, (w * 1.9 - gap) / 2, t), (x + s * w * 0.95, side * (gap + (w * 1.9 - gap) / 2) / 2, t / 2)), metal)

    if variant == "open-end wrench":
        jaws(length / 2, 1)
        jaws(-length / 2, -1)
    elif variant == "combination wrench":
        jaws(length / 2, 1)
        b.add("ring", ring(w * 0.6, t / 2, (-length / 2 - w * 0.6, 0, t / 2)), metal)
        b.alias("ring", "box end", "closed end", "the round end")
    else:
        jaws(length / 2, 1)
        b.add("adjusting screw", along_x(cylinder(w * 0.35, w * 0.9, 0.0, 16), (length / 2 - w * 0.4, 0.0, t / 2 + 0.001)), pick(rng, DARK + METAL))
        b.alias("adjusting screw", "worm screw", "knurled wheel", "the part you turn to open the jaw")
    b.group("head", "jaw", "ring", "adjusting screw").alias("head", "working end", "business end")
    b.alias("handle", "shaft", *HOLD).alias("jaw", "open end", "mouth", "the part that grips the nut")
    return b.build("wrench", ground=True, variant=variant)


def make_pliers(rng: np.random.Generator) -> ProceduralObject:
    """Pliers lying flat: two "handle"s (insulated "grip"s on them), two "jaw"s, the "pivot" between them."""
    variant = pick_variant(rng, ["combination pliers", "needle-nose pliers", "cutting pliers"])
    jaw_l = {"combination pliers": 0.045, "needle-nose pliers": 0.07, "cutting pliers": 0.025}[variant] * rng.uniform(0.9, 1.1)
    handle_l = rng.uniform(0.11, 0.14)
    spread = np.deg2rad(rng.uniform(8, 18))
    t, metal, grip_c = 0.009, pick(rng, METAL + DARK), pick(rng, BRIGHT)
    b = PartMesh()
    for k, s in enumerate((-1, 1)):
        a = s * spread / 2
        jaw_w = 0.012 if variant != "needle-nose pliers" else 0.008
        outline = np.array([[0.0, -jaw_w / 2], [jaw_l, -jaw_w * 0.15], [jaw_l, jaw_w * 0.15], [0.0, jaw_w / 2], [-0.012, 0.0]])
        b.add("jaw", transform(extrude(outline, t / 2), (0, 0, -a * 0.3), (0, 0, t / 2 * k)), metal)
        end = np.array([-handle_l * np.cos(a), -handle_l * np.sin(a) * 2.5, t / 2])
        b.add("handle", tube(np.array([[-0.008, 0, t / 2], end * 0.3, end * 0.35]), 0.005, 8), metal)
        b.add("grip", tube(np.array([end * 0.35, end]), np.array([0.0065, 0.0075]), 12), grip_c)
    b.add("pivot", cylinder(0.006, t + 0.002, -0.001, 16), pick(rng, DARK + METAL))
    b.group("arm", "handle", "grip").alias("arm", "handles", "lever")
    b.alias("jaw", "nose", "tip", "the part that grips").alias("handle", "shank", "metal handle", "lever arm")
    b.alias("grip", "insulated grip", "rubber grip", "the part you hold").alias("pivot", "joint", "rivet", "hinge")
    return b.build("pliers", ground=True, variant=variant)


def make_saw(rng: np.random.Generator) -> ProceduralObject:
    """Saw lying flat: hand saw ("blade" tapering to the tip, "teeth" along its edge, closed "handle") or hacksaw
    (thin "blade" and "teeth" held in a "frame", pistol "handle")."""
    variant = pick_variant(rng, ["hand saw", "hacksaw", "pruning saw"])
    b = PartMesh()
    metal, handle_c = pick(rng, METAL), pick(rng, WOOD + BRIGHT + DARK)
    t = 0.0012
    if variant == "hacksaw":
        length, depth = rng.uniform(0.28, 0.32), rng.uniform(0.08, 0.1)
        b.add("blade", box((length, 0.012, t), (length / 2, 0, 0.006)), metal)
        b.add("teeth", box((length, 0.003, t), (length / 2, -0.0075, 0.006)), pick(rng, DARK))
        frame = np.array([[0, 0, 0.006], [0, depth, 0.006], [length, depth, 0.006], [length, 0, 0.006]])
        b.add("frame", tube(frame, 0.006, 10), pick(rng, BRIGHT + DARK))
        b.add("handle", tube(np.array([[0, 0, 0.009], [-0.03, -0.01, 0.009], [-0.06, -0.05, 0.009]]), 0.012, 12), handle_c)
        b.alias("frame", "bow", "the metal arch", "the C-shaped part")
    else:
        length = rng.uniform(0.4, 0.55) if variant == "hand saw" else rng.uniform(0.2, 0.3)
        w0, w1 = (rng.uniform(0.1, 0.13), rng.uniform(0.04, 0.06)) if variant == "hand saw" else (0.04, 0.02)
        outline = np.array([[0.0, 0.0], [length, 0.0], [length, w1], [0.0, w0]])
        b.add("blade", transform(extrude(outline, t), translation=(0, 0.003, 0.008)), metal)
        b.add("teeth", box((length, 0.003, t), (length / 2, 0.0015, 0.008 + t / 2)), pick(rng, DARK + METAL))
        hl = rng.uniform(0.1, 0.13)
        grip = np.array([[0.0, 0.0], [0.0, w0 * 0.9], [-hl, w0 * 0.9 + 0.02], [-hl - 0.01, w0 * 0.2]])
        b.add("handle", extrude(grip, 0.018) if variant == "hand saw" else tube(np.array([[0, w0 / 2, 0.012], [-hl, w0 / 2 - 0.02, 0.012]]), 0.012, 14),
              handle_c)
        if variant == "hand saw":
            b.add("handle", ring(w0 * 0.3, 0.009, (-hl * 0.5, w0 * 0.55, 0.009)), handle_c)
    b.group("cutting part", "blade", "teeth").alias("cutting part", "saw blade", "the part that cuts")
    b.alias("blade", "saw plate", "steel", "the long flat part").alias("teeth", "toothed edge", "cutting edge", "serrations")
    b.alias("handle", *HOLD, "handgrip")
    return b.build("saw", ground=True, variant=variant)


def make_axe(rng: np.random.Generator) -> ProceduralObject:
    """Axe lying flat: long "handle", head of one or two "blade"s (and a "poll" on a single-bit axe) with the "eye"."""
    variant = pick_variant(rng, ["felling axe", "hatchet", "double-bit axe"])
    length = rng.uniform(0.6, 0.9) if variant != "hatchet" else rng.uniform(0.3, 0.4)
    r = 0.016 if variant != "hatchet" else 0.013
    b = PartMesh()
    x = np.linspace(0.0, length, 8)
    handle = np.column_stack([x, 0.01 * np.sin(np.pi * x / length), np.full(8, r)])
    b.add("handle", tube(handle, np.linspace(r * 1.15, r, 8), 12), pick(rng, WOOD))
    metal = pick(rng, METAL + DARK)
    hx, t = length - 0.04, r * 2.0
    b.add("eye", box((0.05, 0.045, t), (hx, 0, r)), metal)
    blade_l = rng.uniform(0.1, 0.14) if variant != "hatchet" else rng.uniform(0.07, 0.09)
    edge = rng.uniform(0.09, 0.14) if variant != "hatchet" else rng.uniform(0.07, 0.09)
    for s in ((1, -1) if variant == "double-bit axe" else (1,)):
        outline = np.array([[-0.02, -0.02], [blade_l, -edge / 2 - 0.01], [blade_l + 0.008, 0.0], [blade_l, edge / 2], [-0.02, 0.02]])
        outline[:, 1] *= s
        blade = transform(extrude(outline, t * 0.7), (0, 0, np.pi / 2 * s), (hx, s * 0.02, r - t * 0.35))
        b.add("blade", blade, metal)
    if variant != "double-bit axe":
        b.add("poll", box((0.04, 0.04, t * 0.95), (hx, -0.04, r)), metal)
        b.alias("poll", "butt", "back of the head", "hammer face")
    b.group("head", "blade", "eye", "poll").alias("head", "axe head", "metal head")
    b.alias("blade", "bit", "cutting edge", "the part that chops").alias("eye", "socket", "collar", "where the handle goes in")
    b.alias("handle", "haft", "shaft", *HOLD)
    return b.build("axe", ground=True, variant=variant)


def make_shovel(rng: np.random.Generator) -> ProceduralObject:
    """Shovel lying flat: "blade" (pointed or square), "collar" (socket), long "shaft", "handle" (D-grip or T-grip)."""
    variant = pick_variant(rng, ["round-point shovel", "spade", "snow shovel"])
    shaft_l = rng.uniform(0.7, 1.0)
    r = 0.017
    b = PartMesh()
    metal = pick(rng, METAL + BRIGHT) if variant == "snow shovel" else pick(rng, METAL + DARK)
    bw = {"round-point shovel": 0.23, "spade": 0.18, "snow shovel": 0.45}[variant] * rng.uniform(0.9, 1.1)
    bl = {"round-point shovel": 0.29, "spade": 0.26, "snow shovel": 0.35}[variant] * rng.uniform(0.9, 1.1)
    tip = 0.08 if variant == "round-point shovel" else 0.0
    outline = np.array([[0.0, -bw * 0.3], [0.06, -bw / 2], [bl - tip, -bw / 2], [bl, 0.0], [bl - tip, bw / 2], [0.06, bw / 2], [0.0, bw * 0.3]])
    b.add("blade", extrude(outline, 0.003), metal)
    if variant == "snow shovel":
        b.add("blade", box((0.004, bw, 0.06), (bl, 0, 0.03)), metal)  # the scoop's back wall
    b.add("collar", along_x(cylinder(r * 1.3, 0.08, 0.0, 16, r * 1.05), (-0.07, 0.0, r * 1.3)), pick(rng, DARK + METAL))
    b.add("shaft", along_x(cylinder(r, shaft_l, 0.0, 16), (-0.07 - shaft_l, 0.0, r * 1.3)), pick(rng, WOOD + BRIGHT))
    x1 = -0.07 - shaft_l
    if variant == "spade":
        b.add("handle", transform(cylinder(0.016, 0.13, -0.065, 16), (np.pi / 2, 0, 0), (x1 - 0.016, 0, r * 1.3)), pick(rng, DARK + WOOD))
        b.alias("handle", "T-grip", "crossbar", "the part you hold")
    else:
        path = arch(np.array([x1, -0.04, r * 1.3]), np.array([x1, 0.04, r * 1.3]), np.array([-0.12, 0, 0]), 16)
        b.add("handle", tube(path, 0.012, 10), pick(rng, DARK + BRIGHT))
        b.alias("handle", "D-grip", "hand grip", "the part you hold")
    b.alias("blade", "scoop", "pan", "the part that digs").alias("collar", "socket", "ferrule", "neck")
    b.alias("shaft", "pole", "haft", "the long stick")
    return b.build("shovel", ground=True, variant=variant)


def make_drill(rng: np.random.Generator) -> ProceduralObject:
    """Power drill standing on its "battery" (cordless) or on its grip (corded, with a "cord"): "body" (motor
    housing), "chuck", drill "bit", "handle", "trigger"."""
    variant = pick_variant(rng, ["cordless drill", "corded drill", "impact driver"])
    cordless = variant != "corded drill"
    color, dark = pick(rng, BRIGHT), pick(rng, DARK)
    b = PartMesh()
    z0 = 0.0
    if cordless:
        bw, bl = rng.uniform(0.07, 0.08), rng.uniform(0.1, 0.12)
        b.add("battery", box((bl, bw, 0.06), (0.01, 0, 0.03)), dark)
        b.alias("battery", "battery pack", "power pack", "the block at the bottom")
        z0 = 0.06
    grip_h = rng.uniform(0.11, 0.13)
    b.add("handle", transform(box((0.045, 0.04, grip_h), (0, 0, grip_h / 2)), (0, -0.2, 0), (0, 0, z0)), color)
    zb = z0 + grip_h + 0.03
    body_l = rng.uniform(0.16, 0.2) if variant != "impact driver" else rng.uniform(0.11, 0.13)
    body_r = rng.uniform(0.033, 0.04)
    b.add("body", along_x(cylinder(body_r, body_l, 0.0, 28, body_r * 0.85), (-0.06, 0.0, zb)), color)
    b.add("trigger", box((0.015, 0.014, 0.03), (0.04, 0, zb - body_r - 0.012)), dark)
    x = -0.06 + body_l
    chuck_l = 0.045 if variant != "impact driver" else 0.03
    b.add("chuck", along_x(cylinder(body_r * 0.6, chuck_l, 0.0, 20, body_r * 0.4), (x, 0.0, zb)), pick(rng, DARK + METAL))
    x += chuck_l
    bit_l = rng.uniform(0.04, 0.08)
    b.add("bit", along_x(cylinder(0.003, bit_l, 0.0, 8, 0.001), (x, 0.0, zb)), pick(rng, METAL))
    if not cordless:
        cord = np.array([[-0.01, 0, z0 + 0.01], [-0.06, 0, z0 + 0.005], [-0.12, 0.03, 0.004], [-0.25, 0.05, 0.004]])
        b.add("cord", tube(cord, 0.004, 8), dark)
        b.alias("cord", "cable", "power cord", "wire")
    b.group("tool head", "chuck", "bit").alias("tool head", "front end", "the drilling end")
    b.alias("body", "housing", "motor housing", "barrel").alias("chuck", "jaws", "bit holder", "collet")
    b.alias("bit", "drill bit", "tip", "the part that drills").alias("handle", "pistol grip", *HOLD)
    b.alias("trigger", "switch", "button", "the part you squeeze")
    return b.build("drill", ground=True, variant=variant)


def make_flashlight(rng: np.random.Generator) -> ProceduralObject:
    """Flashlight lying on its side: "body" (tube), "head" (wider reflector housing), "lens", "switch", "tail cap",
    a penlight's "clip"."""
    variant = pick_variant(rng, ["tube flashlight", "big-head flashlight", "penlight"])
    r = {"tube flashlight": 0.014, "big-head flashlight": 0.018, "penlight": 0.007}[variant] * rng.uniform(0.9, 1.1)
    length = {"tube flashlight": 0.15, "big-head flashlight": 0.2, "penlight": 0.13}[variant] * rng.uniform(0.9, 1.1)
    head_r = r * (2.0 if variant == "big-head flashlight" else 1.2)
    head_l = length * 0.22
    color = pick(rng, DARK + METAL + BRIGHT)
    z = head_r
    b = PartMesh()
    b.add("tail cap", along_x(cylinder(r * 1.05, 0.012, 0.0, 24), (0.0, 0.0, z)), pick(rng, DARK))
    b.add("body", along_x(cylinder(r, length - head_l - 0.012, 0.0, 24), (0.012, 0.0, z)), color)
    xh = length - head_l
    b.add("head", along_x(cylinder(r, head_l, 0.0, 28, head_r), (xh, 0.0, z)), jitter(rng, color, 0.08))
    b.add("lens", along_x(cylinder(head_r * 0.9, 0.002, 0.0, 28), (length, 0.0, z)), (0.9, 0.92, 0.75))
    if variant == "penlight":
        b.add("clip", box((length * 0.35, 0.003, 0.002), (length * 0.25, 0, z + r + 0.002)), pick(rng, METAL))
        b.add("switch", along_x(cylinder(r * 0.6, 0.005, 0.0, 12), (-0.005, 0.0, z)), pick(rng, DARK + BRIGHT))
        b.alias("clip", "pocket clip", "clasp", "the part that clips to a pocket")
    else:
        b.add("switch", box((0.014, 0.009, 0.004), (xh - 0.02, 0, z + r)), pick(rng, DARK + BRIGHT))
    b.alias("body", "barrel", "tube", "the part you hold").alias("head", "bezel", "reflector", "light end")
    b.alias("lens", "glass", "window", "the part the light comes out of").alias("switch", "button", "power button", "on-off switch")
    b.alias("tail cap", "end cap", "back cap", "battery cap")
    return b.build("flashlight", ground=True, variant=variant)


def make_paintbrush(rng: np.random.Generator) -> ProceduralObject:
    """Paintbrush lying flat: "handle", metal "ferrule", "bristles" (flat, round or wide wall brush)."""
    variant = pick_variant(rng, ["flat brush", "round artist brush", "wall brush"])
    b = PartMesh()
    handle_c, hair = pick(rng, WOOD + BRIGHT + DARK), pick(rng, [(0.85, 0.78, 0.6), (0.15, 0.12, 0.1), (0.9, 0.9, 0.88)])
    if variant == "round artist brush":
        r, hl = rng.uniform(0.003, 0.005), rng.uniform(0.14, 0.2)
        prof = np.array([(0.0, 0.0), (r * 0.7, 0.0), (r * 1.3, hl * 0.7), (r, hl), (0.0, hl)])
        b.add("handle", along_x(revolve(prof, 16), (-hl, 0.0, r * 1.3)), handle_c)
        b.add("ferrule", along_x(cylinder(r, 0.02, 0.0, 16, r * 0.85), (0.0, 0.0, r * 1.3)), pick(rng, METAL))
        b.add("bristles", along_x(revolve(np.array([(0.0, 0.0), (r * 0.85, 0.0), (r, 0.006), (0.0, 0.025)]), 16), (0.02, 0.0, r * 1.3)), hair)
    else:
        w = rng.uniform(0.025, 0.05) if variant == "flat brush" else rng.uniform(0.07, 0.1)
        t = w * 0.25
        hl = rng.uniform(0.12, 0.16)
        grip = np.array([[0.0, -w * 0.3], [-hl * 0.7, -w * 0.22], [-hl, -w * 0.3], [-hl - 0.01, 0.0], [-hl, w * 0.3], [-hl * 0.7, w * 0.22], [0.0, w * 0.3]])
        b.add("handle", transform(extrude(grip, t * 0.8), translation=(0, 0, t * 0.1)), handle_c)
        b.add("ferrule", box((0.025, w, t), (0.012, 0, t / 2)), pick(rng, METAL))
        bl = rng.uniform(0.04, 0.06) if variant == "flat brush" else rng.uniform(0.06, 0.08)
        b.add("bristles", box((bl, w * 0.96, t * 0.8), (0.025 + bl / 2, 0, t / 2)), hair)
    b.alias("handle", "stick", *HOLD).alias("ferrule", "metal band", "collar", "the metal part")
    b.alias("bristles", "hair", "brush head", "the part that paints")
    return b.build("paintbrush", ground=True, variant=variant)


def make_broom(rng: np.random.Generator) -> ProceduralObject:
    """Broom lying flat: long "handle", "head" (block) holding the "bristles"; a corn broom's flat fan of bristles
    is tied with a "binding" instead of a block head."""
    variant = pick_variant(rng, ["push broom", "corn broom", "hand brush"])
    length = {"push broom": 1.3, "corn broom": 1.1, "hand brush": 0.14}[variant] * rng.uniform(0.9, 1.05)
    r = 0.013 if variant != "hand brush" else 0.01
    b = PartMesh()
    handle_c, hair = pick(rng, WOOD + BRIGHT + METAL), pick(rng, [(0.8, 0.65, 0.35), (0.15, 0.12, 0.1), (0.85, 0.2, 0.15)])
    if variant == "corn broom":
        w, bl = rng.uniform(0.25, 0.32), rng.uniform(0.3, 0.38)
        fan = np.array([[0.0, -0.04], [bl, -w / 2], [bl, w / 2], [0.0, 0.04]])
        b.add("bristles", extrude(fan, 0.03), hair)
        for k in range(3):
            b.add("binding", box((0.01, 0.08 + 0.02 * k, 0.034), (0.03 + 0.04 * k, 0, 0.015)), pick(rng, BRIGHT + DARK))
        b.add("handle", along_x(cylinder(r, length, 0.0, 16), (-length + 0.03, 0.0, 0.015)), handle_c)
        b.alias("binding", "stitching", "wire band", "the bands that hold the straw")
    else:
        w = rng.uniform(0.35, 0.6) if variant == "push broom" else rng.uniform(0.2, 0.26)
        hd, ht = (0.06, 0.04) if variant == "push broom" else (0.04, 0.025)
        bh = rng.uniform(0.06, 0.08) if variant == "push broom" else 0.025
        b.add("bristles", box((hd * 0.85, w * 0.97, bh), (0, 0, bh / 2)), hair)
        b.add("head", box((hd, w, ht), (0, 0, bh + ht / 2)), pick(rng, WOOD + BRIGHT + DARK))
        if variant == "push broom":
            path = np.array([[0.0, 0, bh + ht], [-length * 0.6, 0, bh + ht + length * 0.6 * np.tan(np.deg2rad(35))]])
            path = np.linspace(path[0], path[1], 2)
            b.add("handle", tube(path, r, 12), handle_c)
        else:
            b.add("handle", along_x(cylinder(r, length, 0.0, 12), (hd / 2, 0.0, bh + ht / 2)), handle_c)
        b.alias("head", "block", "brush head", "the part that holds the bristles")
    b.alias("handle", "stick", "pole", *HOLD).alias("bristles", "brush", "straw", "the part that sweeps")
    return b.build("broom", ground=True, variant=variant)


def make_heavy_hammer(rng: np.random.Generator) -> ProceduralObject:
    """Hammer lying flat: ball-peen ("handle", head with a flat "face" and a round "peen") or sledgehammer (long
    "handle", double-faced "head")."""
    variant = pick_variant(rng, ["ball-peen hammer", "sledgehammer"])
    b = PartMesh()
    metal = pick(rng, METAL + DARK)
    if variant == "ball-peen hammer":
        hl, r = rng.uniform(0.28, 0.34), rng.uniform(0.013, 0.016)
        b.add("handle", along_x(cylinder(r, hl, 0.0, 16, r * 0.85), (-hl, 0.0, 0.016)), pick(rng, WOOD + DARK))
        face = transform(cylinder(0.016, 0.06, 0.0, 20), (-np.pi / 2, 0, 0), (0.012, -0.02, 0.016))  # along +y
        b.add("face", face, metal)
        b.add("peen", ellipsoid((0.015, 0.02, 0.015), (0.012, -0.025, 0.016), 12), metal)
        b.group("head", "face", "peen").alias("peen", "ball", "round end", "the rounded end of the head")
        b.alias("face", "striking face", "flat face", "the part that hits")
    else:
        hl, hw = rng.uniform(0.7, 0.9), rng.uniform(0.18, 0.24)
        b.add("handle", along_x(cylinder(0.018, hl, 0.0, 16), (-hl, 0.0, 0.045)), pick(rng, WOOD + BRIGHT))
        b.add("head", box((0.09, hw, 0.09), (0.02, 0, 0.045)), metal)
        b.alias("head", "sledge head", "the heavy part", "the part that hits")
    b.alias("handle", "shaft", *HOLD)
    return b.build("hammer", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "scissors": [make_scissors],
    "hammer": [make_hammer, make_heavy_hammer],
    "screwdriver": [make_screwdriver],
    "wrench": [make_wrench],
    "pliers": [make_pliers],
    "saw": [make_saw],
    "axe": [make_axe],
    "shovel": [make_shovel],
    "drill": [make_drill],
    "flashlight": [make_flashlight],
    "paintbrush": [make_paintbrush],
    "broom": [make_broom],
}
