"""Quotes: each record gives its sources' own words, checked against the seed documents, shown
beside each source's link, and published in the data files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from ccm_ica.content import check
from sitebuild import build_html, page, prepare
from sitefixture import PROJECT, write_site
from test_site import text_of

SEED = "000_a74451656e3f2968.txt"  # the concept note
SEEDED = f'title: "The concept note"\nkind: concept-note\ndate: "2017"\nseed: {SEED}\n'
NOR = "content/countries/nor.yml"
# Words of the concept note, as its text has them: a typographic apostrophe, on one line.
IN_THE_SEED = "Lao People’s Democratic Republic, Lebanon, Montenegro, Niger, and Peru"


def norway(quotes: str, sources: str = "[note]") -> str:
    """content/countries/nor.yml citing `sources`, its quotes (YAML) from line 4."""
    return f'name: Norway\nlast_reviewed: "2018-01-15"\nsources: {sources}\n{quotes}'


def with_seed(tmp_path, quotes):
    """The fixture site with the source `concept` (the seed document 000, copied into seeds/),
    which Norway cites and quotes."""
    root = write_site(tmp_path, {"content/sources/concept.yml": SEEDED, NOR: norway(quotes, "[concept]")})
    (root / "seeds").mkdir()
    shutil.copy(PROJECT / "seeds" / SEED, root / "seeds" / SEED)
    return root


def texts(problems) -> list[str]:
    return [p.text() for p in problems]


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ccm_ica", *args], cwd=cwd, capture_output=True, text=True)


# --- the check ----------------------------------------------------------------------------------


def test_a_quote_found_in_the_seed_passes_whatever_its_spacing_marks_and_case(tmp_path):
    # Straight apostrophe for the seed's ’, a line break, lower case: the same words.
    quotes = 'quotes:\n  concept:\n    - "lao people\'s democratic\n      republic, lebanon, montenegro, niger, and peru"\n'
    _site, problems = check(with_seed(tmp_path, quotes))
    assert texts(problems) == []


def test_one_altered_word_is_an_error_naming_the_seed(tmp_path):
    altered = IN_THE_SEED.replace("Niger", "Nigeria")
    _site, problems = check(with_seed(tmp_path, f'quotes:\n  concept:\n    - "{altered}"\n'))
    assert texts(problems) == [
        f'{NOR}:6:7: quotes.concept[0]: "{altered}" is not in the seed document seeds/{SEED} '
        "(copy the words exactly as the document has them (spacing, quote marks, dashes and capitals may differ))"]


def test_the_shipped_seed_holds_the_words_of_the_concept_note(tmp_path):
    _site, problems = check(with_seed(tmp_path, f'quotes:\n  concept: ["{IN_THE_SEED}"]\n'))
    assert texts(problems) == []


def test_a_seed_file_that_is_not_in_seeds_is_an_error(tmp_path):
    root = write_site(tmp_path, {"content/sources/concept.yml": SEEDED, NOR: norway('quotes: {concept: [x]}\n', "[concept]")})
    _site, problems = check(root)
    assert texts(problems) == [
        f"content/sources/concept.yml:4:7: seed: there is no file seeds/{SEED} "
        "(use the name of a file in seeds/, or remove `seed:` if the document is not one of them)"]


def test_a_quote_of_a_source_the_record_does_not_cite_is_an_error_at_its_key(tmp_path):
    quotes = 'quotes:\n  note: ["Norway"]\n  summary: ["a donor state"]\n'
    _site, problems = check(write_site(tmp_path, {NOR: norway(quotes)}))
    assert texts(problems) == [
        f"{NOR}:6:3: quotes.summary: the record quotes 'summary' but does not cite it "
        "(add summary to the sources of the facts it states, or remove the quote)"]


def test_a_source_cited_inside_a_fact_may_be_quoted(tmp_path):
    record = ('name: Norway\ntreaty:\n  status: state-party\n  sources: [summary]\nlast_reviewed: "2018-01-15"\n'
              'sources: [note]\nquotes:\n  note: ["Norway"]\n  summary: ["a State Party"]\n')
    _site, problems = check(write_site(tmp_path, {NOR: record}))
    assert texts(problems) == []


def test_a_quote_key_that_is_no_source_is_a_dangling_reference(tmp_path):
    _site, problems = check(write_site(tmp_path, {NOR: norway('quotes:\n  note: ["Norway"]\n  notes: ["x"]\n')}))
    assert texts(problems) == [
        f"{NOR}:6:3: quotes.notes: there is no source 'notes' "
        "(did you mean 'note'? use the name of a file in content/sources/ without '.yml', or add that file)"]


def test_a_quote_over_25_words_is_an_error(tmp_path):
    long = " ".join(["word"] * 26)
    _site, problems = check(write_site(tmp_path, {NOR: norway(f'quotes:\n  note:\n    - "Norway"\n    - "{long}"\n')}))
    assert texts(problems) == [
        f"{NOR}:7:7: quotes.note[1]: the quote has 26 words, more than 25 "
        "(quote the shortest words that state the fact; several quotes are allowed)"]


def test_a_source_cited_with_no_quote_is_a_warning_at_its_citation(tmp_path):
    site, problems = check(write_site(tmp_path, {NOR: norway('quotes:\n  note: ["Norway"]\n', "[note, summary]")}))
    assert site is not None  # a warning: the site still builds
    assert texts(problems) == [
        f"{NOR}:3:17: warning: cites summary with no quote "
        "(add under quotes: summary the document's words that state this record's facts)"]


def test_a_web_page_with_no_address_is_a_warning(tmp_path):
    source = 'title: "A page"\nkind: web-page\n'
    site, problems = check(write_site(tmp_path, {"content/sources/summary.yml": source}))
    assert site is not None
    assert texts(problems) == [
        "content/sources/summary.yml:2:7: warning: a web page with no address "
        "(add `url:` with the page's address (http or https), so a reader can open it and find the words)"]


def test_every_problem_is_reported_at_once_and_warnings_do_not_fail_the_check(tmp_path):
    root = write_site(tmp_path, {NOR: norway('quotes:\n  summary: ["x"]\n', "[note]")})
    errors = run("check", cwd=root)
    assert errors.returncode == 1
    lines = errors.stdout.splitlines()
    assert lines[-1] == "1 error(s), 1 warning(s)."
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [f"{NOR}:3:11", f"{NOR}:5:3"]

    (root / NOR).write_text(norway("", "[note]"), encoding="utf-8")
    warned = run("check", cwd=root)
    assert warned.returncode == 0, warned.stdout
    assert warned.stdout.splitlines() == [
        f"{NOR}:3:11: warning: cites note with no quote "
        "(add under quotes: note the document's words that state this record's facts)",
        "0 error(s), 1 warning(s)."]


# --- the pages ----------------------------------------------------------------------------------


QUOTED = 'quotes:\n  summary:\n    - "Norway & partners <b>funded</b> it"\n    - "<script>alert(1)</script> [x](javascript:alert(2))"\n'


@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("quoted"), {NOR: norway(QUOTED, "[summary]")})
    return build_html(prepare(root))


def test_a_profile_shows_each_quote_beside_its_source_in_quotation_marks(fixture_build):
    html = page(fixture_build, "countries/mne")
    assert "A concept note : “Montenegro completed its clearance obligations on 21 July 2020”" in text_of(html)
    assert '<span class="ccm-quote">“Montenegro completed its clearance obligations on 21 July 2020”</span>' in html


def test_quotes_show_on_the_pages_of_every_kind_that_cites_sources(fixture_build):
    for url, words in [("meetings/2017-11-24-affected", "an informal meeting with affected States on 24 November 2017"),
                       ("requests", "Norway provided funding"),
                       ("requests", "Norway funded survey and clearance in Montenegro in 2018"),
                       ("coalitions", "a coalition of Montenegro and Norway for clearance"),
                       ("action-plan", "a first informal meeting on 24 November 2017"),
                       ("action-plan", "One informal meeting with affected States Parties")]:
        assert f"“{words}”" in text_of(page(fixture_build, url)), (url, words)


def test_quotes_are_shown_as_text_never_as_html_or_links(quoted_site):
    html = page(quoted_site, "countries/nor")
    assert "“Norway &amp; partners &lt;b&gt;funded&lt;/b&gt; it”" in html
    assert "“&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))”" in html
    assert "<script>alert" not in html and "javascript:alert(2)\"" not in html and "<b>funded" not in html


# --- the data files, the field reference, the scaffold ------------------------------------------


def test_data_files_publish_the_quotes(quoted_site):
    countries = {r["id"]: r for r in json.loads((quoted_site / "data/countries.json").read_text(encoding="utf-8"))}
    assert countries["nor"]["quotes"] == {"summary": ["Norway & partners <b>funded</b> it",
                                                      "<script>alert(1)</script> [x](javascript:alert(2))"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((quoted_site / "data/countries.csv").read_text(encoding="utf-8")))}
    assert rows["nor"]["quotes"] == 'summary: "Norway & partners <b>funded</b> it"; "<script>alert(1)</script> [x](javascript:alert(2))"'
    assert rows["mne"]["quotes"] == 'note: "Montenegro completed its clearance obligations on 21 July 2020"'


def test_a_quote_that_looks_like_a_formula_never_starts_a_csv_cell(tmp_path):
    from ccm_ica.files.data import quotes_cell

    cell = quotes_cell({"note": ["=HYPERLINK(\"http://x\")"], "a-source": ["+1", "@SUM(A1)"]})
    assert cell == 'a-source: "+1"; "@SUM(A1)" | note: "=HYPERLINK("http://x")"'
    assert cell[0] not in "=+-@"


def test_the_field_reference_explains_quotes():
    from ccm_ica.pages.field_reference import file_reference

    for slug in ("countries", "meetings", "requests", "assistance", "coalitions", "headings", "activities", "outputs"):
        [row] = [row for row in file_reference(slug).sections[0].rows if row.path == "quotes"]
        assert row.type == "under each source id, list of: text" and not row.required, slug
        assert "own words" in row.description
    assert not [row for row in file_reference("sources").sections[0].rows if row.path == "quotes"]


def test_a_scaffold_shows_how_to_quote_and_still_passes_once_filled(tmp_path):
    root = write_site(tmp_path)
    assert run("new", "coalition", "mne", "victim-assistance", cwd=root).returncode == 0
    path = root / "content/coalitions/mne-victim-assistance.yml"
    text = path.read_text(encoding="utf-8")
    assert "# quotes:\n#   concept-note-2017:\n" in text
    filled = (text.replace('title: "TODO"', 'title: "Montenegro: victim assistance"').replace("focus: [TODO]", "focus: [5]")
              .replace("sources: [TODO]", "sources: [note]"))
    path.write_text(filled, encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "0 error(s), 1 warning(s)."  # cites note with no quote


def test_every_kind_that_cites_sources_and_only_those_can_quote_them():
    from ccm_ica.models.fields import cites_sources
    from ccm_ica.models.kinds import KINDS

    quoting = {kind.name for kind in KINDS if "quotes" in kind.model.model_fields}
    assert quoting == {kind.name for kind in KINDS if cites_sources(kind.model)}
    assert quoting == {"countries", "meetings", "coalitions", "requests", "assistance", "headings", "activities", "outputs"}
