"""Records added, removed, renamed and changed between two Sites, field by field, in words.

The models' own fields are walked (models/fields.shapes), so a field added to a model is
compared without a line here. A record whose file was renamed, content unchanged, is one
rename, and references to it under its old id are not counted as changes of the records citing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ccm_ica.content.load import Entry
from ccm_ica.content.site import Site
from ccm_ica.diff.words import entry_label, field_words, item_words, kind_words, list_words, texts_apart, value_words
from ccm_ica.diff.pages import language_name
from ccm_ica.models.common import LocalizedText
from ccm_ica.models.fields import Shape, shapes
from ccm_ica.models.kinds import KINDS

Renames = dict[tuple[str, str], str]  # (kind, old id) → new id


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: where in the record, in words, and its value before and after
    (None: the field, or the item of a list, was not there)."""

    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed, renamed (its file) or changed, with what a reader calls it."""

    kind: str
    kind_words: str
    id: str
    label: str
    path: str
    old_path: str | None = None  # a renamed record's file before
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class RecordChanges:
    added: tuple[RecordChange, ...]
    removed: tuple[RecordChange, ...]
    renamed: tuple[RecordChange, ...]
    changed: tuple[RecordChange, ...]
    renames: Renames

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.changed)


def compare_records(old: Site, new: Site) -> RecordChanges:
    """Every record of either side, compared kind by kind in the folders' order."""
    added, removed, renamed, changed = [], [], [], []
    renames = _renames(old, new)
    for kind in KINDS:
        before, after = old.entries[kind.name], new.entries[kind.name]
        moved = {old_id for (k, old_id) in renames if k == kind.name}
        arrived = {renames[(kind.name, old_id)] for old_id in moved}
        for record_id in sorted(set(after) - set(before) - arrived):
            added.append(_change(new, after[record_id]))
        for record_id in sorted(set(before) - set(after) - moved):
            removed.append(_change(old, before[record_id]))
        for old_id in sorted(moved):
            entry = after[renames[(kind.name, old_id)]]
            renamed.append(_change(new, entry, old_path=before[old_id].path))
        for record_id in sorted(set(before) & set(after)):
            fields = _compare(before[record_id].record, after[record_id].record, (), old, new, renames)
            if fields:
                changed.append(_change(new, after[record_id], fields=tuple(fields)))
    return RecordChanges(tuple(added), tuple(removed), tuple(renamed), tuple(changed), renames)


def _change(site: Site, entry: Entry, old_path: str | None = None, fields: tuple[FieldChange, ...] = ()) -> RecordChange:
    return RecordChange(entry.kind.name, kind_words(entry.kind.name), entry.id, entry_label(site, entry),
                        entry.path, old_path, fields)


def _renames(old: Site, new: Site) -> Renames:
    """A record gone from one file and the same record in a new file of its kind: a rename."""
    renames: Renames = {}
    for kind in KINDS:
        before, after = old.entries[kind.name], new.entries[kind.name]
        arrived = {i: after[i].record.model_dump(mode="json") for i in set(after) - set(before)}
        for old_id in sorted(set(before) - set(after)):
            dump = before[old_id].record.model_dump(mode="json")
            match = next((i for i in sorted(arrived) if arrived[i] == dump), None)
            if match is not None:
                renames[(kind.name, old_id)] = match
                del arrived[match]
    return renames


def _same(a: Any, b: Any, shape: Shape, renames: Renames) -> bool:
    """Equal once an old id is read as the id its record was renamed to."""
    if shape.kind == "ref" and a is not None:
        a = renames.get((shape.target, a), a)
    if isinstance(a, LocalizedText) and isinstance(b, LocalizedText):
        return str(a) == str(b) and a.translations == b.translations
    return a == b


def _compare(a: BaseModel, b: BaseModel, path: tuple[str, ...], old: Site, new: Site, renames: Renames) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name, _info, shape in shapes(type(b)):
        before, after = getattr(a, name, None), getattr(b, name, None)
        here = (*path, field_words(name))
        if shape.keys is not None:
            changes += _compare_mapping(before or {}, after or {}, here, shape, old, new, renames)
        elif shape.is_list and shape.kind == "model":
            changes += _compare_items(before or [], after or [], here, item_words(name), old, new, renames)
        elif shape.is_list:
            if [renames.get((shape.target, v), v) if shape.kind == "ref" else v for v in before or []] != list(after or []):
                changes.append(FieldChange(" › ".join(here), list_words(before or [], shape, old), list_words(after or [], shape, new)))
        elif shape.kind == "model" and before is not None and after is not None:
            changes += _compare(before, after, here, old, new, renames)
        elif isinstance(before, LocalizedText) and isinstance(after, LocalizedText) and str(before) == str(after):
            changes += _compare_translations(before, after, here)
        elif isinstance(before, LocalizedText) and isinstance(after, LocalizedText):
            was, now = texts_apart(before, after)
            changes.append(FieldChange(" › ".join(here), value_words(was, shape), value_words(now, shape)))
        elif not _same(before, after, shape, renames):
            changes.append(FieldChange(" › ".join(here), None if before is None else value_words(before, shape, old),
                                       None if after is None else value_words(after, shape, new)))
    return changes


def _compare_translations(before: LocalizedText, after: LocalizedText, here: tuple[str, ...]) -> list[FieldChange]:
    """The English is the same: which translations were added, changed or removed."""
    changes = []
    for language in sorted(set(before.translations) | set(after.translations)):
        was, now = before.translations.get(language), after.translations.get(language)
        if was != now:
            shape = Shape("scalar", str)
            changes.append(FieldChange(f"{' › '.join(here)} ({language_name(language)})",
                                       None if was is None else value_words(was, shape),
                                       None if now is None else value_words(now, shape)))
    return changes


def _key_field(items_before: list[BaseModel], items_after: list[BaseModel]) -> str | None:
    """The field that names each item of a list (an obligation's article, a report's year):
    the first field, if it is given and different for every item on both sides; else None,
    and items are matched by their place in the list."""
    items = [*items_before, *items_after]
    if not items:
        return None
    first = next(iter(type(items[0]).model_fields))
    for side in (items_before, items_after):
        keys = [getattr(item, first) for item in side]
        if None in keys or len(set(map(repr, keys))) != len(keys):
            return None
    return first


def _compare_items(before: list[BaseModel], after: list[BaseModel], here: tuple[str, ...], item: str,
                   old: Site, new: Site, renames: Renames) -> list[FieldChange]:
    key = _key_field(before, after)
    if key is None:
        pairs = [(f"{item} {n + 1}", before[n] if n < len(before) else None, after[n] if n < len(after) else None)
                 for n in range(max(len(before), len(after)))]
    else:
        shape = next(s for name, _i, s in shapes(type((before or after)[0])) if name == key)
        old_items = {repr(getattr(x, key)): x for x in before}
        new_items = {repr(getattr(x, key)): x for x in after}
        order = [*old_items, *(k for k in new_items if k not in old_items)]
        pairs = [(value_words(getattr(old_items.get(k) or new_items[k], key), shape, new), old_items.get(k), new_items.get(k))
                 for k in order]
    changes = []
    for label, was, now in pairs:
        at = (*here, label)
        if was is None or now is None:
            changes.append(FieldChange(" › ".join(at), None if was is None else value_words(was, Shape("model", type(was)), old),
                                       None if now is None else value_words(now, Shape("model", type(now)), new)))
        else:
            changes += _compare(was, now, at, old, new, renames)
    return changes


def _compare_mapping(before: dict[str, Any], after: dict[str, Any], here: tuple[str, ...], shape: Shape,
                     old: Site, new: Site, renames: Renames) -> list[FieldChange]:
    """`quotes`: under each source, the quotes added and removed."""
    assert shape.keys is not None
    translated = {renames.get((shape.keys.target, k), k) if shape.keys.kind == "ref" else k: v for k, v in before.items()}
    value_shape = Shape(shape.kind, shape.target)
    changes = []
    for key in [*translated, *(k for k in after if k not in translated)]:
        was, now = list(translated.get(key, [])), list(after.get(key, []))
        if was != now:
            where = f"{' › '.join(here)} ({value_words(key, shape.keys, new if key in after else old)})"
            changes.append(FieldChange(where, list_words(was, value_shape, old) if was else None,
                                       list_words(now, value_shape, new) if now else None))
    return changes
