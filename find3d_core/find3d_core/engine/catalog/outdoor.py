"""Garden and street: wheelbarrows, rakes, lawn mowers, birdhouses, mailboxes, fire hydrants, traffic cones.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, at real size (helpers: `catalog/mesh_tools.py`). Wheeled things point along +x; things with a front
(a mailbox door, a birdhouse's entrance hole) face -y. Long tools lie on the ground. `CATEGORIES` maps a
category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
    axle_y,
    cut,
    facing_front,
    ring,
    rod,
    rounded_slab,
    side_slab,
)
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
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

RUBBER = (0.08, 0.08, 0.08)
HOLE = (0.03, 0.025, 0.02)
ORANGE = (0.95, 0.4, 0.05)
WHITE = (0.95, 0.95, 0.93)


def _open_tray(half_x: float, half_y: float, depth: float, taper: float, wall: float,
               z0: float) -> o3d.geometry.TriangleMesh:
    """An open rectangular tub (wheelbarrow tray, cart bin): floor `taper` times the rim's size, walls `wall` thick."""
    k = np.sqrt(2.0)
    u = wall / min(half_x, half_y)
    prof = np.array([(0.0, 0.0), (taper * k, 0.0), (k, depth), ((1 - u) * k, depth), ((taper - u) * k, wall),
                     (0.0, wall)])
    m = transform(revolve(prof, 4), (0.0, 0.0, np.pi / 4))  # a square lathe: corners turned onto the diagonals
    v = np.asarray(m.vertices) * np.array([half_x, half_y, 1.0]) + np.array([0.0, 0.0, z0])
    m.vertices = o3d.utility.Vector3dVector(v)
    return m


def _wheel(b: PartMesh, center: tuple[float, float, float], radius: float, width: float, tire: tuple,
           hub: tuple) -> None:
    """A small wheel turning about y: "wheel" (tyre torus) with a "hub"."""
    b.add("wheel", ring(radius - width / 2, width / 2, center, "y", 24), tire)
    b.add("hub", axle_y(max(radius - width * 0.85, radius * 0.4), width * 0.9, center, 14), hub)


def make_wheelbarrow(rng: np.random.Generator) -> ProceduralObject:
    """Wheelbarrow along +x: open "tray", "wheel"(s) with "hub"s, "frame" rails and axle, "handle"s with "grip"s,
    "leg"s it rests on; a garden cart has a loop handle, big side wheels and a front stand."""
    variant = pick_variant(rng, ["one-wheel barrow", "two-wheel barrow", "garden cart"])
    tray_c = pick(rng, BRIGHT + METAL + [(0.2, 0.4, 0.2)])
    frame_c, grip_c = pick(rng, DARK + METAL + BRIGHT), pick(rng, DARK + [(0.8, 0.15, 0.12)])
    hub_c = pick(rng, METAL + BRIGHT)
    handle_c = pick(rng, WOOD) if variant != "garden cart" and rng.random() < 0.5 else frame_c
    rr, wall = 0.014, 0.004
    b = PartMesh()
    if variant == "garden cart":
        ax, ay, depth = rng.uniform(0.4, 0.5), rng.uniform(0.28, 0.35), rng.uniform(0.25, 0.32)
        r, tw = rng.uniform(0.22, 0.28), rng.uniform(0.05, 0.07)
        zt = r + 0.05
        b.add("tray", _open_tray(ax, ay, depth, 0.97, wall, zt), tray_c)
        yr, zr = ay * 0.7, zt - rr
        for s in (-1, 1):
            b.add("frame", rod((ax * 0.9, s * yr, zr), (-ax * 0.9, s * yr, zr), rr), frame_c)
            b.add("frame", rod((0, s * yr, zr), (0, s * yr, r), rr * 0.8), frame_c)
            _wheel(b, (0.0, s * (ay + tw / 2 + 0.02), r), r, tw, RUBBER, hub_c)
            b.add("leg", rod((ax * 0.8, s * yr, zr), (ax * 0.85, s * yr, rr * 0.3), rr), frame_c)
        b.add("frame", rod((0, -(ay + 0.03), r), (0, ay + 0.03, r), 0.01), frame_c)  # the axle
        zh, xh = zt + rng.uniform(0.35, 0.5), -ax - rng.uniform(0.3, 0.4)
        loop = np.array([(-ax * 0.9, -yr, zr), (xh, -yr, zh), (xh, yr, zh), (-ax * 0.9, yr, zr)])
        b.add("handle", tube(loop, rr, 10), handle_c)
        b.add("grip", transform(cylinder(rr * 1.6, yr * 1.4, -yr * 0.7, 12), (np.pi / 2, 0, 0), (xh, 0, zh)), grip_c)
        b.alias("handle", "loop handle", "pull bar", "handlebar")
    else:
        ax, ay, depth = rng.uniform(0.38, 0.48), rng.uniform(0.28, 0.35), rng.uniform(0.2, 0.28)
        two = variant == "two-wheel barrow"
        r, tw = (rng.uniform(0.15, 0.18), 0.07) if two else (rng.uniform(0.17, 0.21), rng.uniform(0.07, 0.09))
        zt = rng.uniform(0.33, 0.4)
        taper = rng.uniform(0.55, 0.7)
        b.add("tray", _open_tray(ax, ay, depth, taper, wall, zt), tray_c)
        yr, zr = rng.uniform(0.18, 0.23), zt - rr
        xw = ax * 0.8 if two else ax + r * 0.45
        xb, xl = ax * taper, -ax * taper * 0.8
        for s in (-1, 1):
            y_front = s * (yr + 0.02) if two else s * (tw / 2 + 0.02)
            rail = np.array([(xw + 0.04, y_front, r), (xb, s * yr, zr), (-ax * taper, s * yr, zr)])
            b.add("frame", tube(rail, rr, 10), frame_c)
            x1, y1, z1 = -ax - rng.uniform(0.45, 0.55), s * yr * 1.12, zr + 0.08
            b.add("handle", rod((-ax * taper - 0.02, s * yr, zr), (x1, y1, z1), rr), handle_c)
            h0 = np.array([-ax * taper - 0.02, s * yr, zr])
            h1 = np.array([x1, y1, z1])
            g0 = h1 + (h0 - h1) * 0.14 / np.linalg.norm(h0 - h1)
            b.add("grip", rod(tuple(g0), (x1, y1, z1), rr * 1.5), grip_c)
            b.add("leg", rod((xl, s * yr, zr), (xl - 0.03, s * (yr + 0.02), rr * 0.3), rr), frame_c)
            if two:
                _wheel(b, (xw, s * (yr + 0.04 + tw / 2), r), r, tw, RUBBER, hub_c)
        if not two:
            _wheel(b, (xw, 0.0, r), r, tw, RUBBER, hub_c)
        half = yr + 0.06 + tw if two else tw / 2 + 0.03
        b.add("frame", rod((xw, -half, r), (xw, half, r), 0.01), frame_c)  # the axle
        b.alias("handle", "handles", "shafts", "arms")
    b.group("wheel assembly", "wheel", "hub").alias("wheel assembly", "wheels", "the part it rolls on")
    b.group("stand", "leg", "frame").alias("stand", "undercarriage", "chassis")
    b.alias("tray", "bin", "tub", "bucket", "the part that holds the load").alias("wheel", "tire", "tyre", "wheels")
    b.alias("hub", "wheel hub", "rim").alias("frame", "rails", "chassis tubes", "axle")
    b.alias("grip", "grips", "hand grip", "the part you hold").alias("leg", "legs", "rest", "support feet")
    return b.build("wheelbarrow", ground=True, variant=variant)


def make_rake(rng: np.random.Generator) -> ProceduralObject:
    """Rake lying on its tines along x: "head" (bar or fan plate) with "tine"s at +x, a bow rake's "bow"s and
    "ferrule", the long "shaft" sloping to the ground and a "grip" at its end."""
    variant = pick_variant(rng, ["leaf rake", "bow rake", "hand rake"])
    metal, shaft_c = pick(rng, METAL + DARK + BRIGHT), pick(rng, WOOD + BRIGHT + METAL)
    grip_c = pick(rng, DARK + BRIGHT)
    b = PartMesh()
    if variant == "leaf rake":
        tine_l, width, h = rng.uniform(0.35, 0.45), rng.uniform(0.45, 0.6), 0.05
        n, rt = int(rng.integers(14, 22)), 0.003
        tine_c = pick(rng, METAL + BRIGHT + [(0.2, 0.5, 0.25)])
        for k in range(n):
            f = (k / (n - 1)) * 2 - 1
            path = np.array([(0.0, f * 0.04, h), (tine_l * 0.85, f * width / 2, h), (tine_l, f * width / 2, rt)])
            b.add("tine", tube(path, rt, 6), tine_c)
        yp = 0.04 + (width / 2 - 0.04) * 0.12 / (tine_l * 0.85)
        plate = np.array([(-0.03, -0.02), (0.12, -yp), (0.12, yp), (-0.03, 0.02)])
        b.add("head", extrude(plate, 0.008).translate((0, 0, h - 0.004)), pick(rng, DARK + BRIGHT))
        xb = tine_l * 0.5
        yb = 0.04 + (width / 2 - 0.04) * xb / (tine_l * 0.85)
        b.add("head", box((0.015, 2 * yb, 0.006), (xb, 0, h + rt + 0.003)), pick(rng, DARK + BRIGHT))
        x0, z0, shaft_l, rs = -0.03, h, rng.uniform(1.1, 1.4), 0.013
        b.alias("head", "fan plate", "brace", "rake head")
    else:
        hand = variant == "hand rake"
        width = rng.uniform(0.08, 0.14) if hand else rng.uniform(0.33, 0.45)
        tine_l = rng.uniform(0.05, 0.07) if hand else rng.uniform(0.06, 0.085)
        n = int(rng.integers(4, 7)) if hand else int(rng.integers(12, 17))
        rt, bar = (0.003, 0.012) if hand else (0.004, 0.02)
        hz = tine_l + bar / 2
        b.add("head", box((bar, width, bar), (0.0, 0.0, hz)), metal)
        for y in np.linspace(-width / 2 + rt, width / 2 - rt, n):
            if hand:  # claws curl forward and down
                path = np.array([(0.0, y, hz), (0.03, y, hz * 0.8), (0.045, y, hz * 0.4), (0.04, y, rt)])
                b.add("tine", tube(path, rt, 6), metal)
            else:
                b.add("tine", rod((0.0, y, hz), (0.012, y, rt), rt, 6), metal)
        if hand:
            shaft_l = rng.uniform(0.08, 0.12)
            b.add("shaft", rod((0.0, 0.0, hz), (-shaft_l, 0.0, hz * 0.75), 0.006, 10), metal)
            gl = rng.uniform(0.1, 0.13)
            b.add("grip", rod((-shaft_l + 0.005, 0.0, hz * 0.75), (-shaft_l - gl, 0.0, 0.018), 0.016, 14), grip_c)
            b.alias("shaft", "neck", "stem", "the metal bar")
        else:
            fx = -rng.uniform(0.1, 0.14)
            fz = hz + 0.03
            for s in (-1, 1):
                p0, p1 = np.array([0.0, s * width * 0.38, hz]), np.array([fx, s * 0.012, fz])
                path = arch(p0, p1, np.array([0.0, 0.0, 0.04]), 8)
                b.add("bow", tube(path, 0.004, 6), metal)
            b.add("ferrule", along_x(cylinder(0.016, 0.07, 0.0, 12, 0.014), (fx - 0.06, 0.0, fz)), metal)
            b.alias("bow", "bows", "arched braces", "the curved arms")
            b.alias("ferrule", "collar", "socket", "the metal sleeve")
            x0, z0, shaft_l, rs = fx - 0.06, fz, rng.uniform(1.25, 1.5), 0.014
        b.alias("head", "rake head", "crossbar", "the metal bar")
    if variant != "hand rake":
        x1, z1 = x0 - shaft_l, rs
        b.add("shaft", tube(np.array([(x0 + 0.03, 0.0, z0), (x1, 0.0, z1)]), rs, 14), shaft_c)
        gl = rng.uniform(0.12, 0.18)
        t = gl / shaft_l
        grip = np.array([(x1 + t * (x0 - x1), 0.0, z1 + t * (z0 - z1)), (x1 - 0.01, 0.0, z1)])
        b.add("grip", tube(grip, rs * 1.3, 14), grip_c)
        b.alias("shaft", "pole", "stick", "the long stick")
    b.group("business end", "head", "tine", "bow", "ferrule").alias("business end", "rake end", "the part that rakes")
    b.group("handle assembly", "shaft", "grip").alias("handle assembly", "handle", "rake handle")
    b.alias("tine", "tines", "teeth", "prongs", "fingers").alias("grip", "hand grip", "end cap", "the part you hold")
    return b.build("rake", ground=True, variant=variant)


def make_lawn_mower(rng: np.random.Generator) -> ProceduralObject:
    """Walk-behind lawn mower along +x: cutting "deck", four "wheel"s, "engine" (or electric "motor" and
    "battery"), U-shaped "handle" with a "control bar", a "grass bag" behind or a side "discharge chute"."""
    variant = pick_variant(rng, ["push mower", "mower with grass bag", "electric mower"])
    D, W = rng.uniform(0.5, 0.62), rng.uniform(0.45, 0.56)
    dh, zc = rng.uniform(0.08, 0.11), rng.uniform(0.03, 0.05)
    rf = rng.uniform(0.08, 0.1)
    rb = rf * rng.uniform(1.0, 1.35)
    ww = rng.uniform(0.035, 0.05)
    paint = pick(rng, BRIGHT + [(0.3, 0.6, 0.2), (0.1, 0.1, 0.1)])
    b = PartMesh()
    top = zc + dh
    b.add("deck", rounded_slab(D, W, dh, 0.1, (0.0, 0.0, zc + dh / 2)), paint)
    hub_c = pick(rng, DARK + METAL + [paint])
    for x, r in ((D * 0.36, rf), (-D * 0.36, rb)):
        for s in (-1, 1):
            c = (x, s * (W / 2 + ww / 2), r)
            b.add("wheel", axle_y(r, ww, c, 20), RUBBER)
            b.add("hub", axle_y(r * 0.55, ww * 1.15, c, 12), hub_c)
    if variant == "electric mower":
        b.add("motor", ellipsoid((D * 0.3, W * 0.3, 0.1), (0.04, 0.0, top), 12), jitter(rng, paint, 0.05))
        b.add("battery", box((0.12, 0.08, 0.06), (0.02, 0.0, top + 0.11)), pick(rng, DARK))
        b.alias("motor", "motor housing", "motor cover", "the dome on the deck")
        b.alias("battery", "battery pack", "power pack", "the removable battery")
    else:
        re = rng.uniform(0.09, 0.11)
        eng = pick(rng, DARK + METAL)
        b.add("engine", cylinder(re, 0.11, top - 0.005, 16), eng)
        b.add("engine", cylinder(re * 1.2, 0.05, top + 0.105, 16, re * 1.0), eng)
        b.add("engine", box((0.08, 0.07, 0.06), (re * 0.9, 0.0, top + 0.07)), eng)  # air filter box
        b.add("fuel cap", cylinder(0.02, 0.02, top + 0.15, 10), pick(rng, DARK + BRIGHT))
        b.alias("engine", "motor", "petrol engine", "gas engine", "engine cover")
        b.alias("fuel cap", "gas cap", "petrol cap", "filler cap")
    hw = W * 0.4
    hx0, hx1, hz1 = -D / 2 + 0.06, -D / 2 - rng.uniform(0.4, 0.5), rng.uniform(0.9, 1.0)
    handle = np.array([(hx0, -hw, top - 0.01), (hx1, -hw, hz1), (hx1 - 0.02, 0.0, hz1 + 0.01), (hx1, hw, hz1),
                       (hx0, hw, top - 0.01)])
    b.add("handle", tube(handle, 0.012, 10), pick(rng, DARK + METAL))
    t = 0.88
    px, pz = hx0 + t * (hx1 - hx0), top + t * (hz1 - top)
    bail = np.array([(px, -hw - 0.012, pz), (px + 0.1, -hw * 0.95, pz + 0.06), (px + 0.1, hw * 0.95, pz + 0.06),
                     (px, hw + 0.012, pz)])
    b.add("control bar", tube(bail, 0.007, 8), pick(rng, DARK + METAL + BRIGHT))
    if variant == "push mower":
        b.add("discharge chute", box((0.18, 0.12, 0.06), (-0.02, W / 2 + 0.05, zc + 0.04)), jitter(rng, paint, 0.05))
        b.alias("discharge chute", "side chute", "grass outlet", "side discharge")
    else:
        bl = rng.uniform(0.32, 0.42)
        bag_c = pick(rng, DARK + [(0.2, 0.4, 0.2), (0.3, 0.3, 0.3)])
        b.add("grass bag", box((bl, hw * 1.7, 0.3), (-D / 2 - bl / 2 + 0.02, 0.0, zc + 0.17)), bag_c)
        b.alias("grass bag", "catcher", "grass catcher", "clippings bag", "the bag at the back")
    b.group("wheel assembly", "wheel", "hub").alias("wheel assembly", "wheels", "the parts it rolls on")
    b.group("handlebar", "handle", "control bar").alias("handlebar", "push handle", "the part you push")
    b.group("power unit", "engine", "fuel cap", "motor", "battery").alias("power unit", "powerhead", "drive")
    b.alias("deck", "cutting deck", "mower deck", "housing", "the body over the blade")
    b.alias("wheel", "wheels", "tire", "tyre").alias("hub", "hubcap", "wheel hub", "rim")
    b.alias("handle", "handle bar", "push bar", *("grip", "the part you hold"))
    b.alias("control bar", "bail", "safety lever", "the bar you squeeze")
    return b.build("lawn mower", ground=True, variant=variant)


def make_birdhouse(rng: np.random.Generator) -> ProceduralObject:
    """Birdhouse facing -y: box "walls" on a "floor", a gable or slanted "roof", a dark round "entrance hole" with a
    "perch" below it, standing on a "post" or hanging from a "hook"."""
    variant = pick_variant(rng, ["gable house on post", "hanging gable house", "nest box on post"])
    w, d, h = rng.uniform(0.13, 0.2), rng.uniform(0.13, 0.18), rng.uniform(0.16, 0.24)
    wood = pick(rng, WOOD + PALE)
    roof_c = pick(rng, WOOD + DARK + [(0.7, 0.15, 0.1), (0.2, 0.45, 0.3), (0.3, 0.45, 0.6)])
    t, ft = 0.015, 0.015
    b = PartMesh()
    z0 = rng.uniform(1.2, 1.6) if "post" in variant else 0.0
    if "post" in variant:
        pw = rng.uniform(0.06, 0.09)
        b.add("post", box((pw, pw, z0), (0.0, 0.0, z0 / 2)), pick(rng, WOOD + DARK))
        b.alias("post", "pole", "stand", "the stake it sits on")
    b.add("floor", box((w + 0.04, d + 0.04, ft), (0.0, 0.0, z0 + ft / 2)), jitter(rng, wood, 0.05))
    zw = z0 + ft
    if variant == "nest box on post":
        hf, hb = h, h + d * rng.uniform(0.25, 0.4)
        side = np.array([(-d / 2, 0.0), (d / 2, 0.0), (d / 2, hb), (-d / 2, hf)])
        b.add("walls", transform(side_slab(side, w), (0, 0, np.pi / 2), (0, 0, zw)), wood)
        phi = np.arctan2(hb - hf, d)
        ln = np.hypot(d, hb - hf) + 0.05
        c = np.array([0.0, -np.sin(phi), np.cos(phi)]) * t / 2 - np.array([0.0, np.cos(phi), np.sin(phi)]) * 0.02
        c[2] += zw + (hf + hb) / 2
        b.add("roof", transform(box((w + 0.04, ln, t), (0, 0, 0)), (phi, 0, 0), tuple(c)), roof_c)
        top = zw + hb + t
    else:
        peak = w * rng.uniform(0.35, 0.55)
        front = np.array([(-w / 2, 0.0), (w / 2, 0.0), (w / 2, h), (0.0, h + peak), (-w / 2, h)])
        b.add("walls", side_slab(front, d).translate((0, 0, zw)), wood)
        a = np.arctan2(peak, w / 2)
        ln = np.hypot(w / 2, peak) + 0.03
        for s in (-1, 1):
            mid = np.array([s * w / 4, 0.0, zw + h + peak / 2])
            c = mid + np.array([s * np.sin(a), 0.0, np.cos(a)]) * t / 2
            c += np.array([s * np.cos(a), 0, -np.sin(a)]) * 0.015  # eaves overhang the walls
            b.add("roof", transform(box((ln, d + 0.05, t), (0, 0, 0)), (0, s * a, 0), tuple(c)), roof_c)
        top = zw + h + peak + t * np.cos(a)
    hr = rng.uniform(0.014, 0.02)
    zh = zw + h * rng.uniform(0.6, 0.7)
    b.add("entrance hole", facing_front(cylinder(hr, 0.003, 0.0, 18), (0.0, -d / 2, zh)), HOLE)
    b.add("perch", rod((0.0, -d / 2 + 0.005, zh - hr - 0.025), (0.0, -d / 2 - rng.uniform(0.04, 0.06), zh - hr - 0.025),
                       0.004, 8), pick(rng, WOOD))
    if variant == "hanging gable house":
        rh = 0.022
        b.add("hook", ring(rh, 0.003, (0.0, 0.0, top + rh - 0.004), "y", 16), pick(rng, METAL))
        b.alias("hook", "hanging ring", "eye hook", "the loop it hangs from")
    b.group("house", "walls", "floor", "roof").alias("house", "the house", "the birdhouse body")
    b.alias("walls", "box", "body", "sides", "front wall").alias("floor", "base", "bottom board", "platform")
    b.alias("roof", "roof panels", "lid", "the top")
    b.alias("entrance hole", "hole", "opening", "door", "the dark circle")
    b.alias("perch", "peg", "dowel", "the stick birds stand on")
    return b.build("birdhouse", ground=True, variant=variant)


def make_mailbox(rng: np.random.Generator) -> ProceduralObject:
    """Mailbox facing -y: a US rural "box" (arched tunnel) with a front "door", a side "flag", on a "post" with a
    "mounting board"; a wall box with "lid", mail "slot", "door", "lock" and "back plate"; or a round pillar box
    with "base", "cap", "slot" and "door"."""
    variant = pick_variant(rng, ["rural mailbox on post", "wall-mounted mailbox", "pillar box"])
    b = PartMesh()
    if variant == "rural mailbox on post":
        w, hs, L = rng.uniform(0.16, 0.21), rng.uniform(0.09, 0.13), rng.uniform(0.45, 0.56)
        zp = rng.uniform(0.95, 1.05)
        pw = rng.uniform(0.08, 0.1)
        wood = pick(rng, WOOD + PALE + DARK)
        b.add("post", box((pw, pw, zp), (0.0, 0.03, zp / 2)), wood)
        b.add("mounting board", box((w + 0.03, L * 0.7, 0.025), (0.0, 0.03, zp + 0.0125)), jitter(rng, wood, 0.05))
        zb = zp + 0.025
        outline = np.vstack([[(-w / 2, 0.0), (w / 2, 0.0)], arc((0.0, hs), (w / 2, w / 2), 0.0, np.pi, 11)])
        body_c = pick(rng, METAL + DARK + [(0.15, 0.3, 0.2), (0.9, 0.9, 0.88)])
        b.add("box", side_slab(outline, L).translate((0, 0, zb)), body_c)
        door = outline * np.array([1.05, 1.04]) - np.array([0.0, 0.002])
        b.add("door", side_slab(door, 0.01, -L / 2 - 0.005).translate((0, 0, zb)), jitter(rng, body_c, 0.04))
        b.add("door", box((0.03, 0.02, 0.015), (0.0, -L / 2 - 0.02, zb + hs + w * 0.35)), jitter(rng, body_c, 0.04))
        fx, fy = w / 2 + 0.0025, L * rng.uniform(0.05, 0.2)
        flag_c = (0.85, 0.1, 0.08)
        b.add("flag", box((0.005, 0.025, 0.2), (fx, fy, zb + 0.1 + hs * 0.3)), flag_c)
        b.add("flag", box((0.005, 0.1, 0.065), (fx, fy - 0.0375, zb + 0.2 + hs * 0.3 - 0.0325)), flag_c)
        b.group("stand", "post", "mounting board").alias("stand", "support", "the part it stands on")
        b.alias("post", "pole", "wooden post", "stake").alias("mounting board", "platform", "bracket", "shelf")
        b.alias("box", "mail box", "tunnel", "the rounded box").alias("door", "front door", "lid", "the part you open")
        b.alias("flag", "red flag", "signal flag", "the raised flag")
    elif variant == "wall-mounted mailbox":
        w, d, h = rng.uniform(0.26, 0.36), rng.uniform(0.09, 0.13), rng.uniform(0.3, 0.4)
        body_c = pick(rng, DARK + METAL + BRIGHT + [(0.15, 0.3, 0.2)])
        plate = box((w + 0.04, 0.01, h + 0.04), (0.0, d / 2 + 0.005, (h + 0.04) / 2))
        b.add("back plate", plate, jitter(rng, body_c, 0.05))
        b.add("box", box((w, d, h), (0.0, 0.0, 0.02 + h / 2)), body_c)
        b.add("lid", transform(box((w + 0.02, d + 0.02, 0.012), (0, -(d + 0.02) / 2, 0)), (-0.08, 0, 0),
                               (0.0, d / 2 + 0.005, 0.02 + h + 0.006)), jitter(rng, body_c, 0.06))
        b.add("slot", box((w * 0.6, 0.004, 0.014), (0.0, -d / 2 - 0.002, 0.02 + h - 0.035)), HOLE)
        dz = h * 0.55
        b.add("door", box((w * 0.85, 0.008, dz), (0.0, -d / 2 - 0.004, 0.04 + dz / 2)), jitter(rng, body_c, 0.05))
        b.add("lock", facing_front(cylinder(0.008, 0.008, 0.0, 12), (w * 0.3, -d / 2 - 0.008, 0.04 + dz * 0.75)),
              pick(rng, METAL))
        b.alias("back plate", "mounting plate", "wall bracket", "the part against the wall")
        b.alias("box", "mail box", "body", "letter box").alias("lid", "top flap", "cover", "rain hood")
        b.alias("door", "front door", "access door", "the part you open").alias("lock", "keyhole", "key lock", "latch")
        b.alias("slot", "mail slot", "letter slot", "the opening for letters")
    else:
        r, H = rng.uniform(0.2, 0.26), rng.uniform(1.1, 1.35)
        red = pick(rng, [(0.8, 0.08, 0.06), (0.75, 0.1, 0.08), (0.15, 0.35, 0.75), (0.2, 0.45, 0.25), (0.9, 0.75, 0.1)])
        hb = 0.08
        b.add("base", cylinder(r * 1.15, hb, 0.0, 24, r * 1.08), pick(rng, DARK))
        b.add("box", cylinder(r, H - hb, hb, 24), red)
        cap = np.vstack([[(0.0, H), (r * 1.08, H), (r * 1.08, H + 0.04)], arc((0.0, H + 0.04), (r * 1.02, r * 0.45),
                                                                               0.0, np.pi / 2, 6)])
        b.add("cap", revolve(cap, 24), jitter(rng, red, 0.04))
        zs = H - rng.uniform(0.1, 0.14)
        b.add("slot", box((r * 0.8, 0.03, 0.025), (0.0, -r + 0.005, zs)), HOLE)
        shell = revolve(np.array([(r, H * 0.3), (r + 0.008, H * 0.3), (r + 0.008, zs - 0.08), (r, zs - 0.08)]), 48)
        ang = np.deg2rad(rng.uniform(25, 35))
        b.add("door", cut(shell, lambda p: np.arctan2(p[:, 0], -p[:, 1]) ** 2 < ang**2), jitter(rng, red, 0.06))
        b.alias("base", "plinth", "foot", "bottom ring").alias("box", "pillar", "column", "body")
        b.alias("cap", "top", "dome", "crown").alias("slot", "letter slot", "mouth", "the opening for letters")
        b.alias("door", "front door", "collection door", "the part the postman opens")
    return b.build("mailbox", ground=True, variant=variant)


def make_fire_hydrant(rng: np.random.Generator) -> ProceduralObject:
    """Fire hydrant: "flange" at the ground with "bolt"s, "barrel", "bonnet" (cap) with an "operating nut" on top,
    hose "nozzle"s closed by "nozzle cap"s; a three-outlet one adds a big front pumper nozzle."""
    variant = pick_variant(rng, ["two-outlet hydrant", "three-outlet hydrant", "pillar hydrant"])
    pillar = variant == "pillar hydrant"
    rb = rng.uniform(0.07, 0.09) if pillar else rng.uniform(0.1, 0.125)
    hbar = rng.uniform(0.75, 0.95) if pillar else rng.uniform(0.45, 0.58)
    rf, hf = rb + rng.uniform(0.04, 0.06), 0.035
    body = pick(rng, [(0.8, 0.1, 0.08), (0.85, 0.12, 0.1), (0.95, 0.78, 0.1), (0.75, 0.76, 0.78), (0.2, 0.5, 0.3)])
    caps = pick(rng, [body, WHITE, (0.75, 0.76, 0.78), (0.15, 0.35, 0.75), (0.1, 0.1, 0.1)])
    b = PartMesh()
    ring_h = 0.025
    dome_r = (rb * 0.95, rb * 0.9) if pillar else (rb * 0.85, rb * 0.55)
    dome = arc((0.0, hbar + ring_h), dome_r, 0.0, np.pi / 2, 7)
    lower = [(0.0, 0.0), (rf, 0.0), (rf, hf), (rb, hf), (rb, hbar), (rb + 0.02, hbar), (rb + 0.02, hbar + ring_h)]
    prof = np.vstack([lower, dome])
    labels = ["flange"] * 3 + ["barrel"] + ["bonnet"] * (len(prof) - 5)
    revolve_parts(b, prof, labels, {"flange": jitter(rng, body, 0.05), "barrel": body, "bonnet": caps}, 24)
    top = float(dome[-1, 1])
    b.add("operating nut", cylinder(0.028, 0.04, top - 0.005, 5, 0.024), jitter(rng, caps, 0.05))
    for k in range(6):
        a = 2 * np.pi * (k + 0.5) / 6
        rbolt = (rf + rb) / 2
        b.add("bolt", cylinder(0.01, 0.018, hf - 0.002, 6).translate((rbolt * np.cos(a), rbolt * np.sin(a), 0)),
              pick(rng, METAL + DARK))
    zn = hbar - rng.uniform(0.1, 0.14) if not pillar else hbar * rng.uniform(0.6, 0.7)
    rn, ln = rng.uniform(0.03, 0.038), rng.uniform(0.06, 0.08)
    outlets: list[tuple[tuple[float, float, float], float, float]] = [((0.0, np.pi / 2, 0.0), rn, zn),
                                                                       ((0.0, -np.pi / 2, 0.0), rn, zn)]
    if variant == "three-outlet hydrant":
        outlets.append(((np.pi / 2, 0.0, 0.0), rn * 1.5, zn - 0.03))
    for rot, r, z in outlets:
        start = rb * 0.7
        b.add("nozzle", transform(cylinder(r, ln + rb * 0.3, start, 14), rot, (0, 0, z)), body)
        b.add("nozzle cap", transform(cylinder(r * 1.15, 0.03, start + ln + rb * 0.3, 14), rot, (0, 0, z)), caps)
        b.add("nozzle cap", transform(cylinder(r * 0.5, 0.02, start + ln + rb * 0.3 + 0.03, 5), rot, (0, 0, z)), caps)
    b.group("outlet", "nozzle", "nozzle cap").alias("outlet", "outlets", "hose connection")
    b.group("top", "bonnet", "operating nut").alias("top", "head", "the top of the hydrant")
    b.group("base", "flange", "bolt").alias("base", "foot", "the bottom")
    b.alias("flange", "base flange", "ground flange", "the ring at the bottom").alias("bolt", "bolts", "flange nuts")
    b.alias("barrel", "body", "column", "the main post").alias("bonnet", "cap", "dome", "top cap")
    b.alias("operating nut", "nut", "valve nut", "the nut on top", "pentagon nut")
    b.alias("nozzle", "nozzles", "outlet nozzle", "hose outlet", "spout")
    b.alias("nozzle cap", "outlet cap", "hose cap", "the caps on the sides")
    return b.build("fire hydrant", ground=True, variant=variant)


def make_traffic_cone(rng: np.random.Generator) -> ProceduralObject:
    """Traffic cone: orange "cone" on a "base" with white "reflective stripe"s and a "tip"; a delineator is a tall
    "post" on a heavy "base" with stripes and a "handle" ring on top."""
    variant = pick_variant(rng, ["cone with square base", "cone with round base", "delineator post"])
    orange = jitter(rng, pick(rng, [ORANGE, (0.98, 0.35, 0.1), (0.95, 0.5, 0.05)]), 0.02)
    base_c = pick(rng, DARK + [orange])
    b = PartMesh()
    if variant == "delineator post":
        rp, H = rng.uniform(0.04, 0.055), rng.uniform(0.95, 1.15)
        hb, rbase = rng.uniform(0.05, 0.07), rng.uniform(0.17, 0.22)
        b.add("base", cylinder(rbase, hb, 0.0, 20, rbase * 0.85), base_c)
        b.add("base", cylinder(rp * 1.5, 0.05, hb - 0.005, 16, rp * 1.1), base_c)
        zs = [hb + 0.04, H * 0.62, H * 0.68, H * 0.76, H * 0.82, H]
        side = [(rp * (1.05 - 0.15 * (z - zs[0]) / (H - zs[0])), z) for z in zs[1:]]  # a slight taper
        prof = np.array([(0.0, zs[0]), (rp * 1.05, zs[0]), *side, (0.0, H)])
        labels = ["post", "post", "reflective stripe", "post", "reflective stripe", "post", "post"]
        revolve_parts(b, prof, labels, {"post": orange, "reflective stripe": WHITE}, 20)
        b.add("handle", ring(rp * 0.7, 0.012, (0.0, 0.0, H + rp * 0.7 + 0.008), "y", 18), orange)
        b.alias("post", "tube", "column", "pole", "the tall orange part")
        b.alias("handle", "top ring", "lifting handle", "the loop on top")
    else:
        square = variant == "cone with square base"
        H = rng.uniform(0.45, 0.76) if square else rng.uniform(0.3, 0.46)
        r0, r1 = H * rng.uniform(0.2, 0.24), H * 0.045
        hb = rng.uniform(0.025, 0.035) if square else rng.uniform(0.015, 0.02)
        if square:
            B = r0 * 2 + rng.uniform(0.06, 0.1)
            b.add("base", rounded_slab(B, B, hb, 0.03, (0.0, 0.0, hb / 2)), base_c)
        else:
            b.add("base", cylinder(r0 * 1.5, hb, 0.0, 24, r0 * 1.35), base_c)

        def rad(z: float) -> float:
            return r0 + (r1 - r0) * (z - hb) / (H - hb)

        fr = (0.5, 0.62, 0.7, 0.8) if square and rng.random() < 0.6 else (0.55, 0.72)
        zs = [hb] + [hb + f * (H - hb) for f in fr] + [hb + 0.9 * (H - hb), H]
        prof = np.array([(0.0, hb), *[(rad(z), z) for z in zs], (0.0, H)])
        labels = ["cone"] + ["cone", "reflective stripe"] * (len(fr) // 2) + ["cone", "tip", "tip"]
        colors = {"cone": orange, "reflective stripe": WHITE, "tip": jitter(rng, orange, 0.03)}
        revolve_parts(b, prof, labels, colors, 24)
        b.alias("cone", "body", "cone body", "the orange part").alias("tip", "top", "point", "the top of the cone")
    b.alias("base", "foot", "weighted base", "the flat bottom")
    b.alias("reflective stripe", "reflective stripes", "collar", "reflective collar", "white stripe")
    return b.build("traffic cone", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "wheelbarrow": [make_wheelbarrow],
    "rake": [make_rake],
    "lawn mower": [make_lawn_mower],
    "birdhouse": [make_birdhouse],
    "mailbox": [make_mailbox],
    "fire hydrant": [make_fire_hydrant],
    "traffic cone": [make_traffic_cone],
}
