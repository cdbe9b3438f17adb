"""The requests register (/requests/): one summary table of every request, then the details,
each shared source and caveat said once for the requests that share them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ccm_ica.content.load import Entry
from ccm_ica.facts import Facts
from ccm_ica.facts.deadlines import happened, months_between
from ccm_ica.facts.reported import requests_by_area, states_by_article, support_figures
from ccm_ica.i18n import current
from ccm_ica.models.request import RequestStatus
from ccm_ica.pages.views import OPEN, PageInputs, countries_sorted, evidence_based, state_name


def requests(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    countries = facts.site.entries["countries"]
    # By the State's name in the page's alphabetical order, then by year: how a reader looks one up.
    order = {entry.id: i for i, entry in enumerate(countries_sorted(facts))}
    entries = sorted(facts.site.entries["requests"].values(), key=lambda e: (order[e.record.country], e.record.year, e.id))
    since = {e.id: facts.request_horizon(e.record) for e in entries}
    return {
        "entries": entries,
        "summary": _summary(entries),
        "groups": _groups(entries, since, countries),
        "small_obstacles": _close_to_completion(facts, entries),
        "with_area": sum(1 for e in entries if e.record.area is not None),
        "since": since,
        "assistance": sorted(facts.site.entries["assistance"].values(), key=lambda e: (e.record.year, e.id)),
        "evidence_based": evidence_based,
        "by_area": requests_by_area(facts.site, facts.as_of),
        "by_article": states_by_article(facts.site, facts.as_of), "support": support_figures(facts.site, facts.as_of),
    }


def _summary(entries: list[Entry]) -> dict[str, Any]:
    """The register in numbers: requests, States, years, responses, and how many have each status."""
    years = sorted({e.record.year for e in entries})
    statuses = Counter(e.record.status for e in entries)
    return {
        "requests": len(entries),
        "states": len({e.record.country for e in entries}),
        "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else ""),
        "responses": sum(len(e.record.responses) for e in entries),
        # In the order of the statuses' own list (open … not reported), each with its count.
        "statuses": [(status, statuses[status]) for status in RequestStatus if statuses[status]],
    }


def _groups(entries: list[Entry], since: dict[str, Any], countries: dict[str, Entry]) -> list[dict[str, Any]]:
    """The details, one group per shared year, sources and note: what many records repeat word
    for word (the caveat, the source and its quotes) is shown once for them all.

    Each group says whether its members' other facts (status, channels…) are the same too, and
    whether their descriptions differ only by the State's name; only what differs is shown per entry."""
    grouped: dict[tuple[Any, ...], list[Entry]] = {}
    for entry in entries:
        r = entry.record
        grouped.setdefault((r.year, tuple(r.sources), str(r.note or "")), []).append(entry)
    groups = []
    for members in grouped.values():
        first = members[0]
        # Every quote of the group, each once and in the order the records give them.
        quotes = {source: list(dict.fromkeys(q for e in members for q in e.record.quotes.get(source, [])))
                  for source in dict.fromkeys(s for e in members for s in e.record.quotes)}
        facts_of = {_facts_line(e, since) for e in members}
        bodies = {_without_name(e, countries[e.record.country]) for e in members}
        groups.append({
            "entries": members,
            "year": first.record.year,
            "shared_facts": len(members) > 1 and len(facts_of) == 1,
            "alike": len(members) > 1 and len(bodies) == 1 and None not in bodies,
            "first": first,
            "quotes": quotes,
            # The records' sources, then any a quote names that only a fact inside a record cites.
            "sources": [*first.record.sources, *(s for s in quotes if s not in first.record.sources)],
        })
    return groups


def _facts_line(entry: Entry, since: dict[str, Any]) -> tuple[Any, ...]:
    """What the line under an entry's heading shows, to tell whether a group's entries share it."""
    r = entry.record
    return (tuple(r.channels), r.meeting, r.status, str(since[entry.id] or ""), evidence_based(r), tuple(r.kinds),
            r.area, bool(r.responses))


def _without_name(entry: Entry, country: Entry) -> str | None:
    """The description with the State's name taken off its start (None if it does not start with
    it): records whose descriptions then match say the same thing of different States."""
    description = entry.record.description
    text = description.get(current()) or str(description)  # as the page shows it: its translation, or English
    for name in (state_name(country), country.record.name):
        if name and text.startswith(name):
            return text[len(name):]
    return None


def _close_to_completion(facts: Facts, entries: list[Entry]) -> list[dict[str, Any]]:
    """Open needs of States whose deadline for that area falls within the warning window."""
    rows = []
    for entry in entries:
        request = entry.record
        if request.area is None or request.status not in (*OPEN, RequestStatus.not_reported):
            continue
        country_entry = facts.site.entries["countries"][request.country]
        for obligation in country_entry.record.obligations:
            deadline = facts.deadline(obligation)
            if obligation.article != request.area.article or deadline is None or happened(obligation.completed, facts.as_of):
                continue
            if 0 <= months_between(facts.as_of, deadline) < facts.windows.deadline_warning_months:
                rows.append({"entry": entry, "country": country_entry, "deadline": deadline, "status": facts.status(obligation)})
    return sorted(rows, key=lambda row: (row["deadline"], row["entry"].id))

