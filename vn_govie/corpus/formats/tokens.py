"""Token spans over the original text, cut at entity boundaries, and BIO tags for them.

Token-based formats (CoNLL, spaCy, Hugging Face) need every entity to cover a
whole number of tokens; cutting tokens at the entity starts and ends makes that
hold for any tokenisation, so no span is lost or moved on the way.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any, Iterable, Sequence

from ...schema import ENTITY_LABELS
from ...text.sentences import sentence_spans
from ...text.spans import strip_whitespace

Span = tuple[int, int]

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Combining marks stay inside the run so text in decomposed Unicode (NFD) keeps its syllables whole.
_TOKEN = re.compile(rf"(?:\w|[{_MARKS}])+|[^\s{_MARKS}][{_MARKS}]*")

# How many syllables ahead a word from the tokenizer may be found when realigning after a mismatch.
_REALIGN_WINDOW = 12

BIO_NAMES: tuple[str, ...] = ("O",) + tuple(f"{p}-{label}" for label in ENTITY_LABELS for p in ("B", "I"))


def _runs(text: str) -> list[Span]:
    return [m.span() for m in _TOKEN.finditer(text)]


def cut_at(spans: Iterable[Span], text: str, boundaries: Iterable[int] = ()) -> list[Span]:
    """Split spans at every boundary offset strictly inside them, trimming whitespace off the pieces."""
    cuts = sorted(set(boundaries))
    out: list[Span] = []
    for start, end in spans:
        lo = bisect.bisect_right(cuts, start)
        hi = bisect.bisect_left(cuts, end)
        edges = [start, *cuts[lo:hi], end]
        for piece in zip(edges, edges[1:]):
            a, b = strip_whitespace(text, *piece)
            if a < b:
                out.append((a, b))
    return out


def syllable_tokens(text: str, boundaries: Iterable[int] = ()) -> list[Span]:
    """``(start, end)`` of every run of word characters and every other non-space character, cut at ``boundaries``."""
    return cut_at(_runs(text), text, boundaries)


def _key(token: str) -> str:
    """A comparison key that ignores case, diacritics and compatibility forms (``uỷ`` == ``ủy``, ``ﬁ`` == ``fi``)."""
    decomposed = unicodedata.normalize("NFKD", token.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _align(words: Sequence[str], keys: Sequence[str]) -> list[Span]:
    """Index ranges into ``keys`` (the sentence's syllables) covered by each word that can be placed.

    Words are found in order; a run of words that cannot be found (a respelling
    such as ``Qui`` -> ``Quy``) still takes the syllables between its found
    neighbours when it has exactly as many of them.
    """
    pieces = [p for p in ([_key(w[a:b]) for a, b in _runs(w)] for w in words) if p]
    found: list[Span | None] = []
    i = 0
    for wanted in pieces:
        n = len(wanted)
        hit = next((j for j in range(i, min(i + _REALIGN_WINDOW, len(keys) - n + 1)) if list(keys[j : j + n]) == wanted), None)
        found.append(None if hit is None else (hit, hit + n))
        if hit is not None:
            i = hit + n
    groups: list[Span] = []
    k, done = 0, 0
    while k < len(pieces):
        span = found[k]
        if span is not None:
            groups.append(span)
            done = span[1]
            k += 1
            continue
        m = k
        while m < len(pieces) and found[m] is None:
            m += 1
        gap_end = found[m][0] if m < len(pieces) else len(keys)  # type: ignore[index]
        if sum(len(pieces[x]) for x in range(k, m)) == gap_end - done:
            for x in range(k, m):
                groups.append((done, done + len(pieces[x])))
                done += len(pieces[x])
        k = m
    return groups


def _tokenize_words(sentence: str) -> list[str]:
    from underthesea import word_tokenize

    return list(word_tokenize(sentence))


def word_tokens(text: str, boundaries: Iterable[int] = ()) -> list[Span]:
    """Word spans from underthesea, sentence by sentence, as offsets into ``text`` and cut at ``boundaries``.

    underthesea may rewrite characters (``Hoá`` comes back as ``Hóa``), so its
    strings only decide which syllables of the original form a word; a syllable
    no word can be aligned to stays a token of its own.
    """
    syllables = _runs(text)
    starts = [a for a, _ in syllables]
    grouped: list[Span] = []
    taken: set[int] = set()
    for s_start, s_end in sentence_spans(text):
        lo = bisect.bisect_left(starts, s_start)
        hi = bisect.bisect_left(starts, s_end)
        keys = [_key(text[a:b]) for a, b in syllables[lo:hi]]
        for g_lo, g_hi in _align(_tokenize_words(text[s_start:s_end]), keys):
            grouped.append((syllables[lo + g_lo][0], syllables[lo + g_hi - 1][1]))
            taken.update(range(lo + g_lo, lo + g_hi))
    singles = [span for k, span in enumerate(syllables) if k not in taken]
    return cut_at(sorted(grouped + singles), text, boundaries)


def _span_label(entity: Any) -> tuple[int, int, str]:
    if isinstance(entity, (tuple, list)):
        return int(entity[0]), int(entity[1]), str(entity[2])
    return entity.start, entity.end, entity.label


def bio_tags(token_spans: Sequence[Span], entities: Iterable[Any]) -> list[str]:
    """One BIO tag per token: ``B-``/``I-`` plus the label of the entity it overlaps, else ``O``.

    ``entities`` are :class:`~vn_govie.corpus.records.Entity` objects or
    ``(start, end, label)`` tuples. Tags are exact when the tokens were cut at
    the entity boundaries (``syllable_tokens(text, boundaries)``).
    """
    tags = ["O"] * len(token_spans)
    ends = [b for _, b in token_spans]
    for start, end, label in sorted(_span_label(e) for e in entities):
        k = bisect.bisect_right(ends, start)
        first = True
        while k < len(token_spans) and token_spans[k][0] < end:
            tags[k] = f"{'B' if first else 'I'}-{label}"
            first = False
            k += 1
    return tags


def entity_boundaries(entities: Iterable[Any]) -> list[int]:
    """Every start and end offset of ``entities``, for cutting tokens."""
    out: list[int] = []
    for ent in entities:
        start, end, _ = _span_label(ent)
        out += [start, end]
    return out
