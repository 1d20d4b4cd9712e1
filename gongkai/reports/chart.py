"""The request chart of a report page: an SVG drawn on the server (readable without JavaScript), and the
same figures as data for ECharts when the page can load it (static vendor/echarts, see docs/reports.md).

Per year: a bar of 新收 and a stacked bar of 办结 by outcome group. Colours have at least 3:1 contrast on
white (WCAG 1.4.11); segments are separated by white lines; the page also shows every figure in a table.

The chart is the page's, not the report's: its legend, labels and text alternative (title, description
with every year's figures) follow the interface language, while the report's statutory tables stay in
the wording of the 年报格式 whatever the language.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext, gettext_noop

from gongkai.reports.reading import YearPoint

NEW_COLOUR = "#01665e"
# Keyed by the outcome groups' names in the report (narrative.OUTCOME_GROUPS); shown translated.
GROUP_COLOURS = {gettext_noop("予以公开"): "#1b7837", gettext_noop("部分公开"): "#2166ac",
                 gettext_noop("不予公开"): "#b2182b", gettext_noop("无法提供"): "#8c510a",
                 gettext_noop("不予处理"): "#762a83", gettext_noop("其他处理"): "#4d4d4d"}
NEW_LABEL = gettext_noop("新收申请")
TITLE = gettext_noop("历年政府信息公开申请数量和办理结果")
WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 64, 36


def axis_ticks(value: int) -> list[int]:
    """The y axis's tick values: 0 up to the first multiple of a 1, 2 or 5 × 10ⁿ step at or above `value`
    (at least 5), with at most five steps, so every tick is a round number and the steps are equal."""
    value = max(value, 5)
    step = 1
    while True:
        for factor in (1, 2, 5):
            size = factor * step
            count = -(-value // size)  # ceil
            if count <= 5:
                return [size * index for index in range(count + 1)]
        step *= 10


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


def _bars(points: list[YearPoint], top: int) -> tuple[list[Bar], list[tuple[float, str]]]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    width = min(slot * 0.3, 40)
    scale = plot_h / top
    bars, labels = [], []
    for index, point in enumerate(points):
        centre = LEFT + slot * (index + 0.5)
        base = TOP + plot_h
        height = point.new * scale
        bars.append(Bar(centre - width - 2, base - height, width, height, NEW_COLOUR,
                        gettext("%(year)s年新收%(count)s件") % {"year": point.year, "count": point.new}))
        y = base
        for name, count in point.groups:
            if not count:
                continue
            height = count * scale
            y -= height
            bars.append(Bar(centre + 2, y, width, height, GROUP_COLOURS[name], gettext("%(year)s年%(outcome)s%(count)s件")
                            % {"year": point.year, "outcome": gettext(name), "count": count}))
        labels.append((centre, f"{point.year}"))
    return bars, labels


def description(points: list[YearPoint]) -> str:
    """The chart's text alternative: how it is drawn, then every year's figures, in the interface language."""
    years = []
    for point in points:
        outcomes = gettext("、").join(gettext("%(outcome)s%(count)s件") % {"outcome": gettext(name), "count": count}
                                      for name, count in point.groups if count)
        summary = gettext("%(year)s年新收申请%(new)s件，办结%(processed)s件") % {
            "year": point.year, "new": point.new, "processed": point.processed}
        years.append(gettext("%(summary)s，其中%(outcomes)s") % {"summary": summary, "outcomes": outcomes}
                     if outcomes else summary)
    return (gettext("每年两根柱：左为本年新收申请数，右为本年办结数按办理结果分段堆叠。")
            + "".join(gettext("%(year_text)s。") % {"year_text": text} for text in years)
            + gettext("数据也见下表。"))


def svg(points: list[YearPoint], title_id: str = "request-chart-title", desc_id: str = "request-chart-desc") -> str:
    """The chart as an inline SVG element (a string of escaped markup), in the interface language."""
    ticks = axis_ticks(max([p.new for p in points] + [p.processed for p in points] + [0]))
    top = ticks[-1]
    bars, labels = _bars(points, top)
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" class="request-chart-svg">',
             f'<title id="{title_id}">{escape(gettext(TITLE))}</title>',
             f'<desc id="{desc_id}">{escape(description(points))}</desc>']
    for value in ticks:
        y = TOP + plot_h - plot_h * value / top
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#333">{value}</text>')
    for bar in bars:
        parts.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
                     f'fill="{bar.colour}" stroke="#fff" stroke-width="1"><title>{escape(bar.label)}</title></rect>')
    for x, text in labels:
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="13" fill="#222">'
                     f'{escape(text)}</text>')
    legend = [(NEW_LABEL, NEW_COLOUR), *GROUP_COLOURS.items()]
    for index, (name, colour) in enumerate(legend):
        x, y = LEFT + (index % 4) * 160, 14 + (index // 4) * 22
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="{y + 12}" font-size="13" fill="#222">{escape(gettext(name))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def echarts_data(points: list[YearPoint]) -> dict:
    """The same figures for the ECharts enhancement (reports/static/reports/chart.js), with the same labels
    as the SVG it replaces (whose title and description stay the chart's text alternative)."""
    return {
        "years": [str(p.year) for p in points],
        "new": {"name": gettext(NEW_LABEL), "colour": NEW_COLOUR, "values": [p.new for p in points]},
        "groups": [{"name": gettext(name), "colour": colour,
                    "values": [dict(p.groups).get(name, 0) for p in points]} for name, colour in GROUP_COLOURS.items()],
    }
