"""Emit: the MkDocs plugin. The only module that imports MkDocs; the pipeline does not know it.

MkDocs' build order matters here: `on_pre_build` runs before MkDocs empties `site/`, so the
whole pipeline (load → validate → index → plan → render) runs there, and bad content stops the
build while the last good site is still in place. `on_files` then adds the rendered pages in
memory (File.generated), never writing into docs/.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import nh3
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .pipeline import build_site
from .problems import ContentError
from .plan import plan_files
from .render import TEMPLATES, render_site

log = get_plugin_logger(__name__)


class CcmIcaConfig(base.Config):
    root = c.Optional(c.Dir(exists=True))  # project folder; default: the folder of mkdocs.yml
    as_of = c.Optional(c.Type(str))  # overrides site_config.yml's as_of (YYYY-MM-DD)


class CcmIcaPlugin(BasePlugin[CcmIcaConfig]):
    def on_config(self, config: Any) -> Any:
        self._root = Path(self.config.root or Path(config.config_file_path).parent)
        self._pages: dict[str, Any] = {}
        self._files: list[Any] = []
        return config

    def on_pre_build(self, config: Any) -> None:
        as_of_text = self.config.as_of or os.environ.get("CCM_ICA_AS_OF")
        try:
            as_of = dt.date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError as error:
            raise PluginError(f"ccm-ica: as_of must be YYYY-MM-DD: {error}") from None
        # Only a bad as_of is reported as one; any other ValueError is a bug and keeps its traceback.
        try:
            site = build_site(self._root, as_of)
            self._pages = render_site(site)
            self._files = plan_files(site)
        except ContentError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, config: Any) -> Files:
        for src, (page, markdown) in self._pages.items():
            existing = files.get_file_from_path(src)
            if existing is not None:
                raise PluginError(f"ccm-ica: docs/{src} would hide the generated page {src}; rename or delete it")
            generated = File.generated(config, src, content=markdown)
            generated.edit_uri = page.edit
            files.append(generated)
        for planned in self._files:
            if files.get_file_from_path(planned.path) is not None:
                raise PluginError(f"ccm-ica: docs/{planned.path} would hide the generated file {planned.path}")
            files.append(File.generated(config, planned.path, content=planned.content))
        for file in files:
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        """Hand-written pages are edited through pull requests too: keep only harmless HTML."""
        if page.file.generated_by is not None:
            return html
        return nh3.clean(html, attributes=_ALLOWED_ATTRIBUTES, link_rel=None)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for path in (self._root / "content", TEMPLATES, self._root / "site_config.yml"):
            server.watch(str(path))
        return server


# Material's headings, tables and admonitions need these on top of nh3's defaults.
_ALLOWED_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title"},
    "a": {"href", "title", "class", "id"},
}
