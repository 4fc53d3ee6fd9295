"""The gazetteer: listed places, titles and press names, and the lookups the name rules share.

Places come from the administrative-unit table that underthesea ships
(``underthesea/address/data/mapping.json``: 63 former and 34 current provinces,
their districts and wards), read at run time from the installed package (located by
``vn_govie.underthesea_adapter``), plus a short list of countries and regions. A
district or ward name counts only with its type word (``quận Bình Thạnh``,
``xã Xuân Hải``), a province also alone
(``Phú Yên``). Titles are a closed list of offices (``Phó Chủ tịch``, ``giám đốc``);
the national press (``Tuổi Trẻ``, ``TTXVN``) is an ORG when written as a name.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from ..text.normalize import fold, modern_tone_marks
from ..text.view import CleanView
from ..underthesea_adapter import address_mapping_path

COUNTRIES = (
    "Việt Nam", "VN", "Lào", "Campuchia", "Thái Lan", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Singapore", "Malaysia",
    "Indonesia", "Philippines", "Myanmar", "Ấn Độ", "Mỹ", "Hoa Kỳ", "Pháp", "Đức", "Anh", "Nga", "Úc", "Canada",
    "Đài Loan", "Hồng Kông", "châu Âu", "châu Á", "châu Phi", "Đông Nam Á", "ASEAN",
)
REGIONS = (
    "miền Bắc", "miền Trung", "miền Nam", "Tây Nguyên", "Tây Nam Bộ", "Đông Nam Bộ", "Nam Bộ", "Bắc Bộ",
    "Trung Bộ", "Nam Trung Bộ", "Bắc Trung Bộ", "đồng bằng sông Cửu Long", "đồng bằng sông Hồng", "Thủ Thiêm",
)
CITY_FORMS = ("TPHCM", "TP.HCM", "TP. HCM", "TP HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Sài Gòn", "tp HCM", "tp. HCM")

TITLES = (
    "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Chủ tịch Quốc hội",
    "Phó Chủ tịch Quốc hội", "Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực", "Chủ tịch", "Phó Chủ tịch",
    "Phó Chủ tịch Thường trực", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc", "Bộ trưởng",
    "Thứ trưởng", "Trưởng ban", "Phó Trưởng ban", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chủ nhiệm",
    "Phó Chủ nhiệm", "Cục trưởng", "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Viện trưởng", "Phó Viện trưởng",
    "Chánh án", "Phó Chánh án", "Tổng Thanh tra", "Phó Tổng Thanh tra", "Chánh Thanh tra", "Tổng Kiểm toán",
    "Phó Tổng Kiểm toán", "Thống đốc", "Phó Thống đốc", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng đoàn",
    "Phó Trưởng đoàn", "Ủy viên", "Ủy viên Trung ương", "Đại biểu Quốc hội", "Trưởng công an", "Giám đốc Công an",
    "Hiệu trưởng", "Phó Hiệu trưởng", "Tổng Biên tập", "Phó Tổng Biên tập", "Chủ tịch HĐQT",
)

# National press and broadcasters, the bodies news text quotes most ("trả lời Tuổi Trẻ",
# "theo TTXVN"); matched only when written exactly so (case included).
PRESS = (
    "Tuổi Trẻ", "Thanh Niên", "Người Lao Động", "Sài Gòn Giải Phóng", "Nhân Dân", "Tiền Phong", "Lao Động",
    "Pháp Luật", "Hà Nội Mới", "VnExpress", "Dân Trí", "Vietnamnet",
    "VietNamNet", "Zing News", "TTXVN", "Thông tấn xã Việt Nam", "VTV", "VOV", "HTV", "Đài Truyền hình Việt Nam",
    "Đài Tiếng nói Việt Nam", "Vietnam News", "Tuổi Trẻ Online",
)

MAX_WORDS = 6
# Administrative type words written before a place name (``quận Bình Thạnh``).
TYPE_WORDS = frozenset({"quận", "huyện", "thị xã", "thành phố", "tp", "phường", "xã", "thị trấn", "tỉnh"})


def _mapping_path() -> Path | None:
    """underthesea's administrative-unit table; ``None`` (warned there) leaves the short lists only."""
    return address_mapping_path()


def _strip_type(name: str) -> tuple[str, str]:
    lowered = name.lower()
    for word in sorted(TYPE_WORDS, key=len, reverse=True):
        if lowered.startswith(word + " "):
            return word, name[len(word) + 1 :]
    return "", name


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """``fold(name) -> label`` for every listed place and title."""
    entries: dict[str, str] = {}
    for title in TITLES:
        entries[fold(title)] = "POSITION"
    for name in (*COUNTRIES, *REGIONS, *CITY_FORMS):
        entries[fold(name)] = "LOCATION"
    for name in PRESS:
        entries[fold(name)] = "ORG"
    path = _mapping_path()
    if path is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        provinces = list(data.get("province_names", {}).values()) + list(data.get("old_province_names", {}).values())
        for p in provinces:
            entries.setdefault(fold(p["short"]), "LOCATION")
            entries.setdefault(fold(p["name"]), "LOCATION")
            type_word, bare = _strip_type(p["name"])
            entries.setdefault(fold(f"{'TP' if type_word == 'thành phố' else type_word} {bare}"), "LOCATION")
        # 30,000 names, a third of them distinct: fold each distinct name once, in first-seen order
        fields = ("old_district", "old_ward", "new_ward")
        names = dict.fromkeys(row[f] for row in data.get("ward_mapping", []) for f in fields if row.get(f))
        for name in names:
            entries.setdefault(fold(name), "LOCATION")
    return entries


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names of every listed place, also without their type word (``hai bà trưng``, ``mai châu``)."""
    out: set[str] = set()
    for key, label in gazetteer().items():
        if label == "LOCATION":
            out.add(key)
            out.add(fold(_strip_type(key)[1]))
    return frozenset(out)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every key of the gazetteer cut before each of its spaces, and whole: where a longer match may still start."""
    out: set[str] = set()
    for key in gazetteer():
        out.add(key)
        at = key.find(" ")
        while at != -1:
            out.add(key[:at])
            at = key.find(" ", at + 1)
    return frozenset(out)


def starts_a_name(text: str) -> bool:
    """Whether ``text`` is a listed name or the first words of one (``bà Rịa`` of ``Bà Rịa - Vũng Tàu``)."""
    return fold(text) in _prefixes()


def find_gazetteer_spans(doc: Doc) -> list[Span]:
    """Longest gazetteer matches over token n-grams, left to right, without overlaps."""
    table = gazetteer()
    prefixes = _prefixes()
    tokens = list(doc)
    n_tokens = len(tokens)
    folded = [fold(word) for word in CleanView(doc).words()]
    punct = [t.is_punct for t in tokens]
    skip = [t.is_space or p for t, p in zip(tokens, punct)]
    spans: list[Span] = []
    i = 0
    while i < n_tokens:
        found = None
        if not skip[i]:
            # n-grams that are names, shortest first; stop once no name starts with the words so far
            lengths = []
            for n in range(1, min(MAX_WORDS, n_tokens - i) + 1):
                key = " ".join(folded[i : i + n])
                if key not in prefixes:
                    break
                if key in table:
                    lengths.append((n, table[key]))
            for n, label in reversed(lengths):  # the longest that qualifies wins
                if punct[i + n - 1]:
                    continue
                span = Span(doc, i, i + n, label=label)
                if _looks_like_a_name(span, label):
                    found = span
                    break
        if found is not None:
            spans.append(found)
            i = found.end
        else:
            i += 1
    return spans


# Words before a person's name: a one-word place right after one is a given name
# (``ông Đức``, ``tên Mỹ``), and ``Anh`` before a capitalised word is the honorific.
HONORIFICS = frozenset({
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "con", "vợ", "chồng", "mẹ", "bố", "cha",
    "tên", "thầy", "cậu", "chàng", "nàng", "ama", "già",
})


# Southern nicknames open with a birth-order numeral (``Hai Sết``, ``Tám Hòa``); most
# full names open with one of a few surnames (``nguyễn văn hòa``).
NICKNAME_NUMERALS = frozenset({"hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "út"})
SURNAMES = frozenset({
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô",
    "dương", "lý", "đinh", "trương", "lâm", "mai", "trịnh", "đoàn", "lương", "tạ", "châu", "thái", "tôn",
})


def _looks_like_a_name(span: Span, label: str) -> bool:
    """A place needs a capital letter in its name; lower-case type words alone are not places.

    A press name must be written as listed (``Tuổi Trẻ``, not ``tuổi trẻ``, the word for youth).
    A one-word place is a person's name after an honorific (``ông Đức``), and ``Anh``
    followed by a capitalised word is the honorific itself (``Anh Nguyễn Văn Bình``),
    opening a sentence the pronoun (``Anh kể ...``).
    """
    view = CleanView(span.doc)
    text = view.span_text(span)
    if label == "ORG":
        return modern_tone_marks(" ".join(text.split())) in _press_forms()
    if label != "LOCATION":
        return True
    if not any(ch.isupper() for ch in text) or re.fullmatch(r"[A-ZĐ]", text):
        return False
    if len(span) == 1 and len(text.split()) == 1:
        doc = span.doc
        before = view.word(span.start - 1).lower() if span.start > 0 else ""
        after = view.word(span.end) if span.end < len(doc) else ""
        if before in HONORIFICS:
            return False
        if text == "Anh" and (after[:1].isupper() or _opens_a_sentence(span)):
            return False  # the honorific before a name, or "he" opening a sentence (``Anh kể ...``)
    return True


_SENTENCE_OPENERS = frozenset({".", "!", "?", "...", "…", ":", '"', "“", "-", "–"})


def _opens_a_sentence(span: Span) -> bool:
    doc = span.doc
    if span.start == 0 or doc[span.start].is_sent_start:
        return True
    before = CleanView(doc).word(span.start - 1)
    return before in _SENTENCE_OPENERS or not before.strip()


@lru_cache(maxsize=1)
def _press_forms() -> frozenset[str]:
    return frozenset(modern_tone_marks(name) for name in PRESS)
