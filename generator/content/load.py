"""Load: read every content file and site_config.yml into validated records, or problems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel

from ccm_ica import i18n
from ccm_ica.content.placeholders import PLACEHOLDER, placeholder_problems
from ccm_ica.content.pydantic_errors import validate_record
from ccm_ica.content.yaml_lines import Locations, read_yaml
from ccm_ica.models.config import SiteConfig
from ccm_ica.models.kinds import KINDS, Kind
from ccm_ica.problems import Problem

CONFIG_FILE = "site_config.yml"
CONTENT_DIR = "content"


@dataclass(frozen=True)
class Entry:
    """A validated record with where it came from."""

    kind: Kind
    id: str
    path: str  # relative to the project root, as printed in messages and edit links
    record: Any
    locations: Locations

    def at(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        return self.locations.of(tuple(loc), key=key)


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig | None
    entries: list[Entry]
    problems: list[Problem]
    # Records whose file exists but failed: references to them are not reported again.
    failed: frozenset[tuple[str, str]] = frozenset()


def _validated(file: Path, shown: str, model: type[BaseModel]) -> tuple[Any, Locations | None, list[Problem]]:
    document, problems = read_yaml(file, shown)
    if document is None:
        return None, None, problems
    record, problems = validate_record(model, document.data, shown, document.locations)
    # Only a file whose text holds the word can hold a placeholder: most files skip the walk.
    unfilled = placeholder_problems(model, document.data, shown, document.locations) if PLACEHOLDER in document.text else []
    if unfilled:
        # A TODO also fails its field's type (a date, a list of values): say it once, as a TODO.
        at_placeholders = {(p.line, p.column) for p in unfilled}
        problems = unfilled + [p for p in problems if (p.line, p.column) not in at_placeholders]
        record = None
    return record, document.locations, problems


def load_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    file = root / CONFIG_FILE
    if not file.is_file():
        return None, [Problem(CONFIG_FILE, 1, 1, "site_config.yml is missing",
                              "create it at the project root with title, description and report (its as_of and period)")]
    config, locations, problems = _validated(file, CONFIG_FILE, SiteConfig)
    if config is not None and locations is not None:
        problems += _language_problems(root, config.languages, locations)
        problems += _report_problems(config, locations)
    return config, problems


def _report_problems(config: SiteConfig, locations: Locations) -> list[Problem]:
    """The report's period runs forwards, and its cut-off is not before the period starts."""
    report, period = config.report, config.report.period
    problems = []
    if period.end < period.start:
        problems.append(Problem(CONFIG_FILE, *locations.of(("report", "period", "end")),
                                f"report.period.end: {period.end} is before the period's start ({period.start})",
                                "check both dates: the period runs from start to end"))
    if report.as_of < period.start:
        problems.append(Problem(CONFIG_FILE, *locations.of(("report", "as_of")),
                                f"report.as_of: {report.as_of} is before the period the report covers starts ({period.start})",
                                "the cut-off is usually the period's last day: check both dates"))
    return problems


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def _language_problems(root: Path, languages: list[str], locations: Locations) -> list[Problem]:
    """Each language a code Babel knows, once, with its catalog: else the build would fail in it alone."""
    problems = []
    for i, language in enumerate(languages):
        at = (CONFIG_FILE, *locations.of(("languages", i)))
        if language in languages[:i]:
            problems.append(Problem(*at, f"languages[{i}]: '{language}' is listed twice", "keep it once"))
            continue
        try:
            # Lower case only: the code is also the site's folder (/fr/) and the catalog's (locale/fr/).
            if not _LANGUAGE_CODE.match(language):
                raise ValueError(language)
            Locale.parse(language)
        except (ValueError, UnknownLocaleError):
            problems.append(Problem(*at, f"languages[{i}]: '{language}' is not a language code",
                                    "write a language's two-letter code in lower case, e.g. en, fr or es"))
            continue
        if language != i18n.DEFAULT and not (root / i18n.catalog_path(language)).is_file():
            problems.append(Problem(*at, f"languages[{i}]: the language '{language}' has no catalog "
                                         f"({i18n.catalog_path(language)})",
                                    f"run `make messages` to create the catalog and translate it, or remove '{language}'"))
    return problems


def _check_id(kind: Kind, shown: str, stem: str) -> list[Problem]:
    if not kind.id_pattern.match(stem):
        return [Problem(shown, 1, 1, f"'{stem}' cannot be the id of a {kind.label}", kind.id_hint)]
    if kind.name == "countries" and pycountry.countries.get(alpha_3=stem.upper()) is None:
        return [Problem(shown, 1, 1, f"'{stem}' is not an ISO 3166-1 alpha-3 country code",
                        "rename the file after the country's three-letter code, e.g. mne.yml for Montenegro")]
    return []


def _load_kind(root: Path, kind: Kind) -> tuple[list[Entry], list[Problem], set[tuple[str, str]]]:
    entries: list[Entry] = []
    failed: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    folder = root / kind.folder
    seen: dict[str, str] = {}
    for file in sorted(f for f in folder.glob("*.y*ml") if _is_record_file(f)) if folder.is_dir() else []:
        shown = file.relative_to(root).as_posix()
        stem = file.stem
        if stem in seen:
            problems.append(Problem(shown, 1, 1, f"the id '{stem}' is used twice: {seen[stem]} and {shown}",
                                    "rename or delete one of the two files"))
            continue
        seen[stem] = shown
        id_problems = _check_id(kind, shown, stem)
        record, locations, record_problems = _validated(file, shown, kind.model)
        problems += id_problems + record_problems
        if record is not None and not id_problems:
            entries.append(Entry(kind, stem, shown, record, locations))
        else:
            failed.add((kind.name, stem))
    return entries, problems, failed


def _stray_files(root: Path) -> list[Problem]:
    """A file under content/ that no kind reads would pass the check and never be published: an error."""
    # rglob's paths start with root as given, like these: no need to resolve each file's folder.
    known = {root / kind.folder for kind in KINDS}
    folders = ", ".join(kind.folder + "/" for kind in KINDS)
    problems = []
    for file in sorted((root / CONTENT_DIR).rglob("*")):
        if not file.is_file() or any(part.startswith(".") for part in file.relative_to(root).parts):
            continue  # folders, and hidden files such as .gitkeep or an editor's swap file
        shown = file.relative_to(root).as_posix()
        if not _is_record_file(file):
            problems.append(Problem(shown, 1, 1, "this file is not a record: the generator reads only .yml files under content/",
                                    "rename it to end in .yml if it is a record, or move it out of content/"))
        elif file.parent not in known:
            problems.append(Problem(shown, 1, 1, "this file is not in a folder the generator reads: it would never be published",
                                    f"move it into one of: {folders}"))
    return problems


def _is_record_file(file: Path) -> bool:
    return file.suffix in (".yml", ".yaml")


def load_records(root: Path) -> Loaded:
    """Read site_config.yml and every record under content/; collect every problem."""
    config, problems = load_config(root)
    entries: list[Entry] = []
    failed: set[tuple[str, str]] = set()
    if not (root / CONTENT_DIR).is_dir():
        problems.append(Problem(CONTENT_DIR, 1, 1, "the content folder is missing", "run ccm-ica from the project root"))
        return Loaded(config, entries, problems)
    for kind in KINDS:
        kind_entries, kind_problems, kind_failed = _load_kind(root, kind)
        entries += kind_entries
        problems += kind_problems
        failed |= kind_failed
    problems += _stray_files(root)
    return Loaded(config, entries, problems, frozenset(failed))
