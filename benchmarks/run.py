"""`make bench`: how long checking and building take, on the real content and at scales 1, 3 and 10.

For each content set, several runs, interleaved, of: (a) `ccm-ica check`; (b) the full
`mkdocs build --strict`, the ccm-ica plugin generating every page, three times (three_builds):
the first build with nothing cached, after a one-line edit to one record, and again on unchanged
input, which the build cache answers; (c) the floor: `mkdocs build --strict` of the very same
pages written out beforehand as Markdown files, with the plugin taken out of mkdocs.yml. The
generator's own share of a build is (b) − (c). Each run is a child
process with its own wall time, CPU time (user + system: other load on the machine disturbs it
less than wall time) and peak memory (ru_maxrss). Medians go to benchmarks/results.md with the
machine, the versions and the date, then the generator's stages per scale and its hot spots at
the largest scale (cProfile), each with how its calls grow from the scale before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic
from findings import CHECK_RUNS, HotSpot, Languages, Result, Run, results_page
from profile_generator import PROJECT

from ccm_ica.build_cache import CACHE_DIR, SWITCH, TEMPLATES_CACHE

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def measure(command: list[str], env: dict[str, str]) -> Run:
    """Run `command` as a child process; its wall time, CPU time and peak memory."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, name) for r in runs) for name in ("wall", "cpu", "rss_mb")))


# --- the floor: the same pages as plain Markdown files ------------------------------------


def without_plugin(mkdocs_yml: str) -> str:
    """mkdocs.yml with the `- ccm-ica` plugin entry (and any options under it) removed."""
    lines, out, skipping = mkdocs_yml.splitlines(keepends=True), [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skipping is not None and (indent > skipping or not line.strip()):
            continue
        skipping = None
        if re.match(r"^\s*-\s*ccm-ica\s*:?\s*$", line):
            skipping = indent
            continue
        out.append(line)
    return "".join(out)


def write_floor(root: Path, floor: Path, language: str = "en") -> tuple[int, int]:
    """Render `root` once in `language` and write every page and file into floor/docs, with
    Material's interface in that language; (pages, Markdown bytes)."""
    from ccm_ica.content import load_site
    from ccm_ica.pages.plan import plan_files
    from ccm_ica.pages.render import render_site

    shutil.rmtree(floor, ignore_errors=True)
    shutil.copytree(root / "docs", floor / "docs")
    shutil.copytree(root / "overrides", floor / "overrides")
    config = without_plugin((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config = re.sub(r"(?m)^(\s+language:\s*)\w+\s*$", rf"\g<1>{language}", config, count=1)
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = load_site(root)
    for src, (_, markdown) in render_site(site, language=language).items():
        path = floor / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    for planned in plan_files(site):
        path = floor / "docs" / planned.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(planned.content)
    pages = list((floor / "docs").rglob("*.md"))
    return len(pages), sum(page.stat().st_size for page in pages)


# --- one content set ----------------------------------------------------------------------


def count_records(root: Path) -> dict[str, int]:
    content = root / "content"
    folders = {"countries": "countries", "requests": "requests", "meetings": "meetings", "coalitions": "coalitions",
               "sources": "sources", "assistance": "assistance", "action plan": "action-plan"}
    return {name: len(list((content / folder).rglob("*.yml"))) for name, folder in folders.items()}


def three_builds(command: list[str], root: Path, env: dict[str, str]) -> tuple[Run, Run, Run]:
    """`command` three times: the first build, nothing cached; after a one-line edit to one record
    (a YAML comment: the key changes, the pages do not), the templates compiled before; again on
    that unchanged input, which the build cache answers. The record is restored afterwards."""
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(PROJECT / TEMPLATES_CACHE, ignore_errors=True)
    first = measure(command, env)
    record = min((root / "content" / "countries").glob("*.yml"))
    text = record.read_bytes()
    try:
        record.write_bytes(text + b"\n# edited by benchmarks/run.py\n")
        return first, measure(command, env), measure(command, env)
    finally:
        record.write_bytes(text)


def bench_set(name: str, scale: float | None, runs: int, work: Path, env: dict[str, str]) -> Result:
    slug = name.replace(" ", "-")
    root = PROJECT if scale is None else work / slug
    if scale is not None:
        synthetic.write_project(root, scale)
    pages, markdown_bytes = write_floor(root, work / f"{slug}-floor")
    stages = _stages(root, env)
    checks, builds, edits, rebuilds, floors = [], [], [], [], []
    for i in range(max(runs, CHECK_RUNS)):
        if i < CHECK_RUNS:
            checks.append(measure([str(BIN / "ccm-ica"), "--root", str(root), "check"], env))
        if i < runs:
            build, edited, rebuild = three_builds([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"),
                                                   "--site-dir", str(work / f"{slug}-site")], root, env)
            builds.append(build)
            edits.append(edited)
            rebuilds.append(rebuild)
            floors.append(measure([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(work / f"{slug}-floor" / "mkdocs.yml"),
                                   "--site-dir", str(work / f"{slug}-floor-site")], env))
        print(f"  {name}: run {i + 1} done", flush=True)
    return Result(name, count_records(root), pages, markdown_bytes, runs, median(checks), median(builds), median(edits),
                  median(rebuilds), median(floors), stages)


def bench_languages(result: Result, root: Path, work: Path, env: dict[str, str]) -> Languages:
    """What `make site` does: `ccm-ica build`, every language of site_config.yml in one process
    (content loaded once), against the floors of all its languages built one after another in
    one process too (floor_builds.py), so that both pay for starting Python and MkDocs once."""
    from ccm_ica.content import load_site

    slug = result.name.replace(" ", "-")
    languages = list(load_site(root).config.languages)
    floors = [work / f"{slug}-floor-{language}" for language in languages]
    for language, floor in zip(languages, floors):
        write_floor(root, floor, language)
    builds, edits, rebuilds, floor_runs = [], [], [], []
    for i in range(result.runs):
        build, edited, rebuild = three_builds([str(BIN / "ccm-ica"), "--root", str(root), "build", "--site-dir",
                                               str(work / f"{slug}-all-site")], root, env)
        builds.append(build)
        edits.append(edited)
        rebuilds.append(rebuild)
        floor_runs.append(measure([sys.executable, str(HERE / "floor_builds.py"),
                                   *(f"{floor / 'mkdocs.yml'}={work / f'{floor.name}-site'}" for floor in floors)], env))
        print(f"  {result.name}, all languages: run {i + 1} done", flush=True)
    return Languages(result.name, tuple(languages), result.runs, median(builds), median(edits), median(rebuilds),
                     median(floor_runs))


def _stages(root: Path, env: dict[str, str]) -> dict[str, float]:
    import json
    out = subprocess.run([sys.executable, str(HERE / "profile_generator.py"), str(root), "--stages"],
                         env={**env, SWITCH: "off"}, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- profile: hot spots and how they grow --------------------------------------------------


def _profile(root: Path, work: Path, env: dict[str, str], label: str) -> pstats.Stats:
    out = work / f"{label}.prof"
    subprocess.run([sys.executable, str(HERE / "profile_generator.py"), str(root), "--profile", str(out), "--top", "0"],
                   env={**env, SWITCH: "off"}, capture_output=True, check=True)
    return pstats.Stats(str(out))


def _where(key: tuple[str, int, str]) -> str:
    file, line, function = key
    if "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    elif str(PROJECT) in file:
        file = Path(file).relative_to(PROJECT).as_posix()
    elif "/lib/python3" in file:
        file = "python" + file.split("/lib/python", 1)[1]
    return f"{file}:{line} ({function})" if line else function


def hot_spots(large: pstats.Stats, small: pstats.Stats, top: int, *, ours: bool = False) -> list[HotSpot]:
    """The `top` functions in `large` by own time (or, with `ours`, the generator's by cumulative
    time), each with its growth in calls from `small`."""
    before = {key: value[1] for key, value in small.stats.items()}  # type: ignore[attr-defined]
    items = large.stats.items()  # type: ignore[attr-defined]
    if ours:
        items = [(key, value) for key, value in items if str(PROJECT / "generator") in key[0]]
    rows = sorted(items, key=lambda item: -item[1][3 if ours else 2])[:top]
    return [HotSpot(_where(key), calls, own, cumulative, calls / before[key] if before.get(key) else None)
            for key, (_, calls, own, cumulative, _) in rows]


def superlinear(large: pstats.Stats, small: pstats.Stats, limit: float, min_calls: int = 1000) -> list[HotSpot]:
    """Generator functions whose calls grow faster than any kind of record does (`limit`)."""
    before = {key: value[1] for key, value in small.stats.items()}  # type: ignore[attr-defined]
    found = [HotSpot(_where(key), calls, own, cumulative, calls / before[key])
             for key, (_, calls, own, cumulative, _) in large.stats.items()  # type: ignore[attr-defined]
             if str(PROJECT / "generator") in key[0] and calls >= min_calls and before.get(key)
             and calls / before[key] > limit]
    return sorted(found, key=lambda spot: -spot.own)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,3,10", help="synthetic scales, comma-separated (default 1,3,10)")
    parser.add_argument("--runs", type=int, help="builds per set (default: 5 up to scale 1, 3 above)")
    parser.add_argument("--no-real", action="store_true", help="leave out the project's own content")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder (default benchmarks/.work)")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--top", type=int, default=15, help="hot spots listed")
    parser.add_argument("--languages", default="real,scale 3",
                        help="sets also built in every language, as `make site` does (default 'real,scale 3')")
    args = parser.parse_args(argv)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    env.pop("CCM_ICA_AS_OF", None)
    env.pop(SWITCH, None)  # the cache as a user has it: on
    # Children import the generator from this tree (before an editable install's), so a copy of
    # the project can be measured while the working tree changes.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    sets = [] if args.no_real else [("real", None, args.runs or 5)]
    sets += [(f"scale {s:g}", s, args.runs or (5 if s <= 1 else 3)) for s in scales]
    args.work.mkdir(parents=True, exist_ok=True)
    started, clock, load_start = dt.datetime.now(dt.timezone.utc), time.perf_counter(), os.getloadavg()[0]
    results, all_languages = [], []
    for name, scale, runs in sets:
        print(f"{name}: {runs} builds", flush=True)
        results.append(bench_set(name, scale, runs, args.work, env))
        if name in args.languages.split(","):
            root = PROJECT if scale is None else args.work / name.replace(" ", "-")
            all_languages.append(bench_languages(results[-1], root, args.work, env))
    synthetic_sets = [(name, scale) for name, scale, _ in sets if scale is not None]
    spots: tuple[list[HotSpot], list[HotSpot]] = ([], [])
    growing, profiled = [], "no scale"
    if len(synthetic_sets) >= 2:
        (small_name, small), (large_name, large) = synthetic_sets[-2], synthetic_sets[-1]
        print(f"profiling {large_name} (against {small_name})", flush=True)
        small_stats = _profile(args.work / small_name.replace(" ", "-"), args.work, env, small_name.replace(" ", "-"))
        large_stats = _profile(args.work / large_name.replace(" ", "-"), args.work, env, large_name.replace(" ", "-"))
        small_counts, large_counts = synthetic.counts(small), synthetic.counts(large)
        limit = 1.5 * max(large_counts[k] / small_counts[k] for k in large_counts if small_counts[k])
        spots = (hot_spots(large_stats, small_stats, args.top, ours=True), hot_spots(large_stats, small_stats, args.top))
        growing = superlinear(large_stats, small_stats, limit)
        profiled = large_name
    minutes = (time.perf_counter() - clock) / 60
    text = results_page(results, all_languages, spots, growing, profiled, started, (load_start, os.getloadavg()[0]), minutes)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
