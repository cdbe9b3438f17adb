"""What `make bench` found, and benchmarks/results.md written from it."""

from __future__ import annotations

import datetime as dt
import os
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

CHECK_RUNS = 5
TARGET_SHARE = 0.10  # the generator's share of a build aimed at (issue #8)


@dataclass(frozen=True)
class Run:
    """One child process (or the median of several): seconds of wall and CPU time, peak memory."""

    wall: float
    cpu: float
    rss_mb: float


class _Shares:
    """The generator's share of a build, (build − floor) / build, in CPU and in wall time, for
    `build`: the first build, nothing cached; `edited`: after an edit to one record (the
    templates compiled before, the content not); `rebuild`: unchanged input, from the build cache."""

    build: Run
    edited: Run
    rebuild: Run
    floor: Run

    def share(self, run: Run | None = None) -> float:
        run = run or self.build
        return (run.cpu - self.floor.cpu) / run.cpu

    def share_wall(self, run: Run | None = None) -> float:
        run = run or self.build
        return (run.wall - self.floor.wall) / run.wall

    def shares(self, wall: bool = False) -> str:
        share = self.share_wall if wall else self.share
        return " / ".join(f"{share(run):.0%}" for run in (self.build, self.edited, self.rebuild))


@dataclass
class Result(_Shares):
    """One content set: its size, the medians of each command, the generator's stages."""

    name: str
    records: dict[str, int]
    pages: int
    markdown_bytes: int
    runs: int
    check: Run
    build: Run
    edited: Run
    rebuild: Run
    floor: Run
    stages: dict[str, float]


@dataclass(frozen=True)
class Languages(_Shares):
    """One content set built in every language (`ccm-ica build`, as `make site` does) against the
    floors of all its languages built one after another."""

    name: str
    languages: tuple[str, ...]
    runs: int
    build: Run
    edited: Run
    rebuild: Run
    floor: Run  # every language's floor, built one after another in one process


@dataclass(frozen=True)
class HotSpot:
    """A function in the profile: where it is, its calls and seconds, how its calls grew."""

    where: str
    calls: int
    own: float
    cumulative: float
    growth: float | None  # calls at this scale / calls at the scale before


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    ram = next((int(line.split()[1]) / 1024**2 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    return (f"{os.cpu_count()} CPUs ({cpu}), {ram:.1f} GiB RAM, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, MkDocs {metadata.version('mkdocs')}, "
            f"mkdocs-material {metadata.version('mkdocs-material')}")


def _s(run: Run) -> str:
    return f"{run.wall:.2f} / {run.cpu:.2f}"


def _spot_table(spots: list[HotSpot]) -> list[str]:
    return ["| function | calls | own s | cumulative s | growth |", "| --- | ---: | ---: | ---: | ---: |"] + [
        f"| `{h.where}` | {h.calls} | {h.own:.2f} | {h.cumulative:.2f} | {f'×{h.growth:.1f}' if h.growth else 'new'} |" for h in spots]


def results_page(results: list[Result], all_languages: list[Languages], spots: tuple[list[HotSpot], list[HotSpot]],
                 growing: list[HotSpot], profiled: str,
                 started: dt.datetime, loads: tuple[float, float], minutes: float) -> str:
    """benchmarks/results.md: content sets, medians, targets, the generator's stages and hot spots."""
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench` (benchmarks/run.py) on {started:%Y-%m-%d %H:%M} UTC, in {minutes:.0f} minutes. ",
        f"Machine: {machine()}. ",
        f"Load average {loads[0]:.1f} at the start, {loads[1]:.1f} at the end: other work on the machine slows wall "
        "times. A build's CPU time is the work of its process and of the generator's background process "
        "(generator/background.py) together; its wall time is what the build takes, and the targets are judged on it.", "",
        "## Content", "",
        "| set | countries | requests | meetings | coalitions | sources | assistance | action plan | pages | Markdown |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        c = r.records
        lines.append(f"| {r.name} | {c['countries']} | {c['requests']} | {c['meetings']} | {c['coalitions']} | {c['sources']} | "
                     f"{c['assistance']} | {c['action plan']} | {r.pages} | {r.markdown_bytes / 1024:.0f} KB |")
    lines += [
        "", "## Medians", "",
        f"Seconds, wall / CPU; median of {CHECK_RUNS} runs of the check and of the stated number of builds, each "
        "`mkdocs build --strict` with the ccm-ica plugin. Build: the first build, nothing cached (the build cache and "
        "the compiled templates removed before each run). Edit: the same after a one-line change to one record, the "
        "case of `mkdocs serve` or of `make site` run again (the templates compiled before, the content not). "
        "Rebuild: unchanged input, answered by the build cache (generator/build_cache.py). Floor: the same pages as "
        "Markdown files, no plugin. Generator: (build − floor) / build.", "",
        "| set | builds | check | build | edit | rebuild | floor | generator (wall): build / edit / rebuild | (CPU) | pages/s | peak memory: check / build / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r.name} | {r.runs} | {_s(r.check)} | {_s(r.build)} | {_s(r.edited)} | {_s(r.rebuild)} | {_s(r.floor)} | "
                     f"{r.shares(wall=True)} | {r.shares()} | {r.pages / r.build.wall:.1f} | "
                     f"{r.check.rss_mb:.0f} / {r.build.rss_mb:.0f} / {r.floor.rss_mb:.0f} MB |")
    if all_languages:
        lines += [
            "", "## Every language, as `make site` builds", "",
            "`ccm-ica build`: content loaded, validated and indexed once, then one MkDocs build per language, in one "
            "process; build, edit and rebuild as above. Floor: each language's pages as Markdown files, built one after "
            "another with no plugin, in one process as well (benchmarks/floor_builds.py).", "",
            "| set | languages | builds | build | edit | rebuild | floor | generator (wall): build / edit / rebuild | (CPU) |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [f"| {a.name} | {', '.join(a.languages)} | {a.runs} | {_s(a.build)} | {_s(a.edited)} | {_s(a.rebuild)} | "
                  f"{_s(a.floor)} | {a.shares(wall=True)} | {a.shares()} |" for a in all_languages]
    lines += ["", "## Targets", ""] + targets(results, all_languages)
    lines += [
        "", "## The generator's stages", "",
        "CPU seconds in one process (benchmarks/profile_generator.py --stages), the steps of generator/output.py's `produce` "
        "one after another, with nothing cached (the first build); a build runs them in its background process while "
        "MkDocs works, and waits only until the pages are listed (validated, then planned), compiling the theme's templates meanwhile.", "",
        "| set | import | load, validate, index | plan (views) | render | files (Word, data) | total | ms per record | ms per page |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        s = r.stages
        lines.append(f"| {r.name} | {s['import']:.2f} | {s['load, validate, index']:.2f} | {s['plan (views)']:.2f} | {s['render']:.2f} | "
                     f"{s['files (Word, data)']:.2f} | {s['total']:.2f} | {1000 * (s['total'] - s['import']) / s['records']:.2f} | "
                     f"{1000 * (s['total'] - s['import']) / s['pages']:.1f} |")
    lines += [
        "", f"## Hot spots at {profiled}", "",
        "cProfile of the generator (load → index → plan → render → files); the profiler slows calls down, so its seconds "
        "are larger than above. Growth: calls here / calls at the scale before.", "",
        "The generator's functions, by cumulative time:", "",
    ]
    lines += _spot_table(spots[0]) + ["", "All functions (the generator's and the libraries' it calls), by own time:", ""]
    lines += _spot_table(spots[1])
    lines += ["", "Generator functions called more often than the content grows (calls grow faster than any kind of record):", ""]
    lines += [f"- `{h.where}`: {h.calls} calls (×{h.growth:.1f}), {h.own:.2f} s own" for h in growing[:15]] or ["- none"]
    return "\n".join(lines) + "\n"


def targets(results: list[Result], all_languages: list[Languages] | None = None) -> list[str]:
    """One line per kind of build: the generator's share of its wall time against the target, with
    the CPU share beside it (the work done, on both cores)."""
    lines = []
    for built, sets in (("one language", results), ("every language, `make site`", all_languages or [])):
        for what, run in (("the first build", lambda r: r.build), ("a build after an edit", lambda r: r.edited),
                          ("a rebuild of unchanged input", lambda r: r.rebuild)):
            if not sets:
                continue
            wall = {r.name: r.share_wall(run(r)) for r in sets}
            cpu = ", ".join(f"{r.name} {r.share(run(r)):.0%}" for r in sets)
            verdict = "met at every scale" if max(wall.values()) <= TARGET_SHARE else "missed"
            lines.append(f"- {built}, {what}: the generator's share at most {TARGET_SHARE:.0%} of the wall time: {verdict} ("
                         + ", ".join(f"{name} {share:.0%}" for name, share in wall.items()) + f"); of the CPU time: {cpu}.")
    by_name = {r.name: r for r in results}
    one, ten = by_name.get("scale 1"), by_name.get("scale 10")
    if one and ten:
        records = lambda r: sum(r.records.values())  # noqa: E731
        ratio = ten.build.cpu / one.build.cpu
        lines.append(f"- Scale 10 against scale 1: full build ×{ratio:.1f} CPU (×{ten.build.wall / one.build.wall:.1f} wall), "
                     f"check ×{ten.check.cpu / one.check.cpu:.1f}, generator stages ×{ten.stages['total'] / one.stages['total']:.1f}, "
                     f"for ×{records(ten) / records(one):.1f} records, ×{ten.pages / one.pages:.1f} pages and "
                     f"×{ten.markdown_bytes / one.markdown_bytes:.1f} Markdown: "
                     + ("at most ~10×: met." if ratio <= 10.5 else "more than ~10×: missed."))
        lines.append(f"- CPU per page of the full build: {1000 * one.build.cpu / one.pages:.0f} ms at scale 1, "
                     f"{1000 * ten.build.cpu / ten.pages:.0f} ms at scale 10; per KB of Markdown: "
                     f"{1000 * one.build.cpu / (one.markdown_bytes / 1024):.1f} ms and {1000 * ten.build.cpu / (ten.markdown_bytes / 1024):.1f} ms.")
    return lines
