"""Write model v2's distractor word list (`distractors` in a training recipe; find3d_core/training/distractors.py).

    .venv/bin/python training/distractor_words.py data/v2-distractors.txt
    .venv/bin/python training/distractor_words.py data/v2-part-distractors.txt --part-like 1500

The words are the whole-word entries of the bundled MiniLM tokenizer's vocabulary (lower-case letters, 4 or more),
without any word of a held-out category's name or of its parts' wordings (training/v2_categories.py): the evaluation's
part names must stay words the model never met, as positives or as negatives.

`--part-like K` keeps the K words nearest (MiniLM cosine) to any part wording of the training categories: words that
read like part names ("gearbox", "hose", "railing"), the kind a new category's parts are named with, rather than the
vocabulary at large ("history", "album").
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import torch
from v2_categories import HELD_OUT, training_categories  # this folder is on the path when the script runs

from find3d_core.atomic import write_bytes_atomic
from find3d_core.engine.catalog import CATALOG
from find3d_core.text.minilm import MiniLMEncoder, bundled_minilm_dir
from find3d_core.training.distractors import DistractorBank

WORD = re.compile(r"[a-z]{4,}")
SEEDS_PER_BUILDER = 8  # builders draw part sets per variant: enough draws to meet every variant's parts


def part_wordings(category: str) -> set[str]:
    """The category's parts' names, aliases and groups, lower-case, over its builders' variants."""
    names: set[str] = set()
    for builder in CATALOG[category]:
        for seed in range(SEEDS_PER_BUILDER):
            obj = builder(np.random.default_rng(seed))
            aliases = (a for part_aliases in obj.aliases.values() for a in part_aliases)
            names.update(n.lower() for n in [*obj.part_names, *obj.groups, *aliases])
    return names


def category_words(category: str) -> set[str]:
    """Every word of the category's name and of its parts' wordings."""
    return set(category.split()) | {w for name in part_wordings(category) for w in re.findall(r"[a-z]+", name)}


def distractor_words() -> list[str]:
    vocab = (bundled_minilm_dir() / "vocab.txt").read_text().splitlines()
    held = set().union(*(category_words(c) for c in HELD_OUT))
    return [w for w in vocab if WORD.fullmatch(w) and w not in held]


def part_like(words: list[str], count: int) -> list[str]:
    """The `count` words nearest to any training category's part wording, in the order given."""
    encoder = MiniLMEncoder()
    parts = sorted(set().union(*(part_wordings(c) for c in training_categories())))
    nearest = (DistractorBank.from_words(words, encoder).embeddings @ encoder.encode(parts).T).amax(1)
    keep = set(torch.topk(nearest, min(count, len(words))).indices.tolist())
    return [w for i, w in enumerate(words) if i in keep]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--part-like", type=int, metavar="K", help="keep only the K words nearest to part wordings")
    args = parser.parse_args(argv)
    words = distractor_words()
    if args.part_like is not None:
        words = part_like(words, args.part_like)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(args.output, ("\n".join(words) + "\n").encode())
    print(f"{len(words)} words -> {args.output}")


if __name__ == "__main__":
    main()
