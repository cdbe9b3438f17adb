"""The whole real site (every language), built once: its pages, their links and their markup."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Attributes whose value is an address the browser follows or loads.
ADDRESS_ATTRIBUTES = ("href", "src", XLINK_HREF, "poster", "data", "action")


def _build_epoch() -> str:
    """SOURCE_DATE_EPOCH as `make` sets it (the last commit's time, else 0), so that every build
    of the session dates its pages alike and two builds can be compared byte for byte."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        return given
    done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=PROJECT, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


BUILD_EPOCH = _build_epoch()


def _served_path() -> str:
    """The path the real site is published at (site_url in site_config.yml: /ccm-ica/): the 404
    pages name their assets and links from it, since a server shows them at any depth."""
    found = re.search(r"^site_url:\s*[\"']?(https?://[^\"'\s]+)", (PROJECT / "site_config.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return urlsplit(found.group(1)).path if found else "/"


SERVED_PATH = _served_path()


def build_whole_site(destination: Path, extra_env: dict[str, str] | None = None) -> Path:
    """`ccm-ica build` (check, then every language of site_config.yml) into destination."""
    command = [sys.executable, "-m", "ccm_ica", "--root", str(PROJECT), "build", "--site-dir", str(destination)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(extra_env or {})}
    done = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ccm-ica build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"[-6000:])
    return destination


def html_files(site: Path) -> list[str]:
    """Every HTML file of the build, as a path inside it (`fr/countries/mne/index.html`)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


RECORD_FOLDERS = ("countries", "meetings")  # one page per record, each from the same template


def crawled_pages(site: Path) -> list[str]:
    """The HTML files a browser opens: every page, except that of the pages made per record
    (countries/<iso3>/, meetings/<slug>/) it opens the two largest in each language. What a page
    asks of the network comes from its template and the theme; a record only fills in text, escaped,
    so the other profiles would ask the same things (the link checks still read every file)."""
    kept, per_record = [], {}
    for file in html_files(site):
        parts = file.split("/")
        folder = next((i for i, part in enumerate(parts[:-2]) if part in RECORD_FOLDERS), None)
        if folder is None or len(parts) != folder + 3:
            kept.append(file)
        else:
            per_record.setdefault("/".join(parts[:folder + 1]), []).append(file)
    for files in per_record.values():
        kept += sorted(files, key=lambda f: (-(site / f).stat().st_size, f))[:2]
    return sorted(kept)


def address_of(file: str) -> str:
    """The address a page is served at: `fr/countries/mne/index.html` → `/fr/countries/mne/`."""
    return "/" + (file[: -len("index.html")] if file.endswith("index.html") else file)


@dataclass
class ParsedPage:
    """One HTML file: the anchors it offers, the addresses it names, its parse errors."""

    file: str
    anchors: set[str] = field(default_factory=set)
    duplicate_ids: set[str] = field(default_factory=set)
    addresses: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)
    errors: list[str] = field(default_factory=list)


def parse_page(site: Path, file: str) -> ParsedPage:
    """Parse with html5lib (the WHATWG algorithm browsers use) and keep every parse error."""
    import html5lib

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    root = parser.parse((site / file).read_bytes())
    page = ParsedPage(file)
    for (line, column), code, details in parser.errors:
        page.errors.append(f"{file}:{line}:{column}: {code} {details or ''}".rstrip())
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        identifier = element.get("id")
        if identifier is not None:
            if identifier in page.anchors:
                page.duplicate_ids.add(identifier)
            page.anchors.add(identifier)
        if tag == "a" and element.get("name"):
            page.anchors.add(element.get("name"))
        for attribute in ADDRESS_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None and not (attribute == "data" and tag != "object"):
                page.addresses.append((tag, value.strip()))
    return page


@dataclass(frozen=True)
class Target:
    """Where an address found in a page leads: outside, nowhere to check, or a file and anchor."""

    kind: str  # "external", "other" (mailto:, data:…), "forbidden" (javascript:), "file", "broken"
    file: str = ""
    anchor: str = ""
    reason: str = ""


def resolve(site: Path, page: str, address: str) -> Target:
    """Resolve an address written in `page` (a path inside the build) against the build."""
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return Target("external")
    if address.startswith("//"):  # never written on purpose here: a path with a slash too many
        return Target("broken", reason="a protocol-relative address: it names another host")
    if scheme == "javascript":
        return Target("forbidden", reason="a javascript: address")
    if scheme:
        return Target("other")
    anchor = unquote(parts.fragment)
    if not parts.path:
        return Target("file", page, anchor)
    path = unquote(parts.path)
    if path.startswith("/"):  # the 404 pages name addresses from the root: they are served anywhere
        if path.startswith(SERVED_PATH):  # from the published site's path, which is this folder
            path = "/" + path[len(SERVED_PATH):]
        normal = posixpath.normpath(path).lstrip("/") or "."  # as a browser does, ".." stops at the root
    else:
        normal = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if normal == ".." or normal.startswith("../"):
        return Target("broken", reason="leads above the site's root")
    if path.endswith("/") or (site / normal).is_dir():
        normal = posixpath.join(normal, "index.html") if normal != "." else "index.html"
    if not (site / normal).is_file():
        return Target("broken", reason=f"no file {normal}")
    return Target("file", normal, anchor)
