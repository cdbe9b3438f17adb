"""The iCalendar feed (RFC 5545) a delegation subscribes to: deadlines, extension decisions, meetings.

All-day events with stable UIDs made from record ids, so a calendar that subscribed updates
an event instead of adding a second one. What tells a client that an event changed:
- DTSTAMP, the build's time: SOURCE_DATE_EPOCH (the last commit's, so one commit gives the same
  bytes), else the as-of date (files/data.py release_time);
- LAST-MODIFIED, the day of the last commit that changed the event's records (a decision event
  has two: the State's and the meeting's); left out where git says nothing;
- SEQUENCE, that day counted in days from 1 January 1970 (0 where git says nothing). An event's
  date or status changes only when one of its records does, so SEQUENCE grows with it; it
  grows on any other change of those records too, which RFC 5545 allows, and two changes on one
  day share a number, which a client tells apart by DTSTAMP.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event

from ccm_ica.content.load import Entry
from ccm_ica.facts import Facts
from ccm_ica.i18n import long_date
from ccm_ica.models.country import Extension, Obligation
from ccm_ica.models.meeting import Meeting
from ccm_ica.pages.labels import status_text

FILE_NAME = "ccm-ica.ics"
DOMAIN = "ccm-ica"  # the right-hand side of every UID
ARTICLES = {3: "stockpile destruction", 4: "clearance"}


_SEQUENCE_FROM = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Stamps:
    """When the calendar was made, and when each content file last changed (site.changed)."""

    made: dt.datetime
    changed: dict[str, dt.date]

    def last_change(self, *entries: Entry) -> dt.date | None:
        days = [self.changed[e.path] for e in entries if e.path in self.changed]
        return max(days, default=None)


def _event(uid: str, summary: str, start: dt.date, end: dt.date, description: str,
           categories: list[str], stamps: Stamps, *records: Entry) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", stamps.made)
    changed = stamps.last_change(*records)
    if changed is not None:
        event.add("last-modified", dt.datetime.combine(changed, dt.time(), dt.UTC))
    event.add("sequence", (changed - _SEQUENCE_FROM).days if changed else 0)
    event.add("dtstart", start)
    event.add("dtend", end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", categories)
    return event


def _decision(extension: Extension) -> str:
    if extension.granted is not None:
        return "granted" if extension.granted else "refused"
    return "decided" if extension.decided_at else "requested"


def _deadline_events(facts: Facts, entry: Entry, obligation: Obligation, stamps: Stamps) -> list[Event]:
    """The ledger of one Article 3 or 4 obligation: original deadline, extensions, decisions."""
    name, article = entry.record.name, obligation.article.value
    meeting_entries = facts.site.entries["meetings"]
    current = facts.deadline(obligation)
    as_of = f"Status as of {long_date(facts.as_of)}: {status_text(facts.status(obligation))}"
    base = f"deadline-{entry.id}-art{article}"
    what = f"Article {article} ({ARTICLES[article]})"
    categories = ["Deadline", f"Article {article}"]
    events = []
    if obligation.deadline:
        superseded = " It has since been extended." if current != obligation.deadline else ""
        events.append(_event(f"{base}-original", f"{name}: {what} deadline", obligation.deadline, obligation.deadline,
                             f"The original {what} deadline of {name}.{superseded} {as_of}.", categories, stamps, entry))
    for number, extension in enumerate(obligation.extensions, start=1):
        meeting_entry = meeting_entries.get(extension.decided_at or "")
        meeting = meeting_entry.record if meeting_entry else None
        at = f" at {meeting.title} ({long_date(meeting.date)})" if meeting else ""
        decision = f"Extension {_decision(extension)}{at}"
        undecided = extension.decided_at is None and not extension.granted  # a source may say granted, not when
        summary = f"{name}: {what} extension requested" if undecided else f"{name}: {what} extended deadline"
        events.append(_event(f"{base}-extension-{number}", summary,
                             extension.new_deadline, extension.new_deadline,
                             f"{decision}: {'proposed ' if undecided else ''}new {what} deadline "
                             f"of {name}. {as_of}.", categories + ["Extension"], stamps, entry))
        if meeting is not None:
            held = meeting.date <= facts.as_of
            verb = ("refused" if extension.granted is False else "granted") if held else "is to decide on"
            events.append(_event(f"decision-{entry.id}-art{article}-extension-{number}",
                                 f"{name}: {what} extension decision", meeting.date, meeting.date,
                                 f"{meeting.title} {verb} the extension of the {what} deadline of {name} "
                                 f"to {long_date(extension.new_deadline)}.",
                                 ["Extension decision", f"Article {article}"], stamps, entry, meeting_entry))
    return events


def _meeting_event(entry: Entry, stamps: Stamps) -> Event:
    meeting: Meeting = entry.record
    place = ", ".join(part for part in (meeting.room, meeting.venue, meeting.city) if part)
    details = [meeting.summary or "", f"Alongside {meeting.occasion}." if meeting.occasion else "",
               f"Convened by {', '.join(meeting.hosts)}." if meeting.hosts else "",
               f"Time: {meeting.start_time}{'–' + meeting.end_time if meeting.end_time else ''} local."
               if meeting.start_time else ""]
    event = _event(f"meeting-{entry.id}", meeting.title, meeting.date, meeting.end_date or meeting.date,
                   " ".join(part for part in details if part) or meeting.title,
                   ["Meeting", meeting.kind.value], stamps, entry)
    event.add("location", place)
    return event


def calendar(facts: Facts, made: dt.datetime | None = None) -> bytes:
    """The whole calendar as iCalendar bytes (CRLF line ends, folded lines), events sorted.
    `made` is the build's time (DTSTAMP); without it, the as-of date's midnight (UTC)."""
    site = facts.site
    stamps = Stamps(made or dt.datetime.combine(facts.as_of, dt.time(), dt.UTC), site.changed)
    cal = Calendar()
    cal.add("prodid", "-//ccm-ica//CCM cooperation and assistance//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", site.config.title)  # RFC 7986; X-WR-CALNAME for older clients
    cal.add("x-wr-calname", site.config.title)
    cal.add("description", "Article 3 and 4 deadlines of the Convention on Cluster Munitions, "
                           f"extension decisions and meetings; statuses as of {long_date(facts.as_of)}.")
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    events: list[Event] = []
    for entry in sorted(site.entries["countries"].values(), key=lambda e: e.id):
        for obligation in entry.record.obligations:
            if obligation.article.value in ARTICLES:
                events += _deadline_events(facts, entry, obligation, stamps)
    events += [_meeting_event(entry, stamps) for entry in site.entries["meetings"].values()]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        cal.add_component(event)
    return cal.to_ical()
