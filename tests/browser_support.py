"""Helpers for the browser tests: serve the site, guard requests, open every page once, run
axe-core, measure colours."""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from site_pages import SERVED_PATH, address_of, crawled_pages

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; `playwright install` is never run
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Chromium's own calls home (updates, sync, field trials) are not the page's, but they
    # would still leave the machine: keep the browser as quiet as the site.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# A context option that refuses every other host without intercepting requests: they go to a
# proxy at a closed local port and fail. Routing (context.route) would do the same but turns
# Chromium's HTTP cache off, which doubles the time to open every page of the site.
NO_OTHER_HOST = {"server": "http://127.0.0.1:9", "bypass": ",".join(sorted(LOCAL_HOSTS))}
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def why_no_browser() -> str | None:
    """The reason browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -e '.[test]')"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        """The site at the root and at its published path too (/ccm-ica/…), where the 404
        pages, served at any depth, load their assets from."""
        if SERVED_PATH != "/" and path.startswith(SERVED_PATH):
            path = "/" + path[len(SERVED_PATH):]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page before a download ends closes the connection: no error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder over http on 127.0.0.1 at a free port; yield the base address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def is_local(url: str) -> bool:
    """True for this machine's server and for addresses that make no request (data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@dataclass
class Watch:
    """What a browser context asked for and what went wrong while it ran."""

    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"request to another host: {url}" for url in self.outside]
                + [f"failed: {what}" for what in self.failed]
                + [f"browser error: {text}" for text in self.errors])


def guard(page) -> Watch:
    """Record every request and collect errors; the context's proxy (NO_OTHER_HOST) refuses
    whatever is bound for another host."""
    watch = Watch()

    def on_request(request) -> None:
        if not is_local(request.url):
            watch.outside.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            watch.failed.append(f"{response.status} {response.url}")

    def on_console(message) -> None:
        # A request the Content-Security-Policy refused shows here, never as a request.
        if message.type == "error":
            watch.errors.append(message.text)

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return watch


def screenshot(page, name: str) -> Path | None:
    """Save a full-page PNG into $CCM_SCREENSHOTS for people to look at; None if unset."""
    folder = os.environ.get("CCM_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


# --- colour contrast (WCAG 2.1) ---------------------------------------------------------

_RGB = re.compile(r"rgba?\(([^)]*)\)")


def parse_colour(css: str) -> tuple[float, float, float, float]:
    """`rgb(1, 2, 3)` or `rgba(1, 2, 3, 0.5)` (as getComputedStyle gives them) → r, g, b, a."""
    match = _RGB.fullmatch(css.strip())
    if not match:
        raise ValueError(f"not an rgb() colour: {css}")
    parts = [float(p) for p in re.split(r"[,\s/]+", match.group(1).strip()) if p]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def over(colour: tuple[float, float, float, float], backdrop: tuple[float, float, float, float]):
    """The colour seen when `colour` (maybe translucent) lies on an opaque backdrop."""
    r, g, b, a = colour
    return (*(a * c + (1 - a) * d for c, d in zip((r, g, b), backdrop[:3])), 1.0)


def _luminance(colour) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str, page_background: str = "rgb(255, 255, 255)") -> float:
    """WCAG contrast ratio of text on its background, both composed over the page's."""
    base = over(parse_colour(page_background), (255, 255, 255, 1))
    back = over(parse_colour(background), base)
    fore = over(parse_colour(foreground), back)
    light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- axe-core (WCAG 2.1 AA) -------------------------------------------------------------

try:
    from axe_playwright_python.base import AXE_FILE_PATH
except ImportError:  # pragma: no cover - the test extra installs it
    AXE_FILE_PATH = None

BLOCKING = ("serious", "critical")  # axe's two highest impacts: any one fails the test
# The dark palette changes colours only (same markup): there axe runs its rules about colour.
EVERY_RULE = {"resultTypes": ["violations"]}
COLOUR_RULES = {"resultTypes": ["violations"],
                "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
# Transitions and animations stopped, so colours are measured at rest, never half-faded.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def audited_pages(site: Path) -> list[str]:
    """One page of every template, and one French page."""
    meetings = sorted(site.glob("meetings/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    assert meetings, "the built site has no meeting page"
    return ["/", "/countries/", "/countries/mne/", "/requests/", "/deadlines/", "/timeline/",
            "/coalitions/", "/action-plan/", "/meetings/", f"/meetings/{meetings[0].parent.name}/",
            "/sources/", "/report/", "/data/", "/attention/", "/changes/", "/contribute/",
            "/contribute/reference/countries/", "/fr/countries/mne/"]


@functools.cache
def _axe_source() -> str:
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


@dataclass
class Audit:
    """axe-core's findings on the audited pages in one colour scheme (and one viewport)."""

    scheme: str
    version: str = ""
    violations: dict[str, list[dict]] = field(default_factory=dict)  # path → axe's violations
    problems: list[str] = field(default_factory=list)  # a page that did not load or showed the wrong palette


def audit_page(page, path: str, audit: Audit) -> None:
    """Run axe-core on the loaded page: every rule in the light palette, colour rules in the dark."""
    expected = "slate" if audit.scheme == "dark" else "default"
    shown = page.locator("body").get_attribute("data-md-color-scheme")
    if shown != expected:
        audit.problems.append(f"{path}: the palette is {shown!r}, not {expected!r}")
    page.add_style_tag(content=STILL)
    # Evaluated through the DevTools protocol, which the pages' Content-Security-Policy allows.
    page.evaluate(_axe_source())
    options = COLOUR_RULES if audit.scheme == "dark" else EVERY_RULE
    results = page.evaluate("options => axe.run(document, options)", options)
    audit.version = results["testEngine"]["version"]
    audit.violations[path] = results["violations"]


def audit_pages(browser, url: str, paths: list[str], viewport: dict[str, int], scheme: str) -> Audit:
    """Open each path in a fresh context of this viewport and colour scheme and run axe-core."""
    audit = Audit(scheme)
    # The palette follows prefers-color-scheme (mkdocs.yml), which the context sets.
    context = browser.new_context(viewport=viewport, color_scheme=scheme, proxy=NO_OTHER_HOST)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        for path in paths:
            response = page.goto(url + path, wait_until="load")
            if response is None or response.status != 200:
                audit.problems.append(f"{path}: {response and response.status}")
                continue
            audit_page(page, path, audit)
    finally:
        context.close()
    return audit


# --- every page, once ---------------------------------------------------------------------


@dataclass
class Crawl:
    """Every page of every language opened once in Chromium (wide, light, JavaScript on): what
    was asked of other hosts, refused by the Content-Security-Policy or answered with an error,
    and axe-core's audit of the pages of audited_pages() on the way."""

    audit: Audit
    loaded: int = 0
    outside: list[str] = field(default_factory=list)
    refused_by_policy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # local addresses answering 400 or more
    not_loaded: list[str] = field(default_factory=list)  # pages that did not answer 200


def crawl(browser, site: Path, url: str) -> Crawl:
    """Open the pages of crawled_pages() and the audited ones; run axe-core on the audited pages
    (when installed)."""
    audited = set(audited_pages(site)) if AXE_FILE_PATH is not None else set()
    result = Crawl(Audit("light"))
    context = browser.new_context(viewport=WIDE, color_scheme="light", proxy=NO_OTHER_HOST)
    context.set_default_timeout(30_000)
    # Context events see every page's requests, those of its workers, and ones the CSP refused.
    context.on("request", lambda r: None if is_local(r.url) else result.outside.append(r.url))
    context.on("response", lambda r: result.missing.append(r.url) if r.status >= 400 else None)
    page = context.new_page()
    # A fetch the Content-Security-Policy refuses may never become a request: it shows here.
    page.on("console", lambda m: result.refused_by_policy.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        for address in sorted({address_of(file) for file in crawled_pages(site)} | audited):
            response = page.goto(url + address, wait_until="load")
            if response is None or response.status != 200:
                result.not_loaded.append(f"{address}: {response and response.status}")
                continue
            result.loaded += 1
            if address in audited:
                audit_page(page, address, result.audit)
    finally:
        context.close()
    return result
