"""`make bench-weight`: what the site weighs for a reader on a phone, against issue 23's budget.

The real site is built (`ccm-ica build`) from a snapshot of the working tree and served by a local
static server that gzip-compresses text as a host does (GitHub Pages: gzip, Cache-Control
max-age=600). Then:
- Chromium (Playwright, Debian's /usr/bin/chromium) opens a country profile with an empty cache
  and then the next page (another profile, then the countries index) in the same tab, counting the
  bytes transferred (headers and compressed bodies, the search worker's requests too) until the
  network is quiet;
- Lighthouse (benchmarks/package.json, `npm ci --prefix benchmarks`) scores each kind of page with
  its mobile defaults (a mid-range phone on a slow 4G link, simulated);
- the site's size is counted at the real size and at scale 10 (benchmarks/synthetic.py).
Results go to benchmarks/results.md, section bench-weight. Not run by CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run, synthetic: wherever this is run from
import synthetic
from run import machine, snapshot, write_section

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
FIRST_BUDGET, NEXT_BUDGET, SCORE_BUDGET = 150 * 1024, 30 * 1024, 95  # issue 23
FIRST, NEXT = "/countries/mne/", ("/countries/lao/", "/countries/")
# One page of each template (and the French profile: the languages share their assets).
KINDS = {
    "home": "/", "country profile": "/countries/mne/", "countries": "/countries/",
    "requests": "/requests/", "deadlines": "/deadlines/", "timeline": "/timeline/",
    "coalitions": "/coalitions/", "action plan": "/action-plan/", "meetings": "/meetings/",
    "meeting": None, "report": "/report/", "sources": "/sources/", "glossary": "/glossary/",
    "data": "/data/", "contribute": "/contribute/", "field reference": "/contribute/reference/",
    "needs attention": "/attention/", "recent changes": "/changes/", "profil (fr)": "/fr/countries/mne/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".ics", ".atom", ".txt", ".md")


# --- a host on this machine -------------------------------------------------------------------


class _CompressingHandler(SimpleHTTPRequestHandler):
    """Files as a static host serves them: text gzip-compressed when the browser accepts it, and
    cacheable for ten minutes. Every response's bytes (headers and body) are logged in `sent`."""

    compressed: dict[Path, bytes]
    sent: list[tuple[str, int]]

    def send_head(self):  # type: ignore[override]
        self._body = 0
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and path.suffix in COMPRESSED):
            opened = super().send_head()
            if opened is not None and hasattr(opened, "fileno"):
                self._body = os.fstat(opened.fileno()).st_size
            return opened
        if path not in self.compressed:
            self.compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.compressed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._body = len(body)
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        self._headers = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().end_headers()

    def do_GET(self) -> None:
        self._body = self._headers = 0
        super().do_GET()
        self.sent.append((self.path, self._headers + self._body))

    def log_message(self, *args) -> None:  # quiet
        pass


@contextmanager
def serve_compressed(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """Serve `site` on 127.0.0.1; yields the base address (no trailing slash) and the list the
    server appends (path, bytes sent) to for every GET."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (_CompressingHandler,), {"compressed": {}, "sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()


# --- bytes a browser transfers ----------------------------------------------------------------


@dataclass
class Visit:
    address: str
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes the server sent)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.requests)


def visit(browser, base: str, sent: list[tuple[str, int]], first: str, following: tuple[str, ...]) -> list[Visit]:
    """Open `first` with an empty cache, then each of `following` in the same tab (the cache
    warm, as a reader's next click): what the server sent for each, its search worker's too."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    visits: list[Visit] = []
    page = context.new_page()
    try:
        for address in (first, *following):
            del sent[:]
            page.goto(base + address, wait_until="load")
            page.wait_for_load_state("networkidle")
            time.sleep(1)
            visits.append(Visit(address, list(sent)))
    finally:
        context.close()
    return visits


def searching_works(browser, base: str) -> bool:
    """After the search box takes focus, a query finds the profile: the lazy index still searches."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "/", wait_until="load")
        page.focus("input.md-search__input")
        page.keyboard.type("Montenegro")
        page.wait_for_selector(".md-search-result__item a[href*='countries/mne']", timeout=20_000)
        return True
    except Exception:  # a timeout: no result
        return False
    finally:
        context.close()


# --- Lighthouse -------------------------------------------------------------------------------


def lighthouse(url: str, work: Path) -> dict:
    """Lighthouse's mobile performance audit of one page: its score and key figures."""
    report = work / "lighthouse.json"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                    f"--output-path={report}", "--quiet", "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                   env=env, check=True, capture_output=True, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


# --- the site's size --------------------------------------------------------------------------


def site_size(site: Path) -> dict[str, int]:
    """Bytes of the built site: in all, in source maps, and in files of /<code>/ the same as the root's."""
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    maps = sum(p.stat().st_size for p in files if p.suffix == ".map")
    duplicates = 0
    for path in files:
        relative = path.relative_to(site).parts
        if len(relative) > 1 and len(relative[0]) == 2:
            twin = site.joinpath(*relative[1:])
            if twin.is_file() and twin.stat().st_size == path.stat().st_size and twin.read_bytes() == path.read_bytes():
                duplicates += path.stat().st_size
    return {"files": len(files), "total": total, "maps": maps, "duplicates": duplicates}


def build(root: Path, site: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "ccm_ica", "--root", str(root), "build", "--site-dir", str(site)]
    subprocess.run(command, env=env, check=True, capture_output=True)


# --- the section of results.md ----------------------------------------------------------------


def _kb(size: float) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MiB"


def _mark(ok: bool) -> str:
    return "within" if ok else "**over**"


def section(header: str, visits: list[Visit], search_ok: bool, scores: dict[str, dict], sizes: dict[str, dict]) -> str:
    first, *following = visits
    lines = ["## Weight: what a phone downloads (issue 23)", "", header, "",
             "A local static server compressing text with gzip (level 6) and sending Cache-Control "
             "max-age=600, as GitHub Pages does; Chromium at a phone's size, cache empty for the first "
             "visit and warm for the next pages, counting headers and compressed bodies until the "
             "network is quiet. Budget: first visit at most 150 KB, the next page at most 30 KB, "
             "Lighthouse mobile performance at least 95.", "",
             "| visit | transferred | requests | budget |", "| --- | ---: | ---: | --- |",
             f"| first: {first.address} | {_kb(first.total)} | {len(first.requests)} | {_mark(first.total <= FIRST_BUDGET)} 150 KB |"]
    for item in following:
        lines.append(f"| next: {item.address} | {_kb(item.total)} | {len(item.requests)} | {_mark(item.total <= NEXT_BUDGET)} 30 KB |")
    lines += ["", "The first visit's requests: " + ", ".join(f"`{url.split('?')[0]}` {_kb(size)}" for url, size in first.requests) + ".",
              "", f"Search after the box takes focus: {'finds Montenegro' if search_ok else '**no result**'}.", ""]
    if scores:
        lines += ["Lighthouse (mobile, simulated slow 4G and a 4× slower CPU), one run per page:", "",
                  "| page kind | address | score | FCP s | LCP s | TBT ms | CLS | DOM elements | bytes |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for kind, (address, s) in scores.items():
            score = f"{s['score']}" if s["score"] >= SCORE_BUDGET else f"**{s['score']}**"
            lines.append(f"| {kind} | {address} | {score} | {s['fcp']:.1f} | {s['lcp']:.1f} | {s['tbt']:.0f} | "
                         f"{s['cls']:.3f} | {s['dom']:.0f} | {_kb(s['bytes'])} |")
        lowest = min(s["score"] for _, s in scores.values())
        lines += ["", f"Lowest score {lowest}: {_mark(lowest >= SCORE_BUDGET)} the budget of {SCORE_BUDGET}.", ""]
    lines += ["The built site (every language):", "", "| content | files | size | of which source maps | copies under /fr/, /es/ |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for name, s in sizes.items():
        lines.append(f"| {name} | {s['files']} | {_kb(s['total'])} | {_kb(s['maps'])} | {_kb(s['duplicates'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one (no scale 10)")
    parser.add_argument("--no-lighthouse", action="store_true", help="leave out Lighthouse")
    parser.add_argument("--scale", type=float, default=10, help="synthetic scale for the size (default 10; 0 for none)")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder (default benchmarks/.work)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started, clock, load_start = dt.datetime.now(dt.UTC), time.perf_counter(), os.getloadavg()[0]
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, dict] = {}
    if args.site:
        site = args.site.resolve()
    else:
        env = snapshot(work / "real")
        site = work / "weight-site"
        shutil.rmtree(site, ignore_errors=True)
        build(work / "real", site, env)
    sizes["real"] = site_size(site)
    if args.scale and not args.site:
        root = work / f"scale-{args.scale:g}"
        synthetic.write_project(root, args.scale, source=work / "real")
        scaled = work / "weight-site-scaled"
        shutil.rmtree(scaled, ignore_errors=True)
        build(root, scaled, env)
        sizes[f"scale {args.scale:g}"] = site_size(scaled)
        shutil.rmtree(scaled)
    from playwright.sync_api import sync_playwright

    scores: dict[str, tuple[str, dict]] = {}
    with serve_compressed(site) as (base, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        visits = visit(browser, base, sent, FIRST, NEXT)
        search_ok = searching_works(browser, base)
        browser.close()
        if not args.no_lighthouse:
            meeting = sorted(p.parent.name for p in (site / "meetings").glob("*/index.html"))[0]
            for kind, address in KINDS.items():
                address = address or f"/meetings/{meeting}/"
                print(f"lighthouse: {kind} {address}", flush=True)
                scores[kind] = (address, lighthouse(base + address, work))
    command = " ".join(["benchmarks/weight.py", *(sys.argv[1:] if argv is None else argv)])
    header = machine((load_start, os.getloadavg()[0]), started, time.perf_counter() - clock, f"`{command}`")
    text = section(header, visits, search_ok, scores, sizes)
    write_section("bench-weight", text, args.output)
    print(text)
    over = [visits[0].total > FIRST_BUDGET, *(v.total > NEXT_BUDGET for v in visits[1:]),
            any(s["score"] < SCORE_BUDGET for _, s in scores.values()), not search_ok]
    return 1 if any(over) else 0


if __name__ == "__main__":
    raise SystemExit(main())
