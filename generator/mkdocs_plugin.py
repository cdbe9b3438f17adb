"""Emit: the MkDocs plugin. The only module that imports MkDocs; the pipeline does not know it.

MkDocs' build order matters here: `on_pre_build` runs before MkDocs empties `site/`, so the
whole pipeline (load → validate → index → plan → render) runs there, and bad content stops the
build while the last good site is still in place; when the input is byte for byte that of a
recent build, the build cache gives that build's output instead (build_cache.py). `on_files`
then adds the rendered pages in memory (File.generated), never writing into docs/.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import build_cache
from .build_cache import Rendered
from .problems import ContentError

# The generator proper (Pydantic, Babel, Jinja templates, python-docx) is imported only when the
# cache cannot answer (GeneratedOutput below): a rebuild of unchanged input does not pay for it.
DEFAULT_LANGUAGE = "en"  # i18n.DEFAULT, without importing Babel here

log = get_plugin_logger(__name__)


class CcmIcaConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))  # project folder; default: the folder of mkdocs.yml
    as_of = c.Optional(c.Type(str))  # overrides site_config.yml's as_of (YYYY-MM-DD)


class CcmIcaPlugin(BasePlugin[CcmIcaConfig]):
    # Set by build_languages(); a plain `mkdocs build` leaves it alone and makes its own.
    rendered: Rendered | None = None
    language: str = DEFAULT_LANGUAGE

    def on_config(self, config: Any) -> Any:
        self._root = Path(self.config.root or Path(config.config_file_path).parent)
        self._output: Rendered | None = None
        return config

    def on_pre_build(self, config: Any) -> None:
        as_of_text = self.config.as_of or os.environ.get("CCM_ICA_AS_OF")
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError as error:
            raise PluginError(f"ccm-ica: as_of must be YYYY-MM-DD: {error}") from None
        # Only a bad as_of is reported as one; any other ValueError is a bug and keeps its traceback.
        try:
            self._output = self.rendered or GeneratedOutput(self._root, as_of).language(self.language)
        except ContentError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, config: Any) -> Files:
        assert self._output is not None  # on_pre_build made it
        for src, (edit, markdown) in self._output.pages.items():
            existing = files.get_file_from_path(src)
            if existing is not None:
                raise PluginError(f"ccm-ica: docs/{src} would hide the generated page {src}; rename or delete it")
            generated = File.generated(config, src, content=markdown)
            generated.edit_uri = edit
            files.append(generated)
        for path, content in self._output.files.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccm-ica: docs/{path} would hide the generated file {path}")
            files.append(File.generated(config, path, content=content))
        for file in files:
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        """Hand-written pages are edited through pull requests too: keep only harmless HTML."""
        if page.file.generated_by is not None:
            return html
        return nh3.clean(html, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)

    def on_post_build(self, config: Any) -> None:
        _switch_off_sitemap_lookup(Path(config.site_dir))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for path in (self._root / "content", build_cache.TEMPLATES, self._root / "site_config.yml"):
            server.watch(str(path))
        return server


# Material's headings, tables and admonitions need these on top of nh3's defaults.
_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title"},
    "a": {"href", "title", "class", "id"},
}


# Material's language script fetches sitemap.xml beside every <link rel="alternate"> (resolved
# against the link's href) to find the same page in the other language: it expects links to each
# language's root. Ours name this page's translation (overrides/main.html), so every page but the
# home pages asked for <page>/sitemap.xml in each language: three 404s, and a click on the
# switcher sent through a redirect. Our links need no lookup (nor could it work: without site_url
# MkDocs writes empty sitemaps). Its selector is made to match nothing, at the same length so
# the bundle's source map still lines up.
_ALTERNATES_SELECTOR = b'"link[rel=alternate]"'
_NO_ELEMENT = b'"link[data-ccm-none]"'


def _switch_off_sitemap_lookup(site_dir: Path) -> None:
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        script = bundle.read_bytes()
        if script.count(_ALTERNATES_SELECTOR) == 1:
            bundle.write_bytes(script.replace(_ALTERNATES_SELECTOR, _NO_ELEMENT))
        elif _NO_ELEMENT not in script:  # a new Material: tests/test_site_integrity.py says so
            log.info("Material's bundle has no single %s selector to switch off", _ALTERNATES_SELECTOR.decode())


class GeneratedOutput:
    """Each language's pages and files for one project and as_of date: from the build cache when
    the input is unchanged (build_cache), otherwise loaded, validated and indexed once, with the
    files (data, Word) made once, then rendered per language and stored."""

    def __init__(self, root: Path, as_of: dt.date | None):
        self.root, self.as_of = root, as_of
        self.key = build_cache.fingerprint(root, as_of) if build_cache.enabled() else None
        self._site: Any = None
        self._files: Any = None

    def languages(self) -> tuple[str, ...]:
        stored = self.key and build_cache.languages(self.root, self.key)
        return stored or tuple(self._prepared()[0].config.languages)

    def language(self, language: str) -> Rendered:
        cached = self.key and build_cache.load(self.root, self.key, language)
        if cached:
            return cached
        from .pipeline import without_cycle_collection
        from .render import render_site

        site, files = self._prepared()
        with without_cycle_collection():
            pages = render_site(site, language=language, files=files)
        rendered = Rendered({src: (page.edit, markdown) for src, (page, markdown) in pages.items()},
                            {file.path: file.content for file in files})
        if self.key:
            build_cache.store(self.root, self.key, language, rendered, tuple(site.config.languages))
        return rendered

    def _prepared(self) -> tuple[Any, Any]:
        if self._site is None:
            from .pipeline import build_site, without_cycle_collection
            from .plan import plan_files

            self._site = build_site(self.root, self.as_of)
            with without_cycle_collection():
                self._files = plan_files(self._site)
        return self._site, self._files


def _alternates(languages: list[str], language: str) -> list[dict[str, str]]:
    """Links from this language's site root to each language's root (the default is the top)."""
    from . import i18n

    up = "" if language == languages[0] else "../"
    return [{"name": i18n.language_name(code), "lang": code,
             "link": up + ("" if code == languages[0] else f"{code}/")} for code in languages]


def _translated_nav(nav: Any) -> Any:
    from . import i18n

    if isinstance(nav, list):
        return [_translated_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {i18n._(title): _translated_nav(value) for title, value in nav.items()}
    return nav


def _translate_titles(config: Any) -> None:
    """The site's name, description and colour-scheme toggles of mkdocs.yml (labels.MKDOCS_TITLES)."""
    from . import i18n

    config.site_name = i18n._(config.site_name)
    toc = config.mdx_configs.get("toc")
    if toc is not None:  # the title of the ¶ link beside each heading
        toc["permalink_title"] = i18n._("Permanent link")
    if config.site_description:
        config.site_description = i18n._(config.site_description)
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle:
            toggle["name"] = i18n._(toggle.get("name", ""))


def build_languages(root: Path, site_dir: Path, as_of: dt.date | None = None) -> dict[str, float]:
    """Build the site once per language of site_config.yml: the default at site_dir, the others
    in site_dir/<code>/. Load, validate and index run once; MkDocs and the render run per language.
    Returns the seconds each part took. Raises ContentError for bad content, Abort for a failed build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import i18n

    started = time.perf_counter()
    output = GeneratedOutput(root, as_of)
    languages = list(output.languages())
    timings = {"prepare": time.perf_counter() - started}
    for language in languages:
        started = time.perf_counter()
        out = site_dir if language == languages[0] else site_dir / language
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.theme["language"] = language
        if len(languages) > 1:
            config.extra["alternate"] = _alternates(languages, language)
        with i18n.using(language):
            config.nav = _translated_nav(config.nav)
            _translate_titles(config)
        plugin = config.plugins["ccm-ica"]
        plugin.rendered, plugin.language = output.language(language), language
        build(config)
        timings[language] = time.perf_counter() - started
    return timings
