"""corpus_tools.embed: sentence vectors by meaning, from the wordllama wheel, offline."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.embed import MODEL_DIM, EncoderOptions, SentenceEncoder, cosine_matrix

# (sentence, a fluent paraphrase of it with few shared words, an unrelated sentence), written
# for this test.
PARAPHRASES = [
    ("The minister resigned on Friday after weeks of pressure.",
     "After weeks of mounting pressure, the minister stepped down on Friday.",
     "Heavy rain is expected across the north of the country this weekend."),
    ("The company's profits soared last year.",
     "Last year the firm saw its earnings rise sharply.",
     "The orchestra performed a new symphony at the festival."),
    ("Police arrested two men in connection with the robbery.",
     "Two suspects were taken into custody over the heist.",
     "The bakery sells fresh bread every morning."),
    ("She won the gold medal in the 100 metres.",
     "The 100m title and the gold went to her.",
     "Parliament will debate the new budget next week."),
    ("Doctors say the new drug cuts the risk of heart attacks.",
     "According to physicians, the medication lowers the chance of cardiac arrest.",
     "The striker scored twice in the second half."),
]
# Known misses: a static (bag-of-tokens) model scores a same-words non-paraphrase above a
# true paraphrase in other words. The aligner must not rely on cosine alone for these.
SAME_WORDS_NOT_PARAPHRASE = [
    ("The company's profits soared last year.",
     "Last year the firm saw its earnings rise sharply.",
     "The company's profits were discussed at last year's meeting."),
    ("The vote was postponed until next month.",
     "Lawmakers delayed the ballot by a month.",
     "The vote was held last month as planned."),
]


@pytest.fixture
def encoder():
    SentenceEncoder.cache_clear()
    return SentenceEncoder()


def test_shape_dtype_and_unit_norm(encoder):
    sents = [s for triple in PARAPHRASES for s in triple]
    v = encoder.encode(sents)
    assert v.shape == (len(sents), MODEL_DIM) == (15, 256)
    assert v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("dim", [128, 64])
def test_shorter_vectors_are_the_renormalised_prefix(encoder, dim):
    sents = list(PARAPHRASES[0])
    full = encoder.encode(sents)
    short = SentenceEncoder(EncoderOptions(dim=dim)).encode(sents)
    assert short.shape == (3, dim)
    prefix = full[:, :dim] / np.linalg.norm(full[:, :dim], axis=1, keepdims=True)
    np.testing.assert_allclose(short, prefix, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(short, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("sentence, paraphrase, unrelated", PARAPHRASES)
def test_paraphrase_scores_higher_than_unrelated(encoder, sentence, paraphrase, unrelated):
    v = encoder.encode([sentence, paraphrase, unrelated])
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


@pytest.mark.xfail(strict=True, reason="bag of tokens: shared words outweigh a rephrasing")
@pytest.mark.parametrize("sentence, paraphrase, same_words", SAME_WORDS_NOT_PARAPHRASE)
def test_paraphrase_beats_same_words_other_meaning(encoder, sentence, paraphrase, same_words):
    v = encoder.encode([sentence, paraphrase, same_words])
    assert v[0] @ v[1] > v[0] @ v[2]


def test_same_sentence_gives_cosine_one(encoder):
    s = "The talks ended without agreement late on Tuesday."
    first = encoder.encode([s])
    again = encoder.encode([s, "Something else entirely.", s])
    assert float(first[0] @ again[0]) == pytest.approx(1.0, abs=1e-6)
    np.testing.assert_array_equal(again[0], again[2])
    np.testing.assert_array_equal(first[0], again[0])


def test_empty_and_blank_sentences_get_the_zero_vector(encoder):
    v = encoder.encode(["", "  \n\t", "A real sentence."])
    assert not v[:2].any()
    assert np.linalg.norm(v[2]) == pytest.approx(1.0, abs=1e-5)
    assert encoder.encode([]).shape == (0, 256)


def test_each_sentence_is_embedded_once_per_process(encoder):
    sents = ["One sentence here.", "Another one there.", "One sentence here."]
    first = encoder.encode(sents)
    assert SentenceEncoder.cache_info() == (1, 2, 2)  # the repeat inside the call is a hit
    # another encoder (other dim) is served from the same cache
    SentenceEncoder(EncoderOptions(dim=64)).encode(sents[:2])
    assert SentenceEncoder.cache_info() == (3, 2, 2)
    np.testing.assert_array_equal(encoder.encode(sents), first)
    assert SentenceEncoder.cache_info().misses == 2


def test_cache_size_bounds_the_cache():
    SentenceEncoder.cache_clear()
    small = SentenceEncoder(EncoderOptions(cache_size=2))
    small.encode(["First.", "Second.", "Third."])
    assert SentenceEncoder.cache_info().size == 2
    small.encode(["Third."])  # newest kept
    assert SentenceEncoder.cache_info().hits == 1
    small.encode(["First."])  # oldest evicted
    assert SentenceEncoder.cache_info().misses == 4
    none = SentenceEncoder(EncoderOptions(cache_size=0))
    SentenceEncoder.cache_clear()
    none.encode(["First.", "Second."])
    assert SentenceEncoder.cache_info() == (0, 2, 0)


def test_batches_give_the_same_vectors_as_one_batch(encoder):
    sents = [s for triple in PARAPHRASES for s in triple]
    whole = encoder.encode(sents)
    SentenceEncoder.cache_clear()
    batched = SentenceEncoder(EncoderOptions(batch_size=4)).encode(sents)
    np.testing.assert_allclose(batched, whole, atol=1e-6)


def test_cosine_matrix_is_the_product_of_the_vectors(encoder):
    a, b = ["He won the race."], ["He won the race.", "Stocks fell sharply."]
    m = cosine_matrix(a, b)
    assert m.shape == (1, 2)
    assert m[0, 0] == pytest.approx(1.0, abs=1e-6)
    np.testing.assert_allclose(m, encoder.encode(a) @ encoder.encode(b).T, atol=1e-7)
    assert cosine_matrix(a, []).shape == (1, 0)


def test_bad_input_is_refused_with_a_clear_error(encoder):
    with pytest.raises(TypeError, match="not one string"):
        encoder.encode("A single string.")
    with pytest.raises(TypeError, match=r"sentences\[1\] is int"):
        encoder.encode(["fine", 3])
    with pytest.raises(ValueError, match="dim must be 256, 128 or 64"):
        EncoderOptions(dim=100)
    with pytest.raises(ValueError, match="batch_size"):
        EncoderOptions(batch_size=0)


def test_encoder_is_a_small_frozen_value():
    enc = SentenceEncoder(EncoderOptions(dim=128))
    with pytest.raises(AttributeError):
        enc.options = EncoderOptions()
    assert pickle.loads(pickle.dumps(enc)) == enc
    assert len(pickle.dumps(enc)) < 500  # the model is not in it


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=6))
def test_any_text_gives_finite_rows_of_norm_zero_or_one(texts):
    v = SentenceEncoder().encode(texts)
    assert v.shape == (len(texts), 256)
    assert np.isfinite(v).all()
    norms = np.linalg.norm(v, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-5) | (norms == 0))
    assert all(norms[k] == 0 for k, t in enumerate(texts) if not t.strip())


def _run(code: str, env: dict):
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _offline_env(tmp_path) -> dict:
    """The test environment without any hub/offline switch, and with empty home and caches."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "HUGGINGFACE", "TRANSFORMERS_", "SENTENCE_TRANSFORMERS"))}
    home = tmp_path / "home"
    home.mkdir()
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    return env


def test_works_with_the_network_blocked_and_no_offline_switch(tmp_path):
    """No download: sockets raise, HF_HUB_OFFLINE & co. are unset, home and caches are empty."""
    found = _run("""
        import json, socket

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")

        class NoSocket(socket.socket):
            def __init__(self, *args, **kwargs):
                refuse()

        socket.socket = NoSocket
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from corpus_tools.embed import SentenceEncoder
        v = SentenceEncoder().encode(["The minister resigned.", "The minister stepped down.",
                                      "It rained all day."])
        print(json.dumps({"shape": list(v.shape), "para": float(v[0] @ v[1]),
                          "other": float(v[0] @ v[2])}))
        """, _offline_env(tmp_path))
    assert found["shape"] == [3, 256]
    assert found["para"] > found["other"]
    assert not any((tmp_path / "home").rglob("*")), "nothing may be written to a cache"


def _network_namespace() -> list[str] | None:
    """``unshare`` arguments that run a command with no network interface at all, if allowed."""
    unshare = shutil.which("unshare")
    for args in ([unshare, "-n"], [unshare, "-rn"]) if unshare else ():
        if subprocess.run([*args, "true"], capture_output=True).returncode == 0:
            return args
    return None


def test_works_in_a_network_namespace(tmp_path):
    """Stronger than patching Python's socket: native code (the Rust tokenizer) is cut off too."""
    netns = _network_namespace()
    if netns is None:
        pytest.skip("unshare cannot make a network namespace here")
    code = textwrap.dedent("""
        import json, socket
        try:
            socket.create_connection(("pypi.org", 443), timeout=2)
            print(json.dumps({"network": True}))
        except OSError:
            from corpus_tools.embed import SentenceEncoder
            v = SentenceEncoder().encode(["No network here.", "Nothing to download."])
            print(json.dumps({"network": False, "shape": list(v.shape)}))
        """)
    out = subprocess.run([*netns, sys.executable, "-c", code], capture_output=True, text=True,
                         env=_offline_env(tmp_path), timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"network": False, "shape": [2, 256]}


def test_import_corpus_tools_loads_no_model_code(tmp_path):
    found = _run("""
        import json, sys
        import corpus_tools, corpus_tools.embed
        before = sorted(m for m in ("tokenizers", "safetensors", "wordllama") if m in sys.modules)
        corpus_tools.embed.SentenceEncoder().encode(["Loaded now."])
        after = sorted(m for m in ("tokenizers", "safetensors", "wordllama") if m in sys.modules)
        print(json.dumps({"before": before, "after": after}))
        """, _offline_env(tmp_path))
    assert found == {"before": [], "after": ["safetensors", "tokenizers"]}


def test_vectors_equal_wordllamas_own(tmp_path):
    """Oracle: wordllama's own embed(norm=True) (loaded from its wheel) gives the same vectors."""
    pytest.importorskip("wordllama")
    sents = [s for triple in PARAPHRASES for s in triple]
    theirs = _run(f"""
        import json, pathlib, wordllama
        from wordllama import WordLlama
        wl = WordLlama.load(cache_dir=pathlib.Path(wordllama.__file__).parent,
                            disable_download=True)
        print(json.dumps(wl.embed({sents!r}, norm=True).tolist()))
        """, _offline_env(tmp_path))
    SentenceEncoder.cache_clear()
    np.testing.assert_allclose(SentenceEncoder().encode(sents), np.array(theirs), atol=1e-6)


def test_docstring_examples():
    import doctest

    import corpus_tools.embed

    result = doctest.testmod(corpus_tools.embed)
    assert result.attempted >= 4
    assert result.failed == 0
