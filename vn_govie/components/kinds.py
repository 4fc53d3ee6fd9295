"""Kinds of bodies and places written in lower case before a name (``bệnh viện``, ``phường``).

A kind and the capitalised name after it make one ORG or LOCATION: found on
free tokens (``find_body_spans``), or taken into an entity the model found
without it (``attach_kinds``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..text.view import CleanView

from .gazetteer import TYPE_WORDS, fold, gazetteer

# Kinds of bodies: written in lower case before a capitalised name, kind and name make
# one ORG (``bệnh viện huyện Phước Sơn``, ``công ty cổ phần Biên Hòa``, ``viện Nghiên cứu cao su``).
BODY_KINDS = (
    "tổng công ty", "công ty cổ phần", "công ty", "bệnh viện", "trường đại học", "trường cao đẳng", "trường",
    "đại học", "cao đẳng", "học viện", "viện", "nhà máy", "lâm trường", "nông trường", "ngân hàng", "tập đoàn",
    "liên đoàn", "hội", "hiệp hội", "báo", "đài", "xí nghiệp", "hợp tác xã", "quỹ", "quĩ",
)
_BODY_KINDS = sorted((tuple(kind.split()) for kind in BODY_KINDS), key=len, reverse=True)
_ADMIN_WORDS = TYPE_WORDS | {"tp."}


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


_KINDS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _kind in _BODY_KINDS:
    _KINDS_BY_FIRST.setdefault(_kind[0], []).append(_kind)


def _kind_at(words: list[str], i: int) -> int | None:
    """Index after a lower-case kind of body starting at token ``i``, or ``None``.

    ``words`` are the tokens' texts; a kind may span several tokens or share one.
    """
    first = (words[i].split() or [""])[0]
    if not first[:1].islower():
        return None
    for kind in _KINDS_BY_FIRST.get(first.lower(), ()):
        syllables: list[str] = []
        j = i
        while j < len(words) and len(syllables) < len(kind):
            syllables += words[j].lower().split()
            j += 1
        if tuple(syllables) == kind:
            return j
    return None


def find_body_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """ORG spans of a lower-case kind of body and the capitalised name after it, on free tokens only.

    The name may hold administrative type words (``huyện``) but ends on a
    capitalised word; punctuation ends it. The tokens found are added to ``taken``.
    """
    tokens = list(doc)
    words = CleanView(doc).words()
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        after_kind = None if i in taken else _kind_at(words, i)
        if after_kind is not None:
            j, last = after_kind, None
            while (
                j < len(tokens) and j not in taken and not tokens[j].is_punct
                and (_capitalised(words[j]) or words[j].lower() in _ADMIN_WORDS)
            ):
                if _capitalised(words[j]):
                    last = j
                j += 1
            if last is not None and not taken.intersection(range(i, last + 1)):
                spans.append(Span(doc, i, last + 1, label="ORG"))
                taken.update(range(i, last + 1))
                i = last + 1
                continue
        i += 1
    return spans


# Kinds of places: written in lower case right before a name, the kind is part of the
# LOCATION (``phường Hiệp Bình Chánh``, ``đảo Cát Bà``, ``đường Nguyễn Huệ``).
PLACE_KINDS = (
    *sorted(_ADMIN_WORDS), "thôn", "ấp", "làng", "bản", "đảo", "chợ", "đường", "phố", "sông", "núi", "đèo", "vịnh",
    "khu phố", "cồn",
)
# More kinds of bodies, taken in only before a name already found (``công an`` + ``tỉnh
# Khánh Hòa``); on their own they are too often verbs or common nouns (``tổ chức``).
ATTACHED_BODY_KINDS = (
    *BODY_KINDS, "đh", "tổ chức", "bộ đội biên phòng", "đại học quốc gia", "hạt kiểm lâm", "công an", "cảnh sát",
    "ubnd", "ủy ban nhân dân", "hđnd", "hội đồng nhân dân", "sở", "ban quản lý", "tỉnh ủy", "thành ủy",
    "huyện ủy", "quận ủy", "đảng ủy",
)
_KIND_LABELS = {tuple(fold(kind).split()): "LOCATION" for kind in PLACE_KINDS} | {
    tuple(fold(kind).split()): "ORG" for kind in ATTACHED_BODY_KINDS
}
_LONGEST_KIND = max(len(kind) for kind in _KIND_LABELS)
_PLURAL = frozenset({"các", "những", "nhiều", "mọi", "hai", "ba", "vài", "mấy"})


def _kind_before(words: list[str], start: int, floor: int) -> int | None:
    """First token of the longest lower-case kind ending right before token ``start``, not before ``floor``."""
    found = None
    syllables: tuple[str, ...] = ()
    j = start
    while j > floor and len(syllables) < _LONGEST_KIND:
        j -= 1
        if not words[j].strip():
            break
        syllables = tuple(fold(words[j]).split()) + syllables
        if syllables in _KIND_LABELS and words[j][:1].islower():
            found = j
    return found


def _kind_label(words: list[str], start: int, end: int) -> str | None:
    """LOCATION or ORG when tokens ``start:end`` open with a lower-case kind (the longest that fits)."""
    if not words[start][:1].islower():
        return None
    label, syllables = None, ()
    for j in range(start, min(end, start + _LONGEST_KIND)):
        syllables = syllables + tuple(fold(words[j]).split())
        if len(syllables) > _LONGEST_KIND:
            break
        label = _KIND_LABELS.get(syllables, label)
    return label


def attach_kinds(doc: Doc) -> list[Span]:
    """Entities with the lower-case kind written right before them taken in, labelled by their kind.

    A kind of place makes a LOCATION (``phường`` + ``Hiệp Bình Chánh``), a kind of
    body an ORG (``bệnh viện`` + ``tỉnh Khánh Hòa``; ``cảnh sát Đài Bắc`` tagged as
    a place). Not after a plural (``các tỉnh ĐBSCL`` names no one place), and a
    PERSON after a title stays a PERSON (``chủ tịch xã Nguyễn Văn A``).
    """
    words = CleanView(doc).words()
    table = gazetteer()
    out: list[Span] = []
    floor = 0
    for ent in doc.ents:
        if ent.label_ in ("LOCATION", "ORG", "PERSON"):
            start = ent.start
            j = _kind_before(words, ent.start, floor)
            if j is not None:
                before = fold(words[j - 1]) if j > 0 else ""
                after_title = j > 0 and (
                    table.get(before) == "POSITION" or (j > 1 and table.get(fold(f"{words[j - 2]} {before}")) == "POSITION")
                )
                if before not in _PLURAL and not (ent.label_ == "PERSON" and after_title):
                    start = j
            label = _kind_label(words, start, ent.end)
            if label is not None and (start != ent.start or ent.label_ != "PERSON"):
                ent = Span(doc, start, ent.end, label=label)
        out.append(ent)
        floor = ent.end
    return out
