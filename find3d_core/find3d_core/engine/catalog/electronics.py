"""Electronics: displays, keyboards, computer mice, phones, remote controls, speakers, cameras, printers, wall
switches, USB sticks, tablets, game controllers.

Each builder draws a shape variant and proportions from a Generator and returns a z-up, metric object standing
on z = 0, its front facing -y (helpers: `catalog/shapes.py`). `CATEGORIES` maps a category to its builders.
"""

from __future__ import annotations

import numpy as np
import open3d as o3d

from find3d_core.engine.catalog.mesh_tools import (
    along_x,
    cut,
    facing_front,
    key_grid,
    ring,
    rod,
    rounded_slab,
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
    ellipsoid,
    jitter,
    pick,
    pick_variant,
    revolve,
    transform,
    tube,
)

GLASS = (0.05, 0.07, 0.1)


def make_display(rng: np.random.Generator) -> ProceduralObject:
    """Monitor or TV: "screen", "bezel" (group "display"), "stand" (neck or feet), "base"."""
    variant = pick_variant(rng, ["monitor on a neck", "monitor on a pedestal", "tv on feet"])
    w = rng.uniform(0.5, 0.7) if variant != "tv on feet" else rng.uniform(0.9, 1.3)
    h, d = w * rng.uniform(0.56, 0.62), rng.uniform(0.02, 0.05)
    lift = rng.uniform(0.1, 0.16) if variant != "tv on feet" else rng.uniform(0.05, 0.08)
    shell = pick(rng, DARK + METAL)
    b = PartMesh()
    b.add("bezel", box((w, d, h), (0, 0, lift + h / 2)), shell)
    b.add("screen", box((w - 0.02, 0.002, h - 0.02), (0, -d / 2 - 0.001, lift + h / 2)), GLASS)
    if variant == "tv on feet":
        for s in (-1, 1):
            foot = tube(np.array([[s * w * 0.38, 0, lift + 0.02], [s * w * 0.4, -0.04, 0.005], [s * w * 0.4, -0.12, 0.005]]), 0.008)
            b.add("stand", foot, jitter(rng, shell))
            b.add("stand", rod((s * w * 0.38, 0.0, lift + 0.02), (s * w * 0.4, 0.1, 0.005), 0.008), jitter(rng, shell))
        b.alias("stand", "feet", "legs", "the part it stands on")
    else:
        neck = box((0.05, 0.025, lift + h * 0.4), (0, d / 2 + 0.0125, (lift + h * 0.4) / 2))
        b.add("stand", neck, jitter(rng, shell))
        if variant == "monitor on a neck":
            b.add("base", box((w * 0.4, 0.2, 0.015), (0, 0.05, 0.0075)), jitter(rng, shell))
        else:
            b.add("base", cylinder(0.11, 0.015, 0.0, 32, 0.1).translate((0, 0.03, 0)), jitter(rng, shell))
        b.alias("stand", "neck", "arm").alias("base", "foot", "the part on the desk")
        b.group("support", "stand", "base")
    b.group("display", "screen", "bezel").alias("display", "monitor", "panel")
    b.alias("screen", "display screen", "the part you look at").alias("bezel", "frame", "border around the screen")
    return b.build("display", ground=True, variant=variant)


def make_keyboard(rng: np.random.Generator) -> ProceduralObject:
    """Computer keyboard: "body", "key" and "space bar" (group "keys"), maybe "wrist rest" or "cable"."""
    variant = pick_variant(rng, ["full keyboard", "compact keyboard", "keyboard with wrist rest"])
    pitch = 0.019
    cols = 18 if variant == "full keyboard" else 14
    w, d, t = cols * pitch + 0.03, 6 * pitch + 0.03, rng.uniform(0.015, 0.025)
    shell, keys = pick(rng, DARK + PALE), pick(rng, DARK + PALE)
    b = PartMesh()
    b.add("body", box((w, d, t), (0, 0, t / 2)), shell)
    x0, y0 = -w / 2 + 0.015 + pitch / 2, d / 2 - 0.015 - pitch / 2
    for k in key_grid(cols, 5, pitch, (0.016, 0.016, 0.008), (x0, y0, t + 0.004)):
        b.add("key", k, keys)
    for side in (-1, 1):  # the bottom row beside the space bar
        for i in range(3):
            b.add("key", box((0.016, 0.016, 0.008), (side * (w / 2 - 0.025 - i * pitch), y0 - 5 * pitch, t + 0.004)), keys)
    b.add("space bar", box((pitch * 6, 0.016, 0.008), (-w * 0.05, y0 - 5 * pitch, t + 0.004)), jitter(rng, keys, 0.03))
    if variant == "keyboard with wrist rest":
        b.add("wrist rest", box((w, 0.07, t * 0.8), (0, -d / 2 - 0.037, t * 0.4)), jitter(rng, shell))
        b.alias("wrist rest", "palm rest", "the part your wrists lie on")
    else:
        b.add("cable", tube(np.array([[0, d / 2, t / 2], [0, d / 2 + 0.05, 0.004], [0.03, d / 2 + 0.2, 0.004]]), 0.0025), DARK[0])
        b.alias("cable", "cord", "wire")
    b.group("keys", "key", "space bar").alias("keys", "keycaps", "the part you type on")
    b.alias("key", "button", "keycap").alias("space bar", "spacebar", "the long key")
    b.alias("body", "case", "housing")
    return b.build("keyboard", ground=True, variant=variant)


def make_mouse(rng: np.random.Generator) -> ProceduralObject:
    """Computer mouse: a flattened dome split into "body", "left button", "right button" (group "button"),
    a "scroll wheel", maybe "side button"s or a "cable"."""
    variant = pick_variant(rng, ["wired mouse", "wireless mouse", "gaming mouse"])
    L, W, H = rng.uniform(0.1, 0.125), rng.uniform(0.055, 0.07), rng.uniform(0.03, 0.042)
    shell = pick(rng, DARK + PALE + METAL)
    dome = ellipsoid((W / 2, L / 2, H), (0, 0, 0), 24)
    v = np.asarray(dome.vertices)
    v[:, 2] = np.maximum(v[:, 2], 0.0)  # a flat sole
    v[:, 1] += 0.08 * L * (v[:, 2] / H)  # the hump sits behind the middle, where the palm rests
    gap = 0.0015
    front = -L * 0.05  # buttons cover the front (-y) part of the top

    def top(c: np.ndarray) -> np.ndarray:
        return (c[:, 1] < front) & (c[:, 2] > H * 0.35)

    b = PartMesh()
    b.add("body", cut(dome, lambda c: ~top(c)), shell)
    b.add("left button", cut(dome, lambda c: top(c) & (c[:, 0] < -gap)), jitter(rng, shell, 0.04))
    b.add("right button", cut(dome, lambda c: top(c) & (c[:, 0] > gap)), jitter(rng, shell, 0.04))
    b.add("scroll wheel", along_x(cylinder(0.009, 0.007, -0.0035, 16), (0, -L * 0.22, H * 0.88)), DARK[1])
    if variant == "gaming mouse":
        for k in range(2):
            b.add("side button", box((0.004, 0.014, 0.007), (-W / 2 + 0.004, -L * 0.1 + k * 0.017, H * 0.45)), jitter(rng, shell))
        b.alias("side button", "thumb button", "back button")
    if variant != "wireless mouse":
        b.add("cable", tube(np.array([[0, -L / 2 + 0.002, H * 0.3], [0, -L / 2 - 0.04, 0.003], [0.015, -L / 2 - 0.07, 0.003]]), 0.0018), DARK[0])
        b.alias("cable", "cord", "wire", "the tail")
    b.group("button", "left button", "right button", "side button").alias("button", "buttons", "the part you click")
    b.alias("left button", "left click", "primary button").alias("right button", "right click", "secondary button")
    b.alias("scroll wheel", "wheel", "the part you scroll").alias("body", "shell", "the part your palm rests on")
    return b.build("mouse", ground=True, variant=variant)


def make_phone(rng: np.random.Generator) -> ProceduralObject:
    """Phone lying screen up: "body", "screen", "camera", "button"s; a keypad phone has "key"s."""
    variant = pick_variant(rng, ["smartphone", "smartphone with camera bump", "keypad phone"])
    w, L = rng.uniform(0.065, 0.078), rng.uniform(0.14, 0.165)
    t = rng.uniform(0.007, 0.01)
    if variant == "keypad phone":
        w, L, t = w * 0.75, L * 0.8, t * 1.6
    shell = pick(rng, DARK + METAL + BRIGHT)
    b = PartMesh()
    b.add("body", rounded_slab(w, L, t, 0.008, (0, 0, t / 2)), shell)
    if variant == "keypad phone":
        b.add("screen", box((w * 0.8, L * 0.35, 0.001), (0, L * 0.22, t + 0.0005)), GLASS)
        for k in key_grid(3, 4, w * 0.25, (w * 0.2, L * 0.07, 0.002), (-w * 0.25, -L * 0.08, t + 0.001)):
            b.add("key", k, jitter(rng, shell, 0.1))
        b.alias("key", "keypad", "number keys", "the part you press")
        b.add("button", box((w * 0.3, L * 0.06, 0.002), (0, L * 0.0, t + 0.001)), jitter(rng, shell, 0.1))
    else:
        b.add("screen", rounded_slab(w - 0.005, L - 0.006, 0.001, 0.006, (0, 0, t + 0.0005)), GLASS)
        for k, yb in enumerate((0.25, 0.15, 0.08)):  # a power button and two volume buttons on the sides
            b.add("button", box((0.0016, 0.012 if k else 0.016, 0.003), ((w / 2 + 0.0008) * (1 if k == 0 else -1), L * yb, t / 2)), jitter(rng, shell))
    # Cameras face down through the back; the bump (if any) makes the phone lie a little tilted off the table.
    n_lens = 1 if variant == "keypad phone" else int(rng.integers(1, 4))
    bump = 0.0015 if variant == "smartphone with camera bump" else 0.0002
    for k in range(n_lens):
        b.add("camera", cylinder(0.005, bump + 0.0002, -bump, 16).translate((-w / 2 + 0.012, L / 2 - 0.012 - 0.012 * k, 0)), DARK[0])
    if variant != "keypad phone":
        b.add("camera", cylinder(0.002, 0.0003, t + 0.0006, 12).translate((0, L / 2 - 0.008, 0)), DARK[0])
    b.alias("screen", "display", "touchscreen", "the part you look at").alias("camera", "lens", "camera lens")
    b.alias("button", "side button", "power button").alias("body", "case", "back", "housing")
    return b.build("phone", ground=True, variant=variant)


def make_remote(rng: np.random.Generator) -> ProceduralObject:
    """Remote control lying flat: "body", "button"s and a red "power button" (group "buttons"), maybe a "screen"."""
    variant = pick_variant(rng, ["tv remote", "slim remote", "air conditioner remote"])
    w, L, t = rng.uniform(0.045, 0.055), rng.uniform(0.16, 0.22), rng.uniform(0.018, 0.025)
    if variant == "slim remote":
        w, L, t = w * 0.8, L * 0.75, t * 0.7
    shell = pick(rng, DARK + PALE)
    b = PartMesh()
    b.add("body", rounded_slab(w, L, t, w * 0.3, (0, 0, t / 2)), shell)
    b.add("power button", cylinder(0.005, 0.003, t, 16).translate((w * 0.25, L * 0.4, 0)), (0.8, 0.1, 0.1))
    y_top = L * 0.25
    if variant == "air conditioner remote":
        b.add("screen", box((w * 0.75, L * 0.2, 0.001), (0, L * 0.18, t + 0.0005)), (0.6, 0.7, 0.6))
        b.alias("screen", "display", "lcd")
        y_top = 0.0
    if variant == "slim remote":
        b.add("button", ring(0.012, 0.003, (0, y_top - 0.01, t), "z", 24), jitter(rng, shell, 0.15))
        b.add("button", cylinder(0.007, 0.003, t, 16).translate((0, y_top - 0.01, 0)), jitter(rng, shell, 0.15))
    else:
        for k in key_grid(3, 6, w * 0.28, (w * 0.2, w * 0.14, 0.004), (-w * 0.28, y_top, t)):
            b.add("button", k, jitter(rng, shell, 0.15))
    b.group("buttons", "button", "power button").alias("buttons", "keys", "the part you press")
    b.alias("button", "key", "push button").alias("power button", "on/off button", "red button")
    b.alias("body", "case", "the part you hold")
    return b.build("remote", ground=True, variant=variant)


def make_speaker(rng: np.random.Generator) -> ProceduralObject:
    """Loudspeaker: "body", "woofer" and "tweeter" (group "driver"), or a "grille"; maybe "button"s."""
    variant = pick_variant(rng, ["bookshelf speaker", "bluetooth speaker", "smart speaker"])
    shell = pick(rng, DARK + WOOD if variant == "bookshelf speaker" else DARK + BRIGHT + PALE)
    b = PartMesh()
    if variant == "bookshelf speaker":
        w, d, h = rng.uniform(0.16, 0.22), rng.uniform(0.18, 0.26), rng.uniform(0.26, 0.36)
        b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
        rw = w * 0.38
        cone = revolve(np.array([(0.0, -0.02), (rw * 0.25, -0.02), (rw * 0.9, 0.0), (rw, 0.0), (rw, 0.002), (0.0, 0.002)]), 32)
        b.add("woofer", facing_front(cone, (0, -d / 2, h * 0.35)), DARK[0])
        b.add("tweeter", facing_front(cylinder(0.014, 0.004, 0.0, 20), (0, -d / 2, h * 0.78)), METAL[1])
        b.add("port", facing_front(cylinder(0.018, 0.001, 0.0, 20), (0, -d / 2, h * 0.1)), (0.02, 0.02, 0.02))
        b.group("driver", "woofer", "tweeter").alias("driver", "speaker cone", "the part that makes sound")
        b.alias("woofer", "cone", "bass driver").alias("tweeter", "high-frequency driver", "small driver")
        b.alias("port", "bass port", "hole")
        b.alias("body", "cabinet", "enclosure", "box")
    else:
        r = rng.uniform(0.035, 0.05) if variant == "bluetooth speaker" else rng.uniform(0.05, 0.07)
        h = r * rng.uniform(2.0, 3.5) if variant == "bluetooth speaker" else r * rng.uniform(1.2, 1.8)
        b.add("grille", revolve(np.array([(0.0, 0.0), (r, 0.0), (r, h * 0.85), (r * 0.9, h * 0.9)]), 36), jitter(rng, shell, 0.03))
        b.add("body", revolve(np.array([(r * 0.9, h * 0.9), (r * 0.8, h), (0.0, h)]), 36), pick(rng, DARK + PALE))
        for k in range(4):
            a = k * np.pi / 2 + np.pi / 4
            b.add("button", cylinder(0.006, 0.002, h, 12).translate((r * 0.45 * np.cos(a), r * 0.45 * np.sin(a), 0)), DARK[1])
        b.alias("grille", "mesh", "speaker cover", "the fabric around it").alias("button", "volume button", "control")
        b.alias("body", "top cap", "housing")
    return b.build("speaker", ground=True, variant=variant)


def make_camera(rng: np.random.Generator) -> ProceduralObject:
    """Photo camera: "body", "lens", "shutter button", maybe "grip", "viewfinder", "flash", "strap"."""
    variant = pick_variant(rng, ["dslr", "compact camera", "mirrorless camera"])
    w = {"dslr": rng.uniform(0.13, 0.15), "compact camera": rng.uniform(0.095, 0.11), "mirrorless camera": rng.uniform(0.11, 0.13)}[variant]
    h, d = w * rng.uniform(0.58, 0.7), w * (0.5 if variant == "dslr" else 0.3)
    shell = pick(rng, DARK + METAL)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    lens_r = h * (0.33 if variant != "compact camera" else 0.25)
    lens_l = {"dslr": rng.uniform(0.06, 0.1), "compact camera": 0.015, "mirrorless camera": rng.uniform(0.04, 0.07)}[variant]
    prof = np.array([(0.0, 0.0), (lens_r, 0.0), (lens_r, lens_l * 0.6), (lens_r * 1.05, lens_l * 0.6),
                     (lens_r * 1.05, lens_l), (lens_r * 0.7, lens_l), (0.0, lens_l - 0.004)])
    b.add("lens", facing_front(revolve(prof, 32), (w * 0.08 if variant != "compact camera" else w * 0.12, -d / 2, h * 0.45)), DARK[0])
    b.add("shutter button", cylinder(0.006, 0.004, h, 16).translate((-w * 0.38, -d * 0.2, 0)), METAL[0])
    if variant != "compact camera":
        b.add("grip", box((w * 0.18, d * 0.6, h * 0.9), (-w * 0.41, -d / 2 - d * 0.15, h * 0.47)), DARK[0])
        b.add("viewfinder", box((w * 0.28, d * 0.7, h * 0.22), (w * 0.08, 0, h + h * 0.1)), shell)
        b.alias("grip", "handgrip", "the part you hold").alias("viewfinder", "eyepiece", "prism hump")
    else:
        b.add("flash", box((w * 0.2, 0.002, h * 0.12), (-w * 0.25, -d / 2 - 0.001, h * 0.82)), PALE[0])
        b.alias("flash", "flash light", "the part that lights up")
    if rng.random() < 0.6:
        for s in (-1, 1):
            b.add("lug", box((0.004, 0.01, 0.01), (s * (w / 2 + 0.002), 0, h * 0.85)), METAL[1])
        b.add("strap", tube(arch(np.array([-w / 2 - 0.004, 0, h * 0.85]), np.array([w / 2 + 0.004, 0, h * 0.85]),
                                 np.array([0, 0.01, w * 1.6]), 20), 0.003, 8), pick(rng, DARK + BRIGHT))
        b.alias("strap", "neck strap", "the part around your neck").alias("lug", "strap lug", "eyelet")
    b.alias("lens", "objective", "the glass front").alias("shutter button", "button", "trigger", "the part you press")
    b.alias("body", "camera body", "housing")
    return b.build("camera", ground=True, variant=variant)


def make_printer(rng: np.random.Generator) -> ProceduralObject:
    """Printer: "body", "paper tray" (input) and "output tray", "control panel" with "button"s, maybe a "lid"
    (scanner) and a "paper" sheet."""
    variant = pick_variant(rng, ["inkjet printer", "laser printer", "all-in-one printer"])
    w, d = rng.uniform(0.38, 0.46), rng.uniform(0.3, 0.4)
    h = {"inkjet printer": rng.uniform(0.14, 0.18), "laser printer": rng.uniform(0.22, 0.28), "all-in-one printer": rng.uniform(0.2, 0.25)}[variant]
    shell = pick(rng, PALE + DARK)
    b = PartMesh()
    b.add("body", box((w, d, h), (0, 0, h / 2)), shell)
    if variant == "inkjet printer":  # paper stands up in a tray at the back, comes out at the front
        b.add("paper tray", transform(box((w * 0.6, 0.005, 0.15), (0, 0, 0.075)), (-0.35, 0, 0), (0, d / 2 - 0.02, h)), jitter(rng, shell, 0.05))
        b.add("paper", transform(box((w * 0.5, 0.002, 0.12), (0, 0, 0.06)), (-0.35, 0, 0), (0, d / 2 - 0.03, h)), (0.97, 0.97, 0.97))
        b.alias("paper", "sheet", "paper sheet")
    else:  # a drawer cassette at the bottom front
        b.add("paper tray", box((w * 0.85, 0.015, h * 0.22), (0, -d / 2 - 0.0075, h * 0.14)), jitter(rng, shell, 0.05))
    b.add("output tray", box((w * 0.6, d * 0.35, 0.006), (0, -d / 2 - d * 0.15, h * (0.45 if variant != "inkjet printer" else 0.35))), jitter(rng, shell, 0.05))
    b.add("control panel", transform(box((w * 0.3, 0.07, 0.01), (0, 0, 0)), (0.4, 0, 0), (w * 0.3, -d / 2 + 0.02, h + 0.01)), DARK[0])
    for k in range(3):
        b.add("button", cylinder(0.006, 0.006, h + 0.005, 12).translate((w * 0.2 + k * 0.025, -d / 2 + 0.035, 0)), pick(rng, PALE + BRIGHT))
    if variant == "all-in-one printer":
        b.add("lid", box((w * 0.95, d * 0.9, 0.025), (0, 0.02, h + 0.0125)), jitter(rng, shell, 0.04))
        b.alias("lid", "scanner lid", "cover", "the part you lift")
    b.group("trays", "paper tray", "output tray").alias("paper tray", "input tray", "paper feeder", "cassette")
    b.alias("output tray", "exit tray", "the part the paper comes out on").alias("control panel", "panel", "display")
    b.alias("button", "buttons", "power button").alias("body", "housing", "case", "printer body")
    return b.build("printer", ground=True, variant=variant)


def make_switch(rng: np.random.Generator) -> ProceduralObject:
    """Wall switch standing upright on its plate's edge, front to -y: "plate", a "toggle" in its "housing" with
    "screw"s, or one or two "rocker"s in a "frame"."""
    variant = pick_variant(rng, ["toggle switch", "rocker switch", "double rocker switch"])
    w, h = rng.uniform(0.07, 0.086), rng.uniform(0.115, 0.125)
    plate_c = pick(rng, PALE + METAL + DARK)
    b = PartMesh()
    b.add("plate", box((w, 0.008, h), (0, 0, h / 2)), plate_c)
    if variant == "toggle switch":
        b.add("housing", box((0.012, 0.004, 0.025), (0, -0.006, h / 2)), jitter(rng, plate_c, 0.05))
        up = 1 if rng.random() < 0.5 else -1
        b.add("toggle", transform(cylinder(0.004, 0.018, 0.0, 10, 0.003), (np.pi / 2 - up * 0.4, 0, 0), (0, -0.008, h / 2)), jitter(rng, plate_c, 0.08))
        b.alias("toggle", "lever", "switch lever", "the part you flip").alias("housing", "bushing", "toggle base")
        for s in (-1, 1):
            b.add("screw", facing_front(cylinder(0.003, 0.001, 0.0, 10), (0, -0.004, h / 2 + s * 0.03)), METAL[0])
        b.alias("screw", "screws", "mounting screw")
    else:
        n = 1 if variant == "rocker switch" else 2
        rw = w * 0.55 / n
        for k in range(n):
            x = (k - (n - 1) / 2) * (rw + 0.004)
            b.add("rocker", transform(box((rw, 0.008, h * 0.6), (0, 0, 0)), (rng.choice([-0.08, 0.08]), 0, 0), (x, -0.007, h / 2)), jitter(rng, plate_c, 0.04))
        b.alias("rocker", "paddle", "switch button", "the part you press")
        b.add("frame", box((w * 0.65, 0.004, h * 0.7), (0, -0.005, h / 2)), jitter(rng, plate_c, 0.06))
        b.alias("frame", "bezel", "surround")
    b.alias("plate", "wall plate", "cover plate", "faceplate")
    return b.build("switch", ground=True, variant=variant)


def make_usb(rng: np.random.Generator) -> ProceduralObject:
    """USB flash drive lying flat: "body", "connector" (the metal plug), maybe a "cap" or a swivel "cover", a
    "lanyard loop"."""
    variant = pick_variant(rng, ["capped usb stick", "swivel usb stick", "mini usb stick"])
    L = rng.uniform(0.045, 0.06) if variant != "mini usb stick" else rng.uniform(0.012, 0.018)
    w, t = rng.uniform(0.017, 0.021), rng.uniform(0.007, 0.01)
    body_c = pick(rng, BRIGHT + DARK + METAL)
    b = PartMesh()
    b.add("body", rounded_slab(L, w, t, 0.003, (0, 0, t / 2)), body_c)
    b.add("connector", box((0.012, 0.012, 0.0045), (L / 2 + 0.006, 0, t / 2)), METAL[0])
    b.add("connector", box((0.011, 0.0105, 0.0015), (L / 2 + 0.0065, 0, t / 2 - 0.0005)), (0.95, 0.95, 0.95))
    if variant == "capped usb stick":
        b.add("cap", rounded_slab(0.02, w, t, 0.003, (L / 2 + 0.01 + 0.004, 0, t / 2)).translate((0.004, 0, 0)), jitter(rng, body_c, 0.1))
        b.alias("cap", "lid", "cover", "the part you pull off")
    elif variant == "swivel usb stick":
        b.add("cover", box((L + 0.012, w + 0.002, 0.0008), (0.006, 0, t + 0.0004)), METAL[1])
        b.add("cover", box((L + 0.012, w + 0.002, 0.0008), (0.006, 0, -0.0004)), METAL[1])
        b.add("cover", box((0.0008, w + 0.002, t + 0.0016), (L / 2 + 0.012, 0, t / 2)), METAL[1])
        b.alias("cover", "swivel cover", "metal clip", "the part that turns")
    if variant != "mini usb stick":
        b.add("lanyard loop", ring(0.003, 0.0012, (-L / 2 - 0.002, 0, t / 2), "z", 12), jitter(rng, body_c))
        b.alias("lanyard loop", "key ring hole", "loop")
    b.alias("connector", "plug", "usb connector", "the metal part").alias("body", "casing", "stick", "the part you hold")
    return b.build("usb", ground=True, variant=variant)


def make_tablet(rng: np.random.Generator) -> ProceduralObject:
    """Tablet: "body", "screen", "camera", "button"s; maybe a folding "case" cover propping it up, or a "stylus"."""
    variant = pick_variant(rng, ["tablet lying flat", "tablet on a folding case", "tablet with stylus"])
    w, L, t = rng.uniform(0.16, 0.19), rng.uniform(0.23, 0.28), rng.uniform(0.006, 0.008)
    shell = pick(rng, METAL + DARK)
    b = PartMesh()
    if variant == "tablet on a folding case":
        # Standing on its bottom edge, leaning back; the cover folds into a triangle behind it.
        theta = np.pi / 2 - np.deg2rad(rng.uniform(20, 30))  # turns the lying slab up: y -> z, screen side -> -y
        b.add("body", transform(rounded_slab(w, L, t, 0.012, (0, L / 2, -t / 2)), (theta, 0, 0), (0, 0, 0.004)), shell)
        b.add("screen", transform(box((w - 0.014, L - 0.02, 0.001), (0, L / 2, 0.0005)), (theta, 0, 0), (0, 0, 0.004)), GLASS)
        p = np.array([0.6 * L * np.cos(theta) + t * np.sin(theta), 0.6 * L * np.sin(theta) - t * np.cos(theta) + 0.004])
        q = np.array([p[0] + 0.35 * L, 0.002])
        dy, dz = q - p
        flap = transform(box((w, 0.004, float(np.hypot(dy, dz))), (0, 0, 0)), (np.arctan2(-dy, dz), 0, 0), (0, *(p + q) / 2))
        cover = pick(rng, BRIGHT + DARK)
        b.add("case", flap, cover)
        b.add("case", box((w, q[0], 0.004), (0, q[0] / 2, 0.002)), cover)
        b.alias("case", "cover", "folding cover", "smart cover")
    else:
        b.add("body", rounded_slab(w, L, t, 0.012, (0, 0, t / 2)), shell)
        b.add("screen", box((w - 0.014, L - 0.02, 0.001), (0, 0, t + 0.0005)), GLASS)
        b.add("camera", cylinder(0.003, 0.0004, t + 0.0006, 12).translate((0, L / 2 - 0.006, 0)), DARK[0])
        b.alias("camera", "front camera", "lens")
        for k in range(2):
            b.add("button", box((0.0015, 0.015, 0.003), (w / 2 + 0.0007, L * (0.3 + 0.08 * k), t / 2)), jitter(rng, shell))
        b.alias("button", "side button", "volume button")
        if variant == "tablet with stylus":
            b.add("stylus", rod((w / 2 + 0.02, -L * 0.4, 0.0045), (w / 2 + 0.02, L * 0.25, 0.0045), 0.0045, 12), PALE[0])
            b.add("stylus tip", cylinder(0.0045, 0.012, 0.0, 12, 0.0008).rotate(
                o3d.geometry.get_rotation_matrix_from_xyz((np.pi / 2, 0, 0)), center=(0, 0, 0)).translate((w / 2 + 0.02, -L * 0.4, 0.0045)), DARK[1])
            b.alias("stylus", "pen", "pencil", "the part you draw with").alias("stylus tip", "nib", "pen tip")
    b.alias("screen", "display", "touchscreen", "the part you look at").alias("body", "back", "housing", "case body")
    return b.build("tablet", ground=True, variant=variant)


def make_game_controller(rng: np.random.Generator) -> ProceduralObject:
    """Gamepad lying flat: "body" with two "grip"s, "joystick"s, a "d-pad", face "button"s, "trigger"s."""
    variant = pick_variant(rng, ["twin-stick gamepad", "retro gamepad", "gamepad with touchpad"])
    W, D, H = rng.uniform(0.14, 0.16), rng.uniform(0.06, 0.07), rng.uniform(0.025, 0.035)
    shell = pick(rng, DARK + PALE + BRIGHT)
    b = PartMesh()
    if variant == "retro gamepad":
        b.add("body", rounded_slab(W, D, H * 0.6, D * 0.45, (0, 0, H * 0.3)), shell)
        top = H * 0.6
    else:
        b.add("body", ellipsoid((W * 0.35, D * 0.5, H / 2), (0, 0, H / 2), 16), shell)
        for s in (-1, 1):
            b.add("grip", ellipsoid((W * 0.14, D * 0.5, H * 0.45), (s * W * 0.33, -D * 0.35, H * 0.45), 12), jitter(rng, shell, 0.04))
        top = H * 0.95
    for dx, dy in ((0.012, 0), (-0.012, 0), (0, 0.012), (0, -0.012)):
        b.add("button", cylinder(0.0055, 0.004, top - 0.002, 12).translate((W * 0.25 + dx, dy, 0)), pick(rng, BRIGHT + PALE))
    b.add("d-pad", box((0.026, 0.008, 0.004), (-W * 0.25, 0, top)), DARK[0])
    b.add("d-pad", box((0.008, 0.026, 0.004), (-W * 0.25, 0, top)), DARK[0])
    if variant != "retro gamepad":
        for s in (-1, 1):
            b.add("joystick", cylinder(0.011, 0.01, top - 0.004, 16, 0.009).translate((s * W * 0.12, -D * 0.3, 0)), DARK[1])
            b.add("trigger", box((0.025, 0.012, 0.012), (s * W * 0.28, D * 0.45, H * 0.6)), DARK[1])
        b.alias("joystick", "thumbstick", "analog stick", "stick").alias("trigger", "shoulder button", "bumper")
        b.alias("grip", "handle", "the part you hold", "handle grip")
    if variant == "gamepad with touchpad":
        b.add("touchpad", box((0.04, 0.022, 0.002), (0, D * 0.15, top + 0.001)), DARK[0])
        b.alias("touchpad", "trackpad", "touch panel")
    b.alias("button", "buttons", "face button", "action button").alias("d-pad", "directional pad", "cross pad")
    b.alias("body", "controller body", "shell", "housing")
    return b.build("game controller", ground=True, variant=variant)


CATEGORIES: dict[str, list[Builder]] = {
    "display": [make_display],
    "keyboard": [make_keyboard],
    "mouse": [make_mouse],
    "phone": [make_phone],
    "remote": [make_remote],
    "speaker": [make_speaker],
    "camera": [make_camera],
    "printer": [make_printer],
    "switch": [make_switch],
    "usb": [make_usb],
    "tablet": [make_tablet],
    "game controller": [make_game_controller],
}
