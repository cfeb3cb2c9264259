"""Which documents tell one story? Families of copies and rewrites, and their most likely original.

When several documents are copies or rewrites of one story (an original and
four rewrites of it, a wire story and its scraped copies), a user wants one
story with its derivatives, not ten pairwise rows. :func:`family_table`
joins the documents of every ``copy`` and ``rewrite`` pair of
:func:`corpus_tools.find_rewrites` into families (connected components) and
picks each family's most likely original:

1. the document named ``original`` by the most rewrite verdicts, weighted by
   their confidence, minus the times it was named ``rewritten``;
2. ties: the document with the most copies and rewrites (a wire story sits at
   the centre of its copies);
3. then the longer text (a copy that was cut drops material), then the first
   ``doc_id``.

Related pairs do not join families: they share a topic, not a text.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["family_table", "add_families", "FAMILY_COLUMNS", "ROLES"]

FAMILY_COLUMNS = ["family", "family_size", "role", "family_original", "n_copies", "n_rewrites"]
ROLES = ("original", "copy", "rewrite", "rewrite or original")
"""``role`` values: the family's most likely original; a copy of another member; the
rewritten side of a rewrite verdict; a document whose only rewrite verdicts left the side
undetermined."""


class _Components:
    """Union-find over document ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def family_table(pairs: pd.DataFrame, *, n_words: pd.Series | None = None) -> pd.DataFrame:
    """One row per document in a family of copies and rewrites.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The output of :func:`corpus_tools.find_rewrites` (needs ``doc_a``,
        ``doc_b``, ``relation``, ``original``, ``rewritten``, ``confidence``,
        ``n_words_a``, ``n_words_b``).
    n_words : pandas.Series, optional
        Words per document (by ``doc_id``), for the tie on length; taken from
        the pairs' ``n_words_a``/``n_words_b`` when omitted.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``doc_id`` (documents in no family are absent), columns
        :data:`FAMILY_COLUMNS`: ``family`` (1, 2, ... largest family first,
        then by its first ``doc_id``), ``family_size``, ``role`` (see
        :data:`ROLES`), ``family_original``, ``n_copies`` and ``n_rewrites``
        (the document's copy and rewrite pairs). Sorted by family, the
        original first, then ``doc_id``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_a": ["a", "a"], "doc_b": ["b", "c"],
    ...                       "relation": ["copy", "rewrite"], "original": ["a", "a"],
    ...                       "rewritten": ["", "c"], "confidence": [1.0, 0.9],
    ...                       "n_words_a": [300, 300], "n_words_b": [300, 280]})
    >>> family_table(pairs)[["family", "role", "family_original"]].to_dict("index")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'a': {'family': 1, 'role': 'original', 'family_original': 'a'},
     'b': {'family': 1, 'role': 'copy', 'family_original': 'a'},
     'c': {'family': 1, 'role': 'rewrite', 'family_original': 'a'}}
    """
    edges = pairs[pairs["relation"].isin(["copy", "rewrite"])]
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("family", "family_size",
                                                              "n_copies", "n_rewrites")
                                       else "str") for c in FAMILY_COLUMNS},
                         index=pd.Index([], name="doc_id", dtype="str"))
    if edges.empty:
        return empty
    comp = _Components()
    for a, b in zip(edges["doc_a"], edges["doc_b"]):
        comp.union(str(a), str(b))
    docs = sorted(comp.parent)
    length = _lengths(edges, n_words)
    score = dict.fromkeys(docs, 0.0)
    degree = dict.fromkeys(docs, 0)
    copies = dict.fromkeys(docs, 0)
    rewrites = dict.fromkeys(docs, 0)
    rewritten, undetermined = set(), set()
    for r in edges.itertuples(index=False):
        a, b = str(r.doc_a), str(r.doc_b)
        degree[a] += 1
        degree[b] += 1
        counter = copies if r.relation == "copy" else rewrites
        counter[a] += 1
        counter[b] += 1
        if r.relation == "rewrite" and r.rewritten:
            score[str(r.original)] += float(r.confidence)
            score[str(r.rewritten)] -= float(r.confidence)
            rewritten.add(str(r.rewritten))
        elif r.relation == "rewrite":
            undetermined.update((a, b))
    members: dict[str, list[str]] = {}
    for d in docs:
        members.setdefault(comp.find(d), []).append(d)
    families = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    rows = []
    for k, group in enumerate(families, start=1):
        original = min(group, key=lambda d: (-score[d], -degree[d], -length.get(d, 0), d))
        for d in group:
            if d == original:
                role = "original"
            elif d in rewritten:
                role = "rewrite"
            elif d in undetermined and not copies[d]:
                role = "rewrite or original"
            elif copies[d]:
                role = "copy"
            else:
                role = "rewrite or original"
            rows.append((d, k, len(group), role, original, copies[d], rewrites[d]))
    out = pd.DataFrame(rows, columns=["doc_id", *FAMILY_COLUMNS])
    out["_first"] = out["role"] != "original"
    out = (out.sort_values(["family", "_first", "doc_id"], kind="stable")
           .drop(columns="_first").set_index("doc_id"))
    out.index = out.index.astype("str")
    return out.astype({"family": "int64", "family_size": "int64", "role": "str",
                       "family_original": "str", "n_copies": "int64", "n_rewrites": "int64"})


def _lengths(edges: pd.DataFrame, n_words: pd.Series | None) -> dict[str, int]:
    if n_words is not None:
        return {str(k): int(v) for k, v in n_words.items()}
    out: dict[str, int] = {}
    for col, words in (("doc_a", "n_words_a"), ("doc_b", "n_words_b")):
        if words in edges.columns:
            out.update(zip(edges[col].astype(str), edges[words].fillna(0).astype(int)))
    return out


def add_families(pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with ``family`` (nullable Int64; missing for related pairs) and
    ``family_original`` (``""`` for related pairs) columns, from :func:`family_table`."""
    fam = family_table(pairs)
    linked = pairs["relation"].isin(["copy", "rewrite"])
    family = pairs["doc_a"].map(fam["family"]).where(linked)
    original = pairs["doc_a"].map(fam["family_original"]).where(linked)
    return pairs.assign(family=family.astype("Int64"),
                        family_original=original.fillna("").astype("str"))
