"""Label wording: VLM-like phrasings, the first engine's synonyms, canonical names."""

from __future__ import annotations

import numpy as np
import pytest

from find3d_core.engine.phrasing import name_part, phrase

WORDINGS = ["handle", "grip", "the part you hold"]


def test_vlm_phrases_use_every_wording_and_the_object_name() -> None:
    rng = np.random.default_rng(0)
    texts = [phrase(WORDINGS, "mug", rng) for _ in range(400)]
    assert {"handle", "grip", "the part you hold"} <= set(texts)
    assert {"handle of a mug", "mug handle", "the handle of the mug"} <= set(texts)
    assert all(any(w in t for w in WORDINGS) for t in texts)
    assert not any("mug" in t for t in texts if t.startswith("the part you hold"))  # phrases stay as written
    assert 0.15 < np.mean([t == "handle" for t in texts]) < 0.35  # the bare name: 0.5 * 0.45 / 0.94


def test_styles_are_deterministic_per_generator_and_canonical_keeps_the_name() -> None:
    a = [name_part(WORDINGS, "mug", "vlm", np.random.default_rng(5)) for _ in range(3)]
    assert len(set(a)) == 1
    assert name_part(WORDINGS, "mug", "canonical", np.random.default_rng(0)) == "handle"
    synonyms = {name_part(WORDINGS, "mug", "synonyms", np.random.default_rng(s)) for s in range(50)}
    assert synonyms == set(WORDINGS)
    with pytest.raises(ValueError, match="unknown phrasing style"):
        name_part(WORDINGS, "mug", "poetic", np.random.default_rng(0))
    with pytest.raises(ValueError, match="at least one wording"):
        phrase([], "mug", np.random.default_rng(0))
