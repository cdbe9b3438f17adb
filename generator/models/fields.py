"""What each field of a model holds, read once from its type annotation: the one walker of the
models' annotations that references, validation messages, placeholders, the data files, the field
reference and `ccm-ica new` all ask ("a reference to which kind? a nested model? a list?")."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ccm_ica.models.common import LocalizedText, Ref


@dataclass(frozen=True)
class Shape:
    """A field's value: what one value is, and whether the field holds a list of them."""

    kind: str  # "ref" (an id of another record), "model" (nested fields), "enum" or "scalar"
    target: Any  # the referred kind's name, the nested model, the enumeration, or the scalar type
    is_list: bool = False
    optional: bool = False  # None is allowed
    keys: Shape | None = None  # a mapping (`quotes`): what its keys are; kind and target describe its values

    @property
    def model(self) -> type[BaseModel] | None:
        return self.target if self.kind == "model" else None

    @property
    def enum(self) -> type[Enum] | None:
        return self.target if self.kind == "enum" else None


def shape_of(annotation: Any) -> Shape:
    """The Shape of a type annotation: Annotated, Optional and list[...] unwrapped."""
    ref, is_list, optional, keys = None, False, False, None
    while True:
        origin = typing.get_origin(annotation)
        if origin is dict:  # {key: value}: the keys' shape apart, the values' shape is the field's
            key_annotation, annotation = typing.get_args(annotation)
            keys = shape_of(key_annotation)
        elif origin is Annotated:
            annotation, *extras = typing.get_args(annotation)
            ref = ref or next((extra for extra in extras if isinstance(extra, Ref)), None)
        elif origin in (list, tuple):
            annotation, is_list = typing.get_args(annotation)[0], True
        elif origin is not None and type(None) in typing.get_args(annotation):  # X | None
            annotation, optional = next(arg for arg in typing.get_args(annotation) if arg is not type(None)), True
        else:
            break
    if ref is not None:
        return Shape("ref", ref.kind, is_list, optional, keys)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", annotation, is_list, optional, keys)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Shape("enum", annotation, is_list, optional, keys)
    return Shape("scalar", annotation, is_list, optional, keys)


def field_shape(info: FieldInfo) -> Shape:
    """A model field's Shape, with the Annotated markers (a Ref) that pydantic keeps apart."""
    return shape_of(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


@functools.cache
def shapes(model: type[BaseModel]) -> tuple[tuple[str, FieldInfo, Shape], ...]:
    """Every field of `model` with its Shape, in field order (computed once per model)."""
    return tuple((name, info, field_shape(info)) for name, info in model.model_fields.items())


def field_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[FieldInfo | None, type[BaseModel]]:
    """The field a location in a record points at (('obligations', 0, 'deadline')), and the model
    that owns it; (None, owner) where no such field exists."""
    owner, info, mapping = model, None, False
    for position, part in enumerate(loc):
        if isinstance(part, int) or mapping:  # an item of a list, or a key of a mapping
            mapping = False
            continue
        info = owner.model_fields.get(part)
        if info is None:
            return None, owner
        mapping = field_shape(info).keys is not None
        inner = field_shape(info).model
        if inner is not None and position < len(loc) - 1:
            owner = inner
    return info, owner


@functools.cache
def cites_sources(model: type[BaseModel]) -> bool:
    """Whether a record of `model` can cite a source: a reference to sources in it, or in a group
    of fields it holds (the kinds that get `quotes`)."""
    return any((shape.kind == "ref" and shape.target == "sources") or (shape.model is not None and cites_sources(shape.model))
               for _name, _info, shape in shapes(model))


def texts(record: BaseModel, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], LocalizedText]]:
    """Every free-text value of a record (LocalizedText), with its location in the record, in
    field order: what `ccm-ica check --reminders` looks at for missing translations."""
    for name, _info, shape in shapes(type(record)):
        value = getattr(record, name, None)
        if value is None:
            continue
        items = value.items() if shape.keys is not None else enumerate(value) if shape.is_list else [(None, value)]
        for key, item in items:
            here = path + ((name,) if key is None else (name, key))
            if shape.kind == "model":
                yield from texts(item, here)
            elif isinstance(item, LocalizedText):
                yield here, item
