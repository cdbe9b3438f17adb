"""Every language of the site into one staging folder beside the output, then one swap.

The content is loaded, checked and turned into facts, files and the report once; then each
language's pages are rendered and built by MkDocs, the default language at the staging folder's
root and the others in <code>/ below it. Only when every language has succeeded does the staging
folder replace the output: a failure in any language (content, a catalog, a template, a
strict-mode warning, an exception) leaves the last good site as it was, and nothing beside it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path
from typing import Any

from babel import Locale
from mkdocs.commands.build import build
from mkdocs.config import load_config

from ccm_ica import i18n
from ccm_ica.content import load_site
from ccm_ica.emit.chrome import site_address
from ccm_ica.pages.render import prepare, render_site
from ccm_ica.problems import ContentError, Problem


class LanguageFailed(Exception):
    """One language's build failed: which, and what went wrong (problems, or the error itself)."""

    def __init__(self, language: str, problems: list[Problem], error: BaseException | None = None):
        self.language, self.problems, self.error = language, problems, error
        name = Locale.parse(language).get_display_name("en")
        detail = f": {error}" if error is not None and not problems else ""
        super().__init__(f"the {name} ({language}) build failed{detail}")


def build_all(root: Path, site_dir: Path, as_of: dt.date | None = None) -> dict[str, float]:
    """Build every language of site_config.yml, then put the whole site at site_dir at once.
    Returns the seconds each part took. Raises ContentError for bad content or catalogs (before
    anything is built) and LanguageFailed for a language whose build failed."""
    started = time.perf_counter()
    site = load_site(root, as_of)
    languages = list(site.config.languages)
    catalogs, problems = i18n.load_catalogs(root, languages)
    if problems:
        raise ContentError(problems)
    inputs = prepare(site)
    timings = {"prepare": time.perf_counter() - started}
    staging = site_dir.parent / f".{site_dir.name}.building"
    _remove(staging)  # left by a build that was killed
    try:
        for language in languages:
            started = time.perf_counter()
            out = staging if language == languages[0] else staging / language
            try:
                pages = render_site(inputs, language, catalogs)
                with i18n.using(language, catalogs):  # the theme's frame is worded during the build
                    config = language_config(root, out, language, languages, site.config.site_url)
                    config.plugins["ccm-ica"].use(pages, inputs.files, site)
                    build(config)
            except ContentError as error:
                raise LanguageFailed(language, error.problems) from error
            except Exception as error:  # MkDocs' Abort under --strict, a plugin's error, a bug
                raise LanguageFailed(language, [], error) from error
            timings[language] = time.perf_counter() - started
        _swap(staging, site_dir)
    finally:
        _remove(staging)
    return timings


def language_config(root: Path, out: Path, language: str, languages: list[str], site_url: str | None = None) -> Any:
    """mkdocs.yml for one language: its theme language, translated titles and navigation, the
    language switcher's links, and the site's address (site_url of site_config.yml, or
    $CCM_ICA_SITE_URL) plus <code>/."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.site_url = site_address(site_url, config.site_url, config.use_directory_urls)
    config.theme["language"] = language
    if len(languages) > 1:
        config.extra["alternate"] = _alternates(languages, language, config.site_url)
    if config.site_url and language != languages[0]:  # canonical links and the sitemap name /<code>/ pages
        config.site_url += f"{language}/"
    config.nav = _translated_nav(config.nav)
    config.site_name = i18n._(config.site_name)
    if config.site_description:
        config.site_description = i18n._(config.site_description)
    toc = config.mdx_configs.get("toc")
    if toc is not None:  # the title of the ¶ link beside each heading
        toc["permalink_title"] = i18n._("Permanent link")
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle:
            toggle["name"] = i18n._(toggle.get("name", ""))
    return config


def _alternates(languages: list[str], language: str, site_url: str | None) -> list[dict[str, str | None]]:
    """Each language's root, from this language's root (the default language is the top), and
    its address where the site's is known (overrides/main.html names them for hreflang)."""
    up = "" if language == languages[0] else "../"
    paths = {code: "" if code == languages[0] else f"{code}/" for code in languages}
    return [{"name": i18n.language_name(code), "lang": code, "link": up + paths[code],
             "address": site_url + paths[code] if site_url else None} for code in languages]


def _translated_nav(nav: Any) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {i18n._(title): _translated_nav(value) for title, value in nav.items()}
    return nav


def _swap(staging: Path, site_dir: Path) -> None:
    """The new site in place of the old: two renames, so the old one is whole until the second.
    Hidden entries of the old site (a deployment checkout's .git) move over, as MkDocs keeps them."""
    previous = site_dir.parent / f".{site_dir.name}.previous"
    _remove(previous)
    if site_dir.is_dir():
        for entry in sorted(site_dir.iterdir()):
            if entry.name.startswith(".") and not (staging / entry.name).exists():
                entry.rename(staging / entry.name)
        site_dir.rename(previous)
    staging.rename(site_dir)
    _remove(previous)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
