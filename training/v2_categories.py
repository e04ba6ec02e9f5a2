"""The category split of model v2: every catalogue category trains except these held-out ones, which appear only in
the evaluation sets (never as training objects nor as clutter). v1's held-out three are among them, so both models
meet them for the first time.

The domains added later for breadth (`ADDED_DOMAINS`, in waves) train too, from their own data folders: "train"
keeps the categories that v2's first data was built from, so that data, its evaluation sets and its distractor lists
rebuild the same on a clean clone."""

from __future__ import annotations

import sys

HELD_OUT = [
    "kettle", "guitar", "spatula",  # v1's held-out categories
    "cup", "stool", "office chair", "suitcase", "toaster", "flashlight", "motorbike", "trash can", "desk",
]
# The 17 categories model v1 trained on (training/build_default_data.sh): v1's held-out-shape set uses them.
V1_TRAIN = [
    "airplane", "bottle", "bowl", "bucket", "cabinet", "cap", "chair", "faucet", "hammer", "knife", "lamp", "laptop",
    "mug", "pan", "scissors", "screwdriver", "table",
]


# Catalogue modules added after v2's first data, by wave: new domains with new part words, not near twins of the
# held-out categories, whose test they would empty. Each wave has its own data folders (build_v2_data.sh).
ADDED_DOMAINS = {
    "added": ["sports", "outdoor", "bathroom", "office", "transport", "utensils"],
    "added2": ["camping", "music", "home", "medical", "gadgets", "play"],
}


def added_categories(wave: str = "added") -> list[str]:
    """The categories of one wave of `ADDED_DOMAINS`, sorted."""
    import importlib

    modules = [importlib.import_module(f"find3d_core.engine.catalog.{name}") for name in ADDED_DOMAINS[wave]]
    return sorted(set().union(*(module.CATEGORIES for module in modules)) - set(HELD_OUT))


def training_categories() -> list[str]:
    """The training categories of v2's first data: the catalogue less the held-out and the added categories."""
    from find3d_core.engine.catalog import CATALOG

    added = set().union(*(added_categories(wave) for wave in ADDED_DOMAINS))
    return sorted(set(CATALOG) - set(HELD_OUT) - added)


if __name__ == "__main__":  # print a split as a comma-separated list for the shell scripts
    which = sys.argv[1] if len(sys.argv) > 1 else "train"
    if which in ADDED_DOMAINS:
        print(",".join(added_categories(which)))
    else:
        print(",".join({"train": training_categories, "held": lambda: HELD_OUT, "v1": lambda: V1_TRAIN}[which]()))
