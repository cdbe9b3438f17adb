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
from ccm_ica.facts.deadlines import Status, coalition_stage, current_deadline, happened, obligation_status
from ccm_ica.facts.horizons import (
    coalition_current_to,
    country_current_to,
    information_current_to,
    request_current_to,
    request_horizon,
    stage_horizon,
)
from ccm_ica.facts.indicators import Indicators, compute
from ccm_ica.facts.outputs import OutputResult, evaluate
from ccm_ica.facts.reminders import Reminder, site_reminders
from ccm_ica.i18n import Phrase
from ccm_ica.models.coalition import Coalition, Stage
from ccm_ica.models.common import PartialDate
from ccm_ica.models.config import Windows
from ccm_ica.models.country import Country, Obligation
from ccm_ica.models.request import Request


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
    # Requests, coalitions and States by id(): how far their information reaches.
    _record_current_to: dict[int, PartialDate | None] = field(repr=False)

    def deadline(self, obligation: Obligation) -> dt.date | None:
        """The deadline in force: the original, or the last extension granted by as_of."""
        return self._deadlines[id(obligation)]

    def status(self, obligation: Obligation) -> Status:
        return self._statuses[id(obligation)]

    def current_to(self, obligation: Obligation) -> PartialDate | None:
        """The date the obligation's information is current to: its latest dated source."""
        return self._current_to[id(obligation)]

    def profile_current_to(self, country: Country) -> PartialDate | None:
        """The latest dated source a State's profile rests on (its own and its obligations')."""
        return self._record_current_to[id(country)]

    def request_horizon(self, request: Request) -> Phrase | None:
        """"no information since <date>" for an open or partly met request whose sources stop
        before the date; None when its status needs no such words."""
        return request_horizon(request, self._record_current_to[id(request)], self.as_of)

    def stage(self, coalition: Coalition) -> Stage | None:
        """The coalition's stage as of the date: its latest milestone by then that sets one."""
        return coalition_stage(coalition, self.as_of)

    def stage_horizon(self, coalition: Coalition) -> Phrase | None:
        """"no information since <date>" for a stage not completed whose sources and milestones
        stop before the date."""
        return stage_horizon(self.stage(coalition), self._record_current_to[id(coalition)], self.as_of)

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
    ledgers = [(e.record, o) for e in site.entries["countries"].values() for o in e.record.obligations]
    obligations = [o for _country, o in ledgers]
    reminders = site_reminders(site, as_of)
    by_country: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        if reminder.country:
            by_country[reminder.country].append(reminder)
    indicators = compute(site, as_of, windows.deadline_warning_months)
    current_to = {id(o): information_current_to(site, country, o) for country, o in ledgers}
    record_current_to = {
        **{id(e.record): country_current_to(site, e.record) for e in site.entries["countries"].values()},
        **{id(e.record): request_current_to(site, e.record) for e in site.entries["requests"].values()},
        **{id(e.record): coalition_current_to(site, e.record) for e in site.entries["coalitions"].values()},
    }
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
        _record_current_to=record_current_to,
    )
