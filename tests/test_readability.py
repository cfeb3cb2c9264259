"""Readability: textstat's values, offline, with documented behaviour on degenerate text."""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

from corpus_tools import corpus_from_texts, load_corpus  # noqa: E402
from corpus_tools.readability import (  # noqa: E402
    FORMULAS, ReadabilityOptions, ReadabilityWarning, compare_readability, hardest_sentences,
    readability, sentence_readability)
from corpus_tools.readability.plots import (  # noqa: E402
    plot_readability, plot_readability_shift, plot_sentence_distribution)
from corpus_tools.readability.counts import SyllableCounter  # noqa: E402
from corpus_tools.readability.reference import (  # noqa: E402
    TEXTSTAT_COLUMNS, offline_textstat, textstat_readability)

CASES = Path(__file__).parent / "data" / "readability"
DATA = Path(__file__).resolve().parents[1] / "data"


def _no_download(*args, **kwargs):
    raise RuntimeError("nltk.download must not be called")


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """nltk.download raises and HOME is an empty temporary folder."""
    import nltk

    monkeypatch.setattr(nltk, "download", _no_download)
    monkeypatch.setattr(nltk.downloader, "download", _no_download, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def _assert_equal_to_textstat(table: pd.DataFrame, corpus: pd.DataFrame) -> None:
    with offline_textstat():
        for doc_id, text in corpus["text"].items():
            expected = textstat_readability(text)
            for column, value in expected.items():
                got = table.at[doc_id, column]
                assert math.isclose(got, value, rel_tol=0, abs_tol=1e-9), (
                    f"{doc_id!r} {column}: ours {got!r}, textstat {value!r} on {text!r}")


# --- values are textstat's ----------------------------------------------------

def test_sample_corpus_equals_textstat_offline(offline):
    corpus = load_corpus(DATA)
    table = readability(corpus)
    assert set(TEXTSTAT_COLUMNS) <= set(table.columns)
    _assert_equal_to_textstat(table, corpus)
    assert not any(offline.iterdir()), "something was written into HOME"


def test_degenerate_texts_equal_textstat():
    texts = {str(i): t for i, t in enumerate([
        "", "   ", "\n\n", "...", "Hello", "Hi there", "Hi there you.", "I'm sure it's fine, isn't it?",
        "rock'n'roll 'quoted' ''s' dogs' O'Neill", "U.S. e.g. Mr. Smith", "Ünïcödé wörds ñ. Ωμέγα λέξη.",
        "a " * 150, "One. Two three four five. " * 40, "x-ray — co-op — 3.5% — $100bn",
        "word\u00a0word\u2003word. Another\u2028line here now."])}
    corpus = corpus_from_texts(texts)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadabilityWarning)
        table = readability(corpus)
    _assert_equal_to_textstat(table, corpus)


_WORDS = st.sampled_from(
    "the a of to government president readability Zelensky don't it's U.S. front-line "
    "2003 1,500 $4bn rock'n'roll O'Neill 'quoted' naïve café I we they unprecedented "
    "extraordinarily cat sat mat — - ; : , ( ) \" ’s ‘ ’ “ ” ... ! ? . Mr. e.g.".split(" "))
_SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", "! ", "? ", "  ", "\t"])


@st.composite
def _news_like(draw):
    parts = draw(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=0, max_size=160))
    return "".join(w + s for w, s in parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_news_like(), st.text(max_size=80)), min_size=1, max_size=3))
@example(["\x9a\U00010000" "0 \xa7\U0001d52a\U0001d566\U0001d558 \u015b\U0001d560 0 1 0 \xa9\U00010000 0",
          "The cat sat on the mat. It was happy."])  # found by hypothesis: flagged non-English
def test_arbitrary_text_equals_textstat(texts):
    import warnings

    corpus = corpus_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadabilityWarning)
        table = readability(corpus)
    # documents the loader flags as not English get no formula values (by design);
    # every other document has exactly textstat's
    foreign = corpus["flags"].str.contains("non_english")
    for doc_id in corpus.index[foreign]:
        assert table.loc[doc_id, list(FORMULAS)].isna().all(), doc_id
        assert "not_english" in table.at[doc_id, "flags"].split(";"), doc_id
    _assert_equal_to_textstat(table, corpus[~foreign])


# --- offline and side effects -------------------------------------------------

def test_offline_textstat_restores_textstat_state():
    from textstat.backend.counts import _count_syllables

    before = _count_syllables.get_cmudict
    with offline_textstat() as ts:
        assert ts.syllable_count("readability") == 5
    assert _count_syllables.get_cmudict is before


def test_input_frame_is_unchanged_and_doc_id_kept(sample_corpus):
    before = sample_corpus.copy(deep=True)
    table = readability(sample_corpus)
    pd.testing.assert_frame_equal(sample_corpus, before)
    assert list(table.index) == list(sample_corpus.index)
    assert table.index.name == "doc_id"


# --- behaviour --------------------------------------------------------------------

def test_hard_text_scores_harder_than_easy_text():
    easy = "The cat sat on the mat. The dog ran to the park. We had fun in the sun. " * 5
    hard = ("Notwithstanding considerable institutional heterogeneity, comprehensive "
            "macroeconomic stabilisation necessitates extraordinarily coordinated "
            "intergovernmental implementation. ") * 5
    table = readability(corpus_from_texts({"easy": easy, "hard": hard}))
    for grade in ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                  "automated_readability_index", "dale_chall_readability_score", "text_standard"):
        assert table.at["hard", grade] > table.at["easy", grade], grade
    assert table.at["hard", "flesch_reading_ease"] < table.at["easy", "flesch_reading_ease"]


def _edge_cases():
    return json.loads((CASES / "edge_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _edge_cases(), ids=lambda c: c["name"])
def test_degenerate_documents_follow_the_documented_policy(case):
    corpus = corpus_from_texts({"doc": case["text"]})
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = readability(corpus, undefined="nan")
    row = table.loc["doc"]
    assert sorted(row["flags"].split(";")) == sorted(case["flags"])
    formulas = row[list(FORMULAS)].astype(float)
    warned = [w for w in caught if issubclass(w.category, ReadabilityWarning)]
    if case["formulas_undefined"]:
        assert formulas.isna().all()
        assert warned and "doc" in str(warned[0].message)
    else:
        assert formulas.notna().all()
        assert not warned
    assert row["reading_time_s"] >= 0


def test_textstat_placeholders_are_kept_by_default_and_flagged():
    corpus = corpus_from_texts({"empty": "", "ok": "The minister resigned on Tuesday."})
    with pytest.warns(ReadabilityWarning, match="empty"):
        table = readability(corpus)
    assert table.at["empty", "flesch_reading_ease"] == 0.0  # textstat's placeholder
    assert "no_words" in table.at["empty", "flags"]
    assert "no_words" not in table.at["ok", "flags"]


def test_bad_arguments_raise_specific_errors(sample_corpus):
    from corpus_tools import CorpusError

    with pytest.raises(CorpusError, match="text"):
        readability(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="undefined"):
        readability(sample_corpus, undefined="zero")
    with pytest.raises(ValueError, match="mattr_window"):
        ReadabilityOptions(mattr_window=0)


def test_non_string_document_does_not_sink_the_corpus():
    corpus = corpus_from_texts({"a": "The cat sat on the mat.", "b": "x"})
    corpus.loc["b", "text"] = None
    with pytest.warns(ReadabilityWarning, match="b"):
        table = readability(corpus)
    assert "no_words" in table.at["b", "flags"]
    assert table.at["a", "n_words"] == 6


# --- lexical diversity ----------------------------------------------------------------

def test_lexical_diversity_by_hand():
    options = ReadabilityOptions(mattr_window=2)
    table = readability(corpus_from_texts({"rep": "a a a a", "alt": "a b a b"}), options=options)
    assert table.at["rep", "type_token_ratio"] == 0.25
    assert table.at["alt", "type_token_ratio"] == 0.5
    assert table.at["rep", "mattr"] == 0.5   # every window {a, a}: 1 type / 2 words
    assert table.at["alt", "mattr"] == 1.0   # every window has 2 types
    # MTLD of "a a a a": TTR 1, 0.5 (<= 0.72: factor 1), 1, 0.5 (factor 2) -> 4 words / 2
    assert table.at["rep", "mtld"] == 2.0


def test_mattr_is_nan_below_the_window():
    table = readability(corpus_from_texts({"d": "one two three"}),
                        options=ReadabilityOptions(mattr_window=50))
    assert math.isnan(table.at["d", "mattr"])
    assert table.at["d", "type_token_ratio"] == 1.0


# --- syllables (cases as data, known misses as strict xfail) --------------------------

def _syllable_cases():
    data = json.loads((CASES / "syllables.json").read_text(encoding="utf-8"))
    return [pytest.param(c["word"], c["syllables"], id=c["word"],
                         marks=[pytest.mark.xfail(strict=True, reason=c["known_miss"])]
                         if "known_miss" in c else [])
            for c in data["cases"]]


@pytest.mark.parametrize("word, expected", _syllable_cases())
def test_syllables_of_a_word(word, expected):
    assert SyllableCounter()(word) == expected


# --- sentences ----------------------------------------------------------------------

def test_sentence_table_offsets_and_word_totals(sample_corpus):
    sentences = sentence_readability(sample_corpus)
    for row in sentences.itertuples():
        assert sample_corpus.at[row.doc_id, "text"][row.start:row.end] == row.text
    totals = sentences.groupby("doc_id")["n_words"].sum()
    assert totals.to_dict() == sample_corpus["n_words"].to_dict()
    assert (sentences["n_syllables"] >= sentences["n_words"]).all()


@settings(max_examples=40, deadline=None)
@given(st.one_of(_news_like(), st.text(max_size=200)))
def test_sentence_table_for_any_text(text):
    corpus = corpus_from_texts({"d": text})
    sentences = sentence_readability(corpus)
    text = corpus.at["d", "text"]
    assert int(sentences["n_words"].sum()) == int(corpus.at["d", "n_words"])
    assert list(sentences["sentence"]) == list(range(len(sentences)))
    for row in sentences.itertuples():
        assert text[row.start:row.end] == row.text
        assert math.isnan(row.flesch_kincaid_grade) == (row.n_words == 0)


def test_hardest_sentences_are_sorted_and_capped(sample_corpus):
    sentences = sentence_readability(sample_corpus)
    top = hardest_sentences(sentences, n=3)
    assert len(top) == 3
    assert top["flesch_kincaid_grade"].is_monotonic_decreasing
    assert top["flesch_kincaid_grade"].iloc[0] == sentences["flesch_kincaid_grade"].max()
    per_doc = hardest_sentences(sentences, n=2, per_document=True)
    assert per_doc.groupby("doc_id").size().max() <= 2
    assert set(per_doc["doc_id"]) == set(sample_corpus.index)


def test_empty_document_has_no_sentences():
    sentences = sentence_readability(corpus_from_texts({"e": "", "f": "One sentence here."}))
    assert list(sentences["doc_id"]) == ["f"]


# --- rewrites -----------------------------------------------------------------------

def test_compare_readability_shift_is_rewrite_minus_original(sample_corpus):
    table = readability(sample_corpus)
    pairs = pd.DataFrame({"doc_a": ["000_a75420020a94f3f2", "000_a75420020a94f3f2"],
                          "doc_b": ["001_dbc4827b14b7b483", "004_bb87fdf1b30bab61"],
                          "relation": ["rewrite", "related"],
                          "original": ["001_dbc4827b14b7b483", ""],
                          "rewritten": ["000_a75420020a94f3f2", ""]})
    shift = compare_readability(table, pairs, measures=["flesch_kincaid_grade", "n_words"])
    assert len(shift) == 2
    row = shift.set_index("measure").loc["n_words"]
    assert row["shift"] == table.at["000_a75420020a94f3f2", "n_words"] - \
        table.at["001_dbc4827b14b7b483", "n_words"]
    empty = compare_readability(table, pairs.iloc[1:])
    assert empty.empty and "shift" in empty.columns
    missing = pairs.iloc[:1].assign(original=[None])
    assert compare_readability(table, missing).empty
    with pytest.raises(KeyError, match="original"):
        compare_readability(table, pairs.drop(columns="original"))


# --- figures --------------------------------------------------------------------------

def test_figures_draw_on_the_given_axes(sample_corpus):
    import matplotlib.pyplot as plt

    table = readability(sample_corpus)
    sentences = sentence_readability(sample_corpus)
    fig, axes = plt.subplots(1, 4)
    assert plot_readability(table, ax=axes[0]) is axes[0]
    assert len(axes[0].patches) == len(table) * 6
    assert plot_readability(table, ax=axes[1], max_documents=1) is axes[1]
    assert plot_sentence_distribution(sentences, ax=axes[2]) is axes[2]
    pairs = pd.DataFrame({"original": ["001_dbc4827b14b7b483"],
                          "rewritten": ["000_a75420020a94f3f2"]})
    assert plot_readability_shift(compare_readability(table, pairs), ax=axes[3]) is axes[3]
    plt.close(fig)
    fig, (left, right) = plt.subplots(1, 2, sharey=True)
    plot_sentence_distribution(sentences, ax=left)
    plot_sentence_distribution(sentences, ax=right, measure="flesch_kincaid_grade")
    assert left.yaxis_inverted() and right.yaxis_inverted()  # first document on top
    assert [t.get_text() for t in left.get_yticklabels()] == sorted(sample_corpus.index)
    plt.close(fig)
    ax = plot_sentence_distribution(sentences.iloc[:0])  # no sentences: empty, labelled axes
    assert not ax.lines and not ax.patches and not ax.collections  # nothing drawn
    assert ax.get_xlabel() == "words per sentence" and ax.get_title() == "Sentence length"
    plt.close(ax.figure)


def test_figures_draw_the_table_values(sample_corpus):
    import matplotlib.pyplot as plt

    from corpus_tools.readability import GRADE_FORMULAS

    table = readability(sample_corpus)
    ax = plot_readability(table)
    # one bar per (document, formula): its length is the table's value, its
    # position the document's row (first document on top)
    for k, formula in enumerate(GRADE_FORMULAS):
        bars = ax.patches[k * len(table):(k + 1) * len(table)]
        assert [b.get_width() for b in bars] == pytest.approx(table[formula].tolist())
        assert [round(b.get_y() + b.get_height() / 2) for b in bars] == list(range(len(table)))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(table.index)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(GRADE_FORMULAS)
    plt.close(ax.figure)
    sentences = sentence_readability(sample_corpus)
    ax = plot_sentence_distribution(sentences)
    # one box per document, in row i + 1; its median line is at the median sentence length
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == sorted(sample_corpus.index)
    for i, doc_id in enumerate(labels, start=1):
        lengths = sentences.loc[sentences["doc_id"] == doc_id, "n_words"]
        in_row = [line for line in ax.lines if len(line.get_ydata()) == 2
                  and sum(line.get_ydata()) / 2 == pytest.approx(i)]
        assert [lengths.median()] * 2 in [list(line.get_xdata()) for line in in_row]
    plt.close(ax.figure)

# --- command line ---------------------------------------------------------------------

def test_cli_prints_one_row_per_document(capsys):
    from corpus_tools.cli import main

    assert main(["readability", str(DATA), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["doc_id"] for r in records] == sorted(p.stem for p in DATA.glob("*.txt"))
    # every value is the library's (JSON keeps 15 significant digits)
    table = readability(load_corpus(DATA))
    for record in records:
        row = table.loc[record["doc_id"]]
        assert set(record) == {"doc_id", *table.columns}
        for column in table.columns:
            if column == "flags":
                assert record[column] == row[column]
            elif pd.isna(row[column]):
                assert record[column] is None
            else:
                assert record[column] == pytest.approx(float(row[column]), rel=1e-14, abs=0)


def test_cli_sentences_and_bad_path(capsys, tmp_path):
    from corpus_tools.cli import main

    assert main(["readability", str(DATA), "--sentences", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("doc_id,sentence,start,end")
    header = out.splitlines()[0].split(",")
    assert len(out.splitlines()) == 1 + len(sentence_readability(load_corpus(DATA)))
    missing = tmp_path / "missing"
    assert main(["readability", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"corpus-tools readability: error: {missing}: no such file or folder")
    assert err.count("\n") == 1 and header[:4] == ["doc_id", "sentence", "start", "end"]


# --- notebook -------------------------------------------------------------------------

@pytest.mark.notebook
def test_notebook_readability(sample_report):
    import nbformat

    path = sample_report / "02_readability.ipynb"
    assert path.exists(), f"{path} was not rendered"
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    tables = [t for o in outputs for t in _html_tables(o.get("data", {}).get("text/html", ""))]
    # the scores table shows, per document, the library's values rounded to 0.1
    scores = next(t for t in tables if "flesch_kincaid_grade" in t[0])
    header, rows = scores[0], {row[0]: row for row in scores[1:]}
    table = readability(load_corpus(DATA))
    assert sorted(rows) == sorted(p.stem for p in DATA.glob("*.txt"))
    for doc_id, row in rows.items():
        for column in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"):
            assert row[header.index(column)] == f"{table.at[doc_id, column]:.1f}"
        assert row[header.index("n_words")] == str(int(table.at[doc_id, "n_words"]))
        assert row[header.index("flags")] == table.at[doc_id, "flags"]
    hardest = next(t for t in tables if t[0][:3] == ["doc_id", "start", "end"])
    top = hardest_sentences(sentence_readability(load_corpus(DATA)), n=10)
    assert [r[0] for r in hardest[1:]] == top["doc_id"].tolist()
    assert [int(r[1]) for r in hardest[1:]] == top["start"].tolist()
    # the sample corpus holds a rewrite: its score shifts are shown, measure by measure
    from corpus_tools.rewrites import find_rewrites

    shift = next(t for t in tables if t[0][:3] == ["original", "rewritten", "measure"])
    expected = compare_readability(table, find_rewrites(load_corpus(DATA))).head(100)
    assert len(expected) > 0
    assert [r[:3] for r in shift[1:]] == expected[["original", "rewritten", "measure"]
                                                  ].values.tolist()
    assert [r[shift[0].index("shift")] for r in shift[1:]] == [
        f"{v:.2f}" for v in expected["shift"]]


def _html_tables(html: str) -> list[list[list[str]]]:
    """The cell texts of every ``<table>`` in ``html``: rows of strings, header row first."""
    from html.parser import HTMLParser

    tables: list[list[list[str]]] = []

    class Cells(HTMLParser):
        cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                tables.append([])
            elif tag == "tr" and tables:
                tables[-1].append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None and tables and tables[-1]:
                tables[-1][-1].append("".join(self.cell).strip())
                self.cell = None

    Cells().feed(html)
    # Styler writes an empty corner cell above the index (named "index" here, so that
    # the header lines up with the rows) and a row naming the index (dropped).
    out = []
    for t in tables:
        rows = [r for r in t if any(r)]
        if rows and rows[0] and rows[0][0] == "":
            rows = [["index", *rows[0][1:]]] + [r for r in rows[1:] if any(r[1:])]
        out.append(rows)
    return out


# --- the fast diversity measures equal their textbook definitions ---------------------

def _naive_mattr(words, window):
    if len(words) < window:
        return math.nan
    ratios = [len(set(words[i:i + window])) / window for i in range(len(words) - window + 1)]
    return sum(ratios) / len(ratios)


def _naive_mtld_pass(words, threshold):
    factors, seen, count = 0.0, set(), 0
    for w in words:
        count += 1
        seen.add(w)
        if len(seen) / count <= threshold:
            factors, seen, count = factors + 1, set(), 0
    if count:
        factors += (1 - len(seen) / count) / (1 - threshold)
    return len(words) / factors if factors else math.nan


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("a b c d e f g h i j k l m n o p".split()), min_size=1,
                max_size=400),
       st.integers(min_value=1, max_value=60))
def test_mattr_and_mtld_equal_their_definitions(words, window):
    from corpus_tools.readability.diversity import diversity as _diversity

    import numpy as np

    index: dict[str, int] = {}
    ids = np.array([index.setdefault(w, len(index)) for w in words])
    got = _diversity(ids, ReadabilityOptions(mattr_window=window))
    expected_mattr = _naive_mattr(words, window)
    mtld = [_naive_mtld_pass(words, 0.72), _naive_mtld_pass(words[::-1], 0.72)]
    expected_mtld = sum(mtld) / 2
    for got_value, want in ((got["mattr"], expected_mattr), (got["mtld"], expected_mtld)):
        assert (math.isnan(got_value) and math.isnan(want)) or math.isclose(got_value, want,
                                                                            rel_tol=1e-12)
    assert got["type_token_ratio"] == len(set(words)) / len(words)


def test_long_documents_are_read_in_pieces_with_the_same_values(monkeypatch):
    """Documents longer than a batch go through the piecewise path; values still equal textstat."""
    from corpus_tools.readability import counts

    monkeypatch.setattr(counts, "_CHUNK", 64)
    texts = {"long": "The minister's plan, a 'bold' move—rejected. Then U.S. talks! " * 40,
             "huge-token": "x" * 200 + " and then some words here. " + "y" * 150 + " end.",
             "tokens-first": "— " * 300 + "Words come late in this text. " * 30}
    corpus = corpus_from_texts(texts)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadabilityWarning)
        table = readability(corpus)
        texts_in = list(corpus["text"])
        pieces = counts.measure_texts(texts_in, counts.Vocabulary(), batch_chars=100)
        whole = counts.measure_texts(texts_in, counts.Vocabulary(), batch_chars=10**9)
        for (got, got_ids), (want, want_ids) in zip(pieces, whole):
            assert got == want
            assert len(got_ids) == len(want_ids) == got.n_words
    _assert_equal_to_textstat(table, corpus)


# --- the documented range and empty-text value of every formula ---------------------

_LOWER_BOUNDS = {"gunning_fog": 0.0, "dale_chall_readability_score": 0.0,
                 "dale_chall_readability_score_v2": 0.0, "linsear_write_formula": -1.0,
                 "mcalpine_eflaw": 0.0, "lix": 0.0, "rix": 0.0, "text_standard": 1.0}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["The", "cat", "sat", "on", "the", "mat", "hmm", "extraordinary",
                                 "unbelievably", "—", "U.S.", "don't", "1,000", ".", "!", "?",
                                 "\n\n", ",", "a", "Internationalisation"]),
                max_size=60).map(" ".join))
def test_formulas_stay_in_their_documented_ranges(text):
    from corpus_tools.readability.counts import count_text

    c = count_text(text)
    values = {name: f(c) for name, f in FORMULAS.items()}
    for name, low in _LOWER_BOUNDS.items():
        assert values[name] >= low - 1e-12, (name, values[name])
    assert values["text_standard"] <= 18
    if c.n_sentences:
        assert values["smog_index"] >= 3.1291 - 1e-12
    if c.n_words:
        assert values["spache_readability"] >= 0.839 - 1e-12
    else:  # the documented placeholders of a text without words
        assert values["text_standard"] == 1.0
        assert values["linsear_write_formula"] in (0.0, -1.0)
        assert values["smog_index"] in (0.0, 3.1291)
        assert all(v == 0.0 for k, v in values.items()
                   if k not in ("text_standard", "linsear_write_formula", "smog_index"))


def test_empty_text_values_are_the_documented_placeholders():
    from corpus_tools.readability.counts import count_text

    empty, blank, dots = (count_text(t) for t in ("", "   ", "..."))
    assert {name: f(empty) for name, f in FORMULAS.items()} == {
        name: (1.0 if name == "text_standard" else 0.0) for name in FORMULAS}
    assert FORMULAS["smog_index"](blank) == FORMULAS["smog_index"](dots) == 3.1291
    assert FORMULAS["linsear_write_formula"](dots) == -1.0
    assert FORMULAS["dale_chall_readability_score"](count_text("Hi.")) == pytest.approx(
        0.1579 * 100 + 0.0496 * 1 + 3.6365)  # one word, off the easy list


def test_docstring_examples_hold():
    import doctest
    import importlib

    for name in ("corpus_tools.readability.formulas", "corpus_tools.readability.table",
                 "corpus_tools.readability.counts"):
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, name
        assert result.attempted > 0, name
