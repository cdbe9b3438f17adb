"""Requests for assistance, the responses to them, and assistance given."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from ccm_ica.models.common import (
    CountryRef,
    LocalizedText,
    MeetingRef,
    Money,
    OptionalSources,
    PartialDate,
    Quotes,
    Record,
    Sources,
)
from ccm_ica.models.enums import Area, HelpKind


class Channel(str, Enum):
    """How a State communicated its need."""

    article_7_report = "article-7-report"
    statement = "statement"
    meeting = "meeting"


class RequestStatus(str, Enum):
    """How far a request has been met; `not-reported` when no source says."""

    open = "open"
    partly_met = "partly-met"
    met = "met"
    withdrawn = "withdrawn"
    not_reported = "not-reported"


class Evidence(Record):
    """What makes a request evidence-based (seed 000, 003): each `true`, `false`, or left out if unknown."""

    completion_plan: bool | None = Field(default=None, description="The request rests on a plan to complete the obligation.")
    costed: bool | None = Field(default=None, description="The request states what completion will cost.")
    timeframe: bool | None = Field(default=None, description="The request states a timeframe for the activities.")
    obstacles_named: bool | None = Field(default=None, description="The request names the obstacles to completion.")


class Response(Record):
    """Who answered a request, with what, and when."""

    by: str = Field(min_length=1, description="Who responded: a State or an organisation, as the source names it.")
    country: CountryRef | None = Field(default=None, description="ISO3 code of the responding State, if a State.")
    via: str | None = Field(default=None, description="The organisation that delivered the help, if any (e.g. an operator).")
    what: LocalizedText = Field(description="What was provided or pledged.")
    kinds: list[HelpKind] = Field(default_factory=list, description="financial, technical, material, expertise.")
    date: PartialDate | None = Field(default=None, description="When (YYYY, YYYY-MM or YYYY-MM-DD).")
    amount: Money | None = Field(default=None, description="Amount and currency, where known.")
    sources: OptionalSources


class Request(Record):
    """A State's request for assistance: content/requests/<id>.yml."""

    country: CountryRef = Field(description="ISO3 code (lower case) of the requesting State.")
    year: int = Field(ge=2010, le=2100, description="The year the request was made or reported for.")
    channels: list[Channel] = Field(
        default_factory=list,
        description="article-7-report, statement and/or meeting; leave out where the source does not say which this State used.",
    )
    meeting: MeetingRef | None = Field(default=None, description="Id of the meeting where the request was made, if made at one.")
    area: Area | None = Field(default=None, description="The obligation area; leave out only where the source does not say.")
    kinds: list[HelpKind] = Field(default_factory=list, description="The kinds of help asked for: financial, technical, material, expertise.")
    description: LocalizedText = Field(description="What was asked for, in the source's words where possible.")
    evidence: Evidence = Field(default_factory=Evidence, description="Which elements of an evidence-based request it has.")
    status: RequestStatus = Field(description="open, partly-met, met, withdrawn or not-reported.")
    responses: list[Response] = Field(default_factory=list, description="Answers from donors and partners.")
    note: LocalizedText | None = Field(default=None, description="Anything a reader should know.")
    last_reviewed: PartialDate | None = Field(default=None, description="When a coordinator last checked this record.")
    sources: Sources
    quotes: Quotes


class Assistance(Record):
    """Assistance given outside any recorded request: content/assistance/<id>.yml."""

    donor: str = Field(min_length=1, description="Who gave it: a State or an organisation.")
    donor_country: CountryRef | None = Field(default=None, description="ISO3 code of the donor, if a State.")
    via: str | None = Field(default=None, description="The organisation that delivered it, if any.")
    recipient: CountryRef = Field(description="ISO3 code of the State that received it.")
    year: int = Field(ge=2010, le=2100, description="Year given.")
    area: Area | None = Field(default=None, description="The obligation area it served.")
    kinds: list[HelpKind] = Field(default_factory=list, description="financial, technical, material, expertise.")
    amount: Money | None = Field(default=None, description="Amount in the original currency, where known.")
    description: LocalizedText = Field(description="What was given.")
    sources: Sources
    quotes: Quotes
