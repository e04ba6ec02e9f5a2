"""The category split of model v2: every catalogue category trains except these held-out ones, which appear only in
the evaluation sets (never as training objects nor as clutter). v1's held-out three are among them, so both models
meet them for the first time."""

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


def training_categories() -> list[str]:
    from find3d_core.engine.catalog import CATALOG

    return sorted(set(CATALOG) - set(HELD_OUT))


if __name__ == "__main__":  # print a split as a comma-separated list for the shell scripts
    which = sys.argv[1] if len(sys.argv) > 1 else "train"
    print(",".join({"train": training_categories(), "held": HELD_OUT, "v1": V1_TRAIN}[which]))
