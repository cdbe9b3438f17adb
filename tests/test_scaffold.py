"""`ccm-ica new`: a record with every required field, explained, that the check rejects until filled."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ccm_ica.models.kinds import KINDS_BY_NAME
from ccm_ica.files.schema import modeline
from sitefixture import copy_real_content, write_site


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ccm_ica", *args], cwd=cwd, capture_output=True, text=True)


def _errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": warning: " not in line and line.startswith("content/")]


def test_new_country_in_the_real_content_fails_only_on_todos_until_filled(tmp_path):
    root = copy_real_content(tmp_path)
    result = run("new", "country", "bra", cwd=root)
    assert result.returncode == 0, result.stderr
    path = root / "content/countries/bra.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == modeline("content/countries", "countries")
    assert 'name: "Brazil"' in lines
    assert not any(line.startswith("official_name:") for line in lines)  # no source gave it
    assert 'last_reviewed: "TODO"' in lines  # dates quoted, as the guide asks

    check = run("check", cwd=root)
    assert check.returncode == 1
    errors = _errors(check)
    assert errors == [
        "content/countries/bra.yml:10:16: last_reviewed: replace the placeholder TODO "
        "(When a coordinator last checked this record against its sources (YYYY-MM-DD).)",
        "content/countries/bra.yml:12:11: sources[0]: replace the placeholder TODO "
        "(Ids of the documents (content/sources/) that state these facts.)",
    ]

    path.write_text(text.replace('last_reviewed: "TODO"', 'last_reviewed: "2018-06-30"')
                    .replace("sources: [TODO]", "sources: [concept-note-2017]"), encoding="utf-8")
    filled = run("check", cwd=root)
    assert filled.returncode == 0, filled.stdout
    assert _errors(filled) == []


def test_every_required_field_is_written_with_its_meaning(tmp_path):
    root = write_site(tmp_path)
    assert run("new", "request", "mne", "2018", "clearance", cwd=root).returncode == 0
    text = (root / "content/requests/mne-2018-clearance.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    model = KINDS_BY_NAME["requests"].model
    for name, info in model.model_fields.items():
        if info.is_required():
            [at] = [i for i, line in enumerate(lines) if line.startswith(f"{name}:")]
            assert lines[at - 1].startswith("# "), name  # its description, just above
        else:
            assert f"#   {name}:" in text or f"\n{name}:" in text, name  # optional ones are listed
    assert "country: mne" in lines and "year: 2018" in lines and "area: clearance" in lines
    assert "status: TODO" in lines and "#   channels:" in text  # optional: a source may not say


@pytest.mark.parametrize("args, path", [
    (["request", "mne", "2018"], "content/requests/mne-2018.yml"),
    (["meeting", "2018-09-03", "8msp"], "content/meetings/2018-09-03-8msp.yml"),
    (["coalition", "mne", "victim-assistance"], "content/coalitions/mne-victim-assistance.yml"),
    (["source", "ccm-msp-2018-5"], "content/sources/ccm-msp-2018-5.yml"),
])
def test_each_kind_is_rejected_only_for_its_todos(tmp_path, args, path):
    root = write_site(tmp_path)
    result = run("new", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / path).read_text(encoding="utf-8")
    if args[0] == "meeting":
        assert 'date: "2018-09-03"' in text.splitlines()
    check = run("check", cwd=root)
    assert check.returncode == 1
    errors = _errors(check)
    assert errors and all(line.startswith(path) and "replace the placeholder TODO" in line for line in errors), errors
    assert len(errors) == text.count("TODO") - text.count("Replace every TODO")


def test_an_existing_file_is_never_overwritten(tmp_path):
    root = write_site(tmp_path)
    before = (root / "content/countries/mne.yml").read_text(encoding="utf-8")
    result = run("new", "country", "mne", cwd=root)
    assert result.returncode == 1
    assert "content/countries/mne.yml already exists" in result.stderr
    assert (root / "content/countries/mne.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args", [
    ["country", "xyz"],  # not an ISO 3166-1 code
    ["country"],
    ["request", "mne", "2009"],  # before the Convention's records start
    ["request", "mne", "2018", "demining"],
    ["meeting", "2018-02-30", "x"],
    ["meeting", "2018-09-03", "Eighth MSP"],
    ["planet", "mars"],
])
def test_usage_errors_exit_2_and_write_nothing(tmp_path, args):
    root = write_site(tmp_path)
    before = sorted(p for p in (root / "content").rglob("*"))
    result = run("new", *args, cwd=root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in (root / "content").rglob("*")) == before


def test_a_request_for_a_state_without_a_file_says_how_to_add_it(tmp_path):
    result = run("new", "request", "fra", "2018", cwd=write_site(tmp_path))
    assert result.returncode == 0
    assert "ccm-ica new country fra" in result.stdout
