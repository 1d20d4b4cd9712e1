"""The request chart of a report page: an SVG drawn on the server (readable without JavaScript), and the
same figures as data for ECharts when the page can load it (static vendor/echarts, see docs/reports.md).

Per year: a bar of 新收 and a stacked bar of 办结 by outcome group. Colours have at least 3:1 contrast on
white (WCAG 1.4.11); segments are separated by white lines; the page also shows every figure in a table.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from gongkai.reports.reading import YearPoint

NEW_COLOUR = "#01665e"
GROUP_COLOURS = {"予以公开": "#1b7837", "部分公开": "#2166ac", "不予公开": "#b2182b", "无法提供": "#8c510a",
                 "不予处理": "#762a83", "其他处理": "#4d4d4d"}
WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 64, 36


def nice_max(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at least `value` (at least 5), for the axis."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= max(value, 5):
                return factor * step
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
        bars.append(Bar(centre - width - 2, base - height, width, height, NEW_COLOUR, f"{point.year}年新收{point.new}件"))
        y = base
        for name, count in point.groups:
            if not count:
                continue
            height = count * scale
            y -= height
            bars.append(Bar(centre + 2, y, width, height, GROUP_COLOURS[name], f"{point.year}年{name}{count}件"))
        labels.append((centre, f"{point.year}"))
    return bars, labels


def svg(points: list[YearPoint], title_id: str = "request-chart-title", desc_id: str = "request-chart-desc") -> str:
    """The chart as an inline SVG element (a string of escaped markup)."""
    top = nice_max(max([p.new for p in points] + [p.processed for p in points] + [0]))
    bars, labels = _bars(points, top)
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{title_id} {desc_id}" class="request-chart-svg">',
             f'<title id="{title_id}">历年政府信息公开申请数量和办理结果</title>',
             f'<desc id="{desc_id}">每年两根柱：左为本年新收申请数，右为本年办结数按办理结果分段堆叠。'
             f'数据见下表。</desc>']
    for tick in range(5):
        value = top * tick // 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#333">{value}</text>')
    for bar in bars:
        parts.append(f'<rect x="{bar.x:.1f}" y="{bar.y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
                     f'fill="{bar.colour}" stroke="#fff" stroke-width="1"><title>{escape(bar.label)}</title></rect>')
    for x, text in labels:
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="13" fill="#222">'
                     f'{escape(text)}</text>')
    legend = [("新收申请", NEW_COLOUR), *GROUP_COLOURS.items()]
    for index, (name, colour) in enumerate(legend):
        x, y = LEFT + (index % 4) * 160, 14 + (index // 4) * 22
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="{y + 12}" font-size="13" fill="#222">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def echarts_data(points: list[YearPoint]) -> dict:
    """The same figures for the ECharts enhancement (reports/static/reports/chart.js)."""
    return {
        "years": [str(p.year) for p in points],
        "new": {"name": "新收申请", "colour": NEW_COLOUR, "values": [p.new for p in points]},
        "groups": [{"name": name, "colour": colour,
                    "values": [dict(p.groups).get(name, 0) for p in points]} for name, colour in GROUP_COLOURS.items()],
    }
