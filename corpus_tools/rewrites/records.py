"""The named records that alignment, quote matching and the verdict pass to one another.

Each is a :class:`typing.NamedTuple`: cheap to build by the hundred thousand
in the alignment's hot loops, read by field name everywhere, and turned
into a DataFrame with ``pd.DataFrame(records, columns=Record._fields)``.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["DirectionVotes", "AlignedGroup", "SentencePair", "WordEdit", "Quote", "QuoteMatch",
           "SENTENCE_COLUMNS", "EDIT_COLUMNS", "QUOTE_MATCH_COLUMNS"]


class AlignedGroup(NamedTuple):
    """Sentences of ``a`` aligned with sentences of ``b`` (one-to-one, one-to-two or two-to-one).

    ``a_sents``/``b_sents`` are sentence numbers (0-based, in order) and
    ``similarity`` the sentence similarity of the group's words (0-1,
    :func:`corpus_tools.similarity.sentence_similarity`).
    """

    a_sents: tuple[int, ...]
    b_sents: tuple[int, ...]
    similarity: float


class SentencePair(NamedTuple):
    """One row of an alignment's sentence table, in reading order.

    An aligned group (``kind`` ``"1-1"``, ``"1-2"``, ``"2-1"``) or an
    unmatched sentence (``"only a"``/``"only b"``: the other side's
    sentences are ``()``, its offsets -1 and its text ``""``, and
    ``similarity`` is NaN). ``identical`` means the same words in the same
    order (case and apostrophe style ignored). Offsets index each
    document's text; ``a_text``/``b_text`` are those slices.
    """

    a_sents: tuple[int, ...]
    b_sents: tuple[int, ...]
    kind: str
    similarity: float
    identical: bool
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str

    @property
    def aligned(self) -> bool:
        """True for an aligned group, False for a sentence without counterpart."""
        return bool(self.a_sents) and bool(self.b_sents)


class WordEdit(NamedTuple):
    """One word (or short phrase) of an aligned sentence pair and how it changed.

    ``pair`` is the row number of the :class:`SentencePair`; ``label`` one of
    :data:`corpus_tools.rewrites.align.EDIT_LABELS`. Offsets are -1 and the
    word ``""`` on the side where the word is absent; ``zipf_a``/``zipf_b``
    are wordfreq Zipf frequencies of single words (NaN otherwise);
    ``base_side`` is ``"a"``/``"b"`` for a lost inflection (the side with the
    base form), else ``""``.
    """

    pair: int
    label: str
    a_word: str
    b_word: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    zipf_a: float
    zipf_b: float
    base_side: str


class Quote(NamedTuple):
    """A passage inside double quotation marks: offsets of the passage (marks excluded),
    its text and its normalised words."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]


class QuoteMatch(NamedTuple):
    """A quote of one text and its counterpart in the other, if any.

    ``status``: ``kept`` (same words), ``changed`` (matched, words differ),
    ``unquoted`` (its words are in the aligned sentence of the other text,
    without quotation marks), ``only a``/``only b``. ``quoted_in`` is
    ``"both"`` or the side whose text has the marks; ``similarity`` is NaN
    without counterpart; offsets are -1 and passages ``""`` where absent;
    ``changed`` is True for ``changed`` and ``unquoted``.
    """

    status: str
    quoted_in: str
    similarity: float
    a_quote: str
    b_quote: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    changed: bool


SENTENCE_COLUMNS = list(SentencePair._fields)
EDIT_COLUMNS = list(WordEdit._fields)
QUOTE_MATCH_COLUMNS = list(QuoteMatch._fields)


class DirectionVotes(NamedTuple):
    """Each spinner artefact's vote on the direction (step 2 of the verdict): -1..1,
    positive = ``b`` is the rewrite, 0.0 = no evidence either way."""

    inflection: float
    typos: float
    zipf: float
    nonwords: float
    quotes: float
