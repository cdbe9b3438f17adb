"""The data each page template gets: records plus what is computed from them as of `as_of`."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from typing import Any

from . import charts
from .dates import long_date
from .i18n import _, country_name
from .index import Site
from .report.indicators import compute
from .report.outputs import evaluate
from .load import Entry
from .models.common import PartialDate
from .models.enums import Area
from .models.request import Request, RequestStatus
from .reminders import by_topic, site_reminders
from .status import (
    Status, coalition_stage, current_deadline, happened, months_between, next_deadline, obligation_status,
)

OPEN = (RequestStatus.open, RequestStatus.partly_met)
RECENT_CHANGES = 50  # records listed on /changes/; the git history has the rest


class Shared:
    """What every page needs once: computed a single time per build, not per page."""

    def __init__(self, site: Site):
        self.site = site
        self.as_of = site.config.as_of
        self.windows = site.config.windows
        self.meeting_dates = {e.id: e.record.date for e in site.entries["meetings"].values()}
        self.meetings_sorted = sorted(site.entries["meetings"].values(), key=lambda e: (e.record.date, e.id))
        # In the page's alphabetical order: "Allemagne" among the A's of the French pages.
        self.countries_sorted = sorted(site.entries["countries"].values(), key=lambda e: _alphabetical(_name(e)))
        self.reminders = site_reminders(site, self.as_of)
        self.reminders_by_country: dict[str, list[Any]] = defaultdict(list)  # one pass, not one per profile
        for reminder in self.reminders:
            if reminder.country:
                self.reminders_by_country[reminder.country].append(reminder)

    def status(self, obligation: Any) -> Status:
        return obligation_status(obligation, self.meeting_dates, self.as_of, self.windows)

    def deadline(self, obligation: Any) -> dt.date | None:
        return current_deadline(obligation, self.meeting_dates, self.as_of)


def evidence_based(request: Request) -> bool | None:
    """True when all four elements are there, False when one is known missing, None if unknown."""
    values = request.evidence.model_dump().values()
    return False if False in values else (True if all(v is True for v in values) else None)


def home(shared: Shared) -> dict[str, Any]:
    site, as_of = shared.site, shared.as_of
    pressing = [row for row in _deadline_rows(shared)["rows"] if row["status"].code in ("overdue", "pressing")]
    past = [e for e in shared.meetings_sorted if e.record.date <= as_of]
    return {
        "counts": {
            "countries": len(site.entries["countries"]),
            "requests": len(site.entries["requests"]),
            "meetings": len(past),
            "coalitions": len(site.entries["coalitions"]),
        },
        **_by_year(shared),
        "pressing": pressing,
        "latest_meetings": list(reversed(past[-5:])),
        "upcoming_meetings": [e for e in shared.meetings_sorted if e.record.date > as_of][:3],
        "coalitions": coalitions(shared)["coalitions"],
    }


def countries(shared: Shared) -> dict[str, Any]:
    rows = []
    for entry in shared.countries_sorted:
        upcoming = next_deadline(entry.record, shared.meeting_dates, shared.as_of)
        own_requests = [e for e in shared.site.referring("countries", entry.id, "requests") if e.record.country == entry.id]
        rows.append({
            "entry": entry,
            "articles": [o.article.value for o in entry.record.obligations],
            "next": upcoming and {"date": upcoming[0], "status": shared.status(upcoming[1])},
            "open_requests": sum(1 for e in own_requests if e.record.status in OPEN),
            "requests": len(own_requests),
        })
    return {"rows": rows}


def ledger(shared: Shared, obligation: Any) -> list[dict[str, Any]]:
    """Original deadline → each extension → completion, as dated rows."""
    rows: list[dict[str, Any]] = []
    if obligation.deadline:
        rows.append({"when": obligation.deadline, "event": _("Original deadline"), "meeting": None, "note": None})
    for extension in obligation.extensions:
        event = (_("Extension granted: new deadline") if extension.granted
                 else _("Extension refused: new deadline") if extension.granted is False
                 else _("Extension requested: new deadline"))
        rows.append({"when": extension.new_deadline, "event": event, "meeting": extension.decided_at, "note": extension.note})
    if obligation.completed:
        rows.append({"when": obligation.completed, "event": _("Completed"), "meeting": None, "note": None})
    for row in rows:
        row["later"] = not happened(row["when"], shared.as_of)
    return rows


def country(shared: Shared, entry: Entry) -> dict[str, Any]:
    site, iso3 = shared.site, entry.id
    requests = sorted((e for e in site.referring("countries", iso3, "requests") if e.record.country == iso3),
                      key=lambda e: (e.record.year, e.id))
    responded = [e for e in site.referring("countries", iso3, "requests")
                 if any(r.country == iso3 for r in e.record.responses)]
    assistance = site.referring("countries", iso3, "assistance")
    return {
        "entry": entry,
        "country": entry.record,
        "obligations": [
            {"obligation": o, "status": shared.status(o), "deadline": shared.deadline(o), "ledger": ledger(shared, o)}
            for o in entry.record.obligations
        ],
        "reminders": shared.reminders_by_country.get(iso3, []),
        "ledger_chart": _ledger_chart(shared, entry),
        "last_changed": site.changed.get(entry.path),
        "requests": requests,
        "responses_given": responded,
        "received": [e for e in assistance if e.record.recipient == iso3],
        "given": [e for e in assistance if e.record.donor_country == iso3],
        "coalitions": site.referring("countries", iso3, "coalitions"),
        "meetings": sorted(site.referring("countries", iso3, "meetings"), key=lambda e: e.record.date),
        "evidence_based": evidence_based,
    }


def requests(shared: Shared) -> dict[str, Any]:
    entries = sorted(shared.site.entries["requests"].values(), key=lambda e: (e.record.country, e.record.year, e.id))
    by_area: dict[Area | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_area[entry.record.area].append(entry)
    areas = [(area, by_area[area]) for area in [*Area, None] if by_area.get(area)]
    return {
        "areas": areas,
        "small_obstacles": _close_to_completion(shared, entries),
        "assistance": sorted(shared.site.entries["assistance"].values(), key=lambda e: (e.record.year, e.id)),
        "evidence_based": evidence_based,
    }


def _close_to_completion(shared: Shared, entries: list[Entry]) -> list[dict[str, Any]]:
    """Open needs of States whose deadline for that area falls within the warning window."""
    rows = []
    for entry in entries:
        request = entry.record
        if request.area is None or request.status not in (*OPEN, RequestStatus.not_reported):
            continue
        country_entry = shared.site.entries["countries"][request.country]
        for obligation in country_entry.record.obligations:
            deadline = shared.deadline(obligation)
            if obligation.article != request.area.article or deadline is None or happened(obligation.completed, shared.as_of):
                continue
            if 0 <= months_between(shared.as_of, deadline) < shared.windows.deadline_warning_months:
                rows.append({"entry": entry, "country": country_entry, "deadline": deadline, "status": shared.status(obligation)})
    return sorted(rows, key=lambda row: (row["deadline"], row["entry"].id))


def _deadline_rows(shared: Shared) -> dict[str, Any]:
    rows = [
        {"country": entry, "obligation": o, "deadline": shared.deadline(o), "status": shared.status(o)}
        for entry in shared.countries_sorted
        for o in entry.record.obligations
        if o.article.value in (3, 4) and (o.deadline or o.extensions)
    ]
    done = [r for r in rows if r["status"].code == "completed"]
    open_rows = sorted((r for r in rows if r["status"].code != "completed"), key=lambda r: (r["deadline"] or dt.date.max, r["country"].id))
    return {"rows": open_rows, "completed": sorted(done, key=lambda r: (str(r["obligation"].completed), r["country"].id))}


def deadlines(shared: Shared) -> dict[str, Any]:
    """Every Article 3 and 4 ledger, soonest first; the open ones also as one chart, above their
    table (a chart gives no date its table does not: completed ledgers have their own section)."""
    found = _deadline_rows(shared)
    ledgers = [charts.ledger_row(_("%(country)s, Art. %(article)s", country=_name(r["country"]), article=r["obligation"].article.value),
                                 r["obligation"], shared.meeting_dates, shared.as_of) for r in found["rows"]]
    title = _("Article 3 and 4 deadlines as of %(date)s", date=long_date(shared.as_of))
    return {**found, "chart": ledgers and charts.deadlines_chart("chart-deadlines", title, ledgers, shared.as_of)}


def _by_year(shared: Shared) -> dict[str, Any]:
    """States requesting, providing and receiving assistance per year: the figures and their chart."""
    years, series = charts.by_year(shared.site, shared.as_of)
    title = _("States requesting, providing and receiving assistance, by year, as of %(date)s", date=long_date(shared.as_of))
    return {"by_year": [(year, *(values[i] for _name, values in series)) for i, year in enumerate(years)],
            "by_year_chart": years and charts.per_year_chart("chart-by-year", title, years, series)}


def _ledger_chart(shared: Shared, entry: Entry) -> Any:
    """The State's Article 3 and 4 deadline ledgers as one small timeline, if it has any."""
    rows = [charts.ledger_row(_("Article %(article)s", article=o.article.value), o, shared.meeting_dates, shared.as_of)
            for o in entry.record.obligations if o.article.value in (3, 4) and (o.deadline or o.extensions)]
    title = _("%(country)s: Article 3 and 4 deadlines as of %(date)s", country=_name(entry), date=long_date(shared.as_of))
    # 4.8 in (461 px): at the 70 % it may shrink to, it fits a 360 px phone's column unscrolled.
    return rows and charts.deadlines_chart("chart-ledger", title, rows, shared.as_of, width=4.8)


def timeline(shared: Shared) -> dict[str, Any]:
    site, events = shared.site, []

    def add(when: dt.date | PartialDate, about: str | None, text: str, kind: str, record: tuple[str, str],
            sources: list[str]) -> None:
        """An event; `about` (a State, a coalition) goes before the text, which may come from YAML."""
        start = when.start if isinstance(when, PartialDate) else when
        events.append({"when": when, "sort": (start, kind, str(about or ""), str(text)), "year": start.year, "about": about,
                       "text": text, "kind": kind, "record": record, "past": start <= shared.as_of, "sources": sources})

    for entry in shared.meetings_sorted:
        add(entry.record.date, None, entry.record.title, "meeting", ("meetings", entry.id), entry.record.sources)
    for entry in shared.countries_sorted:
        name, at = _name(entry), ("countries", entry.id)
        for o in entry.record.obligations:
            article = o.article.value
            if o.deadline:
                add(o.deadline, name, _("Article %(article)s deadline", article=article), "deadline", at, o.sources or entry.record.sources)
            for x in o.extensions:
                add(x.new_deadline, name, _("Article %(article)s extended deadline", article=article), "extension", at,
                    x.sources or entry.record.sources)
            if o.completed:
                add(o.completed, name, _("Article %(article)s completed", article=article), "completion", at,
                    o.sources or entry.record.sources)
    for entry in site.entries["activities"].values():
        if entry.record.start:
            add(entry.record.start, _("Work plan"), entry.record.title, "activity", ("activities", entry.id), entry.record.sources)
    for entry in site.entries["coalitions"].values():
        for m in entry.record.milestones:
            add(m.date, entry.record.title, m.text, "coalition", ("coalitions", entry.id), m.sources or entry.record.sources)
    events.sort(key=lambda e: e["sort"])
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        years[event["year"]].append(event)
    return {"years": sorted(years.items())}


def _name(entry: Entry) -> str:
    """A State's name in the page's language."""
    return country_name(entry.id, entry.record.name)


def _alphabetical(text: str) -> str:
    """A sort key that files 'États-Unis' under E and 'Émirats' before 'Érythrée', as dictionaries do."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def coalitions(shared: Shared) -> dict[str, Any]:
    entries = sorted(shared.site.entries["coalitions"].values(), key=lambda e: e.record.title)
    return {"coalitions": [
        {"entry": e, "stage": coalition_stage(e.record, shared.as_of),
         "milestones": [{"milestone": m, "past": happened(m.date, shared.as_of)} for m in sorted(e.record.milestones, key=lambda m: m.date)]}
        for e in entries
    ]}


def action_plan(shared: Shared) -> dict[str, Any]:
    site = shared.site
    return {
        "headings": sorted(site.entries["headings"].values(), key=lambda e: e.id),
        "activities": sorted(site.entries["activities"].values(), key=lambda e: (e.record.start or PartialDate(9999), e.id)),
        "outputs": sorted(site.entries["outputs"].values(), key=lambda e: e.record.order),
        # The same statuses and figures as the progress report, as of the same date.
        "results": {r.entry.id: r for r in evaluate(site, compute(site, shared.as_of, shared.windows.deadline_warning_months))},
    }


def meetings(shared: Shared) -> dict[str, Any]:
    ordered = list(reversed(shared.meetings_sorted))
    return {"upcoming": [e for e in ordered if e.record.date > shared.as_of],
            "past": [e for e in ordered if e.record.date <= shared.as_of]}


def meeting(shared: Shared, entry: Entry) -> dict[str, Any]:
    site = shared.site
    return {
        "entry": entry,
        "meeting": entry.record,
        "requests": site.referring("meetings", entry.id, "requests"),
        "decisions": site.referring("meetings", entry.id, "countries"),
        "activities": site.referring("meetings", entry.id, "activities"),
        "past": entry.record.date <= shared.as_of,
        "last_changed": site.changed.get(entry.path),
    }


def sources(shared: Shared) -> dict[str, Any]:
    site = shared.site
    entries = sorted(site.entries["sources"].values(), key=lambda e: (str(e.record.date or ""), e.id))
    return {"sources": [
        {"entry": e, "cited_by": sorted((site.entries[k][i] for k, i in site.referrers.get(("sources", e.id), [])),
                                        key=lambda c: (c.kind.name, c.id))}
        for e in entries
    ]}


def attention(shared: Shared) -> dict[str, Any]:
    """The /attention/ page: every reminder, grouped by what it is about."""
    return {"topics": list(by_topic(shared.reminders))}


def changes(shared: Shared) -> dict[str, Any]:
    """The /changes/ page: records by the date of their last commit, newest first."""
    entries = [e for kind in shared.site.entries.values() for e in kind.values() if e.path in shared.site.changed]
    rows = sorted(((shared.site.changed[e.path], e) for e in entries), key=lambda pair: (-pair[0].toordinal(), pair[1].path))
    return {"rows": rows[:RECENT_CHANGES], "total": len(rows), "dated": bool(shared.site.changed)}
