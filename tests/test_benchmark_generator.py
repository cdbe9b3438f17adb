"""The benchmarks' synthetic content stays valid as the models change (`make bench` itself is too slow for CI)."""

from __future__ import annotations

import functools
import importlib.util
import sys

from ccm_ica.cli import main
from sitefixture import PROJECT


@functools.cache
def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", PROJECT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_smallest_scale_passes_the_check(tmp_path, capsys):
    written = _synthetic().write_content(tmp_path, 0.2)
    assert written["countries"] >= 4 and written["requests"] >= 1
    (tmp_path / "locale").symlink_to(PROJECT / "locale")  # the check finds each language's catalog
    assert main(["--root", str(tmp_path), "check"]) == 0, capsys.readouterr().out
    assert "no problems found" in capsys.readouterr().out


def test_same_scale_writes_the_same_files(tmp_path):
    synthetic = _synthetic()
    synthetic.write_content(tmp_path / "a", 0.2)
    synthetic.write_content(tmp_path / "b", 0.2)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yml")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yml")}
    assert first == second


def test_counts_grow_linearly_to_scale_10():
    counts = _synthetic().counts
    assert counts(10)["countries"] == 200 and counts(10)["requests"] == 2000
    assert counts(10)["meetings"] == 300 and counts(10)["coalitions"] == 50
    assert counts(1)["requests"] < counts(3)["requests"] < counts(10)["requests"]
