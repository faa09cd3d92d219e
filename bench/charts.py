"""SVG bar charts of a bench run, written by hand: no plotting library to install."""

from html import escape

WIDTH, BAR, GAP, LEFT = 640, 18, 6, 110


def bar_chart(title, values):
    """values: (label, number) pairs; one horizontal bar each, scaled to the largest."""
    largest = max((value for _, value in values), default=1) or 1
    height = 40 + len(values) * (BAR + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for row, (label, value) in enumerate(values):
        y = 32 + row * (BAR + GAP)
        length = (WIDTH - LEFT - 90) * value / largest
        parts += [
            f'<text x="{LEFT - 8}" y="{y + 13}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{LEFT}" y="{y}" width="{length:.1f}" height="{BAR}" fill="#4c72b0"/>',
            f'<text x="{LEFT + length + 6:.1f}" y="{y + 13}">{value:,.0f}</text>',
        ]
    return "\n".join([*parts, "</svg>"]) + "\n"


def write_charts(results, folder):
    """One chart per scenario: requests per second of every server."""
    scenarios = []
    for result in results:
        scenarios += [name for name in result.measures if name not in scenarios]
    for scenario in scenarios:
        values = [
            (result.name, result.measures[scenario].requests_per_second)
            for result in results
            if scenario in result.measures
        ]
        chart = bar_chart(f"{scenario}: requests per second (higher is better)", values)
        (folder / f"{scenario}.svg").write_text(chart)
