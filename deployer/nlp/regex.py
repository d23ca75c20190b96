"""``re``'s functions for the parser, with a compile cache that holds all its patterns.

The parser writes most of its patterns inline (``re.sub(r'…', …)``), and reading one message uses
more than a thousand of them. ``re`` keeps only 512 compiled patterns and drops the oldest first,
so every message compiled hundreds of them again: p99 of a parse went from about 5 ms to 30 ms
once the count passed the limit. Here the cache is a least-recently-used one of 4,096 entries:
the patterns every message uses stay compiled, and patterns built from what a person typed
(``rf'{re.escape(word)}…'``) cannot make it grow without end.

Modules of the parser import it as ``re`` (``from . import regex as re``); everything else is
``re``'s own.
"""
from __future__ import annotations

import functools
import re as _re
from collections.abc import Callable, Iterator
from re import DOTALL, IGNORECASE, MULTILINE, VERBOSE, I, Match, Pattern, S, error, escape  # noqa: F401  (re's names)
from typing import Any, AnyStr

__all__ = ['DOTALL', 'IGNORECASE', 'MULTILINE', 'VERBOSE', 'I', 'Match', 'Pattern', 'S', 'error', 'escape',
           'compile', 'sub', 'subn', 'search', 'match', 'fullmatch', 'findall', 'finditer', 'split']

CACHE_SIZE = 4096


@functools.lru_cache(maxsize=CACHE_SIZE)
def compile(pattern: Any, flags: int = 0) -> Pattern[Any]:   # noqa: A001  (re's name)
    return _re.compile(pattern, flags)


def sub(pattern: Any, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: Any, repl: str | Callable[[Match[str]], str], string: str, count: int = 0,
         flags: int = 0) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def search(pattern: Any, string: AnyStr, flags: int = 0) -> Match[AnyStr] | None:
    return compile(pattern, flags).search(string)


def match(pattern: Any, string: AnyStr, flags: int = 0) -> Match[AnyStr] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: Any, string: AnyStr, flags: int = 0) -> Match[AnyStr] | None:
    return compile(pattern, flags).fullmatch(string)


def findall(pattern: Any, string: AnyStr, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: Any, string: AnyStr, flags: int = 0) -> Iterator[Match[AnyStr]]:
    return compile(pattern, flags).finditer(string)


def split(pattern: Any, string: AnyStr, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)
