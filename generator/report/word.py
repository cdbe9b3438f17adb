"""The report's document model written as Word (.docx), byte-identical for the same input.

python-docx gives the package: the default template's styles, the core properties and the zip.
The body is written here as WordprocessingML text and parsed once, because python-docx's
per-paragraph API looks each style up by name and re-walks the table grid for every row; with
2,000-row tables at benchmark scale that made the Word file the generator's largest cost.
The XML written is what python-docx's own add_paragraph/add_table would write.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html import escape as _html_escape

from ccm_ica.report.document import Bullets, Document, Heading, Paragraph, Table

# Characters XML 1.0 cannot hold (C0 controls other than tab, newline and return): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STYLES = {"title": "Title", "bullet": "List Bullet", "table": "Table Grid",
           **{f"heading{level}": f"Heading {level}" for level in range(1, 10)}}
_TABLE_WIDTH = 8640  # twips, the text width of the default template's page (6 inches)
_CELL_FONT = 18  # half-points: 9 pt, so wide tables stay readable


def escape(text: str) -> str:
    """&, < and > as entities: xml.sax.saxutils.escape, whose module imports urllib.request and
    with it ssl and http.client (~20 ms of every build's start)."""
    return _html_escape(text, quote=False)


def _runs(text: str, properties: str = "") -> str:
    """One run: tabs and line breaks become Word's own elements, as python-docx does."""
    parts = []
    for number, line in enumerate(_NOT_XML.sub("", text).split("\n")):
        if number:
            parts.append("<w:br/>")
        for column, piece in enumerate(line.split("\t")):
            if column:
                parts.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _paragraph(text: str, style: str | None = None, properties: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_runs(text, properties) if text else ''}</w:p>"


def _table(table: Table, style: str) -> str:
    width = _TABLE_WIDTH // max(len(table.header), 1)

    def row(cells: tuple[str, ...], properties: str) -> str:
        return "<w:tr>" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{_paragraph(text, None, properties)}</w:tc>'
            for text in cells) + "</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in table.header)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            f'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            + row(table.header, "<w:b/>")
            + "".join(row(tuple(text or "—" for text in cells), f'<w:sz w:val="{_CELL_FONT}"/>') for cells in table.rows)
            + "</w:tbl>")


def _body(document: Document, style_ids: dict[str, str]) -> str:
    out = [_paragraph(document.title, style_ids["title"])]
    out += [_paragraph(line) for line in document.lines]
    number = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(_paragraph(block.text, style_ids[f"heading{block.level}"]))
        elif isinstance(block, Paragraph):
            number += 1
            out.append(_paragraph(f"{number}.\t{block.text}"))
        elif isinstance(block, Bullets):
            out += [_paragraph(item, style_ids["bullet"]) for item in block.items]
        else:
            out.append(_paragraph(block.caption, None, "<w:i/>"))
            out.append(_table(block, style_ids["table"]))
    return "".join(out)


def to_docx(document: Document, dated: dt.date) -> bytes:
    """The report as a .docx; byte-identical for the same document and date."""
    import docx  # python-docx: imported here so a site build without the report does not pay for it
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

    word = docx.Document()
    properties = word.core_properties
    stamp = dt.datetime(dated.year, dated.month, dated.day)
    properties.title, properties.author, properties.created, properties.modified = document.title, "ccm-ica", stamp, stamp
    properties.subject = properties.comments = document.note
    properties.last_modified_by, properties.revision = "ccm-ica", 1
    # Style ids from the template itself (a name lookup each, once), not assumed.
    style_ids = {key: word.styles[name].style_id for key, name in _STYLES.items()}
    # One parse of the whole body, the template's section properties kept last as Word requires;
    # moving elements one by one into the template's tree costs lxml more than writing them.
    body = word.element.body
    section = etree.tostring(body[-1], encoding="unicode")
    body.getparent().replace(body, parse_xml(f"<w:body {nsdecls('w')}>{_body(document, style_ids)}{section}</w:body>"))
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
