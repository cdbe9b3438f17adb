"""A State: treaty status, roles, the deadline ledger per article, Article 7 reports."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field

from ccm_ica.models.common import ConventionDate, ConventionPartialDate, LocalizedText, MeetingRef, OptionalSources, PartialDate, Quotes, Record, Sources
from ccm_ica.models.enums import Article


class TreatyStatus(str, Enum):
    """Where the State stands towards the Convention."""

    state_party = "state-party"
    signatory = "signatory"
    not_party = "not-party"


class Role(str, Enum):
    """What the State does in cooperation and assistance."""

    affected = "affected"
    donor = "donor"
    coordinator = "coordinator"
    president = "president"


class Treaty(Record):
    """The State's signature, ratification (or accession) and entry into force."""

    status: TreatyStatus = Field(description="state-party, signatory or not-party.")
    signed: dt.date | None = Field(default=None, description="Date of signature (YYYY-MM-DD), if known.")
    ratified: dt.date | None = Field(default=None, description="Date of ratification or accession (YYYY-MM-DD), if known.")
    entry_into_force: dt.date | None = Field(default=None, description="Date the Convention entered into force for the State (YYYY-MM-DD), if known.")
    sources: OptionalSources


class Extension(Record):
    """One request to extend an Article 3 or 4 deadline, and what was decided."""

    submitted: ConventionPartialDate | None = Field(default=None, description="When the extension request was submitted, if known.")
    decided_at: MeetingRef | None = Field(default=None, description="Id of the meeting (content/meetings/) that decided the request; leave out while pending.")
    new_deadline: ConventionDate = Field(description="The deadline requested or granted (YYYY-MM-DD).")
    granted: bool | None = Field(default=None, description="true once granted, false if refused; leave out while pending or unknown.")
    note: LocalizedText | None = Field(default=None, description="Anything a reader should know, e.g. an interim extension.")
    sources: OptionalSources


class Obligation(Record):
    """The State's obligation under one article, with its deadline ledger."""

    article: Article = Field(description="3 stockpile destruction, 4 clearance, 5 victim assistance, 9 national implementation.")
    summary: LocalizedText | None = Field(default=None, description="One sentence on what the State has to do under this article.")
    deadline: ConventionDate | None = Field(default=None, description="The original deadline (Articles 3 and 4), YYYY-MM-DD.")
    extensions: list[Extension] = Field(default_factory=list, description="Extension requests in the order they were made.")
    completed: ConventionPartialDate | None = Field(default=None, description="When the State completed the obligation (YYYY, YYYY-MM or YYYY-MM-DD).")
    note: LocalizedText | None = Field(default=None, description="Anything a reader should know, including doubts about a fact.")
    sources: OptionalSources


class Article7Status(str, Enum):
    """Whether an Article 7 transparency report arrived."""

    submitted = "submitted"
    late = "late"
    missing = "missing"


class Article7Report(Record):
    """One annual (or the initial) Article 7 transparency report."""

    year: int = Field(ge=2010, le=2100, description="The calendar year the report covers.")
    initial: bool = Field(default=False, description="true for the State's initial transparency report.")
    due: dt.date | None = Field(default=None, description="When it was due (annual reports: 30 April), YYYY-MM-DD.")
    status: Article7Status = Field(description="submitted, late or missing.")
    submitted: PartialDate | None = Field(default=None, description="When it was received, if known.")
    sources: OptionalSources


class Country(Record):
    """A State named in the sources, one file per State: content/countries/<iso3>.yml."""

    name: str = Field(min_length=1, description="Short English name (as in ISO 3166 / pycountry).")
    official_name: str | None = Field(default=None, description="Official English name, if it differs.")
    treaty: Treaty | None = Field(default=None, description="Signature, ratification and entry into force.")
    roles: list[Role] = Field(default_factory=list, description="affected, donor, coordinator, president.")
    roles_note: LocalizedText | None = Field(default=None, description="What the roles rest on, e.g. 'Coordinator on International Cooperation and Assistance 2017-18'.")
    obligations: list[Obligation] = Field(default_factory=list, description="One entry per article under which the State has or had obligations.")
    article7_reports: list[Article7Report] = Field(default_factory=list, description="Article 7 transparency reports known, by year.")
    focal_point: str | None = Field(default=None, description="National focal point or authority for the Convention.")
    notes: LocalizedText | None = Field(default=None, description="Free text for anything else the sources say.")
    last_reviewed: dt.date = Field(description="When a coordinator last checked this record against its sources (YYYY-MM-DD).")
    sources: Sources
    quotes: Quotes
