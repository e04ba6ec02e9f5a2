"""Vehicles: cars, bicycles, motorbikes, skateboards, rockets, carts, trucks, boats.

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
    transform,
    tube,
)

GLASS = (0.15, 0.2, 0.25)


def make_car(rng: np.random.Generator) -> ProceduralObject:
    """Car along +x: "body", "hood", "roof", "window"s (windshield, side, rear), "door"s, "wheel"s with "hubcap"s,
    "headlight"s, "taillight"s, side "mirror"s; a pickup has a "cargo bed"."""
    variant = pick_variant(rng, ["sedan", "hatchback", "suv", "pickup truck"])
    L = {"sedan": rng.uniform(4.4, 4.9), "hatchback": rng.uniform(3.8, 4.2), "suv": rng.uniform(4.5, 4.9), "pickup truck": rng.uniform(5.2, 5.8)}[variant]
    W = rng.uniform(1.75, 1.9)
    r = rng.uniform(0.31, 0.34) if variant not in ("suv", "pickup truck") else rng.uniform(0.36, 0.4)
    clear = r * 0.55
    belt = clear + rng.uniform(0.55, 0.65) * (1.15 if variant in ("suv", "pickup truck") else 1.0)
    roof = belt + rng.uniform(0.42, 0.5)
    paint = pick(rng, BRIGHT + PALE + DARK + METAL)
    b = PartMesh()
    # Lower body: a side outline with sloped bumpers, extruded across the width.
    lower = np.array([[-L / 2, clear + 0.1], [-L / 2 + 0.1, clear], [L / 2 - 0.15, clear], [L / 2, clear + 0.15],
                      [L / 2, belt - 0.12], [L / 2 - 0.2, belt], [-L / 2 + 0.1, belt], [-L / 2, belt - 0.08]])
    b.add("body", side_slab(lower, W), paint)
    # Cabin: a trapezoid between the pillars (front and rear screens slope).
    xf = {"sedan": L * 0.18, "hatchback": L * 0.22, "suv": L * 0.25, "pickup truck": L * 0.12}[variant]
    xr = {"sedan": -L * 0.28, "hatchback": -L / 2 + 0.08, "suv": -L / 2 + 0.12, "pickup truck": -L * 0.08}[variant]
    rake_f, rake_r = 0.7 * (roof - belt), (0.6 if variant == "sedan" else 0.15) * (roof - belt)
    wc = W * 0.9
    cabin = np.array([[xr, belt], [xf, belt], [xf - rake_f, roof], [xr + rake_r, roof]])
    b.add("body", side_slab(cabin, wc), paint)
    b.add("roof", box((xf - rake_f - xr - rake_r, wc, 0.02), ((xf - rake_f + xr + rake_r) / 2, 0, roof + 0.01)), jitter(rng, paint, 0.04))
    b.add("hood", box((L / 2 - 0.2 - xf, W * 0.92, 0.015), ((L / 2 - 0.2 + xf) / 2, 0, belt + 0.0075)), jitter(rng, paint, 0.04))
    # Glass: side windows just proud of the cabin sides, screens on its sloped faces.
    side = np.array([[xr + 0.1, belt + 0.05], [xf - 0.12, belt + 0.05], [xf - rake_f + 0.02, roof - 0.05], [xr + rake_r + 0.04, roof - 0.05]])
    for s in (-1, 1):
        b.add("window", side_slab(side, 0.006, s * (wc / 2 + 0.003)), GLASS)
    for x0, x1, sgn in ((xf, xf - rake_f, 1), (xr, xr + rake_r, -1)):
        phi = np.arctan2(x1 - x0, roof - belt)
        length = np.hypot(x1 - x0, roof - belt) * 0.9
        pane = transform(box((0.006, wc * 0.9, length), (0, 0, 0)), (0, phi, 0), ((x0 + x1) / 2 + sgn * 0.01, 0, (belt + roof) / 2))
        b.add("window", pane, GLASS)
    n_doors = 2 if variant in ("pickup truck",) or rng.random() < 0.25 else 4
    door_x = np.linspace(xf - 0.05, xr + (0.05 if variant != "pickup truck" else 0.02), n_doors // 2 + 1)
    for s in (-1, 1):
        for k in range(n_doors // 2):
            x1, x0 = door_x[k], door_x[k + 1]
            b.add("door", box((x1 - x0 - 0.03, 0.01, belt - clear - 0.12), ((x0 + x1) / 2, s * (W / 2 + 0.005), (belt + clear) / 2 + 0.04)), jitter(rng, paint, 0.03))
            b.add("door handle", box((0.12, 0.02, 0.025), (x1 - 0.15, s * (W / 2 + 0.015), belt - 0.1)), pick(rng, METAL + DARK))
        b.add("mirror", box((0.06, 0.16, 0.1), (xf - 0.08, s * (W / 2 + 0.08), belt + 0.08)), jitter(rng, paint))
        b.add("headlight", box((0.02, 0.3, 0.08), (L / 2 + 0.005, s * W * 0.33, belt - 0.18)), (0.95, 0.95, 0.85))
        b.add("taillight", box((0.02, 0.25, 0.08), (-L / 2 - 0.005, s * W * 0.35, belt - 0.15)), (0.8, 0.1, 0.1))
    if variant == "pickup truck":
        bed_x0, bed_x1 = -L / 2 + 0.05, xr - 0.05
        for s in (-1, 1):
            b.add("cargo bed", box((bed_x1 - bed_x0, 0.05, 0.45), ((bed_x0 + bed_x1) / 2, s * (W / 2 - 0.025), belt + 0.22)), jitter(rng, paint, 0.03))
        b.add("cargo bed", box((0.05, W, 0.45), (bed_x0 + 0.025, 0, belt + 0.22)), jitter(rng, paint, 0.03))
        b.alias("cargo bed", "truck bed", "the open back", "load bed")
    wb = L * 0.6
    for x in (-wb / 2 - L * 0.02, wb / 2 + L * 0.03):
        for s in (-1, 1):
            b.add("wheel", axle_y(r, 0.22, (x, s * (W / 2 - 0.1), r), 28), DARK[0])
            b.add("hubcap", axle_y(r * 0.6, 0.23, (x, s * (W / 2 - 0.1), r), 20), pick(rng, METAL))
    b.group("tire and rim", "wheel", "hubcap").alias("tire and rim", "wheels", "wheel assembly")
    b.group("lights", "headlight", "taillight").alias("lights", "lamps", "car lights")
    b.alias("wheel", "tire", "tyre", "wheels").alias("hubcap", "rim", "wheel cover")
    b.alias("window", "windows", "glass", "windshield").alias("door", "doors", "car door")
    b.alias("door handle", "handle", "the part you pull").alias("mirror", "side mirror", "wing mirror")
    b.alias("headlight", "headlamp", "front light").alias("taillight", "rear light", "brake light")
    b.alias("body", "car body", "chassis", "bodywork").alias("hood", "bonnet", "engine cover").alias("roof", "top", "car roof")
    return b.build("car", ground=True, variant=variant)


def _spoked_wheel(b: PartMesh, center: tuple[float, float, float], radius: float, tire: float, n_spokes: int,
                  tire_c: tuple, metal: tuple) -> None:
    """A bicycle-type wheel in the x-z plane: "tire" torus, "rim" ring, "spoke"s, "hub"."""
    x, y, z = center
    b.add("tire", ring(radius, tire, center, "y", 40), tire_c)
    b.add("rim", ring(radius - tire - 0.006, 0.008, center, "y", 40), metal)
    b.add("hub", axle_y(0.02, 0.08, center, 12), metal)
    for k in range(n_spokes):
        a = 2 * np.pi * k / n_spokes
        b.add("spoke", rod((x, y, z), (x + (radius - tire - 0.01) * np.cos(a), y, z + (radius - tire - 0.01) * np.sin(a)), 0.0015, 4), metal)


def make_bicycle(rng: np.random.Generator) -> ProceduralObject:
    """Bicycle along +x: "wheel"s (tire, rim, spokes, hub), "frame", "fork", "handlebar", "seat", "seat post",
    "pedal"s, "crank"s and a "chainring" (group "drivetrain"), maybe a "basket"."""
    variant = pick_variant(rng, ["road bike", "mountain bike", "city bike"])
    R = rng.uniform(0.33, 0.36)
    tire = {"road bike": 0.014, "mountain bike": 0.028, "city bike": 0.02}[variant]
    wb = rng.uniform(0.98, 1.08)
    frame_c, metal = pick(rng, BRIGHT + DARK + METAL), pick(rng, METAL)
    b = PartMesh()
    rear, front = np.array([-wb / 2, 0, R]), np.array([wb / 2, 0, R])
    bb = np.array([-wb / 2 + 0.42, 0, R - 0.07])
    seat_top = bb + np.array([-0.16, 0, 0.55])
    head_top = front + np.array([-0.2, 0, 0.48 if variant != "city bike" else 0.55])
    head_bot = front + np.array([-0.16, 0, 0.32])
    tubes = [(bb, seat_top), (bb, head_bot), (bb, rear), (seat_top, rear), (head_bot, head_top)]
    if variant == "city bike":
        tubes.append((bb + np.array([0.06, 0, 0.05]), head_bot + np.array([-0.02, 0, 0.08])))  # a low step-through tube
    else:
        tubes.append((seat_top - np.array([0, 0, 0.04]), head_top - np.array([0, 0, 0.04])))
    for p, q in tubes:
        b.add("frame", rod(tuple(p), tuple(q), 0.018 if variant == "mountain bike" else 0.014, 10), frame_c)
    for s in (-1, 1):
        b.add("fork", rod(tuple(head_bot + [0, 0, 0]), tuple(front + [0, s * 0.05, 0]), 0.012, 8), jitter(rng, frame_c))
    for c in (rear, front):
        _spoked_wheel(b, tuple(c), R, tire, 16 if variant != "road bike" else 20, DARK[0], metal)
    post_top = seat_top + np.array([-0.05, 0, 0.15])
    b.add("seat post", rod(tuple(seat_top), tuple(post_top), 0.012, 8), metal)
    b.add("seat", ellipsoid((0.13, 0.07 if variant != "city bike" else 0.1, 0.03), tuple(post_top + [0.0, 0, 0.02]), 12), DARK[1])
    stem_top = head_top + np.array([0.05 if variant != "city bike" else -0.05, 0, 0.06])
    b.add("stem", rod(tuple(head_top), tuple(stem_top), 0.012, 8), metal)
    hw = {"road bike": 0.21, "mountain bike": 0.36, "city bike": 0.3}[variant]
    if variant == "road bike":
        for s in (-1, 1):
            drop = np.array([[stem_top[0], s * hw, stem_top[2]], [stem_top[0] + 0.08, s * hw, stem_top[2] - 0.01],
                             [stem_top[0] + 0.1, s * hw, stem_top[2] - 0.08], [stem_top[0] + 0.04, s * hw, stem_top[2] - 0.13]])
            b.add("handlebar", tube(drop, 0.012, 8), DARK[1])
        b.add("handlebar", rod((stem_top[0], -hw, stem_top[2]), (stem_top[0], hw, stem_top[2]), 0.012, 8), DARK[1])
    else:
        bar = np.array([[stem_top[0] - (0.1 if variant == "city bike" else 0), -hw, stem_top[2]], [stem_top[0], -hw * 0.5, stem_top[2]],
                        [stem_top[0], hw * 0.5, stem_top[2]], [stem_top[0] - (0.1 if variant == "city bike" else 0), hw, stem_top[2]]])
        b.add("handlebar", tube(bar, 0.012, 8), DARK[1])
        for s in (-1, 1):
            b.add("grip", rod((bar[0 if s < 0 else 3][0], s * hw, stem_top[2]), (bar[0 if s < 0 else 3][0], s * (hw - 0.1), stem_top[2]), 0.017, 10), DARK[0])
        b.alias("grip", "handlebar grip", "the part you hold")
    b.add("chainring", ring(0.09, 0.005, (bb[0], 0.05, bb[2]), "y", 28), metal)
    a = rng.uniform(0, np.pi)
    for s, ang in ((1, a), (-1, a + np.pi)):
        end = bb + np.array([0.17 * np.cos(ang), s * 0.07, 0.17 * np.sin(ang)])
        b.add("crank", rod((bb[0], s * 0.06, bb[2]), tuple(end), 0.01, 6), metal)
        b.add("pedal", box((0.09, 0.08, 0.02), (end[0], s * 0.12, end[2])), DARK[1])
    b.add("chain", tube(np.array([[bb[0], 0.05, bb[2] + 0.09], [rear[0], 0.05, rear[2] + 0.04], [rear[0], 0.05, rear[2] - 0.04],
                                  [bb[0], 0.05, bb[2] - 0.09]]), 0.004, 6), DARK[1])
    if variant == "city bike":
        bx = front + np.array([0.08, 0, 0.42])
        b.add("basket", box((0.3, 0.35, 0.02), tuple(bx)), pick(rng, WOOD + METAL))
        for s in (-1, 1):
            b.add("basket", box((0.3, 0.015, 0.22), (bx[0], s * 0.17, bx[2] + 0.11)), pick(rng, WOOD + METAL))
            b.add("basket", box((0.015, 0.35, 0.22), (bx[0] + s * 0.15, 0, bx[2] + 0.11)), pick(rng, WOOD + METAL))
        b.alias("basket", "front basket", "carrier")
    b.group("wheel", "tire", "rim", "spoke", "hub").alias("wheel", "wheels", "bicycle wheel")
    b.group("drivetrain", "chainring", "crank", "pedal", "chain").alias("drivetrain", "drive train", "gears")
    b.alias("tire", "tyre", "tires").alias("rim", "wheel rim", "metal rim").alias("spoke", "spokes", "wire spokes")
    b.alias("hub", "axle", "wheel hub").alias("frame", "bike frame", "tubes").alias("fork", "front fork", "forks")
    b.alias("handlebar", "handlebars", "bars", "the part you steer with").alias("seat", "saddle", "the part you sit on")
    b.alias("seat post", "seatpost", "saddle post").alias("stem", "handlebar stem", "neck")
    b.alias("pedal", "pedals", "the part you push with your feet").alias("crank", "crank arm", "cranks")
    b.alias("chainring", "chain wheel", "front sprocket").alias("chain", "bike chain", "bicycle chain")
    return b.build("bicycle", ground=True, variant=variant)


def make_motorbike(rng: np.random.Generator) -> ProceduralObject:
    """Motorbike along +x: "wheel"s (tire + "rim"), "fork", "fuel tank", "seat", "engine", "exhaust", "handlebar",
    "headlight", "fender"s, "frame"."""
    variant = pick_variant(rng, ["sport bike", "cruiser", "dirt bike"])
    R = {"sport bike": 0.31, "cruiser": 0.33, "dirt bike": 0.37}[variant] * rng.uniform(0.95, 1.05)
    wb = rng.uniform(1.35, 1.6) * (1.1 if variant == "cruiser" else 1.0)
    paint, metal = pick(rng, BRIGHT + DARK), pick(rng, METAL)
    b = PartMesh()
    rear, front = np.array([-wb / 2, 0, R]), np.array([wb / 2, 0, R])
    for c in (rear, front):
        b.add("tire", ring(R - 0.055, 0.055, tuple(c), "y", 40), DARK[0])
        b.add("rim", axle_y(R - 0.1, 0.05, tuple(c), 24), metal)
    z_tank = R + {"sport bike": 0.45, "cruiser": 0.4, "dirt bike": 0.55}[variant]
    head = front + np.array([-0.22, 0, z_tank - R + 0.12])
    for s in (-1, 1):
        b.add("fork", rod(tuple(head + [0, s * 0.09, 0]), tuple(front + [0, s * 0.09, 0]), 0.022, 10), metal)
    b.add("frame", rod(tuple(head), (rear[0] + 0.35, 0, R + 0.05), 0.03, 10), DARK[1])
    b.add("frame", rod((rear[0] + 0.35, 0, R + 0.05), tuple(rear), 0.025, 10), DARK[1])
    b.add("frame", rod((rear[0] + 0.3, 0, z_tank - 0.05), (rear[0] - 0.05, 0, z_tank - 0.02), 0.02, 10), DARK[1])
    b.add("fuel tank", ellipsoid((0.24, 0.15, 0.11), (head[0] - 0.3, 0, z_tank), 16), paint)
    seat_l = 0.5 if variant != "sport bike" else 0.38
    b.add("seat", box((seat_l, 0.26, 0.08), (head[0] - 0.55 - seat_l / 2 + 0.1, 0, z_tank - (0.06 if variant == "cruiser" else 0.0))), DARK[0])
    b.add("engine", box((0.42, 0.3, 0.32), (head[0] - 0.35, 0, R + 0.05)), pick(rng, METAL + DARK))
    side = 1 if rng.random() < 0.5 else -1
    ex = np.array([[head[0] - 0.2, side * 0.12, R - 0.05], [rear[0] + 0.3, side * 0.2, R - 0.08],
                   [rear[0] - 0.1, side * 0.2, R + (0.2 if variant == "dirt bike" else 0.02)]])
    b.add("exhaust", tube(ex, 0.04, 12), metal)
    hb = head + np.array([0.02, 0, 0.1])
    b.add("handlebar", tube(np.array([[hb[0] - 0.08, -0.38, hb[2] + 0.04], [hb[0], -0.15, hb[2]], [hb[0], 0.15, hb[2]], [hb[0] - 0.08, 0.38, hb[2] + 0.04]]), 0.012, 8), DARK[1])
    for s in (-1, 1):
        b.add("grip", rod((hb[0] - 0.08, s * 0.38, hb[2] + 0.04), (hb[0] - 0.06, s * 0.28, hb[2] + 0.02), 0.018, 10), DARK[0])
        b.add("mirror", ellipsoid((0.02, 0.05, 0.035), (hb[0] + 0.02, s * 0.3, hb[2] + 0.18), 8), DARK[1])
        b.add("mirror", rod((hb[0], s * 0.25, hb[2]), (hb[0] + 0.02, s * 0.3, hb[2] + 0.15), 0.005, 5), DARK[1])
    b.add("headlight", along_x(cylinder(0.08, 0.06, 0.0, 20, 0.07), tuple(head + [0.04, 0, -0.05])), (0.95, 0.95, 0.8))
    for c, a0, a1 in ((front, 0.15 * np.pi, 0.7 * np.pi), (rear, 0.35 * np.pi, 1.1 * np.pi)):  # over the top, not to the road
        t = np.linspace(a0, a1, 10)
        arcp = np.column_stack([c[0] + (R + 0.04) * np.cos(t), np.zeros_like(t), c[2] + (R + 0.04) * np.sin(t)])
        b.add("fender", tube(arcp, 0.05 if variant != "dirt bike" else 0.04, 8), jitter(rng, paint))
    b.group("wheel", "tire", "rim").alias("wheel", "wheels", "motorcycle wheel")
    b.alias("tire", "tyre", "tires").alias("rim", "wheel rim", "hub").alias("fork", "front fork", "suspension")
    b.alias("fuel tank", "gas tank", "tank").alias("seat", "saddle", "the part you sit on")
    b.alias("engine", "motor", "engine block").alias("exhaust", "exhaust pipe", "muffler", "tailpipe")
    b.alias("handlebar", "handlebars", "the part you steer with").alias("grip", "hand grip", "the part you hold")
    b.alias("mirror", "mirrors", "rear-view mirror").alias("headlight", "headlamp", "front light")
    b.alias("fender", "mudguard", "wheel cover").alias("frame", "chassis", "frame tubes")
    return b.build("motorbike", ground=True, variant=variant)


def make_skateboard(rng: np.random.Generator) -> ProceduralObject:
    """Skateboard along x: "deck" (with kicktails), "grip tape", two "truck"s, four "wheel"s."""
    variant = pick_variant(rng, ["skateboard", "longboard", "penny board"])
    L = {"skateboard": rng.uniform(0.78, 0.83), "longboard": rng.uniform(0.95, 1.1), "penny board": rng.uniform(0.55, 0.6)}[variant]
    W = {"skateboard": rng.uniform(0.2, 0.21), "longboard": rng.uniform(0.22, 0.25), "penny board": 0.15}[variant]
    wr = {"skateboard": 0.027, "longboard": 0.035, "penny board": 0.03}[variant]
    deck_c = pick(rng, WOOD + BRIGHT) if variant != "penny board" else pick(rng, BRIGHT)
    b = PartMesh()
    t = 0.012
    z_deck = 2 * wr + 0.04
    flat = L * 0.72 if variant != "longboard" else L
    b.add("deck", rounded_slab(flat, W, t, W * 0.45 if variant == "longboard" else 0.01, (0, 0, z_deck)), deck_c)
    if variant != "longboard":
        tail = (L - flat) / 2
        for s in (-1, 1):
            kick = rounded_slab(tail * 2, W, t, W * 0.45, (0, 0, 0))
            kick = cut_half(kick, s)
            b.add("deck", transform(kick, (0, -s * 0.3, 0), (s * flat / 2, 0, z_deck)), deck_c)
    if variant != "penny board":
        b.add("grip tape", rounded_slab(flat - 0.01, W - 0.01, 0.001, W * 0.45 if variant == "longboard" else 0.01, (0, 0, z_deck + t / 2 + 0.0005)), DARK[0])
        b.alias("grip tape", "griptape", "top surface", "the part you stand on")
    xt = flat / 2 - 0.08
    for s in (-1, 1):
        b.add("truck", box((0.06, 0.05, 0.012), (s * xt, 0, z_deck - t / 2 - 0.006)), pick(rng, METAL))
        b.add("truck", box((0.035, W * 0.75, 0.025), (s * xt, 0, wr + 0.012)), pick(rng, METAL))
        b.add("truck", rod((s * xt, 0, wr + 0.01), (s * xt, 0, z_deck - t / 2 - 0.01), 0.012, 8), pick(rng, METAL))
        b.add("truck", rod((s * xt, -W / 2 - 0.01, wr), (s * xt, W / 2 + 0.01, wr), 0.004, 6), METAL[0])
        for sy in (-1, 1):
            b.add("wheel", axle_y(wr, 0.035 if variant != "longboard" else 0.05, (s * xt, sy * (W / 2 + 0.01), wr), 20), pick(rng, PALE + BRIGHT))
    b.alias("deck", "board", "the part you stand on", "plank").alias("truck", "trucks", "axle", "axle assembly")
    b.alias("wheel", "wheels", "skateboard wheel")
    return b.build("skateboard", ground=True, variant=variant)


def cut_half(mesh: o3d.geometry.TriangleMesh, side: int) -> o3d.geometry.TriangleMesh:
    """The half of a slab centred on x = 0 with x on the `side` (+1/-1) of the origin (a kicktail)."""
    v = np.asarray(mesh.vertices).copy()
    v[:, 0] = np.where(v[:, 0] * side < 0, 0.0, v[:, 0])  # fold the other half onto x = 0
    out = o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(v), mesh.triangles)
    out.remove_degenerate_triangles()
    return out


def make_rocket(rng: np.random.Generator) -> ProceduralObject:
    """Rocket standing on its fins: "body" (a lathe), "nose cone", "fin"s, "nozzle", maybe "booster"s and a
    "window"."""
    variant = pick_variant(rng, ["three-fin rocket", "four-fin rocket", "rocket with boosters"])
    H = rng.uniform(0.6, 1.2)
    r = H * rng.uniform(0.06, 0.09)
    body_c, accent = pick(rng, PALE + METAL), pick(rng, BRIGHT)
    b = PartMesh()
    z0 = H * 0.1
    hb = H * 0.62
    b.add("body", revolve(np.array([(0.0, z0), (r, z0), (r, z0 + hb), (0.0, z0 + hb)]), 32), body_c)
    t = np.linspace(0, 1, 10)
    cone = np.column_stack([r * np.sqrt(1 - t ** 1.5) + 1e-9, z0 + hb + (H - z0 - hb) * t])
    cone[-1, 0] = 0.0
    b.add("nose cone", revolve(np.vstack([[[0.0, z0 + hb]], cone]), 32), accent)
    b.add("nozzle", revolve(np.array([(0.0, z0), (r * 0.45, z0), (r * 0.7, z0 - H * 0.07), (r * 0.65, z0 - H * 0.07), (r * 0.3, z0 - 0.001), (0.0, z0 - 0.001)]), 24), DARK[1])
    n = 3 if variant == "three-fin rocket" else 4
    fin = np.array([[0.0, 0.0], [r * 1.8, -H * 0.1], [r * 1.8, H * 0.02], [0.0, H * 0.22]])
    for k in range(n):
        f = transform(extrude(fin, 0.006), (np.pi / 2, 0, 0), (r * 0.95, 0.003, z0 + H * 0.0))
        b.add("fin", transform(f, (0, 0, 2 * np.pi * k / n + np.pi / 4)), accent)
    if variant == "rocket with boosters":
        for s in (-1, 1):
            c = (s * r * 1.7, 0.0)
            bh = hb * 0.6
            bst = revolve(np.array([(0.0, z0), (r * 0.6, z0), (r * 0.6, z0 + bh), (0.0, z0 + bh + r * 1.2)]), 20)
            b.add("booster", bst.translate((c[0], c[1], 0)), jitter(rng, body_c))
        b.alias("booster", "side booster", "strap-on booster", "solid rocket booster")
    if rng.random() < 0.6:
        b.add("window", facing_front(cylinder(r * 0.35, 0.004, -0.002, 20), (0, -r, z0 + hb * 0.75)), (0.3, 0.5, 0.7))
        b.alias("window", "porthole", "round window")
    b.alias("body", "fuselage", "tube", "main body").alias("nose cone", "nose", "tip", "the pointed top")
    b.alias("fin", "fins", "tail fin", "stabilizer").alias("nozzle", "engine", "exhaust nozzle", "thruster")
    return b.build("rocket", ground=True, variant=variant)


def _caster(b: PartMesh, at: tuple[float, float, float], r: float, color: tuple) -> None:
    """A swivel caster under `at`: a fork ("caster fork") and a "wheel" of radius r touching z = 0."""
    x, y, z = at
    b.add("wheel", axle_y(r, r * 0.6, (x, y, r), 16), DARK[0])
    b.add("caster fork", box((r * 0.5, r * 0.9, z - r), (x, y, r + (z - r) / 2)), color)


def make_cart(rng: np.random.Generator) -> ProceduralObject:
    """Cart: a shopping cart (wire "basket", "handle", "frame", caster "wheel"s), a service cart ("shelf"s,
    "post"s, "handle") or a hand truck ("nose plate", "frame", two big "wheel"s, "handle")."""
    variant = pick_variant(rng, ["shopping cart", "service cart", "hand truck"])
    metal = pick(rng, METAL + DARK + BRIGHT)
    b = PartMesh()
    if variant == "shopping cart":
        L, W, H = rng.uniform(0.85, 1.0), rng.uniform(0.5, 0.6), rng.uniform(0.35, 0.45)
        zb = rng.uniform(0.4, 0.5)
        # The basket's wire walls: horizontal rails and vertical wires on each face; it narrows towards the front.
        front_w = W * 0.8
        for k in range(4):
            z = zb + H * k / 3
            corners = np.array([[-L / 2, -W / 2, z], [L / 2, -front_w / 2, z], [L / 2, front_w / 2, z], [-L / 2, W / 2, z], [-L / 2, -W / 2, z]])
            b.add("basket", tube(corners, 0.004, 5), metal)
        for t in np.linspace(0, 1, 9):
            for s in (-1, 1):
                x, half = -L / 2 + L * t, (W + (front_w - W) * t) / 2
                b.add("basket", rod((x, s * half, zb), (x, s * half, zb + H), 0.003, 4), metal)
        for t in np.linspace(-1, 1, 7):
            b.add("basket", rod((L / 2, t * front_w / 2, zb), (L / 2, t * front_w / 2, zb + H), 0.003, 4), metal)
            b.add("basket", rod((-L / 2, t * W / 2, zb), (-L / 2, t * W / 2, zb + H), 0.003, 4), metal)
        b.add("basket", box((L, W * 0.9, 0.004), (0, 0, zb)), metal)
        for s in (-1, 1):
            b.add("frame", rod((-L / 2 - 0.05, s * W * 0.4, 0.12), (L / 2, s * front_w * 0.4, 0.12), 0.012, 8), metal)
            b.add("frame", rod((-L / 2 - 0.05, s * W * 0.4, 0.12), (-L / 2 - 0.08, s * W * 0.45, zb + H + 0.05), 0.012, 8), metal)
            b.add("frame", rod((L / 2, s * front_w * 0.4, 0.12), (L / 2 - 0.1, s * front_w * 0.4, zb), 0.01, 8), metal)
        b.add("handle", rod((-L / 2 - 0.08, -W / 2, zb + H + 0.05), (-L / 2 - 0.08, W / 2, zb + H + 0.05), 0.016, 10), pick(rng, BRIGHT + DARK))
        for x, half in ((-L / 2 - 0.05, W * 0.4), (L / 2, front_w * 0.4)):
            for s in (-1, 1):
                _caster(b, (x, s * half, 0.12), 0.05, metal)
        b.alias("basket", "wire basket", "the part you put things in", "cage")
        b.alias("frame", "chassis", "base frame")
    elif variant == "service cart":
        L, W, H = rng.uniform(0.7, 1.0), rng.uniform(0.4, 0.55), rng.uniform(0.8, 0.95)
        n = int(rng.integers(2, 4))
        shelf_c = pick(rng, DARK + PALE + BRIGHT)
        for k in range(n):
            z = 0.15 + (H - 0.2) * k / (n - 1)
            b.add("shelf", box((L, W, 0.025), (0, 0, z)), shelf_c)
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("post", cylinder(0.015, H - 0.1, 0.1, 10).translate((sx * (L / 2 - 0.02), sy * (W / 2 - 0.02), 0)), metal)
                _caster(b, (sx * (L / 2 - 0.05), sy * (W / 2 - 0.05), 0.14), 0.05, metal)
        b.add("handle", tube(np.array([[-L / 2, -W / 2 + 0.03, H - 0.05], [-L / 2 - 0.1, -W / 2 + 0.03, H + 0.02], [-L / 2 - 0.1, W / 2 - 0.03, H + 0.02],
                                       [-L / 2, W / 2 - 0.03, H - 0.05]]), 0.013, 10), pick(rng, DARK))
        b.alias("shelf", "shelves", "tray", "the part you put things on").alias("post", "posts", "upright", "leg")
        b.group("frame", "post", "caster fork")
    else:
        H, W = rng.uniform(1.1, 1.3), rng.uniform(0.4, 0.5)
        tilt = 0.15  # leaning back a little, as when it stands
        for s in (-1, 1):
            b.add("frame", rod((0.0, s * W / 2, 0.03), (-H * np.sin(tilt), s * W / 2, H * np.cos(tilt)), 0.014, 10), metal)
        for f in (0.3, 0.6):
            b.add("frame", rod((-H * f * np.sin(tilt), -W / 2, H * f * np.cos(tilt)), (-H * f * np.sin(tilt), W / 2, H * f * np.cos(tilt)), 0.01, 8), metal)
        b.add("nose plate", box((0.22, W + 0.02, 0.012), (0.11, 0, 0.006)), metal)
        r = rng.uniform(0.11, 0.14)
        for s in (-1, 1):
            b.add("wheel", axle_y(r, 0.07, (-0.1, s * (W / 2 + 0.06), r), 24), DARK[0])
        b.add("axle", rod((-0.1, -W / 2 - 0.03, r), (-0.1, W / 2 + 0.03, r), 0.01, 8), METAL[0])
        top = (-H * np.sin(tilt) - 0.03, 0, H * np.cos(tilt) + 0.04)
        b.add("handle", tube(arch(np.array([top[0], -W / 2, top[2] - 0.04]), np.array([top[0], W / 2, top[2] - 0.04]), np.array([0, 0, 0.12]), 14), 0.014, 10), pick(rng, DARK))
        b.alias("nose plate", "toe plate", "the part you slide under the load", "blade").alias("axle", "wheel axle", "shaft")
        b.alias("frame", "upright frame", "rails")
    b.alias("wheel", "wheels", "caster", "castor")
    b.alias("caster fork", "wheel fork", "caster bracket").alias("handle", "push handle", "the part you hold", "grip")
    return b.build("cart", ground=True, variant=variant)


def make_truck(rng: np.random.Generator) -> ProceduralObject:
    """Truck along +x: a "cab" with "window"s, "door"s and "headlight"s, a "cargo box" / "tank" / open "dump bed"
    on the "chassis", "wheel"s with "hubcap"s."""
    variant = pick_variant(rng, ["box truck", "tanker truck", "dump truck"])
    W, r = rng.uniform(2.3, 2.5), rng.uniform(0.48, 0.55)
    cab_l, cab_h = rng.uniform(1.8, 2.3), rng.uniform(2.6, 3.0)
    L = cab_l + rng.uniform(5.0, 7.0)
    paint, cargo_c = pick(rng, BRIGHT + PALE), pick(rng, PALE + METAL + BRIGHT)
    b = PartMesh()
    z0 = r * 1.3
    b.add("chassis", box((L, W * 0.8, 0.3), (0, 0, z0 + 0.15)), DARK[1])
    xc = L / 2 - cab_l / 2
    b.add("cab", box((cab_l, W, cab_h - z0), (xc, 0, (cab_h + z0) / 2)), paint)
    b.add("window", box((0.02, W * 0.85, (cab_h - z0) * 0.35), (L / 2 + 0.01, 0, cab_h - (cab_h - z0) * 0.25)), GLASS)
    for s in (-1, 1):
        b.add("window", box((cab_l * 0.4, 0.02, (cab_h - z0) * 0.3), (xc + cab_l * 0.15, s * (W / 2 + 0.01), cab_h - (cab_h - z0) * 0.25)), GLASS)
        b.add("door", box((cab_l * 0.5, 0.02, (cab_h - z0) * 0.55), (xc + cab_l * 0.15, s * (W / 2 + 0.012), z0 + (cab_h - z0) * 0.33)), jitter(rng, paint, 0.03))
        b.add("headlight", box((0.02, 0.3, 0.15), (L / 2 + 0.01, s * W * 0.35, z0 + 0.3)), (0.95, 0.95, 0.85))
        b.add("mirror", box((0.08, 0.1, 0.35), (L / 2 - 0.2, s * (W / 2 + 0.2), cab_h - 0.8)), DARK[0])
    x_back = -L / 2
    cargo_l = L - cab_l - 0.2
    cx = x_back + cargo_l / 2
    if variant == "box truck":
        ch = rng.uniform(2.4, 2.8)
        b.add("cargo box", box((cargo_l, W, ch), (cx, 0, z0 + 0.3 + ch / 2)), cargo_c)
        b.add("rear door", box((0.02, W * 0.95, ch * 0.95), (x_back - 0.01, 0, z0 + 0.3 + ch / 2)), jitter(rng, cargo_c, 0.05))
        b.alias("cargo box", "box", "container", "the back part").alias("rear door", "back door", "roller door")
    elif variant == "tanker truck":
        rt = W * 0.45
        tank = revolve(np.vstack([[[0.0, 0.0]], arc((0.0, rt * 0.3), (rt, rt * 0.3), -np.pi / 2, 0, 6), arc((0.0, cargo_l - rt * 0.3), (rt, rt * 0.3), 0, np.pi / 2, 6), [[0.0, cargo_l]]]), 28)
        b.add("tank", transform(tank, (0, np.pi / 2, 0), (x_back, 0, z0 + 0.3 + rt)), cargo_c)
        b.add("hatch", cylinder(0.25, 0.1, z0 + 0.3 + 2 * rt - 0.02, 16).translate((cx, 0, 0)), METAL[1])
        b.alias("tank", "tanker", "cylinder tank", "the round container").alias("hatch", "manhole", "filling hatch")
    else:
        dh = rng.uniform(1.2, 1.6)
        zb = z0 + 0.3
        b.add("dump bed", box((cargo_l, W, 0.08), (cx, 0, zb + 0.04)), cargo_c)
        for s in (-1, 1):
            b.add("dump bed", box((cargo_l, 0.08, dh), (cx, s * (W / 2 - 0.04), zb + dh / 2)), cargo_c)
        b.add("dump bed", box((0.08, W, dh), (x_back + 0.04, 0, zb + dh / 2)), cargo_c)
        b.add("dump bed", box((0.08, W, dh * 1.2), (x_back + cargo_l - 0.04, 0, zb + dh * 0.6)), cargo_c)
        b.alias("dump bed", "tipper", "bed", "the open box")
    axles = [L / 2 - cab_l * 0.45, x_back + 1.2] + ([x_back + 2.6] if L > 7.5 else [])
    for x in axles:
        for s in (-1, 1):
            b.add("wheel", axle_y(r, 0.35, (x, s * (W / 2 - 0.2), r), 28), DARK[0])
            b.add("hubcap", axle_y(r * 0.55, 0.36, (x, s * (W / 2 - 0.2), r), 16), METAL[1])
    b.group("tire and rim", "wheel", "hubcap").alias("wheel", "tire", "tyre", "wheels").alias("hubcap", "rim", "wheel hub")
    b.alias("cab", "cabin", "driver's cab", "the front part").alias("window", "windshield", "windows", "glass")
    b.alias("door", "doors", "cab door").alias("headlight", "headlamp", "front light").alias("mirror", "side mirror", "wing mirror")
    b.alias("chassis", "frame", "underframe")
    return b.build("truck", ground=True, variant=variant)


def make_boat(rng: np.random.Generator) -> ProceduralObject:
    """Boat along +x standing on its keel: a "hull" (open, with an inside), "seat"s (thwarts), maybe "oar"s,
    a "mast" and "sail", or a "cabin" and an "outboard motor"."""
    variant = pick_variant(rng, ["rowing boat", "sailboat", "motorboat"])
    L = rng.uniform(2.8, 4.0) if variant == "rowing boat" else rng.uniform(4.0, 6.0)
    W, H = L * rng.uniform(0.3, 0.36), L * rng.uniform(0.1, 0.13)
    hull_c = pick(rng, WOOD + PALE + BRIGHT)
    b = PartMesh()
    # Hull: stations along x, each a U-shaped section; the bow (+x) narrows to a point, the stern stays wide.
    n_st, n_sec = 16, 11
    xs = np.linspace(-L / 2, L / 2, n_st)
    u = (xs + L / 2) / L
    half_w = W / 2 * np.clip(np.sqrt(np.clip(1 - ((u - 0.4) / 0.62) ** 2, 0, 1)), 0.02, 1) * np.where(u < 0.4, 0.85 + 0.15 * u / 0.4, 1.0)
    depth = H * (0.6 + 0.4 * np.sin(np.pi * np.clip(u, 0.05, 0.95)))
    ang = np.linspace(-np.pi / 2, np.pi / 2, n_sec)
    outer = np.stack([np.stack([np.full(n_sec, x), hw * np.sin(ang), H - d * np.cos(ang)], -1) for x, hw, d in zip(xs, half_w, depth)])
    inner = outer.copy()
    inner[:, :, 1] *= 0.94
    inner[:, :, 2] = H - (H - outer[:, :, 2]) * 0.92
    verts = np.concatenate([outer.reshape(-1, 3), inner.reshape(-1, 3)])
    off = n_st * n_sec
    tris = []
    for i in range(n_st - 1):
        for j in range(n_sec - 1):
            a, bq, c, d = i * n_sec + j, i * n_sec + j + 1, (i + 1) * n_sec + j + 1, (i + 1) * n_sec + j
            tris += [[a, c, bq], [a, d, c], [off + a, off + bq, off + c], [off + a, off + c, off + d]]
    for i in range(n_st - 1):  # the gunwale (top edges) joins outer and inner skins
        for j in (0, n_sec - 1):
            a, d = i * n_sec + j, (i + 1) * n_sec + j
            tris += [[a, d, off + d], [a, off + d, off + a]]
    for j in range(n_sec - 1):  # the transom closes the stern
        tris += [[j, off + j + 1, j + 1], [j, off + j, off + j + 1]]
    hull = o3d.geometry.TriangleMesh(o3d.utility.Vector3dVector(verts), o3d.utility.Vector3iVector(np.array(tris, dtype=np.int32)))
    b.add("hull", hull, hull_c)
    for x in (-L * 0.2, L * 0.1) if variant != "motorboat" else (-L * 0.25,):
        hw = float(np.interp(x, xs, half_w)) * 0.92
        b.add("seat", box((0.25, 2 * hw, 0.03), (x, 0, H * 0.65)), jitter(rng, hull_c, 0.08))
    if variant == "rowing boat":
        for s in (-1, 1):
            b.add("oar", rod((-L * 0.05, s * W * 0.45, H + 0.05), (-L * 0.35, s * W * 1.1, H * 0.2), 0.02, 8), pick(rng, WOOD))
            b.add("oar", box((0.4, 0.12, 0.015), (-L * 0.4, s * W * 1.2, H * 0.15)), pick(rng, WOOD))
        b.alias("oar", "oars", "paddle", "the part you row with")
    elif variant == "sailboat":
        mh = L * rng.uniform(1.0, 1.3)
        b.add("mast", cylinder(0.04, mh, H * 0.2, 10).translate((L * 0.12, 0, 0)), PALE[0])
        xm = L * 0.12
        b.add("sail", side_slab(np.array([[xm - 0.05, H + 0.35], [xm - L * 0.5, H + 0.35], [xm - 0.05, H + 0.3 + mh * 0.85]]), 0.01), (0.97, 0.97, 0.95))
        b.add("boom", rod((L * 0.12, 0, H + 0.3), (L * 0.12 - L * 0.5, 0, H + 0.3), 0.03, 8), PALE[0])
        b.alias("mast", "pole", "the tall post").alias("sail", "mainsail", "canvas", "the cloth").alias("boom", "spar", "sail boom")
    else:
        b.add("cabin", box((L * 0.25, W * 0.6, H * 0.6), (L * 0.1, 0, H + H * 0.3)), pick(rng, PALE + DARK))
        b.add("windshield", transform(box((0.02, W * 0.6, H * 0.5), (0, 0, 0)), (0, -0.6, 0), (L * 0.25, 0, H + H * 0.3)), GLASS)
        b.add("outboard motor", box((0.3, 0.3, H * 1.4), (-L / 2 - 0.15, 0, H * 0.7)), DARK[1])
        b.alias("cabin", "deck house", "wheelhouse").alias("windshield", "windscreen", "glass")
        b.alias("outboard motor", "engine", "motor", "propeller engine")
    b.alias("hull", "body", "boat hull", "the part that floats").alias("seat", "thwart", "bench", "the part you sit on")
    return b.build("boat", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "car": [make_car],
    "bicycle": [make_bicycle],
    "motorbike": [make_motorbike],
    "skateboard": [make_skateboard],
    "rocket": [make_rocket],
    "cart": [make_cart],
    "truck": [make_truck],
    "boat": [make_boat],
}
