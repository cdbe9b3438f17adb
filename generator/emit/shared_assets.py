"""One copy of what every language shares, and nothing that no page loads.

Run on the staging folder once every language is built, before the swap (emit/languages.py), so
a failure here still leaves the last good site. Each language's MkDocs build writes the theme's
assets, our scripts and styles, the data downloads and the Word report into its own folder; a
file of /<code>/ byte-identical to the one at the same path at the root is removed, and every
link of that language's pages to it points at the root's copy instead. Then what no page
requests goes: source maps (and the comments naming them) and the search languages, word
splitters included, that no language's search index asks for.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

# Pages and what differs per language by nature: never shared, whatever their bytes.
_NEVER_SHARED = re.compile(r"(^|/)[^/]*\.html$|^sitemap\.xml(\.gz)?$|^search/")
_LINK = re.compile(r'(?P<before>\b(?:href|src)=")(?P<url>[^"]*)(?P<after>")')
# Material's settings (overrides nothing): the search worker's address is a JSON string there.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_WORKER = re.compile(r'(?P<before>"search": ")(?P<url>[^"]*)(?P<after>")')
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^\n]*?\*/)\s*$")
LUNR = "assets/javascripts/lunr"


def share_and_prune(staging: Path, languages: list[str], site_url: str | None) -> list[str]:
    """Remove from `staging` what no page loads, then each language's copies of the root's files,
    re-pointing its pages' links. Returns the removed paths (relative to staging), sorted."""
    removed = _prune_unused(staging)
    prefixes = _site_prefixes(site_url)
    for code in languages[1:]:
        shared = _remove_copies(staging, code)
        for page in sorted((staging / code).rglob("*.html")):
            _repoint(page, staging, code, shared, prefixes)
        removed += [f"{code}/{path}" for path in sorted(shared)]
    return sorted(removed)


def _prune_unused(staging: Path) -> list[str]:
    removed = []
    for path in sorted(staging.rglob("*.map")):  # read by a browser's developer tools only
        removed.append(path.relative_to(staging).as_posix())
        path.unlink()
    for path in sorted([*staging.rglob("*.js"), *staging.rglob("*.css")]):
        content = path.read_bytes()
        stripped = _MAP_COMMENT.sub(b"", content)
        if stripped != content:  # the map it names is gone: a browser with developer tools open would ask for it
            path.write_bytes(stripped if stripped.endswith(b"\n") else stripped + b"\n")
    wanted = _search_scripts(staging)
    for folder in sorted(staging.glob(f"**/{LUNR}")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.relative_to(folder).as_posix() not in wanted:
                removed.append(path.relative_to(staging).as_posix())
                path.unlink()
        _remove_empty(folder)
    return removed


def _search_scripts(staging: Path) -> set[str]:
    """The files of lunr/ that Material's search worker imports for the languages of the site's
    search indexes (worker/main: setupSearchLanguages); English needs none."""
    wanted: set[str] = set()
    for index in staging.glob("**/search/search_index.json"):
        languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
        scripts = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
        scripts |= {"tinyseg.js" for lang in languages if lang == "ja"}
        scripts |= {"wordcut.js" for lang in languages if lang in ("hi", "th")}
        if len(languages) > 1:
            scripts.add("min/lunr.multi.min.js")
        if scripts:
            wanted |= scripts | {"min/lunr.stemmer.support.min.js"}
    return wanted


def _remove_copies(staging: Path, code: str) -> set[str]:
    """Remove each file of <code>/ the same as the root's at the same path; return their paths
    relative to <code>/."""
    folder, shared = staging / code, set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        original = staging / relative
        if _NEVER_SHARED.search(relative) or not original.is_file():
            continue
        if original.stat().st_size == path.stat().st_size and original.read_bytes() == path.read_bytes():
            path.unlink()
            shared.add(relative)
    _remove_empty(folder)
    return shared


def _repoint(page: Path, staging: Path, code: str, shared: set[str], prefixes: list[str]) -> None:
    """Each link of a <code>/ page to a file removed as a copy, now to the root's copy: relative
    links stay relative (so the site works from disk and with or without directory URLs), and
    the 404 page's absolute ones (/<base>/<code>/assets/…) stay absolute."""
    here = page.parent.relative_to(staging / code).as_posix()
    names = {posixpath.basename(path) for path in shared}

    def relink(match: re.Match[str]) -> str:
        url = match["url"]
        if posixpath.basename(url.partition("#")[0].partition("?")[0]) not in names:  # most links: pages
            return match[0]
        return match["before"] + _shared_url(url, here, code, shared, prefixes) + match["after"]

    html = page.read_text(encoding="utf-8")
    changed = _LINK.sub(relink, html)
    changed = _CONFIG.sub(lambda m: m[1] + _WORKER.sub(relink, m[2]) + m[3], changed)
    if changed != html:
        page.write_text(changed, encoding="utf-8")


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

