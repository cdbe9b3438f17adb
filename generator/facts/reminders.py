"""Reminders: what a coordinator should chase, computed from the records as of a date.

Pure functions: Site + as_of → reminders, their words as Phrases (put into a language when shown). Each names the record and the field to look at, so
the same list feeds the country profile, the /attention/ page and `ccm-ica check --reminders`.
Only what the records show: a report not recorded is "not recorded", never "not submitted".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.facts.deadlines import (
    DeadlineStatus,
    current_deadline,
    deadline_in_force,
    deadline_phrase,
    deadline_window,
    happened,
    months_between,
    pending_extension,
)
from ccm_ica.facts.horizons import after_sources, information_current_to, last_day
from ccm_ica.i18n import CountryName, LongDate, Phrase, phrase, phrase_plural
from ccm_ica.models.config import Windows
from ccm_ica.models.country import Article7Status, TreatyStatus
from ccm_ica.models.request import RequestStatus
from ccm_ica.problems import Problem, Severity


class Urgency(str, Enum):
    """How soon a reminder needs acting on (the check prints them all as warnings)."""

    high = "high"  # a deadline passed, a report recorded as missing
    medium = "medium"  # a deadline within the warning window, a request unanswered
    low = "low"  # a record not reviewed for a while


class Topic(str, Enum):
    """What a reminder is about: the sections of the /attention/ page, in this order."""

    deadline = "Article 3 and 4 deadlines"
    report = "Article 7 reports"
    request = "Requests without a response"
    review = "Records to review"


@dataclass(frozen=True)
class Reminder:
    """One thing to chase: which record, which field in it, what, and how urgent."""

    entry: Entry
    loc: tuple[str | int, ...]  # the field within the record, for path:line:column
    message: Phrase
    hint: Phrase | str
    urgency: Urgency
    topic: Topic
    country: str | None  # the State concerned, so its profile can show the reminder
    # A deadline's reminder shows the deadline's own status (the word /deadlines/ gives it), not an urgency.
    status: DeadlineStatus | None = None

    @property
    def line(self) -> int:
        return self.entry.at(*self.loc)[0]

    def problem(self) -> Problem:
        """As a warning for `ccm-ica check --reminders`: never an error, the content is valid."""
        line, column = self.entry.at(*self.loc)
        return Problem(self.entry.path, line, column, str(self.message), str(self.hint), Severity.warning)


def site_reminders(site: Site, as_of: dt.date) -> list[Reminder]:
    """Every reminder for the whole site, most urgent first, then by file."""
    meeting_dates = {entry.id: entry.record.date for entry in site.entries["meetings"].values()}
    windows = site.config.windows
    found: list[Reminder] = []
    for entry in site.entries["countries"].values():
        found += deadline_reminders(site, entry, meeting_dates, as_of, windows)
        found += report_reminders(entry, as_of)
        found += review_reminders(entry, as_of, windows.review_months)
    for entry in site.entries["requests"].values():
        found += request_reminders(entry, meeting_dates, as_of, windows.request_unanswered_months)
        found += review_reminders(entry, as_of, windows.review_months)
    order = list(Urgency)
    return sorted(found, key=lambda r: (order.index(r.urgency), r.entry.path, r.line, str(r.message)))


def deadline_reminders(site: Site, entry: Entry, meeting_dates: dict[str, dt.date], as_of: dt.date,
                       windows: Windows) -> list[Reminder]:
    """An Article 3/4 deadline passed or within the window, with no completion or extension request.
    A deadline that passed after the obligation's latest dated source says only that: what
    happened since is not known, so no "no extension request recorded"."""
    found, window = [], windows.deadline_warning_months
    for i, obligation in enumerate(entry.record.obligations):
        deadline = current_deadline(obligation, meeting_dates, as_of)
        if (obligation.article.value not in (3, 4) or deadline is None or happened(obligation.completed, as_of)
                or months_between(as_of, deadline) >= window
                or pending_extension(obligation, meeting_dates, as_of)):
            continue
        facts = {"article": obligation.article.value, "phrase": deadline_phrase(deadline, as_of), "date": LongDate(deadline)}
        current_to = information_current_to(site, entry.record, obligation)
        hint = phrase("once a source states one, record the extension request (under extensions) or the completion date (completed)")
        since = after_sources(deadline, current_to) if deadline < as_of else None
        if since is not None:
            message = phrase("Article %(article)s: deadline %(date)s passed; %(since)s",
                             article=obligation.article.value, date=LongDate(deadline), since=since)
            hint = phrase("look for a source dated after the deadline, then record what it says, a completion date or "
                          "an extension request, and cite it")
            urgency, status = Urgency.high, DeadlineStatus.unknown
        elif deadline < as_of:
            message, urgency = phrase("Article %(article)s: %(phrase)s (%(date)s), with no extension request or "
                                 "completion recorded", **facts), Urgency.high
            status = DeadlineStatus.overdue
        else:
            message = phrase("Article %(article)s: %(phrase)s (%(date)s), within the %(window)s-month warning window, "
                        "with no extension request or completion recorded", window=window, **facts)
            urgency, status = Urgency.medium, deadline_window(months_between(as_of, deadline), windows)
        found.append(Reminder(entry, _deadline_loc(i, obligation, meeting_dates, as_of), message, hint,
                              urgency, Topic.deadline, entry.id, status))
    return found


def _deadline_loc(i: int, obligation: Any, meeting_dates: dict[str, dt.date], as_of: dt.date) -> tuple[str | int, ...]:
    """The field holding the deadline in force: the original one, or the last extension granted."""
    _, which = deadline_in_force(obligation, meeting_dates, as_of)
    return ("obligations", i, "deadline") if which is None else ("obligations", i, "extensions", which, "new_deadline")


def _annual_due(year: int) -> dt.date:
    """An annual Article 7 report covers a calendar year and is due by 30 April of the next."""
    return dt.date(year + 1, 4, 30)


def report_reminders(entry: Entry, as_of: dt.date) -> list[Reminder]:
    """Reports recorded as missing or not yet received, and the latest year due with no report recorded."""
    country, found = entry.record, []
    for k, report in enumerate(country.article7_reports):
        # An initial report's due date follows entry into force: unknown unless recorded.
        due = report.due or (None if report.initial else _annual_due(report.year))
        if (due or dt.date(report.year, 1, 1)) > as_of:
            continue
        label = _report_label(report.year, report.initial, due)
        if report.status is Article7Status.missing:
            found.append(Reminder(entry, ("article7_reports", k, "status"), phrase("%(report)s: recorded as missing", report=label),
                                  phrase("change the status once the report arrives, with its date in submitted"),
                                  Urgency.high, Topic.report, entry.id))
        elif report.submitted is not None and not happened(report.submitted, as_of):
            found.append(Reminder(entry, ("article7_reports", k, "submitted"),
                                  phrase("%(report)s: not received by %(date)s", report=label, date=LongDate(as_of)),
                                  "", Urgency.medium, Topic.report, entry.id))
    latest_due_year = as_of.year - 1 if as_of >= dt.date(as_of.year, 4, 30) else as_of.year - 2
    if _has_reported_before(country, latest_due_year, as_of) and not any(
            r.year == latest_due_year for r in country.article7_reports):
        found.append(Reminder(
            entry, ("article7_reports",),
            phrase("no Article 7 report for %(year)s (due %(date)s) is recorded, though %(country)s has reported before",
              year=latest_due_year, date=LongDate(_annual_due(latest_due_year)), country=CountryName(entry.id, country.name)),
            phrase("add an article7_reports entry for %(year)s: submitted (with its date), late or missing", year=latest_due_year),
            Urgency.medium, Topic.report, entry.id))
    return found


def _report_label(year: int, initial: bool, due: dt.date | None) -> Phrase:
    """'Article 7 report for 2016 (initial), due 30 April 2017'."""
    label = phrase("Article 7 report for %(year)s", year=year)
    if initial:
        label = phrase("%(report)s (initial)", report=label)
    return phrase("%(report)s, due %(date)s", report=label, date=LongDate(due)) if due else label


def _has_reported_before(country: Any, year: int, as_of: dt.date) -> bool:
    """A State Party with a report received for an earlier year: one for `year` is expected too."""
    if country.treaty is None or country.treaty.status is not TreatyStatus.state_party:
        return False
    return any(
        r.year < year and r.status is not Article7Status.missing and (r.submitted is None or happened(r.submitted, as_of))
        for r in country.article7_reports
    )


def request_reminders(entry: Entry, meeting_dates: dict[str, dt.date], as_of: dt.date, window: int) -> list[Reminder]:
    """An open request with no response recorded, made at least `window` months before as_of."""
    request = entry.record
    if request.status is not RequestStatus.open or any(r.date is None or happened(r.date, as_of) for r in request.responses):
        return []
    # A request known only by its year counts from 31 December: its age is never overstated.
    made = meeting_dates.get(request.meeting) if request.meeting else None
    made = made or dt.date(request.year, 12, 31)
    months = months_between(made, as_of)
    if made > as_of or months < window:
        return []
    message = phrase_plural("the request is open with no response recorded, %(n)s month after it was made (%(date)s)",
                       "the request is open with no response recorded, %(n)s months after it was made (%(date)s)",
                       months, date=LongDate(made))
    return [Reminder(entry, ("status",), message,
                     phrase("record the responses (who, what, when), or change the status if it was met or withdrawn"),
                     Urgency.medium, Topic.request, request.country)]


def review_reminders(entry: Entry, as_of: dt.date, window: int) -> list[Reminder]:
    """A record whose last_reviewed is more than `window` months before as_of."""
    reviewed = entry.record.last_reviewed
    if reviewed is None:
        return []
    last_day_reviewed = last_day(reviewed)
    if last_day_reviewed > as_of or months_between(last_day_reviewed, as_of) < window:
        return []
    country = entry.id if entry.kind.name == "countries" else getattr(entry.record, "country", None)
    message = phrase_plural("last reviewed %(date)s, more than %(n)s month before %(as_of)s",
                       "last reviewed %(date)s, more than %(n)s months before %(as_of)s", window, date=LongDate(reviewed), as_of=LongDate(as_of))
    return [Reminder(entry, ("last_reviewed",), message,
                     phrase("check the record against its sources, then set last_reviewed to today's date"),
                     Urgency.low, Topic.review, country)]


def by_topic(reminders: list[Reminder]) -> Iterator[tuple[Topic, list[Reminder]]]:
    """Reminders grouped for the /attention/ page, topics in their fixed order, empty ones left out."""
    for topic in Topic:
        group = [r for r in reminders if r.topic is topic]
        if group:
            yield topic, group
