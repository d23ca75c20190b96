"""Text that goes into one line of a commit message, a history record or a log line.

    one_line('blog\\n\\nReason: forged')      -> 'blog Reason: forged'
    one_line('\\x1b[31mred\\x1b[0m \\u202etxt')  -> 'red txt'

Names come from users (stack names are checked, but feed names, container names made
elsewhere and commands typed into the assistant are free text): a newline could forge a git
trailer or a log line, an ANSI escape could rewrite a terminal, a bidi override could make
a name read backwards. This is the one function that makes such text harmless.
"""
from __future__ import annotations

import re

# CSI (ESC [ … final byte) and OSC (ESC ] … BEL or ST) sequences, then any lone escape pair
_ANSI = re.compile(r'\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?')
# C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings, overrides and isolates,
# and the invisible direction marks
_CONTROL = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]')


def one_line(text: object, limit: int = 500) -> str:
    """``text`` as one line of at most ``limit`` characters: escape sequences and control
    characters removed (a newline or tab becomes a space), runs of whitespace collapsed."""
    value = str(text)
    if value.isprintable() and '  ' not in value and value == value.strip():  # the common case: nothing to do
        return value[:limit]
    value = _ANSI.sub('', value)
    value = _CONTROL.sub(lambda m: ' ' if m.group() in '\t\n\r\x0b\x0c\u2028\u2029' else '', value)
    return ' '.join(value.split())[:limit]


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``count(1, 'template')`` -> '1 template'; ``count(3, 'template')`` -> '3 templates'."""
    return f'{number:,} {singular if number == 1 else (plural or singular + "s")}'
