"""Gadgets and networking: drones, routers, projectors, webcams, power strips, game consoles.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (helpers: `catalog/mesh_tools.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import facing_front, ring, rod, rounded_slab
from find3d_core.engine.procedural import (
    BRIGHT,
    DARK,
    METAL,
    PALE,
    Builder,
    PartMesh,
    ProceduralObject,
    box,
    cylinder,
    ellipsoid,
    jitter,
    pick,
    pick_variant,
    revolve,
    transform,
    tube,
)

GLASS = (0.05, 0.07, 0.12)
LED_GREEN, LED_BLUE, LED_WHITE = (0.2, 0.9, 0.3), (0.25, 0.55, 1.0), (0.95, 0.95, 0.9)


def _on_face(mesh: o3d.geometry.TriangleMesh, turn: float, at: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """Turn a mesh built along +z so that +z points out of a vertical face: -y for turn 0, +x for turn pi/2,
    +y for pi, -x for 3 pi / 2; then move its origin to `at`."""
    transform(mesh, (np.pi / 2, 0.0, 0.0))
    return transform(mesh, (0.0, 0.0, turn), at)


def _plank(
    p0: tuple[float, float, float], dy: float, dz: float, width: float, thick: float
) -> o3d.geometry.TriangleMesh:
    """A flat bar (width along x) from p0 along (0, dy, dz): the leaves of a hinged clip."""
    length = float(np.hypot(dy, dz))
    bar = box((width, thick, length), (0.0, 0.0, length / 2))
    return transform(bar, (float(np.arctan2(-dy, dz)), 0.0, 0.0), p0)


def _moved(mesh: o3d.geometry.TriangleMesh, offset: tuple[float, float, float]) -> o3d.geometry.TriangleMesh:
    """`mesh` shifted by `offset` (in place)."""
    return transform(mesh, (0.0, 0.0, 0.0), offset)


def _annulus(r_in: float, r_out: float, z0: float, height: float, sides: int = 24) -> o3d.geometry.TriangleMesh:
    """A short pipe about the z axis (a focus ring, a light ring)."""
    prof = np.array([(r_in, z0), (r_out, z0), (r_out, z0 + height), (r_in, z0 + height), (r_in, z0)])
    return revolve(prof, sides)


def make_drone(rng: np.random.Generator) -> ProceduralObject:
    """Multirotor drone: "body" (the hub), "arm"s with a "motor" and a "propeller" each, "landing gear", a
    "gimbal" holding a "camera"; a hexacopter's "battery", a folding drone's "propeller guard"s."""
    variant = pick_variant(rng, ["quadcopter", "hexacopter", "folding drone with guards"])
    shell = pick(rng, DARK) if variant == "hexacopter" else pick(rng, PALE + DARK)
    dark, prop_col = pick(rng, DARK), pick(rng, DARK + PALE)
    b = PartMesh()
    if variant == "quadcopter":
        reach, bh, zb = rng.uniform(0.14, 0.2), rng.uniform(0.04, 0.06), rng.uniform(0.08, 0.11)
        bw = reach * rng.uniform(0.5, 0.58)
        bl = bw * rng.uniform(1.25, 1.45)
    elif variant == "hexacopter":
        reach, bh, zb = rng.uniform(0.26, 0.4), rng.uniform(0.04, 0.06), rng.uniform(0.13, 0.18)
        bw = bl = reach * rng.uniform(0.45, 0.55)
    else:
        bw, bh, zb = rng.uniform(0.06, 0.085), rng.uniform(0.04, 0.055), rng.uniform(0.012, 0.02)
        bl = bw * rng.uniform(2.0, 2.4)
    zc = zb + bh / 2
    # motor positions
    if variant == "folding drone with guards":
        mx, my = bw / 2 + rng.uniform(0.05, 0.07), bl * rng.uniform(0.35, 0.42)
        motors = [(sx * mx, sy * my) for sy in (-1, 1) for sx in (-1, 1)]
        prop_r = min((mx - bw / 2) * 0.92, my * 0.9)
        za, arm_r, mot_r = zc + bh * 0.1, rng.uniform(0.005, 0.007), rng.uniform(0.009, 0.012)
        roots = [(sx * bw * 0.4, sy * bl * 0.3) for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1))]
    else:
        n = 4 if variant == "quadcopter" else 6
        ang = (np.arange(n) + 0.5) * 2 * np.pi / n
        motors = [(reach * np.cos(a), reach * np.sin(a)) for a in ang]
        roots = [(bw * 0.3 * np.cos(a), bl * 0.3 * np.sin(a)) for a in ang]
        prop_r = reach * np.sin(np.pi / n) * rng.uniform(0.82, 0.95)
        za = zc
        arm_r = rng.uniform(0.007, 0.011) if n == 4 else rng.uniform(0.01, 0.014)
        mot_r = rng.uniform(0.013, 0.018) if n == 4 else rng.uniform(0.018, 0.024)
    # body
    if variant == "quadcopter":
        b.add("body", ellipsoid((bw / 2, bl / 2, bh * 0.6), (0, 0, zc), 16), shell)
    elif variant == "hexacopter":
        b.add("body", cylinder(bw / 2, bh * 0.5, zb, 24), shell)
        b.add("body", ellipsoid((bw * 0.42, bw * 0.42, bh * 0.5), (0, 0, zb + bh * 0.5), 12), shell)
        b.add(
            "battery", box((bw * 0.35, bw * 0.6, bh * 0.7), (0, 0, zb + bh * 0.5 + bh * 0.75)), pick(rng, BRIGHT + DARK)
        )
        b.alias("battery", "battery pack", "the power pack on top")
    else:
        b.add("body", rounded_slab(bw, bl, bh, bw * 0.3, (0, 0, zc)), shell)
    nb = 3 if variant == "hexacopter" and rng.random() < 0.5 else 2
    mh = 0.022 if variant != "folding drone with guards" else 0.016
    for (rx, ry), (x, y) in zip(roots, motors):
        b.add("arm", rod((rx, ry, za), (x, y, za), arm_r, 10), jitter(rng, shell, 0.03))
        mz0 = za - mh * 0.45
        b.add("motor", _moved(cylinder(mot_r, mh, mz0, 16), (x, y, 0)), dark)
        top = mz0 + mh
        b.add("propeller", _moved(cylinder(0.005, 0.008, top, 10), (x, y, 0)), prop_col)
        spin = rng.uniform(0, np.pi)
        for k in range(nb):
            blade = ellipsoid((prop_r / 2, prop_r * 0.09, 0.0022), (prop_r / 2, 0, 0), 6)
            b.add("propeller", transform(blade, (0.0, 0.0, spin + k * 2 * np.pi / nb), (x, y, top + 0.005)), prop_col)
        if variant == "folding drone with guards":
            gr = prop_r + 0.007
            b.add("propeller guard", ring(gr, 0.0025, (x, y, top + 0.005), "z", 24), jitter(rng, shell, 0.04))
            out = np.array([x, y]) / np.hypot(x, y)
            for tw in (-0.9, 0.9):
                c, s = np.cos(tw), np.sin(tw)
                d = np.array([c * out[0] - s * out[1], s * out[0] + c * out[1]])
                b.add(
                    "propeller guard",
                    rod(
                        (x + d[0] * mot_r, y + d[1] * mot_r, mz0 + 0.003),
                        (x + d[0] * gr, y + d[1] * gr, top + 0.005),
                        0.002,
                        6,
                    ),
                    shell,
                )
            b.add("landing gear", _moved(cylinder(0.003, mz0 + 0.001, 0.0, 8), (x, y, 0)), dark)
    # landing gear, gimbal and camera
    if variant == "folding drone with guards":
        b.add("gimbal", box((bw * 0.45, 0.016, bh * 0.6), (0, -bl / 2 - 0.006, zc - bh * 0.15)), dark)
        b.add("camera", ellipsoid((0.014, 0.012, 0.012), (0, -bl / 2 - 0.02, zc - bh * 0.2), 10), dark)
    else:
        spread = bw * 0.85 if variant == "quadcopter" else reach * 0.4
        gy = bl * 0.42 if variant == "quadcopter" else reach * 0.4
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add(
                    "landing gear",
                    rod((sx * bw * 0.25, sy * gy * 0.5, zb + 0.005), (sx * spread, sy * gy * 0.5, 0.006), 0.004, 8),
                    jitter(rng, shell, 0.03),
                )
            b.add(
                "landing gear",
                rod((sx * spread, -gy, 0.005), (sx * spread, gy, 0.005), 0.005, 8),
                jitter(rng, shell, 0.03),
            )
        gy0 = -bl * 0.22 if variant == "quadcopter" else 0.0
        gh = 0.02 if variant == "quadcopter" else 0.035
        b.add("gimbal", box((0.024, 0.018, gh + bh * 0.25), (0, gy0, zb - gh / 2 + bh * 0.125)), dark)
        cam = (0.018, 0.02, 0.016) if variant == "quadcopter" else (0.03, 0.035, 0.028)
        b.add("camera", ellipsoid(cam, (0, gy0 - 0.004, zb - gh - cam[2] * 0.8), 12), jitter(rng, dark, 0.03))
        b.alias("landing gear", "landing skids", "landing legs", "the legs it lands on")
    if variant == "folding drone with guards":
        b.alias("landing gear", "landing legs", "feet", "the legs it lands on")
        b.alias("propeller guard", "prop guard", "guard ring", "protective ring around the propeller")
    b.group("rotor", "motor", "propeller", "propeller guard").alias("rotor", "rotors", "rotor unit")
    b.group("payload", "gimbal", "camera").alias("payload", "camera gimbal", "camera and gimbal")
    b.alias("body", "hub", "fuselage", "main body").alias("arm", "arms", "boom", "the struts holding the motors")
    b.alias("motor", "motors", "brushless motor", "motor pod").alias("propeller", "prop", "rotor blades", "propellers")
    b.alias("gimbal", "camera mount", "stabilizer").alias("camera", "camera head", "lens", "the eye of the drone")
    return b.build("drone", ground=True, variant=variant)


def make_router(rng: np.random.Generator) -> ProceduralObject:
    """Wi-Fi router: "case" on "foot"s with "status light"s, "port"s and a "button" at the back, a "vent";
    "antenna"s on the classic router; a mesh tower is an upright cylinder."""
    variant = pick_variant(rng, ["router with antennas", "mesh tower", "flat router"])
    shell, dark = pick(rng, DARK + PALE), pick(rng, DARK)
    led = [LED_GREEN, LED_BLUE, LED_WHITE][int(rng.integers(3))]
    port_col = jitter(rng, (0.9, 0.75, 0.15)) if rng.random() < 0.4 else pick(rng, DARK)
    b = PartMesh()
    if variant == "mesh tower":
        r, h, fh = rng.uniform(0.045, 0.06), rng.uniform(0.1, 0.19), 0.006
        b.add("case", cylinder(r, h, fh, 24), shell)
        b.add("foot", cylinder(r * 0.85, fh + 0.001, 0.0, 24), dark)
        b.add("vent", cylinder(r * 0.6, 0.002, fh + h, 24), jitter(rng, dark, 0.04))
        b.add("status light", box((0.006, 0.004, 0.006), (0, -r + 0.0012, fh + h * 0.8)), led)
        for i in range(2):
            b.add("port", box((0.014, 0.006, 0.011), ((i - 0.5) * 0.018, r - 0.0015, fh + 0.015)), port_col)
        b.add("button", _on_face(cylinder(0.003, 0.004, -0.002, 10), np.pi, (0.0, r - 0.001, fh + 0.035)), dark)
        b.alias("case", "tower", "cylindrical body", "housing")
        b.alias("foot", "base", "rubber base", "the bottom it stands on")
        b.alias("vent", "top vent", "air holes", "grille on top")
    else:
        w = rng.uniform(0.2, 0.3) if variant == "router with antennas" else rng.uniform(0.22, 0.3)
        d = w * rng.uniform(0.6, 0.75)
        h = rng.uniform(0.03, 0.045) if variant == "router with antennas" else rng.uniform(0.022, 0.032)
        fh = rng.uniform(0.005, 0.01)
        b.add("case", rounded_slab(w, d, h, rng.uniform(0.005, 0.025), (0, 0, fh + h / 2)), shell)
        top = fh + h
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("foot", _moved(cylinder(0.008, fh + 0.001, 0.0, 12), (sx * w * 0.38, sy * d * 0.35, 0)), dark)
        for i in range(int(rng.integers(5, 9))):
            b.add(
                "vent", box((w * 0.45, 0.003, 0.0012), (0, d * 0.3 - i * 0.009, top + 0.0005)), jitter(rng, dark, 0.03)
            )
        n_led = int(rng.integers(4, 9))
        for i in range(n_led):
            x = (i - (n_led - 1) / 2) * w * 0.06
            if variant == "flat router":
                b.add("status light", box((0.006, 0.004, 0.0012), (x, -d * 0.38, top + 0.0005)), led)
            else:
                b.add("status light", box((0.005, 0.003, 0.004), (x, -d / 2 - 0.001, fh + h * 0.55)), led)
        n_port = int(rng.integers(3, 6))
        for i in range(n_port):
            b.add(
                "port", box((0.014, 0.006, 0.011), ((i - n_port / 2) * 0.018, d / 2 - 0.0015, fh + h * 0.5)), port_col
            )
        b.add("port", _on_face(cylinder(0.004, 0.004, -0.001, 12), np.pi, (w * 0.3, d / 2, fh + h * 0.5)), dark)
        b.add("button", _on_face(cylinder(0.0035, 0.004, -0.002, 10), np.pi, (w * 0.38, d / 2, fh + h * 0.5)), dark)
        if variant == "router with antennas":
            n_ant = int(rng.integers(2, 5))
            length = rng.uniform(0.13, 0.19)
            for i in range(n_ant):
                x = (i / (n_ant - 1) - 0.5) * w * 0.75
                tilt = (i / (n_ant - 1) - 0.5) * rng.uniform(0.0, 0.5)
                b.add("hinge", box((0.016, 0.012, 0.014), (x, d / 2 - 0.004, top + 0.004)), jitter(rng, shell, 0.03))
                blade = box((0.014, 0.008, length), (0.0, 0.0, length / 2))
                b.add(
                    "antenna",
                    transform(blade, (0.0, tilt, 0.0), (x, d / 2 - 0.004, top + 0.008)),
                    jitter(rng, shell, 0.03),
                )
            b.alias("antenna", "aerial", "antenna rod", "the sticks on the back")
            b.alias("hinge", "antenna hinge", "antenna base", "swivel joint")
            b.group("antennas", "antenna", "hinge").alias("antennas", "antenna assembly", "wifi antennas")
        b.alias("case", "body", "housing", "enclosure")
        b.alias("foot", "feet", "rubber feet", "the pads it stands on")
        b.alias("vent", "vents", "ventilation slots", "air slots")
    b.alias("status light", "status lights", "LEDs", "indicator lights")
    b.alias("port", "ports", "ethernet ports", "the sockets at the back").alias("button", "WPS button", "reset button")
    b.group("connectors", "port", "button").alias("connectors", "back panel", "rear connectors")
    return b.build("router", ground=True, variant=variant)


def make_projector(rng: np.random.Generator) -> ProceduralObject:
    """Video projector: "body", a "lens" in a "focus ring", "vent"s, "foot"s (or a "base"), "control button"s."""
    variant = pick_variant(rng, ["home cinema projector", "pocket projector", "ultra short throw projector"])
    shell, dark = pick(rng, PALE + DARK + METAL), pick(rng, DARK)
    b = PartMesh()
    if variant == "pocket projector":
        r, h, fh = rng.uniform(0.033, 0.042), rng.uniform(0.1, 0.15), 0.003
        b.add("body", cylinder(r, h, fh, 24), shell)
        b.add("base", cylinder(r * 0.9, fh + 0.001, 0.0, 24), dark)
        lr, zl = r * rng.uniform(0.28, 0.36), fh + h * 0.8
        b.add(
            "focus ring", _on_face(_annulus(lr, lr * 1.3, -0.004, 0.009, 16), 0.0, (0, -r, zl)), jitter(rng, dark, 0.05)
        )
        b.add("lens", _on_face(cylinder(lr, 0.007, -0.004, 16), 0.0, (0, -r, zl)), GLASS)
        for k in range(14):
            a = np.pi + (k - 6.5) * 0.3
            slot = box((0.003, 0.003, h * 0.4), (0.0, -r + 0.0008, fh + h * 0.3))
            b.add("vent", transform(slot, (0.0, 0.0, a)), dark)
        for i in range(4):
            a = i * np.pi / 2
            b.add(
                "control button",
                _moved(cylinder(0.005, 0.003, fh + h - 0.001, 10), (r * 0.55 * np.cos(a), r * 0.55 * np.sin(a), 0)),
                jitter(rng, dark, 0.05),
            )
        b.alias("body", "cylinder body", "can-shaped housing", "casing").alias(
            "base", "rubber base", "the bottom it stands on"
        )
        b.alias("vent", "speaker grille", "vents", "slots around the side")
    else:
        ust = variant == "ultra short throw projector"
        w = rng.uniform(0.45, 0.6) if ust else rng.uniform(0.32, 0.45)
        d = w * (rng.uniform(0.6, 0.7) if ust else rng.uniform(0.7, 0.85))
        h, fh = rng.uniform(0.1, 0.15), rng.uniform(0.008, 0.015)
        b.add("body", rounded_slab(w, d, h, rng.uniform(0.01, 0.04), (0, 0, fh + h / 2)), shell)
        top = fh + h
        for sx in (-1, 1):
            for sy in (-1, 1):
                b.add("foot", _moved(cylinder(0.012, fh + 0.002, 0.0, 12), (sx * w * 0.38, sy * d * 0.36, 0)), dark)
        if ust:
            lr, ly = rng.uniform(0.03, 0.04), d * rng.uniform(0.2, 0.28)
            b.add("lens", _moved(cylinder(lr, 0.012, top - 0.008, 20), (0, ly, 0)), GLASS)
            b.add(
                "focus ring",
                _moved(_annulus(lr, lr * 1.3, top - 0.002, 0.008, 20), (0, ly, 0)),
                jitter(rng, dark, 0.05),
            )
            b.add(
                "speaker grille",
                box((w * 0.85, 0.003, h * 0.55), (0, -d / 2 + 0.001, fh + h * 0.45)),
                jitter(rng, dark, 0.04),
            )
            b.alias("speaker grille", "front grille", "speaker cloth", "the fabric front")
            bx, by = w * 0.32, -d * 0.3
        else:
            lr = h * rng.uniform(0.26, 0.34)
            lx, zl = w * rng.choice([-0.25, 0.0, 0.25]), fh + h * 0.5
            depth = rng.uniform(0.015, 0.03)
            b.add(
                "focus ring",
                _on_face(_annulus(lr, lr * 1.22, -0.004, depth, 20), 0.0, (lx, -d / 2, zl)),
                jitter(rng, dark, 0.05),
            )
            b.add("lens", _on_face(cylinder(lr, depth - 0.006, -0.004, 20), 0.0, (lx, -d / 2, zl)), GLASS)
            bx, by = w * 0.3 * (-1 if lx > 0 else 1), d * 0.25
        for sx in (-1, 1):
            for i in range(int(rng.integers(5, 8))):
                slot = box((0.003, d * 0.4, 0.005), (sx * (w / 2 - 0.001), d * 0.05, fh + h * 0.25 + i * 0.011))
                b.add("vent", slot, dark)
        for i in range(5):
            x, y = bx + (i % 3 - 1) * 0.015, by + (i // 3) * 0.015
            b.add("control button", _moved(cylinder(0.005, 0.004, top - 0.001, 10), (x, y, 0)), jitter(rng, dark, 0.05))
        b.alias("body", "housing", "casing", "main body").alias(
            "foot", "feet", "adjustable feet", "the pads it stands on"
        )
        b.alias("vent", "vents", "cooling vents", "air slots on the side")
    b.group("optics", "lens", "focus ring").alias("optics", "lens assembly", "projection lens")
    b.alias("lens", "glass", "projection lens glass", "the part the light comes out of")
    b.alias("focus ring", "focus wheel", "lens ring", "the ring you turn to focus")
    b.alias("control button", "buttons", "control panel", "keys on top")
    return b.build("projector", ground=True, variant=variant)


def make_webcam(rng: np.random.Generator) -> ProceduralObject:
    """Webcam: "camera body" with a "lens", "privacy shutter", "status light" and "microphone"s (group "camera"),
    a "cable"; held by a monitor "clip", or a "mount" on a "stand" (tripod or round base)."""
    variant = pick_variant(rng, ["monitor clip webcam", "tripod webcam", "ball webcam"])
    shell, dark = pick(rng, DARK + PALE), pick(rng, DARK)
    b = PartMesh()
    if variant == "ball webcam":
        r = rng.uniform(0.025, 0.035)
        neck = rng.uniform(0.02, 0.04)
        b.add("stand", cylinder(r * 1.1, 0.012, 0.0, 24, r * 0.95), jitter(rng, dark, 0.04))
        b.add("mount", cylinder(0.006, neck + r * 0.3, 0.01, 12), jitter(rng, shell, 0.04))
        zc = 0.012 + neck + r
        b.add("camera body", ellipsoid((r, r, r), (0, 0, zc), 16), shell)
        front, lx, lz = -r, 0.0, zc
        lr = r * 0.35
        cable_start = (0.0, r * 0.8, 0.006)
        b.alias("stand", "base", "round base", "the disc it sits on").alias("mount", "neck", "post")
    else:
        w, hh, dd = rng.uniform(0.075, 0.1), rng.uniform(0.025, 0.035), rng.uniform(0.025, 0.035)
        if variant == "tripod webcam":
            leg_h = rng.uniform(0.1, 0.16)
            head = leg_h + 0.01
            for k in range(3):
                a = np.pi / 2 + k * 2 * np.pi / 3
                foot = (leg_h * 0.45 * np.cos(a), leg_h * 0.45 * np.sin(a), 0.003)
                b.add("stand", rod((0.0, 0.0, leg_h), foot, 0.0035, 8), dark)
            b.add("stand", cylinder(0.008, 0.012, leg_h - 0.006, 12), dark)
            b.add("mount", cylinder(0.005, 0.012, head - 0.005, 10), jitter(rng, METAL[1]))
            zc = head + 0.005 + hh / 2
            cable_start = (w / 2 - 0.004, 0.0, zc)
            b.alias("stand", "tripod", "tripod legs", "the three legs").alias("mount", "screw mount", "ball head")
        else:
            leg = rng.uniform(0.04, 0.07)
            back = rng.uniform(0.35, 0.6)
            zh = leg * np.cos(0.25)
            zc = zh + 0.004 + hh / 2
            b.add("clip", box((w * 0.4, dd * 0.7, 0.008), (0, 0, zh + 0.002)), jitter(rng, dark, 0.03))
            b.add("clip", _plank((0.0, -dd * 0.3, zh), -zh * np.tan(0.25), -zh, w * 0.4, 0.004), dark)
            b.add("clip", _plank((0.0, dd * 0.3, zh), zh * np.tan(back), -zh, w * 0.4, 0.004), dark)
            cable_start = (w / 2 - 0.004, 0.0, zc)
            b.alias("clip", "monitor clip", "hinged mount", "the bracket that hooks over the screen")
        b.add(
            "camera body",
            facing_front(rounded_slab(w, hh, dd, hh * rng.uniform(0.3, 0.5), (0, 0, 0)), (0, 0, zc)),
            shell,
        )
        front, lz, lr = -dd / 2, zc, hh * rng.uniform(0.28, 0.36)
        lx = 0.0
        b.add("microphone", facing_front(cylinder(0.002, 0.002, -0.0015, 8), (-w * 0.36, front, zc)), dark)
        b.add("microphone", facing_front(cylinder(0.002, 0.002, -0.0015, 8), (w * 0.36, front, zc)), dark)
        b.alias("microphone", "mic", "microphones", "the little holes for sound")
    b.add("lens", facing_front(cylinder(lr, 0.005, -0.002, 16), (lx, front, lz)), GLASS)
    shutter_col = pick(rng, DARK + PALE)
    if variant == "ball webcam":  # LED above the lens; the shutter is a lid half over the lens
        led_z = lz + lr * 1.7
        b.add(
            "status light",
            facing_front(cylinder(0.0015, 0.004, -0.002, 8), (0.0, -np.sqrt(r * r - (lr * 1.7) ** 2), led_z)),
            LED_WHITE,
        )
        b.add("privacy shutter", box((lr * 2.3, 0.002, lr * 1.6), (0.0, front - 0.0042, lz + lr * 0.5)), shutter_col)
    else:
        b.add("status light", facing_front(cylinder(0.0015, 0.003, -0.0015, 8), (lx + lr * 1.7, front, lz)), LED_WHITE)
        closed = rng.random() < 0.3
        sx, sy = (lx, front - 0.0042) if closed else (lx - lr * 2.4, front - 0.0008)
        b.add("privacy shutter", box((lr * 2.3, 0.002, lr * 2.3), (sx, sy, lz)), shutter_col)
    x0, y0, z0 = cable_start
    if variant == "ball webcam":
        cable = [(x0, y0, z0), (x0, y0 + 0.03, 0.003), (x0 + 0.03, y0 + 0.15, 0.003)]
    else:
        cable = [
            (x0, y0, z0),
            (x0 + 0.02, y0 + 0.01, z0),
            (x0 + 0.03, y0 + 0.04, z0 * 0.5),
            (x0 + 0.035, y0 + 0.07, 0.003),
            (x0 + 0.04, y0 + 0.17, 0.003),
        ]
    b.add("cable", tube(np.array(cable), 0.0022, 8), dark)
    b.group("camera", "camera body", "lens", "privacy shutter", "status light", "microphone").alias(
        "camera", "webcam head", "the camera itself"
    )
    b.group("support", "clip", "mount", "stand").alias("support", "holder", "the part that holds the camera")
    b.alias("camera body", "housing", "body", "camera shell").alias("lens", "camera lens", "the glass eye")
    b.alias("privacy shutter", "privacy cover", "lens cover", "the slider that covers the lens")
    b.alias("status light", "indicator light", "LED", "activity light").alias("cable", "USB cable", "cord", "wire")
    return b.build("webcam", ground=True, variant=variant)


def _socket(
    b: PartMesh,
    r: float,
    turn: float | None,
    at: tuple[float, float, float],
    face: tuple[float, float, float],
    hole: tuple[float, float, float],
    round_pins: bool,
) -> None:
    """One outlet: a round face plate `r` and its pin holes, on the top (turn None) or on a side face."""
    pins = (
        [_moved(cylinder(0.0024, 0.0012, 0.0022, 8), (s * r * 0.48, 0, 0)) for s in (-1, 1)]
        if round_pins
        else [box((0.0022, 0.007, 0.0012), (s * r * 0.35, 0, 0.0028)) for s in (-1, 1)]
        + [_moved(cylinder(0.0022, 0.0012, 0.0022, 8), (0, -r * 0.45, 0))]
    )
    plate = cylinder(r, 0.0024, -0.0004, 20)
    for m, name, col in [(plate, "socket", face)] + [(p, "socket hole", hole) for p in pins]:
        if turn is None:
            b.add(name, _moved(m, at), col)
        else:
            b.add(name, _on_face(m, turn, at), col)


def make_power_strip(rng: np.random.Generator) -> ProceduralObject:
    """Power strip: "body" with "socket"s and their "socket hole"s, a "switch", "USB port"s, a "cord" ending in a
    "plug" with "prong"s; a long bar, a cube, or a tower on a "base"."""
    variant = pick_variant(rng, ["straight power strip", "cube power strip", "tower power strip"])
    shell, dark = pick(rng, PALE + DARK), pick(rng, DARK)
    face = jitter(rng, shell, 0.05)
    hole = (0.05, 0.05, 0.05) if np.mean(face) > 0.4 else (0.35, 0.35, 0.35)
    sw = pick(rng, [(0.85, 0.15, 0.1), (0.9, 0.55, 0.1)] + DARK)
    round_pins = bool(rng.random() < 0.5)
    b = PartMesh()
    if variant == "straight power strip":
        n = int(rng.integers(3, 7))
        wd, h = rng.uniform(0.05, 0.065), rng.uniform(0.032, 0.045)
        sr = wd * 0.36
        length = n * wd * 1.1 + 0.07
        b.add("body", rounded_slab(length, wd, h, 0.008, (0, 0, h / 2)), shell)
        for i in range(n):
            _socket(b, sr, None, (-length / 2 + 0.065 + (i + 0.5) * wd * 1.1, 0, h), face, hole, round_pins)
        b.add("switch", box((0.022, wd * 0.45, 0.01), (-length / 2 + 0.02, 0, h + 0.003)), sw)
        for s in (-1, 1):
            b.add("USB port", box((0.004, 0.013, 0.003), (-length / 2 + 0.045 + s * 0.005, 0, h)), dark)
        start = np.array([length / 2 - 0.002, 0.0, h / 2])
        out = np.array([1.0, 0.0])
    else:
        side = rng.uniform(0.07, 0.1) if variant == "cube power strip" else rng.uniform(0.085, 0.11)
        tall = side if variant == "cube power strip" else rng.uniform(0.26, 0.4)
        z0 = 0.0 if variant == "cube power strip" else 0.015
        if z0:
            b.add("base", rounded_slab(side * 1.35, side * 1.35, z0 + 0.001, 0.02, (0, 0, z0 / 2)), dark)
            b.alias("base", "stand", "foot", "the bottom plate")
        b.add("body", rounded_slab(side, side, tall, side * 0.12, (0, 0, z0 + tall / 2)), shell)
        sr = side * 0.22 if variant == "cube power strip" else min(side * 0.3, 0.02)
        faces = [np.pi / 2, np.pi, 3 * np.pi / 2] if variant == "cube power strip" else [np.pi / 2, 3 * np.pi / 2]
        rows = 1 if variant == "cube power strip" else min(5, int((tall - 0.08) / (2 * sr + 0.012)))
        pitch = (tall - 0.08) / rows
        for turn in faces:
            nrm = np.array([np.sin(turn), -np.cos(turn)])
            for j in range(rows):
                z = z0 + tall / 2 if rows == 1 else z0 + 0.03 + (j + 0.5) * pitch
                _socket(b, sr, turn, (nrm[0] * side / 2, nrm[1] * side / 2, z), face, hole, round_pins)
        b.add("switch", box((side * 0.3, side * 0.2, 0.008), (0, side * 0.1, z0 + tall + 0.002)), sw)
        uz = z0 + (tall * 0.5 if variant == "cube power strip" else tall - 0.03)
        for s in (-1, 1):
            b.add("USB port", box((0.013, 0.004, 0.005), (s * 0.011, -side / 2, uz)), dark)
        sgn = -1.0 if variant == "cube power strip" else 1.0  # a cube's back has a socket: its cord leaves the front
        start = np.array([0.0, sgn * (side / 2 - 0.002), z0 + 0.012])
        out = np.array([0.0, sgn])
    # cord: out of the body, down to the floor, curving away to the plug
    cr, reach = 0.0035, rng.uniform(0.2, 0.45)
    bend = rng.uniform(-0.5, 0.5)
    side_dir = np.array([-out[1], out[0]])
    pts = [start, start + np.r_[out * 0.03, 0.0], np.r_[start[:2] + out * 0.06, 0.006]]
    for t in np.linspace(0.25, 1.0, 4):
        p = start[:2] + out * (0.06 + reach * t) + side_dir * bend * reach * t * t
        pts.append(np.r_[p, 0.006])
    path = np.array(pts)
    b.add("cord", tube(path, cr, 8), dark)
    d = path[-1, :2] - path[-2, :2]
    d /= np.linalg.norm(d)
    yaw = float(np.arctan2(d[1], d[0]))
    pl, pw, ph = rng.uniform(0.035, 0.05), rng.uniform(0.03, 0.04), rng.uniform(0.016, 0.022)
    plug_c = path[-1, :2] + d * pl / 2
    b.add("plug", transform(box((pl, pw, ph), (0, 0, ph / 2)), (0, 0, yaw), (plug_c[0], plug_c[1], 0.0)), dark)
    for s in (-1, 1):
        prong = rod((pl / 2 - 0.002, s * pw * 0.25, ph / 2), (pl / 2 + 0.018, s * pw * 0.25, ph / 2), 0.0022, 8)
        b.add("prong", transform(prong, (0, 0, yaw), (plug_c[0], plug_c[1], 0.0)), METAL[0])
    b.group("outlet", "socket", "socket hole").alias("outlet", "outlets", "power outlet")
    b.group("power plug", "plug", "prong").alias("power plug", "wall plug", "mains plug")
    b.alias("body", "housing", "strip", "casing").alias(
        "socket", "sockets", "receptacle", "the place you plug things in"
    )
    b.alias("socket hole", "pin holes", "slots", "holes for the plug pins")
    b.alias("switch", "power switch", "rocker switch", "on/off switch").alias(
        "USB port", "USB ports", "USB charger", "USB slots"
    )
    b.alias("cord", "cable", "power cord", "lead").alias("plug", "plug head", "the end that goes into the wall")
    b.alias("prong", "pins", "plug pins", "the metal pins")
    return b.build("power strip", ground=True, variant=variant)


def make_game_console(rng: np.random.Generator) -> ProceduralObject:
    """Video game console: "body" with a "disc slot", "power button", "controller port"s and "vent"s on "foot"s or a
    "stand"; a hybrid console is a "screen" tablet between "joy-con" controllers, slotted into a "dock"."""
    variant = pick_variant(rng, ["horizontal console", "vertical console on stand", "handheld in dock"])
    shell, dark = pick(rng, DARK + PALE), pick(rng, DARK)
    accent = jitter(rng, shell, 0.08)
    b = PartMesh()
    if variant == "handheld in dock":
        tw, th, td = rng.uniform(0.17, 0.2), rng.uniform(0.095, 0.11), rng.uniform(0.013, 0.016)
        dw, dh, dd = tw * rng.uniform(0.92, 1.0), th * rng.uniform(0.9, 1.0), rng.uniform(0.048, 0.058)
        b.add("dock", box((dw, dd * 0.55, dh), (0, dd * 0.225, dh / 2)), dark)  # back block
        b.add("dock", box((dw, dd * 0.45 - td, dh * 0.45), (0, -dd / 2 + (dd * 0.45 - td) / 2, dh * 0.225)), dark)
        b.add("dock", box((dw, td, 0.012), (0, -dd * 0.05 - td / 2, 0.006)), dark)
        z0, y0 = 0.012, -dd * 0.05 - td / 2
        b.add(
            "body",
            facing_front(rounded_slab(tw, th, td, 0.006, (0, 0, 0)), (0, y0, z0 + th / 2)),
            dark,
        )
        b.add("screen", box((tw * 0.82, 0.002, th * 0.85), (0, y0 - td / 2 - 0.0005, z0 + th / 2)), GLASS)
        cols = [pick(rng, BRIGHT), pick(rng, BRIGHT)] if rng.random() < 0.6 else [dark, dark]
        jw = rng.uniform(0.033, 0.038)
        for s, col in zip((-1, 1), cols):
            jc = (s * (tw / 2 + jw / 2 - 0.001), y0, z0 + th / 2)
            b.add(
                "joy-con",
                facing_front(rounded_slab(jw, th, td * 1.4, jw * 0.45, (0, 0, 0)), jc),
                col,
            )
            b.add(
                "thumbstick",
                facing_front(cylinder(0.007, 0.006, 0.0, 12), (jc[0], y0 - td * 0.7, jc[2] - s * th * 0.2)),
                DARK[0],
            )
        b.add("power button", box((0.008, 0.004, 0.003), (-tw * 0.35, y0, z0 + th + 0.001)), DARK[0])
        b.add("cartridge slot", box((0.024, 0.006, 0.002), (tw * 0.3, y0, z0 + th + 0.0005)), DARK[0])
        for i in range(6):
            b.add("vent", box((0.004, td * 0.5, 0.002), (-tw * 0.1 + i * 0.007, y0, z0 + th + 0.0004)), DARK[0])
        for i in range(2):
            b.add(
                "controller port",
                box((0.012, 0.0035, 0.006), (-dw * 0.2 + i * 0.018, dd / 2 + 0.001, dh * 0.4)),
                DARK[0],
            )
        b.alias("dock", "docking station", "stand", "the holder it slots into")
        b.alias("body", "tablet", "console unit", "handheld").alias(
            "screen", "display", "touchscreen", "the part you look at"
        )
        b.alias("joy-con", "controller", "detachable controllers", "side controllers")
        b.alias("thumbstick", "analog stick", "joystick", "sticks").alias(
            "cartridge slot", "game card slot", "card slot"
        )
        b.group("handheld console", "body", "screen", "joy-con", "thumbstick").alias(
            "handheld console", "portable unit", "the part you take with you"
        )
        b.alias("controller port", "USB ports", "ports on the dock", "USB")
    else:
        vertical = variant == "vertical console on stand"
        if vertical:
            w, d, h = rng.uniform(0.08, 0.11), rng.uniform(0.24, 0.3), rng.uniform(0.28, 0.38)
            sh = rng.uniform(0.01, 0.015)
            b.add("stand", rounded_slab(w * 2.2, d * 0.6, sh + 0.001, 0.03, (0, 0, sh / 2)), jitter(rng, dark, 0.03))
            b.alias("stand", "base", "vertical stand", "the foot it stands upright on")
            b.add("body", rounded_slab(w, d, h, w * 0.2, (0, 0, sh + h / 2)), shell)
            z0 = sh
            b.add(
                "disc slot",
                box((0.004, 0.0025, min(0.13, h * 0.45)), (w * 0.2, -d / 2 - 0.0005, z0 + h * 0.65)),
                DARK[0],
            )
            bz = z0 + h * 0.2
            b.add("power button", box((0.006, 0.004, 0.012), (-w * 0.2, -d / 2 - 0.0008, bz + 0.02)), accent)
            for i in range(2):
                b.add(
                    "controller port",
                    box((0.006, 0.004, 0.013), (-w * 0.2, -d / 2 - 0.0008, bz - 0.01 - i * 0.02)),
                    DARK[0],
                )
            for i in range(int(rng.integers(6, 10))):
                b.add("vent", box((w * 0.7, 0.006, 0.002), (0, -d * 0.35 + i * 0.02, z0 + h + 0.0005)), DARK[0])
        else:
            w, d, h = rng.uniform(0.27, 0.36), rng.uniform(0.22, 0.3), rng.uniform(0.05, 0.08)
            fh = 0.006
            for sx in (-1, 1):
                for sy in (-1, 1):
                    b.add(
                        "foot", _moved(cylinder(0.01, fh + 0.001, 0.0, 12), (sx * w * 0.4, sy * d * 0.38, 0)), DARK[0]
                    )
            b.alias("foot", "feet", "rubber feet", "the pads it stands on")
            b.add("body", rounded_slab(w, d, h, rng.uniform(0.005, 0.03), (0, 0, fh + h / 2)), shell)
            z0 = fh
            b.add("disc slot", box((0.13, 0.0025, 0.004), (-w * 0.12, -d / 2 - 0.0005, z0 + h * 0.55)), DARK[0])
            b.add("power button", box((0.012, 0.004, 0.006), (w * 0.38, -d / 2 - 0.0008, z0 + h * 0.55)), accent)
            for i in range(2):
                b.add(
                    "controller port",
                    box((0.013, 0.004, 0.006), (w * 0.22 + i * 0.02, -d / 2 - 0.0008, z0 + h * 0.35)),
                    DARK[0],
                )
            for sx in (-1, 1):
                for i in range(int(rng.integers(6, 11))):
                    b.add(
                        "vent",
                        box((0.003, 0.006, h * 0.55), (sx * (w / 2 - 0.001), d * 0.3 - i * 0.014, z0 + h * 0.5)),
                        DARK[0],
                    )
        b.alias("body", "console", "housing", "main unit").alias("disc slot", "disc drive", "the slot for game discs")
        b.alias("controller port", "USB ports", "controller sockets", "front ports")
    b.alias("power button", "on button", "power switch", "the button that turns it on")
    b.alias("vent", "vents", "cooling vents", "air vents")
    return b.build("game console", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "drone": [make_drone],
    "router": [make_router],
    "projector": [make_projector],
    "webcam": [make_webcam],
    "power strip": [make_power_strip],
    "game console": [make_game_console],
}
