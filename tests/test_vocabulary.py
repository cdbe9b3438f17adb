"""One vocabulary: no code slug in what readers see (pages and the Word report), plurals and
"States Parties" right, the same status word for the same deadline on /attention/ and
/deadlines/, and a glossary whose thresholds are site_config.yml's."""

from __future__ import annotations

import html
import importlib
import io
import pkgutil
import re
from enum import Enum
from pathlib import Path

import docx
import pytest

import ccm_ica.models
from ccm_ica.content import load_site
from ccm_ica.pages.render import prepare, render_site
from ccm_ica.report.page import DOCX_PATH
from sitefixture import PROJECT, write_site


def hyphenated_codes() -> set[str]:
    """Every enumeration value of the models with a hyphen ('not-reported', 'victim-assistance'):
    taken from the models themselves, so a new code is checked too."""
    codes = set()
    for module in pkgutil.iter_modules(ccm_ica.models.__path__):
        for value in vars(importlib.import_module(f"ccm_ica.models.{module.name}")).values():
            if isinstance(value, type) and issubclass(value, Enum) and value is not Enum:
                codes |= {m.value for m in value if isinstance(m.value, str) and "-" in m.value}
    return codes


CODES = hyphenated_codes()
CODE = re.compile(r"(?<![\w/.#-])(" + "|".join(sorted(map(re.escape, CODES), key=len, reverse=True)) + r")(?![\w-])")
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")  # a source's own words may say "State Parties"
ONE_STATES = re.compile(r"(?<![\d,.])1 States")


def visible_text(page: str) -> str:
    """The article's text as a reader sees it: no tags, so no href, id or class."""
    found = re.search(r"<article[^>]*>(.*)</article>", page, re.S)
    text = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", found.group(1) if found else page, flags=re.S)
    text = re.sub(r"</t[dh]>", " | ", text)  # one cell's "1" and the next row's "States…" are not one phrase
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def grammar_problems(where: str, text: str) -> list[str]:
    problems = [f"{where}: code {m.group(1)!r} in …{text[max(0, m.start() - 50):m.end() + 30]}…" for m in CODE.finditer(text)]
    unquoted = QUOTED.sub(" ", text)
    problems += [f"{where}: '1 States' in …{unquoted[max(0, m.start() - 50):m.end() + 30]}…" for m in ONE_STATES.finditer(unquoted)]
    problems += [f"{where}: 'State Parties' outside quotation marks in …{unquoted[max(0, i - 60):i + 40]}…"
                 for i in [m.start() for m in re.finditer("State Parties", unquoted)]]
    problems += [f"{where}: nested parentheses in …{text[max(0, m.start() - 40):m.end() + 10]}…"
                 for m in re.finditer(r"\([^()]*\([^()]{3,}\)\)", text)]  # "(marks accession with (a))" is fine
    return problems


def test_no_code_or_broken_grammar_on_any_public_page(whole_site: Path):
    problems = []
    for page in sorted(whole_site.rglob("*.html")):
        where = page.relative_to(whole_site).as_posix()
        # The contributors' pages and the data files' column dictionaries name the codes on purpose.
        if re.match(r"((fr|es)/)?(contribute|data)/", where):
            continue
        problems += grammar_problems(where, visible_text(page.read_text(encoding="utf-8")))
    assert not problems, "\n".join(problems[:40])


def test_the_project_notes_are_named_not_called_a_fact_sheet(whole_site: Path):
    pages = [p for p in whole_site.rglob("*.html") if "fact sheet" in visible_text(p.read_text(encoding="utf-8"))]
    assert not pages


@pytest.fixture(scope="module")
def report_time():
    """The real content as of the report's cut-off: its inputs and English pages."""
    site = load_site(PROJECT)
    inputs = prepare(site)
    return inputs, {src: markdown for src, (_, markdown) in render_site(inputs).items()}


def test_the_word_report_speaks_the_pages_words(report_time):
    inputs, _ = report_time
    document = docx.Document(io.BytesIO(inputs.files[DOCX_PATH]))
    texts = [p.text for p in document.paragraphs]
    # Each row ends with a bar: one row's last "1" and the next row's "States…" are not one phrase.
    texts += [" | ".join(cell.text for cell in row.cells) + " |" for table in document.tables for row in table.rows]
    problems = grammar_problems("Word report", " ".join(" ".join(texts).split()))
    assert not problems, "\n".join(problems[:40])
    assert "Counted from" not in " ".join(texts)


def _status_words(markdown: str) -> dict[str, str]:
    """{State: status word} from the rows of a page's tables whose first cell links to a State."""
    found = {}
    for row in re.findall(r"^\| \[([^\]]+)\]\([^)]*countries/[^)]*\) \|(.*)$", markdown, re.M):
        badge = re.search(r'ccm-status--[\w-]+">([^<:]+)', row[1])
        if badge:
            found[row[0]] = badge.group(1).strip()
    return found


def test_attention_and_deadlines_give_a_deadline_the_same_word(report_time):
    _, pages = report_time
    deadlines = _status_words(pages["deadlines/index.md"])
    section = pages["attention/index.md"].split("## Article 3 and 4 deadlines", 1)[1].split("\n## ", 1)[0]
    attention = {state: cells.split("|")[0].strip()
                 for state, cells in re.findall(r"^\| \[([^\]]+)\]\([^)]*countries/[^)]*\) \|(.*)$", section, re.M)}
    assert attention, "no deadline reminder as of the report's cut-off"
    for state, word in attention.items():
        assert deadlines[state] == word, (state, word, deadlines[state])
    assert "medium" not in pages["attention/index.md"]


def test_the_glossary_gives_the_thresholds_of_site_config(tmp_path: Path):
    root = write_site(tmp_path, {"site_config.yml": """
        title: "Test site"
        description: "A fixture."
        report:
          as_of: "2018-06-30"
          period:
            start: "2017-07-01"
            end: "2018-06-30"
        windows:
          pressing_months: 7
          deadline_warning_months: 19
    """})
    inputs = prepare(load_site(root))
    pages = {src: markdown for src, (_, markdown) in render_site(inputs).items()}
    glossary = pages["glossary/index.md"]
    assert "fewer than 7 months away" in glossary
    assert "7 months away or more, but fewer than 19" in glossary
    assert "19 months away or more" in glossary
    assert "fewer than 7 months away" in pages["deadlines/index.md"]
    french = {src: md for src, (_, md) in render_site(inputs, "fr").items()}["glossary/index.md"]
    assert "7" in french and "19" in french
