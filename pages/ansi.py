"""Log lines to HTML: ANSI SGR colours as spans, the search term marked, everything escaped."""
from __future__ import annotations

import html
import re

_SGR = re.compile(r'\x1b\[([0-9;]*)m')
_OTHER_ESCAPES = re.compile(r'\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07')
COLORS = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5']
BRIGHT = ['#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff']


def _style(codes: list[int], state: dict[str, str]) -> None:
    for code in codes or [0]:
        if code == 0:
            state.clear()
        elif code == 1:
            state['font-weight'] = 'bold'
        elif code == 3:
            state['font-style'] = 'italic'
        elif code == 4:
            state['text-decoration'] = 'underline'
        elif code == 22:
            state.pop('font-weight', None)
        elif 30 <= code <= 37:
            state['color'] = COLORS[code - 30]
        elif 90 <= code <= 97:
            state['color'] = BRIGHT[code - 90]
        elif code == 39:
            state.pop('color', None)
        elif 40 <= code <= 47:
            state['background'] = COLORS[code - 40]
        elif 100 <= code <= 107:
            state['background'] = BRIGHT[code - 100]
        elif code == 49:
            state.pop('background', None)


def _mark(text: str, needle: str) -> str:
    if not needle:
        return html.escape(text)
    out, lower, low_needle, start = [], text.lower(), needle.lower(), 0
    while (found := lower.find(low_needle, start)) >= 0:
        out.append(html.escape(text[start:found]))
        out.append(f'<mark>{html.escape(text[found:found + len(needle)])}</mark>')
        start = found + len(needle)
    out.append(html.escape(text[start:]))
    return ''.join(out)


def to_html(line: str, highlight: str = '') -> str:
    """One log line as a ``<div>``; a search term is matched on the visible text only."""
    line = _OTHER_ESCAPES.sub('', line)
    parts, state, position = [], {}, 0
    for match in _SGR.finditer(line):
        parts.append((dict(state), line[position:match.start()]))
        _style([int(c) for c in match.group(1).split(';') if c.isdigit()], state)
        position = match.end()
    parts.append((dict(state), line[position:]))
    body = []
    for style, text in parts:
        if not text:
            continue
        inner = _mark(text, highlight)
        if style:
            css = ';'.join(f'{k}:{v}' for k, v in style.items())
            body.append(f'<span style="{css}">{inner}</span>')
        else:
            body.append(inner)
    return f'<div>{"".join(body) or "&nbsp;"}</div>'
