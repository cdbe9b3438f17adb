"""Synthetic content at a chosen scale, for the benchmarks: realistic shapes, valid, deterministic.

Scale 1 has about as many records of each kind as the real content; scale 10 has 200 States,
2,000 requests, 300 meetings and 50 coalitions; counts grow linearly in between (and below 1,
in proportion). Countries are real ISO 3166-1 codes (pycountry), so their number is capped at
pycountry's. The same scale and seed always write the same files. Nothing here is a fact: the
folder this writes is for timing builds, never for content/. The records themselves are drawn
in synthetic_records.py.

    python benchmarks/synthetic.py --scale 3 benchmarks/.work/scale-3
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import pycountry
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic_records, wherever this is run from
import synthetic_records as records
from synthetic_records import AREAS, AS_OF, HEADING_TITLES, HEADINGS, MEETING_KINDS

PROJECT = Path(__file__).resolve().parent.parent
# What a build needs beside content/ and site_config.yml, copied from the project: templates and
# catalogs too, since they are read from the project being built.
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "templates", "locale")

# Records per kind at scale 1 (the real content, November 2026) and at scale 10 (issue #8).
AT_1 = {"sources": 27, "countries": 38, "meetings": 18, "coalitions": 2, "requests": 15,
        "assistance": 0, "activities": 12, "outputs": 7}
AT_10 = {"sources": 270, "countries": 200, "meetings": 300, "coalitions": 50, "requests": 2000,
         "assistance": 200, "activities": 120, "outputs": 70}
MINIMUM = {"sources": 2, "countries": 4, "meetings": 2, "coalitions": 1, "requests": 1,
           "assistance": 0, "activities": 1, "outputs": 1}


def counts(scale: float) -> dict[str, int]:
    """Records per kind: linear between scale 1 and scale 10 (and beyond), proportional below 1."""
    if scale <= 0:
        raise ValueError("the scale must be positive")
    result = {}
    for kind, one in AT_1.items():
        n = one * scale if scale < 1 else one + (AT_10[kind] - one) * (scale - 1) / 9
        result[kind] = max(MINIMUM[kind], round(n))
    result["countries"] = min(result["countries"], len(pycountry.countries))
    return result


# --- writing ----------------------------------------------------------------------------


def _dump(root: Path, folder: str, record_id: str, schema: str, record: dict[str, Any]) -> None:
    path = root / folder / f"{record_id}.yml"
    depth = "../" * (folder.count("/") + 1)
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"# yaml-language-server: $schema={depth}schemas/{schema}.schema.json\n{body}", encoding="utf-8")


_FOLDERS = {"sources": "content/sources", "countries": "content/countries", "meetings": "content/meetings",
            "coalitions": "content/coalitions", "requests": "content/requests", "assistance": "content/assistance",
            "headings": "content/action-plan/headings", "activities": "content/action-plan/activities",
            "outputs": "content/action-plan/outputs"}


def _cited(value: Any) -> set[str]:
    """Every source id in a record's `sources` lists, at any depth."""
    if isinstance(value, dict):
        return set(value.get("sources", [])).union(*(_cited(v) for k, v in value.items() if k != "sources"))
    if isinstance(value, list):
        return set().union(*(_cited(item) for item in value))
    return set()


def write_content(root: Path, scale: float, seed: int = 8) -> dict[str, int]:
    """content/ and site_config.yml for `scale` under `root` (emptied first); records per kind written."""
    n = counts(scale)
    w = records.Writer(seed)
    shutil.rmtree(root / "content", ignore_errors=True)
    for folder in _FOLDERS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}

    def put(kind: str, record_id: str, record: dict[str, Any]) -> None:
        if kind != "sources":  # as the real content: a quote of each source the record cites
            record["quotes"] = {source: [w.sentence()] for source in sorted(_cited(record))}
        _dump(root, _FOLDERS[kind], record_id, kind, record)
        written[kind] = written.get(kind, 0) + 1

    sources = [records.source(w, i) for i in range(1, n["sources"] + 1)]
    codes = sorted(w.rng.sample(sorted(c.alpha_3.lower() for c in pycountry.countries), n["countries"]))
    affected = sorted(w.rng.sample(codes, max(1, round(len(codes) * 0.35))))
    donors = sorted(w.rng.sample([c for c in codes if c not in affected], max(1, round(len(codes) * 0.25))))
    ids = records.Ids([s for s, _ in sources], codes, affected, donors, [], [])

    # Meeting ids first: countries' extensions are decided at meetings, requests made at them.
    dates = sorted(w.day(dt.date(2010, 1, 1), dt.date(2020, 12, 31)) for _ in range(n["meetings"]))
    kinds = [w.rng.choice(MEETING_KINDS) for _ in dates]
    for i, date in enumerate(dates):
        ids.meetings.append((f"{date.isoformat()}-{kinds[i]}-{i + 1}", date, kinds[i]))
    coalition_plan = []
    for i in range(n["coalitions"]):
        iso3, area = affected[i % len(affected)], AREAS[(i // len(affected)) % 3]
        coalition_plan.append((f"{iso3}-{area}" + (f"-{i}" if i >= 3 * len(affected) else ""), iso3, area))
    ids.coalitions = [c for c, _, _ in coalition_plan]

    completed: dict[str, set[int]] = {}
    for iso3 in codes:
        record = records.country(w, ids, iso3)
        completed[iso3] = {o["article"] for o in record.get("obligations", []) if "completed" in o}
        put("countries", iso3, record)
    for (meeting_id, date, kind) in ids.meetings:
        record = records.meeting(w, ids, kind, date)
        if ids.coalitions and w.rng.random() < 0.2:
            record["coalitions"] = w.some(ids.coalitions, 1, 2)
        put("meetings", meeting_id, record)
    for coalition_id, iso3, area in coalition_plan:
        put("coalitions", coalition_id, records.coalition(w, ids, iso3, area))
    requesting = affected + w.some([c for c in codes if c not in affected], 0, len(affected) // 3)
    for i in range(n["requests"]):
        iso3 = requesting[i % len(requesting)]
        year, area = w.rng.randint(2011, 2020), w.rng.choice(AREAS)
        put("requests", f"{iso3}-{year}-{area}-{i + 1}", records.request(w, ids, iso3, year, area, completed[iso3]))
    for i in range(n["assistance"]):
        put("assistance", f"assistance-{i + 1:04d}", records.assistance(w, ids))
    for i in range(1, HEADINGS + 1):
        put("headings", f"5-{i}", {"number": f"5.{i}", "title": HEADING_TITLES[i - 1],
                                   "paragraphs": [{"number": f"{37 + i}(a)", "text": w.sentence()}], "sources": ids.cite(w)})
    for i in range(1, n["activities"] + 1):
        put("activities", f"activity-{i:03d}", records.activity(w, ids, i))
    for i in range(1, n["outputs"] + 1):
        put("outputs", f"output-{i:03d}", records.output(w, ids, i))
    # Sources last, once the round-robin has cited each of them at least once.
    for source_id, record in sources:
        put("sources", source_id, record)
    (root / "site_config.yml").write_text(yaml.safe_dump({
        "title": f"CCM cooperation and assistance (synthetic, scale {scale:g})",
        "description": "Synthetic records for timing the build; nothing here is a fact.",
        "report": {"as_of": AS_OF.isoformat(), "period": {"start": "2017-07-01", "end": AS_OF.isoformat()}},
        # The real site's languages, so building every language (`make site`) is measured the same way.
        "languages": ["en", "fr", "es"]}, sort_keys=False), encoding="utf-8")
    return written


def write_project(root: Path, scale: float, seed: int = 8, source: Path = PROJECT) -> dict[str, int]:
    """A folder `ccm-ica build` can build: synthetic content plus PROJECT_FILES from `source` (this
    project, or the benchmark's snapshot of it)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)
        if (source / name).is_dir():
            shutil.copytree(source / name, target)
        else:
            shutil.copy(source / name, target)
    return write_content(root, scale, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write (content/ in it is replaced)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 is about the real content, 10 is 200 States (default 1)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--content-only", action="store_true", help="write content/ and site_config.yml only")
    args = parser.parse_args(argv)
    write = write_content if args.content_only else write_project
    written = write(args.folder, args.scale, args.seed)
    print(f"{args.folder}: " + ", ".join(f"{n} {kind}" for kind, n in written.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
