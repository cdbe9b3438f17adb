"""Plan: which pages exist, at which paths, from which template and view — decided here only.

Planning computes nothing: each page names the view (pages/views.py, home.py, profile.py…) that gives its data, and
render calls it when the page is rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.pages import glossary, home, profile, requests_page, timeline, views
from ccm_ica.pages.field_reference import REFERENCE_SLUGS, reference_index_view, reference_view
from ccm_ica.problems import ContentError, Problem


@dataclass(frozen=True)
class PlannedPage:
    """One page to render: its Markdown path (MkDocs turns x/y.md into /x/y/), template and view."""

    src: str
    template: str
    view: Callable[..., dict[str, Any]]  # view(published), or view(published, subject)
    subject: Entry | str | None = None  # the record a detail page shows, or the kind a reference page describes
    edit: str | None = None  # the YAML file an "edit this page" link opens


# Where each kind of record is shown: its own page, or an anchor on an index page.
_RECORD_PAGES = {
    "countries": ("countries/{id}.md", ""),
    "meetings": ("meetings/{id}.md", ""),
    "sources": ("sources/index.md", "{id}"),
    "coalitions": ("coalitions/index.md", "{id}"),
    "requests": ("requests/index.md", "{id}"),
    "assistance": ("requests/index.md", "{id}"),
    "headings": ("action-plan/index.md", "heading-{id}"),
    "activities": ("action-plan/index.md", "{id}"),
    "outputs": ("action-plan/index.md", "{id}"),
}


def page_path(kind: str, record_id: str) -> tuple[str, str]:
    """(Markdown path, anchor) of the page showing record (kind, id)."""
    src, anchor = _RECORD_PAGES[kind]
    return src.format(id=record_id), anchor.format(id=record_id)


def plan_pages(site: Site) -> list[PlannedPage]:
    """Every generated page; refuses two pages at one path (a hand-made file could hide one)."""
    pages = [
        PlannedPage("index.md", "home.md.j2", home.home),
        PlannedPage("countries/index.md", "countries.md.j2", views.countries),
        *(PlannedPage(f"countries/{entry.id}.md", "country.md.j2", profile.country, entry, entry.path)
          for entry in site.entries["countries"].values()),
        PlannedPage("requests/index.md", "requests.md.j2", requests_page.requests),
        PlannedPage("deadlines/index.md", "deadlines.md.j2", views.deadlines),
        PlannedPage("timeline/index.md", "timeline.md.j2", timeline.timeline),
        PlannedPage("coalitions/index.md", "coalitions.md.j2", views.coalitions),
        PlannedPage("action-plan/index.md", "action_plan.md.j2", views.action_plan),
        PlannedPage("meetings/index.md", "meetings.md.j2", views.meetings),
        *(PlannedPage(f"meetings/{entry.id}.md", "meeting.md.j2", profile.meeting, entry, entry.path)
          for entry in site.entries["meetings"].values()),
        PlannedPage("sources/index.md", "sources.md.j2", views.sources),
        PlannedPage("glossary/index.md", "glossary.md.j2", glossary.glossary),
        PlannedPage("data/index.md", "data.md.j2", views.data),
        PlannedPage("data/columns.md", "data_columns.md.j2", views.data),  # kept off /data/: its DOM stays small
        PlannedPage("report/index.md", "report.md.j2", views.report),
        PlannedPage("attention/index.md", "attention.md.j2", views.attention),
        PlannedPage("changes/index.md", "changes.md.j2", views.changes),
        PlannedPage("contribute/reference/index.md", "reference_index.md.j2", reference_index_view),
        *(PlannedPage(f"contribute/reference/{slug}.md", "reference.md.j2", reference_view, slug)
          for slug in REFERENCE_SLUGS),
    ]
    refuse_twice([page.src for page in pages])
    return pages


def refuse_twice(paths: list[str]) -> None:
    """Two outputs at one path would hide one of them: a problem, never a silent overwrite."""
    seen: set[str] = set()
    problems = []
    for path in paths:
        if path in seen:
            problems.append(Problem(path, 1, 1, f"two outputs would be written at {path}", "rename one of the records"))
        seen.add(path)
    if problems:
        raise ContentError(problems)
