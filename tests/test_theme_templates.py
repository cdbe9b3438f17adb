"""The theme's templates compiled while a build waits for the generator (theme_templates.py)."""

from __future__ import annotations

import logging

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import theme_templates
from generator.output import Output
from sitebuild import every_file, prepare
from sitefixture import write_site

TEMPLATES = {
    "main.html": "{% extends 'base.html' %}{% block body %}{% include 'part.html' %}{% endblock %}",
    "base.html": "<body>{% block body %}{% endblock %}{% include 'lang/' ~ lang ~ '.html' %}</body>",
    "part.html": "<p>{{ text }}</p>",
    "lang/en.html": "<i>en</i>",
    "404.html": "{% extends 'base.html' %}",
}


def environment(templates=TEMPLATES) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(dict(templates)))


def compiles(env: jinja2.Environment, monkeypatch) -> list[str]:
    """The names env compiles from now on (rather than loads from its bytecode cache)."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        if self is env:
            names.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def test_templates_named_by_the_roots_are_compiled_and_loaded_not_compiled_again(monkeypatch):
    compiled = theme_templates.compile_while(lambda: True, environment(), ["main.html", "404.html"])
    assert len(compiled) == 4  # lang/en.html is named only when a page renders
    mkdocs_env = environment()
    mkdocs_env.bytecode_cache = compiled
    names = compiles(mkdocs_env, monkeypatch)
    html = mkdocs_env.get_template("main.html").render(text="hello", lang="en")
    assert html == "<body><p>hello</p><i>en</i></body>"
    assert names == ["lang/en.html"]


def test_compiling_stops_when_the_wait_is_over():
    answers = iter([True, True, False])
    compiled = theme_templates.compile_while(lambda: next(answers), environment(), ["main.html", "404.html"])
    assert len(compiled) == 2


def test_a_template_changed_since_is_compiled_again(monkeypatch):
    compiled = theme_templates.compile_while(lambda: True, environment(), ["part.html"])
    changed = environment({**TEMPLATES, "part.html": "<b>{{ text }}</b>"})
    changed.bytecode_cache = compiled
    names = compiles(changed, monkeypatch)
    assert changed.get_template("part.html").render(text="x") == "<b>x</b>"
    assert names == ["part.html"]


def test_a_broken_or_missing_template_is_left_to_mkdocs():
    broken = environment({**TEMPLATES, "part.html": "{% if %}"})
    compiled = theme_templates.compile_while(lambda: True, broken, ["main.html", "missing.html", "404.html"])
    assert len(compiled) == 3  # main, base and 404; MkDocs reports part.html when it renders it


def test_a_build_that_waited_renders_the_same_pages(tmp_path, monkeypatch, caplog):
    """The plugin's whole path, the wait made long: every template the theme names by name is
    compiled before MkDocs renders, and the site is byte for byte the one built without."""
    root = prepare(write_site(tmp_path))

    def build_to(folder):
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / folder), strict=True))
        return every_file(tmp_path / folder)

    monkeypatch.setattr(Output, "busy", lambda self, key: False)  # as from the cache: nothing compiled early
    plain = build_to("plain")
    monkeypatch.setattr(Output, "busy", lambda self, key: True)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.ccm-ica"):
        waited = build_to("waited")
    counts = [int(r.getMessage().split()[1]) for r in caplog.records if "theme templates compiled" in r.getMessage()]
    assert counts and counts[0] >= 30  # Material's main.html, base.html and partials
    assert waited == plain
