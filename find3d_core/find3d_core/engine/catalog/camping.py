"""Camping and outdoor gear: tents, lanterns, camping stoves, canteens, hammocks, compasses.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, at real size (primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). Long things (tents,
hammocks) run along x; a front (a tent's door, a stove's knobs) faces -y or -x. `CATEGORIES` maps a category to
its builders.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import along_x, cut, facing_front, ring, rod, rounded_slab, side_slab
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
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

FABRIC = [(0.9, 0.45, 0.1), (0.25, 0.45, 0.25), (0.2, 0.35, 0.65), (0.85, 0.75, 0.2), (0.55, 0.55, 0.5),
          (0.6, 0.55, 0.4), (0.75, 0.2, 0.15)]
CORD = [(0.92, 0.9, 0.85), (0.9, 0.35, 0.1), (0.85, 0.8, 0.25), (0.3, 0.3, 0.3)]
GLASS = (0.8, 0.88, 0.9)
BRASS = (0.78, 0.62, 0.3)
OLIVE = (0.33, 0.36, 0.22)
HOLE = (0.03, 0.03, 0.03)


def _shade(c: Color, k: float) -> Color:
    return (c[0] * k, c[1] * k, c[2] * k)


def _scaled(mesh: o3d.geometry.TriangleMesh, scale: tuple[float, float, float],
            center: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> o3d.geometry.TriangleMesh:
    """Scale `mesh` per axis about `center` (in place)."""
    c = np.asarray(center, dtype=np.float64)
    mesh.vertices = o3d.utility.Vector3dVector((np.asarray(mesh.vertices) - c) * np.asarray(scale) + c)
    return mesh


def _at(mesh: o3d.geometry.TriangleMesh, offset: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """`mesh` moved by `offset` (in place)."""
    return transform(mesh, translation=offset)


def _yz_slab(outline: np.ndarray, thickness: float, x0: float) -> o3d.geometry.TriangleMesh:
    """A slab whose outline is (K, 2) (y, z) points, `thickness` deep along +x from x = x0 (tent ends, doors)."""
    m = extrude(outline, thickness)
    v = np.asarray(m.vertices)
    m.vertices = o3d.utility.Vector3dVector(np.column_stack([v[:, 2] + x0, v[:, 0], v[:, 1]]))  # a proper rotation
    return m


def _sheet(fn: Callable[[np.ndarray, np.ndarray], np.ndarray], nu: int, nv: int) -> o3d.geometry.TriangleMesh:
    """A grid surface: `fn(u, v)` maps (nu, nv) grids of u, v in [-1, 1] to (nu, nv, 3) points (hammock beds)."""
    u, v = np.meshgrid(np.linspace(-1.0, 1.0, nu), np.linspace(-1.0, 1.0, nv), indexing="ij")
    verts = fn(u, v).reshape(-1, 3)
    i, j = np.meshgrid(np.arange(nu - 1), np.arange(nv - 1), indexing="ij")
    a, b_, c, d = i * nv + j, (i + 1) * nv + j, (i + 1) * nv + j + 1, i * nv + j + 1
    tris = np.concatenate([np.stack([a, b_, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    return o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(verts),
                                     o3d.utility.Vector3iVector(tris.astype(np.int32)))


def _band(path: np.ndarray, radius: float, widen: float, sides: int = 8) -> o3d.geometry.TriangleMesh:
    """A flat strap along a path lying in the x-z plane (y = 0): a tube flattened to `widen` times its width in y."""
    return _scaled(tube(path, radius, sides), (1.0, widen, 1.0))


def _stake(b: PartMesh, x: float, y: float, h: float, color: Color) -> None:
    """A tent peg sticking out of the ground with a bent-over head."""
    b.add("stake", rod((x, y, 0.0), (x, y, h), 0.004, 8), color)
    b.add("stake", box((0.02, 0.006, 0.005), (x, y, h)), color)


def _guy(b: PartMesh, top: tuple[float, float, float], ground_xy: tuple[float, float], color: Color,
         stake_c: Color, h: float) -> None:
    """A guy line from a point on the tent down to a stake at `ground_xy`."""
    _stake(b, ground_xy[0], ground_xy[1], h, stake_c)
    b.add("guy line", rod(top, (ground_xy[0], ground_xy[1], h), 0.0015, 6), color)


def make_tent(rng: np.random.Generator) -> ProceduralObject:
    """Camping tent along x: fabric "canopy" (fly) over a "floor", a zipped "door" panel, "pole"s (crossing dome
    poles, a ridge pole on two uprights, or tunnel hoops), "guy line"s out to "stake"s in the ground."""
    variant = pick_variant(rng, ["dome tent", "A-frame tent", "tunnel tent"])
    fabric = pick(rng, FABRIC)
    door_c = jitter(rng, _shade(fabric, rng.uniform(0.6, 0.8)), 0.03)
    floor_c, pole_c = pick(rng, DARK + [(0.25, 0.3, 0.25)]), pick(rng, METAL + DARK)
    line_c, stake_c = pick(rng, CORD), pick(rng, METAL + [(0.9, 0.5, 0.1)])
    sh = rng.uniform(0.04, 0.07)  # stake height above the ground
    ft = 0.01  # floor thickness
    b = PartMesh()
    if variant == "dome tent":
        a, w, h = rng.uniform(0.95, 1.25), rng.uniform(0.65, 0.9), rng.uniform(1.0, 1.3)
        ang = np.linspace(0.0, 2 * np.pi, 24, endpoint=False)
        b.add("floor", extrude(np.column_stack([a * 1.03 * np.cos(ang), w * 1.03 * np.sin(ang)]), ft), floor_c)
        unit = revolve(arc((0.0, 0.0), (1.0, 1.0), 0.0, np.pi / 2, 8), 24)
        in_door = lambda c: (c[:, 1] < -0.5) & (np.abs(c[:, 0]) < 0.42) & (c[:, 2] < 0.75)  # noqa: E731
        for name, keep, col in (("canopy", lambda c: ~in_door(c), fabric), ("door", in_door, door_c)):
            b.add(name, _at(_scaled(cut(unit, keep), (a, w, h)), (0.0, 0.0, ft)), col)
        t = np.linspace(0.0, np.pi, 24)
        for phi in (np.pi / 4, -np.pi / 4):
            u = np.array([np.cos(phi), np.sin(phi)])
            path = np.column_stack([a * u[0] * np.cos(t), w * u[1] * np.cos(t), ft + h * np.sin(t)]) * 1.02
            b.add("pole", tube(path, 0.006, 8), pole_c)
        for phi in (np.pi / 4, 3 * np.pi / 4, -np.pi / 4, -3 * np.pi / 4):
            foot = np.array([a * np.cos(phi), w * np.sin(phi)]) * 1.02
            _stake(b, float(foot[0]), float(foot[1]), sh, stake_c)
            top = (foot[0] * np.cos(0.9), foot[1] * np.cos(0.9), (ft + h * np.sin(0.9)) * 1.02)
            out = foot + foot / np.linalg.norm(foot) * rng.uniform(0.5, 0.8)
            _guy(b, top, (float(out[0]), float(out[1])), line_c, stake_c, sh)
    elif variant == "A-frame tent":
        length, w, h = rng.uniform(1.8, 2.3), rng.uniform(1.2, 1.6), rng.uniform(0.9, 1.2)
        b.add("floor", box((length, w, ft), (0.0, 0.0, ft / 2)), floor_c)
        prism = _yz_slab(np.array([(-w / 2, 0.0), (w / 2, 0.0), (0.0, h)]), length, -length / 2)
        b.add("canopy", _at(prism, (0.0, 0.0, ft)), fabric)
        dw = rng.uniform(0.25, 0.35)
        door = np.array([(-w * dw, 0.0), (w * dw, 0.0), (0.0, h * rng.uniform(0.75, 0.88))])
        b.add("door", _at(_yz_slab(door, 0.006, -length / 2 - 0.006), (0.0, 0.0, ft)), door_c)
        px = length / 2 + 0.016
        for s in (-1, 1):
            b.add("pole", rod((s * px, 0.0, 0.0), (s * px, 0.0, ft + h + 0.06), 0.008, 10), pole_c)
            _guy(b, (s * px, 0.0, ft + h + 0.05), (s * (px + rng.uniform(0.6, 0.9)), 0.0), line_c, stake_c, sh)
            for sy in (-1, 1):
                _stake(b, s * length / 2, sy * (w / 2 + 0.01), sh, stake_c)
        b.add("pole", rod((-px, 0.0, ft + h + 0.018), (px, 0.0, ft + h + 0.018), 0.008, 10), pole_c)
    else:
        length, w, h = rng.uniform(2.4, 3.4), rng.uniform(0.75, 0.95), rng.uniform(1.0, 1.25)
        b.add("floor", box((length, 2 * w * 1.03, ft), (0.0, 0.0, ft / 2)), floor_c)
        unit = transform(cylinder(1.0, length, -length / 2, 24), (0.0, np.pi / 2, 0.0))
        in_door = lambda c: (c[:, 0] < -length / 2 + 1e-6) & (np.abs(c[:, 1]) < 0.45) & (c[:, 2] > 0)  # noqa: E731
        upper = lambda c: (c[:, 2] > 0) & ~in_door(c)  # noqa: E731
        for name, keep, col in (("canopy", upper, fabric), ("door", in_door, door_c)):
            b.add(name, _at(_scaled(cut(unit, keep), (1.0, w, h)), (0.0, 0.0, ft)), col)
        t = np.linspace(0.0, np.pi, 18)
        hoops = int(rng.integers(2, 4))
        for x in np.linspace(-length / 2 * 0.8, length / 2 * 0.8, hoops):
            b.add("pole", tube(np.column_stack([np.full_like(t, x), w * 1.03 * np.cos(t), ft + h * 1.03 * np.sin(t)]),
                               0.007, 8), pole_c)
            for s in (-1, 1):
                _stake(b, float(x), s * w * 1.03, sh, stake_c)
        for s in (-1, 1):
            _guy(b, (s * length / 2, 0.0, ft + h * 0.85), (s * (length / 2 + rng.uniform(0.6, 0.9)), 0.0), line_c,
                 stake_c, sh)
    b.group("tent body", "canopy", "door", "floor").alias("tent body", "shelter", "the fabric part")
    b.group("rigging", "guy line", "stake").alias("rigging", "tie-downs", "anchoring")
    b.alias("canopy", "rain fly", "fly sheet", "tent fabric", "the roof and walls")
    b.alias("door", "door flap", "zip door", "entrance", "the way in")
    b.alias("floor", "groundsheet", "tent floor", "footprint", "the bottom")
    b.alias("pole", "poles", "tent pole", "frame", "ridge pole", "hoop")
    b.alias("guy line", "guy lines", "guy rope", "tie-down cord", "the strings")
    b.alias("stake", "stakes", "tent peg", "pegs", "the spikes in the ground")
    return b.build("tent", ground=True, variant=variant)


def make_lantern(rng: np.random.Generator) -> ProceduralObject:
    """Camping lantern: "base", a "fuel tank" (oil) or "battery compartment" (LED), a glass or frosted "globe",
    a "cap" on top and a wire "bail handle"; a hurricane lantern's wire "frame" and "wick knob", an LED lantern's
    "switch" and side "frame" posts, a collapsible lantern's pleated globe, "solar panel" and strap handle."""
    variant = pick_variant(rng, ["hurricane oil lantern", "LED camping lantern", "collapsible lantern"])
    body_c = pick(rng, METAL + [(0.75, 0.15, 0.12), (0.2, 0.4, 0.25), (0.12, 0.12, 0.12)])
    b = PartMesh()
    if variant == "hurricane oil lantern":
        r, th, gh = rng.uniform(0.065, 0.085), rng.uniform(0.06, 0.08), rng.uniform(0.12, 0.16)
        b.add("base", cylinder(r * 1.05, 0.01, 0.0, 24), jitter(rng, body_c, 0.04))
        zt = 0.01 + th
        b.add("fuel tank", revolve(np.array([(0.0, 0.01), (r, 0.01), (r * 1.04, 0.01 + th * 0.5), (r * 0.92, zt),
                                             (r * 0.5, zt + th * 0.08), (0.0, zt + th * 0.08)]), 24), body_c)
        zg0, rb, rmax = zt + th * 0.05, r * 0.55, r * 0.82
        s = np.linspace(0.0, 1.0, 9)
        b.add("globe", revolve(np.column_stack([rb + (rmax - rb) * np.sin(np.pi * s), zg0 + gh * s]), 24), GLASS)
        zc = zg0 + gh
        for sx in (-1, 1):
            b.add("frame", rod((sx * r * 0.95, 0.0, zt - 0.01), (sx * r * 0.95, 0.0, zc + 0.01), 0.006, 10), body_c)
        for f in (0.35, 0.65):
            b.add("frame", ring(r * 0.95, 0.002, (0.0, 0.0, zg0 + gh * f), "z", 24), body_c)
        b.add("cap", revolve(np.array([(0.0, zc), (r * 1.0, zc), (r * 0.7, zc + 0.03), (r * 0.35, zc + 0.045),
                                       (r * 0.35, zc + 0.06), (0.0, zc + 0.06)]), 24), jitter(rng, body_c, 0.04))
        b.add("bail handle", tube(arch(np.array([-r * 0.95, 0.0, zc + 0.005]), np.array([r * 0.95, 0.0, zc + 0.005]),
                                       np.array([0.0, 0.0, r * rng.uniform(1.1, 1.5)])), 0.0025, 8), pick(rng, METAL))
        b.add("wick knob", facing_front(cylinder(0.009, 0.026, 0.0, 12), (0.0, -r * 0.75, zt + 0.002)), BRASS)
        b.alias("wick knob", "wick adjuster", "knob", "the little wheel that raises the wick")
        b.alias("fuel tank", "oil tank", "fuel reservoir", "fount", "the part that holds the oil")
        b.alias("frame", "wire guard", "side tubes", "globe guard", "cage")
    elif variant == "LED camping lantern":
        r, bh, gh = rng.uniform(0.045, 0.065), rng.uniform(0.05, 0.08), rng.uniform(0.08, 0.13)
        b.add("base", cylinder(r * 1.12, 0.012, 0.0, 24, radius_top=r * 1.05), pick(rng, DARK))
        b.add("battery compartment", cylinder(r, bh, 0.012, 24, radius_top=r * 0.95), body_c)
        zb = 0.012 + bh
        b.add("globe", cylinder(r * 0.82, gh, zb, 24), pick(rng, PALE))
        zc = zb + gh
        for k in range(3):
            a = 2 * np.pi * k / 3 + np.pi / 2
            b.add("frame", rod((r * 0.86 * np.cos(a), r * 0.86 * np.sin(a), zb - 0.002),
                               (r * 0.86 * np.cos(a), r * 0.86 * np.sin(a), zc + 0.002), 0.004, 8), body_c)
        b.add("cap", revolve(np.array([(0.0, zc), (r * 1.05, zc), (r * 1.0, zc + 0.015), (r * 0.6, zc + 0.03),
                                       (0.0, zc + 0.03)]), 24), jitter(rng, body_c, 0.04))
        b.add("bail handle", tube(arch(np.array([-r * 0.55, 0.0, zc + 0.024]), np.array([r * 0.55, 0.0, zc + 0.024]),
                                       np.array([0.0, 0.0, r * rng.uniform(0.8, 1.2)])), 0.003, 8),
              pick(rng, METAL + DARK))
        b.add("switch", facing_front(cylinder(0.009, 0.006, 0.0, 12), (0.0, -r * 0.96, 0.012 + bh * 0.5)),
              pick(rng, [(0.85, 0.1, 0.1), (0.1, 0.1, 0.1), (0.95, 0.75, 0.1)]))
        b.alias("switch", "power button", "on/off button", "the button you press")
        b.alias("battery compartment", "battery case", "body", "the lower housing with the batteries")
        b.alias("frame", "side posts", "pillars", "guard bars")
    else:
        r, bh, gh = rng.uniform(0.06, 0.08), rng.uniform(0.02, 0.03), rng.uniform(0.08, 0.13)
        b.add("base", cylinder(r * 1.02, bh, 0.0, 24), body_c)
        n = int(rng.integers(6, 10))
        prof = np.array([(r * (1.0 if k % 2 == 0 else 0.86), bh + gh * k / (2 * n)) for k in range(2 * n + 1)])
        b.add("globe", revolve(prof, 24), pick(rng, PALE + [(0.95, 0.95, 0.85)]))
        zc = bh + gh
        b.add("cap", cylinder(r * 1.02, 0.018, zc, 24), jitter(rng, body_c, 0.04))
        b.add("solar panel", box((r * 1.0, r * 1.0, 0.003), (0.0, 0.0, zc + 0.0195)), (0.08, 0.1, 0.2))
        b.add("switch", _at(cylinder(0.007, 0.004, zc + 0.018, 12), (0.0, -r * 0.78, 0.0)), pick(rng, DARK))
        b.add("bail handle", _band(arch(np.array([-r * 0.6, 0.0, zc + 0.016]), np.array([r * 0.6, 0.0, zc + 0.016]),
                                        np.array([0.0, 0.0, r * rng.uniform(0.6, 0.9)])), 0.0025, 4.0), pick(rng, DARK))
        b.alias("solar panel", "solar cell", "charging panel", "the dark square on top")
        b.alias("switch", "power button", "on/off button", "the button you press")
    b.group("light", "globe").alias("light", "lamp part", "the glowing part")
    b.group("bottom", "base", "fuel tank", "battery compartment").alias("bottom", "lower body", "stand")
    b.group("top", "cap", "bail handle", "solar panel").alias("top", "lantern top", "upper part")
    b.alias("base", "foot", "bottom rim", "the part it stands on")
    b.alias("globe", "glass", "chimney", "lens", "lamp shade", "diffuser")
    b.alias("cap", "lid", "vent cap", "hood", "top cap")
    b.alias("bail handle", "handle", "carry handle", "wire loop", "the part you hold")
    return b.build("lantern", ground=True, variant=variant)


def make_camping_stove(rng: np.random.Generator) -> ProceduralObject:
    """Camping stove: a "burner" under "pot supports"; a canister-top stove screws onto a "fuel canister" by its
    "valve" with a wire "control knob" and fold-out "leg"s; a two-burner box stove has a "body" on "leg"s, an open
    "lid" with "windscreen" flaps, a grate, "control knob"s and a side "fuel canister" on a "valve"; an alcohol stove
    is a small burner in a "windscreen" with wire "leg"s."""
    variant = pick_variant(rng, ["canister-top stove", "two-burner box stove", "alcohol stove"])
    metal, dark = pick(rng, METAL), pick(rng, DARK)
    can_c = pick(rng, [(0.2, 0.35, 0.7), (0.85, 0.85, 0.8), (0.8, 0.15, 0.1), (0.15, 0.15, 0.15), (0.9, 0.7, 0.1)])
    b = PartMesh()
    if variant == "canister-top stove":
        r, hc = rng.uniform(0.045, 0.056), rng.uniform(0.06, 0.1)
        b.add("fuel canister", revolve(np.array([(0.0, 0.006), (r * 0.92, 0.0), (r, 0.008), (r, hc * 0.78),
                                                 (r * 0.6, hc * 0.97), (0.016, hc), (0.0, hc)]), 24), can_c)
        for k in range(3):
            a = 2 * np.pi * k / 3 + rng.uniform(-0.1, 0.1)
            ln = r * 0.4 + 0.06
            rc = r * 0.6 + ln / 2
            b.add("leg", transform(box((ln, 0.012, 0.004), (0.0, 0.0, 0.0)), (0.0, 0.0, a),
                                   (rc * np.cos(a), rc * np.sin(a), 0.002)), pick(rng, DARK + [(0.9, 0.5, 0.1)]))
        zv = hc + 0.025
        b.add("valve", cylinder(0.014, 0.027, hc - 0.002, 16), metal)
        kx = 0.014 + rng.uniform(0.025, 0.035)
        b.add("control knob", rod((0.012, 0.0, hc + 0.012), (kx, 0.0, hc + 0.012), 0.002, 8), metal)
        b.add("control knob", ring(0.008, 0.0018, (kx + 0.006, 0.0, hc + 0.012), "z", 12), pick(rng, BRIGHT))
        bh = rng.uniform(0.02, 0.035)
        b.add("burner", cylinder(0.011, bh, zv - 0.001, 16, radius_top=0.014), metal)
        rh = rng.uniform(0.022, 0.03)
        b.add("burner", cylinder(rh, 0.008, zv + bh - 0.002, 16), jitter(rng, metal, 0.05))
        zs = zv + bh + 0.002
        n, ln = int(rng.integers(3, 5)), rng.uniform(0.045, 0.06)
        for k in range(n):
            a = 2 * np.pi * k / n
            rc = 0.01 + ln / 2
            b.add("pot supports", transform(box((ln, 0.004, 0.007), (0.0, 0.0, 0.0)), (0.0, 0.0, a),
                                            (rc * np.cos(a), rc * np.sin(a), zs)), metal)
    elif variant == "two-burner box stove":
        w, d, h, zf = rng.uniform(0.5, 0.6), rng.uniform(0.28, 0.34), rng.uniform(0.08, 0.1), 0.015
        body_c = pick(rng, [(0.2, 0.4, 0.2), (0.7, 0.12, 0.1), (0.15, 0.2, 0.4), (0.6, 0.6, 0.6)])
        b.add("body", box((w, d, h), (0.0, 0.0, zf + h / 2)), body_c)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("leg", box((0.03, 0.03, zf), (sx * (w / 2 - 0.03), sy * (d / 2 - 0.03), zf / 2)), dark)
        zt = zf + h
        rb = rng.uniform(0.05, 0.065)
        for sx in (-1, 1):
            b.add("burner", _at(cylinder(rb, 0.012, zt, 20), (sx * w * 0.25, -d * 0.05, 0.0)), dark)
            b.add("control knob", facing_front(cylinder(0.015, 0.02, 0.0, 16), (sx * w * 0.38, -d / 2, zf + h * 0.5)),
                  dark)
        zg = zt + 0.025
        gx, gy = w / 2 - 0.03, d * 0.38
        for sy in (-1, 1):
            b.add("pot supports", rod((-gx, sy * gy, zg), (gx, sy * gy, zg), 0.003, 6), metal)
        for x in (-gx, -w * 0.1, w * 0.1, gx):
            b.add("pot supports", rod((x, -gy, zg), (x, gy, zg), 0.003, 6), metal)
            for sy in (-1, 1):
                if abs(x) == gx:
                    b.add("pot supports", rod((x, sy * gy, zt), (x, sy * gy, zg), 0.003, 6), metal)
        lt = 0.012
        b.add("lid", box((w, lt, d), (0.0, d / 2 + lt / 2, zt + d / 2)), body_c)
        for sx in (-1, 1):
            b.add("windscreen", box((0.008, d * 0.6, d * 0.7), (sx * (w / 2 - 0.004), d * 0.2, zt + d * 0.35)),
                  jitter(rng, body_c, 0.04))
        zc, yc = zf + h * 0.5, -d * 0.15
        b.add("valve", along_x(cylinder(0.012, 0.06, 0.0, 12), (w / 2, yc, zc)), BRASS)
        rc, lc = 0.05, rng.uniform(0.18, 0.22)
        prof = np.array([(0.0, 0.0), (0.012, 0.0), (rc, 0.03), (rc, lc - 0.015), (rc * 0.6, lc), (0.0, lc)])
        b.add("fuel canister", along_x(revolve(prof, 20), (w / 2 + 0.058, yc, zc)), can_c)
    else:
        r, h = rng.uniform(0.032, 0.038), rng.uniform(0.035, 0.045)
        b.add("burner", revolve(np.array([(0.0, 0.0), (r, 0.0), (r, h), (r * 0.7, h), (r * 0.7, h - 0.004),
                                          (0.0, h - 0.004)]), 20), BRASS)
        rw, hw = r + rng.uniform(0.035, 0.05), h + rng.uniform(0.03, 0.045)
        shell = revolve(np.array([(rw - 0.002, 0.0), (rw, 0.0), (rw, hw), (rw - 0.002, hw), (rw - 0.002, 0.0)]), 24)
        screen = cut(shell, lambda c: ~((c[:, 0] > 0) & (np.abs(c[:, 1]) < rw * 0.4)))  # the gap to light it through
        b.add("windscreen", screen, pick(rng, METAL + DARK))
        for k in range(3):
            a = 2 * np.pi * k / 3 + np.pi / 3
            ca, sa = np.cos(a), np.sin(a)
            rl = rw - 0.004
            b.add("leg", rod((rl * ca, rl * sa, 0.0), (rl * ca, rl * sa, hw - 0.003), 0.0022, 8), metal)
            b.add("pot supports", rod((rl * ca, rl * sa, hw - 0.003), (r * 0.55 * ca, r * 0.55 * sa, hw - 0.003),
                                      0.0022, 8), metal)
    b.group("cooking surface", "burner", "pot supports").alias("cooking surface", "cooktop", "stove top")
    b.group("fuel system", "fuel canister", "valve", "control knob").alias("fuel system", "gas supply", "fuel line")
    b.group("housing", "body", "lid", "windscreen").alias("housing", "stove case", "box")
    b.alias("burner", "burner head", "flame ring", "the part where the flame comes out")
    b.alias("pot supports", "pot stand", "grate", "trivet", "the arms the pot sits on")
    b.alias("fuel canister", "gas canister", "gas cylinder", "fuel can", "propane bottle")
    b.alias("valve", "regulator", "fuel valve", "connector")
    b.alias("control knob", "knob", "flame adjuster", "valve handle", "the part you turn")
    b.alias("leg", "legs", "feet", "stand", "the part it stands on")
    b.alias("body", "stove body", "case", "the box")
    b.alias("lid", "cover", "hinged lid", "back panel")
    b.alias("windscreen", "wind screen", "wind guard", "side panels", "wind shield")
    return b.build("camping stove", ground=True, variant=variant)


def make_canteen(rng: np.random.Generator) -> ProceduralObject:
    """Canteen: flask "body" with a "neck" and screw "cap"; a round army canteen in a fabric "cover" with a shoulder
    "strap"; a flat hip canteen with a leather "cover" band and a "belt clip"; a bottle in an insulating sleeve
    ("cover") with a "loop" on the cap and a "carabiner"."""
    variant = pick_variant(rng, ["round army canteen", "flat hip canteen", "bottle with carabiner loop"])
    metal = pick(rng, METAL)
    cover_c = pick(rng, [OLIVE, (0.45, 0.38, 0.28), (0.2, 0.25, 0.35), (0.5, 0.3, 0.18)])
    cap_c = pick(rng, DARK + METAL + [OLIVE])
    b = PartMesh()
    if variant == "round army canteen":
        r, t = rng.uniform(0.085, 0.11), rng.uniform(0.03, 0.045)
        b.add("body", ellipsoid((r, t, r), (0.0, 0.0, r), 16), metal)
        b.add("cover", cut(ellipsoid((r * 1.03, t * 1.1, r * 1.03), (0.0, 0.0, r), 16), lambda c: c[:, 2] < r * 1.45),
              cover_c)
        zn = 2 * r - 0.006
        b.add("neck", cylinder(0.013, 0.024, zn, 16), metal)
        b.add("cap", cylinder(0.017, 0.018, zn + 0.02, 16), cap_c)
        z0 = r * 1.3
        x0 = r * 1.03 * np.sqrt(1 - 0.3**2) * 0.99
        b.add("strap", _band(arch(np.array([-x0, 0.0, z0]), np.array([x0, 0.0, z0]),
                                  np.array([0.0, 0.0, r * rng.uniform(1.3, 1.8)]), 20), 0.003, 4.0),
              jitter(rng, cover_c, 0.05))
        b.alias("strap", "shoulder strap", "sling", "carrying strap", "the band you carry it by")
    elif variant == "flat hip canteen":
        w, hh, t = rng.uniform(0.09, 0.12), rng.uniform(0.13, 0.18), rng.uniform(0.025, 0.035)
        rc = w * 0.2
        right = np.vstack([arc((w / 2 - rc, rc), (rc, rc), -np.pi / 2, 0.0, 5),
                           arc((0.015, 0.7 * hh), (w / 2 - 0.015, 0.3 * hh), 0.0, np.pi / 2, 7)])
        outline = np.vstack([right, (right * [-1.0, 1.0])[::-1]])
        b.add("body", side_slab(outline, t), metal)
        b.add("neck", cylinder(0.012, 0.02, hh - 0.004, 16), metal)
        b.add("cap", cylinder(0.016, 0.02, hh + 0.012, 16), cap_c)
        z0, z1 = hh * 0.12, hh * rng.uniform(0.55, 0.65)
        b.add("cover", side_slab(np.array([(-w / 2 - 0.003, z0), (w / 2 + 0.003, z0), (w / 2 + 0.003, z1),
                                           (-w / 2 - 0.003, z1)]), t + 0.006), cover_c)
        clip_c = pick(rng, METAL + DARK)
        b.add("belt clip", box((w * 0.45, 0.004, z1 - z0), (0.0, t / 2 + 0.005, (z0 + z1) / 2)), clip_c)
        b.add("belt clip", box((w * 0.45, 0.008, 0.004), (0.0, t / 2 + 0.003, z1 + 0.002)), clip_c)
        b.alias("belt clip", "clip", "belt hook", "the part that hooks on a belt")
    else:
        r, hb = rng.uniform(0.035, 0.045), rng.uniform(0.18, 0.25)
        rn = 0.02
        b.add("body", revolve(np.array([(0.0, 0.0), (r * 0.95, 0.0), (r, 0.006), (r, hb * 0.8), (r * 0.6, hb * 0.93),
                                        (rn, hb), (0.0, hb)]), 24), pick(rng, METAL + BRIGHT))
        b.add("neck", cylinder(rn, 0.015, hb - 0.002, 16), metal)
        zc = hb + 0.01
        b.add("cap", cylinder(rn + 0.004, 0.022, zc, 16), cap_c)
        zl = zc + 0.022 + 0.007
        b.add("loop", ring(0.011, 0.003, (0.0, 0.0, zl), "y", 16), cap_c)
        cc = (0.0, 0.0, zl + 0.011 + 0.02)
        b.add("carabiner", _scaled(ring(0.019, 0.0025, cc, "x", 20), (1.0, 1.0, 1.5), cc),
              pick(rng, METAL + BRIGHT))
        z0, z1 = hb * rng.uniform(0.15, 0.25), hb * rng.uniform(0.6, 0.7)
        b.add("cover", revolve(np.array([(r, z0), (r + 0.004, z0), (r + 0.004, z1), (r, z1)]), 24), cover_c)
        b.alias("loop", "cap loop", "carry loop", "the ring on the cap")
        b.alias("carabiner", "clip", "snap hook", "the clip for hanging it")
    b.group("closure", "cap", "neck").alias("closure", "cap and neck", "top of the flask")
    b.group("attachment", "strap", "belt clip", "loop", "carabiner").alias("attachment", "carrying gear", "hanger")
    b.alias("body", "flask", "flask body", "water container", "the part that holds the water")
    b.alias("neck", "mouth", "spout", "opening")
    b.alias("cap", "lid", "screw cap", "stopper", "the top you unscrew")
    b.alias("cover", "sleeve", "jacket", "fabric cover", "the wrap around it")
    return b.build("canteen", ground=True, variant=variant)


def make_hammock(rng: np.random.Generator) -> ProceduralObject:
    """Hammock along x: fabric "bed" hung by "rope"s; a spreader-bar hammock has wooden "spreader bar"s at its ends
    and rings, on a steel "stand frame" with "foot" crossbars; a gathered-end hammock is gathered into a "ring" at
    each end, on a wooden arc stand or hanging free."""
    variant = pick_variant(rng, ["spreader bar hammock with stand", "gathered-end hammock with arc stand",
                                 "gathered-end hammock"])
    fabric = pick(rng, FABRIC + PALE + BRIGHT)
    rope_c, wood = pick(rng, CORD[:1] + PALE[1:2] + WOOD[1:2]), pick(rng, WOOD)
    ring_c = pick(rng, METAL + DARK)
    b = PartMesh()
    length, sag = rng.uniform(1.9, 2.3), rng.uniform(0.2, 0.35)
    zb = 0.0 if variant == "gathered-end hammock" else rng.uniform(0.45, 0.6)
    ze = zb + sag  # height of the bed's ends
    rl, rh = rng.uniform(0.35, 0.5), rng.uniform(0.12, 0.2)
    if variant == "spreader bar hammock with stand":
        w = rng.uniform(1.0, 1.3)

        def bed(u: np.ndarray, v: np.ndarray) -> np.ndarray:
            return np.stack([u * length / 2, v * w / 2, zb + sag * u**2 + 0.03 * v**2 * (1 - u**2)], -1)

        b.add("bed", _sheet(bed, 22, 8), fabric)
        for s in (-1, 1):
            xe = s * length / 2
            b.add("spreader bar", rod((xe, -w / 2 - 0.05, ze), (xe, w / 2 + 0.05, ze), 0.015, 10), wood)
            apex = (s * (length / 2 + rl), 0.0, ze + rh)
            for y in np.linspace(-w / 2, w / 2, 5):
                b.add("rope", rod((xe, float(y), ze), apex, 0.004, 6), rope_c)
            b.add("ring", ring(0.03, 0.006, apex, "y", 16), ring_c)
    else:
        w = rng.uniform(1.2, 1.6)
        curl = rng.uniform(0.1, 0.2)

        def bed(u: np.ndarray, v: np.ndarray) -> np.ndarray:
            half = w / 2 * np.sqrt(np.clip(1 - u**2, 0.0, 1.0)) + 0.015
            return np.stack([u * length / 2, v * half, zb + sag * u**2 + curl * v**2 * (1 - u**2)], -1)

        b.add("bed", _sheet(bed, 24, 9), fabric)
        for s in (-1, 1):
            ax = s * (length / 2 + rl)
            apex = (ax, 0.0, ze + rh)
            for v in np.linspace(-1.0, 1.0, 5):
                p = bed(np.array(s * 0.92), np.array(v))
                b.add("rope", rod((float(p[0]), float(p[1]), float(p[2])), apex, 0.003, 6), rope_c)
            b.add("ring", ring(0.03, 0.006, apex, "y", 16), ring_c)
            b.add("rope", rod(apex, (ax + s * rng.uniform(0.3, 0.5), 0.0, ze + rh + 0.25), 0.006, 8), rope_c)
    if variant == "spreader bar hammock with stand":
        frame_c = pick(rng, DARK + [(0.2, 0.35, 0.25), (0.55, 0.12, 0.1)])
        xa, za = length / 2 + rl + 0.12, ze + rh + 0.1
        xs = xa - (za - 0.05) * rng.uniform(0.2, 0.45)
        b.add("stand frame", box((2 * xs + 0.05, 0.05, 0.05), (0.0, 0.0, 0.055)), frame_c)
        for s in (-1, 1):
            b.add("stand frame", rod((s * xs, 0.0, 0.055), (s * xa, 0.0, za), 0.022, 10), frame_c)
            b.add("rope", rod((s * (length / 2 + rl), 0.0, ze + rh + 0.03), (s * xa, 0.0, za), 0.006, 8), rope_c)
            b.add("foot", box((0.06, rng.uniform(0.7, 0.9), 0.03), (s * xs, 0.0, 0.015)), frame_c)
    elif variant == "gathered-end hammock with arc stand":
        xa, za = length / 2 + rl + 0.15, ze + rh + 0.25
        x = np.linspace(-xa, xa, 24)
        zarc = lambda xx: 0.06 + (za - 0.06) * (xx / xa) ** 2  # noqa: E731
        rb = 0.035
        b.add("stand frame", tube(np.column_stack([x, np.zeros_like(x), zarc(x)]), rb, 10), wood)
        for s in (-1, 1):
            xf = s * xa * 0.3
            zf = float(zarc(xf)) - rb + 0.006
            b.add("foot", box((0.07, rng.uniform(0.7, 0.9), zf), (xf, 0.0, zf / 2)), jitter(rng, wood, 0.05))
            b.add("rope", rod((s * (length / 2 + rl), 0.0, ze + rh + 0.03), (s * xa, 0.0, za), 0.006, 8), rope_c)
    b.group("stand", "stand frame", "foot").alias("stand", "hammock stand", "support structure")
    b.group("suspension", "rope", "ring", "spreader bar").alias("suspension", "hanging gear", "the ends")
    b.alias("bed", "fabric", "hammock bed", "netting", "the part you lie in")
    b.alias("spreader bar", "spreader bars", "wooden bar", "end bar")
    b.alias("rope", "ropes", "cords", "suspension lines", "strings")
    b.alias("ring", "rings", "end ring", "hanging ring", "metal loop")
    b.alias("stand frame", "frame", "stand beam", "arc", "the support")
    b.alias("foot", "feet", "crossbar", "base", "the part it stands on")
    return b.build("hammock", ground=True, variant=variant)


def _needle(length: float, width: float, z: float, thickness: float = 0.0007) -> o3d.geometry.TriangleMesh:
    return _at(extrude(np.array([(length, 0.0), (0.0, width), (-length, 0.0), (0.0, -width)]), thickness), (0, 0, z))


def _annulus(r0: float, r1: float, z0: float, h: float, sides: int = 24) -> o3d.geometry.TriangleMesh:
    return revolve(np.array([(r0, z0), (r1, z0), (r1, z0 + h), (r0, z0 + h), (r0, z0)]), sides)


def make_compass(rng: np.random.Generator) -> ProceduralObject:
    """Compass lying flat: "housing" (capsule or case), rotating "bezel", "dial" face; a baseplate compass's clear
    "baseplate" with "direction arrow", ruler "scale", "lanyard hole" and "lanyard"; a lensatic compass's open "lid"
    with "sighting wire", "rear sight" with "lens" and "thumb loop"; a pocket compass's hinged "lid" with a "mirror",
    "hinge" and "lanyard ring"."""
    variant = pick_variant(rng, ["baseplate orienteering compass", "lensatic compass", "pocket compass"])
    red, white = (0.85, 0.1, 0.1), (0.95, 0.95, 0.92)
    b = PartMesh()
    if variant == "baseplate orienteering compass":
        pl, pw, pt = rng.uniform(0.1, 0.13), rng.uniform(0.055, 0.065), 0.0025
        b.add("baseplate", rounded_slab(pl, pw, pt, 0.006, (0.0, 0.0, pt / 2)), (0.82, 0.88, 0.9))
        r, hx = rng.uniform(0.019, 0.024), -pl * rng.uniform(0.08, 0.14)
        hh = 0.009
        b.add("housing", _at(cylinder(r, hh, pt, 24), (hx, 0.0, 0.0)), (0.75, 0.85, 0.9))
        b.add("bezel", _at(_annulus(r, r + 0.004, pt, hh + 0.001), (hx, 0.0, 0.0)), pick(rng, DARK + BRIGHT[:2]))
        b.add("dial", _at(cylinder(r * 0.95, 0.0005, pt + hh, 24), (hx, 0.0, 0.0)), white)
        b.add("needle", _at(_needle(r * 0.8, 0.003, pt + hh + 0.0005), (hx, 0.0, 0.0)), red)
        x0, x1 = hx + r + 0.008, pl / 2 - 0.008
        ac = pick(rng, [red, (0.1, 0.1, 0.1)])
        b.add("direction arrow", box((x1 - x0 - 0.01, 0.004, 0.0005), ((x0 + x1 - 0.01) / 2, 0.0, pt + 0.00025)), ac)
        b.add("direction arrow", _at(extrude(np.array([(x1 - 0.011, -0.007), (x1, 0.0), (x1 - 0.011, 0.007)]),
                                         0.0005), (0.0, 0.0, pt)), ac)
        sc = (0.1, 0.1, 0.1)
        b.add("scale", box((pl * 0.7, 0.0015, 0.0004), (0.0, -pw / 2 + 0.004, pt + 0.0002)), sc)
        for x in np.linspace(-pl * 0.35, pl * 0.35, 8):
            b.add("scale", box((0.0006, 0.003, 0.0004), (float(x), -pw / 2 + 0.0055, pt + 0.0002)), sc)
        xh = -pl / 2 + 0.007
        b.add("lanyard hole", _at(cylinder(0.0025, pt + 0.0004, -0.0002, 12), (xh, 0.0, 0.0)), HOLE)
        rx = rng.uniform(0.02, 0.035)
        t = np.linspace(0.0, 2 * np.pi, 25)
        loop = np.column_stack([xh - rx + rx * np.cos(t), 0.008 * np.sin(t), np.full_like(t, pt / 2)])
        b.add("lanyard", tube(loop, 0.0012, 6), pick(rng, CORD + BRIGHT))
        b.alias("baseplate", "base plate", "clear plate", "transparent base", "the flat plastic part")
        b.alias("direction arrow", "direction of travel arrow", "travel arrow", "the arrow pointing forward")
        b.alias("scale", "ruler", "ruler scale", "mm markings", "map scale")
        b.alias("lanyard hole", "cord hole", "hole", "the hole for the string")
        b.alias("lanyard", "cord", "neck cord", "string loop")
    elif variant == "lensatic compass":
        r, hh = rng.uniform(0.027, 0.032), rng.uniform(0.012, 0.016)
        case_c = pick(rng, [OLIVE, (0.15, 0.15, 0.15), (0.3, 0.32, 0.25)])
        b.add("housing", cylinder(r, hh, 0.0, 24), case_c)
        b.add("bezel", _annulus(r * 0.8, r * 1.03, hh, 0.004), jitter(rng, case_c, 0.05))
        b.add("dial", cylinder(r * 0.8, 0.0006, hh, 24), white)
        zh, th = hh + 0.004, rng.uniform(np.radians(80), np.radians(100))
        lid = _at(cylinder(r, 0.003, 0.0, 24), (0.0, r, 0.0))
        b.add("lid", transform(lid, (th, 0.0, 0.0), (0.0, -r, zh)), case_c)
        wire = rod((0.0, r * 0.35, 0.0035), (0.0, r * 1.65, 0.0035), 0.0006, 6)
        b.add("sighting wire", transform(wire, (th, 0.0, 0.0), (0.0, -r, zh)), (0.1, 0.1, 0.1))
        b.add("rear sight", box((0.014, 0.003, 0.026), (0.0, r + 0.0015, hh + 0.013)), case_c)
        b.add("lens", facing_front(cylinder(0.005, 0.002, 0.0, 12), (0.0, r, hh + 0.017)), GLASS)
        b.add("thumb loop", ring(0.011, 0.0022, (r + 0.006, 0.0, 0.0022), "z", 16), case_c)
        b.alias("sighting wire", "hairline", "sight wire", "the thin wire in the lid")
        b.alias("rear sight", "eyepiece", "sighting slot", "lens bracket")
        b.alias("lens", "magnifier", "magnifying lens", "the little glass you look through")
        b.alias("thumb loop", "thumb ring", "finger loop", "the ring you hold it by")
    else:
        r, hh = rng.uniform(0.02, 0.028), rng.uniform(0.008, 0.012)
        case_c = pick(rng, METAL + [BRASS, (0.6, 0.45, 0.25)])
        b.add("housing", revolve(np.array([(0.0, 0.0), (r * 0.9, 0.0), (r, hh * 0.4), (r, hh), (0.0, hh)]), 24), case_c)
        b.add("bezel", _annulus(r * 0.86, r, hh, 0.002), jitter(rng, case_c, 0.05))
        b.add("dial", cylinder(r * 0.86, 0.0004, hh, 24), pick(rng, [white, (0.1, 0.1, 0.1)]))
        b.add("needle", _needle(r * 0.75, 0.0025, hh + 0.0004), red)
        zh, th = hh + 0.002, -rng.uniform(np.radians(95), np.radians(120))
        lid = _at(cylinder(r, 0.002, 0.0, 24), (0.0, -r, 0.0))
        b.add("lid", transform(lid, (th, 0.0, 0.0), (0.0, r, zh)), jitter(rng, case_c, 0.04))
        mirror = _at(cylinder(r * 0.85, 0.0005, -0.0005, 24), (0.0, -r, 0.0))
        b.add("mirror", transform(mirror, (th, 0.0, 0.0), (0.0, r, zh)), (0.85, 0.9, 0.95))
        b.add("hinge", along_x(cylinder(0.0018, 0.01, -0.005, 12), (0.0, r, zh)), jitter(rng, case_c, 0.05))
        b.add("lanyard ring", along_x(cylinder(0.002, 0.005, 0.0, 12), (r - 0.0005, 0.0, hh / 2)), case_c)
        b.add("lanyard ring", ring(0.006, 0.0012, (r + 0.004 + 0.0055, 0.0, hh / 2), "z", 16), case_c)
        b.alias("mirror", "sighting mirror", "lid mirror", "the reflective part")
        b.alias("hinge", "lid hinge", "pivot", "the joint of the lid")
        b.alias("lanyard ring", "bow", "chain ring", "the loop for a cord")
    b.group("face", "dial", "needle").alias("face", "compass face", "the part you read")
    b.group("lid assembly", "lid", "mirror", "sighting wire").alias("lid assembly", "opened cover", "flip-up top")
    b.alias("housing", "capsule", "case", "body", "compass body")
    b.alias("bezel", "rotating bezel", "degree ring", "azimuth ring", "the ring you turn")
    b.alias("dial", "compass card", "compass rose", "face markings", "the card with directions")
    b.alias("needle", "magnetic needle", "pointer", "the red arrow that points north")
    b.alias("lid", "cover", "flip lid", "the part that opens")
    return b.build("compass", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "tent": [make_tent],
    "lantern": [make_lantern],
    "camping stove": [make_camping_stove],
    "canteen": [make_canteen],
    "hammock": [make_hammock],
    "compass": [make_compass],
}
