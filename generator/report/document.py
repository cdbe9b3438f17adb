"""One neutral document model for the report, written as Markdown (the page) and as Word (word.py).

Both outputs walk the same blocks, so the page and the .docx cannot say different things.
Body paragraphs are numbered consecutively through the document, as in UN meeting documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Document:
    title: str
    lines: tuple[str, ...]  # under the title: what the document is, its period, its cut-off
    note: str = ""  # what the document is, also kept in the Word file's properties
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


# --- Markdown -------------------------------------------------------------------------


def _cell(text: str) -> str:
    return str(escape_markdown(text)) or "—"


def to_markdown(document: Document, download: str | None = None) -> str:
    out = [f"# {escape_markdown(document.title)}", ""]
    out += [f"{escape_markdown(line)}  " for line in document.lines] + [""]
    if download:
        out += [f"[Download this report as a Word document]({download}){{ .md-button }}", ""]
    number = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {escape_markdown(block.text)}", ""]
        elif isinstance(block, Paragraph):
            number += 1
            out += [f"{number}\\. {escape_markdown(block.text)}", ""]
        elif isinstance(block, Bullets):
            out += [f"- {escape_markdown(item)}" for item in block.items] + [""]
        else:
            out += [f"*{escape_markdown(block.caption)}*", "",
                    "| " + " | ".join(_cell(h) for h in block.header) + " |",
                    "| " + " | ".join("---" for _ in block.header) + " |"]
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows] + [""]
    return "\n".join(out)
