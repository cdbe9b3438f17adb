"""Find every reference to another record inside a record, from the models' `Ref` markers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ccm_ica.models.fields import Shape, shapes


def _walk(value: Any, shape: Shape, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if value is None:
        return
    if shape.is_list:
        for position, item in enumerate(value):
            yield from _walk(item, Shape(shape.kind, shape.target), loc + (position,))
    elif shape.kind == "ref":
        yield loc, shape.target, value
    else:
        yield from references(value, loc)


def references(record: BaseModel, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Every (location, kind, id) that `record` refers to, in field order."""
    for name, _info, shape in shapes(type(record)):
        if shape.kind in ("ref", "model"):
            yield from _walk(getattr(record, name), shape, loc + (name,))
