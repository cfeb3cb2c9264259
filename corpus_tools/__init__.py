"""corpus-tools: analyse a corpus of news articles with pandas.

Load a corpus with :func:`load_corpus`, then ask it questions: how readable
each document is, which grammar and spelling errors it has, which terms set
it apart, and which documents are machine-rewritten variants of others.
"""

from importlib.metadata import PackageNotFoundError, version

from .corpus import CorpusError, CorpusWarning, corpus_from_texts, load_corpus, problems

try:
    __version__ = version("corpus-tools")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "corpus_from_texts",
    "load_corpus",
    "problems",
    "__version__",
]
