"""Plan: which pages exist, at which paths, from which template and records — decided here only."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import data_exports, i18n, views
from .field_reference import file_references
from .report import page as report_page
from .index import Site
from .problems import ContentError, Problem


@dataclass(frozen=True)
class PlannedPage:
    """One page to render: its Markdown path (MkDocs turns x/y.md into /x/y/), template and data."""

    src: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict, compare=False)
    edit: str | None = None  # the YAML file an "edit this page" link opens


@dataclass(frozen=True)
class PlannedFile:
    """A file published as it is (data downloads, feeds, documents): its path under the site, and
    how to make it. Its bytes are made when first read: a build lists every page and file before
    the first page is needed, and makes the files while MkDocs works on the pages (output.py)."""

    path: str
    make: Callable[[], bytes] = field(compare=False, repr=False)

    @functools.cached_property
    def content(self) -> bytes:
        return self.make()


class Deferred(Mapping[str, Any]):
    """A page's data made when the page is rendered rather than planned (the /data/ page lists
    the files' sizes, so it waits for the files)."""

    def __init__(self, make: Callable[[], Mapping[str, Any]]):
        self._make = make

    @functools.cached_property
    def _data(self) -> Mapping[str, Any]:
        return self._make()

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


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


def plan_pages(site: Site, files: list[PlannedFile] | None = None) -> list[PlannedPage]:
    """Every generated page; refuses two pages at one path (a hand-made file could hide one)."""
    shared = views.Shared(site)
    pages = [
        PlannedPage("index.md", "home.md.j2", site.config.title, views.home(shared)),
        PlannedPage("countries/index.md", "countries.md.j2", "Countries", views.countries(shared)),
        *(
            PlannedPage(f"countries/{entry.id}.md", "country.md.j2", entry.record.name,
                        views.country(shared, entry), edit=entry.path)
            for entry in site.entries["countries"].values()
        ),
        PlannedPage("requests/index.md", "requests.md.j2", "Requests for assistance", views.requests(shared)),
        PlannedPage("deadlines/index.md", "deadlines.md.j2", "Deadlines", views.deadlines(shared)),
        PlannedPage("timeline/index.md", "timeline.md.j2", "Timeline", views.timeline(shared)),
        PlannedPage("coalitions/index.md", "coalitions.md.j2", "Country Coalitions", views.coalitions(shared)),
        PlannedPage("action-plan/index.md", "action_plan.md.j2", "Action plan", views.action_plan(shared)),
        PlannedPage("meetings/index.md", "meetings.md.j2", "Meetings", views.meetings(shared)),
        *(
            PlannedPage(f"meetings/{entry.id}.md", "meeting.md.j2", entry.record.title,
                        views.meeting(shared, entry), edit=entry.path)
            for entry in site.entries["meetings"].values()
        ),
        PlannedPage("sources/index.md", "sources.md.j2", "Sources", views.sources(shared)),
        PlannedPage("data/index.md", "data.md.j2", "Data",
                    Deferred(lambda: data_exports.page_context(site, _data_files(files)))),
        PlannedPage("report/index.md", "report.md.j2", "8MSP progress report", report_page.context(site)),
        PlannedPage("attention/index.md", "attention.md.j2", "Needs attention", views.attention(shared)),
        PlannedPage("changes/index.md", "changes.md.j2", "Recent changes", views.changes(shared)),
        *_reference_pages(),
    ]
    _refuse_twice([page.src for page in pages])
    return pages


def _reference_pages() -> list[PlannedPage]:
    """The field reference under the contributing guide: an index, then a page per kind of file."""
    references = file_references()
    return [
        PlannedPage("contribute/reference/index.md", "reference_index.md.j2", "Field reference", {"references": references}),
        *(PlannedPage(f"contribute/reference/{r.slug}.md", "reference.md.j2", r.title, {"reference": r}) for r in references),
    ]


def plan_files(site: Site) -> list[PlannedFile]:
    """Every file published as it is, beside the pages (each feature adds its own here)."""
    data = functools.cache(_in_default_language(lambda: data_exports.data_files(site)))  # the zip holds them all
    files: list[PlannedFile] = [
        PlannedFile(report_page.DOCX_PATH, _in_default_language(functools.partial(report_page.docx, site))),
        *(PlannedFile(path, lambda path=path: data()[path]) for path in data_exports.file_paths(site)),
    ]
    _refuse_twice([file.path for file in files])
    return files


def _in_default_language(make: Callable[[], Any]) -> Callable[[], Any]:
    """Every language publishes the same files: made in the default language, whichever
    language's page first asks for them."""
    def made() -> Any:
        with i18n.using(i18n.DEFAULT):
            return make()
    return made


def _data_files(files: list[PlannedFile] | None) -> dict[str, bytes] | None:
    """The data files a build already made, so the /data/ page lists them without making them again."""
    if files is None:
        return None
    return {f.path: f.content for f in files if f.path.startswith(f"{data_exports.DATA_DIR}/")}


def _refuse_twice(paths: list[str]) -> None:
    seen: set[str] = set()
    problems = []
    for path in paths:
        if path in seen:
            problems.append(Problem(path, 1, 1, f"two outputs would be written at {path}", "rename one of the records"))
        seen.add(path)
    if problems:
        raise ContentError(problems)
