"""Statuses computed as of a date: deadline ledgers, obligations, reports, coalition stages.

Nothing here is stored in the content: "pressing" or "overdue" depend on `as_of`, and a
record dated after `as_of` does not count yet. Statuses carry their words as Phrases, put into
the page's language only when shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ccm_ica.facts.horizons import after_sources, since_phrase
from ccm_ica.i18n import LongDate, Phrase, phrase, phrase_plural
from ccm_ica.models.coalition import Coalition, Stage
from ccm_ica.models.common import PartialDate
from ccm_ica.models.config import Windows
from ccm_ica.models.country import Extension, Obligation


class DeadlineStatus(str, Enum):
    """An obligation's status as of a date: the site's one set of deadline words and their
    thresholds (site_config.yml's windows) are in pages/labels.py and on /glossary/."""

    overdue = "overdue"  # the deadline passed, and a source dated after it shows no completion
    pressing = "pressing"  # fewer than `pressing_months` whole months left
    due = "due"  # fewer than `deadline_warning_months` whole months left
    on_track = "on-track"  # further off than the warning window
    completed = "completed"
    ongoing = "ongoing"  # no deadline: Articles 5 and 9 set none
    not_recorded = "not-recorded"  # an Article 3 or 4 deadline no record gives
    unknown = "unknown"  # the deadline passed after the latest dated source: no information since


@dataclass(frozen=True)
class Status:
    """A computed status: its code (the word readers see, a CSS class, tests) and what follows
    the word ("deadline in 10 months"); labels.status_text puts the two together."""

    code: DeadlineStatus
    detail: Phrase | LongDate | None = None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1 if months > 0 else 0
    return months


def happened(when: PartialDate | dt.date | None, as_of: dt.date) -> bool:
    if when is None:
        return False
    start = when.start if isinstance(when, PartialDate) else when
    return start <= as_of


def extension_in_force(extension: Extension, meeting_dates: dict[str, dt.date], as_of: dt.date,
                       replaces: dt.date | None = None) -> bool:
    """An extension moves the deadline once a meeting has granted it, on or before as_of. One a
    source says was granted, without saying when, is taken as in force once the deadline it
    replaces has passed: the Convention has a request decided before that deadline, and a reader
    told "deadline passed 66 months ago" of a State whose deadline was extended is misinformed."""
    if extension.granted is False:
        return False
    if extension.decided_at is None:
        return bool(extension.granted) and replaces is not None and replaces < as_of
    return meeting_dates.get(extension.decided_at, dt.date.max) <= as_of


def extension_state(extension: Extension, meeting_dates: dict[str, dt.date], as_of: dt.date) -> str:
    """What the records say of an extension as of the date: "in force" (granted by a meeting held
    by then), "to be decided" (by a meeting after it), "refused", "granted, undated" (a source
    says it was granted but not when: in force only once the deadline it replaces has passed), or
    "requested" (no decision recorded: never drawn or worded as granted)."""
    if extension.granted is False:
        return "refused"
    if extension.decided_at is None:
        return "granted, undated" if extension.granted else "requested"
    return "in force" if extension_in_force(extension, meeting_dates, as_of) else "to be decided"


def deadline_in_force(obligation: Obligation, meeting_dates: dict[str, dt.date],
                      as_of: dt.date) -> tuple[dt.date | None, int | None]:
    """The deadline in force as of the date, and which extension set it (None: the original)."""
    deadline, which = obligation.deadline, None
    for j, extension in enumerate(obligation.extensions):
        if extension_in_force(extension, meeting_dates, as_of, replaces=deadline):
            deadline, which = extension.new_deadline, j
    return deadline, which


def current_deadline(obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date) -> dt.date | None:
    return deadline_in_force(obligation, meeting_dates, as_of)[0]


def pending_extension(obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date) -> Extension | None:
    """An extension submitted by as_of and not yet granted (nor refused) as of that date."""
    for extension in obligation.extensions:
        if (happened(extension.submitted, as_of) and extension.granted is not False
                and not extension_in_force(extension, meeting_dates, as_of)):
            return extension
    return None


def deadline_phrase(deadline: dt.date, as_of: dt.date) -> Phrase:
    months = months_between(as_of, deadline)
    if deadline < as_of:
        late = months_between(deadline, as_of)
        if not late:
            return phrase("deadline passed this month")
        return phrase_plural("deadline passed %(n)s month ago", "deadline passed %(n)s months ago", late)
    if months == 0:
        return phrase("deadline this month")
    return phrase_plural("deadline in %(n)s month", "deadline in %(n)s months", months)


def obligation_status(obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date, windows: Windows,
                      current_to: PartialDate | None = None) -> Status:
    """The obligation's status as of the date, never beyond what its sources can say: a deadline
    that passed after `current_to` (the date of its latest dated source), or with no dated
    source, reads "no information since", never "overdue"."""
    if happened(obligation.completed, as_of):
        return Status(DeadlineStatus.completed, LongDate(obligation.completed))
    deadline = current_deadline(obligation, meeting_dates, as_of)
    if deadline is None:
        return Status(DeadlineStatus.ongoing if obligation.article.value in (5, 9) else DeadlineStatus.not_recorded)
    words = deadline_phrase(deadline, as_of)
    since = after_sources(deadline, current_to) if deadline < as_of else None
    if since is not None:
        return Status(DeadlineStatus.unknown, phrase("%(phrase)s; %(since)s", phrase=words, since=since))
    if deadline < as_of:  # missed, as a source dated after the deadline shows; and since then?
        later = since_phrase(current_to, as_of)
        return Status(DeadlineStatus.overdue, phrase("%(phrase)s; %(since)s", phrase=words, since=later) if later else words)
    return Status(deadline_window(months_between(as_of, deadline), windows), words)


def deadline_window(months: int, windows: Windows) -> DeadlineStatus:
    """Pressing, due or on track: the thresholds every page, reminder and report shares."""
    if months < windows.pressing_months:
        return DeadlineStatus.pressing
    return DeadlineStatus.due if months < windows.deadline_warning_months else DeadlineStatus.on_track


def coalition_stage(coalition: Coalition, as_of: dt.date) -> Stage | None:
    """The stage of the latest milestone dated on or before as_of that sets one."""
    stage = None
    for milestone in sorted(coalition.milestones, key=lambda m: m.date):
        if milestone.stage is not None and happened(milestone.date, as_of):
            stage = milestone.stage
    return stage
