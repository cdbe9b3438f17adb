"""Charts drawn at build time as static, accessible SVG, put inline in the page.

matplotlib draws (no JavaScript; text stays text, escaped by its SVG writer); a tidy pass with
ElementTree then makes the SVG fit the page: a <title> and <desc> first, no fixed colours
(colours drawn as placeholders become currentColor and Material's CSS variables, so a chart
follows the light, dark and print schemes), ids unique on the page, nothing that varies between
builds. Every chart says its numbers in its <desc>, and the page shows them in a table beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from markupsafe import Markup
from matplotlib.artist import Artist
from matplotlib.dates import DateFormatter, YearLocator
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath
from matplotlib.ticker import MaxNLocator

from .dates import long_date
from .i18n import N_, _
from .index import Site
from .models.country import Obligation
from .report.indicators import compute
from .status import extension_in_force

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Colours matplotlib draws with, replaced by colours the page's CSS decides.
FG, MUTED, ACCENT = "#010101", "#020202", "#030303"
_CSS_COLOURS = {
    FG: "currentColor",
    MUTED: "var(--md-default-fg-color--light, currentColor)",
    ACCENT: "var(--md-typeset-a-color, currentColor)",
}
_TEXT = TextToPath()
_RC = {
    "svg.fonttype": "none",  # text as <text>, in the page's font, searchable and selectable
    "text.parse_math": False,  # a '$' in a name from YAML is a dollar sign, not TeX
    "font.size": 9,
    "text.color": FG, "axes.edgecolor": FG, "axes.labelcolor": FG, "xtick.color": FG, "ytick.color": FG,
    "hatch.color": FG, "hatch.linewidth": 0.8, "patch.edgecolor": FG, "patch.force_edgecolor": True,
    "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
    "savefig.transparent": True,
}


# --- drawing ------------------------------------------------------------------------------


def _text_width(text: str) -> float:
    """Width in points at the charts' font size, from the font's metrics: no drawing needed."""
    return _TEXT.get_text_width_height_descent(text, FontProperties(size=_RC["font.size"]), ismath=False)[0]


@dataclass(frozen=True)
class _Layout:
    """Margins in points, worked out from the text before drawing, so the figure is drawn once
    (matplotlib's bbox_inches='tight' would draw it twice: charts are the generator's largest cost)."""

    width: float  # inches
    plot_height: float  # inches
    left: float
    legend: list[Artist]  # its handles, each with its label

    def figure(self) -> tuple[Figure, Any]:
        columns = _legend_columns([_text_width(h.get_label()) for h in self.legend], self.width * 72 - 12)
        top = -(-len(self.legend) // columns) * 13.5 + 10
        bottom, right = 22.0, 14.0
        height = self.plot_height + (top + bottom) / 72
        figure = Figure(figsize=(self.width, height))
        figure.patch.set_visible(False)
        figure.subplots_adjust(left=self.left / (72 * self.width), right=1 - right / (72 * self.width),
                               top=1 - top / (72 * height), bottom=bottom / (72 * height))
        figure.legend(handles=self.legend, loc="upper left", bbox_to_anchor=(4 / (72 * self.width), 1),
                      ncol=columns, borderaxespad=0.2, handlelength=1.5, handletextpad=0.6, columnspacing=1.2)
        return figure, figure.subplots()


def _legend_columns(widths: list[float], room: float) -> int:
    """The most legend columns that fit (matplotlib fills them top to bottom, then left to right)."""
    mark = (1.5 + 0.6 + 1.2) * _RC["font.size"]  # handle, gap to the text, gap to the next column
    for columns in range(len(widths), 1, -1):
        rows = -(-len(widths) // columns)
        if sum(max(widths[c * rows:(c + 1) * rows], default=0) + mark for c in range(columns)) <= room:
            return columns
    return 1


def _svg(figure: Figure, chart_id: str) -> bytes:
    out = io.BytesIO()
    # The hash salt makes clip-path and marker ids differ between charts and never between builds.
    with matplotlib.rc_context({**_RC, "svg.hashsalt": chart_id}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def per_year_chart(chart_id: str, title: str, years: Sequence[int],
                   series: Sequence[tuple[str, Sequence[int]]]) -> Markup:
    """Grouped bars: one group per year, one bar per series (e.g. States requesting, providing,
    receiving), each bar labelled with its number. Solid, hatched and outlined bars stay apart
    in colour, in grey and on paper. Made to be reused: the 8MSP report can draw its per-year
    indicators with it (chart_id must be unique on the page: it prefixes every id in the SVG)."""
    looks = [{"facecolor": ACCENT}, {"facecolor": "none", "hatch": "////"}, {"facecolor": "none"}]
    looks = [{**looks[number % len(looks)], "edgecolor": FG, "linewidth": 0.8} for number in range(len(series))]
    with matplotlib.rc_context(_RC):
        legend = [Patch(label=name, **look) for (name, _), look in zip(series, looks)]
        figure, axes = _Layout(4.6, 1.7, 8, legend).figure()
        width = 0.8 / max(len(series), 1)
        for number, ((name, values), look) in enumerate(zip(series, looks)):
            offset = (number - (len(series) - 1) / 2) * width
            bars = axes.bar([i + offset for i in range(len(years))], values, width * 0.9, label=name, **look)
            axes.bar_label(bars, padding=2)
        axes.set_xticks(range(len(years)), [str(year) for year in years])
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max([1, *(v for _name, values in series for v in values)]) * 1.2)
        axes.spines["left"].set_visible(False)
        axes.tick_params(left=False, labelleft=False)
    desc = " ".join(_("%(row)s: %(events)s.", row=year, events=", ".join(f"{name} {values[i]}" for name, values in series))
                    for i, year in enumerate(years))
    return tidy(_svg(figure, chart_id), chart_id, title, desc or _("No figures yet."))


@dataclass(frozen=True)
class LedgerRow:
    """One deadline ledger: original deadline → extended deadlines → completion."""

    label: str
    original: dt.date | None
    extensions: tuple[tuple[dt.date, bool], ...] = ()  # new deadline, in force as of the date
    completed: dt.date | None = None

    def dates(self) -> list[dt.date]:
        return [d for d in (self.original, *(x for x, _in_force in self.extensions), self.completed) if d]

    def describe(self) -> str:
        parts = [_("original deadline %(date)s", date=long_date(self.original))] if self.original else []
        parts += [_("extended to %(date)s", date=long_date(d)) if in_force
                  else _("extended to %(date)s (not yet in force)", date=long_date(d)) for d, in_force in self.extensions]
        parts += [_("completed %(date)s", date=long_date(self.completed))] if self.completed else []
        return _("%(row)s: %(events)s.", row=self.label, events="; ".join(parts))


def deadlines_chart(chart_id: str, title: str, rows: Sequence[LedgerRow], as_of: dt.date, width: float = 6.4) -> Markup:
    """One line per ledger, from its first date to its last: a ring for the original deadline,
    a triangle per extension (filled once in force), a diamond for completion; a dashed line
    marks the as-of date."""
    labels = [_shorten(row.label) for row in rows]
    with matplotlib.rc_context(_RC):
        left = min(max(_text_width(label) for label in labels) + 12, width * 72 * 0.5)
        figure, axes = _Layout(width, 0.3 * len(rows), left, _ledger_legend(rows, as_of)).figure()
        for y, row in enumerate(rows):
            dates = row.dates()
            axes.plot([min(dates), max(dates)], [y, y], color=MUTED, linewidth=1.5, solid_capstyle="butt")
            if row.original:
                axes.plot([row.original], [y], "o", markersize=6, markerfacecolor="none", markeredgecolor=FG)
            for deadline, in_force in row.extensions:
                axes.plot([deadline], [y], ">", markersize=6, markeredgecolor=ACCENT,
                          markerfacecolor=ACCENT if in_force else "none")
            if row.completed:
                axes.plot([row.completed], [y], "D", markersize=5, color=FG)
        axes.axvline(as_of, color=FG, linestyle=(0, (3, 2)), linewidth=0.8)
        axes.set_yticks(range(len(rows)), labels)
        axes.set_ylim(len(rows) - 0.5, -0.5)
        axes.xaxis.set_major_locator(YearLocator(base=_year_step(rows, as_of)))
        axes.xaxis.set_major_formatter(DateFormatter("%Y"))
        axes.spines["left"].set_visible(False)
        axes.tick_params(left=False)
    desc = " ".join([*(row.describe() for row in rows), _("The dashed line marks %(date)s.", date=long_date(as_of))])
    return tidy(_svg(figure, chart_id), chart_id, title, desc)


def _shorten(label: str, most: int = 48) -> str:
    """A row label short enough to leave room for the dates; the <desc> keeps it whole."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _ledger_legend(rows: Sequence[LedgerRow], as_of: dt.date) -> list[Line2D]:
    """A key to the marks the chart uses, and only those."""
    extensions = [in_force for row in rows for _date, in_force in row.extensions]
    keys = [
        (any(row.original for row in rows), {"marker": "o", "markerfacecolor": "none", "markeredgecolor": FG}, _("original deadline")),
        (any(extensions), {"marker": ">", "color": ACCENT}, _("extended deadline, in force")),
        (not all(extensions), {"marker": ">", "markerfacecolor": "none", "markeredgecolor": ACCENT}, _("extension not in force yet")),
        (any(row.completed for row in rows), {"marker": "D", "color": FG, "markersize": 5}, _("completion")),
    ]
    handles = [Line2D([], [], linestyle="none", label=label, **look) for shown, look, label in keys if shown]
    as_of_label = _("as of %(date)s", date=long_date(as_of))
    return handles + [Line2D([], [], color=FG, linestyle=(0, (3, 2)), linewidth=0.8, label=as_of_label)]


def _year_step(rows: Sequence[LedgerRow], as_of: dt.date) -> int:
    years = [d.year for row in rows for d in row.dates()] + [as_of.year]
    span = max(years) - min(years)
    return 1 if span <= 8 else 2 if span <= 16 else 5


# --- what the pages chart -------------------------------------------------------------------

BY_YEAR = (("states-requesting", N_("States requesting")), ("states-providing", N_("States providing")),
           ("states-receiving", N_("States receiving")))


def by_year(site: Site, as_of: dt.date) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Years with a count, and per measure the distinct States counted from the records each year
    (the same counts as the 8MSP report's indicators, without the figures the ISU reported)."""
    per_year = compute(site, as_of, site.config.windows.deadline_warning_months).per_year
    counted = {measure: {f.year: f.computed for f in per_year[measure]} for measure, _label in BY_YEAR}
    years = sorted(year for values in counted.values() for year, count in values.items() if count)
    span = list(range(years[0], years[-1] + 1)) if years else []
    return span, [(_(name), [counted[measure].get(year, 0) for year in span]) for measure, name in BY_YEAR]


def ledger_row(label: str, obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date) -> LedgerRow:
    return LedgerRow(label, obligation.deadline,
                     tuple((x.new_deadline, extension_in_force(x, meeting_dates, as_of)) for x in obligation.extensions),
                     obligation.completed.start if obligation.completed else None)


# --- tidying --------------------------------------------------------------------------------

# Where an SVG element names another: url(#id) in a clip-path, fill or style, and href="#id".
_REFERENCE = re.compile(r"url\(#([^)\s]+)\)|^#(\S+)$")


def _style(value: str) -> str:
    """Drop the font family (the page's font applies) and put CSS colours for the placeholders."""
    declarations = [d.strip() for d in value.split(";") if d.strip() and not d.strip().startswith("font-family")]
    return "; ".join(declarations)


def _colours(value: str) -> str:
    for placeholder, css in _CSS_COLOURS.items():
        value = value.replace(placeholder, css)
    return value


def tidy(svg: bytes, chart_id: str, title: str, desc: str) -> Markup:
    """matplotlib's SVG made fit for inlining in a page (see the module's docstring)."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG}}}metadata", f"{{{SVG}}}style"):
                parent.remove(child)
    used = {"".join(match) for element in root.iter() for value in element.attrib.values()
            for match in _REFERENCE.findall(value)}
    for element in root.iter():
        if element.get("id") is not None:
            if element.get("id") in used:
                element.set("id", f"{chart_id}-{element.get('id')}")
            else:
                del element.attrib["id"]
        for key, value in list(element.attrib.items()):
            if key == "d":
                value = " ".join(value.split())
            elif key == "transform" and value.startswith("rotate(-0 "):
                del element.attrib[key]
                continue
            elif key == "style":
                value = _style(value)
            value = _REFERENCE.sub(lambda m: m.group(0).replace("#", f"#{chart_id}-", 1), value)
            element.set(key, _colours(value))
        if element.tag != f"{{{SVG}}}text":
            element.text = None if (element.text or "").strip() == "" else element.text
        element.tail = None
    _unwrap_plain_groups(root)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    # Shrinks with the column, but to no less than 70 % of its drawn size (then it scrolls).
    width = float(root.get("width", "0").removesuffix("pt"))
    root.set("style", f"max-width: 100%; min-width: {width * 0.7:.0f}pt; height: auto; "
                      "stroke-linejoin: round; stroke-linecap: butt")
    for position, (tag, text) in enumerate((("title", title), ("desc", desc))):
        element = ET.Element(f"{{{SVG}}}{tag}", {"id": f"{chart_id}-{tag}"})
        element.text = text
        root.insert(position, element)
    root.attrib.pop("version", None)
    return Markup(ET.tostring(root, encoding="unicode"))


def _unwrap_plain_groups(parent: ET.Element) -> None:
    """A <g> with no attributes left only nests: its children take its place."""
    children = []
    for child in parent:
        _unwrap_plain_groups(child)
        if child.tag == f"{{{SVG}}}g" and not child.attrib:
            children.extend(child)
        elif child.tag == f"{{{SVG}}}defs" and len(child) == 0:
            continue
        else:
            children.append(child)
    parent[:] = children
