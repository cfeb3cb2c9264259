"""environment.yml (conda) lists the same runtime dependencies as pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NOT_RUNTIME = {"python", "pip", "jupyterlab", "dask", "distributed"}  # interpreter, installer, extras


def _split(spec: str) -> tuple[str, str]:
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = dict(_split(d) for d in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed.update(_split(d) for d in dep["pip"] if not d.startswith("-e"))
        else:
            listed.update([_split(dep)])
    conda_only = {k: v for k, v in listed.items() if k not in NOT_RUNTIME}
    assert conda_only == runtime
    assert any(d == "-e ." for dep in env["dependencies"] if isinstance(dep, dict)
               for d in dep["pip"])
    lab = dict(_split(d) for d in project["optional-dependencies"]["lab"])
    assert listed["jupyterlab"] == lab["jupyterlab"]
    extra = dict(_split(d) for d in project["optional-dependencies"]["dask"])
    assert {k: listed[k] for k in extra} == extra
