"""The ``vn_govie_span_rules`` component: every entity obeys the schema's span rules.

Applied inside the pipeline, after the model and the rule components, so
``doc.ents`` already holds what ``extract`` returns:

* **edges**: no whitespace or stray punctuation at either end (``text.spans.trim_span``),
  and no function word a name ran into at its end (``Tám mặc``, ``Đinh và``);
  bracket placeholders of tokenised corpora (``LBKT``/``RBKT`` in the UD
  Vietnamese VTB treebank, ``-LRB-``/``-RRB-`` in Penn-style text) count as punctuation;
* **DOCUMENT** names a document: it starts with a kind of document (``Nghị quyết``,
  ``Luật``, ``Đề án`` ...) or carries a document number (``18-NQ/TU``);
* **MONEY, PERCENT, DATE** carry a value the normalisers can read (the guideline:
  a value must be computable); MONEY names a unit or currency, and two amounts
  joined by ``và`` are two spans;
* names (every other label) contain a letter;
* a PERSON that is exactly a listed title (``Tổng Bí thư``, ``Chủ tịch``) is a POSITION;
* a LOCATION that reads as a person's name (a nickname ``Tám Hòa``, a surname and
  two or three more words) and names no listed place is a PERSON;
* a PROJECT that is a road or bridge named right after a word of place
  (``mặt đường Thánh Paul``, ``giữa cầu Đúc Nhỏ``) is a LOCATION: the schema makes a
  work said to tell where something is a place;
* a LOCATION or ORG written as a name right after a word for a person (``anh Hai Địa``,
  ``Ông Tám``, ``tên Đức``) is a PERSON, unless the two words begin a listed place
  (``bà Rịa``) or the span itself is one.

A span that fails is dropped rather than guessed into another label; the two
relabellings are the cases where the text itself says which label is right.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..text.normalize import modern_tone_marks
from ..text.spans import BRACKET_TOKENS, trim_span
from ..text.view import CleanView
from ..values import ImpossibleValue, parse_date, parse_money, parse_percent
from .gazetteer import HONORIFICS, NICKNAME_NUMERALS, SURNAMES, fold, gazetteer, place_names, starts_a_name


DOCUMENT_KINDS = (
    "nghị quyết", "quyết định", "chỉ thị", "kế hoạch", "nghị định", "thông tư", "công văn", "kết luận",
    "quy định", "hướng dẫn", "thông báo", "chương trình", "văn bản", "tờ trình", "luật", "bộ luật",
    "hiến pháp", "pháp lệnh", "công điện", "đề án", "quy hoạch", "chiến lược", "quy chế", "điều lệ",
    "báo cáo", "thông tri", "quy trình", "nghị quyết liên tịch", "thông tư liên tịch", "dự thảo",
)
_KINDS_PATTERN = "|".join(sorted(DOCUMENT_KINDS, key=len, reverse=True))
# a kind of document as a whole word, but not "luật sư" (a lawyer)
_DOCUMENT_START = re.compile(rf"^(?:{_KINDS_PATTERN})(?!\w)(?!\s+sư(?!\w))")
_DOCUMENT_NUMBER = re.compile(r"(?<!\d)\d++[A-Za-z]?\s*+[/-]\s*+(?:\d++\s*+[/-]\s*+)?[A-ZĐ]")


def trim_entity(span: Span, view: CleanView | None = None) -> Span | None:
    """``span`` shrunk to whole tokens inside the schema's edges (read on the clean text); ``None`` when nothing is left."""
    doc = span.doc
    view = CleanView(doc) if view is None else view
    start, end = span.start, span.end
    while True:
        while start < end and view.word(start) in BRACKET_TOKENS:
            start += 1
        while end > start and view.word(end - 1) in BRACKET_TOKENS:
            end -= 1
        if start == end:
            return None
        a, b = trim_span(view.text, view.start(start), view.end(end - 1))
        inner = view.char_span(a, b, alignment_mode="contract") if a < b else None
        if inner is None or not len(inner):
            return None
        if (inner.start, inner.end) == (start, end):
            return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label)
        start, end = inner.start, inner.end


# Words that end no name: a span ending on one ran into the sentence (``Tám mặc``, ``Đinh và``)
# or into the qualifier of the amount after it (``dự án chống ngập gần`` + ``10.000 tỷ đồng``).
TRAILING_WORDS = frozenset({
    "và", "với", "của", "là", "nói", "cho", "đã", "đang", "sẽ", "thì", "mà", "được", "bị", "cũng", "vẫn",
    "lại", "một", "các", "những", "này", "đó", "ấy", "ở", "tại", "từ", "đến", "về", "mặc", "còn", "đều",
    "gần", "khoảng",
})


def drop_trailing_words(span: Span | None, view: CleanView | None = None) -> Span | None:
    """A name span without the function words it ran into at its end, edges trimmed again."""
    if span is None or span.label_ in ("MONEY", "PERCENT", "DATE"):
        return span
    view = CleanView(span.doc) if view is None else view
    end = span.end
    while end - span.start > 1 and view.word(end - 1) in TRAILING_WORDS:
        end -= 1
    if end == span.end:
        return span
    return trim_entity(Span(span.doc, span.start, end, label=span.label), view)


def is_document_name(text: str) -> bool:
    """A kind of document first (any case, either tone-mark style), or a document number."""
    folded = modern_tone_marks(" ".join(text.split())).lower()
    return bool(_DOCUMENT_START.match(folded)) or bool(_DOCUMENT_NUMBER.search(text))


def has_value(label: str, text: str) -> bool:
    """Whether a MONEY/PERCENT/DATE text can be normalised; other labels always pass."""
    try:
        if label == "MONEY":
            parse_money(text)
        elif label == "PERCENT":
            parse_percent(text)
        elif label == "DATE":
            return parse_date(text) is not None
    except ImpossibleValue:
        return True  # an amount or date all the same: kept, with its value left empty and the reason
    except ValueError:
        return False
    return True


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _text(span: Span) -> str:
    return CleanView(span.doc).span_text(span)


def span_ok(span: Span) -> bool:
    """Whether the span's clean text can have its label (a kind of document, an amount with a unit, a letter)."""
    text = _text(span)
    if span.label_ == "DOCUMENT":
        return is_document_name(text)
    if span.label_ == "MONEY" and not _has_letter(text):
        return False  # a bare number or range: no unit or currency says it is money
    if span.label_ in ("MONEY", "PERCENT", "DATE"):
        return has_value(span.label_, text)
    return _has_letter(text)


def reads_as_a_person(span: Span) -> bool:
    """A LOCATION that reads as a person's name and names no listed place.

    A nickname (numeral + capitalised name, two or three words) or a surname with
    two or three more words; never a listed place or the first words of one.
    """
    text = _text(span)
    words = text.split()
    folded = fold(text)
    if not 2 <= len(words) <= 4 or folded in place_names() or starts_a_name(text):
        return False
    first = folded.split()[0]
    if first in NICKNAME_NUMERALS:
        return len(words) <= 3 and all(word[:1].isupper() for word in words)
    same_case = words[0][:1].isupper() or text.islower()  # not a lake: ``hồ Hòa Bình``
    return first in SURNAMES and len(words) >= 3 and same_case and "-" not in words


# A road or bridge named right after a word of place is where something is, not a work (the schema).
WAY_WORDS = ("đường", "cầu", "phố", "hẻm", "ngõ", "quốc lộ", "tỉnh lộ")
WORDS_OF_PLACE = frozenset({"trên", "mặt", "giữa", "tại", "đến", "đi", "dọc", "con", "hẻm", "ngõ"})


def names_a_way_as_a_place(span: Span) -> bool:
    """``mặt đường Thánh Paul``, ``giữa cầu Đúc Nhỏ``: a PROJECT-looking road or bridge used to say where."""
    view = CleanView(span.doc)
    if span.start == 0 or view.word(span.start - 1).lower() not in WORDS_OF_PLACE:
        return False
    text = view.span_text(span)
    folded = fold(text)
    return any(folded.startswith(word + " ") for word in WAY_WORDS) and text.split()[-1][:1].isupper()


def relabel(span: Span) -> Span:
    """A PERSON that is a listed title becomes a POSITION; a place that reads as a person's name,
    or a name after a word for a person, becomes a PERSON; a road said as a place is a LOCATION."""
    table = gazetteer()
    view = CleanView(span.doc)
    text = view.span_text(span)
    if span.label_ == "PERSON" and table.get(fold(text)) == "POSITION":
        return Span(span.doc, span.start, span.end, label="POSITION")
    if span.label_ == "PROJECT" and names_a_way_as_a_place(span):
        return Span(span.doc, span.start, span.end, label="LOCATION")
    if span.label_ == "LOCATION" and reads_as_a_person(span):
        return Span(span.doc, span.start, span.end, label="PERSON")
    if span.label_ in ("LOCATION", "ORG") and span.start > 0:
        before = view.word(span.start - 1)
        words = text.split()
        if (
            before.lower() in HONORIFICS
            and len(words) <= 4
            and all(word[:1].isupper() for word in words)
            and not starts_a_name(f"{before} {text}")
            and table.get(fold(text)) is None
        ):
            return Span(span.doc, span.start, span.end, label="PERSON")
    return span


def split_amounts(span: Span) -> list[Span]:
    """Two amounts joined by ``và`` (``1.150 usd và 1 triệu đồng``) as two MONEY spans."""
    if span.label_ != "MONEY":
        return [span]
    view = CleanView(span.doc)
    for i in range(span.start + 1, span.end - 1):
        if view.word(i).lower() == "và":
            left, right = span.doc[span.start:i], span.doc[i + 1:span.end]
            if all(_has_letter(view.span_text(part)) and has_value("MONEY", view.span_text(part))
                   for part in (left, right)):
                return [Span(span.doc, left.start, left.end, label="MONEY"),
                        Span(span.doc, right.start, right.end, label="MONEY")]
    return [span]


# Words that open a project's name: after a comma inside a PROJECT they open the next one.
PROJECT_HEADS = ("dự án", "chương trình", "mạng lưới", "hệ thống", "công trình", "tuyến", "đề án", "nền tảng")


def split_listed_projects(span: Span) -> list[Span]:
    """A list of projects tagged as one (``dự án A , mạng lưới B , chương trình C``) as one span each.

    A comma inside a project name joins words (``nâng cấp, mở rộng``); it parts two
    projects only when a project's head word follows it.
    """
    if span.label_ != "PROJECT":
        return [span]
    doc = span.doc
    view = CleanView(doc)
    parts, start = [], span.start
    for i in range(span.start + 1, span.end - 1):
        if view.word(i) == "," and i - start >= 2:
            after = fold(view.span_text(doc[i + 1:min(i + 4, span.end)]))
            if any(after == head or after.startswith(head + " ") for head in PROJECT_HEADS):
                parts.append(Span(doc, start, i, label="PROJECT"))
                start = i + 1
    if not parts:
        return [span]
    return [*parts, Span(doc, start, span.end, label="PROJECT")]


class SpanRules:
    """Trims every entity to the schema's edges and drops those its label cannot have."""

    def __init__(self, name: str = "vn_govie_span_rules") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = CleanView(doc)
        trimmed = (drop_trailing_words(trim_entity(ent, view), view) for ent in doc.ents)
        kept = [relabel(span) for span in trimmed if span is not None and span_ok(span)]
        doc.ents = [part for span in kept for piece in split_listed_projects(span) for part in split_amounts(piece)]
        return doc


@Language.factory("vn_govie_span_rules", assigns=["doc.ents"], requires=["doc.ents"])
def make_span_rules(nlp: Language, name: str) -> SpanRules:
    return SpanRules(name)
