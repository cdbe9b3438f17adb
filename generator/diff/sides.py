"""The two sides of a diff: the project as it was at a git commit (BASE), copied out of git into
a temporary folder, and the working tree; each loaded, checked and rendered by the same code."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ccm_ica import i18n
from ccm_ica.content import check
from ccm_ica.content.site import Site
from ccm_ica.facts import Facts, compute_facts
from ccm_ica.pages.render import TEMPLATES, prepare, render_site
from ccm_ica.problems import ContentError, Problem, Severity

# What the pages are made from: the generator's code is the one running, for both sides.
PROJECT_PATHS = ("content", "site_config.yml", "templates", "locale", "seeds", "docs")
# Where BASE is looked for when none is given: the branch pull requests are merged into.
MAIN_BRANCHES = ("main", "origin/main")


class GitError(Exception):
    """A BASE that git cannot give: the message says what to do instead."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def resolve_base(root: Path, ref: str | None) -> tuple[str, str]:
    """(what the reader asked for, its commit) for `ref`, or by default the merge base of HEAD
    with main: what a pull request's branch started from."""
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        raise GitError(f"'{root}' is not in a git repository: ccm-ica diff compares the content with a commit")
    if ref is None:
        for branch in MAIN_BRANCHES:
            found = _git(root, "merge-base", "HEAD", branch)
            if found.returncode == 0:
                return branch, found.stdout.decode().strip()
        raise GitError("there is no branch 'main' to compare with: give the commit, e.g. ccm-ica diff origin/main")
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise GitError(f"'{ref}' is not a commit of this repository: give a branch, a tag or a commit")
    return ref, found.stdout.decode().strip()


@contextlib.contextmanager
def checked_out(root: Path, commit: str) -> Iterator[Path]:
    """The project's content, settings, templates and catalogs at `commit`, in a temporary
    folder removed afterwards (git archive: no checkout, the working tree is untouched)."""
    # The project may sit below the repository's top: archive its folder's paths only.
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    listed = _git(root, "ls-tree", "--name-only", commit, "--", *(prefix + p for p in PROJECT_PATHS))
    present = [line for line in listed.stdout.decode().splitlines() if line]
    with tempfile.TemporaryDirectory(prefix="ccm-ica-diff-") as folder:
        if present:
            archive = _git(root, "archive", "--format=tar", commit, "--", *present)
            if archive.returncode != 0:
                raise GitError(f"git could not read {commit[:12]}: {archive.stderr.decode().strip()}")
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(folder, filter="data")
        yield Path(folder) / prefix


@dataclass
class Side:
    """One side, as the site would show it: its records, facts on both clocks, and every page."""

    problems: list[Problem]
    site: Site | None = None
    facts: Facts | None = None  # as of the site's clock
    report_facts: Facts | None = None  # as of the report's cut-off
    pages: dict[str, str] = field(default_factory=dict)  # "fr/countries/mne.md" → Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # data/…, report/….docx

    @property
    def valid(self) -> bool:
        return self.site is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]


def load_side(root: Path, as_of: dt.date, prepared_on: dt.date) -> Side:
    """Check the project at `root`, then compute what the site and the report would show; a side
    that does not validate keeps its problems only. Both sides get one clock, so only what the
    change does differs."""
    site, problems = check(root, as_of)
    if site is None:
        return Side(problems)
    return Side(problems, site, compute_facts(site), compute_facts(site, site.config.report.as_of))


def render_pages(side: Side, prepared_on: dt.date) -> list[Problem]:
    """Every page of the side in every language of its site_config.yml, and the files beside
    them; the problems of a template or catalog that breaks a page (the build would fail too)."""
    assert side.site is not None
    site = side.site
    try:
        catalogs, problems = i18n.load_catalogs(site.root, list(site.config.languages))
        if problems:
            return problems
        inputs = prepare(site, catalogs, prepared_on)
        for number, language in enumerate(site.config.languages):
            prefix = "" if number == 0 else f"{language}/"
            for src, (_page, markdown) in render_site(inputs, language, catalogs).items():
                side.pages[prefix + src] = markdown
    except ContentError as error:
        side.pages = {}
        return error.problems
    side.files = dict(inputs.files)
    return []


def use_templates(folder: Path, root: Path) -> None:
    """Put the working tree's templates in BASE's folder: for a BASE whose own templates this
    version of the generator cannot render (a view and its template changed together)."""
    shutil.rmtree(folder / TEMPLATES, ignore_errors=True)
    shutil.copytree(root / TEMPLATES, folder / TEMPLATES)

def commit_subject(root: Path, commit: str) -> tuple[str, dt.date | None]:
    """BASE as a reader knows it: its commit's subject line and date (the hash tells them nothing)."""
    shown = _git(root, "show", "-s", "--format=%s%n%cs", commit).stdout.decode().splitlines()
    return (shown[0], dt.date.fromisoformat(shown[1])) if len(shown) >= 2 else ("", None)
