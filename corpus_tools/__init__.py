"""corpus-tools: analyse a corpus of news articles with pandas.

Load a corpus with :func:`load_corpus`, then ask it questions: how readable
each document is (:func:`readability`), which grammar and spelling errors it
has (:func:`grammar_errors`), which terms set it apart
(:func:`term_frequencies`, :func:`keyness`), and which documents are
machine-rewritten variants of others (:func:`find_rewrites`, :func:`align`).
Every function takes the corpus frame first, options keyword-only, and
returns a new DataFrame; none modifies its input.

One sub-package per question, one module per step: ``readability``,
``grammar``, ``terms``, ``rewrites``, ``overview``; the shared foundation is
``corpus`` (loading), ``segment`` (the one tokenizer), ``lexicon`` (word
facts), ``similarity`` (similarity measures) and ``stopwords``; ``report``
renders the notebooks to HTML. Figures live in each sub-package's ``plots``
module and are imported only when asked for.

The names below are imported on first use, so ``import corpus_tools`` loads
no plotting or notebook code, and no analysis until it is needed (but for
:func:`readability`, whose name is also the sub-package's and is bound at
import so that ``corpus_tools.readability`` is always the function).
"""

from __future__ import annotations

import importlib as _importlib
import importlib.metadata as _metadata

try:
    __version__ = _metadata.version("corpus-tools")
    """The installed version of corpus-tools (``"0+unknown"`` in a source tree without install)."""
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"

from .readability.table import readability  # noqa: E402, F401  (see the module docstring)

# public name -> module that defines it (imported on first access, PEP 562)
_EXPORTS = {
    "CorpusError": "corpus", "CorpusWarning": "corpus", "corpus_from_texts": "corpus",
    "load_corpus": "corpus", "problems": "corpus", "check_corpus": "corpus",
    "english_mask": "corpus", "LoadOptions": "corpus", "CORPUS_COLUMNS": "corpus",
    "PROBLEM_COLUMNS": "corpus",
    "corpus_summary": "overview", "sentence_lengths": "overview",
    "ReadabilityOptions": "readability", "ReadabilityWarning": "readability",
    "compare_readability": "readability", "hardest_sentences": "readability",
"sentence_readability": "readability",
    "GrammarOptions": "grammar", "GrammarConfig": "grammar", "grammar_errors": "grammar",
    "GrammarWarning": "grammar",
    "grammar_summary": "grammar",
    "TermOptions": "terms", "compare_terms": "terms", "document_term_matrix": "terms",
    "most_similar_pair": "terms", "term_frequencies": "terms", "top_terms": "terms",
    "keyness": "terms", "key_terms_by_document": "terms", "collocations": "terms",
    "kwic": "terms",
    "AlignOptions": "rewrites", "Alignment": "rewrites", "align": "rewrites",
    "RewriteOptions": "rewrites", "RewriteWarning": "rewrites", "find_rewrites": "rewrites",
    "similarity_matrix": "rewrites", "family_table": "rewrites", "find_quotes": "rewrites", "match_quotes": "rewrites",
}

__all__ = sorted([*_EXPORTS, "readability", "__version__"])


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
