"""The diff as Markdown for a pull-request comment: what a coordinator reviewing the change needs
to know, in words; text from YAML escaped (markdown_text.escape_markdown), never markup."""

from __future__ import annotations

from ccm_ica.diff import Clock, Diff
from ccm_ica.diff.outcomes import Outcome
from ccm_ica.diff.pages import PageChange
from ccm_ica.diff.records import FieldChange, RecordChange
from ccm_ica.i18n import DEFAULT, _, long_date, ngettext, using
from ccm_ica.markdown_text import escape_markdown as md
from ccm_ica.problems import Problem, Severity

# A template change can touch every page: the comment names this many, then counts the rest.
MOST_PAGES = 20


def to_markdown(diff: Diff, preview_url: str | None = None) -> str:
    """The comment: the check's result, the preview link, then records, statuses, figures, pages."""
    with using(DEFAULT):  # the repository's language
        lines = [f"### {_('What this change does')}", ""]
        lines += [_("Compared with %(base)s, at its commit “%(subject)s” of %(date)s.", base=md(diff.base),
                    subject=md(diff.subject), date=long_date(diff.committed)), ""]
        if preview_url:
            lines += [_("**Preview of the site:** %(url)s", url=preview_url), ""]
        lines += _check(diff)
        if diff.base_problems:
            lines += [_("The content at %(base)s does not validate, so nothing can be compared with it:", base=md(diff.base)), ""]
            lines += _problems(diff.base_problems)
        if diff.compared:
            lines += _comparison(diff)
    return "\n".join(lines).rstrip() + "\n"


def _check(diff: Diff) -> list[str]:
    errors = [p for p in diff.problems if p.severity is Severity.error]
    warnings = [p for p in diff.problems if p.severity is Severity.warning]
    if errors:
        head = ngettext("**ccm-ica check:** %(n)s error, to fix before merging:",
                        "**ccm-ica check:** %(n)s errors, to fix before merging:", len(errors))
        return [head, "", *_problems(errors), *_warnings(warnings)]
    if warnings:
        head = ngettext("**ccm-ica check:** the content is valid, with %(n)s warning:",
                        "**ccm-ica check:** the content is valid, with %(n)s warnings:", len(warnings))
        return [head, "", *_problems(warnings)]
    return [_("**ccm-ica check:** the content is valid."), ""]


def _warnings(warnings: list[Problem]) -> list[str]:
    return [ngettext("And %(n)s warning:", "And %(n)s warnings:", len(warnings)), "", *_problems(warnings)] if warnings else []


def _problems(problems: tuple[Problem, ...] | list[Problem]) -> list[str]:
    return [f"- `{p.path}:{p.line}:{p.column}`: {md(p.message)}" + (f" ({md(p.hint)})" if p.hint else "")
            for p in sorted(problems)] + [""]


def _comparison(diff: Diff) -> list[str]:
    lines: list[str] = []
    if not diff.data_changed:
        lines += [_("No change to the data."), ""]
    else:
        lines += _records(diff)
        lines += _clock(diff.site_clock, _("Statuses on the site, as of %(date)s"))
        if diff.report_clock == diff.site_clock and diff.site_clock and diff.site_clock.statuses:  # one date, both clocks
            lines += [_("The report's cut-off is the same date: its statuses change in the same way."), ""]
        else:
            lines += _clock(diff.report_clock, _("Statuses in the report, as of its cut-off, %(date)s"))
        if diff.figures:
            lines += [f"#### {_('The report’s figures')}", "", *(_outcome(o) for o in diff.figures), ""]
    lines += _pages(diff)
    return lines


def _records(diff: Diff) -> list[str]:
    records = diff.records
    if not records:
        return []
    lines = [f"#### {_('Records')}", ""]
    for title, changes in ((_("Added"), records.added), (_("Removed"), records.removed),
                           (_("Renamed"), records.renamed), (_("Changed"), records.changed)):
        if changes:
            lines += [f"**{title}**", "", *(line for change in changes for line in _record(change)), ""]
    return lines


def _record(change: RecordChange) -> list[str]:
    where = (f"`{change.old_path}` → `{change.path}`" if change.old_path else f"`{change.path}`")
    return [f"- {md(change.kind_words)} **{md(change.label)}**, {where}", *(f"  - {_field(f)}" for f in change.fields)]


def _field(change: FieldChange) -> str:
    if change.before is None:
        return _("%(field)s: added: %(after)s", field=md(change.field), after=md(change.after))
    if change.after is None:
        return _("%(field)s: removed (was %(before)s)", field=md(change.field), before=md(change.before))
    return f"{md(change.field)}: {md(change.before)} → {md(change.after)}"


def _clock(clock: Clock | None, title: str) -> list[str]:
    if clock is None or not clock.statuses:
        return []
    heading = title % {"date": long_date(clock.as_of)}
    lines = [f"#### {heading}", ""]
    if clock.before_as_of != clock.as_of:
        lines += [_("The cut-off itself changes, from %(before)s.", before=long_date(clock.before_as_of)), ""]
    return lines + [*(_outcome(o) for o in clock.statuses), ""]


def _outcome(outcome: Outcome) -> str:
    before = md(outcome.before) if outcome.before is not None else _("(not there before)")
    after = md(outcome.after) if outcome.after is not None else _("(no longer there)")
    return f"- {md(outcome.what)}: {before} → {after}"


def _pages(diff: Diff) -> list[str]:
    pages = diff.pages
    if pages is None:
        return []
    lines = []
    if diff.borrowed_templates:
        lines += [_("The templates at %(base)s do not work with this version of the generator (%(why)s): its pages were "
                    "rendered with the working tree's templates, so changes to the templates themselves are not shown.",
                    base=md(diff.base), why=md(diff.borrowed_templates[0].message)), ""]
    if not pages:
        return [*lines, _("No page of the site changes."), ""]
    lines += [f"#### {_('Pages')}", ""]
    for title, changes in ((_("New pages"), pages.added), (_("Pages removed"), pages.removed),
                           (_("Pages changed"), pages.changed)):
        if changes:
            lines += [f"**{title}** ({len(changes)})", "", *(_page(p) for p in changes[:MOST_PAGES])]
            if len(changes) > MOST_PAGES:
                lines.append("- " + ngettext("and %(n)s more page", "and %(n)s more pages", len(changes) - MOST_PAGES))
            lines.append("")
    if pages.files:
        lines += [_("Downloads that change: %(files)s.", files=", ".join(f"`{name}`" for name in pages.files)), ""]
    return lines


def _page(page: PageChange) -> str:
    languages = _(" (only in %(languages)s)", languages=", ".join(page.languages)) if page.languages else ""
    return f"- `{page.url}` {md(page.title)}{languages}"
