"""How the Word report's style template, reference.docx beside this file, is made.

The report takes its styles and page setup from a reference document, as pandoc's
--reference-doc does: the ISU can swap it (`ccm-ica report --reference-doc FILE`). The one
shipped is python-docx's default template set to the look of a UN meeting document:

- A4 (210 × 297 mm); margins 25 mm on every side (text 160 mm wide), header and footer 12.5 mm
  from the edge;
- Times New Roman throughout, the body 10 pt on 12 pt lines, as UN documents are set;
- headings and the title bold and black, kept with what follows; the caption bold, kept with its
  table; the document language British English (en-GB), the language of the Convention's English
  documents;
- the styles the report writes (word.STYLES), "Title Block", "Table Text" and "Table Heading"
  added for the title block and the tables' 9 pt cells.

Regenerate it after changing this file, and commit the result:

    python -m ccm_ica.report.reference            # writes generator/report/reference.docx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from ccm_ica.report.word import REFERENCE, clean_package, fixed_zip, set_language

FONT = "Times New Roman"
LANGUAGE = "en-GB"
_MADE = dt.datetime(2026, 12, 2)  # a fixed date in the zip and properties: the file is byte-identical each time


def _plain_fonts(styles_element) -> None:
    """Every font of the styles Times New Roman, the theme's fonts removed: a theme font named in
    w:asciiTheme wins over w:ascii, so setting the name alone would not change the face."""
    from docx.oxml.ns import qn

    for fonts in styles_element.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme"):
                del fonts.attrib[attribute]
        for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(script), FONT)


def make_reference() -> bytes:
    """The shipped reference document, byte-identical each time."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(12.5)
    text_width = section.page_width - section.left_margin - section.right_margin
    styles = word.styles

    def paragraph_style(name: str, size: float, bold: bool = False, before: float = 0, after: float = 0,
                        keep_with_next: bool = False, line: float | None = None):
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
        style.font.name, style.font.size, style.font.bold, style.font.italic = FONT, Pt(size), bold, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.all_caps = False
        spacing = style.paragraph_format
        spacing.space_before, spacing.space_after, spacing.keep_with_next = Pt(before), Pt(after), keep_with_next
        spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spacing.line_spacing = Pt(line or size + 2)
        border = style.element.find(qn("w:pPr")).find(qn("w:pBdr"))  # the default Title's rule below it
        if border is not None:
            border.getparent().remove(border)
        return style

    paragraph_style("Normal", 10, after=6, line=12)
    paragraph_style("Title", 14, bold=True, before=12, after=12, keep_with_next=True, line=17)
    paragraph_style("Heading 1", 11, bold=True, before=12, after=6, keep_with_next=True)
    paragraph_style("Heading 2", 10, bold=True, before=10, after=6, keep_with_next=True, line=12)
    paragraph_style("Caption", 10, bold=True, before=6, after=4, keep_with_next=True, line=12)
    paragraph_style("List Bullet", 10, after=4, line=12)
    block = paragraph_style("Title Block", 10, line=12)
    block.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph_style("Table Text", 9, line=11)
    paragraph_style("Table Heading", 9, bold=True, line=11, keep_with_next=True)
    paragraph_style("Header", 9, line=11)
    footer = paragraph_style("Footer", 9, line=11)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    grid = styles["Table Grid"]
    grid.element.get_or_add_pPr()  # a table style's own paragraph spacing would override Table Text's
    grid_spacing = grid.element.pPr.find(qn("w:spacing"))
    if grid_spacing is not None:
        grid.element.pPr.remove(grid_spacing)
    _plain_fonts(styles.element)
    set_language(word, LANGUAGE)
    properties = word.core_properties
    properties.title, properties.author, properties.language = "ccm-ica report template", "ccm-ica", LANGUAGE
    properties.created = properties.modified = _MADE
    properties.last_modified_by, properties.revision = "ccm-ica", 1
    clean_package(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue(), _MADE)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    target = Path(arguments[0]) if arguments else REFERENCE
    target.write_bytes(make_reference())
    print(target)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
