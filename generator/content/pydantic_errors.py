"""Validate plain YAML data against a model; turn pydantic's errors into Problems."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ccm_ica.content.yaml_lines import Locations
from ccm_ica.models.fields import field_at, field_shape
from ccm_ica.problems import Problem

T = typing.TypeVar("T", bound=BaseModel)


def validate_record(model: type[T], data: Any, path: str, locations: Locations) -> tuple[T | None, list[Problem]]:
    """The model instance, or every problem pydantic finds, each at its line."""
    if not isinstance(data, dict):
        line, column = locations.of(())
        what = "empty" if data is None else "not a set of `key: value` lines"
        return None, [Problem(path, line, column, f"the file is {what}",
                              f"start from an existing file of this kind; it needs: {', '.join(_required(model))}")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_problem(model, path, locations, detail) for detail in error.errors(include_url=False)]


def _required(model: type[BaseModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if info.is_required()]


def dotted(loc: tuple[Any, ...]) -> str:
    """('obligations', 1, 'deadline') -> 'obligations[1].deadline'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problem(model: type[BaseModel], path: str, locations: Locations, detail: dict[str, Any]) -> Problem:
    loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind, value = detail["type"], detail.get("input")
    field, owner = field_at(model, loc)
    name = dotted(loc)
    description = (field.description or "") if field else ""
    shown = f"'{value}'" if isinstance(value, str) else repr(value)

    if kind == "extra_forbidden":
        line, column = locations.of(loc, key=True)
        known = list(owner.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the fields allowed here are: {', '.join(known)}"
        return Problem(path, line, column, f"unknown field '{name}'", hint)
    if kind == "missing":
        line, column = locations.of(loc[:-1])
        return Problem(path, line, column, f"missing the required field '{name}'",
                       f"add `{loc[-1]}:` here: {description}".rstrip(": "))

    line, column = locations.of(loc)
    enum = field_shape(field).enum if field else None
    if kind == "enum" and enum is not None:
        return Problem(path, line, column, f"{name}: {shown} is not an allowed value",
                       "use one of: " + ", ".join(str(member.value) for member in enum))
    if kind.startswith("date_") or kind == "datetime_from_date_parsing":
        return Problem(path, line, column, f"{name}: {shown} is not a valid date",
                       "write the date as YYYY-MM-DD, e.g. 2017-11-24, and check the day exists")
    if kind == "partial_date":
        return Problem(path, line, column, f"{name}: {shown} is not a valid date",
                       "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-07, and check the day exists")
    if kind == "before_adoption":
        return Problem(path, line, column, f"{name}: {detail['ctx']['value']} is before the Convention was adopted (30 May 2008)",
                       "nothing under the Convention can be dated earlier: check the date against the sources")
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return Problem(path, line, column, f"{name}: {shown} is not a whole number", "write digits only, e.g. 2016")
    if kind in ("float_parsing", "float_type"):
        return Problem(path, line, column, f"{name}: {shown} is not a number", "write digits with a '.' for decimals, e.g. 1250000.50")
    if kind in ("bool_parsing", "bool_type"):
        return Problem(path, line, column, f"{name}: {shown} is not true or false", "write true or false")
    if kind == "too_short" and field is not None and value is not None and isinstance(value, list):
        return Problem(path, line, column, f"{name}: the list is empty", f"add at least one entry: {description}")
    if kind == "string_too_short":
        return Problem(path, line, column, f"{name}: must not be empty", description)
    if kind.startswith("text_"):
        return Problem(path, line, column, f"{name}: {detail['msg']}",
                       "write the text on one line, or one line per language: en (required), fr, es, ar, zh, ru")
    if kind == "string_pattern_mismatch":
        return Problem(path, line, column, f"{name}: {shown} does not have the expected form", description)
    if kind in ("list_type", "tuple_type"):
        return Problem(path, line, column, f"{name}: expected a list", "write each item on its own line starting with '- '")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(path, line, column, f"{name}: expected `key: value` lines here", "indent the fields under this key")
    if kind == "string_type":
        return Problem(path, line, column, f"{name}: expected a single piece of text", "write the text on this line, or put it in quotes")
    return Problem(path, line, column, f"{name}: {detail['msg']}", description)
