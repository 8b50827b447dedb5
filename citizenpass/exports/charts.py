"""Charts drawn on the server as SVG: no script, no request, readable in a PDF."""

from django.utils.html import escape

WIDTH, HEIGHT = 640, 220
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 56, 28, 12


def _format(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}".replace(",", "\u202f")
    return f"{value:.1f}"


def monthly_bar_chart(values: dict[str, float], *, title: str) -> str:
    """A bar per month (``YYYY-MM`` keys), oldest on the left, with year marks."""
    months = sorted(values)
    top = max([v for v in values.values() if v > 0], default=1.0)
    plot_width = WIDTH - MARGIN_LEFT - 8
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = plot_width / max(len(months), 1)
    bar = max(step * 0.8, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP + plot_height}" '
        f'x2="{WIDTH - 8}" y2="{MARGIN_TOP + plot_height}" stroke="#3a3a3a"/>',
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" '
        f'y2="{MARGIN_TOP + plot_height}" stroke="#3a3a3a"/>',
        f'<text x="{MARGIN_LEFT - 6}" y="{MARGIN_TOP + 10}" font-size="11" '
        f'text-anchor="end" fill="#1e1e1e">{_format(top)}</text>',
        f'<text x="{MARGIN_LEFT - 6}" y="{MARGIN_TOP + plot_height}" font-size="11" '
        f'text-anchor="end" fill="#1e1e1e">0</text>',
    ]
    previous_year, last_label_x = None, -100.0
    for index, month in enumerate(months):
        value = max(values[month], 0.0)
        height = plot_height * value / top
        x = MARGIN_LEFT + index * step + (step - bar) / 2
        y = MARGIN_TOP + plot_height - height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
            f'fill="#000091"/>'
        )
        year = month[:4]
        label_x = MARGIN_LEFT + index * step
        # A year's label, unless the previous one (a partial year) would overlap it.
        if year != previous_year and label_x - last_label_x >= 36:
            previous_year, last_label_x = year, label_x
            parts.append(
                f'<text x="{label_x:.1f}" y="{HEIGHT - 8}" font-size="11" '
                f'fill="#1e1e1e">{year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
