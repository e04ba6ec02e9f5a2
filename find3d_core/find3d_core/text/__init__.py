"""Text encoders: query strings -> unit-length embeddings compared with per-point features.

`build_text_encoder("minilm")` (offline default, 384-d) or `build_text_encoder("siglip")` (Find3D's,
768-d, needs the model on disk); `format_query` writes Find3D's "{part} of a {object}" queries.
"""

from .base import TextEncoder, TextEncoderUnavailable, format_query
from .minilm import MINILM_ID, MiniLMEncoder, SentenceTransformerEncoder
from .registry import DEFAULT_TEXT_ENCODER, TEXT_ENCODERS, build_text_encoder, clear_text_encoder_cache
from .siglip import SIGLIP_ID, SiglipTextEncoder

__all__ = [
    "DEFAULT_TEXT_ENCODER",
    "MINILM_ID",
    "SIGLIP_ID",
    "TEXT_ENCODERS",
    "MiniLMEncoder",
    "SentenceTransformerEncoder",
    "SiglipTextEncoder",
    "TextEncoder",
    "TextEncoderUnavailable",
    "build_text_encoder",
    "clear_text_encoder_cache",
    "format_query",
]
