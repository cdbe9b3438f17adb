"""DAP Action 5 and the Coordinators' work plan: headings, activities, expected outputs."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from ccm_ica.models.common import (
    CountryRef,
    HeadingRef,
    LocalizedText,
    MeetingRef,
    OptionalSources,
    PartialDate,
    Quotes,
    Record,
    SourceRef,
    Sources,
)


class Paragraph(Record):
    """A paragraph of the Action Plan that the sources quote or cite."""

    number: str = Field(min_length=1, description="Its number as cited, e.g. '38(b)'.")
    text: LocalizedText = Field(description="What the paragraph says, as the source gives it.")
    sources: OptionalSources


class Heading(Record):
    """A heading of DAP Action 5: content/action-plan/headings/<number>.yml (5-1.yml is 5.1)."""

    number: str = Field(pattern=r"^5\.\d$", description="'5.1' to '5.7'.")
    title: LocalizedText = Field(description="The heading as published.")
    paragraphs: list[Paragraph] = Field(default_factory=list, description="Paragraphs the sources quote.")
    sources: Sources
    quotes: Quotes


class ActivityStatus(str, Enum):
    """Where a work-plan activity stands."""

    planned = "planned"
    ongoing = "ongoing"
    done = "done"
    not_reported = "not-reported"


class Evidence(Record):
    """What shows an activity done: a meeting, a document, or both."""

    meeting: MeetingRef | None = Field(default=None, description="Id of the meeting that shows it.")
    source: SourceRef | None = Field(default=None, description="Id of the document that shows it.")
    note: LocalizedText = Field(description="What the evidence shows.")


class Activity(Record):
    """A work-plan activity of the concept note: content/action-plan/activities/<id>.yml."""

    title: LocalizedText = Field(description="The activity, in short.")
    description: LocalizedText = Field(description="The activity as the work plan states it.")
    who: list[str] = Field(min_length=1, description="Who carries it out.")
    who_countries: list[CountryRef] = Field(default_factory=list, description="ISO3 codes of the States among them.")
    headings: list[HeadingRef] = Field(default_factory=list, description="Action 5 headings it serves, e.g. '5-1'.")
    planned: LocalizedText | None = Field(default=None, description="When the work plan scheduled it, in its words (e.g. 'November 2017', '2018 (dates tbc)').")
    start: PartialDate | None = Field(default=None, description="When it was scheduled to start or took place.")
    end: PartialDate | None = Field(default=None, description="When it ended, for activities over a period.")
    status: ActivityStatus = Field(description="planned, ongoing, done or not-reported.")
    evidence: list[Evidence] = Field(default_factory=list, description="Meetings or documents that show it done.")
    sources: Sources
    quotes: Quotes


class Measure(str, Enum):
    """Indicators the generator computes from the records."""

    meetings_affected_only = "meetings-affected-only"
    meetings_donor_only = "meetings-donor-only"
    meetings_joint = "meetings-joint"
    states_requesting = "states-requesting"
    states_providing = "states-providing"
    states_receiving = "states-receiving"
    evidence_based_requests = "evidence-based-requests"
    states_responding = "states-responding"
    states_with_resources = "states-with-resources"


class Output(Record):
    """An expected output of the work plan by the 8MSP: content/action-plan/outputs/<id>.yml."""

    text: LocalizedText = Field(description="The expected output, as the concept note words it.")
    order: int = Field(ge=1, description="Its position in the concept note's list.")
    headings: list[HeadingRef] = Field(default_factory=list, description="Action 5 headings it serves.")
    measure: Measure | None = Field(default=None, description="The indicator computed from the records; leave out if none can be.")
    target: LocalizedText | None = Field(default=None, description="What counts as achieved, e.g. 'one meeting held'.")
    sources: Sources
    quotes: Quotes
