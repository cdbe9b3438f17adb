"""Figures the sources report beside what the records say: the Coordinators' count of 2016
requests by area (concept note) and the ISU's counts by article (20 December 2017).

The records hold one request per State for 2016, most without the area it concerns; the
reported figures say what the records cannot yet. Where no record states what a figure counts,
the records' side is None ("not stated in the records"), never a zero.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ccm_ica.content.site import Site
from ccm_ica.facts.deadlines import happened
from ccm_ica.models.common import Figure
from ccm_ica.models.enums import Area

BY_AREA = "states-requesting-by-area"
SUPPORT = ("international-mine-action-support", "mine-action-support-total")  # the Monitor's, per edition
# The ISU's per-article figures: art4-states-with-obligations, art5-states-requesting…
_BY_ARTICLE = re.compile(r"^art(?P<article>[3459])-states-(?P<what>with-obligations|requesting)$")


@dataclass(frozen=True)
class ReportedFigure:
    """A reported number, where it was reported, and what the records count for the same thing."""

    figure: Figure
    kind: str  # "sources" or "meetings": the record that reported it
    reported_in: str  # its id
    recorded: int | None  # None: no record states what the figure counts
    on: dt.date | None = None  # the meeting's date
    article: int | None = None
    what: str | None = None  # "with-obligations" or "requesting", for a figure by article


def requests_by_area(site: Site, as_of: dt.date) -> list[ReportedFigure]:
    """Each reported count of requesting States by area and year, beside the States whose recorded
    requests of that year state that area (None when none does: most do not say their area)."""
    requests = [r for r in site.records("requests") if r.year <= as_of.year]
    found = []
    for entry in sorted(site.entries["sources"].values(), key=lambda e: e.id):
        if entry.record.date is not None and not happened(entry.record.date, as_of):
            continue
        for figure in entry.record.figures:
            if figure.measure != BY_AREA or figure.area is None or figure.year is None:
                continue
            recorded = len({r.country for r in requests if r.year == figure.year and r.area is figure.area})
            found.append(ReportedFigure(figure, "sources", entry.id, recorded or None))
    return sorted(found, key=lambda f: (f.figure.year or 0, list(Area).index(f.figure.area)))


def states_by_article(site: Site, as_of: dt.date) -> list[ReportedFigure]:
    """The ISU's counts by article (States with obligations, States requesting), each beside the
    records as of the meeting: States with an obligation under that article not completed by then,
    and States whose requests made by then state an area of that article (None where none does)."""
    found = []
    requests = list(site.records("requests"))
    for entry in sorted(site.entries["meetings"].values(), key=lambda e: (e.record.date, e.id)):
        held = entry.record.date
        if held > as_of:
            continue
        for figure in entry.record.figures:
            match = _BY_ARTICLE.match(figure.measure)
            if not match:
                continue
            article, what = int(match["article"]), match["what"]
            if what == "with-obligations":
                recorded = sum(1 for country in site.records("countries")
                               if any(o.article.value == article and not happened(o.completed, held)
                                      for o in country.obligations))
            else:
                recorded = len({r.country for r in requests
                                if r.year <= held.year and r.area is not None and r.area.article.value == article})
            found.append(ReportedFigure(figure, "meetings", entry.id, recorded or None, held, article, what))
    return found


def support_figures(site: Site, as_of: dt.date) -> list[ReportedFigure]:
    """The Monitor's totals of support for mine action, each with the edition that gave it (an
    edition may revise an earlier one: both are shown). No record counts the same thing."""
    found = [ReportedFigure(figure, "sources", entry.id, None)
             for entry in site.entries["sources"].values()
             if entry.record.date is None or happened(entry.record.date, as_of)
             for figure in entry.record.figures if figure.measure in SUPPORT]
    return sorted(found, key=lambda f: (f.figure.year or 0, SUPPORT.index(f.figure.measure), f.reported_in))
