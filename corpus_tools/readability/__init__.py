"""How hard is each document to read? textstat's readability formulas, at corpus speed.

The steps, one file each:

``counts``
    textstat's counting rules over a per-corpus vocabulary: every count a
    formula needs, computed once per document, in batches.
``formulas``
    each formula in a few lines over those counts (direction, range and
    reference in each docstring).
``diversity``
    type-token ratio, MATTR and MTLD.
``table``
    :func:`readability`: one row per document.
``sentences``
    :func:`sentence_readability`, :func:`hardest_sentences`.
``compare``
    :func:`compare_readability`: originals against their rewrites.
``reference``
    textstat itself, offline, as the test oracle.
``plots``
    the figures.
"""

from .compare import SHIFT_MEASURES, compare_readability
from .formulas import FORMULAS, GRADE_FORMULAS
from .options import ReadabilityOptions, ReadabilityWarning
from .sentences import SENTENCE_COLUMNS, hardest_sentences, sentence_readability
from .table import COLUMNS, COUNT_COLUMNS, readability

__all__ = ["ReadabilityOptions", "ReadabilityWarning", "FORMULAS", "GRADE_FORMULAS", "COLUMNS",
           "COUNT_COLUMNS", "SENTENCE_COLUMNS", "SHIFT_MEASURES", "readability",
           "sentence_readability", "hardest_sentences", "compare_readability"]
