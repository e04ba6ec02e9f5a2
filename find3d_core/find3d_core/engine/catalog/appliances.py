"""Household appliances: microwaves, refrigerators, toasters, washing machines, ovens, dishwashers, coffee machines,
fans, blenders, hair dryers, vacuum cleaners.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
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

GLASS = (0.08, 0.1, 0.12)
WHITE_GOODS = PALE + METAL


def _bar_handle(length: float, at: tuple[float, float, float], vertical: bool, standoff: float = 0.035,
                radius: float = 0.009) -> np.ndarray:
    """Path of a bar handle on a front (-y) face: two standoffs and a grip bar between them, centred at `at`."""
    x, y, z = at
    e = np.array([0.0, 0.0, length / 2]) if vertical else np.array([length / 2, 0.0, 0.0])
    c = np.array([x, y, z])
    out = np.array([0.0, -standoff, 0.0])
    return np.array([c - e, c - e + out * 0.8, c - e * 0.92 + out, c + e * 0.92 + out, c + e + out * 0.8, c + e]) + np.array([0, radius, 0])


def make_microwave(rng: np.random.Generator) -> ProceduralObject:
    """Microwave oven: "body", "door" with a "window", "handle" (or a push "button"), "control panel" with
    "button"s and a "knob"."""
    variant = pick_variant(rng, ["handle and buttons", "push button door", "knob controls"])
    w, d, h = rng.uniform(0.45, 0.55), rng.uniform(0.33, 0.42), rng.uniform(0.26, 0.32)
    shell = pick(rng, WHITE_GOODS + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y = -d / 2 - 0.01
    pw = w * rng.uniform(0.22, 0.28)  # control panel on the right
    dw = w - pw - 0.01
    b.add("door", box((dw, 0.02, h - 0.02), (-w / 2 + dw / 2, y, h / 2)), jitter(rng, shell, 0.04))
    b.add("window", box((dw * 0.7, 0.002, h * 0.6), (-w / 2 + dw * 0.42, y - 0.011, h / 2)), GLASS)
    b.add("control panel", box((pw - 0.01, 0.02, h - 0.02), (w / 2 - pw / 2, y, h / 2)), pick(rng, DARK + METAL))
    xc = w / 2 - pw / 2
    if variant == "knob controls":
        for k in range(2):
            b.add("knob", facing_front(cylinder(0.022, 0.02, 0.0, 20), (xc, y - 0.01, h * (0.65 - 0.3 * k))), pick(rng, PALE + METAL))
        b.alias("knob", "dial", "timer knob", "the part you turn")
    else:
        for j in range(4):
            for i in range(2):
                b.add("button", box((pw * 0.3, 0.006, 0.02), (xc + (i - 0.5) * pw * 0.4, y - 0.013, h * (0.7 - 0.1 * j))), pick(rng, PALE))
        b.alias("button", "keypad", "buttons", "the part you press")
    if variant == "push button door":
        b.add("door button", box((pw * 0.6, 0.008, 0.03), (xc, y - 0.014, h * 0.2)), pick(rng, PALE))
        b.alias("door button", "door release", "open button")
    else:
        b.add("handle", tube(_bar_handle(h * 0.6, (-w / 2 + dw - 0.04, y - 0.01, h / 2), True, 0.025, 0.007), 0.007), pick(rng, METAL + DARK))
        b.alias("handle", "door handle", *("grip", "the part you pull"))
    b.group("front", "door", "window", "handle").alias("door", "oven door", "front door")
    b.alias("window", "glass", "viewing window").alias("control panel", "controls", "panel")
    b.alias("body", "housing", "cabinet", "case")
    return b.build("microwave", ground=True, variant=variant)


def make_refrigerator(rng: np.random.Generator) -> ProceduralObject:
    """Refrigerator: "body", "door"s (fridge and freezer: group "doors"), bar "handle"s, maybe a "dispenser"."""
    variant = pick_variant(rng, ["top freezer", "bottom freezer", "side by side", "mini fridge"])
    w = rng.uniform(0.55, 0.75) if variant != "side by side" else rng.uniform(0.85, 0.95)
    d, h = rng.uniform(0.6, 0.72), rng.uniform(1.6, 1.85)
    if variant == "mini fridge":
        w, d, h = w * 0.75, d * 0.8, rng.uniform(0.5, 0.85)
    shell, metal = pick(rng, WHITE_GOODS + DARK), pick(rng, METAL + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y, t = -d / 2 - 0.025, 0.05
    # (name, x centre, width, z bottom, z top); handles sit on the side away from the hinge.
    split = {"top freezer": h * 0.7, "bottom freezer": h * 0.35}.get(variant, 0.0)
    if variant == "side by side":
        doors = [("freezer door", -w / 4, w / 2 - 0.005, 0.05, h - 0.01), ("fridge door", w / 4, w / 2 - 0.005, 0.05, h - 0.01)]
    elif variant == "mini fridge":
        doors = [("fridge door", 0.0, w - 0.01, 0.04, h - 0.01)]
    elif variant == "top freezer":
        doors = [("fridge door", 0.0, w - 0.01, 0.05, split - 0.005), ("freezer door", 0.0, w - 0.01, split + 0.005, h - 0.01)]
    else:
        doors = [("freezer door", 0.0, w - 0.01, 0.05, split - 0.005), ("fridge door", 0.0, w - 0.01, split + 0.005, h - 0.01)]
    door_c = jitter(rng, shell, 0.03)
    for name, xc, dw, z0, z1 in doors:
        b.add(name, box((dw, t, z1 - z0), (xc, y, (z0 + z1) / 2)), door_c)
        hx = xc + (dw / 2 - 0.05) * (-1 if xc > 0 else 1) if variant == "side by side" else xc + dw / 2 - 0.05
        hl = min(0.6, (z1 - z0) * 0.5)
        if variant == "mini fridge":
            b.add("handle", box((0.02, 0.03, hl), (hx, y - t / 2 - 0.015, z1 - hl / 2 - 0.03)), metal)
        else:
            zc = z0 + (z1 - z0) * (0.7 if z0 < 0.1 else 0.35) if variant != "side by side" else h * 0.55
            b.add("handle", tube(_bar_handle(hl, (hx, y - t / 2, zc), True), 0.011, 10), metal)
    if variant == "side by side":
        b.add("dispenser", box((w * 0.2, 0.01, 0.3), (-w / 4, y - t / 2 - 0.005, h * 0.6)), DARK[0])
        b.alias("dispenser", "water dispenser", "ice dispenser")
    b.group("door", "fridge door", "freezer door").alias("door", "doors", "refrigerator door")
    b.alias("fridge door", "main door", "refrigerator compartment door").alias("freezer door", "freezer", "freezer compartment")
    b.alias("handle", "door handle", "grip", "the part you pull").alias("body", "cabinet", "housing", "sides")
    return b.build("refrigerator", ground=True, variant=variant)


def make_toaster(rng: np.random.Generator) -> ProceduralObject:
    """Pop-up toaster: rounded "body", "slot"s (openings, group "top"), "lever", "knob", maybe "button"s, "base"."""
    variant = pick_variant(rng, ["two-slice toaster", "four-slice toaster", "long-slot toaster"])
    n = {"two-slice toaster": 2, "four-slice toaster": 4, "long-slot toaster": 2}[variant]
    w = rng.uniform(0.26, 0.32) if variant != "four-slice toaster" else rng.uniform(0.28, 0.34)
    d = 0.05 * n + 0.07 if variant != "four-slice toaster" else 0.26
    h = rng.uniform(0.18, 0.22)
    shell = pick(rng, METAL + BRIGHT + PALE)
    b = PartMesh()
    # The body: a stadium-section shell, open at the slots (its top a ring of slots is drawn dark inside).
    r = d / 2 * 0.9
    t = np.linspace(-np.pi / 2, np.pi / 2, 8)
    half = np.column_stack([w / 2 - r + r * np.cos(t), r * np.sin(t)])
    outline = np.vstack([half, -half])
    b.add("base", extrude(outline * 1.03, 0.015), pick(rng, DARK))
    b.add("body", extrude(outline, h - 0.015).translate((0, 0, 0.015)), shell)
    slot_l = w * (0.55 if variant != "long-slot toaster" else 0.8)
    rows = [(0.0, (k - (n - 1) / 2) * 0.05) for k in range(n)] if variant != "four-slice toaster" else \
        [(sx * w * 0.23, (k - 0.5) * 0.06) for sx in (-1, 1) for k in range(2)]
    for xs, ys in rows:
        b.add("slot", box((slot_l if variant != "four-slice toaster" else w * 0.38, 0.032, 0.003), (xs, ys, h + 0.0015)), (0.05, 0.04, 0.03))
    b.add("lever", box((0.03, 0.03, 0.012), (w / 2 + 0.012, 0, h * 0.7)), pick(rng, DARK))
    b.add("knob", along_x(cylinder(0.014, 0.012, 0.0, 16), (w / 2 - 0.001, -d * 0.2, h * 0.3)), pick(rng, DARK + METAL))
    if rng.random() < 0.5:
        for k in range(2):
            b.add("button", box((0.006, 0.012, 0.012), (w / 2 + 0.003, d * 0.2, h * (0.35 + 0.15 * k))), pick(rng, PALE))
        b.alias("button", "cancel button", "defrost button")
    b.alias("slot", "slots", "opening", "the part the bread goes in").alias("lever", "handle", "push-down lever")
    b.alias("knob", "dial", "browning control").alias("body", "housing", "shell").alias("base", "bottom", "feet")
    return b.build("toaster", ground=True, variant=variant)


def make_washing_machine(rng: np.random.Generator) -> ProceduralObject:
    """Washing machine: "body", "door" (a porthole: "door" ring + "window") or a top "lid", "control panel",
    "knob", "button"s, maybe a "detergent drawer"."""
    variant = pick_variant(rng, ["front loader", "top loader", "washer dryer"])
    w, d, h = rng.uniform(0.58, 0.62), rng.uniform(0.55, 0.65), rng.uniform(0.82, 0.9)
    shell = pick(rng, PALE + METAL)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y = -d / 2
    if variant == "top loader":
        b.add("lid", box((w * 0.8, d * 0.65, 0.02), (0, -d * 0.05, h + 0.01)), jitter(rng, shell, 0.04))
        b.add("control panel", box((w, 0.08, 0.12), (0, d / 2 - 0.04, h + 0.06)), jitter(rng, shell, 0.05))
        zc, yc = h + 0.06, d / 2 - 0.085
        b.alias("lid", "top door", "door", "cover")
    else:
        rd = w * rng.uniform(0.3, 0.36)
        zd = h * 0.45
        b.add("door", ring(rd, 0.03, (0, y - 0.02, zd), "y", 40), pick(rng, METAL + PALE))
        b.add("window", facing_front(cylinder(rd - 0.01, 0.03, 0.0, 40, rd * 0.8), (0, y, zd)), GLASS)
        b.add("control panel", box((w, 0.01, h * 0.16), (0, y - 0.005, h * 0.9)), jitter(rng, shell, 0.05))
        b.add("detergent drawer", box((w * 0.3, 0.015, h * 0.1), (-w * 0.3, y - 0.012, h * 0.9)), jitter(rng, shell, 0.03))
        zc, yc = h * 0.9, y - 0.01
        b.alias("door", "porthole", "door ring", "round door").alias("window", "glass", "door window")
        b.alias("detergent drawer", "soap drawer", "dispenser drawer")
        b.group("front door", "door", "window")
    b.add("knob", facing_front(cylinder(0.03, 0.025, 0.0, 24), (w * 0.15, yc, zc)), pick(rng, PALE + METAL))
    for k in range(int(rng.integers(2, 5))):
        b.add("button", facing_front(box((0.03, 0.015, 0.01), (0, 0, 0.005)), (w * 0.3 + 0.04 * k - 0.03, yc, zc)), pick(rng, DARK + PALE))
    b.group("controls", "control panel", "knob", "button").alias("control panel", "panel", "display panel")
    b.alias("knob", "dial", "program selector", "the part you turn").alias("button", "push button", "start button")
    b.alias("body", "cabinet", "housing", "case")
    return b.build("washing machine", ground=True, variant=variant)


def make_oven(rng: np.random.Generator) -> ProceduralObject:
    """Oven: a range (cooktop with "burner"s and "knob"s) or a wall/toaster oven: "body", "door", "window",
    "handle", "control panel"."""
    variant = pick_variant(rng, ["range", "wall oven", "toaster oven"])
    if variant == "toaster oven":
        w, d, h = rng.uniform(0.4, 0.5), rng.uniform(0.3, 0.38), rng.uniform(0.22, 0.28)
    else:
        w, d, h = rng.uniform(0.58, 0.76), rng.uniform(0.58, 0.65), rng.uniform(0.85, 0.92) if variant == "range" else rng.uniform(0.58, 0.62)
    shell = pick(rng, METAL + DARK + PALE)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y = -d / 2 - 0.015
    dz0, dz1 = (0.12, h * 0.78) if variant == "range" else (h * 0.06, h * 0.8)
    dw = w - 0.03 if variant != "toaster oven" else w * 0.72
    dx = 0.0 if variant != "toaster oven" else -w / 2 + dw / 2 + 0.01
    b.add("door", box((dw, 0.03, dz1 - dz0), (dx, y, (dz0 + dz1) / 2)), jitter(rng, shell, 0.04))
    b.add("window", box((dw * 0.7, 0.002, (dz1 - dz0) * 0.5), (dx, y - 0.016, (dz0 + dz1) / 2)), GLASS)
    b.add("handle", tube(_bar_handle(dw * 0.8, (dx, y - 0.015, dz1 - 0.04), False, 0.04 if variant != "toaster oven" else 0.025), 0.01, 10), pick(rng, METAL))
    knobs = []
    if variant == "range":
        b.add("control panel", box((w, 0.08, 0.12), (0, d / 2 - 0.04, h + 0.06)), jitter(rng, shell, 0.05))
        for sx in (-1, 1):
            for sy in (-1, 1):
                r = rng.uniform(0.07, 0.1)
                b.add("burner", ring(r, 0.008, (sx * w / 4, sy * d * 0.22 - 0.03, h + 0.008), "z", 28), DARK[0])
                b.add("burner", cylinder(r * 0.4, 0.012, h, 20).translate((sx * w / 4, sy * d * 0.22 - 0.03, 0)), DARK[1])
        b.add("drawer", box((w - 0.03, 0.03, 0.09), (0, y, 0.06)), jitter(rng, shell, 0.04))
        knobs = [(w * (k / 5 - 0.5 + 0.1), d / 2 - 0.085, h + 0.06) for k in range(5)]
        b.alias("burner", "hob", "cooktop burner", "the part you cook on").alias("drawer", "storage drawer", "bottom drawer")
    else:
        b.add("control panel", box((w - 0.03 if variant == "wall oven" else w - dw - 0.03, 0.03,
                                    h - dz1 - 0.02 if variant == "wall oven" else dz1 - dz0),
                                   (0 if variant == "wall oven" else w / 2 - (w - dw) / 2, y,
                                    (h + dz1) / 2 if variant == "wall oven" else (dz0 + dz1) / 2)), pick(rng, DARK))
        if variant == "wall oven":
            knobs = [(w * (k / 3 - 0.5 + 0.17), y - 0.015, (h + dz1) / 2) for k in range(3)]
        else:
            knobs = [(w / 2 - (w - dw) / 2, y - 0.015, dz0 + (dz1 - dz0) * f) for f in (0.25, 0.55, 0.85)]
    for p in knobs:
        b.add("knob", facing_front(cylinder(0.02, 0.022, 0.0, 16), p), pick(rng, METAL + DARK))
    b.group("front", "door", "window", "handle").alias("door", "oven door", "front door")
    b.alias("window", "glass", "oven window").alias("handle", "door handle", "grip", "the part you pull")
    b.alias("control panel", "controls", "panel").alias("knob", "dial", "the part you turn")
    b.alias("body", "housing", "cabinet")
    return b.build("oven", ground=True, variant=variant)


def make_dishwasher(rng: np.random.Generator) -> ProceduralObject:
    """Dishwasher: "body", a full-height "door" (hinged at the bottom) with a "handle", "control panel" with
    "button"s (on the front or the top edge of the door), a "kick plate"."""
    variant = pick_variant(rng, ["bar handle", "pocket handle", "compact countertop"])
    w, d, h = rng.uniform(0.58, 0.6), rng.uniform(0.57, 0.62), rng.uniform(0.82, 0.87)
    if variant == "compact countertop":
        w, d, h = rng.uniform(0.5, 0.55), rng.uniform(0.45, 0.5), rng.uniform(0.43, 0.46)
    shell = pick(rng, METAL + PALE + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    y, kick = -d / 2 - 0.015, 0.1 if variant != "compact countertop" else 0.02
    panel_h = 0.08
    b.add("door", box((w - 0.01, 0.03, h - kick - panel_h - 0.01), (0, y, (h - panel_h + kick) / 2)), jitter(rng, shell, 0.03))
    b.add("control panel", box((w - 0.01, 0.03, panel_h), (0, y, h - panel_h / 2 - 0.005)), pick(rng, DARK + METAL))
    for k in range(int(rng.integers(3, 6))):
        b.add("button", box((0.022, 0.006, 0.012), (w * 0.1 + 0.035 * k, y - 0.018, h - panel_h / 2)), pick(rng, PALE + DARK))
    if variant != "compact countertop":
        b.add("kick plate", box((w - 0.01, 0.02, kick - 0.01), (0, y + 0.04, kick / 2)), pick(rng, DARK))
        b.alias("kick plate", "toe kick", "bottom panel")
    if variant == "pocket handle":
        b.add("handle", box((w * 0.3, 0.012, 0.025), (-w * 0.2, y - 0.02, h - panel_h - 0.03)), DARK[0])
    else:
        b.add("handle", tube(_bar_handle(w * 0.6, (0, y - 0.015, h - panel_h - 0.05), False, 0.03, 0.008), 0.008), pick(rng, METAL))
    b.group("front", "door", "handle", "control panel").alias("door", "front door", "the part that opens")
    b.alias("handle", "door handle", "grip", "the part you pull").alias("control panel", "controls", "panel")
    b.alias("button", "push button", "start button").alias("body", "tub", "housing", "cabinet")
    return b.build("dishwasher", ground=True, variant=variant)


def make_coffee_machine(rng: np.random.Generator) -> ProceduralObject:
    """Coffee machine: "body", "spout" (or a "portafilter" with a "handle"), "drip tray", "water tank", "button"s,
    maybe a glass "carafe" with its "handle"."""
    variant = pick_variant(rng, ["espresso machine", "pod machine", "drip coffee maker"])
    w, d, h = rng.uniform(0.18, 0.3), rng.uniform(0.25, 0.35), rng.uniform(0.28, 0.38)
    shell = pick(rng, DARK + METAL + BRIGHT)
    b = PartMesh()
    # A C-shaped body seen from the side: a tall back column, a head on top, a foot, with the cup space between.
    b.add("body", box((w, d * 0.45, h), (0, d * 0.275, h / 2)), shell)
    b.add("body", box((w, d * 0.55, h * 0.22), (0, -d * 0.225, h * 0.89)), shell)
    b.add("drip tray", box((w * 0.8, d * 0.5, 0.03), (0, -d * 0.2, 0.015)), pick(rng, METAL + DARK))
    b.add("water tank", box((w * 0.9, d * 0.3, h * 0.7), (0, d / 2 + d * 0.15, h * 0.38)), (0.7, 0.8, 0.85))
    for k in range(int(rng.integers(2, 4))):
        b.add("button", facing_front(cylinder(0.008, 0.005, 0.0, 12), (-w * 0.3 + 0.025 * k, -d / 2, h * 0.93)), pick(rng, PALE + METAL))
    if variant == "espresso machine":
        b.add("portafilter", cylinder(0.035, 0.025, h * 0.68, 20).translate((0, -d * 0.2, 0)), METAL[0])
        b.add("handle", tube(np.array([[0, -d * 0.2 - 0.03, h * 0.69], [0, -d * 0.2 - 0.15, h * 0.67]]), 0.012, 10), DARK[0])
        b.add("steam wand", tube(np.array([[w / 2 - 0.02, -d / 2 + 0.02, h * 0.8], [w / 2 + 0.01, -d / 2 - 0.01, h * 0.6], [w / 2 + 0.01, -d / 2 - 0.01, h * 0.4]]), 0.005), METAL[1])
        b.alias("portafilter", "filter holder", "group head").alias("steam wand", "milk frother", "steam pipe")
        b.alias("handle", "portafilter handle", *("grip", "the part you hold"))
    elif variant == "pod machine":
        b.add("spout", cylinder(0.015, 0.03, h * 0.75, 16).translate((0, -d * 0.2, 0)), DARK[0])
        b.add("lid", box((w * 0.6, d * 0.3, 0.02), (0, -d * 0.1, h + 0.01)), jitter(rng, shell, 0.05))
        b.alias("spout", "nozzle", "coffee outlet", "the part coffee comes out of").alias("lid", "pod lid", "capsule cover")
    else:
        # A glass carafe on the warming plate, its handle's ends on the carafe wall.
        r, ch = w * 0.3, h * 0.45
        b.add("carafe", revolve(np.array([(0.0, 0.032), (r * 0.8, 0.032), (r, 0.032 + ch * 0.3), (r * 0.75, 0.032 + ch),
                                          (r * 0.72, 0.032 + ch), (r * 0.95, 0.032 + ch * 0.3), (r * 0.78, 0.035), (0.0, 0.035)]), 28)
              .translate((0, -d * 0.2, 0)), (0.6, 0.65, 0.7))
        b.add("handle", tube(arch(np.array([0, -d * 0.2 - r * 0.9, 0.032 + ch * 0.85]), np.array([0, -d * 0.2 - r * 0.95, 0.032 + ch * 0.3]),
                                  np.array([0, -0.05, 0]), 12), 0.007), DARK[0])
        b.add("spout", cylinder(0.02, 0.01, h * 0.77, 16).translate((0, -d * 0.2, 0)), DARK[0])
        b.alias("carafe", "coffee pot", "jug", "glass pot").alias("spout", "drip head", "the part coffee comes out of")
        b.alias("handle", "carafe handle", *("grip", "the part you hold"))
    b.alias("drip tray", "tray", "cup stand").alias("water tank", "reservoir", "water container")
    b.alias("button", "push button", "brew button").alias("body", "housing", "machine body")
    return b.build("coffee machine", ground=True, variant=variant)


def _fan_rotor(b: PartMesh, r: float, center: tuple[float, float, float], n: int, color: tuple) -> None:
    """A fan's "blade"s and "hub" facing -y at `center`: `n` twisted paddles of radius `r` round a domed hub."""
    t = np.linspace(0, 1, 9)
    for k in range(n):
        outline = np.vstack([np.column_stack([r * (0.2 + 0.8 * t), r * 0.12 * (1 + 1.5 * np.sin(np.pi * t))]),
                             np.column_stack([r * (0.2 + 0.8 * t[::-1]), -r * 0.12 * (1 + 1.5 * np.sin(np.pi * t[::-1]))])])
        blade = transform(extrude(outline, 0.003), (0.3, 0.0, 2 * np.pi * k / n))  # a pitched paddle
        b.add("blade", facing_front(blade, center), color)
    hub = revolve(np.array([(0.0, 0.0), (r * 0.2, 0.0), (r * 0.2, 0.02), (r * 0.1, 0.035), (0.0, 0.038)]), 24)
    hub_c = tuple(min(1.0, x * 0.8 + 0.1) for x in color)  # a shade lighter or darker than the blades
    b.add("hub", facing_front(hub, (center[0], center[1] + 0.01, center[2])), hub_c)


def make_fan(rng: np.random.Generator) -> ProceduralObject:
    """Electric fan: "blade"s round a "hub" (group "rotor"), a "guard" (rings and spokes), a "motor housing",
    a "stand" (pole or yoke) and a "base"; a box fan has a square "frame"."""
    variant = pick_variant(rng, ["desk fan", "pedestal fan", "box fan"])
    r = rng.uniform(0.12, 0.16) if variant == "desk fan" else rng.uniform(0.18, 0.22)
    zc = {"desk fan": rng.uniform(0.22, 0.28), "pedestal fan": rng.uniform(1.0, 1.3), "box fan": r + 0.06}[variant]
    body_c, blade_c = pick(rng, PALE + DARK), pick(rng, PALE + BRIGHT + DARK)
    b = PartMesh()
    _fan_rotor(b, r, (0.0, 0.0, zc), int(rng.integers(3, 6)), blade_c)
    if variant == "box fan":
        s = 2 * r + 0.04
        b.add("frame", box((s, 0.1, 0.02), (0, 0.01, zc + s / 2)), body_c).add("frame", box((s, 0.1, 0.02), (0, 0.01, zc - s / 2)), body_c)
        b.add("frame", box((0.02, 0.1, s), (s / 2, 0.01, zc)), body_c).add("frame", box((0.02, 0.1, s), (-s / 2, 0.01, zc)), body_c)
        for sy in (-0.04, 0.06):
            for k in range(7):
                b.add("guard", box((s, 0.003, 0.003), (0, sy, zc - s / 2 + s * (k + 0.5) / 7)), body_c)
        for sx in (-1, 1):
            b.add("base", box((0.05, 0.2, 0.03), (sx * s * 0.35, 0.01, 0.015)), jitter(rng, body_c))
        b.add("handle", tube(arch(np.array([-0.06, 0.01, zc + s / 2]), np.array([0.06, 0.01, zc + s / 2]), np.array([0, 0, 0.04]), 10), 0.007), body_c)
        b.alias("frame", "housing", "square frame").alias("handle", "carry handle", "grip", "the part you hold")
        b.alias("base", "feet", "foot", "the part it stands on")
    else:
        for sy in (-0.04, 0.05):
            b.add("guard", ring(r + 0.015, 0.003, (0, sy, zc), "y", 40), METAL[0])
            for k in range(12):
                a = 2 * np.pi * k / 12
                b.add("guard", rod((0, sy, zc), ((r + 0.015) * np.cos(a), sy, zc + (r + 0.015) * np.sin(a)), 0.0015, 5), METAL[0])
        b.add("guard", ring(r + 0.015, 0.006, (0, 0.005, zc), "y", 40), METAL[0])
        b.add("motor housing", facing_front(cylinder(r * 0.35, 0.1, -0.16, 24, r * 0.45), (0, 0, zc)), body_c)
        pole_top = zc - r * 0.35
        b.add("stand", rod((0, 0.11, pole_top), (0, 0.11, 0.02), 0.012 if variant == "desk fan" else 0.016, 12), jitter(rng, body_c))
        br = 0.09 if variant == "desk fan" else 0.18
        b.add("base", cylinder(br, 0.03, 0.0, 32, br * 0.85).translate((0, 0.11, 0)), jitter(rng, body_c))
        b.alias("stand", "pole", "neck", "column").alias("motor housing", "motor", "the back of the fan")
        b.alias("base", "foot", "the part it stands on")
        b.group("support", "stand", "base")
    b.group("rotor", "blade", "hub").alias("rotor", "propeller", "the part that spins")
    b.alias("blade", "blades", "fan blade", "the part that moves air").alias("hub", "spinner", "center cap")
    b.alias("guard", "grille", "cage", "the part that protects your fingers")
    return b.build("fan", ground=True, variant=variant)


def make_blender(rng: np.random.Generator) -> ProceduralObject:
    """Blender: a motor "base" with "button"s or a "knob", a clear "jar" with an inside, a "handle" on the jar,
    a "lid"; a hand blender is a "body" with a "blade guard" shaft."""
    variant = pick_variant(rng, ["jug blender", "personal blender", "hand blender"])
    shell = pick(rng, DARK + METAL + PALE + BRIGHT)
    b = PartMesh()
    if variant == "hand blender":
        h = rng.uniform(0.36, 0.42)
        b.add("blade guard", revolve(np.array([(0.0, 0.0), (0.03, 0.0), (0.032, 0.04), (0.012, 0.06), (0.012, h * 0.45), (0.0, h * 0.45)]), 24), METAL[0])
        b.add("body", revolve(np.array([(0.0, h * 0.45), (0.025, h * 0.45), (0.028, h * 0.9), (0.02, h), (0.0, h)]), 24), shell)
        b.add("button", box((0.012, 0.008, 0.025), (0, -0.028, h * 0.8)), pick(rng, BRIGHT + DARK))
        b.alias("blade guard", "shaft", "blending arm", "the part you dip in").alias("body", "motor body", "handle", "the part you hold")
        b.alias("button", "power button", "speed button")
        return b.build("blender", ground=True, variant=variant)
    bw, bh = rng.uniform(0.15, 0.2), rng.uniform(0.1, 0.16)
    b.add("base", box((bw, bw, bh), (0, 0, bh / 2)), shell)
    if variant == "jug blender":
        b.add("knob", facing_front(cylinder(0.022, 0.02, 0.0, 20), (0, -bw / 2, bh * 0.5)), pick(rng, METAL + DARK))
        b.alias("knob", "dial", "speed knob", "the part you turn")
    for k in range(2 if variant == "jug blender" else 1):
        b.add("button", facing_front(box((0.02, 0.012, 0.006), (0, 0, 0.003)), ((k - 0.5) * 0.06 if variant == "jug blender" else 0, -bw / 2, bh * 0.22)), pick(rng, PALE + BRIGHT))
    r0, r1 = bw * 0.35, bw * (0.5 if variant == "jug blender" else 0.33)
    jh = rng.uniform(0.2, 0.26) if variant == "jug blender" else rng.uniform(0.16, 0.2)
    wall = 0.004
    jar = np.array([(0.0, bh), (r0, bh), (r1, bh + jh), (r1 - wall, bh + jh), (r0 - wall, bh + wall), (0.0, bh + wall)])
    b.add("jar", revolve(jar, 32), (0.75, 0.82, 0.88))
    b.add("blade", transform(box((r0 * 1.4, 0.008, 0.002), (0, 0, 0)), (0, 0, rng.uniform(0, np.pi)), (0, 0, bh + 0.02)), METAL[0])
    b.add("blade", transform(box((0.008, r0 * 1.2, 0.002), (0, 0, 0)), (0, 0.3, 0), (0, 0, bh + 0.022)), METAL[0])
    b.add("lid", cylinder(r1 + 0.004, 0.02, bh + jh, 32), pick(rng, DARK))
    if variant == "jug blender":
        zc = bh + jh * 0.5
        rc = (r0 + r1) / 2
        b.add("handle", tube(arch(np.array([rc - 0.002, 0, zc + jh * 0.3]), np.array([r0 + (r1 - r0) * 0.2 - 0.002, 0, zc - jh * 0.3]),
                                  np.array([0.06, 0, 0]), 12), 0.009, 10), pick(rng, DARK))
        b.alias("handle", "jar handle", "grip", "the part you hold")
    b.alias("base", "motor base", "motor unit", "the part with the motor").alias("jar", "jug", "pitcher", "container")
    b.alias("blade", "blades", "cutting blade").alias("lid", "cover", "top").alias("button", "buttons", "switch", "pulse button")
    return b.build("blender", ground=True, variant=variant)


def make_hair_dryer(rng: np.random.Generator) -> ProceduralObject:
    """Hair dryer standing on its handle: "body" (barrel), "nozzle", a "vent" grille at the back, "handle",
    "switch"es, a "cable"; maybe a "diffuser"."""
    variant = pick_variant(rng, ["pistol-grip hair dryer", "hair dryer with diffuser", "compact hair dryer"])
    L = rng.uniform(0.18, 0.24) if variant != "compact hair dryer" else rng.uniform(0.13, 0.16)
    r = rng.uniform(0.035, 0.045)
    hl = rng.uniform(0.1, 0.14)
    shell = pick(rng, DARK + PALE + BRIGHT)
    b = PartMesh()
    zc = hl + r * 0.7
    b.add("body", along_x(revolve(np.array([(0.0, 0.0), (r * 0.9, 0.0), (r, L * 0.3), (r * 0.8, L * 0.85), (0.0, L * 0.85)]), 28), (-L * 0.3, 0, zc)), shell)
    b.add("vent", along_x(cylinder(r * 0.85, 0.004, -0.004, 28), (-L * 0.3, 0, zc)), DARK[1])
    b.add("nozzle", along_x(revolve(np.array([(0.0, 0.0), (r * 0.8, 0.0), (r * 0.6, L * 0.15), (r * 0.55, L * 0.15), (0.0, L * 0.15)]), 24), (L * 0.55, 0, zc)), jitter(rng, shell, 0.1))
    b.add("handle", rounded_slab(0.04, 0.028, hl + 0.02, 0.012, (-L * 0.05, 0, (hl + 0.02) / 2)), shell)  # an upright rounded bar
    for k in range(2):
        b.add("switch", box((0.012, 0.006, 0.018), (-L * 0.05 + 0.021, 0, hl * (0.65 + 0.2 * k))), pick(rng, PALE + BRIGHT))
    b.add("cable", tube(np.array([[-L * 0.05, 0, 0.005], [-L * 0.05 - 0.04, 0, 0.003], [-L * 0.05 - 0.15, 0.05, 0.003]]), 0.003, 6), DARK[0])
    if variant == "hair dryer with diffuser":
        b.add("diffuser", along_x(revolve(np.array([(0.0, 0.0), (r * 0.6, 0.0), (r * 1.6, L * 0.2), (r * 1.6, L * 0.3), (0.0, L * 0.3)]), 28), (L * 0.7, 0, zc)), jitter(rng, shell, 0.1))
        for k in range(8):
            a = 2 * np.pi * k / 8
            b.add("diffuser", along_x(cylinder(0.004, 0.03, 0.0, 6), (L * 0.7 + L * 0.3, r * np.cos(a), zc + r * np.sin(a))), jitter(rng, shell, 0.1))
        b.alias("diffuser", "diffuser attachment", "the part with the fingers")
    b.alias("body", "barrel", "housing", "motor housing").alias("nozzle", "concentrator", "the part air comes out of")
    b.alias("vent", "air intake", "back grille", "filter").alias("handle", "grip", "the part you hold")
    b.alias("switch", "buttons", "heat switch", "speed switch").alias("cable", "cord", "power cord")
    return b.build("hair dryer", ground=True, variant=variant)


def make_vacuum_cleaner(rng: np.random.Generator) -> ProceduralObject:
    """Vacuum cleaner: a robot vacuum ("body", "bumper", "button", "sensor" turret, "brush"es, "wheel"s), a stick
    vacuum ("handle", "wand", "dust bin", "motor", "floor head") or a canister ("body", "hose", "wand", "floor head",
    "wheel"s)."""
    variant = pick_variant(rng, ["robot vacuum", "stick vacuum", "canister vacuum"])
    shell = pick(rng, DARK + PALE + BRIGHT)
    b = PartMesh()
    if variant == "robot vacuum":
        r, h = rng.uniform(0.16, 0.18), rng.uniform(0.08, 0.1)
        b.add("body", cylinder(r, h - 0.02, 0.01, 40), shell)
        b.add("bumper", revolve(np.array([(r + 0.004, 0.015), (r + 0.004, h * 0.7), (r - 0.001, h * 0.7), (r - 0.001, 0.015)]), 40), DARK[0])
        b.add("sensor", cylinder(0.04, 0.015, h - 0.01, 24).translate((0, 0.06, 0)), jitter(rng, shell, 0.1))
        b.add("button", cylinder(0.012, 0.003, h - 0.01, 16).translate((0, -0.05, 0)), PALE[0])
        for s in (-1, 1):
            b.add("brush", ring(0.03, 0.003, (s * r * 0.6, -r * 0.6, 0.004), "z", 12), pick(rng, BRIGHT))
            b.add("wheel", along_x(cylinder(0.035, 0.02, -0.01, 16), (s * r * 0.7, 0, 0.035)), DARK[0])  # axle across, along x
        b.alias("bumper", "front bumper", "edge").alias("sensor", "lidar", "laser turret", "the round bump on top")
        b.alias("brush", "side brush", "sweeper").alias("button", "power button", "home button")
    else:
        head_w = rng.uniform(0.25, 0.3)
        b.add("floor head", box((0.1, head_w, 0.05), (0, 0, 0.025)), pick(rng, DARK))
        b.alias("floor head", "nozzle", "brush head", "the part that touches the floor")
        H = rng.uniform(1.0, 1.15)
        if variant == "stick vacuum":
            top = np.array([-0.12, 0.0, H])
            b.add("wand", rod((0, 0, 0.05), tuple(top * 0.6), 0.016, 12), METAL[0])
            body0, body1 = top * 0.6, top * 0.85
            b.add("dust bin", rod(tuple(body0), tuple(body0 + (body1 - body0) * 0.5), 0.045, 20), (0.7, 0.78, 0.85))
            b.add("motor", rod(tuple(body0 + (body1 - body0) * 0.5), tuple(body1), 0.04, 20), shell)
            b.add("handle", tube(np.array([body1, body1 + [-0.1, 0, 0.02], top + [-0.08, 0, 0.06], top + [0.02, 0, 0.08], body1 + [0.03, 0, 0.05]]), 0.014, 10), shell)
            b.alias("dust bin", "bin", "dust container", "the clear canister").alias("motor", "motor unit", "body")
        else:
            b.add("body", ellipsoid((0.22, 0.15, 0.13), (-0.55, 0, 0.14), 16), shell)
            for s in (-1, 1):
                b.add("wheel", axle_y(0.07, 0.03, (-0.62, s * 0.15, 0.07), 20), DARK[0])
            wand_top = np.array([-0.15, 0.0, 0.75])
            b.add("wand", rod((0, 0, 0.05), tuple(wand_top), 0.016, 12), METAL[0])
            b.add("handle", rod(tuple(wand_top), tuple(wand_top + [-0.08, 0, 0.15]), 0.02, 10), shell)
            hose = np.array([wand_top + [-0.08, 0, 0.15], wand_top + [-0.35, 0, 0.05], [-0.5, 0.0, 0.3], [-0.38, 0.0, 0.2]])
            b.add("hose", tube(hose, 0.022, 10), DARK[1])
            b.alias("hose", "flexible hose", "tube").alias("body", "canister", "housing")
        b.alias("wand", "tube", "extension wand", "pole").alias("handle", "grip", "the part you hold")
    b.alias("body", "housing", "main body").alias("wheel", "wheels", "roller")
    return b.build("vacuum cleaner", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "microwave": [make_microwave],
    "refrigerator": [make_refrigerator],
    "toaster": [make_toaster],
    "washing machine": [make_washing_machine],
    "oven": [make_oven],
    "dishwasher": [make_dishwasher],
    "coffee machine": [make_coffee_machine],
    "fan": [make_fan],
    "blender": [make_blender],
    "hair dryer": [make_hair_dryer],
    "vacuum cleaner": [make_vacuum_cleaner],
}
