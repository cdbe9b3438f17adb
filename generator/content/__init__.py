"""Content: load (YAML with the line of every value) → validate (the models) → index (the Site)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ccm_ica.content.git_dates import last_changed
from ccm_ica.content.load import load_records
from ccm_ica.content.site import Site, index_site
from ccm_ica.problems import ContentError, Problem, Severity


def check(root: Path, as_of: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Load, validate and index everything under `root`; every problem found, all at once."""
    loaded = load_records(root)
    problems = list(loaded.problems)
    if loaded.config is None:
        return None, problems
    config = loaded.config if as_of is None else loaded.config.model_copy(update={"as_of": as_of})
    site, index_problems = index_site(config, loaded.entries, loaded.failed)
    problems += index_problems
    if any(p.severity is Severity.error for p in problems):
        return None, problems
    site.root = root
    return site, problems


def load_site(root: Path, as_of: dt.date | None = None) -> Site:
    """The indexed Site with each file's last change (from git), or ContentError carrying every problem."""
    site, problems = check(root, as_of)
    if site is None:
        raise ContentError(problems)
    site.changed = last_changed(root)
    return site


__all__ = ["Site", "check", "load_site"]
