"""training/distractor_words.py: model v2's distractor lists keep held-out words out and pick part-like words."""

from __future__ import annotations

import sys

import pytest

from helpers import REPO_ROOT


@pytest.fixture(scope="module")
def script():
    sys.path.insert(0, str(REPO_ROOT / "training"))
    try:
        import distractor_words

        yield distractor_words
    finally:
        sys.path.remove(str(REPO_ROOT / "training"))


def test_the_list_leaves_out_every_held_out_part_word(script):
    words = set(script.distractor_words())
    assert {"exhaust", "string", "pickup", "handle"} & words == set()  # held-out categories' part words
    assert {"album", "gearbox", "railing"} <= words


def test_part_like_words_are_the_ones_nearest_to_part_wordings(script):
    words = ["album", "history", "gearbox", "senate", "railing", "bracket"]
    assert script.part_like(words, 3) == ["gearbox", "railing", "bracket"]  # in the given order
