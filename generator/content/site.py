"""Index: resolve every reference, build the reverse relations once, apply cross-record rules."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccm_ica.content.load import Entry
from ccm_ica.content.pydantic_errors import dotted
from ccm_ica.content.references import Reference, references
from ccm_ica.content.rules import cross_record_problems
from ccm_ica.models.config import SiteConfig
from ccm_ica.models.kinds import KINDS, KINDS_BY_NAME
from ccm_ica.problems import Problem, Severity

RecordKey = tuple[str, str]  # (kind name, id)


@dataclass
class Site:
    """Every record by kind and id, and who refers to whom: what every later step reads."""

    config: SiteConfig
    entries: dict[str, dict[str, Entry]]
    referrers: dict[RecordKey, list[RecordKey]] = field(default_factory=dict)
    # File path → date of the last commit that changed it (content/git_dates.py); empty outside git.
    changed: dict[str, dt.date] = field(default_factory=dict)
    root: Path = Path(".")  # the project folder: its templates/ and locale/ make the pages
    as_of: dt.date = dt.date.min  # the site's clock: statuses are computed as of this date (content.build_date)

    def records(self, kind: str) -> list[Any]:
        return [entry.record for entry in self.entries[kind].values()]

    def referring(self, kind: str, record_id: str, of_kind: str) -> list[Entry]:
        """Entries of `of_kind` that refer to record (kind, id), e.g. a country's requests."""
        return [self.entries[k][i] for k, i in self.referrers.get((kind, record_id), []) if k == of_kind]


def _dangling(entry: Entry, reference: Reference, known: dict[str, Entry]) -> Problem:
    loc, kind, target = reference.loc, reference.kind, reference.target
    line, column = entry.at(*loc, key=reference.is_key)
    label = KINDS_BY_NAME[kind].label
    close = difflib.get_close_matches(target, list(known), n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return Problem(entry.path, line, column, f"{dotted(loc)}: there is no {label} '{target}'",
                   f"{guess}use the name of a file in {KINDS_BY_NAME[kind].folder}/ without '.yml', or add that file")


def index_site(config: SiteConfig, entries: list[Entry], failed: frozenset[RecordKey] = frozenset()) -> tuple[Site, list[Problem]]:
    """The Site, with every dangling reference and broken cross-record rule as a problem.

    `failed` names records whose files exist but did not validate: their own problems are
    already reported, so references to them are not reported a second time.
    """
    by_kind: dict[str, dict[str, Entry]] = {kind.name: {} for kind in KINDS}
    for entry in entries:
        by_kind[entry.kind.name][entry.id] = entry
    referrers: dict[RecordKey, list[RecordKey]] = defaultdict(list)
    problems: list[Problem] = []
    for entry in entries:
        seen: set[RecordKey] = set()
        for reference in references(entry.record):
            kind, target = reference.kind, reference.target
            if target not in by_kind[kind]:
                if (kind, target) not in failed:
                    problems.append(_dangling(entry, reference, by_kind[kind]))
            elif (kind, target) not in seen:
                seen.add((kind, target))
                referrers[(kind, target)].append((entry.kind.name, entry.id))
    site = Site(config, by_kind, dict(referrers))
    problems += cross_record_problems(site)
    problems += _uncited_sources(site)
    return site, problems


def _uncited_sources(site: Site) -> list[Problem]:
    """A source no record cites says nothing on the site, unless it holds figures of its own."""
    return [
        Problem(entry.path, 1, 1, f"the source '{entry.id}' is not cited by any record",
                "cite it in a record's sources, give it the `figures` it reports, or delete the file", Severity.warning)
        for entry in site.entries["sources"].values()
        if ("sources", entry.id) not in site.referrers and not entry.record.figures
    ]
