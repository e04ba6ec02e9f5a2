"""Transport and machines: helicopters, tractors, kick scooters, buses, locomotives, excavators.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, at real size; vehicles point along +x (helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a
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
    rod,
    rounded_slab,
    side_slab,
)
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    METAL,
    PALE,
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
    transform,
    tube,
)

GLASS = (0.15, 0.2, 0.25)
LAMP = (0.95, 0.95, 0.85)
RED_LAMP = (0.8, 0.1, 0.1)


def _curved_plate(center: tuple[float, float, float], radius: float, thick: float, width: float, a0: float,
                  a1: float, sides: int = 24) -> o3d.geometry.TriangleMesh:
    """A curved plate (a fender) around an axis along y through `center`: angles a0..a1 from +x towards +z."""
    prof = np.array([(radius, -width / 2), (radius + thick, -width / 2), (radius + thick, width / 2),
                     (radius, width / 2), (radius, -width / 2)])
    shell = facing_front(revolve(prof, sides), center)
    cx, _, cz = center

    def keep(c: np.ndarray) -> np.ndarray:
        a = np.arctan2(c[:, 2] - cz, c[:, 0] - cx)
        return (a >= a0) & (a <= a1)

    return cut(shell, keep)


def _blade(length: float, chord: float, thick: float, angle: float, at: tuple[float, float, float],
           start: float = 0.0) -> o3d.geometry.TriangleMesh:
    """A flat rotor blade along +x from `start` to `start + length`, turned by `angle` about z, moved to `at`."""
    return transform(box((length, chord, thick), (start + length / 2, 0, 0)), (0, 0, angle), at)


def _window_row(b: PartMesh, x0: float, x1: float, z0: float, z1: float, y: float, n: int,
                skip: list[tuple[float, float]] | None = None) -> None:
    """`n` side "window"s evenly between x0 and x1 on the side plane y, leaving out those over `skip` (doors)."""
    pitch = (x1 - x0) / n
    for k in range(n):
        xc = x0 + pitch * (k + 0.5)
        if any(a - pitch * 0.4 < xc < c + pitch * 0.4 for a, c in skip or []):
            continue
        b.add("window", box((pitch * 0.85, 0.02, z1 - z0), (xc, y, (z0 + z1) / 2)), GLASS)


def make_helicopter(rng: np.random.Generator) -> ProceduralObject:
    """Helicopter along +x: "fuselage" with "window"s, a main rotor ("rotor mast", "rotor hub", "main rotor blade"s),
    a "tail boom" with "tail fin" and "tail rotor"; landing gear of "skid"s or "wheel"s on "strut"s; a tandem-rotor
    helicopter has two rotors, the rear one on a "pylon"."""
    variant = pick_variant(rng, ["light helicopter", "utility helicopter", "tandem-rotor helicopter"])
    paint = pick(rng, BRIGHT + PALE + DARK)
    metal, dark = pick(rng, METAL), DARK[0]
    b = PartMesh()
    if variant == "light helicopter":
        cl, cw, ch = rng.uniform(2.4, 3.0), rng.uniform(1.3, 1.6), rng.uniform(1.5, 1.8)
        zc = rng.uniform(0.4, 0.5) + ch / 2

        def canopy(c: np.ndarray) -> np.ndarray:
            return (c[:, 0] > cl * 0.08) & (c[:, 2] > zc - ch * 0.2)

        b.add("fuselage", cut(ellipsoid((cl / 2, cw / 2, ch / 2), (0, 0, zc), 16), lambda c: ~canopy(c)), paint)
        b.add("window", cut(ellipsoid((cl / 2 * 1.01, cw / 2 * 1.01, ch / 2 * 1.01), (0, 0, zc), 16), canopy), GLASS)
        for s in (-1, 1):
            y = s * cw * 0.55
            skid = np.array([[-cl * 0.6, y, 0.04], [cl * 0.42, y, 0.04], [cl * 0.55, y, 0.16]])
            b.add("skid", tube(skid, 0.04, 8), metal)
            for x in (-cl * 0.25, cl * 0.22):
                b.add("strut", rod((x, y, 0.04), (x, s * cw * 0.2, zc - ch * 0.45), 0.03, 8), metal)
        top = zc + ch / 2 * 0.95
        boom0, boom_r = (-cl * 0.35, 0.0, zc + ch * 0.1), 0.22
        tail_l, rotor_r, n_blades = rng.uniform(4.0, 5.0), rng.uniform(4.2, 5.2), int(rng.integers(2, 4))
        mast_x = -cl * 0.05
    else:
        tandem = variant == "tandem-rotor helicopter"
        lf = rng.uniform(13.0, 15.0) if tandem else rng.uniform(7.0, 9.0)
        hf, wf = rng.uniform(2.3, 2.7), rng.uniform(1.9, 2.4)
        z0 = rng.uniform(0.75, 0.9)
        nose = 1.4 if tandem else 1.1
        outline = np.array([[-lf / 2, z0 + 0.5], [-lf / 2 + 0.8, z0], [lf / 2 - nose, z0], [lf / 2, z0 + hf * 0.35],
                            [lf / 2 - nose * 0.3, z0 + hf * 0.6], [lf / 2 - nose, z0 + hf], [-lf / 2, z0 + hf]])
        b.add("fuselage", side_slab(outline, wf), paint)
        p, q = np.array([lf / 2 - nose * 0.3, z0 + hf * 0.6]), np.array([lf / 2 - nose, z0 + hf])
        phi = np.arctan2(q[0] - p[0], q[1] - p[1])
        pane = transform(box((0.02, wf * 0.85, np.hypot(*(q - p)) * 0.85), (0, 0, 0)), (0, phi, 0),
                         ((p[0] + q[0]) / 2 + 0.02, 0, (p[1] + q[1]) / 2 + 0.01))
        b.add("window", pane, GLASS)
        for s in (-1, 1):
            _window_row(b, -lf / 2 + 1.0, lf / 2 - nose - 0.3, z0 + hf * 0.45, z0 + hf * 0.75, s * (wf / 2 + 0.005),
                        int(lf // 1.6))
        wheel_r = 0.32
        gear = [(lf / 2 - nose - 0.6, 0.0), (-lf * 0.15, wf / 2 + 0.35), (-lf * 0.15, -wf / 2 - 0.35)]
        if tandem:
            gear = [(x, s * (wf / 2 + 0.1)) for x in (lf / 2 - 3.0, -lf / 2 + 2.5) for s in (-1, 1)]
        for x, y in gear:
            b.add("wheel", axle_y(wheel_r, 0.2, (x, y, wheel_r), 16), dark)
            b.add("strut", rod((x, y, wheel_r), (x, float(np.clip(y, -wf * 0.4, wf * 0.4)), z0 + 0.25), 0.06, 8), metal)
        top = z0 + hf
        boom0, boom_r = (-lf / 2 + 0.3, 0.0, z0 + hf * 0.65), 0.45
        tail_l = rng.uniform(4.0, 5.0)
        rotor_r, n_blades = (rng.uniform(8.5, 9.5), 3) if tandem else (rng.uniform(6.5, 8.0), int(rng.integers(4, 6)))
        mast_x = lf / 2 - 3.2 if tandem else -lf * 0.05
    hubs = [(mast_x, top + 0.45)]
    if variant == "tandem-rotor helicopter":
        py_h = rng.uniform(1.4, 1.8)
        b.add("pylon", box((2.6, 1.2, py_h + 0.1), (-lf / 2 + 1.6, 0, top + py_h / 2 - 0.05)), jitter(rng, paint, 0.04))
        hubs.append((-lf / 2 + 1.6, top + py_h + 0.4))
        b.alias("pylon", "aft pylon", "rear rotor tower", "the tall hump at the back")
    else:
        end = np.array([boom0[0] - tail_l, 0.0, boom0[2] + 0.25])
        b.add("tail boom", tube(np.array([boom0, (boom0 + end) / 2, end]), np.array([boom_r, boom_r * 0.6, 0.1]), 12),
              paint)
        ex, ez = end[0], end[2]
        fin = np.array([[ex + 0.45, ez - 0.05], [ex - 0.25, ez + 1.0], [ex - 0.55, ez + 1.0], [ex - 0.4, ez - 0.45],
                        [ex + 0.1, ez - 0.3]])
        b.add("tail fin", side_slab(fin, 0.06), jitter(rng, paint, 0.05))
        tr = rng.uniform(0.6, 0.85) * (1.0 if variant == "light helicopter" else 1.4)
        b.add("tail rotor", axle_y(0.08, 0.16, (ex - 0.1, 0.1, ez + 0.3), 10), metal)
        a = rng.uniform(0, np.pi)
        n_tr = 2 if variant == "light helicopter" else 4
        for k in range(n_tr):
            blade = transform(box((0.1, 0.015, tr), (0, 0, tr / 2)), (0, a + 2 * np.pi * k / n_tr, 0),
                              (ex - 0.1, 0.19, ez + 0.3))
            b.add("tail rotor", blade, dark)
        b.alias("tail boom", "tail", "boom", "the long thin back part")
        b.alias("tail fin", "vertical stabilizer", "fin", "tail stabilizer")
        b.alias("tail rotor", "anti-torque rotor", "small rotor", "tail propeller")
    for hx, hz in hubs:
        base = top - 0.05 if hz < top + 1.0 else hz - 0.5
        b.add("rotor mast", cylinder(0.09, hz - base, base, 10).translate((hx, 0, 0)), metal)
        b.add("rotor hub", cylinder(0.22, 0.2, hz - 0.02, 12).translate((hx, 0, 0)), DARK[1])
        a = rng.uniform(0, 2 * np.pi)
        for k in range(n_blades):
            b.add("main rotor blade", _blade(rotor_r, 0.32 if rotor_r < 6 else 0.55, 0.05, a + 2 * np.pi * k / n_blades,
                                             (hx, 0, hz + 0.08), 0.15), dark)
    b.group("main rotor", "rotor mast", "rotor hub", "main rotor blade").alias("main rotor", "rotor", "top rotor")
    b.group("landing gear", "skid", "wheel", "strut").alias("landing gear", "undercarriage", "the part it lands on")
    b.group("tail", "tail boom", "tail fin", "tail rotor").alias("tail", "tail section", "tail assembly")
    b.alias("fuselage", "body", "cabin", "the main body").alias("window", "windows", "windshield", "canopy glass")
    b.alias("rotor mast", "mast", "rotor shaft", "drive shaft").alias("rotor hub", "hub", "rotor head")
    b.alias("main rotor blade", "rotor blades", "blades", "propeller").alias("skid", "skids", "landing skid", "runner")
    b.alias("wheel", "wheels", "landing wheel", "tire").alias("strut", "struts", "landing gear leg", "cross tube")
    return b.build("helicopter", ground=True, variant=variant)


def make_tractor(rng: np.random.Generator) -> ProceduralObject:
    """Farm tractor along +x: "hood" with "grille" and "headlight"s on a "chassis", big "rear wheel"s under
    "fender"s, small "front wheel"s, "rim"s, "exhaust stack", "platform", "seat", "steering wheel"; a closed "cab"
    with "window"s, or an open seat with a "rollover bar"; a loader has "loader arm"s and a "bucket"."""
    variant = pick_variant(rng, ["tractor with cab", "open-seat tractor", "tractor with front loader"])
    paint = pick(rng, [(0.1, 0.45, 0.2), (0.8, 0.12, 0.1), (0.15, 0.3, 0.7), (0.9, 0.5, 0.1)])
    rim_c = pick(rng, [(0.95, 0.8, 0.1), (0.85, 0.85, 0.82), (0.8, 0.12, 0.1)])
    b = PartMesh()
    rr, rf = rng.uniform(0.7, 0.85), rng.uniform(0.4, 0.5)
    wb, track = rng.uniform(2.2, 2.6), rng.uniform(1.6, 1.9)
    xr, xf = -wb / 2, wb / 2
    rw, fw = rng.uniform(0.4, 0.5), rng.uniform(0.25, 0.32)
    for s in (-1, 1):
        b.add("rear wheel", axle_y(rr, rw, (xr, s * track / 2, rr), 24), DARK[0])
        b.add("rim", axle_y(rr * 0.55, rw + 0.02, (xr, s * track / 2, rr), 16), rim_c)
        b.add("front wheel", axle_y(rf, fw, (xf, s * (track / 2 - 0.1), rf), 20), DARK[0])
        b.add("rim", axle_y(rf * 0.55, fw + 0.02, (xf, s * (track / 2 - 0.1), rf), 12), rim_c)
        b.add("fender", _curved_plate((xr, s * track / 2, rr), rr + 0.06, 0.02, rw + 0.06, 0.1 * np.pi, 0.95 * np.pi),
              jitter(rng, paint, 0.04))
    hh = rr + rng.uniform(0.75, 0.9)
    hw = rng.uniform(0.38, 0.45)
    ztop = rr + 0.1
    b.add("chassis", box((wb + 0.4, 0.6, ztop - rf * 0.8), ((xr + xf + 0.4) / 2, 0, (ztop + rf * 0.8) / 2)), DARK[1])
    b.add("chassis", rod((xf, -track / 2 + 0.1, rf), (xf, track / 2 - 0.1, rf), 0.06, 8), DARK[1])
    b.add("chassis", rod((xr, -track / 2, rr), (xr, track / 2, rr), 0.1, 10), DARK[1])
    hood_x0, hood_x1 = xr + 0.6, xf + 0.55
    b.add("hood", box((hood_x1 - hood_x0, 2 * hw, hh - ztop), ((hood_x0 + hood_x1) / 2, 0, (hh + ztop) / 2)), paint)
    b.add("grille", box((0.03, 2 * hw * 0.85, (hh - ztop) * 0.8), (hood_x1 + 0.015, 0, (hh + ztop) / 2)), DARK[1])
    for s in (-1, 1):
        b.add("headlight", box((0.03, 0.12, 0.08), (hood_x1 + 0.015, s * hw * 0.75, hh - 0.1)), LAMP)
    b.add("exhaust stack", cylinder(0.05, rng.uniform(0.8, 1.0), hh - 0.02, 10).translate((xf - 0.1, hw * 0.6, 0)),
          pick(rng, DARK + METAL))
    zf = rr + 0.15
    cw = track / 2 - rw / 2 - 0.03
    b.add("platform", box((1.2, 2 * cw, 0.05), (xr, 0, zf)), DARK[1])
    b.add("seat", rod((xr - 0.1, 0, zf), (xr - 0.1, 0, zf + 0.4), 0.04, 8), DARK[1])
    b.add("seat", box((0.45, 0.5, 0.1), (xr - 0.1, 0, zf + 0.45)), DARK[0])
    b.add("seat", box((0.1, 0.5, 0.5), (xr - 0.33, 0, zf + 0.75)), DARK[0])
    col0, col1 = np.array([hood_x0, 0, zf + 0.5]), np.array([hood_x0 - 0.25, 0, zf + 0.9])
    b.add("steering wheel", rod(tuple(col0), tuple(col1), 0.025, 8), DARK[1])
    wheel = o3d.geometry.TriangleMesh.create_torus(0.2, 0.015, 20, 6)
    b.add("steering wheel", transform(wheel, (0, -0.6, 0), tuple(col1)), DARK[0])
    for k in range(3):
        a = 2 * np.pi * k / 3
        spoke = rod((0, 0, 0), (0.2 * np.cos(a), 0.2 * np.sin(a), 0), 0.01, 5)
        b.add("steering wheel", transform(spoke, (0, -0.6, 0), tuple(col1)), DARK[0])
    if variant in ("tractor with cab", "tractor with front loader"):
        roof = zf + rng.uniform(1.65, 1.8)
        x0, x1 = xr - 0.55, hood_x0 + 0.05
        for x in (x0, x1):
            for s in (-1, 1):
                b.add("cab", box((0.06, 0.06, roof - zf), (x, s * cw, (roof + zf) / 2)), DARK[1])
        b.add("cab", box((x1 - x0 + 0.3, 2 * cw + 0.2, 0.08), ((x0 + x1) / 2, 0, roof + 0.04)),
              jitter(rng, paint, 0.04))
        zg0 = max(zf + 0.1, hh)
        for s in (-1, 1):
            pane = box((x1 - x0 - 0.06, 0.01, roof - zf - 0.1), ((x0 + x1) / 2, s * cw, (roof + zf) / 2))
            b.add("window", pane, GLASS)
        b.add("window", box((0.01, 2 * cw - 0.06, roof - zg0 - 0.05), (x1, 0, (roof + zg0) / 2)), GLASS)
        b.add("window", box((0.01, 2 * cw - 0.06, roof - zf - 0.3), (x0, 0, (roof + zf + 0.3) / 2)), GLASS)
        b.alias("cab", "cabin", "driver's cab", "roof and pillars")
        b.alias("window", "windows", "windshield", "cab glass")
    else:
        bar = arch(np.array([xr - 0.5, -cw, zf]), np.array([xr - 0.5, cw, zf]), np.array([0, 0, 1.5]), 14)
        b.add("rollover bar", tube(bar, 0.05, 8), DARK[1])
        b.alias("rollover bar", "roll bar", "ROPS", "safety frame")
    if variant == "tractor with front loader":
        ya = hw + 0.1
        xb = xf + rng.uniform(1.4, 1.6)
        for s in (-1, 1):
            path = np.array([[xr + 0.5, s * ya, hh - 0.2], [xf + 0.3, s * ya, hh + 0.1], [xb, s * ya, 0.45]])
            b.add("loader arm", tube(path, 0.07, 8), jitter(rng, paint, 0.05))
            b.add("loader arm", box((0.5, 0.05, 0.6), (xr + 0.6, s * (hw + 0.03), hh - 0.25)), jitter(rng, paint, 0.05))
        bw, bl, bh = track + 0.4, rng.uniform(0.7, 0.85), rng.uniform(0.7, 0.85)
        bc = jitter(rng, paint, 0.05)
        b.add("bucket", box((0.04, bw, bh), (xb + 0.02, 0, 0.05 + bh / 2)), bc)
        b.add("bucket", box((bl, bw, 0.04), (xb + bl / 2, 0, 0.07)), bc)
        for s in (-1, 1):
            b.add("bucket", box((bl, 0.04, bh * 0.6), (xb + bl / 2, s * bw / 2, 0.05 + bh * 0.3)), bc)
        b.group("front loader", "loader arm", "bucket").alias("front loader", "loader", "front-end loader")
        b.alias("loader arm", "loader arms", "lift arm", "boom").alias("bucket", "scoop", "shovel", "loader bucket")
    b.group("wheels", "rear wheel", "front wheel", "rim").alias("wheels", "tires", "tyres")
    b.group("body", "hood", "grille", "chassis", "fender").alias("body", "bodywork", "tractor body")
    b.alias("rear wheel", "big wheel", "rear tire", "rear tyre").alias("front wheel", "small wheel", "front tire")
    b.alias("rim", "rims", "wheel hub", "hubcap").alias("fender", "mudguard", "wheel arch", "fenders")
    b.alias("hood", "bonnet", "engine cover", "engine hood").alias("grille", "radiator grille", "front grille")
    b.alias("headlight", "headlights", "front light", "headlamp").alias("chassis", "frame", "axle", "underframe")
    b.alias("exhaust stack", "exhaust pipe", "smokestack", "chimney").alias("platform", "floor", "footplate")
    b.alias("seat", "driver's seat", "the part you sit on").alias("steering wheel", "wheel you steer with", "steering")
    return b.build("tractor", ground=True, variant=variant)


def make_kick_scooter(rng: np.random.Generator) -> ProceduralObject:
    """Kick scooter along +x: "deck" with "grip tape", "stem", "handlebar" with "grip"s, a front "fork", "wheel"s
    with "hub"s, a rear "brake fender"; adult and electric ones have a "kickstand", electric ones a "battery",
    a "display" and a "headlight"."""
    variant = pick_variant(rng, ["kids three-wheel scooter", "adult scooter", "electric scooter"])
    kids, electric = variant == "kids three-wheel scooter", variant == "electric scooter"
    wr = {"kids three-wheel scooter": 0.06, "adult scooter": rng.uniform(0.09, 0.1),
          "electric scooter": rng.uniform(0.1, 0.12)}[variant]
    dl = {"kids three-wheel scooter": rng.uniform(0.42, 0.5), "adult scooter": rng.uniform(0.5, 0.58),
          "electric scooter": rng.uniform(0.5, 0.56)}[variant]
    dw = {"kids three-wheel scooter": 0.14, "adult scooter": 0.12, "electric scooter": 0.17}[variant]
    dt = 0.05 if electric else 0.03
    top = {"kids three-wheel scooter": rng.uniform(0.62, 0.75), "adult scooter": rng.uniform(0.95, 1.05),
           "electric scooter": rng.uniform(1.1, 1.2)}[variant]
    paint = pick(rng, BRIGHT) if kids else pick(rng, DARK + METAL + BRIGHT)
    wheel_c, metal = pick(rng, BRIGHT + PALE) if kids else DARK[0], pick(rng, METAL)
    b = PartMesh()
    zd = max(wr + 0.01, 0.08)
    b.add("deck", rounded_slab(dl, dw, dt, 0.03, (0, 0, zd)), paint)
    b.add("grip tape", rounded_slab(dl - 0.04, dw - 0.02, 0.002, 0.02, (0, 0, zd + dt / 2 + 0.001)), DARK[0])
    ww = 0.035 if not electric else 0.05
    x_r = -dl / 2 - wr * 0.75
    b.add("wheel", axle_y(wr, ww, (x_r, 0, wr), 20), wheel_c)
    b.add("hub", axle_y(wr * 0.5, ww + 0.01, (x_r, 0, wr), 12), metal)
    for s in (-1, 1):
        b.add("deck", box((-dl / 2 - x_r + 0.03, 0.008, 0.03), ((x_r - dl / 2) / 2 + 0.015, s * (ww / 2 + 0.008),
                                                              (wr + zd) / 2)), paint)
    b.add("brake fender", _curved_plate((x_r, 0, wr), wr + 0.012, 0.004, ww + 0.02, 0.15 * np.pi, 0.75 * np.pi, 24),
          metal if not kids else jitter(rng, paint, 0.05))
    x_f = dl / 2 + wr + 0.06
    rake = rng.uniform(0.12, 0.22)
    base = np.array([x_f - 0.01, 0.0, wr + 0.12])
    head = base + np.array([-np.sin(rake) * (top - base[2]), 0, top - base[2]])
    b.add("stem", rod(tuple(base), tuple(head), 0.016 if not electric else 0.022, 10), metal)
    b.add("neck", rod((dl / 2 - 0.02, 0, zd), tuple(base + np.array([0, 0, 0.02])), 0.018, 8), metal)
    if kids:
        span = 0.1
        b.add("fork", box((0.05, 2 * span - ww, 0.04), (x_f, 0, wr + 0.03)), jitter(rng, paint, 0.05))
        b.add("fork", rod((x_f, 0, wr + 0.03), tuple(base), 0.018, 8), jitter(rng, paint, 0.05))
        for s in (-1, 1):
            b.add("wheel", axle_y(wr, ww, (x_f, s * span, wr), 20), wheel_c)
            b.add("hub", axle_y(wr * 0.5, ww + 0.01, (x_f, s * span, wr), 12), metal)
    else:
        b.add("wheel", axle_y(wr, ww, (x_f, 0, wr), 20), wheel_c)
        b.add("hub", axle_y(wr * (0.75 if electric else 0.5), ww + 0.01, (x_f, 0, wr), 12), metal)
        for s in (-1, 1):
            b.add("fork", rod((x_f, s * (ww / 2 + 0.01), wr), tuple(base + np.array([0, s * (ww / 2 + 0.01), 0])), 0.01,
                              6), metal)
        b.add("kickstand", rod((-dl * 0.15, dw / 2, zd - dt / 2), (-dl * 0.3, dw / 2 + 0.06, 0.004), 0.006, 6), DARK[1])
        b.alias("kickstand", "stand", "side stand", "the leg that holds it up")
    hw = {"kids three-wheel scooter": 0.16, "adult scooter": rng.uniform(0.2, 0.25),
          "electric scooter": rng.uniform(0.22, 0.26)}[variant]
    b.add("handlebar", rod((head[0], -hw, head[2]), (head[0], hw, head[2]), 0.013, 10), metal)
    for s in (-1, 1):
        b.add("grip", rod((head[0], s * (hw - 0.1), head[2]), (head[0], s * (hw + 0.01), head[2]), 0.018, 10),
              pick(rng, DARK + BRIGHT))
    if electric:
        b.add("battery", box((dl * 0.85, dw * 0.8, 0.04), (0, 0, zd - dt / 2 - 0.02)), DARK[1])
        b.add("display", box((0.07, 0.06, 0.02), (head[0] - 0.02, 0, head[2] + 0.02)), DARK[0])
        lamp = along_x(cylinder(0.025, 0.02, 0.0, 12), (head[0] + 0.015, 0, head[2] - 0.12))
        b.add("headlight", lamp, LAMP)
        b.alias("battery", "battery pack", "battery box", "the box under the deck")
        b.alias("display", "screen", "speedometer", "dashboard")
        b.alias("headlight", "front light", "lamp", "headlamp")
    b.group("wheels", "wheel", "hub").alias("wheels", "wheel assembly", "rollers")
    b.group("steering column", "stem", "fork", "handlebar", "grip").alias("steering column", "the T-bar", "front end")
    b.alias("deck", "footboard", "platform", "the part you stand on").alias("grip tape", "anti-slip tape", "deck top")
    b.alias("stem", "steering tube", "pole", "the upright bar").alias("neck", "folding joint", "deck joint")
    b.alias("handlebar", "handlebars", "bar", "the part you steer with").alias("grip", "grips", "the part you hold")
    b.alias("fork", "front fork", "wheel fork").alias("wheel", "tire", "tyre", "wheels")
    b.alias("hub", "wheel hub", "axle", "hub core").alias("brake fender", "rear brake", "fender", "mudguard")
    return b.build("kick scooter", ground=True, variant=variant)


def make_bus(rng: np.random.Generator) -> ProceduralObject:
    """Bus along +x: "body", side "window"s, "windshield", "door"s on the right (-y), "wheel"s with "hubcap"s,
    "headlight"s, "taillight"s, "mirror"s, "bumper"s; a city or double-decker bus has a "destination sign", a school
    bus a "hood" and a "stop sign"."""
    variant = pick_variant(rng, ["city bus", "school bus", "double-decker bus"])
    L = {"city bus": rng.uniform(10.5, 12.2), "school bus": rng.uniform(10.0, 11.5),
         "double-decker bus": rng.uniform(10.0, 11.2)}[variant]
    W = rng.uniform(2.45, 2.55)
    H = rng.uniform(4.2, 4.4) if variant == "double-decker bus" else rng.uniform(3.0, 3.25)
    r, z0 = rng.uniform(0.48, 0.52), 0.35
    paint = {"city bus": pick(rng, BRIGHT + PALE), "school bus": jitter(rng, (0.98, 0.75, 0.05), 0.03),
             "double-decker bus": pick(rng, [(0.8, 0.1, 0.1), (0.75, 0.12, 0.12), (0.15, 0.35, 0.75)])}[variant]
    b = PartMesh()
    xb = L / 2 - (rng.uniform(1.3, 1.5) if variant == "school bus" else 0.0)
    body = np.array([[-L / 2, z0], [xb, z0], [xb, H - 0.2], [xb - 0.2, H], [-L / 2 + 0.2, H], [-L / 2, H - 0.2]])
    b.add("body", side_slab(body, W), paint)
    if variant == "school bus":
        hood = np.array([[xb - 0.05, z0], [L / 2, z0], [L / 2, z0 + 0.9], [L / 2 - 0.35, z0 + 1.3],
                         [xb - 0.05, z0 + 1.35]])
        b.add("hood", side_slab(hood, W * 0.8), paint)
        b.alias("hood", "bonnet", "engine hood", "the nose")
        b.add("stop sign", transform(extrude(np.column_stack([np.cos(np.arange(8) * np.pi / 4 + np.pi / 8),
                                                                np.sin(np.arange(8) * np.pi / 4 + np.pi / 8)]) * 0.22,
                                             0.02), (-np.pi / 2, 0, 0), (xb - 1.2, W / 2, z0 + 1.5)),
              (0.85, 0.1, 0.1))
        b.alias("stop sign", "stop arm", "red sign", "the octagon")
    else:
        b.add("destination sign", box((0.03, W * 0.7, 0.25), (xb + 0.015, 0, H - 0.25)), (0.1, 0.1, 0.1))
        b.alias("destination sign", "route sign", "sign board", "route display")
    # Front glass: tall on a flat-fronted bus, above the hood on a school bus; a double-decker has two.
    wz0 = z0 + 1.5 if variant == "school bus" else z0 + 0.85
    wz1 = z0 + 1.95 if variant == "double-decker bus" else H - 0.45
    b.add("windshield", box((0.03, W * 0.9, wz1 - wz0), (xb + 0.015, 0, (wz0 + wz1) / 2)), GLASS)
    if variant == "double-decker bus":
        upper = box((0.03, W * 0.9, H - 0.5 - (z0 + 2.45)), (xb + 0.015, 0, (H - 0.5 + z0 + 2.45) / 2))
        b.add("windshield", upper, GLASS)
    door_w = 1.1
    doors = [xb - 0.35 - door_w / 2] + ([-L * 0.05] if variant == "city bus" else [])
    door_h = H - z0 - (0.5 if variant != "double-decker bus" else 1.9)
    for dx in doors:
        b.add("door", box((door_w, 0.03, door_h), (dx, -W / 2 - 0.01, z0 + door_h / 2 + 0.05)),
              GLASS if variant == "city bus" else jitter(rng, paint, 0.1))
    rows = [(z0 + 1.0, z0 + 1.85)] if variant == "double-decker bus" else [(z0 + 1.1, H - 0.4)]
    if variant == "double-decker bus":
        rows.append((z0 + 2.5, H - 0.3))
    nwin = int(L // 1.3)
    for k, (a, c) in enumerate(rows):
        for s in (-1, 1):
            skip = [(dx - door_w / 2, dx + door_w / 2) for dx in doors] if s < 0 and k == 0 else None
            _window_row(b, -L / 2 + 0.3, xb - 0.3, a, c, s * (W / 2 + 0.01), nwin, skip)
    for x in (xb - (0.9 if variant == "school bus" else 2.5), -L / 2 + rng.uniform(2.6, 3.2)):
        for s in (-1, 1):
            b.add("wheel", axle_y(r, 0.3, (x, s * (W / 2 - 0.16), r), 24), DARK[0])
            b.add("hubcap", axle_y(r * 0.55, 0.32, (x, s * (W / 2 - 0.16), r), 16), METAL[0])
    xfront = L / 2
    hw = W * 0.8 / 2 if variant == "school bus" else W / 2
    for s in (-1, 1):
        b.add("headlight", box((0.03, 0.3, 0.15), (xfront + 0.015, s * hw * 0.72, z0 + 0.45)), LAMP)
        b.add("taillight", box((0.03, 0.2, 0.3), (-L / 2 - 0.015, s * W * 0.4, z0 + 0.7)), RED_LAMP)
        arm_z = H - 0.35 if variant != "school bus" else z0 + 1.6
        tip = (xb + 0.35, s * (W / 2 + 0.2), arm_z - 0.2)
        b.add("mirror", rod((xb - 0.1, s * (W / 2 - 0.02), arm_z), tip, 0.02, 6), DARK[1])
        b.add("mirror", box((0.06, 0.2, 0.35), (tip[0], tip[1], tip[2] - 0.17)), DARK[1])
    b.add("bumper", box((0.15, W * (0.82 if variant == "school bus" else 1.0), 0.3), (xfront + 0.05, 0, z0 + 0.1)),
          DARK[1])
    b.add("bumper", box((0.15, W, 0.3), (-L / 2 - 0.05, 0, z0 + 0.1)), DARK[1])
    b.group("glass", "window", "windshield").alias("glass", "glazing", "all the windows")
    b.group("tire and rim", "wheel", "hubcap").alias("tire and rim", "wheel assembly", "running gear")
    b.group("lights", "headlight", "taillight").alias("lights", "lamps", "bus lights")
    b.alias("body", "bodywork", "shell", "the big box").alias("window", "windows", "side windows", "passenger windows")
    b.alias("windshield", "windscreen", "front window", "front glass").alias("door", "doors", "entrance", "bus door")
    b.alias("wheel", "wheels", "tire", "tyre").alias("hubcap", "rim", "wheel hub")
    b.alias("headlight", "headlights", "headlamp", "front light").alias("taillight", "rear light", "brake light")
    b.alias("mirror", "mirrors", "side mirror", "rear-view mirror").alias("bumper", "bumpers", "fender bar")
    return b.build("bus", ground=True, variant=variant)


def _buffers(b: PartMesh, x_end: float, side: int, z: float, beam_w: float, color: tuple) -> None:
    """A "buffer beam" across the end x_end of a locomotive and two sprung "buffer"s sticking out of it."""
    b.add("buffer beam", box((0.2, beam_w, 0.5), (x_end - side * 0.1, 0, z)), color)
    for s in (-1, 1):
        b.add("buffer", rod((x_end, s * 0.87, z), (x_end + side * 0.4, s * 0.87, z), 0.08, 10), METAL[1])
        disc = along_x(cylinder(0.2, 0.05, -0.025, 16), (x_end + side * 0.4, s * 0.87, z))
        b.add("buffer", disc, METAL[1])


def make_locomotive(rng: np.random.Generator) -> ProceduralObject:
    """Locomotive along +x on standard-gauge "wheel"s: a steam engine ("boiler", "smokebox", "chimney", "steam
    dome", "cab", "coupling rod"s, "cowcatcher"), or a diesel / electric one ("body", "cab", "bogie"s, a diesel's
    "exhaust stack", "fuel tank" and "handrail"s, an electric's "pantograph"); all have a "frame", "window"s,
    "buffer beam"s with "buffer"s and a "headlight"."""
    variant = pick_variant(rng, ["steam locomotive", "diesel locomotive", "electric locomotive"])
    b = PartMesh()
    gy, ww, buf_z = 0.75, 0.14, 1.06
    dark, red = DARK[0], jitter(rng, (0.75, 0.1, 0.08), 0.05)
    if variant == "steam locomotive":
        paint = pick(rng, [(0.08, 0.08, 0.08), (0.1, 0.3, 0.15), (0.45, 0.08, 0.06), (0.12, 0.18, 0.4)])
        rd, n = rng.uniform(0.75, 0.95), int(rng.integers(2, 5))
        pitch, cab_l = 2 * rd + 0.15, rng.uniform(2.2, 2.6)
        L = 1.0 + n * pitch + 3.4
        zf = 2 * rd + 0.1
        xd = [-L / 2 + 1.0 + rd + k * pitch for k in range(n)]
        xl = [L / 2 - 1.2, L / 2 - 2.2]
        b.add("frame", box((L - 0.4, 2.7, 0.06), (0, 0, zf)), dark)
        b.add("frame", box((L - 0.4, 1.3, zf - 0.45), (0, 0, (zf + 0.45) / 2)), dark)
        for x in xd:
            for s in (-1, 1):
                b.add("wheel", axle_y(rd, ww, (x, s * gy, rd), 24), red if rng.random() < 0.3 else dark)
        for x in xl:
            for s in (-1, 1):
                b.add("wheel", axle_y(0.45, ww, (x, s * gy, 0.45), 16), dark)
        a = rng.uniform(0, 2 * np.pi)
        for s in (-1, 1):
            y = s * (gy + ww / 2 + 0.05)
            pins = np.array([[x + rd * 0.4 * np.cos(a), y, rd + rd * 0.4 * np.sin(a)] for x in xd])
            b.add("coupling rod", tube(pins, 0.045, 8), METAL[1])
        rb = rng.uniform(0.75, 0.85)
        zb = zf + rb + 0.05
        x_cab = -L / 2 + cab_l
        x_sm = L / 2 - 1.3
        b.add("boiler", along_x(cylinder(rb, x_sm - x_cab + 0.1, 0.0, 20), (x_cab - 0.1, 0, zb)), paint)
        b.add("smokebox", along_x(cylinder(rb * 1.03, 0.9, 0.0, 20), (x_sm, 0, zb)), dark)
        b.add("smokebox", box((0.9, rb * 1.2, zb - zf), (x_sm + 0.45, 0, (zb + zf) / 2)), dark)
        chim = np.array([(0.0, 0.0), (0.22, 0.0), (0.18, 0.65), (0.27, 0.75), (0.0, 0.75)])
        b.add("chimney", revolve(chim, 16).translate((x_sm + 0.45, 0, zb + rb * 0.85)), dark)
        b.add("steam dome", ellipsoid((0.35, 0.35, 0.4), ((x_cab + x_sm) / 2, 0, zb + rb * 0.85), 12), paint)
        roof = zf + rng.uniform(2.3, 2.6)
        b.add("cab", box((cab_l - 0.2, 2.7, roof - zf), (-L / 2 + 0.1 + cab_l / 2, 0, (roof + zf) / 2)), paint)
        b.add("cab", box((cab_l + 0.2, 2.9, 0.08), (-L / 2 + 0.1 + cab_l / 2, 0, roof + 0.04)), dark)
        for s in (-1, 1):
            b.add("window", box((0.7, 0.02, 0.6), (x_cab - 0.6, s * 1.36, roof - 0.6)), GLASS)
            b.add("window", along_x(cylinder(0.2, 0.02, 0.0, 12), (x_cab + 0.0, s * 0.9, zb + rb * 0.6)), GLASS)
        b.add("headlight", along_x(cylinder(0.16, 0.3, 0.0, 14), (L / 2 - 0.45, 0, zb + rb + 0.05)), LAMP)
        pilot = np.array([[L / 2 - 0.1, -1.2], [L / 2 - 0.1, 1.2], [L / 2 + 0.55, 0.0]])
        b.add("cowcatcher", extrude(pilot, 0.75).translate((0, 0, 0.12)), red)
        b.alias("boiler", "body", "boiler barrel", "the big cylinder")
        b.alias("smokebox", "smoke box", "front of the boiler")
        b.alias("chimney", "smokestack", "funnel", "stack").alias("steam dome", "dome", "the bump on top")
        b.alias("coupling rod", "side rod", "connecting rod", "rods").alias("cowcatcher", "pilot", "plough")
        b.group("boiler assembly", "boiler", "smokebox", "steam dome", "chimney")
        b.alias("boiler assembly", "engine body", "steam engine body")
    else:
        electric = variant == "electric locomotive"
        paint = pick(rng, BRIGHT + PALE) if electric else pick(rng, BRIGHT + DARK)
        L, W = rng.uniform(15.0, 19.0) if electric else rng.uniform(16.0, 20.0), rng.uniform(2.9, 3.05)
        r, zf = rng.uniform(0.48, 0.53), rng.uniform(1.15, 1.3)
        n_ax = 2 if electric else int(rng.integers(2, 4))
        b.add("frame", box((L - 0.4, W, 0.2), (0, 0, zf)), dark)
        for xc in (-(L / 2 - 3.3), L / 2 - 3.3):
            span = (n_ax - 1) * 2.0
            for k in range(n_ax):
                x = xc - span / 2 + k * 2.0
                for s in (-1, 1):
                    b.add("wheel", axle_y(r, ww, (x, s * gy, r), 20), dark)
            for s in (-1, 1):
                b.add("bogie", box((span + 1.4, 0.2, 0.5), (xc, s * (gy + ww / 2 + 0.1), r + 0.05)), DARK[1])
            b.add("bogie", box((1.2, 2 * (gy + ww / 2 + 0.2), zf - 0.1 - r - 0.25), (xc, 0, (zf - 0.1 + r + 0.25) / 2)),
                  DARK[1])
        top = zf + rng.uniform(2.9, 3.15)
        if electric:
            cab_l = rng.uniform(1.8, 2.2)
            b.add("body", box((L - 0.6 - 2 * cab_l, W - 0.05, top - zf), (0, 0, (top + zf) / 2)), paint)
            for side in (-1, 1):
                xe = side * (L / 2 - 0.3)
                b.add("cab", box((cab_l, W - 0.05, top - zf), (xe - side * cab_l / 2, 0, (top + zf) / 2)),
                      jitter(rng, paint, 0.08))
                b.add("window", box((0.03, W * 0.8, 0.8), (xe + side * 0.015, 0, top - 0.6)), GLASS)
                for s in (-1, 1):
                    pane = box((0.8, 0.02, 0.6), (xe - side * cab_l * 0.5, s * (W / 2 - 0.015), top - 0.6))
                    b.add("window", pane, GLASS)
            for s in (-1, 1):
                _window_row(b, -L / 2 + 0.3 + cab_l, L / 2 - 0.3 - cab_l, top - 1.0, top - 0.5, s * (W / 2 - 0.015),
                            int(L // 2.5))
            px = L / 4 * (1 if rng.random() < 0.5 else -1)
            ph = rng.uniform(1.0, 1.4)
            b.add("pantograph", box((1.2, 1.0, 0.15), (px, 0, top + 0.075)), DARK[1])
            knee = (px - 0.8, 0, top + ph * 0.5)
            for s in (-1, 1):
                b.add("pantograph", rod((px + 0.4, s * 0.3, top + 0.15), (knee[0], s * 0.3, knee[2]), 0.03, 6),
                      METAL[1])
                b.add("pantograph", rod((knee[0], s * 0.3, knee[2]), (px, s * 0.2, top + ph), 0.025, 6), METAL[1])
            b.add("pantograph", rod((px, -0.95, top + ph), (px, 0.95, top + ph), 0.04, 8), METAL[1])
            b.alias("pantograph", "current collector", "the arm that touches the wire", "roof pantograph")
            b.alias("body", "carbody", "car body", "main body")
        else:
            x_cab1 = L / 2 - rng.uniform(1.4, 1.8)
            x_cab0 = x_cab1 - rng.uniform(2.2, 2.6)
            hood_h = top - 0.35
            hood = box((x_cab0 + L / 2 - 0.5, 2.1, hood_h - zf), ((x_cab0 - L / 2 + 0.5) / 2, 0, (hood_h + zf) / 2))
            b.add("body", hood, paint)
            b.add("body", box((L / 2 - 0.4 - x_cab1, 2.1, 1.4), ((L / 2 - 0.4 + x_cab1) / 2, 0, zf + 0.7)), paint)
            b.add("cab", box((x_cab1 - x_cab0, W - 0.1, top - zf), ((x_cab0 + x_cab1) / 2, 0, (top + zf) / 2)),
                  jitter(rng, paint, 0.06))
            b.add("window", box((0.03, W * 0.8, 0.8), (x_cab1 + 0.015, 0, top - 0.6)), GLASS)
            for s in (-1, 1):
                b.add("window", box((1.0, 0.02, 0.7), ((x_cab0 + x_cab1) / 2, s * (W / 2 - 0.035), top - 0.6)), GLASS)
                rail = np.array([[-L / 2 + 0.4, s * (W / 2 - 0.05), zf + 1.0], [x_cab0, s * (W / 2 - 0.05), zf + 1.0]])
                b.add("handrail", tube(rail, 0.025, 6), pick(rng, [(0.95, 0.8, 0.1), (0.9, 0.9, 0.9)]))
                for x in np.linspace(-L / 2 + 0.4, x_cab0, 6):
                    b.add("handrail", rod((x, s * (W / 2 - 0.05), zf), (x, s * (W / 2 - 0.05), zf + 1.0), 0.02, 5),
                          pick(rng, [(0.95, 0.8, 0.1)]))
            b.add("exhaust stack", cylinder(0.15, 0.35, hood_h - 0.02, 12).translate((x_cab0 - 2.0, 0, 0)), dark)
            tank_l = L - 2 * 3.3 - (n_ax - 1) * 2.0 - 2.0
            b.add("fuel tank", box((tank_l, 2.3, zf - 0.1 - 0.5), (0, 0, (zf - 0.1 + 0.5) / 2)), dark)
            b.alias("exhaust stack", "exhaust", "smokestack", "chimney").alias("fuel tank", "tank", "diesel tank")
            b.alias("handrail", "handrails", "railing", "guard rail")
            b.alias("body", "long hood", "engine hood", "carbody")
        b.add("headlight", along_x(cylinder(0.15, 0.05, 0.0, 12), (L / 2 - 0.3 if electric else x_cab1, 0, top - 0.15)),
              LAMP)
        b.alias("bogie", "bogies", "truck", "wheel truck")
        b.group("running gear", "wheel", "bogie").alias("running gear", "undercarriage", "wheelset")
        L_end = L / 2
        _buffers(b, -L_end, -1, buf_z, W - 0.1, red)
        b.add("frame", box((0.2, 1.0, 0.3), (L_end - 0.2, 0, (buf_z + zf) / 2)), dark)
        b.add("frame", box((0.2, 1.0, 0.3), (-L_end + 0.2, 0, (buf_z + zf) / 2)), dark)
        _buffers(b, L_end, 1, buf_z, W - 0.1, red)
    if variant == "steam locomotive":
        _buffers(b, L / 2, 1, buf_z, 2.7, red)
        _buffers(b, -L / 2 + 0.2, -1, buf_z, 2.7, red)
    b.group("ends", "buffer beam", "buffer").alias("ends", "buffers and beams", "coupling end")
    b.alias("buffer beam", "headstock", "end beam", "bumper beam").alias("buffer", "buffers", "bumper", "spring buffer")
    b.alias("cab", "driver's cab", "cabin", "driver's compartment").alias("window", "windows", "windshield", "glass")
    b.alias("wheel", "wheels", "driving wheel", "train wheel").alias("frame", "chassis", "underframe", "running board")
    b.alias("headlight", "headlamp", "front light", "lamp")
    return b.build("locomotive", ground=True, variant=variant)


def make_excavator(rng: np.random.Generator) -> ProceduralObject:
    """Excavator along +x: crawler "track"s on an "undercarriage" (or "wheel"s and "outrigger"s), a "turntable",
    the "upper body" with "cab", "window"s, "engine cover" and "counterweight", a digging arm of "boom", "arm" and
    "bucket" with "bucket teeth" moved by "hydraulic cylinder"s; a mini excavator has a "dozer blade"."""
    variant = pick_variant(rng, ["tracked excavator", "wheeled excavator", "mini excavator"])
    k = rng.uniform(0.42, 0.5) if variant == "mini excavator" else rng.uniform(0.92, 1.08)
    paint = pick(rng, [(0.95, 0.72, 0.1), (0.95, 0.55, 0.1), (0.85, 0.15, 0.1), (0.9, 0.85, 0.2)])
    dark, metal = DARK[0], pick(rng, METAL)
    b = PartMesh()
    W = 3.0 * k
    if variant == "wheeled excavator":
        r = rng.uniform(0.5, 0.56)
        for x in (-1.3, 1.3):
            for s in (-1, 1):
                b.add("wheel", axle_y(r, 0.5, (x, s * (W / 2 - 0.3), r), 20), dark)
                b.add("wheel", axle_y(r * 0.5, 0.52, (x, s * (W / 2 - 0.3), r), 12), metal)
        b.add("undercarriage", box((4.0, W - 1.1, 0.7), (0, 0, r + 0.1)), DARK[1])
        for x in (-1.3, 1.3):
            b.add("undercarriage", rod((x, -(W / 2 - 0.3), r), (x, W / 2 - 0.3, r), 0.12, 8), DARK[1])
        for s in (-1, 1):
            leg = rod((-2.0, s * 0.6, r + 0.2), (-2.3, s * (W / 2 + 0.2), 0.15), 0.1, 8)
            b.add("outrigger", leg, jitter(rng, paint))
            b.add("outrigger", cylinder(0.3, 0.1, 0.0, 12).translate((-2.3, s * (W / 2 + 0.2), 0.02)), DARK[1])
        b.alias("wheel", "wheels", "tires", "tyres").alias("outrigger", "stabilizer", "stabilizer leg", "support leg")
        z_u = r + 0.45
    else:
        lt, ht, tw = rng.uniform(4.0, 4.6) * k, 0.9 * k, 0.6 * k
        rr = ht / 2
        t0, t1 = np.linspace(-np.pi / 2, np.pi / 2, 7), np.linspace(np.pi / 2, 1.5 * np.pi, 7)
        outline = np.vstack([np.column_stack([lt / 2 - rr + rr * np.cos(t0), rr + rr * np.sin(t0)]),
                             np.column_stack([-lt / 2 + rr + rr * np.cos(t1), rr + rr * np.sin(t1)])])
        for s in (-1, 1):
            b.add("track", side_slab(outline, tw, s * (W / 2 - tw / 2)), dark)
        b.add("undercarriage", box((lt * 0.8, W - 2 * tw + 0.02, ht * 0.5), (0, 0, ht * 0.55)), DARK[1])
        b.alias("track", "tracks", "crawler track", "caterpillar tracks")
        z_u = ht + 0.02
        if variant == "mini excavator":
            bx = lt / 2 + 0.35
            b.add("dozer blade", box((0.08, W + 0.05, 0.42), (bx, 0, 0.21)), jitter(rng, paint, 0.05))
            for s in (-1, 1):
                b.add("dozer blade", rod((bx, s * W * 0.3, 0.3), (lt * 0.3, s * W * 0.3, ht * 0.55), 0.05, 6),
                      jitter(rng, paint, 0.05))
            b.alias("dozer blade", "blade", "front blade", "push blade")
    b.add("turntable", cylinder(0.9 * k, 0.15 * k, z_u - 0.02, 20), DARK[1])
    z_u += 0.13 * k
    lh = 3.0 * k
    deck = 0.3 * k
    b.add("upper body", box((lh, W * 0.95, deck), (0, 0, z_u + deck / 2)), paint)
    ec = 1.1 * k
    b.add("engine cover", box((1.2 * k, W * 0.95, ec), (-lh / 2 + 0.6 * k, 0, z_u + deck + ec / 2)), paint)
    weight = rounded_slab(0.9 * k, W * 0.95, deck + ec, 0.35 * k, (-lh / 2 - 0.15 * k, 0, z_u + (deck + ec) / 2))
    b.add("counterweight", weight,
          jitter(rng, paint, 0.08) if rng.random() < 0.5 else DARK[1])
    cab_l, cab_w, cab_h = 1.6 * k, 1.0 * k, 1.75 * k
    cy = W * 0.95 / 2 - cab_w / 2
    cx = lh / 2 - cab_l / 2
    zc = z_u + deck
    b.add("cab", box((cab_l, cab_w, cab_h), (cx, cy, zc + cab_h / 2)), jitter(rng, paint, 0.05))
    b.add("window", box((0.02, cab_w * 0.85, cab_h * 0.6), (cx + cab_l / 2 + 0.01, cy, zc + cab_h * 0.6)), GLASS)
    b.add("window", box((cab_l * 0.8, 0.02, cab_h * 0.55), (cx, cy + cab_w / 2 + 0.01, zc + cab_h * 0.6)), GLASS)
    # Digging arm: the boom rises from the front of the upper body, the arm hangs from its tip, the bucket curls in.
    by = cy - cab_w / 2 - 0.35 * k
    foot = np.array([lh / 2 - 0.4 * k, by, zc + 0.2 * k])
    up = rng.uniform(2.3, 2.8) * k
    elbow = foot + np.array([2.4 * k, 0, up])
    tip = elbow + np.array([rng.uniform(2.2, 2.8) * k, 0, -0.4 * k])
    b.add("boom", tube(np.array([foot, elbow, tip]), 0.2 * k, 8), paint)
    pivot = np.array([tip[0] + rng.uniform(0.3, 0.8) * k, by, 1.05 * k])
    arm_top = tip + (tip - pivot) * 0.18
    b.add("arm", tube(np.array([arm_top, pivot]), 0.15 * k, 8), paint)
    low = np.array([0, 0, -0.15 * k])
    b.add("hydraulic cylinder", rod(tuple(foot + np.array([0.3 * k, 0, 0]) + low),
                                    tuple(foot + (elbow - foot) * 0.6 + low), 0.08 * k, 8), metal)
    b.add("hydraulic cylinder", rod(tuple(elbow + np.array([0, 0, 0.2 * k])), tuple(arm_top), 0.07 * k, 8), metal)
    b.add("hydraulic cylinder", rod(tuple(arm_top + np.array([0.1 * k, 0, 0])), tuple(pivot + (arm_top - pivot) * 0.2
                                                                                      + np.array([0.15 * k, 0, 0])),
                                    0.06 * k, 8), metal)
    bucket = np.array([[-0.15, 0.15], [0.35, 0.1], [0.75, -0.35], [0.6, -0.9], [0.0, -0.8], [-0.25, -0.35]]) * k
    bucket = bucket + pivot[[0, 2]]
    bw = rng.uniform(0.9, 1.1) * k
    b.add("bucket", side_slab(bucket, bw, by), jitter(rng, paint, 0.05) if rng.random() < 0.6 else DARK[1])
    for j in range(int(rng.integers(4, 6))):
        y = by - bw / 2 + bw * (j + 0.5) / 5
        b.add("bucket teeth", box((0.18 * k, 0.07 * k, 0.06 * k), (pivot[0] + 0.68 * k, y, pivot[2] - 0.9 * k)), metal)
    b.group("digging arm", "boom", "arm", "bucket", "bucket teeth", "hydraulic cylinder")
    b.alias("digging arm", "front attachment", "the arm it digs with")
    b.group("house", "upper body", "engine cover", "counterweight", "cab")
    b.alias("house", "superstructure", "upper structure")
    b.alias("upper body", "body", "deck", "revolving frame").alias("engine cover", "engine hood", "engine compartment")
    b.alias("counterweight", "rear weight", "the heavy back part")
    b.alias("cab", "cabin", "operator's cab", "driver's cab")
    b.alias("window", "windows", "windshield", "cab glass").alias("turntable", "swing ring", "slewing ring")
    b.alias("undercarriage", "chassis", "lower frame", "base").alias("boom", "main boom", "the first arm")
    b.alias("arm", "stick", "dipper", "dipper arm").alias("bucket", "scoop", "shovel", "digging bucket")
    b.alias("bucket teeth", "teeth", "tooth", "bucket tips")
    b.alias("hydraulic cylinder", "hydraulic cylinders", "hydraulic ram", "piston")
    return b.build("excavator", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "helicopter": [make_helicopter],
    "tractor": [make_tractor],
    "kick scooter": [make_kick_scooter],
    "bus": [make_bus],
    "locomotive": [make_locomotive],
    "excavator": [make_excavator],
}
