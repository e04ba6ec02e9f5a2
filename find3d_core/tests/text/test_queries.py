"""Query texts: Find3D's single query, prompt ensembles, and the embeddings they average to."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from find3d_core.text import FIND3D_QUERY, VLM_QUERY_ENSEMBLE, QueryTemplates, TextEncoder, embed_queries


class HashedText(TextEncoder):
    """Deterministic fake: each text gets its own pseudo-random direction; records what it was asked to embed."""

    name, dim = "test/hashed", 16

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def _embed(self, texts: list[str]) -> torch.Tensor:
        self.seen += texts
        return torch.stack([torch.randn(self.dim, generator=torch.Generator().manual_seed(hash_of(t))) for t in texts])


def hash_of(text: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


def test_find3d_query_is_the_bare_name_or_part_of_a_object():
    assert FIND3D_QUERY.texts(" handle ") == ["handle"]
    assert FIND3D_QUERY.texts("handle", "mug") == ["handle of a mug"]


def test_an_ensemble_phrases_a_bare_name_every_way_and_a_known_object_once():
    templates = QueryTemplates(("{part}", "the {part} of the item"))
    assert templates.texts("handle") == ["handle", "the handle of the item"]
    assert templates.texts("handle", "mug") == ["handle of a mug"]
    assert VLM_QUERY_ENSEMBLE.texts("lid")[0] == "lid" and len(set(VLM_QUERY_ENSEMBLE.texts("lid"))) == 6


@pytest.mark.parametrize(
    "bare, message",
    [((), "non-empty"), ("{part}", "non-empty"), (("the handle",), "exactly one"),
     (("{part} {part}",), "exactly one"), (("{part} of a {object}",), "other than")],
)
def test_bad_templates_are_refused(bare, message):
    with pytest.raises(ValueError, match=message):
        QueryTemplates(bare)


def test_the_single_query_embeds_as_the_encoder_does():
    encoder = HashedText()
    torch.testing.assert_close(embed_queries(encoder, ["handle", "lid"], FIND3D_QUERY), encoder.encode(["handle", "lid"]))
    torch.testing.assert_close(embed_queries(encoder, ["lid"], FIND3D_QUERY, "pot"), encoder.encode(["lid of a pot"]))


def test_an_ensemble_is_the_normalised_mean_of_its_phrasings():
    encoder = HashedText()
    templates = QueryTemplates(("{part}", "the {part}", "{part} of an item"))
    emb = embed_queries(encoder, ["handle", "lid"], templates)
    for row, part in zip(emb, ["handle", "lid"]):
        expected = F.normalize(encoder.encode(templates.texts(part)).mean(0), dim=0)
        torch.testing.assert_close(row, expected)
    assert emb.shape == (2, encoder.dim)
    torch.testing.assert_close(emb.norm(dim=1), torch.ones(2))
    assert not torch.allclose(emb, encoder.encode(["handle", "lid"]))  # not the bare names alone
    assert "the lid" in encoder.seen and "lid of an item" in encoder.seen
