"""Namers: give each candidate mask of a render a short part name (or None to drop it).

  OracleNamer  the asset's own part names: the hint of an oracle mask, or the part covering most of a
               SAM mask; a wording (synonym, function word) drawn per mask, so labels vary like a VLM's.
  GeminiNamer  Gemini through Google's `google-genai` SDK: the render with the mask overlaid in purple
               in, one short part name out; "unknown" dropped. The API key comes from the environment
               and is never logged; 429 and 5xx answers are retried with exponential backoff; a request
               budget caps spending; answers live in a persistent SQLite cache (also shared by the
               processes of a pool), so a rerun never pays twice.

`merge_same_names` then merges the masks of a view that got the same name (Find3D's rule).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from find3d_core.engine.assets import Asset
from find3d_core.engine.masks import Proposal
from find3d_core.engine.phrasing import STYLES, name_part
from find3d_core.engine.views import View

log = logging.getLogger(__name__)

PURPLE = np.array([160, 32, 240], dtype=np.float32)
PROMPT = (
    "This is a rendering of a 3D object. One region is highlighted in purple. What is the name of the part "
    "of the object that is highlighted? Answer with the part name only, one to three words, lowercase "
    "(for example: handle, leg, lid). If you cannot tell, answer unknown."
)
# Find3D's upright step: the same object turned several ways, one render each, labelled "View k:".
UPRIGHT_PROMPT = (
    "These are {n} renderings of the same 3D object, each turned a different way, labelled View 1 to View {n}. "
    "In which view is the object upright, standing the way it normally stands or is used in the real world? "
    "Answer with the view number only."
)


class Namer(Protocol):
    name: str

    def names(self, view: View, asset: Asset, proposals: list[Proposal]) -> list[str | None]: ...


class BudgetExhausted(RuntimeError):
    """The request budget is spent; rerun with a larger budget (cached answers stay free)."""


def merge_same_names(proposals: list[Proposal], names: list[str | None]) -> list[tuple[np.ndarray, str]]:
    """Drop unnamed masks and merge the masks of one view that share a name (order of first appearance)."""
    merged: dict[str, np.ndarray] = {}
    for p, n in zip(proposals, names):
        if n is None:
            continue
        merged[n] = merged[n] | p.mask if n in merged else p.mask.copy()
    return list((m, n) for n, m in merged.items())


class OracleNamer:
    """Names from the asset: the mask's hint, else the part under most (>= `purity`) of its pixels."""

    name = "oracle"

    def __init__(self, seed: int = 0, style: str = "synonyms", purity: float = 0.6) -> None:
        """style: how a part's name is worded (`phrasing.name_part`: "synonyms", "vlm" or "canonical")."""
        if style not in STYLES:
            raise ValueError(f"unknown phrasing style {style!r}; known: {list(STYLES)}")
        self.seed, self.style, self.purity = seed, style, purity

    def names(self, view: View, asset: Asset, proposals: list[Proposal]) -> list[str | None]:
        obj = asset.obj
        # A wording per (asset, view, mask): deterministic, and different wordings across views.
        digest = hashlib.sha256(f"{asset.id}/{view.index}/{self.seed}".encode()).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
        out: list[str | None] = []
        for p in proposals:
            name = p.hint
            if name is None:
                ids = view.part[p.mask]
                ids = ids[ids >= 0]
                if len(ids):
                    counts = np.bincount(ids, minlength=len(obj.part_names))
                    best = int(counts.argmax())
                    name = obj.part_names[best] if counts[best] >= self.purity * p.mask.sum() else None
            if name is not None:
                name = name_part(obj.wordings(name), obj.category, self.style, rng)
            out.append(name)
        return out


def overlay(image: np.ndarray, mask: np.ndarray, alpha: float = 0.55) -> np.ndarray:
    """The render with `mask` tinted purple (Find3D's prompt image), uint8."""
    out = image.astype(np.float32)
    out[mask] = (1 - alpha) * out[mask] + alpha * PURPLE
    return out.round().astype(np.uint8)


def png_bytes(image: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return buf.getvalue()


def clean_answer(text: str | None) -> str | None:
    """A short lowercase part name from a model's answer, or None for unknown/empty/rambling answers."""
    if not text:
        return None
    line = text.strip().splitlines()[0].strip().lower()
    line = re.sub(r"^(the |a |an )", "", line)
    line = re.sub(r"[^a-z0-9 \-/]", "", line).strip()
    if not line or line in ("unknown", "none", "n/a") or "unknown" in line.split() or len(line.split()) > 4:
        return None
    return line


class AnswerCache:
    """SQLite store of answers keyed by request hash, plus a request counter for the budget.

    SQLite serialises writers across processes, so a pool shares one cache and one budget.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS spent (id INTEGER PRIMARY KEY CHECK (id = 0), n INTEGER)")
            db.execute("INSERT OR IGNORE INTO spent VALUES (0, 0)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=60.0, isolation_level=None)

    def get(self, key: str) -> tuple[bool, str | None]:
        with self._connect() as db:
            row = db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        return (row is not None, row[0] if row else None)

    def put(self, key: str, answer: str | None) -> None:
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, answer))

    def spend(self, budget: int | None) -> int:
        """Count one request; BudgetExhausted when `budget` requests were already made."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            n = db.execute("SELECT n FROM spent WHERE id = 0").fetchone()[0]
            if budget is not None and n >= budget:
                db.execute("ROLLBACK")
                raise BudgetExhausted(f"request budget of {budget} spent ({self.path}); raise --max-requests to go on")
            db.execute("UPDATE spent SET n = n + 1 WHERE id = 0")
            db.execute("COMMIT")
        return n + 1

    def spent(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT n FROM spent WHERE id = 0").fetchone()[0])


class GeminiNamer:
    """Gemini names masks from overlay images (see the module docstring for retries, budget, cache)."""

    name = "gemini"

    def __init__(
        self,
        model: str = "gemini-2.0-flash",
        cache_path: str | Path = "gemini_cache.sqlite",
        max_requests: int | None = None,
        max_retries: int = 5,
        backoff_s: float = 1.0,
        max_backoff_s: float = 60.0,
        base_url: str | None = None,
        api_key_env: tuple[str, ...] = ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
        timeout_s: float = 60.0,
        prompt: str = PROMPT,
    ) -> None:
        key = next((os.environ[e] for e in api_key_env if os.environ.get(e)), None)
        if key is None:
            raise ValueError(f"Gemini naming needs an API key in one of the environment variables {list(api_key_env)}")
        try:
            from google import genai
            from google.genai import types
        except ImportError as err:
            raise ValueError("Gemini naming needs the `google-genai` package: pip install google-genai") from err
        # SDK retries off (attempts=1): this class owns retries, so that every request counts in the budget.
        http = types.HttpOptions(base_url=base_url, timeout=int(timeout_s * 1000),
                                 retry_options=types.HttpRetryOptions(attempts=1))
        self._client = genai.Client(api_key=key, http_options=http)
        self._types = types
        self.model, self.prompt = model, prompt
        self.cache = AnswerCache(cache_path)
        self.max_requests, self.max_retries = max_requests, max_retries
        self.backoff_s, self.max_backoff_s = backoff_s, max_backoff_s

    def __getstate__(self) -> dict:
        raise TypeError("GeminiNamer holds a live client; build one per worker (see pipeline.NamerSpec)")

    def names(self, view: View, asset: Asset, proposals: list[Proposal]) -> list[str | None]:
        return [self.name_image(overlay(view.image, p.mask)) for p in proposals]

    def name_image(self, image: np.ndarray) -> str | None:
        return self.ask([image], self.prompt, clean_answer)

    def ask(self, images: list[np.ndarray], prompt: str, clean: Callable[[str | None], str | None],
            label_views: bool = False) -> str | None:
        """`prompt` about `images` (sent as PNG, captioned "View k:" when `label_views`), the answer through
        `clean`; cached by (model, prompt, images), so a rerun never pays twice."""
        data = [png_bytes(im) for im in images]
        key = hashlib.sha256(b"\0".join([self.model.encode(), prompt.encode(), *data])).hexdigest()
        found, answer = self.cache.get(key)
        if found:
            return answer
        contents: list = []
        for k, d in enumerate(data):
            contents += [f"View {k + 1}:"] if label_views else []
            contents.append(self._types.Part.from_bytes(data=d, mime_type="image/png"))
        answer = clean(self._ask(contents + [prompt]))
        self.cache.put(key, answer)
        return answer

    def _ask(self, contents: list) -> str | None:
        from google.genai import errors

        for attempt in range(self.max_retries + 1):
            self.cache.spend(self.max_requests)
            try:
                response = self._client.models.generate_content(model=self.model, contents=contents)
                return response.text
            except errors.APIError as err:
                retriable = err.code == 429 or (err.code is not None and 500 <= err.code < 600)
                if not retriable or attempt == self.max_retries:
                    raise
                delay = min(self.max_backoff_s, self.backoff_s * 2**attempt) * (0.5 + random.random() / 2)
                # Only the status code is logged: messages and headers could echo request details.
                log.warning("gemini: HTTP %s, retry %d/%d in %.1f s", err.code, attempt + 1, self.max_retries, delay)
                time.sleep(delay)
        return None
