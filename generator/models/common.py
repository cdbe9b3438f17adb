"""Types shared by every kind of record: partial dates, references, money (enumerations: enums.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from ccm_ica.models.enums import Area


class Record(BaseModel):
    """Base of every content model: frozen, and a misspelt key is an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


# --- references -----------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the id of a record of another kind (resolved by the index)."""

    kind: str


CountryRef = Annotated[str, Ref("countries"), Field(pattern=r"^[a-z]{3}$")]
SourceRef = Annotated[str, Ref("sources")]
MeetingRef = Annotated[str, Ref("meetings")]
CoalitionRef = Annotated[str, Ref("coalitions")]
ActivityRef = Annotated[str, Ref("activities")]
HeadingRef = Annotated[str, Ref("headings")]

Sources = Annotated[
    list[SourceRef],
    Field(min_length=1, description="Ids of the documents (content/sources/) that state these facts."),
]
OptionalSources = Annotated[
    list[SourceRef],
    Field(default_factory=list, description="Ids of the documents that state this fact, where they differ from the record's own sources."),
]

# The most words a quote may have: enough to state a fact, short enough to stay a quotation.
QUOTE_WORDS = 25
Quotes = Annotated[
    dict[SourceRef, Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]],
    Field(default_factory=dict, description=(  # a literal, so `make messages` finds it for the catalogs
        "The cited document's own words that state this record's facts, so a reader can find them: "
        "under each source id, a list of quotes of at most 25 words each.")),
]
assert f"at most {QUOTE_WORDS} words" in str(Quotes.__metadata__[-1].description), "say QUOTE_WORDS in the description"


# --- partial dates --------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year (`2018`), the month (`2018-07`) or the day (`2018-07-10`)."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PARTIAL_DATE.match(text.strip())
        if not match:
            raise ValueError(text)
        year, month, day = (int(part) if part else 0 for part in match.groups())
        dt.date(year, month or 1, day or 1)  # raises ValueError on 2018-13 or 2018-02-30
        return cls(year, month, day)

    @property
    def start(self) -> dt.date:
        """The first day the date may mean: what counts against an as-of date."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            if isinstance(value, PartialDate):
                return value
            if isinstance(value, dt.date):
                return cls(value.year, value.month, value.day)
            if isinstance(value, int):
                value = str(value)
            if isinstance(value, str):
                try:
                    return cls.parse(value)
                except ValueError:
                    pass
            raise PydanticCustomError(
                "partial_date",
                "'{value}' is not a date",
                {"value": value},
            )

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        # A bare year is an integer to most YAML readers, so the schema accepts both forms.
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "examples": ["2018", "2018-07", "2018-07-10"],
        }


# The Convention was adopted in Dublin on 30 May 2008 (the date issue 21 gives; no seed states it):
# nothing done under it, a completion, an extension or a deadline, can be dated earlier.
CONVENTION_ADOPTED = dt.date(2008, 5, 30)


def _not_before_adoption(value: dt.date | PartialDate | None) -> dt.date | PartialDate | None:
    # A partial date is refused only if every day it may mean is earlier: "2008" may be June 2008.
    latest = (value.year, value.month or 12, value.day or 31) if isinstance(value, PartialDate) else None
    if isinstance(value, dt.date):
        latest = (value.year, value.month, value.day)
    if latest is not None and latest < (CONVENTION_ADOPTED.year, CONVENTION_ADOPTED.month, CONVENTION_ADOPTED.day):
        raise PydanticCustomError("before_adoption", "{value} is before the Convention's adoption on 30 May 2008",
                                  {"value": str(value)})
    return value


# A date of something done under the Convention: on or after its adoption.
ConventionDate = Annotated[dt.date, AfterValidator(_not_before_adoption)]
ConventionPartialDate = Annotated[PartialDate, AfterValidator(_not_before_adoption)]


# --- small value objects --------------------------------------------------------------


class Money(Record):
    """An amount in the currency it was reported in (never converted)."""

    value: float = Field(ge=0, description="The amount, as reported.")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of the currency reported, e.g. USD, EUR, NOK.")


# --- text in several languages --------------------------------------------------------

# UN languages a text may be given in; English is required (the site's fallback).
TEXT_LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


class LocalizedText(str):
    """Free text: English, with translations where a coordinator gave them.

    It *is* the English string (so code that formats or compares text keeps working); the
    renderer picks `translations[language]` for a page and marks an English fallback.
    YAML: `text: "…"` or `text: {en: "…", fr: "…", es: "…"}`.
    """

    translations: dict[str, str]

    def __new__(cls, english: str, translations: dict[str, str] | None = None) -> LocalizedText:
        text = super().__new__(cls, english)
        text.translations = dict(translations or {})
        return text

    def get(self, language: str) -> str | None:
        """The text in `language`, or None if it has not been translated."""
        return str(self) if language == "en" else self.translations.get(language)

    def __reduce__(self) -> tuple:
        return (LocalizedText, (str(self), self.translations))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> LocalizedText:
            if isinstance(value, LocalizedText):
                return value
            if isinstance(value, str):
                if not value.strip():
                    raise PydanticCustomError("text_empty", "must not be empty")
                return cls(value)
            if isinstance(value, dict):
                unknown = [key for key in value if key not in TEXT_LANGUAGES]
                if unknown:
                    raise PydanticCustomError("text_language", "'{key}' is not a language code this site knows",
                                              {"key": unknown[0]})
                if not isinstance(value.get("en"), str) or not value["en"].strip():
                    raise PydanticCustomError("text_english", "the English text (en) is missing")
                if not all(isinstance(v, str) and v.strip() for v in value.values()):
                    raise PydanticCustomError("text_empty", "each language needs a piece of text")
                return cls(value["en"], {k: v for k, v in sorted(value.items()) if k != "en"})
            raise PydanticCustomError("text_type", "expected text, or one text per language")

        def serialize(value: LocalizedText) -> str | dict[str, str]:
            return {"en": str(value), **value.translations} if value.translations else str(value)

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.plain_serializer_function_ser_schema(serialize)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {code: {"type": "string", "minLength": 1} for code in TEXT_LANGUAGES},
                    "required": ["en"],
                    "additionalProperties": False,
                },
            ],
        }


class Figure(Record):
    """A number a document or a meeting reported, e.g. the ISU's count of States requesting assistance."""

    measure: str = Field(
        pattern=r"^[a-z0-9-]+$",
        description="What is counted, as a slug; states-requesting, states-providing and states-receiving are compared "
                    "with the computed indicators, states-requesting-by-area with the requests that state their area.",
    )
    label: LocalizedText = Field(description="The figure as a reader should read it.")
    year: int | None = Field(default=None, description="The year the figure is for.")
    area: Area | None = Field(default=None, description="The area it concerns, for a count by area (clearance, victim-assistance…).")
    value: float = Field(description="The number reported.")
    unit: str | None = Field(default=None, description="'states', 'percent', 'reports'…")
    by: str | None = Field(default=None, description="Who reported it (e.g. 'ISU').")
