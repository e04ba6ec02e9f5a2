"""Hand tools: scissors, hammers, screwdrivers.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.procedural import (
    Builder, PartMesh, ProceduralObject, pick, box, cylinder, extrude, revolve, transform, tube, METAL, DARK, WOOD, BRIGHT, HOLD, pick_variant,
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



CATEGORIES: dict[str, list[Builder]] = {
    "scissors": [make_scissors],
    "hammer": [make_hammer],
    "screwdriver": [make_screwdriver],
}
