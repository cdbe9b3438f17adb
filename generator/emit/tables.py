"""Tables that read on a phone: each data cell names its column (data-label), so that
assets/ccm.css can show every row as a stacked card on a narrow screen, with no column off-screen.

Done on the page's HTML (plugin.on_page_content), after nh3 has cleaned a hand-written page, so
generated and hand-written tables alike get it. A table shown as blocks loses its table semantics
in some browsers (Safari, older Firefox), so the table's parts also get their ARIA roles back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

from ccm_ica.emit import html_tags

# The role each part of a table keeps when the stylesheet displays it as a block.
_ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tfoot": "rowgroup", "tr": "row"}
STACK = "data-ccm-stack"  # on a table whose cells are labelled: the stylesheet stacks only these
_TABLE_PART = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|td|th)(?=[\s/>])([^>]*)>", re.I)
_ANY_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


@dataclass
class _Table:
    """A table being read: its header texts, and the cells waiting for them."""

    start: int  # offset of the end of the <table tag's name, where its attributes go
    headers: list[str] = field(default_factory=list)
    cells: list[tuple[int, int, str]] = field(default_factory=list)  # (offset, column, "td"/"th")
    parts: list[tuple[int, str]] = field(default_factory=list)  # (offset, role) of thead, tr, th…
    column: int = 0
    in_head: bool = False
    header_text: list[str] | None = None  # the text of the <th> being read in <thead>
    header_span: int = 1  # the columns it heads


class _TableReader:
    """Finds each table's parts and where their start tags' names end (offsets into the HTML)."""

    def __init__(self) -> None:
        self.tables: list[_Table] = []  # every complete table, inner ones first
        self._open: list[_Table] = []

    def read(self, html: str, start: int, end: int) -> None:
        """Only a table's own tags are read: the links and words in its cells are most of its
        HTML, and only its header cells' text is wanted (their other tags stripped)."""
        after = start
        for match in _TABLE_PART.finditer(html, start, end):
            if self._open and self._open[-1].header_text is not None and match.start() > after:
                self.handle_data(unescape(_ANY_TAG.sub("", html[after:match.start()])))
            after = match.end()
            if match[1]:
                self.handle_endtag(match[2].lower())
            else:  # a start tag: where its name ends is where attributes go
                self.handle_starttag(match[2].lower(), match.end(2), match[3])

    def handle_starttag(self, name: str, name_end: int, attributes: str) -> None:
        if name == "table":
            self._open.append(_Table(name_end))
            return
        if not self._open:
            return
        table = self._open[-1]
        if name in ("td", "th"):  # most tags: checked first
            span = _span(attributes) if "colspan" in attributes.lower() else 1
            if table.in_head:
                table.parts.append((name_end, "columnheader"))
                table.header_text, table.header_span = [], span
            else:
                table.cells.append((name_end, table.column, name))
            table.column += span
            return
        table.parts.append((name_end, _ROLES[name]))
        if name == "thead":
            table.in_head = True
        elif name == "tr":
            table.column = 0
            if table.in_head:  # a header of two rows: the last one, next to the cells, names them
                table.headers = []

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        table = self._open[-1]
        if tag == "table":
            self.tables.append(self._open.pop())
        elif tag == "thead":
            table.in_head = False
        elif tag == "th" and table.header_text is not None:
            table.headers += [" ".join("".join(table.header_text).split())] * table.header_span
            table.header_text = None

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1].header_text is not None:
            self._open[-1].header_text.append(data)


def _span(attributes: str) -> int:
    given = html_tags.Tag("td", False, 0, attributes).attribute("colspan")
    return int(given) if given and given.isdigit() and int(given) > 0 else 1


def label_cells(html: str) -> str:
    """The page's HTML with every cell of a table that has a header row labelled by its
    column's header text (escaped), and the table's parts given their roles. A table without
    a header row is left as it is."""
    if "<table" not in html:
        return html
    inserts: list[tuple[int, str]] = []
    for base, end in _table_spans(html):  # only the tables are parsed: most of a page is not one
        reader = _TableReader()
        reader.read(html, base, end)
        for table in reader.tables:
            if not table.headers:
                continue
            inserts.append((table.start, f' role="table" {STACK}'))
            inserts += [(offset, f' role="{role}"') for offset, role in table.parts]
            attributes: dict[tuple[int, str], str] = {}  # (column, td/th) → its attributes: rows repeat them
            for offset, column, tag in table.cells:
                text = attributes.get((column, tag))
                if text is None:
                    label = table.headers[column] if column < len(table.headers) else ""
                    role = "rowheader" if tag == "th" else "cell"
                    text = attributes[column, tag] = f' role="{role}" data-label="{escape(label, quote=True)}"'
                inserts.append((offset, text))
    pieces, last = [], 0
    for offset, text in sorted(inserts):
        pieces += [html[last:offset], text]
        last = offset
    return "".join(pieces) + html[last:]


_TABLE_TAG = re.compile(r"<(/?)table\b", re.I)


def _table_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost <table>…</table> (tables inside it included)."""
    spans, depth, start = [], 0, 0
    for match in _TABLE_TAG.finditer(html):
        if not match[1]:
            depth, start = depth + 1, start if depth else match.start()
        elif depth:
            depth -= 1
            if not depth:
                spans.append((start, html.index(">", match.end()) + 1))
    if depth:  # a table left open: to the end, as the parser would read it
        spans.append((start, len(html)))
    return spans
