"""The Word report's own cost: `to_docx` (python-docx, from the shipped reference document) on the
real content and on synthetic content at scale 10, beside `to_markdown` of the same document and,
on the real content, LibreOffice's PDF conversion. In-process timings (time.process_time and
wall), each the median of several runs after one warm-up; the section goes to results.md.

    python benchmarks/report_word.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic, run: wherever this is run from
import synthetic
from run import PROJECT, machine, write_section

from ccm_ica.content import load_site
from ccm_ica.facts import compute_facts
from ccm_ica.report.build import build_report
from ccm_ica.report.document import Table, to_markdown
from ccm_ica.report.pdf import PdfUnavailable, soffice, to_pdf
from ccm_ica.report.word import to_docx

DATED = dt.date(2026, 12, 1)


def timed(work, runs: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `runs` calls, after one untimed warm-up."""
    result = work()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    started, clock, load = dt.datetime.now(dt.UTC), time.perf_counter(), os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        scaled = Path(work) / "scale-10"
        synthetic.write_project(scaled, 10)
        for name, root in (("real", PROJECT), ("scale 10", scaled)):
            site = load_site(root)
            document = build_report(compute_facts(site, site.config.report.as_of), DATED)
            tables = [b for b in document.blocks if isinstance(b, Table)]
            cells = sum(len(t.header) * (len(t.rows) + 1) for t in tables)
            word_wall, word_cpu, data = timed(lambda document=document: to_docx(document, DATED), args.runs)
            md_wall, _, _ = timed(lambda document=document: to_markdown(document), args.runs)
            pdf = "—"
            if name == "real" and soffice():
                try:
                    pdf_wall, _, _ = timed(lambda data=data: to_pdf(data), 2)
                    pdf = f"{pdf_wall:.2f}"
                except PdfUnavailable as error:
                    pdf = f"failed: {error}"
            rows.append(f"| {name} | {sum(len(t.rows) for t in tables)} | {cells} | {word_wall:.3f} | {word_cpu:.3f} | "
                        f"{len(data) // 1024} KB | {md_wall:.3f} | {pdf} |")
    text = "\n".join([
        "## The Word report: `to_docx` at the real size and at scale 10", "",
        machine((load, os.getloadavg()[0]), started, time.perf_counter() - clock, "`benchmarks/report_word.py`"), "",
        ("The report's document built once; then `to_docx` (python-docx writing into the shipped reference "
         "document: open, write, save, fixed zip) and `to_markdown` of the same document, in process, median "
         f"of {args.runs} runs after a warm-up; the PDF (LibreOffice, its own profile each time, median of 2) on "
         "the real content only. Seconds."), "",
        "| content | table rows | table cells | to_docx wall | to_docx CPU | .docx | to_markdown wall | PDF wall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
    ])
    write_section("bench-report", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
