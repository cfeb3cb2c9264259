"""Which terms define each document and set it apart? Counts, keyness, n-grams, concordance.

``counts``
    :func:`term_frequencies`, :func:`top_terms`, :func:`document_term_matrix`:
    every document's terms counted once, every column a formula over them.
``compare``
    :func:`compare_terms` (two documents), :func:`similar_pairs`.
``keyness``
    :func:`keyness`: one document or group against the rest.
``collocations``
    :func:`collocations`: bigrams scored by PMI, log-likelihood, t-score.
``kwic``
    :func:`kwic`: keyword in context.
``plots``
    the figures.

How documents become terms (n-gram length, case folding, stop words, minimum
count) is one :class:`TermOptions`, taken by every term function as
``options=``; the keywords ``ngram=``, ``lowercase=``, ``stopwords=`` and
``min_count=`` override one of its fields. Every term function leaves English
stop words out by default (``stopwords=None`` keeps every word), and n-grams
stay inside a clause (:func:`corpus_tools.segment.clause_words`).
"""

from .collocations import collocations
from .compare import compare_terms, most_similar_pair, similar_pairs, summarize_comparison
from .counts import (DocumentTermMatrix, TermOptions, UnknownDocumentError, doc_words,
                     document_term_matrix, summarize_top_terms, term_frequencies, top_terms)
from .keyness import MEASURES, NothingToCompareError, key_terms_by_document, keyness, top_keyness
from .kwic import kwic

__all__ = ["TermOptions", "DocumentTermMatrix", "UnknownDocumentError", "term_frequencies",
           "top_terms", "summarize_top_terms", "document_term_matrix", "doc_words",
           "compare_terms", "summarize_comparison", "similar_pairs", "most_similar_pair",
           "keyness", "key_terms_by_document", "top_keyness", "NothingToCompareError", "MEASURES",
           "collocations", "kwic"]
