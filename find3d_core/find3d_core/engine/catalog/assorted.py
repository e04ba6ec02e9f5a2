"""Electronics, clothing, fixtures, instruments and vehicles of the first catalogue: laptop, cap, faucet, guitar, airplane.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0 (primitives: `engine/procedural.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
    axle_y,
    key_grid,
    rod,
    rounded_slab,
    side_slab,
)
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    HOLD,
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


def make_laptop(rng: np.random.Generator) -> ProceduralObject:
    """Open laptop: "base", "keyboard", "touchpad" (group "bottom"), "screen", "lid" (group "display")."""
    variant = pick_variant(rng, ["laptop", "netbook"])
    w = rng.uniform(0.3, 0.36) if variant == "laptop" else rng.uniform(0.24, 0.28)
    d, t = w * rng.uniform(0.65, 0.72), rng.uniform(0.012, 0.02)
    angle = np.deg2rad(rng.uniform(95, 125))
    shell, dark = pick(rng, METAL + DARK), pick(rng, DARK)
    b = PartMesh()
    b.add("base", box((w, d, t), (0, 0, t / 2)), shell)
    b.add("keyboard", box((w * 0.85, d * 0.42, 0.002), (0, d * 0.12, t + 0.001)), dark)
    b.add("touchpad", box((w * 0.3, d * 0.25, 0.001), (0, -d * 0.3, t + 0.0005)), jitter(rng, shell))
    # Lid hinged at the back edge (y = d/2, z = t), opened by `angle` from closed.
    tilt = (np.pi / 2 - angle, 0, 0)  # 0 = upright; negative tilts the top back, away from the keyboard
    lid = transform(box((w, 0.006, d), (0, 0.003, d / 2)), tilt, (0, d / 2, t))
    screen = transform(box((w * 0.9, 0.002, d * 0.85), (0, -0.001, d / 2)), tilt, (0, d / 2, t))
    b.add("lid", lid, shell).add("screen", screen, (0.05, 0.08, 0.12))
    b.group("display", "screen", "lid").group("bottom", "base", "keyboard", "touchpad")
    b.alias("screen", "monitor", "the part you look at").alias("keyboard", "keys", "the part you type on")
    b.alias("touchpad", "trackpad").alias("lid", "cover", "back of the screen")
    return b.build("laptop", ground=True, variant=variant)


def make_cap(rng: np.random.Generator) -> ProceduralObject:
    """Baseball cap (or beanie-like dome): "crown", "brim" (maybe), "button"."""
    variant = pick_variant(rng, ["baseball cap", "bucket hat"])
    r, h = rng.uniform(0.085, 0.1), rng.uniform(0.08, 0.11)
    color = pick(rng, BRIGHT + DARK + PALE)
    dome = arc((0.0, 0.0), (r, h), 0.0, np.pi / 2, 12)
    inner = arc((0.0, 0.0), (r - 0.003, h - 0.003), np.pi / 2, 0.0, 12)
    b = PartMesh()
    b.add("crown", revolve(np.vstack([dome, inner]), 40), color)
    if variant == "baseball cap":
        bl = rng.uniform(0.06, 0.08)
        t = np.linspace(-np.pi / 2, np.pi / 2, 15)
        outline = np.column_stack([(r + bl) * np.cos(t), r * 0.95 * np.sin(t)])  # a half ellipse in front
        brim = transform(extrude(outline, 0.003), (0, 0.15, 0))  # tilted down a little
        b.add("brim", brim, jitter(rng, color, 0.1))
        b.alias("brim", "visor", "peak", "the part that shades the eyes")
    else:
        b.add("brim", revolve(np.array([(r, 0.0), (r * 1.5, -0.02), (r * 1.5, -0.017), (r, 0.003)]), 40), color)
        b.alias("brim", "rim", "the part that shades the face")
    b.add("button", ellipsoid((0.008, 0.008, 0.005), (0, 0, h)), jitter(rng, color, 0.15))
    b.alias("crown", "top", "dome", "the part on the head").alias("button", "top button")
    return b.build("cap", ground=True, variant=variant)


def make_faucet(rng: np.random.Generator) -> ProceduralObject:
    """Faucet: "base", "spout", and one "lever" or two "knob"s (group "handle")."""
    variant = pick_variant(rng, ["single lever", "two knobs"])
    h = rng.uniform(0.15, 0.3)
    reach = rng.uniform(0.12, 0.2)
    metal = pick(rng, METAL)
    b = PartMesh()
    b.add("base", cylinder(0.03, 0.02, 0.0, 24), metal)
    path = np.vstack([[[0, 0, 0.01]], [[0, 0, h * 0.7]],
                      arch(np.array([0.0, 0, h * 0.7]), np.array([reach, 0, h * 0.7]), np.array([0, 0, h * 0.3]), 12)[1:],
                      [[reach, 0, h * 0.55]]])
    b.add("spout", tube(path, 0.011, 14), metal)
    if variant == "single lever":
        b.add("lever", transform(box((0.08, 0.015, 0.01), (-0.04, 0, 0)), (0, -0.3, 0), (-0.015, 0, h * 0.45)), metal)
        b.group("handle", "lever").alias("lever", "handle", *HOLD)
    else:
        for s in (-1, 1):
            b.add("knob", transform(cylinder(0.018, 0.03, 0.0, 6), translation=(-0.02, s * 0.08, 0.0)), metal)
        b.group("handle", "knob").alias("knob", "tap handle", "valve")
    b.alias("spout", "nozzle", "the part water comes out of").alias("base", "mount")
    return b.build("faucet", ground=True, variant=variant)


def make_guitar(rng: np.random.Generator) -> ProceduralObject:
    """Guitar lying on its back: "body", "sound hole", "bridge", "neck", "headstock", "tuning peg"."""
    variant = pick_variant(rng, ["acoustic", "electric"])
    L = rng.uniform(0.45, 0.52)  # body length
    w_low, w_up = L * rng.uniform(0.7, 0.8), L * rng.uniform(0.55, 0.65)
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    # Figure-eight outline: a waist between a lower and an upper bout (star-shaped about its centroid).
    x = L / 2 * np.cos(t)
    half_w = np.where(x < 0, w_low, w_up) / 2 * (1 - 0.25 * np.exp(-((x + 0.05 * L) / (0.12 * L)) ** 2))
    outline = np.column_stack([x, half_w * np.sin(t)])
    depth = rng.uniform(0.08, 0.11) if variant == "acoustic" else rng.uniform(0.04, 0.05)
    b = PartMesh()
    b.add("body", extrude(outline, depth), pick(rng, WOOD + BRIGHT))
    neck_l = rng.uniform(0.42, 0.48)
    b.add("neck", box((neck_l, 0.05, 0.02), (L / 2 + neck_l / 2 - 0.02, 0, depth + 0.005)), pick(rng, WOOD))
    xh = L / 2 + neck_l - 0.02
    b.add("headstock", box((0.18, 0.08, 0.015), (xh + 0.09, 0, depth + 0.005)), pick(rng, DARK + WOOD))
    for k in range(3):
        for s in (-1, 1):
            peg = transform(cylinder(0.005, 0.025, 0.0, 8), (-s * np.pi / 2, 0, 0), (xh + 0.04 + 0.045 * k, s * 0.04, depth + 0.005))
            b.add("tuning peg", peg, pick(rng, METAL))
    if variant == "acoustic":
        b.add("sound hole", cylinder(0.045, 0.001, depth, 32), (0.05, 0.04, 0.03))
        b.alias("sound hole", "hole", "soundhole")
    else:
        b.add("pickup", box((0.07, 0.02, 0.003), (0.05 * L, 0, depth + 0.0015)), (0.1, 0.1, 0.1))
    b.add("bridge", box((0.02, 0.1, 0.006), (-0.25 * L, 0, depth + 0.003)), pick(rng, DARK))
    b.alias("neck", "fretboard", "the part you hold").alias("headstock", "head").alias("tuning peg", "tuner", "tuning key")
    return b.build("guitar", ground=True, variant=variant)


def make_airplane(rng: np.random.Generator) -> ProceduralObject:
    """Airplane along x: "fuselage", "wing", "horizontal stabilizer", "vertical stabilizer" (group "tail"),
    maybe "engine"s under the wings."""
    variant = pick_variant(rng, ["airliner", "propeller plane", "glider"])
    L = rng.uniform(1.0, 1.4)
    r = L * rng.uniform(0.045, 0.06)
    s = np.linspace(0, np.pi / 2, 8)
    nose = np.column_stack([r * np.sin(s), r * 1.6 * (1 - np.cos(s))])  # (radius, z): a rounded nose at z = 0
    prof = np.vstack([nose, [[r, L * 0.75]], [[r * 0.35, L]], [[0.0, L]]])
    b = PartMesh()
    body_c = pick(rng, PALE + METAL)
    b.add("fuselage", transform(revolve(prof, 24), (0, -np.pi / 2, 0), (L / 2, 0, 0)), body_c)  # nose at +x
    span = L * rng.uniform(0.9, 1.2) * (1.4 if variant == "glider" else 1.0)
    chord = L * rng.uniform(0.12, 0.18) * (0.6 if variant == "glider" else 1.0)
    sweep = chord * (1.2 if variant == "airliner" else 0.1)
    wing = np.array([[chord / 2, 0], [chord / 2 - sweep, span / 2], [-chord / 2 - sweep * 0.9, span / 2],
                     [-chord / 2 - sweep * 0.3, 0], [-chord / 2 - sweep * 0.9, -span / 2], [chord / 2 - sweep, -span / 2]])
    b.add("wing", extrude(wing, 0.012), jitter(rng, body_c))
    xt = -L / 2 + L * 0.05
    tail = np.array([[xt + L * 0.1, 0], [xt, L * 0.18], [xt - 0.05, L * 0.18], [xt - 0.05, -L * 0.18], [xt, -L * 0.18]])
    b.add("horizontal stabilizer", extrude(tail, 0.008), jitter(rng, body_c))
    fin = transform(extrude(np.array([[xt + L * 0.15, 0], [xt - 0.01, L * 0.2], [xt - 0.06, L * 0.2], [xt - 0.06, 0]]), 0.008),
                    (np.pi / 2, 0, 0), (0, 0.004, 0))
    b.add("vertical stabilizer", fin, pick(rng, BRIGHT))
    if variant == "airliner":
        for s in (-1, 1):
            eng = transform(cylinder(r * 0.45, L * 0.16, -L * 0.08, 16), (0, np.pi / 2, 0), (chord * 0.2 - sweep * 0.5, s * span * 0.22, -r * 0.55))
            b.add("engine", eng, pick(rng, METAL))
        b.alias("engine", "jet engine", "turbine")
    elif variant == "propeller plane":
        b.add("propeller", box((0.01, L * 0.3, 0.03), (L / 2 + 0.005, 0, 0)), pick(rng, DARK))
        b.alias("propeller", "prop")
    b.group("tail", "horizontal stabilizer", "vertical stabilizer").alias("vertical stabilizer", "fin", "rudder")
    b.alias("horizontal stabilizer", "tailplane", "elevator").alias("fuselage", "body", "hull").alias("wing", "wings")
    return b.build("airplane", ground=True, variant=variant)


def make_pistol(rng: np.random.Generator) -> ProceduralObject:
    """Pistol standing on its grip, muzzle to +x: "barrel", "slide" or "frame", "grip", "trigger", "trigger guard",
    maybe a revolver "cylinder" and "hammer", or a water pistol's "tank"."""
    variant = pick_variant(rng, ["semi-automatic pistol", "revolver", "water pistol"])
    L = {"semi-automatic pistol": rng.uniform(0.17, 0.21), "revolver": rng.uniform(0.24, 0.3), "water pistol": rng.uniform(0.2, 0.26)}[variant]
    w = 0.03 if variant != "water pistol" else 0.035
    metal = pick(rng, DARK + METAL) if variant != "water pistol" else pick(rng, BRIGHT)
    grip_c = pick(rng, DARK + WOOD) if variant != "water pistol" else jitter(rng, metal, 0.2)
    b = PartMesh()
    gh, slant = L * 0.65, L * 0.18  # the grip drops behind the trigger, raked back
    top = gh + L * 0.17
    grip = np.array([[-L * 0.32, gh], [-L * 0.08, gh], [-L * 0.08 - slant, 0.0], [-L * 0.32 - slant, 0.0]])
    b.add("grip", side_slab(grip, w * 1.05), grip_c)
    if variant == "semi-automatic pistol":
        b.add("slide", box((L, w, top - gh - 0.005), (L * 0.5 - L * 0.37, 0, (gh + top) / 2 + 0.0025)), metal)
        b.add("frame", box((L * 0.75, w * 0.95, L * 0.07), (L * 0.2, 0, gh - L * 0.035 + 0.01)), jitter(rng, metal, 0.05))
        b.add("barrel", along_x(cylinder(0.006, 0.008, 0.0, 12), (L * 0.63, 0, top - 0.015)), DARK[0])
        b.add("sight", box((0.006, 0.005, 0.006), (L * 0.58, 0, top + 0.003)), DARK[0])
        b.add("magazine", box((L * 0.26, w * 0.9, 0.012), (-L * 0.2 - slant, 0, 0.006)), DARK[1])
        b.alias("slide", "top", "upper").alias("frame", "lower frame", "receiver").alias("sight", "front sight", "iron sight")
        b.alias("magazine", "mag", "clip", "magazine base")
    elif variant == "revolver":
        bl = L * 0.55
        b.add("barrel", along_x(cylinder(0.009, bl, 0.0, 16), (L * 0.1, 0, top - 0.012)), metal)
        b.add("cylinder", along_x(cylinder(0.02, L * 0.16, 0.0, 6), (-L * 0.07, 0, top - 0.02)), jitter(rng, metal, 0.05))
        b.add("frame", box((L * 0.3, w * 0.8, top - gh), (-L * 0.15, 0, (gh + top) / 2)), metal)
        b.add("hammer", transform(box((0.008, 0.008, 0.03), (0, 0, 0.015)), (0, -0.5, 0), (-L * 0.3, 0, top - 0.01)), DARK[1])
        b.alias("cylinder", "drum", "revolving cylinder", "the part holding the bullets").alias("hammer", "cock", "firing hammer")
        b.alias("frame", "receiver", "body")
    else:
        b.add("body", side_slab(np.array([[-L * 0.35, gh - 0.01], [L * 0.45, gh + 0.01], [L * 0.5, top], [-L * 0.38, top + 0.01]]), w), metal)
        b.add("barrel", along_x(cylinder(0.008, L * 0.15, 0.0, 12), (L * 0.45, 0, (gh + top) / 2)), jitter(rng, metal, 0.2))
        b.add("tank", along_x(cylinder(0.03, L * 0.5, 0.0, 20), (-L * 0.25, 0, top + 0.03)), (0.5, 0.8, 0.95))
        b.alias("tank", "water tank", "reservoir", "the part holding the water").alias("body", "housing", "frame")
    b.add("trigger", transform(box((0.006, 0.008, 0.025), (0, 0, -0.0125)), (0, 0.3, 0), (-L * 0.0, 0, gh - 0.002)), DARK[0])
    b.add("trigger guard", tube(np.array([[-L * 0.07, 0, gh - 0.04], [L * 0.02, 0, gh - 0.045], [L * 0.08, 0, gh - 0.03], [L * 0.09, 0, gh]]), 0.003, 8), jitter(rng, metal, 0.05))
    b.alias("grip", "handle", "the part you hold", "pistol grip").alias("trigger", "the part you pull", "trigger finger piece")
    b.alias("trigger guard", "guard", "the loop around the trigger").alias("barrel", "muzzle", "the part it shoots from")
    return b.build("pistol", ground=True, variant=variant)


def make_laptop_with_keys(rng: np.random.Generator) -> ProceduralObject:
    """Laptop with separate keys: "base", "key"s (group "keyboard"), "touchpad", "hinge", "lid", "screen"; or
    closed: "base" and "lid" (with a "logo") only."""
    variant = pick_variant(rng, ["laptop with keys", "closed laptop", "laptop opened flat"])
    w = rng.uniform(0.3, 0.36)
    d, t = w * rng.uniform(0.65, 0.72), rng.uniform(0.01, 0.016)
    shell, dark = pick(rng, METAL + DARK), pick(rng, DARK)
    b = PartMesh()
    b.add("base", rounded_slab(w, d, t, 0.01, (0, 0, t / 2)), shell)
    lt = 0.006
    if variant == "closed laptop":
        b.add("lid", rounded_slab(w, d, lt, 0.01, (0, 0, t + lt / 2)), jitter(rng, shell, 0.03))
        b.add("logo", cylinder(0.015, 0.0005, t + lt, 20).translate((0, 0, 0)), jitter(rng, shell, 0.2))
        b.alias("logo", "emblem", "brand logo")
    else:
        pitch = w * 0.85 / 14
        for k in key_grid(14, 5, pitch, (pitch * 0.82, pitch * 0.82, 0.0015), (-w * 0.425 + pitch / 2, d * 0.36, t + 0.00075)):
            b.add("key", k, dark)
        b.add("key", box((pitch * 5.5, pitch * 0.82, 0.0015), (0, d * 0.36 - 5 * pitch, t + 0.00075)), dark)
        b.add("touchpad", box((w * 0.32, d * 0.24, 0.0008), (0, -d * 0.34, t + 0.0004)), jitter(rng, shell, 0.05))
        b.add("hinge", along_x(cylinder(0.005, w * 0.6, -w * 0.3, 12), (0, d / 2 - 0.004, t)), dark)
        angle = np.deg2rad(rng.uniform(95, 125)) if variant == "laptop with keys" else np.pi
        tilt = (np.pi / 2 - angle, 0, 0)  # 0: upright; the lid swings back about the hinge line
        lid = transform(rounded_slab(w, d, lt, 0.01, (0, 0, 0)), (np.pi / 2, 0, 0), (0, lt / 2, d / 2))
        screen = transform(box((w * 0.9, d * 0.82, 0.001), (0, 0, 0)), (np.pi / 2, 0, 0), (0, -0.0005, d / 2))
        b.add("lid", transform(lid, tilt, (0, d / 2, t)), shell)
        b.add("screen", transform(screen, tilt, (0, d / 2, t)), (0.05, 0.08, 0.12))
        b.group("keyboard", "key").alias("keyboard", "keys", "the part you type on")
        b.alias("key", "keycap", "button").alias("touchpad", "trackpad", "mouse pad")
        b.alias("hinge", "laptop hinge", "the joint").alias("screen", "display", "monitor", "the part you look at")
    b.alias("base", "bottom case", "body", "palm rest").alias("lid", "cover", "top case", "back of the screen")
    return b.build("laptop", ground=True, variant=variant)


def make_guitar_family(rng: np.random.Generator) -> ProceduralObject:
    """Ukulele, bass guitar or a guitar upright in a "stand": "body", "neck" with "fret"s, "headstock",
    "tuning peg"s (group "head"), "string"s, "bridge", a "sound hole" or "pickup"s."""
    variant = pick_variant(rng, ["ukulele", "bass guitar", "guitar on a stand"])
    L = {"ukulele": rng.uniform(0.24, 0.28), "bass guitar": rng.uniform(0.48, 0.52), "guitar on a stand": rng.uniform(0.46, 0.52)}[variant]
    neck_l = L * {"ukulele": 1.0, "bass guitar": 1.35, "guitar on a stand": 0.95}[variant]
    n_str = 4 if variant != "guitar on a stand" else 6
    w_low = L * rng.uniform(0.7, 0.8)
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    x = L / 2 * np.cos(t)
    half_w = np.where(x < 0, w_low, w_low * 0.8) / 2 * (1 - 0.25 * np.exp(-((x + 0.05 * L) / (0.12 * L)) ** 2))
    depth = L * (0.25 if variant != "bass guitar" else 0.09)
    acoustic = variant != "bass guitar"
    b = PartMesh()

    def put(name: str, mesh, color) -> None:
        if variant == "guitar on a stand":  # built lying (neck to +x, top to +z), then stood up, neck up, top to -y
            transform(mesh, (0.0, -np.pi / 2, 0.0))
            transform(mesh, (0.0, 0.0, np.pi / 2))
            mesh.translate((0.0, 0.0, L / 2 + 0.12))
        b.add(name, mesh, color)

    put("body", extrude(np.column_stack([x, half_w * np.sin(t)]), depth), pick(rng, WOOD + BRIGHT + DARK))
    nw = L * 0.1 if variant != "bass guitar" else 0.045
    put("neck", box((neck_l, nw, 0.02), (L / 2 + neck_l / 2 - 0.02, 0, depth + 0.005)), pick(rng, WOOD))
    for k in range(1, 13):
        xf = L / 2 + neck_l * (1 - 2 ** (-k / 12)) * 1.9 - 0.02  # frets close up towards the body
        if xf < L / 2 + neck_l - 0.03:
            put("fret", box((0.002, nw, 0.002), (L / 2 + neck_l - (xf - L / 2), 0, depth + 0.016)), METAL[0])
    xh = L / 2 + neck_l - 0.02
    hl = L * 0.3 if variant != "ukulele" else L * 0.25
    put("headstock", box((hl, nw * 1.6, 0.015), (xh + hl / 2, 0, depth + 0.005)), pick(rng, DARK + WOOD))
    for k in range(n_str // 2):
        for s in (-1, 1):
            peg = transform(cylinder(0.005, 0.025, 0.0, 8), (-s * np.pi / 2, 0, 0), (xh + hl * (0.25 + 0.25 * k), s * nw * 0.8, depth + 0.005))
            put("tuning peg", peg, METAL[1])
    xb = -0.25 * L
    put("bridge", box((0.02, nw * 1.6, 0.006), (xb, 0, depth + 0.003)), pick(rng, DARK))
    for k in range(n_str):
        y = (k - (n_str - 1) / 2) * nw * 0.8 / n_str
        put("string", rod((xb, y, depth + 0.008), (xh, y, depth + 0.018), 0.0007, 4), METAL[0])
    if acoustic:
        put("sound hole", cylinder(L * 0.09, 0.001, depth, 28).translate((L * 0.12, 0, 0)), (0.05, 0.04, 0.03))
        b.alias("sound hole", "hole", "soundhole", "the round opening")
    else:
        for k in range(2):
            put("pickup", box((0.025, nw * 1.6, 0.003), (-L * 0.05 + 0.08 * k, 0, depth + 0.0015)), (0.1, 0.1, 0.1))
        b.alias("pickup", "pickups", "magnetic pickup")
    if variant == "guitar on a stand":
        metal = pick(rng, DARK + METAL)
        for s in (-1, 1):
            b.add("stand", rod((s * 0.15, -0.12, 0.0), (0.0, 0.02, L * 0.5 + 0.1), 0.008, 8), metal)
            b.add("stand", rod((s * 0.15, -0.12, 0.0), (s * 0.15, -0.02, 0.12), 0.008, 8), metal)
        b.add("stand", rod((0.0, 0.02, 0.0), (0.0, 0.02, L + neck_l * 0.9), 0.008, 8), metal)
        b.alias("stand", "guitar stand", "holder", "the part it rests on")
    b.group("head", "headstock", "tuning peg").alias("headstock", "head", "peghead")
    b.alias("body", "guitar body", "sound box").alias("neck", "fretboard", "the part you hold")
    b.alias("fret", "frets", "fret wire").alias("tuning peg", "tuner", "tuning key").alias("string", "strings", "wire")
    b.alias("bridge", "saddle", "string anchor")
    return b.build("guitar", ground=True, variant=variant)


def make_kitchen_faucet(rng: np.random.Generator) -> ProceduralObject:
    """Kitchen and wall faucets: a tall gooseneck "spout" ending in a "nozzle" (pull-down head), a wall-mounted
    spout on a "base" plate, or a bridge faucet with two "knob"s; "lever" or knobs grouped as "handle"."""
    variant = pick_variant(rng, ["gooseneck kitchen faucet", "wall-mounted faucet", "bridge faucet"])
    metal = pick(rng, METAL + DARK)
    b = PartMesh()
    if variant == "wall-mounted faucet":
        b.add("base", box((0.12, 0.015, 0.06), (0, 0.0075, 0.03)), metal)  # the wall plate, wall at y = 0
        reach = rng.uniform(0.15, 0.25)
        b.add("spout", tube(np.array([[0, 0, 0.03], [0, -reach * 0.7, 0.03], [0, -reach, 0.0]]), 0.012, 12), metal)
        b.add("nozzle", cylinder(0.014, 0.02, -0.02, 12).translate((0, -reach, 0)), jitter(rng, metal, 0.05))
        b.add("lever", transform(box((0.015, 0.07, 0.01), (0, -0.035, 0)), (0.3, 0, 0), (0, -0.015, 0.065)), metal)
        b.group("handle", "lever").alias("lever", "handle", *HOLD)
        b.alias("nozzle", "aerator", "outlet", "the part water comes out of")
    else:
        h = rng.uniform(0.3, 0.42) if variant == "gooseneck kitchen faucet" else rng.uniform(0.2, 0.26)
        reach = rng.uniform(0.18, 0.24)
        b.add("base", cylinder(0.032, 0.02, 0.0, 24, 0.028), metal)
        if variant == "gooseneck kitchen faucet":
            path = np.vstack([[[0, 0, 0.02]], arch(np.array([0.0, 0, h * 0.75]), np.array([reach, 0, h * 0.75]), np.array([0, 0, h * 0.25]), 14)])
            b.add("spout", tube(path, 0.014, 14), metal)
            b.add("nozzle", cylinder(0.018, 0.07, h * 0.75 - 0.07, 16).translate((reach, 0, 0)), jitter(rng, metal, 0.05))
            b.add("lever", transform(box((0.015, 0.06, 0.01), (0, 0.03, 0)), (0.3, 0, 0), (0, 0.018, h * 0.3)), metal)
            b.group("handle", "lever").alias("lever", "handle", *HOLD)
            b.alias("nozzle", "spray head", "pull-down head", "the part water comes out of")
        else:
            for s in (-1, 1):
                b.add("base", cylinder(0.022, 0.08, 0.0, 16).translate((s * 0.1, 0, 0)), metal)
                b.add("knob", transform(cylinder(0.02, 0.03, 0.0, 6), translation=(s * 0.1, 0, 0.08)), metal)
            b.add("spout", rod((-0.1, 0, 0.06), (0.1, 0, 0.06), 0.01, 10), metal)
            path = np.vstack([[[0, 0, 0.06]], [[0, 0, h * 0.7]], arch(np.array([0.0, 0, h * 0.7]), np.array([0, -reach, h * 0.7]), np.array([0, 0, h * 0.3]), 12)[1:],
                              [[0, -reach, h * 0.5]]])
            b.add("spout", tube(path, 0.012, 12), metal)
            b.add("nozzle", cylinder(0.014, 0.02, h * 0.5 - 0.02, 12).translate((0, -reach, 0)), jitter(rng, metal, 0.05))
            b.group("handle", "knob").alias("knob", "tap handle", "cross handle", "the part you turn")
            b.alias("nozzle", "aerator", "outlet", "the part water comes out of")
    b.group("spout assembly", "spout", "nozzle")
    b.alias("spout", "neck", "gooseneck", "pipe").alias("base", "mount", "escutcheon", "wall plate")
    return b.build("faucet", ground=True, variant=variant)


def make_jet(rng: np.random.Generator) -> ProceduralObject:
    """Other aircraft along +x: a fighter jet (delta "wing", twin "vertical stabilizer"s, "cockpit", "engine"
    nozzle), a biplane (upper and lower "wing", "strut"s, "propeller", "landing gear") or a business jet."""
    variant = pick_variant(rng, ["fighter jet", "biplane", "business jet"])
    L = rng.uniform(1.0, 1.4)
    body_c = pick(rng, METAL + PALE + DARK if variant != "biplane" else BRIGHT + PALE)
    b = PartMesh()
    r = L * (0.05 if variant != "biplane" else 0.06)
    s = np.linspace(0, np.pi / 2, 8)
    nose_len = {"fighter jet": 4.0, "biplane": 0.8, "business jet": 2.0}[variant]
    nose = np.column_stack([r * np.sin(s), r * nose_len * (1 - np.cos(s))])
    prof = np.vstack([nose, [[r, L * 0.75]], [[r * (0.6 if variant == "fighter jet" else 0.3), L]], [[0.0, L]]])
    b.add("fuselage", transform(revolve(prof, 24), (0, -np.pi / 2, 0), (L / 2, 0, 0)), body_c)
    b.add("cockpit", ellipsoid((L * 0.1, r * 0.6, r * 0.6), (L * 0.28 if variant != "biplane" else 0.0, 0, r * 0.7), 12), (0.2, 0.3, 0.4))
    if variant == "fighter jet":
        span = L * rng.uniform(0.6, 0.75)
        wing = np.array([[L * 0.15, 0.0], [-L * 0.3, span / 2], [-L * 0.38, span / 2], [-L * 0.32, 0.0], [-L * 0.38, -span / 2], [-L * 0.3, -span / 2]])
        b.add("wing", extrude(wing, 0.01).translate((0, 0, -0.005)), jitter(rng, body_c))
        for sy in (-1, 1):
            fin = transform(extrude(np.array([[-L * 0.3, 0], [-L * 0.45, L * 0.18], [-L * 0.5, L * 0.18], [-L * 0.5, 0]]), 0.006), (np.pi / 2 - sy * 0.35, 0, 0), (0, sy * r * 0.6, r * 0.3))
            b.add("vertical stabilizer", fin, jitter(rng, body_c))
        b.add("engine", transform(cylinder(r * 0.55, L * 0.06, 0.0, 16, r * 0.65), (0, -np.pi / 2, 0), (-L / 2 + 0.01, 0, 0)), DARK[1])
        b.alias("engine", "exhaust nozzle", "jet engine", "afterburner")
    elif variant == "biplane":
        span, chord = L * rng.uniform(1.0, 1.2), L * 0.18
        for z in (-r * 0.8, r * 2.2):
            b.add("wing", box((chord, span, 0.012), (L * 0.15, 0, z)), jitter(rng, body_c))
        for sy in (-1, 1):
            for dx in (-chord * 0.3, chord * 0.3):
                b.add("strut", rod((L * 0.15 + dx, sy * span * 0.35, -r * 0.8), (L * 0.15 + dx, sy * span * 0.35, r * 2.2), 0.005, 6), DARK[1])
            b.add("landing gear", rod((L * 0.2, sy * r * 0.5, -r), (L * 0.2, sy * r * 2.0, -r * 3.0), 0.006, 6), DARK[1])
            b.add("landing gear", axle_y(r * 0.6, r * 0.3, (L * 0.2, sy * r * 2.0, -r * 3.0), 16), DARK[0])
        b.add("propeller", box((0.01, L * 0.35, 0.03), (L / 2 + 0.01, 0, 0)), pick(rng, WOOD + DARK))
        b.add("horizontal stabilizer", box((L * 0.1, L * 0.35, 0.008), (-L * 0.43, 0, 0)), jitter(rng, body_c))
        b.add("vertical stabilizer", box((L * 0.1, 0.008, L * 0.12), (-L * 0.43, 0, L * 0.06)), jitter(rng, body_c))
        b.alias("strut", "struts", "wing strut", "interplane strut").alias("propeller", "prop", "airscrew")
        b.alias("landing gear", "undercarriage", "wheels")
    else:
        span, chord = L * rng.uniform(0.8, 1.0), L * 0.14
        wing = np.array([[chord / 2, 0], [-chord * 0.4, span / 2], [-chord * 0.9, span / 2], [-chord / 2, 0], [-chord * 0.9, -span / 2], [-chord * 0.4, -span / 2]])
        b.add("wing", extrude(wing, 0.01).translate((0, 0, -r * 0.6)), jitter(rng, body_c))
        for sy in (-1, 1):
            b.add("engine", transform(cylinder(r * 0.45, L * 0.15, 0.0, 16), (0, -np.pi / 2, 0), (-L * 0.2, sy * r * 1.6, r * 0.5)), METAL[1])
        t_tail = np.array([[-L * 0.3, 0], [-L * 0.45, L * 0.2], [-L * 0.52, L * 0.2], [-L * 0.5, 0]])
        b.add("vertical stabilizer", transform(extrude(t_tail, 0.008), (np.pi / 2, 0, 0), (0, 0.004, r * 0.5)), jitter(rng, body_c))
        b.add("horizontal stabilizer", box((L * 0.08, L * 0.3, 0.008), (-L * 0.48, 0, L * 0.2 + r * 0.5)), jitter(rng, body_c))
        b.alias("engine", "jet engine", "turbofan", "nacelle")
    b.group("tail", "horizontal stabilizer", "vertical stabilizer").alias("vertical stabilizer", "fin", "rudder")
    b.alias("horizontal stabilizer", "tailplane", "elevator").alias("fuselage", "body", "hull").alias("wing", "wings", "airfoil")
    b.alias("cockpit", "canopy", "windshield", "the part where the pilot sits")
    return b.build("airplane", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "laptop": [make_laptop, make_laptop_with_keys],
    "cap": [make_cap],
    "faucet": [make_faucet, make_kitchen_faucet],
    "guitar": [make_guitar, make_guitar_family],
    "airplane": [make_airplane, make_jet],
    "pistol": [make_pistol],
}
