"""Did the rewrite get easier or harder to read? Readability of originals against rewrites."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .formulas import GRADE_FORMULAS

__all__ = ["compare_readability", "SHIFT_MEASURES"]


SHIFT_MEASURES = ("flesch_reading_ease", *GRADE_FORMULAS, "words_per_sentence",
                  "avg_syllables_per_word", "mattr")


def compare_readability(table: pd.DataFrame, pairs: pd.DataFrame, *,
                        measures: Sequence[str] = SHIFT_MEASURES) -> pd.DataFrame:
    """How readability shifts from each original to its suspected rewrite.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`readability`.
    pairs : pandas.DataFrame
        Needs columns ``original`` and ``rewritten`` (doc ids), as
        :func:`corpus_tools.rewrites.find_rewrites` returns; rows where either
        is missing or ``""`` (pairs that are not rewrites) are skipped.
    measures : sequence of str
        Columns of ``table`` to compare.

    Returns
    -------
    pandas.DataFrame
        One row per pair and measure: ``original``, ``rewritten``,
        ``measure``, ``original_value``, ``rewritten_value``, ``shift``
        (rewritten minus original; for ``flesch_reading_ease`` a positive
        shift means easier, for the grades a positive shift means harder).
        Empty (with these columns) when there are no pairs.

    Raises
    ------
    KeyError
        ``pairs`` lacks ``original``/``rewritten``, ``table`` lacks a measure,
        or a pair names a document that is not in ``table``.
    """
    columns = ["original", "rewritten", "measure", "original_value", "rewritten_value", "shift"]
    missing = [c for c in ("original", "rewritten") if c not in pairs.columns]
    if missing:
        raise KeyError(f"compare_readability: the pairs table has no column "
                       f"{', '.join(map(repr, missing))} (expected find_rewrites() output)")
    unknown = [m for m in measures if m not in table.columns]
    if unknown:
        raise KeyError(f"compare_readability: no column {', '.join(map(repr, unknown))} in "
                       f"the readability table")
    named = pairs[["original", "rewritten"]].fillna("").astype(str)
    usable = named[(named["original"] != "") & (named["rewritten"] != "")]
    absent = sorted(set(usable["original"]).union(usable["rewritten"]) - set(table.index))
    if absent:
        raise KeyError(f"compare_readability: document(s) {', '.join(map(str, absent[:5]))} "
                       f"of the pairs table are not in the readability table")
    rows = []
    for original, rewritten in usable[["original", "rewritten"]].drop_duplicates().itertuples(
            index=False):
        for m in measures:
            a, b = float(table.at[original, m]), float(table.at[rewritten, m])
            rows.append((original, rewritten, m, a, b, b - a))
    return pd.DataFrame(rows, columns=columns).astype(
        {"original": "str", "rewritten": "str", "measure": "str", "original_value": "float64",
         "rewritten_value": "float64", "shift": "float64"})
