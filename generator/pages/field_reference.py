"""The field reference: every field of every kind of file, read from the models themselves.

Generated, never written by hand, so it cannot drift from what the check accepts; a test
fails when a field has no description or is missing from the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ccm_ica.content.load import CONFIG_FILE
from ccm_ica.i18n import N_, _
from ccm_ica.markdown_text import english_only
from ccm_ica.models.common import LocalizedText, PartialDate
from ccm_ica.models.config import SiteConfig
from ccm_ica.models.fields import Shape, shapes
from ccm_ica.models.kinds import KINDS, KINDS_BY_NAME
from ccm_ica.pages.labels import term
from ccm_ica.scaffold import example, record_text

# Types in words, translated where shown; the model's descriptions of fields stay in English.
_SIMPLE = {
    str: N_("text"),
    int: N_("whole number"),
    float: N_("number"),
    bool: N_("true or false"),
    dt.date: N_("date: YYYY-MM-DD"),
    PartialDate: N_("date: YYYY, YYYY-MM or YYYY-MM-DD"),
    LocalizedText: N_("text (or one per language: en, fr, es…)"),
}


@dataclass(frozen=True)
class FieldRow:
    """One field: its full path as the check names it (obligations[].deadline), and what it takes."""

    path: str
    type: str
    required: bool
    allowed: tuple[str, ...]
    description: str
    anchor: str | None  # the section listing its own fields, for a field holding a group of fields


@dataclass(frozen=True)
class Section:
    """The fields of the record itself (path ''), or of a group inside it (obligations[])."""

    path: str
    anchor: str
    about: str
    rows: tuple[FieldRow, ...]


@dataclass(frozen=True)
class FileReference:
    """One kind of file coordinators write: where it lives, its fields, an example."""

    slug: str  # the page: /contribute/reference/<slug>/
    label: str  # in the page's language
    where: str  # a sentence saying where such files live, in the page's language
    about: str
    sections: tuple[Section, ...]
    example: str

    @property
    def title(self) -> str:
        return _("Field reference: %(kind)s", kind=self.label)


def describe(shape: Shape) -> tuple[str, tuple[str, ...], type[BaseModel] | None]:
    """(type in words, allowed values, model of a group of fields) of a field's Shape."""
    if shape.keys is not None:  # quotes: a list of words under each source id
        key, _allowed, _model = describe(shape.keys)
        text, allowed, model = describe(Shape(shape.kind, shape.target, shape.is_list))
        return _("under each %(key)s, %(value)s", key=key, value=text), allowed, model
    if shape.is_list:
        text, allowed, model = describe(Shape(shape.kind, shape.target))
        return _("list of: %(type)s", type=text), allowed, model
    if shape.kind == "ref":
        return _("%(kind)s id", kind=term(KINDS_BY_NAME[shape.target])), (), None
    if shape.enum:
        return _("allowed value"), tuple(str(member.value) for member in shape.enum), None
    if shape.model:
        return _("group of fields"), (), shape.model
    # Optional or not: whether a field may be left out is the "required" column's business.
    return (_(_SIMPLE[shape.target]) if shape.target in _SIMPLE else str(shape.target)), (), None


def _sections(model: type[BaseModel], path: str = "") -> Iterator[Section]:
    rows, nested = [], []
    for name, info, shape in shapes(model):
        text, allowed, inner = describe(shape)
        field_path = f"{path}.{name}" if path else name
        inner_path = field_path + ("[]" if shape.is_list else "")
        anchor = _anchor(inner_path) if inner else None
        rows.append(FieldRow(field_path, text, info.is_required(), allowed, english_only(info.description or ""), anchor))
        if inner:
            nested.append((inner, inner_path))
    yield Section(path, _anchor(path) if path else "fields", _about(model), tuple(rows))
    for inner, inner_path in nested:
        yield from _sections(inner, inner_path)


def _anchor(path: str) -> str:
    return "field-" + path.replace("[]", "").replace(".", "-").replace("_", "-")


def _about(model: type[BaseModel]) -> str:
    """The model's docstring, first line: English only, marked so on the other languages' pages."""
    return english_only((model.__doc__ or "").strip().splitlines()[0])


def nested_models(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """The model and every model its fields hold, each once."""
    seen: set[type[BaseModel]] = set()

    def walk(current: type[BaseModel]) -> Iterator[type[BaseModel]]:
        if current in seen:
            return
        seen.add(current)
        yield current
        for _name, _info, shape in shapes(current):
            if shape.model is not None:
                yield from walk(shape.model)

    yield from walk(model)


# One page per kind of record, then site_config.yml's: the pages' paths, known without words.
REFERENCE_SLUGS = (*(kind.name for kind in KINDS), "site-config")


def file_references() -> list[FileReference]:
    """One reference per kind of record, then site_config.yml; words in the page's language."""
    return [file_reference(slug) for slug in REFERENCE_SLUGS]


def file_reference(slug: str) -> FileReference:
    """The reference of one kind of file (REFERENCE_SLUGS), in the page's language."""
    if slug == "site-config":
        return FileReference("site-config", _("site settings"),
                             _("One file, %(file)s, at the top of the repository", file=CONFIG_FILE), _about(SiteConfig),
                             tuple(_sections(SiteConfig)), record_text(None, SiteConfig, {}, [str(_about(SiteConfig))]))
    kind = KINDS_BY_NAME[slug]
    return FileReference(kind.name, term(kind), _("One file per record, in the folder %(folder)s/", folder=kind.folder),
                         _about(kind.model), tuple(_sections(kind.model)), example(kind))


def reference_index_view(_inputs: object) -> dict[str, object]:
    """The view of /contribute/reference/ (pages/plan.py): every kind of file."""
    return {"references": file_references()}


def reference_view(_inputs: object, slug: str) -> dict[str, object]:
    """The view of /contribute/reference/<slug>/: one kind of file."""
    return {"reference": file_reference(slug)}
