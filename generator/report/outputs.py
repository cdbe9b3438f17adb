"""A status for each expected output of the work plan, with the figures and records behind it."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import long_date
from ..index import Site
from ..load import Entry
from ..models.action_plan import Measure
from .indicators import MEETING_MEASURES, Indicators, YearFigure

ACHIEVED, IN_PROGRESS, NOT_STARTED, NOT_MEASURABLE = "achieved", "in progress", "not started", "not measurable from the data"

# Which per-year series answers which "increased number of …" output.
_SERIES = {
    Measure.states_requesting: "states-requesting",
    Measure.states_providing: "states-providing",
    Measure.states_responding: "states-providing",
    Measure.states_receiving: "states-receiving",
}


@dataclass(frozen=True)
class OutputResult:
    entry: Entry
    status: str
    figures: str  # the numbers, as a sentence
    evidence: tuple[str, ...]  # what they were counted from


def _who(by: str | None) -> str:
    return "the ISU" if by in (None, "ISU") else by


def _trend(series: list[YearFigure]) -> tuple[str, str, tuple[str, ...]]:
    computed = [f for f in series if f.computed]
    reported = [f for f in series if f.reported is not None]
    if len(computed) >= 2:
        before, after = computed[-2], computed[-1]
        status = ACHIEVED if after.computed > before.computed else IN_PROGRESS
        return status, f"{before.computed} in {before.year}, {after.computed} in {after.year} (from the records)", after.evidence
    if len(reported) >= 2:
        before, after = reported[-2], reported[-1]
        status = ACHIEVED if after.reported > before.reported else IN_PROGRESS
        counted = f"; the records hold {computed[-1].computed} for {computed[-1].year}" if computed else ""
        return (status, f"{before.reported:g} in {before.year}, {after.reported:g} in {after.year} "
                        f"(as reported by {_who(after.reported_by)}; too few years in the records to compute it{counted})",
                computed[-1].evidence if computed else ())
    return NOT_MEASURABLE, "the records hold fewer than two years of figures", ()


def evaluate(site: Site, indicators: Indicators) -> list[OutputResult]:
    results = []
    for entry in sorted(site.entries["outputs"].values(), key=lambda e: e.record.order):
        measure = entry.record.measure
        if measure in MEETING_MEASURES:
            held = indicators.meetings[MEETING_MEASURES[measure]]
            status = ACHIEVED if held else NOT_STARTED
            figures = f"{len(held)} held by {long_date(indicators.as_of)}"
            evidence = tuple(f"{e.record.title} ({e.record.date.isoformat()})" for e in held)
        elif measure in _SERIES:
            status, figures, evidence = _trend(indicators.per_year[_SERIES[measure]])
        elif measure is Measure.evidence_based_requests:
            known = indicators.requests_total - indicators.requests_evidence_unknown
            if known == 0:
                status, figures = NOT_MEASURABLE, (f"none of the {indicators.requests_total} requests records whether it "
                                                   "has a completion plan, costs, a timeframe and named obstacles")
            else:
                status = IN_PROGRESS
                figures = f"{indicators.requests_evidence_based} of {known} requests whose evidence is recorded"
            evidence = ()
        else:
            status, figures, evidence = NOT_MEASURABLE, "no record kind holds this information yet", ()
        results.append(OutputResult(entry, status, figures, evidence))
    return results
