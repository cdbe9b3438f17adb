"""A status for each expected output of the work plan, with the figures and records behind it."""

from __future__ import annotations

from dataclasses import dataclass

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.facts.indicators import MEETING_MEASURES, Indicators, YearFigure
from ccm_ica.i18n import N_, LongDate, Phrase, _, phrase, phrase_plural
from ccm_ica.models.action_plan import Measure

# Codes the report compares against; `OutputResult.status_label` words them for the page, and
# /glossary/ explains them. A meeting no record shows held is "not reported", never "not
# started": it may have been held.
ACHIEVED, IN_PROGRESS, NOT_REPORTED, NOT_MEASURABLE = (
    N_("achieved"), N_("not achieved yet"), N_("not reported"), N_("not measurable"))

# Which per-year series answers which "increased number of …" output. states-responding has
# none: the ISU counted States that provided assistance, not States that responded to requests.
_SERIES = {
    Measure.states_requesting: "states-requesting",
    Measure.states_providing: "states-providing",
    Measure.states_receiving: "states-receiving",
}


@dataclass(frozen=True)
class OutputResult:
    entry: Entry
    status: str
    figures: Phrase  # the numbers, as a sentence
    evidence: tuple[object, ...]  # what they were counted from (each shown with str())

    @property
    def status_label(self) -> str:
        return _(self.status)

    @property
    def evidence_text(self) -> Phrase | None:
        """What the figures were counted from: 'meetings held: …' or 'States counted: …'."""
        if not self.evidence:
            return None
        records = "; ".join(map(str, self.evidence))
        if self.entry.record.measure in MEETING_MEASURES:
            return phrase("meetings held: %(records)s", records=records)
        return phrase("States counted: %(records)s", records=records)


def _who(by: str | None) -> Phrase | str:
    return phrase("the ISU") if by in (None, "ISU") else by


def _trend(series: list[YearFigure]) -> tuple[str, str, tuple[str, ...]]:
    computed = [f for f in series if f.computed]
    reported = [f for f in series if f.reported is not None]
    if len(computed) >= 2:
        before, after = computed[-2], computed[-1]
        status = ACHIEVED if after.computed > before.computed else IN_PROGRESS
        return status, phrase("%(before)s in %(before_year)s, %(after)s in %(after_year)s (from the records)",
                         before=before.computed, before_year=before.year, after=after.computed, after_year=after.year), after.evidence
    if len(reported) >= 2:
        before, after = reported[-2], reported[-1]
        status = ACHIEVED if after.reported > before.reported else IN_PROGRESS
        figures = {"before": f"{before.reported:g}", "before_year": before.year, "after": f"{after.reported:g}",
                   "after_year": after.year, "who": _who(after.reported_by)}
        if computed:
            text = phrase("%(before)s in %(before_year)s, %(after)s in %(after_year)s, as reported by %(who)s; the "
                     "database holds too few years to count it itself (it counts %(count)s for %(year)s)",
                     count=computed[-1].computed, year=computed[-1].year, **figures)
        else:
            text = phrase("%(before)s in %(before_year)s, %(after)s in %(after_year)s, as reported by %(who)s; the "
                     "database holds too few years to count it itself", **figures)
        return status, text, computed[-1].evidence if computed else ()
    return NOT_MEASURABLE, phrase("the records hold fewer than two years of figures"), ()


def evaluate(site: Site, indicators: Indicators) -> list[OutputResult]:
    results = []
    for entry in sorted(site.entries["outputs"].values(), key=lambda e: e.record.order):
        measure = entry.record.measure
        if measure in MEETING_MEASURES:
            held = indicators.meetings[MEETING_MEASURES[measure]]
            status = ACHIEVED if held else NOT_REPORTED
            # None recorded is not "0 held": the meeting may have taken place without a record of it.
            figures = (phrase_plural("%(n)s held by %(date)s", "%(n)s held by %(date)s", len(held), date=LongDate(indicators.as_of))
                       if held else phrase("none recorded by %(date)s", date=LongDate(indicators.as_of)))
            evidence = tuple(phrase("%(title)s, %(date)s", title=e.record.title, date=LongDate(e.record.date)) for e in held)
        elif measure in _SERIES:
            status, figures, evidence = _trend(indicators.per_year[_SERIES[measure]])
        elif measure is Measure.evidence_based_requests:
            known = indicators.requests_total - indicators.requests_evidence_unknown
            if known == 0:
                status, figures = NOT_MEASURABLE, phrase("none of the %(total)s requests records whether it has a completion "
                                                    "plan, costs, a timeframe and named obstacles",
                                                    total=indicators.requests_total)
            else:
                status = IN_PROGRESS
                figures = phrase_plural("%(count)s of %(n)s request whose evidence is recorded",
                                   "%(count)s of %(n)s requests whose evidence is recorded", known,
                                   count=indicators.requests_evidence_based)
            evidence = ()
        else:
            status, figures, evidence = NOT_MEASURABLE, phrase("the database does not record this information yet"), ()
        results.append(OutputResult(entry, status, figures, evidence))
    return results
