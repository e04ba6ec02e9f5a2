"""Kitchenware and containers: mugs, bottles, bowls, kettles, pans, knives, spatulas, buckets.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.procedural import (
    Builder, PartMesh, ProceduralObject, arc, jitter, pick, box, cylinder, ellipsoid, extrude, revolve, revolve_parts, transform, tube, METAL, DARK, WOOD, BRIGHT, PALE, HOLD, pick_variant, arch,
)


def make_mug(rng: np.random.Generator) -> ProceduralObject:
    """Mug: "body" (outer wall, base, inside), "rim" (top lip), "handle" (on +x)."""
    h = rng.uniform(0.085, 0.105)
    r_bot = rng.uniform(0.035, 0.042)
    r_top = r_bot * rng.uniform(1.0, 1.12)  # slight flare
    wall = rng.uniform(0.003, 0.005)
    lip = 0.006  # height of the band counted as rim
    color = pick(rng, [(0.85, 0.85, 0.82), (0.75, 0.15, 0.12), (0.15, 0.3, 0.65), (0.9, 0.75, 0.2), (0.2, 0.5, 0.3)])

    def r_at(z: float, inset: float = 0.0) -> float:
        return r_bot + (r_top - r_bot) * z / h - inset

    profile = np.array(
        [
            (0.0, 0.0), (r_bot, 0.0), (r_at(h - lip), h - lip), (r_at(h), h),
            (r_at(h, wall), h), (r_at(h - lip, wall), h - lip), (r_at(wall, wall), wall), (0.0, wall),
        ]
    )
    labels = ["body", "body", "rim", "rim", "rim", "body", "body"]
    b = PartMesh()
    revolve_parts(b, profile, labels, {"body": color, "rim": jitter(rng, color, 0.03)})

    # Handle: a torus ring in the x-z plane centred on the wall, cut so that only the outer C remains;
    # its open ends sit inside the wall, so nothing pokes into the cup.
    ring = rng.uniform(0.024, 0.032)
    tube = rng.uniform(0.0045, 0.0065)
    torus = o3d.geometry.TriangleMesh.create_torus(ring, tube, 40, 12)
    torus.rotate(o3d.geometry.get_rotation_matrix_from_xyz((np.pi / 2, 0, 0)), center=(0, 0, 0))
    v = np.asarray(torus.vertices)
    v[:, 2] *= rng.uniform(1.0, 1.3)  # a little taller than wide
    zc = h * rng.uniform(0.45, 0.55)
    x_wall = r_at(zc) - wall / 2
    v[:, 0] += x_wall
    v[:, 2] += zc
    torus.vertices = o3d.utility.Vector3dVector(v)
    keep = (v[np.asarray(torus.triangles)][:, :, 0] > x_wall).all(axis=1)
    torus.remove_triangles_by_mask(~keep)
    torus.remove_unreferenced_vertices()
    b.add("handle", torus, color)
    b.alias("handle", "grip", "the part you hold").alias("rim", "lip", "edge").alias("body", "cup", "wall")
    return b.build("mug")


def make_travel_mug(rng: np.random.Generator) -> ProceduralObject:
    """Travel mug: tall "body", "lid", "handle" (a D-shaped tube)."""
    h, r = rng.uniform(0.14, 0.18), rng.uniform(0.035, 0.045)
    color = pick(rng, BRIGHT + METAL)
    b = PartMesh()
    b.add("body", cylinder(r, h, 0.0, 40, r * 1.1), color)
    b.add("lid", cylinder(r * 1.12, 0.02, h, 40, r * 1.05), pick(rng, DARK))
    path = np.array([[r, 0, h * 0.8], [r + 0.035, 0, h * 0.75], [r + 0.035, 0, h * 0.3], [r, 0, h * 0.25]])
    b.add("handle", tube(path, 0.007, 10), pick(rng, DARK))
    b.alias("handle", *HOLD).alias("lid", "cover", "top").alias("body", "cup")
    return b.build("mug", ground=True, variant="travel mug")


def make_bottle(rng: np.random.Generator) -> ProceduralObject:
    """Bottle: "body" (cylinder and shoulder), "neck", "cap"."""
    r = rng.uniform(0.028, 0.038)
    h_body = rng.uniform(0.12, 0.17)
    h_shoulder = rng.uniform(0.03, 0.05)
    r_neck = rng.uniform(0.011, 0.014)
    h_neck = rng.uniform(0.025, 0.04)
    h_cap = rng.uniform(0.015, 0.022)
    glass = pick(rng, [(0.2, 0.55, 0.3), (0.35, 0.6, 0.85), (0.55, 0.35, 0.2), (0.8, 0.8, 0.85)])
    cap = pick(rng, [(0.9, 0.1, 0.1), (0.95, 0.95, 0.95), (0.1, 0.1, 0.1), (0.95, 0.8, 0.1)])
    # Shoulder: a quarter ellipse from the body wall in to the neck.
    shoulder = arc((r_neck, h_body), (r - r_neck, h_shoulder), 0.0, np.pi / 2, 10)
    z_top = h_body + h_shoulder + h_neck
    profile = np.vstack([[(0.0, 0.0), (r, 0.0)], shoulder, [(r_neck, z_top), (0.0, z_top)]])
    labels = ["body"] * (1 + len(shoulder)) + ["neck", "neck"]
    b = PartMesh()
    revolve_parts(b, profile, labels, {"body": glass, "neck": glass})
    # Cap: a slightly wider closed cylinder over the top of the neck.
    r_cap = r_neck * rng.uniform(1.12, 1.25)
    z0 = z_top - 0.6 * h_cap
    cap_profile = np.array([(0.0, z0), (r_cap, z0), (r_cap, z0 + h_cap), (0.0, z0 + h_cap)])
    b.add("cap", revolve(cap_profile, 32), cap)
    b.alias("cap", "lid", "top", "the part you open").alias("neck", "bottleneck", "opening").alias("body", "container")
    return b.build("bottle")


def make_wine_bottle(rng: np.random.Generator) -> ProceduralObject:
    """Wine bottle: "body", "neck", "cork"/"cap", "label" (a band on the body)."""
    r, h = rng.uniform(0.035, 0.04), rng.uniform(0.18, 0.22)
    glass = pick(rng, [(0.1, 0.3, 0.15), (0.3, 0.1, 0.1), (0.8, 0.8, 0.85)])
    prof = np.vstack([[(0.0, 0.0), (r, 0.0), (r, h)], arc((0.013, h), (r - 0.013, 0.05), 0.0, np.pi / 2, 6)[1:],
                      [(0.013, h + 0.13), (0.0, h + 0.13)]])
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body"] + ["body"] * 5 + ["neck", "neck"], {"body": glass, "neck": glass})
    b.add("label", cylinder(r + 0.001, h * 0.4, h * 0.3, 40), pick(rng, PALE))
    b.add("cap", cylinder(0.015, 0.04, h + 0.1, 20), pick(rng, BRIGHT + DARK))
    b.alias("cap", "cork", "top", "the part you open").alias("label", "sticker").alias("neck", "bottleneck")
    return b.build("bottle", ground=True, variant="wine bottle")


def make_bowl(rng: np.random.Generator) -> ProceduralObject:
    """Bowl: "body" (foot, outer and inner wall) and "rim" (the top lip and a thin band below it)."""
    r = rng.uniform(0.065, 0.09)
    h = rng.uniform(0.045, 0.07)
    r_foot = r * rng.uniform(0.4, 0.55)
    wall = rng.uniform(0.003, 0.005)
    band = 0.12 * h  # height of the band counted as rim
    color = pick(rng, [(0.92, 0.9, 0.85), (0.3, 0.45, 0.75), (0.8, 0.45, 0.2), (0.55, 0.7, 0.4)])
    n = 16
    # Outer wall: quarter ellipse from the foot edge up to the rim; inner wall: offset ellipse down to the centre.
    outer = arc((r_foot, h), (r - r_foot, h), -np.pi / 2, 0.0, n)
    inner = arc((0.0, h), (r - wall, h - wall), 0.0, -np.pi / 2, n)
    profile = np.vstack([[(0.0, 0.0)], outer, inner])
    mid_z = (profile[1:, 1] + profile[:-1, 1]) / 2
    labels = ["rim" if z > h - band else "body" for z in mid_z]
    b = PartMesh()
    revolve_parts(b, profile, labels, {"body": color, "rim": jitter(rng, color, 0.05)}, sides=64)
    b.alias("rim", "lip", "edge").alias("body", "basin", "the part that holds food")
    return b.build("bowl")


def make_salad_bowl(rng: np.random.Generator) -> ProceduralObject:
    """Straight-walled bowl with a separate "foot" ring: "body", "rim", "foot"."""
    r, h = rng.uniform(0.08, 0.13), rng.uniform(0.05, 0.08)
    color = pick(rng, PALE + BRIGHT + WOOD)
    wall = 0.005
    prof = np.array([(0.0, 0.01), (r * 0.5, 0.01), (r, h - 0.006), (r, h), (r - wall, h), (r - wall, h - 0.006),
                     (r * 0.5 - wall, 0.01 + wall), (0.0, 0.01 + wall)])
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body", "rim", "rim", "rim", "body", "body"], {"body": color, "rim": jitter(rng, color)})
    b.add("foot", cylinder(r * 0.4, 0.012, 0.0, 40), jitter(rng, color))
    b.alias("rim", "lip", "edge").alias("foot", "base", "stand").alias("body", "basin", "the part that holds food")
    return b.build("bowl", ground=True, variant="salad bowl")


def make_kettle(rng: np.random.Generator) -> ProceduralObject:
    """Kettle: body, lid, knob, spout, handle (over the top or on the side)."""
    variant = pick_variant(rng, ["top handle", "side handle"])
    r, h = rng.uniform(0.07, 0.1), rng.uniform(0.12, 0.2)
    r_top = r * rng.uniform(0.55, 0.8)
    color, metal = pick(rng, METAL + BRIGHT), pick(rng, DARK)
    b = PartMesh()
    b.add("body", revolve(np.array([(0.0, 0.0), (r, 0.0), (r, 0.6 * h), (r_top, h), (0.0, h)]), 40), color)
    r_lid = r_top * 0.8
    b.add("lid", cylinder(r_lid, 0.01, h - 0.002, 32, r_lid * 0.7), jitter(rng, color))
    b.add("knob", ellipsoid((0.012, 0.012, 0.01), (0, 0, h + 0.012)), metal)
    z0 = 0.3 * h
    spout = np.array([[r * 0.9, 0, z0], [r + 0.03, 0, z0 + 0.03], [r + 0.06, 0, h * 0.85]])
    b.add("spout", tube(spout, np.linspace(0.016, 0.008, 3), 16), color)
    if variant == "top handle":
        path = arch(np.array([-r_top * 0.9, 0, h * 0.9]), np.array([r_top * 0.9, 0, h * 0.9]),
                     np.array([0, 0, rng.uniform(0.06, 0.09)]))
    else:
        path = arch(np.array([-r * 0.95, 0, h * 0.8]), np.array([-r * 0.95, 0, h * 0.25]),
                     np.array([-rng.uniform(0.04, 0.06), 0, 0]))
    b.add("handle", tube(path, 0.009, 10), metal)
    b.alias("handle", *HOLD).alias("spout", "nozzle", "the part you pour from").alias("lid", "cover", "top")
    b.alias("body", "pot", "container").alias("knob", "lid handle", "button")
    return b.build("kettle", ground=True, variant=variant)


def make_pan(rng: np.random.Generator) -> ProceduralObject:
    """Frying pan or saucepan: "bottom", "side wall" (group "body"), "handle", optional "lid"."""
    variant = pick_variant(rng, ["frying pan", "saucepan"])
    r = rng.uniform(0.1, 0.14)
    h = rng.uniform(0.035, 0.05) if variant == "frying pan" else rng.uniform(0.08, 0.12)
    flare = 1.2 if variant == "frying pan" else 1.02
    wall = 0.004
    color, handle_c = pick(rng, DARK + METAL), pick(rng, DARK + WOOD)
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
        b.add("lid", revolve(np.array([(0.0, h + 0.02), (rl, h), (rl, h + 0.003), (0.0, h + 0.023)]), 40), pick(rng, METAL))
    b.group("body", "bottom", "side wall").alias("body", "pan", "container", "the part that holds food")
    b.alias("handle", *HOLD).alias("side wall", "wall", "side").alias("bottom", "base", "floor").alias("lid", "cover")
    return b.build("pan", ground=True, variant=variant)


def make_knife(rng: np.random.Generator) -> ProceduralObject:
    """Kitchen knife lying flat: "blade", "handle", "bolster" (chef's knife) or none (paring knife)."""
    variant = pick_variant(rng, ["chef knife", "paring knife", "bread knife"])
    blade_l = rng.uniform(0.15, 0.22) if variant != "paring knife" else rng.uniform(0.07, 0.1)
    blade_w = rng.uniform(0.035, 0.05) if variant == "chef knife" else rng.uniform(0.02, 0.03)
    handle_l = rng.uniform(0.1, 0.13)
    t = np.linspace(0.0, 1.0, 12)
    edge = np.column_stack([t * blade_l, -blade_w * (1 - t**3) * 0.5])  # curved edge rising to the tip
    spine = np.column_stack([t[::-1] * blade_l, np.full(12, blade_w * 0.5) * (1 - t[::-1] ** 8)])
    b = PartMesh()
    b.add("blade", extrude(np.vstack([edge[:-1], spine]), 0.002), pick(rng, METAL))
    x0 = 0.0
    if variant == "chef knife":
        b.add("bolster", box((0.012, blade_w * 0.7, 0.012), (-0.006, 0.0, 0.001)), pick(rng, METAL))
        x0 = -0.012
    hh = blade_w * 0.55 if variant != "paring knife" else 0.02
    b.add("handle", box((handle_l, hh, 0.018), (x0 - handle_l / 2, 0.0, 0.001)), pick(rng, DARK + WOOD))
    b.alias("blade", "the part that cuts", "cutting edge").alias("handle", *HOLD).alias("bolster", "guard")
    return b.build("knife", ground=True, variant=variant)


def make_spatula(rng: np.random.Generator) -> ProceduralObject:
    """Spatula lying flat: "head" (turner plate, maybe slotted look), "neck", "handle"."""
    variant = pick_variant(rng, ["turner", "scraper"])
    head_l, head_w = rng.uniform(0.07, 0.1), rng.uniform(0.05, 0.08)
    neck_l, handle_l = rng.uniform(0.05, 0.08), rng.uniform(0.12, 0.16)
    corner = 0.3 if variant == "scraper" else 0.05
    outline = np.array([[0, -head_w / 2 * 0.6], [head_l * (1 - corner), -head_w / 2], [head_l, -head_w / 2 * (1 - corner)],
                        [head_l, head_w / 2 * (1 - corner)], [head_l * (1 - corner), head_w / 2], [0, head_w / 2 * 0.6]])
    b = PartMesh()
    b.add("head", extrude(outline, 0.003), pick(rng, DARK + BRIGHT))
    b.add("neck", box((neck_l, 0.012, 0.004), (-neck_l / 2, 0.0, 0.002)), pick(rng, METAL))
    x = -neck_l - handle_l / 2
    b.add("handle", transform(cylinder(0.011, handle_l, -handle_l / 2, 16), (0, np.pi / 2, 0), (x, 0, 0.011)),
          pick(rng, WOOD + DARK))
    b.alias("head", "blade", "turner", "the part that flips food").alias("handle", *HOLD).alias("neck", "shaft")
    return b.build("spatula", ground=True, variant=variant)


def make_bucket(rng: np.random.Generator) -> ProceduralObject:
    """Bucket: "body" (open tapered wall with a floor), "rim", "handle" (wire bail), maybe "handle grip"."""
    variant = pick_variant(rng, ["bail handle", "bail handle with grip", "no handle"])
    r_bot, h = rng.uniform(0.1, 0.13), rng.uniform(0.2, 0.3)
    r_top = r_bot * rng.uniform(1.1, 1.3)
    wall = 0.004
    prof = np.array([(0.0, 0.0), (r_bot, 0.0), (r_top, h - 0.01), (r_top + 0.006, h), (r_top - wall, h),
                     (r_top - wall, h - 0.01), (r_bot - wall, wall), (0.0, wall)])
    color = pick(rng, BRIGHT + METAL)
    b = PartMesh()
    revolve_parts(b, prof, ["body", "body", "rim", "rim", "rim", "body", "body"], {"body": color, "rim": jitter(rng, color)})
    if variant != "no handle":
        path = arch(np.array([-r_top, 0, h - 0.02]), np.array([r_top, 0, h - 0.02]), np.array([0, 0, r_top * 0.9]), 24)
        b.add("handle", tube(path, 0.003, 8), pick(rng, METAL))
        if variant == "bail handle with grip":
            b.add("handle grip", transform(cylinder(0.012, 0.08, -0.04, 16), (0, np.pi / 2, 0), (0, 0, h - 0.02 + r_top * 0.9)),
                  pick(rng, DARK))
            b.group("carrying handle", "handle", "handle grip").alias("handle grip", *HOLD)
    b.alias("body", "pail", "container", "the part that holds water").alias("handle", "bail", "carrying handle")
    b.alias("rim", "lip", "edge")
    return b.build("bucket", ground=True, variant=variant)



CATEGORIES: dict[str, list[Builder]] = {
    "mug": [make_mug, make_travel_mug],
    "bottle": [make_bottle, make_wine_bottle],
    "bowl": [make_bowl, make_salad_bowl],
    "kettle": [make_kettle],
    "pan": [make_pan],
    "knife": [make_knife],
    "spatula": [make_spatula],
    "bucket": [make_bucket],
}
