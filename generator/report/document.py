"""One neutral document model for the report, written as Markdown (the page) and as Word.

Both outputs walk the same blocks, so the page and the .docx cannot say different things.
Body paragraphs are numbered consecutively through the document, as in UN meeting documents.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from ..markdown_text import escape_markdown


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
    lines: tuple[str, ...]  # under the title: submitted by, period, cut-off
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


# --- Word -----------------------------------------------------------------------------


def to_docx(document: Document, dated: dt.date) -> bytes:
    """The report as a .docx; byte-identical for the same document and date."""
    import docx  # python-docx: imported here so the site build does not pay for it unless used
    from docx.shared import Pt

    word = docx.Document()
    properties = word.core_properties
    stamp = dt.datetime(dated.year, dated.month, dated.day)
    properties.title, properties.author, properties.created, properties.modified = document.title, "ccm-ica", stamp, stamp
    properties.last_modified_by, properties.revision = "ccm-ica", 1
    word.add_heading(document.title, level=0)
    for line in document.lines:
        word.add_paragraph(line)
    number = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            number += 1
            word.add_paragraph(f"{number}.\t{block.text}")
        elif isinstance(block, Bullets):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        else:
            caption = word.add_paragraph(block.caption)
            caption.runs[0].italic = True
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row):
                    cell.text = text or "—"
                    for run in cell.paragraphs[0].runs:
                        run.font.size = Pt(9)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the .docx container with one timestamp, so two builds are byte-identical."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
