"""The MkDocs plugin: adds the generated pages and files to MkDocs' in memory (File.generated,
never written into docs/). A plain `mkdocs build` or `mkdocs serve` generates the default
language here; `ccm-ica build` (emit/languages.py) gives each language's build its pages."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import templates

from ccm_ica.content import load_site
from ccm_ica.content.load import CONFIG_FILE, CONTENT_DIR
from ccm_ica.emit.chrome import Chrome, full_width, site_address
from ccm_ica.emit.edit_links import resolve_edit_links
from ccm_ica.emit.hand_written import marked_english, use_translations
from ccm_ica.emit.shared_assets import Repoint, SharedFiles
from ccm_ica.emit.tables import label_cells
from ccm_ica.i18n import DEFAULT, LOCALE_DIR
from ccm_ica.pages.render import TEMPLATES, prepare, render_site
from ccm_ica.problems import ContentError, format_problems

Pages = dict[str, tuple[Any, str]]  # Markdown path → (planned page, Markdown), as render_site makes them


class CcmIcaConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))  # the project folder; default: the folder of mkdocs.yml
    as_of = c.Optional(c.Type(str))  # overrides site_config.yml's as_of (YYYY-MM-DD)


class CcmIcaPlugin(BasePlugin[CcmIcaConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._given: tuple[Pages, dict[str, bytes], Any, SharedFiles] | None = None
        self._repoint: Repoint | None = None

    def use(self, pages: Pages, files: dict[str, bytes], site: Any, shared: SharedFiles) -> None:
        """Build with these pages and files, made beforehand for this build's language from
        `site`; the build runs inside `i18n.using` that language (emit/languages.py). The default
        language records its files in `shared`; the others leave out their copies of them."""
        self._given = pages, files, site, shared

    def on_config(self, config: Any) -> Any:
        self._root = Path(self.config.root or Path(config.config_file_path).parent)
        self._descriptions: set[str] = set()
        if self._given is not None:
            self._pages, self._files, site, self._shared = self._given
            self._languages = list(site.config.languages)
            self._chrome = Chrome.make(site.config, site.as_of, config.site_name)
            return config
        as_of_text = self.config.as_of or os.environ.get("CCM_ICA_AS_OF")
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else None
            site = load_site(self._root, as_of)
            self._languages = list(site.config.languages)
            config.site_url = site_address(site.config.site_url, config.site_url, config.use_directory_urls)
            inputs = prepare(site)
            self._pages, self._files = render_site(inputs, DEFAULT), inputs.files
            self._chrome = Chrome.make(site.config, site.as_of, config.site_name)
        except ValueError as error:
            raise PluginError(f"ccm-ica: as_of must be YYYY-MM-DD: {error}") from None
        except ContentError as error:
            raise PluginError("ccm-ica: the site was not built:\n" + format_problems(error.problems, "text")) from None
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for src, (page, markdown) in self._pages.items():
            _refuse_hidden(files, src)
            generated = File.generated(config, src, content=markdown)
            generated.edit_uri = page.edit
            files.append(generated)
        for path, content in self._files.items():
            _refuse_hidden(files, path)
            files.append(File.generated(config, path, content=content))
        for file in files:
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        self._in_english = use_translations(files, self._languages)
        return files

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Once the pages' links are checked against every file, before MkDocs copies any: the
        default language records its files; another leaves out its copies of those and renders
        with the default language's theme templates (emit/shared_assets.py)."""
        if self._given is not None:
            language = config.theme["language"]
            if language == self._languages[0]:
                self._shared.record(files, config.site_url)
                return self._shared.theme_env(env)
            self._repoint = self._shared.leave_out_copies(files, language)
            env = self._shared.theme_env(env)
            self._repoint.filters(env, templates.url_filter, templates.script_tag_filter)
            return env
        return env

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        """Hand-written pages are edited through pull requests too: keep only harmless HTML. Then
        every page's `edit:` links (emit/edit_links.py) and tables (emit/tables.py) are finished."""
        if page.file.generated_by is None:
            html = nh3.clean(html, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)
            if page.file.src_uri in self._in_english:
                html = marked_english(html)
        return label_cells(resolve_edit_links(html, config))  # edit: links; tables stacked on phones

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """The frame's words for this page (overrides/main.html, partials/footer.html), and the
        full width for pages outside the coordinators' section. Links in the content to files left
        out as copies now point at the root's (the frame's do as the theme links them)."""
        full_width(page, nav)
        if self._repoint and page.content:
            page.content = self._repoint.html(page.content, page.file.dest_uri)
        if "toc" in (page.meta.get("hide") or []):  # Material only hides it: 230 entries still weigh on a phone
            page.toc = []
        chrome = self._chrome.for_page(page, page.content or "")
        if chrome["description"] in self._descriptions:  # one description per page, for search results
            chrome["description"] = f"{chrome['description']} ({page.url or '/'})"
        self._descriptions.add(chrome["description"])
        context["ccm"] = chrome
        context["ccm_chrome"] = self._chrome
        return context

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        """The 404 page links to the shared files too."""
        return self._repoint.html(output, template_name) if self._repoint and template_name.endswith(".html") else output

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """The 404 page, the one theme template that is a page: its words, in this language."""
        if template_name == "404.html":
            context["ccm"] = self._chrome.for_404(config.site_description)
            context["ccm_chrome"] = self._chrome
        return context

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for name in (CONTENT_DIR, TEMPLATES, LOCALE_DIR, CONFIG_FILE):
            if (self._root / name).exists():
                server.watch(str(self._root / name))
        return server


def _refuse_hidden(files: Files, path: str) -> None:
    """A hand-written file at a generated path would hide one of them (Pelican's guard)."""
    if files.get_file_from_path(path) is not None:
        raise PluginError(f"ccm-ica: docs/{path} would hide the generated {path}; rename or delete it")


# Material's headings, tables and admonitions need these on top of nh3's defaults.
_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "title", "class", "id"},
}
