"""Regular-expression rules for the patterned entity types: MONEY, PERCENT, DATE and numbered DOCUMENTs.

Numbers, units and calendar words follow fixed patterns in Vietnamese news, so
rules find them more reliably than a statistical model trained on a few
thousand sentences. ``find_patterns`` works on plain text and returns character
spans; the ``vn_govie_patterns`` component puts them on a ``Doc``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span

from ..text.view import CleanView
from ..values.money import QUALIFIERS

NUM = r"\d+(?:[.,]\d+)*"
_RANGE = rf"{NUM}(?:\s*(?:-|–|đến|tới)\s*{NUM})?"
_MULT = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
_CURRENCY = r"(?:đồng|VNĐ|VND|vnđ|đ|USD|usd|đô la Mỹ|đô la|euro|EUR|yên|Yên|baht|nhân dân tệ)"
_WORD_END = r"(?![\w])"

MONEY = re.compile(
    rf"(?<![\w.,]){_RANGE}(?:\s+{_MULT})*\s*{_CURRENCY}{_WORD_END}"
    rf"|(?<![\w.,]){_RANGE}(?:\s+(?:nghìn|ngàn|triệu))?\s+(?:tỷ|tỉ){_WORD_END}(?!\s+(?:người|lượt|m\d?|tấn|lít|kWh|kwh|cây|con|bản|hồ sơ|giao dịch))"
)
PERCENT = re.compile(rf"(?<![\w.,]){NUM}(?:\s*%?\s*(?:-|–|đến|tới)\s*{NUM})?\s*(?:%|phần trăm{_WORD_END})")

_ROMAN_Q = r"(?:IV|I{1,3}|iv|i{1,3}|[1-4])"
_CAL = r"(?:[Nn]gày|[Tt]háng|[Nn]ăm|[Qq]uý)"
# a time of day (or ``hôm qua ,``) right before a day-month written with a dash
_DAY_TIME = "(?:" + "|".join(
    rf"(?<={word} )"
    for word in ("[Ss]áng", "[Tt]rưa", "[Cc]hiều", "[Tt]ối", "[Đđ]êm", "sớm", "[Hh]ôm qua ,", "[Hh]ôm nay ,",
                 "[Hh]ôm qua,", "[Hh]ôm nay,", "[Hh]ôm qua", "[Hh]ôm nay")
) + ")"

DATE = re.compile(
    "|".join(
        [
            rf"[Qq]uý\s+{_ROMAN_Q}(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?{_WORD_END}",
            rf"(?:[Nn]gày\s+)?\d{{1,2}}\s*(?:và|,)\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{4}})?{_WORD_END}",
            rf"(?:[Nn]gày\s+)?(?<![\w/.,-])\d{{1,2}}\s*[/.\-–]\s*\d{{1,2}}\s*[/.\-–]\s*\d{{4}}{_WORD_END}",
            # day-month with a dash, after ``ngày`` or a time of day (``sáng 26-5``, ``hôm qua , 18 - 8``)
            rf"(?:[Nn]gày\s+|{_DAY_TIME})\d{{1,2}}\s*[-–]\s*\d{{1,2}}(?![\w/.,]?\d|\s*[-–/]\s*\d|\s*(?:giờ|tháng|ngày|tiếng|h)(?!\w))",
            rf"(?:[Nn]gày\s+)\d{{1,2}}\s+tháng\s+\d{{1,2}}(?:\s+năm\s+\d{{4}})?{_WORD_END}",
            rf"[Tt]háng\s+\d{{1,2}}(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?{_WORD_END}",
            rf"(?<!\d )(?:[Nn]ăm\s+)?(?<![\w/.,-])(?:19|20)\d{{2}}\s*[-–]\s*(?:19|20)\d{{2}}{_WORD_END}",
            rf"(?<!\d )[Nn]ăm\s+(?:19|20)\d{{2}}{_WORD_END}(?!\s*[-–]\s*\d)",
            r"(?:[Nn]gày\s+)?(?<![\w/.,-])\d{1,2}/\d{1,2}(?![\w/])",
        ]
    )
)

_DOC_TYPES = (
    r"Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Nghị định|Thông tư|Công văn|Kết luận|Quy định|"
    r"Hướng dẫn|Thông báo|Chương trình|Văn bản|Tờ trình|Luật|Pháp lệnh|Công điện|Đề án"
)
_DOC_NUMBER = r"\d+[A-Za-z]?(?:\s*[/-]\s*[\wĐđ&]+)+"
DOCUMENT = re.compile(
    rf"(?:{_DOC_TYPES}|{_DOC_TYPES.lower()})\s+(?:số\s+)?{_DOC_NUMBER}"
    rf"|(?:{_DOC_TYPES}|{_DOC_TYPES.lower()})\s+số\s+\d+"
)

PATTERN_LABELS: tuple[str, ...] = ("MONEY", "PERCENT", "DATE", "DOCUMENT")
_PATTERNS = (("MONEY", MONEY), ("PERCENT", PERCENT), ("DOCUMENT", DOCUMENT), ("DATE", DATE))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    label: str


def _valid_date(text: str) -> bool:
    """A date by its form: one with a value, or one no calendar has (kept, its value left empty)."""
    from ..values import ImpossibleValue, parse_date

    try:
        return parse_date(text) is not None
    except ImpossibleValue:
        return True


def find_patterns(text: str) -> list[Match]:
    """Non-overlapping pattern matches, longest first, in text order."""
    found: list[Match] = []
    for label, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            surface = m.group(0).rstrip(" .,")
            if label == "DATE" and not _valid_date(surface):
                continue
            found.append(Match(m.start(), m.start() + len(surface), label))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Match] = []
    for match in found:
        if out and match.start < out[-1].end:
            continue
        out.append(match)
    return out


MODES = ("fill", "override", "patterned")


class PatternEntities:
    """Puts rule matches on ``doc.ents``; ``mode`` says who wins where a rule meets a model span.

    * ``fill``: model spans stay; rule spans are added where they overlap nothing,
      with two exceptions where the rule plainly reads the text better: a rule span
      of the same label that contains a shorter model span replaces it (``8 đến
      8,5%`` over ``8,5%``), and a model span of another label that swallowed an
      amount or a percentage at its end is cut before it and the words that lead
      into it (``dự án chống ngập`` | ``gần`` | ``10.000 tỷ đồng``);
    * ``override``: rule spans replace every model span they overlap;
    * ``patterned``: rule spans replace overlapping model spans of the patterned
      labels (MONEY, PERCENT, DATE, DOCUMENT) and fill elsewhere; a model span of
      another label keeps its place.
    """

    def __init__(self, name: str = "vn_govie_patterns", mode: str = "fill") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.name = name
        self.mode = mode

    def __call__(self, doc):
        rules = []
        view = CleanView(doc)
        for m in find_patterns(view.text):
            span = view.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
            if span is not None and len(span):
                rules.append(span)
        kept = []
        for ent in doc.ents:
            overlapping = [r for r in rules if r.start < ent.end and ent.start < r.end]
            if not overlapping:
                kept.append(ent)
            elif self.mode == "fill":
                if _rule_reads_better(ent, overlapping):
                    continue
                cut = _cut_before_amount(ent, overlapping)
                if cut is not None:
                    kept.append(cut)
                    rules = [r for r in rules if r not in overlapping or r.start >= cut.end]
                    continue
                kept.append(ent)
                rules = [r for r in rules if r not in overlapping]
            elif self.mode == "patterned" and ent.label_ not in PATTERN_LABELS:
                kept.append(ent)
                rules = [r for r in rules if r not in overlapping]
        taken = {i for e in kept for i in range(e.start, e.end)}
        for r in rules:
            if not taken.intersection(range(r.start, r.end)):
                kept.append(r)
                taken.update(range(r.start, r.end))
        doc.ents = sorted(kept, key=lambda e: e.start)
        return doc


# Words that lead into an amount after a name: "dự án X gần 10.000 tỷ đồng", "... với 5 tỷ đồng".
# the words that lead into an amount: its qualifiers (the values' own list) and what introduces it
AMOUNT_LEADS = frozenset(QUALIFIERS) | {
    "với", "là", "có", "tổng", "vốn", "mức", "trị giá", "kinh phí", "tổng mức", "đầu tư",
}


def _rule_reads_better(ent: Span, overlapping: list[Span]) -> bool:
    """One rule span of the same label that contains the model span and is longer."""
    if len(overlapping) != 1:
        return False
    rule = overlapping[0]
    return (rule.label_ == ent.label_ and rule.start <= ent.start and rule.end >= ent.end
            and len(rule) > len(ent))


def _cut_before_amount(ent: Span, overlapping: list[Span]) -> Span | None:
    """A name (not a patterned label) cut before the amount or percentage it swallowed at its end."""
    if ent.label_ in PATTERN_LABELS:
        return None
    inner = [r for r in overlapping if r.label_ in ("MONEY", "PERCENT") and r.start > ent.start and r.end >= ent.end]
    if not inner:
        return None
    doc = ent.doc
    view = CleanView(doc)
    end = min(r.start for r in inner)
    while end > ent.start and view.word(end - 1).lower() in AMOUNT_LEADS:
        end -= 1
    return Span(doc, ent.start, end, label=ent.label_) if end > ent.start else None


@Language.factory("vn_govie_patterns", default_config={"mode": "fill"}, assigns=["doc.ents"])
def make_pattern_entities(nlp: Language, name: str, mode: str) -> PatternEntities:
    return PatternEntities(name, mode)
