"""What does one rewrite pair look like? A display panel for notebooks.

:func:`pair_panel` gathers, for one row of
:func:`corpus_tools.rewrites.find_rewrites`, the side-by-side alignment
(original on the left), the changed quotes, the grammar findings and the
readability of both sides into one object whose ``_repr_html_`` renders in
JupyterLab and in the static report. :func:`describe_findings` turns the
pairs table into a few sentences for the top of a report.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from ..markup import escape_markdown
from .align import Alignment, align

__all__ = ["PairPanel", "pair_panel", "describe_findings", "pair_heading", "vote_table",
           "family_overview", "related_summary", "VOTE_LABELS"]

READABILITY_COLUMNS = ["flesch_reading_ease", "flesch_kincaid_grade", "words_per_sentence"]
GRAMMAR_COLUMNS = ["doc_id", "span", "category", "message", "suggestion"]


@dataclass(frozen=True)
class PairPanel:
    """Everything shown for one pair; each table is also available on its own.

    Attributes
    ----------
    pair : pandas.Series
        The row of :func:`find_rewrites`.
    alignment : Alignment
        Original (or ``doc_a``) as side A, rewrite as side B.
    quotes : pandas.DataFrame
        The quotes whose words changed (``alignment.quotes`` rows with
        ``changed``).
    grammar : pandas.DataFrame or None
        Grammar findings of both documents (None when the grammar module is
        unavailable or evidence was switched off).
    readability : pandas.DataFrame or None
        A few readability columns for both documents.
    max_findings : int
        Rows of ``grammar`` shown in the HTML.
    """

    pair: pd.Series
    alignment: Alignment
    quotes: pd.DataFrame
    grammar: pd.DataFrame | None = field(default=None, repr=False)
    readability: pd.DataFrame | None = field(default=None, repr=False)
    max_findings: int = 20

    def _repr_html_(self) -> str:
        parts = [f"<p>{html.escape(str(self.pair.get('explanation', '')))}</p>",
                 self.alignment._repr_html_()]
        if len(self.quotes):
            q = self.quotes[["status", "a_quote", "b_quote"]].rename(
                columns={"a_quote": f"A: {self.alignment.doc_a}",
                         "b_quote": f"B: {self.alignment.doc_b}"})
            parts.append(f"<h4>Quotes whose words changed ({len(q)})</h4>" +
                         q.to_html(index=False, escape=True))
        else:
            parts.append("<h4>Quotes</h4><p>No quoted passage changed between the two "
                         "documents.</p>")
        if self.grammar is not None:
            g = self.grammar
            counts = g.groupby("doc_id").size() if len(g) else pd.Series(dtype=int)
            a, b = self.alignment.doc_a, self.alignment.doc_b
            head = (f"<h4>Grammar and spelling findings: {int(counts.get(a, 0))} in A, "
                    f"{int(counts.get(b, 0))} in B</h4>")
            if len(g):
                shown = g[[c for c in GRAMMAR_COLUMNS if c in g.columns]].head(self.max_findings)
                shown = shown.fillna({"suggestion": ""})  # no suggestion: blank, not "NaN"
                note = (f"<p>First {self.max_findings} of {len(g)} shown.</p>"
                        if len(g) > self.max_findings else "")
                parts.append(head + shown.to_html(index=False, escape=True) + note)
            else:
                parts.append(head)
        if self.readability is not None and len(self.readability):
            parts.append("<h4>Readability</h4>" +
                         self.readability.round(2).to_html(escape=True))
        return "\n".join(parts)


def pair_heading(pair: pd.Series) -> str:
    """A one-line Markdown heading for a pair (document ids are escaped for Markdown and HTML)."""
    esc = escape_markdown
    rel = pair.get("relation", "")
    conf = pair.get("confidence", float("nan"))
    method = pair.get("method", "") or ""
    how = f", {method}" if method else ""
    if rel == "rewrite" and pair.get("rewritten"):
        return (f"### {esc(pair['rewritten'])} is a machine rewrite of {esc(pair['original'])} "
                f"(confidence {conf:.2f}{how})")
    if rel == "rewrite":
        return (f"### {esc(pair['doc_a'])} and {esc(pair['doc_b'])} are rewrites of one another"
                f"{how}; which side is the rewrite is undetermined (confidence {conf:.2f})")
    return f"### {esc(pair['doc_a'])} and {esc(pair['doc_b'])}: {rel} (confidence {conf:.2f})"


def pair_panel(corpus: pd.DataFrame, pair: pd.Series, *,
               evidence: tuple[str, ...] = ("grammar", "readability")) -> PairPanel:
    """Build the :class:`PairPanel` of one row of :func:`find_rewrites`.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus the pairs came from.
    pair : pandas.Series
        One row of the pairs table.
    evidence : tuple of {"grammar", "readability"}
        Extra tables to compute (the grammar findings and the readability
        of both sides); leave one out to skip it.
    """
    a, b = pair["doc_a"], pair["doc_b"]
    if pair.get("relation") == "rewrite" and pair.get("original"):
        a, b = pair["original"], pair["rewritten"]
    al = align(corpus, a, b)
    quotes = al.quotes[al.quotes["changed"]] if len(al.quotes) else al.quotes
    sub = corpus.loc[[a, b]]
    grammar = readability = None
    if "grammar" in evidence:
        from ..grammar import grammar_errors

        grammar = grammar_errors(sub)
    if "readability" in evidence:
        from ..readability import readability as _readability

        readability = _readability(sub)[READABILITY_COLUMNS]
    return PairPanel(pair, al, quotes, grammar, readability)


def describe_findings(pairs: pd.DataFrame, n_docs: int) -> str:
    """A short Markdown paragraph summarising a :func:`find_rewrites` table."""
    counts = pairs["relation"].value_counts() if len(pairs) else pd.Series(dtype=int)
    n_rw, n_cp, n_rel = (int(counts.get(k, 0)) for k in ("rewrite", "copy", "related"))
    if n_docs < 2:
        return (f"**{n_docs} document{'' if n_docs == 1 else 's'}**: finding rewrites compares "
                "documents two by two, so it needs at least two.")
    lines = [f"**{n_docs:,} documents** were compared through an index of shared names, "
             f"numbers and rare words. "]
    if n_rw:
        rw = pairs[pairs["relation"] == "rewrite"]
        names = sorted(set(rw["rewritten"]) - {""})
        shown = ", ".join(escape_markdown(x) for x in names[:10]) + (" ..." if len(names) > 10 else "")
        lines.append(f"**{_pairs(n_rw)} look{'s' if n_rw == 1 else ''} like "
                     f"{'a machine rewrite' if n_rw == 1 else 'machine rewrites'}**; the "
                     f"rewritten side is {shown or 'undetermined'}. ")
    else:
        lines.append("**No pair looks like a machine rewrite.** ")
    lines.append(f"{_pairs(n_cp)} {'is a copy' if n_cp == 1 else 'are copies'} (nearly every "
                 f"sentence verbatim) and {_pairs(n_rel)} {'is' if n_rel == 1 else 'are'} "
                 "related (same story or topic, written independently).")
    return "".join(lines)


def _pairs(n: int) -> str:
    return f"{n:,} pair" + ("" if n == 1 else "s")


VOTE_LABELS = {
    "inflection": "lost verb/noun endings", "typos": "typos that are not words",
    "zipf": "rarer substitute words", "nonwords": "non-words per 1,000 words",
    "quotes": "quotation marks dropped", "llm_words": "words language models favour",
    "rewriter_words": "words rewriters add and drop (learned)",
    "american_spelling": "American spellings for British ones",
    "unique_rarity": "rarer words of its own", "specifics_lost": "names and numbers dropped",
    "direct_quotes_lost": "quotes turned into reported speech",
    "broken_boundaries": "broken sentence boundaries", "mixed_spelling":
    "British and American spellings mixed", "stopword_share": "share of function words",
    "commas": "commas per 100 words", "sentence_length_cv": "spread of sentence lengths",
    "grammar": "grammar findings per 1,000 words"}
"""What each ``vote_*`` column of :func:`corpus_tools.find_rewrites` measures."""


def vote_table(pair: pd.Series) -> pd.DataFrame:
    """What pointed which way for one pair, and how strongly: one row per non-zero vote.

    Parameters
    ----------
    pair : pandas.Series
        A row of :func:`corpus_tools.find_rewrites`.

    Returns
    -------
    pandas.DataFrame
        Columns ``evidence`` (what was measured), ``points_at`` (the doc id
        the vote counts for as the rewrite), ``strength`` (the vote's share of
        the direction score, in logit units: 1 shifts the odds by e) and
        ``vote`` (signed: positive = ``doc_b``); strongest first. Empty when
        no vote was cast (a pair that was not judged on its alignment).
    """
    rows = []
    for key, label in VOTE_LABELS.items():
        v = pair.get(f"vote_{key}")
        if v is None or pd.isna(v) or v == 0:
            continue
        rows.append((label, str(pair["doc_b"] if v > 0 else pair["doc_a"]), abs(float(v)),
                     float(v)))
    out = pd.DataFrame(rows, columns=["evidence", "points_at", "strength", "vote"])
    return (out.sort_values("strength", ascending=False, kind="stable").reset_index(drop=True)
            .astype({"evidence": "str", "points_at": "str"}))


def family_overview(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per family of copies and rewrites, largest and most suspicious first.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``family``: ``original`` (the most likely original),
        ``n_documents``, ``n_copies``, ``n_rewrites`` (pairs), ``n_undetermined``
        (rewrites whose side is undetermined), ``methods`` and ``members`` (the
        other documents, most copied first, at most 10 named).
    """
    from .families import family_table

    fam = family_table(pairs)
    columns = ["original", "n_documents", "n_copies", "n_rewrites", "n_undetermined",
               "methods", "members"]
    if fam.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.startswith("n_") else "str")
                             for c in columns}, index=pd.Index([], name="family", dtype="int64"))
    linked = pairs[pairs["family"].notna()]
    rows = []
    for fid, group in fam.groupby("family", sort=True):
        own = linked[linked["family"] == fid]
        rewrites = own[own["relation"] == "rewrite"]
        others = [d for d in group.index if d != group["family_original"].iloc[0]]
        shown = ", ".join(others[:10]) + (f" and {len(others) - 10} more" if len(others) > 10
                                          else "")
        rows.append((int(fid), group["family_original"].iloc[0], len(group),
                     int((own["relation"] == "copy").sum()), len(rewrites),
                     int((rewrites["rewritten"] == "").sum()),
                     ", ".join(sorted(set(rewrites["method"]) - {""})), shown))
    out = pd.DataFrame(rows, columns=["family", *columns]).set_index("family")
    out = out.sort_values(["n_rewrites", "n_documents"], ascending=False, kind="stable")
    return out.astype({"original": "str", "methods": "str", "members": "str"})


def related_summary(pairs: pd.DataFrame, n_docs: int) -> str:
    """A Markdown sentence on the ``related`` pairs (counted, not listed by the thousand)."""
    related = pairs[pairs["relation"] == "related"]
    if related.empty:
        return "No pair of documents is merely related (same topic, written independently)."
    docs = set(related["doc_a"]) | set(related["doc_b"])
    return (f"{len(related):,} pair(s) are **related**: they share names, numbers or rare words "
            f"but were written independently (same story or topic). They involve {len(docs):,} "
            f"of the {n_docs:,} documents; the most shared are listed below.")
