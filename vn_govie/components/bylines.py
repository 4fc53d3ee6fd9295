"""Source bylines and photo credits, which the schema annotates as ORG.

News text opens with its source in brackets (``(Chinhphu.vn) - Trong 6 tháng ...``,
``(CAO) Về đầu tư công ...``) and credits photos (``Ảnh: TTO``); the guideline makes
the source an ORG. Both are found on the text, at the start of a line or after
``Ảnh:``, never inside a sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..text.view import CleanView

BYLINE = re.compile(r"(?m)^[ \t]*\((?P<name>[^\s()]{2,30})\)(?=[ \t]*(?:[-–—][ \t]*)?\S)")
PHOTO_CREDIT = re.compile(r"(?:Ảnh|Ảnh minh họa|Nguồn)[ \t]*:[ \t]*(?P<name>[A-ZĐ][\w.]*(?:[ \t]+[A-ZĐ][\w.]*){0,3})")


def find_byline_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """ORG spans of bracketed sources at a line start and of photo credits, on free tokens only."""
    spans: list[Span] = []
    view = CleanView(doc)
    for pattern in (BYLINE, PHOTO_CREDIT):
        for match in pattern.finditer(view.text):
            if not any(ch.isalpha() for ch in match.group("name")):
                continue
            span = view.char_span(match.start("name"), match.end("name"), label="ORG", alignment_mode="expand")
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            if view.span_text(span) != match.group("name"):
                continue  # the name shares a token with its brackets: leave it to the model
            spans.append(span)
            taken.update(range(span.start, span.end))
    return spans
