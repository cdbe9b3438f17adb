"""Helpers for the browser tests: serve the site, guard requests, measure colours."""

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


def guard(context, page) -> Watch:
    """Record every request; let only 127.0.0.1 through (route), and collect errors."""
    watch = Watch()

    def on_route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

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

    context.route("**/*", on_route)
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
