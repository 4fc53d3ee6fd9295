"""Rule-based sentence boundaries for news text, as character spans.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` (with any
closing quotes or brackets) followed by whitespace and a capital letter, digit
or opening quote, unless the full stop closes a known abbreviation (``TP.``,
``TS.``, ``tp . HCM`` in tokenised text) or sits inside a tokenised number
(``30 . 000 usd``).
"""

from __future__ import annotations

import bisect
import re

ABBREVIATIONS = frozenset(
    {"tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "q", "p", "st", "mr", "ms", "dr", "đ/c", "đc", "vv", "no", "tr"}
)

_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS)
# Possessive runs that start only at a run's first mark: linear on any run of
# punctuation (a backtracking ``[.!?…]+`` took 21 s on 40,000 dots).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s+[\"“'(\[]?[A-ZÀ-ỸĐ0-9])")
_DIGIT_AHEAD = re.compile(r"(?<!\s)\s*+\d")


def _is_abbreviation(text: str, dot: int) -> bool:
    # Looks only at the word before the dot and the characters after it, never
    # at the whole text before it: a line of thousands of words stays linear.
    if text[dot] != ".":
        return False
    end = dot
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end > 0 and text[end - 1].isdecimal() and _DIGIT_AHEAD.match(text, dot + 1):
        return True  # a tokenised number: "30 . 000 usd"
    start = end
    while start > 0 and not (text[start - 1].isspace() or text[start - 1] == "."):
        start -= 1
        if end - start > _LONGEST_ABBREVIATION:
            return False
    return start < end and text[start:end].lower() in ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank sentence, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        cuts = [line_start]
        for m in _BOUNDARY.finditer(line):
            if not _is_abbreviation(line, m.start()):
                cuts.append(line_start + m.end())
        cuts.append(line_start + len(line))
        for a, b in zip(cuts, cuts[1:]):
            seg = text[a:b]
            stripped = seg.strip()
            if stripped:
                lead = len(seg) - len(seg.lstrip())
                spans.append((a + lead, a + lead + len(stripped)))
        line_start += len(line) + 1
    return spans


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence holding character ``offset``, or -1 (``spans`` in text order, as ``sentence_spans`` gives)."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return i
    return -1
