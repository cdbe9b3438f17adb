"""Placeholders: the TODO values `ccm-ica new` writes, which the check rejects until filled in.

A scaffolded record is never valid by accident: a TODO in a text field would pass the model,
so every value starting with TODO is reported, with what the field asks for, and the record is
left out of the site until none is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ccm_ica.content.pydantic_errors import dotted
from ccm_ica.content.yaml_lines import Locations, Path_
from ccm_ica.models.fields import field_at, field_shape
from ccm_ica.problems import Problem

PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"^{PLACEHOLDER}\b")


def placeholder_paths(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Where in a YAML document a value is still a placeholder, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from placeholder_paths(value, path + (key,))
    elif isinstance(data, list):
        for position, item in enumerate(data):
            yield from placeholder_paths(item, path + (position,))
    elif isinstance(data, str) and _PLACEHOLDER.match(data.strip()):
        yield path


def placeholder_problems(model: type[BaseModel], data: Any, shown: str, locations: Locations) -> list[Problem]:
    """One problem per placeholder, saying what to write instead."""
    problems = []
    for path in placeholder_paths(data):
        field, _ = field_at(model, path)
        enum = field_shape(field).enum if field else None
        if enum is not None:
            what = "write one of: " + ", ".join(str(member.value) for member in enum)
        else:
            what = field.description if field and field.description else ""
        line, column = locations.of(path)
        problems.append(Problem(shown, line, column, f"{dotted(path)}: replace the placeholder {PLACEHOLDER}", what or ""))
    return problems
