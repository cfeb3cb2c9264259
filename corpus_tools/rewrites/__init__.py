"""Which documents are copies or machine rewrites of others, and which side is the rewrite?

The steps, one file each, in the order :func:`find_rewrites` runs them:

``features``
    every document tokenized once: immutables (names, numbers, rare
    words), content words, word 4-gram shingles, sentences.
``sketch``
    those sets for the whole corpus, compactly (sparse matrices).
``candidates``
    candidate pairs from an inverted index over the immutables, never all
    pairs, screened on what their sketches share.
``align``
    sentences aligned in order, word edits labelled (records in ``records``).
``quotes``
    direct quotes matched across a pair.
``verdict``
    pair statistics -> direction votes -> relation; sides, confidence and
    the explanation derived from the votes.
``paraphrase``
    whether an aligned pair is one text retold or two texts on one topic,
    a fitted model (``paraphrase_model.json``).
``direction``
    the evidence on which side is the rewrite, weighed by a fitted model
    (``direction_model.json``).
``detect``
    :func:`find_rewrites`, which runs the steps over a corpus (options in
    ``options``).
``families``
    :func:`family_table`: documents joined by copy and rewrite verdicts into
    families, with each family's most likely original.
``matrix``, ``sidebyside``, ``panel``, ``plots``
    the similarity heatmap's table, the side-by-side HTML view, the per-pair
    panel of the report, the figures.
"""

from .align import EDIT_LABELS, Alignment, AlignOptions, align
from .detect import RELATIONS, REWRITE_COLUMNS, find_rewrites
from .families import FAMILY_COLUMNS, family_table
from .matrix import similarity_matrix
from .options import RewriteOptions, RewriteWarning
from .quotes import QUOTE_STATUSES, find_quotes, match_quotes

__all__ = ["Alignment", "AlignOptions", "EDIT_LABELS", "align", "RELATIONS", "REWRITE_COLUMNS",
           "RewriteOptions", "RewriteWarning", "find_rewrites", "similarity_matrix",
           "QUOTE_STATUSES", "find_quotes", "match_quotes", "family_table", "FAMILY_COLUMNS"]
