"""Indicators of the work plan, computed from the records as of a date.

Every figure keeps the records it was counted from, so the report can show its evidence, and
sits beside the figure the ISU reported where there is one: a difference is flagged, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.facts.deadlines import current_deadline, happened, months_between, pending_extension
from ccm_ica.i18n import CountryName
from ccm_ica.models.action_plan import Measure
from ccm_ica.models.meeting import MeetingKind

# The Coordinators' informal cycle (seed 000): one meeting of each kind was planned by the 8MSP.
MEETING_MEASURES = {
    Measure.meetings_affected_only: MeetingKind.affected_only,
    Measure.meetings_donor_only: MeetingKind.donor_only,
    Measure.meetings_joint: MeetingKind.joint,
}
# Measures the ISU also reported (measure slugs of meeting figures).
REPORTED_MEASURES = ("states-requesting", "states-providing", "states-receiving")


@dataclass(frozen=True)
class YearFigure:
    """One year of one measure: what the records give, and what was reported, if anything."""

    year: int
    computed: int
    evidence: tuple[CountryName, ...]  # the States counted, by their English names
    reported: float | None = None
    reported_by: str | None = None
    reported_in: str | None = None  # meeting id of the report

    @property
    def differs(self) -> bool:
        return self.reported is not None and self.reported != self.computed


@dataclass(frozen=True)
class Indicators:
    as_of: dt.date
    meetings: dict[MeetingKind, list[Entry]]
    per_year: dict[str, list[YearFigure]]  # measure slug → figures by year
    requests_total: int
    requests_evidence_based: int
    requests_evidence_unknown: int
    requests_with_response: int
    deadlines_needing_extension: list[tuple[Entry, int, dt.date]] = field(default_factory=list)


def _country_name(site: Site, iso3: str) -> CountryName:
    """Named in the page's language when shown: the action plan page lists the States counted."""
    return CountryName(iso3, site.entries["countries"][iso3].record.name)


def _counted_by_year(site: Site, as_of: dt.date) -> dict[str, dict[int, set[str]]]:
    """measure → year → ISO3 codes, from requests, responses and assistance dated by as_of."""
    counted: dict[str, dict[int, set[str]]] = {m: defaultdict(set) for m in REPORTED_MEASURES}
    for request in site.records("requests"):
        if request.year <= as_of.year:
            counted["states-requesting"][request.year].add(request.country)
        for response in request.responses:
            if response.date is None or not happened(response.date, as_of):
                continue
            counted["states-receiving"][response.date.year].add(request.country)
            if response.country:
                counted["states-providing"][response.date.year].add(response.country)
    for assistance in site.records("assistance"):
        if assistance.year <= as_of.year:
            counted["states-receiving"][assistance.year].add(assistance.recipient)
            if assistance.donor_country:
                counted["states-providing"][assistance.year].add(assistance.donor_country)
    return counted


def _reported(site: Site, as_of: dt.date) -> dict[tuple[str, int], tuple[float, str | None, str]]:
    """(measure, year) → (value, by, meeting id) of figures reported at meetings held by as_of."""
    reported = {}
    for entry in sorted(site.entries["meetings"].values(), key=lambda e: (e.record.date, e.id)):
        if entry.record.date > as_of:
            continue
        for figure in entry.record.figures:
            if figure.measure in REPORTED_MEASURES and figure.year is not None:
                reported[(figure.measure, figure.year)] = (figure.value, figure.by, entry.id)
    return reported


def compute(site: Site, as_of: dt.date, warning_months: int) -> Indicators:
    # The work plan's meetings are those of the period the report covers: the informal meetings
    # of February and June 2017, before it, were the previous Coordinators' cycle.
    period = site.config.report.period
    until = min(as_of, period.end)
    meetings = {
        kind: [e for e in sorted(site.entries["meetings"].values(), key=lambda e: e.record.date)
               if e.record.kind is kind and period.start <= e.record.date <= until]
        for kind in MEETING_MEASURES.values()
    }
    counted = _counted_by_year(site, as_of)
    reported = _reported(site, as_of)
    per_year: dict[str, list[YearFigure]] = {}
    for measure in REPORTED_MEASURES:
        years = sorted(set(counted[measure]) | {year for (m, year) in reported if m == measure})
        per_year[measure] = [
            YearFigure(year, len(counted[measure][year]),
                       tuple(sorted((_country_name(site, c) for c in counted[measure][year]), key=lambda name: name.english)),
                       *(reported.get((measure, year)) or (None, None, None)))
            for year in years
        ]
    requests = [r for r in site.records("requests") if r.year <= as_of.year]
    evidence = [tuple(r.evidence.model_dump().values()) for r in requests]
    meeting_dates = {e.id: e.record.date for e in site.entries["meetings"].values()}
    needing = []
    for entry in sorted(site.entries["countries"].values(), key=lambda e: e.record.name):
        for obligation in entry.record.obligations:
            deadline = current_deadline(obligation, meeting_dates, as_of)
            if (obligation.article.value in (3, 4) and deadline and deadline >= as_of
                    and not happened(obligation.completed, as_of)
                    and months_between(as_of, deadline) < warning_months
                    and not pending_extension(obligation, meeting_dates, as_of)):
                needing.append((entry, obligation.article.value, deadline))
    return Indicators(
        as_of=as_of,
        meetings=meetings,
        per_year=per_year,
        requests_total=len(requests),
        requests_evidence_based=sum(1 for values in evidence if all(v is True for v in values)),
        requests_evidence_unknown=sum(1 for values in evidence if None in values and False not in values),
        requests_with_response=sum(1 for r in requests if any(happened(x.date, as_of) for x in r.responses)),
        deadlines_needing_extension=needing,
    )
