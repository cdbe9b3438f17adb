"""site_config.yml: the generator's settings."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ccm_ica.models.common import LocalizedText, Record


class Windows(Record):
    """How far ahead or back statuses and reminders look, in months."""

    deadline_warning_months: int = Field(default=24, ge=1, description="A deadline this close, with no extension request or completion, needs attention.")
    pressing_months: int = Field(default=12, ge=1, description="A deadline this close is 'pressing'.")
    request_unanswered_months: int = Field(default=12, ge=1, description="An open request this old without a response needs attention.")
    review_months: int = Field(default=12, ge=1, description="A record not reviewed for this long is stale.")


class ReportingPeriod(Record):
    """The period the 8MSP progress report covers."""

    start: dt.date = Field(description="First day, YYYY-MM-DD.")
    end: dt.date = Field(description="Last day, YYYY-MM-DD.")
    confirmed: bool = Field(default=False, description="Whether a source states this period for this report; "
                            "the report says 'not confirmed' until one does.")


class ReportSettings(Record):
    """The 8MSP progress report: its own clock, apart from the site's."""

    as_of: dt.date = Field(description="The report's cut-off, YYYY-MM-DD: its figures and statuses count only "
                           "records dated by then.")
    period: ReportingPeriod = Field(description="The period the report covers.")


class Licence(Record):
    """The licence the data and pages are published under."""

    name: str = Field(description="Its short name, e.g. 'CC BY 4.0'.")
    url: str = Field(pattern=r"^https://", description="The licence's page (https://).")


class Publisher(Record):
    """Who publishes the site, and how a reader reaches them: shown in every page's footer."""

    name: LocalizedText = Field(description="Who publishes the site (or one name per language).")
    contact: str = Field(pattern=r"^https://", description="Where a reader asks a question or reports an error (https://), "
                         "e.g. the repository's issues.")
    licence: Licence = Field(description="The licence of the data and pages.")


class SiteConfig(Record):
    """The generator's settings, in site_config.yml at the project root."""

    title: LocalizedText = Field(description="The site's title (or one per language: en, fr, es…).")
    description: LocalizedText = Field(description="One sentence on what the site is (or one per language).")
    site_url: str | None = Field(default=None, pattern=r"^https?://.*/$",
                                 description="The published site's address, ending in /: canonical links, sitemaps and "
                                 "link previews need it. $CCM_ICA_SITE_URL overrides it (pull-request previews).")
    publisher: Publisher | None = Field(default=None, description="Who publishes the site, the contact and the data's licence "
                                        "(the footer of every page names them).")
    report: ReportSettings = Field(description="The progress report's cut-off and period (the site's statuses are "
                                   "computed as of the build's date instead).")
    windows: Windows = Field(default_factory=Windows, description="Warning windows, in months.")
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1, description="Language codes the site is published in; the first is the default.")
