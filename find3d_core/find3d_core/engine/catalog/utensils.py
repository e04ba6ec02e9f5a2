"""Kitchen utensils and food prep: rolling pins, graters, colanders, tongs, pepper grinders, thermoses, cutting boards.

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
    Color,
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
    transform,
    tube,
)

HOLE_DARK: Color = (0.06, 0.06, 0.07)


# ---------------------------------------------------------------- helpers


def _moved(mesh: o3d.geometry.TriangleMesh, offset: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """`mesh` translated by `offset` (in place)."""
    return transform(mesh, (0.0, 0.0, 0.0), offset)


def _frame(normal: np.ndarray, tangent: np.ndarray) -> np.ndarray:
    """Rotation whose columns are (tangent x normal, tangent, normal): local z goes to `normal`, local y along
    `tangent` (made orthogonal to the normal)."""
    n = np.asarray(normal, dtype=np.float64)
    n = n / np.linalg.norm(n)
    t = np.asarray(tangent, dtype=np.float64)
    t = t - n * (t @ n)
    t = t / np.linalg.norm(t)
    return np.column_stack([np.cross(t, n), t, n])


def _dot(size: tuple[float, float, float], center: np.ndarray, normal: np.ndarray,
         tangent: np.ndarray) -> o3d.geometry.TriangleMesh:
    """A small box (a hole seen as a dark plug through a wall) whose local z follows `normal`."""
    m = box(size, (0.0, 0.0, 0.0))
    m.rotate(_frame(normal, tangent), center=(0.0, 0.0, 0.0))
    m.translate(np.asarray(center, dtype=np.float64))
    return m


Place = Callable[[o3d.geometry.TriangleMesh], o3d.geometry.TriangleMesh]


def _lathe(b: PartMesh, profile: np.ndarray, label_of: Callable[[float], str], colors: dict[str, Color],
           sides: int = 24, place: Place | None = None) -> None:
    """Revolve `profile`, naming each segment by `label_of(mid_z)`; runs of one name become one piece, each moved
    by `place` (if given) before it is added."""
    profile = np.asarray(profile, dtype=np.float64)
    labels = [label_of(float(z)) for z in (profile[1:, 1] + profile[:-1, 1]) / 2]
    start = 0
    for s in range(1, len(labels) + 1):
        if s == len(labels) or labels[s] != labels[start]:
            piece = revolve(profile[start : s + 1], sides)
            b.add(labels[start], place(piece) if place else piece, colors[labels[start]])
            start = s


def _bar(p: tuple[float, float], q: tuple[float, float], width: float, height: float,
         zc: float) -> o3d.geometry.TriangleMesh:
    """A flat bar in the x-y plane from p to q (ends overlap by half a width), centred at height zc."""
    d = np.subtract(q, p)
    length = float(np.linalg.norm(d)) + width * 0.5
    mid = (np.add(p, q)) / 2
    return transform(box((length, width, height), (0.0, 0.0, 0.0)), (0.0, 0.0, float(np.arctan2(d[1], d[0]))),
                     (float(mid[0]), float(mid[1]), zc))


def _rect_ring(b: PartMesh, name: str, outer: tuple[float, float], width: float, z0: float, h: float,
               color: Color) -> None:
    """A rectangular frame of four boxes: outer size `outer` (x, y), strips `width` wide, from z0 up by h."""
    lo, wo = outer
    for s in (-1, 1):
        b.add(name, box((lo, width, h), (0.0, s * (wo - width) / 2, z0 + h / 2)), color)
        b.add(name, box((width, wo - 2 * width, h), (s * (lo - width) / 2, 0.0, z0 + h / 2)), color)


def _rounded_rect(length: float, width: float, rc: float, n: int = 5) -> np.ndarray:
    """(K, 2) outline of a rectangle with rounded corners, centred on the origin."""
    pts = []
    for cx, cy, a0 in ((1, 1, 0.0), (-1, 1, np.pi / 2), (-1, -1, np.pi), (1, -1, 1.5 * np.pi)):
        c = (cx * (length / 2 - rc), cy * (width / 2 - rc))
        pts.append(arc(c, (rc, rc), a0, a0 + np.pi / 2, n))
    return np.vstack(pts)


# ---------------------------------------------------------------- rolling pin


def make_rolling_pin(rng: np.random.Generator) -> ProceduralObject:
    """Rolling pin lying along x: "barrel" (the roller); a handled or marble pin adds two "handle"s on an "axle"
    (a marble one rests on a wooden "stand"); a French pin has two "tapered end"s instead."""
    variant = pick_variant(rng, ["handled", "French tapered", "marble"])
    wood = pick(rng, WOOD)
    b = PartMesh()

    def lay(m: o3d.geometry.TriangleMesh, z: float, flip: bool = False) -> o3d.geometry.TriangleMesh:
        return transform(m, (0.0, -np.pi / 2 if flip else np.pi / 2, 0.0), (0.0, 0.0, z))

    if variant == "French tapered":
        length = rng.uniform(0.4, 0.5)
        r_mid = rng.uniform(0.02, 0.026)
        r_end = r_mid * rng.uniform(0.45, 0.6)
        zs = np.linspace(-length / 2, length / 2, 15)
        rs = r_end + (r_mid - r_end) * (1 - (2 * zs / length) ** 2)
        profile = np.vstack([[(0.0, -length / 2)], np.column_stack([rs, zs]), [(0.0, length / 2)]])

        def label(z: float) -> str:
            return "barrel" if abs(z) < 0.3 * length else "tapered end"

        _lathe(b, profile, label, {"barrel": wood, "tapered end": jitter(rng, wood, 0.03)}, 20,
               lambda m: lay(m, r_mid))
        b.alias("tapered end", "tapered ends", "narrow end", "the thin ends you hold")
    else:
        marble = variant == "marble"
        lb = rng.uniform(0.2, 0.28)
        r = rng.uniform(0.03, 0.038) if marble else rng.uniform(0.027, 0.034)
        lh = rng.uniform(0.07, 0.1)
        rh = r * rng.uniform(0.4, 0.5)
        gap = rng.uniform(0.004, 0.008)
        ra = rng.uniform(0.004, 0.0055)
        z_axis = r
        if marble:
            stand_wood = pick(rng, WOOD)
            slab_h, cradle_h = rng.uniform(0.012, 0.018), rng.uniform(0.015, 0.025)
            b.add("stand", box((lb * 0.9, 2.4 * r, slab_h), (0.0, 0.0, slab_h / 2)), stand_wood)
            for s in (-1, 1):
                b.add("stand", box((0.02, 2.2 * r, cradle_h), (s * lb * 0.3, 0.0, slab_h + cradle_h / 2)), stand_wood)
            z_axis = slab_h + cradle_h - 0.3 * r + r
            b.alias("stand", "cradle", "holder", "the wooden base it rests on")
        barrel_col = pick(rng, [(0.93, 0.93, 0.91), (0.82, 0.82, 0.8), (0.18, 0.18, 0.2)]) if marble else wood
        bev = 0.003
        barrel = np.array([(0.0, -lb / 2), (r - bev, -lb / 2), (r, -lb / 2 + bev), (r, lb / 2 - bev),
                           (r - bev, lb / 2), (0.0, lb / 2)])
        b.add("barrel", lay(revolve(barrel, 24), z_axis), barrel_col)
        handle_col = pick(rng, WOOD) if marble else jitter(rng, wood, 0.04)
        z0 = lb / 2 + gap
        z1 = z0 + lh
        handle = np.array([(0.0, z0), (rh * 0.8, z0), (rh, z0 + 0.008), (rh * 0.88, z0 + lh * 0.45),
                           (rh * 1.12, z1 - 0.014), (rh * 0.95, z1 - 0.002), (0.0, z1)])
        for flip in (False, True):
            b.add("handle", lay(revolve(handle, 16), z_axis, flip), handle_col)
        total = 2 * (z1 + 0.003)
        b.add("axle", lay(cylinder(ra, total, -total / 2, 10), z_axis), pick(rng, METAL))
        b.alias("handle", "handles", *HOLD).alias("axle", "axle ends", "spindle", "the rod through the middle")
    b.alias("barrel", "roller", "cylinder", "the part that rolls the dough")
    return b.build("rolling pin", ground=True, variant=variant)


# ---------------------------------------------------------------- grater


def _hole_grid(b: PartMesh, width: float, height: float, zc: float, size: tuple[float, float], pitch: float,
               place: Callable[[float, float], tuple[np.ndarray, np.ndarray, np.ndarray]], thick: float) -> None:
    """A grid of holes over a `width` x `height` panel; `place(u, v)` gives (centre, normal, tangent)."""
    nu, nv = max(1, int(width / pitch)), max(1, int(height / pitch))
    for u in (np.arange(nu) - (nu - 1) / 2) * pitch:
        for v in (np.arange(nv) - (nv - 1) / 2) * pitch:
            c, n, t = place(float(u), float(v) + zc)
            b.add("hole", _dot((size[1], size[0], thick), c, n, t), HOLE_DARK)


def make_grater(rng: np.random.Generator) -> ProceduralObject:
    """Grater: metal "grating surface" punched with "hole"s, a "frame" round it and a "handle"; a box grater stands
    on a "base" rim, a flat paddle rests on a rubber "foot"; a rotary grater turns a "grating drum" under a "hopper"
    with a "press" lever, by a "crank" with a "knob"."""
    variant = pick_variant(rng, ["box grater", "flat paddle", "rotary"])
    metal = pick(rng, METAL)
    plastic = pick(rng, DARK + BRIGHT)
    b = PartMesh()
    if variant == "box grater":
        w, d, h = rng.uniform(0.09, 0.11), rng.uniform(0.07, 0.085), rng.uniform(0.2, 0.24)
        zb, rim_h, ft = 0.012, 0.01, 0.003
        ph = h - zb - rim_h
        zc = zb + ph / 2
        kinds = list(rng.permutation(["coarse", "fine", "medium", "slicer"]))
        for i, (axis, s) in enumerate(((1, -1), (0, 1), (1, 1), (0, -1))):
            span = w if axis == 1 else d
            size = (span, 0.001, ph + 0.002) if axis == 1 else (0.001, span, ph + 0.002)
            centre = (0.0, s * d / 2, zc) if axis == 1 else (s * w / 2, 0.0, zc)
            b.add("grating surface", box(size, centre), metal)
            normal = np.array([0.0, s, 0.0]) if axis == 1 else np.array([s, 0.0, 0.0])
            along = np.array([1.0, 0.0, 0.0]) if axis == 1 else np.array([0.0, 1.0, 0.0])

            wall_at = normal * (d / 2 if axis == 1 else w / 2)

            def place(u: float, z: float, normal: np.ndarray = normal, along: np.ndarray = along,
                      wall_at: np.ndarray = wall_at) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
                return wall_at + along * u + np.array([0.0, 0.0, z]), normal, along

            kind = kinds[i]
            if kind == "slicer":
                for zz in (zc - ph * 0.15, zc + ph * 0.15):
                    c, n, t = place(0.0, zz)
                    b.add("hole", _dot((0.006, span * 0.65, 0.0025), c, n, t), HOLE_DARK)
            else:
                size_h, pitch = {"coarse": (0.006, 0.015), "fine": (0.0025, 0.01), "medium": (0.004, 0.012)}[kind]
                _hole_grid(b, span - 0.014, ph - 0.02, zc, (size_h, size_h * 0.8), pitch, place, 0.0025)
        for s in (-1, 1):
            for sy in (-1, 1):
                b.add("frame", box((ft, ft, h - zb), (s * w / 2, sy * d / 2, zb + (h - zb) / 2)), metal)
        _rect_ring(b, "frame", (w + 2 * ft, d + 2 * ft), ft, h - rim_h, rim_h, jitter(rng, metal, 0.03))
        _rect_ring(b, "base", (w + 0.008, d + 0.008), 0.0055, 0.0, zb, plastic)
        lift = np.array([0.0, 0.0, rng.uniform(0.03, 0.045)])
        path = arch(np.array([-w / 2, 0.0, h - rim_h / 2]), np.array([w / 2, 0.0, h - rim_h / 2]), lift)
        b.add("handle", tube(path, 0.006, 10), plastic)
        b.alias("base", "foot rim", "rubber base", "the bottom edge it stands on")
        b.group("grater body", "grating surface", "hole", "frame").alias("grater body", "box", "sides")
    elif variant == "flat paddle":
        ls, ws = rng.uniform(0.2, 0.26), rng.uniform(0.03, 0.07)
        lh, th = rng.uniform(0.11, 0.14), rng.uniform(0.018, 0.024)
        zc = th * 0.6
        b.add("grating surface", box((ls, ws, 0.0008), (0.0, 0.0, zc)), metal)

        def on_top(u: float, v: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            return np.array([u, v - zc, zc]), np.array([0.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0])

        _hole_grid(b, ls - 0.006, ws - 0.004, zc, (0.004, 0.0025), 0.0085, on_top, 0.002)
        for s in (-1, 1):
            b.add("frame", box((ls + 0.006, 0.003, 0.004), (0.0, s * (ws / 2 + 0.0015), zc)), plastic)
            b.add("frame", box((0.003, ws + 0.006, 0.004), (s * (ls / 2 + 0.0015), 0.0, zc)), plastic)
        b.add("handle", ellipsoid((lh / 2, ws * 0.25 + 0.008, th / 2), (-ls / 2 - lh / 2 + 0.01, 0.0, th / 2), 14),
              plastic)
        b.add("foot", box((0.012, ws * 0.6, zc - 0.0015), (ls / 2 - 0.004, 0.0, (zc - 0.0015) / 2)), DARK[0])
        b.alias("foot", "rubber foot", "non-slip tip", "the end that rests on the bowl")
        b.group("blade", "grating surface", "hole").alias("blade", "grating blade", "rasp")
    else:
        rd, ld = rng.uniform(0.02, 0.027), rng.uniform(0.06, 0.08)
        zd = 0.05
        drum = transform(cylinder(rd, ld, -ld / 2, 20), (np.pi / 2, 0.0, 0.0), (0.0, 0.0, zd))
        b.add("grating drum", drum, metal)
        for a in np.linspace(0, 2 * np.pi, 14, endpoint=False):
            n = np.array([np.cos(a), 0.0, np.sin(a)])
            for y in np.linspace(-ld * 0.38, ld * 0.38, 5):
                c = np.array([rd * np.cos(a), y, zd + rd * np.sin(a)])
                b.add("hole", _dot((0.004, 0.003, 0.002), c, n, np.array([0.0, 1.0, 0.0])), HOLE_DARK)
        hx, hop_h = 2 * rd * 0.9, rng.uniform(0.04, 0.06)
        z_hop = zd + rd - 0.004
        body = pick(rng, METAL + BRIGHT)
        b.add("hopper", box((hx, ld, hop_h), (0.0, 0.0, z_hop + hop_h / 2)), body)
        plate_h = z_hop + hop_h - (zd - rd - 0.006)
        for s in (-1, 1):
            plate = box((2 * rd + 0.012, 0.004, plate_h), (0.0, s * (ld / 2 + 0.002), zd - rd - 0.006 + plate_h / 2))
            b.add("frame", plate, jitter(rng, body, 0.04))
        lhd = rng.uniform(0.09, 0.12)
        zh = z_hop + 0.012
        b.add("handle", box((lhd, 0.022, 0.014), (-hx / 2 - lhd / 2 + 0.004, 0.0, zh)), plastic)
        top = z_hop + hop_h
        lp = hx + lhd * 0.85
        b.add("press", box((lp, 0.018, 0.008), (hx / 2 - lp / 2, 0.0, top + 0.004)), plastic)
        b.add("press", transform(cylinder(0.004, 0.024, -0.012, 10), (np.pi / 2, 0.0, 0.0), (hx / 2, 0.0, top + 0.002)),
              metal)
        y_arm = ld / 2 + 0.012
        b.add("crank", transform(cylinder(0.003, 0.012, ld / 2, 10), (-np.pi / 2, 0.0, 0.0), (0.0, 0.0, zd)), metal)
        la = rng.uniform(0.04, 0.055)
        b.add("crank", box((la, 0.004, 0.008), (la / 2 - 0.003, y_arm, zd)), metal)
        b.add("knob", transform(cylinder(0.006, 0.025, 0.0, 12), (-np.pi / 2, 0.0, 0.0), (la - 0.004, y_arm, zd)),
              plastic)
        b.alias("grating drum", "drum", "rotating drum", "the cylinder that grates")
        b.alias("hopper", "chamber", "cheese chamber", "the box you put the cheese in")
        b.alias("press", "clamp arm", "presser lever", "the lever you squeeze")
        b.alias("crank", "crank arm", "winder", "the arm you turn")
        b.alias("knob", "crank handle", "crank knob", "turning grip")
        b.group("crank assembly", "crank", "knob").alias("crank assembly", "crank and knob", "turning handle")
    b.alias("hole", "holes", "grating holes", "perforations", "the sharp holes")
    b.alias("grating surface", "grating face", "grating plate", "the metal face with holes")
    b.alias("frame", "frame edges", "rim", "the edge around the blade").alias("handle", "handles", *HOLD)
    return b.build("grater", ground=True, variant=variant)


# ---------------------------------------------------------------- colander


def _bowl_holes(b: PartMesh, rb: float, r_rim: float, depth: float, wall: float, spacing: float, size: float,
                t_range: tuple[float, float], rings: int) -> None:
    """Holes through a bowl whose outer profile is r = rb + (R - rb) sin t, z = depth (1 - cos t)."""
    for t in np.linspace(t_range[0], t_range[1], rings):
        r = rb + (r_rim - rb) * np.sin(t)
        z = depth * (1 - np.cos(t))
        nr, nz = depth * np.sin(t), -(r_rim - rb) * np.cos(t)
        k = np.hypot(nr, nz)
        nr, nz = nr / k, nz / k
        count = max(6, int(2 * np.pi * r / spacing))
        for phi in np.linspace(0, 2 * np.pi, count, endpoint=False) + t:
            n = np.array([nr * np.cos(phi), nr * np.sin(phi), nz])
            c = np.array([r * np.cos(phi), r * np.sin(phi), z]) - n * wall / 2
            tangent = np.array([-np.sin(phi), np.cos(phi), 0.0])
            b.add("hole", _dot((size, size, wall + 0.0012), c, n, tangent), HOLE_DARK)
    for rr, count in ((0.0, 1), (rb * 0.55, 6)):
        for phi in np.linspace(0, 2 * np.pi, count, endpoint=False):
            c = np.array([rr * np.cos(phi), rr * np.sin(phi), wall / 2])
            b.add("hole", box((size, size, wall + 0.0012), tuple(c)), HOLE_DARK)


def _ring(r_in: float, r_out: float, z0: float, z1: float, sides: int = 24,
          r_in_top: float | None = None, r_out_top: float | None = None) -> o3d.geometry.TriangleMesh:
    """A closed annular band (a foot ring, a flat rim) from z0 to z1."""
    rit = r_in if r_in_top is None else r_in_top
    rot = r_out if r_out_top is None else r_out_top
    return revolve(np.array([(r_in, z0), (r_out, z0), (rot, z1), (rit, z1), (r_in, z0)]), sides)


def make_colander(rng: np.random.Generator) -> ProceduralObject:
    """Colander: a perforated "bowl" with "hole"s, a "rim", "handle"s and a "base" (foot ring); a strainer with one
    long handle hooks over the pot with a "hook"; a collapsible one has a pleated silicone bowl."""
    variant = pick_variant(rng, ["footed", "with long handle", "collapsible"])
    b = PartMesh()
    wall = 0.0015 if variant != "collapsible" else 0.0025
    if variant == "footed":
        r_rim, depth = rng.uniform(0.1, 0.13), rng.uniform(0.08, 0.11)
        rb = r_rim * rng.uniform(0.45, 0.55)
        color = pick(rng, METAL + BRIGHT)
    elif variant == "with long handle":
        r_rim = rng.uniform(0.07, 0.1)
        depth = r_rim * rng.uniform(0.75, 0.95)
        rb = r_rim * rng.uniform(0.3, 0.4)
        color = pick(rng, METAL)
    else:
        r_rim, depth = rng.uniform(0.1, 0.13), rng.uniform(0.07, 0.09)
        rb = r_rim * rng.uniform(0.5, 0.6)
        color = pick(rng, BRIGHT + PALE)
    trim = jitter(rng, color, 0.05)
    if variant == "collapsible":
        steps = int(rng.integers(3, 5))
        pleats = [(0.0, 0.0), (rb, 0.0)]
        dr, dz = (r_rim - rb) / steps, depth / steps
        for i in range(steps):
            r0, z0 = rb + i * dr, i * dz
            pleats += [(r0 + dr * 0.15, z0 + dz * 0.8), (r0 + dr, z0 + dz)]
        add_container(b, np.array(pleats), wall, lambda z, s: "bowl", {"bowl": color}, sides=24)
        for i in range(steps):
            r0, z0 = rb + i * dr, i * dz
            rm, zm = r0 + dr * 0.075, z0 + dz * 0.4
            slope = np.array([dr * 0.15, dz * 0.8])
            nr, nz = slope[1], -slope[0]
            k = np.hypot(nr, nz)
            count = max(8, int(2 * np.pi * rm / 0.022))
            for phi in np.linspace(0, 2 * np.pi, count, endpoint=False):
                n = np.array([nr / k * np.cos(phi), nr / k * np.sin(phi), nz / k])
                c = np.array([rm * np.cos(phi), rm * np.sin(phi), zm]) - n * wall / 2
                tangent = np.array([-np.sin(phi), np.cos(phi), 0.0])
                b.add("hole", _dot((dz * 0.45, 0.004, wall + 0.0012), c, n, tangent), HOLE_DARK)
        rim_col = pick(rng, PALE + DARK)
        b.add("rim", _ring(r_rim - 0.004, r_rim + 0.012, depth - 0.002, depth + 0.003), rim_col)
        tab = rng.uniform(0.035, 0.05)
        for s in (-1, 1):
            b.add("handle", box((tab, 0.07, 0.005), (s * (r_rim + 0.01 + tab / 2), 0.0, depth + 0.0005)), rim_col)
        b.add("base", _ring(rb * 0.8, rb * 0.8 + 0.005, -0.01, 0.001), rim_col)
    else:
        ts = np.linspace(0.0, np.pi / 2, 9)
        outer = np.vstack([[(0.0, 0.0)], np.column_stack([rb + (r_rim - rb) * np.sin(ts), depth * (1 - np.cos(ts))])])
        add_container(b, outer, wall, lambda z, s: "bowl", {"bowl": color}, sides=24)
        spacing = 0.022 if variant == "footed" else 0.016
        _bowl_holes(b, rb, r_rim, depth, wall, spacing, 0.004 if variant == "footed" else 0.003, (0.35, 1.3), 5)
        rim = o3d.geometry.TriangleMesh.create_torus(r_rim, 0.003, 24, 8)
        b.add("rim", _moved(rim, (0.0, 0.0, depth)), trim)
        if variant == "footed":
            a = rng.uniform(0.2, 0.3)
            for sx in (-1, 1):
                p0 = (sx * r_rim * np.cos(a), r_rim * np.sin(a), depth)
                p1 = (sx * r_rim * np.cos(a), -r_rim * np.sin(a), depth)
                b.add("handle", loop_handle(p0, p1, (sx * rng.uniform(0.02, 0.03), 0.0, 0.004), 0.004), trim)
            hf = rng.uniform(0.015, 0.025)
            b.add("base", _ring(rb * 0.75, rb * 0.75 + 0.003, -hf, 0.001, 24, rb * 0.7, rb * 0.7 + 0.003), trim)
        else:
            lh = rng.uniform(0.12, 0.17)
            path = np.array([(r_rim - 0.002, 0.0, depth), (r_rim + lh * 0.5, 0.0, depth + lh * 0.06),
                             (r_rim + lh, 0.0, depth + lh * 0.12)])
            b.add("handle", tube(path, 0.006, 10), pick(rng, DARK + WOOD))
            hook = np.array([(-r_rim + 0.002, 0.0, depth), (-r_rim - 0.022, 0.0, depth + 0.003),
                             (-r_rim - 0.03, 0.0, depth - 0.012)])
            b.add("hook", tube(hook, 0.0035, 8), trim)
            b.alias("hook", "pot rest", "resting hook", "the bracket that sits on the pot")
            b.add("base", _ring(rb * 0.7, rb * 0.7 + 0.003, -0.006, 0.001), trim)
    b.alias("bowl", "basket", "strainer bowl", "the perforated body")
    b.alias("hole", "holes", "perforations", "drain holes")
    b.alias("rim", "lip", "edge", "top edge").alias("handle", "handles", *HOLD)
    b.alias("base", "foot ring", "foot", "stand", "the ring it stands on")
    b.group("strainer", "bowl", "hole").alias("strainer", "sieve", "mesh body")
    return b.build("colander", ground=True, variant=variant)


# ---------------------------------------------------------------- tongs


def make_tongs(rng: np.random.Generator) -> ProceduralObject:
    """Tongs lying on a table, pointing to +x: two "arm"s joined at a "hinge" and ending in "tip"s; kitchen tongs
    have a "lock ring" and silicone "grip"s, scissor tongs cross at a "hinge" pivot and have "finger loop"s."""
    variant = pick_variant(rng, ["kitchen tongs", "salad tongs", "scissor tongs"])
    b = PartMesh()
    if variant == "kitchen tongs":
        length, spread = rng.uniform(0.23, 0.31), rng.uniform(0.045, 0.07)
        hz, thick = rng.uniform(0.014, 0.02), 0.0015
        metal, silicone = pick(rng, METAL), pick(rng, BRIGHT + DARK)
        xh = -length / 2 + 0.01
        for s in (-1, 1):
            p, q = np.array([xh, s * 0.006]), np.array([length / 2 - 0.02, s * spread / 2])
            b.add("arm", _bar((p[0], p[1]), (q[0], q[1]), thick, hz, hz / 2), metal)
            g0, g1 = p + (q - p) * 0.08, p + (q - p) * 0.45
            b.add("grip", _bar((g0[0], g0[1]), (g1[0], g1[1]), thick + 0.004, hz + 0.002, hz / 2), silicone)
            tip = ellipsoid((0.022, 0.004, hz * 0.6), (q[0] + 0.012, q[1] - s * 0.003, hz / 2), 10)
            b.add("tip", tip, silicone if rng.uniform() < 0.5 else metal)
        b.add("hinge", _moved(cylinder(0.009, hz, 0.0, 16), (-length / 2 + 0.006, 0.0, 0.0)), metal)
        ring = o3d.geometry.TriangleMesh.create_torus(0.008, 0.0015, 16, 6)
        b.add("lock ring", _moved(ring, (-length / 2 - 0.008, 0.0, hz / 2)), jitter(rng, metal, 0.05))
        b.alias("lock ring", "locking ring", "pull tab", "the loop that locks them shut")
        b.alias("grip", "grips", "silicone grip", "grip pad")
    elif variant == "salad tongs":
        length, spread = rng.uniform(0.24, 0.3), rng.uniform(0.05, 0.07)
        aw, at = rng.uniform(0.016, 0.022), rng.uniform(0.005, 0.007)
        color = pick(rng, WOOD + BRIGHT)
        dr = (rng.uniform(0.03, 0.04), rng.uniform(0.025, 0.03), rng.uniform(0.01, 0.014))
        z_arm = dr[2] - at / 2
        xt = length / 2 - dr[0]
        for s in (-1, 1):
            b.add("arm", _bar((-length / 2 + 0.01, s * 0.012), (xt, s * spread / 2), aw, at, z_arm), color)
        b.add("tip", _moved(dish(dr, 0.004, 12), (xt + dr[0] * 0.7, spread / 2, 0.0)), jitter(rng, color, 0.04))
        fork_w = 2 * dr[1]
        b.add("tip", box((dr[0], fork_w, at), (xt + dr[0] * 0.4, -spread / 2, z_arm)), jitter(rng, color, 0.04))
        n_prong = int(rng.integers(3, 5))
        for y in np.linspace(-fork_w / 2 + 0.004, fork_w / 2 - 0.004, n_prong):
            b.add("tip", box((dr[0] * 0.9, 0.006, at), (xt + dr[0] * 1.3, -spread / 2 + y, z_arm)),
                  jitter(rng, color, 0.04))
        b.add("hinge", box((0.03, 0.024 + aw, at + 0.006), (-length / 2 + 0.012, 0.0, z_arm)), pick(rng, METAL + DARK))
        b.alias("tip", "spoon and fork ends", "serving head", "the scoop")
    else:
        length, bw = rng.uniform(0.22, 0.28), rng.uniform(0.045, 0.06)
        aw, at = rng.uniform(0.008, 0.011), rng.uniform(0.003, 0.004)
        xp = -length * rng.uniform(0.1, 0.2)
        color, tipc = pick(rng, METAL + DARK), pick(rng, METAL + BRIGHT)
        for i, s in enumerate((1, -1)):
            zc = at / 2 + i * at
            back, front = (-length / 2, s * bw / 2), (length / 2 - 0.02, -s * 0.01)
            b.add("arm", _bar(back, (xp, 0.0), aw, at, zc), color)
            b.add("arm", _bar((xp, 0.0), front, aw, at, zc), color)
            b.add("tip", ellipsoid((0.022, 0.014, at * 0.9), (length / 2 - 0.006, -s * 0.014, zc), 10), tipc)
            loop = o3d.geometry.TriangleMesh.create_torus(0.012, 0.003, 16, 6)
            b.add("finger loop", _moved(loop, (-length / 2 - 0.011, s * bw / 2, zc)), color)
        b.add("hinge", _moved(cylinder(0.005, 2 * at + 0.002, -0.001, 12), (xp, 0.0, 0.0)), pick(rng, METAL))
        b.alias("finger loop", "finger loops", "finger holes", "the rings you put your fingers in")
    b.alias("arm", "arms", "legs", "the long sides you squeeze")
    b.alias("tip", "tips", "pincers", "the part that grabs food")
    b.alias("hinge", "joint", "pivot", "the end where the arms meet")
    b.group("handle", "arm", "grip", "finger loop").alias("handle", *HOLD)
    b.group("head", "tip").alias("head", "gripping end", "jaws")
    return b.build("tongs", ground=True, variant=variant)


# ---------------------------------------------------------------- pepper grinder


def make_pepper_grinder(rng: np.random.Generator) -> ProceduralObject:
    """Pepper grinder: "base", "body", a "top" you twist and a "knob" on it; an electric one has a bottom "cap"
    over the "grinder" mechanism and a "button" on top."""
    variant = pick_variant(rng, ["tall wooden", "acrylic", "electric"])
    b = PartMesh()
    if variant == "tall wooden":
        h, rb = rng.uniform(0.18, 0.3), rng.uniform(0.028, 0.034)
        hb, ht = rng.uniform(0.025, 0.035), rng.uniform(0.035, 0.045)
        rt = rb * rng.uniform(0.9, 1.0)
        body_h = h - ht - hb
        profile = np.array([
            (0.0, 0.0), (rb, 0.0), (rb, hb * 0.7), (rb * 0.92, hb),
            (rb * 0.72, hb + body_h * 0.25), (rb * 0.86, hb + body_h * 0.65), (rb * 0.74, h - ht - 0.004),
            (rt * 0.9, h - ht), (rt, h - ht + 0.004), (rt, h - ht * 0.45), (rt * 0.55, h - 0.001), (0.0, h - 0.001),
        ])
        wood = pick(rng, WOOD)
        colors = {"base": jitter(rng, wood, 0.04), "body": wood, "top": jitter(rng, wood, 0.04)}
        knob_col = pick(rng, METAL + [wood])
        head = "knob"
    elif variant == "acrylic":
        h, rb = rng.uniform(0.14, 0.22), rng.uniform(0.026, 0.032)
        hb, ht = rng.uniform(0.018, 0.025), rng.uniform(0.025, 0.035)
        profile = np.array([
            (0.0, 0.0), (rb, 0.0), (rb, hb), (rb * 0.95, hb), (rb * 0.9, h - ht),
            (rb * 0.97, h - ht), (rb * 0.97, h - ht * 0.45), (rb * 0.5, h - 0.001), (0.0, h - 0.001),
        ])
        steel = pick(rng, METAL)
        colors = {"base": steel, "body": pick(rng, [(0.85, 0.9, 0.95), (0.75, 0.82, 0.88)]), "top": steel}
        knob_col = jitter(rng, steel, 0.04)
        head = "knob"
    else:
        h, rb = rng.uniform(0.17, 0.23), rng.uniform(0.024, 0.03)
        hb, hg, ht = rng.uniform(0.015, 0.022), 0.008, rng.uniform(0.02, 0.03)
        profile = np.array([
            (0.0, 0.0), (rb * 1.04, 0.0), (rb * 1.04, hb), (rb * 0.85, hb), (rb * 0.85, hb + hg), (rb, hb + hg),
            (rb, h - ht), (rb * 1.01, h - ht), (rb * 0.95, h - ht * 0.3), (rb * 0.55, h - 0.001), (0.0, h - 0.001),
        ])
        shell = pick(rng, DARK + METAL)
        colors = {"cap": pick(rng, [(0.8, 0.82, 0.85), (0.15, 0.15, 0.15)]), "grinder": pick(rng, METAL),
                  "body": shell, "top": jitter(rng, shell, 0.05)}
        knob_col = pick(rng, BRIGHT + DARK)
        head = "button"

    def label(z: float) -> str:
        if variant == "electric":
            return "cap" if z <= hb + 1e-9 else "grinder" if z <= hb + hg + 1e-9 else "body" if z < h - ht else "top"
        return "base" if z <= hb + 1e-9 else "body" if z < h - ht else "top"

    _lathe(b, profile, label, colors, 24)
    rk = rng.uniform(0.006, 0.009)
    if head == "knob":
        knob = np.array([(0.0, h - 0.002), (rk, h - 0.002), (rk * 1.1, h + 0.006), (rk * 0.6, h + 0.012),
                         (0.0, h + 0.012)])
        b.add("knob", revolve(knob, 12), knob_col)
        b.alias("knob", "finial", "top nut", "the small knob that sets the grind")
        b.alias("base", "bottom", "grinding base", "the foot")
    else:
        b.add("button", cylinder(rk, 0.006, h - 0.002, 16), knob_col)
        b.alias("button", "push button", "switch", "the button you press to grind")
        b.alias("cap", "bottom cap", "dust cap", "the cover under the grinder")
        b.alias("grinder", "grinding mechanism", "burr", "the grinding ring")
        b.group("base", "cap", "grinder").alias("base", "bottom", "grinding end")
    b.alias("body", "mill body", "shaft", "the part that holds the peppercorns")
    b.alias("top", "head", "crown", "the part you twist")
    b.group("grinder head", "top", "knob", "button").alias("grinder head", "top of the mill", "upper part")
    return b.build("pepper grinder", ground=True, variant=variant)


# ---------------------------------------------------------------- thermos


def make_thermos(rng: np.random.Generator) -> ProceduralObject:
    """Thermos: a tall insulated "body" on a "base" band; a vacuum flask wears a "cup lid" (maybe with a side
    "handle"), a travel-mug style one a "lid" with a sliding "stopper"."""
    variant = pick_variant(rng, ["vacuum flask", "travel mug-style", "with handle"])
    b = PartMesh()
    shell = pick(rng, METAL + BRIGHT + DARK)
    trim = pick(rng, DARK + METAL)
    hb = rng.uniform(0.01, 0.018)
    if variant == "travel mug-style":
        h, r = rng.uniform(0.16, 0.21), rng.uniform(0.03, 0.035)
        r_top = r * rng.uniform(1.15, 1.3)
        hl = rng.uniform(0.018, 0.026)
        hb_top = h - hl
        profile = np.array([(0.0, 0.0), (r * 0.96, 0.0), (r, 0.004), (r + (r_top - r) * hb / hb_top, hb),
                            (r_top, hb_top), (r_top * 0.97, hb_top), (0.0, hb_top)])
        _lathe(b, profile, lambda z: "base" if z <= hb + 1e-9 else "body", {"base": trim, "body": shell}, 24)
        lid = np.array([(0.0, hb_top - 0.002), (r_top * 1.02, hb_top - 0.002), (r_top * 1.02, h - 0.004),
                        (r_top * 0.95, h), (0.0, h)])
        lid_col = pick(rng, DARK + PALE)
        b.add("lid", revolve(lid, 24), lid_col)
        b.add("stopper", box((0.02, 0.026, 0.006), (r_top * 0.55, 0.0, h + 0.002)), jitter(rng, lid_col, 0.15))
        b.alias("lid", "drinking lid", "sip lid", "the cover you drink through")
        b.alias("stopper", "slider", "flip stopper", "sip closure", "the tab that seals the opening")
        if rng.uniform() < 0.4:
            b.add("handle", loop_handle((r + (r_top - r) * 0.3, 0.0, h * 0.3), (r + (r_top - r) * 0.8, 0.0, h * 0.78),
                                        (0.03, 0.0, 0.0), 0.006), trim)
    else:
        big = variant == "with handle"
        h = rng.uniform(0.3, 0.4) if big else rng.uniform(0.24, 0.32)
        r = rng.uniform(0.045, 0.055) if big else rng.uniform(0.034, 0.044)
        hc = rng.uniform(0.06, 0.08) if big else rng.uniform(0.05, 0.07)
        top = h - hc
        profile = np.array([(0.0, 0.0), (r * 0.95, 0.0), (r, 0.004), (r, hb), (r, top - 0.003), (r * 0.97, top),
                            (0.0, top)])
        _lathe(b, profile, lambda z: "base" if z <= hb + 1e-9 else "body", {"base": trim, "body": shell}, 24)
        cup = np.array([(0.0, top - 0.001), (r * 0.98, top - 0.001), (r * 1.01, top + 0.004), (r * 1.01, h - 0.006),
                        (r * 0.92, h), (0.0, h)])
        b.add("cup lid", revolve(cup, 24), pick(rng, [shell, trim]))
        b.alias("cup lid", "cup", "cap", "the lid that doubles as a cup")
        if big:
            z0, z1 = h * rng.uniform(0.35, 0.45), top - 0.015
            b.add("handle", loop_handle((r - 0.002, 0.0, z0), (r - 0.002, 0.0, z1), (rng.uniform(0.03, 0.04), 0.0, 0.0),
                                        0.008), trim)
    b.alias("body", "flask", "bottle", "the insulated part that holds the drink")
    b.alias("base", "bottom", "foot", "bottom band")
    b.alias("handle", "carry handle", *HOLD)
    b.group("top", "cup lid", "lid", "stopper").alias("top", "closure", "the top you unscrew")
    return b.build("thermos", ground=True, variant=variant)


# ---------------------------------------------------------------- cutting board


def make_cutting_board(rng: np.random.Generator) -> ProceduralObject:
    """Cutting board: a flat "board", often with a "juice groove" round the edge and rubber "feet" under it; a
    paddle board has a "handle" with a hanging "hole"."""
    variant = pick_variant(rng, ["rectangular", "paddle with handle", "round"])
    b = PartMesh()
    color = pick(rng, WOOD + [(0.93, 0.93, 0.9), (0.35, 0.6, 0.35)])
    groove_col = jitter(rng, (0.8 * color[0], 0.8 * color[1], 0.8 * color[2]), 0.02)
    t = rng.uniform(0.015, 0.03)
    feet = variant != "paddle with handle" and rng.uniform() < 0.5
    zf = rng.uniform(0.005, 0.008) if feet else 0.0
    foot_at: list[tuple[float, float]] = []
    if variant == "rectangular":
        length, width = rng.uniform(0.3, 0.45), rng.uniform(0.2, 0.3)
        m, g, dg = rng.uniform(0.012, 0.02), rng.uniform(0.007, 0.01), 0.003
        b.add("board", box((length, width, t - dg), (0.0, 0.0, zf + (t - dg) / 2)), color)
        _rect_ring(b, "board", (length, width), m, zf + t - dg, dg, color)
        inner = (length - 2 * (m + g), width - 2 * (m + g))
        b.add("board", box((inner[0], inner[1], dg), (0.0, 0.0, zf + t - dg / 2)), color)
        _rect_ring(b, "juice groove", (length - 2 * m, width - 2 * m), g, zf + t - dg, 0.0006, groove_col)
        foot_at = [(sx * (length / 2 - 0.03), sy * (width / 2 - 0.03)) for sx in (-1, 1) for sy in (-1, 1)]
    elif variant == "paddle with handle":
        length, width = rng.uniform(0.28, 0.38), rng.uniform(0.18, 0.26)
        b.add("board", extrude(_rounded_rect(length, width, rng.uniform(0.015, 0.04)), t), color)
        lh, hw0, hw1 = rng.uniform(0.08, 0.12), rng.uniform(0.05, 0.07), rng.uniform(0.035, 0.05)
        xe = -length / 2 - lh
        rr = hw1 / 2
        end = arc((xe + rr, 0.0), (rr, rr), np.pi / 2, 1.5 * np.pi, 8)
        outline = np.vstack([[(-length / 2 + 0.003, -hw0 / 2), (-length / 2 + 0.003, hw0 / 2)], end])
        b.add("handle", extrude(outline, t), jitter(rng, color, 0.03))
        b.add("hole", _moved(cylinder(rr * 0.45, t + 0.001, -0.0005, 16), (xe + rr, 0.0, 0.0)), HOLE_DARK)
        b.alias("handle", "paddle handle", *HOLD)
        b.alias("hole", "hanging hole", "hang hole", "the hole to hang it by")
    else:
        rad = rng.uniform(0.14, 0.2)
        m, g, dg = rng.uniform(0.012, 0.02), rng.uniform(0.007, 0.01), 0.003
        r1, r2 = rad - m, rad - m - g
        profile = np.array([(0.0, zf), (rad, zf), (rad, zf + t), (r1, zf + t), (r1, zf + t - dg), (r2, zf + t - dg),
                            (r2, zf + t), (0.0, zf + t)])
        labels = ["board"] * 4 + ["juice groove"] + ["board"] * 2
        start = 0
        for s in range(1, len(labels) + 1):
            if s == len(labels) or labels[s] != labels[start]:
                b.add(labels[start], revolve(profile[start : s + 1], 40),
                      color if labels[start] == "board" else groove_col)
                start = s
        angles = np.linspace(0, 2 * np.pi, 4, endpoint=False)
        foot_at = [(rad * 0.65 * np.cos(a), rad * 0.65 * np.sin(a)) for a in angles]
    if feet:
        fc = pick(rng, DARK)
        for x, y in foot_at:
            b.add("feet", _moved(cylinder(0.009, zf + 0.0005, 0.0, 12), (x, y, 0.0)), fc)
        b.alias("feet", "foot", "rubber feet", "non-slip pads")
    b.alias("juice groove", "groove", "drip channel", "the channel round the edge")
    b.alias("board", "chopping board", "cutting surface", "the flat part you cut on")
    return b.build("cutting board", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "rolling pin": [make_rolling_pin],
    "grater": [make_grater],
    "colander": [make_colander],
    "tongs": [make_tongs],
    "pepper grinder": [make_pepper_grinder],
    "thermos": [make_thermos],
    "cutting board": [make_cutting_board],
}
