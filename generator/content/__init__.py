"""Content: load (YAML with the line of every value) → validate (the models) → index (the Site)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ccm_ica.content.git_dates import last_changed, last_commit_date
from ccm_ica.content.load import load_records
from ccm_ica.content.quotes import quote_problems
from ccm_ica.content.site import Site, index_site
from ccm_ica.problems import ContentError, Problem, Severity


def build_date(root: Path) -> dt.date:
    """The site's clock: the build's date, from SOURCE_DATE_EPOCH (which `make site` sets to the
    last commit's time, so two builds of one commit agree), else the last commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return last_commit_date(root) or dt.date.today()


def check(root: Path, as_of: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Load, validate and index everything under `root`; every problem found, all at once.
    The site's statuses are computed as of `as_of`, by default the build's date."""
    loaded = load_records(root)
    problems = list(loaded.problems)
    if loaded.config is None:
        return None, problems
    site, index_problems = index_site(loaded.config, loaded.entries, loaded.failed)
    problems += index_problems
    problems += quote_problems(site, root)
    if any(p.severity is Severity.error for p in problems):
        return None, problems
    site.root = root
    site.as_of = as_of or build_date(root)
    return site, problems


def load_site(root: Path, as_of: dt.date | None = None) -> Site:
    """The indexed Site with each file's last change (from git), or ContentError carrying every problem."""
    site, problems = check(root, as_of)
    if site is None:
        raise ContentError(problems)
    site.changed = last_changed(root)
    return site


__all__ = ["Site", "check", "load_site"]
