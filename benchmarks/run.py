"""`make bench`: `ccm-ica build` of every language against its floor, MkDocs alone building the
very same Markdown (floor_builds.py), on the real content and on synthetic content at scale 10.

The project's goal: the whole build costs at most 1.15× its floor, in wall time and in CPU time.
Each run is a whole child process (Python, MkDocs and Material start in each, as for a user),
timed from outside: its wall time, and its CPU time (user + system of the child and of what it
waited for, from os.wait4), which other work on the machine disturbs less. The runs alternate
(build, floor, floor, build, …) so that a drift in the machine's speed falls on both. Both work on
a snapshot of the working tree, package included, taken at the start, so that an edit made while
the benchmark runs cannot reach only some of the runs. Results go to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic, floor_builds: wherever this is run from
import synthetic
from floor_builds import SPEC

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
RESULTS = HERE / "results.md"
HISTORY = "## History"
GOAL = 1.15  # build / floor, wall and CPU: PRODUCT.md's "little more than MkDocs building the same Markdown"


@dataclass(frozen=True)
class Run:
    """One child process: seconds of wall time and of CPU time (user + system)."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class SetResult:
    """One content set: what it holds and the runs of its build and of its floor."""

    name: str
    records: int
    summary: dict  # from floor_builds.prepare: languages, pages and Markdown bytes per language, files
    files: int  # in the built site, the same paths in the floor's
    build: list[Run]
    floor: list[Run]


# --- the snapshot and the machine, shared with serve_latency.py ----------------------------


def snapshot(dest: Path) -> dict[str, str]:
    """Copy the working tree to `dest` (with its git history: the records' dates come from it) and
    return the environment whose Python imports ccm_ica from that copy, not from the editable install."""
    top = {".venv", "site", ".site.building", ".site.previous", ".pytest_cache", ".ruff_cache", "ccm_ica.egg-info"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {"__pycache__"} | (top if Path(folder) == PROJECT else set()) | ({".work"} if Path(folder) == HERE else set())
        return skip & set(names)

    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(PROJECT, dest, ignore=ignore, symlinks=True)
    # Compiled as `pip install` compiles an installed package (PYTHONDONTWRITEBYTECODE, often set,
    # would otherwise make every build compile the generator's sources again).
    compileall.compile_dir(dest / "generator", quiet=1)
    package = dest / ".package"
    package.mkdir()
    (package / "ccm_ica").symlink_to(dest / "generator", target_is_directory=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(package)}
    env.setdefault("SOURCE_DATE_EPOCH", _git("log", "-1", "--format=%ct") or "0")
    env.pop("CCM_ICA_AS_OF", None)
    origin = subprocess.run([sys.executable, "-c", "import ccm_ica; print(ccm_ica.__file__)"], env=env,
                            capture_output=True, text=True, check=True).stdout.strip()
    if not origin.startswith(str(package)):
        raise SystemExit(f"the snapshot's package is not the one imported: {origin}")
    return env


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(PROJECT), *args], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def machine(load: tuple[float, float], started: dt.datetime, seconds: float, what: str) -> str:
    """The lines every section starts with: when, which commit, the machine, its load, the versions."""
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor() or "?")
    dirty = " plus uncommitted changes" if _git("status", "--porcelain") else ""
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "ccm-ica"))
    took = f"{seconds / 60:.1f} minutes" if seconds >= 90 else f"{seconds:.0f} s"
    return (f"Written by {what} on {started:%Y-%m-%d %H:%M} UTC, in {took}, at commit "
            f"{_git('rev-parse', '--short', 'HEAD') or '?'}{dirty}.  \n"
            f"Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}, {cpu}), {platform.system()} "
            f"{platform.release()}; load average {load[0]:.2f} at the start, {load[1]:.2f} at the end "
            f"(other work on the machine slows wall times, CPU times less).  \n"
            f"Versions: Python {platform.python_version()}, {versions}.")


def write_section(name: str, text: str, path: Path = RESULTS) -> None:
    """Put `text` between results.md's <!-- name --> and <!-- /name --> (added before the history
    when missing), so the other measurement's section and the history stay as they are."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{text.strip()}\n{end}"
    page = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in page and end in page:
        before, rest = page.split(start, 1)
        page = before + block + rest.split(end, 1)[1]
    elif HISTORY in page:
        before, after = page.split(HISTORY, 1)
        page = f"{before}{block}\n\n{HISTORY}{after}"
    else:
        page = f"{page.rstrip()}\n\n{block}\n"
    path.write_text(page, encoding="utf-8")


# --- measuring --------------------------------------------------------------------------


def measure(command: list[str], env: dict[str, str]) -> Run:
    """Run `command` as a child process: its wall time and CPU time (user + system)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def bench_set(name: str, root: Path, runs: int, work: Path, env: dict[str, str]) -> SetResult:
    """Prepare the floor (untimed), then `runs` builds and `runs` floors, alternating."""
    slug = name.replace(" ", "-")
    floor, sites = work / f"{slug}-floor", {"build": work / f"{slug}-build-site", "floor": work / f"{slug}-floor-site"}
    prepared = subprocess.run([sys.executable, str(HERE / "floor_builds.py"), "prepare", str(root), str(floor)],
                              env=env, capture_output=True, text=True, check=False)
    if prepared.returncode != 0:
        raise SystemExit(f"preparing the floor of {name} failed:\n{prepared.stdout[-2000:]}{prepared.stderr[-3000:]}")
    summary = json.loads(prepared.stdout.strip().splitlines()[-1])
    commands = {"build": [str(BIN / "ccm-ica"), "--root", str(root), "build", "--site-dir", str(sites["build"])],
                "floor": [sys.executable, str(HERE / "floor_builds.py"), str(floor / SPEC), str(sites["floor"])]}
    measured: dict[str, list[Run]] = {"build": [], "floor": []}
    for i in range(runs):
        for what in ("build", "floor") if i % 2 == 0 else ("floor", "build"):
            shutil.rmtree(sites[what], ignore_errors=True)  # both start from nothing, as a fresh checkout does
            measured[what].append(measure(commands[what], env))
        if i == 0:
            built, floored = _files(sites["build"]), _files(sites["floor"])
            # The same pages; the build then leaves out what no page loads and the languages'
            # copies of shared files (emit/shared_assets.py), which the floor, MkDocs alone, keeps.
            pages = {path for path in built | floored if path.endswith(".html")}
            if not built <= floored or {p for p in built if p in pages} != {p for p in floored if p in pages}:
                raise SystemExit(f"{name}: the build and the floor made different pages or files: "
                                 f"{sorted((built - floored) | (pages - built))[:10]}")
        b, f = measured["build"][-1], measured["floor"][-1]
        print(f"  {name} run {i + 1}/{runs}: build {b.wall:.2f} s wall, {b.cpu:.2f} s CPU; "
              f"floor {f.wall:.2f} s wall, {f.cpu:.2f} s CPU", flush=True)
    records = sum(1 for _ in (root / "content").rglob("*.yml"))
    return SetResult(name, records, summary, len(built), measured["build"], measured["floor"])


# --- the results --------------------------------------------------------------------------


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def _ratio(result: SetResult, field: str) -> float:
    return (statistics.median(getattr(r, field) for r in result.build)
            / statistics.median(getattr(r, field) for r in result.floor))


def _verdict(ratio: float) -> str:
    return f"×{ratio:.3f}: {'met' if ratio <= GOAL else 'not met'}"


METHOD = (
    "**Build**: `ccm-ica build --site-dir <tmp>`, every language of site_config.yml in one process (load, validate, "
    "facts, files and report once, then each language rendered and built by MkDocs, one staging folder, one swap). "
    "**Floor**: one process in which MkDocs builds the same Markdown in every language, with each language's config "
    "as `ccm-ica build` makes it, the pages and files written out beforehand, and no ccm-ica plugin "
    "(benchmarks/floor_builds.py). Both make the same files; the floor's pages differ only by what the plugin does "
    "(the edit links of generated pages, hand-written pages sanitised). Build / floor is the generator's own cost. "
    "Seconds, min / median / max of each set's runs; the ratios are of the medians."
)


def results_section(results: list[SetResult], header: str) -> str:
    lines = ["## `ccm-ica build` against its floor", "", header, "", METHOD, "",
             "| content | records | languages | pages per language | Markdown (first language) | files in the site |",
             "| --- | ---: | --- | ---: | ---: | ---: |"]
    for r in results:
        first = r.summary["languages"][0]
        lines.append(f"| {r.name} | {r.records} | {', '.join(r.summary['languages'])} | {r.summary['pages'][first]} "
                     f"| {r.summary['markdown_bytes'][first] / 1024:.0f} KB | {r.files} |")
    lines += ["", "| content | runs | | wall: min / median / max | CPU: min / median / max |",
              "| --- | ---: | --- | ---: | ---: |"]
    for r in results:
        lines += [f"| {r.name} | {len(r.build)} | build | {_spread([x.wall for x in r.build])} | {_spread([x.cpu for x in r.build])} |",
                  f"| {r.name} | {len(r.floor)} | floor | {_spread([x.wall for x in r.floor])} | {_spread([x.cpu for x in r.floor])} |",
                  f"| {r.name} | | **build / floor** | **{_verdict(_ratio(r, 'wall'))}** | **{_verdict(_ratio(r, 'cpu'))}** |"]
    lines += ["", f"Goal: build / floor at most ×{GOAL} in wall time and in CPU time."]
    lines += [f"- {r.name}: wall {_verdict(_ratio(r, 'wall'))}; CPU {_verdict(_ratio(r, 'cpu'))}." for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the build and of the floor per content set (default 5)")
    parser.add_argument("--scales", default="10", help="synthetic scales, comma-separated (default 10; '' for none)")
    parser.add_argument("--no-real", action="store_true", help="leave out the project's own content")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder (default benchmarks/.work)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    started, clock, load_start = dt.datetime.now(dt.UTC), time.perf_counter(), os.getloadavg()[0]
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = snapshot(work / "real")
    sets = [] if args.no_real else [("real", work / "real")]
    for scale in (float(s) for s in args.scales.split(",") if s.strip()):
        root = work / f"scale-{scale:g}"
        synthetic.write_project(root, scale, source=work / "real")
        sets.append((f"scale {scale:g}", root))
    results = []
    for name, root in sets:
        print(f"{name}: {args.runs} runs of the build and of the floor", flush=True)
        results.append(bench_set(name, root, args.runs, work, env))
    command = " ".join(["benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    header = machine((load_start, os.getloadavg()[0]), started, time.perf_counter() - clock, f"`{command}`")
    text = results_section(results, header)
    write_section("bench", text, args.output)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
