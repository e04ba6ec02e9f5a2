"""Toys and playground: kites, yo-yos, rocking horses, dollhouses, spinning tops, swing sets.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to
its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import ring, rod, rounded_slab
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
    revolve_parts,
    transform,
    tube,
)

GLASS = (0.6, 0.75, 0.88)
STRING = (0.93, 0.92, 0.86)


def _squash_y(mesh: o3d.geometry.TriangleMesh, k: float, y0: float = 0.0) -> o3d.geometry.TriangleMesh:
    """Scale a mesh built on the plane y = 0 by `k` along y (round tube -> flat plank), then move it to y = y0."""
    v = np.asarray(mesh.vertices).copy()
    v[:, 1] = v[:, 1] * k + y0
    mesh.vertices = o3d.utility.Vector3dVector(v)
    return mesh


def _slab_x(outline_yz: np.ndarray, thickness: float, x0: float) -> o3d.geometry.TriangleMesh:
    """A slab whose outline is (K, 2) (y, z) points (star-shaped), `thickness` deep along x, centred on x = x0."""
    m = extrude(outline_yz, thickness)
    v = np.asarray(m.vertices)
    m.vertices = o3d.utility.Vector3dVector(np.column_stack([v[:, 2] + x0 - thickness / 2, v[:, 0], v[:, 1]]))
    return m


def _centre_xy(o: ProceduralObject) -> ProceduralObject:
    """Move an object sideways so that its footprint's bounding box is centred on the z axis."""
    v = o.vertices
    o.mesh.translate((-(v[:, 0].max() + v[:, 0].min()) / 2, -(v[:, 1].max() + v[:, 1].min()) / 2, 0.0))
    return o


def _helix(radius: np.ndarray | float, z0: float, z1: float, turns: float, per_turn: int = 10,
           phase: float = 0.0) -> np.ndarray:
    """(K, 3) helix about the z axis from z0 to z1; `radius` may be a function of height given as an array."""
    n = max(int(turns * per_turn), 2) + 1
    t = np.linspace(0.0, 1.0, n)
    ang = phase + 2 * np.pi * turns * t
    r = np.broadcast_to(np.asarray(radius, dtype=np.float64), (n,))
    return np.column_stack([r * np.cos(ang), r * np.sin(ang), z0 + (z1 - z0) * t])


# ---------------------------------------------------------------- kite


def make_kite(rng: np.random.Generator) -> ProceduralObject:
    """Kite lying flat on the ground: "sail" stretched over "spar"s, a "bridle" where the "flying line" is tied, the
    line wound on a "winder"; diamond and delta kites trail a "tail" (a diamond's tied with "ribbon" bows)."""
    variant = pick_variant(rng, ["diamond", "delta", "box kite"])
    sail_c = pick(rng, BRIGHT)
    spar_c = pick(rng, WOOD + DARK)
    t, rs, rl = 0.0012, rng.uniform(0.0025, 0.004), 0.0009
    b = PartMesh()
    if variant == "box kite":
        length = rng.uniform(0.7, 1.1)
        a = length * rng.uniform(0.28, 0.36)
        cell = length * rng.uniform(0.27, 0.33)
        z0 = t + rs
        for y in (-a / 2, a / 2):
            for z in (z0, z0 + a):
                b.add("spar", rod((-length / 2, y, z), (length / 2, y, z), rs, 8), spar_c)
        for cx in (-length / 2 + cell / 2, length / 2 - cell / 2):
            c = jitter(rng, sail_c, 0.04)
            b.add("sail", box((cell, a + 2 * rs, t), (cx, 0, t / 2)), c)
            b.add("sail", box((cell, a + 2 * rs, t), (cx, 0, z0 + a + rs + t / 2)), c)
            for s in (-1, 1):
                b.add("sail", box((cell, t, a + 2 * rs), (cx, s * (a / 2 + rs + t / 2), z0 + a / 2)), c)
            for s in (-1, 1):
                b.add("spar", rod((cx, -a / 2, z0 + (a if s > 0 else 0)), (cx, a / 2, z0 + (0 if s > 0 else a)),
                                  rs * 0.8, 8), spar_c)
        top = z0 + a
        bridle = arch(np.array([length / 2 - cell * 0.5, -a / 2, top]), np.array([length / 2 - cell - 0.08, -a / 2, top]),
                      np.array([0.0, -0.06, 0.08]), 12)
        tow = bridle[6]
        line = np.array([tow, tow + (0.0, -0.03, -0.05), (tow[0], -a / 2 - rs - 0.05, top * 0.5),
                         (tow[0] + 0.02, -a / 2 - 0.1, rl)])
    else:
        length = rng.uniform(0.6, 1.0)
        if variant == "diamond":
            width = length * rng.uniform(0.72, 0.9)
            xc = length / 2 - length * rng.uniform(0.25, 0.32)
            outline = np.array([[length / 2, 0.0], [xc, width / 2], [-length / 2, 0.0], [xc, -width / 2]])
            spars = [((length / 2 - 0.01, 0.0), (-length / 2 + 0.01, 0.0)), ((xc, -width / 2 + 0.01), (xc, width / 2 - 0.01))]
            tail_x = -length / 2
        else:
            width = length * rng.uniform(1.6, 2.0)
            notch = length * rng.uniform(0.08, 0.15)
            outline = np.array([[length / 2, 0.0], [-length / 2, width / 2], [-length / 2 + notch, 0.0],
                                [-length / 2, -width / 2]])
            k = 0.93
            xs = -length / 2 + notch + length * 0.25
            hw = (length / 2 - xs) / length * width / 2 * 0.96
            spars = [((length / 2 - 0.01, 0.0), (-length / 2 + notch, 0.0)),
                     ((length / 2 - 0.02, 0.0), (length / 2 - k * length, k * width / 2 - 0.01)),
                     ((length / 2 - 0.02, 0.0), (length / 2 - k * length, -k * width / 2 + 0.01)),
                     ((xs, -hw), (xs, hw))]
            tail_x = -length / 2 + notch
        b.add("sail", extrude(outline, t), sail_c)
        for p0, p1 in spars:
            b.add("spar", rod((p0[0], p0[1], t + rs), (p1[0], p1[1], t + rs), rs, 8), spar_c)
        # Tail: a ribbon or cord snaking away behind the kite.
        tail_len = rng.uniform(0.7, 1.4)
        u = np.linspace(0.0, tail_len, 36)
        amp, lam = rng.uniform(0.03, 0.08), rng.uniform(0.25, 0.45)
        rt = 0.004 if variant == "diamond" else 0.012
        tail = np.column_stack([tail_x + 0.01 - u, amp * np.sin(2 * np.pi * u / lam), np.full_like(u, rt)])
        tail_m = tube(tail, rt, 8)
        if variant == "delta":  # a flat streamer: squash the tube onto the ground
            v = np.asarray(tail_m.vertices).copy()
            v[:, 2] = (v[:, 2] - rt) * 0.15 + rt * 0.15
            tail_m.vertices = o3d.utility.Vector3dVector(v)
        b.add("tail", tail_m, pick(rng, BRIGHT))
        if variant == "diamond":
            bow_c = pick(rng, BRIGHT + PALE)
            for i in range(int(rng.integers(4, 7))):
                p = tail[5 + i * 5]
                for side in (-1, 1):
                    b.add("ribbon", ellipsoid((0.012, 0.035, 0.003), (p[0], p[1] + side * 0.03, 0.003), 6), bow_c)
        bridle = arch(np.array([length / 2 - length * 0.12, 0.0, t + 2 * rs]),
                      np.array([tail_x + length * 0.3, 0.0, t + 2 * rs]), np.array([0.0, 0.0, 0.05 * length]), 12)
        tow = bridle[5]
        if variant == "diamond":  # half-width of the sail where the line leaves it
            half = (width / 2) * ((length / 2 - tow[0]) / (length / 2 - xc) if tow[0] >= xc
                                  else (tow[0] + length / 2) / (xc + length / 2))
        else:
            half = (length / 2 - tow[0]) / length * width / 2
        line = np.array([tow, (tow[0], half * 0.4, tow[2] * 0.6), (tow[0], half + 0.01, t + rl + 0.001),
                         (tow[0], half + 0.05, rl)])
        line[:, 1] *= -1
    b.add("bridle", tube(bridle, rl, 6), STRING)
    # Flying line: from the tow point off the kite, then across the ground to the winder.
    reach = rng.uniform(0.25, 0.5)
    end = line[-1]
    ground = np.array([end + (0.04 * np.sin(u * 3), -reach * u, 0.0) for u in np.linspace(0.05, 1.0, 10)])
    path = np.vstack([line, ground])
    b.add("flying line", tube(path, rl, 6), STRING)
    wr = rng.uniform(0.045, 0.065)
    wc = path[-1] + (0.0, -wr, 0.0)
    prof = np.array([(0.0, 0.0), (wr + 0.008, 0.0), (wr + 0.008, 0.005), (wr, 0.005), (wr, 0.025),
                     (wr + 0.008, 0.025), (wr + 0.008, 0.03), (0.0, 0.03)])
    b.add("winder", transform(revolve(prof, 20), translation=(wc[0], wc[1], 0.0)), pick(rng, WOOD + BRIGHT))
    b.alias("sail", "canopy", "kite fabric", "the cloth part").alias("spar", "spars", "frame", "stick", "rod")
    b.alias("bridle", "bridle line", "towing point", "the strings on the kite")
    b.alias("flying line", "kite string", "line", "string").alias("winder", "spool", "reel", "the part you hold")
    b.alias("tail", "kite tail", "streamer", "the long trailing part").alias("ribbon", "bows", "ribbons", "tail bows")
    b.group("lines", "bridle", "flying line").alias("lines", "strings", "the cords")
    b.group("kite tail", "tail", "ribbon").alias("kite tail", "tail with bows", "the trailing part")
    return _centre_xy(b.build("kite", ground=True, variant=variant))


# ---------------------------------------------------------------- yo-yo


def make_yo_yo(rng: np.random.Generator) -> ProceduralObject:
    """Yo-yo lying on one face: two "half" discs joined by an "axle", the "string" looped round the axle and trailing
    to a "finger loop"; a "cap" on the top face; a light-up yo-yo has a glowing "light-up rim"."""
    variant = pick_variant(rng, ["classic", "butterfly", "light-up"])
    R = rng.uniform(0.025, 0.032)
    h = rng.uniform(0.012, 0.017)
    g = rng.uniform(0.003, 0.0045)
    ra, rs = rng.uniform(0.003, 0.0045), 0.0008
    if variant == "butterfly":
        half = np.array([(0.0, 0.0), (R, 0.0), (R, h * 0.3), (R * 0.4, h), (0.0, h)])
    else:
        t = np.linspace(-np.pi / 2, np.pi / 2, 7)
        edge = np.column_stack([R - h * 0.45 + h * 0.45 * np.cos(t), h * 0.45 + h * 0.45 * np.sin(t)])
        half = np.vstack([[(0.0, 0.0)], edge, [(R * 0.85, h), (0.0, h)]])
    top = 2 * h + g
    color = pick(rng, BRIGHT + DARK)
    if variant == "light-up":
        color = jitter(rng, (0.85, 0.88, 0.95), 0.05)
    b = PartMesh()
    b.add("half", revolve(half, 24), color)
    b.add("half", revolve(np.column_stack([half[::-1, 0], top - half[::-1, 1]]), 24), jitter(rng, color, 0.03))
    b.add("axle", cylinder(ra, g + 0.002, h - 0.001, 12), pick(rng, METAL))
    zc = h + g / 2
    b.add("string", ring(ra + rs, rs, (0.0, 0.0, zc), "z", 16).compute_vertex_normals(), STRING)
    length = rng.uniform(0.15, 0.4)
    s = np.linspace(0.0, length, 24)
    amp = rng.uniform(0.01, 0.04)
    trail = np.column_stack([ra + rs + amp * np.sin(s / length * 2 * np.pi * rng.uniform(0.7, 1.5)),
                             R + 0.012 + s, np.full_like(s, rs)])
    path = np.vstack([[(ra + rs, 0.0, zc), (ra + rs, R + 0.003, zc), (ra + rs, R + 0.008, zc * 0.5)], trail])
    b.add("string", tube(path, rs, 6), STRING)
    lr = rng.uniform(0.008, 0.012)
    b.add("finger loop", ring(lr, 0.0012, (trail[-1, 0], trail[-1, 1] + lr, 0.0012), "z", 16), STRING)
    b.add("cap", cylinder(R * rng.uniform(0.4, 0.6), 0.0012, top - 0.0002, 20), pick(rng, PALE + BRIGHT))
    if variant == "light-up":
        glow = pick(rng, [(0.2, 0.9, 1.0), (1.0, 0.3, 0.8), (0.4, 1.0, 0.3)])
        for zr in (h * 0.45, top - h * 0.45):
            b.add("light-up rim", ring(R - 0.0015, 0.0025, (0.0, 0.0, zr), "z", 24), glow)
        b.alias("light-up rim", "LED ring", "glowing rim", "the part that lights up")
    b.alias("half", "halves", "disc", "side of the yo-yo").alias("axle", "spindle", "centre post", "the middle shaft")
    b.alias("string", "cord", "yo-yo string", "thread").alias("finger loop", "slip knot", "loop", "the part on your finger")
    b.alias("cap", "hub cap", "logo cap", "centre badge")
    b.group("body", "half", "cap", "light-up rim").alias("body", "yo-yo body", "the round part")
    b.group("yo-yo string", "string", "finger loop").alias("yo-yo string", "the whole string", "cord and loop")
    return _centre_xy(b.build("yo-yo", ground=True, variant=variant))


# ---------------------------------------------------------------- rocking horse


def make_rocking_horse(rng: np.random.Generator) -> ProceduralObject:
    """Rocking horse facing +x: "body" with "saddle", "neck", "head" with "ear"s and "eye"s, "mane", "tail", "leg"s,
    a "handle" peg through the head; on curved "rocker"s joined by a "crossbar" (plush: a "platform"), or hung on
    "spring"s over a floor "frame"."""
    variant = pick_variant(rng, ["classic on rockers", "spring frame", "plush"])
    plush = variant == "plush"
    s = rng.uniform(0.65, 0.8) if plush else rng.uniform(0.9, 1.15)
    coat = pick(rng, WOOD + PALE) if variant != "spring frame" else pick(rng, WOOD + PALE + BRIGHT)
    hair = pick(rng, DARK + [(0.95, 0.93, 0.88), (0.55, 0.35, 0.2)])
    bl, bw, bh = rng.uniform(0.22, 0.28) * s, rng.uniform(0.09, 0.115) * s, rng.uniform(0.1, 0.12) * s
    if plush:
        bw, bh = bw * 1.25, bh * 1.15
    b = PartMesh()
    rh = rng.uniform(0.028, 0.038)
    legs_to: list[tuple[float, float, float]] = []
    if variant == "spring frame":
        bz = rng.uniform(0.55, 0.65) * s
        xf, yf = bl * 0.85, bw + rng.uniform(0.06, 0.1)
        fr, frame_c = 0.016, pick(rng, BRIGHT + METAL)
        for x in (-xf, xf):
            b.add("frame", rod((x, -yf - 0.05, fr), (x, yf + 0.05, fr), fr, 10), frame_c)
        for y in (-yf, yf):
            b.add("frame", rod((-xf - 0.12, y, fr), (xf + 0.12, y, fr), fr, 10), frame_c)
        zs = rng.uniform(0.22, 0.3) * s
        for x in (-xf, xf):
            for y in (-yf, yf):
                hel = _helix(0.028, 2 * fr, zs, rng.uniform(4.0, 5.0), 9) + (x, y, 0.0)
                b.add("spring", tube(hel, 0.004, 6), pick(rng, METAL))
                b.add("leg", transform(cylinder(0.03, 0.02, zs - 0.005, 12), translation=(x, y, 0.0)), jitter(rng, coat, 0.05))
                legs_to.append((x, y, zs + 0.015))
    else:
        R = rng.uniform(1.0, 1.3) if plush else rng.uniform(1.3, 1.8)
        hc = (rng.uniform(0.35, 0.45) if plush else rng.uniform(0.55, 0.7)) * s
        yr = (rng.uniform(0.13, 0.16) if plush else rng.uniform(0.16, 0.21)) * s
        ang = np.linspace(-np.arcsin(hc / R), np.arcsin(hc / R), 18)
        arc_p = np.column_stack([R * np.sin(ang), np.zeros_like(ang), R * (1 - np.cos(ang)) + rh])
        wood = pick(rng, WOOD)
        for y in (-yr, yr):
            b.add("rocker", _squash_y(tube(arc_p, rh, 12), 0.012 / rh, y), wood)

        def top_z(x: float) -> float:
            return float(R * (1 - np.cos(np.arcsin(x / R))) + 2 * rh)

        if plush:
            bz = rng.uniform(0.36, 0.42)
            pl = hc * 1.3
            pz = top_z(pl / 2) + 0.01
            b.add("platform", box((pl, 2 * yr + 0.05, 0.02), (0, 0, pz)), jitter(rng, wood, 0.05))
            for x in (-bl * 0.55, bl * 0.55):
                for y in (-bw * 0.55, bw * 0.55):
                    z0, z1 = pz + 0.01, bz - bh * 0.4
                    b.add("leg", ellipsoid((0.045 * s, 0.04 * s, (z1 - z0) / 2 + 0.02), (x, y, (z0 + z1) / 2), 10), coat)
        else:
            bz = rng.uniform(0.52, 0.62) * s
            for x in (-hc * 0.85, hc * 0.85):
                b.add("crossbar", box((0.05, 2 * yr + 0.05, 0.03), (x, 0, top_z(x) - rh)), jitter(rng, wood, 0.05))
            xl = hc * rng.uniform(0.6, 0.75)
            for x in (-1, 1):
                for y in (-1, 1):
                    legs_to.append((x * xl, y * yr, top_z(x * xl) - rh * 0.4))
    for x, y, z in legs_to:
        hip = (np.sign(x) * bl * 0.6, np.sign(y) * bw * 0.55, bz - bh * 0.5)
        b.add("leg", tube(np.array([hip, (x, y, z)]), np.array([0.026, 0.018]) * max(s, 0.9), 10), coat)
    b.add("body", ellipsoid((bl, bw, bh), (0, 0, bz), 14), coat)
    saddle_c = pick(rng, [(0.6, 0.1, 0.1), (0.35, 0.2, 0.1), (0.15, 0.3, 0.6), (0.1, 0.1, 0.1)])
    b.add("saddle", ellipsoid((0.11 * s, bw * 1.07, 0.035 * s), (-0.03 * s, 0, bz + bh * 0.88), 12), saddle_c)
    # Neck up and forward from the chest, the head pitched nose-down at its top.
    base = np.array([bl * 0.65, 0.0, bz + bh * 0.35])
    top = np.array([bl * 0.95 + rng.uniform(0.03, 0.07) * s, 0.0, bz + bh + rng.uniform(0.19, 0.25) * s])
    nr = (0.065 if plush else 0.055) * s
    b.add("neck", tube(np.array([base, top]), np.array([nr, nr * 0.8]), 12), coat)
    d = (top - base) / np.linalg.norm(top - base)
    back = np.array([-d[2], 0.0, d[0]])
    mane = np.array([base + back * nr * 0.85 + (top - base) * u for u in np.linspace(0.1, 1.15, 8)])
    b.add("mane", _squash_y(tube(mane, np.linspace(0.025, 0.03, 8) * s, 10), 0.45), hair)
    pitch = rng.uniform(0.45, 0.7)
    hl, hw, hh = 0.12 * s, (0.06 if plush else 0.05) * s, 0.06 * s
    rot = o3d.geometry.get_rotation_matrix_from_xyz((0.0, pitch, 0.0))
    head_c = top + rot @ np.array([0.07 * s, 0.0, 0.02 * s])
    b.add("head", transform(ellipsoid((hl, hw, hh), (0, 0, 0), 12), (0, pitch, 0), tuple(head_c)), coat)
    for y in (-1, 1):
        ear = transform(cylinder(0.014 * s, 0.045 * s, -0.01, 8, radius_top=0.002), (0.0, -0.2, 0.0),
                        tuple(head_c + rot @ np.array([-0.07 * s, y * 0.022 * s, 0.04 * s])))
        b.add("ear", ear, coat)
        eye_p = head_c + rot @ np.array([0.01 * s, y * hw * 0.92, 0.02 * s])
        b.add("eye", ellipsoid((0.009 * s, 0.006 * s, 0.009 * s), tuple(eye_p), 6), DARK[0])
    hp = top + np.array([0.02 * s, 0.0, 0.0])
    handle_c = pick(rng, WOOD + METAL + DARK)
    hy = hw + 0.05
    b.add("handle", rod((hp[0], -hy, hp[2]), (hp[0], hy, hp[2]), 0.009, 10), handle_c)
    for y in (-hy, hy):
        b.add("handle", ellipsoid((0.016, 0.016, 0.016), (hp[0], y, hp[2]), 6), handle_c)
    tail0 = np.array([-bl * 0.93, 0.0, bz + bh * 0.3])
    tail = tail0 + np.array([(0, 0, 0), (-0.06, 0, -0.01), (-0.1, 0, -0.08), (-0.12, 0, -0.17), (-0.12, 0, -0.25)]) * s
    b.add("tail", tube(tail, np.array([0.03, 0.028, 0.025, 0.02, 0.012]) * s, 10), hair)
    b.alias("body", "torso", "barrel", "the horse's belly").alias("saddle", "seat", "the part you sit on")
    b.alias("neck", "horse neck", "throat").alias("head", "horse head", "muzzle", "nose")
    b.alias("ear", "ears", "horse ears").alias("eye", "eyes", "glass eye")
    b.alias("mane", "horse hair", "hair on the neck").alias("tail", "horse tail", "the hair at the back")
    b.alias("leg", "legs", "hooves", "horse legs").alias("handle", "handles", "hand grips", "the part you hold")
    b.alias("rocker", "rockers", "curved base", "bow rocker").alias("crossbar", "stretcher", "cross piece", "footrest")
    b.alias("platform", "base board", "stand", "the board under the horse")
    b.alias("spring", "springs", "coil spring", "the bouncy part").alias("frame", "metal frame", "stand", "floor frame")
    b.group("horse", "head", "neck", "body", "leg", "tail", "mane", "ear", "eye").alias("horse", "the animal", "horse figure")
    b.group("hair", "mane", "tail").alias("hair", "horsehair", "the hairy parts")
    b.group("base", "rocker", "crossbar", "platform", "spring", "frame").alias("base", "the bottom", "the stand")
    return b.build("rocking horse", ground=True, variant=variant)


# ---------------------------------------------------------------- dollhouse


def make_dollhouse(rng: np.random.Generator) -> ProceduralObject:
    """Open-backed dollhouse, front facing -y: outer and inner "wall"s, "floor"s, a gabled "roof" with a "chimney",
    "window"s, a front "door" and "stairs" between storeys."""
    variant = pick_variant(rng, ["two-storey open-back", "cottage", "three-storey"])
    n = {"two-storey open-back": 2, "cottage": 1, "three-storey": 3}[variant]
    W = rng.uniform(0.4, 0.55) if variant == "cottage" else rng.uniform(0.5, 0.8)
    D = rng.uniform(0.26, 0.36)
    hs = rng.uniform(0.24, 0.3)
    tw, tf, tr = 0.012, 0.012, 0.012
    levels = n + (1 if variant == "cottage" else 0) - 1  # upper floors (the cottage's attic has one)
    Hw = n * hs + tf
    pitch = {"cottage": rng.uniform(0.8, 0.95), "two-storey open-back": rng.uniform(0.55, 0.7),
             "three-storey": rng.uniform(0.4, 0.55)}[variant]
    wall_c, roof_c = pick(rng, PALE + BRIGHT), pick(rng, [(0.6, 0.15, 0.1), (0.25, 0.25, 0.3), (0.35, 0.45, 0.6)])
    floor_c, inner_c = pick(rng, WOOD), pick(rng, PALE)
    b = PartMesh()
    b.add("floor", box((W + 0.04, D + 0.04, tf), (0, 0, tf / 2)), floor_c)
    for x in (-1, 1):
        b.add("wall", box((tw, D, Hw - tf), (x * (W / 2 - tw / 2), 0, (Hw + tf) / 2)), wall_c)
    b.add("wall", box((W, tw, Hw - tf), (0, -D / 2 + tw / 2, (Hw + tf) / 2)), wall_c)
    # Gable ends on the side walls; their peak carries the ridge.
    rise = (D / 2) * np.tan(pitch)
    for x in (-1, 1):
        gable = np.array([[-D / 2, Hw], [D / 2, Hw], [0.0, Hw + rise]])
        b.add("wall", _slab_x(gable, tw, x * (W / 2 - tw / 2)), wall_c)
    ov = rng.uniform(0.02, 0.04)
    slope = (D / 2 + ov) / np.cos(pitch) + tr
    for sy in (-1, 1):
        y_mid = sy * (D / 2 + ov) / 2
        z_mid = Hw + rise - (D / 2 + ov) / 2 * np.tan(pitch) + tr / (2 * np.cos(pitch))
        b.add("roof", transform(box((W + 2 * ov, slope, tr), (0, 0, 0)), (-sy * pitch, 0, 0), (0, y_mid, z_mid)), roof_c)
    # Chimney through the back slope.
    cw = rng.uniform(0.04, 0.06)
    cx, cy = rng.choice([-1, 1]) * W * rng.uniform(0.2, 0.32), D * rng.uniform(0.15, 0.25)
    z_low = Hw + rise - (cy + cw / 2) * np.tan(pitch) - 0.005
    z_high = Hw + rise + rng.uniform(0.03, 0.07)
    b.add("chimney", box((cw, cw, z_high - z_low), (cx, cy, (z_low + z_high) / 2)), pick(rng, [(0.6, 0.3, 0.2),
                                                                                                 (0.5, 0.5, 0.5)]))
    # Upper floors with a stairwell at the back left; stairs climb along the left wall.
    sw = rng.uniform(0.07, 0.09)
    run = rng.uniform(0.16, 0.22)
    xs0 = -W / 2 + tw
    steps = 6
    for k in range(1, levels + 1):
        z = k * hs + tf / 2
        front_d = D - tw - sw
        b.add("floor", box((W - 2 * tw, front_d, tf), (0, -D / 2 + tw + front_d / 2, z)), floor_c)
        b.add("floor", box((W / 2 - tw - (xs0 + run), sw, tf), ((W / 2 - tw + xs0 + run) / 2, D / 2 - sw / 2, z)),
              floor_c)
        for i in range(steps):
            hgt = (i + 1) * hs / steps
            b.add("stairs", box((run / steps, sw, hgt), (xs0 + (i + 0.5) * run / steps, D / 2 - sw / 2,
                                                         (k - 1) * hs + tf + hgt / 2 - 0.001)), jitter(rng, floor_c, 0.05))
    for k in range(n):
        px = xs0 + run + rng.uniform(0.05, 0.15) * W
        if px < W / 2 - 0.12:
            b.add("wall", box((tw, D - tw, hs - tf), (px, tw / 2, k * hs + tf + (hs - tf) / 2)), inner_c)
    # Windows on the front and sides, a door in the front.
    ww, wh = rng.uniform(0.06, 0.09), rng.uniform(0.08, 0.11)
    dw, dh = rng.uniform(0.07, 0.09), min(rng.uniform(0.15, 0.19), hs * 0.75)
    xd = rng.uniform(-0.1, 0.1) * W
    b.add("door", box((dw, 0.006, dh), (xd, -D / 2 - 0.003, tf + dh / 2)), pick(rng, BRIGHT + WOOD))
    cols = max(2, int(W / 0.2))
    win_c = GLASS
    for k in range(n):
        zc = k * hs + tf + hs * 0.55
        for x in np.linspace(-W / 2 + 0.08, W / 2 - 0.08, cols):
            if k == 0 and abs(x - xd) < (dw + ww) / 2 + 0.02:
                continue
            b.add("window", box((ww, 0.004, wh), (x, -D / 2 - 0.002, zc)), win_c)
        for sx in (-1, 1):
            b.add("window", box((0.004, ww, wh), (sx * (W / 2 + 0.002), -D * 0.1, zc)), win_c)
    if variant == "cottage" or rng.random() < 0.5:
        for sx in (-1, 1):
            b.add("window", box((0.004, ww * 0.8, wh * 0.8), (sx * (W / 2 + 0.002), 0, Hw + rise * 0.35)), win_c)
    b.alias("roof", "rooftop", "roof panels", "the slanted top").alias("chimney", "chimney stack", "smokestack")
    b.alias("wall", "walls", "outer wall", "room divider").alias("floor", "floors", "storey floor", "floorboards")
    b.alias("window", "windows", "window pane", "glass").alias("door", "front door", "entrance", "doorway")
    b.alias("stairs", "staircase", "steps", "stairway")
    b.group("exterior", "wall", "window", "door").alias("exterior", "facade", "house front")
    b.group("rooftop", "roof", "chimney").alias("rooftop", "top of the house", "the roof area")
    b.group("interior", "floor", "stairs").alias("interior", "inside", "rooms")
    return b.build("dollhouse", ground=True, variant=variant)


# ---------------------------------------------------------------- spinning top


def make_spinning_top(rng: np.random.Generator) -> ProceduralObject:
    """Spinning top standing on its "tip": a turned "body" with a painted "rim", a "handle" stem to twirl; a metal
    battle top has a toothed "rim" and a "cap"; a string-pull top has its "string" wound round the body."""
    variant = pick_variant(rng, ["classic wooden", "metal battle top", "string-pull top"])
    b = PartMesh()
    body_c = pick(rng, WOOD + BRIGHT)
    rim_c = pick(rng, BRIGHT)
    tip_c = pick(rng, METAL) if variant != "classic wooden" else jitter(rng, body_c, 0.08)
    if variant == "metal battle top":
        rw = rng.uniform(0.019, 0.025)
        th = rng.uniform(0.011, 0.015)
        zb, zt = th + 0.002, th + rng.uniform(0.009, 0.012)
        prof = np.array([(0.0, 0.0), (0.0018, 0.0008), (0.004, th * 0.5), (0.007, th), (0.007, zb), (rw, zb + 0.002),
                         (rw, zt), (0.011, zt + 0.002), (0.0, zt + 0.002)])
        labels = ["tip"] * 4 + ["body"] * 4
        revolve_parts(b, prof, labels, {"tip": pick(rng, DARK + BRIGHT), "body": pick(rng, METAL)}, 16)
        b.add("cap", cylinder(0.01, 0.005, zt + 0.0015, 12, radius_top=0.008), pick(rng, BRIGHT))
        b.add("rim", revolve(np.array([(rw * 0.85, zb + 0.0025), (rw * 1.04, zb + 0.0025), (rw * 1.04, zt - 0.001),
                                       (rw * 0.85, zt - 0.001)]), 16), rim_c)
        teeth = int(rng.integers(3, 7))
        for i in range(teeth):
            a = 2 * np.pi * i / teeth
            tooth = transform(box((rw * 0.5, 0.005, zt - zb - 0.003), (0, 0, 0)), (0, 0, a + 0.4),
                              (rw * 1.05 * np.cos(a), rw * 1.05 * np.sin(a), (zb + zt) / 2))
            b.add("rim", tooth, rim_c)
    else:
        hb = rng.uniform(0.035, 0.055)
        rb = rng.uniform(0.022, 0.034)
        tip_h = rng.uniform(0.006, 0.012)
        if variant == "classic wooden":
            sr, sh = rng.uniform(0.003, 0.005), rng.uniform(0.015, 0.03)
            z = tip_h
            prof = np.array([(0.0, 0.0), (0.0012, 0.0008), (0.004, tip_h),
                             (rb * 0.5, z + hb * 0.3), (rb * 0.96, z + hb * 0.55),
                             (rb, z + hb * 0.6), (rb, z + hb * 0.72), (rb * 0.96, z + hb * 0.77),
                             (rb * 0.6, z + hb * 0.95), (sr, z + hb),
                             (sr, z + hb + sh), (sr * 1.3, z + hb + sh + 0.002), (0.0, z + hb + sh + 0.004)])
            labels = ["tip"] * 2 + ["body"] * 2 + ["rim"] * 3 + ["body"] * 2 + ["handle"] * 3
        else:
            sr, sh = rng.uniform(0.004, 0.006), rng.uniform(0.006, 0.01)
            z = tip_h
            bottom = rng.uniform(0.004, 0.006)
            prof = np.array([(0.0, 0.0), (0.0007, 0.0008), (0.0015, tip_h), (bottom, tip_h),
                             (rb * 0.55, z + hb * 0.25), (rb * 0.88, z + hb * 0.5), (rb, z + hb * 0.68),
                             (rb, z + hb * 0.78), (rb * 0.8, z + hb * 0.93), (sr, z + hb),
                             (sr, z + hb + sh), (0.0, z + hb + sh + 0.002)])
            labels = ["tip"] * 2 + ["body"] * 4 + ["rim"] + ["body"] * 2 + ["handle"] * 2
        revolve_parts(b, prof, labels, {"tip": tip_c, "body": body_c, "rim": rim_c, "handle": jitter(rng, body_c, 0.1)},
                      20)
        if variant == "string-pull top":
            rs = 0.0012
            z0, z1 = z + hb * 0.08, z + hb * 0.55
            zz = np.linspace(z0, z1, int(5.5 * 12) + 1)
            rad = np.interp(zz, prof[3:7, 1], prof[3:7, 0]) + rs * 0.8
            hel = _helix(rad, z0, z1, 5.5, 12)
            a_end = np.arctan2(hel[-1, 1], hel[-1, 0])
            out = np.array([np.cos(a_end), np.sin(a_end), 0.0])
            side = np.array([-np.sin(a_end), np.cos(a_end), 0.0])
            lead = [hel[-1] + out * 0.006 + side * 0.004 + (0, 0, -0.004), hel[-1] * (1, 1, 0) + out * (rb + 0.01) + (0, 0, rs)]
            length = rng.uniform(0.1, 0.25)
            trail = [lead[-1] + out * u + side * 0.02 * np.sin(u / length * 6) for u in np.linspace(0.01, length, 14)]
            b.add("string", tube(np.vstack([hel, lead, trail]), rs, 6), STRING)
            b.alias("string", "pull string", "cord", "the wound cord")
    b.alias("body", "spinning body", "the round part", "top body").alias("tip", "point", "spinning tip", "the point it spins on")
    b.alias("rim", "edge", "painted band", "outer ring").alias("handle", "stem", "knob", "the part you twist")
    b.alias("cap", "centre cap", "face bolt", "the top emblem")
    b.group("spindle", "handle", "tip").alias("spindle", "axis", "shaft")
    return b.build("spinning top", ground=True, variant=variant)


# ---------------------------------------------------------------- swing set


def make_swing_set(rng: np.random.Generator) -> ProceduralObject:
    """Backyard swing set along x: A-frame "leg"s with a "brace", a "top beam", swing "seat"s hung on "chain"s; with a
    slide: a "platform" on "post"s beside one A-frame, a "ladder" up and a "slide" down."""
    variant = pick_variant(rng, ["single", "double", "with slide"])
    Lb = {"single": rng.uniform(1.5, 1.9), "double": rng.uniform(2.3, 3.0), "with slide": rng.uniform(2.2, 2.6)}[variant]
    H = rng.uniform(1.9, 2.3)
    spread = H * rng.uniform(0.7, 0.85)
    splay = rng.uniform(0.1, 0.25)
    wooden = rng.random() < 0.4
    r = rng.uniform(0.04, 0.05) if wooden else rng.uniform(0.022, 0.03)
    frame_c = pick(rng, WOOD) if wooden else pick(rng, BRIGHT + METAL)
    b = PartMesh()
    z_brace = rng.uniform(0.6, 0.85)

    def leg_at(x_end: float, y_sign: float, z: float) -> tuple[float, float, float]:
        f = 1 - z / H
        return (x_end + np.sign(x_end) * splay * f, y_sign * spread / 2 * f, z)

    for xe in (-Lb / 2, Lb / 2):
        for ys in (-1, 1):
            b.add("leg", rod((xe, 0, H), leg_at(xe, ys, r), r, 12), frame_c)
        b.add("brace", rod(leg_at(xe, -1, z_brace), leg_at(xe, 1, z_brace), r * 0.7, 10), jitter(rng, frame_c, 0.05))
    rb = r * rng.uniform(1.1, 1.4)
    b.add("top beam", rod((-Lb / 2 - 0.06, 0, H + r * 0.5), (Lb / 2 + 0.06, 0, H + r * 0.5), rb, 14), frame_c)
    n = 1 if variant == "single" else 2
    xs = [0.0] if n == 1 else [-Lb / 4, Lb / 4]
    seat_c, chain_c = pick(rng, BRIGHT + DARK), pick(rng, METAL)
    for x in xs:
        sh, half = rng.uniform(0.4, 0.55), rng.uniform(0.2, 0.24)
        b.add("seat", rounded_slab(2 * half + 0.04, rng.uniform(0.14, 0.18), 0.02, 0.03, (x, 0, sh)), seat_c)
        for s in (-1, 1):
            b.add("chain", rod((x + s * (half + 0.02), 0, H + r * 0.5 - rb * 0.8), (x + s * half, 0, sh), 0.006, 6),
                  chain_c)
    if variant == "with slide":
        hp = rng.uniform(1.0, 1.25)
        x0 = leg_at(Lb / 2, 1, hp)[0]
        pw = spread * (1 - hp / H) + 2 * r
        pl = rng.uniform(0.6, 0.75)
        x1 = x0 + pl
        plat_c = pick(rng, WOOD + BRIGHT)
        b.add("platform", box((pl, pw, 0.03), (x0 + pl / 2, 0, hp)), plat_c)
        for y in (-1, 1):
            b.add("post", rod((x1 - 0.03, y * (pw / 2 - 0.03), 0.0), (x1 - 0.03, y * (pw / 2 - 0.03), hp), r * 0.9, 10),
                  frame_c)
        # Ladder down the -y side of the platform.
        lad = rng.uniform(0.3, 0.4) * hp
        rung_c = jitter(rng, frame_c, 0.05)
        xa = [x1 - 0.08, x1 - 0.08 - rng.uniform(0.32, 0.4)]
        for x in xa:
            b.add("ladder", rod((x, -pw / 2, hp), (x, -pw / 2 - lad, 0.0), 0.02, 8), rung_c)
        for z in np.arange(0.25, hp - 0.1, 0.25):
            yl = -pw / 2 - lad * (1 - z / hp)
            b.add("ladder", rod((xa[1], yl, z), (xa[0], yl, z), 0.015, 8), rung_c)
        # Chute: a sloped run and a flat exit lip on two short legs.
        alpha = rng.uniform(0.55, 0.7)
        ze = rng.uniform(0.2, 0.3)
        run_len = (hp - ze) / np.sin(alpha)
        cw = rng.uniform(0.38, 0.45)
        slide_c = pick(rng, BRIGHT)
        dx = (hp - ze) / np.tan(alpha)
        mid = (x1 + dx / 2, 0.0, (hp + ze) / 2 + 0.015)
        b.add("slide", transform(box((run_len + 0.02, cw, 0.012), (0, 0, 0)), (0, alpha, 0), mid), slide_c)
        for y in (-1, 1):
            b.add("slide", transform(box((run_len + 0.02, 0.015, 0.08), (0, 0, 0)), (0, alpha, 0),
                                     (mid[0], y * cw / 2, mid[2] + 0.03)), slide_c)
        lip = rng.uniform(0.3, 0.4)
        b.add("slide", box((lip, cw, 0.012), (x1 + dx + lip / 2 - 0.01, 0, ze + 0.015)), slide_c)
        for y in (-1, 1):
            b.add("slide", box((lip, 0.015, 0.06), (x1 + dx + lip / 2 - 0.01, y * cw / 2, ze + 0.04)), slide_c)
            b.add("slide", rod((x1 + dx + lip - 0.05, y * (cw / 2 - 0.03), 0.0), (x1 + dx + lip - 0.05, y * (cw / 2 - 0.03),
                                                                                 ze + 0.01), 0.015, 8), slide_c)
        b.alias("platform", "deck", "landing", "the top of the slide").alias("post", "posts", "support post", "stilt")
        b.alias("ladder", "steps", "rungs", "the part you climb").alias("slide", "chute", "slide bed", "the slope")
    b.alias("leg", "legs", "A-frame leg", "support leg").alias("brace", "crossbar", "cross brace", "support bar")
    b.alias("top beam", "crossbeam", "top bar", "the bar the swings hang from")
    b.alias("seat", "swing seat", "seats", "the part you sit on").alias("chain", "chains", "rope", "swing chain")
    b.group("frame", "leg", "brace", "top beam").alias("frame", "A-frame", "structure", "metal frame")
    b.group("swing", "seat", "chain").alias("swing", "swings", "the hanging part")
    b.group("slide tower", "platform", "post", "ladder", "slide").alias("slide tower", "play tower", "slide section")
    return _centre_xy(b.build("swing set", ground=True, variant=variant))


CATEGORIES: dict[str, list[Builder]] = {
    "kite": [make_kite],
    "yo-yo": [make_yo_yo],
    "rocking horse": [make_rocking_horse],
    "dollhouse": [make_dollhouse],
    "spinning top": [make_spinning_top],
    "swing set": [make_swing_set],
}
