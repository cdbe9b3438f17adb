"""The `ccm-ica` command: check the content, scaffold a record, build, write the report, compare
with a commit (diff), write schemas."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import Any

from ccm_ica.content import check
from ccm_ica.files.schema import SCHEMA_DIR
from ccm_ica.models.enums import Area
from ccm_ica.problems import ContentError, Severity, format_problems


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def _add_new_command(commands: Any) -> None:
    """`ccm-ica new KIND …`, one sub-command per kind, so `--help` shows what each needs."""
    new = commands.add_parser("new", help="write a new record with every required field and TODOs to fill in")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    country = kinds.add_parser("country", help="a State: ccm-ica new country fra")
    country.add_argument("iso3", help="ISO 3166-1 alpha-3 code, e.g. fra")
    request = kinds.add_parser("request", help="a request for assistance: ccm-ica new request mne 2018 clearance")
    request.add_argument("iso3", help="the requesting State's ISO3 code")
    request.add_argument("year", type=int, help="the year the request was made or reported for")
    request.add_argument("area", nargs="?", choices=[a.value for a in Area], help="the obligation area, if known")
    meeting = kinds.add_parser("meeting", help="a meeting: ccm-ica new meeting 2018-09-03 8msp")
    meeting.add_argument("date", type=_date, help="first day, YYYY-MM-DD")
    meeting.add_argument("slug", help="a short name, e.g. 8msp or donor-states")
    coalition = kinds.add_parser("coalition", help="a Country Coalition: ccm-ica new coalition bwa stockpile-destruction")
    coalition.add_argument("iso3", help="the affected State's ISO3 code")
    coalition.add_argument("slug", help="a short name, e.g. stockpile-destruction")
    source = kinds.add_parser("source", help="a document cited: ccm-ica new source ccm-msp-2018-5")
    source.add_argument("slug", help="a short name, e.g. ccm-msp-2018-5")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ccm-ica", description="The CCM cooperation and assistance database.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_cmd = commands.add_parser("check", help="validate all content; report every problem at once")
    check_cmd.add_argument("--format", choices=["text", "github", "json"], default="text",
                           help="text (path:line:column: message), github (workflow annotations) or json")
    check_cmd.add_argument("--as-of", type=_date, help="compute statuses as of this date (YYYY-MM-DD)")
    check_cmd.add_argument("--reminders", action="store_true",
                           help="also print what needs attention (deadlines, reports, requests, reviews, texts not yet translated) as warnings")

    _add_new_command(commands)

    build_cmd = commands.add_parser("build", help="check, then build the site in every language of site_config.yml")
    build_cmd.add_argument("--site-dir", type=Path, help="where to write the site (default: site/ in the project folder)")
    build_cmd.add_argument("--as-of", type=_date, default=os.environ.get("CCM_ICA_AS_OF"),
                           help="compute statuses as of this date (YYYY-MM-DD; default: $CCM_ICA_AS_OF, else site_config.yml's)")

    report_cmd = commands.add_parser("report", help="write the 8MSP progress report (Word, PDF or Markdown)")
    report_cmd.add_argument("--format", choices=["docx", "pdf", "md"], default="docx",
                            help="docx (Word), pdf (the Word file converted by LibreOffice) or md (Markdown)")
    report_cmd.add_argument("-o", "--output", type=Path, required=True, help="file to write, e.g. report.docx")
    report_cmd.add_argument("--as-of", type=_date, help="count records as of this date (YYYY-MM-DD)")
    report_cmd.add_argument("--reference-doc", type=Path, metavar="FILE",
                            help="a .docx whose styles and page setup the Word file takes "
                                 "(default: the one shipped, generator/report/reference.docx)")
    report_cmd.add_argument("--language", default="en", metavar="CODE",
                            help="the report's language, one of site_config.yml's (default: en)")

    diff_cmd = commands.add_parser("diff", help="what the working tree changes against a commit: records, statuses, figures, pages")
    diff_cmd.add_argument("base", nargs="?", metavar="BASE",
                          help="a branch, tag or commit (default: where HEAD left main, its merge base)")
    diff_cmd.add_argument("--format", choices=["md", "json"], default="md",
                          help="md (Markdown, for a pull-request comment) or json")
    diff_cmd.add_argument("--as-of", type=_date, help="compute the site's statuses as of this date (YYYY-MM-DD; default: the build's date)")
    diff_cmd.add_argument("--preview-url", metavar="URL", help="the address of the built preview, linked at the top")

    schema_cmd = commands.add_parser("schema", help="write a JSON Schema per kind of record")
    schema_cmd.add_argument("-o", "--output", type=Path, help=f"folder to write to (default: {SCHEMA_DIR}/)")
    return parser


def _check(args: argparse.Namespace) -> int:
    from ccm_ica.content.translations import missing_translations
    from ccm_ica.facts.reminders import site_reminders

    site, problems = check(args.root, args.as_of)
    if args.reminders and site is not None:
        problems += [reminder.problem() for reminder in site_reminders(site, site.as_of)]
        problems += missing_translations(site)
    print(format_problems(problems, args.format))
    return 1 if any(p.severity is Severity.error for p in problems) else 0


def _build(args: argparse.Namespace) -> int:
    from ccm_ica.emit.languages import BuildRunning, LanguageFailed, build_all  # MkDocs, only where a site is built

    root = args.root.resolve()
    site_dir = (args.site_dir or root / "site").resolve()
    shown = logging.StreamHandler()  # MkDocs' warnings (a broken link, with its page), as `mkdocs build` prints them
    shown.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    shown.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(shown)
    try:
        timings = build_all(root, site_dir, args.as_of)
    except ContentError as error:
        print(format_problems(error.problems, "text"), file=sys.stderr)
        print(f"ccm-ica: nothing was built; {_unchanged(site_dir)}", file=sys.stderr)
        return 1
    except BuildRunning as error:
        print(f"ccm-ica: {error}", file=sys.stderr)
        return 1
    except LanguageFailed as error:  # MkDocs has logged its own warnings above, with their pages
        if error.problems:
            print(format_problems(error.problems, "text"), file=sys.stderr)
        print(f"ccm-ica: {error}; {_unchanged(site_dir)}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(shown)
    print("built " + ", ".join(f"{name} in {seconds:.1f} s" for name, seconds in timings.items()) + f" into {site_dir}")
    return 0


def _unchanged(site_dir: Path) -> str:
    return f"the last good site in {site_dir} is unchanged" if site_dir.exists() else f"{site_dir} was not created"


def _report(args: argparse.Namespace) -> int:
    from ccm_ica.content import build_date
    from ccm_ica.facts import compute_facts
    from ccm_ica.report.build import build_report
    from ccm_ica.i18n import load_catalogs
    from ccm_ica.report.document import to_markdown
    from ccm_ica.report.pdf import PdfUnavailable, to_pdf
    from ccm_ica.report.word import ReferenceDocumentError, to_docx

    if args.reference_doc and not args.reference_doc.is_file():
        print(f"ccm-ica: error: the reference document '{args.reference_doc}' does not exist", file=sys.stderr)
        return 1
    site, problems = check(args.root, args.as_of)
    if site is None:
        print(format_problems(problems, "text"), file=sys.stderr)
        return 1
    if args.language not in site.config.languages:
        print(f"ccm-ica: error: '{args.language}' is not a language of site_config.yml "
              f"({', '.join(site.config.languages)})", file=sys.stderr)
        return 1
    catalogs, problems = load_catalogs(args.root, list(site.config.languages))
    if problems:
        print(format_problems(problems, "text"), file=sys.stderr)
        return 1
    # The report's own clock: its cut-off, unless --as-of asks for another date.
    facts = compute_facts(site, args.as_of or site.config.report.as_of)
    prepared_on = build_date(args.root)
    document = build_report(facts, prepared_on, args.language, catalogs)
    if args.format == "md":
        args.output.write_text(to_markdown(document), encoding="utf-8")
    else:
        try:
            word = to_docx(document, prepared_on, args.reference_doc)
            args.output.write_bytes(word if args.format == "docx" else to_pdf(word))
        except (ReferenceDocumentError, PdfUnavailable) as error:
            print(f"ccm-ica: error: {error}", file=sys.stderr)
            return 1
    print(f"wrote {args.output} (as of {facts.as_of.isoformat()})")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from ccm_ica.diff import GitError, diff
    from ccm_ica.diff.json_out import to_json
    from ccm_ica.diff.markdown import to_markdown

    try:
        result = diff(args.root, args.base, args.as_of)
    except GitError as error:
        print(f"ccm-ica: error: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(to_json(result))
    else:
        print(to_markdown(result, args.preview_url), end="")
    if not result.valid:  # the check's messages, as `ccm-ica check` prints them, for the log
        print(format_problems(list(result.problems), "text"), file=sys.stderr)
        return 1
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ccm_ica.files.schema import write_schemas

    folder = args.output or args.root / SCHEMA_DIR
    for path in write_schemas(folder):
        print(path)
    return 0


def _new(args: argparse.Namespace) -> int:
    from ccm_ica.scaffold import run_new

    return run_new(args)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command != "schema" and not args.root.is_dir():
        print(f"ccm-ica: error: the folder '{args.root}' does not exist", file=sys.stderr)
        return 2
    return {"build": _build, "check": _check, "diff": _diff, "new": _new, "report": _report, "schema": _schema}[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
