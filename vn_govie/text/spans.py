"""Span edges by the schema's rule: no whitespace, no punctuation that is not part of the name."""

from __future__ import annotations

import unicodedata

# bracket placeholders of tokenised corpora: UD Vietnamese VTB (``LBKT``/``RBKT``), Penn-style text
BRACKET_TOKENS = frozenset({"LBKT", "RBKT", "-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-"})
# ``|`` is a cell border of a markdown or plain-text table, never part of a name.
OPENING = set(",.;:!?\"'“”‘’)]}-–—/…|")
CLOSING = set(",;:!?\"'“”‘’([{-–—/…|")


def strip_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past any whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` until it neither starts nor ends with whitespace or stray punctuation.

    A closing bracket stays when the span opens it, and a final full stop stays
    after a capital initial (``Nguyễn M.``).
    """
    while start < end:
        ch = text[start]
        if ch.isspace() or ch in OPENING or unicodedata.combining(ch):  # a mark with no letter to sit on
            start += 1
            continue
        last = text[end - 1]
        if last.isspace() or last in CLOSING:
            end -= 1
        elif last == ")" and "(" not in text[start:end]:
            end -= 1
        elif last == "." and not (end - start >= 2 and text[end - 2].isupper()):
            end -= 1
        else:
            break
    return start, end
