"""The `ccm-ica` command as a coordinator and a CI runner use it: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from sitefixture import FILES, write_site

NOR = "content/countries/nor.yml"
MISSPELT = {NOR: "name: Norway\nrole: [donor]\nlast_reviewed: \"2018-01-15\"\nsources: [summary]\n"}


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ccm_ica", *args], cwd=cwd, capture_output=True, text=True)


def test_check_clean_site_exits_0(tmp_path):
    result = run("check", cwd=write_site(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "The content is valid: no problems found."


def test_check_bad_site_exits_1_without_traceback(tmp_path):
    result = run("check", cwd=write_site(tmp_path, MISSPELT))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/countries/nor.yml:2:1: unknown field 'role' (did you mean 'roles'?)",
        "1 error(s), 0 warning(s).",
    ]
    assert "Traceback" not in result.stderr


def test_build_of_bad_content_lists_the_problems_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run("build", "--site-dir", str(out), cwd=write_site(tmp_path / "project", MISSPELT))
    assert result.returncode == 1
    assert "content/countries/nor.yml:2:1: unknown field 'role' (did you mean 'roles'?)" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and not out.exists()


def test_check_github_format_annotates_then_lists(tmp_path):
    result = run("check", "--format", "github", cwd=write_site(tmp_path, MISSPELT))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=content/countries/nor.yml,line=2,col=1,title=ccm-ica check::"
                        "unknown field 'role' (did you mean 'roles'?)")
    assert lines[1].startswith("content/countries/nor.yml:2:1: unknown field")
    assert lines[-1] == "1 error(s), 0 warning(s)."


def test_check_json_format(tmp_path):
    result = run("check", "--format", "json", cwd=write_site(tmp_path, MISSPELT))
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["errors"] == 1
    assert report["problems"][0] | {"hint": None} == {
        "path": NOR, "line": 2, "column": 1, "message": "unknown field 'role'",
        "hint": None, "severity": "error",
    }


def test_usage_errors_exit_2(tmp_path):
    write_site(tmp_path)
    assert run("check", "--format", "xml", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2
    assert run("check", "--as-of", "yesterday", cwd=tmp_path).returncode == 2
    assert run("--root", str(tmp_path / "nowhere"), "check", cwd=tmp_path).returncode == 2


def test_missing_config_is_a_problem_not_a_crash(tmp_path):
    result = run("check", cwd=write_site(tmp_path, {"site_config.yml": None}))
    assert result.returncode == 1
    assert result.stdout.startswith("site_config.yml:1:1: site_config.yml is missing")


def test_as_of_is_validated_and_accepted(tmp_path):
    result = run("check", "--as-of", "2017-12-31", cwd=write_site(tmp_path))
    assert result.returncode == 0


def test_console_script_entry_point_is_declared():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["ccm-ica"] == "ccm_ica.cli:main"
    assert any(dep.replace(" ", "") == "mkdocs>=1.6,<2" for dep in project["project"]["dependencies"])
    assert FILES  # the fixture is the one the other tests use
