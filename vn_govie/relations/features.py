"""Features of a candidate pair: labels, order, distance, what lies between, and cue words.

A linear model over these sees what an annotator looks at: ``chủ trì`` between a
person and a meeting, ``của`` between a document and a body, a comma list of
titles before a name, another entity of the same type in between.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import IS_SPACE, NORM, SENT_START
from spacy.tokens import Doc, Span

from ..text.view import CleanView

CUES = (
    "chủ trì", "đồng chủ trì", "dự", "tham dự", "cùng dự", "phát biểu", "khai mạc", "bế mạc", "kết luận",
    "báo cáo", "tổ chức", "họp", "của", "với", "giải ngân", "bố trí", "phân bổ", "tổng mức đầu tư", "vốn",
    "ngày", "tại", "ở", "thuộc", "ban hành", "thông qua", "theo", "đạt", "kế hoạch", "và", "cho", "do",
)
PUNCT = (",", ";", ":", "-", "–", "(", ")", ".", "“", "”", '"')


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


class PairContext:
    """What every pair of one doc shares, computed once: entities, token norms, sentence bounds.

    spaCy rebuilds ``doc.ents`` and ``span.sent`` on every access, which made
    feature extraction quadratic in the number of entities of a sentence.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.view = CleanView(doc)
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        strings = doc.vocab.strings
        rows = doc.to_array([NORM, IS_SPACE, SENT_START]).tolist() if len(doc) else []
        # the v4 tokenizer's lookup forms join a word's syllables with "_": the cues are written with spaces
        self.norms = [strings[row[0]].replace("_", " ") for row in rows]
        self.spaces = [bool(row[1]) for row in rows]
        if doc.has_annotation("SENT_START"):
            starts = [i for i, row in enumerate(rows) if i == 0 or row[2] == 1] or [0]
        else:
            starts = [0]
        self.sentence_of: list[tuple[int, int]] = []
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(doc)
            self.sentence_of.extend([(start, end)] * (end - start))
        self._sentence_words: dict[int, str] = {}
        self._sentence_ents: dict[int, list[Span]] = {}

    def sentence(self, token: int) -> tuple[int, int]:
        return self.sentence_of[token] if self.sentence_of else (0, len(self.doc))

    def sentence_words(self, token: int) -> str:
        start, end = self.sentence(token)
        if start not in self._sentence_words:
            self._sentence_words[start] = " " + " ".join(self.norms[start:end]) + " "
        return self._sentence_words[start]

    def ents_between(self, start: int, end: int) -> list[Span]:
        """Entities lying wholly within tokens ``start:end`` (entities are sorted and never overlap)."""
        i = bisect_left(self._ent_starts, start)
        out = []
        while i < len(self.ents) and self.ents[i].end <= end:
            out.append(self.ents[i])
            i += 1
        return out

    def words(self, start: int, end: int) -> list[str]:
        """Norms of tokens ``start:end``, whitespace tokens left out."""
        return [self.norms[i] for i in range(start, end) if not self.spaces[i]]

    def sentence_ents(self, token: int) -> list[Span]:
        start, end = self.sentence(token)
        if start not in self._sentence_ents:
            self._sentence_ents[start] = [e for e in self.ents if start <= e.start < end]
        return self._sentence_ents[start]


def _gap(a: Span, b: Span) -> int:
    return b.start - a.end if a.start < b.start else a.start - b.end


def pair_features(head: Span, tail: Span, context: PairContext | None = None) -> dict[str, float]:
    """Sparse features of one ordered pair of entities of the same sentence.

    Pass a ``PairContext`` of the doc when scoring many pairs of it.
    """
    ctx = context if context is not None else PairContext(head.doc)
    first, second = (head, tail) if head.start < tail.start else (tail, head)
    words = ctx.words(first.end, second.start)
    text_between = " " + " ".join(words) + " "
    types = f"{head.label_}>{tail.label_}"
    order = "head_first" if head.start < tail.start else "tail_first"
    f: dict[str, float] = {
        f"types={types}": 1.0,
        f"order={types}|{order}": 1.0,
        f"dist={types}|{order}|{_bucket(len(words))}": 1.0,
    }
    ents_between = ctx.ents_between(first.end, second.start)
    f[f"n_ents_between={types}|{_bucket(len(ents_between))}"] = 1.0
    for e in ents_between:
        f[f"ent_between={types}|{e.label_}"] = 1.0
    if any(e.label_ == head.label_ for e in ents_between):
        f[f"same_head_type_between={types}"] = 1.0
    if any(e.label_ == tail.label_ for e in ents_between):
        f[f"same_tail_type_between={types}"] = 1.0
    if not words:
        f[f"adjacent={types}|{order}"] = 1.0
    for w in words[:6]:
        f[f"w_between={types}|{w}"] = 1.0
    for w in words[-3:]:
        f[f"w_between_end={types}|{w}"] = 1.0
    for cue in CUES:
        if f" {cue} " in text_between:
            f[f"cue={types}|{order}|{cue}"] = 1.0
    for p in PUNCT:
        if p in words:
            f[f"punct={types}|{p}"] = 1.0
    sent_start, sent_end = ctx.sentence(head.start)
    for i in range(max(sent_start, first.start - 3), first.start):
        f[f"before_first={types}|{ctx.norms[i]}"] = 1.0
    for i in range(second.end, min(sent_end, second.end + 3)):
        f[f"after_second={types}|{ctx.norms[i]}"] = 1.0
    # Is the tail the nearest entity of its type to the head, and the other way round?
    # Appositions and lists ("X , Y , Z") make the nearest one the likely partner.
    gap = _gap(head, tail)
    same_sentence = ctx.sentence_ents(head.start)
    if all(_gap(head, e) >= gap for e in same_sentence if e.label_ == tail.label_ and e != head):
        f[f"nearest_tail={types}"] = 1.0
    if all(_gap(e, tail) >= gap for e in same_sentence if e.label_ == head.label_ and e != tail):
        f[f"nearest_head={types}"] = 1.0
    for name, span in (("head", head), ("tail", tail)):
        for k in (1, 2):
            if span.start - k >= sent_start:
                f[f"{name}_prev{k}={types}|{ctx.norms[span.start - k]}"] = 1.0
        if span.end < sent_end:
            f[f"{name}_next={types}|{ctx.norms[span.end]}"] = 1.0
    sentence_words = ctx.sentence_words(head.start)
    for cue in ("chủ trì", "đồng chủ trì", "tham dự", "cùng dự", "giải ngân", "tổ chức"):
        if f" {cue} " in sentence_words:
            f[f"cue_in_sentence={types}|{cue}"] = 1.0
    f[f"head_text={head.label_}|{ctx.view.span_text(head).lower()}"] = 1.0 if head.label_ in ("POSITION", "EVENT") else 0.0
    f[f"tail_text={tail.label_}|{ctx.view.span_text(tail).lower()}"] = 1.0 if tail.label_ in ("POSITION", "EVENT") else 0.0
    return {k: v for k, v in f.items() if v}
