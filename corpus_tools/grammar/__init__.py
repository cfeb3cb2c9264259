"""Which grammar and spelling errors does each document have?

``rules``
    one small rule object per error family, and :class:`RuleChecker`.
``check``
    :func:`grammar_errors` (one row per finding) and :func:`grammar_summary`.
``highlight``
    findings in context as escaped HTML.
``plots``
    the figures.

Word facts (frequencies, verb forms, pronunciations) come from
:mod:`corpus_tools.lexicon`.
"""

from .check import (CAPPED_RULE_ID, FINDING_COLUMNS, GrammarConfig, GrammarOptions,
                    GrammarWarning, finding_sentences, grammar_errors, grammar_summary)
from .rules import CATEGORIES, RULE_IDS, Finding, RuleChecker

__all__ = ["GrammarOptions", "GrammarWarning", "GrammarConfig", "Finding", "RuleChecker", "FINDING_COLUMNS", "CATEGORIES",
           "RULE_IDS", "grammar_errors", "grammar_summary", "finding_sentences", "CAPPED_RULE_ID"]
