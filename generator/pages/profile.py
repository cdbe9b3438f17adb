"""Detail pages: a State's profile (its "at a glance" block first, then the same sections in the
same order on every profile) and a meeting's page; each with its way back to its index and the
other names a reader may search it by."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from typing import Any

import pycountry
from babel import Locale
from babel.dates import format_date, format_interval
from markupsafe import Markup, escape

from ccm_ica import i18n
from ccm_ica.content.load import Entry
from ccm_ica.facts import Facts
from ccm_ica.facts.deadlines import happened
from ccm_ica.i18n import _, long_date
from ccm_ica.models.common import LocalizedText
from ccm_ica.models.request import RequestStatus
from ccm_ica.pages import charts
from ccm_ica.pages.views import OPEN, PageInputs, evidence_based, state_name

# Former or common English short names that neither pycountry nor Babel's CLDR territory names
# give, so that a reader who types them still finds the State (issue 19: Türkiye / Turkey).
# pycountry's historic_countries gives Burma and East Timor; CLDR gives Cape Verde and pycountry
# Czech Republic (CZE's official name), so those are not repeated here.
FORMER_NAMES = {
    "CIV": ("Ivory Coast",),  # the English translation of the name, used until the 1980s
    "MKD": ("Macedonia",),  # the short name before the 2019 Prespa agreement
    "SWZ": ("Swaziland",),  # the name until 2018
    "TUR": ("Turkey",),  # the English short name until 2022
}
UNSTATED_CITY = "place not stated in the source"  # what the content writes in a meeting's required city
SEARCH_BOOST = 3  # a meeting page above the pages that only mention its abbreviation


def front_matter(title: str, boost: int | None = None) -> Markup:
    """The page's YAML front matter (MkDocs reads it from the Markdown): its title, since a
    breadcrumb comes before the heading MkDocs would take it from, and its search boost."""
    # HTML's <, > and & as entities, as in a title MkDocs takes from the heading: the theme prints
    # it unescaped in the header. A JSON string is a YAML string.
    lines = ["---", f"title: {json.dumps(html.escape(str(title), quote=False), ensure_ascii=False)}"]
    if boost:
        lines += ["search:", f"  boost: {boost}"]
    return Markup("\n".join([*lines, "---", ""]))


def other_names(iso3: str, shown: str, official: str | None) -> list[str]:
    """Every other name a reader may know the State by, from pycountry (name, official and
    common name, ISO 3166-3's former names) and CLDR through Babel (the names in English, French
    and Spanish), then FORMER_NAMES: each once, never the name the page is titled with."""
    country = pycountry.countries.get(alpha_3=iso3.upper())
    names: list[str] = [official] if official else []
    if country:
        for attribute in ("name", "official_name", "common_name"):
            names.append(_uninverted(getattr(country, attribute, None) or ""))
        names += [Locale.parse(language).territories.get(country.alpha_2, "") for language in ("en", "fr", "es")]
        # ISO 3166-3 codes a former name XXYY, where YY is the alpha-2 code of what it became.
        names += [_uninverted(old.name) for old in pycountry.historic_countries
                  if getattr(old, "alpha_4", "")[2:] == country.alpha_2]
    names += FORMER_NAMES.get(iso3.upper(), ())
    seen = {_comparable(shown)}
    kept = []
    for name in names:
        if name and _comparable(name) not in seen:
            seen.add(_comparable(name))
            kept.append(name)
    return kept


def iso_codes(iso3: str) -> list[str]:
    """The State's ISO 3166-1 alpha-2 and alpha-3 codes (LA, LAO)."""
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return [country.alpha_2, country.alpha_3] if country else [iso3.upper()]


def _uninverted(name: str) -> str:
    """ISO's sorting order back to reading order: 'Korea, Republic of' → 'Republic of Korea'."""
    name = name.split(" (", 1)[0] if name.startswith("Burma") else name
    head, comma, tail = name.partition(", ")
    return f"{tail} {head}" if comma and "," not in tail else name


def _comparable(name: str) -> str:
    return name.replace("’", "'").casefold()


def ledger(facts: Facts, obligation: Any) -> list[dict[str, Any]]:
    """Original deadline → each extension → completion, as dated rows."""
    rows: list[dict[str, Any]] = []
    if obligation.deadline:
        rows.append({"when": obligation.deadline, "event": _("Original deadline"), "meeting": None, "note": None})
    for extension in obligation.extensions:
        event = (_("Extension granted: new deadline") if extension.granted
                 else _("Extension refused: new deadline") if extension.granted is False
                 else _("Extension requested: new deadline"))
        rows.append({"when": extension.new_deadline, "event": event, "meeting": extension.decided_at, "note": extension.note})
    if obligation.completed:
        rows.append({"when": obligation.completed, "event": _("Completed"), "meeting": None, "note": None})
    for row in rows:
        row["later"] = not happened(row["when"], facts.as_of)
    return rows


def _ledger_chart(facts: Facts, entry: Entry) -> Any:
    """The State's Article 3 and 4 deadline ledgers as one small timeline, if it has any."""
    rows = [charts.ledger_row(_("Article %(article)s", article=o.article.value), o, facts.meeting_dates, facts.as_of)
            for o in entry.record.obligations if o.article.value in (3, 4) and (o.deadline or o.extensions)]
    title = _("%(country)s: Article 3 and 4 deadlines as of %(date)s", country=state_name(entry), date=long_date(facts.as_of))
    # 4.8 in (461 px): at the 70 % it may shrink to, it fits a 360 px phone's column unscrolled.
    return rows and charts.deadlines_chart("chart-ledger", title, rows, facts.as_of, width=4.8)


def country(inputs: PageInputs, entry: Entry) -> dict[str, Any]:
    facts = inputs.facts
    site, iso3 = facts.site, entry.id
    requests = sorted((e for e in site.referring("countries", iso3, "requests") if e.record.country == iso3),
                      key=lambda e: (e.record.year, e.id))
    responded = [e for e in site.referring("countries", iso3, "requests")
                 if any(r.country == iso3 for r in e.record.responses)]
    assistance = site.referring("countries", iso3, "assistance")
    obligations = [
        {"obligation": o, "status": facts.status(o), "deadline": facts.deadline(o), "ledger": ledger(facts, o)}
        for o in entry.record.obligations
    ]
    return {
        "entry": entry,
        "country": entry.record,
        "front_matter": front_matter(state_name(entry)),
        "obligations": obligations,
        "reminders": facts.reminders_by_country.get(iso3, []),
        "ledger_chart": _ledger_chart(facts, entry),
        "last_changed": site.changed.get(entry.path),
        "current_to": facts.profile_current_to(entry.record),
        "requests": requests,
        "request_counts": _request_counts(requests),
        "since": {e.id: facts.request_horizon(e.record) for e in requests},
        "responses_given": responded,
        "received": [e for e in assistance if e.record.recipient == iso3],
        "given": [e for e in assistance if e.record.donor_country == iso3],
        "coalitions": site.referring("countries", iso3, "coalitions"),
        "meetings": sorted(site.referring("countries", iso3, "meetings"), key=lambda e: e.record.date),
        "other_names": other_names(iso3, state_name(entry), entry.record.official_name),
        "iso_codes": iso_codes(iso3),
        "evidence_based": evidence_based,
        "numbered": SourceNumbers(),
    }


def _request_counts(requests: list[Entry]) -> list[tuple[RequestStatus, int]]:
    """How many of the State's requests have each status, open ones first (the glance's line)."""
    counts = Counter(e.record.status for e in requests)
    order = [*OPEN, *(s for s in RequestStatus if s not in OPEN)]
    return [(status, counts[status]) for status in order if counts[status]]


def meeting(inputs: PageInputs, entry: Entry) -> dict[str, Any]:
    facts = inputs.facts
    site = facts.site
    record = entry.record
    return {
        "entry": entry,
        "meeting": record,
        "front_matter": front_matter(record.title, boost=SEARCH_BOOST),
        "dates": date_range(record.date, record.end_date),
        "occasion": sentence(record.occasion),
        # `city` is required, so a source that names no place leaves these words in it.
        "city": None if record.city.strip().casefold() == UNSTATED_CITY else record.city,
        "requests": site.referring("meetings", entry.id, "requests"),
        "decisions": site.referring("meetings", entry.id, "countries"),
        "activities": site.referring("meetings", entry.id, "activities"),
        "past": record.date <= facts.as_of,
        "last_changed": site.changed.get(entry.path),
    }


def date_range(start: dt.date, end: dt.date | None) -> str:
    """'3–5 September 2018', '30 August – 2 September 2019': CLDR's intervals, in the page's language."""
    if end is None or end == start:
        return long_date(start)
    locale = i18n._parsed_locale(i18n.current())
    # Spanish has patterns with the month's full name (yMMMMd); English and French only with it
    # abbreviated (yMMMd), and Babel does not widen the month as CLDR's matching rules ask: here.
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    patterns = (locale.interval_formats.get("yMMMMd") or locale.interval_formats.get("yMMMd") or {}).get(differs)
    if not patterns:
        return format_interval(start, end, "yMMMd", locale=locale)
    return "".join(format_date(day, _full_month(pattern), locale=locale) for pattern, day in zip(patterns, (start, end)))


def _full_month(pattern: str) -> str:
    """'d MMM y' → 'd MMMM y', leaving quoted literals alone."""
    parts = pattern.split("'")
    return "'".join(re.sub(r"(?<!M)MMM(?!M)", "MMMM", part) if i % 2 == 0 else part for i, part in enumerate(parts))


def sentence(text: LocalizedText | None) -> LocalizedText | None:
    """Free text that begins a sentence, capitalised in every language it is given in:
    'margins of the 16MSP' after "Held" reads 'Margins of the 16MSP'."""
    if text is None:
        return None
    upper = {language: words[:1].upper() + words[1:] for language, words in text.translations.items()}
    return LocalizedText(text[:1].upper() + text[1:], upper)


class SourceNumbers:
    """A page's sources numbered in the order they are first cited: each block cites '1, 3',
    and the page's Sources section lists each source once, with its title and its words."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, ids: list[str], titles: dict[str, str]) -> Markup:
        """'Sources: 1, 3' linking to the entries of this page's Sources section."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return Markup("")
        # f-strings with escape(), not Markup.format: this runs tens of thousands of times at scale.
        links = ", ".join(f'<a href="#source-{n}" title="{escape(titles[i])}">{n}</a>' for n, i in
                          ((self._number(i), i) for i in ids))
        label = escape(_("Source:"))  # the label of every source line on the site, one source or several
        return Markup(f'<small class="ccm-source">{label} {links}</small>')

    def listed(self, also: list[str]) -> list[tuple[int, str]]:
        """(number, id) of every source cited, then of those in `also` not cited yet."""
        for source_id in also:
            self._number(source_id)
        return [(n, i) for i, n in self.numbers.items()]

    def _number(self, source_id: str) -> int:
        return self.numbers.setdefault(source_id, len(self.numbers) + 1)
