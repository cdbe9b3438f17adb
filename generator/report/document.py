"""One neutral document model for the report, written as Markdown (the page) and as Word (word.py).

Both outputs walk the same blocks, so the page and the .docx cannot say different things.
Body paragraphs are numbered consecutively through the document, as in UN meeting documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as _html_escape

from ccm_ica.markdown_text import escape_markdown


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Each column's share of the text width, chosen per table (prose wide, dates narrow);
    # empty: equal shares.
    widths: tuple[float, ...] = ()

    def shares(self) -> tuple[float, ...]:
        """Each column's fraction of the table's width, summing to 1."""
        weights = self.widths if len(self.widths) == len(self.header) else (1.0,) * len(self.header)
        total = sum(weights) or 1.0
        return tuple(w / total for w in weights)


@dataclass(frozen=True)
class Annex:
    """A heading that starts a new page in the Word file (an annex of a meeting document)."""

    text: str


@dataclass(frozen=True)
class TitleBlock:
    """What heads every CCM meeting document: the Convention, the meeting, its place and dates,
    the document's date and original language, the agenda item where a source gives one, and
    who it is from. `symbol` only where a source gives the document's symbol; else it is a draft."""

    convention: str
    meeting: str
    place_and_dates: str  # "" where no record gives them
    dated: str
    original: str
    prepared_for: str
    short_title: str  # the running header
    symbol: str | None = None
    agenda_item: str | None = None
    draft: str = "Draft"  # where no symbol is given, in the document's language


Block = Heading | Annex | Paragraph | Bullets | Table


@dataclass
class Document:
    title: str
    lines: tuple[str, ...]  # under the title: what the document is, its period, its cut-off
    note: str = ""  # what the document is, also kept in the Word file's properties
    title_block: TitleBlock | None = None
    blocks: list[Block] = field(default_factory=list)
    language: str = "en"  # what it is written in: the page's lang, the Word file's language
    download: str = "Download this report as a Word document"  # the page's link to the Word file

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


# --- Markdown -------------------------------------------------------------------------


def escape(text: str) -> str:
    """A cell's text as HTML: &, < and > only; quotes stay as they read."""
    return _html_escape(text, quote=False)


def _html_table(table: Table) -> list[str]:
    """A table as HTML, for its <caption>: a Markdown table has none. Every cell is text."""
    def row(tag: str, cells: tuple[str, ...], attributes: str = "") -> str:
        return "<tr>" + "".join(f"<{tag}{attributes}>{escape(text) or '—'}</{tag}>" for text in cells) + "</tr>"

    return ["<table>", f"<caption>{escape(table.caption)}</caption>",
            "<thead>" + row("th", table.header, ' scope="col"') + "</thead>",
            "<tbody>", *(row("td", cells) for cells in table.rows), "</tbody>", "</table>", ""]


def to_markdown(document: Document, download: tuple[str, str] | None = None) -> str:
    """The page's Markdown; `download`: the Word file's link text and address."""
    out = [f"# {escape_markdown(document.title)}", ""]
    block = document.title_block
    meeting = f"{block.meeting}, {block.place_and_dates}" if block and block.place_and_dates else block and block.meeting
    lines = ((meeting, block.prepared_for) if block else ()) + document.lines
    out += [f"{escape_markdown(line)}  " for line in lines] + [""]
    if download:
        out += [f"[{escape_markdown(download[0])}]({download[1]}){{ .md-button }}", ""]
    number = 0
    for item in document.blocks:
        if isinstance(item, Heading):
            out += [f"{'#' * (item.level + 1)} {escape_markdown(item.text)}", ""]
        elif isinstance(item, Annex):
            out += [f"## {escape_markdown(item.text)}", ""]
        elif isinstance(item, Paragraph):
            number += 1
            out += [f"{number}\\. {escape_markdown(item.text)}", ""]
        elif isinstance(item, Bullets):
            out += [f"- {escape_markdown(entry)}" for entry in item.items] + [""]
        else:
            out += _html_table(item)
    return "\n".join(out)
