"""Text encoders: query strings -> unit-length embeddings compared with per-point features.

`build_text_encoder("minilm")` (offline default, 384-d) or `build_text_encoder("siglip")` (Find3D's,
768-d, needs the model on disk); `embed_queries` turns part names into the embeddings a model scores, as Find3D's
"{part}" / "{part} of a {object}" or as a checkpoint's prompt ensemble (`QueryTemplates`).
"""

from .base import TextEncoder, TextEncoderUnavailable
from .minilm import MINILM_ID, MiniLMEncoder, SentenceTransformerEncoder
from .queries import (
    FIND3D_QUERY,
    QUERY_TEMPLATES,
    VLM_QUERY_ENSEMBLE,
    QueryTemplates,
    embed_queries,
    format_query,
)
from .registry import DEFAULT_TEXT_ENCODER, TEXT_ENCODERS, build_text_encoder, clear_text_encoder_cache
from .siglip import SIGLIP_ID, SiglipTextEncoder

__all__ = [
    "DEFAULT_TEXT_ENCODER",
    "FIND3D_QUERY",
    "MINILM_ID",
    "QUERY_TEMPLATES",
    "SIGLIP_ID",
    "TEXT_ENCODERS",
    "MiniLMEncoder",
    "QueryTemplates",
    "SentenceTransformerEncoder",
    "SiglipTextEncoder",
    "TextEncoder",
    "TextEncoderUnavailable",
    "VLM_QUERY_ENSEMBLE",
    "build_text_encoder",
    "clear_text_encoder_cache",
    "embed_queries",
    "format_query",
]
