"""Charts of the last hour of CPU, memory, network and block I/O, from the stats poller's memory
(no engine call per viewer), redrawn every 2 s: one container on its page, every running
container of a stack on the stack's page (a line each)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nicegui import ui

from deployer.service import Deployer

CHARTS = [('CPU', '%', [('cpu', 'CPU %')]), ('Memory', 'bytes', [('memory', 'used')]),
          ('Network', 'bytes/s', [('net_rx', 'received'), ('net_tx', 'sent')]),
          ('Block I/O', 'bytes/s', [('block_read', 'read'), ('block_write', 'written')])]


def charts(d: Deployer, members: Callable[[], list[tuple[str, str]]]) -> None:
    """``members()``: the (container id, label) pairs to draw now — asked at each redraw, so a
    stack scaled up or down draws what runs."""
    drawn: list[tuple[ui.echart, list[tuple[str, str]]]] = []
    note = ui.label('Figures of running containers, one sample every 2 s; the hour before is kept.').classes(
        'text-xs text-grey').props('data-testid=charts-note')
    with ui.grid(columns=2).classes('w-full gap-4'):
        for title, unit, series in CHARTS:
            chart = ui.echart({
                'title': {'text': f'{title} ({unit})', 'textStyle': {'fontSize': 13}},
                'tooltip': {'trigger': 'axis'}, 'legend': {'show': False, 'right': 0, 'top': 0, 'type': 'scroll'},
                'grid': {'left': 60, 'right': 16, 'top': 36, 'bottom': 24},
                'xAxis': {'type': 'time'}, 'yAxis': {'type': 'value', 'min': 0},
                'series': [], 'animation': False,
            }).classes('h-56').props(f'data-testid=chart-{series[0][0]}')
            drawn.append((chart, series))

    def redraw() -> None:
        shown = [(label, d.series(cid)) for cid, label in members()]
        for chart, series in drawn:
            lines: list[dict[str, Any]] = []
            for label, data in shown:
                times = [t * 1000 for t in data['t']]
                for key, name in series:
                    title = name if len(shown) == 1 else label if len(series) == 1 else f'{label} {name}'
                    lines.append({'name': title, 'type': 'line', 'showSymbol': False,
                                  'data': [[t, v] for t, v in zip(times, data[key], strict=True)]})
            chart.options['series'] = lines
            chart.options['legend']['show'] = len(lines) > 1
            chart.update()
        samples = max((len(data['t']) for _, data in shown), default=0)
        who = '' if len(shown) == 1 else f' of {len(shown)} containers'
        note.text = (f'{samples} samples{who}, one every {d.stats.interval:g} s; the last hour is kept.' if samples
                     else 'No samples yet: figures come from running containers, one every 2 s.')
    redraw()
    ui.timer(2.0, redraw)
