"""What did each page find? One-line findings for the top of a page and the index.

Each function takes the tables a notebook has already computed and returns a
:class:`Headline`: a few sentences of plain text ("1 rewrite:
000 is a machine rewrite of 001", "10 grammar findings in 2 of 3 documents,
8 in 000"). Displayed in a notebook it shows as a Markdown list (every piece
of corpus text escaped) and carries the same sentences as JSON under
:data:`HEADLINE_MIME`, which :func:`corpus_tools.report.render_report` reads
from the executed notebook to write the index page. The index never parses
a page's HTML, and what it says is what the page says.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..corpus import english_mask
from ..markup import escape_markdown

__all__ = ["Headline", "HEADLINE_MIME", "headline_of", "overview_headline",
           "readability_headline", "grammar_headline", "grammar_summary_headline",
           "terms_headline", "rewrites_headline"]

HEADLINE_MIME = "application/vnd.corpus-tools.headline+json"


@dataclass(frozen=True)
class Headline:
    """The findings of one page, as plain sentences (not Markdown, not HTML).

    Attributes
    ----------
    findings : tuple of str
        One sentence each, most important first.
    """

    findings: tuple[str, ...]

    def to_markdown(self) -> str:
        """A Markdown list with every sentence escaped, under a bold lead."""
        return "**In this corpus**\n\n" + "\n".join(f"- {escape_markdown(f)}"
                                                      for f in self.findings)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/markdown": self.to_markdown(), "text/plain": "\n".join(self.findings),
                HEADLINE_MIME: {"findings": list(self.findings)}}


def headline_of(nb) -> Headline | None:
    """The first :class:`Headline` displayed by an executed notebook, if any."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {}).get(HEADLINE_MIME)
            if isinstance(data, dict) and isinstance(data.get("findings"), list):
                return Headline(tuple(str(f) for f in data["findings"]))
    return None


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _fmt(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def overview_headline(corpus: pd.DataFrame, problems: pd.DataFrame) -> Headline:
    """Size of the corpus, its longest and shortest documents, and input problems.

    Parameters
    ----------
    corpus : pandas.DataFrame
        From :func:`corpus_tools.load_corpus`.
    problems : pandas.DataFrame
        :func:`corpus_tools.problems` of it.
    """
    words = corpus["n_words"]
    lines = [f"{_n(len(corpus), 'document')}, {_n(int(words.sum()), 'word')} and "
             f"{_n(int(corpus['n_sentences'].sum()), 'sentence')}."]
    if len(corpus) > 1:
        lines.append(f"Longest: {words.idxmax()} ({_n(int(words.max()), 'word')}); shortest: "
                     f"{words.idxmin()} ({_n(int(words.min()), 'word')}); median "
                     f"{_n(int(words.median()), 'word')}.")
    if len(problems):
        actions = problems["action"].value_counts()
        lines.append(f"{_n(len(problems), 'input problem')}: "
                     f"{int(actions.get('skipped', 0)):,} skipped, "
                     f"{int(actions.get('loaded', 0)):,} loaded with a flag.")
    else:
        lines.append("Every input was read cleanly.")
    other = _other_languages(corpus)
    if other:
        lines.append(other + ": readability formulas and grammar rules are for English and "
                     "leave them out.")
    return Headline(tuple(lines))


def _other_languages(corpus: pd.DataFrame) -> str:
    """``"2 documents not in English (de 1, ru 1)"``, or ``""``."""
    english = english_mask(corpus)
    if english.all():
        return ""
    codes = (corpus.loc[~english, "language"].value_counts() if "language" in corpus.columns
             else pd.Series(dtype=int))
    langs = ", ".join(f"{code} {int(n):,}" for code, n in codes.items())
    return f"{_n(int((~english).sum()), 'document')} not in English" + (
        f" ({langs})" if langs else "")


def readability_headline(table: pd.DataFrame) -> Headline:
    """The range of the Flesch-Kincaid grade and of the reading ease.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`corpus_tools.readability` of the corpus. Documents flagged
        ``no_words`` are left out (their values are placeholders).
    """
    flags = table["flags"].astype(str)
    other = int(flags.str.contains("not_english").sum())
    note = ((f"{_n(other, 'document')} not in English: no formulas (they are for English).",)
            if other else ())
    scored = table[~flags.str.contains("no_words") & ~flags.str.contains("not_english")]
    if scored.empty:
        return Headline(("No document has English words to score." if other
                         else "No document has words to score.", *note))
    grade, ease = scored["flesch_kincaid_grade"], scored["flesch_reading_ease"]
    if len(scored) == 1:
        return Headline((f"Flesch-Kincaid grade {_fmt(grade.iloc[0])}, reading ease "
                         f"{_fmt(ease.iloc[0])} (one document).", *note))
    lines = [f"Flesch-Kincaid grade from {_fmt(grade.min())} ({grade.idxmin()}) to "
             f"{_fmt(grade.max())} ({grade.idxmax()}), median {_fmt(grade.median())}.",
             f"Reading ease from {_fmt(ease.min())} (hardest) to {_fmt(ease.max())} "
             f"(easiest), median {_fmt(ease.median())}."]
    short = int(scored["flags"].astype(str).str.contains("under_100_words").sum())
    if short:
        lines.append(f"{_n(short, 'document')} under 100 words: treat their scores with care.")
    return Headline((*lines, *note))


def grammar_headline(findings: pd.DataFrame, corpus: pd.DataFrame) -> Headline:
    """How many findings, in how many documents, the rate, and what kind.

    Parameters
    ----------
    findings : pandas.DataFrame
        :func:`corpus_tools.grammar_errors` of ``corpus``.
    corpus : pandas.DataFrame
        The corpus (for its size in documents and words).
    """
    return _grammar_lines(findings["doc_id"].value_counts(), findings["category"].value_counts(),
                          corpus)


def grammar_summary_headline(summary: pd.DataFrame, corpus: pd.DataFrame) -> Headline:
    """:func:`grammar_headline` from the per-document counts of :func:`corpus_tools.grammar_summary`.

    For a report that has the summary but not every finding (a corpus
    summarised on a cluster); the sentences are the same.
    """
    per_doc = summary["n_findings"][summary["n_findings"] > 0]
    kinds = {c[2:]: int(summary[c].sum()) for c in summary.columns
             if c.startswith("n_") and c not in ("n_words", "n_findings")}
    categories = pd.Series(kinds, dtype="int64")
    return _grammar_lines(per_doc, categories[categories > 0], corpus)


def _ranked(counts: pd.Series) -> pd.Series:
    """``counts`` largest first, ties in name order."""
    order = sorted(range(len(counts)), key=lambda k: (-int(counts.iloc[k]), str(counts.index[k])))
    return counts.iloc[order]


def _grammar_lines(per_doc: pd.Series, categories: pd.Series, corpus: pd.DataFrame) -> Headline:
    """The grammar headline from findings per document and per category.

    Both are ranked here, largest first and ties by name, so that the same
    counts give the same sentences whichever table they were counted from.
    """
    per_doc, categories = _ranked(per_doc), _ranked(categories)
    english = english_mask(corpus)
    other = _other_languages(corpus)
    note = (other + ": not checked (the rules and word list are for English).",) if other else ()
    checked = corpus[english]
    n_words = int(checked["n_words"].sum())
    n_findings = int(per_doc.sum())
    if not n_findings:
        return Headline((f"No grammar or spelling findings in {_n(len(checked), 'document')} "
                         f"({_n(n_words, 'word')}).", *note))
    top, top_n = per_doc.index[0], int(per_doc.iloc[0])
    rate = 1000 * n_findings / n_words if n_words else float("nan")
    first = (f"{_n(n_findings, 'grammar finding')} in {len(per_doc):,} of "
             f"{_n(len(checked), 'checked document' if other else 'document')}")
    first += f", {top_n:,} in {top}." if len(checked) > 1 else "."
    kinds = ", ".join(f"{name} {int(n):,}" for name, n in categories.head(3).items())
    return Headline((first, f"{_fmt(rate, 2)} findings per 1,000 words.",
                     f"Most frequent: {kinds}.", *note))


def terms_headline(content_terms: pd.DataFrame, pairs: pd.DataFrame | None = None, *,
                   n: int = 8) -> Headline:
    """The corpus's most frequent content words and its most similar pair.

    Parameters
    ----------
    content_terms : pandas.DataFrame
        :func:`corpus_tools.term_frequencies` with ``stopwords="english"``
        (columns ``term`` and ``count``).
    pairs : pandas.DataFrame, optional
        :func:`corpus_tools.terms.similar_pairs`, most similar first.
    n : int, default 8
        Terms to name.
    """
    if content_terms.empty:
        return Headline(("No words to count.",))
    totals = content_terms.groupby("term")["count"].sum()
    top = totals.sort_values(ascending=False, kind="stable").head(n)
    lines = ["Most frequent words (stop words left out): "
             + ", ".join(f"{term} ({int(c):,})" for term, c in top.items()) + "."]
    if pairs is not None and len(pairs) and pd.notna(pairs["cosine"].iloc[0]):
        best = pairs.iloc[0]
        lines.append(f"Most similar pair: {best['doc_a']} and {best['doc_b']} "
                     f"(cosine {best['cosine']:.2f}).")
    return Headline(tuple(lines))


def rewrites_headline(pairs: pd.DataFrame, *, n_examples: int = 3) -> Headline:
    """Rewrites (which side is the machine's), copies and related pairs.

    Parameters
    ----------
    pairs : pandas.DataFrame
        :func:`corpus_tools.find_rewrites`, most confident first.
    n_examples : int, default 3
        Rewrite and copy pairs named.
    """
    relation = pairs["relation"] if len(pairs) else pd.Series(dtype=object)
    rewrites, copies = pairs[relation == "rewrite"], pairs[relation == "copy"]
    n_related = int((relation == "related").sum())
    if len(rewrites):
        named = "; ".join(f"{r.rewritten} is a machine rewrite of {r.original}"
                          for r in rewrites.head(n_examples).itertuples())
        more = f" (and {len(rewrites) - n_examples:,} more)" if len(rewrites) > n_examples else ""
        lines = [f"{_n(len(rewrites), 'rewrite')}: {named}{more}."]
    else:
        lines = ["No machine rewrite found."]
    if len(copies):
        named = "; ".join(f"{r.doc_a} and {r.doc_b}" for r in copies.head(n_examples).itertuples())
        more = f" (and {len(copies) - n_examples:,} more)" if len(copies) > n_examples else ""
        lines.append(f"{_n(len(copies), 'copy', 'copies')} (nearly every sentence verbatim): "
                     f"{named}{more}.")
    else:
        lines.append("0 copies.")
    lines.append(f"{_n(n_related, 'related pair')} (same story, written independently).")
    return Headline(tuple(lines))
