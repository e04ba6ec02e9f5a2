"""Distractor words: texts from outside the data's part vocabulary that every mask's own text must beat.

Find3D's loss ranks a mask's text against the other label texts of the batch, and with a data engine's catalogue
those are all part names it knows. Nothing asks a point to stay away from words it never met, so on a category it has
not seen, a new part word can lie close to most points' features and take most of the object (model v2 on held-out
motorbikes: "exhaust" took 61% of the points, of which 7% are the exhaust). A bank of common words, drawn afresh each
step, gives the mask-to-text term negatives from the whole language rather than from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from find3d_core.text import TextEncoder

ENCODE_CHUNK = 1024  # words embedded per call while the bank is built


def read_words(path: Path) -> list[str]:
    """One word (or phrase) a line; blank lines and `#` comments skipped; repeats dropped, order kept."""
    if not path.is_file():
        raise FileNotFoundError(f"distractor word list {path} does not exist (training/distractor_words.py writes one)")
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    words = list(dict.fromkeys(line for line in lines if line))
    if not words:
        raise ValueError(f"distractor word list {path} holds no words")
    return words


@dataclass
class DistractorBank:
    words: list[str]
    embeddings: torch.Tensor  # (W, D) unit rows, from the run's text encoder

    @classmethod
    def from_file(cls, path: str | Path, encoder: TextEncoder) -> DistractorBank:
        return cls.from_words(read_words(Path(path)), encoder)

    @classmethod
    def from_words(cls, words: list[str], encoder: TextEncoder) -> DistractorBank:
        chunks = [encoder.encode(words[i : i + ENCODE_CHUNK]) for i in range(0, len(words), ENCODE_CHUNK)]
        return cls(words, torch.cat(chunks))

    def draw(self, count: int, seed: tuple[int, ...]) -> torch.Tensor:
        """(min(count, W), D) embeddings of distinct words, the same for every process and every resume of a step."""
        rng = np.random.default_rng(list(seed))
        picked = rng.choice(len(self.words), size=min(count, len(self.words)), replace=False)
        return self.embeddings[torch.from_numpy(np.sort(picked))]
