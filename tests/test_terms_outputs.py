"""Term-analysis outputs: figures, summary tables, the `terms` subcommand and notebook 04."""

from __future__ import annotations

import io
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from corpus_tools import corpus_from_texts  # noqa: E402
from corpus_tools.cli import main  # noqa: E402
from corpus_tools.terms.keyness import (  # noqa: E402
    NothingToCompareError,
    key_terms_by_document,
    keyness,
)
from corpus_tools.terms.plots import (  # noqa: E402
    plot_keyness,
    plot_term_scatter,
    plot_top_terms,
    plot_zipf,
)
from corpus_tools.terms import (  # noqa: E402
    compare_terms,
    summarize_top_terms,
    term_frequencies,
    top_terms,
)


@pytest.fixture
def small():
    return corpus_from_texts({"a": "Tanks rolled in. Tanks fired at the town.",
                              "b": "Troops held the town. Troops waited.",
                              "e": ""})


def _bars(ax):
    """(label, bar length) of a barh chart, top to bottom."""
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [p.get_width() for p in ax.patches]
    assert len(labels) == len(widths)
    return list(zip(labels, widths))[::-1]


def test_top_terms_bars_are_the_table(small):
    top = top_terms(small)
    fig, ax = plt.subplots()
    assert plot_top_terms(top, ax=ax) is ax
    # "Tanks rolled in. Tanks fired at the town.": in, at, the are stop words;
    # ties in alphabetical order, rank 1 on top
    assert _bars(ax) == [("tanks", 2), ("fired", 1), ("rolled", 1), ("town", 1)]
    assert _bars(ax) == list(zip(top.loc[top["doc_id"] == "a", "term"],
                                 top.loc[top["doc_id"] == "a", "count"]))
    assert ax.get_title() == "a" and ax.get_xlabel() == "count"
    plt.close(fig)
    fig, ax = plt.subplots()
    assert plot_top_terms(top, doc_id="e", ax=ax) is ax
    assert not ax.patches and ax.get_title() == "e"
    assert ax.texts[0].get_text() == "no terms (empty document?)"
    plt.close(fig)


def test_term_scatter_points_are_the_counts(small):
    comparison = compare_terms(small, "a", "b")
    fig, ax = plt.subplots()
    assert plot_term_scatter(comparison, ax=ax) is ax
    points = ax.collections[0].get_offsets()
    assert len(points) == len(comparison)
    # each term at (count in a, count in b), 0 drawn at 0.5, jittered by at most 8 %
    x = comparison["count_a"].where(comparison["count_a"] > 0, 0.5).to_numpy()
    y = comparison["count_b"].where(comparison["count_b"] > 0, 0.5).to_numpy()
    assert np.abs(np.log(points[:, 0] / x)).max() <= 0.08
    assert np.abs(np.log(points[:, 1] / y)).max() <= 0.08
    colours = ax.collections[0].get_facecolors()
    side = comparison["side"].to_numpy()
    assert len({tuple(c) for c in colours[side == "shared"]}) == 1
    assert {tuple(c) for c in colours[side == "only_a"]}.isdisjoint(
        tuple(c) for c in colours[side == "only_b"])
    # the diagonal: same relative frequency, slope n_words_b / n_words_a = 6 / 8
    line = ax.lines[0]
    assert line.get_ydata()[-1] / line.get_xdata()[-1] == pytest.approx(6 / 8)
    assert ax.get_xlabel() == "count in a" and ax.get_ylabel() == "count in b"
    plt.close(fig)


def test_keyness_bars_are_the_keyness_values(small):
    key = keyness(small, "a")
    fig, ax = plt.subplots()
    assert plot_keyness(key, n=3, ax=ax) is ax
    over = key[key["keyness"] > 0].head(3)
    under = key[key["keyness"] < 0].tail(3)
    expected = list(zip(over["term"], over["keyness"])) + list(zip(under["term"],
                                                                   under["keyness"]))
    drawn = _bars(ax)
    assert [t for t, _ in drawn] == [t for t, _ in expected]
    assert [w for _, w in drawn] == pytest.approx([v for _, v in expected])
    assert [t for t, _ in drawn][0] == "tanks"  # 2 of 8 words in a, none in b
    plt.close(fig)


def test_zipf_curve_is_the_rank_frequency_list(small):
    tf = term_frequencies(small, stopwords=None)  # a Zipf curve of every word
    fig, ax = plt.subplots()
    assert plot_zipf(tf, ax=ax) is ax
    observed, ideal = ax.lines[:2]
    freq = sorted(tf.groupby("term")["count"].sum(), reverse=True)
    assert list(observed.get_xdata()) == list(range(1, len(freq) + 1))
    assert list(observed.get_ydata()) == freq
    assert freq[:5] == [2, 2, 2, 2, 1]  # tanks, the, town, troops; then the others
    assert list(ideal.get_ydata()) == pytest.approx([freq[0] / r for r in
                                                     range(1, len(freq) + 1)])
    plt.close(fig)


def test_figures_make_their_own_axes_and_survive_empty_input():
    ax = plot_zipf(term_frequencies(corpus_from_texts({"e": ""})))
    assert ax.texts and ax.texts[0].get_text() == "no terms"
    plt.close(ax.figure)
    with pytest.raises(NothingToCompareError, match="no words"):
        keyness(corpus_from_texts({"e": "", "f": "word"}), "e")
    key = keyness(corpus_from_texts({"e": "word", "f": "word"}), "e")  # nothing differs
    assert (key["keyness"] == 0).all()
    ax = plot_keyness(key)
    assert ax.texts[0].get_text() == "no key terms"
    plt.close(ax.figure)


def test_keyness_bars_have_both_signs(small):
    ax = plot_keyness(keyness(small, "a"), n=3)
    widths = [p.get_width() for p in ax.patches]
    assert any(w > 0 for w in widths) and any(w < 0 for w in widths)
    plt.close(ax.figure)


def test_summary_tables(small):
    summary = summarize_top_terms(top_terms(small, n=2))
    assert summary.loc["a", "top_terms"] == "tanks (2), fired (1)"
    assert "e" not in summary.index
    by_doc = key_terms_by_document(small, max_p=1.0, n=1)
    assert list(by_doc.index) == ["a", "b", "e"]
    assert by_doc.loc["e", "over"] == "" and by_doc.loc["e", "n_key_terms"] == 0
    first = keyness(small, "a").iloc[0]
    assert by_doc.loc["a", "over"] == f"{first['term']} ({first['log_likelihood']:.1f})"


def test_cli_terms_json_and_csv(data_dir, capsys):
    assert main(["terms", str(data_dir), "--format", "json", "--top", "3"]) == 0
    records = json.loads(capsys.readouterr().out)
    ids = sorted(p.stem for p in data_dir.glob("*.txt"))
    assert sorted({r["doc_id"] for r in records}) == ids
    assert all(1 <= r["rank"] <= 3 for r in records) and len(records) == 3 * len(ids)
    assert main(["terms", str(data_dir), "--format", "csv", "--ngram", "2", "--top", "2"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(frame["n"]) == {2}


def test_cli_keyness(data_dir, capsys):
    doc = sorted(p.stem for p in data_dir.glob("*.txt"))[0]
    assert main(["terms", str(data_dir), "--keyness", doc, "--top", "4", "--format",
                 "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 1 <= len(rows) <= 8
    assert {"freq_target", "freq_reference", "size_target", "size_reference"} <= set(rows[0])
    assert main(["terms", str(data_dir), "--keyness", "missing-doc"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing-doc" in err


def test_notebook_term_frequency(sample_report):
    nbformat = pytest.importorskip("nbformat")
    path = sample_report / "04_term_frequency.ipynb"
    assert path.exists(), f"{path} was not rendered"
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # top terms, keyness, comparison scatter, Zipf
    html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    for doc_id in ("000_a75420020a94f3f2", "001_dbc4827b14b7b483", "004_bb87fdf1b30bab61"):
        assert doc_id in html
    assert "bakhmut" in html.lower()  # the KWIC / top terms of the sample corpus
    assert (sample_report / "04_term_frequency.html").exists()


def test_term_scatter_labels_never_overlap_and_sit_by_their_markers():
    """A crowded comparison: labels are placed without collisions, next to their points."""
    rng = np.random.default_rng(3)
    words = [f"word{k:03d}" for k in range(300)]
    text_a = " ".join(rng.choice(words[:200], size=3000, p=None))
    text_b = " ".join(rng.choice(words[100:], size=3000))
    comparison = compare_terms(corpus_from_texts({"a": text_a, "b": text_b}), "a", "b")
    fig, ax = plt.subplots(figsize=(5, 5))
    plot_term_scatter(comparison, ax=ax, n_labels=25)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert 3 <= len(boxes) <= 25
    for i, a in enumerate(boxes):
        assert all(not a.overlaps(b) for b in boxes[i + 1:]), ax.texts[i].get_text()
        assert ax.get_window_extent(renderer).contains(a.x0, a.y0)
    assert not any(b.overlaps(ax.get_legend().get_window_extent(renderer)) for b in boxes)
    markers = ax.transData.transform(ax.collections[0].get_offsets())
    terms = comparison["term"].tolist()
    for text, box in zip(ax.texts, boxes):
        first = text.get_text().split(", ")[0]
        mx, my = markers[terms.index(first)]
        # the nearest edge of the label is a few points from the first term's cluster
        gap = max(box.x0 - mx, mx - box.x1, box.y0 - my, my - box.y1, 0)
        assert gap < 0.1 * fig.dpi * 5, (first, gap)  # within a tenth of the figure
    plt.close(fig)
