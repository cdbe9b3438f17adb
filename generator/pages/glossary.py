"""The /glossary/ page: what each status word means, with the thresholds of site_config.yml, and
the terms the pages use. The words themselves are labels.py's, so the glossary cannot differ
from the pages it explains."""

from __future__ import annotations

from enum import Enum
from typing import Any

from ccm_ica.facts.deadlines import DeadlineStatus
from ccm_ica.facts.outputs import ACHIEVED, IN_PROGRESS, NOT_MEASURABLE, NOT_REPORTED
from ccm_ica.facts.reminders import Urgency
from ccm_ica.i18n import N_, _
from ccm_ica.models.action_plan import ActivityStatus
from ccm_ica.models.coalition import Stage
from ccm_ica.models.config import Windows
from ccm_ica.models.request import RequestStatus
from ccm_ica.pages.labels import term

# What each status means; %(pressing)s, %(warning)s, %(unanswered)s and %(review)s are the
# windows of site_config.yml, in months.
_DEADLINES = {
    DeadlineStatus.overdue: N_("The deadline has passed and a source dated after it records neither completion nor an "
                               "extension."),
    DeadlineStatus.pressing: N_("The deadline is fewer than %(pressing)s months away."),
    DeadlineStatus.due: N_("The deadline is %(pressing)s months away or more, but fewer than %(warning)s."),
    DeadlineStatus.on_track: N_("The deadline is %(warning)s months away or more."),
    DeadlineStatus.completed: N_("The State has declared the obligation completed, on the date shown."),
    DeadlineStatus.unknown: N_("The deadline has passed, but no source dated after it has been recorded: what happened "
                               "since is not known."),
    DeadlineStatus.ongoing: N_("Articles 5 and 9 set no deadline: the obligation continues."),
    DeadlineStatus.not_recorded: N_("No record gives the Article 3 or 4 deadline yet."),
}
_URGENCIES = {
    Urgency.high: N_("On the Needs attention page: an Article 7 report recorded as missing."),
    Urgency.medium: N_("On the Needs attention page: a report not recorded for the latest year due, or a request "
                       "still open with no response %(unanswered)s months or more after it was made."),
    Urgency.low: N_("On the Needs attention page: a record last reviewed %(review)s months or more ago."),
}
_REQUESTS = {
    RequestStatus.open: N_("Asked for, and not met as far as the sources say."),
    RequestStatus.partly_met: N_("Some of the help asked for was given."),
    RequestStatus.met: N_("The help asked for was given."),
    RequestStatus.withdrawn: N_("The State withdrew the request."),
    RequestStatus.not_reported: N_("The sources name the request but say nothing of what came of it."),
}
_ACTIVITIES = {
    ActivityStatus.planned: N_("In the work plan, not started as far as the records show."),
    ActivityStatus.ongoing: N_("Started and not finished."),
    ActivityStatus.done: N_("Carried out, as a source shows."),
    ActivityStatus.not_reported: N_("No source reports on it yet: it may have been carried out."),
}
_OUTPUTS = (
    (ACHIEVED, N_("The latest count is higher than the one before it; for a meeting, the records show one held.")),
    (IN_PROGRESS, N_("The latest count is not higher than the one before it.")),
    (NOT_REPORTED, N_("No record shows the meeting held: it may have been.")),
    (NOT_MEASURABLE, N_("The records hold fewer than two years of figures, or do not hold this information.")),
)
_STAGES = {
    Stage.proposed: N_("The coalition has been proposed."),
    Stage.forming: N_("The coalition is being formed."),
    Stage.active: N_("The coalition is at work."),
    Stage.completed: N_("The coalition has finished its work."),
    Stage.dormant: N_("The coalition is inactive."),
}


def _worded(definitions: dict[Any, str] | tuple[tuple[str, str], ...], windows: Windows) -> list[tuple[str, str]]:
    """(word, meaning) in the page's language, each meaning with the site's thresholds."""
    months = {"pressing": windows.pressing_months, "warning": windows.deadline_warning_months,
              "unanswered": windows.request_unanswered_months, "review": windows.review_months}
    pairs = definitions.items() if isinstance(definitions, dict) else definitions
    return [(term(code) if isinstance(code, Enum) else _(code), _(meaning, **months)) for code, meaning in pairs]


def glossary(inputs: Any) -> dict[str, Any]:
    windows = inputs.facts.site.config.windows
    return {
        "windows": windows,
        "deadlines": _worded(_DEADLINES, windows),
        "urgencies": _worded(_URGENCIES, windows),
        "requests": _worded(_REQUESTS, windows),
        "activities": _worded(_ACTIVITIES, windows),
        "outputs": _worded(_OUTPUTS, windows),
        "stages": _worded(_STAGES, windows),
    }
