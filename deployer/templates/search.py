"""Ranked template search: every word of the query must match somewhere; hits in the id,
title, tags and keywords count more than hits in the description."""
from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Template

# Words that carry no meaning in a search like "a password manager for my team".
STOP_WORDS = {'a', 'an', 'the', 'for', 'and', 'of', 'to', 'with', 'me', 'my', 'i', 'please', 'some'}
_WORD = re.compile(r'[a-z0-9][a-z0-9.+#-]*')


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def query_words(query: str) -> list[str]:
    found = [w.strip('.-') for w in words(query)]
    found = [w for w in found if w]
    meaningful = [w for w in found if w not in STOP_WORDS]
    return meaningful or found


def _word_score(word: str, template: Template) -> int:
    title = template.title.lower()
    names = [template.id, title]
    labels = [t.lower() for t in (*template.tags, *template.keywords)]
    if word == template.id or word in words(title):
        return 12
    if any(word == label or word in words(label) for label in labels):
        return 9
    if any(word in name for name in names):
        return 7
    if any(word in label for label in labels):
        return 5
    if word in words(template.category) or any(w.startswith(word) for w in words(template.description)):
        return 1
    return 0


def score(query: str, template: Template) -> int:
    """0 when some word of the query matches nothing; higher for better matches."""
    wanted = query_words(query)
    if not wanted:
        return 1
    total = 0
    for word in wanted:
        points = _word_score(word, template)
        if not points:
            return 0
        total += points
    phrase = ' '.join(wanted)
    if len(wanted) > 1 and any(phrase in label.lower() for label in (template.title, *template.tags, *template.keywords)):
        total += 20
    return total


def search(templates: Iterable[Template], query: str | None) -> list[Template]:
    if not query or not query.strip():
        return sorted(templates, key=lambda t: (t.source != 'builtin', t.title.lower()))
    scored = [(score(query, t), t) for t in templates]
    return [t for s, t in sorted(((s, t) for s, t in scored if s > 0),
                                 key=lambda pair: (-pair[0], pair[1].source != 'builtin', pair[1].title.lower()))]
