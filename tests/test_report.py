"""The 8MSP progress report: indicators with known answers, the Word file, the page, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys

import docx
import pytest

from ccm_ica.models.meeting import MeetingKind
from ccm_ica.content import load_site
from ccm_ica.facts import compute_facts
from ccm_ica.report.build import build_report
from ccm_ica.report.document import to_markdown
from ccm_ica.report.word import to_docx
from sitebuild import page
from sitefixture import PROJECT, write_site


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return load_site(write_site(tmp_path_factory.mktemp("report")))


def figures(indicators, measure):
    return {f.year: f.computed for f in indicators.per_year[measure]}


def test_indicators_of_the_fixture(fixture_site):
    facts = compute_facts(fixture_site, dt.date(2018, 6, 30))
    indicators, results = facts.indicators, facts.results
    assert [e.id for e in indicators.meetings[MeetingKind.affected_only]] == ["2017-11-24-affected"]
    assert indicators.meetings[MeetingKind.joint] == []
    assert figures(indicators, "states-requesting") == {2017: 1}
    assert figures(indicators, "states-providing") == {2018: 1}
    assert figures(indicators, "states-receiving") == {2018: 1}
    assert indicators.requests_with_response == 1
    assert [(r.entry.record.order, r.status) for r in results] == [(1, "achieved")]


def test_as_of_changes_the_indicators(fixture_site):
    facts = compute_facts(fixture_site, dt.date(2017, 11, 1))
    before, results = facts.indicators, facts.results
    assert before.meetings[MeetingKind.affected_only] == []
    assert figures(before, "states-requesting") == {2017: 1}  # a request dated by its year counts from 1 January
    assert results[0].status == "not reported"  # no record shows it held: not "not started"
    mid = compute_facts(fixture_site, dt.date(2018, 4, 30)).indicators
    assert mid.requests_with_response == 0  # Norway's response is dated May 2018


def test_reported_figure_beside_the_computed_one_and_flagged(tmp_path):
    meeting = """
        title: "Donor meeting"
        kind: donor-only
        date: "2017-12-20"
        city: Vienna
        figures:
          - measure: states-requesting
            label: "States requesting assistance"
            year: 2017
            value: 13
            by: ISU
        sources: [summary]
    """
    site = load_site(write_site(tmp_path, {"content/meetings/2017-12-20-donors.yml": meeting}))
    facts = compute_facts(site)
    document, indicators = build_report(facts, dt.date(2018, 6, 30)), facts.indicators
    [figure] = indicators.per_year["states-requesting"]
    assert (figure.year, figure.computed, figure.reported, figure.differs) == (2017, 1, 13, True)
    assert "States Parties requesting assistance in 2017: the records give 1, the ISU reported 13." in to_markdown(document)


@pytest.fixture(scope="module")
def real_report():
    site = load_site(PROJECT)
    document = build_report(compute_facts(site, site.config.report.as_of), dt.date(2026, 12, 1))
    return site, document, docx.Document(io.BytesIO(to_docx(document, dt.date(2026, 12, 1))))


def test_word_file_has_headings_tables_and_the_isu_figures(real_report):
    _, _, word = real_report
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for expected in ["I. Introduction", "II. Activities undertaken", "III. Expected outputs by the 8MSP",
                     "IV. What the informal meetings found", "V. States that requested assistance and what came of it",
                     "VI. Country Coalitions", "VII. Challenges and recommendations",
                     "Annex I. Indicators by year: computed and reported"]:
        assert expected in headings
    assert len(word.tables) >= 5
    annex = next(t for t in word.tables if t.rows[0].cells[0].text == "Indicator")
    rows = {(r.cells[0].text, r.cells[1].text): r.cells[3].text for r in annex.rows[1:]}
    assert rows[("States Parties requesting assistance", "2015")] == "10"
    assert rows[("States Parties requesting assistance", "2016")] == "13"
    assert rows[("States providing assistance", "2015")] == "14"
    assert rows[("States providing assistance", "2016")] == "19"
    assert rows[("States receiving assistance", "2015")] == "4"
    assert rows[("States receiving assistance", "2016")] == "10"


def test_word_file_keeps_any_text_as_text_in_the_styles_word_uses():
    from ccm_ica.report.document import Bullets, Document, Heading, Paragraph, Table

    awkward = " <b>&amp;</b> \"quoted\"\tafter a tab\nnext line\x01 "
    document = Document("Title <x>", ("Line & one",))
    document.add(Heading("I. Heading & more"), Paragraph(awkward), Bullets(("first <li>", "second")),
                 Table("Caption <i>", ("A & B", "C"), (("1 < 2", ""), ("x", "y"))))
    data = to_docx(document, dt.date(2018, 6, 30))
    assert data == to_docx(document, dt.date(2018, 6, 30))  # byte-identical
    word = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[:3] == [("Title", "Title <x>"), ("Normal", "Line & one"), ("Heading 1", "I. Heading & more")]
    # python-docx reads Word's tab and line break back as \t and \n; the control character is dropped.
    assert paragraphs[3] == ("Normal", "1.\t <b>&amp;</b> \"quoted\"\tafter a tab\nnext line ")
    assert paragraphs[4:6] == [("List Bullet", "first <li>"), ("List Bullet", "second")]
    assert (word.paragraphs[6].style.name, word.paragraphs[6].text) == ("Caption", "Caption <i>")
    table = word.tables[0]
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [["A & B", "C"], ["1 < 2", "—"], ["x", "y"]]
    # The reference document's cell styles: the header bold, every cell 9 pt.
    header, cell = table.rows[0].cells[0].paragraphs[0], table.rows[1].cells[0].paragraphs[0]
    assert (header.style.name, header.style.font.bold, cell.style.name, cell.style.font.size.pt) == (
        "Table Heading", True, "Table Text", 9)


def test_every_expected_output_has_a_status_in_the_word_file(real_report):
    site, _, word = real_report
    text = "\n".join(p.text for p in word.paragraphs)
    for output in site.records("outputs"):
        match = re.search(rf"Expected output {output.order}: .*? Status: (achieved|not achieved yet|not reported|not measurable)\.", text)
        assert match, output.order


def test_paragraphs_are_numbered_like_un_documents(real_report):
    _, _, word = real_report
    numbers = [int(p.text.split(".")[0]) for p in word.paragraphs if re.match(r"^\d+\.\t", p.text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 10


def test_report_page_matches_the_word_file(real_report, whole_site):
    _, _, word = real_report
    site_dir = whole_site  # the session's one build of the real site (conftest.py)
    html = page(site_dir, "report")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#39;", "'").replace("&amp;", "&")
    for paragraph in word.paragraphs:
        if re.match(r"^\d+\.\t", paragraph.text):
            number, body = paragraph.text.split("\t", 1)
            assert f"{number} {' '.join(body.split())}" in text
    assert 'href="ccm-ica-8msp-progress-report.docx"' in html
    assert (site_dir / "report" / "ccm-ica-8msp-progress-report.docx").read_bytes()[:2] == b"PK"


def test_cli_writes_docx_and_as_of_changes_the_meetings_indicator(tmp_path):
    def run(*extra):
        out = tmp_path / f"r{len(extra)}.docx"
        result = subprocess.run([sys.executable, "-m", "ccm_ica", "--root", str(PROJECT), "report",
                                 "--format", "docx", "-o", str(out), *extra], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)

    now, before = run(), run("--as-of", "2017-11-23")
    assert "Expected output 1: " in now and "Status: achieved. Figures: 1 held by 30 June 2018" in now
    assert "Status: not reported. Figures: none recorded by 23 November 2017" in before


def test_cli_markdown_format(tmp_path):
    out = tmp_path / "r.md"
    result = subprocess.run([sys.executable, "-m", "ccm_ica", "--root", str(PROJECT), "report", "--format", "md",
                             "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Progress report on international cooperation")


@pytest.mark.parametrize(("language", "heading", "download"), [
    ("fr", "II. Activités menées", "Télécharger ce rapport en document Word"),
    ("es", "II. Actividades realizadas", "Descargar este informe como documento Word"),
])
def test_the_report_page_and_its_word_file_in_each_language(whole_site, language, heading, download):
    html = page(whole_site, f"{language}/report")
    body = html.split("<article", 1)[1]
    assert f'<html lang="{language}"' in html and 'lang="en"' not in body.split('id="sources"', 1)[0]
    assert heading in body and download in body and "Activities undertaken" not in body
    word_file = f"ccm-ica-8msp-progress-report-{language}.docx"
    assert word_file in body  # one copy at the site's root, whichever language's page links to it
    word = docx.Document(str(whole_site / "report" / word_file))
    assert word.core_properties.language == f"{language}-{'FR' if language == 'fr' else 'ES'}"
    assert any(heading in p.text for p in word.paragraphs)
