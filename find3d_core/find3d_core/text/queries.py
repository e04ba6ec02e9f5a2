"""From a part name to the text embedding the model scores it with: Find3D's single query, or a prompt ensemble.

Find3D embeds a query as written ("handle") or, when the object is known, as "{part} of a {object}". A model trained
on labels phrased the way a VLM writes them ("the handle of the mug", "mug handle", `engine/phrasing.py`) scores a
bare name better as the average of that name's usual phrasings around a generic object noun (prompt ensembling, as
CLIP does with its class templates): one wording's quirks of the text encoder average out. Which templates a model
wants depends on how it was trained, so a checkpoint names its own (`CheckpointInfo.query_templates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from find3d_core.text.base import TextEncoder

PART_FIELD = "{part}"
GENERIC_OBJECT = "item"  # the noun for an object whose name is not given (queries; training's generic_object_share)


def format_query(part: str, object_name: str | None = None) -> str:
    """Find3D's query text: "{part} of a {object}" when the object is known, else the bare part."""
    if not isinstance(part, str) or not part.strip():
        raise ValueError(f"part name must be a non-empty string, got {part!r}")
    part = part.strip()
    if object_name is None or not object_name.strip():
        return part
    return f"{part} of a {object_name.strip()}"


@dataclass(frozen=True)
class QueryTemplates:
    """Texts a bare part name is embedded as; their unit embeddings are averaged. Each has one "{part}" field."""

    bare: tuple[str, ...] = (PART_FIELD,)

    def __post_init__(self) -> None:
        if isinstance(self.bare, str) or not self.bare:
            raise ValueError(f"query templates must be a non-empty list of strings, got {self.bare!r}")
        for template in self.bare:
            if not isinstance(template, str) or template.count(PART_FIELD) != 1:
                raise ValueError(f"query template {template!r} needs exactly one {PART_FIELD} field")
            if "{" in template.replace(PART_FIELD, ""):
                raise ValueError(f"query template {template!r} has a field other than {PART_FIELD}")

    def texts(self, part: str, object_name: str | None = None) -> list[str]:
        """The texts `part` is embedded as. A known object gives Find3D's "{part} of a {object}" alone: ensembling
        the object's phrasings measured no better there (README, "Queries")."""
        query = format_query(part, object_name)
        if object_name is not None and object_name.strip():
            return [query]
        return [template.replace(PART_FIELD, query) for template in self.bare]


FIND3D_QUERY = QueryTemplates()
# The phrasings of engine/phrasing.py with "item" for the object: chosen on the v2 validation set (bare names, v2 at
# ab9bd64: 35.1 -> 38.1 mIoU), then measured on the held-out sets (README, "The default model").
VLM_QUERY_ENSEMBLE = QueryTemplates(
    tuple(t.replace("{o}", GENERIC_OBJECT) for t in ("{part}", "the {part}", "{part} of an {o}", "the {part} of the {o}",
                                                      "{o} {part}", "the {o}'s {part}"))
)
QUERY_TEMPLATES = {"find3d": FIND3D_QUERY, "vlm-ensemble": VLM_QUERY_ENSEMBLE}  # by name, for training recipes


def embed_queries(
    encoder: TextEncoder, queries: Sequence[str], templates: QueryTemplates, object_name: str | None = None
) -> torch.Tensor:
    """(Q, dim) unit embeddings of `queries`: each the normalised mean of its templates' embeddings."""
    texts = [templates.texts(q, object_name) for q in queries]
    per_query = len(texts[0]) if texts else 1
    emb = encoder.encode([t for group in texts for t in group])
    return F.normalize(emb.view(len(queries), per_query, encoder.dim).mean(dim=1), dim=-1)
