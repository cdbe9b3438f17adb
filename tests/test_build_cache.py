"""The build cache: a rebuild of unchanged input reuses the last output, and any change to the
input, however small, makes the generator run again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

import generator.pipeline
from generator import build_cache, i18n, mkdocs_plugin, render
from generator.mkdocs_plugin import build_languages
from sitebuild import build_html, every_file, page, prepare
from sitefixture import write_site

NOR = "content/countries/nor.yml"


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.setenv(build_cache.SWITCH, "on")


def no_loading(monkeypatch) -> None:
    """From here on, loading any content fails the test: what is built comes from the cache."""
    def refuse(root):
        raise AssertionError(f"the content of {root} was loaded again")
    monkeypatch.setattr(generator.pipeline, "load", refuse)


def test_a_rebuild_of_unchanged_input_comes_from_the_cache_byte_for_byte(tmp_path, monkeypatch):
    root = prepare(write_site(tmp_path / "project"))
    monkeypatch.setenv(build_cache.SWITCH, "off")
    cold = every_file(build_html(root, tmp_path / "cold"))
    assert not (root / build_cache.CACHE_DIR).exists()  # off writes nothing
    monkeypatch.setenv(build_cache.SWITCH, "on")
    assert every_file(build_html(root, tmp_path / "first")) == cold
    no_loading(monkeypatch)
    assert every_file(build_html(root, tmp_path / "again")) == cold


def test_an_edit_is_built_not_served_from_the_cache(tmp_path):
    root = prepare(write_site(tmp_path))
    build_html(root)
    nor = root / NOR
    nor.write_text(nor.read_text(encoding="utf-8") + "notes: Pledged funds for clearance in 2018.\n", encoding="utf-8")
    assert "Pledged funds for clearance in 2018." in page(build_html(root), "countries/nor")


def test_bad_content_after_a_cached_build_is_still_reported(tmp_path, caplog):
    root = prepare(write_site(tmp_path))
    build_html(root)
    (root / NOR).write_text("name: Norway\nrole: [donor]\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as failure:
        build_html(root)
    assert f"{NOR}:2:1: unknown field 'role'" in str(failure.value) + caplog.text
    assert len(list((root / build_cache.BUILDS).iterdir())) == 1  # a failed build stores nothing


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    root = prepare(write_site(tmp_path))
    built = every_file(build_html(root, tmp_path / "first"))
    for stored in (root / build_cache.BUILDS).rglob("*.pickle"):
        stored.write_bytes(stored.read_bytes()[:100])
    assert every_file(build_html(root, tmp_path / "second")) == built


def test_every_language_is_built_again_from_the_cache(tmp_path, monkeypatch):
    root = prepare(write_site(tmp_path / "project"))
    config_file = root / "site_config.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").rstrip() + "\nlanguages: [en, fr, es]\n", encoding="utf-8")
    build_languages(root, tmp_path / "first")
    first = every_file(tmp_path / "first")
    assert {"index.html", "fr/index.html", "es/index.html"} <= set(first)
    no_loading(monkeypatch)
    build_languages(root, tmp_path / "again")
    assert every_file(tmp_path / "again") == first


# --- the key ------------------------------------------------------------------------------


def _commit(root: Path, message: str) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-A"], check=True, capture_output=True)
    subprocess.run([*git, "commit", "--allow-empty", "-q", "-m", message], check=True, capture_output=True)


def test_every_input_changes_the_key(tmp_path, monkeypatch):
    root = write_site(tmp_path / "project")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _commit(root, "first")
    # The generator's own folders and the libraries, as copies the test may change.
    generator_files = tmp_path / "templates"
    generator_files.mkdir()
    (generator_files / "country.md.j2").write_text("# {{ name }}\n", encoding="utf-8")
    monkeypatch.setattr(build_cache, "GENERATOR_FOLDERS", (generator_files,))
    libraries = tmp_path / "venv" / "site-packages"
    (libraries / "pydantic-2.9.2.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(libraries))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    seen = [build_cache.fingerprint(root, None)]

    def changed(what: str, as_of: str | None = None) -> None:
        key = build_cache.fingerprint(root, as_of)
        assert key not in seen, f"the key did not change when {what}"
        seen.append(key)

    assert build_cache.fingerprint(root, None) == seen[0]  # the same input, the same key
    nor = root / NOR
    nor.write_bytes(nor.read_bytes().replace(b"2018-01-15", b"2018-01-16"))
    changed("one byte of a record changed")
    (root / "content/countries/fra.yml").write_text("name: France\n", encoding="utf-8")
    changed("a record was added")
    (root / "content/countries/fra.yml").rename(root / "content/countries/fre.yml")
    changed("a record was renamed")
    (root / "content/countries/notes.txt").write_text("a stray file\n", encoding="utf-8")
    changed("a stray file appeared (the check reports it)")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed("site_config.yml changed")
    changed("as_of was given", as_of="2019-06-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    changed("SOURCE_DATE_EPOCH changed")
    _commit(root, "second")
    changed("a commit was made (the last-changed dates)")
    (generator_files / "country.md.j2").write_text("# {{ name }}!\n", encoding="utf-8")
    changed("a template changed")
    (libraries / "pydantic-2.9.2.dist-info").rename(libraries / "pydantic-2.10.0.dist-info")
    changed("a library was upgraded")


def test_the_key_covers_the_folders_the_generator_reads():
    assert render.TEMPLATES in build_cache.GENERATOR_FOLDERS
    assert i18n.LOCALE_DIR in build_cache.GENERATOR_FOLDERS
    assert Path(generator.pipeline.__file__).parent in build_cache.GENERATOR_FOLDERS
    assert mkdocs_plugin.DEFAULT_LANGUAGE == i18n.DEFAULT


def test_only_the_latest_inputs_are_kept(tmp_path):
    rendered = build_cache.Rendered({"a.md": (None, "# A\n")}, {})
    for number in range(build_cache.KEEP + 2):
        build_cache.store(tmp_path, f"key{number}", "en", rendered, ("en",))
        entry = tmp_path / build_cache.BUILDS / f"key{number}"
        os.utime(entry, (1_000_000 + number, 1_000_000 + number))  # used in this order, a second apart
    kept = sorted(p.name for p in (tmp_path / build_cache.BUILDS).iterdir())
    assert len(kept) == build_cache.KEEP
    assert build_cache.load(tmp_path, kept[-1], "en") == rendered
    assert build_cache.load(tmp_path, "key0", "en") is None


@pytest.fixture
def fresh_templates(tmp_path, monkeypatch):
    """A Jinja environment made anew, its compiled templates kept under tmp_path."""
    monkeypatch.setattr(build_cache, "PROJECT", tmp_path / "generator")
    render._shared_environment.cache_clear()
    yield tmp_path / "generator" / build_cache.TEMPLATES_CACHE
    render._shared_environment.cache_clear()


def test_compiled_templates_are_kept_and_make_the_same_pages(tmp_path, monkeypatch, fresh_templates):
    root = prepare(write_site(tmp_path / "project"))
    first = every_file(build_html(root, tmp_path / "first"))
    assert len(list(fresh_templates.rglob("*.cache"))) >= 5  # one per template the pages used
    shutil.rmtree(root / build_cache.BUILDS)  # the pages are rendered again, not taken whole
    render._shared_environment.cache_clear()

    def no_compiling(*args, **kwargs):
        raise AssertionError("a template was compiled again")
    monkeypatch.setattr(render._shared_environment(), "compile", no_compiling)  # ours, not MkDocs'

    assert every_file(build_html(root, tmp_path / "second")) == first
