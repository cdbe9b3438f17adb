"""What the change does to what the site and the report compute: statuses on each clock (the
site's date, the report's cut-off) and the report's figures, each before → after, in words."""

from __future__ import annotations

from dataclasses import dataclass

from ccm_ica.diff.records import Renames
from ccm_ica.diff.words import record_label
from ccm_ica.facts import Facts
from ccm_ica.facts.deadlines import DeadlineStatus, pending_extension
from ccm_ica.facts.indicators import MEETING_MEASURES, REPORTED_MEASURES
from ccm_ica.facts.reported import requests_by_area, states_by_article
from ccm_ica.i18n import _, long_date
from ccm_ica.models.action_plan import Measure
from ccm_ica.pages.labels import status_text, term


@dataclass(frozen=True)
class Outcome:
    """One status or figure that differs: what it is, and its words before and after (None:
    there was, or is, no such thing, e.g. the State was added)."""

    what: str
    before: str | None
    after: str | None


def compare(before: dict[tuple[str, ...], tuple[str, str]], after: dict[tuple[str, ...], tuple[str, str]]) -> list[Outcome]:
    """Each key's (label, words) on both sides: those that differ, in the new side's order."""
    keys = [*after, *(k for k in before if k not in after)]
    return [Outcome((after.get(k) or before[k])[0], before[k][1] if k in before else None, after[k][1] if k in after else None)
            for k in keys if (before.get(k) or (None, None))[1] != (after.get(k) or (None, None))[1]]


def statuses(facts: Facts, renames: Renames | None = None) -> dict[tuple[str, ...], tuple[str, str]]:
    """Every status the facts compute, keyed by the record (its new id across a rename):
    each obligation's (with its deadline in force), each request's and each coalition's stage."""
    site, renames = facts.site, renames or {}
    meeting_dates = facts.meeting_dates
    found: dict[tuple[str, ...], tuple[str, str]] = {}

    def key(kind: str, record_id: str, *rest: str) -> tuple[str, ...]:
        return (kind, renames.get((kind, record_id), record_id), *rest)

    for entry in sorted(site.entries["countries"].values(), key=lambda e: e.record.name):
        for obligation in entry.record.obligations:
            status, deadline = facts.status(obligation), facts.deadline(obligation)
            words = status_text(status)
            if deadline is not None and status.code is not DeadlineStatus.completed:
                words = _("%(status)s (deadline in force: %(date)s)", status=words, date=long_date(deadline))
            if pending_extension(obligation, meeting_dates, facts.as_of):
                words = _("%(status)s; extension requested", status=words)
            found[key("countries", entry.id, obligation.article.name)] = (f"{entry.record.name}: {term(obligation.article)}", words)
    for entry in sorted(site.entries["requests"].values(), key=lambda e: (e.record.year, e.id)):
        horizon = facts.request_horizon(entry.record)
        words = term(entry.record.status) + (f" — {horizon}" if horizon else "")
        found[key("requests", entry.id)] = (record_label(site, "requests", entry.id), words)
    for entry in sorted(site.entries["coalitions"].values(), key=lambda e: e.record.title):
        stage, horizon = facts.stage(entry.record), facts.stage_horizon(entry.record)
        words = (term(stage) if stage else _("not recorded yet")) + (f" — {horizon}" if horizon else "")
        found[key("coalitions", entry.id)] = (record_label(site, "coalitions", entry.id), words)
    return found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def figures(facts: Facts) -> dict[tuple[str, ...], tuple[str, str]]:
    """The report's figures, as its tables give them: each expected output's status and
    figures, each indicator by year (counted and reported), the counts by area and article."""
    site, indicators = facts.site, facts.indicators
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for result in facts.results:
        output = result.entry.record
        found[("output", result.entry.id)] = (_("Expected output %(n)s (%(measure)s)", n=output.order, measure=term(output.measure)),
                                              f"{result.status_label}: {result.figures}")
    for kind in MEETING_MEASURES:
        held = indicators.meetings[MEETING_MEASURES[kind]]
        found[("meetings", kind.value)] = (_capital(term(kind)), str(len(held)))
    for measure in REPORTED_MEASURES:
        label = term(Measure(measure))
        for figure in indicators.per_year[measure]:
            found[(measure, str(figure.year), "computed")] = (_("%(indicator)s, %(year)s: from the records", indicator=_capital(label),
                                                                year=figure.year), str(figure.computed))
            if figure.reported is not None:
                found[(measure, str(figure.year), "reported")] = (
                    _("%(indicator)s, %(year)s: reported", indicator=_capital(label), year=figure.year), f"{figure.reported:g}")
    found[("requests", "total")] = (_("Requests for assistance counted"), str(indicators.requests_total))
    found[("requests", "evidence-based")] = (_("Evidence-based requests"), str(indicators.requests_evidence_based))
    found[("requests", "responded")] = (_("Requests with a response"), str(indicators.requests_with_response))
    needing = [f"{e.record.name} (Article {article})" for e, article, _deadline in indicators.deadlines_needing_extension]
    found[("deadlines", "needing-extension")] = (_("Deadlines close, with no extension request"), "; ".join(needing) or _("none"))
    for figure in [*requests_by_area(site, facts.as_of), *states_by_article(site, facts.as_of)]:
        label = f"{figure.figure.year}: {figure.figure.label}" if figure.figure.year else str(figure.figure.label)
        found[("reported", label)] = (label, str(figure.recorded) if figure.recorded is not None else _("not stated in the records"))
    return found
