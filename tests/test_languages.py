"""The site in English, French and Spanish: one load, a build per language, pages that link across."""

from __future__ import annotations

import gc
import json
import posixpath
import re
from pathlib import Path

import jinja2
import pytest

import ccm_ica.content
from ccm_ica.emit.languages import build_all
from sitebuild import prepare
from sitefixture import FILES, write_site

CONFIG = FILES["site_config.yml"].rstrip() + "\n        languages: [en, fr, es]\n"
MNE = FILES["content/countries/mne.yml"].replace(
    "        last_reviewed:",
    "        notes:\n          en: Cleared with partners.\n          fr: Dépollué avec des partenaires.\n        last_reviewed:")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = prepare(write_site(tmp_path_factory.mktemp("languages"), {"site_config.yml": CONFIG,
                                                                       "content/countries/mne.yml": MNE}))
    # A hand-written page translated into French only (whatever the project's docs/ holds).
    for translation in (root / "docs/contribute").glob("step-by-step.*.md"):
        translation.unlink()
    (root / "docs/contribute/step-by-step.fr.md").write_text(
        "# Pas à pas\n\nLes champs sont décrits dans la [référence](reference/index.md).\n\n"
        "## 3. Voir l’aperçu { #3-look-at-the-preview }\n", encoding="utf-8")
    site_dir = root / "site"
    build_all(root, site_dir)
    return site_dir


def html(site_dir: Path, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.split("<article", 1)[1].split("</article>", 1)[0]).split())


def test_every_page_exists_in_each_language(built):
    english = sorted(p.relative_to(built).as_posix() for p in built.rglob("index.html")
                     if not p.relative_to(built).as_posix().startswith(("fr/", "es/")))
    for language in ("fr", "es"):
        for path in english:
            assert (built / language / path).is_file(), f"{language}/{path}"


def test_french_profile_speaks_french(built):
    page = html(built, "fr/countries/mne")
    assert '<html lang="fr"' in page
    text = article(page)
    assert "Monténégro" in text
    assert "1 août 2020" in text
    assert "Dépollué avec des partenaires." in text  # the French text the record gives


def test_spanish_profile_falls_back_to_english_and_says_so(built):
    page = html(built, "es/countries/mne")
    assert '<html lang="es"' in page
    assert "Montenegro" in article(page)
    assert '<span lang="en" class="ccm-untranslated">Cleared with partners.</span>' in page
    assert "1 de agosto de 2020" in article(page)


def _switcher(page: str) -> dict[str, str]:
    return {lang: href for href, lang in
            re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link">', page)}


@pytest.mark.parametrize("path", ["countries/mne", "fr/countries/mne", "es/meetings/2017-11-24-affected", "fr/deadlines"])
def test_the_language_switcher_leads_to_the_same_page(built, path):
    page = html(built, path)
    links = _switcher(page)
    assert sorted(links) == ["en", "es", "fr"]
    same_page = path.split("/", 1)[1] if path.startswith(("fr/", "es/")) else path
    for language, href in links.items():
        target = posixpath.normpath(posixpath.join(path, href))
        assert target == (same_page if language == "en" else f"{language}/{same_page}")
        assert (built / target / "index.html").is_file()


def test_without_a_site_address_no_page_names_alternates_for_materials_script(built):
    """Material's script looks each <link rel="alternate"> up in a sitemap, which lists pages only
    when site_url is set; without it a click on the switcher would lead to the other home page."""
    for path in ("index.html", "fr/countries/mne/index.html", "es/deadlines/index.html"):
        assert 'rel="alternate"' not in (built / path).read_text(encoding="utf-8")


def test_with_a_site_address_the_sitemaps_name_each_page_in_every_language(tmp_path):
    """hreflang in the sitemaps, not in the pages: Material's script fetches sitemap.xml beside
    every <link rel="alternate"> of a page, on every load, from the published host."""
    config = (prepare(write_site(tmp_path, {"site_config.yml": CONFIG})) / "mkdocs.yml")
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: https://example.org/ccm/\n", encoding="utf-8")
    build_all(tmp_path, tmp_path / "site")
    page = (tmp_path / "site" / "fr" / "countries" / "mne" / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate"' not in page
    sitemap = (tmp_path / "site" / "fr" / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split("<loc>https://example.org/ccm/fr/countries/mne/</loc>", 1)[1].split("</url>", 1)[0]
    alternates = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"/>', entry))
    assert alternates == {"en": "https://example.org/ccm/countries/mne/", "fr": "https://example.org/ccm/fr/countries/mne/",
                          "es": "https://example.org/ccm/es/countries/mne/"}


def test_each_language_searches_its_own_pages(built):
    for language, prefix in (("en", ""), ("fr", "fr/"), ("es", "es/")):
        index = json.loads((built / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language]
        assert all(not doc["location"].startswith(("fr/", "es/")) for doc in index["docs"])


def test_content_is_loaded_once_and_the_theme_compiled_once_for_all_languages(tmp_path, monkeypatch):
    calls, compiled = [], []
    original, compile_template = ccm_ica.content.load_records, jinja2.Environment.compile

    def counted(root):
        calls.append(root)
        return original(root)

    def compile_counted(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(ccm_ica.content, "load_records", counted)
    monkeypatch.setattr(jinja2.Environment, "compile", compile_counted)
    root = prepare(write_site(tmp_path / "project", {"site_config.yml": CONFIG}))
    timings = build_all(root, root / "site")
    assert len(calls) == 1
    assert set(timings) == {"prepare", "en", "fr", "es", "prune"}
    assert compiled.count("main.html") == 1, compiled  # Material's page frame, for every language
    assert (root / "site" / "fr" / "index.html").is_file()
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # nothing stays out of the collector's reach after a build


def test_a_hand_written_page_shows_its_translation_at_the_same_address(built):
    french = html(built, "fr/contribute/step-by-step")
    assert "Pas à pas" in article(french) and "Step by step" not in article(french)
    assert 'lang="en"' not in french.split("<article", 1)[1]
    assert 'href="../reference/"' in french  # the link to the English file's page, in the French site
    assert "edit/main/docs/contribute/step-by-step.fr.md" in french  # "edit this page" opens the translation
    english = article(html(built, "contribute/step-by-step"))
    assert "Pas à pas" not in english and "Step by step" in english
    assert not list(built.rglob("step-by-step.fr*")), "a translation is never a page of its own"


def test_a_hand_written_page_without_translation_is_marked_english(built):
    spanish = html(built, "es/contribute/step-by-step")
    body = spanish.split("<article", 1)[1]
    assert "Traducción" in body and '<div lang="en">' in body
    assert "Step by step" in article(spanish)


def test_quotes_and_source_titles_stay_in_their_language_marked_so(built):
    french = html(built, "fr/countries/lao")
    sources = french.split('id="sources"', 1)[1]
    assert ('<span class="ccm-quote">«\u202f<span lang="en">Lao PDR\'s clearance deadline was extended to 1 August 2025'
            '</span>\u202f»</span>') in sources
    assert '<span lang="en">A concept note</span>' in sources
    english = html(built, "countries/lao").split('id="sources"', 1)[1]
    assert 'lang="en"' not in english and "“Lao PDR's clearance deadline was extended" in english
