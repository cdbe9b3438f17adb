"""Information horizons: the date up to which a record's information is current.

A status is only as good as the latest dated source behind it. An obligation, a request, a
coalition and a State's profile each know that date (their latest dated source, or dated event
such as a response or a milestone); a status that could have changed since reads "no
information since <date>" rather than being stated as of a later date it cannot speak for.
Undated sources do not count: they may be of any age.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from ccm_ica.content.site import Site
from ccm_ica.i18n import LongDate, Phrase, phrase
from ccm_ica.models.coalition import Coalition, Stage
from ccm_ica.models.common import PartialDate
from ccm_ica.models.country import Country, Obligation
from ccm_ica.models.request import Request, RequestStatus

# A request still awaiting an answer: a later source could say it was met.
UNSETTLED_REQUESTS = (RequestStatus.open, RequestStatus.partly_met)


def latest_dated(site: Site, source_ids: Iterable[str], events: Iterable[PartialDate | None] = ()) -> PartialDate | None:
    """The latest date among the dated sources cited and the dated events, as precise as they are
    (a source dated only by its year counts from its first day). None when nothing is dated."""
    sources = site.entries["sources"]
    dates = [sources[i].record.date for i in source_ids if i in sources]
    dated = [d for d in (*dates, *events) if d is not None]
    return max(dated, key=lambda d: d.start, default=None)


def information_current_to(site: Site, country: Country, obligation: Obligation) -> PartialDate | None:
    """The latest date an obligation's ledger knows of: its dated sources (its own, or the State's
    where it has none, and its extensions') and its recorded events (a completion, an extension
    submitted or decided): Lao PDR's extension decided at the 9MSP is known as of that meeting."""
    cited = [*(obligation.sources or country.sources), *(i for x in obligation.extensions for i in x.sources)]
    return latest_dated(site, cited, _ledger_events(site, [obligation]))


def country_current_to(site: Site, country: Country) -> PartialDate | None:
    """What a State's profile rests on: the State's own sources, its treaty's, its reports' and
    every obligation's ledger, with the ledgers' recorded events: a profile showing "completed
    September 2023" is current to then."""
    cited = [*country.sources, *(country.treaty.sources if country.treaty else []),
             *(i for r in country.article7_reports for i in r.sources),
             *(i for o in country.obligations for i in [*o.sources, *(i for x in o.extensions for i in x.sources)])]
    return latest_dated(site, cited, _ledger_events(site, country.obligations))


def _ledger_events(site: Site, obligations: Iterable[Obligation]) -> list[PartialDate | None]:
    """The dates of what the ledgers record: completions, extensions submitted, and decisions
    taken by a meeting the content holds."""
    meetings, events = site.entries["meetings"], []
    for obligation in obligations:
        events.append(obligation.completed)
        for extension in obligation.extensions:
            events.append(extension.submitted)
            if extension.granted is not None and extension.decided_at in meetings:
                held = meetings[extension.decided_at].record.date
                events.append(PartialDate(held.year, held.month, held.day))
    return events


def request_current_to(site: Site, request: Request) -> PartialDate | None:
    """A request's sources and its responses' (with the responses' own dates)."""
    return latest_dated(site, [*request.sources, *(i for r in request.responses for i in r.sources)],
                        [r.date for r in request.responses])


def coalition_current_to(site: Site, coalition: Coalition) -> PartialDate | None:
    """A coalition's sources, its milestones' sources and the milestones' own dates."""
    return latest_dated(site, [*coalition.sources, *(i for m in coalition.milestones for i in m.sources)],
                        [m.date for m in coalition.milestones])


def last_day(when: PartialDate | dt.date) -> dt.date:
    """The latest day a partial date may mean, so a horizon is never said to be older than it is."""
    if isinstance(when, dt.date):
        return when
    if when.day:
        return when.start
    month = when.month or 12
    return dt.date(when.year, month, calendar.monthrange(when.year, month)[1])


def since_phrase(current_to: PartialDate | None, as_of: dt.date) -> Phrase | None:
    """"no information since <date>" when the information stops before `as_of`, "no dated
    source" when none is dated; None when the information reaches `as_of`."""
    if current_to is None:
        return phrase("no dated source")
    if last_day(current_to) < as_of:
        return phrase("no information since %(date)s", date=LongDate(current_to))
    return None


def after_sources(deadline: dt.date, current_to: PartialDate | None) -> Phrase | None:
    """For a deadline that has passed: what the sources cannot say, when none is dated on or after
    it (a source dated only by its year or month counts from its first day: never overstated)."""
    if current_to is not None and current_to.start >= deadline:
        return None
    return (phrase("no information since %(date)s", date=LongDate(current_to)) if current_to
            else phrase("no dated source since the deadline"))


def request_horizon(request: Request, current_to: PartialDate | None, as_of: dt.date) -> Phrase | None:
    """What to add to an open or partly met request's status as of the date (None for a settled one)."""
    return since_phrase(current_to, as_of) if request.status in UNSETTLED_REQUESTS else None


def stage_horizon(stage: Stage | None, current_to: PartialDate | None, as_of: dt.date) -> Phrase | None:
    """What to add to a coalition's stage as of the date: nothing once completed or not recorded."""
    return since_phrase(current_to, as_of) if stage not in (None, Stage.completed) else None
