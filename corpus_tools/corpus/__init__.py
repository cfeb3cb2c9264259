"""What is in the corpus? Loading documents into a DataFrame.

:func:`load_corpus` reads a folder of documents (text files, web pages, WARC
archives), a single document, or a table (CSV, TSV, JSON Lines, Parquet)
into one DataFrame with one row per document. Problems with individual
inputs never stop the load: each input ends up either in the result
(possibly flagged) or in the *problems* table with the reason it was
skipped. :func:`problems` returns that table; :func:`english_mask` says
which documents the English-only analyses apply to.

One module per step: ``options`` (:class:`LoadOptions`), ``files`` (which
files, read safely), ``decode`` (bytes to repaired text), ``tables``,
``web`` (HTML and WARC), ``language``, ``problems`` and ``load`` (the steps
put together).
"""

from .language import Language, detect_language, english_mask
from .load import CORPUS_COLUMNS, check_corpus, corpus_from_texts, load_corpus
from .options import DEFAULT_MAX_BYTES, LoadOptions
from .problems import PROBLEM_COLUMNS, CorpusError, CorpusWarning, Problem, problems

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "load_corpus",
    "problems",
    "corpus_from_texts",
    "check_corpus",
    "english_mask",
    "detect_language",
    "Language",
    "LoadOptions",
    "Problem",
    "CORPUS_COLUMNS",
    "PROBLEM_COLUMNS",
    "DEFAULT_MAX_BYTES",
]
