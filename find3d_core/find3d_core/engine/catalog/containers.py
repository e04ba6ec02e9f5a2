"""Containers: jars, vases, watering cans, trash cans, baskets, storage boxes, spray bottles, soap dispensers.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`, lathe containers: `catalog/shapes.py`). `CATEGORIES` maps a
category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.shapes import add_container, loop_handle
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    HOLD,
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


def make_jar(rng: np.random.Generator) -> ProceduralObject:
    """Jar: "body", a narrower "neck", a "lid" (a mason jar's "band"; a cookie jar's "knob"),
    maybe a "label"."""
    variant = pick_variant(rng, ["mason jar", "cookie jar", "spice jar"])
    r = {"mason jar": rng.uniform(0.04, 0.05), "cookie jar": rng.uniform(0.07, 0.09), "spice jar": rng.uniform(0.02, 0.026)}[variant]
    h = r * (rng.uniform(1.8, 2.6) if variant != "cookie jar" else rng.uniform(1.2, 1.6))
    r_neck = r * rng.uniform(0.75, 0.88)
    h_body, h_neck = h * 0.82, h * 0.06
    glass = pick(rng, [(0.75, 0.85, 0.85), (0.85, 0.88, 0.9)] + (PALE + BRIGHT if variant == "cookie jar" else []))
    outer = np.array([(0.0, 0.0), (r - 0.004, 0.0), (r, 0.004), (r, h_body), (r_neck, h), (r_neck, h + h_neck)])
    b = PartMesh()

    def name(z: float, side: str) -> str:  # the lid hides the inside: no part of its own
        return "neck" if side != "inner" and (z > h or side == "top") else "body"

    add_container(b, outer, 0.003, name, {"body": glass, "neck": glass})
    top, lid_c = h + h_neck, pick(rng, METAL + BRIGHT + DARK)
    lid_h = h_neck * 1.2
    b.add("lid", cylinder(r_neck + 0.003, lid_h, top - lid_h + 0.002, 40), lid_c)
    if variant == "mason jar":
        b.add("band", revolve(np.array([(r_neck + 0.0045, top - lid_h * 1.4), (r_neck + 0.0045, top),
                                        (r_neck + 0.0032, top), (r_neck + 0.0032, top - lid_h * 1.4)]), 40), jitter(rng, lid_c, 0.05))
        b.group("cap", "lid", "band").alias("band", "ring", "screw band", "metal ring")
    if variant == "cookie jar":
        b.add("knob", ellipsoid((0.014, 0.014, 0.012), (0, 0, top + 0.012), 10), jitter(rng, lid_c, 0.1))
        b.group("cap", "lid", "knob").alias("knob", "lid handle", "button", "the part you lift the lid by")
    if variant != "cookie jar" or rng.random() < 0.5:
        b.add("label", cylinder(r + 0.0008, h_body * 0.4, h_body * 0.25, 40), pick(rng, PALE + BRIGHT))
        b.alias("label", "sticker", "tag", "the printed band")
    b.alias("body", "container", "jar", "glass").alias("neck", "mouth", "opening", "thread")
    b.alias("lid", "cap", "cover", "the part you unscrew")
    return b.build("jar", ground=True, variant=variant)


def make_vase(rng: np.random.Generator) -> ProceduralObject:
    """Vase: "base", "body", "neck", "rim", "inside"; an amphora also has two "handle"s."""
    variant = pick_variant(rng, ["bulb vase", "cylinder vase", "amphora", "bottle vase"])
    h = rng.uniform(0.2, 0.35)
    u = np.linspace(0.0, 1.0, 14)
    r = h * rng.uniform(0.2, 0.28)
    shape = {
        "bulb vase": 0.35 + 0.65 * np.sin(np.pi * np.clip(u * 1.15, 0, 1)) ** 1.5 + 0.25 * u**6,
        "cylinder vase": 0.8 + 0.15 * u,
        "amphora": 0.3 + 0.7 * np.sin(np.pi * np.clip(u * 1.25, 0, 1)) + 0.3 * u**8,
        "bottle vase": np.where(u < 0.55, 0.9 + 0.1 * np.sin(np.pi * u / 0.55), 0.25 + 0.05 * u),
    }[variant]
    radius, z = r * np.maximum(shape, 0.18), u * h
    neck_z = h * (0.6 if variant == "bottle vase" else 0.8)
    color = pick(rng, BRIGHT + PALE + DARK)
    b = PartMesh()

    def name(zm: float, side: str) -> str:
        if side == "top" or zm > h - 0.01:
            return "rim"
        if side == "inner":
            return "inside" if variant != "bottle vase" else "neck"  # a narrow mouth hides the inside
        if side == "bottom" or zm < 0.05 * h:
            return "base"
        return "neck" if zm > neck_z else "body"

    add_container(b, np.vstack([[(0.0, 0.0)], np.column_stack([radius, z])]), 0.005, name,
                  {"base": jitter(rng, color, 0.05), "body": color, "neck": color, "rim": jitter(rng, color, 0.05),
                   "inside": jitter(rng, color, 0.08)}, splits=(h - 0.01, 0.05 * h, neck_z))
    if variant == "amphora":
        z1, z0 = h * 0.9, h * 0.55
        for s in (-1, 1):
            x1, x0 = np.interp(z1, z, radius) - 0.002, np.interp(z0, z, radius) - 0.002
            b.add("handle", loop_handle((s * x1, 0, z1), (s * x0, 0, z0), (s * rng.uniform(0.03, 0.05), 0, 0.02), 0.006), color)
        b.alias("handle", "ear", "loop", "the part you hold")
    b.group("vessel", "body", "neck", "base").alias("vessel", "pot", "jar")
    b.alias("base", "foot", "bottom", "the part it stands on").alias("body", "belly", "bulb", "the wide part")
    b.alias("neck", "throat", "narrow part", "collar").alias("rim", "lip", "mouth", "opening")
    b.alias("inside", "interior", "cavity", "the part that holds water")
    return b.build("vase", ground=True, variant=variant)


def make_watering_can(rng: np.random.Generator) -> ProceduralObject:
    """Watering can: "body", "spout" (long, from low on the body), maybe a "rose" on its tip, "handle", "opening"."""
    variant = pick_variant(rng, ["garden can with rose", "plastic can", "indoor can"])
    small = variant == "indoor can"
    r, h = (rng.uniform(0.05, 0.065), rng.uniform(0.1, 0.13)) if small else (rng.uniform(0.09, 0.12), rng.uniform(0.2, 0.28))
    color = pick(rng, METAL + BRIGHT)
    b = PartMesh()
    b.add("body", revolve(np.array([(0.0, 0.0), (r, 0.0), (r, h), (r * 0.85, h + 0.015), (0.0, h + 0.015)]), 40), color)
    r_open = r * 0.4
    b.add("opening", revolve(np.array([(r_open, h + 0.01), (r_open + 0.006, h + 0.01), (r_open + 0.006, h + 0.03),
                                       (r_open, h + 0.03), (r_open, h + 0.01)]), 32), jitter(rng, color, 0.08))
    length = rng.uniform(0.25, 0.35) * (0.7 if small else 1.0)
    ang = np.deg2rad(rng.uniform(35, 50))
    p0 = np.array([r - 0.005, 0.0, h * 0.2])
    p1 = p0 + length * np.array([np.cos(ang), 0.0, np.sin(ang)])
    b.add("spout", tube(np.linspace(p0, p1, 8), np.linspace(0.016, 0.007, 8) * (0.6 if small else 1.0), 12), color)
    if variant == "garden can with rose":
        d = (p1 - p0) / length
        rose = cylinder(0.012, 0.02, 0.0, 20, 0.035)
        rot = (0.0, np.pi / 2 - ang, 0.0)  # z axis onto the spout direction
        b.add("rose", transform(rose, rot, p1 - 0.004 * d), jitter(rng, color, 0.1))
        b.alias("rose", "sprinkler head", "sprayer", "the part the water sprinkles from")
    if variant == "plastic can":
        grip = loop_handle((-r * 0.3, 0, h + 0.014), (-r + 0.003, 0, h * 0.3), (-rng.uniform(0.06, 0.08), 0, 0.06), 0.011, 20)
    else:
        grip = loop_handle((-r * 0.6, 0, h + 0.012), (r_open, 0, h + 0.02), (0, 0, rng.uniform(0.05, 0.08)), 0.008, 20)
    b.add("handle", grip, pick(rng, [color] + DARK))
    b.alias("body", "tank", "container", "the part that holds water").alias("spout", "nozzle", "pipe", "the part water pours from")
    b.alias("handle", *HOLD, "carrying handle").alias("opening", "fill hole", "filler neck", "the hole you fill it through")
    return b.build("watering can", ground=True, variant=variant)


def make_trash_can(rng: np.random.Generator) -> ProceduralObject:
    """Trash can: "body" (with an "inside"), and by variant a "lid" and "pedal" (pedal bin), a swinging "flap",
    or a "lid", "wheel"s and a "handle" (wheelie bin); an open bin has a "rim"."""
    variant = pick_variant(rng, ["pedal bin", "swing-top bin", "open bin", "wheelie bin"])
    color, dark = pick(rng, METAL + BRIGHT + DARK), pick(rng, DARK)
    b = PartMesh()
    if variant == "wheelie bin":
        w, d, h = rng.uniform(0.5, 0.6), rng.uniform(0.55, 0.7), rng.uniform(0.9, 1.05)
        b.add("body", box((w, d, h - 0.06), (0, 0, (h - 0.06) / 2 + 0.03)), color)
        b.add("lid", box((w + 0.03, d + 0.05, 0.04), (0, 0.01, h - 0.01)), jitter(rng, color, 0.1))
        for s in (-1, 1):
            wheel = transform(cylinder(0.1, 0.05, -0.025, 24), (0, np.pi / 2, 0), (s * (w / 2 + 0.03), -d / 2 + 0.05, 0.1))
            b.add("wheel", wheel, dark)
        bar = np.array([[-w / 2, -d / 2 - 0.001, h - 0.08], [-w / 2, -d / 2 - 0.06, h - 0.06], [w / 2, -d / 2 - 0.06, h - 0.06],
                        [w / 2, -d / 2 - 0.001, h - 0.08]])
        b.add("handle", tube(bar, 0.014, 10), jitter(rng, color, 0.1))
        b.alias("wheel", "roller", "castor", "the round part it rolls on").alias("handle", *HOLD, "push bar")
    else:
        r = rng.uniform(0.11, 0.16)
        h = r * rng.uniform(2.0, 2.8)
        top = r * rng.uniform(1.0, 1.12)
        outer = np.array([(0.0, 0.0), (r - 0.01, 0.0), (r, 0.01), (top, h)])
        band = 0.015 if variant == "open bin" else 0.0

        def name(z: float, side: str) -> str:
            if band and (side == "top" or z > h - band):
                return "rim"
            return "inside" if side == "inner" and variant == "open bin" else "body"  # a lid hides the inside

        parts = {"body": color, "inside": pick(rng, DARK), "rim": jitter(rng, color, 0.1)}
        add_container(b, outer, 0.003, name, parts, splits=(h - band,) if band else ())
        if variant == "pedal bin":
            b.add("lid", revolve(np.array([(0.0, h), (top + 0.004, h), (top + 0.004, h + 0.012), (top * 0.7, h + 0.028),
                                           (0.0, h + 0.03)]), 40), jitter(rng, color, 0.06))
            b.add("pedal", box((0.06, 0.08, 0.012), (r + 0.025, 0, 0.03)), dark)
            b.add("hinge", transform(cylinder(0.006, 0.08, -0.04, 12), (np.pi / 2, 0, 0), (-top - 0.004, 0, h + 0.006)), dark)
            b.alias("pedal", "foot pedal", "step", "the part you press with your foot")
            b.alias("hinge", "lid hinge", "pivot", "joint")
        elif variant == "swing-top bin":
            b.add("lid", revolve(np.array([(0.0, h), (top + 0.006, h), (top + 0.006, h + 0.02), (top * 0.95, h + 0.1),
                                           (0.0, h + 0.13)]), 40), jitter(rng, color, 0.06))
            b.add("flap", box((0.004, top * 0.9, 0.05), (top * 1.0 + 0.004, 0, h + 0.055)), dark)  # on the lid's front
            b.alias("flap", "swing flap", "door", "the part you push rubbish through")
        else:
            b.alias("rim", "lip", "edge", "top edge")
    b.alias("body", "bin", "container", "the part that holds rubbish").alias("lid", "cover", "top", "the part you open")
    b.alias("inside", "interior", "cavity", "inner wall")
    return b.build("trash can", ground=True, variant=variant)


def make_basket(rng: np.random.Generator) -> ProceduralObject:
    """Basket: "body" (with "inside", "base"), "rim", and an arched "handle" over the top, two side "handle"s
    (square laundry basket) or a picnic basket's "lid"."""
    variant = pick_variant(rng, ["round basket", "laundry basket", "picnic basket"])
    color = pick(rng, WOOD + BRIGHT + PALE)
    b = PartMesh()
    square = variant != "round basket"
    r = rng.uniform(0.12, 0.18) * (1.8 if variant == "laundry basket" else 1.0)
    h = r * rng.uniform(0.6, 0.9)
    flare = rng.uniform(1.05, 1.2)
    outer = np.array([(0.0, 0.0), (r - 0.01, 0.0), (r, 0.01), (r * flare, h)])

    def name(z: float, side: str) -> str:
        if side == "top" or z > h - 0.015:
            return "rim"
        return {"bottom": "base", "inner": "inside"}.get(side, "body")

    add_container(b, outer, 0.006, name, {"base": color, "body": color, "inside": jitter(rng, color, 0.05),
                                          "rim": jitter(rng, color, 0.1)},
                  sides=4 if square else 40, splits=(h - 0.015,), turn=np.pi / 4 if square else 0.0)
    half = r * flare * (np.sqrt(0.5) if square else 1.0)
    if variant == "laundry basket":
        for s in (-1, 1):
            b.add("handle", box((0.02, 0.12, 0.03), (s * (half + 0.006), 0, h - 0.04)), jitter(rng, color, 0.1))
        b.alias("handle", "hand hole", "side grip", "the part you lift it by")
    else:
        b.add("handle", loop_handle((-half + 0.003, 0, h - 0.01), (half - 0.003, 0, h - 0.01), (0, 0, rng.uniform(0.1, 0.2)), 0.008, 24),
              jitter(rng, color, 0.08))
        b.alias("handle", "arched handle", "bail", "the part you carry it by")
    if variant == "picnic basket":
        for s in (-1, 1):
            b.add("lid", box((half - 0.01, 2 * half, 0.008), (s * half / 2, 0, h + 0.004)), jitter(rng, color, 0.06))
        b.alias("lid", "cover", "flap", "the part you open")
    b.group("container", "base", "body", "inside").alias("container", "basket body", "the part that holds things")
    b.alias("body", "side", "wicker", "wall").alias("base", "bottom", "floor", "underside")
    b.alias("rim", "edge", "lip", "top edge").alias("inside", "interior", "cavity", "inner wall")
    return b.build("basket", ground=True, variant=variant)


def make_storage_box(rng: np.random.Generator) -> ProceduralObject:
    """Storage box: "bottom" and four "side"s (group "body"), and a "lid" resting on top, hinged open on a "hinge",
    or none (a crate with a "handle" hole in each end)."""
    variant = pick_variant(rng, ["lidded box", "hinged box", "crate"])
    w, d = rng.uniform(0.25, 0.5), rng.uniform(0.18, 0.35)
    h, t = rng.uniform(0.12, 0.3), rng.uniform(0.004, 0.012)
    color = pick(rng, WOOD + BRIGHT + PALE + DARK)
    b = PartMesh()
    b.add("bottom", box((w, d, t), (0, 0, t / 2)), color)
    for s in (-1, 1):
        b.add("side", box((t, d, h), (s * (w - t) / 2, 0, h / 2)), color)
        b.add("side", box((w - 2 * t, t, h), (0, s * (d - t) / 2, h / 2)), color)
    lid_c = jitter(rng, color, 0.08)
    if variant == "lidded box":
        b.add("lid", box((w + 0.01, d + 0.01, 0.012), (0, 0, h + 0.006)), lid_c)
        b.add("lid", box((w + 0.01, 0.006, 0.02), (0, (d + 0.01) / 2, h)), lid_c)
        b.add("lid", box((w + 0.01, 0.006, 0.02), (0, -(d + 0.01) / 2, h)), lid_c)
        b.alias("lid", "cover", "top", "the part you lift off")
    elif variant == "hinged box":
        open_a = np.deg2rad(rng.uniform(60, 110))
        lid = transform(box((w, d, t), (0, d / 2, t / 2)), (open_a, 0, 0), (0, -d / 2, h))
        b.add("lid", lid, lid_c)
        b.add("hinge", transform(cylinder(0.005, w * 0.8, -w * 0.4, 12), (0, np.pi / 2, 0), (0, -d / 2, h)), pick(rng, METAL))
        b.add("latch", box((0.02, 0.004, 0.025), (0, d / 2 + 0.002, h - 0.012)), pick(rng, METAL))
        b.alias("lid", "cover", "top", "the part you open").alias("hinge", "pivot", "joint", "the part the lid turns on")
        b.alias("latch", "clasp", "catch", "lock")
    else:
        for s in (-1, 1):
            b.add("handle", box((0.004, d * 0.35, 0.03), (s * (w / 2 + 0.001), 0, h * 0.8)), pick(rng, DARK))
        b.alias("handle", "hand hole", "grip", "the part you lift it by")
    b.group("body", "bottom", "side").alias("body", "box", "container", "the part that holds things")
    b.alias("bottom", "base", "floor", "underside").alias("side", "wall", "side panel", "end")
    return b.build("storage box", ground=True, variant=variant)


def make_spray_bottle(rng: np.random.Generator) -> ProceduralObject:
    """Spray bottle: "bottle" (round or flat), "neck", "collar", and a sprayer ("head", "nozzle", a "trigger"
    or a "pump" button)."""
    variant = pick_variant(rng, ["round trigger sprayer", "flat trigger sprayer", "mist pump bottle"])
    mist = variant == "mist pump bottle"
    r = rng.uniform(0.025, 0.03) if mist else rng.uniform(0.035, 0.045)
    h = r * rng.uniform(2.5, 3.5) if mist else rng.uniform(0.16, 0.2)
    color, head_c = pick(rng, BRIGHT + PALE), pick(rng, BRIGHT + DARK + PALE)
    r_neck = 0.012 if mist else 0.014
    b = PartMesh()
    shoulder = np.array([(r, h), (r * 0.8, h + 0.015), (r_neck, h + 0.025)])
    bottle = revolve(np.vstack([[(0.0, 0.0), (r, 0.0)], shoulder, [(0.0, h + 0.025)]]), 40)
    if variant == "flat trigger sprayer":
        v = np.asarray(bottle.vertices) * np.array([1.0, 0.6, 1.0])
        bottle.vertices = o3d.utility.Vector3dVector(v)
    b.add("bottle", bottle, color)
    z = h + 0.025
    b.add("neck", cylinder(r_neck, 0.012, z - 0.002, 24), color)
    z += 0.01
    b.add("collar", cylinder(r_neck + 0.004, 0.016, z, 24), head_c)
    z += 0.016
    if mist:
        b.add("pump", cylinder(r_neck * 0.9, 0.018, z, 24), head_c)
        b.add("nozzle", transform(cylinder(0.003, 0.006, 0.0, 10), (0, np.pi / 2, 0), (r_neck * 0.9, 0, z + 0.012)), pick(rng, DARK))
        b.group("sprayer", "pump", "nozzle", "collar").alias("pump", "button", "actuator", "the part you press")
    else:
        hw, hl = 0.028, rng.uniform(0.07, 0.09)
        b.add("head", box((hl, hw, 0.035), (hl / 2 - 0.02, 0, z + 0.017)), head_c)
        b.add("nozzle", box((0.012, 0.016, 0.016), (hl - 0.014, 0, z + 0.02)), pick(rng, DARK + BRIGHT))
        trig = np.array([[hl - 0.035, 0, z], [hl - 0.028, 0, z - 0.03], [hl - 0.04, 0, z - 0.055]])
        b.add("trigger", tube(trig, 0.006, 10), jitter(rng, head_c, 0.1))
        b.group("sprayer", "head", "nozzle", "trigger", "collar").alias("head", "sprayer head", "housing", "shroud")
        b.alias("trigger", "lever", "the part you squeeze", "handle")
    b.alias("sprayer", "spray head", "top", "the spraying part")
    b.alias("bottle", "body", "container", "the part that holds liquid").alias("neck", "bottleneck", "opening", "throat")
    b.alias("collar", "cap", "screw cap", "closure").alias("nozzle", "tip", "spout", "the part it sprays from")
    return b.build("spray bottle", ground=True, variant=variant)


def make_soap_dispenser(rng: np.random.Generator) -> ProceduralObject:
    """Soap dispenser: "bottle", "collar", pump "head" with a spout ("nozzle") on a "stem"."""
    variant = pick_variant(rng, ["round dispenser", "square dispenser"])
    r, h = rng.uniform(0.03, 0.04), rng.uniform(0.1, 0.15)
    color, pump = pick(rng, PALE + BRIGHT), pick(rng, METAL + DARK + PALE)
    b = PartMesh()
    sides = 4 if variant == "square dispenser" else 40
    prof = np.array([(0.0, 0.0), (r, 0.0), (r, h), (r * 0.7, h + 0.012), (0.0, h + 0.012)])
    bottle = revolve(prof, sides)
    if sides == 4:
        bottle.rotate(o3d.geometry.get_rotation_matrix_from_xyz((0, 0, np.pi / 4)), center=(0, 0, 0))
    b.add("bottle", bottle, color)
    z = h + 0.012
    b.add("collar", cylinder(0.016, 0.015, z - 0.002, 24), pump)
    z += 0.013
    stem_h = rng.uniform(0.015, 0.03)
    b.add("stem", cylinder(0.005, stem_h, z, 16), pump)
    z += stem_h
    b.add("head", box((0.03, 0.02, 0.02), (0.005, 0, z + 0.01)), pump)
    b.add("nozzle", transform(cylinder(0.004, 0.03, 0.0, 12), (0, np.pi / 2 + 0.2, 0), (0.018, 0, z + 0.012)), pump)
    b.group("pump", "collar", "stem", "head", "nozzle").alias("pump", "dispenser pump", "pump top", "the part you press")
    b.alias("bottle", "body", "container", "reservoir").alias("collar", "cap", "screw cap", "closure")
    b.alias("stem", "shaft", "pump stem", "neck").alias("head", "button", "actuator", "the part you press down")
    b.alias("nozzle", "spout", "outlet", "the part the soap comes out of")
    return b.build("soap dispenser", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "jar": [make_jar],
    "vase": [make_vase],
    "watering can": [make_watering_can],
    "trash can": [make_trash_can],
    "basket": [make_basket],
    "storage box": [make_storage_box],
    "spray bottle": [make_spray_bottle],
    "soap dispenser": [make_soap_dispenser],
}
