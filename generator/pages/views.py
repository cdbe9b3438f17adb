"""Views: the data each page template gets, from the records and the facts computed once per
build. A view runs when its page is rendered, in the page's language (detail pages: profile.py)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ccm_ica.content.load import Entry
from ccm_ica.facts import Facts
from ccm_ica.facts.deadlines import happened
from ccm_ica.facts.reminders import by_topic
from ccm_ica.files import data as data_files
from ccm_ica.i18n import DEFAULT, _, country_name, current, long_date
from ccm_ica.models.common import PartialDate
from ccm_ica.models.request import Request, RequestStatus
from ccm_ica.pages import charts

OPEN = (RequestStatus.open, RequestStatus.partly_met)
RECENT_CHANGES = 50  # records listed on /changes/; the git history has the rest


@dataclass(frozen=True)
class PageInputs:
    """What every language's pages are made from, once per build: the facts as of the site's
    date, the files published beside the pages, and the report's body."""

    facts: Facts
    files: dict[str, bytes]
    report: dict[str, Markup]  # the report's body per language


def countries_sorted(facts: Facts) -> list[Entry]:
    """In the page's alphabetical order: "Allemagne" among the A's of the French pages."""
    return sorted(facts.site.entries["countries"].values(), key=lambda e: alphabetical(state_name(e)))


def evidence_based(request: Request) -> bool | None:
    """True when all four elements are there, False when one is known missing, None if unknown."""
    values = request.evidence.model_dump().values()
    return False if False in values else (True if all(v is True for v in values) else None)


def countries(inputs: PageInputs) -> dict[str, Any]:
    facts, rows = inputs.facts, []
    for entry in countries_sorted(facts):
        upcoming = facts.next_deadline(entry.record)
        own_requests = [e for e in facts.site.referring("countries", entry.id, "requests") if e.record.country == entry.id]
        rows.append({"entry": entry, "articles": [o.article for o in entry.record.obligations],
                     "next": upcoming and {"date": upcoming[0], "status": facts.status(upcoming[1])},
                     "open_requests": sum(1 for e in own_requests if e.record.status in OPEN), "requests": len(own_requests)})
    statuses = [row["entry"].record.treaty and row["entry"].record.treaty.status.value for row in rows]
    parties, signatories = statuses.count("state-party"), statuses.count("signatory")
    return {"rows": rows, "counts": {"parties": parties, "signatories": signatories, "others": len(rows) - parties - signatories}}


def deadline_rows(facts: Facts) -> dict[str, Any]:
    rows = [
        {"country": entry, "obligation": o, "deadline": facts.deadline(o), "status": facts.status(o)}
        for entry in countries_sorted(facts)
        for o in entry.record.obligations
        if o.article.value in (3, 4) and (o.deadline or o.extensions)
    ]
    done = [r for r in rows if r["status"].code == "completed"]
    open_rows = sorted((r for r in rows if r["status"].code != "completed"), key=lambda r: (r["deadline"] or dt.date.max, r["country"].id))
    return {"rows": open_rows, "completed": sorted(done, key=lambda r: (str(r["obligation"].completed), r["country"].id))}


def deadlines(inputs: PageInputs) -> dict[str, Any]:
    """Every Article 3 and 4 ledger, soonest first; the open ones also as one chart, above their
    table (a chart gives no date its table does not: completed ledgers have their own section)."""
    facts = inputs.facts
    found = deadline_rows(facts)
    ledgers = [charts.ledger_row(_("%(country)s, Art. %(article)s", country=state_name(r["country"]), article=r["obligation"].article.value),
                                 r["obligation"], facts.meeting_dates, facts.as_of) for r in found["rows"]]
    title = _("Article 3 and 4 deadlines as of %(date)s", date=long_date(facts.as_of))
    return {**found, "chart": ledgers and charts.deadlines_chart("chart-deadlines", title, ledgers, facts.as_of)}




def state_name(entry: Entry) -> str:
    """A State's name in the page's language."""
    return country_name(entry.id, entry.record.name)


def alphabetical(text: str) -> str:
    """A sort key that files 'États-Unis' under E and 'Émirats' before 'Érythrée', as dictionaries do."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def coalitions(inputs: PageInputs) -> dict[str, Any]:
    return {"coalitions": coalition_rows(inputs.facts)}


def coalition_rows(facts: Facts) -> list[dict[str, Any]]:
    entries = sorted(facts.site.entries["coalitions"].values(), key=lambda e: e.record.title)
    return [
        {"entry": e, "stage": facts.stage(e.record), "since": facts.stage_horizon(e.record),
         "milestones": [{"milestone": m, "past": happened(m.date, facts.as_of)} for m in sorted(e.record.milestones, key=lambda m: m.date)]}
        for e in entries
    ]


def action_plan(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    site = facts.site
    return {
        "headings": sorted(site.entries["headings"].values(), key=lambda e: e.id),
        "activities": sorted(site.entries["activities"].values(), key=lambda e: (e.record.start or PartialDate(9999), e.id)),
        "outputs": sorted(site.entries["outputs"].values(), key=lambda e: e.record.order),
        # The same statuses and figures as the progress report, as of the same date.
        "results": {r.entry.id: r for r in facts.results},
    }


def meetings(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    ordered = list(reversed(facts.meetings_sorted))
    return {"upcoming": [e for e in ordered if e.record.date > facts.as_of],
            "past": [e for e in ordered if e.record.date <= facts.as_of]}


def sources(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    site = facts.site
    entries = sorted(site.entries["sources"].values(), key=lambda e: (str(e.record.date or ""), e.id))
    return {"sources": [
        {"entry": e, "cited_by": sorted((site.entries[k][i] for k, i in site.referrers.get(("sources", e.id), [])),
                                        key=lambda c: (c.kind.name, c.id))}
        for e in entries
    ]}


def attention(inputs: PageInputs) -> dict[str, Any]:
    """The /attention/ page: every reminder, grouped by what it is about."""
    facts = inputs.facts
    return {"topics": list(by_topic(facts.reminders))}


def changes(inputs: PageInputs) -> dict[str, Any]:
    """The /changes/ page: records by the date of their last commit, newest first."""
    facts = inputs.facts
    entries = [e for kind in facts.site.entries.values() for e in kind.values() if e.path in facts.site.changed]
    rows = sorted(((facts.site.changed[e.path], e) for e in entries), key=lambda pair: (-pair[0].toordinal(), pair[1].path))
    return {"rows": rows[:RECENT_CHANGES], "total": len(rows), "dated": bool(facts.site.changed)}


def data(inputs: PageInputs) -> dict[str, Any]:
    """The /data/ page: every file the build publishes, with its size."""
    return data_files.page_context(inputs.facts.site, inputs.files)


def report(inputs: PageInputs) -> dict[str, Any]:
    """The /report/ page: the report's body in the page's language, or in English (so marked)
    where the site has no catalog for it."""
    body = inputs.report.get(current())
    return {"body": body or inputs.report[DEFAULT], "in_english": body is None}
