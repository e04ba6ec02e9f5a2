"""Laboratory and medical equipment: microscopes, stethoscopes, syringes, test tube racks, crutches, first aid kits.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, at real size (primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). Small things
(stethoscope, syringe) lie on a table as they are put down. `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
    axle_y,
    facing_front,
    ring,
    rod,
    rounded_rect,
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
    transform,
    tube,
)

GLASS = (0.82, 0.88, 0.92)
WHITE = (0.94, 0.94, 0.92)
RED_CROSS = (0.8, 0.1, 0.1)
GREEN_CROSS = (0.1, 0.55, 0.3)


def _at(mesh: o3d.geometry.TriangleMesh, x: float, y: float, z: float = 0.0) -> o3d.geometry.TriangleMesh:
    """Move a mesh built about the z axis to (x, y, z)."""
    mesh.translate((x, y, z))
    return mesh


def make_microscope(rng: np.random.Generator) -> ProceduralObject:
    """Light microscope, user at +x: "base", "arm", "stage" with "stage clip"s, "coarse focus knob"s and "fine focus
    knob"s, "light" (illuminator), "condenser", "nosepiece" with "objective lens"es, "head", "body tube"s and
    "eyepiece"s; a stereo microscope has a ring "light" around one big "objective lens" and no nosepiece."""
    variant = pick_variant(rng, ["compound", "binocular", "stereo"])
    s = rng.uniform(0.85, 1.15)
    body = pick(rng, [WHITE, (0.88, 0.86, 0.8), (0.18, 0.2, 0.24)])
    dark, metal = pick(rng, DARK), pick(rng, METAL)
    knob_col = jitter(rng, dark, 0.04)
    b = PartMesh()
    if variant == "stereo":
        bw, bd, bt = 0.22 * s, rng.uniform(0.17, 0.2) * s, 0.035 * s
        b.add("base", rounded_slab(bw, bd, bt, 0.025 * s, (0, 0, bt / 2)), body)
        ox = 0.025 * s
        b.add("stage", _at(cylinder(0.05 * s, 0.004 * s, bt, 24), ox, 0), pick(rng, [WHITE, (0.3, 0.3, 0.32)]))
        for y in (-1, 1):
            b.add("stage clip", box((0.04 * s, 0.006 * s, 0.002 * s), (ox - 0.045 * s, y * 0.035 * s, bt + 0.005 * s)), metal)
        px = -0.08 * s
        top = rng.uniform(0.3, 0.36) * s
        b.add("arm", rod((px, 0, bt), (px, 0, top), 0.013 * s, 16), metal)
        zc = rng.uniform(0.19, 0.24) * s
        b.add("arm", box((0.07 * s, 0.05 * s, 0.08 * s), (px + 0.025 * s, 0, zc)), body)
        for y in (-1, 1):
            b.add("coarse focus knob", axle_y(0.022 * s, 0.012 * s, (px + 0.03 * s, y * 0.031 * s, zc - 0.01 * s), 20), knob_col)
        head_c = (ox, 0.0, zc + 0.01 * s)
        b.add("head", ellipsoid((0.05 * s, 0.045 * s, 0.04 * s), head_c, 14), body)
        ob_top = head_c[2] - 0.03 * s
        ob_len = rng.uniform(0.02, 0.03) * s
        b.add("objective lens", _at(cylinder(0.028 * s, ob_len + 0.005 * s, ob_top - ob_len, 20, 0.03 * s), ox, 0), dark)
        b.add("light", ring(0.033 * s, 0.006 * s, (ox, 0, ob_top - ob_len + 0.004 * s), "z", 20), WHITE)
        tilt = rng.uniform(0.5, 0.8)
        tube_r, tube_len = 0.012 * s, rng.uniform(0.06, 0.08) * s
        top_z = head_c[2] + 0.03 * s
    else:
        bw, bd, bt = rng.uniform(0.18, 0.22) * s, rng.uniform(0.13, 0.16) * s, 0.03 * s
        b.add("base", rounded_slab(bw, bd, bt, 0.02 * s, (0, 0, bt / 2)), body)
        ax0, ax1, aw = -bw / 2 + 0.005 * s, -bw / 2 + 0.05 * s, 0.045 * s
        arm_top = rng.uniform(0.27, 0.31) * s
        outline = np.array([[ax0, bt - 0.002], [ax1, bt - 0.002], [ax1, arm_top * 0.55], [ax1 - 0.008 * s, arm_top * 0.8],
                            [ax1 + 0.01 * s, arm_top], [ax0 + 0.01 * s, arm_top], [ax0 - 0.005 * s, arm_top * 0.7]])
        b.add("arm", side_slab(outline, aw), body)
        st = rng.uniform(0.12, 0.14) * s
        ox = ax1 + st / 2 - 0.006 * s
        stage_z = rng.uniform(0.12, 0.15) * s
        b.add("stage", box((st, st, 0.008 * s), (ox, 0, stage_z)), dark)
        for y in (-1, 1):
            b.add("stage clip", box((0.04 * s, 0.006 * s, 0.002 * s), (ox + 0.01 * s, y * 0.035 * s, stage_z + 0.005 * s)), metal)
        b.add("condenser", _at(cylinder(0.017 * s, 0.025 * s, stage_z - 0.029 * s, 16), ox, 0), dark)
        b.add("light", _at(cylinder(0.02 * s, 0.02 * s, bt, 16, 0.016 * s), ox, 0), jitter(rng, (0.9, 0.9, 0.75), 0.05))
        kx, kz = (ax0 + ax1) / 2, rng.uniform(0.35, 0.6) * stage_z
        for y in (-1, 1):
            b.add("coarse focus knob", axle_y(0.022 * s, 0.014 * s, (kx, y * (aw / 2 + 0.007 * s), kz), 20), knob_col)
            b.add("fine focus knob", axle_y(0.013 * s, 0.01 * s, (kx, y * (aw / 2 + 0.019 * s), kz), 16), jitter(rng, knob_col, 0.05))
        hw = (0.075 if variant == "binocular" else 0.05) * s
        hh = rng.uniform(0.04, 0.05) * s
        b.add("head", box((ox + 0.035 * s - ax0, hw, hh), ((ox + 0.035 * s + ax0) / 2, 0, arm_top + hh / 2 - 0.001)), body)
        np_h = 0.018 * s
        b.add("nosepiece", _at(cylinder(0.03 * s, np_h, arm_top - np_h, 20, 0.026 * s), ox, 0), metal)
        n_obj = int(rng.integers(3, 5))
        for i in range(n_obj):
            a = 2 * np.pi * i / n_obj + rng.uniform(0, 0.3)
            length = (0.025 + 0.02 * i / max(n_obj - 1, 1)) * s
            ob = cylinder(0.0075 * s, length + 0.002 * s, arm_top - np_h - length, 14, 0.009 * s)
            b.add("objective lens", _at(ob, ox + 0.016 * s * np.cos(a), 0.016 * s * np.sin(a)), jitter(rng, metal, 0.05))
        tilt = rng.uniform(0.5, 0.8)
        tube_r, tube_len = 0.013 * s, rng.uniform(0.07, 0.1) * s
        top_z = arm_top + hh
        head_c = (ox, 0.0, top_z)
    d = np.array([np.sin(tilt), 0.0, np.cos(tilt)])
    eyes = (-1, 1) if variant != "compound" else (0,)
    for y in eyes:
        p0 = np.array([head_c[0] - 0.005 * s, y * 0.032 * s, top_z - 0.01 * s])
        p1 = p0 + d * tube_len
        b.add("body tube", rod(tuple(p0), tuple(p1), tube_r, 16), jitter(rng, body, 0.04))
        b.add("eyepiece", rod(tuple(p1 - d * 0.003 * s), tuple(p1 + d * 0.03 * s), tube_r * 0.85, 16), dark)
    b.group("focus knob", "coarse focus knob", "fine focus knob").alias("focus knob", "focus knobs", "focusing knobs", "adjustment knob")
    b.group("viewing head", "head", "body tube", "eyepiece").alias("viewing head", "optical head", "top of the microscope")
    b.group("optics", "objective lens", "nosepiece").alias("optics", "lens turret", "objectives")
    b.alias("base", "foot", "stand", "the heavy bottom").alias("arm", "pillar", "limb", "the part you carry it by")
    b.alias("stage", "specimen stage", "slide platform", "the plate the slide sits on")
    b.alias("stage clip", "stage clips", "slide clips", "clip").alias("condenser", "condenser lens", "substage condenser")
    b.alias("light", "illuminator", "lamp", "light source", "ring light")
    b.alias("coarse focus knob", "coarse adjustment knob", "big focus knob", "coarse focus")
    b.alias("fine focus knob", "fine adjustment knob", "small focus knob", "fine focus")
    b.alias("nosepiece", "revolving nosepiece", "turret", "objective turret")
    b.alias("objective lens", "objective", "objectives", "objective lenses", "lens")
    b.alias("head", "microscope head", "prism housing", "body").alias("body tube", "tube", "eyepiece tube", "ocular tube")
    b.alias("eyepiece", "ocular", "eyepieces", "the part you look into")
    return b.build("microscope", ground=True, variant=variant)


def make_stethoscope(rng: np.random.Generator) -> ProceduralObject:
    """Stethoscope lying coiled on a table: "chestpiece" ("diaphragm", "bell" on a dual head, "stem", an electronic
    one's "display" and "button"), "tubing" coiled round to a Y, metal "ear tube"s joined by a "spring", "ear tip"s."""
    variant = pick_variant(rng, ["dual-head", "single-head", "electronic"])
    tube_col = pick(rng, DARK + BRIGHT + [(0.15, 0.2, 0.45), (0.45, 0.2, 0.45)])
    metal = pick(rng, METAL)
    b = PartMesh()
    tr = rng.uniform(0.0045, 0.006)
    rx, ry = rng.uniform(0.07, 0.1), rng.uniform(0.06, 0.09)
    dr = {"dual-head": rng.uniform(0.02, 0.023), "single-head": rng.uniform(0.02, 0.025),
          "electronic": rng.uniform(0.022, 0.026)}[variant]
    dia_h = rng.uniform(0.009, 0.012) if variant != "electronic" else rng.uniform(0.016, 0.02)
    cx = rx + 0.02 + dr
    b.add("diaphragm", _at(cylinder(dr, dia_h, 0.0, 24, dr * 0.97), cx, 0), metal if variant == "dual-head" else pick(rng, DARK + METAL))
    b.add("stem", rod((cx - dr + 0.004, 0, dia_h / 2), (rx + 0.002, 0, tr), 0.004, 10), jitter(rng, metal, 0.05))
    if variant == "dual-head":
        br, bh = dr * rng.uniform(0.6, 0.75), rng.uniform(0.01, 0.014)
        prof = np.array([[0.0, dia_h - 0.001], [dr * 0.3, dia_h - 0.001], [dr * 0.3, dia_h + 0.004], [br, dia_h + bh],
                         [br * 0.85, dia_h + bh], [0.0, dia_h + bh * 0.45]])
        b.add("bell", _at(revolve(prof, 20), cx, 0), jitter(rng, metal, 0.04))
    elif variant == "electronic":
        b.add("display", box((dr * 0.9, dr * 0.7, 0.002), (cx - dr * 0.1, 0, dia_h + 0.0009)), (0.05, 0.08, 0.1))
        for y in (-1, 1):
            b.add("button", _at(cylinder(0.003, 0.002, dia_h - 0.0005, 10), cx + dr * 0.55, y * dr * 0.25), pick(rng, BRIGHT))
        b.alias("display", "screen", "digital display", "readout").alias("button", "buttons", "control button", "volume button")
    theta_end = rng.uniform(3.4, 4.3)
    t = np.linspace(0.12, theta_end, 36)
    rad = 1.0 - 0.12 * (t / theta_end)
    coil = np.column_stack([rx * rad * np.cos(t), ry * rad * np.sin(t), np.full_like(t, tr)])
    path = np.vstack([[rx + 0.004, 0.0, tr], coil])
    b.add("tubing", tube(path, tr, 12), tube_col)
    q = coil[-1]
    u = np.array([q[0], q[1], 0.0]) / np.linalg.norm(q[:2])
    v = np.array([-u[1], u[0], 0.0])
    a, s0 = rng.uniform(0.04, 0.06), 0.01
    length, wmax = rng.uniform(0.12, 0.15), rng.uniform(0.06, 0.075)
    tau = np.linspace(0.0, 1.0, 14)
    ear_pts = {}
    for side in (-1, 1):
        p1 = q + a * u + side * s0 * v
        b.add("tubing", tube(np.array([q, q + 0.5 * a * u + side * 0.5 * s0 * v, p1]), tr * 0.85, 10), tube_col)
        w = s0 + (wmax - s0) * np.sin(np.pi * tau * 0.92)
        pts = p1 + (length * tau)[:, None] * u + side * (w - s0)[:, None] * v
        ear_pts[side] = pts
        b.add("ear tube", tube(pts, 0.0022, 8), metal)
        end_dir = pts[-1] - pts[-2]
        tip = pts[-1] + 0.004 * end_dir / np.linalg.norm(end_dir)
        b.add("ear tip", ellipsoid((0.0065, 0.0065, 0.006), tuple(tip), 8), pick(rng, DARK + PALE))
    k = 2
    b.add("spring", rod(tuple(ear_pts[-1][k]), tuple(ear_pts[1][k]), 0.0018, 8), jitter(rng, metal, 0.08))
    b.group("chestpiece", "diaphragm", "bell", "stem", "display", "button")
    b.alias("chestpiece", "chest piece", "head", "the part placed on the chest")
    b.group("headset", "ear tube", "ear tip", "spring").alias("headset", "binaurals", "the part worn in the ears")
    b.alias("diaphragm", "flat side", "diaphragm side", "drum").alias("bell", "bell side", "cup", "small cup")
    b.alias("stem", "chestpiece stem", "neck", "connector").alias("tubing", "tube", "rubber tube", "hose", "y-tube")
    b.alias("ear tube", "ear tubes", "binaural", "metal tubes").alias("ear tip", "ear tips", "earpiece", "ear plug")
    b.alias("spring", "tension spring", "headset spring", "leaf spring")
    obj = b.build("stethoscope", ground=True, variant=variant)
    v = obj.vertices
    obj.mesh.translate((-(v[:, 0].min() + v[:, 0].max()) / 2, -(v[:, 1].min() + v[:, 1].max()) / 2, 0.0))
    return obj


def make_syringe(rng: np.random.Generator) -> ProceduralObject:
    """Syringe lying on a table along x: "barrel" with "scale markings", "plunger" with its "rubber stopper" and
    "thumb rest", "finger flange", "tip"; a standard one has a "needle hub" and "needle", an insulin one a "needle
    cap"."""
    variant = pick_variant(rng, ["standard", "insulin", "large without needle"])
    length, r = {"standard": (rng.uniform(0.055, 0.085), rng.uniform(0.0055, 0.0075)),
                 "insulin": (rng.uniform(0.045, 0.06), rng.uniform(0.0035, 0.0045)),
                 "large without needle": (rng.uniform(0.09, 0.12), rng.uniform(0.011, 0.0145))}[variant]
    plunger_col = pick(rng, [WHITE, (0.9, 0.9, 0.85)]) if variant != "insulin" else pick(rng, [(0.95, 0.5, 0.1), WHITE])
    b = PartMesh()
    xf, xb = length / 2, -length / 2
    b.add("barrel", along_x(cylinder(r, length, 0.0, 20), (xb, 0, 0)), jitter(rng, GLASS, 0.03))
    marks = int(rng.integers(8, 14))
    for i in range(marks):
        x = xf - length * 0.1 - i * length * 0.8 / marks
        wide = 0.5 if i % 2 else 0.9
        b.add("scale markings", box((0.0005, r * wide, 0.0004), (x, 0, r * 0.98)), (0.1, 0.1, 0.12))
    tl = rng.uniform(0.007, 0.011) if variant != "large without needle" else rng.uniform(0.01, 0.014)
    b.add("tip", along_x(cylinder(r * 0.33 + 0.0008, tl, 0.0, 12, r * 0.2 + 0.0008), (xf - 0.0005, 0, 0)), jitter(rng, GLASS, 0.03))
    hz = r * 1.02
    fl = np.column_stack([hz * np.cos(np.linspace(0, 2 * np.pi, 16, endpoint=False)),
                          (r + rng.uniform(0.006, 0.01)) * np.sin(np.linspace(0, 2 * np.pi, 16, endpoint=False))])
    b.add("finger flange", transform(extrude(fl, 0.0018), (0, np.pi / 2, 0), (xb - 0.0009, 0, 0)), jitter(rng, GLASS, 0.03))
    pull = rng.uniform(0.05, 0.7)
    xs = xf - 0.03 * length - pull * length * 0.8
    rod_len = 1.06 * length
    xt = xs - rod_len
    stop_l = r * 0.7
    b.add("rubber stopper", along_x(cylinder(r * 0.96, stop_l, 0.0, 16), (xs - stop_l, 0, 0)), pick(rng, DARK))
    pr = r * 0.78
    if variant == "insulin":
        b.add("plunger", along_x(cylinder(r * 0.45, rod_len - stop_l, 0.0, 10), (xt, 0, 0)), plunger_col)
    else:
        cx = xt + (rod_len - stop_l) / 2
        b.add("plunger", box((rod_len - stop_l, 2 * pr, 0.0014), (cx, 0, 0)), plunger_col)
        b.add("plunger", box((rod_len - stop_l, 0.0014, 2 * pr), (cx, 0, 0)), plunger_col)
    b.add("thumb rest", along_x(cylinder(r * 1.05, 0.0018, 0.0, 16), (xt - 0.0018, 0, 0)), jitter(rng, plunger_col, 0.03))
    tip_end = xf - 0.0005 + tl
    if variant == "standard":
        hub_l = rng.uniform(0.008, 0.011)
        hub_x = tip_end - tl * 0.5
        b.add("needle hub", along_x(cylinder(r * 0.5 + 0.0012, hub_l, 0.0, 12, r * 0.3), (hub_x, 0, 0)), pick(rng, BRIGHT))
        nl = rng.uniform(0.016, 0.038)
        b.add("needle", along_x(cylinder(0.00045, nl + 0.001, 0.0, 8), (hub_x + hub_l - 0.001, 0, 0)), pick(rng, METAL))
        b.alias("needle hub", "hub", "coloured hub", "needle base")
    elif variant == "insulin":
        cl = rng.uniform(0.012, 0.016)
        b.add("needle cap", along_x(cylinder(r * 0.75, cl, 0.0, 12, r * 0.6), (tip_end - tl * 0.4, 0, 0)), pick(rng, [(0.95, 0.5, 0.1), (0.95, 0.75, 0.1)]))
        b.alias("needle cap", "cap", "needle cover", "orange cap")
    b.group("plunger assembly", "plunger", "rubber stopper", "thumb rest").alias("plunger assembly", "piston", "the part you push")
    b.group("syringe body", "barrel", "scale markings", "finger flange", "tip").alias("syringe body", "body", "cylinder")
    b.alias("barrel", "chamber", "syringe barrel", "the clear tube").alias("scale markings", "graduations", "measurement lines", "scale")
    b.alias("tip", "luer tip", "nozzle", "nose").alias("finger flange", "finger grip", "flange", "the wings you hold")
    b.alias("plunger", "plunger rod", "rod", "piston rod").alias("rubber stopper", "plunger seal", "stopper", "gasket")
    b.alias("thumb rest", "plunger flange", "thumb press", "the part you press")
    b.alias("needle", "hypodermic needle", "sharp", "cannula")
    return b.build("syringe", ground=True, variant=variant)


def _test_tube(tr: float, tl: float, z0: float, sides: int = 10) -> o3d.geometry.TriangleMesh:
    prof = np.vstack([arc((0.0, tr), (tr, tr), -np.pi / 2, 0.0, 4), [[tr, tl], [tr * 1.12, tl], [tr * 1.12, tl + 0.002],
                      [tr * 0.88, tl + 0.002], [tr * 0.88, tr * 1.2], [0.0, tr * 0.2]]])
    return _at(revolve(prof, sides), 0.0, 0.0, z0)


def make_test_tube_rack(rng: np.random.Generator) -> ProceduralObject:
    """Test tube rack: "frame" ("top shelf" with "hole"s, "bottom shelf", end panels or wire posts), "foot"/"feet",
    "test tube"s, some holding "liquid"; drying "peg"s on wooden racks."""
    variant = pick_variant(rng, ["two-tier", "single-row", "wire"])
    tr, tl = rng.uniform(0.006, 0.0085), rng.uniform(0.1, 0.15)
    hole_r = tr + rng.uniform(0.0012, 0.0025)
    nr = 1 if variant == "single-row" else int(rng.integers(1, 3))
    nc = int(rng.integers(4, 7)) if variant == "wire" else int(rng.integers(5, 9))
    pitch = 2 * hole_r + rng.uniform(0.006, 0.012)
    wood = variant != "wire" and rng.random() < 0.5
    frame_col = pick(rng, WOOD) if wood else (pick(rng, METAL + [WHITE]) if variant == "wire" else pick(rng, BRIGHT + [WHITE]))
    glass, liquid = jitter(rng, GLASS, 0.03), pick(rng, BRIGHT)
    b = PartMesh()
    W, D = nc * pitch + 0.02, nr * pitch + 0.012
    slots = [((i - (nc - 1) / 2) * pitch, (j - (nr - 1) / 2) * pitch) for j in range(nr) for i in range(nc)]
    foot_h = 0.004
    if variant == "two-tier":
        ledge = 0.03 if wood else 0.0
        ht, t = tl * rng.uniform(0.5, 0.65), 0.007
        b.add("bottom shelf", box((W, D + ledge, t), (0, -ledge / 2, foot_h + t / 2)), jitter(rng, frame_col, 0.04))
        b.add("top shelf", box((W, D, t), (0, 0, ht)), frame_col)
        for x in (-1, 1):
            b.add("frame", box((t, D, ht - foot_h - t + t / 2), (x * (W / 2 - t / 2), 0, (foot_h + t + ht) / 2)), frame_col)
        hole_z, tube_z = ht + t / 2, foot_h + t
        if wood:
            for i in range(nc):
                b.add("peg", _at(cylinder(0.003, rng.uniform(0.06, 0.08), foot_h + t, 10), slots[i][0], -D / 2 - ledge / 2), frame_col)
        feet = [(x * (W / 2 - 0.01), y * (D / 2 + ledge / 2 - 0.01) - ledge / 2) for x in (-1, 1) for y in (-1, 1)]
    elif variant == "single-row":
        bh, pegs = rng.uniform(0.03, 0.045), rng.random() < 0.6
        D = D + (0.02 if pegs else 0.0)
        yoff = 0.01 if pegs else 0.0
        slots = [(x, y - yoff) for x, y in slots]
        b.add("frame", box((W, D, bh), (0, 0, foot_h + bh / 2)), frame_col)
        hole_z, tube_z = foot_h + bh, foot_h + bh - 0.02
        if pegs:
            for i in range(nc):
                b.add("peg", _at(cylinder(0.0025, rng.uniform(0.05, 0.07), hole_z - 0.001, 10), slots[i][0], D / 2 - 0.008), frame_col)
        feet = [(x * (W / 2 - 0.01), y * (D / 2 - 0.008)) for x in (-1, 1) for y in (-1, 1)]
    else:
        ht, wr = tl * rng.uniform(0.55, 0.7), 0.0015
        zb = 0.012
        for x in (-1, 1):
            for y in (-1, 1):
                b.add("frame", rod((x * W / 2, y * D / 2, foot_h), (x * W / 2, y * D / 2, ht), wr * 1.3, 8), frame_col)
        for z in (zb, ht):
            for y in (-1, 1):
                b.add("frame", rod((-W / 2, y * D / 2, z), (W / 2, y * D / 2, z), wr, 8), frame_col)
            for x in (-1, 1):
                b.add("frame", rod((x * W / 2, -D / 2, z), (x * W / 2, D / 2, z), wr, 8), frame_col)
        for _, ry in slots[::nc]:
            for dy in (-1, 1):
                b.add("frame", rod((-W / 2, ry + dy * (hole_r + wr), ht), (W / 2, ry + dy * (hole_r + wr), ht), wr, 6), frame_col)
            b.add("bottom shelf", rod((-W / 2, ry, zb), (W / 2, ry, zb), wr * 1.2, 6), jitter(rng, frame_col, 0.05))
        hole_z, tube_z = ht, zb + wr
        feet = [(x * W / 2, y * D / 2) for x in (-1, 1) for y in (-1, 1)]
    for fx, fy in feet:
        b.add("foot", _at(cylinder(0.005, foot_h + 0.0005, 0.0, 10), fx, fy), pick(rng, DARK))
    full = rng.random(len(slots)) < 0.65
    full[int(rng.integers(len(slots)))] = True
    for (sx, sy), has in zip(slots, full):
        if variant == "wire":
            b.add("hole", ring(hole_r + wr, wr, (sx, sy, hole_z), "z", 10), frame_col)
        else:
            b.add("hole", _at(cylinder(hole_r, 0.001, hole_z - 0.0004, 12), sx, sy), (0.08, 0.07, 0.06))
        if has:
            b.add("test tube", _at(_test_tube(tr, tl, tube_z), sx, sy), glass)
            if rng.random() < 0.6:
                lh = tl * rng.uniform(0.2, 0.6)
                lp = np.vstack([arc((0.0, tr), (tr * 0.85, tr * 0.85), -np.pi / 2, 0.0, 3), [[tr * 0.85, lh], [0.0, lh]]])
                b.add("liquid", _at(revolve(lp, 10), sx, sy, tube_z), jitter(rng, liquid, 0.05))
    b.group("rack", "frame", "top shelf", "bottom shelf", "hole", "peg", "foot").alias("rack", "stand", "holder", "tube holder")
    b.alias("frame", "rack frame", "side panel", "body", "wire frame").alias("top shelf", "upper tier", "top plate", "upper shelf")
    b.alias("bottom shelf", "lower tier", "base plate", "lower shelf").alias("hole", "holes", "slot", "tube holes")
    b.alias("peg", "pegs", "drying peg", "drying pins").alias("foot", "feet", "rubber foot", "base pads")
    b.alias("test tube", "test tubes", "tubes", "glass tube", "vial").alias("liquid", "sample", "fluid", "solution")
    return b.build("test tube rack", ground=True, variant=variant)


def _holes(b: PartMesh, z0: float, z1: float, r: float, step: float, x: float = 0.0) -> None:
    """Adjustment holes: dark dots on both sides (y) of a vertical shaft of radius r at x."""
    for z in np.arange(z0, z1, step):
        for y in (-1, 1):
            b.add("adjustment hole", facing_front(cylinder(0.0028, 0.0008, -0.0004, 10), (x, y * (r + 0.0002), float(z))), (0.05, 0.05, 0.05))


def make_crutch(rng: np.random.Generator) -> ProceduralObject:
    """Crutch standing upright: "shaft" with "adjustment hole"s, "rubber tip", "hand grip"; an underarm crutch's
    "side rail"s and "underarm pad", a forearm crutch's "forearm cuff", a quad cane's "quad base" on "rubber foot"s."""
    variant = pick_variant(rng, ["underarm", "forearm", "quad cane"])
    shaft_col = pick(rng, METAL + [(0.15, 0.25, 0.55), (0.35, 0.2, 0.45), (0.1, 0.1, 0.1)])
    rubber, grip_col = pick(rng, DARK), pick(rng, DARK + [(0.3, 0.3, 0.32)])
    b = PartMesh()
    sr = rng.uniform(0.009, 0.012)
    if variant == "underarm":
        if rng.random() < 0.4:
            shaft_col = pick(rng, WOOD)
        H = rng.uniform(1.1, 1.45)
        b.add("rubber tip", cylinder(0.02, 0.045, 0.0, 16, 0.016), rubber)
        zs = H * rng.uniform(0.38, 0.45)
        b.add("shaft", rod((0, 0, 0.04), (0, 0, zs + 0.03), sr, 12), shaft_col)
        _holes(b, 0.12, zs - 0.02, sr, 0.025)
        spread = rng.uniform(0.05, 0.065)
        rails = {}
        for x in (-1, 1):
            pts = arch(np.array([x * 0.006, 0.0, zs]), np.array([x * spread, 0.0, H - 0.03]), np.array([x * 0.025, 0.0, 0.0]), 12)
            rails[x] = pts
            b.add("side rail", tube(pts, sr * 0.9, 10), shaft_col)
        zg = H * rng.uniform(0.62, 0.7)
        gx = float(np.interp(zg, rails[1][:, 2], rails[1][:, 0]))
        b.add("hand grip", rod((-gx, 0, zg), (gx, 0, zg), 0.015, 14), grip_col)
        b.add("underarm pad", ellipsoid((spread + 0.04, 0.035, 0.03), (0, 0, H - 0.015), 12), pick(rng, DARK + [(0.5, 0.45, 0.4)]))
        b.group("frame", "shaft", "side rail").alias("frame", "body", "crutch frame")
        b.alias("side rail", "side rails", "uprights", "legs").alias("underarm pad", "armpit pad", "top pad", "axilla pad")
    elif variant == "forearm":
        zh = rng.uniform(0.72, 0.85)
        b.add("rubber tip", cylinder(0.021, 0.045, 0.0, 16, 0.016), rubber)
        b.add("shaft", rod((0, 0, 0.04), (0, 0, zh + 0.01), sr, 12), shaft_col)
        _holes(b, 0.2, zh * 0.7, sr, 0.025)
        top = np.array([-rng.uniform(0.04, 0.07), 0.0, zh + rng.uniform(0.18, 0.24)])
        b.add("shaft", rod((0, 0, zh), tuple(top), sr, 12), jitter(rng, shaft_col, 0.04))
        gl = rng.uniform(0.11, 0.13)
        grip = np.array([[-0.005, 0, zh], [gl * 0.3, 0, zh + 0.004], [gl * 0.7, 0, zh + 0.002], [gl, 0, zh - 0.004]])
        b.add("hand grip", tube(grip, np.array([0.016, 0.018, 0.017, 0.014]), 12), grip_col)
        rc = rng.uniform(0.04, 0.05)
        ang = np.linspace(np.pi - 2.2, np.pi + 2.2, 14)
        cuff = np.column_stack([top[0] + rc + rc * np.cos(ang), rc * np.sin(ang), np.full_like(ang, top[2] + 0.01)])
        for dz in (-0.012, 0.0, 0.012):
            b.add("forearm cuff", tube(cuff + np.array([0, 0, dz]), 0.006, 8), grip_col)
        b.alias("forearm cuff", "arm cuff", "elbow cuff", "cuff", "the ring around the arm")
    else:
        zh = rng.uniform(0.75, 0.92)
        pw, pd, pz = rng.uniform(0.16, 0.22), rng.uniform(0.12, 0.16), rng.uniform(0.06, 0.08)
        b.add("quad base", box((pw * 0.55, pd * 0.55, 0.012), (0, 0, pz)), shaft_col)
        for x in (-1, 1):
            for y in (-1, 1):
                fx, fy = x * pw / 2, y * pd / 2
                b.add("quad base", rod((x * pw * 0.22, y * pd * 0.22, pz), (fx, fy, 0.02), 0.008, 10), shaft_col)
                b.add("rubber foot", _at(cylinder(0.013, 0.025, 0.0, 12, 0.011), fx, fy), rubber)
        bend = rng.uniform(0.03, 0.05)
        path = np.array([[0, 0, pz], [0, 0, zh - 0.1], [0, 0, zh - 0.06], [bend * 0.5, 0, zh - 0.02], [bend, 0, zh]])
        b.add("shaft", tube(path, sr, 12), shaft_col)
        _holes(b, pz + 0.08, zh * 0.6, sr, 0.025)
        b.add("hand grip", rod((bend - 0.01, 0, zh), (bend + rng.uniform(0.1, 0.12), 0, zh), 0.016, 14), grip_col)
        b.group("base", "quad base", "rubber foot").alias("base", "four legged base", "bottom")
        b.alias("quad base", "base plate", "four legs", "quad legs").alias("rubber foot", "feet", "rubber feet", "ferrules")
    b.alias("shaft", "pole", "tube", "leg", "stem").alias("adjustment hole", "adjustment holes", "height holes", "push button holes")
    b.alias("rubber tip", "ferrule", "foot", "the end that touches the ground")
    b.alias("hand grip", "handle", "grip", "the part you hold")
    return b.build("crutch", ground=True, variant=variant)


def _cross(b: PartMesh, size: float, center: tuple[float, float, float], colour: tuple[float, float, float],
           front: bool) -> None:
    """A plus-shaped symbol of two bars on a face: the front (-y) face or the top (+z) face."""
    bar, t = size / 3, 0.0012
    cx, cy, cz = center
    if front:
        b.add("cross symbol", box((size, t, bar), (cx, cy - t / 2, cz)), colour)
        b.add("cross symbol", box((bar, t, size), (cx, cy - t / 2, cz)), colour)
    else:
        b.add("cross symbol", box((size, bar, t), (cx, cy, cz + t / 2)), colour)
        b.add("cross symbol", box((bar, size, t), (cx, cy, cz + t / 2)), colour)


def make_first_aid_kit(rng: np.random.Generator) -> ProceduralObject:
    """First aid kit: a hard "case" with "lid", "handle", "latch"es, "hinge"s and a "cross symbol"; a wall cabinet
    with a door ("lid"); a soft bag with "zip", "zip pull"s and a strap "handle"."""
    variant = pick_variant(rng, ["hard case", "wall cabinet", "soft bag"])
    red_on_white = rng.random() < 0.5
    shell = pick(rng, [WHITE, (0.92, 0.9, 0.85)]) if red_on_white else pick(rng, [RED_CROSS, GREEN_CROSS, (0.9, 0.45, 0.1)])
    cross = pick(rng, [RED_CROSS, GREEN_CROSS]) if red_on_white else WHITE
    dark = pick(rng, DARK)
    b = PartMesh()
    if variant == "hard case":
        W, D, H = rng.uniform(0.24, 0.36), rng.uniform(0.15, 0.22), rng.uniform(0.08, 0.13)
        hl = H * rng.uniform(0.3, 0.4)
        b.add("case", box((W, D, H - hl), (0, 0, (H - hl) / 2)), shell)
        b.add("lid", box((W + 0.004, D + 0.004, hl), (0, 0, H - hl / 2)), jitter(rng, shell, 0.03))
        hx = W * rng.uniform(0.2, 0.28)
        for x in (-1, 1):
            b.add("handle", box((0.02, 0.02, 0.012), (x * hx, 0, H + 0.006)), dark)
        b.add("handle", tube(arch(np.array([-hx, 0, H + 0.01]), np.array([hx, 0, H + 0.01]), np.array([0, 0, 0.035]), 14), 0.007, 10), dark)
        for x in (-1, 1):
            b.add("latch", box((0.03, 0.008, 0.03), (x * W * 0.32, -D / 2 - 0.006, H - hl)), jitter(rng, dark, 0.05))
            b.add("hinge", along_x(cylinder(0.005, 0.04, -0.02, 10), (x * W * 0.3, D / 2 + 0.004, H - hl)), jitter(rng, shell, 0.1))
        _cross(b, min(H - hl, W) * 0.6, (0, -D / 2, (H - hl) / 2), cross, front=True)
        _cross(b, min(D, W) * 0.35, (0, -D * 0.22, H), cross, front=False)
    elif variant == "wall cabinet":
        W, D, H = rng.uniform(0.28, 0.45), rng.uniform(0.1, 0.16), rng.uniform(0.32, 0.5)
        b.add("case", box((W, D, H), (0, 0, H / 2)), shell)
        dt = 0.012
        b.add("lid", box((W - 0.006, dt, H - 0.006), (0, -D / 2 - dt / 2, H / 2)), jitter(rng, shell, 0.03))
        side = 1 if rng.random() < 0.5 else -1
        for z in (H * 0.2, H * 0.8):
            b.add("hinge", _at(cylinder(0.005, 0.05, z - 0.025, 10), -side * W / 2, -D / 2 - 0.004), pick(rng, METAL))
        hz = H * 0.5
        b.add("handle", rod((side * (W / 2 - 0.03), -D / 2 - dt, hz - 0.04), (side * (W / 2 - 0.03), -D / 2 - dt, hz + 0.04), 0.005, 10), pick(rng, METAL))
        b.add("handle", box((0.008, 0.02, 0.008), (side * (W / 2 - 0.03), -D / 2 - dt - 0.005, hz - 0.035)), pick(rng, METAL))
        b.add("handle", box((0.008, 0.02, 0.008), (side * (W / 2 - 0.03), -D / 2 - dt - 0.005, hz + 0.035)), pick(rng, METAL))
        b.add("latch", facing_front(cylinder(0.008, 0.006, 0.0, 12), (side * (W / 2 - 0.03), -D / 2 - dt, hz + 0.07)), pick(rng, METAL))
        _cross(b, min(W, H) * 0.45, (-side * 0.02, -D / 2 - dt, H * 0.55), cross, front=True)
        b.alias("lid", "door", "cabinet door", "front door")
    else:
        W, D, H = rng.uniform(0.18, 0.26), rng.uniform(0.09, 0.13), rng.uniform(0.1, 0.15)
        zs = H * rng.uniform(0.5, 0.6)
        rr = min(W, D) * 0.3
        b.add("case", rounded_slab(W, D, zs, rr, (0, 0, zs / 2)), shell)
        b.add("lid", rounded_slab(W * 0.97, D * 0.95, H - zs, rr, (0, 0, zs + (H - zs) / 2)), jitter(rng, shell, 0.04))
        outline = rounded_rect(W + 0.004, D + 0.004, rr, 5)
        loop = np.column_stack([outline, np.full(len(outline), zs)])
        b.add("zip", tube(np.vstack([loop, loop[:1]]), 0.003, 6), dark)
        for px in (-0.04, 0.04):
            b.add("zip pull", box((0.008, 0.004, 0.025), (px, -D / 2 - 0.005, zs - 0.011)), pick(rng, METAL + DARK))
        b.add("handle", tube(arch(np.array([-W * 0.25, 0, H - 0.003]), np.array([W * 0.25, 0, H - 0.003]), np.array([0, 0, 0.04]), 14), 0.006, 8), dark)
        _cross(b, min(zs, W) * 0.6, (0, -D / 2, zs / 2), cross, front=True)
        b.alias("zip", "zipper", "zip fastener", "the zipper around the top").alias("zip pull", "zipper pull", "zip tab", "slider")
    b.group("box", "case", "lid").alias("box", "container", "the whole kit")
    b.group("fastening", "latch", "zip", "zip pull").alias("fastening", "closure", "clasp")
    b.alias("case", "body", "box body", "bag body", "base").alias("lid", "cover", "top", "the part that opens")
    b.alias("handle", "carry handle", "strap", "the part you carry it by").alias("latch", "latches", "catch", "lock")
    b.alias("hinge", "hinges", "pivot").alias("cross symbol", "medical cross", "cross", "first aid sign", "logo")
    return b.build("first aid kit", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "microscope": [make_microscope],
    "stethoscope": [make_stethoscope],
    "syringe": [make_syringe],
    "test tube rack": [make_test_tube_rack],
    "crutch": [make_crutch],
    "first aid kit": [make_first_aid_kit],
}
