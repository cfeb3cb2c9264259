"""corpus_tools.report.tables and .views: escaped, complete tables and the columns shown first."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from corpus_tools.grammar import CATEGORIES
from corpus_tools.report.tables import details, interactive_table, table_rows
from corpus_tools.report.views import (READABILITY_FIRST, findings_view, grammar_ranking,
                                       readability_view)

PAYLOAD = "<img src=x onerror=alert(1)>"


def _cells(page: str) -> list[list[str]]:
    """The first page, as written in HTML (what a reader sees without JavaScript)."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    return [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows]


def _data(page: str) -> dict:
    """The rows the script draws from."""
    text = re.search(r'<script type="application/json" class="ct-data">(.*?)</script>', page,
                     re.S).group(1)
    return json.loads(text)


def test_every_piece_of_text_is_escaped():
    frame = pd.DataFrame({PAYLOAD: [PAYLOAD, "<script>alert(2)</script>"], "n": [1, 2]},
                         index=pd.Index([PAYLOAD + "id", "b"], name=PAYLOAD))
    page = interactive_table(frame, caption=PAYLOAD, note=PAYLOAD).to_html()
    assert "<img" not in page and "<script>alert" not in page and "</script>alert" not in page
    # index name and column name (text and data-column), id and cell of the first page,
    # caption, note
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 8
    assert _cells(page)[0][:2] == [PAYLOAD + "id", PAYLOAD]
    assert _data(page)["rows"][1][:2] == ["b", "<script>alert(2)</script>"]  # data, not markup


def test_all_rows_are_in_the_page_the_first_page_as_html():
    frame = pd.DataFrame({"x": range(2500)})
    page = interactive_table(frame, page_size=10).to_html()
    assert len(_data(page)["rows"]) == 2500 and len(_cells(page)) == 10
    assert 'data-page-size="10"' in page and "First 10 of 2,500 rows" in page
    assert "First" not in interactive_table(frame.head(10)).to_html()


def test_numbers_keep_their_value_for_sorting_and_show_formatted():
    frame = pd.DataFrame({"grade": [12.3456, np.nan, np.inf], "count": [1234, 5, 0],
                          "name": ["a", None, "c"]})
    table = interactive_table(frame, index=False, formats={"grade": "{:.1f}"})
    assert table_rows(table) == [[["12.3", 12.3456], ["1,234", 1234], "a"],
                                 [["–", None], ["5", 5], None],
                                 [["inf", None], ["0", 0], "c"]]
    assert table.numeric() == [True, True, False]
    assert _cells(table.to_html()) == [["12.3", "1,234", "a"], ["–", "5", "–"], ["inf", "0", "c"]]


def test_floats_default_to_precision_and_frame_is_unchanged():
    frame = pd.DataFrame({"v": [1 / 3]}, index=pd.Index(["d"], name="doc_id"))
    before = frame.copy()
    table = interactive_table(frame, precision=3)
    assert table.columns() == ["doc_id", "v"] and table_rows(table) == [["d", ["0.333", 1 / 3]]]
    pd.testing.assert_frame_equal(frame, before)


def test_series_and_lists_show_as_text():
    assert table_rows(interactive_table(pd.Series([("a", "b")], name="terms"))) == [[["0", 0], "a, b"]]


def test_details_escapes_its_summary_and_text():
    block = details(PAYLOAD, PAYLOAD, interactive_table(pd.DataFrame({"x": [1]})))
    assert "<img" not in block.html and "<details" in block.html and "ct-grid" in block.html
    with pytest.raises(TypeError, match="cannot show int"):
        details("x", 3)


def test_readability_view_keeps_the_first_columns_and_converts_minutes():
    table = pd.DataFrame({c: [1.0] for c in (*READABILITY_FIRST, "gunning_fog")}
                         | {"reading_time_s": [90.0], "flags": [""]}, index=["d"])
    view = readability_view(table)
    assert list(view.columns) == [*READABILITY_FIRST[:6], "reading_time_min", "flags"]
    assert view.loc["d", "reading_time_min"] == 1.5 and table.loc["d", "reading_time_s"] == 90.0


def test_grammar_ranking_orders_by_rate_and_names_the_categories():
    summary = pd.DataFrame(0, index=pd.Index(["a", "b", "empty"], name="doc_id"),
                           columns=[f"n_{c}" for c in CATEGORIES])
    summary["n_words"] = [100, 1000, 0]
    summary["n_findings"] = [1, 3, 0]
    summary["findings_per_1000_words"] = [10.0, 3.0, np.nan]
    summary.loc["b", ["n_spelling", "n_verb_form"]] = [2, 1]
    summary.loc["a", "n_article"] = 1
    ranked = grammar_ranking(summary, CATEGORIES)
    assert list(ranked.index) == ["a", "b", "empty"]
    order = [c for c in CATEGORIES if c in ("spelling", "verb_form")]
    assert ranked.loc["b", "categories"] == ", ".join(
        f"{c} {n}" for c, n in zip(order, [2 if c == "spelling" else 1 for c in order]))
    assert ranked.loc["a", "categories"] == "article 1" and ranked.loc["empty", "categories"] == ""


def test_findings_view_blanks_missing_suggestions():
    findings = pd.DataFrame({"doc_id": ["a"], "span": ["x"], "suggestion": [None],
                             "category": ["spelling"], "message": ["m"], "context": ["c x"],
                             "start": [0]})
    view = findings_view(findings)
    assert list(view.columns) == ["doc_id", "span", "suggestion", "category", "message", "context"]
    assert view["suggestion"].tolist() == [""]
