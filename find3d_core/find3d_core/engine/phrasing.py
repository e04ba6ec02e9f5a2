"""Label texts as a vision-language model writes them, so the text side learns wording rather than part ids.

Find3D's labels are whatever Gemini answered for a mask: "handle", "the handle of the mug", "mug handle", "spout",
"the part you pour from". The oracle namer knows the true part; `phrase` dresses it the way such answers vary: a
synonym or function word from the asset's wordings, with or without the object's name, an article or a possessive.
Each call draws from the generator it is given, so a text is sampled per mask and per view, deterministically.
"""

from __future__ import annotations

import numpy as np

# How a VLM tends to phrase a part name `p` of an object `o` (one template drawn per mask). The bare name keeps the
# largest share: it is what people type as a query, and Find3D's own queries are bare names or "{p} of a {o}".
TEMPLATES: tuple[tuple[str, float], ...] = (
    ("{p}", 0.45),
    ("{p} of a {o}", 0.12),
    ("the {p} of the {o}", 0.10),
    ("{o} {p}", 0.10),
    ("the {o}'s {p}", 0.06),
    ("the {p}", 0.10),
    ("{p} of the {o}", 0.06),
    ("a {o}'s {p}", 0.06),
)
CANONICAL_SHARE = 0.5  # how often the part's own name is used rather than one of its other wordings


def phrase(wordings: list[str], category: str, rng: np.random.Generator) -> str:
    """One label text for a part whose wordings are `wordings` (its name first) on an object of `category`."""
    if not wordings:
        raise ValueError("a part needs at least one wording")
    if len(wordings) == 1 or rng.random() < CANONICAL_SHARE:
        word = wordings[0]
    else:
        word = wordings[1 + int(rng.integers(len(wordings) - 1))]
    if word.startswith(("the ", "a ", "an ")):  # already a phrase ("the part you hold"): keep it as written
        return word
    weights = np.array([w for _, w in TEMPLATES])
    template = TEMPLATES[int(rng.choice(len(TEMPLATES), p=weights / weights.sum()))][0]
    return template.format(p=word, o=category.replace("_", " "))


STYLES = ("synonyms", "vlm", "canonical")


def name_part(wordings: list[str], category: str, style: str, rng: np.random.Generator) -> str:
    """The text of a mask on part `wordings[0]`: "canonical" keeps the part name (evaluation sets), "synonyms" uses the
    name half of the time and one of its other wordings otherwise (the first data engine's rule), "vlm" `phrase`s it."""
    if style == "canonical":
        return wordings[0]
    if style == "synonyms":
        if rng.random() < 0.5 or len(wordings) == 1:
            return wordings[0]
        return wordings[1 + int(rng.integers(len(wordings) - 1))]
    if style == "vlm":
        return phrase(wordings, category, rng)
    raise ValueError(f"unknown phrasing style {style!r}; known: {list(STYLES)}")
