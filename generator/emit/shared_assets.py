"""One copy of what every language shares, and nothing that no page loads.

Each language's MkDocs build would write the theme's assets, our scripts and styles, the data
downloads and the Word reports into its own folder. The default language's build lists its files
besides pages (`SharedFiles.record`); each other language's build leaves out every file the root
has byte for byte at the same path (`leave_out_copies`), so it is never written, and its pages'
links to one point at the root's copy instead: the theme's frame links through the `url` and
`script_tag` filters, which re-point as they link, and only each page's content is read for links.
Once every language is
built, before the swap (emit/languages.py), what no page requests goes (`prune_unused`): source
maps (and the comments naming them) and the search languages, word splitters included, that no
language's search index asks for.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup

# Pages and what differs per language by nature: never shared, whatever their bytes.
_NEVER_SHARED = re.compile(r"(^|/)[^/]*\.html$|^sitemap\.xml(\.gz)?$|^search/")
# Links to files whose name has a dot (only those are shared, see _shareable): most links are to
# pages (…/som/, …/#anchor), and leaving them to the regex saves a callback each. No \b before href:
# a regex starting with it is ten times slower; relink() checks the boundary.
_LINK = re.compile(r'(?P<before>(?:href|src)=")(?P<url>[^"#?]*\.[^"#?/.]+(?:[?#][^"]*)?)(?P<after>")')
# Material's settings (overrides nothing): the search worker's address is a JSON string there.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_WORKER = re.compile(r'(?P<before>"search": ")(?P<url>[^"]*)(?P<after>")')
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^\n]*?\*/)\s*$")
LUNR = "assets/javascripts/lunr"




class SharedFiles:
    """The default language's files besides its pages, which the other languages link to."""

    def __init__(self) -> None:
        self._files: dict[str, Any] = {}  # path in the site → MkDocs File
        self._prefixes: list[str] = []
        self._env: Any = None  # the default language's Jinja environment, its templates compiled once

    def theme_env(self, env: Any) -> Any:
        """The first language's theme environment for every language's build, when it reads the
        same template folders (MkDocs gives every build the same theme, so it does)."""
        if self._env is None or self._env.loader.searchpath != env.loader.searchpath:
            self._env = env
        return self._env

    def record(self, files: Any, site_url: str | None) -> None:
        """The default language's files (MkDocs' Files, once the plugin has added its own)."""
        self._files = {file.dest_uri: file for file in files if _shareable(file)}
        self._prefixes = _site_prefixes(site_url)

    def leave_out_copies(self, files: Any, code: str) -> Repoint:
        """Remove from the <code>/ build's `files` each one the root has at the same path with the
        same bytes; return what re-points its pages' links to those at the root's copies."""
        shared = set()
        for file in [file for file in files if _shareable(file)]:
            original = self._files.get(file.dest_uri)
            if original is not None and _same_bytes(file, original):
                files.remove(file)
                shared.add(file.dest_uri)
        return Repoint(code, shared, self._prefixes)


class Repoint:
    """A <code>/ build's links to the files left out as copies, re-pointed to the root's copies:
    relative links stay relative (so the site works from disk and with or without directory
    URLs), and the 404 page's absolute ones (/<base>/<code>/assets/…) stay absolute."""

    def __init__(self, code: str, shared: set[str], prefixes: list[str]):
        self.code, self.shared, self.prefixes = code, shared, prefixes
        self.names = {posixpath.basename(path) for path in shared}
        self.known: dict[tuple[str | int, str], str] = {}  # (folder or depth, link) → new link: pages repeat a few

    def html(self, html: str, path: str) -> str:
        """Every link in `html`, a page (or its content) at `path` in the language's folder."""
        here = posixpath.dirname(path)

        def relink(match: re.Match[str]) -> str:
            new = self.url(match["url"], here)
            before = match.string[match.start() - 1] if match.start() else " "
            if new == match["url"] or before.isalnum() or before == "_":  # "…href=" inside a longer name: not a link
                return match[0]
            return match["before"] + new + match["after"]

        html = _LINK.sub(relink, html)
        return _CONFIG.sub(lambda m: m[1] + _WORKER.sub(relink, m[2]) + m[3], html)

    def url(self, url: str, here: str) -> str:
        """One link of a page in folder `here` of the language's folder."""
        up = "../" * (here.count("/") + 1 if here else 0)
        # A link that climbs to the language's root first (../../assets/…, from every page two
        # folders deep) is re-pointed alike from every folder of that depth.
        rest = url[len(up):]
        key = (len(up), url) if url.startswith(up) and not rest.startswith(("../", "/", self.code + "/")) else (here, url)
        new = self.known.get(key)
        if new is None:
            shared_name = posixpath.basename(url.partition("#")[0].partition("?")[0]) in self.names
            new = self.known[key] = _shared_url(url, here, self.code, self.shared, self.prefixes) if shared_name else url
        return new

    def filters(self, env: Any, url_filter: Any, script_tag_filter: Any) -> None:
        """The theme's `url` and `script_tag` filters (MkDocs' own, given), re-pointing as they
        link a page's frame: its stylesheets, scripts, icon and search worker."""

        @pass_context
        def url(context: Any, value: str) -> str:
            page = context.get("page")
            link = url_filter(context, value)
            return self.url(link, posixpath.dirname(page.file.dest_uri)) if page is not None else link

        @pass_context
        def script_tag(context: Any, script: Any) -> Any:
            page = context.get("page")
            tag = script_tag_filter(context, script)
            return Markup(self.html(tag, page.file.dest_uri)) if page is not None else tag

        env.filters["url"], env.filters["script_tag"] = url, script_tag


def _shareable(file: Any) -> bool:
    return (not file.is_documentation_page() and file.inclusion.is_included() and "." in posixpath.basename(file.dest_uri)
            and not _NEVER_SHARED.search(file.dest_uri))


def _same_bytes(file: Any, original: Any) -> bool:
    if file.abs_src_path is not None and file.abs_src_path == original.abs_src_path:
        return True  # one file on disk, copied as it is
    return file.content_bytes == original.content_bytes


def prune_unused(staging: Path) -> list[str]:
    """Remove from `staging` what no page loads. Returns the removed paths (relative to staging), sorted."""
    files = {path.relative_to(staging).as_posix(): path for path in staging.rglob("*") if path.is_file()}  # one walk
    wanted = _search_scripts(path for name, path in files.items() if f"/{name}".endswith("/search/search_index.json"))
    scripts = {name: script for name in files if (script := _search_script(name))}
    removed = sorted([name for name in files if name.endswith(".map")]  # read by a browser's developer tools only
                     + [name for name, (_, inner) in scripts.items() if inner not in wanted])
    for name in removed:
        files.pop(name).unlink()
    for name in sorted(files):
        if name.endswith((".js", ".css")):
            content = files[name].read_bytes()
            stripped = _MAP_COMMENT.sub(b"", content)
            if stripped != content:  # the map it names is gone: a browser with developer tools open would ask for it
                files[name].write_bytes(stripped if stripped.endswith(b"\n") else stripped + b"\n")
    for folder in sorted({folder for folder, _ in scripts.values()}):
        _remove_empty(staging / folder)
    return removed


def _search_script(name: str) -> tuple[str, str] | None:
    """'fr/assets/javascripts/lunr/min/lunr.fr.min.js' → ('fr/assets/javascripts/lunr', 'min/lunr.fr.min.js')."""
    head, found, inner = f"/{name}".partition(f"/{LUNR}/")
    return (f"{head}/{LUNR}".lstrip("/"), inner) if found else None


def _search_scripts(indexes: Iterable[Path]) -> set[str]:
    """The files of lunr/ that Material's search worker imports for the languages of these search
    indexes (worker/main: setupSearchLanguages); English needs none."""
    wanted: set[str] = set()
    for index in indexes:
        languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
        scripts = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
        scripts |= {"tinyseg.js" for lang in languages if lang == "ja"}
        scripts |= {"wordcut.js" for lang in languages if lang in ("hi", "th")}
        if len(languages) > 1:
            scripts.add("min/lunr.multi.min.js")
        if scripts:
            wanted |= scripts | {"min/lunr.stemmer.support.min.js"}
    return wanted


def _shared_url(url: str, here: str, code: str, shared: set[str], prefixes: list[str]) -> str:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:  # the site's own full address
        for prefix in prefixes:
            if url.startswith(prefix + code + "/") and _path(url[len(prefix + code) + 1:]) in shared:
                return prefix + url[len(prefix + code) + 1:]
        return url
    if url.startswith("/"):
        for prefix in prefixes:
            if prefix.startswith("/") and url.startswith(prefix + code + "/"):
                rest = url[len(prefix + code) + 1:]
                return prefix + rest if _path(rest) in shared else url
        return url
    if not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(here, parts.path))
    if target not in shared:
        return url
    # One level further up: from <code>/<here>/ to the root's <target>.
    relative = posixpath.relpath(target, posixpath.join(code, here))
    return relative + url[len(parts.path):]


def _path(url: str) -> str:
    return urlsplit(url).path


def _site_prefixes(site_url: str | None) -> list[str]:
    """How the 404 page (which MkDocs links absolutely) names the site's root: its full address and
    its path (https://host/ccm-ica/ and /ccm-ica/)."""
    if not site_url:
        return []
    address = site_url if site_url.endswith("/") else site_url + "/"
    return [address, urlsplit(address).path or "/"]


def _remove_empty(folder: Path) -> None:
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(path.iterdir()):
            path.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

