"""Office and stationery: hole punches, tape dispensers, calculators, whiteboards, ring binders, rulers.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
    axle_y,
    facing_front,
    key_grid,
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
    arch,
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

LCD = (0.62, 0.68, 0.6)
SOLAR = (0.25, 0.15, 0.12)
WHITE = (0.96, 0.96, 0.95)
CLEAR = (0.85, 0.88, 0.9)


def _yz_slab(outline_yz: np.ndarray, width: float, x0: float = 0.0) -> o3d.geometry.TriangleMesh:
    """A slab whose side outline is (K, 2) (y, z) points (star-shaped), `width` across x, centred on x = x0."""
    return transform(side_slab(np.asarray(outline_yz, dtype=np.float64), width), (0.0, 0.0, np.pi / 2), (x0, 0.0, 0.0))


def _at(mesh: o3d.geometry.TriangleMesh, offset: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """`mesh` moved by `offset` (in place)."""
    mesh.translate(np.asarray(offset, dtype=np.float64))
    return mesh


def _teeth(width: float, n: int, tooth: float, thickness: float) -> list[o3d.geometry.TriangleMesh]:
    """`n` triangular teeth side by side across y (centred), pointing +x from x = 0, `thickness` tall from z = 0."""
    h = width / n
    y = -width / 2
    return [extrude(np.array([(0.0, y + i * h), (tooth, y + (i + 0.5) * h), (0.0, y + (i + 1) * h)]), thickness)
            for i in range(n)]


def _annulus(r_in: float, r_out: float, width: float, sides: int = 20) -> o3d.geometry.TriangleMesh:
    """A thick ring (a tape roll, a grommet) about the z axis from z = -width / 2 to width / 2."""
    w = width / 2
    return revolve(np.array([(r_in, -w), (r_out, -w), (r_out, w), (r_in, w), (r_in, -w)]), sides)


def _strip(p0: tuple[float, float], p1: tuple[float, float], width: float, thick: float,
           z0: float) -> o3d.geometry.TriangleMesh:
    """A flat strip in the x-y plane from p0 to p1, `width` wide, `thick` tall from z = z0."""
    d = np.subtract(p1, p0)
    length = float(np.hypot(*d))
    mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2, z0 + thick / 2)
    return transform(box((length, width, thick), (0.0, 0.0, 0.0)), (0.0, 0.0, float(np.arctan2(d[1], d[0]))), mid)


def make_hole_punch(rng: np.random.Generator) -> ProceduralObject:
    """Desk hole punch: "base" on a "chip tray", "punch head"s under a "lever" hinged at the back, a sliding
    "paper guide"; a heavy-duty punch has a long lever arm ending in a rubber "grip"."""
    variant = pick_variant(rng, ["two-hole", "single", "heavy duty"])
    if variant == "single":
        W, D = rng.uniform(0.05, 0.07), rng.uniform(0.07, 0.09)
    elif variant == "two-hole":
        W, D = rng.uniform(0.12, 0.16), rng.uniform(0.1, 0.13)
    else:
        W, D = rng.uniform(0.2, 0.26), rng.uniform(0.15, 0.2)
    s = D / 0.11
    body, steel, tray_c = pick(rng, DARK + BRIGHT + METAL), pick(rng, METAL), pick(rng, DARK)
    b = PartMesh()
    tray_h, base_h = 0.004 * s, 0.016 * s
    b.add("chip tray", box((W * 0.94, D * 0.9, tray_h), (0, 0, tray_h / 2)), tray_c)
    b.add("chip tray", box((W * 0.3, 0.006, tray_h), (0, -D * 0.45 - 0.003, tray_h / 2)), tray_c)
    z_top = tray_h + base_h
    b.add("base", rounded_slab(W, D, base_h, 0.008 * s, (0, 0, tray_h + base_h / 2)), body)
    xs = [0.0] if variant == "single" else [-min(0.04, W * 0.36), min(0.04, W * 0.36)]
    rh = {"single": 0.009, "two-hole": 0.011, "heavy duty": 0.018}[variant]
    hh, y_h = rng.uniform(0.025, 0.032) * s, D * 0.08
    for x in xs:
        b.add("punch head", _at(cylinder(rh, hh, z_top, 16), (x, y_h, 0)), steel)
        b.add("punch head", _at(cylinder(rh * 0.45, 0.006 * s, z_top + hh, 12), (x, y_h, 0)), steel)
    zt = z_top + hh + 0.006 * s
    tan_a = rng.uniform(0.12, 0.25)

    def z_at(y: float) -> float:
        return zt + (y_h - y) * tan_a

    y_r, y_f, lt = D / 2 - 0.004, -D / 2 - 0.012 * s, 0.005 * s
    lw = W * (0.9 if variant != "heavy duty" else 0.8)
    outline = [(y_r, z_at(y_r)), (y_f, z_at(y_f)), (y_f, z_at(y_f) + lt), (y_f + 0.015 * s, z_at(y_f) + lt * 1.6),
               (y_r, z_at(y_r) + lt * 2.2)]
    lever_c = jitter(rng, body, 0.05)
    b.add("lever", _yz_slab(np.array(outline), lw), lever_c)
    post_h = z_at(y_r) + lt * 2 - z_top
    for sx in (-1, 1):
        post = box((0.005, 0.012 * s, post_h), (sx * (lw / 2 + 0.0025), y_r - 0.006 * s, z_top + post_h / 2))
        b.add("base", post, body)
    if variant == "heavy duty":
        ang, arm = rng.uniform(0.35, 0.6), rng.uniform(0.16, 0.24)
        p0 = np.array([0.0, y_f + 0.01, z_at(y_f) + lt])
        p1 = p0 + arm * np.array([0.0, -np.cos(ang), np.sin(ang)])
        pg = p0 + 0.6 * (p1 - p0)
        b.add("lever", rod(tuple(p0), tuple(p1), 0.008), lever_c)
        b.add("grip", rod(tuple(pg), tuple(p1 + 0.01 * (p1 - p0) / arm), 0.014, 14), pick(rng, DARK))
        b.alias("grip", "handle grip", "rubber grip", "the part you hold")
    lg, ext = W * rng.uniform(0.55, 0.7), W * rng.uniform(0.15, 0.35)
    gd, y_g = 0.012 * s, -D / 2 + 0.012 * s
    guide_c = pick(rng, PALE + METAL)
    b.add("paper guide", box((lg, gd, 0.002), (-W / 2 - ext + lg / 2, y_g, z_top + 0.001)), guide_c)
    b.add("paper guide", box((0.003, gd, 0.012 * s), (-W / 2 - ext + 0.0015, y_g, z_top + 0.006 * s)), guide_c)
    b.group("housing", "base", "chip tray").alias("housing", "bottom", "body")
    b.group("punching mechanism", "punch head", "lever", "grip").alias("punching mechanism", "mechanism", "top part")
    b.alias("base", "base plate", "bottom plate", "the part it stands on")
    b.alias("chip tray", "confetti tray", "waste tray", "bottom cover", "the drawer that catches the paper dots")
    b.alias("punch head", "punch heads", "punch cylinder", "plunger", "cutting die")
    b.alias("lever", "handle", "top lever", "the part you press down")
    b.alias("paper guide", "guide", "paper stop", "alignment guide", "sliding ruler")
    return b.build("hole punch", ground=True, variant=variant)


def make_tape_dispenser(rng: np.random.Generator) -> ProceduralObject:
    """Tape dispenser: "body" holding a "tape roll" on a "hub", a serrated "cutter" at the front; a weighted one sits
    on a heavy "base"; a packing tape gun has a side frame ("body"), a "handle" and a pressure "roller"."""
    variant = pick_variant(rng, ["desktop", "handheld gun", "weighted"])
    b = PartMesh()
    tape = jitter(rng, (0.82, 0.72, 0.5), 0.06) if rng.random() < 0.5 else jitter(rng, CLEAR, 0.04)
    steel, shell = pick(rng, METAL), pick(rng, DARK + BRIGHT)
    if variant == "handheld gun":
        rc, ro, wr = 0.038, rng.uniform(0.055, 0.068), 0.048
        zr = ro + rng.uniform(0.045, 0.06)
        ys, pt = -(wr / 2 + 0.004), 0.004
        xb = ro + rng.uniform(0.025, 0.035)
        plate = np.array([(-rc, zr), (0.0, zr + rc * 1.05), (rc, zr), (xb + 0.006, 0.014), (xb - 0.035, 0.0),
                          (-ro * 0.6, zr - ro * 0.85)])
        b.add("body", side_slab(plate, pt, ys), shell)
        b.add("tape roll", facing_front(_annulus(rc, ro, wr), (0.0, 0.0, zr)), tape)
        hub_c = pick(rng, BRIGHT + DARK)
        b.add("hub", axle_y(rc - 0.001, wr, (0.0, 0.0, zr), 16), hub_c)
        b.add("hub", axle_y(0.013, 0.012, (0.0, ys - pt / 2 - 0.006, zr), 16), hub_c)
        bw = wr + 0.008
        b.add("cutter", box((0.0012, bw, 0.016), (xb, -0.002, 0.012)), steel)
        for t in _teeth(bw, 12, 0.003, 0.0012):
            b.add("cutter", transform(t, (0.0, np.pi / 2, 0.0), (xb - 0.0006, -0.002, 0.004)), steel)
        b.add("roller", axle_y(0.011, wr, (xb - 0.022, 0.0, 0.013), 16), pick(rng, DARK))
        hx = -ro * 0.55
        grip = np.array([[hx, ys - 0.012, zr - ro * 0.55], [hx - 0.02, ys - 0.012, zr * 0.45],
                         [hx - 0.045, ys - 0.012, 0.012]])
        b.add("handle", tube(grip, 0.014, 14), pick(rng, DARK + BRIGHT))
        b.add("handle", rod((hx, ys, zr - ro * 0.55), (hx, ys - 0.02, zr - ro * 0.55), 0.01), shell)
        b.group("frame", "body", "handle").alias("frame", "gun frame", "chassis")
        b.alias("handle", "grip", "pistol grip", "the part you hold")
        b.alias("roller", "pressure roller", "wipe-down roller", "the small wheel that presses the tape")
    else:
        weighted = variant == "weighted"
        rc, ro = 0.0127, rng.uniform(0.022, 0.03)
        wr = (0.012, 0.019, 0.025)[int(rng.integers(3))]
        wall = 0.005
        L = rng.uniform(0.12, 0.16) * (1.15 if weighted else 1.0)
        Y = wr + 0.004 + 2 * wall
        z0 = rng.uniform(0.015, 0.025) if weighted else 0.0
        base_h = 0.004 if weighted else 0.008
        xr, zr = -L * 0.12, z0 + base_h + ro + 0.004
        zn = zr - ro * 0.1
        outline = np.array([(-L / 2, z0), (L / 2 - 0.004, z0), (L / 2, zn - 0.006), (L / 2 - 0.008, zn),
                            (xr + ro * 0.9, zr + ro * 0.05), (xr, zr + ro * 0.25), (xr - ro * 0.9, zr + ro * 0.05),
                            (-L / 2, z0 + (zr - z0) * 0.7)])
        for sy in (-1, 1):
            b.add("body", side_slab(outline, wall, sy * (Y - wall) / 2), shell)
        b.add("body", box((L, Y, base_h), (0.0, 0.0, z0 + base_h / 2)), shell)
        b.add("body", box((0.03, Y, zn - z0), (L / 2 - 0.017, 0.0, z0 + (zn - z0) / 2)), shell)
        b.add("tape roll", facing_front(_annulus(rc, ro, wr), (xr, 0.0, zr)), tape)
        p0, p1 = np.array([xr + 0.2 * ro, zr + ro * 0.98]), np.array([L / 2 - 0.01, zn + 0.0013])
        d = p1 - p0
        strand = transform(box((float(np.hypot(*d)), wr, 0.0004), (0.0, 0.0, 0.0)),
                           (0.0, -float(np.arctan2(d[1], d[0])), 0.0),
                           (float((p0[0] + p1[0]) / 2), 0.0, float((p0[1] + p1[1]) / 2)))
        b.add("tape roll", strand, tape)
        b.add("hub", axle_y(rc * 0.97, Y + 0.004, (xr, 0.0, zr), 16), pick(rng, METAL + DARK))
        b.add("cutter", box((0.012, Y, 0.0012), (L / 2 - 0.008, 0.0, zn + 0.0006)), steel)
        for t in _teeth(Y, 10, 0.003, 0.0012):
            b.add("cutter", _at(t, (L / 2 - 0.002, 0.0, zn)), steel)
        if weighted:
            b.add("base", rounded_slab(L * 1.12, Y + rng.uniform(0.02, 0.04), z0, 0.012, (0.0, 0.0, z0 / 2)),
                  pick(rng, DARK + METAL))
            b.alias("base", "weighted base", "heavy base", "the bottom that keeps it from sliding")
            b.group("housing", "body", "base").alias("housing", "dispenser body", "stand")
    b.alias("body", "casing", "dispenser", "shell")
    b.alias("tape roll", "roll of tape", "tape", "sticky tape", "adhesive tape")
    b.alias("hub", "spool", "core holder", "the wheel the roll sits on")
    b.alias("cutter", "serrated blade", "blade", "teeth", "the jagged edge that cuts the tape")
    return b.build("tape dispenser", ground=True, variant=variant)


def make_calculator(rng: np.random.Generator) -> ProceduralObject:
    """Calculator lying flat, keys facing up, display towards +y: "body", "display", "button"s, a "solar panel";
    a desktop one has a tilted display panel, a scientific one many small function keys."""
    variant = pick_variant(rng, ["pocket", "desktop with tilted display", "scientific"])
    shell = pick(rng, DARK + PALE)
    key_c = pick(rng, DARK + PALE)
    lcd, solar = jitter(rng, LCD, 0.05), jitter(rng, SOLAR, 0.04)
    b = PartMesh()
    if variant == "desktop with tilted display":
        W, Dp = rng.uniform(0.14, 0.18), rng.uniform(0.16, 0.2)
        tf, tb = rng.uniform(0.012, 0.018), rng.uniform(0.025, 0.035)
        b.add("body", _yz_slab(np.array([(-Dp / 2, 0.0), (Dp / 2, 0.0), (Dp / 2, tb), (-Dp / 2, tf)]), W), shell)
        slope = (tb - tf) / Dp
        phi = float(np.arctan(slope))

        def on_top(m: o3d.geometry.TriangleMesh, y: float) -> o3d.geometry.TriangleMesh:
            return transform(m, (phi, 0.0, 0.0), (0.0, y, tf + (y + Dp / 2) * slope))

        theta, hd, pt = rng.uniform(0.35, 0.6), Dp * rng.uniform(0.22, 0.28), 0.008
        y_h = Dp / 2 - hd * np.cos(theta) - 0.006
        z_h = tf + (y_h + Dp / 2) * slope
        pw = W * 0.92

        def panel(m: o3d.geometry.TriangleMesh) -> o3d.geometry.TriangleMesh:
            return transform(m, (theta, 0.0, 0.0), (0.0, y_h, z_h))

        b.add("body", panel(box((pw, hd, pt), (0.0, hd / 2, pt / 2))), jitter(rng, shell, 0.04))
        b.add("display", panel(box((pw * 0.82, hd * 0.5, 0.0008), (0.0, hd * 0.32, pt + 0.0004))), lcd)
        b.add("solar panel", panel(box((pw * 0.35, hd * 0.18, 0.0008), (pw * 0.2, hd * 0.8, pt + 0.0004))), solar)
        cols, rows = 5, 5
        avail = y_h - (-Dp / 2) - 0.012
        pitch = min(W * 0.85 / cols, avail / rows)
        key = (pitch * 0.78, pitch * 0.72, 0.005)
        yc = -Dp / 2 + 0.006 + avail / 2
        for k in key_grid(cols, rows, pitch, key, (-(cols - 1) / 2 * pitch, (rows - 1) / 2 * pitch, 0.0025)):
            b.add("button", on_top(k, yc), key_c)
    else:
        sci = variant == "scientific"
        W = rng.uniform(0.075, 0.085) if sci else rng.uniform(0.058, 0.072)
        Dp = rng.uniform(0.15, 0.17) if sci else rng.uniform(0.095, 0.115)
        T = rng.uniform(0.012, 0.016) if sci else rng.uniform(0.006, 0.009)
        b.add("body", rounded_slab(W, Dp, T, 0.006, (0.0, 0.0, T / 2)), shell)
        dh = Dp * (0.15 if sci else 0.2)
        y_d = Dp / 2 - dh / 2 - (Dp * 0.06 + 0.012 if sci else Dp * 0.1)
        b.add("display", box((W * 0.8, dh, 0.0008), (0.0, y_d, T + 0.0004)), lcd)
        if sci:
            b.add("solar panel", box((W * 0.45, 0.008, 0.0008), (W * 0.15, Dp / 2 - 0.009, T + 0.0004)), solar)
        else:
            b.add("solar panel", box((W * 0.4, Dp * 0.05, 0.0008), (W * 0.18, Dp / 2 - Dp * 0.055, T + 0.0004)), solar)
        y0 = y_d - dh / 2 - 0.006
        if sci:
            fp = W * 0.8 / 6
            for k in key_grid(6, 3, fp, (fp * 0.7, fp * 0.45, 0.003), (-2.5 * fp, y0 - fp * 0.4, T + 0.0015)):
                b.add("button", k, jitter(rng, key_c, 0.05))
            y0 -= 3 * fp + 0.004
        cols = 5 if sci else 4
        rows = 5
        pitch = min(W * 0.82 / cols, (y0 + Dp / 2 - 0.006) / rows)
        key = (pitch * 0.78, pitch * 0.68, 0.003)
        for k in key_grid(cols, rows, pitch, key, (-(cols - 1) / 2 * pitch, y0 - pitch / 2, T + 0.0015)):
            b.add("button", k, key_c)
    b.group("front panel", "display", "button", "solar panel").alias("front panel", "face", "top face")
    b.alias("body", "case", "casing", "housing")
    b.alias("display", "screen", "lcd", "readout", "the part that shows the numbers")
    b.alias("button", "buttons", "keys", "keypad", "number keys")
    b.alias("solar panel", "solar cell", "solar strip", "the dark strip that powers it")
    return b.build("calculator", ground=True, variant=variant)


def make_whiteboard(rng: np.random.Generator) -> ProceduralObject:
    """Whiteboard facing -y: white "board" in an aluminium "frame", a "marker tray" with "marker"s; a wall board has
    "wall bracket"s, an easel stands on three "leg"s, a mobile board on "leg"s, "foot" bars, a "crossbar" and "wheel"s
    (group "stand")."""
    variant = pick_variant(rng, ["wall", "easel tripod", "mobile with wheels"])
    if variant == "easel tripod":
        Wb, Hb = rng.uniform(0.6, 0.75), rng.uniform(0.85, 1.0)
    else:
        Wb, Hb = rng.uniform(0.9, 1.8), rng.uniform(0.6, 1.2)
    tb, f = 0.012, rng.uniform(0.015, 0.025)
    alu, stand_c = jitter(rng, METAL[0], 0.04), pick(rng, METAL + DARK)
    b = PartMesh()
    # The board in a local frame: bottom edge of the frame at the origin, front face at y = -tb / 2.
    local: list[tuple[str, o3d.geometry.TriangleMesh, tuple[float, float, float]]] = [
        ("board", box((Wb, tb, Hb), (0.0, 0.0, f + Hb / 2)), jitter(rng, WHITE, 0.03))]
    for z in (f / 2, f + Hb + f / 2):
        local.append(("frame", box((Wb + 2 * f, tb + 0.006, f), (0.0, 0.0, z)), alu))
    for sx in (-1, 1):
        local.append(("frame", box((f, tb + 0.006, Hb), (sx * (Wb / 2 + f / 2), 0.0, f + Hb / 2)), alu))
    tw, td = Wb * rng.uniform(0.4, 0.7) if variant != "easel tripod" else Wb + 2 * f, rng.uniform(0.045, 0.06)
    ty = -(tb / 2 + 0.003) - td / 2
    local.append(("marker tray", box((tw, td, 0.004), (0.0, ty, 0.002)), alu))
    local.append(("marker tray", box((tw, 0.003, 0.014), (0.0, ty - td / 2, 0.007)), alu))
    for i in range(int(rng.integers(1, 4))):
        m = along_x(cylinder(0.0075, 0.13, -0.065, 12), (tw * (0.3 * i - 0.3), ty + 0.002 * i, 0.004 + 0.0075))
        ink = pick(rng, [(0.1, 0.1, 0.1), (0.15, 0.3, 0.75), (0.8, 0.12, 0.1), (0.15, 0.55, 0.25)])
        local.append(("marker", m, ink))
    if variant == "easel tripod":
        tilt, z_t = rng.uniform(0.2, 0.3), rng.uniform(0.7, 0.8)

        def place(p: np.ndarray) -> np.ndarray:
            c, s_ = np.cos(tilt), np.sin(tilt)
            return np.array([p[0], p[1] * c + p[2] * s_, -p[1] * s_ + p[2] * c + z_t])

        for name, m, col in local:
            b.add(name, transform(m, (-tilt, 0.0, 0.0), (0.0, 0.0, z_t)), col)
        top_z, back = Hb + 2 * f, tb / 2 + 0.014
        foot_z = -z_t / np.cos(tilt)
        for sx in (-1, 1):
            top = place(np.array([sx * (Wb / 2 - 0.04), back, top_z]))
            foot = place(np.array([sx * (Wb / 2 + 0.08), back, foot_z]))
            b.add("leg", rod(tuple(top), tuple(foot), 0.012), stand_c)
        top = place(np.array([0.0, back, top_z - 0.03]))
        b.add("leg", rod(tuple(top), (0.0, float(top[1]) + rng.uniform(0.55, 0.75), 0.0), 0.012), stand_c)
        b.add("leg", box((Wb + 0.02, 0.02, 0.02), tuple(place(np.array([0.0, back, top_z - 0.03])))), stand_c)
    else:
        z0 = rng.uniform(0.75, 0.9) if variant == "mobile with wheels" else 0.9
        for name, m, col in local:
            b.add(name, _at(m, (0.0, 0.0, z0)), col)
        if variant == "wall":
            for sx in (-1, 1):
                b.add("wall bracket", box((0.05, 0.012, 0.04), (sx * Wb * 0.35, tb / 2 + 0.006, z0 + f + Hb - 0.05)),
                      pick(rng, METAL))
            b.alias("wall bracket", "mounting bracket", "wall mount", "hanger")
        else:
            rw, lr = rng.uniform(0.035, 0.05), 0.016
            xl = Wb / 2 + f + lr
            zf = 2 * rw + 0.03
            fy = rng.uniform(0.25, 0.32)
            for sx in (-1, 1):
                b.add("leg", rod((sx * xl, 0.0, zf), (sx * xl, 0.0, z0 + Hb + 2 * f + 0.08), lr), stand_c)
                b.add("leg", box((lr * 2, 0.03, 0.05), (sx * (xl - lr), 0.0, z0 + f + Hb / 2)), stand_c)
                b.add("foot", rod((sx * xl, -fy, zf), (sx * xl, fy, zf), 0.018), stand_c)
                for sy in (-1, 1):
                    b.add("wheel", along_x(cylinder(rw, 0.022, -0.011, 16), (sx * xl, sy * fy, rw)), pick(rng, DARK))
                    b.add("wheel", rod((sx * xl, sy * fy, rw), (sx * xl, sy * fy, zf), 0.006), jitter(rng, METAL[1]))
            b.add("crossbar", rod((-xl, 0.0, zf + 0.25), (xl, 0.0, zf + 0.25), 0.014), stand_c)
            b.alias("foot", "feet", "base bar", "floor bar")
            b.alias("crossbar", "cross brace", "bottom bar", "stretcher")
            b.alias("wheel", "wheels", "caster", "castors", "the rollers it moves on")
    b.group("stand", "leg", "foot", "crossbar", "wheel").alias("stand", "support", "base")
    b.group("panel", "board", "frame").alias("panel", "whiteboard panel", "the flat part")
    b.alias("leg", "legs", "upright", "tripod leg", "support pole")
    b.alias("board", "writing surface", "white surface", "dry-erase board", "the part you write on")
    b.alias("frame", "border", "aluminium frame", "rim", "edge trim")
    b.alias("marker tray", "pen tray", "ledge", "the shelf for the markers")
    b.alias("marker", "markers", "pen", "dry-erase marker")
    return b.build("whiteboard", ground=True, variant=variant)


def make_ring_binder(rng: np.random.Generator) -> ProceduralObject:
    """Ring binder: "front cover", "back cover", "spine" with a "label holder", metal "ring"s on a "ring mechanism";
    open flat with "paper" on the rings, closed lying flat, or a lever-arch file standing on a shelf with arch rings,
    a "lever" and a "finger hole"."""
    variant = pick_variant(rng, ["open", "closed", "lever arch"])
    Hc, Wc, tc = rng.uniform(0.3, 0.32), rng.uniform(0.26, 0.29), rng.uniform(0.002, 0.003)
    Sw = rng.uniform(0.07, 0.082) if variant == "lever arch" else rng.uniform(0.03, 0.06)
    cover = pick(rng, BRIGHT + DARK + PALE)
    steel, clear = pick(rng, METAL), jitter(rng, CLEAR, 0.03)
    spine_c = jitter(rng, cover, 0.03)
    rt = 0.0018
    n_rings = 2 if rng.random() < 0.6 else 3
    ring_y = [-0.04, 0.04] if n_rings == 2 else [-0.108, 0.0, 0.108]
    b = PartMesh()
    if variant == "open":
        b.add("back cover", box((Wc, Hc, tc), (Sw / 2 + Wc / 2, 0.0, tc / 2)), cover)
        b.add("front cover", box((Wc, Hc, tc), (-Sw / 2 - Wc / 2, 0.0, tc / 2)), cover)
        b.add("spine", box((Sw, Hc, tc), (0.0, 0.0, tc / 2)), spine_c)
        b.add("label holder", box((Sw * 0.7, Hc * 0.35, 0.0008), (0.0, Hc * 0.2, -0.0004)), clear)
        ph, Rr = 0.004, Sw / 2 - 0.004
        b.add("ring mechanism", box((0.022, Hc * 0.75, ph), (0.0, 0.0, tc + ph / 2)), steel)
        for y in ring_y:
            b.add("ring", ring(Rr, rt, (0.0, y, tc + ph + Rr - 0.002), "y", 20), steel)
        pz = rng.uniform(0.004, min(0.02, Sw * 0.5))
        b.add("paper", box((0.21, 0.297, pz), (0.105 - 0.012, 0.0, tc + ph + pz / 2)), jitter(rng, WHITE, 0.02))
    elif variant == "closed":
        b.add("back cover", box((Wc, Hc, tc), (0.0, 0.0, tc / 2)), cover)
        b.add("front cover", box((Wc, Hc, tc), (0.0, 0.0, Sw - tc / 2)), cover)
        b.add("spine", box((tc, Hc, Sw), (-Wc / 2 - tc / 2, 0.0, Sw / 2)), spine_c)
        b.add("label holder", box((0.0008, Hc * 0.45, Sw * 0.7), (-Wc / 2 - tc - 0.0004, Hc * 0.15, Sw / 2)), clear)
        ph, Rr = 0.003, Sw / 2 - tc - 0.003
        b.add("ring mechanism", box((ph, Hc * 0.75, 0.022), (-Wc / 2 + ph / 2, 0.0, Sw / 2)), steel)
        for y in ring_y:
            b.add("ring", ring(Rr, rt, (-Wc / 2 + ph + Rr - 0.002, y, Sw / 2), "y", 20), steel)
    else:
        # Standing on a shelf, spine to the front (-y): covers are the x = +-Sw / 2 walls.
        for name, sx in (("back cover", 1), ("front cover", -1)):
            b.add(name, box((tc, Wc, Hc), (sx * (Sw / 2 - tc / 2), 0.0, Hc / 2)), cover)
        b.add("spine", box((Sw, tc, Hc), (0.0, -Wc / 2 - tc / 2, Hc / 2)), spine_c)
        b.add("label holder", box((Sw * 0.7, 0.0008, Hc * 0.38), (0.0, -Wc / 2 - tc - 0.0004, Hc * 0.68)), clear)
        b.add("finger hole", ring(0.012, 0.0025, (0.0, -Wc / 2 - tc, Hc * 0.25), "y", 20), jitter(rng, steel, 0.04))
        b.alias("finger hole", "thumb hole", "pull hole", "the ring you pull it out by")
        xp, ph = Sw / 2 - tc, 0.003
        b.add("ring mechanism", box((ph, 0.08, 0.16), (xp - ph / 2, -Wc / 2 + 0.055, Hc / 2)), steel)
        ra = rng.uniform(0.026, 0.032)
        for dz in (-0.04, 0.04):
            y0 = -Wc / 2 + 0.025
            path = arch(np.array([xp - ph, y0, Hc / 2 + dz]), np.array([xp - ph, y0 + 2 * ra, Hc / 2 + dz]),
                        np.array([-min(Sw - 2 * tc - 0.008, 1.6 * ra), 0.0, 0.0]), 14)
            b.add("ring", tube(path, 0.0028, 10), steel)
        b.add("lever", box((0.006, 0.014, 0.09), (xp - ph - 0.003, -Wc / 2 + 0.058, Hc / 2 + 0.02)), steel)
        b.add("lever", box((0.012, 0.016, 0.012), (xp - ph - 0.009, -Wc / 2 + 0.058, Hc / 2 + 0.065)), steel)
        b.alias("lever", "lever arm", "clamp lever", "the part you flip to open the rings")
    b.group("cover", "front cover", "back cover", "spine").alias("cover", "covers", "outer case", "binder case")
    b.group("binding", "ring", "ring mechanism", "lever").alias("binding", "metal mechanism", "ring binding")
    b.alias("front cover", "front", "top cover", "front board")
    b.alias("back cover", "back", "rear cover", "back board")
    b.alias("spine", "back edge", "binder spine", "the narrow side")
    b.alias("label holder", "label pocket", "spine label", "name slot", "the clear window for the label")
    b.alias("ring", "rings", "binder rings", "metal hoops", "arch rings")
    b.alias("ring mechanism", "ring plate", "metal plate", "ring base")
    b.alias("paper", "sheets", "pages", "documents", "stack of paper")
    return b.build("ring binder", ground=True, variant=variant)


def _ticks(length: float, start: float, step_m: float, width_at: float, z: float, long_every: int = 10,
           half: bool = True) -> list[o3d.geometry.TriangleMesh]:
    """Scale tick marks along x from `start` over `length`: thin strips from the edge at y = width_at inwards
    (negative width_at: the front edge), on top of a surface at height z."""
    sign = 1.0 if width_at < 0 else -1.0
    n = int(np.floor(length / step_m + 1e-9))
    out = []
    for i in range(n + 1):
        if i % long_every == 0:
            tl = 0.009
        elif i % (long_every // 2) == 0:
            tl = 0.0065
        else:
            tl = 0.0045
        out.append(box((0.0004, tl, 0.0002), (start + i * step_m, width_at + sign * tl / 2, z + 0.0001)))
        if half and i < n:
            x = start + (i + 0.5) * step_m
            out.append(box((0.0003, 0.0025, 0.0002), (x, width_at + sign * 0.00125, z + 0.0001)))
    return out


def make_ruler(rng: np.random.Generator) -> ProceduralObject:
    """Ruler lying flat: a "blade" with "markings" (thin tick strips of the scale), a metal or bevelled "edge" and a
    "hanging hole"; a set square is a hollow triangle, a folding rule a zigzag of segments joined by "hinge"s
    with metal "end cap"s."""
    variant = pick_variant(rng, ["straight", "triangle set square", "folding"])
    b = PartMesh()
    ink = pick(rng, [(0.05, 0.05, 0.05), (0.1, 0.1, 0.12), (0.6, 0.1, 0.08)])
    if variant == "straight":
        Lr = (0.15, 0.2, 0.3, 0.3, 0.5, 1.0)[int(rng.integers(6))]
        wr, tr = rng.uniform(0.025, 0.04), rng.uniform(0.0015, 0.003)
        mat = pick(rng, WOOD + [CLEAR, (0.92, 0.9, 0.6)] + METAL)
        b.add("blade", box((Lr, wr, tr), (0.0, 0.0, tr / 2)), mat)
        m, m_end = 0.005, wr * 0.9
        scale = Lr - m - m_end
        cm = 0.01
        for tk in _ticks(scale, -Lr / 2 + m, cm, -wr / 2, tr, 10, Lr <= 0.3):
            b.add("markings", tk, ink)
        inch = 0.0254 / (2 if Lr <= 0.3 else 1)
        for tk in _ticks(scale, -Lr / 2 + m, inch, wr / 2, tr, 8 if Lr <= 0.3 else 12, False):
            b.add("markings", tk, ink)
        b.add("edge", box((Lr, 0.0008, tr * 0.8), (0.0, -wr / 2 - 0.0004, tr / 2)), pick(rng, METAL))
        hx = Lr / 2 - m_end / 2
        b.add("hanging hole", _at(_annulus(0.003, 0.0042, tr + 0.0004), (hx, 0.0, tr / 2)), jitter(rng, mat, 0.1))
        b.add("hanging hole", _at(cylinder(0.003, 0.0002, tr, 12), (hx, 0.0, 0.0)), (0.08, 0.08, 0.08))
    elif variant == "triangle set square":
        a = rng.uniform(0.15, 0.25)
        bb = a * (1.0 if rng.random() < 0.5 else float(np.tan(np.pi / 6)) * 1.0)
        bb = max(bb, 0.09)
        tr = rng.uniform(0.0015, 0.0025)
        mat = pick(rng, [CLEAR, (0.75, 0.85, 0.9), (0.9, 0.85, 0.6), (0.85, 0.6, 0.55)])
        outer = np.array([(0.0, 0.0), (a, 0.0), (0.0, bb)])
        hyp = float(np.hypot(a, bb))
        r_in = (a + bb - hyp) / 2
        inc = np.array([r_in, r_in])
        d = r_in * rng.uniform(0.45, 0.6)
        inner = inc + (outer - inc) * (r_in - d) / r_in
        c = outer.mean(axis=0)
        for i in range(3):
            j = (i + 1) % 3
            quad = np.array([outer[i], outer[j], inner[j], inner[i]]) - c
            b.add("blade", extrude(quad, tr), mat)
        for tk in _ticks(a * 0.62, -c[0] + 0.004, 0.01, -c[1], tr, 10):
            b.add("markings", tk, ink)
        for tk in _ticks(bb * 0.62, -c[1] + 0.004, 0.01, c[0], tr, 10):
            b.add("markings", transform(tk, (0.0, 0.0, np.pi / 2)), ink)
        p0, p1 = outer[1] - c, outer[2] - c
        nrm = np.array([bb, a]) / hyp
        q0, q1 = p0 - nrm * 0.002, p1 - nrm * 0.002
        b.add("edge", _strip((q0[0], q0[1]), (q1[0], q1[1]), 0.004, 0.0004, tr), jitter(rng, mat, 0.08))
        hx, hy = a * 0.68 - c[0], d * 0.55 - c[1]
        b.add("hanging hole", _at(_annulus(0.003, 0.0042, tr + 0.0004), (hx, hy, tr / 2)), jitter(rng, mat, 0.1))
        b.add("hanging hole", _at(cylinder(0.003, 0.0002, tr, 12), (hx, hy, 0.0)), (0.08, 0.08, 0.08))
        b.alias("edge", "hypotenuse", "bevelled edge")
    else:
        n = int(rng.integers(4, 8))
        ls, w, th = 0.2, rng.uniform(0.015, 0.018), 0.0035
        beta = rng.uniform(0.15, 0.9)
        mat = pick(rng, [(0.95, 0.8, 0.15), (0.93, 0.92, 0.88)] + WOOD[:2])
        pts = [np.zeros(2)]
        angs = []
        for i in range(n):
            ang = beta if i % 2 == 0 else -beta
            angs.append(ang)
            pts.append(pts[-1] + ls * np.array([np.cos(ang), np.sin(ang)]))
        shift = np.mean(pts, axis=0)
        pts = [p - shift for p in pts]
        for i in range(n):
            mid = (pts[i] + pts[i + 1]) / 2
            zl = (i % 2) * th
            seg = rounded_slab(ls + w, w, th, w / 2 - 1e-4, (0.0, 0.0, zl + th / 2))
            b.add("blade", transform(seg, (0.0, 0.0, angs[i]), (mid[0], mid[1], 0.0)), mat)
            for tk in _ticks(ls - 0.01, -ls / 2 + 0.005, 0.01, -w / 2, zl + th, 10, False):
                b.add("markings", transform(tk, (0.0, 0.0, angs[i]), (mid[0], mid[1], 0.0)), ink)
        for p in pts[1:-1]:
            b.add("hinge", _at(cylinder(w * 0.22, 2 * th + 0.0006, -0.0003, 12), (p[0], p[1], 0.0)), pick(rng, METAL))
        for i, p in ((0, pts[0]), (n - 1, pts[-1])):
            cap = box((0.004, w + 0.0006, th + 0.0006), (0.0, 0.0, (i % 2) * th + th / 2))
            dirn = 1 if i == n - 1 else -1
            off = np.array([np.cos(angs[i]), np.sin(angs[i])]) * dirn * (w / 2 - 0.001)
            b.add("end cap", transform(cap, (0.0, 0.0, angs[i]), (p[0] + off[0], p[1] + off[1], 0.0)), pick(rng, METAL))
        b.alias("hinge", "hinges", "joint", "rivet", "pivot")
        b.alias("end cap", "metal tip", "end", "brass cap")
    b.group("ruler body", "blade", "edge").alias("ruler body", "body", "the flat part")
    b.alias("blade", "ruler blade", "stick", "segments", "straightedge body")
    b.alias("markings", "scale", "tick marks", "graduations", "measurement lines")
    b.alias("edge", "straight edge", "measuring edge", "the side you draw along")
    b.alias("hanging hole", "hole", "hang hole", "eyelet")
    return b.build("ruler", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "hole punch": [make_hole_punch],
    "tape dispenser": [make_tape_dispenser],
    "calculator": [make_calculator],
    "whiteboard": [make_whiteboard],
    "ring binder": [make_ring_binder],
    "ruler": [make_ruler],
}
