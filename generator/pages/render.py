"""Render: each planned page's view, then its Jinja template → Markdown. Every value from YAML is
escaped on output; a template's error names its file and line."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ccm_ica import i18n
from ccm_ica.content import build_date
from ccm_ica.content.site import Site
from ccm_ica.facts import compute_facts
from ccm_ica.facts.deadlines import Status
from ccm_ica.files.data import data_files
from ccm_ica.markdown_text import escape_markdown, markdown_link, untranslated
from ccm_ica.models.common import PartialDate
from ccm_ica.pages.labels import status_text, term
from ccm_ica.pages.plan import PlannedPage, page_path, plan_pages, refuse_twice
from ccm_ica.pages.views import PageInputs
from ccm_ica.problems import ContentError, Problem
from ccm_ica.report.build import build_report
from ccm_ica.report.page import page_body, word_file

TEMPLATES = "templates"  # under the project root, like MkDocs' docs_dir


@functools.cache
def make_environment(folder: Path) -> jinja2.Environment:
    """The templates of one project, compiled once per process and again when a file changes
    (Jinja checks each file's time), so `mkdocs serve` shows an edited template.

    StrictUndefined: a misspelt name fails the build instead of printing nothing.

    `finalize` escapes every `{{ value }}` for Markdown, the way autoescape does for HTML;
    helpers below return Markup for the Markdown they build themselves.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        finalize=escape_markdown,
        autoescape=False,  # `finalize` escapes every value for Markdown; helpers return Markup to pass through it
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        optimized=False,  # the optimiser folds constants the pages hardly have: a fifth of compiling, for nothing
    )
    env.filters["md"] = escape_markdown
    env.filters["join"] = join  # the built-in would only HTML-escape the items
    env.filters["when"] = when
    env.filters["term"] = term  # a code from YAML in the reader's words: {{ meeting.kind | term }}
    env.globals["_"] = translate
    env.globals["ngettext"] = translate_plural
    return env


def translate(message: str, **params: object) -> Markup:
    """`_()` in templates: the catalog's text, with each parameter escaped like any value."""
    return Markup(i18n._(message, **{name: escape_markdown(value) for name, value in params.items()}))


def translate_plural(singular: str, plural: str, n: int, **params: object) -> Markup:
    return Markup(i18n.ngettext(singular, plural, n, **{name: escape_markdown(value) for name, value in params.items()}))


def join(items: Any, separator: str = "") -> Markup:
    return Markup(separator).join(escape_markdown(item) for item in items)  # separators are template text


# Both paths are relative, so the answer depends on them alone; posixpath.relpath costs
# ~10 µs a call and a large site makes tens of thousands of links between few folders.
_relative = functools.lru_cache(maxsize=None)(posixpath.relpath)


class Links:
    """Link helpers bound to the page being rendered, so every link is relative to it.

    The record links every page repeats (a State, a meeting, the sources) are methods here, not
    template macros: a Jinja macro call costs ~15 µs and a large site makes tens of thousands."""

    def __init__(self, page: PlannedPage, titles: dict[str, dict[str, str]], source_languages: dict[str, str]):
        self.here = posixpath.dirname(page.src)
        self.titles = titles
        self.source_languages = source_languages

    def to(self, src: str, anchor: str = "") -> str:
        relative = _relative(src, self.here or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def record(self, text: object, kind: str, record_id: str) -> Markup:
        """A link to the page (or anchor) that shows record (kind, id)."""
        src, anchor = page_path(kind, record_id)
        return markdown_link(text, self.to(src, anchor))

    def external(self, url: str) -> Markup:
        return markdown_link(url, url)

    def page(self, text: object, src: str, anchor: str = "") -> Markup:
        return markdown_link(text, self.to(src, anchor))

    def country(self, iso3: str) -> Markup:
        return self.record(self.titles["countries"][iso3], "countries", iso3)

    def meeting(self, meeting_id: str) -> Markup:
        return self.record(self.titles["meetings"][meeting_id], "meetings", meeting_id)

    def sources(self, ids: list[str], quotes: dict[str, list[str]] | None = None) -> Markup:
        """'Source: [title](…sources/#id); …' — every fact shows where it comes from; with a
        record's `quotes`, each quoted source's own words follow its link, in quotation marks."""
        if not ids:
            return Markup("")
        quotes = {i: quotes[i] for i in ids if i in quotes} if quotes else {}
        # A source with its words takes a line of its own: a run of quotes from several reads as one.
        separator = "<br>" if quotes else "; "
        links = separator.join(self.source(i) + self.quoted(i, quotes.get(i, [])) for i in ids)
        label = escape_markdown(i18n._("Source:"))  # outside the f-string, where pybabel finds it
        return Markup(f"<small class=\"ccm-source\">{label} {links}</small>")

    def source(self, source_id: str) -> Markup:
        """A link to a source, its title marked with the document's language where the page's differs."""
        return self.record(self.in_source_language(source_id, self.titles["sources"][source_id]), "sources", source_id)

    def in_source_language(self, source_id: str, text: object) -> Markup:
        """A source's own words (its title, a quote) kept in its language, marked so (WCAG 3.1.2)."""
        language = self.source_languages[source_id]
        if language == i18n.current():
            return escape_markdown(text)
        return Markup(f'<span lang="{language}">{escape_markdown(text)}</span>')

    def quoted(self, source_id: str, quotes: list[str]) -> Markup:
        """': “words” “more words”' after a source's link; each quote escaped like any value, in the
        source's language; the quotation marks are the page's (« » in French), hence a catalog message."""
        if not quotes:
            return Markup("")
        marked = [i18n._("“%(words)s”", words=self.in_source_language(source_id, words)) for words in quotes]
        return Markup(": " + " ".join(f'<span class="ccm-quote">{words}</span>' for words in marked))

    def record_sources(self, record: Any) -> Markup:
        """A record's own sources with its quotes; then any source it quotes that only a fact
        inside it cites (an obligation's, a milestone's), so every quote shows once on its page."""
        quoted_elsewhere = [i for i in record.quotes if i not in record.sources]
        return self.sources([*record.sources, *quoted_elsewhere], record.quotes)


def badge(status: Status) -> Markup:
    return Markup(f'<span class="ccm-status ccm-status--{status.code.value}">{escape_markdown(status_text(status))}</span>')


def when(value: dt.date | PartialDate | None) -> Markup:
    """'24 November 2017', 'July 2018' or '2018': as precise as the source is."""
    return Markup(i18n.long_date(value))


def yesno(value: bool | None) -> Markup:
    """A checklist answer the source may not give: 'yes', 'no' or 'not known'."""
    if value is True:
        return escape_markdown(i18n._("yes"))
    return escape_markdown(i18n._("no") if value is False else i18n._("not known"))


def _as_of_note(as_of: dt.date) -> Any:
    def as_of_note() -> Markup:
        """The admonition of pages whose statuses depend on the date they are computed for."""
        date = when(as_of)  # the catalogs' text and a formatted date: nothing from YAML to escape
        title = i18n._("As of %(date)s", date=date)
        text = i18n._("Statuses on this page are computed as of %(date)s; anything dated later does not count yet.", date=date)
        return Markup(f'!!! info "{title}"\n    {text}\n')
    return as_of_note


def _labeller(country_names: dict[str, str]) -> Any:
    def label(entry: Any) -> str:
        """What a reader calls a record: a State's name, a meeting's title, a request's State and year."""
        record = entry.record
        if entry.kind.name == "countries":
            return country_names[entry.id]
        if entry.kind.name == "requests":
            return i18n._("request of %(country)s, %(year)s", country=country_names[record.country], year=record.year)
        if entry.kind.name == "outputs":  # the concept note's words, quoted as it has them ("State Parties")
            return i18n._("“%(words)s”", words=record.text)
        return getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "text", None) or entry.id
    return label


def _globals(site: Site) -> dict[str, Any]:
    """Names every template may use: looked up once per build."""
    country_names = {i: i18n.country_name(i, e.record.name) for i, e in site.entries["countries"].items()}
    return {
        "config": site.config,
        "as_of": site.as_of,
        "titles": {
            "sources": {i: e.record.title for i, e in site.entries["sources"].items()},
            "countries": country_names,
            "meetings": {i: e.record.title for i, e in site.entries["meetings"].items()},
            "coalitions": {i: e.record.title for i, e in site.entries["coalitions"].items()},
            "headings": {i: e.record.title for i, e in site.entries["headings"].items()},
        },
        "source_languages": {i: e.record.language for i, e in site.entries["sources"].items()},
        "badge": badge,
        "yesno": yesno,
        "as_of_note": _as_of_note(site.as_of),
        "label": _labeller(country_names),
    }


def render_page(env: jinja2.Environment, page: PlannedPage, inputs: PageInputs, names: dict[str, Any]) -> str:
    """The page's view, then its template, in the language of the render under way."""
    context = page.view(inputs) if page.subject is None else page.view(inputs, page.subject)
    template = env.get_template(page.template)
    shown_in_english: list[str] = []
    token = untranslated.set(shown_in_english)
    try:
        links = Links(page, names["titles"], names["source_languages"])
        markdown = template.render(**names, **context, page=page, link=links, language=i18n.current())
    finally:
        untranslated.reset(token)
    if shown_in_english:
        markdown = _with_fallback_note(markdown)
    return markdown


def _with_fallback_note(markdown: str) -> str:
    """Say, under the page title, that some text is shown in English for want of a translation."""
    note = i18n._("Some text on this page has not been translated yet and is shown in English.")
    heading = i18n._("Translation")  # outside the f-string, where pybabel finds it
    # Under the first heading: front matter and a way back may come before it.
    at = 0 if markdown.startswith("# ") else markdown.find("\n# ") + 1
    end = markdown.find("\n", at)
    title, rest = markdown[:end], markdown[end + 1:]
    return f"{title}\n\n!!! note \"{escape_markdown(heading)}\"\n    {escape_markdown(note)}\n{rest}"


def prepare(site: Site, catalogs: dict[str, Any] | None = None, prepared_on: dt.date | None = None) -> PageInputs:
    """What every language's pages are made from, made once per build: the facts as of the
    site's clock, the files published beside the pages, and the report — computed on its own
    clock, its cut-off — one document per language (English, and each language of `catalogs`)
    for its page and its Word file, dated `prepared_on` (by default the build's date; `ccm-ica
    diff` gives both sides one date)."""
    facts = compute_facts(site)
    prepared_on = prepared_on or build_date(site.root)
    report_facts = compute_facts(site, site.config.report.as_of)
    languages = [i18n.DEFAULT, *(code for code in site.config.languages if catalogs and code in catalogs)]
    documents = [build_report(report_facts, prepared_on, code, catalogs) for code in dict.fromkeys(languages)]
    files = {name: content for document in documents for name, content in word_file(document, prepared_on).items()}
    files.update(data_files(facts))
    refuse_twice(list(files))
    return PageInputs(facts, files, {document.language: page_body(document) for document in documents})


def render_site(inputs: PageInputs, language: str = i18n.DEFAULT,
                catalogs: dict[str, Any] | None = None) -> dict[str, tuple[PlannedPage, str]]:
    """Every generated page in one language: Markdown path → (page, Markdown). Raises
    ContentError naming the template, line, page and language of a page that fails."""
    site = inputs.facts.site
    if catalogs is None:
        catalogs, problems = i18n.load_catalogs(site.root, [language])
        if problems:
            raise ContentError(problems)
    folder = site.root / TEMPLATES
    if not folder.is_dir():
        raise ContentError([Problem(TEMPLATES, 1, 1, "the templates folder is missing",
                                    "build from the project's folder (the one with mkdocs.yml), or give it with --root")])
    env = make_environment(folder.resolve())
    with i18n.using(language, catalogs):
        names = _globals(site)
        rendered = {}
        for page in plan_pages(site):
            try:
                rendered[page.src] = (page, render_page(env, page, inputs, names))
            except jinja2.TemplateError as error:  # a template's mistake, reported where it is
                raise ContentError([_template_problem(error, page, language)]) from error
    return rendered


def _template_problem(error: jinja2.TemplateError, page: PlannedPage, language: str) -> Problem:
    """Where in the templates an error happened: a syntax error says so itself, and Jinja puts
    the template's lines in the traceback of any other."""
    where = (getattr(error, "filename", None), getattr(error, "lineno", None))
    if not where[0]:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
        where = (frames[-1].filename, frames[-1].lineno) if frames else (page.template, 1)
    shown = f"{TEMPLATES}/{Path(where[0]).name}"
    detail = str(error) or type(error).__name__
    return Problem(shown, where[1] or 1, 1, f"rendering {page.src} in '{language}' failed: {type(error).__name__}: {detail}",
                   "fix the template at this line (or the catalog entry or view it uses)")
