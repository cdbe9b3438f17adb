"""The iCalendar feed (RFC 5545) a delegation subscribes to: deadlines, extension decisions, meetings.

All-day events with stable UIDs made from record ids, so a calendar that subscribed updates
an event instead of adding a second one. DTSTAMP is the as-of date, never the build's clock.
"""

from __future__ import annotations

import datetime as dt

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


def _event(uid: str, summary: str, start: dt.date, end: dt.date, description: str,
           categories: list[str], stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", stamp)
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


def _deadline_events(facts: Facts, entry: Entry, obligation: Obligation, stamp: dt.datetime) -> list[Event]:
    """The ledger of one Article 3 or 4 obligation: original deadline, extensions, decisions."""
    name, article = entry.record.name, obligation.article.value
    meetings = {i: e.record for i, e in facts.site.entries["meetings"].items()}
    current = facts.deadline(obligation)
    as_of = f"Status as of {long_date(facts.as_of)}: {status_text(facts.status(obligation))}"
    base = f"deadline-{entry.id}-art{article}"
    what = f"Article {article} ({ARTICLES[article]})"
    categories = ["Deadline", f"Article {article}"]
    events = []
    if obligation.deadline:
        superseded = " It has since been extended." if current != obligation.deadline else ""
        events.append(_event(f"{base}-original", f"{name}: {what} deadline", obligation.deadline, obligation.deadline,
                             f"The original {what} deadline of {name}.{superseded} {as_of}.", categories, stamp))
    for number, extension in enumerate(obligation.extensions, start=1):
        meeting = meetings.get(extension.decided_at or "")
        at = f" at {meeting.title} ({long_date(meeting.date)})" if meeting else ""
        decision = f"Extension {_decision(extension)}{at}"
        undecided = extension.decided_at is None and not extension.granted  # a source may say granted, not when
        summary = f"{name}: {what} extension requested" if undecided else f"{name}: {what} extended deadline"
        events.append(_event(f"{base}-extension-{number}", summary,
                             extension.new_deadline, extension.new_deadline,
                             f"{decision}: {'proposed ' if undecided else ''}new {what} deadline "
                             f"of {name}. {as_of}.", categories + ["Extension"], stamp))
        if meeting is not None:
            held = meeting.date <= facts.as_of
            verb = ("refused" if extension.granted is False else "granted") if held else "is to decide on"
            events.append(_event(f"decision-{entry.id}-art{article}-extension-{number}",
                                 f"{name}: {what} extension decision", meeting.date, meeting.date,
                                 f"{meeting.title} {verb} the extension of the {what} deadline of {name} "
                                 f"to {long_date(extension.new_deadline)}.",
                                 ["Extension decision", f"Article {article}"], stamp))
    return events


def _meeting_event(entry: Entry, stamp: dt.datetime) -> Event:
    meeting: Meeting = entry.record
    place = ", ".join(part for part in (meeting.room, meeting.venue, meeting.city) if part)
    details = [meeting.summary or "", f"Alongside {meeting.occasion}." if meeting.occasion else "",
               f"Convened by {', '.join(meeting.hosts)}." if meeting.hosts else "",
               f"Time: {meeting.start_time}{'–' + meeting.end_time if meeting.end_time else ''} local."
               if meeting.start_time else ""]
    event = _event(f"meeting-{entry.id}", meeting.title, meeting.date, meeting.end_date or meeting.date,
                   " ".join(part for part in details if part) or meeting.title,
                   ["Meeting", meeting.kind.value], stamp)
    event.add("location", place)
    return event


def calendar(facts: Facts) -> bytes:
    """The whole calendar as iCalendar bytes (CRLF line ends, folded lines), events sorted."""
    site = facts.site
    stamp = dt.datetime.combine(facts.as_of, dt.time(), dt.UTC)
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
                events += _deadline_events(facts, entry, obligation, stamp)
    events += [_meeting_event(entry, stamp) for entry in site.entries["meetings"].values()]
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        cal.add_component(event)
    return cal.to_ical()
