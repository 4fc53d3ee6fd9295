"""The clean text of a ``Doc``, aligned to its tokens: what the rules read.

The tokenizer keeps ``doc.text`` equal to the caller's text, so tokens and
entities carry the caller's offsets; it normalises internally
(``vn_govie.text.normalize``: NFC, one tone-mark convention, plain spaces, no
invisible marks). When cleaning changed something it stores the clean text and,
for each token, where that token's clean form starts and ends in it
(``Doc._.clean_map``; two integers a token in NumPy arrays, which ``Doc.to_bytes``
keeps; nothing for text that was already clean). The rule components read words and run their regular expressions
through ``CleanView``, so they see the same characters whatever the input's
encoding, and they map their matches back to tokens, never to characters.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.tokens import Doc, Span, Token


def clean_map(text: str, token_starts: list[int], token_ends: list[int]) -> dict[str, Any]:
    """The ``Doc._.clean_map`` value: the clean text and each token's clean ``(start, end)``."""
    return {"text": text, "starts": numpy.asarray(token_starts, dtype="int64"),
            "ends": numpy.asarray(token_ends, dtype="int64")}


class CleanView:
    """``doc`` as the rules read it: clean words, the clean text, clean offsets of tokens, and spans back.

    On a doc whose text was already clean every method is spaCy's own
    (``token.text``, ``doc.text``, ``token.idx``, ``doc.char_span``).
    """

    __slots__ = ("doc", "_text", "_starts", "_ends")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        data = doc._.clean_map
        if data is None:
            self._text = None
            self._starts = self._ends = None
        else:
            self._text = data["text"]
            self._starts, self._ends = data["starts"], data["ends"]

    @property
    def text(self) -> str:
        """The clean text (``doc.text`` when nothing changed; spaCy builds that string once here)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def changed(self) -> bool:
        """Whether cleaning changed the doc's text (else the view is the doc itself)."""
        return self._starts is not None

    def start(self, i: int) -> int:
        """Clean offset where token ``i`` starts."""
        return self.doc[i].idx if self._starts is None else int(self._starts[i])

    def end(self, i: int) -> int:
        """Clean offset where token ``i`` ends (its trailing whitespace excluded)."""
        if self._ends is None:
            token = self.doc[i]
            return token.idx + len(token)
        return int(self._ends[i])

    def word(self, i: int) -> str:
        """Token ``i``'s clean form (``Phó`` for an NFD ``Pho\u0301``; ``""`` for an invisible mark)."""
        return self.doc[i].text if self._starts is None else self.text[int(self._starts[i]):int(self._ends[i])]

    def words(self, start: int = 0, end: int | None = None) -> list[str]:
        """The clean forms of tokens ``start`` to ``end``."""
        end = len(self.doc) if end is None else end
        if self._starts is None:
            return [t.text for t in self.doc[start:end]]
        text = self.text
        return [text[a:b] for a, b in zip(self._starts[start:end].tolist(), self._ends[start:end].tolist())]

    def span_text(self, span: Span | Any) -> str:
        """The clean text of a span (or of tokens ``span.start`` to ``span.end``)."""
        if self._starts is None and isinstance(span, Span):
            return span.text
        if span.end <= span.start:
            return ""
        return self.text[self.start(span.start):self.end(span.end - 1)]

    def char_span(self, start: int, end: int, label: str = "", alignment_mode: str = "strict") -> Span | None:
        """The tokens of clean characters ``start`` to ``end``, as ``Doc.char_span`` does for ``doc.text``."""
        if self._starts is None:
            return self.doc.char_span(start, end, label=label, alignment_mode=alignment_mode)
        n = len(self.doc)
        starts, ends = self._starts, self._ends
        if alignment_mode == "strict":
            i = int(numpy.searchsorted(starts, start, "left"))
            j = int(numpy.searchsorted(ends, end, "left"))
            while i < n and starts[i] == ends[i] and starts[i] == start and end > start:
                i += 1  # an invisible mark where the span starts
            if i >= n or j >= n or starts[i] != start or ends[j] != end or j < i:
                return None
            return Span(self.doc, i, j + 1, label=label)
        if alignment_mode == "contract":
            i = int(numpy.searchsorted(starts, start, "left"))
            j = int(numpy.searchsorted(ends, end, "right"))  # tokens i .. j-1 end by ``end``
        elif alignment_mode == "expand":
            i = int(numpy.searchsorted(ends, start, "right"))  # the first token ending after ``start``
            j = int(numpy.searchsorted(starts, end, "left"))  # the tokens starting before ``end``
        else:
            raise ValueError(f"alignment_mode must be strict, contract or expand, got {alignment_mode!r}")
        while i < j and starts[i] == ends[i]:  # an invisible mark at an edge is not part of the span
            i += 1
        while j > i and starts[j - 1] == ends[j - 1]:
            j -= 1
        return Span(self.doc, i, j, label=label) if j > i else None


def merge_clean_maps(docs: list[Doc]) -> dict[str, Any] | None:
    """The ``clean_map`` of ``Doc.from_docs(docs)``, or ``None`` when no doc's text changed."""
    if all(doc._.clean_map is None for doc in docs):
        return None
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    offset = 0
    for doc in docs:
        view = CleanView(doc)
        starts.extend(view.start(i) + offset for i in range(len(doc)))
        ends.extend(view.end(i) + offset for i in range(len(doc)))
        texts.append(view.text)
        offset += len(view.text)
    return clean_map("".join(texts), starts, ends)


def _doc_clean_text(doc: Doc) -> str:
    return CleanView(doc).text


def _span_clean_text(span: Span) -> str:
    return CleanView(span.doc).span_text(span)


def _token_clean_text(token: Token) -> str:
    return CleanView(token.doc).word(token.i)


def register() -> None:
    """``Doc._.clean_map`` (stored) and the ``clean_text`` getters on ``Doc``, ``Span`` and ``Token``."""
    if not Doc.has_extension("clean_map"):
        Doc.set_extension("clean_map", default=None)
    for cls, getter in ((Doc, _doc_clean_text), (Span, _span_clean_text), (Token, _token_clean_text)):
        if not cls.has_extension("clean_text"):
            cls.set_extension("clean_text", getter=getter)
