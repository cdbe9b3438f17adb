"""`ccm-ica diff BASE`: what a pull request does to the records, statuses, figures and pages,
read from real git histories made in a temporary repository from the fixture site."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ccm_ica.cli import main
from sitefixture import PAGE_MAKERS, PROJECT, write_site

# Fixed names and dates: the same history, the same commits, the same comment.
GIT_ENV = {"GIT_AUTHOR_NAME": "A Coordinator", "GIT_AUTHOR_EMAIL": "coordinator@example.org",
           "GIT_COMMITTER_NAME": "A Coordinator", "GIT_COMMITTER_EMAIL": "coordinator@example.org",
           "GIT_AUTHOR_DATE": "2018-06-29T12:00:00Z", "GIT_COMMITTER_DATE": "2018-06-29T12:00:00Z",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

CHAD = """
    name: Chad
    treaty:
      status: state-party
    roles: [affected]
    obligations:
      - article: 4
        deadline: "2019-03-01"
    last_reviewed: "2018-01-15"
    sources: [note]
"""
# An example of the comment, shown on the contribute page (see the last test).
EXAMPLE_START, EXAMPLE_END = "<!-- ccm-ica diff example: start -->", "<!-- ccm-ica diff example: end -->"
PREVIEW = "https://ccm-ica.github.io/ccm-ica/pr-preview/pr-12/"


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True)
    return result.stdout


def repository(tmp_path: Path) -> Path:
    """The fixture site committed on `main`, its templates and catalogs copied in (not linked)."""
    project = write_site(tmp_path / "project")
    for folder in PAGE_MAKERS:
        if (project / folder).is_symlink():
            (project / folder).unlink()
            shutil.copytree(PROJECT / folder, project / folder)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The fixture site")
    return project


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_diff(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), "diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_added_state_is_a_record_statuses_and_a_new_page(tmp_path, capsys):
    project = repository(tmp_path)
    write_site(project, {"content/countries/tcd.yml": CHAD})
    code, out, _err = run_diff(project, capsys, "main")
    assert code == 0
    assert "Compared with main, at its commit “The fixture site” of 29 June 2018." in out
    assert "**Added**\n\n- country **Chad**, `content/countries/tcd.yml`\n" in out
    assert "#### Statuses on the site, as of 30 June 2018" in out
    assert ("- Chad: clearance \\(Article 4\\): (not there before) → pressing: deadline in 8 months "
            "\\(deadline in force: 1 March 2019\\)") in out
    assert "**New pages** (1)\n\n- `/countries/tcd/` Chad\n" in out
    assert "No change to the data" not in out


def test_a_changed_deadline_names_the_field_and_the_status_in_words(tmp_path, capsys):
    project = repository(tmp_path)
    edit(project, "content/countries/lao.yml", 'deadline: "2020-08-01"', 'deadline: "2018-09-01"')
    git(project, "checkout", "-q", "-b", "lao-deadline")
    git(project, "commit", "-q", "-am", "Lao PDR: the deadline the source gives")
    code, out, _err = run_diff(project, capsys)  # BASE by default: where the branch left main
    assert code == 0
    assert "- country **Lao People's Democratic Republic**, `content/countries/lao.yml`\n" in out
    assert "  - obligations › clearance \\(Article 4\\) › deadline: 1 August 2020 → 1 September 2018\n" in out
    assert re.search(r"- Lao People's Democratic Republic: clearance \\\(Article 4\\\): [^\n]*deadline in 25 months[^\n]* → "
                     r"pressing: deadline in 2 months \\\(deadline in force: 1 September 2018\\\)", out), out
    assert "- `/countries/lao/` Lao People's Democratic Republic" in out
    assert "`/deadlines/` Deadlines" in out


def test_a_removed_source_still_cited_fails_with_the_checks_messages(tmp_path, capsys):
    project = repository(tmp_path)
    (project / "content/sources/summary.yml").unlink()
    code, out, err = run_diff(project, capsys, "main")
    assert code == 1
    assert "**ccm-ica check:** " in out and "errors, to fix before merging:" in out
    assert "`content/countries/nor.yml:4:" in out and "there is no source 'summary'" in out
    assert "content/countries/nor.yml:4:" in err and "there is no source 'summary'" in err  # as `ccm-ica check` prints it
    assert "#### Records" not in out  # nothing compared with content that does not validate


def test_a_change_that_moves_a_report_figure_shows_it_before_and_after(tmp_path, capsys):
    project = repository(tmp_path)
    edit(project, "content/meetings/2017-11-24-affected.yml", "kind: affected-only", "kind: joint")
    code, out, _err = run_diff(project, capsys, "main")
    assert code == 0
    assert "  - kind: Informal meeting with affected States → Joint informal meeting\n" in out
    assert "#### The report’s figures" in out
    assert ("- Expected output 1 \\(informal meetings with affected States held\\): achieved: 1 held by 30 June 2018 → "
            "not reported: none recorded by 30 June 2018") in out
    assert "- Informal meetings with affected States held: 1 → 0" in out
    assert "- Joint informal meetings held: 0 → 1" in out


def test_a_template_only_change_changes_pages_not_data(tmp_path, capsys):
    project = repository(tmp_path)
    template = project / "templates/country.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{{ _('Thank you for reading.') }}\n", encoding="utf-8")
    code, out, _err = run_diff(project, capsys, "main")
    assert code == 0
    assert "No change to the data." in out
    assert "#### Records" not in out and "#### Statuses" not in out
    assert "**Pages changed** (3)" in out
    for iso3, name in (("lao", "Lao People's Democratic Republic"), ("mne", "Montenegro"), ("nor", "Norway")):
        assert f"- `/countries/{iso3}/` {name}\n" in out
    assert "`/countries/` " not in out


def test_a_renamed_file_is_one_rename_and_its_references_are_not_changes(tmp_path, capsys):
    project = repository(tmp_path)
    git(project, "mv", "content/meetings/2019-09-02-9msp.yml", "content/meetings/2019-09-02-ninth-msp.yml")
    edit(project, "content/countries/lao.yml", "decided_at: 2019-09-02-9msp", "decided_at: 2019-09-02-ninth-msp")
    code, out, _err = run_diff(project, capsys, "main")
    assert code == 0
    assert ("**Renamed**\n\n- meeting **Ninth Meeting of States Parties**, `content/meetings/2019-09-02-9msp.yml` → "
            "`content/meetings/2019-09-02-ninth-msp.yml`\n") in out
    assert "**Changed**" not in out and "**Added**" not in out and "**Removed**" not in out
    assert "- `/meetings/2019-09-02-ninth-msp/` Ninth Meeting of States Parties" in out  # its new address
    assert "**Pages removed** (1)\n\n- `/meetings/2019-09-02-9msp/`" in out


def test_no_change_reads_no_change_to_the_data(tmp_path, capsys):
    project = repository(tmp_path)
    code, out, _err = run_diff(project, capsys, "main")
    assert code == 0
    assert "**ccm-ica check:** the content is valid." in out
    assert "No change to the data.\n\nNo page of the site changes.\n" in out


def test_json_says_the_same_for_machines(tmp_path, capsys):
    project = repository(tmp_path)
    write_site(project, {"content/countries/tcd.yml": CHAD})
    code, out, _err = run_diff(project, capsys, "main", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["valid"] is True and data["data_changed"] is True
    assert data["commit"] == git(project, "rev-parse", "main").strip()
    [added] = data["records"]["added"]
    assert (added["kind"], added["id"], added["label"], added["path"]) == ("countries", "tcd", "Chad", "content/countries/tcd.yml")
    assert {"what": "Chad: clearance (Article 4)", "before": None,
            "after": "pressing: deadline in 8 months (deadline in force: 1 March 2019)"} in data["site_clock"]["statuses"]
    assert "/countries/tcd/" in [page["url"] for page in data["pages"]["added"]]


def test_a_base_that_does_not_validate_is_reported_as_such(tmp_path, capsys):
    project = repository(tmp_path)
    edit(project, "content/countries/nor.yml", "roles: [donor]", "role: [donor]")
    git(project, "commit", "-q", "-am", "A misspelt field")
    edit(project, "content/countries/nor.yml", "role: [donor]", "roles: [donor]")
    code, out, _err = run_diff(project, capsys, "HEAD")
    assert code == 0  # the working tree validates: the pull request fixes main
    assert "The content at HEAD does not validate, so nothing can be compared with it:" in out
    assert "- `content/countries/nor.yml:2:1`: unknown field 'role' (did you mean 'roles'?)" in out


def test_a_base_git_does_not_know_is_a_usage_error(tmp_path, capsys):
    project = repository(tmp_path)
    code, _out, err = run_diff(project, capsys, "no-such-branch")
    assert code == 2
    assert "'no-such-branch' is not a commit of this repository" in err


def _example(project: Path) -> Path:
    """The pull request of the documented example: a State added, a deadline moved."""
    git(project, "checkout", "-q", "-b", "chad")
    write_site(project, {"content/countries/tcd.yml": CHAD})
    edit(project, "content/countries/lao.yml", 'deadline: "2020-08-01"', 'deadline: "2018-09-01"')
    return project


def test_the_comment_shown_on_the_contribute_page_is_the_one_ccm_ica_writes(tmp_path, capsys, request):
    code, out, _err = run_diff(_example(repository(tmp_path)), capsys, "--preview-url", PREVIEW)
    assert code == 0
    quoted = "\n".join(f"> {line}".rstrip() for line in out.splitlines())
    for document in sorted((PROJECT / "docs/contribute").glob("index*.md")):  # and its translations
        text = document.read_text(encoding="utf-8")
        start, end = text.index(EXAMPLE_START) + len(EXAMPLE_START), text.index(EXAMPLE_END)
        if request.config.getoption("--update-golden"):
            document.write_text(text[:start] + "\n" + quoted + "\n" + text[end:], encoding="utf-8")
            continue
        assert text[start:end].strip("\n") == quoted, f"{document.name}: run pytest tests/test_diff.py --update-golden"
