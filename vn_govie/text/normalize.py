"""Text normalisation that remembers where every character came from.

The library reads a cleaned copy of the caller's text and reports offsets into
the original. Cleaning does, in one pass:

* HTML character references (``&amp;``, ``&#7897;``) become the characters;
* Unicode NFC, per base character and its combining marks (NFD input composes);
* one tone-mark convention, the one most of the Vietnamese press uses: the mark
  sits on the first vowel of an open ``oa``, ``oe``, ``uy`` rhyme (``hòa``,
  ``khỏe``, ``thủy``), so ``hoà``/``uỷ`` are read as ``hòa``/``ủy``;
* fullwidth ASCII (``５．０９２``) becomes ASCII;
* zero-width characters, bidirectional marks and isolates, soft hyphens and
  control characters are dropped
  (line breaks kept, ``\\r\\n`` read as ``\\n``), tabs and odd spaces (no-break,
  hair, thin, ideographic ...) become a plain space, and a lone surrogate (from
  bytes decoded with ``surrogateescape``) becomes U+FFFD.

``NormalizedText.span`` maps a span of the clean text back to the original.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Sequence

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Zero-width characters, the soft hyphen and the bidirectional marks, embeddings and isolates
# (LRM, RLM, ALM, LRE ... RLO, LRI ... PDI): invisible, so never part of a token or a span.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c"
                  "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FULLWIDTH = range(0xFF01, 0xFF5F)  # fullwidth ASCII (``５．０９２``): read as the ASCII character

_TONED = {  # base vowel -> its five toned forms: huyền, sắc, hỏi, ngã, nặng
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
}
_TONE_OF = {ch: (base, i) for base, forms in _TONED.items() for i, ch in enumerate(forms)}
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# The rhyme must end the syllable. After a lower-case vowel a capital also starts another
# word ("Thành uỷTP", once a zero-width space between them is dropped); after a capital
# vowel any letter continues it ("HOÀN").
_OLD_STYLE = re.compile(
    r"(?<![\w])([^\W\d_]*?)(?<![qQ])([oOuU])"
    rf"([àáảãạèéẻẽẹỳýỷỹỵ](?![^\W\d_](?<![{_UPPER}]))|[ÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\W\d_]))"
)
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _modern_tone(match: re.Match[str]) -> str:
    lead, first, second = match.group(1), match.group(2), match.group(3)
    base, tone = _TONE_OF[second]
    if (first.lower(), base.lower()) not in _PAIRS or (lead and lead[-1].lower() in "aeiouyăâêôơư"):
        return match.group(0)
    return lead + _TONED[first][tone] + base


def modern_tone_marks(text: str) -> str:
    """``hoà`` -> ``hòa``, ``Thành uỷ`` -> ``Thành ủy``, ``khoẻ`` -> ``khỏe``; same length, NFC text."""
    return _OLD_STYLE.sub(_modern_tone, text)


def fold(text: str) -> str:
    """Lookup form of a word or name: one tone-mark convention, lower case, single spaces."""
    return " ".join(modern_tone_marks(text).lower().split())


@dataclass(frozen=True)
class NormalizedText:
    """The clean text and, for each of its characters, the original range it came from.

    ``starts[k]``/``ends[k]`` are the original ``(start, end)`` of clean character
    ``k`` (kept as two integer arrays: 16 bytes a character, so a long document's
    map stays small). Both are non-decreasing.
    """

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @property
    def origins(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` in the original of every clean character."""
        return tuple(zip(self.starts, self.ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the clean span ``text[start:end]`` (``start < end``)."""
        return self.starts[start], self.ends[end - 1]

    def clean_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Clean ``(start, end)`` covering the original span, or ``None`` if nothing of it survives."""
        k_start = bisect.bisect_left(self.starts, start)
        k_end = bisect.bisect_left(self.starts, end)
        while k_end > k_start and self.ends[k_end - 1] > end:
            k_end -= 1
        return (k_start, k_end) if k_end > k_start else None

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _space_like(ch: str) -> bool:
    return ch == "\t" or (unicodedata.category(ch) == "Zs" and ch != " ")


def _clean_reference(decoded: str) -> str:
    """What a character reference stands for, cleaned like the text around it (``&nbsp;`` is a space)."""
    out = []
    for ch in unicodedata.normalize("NFC", decoded):
        if _space_like(ch):
            out.append(" ")
        elif ch == "\r":
            out.append("\n")
        elif not (ch in _DROP or (unicodedata.category(ch) == "Cc" and ch != "\n")):
            out.append(ch)
    return "".join(out)


def _plain(ch: str) -> bool:
    """A character the cleaning keeps as it is, whatever surrounds it (unless a combining mark follows)."""
    return (
        ch == "\n"
        or (
            ch not in "&\r"
            and ch not in _DROP
            and not _space_like(ch)
            and unicodedata.category(ch) != "Cc"
            and not unicodedata.combining(ch)
            and unicodedata.normalize("NFC", ch) == ch
        )
    )


# Runs of plain characters (ASCII, Latin letters with Vietnamese ones, common
# punctuation) are copied in one step; everything else goes through the loop.
_CANDIDATES = [(0x0A, 0x0A), (0x20, 0x7E), (0xA1, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x2027), (0x2030, 0x205E)]
_PLAIN_RUN = re.compile(
    "[" + "".join(re.escape(chr(c)) for a, b in _CANDIDATES for c in range(a, b + 1) if _plain(chr(c))) + "]+"
)


def normalize(text: str) -> NormalizedText:
    """Clean ``text`` for tokenising and tagging, keeping the offset map back to it."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    i, n = 0, len(text)
    cuts: list[int] = []
    plain_run = _PLAIN_RUN.match
    while i < n:
        m = plain_run(text, i)
        if m is not None:
            # every character but the last stays itself; the last may carry combining marks
            j = m.end() - 1
            if j > i:
                out.append(text[i:j])
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
        ch = text[i]
        if ch == "&" and (m := _ENTITY.match(text, i)):
            decoded = html.unescape(m.group(0))
            if decoded != m.group(0):
                piece, j = _clean_reference(decoded), m.end()
                out.append(piece)
                starts.extend([i] * len(piece))
                ends.extend([j] * len(piece))
                i = j
                continue
        if ch in _DROP:
            cuts.append(len(starts))  # an invisible mark still parts syllables for the tone-mark rule
            i += 1
            continue
        if ch == "\r":
            j = i + 2 if text.startswith("\r\n", i) else i + 1
            out.append("\n")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if _space_like(ch):
            out.append(" ")
            starts.append(i)
            ends.append(i + 1)
            i += 1
            continue
        if unicodedata.category(ch) == "Cc" and ch != "\n":
            i += 1
            continue
        if ord(ch) in _FULLWIDTH:
            out.append(chr(ord(ch) - 0xFEE0))
            starts.append(i)
            ends.append(i + 1)
            i += 1
            continue
        if "\ud800" <= ch <= "\udfff":  # a lone surrogate (bytes decoded with surrogateescape): not text
            out.append("\ufffd")
            starts.append(i)
            ends.append(i + 1)
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 or not ch.isascii() else ch
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    joined = "".join(out)
    bounds = [0, *cuts, len(joined)]
    clean = "".join(modern_tone_marks(joined[a:b]) for a, b in zip(bounds, bounds[1:]))
    return NormalizedText(text, clean, starts, ends)
