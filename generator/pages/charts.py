"""Charts drawn at build time as static, accessible SVG, put inline in the page.

Written with ElementTree (no plotting library), which escapes every text from YAML. Every chart has
role="img" named by a <title> and a <desc> that come first, and its desc says every number and
date (the page shows them in a table beside it). No fixed colours: currentColor and Material's
CSS variables, so a chart follows the light, dark and print schemes, and its marks differ by
shape and fill as well. Text stays <text> in the page's font; ids start with the chart's id; no
script or external reference; the same figures give the same bytes."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ccm_ica.facts.deadlines import extension_state, happened
from ccm_ica.facts.indicators import Indicators
from ccm_ica.i18n import N_, _, long_date
from ccm_ica.models.common import PartialDate
from ccm_ica.models.country import Obligation

FG = "currentColor"
MUTED = "var(--md-default-fg-color--light, currentColor)"
ACCENT = "var(--md-typeset-a-color, currentColor)"
# "Hollow" marks are filled with the page's background, so a ledger's line does not show through.
HOLLOW = "var(--md-default-bg-color, transparent)"
FONT = 13  # px: one user unit is one CSS pixel at the drawn width
LINE, ROW = 20, 26  # px: a legend row, a ledger row
# Every drawn number as short, stable text: one decimal at most, never "-0".
_n = lambda x: f"{round(x, 1) + 0.0:.1f}".removesuffix(".0")


# --- drawing ------------------------------------------------------------------------------


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    """A child element; stroke_width=… becomes stroke-width, numbers go through _n (so an
    opacity, finer than 0.1, is given as a string)."""
    element = ET.SubElement(parent, tag, {key.replace("_", "-"): _n(v) if isinstance(v, (int, float)) else str(v)
                                          for key, v in attrs.items() if v is not None})
    element.text = text
    return element


def _paint(fill: str = "none", stroke: str | None = None) -> str:
    # In a style attribute: presentation attributes (fill="…") do not take var().
    return f"fill: {fill}" + (f"; stroke: {stroke}" if stroke else "")


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str | None = None) -> None:
    """Text whose middle is at height y (0.35 em below y is the baseline of most fonts)."""
    _el(parent, "text", text, x=x, y=y + FONT * 0.35, text_anchor=anchor)


# No font metrics at build time (the page chooses the font): widths in em of a sans-serif like
# Roboto, a little generous, so that a label never runs into the plot.
_WIDTHS = {**dict.fromkeys("iljI.,:;'!|", 0.28), **dict.fromkeys(" ()[]frt-/", 0.36),
           **dict.fromkeys("mwMW@%", 0.86)}


def _text_width(text: str) -> float:
    return FONT * sum(_WIDTHS.get(c, 0.68 if c.isupper() else 0.56) for c in text)


def _svg(chart_id: str, title: str, desc: str) -> ET.Element:
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                              "aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    _el(root, "title", title, id=f"{chart_id}-title")
    _el(root, "desc", desc, id=f"{chart_id}-desc")
    return root


def _finish(root: ET.Element, width: float, height: float) -> Markup:
    root.set("viewBox", f"0 0 {_n(width)} {_n(height)}")
    root.set("width", _n(width))
    root.set("height", _n(height))
    # Shrinks with the column, to no less than 70 % of its drawn size (then the page scrolls it):
    # text stays at 9 px or more.
    root.set("style", f"max-width: 100%; min-width: {width * 0.7:.0f}px; height: auto")
    root.set("font-size", str(FONT))
    root.set("fill", FG)  # text; shapes say their own fill
    return Markup(ET.tostring(root, encoding="unicode"))


Mark = Callable[[ET.Element, float, float], None]  # draws a mark centred on (x, y)


def _legend(parent: ET.Element, keys: Sequence[tuple[Mark, str]], x0: float, width: float) -> float:
    """Keys side by side, onto a new row when the width runs out; the height it took."""
    x, y = x0, 0.0
    for mark, label in keys:
        size = 16 + 6 + _text_width(label)
        if x > x0 and x + size > x0 + width:
            x, y = x0, y + LINE
        mark(parent, x + 8, y + LINE / 2)
        _text(parent, x + 22, y + LINE / 2, label)
        x += size + 18
    return y + LINE


def _bar_mark(look: str) -> Mark:
    return lambda parent, x, y: _el(parent, "rect", x=x - 6, y=y - 6, width=12, height=12, style=look)


def _ring(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "circle", cx=x, cy=y, r=4.5, style=_paint(HOLLOW, FG), stroke_width=1.5)


def _triangle(filled: bool) -> Mark:
    """An extension: a triangle pointing ahead, filled once in force."""
    return lambda parent, x, y: _el(
        parent, "path", d=f"M{_n(x - 4.5)} {_n(y - 6)}L{_n(x + 6)} {_n(y)}L{_n(x - 4.5)} {_n(y + 6)}Z",
        style=_paint(ACCENT if filled else HOLLOW, ACCENT), stroke_width=1.5, stroke_linejoin="round")


def _diamond(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "path", d=f"M{_n(x)} {_n(y - 5.5)}L{_n(x + 5.5)} {_n(y)}L{_n(x)} {_n(y + 5.5)}L{_n(x - 5.5)} {_n(y)}Z",
        style=_paint(FG))


def _dashed(parent: ET.Element, x: float, y: float) -> None:
    _el(parent, "path", d=f"M{_n(x)} {_n(y - 8)}V{_n(y + 8)}", style=_paint(stroke=FG), stroke_dasharray="4 3")


# --- the charts -----------------------------------------------------------------------------


def per_year_chart(chart_id: str, title: str, years: Sequence[int],
                   series: Sequence[tuple[str, Sequence[int]]]) -> Markup:
    """Grouped bars: one group per year, one bar per series (e.g. States requesting, providing,
    receiving), each bar labelled with its number. Solid, hatched and outlined bars stay apart
    in colour, in grey and on paper. Made to be reused: the 8MSP report can draw its per-year
    indicators with it (chart_id must be unique on the page: it prefixes every id in the SVG)."""
    desc = " ".join(_("%(row)s: %(events)s.", row=year, events=", ".join(
        f"{name} {_shown(values[i])}" for name, values in series)) for i, year in enumerate(years))
    root = _svg(chart_id, title, desc or _("No figures yet."))
    hatch = f"{chart_id}-hatch"
    looks = [_paint(ACCENT, FG), _paint(f"url(#{hatch})", FG), _paint("none", FG)]
    looks = [looks[number % len(looks)] for number in range(len(series))]
    if len(series) > 1:  # diagonal lines, in the text's colour
        pattern = _el(_el(root, "defs"), "pattern", id=hatch, patternUnits="userSpaceOnUse", width=5, height=5,
                      patternTransform="rotate(45)")
        _el(pattern, "path", d="M0 0V5", style=_paint(stroke=FG), stroke_width=1.2)
    numbers = [v for _name, values in series for v in values if v is not None]
    # Bars at least as wide as their number (and 12 px), up to 28 px when there is room; groups 20 px apart.
    need = max([12.0, *(_text_width(str(v)) + 4 for v in numbers)])
    plot = max(440.0, len(years) * (max(len(series), 1) * (need + 2) + 20))
    bar = max(need, min(28.0, (plot / max(len(years), 1) - 20) / max(len(series), 1) - 2))
    drawn = _el(root, "g", stroke_width=1)
    top = _legend(drawn, [(_bar_mark(look), name) for (name, _values), look in zip(series, looks)], 4, plot) + 8
    baseline, height = top + 130, 130 - FONT - 8  # the tallest bar leaves room for its number
    largest = max([1, *numbers])
    for i, year in enumerate(years):
        middle = 4 + (i + 0.5) * plot / len(years)
        for number, ((_name, values), look) in enumerate(zip(series, looks)):
            x = middle + (number - len(series) / 2) * (bar + 2) + 1
            h = height * (values[i] or 0) / largest
            if h:
                _el(drawn, "rect", x=x, y=baseline - h, width=bar, height=h, style=look)
            _text(drawn, x + bar / 2, baseline - h - FONT * 0.75, "—" if values[i] is None else str(values[i]), "middle")
        _text(drawn, middle, baseline + 14, str(year), "middle")
    _el(drawn, "path", d=f"M4 {_n(baseline)}H{_n(4 + plot)}", style=_paint(stroke=FG))
    return _finish(root, plot + 8, baseline + 26)


# How the chart's description words each extension (a pending request is never "extended").
_EXTENSION_WORDS = {
    "in force": lambda date: _("extended to %(date)s", date=date),
    "to be decided": lambda date: _("extended to %(date)s (not yet in force)", date=date),
    "requested": lambda date: _("extension to %(date)s requested, no decision recorded", date=date),
    "granted, undated": lambda date: _("extended to %(date)s (when, and by which meeting, not recorded)", date=date),
    "refused": lambda date: _("extension to %(date)s refused", date=date),
}


def _shown(value: int | None) -> str:  # no record held is "no records", never a zero
    return _("no records") if value is None else str(value)


@dataclass(frozen=True)
class LedgerRow:
    """One deadline ledger: original deadline → extended deadlines → completion."""

    label: str
    original: dt.date | None
    extensions: tuple[tuple[dt.date, str], ...] = ()  # new deadline, facts.deadlines.extension_state
    completed: PartialDate | None = None  # as precise as the source: 'June 2023' is never '1 June 2023'

    def dates(self) -> list[dt.date]:
        return [d for d in (self.original, *(x for x, _s in self.extensions), self.completed and self.completed.start) if d]

    def describe(self) -> str:
        parts = [_("original deadline %(date)s", date=long_date(self.original))] if self.original else []
        parts += [_EXTENSION_WORDS[state](long_date(d)) for d, state in self.extensions]
        parts += [_("completed %(date)s", date=long_date(self.completed))] if self.completed else []
        return _("%(row)s: %(events)s.", row=self.label, events="; ".join(parts))


def deadlines_chart(chart_id: str, title: str, rows: Sequence[LedgerRow], as_of: dt.date, width: float = 6.4) -> Markup:
    """One line per ledger (width in inches, 96 px each), from its first date to its last: a
    ring for the original deadline, a triangle per extension (filled once in force), a diamond
    for completion; a dashed line marks the as-of date."""
    desc = " ".join([*(row.describe() for row in rows), _("The dashed line marks %(date)s.", date=long_date(as_of))])
    root = _svg(chart_id, title, desc)
    total, right = width * 96, 18  # the last year's number overhangs the plot
    labels = [_fit(row.label, total * 0.45) for row in rows]
    left = max([0.0, *map(_text_width, labels)]) + 14
    step = _year_step(rows, as_of)
    years = [d.year for row in rows for d in row.dates()] + [as_of.year]
    first, last = min(years) // step * step, max(years) + 1  # from a tick to the end of the last year
    start, end = dt.date(first, 1, 1).toordinal(), dt.date(last, 1, 1).toordinal()
    # Dates 8 px inside the plot's ends, so that no mark runs over its edge.
    x = lambda day: left + 8 + (day.toordinal() - start) / (end - start) * (total - left - right - 16)

    top = _legend(root, _ledger_legend(rows, as_of), 4, total - 8) + 10
    bottom = top + len(rows) * ROW
    for i in range(0, len(rows) if len(rows) > 2 else 0, 2):  # faint bands lead the eye from a label to its marks
        _el(root, "rect", x=0, y=top + i * ROW, width=total - right, height=ROW, style=_paint(FG), fill_opacity="0.05")
    grid = _el(root, "g", style=_paint(stroke=FG), stroke_width=1)
    for y in range(first, last + 1, step):  # year lines, faint, and the axis's ticks and numbers
        at = x(dt.date(y, 1, 1))
        _el(grid, "path", d=f"M{_n(at)} {_n(top)}V{_n(bottom)}", stroke_opacity="0.15")
        _el(grid, "path", d=f"M{_n(at)} {_n(bottom)}v4")
        _text(root, at, bottom + 14, str(y), "middle")
    _el(grid, "path", d=f"M{_n(left)} {_n(bottom)}H{_n(total - right)}")
    _el(grid, "path", d=f"M{_n(x(as_of))} {_n(top - 4)}V{_n(bottom)}", stroke_dasharray="4 3")
    for i, (row, label) in enumerate(zip(rows, labels)):
        y = top + (i + 0.5) * ROW
        _text(root, left - 10, y, label, "end")
        dates = row.dates()
        if len(set(dates)) > 1:  # the ledger's span, under its marks
            _el(root, "path", d=f"M{_n(x(min(dates)))} {_n(y)}H{_n(x(max(dates)))}",
                style=_paint(stroke=MUTED), stroke_width=2)
        if row.original:
            _ring(root, x(row.original), y)
        for deadline, state in row.extensions:
            _triangle(state == "in force")(root, x(deadline), y)
        if row.completed:
            _diamond(root, x(row.completed.start), y)
    return _finish(root, total, bottom + 26)


def _shorten(label: str, most: int = 48) -> str:
    """A row label short enough to leave room for the dates; the <desc> keeps it whole."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _fit(label: str, room: float) -> str:
    """The label, shortened until its estimated width fits the room."""
    most = 48
    while _text_width(_shorten(label, most)) > room and most > 8:
        most -= 2
    return _shorten(label, most)


def _ledger_legend(rows: Sequence[LedgerRow], as_of: dt.date) -> list[tuple[Mark, str]]:
    """A key to the marks the chart uses, and only those."""
    extensions = [state == "in force" for row in rows for _date, state in row.extensions]
    keys = [
        (any(row.original for row in rows), _ring, _("original deadline")),
        (any(extensions), _triangle(True), _("extended deadline, in force")),
        (not all(extensions), _triangle(False), _("extension requested, not in force")),
        (any(row.completed for row in rows), _diamond, _("completion")),
        (True, _dashed, _("as of %(date)s", date=long_date(as_of))),
    ]
    return [(mark, label) for shown, mark, label in keys if shown]


def _year_step(rows: Sequence[LedgerRow], as_of: dt.date) -> int:
    years = [d.year for row in rows for d in row.dates()] + [as_of.year]
    span = max(years) - min(years)
    return 1 if span <= 8 else 2 if span <= 16 else 5


# --- what the pages chart -------------------------------------------------------------------

BY_YEAR = (("states-requesting", N_("States requesting")), ("states-providing", N_("States providing")),
           ("states-receiving", N_("States receiving")))


def by_year(indicators: Indicators) -> tuple[list[int], list[tuple[str, list[int | None]]]]:
    """Years with a count, and per measure the distinct States counted from the records each year
    (the same counts as the 8MSP report's indicators). None where the database holds no record of
    that measure that year: not a zero, which the records cannot show."""
    per_year = indicators.per_year
    counted = {measure: {f.year: f.computed for f in per_year[measure]} for measure, _label in BY_YEAR}
    years = sorted(year for values in counted.values() for year, count in values.items() if count)
    span = list(range(years[0], years[-1] + 1)) if years else []
    return span, [(_(name), [counted[measure].get(year) or None for year in span]) for measure, name in BY_YEAR]


def ledger_row(label: str, obligation: Obligation, meeting_dates: dict[str, dt.date], as_of: dt.date) -> LedgerRow:
    """The ledger as of the date: an extension granted later is not in force yet, and a
    completion after it has not happened (the pages' tables and statuses say the same)."""
    return LedgerRow(label, obligation.deadline,
                     tuple((x.new_deadline, extension_state(x, meeting_dates, as_of)) for x in obligation.extensions),
                     obligation.completed if happened(obligation.completed, as_of) else None)
