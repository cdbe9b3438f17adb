"""Records and values as a coordinator reads them: a State's name, not `tcd`; "State Party", not
`state-party`; "1 October 2026", not `2026-10-01`. Labels come from the site's own vocabulary
(pages/labels.py) and each field's name from the models (models/fields.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.i18n import _, long_date
from ccm_ica.models.common import LocalizedText, PartialDate
from ccm_ica.models.fields import Shape, shapes
from ccm_ica.models.kinds import KINDS_BY_NAME
from ccm_ica.pages.labels import term

# A quoted text longer than this is cut: the comment says what changed, the YAML diff says all.
LONGEST_TEXT = 160


def kind_words(kind: str) -> str:
    """'country', 'request for assistance': the kind as readers call it."""
    return term(KINDS_BY_NAME[kind])


def record_label(site: Site, kind: str, record_id: str) -> str:
    """What a reader calls a record: a State's name, a meeting's title, a request's State and year."""
    entry = site.entries[kind].get(record_id)
    if entry is None:
        return record_id
    return entry_label(site, entry)


def entry_label(site: Site, entry: Entry) -> str:
    record = entry.record
    if entry.kind.name == "requests":
        return _("request of %(country)s, %(year)s", country=record_label(site, "countries", record.country), year=record.year)
    if entry.kind.name == "assistance":
        return _("%(donor)s to %(recipient)s, %(year)s", donor=record.donor,
                 recipient=record_label(site, "countries", record.recipient), year=record.year)
    if entry.kind.name == "headings":
        return f"{record.number} {record.title}"
    for name in ("name", "title", "text"):
        if getattr(record, name, None):
            return shortened(str(getattr(record, name)))
    return entry.id


def field_words(name: str) -> str:
    """A field's name as words: 'entry_into_force' → 'entry into force'."""
    return name.replace("article7", "Article 7").replace("_", " ")


def item_words(name: str) -> str:
    """One item of a list field: 'extensions' → 'extension'."""
    words = field_words(name)
    return words[:-1] if words.endswith("s") else words


def shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONGEST_TEXT else text[:LONGEST_TEXT - 1].rstrip() + "…"


def texts_apart(before: str, after: str) -> tuple[str, str]:
    """Two long texts that differ in a few words, each shown from a little before the first
    difference to a little after the last, so the change is not cut off: '…says that X…'."""
    a, b = " ".join(before.split()), " ".join(after.split())
    if len(a) <= LONGEST_TEXT and len(b) <= LONGEST_TEXT:
        return a, b
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    end = next((i for i, (x, y) in enumerate(zip(reversed(a), reversed(b))) if x != y), min(len(a), len(b)) - start)
    begin = max(0, start - 40)

    def cut(text: str) -> str:
        stop = max(len(text) - end + 40, start + 1)
        return ("…" if begin else "") + text[begin:stop] + ("…" if stop < len(text) else "")
    return shortened(cut(a)), shortened(cut(b))


def value_words(value: Any, shape: Shape, site: Site | None = None) -> str:
    """One value of a field (one item of a list) in words, as the site would name it (a
    reference by the name of the record it refers to, in `site`)."""
    if value is None:
        return _("not given")
    if shape.kind == "ref" and site is not None:
        return record_label(site, shape.target, value)
    if isinstance(value, BaseModel):
        return summary(value, site)
    if isinstance(value, Enum):
        return term(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (dt.date, PartialDate)):
        return long_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, LocalizedText | str):
        return _("“%(words)s”", words=shortened(str(value)))
    return str(value)


def list_words(values: list[Any], shape: Shape, site: Site | None = None) -> str:
    if not values:
        return _("none")
    return "; ".join(value_words(value, shape, site) for value in values)


def summary(record: BaseModel, site: Site | None) -> str:
    """A group of fields on one line, the fields given only: 'new deadline: 1 October 2026; granted: yes'."""
    parts = []
    for name, _info, shape in shapes(type(record)):
        value = getattr(record, name)
        if value in (None, [], {}):
            continue
        if shape.keys is not None:
            continue  # quotes: said apart, under the source they quote
        shown = list_words(value, shape, site) if shape.is_list else value_words(value, shape, site)
        parts.append(f"{field_words(name)}: {shown}")
    return "; ".join(parts)
