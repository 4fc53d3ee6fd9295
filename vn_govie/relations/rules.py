"""Rules for relations the training data shows too rarely for the model to learn.

Real reports list projects with their amounts in one sentence, each project
followed by its place and ``với <amount>``:

    ``... rạch Xuyên Tâm, quận Bình Thạnh, Gò Vấp, với 12.976 tỷ đồng, dự án bờ Bắc
    kênh Đôi, Quận 8 với 5.092 tỷ đồng ...``

The synthetic documents rarely write a place between a project and its amount,
so the model leaves such pairs out. ``allocation_rule`` adds HAS_ALLOCATION where
the model found no relation and only places, punctuation and linking words
stand between a project and the amount right after it.

Real text also puts a body's or a work's place right after its name, in brackets,
after ``tại``/``ở`` or a verb of place, often as a whole address (``chi đoàn thôn Voòng
( xã Tr’ hy )``, ``văn phòng ... tại tp Hồ Chí Minh``, ``Trạm 20 đóng tại km 91 , quốc
lộ 20 , huyện Định Quán , Đồng Nai``); ``located_in_rule`` links it to every place of
that address.

And real text names a person before the title as often as after it (``anh Huỳnh
Ngự giám đốc lâm trường``, ``ông Nguyễn Hồng Minh - vụ trưởng ...``), where the
training data nearly always writes the title first; ``title_after_name_rule`` adds
HOLDS_POSITION there. The other way round, a title written before a name belongs to
that name, not to a person listed before it (``Phó Thủ tướng Hồ Đức Phớc, Bộ trưởng
Bộ Tài chính Nguyễn Văn Thắng``): ``title_of_the_next_name`` vetoes the model there.

An event's date and place often follow its (long) name in a clause of their own
(``hội nghị sơ kết ... , tổ chức trong hai ngày 22 và 23 - 3 tại Hà Nội``), further
from the name than the training data puts them; ``event_clause_rule`` gives DATED
and LOCATED_IN there. All four were measured on the dev split with gold entities
(``docs/model-card.md``).
"""

from __future__ import annotations

from spacy.tokens import Span

from ..values.money import QUALIFIERS
from .features import PairContext

LINKING_WORDS = frozenset(QUALIFIERS) | {
    "với", "là", ":", "vốn", "tổng", "mức", "đầu", "tư", "tổng mức", "đầu tư",
    "được", "bố", "trí", "bố trí", "phân", "bổ", "phân bổ", ",", "-", "–", "(", ")",
}
AMOUNT_INTRODUCERS = frozenset({"với", "là", ":"})


def allocation_rule(head: Span, tail: Span, context: PairContext) -> bool:
    """A PROJECT, then only places and linking words, then ``với``/``là``/``:`` and the MONEY."""
    if head.label_ != "PROJECT" or tail.label_ != "MONEY" or head.end > tail.start:
        return False
    between = context.ents_between(head.end, tail.start)
    if any(e.label_ != "LOCATION" for e in between):
        return False
    inside = {i for e in between for i in range(e.start, e.end)}
    words = [context.norms[i] for i in range(head.end, tail.start) if i not in inside and not context.spaces[i]]
    return bool(words) and all(w in LINKING_WORDS for w in words) and words[-1] in AMOUNT_INTRODUCERS


# at least one word before an address must say "where"
PLACE_INTRODUCERS = frozenset({
    "(", "lbkt", "-lrb-", ",", ":", "tại", "ở", "đóng", "nằm", "đặt", "trên", "địa chỉ", "trụ sở",
    "đóng tại", "nằm ở", "nằm trên", "đặt tại",
})
# the words that may stand between a body, work or event and the first place of its address
ADDRESS_WORDS = PLACE_INTRODUCERS | {"-", "–", "có", "con", "đường", "số", "km", "địa", "chỉ", "trụ", "sở"}
# what may stand between the places of one address (``93 Nguyễn Công Trứ , q.1 , TP HCM``)
ADDRESS_SEPARATORS = frozenset({",", "-", "–", "(", ")", "lbkt", "rbkt", "-lrb-", "-rrb-"})


def _joined_as_address(place: Span, following: Span, context: PairContext) -> bool:
    words = context.words(place.end, following.start)
    return bool(words) and all(word in ADDRESS_SEPARATORS for word in words)


def located_in_rule(head: Span, tail: Span, context: PairContext) -> bool:
    """An ORG, PROJECT or EVENT, then a few address words (``tại``, ``(``, ``đóng tại km 91 ,``), then
    its address: the LOCATION and the places before it, separated by commas or brackets only.

    After a bare comma or colon the address must hold two places or more: ``A , B`` alone is
    more often a list than a place."""
    if head.label_ not in ("ORG", "PROJECT", "EVENT") or tail.label_ != "LOCATION" or head.end > tail.start:
        return False
    between = context.ents_between(head.end, tail.start)
    if any(e.label_ != "LOCATION" for e in between):
        return False
    places = [*between, tail]
    if not all(_joined_as_address(a, b, context) for a, b in zip(places, places[1:])):
        return False
    lead = context.words(head.end, places[0].start)
    if not lead or len(lead) > 5 or not any(word in PLACE_INTRODUCERS for word in lead):
        return False
    if not all(word in ADDRESS_WORDS or word.isdigit() for word in lead):
        return False
    if all(word in (",", ":") for word in lead):
        after = [e for e in context.sentence_ents(head.start) if e.start >= places[0].end]
        return bool(after) and after[0].label_ == "LOCATION" and _joined_as_address(places[0], after[0], context)
    return True


def title_of_the_next_name(title: Span, context: PairContext) -> bool:
    """Whether a name follows the title directly, after its body if it has one
    (``Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng``): then the title is that person's."""
    after = [e for e in context.sentence_ents(title.start) if e.start >= title.end]
    end = title.end
    if after and after[0].label_ == "ORG" and after[0].start == end:
        end = after[0].end
        after = after[1:]
    return bool(after and after[0].label_ == "PERSON" and after[0].start == end)


def title_after_name_rule(head: Span, tail: Span, context: PairContext) -> bool:
    """A PERSON, then nothing or a dash, then the POSITION, and no other name right after the title."""
    if head.label_ != "PERSON" or tail.label_ != "POSITION" or head.end > tail.start:
        return False
    words = context.words(head.end, tail.start)
    if words not in ([], ["-"], ["–"]):
        return False
    return not title_of_the_next_name(tail, context)


EVENT_CLAUSE_VERBS = frozenset({"tổ chức", "họp", "diễn ra", "khai mạc", "được tổ chức"})


def event_clause_rule(head: Span, tail: Span, context: PairContext) -> str | None:
    """DATED or LOCATED_IN for an EVENT, then ``, tổ chức|họp|diễn ra|khai mạc ...``, then its DATE
    (the first after it) or ``tại``/``ở`` and its LOCATION; ``None`` when the pair is not so."""
    if head.label_ != "EVENT" or tail.label_ not in ("DATE", "LOCATION") or head.end > tail.start:
        return None
    words = context.words(head.end, tail.start)
    if len(words) < 2 or words[0] != ",":
        return None
    # the verb may be one token or several (``diễn`` ``ra``)
    if not any(" ".join(words[1:1 + n]) in EVENT_CLAUSE_VERBS for n in (1, 2, 3)):
        return None
    if any(word in (".", ";", ":") for word in words):
        return None
    between = context.ents_between(head.end, tail.start)
    if any(e.label_ in ("EVENT", tail.label_) for e in between):
        return None
    if tail.label_ == "LOCATION":
        return "LOCATED_IN" if words[-1] in ("tại", "ở") else None
    return "DATED"
