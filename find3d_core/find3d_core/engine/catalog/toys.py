"""Toys: toy cars, teddy bears, rubber ducks.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
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
    transform,
)


def make_toy_car(rng: np.random.Generator) -> ProceduralObject:
    """Toy car along x: "body", "cabin" with "window"s, four "wheel"s; a pickup's open "bed", a race car's "spoiler"."""
    variant = pick_variant(rng, ["sedan", "pickup truck", "race car"])
    length = rng.uniform(0.1, 0.16)
    w = length * rng.uniform(0.42, 0.5)
    body_h = length * (0.14 if variant == "race car" else 0.22)
    wr = length * rng.uniform(0.1, 0.13)
    color, dark, glass = pick(rng, BRIGHT), pick(rng, DARK), (0.55, 0.7, 0.85)
    b = PartMesh()
    z0 = wr * 0.7
    b.add("body", box((length, w, body_h), (0, 0, z0 + body_h / 2)), color)
    cab_l = length * {"sedan": 0.5, "pickup truck": 0.32, "race car": 0.3}[variant]
    cab_x = {"sedan": -0.02 * length, "pickup truck": 0.12 * length, "race car": -0.05 * length}[variant]
    cab_h = body_h * (0.8 if variant != "race car" else 0.9)
    zc = z0 + body_h
    b.add("cabin", box((cab_l, w * 0.88, cab_h), (cab_x, 0, zc + cab_h / 2)), jitter(rng, color, 0.05))
    for s in (-1, 1):
        b.add("window", box((cab_l * 0.7, 0.002, cab_h * 0.6), (cab_x, s * w * 0.44, zc + cab_h * 0.5)), glass)
    b.add("window", box((0.002, w * 0.75, cab_h * 0.6), (cab_x + cab_l / 2, 0, zc + cab_h * 0.5)), glass)
    for sx in (-1, 1):
        for sy in (-1, 1):
            wheel = transform(cylinder(wr, w * 0.18, -w * 0.09, 20), (np.pi / 2, 0, 0), (sx * length * 0.32, sy * w / 2, wr))
            b.add("wheel", wheel, dark)
    if variant == "pickup truck":
        bed_x = cab_x - cab_l / 2 - length * 0.2
        for s in (-1, 1):
            b.add("bed", box((length * 0.36, 0.004, body_h * 0.5), (bed_x, s * (w / 2 - 0.002), zc + body_h * 0.25)), jitter(rng, color, 0.1))
        b.add("bed", box((0.004, w, body_h * 0.5), (bed_x - length * 0.18, 0, zc + body_h * 0.25)), jitter(rng, color, 0.1))
        b.alias("bed", "cargo bed", "truck bed", "the open back")
    if variant == "race car":
        b.add("spoiler", box((length * 0.1, w, 0.004), (-length * 0.45, 0, zc + cab_h)), dark)
        for s in (-1, 1):
            b.add("spoiler", box((0.004, 0.004, cab_h), (-length * 0.45, s * w * 0.3, zc + cab_h / 2)), dark)
        b.alias("spoiler", "wing", "rear wing", "the fin at the back")
    b.group("car body", "body", "cabin").alias("car body", "chassis", "shell")
    b.alias("body", "lower body", "hull", "bumper").alias("cabin", "roof", "top", "passenger compartment")
    b.alias("window", "windshield", "glass", "windows").alias("wheel", "tire", "tyre", "the round part it rolls on")
    return b.build("toy car", ground=True, variant=variant)


def make_teddy_bear(rng: np.random.Generator) -> ProceduralObject:
    """Teddy bear, sitting or standing: "head" with "ear"s, "snout", "eye"s and "nose" (group "face"), "body",
    "arm"s and "leg"s (group "limbs")."""
    variant = pick_variant(rng, ["sitting bear", "standing bear", "bunny"])
    s = rng.uniform(0.8, 1.3)
    fur, dark = pick(rng, WOOD + PALE + BRIGHT), (0.05, 0.04, 0.04)
    b = PartMesh()
    sit = variant != "standing bear"
    body_r = np.array([0.06, 0.055, 0.075]) * s
    leg_z = 0.03 * s
    body_z = body_r[2] + (0.0 if sit else 0.09 * s)
    b.add("body", ellipsoid(tuple(body_r), (0, 0, body_z), 12), fur)
    if sit:
        for y in (-1, 1):
            b.add("leg", ellipsoid((0.06 * s, 0.03 * s, 0.03 * s), (-0.045 * s, y * 0.035 * s, leg_z), 12), fur)
            b.add("foot", ellipsoid((0.012 * s, 0.025 * s, 0.028 * s), (-0.1 * s, y * 0.035 * s, leg_z + 0.005 * s), 10), jitter(rng, fur, 0.15))
    else:
        for y in (-1, 1):
            b.add("leg", ellipsoid((0.03 * s, 0.03 * s, 0.06 * s), (0, y * 0.03 * s, 0.06 * s), 12), fur)
            b.add("foot", ellipsoid((0.035 * s, 0.025 * s, 0.012 * s), (-0.01 * s, y * 0.03 * s, 0.012 * s), 10), jitter(rng, fur, 0.15))
    head_r, head_z = 0.05 * s, body_z + body_r[2] + 0.035 * s
    b.add("head", ellipsoid((head_r, head_r, head_r), (0, 0, head_z), 12), fur)
    for y in (-1, 1):
        b.add("arm", ellipsoid((0.022 * s, 0.022 * s, 0.055 * s), (-0.02 * s, y * (body_r[1] + 0.012 * s), body_z + 0.01 * s), 10), fur)
        if variant == "bunny":
            b.add("ear", ellipsoid((0.008 * s, 0.02 * s, 0.06 * s), (0.005 * s, y * 0.022 * s, head_z + head_r + 0.045 * s), 10), fur)
        else:
            b.add("ear", ellipsoid((0.01 * s, 0.02 * s, 0.02 * s), (0.005 * s, y * 0.038 * s, head_z + 0.038 * s), 10), fur)
        b.add("eye", ellipsoid((0.005 * s, 0.005 * s, 0.005 * s), (-head_r * 0.88, y * 0.018 * s, head_z + 0.012 * s), 6), dark)
    b.add("snout", ellipsoid((0.02 * s, 0.022 * s, 0.016 * s), (-head_r * 0.95, 0, head_z - 0.012 * s), 10), jitter(rng, fur, 0.15))
    b.add("nose", ellipsoid((0.007 * s, 0.009 * s, 0.006 * s), (-head_r * 0.95 - 0.018 * s, 0, head_z - 0.006 * s), 6), dark)
    b.group("face", "eye", "snout", "nose").alias("face", "front of the head")
    b.group("limbs", "arm", "leg", "foot").alias("limbs", "arms and legs")
    b.alias("head", "the round top", "skull").alias("body", "torso", "belly", "tummy").alias("ear", "ears", "earflap")
    b.alias("eye", "eyes", "button eye").alias("snout", "muzzle", "mouth").alias("nose", "the tip of the snout", "black nose")
    b.alias("arm", "paw", "front leg", "arms").alias("leg", "hind leg", "legs", "thigh").alias("foot", "feet", "foot pad", "sole")
    return b.build("teddy bear", ground=True, variant=variant)


def make_rubber_duck(rng: np.random.Generator) -> ProceduralObject:
    """Rubber duck: "body" with a "tail", "head", "beak", "eye"s, maybe "wing"s."""
    variant = pick_variant(rng, ["classic duck", "duck with wings"])
    s = rng.uniform(0.7, 1.3)
    yellow, orange = pick(rng, [(0.98, 0.85, 0.1), (0.95, 0.9, 0.3)] + BRIGHT), pick(rng, [(0.95, 0.5, 0.1), (0.9, 0.3, 0.1)])
    b = PartMesh()
    b.add("body", ellipsoid((0.055 * s, 0.042 * s, 0.035 * s), (0, 0, 0.035 * s), 16), yellow)
    b.add("tail", ellipsoid((0.02 * s, 0.015 * s, 0.015 * s), (-0.05 * s, 0, 0.055 * s), 10), yellow)
    hz = 0.085 * s
    b.add("head", ellipsoid((0.03 * s, 0.03 * s, 0.03 * s), (0.025 * s, 0, hz), 14), yellow)
    b.add("beak", ellipsoid((0.02 * s, 0.013 * s, 0.006 * s), (0.058 * s, 0, hz - 0.006 * s), 10), orange)
    for y in (-1, 1):
        b.add("eye", ellipsoid((0.004 * s, 0.004 * s, 0.004 * s), (0.045 * s, y * 0.016 * s, hz + 0.01 * s), 6), DARK[0])
        if variant == "duck with wings":
            b.add("wing", ellipsoid((0.03 * s, 0.006 * s, 0.015 * s), (-0.005 * s, y * 0.042 * s, 0.042 * s), 10), jitter(rng, yellow, 0.08))
    b.alias("body", "torso", "belly", "the part that floats").alias("tail", "tail feathers", "back end", "rear")
    b.alias("head", "the round top", "duck head").alias("beak", "bill", "mouth", "the orange part")
    b.alias("eye", "eyes", "dot eye").alias("wing", "wings", "side fin", "flipper")
    return b.build("rubber duck", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "toy car": [make_toy_car],
    "teddy bear": [make_teddy_bear],
    "rubber duck": [make_rubber_duck],
}
