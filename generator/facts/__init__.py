"""Facts: everything computed from the records as of a date, once per build, in no language.

Deadlines in force, statuses, reminders, the work plan's indicators and the expected outputs'
results are computed here a single time; every language's pages, the files and the report
read them. Where a fact carries words it carries a Phrase, worded when a page shows it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.facts.deadlines import Status, current_deadline, happened, obligation_status
from ccm_ica.facts.indicators import Indicators, compute
from ccm_ica.facts.outputs import OutputResult, evaluate
from ccm_ica.facts.reminders import Reminder, site_reminders
from ccm_ica.models.config import Windows
from ccm_ica.models.country import Country, Obligation


@dataclass(frozen=True)
class Facts:
    """What the records say as of `as_of`, computed once for every page, file and language."""

    site: Site
    as_of: dt.date
    windows: Windows
    meeting_dates: dict[str, dt.date]
    meetings_sorted: list[Entry]  # by date, then id
    reminders: list[Reminder]
    reminders_by_country: dict[str, list[Reminder]]
    indicators: Indicators
    results: list[OutputResult]  # one per expected output, in the work plan's order
    # Keyed by id(): obligations are records of the site, which lives as long as these facts.
    _deadlines: dict[int, dt.date | None] = field(repr=False)
    _statuses: dict[int, Status] = field(repr=False)

    def deadline(self, obligation: Obligation) -> dt.date | None:
        """The deadline in force: the original, or the last extension granted by as_of."""
        return self._deadlines[id(obligation)]

    def status(self, obligation: Obligation) -> Status:
        return self._statuses[id(obligation)]

    def next_deadline(self, country: Country) -> tuple[dt.date, Obligation] | None:
        """The soonest deadline in force of an obligation not completed as of the date."""
        upcoming = [(deadline, o) for o in country.obligations
                    if not happened(o.completed, self.as_of) and (deadline := self.deadline(o)) is not None]
        return min(upcoming, key=lambda pair: pair[0]) if upcoming else None


def compute_facts(site: Site, as_of: dt.date | None = None) -> Facts:
    """The facts of `site` as of `as_of`: by default the site's clock (the build's date, or the
    date a point-in-time build asks for); the report asks for its own cut-off."""
    as_of = as_of or site.as_of
    windows = site.config.windows
    meeting_dates = {e.id: e.record.date for e in site.entries["meetings"].values()}
    obligations = [o for e in site.entries["countries"].values() for o in e.record.obligations]
    reminders = site_reminders(site, as_of)
    by_country: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        if reminder.country:
            by_country[reminder.country].append(reminder)
    indicators = compute(site, as_of, windows.deadline_warning_months)
    return Facts(
        site=site,
        as_of=as_of,
        windows=windows,
        meeting_dates=meeting_dates,
        meetings_sorted=sorted(site.entries["meetings"].values(), key=lambda e: (e.record.date, e.id)),
        reminders=reminders,
        reminders_by_country=dict(by_country),
        indicators=indicators,
        results=evaluate(site, indicators),
        _deadlines={id(o): current_deadline(o, meeting_dates, as_of) for o in obligations},
        _statuses={id(o): obligation_status(o, meeting_dates, as_of, windows) for o in obligations},
    )
