"""The charts the pages show, drawn at build time as static, accessible SVG (the rules every chart
keeps are in pages/chart_drawing.py): bars per year here, deadline ledgers in pages/ledger_chart.py."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ccm_ica.facts.indicators import Indicators
from ccm_ica.i18n import N_, _
from ccm_ica.pages.chart_drawing import (
    ACCENT,
    FG,
    FONT,
    _bar_mark,
    _el,
    _finish,
    _legend,
    _n,
    _paint,
    _svg,
    _text,
    _text_width,
)
from ccm_ica.pages.ledger_chart import LedgerRow, deadlines_chart, ledger_row

__all__ = ["BY_YEAR", "LedgerRow", "by_year", "deadlines_chart", "ledger_row", "per_year_chart"]

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


def _shown(value: int | None) -> str:  # no record held is "no records", never a zero
    return _("no records") if value is None else str(value)


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
