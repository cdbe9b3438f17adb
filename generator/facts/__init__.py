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
from ccm_ica.models.common import PartialDate
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
    _current_to: dict[int, PartialDate | None] = field(repr=False)

    def deadline(self, obligation: Obligation) -> dt.date | None:
        """The deadline in force: the original, or the last extension granted by as_of."""
        return self._deadlines[id(obligation)]

    def status(self, obligation: Obligation) -> Status:
        return self._statuses[id(obligation)]

    def current_to(self, obligation: Obligation) -> PartialDate | None:
        """The date the obligation's information is current to: its latest dated source."""
        return self._current_to[id(obligation)]

    def next_deadline(self, country: Country) -> tuple[dt.date, Obligation] | None:
        """The soonest deadline in force of an obligation not completed as of the date."""
        upcoming = [(deadline, o) for o in country.obligations
                    if not happened(o.completed, self.as_of) and (deadline := self.deadline(o)) is not None]
        return min(upcoming, key=lambda pair: pair[0]) if upcoming else None


def information_current_to(site: Site, country: Country, obligation: Obligation) -> PartialDate | None:
    """The date of the latest dated source an obligation's ledger cites (its own sources, or the
    State's where it has none, and its extensions'), as precise as the source: what is known of it
    is known up to then. None when no cited source is dated."""
    cited = [*(obligation.sources or country.sources), *(i for x in obligation.extensions for i in x.sources)]
    dates = [site.entries["sources"][i].record.date for i in cited if i in site.entries["sources"]]
    return max((d for d in dates if d is not None), key=lambda d: d.start, default=None)


def compute_facts(site: Site, as_of: dt.date | None = None) -> Facts:
    """The facts of `site` as of `as_of`: by default the site's clock (the build's date, or the
    date a point-in-time build asks for); the report asks for its own cut-off."""
    as_of = as_of or site.as_of
    windows = site.config.windows
    meeting_dates = {e.id: e.record.date for e in site.entries["meetings"].values()}
    ledgers = [(e.record, o) for e in site.entries["countries"].values() for o in e.record.obligations]
    obligations = [o for _country, o in ledgers]
    reminders = site_reminders(site, as_of)
    by_country: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        if reminder.country:
            by_country[reminder.country].append(reminder)
    indicators = compute(site, as_of, windows.deadline_warning_months)
    current_to = {id(o): information_current_to(site, country, o) for country, o in ledgers}
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
        _statuses={id(o): obligation_status(o, meeting_dates, as_of, windows, current_to[id(o)]) for o in obligations},
        _current_to=current_to,
    )
