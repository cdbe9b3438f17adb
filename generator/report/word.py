"""The report's document model written as Word (.docx) through python-docx, byte-identical for
the same input.

Styles and page setup come from a reference document (reference.docx beside this file, made by
reference.py; the ISU may pass its own): its body is emptied and the report written into it,
each paragraph in a named style. python-docx's API writes the text; its low-level oxml adds what
the API lacks: repeated header rows, rows kept whole, the PAGE field, and each paragraph's style
id, looked up once per document: python-docx's own style setter walks every style of the
document for each paragraph to learn whether the style is the default, which at benchmark scale
(2,000-row tables, 10,000 cells) took two thirds of the Word file's time.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from ccm_ica.report.document import Annex, Bullets, Document, Heading, Paragraph, Table, TitleBlock

# The Word file's language tag per site language: British English as the Convention's documents.
WORD_LANGUAGES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}

REFERENCE = Path(__file__).with_name("reference.docx")
# The styles the report writes in; a reference document without one of them gets it, based on its Normal.
STYLES = ("Normal", "Title", "Title Block", "Heading 1", "Heading 2", "List Bullet", "Caption",
          "Table Text", "Table Heading", "Header", "Footer")
TABLE_STYLE = "Table Grid"
# Characters XML 1.0 cannot hold (C0 controls other than tab, newline and return): dropped.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # python-docx's w: prefix
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
# Word 2010's copy of the styles: the styles part is the one Word and LibreOffice read today, and
# two copies could disagree once the ISU edits one.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


class ReferenceDocumentError(ValueError):
    """The reference document cannot be read as a Word file."""


def _text(text: str) -> str:
    return _NOT_XML.sub("", text)


def clean_package(word) -> None:
    """Drop the default template's thumbnail, customXml and second styles parts, which say
    nothing of the report."""
    package_rels = word.part.package.rels
    for key in [k for k, rel in package_rels.items() if rel.reltype == _THUMBNAIL]:
        del package_rels[key]
    for key in [k for k, rel in word.part.rels.items() if rel.reltype in (_CUSTOM_XML, _STYLES_WITH_EFFECTS)]:
        del word.part.rels[key]


def _open_reference(reference: Path | None):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = reference or REFERENCE
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReferenceDocumentError(f"{path}: not a Word document (.docx) python-docx can open ({error})") from None
    body = word.element.body
    for child in list(body):
        if child is not body.sectPr:  # the page setup stays; any sample text goes
            body.remove(child)
    return word


class _Writer:
    """Writes the blocks into the reference document, with its styles looked up once."""

    def __init__(self, word) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.word = word
        styles = word.styles
        self.styles = {}
        for name in STYLES:
            try:
                self.styles[name] = styles[name]
            except KeyError:  # a reference document of the ISU's may lack one: made from its Normal
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                style.font.bold = name.startswith(("Heading", "Title", "Caption", "Table Heading"))
                self.styles[name] = style
        try:
            self.table_style = styles[TABLE_STYLE]
        except KeyError:
            self.table_style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        # As python-docx writes them: no w:pStyle for the default paragraph style.
        self.ids = {name: None if style == default else style.style_id for name, style in self.styles.items()}
        table_default = styles.default(WD_STYLE_TYPE.TABLE)  # looked up once, not per table as `Table.style =` does
        self.table_style_id = None if self.table_style == table_default else self.table_style.style_id
        section = word.sections[0]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def paragraph(self, text: str, style: str, bold: bool = False):
        paragraph = self.word.add_paragraph()
        paragraph._p.style = self.ids[style]
        if text:
            run = paragraph.add_run()
            _put_text(run._r, _text(text))
            run.bold = bold or None
        return paragraph

    def title_block(self, block: TitleBlock, title: str) -> None:
        first = self.paragraph(block.convention, "Title Block", bold=True)
        first.add_run("\t" + (block.symbol or block.draft))
        self.paragraph(f"\t{block.dated}", "Title Block")
        self.paragraph(f"\t{block.original}", "Title Block")
        self.paragraph("", "Title Block")
        self.paragraph(block.meeting, "Title Block", bold=True)
        if block.place_and_dates:
            self.paragraph(block.place_and_dates, "Title Block")
        if block.agenda_item:
            self.paragraph(block.agenda_item, "Title Block")
        self.paragraph(title, "Title")
        self.paragraph(block.prepared_for, "Normal", bold=True)

    def table(self, table: Table) -> None:
        from docx.oxml import OxmlElement

        caption = self.paragraph(table.caption, "Caption")
        caption.paragraph_format.keep_with_next = True
        grid = self.word.add_table(rows=0, cols=len(table.header))
        grid._tbl.tblStyle_val = self.table_style_id
        grid.autofit = False
        widths = [int(self.text_width * share) for share in table.shares()]
        for column, width in zip(grid.columns, widths):
            column.width = width
        ids = self.ids

        def row(cells: tuple[str, ...], style: str, header: bool):
            added = grid.add_row()
            properties = added._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))  # a row is short: never split across pages
            if header:
                properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
            for cell, text in zip(added.cells, cells):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = ids[style]
                _put_text(paragraph.add_run()._r, _text(text) or "—")
                if header:
                    paragraph.paragraph_format.keep_with_next = True  # with the first row below it
            return added._tr

        row(table.header, "Table Heading", True)
        if not table.rows:
            return
        # The first row through the API; each further row a copy of it with its own text, as
        # python-docx's add_row would make it again (cell widths, style, row properties) at a
        # fraction of the cost for a 2,000-row table.
        first = row(table.rows[0], "Table Text", False)
        pristine = copy.deepcopy(first)
        for tc in pristine.tc_lst:
            tc.p_lst[0].r_lst[0].clear_content()
        for cells in table.rows[1:]:
            added = copy.deepcopy(pristine)
            grid._tbl.append(added)
            for run, text in zip(added.iter(_W + "r"), cells):  # one paragraph of one run per cell
                _put_text(run, _text(text) or "—")

    def header_and_footer(self, short_title: str) -> None:
        """The short title at the head of every page but the first, which has the title block
        instead (as UN documents do); the page number at the foot of every page."""
        section = self.word.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.style = self.styles["Header"]
        header.text = _text(short_title)
        first_header = section.first_page_header.paragraphs[0]
        first_header.style, first_header.text = self.styles["Header"], ""
        for footer in (section.footer, section.first_page_footer):
            paragraph = footer.paragraphs[0]
            paragraph.style = self.styles["Footer"]
            paragraph.text = ""
            _page_field(paragraph.add_run())


def _put_text(run, text: str) -> None:
    """An empty run's text, as python-docx's `text` setter writes it; that setter goes character
    by character (for tabs and line breaks): a second of a 2,000-row table's time. The <w:t> is
    appended as `add_t` would place it (last: an empty run holds at most its properties)."""
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
        return
    t = run.makeelement(_W + "t", {})
    run.append(t)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")


def _page_field(run) -> None:
    """Word's PAGE field in a run: begin, instruction, separate, the number shown until the
    field is updated, end (python-docx has no API for fields)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def set_language(word, tag: str) -> None:
    """The document's language (en-GB, fr-FR…) in its defaults, which every run inherits, and as
    the theme's language: Word's spelling and hyphenation, and screen readers, follow it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        defaults.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), tag)
    theme_language = word.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), tag)


def to_docx(document: Document, dated: dt.date, reference: Path | None = None) -> bytes:
    """The report as a .docx in the reference document's styles; byte-identical for the same
    document, date and reference."""
    word = _open_reference(reference)
    writer = _Writer(word)
    block = document.title_block
    if block:
        writer.title_block(block, document.title)
        writer.header_and_footer(block.short_title)
    else:
        writer.paragraph(document.title, "Title")
        writer.header_and_footer(document.title)
    for line in document.lines:
        writer.paragraph(line, "Normal")
    number = 0
    for item in document.blocks:
        if isinstance(item, Heading):
            writer.paragraph(item.text, f"Heading {min(item.level, 2)}")
        elif isinstance(item, Annex):
            writer.paragraph(item.text, "Heading 1").paragraph_format.page_break_before = True
        elif isinstance(item, Paragraph):
            number += 1
            paragraph = writer.paragraph(f"{number}.\t{item.text}", "Normal")
            if item.text.rstrip().endswith(":"):  # it introduces the list or table below: not alone at a page's foot
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(item, Bullets):
            for entry in item.items:
                writer.paragraph(entry, "List Bullet")
        else:
            writer.table(item)
    stamp = dt.datetime(dated.year, dated.month, dated.day)
    properties = word.core_properties
    properties.title, properties.author, properties.created, properties.modified = document.title, "ccm-ica", stamp, stamp
    properties.subject = properties.comments = document.note
    tag = WORD_LANGUAGES.get(document.language, document.language)
    set_language(word, tag)
    properties.last_modified_by, properties.revision, properties.language = "ccm-ica", 1, tag
    clean_package(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue(), stamp)


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
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
