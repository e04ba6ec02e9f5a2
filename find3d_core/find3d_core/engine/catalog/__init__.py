"""The procedural catalogue: every category the data engine can build, with its shape variants.

One module per domain (kitchen, tools, furniture, ...) exports `CATEGORIES`, a map from a category to its
builders; this registry merges them. A category's first builder is its classic shape (`build_object`, used
by the demo scene); `sample_object` draws among all of them. To add a category, write a builder in the
module of its domain (or a new module listed in `_DOMAINS`).
"""

from __future__ import annotations

import numpy as np

from find3d_core.engine.catalog import (
    appliances,
    assorted,
    bags,
    bathroom,
    camping,
    containers,
    electronics,
    furniture,
    gadgets,
    handheld,
    headwear,
    home,
    instruments,
    kitchen,
    medical,
    music,
    office,
    outdoor,
    play,
    sports,
    tools,
    toys,
    transport,
    utensils,
    vehicles,
)
from find3d_core.engine.procedural import Builder, ProceduralObject
from find3d_core.geometry.cloud import PointCloud

_DOMAINS = (
    kitchen, tools, furniture, assorted, electronics, containers, appliances, toys, handheld, vehicles, bags, headwear,
    instruments, sports, outdoor, bathroom, office, transport, utensils, camping, music, home, medical, gadgets, play,
)


def _merge() -> dict[str, list[Builder]]:
    catalog: dict[str, list[Builder]] = {}
    for domain in _DOMAINS:
        for category, builders in domain.CATEGORIES.items():
            if category in catalog:
                raise RuntimeError(f"category {category!r} is defined by two catalogue modules")
            catalog[category] = list(builders)
    return catalog


CATALOG: dict[str, list[Builder]] = _merge()


def categories() -> list[str]:
    """Every category, sorted."""
    return sorted(CATALOG)


def _builders(category: str) -> list[Builder]:
    if category not in CATALOG:
        raise ValueError(f"unknown category {category!r}; known categories: {categories()}")
    return CATALOG[category]


def build_object(category: str, seed: int | np.random.Generator) -> ProceduralObject:
    """An object of `category` from its classic (first) builder, proportions drawn from `seed`."""
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    return _builders(category)[0](rng)


def procedural_cloud(category: str = "mug", num_points: int = 5000, seed: int = 0) -> PointCloud:
    """Coloured points sampled uniformly from `build_object(category, seed)` (z up, metres): a test and benchmark
    input with a real object's shape."""
    import open3d as o3d

    o3d.utility.random.seed(seed)  # sample_points_uniformly draws from open3d's global generator
    sampled = build_object(category, seed).mesh.sample_points_uniformly(num_points)
    return PointCloud(np.asarray(sampled.points, np.float32), np.asarray(sampled.colors, np.float32))


def sample_object(category: str, seed: int) -> ProceduralObject:
    """An object of `category`, its shape variant and proportions drawn from `seed` (all builders count)."""
    builders = _builders(category)
    rng = np.random.default_rng(seed)
    return builders[int(rng.integers(len(builders)))](rng)
