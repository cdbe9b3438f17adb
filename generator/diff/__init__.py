"""Diff: what a change does to the database and the site, between a git commit and the working tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccm_ica.content import build_date
from ccm_ica.diff import outcomes
from ccm_ica.diff.outcomes import Outcome
from ccm_ica.diff.pages import PageChanges, compare_pages
from ccm_ica.diff.records import RecordChanges, compare_records
from ccm_ica.diff.sides import GitError, checked_out, commit_subject, load_side, render_pages, resolve_base, use_templates
from ccm_ica.i18n import DEFAULT, using
from ccm_ica.problems import Problem


@dataclass(frozen=True)
class Clock:
    """The statuses that differ as of one date: the site's, or the report's cut-off."""

    as_of: dt.date
    before_as_of: dt.date  # the report's cut-off may itself change with site_config.yml
    statuses: tuple[Outcome, ...]


@dataclass(frozen=True)
class Diff:
    """What the working tree changes against BASE. Where either side does not validate, its
    problems are kept and nothing is compared."""

    base: str  # what the reader asked for: a ref, or "the merge base of HEAD and main"
    commit: str
    subject: str  # BASE's commit: its subject line and date
    committed: dt.date | None
    base_problems: tuple[Problem, ...]  # BASE's errors: empty when it validates
    problems: tuple[Problem, ...]  # the working tree's, errors and warnings (ccm-ica check's)
    records: RecordChanges | None = None
    site_clock: Clock | None = None
    report_clock: Clock | None = None
    figures: tuple[Outcome, ...] = ()
    pages: PageChanges | None = None
    # Why BASE's own templates could not render its pages (the working tree's were used instead).
    borrowed_templates: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        """The working tree validates (ccm-ica check's errors are the exit code's business)."""
        return not any(p.severity.value == "error" for p in self.problems)

    @property
    def compared(self) -> bool:
        return self.records is not None

    @property
    def data_changed(self) -> bool:
        return bool(self.records or (self.site_clock and self.site_clock.statuses)
                    or (self.report_clock and self.report_clock.statuses) or self.figures)


def diff(root: Path, base: str | None = None, as_of: dt.date | None = None) -> Diff:
    """Compare the project at `root` (its working tree) with BASE (default: the merge base with
    main). Raises GitError when BASE cannot be read. Both sides are computed as of one date
    (`as_of`, else the working tree's build date), so a status differs only if the data does."""
    asked, commit = resolve_base(root, base)
    about = commit_subject(root, commit)
    prepared_on = build_date(root)
    clock = as_of or prepared_on
    head = load_side(root, clock, prepared_on)
    if head.valid:
        head.problems += render_pages(head, prepared_on)
    borrowed: tuple[Problem, ...] = ()
    with checked_out(root, commit) as folder:
        old = load_side(folder, clock, prepared_on)
        if old.valid and head.valid:
            borrowed = tuple(render_pages(old, prepared_on))
            if borrowed:  # BASE's templates and this generator disagree: its data with today's templates
                use_templates(folder, root)
                old.problems += render_pages(old, prepared_on)
    if not old.valid or old.errors or not head.valid or head.errors:
        return Diff(asked, commit, *about, tuple(old.errors), tuple(head.problems))
    assert old.site and head.site and old.facts and head.facts and old.report_facts and head.report_facts
    with using(DEFAULT):  # the comment is written in the repository's language
        records = compare_records(old.site, head.site)
        site_clock = Clock(clock, clock, tuple(outcomes.compare(outcomes.statuses(old.facts, records.renames),
                                                                outcomes.statuses(head.facts))))
        report_clock = Clock(head.report_facts.as_of, old.report_facts.as_of,
                             tuple(outcomes.compare(outcomes.statuses(old.report_facts, records.renames),
                                                    outcomes.statuses(head.report_facts))))
        figures = tuple(outcomes.compare(outcomes.figures(old.report_facts), outcomes.figures(head.report_facts)))
        pages = compare_pages(old.pages, head.pages, list(old.site.config.languages), list(head.site.config.languages),
                              old.files, head.files)
    return Diff(asked, commit, *about, (), tuple(head.problems), records, site_clock, report_clock, figures, pages, borrowed)


__all__ = ["Diff", "GitError", "diff"]
