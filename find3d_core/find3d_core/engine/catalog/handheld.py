"""Small handheld things: pens, staplers, lighters, umbrellas, toothbrushes (USB sticks: `electronics.py`).

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import along_x
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
    extrude,
    jitter,
    pick,
    pick_variant,
    revolve,
    transform,
    tube,
)


def make_pen(rng: np.random.Generator) -> ProceduralObject:
    """Pen lying flat, writing end at +x: "body" (barrel), "tip", "clip"; a capped pen or marker has a "cap" over
    the tip (hiding it) or posted on the back end, a click pen a "button" at the back and a rubber "grip"."""
    variant = pick_variant(rng, ["capped pen", "click pen", "marker"])
    r = rng.uniform(0.004, 0.0055) if variant != "marker" else rng.uniform(0.007, 0.009)
    length = rng.uniform(0.13, 0.15)
    color, accent = pick(rng, BRIGHT + DARK + PALE), pick(rng, BRIGHT + DARK + METAL)
    b = PartMesh()
    posted = False
    tip_l = 0.012 if variant != "marker" else 0.008
    body_l = length - tip_l
    b.add("body", along_x(cylinder(r, body_l, 0.0, 20), (0.0, 0.0, r)), color)
    tip = along_x(cylinder(r * 0.85, tip_l, 0.0, 20, r * 0.15), (body_l, 0.0, r))  # added below unless a cap covers it
    if variant == "click pen":
        b.add("button", along_x(cylinder(r * 0.55, 0.01, 0.0, 12), (-0.009, 0.0, r)), accent)
        b.add("grip", along_x(cylinder(r * 1.08, body_l * 0.25, 0.0, 20), (body_l * 0.7, 0.0, r)), pick(rng, DARK))
        clip_x = 0.012
        b.alias("button", "plunger", "clicker", "the part you press").alias("grip", "rubber grip", "grip section", "the part you hold")
    else:
        cap_l = body_l * 0.35
        posted = rng.random() < 0.5  # the cap pushed onto the back end, leaving the tip bare
        x_cap = -cap_l * 0.6 if posted else length - cap_l + 0.004
        b.add("cap", along_x(cylinder(r * 1.15, cap_l, 0.0, 20, r * 1.1), (x_cap, 0.0, r)), accent)
        clip_x = x_cap + 0.004
        b.alias("cap", "lid", "top", "the part you pull off")
    if variant == "click pen" or posted:
        b.add("tip", tip, pick(rng, METAL + DARK))
    b.add("clip", box((0.035, 0.003, 0.0015), (clip_x + 0.0175, 0, 2 * r + (0.002 if variant == "click pen" else 0.003))), pick(rng, METAL))
    b.alias("body", "barrel", "shaft", "the part you hold").alias("tip", "nib", "point", "the writing end")
    b.alias("clip", "pocket clip", "clasp", "the part that clips to a pocket")
    return b.build("pen", ground=True, variant=variant)


def make_stapler(rng: np.random.Generator) -> ProceduralObject:
    """Desk stapler along x: "base" with the "anvil" plate, "arm" (the top you press, holding the magazine),
    "hinge" at the back; closed or opened up."""
    variant = pick_variant(rng, ["closed stapler", "open stapler", "mini stapler"])
    length = rng.uniform(0.14, 0.18) if variant != "mini stapler" else rng.uniform(0.07, 0.09)
    w = length * rng.uniform(0.2, 0.26)
    color, metal = pick(rng, DARK + BRIGHT), pick(rng, METAL)
    b = PartMesh()
    t = length * 0.06
    b.add("base", box((length, w, t), (0, 0, t / 2)), pick(rng, DARK))
    b.add("anvil", box((0.025 * length / 0.16, w * 0.55, 0.0015), (length * 0.4, 0, t + 0.0007)), metal)
    open_a = np.deg2rad(rng.uniform(25, 50)) if variant == "open stapler" else 0.0
    arm_h = length * 0.13
    hinge_x, hinge_z = -length / 2 + 0.01, t + arm_h * 0.4
    arm = box((length * 0.95, w * 0.9, arm_h), (length * 0.475 - 0.01, 0, arm_h / 2 - arm_h * 0.4 + 0.003))
    b.add("arm", transform(arm, (0, -open_a, 0), (hinge_x, 0, hinge_z)), color)
    b.add("hinge", transform(cylinder(arm_h * 0.4, w * 0.95, -w * 0.475, 16), (np.pi / 2, 0, 0), (hinge_x, 0, hinge_z)), metal)
    b.group("top", "arm", "hinge").alias("top", "upper part", "head")
    b.alias("base", "bottom", "foot", "the part it stands on").alias("anvil", "plate", "crimp plate", "the part that bends the staple")
    b.alias("arm", "handle", "lever", "the part you press").alias("hinge", "pivot", "joint", "the back end")
    return b.build("stapler", ground=True, variant=variant)


def make_lighter(rng: np.random.Generator) -> ProceduralObject:
    """Lighter standing upright: disposable ("body", "wheel", "button", metal "hood") or flip-top ("body", "lid" open
    on a "hinge", "chimney", "wheel")."""
    variant = pick_variant(rng, ["disposable lighter", "flip-top lighter"])
    b = PartMesh()
    metal, dark = pick(rng, METAL), pick(rng, DARK)
    if variant == "disposable lighter":
        w, d, h = rng.uniform(0.022, 0.026), rng.uniform(0.011, 0.013), rng.uniform(0.065, 0.08)
        prof = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, h), (0.0, h)])
        body = revolve(prof, 24)
        v = np.asarray(body.vertices) * np.array([w / 2, d / 2, 1.0])
        body.vertices = o3d.utility.Vector3dVector(v)
        b.add("body", body, pick(rng, BRIGHT + PALE))
        b.add("button", box((w * 0.45, d * 0.8, 0.006), (w * 0.18, 0, h + 0.003)), dark)
        b.add("hood", box((w * 0.5, d * 0.95, 0.012), (-w * 0.2, 0, h + 0.006)), metal)
        b.add("wheel", transform(cylinder(0.004, d * 0.6, -d * 0.3, 16), (np.pi / 2, 0, 0), (w * 0.06, 0, h + 0.008)), dark)
        b.alias("button", "lever", "gas lever", "the part you press").alias("hood", "wind guard", "metal cap", "flame guard")
    else:
        w, d, h = rng.uniform(0.036, 0.04), rng.uniform(0.012, 0.014), rng.uniform(0.04, 0.045)
        b.add("body", box((w, d, h), (0, 0, h / 2)), metal)
        b.add("chimney", box((w * 0.5, d * 0.85, 0.018), (w * 0.12, 0, h + 0.009)), jitter(rng, metal, 0.05))
        b.add("wheel", transform(cylinder(0.0045, d * 0.5, -d * 0.25, 16), (np.pi / 2, 0, 0), (-w * 0.22, 0, h + 0.01)), dark)
        lid_h = h * 0.35
        open_a = np.deg2rad(rng.uniform(90, 150))
        lid = transform(box((w, d, lid_h), (w / 2, 0, lid_h / 2)), (0, -open_a, 0), (-w / 2, 0, h))
        b.add("lid", lid, jitter(rng, metal, 0.06))
        b.add("hinge", transform(cylinder(0.002, d * 0.9, -d * 0.45, 10), (np.pi / 2, 0, 0), (-w / 2, 0, h)), dark)
        b.alias("lid", "cap", "cover", "the part that flips open").alias("chimney", "wind guard", "vent", "the part with holes")
        b.alias("hinge", "pivot", "joint", "the lid hinge")
    b.alias("body", "case", "fuel tank", *HOLD).alias("wheel", "spark wheel", "flint wheel", "the part you spin")
    return b.build("lighter", ground=True, variant=variant)


def make_umbrella(rng: np.random.Generator) -> ProceduralObject:
    """Umbrella standing on its handle: open ("canopy" of panels on "rib"s, "shaft", "tip", "handle") or closed
    (canopy furled round the shaft, held by a "strap")."""
    variant = pick_variant(rng, ["stick umbrella", "compact umbrella", "closed umbrella"])
    length = rng.uniform(0.8, 0.95) if variant != "compact umbrella" else rng.uniform(0.5, 0.6)
    color, dark = pick(rng, BRIGHT + DARK), pick(rng, DARK + WOOD)
    b = PartMesh()
    panels = int(rng.choice([8, 10]))
    handle_z = 0.12
    b.add("shaft", cylinder(0.008, length, handle_z, 10), pick(rng, METAL + DARK))
    top = handle_z + length
    if variant == "closed umbrella":
        prof = np.array([(0.0, handle_z + 0.15), (0.025, handle_z + 0.3), (0.035, top - 0.25), (0.008, top - 0.02), (0.0, top - 0.02)])
        b.add("canopy", revolve(prof, panels), color)
        b.add("strap", cylinder(0.037, 0.025, top - 0.45, panels), jitter(rng, color, 0.12))
        b.alias("strap", "band", "tie", "the part that keeps it closed")
    else:
        r = rng.uniform(0.45, 0.55) if variant == "stick umbrella" else rng.uniform(0.4, 0.48)
        drop = r * 0.45
        ang = np.linspace(0.0, np.pi / 2, 8)
        outer = np.column_stack([r * np.sin(ang), top - drop + drop * np.cos(ang)])  # from the top out to the edge
        b.add("canopy", revolve(np.vstack([outer, outer[::-1] - [0.0, 0.004]]), panels), color)
        for k in range(panels):
            a = 2 * np.pi * k / panels
            rib = np.column_stack([outer[:, 0] * np.cos(a), outer[:, 0] * np.sin(a), outer[:, 1] - 0.006])
            b.add("rib", tube(rib, 0.0025), pick(rng, METAL + DARK))
        b.alias("rib", "spoke", "frame", "stretcher")
    b.add("tip", cylinder(0.01, 0.07, top, 10, 0.003), dark)
    if variant == "compact umbrella":
        b.add("handle", cylinder(0.015, handle_z + 0.01, 0.0, 16), dark)
    else:
        hook = np.array([[0, 0, handle_z + 0.01], [0, 0, 0.06], [0.01, 0, 0.015], [0.04, 0, 0.0], [0.07, 0, 0.015], [0.08, 0, 0.045]])
        b.add("handle", tube(hook, 0.012), dark)
    b.alias("canopy", "cover", "fabric", "the part that keeps the rain off").alias("shaft", "pole", "stick", "stem")
    b.alias("tip", "ferrule", "top", "the point on top").alias("handle", "crook", *HOLD)
    return b.build("umbrella", ground=True, variant=variant)


def make_toothbrush(rng: np.random.Generator) -> ProceduralObject:
    """Toothbrush lying flat: "handle", "neck", "head" with "bristles"; an electric one has a round head on a
    thick "body" with a power "button"."""
    variant = pick_variant(rng, ["manual toothbrush", "electric toothbrush"])
    color, bristle = pick(rng, BRIGHT + PALE), pick(rng, [(0.95, 0.95, 0.95), (0.3, 0.6, 0.9), (0.9, 0.4, 0.5)])
    b = PartMesh()
    if variant == "manual toothbrush":
        hl, t = rng.uniform(0.11, 0.13), 0.008
        grip = np.array([[0.0, -0.005], [-hl * 0.4, -0.007], [-hl, -0.006], [-hl - 0.004, 0.0], [-hl, 0.006], [-hl * 0.4, 0.007], [0.0, 0.005]])
        b.add("handle", extrude(grip, t), color)
        b.add("neck", box((0.04, 0.006, 0.005), (0.02, 0, 0.0025)), color)
        b.add("head", box((0.025, 0.011, 0.005), (0.0525, 0, 0.0025)), color)
        b.add("bristles", box((0.022, 0.01, 0.011), (0.0525, 0, 0.005 + 0.0055)), bristle)
        b.alias("neck", "shank", "narrow part", "stem")
    else:
        r, hl = rng.uniform(0.013, 0.017), rng.uniform(0.13, 0.16)
        b.add("handle", along_x(cylinder(r, hl, 0.0, 20, r * 0.85), (-hl, 0.0, r)), color)
        b.add("button", box((0.012, 0.008, 0.003), (-hl * 0.45, 0, 2 * r + 0.0005)), pick(rng, DARK + BRIGHT))
        b.add("neck", along_x(cylinder(0.005, 0.06, 0.0, 12, 0.004), (0.0, 0.0, r)), pick(rng, PALE))
        b.add("head", transform(cylinder(0.009, 0.008, r - 0.004, 16), translation=(0.066, 0, 0)), pick(rng, PALE))
        b.add("bristles", transform(cylinder(0.008, 0.01, r + 0.004, 16), translation=(0.066, 0, 0)), bristle)
        b.alias("button", "power button", "switch", "the part you press")
        b.alias("neck", "brush shaft", "stem", "the narrow part")
    b.group("brush head", "head", "bristles").alias("brush head", "the part you brush with", "top")
    b.alias("handle", "body", *HOLD).alias("head", "brush head base", "the end with bristles", "tip")
    b.alias("bristles", "brush", "tufts", "the soft part")
    return b.build("toothbrush", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "pen": [make_pen],
    "stapler": [make_stapler],
    "lighter": [make_lighter],
    "umbrella": [make_umbrella],
    "toothbrush": [make_toothbrush],
}
