"""The category split of model v2: every catalogue category trains except these held-out ones, which appear only in
the evaluation sets (never as training objects nor as clutter). v1's held-out three are among them, so both models
meet them for the first time.

The domains added later for breadth (`ADDED_DOMAINS`) train too, from their own data folders: "train" keeps the
categories that v2's first data was built from, so that data, its evaluation sets and its distractor lists rebuild
the same on a clean clone."""

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


# Catalogue modules added after v2's first data (sports, garden, bathroom, office, transport, utensils): new domains
# with new part words, not near twins of the held-out categories, whose test they would empty.
ADDED_DOMAINS = ["sports", "outdoor", "bathroom", "office", "transport", "utensils"]


def added_categories() -> list[str]:
    """The categories of `ADDED_DOMAINS`, sorted."""
    import importlib

    modules = [importlib.import_module(f"find3d_core.engine.catalog.{name}") for name in ADDED_DOMAINS]
    return sorted(set().union(*(module.CATEGORIES for module in modules)) - set(HELD_OUT))


def training_categories() -> list[str]:
    """The training categories of v2's first data: the catalogue less the held-out and the added categories."""
    from find3d_core.engine.catalog import CATALOG

    return sorted(set(CATALOG) - set(HELD_OUT) - set(added_categories()))


if __name__ == "__main__":  # print a split as a comma-separated list for the shell scripts
    which = sys.argv[1] if len(sys.argv) > 1 else "train"
    lists = {"train": training_categories, "added": added_categories, "held": lambda: HELD_OUT, "v1": lambda: V1_TRAIN}
    print(",".join(lists[which]()))
