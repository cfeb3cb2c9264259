"""corpus-tools: analyse a corpus of news articles with pandas.

Load a corpus with :func:`load_corpus`, then ask it questions: how readable
each document is (:func:`readability`), which grammar and spelling errors it
has (:func:`grammar_errors`), which terms set it apart
(:func:`term_frequencies`, :func:`keyness`), and which documents are
machine-rewritten variants of others (:func:`find_rewrites`, :func:`align`).
Every function takes the corpus frame first, options keyword-only, and
returns a new DataFrame; none modifies its input.

The submodules are named after the question they answer (``segment``,
``corpus``, ``overview``, ``readability``, ``grammar``, ``terms``,
``keyness``, ``collocations``, ``kwic``, ``rewrites``, ``align``, ``quotes``,
``report``); import from them for the less common functions and the figures.
"""

from importlib.metadata import PackageNotFoundError, version

from .align import Alignment, AlignOptions, align
from .collocations import collocations
from .corpus import CorpusError, CorpusWarning, corpus_from_texts, load_corpus, problems
from .grammar import GrammarConfig, grammar_errors, grammar_summary
from .keyness import key_terms_by_document, keyness
from .kwic import kwic
from .overview import corpus_summary, sentence_lengths
from .quotes import find_quotes, match_quotes
from .readability import (ReadabilityOptions, ReadabilityWarning, compare_readability,
                          hardest_sentences, readability, sentence_readability)
from .rewrites import RewriteOptions, RewriteWarning, find_rewrites, similarity_matrix
from .terms import (TermOptions, compare_terms, document_term_matrix, most_similar_pair,
                    term_frequencies, top_terms)

try:
    __version__ = version("corpus-tools")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "AlignOptions",
    "Alignment",
    "RewriteOptions",
    "RewriteWarning",
    "align",
    "find_quotes",
    "find_rewrites",
    "match_quotes",
    "similarity_matrix",
    "CorpusError",
    "CorpusWarning",
    "GrammarConfig",
    "ReadabilityOptions",
    "ReadabilityWarning",
    "TermOptions",
    "__version__",
    "collocations",
    "compare_readability",
    "compare_terms",
    "corpus_from_texts",
    "corpus_summary",
    "document_term_matrix",
    "grammar_errors",
    "grammar_summary",
    "hardest_sentences",
    "key_terms_by_document",
    "keyness",
    "kwic",
    "load_corpus",
    "most_similar_pair",
    "problems",
    "readability",
    "sentence_lengths",
    "sentence_readability",
    "term_frequencies",
    "top_terms",
]
