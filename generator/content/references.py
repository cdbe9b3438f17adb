"""Find every reference to another record inside a record, from the models' `Ref` markers."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from ccm_ica.models.common import Ref
from pydantic import BaseModel

# What a field holds, as far as references go: a Ref, a nested model, or a list of either.
_Shape = tuple[str, Any]


def _shape(annotation: Any) -> _Shape | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        for extra in extras:
            if isinstance(extra, Ref):
                return ("ref", extra.kind)
        return _shape(base)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    if origin in (list, tuple):
        inner = _shape(typing.get_args(annotation)[0])
        return ("list", inner) if inner else None
    for arg in typing.get_args(annotation):  # Optional[...] / unions
        found = _shape(arg)
        if found:
            return found
    return None


@functools.cache
def _ref_fields(model: type[BaseModel]) -> tuple[tuple[str, _Shape], ...]:
    fields = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if info.metadata:
            annotation = typing.Annotated[(annotation, *info.metadata)]
        shape = _shape(annotation)
        if shape:
            fields.append((name, shape))
    return tuple(fields)


def _walk(value: Any, shape: _Shape, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if value is None:
        return
    what, inner = shape
    if what == "ref":
        yield loc, inner, value
    elif what == "list":
        for position, item in enumerate(value):
            yield from _walk(item, inner, loc + (position,))
    else:
        yield from references(value, loc)


def references(record: BaseModel, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Every (location, kind, id) that `record` refers to, in field order."""
    for name, shape in _ref_fields(type(record)):
        yield from _walk(getattr(record, name), shape, loc + (name,))
