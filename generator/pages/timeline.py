"""The /timeline/ page: everything dated, grouped by year, past and upcoming as of the facts' date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ccm_ica.facts.deadlines import extension_state
from ccm_ica.i18n import _
from ccm_ica.models.common import PartialDate
from ccm_ica.pages.views import PageInputs, countries_sorted, state_name


def timeline(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    site, events = facts.site, []

    def add(when: dt.date | PartialDate, about: str | None, text: str, kind: str, record: tuple[str, str],
            sources: list[str]) -> None:
        """An event; `about` (a State, a coalition) goes before the text, which may come from YAML."""
        start = when.start if isinstance(when, PartialDate) else when
        events.append({"when": when, "sort": (start, kind, str(about or ""), str(text)), "year": start.year, "about": about,
                       "text": text, "kind": kind, "record": record, "past": start <= facts.as_of, "sources": sources})

    for entry in facts.meetings_sorted:
        add(entry.record.date, None, entry.record.title, "meeting", ("meetings", entry.id), entry.record.sources)
    for entry in countries_sorted(facts):
        name, at = state_name(entry), ("countries", entry.id)
        for o in entry.record.obligations:
            article = o.article.value
            if o.deadline:
                add(o.deadline, name, _("Article %(article)s deadline", article=article), "deadline", at, o.sources or entry.record.sources)
            for x in o.extensions:
                state = extension_state(x, facts.meeting_dates, facts.as_of)
                text = (_("Article %(article)s: extension to this date requested, no decision recorded", article=article)
                        if state == "requested" else
                        _("Article %(article)s: extension to this date refused", article=article) if state == "refused"
                        else _("Article %(article)s extended deadline", article=article))
                add(x.new_deadline, name, text, "extension", at, x.sources or entry.record.sources)
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
