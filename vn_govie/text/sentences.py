"""Rule-based sentence boundaries for news text, as character spans.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` (with any
closing quotes or brackets) followed by whitespace and a capital letter, digit
or opening quote, unless the full stop closes a known abbreviation (``TP.``,
``TS.``, ``tp . HCM`` in tokenised text) or sits inside a tokenised number
(``30 . 000 usd``).
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    {"tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "q", "p", "st", "mr", "ms", "dr", "đ/c", "đc", "vv", "no", "tr"}
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"“'(\[]?[A-ZÀ-ỸĐ0-9])")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    if re.search(r"\d\s*$", text[:dot]) and re.match(r"\s*\d", text[dot + 1 :]):
        return True  # a tokenised number: "30 . 000 usd"
    m = re.search(r"([^\s.]+)\s*$", text[:dot])
    return bool(m) and m.group(1).lower() in ABBREVIATIONS


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
    """Index of the sentence holding character ``offset``, or -1."""
    for i, (a, b) in enumerate(spans):
        if a <= offset < b:
            return i
    return -1
