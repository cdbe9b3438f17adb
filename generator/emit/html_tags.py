"""Our pages' HTML as its tags and the text between them, in order, for the plugin's readers.

For what Python-Markdown and our templates write (every `<` in text escaped as `&lt;`, no script
in a page's content), not for HTML from anywhere: html.parser reads these the same, but its
generality cost more than a third of a second per build at the real size and seconds at scale 10.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import NamedTuple

# A comment, a declaration or processing instruction (skipped), or a start or end tag.
_TOKEN = re.compile(r"<!--.*?-->|<[!?][^>]*>|<(/?)([a-zA-Z][^\s/>]*)([^>]*)>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s/=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class Tag(NamedTuple):
    name: str  # lower case, as html.parser gives it
    closing: bool  # </name>
    start: int  # offset of its "<" in the HTML read
    attributes: str  # the text after the name, up to ">"

    @property
    def name_end(self) -> int:
        """The offset just after its name, where attributes can be added."""
        return self.start + 1 + len(self.name)

    def attribute(self, wanted: str) -> str | None:
        for match in _ATTRIBUTE.finditer(self.attributes):
            if match[1].lower() == wanted:
                value = next((group for group in match.groups()[1:] if group is not None), "")
                return unescape(value)
        return None


def read(html: str, start: int = 0, end: int | None = None) -> Iterator[Tag | str]:
    """Each tag of html[start:end] and each text between two tags, as the HTML has it (`unescape`
    what is kept); text after the last tag is not read (html.parser too keeps it until it is closed)."""
    position = start
    for match in _TOKEN.finditer(html, start, len(html) if end is None else end):
        if match.start() > position:
            yield html[position:match.start()]
        position = match.end()
        if match[2]:
            yield Tag(match[2].lower(), bool(match[1]), match.start(), match[3])
