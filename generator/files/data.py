"""Open data: every kind of record as JSON and CSV, the JSON Schemas, the feeds, and one zip.

Pure functions from the Site to bytes. The JSON is lossless (each record's fields as the model
dumps them, plus its id); the CSV is one row per record, with readable labels beside codes,
its columns described from the models' field descriptions, as the /data/ page lists them.
The same content gives the same bytes: sorted keys and records, one fixed zip timestamp.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ccm_ica.content.site import Site
from ccm_ica.facts import Facts
from ccm_ica.files import atom, ical
from ccm_ica.files.schema import download_schema, download_schema_name, schema_models, schema_of, schema_text
from ccm_ica.i18n import DEFAULT, _, using
from ccm_ica.markdown_text import english_only
from ccm_ica.models.fields import field_shape
from ccm_ica.models.kinds import KINDS, Kind
from ccm_ica.pages.labels import term

DATA_DIR = "data"
ZIP_NAME = "ccm-ica-data.zip"
# References whose record has a name a reader knows; sources are cited by id (see sources.csv).
_LABELLED = {"countries": "name", "meetings": "title", "coalitions": "title", "headings": "title", "activities": "title"}


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, what it holds (for the /data/ page), and how to fill it."""

    name: str
    about: str  # the model's description of the field: English only
    cell: Callable[[Any], str]
    note: str = ""  # what the generator adds (a label column, a JSON array), in the page's language

    @property
    def description(self) -> str:
        return " ".join(part for part in (self.about, self.note) if part)


# --- what a field holds -------------------------------------------------------------------


# --- cells ----------------------------------------------------------------------------------


def text(value: Any) -> str:
    """A value as CSV text: ISO 8601 dates, codes for enumerations, '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        if value and isinstance(value[0], BaseModel):
            return _json([item.model_dump(mode="json") for item in value], compact=True)
        return "; ".join(text(item) for item in value)
    return str(value)  # str, int, PartialDate


def quotes_cell(quotes: dict[str, list[str]] | None) -> str:
    """'concept-note-2017: "words"; "more words" | other-source: "words"'."""
    return " | ".join(f"{source}: " + "; ".join(f'"{" ".join(words.split())}"' for words in quoted)
                      for source, quoted in sorted((quotes or {}).items()))


def enum_label(value: Enum) -> str:
    """'Clearance', 'not reported': what a reader calls a code, in the pages' words (labels.py)."""
    with using(DEFAULT):  # the files are in English, whatever the language of the page describing them
        return term(value)


def _labels(site: Site) -> dict[str, dict[str, str]]:
    return {kind: {i: getattr(e.record, attribute) for i, e in site.entries[kind].items()}
            for kind, attribute in _LABELLED.items()}


def _each(value: Any, convert: Callable[[Any], str]) -> str:
    if value is None:
        return ""
    return "; ".join(convert(item) for item in value) if isinstance(value, list) else convert(value)


# --- columns --------------------------------------------------------------------------------


def columns(model: type[BaseModel], labels: dict[str, dict[str, str]], prefix: str = "",
            get: Callable[[Any], Any] = lambda record: record) -> list[Column]:
    """The CSV columns of a model, in field order; nested objects become `field.subfield`."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        header, description, note = prefix + name, info.description or "", ""
        value = (lambda n, g: lambda record: getattr(g(record), n, None) if g(record) is not None else None)(name, get)
        shape = field_shape(info)
        if shape.keys is not None:  # quotes: {source id: [words, …]}
            found.append(Column(header, description, (lambda v: lambda record: quotes_cell(v(record)))(value),
                                _("Each source id, then its quotes in quotation marks; sources separated by ' | '.")))
            continue
        if shape.model and not shape.is_list:
            found += columns(shape.model, labels, header + ".", value)
            continue
        if shape.model:
            note = _("A JSON array of objects with: %(fields)s.", fields=", ".join(shape.model.model_fields))
        found.append(Column(header, description, (lambda v: lambda record: text(v(record)))(value), note))
        if shape.kind == "ref" and shape.target in labels:
            names = labels[shape.target]
            word = _LABELLED[shape.target]
            note = (_("The name of each record in %(column)s.", column=header) if word == "name"
                    else _("The title of each record in %(column)s.", column=header))
            found.append(Column(f"{header}_{word}", "",
                                (lambda v, n: lambda record: _each(v(record), lambda i: n.get(i, "")))(value, names), note))
        elif shape.enum is not None:
            found.append(Column(f"{header}_label", "", (lambda v: lambda record: _each(v(record), enum_label))(value),
                                _("%(column)s in words.", column=header)))
    return found


def kind_columns(kind: Kind, labels: dict[str, dict[str, str]]) -> list[Column]:
    record_id = Column("id", "", lambda pair: pair[0],
                       _("The record's id: its file name in %(folder)s/ without '.yml'.", folder=kind.folder))
    return [record_id, *(Column(c.name, c.about, (lambda f: lambda pair: f(pair[1]))(c.cell), c.note)
                         for c in columns(kind.model, labels))]


# --- files ----------------------------------------------------------------------------------


def _json(value: Any, compact: bool = False) -> str:
    """Keys sorted, text as it is (not \\u escapes); compact for a CSV cell."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":") if compact else None)


def records_json(site: Site, kind: Kind) -> bytes:
    """Every record of a kind, sorted by id: {"id": …, every field as the model dumps it}.

    A JSON array with one record per line: a change to a record is a one-line diff, and without
    `indent` the json module encodes in C (with it, in Python: ~5× slower on a large site)."""
    entries = sorted(site.entries[kind.name].values(), key=lambda e: e.id)
    lines = [_json({"id": e.id, **e.record.model_dump(mode="json")}) for e in entries]
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")


def records_csv(site: Site, kind: Kind, labels: dict[str, dict[str, str]] | None = None) -> bytes:
    """One row per record, sorted by id; UTF-8, comma-separated, CRLF line ends (RFC 4180)."""
    cols = kind_columns(kind, labels if labels is not None else _labels(site))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(c.name) for c in cols])
    for entry in sorted(site.entries[kind.name].values(), key=lambda e: e.id):
        writer.writerow([inert(c.cell((entry.id, entry.record))) for c in cols])
    return out.getvalue().encode("utf-8")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one starting as a formula would (`=HYPERLINK(…)`
    in a note) gets a leading apostrophe, as OWASP advises. No field of the data is a negative number."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def release_time(site: Site) -> dt.datetime:
    """The one timestamp of the zip: SOURCE_DATE_EPOCH (reproducible builds), else as_of."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        stamp = dt.datetime.combine(site.as_of, dt.time(), dt.UTC)
    return max(stamp, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))  # zip dates start in 1980


def zipped(files: dict[str, bytes], when: dt.datetime, folder: str = "ccm-ica-data") -> bytes:
    """The files in one zip, in path order, each with the same timestamp and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return out.getvalue()


def data_files(facts: Facts) -> dict[str, bytes]:
    """Path under the site (data/…) → bytes: JSON and CSV per kind, schemas, feeds, the zip.
    In English, whichever language asks: every language publishes the same files."""
    site = facts.site
    with using(DEFAULT):
        labels = _labels(site)
        files: dict[str, bytes] = {}
        for kind in KINDS:
            files[f"{kind.name}.json"] = records_json(site, kind)
            files[f"{kind.name}.csv"] = records_csv(site, kind, labels)
            files[f"schemas/{download_schema_name(kind.name)}"] = schema_text(
                download_schema(kind.model, f"{kind.name}.json")).encode("utf-8")
        for name, (model, title) in schema_models().items():
            files[f"schemas/{name}"] = schema_text(schema_of(model, title)).encode("utf-8")
        files[ical.FILE_NAME] = ical.calendar(facts, release_time(site))
        files[atom.FILE_NAME] = atom.feed(site)
        files[ZIP_NAME] = zipped(files, release_time(site))
    return {f"{DATA_DIR}/{path}": content for path, content in sorted(files.items())}


# --- the /data/ page ------------------------------------------------------------------------


def size(content: bytes) -> str:
    """'148 bytes', '16 KB', with a no-break space so a narrow table cell keeps it whole."""
    if len(content) < 1024:
        return _("%(size)s bytes", size=len(content)).replace(" ", "\u00a0")
    return _("%(size)s KB", size=f"{len(content) / 1024:.0f}").replace(" ", "\u00a0")


def page_context(site: Site, published: dict[str, bytes]) -> dict[str, Any]:
    """What the /data/ page lists: each file with its size, each CSV column with its meaning."""
    files = {path.removeprefix(f"{DATA_DIR}/"): content for path, content in published.items()
             if path.startswith(f"{DATA_DIR}/")}
    labels = _labels(site)
    return {
        "kinds": [
            {"kind": kind, "count": len(site.entries[kind.name]), "doc": english_only((kind.model.__doc__ or "").strip()),
             "json": f"{kind.name}.json", "csv": f"{kind.name}.csv", "schema": f"schemas/{kind.name}.schema.json",
             "file_schema": f"schemas/{download_schema_name(kind.name)}",
             "json_size": size(files[f"{kind.name}.json"]), "csv_size": size(files[f"{kind.name}.csv"]),
             "columns": [{"name": c.name, "about": english_only(c.about), "note": c.note} for c in kind_columns(kind, labels)]}
            for kind in KINDS
        ],
        "schemas": sorted(name for name in files if name.startswith("schemas/")),
        "zip": {"name": ZIP_NAME, "size": size(files[ZIP_NAME])},
        "calendar": {"name": ical.FILE_NAME, "size": size(files[ical.FILE_NAME])},
        "feed": {"name": atom.FILE_NAME, "size": size(files[atom.FILE_NAME])},
    }
