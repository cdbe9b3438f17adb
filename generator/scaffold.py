"""`ccm-ica new KIND …`: write a new record with every required field, each explained.

What the command knows (a State's names, a date, a year) is filled in; everything else is a
TODO that `ccm-ica check` rejects (generator/content/placeholders.py), so an unfilled record cannot be
merged. The same skeleton, without the known values, is the example in the field reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import pycountry
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from ccm_ica.content.placeholders import PLACEHOLDER
from ccm_ica.files.schema import modeline
from ccm_ica.models.enums import Area
from ccm_ica.models.fields import cites_sources, field_shape
from ccm_ica.models.kinds import KINDS_BY_NAME, Kind

# Ids stay bare, except words YAML 1.1 tools (the schema check in editors) would read as true/false/null.
_BARE = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_1_1_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
WIDTH = 96  # comment lines wrap here, so the file reads in GitHub's editor without scrolling


class UsageError(Exception):
    """The command line asks for something impossible: exit 2 with this sentence."""


# --- the YAML text ----------------------------------------------------------------------


def _placeholder(info: FieldInfo) -> str:
    """TODO written the way the real value will be: in a list, bare, or quoted like text and dates."""
    shape = field_shape(info)
    if shape.is_list:
        return f"[{PLACEHOLDER}]"
    if shape.enum or shape.target in (int, float, bool):
        return PLACEHOLDER
    return f'"{PLACEHOLDER}"'


def _yaml_value(value: Any) -> str:
    """A known value as YAML: dates and text in double quotes (JSON strings are valid YAML)."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if _BARE.match(value) and value not in _YAML_1_1_WORDS:
        return value  # an id (mne, 2017-11-24-affected-states), written as the content writes ids
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str, indent: str, first: str = "# ", rest: str = "# ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent + first, subsequent_indent=indent + rest)


def _enum_note(info: FieldInfo) -> list[str]:
    """Allowed values, when the description does not already list them all."""
    enum = field_shape(info).enum
    if enum is None:
        return []
    values = [str(member.value) for member in enum]
    return [] if all(v in (info.description or "") for v in values) else [f"One of: {', '.join(values)}."]


def field_lines(model: type[BaseModel], values: dict[str, Any], indent: str = "") -> list[str]:
    """Each required or known field: its description as a comment, then `name: value`."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if not info.is_required() and name not in values:
            continue
        notes = [info.description or ""] + (_enum_note(info) if name not in values else [])
        lines += _comment(" ".join(notes).strip(), indent)
        shape = field_shape(info)
        if name not in values and shape.model and not shape.is_list:
            lines += [f"{indent}{name}:", *field_lines(shape.model, {}, indent + "  ")]
        else:
            lines.append(f"{indent}{name}: {_yaml_value(values[name]) if name in values else _placeholder(info)}")
    return lines


def optional_lines(model: type[BaseModel], values: dict[str, Any]) -> list[str]:
    """The optional fields not written, listed in a comment so a coordinator knows they exist."""
    rest = [(name, info) for name, info in model.model_fields.items() if not info.is_required() and name not in values]
    if not rest:
        return []
    lines = ["", "# Optional fields, to add when needed:"]
    for name, info in rest:
        lines += _comment(f"{name}: {info.description or ''}", "", first="#   ", rest="#     ")
    return lines


# Under the sources, how to quote them: commented out, so the file is checked as it was written.
QUOTES_HINT = [
    "# For each source cited, its own words that state these facts (at most 25 words a quote),",
    "# so a reader can find them; the check warns about a source cited with no quote. E.g.:",
    "# quotes:",
    "#   concept-note-2017:",
    '#     - "Thirteen States Parties requested international cooperation and assistance"',
]


def record_text(kind: Kind | None, model: type[BaseModel], values: dict[str, Any], about: list[str]) -> str:
    """A whole file: the schema modeline (for content), what it is, the fields, how to quote."""
    first = [modeline(kind.folder, kind.name)] if kind else []
    header = [line for text in about for line in _comment(text, "")] + [""]
    hint = QUOTES_HINT if cites_sources(model) else []
    return "\n".join(first + header + field_lines(model, values) + hint + optional_lines(model, values)) + "\n"


def example(kind: Kind) -> str:
    """The skeleton shown in the field reference: what `ccm-ica new` writes, nothing filled in."""
    return record_text(kind, kind.model, {}, [_docstring(kind.model)])


def _docstring(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().splitlines()[0]


# --- the records each command writes --------------------------------------------------


def _country(iso3: str) -> Any:
    found = pycountry.countries.get(alpha_3=iso3.upper()) if len(iso3) == 3 and iso3.isalpha() else None
    if found is None:
        raise UsageError(f"'{iso3}' is not an ISO 3166-1 alpha-3 country code (e.g. fra for France)")
    return found


def _checked(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """Each value given on the command line, validated as its field will be."""
    for name, value in values.items():
        info = model.model_fields[name]
        try:
            TypeAdapter(Annotated[info.annotation, info]).validate_python(value)
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            raise UsageError(f"{name}: '{value}' is not allowed here ({reason[0].lower()}{reason[1:]})") from None
    return values


def _slug(text: str) -> str:
    if not KINDS_BY_NAME["sources"].id_pattern.match(text):
        raise UsageError(f"'{text}' cannot be part of a file name: use lower-case letters, digits and hyphens")
    return text


def planned_record(args: argparse.Namespace) -> tuple[Kind, str, dict[str, Any]]:
    """(kind, id, known field values) for `ccm-ica new KIND …`, or UsageError."""
    if args.kind == "country":
        country = _country(args.iso3)
        # The name identifies the State; an official name is left for a source to give (pycountry's
        # are not always the State's own: it would be a fact no cited document states).
        values = {"name": country.name}
        return KINDS_BY_NAME["countries"], args.iso3.lower(), values
    if args.kind == "request":
        iso3 = _country(args.iso3).alpha_3.lower()
        values = {"country": iso3, "year": args.year} | ({"area": Area(args.area)} if args.area else {})
        record_id = f"{iso3}-{args.year}" + (f"-{args.area}" if args.area else "")
        return KINDS_BY_NAME["requests"], record_id, values
    if args.kind == "meeting":
        return KINDS_BY_NAME["meetings"], f"{args.date.isoformat()}-{_slug(args.slug)}", {"date": args.date}
    if args.kind == "coalition":
        iso3 = _country(args.iso3).alpha_3.lower()
        return KINDS_BY_NAME["coalitions"], f"{iso3}-{_slug(args.slug)}", {"country": iso3}
    return KINDS_BY_NAME["sources"], _slug(args.slug), {}


def new_record(root: Path, args: argparse.Namespace, command: str) -> int:
    """Write the record; 1 if the file exists (never overwritten), 2 on a usage error."""
    try:
        kind, record_id, values = planned_record(args)
        _checked(kind.model, values)
    except UsageError as error:
        print(f"ccm-ica new: error: {error}", file=sys.stderr)
        return 2
    shown = f"{kind.folder}/{record_id}.yml"
    path = root / shown
    if path.exists():
        print(f"ccm-ica new: {shown} already exists: edit it instead (nothing was written)", file=sys.stderr)
        return 1
    text = record_text(kind, kind.model, values, [
        _docstring(kind.model),
        f"Written by `{command}`. Replace every {PLACEHOLDER} (the check rejects them), then run "
        f"`ccm-ica check`. The site's field reference, /contribute/reference/{kind.name}/, explains every field.",
    ])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {shown}: replace every {PLACEHOLDER}, then run `ccm-ica check`")
    country = values.get("country")
    if country and not (root / KINDS_BY_NAME["countries"].folder / f"{country}.yml").exists():
        print(f"note: there is no {KINDS_BY_NAME['countries'].folder}/{country}.yml yet: "
              f"write it with `ccm-ica new country {country}`")
    return 0


# --- the command line -----------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    words = [str(getattr(args, name)) for name in ("iso3", "year", "area", "date", "slug") if getattr(args, name, None) is not None]
    return new_record(args.root, args, " ".join(["ccm-ica new", args.kind, *words]))
