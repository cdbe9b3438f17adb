"""Every language of the site into one staging folder beside the output, then one swap.

The content is loaded, checked and turned into facts, files and the report once; then each
language's pages are rendered and built by MkDocs, the default language at the staging folder's
root and the others in <code>/ below it. Only when every language has succeeded does the staging
folder replace the output: a failure in any language (content, a catalog, a template, a
strict-mode warning, an exception) leaves the last good site as it was, and nothing beside it.

A build killed at any moment (SIGKILL, a power cut) leaves the last good site or the new one, and
at most a staging folder: the next build removes it and puts back a site caught between the swap's
two renames. A lock file beside the site keeps two builds from writing one site at once.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import gc
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from babel import Locale
from mkdocs.commands.build import build
from mkdocs.config import load_config

from ccm_ica import i18n
from ccm_ica.content import load_site
from ccm_ica.emit.chrome import site_address
from ccm_ica.emit.shared_assets import SharedFiles, prune_unused
from ccm_ica.pages.render import prepare, render_site
from ccm_ica.problems import ContentError, Problem


class LanguageFailed(Exception):
    """One language's build failed: which, and what went wrong (problems, or the error itself)."""

    def __init__(self, language: str, problems: list[Problem], error: BaseException | None = None):
        self.language, self.problems, self.error = language, problems, error
        name = Locale.parse(language).get_display_name("en")
        detail = f": {error}" if error is not None and not problems else ""
        super().__init__(f"the {name} ({language}) build failed{detail}")


class BuildRunning(Exception):
    """Another build holds the site folder's lock: this one writes nothing."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        super().__init__(f"another build is writing {site_dir}; wait for it to finish")


def build_all(root: Path, site_dir: Path, as_of: dt.date | None = None) -> dict[str, float]:
    """Build every language of site_config.yml, then put the whole site at site_dir at once.
    Returns the seconds each part took. Raises ContentError for bad content or catalogs (before
    anything is built), LanguageFailed for a language whose build failed and BuildRunning when
    another build is writing site_dir."""
    with _only_build(site_dir):
        _recover(site_dir)
        return _build_all(root, site_dir, as_of)


def _build_all(root: Path, site_dir: Path, as_of: dt.date | None) -> dict[str, float]:
    started = time.perf_counter()
    with _collector_paused():
        site = load_site(root, as_of)
        languages = list(site.config.languages)
        catalogs, problems = i18n.load_catalogs(root, languages)
        if problems:
            raise ContentError(problems)
        inputs = prepare(site, catalogs)
    timings = {"prepare": time.perf_counter() - started}
    staging = site_dir.parent / f".{site_dir.name}.building"
    _remove(staging)  # left by a build that was killed
    shared = SharedFiles()
    # The records, facts and files live until the end of the build: the collector need not scan
    # them again at each of its full passes through MkDocs' objects (at scale 10, a full second).
    gc.freeze()
    try:
        for language in languages:
            started = time.perf_counter()
            out = staging if language == languages[0] else staging / language
            try:
                with _collector_paused():
                    pages = render_site(inputs, language, catalogs)
                with i18n.using(language, catalogs):  # the theme's frame is worded during the build
                    config = language_config(root, out, language, languages, site.config.site_url)
                    config.plugins["ccm-ica"].use(pages, inputs.files, site, shared)
                    build(config)
            except ContentError as error:
                raise LanguageFailed(language, error.problems) from error
            except Exception as error:  # MkDocs' Abort under --strict, a plugin's error, a bug
                raise LanguageFailed(language, [], error) from error
            timings[language] = time.perf_counter() - started
        started = time.perf_counter()
        prune_unused(staging)  # nothing that no page loads
        timings["prune"] = time.perf_counter() - started
        _swap(staging, site_dir)
    finally:
        gc.unfreeze()  # collectable again, by the next full pass, in a process that goes on
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the generator builds what it keeps: every record,
    fact and page made here lives on, and each full pass of the collector would scan them all
    again (at scale 10, about a second of the build). MkDocs' own work runs with it as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _only_build(site_dir: Path) -> Iterator[None]:
    """Hold .<site>.lock beside the site for the whole build, or raise BuildRunning at once.
    The file is removed at the end (nothing is left beside the site); a build that opened it just
    before finds it gone and locks the new one, so two builds never both believe they hold it."""
    path = site_dir.parent / f".{site_dir.name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise BuildRunning(site_dir) from None
        try:
            if os.stat(path).st_ino == os.fstat(descriptor).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(descriptor)  # the holder removed it as we opened it: lock the file now there
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked, so no one locks the removed file
        os.close(descriptor)


def _recover(site_dir: Path) -> None:
    """Undo what a killed build left: a site caught between the swap's two renames comes back
    from .<site>.previous, and hidden entries the swap had not yet moved over join the new site.
    (The staging folder is removed before building.)"""
    previous = site_dir.parent / f".{site_dir.name}.previous"
    if not previous.is_dir() or previous.is_symlink():
        _remove(previous)
        return
    if not site_dir.exists():
        previous.rename(site_dir)
        return
    _keep_hidden(previous, site_dir)
    _remove(previous)


def _swap(staging: Path, site_dir: Path) -> None:
    """The new site in place of the old: two renames, so the old one is whole until the first and
    the new one whole from the second; a kill between them is undone by _recover. Then hidden
    entries of the old site (a deployment checkout's .git) move over, as MkDocs keeps them."""
    previous = site_dir.parent / f".{site_dir.name}.previous"
    _remove(previous)
    if site_dir.is_dir():
        site_dir.rename(previous)
    staging.rename(site_dir)
    if previous.is_dir():
        _keep_hidden(previous, site_dir)
    _remove(previous)


def _keep_hidden(old: Path, new: Path) -> None:
    for entry in sorted(old.iterdir()):
        if entry.name.startswith(".") and not (new / entry.name).exists():
            entry.rename(new / entry.name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
