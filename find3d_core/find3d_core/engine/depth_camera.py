"""A virtual RGB-D camera: ray-cast render + a depth-sensor noise model -> organized point cloud.

Noise model (axial): Nguyen, Izadi, Lovell, "Modeling Kinect Sensor Noise for Improved 3D
Reconstruction and Tracking", 3DIMPVT 2012, eq. for sigma_z:
    sigma_z(z, theta) = 0.0012 + 0.0019 (z - 0.4)^2 + 0.0001 / sqrt(z) * theta^2 / (pi/2 - theta)^2
in metres, z the depth and theta the angle between the surface normal and the viewing ray. Structured
light (Kinect v1) and active stereo (RealSense D4xx) both have depth error growing with z^2, so the
same form serves for a RealSense-like camera. Lateral noise from that paper is not modelled.
On top: quantisation to the depth image unit (1 mm, like a 16UC1 depth image), missing returns at
grazing angles, along depth discontinuities (stereo/projector occlusion bands), at random, and
outside the working range. Optional effects (off by default, on in the `SENSORS` profiles): disparity
quantisation (a triangulating sensor resolves disparity in sub-pixel steps, so depth steps grow with z^2:
dz = z^2 * s / (f b)), flying pixels (depth mixed between foreground and background along an edge),
missing returns on dark surfaces (they absorb the projector's IR; passive stereo finds no texture there)
and smooth blobs of missing depth (specular or textureless patches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from find3d_core.engine.raycast import Intrinsics, PlacedObject, RaycastScene, RenderResult
from find3d_core.geometry.cloud import PointCloud


@dataclass(frozen=True)
class DepthNoise:
    """Parameters of the depth-sensor model; `DepthNoise.perfect()` turns every effect off."""

    sigma_base: float = 0.0012  # m, Nguyen et al. 2012
    sigma_quad: float = 0.0019  # m / m^2 around z_ref
    z_ref: float = 0.4  # m
    sigma_angle: float = 0.0001  # m * sqrt(m), grazing-angle term
    depth_unit: float = 0.001  # m, quantisation step; 0 = none
    min_range: float = 0.2  # m
    max_range: float = 4.0  # m
    grazing_start_deg: float = 65.0  # returns start to drop out beyond this incidence angle...
    grazing_max_deg: float = 78.0  # ...and are all gone beyond this one
    edge_jump: float = 0.02  # relative depth jump (per metre of depth) that counts as a discontinuity
    edge_width: int = 1  # px on each side of a discontinuity that may be lost
    edge_dropout: float = 0.7  # probability of losing a pixel in that band
    dropout: float = 0.002  # probability of losing any pixel (speckle)
    rgb_sigma: float = 0.01  # colour sensor noise
    disparity_step: float = 0.0  # 1/m: depth quantised to z^2 * disparity_step (sub-pixel step / (focal * baseline))
    flying_pixels: float = 0.0  # probability that an edge-band pixel returns a depth mixed with its far neighbour
    dark_dropout: float = 0.0  # probability of no return on a black surface (falls to 0 at luminance 0.3)
    blob_dropout: float = 0.0  # share of the image lost in smooth blobs (specular / textureless patches)

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_range < self.max_range:
            raise ValueError(f"need 0 <= min_range < max_range, got {self.min_range}, {self.max_range}")
        for name in ("edge_dropout", "dropout", "flying_pixels", "dark_dropout", "blob_dropout"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} is a probability in [0, 1], got {getattr(self, name)}")
        if min(self.sigma_base, self.sigma_quad, self.sigma_angle, self.depth_unit, self.rgb_sigma,
               self.disparity_step) < 0:
            raise ValueError("noise sigmas, depth_unit and disparity_step must be >= 0")

    @classmethod
    def perfect(cls) -> DepthNoise:
        """No noise, no quantisation, no dropouts; range limits kept wide open."""
        return cls(
            sigma_base=0.0, sigma_quad=0.0, sigma_angle=0.0, depth_unit=0.0, min_range=0.0, max_range=np.inf,
            grazing_start_deg=90.0, grazing_max_deg=90.0, edge_dropout=0.0, dropout=0.0, rgb_sigma=0.0,
        )

    def sigma(self, z: np.ndarray, theta: np.ndarray) -> np.ndarray:
        """Axial standard deviation (m) at depth `z` (m) and incidence angle `theta` (rad)."""
        theta = np.minimum(theta, np.deg2rad(89.0))  # the angle term diverges at 90 degrees
        angle = self.sigma_angle / np.sqrt(np.maximum(z, 1e-3)) * theta**2 / (np.pi / 2 - theta) ** 2
        return self.sigma_base + self.sigma_quad * (z - self.z_ref) ** 2 + angle


@dataclass
class Capture:
    """One frame: the organized cloud and per-pixel ground truth (row-major, aligned with cloud rows).

    `object_id` / `part_id` say what surface each pixel's ray hit (-1: nothing), also where the sensor
    returned no depth (NaN xyz); filter with `cloud.finite_mask()` for the visible points.
    """

    cloud: PointCloud
    depth: np.ndarray  # (h, w) float32 metres, NaN = no return
    object_id: np.ndarray  # (h*w,) int32
    part_id: np.ndarray  # (h*w,) int32
    render: RenderResult = field(repr=False)


def _edge_band(z: np.ndarray, rel_jump: float, width: int) -> np.ndarray:
    """Pixels within `width` px of a depth discontinuity (including hit/no-hit borders)."""
    zf = np.where(np.isfinite(z), z, 1e6)  # no hit = very far, so silhouettes count as edges
    band = np.zeros(z.shape, dtype=bool)
    thresh = rel_jump * np.minimum(zf[:, 1:], zf[:, :-1])
    jump_x = np.abs(zf[:, 1:] - zf[:, :-1]) > thresh
    thresh = rel_jump * np.minimum(zf[1:], zf[:-1])
    jump_y = np.abs(zf[1:] - zf[:-1]) > thresh
    band[:, 1:] |= jump_x
    band[:, :-1] |= jump_x
    band[1:] |= jump_y
    band[:-1] |= jump_y
    for _ in range(max(width - 1, 0)):  # grow the band; a few shifted ORs, no per-pixel loop
        grown = band.copy()
        grown[1:] |= band[:-1]
        grown[:-1] |= band[1:]
        grown[:, 1:] |= band[:, :-1]
        grown[:, :-1] |= band[:, 1:]
        band = grown
    return band


def _blobs(shape: tuple[int, int], share: float, rng: np.random.Generator) -> np.ndarray:
    """A smooth random (h, w) mask covering about `share` of the image: coarse noise, upsampled, thresholded."""
    h, w = shape
    coarse = rng.random((h // 32 + 2, w // 32 + 2))
    rows = np.linspace(0, coarse.shape[0] - 1.001, h)
    cols = np.linspace(0, coarse.shape[1] - 1.001, w)
    r0, c0 = rows.astype(int), cols.astype(int)
    fr, fc = (rows - r0)[:, None], (cols - c0)[None, :]
    smooth = (coarse[r0][:, c0] * (1 - fr) * (1 - fc) + coarse[r0 + 1][:, c0] * fr * (1 - fc)
              + coarse[r0][:, c0 + 1] * (1 - fr) * fc + coarse[r0 + 1][:, c0 + 1] * fr * fc)
    return smooth > np.quantile(smooth, 1.0 - share)


def _loss_probability(
    nm: DepthNoise, theta: np.ndarray, depth: np.ndarray, color: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Per-pixel probability of no return: grazing angle, depth edges, speckle, dark surfaces and blobs."""
    keep = np.full(theta.shape, 1.0 - nm.dropout)
    if nm.dark_dropout > 0:
        luminance = color @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        keep *= 1.0 - nm.dark_dropout * np.clip(1.0 - luminance / 0.3, 0.0, 1.0)
    if nm.blob_dropout > 0:
        keep[_blobs(theta.shape, nm.blob_dropout, rng)] = 0.0
    if nm.grazing_start_deg < 90.0:
        g0, g1 = np.deg2rad(nm.grazing_start_deg), np.deg2rad(nm.grazing_max_deg)
        keep *= 1.0 - np.clip((theta - g0) / max(g1 - g0, 1e-9), 0.0, 1.0)
    if nm.edge_dropout > 0:
        keep[_edge_band(depth, nm.edge_jump, nm.edge_width)] *= 1.0 - nm.edge_dropout
    return 1.0 - keep


def _fly(noisy: np.ndarray, depth: np.ndarray, nm: DepthNoise, rng: np.random.Generator) -> np.ndarray:
    """Flying pixels: along depth edges some pixels report a depth between the surface and the farthest neighbour
    (their footprint straddles both), so thin parts grow a veil of points towards the background."""
    band = _edge_band(depth, nm.edge_jump, 1) & np.isfinite(depth)
    far = np.where(np.isfinite(depth), depth, np.nan)
    padded = np.pad(far, 1, constant_values=np.nan)
    h, w = depth.shape
    neighbours = np.stack([padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
    with np.errstate(all="ignore"):
        farthest = np.nanmax(np.where(np.isfinite(neighbours), neighbours, -np.inf), axis=0)
    fly = band & (rng.random(depth.shape) < nm.flying_pixels) & (farthest > depth)
    mix = rng.uniform(0.15, 0.85, depth.shape)
    return np.where(fly, noisy + mix * (farthest - depth), noisy)


class VirtualDepthCamera:
    """A RealSense-D435-like RGB-D camera (640x480, colour-aligned intrinsics, ~55 deg horizontal FOV)."""

    def __init__(
        self,
        width: int = 640,
        height: int = 480,
        fx: float = 615.0,
        fy: float = 615.0,
        cx: float | None = None,
        cy: float | None = None,
        noise: DepthNoise | None = None,
        frame_id: str = "camera_color_optical_frame",
    ) -> None:
        self.intrinsics = Intrinsics(
            fx=fx, fy=fy, cx=(width - 1) / 2 if cx is None else cx, cy=(height - 1) / 2 if cy is None else cy,
            width=width, height=height,
        )
        self.noise = DepthNoise() if noise is None else noise
        self.frame_id = frame_id

    def capture(
        self,
        scene: RaycastScene | Sequence[PlacedObject],
        camera_pose: np.ndarray,
        rng: np.random.Generator | int | None = None,
    ) -> Capture:
        """Render `scene` from `camera_pose` (camera-to-world, optical convention) and add sensor effects.

        Points are in the camera optical frame; invalid pixels are NaN rows of the organized cloud.
        `rng` is a Generator or a seed (None: fresh entropy, a different frame every call).
        """
        if not isinstance(scene, RaycastScene):
            scene = RaycastScene(scene)
        rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        nm, k = self.noise, self.intrinsics
        r = scene.render(k, camera_pose)
        dirs = k.ray_directions()

        z = r.depth.astype(np.float64)
        hit = np.isfinite(z)
        cos_inc = np.abs(np.einsum("hwc,hwc->hw", r.normal, dirs)) / np.linalg.norm(dirs, axis=-1)
        theta = np.arccos(np.clip(cos_inc, 0.0, 1.0))

        zs = np.where(hit, z, 1.0)
        noisy = zs + rng.standard_normal(z.shape) * nm.sigma(zs, theta)
        if nm.flying_pixels > 0:
            noisy = _fly(noisy, r.depth, nm, rng)
        if nm.disparity_step > 0:
            step = noisy**2 * nm.disparity_step
            noisy = np.round(noisy / step) * step
        if nm.depth_unit > 0:
            noisy = np.round(noisy / nm.depth_unit) * nm.depth_unit

        valid = hit & (noisy >= nm.min_range) & (noisy <= nm.max_range)
        valid &= rng.random(z.shape) >= _loss_probability(nm, theta, r.depth, r.color, rng)

        depth = np.where(valid, noisy, np.nan).astype(np.float32)
        xyz = dirs * depth[..., None]  # z = 1 directions: scaling by depth gives the 3D point
        rgb = r.color
        if nm.rgb_sigma > 0:
            rgb = np.clip(rgb + rng.normal(0.0, nm.rgb_sigma, rgb.shape).astype(np.float32), 0.0, 1.0)
        cloud = PointCloud(
            xyz=xyz.reshape(-1, 3), rgb=rgb.reshape(-1, 3), shape=(k.height, k.width), frame_id=self.frame_id
        )
        return Capture(
            cloud=cloud, depth=depth, object_id=r.object_id.reshape(-1), part_id=r.part_id.reshape(-1), render=r
        )


# Sensor profiles for robot captures: intrinsics (fx = fy) and noise of the common kinds of depth camera. Figures
# are from the sensors' published specs and the literature, rounded: the point is the character of each sensor.
SENSORS: dict[str, tuple[float, DepthNoise]] = {
    # Active stereo (RealSense D435-like): 50 mm baseline, 0.08 px sub-pixel -> 0.08 / (615 * 0.05) = 0.0026 / m;
    # IR projector, so dark surfaces mostly still return; mixed pixels along edges.
    "active_stereo": (615.0, DepthNoise(
        sigma_base=0.0006, sigma_quad=0.002, z_ref=0.3, disparity_step=0.0026, edge_width=1, edge_dropout=0.5,
        flying_pixels=0.3, dark_dropout=0.15, blob_dropout=0.01, dropout=0.003, min_range=0.2, max_range=6.0,
    )),
    # Structured light (Kinect v1-like): 75 mm baseline, 1/8 px -> 0.125 / (580 * 0.075) = 0.0029 / m; Nguyen et
    # al.'s noise; projector shadows make wide bands of no return beside edges; black surfaces absorb the pattern.
    "structured_light": (580.0, DepthNoise(
        disparity_step=0.0029, edge_width=2, edge_dropout=0.8, flying_pixels=0.05, dark_dropout=0.4,
        blob_dropout=0.02, dropout=0.002, min_range=0.45, max_range=4.0,
    )),
    # Passive stereo (like the PCL table scans): wider baseline but coarser matching (0.25 px over 525 * 0.12),
    # noisier, holes where surfaces are textureless or dark, veils of mismatched points along edges.
    "stereo": (525.0, DepthNoise(
        sigma_base=0.002, sigma_quad=0.004, z_ref=0.3, disparity_step=0.004, edge_width=2, edge_dropout=0.5,
        flying_pixels=0.4, dark_dropout=0.5, blob_dropout=0.05, dropout=0.01, min_range=0.3, max_range=5.0,
        rgb_sigma=0.02,
    )),
}


def sensor_camera(name: str, width: int = 640, height: int = 480) -> VirtualDepthCamera:
    """A VirtualDepthCamera with one of the `SENSORS` profiles."""
    if name not in SENSORS:
        raise ValueError(f"unknown sensor {name!r}; known: {sorted(SENSORS)}")
    focal, noise = SENSORS[name]
    scale = width / 640.0  # the focal lengths are for 640 px wide images
    return VirtualDepthCamera(width, height, focal * scale, focal * scale, noise=noise)
