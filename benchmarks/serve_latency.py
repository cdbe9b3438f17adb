"""`make bench-serve`: how long an editor waits, under `mkdocs serve`, to see a one-line YAML edit.

In a snapshot of the project (run.py's: the working tree with its git history, and its package),
start `mkdocs serve` on a free port and wait until it serves the page. Then, several times, change
one line of a record (a word added to the first line of its `notes:`) and poll the page over HTTP
every 50 ms until the word appears. The latency runs from the file's write to the page showing it:
MkDocs' watcher looks for changes every 0.5 s, waits 0.1 s for more, then rebuilds the default
language in full (the plugin loads the content and renders every page again) and only then
answers requests again, so a page is never read half-built. Then, to say where the time goes,
the same rebuild three times in one warm process, the generator's part timed apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from run import BIN, machine, snapshot, write_section

POLL = 0.05  # seconds between two requests for the page
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through an http_proxy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, shown: Callable[[str], bool], server: subprocess.Popen, log: Path, timeout: float) -> float:
    """Poll `url` until its body satisfies `shown`; the perf_counter() of that answer."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped ({server.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with _direct.open(url, timeout=30) as answer:
                if shown(answer.read().decode("utf-8", "replace")):
                    return time.perf_counter()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not serving yet, or a 404 while the first build runs
        time.sleep(POLL)
    raise SystemExit(f"{url} did not show the edit within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def edited(text: str, word: str) -> str:
    """The record with `word` at the end of the first line of its English `notes:` block (`notes: >-`,
    or `en: >-` under `notes:` when it is given per language): one line changed."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[:-2]):
        if not line.startswith("notes:"):
            continue
        if line.split(":", 1)[1].strip() in (">", ">-", "|", "|-"):
            lines[i + 1] = f"{lines[i + 1].rstrip()} {word}\n"
            return "".join(lines)
        if lines[i + 1].strip() in ("en: >", "en: >-", "en: |", "en: |-"):  # the page shown is English
            lines[i + 2] = f"{lines[i + 2].rstrip()} {word}\n"
            return "".join(lines)
    raise SystemExit("the record has no `notes:` block (notes: >-) whose first line could take a word")


def measure(record: str, page: str, edits: int) -> tuple[float, list[float]]:
    """Seconds until the page is first served, and from each edit's write until the page shows it."""
    with tempfile.TemporaryDirectory(prefix="ccm-ica-serve-") as tmp:
        project, log = Path(tmp) / "project", Path(tmp) / "serve.log"
        env = snapshot(project)
        url = f"http://127.0.0.1:{free_port()}{page}"
        address = url.split("/")[2]
        with open(log, "wb") as output:
            started = time.perf_counter()
            server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", address], cwd=project, env=env,
                                      stdout=output, stderr=subprocess.STDOUT)
            try:
                first = wait_for(url, lambda body: True, server, log, timeout=600) - started
                print(f"  serving {url} after {first:.2f} s", flush=True)
                path = project / record
                original = path.read_text(encoding="utf-8")
                latencies = []
                for n in range(1, edits + 1):
                    word = f"benchedit{n}"
                    path.write_text(edited(original, word), encoding="utf-8")
                    written = time.perf_counter()
                    latencies.append(wait_for(url, lambda body, word=word: word in body, server, log, timeout=300) - written)
                    print(f"  edit {n}/{edits}: shown after {latencies[-1]:.2f} s", flush=True)
                    time.sleep(1)  # let the watcher see a quiet folder before the next edit
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    return first, latencies


# Run in the snapshot: three rebuilds of the default language in one process, as `mkdocs serve`
# makes them, timing the plugin's own work (load, check, facts, files, report, render) apart.
_SPLIT = """
import json, tempfile, time
import ccm_ica.emit.plugin as plugin
from mkdocs.commands.build import build
from mkdocs.config import load_config
own = [0.0]
def timed(function):
    def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            own[0] += time.perf_counter() - started
    return run
for name in ("load_site", "prepare", "render_site"):
    setattr(plugin, name, timed(getattr(plugin, name)))
runs = []
for _ in range(4):
    own[0], started = 0.0, time.perf_counter()
    build(load_config("mkdocs.yml", site_dir=tempfile.mkdtemp()))
    runs.append((time.perf_counter() - started, own[0]))
print(json.dumps(runs[1:]))  # the first pays for imports and compiling, as serve's first build does
"""


def rebuild_split() -> tuple[float, float]:
    """Median seconds of a warm rebuild of the default language, and the generator's part of it."""
    with tempfile.TemporaryDirectory(prefix="ccm-ica-serve-") as tmp:
        project = Path(tmp) / "project"
        env = snapshot(project)
        done = subprocess.run([str(BIN / "python"), "-c", _SPLIT], cwd=project, env=env, check=True,
                              capture_output=True, text=True)
    runs = json.loads(done.stdout.strip().splitlines()[-1])
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="edits measured (default 5)")
    parser.add_argument("--record", default="content/countries/mne.yml", help="the record edited (its notes: block)")
    parser.add_argument("--page", default="/countries/mne/", help="the page that shows its notes")
    args = parser.parse_args(argv)
    started, clock, load_start = dt.datetime.now(dt.UTC), time.perf_counter(), os.getloadavg()[0]
    first, latencies = measure(args.record, args.page, args.edits)
    rebuild, generator = rebuild_split()
    header = machine((load_start, os.getloadavg()[0]), started, time.perf_counter() - clock,
                     "`make bench-serve` (benchmarks/serve_latency.py)")
    text = "\n".join([
        "## `mkdocs serve`: from a YAML edit to the page", "", header, "",
        (f"`mkdocs serve` in a copy of the project; one line of `{args.record}` changed (a word added to its "
         f"`notes:`), then `{args.page}` polled every {POLL * 1000:.0f} ms until the word appears. MkDocs looks "
         "for changes every 0.5 s and waits 0.1 s for more before it rebuilds the default language in full."), "",
        f"- first page served {first:.2f} s after `mkdocs serve` started (its first build);",
        f"- each of {len(latencies)} edits shown after: " + ", ".join(f"{s:.2f}" for s in latencies) + " s;",
        f"- min / median / max: {min(latencies):.2f} / {statistics.median(latencies):.2f} / {max(latencies):.2f} s;",
        f"- where it goes: a rebuild of the default language in one warm process, as `mkdocs serve` makes it, "
        f"takes {rebuild:.2f} s (median of 3), of which the generator (load, check, facts, files, report, "
        f"render) {generator:.2f} s and MkDocs {rebuild - generator:.2f} s; the watcher adds 0.1–0.6 s."])
    write_section("bench-serve", text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
