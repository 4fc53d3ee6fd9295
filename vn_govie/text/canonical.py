"""Canonical names, so mentions of one person, body, event or document merge within a document.

``UBND TP`` and ``Ủy ban nhân dân thành phố`` share a key; ``Thành uỷ`` and
``Thành ủy`` too; ``Trưởng ban`` + ``Tổ chức Thành ủy`` restores the body's own
name, ``Ban Tổ chức Thành ủy``, as the schema asks of the normaliser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .normalize import modern_tone_marks

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bUBND\b", "ủy ban nhân dân"),
    (r"\bHĐND\b", "hội đồng nhân dân"),
    (r"\bMTTQ\b", "mặt trận tổ quốc"),
    (r"\bT\.?Ư\b", "trung ương"),
    (r"\bTW\b", "trung ương"),
    (r"\bTPHCM\b|\bTP\.? ?HCM\b|\bTP\.? Hồ Chí Minh\b", "thành phố hồ chí minh"),
    (r"\bTP\.?(?=\s|$)", "thành phố"),
    (r"\bKH ?(?:&|-|và) ?ĐT\b|\bKHĐT\b", "kế hoạch và đầu tư"),
    (r"\bTT ?(?:&|-) ?TT\b|\bTTTT\b|\bTTTT\b", "thông tin và truyền thông"),
    (r"\bGTVT\b|\bGT ?- ?VT\b", "giao thông vận tải"),
    (r"\bTN ?(?:&|-) ?MT\b|\bTNMT\b", "tài nguyên và môi trường"),
    (r"\bNN ?(?:&|-) ?PTNT\b|\bNNPTNT\b", "nông nghiệp và phát triển nông thôn"),
    (r"\bGD ?(?:&|-) ?ĐT\b|\bGDĐT\b", "giáo dục và đào tạo"),
    (r"\bLĐ ?- ?TB ?(?:&|và|-) ?XH\b|\bLĐTBXH\b", "lao động thương binh và xã hội"),
    (r"\bVH ?- ?TT ?(?:&|và|-) ?DL\b|\bVHTTDL\b", "văn hóa thể thao và du lịch"),
    (r"\bBQL\b", "ban quản lý"),
    (r"\bQLDA\b", "quản lý dự án"),
)

# A title that swallows its body's head noun, and the head noun to give back.
SWALLOWED_HEADS: tuple[tuple[str, str], ...] = (
    ("trưởng ban", "Ban"),
    ("bộ trưởng", "Bộ"),
    ("thứ trưởng", "Bộ"),
    ("cục trưởng", "Cục"),
    ("vụ trưởng", "Vụ"),
    ("viện trưởng", "Viện"),
    ("tổng thanh tra", "Thanh tra"),
    ("tổng kiểm toán", "Kiểm toán"),
    ("trưởng đoàn", "Đoàn"),
    ("chánh văn phòng", "Văn phòng"),
)


_ABBREVIATIONS = tuple((re.compile(pattern), full) for pattern, full in ABBREVIATIONS)
_SEPARATORS = re.compile(r"[\s\-–—,.]+")


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A comparison key: NFC, one tone-mark convention, abbreviations spelled out, case and spacing folded.

    Memoised (bounded): records ask for the key of each name several times.
    """
    text = modern_tone_marks(unicodedata.normalize("NFC", text))
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return _SEPARATORS.sub(" ", text.lower()).strip()


def body_name(position: str, body: str) -> str:
    """The body's canonical name when the title swallowed its head noun (``Trưởng ban`` + ``Tổ chức Thành ủy``)."""
    title = key(position)
    for ending, head in SWALLOWED_HEADS:
        if title.endswith(ending) and not key(body).startswith(key(head)):
            return f"{head} {body}"
    return body
