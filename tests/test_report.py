"""The HTML report: notebooks execute, pages render, a real browser shows them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
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


def test_html_pages_need_no_network(sample_report):
    for page in sample_report.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script src="http' not in html and "cdnjs" not in html, page.name
        assert 'src="http' not in html


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


@pytest.mark.browser
def test_pages_in_headless_chromium(sample_report, tmp_path):
    if not (CHROMIUM and CHROMEDRIVER):
        message = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
        if os.environ.get("CORPUS_TOOLS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,2000", f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get((sample_report / "index.html").as_uri())
        assert driver.title.startswith("corpus-tools report")
        links = driver.execute_script("return Array.from(document.links).map(a => a.href)")
        pages = [p for p in links if p.endswith(".html")]
        assert len(pages) == len(list(sample_report.glob("[0-9][0-9]_*.html")))
        for page in pages:
            driver.get(page)
            name = page.rsplit("/", 1)[-1]
            state = driver.execute_script("""
                const imgs = Array.from(document.images);
                return {title: document.title,
                        h1: (document.querySelector('h1') || {}).textContent || '',
                        tables: document.querySelectorAll('table').length,
                        images: imgs.length,
                        decoded: imgs.filter(i => i.complete && i.naturalWidth > 0
                                                  && i.naturalHeight > 0).length,
                        errors: document.querySelectorAll('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"] pre').length};
            """)
            assert state["title"] and state["h1"], name
            assert state["tables"] >= 1, f"{name}: no table rendered"
            assert state["images"] >= 1 and state["decoded"] == state["images"], (name, state)
            shot = tmp_path / f"{name}.png"
            driver.save_screenshot(str(shot))
            assert shot.stat().st_size > 10_000
            if name.startswith("01_"):
                shutil.copy(shot, sample_report / "01_corpus_overview.png")
    finally:
        driver.quit()
