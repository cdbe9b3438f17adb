"""Meetings and their summaries: key points, recommendations, follow-up actions, figures."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field

from ccm_ica.models.common import CoalitionRef, CountryRef, Figure, LocalizedText, Quotes, Record, Sources


class MeetingKind(str, Enum):
    """What kind of meeting; the first three are the Coordinators' informal cycle."""

    affected_only = "affected-only"
    donor_only = "donor-only"
    joint = "joint"
    intersessional = "intersessional"
    workshop = "workshop"
    seminar = "seminar"
    msp = "msp"
    review_conference = "review-conference"
    preparatory = "preparatory"
    bilateral = "bilateral"


class FollowUpStatus(str, Enum):
    """Where a follow-up action stands."""

    planned = "planned"
    ongoing = "ongoing"
    done = "done"
    dropped = "dropped"
    not_reported = "not-reported"


class Point(Record):
    """A key point or recommendation, attributed to whoever made it."""

    text: LocalizedText = Field(description="The point, in the summary's words where possible.")
    by: LocalizedText | None = Field(default=None, description="Who made it, as the summary attributes it (e.g. 'a donor state', 'the ISU').")
    to: str | None = Field(default=None, description="For a recommendation: to whom it is addressed.")


class FollowUp(Record):
    """An action agreed at the meeting."""

    action: LocalizedText = Field(description="What is to be done.")
    owner: LocalizedText = Field(description="Who is to do it.")
    status: FollowUpStatus = Field(description="planned, ongoing, done, dropped or not-reported.")
    note: LocalizedText | None = Field(default=None, description="What came of it, with its source in the record's sources.")


class Meeting(Record):
    """A meeting and its summary: content/meetings/<slug>.yml."""

    title: LocalizedText = Field(description="The meeting's title.")
    kind: MeetingKind = Field(description="affected-only, donor-only, joint, intersessional, workshop, seminar, msp, review-conference, preparatory, bilateral.")
    date: dt.date = Field(description="First (or only) day, YYYY-MM-DD.")
    end_date: dt.date | None = Field(default=None, description="Last day, for meetings over several days.")
    start_time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="Local start time, HH:MM.")
    end_time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="Local end time, HH:MM.")
    city: LocalizedText = Field(description="Where it was held, or 'online' (the city's name in each language, e.g. "
                                           "{en: Geneva, fr: Genève, es: Ginebra}).")
    venue: str | None = Field(default=None, description="Building, e.g. 'United Nations Office in Vienna'.")
    room: str | None = Field(default=None, description="Room, e.g. 'M6'.")
    occasion: LocalizedText | None = Field(default=None, description="What it was held alongside, e.g. 'margins of the APMBC 16MSP'.")
    hosts: list[LocalizedText] = Field(default_factory=list, description="Who convened or chaired it, as the source names them.")
    host_countries: list[CountryRef] = Field(default_factory=list, description="ISO3 codes of the hosting or chairing States.")
    participants: LocalizedText | None = Field(default=None, description="Who took part, as the summary says (e.g. 'about 15 donor states').")
    summary: LocalizedText | None = Field(default=None, description="A short paragraph on what the meeting was for.")
    key_points: list[Point] = Field(default_factory=list, description="Key points raised.")
    recommendations: list[Point] = Field(default_factory=list, description="Recommendations and outcomes.")
    follow_ups: list[FollowUp] = Field(default_factory=list, description="Follow-up actions, with owner and status.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers reported at the meeting.")
    note: LocalizedText | None = Field(default=None, description="Anything a reader should know, including doubts about a fact (e.g. an assumed place).")
    countries: list[CountryRef] = Field(default_factory=list, description="ISO3 codes of the States the meeting concerned or named.")
    coalitions: list[CoalitionRef] = Field(default_factory=list, description="Ids of Country Coalitions discussed.")
    sources: Sources
    quotes: Quotes
