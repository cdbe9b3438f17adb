"""The kinds of record: which folder each lives in and which model validates it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from ccm_ica.models.action_plan import Activity, Heading, Output
from ccm_ica.models.coalition import Coalition
from ccm_ica.models.country import Country
from ccm_ica.models.meeting import Meeting
from ccm_ica.models.request import Assistance, Request
from ccm_ica.models.source import Source


@dataclass(frozen=True)
class Kind:
    """A kind of record: one YAML file per record in `folder`, its id from the file name."""

    name: str
    folder: str
    model: type[BaseModel]
    label: str
    id_pattern: re.Pattern[str] = re.compile(r"^[a-z0-9][a-z0-9-]*$")
    id_hint: str = "use lower-case letters, digits and hyphens, e.g. 2017-11-24-affected-states"


KINDS: tuple[Kind, ...] = (
    Kind("sources", "content/sources", Source, "source"),
    Kind("countries", "content/countries", Country, "country",
         re.compile(r"^[a-z]{3}$"), "name the file after the ISO 3166-1 alpha-3 code in lower case, e.g. mne.yml"),
    Kind("meetings", "content/meetings", Meeting, "meeting"),
    Kind("coalitions", "content/coalitions", Coalition, "Country Coalition"),
    Kind("requests", "content/requests", Request, "request for assistance"),
    Kind("assistance", "content/assistance", Assistance, "assistance record"),
    Kind("headings", "content/action-plan/headings", Heading, "Action 5 heading",
         re.compile(r"^5-\d$"), "name the file after the heading number, e.g. 5-1.yml for 5.1"),
    Kind("activities", "content/action-plan/activities", Activity, "work-plan activity"),
    Kind("outputs", "content/action-plan/outputs", Output, "expected output"),
)

KINDS_BY_NAME = {kind.name: kind for kind in KINDS}
