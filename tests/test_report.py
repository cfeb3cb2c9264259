"""The HTML report: notebooks execute, pages render, a real browser shows them."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from corpus_tools.report import execute_notebook, find_notebooks

ROOT = Path(__file__).resolve().parents[1]


def _errors(nb) -> list[str]:
    return [o.get("ename", "") + ": " + o.get("evalue", "")
            for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    for path in find_notebooks(ROOT / "notebooks"):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
        assert "corpus_path" in tagged[0].source


def test_report_command_succeeds(sample_report_run):
    out, proc = sample_report_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in find_notebooks(ROOT / "notebooks"):
        assert (out / f"{path.stem}.html").stat().st_size > 10_000
        assert f'href="{path.stem}.html"' in index
    assert "3 documents" in index and "corpus-tools" in index
    assert str(ROOT / "data") in index


def test_report_says_on_stderr_which_notebook_runs(sample_report_run):
    _, proc = sample_report_run
    lines = proc.stderr.splitlines()
    for path in find_notebooks(ROOT / "notebooks"):
        assert f"  started  {path.stem}" in lines
        assert any(re.fullmatch(rf"  done     {path.stem}  \d+\.\d s", ln) for ln in lines), lines
    assert "\r" not in proc.stderr  # not a terminal: lines, no bar


def test_index_says_what_each_page_found(sample_report, sample_corpus, annotations):
    from corpus_tools.grammar import grammar_errors
    from corpus_tools.readability import readability
    from corpus_tools.report.headlines import grammar_headline, readability_headline

    index = (sample_report / "index.html").read_text(encoding="utf-8")
    found = [html.unescape(f) for f in re.findall(r"<li>(.*?)</li>", index)]
    docs = annotations["documents"]
    rewritten = next(k for k, v in docs.items() if v.get("rewrite_of")).removesuffix(".txt")
    original = docs[rewritten + ".txt"]["rewrite_of"].removesuffix(".txt")
    assert f"1 rewrite: {rewritten} is a machine rewrite of {original}." in found
    assert "0 copies." in found
    # the package's own numbers, not numbers read back from the pages
    expected = (grammar_headline(grammar_errors(sample_corpus), sample_corpus).findings
                + readability_headline(readability(sample_corpus)).findings)
    assert set(expected) <= set(found)
    n_words = int(sample_corpus["n_words"].sum())
    assert any(f.startswith(f"3 documents, {n_words:,} words") for f in found)


def test_index_renders_the_descriptions_as_markdown(sample_report):
    index = (sample_report / "index.html").read_text(encoding="utf-8")
    assert "<em>be</em> or <em>have</em>" in index and "*be*" not in index
    assert "<code>textstat</code>" in index


def test_each_analysis_is_computed_once_per_report(sample_report, sample_corpus):
    from corpus_tools.cache import AnalysisCache
    from corpus_tools.grammar import grammar_errors
    from corpus_tools.rewrites import find_rewrites

    cache = AnalysisCache(sample_report / ".cache")
    # notebooks 02 and 05 both show find_rewrites: one stored result, under the key
    # this process computes for the same corpus (same content, options and code)
    assert [p.name.split("-")[0] for p in cache.folder.glob("find_rewrites-*.pkl")] == \
        ["find_rewrites"]
    assert cache.contains(find_rewrites, sample_corpus)
    assert cache.contains(grammar_errors, sample_corpus)


def test_one_document_says_why_sections_do_not_apply(one_document_report_run):
    out, proc = one_document_report_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = {"02_readability": ["fewer than two documents with words"],
                "04_term_frequency": ["Keyness compares each document with the rest",
                                      "Similarity compares documents two by two"],
                "05_spotting_rewrites": ["The map compares documents two by two",
                                         "A pair needs two documents"]}
    for path in find_notebooks(ROOT / "notebooks"):
        nb = nbformat.read(out / path.name, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert _errors(nb) == [], path.name
        streams = [o["text"] for o in outputs if o.get("output_type") == "stream"
                   and o.get("name") == "stderr"]
        assert streams == [], (path.name, streams)  # no raw Python warning on the page
        text = "".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
        for sentence in expected.get(path.stem, []):
            assert sentence in text, (path.name, sentence)
    rewrites = nbformat.read(out / "05_spotting_rewrites.ipynb", as_version=4)
    assert not [o for c in rewrites.cells for o in c.get("outputs", [])
                if "image/png" in o.get("data", {})]  # no 1x1 heatmap


def test_overview_notebook_outputs(sample_report):
    nb = nbformat.read(sample_report / "01_corpus_overview.ipynb", as_version=4)
    assert _errors(nb) == []
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(ROOT / "data") in injected[0].source
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    tables = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    for doc_id in ["000_a75420020a94f3f2", "001_dbc4827b14b7b483", "004_bb87fdf1b30bab61"]:
        assert doc_id in tables


EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                      r"""|url\(\s*["']?\s*(?:https?:)?//|@import"""
                      r"""|\b(?:import|from)\s*\(?\s*["'](?:https?:)?//""",
                      re.IGNORECASE)


def test_html_pages_reference_no_external_url(sample_report, hostile_report_run):
    for page in [*sample_report.glob("*.html"), *hostile_report_run[0].glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.findall(text), (page.name, EXTERNAL.findall(text)[:3])


def test_failing_notebook_is_reported_not_fatal(tmp_path, data_dir):
    good = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('corpus_path = "x"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(corpus_path)")])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1/0")])
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    nbformat.write(good, nbs / "01_good.ipynb")
    nbformat.write(bad, nbs / "02_bad.ipynb")
    executed, error = execute_notebook(nbs / "01_good.ipynb", parameters={"corpus_path": "/c"})
    assert error == "" and executed.cells[2].outputs[0]["text"] == "/c\n"
    proc = subprocess.run([sys.executable, "-m", "corpus_tools", "report", str(data_dir), "--out",
                           str(tmp_path / "out"), "--notebooks", str(nbs)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "FAILED" in proc.stdout and "ZeroDivisionError" in proc.stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "failed" in index and "01_good.html" in index
    assert (tmp_path / "out" / "02_bad.html").exists()


def _child_processes() -> set[int]:
    children = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children |= {int(p) for p in (task / "children").read_text().split()}
    return children


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_kernels_are_shut_down(tmp_path):
    # each notebook's kernel must stop when its notebook is done (a kernel left
    # running notices the parent's exit later and prints a warning)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os; os.getpid()")])
    nbformat.write(nb, tmp_path / "n.ipynb")
    before = _child_processes()
    for _ in range(2):
        executed, error = execute_notebook(tmp_path / "n.ipynb", parameters={})
        assert error == ""
        kernel_pid = int(executed.cells[-1].outputs[0]["data"]["text/plain"])
        assert kernel_pid != os.getpid()
        assert kernel_pid not in _child_processes()
    assert _child_processes() <= before


def test_report_bad_path_is_one_line_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "corpus_tools", "report", str(tmp_path / "none"),
                           "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "none: no such file or folder" in proc.stderr


CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
LOCAL = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-untrusted:", "chrome-extension:",
         "devtools:")
"""Schemes that are the page itself or the browser's own (Chromium 150 loads parts of its
new-tab page, chrome-untrusted://new-tab-page/..., in every tab): not requests a report made."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Debian Chromium through selenium; it records every request it makes."""
    if not (CHROMIUM and CHROMEDRIVER):
        message = ("Debian's chromium and chromium-driver are not installed "
                   "(apt-get install chromium chromium-driver; .ci/run installs them)")
        if os.environ.get("CORPUS_TOOLS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("profile")
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,2000", f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _requested(driver) -> list[str]:
    """URLs the browser asked for since the last call (from Chrome's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _wait_until_loaded(driver, timeout: float = 60.0) -> None:
    """Wait until the page is parsed and its images are decoded (on a loaded machine,
    Chromium 150 can hand the page back while the parser is still going)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && "
        "Array.from(document.images).every(i => i.complete)"))


def _column(driver, table, k: int) -> list[str]:
    return driver.execute_script(
        "return Array.from(arguments[0].tBodies[0].rows).map(r => r.cells[arguments[1]].textContent)",
        table, k)


@pytest.mark.browser
def test_pages_in_headless_chromium(browser, sample_report, tmp_path):
    driver = browser
    _requested(driver)
    driver.get((sample_report / "index.html").as_uri())
    _wait_until_loaded(driver)
    assert driver.title.startswith("corpus-tools report")
    links = driver.execute_script("return Array.from(document.links).map(a => a.href)")
    pages = [p for p in links if p.endswith(".html")]
    assert len(pages) == len(list(sample_report.glob("[0-9][0-9]_*.html")))
    for page in pages:
        driver.get(page)
        name = page.rsplit("/", 1)[-1]
        _wait_until_loaded(driver)
        state = driver.execute_script("""
            const imgs = Array.from(document.images);
            return {title: document.title,
                    h1: (document.querySelector('h1') || {}).textContent || '',
                    tables: document.querySelectorAll('table').length,
                    ready: document.querySelectorAll('.ct-table[data-ready]').length,
                    widgets: document.querySelectorAll('.ct-table').length,
                    images: imgs.length,
                    decoded: imgs.filter(i => i.complete && i.naturalWidth > 0
                                              && i.naturalHeight > 0).length,
                    wide: document.documentElement.scrollWidth > window.innerWidth};
        """)
        assert state["title"] and state["h1"], name
        assert state["tables"] >= 1, f"{name}: no table rendered"
        assert state["ready"] == state["widgets"], (name, state)  # every table's script ran
        assert state["images"] >= 1 and state["decoded"] == state["images"], (name, state)
        assert not state["wide"], f"{name}: the page scrolls sideways"
        shot = tmp_path / f"{name}.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if name.startswith("01_"):
            shutil.copy(shot, sample_report / "01_corpus_overview.png")
    outside = [u for u in _requested(driver) if not u.startswith(LOCAL)]
    assert outside == [], outside


@pytest.mark.browser
def test_a_click_on_a_header_sorts_the_readability_table(browser, sample_report):
    from selenium.webdriver.common.by import By

    browser.get((sample_report / "02_readability.html").as_uri())
    _wait_until_loaded(browser)
    table = browser.find_element(By.CSS_SELECTOR, ".ct-table table")
    heads = [h.get_attribute("data-column") for h in table.find_elements(By.CSS_SELECTOR, "thead th")]
    k = heads.index("flesch_kincaid_grade")
    before = [float(x) for x in _column(browser, table, k)]
    header = table.find_elements(By.CSS_SELECTOR, "thead th")[k]
    header.click()
    assert [float(x) for x in _column(browser, table, k)] == sorted(before)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert [float(x) for x in _column(browser, table, k)] == sorted(before, reverse=True)


@pytest.mark.browser
def test_table_widget_sorts_searches_and_pages(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from corpus_tools.report.tables import interactive_table

    frame = pd.DataFrame({"doc": [f"doc{i}" for i in range(25)],
                          "n": [(7 * i) % 25 for i in range(25)],
                          "grade": [float("nan") if i == 3 else i / 2 for i in range(25)]})
    page = tmp_path / "table.html"
    page.write_text("<!DOCTYPE html><meta charset=utf-8><title>t</title>"
                    + interactive_table(frame, index=False).to_html(), encoding="utf-8")
    browser.get(page.as_uri())
    _wait_until_loaded(browser)
    table = browser.find_element(By.CSS_SELECTOR, ".ct-table table")
    info = browser.find_element(By.CSS_SELECTOR, ".ct-info")
    assert len(_column(browser, table, 0)) == 10 and info.text == "Rows 1–10 of 25"
    browser.find_element(By.CSS_SELECTOR, ".ct-next").click()
    assert _column(browser, table, 0)[0] == "doc10" and info.text == "Rows 11–20 of 25"
    heads = table.find_elements(By.CSS_SELECTOR, "thead th")
    heads[1].click()  # n ascending: back to the first page
    assert _column(browser, table, 1) == [str(i) for i in range(10)]
    heads[2].click()
    heads[2].click()  # grade descending; the missing grade stays last
    browser.find_element(By.CSS_SELECTOR, "select").send_keys("all")
    grades = _column(browser, table, 2)
    assert grades[0] == "12.00" and grades[-1] == "–" and len(grades) == 25
    # natural order for text: doc2 before doc10
    heads[0].click()
    assert _column(browser, table, 0)[:3] == ["doc0", "doc1", "doc2"]
    box = browser.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.send_keys("doc1")
    assert _column(browser, table, 0) == ["doc1"] + [f"doc{i}" for i in range(10, 20)]
    assert info.text == "Rows 1–11 of 11 (filtered from 25)"


@pytest.mark.browser
def test_corpus_text_never_runs_in_the_browser(browser, hostile_report_run):
    out, proc = hostile_report_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    _requested(browser)
    for page in sorted(out.glob("*.html")):
        if page.name == "index.html":
            expected = "corpus-tools report: hostile.csv"
        else:
            nb = nbformat.read(out / f"{page.stem}.ipynb", as_version=4)
            expected = nb.metadata["title"]
        browser.get(page.as_uri())
        _wait_until_loaded(browser)
        assert browser.title == expected, page.name  # a payload would have added " XSS"
        assert browser.execute_script(
            "return document.querySelectorAll('img[onerror], img[src=\"x\"]').length") == 0
        shown = browser.execute_script("return document.body.innerText")
        assert "<img src=x onerror=" in shown, page.name  # shown as text, not dropped
    outside = [u for u in _requested(browser) if not u.startswith(LOCAL)]
    assert outside == [], outside


@pytest.mark.browser
def test_report_at_scale_in_chromium(browser, hostile_scale_report_run):
    """``report --workers 2``: the page the cluster's summaries make renders its tables and
    figures, shows every payload as text, runs none, and requests nothing outside."""
    out, proc = hostile_scale_report_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Dask dashboard" in proc.stderr and (out / ".summaries" / "manifest.json").is_file()
    pages = sorted(p.name for p in out.glob("*.html"))
    assert pages == ["01_corpus_at_scale.html", "index.html"]
    _requested(browser)
    for name in reversed(pages):  # the at-scale page last: its state is read below
        browser.get((out / name).as_uri())
        _wait_until_loaded(browser)
        expected = ("corpus-tools report: hostile.csv" if name == "index.html" else
                    nbformat.read(out / "01_corpus_at_scale.ipynb", as_version=4).metadata["title"])
        assert browser.title == expected, name  # a payload would have added " XSS"
        assert browser.execute_script(
            "return document.querySelectorAll('img[onerror], img[src=\"x\"]').length") == 0
        assert "<img src=x onerror=" in browser.execute_script("return document.body.innerText")
    state = browser.execute_script("""
        const imgs = Array.from(document.images);
        return {ready: document.querySelectorAll('.ct-table[data-ready]').length,
                widgets: document.querySelectorAll('.ct-table').length,
                images: imgs.length,
                decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
                text: document.body.innerText};
    """)  # the at-scale page, the last one loaded
    assert state["widgets"] >= 6 and state["ready"] == state["widgets"], state["widgets"]
    assert state["images"] >= 4 and state["decoded"] == state["images"]
    assert "is a machine rewrite of" in state["text"]  # the sample's pair, side by side
    outside = [u for u in _requested(browser) if not u.startswith(LOCAL)]
    assert outside == [], outside
