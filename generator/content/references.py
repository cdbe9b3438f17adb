"""Find every reference to another record inside a record, from the models' `Ref` markers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel

from ccm_ica.models.fields import Shape, shapes


class Reference(NamedTuple):
    """Where a record names another (('obligations', 0, 'sources', 1)), its kind and id; `is_key`
    where the id is a key of a mapping (quotes: {source id: […]}), so a message points at the key."""

    loc: tuple[Any, ...]
    kind: str
    target: str
    is_key: bool = False


def _walk(value: Any, shape: Shape, loc: tuple[Any, ...]) -> Iterator[Reference]:
    if value is None:
        return
    if shape.keys is not None:
        if shape.keys.kind == "ref":
            yield from (Reference(loc + (key,), shape.keys.target, key, True) for key in value)
        for key, item in value.items():
            yield from _walk(item, Shape(shape.kind, shape.target, shape.is_list), loc + (key,))
    elif shape.is_list:
        for position, item in enumerate(value):
            yield from _walk(item, Shape(shape.kind, shape.target), loc + (position,))
    elif shape.kind == "ref":
        yield Reference(loc, shape.target, value)
    elif shape.kind == "model":
        yield from references(value, loc)


def references(record: BaseModel, loc: tuple[Any, ...] = ()) -> Iterator[Reference]:
    """Every reference that `record` makes, in field order."""
    for name, _info, shape in shapes(type(record)):
        if shape.kind in ("ref", "model") or shape.keys is not None:
            yield from _walk(getattr(record, name), shape, loc + (name,))
