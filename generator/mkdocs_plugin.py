"""Emit: the MkDocs plugin. The only module that imports MkDocs; the pipeline does not know it.

MkDocs' build order matters here. `on_config` starts the generator (output.py): from the build
cache when the input is unchanged, else in a forked child that works while MkDocs does.
`on_pre_build` points MkDocs at a staging folder (staged_site.py), so MkDocs may go on while the
content is validated: bad content, like any other failure, stops the build before the last good
site is touched. `on_files` adds the pages and files in memory (File.generated, never written
into docs/), `on_pre_page` gives each page its Markdown as MkDocs reaches it, `on_env` the files
their bytes before MkDocs copies them, and `on_post_build` moves the finished site into place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

from . import build_cache, staged_site, theme_templates
from .output import FILES, LANGUAGES, Output, contents_key, open_output, page_key
from .problems import ContentError

# The generator proper (Pydantic, Babel, Jinja templates, python-docx) is imported only when the
# cache cannot answer (output.produce): a rebuild of unchanged input does not pay for it.
DEFAULT_LANGUAGE = "en"  # i18n.DEFAULT, without importing Babel here

log = get_plugin_logger("ccm-ica")  # its messages start "ccm-ica:"


class CcmIcaConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))  # project folder; default: the folder of mkdocs.yml
    as_of = c.Optional(c.Type(str))  # overrides site_config.yml's as_of (YYYY-MM-DD)


class CcmIcaPlugin(BasePlugin[CcmIcaConfig]):
    # Set by build_languages(), shared by every language's build; a plain `mkdocs build` opens its own.
    output: Output | None = None
    language: str = DEFAULT_LANGUAGE

    def on_config(self, config: Any) -> Any:
        self._root = Path(self.config.root or Path(config.config_file_path).parent)
        self._pages: set[str] = set()
        self._own_output = False  # set once this build has opened its own, which it then closes
        self._staging: Path | None = None  # where MkDocs writes, from on_pre_build until the swap
        self._compiled: theme_templates.CompiledTemplates | None = None  # in on_files, if it waited
        if self.output is not None:
            self._output = self.output
            return config
        as_of_text = self.config.as_of or os.environ.get("CCM_ICA_AS_OF")
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError as error:
            raise PluginError(f"ccm-ica: as_of must be YYYY-MM-DD: {error}") from None
        self._output, self._own_output = open_output(self._root, as_of, (self.language,)), True
        log.debug("pages %s", _WHERE[self._output.where])
        return config

    def on_pre_build(self, config: Any) -> None:
        # MkDocs empties and fills the staging folder, not site/: no need to wait for validation.
        self._staging = staged_site.start(Path(config.site_dir))
        config.site_dir = str(self._staging)

    def on_files(self, files: Files, config: Any) -> Files:
        key = contents_key(self.language)
        try:
            if self._output.busy(key):  # MkDocs' own work for later, instead of waiting
                self._compiled = theme_templates.compile_while(
                    lambda: self._output.busy(key), config.theme.get_env(),
                    ["main.html", *sorted(config.theme.static_templates)])
                log.debug("%d theme templates compiled while waiting for the generator", len(self._compiled))
            contents = self._output.get(key)  # waits for valid content
        except ContentError as error:
            raise PluginError(str(error)) from None
        # Empty for now: each is given its content when MkDocs reaches it (on_pre_page, on_env).
        for src, edit in contents.pages:
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"ccm-ica: docs/{src} would hide the generated page {src}; rename or delete it")
            generated = File.generated(config, src, content="")
            generated.edit_uri = edit
            files.append(generated)
            self._pages.add(src)
        for path in contents.files:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"ccm-ica: docs/{path} would hide the generated file {path}")
            files.append(File.generated(config, path, content=b""))
        for file in files:
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        return files

    def on_pre_page(self, page: Any, config: Any, files: Files) -> Any:
        if page.file.src_uri in self._pages:
            page.file.content_string = self._output.get(page_key(self.language, page.file.src_uri))
        return page

    @event_priority(-100)  # the environment as the other plugins leave it
    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        for path, content in self._output.get(FILES).items():
            files.get_file_from_path(path).content_bytes = content
        if self._compiled is not None and env.bytecode_cache is None:
            env.bytecode_cache = self._compiled  # templates compiled in on_files load from here
        return env

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        """Hand-written pages are edited through pull requests too: keep only harmless HTML."""
        if page.file.generated_by is not None:
            return html
        return nh3.clean(html, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)

    @event_priority(-100)  # after the other plugins have written their files (search: its index)
    def on_post_build(self, config: Any) -> None:
        _switch_off_sitemap_lookup(Path(config.site_dir))
        # Under --strict a build with warnings fails right after this: on_build_error discards it.
        if self._staging is not None and not _fails_strict_mode(config):
            config.site_dir = str(staged_site.swap_in(self._staging))
            self._staging = None
            log.info("The new site is in place: %s", config.site_dir)
        if self._own_output:
            self._output.finish()  # the generator stores the build cache meanwhile

    def on_build_error(self, error: Exception) -> None:
        if self._staging is not None:
            staged_site.discard(self._staging)  # the last good site stays
            self._staging = None
        if self._own_output:
            self._output.close()  # a generator still working in the background is stopped

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for path in (self._root / "content", build_cache.TEMPLATES, self._root / "site_config.yml"):
            server.watch(str(path))
        return server


def _fails_strict_mode(config: Any) -> bool:
    """Under --strict, MkDocs fails a build that logged warnings after on_post_build: count them
    the way it does (its CountHandler on the "mkdocs" logger)."""
    if not config.strict:
        return False
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


_WHERE = {"cache": "taken from the build cache (the input is unchanged)",
          "background": "generated in a background process", "here": "generated in this process"}


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


def build_languages(root: Path, site_dir: Path, as_of: dt.date | None = None,
                    made: Output | None = None) -> dict[str, float]:
    """Build the site once per language of site_config.yml: the default at site_dir, the others
    in site_dir/<code>/. Load, validate and index run once (in `made`, if the caller opened it
    already); MkDocs and the render run per language. Returns the seconds each part took.
    Raises ContentError for bad content, Abort for a failed build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import i18n

    started = time.perf_counter()
    made = made or open_output(root, as_of)
    try:
        languages = list(made.get(LANGUAGES))
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
            plugin.output, plugin.language = made, language
            build(config)
            timings[language] = time.perf_counter() - started
    except BaseException:
        made.close()
        raise
    made.finish()
    return timings


def made_where(made: Output) -> str:
    """How the build got its pages, in words: from the cache, or made in the background or here."""
    return _WHERE[made.where]
