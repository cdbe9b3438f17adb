"""Cross-record rules a coordinator wants caught before a pull request is merged."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pycountry

from ccm_ica.content.duplicates import duplicate_problems
from ccm_ica.models.request import RequestStatus
from ccm_ica.problems import Problem

if TYPE_CHECKING:
    from ccm_ica.content.load import Entry
    from ccm_ica.content.site import Site


def cross_record_problems(site: Site) -> list[Problem]:
    problems: list[Problem] = []
    for entry in site.entries["countries"].values():
        problems += _treaty_problems(entry)
        problems += _ledger_problems(entry)
        problems += _country_file_name(entry)
    problems += _open_requests_after_completion(site)
    problems += _meeting_problems(site)
    problems += _heading_numbers(site)
    problems += duplicate_problems(site)
    return problems


def _treaty_problems(entry: Entry) -> list[Problem]:
    """The Convention enters into force for a State after it ratifies or accedes, never before."""
    treaty = entry.record.treaty
    if treaty and treaty.ratified and treaty.entry_into_force and treaty.entry_into_force < treaty.ratified:
        return [Problem(entry.path, *entry.at("treaty", "entry_into_force"),
                        f"treaty.entry_into_force: {treaty.entry_into_force} is earlier than ratification ({treaty.ratified})",
                        "the Convention enters into force for a State after it ratifies or accedes: "
                        "check both dates against the sources")]
    return []


def _country_file_name(entry: Entry) -> list[Problem]:
    """nld.yml must not hold Norway: a record under another State's code shows on that State's page.
    A name ISO 3166 does not know at all is left alone (a State's name as the sources give it)."""
    code = entry.id.upper()
    country = entry.record
    found = set()
    for name in (country.name, country.official_name):
        try:
            found.add(pycountry.countries.lookup(name).alpha_3) if name else None
        except LookupError:
            pass
    if not found or code in found:
        return []
    iso = pycountry.countries.get(alpha_3=code)  # the id's check has made sure the code exists
    other = sorted(found)[0]
    return [Problem(entry.path, *entry.at("name"),
                    f"name: '{country.name}' is not the State the file name says ({entry.id} is {iso.name})",
                    f"rename the file {other.lower()}.yml, the code of {country.name}, or correct the name")]


def _ledger_problems(entry: Entry) -> list[Problem]:
    """Deadlines after entry into force; each extension later than the deadline it extends."""
    country = entry.record
    problems: list[Problem] = []
    in_force = country.treaty.entry_into_force if country.treaty else None
    articles_seen: dict[int, int] = {}
    for i, obligation in enumerate(country.obligations):
        article = obligation.article.value
        if article in articles_seen:
            problems.append(Problem(entry.path, *entry.at("obligations", i, "article"),
                                    f"obligations[{i}]: Article {article} is listed twice (first as obligations[{articles_seen[article]}])",
                                    "merge the two entries into one"))
        articles_seen.setdefault(article, i)
        if obligation.deadline and in_force and obligation.deadline < in_force:
            problems.append(Problem(entry.path, *entry.at("obligations", i, "deadline"),
                                    f"obligations[{i}].deadline: {obligation.deadline} is earlier than entry into force ({in_force})",
                                    "check both dates against the sources"))
        previous = obligation.deadline
        for j, extension in enumerate(obligation.extensions):
            if previous and extension.new_deadline <= previous:
                problems.append(Problem(entry.path, *entry.at("obligations", i, "extensions", j, "new_deadline"),
                                        f"obligations[{i}].extensions[{j}].new_deadline: {extension.new_deadline} is not later than the deadline it extends ({previous})",
                                        "an extension must move the deadline later; check the date, and list extensions oldest first"))
            previous = extension.new_deadline
    years: dict[tuple[int, bool], int] = {}
    for k, report in enumerate(country.article7_reports):
        key = (report.year, report.initial)
        if key in years:
            problems.append(Problem(entry.path, *entry.at("article7_reports", k, "year"),
                                    f"article7_reports[{k}]: the {report.year} report is listed twice",
                                    "keep one entry per year"))
        years.setdefault(key, k)
    return problems


def _open_requests_after_completion(site: Site) -> list[Problem]:
    problems = []
    for request_entry in site.entries["requests"].values():
        request = request_entry.record
        if request.status is not RequestStatus.open or request.area is None:
            continue
        country_entry = site.entries["countries"].get(request.country)
        if country_entry is None:
            continue  # reported as a dangling reference
        for i, obligation in enumerate(country_entry.record.obligations):
            if obligation.article == request.area.article and obligation.completed:
                line = country_entry.at("obligations", i, "completed")[0]
                problems.append(Problem(
                    request_entry.path, *request_entry.at("status"),
                    f"status: the request is still 'open' but {country_entry.record.name} completed its "
                    f"Article {obligation.article.value} obligation in {obligation.completed} ({country_entry.path} line {line})",
                    "set status to met, partly-met or withdrawn, or correct the completion date"))
    return problems


_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")  # a meeting's file is named <its date>-<slug>.yml


def _meeting_problems(site: Site) -> list[Problem]:
    problems = []
    for entry in site.entries["meetings"].values():
        meeting = entry.record
        named = _FILE_DATE.match(entry.id)
        if named and named.group(1) != meeting.date.isoformat():
            problems.append(Problem(entry.path, *entry.at("date"),
                                    f"date: {meeting.date} is not the date the file name starts with ({named.group(1)})",
                                    f"correct the date, or rename the file {meeting.date}{entry.id[10:]}.yml"))
        if meeting.end_date and meeting.end_date < meeting.date:
            problems.append(Problem(entry.path, *entry.at("end_date"),
                                    f"end_date: {meeting.end_date} is before the first day ({meeting.date})",
                                    "check both dates"))
    return problems


def _heading_numbers(site: Site) -> list[Problem]:
    problems = []
    for entry in site.entries["headings"].values():
        expected = entry.id.replace("-", ".")
        if entry.record.number != expected:
            problems.append(Problem(entry.path, *entry.at("number"),
                                    f"number: '{entry.record.number}' does not match the file name ({entry.id}.yml means {expected})",
                                    "rename the file or correct the number"))
    return problems
