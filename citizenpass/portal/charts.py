"""Bar charts drawn on the server as inline SVG, with a text alternative.

No script and no inline ``style``: geometry comes from SVG attributes, colours from
classes of ``portal/css/records.css`` (the content security policy forbids inline styles).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from citizenpass.records.models import Domain, RecordKind
from citizenpass.records.selectors import MonthlySeries

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 40


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal
    show_label: bool


@dataclass
class BarChart:
    """Everything the template needs to draw one chart and its data table."""

    slug: str
    title: str
    unit: str
    bars: list[Bar]
    gridlines: list[tuple[float, str]]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline_y: float = HEIGHT - BOTTOM


def _unit_label(unit: str) -> str:
    return {
        "EUR": "€",
        "meals": _("meals"),
        "trips": _("trips"),
        "rides": _("rides"),
        "loans": _("loans"),
    }.get(unit, unit)


def chart_title(series: MonthlySeries) -> str:
    domain = Domain(series.domain).label
    measure = {
        RecordKind.Measure.QUANTITY: _("%(domain)s: consumption or use by month"),
        RecordKind.Measure.BILL: _("%(domain)s: amounts billed by month"),
        RecordKind.Measure.PAYMENT: _("%(domain)s: payments received by month"),
    }[series.measure]
    return measure % {"domain": domain}


def _nice_max(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(series: MonthlySeries) -> BarChart:
    """Lay out one monthly series as bars with gridlines and a summary sentence."""
    unit = _unit_label(series.unit)
    top_value = _nice_max(
        max((value for _, value in series.points), default=Decimal(0))
    )
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(series.points), 1)
    bars = []
    for index, (month, value) in enumerate(series.points):
        height = float(value / top_value) * plot_height
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=formats.date_format(month, "M Y"),
                value=value,
                show_label=index % 3 == 0,
            )
        )
    gridlines = [
        (
            round(TOP + plot_height - plot_height * step / 4, 1),
            formats.number_format(top_value * step / 4, 0, use_l10n=True),
        )
        for step in range(5)
    ]
    nonzero = [(m, v) for m, v in series.points if v]
    if nonzero:
        high_month, high_value = max(nonzero, key=lambda point: point[1])
        summary = _(
            "From %(start)s to %(end)s: %(total)s %(unit)s in all; highest month "
            "%(high_month)s with %(high)s %(unit)s; last month shown %(last)s %(unit)s."
        ) % {
            "start": bars[0].label,
            "end": bars[-1].label,
            "total": formats.number_format(series.total, 0, use_l10n=True),
            "unit": unit,
            "high_month": formats.date_format(high_month, "F Y"),
            "high": formats.number_format(high_value, 0, use_l10n=True),
            "last": formats.number_format(series.points[-1][1], 0, use_l10n=True),
        }
    else:
        summary = _("No data for these months.")
    return BarChart(
        slug=f"{series.domain}-{series.measure}-{series.unit}".replace("³", "3"),
        title=chart_title(series),
        unit=unit,
        bars=bars,
        gridlines=gridlines,
        summary=summary,
    )
