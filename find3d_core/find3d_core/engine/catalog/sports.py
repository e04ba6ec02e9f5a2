"""Sports and fitness: rackets, baseball bats, dumbbells, kettlebells, golf clubs, archery bows.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 at real size; long gear (rackets, bats, clubs, bows) lies flat along x, dumbbells rest on their weights
(primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import along_x, rod, side_slab
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


def _lathe_x(b: PartMesh, profile: list[tuple[float, float]], labels: list[str], colors: dict[str, Color],
             x0: float, sides: int = 20) -> None:
    """Revolve a (radius, t) profile, t along the axis, laid along +x from x = x0 on the x axis; each run of
    segments with the same label becomes a piece of that part."""
    prof = np.asarray(profile, dtype=np.float64)
    start = 0
    for s in range(1, len(labels) + 1):
        if s == len(labels) or labels[s] != labels[start]:
            name = labels[start]
            b.add(name, along_x(revolve(prof[start : s + 1], sides), (x0, 0.0, 0.0)), colors[name])
            start = s


def _cone(p0: np.ndarray, p1: np.ndarray, r0: float, r1: float, sides: int = 12) -> o3d.geometry.TriangleMesh:
    """A closed truncated cone from p0 (radius r0) to p1 (radius r1)."""
    p0, p1 = np.asarray(p0, dtype=np.float64), np.asarray(p1, dtype=np.float64)
    d = p1 - p0
    length = float(np.linalg.norm(d))
    m = cylinder(r0, length, 0.0, sides, radius_top=r1)
    axis = np.cross([0.0, 0.0, 1.0], d / length)
    s = np.linalg.norm(axis)
    if s > 1e-9:
        angle = np.arctan2(s, d[2] / length)
        m.rotate(o3d.geometry.get_rotation_matrix_from_axis_angle(axis / s * angle), center=(0, 0, 0))
    elif d[2] < 0:
        m.rotate(o3d.geometry.get_rotation_matrix_from_xyz((np.pi, 0.0, 0.0)), center=(0, 0, 0))
    m.translate(p0)
    return m


def _ribbon(path: np.ndarray, width: np.ndarray | float, thick: np.ndarray | float) -> o3d.geometry.TriangleMesh:
    """A flat strip of rectangular section swept along a (K, 3) path in a plane z = const: `thick` across the path
    within that plane, `width` along z (bow limbs and risers)."""
    path = np.asarray(path, dtype=np.float64)
    k = len(path)
    w = np.broadcast_to(np.asarray(width, dtype=np.float64), (k,))[:, None]
    t = np.broadcast_to(np.asarray(thick, dtype=np.float64), (k,))[:, None]
    tang = np.gradient(path, axis=0)
    tang /= np.linalg.norm(tang, axis=1, keepdims=True) + 1e-12
    n = np.column_stack([-tang[:, 1], tang[:, 0], np.zeros(k)])
    z = np.array([0.0, 0.0, 1.0])
    corners = [path + n * t / 2 + z * w / 2, path - n * t / 2 + z * w / 2,
               path - n * t / 2 - z * w / 2, path + n * t / 2 - z * w / 2]
    verts = np.stack(corners, axis=1).reshape(-1, 3)
    i, j = np.meshgrid(np.arange(k - 1), np.arange(4), indexing="ij")
    a, b_ = i * 4 + j, i * 4 + (j + 1) % 4
    c, d = (i + 1) * 4 + (j + 1) % 4, (i + 1) * 4 + j
    last = (k - 1) * 4
    tris = np.concatenate([np.stack([a, b_, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3),
                           [[0, 2, 1], [0, 3, 2], [last, last + 1, last + 2], [last, last + 2, last + 3]]])
    return o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(verts),
                                     o3d.utility.Vector3iVector(tris.astype(np.int32)))


def make_tennis_racket(rng: np.random.Generator) -> ProceduralObject:
    """Racket lying flat along x, head at +x: "frame" (the hoop) and "strings" (group "head"), "throat", "handle"
    (the wrapped grip), "butt cap"; a badminton racket's long thin "shaft" runs from the handle to its T-joint."""
    variant = pick_variant(rng, ["tennis racket", "squash racket", "badminton racket"])
    if variant == "tennis racket":
        L, a, hw = rng.uniform(0.66, 0.7), rng.uniform(0.155, 0.17), rng.uniform(0.12, 0.13)
        fr = rng.uniform(0.009, 0.012)
        hl, hr, n_main, n_cross, sr = rng.uniform(0.18, 0.2), rng.uniform(0.0135, 0.015), 16, 19, 0.0009
    elif variant == "squash racket":
        L, a, hw = rng.uniform(0.67, 0.69), rng.uniform(0.105, 0.115), rng.uniform(0.088, 0.095)
        fr = rng.uniform(0.007, 0.009)
        hl, hr, n_main, n_cross, sr = rng.uniform(0.19, 0.21), rng.uniform(0.012, 0.013), 14, 18, 0.0007
    else:
        L, a, hw = rng.uniform(0.66, 0.675), rng.uniform(0.115, 0.125), rng.uniform(0.095, 0.1)
        fr = rng.uniform(0.004, 0.005)
        hl, hr, n_main, n_cross, sr = rng.uniform(0.19, 0.21), rng.uniform(0.012, 0.013), 20, 22, 0.0004
    frame_c = pick(rng, BRIGHT + DARK + METAL)
    string_c = pick(rng, PALE + [(0.9, 0.9, 0.4), (0.95, 0.95, 0.95)])
    grip_c = pick(rng, DARK + PALE + BRIGHT)
    b = PartMesh()
    x0 = -L / 2
    cap = 0.008
    b.add("butt cap", along_x(cylinder(hr * 1.15, cap, 0.0, 8), (x0, 0, 0)), DARK[0])
    b.add("handle", along_x(cylinder(hr, hl - cap, 0.0, 8), (x0 + cap, 0, 0)), grip_c)
    xc = L / 2 - a - fr
    t = np.linspace(0, 2 * np.pi, 41)
    hoop = np.column_stack([xc + a * np.cos(t), hw * np.sin(t), np.zeros_like(t)])
    b.add("frame", tube(hoop, fr, 8), frame_c)
    # Strings: mains along x, crosses along y, each ending on the frame's centre line.
    for y in np.linspace(-hw * 0.85, hw * 0.85, n_main):
        half = a * np.sqrt(1 - (y / hw) ** 2)
        b.add("strings", rod((xc - half, y, 0), (xc + half, y, 0), sr, 4), string_c)
    for x in np.linspace(xc - a * 0.85, xc + a * 0.85, n_cross):
        half = hw * np.sqrt(1 - ((x - xc) / a) ** 2)
        b.add("strings", rod((x, -half, 0), (x, half, 0), sr, 4), string_c)
    xh = x0 + hl
    head_bottom = xc - a
    if variant == "badminton racket":
        xt = head_bottom - rng.uniform(0.02, 0.03)
        b.add("shaft", along_x(cylinder(0.0035, xt - xh + 0.01, 0.0, 10), (xh - 0.01, 0, 0)), pick(rng, METAL + DARK))
        b.add("throat", along_x(cylinder(0.0065, head_bottom - xt + fr, 0.0, 10, 0.0045), (xt, 0, 0)), frame_c)
        b.alias("shaft", "stick", "thin rod", "the long thin part").alias("throat", "T-joint", "neck", "joint")
    else:
        phi = rng.uniform(0.5, 0.65)
        for s in (-1, 1):
            end = (xc - a * np.cos(phi), s * hw * np.sin(phi), 0.0)
            path = np.array([(xh - 0.01, s * hr * 0.4, 0.0), (xh + 0.04, s * hr * 0.9, 0.0), end])
            b.add("throat", tube(path, fr * 0.95, 8), jitter(rng, frame_c, 0.03))
        b.alias("throat", "neck", "heart", "the open triangle above the handle")
    b.group("head", "frame", "strings").alias("head", "racket head", "hitting area")
    b.alias("frame", "hoop", "rim", "head frame").alias("strings", "string bed", "net", "the strung face")
    b.alias("handle", "grip", "the part you hold", "grip tape")
    b.alias("butt cap", "end cap", "butt", "the end of the handle")
    return b.build("tennis racket", ground=True, variant=variant)


def make_baseball_bat(rng: np.random.Generator) -> ProceduralObject:
    """Bat lying flat along x, barrel at +x: "knob", thin "handle", "taper" (the flared transition), thick "barrel";
    metal and softball bats have a taped "grip" and an "end cap"."""
    variant = pick_variant(rng, ["wooden baseball bat", "metal baseball bat", "softball bat"])
    L = {"wooden baseball bat": rng.uniform(0.81, 0.86), "metal baseball bat": rng.uniform(0.74, 0.84),
         "softball bat": rng.uniform(0.78, 0.86)}[variant]
    rb = rng.uniform(0.028, 0.0295) if variant == "softball bat" else rng.uniform(0.031, 0.034)
    rh, rk = rng.uniform(0.0105, 0.0125), rng.uniform(0.021, 0.025)
    wood = variant == "wooden baseball bat"
    th = L * (0.4 if wood else 0.34)
    tt = L * (0.66 if wood else 0.55)
    pts = [(0.0, 0.0), (rk * 0.85, 0.0), (rk, 0.005), (rk * 0.85, 0.012), (rh * 1.15, 0.02)]
    labels = ["knob"] * 4
    if not wood:
        tg = L * rng.uniform(0.26, 0.3)
        pts += [(rh + 0.0025, 0.022), (rh + 0.0025, tg), (rh * 1.03, tg + 0.002)]
        labels += ["grip"] * 3
    pts += [(rh * 1.05, th)]
    labels += ["handle"]
    pts += [(rh * 1.3, th + (tt - th) * 0.35), (rb * 0.78, th + (tt - th) * 0.75), (rb, tt)]
    labels += ["taper"] * 3
    if wood:
        pts += [(rb, L - 0.015), (rb * 0.9, L - 0.004), (rb * 0.6, L), (0.0, L)]
        labels += ["barrel"] * 4
    else:
        pts += [(rb, L - 0.004), (rb * 0.95, L - 0.002), (rb * 0.85, L), (0.0, L)]
        labels += ["barrel", "end cap", "end cap", "end cap"]
    body = pick(rng, WOOD + [(0.12, 0.1, 0.09), (0.85, 0.78, 0.6)]) if wood else pick(rng, METAL + BRIGHT + DARK)
    colors = {"knob": jitter(rng, body, 0.03), "handle": jitter(rng, body, 0.03), "taper": jitter(rng, body, 0.03),
              "barrel": body, "grip": pick(rng, DARK + BRIGHT), "end cap": pick(rng, DARK)}
    b = PartMesh()
    _lathe_x(b, pts, labels, colors, -L / 2, 20)
    b.group("bat handle", "knob", "handle", "grip").alias("bat handle", "handle end", "the thin end")
    b.alias("knob", "knob end", "pommel", "the round stop at the bottom")
    b.alias("handle", "shaft", "the thin part", "neck")
    b.alias("taper", "transition", "flare", "the widening part")
    b.alias("barrel", "hitting area", "sweet spot", "the thick end")
    b.alias("grip", "grip tape", "the part you hold", "wrap").alias("end cap", "cap", "barrel end", "the end plug")
    return b.build("baseball bat", ground=True, variant=variant)


def make_dumbbell(rng: np.random.Generator) -> ProceduralObject:
    """Dumbbell lying with its bar along x: plate-loaded ("handle" and bar "sleeve"s (group "bar"), "weight plate"s,
    "collar"s), hex ("handle", rubber hexagonal "head"s with "end cap"s), round ("handle", "collar"s, round "head"s)."""
    variant = pick_variant(rng, ["plate-loaded dumbbell", "hex dumbbell", "round dumbbell"])
    b = PartMesh()
    steel = pick(rng, METAL)
    hl = rng.uniform(0.12, 0.14)
    if variant == "plate-loaded dumbbell":
        br = rng.uniform(0.0125, 0.0145)
        n = int(rng.integers(1, 4))
        r0 = rng.uniform(0.07, 0.11)
        plate_c = pick(rng, DARK + BRIGHT)
        plates = [(r0 * (1 - 0.2 * k), rng.uniform(0.018, 0.028)) for k in range(n)]
        stack = 0.01 + sum(p[1] for p in plates) + 0.025
        ls = stack + rng.uniform(0.005, 0.025)
        b.add("handle", along_x(cylinder(br, hl, -hl / 2, 16), (0, 0, 0)), steel)
        for s in (-1, 1):
            x_in = s * hl / 2
            sleeve = cylinder(br * 1.1, ls, 0.0 if s > 0 else -ls, 16)
            b.add("sleeve", along_x(sleeve, (x_in, 0, 0)), jitter(rng, steel, 0.03))
            stop = cylinder(br * 1.8, 0.01, 0.0 if s > 0 else -0.01, 16)
            b.add("collar", along_x(stop, (x_in, 0, 0)), jitter(rng, steel, 0.03))
            x = hl / 2 + 0.01
            for r, w in plates:
                b.add("weight plate", along_x(cylinder(r, w, 0.0 if s > 0 else -w, 24), (s * x, 0, 0)), plate_c)
                x += w
            nut = cylinder(br * 2.2, 0.025, 0.0 if s > 0 else -0.025, 12)
            b.add("collar", along_x(nut, (s * x, 0, 0)), jitter(rng, steel, 0.03))
        b.group("bar", "handle", "sleeve").alias("bar", "dumbbell bar", "steel bar")
        b.alias("sleeve", "sleeves", "bar end", "threaded end").alias("weight plate", "plates", "weights", "discs")
        b.alias("collar", "collars", "spin-lock nut", "clamp")
    else:
        hr = rng.uniform(0.015, 0.017)
        R = rng.uniform(0.045, 0.075)
        lh = rng.uniform(0.05, 0.09) * R / 0.06
        b.add("handle", along_x(cylinder(hr, hl + 0.02, -hl / 2 - 0.01, 16), (0, 0, 0)), steel)
        head_c = pick(rng, DARK) if variant == "hex dumbbell" or rng.random() < 0.5 else pick(rng, BRIGHT + METAL)
        for s in (-1, 1):
            if variant == "hex dumbbell":
                head = transform(cylinder(R, lh, 0.0 if s > 0 else -lh, 6), (0, 0, np.pi / 6))
                b.add("head", along_x(head, (s * hl / 2, 0, 0)), head_c)
                cap = transform(cylinder(R * 0.72, 0.003, 0.0 if s > 0 else -0.003, 6), (0, 0, np.pi / 6))
                b.add("end cap", along_x(cap, (s * (hl / 2 + lh), 0, 0)), pick(rng, METAL))
            else:
                c = min(0.008, lh * 0.2)
                prof = np.array([(0, 0), (R - c, 0), (R, c), (R, lh - c), (R - c, lh), (0, lh)])
                if s < 0:
                    prof = np.array([(r, -z) for r, z in prof[::-1]])
                b.add("head", along_x(revolve(prof, 24), (s * (hl / 2 + 0.012), 0, 0)), head_c)
                b.add("collar", along_x(cylinder(hr * 1.5, 0.012, 0.0 if s > 0 else -0.012, 16), (s * hl / 2, 0, 0)),
                      jitter(rng, steel, 0.03))
        b.alias("head", "heads", "weight", "the heavy end")
        if variant == "hex dumbbell":
            b.group("weights", "head", "end cap").alias("weights", "weight ends", "the heavy ends")
            b.alias("end cap", "end plate", "face plate", "the flat end with the number")
        else:
            b.alias("collar", "collars", "chrome ring", "neck")
    b.alias("handle", "grip", "the part you hold", "knurled handle")
    return b.build("dumbbell", ground=True, variant=variant)


def make_kettlebell(rng: np.random.Generator) -> ProceduralObject:
    """Kettlebell standing on its flat "base": round "body" (the bell), a "handle" bar on two "horn"s (the sides of
    the handle window); a face kettlebell has a moulded "face" with "eye"s and a "mouth" on the front."""
    variant = pick_variant(rng, ["classic kettlebell", "competition kettlebell", "face kettlebell"])
    comp = variant == "competition kettlebell"
    R = rng.uniform(0.104, 0.107) if comp else rng.uniform(0.08, 0.12)
    Rz = R * (rng.uniform(1.02, 1.08) if comp else rng.uniform(0.95, 1.0))
    zc = Rz * rng.uniform(0.86, 0.92)
    rb = R * np.sqrt(1 - (zc / Rz) ** 2)
    iron = pick(rng, BRIGHT) if comp else pick(rng, DARK + [(0.3, 0.3, 0.32)])
    b = PartMesh()
    t0 = -np.arcsin(zc / Rz)
    ts = np.linspace(t0, np.pi / 2, 14)
    body = [(0.0, 0.0)] + [(R * np.cos(a), zc + Rz * np.sin(a)) for a in ts]
    body[1], body[-1] = (rb, 0.0), (0.0, zc + Rz)
    b.add("base", revolve(np.array(body[:2]), 24), jitter(rng, iron, 0.04))
    b.add("body", revolve(np.array(body[1:]), 24), iron)
    hr = rng.uniform(0.0165, 0.0175) if comp else rng.uniform(0.016, 0.02) * R / 0.1
    hw = R * rng.uniform(0.55, 0.65)
    zs = zc + Rz * np.sqrt(1 - (hw / R) ** 2) - 0.012
    zt = zc + Rz + rng.uniform(0.07, 0.1) * (R / 0.1 if not comp else 1.0)
    p = 0.45 if comp else 0.8
    u = np.linspace(np.pi, 0, 21)
    cu, su = np.cos(u), np.sin(u)
    path = np.column_stack([hw * np.sign(cu) * np.abs(cu) ** p, np.zeros_like(u), zs + (zt - zs) * su ** p])
    handle_c = jitter(rng, iron, 0.03) if comp or rng.random() < 0.7 else pick(rng, METAL)
    b.add("horn", tube(path[:6], hr, 12), handle_c)
    b.add("handle", tube(path[5:16], hr, 12), handle_c)
    b.add("horn", tube(path[15:], hr, 12), handle_c)
    if variant == "face kettlebell":
        fy = -R * 0.93
        b.add("face", ellipsoid((R * 0.55, R * 0.14, R * 0.5), (0, fy, zc), 14), jitter(rng, iron, 0.05))
        for s in (-1, 1):
            b.add("eye", ellipsoid((R * 0.08, R * 0.05, R * 0.06), (s * R * 0.2, fy - R * 0.11, zc + R * 0.15), 8),
                  pick(rng, [(0.85, 0.1, 0.1), (0.9, 0.9, 0.9), (0.95, 0.8, 0.2)]))
        b.add("mouth", ellipsoid((R * 0.22, R * 0.05, R * 0.06), (0, fy - R * 0.1, zc - R * 0.22), 10), DARK[0])
        b.group("facial features", "eye", "mouth").alias("facial features", "features", "face details")
        b.alias("face", "mask", "animal face", "the moulded front").alias("eye", "eyes", "eye sockets")
        b.alias("mouth", "teeth", "jaw", "snarl")
    b.group("handle and horns", "handle", "horn").alias("handle and horns", "full handle", "grip loop")
    b.alias("body", "bell", "ball", "the round weight").alias("base", "flat bottom", "foot", "the part it stands on")
    b.alias("handle", "grip", "the part you hold", "top bar").alias("horn", "horns", "handle sides", "side posts")
    return b.build("kettlebell", ground=True, variant=variant)


def make_golf_club(rng: np.random.Generator) -> ProceduralObject:
    """Golf club lying on its back along x, head at +x: "club head" with its striking "face" (group "head"),
    "hosel" (the neck the shaft goes into), long tapered "shaft", rubber "grip"; driver, iron or putter."""
    variant = pick_variant(rng, ["driver", "iron", "putter"])
    lie_deg = {"driver": rng.uniform(56, 60), "iron": rng.uniform(60, 64), "putter": rng.uniform(69, 72)}[variant]
    lie = np.radians(lie_deg)
    Lc = {"driver": rng.uniform(1.1, 1.17), "iron": rng.uniform(0.92, 0.98), "putter": rng.uniform(0.84, 0.9)}[variant]
    d = np.array([-np.cos(lie), 0.0, np.sin(lie)])
    head_c = pick(rng, METAL + DARK)
    face_c = jitter(rng, METAL[0] if variant != "driver" else pick(rng, DARK + METAL), 0.04)
    b = PartMesh()
    pieces: list[tuple[str, o3d.geometry.TriangleMesh, Color]] = []
    # Built in playing pose (x toe, -y target, z up), then laid down.
    if variant == "driver":
        hx, hy, hz = rng.uniform(0.055, 0.062), rng.uniform(0.05, 0.058), rng.uniform(0.028, 0.033)
        pieces.append(("club head", ellipsoid((hx, hy, hz), (hx, hy, hz), 14), head_c))
        pieces.append(("face", ellipsoid((hx * 0.75, 0.004, hz * 0.7), (hx, 0.003, hz), 10), face_c))
        h0, h_len, h_r = np.array([hx * 0.35, hy * 0.6, hz * 1.5]), 0.045, 0.0075
    elif variant == "iron":
        s = rng.uniform(0.9, 1.1)
        outline = np.array([(0.0, 0.006), (0.02, 0.0), (0.07, 0.0), (0.078, 0.012), (0.078, 0.032), (0.07, 0.045),
                            (0.055, 0.048), (0.01, 0.025)]) * s
        w = rng.uniform(0.016, 0.022)
        pieces.append(("club head", side_slab(outline, w, w / 2), head_c))
        inner = (outline - outline.mean(0)) * 0.8 + outline.mean(0)
        pieces.append(("face", side_slab(inner, 0.0012, 0.0004), face_c))
        h0, h_len, h_r = np.array([0.006 * s, w / 2, 0.018 * s]), 0.07, 0.0085
    else:
        if rng.random() < 0.5:  # blade putter
            hl_, hd_, hh_ = rng.uniform(0.095, 0.11), rng.uniform(0.02, 0.03), rng.uniform(0.02, 0.026)
            pieces.append(("club head", box((hl_, hd_, hh_), (hl_ / 2, hd_ / 2, hh_ / 2)), head_c))
        else:  # mallet putter: a half-disc seen from above
            hl_, hd_, hh_ = rng.uniform(0.09, 0.105), rng.uniform(0.06, 0.08), rng.uniform(0.022, 0.028)
            a = np.linspace(0, np.pi, 13)
            outline = np.column_stack([hl_ / 2 - hl_ / 2 * np.cos(a), hd_ * np.sin(a)])
            outline = np.vstack([outline, [(hl_ / 2, 0.0)]])
            pieces.append(("club head", extrude(outline, hh_), head_c))
        pieces.append(("face", box((hl_ * 0.8, 0.0015, hh_ * 0.7), (hl_ / 2, 0.0003, hh_ / 2)), face_c))
        h0, h_len, h_r = np.array([hl_ * 0.2, 0.01, hh_ - 0.003]), rng.uniform(0.04, 0.07), 0.006
    h1 = h0 + d * h_len
    pieces.append(("hosel", _cone(h0, h1, h_r, h_r * 0.8, 12), jitter(rng, head_c, 0.03)))
    grip_len = rng.uniform(0.25, 0.28)
    ls = Lc - h_len
    pieces.append(("shaft", _cone(h1 - d * 0.01, h1 + d * (ls - grip_len + 0.005), 0.0045, 0.0075, 10),
                   pick(rng, METAL + DARK)))
    pieces.append(("grip", _cone(h1 + d * (ls - grip_len), h1 + d * ls, 0.0095, 0.012, 12), pick(rng, DARK + BRIGHT)))
    mid = h1 + d * (ls / 2)
    for name, m, c in pieces:
        m.translate(-mid)
        transform(m, (0.0, -lie, 0.0))
        b.add(name, transform(m, (-np.pi / 2, 0.0, 0.0)), c)
    b.group("head", "club head", "face").alias("head", "clubhead", "the end that hits the ball")
    b.alias("club head", "head body", "back of the head", "sole")
    b.alias("face", "club face", "striking face", "hitting surface")
    b.alias("hosel", "neck", "socket", "ferrule").alias("shaft", "club shaft", "the long thin rod", "stick")
    b.alias("grip", "handle", "the part you hold", "rubber grip")
    return b.build("golf club", ground=True, variant=variant)


def _limb(start: np.ndarray, length: float, theta: np.ndarray) -> np.ndarray:
    """(K, 3) centre line of an upper bow limb from `start`, heading along +x and turning by angle `theta` (towards
    +y, the string side) per point."""
    ds = length / (len(theta) - 1)
    steps = np.column_stack([np.cos(theta), np.sin(theta), np.zeros_like(theta)]) * ds
    return start + np.vstack([np.zeros(3), np.cumsum(steps[:-1], axis=0)])


def make_archery_bow(rng: np.random.Generator) -> ProceduralObject:
    """Bow lying flat, strung, upper limb at +x, string towards +y: "riser" (the middle section) with the "grip" and
    "arrow rest", "upper limb" and "lower limb" (group "limbs"), "bowstring"; a compound bow has "cam"s at the limb
    tips and "cable"s."""
    variant = pick_variant(rng, ["recurve bow", "longbow", "compound bow"])
    b = PartMesh()
    s = np.linspace(0.0, 1.0, 16)
    if variant == "recurve bow":
        half, rt, rw = rng.uniform(0.3, 0.33), rng.uniform(0.035, 0.045), rng.uniform(0.028, 0.034)
        limb_len, t0 = rng.uniform(0.52, 0.58), rng.uniform(0.22, 0.3)
        theta = np.where(s < 0.72, t0 + 0.6 * s, t0 + 0.6 * 0.72 - 2.8 * (s - 0.72))
        lw, lt = np.linspace(0.04, 0.014, 16), np.linspace(0.011, 0.006, 16)
        riser_c, limb_c = pick(rng, METAL + DARK + WOOD), pick(rng, DARK + WOOD)
    elif variant == "longbow":
        half, rt, rw = rng.uniform(0.1, 0.13), rng.uniform(0.032, 0.038), rng.uniform(0.026, 0.03)
        limb_len, t0 = rng.uniform(0.72, 0.8), rng.uniform(0.03, 0.07)
        theta = t0 + rng.uniform(0.3, 0.4) * s ** 1.3
        lw, lt = np.linspace(rw, 0.012, 16), np.linspace(rt * 0.8, 0.012, 16)
        riser_c = pick(rng, WOOD)
        limb_c = jitter(rng, riser_c, 0.03)
    else:
        half, rt, rw = rng.uniform(0.2, 0.24), rng.uniform(0.035, 0.045), rng.uniform(0.03, 0.036)
        limb_len, t0 = rng.uniform(0.24, 0.29), rng.uniform(0.55, 0.7)
        theta = t0 + 0.15 * s
        lw, lt = np.full(16, 0.014), np.linspace(0.016, 0.01, 16)
        riser_c, limb_c = pick(rng, DARK + METAL + [(0.35, 0.33, 0.2)]), pick(rng, DARK)
    xr = np.linspace(-half, half, 9)
    riser_t = rt * (1 - 0.35 * (xr / half) ** 2)
    b.add("riser", _ribbon(np.column_stack([xr, np.zeros(9), np.zeros(9)]), rw, riser_t), riser_c)
    g0, g1 = -rng.uniform(0.06, 0.08), rng.uniform(0.02, 0.04)
    xg = np.linspace(g0, g1, 6)
    grip_c = pick(rng, DARK + WOOD)
    if variant == "longbow":
        b.add("grip", _ribbon(np.column_stack([xg, np.zeros(6), np.zeros(6)]), rw + 0.004, rt * 0.95 + 0.004), grip_c)
    else:
        gt = rt * 0.7
        grip_path = np.column_stack([xg, np.full(6, rt / 2 + gt / 2 - 0.006), np.zeros(6)])
        b.add("grip", _ribbon(grip_path, rw * 0.95, gt), grip_c)
    b.add("arrow rest", box((0.014, 0.016, 0.012), (g1 + 0.02, rt * 0.2, rw / 2 + 0.006)), pick(rng, DARK + BRIGHT))
    upper = _limb(np.array([half - 0.012, 0.0, 0.0]), limb_len, theta)
    lower = upper * np.array([-1.0, 1.0, 1.0])
    if variant == "compound bow":
        cr, ct = rng.uniform(0.035, 0.045), 0.012
        for p in (upper, lower):
            for side in (-1, 1):
                prong = _ribbon(p + [0, 0, side * (ct / 2 + 0.007)], 0.014, lt)
                b.add("upper limb" if p is upper else "lower limb", prong, limb_c)
            b.add("cam", transform(cylinder(cr, ct, -ct / 2, 20), translation=tuple(p[-1])), pick(rng, METAL + DARK))
        tip = upper[-1]
        b.add("bowstring", rod((tip[0], tip[1] + cr, 0), (-tip[0], tip[1] + cr, 0), 0.0015, 6), DARK[0])
        for side in (-1, 1):
            p0, p1 = (side * tip[0], tip[1] - cr * 0.5, side * 0.003), (-side * tip[0], tip[1] + cr * 0.2, side * 0.003)
            b.add("cable", rod(p0, p1, 0.0013, 6), DARK[1])
        b.alias("cam", "cams", "wheels", "pulleys").alias("cable", "cables", "buss cable", "control cable")
    else:
        b.add("upper limb", _ribbon(upper, lw, lt), limb_c)
        b.add("lower limb", _ribbon(lower, lw, lt), limb_c)
        k = int(np.argmax(upper[:, 1]))
        if k < len(upper) - 2:
            c_up = upper[k] + [0.0, lt[k] / 2, 0.0]
            c_lo = c_up * np.array([-1.0, 1.0, 1.0])
            path = np.array([lower[-1], c_lo, c_up, upper[-1]])
        else:
            path = np.array([lower[-1], upper[-1]])
        b.add("bowstring", tube(path, 0.0015, 6), pick(rng, PALE + DARK))
    b.group("limbs", "upper limb", "lower limb").alias("limbs", "bow limbs", "arms of the bow")
    b.alias("riser", "handle section", "centre section", "the middle of the bow")
    b.alias("grip", "handle", "the part you hold")
    b.alias("arrow rest", "rest", "arrow shelf", "where the arrow sits").alias("bowstring", "string", "bow string")
    b.alias("upper limb", "top limb", "upper arm").alias("lower limb", "bottom limb", "lower arm")
    return b.build("archery bow", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "tennis racket": [make_tennis_racket],
    "baseball bat": [make_baseball_bat],
    "dumbbell": [make_dumbbell],
    "kettlebell": [make_kettlebell],
    "golf club": [make_golf_club],
    "archery bow": [make_archery_bow],
}
