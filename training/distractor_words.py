"""Write model v2's distractor word list (`distractors` in a training recipe; find3d_core/training/distractors.py).

    .venv/bin/python training/distractor_words.py data/v2-distractors.txt

The words are the whole-word entries of the bundled MiniLM tokenizer's vocabulary (lower-case letters, 4 or more),
without any word of a held-out category's name or of its parts' wordings (training/v2_categories.py): the evaluation's
part names must stay words the model never met, as positives or as negatives.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
from v2_categories import HELD_OUT  # this folder is on the path when the script runs

from find3d_core.atomic import write_bytes_atomic
from find3d_core.engine.catalog import CATALOG
from find3d_core.text.minilm import bundled_minilm_dir

WORD = re.compile(r"[a-z]{4,}")
SEEDS_PER_BUILDER = 8  # builders draw part sets per variant: enough draws to meet every variant's parts


def category_words(category: str) -> set[str]:
    """Every word of the category's name and of its parts' names, aliases and groups, over its builders' variants."""
    words = set(category.split())
    for builder in CATALOG[category]:
        for seed in range(SEEDS_PER_BUILDER):
            obj = builder(np.random.default_rng(seed))
            names = [*obj.part_names, *obj.groups, *(a for aliases in obj.aliases.values() for a in aliases)]
            words.update(w for name in names for w in re.findall(r"[a-z]+", name.lower()))
    return words


def distractor_words() -> list[str]:
    vocab = (bundled_minilm_dir() / "vocab.txt").read_text().splitlines()
    held = set().union(*(category_words(c) for c in HELD_OUT))
    return [w for w in vocab if WORD.fullmatch(w) and w not in held]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    words = distractor_words()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(args.output, ("\n".join(words) + "\n").encode())
    print(f"{len(words)} words -> {args.output}")


if __name__ == "__main__":
    main()
