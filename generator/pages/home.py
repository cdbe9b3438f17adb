"""The home page: what the Convention and this database are, a way to each State, the figures
linked to their pages, what is pressing, what changed last, and the assistance by year."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from ccm_ica.facts import Facts
from ccm_ica.i18n import _, long_date
from ccm_ica.pages import charts, views
from ccm_ica.pages.views import PageInputs

LATEST_CHANGES = 5  # records the home page lists; /changes/ has the rest

# The source of the opening sentence on the Convention: the concept note (seed 000) quotes its
# Article 6 and names what it covers. Cited only where the site holds it (not the test fixture).
ABOUT_SOURCE = "concept-note-2017"


def home(inputs: PageInputs) -> dict[str, Any]:
    facts = inputs.facts
    site, as_of = facts.site, facts.as_of
    pressing = [row for row in views.deadline_rows(facts)["rows"] if row["status"].code in ("overdue", "pressing")]
    past = [e for e in facts.meetings_sorted if e.record.date <= as_of]
    return {
        "publisher": site.config.publisher and site.config.publisher.name,
        "about_sources": [ABOUT_SOURCE] if ABOUT_SOURCE in site.entries["sources"] else [],
        "counts": {
            "countries": len(site.entries["countries"]),
            "requests": len(site.entries["requests"]),
            "meetings": len(past),
            "coalitions": len(site.entries["coalitions"]),
        },
        "letters": _by_initial(facts),
        **_by_year(facts),
        "pressing": pressing,
        "changes": views.changes(inputs)["rows"][:LATEST_CHANGES],
        "latest_meetings": list(reversed(past[-5:])),
        "upcoming_meetings": [e for e in facts.meetings_sorted if e.record.date > as_of][:3],
        "coalitions": views.coalition_rows(facts),
    }


def _by_initial(facts: Facts) -> list[tuple[str, list[Any]]]:
    """Every State under the initial of its name in the page's language (É under E), A to Z:
    the country picker, plain links that need no script."""
    def initial(entry: Any) -> str:
        return views.alphabetical(views.state_name(entry))[:1].upper()
    return [(letter, list(entries)) for letter, entries in groupby(views.countries_sorted(facts), key=initial)]


def _by_year(facts: Facts) -> dict[str, Any]:
    """States requesting, providing and receiving assistance per year: the figures and their chart."""
    years, series = charts.by_year(facts.indicators)
    title = _("States requesting, providing and receiving assistance, by year, as of %(date)s", date=long_date(facts.as_of))
    reported = {(measure, f.year): f for measure, _label in charts.BY_YEAR for f in facts.indicators.per_year[measure]
                if f.reported is not None}
    # The reported figure beside each "—", linked by the date of the meeting that gave it.
    rows = [(year, [{"count": values[i], "reported": reported.get((measure, year)),
                     "reported_on": facts.meeting_dates.get(getattr(reported.get((measure, year)), "reported_in", None))}
                    for (measure, _label), (_name, values) in zip(charts.BY_YEAR, series)])
            for i, year in enumerate(years)]
    return {"by_year": rows, "by_year_chart": years and charts.per_year_chart("chart-by-year", title, years, series)}
