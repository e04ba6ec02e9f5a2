"""Music gear: brass (trumpets), woodwinds (saxophones), tuned percussion (xylophones), harps, accordions and
microphone stands.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 at real size; wind instruments rest on a table as they would lie or stand, the front facing -y
(primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import ring, rod, side_slab
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

BRASS: list[Color] = [(0.86, 0.68, 0.3), (0.8, 0.6, 0.24), (0.9, 0.76, 0.42)]
SILVER: list[Color] = [(0.78, 0.79, 0.82), (0.7, 0.72, 0.75)]
PEARL: Color = (0.93, 0.9, 0.84)


def _aim(mesh: o3d.geometry.TriangleMesh, direction, at) -> o3d.geometry.TriangleMesh:
    """Turn a mesh built along +z so that +z points along `direction`, then move its origin to `at` (in place)."""
    d = np.asarray(direction, dtype=np.float64)
    d = d / np.linalg.norm(d)
    v = np.cross([0.0, 0.0, 1.0], d)
    s, c = float(np.linalg.norm(v)), float(d[2])
    if s < 1e-9:
        rot = np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    else:
        k = v / s
        kx = np.array([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
        rot = np.eye(3) + s * kx + (1 - c) * kx @ kx
    mesh.rotate(rot, center=(0.0, 0.0, 0.0))
    mesh.translate(np.asarray(at, dtype=np.float64))
    return mesh


def _at(mesh: o3d.geometry.TriangleMesh, offset) -> o3d.geometry.TriangleMesh:
    """Move `mesh` by `offset` (in place)."""
    x, y, z = (float(c) for c in offset)
    return transform(mesh, translation=(x, y, z))


def _u_path(a, b, leg, n: int = 10) -> np.ndarray:
    """A U-bend path: from `a` straight along `leg`, a half circle over to `b` + `leg`, then straight back to `b`."""
    a, b, leg = (np.asarray(p, dtype=np.float64) for p in (a, b, leg))
    r = float(np.linalg.norm(b - a)) / 2
    bend = arch(a + leg, b + leg, leg / np.linalg.norm(leg) * r, n)
    return np.vstack([a, bend, b])


def _flare(r0: float, rim: float, length: float, wall: float, power: float, n: int = 10) -> np.ndarray:
    """(radius, z) profile of a thin bell flaring from radius r0 at z = 0 to `rim` at z = length (for revolve)."""
    t = np.linspace(0.0, 1.0, n)
    r = r0 + (rim - r0) * t**power
    z = length * t
    outer = np.column_stack([r, z])
    inner = np.column_stack([np.maximum(r - wall, 1e-4), z])[::-1]
    return np.vstack([outer, inner])


def _rail(p0, p1, width: float, height: float, z_top: float) -> o3d.geometry.TriangleMesh:
    """A straight rectangular rail in plan from p0 to p1 (x, y), its top at z_top."""
    p0, p1 = np.asarray(p0, dtype=np.float64), np.asarray(p1, dtype=np.float64)
    d = p1 - p0
    length = float(np.linalg.norm(d))
    m = box((length, width, height), (0.0, 0.0, 0.0))
    mid = (p0 + p1) / 2
    return transform(m, (0.0, 0.0, float(np.arctan2(d[1], d[0]))), (mid[0], mid[1], z_top - height / 2))


def _mouthpiece(length: float, radius: float) -> o3d.geometry.TriangleMesh:
    """A brass mouthpiece along +z: a thin shank widening into a cup with a rim at z = length."""
    prof = np.array(
        [
            (0.0, 0.0),
            (radius * 0.35, 0.0),
            (radius * 0.4, length * 0.6),
            (radius * 0.9, length * 0.9),
            (radius, length),
            (radius * 0.65, length),
            (radius * 0.25, length * 0.8),
            (0.0, length * 0.8),
        ]
    )
    return revolve(prof, 14)


def make_trumpet(rng: np.random.Generator) -> ProceduralObject:
    """Trumpet family lying along x (bell to -x): "bell", "leadpipe", "mouthpiece", "valve" casings with "finger
    button"s, "tuning slide", "valve slide"s, "tubing" and a "finger hook"."""
    variant = pick_variant(rng, ["trumpet", "cornet", "flugelhorn"])
    brass = pick(rng, BRASS + SILVER)
    b = PartMesh()
    tr = rng.uniform(0.0055, 0.0062)  # tube radius
    pitch, rc = 0.024, 0.0088  # valve spacing, casing radius
    hv = rng.uniform(0.07, 0.085)
    z_up, z_lo = hv - 0.012, 0.014
    y_lead, y_bell = 0.018, -0.018
    x_mp = {"trumpet": 0.15, "cornet": 0.1, "flugelhorn": 0.15}[variant] * rng.uniform(0.95, 1.05)
    x_rim = {"trumpet": -0.25, "cornet": -0.17, "flugelhorn": -0.25}[variant] * rng.uniform(0.95, 1.05)
    rim = {"trumpet": 0.061, "cornet": 0.06, "flugelhorn": 0.076}[variant] * rng.uniform(0.96, 1.04)
    power = {"trumpet": 4.0, "cornet": 3.5, "flugelhorn": 2.2}[variant]
    # Valves: three upright casings with caps, stems and pearl finger buttons.
    for k in (-1, 0, 1):
        x = k * pitch
        b.add("valve", _at(cylinder(rc, hv, 0.0, 16), (x, 0, 0)), brass)
        b.add("valve", _at(cylinder(rc * 0.95, 0.01, -0.01, 16), (x, 0, 0)), brass)
        b.add("valve", _at(cylinder(rc * 1.05, 0.006, hv, 16), (x, 0, 0)), brass)
        b.add("finger button", _at(cylinder(0.0025, 0.022, hv + 0.006, 8), (x, 0, 0)), brass)
        b.add("finger button", _at(cylinder(0.0078, 0.004, hv + 0.028, 14), (x, 0, 0)), PEARL)
    # Bell section: from valve 1 (towards the mouthpiece) back to the rear bow, up, then forward into the bell.
    x_bow = x_mp - 0.06
    x_bs = -0.06 if variant != "cornet" else -0.04
    path = np.vstack(
        [
            [[pitch, -rc * 0.5, z_lo], [pitch + 0.015, y_bell, z_lo]],
            _u_path((x_bow - 0.04, y_bell, z_lo), (x_bow - 0.04, y_bell, z_up), (0.04, 0, 0))[1:-1],
            [[x_bow - 0.04, y_bell, z_up], [x_bs + 0.002, y_bell, z_up]],
        ]
    )
    b.add("tubing", tube(path, tr, 10), brass)
    bell = revolve(_flare(tr, rim, x_bs - x_rim, 0.0012, power, 12), 24)
    b.add("bell", _aim(bell, (-1, 0, 0), (x_bs, y_bell, z_up)), brass)
    b.add("bell", _aim(ring(rim, 0.0022, (0, 0, 0), "z", 24), (-1, 0, 0), (x_rim, y_bell, z_up)), jitter(rng, brass))
    # Leadpipe from the mouthpiece receiver forwards; the main tuning slide closes the loop back into valve 3.
    if variant == "flugelhorn":
        x_sl = x_mp - 0.08  # the tuning slide sits in the leadpipe, pointing back at the player
        b.add("leadpipe", tube(np.array([[x_mp, y_lead, z_up], [x_sl, y_lead, z_up]]), tr * 0.85, 10), brass)
        b.add(
            "tuning slide",
            tube(_u_path((x_sl, y_lead, z_up), (x_sl, y_lead, z_lo + 0.016), (0.05, 0, 0)), tr, 10),
            brass,
        )
        b.add(
            "tubing",
            tube(
                np.array(
                    [
                        [x_sl, y_lead, z_lo + 0.016],
                        [pitch + 0.012, y_lead, z_lo + 0.016],
                        [pitch, rc * 0.5, z_lo + 0.016],
                    ]
                ),
                tr,
                10,
            ),
            brass,
        )
    else:
        x_front = -pitch - rng.uniform(0.1, 0.14) * (0.7 if variant == "cornet" else 1.0)
        lead = np.array([[x_mp, y_lead, z_up], [x_front, y_lead, z_up]])
        b.add("leadpipe", tube(lead, np.array([tr * 0.75, tr]), 10), brass)
        b.add(
            "tuning slide",
            tube(_u_path((x_front, y_lead, z_up), (x_front, y_lead, z_lo), (-0.035, 0, 0)), tr, 10),
            brass,
        )
        b.add(
            "tubing",
            tube(np.array([[x_front, y_lead, z_lo], [-pitch - 0.012, y_lead, z_lo], [-pitch, rc * 0.5, z_lo]]), tr, 10),
            brass,
        )
    # Valve slides: the first points back, the third forward, the second hangs out the side.
    zs0, zs1 = z_lo + 0.02, z_lo + 0.036
    b.add(
        "valve slide",
        tube(_u_path((pitch, rc * 0.7, zs0), (pitch, rc * 0.7, zs1), (0.045, 0.004, 0)), tr * 0.9, 8),
        brass,
    )
    b.add(
        "valve slide",
        tube(_u_path((-pitch, rc * 0.7, zs0), (-pitch, rc * 0.7, zs1), (-0.055, 0.004, 0)), tr * 0.9, 8),
        brass,
    )
    b.add("valve slide", tube(_u_path((0, -rc * 0.7, zs0), (0, -rc * 0.7, zs1), (0, -0.03, 0)), tr * 0.9, 8), brass)
    # Mouthpiece in the receiver, finger hook on top of the leadpipe.
    b.add("mouthpiece", _aim(_mouthpiece(0.085, 0.013), (1, 0, 0), (x_mp - 0.012, y_lead, z_up)), pick(rng, SILVER))
    xh = -pitch - 0.004
    b.add(
        "finger hook",
        tube(
            arch(
                np.array([xh - 0.008, y_lead, z_up + tr * 0.8]),
                np.array([xh + 0.008, y_lead, z_up + tr * 0.8]),
                np.array([0, 0, 0.012]),
                8,
            ),
            0.0016,
            6,
        ),
        brass,
    )
    b.group("valves", "valve", "finger button").alias("valves", "valve block", "valve section", "pistons")
    b.group("slides", "tuning slide", "valve slide").alias("slides", "slide tubes", "the U-shaped tubes")
    b.alias("bell", "flared bell", "horn opening", "the part the sound comes out of")
    b.alias("valve", "piston valve", "valve casing", "pistons")
    b.alias("finger button", "valve button", "finger buttons", "the part you press")
    b.alias("leadpipe", "lead pipe", "mouthpipe", "the pipe from the mouthpiece")
    b.alias("mouthpiece", "mouth piece", "the part you blow into", "cup")
    b.alias("tuning slide", "main tuning slide", "main slide", "front loop")
    b.alias("valve slide", "valve slides", "slide", "small loops")
    b.alias("tubing", "tubes", "brass tubing", "bell pipe")
    b.alias("finger hook", "pinky ring", "little finger hook", "hook")
    return b.build("trumpet", ground=True, variant=variant)


def make_saxophone(rng: np.random.Generator) -> ProceduralObject:
    """Saxophone standing up: "body" (conical tube), "bow" (U-bend), "bell", "neck", "mouthpiece" with "ligature"
    and "reed", "key" cups and "key rod"s (group "keywork"); a straight soprano stands on its bell."""
    variant = pick_variant(rng, ["alto saxophone", "soprano saxophone", "tenor saxophone"])
    brass = pick(rng, BRASS + SILVER + [(0.15, 0.13, 0.12)])
    black = pick(rng, DARK)
    b = PartMesh()
    keys: list[tuple[float, float, float]] = []  # (z, angle, body radius there) of each key cup
    if variant == "soprano saxophone":
        L = rng.uniform(0.52, 0.58)
        bell_h, rim = rng.uniform(0.08, 0.1), rng.uniform(0.048, 0.056)
        rb, rt = 0.021, 0.007
        bell = transform(revolve(_flare(rb, rim, bell_h, 0.0012, 2.5, 10), 24), (np.pi, 0, 0), (0, 0, bell_h))
        b.add("bell", bell, brass)
        b.add("bell", ring(rim, 0.0025, (0, 0, 0.0025), "z", 24), jitter(rng, brass))
        zs = np.linspace(bell_h - 0.005, bell_h + L, 6)
        rs = np.linspace(rb, rt, 6)
        b.add("body", tube(np.column_stack([np.zeros(6), np.zeros(6), zs]), rs, 16), brass)
        z_top = bell_h + L
        neck = np.array([[0, 0, z_top - 0.005], [0, 0.004, z_top + 0.05], [0, 0.012, z_top + 0.09]])
        b.add("neck", tube(neck, np.array([rt, rt * 0.95, rt * 0.9]), 12), brass)
        for k in range(int(rng.integers(9, 13))):
            t = (k + 0.5) / 12
            z = bell_h + 0.05 + t * (L - 0.12)
            keys.append(
                (
                    z,
                    -np.pi / 2 + (0.5 if k % 3 == 0 else -0.4 if k % 3 == 1 else 0.0),
                    rb + (rt - rb) * (z - bell_h) / L,
                )
            )
        b.add(
            "key rod", rod((0.0, -rb - 0.004, bell_h + 0.05), (0.0, -rt - 0.006, bell_h + L - 0.05), 0.0015, 6), brass
        )
        b.add("key rod", rod((rb + 0.003, 0, bell_h + 0.05), (rt + 0.003, 0, bell_h + L * 0.6), 0.0015, 6), brass)
    else:
        s = 1.0 if variant == "alto saxophone" else 1.3
        s *= rng.uniform(0.96, 1.04)
        Lb, rt, rb, sep = 0.4 * s, 0.012 * s, 0.03 * s, 0.1 * s
        z_b = sep / 2 + rb + 0.01
        n = 6
        zs = np.linspace(z_b + Lb, z_b, n)
        rs = np.linspace(rt, rb, n)
        b.add("body", tube(np.column_stack([np.zeros(n), np.zeros(n), zs]), rs, 16), brass)
        bow = arch(np.array([0, 0, z_b]), np.array([0, -sep, z_b]), np.array([0, 0, -sep / 2]), 10)
        b.add("bow", tube(bow, np.linspace(rb, rb * 1.12, 10), 16), jitter(rng, brass, 0.03))
        hb = rng.uniform(0.17, 0.2) * s
        bt = np.array([[0, -sep, z_b], [0, -sep, z_b + hb * 0.6], [0, -sep - 0.012 * s, z_b + hb]])
        rbt = rb * 1.35
        b.add("bell", tube(bt, np.array([rb * 1.12, rb * 1.22, rbt]), 16), brass)
        rim = rng.uniform(0.06, 0.066) * s
        d = bt[-1] - bt[-2]
        b.add("bell", _aim(revolve(_flare(rbt, rim, 0.08 * s, 0.0015, 2.2, 10), 24), d, bt[-1] - d * 0.02), brass)
        z_top = z_b + Lb
        if variant == "alto saxophone":
            neck = np.array(
                [
                    [0, 0, z_top - 0.005],
                    [0, 0, z_top + 0.04],
                    [0, 0.03, z_top + 0.09],
                    [0, 0.08, z_top + 0.11],
                    [0, 0.12, z_top + 0.1],
                ]
            )
        else:  # the tenor neck has its characteristic hump
            neck = np.array(
                [
                    [0, 0, z_top - 0.005],
                    [0, 0, z_top + 0.05],
                    [0, 0.03, z_top + 0.14],
                    [0, 0.09, z_top + 0.17],
                    [0, 0.15, z_top + 0.16],
                    [0, 0.18, z_top + 0.14],
                ]
            )
        b.add("neck", tube(neck, np.linspace(rt, rt * 0.7, len(neck)), 12), brass)
        for k in range(int(rng.integers(10, 15))):
            t = (k + 0.5) / 14
            z = z_b + 0.03 + t * (Lb - 0.08)
            keys.append(
                (
                    z,
                    np.pi / 2 + (0.6 if k % 3 == 0 else -0.6 if k % 3 == 1 else 0.0) if k < 7 else -np.pi / 2 + 0.8,
                    rb + (rt - rb) * (z - z_b) / Lb,
                )
            )
        b.add("key rod", rod((-rb - 0.004, 0, z_b + 0.03), (-rt - 0.004, 0, z_b + Lb - 0.04), 0.0017, 6), brass)
        b.add("key rod", rod((0.0, rb + 0.004, z_b + 0.03), (0.0, rt + 0.005, z_b + Lb * 0.55), 0.0017, 6), brass)
        b.add("thumb rest", box((0.02, 0.012, 0.01), (0, rb * 0.8 + 0.004, z_b + Lb * 0.45)), black)
        b.alias("bow", "U-bend", "bottom bow", "the curved bottom")
        b.alias("thumb rest", "thumb hook", "thumb support", "where the thumb goes")
    for z, a, r in keys:
        cup = cylinder(rng.uniform(0.007, 0.011) * (1.3 if variant == "tenor saxophone" else 1.0), 0.005, 0.0, 12)
        b.add(
            "key",
            _aim(cup, (np.cos(a), np.sin(a), 0), (r * 0.85 * np.cos(a), r * 0.85 * np.sin(a), z)),
            jitter(rng, brass, 0.03),
        )
    # Mouthpiece on the end of the neck, pointing along the neck's last segment.
    d = neck[-1] - neck[-2]
    d = d / np.linalg.norm(d)
    mp_l = 0.085 if variant != "soprano saxophone" else 0.065
    mp = revolve(
        np.array([(0.0, 0.0), (0.009, 0.0), (0.0105, mp_l * 0.4), (0.0095, mp_l * 0.8), (0.004, mp_l), (0.0, mp_l)]), 14
    )
    at = neck[-1] - d * 0.015
    b.add("mouthpiece", _aim(mp, d, at), black)
    b.add("ligature", _aim(ring(0.0105, 0.0018, (0, 0, mp_l * 0.3), "z", 14), d, at), pick(rng, METAL))
    b.add("reed", _aim(box((0.012, 0.002, mp_l * 0.6), (0, -0.0105, mp_l * 0.45)), d, at), (0.86, 0.78, 0.5))
    b.group("keywork", "key", "key rod").alias("keywork", "key mechanism", "the keys and rods")
    b.group("main tube", "body", "bow", "bell").alias("main tube", "horn", "brass tube")
    b.alias("body", "body tube", "conical tube", "the long straight part")
    b.alias("bell", "flared bell", "horn opening", "the part the sound comes out of")
    b.alias("neck", "crook", "gooseneck", "the bent top tube")
    b.alias("mouthpiece", "mouth piece", "the part you blow into", "beak")
    b.alias("ligature", "clamp", "reed clamp", "metal band")
    b.alias("reed", "cane reed", "the thin reed", "vibrating reed")
    b.alias("key", "keys", "key cups", "pads", "the buttons you press")
    b.alias("key rod", "rods", "key rods", "linkage")
    return b.build("saxophone", ground=True, variant=variant)


def _mallets(b: PartMesh, rng: np.random.Generator, x0: float, y0: float, z_top: float) -> None:
    """Two mallets lying on the bars along x: a ball "mallet head" and a "mallet handle" resting on the bars."""
    rh, rs, ln = rng.uniform(0.011, 0.016), 0.004, rng.uniform(0.26, 0.34)
    head_c = pick(rng, BRIGHT + PALE + DARK)
    for k in range(2):
        y = y0 + (k - 0.5) * 0.05
        b.add("mallet head", ellipsoid((rh, rh, rh), (x0, y, z_top + rh), 10), head_c)
        b.add("mallet handle", rod((x0 + rh * 0.8, y, z_top + rh), (x0 + ln, y, z_top + rs), rs, 8), pick(rng, WOOD))
    b.group("mallet", "mallet head", "mallet handle").alias("mallet", "mallets", "beaters", "sticks")
    b.alias("mallet head", "mallet heads", "ball", "yarn head").alias(
        "mallet handle", "mallet stick", "shaft", "the part you hold"
    )


def make_xylophone(rng: np.random.Generator) -> ProceduralObject:
    """Bar percussion: tuned "bar"s on a "frame" of rails (or in a "case"), "mallet"s lying on the bars; a tabletop
    xylophone has "pin"s, a glockenspiel "felt strip"s, a marimba "resonator" tubes, "leg"s and "wheel"s."""
    variant = pick_variant(rng, ["tabletop xylophone", "glockenspiel", "marimba on stand"])
    b = PartMesh()
    wood = pick(rng, WOOD)
    if variant == "tabletop xylophone":
        n = int(rng.integers(8, 16))
        l0, bw, gap, th = rng.uniform(0.17, 0.22), rng.uniform(0.026, 0.034), 0.007, 0.012
        pitch_x = bw + gap
        xs = (np.arange(n) - (n - 1) / 2) * pitch_x
        ls = l0 * np.linspace(1.0, 0.55, n)
        zr = 0.03
        bar_c = pick(rng, BRIGHT + WOOD)
        for x, ln in zip(xs, ls):
            b.add("bar", box((bw, ln, th), (x, 0, zr + th / 2)), bar_c)
            for s in (-1, 1):
                b.add("pin", _at(cylinder(0.002, th + 0.008, zr - 0.004, 6), (x, s * (ln / 2 - 0.02), 0)), METAL[1])
        for s in (-1, 1):
            p0 = (xs[0] - pitch_x * 0.8, s * (ls[0] / 2 - 0.02))
            p1 = (xs[-1] + pitch_x * 0.8, s * (ls[-1] / 2 - 0.02))
            b.add("frame", _rail(p0, p1, 0.022, zr, zr), wood)
        b.add("frame", box((0.02, ls[0] - 0.02, 0.018), (xs[0] - pitch_x * 0.8, 0, 0.009)), jitter(rng, wood))
        b.add("frame", box((0.02, ls[-1] - 0.02, 0.018), (xs[-1] + pitch_x * 0.8, 0, 0.009)), jitter(rng, wood))
        _mallets(b, rng, xs[n // 3], 0.0, zr + th)
        b.alias("pin", "pins", "nails", "bar pins")
    elif variant == "glockenspiel":
        n = int(rng.integers(15, 23))  # natural bars
        bw, gap, th = rng.uniform(0.022, 0.026), 0.005, 0.007
        pitch_x = bw + gap
        xs = (np.arange(n) - (n - 1) / 2) * pitch_x
        ls = np.linspace(0.11, 0.065, n) * rng.uniform(0.95, 1.05)
        W, D, hc = n * pitch_x + 0.06, 0.26, 0.045
        case_c = pick(rng, DARK + WOOD)
        b.add("case", box((W, D, 0.01), (0, 0, 0.005)), case_c)
        for s in (-1, 1):
            b.add("case", box((W, 0.01, hc), (0, s * (D / 2 - 0.005), hc / 2)), case_c)
            b.add("case", box((0.01, D, hc), (s * (W / 2 - 0.005), 0, hc / 2)), case_c)
        zf, zf2 = 0.03, 0.045  # top of the felt strips of the front and back rows
        yn, ya = -0.055, 0.06
        for s in (-1, 1):
            b.add(
                "felt strip", box((W - 0.02, 0.008, zf - 0.01), (0, yn + s * 0.03, (zf + 0.01) / 2)), (0.55, 0.12, 0.12)
            )
            b.add(
                "felt strip",
                box((W - 0.02, 0.008, zf2 - 0.01), (0, ya + s * 0.022, (zf2 + 0.01) / 2)),
                (0.55, 0.12, 0.12),
            )
        bar_c = pick(rng, METAL)
        for i, (x, ln) in enumerate(zip(xs, ls)):
            b.add("bar", box((bw, ln, th), (x, yn, zf + th / 2)), bar_c)
            if i % 7 in (0, 1, 3, 4, 5) and i < n - 1:
                b.add("bar", box((bw, ln * 0.9, th), (x + pitch_x / 2, ya, zf2 + th / 2)), bar_c)
        _mallets(b, rng, xs[n // 2], yn, zf + th)
        b.alias("case", "box", "carrying case", "housing")
        b.alias("felt strip", "felt", "bar rest", "padding")
    else:
        n = int(rng.integers(22, 31))
        bw, gap, th = rng.uniform(0.048, 0.058), 0.012, 0.022
        pitch_x = bw + gap
        xs = (np.arange(n) - (n - 1) / 2) * pitch_x
        ls = 0.2 + 0.22 * np.linspace(1.0, 0.0, n) ** 1.3
        z_bar = rng.uniform(0.82, 0.9)  # bottom of the natural bars
        yn, ya, dz = -0.2, 0.2, 0.03
        bar_c = pick(rng, [(0.55, 0.25, 0.15), (0.65, 0.38, 0.22), (0.45, 0.22, 0.14)])
        res_c = pick(rng, DARK + METAL + BRASS)
        frame_c = pick(rng, DARK + WOOD)
        rr = bw * 0.42
        for i, (x, ln) in enumerate(zip(xs, ls)):
            b.add("bar", box((bw, ln, th), (x, yn, z_bar + th / 2)), bar_c)
            h = 0.08 + 0.5 * (1 - i / (n - 1)) ** 1.5
            b.add("resonator", _at(cylinder(rr, h, z_bar - 0.03 - h, 10), (x, yn, 0)), res_c)
            if i % 7 in (0, 1, 3, 4, 5) and i < n - 1:
                xa = x + pitch_x / 2
                b.add("bar", box((bw, ln * 0.95, th), (xa, ya, z_bar + dz + th / 2)), bar_c)
                b.add("resonator", _at(cylinder(rr, h * 0.9, z_bar + dz - 0.03 - h * 0.9, 10), (xa, ya, 0)), res_c)
        x0, x1 = xs[0] - pitch_x, xs[-1] + pitch_x
        for y, ln0, ln1, zt in ((yn, ls[0], ls[-1], z_bar), (ya, ls[0] * 0.95, ls[-1] * 0.95, z_bar + dz)):
            for s in (-1, 1):
                b.add(
                    "frame",
                    _rail((x0, y + s * (ln0 / 2 - 0.04)), (x1, y + s * (ln1 / 2 - 0.04)), 0.025, 0.03, zt),
                    frame_c,
                )
        for x in (x0 - 0.02, x1 + 0.02):
            b.add("frame", box((0.04, ya - yn + ls[0], 0.04), (x, (yn + ya) / 2, z_bar - 0.02)), frame_c)
            for y in (yn, ya):
                b.add("leg", box((0.04, 0.04, z_bar - 0.1), (x, y, (z_bar - 0.1) / 2 + 0.06)), frame_c)
            b.add("leg", box((0.05, ya - yn + 0.2, 0.03), (x, (yn + ya) / 2, 0.075)), frame_c)
            for y in (yn - 0.09, ya + 0.09):
                b.add("wheel", transform(cylinder(0.03, 0.025, -0.0125, 12), (0, np.pi / 2, 0), (x, y, 0.03)), DARK[0])
        b.add("frame", box((x1 - x0, 0.03, 0.04), ((x0 + x1) / 2, (yn + ya) / 2, 0.3)), frame_c)
        _mallets(b, rng, xs[n // 2], yn, z_bar + th)
        b.alias("resonator", "resonators", "resonator tubes", "the pipes under the bars")
        b.alias("leg", "legs", "end stand", "support")
        b.alias("wheel", "wheels", "casters", "rollers")
        b.group("stand", "leg", "wheel").alias("stand", "base", "undercarriage")
    b.alias("bar", "bars", "keys", "tone bars", "the part you hit")
    b.alias("frame", "rails", "bar frame", "body")
    return b.build("xylophone", ground=True, variant=variant)


def make_harp(rng: np.random.Generator) -> ProceduralObject:
    """Harp in the x-z plane: "pillar" (column) at the front, curved "neck" on top, sloping "body" (sound box) with
    its "soundboard", vertical "string"s, a "base" with "pedal"s or "foot" blocks and "lever"s; a lyre has a "body",
    two "arm"s, a "crossbar" with "tuning peg"s, a "bridge" and "string"s."""
    variant = pick_variant(rng, ["lever harp", "pedal concert harp", "lyre"])
    wood = pick(rng, WOOD + [(0.85, 0.7, 0.4)])
    string_c = pick(rng, [(0.9, 0.88, 0.8), (0.85, 0.85, 0.86), (0.8, 0.6, 0.35)])
    b = PartMesh()
    if variant == "lyre":
        W, hb, H, d = rng.uniform(0.26, 0.34), rng.uniform(0.14, 0.18), rng.uniform(0.3, 0.4), rng.uniform(0.05, 0.07)
        t = np.linspace(np.pi, 2 * np.pi, 15)
        outline = np.column_stack([W / 2 * np.cos(t), hb + hb * np.sin(t)])
        b.add("body", side_slab(outline, d), wood)
        zt = hb + H * 0.9
        for s in (-1, 1):
            arm = np.array(
                [
                    [s * W * 0.4, 0, hb - 0.02],
                    [s * W * 0.52, 0, hb + H * 0.35],
                    [s * W * 0.44, 0, hb + H * 0.75],
                    [s * W * 0.5, 0, hb + H],
                ]
            )
            b.add("arm", tube(arm, 0.014, 10), jitter(rng, wood))
        b.add("crossbar", rod((-W * 0.5, 0, zt), (W * 0.5, 0, zt), 0.012, 10), jitter(rng, wood))
        n = int(rng.integers(7, 11))
        b.add("bridge", box((W * 0.45, 0.012, 0.012), (0, -d / 2 - 0.006, hb * 0.6)), DARK[1])
        for k in range(n):
            f = (k - (n - 1) / 2) / n
            xt, xb = f * W * 0.8, f * W * 0.45
            b.add(
                "string",
                tube(
                    np.array([[xt, -0.012, zt], [xb, -d / 2 - 0.012, hb * 0.6 + 0.006], [xb, -d / 2, hb * 0.3]]),
                    0.0008,
                    4,
                ),
                string_c,
            )
            b.add("tuning peg", rod((xt, -0.03, zt + 0.004), (xt, 0.03, zt + 0.004), 0.003, 6), DARK[0])
        b.alias("arm", "arms", "horns", "side arms")
        b.alias("crossbar", "yoke", "top bar", "cross bar")
        b.alias("tuning peg", "tuning pegs", "pegs", "tuners")
        b.alias("bridge", "string bridge", "saddle", "the part holding the strings up")
        b.group("frame", "body", "arm", "crossbar").alias("frame", "wooden frame", "lyre frame")
        b.alias("body", "sound box", "soundbox", "resonating body")
        b.alias("string", "strings", "gut strings", "the part you pluck")
        return b.build("harp", ground=True, variant=variant)
    concert = variant == "pedal concert harp"
    H = rng.uniform(1.7, 1.9) if concert else rng.uniform(0.9, 1.35)
    D = H * rng.uniform(0.5, 0.56)  # from the pillar to the back of the sound box
    hb = 0.12 if concert else 0.05  # top of the base
    rp = 0.035 if concert else 0.025
    # Pillar at x = 0; the soundboard runs from near its foot up and back to the neck's far end.
    s0 = np.array([0.1 * D, hb])
    s1 = np.array([D, H * 0.72])
    u = (s1 - s0) / np.linalg.norm(s1 - s0)
    nrm = np.array([-u[1], u[0]])  # the soundboard faces up-front, towards the strings
    Ls = float(np.linalg.norm(s1 - s0))
    ts = np.linspace(0, 1, 7)
    rbox = (0.16 if concert else 0.1) * (1 - 0.65 * ts)
    centre = s0 + np.outer(ts, s1 - s0) - np.outer(rbox * 0.8, nrm)
    b.add("body", tube(np.column_stack([centre[:, 0], np.zeros(7), centre[:, 1]]), rbox, 14), wood)
    ang = float(np.arctan2(u[1], u[0]))
    sb = np.array([[0, -rbox[0] * 0.9], [Ls, -rbox[-1] * 0.9], [Ls, rbox[-1] * 0.9], [0, rbox[0] * 0.9]])
    b.add(
        "soundboard",
        transform(extrude(sb, 0.006), (0, -ang, 0), (s0[0], 0, s0[1])),
        pick(rng, [(0.88, 0.75, 0.52), (0.8, 0.66, 0.45)]),
    )
    b.add("pillar", cylinder(rp, H - hb, hb, 14), jitter(rng, wood))
    if concert:
        b.add("pillar", cylinder(rp * 1.6, 0.12, H - 0.06, 14, rp), jitter(rng, wood))  # the crown
    xn = np.linspace(0, D + 0.03, 12)
    zn = H - 0.02 - (H - H * 0.72 - 0.05) * xn / (D + 0.03) + 0.05 * np.sin(xn / (D + 0.03) * 2 * np.pi)
    b.add("neck", tube(np.column_stack([xn, np.zeros(12), zn]), 0.03 if concert else 0.022, 10), jitter(rng, wood))
    n = int(rng.integers(40, 48)) if concert else int(rng.integers(26, 37))
    for k in range(n):
        x = 0.1 * D + (k + 0.5) / n * (D * 0.85)
        z_sb = s0[1] + (x - s0[0]) * u[1] / u[0] + 0.004
        z_nk = np.interp(x, xn, zn) - 0.02
        b.add("string", rod((x, 0, z_sb), (x, 0, z_nk), 0.0009 if k > n / 3 else 0.0014, 4), string_c)
        if not concert:
            b.add("lever", box((0.006, 0.012, 0.025), (x, -0.022, z_nk - 0.004)), METAL[0])
    bw = 0.4 if concert else 0.26
    b.add("base", box((D * 0.5, bw, hb), (D * 0.18, 0, hb / 2)), jitter(rng, wood))
    if concert:
        for k in range(7):
            y = (k - 3) * bw / 8
            b.add("pedal", box((0.06, 0.02, 0.012), (-0.02 - D * 0.07, y, hb * 0.35)), METAL[2])
        b.alias("pedal", "pedals", "foot pedals", "the parts you press with your feet")
    else:
        for x in (-0.03, D * 0.35):
            for y in (-bw / 2 + 0.03, bw / 2 - 0.03):
                b.add("foot", box((0.04, 0.04, 0.03), (x, y, -0.015)), DARK[1])
        b.alias("foot", "feet", "legs", "stubby feet")
        b.alias("lever", "levers", "sharping levers", "string levers")
    b.group("frame", "pillar", "neck", "body").alias("frame", "harp frame", "wooden frame")
    b.group("stand", "base", "foot", "pedal").alias("stand", "bottom", "the part it stands on")
    b.alias("pillar", "column", "front pillar", "forepillar")
    b.alias("neck", "harmonic curve", "curved neck", "top arch")
    b.alias("body", "sound box", "soundbox", "resonating body")
    b.alias("soundboard", "sound board", "top board", "the board the strings go into")
    b.alias("string", "strings", "harp strings", "the part you pluck")
    b.alias("base", "pedestal", "plinth", "bottom block")
    harp = b.build("harp", ground=True, variant=variant)
    harp.mesh.translate((-0.45 * D, 0.0, 0.0))  # roughly centred on the z axis
    return harp


def _prism(
    width: float, height: float, length: float, sides: int, folds: int, depth: float
) -> o3d.geometry.TriangleMesh:
    """Bellows along x, centred on the origin: a `sides`-gon (4: a rectangle `width` along y, `height` along z)
    pleated `folds` times."""
    t = np.linspace(-length / 2, length / 2, 2 * folds + 1)
    r = np.where(np.arange(len(t)) % 2 == 0, 1.0, 1.0 - depth)
    prof = np.vstack([[0.0, t[0]], np.column_stack([r, t]), [0.0, t[-1]]])
    m = revolve(prof, sides)
    if sides == 4:
        transform(m, (0, 0, np.pi / 4))
        v = np.asarray(m.vertices) * np.array([height / np.sqrt(2), width / np.sqrt(2), 1.0])
    else:
        transform(m, (0, 0, np.pi / sides))  # a flat side, not a corner, at the bottom
        v = np.asarray(m.vertices) * np.array([height / 2, width / 2, 1.0])
    m.vertices = o3d.utility.Vector3dVector(v)
    return transform(m, (0, np.pi / 2, 0))


def _button_grid(
    b: PartMesh,
    name: str,
    rows: int,
    cols: int,
    pitch: float,
    r: float,
    face_x: float,
    sign: int,
    yc: float,
    zc: float,
    color: Color,
) -> None:
    """Round buttons on a face normal to x (at x = face_x, pointing to sign * x), staggered rows along z."""
    for i in range(rows):
        for j in range(cols):
            y = yc + (i - (rows - 1) / 2) * pitch
            z = zc + (j - (cols - 1) / 2) * pitch + (pitch / 2 if i % 2 else 0.0)
            btn = cylinder(r, 0.008, -0.002, 8)
            b.add(name, _aim(btn, (sign, 0, 0), (face_x, y, z)), color)


def make_accordion(rng: np.random.Generator) -> ProceduralObject:
    """Accordion standing up, bellows along x: "bellows" between a "bass box" and a "treble box" (group "body"),
    piano "white key"s and "black key"s or "treble button"s (group "keyboard"), "bass button"s, a "grille",
    shoulder "strap"s and a "bass strap"; a concertina has hexagonal "end box"es with "button"s and "hand strap"s."""
    variant = pick_variant(rng, ["piano accordion", "button accordion", "concertina"])
    b = PartMesh()
    case_c = pick(rng, BRIGHT + DARK + PALE)
    bellows_c = pick(rng, DARK + BRIGHT)
    if variant == "concertina":
        R, Lb, Le = rng.uniform(0.08, 0.1), rng.uniform(0.09, 0.16), 0.05
        a6 = np.arange(6) * np.pi / 3 + np.pi / 6  # a flat side at the bottom
        hexa = np.column_stack([R * np.cos(a6), R * np.sin(a6)])
        zc = R * np.sqrt(3) / 2
        b.add("bellows", _at(_prism(2 * R * 0.98, 2 * R * 0.98, Lb, 6, 7, 0.08), (0, 0, zc)), bellows_c)
        for s in (-1, 1):
            xe = s * (Lb / 2 + Le / 2)
            end = transform(extrude(hexa, Le), (0, np.pi / 2, 0), (xe - Le / 2, 0, zc))
            b.add("end box", end, case_c)
            xf = s * (Lb / 2 + Le)
            grille = transform(extrude(hexa * 0.8, 0.003), (0, np.pi / 2, 0), (xf - 0.0015, 0, zc))
            b.add("grille", grille, pick(rng, METAL + DARK))
            for k in range(int(rng.integers(14, 24))):
                a, rr = k * 2.4, R * 0.65 * np.sqrt((k + 0.5) / 24)
                b.add(
                    "button",
                    _aim(cylinder(0.0045, 0.012, 0.0, 8), (s, 0, 0), (xf, rr * np.cos(a), zc + rr * np.sin(a) * 0.6)),
                    PEARL,
                )
            strap = arch(
                np.array([xf, -R * 0.7, zc - R * 0.5]),
                np.array([xf, R * 0.7, zc - R * 0.5]),
                np.array([s * 0.025, 0, 0]),
                8,
            )
            b.add("hand strap", tube(strap, 0.005, 6), (0.35, 0.2, 0.12))
        b.group("body", "end box", "bellows").alias("body", "case", "instrument body")
        b.alias("end box", "hexagonal end", "ends", "end pieces")
        b.alias("button", "buttons", "keys", "the parts you press")
        b.alias("hand strap", "hand straps", "strap", "the part your hand goes through")
        b.alias("bellows", "pleated bellows", "folds", "the part that squeezes")
        b.alias("grille", "fretwork", "end grille", "grill")
        return b.build("accordion", ground=True, variant=variant)
    H, Dp = rng.uniform(0.38, 0.5), rng.uniform(0.17, 0.22)
    Lb, wt, wbs = rng.uniform(0.18, 0.28), rng.uniform(0.08, 0.1), rng.uniform(0.09, 0.12)
    zc = H / 2
    b.add("bellows", _at(_prism(Dp * 0.96, H * 0.96, Lb, 4, 9, 0.06), (0, 0, zc)), bellows_c)
    xt0, xb0 = Lb / 2, -Lb / 2  # inner faces of the treble and bass boxes
    b.add("treble box", box((wt, Dp, H), (xt0 + wt / 2, 0, zc)), case_c)
    b.add("bass box", box((wbs, Dp, H * 0.92), (xb0 - wbs / 2, 0, zc)), jitter(rng, case_c))
    # Grille: the decorated panel on the front of the treble box, at the top.
    b.add("grille", box((wt * 0.8, 0.004, H * 0.3), (xt0 + wt / 2, -Dp / 2 - 0.002, H * 0.8)), pick(rng, METAL + DARK))
    xk = xt0 + wt  # the keyboard lies on the outer face of the treble box
    if variant == "piano accordion":
        nw = int(rng.integers(17, 25))
        kp = (H * 0.85) / nw
        for i in range(nw):
            z = H * 0.075 + (i + 0.5) * kp
            b.add("white key", box((0.012, Dp * 0.55, kp - 0.001), (xk + 0.006, -Dp * 0.1, z)), PALE[0])
            if i % 7 in (0, 1, 3, 4, 5) and i < nw - 1:
                b.add("black key", box((0.01, Dp * 0.32, kp * 0.55), (xk + 0.017, Dp * 0.015, z + kp / 2)), DARK[0])
        b.group("keyboard", "white key", "black key").alias("keyboard", "piano keyboard", "treble keyboard", "keys")
        b.alias("white key", "white keys", "natural keys").alias("black key", "black keys", "sharp keys")
    else:
        rows = int(rng.integers(3, 6))
        _button_grid(b, "treble button", rows, int(H * 0.8 / 0.019), 0.019, 0.0065, xk, 1, -Dp * 0.05, zc, PEARL)
        b.group("keyboard", "treble button").alias("keyboard", "button keyboard", "treble side buttons")
        b.alias("treble button", "treble buttons", "chromatic buttons", "right hand buttons")
    # Bass buttons on the front of the bass box, shoulder straps on the back, bass strap on the outer end.
    for i in range(int(rng.integers(4, 7))):
        for j in range(int(rng.integers(7, 11))):
            btn = _aim(
                cylinder(0.0055, 0.01, -0.002, 8),
                (0, -1, 0),
                (xb0 - wbs * 0.2 - i * 0.014 + j * 0.003, -Dp / 2, H * 0.25 + j * 0.017 + (0.008 if i % 2 else 0)),
            )
            b.add("bass button", btn, PEARL)
    strap_c = pick(rng, [(0.1, 0.08, 0.07), (0.35, 0.2, 0.12), (0.55, 0.1, 0.1)])
    for x in (xb0 - wbs * 0.5, xt0 + wt * 0.5):
        b.add(
            "strap",
            tube(
                arch(np.array([x, Dp / 2, H * 0.9]), np.array([x, Dp / 2, H * 0.15]), np.array([0, 0.08, 0]), 10),
                0.006,
                6,
            ),
            strap_c,
        )
    xo = xb0 - wbs
    b.add(
        "bass strap",
        tube(
            arch(np.array([xo, -Dp * 0.2, H * 0.8]), np.array([xo, -Dp * 0.2, H * 0.25]), np.array([-0.03, 0, 0]), 8),
            0.007,
            6,
        ),
        strap_c,
    )
    b.group("body", "treble box", "bass box", "bellows").alias("body", "case", "instrument body")
    b.group("straps", "strap", "bass strap").alias("straps", "belts", "harness")
    b.alias("bellows", "pleated bellows", "folds", "the part that squeezes")
    b.alias("treble box", "treble side", "right hand side", "treble case")
    b.alias("bass box", "bass side", "left hand side", "bass case")
    b.alias("grille", "treble grille", "grill", "decorative panel")
    b.alias("bass button", "bass buttons", "chord buttons", "left hand buttons")
    b.alias("strap", "shoulder strap", "shoulder straps", "the part over your shoulders")
    b.alias("bass strap", "hand strap", "left hand strap", "the part your hand goes under")
    return b.build("accordion", ground=True, variant=variant)


def make_microphone_stand(rng: np.random.Generator) -> ProceduralObject:
    """Microphone on a stand: "mic grille" and "mic body" (group "microphone") in a "clip", on an upright "pole"
    with a "clutch"; a round "base", tripod "leg"s with a "boom arm" and "counterweight", or a desk "base" with a
    "gooseneck"."""
    variant = pick_variant(rng, ["round base", "tripod boom", "desk stand"])
    metal = pick(rng, DARK + METAL[:2])
    b = PartMesh()
    if variant == "round base":
        rb, H = rng.uniform(0.12, 0.15), rng.uniform(1.1, 1.6)
        b.add("base", cylinder(rb, 0.02, 0.0, 24, rb * 0.92), metal)
        b.add("base", cylinder(0.03, 0.03, 0.02, 12, 0.02), metal)
        b.add("pole", cylinder(0.011, H * 0.55, 0.04, 12), metal)
        b.add("pole", cylinder(0.008, H * 0.45, H * 0.55, 12), pick(rng, METAL))
        b.add("clutch", cylinder(0.017, 0.04, H * 0.55 + 0.02, 12), DARK[0])
        top, d = np.array([0.0, 0.0, H]), np.array([0.0, -np.sin(0.5), np.cos(0.5)])
        b.alias("base", "round base", "weighted base", "the heavy disc")
    elif variant == "tripod boom":
        H, legl = rng.uniform(0.85, 1.05), rng.uniform(0.35, 0.42)
        zh = rng.uniform(0.22, 0.3)
        for k in range(3):
            a = 2 * np.pi * k / 3 + np.pi / 2
            b.add("leg", rod((0, 0, zh), (legl * np.cos(a), legl * np.sin(a), 0.006), 0.008, 8), metal)
        b.add("leg hub", cylinder(0.022, 0.06, zh - 0.03, 12), DARK[0])
        b.add("pole", cylinder(0.012, H * 0.55 - zh, zh, 12), metal)
        b.add("pole", cylinder(0.009, H * 0.45, H * 0.55, 12), metal)
        b.add("clutch", cylinder(0.018, 0.04, H * 0.55 + 0.02, 12), DARK[0])
        pivot = np.array([0.0, 0.0, H + 0.02])
        b.add("boom clutch", _aim(cylinder(0.022, 0.05, -0.025, 14), (1, 0, 0), pivot), DARK[0])
        tilt = rng.uniform(0.3, 0.7)
        d_boom = np.array([0.0, -np.cos(tilt), np.sin(tilt)])
        lf, lr = rng.uniform(0.45, 0.6), rng.uniform(0.2, 0.28)
        b.add("boom arm", rod(tuple(pivot - d_boom * lr), tuple(pivot + d_boom * lf), 0.008, 10), metal)
        b.add("counterweight", _aim(cylinder(0.022, 0.07, 0.0, 12), -d_boom, pivot - d_boom * (lr - 0.06)), DARK[1])
        top, d = pivot + d_boom * lf, np.array([0.0, -np.sin(0.9), np.cos(0.9)])
        b.alias("leg", "legs", "tripod legs", "tripod")
        b.alias("leg hub", "leg bracket", "tripod joint", "hub")
        b.alias("boom arm", "boom", "arm", "the angled arm")
        b.alias("boom clutch", "boom joint", "knob", "angle clamp")
        b.alias("counterweight", "counter weight", "weight", "the weight at the back end")
        b.group("stand", "leg", "leg hub", "pole", "boom arm").alias("stand", "mic stand frame", "support")
    else:
        H = rng.uniform(0.1, 0.18)
        if rng.random() < 0.5:
            b.add("base", cylinder(0.075, 0.022, 0.0, 20, 0.07), metal)
        else:
            b.add("base", box((0.15, 0.12, 0.022), (0, 0, 0.011)), metal)
        b.add("pole", cylinder(0.008, H, 0.02, 12), metal)
        gl = rng.uniform(0.12, 0.22)
        g = arch(
            np.array([0.0, 0.0, H + 0.015]), np.array([0.0, -gl * 0.6, H + gl * 0.8]), np.array([0.0, 0.03, 0.04]), 12
        )
        b.add("gooseneck", tube(g, 0.0055, 10), DARK[0])
        top, d = g[-1], np.array([0.0, -np.sin(0.6), np.cos(0.6)])
        b.alias("base", "desk base", "weighted base", "the part on the desk")
        b.alias("gooseneck", "goose neck", "flexible neck", "bendable arm")
    # The clip on top of the pole (or boom), holding the microphone along d.
    b.add("clip", _at(cylinder(0.006, 0.03, 0.0, 10), tuple(top - np.array([0, 0, 0.005]))), DARK[0])
    at = top + np.array([0, 0, 0.025])
    rm = rng.uniform(0.02, 0.024)
    b.add("clip", _aim(cylinder(rm + 0.004, 0.045, -0.03, 14), d, at), DARK[0])
    mic_l = rng.uniform(0.14, 0.18)
    body = revolve(
        np.array(
            [
                (0.0, -mic_l * 0.55),
                (rm * 0.7, -mic_l * 0.55),
                (rm, mic_l * 0.25),
                (rm * 1.05, mic_l * 0.3),
                (0.0, mic_l * 0.3),
            ]
        ),
        16,
    )
    b.add("mic body", _aim(body, d, at), pick(rng, DARK + METAL[:2]))
    b.add(
        "mic grille",
        _aim(ellipsoid((rm * 1.45, rm * 1.45, rm * 1.4), (0, 0, mic_l * 0.3 + rm * 1.1), 10), d, at),
        METAL[1],
    )
    b.group("microphone", "mic body", "mic grille").alias("microphone", "mic", "the part you sing into")
    b.alias("mic body", "microphone handle", "mic handle", "microphone body")
    b.alias("mic grille", "microphone head", "mic head", "grill", "mesh ball")
    b.alias("clip", "mic clip", "microphone holder", "mount")
    b.alias("pole", "upright", "stand pole", "vertical tube")
    b.alias("clutch", "height clamp", "height adjuster", "the twist lock")
    return b.build("microphone stand", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "trumpet": [make_trumpet],
    "saxophone": [make_saxophone],
    "xylophone": [make_xylophone],
    "harp": [make_harp],
    "accordion": [make_accordion],
    "microphone stand": [make_microphone_stand],
}
