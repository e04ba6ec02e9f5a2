"""Tests for find3d_core.text: the cached encoder base, offline MiniLM, SigLIP loading, the registry."""

from __future__ import annotations

import json
import shutil
import socket
import time
from pathlib import Path

import pytest
import torch

from find3d_core.text import (
    DEFAULT_TEXT_ENCODER,
    MINILM_ID,
    MiniLMEncoder,
    SentenceTransformerEncoder,
    SiglipTextEncoder,
    TextEncoder,
    TextEncoderUnavailable,
    build_text_encoder,
    format_query,
)
from find3d_core.text.base import quiet_transformers
from find3d_core.text.minilm import bundled_minilm_dir


def _refuse(*args, **kwargs):
    raise AssertionError(f"network access attempted: {args!r}")


def _block_network(mp: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail loudly."""
    mp.setattr(socket.socket, "connect", _refuse)
    mp.setattr(socket, "create_connection", _refuse)


@pytest.fixture
def no_network(monkeypatch):
    _block_network(monkeypatch)


# ---------------------------------------------------------------- base class (no model needed)


class CountingEncoder(TextEncoder):
    """Deterministic fake: a text's vector depends only on the text; records every _embed call."""

    name, dim = "test/counting", 8

    def __init__(self, max_cached: int = 100_000) -> None:
        super().__init__(max_cached=max_cached)
        self.calls: list[list[str]] = []

    def _embed(self, texts):
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            g = torch.Generator().manual_seed(sum(map(ord, text)) * 7919 + len(text))
            rows.append(3.0 * torch.randn(self.dim, generator=g, dtype=torch.float64))  # not unit, not float32
        return torch.stack(rows)


def test_base_cache_embeds_each_text_once():
    enc = CountingEncoder()
    first = enc.encode(["handle", "wheel", "handle"])
    assert enc.calls == [["handle", "wheel"]]  # duplicates inside one call embedded once
    second = enc.encode(["wheel", "leg", "handle"])
    assert enc.calls == [["handle", "wheel"], ["leg"]]  # only the new text reaches the model
    assert torch.equal(first[0], first[2])
    assert torch.equal(second[0], first[1]) and torch.equal(second[2], first[0])


def test_base_output_is_float32_cpu_unit_rows():
    enc = CountingEncoder()
    out = enc.encode(["a", "b", "c"])
    assert out.shape == (3, 8) and out.dtype == torch.float32 and out.device.type == "cpu"
    torch.testing.assert_close(out.norm(dim=1), torch.ones(3))


def test_base_result_is_a_copy_of_the_cache():
    enc = CountingEncoder()
    out = enc.encode(["a"])
    kept = out.clone()
    out.zero_()
    assert torch.equal(enc.encode(["a"]), kept)


def test_base_cache_is_bounded_lru():
    enc = CountingEncoder(max_cached=2)
    enc.encode(["a", "b"])
    enc.encode(["a"])  # "a" now most recent
    enc.encode(["c"])  # evicts "b"
    enc.encode(["a"])
    assert enc.calls[-1] == ["c"]
    enc.encode(["b"])
    assert enc.calls[-1] == ["b"]


def test_base_clear_cache():
    enc = CountingEncoder()
    enc.encode(["a"])
    enc.clear_cache()
    enc.encode(["a"])
    assert enc.calls == [["a"], ["a"]]


def test_base_empty_list_gives_empty_tensor():
    enc = CountingEncoder()
    out = enc.encode([])
    assert out.shape == (0, 8) and out.dtype == torch.float32
    assert enc.calls == []


@pytest.mark.parametrize("bad", [[""], ["handle", "   "], ["\t\n"]])
def test_base_rejects_blank_texts(bad):
    with pytest.raises(ValueError, match="empty or whitespace"):
        CountingEncoder().encode(bad)


def test_base_rejects_bare_string_and_non_strings():
    enc = CountingEncoder()
    with pytest.raises(TypeError, match="list of strings"):
        enc.encode("handle")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        enc.encode(["handle", 3])
    assert enc.calls == []


def test_base_checks_embedding_shape():
    class Wrong(CountingEncoder):
        def _embed(self, texts):
            return torch.ones(len(texts), self.dim + 1)

    with pytest.raises(RuntimeError, match="expected"):
        Wrong().encode(["a"])


def test_format_query():
    assert format_query("handle", "mug") == "handle of a mug"
    assert format_query("handle", None) == "handle"
    assert format_query(" handle ", "  ") == "handle"
    with pytest.raises(ValueError):
        format_query("  ", "mug")


# ---------------------------------------------------------------- MiniLM (real model, loaded once)


@pytest.fixture(scope="module")
def minilm():
    """The registry's MiniLM, loaded once for the module with the network blocked."""
    with pytest.MonkeyPatch.context() as mp:
        _block_network(mp)
        enc = build_text_encoder("minilm")
        enc.encode(["warm up"])  # forces the lazy load inside the no-network block
    return enc


def test_minilm_shape_and_unit_rows(minilm):
    assert isinstance(minilm, MiniLMEncoder)
    assert minilm.name == MINILM_ID and minilm.dim == 384
    out = minilm.encode(["handle", "leg of a chair", "wheel"])
    assert out.shape == (3, 384) and out.dtype == torch.float32 and out.device.type == "cpu"
    torch.testing.assert_close(out.norm(dim=1), torch.ones(3), atol=1e-5, rtol=0)
    assert (out[0] - out[2]).abs().max() > 1e-2


@pytest.mark.parametrize(
    "anchor, close, far",
    [
        ("handle", "grip", "wheel"),
        ("leg", "foot", "screen"),
        ("lid", "cap", "wheel"),
        ("wheel", "tire", "lid"),
        ("screen", "display", "leg"),
        ("handle of a mug", "handle of a cup", "leg of a chair"),
    ],
)
def test_minilm_semantics(minilm, anchor, close, far):
    a, c, f = minilm.encode([anchor, close, far])
    assert float(a @ c) > float(a @ f) + 0.1


def test_minilm_cache_skips_model(minilm, monkeypatch):
    calls = []
    real = minilm._model.encode

    def counting(texts, **kw):
        calls.append(list(texts))
        return real(texts, **kw)

    monkeypatch.setattr(minilm._model, "encode", counting)
    first = minilm.encode(["spout of a kettle", "knob"])
    again = minilm.encode(["knob", "spout of a kettle", "knob"])
    assert calls == [["spout of a kettle", "knob"]]
    assert torch.equal(again[1], first[0]) and torch.equal(again[0], first[1])


def test_minilm_batch_matches_single(minilm):
    batch = minilm.encode(["armrest", "backrest", "cushion"])
    fresh = MiniLMEncoder()
    fresh._model = minilm._model  # same weights, empty cache: embed one text on its own
    single = fresh.encode(["backrest"])
    torch.testing.assert_close(single[0], batch[1], atol=1e-5, rtol=0)


def test_minilm_output_usable_in_autograd(minilm):
    """The trainer multiplies text embeddings with features that need gradients."""
    text = minilm.encode(["handle", "wheel"])
    assert not text.is_inference() and not text.requires_grad
    feats = torch.randn(5, 384, requires_grad=True)
    (feats @ text.T).sum().backward()
    torch.testing.assert_close(feats.grad, text.sum(0).expand(5, -1))


def test_minilm_bad_inputs(minilm):
    with pytest.raises(ValueError):
        minilm.encode(["handle", ""])
    with pytest.raises(TypeError):
        minilm.encode("handle")
    assert minilm.encode([]).shape == (0, 384)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_minilm_cuda_matches_cpu(minilm):
    gpu = MiniLMEncoder(device="cuda")
    texts = ["handle", "wheel of a car"]
    out = gpu.encode(texts)
    assert out.device.type == "cpu"
    torch.testing.assert_close(out, minilm.encode(texts), atol=1e-3, rtol=0)


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available here")
def test_cuda_request_without_cuda_fails_early():
    with pytest.raises(ValueError, match="CUDA is not available"):
        MiniLMEncoder(device="cuda")


def test_bad_device_string():
    with pytest.raises(ValueError, match="invalid device"):
        MiniLMEncoder(device="gpu please")


# ---------------------------------------------------------------- SigLIP (tiny random model, real loading path)

WORDS = ["handle", "grip", "wheel", "leg", "seat", "of", "a", "mug", "chair", "car", "lid"]
MAX_LEN = 16


def _save_tiny_siglip(directory: Path):
    """A randomly initialised tiny SiglipModel plus a WordLevel tokenizer, saved like a hub model."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    from transformers import PreTrainedTokenizerFast, SiglipConfig, SiglipModel

    vocab = {"<pad>": 0, "<unk>": 1, "</s>": 2, **{w: i + 3 for i, w in enumerate(WORDS)}}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="<pad>", unk_token="<unk>", eos_token="</s>", model_max_length=MAX_LEN
    )
    text = dict(
        vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, max_position_embeddings=MAX_LEN, pad_token_id=0, bos_token_id=1, eos_token_id=2,
    )  # fmt: skip
    vision = dict(hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                  image_size=32, patch_size=16)  # fmt: skip
    torch.manual_seed(0)
    with quiet_transformers():  # default vision-config token ids trip a harmless warning
        model = SiglipModel(SiglipConfig(text_config=text, vision_config=vision)).eval()
        model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return model, tokenizer


@pytest.fixture(scope="module")
def tiny_siglip(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tiny_siglip")
    model, tokenizer = _save_tiny_siglip(directory)
    return directory, model, tokenizer


def test_siglip_loads_from_directory(tiny_siglip, no_network):
    directory, _, _ = tiny_siglip
    enc = SiglipTextEncoder(directory)
    assert enc.dim == 32  # read from the config, not hard-coded
    assert enc.name == str(directory.resolve())
    texts = ["handle of a mug", "wheel of a car", "leg of a chair", "lid"]
    out = enc.encode(texts)
    assert out.shape == (4, 32) and out.dtype == torch.float32
    torch.testing.assert_close(out.norm(dim=1), torch.ones(4), atol=1e-5, rtol=0)
    sims = out @ out.T
    assert (sims - torch.eye(4)).max() < 0.9999  # distinct texts, distinct vectors


def test_siglip_matches_get_text_features(tiny_siglip):
    """Same numbers as Find3D's recipe: full SiglipModel, max-length padding, input_ids, normalise."""
    directory, model, tokenizer = tiny_siglip
    texts = ["grip of a mug", "seat"]
    ids = tokenizer(texts, padding="max_length", max_length=MAX_LEN, return_tensors="pt")["input_ids"]
    with torch.no_grad():
        ref = model.get_text_features(input_ids=ids)
    ref = ref if torch.is_tensor(ref) else ref.pooler_output
    ref = torch.nn.functional.normalize(ref, dim=-1)
    torch.testing.assert_close(SiglipTextEncoder(directory).encode(texts), ref, atol=1e-5, rtol=0)


def test_siglip_deterministic_and_cached(tiny_siglip):
    directory, _, _ = tiny_siglip
    texts = ["handle", "wheel of a car"]
    a = SiglipTextEncoder(directory).encode(texts)
    enc = SiglipTextEncoder(directory)
    b = enc.encode(texts)
    assert torch.equal(a, b)
    calls = []
    real = enc._embed
    enc._embed = lambda t: calls.append(list(t)) or real(t)
    enc.encode(["wheel of a car", "handle", "lid"])
    assert calls == [["lid"]]


def test_siglip_from_hf_cache_by_id(tiny_siglip, tmp_path, no_network):
    """An id resolves through a (local) Hugging Face cache and is kept as the encoder's name."""
    directory, _, _ = tiny_siglip
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--test-org--tiny-siglip"
    shutil.copytree(directory, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    enc = SiglipTextEncoder("test-org/tiny-siglip", cache_dir=tmp_path / "hub")
    assert enc.name == "test-org/tiny-siglip"
    torch.testing.assert_close(enc.encode(["mug"]), SiglipTextEncoder(directory).encode(["mug"]))
    # The snapshot folder itself also maps back to the repo id.
    assert SiglipTextEncoder(repo / "snapshots" / commit).name == "test-org/tiny-siglip"


@pytest.mark.parametrize("spec", ["/nonexistent/siglip-dir", "nobody-here/no-such-siglip-model"])
def test_siglip_unavailable_fails_fast(spec, tmp_path, no_network):
    start = time.monotonic()
    with pytest.raises(TextEncoderUnavailable) as info:
        SiglipTextEncoder(spec, cache_dir=tmp_path / "empty-hub")
    assert time.monotonic() - start < 5.0
    assert spec in str(info.value)


def test_siglip_unavailable_says_how_to_get_it(tmp_path, no_network):
    with pytest.raises(TextEncoderUnavailable, match="hf download google/siglip-base-patch16-224"):
        SiglipTextEncoder("google/siglip-base-patch16-224", cache_dir=tmp_path)


def test_siglip_rejects_other_models(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(TextEncoderUnavailable, match="bert"):
        SiglipTextEncoder(tmp_path)


# ---------------------------------------------------------------- registry


def test_registry_default_and_aliases_share_one_instance(minilm):
    assert DEFAULT_TEXT_ENCODER == "minilm"
    assert build_text_encoder() is minilm
    assert build_text_encoder(MINILM_ID) is minilm
    assert build_text_encoder(" MiniLM ") is minilm
    assert build_text_encoder(str(bundled_minilm_dir())) is minilm


def test_registry_detects_siglip_directory(tiny_siglip):
    directory, _, _ = tiny_siglip
    enc = build_text_encoder(str(directory))
    assert isinstance(enc, SiglipTextEncoder) and enc.dim == 32
    assert build_text_encoder(str(directory)) is enc


def test_registry_detects_sentence_transformers_directory(tmp_path):
    # Symlinks: a second sentence-transformers directory without copying 90 MB of weights.
    for item in bundled_minilm_dir().iterdir():
        (tmp_path / item.name).symlink_to(item)
    enc = build_text_encoder(str(tmp_path))
    assert type(enc) is SentenceTransformerEncoder and enc.dim == 384


def test_registry_siglip_not_downloaded(no_network):
    # Either it is cached here (then it builds) or the error says how to get it; never a hang.
    try:
        enc = build_text_encoder("siglip")
    except TextEncoderUnavailable as err:
        assert "download" in str(err)
    else:
        assert isinstance(enc, SiglipTextEncoder) and enc.dim == 768


@pytest.mark.parametrize("spec", ["bogus", "clip", "/no/such/dir", ""])
def test_registry_unknown_spec_lists_known_names(spec):
    with pytest.raises(ValueError, match="minilm"):
        build_text_encoder(spec)


def test_registry_rejects_unsupported_directory(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(ValueError, match="bert"):
        build_text_encoder(str(tmp_path))
