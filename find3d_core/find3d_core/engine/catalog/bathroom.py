"""Bathroom and personal care: bathtubs, sinks, shower heads, towel racks, hairbrushes, razors.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`, helpers: `catalog/mesh_tools.py`). Wall-mounted things have the
wall on their +y side and face -y. Tubs and basins are lofted from rings around a rounded outline (`_shell`),
so one surface splits cleanly into outer body, rim and basin. `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import along_x, cut, facing_front, rod, rounded_slab
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

PORCELAIN = [(0.95, 0.95, 0.93), (0.92, 0.93, 0.95), (0.96, 0.94, 0.9)]
BRASS = [(0.78, 0.62, 0.3), (0.7, 0.55, 0.35)]
RUBBER = [(0.12, 0.12, 0.13), (0.3, 0.3, 0.32), (0.55, 0.6, 0.65)]
Radius = Callable[[np.ndarray, float], np.ndarray]

# ---------------------------------------------------------------- lofted shells


def _centred(obj: ProceduralObject) -> ProceduralObject:
    """Shift an object in x and y so that its bounding box is centred on the z axis (wall-mounted things sit off it)."""
    v = obj.vertices
    obj.mesh.translate((-(v[:, 0].max() + v[:, 0].min()) / 2, -(v[:, 1].max() + v[:, 1].min()) / 2, 0.0))
    return obj


def _superellipse(a: float, b: float, p: float) -> Radius:
    """Polar radius of a superellipse with half-axes (a, b), inset by d (exponent 2: ellipse; large: rectangle)."""

    def rho(t: np.ndarray, d: float) -> np.ndarray:
        aa, bb = max(a - d, 0.005), max(b - d, 0.005)
        return (np.abs(np.cos(t) / aa) ** p + np.abs(np.sin(t) / bb) ** p) ** (-1.0 / p)

    return rho


def _quadrant(radius: float) -> Radius:
    """Polar radius (about its centroid) of a quarter disc whose square corner points to -x, -y, inset by d."""
    cx = 4 * radius / (3 * np.pi)

    def rho(t: np.ndarray, d: float) -> np.ndarray:
        c, s = np.cos(t), np.sin(t)
        uw = cx * (c + s)
        rr = max(radius - d, 0.01)
        t_arc = -uw + np.sqrt(np.maximum(uw**2 - 2 * cx**2 + rr**2, 0.0))
        tx = np.where(c < -1e-9, (d - cx) / np.where(c < -1e-9, c, -1.0), np.inf)
        ty = np.where(s < -1e-9, (d - cx) / np.where(s < -1e-9, s, -1.0), np.inf)
        return np.minimum(t_arc, np.minimum(tx, ty))

    return rho


def _loft(rings: list[np.ndarray], cap_first: bool, cap_last: bool) -> o3d.geometry.TriangleMesh:
    """Quads between consecutive (N, 3) rings; a capped end is closed by a fan to its centroid."""
    n, k = len(rings[0]), len(rings)
    verts = [np.vstack(rings)]
    i, j = np.meshgrid(np.arange(k - 1), np.arange(n), indexing="ij")
    a, b = i * n + j, i * n + (j + 1) % n
    c, d = (i + 1) * n + (j + 1) % n, (i + 1) * n + j
    tris = [np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)]
    nv = k * n
    jj = np.arange(n)
    for ring_id, flag in ((0, cap_first), (k - 1, cap_last)):
        if flag:
            verts.append(rings[ring_id].mean(axis=0, keepdims=True))
            tris.append(np.stack([np.full(n, nv), ring_id * n + (jj + 1) % n, ring_id * n + jj], -1))
            nv += 1
    v, t = np.vstack(verts), np.concatenate(tris)
    p = v[t]
    t = t[np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1) > 1e-12]
    return o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(v), o3d.utility.Vector3iVector(t.astype(np.int32)))


def _shell(b: PartMesh, rho: Radius, profile: Sequence[Sequence[float]], labels: list[str], colors: dict[str, Color],
           sides: int = 64, caps: tuple[bool, bool] = (True, True)) -> None:
    """Loft rings (inset d, height z[, y shift]) of outline `rho`; each run of equal segment labels is one piece."""
    thetas = np.linspace(0.0, 2 * np.pi, sides, endpoint=False)
    rings = []
    for row in profile:
        d, z, cy = row[0], row[1], (row[2] if len(row) > 2 else 0.0)
        r = rho(thetas, d)
        rings.append(np.column_stack([r * np.cos(thetas), cy + r * np.sin(thetas), np.full(sides, z)]))
    start = 0
    for s in range(1, len(labels) + 1):
        if s == len(labels) or labels[s] != labels[start]:
            name = labels[start]
            b.add(name, _loft(rings[start : s + 1], caps[0] and start == 0, caps[1] and s == len(labels)), colors[name])
            start = s


def _faucet(b: PartMesh, base: np.ndarray, toward: np.ndarray, rise: float, reach: float, color: Color,
            handle_color: Color, gooseneck: bool, lever: bool, r: float = 0.011) -> None:
    """A deck-mounted "faucet" (riser and spout reaching `reach` along `toward`) with knob or lever "handle"s."""
    base = np.asarray(base, dtype=np.float64)
    u = np.array([toward[0], toward[1], 0.0]) / np.hypot(toward[0], toward[1])
    perp = np.array([-u[1], u[0], 0.0])
    up = np.array([0.0, 0.0, 1.0])
    b.add("faucet", cylinder(r * 1.5, rise, 0.0, 16).translate(base), color)
    b.add("faucet", cylinder(r * 2.2, 0.008, 0.0, 16).translate(base), color)  # escutcheon on the deck
    top = base + up * (rise - 0.012)
    if gooseneck:
        b.add("faucet", tube(arch(top, top + u * reach, up * reach * 0.7, 16), r, 12), color)
    else:
        end = top + u * reach
        b.add("faucet", tube(np.array([top, end]), r, 12), color)
        b.add("faucet", cylinder(r * 1.1, 0.03, -0.025, 12).translate(end), color)
    if lever:
        b.add("handle", cylinder(r * 1.4, 0.02, 0.0, 12).translate(base + up * rise), handle_color)
        b.add("handle", rod(tuple(base + up * (rise + 0.012)), tuple(base + up * (rise + 0.03) - u * 0.07), r * 0.45),
              handle_color)
    else:
        for s in (-1, 1):
            root = base + up * rise * 0.4
            end = root + perp * s * 0.055
            b.add("handle", rod(tuple(root), tuple(end), r * 0.6), handle_color)
            b.add("handle", cylinder(0.016, 0.03, -0.015, 12).translate(end), handle_color)
    b.alias("faucet", "tap", "spout", "the part the water comes out of")
    b.alias("handle", "tap handle", "knob", "handles", "the part you turn")


# ---------------------------------------------------------------- bathtub


def make_bathtub(rng: np.random.Generator) -> ProceduralObject:
    """Bathtub: "tub body" (outer wall), "rim", "basin" (group "tub"), "faucet" with "handle"s, "drain";
    a clawfoot tub stands on four "foot"s."""
    variant = pick_variant(rng, ["built-in", "clawfoot", "corner"])
    enamel = jitter(rng, PORCELAIN[int(rng.integers(len(PORCELAIN)))], 0.02)
    metal = pick(rng, METAL + (BRASS if variant == "clawfoot" else []))
    b = PartMesh()
    outside = enamel if variant != "clawfoot" else pick(rng, PALE + DARK + BRIGHT + [enamel])
    colors = {"tub body": outside, "rim": jitter(rng, enamel, 0.01), "basin": enamel}
    if variant == "clawfoot":
        a, w = rng.uniform(0.7, 0.85), rng.uniform(0.36, 0.4)
        zb, h = rng.uniform(0.12, 0.17), rng.uniform(0.62, 0.75)
        rho = _superellipse(a, w, rng.uniform(2.0, 2.6))
        d_floor, zf = 0.21, zb + 0.035
        profile = [(0.18, zb), (0.08, zb + 0.025), (0.03, zb + 0.1), (0.005, zb + 0.3 * (h - zb)), (0.0, h - 0.05),
                   (-0.014, h - 0.03), (-0.012, h - 0.008), (0.0, h), (0.022, h), (0.032, h - 0.018),
                   (0.045, h - 0.07), (0.07, zb + 0.25 * (h - zb)), (0.13, zb + 0.06), (d_floor, zf)]
        labels = ["tub body"] * 5 + ["rim"] * 4 + ["basin"] * 4
        _shell(b, rho, profile, labels, colors)
        foot_col = metal if rng.random() < 0.6 else outside
        fx, fy = (a - 0.18) * 0.65, (w - 0.18) * 0.55
        for sx in (-1, 1):
            for sy in (-1, 1):
                top = (sx * fx, sy * fy, zb + 0.01)
                ball = (sx * (fx + 0.03), sy * (fy + 0.05), 0.035)
                b.add("foot", tube(np.array([top, ball]), np.array([0.03, 0.022]), 12), foot_col)
                b.add("foot", ellipsoid((0.042, 0.04, 0.035), ball, 8), foot_col)
        b.alias("foot", "claw foot", "feet", "legs", "ball and claw foot")
        mount = np.array([float(rho(np.zeros(1), 0.011)[0]), 0.0, h])
        _faucet(b, mount, -mount, rng.uniform(0.08, 0.12), rng.uniform(0.14, 0.2), metal, metal, True, False)
        drain = (float(rho(np.zeros(1), d_floor)[0]) - 0.07, 0.0, zf)
    else:
        h = rng.uniform(0.5, 0.6)
        zf = rng.uniform(0.05, 0.08)
        if variant == "built-in":
            rim_w = rng.uniform(0.06, 0.1)
            rho = _superellipse(rng.uniform(0.75, 0.9), rng.uniform(0.35, 0.42), rng.uniform(5.0, 8.0))
        else:
            rim_w = rng.uniform(0.1, 0.15)
            rho = _quadrant(rng.uniform(1.2, 1.5))
        d_floor = rim_w + 0.16
        profile = [(0.0, 0.0), (0.0, h), (rim_w, h), (rim_w + 0.02, h - 0.06), (rim_w + 0.06, zf + 0.1),
                   (rim_w + 0.12, zf + 0.015), (d_floor, zf)]
        _shell(b, rho, profile, ["tub body", "rim"] + ["basin"] * 4, colors)
        theta = 0.0 if variant == "built-in" else 1.25 * np.pi
        u = np.array([np.cos(theta), np.sin(theta), 0.0])
        mount = u * float(rho(np.array([theta]), rim_w / 2)[0]) + np.array([0.0, 0.0, h])
        lever = variant == "corner" and rng.random() < 0.5
        _faucet(b, mount, -u, rng.uniform(0.06, 0.1), rng.uniform(0.12, 0.18), metal, metal,
                variant == "corner" and not lever, lever)
        if variant == "built-in":
            drain = (float(rho(np.zeros(1), d_floor)[0]) - 0.07, 0.0, zf)
        else:
            drain = (0.0, 0.0, zf)
    b.add("drain", cylinder(0.026, 0.005, -0.001, 16).translate(drain), metal)
    b.group("tub", "tub body", "rim", "basin").alias("tub", "bath", "bathtub shell")
    b.group("fixtures", "faucet", "handle", "drain")
    b.alias("fixtures", "plumbing fixtures", "hardware", "chrome fittings")
    b.alias("tub body", "apron", "outer wall", "outside of the tub")
    b.alias("rim", "edge", "lip", "tub deck", "top edge")
    b.alias("basin", "tub interior", "inside of the tub", "the part that holds the water")
    b.alias("drain", "plug hole", "drain hole", "plughole")
    return _centred(b.build("bathtub", ground=True, variant=variant))


# ---------------------------------------------------------------- sink


def make_sink(rng: np.random.Generator) -> ProceduralObject:
    """Bathroom sink: "basin", "rim", "sink body" (group "bowl"), "faucet", "handle"s, "drain"; a pedestal sink's
    "pedestal"; a vanity's "cabinet", "door"s, "knob"s and "countertop" under a vessel bowl; a wall-hung sink's
    "backsplash" and "drain pipe"."""
    variant = pick_variant(rng, ["pedestal", "vanity", "wall-hung"])
    ceramic = jitter(rng, PORCELAIN[int(rng.integers(len(PORCELAIN)))], 0.02)
    metal = pick(rng, METAL)
    colors = {"sink body": ceramic, "rim": jitter(rng, ceramic, 0.01), "basin": ceramic}
    b = PartMesh()
    lever = rng.random() < 0.5
    if variant == "vanity":
        wc, dc = rng.uniform(0.6, 0.9), rng.uniform(0.45, 0.55)
        hc, t = rng.uniform(0.76, 0.82), rng.uniform(0.025, 0.04)
        wood = pick(rng, WOOD + PALE)
        b.add("cabinet", box((wc, dc, hc - 0.08), (0, 0, 0.08 + (hc - 0.08) / 2)), wood)
        b.add("cabinet", box((wc - 0.04, dc - 0.06, 0.081), (0, 0.03, 0.0405)), jitter(rng, wood, 0.05))
        n_doors = 1 if wc < 0.65 else 2
        dw = wc / n_doors
        for i in range(n_doors):
            x = -wc / 2 + dw * (i + 0.5)
            b.add("door", box((dw - 0.012, 0.018, hc - 0.12), (x, -dc / 2 - 0.008, 0.08 + (hc - 0.08) / 2)),
                  jitter(rng, wood, 0.04))
            kx = x + (dw / 2 - 0.05) * (1 if i == 0 and n_doors == 2 else -1 if n_doors == 2 else 1)
            b.add("knob", facing_front(cylinder(0.012, 0.025, 0.0, 12), (kx, -dc / 2 - 0.016, hc - 0.12)), metal)
        top = hc + t
        b.add("countertop", box((wc + 0.02, dc + 0.02, t), (0, -0.01, hc + t / 2)), pick(rng, PALE + DARK + WOOD))
        ax = rng.uniform(0.18, 0.23)
        ay = min(ax * rng.uniform(0.75, 1.0), dc / 2 - 0.09)
        hv, cy = rng.uniform(0.12, 0.16), -0.03
        rho = _superellipse(ax, ay, rng.uniform(2.0, 3.5))
        profile = [(0.07, top, cy), (0.03, top + hv * 0.3, cy), (0.005, top + hv * 0.75, cy), (0.0, top + hv, cy),
                   (0.012, top + hv, cy), (0.02, top + hv - 0.02, cy), (0.04, top + hv * 0.45, cy),
                   (0.085, top + 0.012, cy)]
        _shell(b, rho, profile, ["sink body"] * 3 + ["rim"] + ["basin"] * 3, colors, sides=48)
        mount = np.array([0.0, cy + ay + 0.045, top])
        _faucet(b, mount, np.array([0.0, -1.0]), hv + rng.uniform(0.08, 0.12), rng.uniform(0.1, 0.13), metal, metal,
                False, True)
        drain = (0.0, cy, top + 0.012)
        b.group("vanity unit", "cabinet", "door", "knob")
        b.alias("vanity unit", "vanity cabinet", "cupboard under the sink")
        b.alias("cabinet", "vanity", "cupboard", "base cabinet").alias("door", "cabinet door", "doors", "front panel")
        b.alias("knob", "door knob", "pull", "knobs").alias("countertop", "counter", "vanity top", "worktop")
    else:
        height = rng.uniform(0.8, 0.88)
        hx, hy = rng.uniform(0.25, 0.32), rng.uniform(0.2, 0.25)
        dep, rim_w, s = rng.uniform(0.13, 0.17), rng.uniform(0.02, 0.035), rng.uniform(0.03, 0.045)
        d_in = rim_w + s
        zbot = height - dep - (0.04 if variant == "pedestal" else 0.06)
        body: list[tuple[float, ...]] = [(0.0, zbot), (0.0, height - 0.015)]
        if variant == "pedestal":
            rho = _superellipse(hx, hy, rng.uniform(2.2, 3.5))
            body = [(0.08, zbot), (0.03, height - dep * 0.6), (0.005, height - 0.04), (0.0, height - 0.015)]
        else:
            rho = _superellipse(hx, hy, rng.uniform(4.0, 7.0))
        bowl = [*body, (0.004, height), (d_in, height, -s), (d_in + 0.015, height - 0.03, -s),
                (d_in + 0.05, height - dep * 0.6, -s), (min(d_in + 0.09, hy - 0.04), height - dep, -s)]
        labels = ["sink body"] * (len(body) - 1) + ["rim"] * 2 + ["basin"] * 3
        _shell(b, rho, bowl, labels, colors, sides=48)
        deck_y = hy - (rim_w + 2 * s) / 2
        if variant == "pedestal":
            rb, rm, rt = rng.uniform(0.12, 0.15), rng.uniform(0.07, 0.09), rng.uniform(0.08, 0.1)
            ped = revolve(np.array([(0, 0), (rb, 0), (rb * 0.95, 0.03), (rm, 0.12), (rm * 0.92, zbot * 0.6),
                                    (rt, zbot + 0.01), (0, zbot + 0.01)]), 24)
            ped.vertices = o3d.utility.Vector3dVector(np.asarray(ped.vertices) * np.array([1.0, 0.85, 1.0]))
            b.add("pedestal", ped, jitter(rng, ceramic, 0.01))
            b.alias("pedestal", "column", "stand", "the pillar it stands on")
        else:
            hs = rng.uniform(0.06, 0.1)
            b.add("backsplash", box((hx * 1.6, 0.024, hs), (0, hy - 0.012, height + hs / 2 - 0.002)), ceramic)
            deck_y = hy - 0.024 - (rim_w + 2 * s - 0.024) / 2
            path = np.array([(0, -s, zbot + 0.01), (0, -s, zbot - 0.12), (0, -s + 0.025, zbot - 0.165),
                             (0, -s + 0.07, zbot - 0.19), (0, (hy - s) / 2 + 0.05, zbot - 0.19), (0, hy, zbot - 0.19)])
            b.add("drain pipe", tube(path, 0.016, 12), metal)
            b.alias("backsplash", "splashback", "back ledge", "raised back edge")
            b.alias("drain pipe", "p-trap", "waste pipe", "pipe under the sink")
        _faucet(b, np.array([0.0, deck_y, height]), np.array([0.0, -1.0]), rng.uniform(0.07, 0.11),
                rng.uniform(0.1, 0.14), metal, metal, not lever and rng.random() < 0.5, lever)
        drain = (0.0, -s, height - dep)
    b.add("drain", cylinder(0.018, 0.005, -0.001, 16).translate(drain), metal)
    b.group("bowl", "basin", "rim", "sink body").alias("bowl", "sink bowl", "washbasin")
    b.group("fixtures", "faucet", "handle", "drain").alias("fixtures", "plumbing fixtures", "hardware")
    b.alias("basin", "inside of the sink", "sink bowl interior", "the part that holds the water")
    b.alias("rim", "edge", "lip", "deck").alias("sink body", "outside of the bowl", "ceramic body", "sink shell")
    b.alias("drain", "plug hole", "drain hole", "plughole")
    return _centred(b.build("sink", ground=True, variant=variant))


# ---------------------------------------------------------------- shower head


def _spray_head(shape: str, r_back: float, r_face: float, length: float, pitch: float
                ) -> list[tuple[str, o3d.geometry.TriangleMesh]]:
    """A shower head in its own frame: back at z = 0, spray face towards +z: "housing", "face", "nozzle"s."""
    parts: list[tuple[str, o3d.geometry.TriangleMesh]] = []
    if shape == "square":
        parts.append(("housing", box((2 * r_face, 2 * r_face, length), (0, 0, length / 2))))
        parts.append(("face", box((1.9 * r_face, 1.9 * r_face, 0.003), (0, 0, length + 0.001))))
        n = int(1.7 * r_face / pitch)
        g = (np.arange(n) - (n - 1) / 2) * pitch
        pts = [(x, y) for x in g for y in g]
    else:
        prof = np.array([(0, 0), (r_back, 0), (r_face, length * 0.8), (r_face * 0.97, length), (0, length)])
        parts.append(("housing", revolve(prof, 24)))
        parts.append(("face", cylinder(r_face * 0.92, 0.003, length - 0.0005, 24)))
        pts = [(0.0, 0.0)]
        for k in range(1, int(r_face * 0.8 / pitch) + 1):
            m = 6 * k
            a = np.arange(m) * 2 * np.pi / m + k * 0.3
            pts += list(zip(k * pitch * np.cos(a), k * pitch * np.sin(a)))
    rn = min(0.0022, pitch * 0.25)
    for x, y in pts:
        parts.append(("nozzle", cylinder(rn, 0.004, length + 0.0015, 6).translate((x, y, 0))))
    return parts


def make_shower_head(rng: np.random.Generator) -> ProceduralObject:
    """Shower head on a wall: "flange" and "arm" (or a "hose" and a "holder" for a handheld), the head's "housing",
    spray "face" and "nozzle"s (group "head"); a wall head swivels on a "ball joint", a handheld has a "handle"."""
    variant = pick_variant(rng, ["fixed rain", "handheld", "wall"])
    metal = pick(rng, METAL + [DARK[0]] + BRASS)
    face_col = pick(rng, [metal] + RUBBER + PALE)
    nozzle_col = pick(rng, RUBBER)
    cols = {"housing": metal, "face": face_col, "nozzle": nozzle_col}
    b = PartMesh()

    def add_head(parts: list[tuple[str, o3d.geometry.TriangleMesh]], rot: tuple[float, float, float],
                 at: np.ndarray) -> None:
        for name, m in parts:
            b.add(name, transform(m, rot, tuple(at)), cols[name])

    xo = rng.uniform(-0.12, 0.12) if variant == "handheld" else 0.0
    zo = -0.02 if variant == "handheld" else 0.0
    b.add("flange", facing_front(cylinder(rng.uniform(0.028, 0.038), 0.012, 0.0, 20), (xo, 0, zo)), metal)
    if variant == "fixed rain":
        reach, drop, rb = rng.uniform(0.3, 0.42), rng.uniform(0.06, 0.12), 0.04
        t = np.linspace(0, np.pi / 2, 7)
        path = np.vstack([[(0, 0, 0), (0, -(reach - rb) / 2, 0)],
                          np.column_stack([np.zeros(7), -(reach - rb) - rb * np.sin(t), -rb * (1 - np.cos(t))]),
                          [(0, -reach, -drop)]])
        b.add("arm", tube(path, 0.0105, 12), metal)
        r_face = rng.uniform(0.1, 0.15)
        shape = "square" if rng.random() < 0.4 else "round"
        head = _spray_head(shape, r_face, r_face, rng.uniform(0.012, 0.02), max(0.016, r_face / 6.5))
        add_head(head, (np.pi, 0.0, 0.0), np.array([0.0, -reach, -drop + 0.002]))
    elif variant == "wall":
        beta, length = rng.uniform(0.25, 0.6), rng.uniform(0.14, 0.24)
        joint = np.array([0.0, -length * np.cos(beta), -length * np.sin(beta)])
        b.add("arm", rod((0, 0, 0), tuple(joint), 0.0105, 12), metal)
        rj = rng.uniform(0.014, 0.018)
        b.add("ball joint", ellipsoid((rj, rj, rj), tuple(joint), 10), jitter(rng, metal, 0.04))
        b.alias("ball joint", "swivel", "swivel joint", "the pivot")
        alpha = rng.uniform(0.4, 0.9)
        r_face = rng.uniform(0.035, 0.06)
        head = _spray_head("round", rj * 1.1, r_face, rng.uniform(0.04, 0.07), r_face / 3.5)
        add_head(head, (np.pi / 2 + alpha, 0.0, 0.0), joint)
    else:
        b.add("flange", facing_front(cylinder(0.012, 0.035, 0.011, 12), (xo, 0, zo)), metal)  # outlet elbow
        zc, tau = rng.uniform(0.3, 0.45), rng.uniform(0.2, 0.4)
        rh, lh = rng.uniform(0.012, 0.016), rng.uniform(0.17, 0.22)
        v = np.array([0.0, -np.sin(tau), np.cos(tau)])
        cradle = np.array([0.0, -0.05, zc])
        holder_col = jitter(rng, metal, 0.04)
        b.add("holder", box((0.035, 0.012, 0.06), (0, -0.006, zc)), holder_col)
        b.add("holder", rod((0, -0.011, zc), (0, -0.05 + rh + 0.002, zc), 0.006, 10), holder_col)
        cup = o3d.geometry.TriangleMesh.create_torus(rh + 0.004, 0.0035, 16, 6)
        b.add("holder", transform(cup, (tau, 0.0, 0.0), tuple(cradle)), holder_col)
        b.alias("holder", "bracket", "wall holder", "cradle")
        origin = cradle - v * rng.uniform(0.05, 0.08)
        r_face = rng.uniform(0.04, 0.055)
        zhead = lh + r_face * 0.6
        b.add("handle", transform(tube(np.array([(0, 0, 0), (0, 0, lh * 0.5), (0, 0, zhead)]),
                                       np.array([rh, rh * 1.08, rh * 1.2]), 12), (tau, 0, 0), tuple(origin)), metal)
        b.alias("handle", "grip", "the part you hold", "wand")
        ln = rng.uniform(0.025, 0.035)
        for name, m in _spray_head("round", r_face * 0.9, r_face, ln, r_face / 3.5):
            transform(m, (np.pi / 2, 0.0, 0.0), (0.0, ln / 2, zhead))
            b.add(name, transform(m, (tau, 0.0, 0.0), tuple(origin)), cols[name])
        p0, p3 = np.array([xo, -0.045, zo]), origin + v * 0.004
        p1, p2 = p0 + np.array([0.0, -0.03, -0.45]), p3 - v * 0.45 + np.array([0.0, -0.03, 0.0])
        s = np.linspace(0, 1, 28)[:, None]
        hose = (1 - s) ** 3 * p0 + 3 * (1 - s) ** 2 * s * p1 + 3 * (1 - s) * s**2 * p2 + s**3 * p3
        b.add("hose", tube(hose, 0.0075, 10), pick(rng, METAL + RUBBER))
        b.alias("hose", "shower hose", "flexible hose", "the cable")
    b.group("head", "housing", "face", "nozzle").alias("head", "shower head", "sprayer", "spray head")
    b.alias("flange", "wall flange", "escutcheon", "the plate on the wall", "wall outlet")
    b.alias("arm", "shower arm", "pipe", "the pipe from the wall")
    b.alias("housing", "head body", "back of the head", "shell")
    b.alias("face", "spray face", "spray plate", "faceplate")
    b.alias("nozzle", "nozzles", "jets", "spray holes")
    return _centred(b.build("shower head", ground=True, variant=variant))


# ---------------------------------------------------------------- towel rack


def make_towel_rack(rng: np.random.Generator) -> ProceduralObject:
    """Towel rack: wall-mounted "bar"s held out from the wall by "bracket"s on "wall plate"s, maybe under a "shelf";
    a freestanding rack has "upright"s on a "base", rungs ("bar"s) and "finial"s."""
    variant = pick_variant(rng, ["single bar", "double bar", "shelf with bar", "freestanding"])
    metal = pick(rng, METAL + BRASS + [DARK[0]])
    b = PartMesh()
    span = rng.uniform(0.45, 0.8)
    rb = rng.uniform(0.008, 0.012)
    if variant == "freestanding":
        wood = rng.random() < 0.5
        frame = pick(rng, WOOD) if wood else metal
        height, depth = rng.uniform(0.8, 1.0), rng.uniform(0.3, 0.4)
        ru = rb * (1.6 if wood else 1.2)
        for sx in (-1, 1):
            x = sx * span / 2
            b.add("base", rod((x, -depth / 2, ru), (x, depth / 2, ru), ru * 1.1, 12), jitter(rng, frame, 0.04))
            b.add("upright", rod((x, 0, ru), (x, 0, height), ru, 12), frame)
            cap = ellipsoid((ru * 1.6, ru * 1.6, ru * 1.6), (x, 0, height + ru * 0.8), 8)
            b.add("finial", cap, jitter(rng, frame, 0.05))
        n_bars = int(rng.integers(2, 4))
        for i in range(n_bars):
            z = height * (0.35 + 0.6 * (i + 1) / n_bars)
            b.add("bar", rod((-span / 2, 0, z), (span / 2, 0, z), rb, 12), jitter(rng, frame, 0.03))
        b.group("frame", "upright", "base", "finial").alias("frame", "stand", "towel stand frame")
        b.alias("base", "feet", "foot", "the part on the floor").alias("upright", "post", "pole", "side leg")
        b.alias("finial", "top knob", "end cap", "ball on top")
    else:
        height = rng.uniform(0.9, 1.2)
        plate_r = rng.uniform(0.024, 0.034)
        stand = rng.uniform(0.06, 0.09) if variant == "single bar" else rng.uniform(0.12, 0.16)
        for sx in (-1, 1):
            x = sx * span / 2
            if variant == "shelf with bar":
                b.add("wall plate", box((0.03, 0.01, 0.12), (x, -0.005, height - 0.05)), metal)
            else:
                b.add("wall plate", facing_front(cylinder(plate_r, 0.01, 0.0, 20), (x, 0, height)), metal)
        if variant == "shelf with bar":
            depth, thick = rng.uniform(0.18, 0.25), rng.uniform(0.008, 0.012)
            shelf_col = pick(rng, [(0.75, 0.85, 0.85), (0.8, 0.82, 0.8)] + WOOD + [metal])
            slab = box((span + 0.06, depth, thick), (0, -0.01 - depth / 2, height + 0.01 + thick / 2))
            b.add("shelf", slab, shelf_col)
            for sx in (-1, 1):
                x = sx * span / 2
                b.add("bracket", rod((x, -0.01, height + 0.005), (x, -depth, height + 0.005), 0.006, 10), metal)
                b.add("bracket", rod((x, -0.01, height - 0.1), (x, -depth * 0.7, height + 0.004), 0.005, 10), metal)
                b.add("bracket", rod((x, -depth + 0.01, height + 0.005), (x, -depth + 0.01, height - 0.07), 0.006, 10),
                      metal)
            yb, zb = -depth + 0.01, height - 0.07
            b.add("bar", rod((-span / 2 - 0.01, yb, zb), (span / 2 + 0.01, yb, zb), rb, 12), metal)
            b.alias("shelf", "top shelf", "ledge", "the flat part on top")
        else:
            for sx in (-1, 1):
                x = sx * span / 2
                b.add("bracket", rod((x, -0.009, height), (x, -stand, height), rb * 1.3, 12), metal)
                b.add("bracket", ellipsoid((rb * 1.9, rb * 1.9, rb * 1.9), (x, -stand, height), 8), metal)
            b.add("bar", rod((-span / 2, -stand, height), (span / 2, -stand, height), rb, 12), jitter(rng, metal, 0.03))
            if variant == "double bar":
                y2 = -stand * rng.uniform(0.45, 0.6)
                b.add("bar", rod((-span / 2, y2, height), (span / 2, y2, height), rb, 12), jitter(rng, metal, 0.03))
        b.group("mount", "wall plate", "bracket").alias("mount", "mounting hardware", "wall mount")
        b.alias("wall plate", "mounting plate", "escutcheon", "the part screwed to the wall")
        b.alias("bracket", "support", "arm", "standoff", "post")
    b.alias("bar", "rail", "towel bar", "rod", "the part the towel hangs on")
    return _centred(b.build("towel rack", ground=True, variant=variant))


# ---------------------------------------------------------------- hairbrush


def _oval(ax: float, ay: float, p: float, n: int = 32, cx: float = 0.0) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    return np.column_stack([cx + ax * np.sign(c) * np.abs(c) ** (2 / p), ay * np.sign(s) * np.abs(s) ** (2 / p)])


def _tapered(x0: float, w0: float, x1: float, w1: float, y1: float = 0.0) -> np.ndarray:
    """Outline of a handle from x0 (width w0, rounded end) to x1 (width w1, centred on y1); convex."""
    a = np.linspace(np.pi / 2, 1.5 * np.pi, 9)
    end = np.column_stack([x0 + w0 / 2 * np.cos(a), w0 / 2 * np.sin(a)])
    return np.vstack([end, [(x1, y1 - w1 / 2), (x1, y1 + w1 / 2)]])


def make_hairbrush(rng: np.random.Generator) -> ProceduralObject:
    """Hairbrush lying along x: "handle" and "bristles"; a paddle brush's "head" and rubber "cushion", a round brush's
    "barrel" and "end cap"; a comb's "spine" and "teeth"."""
    variant = pick_variant(rng, ["paddle", "round", "comb"])
    body = pick(rng, BRIGHT + DARK + WOOD + PALE)
    b = PartMesh()
    if variant == "paddle":
        hl, hw, th = rng.uniform(0.1, 0.13), rng.uniform(0.065, 0.09), rng.uniform(0.012, 0.016)
        lh = rng.uniform(0.11, 0.14)
        p = rng.uniform(2.2, 4.0)
        b.add("head", extrude(_oval(hl / 2, hw / 2, p, 32, hl / 2), th), body)
        b.add("handle", extrude(_tapered(-lh, rng.uniform(0.022, 0.03), 0.02, rng.uniform(0.028, 0.04)), th * 0.9),
              jitter(rng, body, 0.04))
        cush = extrude(_oval(hl * 0.44, hw * 0.44, p, 32, hl / 2), 0.004).translate((0, 0, th - 0.0005))
        b.add("cushion", cush, pick(rng, RUBBER + DARK))
        pitch, bl = rng.uniform(0.008, 0.011), rng.uniform(0.018, 0.026)
        z0 = th + 0.003
        for x in np.arange(-hl * 0.4, hl * 0.4 + 1e-9, pitch):
            for y in np.arange(-hw * 0.4, hw * 0.4 + 1e-9, pitch):
                if (x / (hl * 0.4)) ** 2 + (y / (hw * 0.4)) ** 2 <= 1.0:
                    b.add("bristles", rod((hl / 2 + x, y, z0), (hl / 2 + x, y, z0 + bl), 0.0011, 5), DARK[0])
        b.group("brush head", "head", "cushion", "bristles").alias("brush head", "the brushing end", "paddle")
        b.alias("head", "paddle", "brush back", "the flat wide part")
        b.alias("cushion", "rubber pad", "pad", "air cushion")
    elif variant == "round":
        rb, lb = rng.uniform(0.012, 0.022), rng.uniform(0.06, 0.09)
        rh, lh = rng.uniform(0.011, 0.014), rng.uniform(0.11, 0.14)
        b.add("barrel", along_x(cylinder(rb, lb, 0.0, 16), (0, 0, 0)), pick(rng, METAL + [body]))
        b.add("end cap", ellipsoid((0.007, rb * 0.7, rb * 0.7), (lb, 0, 0), 8), jitter(rng, body, 0.05))
        prof = np.array([(0, -0.004), (rb * 0.75, -0.004), (rh, 0.02), (rh * 1.12, lh * 0.6), (rh * 0.9, lh - 0.008),
                         (rh * 0.55, lh), (0, lh)])
        b.add("handle", transform(revolve(prof, 16), (0.0, -np.pi / 2, 0.0)), body)
        blen, bristle_col = rng.uniform(0.012, 0.02), pick(rng, [DARK[0], (0.85, 0.8, 0.7)])
        n_rings, n_around = int(rng.integers(7, 10)), int(rng.integers(9, 13))
        for i, x in enumerate(np.linspace(0.006, lb - 0.006, n_rings)):
            for k in range(n_around):
                a = (k + 0.5 * (i % 2)) * 2 * np.pi / n_around
                d = np.array([0.0, np.cos(a), np.sin(a)])
                root, tip = np.array([x, 0, 0]) + d * rb * 0.9, np.array([x, 0, 0]) + d * (rb + blen)
                b.add("bristles", rod(tuple(root), tuple(tip), 0.0011, 5), bristle_col)
        b.group("brush head", "barrel", "bristles", "end cap").alias("brush head", "round head", "the brushing end")
        b.alias("barrel", "cylinder", "core", "the round drum").alias("end cap", "tip", "cap", "end of the barrel")
    else:
        ls, sw, tc = rng.uniform(0.1, 0.15), rng.uniform(0.008, 0.012), rng.uniform(0.004, 0.006)
        tl, lh = rng.uniform(0.02, 0.03), rng.uniform(0.06, 0.1)
        b.add("spine", box((ls, sw, tc), (ls / 2, sw / 2, tc / 2)), body)
        b.add("handle", extrude(_tapered(-lh, rng.uniform(0.008, 0.014), 0.005, sw + tl, (sw - tl) / 2), tc),
              jitter(rng, body, 0.03))
        x, fine = 0.004, rng.uniform(0.0028, 0.0035)
        while x < ls - 0.002:
            pitch = fine if x > ls / 2 else fine * 1.6
            b.add("teeth", box((pitch * 0.45, tl + 0.001, tc * 0.85), (x, -tl / 2 + 0.0005, tc * 0.425)), body)
            x += pitch
        b.group("comb head", "spine", "teeth").alias("comb head", "toothed part", "the combing end")
        b.alias("spine", "back", "comb back", "the bar the teeth hang from")
        b.alias("teeth", "tines", "comb teeth", "tooth")
    if variant != "comb":
        b.alias("bristles", "bristle", "pins", "the part that goes through the hair")
    b.alias("handle", "grip", "the part you hold", "handgrip")
    return _centred(b.build("hairbrush", ground=True, variant=variant))


# ---------------------------------------------------------------- razor


def make_razor(rng: np.random.Generator) -> ProceduralObject:
    """Razor standing on its handle end: a cartridge razor's "handle", "grip", "cartridge", "blade"s, "guard" and
    "lubricating strip"; a safety razor's knurled "handle", "base plate", "blade", "top cap", "guard"; an electric
    shaver's "handle" body, "grip", "power button", "head frame", "foil"s and "trimmer"."""
    variant = pick_variant(rng, ["cartridge", "safety razor", "electric shaver"])
    b = PartMesh()
    steel = pick(rng, METAL)
    if variant == "cartridge":
        col = pick(rng, BRIGHT + DARK + METAL)
        lh, r0 = rng.uniform(0.1, 0.13), rng.uniform(0.006, 0.008)
        z = np.linspace(0, lh, 16)
        path = np.column_stack([np.zeros(16), -0.008 * np.sin(np.pi * z / lh), z])
        radius = r0 * (1 + 0.3 * np.sin(np.pi * z / lh)) * (1 - 0.35 * (z / lh) ** 2)
        b.add("handle", tube(path, radius, 12), col)
        for sy in (-1, 1):
            zm = lh * 0.42
            ym = -0.008 * np.sin(np.pi * 0.42)
            rm = r0 * (1 + 0.3 * np.sin(np.pi * 0.42))
            pad = ellipsoid((rm * 0.75, rm * 0.45, lh * 0.18), (0, ym + sy * rm * 0.75, zm), 10)
            b.add("grip", pad, pick(rng, RUBBER))
        cw, ct, ch = rng.uniform(0.037, 0.044), rng.uniform(0.006, 0.008), rng.uniform(0.012, 0.016)
        zc = lh + ch / 2 - 0.002
        b.add("cartridge", box((cw, ct, ch), (0, -0.001, zc)), pick(rng, DARK + BRIGHT))
        yf = -0.001 - ct / 2
        n_bl = int(rng.integers(2, 6))
        for zb in np.linspace(zc - ch * 0.2, zc + ch * 0.15, n_bl):
            b.add("blade", box((cw * 0.88, 0.0008, 0.0007), (0, yf - 0.0002, zb)), steel)
        b.add("guard", box((cw * 0.9, 0.0016, ch * 0.18), (0, yf - 0.0005, zc - ch * 0.38)), pick(rng, RUBBER + BRIGHT))
        b.add("lubricating strip", box((cw * 0.9, 0.0016, ch * 0.16), (0, yf - 0.0005, zc + ch * 0.36)),
              pick(rng, [(0.4, 0.7, 0.5), (0.85, 0.9, 0.95), (0.5, 0.7, 0.85)]))
        b.alias("grip", "rubber grip", "grip pads", "finger rest")
        b.alias("cartridge", "razor head", "blade cartridge", "the head")
        b.alias("guard", "rubber guard", "skin guard", "fins")
        b.alias("lubricating strip", "moisture strip", "lube strip", "gel strip")
        b.group("head", "cartridge", "blade", "guard", "lubricating strip").alias("head", "shaving head", "top")
    elif variant == "safety razor":
        lh, r = rng.uniform(0.075, 0.1), rng.uniform(0.0055, 0.0075)
        rk, hk = r * rng.uniform(1.1, 1.35), rng.uniform(0.006, 0.012)
        prof = [(0.0, 0.0), (rk, 0.0), (rk, hk), (r, hk + 0.003)]
        n_k = int(rng.integers(8, 14))
        for zz in np.linspace(hk + 0.006, lh - 0.016, n_k):
            prof += [(r, zz - 0.0015), (r * 0.9, zz), (r, zz + 0.0015)]
        prof += [(r * 0.8, lh - 0.01), (r * 0.55, lh - 0.004), (r * 0.55, lh + 0.001), (0.0, lh + 0.001)]
        b.add("handle", revolve(np.array(prof), 16), steel)
        hw, hd = rng.uniform(0.042, 0.046), rng.uniform(0.018, 0.022)
        head = jitter(rng, steel, 0.03)
        b.add("base plate", box((hw, hd, 0.004), (0, 0, lh + 0.002)), head)
        for sy in (-1, 1):
            yg = sy * (hd / 2 + 0.0008)
            b.add("guard", rod((-hw * 0.47, yg, lh + 0.0025), (hw * 0.47, yg, lh + 0.0025), 0.0014, 8), head)
        b.add("blade", box((min(hw, 0.043), hd + 0.004, 0.0005), (0, 0, lh + 0.00425)), jitter(rng, METAL[0], 0.03))
        z0 = lh + 0.0045
        dome = ellipsoid((hw / 2, hd / 2 * 1.05, 0.0055), (0, 0, z0), 14)
        b.add("top cap", cut(dome, lambda c: c[:, 2] >= z0), head)
        b.alias("base plate", "bottom plate", "blade holder", "the plate under the blade")
        b.alias("top cap", "cap", "head cover", "the dome on top")
        b.alias("guard", "safety bar", "comb", "guard bar")
        b.group("head", "base plate", "blade", "top cap", "guard").alias("head", "razor head", "shaving head")
    else:
        col = pick(rng, DARK + METAL + BRIGHT)
        w, d, hb = rng.uniform(0.05, 0.065), rng.uniform(0.034, 0.045), rng.uniform(0.11, 0.15)
        b.add("handle", rounded_slab(w, d, hb, d * 0.45, (0, 0, hb / 2)), col)
        for sx in (-1, 1):
            b.add("grip", box((0.004, d * 0.6, hb * 0.45), (sx * (w / 2 - 0.001), 0, hb * 0.35)), pick(rng, RUBBER))
        b.add("power button", facing_front(cylinder(0.007, 0.003, 0.0, 12), (0, -d / 2 + 0.0005, hb * 0.6)),
              pick(rng, BRIGHT + PALE))
        hh = rng.uniform(0.015, 0.02)
        frame = rounded_slab(w * 1.06, d * 1.05, hh, d * 0.3, (0, 0, hb + hh / 2 - 0.001))
        b.add("head frame", frame, jitter(rng, col, 0.06))
        top = hb + hh - 0.001
        n_f = int(rng.integers(2, 4))
        rf = d * 1.05 / (2 * n_f) * 0.9
        for yf in (np.arange(n_f) - (n_f - 1) / 2) * 2 * rf / 0.9 * 0.95:
            b.add("foil", along_x(cylinder(rf, w * 0.95, -w * 0.475, 16), (0, float(yf), top - rf * 0.4)), steel)
        b.add("trimmer", box((w * 0.5, 0.004, 0.03), (0, d / 2 + 0.0015, hb - 0.02)), jitter(rng, steel, 0.05))
        b.alias("grip", "rubber grip", "side grips", "grip panels")
        b.alias("power button", "on/off switch", "switch", "button")
        b.alias("head frame", "head housing", "foil frame", "shaver head")
        b.alias("foil", "foils", "foil blade", "shaving foil", "blade")
        b.alias("trimmer", "pop-up trimmer", "sideburn trimmer", "trimmer blade")
        b.group("head", "head frame", "foil").alias("head", "shaving head", "foil head")
    b.alias("handle", "handgrip", "the part you hold", "body")
    if variant != "electric shaver":
        b.alias("blade", "blades", "razor blade", "the sharp edge")
    return _centred(b.build("razor", ground=True, variant=variant))


CATEGORIES: dict[str, list[Builder]] = {
    "bathtub": [make_bathtub],
    "sink": [make_sink],
    "shower head": [make_shower_head],
    "towel rack": [make_towel_rack],
    "hairbrush": [make_hairbrush],
    "razor": [make_razor],
}
