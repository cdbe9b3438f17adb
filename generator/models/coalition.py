"""Country Coalitions: one affected State and its partners, with dated milestones."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from ccm_ica.models.common import CountryRef, LocalizedText, OptionalSources, PartialDate, Quotes, Record, Sources
from ccm_ica.models.enums import Article


class Stage(str, Enum):
    """How far a coalition has come."""

    proposed = "proposed"
    forming = "forming"
    active = "active"
    completed = "completed"
    dormant = "dormant"


class Partner(Record):
    """A State or an organisation working with the affected State."""

    name: str = Field(min_length=1, description="The partner's name.")
    country: CountryRef | None = Field(default=None, description="ISO3 code, if the partner is a State.")
    role: LocalizedText | None = Field(default=None, description="What it does in the coalition, e.g. 'donor', 'operator'.")


class Milestone(Record):
    """A dated step; its stage, if given, is the coalition's stage from that date on."""

    date: PartialDate = Field(description="When (YYYY, YYYY-MM or YYYY-MM-DD).")
    text: LocalizedText = Field(description="What happened.")
    stage: Stage | None = Field(default=None, description="The stage the coalition entered on that date, if it changed.")
    sources: OptionalSources


class Coalition(Record):
    """A Country Coalition: content/coalitions/<slug>.yml."""

    title: LocalizedText = Field(description="A short name, e.g. 'Botswana: stockpile destruction'.")
    country: CountryRef = Field(description="ISO3 code of the affected State at the centre of the coalition.")
    partners: list[Partner] = Field(default_factory=list, description="States and organisations working with it.")
    focus: list[Article] = Field(min_length=1, description="The articles (3, 4, 5, 9) the coalition works on.")
    description: LocalizedText | None = Field(default=None, description="What the coalition is for.")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated steps, oldest first.")
    note: LocalizedText | None = Field(default=None, description="Anything a reader should know, including doubts.")
    sources: Sources
    quotes: Quotes
