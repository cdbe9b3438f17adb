"""The 8MSP report as a document of the Meeting: the Word file reopened with python-docx, and its
PDF (LibreOffice) read page by page, all made by `ccm-ica report` as a user runs it."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from sitefixture import PROJECT
from test_vocabulary import grammar_problems

from ccm_ica.report.document import Document, Heading, Paragraph, Table
from ccm_ica.report.reference import make_reference
from ccm_ica.report.word import REFERENCE, to_docx

NO_PDF = "LibreOffice (soffice) or poppler (pdftotext, pdfinfo) is not installed: the PDF is not checked"
needs_pdf = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
                               reason=NO_PDF)


def report(out: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "ccm_ica", "--root", str(PROJECT), "report", "-o", str(out), *extra],
                          capture_output=True, text=True, check=False)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report-word")
    report(folder / "report.docx")
    report(folder / "report.md", "--format", "md")
    return folder


@pytest.fixture(scope="module")
def word(made):
    return docx.Document(str(made / "report.docx"))


def all_text(word) -> str:
    texts = [p.text for p in word.paragraphs]
    texts += [" | ".join(cell.text for cell in row.cells) + " |" for table in word.tables for row in table.rows]
    return " ".join(" ".join(texts).split())


def test_the_shipped_reference_document_is_the_one_reference_py_makes():
    assert REFERENCE.read_bytes() == make_reference(), "run `python -m ccm_ica.report.reference` and commit the result"


def test_a4_with_the_margins_and_language_of_a_un_document(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [25] * 4
    language = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB" and word.core_properties.language == "en-GB"
    normal = word.styles["Normal"]
    assert (normal.font.name, normal.font.size, normal.paragraph_format.line_spacing) == ("Times New Roman", Pt(10), Pt(12))
    assert all(word.styles[name].paragraph_format.keep_with_next for name in ("Heading 1", "Heading 2", "Caption"))


def test_title_block_of_a_ccm_meeting_document_as_a_draft(word):
    head = [p.text for p in word.paragraphs[:9]]
    assert head[0] == "Convention on Cluster Munitions\tDraft"  # no source gives the report a symbol
    assert "\tOriginal: English" in head
    assert "Eighth Meeting of States Parties" in head
    assert any(re.fullmatch(r"Geneva, 3\W+5 September 2018", line) for line in head)
    assert not any("agenda" in line.lower() for line in head)  # no source gives the item's number
    prepared = next(line for line in head if line.startswith("Draft prepared for"))
    assert "the Coordinators on International Cooperation and Assistance (Australia and Peru)" in prepared
    assert "Submitted by" not in all_text(word)


def test_running_header_and_a_page_number_in_the_footer(word):
    section = word.sections[0]
    assert section.header.paragraphs[0].text == "Progress report on international cooperation and assistance (draft)"
    assert section.different_first_page_header_footer  # page 1 has the title block instead
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    for footer in (section.footer, section.first_page_footer):
        assert [t.text.strip() for t in footer._element.iter(qn("w:instrText"))] == ["PAGE"]


def test_every_table_repeats_its_header_row_and_keeps_rows_whole(word):
    assert len(word.tables) == 7
    for table in word.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_columns_sized_to_their_content(word):
    widths = [{c.text: col.width for c, col in zip(table.rows[0].cells, table.columns)} for table in word.tables]
    activities = next(w for w in widths if "Evidence" in w)
    requests = next(w for w in widths if "Responses" in w)
    assert activities["Evidence"] > activities["Activity"] > activities["Planned"] > activities["Status"]
    assert requests["Responses"] > 2 * requests["State"] > 2 * requests["Year"]


def test_annexes_start_on_a_new_page(word):
    annexes = [p for p in word.paragraphs if p.text.startswith("Annex ")]
    assert len(annexes) == 2 and all(p.paragraph_format.page_break_before for p in annexes)


def test_no_code_of_the_models_and_no_generator_wording(word):
    text = all_text(word)
    assert not grammar_problems("Word report", text)
    for wording in ("Counted from", "not-reported", "(participants (", "1 States Parties", "1 activities"):
        assert wording not in text


def test_the_page_and_the_word_file_hold_the_same_numbered_paragraphs(made, word):
    markdown = (made / "report.md").read_text(encoding="utf-8")
    on_page = [(int(n), re.sub(r"\\(.)", r"\1", text)) for n, text in re.findall(r"^(\d+)\\\. (.*)$", markdown, re.MULTILINE)]
    in_word = [(int(p.text.split(".\t", 1)[0]), p.text.split(".\t", 1)[1]) for p in word.paragraphs
               if re.match(r"^\d+\.\t", p.text)]
    assert on_page == in_word and len(in_word) > 10


def test_captions_are_real_captions_on_the_page(made):
    markdown = (made / "report.md").read_text(encoding="utf-8")
    assert markdown.count("<caption>") == 7 and "<caption>Table 1. Work-plan activities</caption>" in markdown


def test_another_reference_document_gives_its_styles_and_page(tmp_path):
    other = docx.Document(str(REFERENCE))
    other.styles["Normal"].font.name, other.styles["Normal"].font.size = "Arial", Pt(12)
    other.sections[0].page_width, other.sections[0].page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    other.add_paragraph("sample text, which the report replaces")
    other.save(str(tmp_path / "isu.docx"))
    report(tmp_path / "report.docx", "--reference-doc", str(tmp_path / "isu.docx"))
    word = docx.Document(str(tmp_path / "report.docx"))
    assert (word.styles["Normal"].font.name, word.styles["Normal"].font.size) == ("Arial", Pt(12))
    assert round(word.sections[0].page_width.inches, 2) == 8.5
    assert word.paragraphs[0].text.startswith("Convention on Cluster Munitions")


def test_a_reference_document_missing_or_not_word_is_a_clear_error(tmp_path):
    (tmp_path / "notes.docx").write_text("not a Word file", encoding="utf-8")
    for reference, said in ((tmp_path / "absent.docx", "does not exist"), (tmp_path / "notes.docx", "not a Word document")):
        done = report(tmp_path / "r.docx", "--reference-doc", str(reference), check=False)
        assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_pdf_without_libreoffice_is_one_clear_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "ccm_ica", "--root", str(PROJECT), "report", "--format", "pdf",
                           "-o", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": str(tmp_path)})
    assert done.returncode == 1 and not (tmp_path / "r.pdf").exists()
    assert done.stderr.strip() == ("ccm-ica: error: LibreOffice (soffice) is not installed, so no PDF can be made: "
                                   "install it (Debian: apt-get install libreoffice-writer-nogui) or write --format docx")


# --- The PDF, page by page ------------------------------------------------------------


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, without the running header (the first line, but on page 1) and
    the page number (the last)."""
    count = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                              check=True).stdout, re.MULTILINE).group(1))
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines[-1] == str(number), f"page {number} has no page number at its foot"
        pages.append(lines[1 if number > 1 else 0:-1])
    return pages


@pytest.fixture(scope="module")
def pdf(made) -> list[list[str]]:
    report(made / "report.pdf", "--format", "pdf")
    return pdf_pages(made / "report.pdf")


@needs_pdf
def test_pdf_is_a4_and_the_title_block_opens_page_1(made, pdf):
    info = subprocess.run(["pdfinfo", str(made / "report.pdf")], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert pdf[0][0].startswith("Convention on Cluster Munitions") and "Original: English" in " ".join(pdf[0][:4])


@needs_pdf
def test_no_pdf_page_ends_with_a_caption_a_heading_or_a_header_row(word, pdf):
    stranded = {" ".join(p.text.split()) for p in word.paragraphs
                if p.style.name.startswith(("Heading", "Caption")) or p.text.rstrip().endswith(":")}
    stranded |= {" ".join(" ".join(c.text for c in t.rows[0].cells).split()) for t in word.tables}
    for number, lines in enumerate(pdf, 1):
        # The page's last lines: a heading or caption may wrap onto two.
        tail = " ".join(lines[-2:])
        assert not any(lines[-1] == s or tail.endswith(s) or s.endswith(lines[-1]) and len(lines[-1]) > 12
                       for s in stranded), f"page {number} ends with {lines[-2:]}"
    # The PDF's text runs cells together ("8 (ISU) 1 States…"): only its codes are checked here.
    codes = [p for p in grammar_problems("PDF report", " ".join(" ".join(page) for page in pdf)) if ": code " in p]
    assert not codes


@needs_pdf
def test_a_long_table_repeats_its_header_row_on_every_page(tmp_path):
    from ccm_ica.report.pdf import to_pdf

    document = Document("A long table", ())
    document.add(Heading("I. Rows"), Paragraph("Many rows follow."),
                 Table("Table 1. Rows", ("Country column", "Evidence column"),
                       tuple((f"State {n}", "a line of evidence " * 6) for n in range(160)), widths=(1, 3)))
    (tmp_path / "long.pdf").write_bytes(to_pdf(to_docx(document, dt.date(2018, 6, 30))))
    pages = pdf_pages(tmp_path / "long.pdf")
    assert len(pages) > 3
    assert all(any(re.fullmatch(r"Country column\s+Evidence column", line) for line in page) for page in pages)


@pytest.mark.parametrize(("language", "tag", "title", "draft"), [
    ("fr", "fr-FR", "Rapport d’avancement sur la coopération et l’assistance internationales", "Projet"),
    ("es", "es-ES", "Informe sobre los progresos en cooperación y asistencia internacionales", "Borrador"),
])
def test_the_report_in_french_and_spanish_is_written_in_that_language(tmp_path, language, tag, title, draft):
    report(tmp_path / "report.docx", "--language", language)
    word = docx.Document(str(tmp_path / "report.docx"))
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert defaults.get(qn("w:val")) == tag and word.core_properties.language == tag
    text = all_text(word)
    assert title in text and f"\t{draft}" in word.paragraphs[0].text
    # the section headings and the records' own texts (a meeting's key points) are translated
    for english in ("Introduction\n", "Activities undertaken", "Key points raised", "Country Coalitions", "Annex II."):
        assert english.strip() not in text or english.strip() == "Introduction", english


def test_the_report_refuses_a_language_the_site_does_not_have(tmp_path):
    done = report(tmp_path / "report.docx", "--language", "de", check=False)
    assert done.returncode == 1 and "'de' is not a language of site_config.yml (en, fr, es)" in done.stderr
    assert not (tmp_path / "report.docx").exists()
