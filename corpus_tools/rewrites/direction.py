"""Which side of a rewrite pair is the rewrite? Evidence read off the pair, weighed by a fitted model.

Each piece of evidence is a number that is positive when it points at ``b``
as the rewritten side (:class:`DirectionEvidence`, computed by
:func:`direction_evidence` from the two documents and their alignment):

``inflection``, ``typos``, ``zipf``, ``nonwords``, ``quotes``
    the spinner's fingerprints (:func:`corpus_tools.rewrites.verdict.direction_votes`):
    lost endings, non-word typos, rarer substitute words, more non-words,
    quotation marks dropped;
``llm_words``
    words that large language models use far more than people do
    ("showcasing", "pivotal", "notably", "underscores", "delve": the excess
    vocabulary measured by Kobak et al. 2024 and Liang et al. 2024), per
    100 words, ``b`` minus ``a``;
``rewriter_words``
    a vocabulary learned from (original, LLM rewrite) pairs
    (``rewriter_vocabulary.json``, written by ``benchmarks/fit_vocabulary.py``):
    for each word, the log-odds that a rewrite uses it where its original
    does not, against the reverse (rewriters add "additionally", "these",
    "showcasing"; they drop "programme", "announced"). The evidence is the sum
    of the weights of the words only ``b`` uses minus those only ``a`` uses;
``american_spelling``
    the share of American spellings among ``b``'s British/American spelling
    variants minus ``a``'s, when both have some ("organised" in ``a``,
    "organized" in ``b``): language models and translation engines write
    American English by default;
``unique_rarity``
    how much rarer (on the Zipf scale) the content words only ``b`` uses are
    than those only ``a`` uses;
``specifics_lost``
    names and numbers ``a`` has that ``b`` lacks, minus the reverse, per 100
    words: an original carries specifics a rewrite drops or generalises;
``direct_quotes_lost``
    quoted passages of ``a`` minus those of ``b``: rewrites turn quotes into
    reported speech;
``broken_boundaries``
    full stops followed by a lower-case word ("Zelensky said. in video
    address"), per 1,000 words: a translation round trip's artefact;
``mixed_spelling``
    British and American spellings in one text ("Labour ... labor"), as a
    share of the spelling-variant words: a translation or a paraphraser
    applied piecemeal;
``stopword_share``, ``commas``, ``sentence_length_cv``
    style: LLMs write fewer function words, more commas, more even sentences;
``grammar``
    more grammar findings per 1,000 words (added when grammar evidence is
    computed).

A logistic model combines them:
``P(b is the rewrite) = sigmoid(sum_k w_k x_k / s_k / T)`` with no intercept
(the model is antisymmetric: swapping ``a`` and ``b`` negates every input
and flips the probability), fitted on planted spinner rewrites of BBC News
and the LLM rewrites of the fluent-rewrite development set together, so it
learns how little a spinner's fingerprint says in a fluent rewrite and the
reverse. Weights ``w``, scales ``s`` and the
temperature ``T`` come from ``direction_model.json``, written by
``benchmarks/fit_direction.py``, which also tests them on a held-out part
(the numbers are in that file). Each term ``w_k x_k / s_k`` is
a ``vote_*`` column of :func:`corpus_tools.find_rewrites`; the
``direction_score`` is their sum (the logit).

References
----------
Kobak, D. et al. (2024). Delving into ChatGPT usage in academic writing
through excess vocabulary. arXiv:2406.07016. Liang, W. et al. (2024).
Mapping the increasing use of LLMs in scientific papers. arXiv:2404.01268.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from ..lexicon import NAME_MAX_ZIPF, WORD_CACHE_SIZE, frequencies, lemmas, zipf
from ..stopwords import ENGLISH_STOPWORDS
from .features import DocFeatures
from .records import DirectionVotes

__all__ = ["DirectionEvidence", "EVIDENCE_NAMES", "SPINNER_EVIDENCE", "STYLE_EVIDENCE",
           "style_factor", "DirectionModel", "direction_evidence", "direction_model",
           "LLM_WORDS", "rewriter_vocabulary", "vocabulary_shift", "vocabulary_difference",
           "document_words", "word_kin", "rewriter_words_used"]

LLM_WORDS = frozenset("""
delve delves delved delving showcase showcases showcased showcasing underscore underscores
underscored underscoring intricate intricacies meticulous meticulously pivotal notably realm
realms tapestry testament boasts boasting garner garnered garnering unparalleled groundbreaking
unwavering commendable noteworthy vibrant bustling renowned fostering fosters foster crucial
crucially additionally furthermore moreover emphasizing emphasising highlighting enhance
enhancing enhances seamless seamlessly multifaceted nuanced remarkable remarkably exceptional
exceptionally profound robust innovative strategically captivating exhilarating elevate
elevating elevated ensuring facilitating facilitate embark embarked embarking endeavor
endeavors endeavour endeavours paramount holistic invaluable esteemed prowess adept adeptly
thereby spearheaded spearheading navigating navigate utilize utilizing utilized utilise
utilising encompass encompasses encompassing exemplify exemplified exemplifies intriguing
resonate resonates plethora myriad insights insightful thrilling iconic prestigious
""".split())
"""Words whose frequency rose most in text written with large language models
(the excess vocabulary of Kobak et al. 2024 and Liang et al. 2024, inflections included)."""

EVIDENCE_NAMES = ("inflection", "typos", "zipf", "nonwords", "quotes", "llm_words",
                  "rewriter_words", "american_spelling", "unique_rarity", "specifics_lost",
                  "direct_quotes_lost", "broken_boundaries",
                  "mixed_spelling", "stopword_share", "commas", "sentence_length_cv")


class DirectionEvidence(NamedTuple):
    """The direction evidence of one pair; every value is positive when it points at ``b``."""

    inflection: float
    typos: float
    zipf: float
    nonwords: float
    quotes: float
    llm_words: float
    rewriter_words: float
    american_spelling: float
    unique_rarity: float
    specifics_lost: float
    direct_quotes_lost: float
    broken_boundaries: float
    mixed_spelling: float
    stopword_share: float
    commas: float
    sentence_length_cv: float


class _Style(NamedTuple):
    """What :func:`direction_evidence` reads off one document."""

    n_words: int
    llm_rate: float
    stopword_share: float
    commas: float
    sentence_length_cv: float
    quotes: int
    breaks: float
    mixed_spelling: float
    us_share: float
    words: frozenset
    content: frozenset
    specifics: frozenset


_QUOTE_RE = re.compile(r"""[“"”]([^“”"\n]*?[^\W_][^“”"\n]*?)[”"“]""")
_BREAK_RE = re.compile(r"\b([a-z]{2,})\.\s+([a-z]{2,})\b")
_NOT_AN_END = frozenset("etc vs approx incl esp dept".split())


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, str]:
    """``{word: "uk" or "us"}`` for British/American spelling pairs both common in wordfreq's
    English list (colour/color, organise/organize, centre/center, travelled/traveled ...)."""
    freq = frequencies()
    rules = (("our", "or"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
             ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"),
             ("ence", "ense"), ("elled", "eled"), ("elling", "eling"), ("ellor", "elor"))
    out: dict[str, str] = {}
    for word in freq:
        if not word.isalpha():
            continue
        for uk, us in rules:
            if word.endswith(uk) and len(word) > len(uk) + 2:
                other = word[:-len(uk)] + us
                zu, za = zipf(word), zipf(other)
                if other in freq and min(zu, za) >= 2.0 and abs(zu - za) <= 1.5:
                    out[word], out[other] = "uk", "us"
    return out


_STYLES: dict[tuple[str, int], _Style] = {}
STYLE_CACHE_SIZE = 20_000
"""Most documents whose style (:func:`_read_style`: word sets, rates) a process remembers."""


def remembered_styles() -> int:
    """How many documents' styles this process remembers now."""
    return len(_STYLES)


def forget_styles() -> None:
    """Empty this process's memo of document styles (up to :data:`STYLE_CACHE_SIZE` documents,
    about 15 KB each)."""
    _STYLES.clear()


def _style(f: DocFeatures) -> _Style:
    """The :class:`_Style` of ``f``, remembered per process (a document meets many partners)."""
    key = (f.doc_id, hash(f.text))
    hit = _STYLES.get(key)
    if hit is None:
        if len(_STYLES) >= STYLE_CACHE_SIZE:
            _STYLES.clear()
        hit = _STYLES[key] = _read_style(f)
    return hit


def _read_style(f: DocFeatures) -> _Style:
    words = [w for ws in f.sent_words for w in ws]
    n = len(words)
    lens = np.array([len(ws) for ws in f.sent_words], dtype=float)
    variants = spelling_variants()
    kinds = [variants[w] for w in words if w in variants]
    uk, us = kinds.count("uk"), kinds.count("us")
    breaks = sum(1 for m in _BREAK_RE.finditer(f.text) if m.group(1) not in _NOT_AN_END)
    specifics = set()
    for toks in f.sent_tokens:
        for k, t in enumerate(toks):
            if t.kind == "number" or (k and t.text[:1].isupper() and zipf(t.text) <= NAME_MAX_ZIPF):
                specifics.add(t.text.lower())
    return _Style(
        n_words=n, llm_rate=100.0 * sum(w in LLM_WORDS for w in words) / max(1, n),
        stopword_share=sum(w in ENGLISH_STOPWORDS for w in words) / max(1, n),
        commas=100.0 * f.text.count(",") / max(1, n),
        sentence_length_cv=float(lens.std() / lens.mean()) if len(lens) and lens.mean() else 0.0,
        quotes=sum(1 for _ in _QUOTE_RE.finditer(f.text)),
        breaks=1000.0 * breaks / max(1, n),
        mixed_spelling=min(uk, us) / (uk + us) if uk + us else 0.0,
        us_share=us / (uk + us) if uk + us else math.nan,
        words=document_words(f),
        content=frozenset(w for w in words if w.isalpha() and w not in ENGLISH_STOPWORDS),
        specifics=frozenset(specifics))


def document_words(f: DocFeatures) -> frozenset:
    """The distinct normalised words of ``f`` that :func:`vocabulary_shift` weighs."""
    return frozenset(w for ws in f.sent_words for w in ws)


@lru_cache(maxsize=1)
def rewriter_vocabulary() -> dict[str, float]:
    """``{word: weight}`` shipped in ``rewriter_vocabulary.json`` (written by
    ``benchmarks/fit_vocabulary.py``): positive for words rewriters add, negative for words
    they drop."""
    data = json.loads(resources.files(__package__).joinpath("rewriter_vocabulary.json")
                      .read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_kin(word: str) -> frozenset:
    """``word``, its lemmas and every inflection of them (``lemminflect``, offline): the
    words that are ``word`` with another ending.

    >>> sorted(word_kin("experienced"))[:4]
    ['experience', 'experienced', 'experiences', 'experiencing']
    """
    from lemminflect import getAllInflections

    family = {word, *lemmas(word)[0]}
    kin = set(family)
    for lemma in family:
        for forms in getAllInflections(lemma).values():
            kin.update(forms)
    return frozenset(kin)


def vocabulary_difference(words_a: frozenset, words_b: frozenset, among=None
                          ) -> tuple[frozenset, frozenset]:
    """The words only ``a`` uses and those only ``b`` uses, not counting a word the other
    side has with another ending (:func:`word_kin`: "experienced" against "experience" is a
    lost ending, the spinner evidence ``inflection``, not a choice of vocabulary).

    ``among``, when given, limits the answer to those words (a vocabulary's keys).

    Examples
    --------
    >>> only_a, only_b = vocabulary_difference(frozenset({"it", "experienced", "said"}),
    ...                                        frozenset({"it", "experience", "stated"}))
    >>> sorted(only_a), sorted(only_b)
    (['said'], ['stated'])
    """
    def only(words, other):
        diff = words - other
        if among is not None:
            diff = [w for w in diff if w in among]
        return frozenset(w for w in diff if word_kin(w).isdisjoint(other))

    return only(words_a, words_b), only(words_b, words_a)


def vocabulary_shift(words_a: frozenset, words_b: frozenset, weights: dict[str, float]
                     ) -> float:
    """Sum of ``weights`` of the words only ``b`` has minus those only ``a`` has
    (:func:`vocabulary_difference`).

    Positive when ``b`` gained the words rewriters add and lost those they drop.

    Examples
    --------
    >>> vocabulary_shift(frozenset({"the", "programme"}), frozenset({"the", "additionally"}),
    ...                  {"additionally": 1.5, "programme": -1.0})
    2.5
    """
    only_a, only_b = vocabulary_difference(words_a, words_b, among=weights)
    return sum(weights[w] for w in only_b) - sum(weights[w] for w in only_a)


VOCABULARY_WORDS_SHOWN = 8
"""Most words :func:`rewriter_words_used` names per side."""


def rewriter_words_used(fa: DocFeatures, fb: DocFeatures) -> tuple[str, str]:
    """The vocabulary words (:func:`rewriter_vocabulary`) only ``a`` uses and only ``b``
    uses, each side's as ``"word +w, word -w"`` with its weight, strongest first (at most
    :data:`VOCABULARY_WORDS_SHOWN`): the evidence behind ``rewriter_words``, to check by eye.
    """
    weights = rewriter_vocabulary()
    only_a, only_b = vocabulary_difference(_style(fa).words, _style(fb).words, among=weights)

    def shown(words):
        top = sorted(words, key=lambda w: (-abs(weights[w]), w))[:VOCABULARY_WORDS_SHOWN]
        return ", ".join(f"{w} {weights[w]:+.1f}" for w in top)

    return shown(only_a), shown(only_b)


def _mean_zipf(words) -> float:
    return float(np.mean([zipf(w) for w in words])) if words else math.nan


def direction_evidence(fa: DocFeatures, fb: DocFeatures, votes: DirectionVotes
                       ) -> DirectionEvidence:
    """The evidence on the direction of the pair ``(fa, fb)``; positive values point at ``b``.

    ``votes`` are the spinner votes of :func:`corpus_tools.rewrites.verdict.direction_votes`.
    """
    a, b = _style(fa), _style(fb)
    per_100 = 100.0 / max(1, (a.n_words + b.n_words) / 2)
    za, zb = _mean_zipf(a.content - b.content), _mean_zipf(b.content - a.content)
    rarity = 0.0 if math.isnan(za) or math.isnan(zb) else za - zb
    american = b.us_share - a.us_share
    return DirectionEvidence(
        *votes, llm_words=b.llm_rate - a.llm_rate,
        rewriter_words=vocabulary_shift(a.words, b.words, rewriter_vocabulary()),
        american_spelling=0.0 if math.isnan(american) else american, unique_rarity=rarity,
        specifics_lost=per_100 * (len(a.specifics - b.specifics) - len(b.specifics - a.specifics)),
        direct_quotes_lost=float(a.quotes - b.quotes),
        broken_boundaries=b.breaks - a.breaks, mixed_spelling=b.mixed_spelling - a.mixed_spelling,
        stopword_share=b.stopword_share - a.stopword_share, commas=b.commas - a.commas,
        sentence_length_cv=b.sentence_length_cv - a.sentence_length_cv)


SPINNER_EVIDENCE = ("inflection", "typos", "zipf", "nonwords", "quotes")
"""The spinner's fingerprints (the votes of :func:`corpus_tools.rewrites.verdict.direction_votes`)."""
STYLE_EVIDENCE = ("unique_rarity", "stopword_share", "commas", "sentence_length_cv")
"""Evidence of each text's own style (its rare words, function words, commas, sentence
rhythm): together they may say at most ``DirectionModel.style_max_probability``."""


def style_factor(style_total, style_max_probability: float):
    """What the style terms are multiplied by (scalars or arrays): 1, or less where their sum
    ``style_total`` says more than the logit of ``style_max_probability``."""
    if style_max_probability >= 1.0:
        return np.ones_like(np.asarray(style_total, dtype=float))
    cap = math.log(style_max_probability / (1.0 - style_max_probability))
    size = np.abs(np.asarray(style_total, dtype=float))
    return np.where(size > cap, cap / np.maximum(size, cap), 1.0)


class DirectionModel(NamedTuple):
    """The fitted weights: ``coef[k] / scale[k]`` per evidence (missing: 0), each term held
    within ``vote_cap`` (no single piece of evidence decides alone), a ``temperature``
    dividing the logit (calibration), the most the style evidence may say together
    (``style_max_probability``), and what it was fitted and tested on."""

    coef: dict
    scale: dict
    temperature: float
    provenance: dict
    vote_cap: float = math.inf
    style_max_probability: float = 1.0

    def term(self, name: str, value):
        raw = self.coef.get(name, 0.0) * value / self.scale.get(name, 1.0)
        return np.clip(raw, -self.vote_cap, self.vote_cap) / self.temperature

    def votes(self, evidence: DirectionEvidence) -> dict[str, float]:
        """Each evidence's term of the logit (the ``vote_*`` columns), calibrated.

        When the style terms (:data:`STYLE_EVIDENCE`) add up to more than the logit of
        ``style_max_probability``, they are scaled down together to that logit (so the
        votes still add up to the score, and each keeps its share of the style).
        """
        out = {k: float(self.term(k, v)) for k, v in evidence._asdict().items()}
        factor = float(style_factor(sum(out[k] for k in STYLE_EVIDENCE),
                                    self.style_max_probability))
        for k in STYLE_EVIDENCE:
            out[k] *= factor
        return out

    def grammar_votes(self, grammar_evidence) -> np.ndarray:
        """The grammar term of the logit (arrays), from the grammar evidence
        (:func:`corpus_tools.rewrites.verdict.grammar_vote`)."""
        return self.term("grammar", np.nan_to_num(np.asarray(grammar_evidence, dtype=float)))


@lru_cache(maxsize=1)
def direction_model() -> DirectionModel:
    """The model shipped in ``corpus_tools/rewrites/direction_model.json``."""
    data = json.loads(resources.files(__package__).joinpath("direction_model.json")
                      .read_text(encoding="utf-8"))

    m = data["model"]
    return DirectionModel(m["coef"], m["scale"], float(m["temperature"]),
                          data.get("provenance", {}), float(m.get("vote_cap", math.inf)),
                          float(m.get("style_max_probability", 1.0)))
