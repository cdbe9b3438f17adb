"""A failed build in any language leaves the last good site byte for byte, and nothing beside it.

A good three-language site is built once; each test copies it, breaks one input (content, a
catalog, a template, a page that warns under --strict, an exception in MkDocs), builds again
with `ccm-ica build`, and looks at the site, the folder around it and the message.
"""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import pytest
from sitebuild import every_file, prepare
from sitefixture import FILES, write_site

from ccm_ica import cli
from ccm_ica.emit import languages

CONFIG = FILES["site_config.yml"].rstrip() + "\n        languages: [en, fr, es]\n"
FRENCH = "locale/fr/LC_MESSAGES/messages.po"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose templates and catalogs are its own copies, with its site built in every language."""
    root = tmp_path_factory.mktemp("good") / "project"
    prepare(write_site(root, {"site_config.yml": CONFIG, "templates/.keep": "", "locale/.keep": ""}))
    assert cli.main(["--root", str(root), "build"]) == 0
    assert (root / "site" / "fr" / "countries" / "mne" / "index.html").is_file()
    return root


@pytest.fixture
def project(good: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(good, copy, symlinks=True)
    return copy


def build_again(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Build over the good site, which must come out unchanged; returns what was printed."""
    before = every_file(project / "site")
    assert cli.main(["--root", str(project), "build"]) == 1
    assert every_file(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [], "something was left beside the site"
    printed = capsys.readouterr()
    return printed.out + printed.err


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_broken_french_catalog_entry_names_its_file_and_line(project, capsys):
    po = project / FRENCH
    replace(po, 'msgstr "Article %(article)s"', 'msgstr "Article %(missing)s"')
    said = build_again(project, capsys)
    line = line_of(po, 'msgid "Article %(article)s"')
    assert f"{FRENCH}:{line}:1:" in said
    assert "'Article %(article)s'" in said and "placeholders" in said
    assert "is unchanged" in said


def test_a_missing_catalog_is_an_error_not_english(project, capsys):
    (project / FRENCH).unlink()
    said = build_again(project, capsys)
    # The check finds it first, at the language's line in site_config.yml.
    assert f"languages[1]: the language 'fr' has no catalog ({FRENCH})" in said
    assert "site_config.yml:" in said and "nothing was built" in said
    assert "make messages" in said


def test_bad_content_stops_the_build_before_anything_is_built(project, capsys):
    replace(project / "content/countries/mne.yml", 'deadline: "2020-08-01"', 'deadline: "2020-13-01"')
    said = build_again(project, capsys)
    assert "content/countries/mne.yml:" in said and "nothing was built" in said
    assert gc.isenabled()  # paused while the content is read, on again after it fails


def test_a_template_error_in_french_only_leaves_english_and_spanish_as_they_were(project, capsys):
    """The English pages are built first, into the staging folder: the site is not touched."""
    template = project / "templates" / "country.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text + '{% if language == "fr" %}{{ no_such_name }}{% endif %}\n', encoding="utf-8")
    said = build_again(project, capsys)
    assert f"templates/country.md.j2:{len(text.splitlines()) + 1}:1: rendering countries/" in said
    assert "in 'fr' failed" in said and "no_such_name" in said
    assert "the French (fr) build failed" in said
    assert gc.isenabled()  # paused while the pages are rendered, on again after one fails


def test_a_template_syntax_error_names_its_line(project, capsys):
    replace(project / "templates" / "meetings.md.j2", "{% for", "{% fro")
    said = build_again(project, capsys)
    assert "templates/meetings.md.j2:" in said and "TemplateSyntaxError" in said
    assert "the English (en) build failed" in said


def test_a_strict_mode_warning_in_spanish_fails_the_whole_site(project, capsys):
    """A translation that links to a page that does not exist: MkDocs warns, --strict fails."""
    replace(project / "locale/es/LC_MESSAGES/messages.po", 'msgid "Countries"\nmsgstr "', 'msgid "Countries"\nmsgstr "[x](nowhere.md) ')
    said = build_again(project, capsys)
    assert "nowhere.md" in said
    assert "the Spanish (es) build failed: Aborted with" in said


def test_an_exception_in_the_last_language_leaves_the_site_as_it_was(project, capsys, monkeypatch):
    built = []

    def failing(config):
        built.append(config.theme["language"])
        if len(built) == 3:
            raise RuntimeError("the disk is full")
        return real(config)

    real = languages.build
    monkeypatch.setattr(languages, "build", failing)
    said = build_again(project, capsys)
    assert built == ["en", "fr", "es"]
    assert "the Spanish (es) build failed: the disk is full" in said
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # a failed build too leaves every object to the collector


def test_a_good_build_replaces_the_site_at_once_and_keeps_its_hidden_entries(project, capsys):
    replace(project / "content/countries/mne.yml", "name: Montenegro", "name: Montenegro (renamed)")
    (project / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    (project / "site" / ".git").mkdir()  # a deployment checkout, as MkDocs' own builds keep it
    (project / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    assert cli.main(["--root", str(project), "build"]) == 0
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert "Montenegro (renamed)" in (project / "site" / "countries" / "mne" / "index.html").read_text(encoding="utf-8")
    for prefix in ("fr/", "es/"):
        assert (project / "site" / prefix / "countries" / "mne" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_only_the_emit_step_imports_mkdocs():
    """The core (content → facts → files/report → pages) can feed another engine: MkDocs is
    imported under generator/emit/ only."""
    generator = Path(__file__).resolve().parent.parent / "generator"
    importing = sorted(path.relative_to(generator).as_posix() for path in generator.rglob("*.py")
                       if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M))
    assert importing and all(path.startswith("emit/") for path in importing), importing
