"""Musical instruments (violins, drums, pianos) and desk objects with a dial or a sphere (clocks, globes).

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.catalog.mesh_tools import (
    facing_front,
    ring,
    rod,
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


def _violin_outline(L: float, w: float) -> np.ndarray:
    """A violin-family body outline along x: upper and lower bouts with C-bout waists (star-shaped about 0)."""
    t = np.linspace(0, 2 * np.pi, 56, endpoint=False)
    x = L / 2 * np.cos(t)
    bout = np.where(x < 0, 1.0, 0.82)  # the lower bout (-x, at the tailpiece) is the wider one
    waist = 1 - 0.32 * np.exp(-((x + 0.02 * L) / (0.1 * L)) ** 2)
    return np.column_stack([x, w / 2 * bout * waist * np.sin(t)])


def make_violin(rng: np.random.Generator) -> ProceduralObject:
    """Violin family: "body", "neck", "fingerboard", "scroll", "tuning peg"s (group "head"), "string"s, "bridge",
    "tailpiece", "chin rest" or an "endpin" (cello, standing)."""
    variant = pick_variant(rng, ["violin", "viola", "cello"])
    L = {"violin": 0.355, "viola": 0.41, "cello": 0.76}[variant] * rng.uniform(0.97, 1.03)
    w, depth = L * 0.58, L * (0.1 if variant != "cello" else 0.16)
    wood = pick(rng, WOOD)
    b = PartMesh()

    def put(name: str, mesh, color) -> None:
        if variant == "cello":  # built lying like a violin, then stood on its endpin, neck up, front to -y
            transform(mesh, (0.0, -np.pi / 2, 0.0))
            transform(mesh, (0.0, 0.0, np.pi / 2))
        b.add(name, mesh, color)

    put("body", extrude(_violin_outline(L, w), depth), wood)
    neck_l = L * 0.37
    x_neck = L / 2 + neck_l / 2
    put("neck", box((neck_l, L * 0.07, depth * 0.3), (x_neck, 0, depth * 0.85)), jitter(rng, wood))
    fb_l = L * 0.75
    put("fingerboard", box((fb_l, L * 0.09, 0.006), (L / 2 + neck_l - fb_l / 2, 0, depth + 0.02)), DARK[0])
    xs = L / 2 + neck_l
    put("pegbox", box((L * 0.2, L * 0.06, L * 0.07), (xs + L * 0.1, 0, depth * 0.85)), jitter(rng, wood))
    put("scroll", ring(L * 0.035, L * 0.018, (xs + L * 0.23, 0, depth * 0.85 + L * 0.02), "y", 20), jitter(rng, wood))
    for k in range(2):
        for s in (-1, 1):
            peg = rod((xs + L * (0.05 + 0.07 * k), s * L * 0.03, depth * 0.85), (xs + L * (0.05 + 0.07 * k), s * L * 0.1, depth * 0.85), L * 0.008, 8)
            put("tuning peg", peg, DARK[1])
    xb, xt = -L * 0.1, -L * 0.42
    put("bridge", box((0.004, L * 0.12, L * 0.08), (xb, 0, depth + L * 0.04)), PALE[1])
    put("tailpiece", box((L * 0.3, L * 0.1, 0.006), (xt + L * 0.15, 0, depth + 0.008)), DARK[0])
    for k in range(4):
        y = (k - 1.5) * L * 0.016
        put("string", tube(np.array([[xt + L * 0.3, y, depth + 0.012], [xb, y, depth + L * 0.08], [xs, y, depth + 0.03]]), 0.0006, 4), METAL[0])
    if variant == "cello":
        put("endpin", rod((-L / 2, 0, depth / 2), (-L / 2 - L * 0.3, 0, depth / 2), 0.006, 8), METAL[1])
        b.alias("endpin", "spike", "end pin", "the part it stands on")
    else:
        put("chin rest", ellipsoid((L * 0.08, L * 0.12, 0.012), (-L * 0.4, L * 0.1, depth + 0.01), 10), DARK[0])
        b.alias("chin rest", "chinrest", "the part under the chin")
    b.group("head", "pegbox", "scroll", "tuning peg").alias("head", "headstock", "top of the neck")
    b.alias("body", "sound box", "resonating body").alias("neck", "the part you hold", "handle")
    b.alias("fingerboard", "fretboard", "the part you press the strings on").alias("scroll", "volute", "the curl")
    b.alias("pegbox", "peg box", "peghead").alias("tuning peg", "peg", "tuner").alias("string", "strings", "gut string")
    b.alias("bridge", "violin bridge", "the part holding the strings up").alias("tailpiece", "tail piece", "string holder")
    return b.build("violin", ground=True, variant=variant)


def make_drum(rng: np.random.Generator) -> ProceduralObject:
    """Drum: a hollow "shell" with a "drumhead" (top skin), "rim"s (hoops), "lug"s; a snare on a "stand", a bass
    drum on its side with "leg"s, or a goblet-shaped hand drum."""
    variant = pick_variant(rng, ["snare drum on stand", "bass drum", "hand drum"])
    shell_c, metal = pick(rng, BRIGHT + WOOD + DARK + PALE), pick(rng, METAL)
    skin = (0.93, 0.92, 0.88)
    b = PartMesh()
    if variant == "hand drum":
        r, h = rng.uniform(0.14, 0.18), rng.uniform(0.55, 0.65)
        prof = np.array([(r * 0.7, 0.0), (r * 0.75, h * 0.05), (r * 0.4, h * 0.4), (r * 0.45, h * 0.55), (r * 0.95, h * 0.85),
                         (r, h), (r * 0.94, h), (r * 0.89, h * 0.85), (r * 0.4, h * 0.55), (r * 0.34, h * 0.4), (r * 0.69, h * 0.05), (r * 0.64, 0.0)])
        b.add("shell", revolve(prof, 36), pick(rng, WOOD))
        b.add("drumhead", cylinder(r * 0.99, 0.003, h, 36), skin)
        b.add("rim", ring(r, 0.008, (0, 0, h - 0.005), "z", 36), DARK[1])
        for k in range(12):  # tuning ropes down the sides
            a = 2 * np.pi * k / 12
            b.add("rope", rod((r * np.cos(a), r * np.sin(a), h - 0.01), (r * 0.45 * np.cos(a), r * 0.45 * np.sin(a), h * 0.5), 0.003, 4), PALE[1])
        b.alias("rope", "ropes", "tuning rope", "cord").alias("shell", "body", "goblet", "wooden body")
    else:
        r = rng.uniform(0.17, 0.19) if variant == "snare drum on stand" else rng.uniform(0.25, 0.3)
        h = rng.uniform(0.12, 0.16) if variant == "snare drum on stand" else rng.uniform(0.35, 0.45)
        lugs = 8 if variant == "snare drum on stand" else 10
        wall = 0.006
        shell = revolve(np.array([(r - wall, 0.0), (r, 0.0), (r, h), (r - wall, h)]), 40)
        pieces = [("shell", shell, shell_c), ("drumhead", cylinder(r - 0.002, 0.002, h, 40), skin),
                  ("drumhead", cylinder(r - 0.002, 0.002, -0.002, 40), skin),
                  ("rim", ring(r + 0.004, 0.006, (0, 0, h), "z", 40), metal), ("rim", ring(r + 0.004, 0.006, (0, 0, 0), "z", 40), metal)]
        for k in range(lugs):
            a = 2 * np.pi * k / lugs
            pieces.append(("lug", box((0.015, 0.015, h * 0.35), (0, 0, h / 2)).translate(((r + 0.007) * np.cos(a), (r + 0.007) * np.sin(a), 0)), metal))
        if variant == "bass drum":  # on its side, heads facing +-y, legs splayed at the front
            for name, mesh, color in pieces:
                b.add(name, transform(mesh, (np.pi / 2, 0, 0), (0, h / 2, r + 0.02)), color)
            for s in (-1, 1):
                b.add("leg", rod((s * r * 0.8, -h * 0.3, r * 0.7), (s * (r + 0.12), -h * 0.6, 0.0), 0.008, 8), metal)
            b.add("pedal", box((0.09, 0.25, 0.03), (0, -h / 2 - 0.15, 0.015)), DARK[1])
            b.alias("leg", "spur", "legs", "the part it rests on").alias("pedal", "kick pedal", "foot pedal")
        else:
            zs = rng.uniform(0.5, 0.6)
            for name, mesh, color in pieces:
                b.add(name, mesh.translate((0, 0, zs)), color)
            b.add("stand", rod((0, 0, zs - 0.02), (0, 0, 0.15), 0.012, 8), metal)
            for k in range(3):
                a = 2 * np.pi * k / 3
                b.add("stand", rod((0, 0, 0.2), (0.28 * np.cos(a), 0.28 * np.sin(a), 0.0), 0.01, 6), metal)
                b.add("stand", rod((0, 0, zs - 0.03), (r * 0.8 * np.cos(a + 1), r * 0.8 * np.sin(a + 1), zs - 0.01), 0.006, 6), metal)
            b.alias("stand", "snare stand", "tripod", "legs")
        b.alias("shell", "drum body", "body", "the cylinder").alias("lug", "lugs", "tension rod", "tuning lug")
    b.alias("drumhead", "head", "skin", "the part you hit").alias("rim", "hoop", "counter hoop", "edge")
    return b.build("drum", ground=True, variant=variant)


def make_piano(rng: np.random.Generator) -> ProceduralObject:
    """Piano or keyboard instrument: "white key"s and "black key"s (group "keys"), a "body" (case), "lid",
    "music stand", "leg"s or a "stand", "pedal"s."""
    variant = pick_variant(rng, ["upright piano", "grand piano", "digital keyboard"])
    n_oct = {"upright piano": 7, "grand piano": 7, "digital keyboard": int(rng.integers(4, 6))}[variant]
    kw = 0.0235
    kb_w = n_oct * 7 * kw
    case_c = pick(rng, DARK + WOOD) if variant != "digital keyboard" else pick(rng, DARK + PALE)
    b = PartMesh()
    z_keys = {"upright piano": 0.72, "grand piano": 0.72, "digital keyboard": rng.uniform(0.75, 0.85)}[variant]
    key_l = 0.15 if variant != "digital keyboard" else 0.13
    y_front = -0.3 if variant == "upright piano" else 0.0
    x0 = -kb_w / 2 + kw / 2
    for i in range(n_oct * 7):
        b.add("white key", box((kw - 0.001, key_l, 0.02), (x0 + i * kw, y_front + key_l / 2, z_keys)), PALE[0])
        if i % 7 in (0, 1, 3, 4, 5):  # C#, D#, F#, G#, A# sit after C, D, F, G, A
            b.add("black key", box((kw * 0.55, key_l * 0.62, 0.02), (x0 + (i + 0.5) * kw, y_front + key_l * 0.69, z_keys + 0.012)), DARK[0])
    W = kb_w + 0.12
    if variant == "upright piano":
        H, D = rng.uniform(1.1, 1.3), rng.uniform(0.55, 0.65)
        b.add("body", box((W, 0.3, H), (0, y_front + key_l + 0.15, H / 2)), case_c)
        b.add("body", box((W, D - 0.3 - key_l, z_keys - 0.01), (0, y_front + (D - 0.3 - key_l) / 2, (z_keys - 0.01) / 2)), case_c)
        b.add("lid", box((W, 0.3, 0.02), (0, y_front + key_l + 0.15, H + 0.01)), jitter(rng, case_c))
        b.add("music stand", transform(box((kb_w * 0.6, 0.02, 0.25), (0, 0, 0.125)), (-0.2, 0, 0), (0, y_front + key_l + 0.01, z_keys + 0.12)), jitter(rng, case_c))
        for s in (-1, 1):
            b.add("leg", box((0.06, 0.06, z_keys - 0.05), (s * (W / 2 - 0.05), y_front + 0.03, (z_keys - 0.05) / 2)), case_c)
    elif variant == "grand piano":
        L = rng.uniform(1.5, 2.2)
        t = np.linspace(0, np.pi, 14)
        # The wing shape: straight bass side, curved treble side (star-shaped about its centroid).
        outline = np.vstack([[[-W / 2, 0.0], [W / 2, 0.0]],
                             np.column_stack([W / 2 - W * 0.35 * (1 - np.cos(t / 2)) + 0.0 * t, L * 0.45 * np.sin(t / 2) + 0.01]),
                             [[W * 0.1, L], [-W / 2, L]]])
        case_h = 0.3
        body = extrude(outline, case_h).translate((0, key_l, z_keys - 0.12))
        b.add("body", body, case_c)
        b.add("body", box((W, key_l, 0.1), (0, key_l / 2, z_keys - 0.06)), case_c)
        # The lid is hinged along the straight bass side (x = -W/2) and propped open on the curved side.
        lid = extrude(outline, 0.02).translate((W / 2, 0, 0))
        z_top, opening = z_keys - 0.12 + case_h, 0.45
        b.add("lid", transform(lid, (0, -opening, 0), (-W / 2, key_l, z_top)), jitter(rng, case_c))
        x_prop = W * 0.75
        b.add("lid prop", rod((x_prop - W / 2, key_l + L * 0.35, z_top), (-W / 2 + x_prop * np.cos(opening), key_l + L * 0.35, z_top + x_prop * np.sin(opening)), 0.01, 6), METAL[1])
        b.add("music stand", transform(box((kb_w * 0.5, 0.02, 0.25), (0, 0, 0.125)), (-0.25, 0, 0), (0, key_l + 0.05, z_keys + 0.18)), jitter(rng, case_c))
        for (x, y) in ((-W / 2 + 0.08, key_l + 0.05), (W / 2 - 0.08, key_l + 0.05), (-W / 2 + 0.15, key_l + L - 0.15)):
            b.add("leg", cylinder(0.05, z_keys - 0.12, 0.0, 12, 0.06).translate((x, y, 0)), case_c)
        b.alias("lid prop", "prop stick", "lid stick")
    else:
        b.add("body", box((W, key_l + 0.16, 0.08), (0, key_l / 2 + 0.02, z_keys - 0.03)), case_c)
        b.add("control panel", box((W * 0.6, 0.1, 0.004), (0, key_l + 0.05, z_keys + 0.012)), DARK[1])
        for s in (-1, 1):
            b.add("stand", rod((s * W * 0.3, -0.15, 0.0), (s * W * 0.3, 0.35, z_keys - 0.08), 0.015, 8), METAL[1])
            b.add("stand", rod((s * W * 0.3, 0.35, 0.0), (s * W * 0.3, -0.15, z_keys - 0.08), 0.015, 8), METAL[1])
        b.alias("stand", "x-stand", "keyboard stand", "legs").alias("control panel", "buttons", "controls")
    if variant != "digital keyboard":
        for k in range(3):
            b.add("pedal", box((0.035, 0.08, 0.015), ((k - 1) * 0.07, y_front + key_l * 0.5 + (0.1 if variant == "upright piano" else 0.2), 0.05)), METAL[2])
        b.alias("pedal", "pedals", "foot pedal", "sustain pedal")
        b.alias("leg", "legs", "piano leg").alias("lid", "top lid", "cover").alias("music stand", "music rest", "sheet holder")
    b.group("keys", "white key", "black key").alias("keys", "keyboard", "the part you play")
    b.alias("white key", "white keys", "natural key").alias("black key", "black keys", "sharp key")
    b.alias("body", "case", "cabinet", "piano body")
    return b.build("piano", ground=True, variant=variant)


def make_clock(rng: np.random.Generator) -> ProceduralObject:
    """Clock facing -y: "face" (dial) with "marker"s, "hour hand", "minute hand", maybe "second hand" (group
    "hands"), "frame" (case); a desk clock has a "base", an alarm clock "bell"s and "leg"s."""
    variant = pick_variant(rng, ["desk clock", "alarm clock", "square clock"])
    r = rng.uniform(0.1, 0.16) if variant != "alarm clock" else rng.uniform(0.06, 0.08)
    case_c = pick(rng, WOOD + METAL + BRIGHT + DARK)
    b = PartMesh()
    zc = r + (0.04 if variant == "desk clock" else 0.035 if variant == "alarm clock" else 0.0)
    d = 0.04 if variant != "alarm clock" else 0.05
    if variant == "square clock":
        b.add("frame", box((2 * r + 0.03, d, 2 * r + 0.03), (0, 0, zc + 0.015)), case_c)
        zc += 0.015
        b.add("face", box((2 * r - 0.01, 0.002, 2 * r - 0.01), (0, -d / 2 - 0.001, zc)), PALE[0])
    else:
        b.add("frame", facing_front(cylinder(r + 0.012, d, -d / 2, 40), (0, 0, zc)), case_c)
        b.add("face", facing_front(cylinder(r, 0.002, d / 2, 40), (0, 0, zc)), PALE[0])
    for k in range(12):
        a = 2 * np.pi * k / 12
        m = box((0.004 if k % 3 else 0.007, 0.002, r * (0.12 if k % 3 else 0.2)), (0, 0, 0))
        b.add("marker", transform(m, (0, a, 0), (r * 0.82 * np.sin(a), -d / 2 - 0.003, zc + r * 0.82 * np.cos(a))), DARK[0])
    hour, minute = rng.uniform(0, 2 * np.pi, 2)
    for name, length, width, a, dy in (("hour hand", 0.5, 0.008, hour, 0.004), ("minute hand", 0.75, 0.005, minute, 0.006)):
        hand = box((width, 0.002, r * length), (0, 0, r * length / 2 - 0.01))
        b.add(name, transform(hand, (0, a, 0), (0, -d / 2 - dy, zc)), DARK[0])
    if rng.random() < 0.6:
        sec = box((0.0015, 0.002, r * 0.85), (0, 0, r * 0.85 / 2 - 0.02))
        b.add("second hand", transform(sec, (0, rng.uniform(0, 2 * np.pi), 0), (0, -d / 2 - 0.008, zc)), (0.8, 0.1, 0.1))
        b.alias("second hand", "seconds hand", "the thin red hand")
    b.add("pin", facing_front(cylinder(0.006, 0.01, d / 2, 12), (0, 0, zc)), DARK[0])
    if variant == "desk clock":
        b.add("base", box((r * 1.6, d * 2.2, 0.04), (0, 0, 0.02)), jitter(rng, case_c))
        b.alias("base", "stand", "foot")
    elif variant == "alarm clock":
        for s in (-1, 1):
            b.add("bell", transform(revolve(np.array([(0.0, 0.0), (r * 0.45, 0.0), (r * 0.5, r * 0.25), (r * 0.3, r * 0.4), (0.0, r * 0.42)]), 24),
                                    (0, s * 0.5, 0), (s * r * 0.6, 0, zc + r * 0.8)), METAL[0])
            b.add("leg", rod((s * r * 0.5, 0, zc - r * 0.8), (s * r * 0.75, 0, 0.0), 0.005, 6), METAL[1])
        b.add("handle", tube(arch(np.array([-r * 0.3, 0, zc + r + 0.01]), np.array([r * 0.3, 0, zc + r + 0.01]), np.array([0, 0, r * 0.3]), 10), 0.004), METAL[1])
        b.alias("bell", "bells", "alarm bell").alias("leg", "legs", "feet").alias("handle", "carry handle", "the part you hold")
    b.group("hands", "hour hand", "minute hand", "second hand").alias("hands", "clock hands", "the parts that show the time")
    b.alias("face", "dial", "clock face", "the part with the numbers").alias("frame", "case", "bezel", "housing")
    b.alias("hour hand", "short hand", "small hand").alias("minute hand", "long hand", "big hand")
    b.alias("marker", "hour markers", "numbers", "ticks").alias("pin", "center pin", "hub")
    return b.build("clock", ground=True, variant=variant)


def make_globe(rng: np.random.Generator) -> ProceduralObject:
    """Globe: the "sphere" on a tilted "axis", held by a "meridian" (half or full ring), a "stand" and a "base"."""
    variant = pick_variant(rng, ["desk globe", "full meridian globe", "floor globe"])
    R = rng.uniform(0.1, 0.16) if variant != "floor globe" else rng.uniform(0.22, 0.3)
    wood, metal = pick(rng, WOOD + DARK), pick(rng, METAL + WOOD)
    b = PartMesh()
    zc = {"desk globe": R + 0.12, "full meridian globe": R + 0.1, "floor globe": R + 0.65}[variant]
    tilt = np.deg2rad(23.4)
    sphere = ellipsoid((R, R, R), (0, 0, 0), 20)
    b.add("sphere", transform(sphere, (0, tilt, 0), (0, 0, zc)), pick(rng, [(0.25, 0.45, 0.75), (0.8, 0.7, 0.5), (0.2, 0.3, 0.5)]))
    axis = np.array([np.sin(tilt), 0.0, np.cos(tilt)])
    c = np.array([0, 0, zc])
    b.add("axis", rod(tuple(c - axis * (R + 0.025)), tuple(c + axis * (R + 0.025)), 0.004, 6), METAL[0])
    # The meridian circles the sphere in the plane of the axis: a half ring from pole to pole on the far side
    # (desk globe), or a full ring.
    t = np.linspace(0, np.pi, 40) if variant == "desk globe" else np.linspace(0, 2 * np.pi, 73)[:-1]
    perp = np.array([np.cos(tilt), 0.0, -np.sin(tilt)])
    path = c + (R + 0.02) * (np.cos(t)[:, None] * (-axis) + np.sin(t)[:, None] * (-perp))
    b.add("meridian", tube(path, 0.006, 8), metal)
    if variant == "floor globe":
        b.add("horizon ring", ring(R + 0.05, 0.015, tuple(c), "z", 48), wood)
        for k in range(3):
            a = 2 * np.pi * k / 3
            b.add("leg", tube(np.array([[(R + 0.05) * np.cos(a), (R + 0.05) * np.sin(a), zc], [(R + 0.12) * np.cos(a), (R + 0.12) * np.sin(a), zc * 0.5],
                                        [(R + 0.1) * np.cos(a), (R + 0.1) * np.sin(a), 0.0]]), 0.02, 8), wood)
        b.alias("horizon ring", "horizon", "ring", "wooden ring").alias("leg", "legs", "stand legs", "tripod")
    else:
        z_low = zc - R - 0.03
        b.add("stand", rod((0, 0, 0.02), (0, 0, z_low), 0.012, 10), metal)
        b.add("base", cylinder(R * 0.75, 0.025, 0.0, 32, R * 0.65), wood)
        b.alias("stand", "pedestal", "column", "post").alias("base", "foot", "the part on the desk")
        b.group("support", "stand", "base", "meridian")
    b.alias("sphere", "ball", "globe", "the map of the earth").alias("axis", "spindle", "rod")
    b.alias("meridian", "meridian ring", "half ring", "arc")
    return b.build("globe", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "violin": [make_violin],
    "drum": [make_drum],
    "piano": [make_piano],
    "clock": [make_clock],
    "globe": [make_globe],
}
