"""Kitchenware: mugs, cups, bottles, bowls, plates, kettles, teapots, pans, pots, knives, cutlery, spatulas, ladles, whisks, buckets.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.shapes import add_container, dish, loop_handle
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
    arc,
    arch,
    box,
    cylinder,
    ellipsoid,
    extrude,
    jitter,
    pick,
    pick_variant,
    revolve,
    revolve_parts,
    transform,
    tube,
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
    b.alias("handle", *HOLD).alias("lid", "cover", "top").alias("body", "cup", "tumbler", "the part that holds the drink")
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
    b.alias("cap", "cork", "top", "the part you open").alias("label", "sticker", "tag", "the printed band")
    b.alias("neck", "bottleneck", "the narrow part").alias("body", "container", "the part that holds the wine")
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


def _bezier(p0: tuple[float, float, float], p1: tuple[float, float, float], p2: tuple[float, float, float],
            n: int = 12) -> np.ndarray:
    """(n, 3) quadratic Bezier path (spouts, curved handles)."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * np.asarray(p0) + 2 * t * (1 - t) * np.asarray(p1) + t**2 * np.asarray(p2)


def _cup_namer(h: float, band: float, base: str = "base", wall: str = "wall", inside: str = "inside") -> Callable[[float, str], str]:
    """Segment names of a lathe cup: underside "base", outer "wall", a band at the top "rim", the rest "inside"."""
    def name(z: float, side: str) -> str:
        if side == "top" or z > h - band:
            return "rim"
        return {"bottom": base, "outer": wall}.get(side, inside)
    return name


def make_ceramic_mug(rng: np.random.Generator) -> ProceduralObject:
    """Mug whose C-shaped handle meets the wall at both ends: "wall", "inside", "base" (group "body"), "rim",
    "handle"; straight, thick-walled, tapered or barrel-shaped."""
    variant = pick_variant(rng, ["straight mug", "thick-walled mug", "tapered mug", "barrel mug"])
    h, r = rng.uniform(0.085, 0.11), rng.uniform(0.036, 0.044)
    wall = rng.uniform(0.006, 0.009) if variant == "thick-walled mug" else rng.uniform(0.0035, 0.005)
    z = np.linspace(0.0, h, 9)
    shape = {"tapered mug": 0.8 + 0.35 * z / h, "barrel mug": 1.0 + 0.12 * np.sin(np.pi * z / h)}
    radius = r * shape.get(variant, np.ones_like(z))
    color = pick(rng, PALE + BRIGHT + DARK)
    b = PartMesh()
    add_container(b, np.vstack([[(0.0, 0.0)], np.column_stack([radius, z])]), wall, _cup_namer(h, 0.006),
                  {"base": color, "wall": color, "inside": jitter(rng, color, 0.04), "rim": jitter(rng, color, 0.03)},
                  splits=(h - 0.006,))
    z1, z0 = h * rng.uniform(0.72, 0.85), h * rng.uniform(0.18, 0.3)
    x1, x0 = np.interp(z1, z, radius) - wall / 2, np.interp(z0, z, radius) - wall / 2
    thick = rng.uniform(0.005, 0.007) * (1.3 if variant == "thick-walled mug" else 1.0)
    b.add("handle", loop_handle((x1, 0, z1), (x0, 0, z0), (rng.uniform(0.024, 0.034), 0, 0), thick, 20), color)
    b.group("body", "base", "wall", "inside").alias("body", "cup", "container", "the part that holds the drink")
    b.alias("handle", "grip", "the part you hold", "loop").alias("rim", "lip", "edge", "the part you drink from")
    b.alias("wall", "outer wall", "side", "outside").alias("inside", "interior", "inner wall", "cavity")
    b.alias("base", "bottom", "underside", "foot")
    return b.build("mug", ground=True, variant=variant)


def make_cup(rng: np.random.Generator) -> ProceduralObject:
    """Cup: teacup or espresso cup ("wall", "inside", "base", "rim", "handle"), maybe on a "saucer";
    or a paper cup with a "sleeve" and maybe a "lid"."""
    variant = pick_variant(rng, ["teacup with saucer", "teacup", "espresso cup with saucer", "paper cup"])
    b = PartMesh()
    color = pick(rng, PALE + BRIGHT)
    names = {"base": color, "wall": color, "inside": jitter(rng, color, 0.03), "rim": jitter(rng, color, 0.03)}
    if variant == "paper cup":
        h, r = rng.uniform(0.1, 0.15), rng.uniform(0.036, 0.045)
        outer = np.array([(0.0, 0.0), (r * 0.7, 0.0), (r, h)])
        lidded = rng.random() < 0.6
        add_container(b, outer, 0.0015, _cup_namer(h, 0.005, inside="wall" if lidded else "inside"), names,  # lid hides it
                      splits=(h - 0.005,))
        zs = h * 0.3
        b.add("sleeve", cylinder(r * 0.7 + 0.3 * r * zs / h + 0.002, h * 0.35, zs, 40, r * 0.7 + 0.3 * r * (zs + h * 0.35) / h + 0.002),
              pick(rng, WOOD))
        if lidded:
            b.add("lid", revolve(np.array([(0.0, h + 0.012), (r + 0.003, h + 0.008), (r + 0.003, h - 0.004),
                                           (r - 0.002, h - 0.004), (0.0, h + 0.009)]), 40), pick(rng, PALE + DARK))
        b.alias("sleeve", "band", "cardboard sleeve", "the part you hold").alias("lid", "cover", "top", "plastic lid")
    else:
        small = variant.startswith("espresso")
        h, r_top = (rng.uniform(0.045, 0.055), rng.uniform(0.028, 0.033)) if small else (rng.uniform(0.055, 0.07), rng.uniform(0.042, 0.05))
        z = np.linspace(0.0, h, 9)
        radius = r_top * (0.55 + 0.45 * (z / h) ** 0.6)
        z_cup = 0.0
        if variant.endswith("saucer"):
            rs, rf = r_top * rng.uniform(1.6, 1.9), r_top * 0.6
            z_cup = 0.008
            b.add("saucer", revolve(np.array([(0.0, 0.0), (rf, 0.0), (rf, 0.004), (rs, 0.015), (rs, 0.018),
                                              (rs - 0.004, 0.018), (rf, z_cup), (0.0, z_cup)]), 48), jitter(rng, color, 0.03))
            b.alias("saucer", "plate", "small plate", "the dish under the cup")
        outer = np.vstack([[(0.0, z_cup)], np.column_stack([radius, z + z_cup])])
        namer = _cup_namer(h + z_cup, 0.005, base="wall" if z_cup else "base")  # a saucer hides the underside
        add_container(b, outer, 0.003, namer, names, splits=(h + z_cup - 0.005,))
        z1, z0 = z_cup + h * 0.8, z_cup + h * 0.35
        x1 = np.interp(z1 - z_cup, z, radius) - 0.0015
        x0 = np.interp(z0 - z_cup, z, radius) - 0.0015
        b.add("handle", loop_handle((x1, 0, z1), (x0, 0, z0), (rng.uniform(0.014, 0.02), 0, 0.004), 0.0035), color)
        b.alias("handle", "grip", "the part you hold", "ear")
    b.group("body", "base", "wall", "inside").alias("body", "cup", "container", "the part that holds the drink")
    b.alias("rim", "lip", "edge", "the part you drink from").alias("wall", "outer wall", "side", "outside")
    b.alias("inside", "interior", "inner wall", "cavity").alias("base", "bottom", "underside", "foot")
    return b.build("cup", ground=True, variant=variant)


def make_teapot(rng: np.random.Generator) -> ProceduralObject:
    """Teapot: round "body", "lid" with a "knob" (group "top"), curved "spout", "handle" at the side or over the top."""
    variant = pick_variant(rng, ["round teapot", "tall teapot", "teapot with top handle"])
    r = rng.uniform(0.075, 0.095)
    h = r * (rng.uniform(1.4, 1.7) if variant == "tall teapot" else rng.uniform(1.0, 1.2))
    t = np.linspace(-1.1, 1.15, 14)
    prof = np.column_stack([r * np.cos(t), h / 2 * (1 + np.sin(t))])
    prof[:, 1] -= prof[0, 1]
    r_top, z_top = prof[-1]
    color = pick(rng, PALE + BRIGHT + DARK)
    b = PartMesh()
    b.add("body", revolve(np.vstack([[(0.0, 0.0)], prof, [(0.0, z_top)]]), 40), color)
    b.add("lid", revolve(np.array([(0.0, z_top - 0.002), (r_top * 1.08, z_top - 0.002), (r_top * 1.05, z_top + 0.006),
                                   (r_top * 0.3, z_top + 0.018), (0.0, z_top + 0.019)]), 40), jitter(rng, color, 0.03))
    b.add("knob", ellipsoid((0.011, 0.011, 0.011), (0, 0, z_top + 0.026), 10), jitter(rng, color, 0.06))
    zs = z_top * 0.3
    xs = np.interp(zs, prof[:, 1], prof[:, 0]) - 0.006
    spout = _bezier((xs, 0, zs), (r + 0.045, 0, zs + 0.01), (r + 0.075, 0, z_top * 0.95), 12)
    b.add("spout", tube(spout, np.linspace(0.016, 0.007, 12), 16), color)
    if variant == "teapot with top handle":
        b.add("handle", loop_handle((-r_top * 0.9, 0, z_top), (r_top * 0.9, 0, z_top), (0, 0, rng.uniform(0.07, 0.1)), 0.006, 24),
              pick(rng, WOOD + DARK))
    else:
        z1, z0 = z_top * 0.85, z_top * 0.3
        x1, x0 = -np.interp(z1, prof[:, 1], prof[:, 0]) + 0.004, -np.interp(z0, prof[:, 1], prof[:, 0]) + 0.004
        b.add("handle", loop_handle((x1, 0, z1), (x0, 0, z0), (-rng.uniform(0.045, 0.06), 0, 0), 0.008, 20), color)
    b.group("top", "lid", "knob").alias("top", "cover", "top of the pot")
    b.alias("body", "pot", "belly", "the part that holds the tea").alias("lid", "cover", "cap", "the part you open")
    b.alias("knob", "lid handle", "finial", "button").alias("spout", "nozzle", "the part you pour from", "snout")
    b.alias("handle", "grip", "the part you hold", "loop")
    return b.build("teapot", ground=True, variant=variant)


def make_cooking_pot(rng: np.random.Generator) -> ProceduralObject:
    """Cooking pot: "base", "wall", "inside" (group "body"), "rim", two "handle"s at the rim (loops or tabs),
    maybe a "lid" with a "knob"."""
    variant = pick_variant(rng, ["stock pot", "dutch oven", "pot without lid"])
    r = rng.uniform(0.09, 0.14)
    h = r * {"stock pot": rng.uniform(1.0, 1.4), "dutch oven": rng.uniform(0.55, 0.75), "pot without lid": rng.uniform(0.7, 1.0)}[variant]
    wall = 0.004 if variant != "dutch oven" else 0.008
    color, dark = pick(rng, METAL + BRIGHT + DARK), pick(rng, DARK + METAL)
    b = PartMesh()
    outer = np.array([(0.0, 0.0), (r - 0.01, 0.0), (r, 0.01), (r, h)])
    lidded = variant != "pot without lid"
    add_container(b, outer, wall, _cup_namer(h, 0.012, inside="wall" if lidded else "inside"),  # a lid hides the inside
                  {"base": color, "wall": color, "inside": pick(rng, METAL + DARK), "rim": jitter(rng, color, 0.04)},
                  splits=(h - 0.012,))
    zh = h - min(rng.uniform(0.015, 0.03), 0.15 * h)  # handles just below the rim
    for s in (-1, 1):
        if variant == "dutch oven":
            b.add("handle", box((0.035, 0.06, 0.012), (s * (r + 0.012), 0, zh)), color)
        else:
            w = rng.uniform(0.05, 0.07)
            b.add("handle", loop_handle((s * (r - wall / 2), -w / 2, zh), (s * (r - wall / 2), w / 2, zh),
                                        (s * rng.uniform(0.025, 0.035), 0, 0.006), 0.005), dark)
    if lidded:
        dome = rng.uniform(0.01, 0.03)
        b.add("lid", revolve(np.array([(0.0, h), (r + 0.004, h), (r + 0.004, h + 0.004), (0.0, h + 0.004 + dome)]), 40),
              jitter(rng, color, 0.05))
        b.add("knob", cylinder(0.014, 0.02, h + 0.003 + dome, 20, 0.02), dark)
        b.alias("lid", "cover", "top", "the part you lift off").alias("knob", "lid handle", "button", "top grip")
    b.group("body", "base", "wall", "inside").alias("body", "pot", "container", "the part that holds food")
    b.alias("handle", "side handle", "grip", "the part you hold").alias("rim", "lip", "edge", "top edge")
    b.alias("wall", "outer wall", "side", "outside").alias("inside", "interior", "inner wall", "cavity")
    b.alias("base", "bottom", "underside", "floor")
    return b.build("pot", ground=True, variant=variant)


def make_ladle(rng: np.random.Generator) -> ProceduralObject:
    """Ladle lying on a table, resting on its "bowl" and the end of its long "handle" (or the "hook" there)."""
    variant = pick_variant(rng, ["soup ladle", "sauce ladle", "wooden ladle"])
    a = rng.uniform(0.035, 0.05) if variant != "sauce ladle" else rng.uniform(0.022, 0.03)
    c = a * rng.uniform(0.7, 0.95)
    length = rng.uniform(0.2, 0.28) if variant != "sauce ladle" else rng.uniform(0.13, 0.17)
    color = pick(rng, WOOD) if variant == "wooden ladle" else pick(rng, METAL + DARK)
    rise = rng.uniform(0.5, 0.9)
    end = np.array([-a - length * np.cos(rise * 0.7), 0, c + length * np.sin(rise * 0.7)])
    path = _bezier((-a + 0.002, 0, c - 0.001), (-a - 0.02, 0, c + 0.06), end, 14)
    pieces = {"bowl": dish((a, a, c), 0.003 if variant != "wooden ladle" else 0.006, 16),
              "handle": tube(path, 0.004 if variant != "wooden ladle" else 0.007, 10)}
    if variant == "soup ladle":
        hook = end + np.array([[0, 0, 0], [-0.012, 0, 0.006], [-0.018, 0, -0.006], [-0.012, 0, -0.018]])
        pieces["hook"] = tube(hook, 0.0035, 8)
    # Tip it back about y until the handle's far end comes down to the table the bowl sits on.
    bowl_v = np.asarray(pieces["bowl"].vertices)
    far_v = np.vstack([np.asarray(m.vertices) for n, m in pieces.items() if n != "bowl"])
    tilts = np.linspace(0.0, -1.2, 121)

    def lowest(v: np.ndarray, phi: float) -> float:
        return float((-v[:, 0] * np.sin(phi) + v[:, 2] * np.cos(phi)).min())  # z after turning by phi about y

    gap = [lowest(far_v, phi) - lowest(bowl_v, phi) for phi in tilts]
    phi = float(tilts[int(np.argmax(np.asarray(gap) <= 0.0))]) if min(gap) <= 0.0 else float(tilts[-1])
    b = PartMesh()
    for name, mesh in pieces.items():
        b.add(name, transform(mesh, (0.0, phi, 0.0)), color)
    b.alias("hook", "hanging hook", "curled end", "the end you hang it by")
    b.alias("bowl", "cup", "scoop", "the part that holds the soup").alias("handle", "grip", "the part you hold", "long stem")
    return b.build("ladle", ground=True, variant=variant)


def make_spoon(rng: np.random.Generator) -> ProceduralObject:
    """Spoon lying on its back: concave "bowl", "neck" and flat "handle"."""
    variant = pick_variant(rng, ["teaspoon", "tablespoon", "wooden spoon"])
    scale = {"teaspoon": 0.75, "tablespoon": 1.0, "wooden spoon": 1.3}[variant]
    a, w = rng.uniform(0.028, 0.034) * scale, rng.uniform(0.018, 0.022) * scale
    c = rng.uniform(0.006, 0.009) * scale
    color = pick(rng, WOOD) if variant == "wooden spoon" else pick(rng, METAL)
    t = 0.0025 if variant != "wooden spoon" else 0.006
    b = PartMesh()
    b.add("bowl", dish((a, w, c), min(0.0015 * scale, c / 2), 16), color)
    neck_l, handle_l = 0.025 * scale, rng.uniform(0.09, 0.12) * scale
    b.add("neck", box((neck_l, 0.006 * scale, t), (-a - neck_l / 2 + 0.002, 0, c - t / 2)), color)
    x0 = -a - neck_l + 0.002
    outline = np.array([[x0, -0.004 * scale], [x0 - handle_l, -0.011 * scale], [x0 - handle_l - 0.006, 0.0],
                        [x0 - handle_l, 0.011 * scale], [x0, 0.004 * scale]])
    b.add("handle", transform(extrude(outline, t), translation=(0, 0, c - t)), color)
    b.group("stem", "neck", "handle").alias("stem", "shaft", "the long part")
    b.alias("bowl", "head", "scoop", "the part that holds food").alias("handle", "grip", "the part you hold", "end")
    b.alias("neck", "throat", "narrow part", "shank")
    return b.build("spoon", ground=True, variant=variant)


def make_fork(rng: np.random.Generator) -> ProceduralObject:
    """Fork lying flat: "tine"s, the "head" they grow from, "neck", "handle" (2, 3 or 4 tines by variant)."""
    variant = pick_variant(rng, ["dinner fork", "salad fork", "serving fork"])
    n_tines = {"dinner fork": 4, "salad fork": 3, "serving fork": 2}[variant]
    tine_l = rng.uniform(0.035, 0.045) * (1.3 if variant == "serving fork" else 1.0)
    head_w = rng.uniform(0.02, 0.026)
    handle_l = rng.uniform(0.1, 0.12) * (1.3 if variant == "serving fork" else 1.0)
    t, color = 0.0025, pick(rng, METAL + DARK)
    b = PartMesh()
    ys = np.linspace(-head_w / 2 + 0.0015, head_w / 2 - 0.0015, n_tines)
    for y in ys:
        b.add("tine", box((tine_l, 0.0022, t), (tine_l / 2, y, t / 2)), color)
    head_l = 0.018
    outline = np.array([[0, -head_w / 2], [0, head_w / 2], [-head_l, 0.004], [-head_l, -0.004]])
    b.add("head", transform(extrude(outline, t), translation=(0.001, 0, 0)), color)
    neck_l = 0.02
    b.add("neck", box((neck_l, 0.006, t), (-head_l - neck_l / 2, 0, t / 2)), color)
    x0 = -head_l - neck_l
    handle = np.array([[x0, -0.003], [x0 - handle_l, -0.01], [x0 - handle_l - 0.005, 0.0], [x0 - handle_l, 0.01], [x0, 0.003]])
    b.add("handle", extrude(handle, t), color)
    b.group("prongs", "tine", "head").alias("prongs", "fork head", "the part that spears food")
    b.alias("tine", "prong", "tooth", "the pointed part").alias("head", "palm", "bridge", "base of the tines")
    b.alias("neck", "throat", "narrow part", "shank").alias("handle", "grip", "the part you hold", "end")
    return b.build("fork", ground=True, variant=variant)


def make_plate(rng: np.random.Generator) -> ProceduralObject:
    """Plate: flat "well" in the middle, sloped "rim" around it, maybe a "foot" ring underneath (soup plates are deep)."""
    variant = pick_variant(rng, ["dinner plate", "soup plate", "side plate"])
    r = rng.uniform(0.12, 0.14) if variant != "side plate" else rng.uniform(0.08, 0.1)
    rw = r * rng.uniform(0.6, 0.72)
    lift = rng.uniform(0.012, 0.018) if variant != "soup plate" else rng.uniform(0.03, 0.045)
    t, f = rng.uniform(0.004, 0.006), (0.006 if variant != "side plate" else 0.0)
    color = pick(rng, PALE + BRIGHT)
    prof = np.array([(0.0, f), (rw, f), (r, f + lift), (r, f + lift + t), (rw, f + t), (0.0, f + t)])
    b = PartMesh()
    revolve_parts(b, prof, ["well", "rim", "rim", "rim", "well"], {"well": color, "rim": jitter(rng, color, 0.05)}, 56)
    if f > 0:
        rf = rw * 0.85
        b.add("foot", revolve(np.array([(rf - 0.006, f + 0.001), (rf - 0.006, 0.0), (rf, 0.0), (rf, f + 0.001)]), 48),
              jitter(rng, color, 0.05))
        b.alias("foot", "foot ring", "base", "the ring it stands on")
    b.alias("well", "center", "middle", "the part you put food on").alias("rim", "edge", "border", "lip")
    return b.build("plate", ground=True, variant=variant)


def make_whisk(rng: np.random.Generator) -> ProceduralObject:
    """Whisk lying flat: "handle", metal "collar", wire "loop"s (balloon or flat whisk) or straight wires tipped
    with "ball"s."""
    variant = pick_variant(rng, ["balloon whisk", "flat whisk", "ball whisk"])
    hl, wl = rng.uniform(0.1, 0.13), rng.uniform(0.14, 0.2)
    r = rng.uniform(0.011, 0.014)
    width = rng.uniform(0.025, 0.035)
    metal = pick(rng, METAL)
    b = PartMesh()
    rot = (0.0, np.pi / 2, 0.0)
    b.add("handle", transform(cylinder(r, hl, -hl, 16, r * 0.8), rot, (0, 0, width)), pick(rng, DARK + WOOD + BRIGHT + METAL))
    b.add("collar", transform(cylinder(r * 0.8, 0.015, 0.0, 16, r * 0.6), rot, (0, 0, width)), metal)
    n = {"balloon whisk": 8, "flat whisk": 4, "ball whisk": 9}[variant]
    for k in range(n):
        if variant == "flat whisk":
            a, spread = 0.0, width * (0.4 + 0.6 * k / (n - 1))  # nested loops in one plane
        else:
            a, spread = np.pi * k / n, width
        d = np.array([0.0, np.cos(a), np.sin(a)])
        if variant == "ball whisk":
            tip = np.array([0.015 + wl, 0, width]) + spread * 0.6 * d * (1 if k % 2 else -1)
            b.add("wire", tube(np.array([[0.01, 0, width], tip]), 0.0009, 6), metal)
            b.add("ball", ellipsoid((0.0035, 0.0035, 0.0035), tuple(tip), 8), metal)
        else:
            t = np.linspace(-np.pi / 2, np.pi / 2, 17)
            # A loop from the collar out to the far end and back: a tear-drop, widest two thirds of the way out.
            x = 0.012 + wl * np.cos(t)
            lat = spread * np.sin(t) * np.clip(np.cos(t) * 1.6, 0, 1) ** 0.5 * (x - 0.012) / wl * 1.6
            pts = np.array([0.0, 0.0, width]) + x[:, None] * np.array([1.0, 0, 0]) + lat[:, None] * d
            b.add("wire", tube(pts, 0.0009, 6), metal)
    if variant == "ball whisk":
        b.alias("ball", "ball tip", "bead", "the round ends")
    b.group("whisk head", "wire", "ball").alias("whisk head", "beater", "the part that whisks")
    b.alias("wire", "loop", "tines", "wires").alias("handle", *HOLD, "shaft").alias("collar", "ferrule", "neck", "metal band")
    return b.build("whisk", ground=True, variant=variant)


def make_sports_bottle(rng: np.random.Generator) -> ProceduralObject:
    """Reusable water bottle: "body", screw "cap" with a drinking "spout" or a carry "loop"."""
    variant = pick_variant(rng, ["spout bottle", "loop-cap bottle"])
    r, h = rng.uniform(0.032, 0.04), rng.uniform(0.17, 0.23)
    color, cap_c = pick(rng, BRIGHT + METAL), pick(rng, DARK + BRIGHT)
    b = PartMesh()
    prof = np.array([(0.0, 0.0), (r - 0.004, 0.0), (r, 0.004), (r, h * 0.45), (r * 0.9, h * 0.5), (r, h * 0.55), (r, h),
                     (r * 0.8, h + 0.012), (0.0, h + 0.012)])
    b.add("body", revolve(prof, 40), color)
    b.add("cap", cylinder(r * 0.85, 0.025, h + 0.01, 32, r * 0.8), cap_c)
    top = h + 0.035
    if variant == "spout bottle":
        b.add("spout", cylinder(0.01, 0.02, top, 16, 0.007), pick(rng, PALE + DARK))
        b.alias("spout", "mouthpiece", "nozzle", "the part you drink from")
    else:
        b.add("loop", tube(arch(np.array([-r * 0.5, 0, top - 0.003]), np.array([r * 0.5, 0, top - 0.003]), np.array([0, 0, 0.025]), 14),
                           0.004, 8), cap_c)
        b.alias("loop", "carry loop", "handle", "the part you carry it by")
    b.alias("cap", "lid", "top", "the part you unscrew").alias("body", "container", "flask", "the part that holds water")
    return b.build("bottle", ground=True, variant=variant)


def make_electric_kettle(rng: np.random.Generator) -> ProceduralObject:
    """Electric kettle on its power "base": "body" (a jug kettle's with a water "window"), hinged "lid" with a "button" to open it,
    short "spout", tall "handle" at the back, on/off "switch" at the handle's foot."""
    variant = pick_variant(rng, ["jug kettle", "round electric kettle"])
    r = rng.uniform(0.07, 0.085)
    h = rng.uniform(0.2, 0.25) if variant == "jug kettle" else rng.uniform(0.16, 0.19)
    color, dark = pick(rng, METAL + PALE + BRIGHT + DARK), pick(rng, DARK)
    base_h = 0.02
    b = PartMesh()
    b.add("base", cylinder(r * 1.1, base_h, 0.0, 40, r * 1.05), dark)
    top_r = r * (0.85 if variant == "jug kettle" else 0.65)
    bulge = 1.0 if variant == "jug kettle" else 1.12
    prof = np.array([(0.0, base_h), (r, base_h), (r * bulge, base_h + h * 0.4), (top_r, base_h + h), (0.0, base_h + h)])
    b.add("body", revolve(prof, 40), color)
    z_top = base_h + h
    b.add("lid", cylinder(top_r * 0.9, 0.012, z_top - 0.002, 32, top_r * 0.8), jitter(rng, color, 0.06))
    b.add("button", box((0.02, 0.015, 0.008), (-top_r * 0.6, 0, z_top + 0.012)), dark)
    wz = base_h + h * 0.15
    if variant == "jug kettle":  # on the straight lower wall; a round kettle's bulge would hide it
        b.add("window", box((0.018, 0.004, h * 0.3), (0.0, -r * 1.005, wz + h * 0.15)), (0.6, 0.75, 0.85))
        b.alias("window", "water gauge", "level window", "the clear strip")
    spout = np.array([(r * 0.5, z_top - 0.03), (top_r + 0.03, z_top), (top_r + 0.035, z_top + 0.004), (r * 0.5, z_top - 0.02)])
    b.add("spout", transform(extrude(spout, 0.04), (np.pi / 2, 0, 0), (0, 0.02, 0)), color)  # outline in x-z, 4 cm wide
    x_back = -r * 0.95
    path = np.array([[x_back + 0.005, 0, z_top - 0.015], [x_back - 0.045, 0, z_top - 0.03], [x_back - 0.05, 0, base_h + h * 0.25],
                     [x_back + 0.005, 0, base_h + h * 0.12]])
    b.add("handle", tube(path, 0.013, 12), dark)
    b.add("switch", box((0.015, 0.02, 0.012), (x_back - 0.04, 0, base_h + h * 0.2)), pick(rng, BRIGHT))
    b.group("top", "lid", "button").alias("top", "top of the kettle", "lid area")
    b.alias("base", "power base", "stand", "the part it sits on").alias("body", "jug", "container", "the part that holds water")
    b.alias("lid", "cover", "cap", "the part you open").alias("button", "lid button", "release", "the button on the lid")
    b.alias("spout", "nozzle", "lip", "the part you pour from")
    b.alias("handle", *HOLD, "back handle").alias("switch", "power switch", "on-off switch", "toggle")
    return b.build("kettle", ground=True, variant=variant)


def make_wok(rng: np.random.Generator) -> ProceduralObject:
    """Wok: round-bottomed "body" (with its "inside"), "rim", long "handle" and a small "helper handle" opposite."""
    variant = pick_variant(rng, ["wok", "wok with helper handle"])
    r = rng.uniform(0.15, 0.19)
    depth = r * rng.uniform(0.3, 0.4)
    color, handle_c = pick(rng, DARK + METAL), pick(rng, WOOD + DARK)
    b = PartMesh()
    t = np.linspace(-np.pi / 2, -0.05, 10)
    outer = np.vstack([[(0.0, 0.0)], np.column_stack([r * np.cos(t), depth + depth * np.sin(t)])[1:]])
    outer[0] = (0.0, 0.0)

    def name(z: float, side: str) -> str:
        if side == "top" or z > depth * 0.93:
            return "rim"
        return "inside" if side == "inner" else "body"

    add_container(b, outer, 0.003, name, {"body": color, "inside": jitter(rng, color, 0.05), "rim": jitter(rng, color, 0.05)}, 48,
                  splits=(depth * 0.93,))
    z = outer[-1, 1] - 0.01
    x0 = outer[-1, 0] - 0.003
    length = rng.uniform(0.18, 0.24)
    b.add("handle", tube(np.array([[x0, 0, z], [x0 + 0.04, 0, z + 0.01], [x0 + length, 0, z + length * 0.25]]), 0.014, 12), handle_c)
    if variant == "wok with helper handle":
        b.add("helper handle", loop_handle((-x0, -0.03, z), (-x0, 0.03, z), (-0.04, 0, 0.005), 0.006, 12), handle_c)
        b.alias("helper handle", "side handle", "loop handle", "the small handle opposite")
    b.group("pan", "body", "inside", "rim").alias("pan", "wok body", "bowl")
    b.alias("body", "outside", "wall", "round bottom").alias("inside", "interior", "cooking surface", "the part that holds food")
    b.alias("rim", "lip", "edge", "top edge").alias("handle", *HOLD, "long handle")
    return b.build("pan", ground=True, variant=variant)


def make_cleaver(rng: np.random.Generator) -> ProceduralObject:
    """Knife lying flat: cleaver (tall rectangular "blade" with a hanging "hole"), table knife (round-tipped blade, metal
    handle) or pocket knife (blade opened out of a thick "handle" on a "pivot")."""
    variant = pick_variant(rng, ["cleaver", "table knife", "pocket knife"])
    b = PartMesh()
    metal = pick(rng, METAL)
    if variant == "cleaver":
        bl, bw = rng.uniform(0.16, 0.2), rng.uniform(0.08, 0.1)
        b.add("blade", box((bl, bw, 0.003), (bl / 2, -bw * 0.3, 0.0015)), metal)
        b.add("hole", transform(cylinder(0.008, 0.0006, 0.003, 16), translation=(bl * 0.85, 0.0, 0)), pick(rng, DARK))
        b.add("handle", box((0.11, 0.025, 0.02), (-0.055, 0.0, 0.01)), pick(rng, WOOD + DARK))
        b.alias("hole", "hanging hole", "eye", "the hole in the blade")
    elif variant == "table knife":
        bl = rng.uniform(0.09, 0.11)
        t = np.linspace(0, np.pi / 2, 6)
        outline = np.vstack([[(0.0, -0.008), (bl - 0.01, -0.009)], np.column_stack([bl - 0.01 + 0.01 * np.sin(t), -0.009 + 0.018 * (1 - np.cos(t))]),
                             [(0.0, 0.009)]])
        b.add("blade", extrude(outline, 0.002), metal)
        b.add("handle", box((0.1, 0.016, 0.008), (-0.05, 0.0, 0.004)), jitter(rng, metal, 0.05))
    else:
        bl, hl = rng.uniform(0.06, 0.09), rng.uniform(0.08, 0.11)
        outline = np.array([[0.0, -0.007], [bl * 0.7, -0.008], [bl, 0.006], [0.0, 0.008]])
        b.add("blade", transform(extrude(outline, 0.002), translation=(0, 0, 0.005)), metal)
        b.add("handle", box((hl, 0.022, 0.012), (-hl / 2, 0, 0.006)), pick(rng, BRIGHT + DARK + WOOD))
        b.add("pivot", cylinder(0.005, 0.014, -0.001, 12), pick(rng, METAL))
        b.alias("pivot", "hinge", "rivet", "the joint the blade folds on")
    b.alias("blade", "the part that cuts", "cutting edge", "edge").alias("handle", *HOLD, "haft")
    return b.build("knife", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "mug": [make_mug, make_travel_mug, make_ceramic_mug],
    "bottle": [make_bottle, make_wine_bottle, make_sports_bottle],
    "bowl": [make_bowl, make_salad_bowl],
    "kettle": [make_kettle, make_electric_kettle],
    "pan": [make_pan, make_wok],
    "knife": [make_knife, make_cleaver],
    "spatula": [make_spatula],
    "bucket": [make_bucket],
    "cup": [make_cup],
    "teapot": [make_teapot],
    "pot": [make_cooking_pot],
    "ladle": [make_ladle],
    "spoon": [make_spoon],
    "fork": [make_fork],
    "plate": [make_plate],
    "whisk": [make_whisk],
}
