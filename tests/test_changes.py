"""Last-changed dates from git: one `git log` for the site, dates fixed by the commits, none outside git."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from ccm_ica.content.git_dates import last_changed, parse_log
from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from sitefixture import write_site

NOR = "content/countries/nor.yml"


def git(root: Path, *args: str, date: str = "2018-01-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Coordinator", "GIT_AUTHOR_EMAIL": "c@example.org",
           "GIT_COMMITTER_NAME": "Coordinator", "GIT_COMMITTER_EMAIL": "c@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repository(tmp_path) -> Path:
    """The fixture site committed on 1 January 2018, then Norway's file changed on 5 March 2018."""
    root = write_site(tmp_path)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Fixture")
    (root / NOR).write_text((root / NOR).read_text(encoding="utf-8").replace("Norway", "Kingdom of Norway", 1), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Norway's name", date="2018-03-05T09:00:00+00:00")
    return root


def test_parse_log_keeps_the_newest_date_of_each_file():
    log = "\0" + "2018-03-05\n\ncontent/a.yml\n" + "\0" + "2018-01-01\n\ncontent/a.yml\ncontent/b.yml\n"
    assert parse_log(log) == {"content/a.yml": dt.date(2018, 3, 5), "content/b.yml": dt.date(2018, 1, 1)}
    assert parse_log("") == {}


def test_dates_come_from_the_last_commit_of_each_file(repository):
    changed = last_changed(repository)
    assert changed[NOR] == dt.date(2018, 3, 5)
    assert changed["content/countries/mne.yml"] == dt.date(2018, 1, 1)
    assert "site_config.yml" not in changed  # only records are listed


def test_profiles_meetings_and_the_changes_page_show_them(repository):
    pages = {src: markdown for src, (_, markdown) in render_site(prepare(load_site(repository))).items()}
    assert "Last changed 5 March 2018." in pages["countries/nor.md"]
    assert "Last changed 1 January 2018." in pages["meetings/2017-11-24-affected.md"]
    rows = [line for line in pages["changes/index.md"].splitlines() if line.startswith("| ") and "](" in line]
    assert rows[0] == "| 5 March 2018 | [Kingdom of Norway](../countries/nor.md) | country |"
    assert all(" 1 January 2018 " in row for row in rows[1:])


def test_a_merged_change_is_dated_by_its_merge(repository):
    """Pull requests merge into main: the date that counts is when the change reached it."""
    git(repository, "checkout", "--quiet", "-b", "pull-request")
    mne = repository / "content/countries/mne.yml"
    mne.write_text(mne.read_text(encoding="utf-8") + "focal_point: \"Ministry\"\n", encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", "Focal point", date="2018-04-01T09:00:00+00:00")
    git(repository, "checkout", "--quiet", "main")
    git(repository, "merge", "--quiet", "--no-ff", "-m", "Merge pull request", "pull-request", date="2018-04-20T09:00:00+00:00")
    assert last_changed(repository)["content/countries/mne.yml"] == dt.date(2018, 4, 20)


def test_no_dates_and_no_crash_outside_git(tmp_path):
    root = write_site(tmp_path)
    assert last_changed(root) == {}
    pages = {src: markdown for src, (_, markdown) in render_site(prepare(load_site(root))).items()}
    assert "Last changed" not in pages["countries/nor.md"]
    assert "not available in this build" in pages["changes/index.md"]


def test_a_shallow_clone_shows_no_dates(repository, tmp_path_factory):
    """A one-commit clone would date every file to that commit: better no date than a wrong one."""
    clone = tmp_path_factory.mktemp("shallow") / "site"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{repository}", str(clone)], check=True)
    assert last_changed(clone) == {}
