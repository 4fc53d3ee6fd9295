"""People named right after a word for a person or a title (``Bà Năm``, ``trưởng thôn Cơlâu Bhưới``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..text.view import CleanView

from .gazetteer import HONORIFICS, fold, gazetteer, place_names, starts_a_name

_PERSON_WORDS = frozenset({"đồng chí", "công dân"})


def _capitalised_name(text: str) -> bool:
    return all(syllable[:1].isupper() and syllable[:1].isalpha() for syllable in text.split())


def find_people_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """PERSON spans of capitalised free words right after a word for a person or a title.

    ``Bà Năm``, ``đồng chí Lê Duẩn``, ``trưởng thôn Cơlâu Bhưới``: up to four
    capitalised words, never a listed place after a title (``Giám đốc Sở`` ... is
    caught by the model or the gazetteer first) nor one that an honorific begins
    (``Bà Rịa``). The tokens found are added to ``taken``.
    """
    title_ends = {e.end for e in doc.ents if e.label_ == "POSITION"}
    words = CleanView(doc).words()
    spans: list[Span] = []
    for i in range(1, len(words)):
        if i in taken or not _capitalised_name(words[i]):
            continue
        before = fold(words[i - 1])
        after_honorific = before in HONORIFICS or before in _PERSON_WORDS
        if not (after_honorific or i in title_ends):
            continue
        j = i
        while j < len(words) and j - i < 4 and j not in taken and _capitalised_name(words[j]):
            j += 1
        name = " ".join(words[i:j])
        if starts_a_name(f"{words[i - 1]} {name}") or (not after_honorific and fold(name) in place_names()):
            continue
        if not after_honorific and gazetteer().get(fold(name)) is not None:
            continue
        spans.append(Span(doc, i, j, label="PERSON"))
        taken.update(range(i, j))
    return spans
