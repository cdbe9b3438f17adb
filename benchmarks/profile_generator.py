"""The generator's own work on one project folder, the steps of generator/output.py's `produce`.

Stages timed in CPU seconds (`--stages`, one JSON line), or the whole run under cProfile
(`--profile FILE`, a pstats dump; the top functions are printed). Run in a fresh process, so
imports count as they do in a build:

    python benchmarks/profile_generator.py benchmarks/.work/scale-10 --profile /tmp/s10.prof
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # the generator package, when run as a script


def stages(root: Path) -> dict[str, float]:
    """CPU seconds of each step of generator/output.py's `produce`: import, load → index,
    files (Word, data: made once, the /data/ page lists them), plan, render; measured one after
    another here, though a build makes the files while it renders."""
    clock = time.process_time
    start = clock()
    from ccm_ica.content import load_site, without_cycle_collection
    from ccm_ica.pages.plan import plan_files, plan_pages
    from ccm_ica.pages.render import render_site
    imported = clock()
    site = load_site(root)
    indexed = clock()
    with without_cycle_collection():  # as the plugin does
        files = plan_files(site)
        for file in files:
            file.content  # noqa: B018 - made when first read
        filed = clock()
        plan_pages(site, files)  # views only, to split planning from rendering below
        planned = clock()
        pages = render_site(site, files=files)  # plans again, then renders
        rendered = clock()
    plan = planned - filed
    return {"import": imported - start, "load, validate, index": indexed - imported,
            "plan (views)": plan, "render": rendered - planned - plan,
            "files (Word, data)": filed - indexed, "total": rendered - start - plan,
            "pages": len(pages), "files": len(files),
            "records": sum(len(kind) for kind in site.entries.values())}


def profile(root: Path, out: Path) -> pstats.Stats:
    """cProfile of load → index → plan → render → files; the stats are also dumped to `out`."""
    profiler = cProfile.Profile()
    profiler.enable()
    from ccm_ica.content import load_site
    from ccm_ica.pages.plan import plan_files
    from ccm_ica.pages.render import render_site
    site = load_site(root)
    render_site(site, files=plan_files(site))
    profiler.disable()
    profiler.dump_stats(str(out))
    return pstats.Stats(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder with content/ and site_config.yml")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--stages", action="store_true", help="print CPU seconds per stage as JSON")
    what.add_argument("--profile", type=Path, metavar="FILE", help="write a cProfile dump to FILE")
    parser.add_argument("--top", type=int, default=30, help="functions printed with --profile")
    args = parser.parse_args(argv)
    if args.stages:
        print(json.dumps(stages(args.root)))
    else:
        profile(args.root, args.profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
