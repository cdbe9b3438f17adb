"""Sources: the documents that every fact cites."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from ccm_ica.models.common import Figure, LocalizedText, PartialDate, Record


class SourceKind(str, Enum):
    """What kind of document."""

    concept_note = "concept-note"
    slides = "slides"
    meeting_summary = "meeting-summary"
    official_document = "official-document"
    web_page = "web-page"
    report = "report"
    news = "news"


class Source(Record):
    """A document cited by the content: content/sources/<id>.yml."""

    title: str = Field(min_length=1, description="The document's title.")
    kind: SourceKind = Field(description="concept-note, slides, meeting-summary, official-document, web-page, report, news.")
    author: str | None = Field(default=None, description="Who wrote or published it.")
    date: PartialDate | None = Field(default=None, description="When it is dated (YYYY, YYYY-MM or YYYY-MM-DD).")
    symbol: str | None = Field(default=None, description="UN document symbol, e.g. CCM/MSP/2018/1.")
    url: str | None = Field(default=None, pattern=r"^https?://", description="Public address (http or https), if any.")
    seed: str | None = Field(default=None, pattern=r"^\d{3}_[0-9a-f]{16}\.txt$", description="File name in the project's seed documents, for the five source documents.")
    language: str = Field(default="en", pattern=r"^(en|fr|es|ar|zh|ru)$",
                          description="The language the document is written in (en, fr, es…): its title and the words "
                                      "quoted from it are shown in it, marked so, on every language's pages.")
    note: LocalizedText | None = Field(default=None, description="What the document is, or a caveat on it.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers the document reports, e.g. a count of requests by area.")
