"""Words for readers: each code the YAML uses (state-party, affected-only…), each status the
facts compute (overdue, pressing…) and each title of mkdocs.yml's navigation, in English,
marked for the catalogs and translated where shown. The site's one vocabulary: every page, the
report (web and Word), the charts and the CSV files' label columns take their words from here,
and /glossary/ explains them with the thresholds of site_config.yml.

The YAML keeps its stable codes; pages show `term(code)` (the `term` filter in templates),
which answers in the language of the page. A test fails when an enumeration member has no label.
"""

from __future__ import annotations

from enum import Enum

from ccm_ica.facts.deadlines import DeadlineStatus, Status
from ccm_ica.facts.reminders import Topic, Urgency
from ccm_ica.i18n import N_, _
from ccm_ica.models.action_plan import ActivityStatus, Measure
from ccm_ica.models.coalition import Stage
from ccm_ica.models.country import Article7Status, Role, TreatyStatus
from ccm_ica.models.enums import Area, Article, HelpKind
from ccm_ica.models.kinds import Kind
from ccm_ica.models.meeting import FollowUpStatus, MeetingKind
from ccm_ica.models.request import Channel, RequestStatus
from ccm_ica.models.source import SourceKind

# Keyed by class first: members of two str enums with the same value ("planned") are equal.
LABELS: dict[type[Enum], dict[Enum, str]] = {
    TreatyStatus: {
        TreatyStatus.state_party: N_("State Party"),
        TreatyStatus.signatory: N_("Signatory"),
        TreatyStatus.not_party: N_("Not party"),
    },
    Role: {
        Role.affected: N_("affected State"),
        Role.donor: N_("donor or partner"),
        Role.coordinator: N_("coordinator"),
        Role.president: N_("MSP President"),
    },
    Article: {
        Article.stockpile_destruction: N_("stockpile destruction (Article 3)"),
        Article.clearance: N_("clearance (Article 4)"),
        Article.victim_assistance: N_("victim assistance (Article 5)"),
        Article.national_implementation: N_("national implementation (Article 9)"),
    },
    Article7Status: {
        Article7Status.submitted: N_("submitted"),
        Article7Status.late: N_("late"),
        Article7Status.missing: N_("missing"),
    },
    Channel: {
        Channel.article_7_report: N_("Article 7 report"),
        Channel.statement: N_("statement"),
        Channel.meeting: N_("meeting"),
    },
    RequestStatus: {
        RequestStatus.open: N_("open"),
        RequestStatus.partly_met: N_("partly met"),
        RequestStatus.met: N_("met"),
        RequestStatus.withdrawn: N_("withdrawn"),
        RequestStatus.not_reported: N_("not reported"),
    },
    Area: {
        Area.stockpile_destruction: N_("Stockpile destruction"),
        Area.clearance: N_("Clearance"),
        Area.risk_reduction_education: N_("Risk reduction education"),
        Area.victim_assistance: N_("Victim assistance"),
        Area.national_implementation: N_("National implementation"),
    },
    HelpKind: {
        HelpKind.financial: N_("financial"),
        HelpKind.technical: N_("technical"),
        HelpKind.material: N_("material"),
        HelpKind.expertise: N_("expertise"),
    },
    MeetingKind: {
        MeetingKind.affected_only: N_("Informal meeting with affected States"),
        MeetingKind.donor_only: N_("Informal meeting with donors"),
        MeetingKind.joint: N_("Joint informal meeting"),
        MeetingKind.intersessional: N_("Intersessional meeting"),
        MeetingKind.workshop: N_("Workshop"),
        MeetingKind.seminar: N_("Seminar"),
        MeetingKind.msp: N_("Meeting of States Parties"),
        MeetingKind.review_conference: N_("Review Conference"),
        MeetingKind.preparatory: N_("Preparatory meeting"),
        MeetingKind.bilateral: N_("Bilateral meeting"),
    },
    FollowUpStatus: {
        FollowUpStatus.planned: N_("planned"),
        FollowUpStatus.ongoing: N_("ongoing"),
        FollowUpStatus.done: N_("done"),
        FollowUpStatus.dropped: N_("dropped"),
        FollowUpStatus.not_reported: N_("not reported"),
    },
    Stage: {
        Stage.proposed: N_("proposed"),
        Stage.forming: N_("forming"),
        Stage.active: N_("active"),
        Stage.completed: N_("completed"),
        Stage.dormant: N_("dormant"),
    },
    ActivityStatus: {
        ActivityStatus.planned: N_("planned"),
        ActivityStatus.ongoing: N_("ongoing"),
        ActivityStatus.done: N_("done"),
        ActivityStatus.not_reported: N_("not reported"),
    },
    Measure: {
        Measure.meetings_affected_only: N_("informal meetings with affected States held"),
        Measure.meetings_donor_only: N_("informal meetings with donors held"),
        Measure.meetings_joint: N_("joint informal meetings held"),
        Measure.states_requesting: N_("States requesting assistance, by year"),
        Measure.states_providing: N_("States providing assistance, by year"),
        Measure.states_receiving: N_("States receiving assistance, by year"),
        Measure.evidence_based_requests: N_("evidence-based requests"),
        Measure.states_responding: N_("States responding to requests, by year"),
        Measure.states_with_resources: N_("States with the resources to meet their deadlines"),
    },
    SourceKind: {
        SourceKind.concept_note: N_("concept note"),
        SourceKind.slides: N_("slides"),
        SourceKind.meeting_summary: N_("meeting summary"),
        SourceKind.official_document: N_("official document"),
        SourceKind.web_page: N_("web page"),
        SourceKind.report: N_("report"),
        SourceKind.news: N_("news"),
    },
    Topic: {
        Topic.deadline: N_("Article 3 and 4 deadlines"),
        Topic.report: N_("Article 7 reports"),
        Topic.request: N_("Requests without a response"),
        Topic.review: N_("Records to review"),
    },
    # /attention/ shows a deadline's own status (pressing, due…); these word the other reminders.
    Urgency: {
        Urgency.high: N_("act now"),
        Urgency.medium: N_("to follow up"),
        Urgency.low: N_("to review"),
    },
    # The thresholds are site_config.yml's windows: /glossary/ gives them, in months.
    DeadlineStatus: {
        DeadlineStatus.overdue: N_("overdue"),
        DeadlineStatus.pressing: N_("pressing"),
        DeadlineStatus.due: N_("due soon"),
        DeadlineStatus.on_track: N_("on track"),
        DeadlineStatus.completed: N_("completed"),
        DeadlineStatus.ongoing: N_("no deadline"),
        DeadlineStatus.not_recorded: N_("deadline not recorded"),
        DeadlineStatus.unknown: N_("not known"),
    },
}

# The kinds of record as readers call them (kinds.py keeps the English for messages and schemas).
KIND_LABELS: dict[str, str] = {
    "sources": N_("source"),
    "countries": N_("country"),
    "meetings": N_("meeting"),
    "coalitions": N_("Country Coalition"),
    "requests": N_("request for assistance"),
    "assistance": N_("assistance record"),
    "headings": N_("Action 5 heading"),
    "activities": N_("work-plan activity"),
    "outputs": N_("expected output"),
}

# Words of mkdocs.yml (nav titles, site name and description, colour-scheme toggles): the build
# translates them with _() (mkdocs_plugin.build_languages).
MKDOCS_TITLES: tuple[str, ...] = (
    N_("Home"), N_("Countries"), N_("Requests"), N_("Deadlines"), N_("Timeline"), N_("Coalitions"),
    N_("Action plan"), N_("Meetings"), N_("Report"), N_("Sources"), N_("Data"), N_("Contribute"),
    N_("Step by step"), N_("Field reference"), N_("Needs attention"), N_("Recent changes"), N_("Glossary"),
    N_("CCM cooperation and assistance"), N_("Switch to dark mode"), N_("Switch to light mode"),
    N_("Open database of international cooperation and assistance under the Convention on Cluster Munitions"),
    N_("Permanent link"),  # toc's permalink_title
    N_("For developers"),  # the Contribute section's page for people who work on a copy of the repository
)


def status_text(status: Status) -> str:
    """A deadline's status word, then what it rests on: 'pressing: deadline in 10 months'."""
    word = term(status.code)
    detail = str(status.detail) if status.detail is not None else ""
    if not detail:
        return word
    return _("%(status)s: %(detail)s", status=word, detail=detail)


def term(value: Enum | Kind | None, missing: str = "—") -> str:
    """What a reader calls a code, in the page's language: 'Informal meeting with affected States'."""
    if value is None:
        return missing
    if isinstance(value, Kind):
        return _(KIND_LABELS[value.name])
    return _(LABELS[type(value)][value])



