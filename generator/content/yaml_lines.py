"""Read one YAML file into plain data with the line and column of every value.

Built on the parser's event stream (libyaml's C parser when present), not on a YAML
constructor, so that: every scalar stays a string until the model decides its type
(`NO` is Norway, not false); duplicate keys, anchors and aliases are caught with their
line; and each value keeps its position for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ccm_ica.problems import Problem

try:  # libyaml is several times faster; the pure parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULLS = {"", "~", "null", "Null", "NULL"}
Path_ = tuple[str | int, ...]


@dataclass
class Locations:
    """Positions (1-based line, column) of each value and each mapping key, by path."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where `path` is, or the nearest enclosing value that the file has."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


@dataclass
class YamlDocument:
    data: Any
    locations: Locations
    text: str = ""  # as read, for checks that look at the words rather than the structure


class _Reject(Exception):
    def __init__(self, line: int, column: int, message: str, hint: str):
        self.line, self.column, self.message, self.hint = line, column, message, hint


def _at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _shown_tag(tag: str) -> str:
    """A tag as the file writes it: `!!binary`, not the parser's `tag:yaml.org,2002:binary`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Builder:
    """Turns the event list of one document into dicts, lists, strings and None."""

    def __init__(self, events: list[Any], locations: Locations):
        # A list and a position: looking at the next event is an index, not a wrapper per peek.
        self.events = events
        self.position = 0
        self.locations = locations
        # Tags, anchors and aliases: all of them reported at once, the rest of the file still read.
        self.problems: list[_Reject] = []

    def next(self) -> Any:
        event = self.events[self.position]
        self.position += 1
        return event

    def peek(self) -> Any:
        return self.events[self.position]

    def _refuse_tag_and_anchor(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            self.problems.append(_Reject(*_at(event.start_mark), f"the anchor '&{event.anchor}' is not allowed in content",
                                         "remove it and write values out in full"))
        # Any explicit tag, even `!!str`: a tag asks a YAML reader to build an object (`!!python/…`
        # runs code in an unsafe one), and content holds only plain text, lists and `key: value` lines.
        if getattr(event, "tag", None) is not None:
            self.problems.append(_Reject(*_at(event.start_mark), f"the YAML tag '{_shown_tag(event.tag)}' is not allowed in content",
                                         "remove the tag: content holds only plain values, lists and `key: value` lines; "
                                         "quotes keep a value as text"))

    def node(self, path: Path_) -> Any:
        event = self.next()
        self.locations.values[path] = _at(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            self.problems.append(_Reject(*_at(event.start_mark), f"the alias '*{event.anchor}' repeats another part of the file",
                                         "write the value out in full: anchors and aliases are not allowed in content"))
            return None
        self._refuse_tag_and_anchor(event)
        if isinstance(event, yaml.ScalarEvent):
            if not event.style and event.value in _NULLS:  # plain only: "null" in quotes is text
                return None
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                items.append(self.node(path + (len(items),)))
            self.position += 1
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path)
        raise _Reject(*_at(event.start_mark), "unexpected YAML structure", "check the indentation of this line")

    def _mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(self.peek(), yaml.MappingEndEvent):
            key_event = self.next()
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _Reject(*_at(key_event.start_mark), "a key must be a plain word", "write keys as `name: value`")
            self._refuse_tag_and_anchor(key_event)
            key = key_event.value
            if key in result:
                first = self.locations.keys[path + (key,)][0]
                self.problems.append(_Reject(*_at(key_event.start_mark), f"the key '{key}' appears twice (first on line {first})",
                                             "keep one of them and delete the other"))
                self.node(("duplicate",) + path + (key,))  # read on, for the problems after it; the first value stays
                continue
            self.locations.keys[path + (key,)] = _at(key_event.start_mark)
            result[key] = self.node(path + (key,))
        self.position += 1
        return result


_SYNTAX_HINTS = [
    (re.compile(r"mapping values are not allowed"), "a ':' appears where YAML does not expect one",
     "if the text contains ': ', put the whole value in quotes"),
    (re.compile(r"could not find expected ':'|expected <block end>|did not find expected key"),
     "this line does not line up with the lines above", "check its indentation and that it reads `key: value`"),
    (re.compile(r"found unexpected end of stream|found unknown escape|while scanning a quoted scalar"),
     "a quoted value is not closed", "end the value with the same quote mark it starts with"),
    (re.compile(r"did not find expected '-' indicator|expected <block sequence"),
     "a list item does not line up with the items above", "start each item with '- ' at the same indentation"),
]


def _code_point(character: str | int) -> int:
    return character if isinstance(character, int) else ord(character)  # libyaml gives the number


def _syntax_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = _at(mark) if mark else (1, 1)
    text = f"{error.context or ''} {error.problem or ''}"
    for pattern, message, hint in _SYNTAX_HINTS:
        if pattern.search(text):
            return Problem(path, line, column, f"YAML syntax: {message}", hint)
    return Problem(path, line, column, f"YAML syntax: {(error.problem or 'cannot read this line').strip()}",
                   "compare this line with a valid file of the same kind")


def _tab_problems(path: str, text: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(path, number, indent.index("\t") + 1, "the line is indented with a tab",
                                    "YAML indentation must use spaces: replace the tab with spaces"))
    return problems


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file, or a problem naming the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(path, line, column, "the file is not UTF-8 text",
                              "save it as UTF-8 in your editor (e.g. 'Save with encoding: UTF-8')")]


def parse_yaml(path: str, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; on failure return the problems instead."""
    tabs = _tab_problems(path, text)
    if tabs:
        return None, tabs
    locations = Locations()
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(path, error)]
    except yaml.reader.ReaderError as error:  # a control character YAML does not allow, e.g. a NUL byte
        code = _code_point(error.character)
        # The character's first place in the text: libyaml counts its position in bytes, PyYAML in characters.
        before = text[: max(text.find(chr(code)), 0)]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        return None, [Problem(path, line, column, f"the file holds a control character (U+{code:04X}) YAML does not allow",
                              "delete it: it is often pasted in from another program along with the text")]
    except yaml.YAMLError as error:  # anything else the parser rejects without a position
        return None, [Problem(path, 1, 1, f"YAML cannot read the file: {error}", "remove unusual characters")]
    builder = _Builder(events, locations)
    builder.next()  # StreamStart
    if isinstance(builder.peek(), yaml.StreamEndEvent):
        return YamlDocument(None, locations, text), []
    builder.next()  # DocumentStart
    try:
        data = builder.node(())
    except _Reject as reject:
        builder.problems.append(reject)
    if builder.problems:
        return None, [Problem(path, r.line, r.column, r.message, r.hint) for r in builder.problems]
    builder.next()  # DocumentEnd
    extra = builder.next()
    if not isinstance(extra, yaml.StreamEndEvent):
        line, column = _at(extra.start_mark)
        return None, [Problem(path, line, column, "the file holds more than one YAML document",
                              "remove the '---' line: one record per file")]
    return YamlDocument(data, locations, text), []


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a YAML file; `shown_as` is the path printed in messages."""
    text, problems = decode(shown_as, path.read_bytes())
    if text is None:
        return None, problems
    return parse_yaml(shown_as, text)
