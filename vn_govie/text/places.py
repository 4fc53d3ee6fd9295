"""Vietnam's provinces and centrally run cities, and how articles write their names."""

from __future__ import annotations

import re
from collections import Counter

PROVINCES = (
    "Hà Nội", "TP.HCM", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu",
    "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận",
    "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
# Spellings that name the same province (old tone marks, abbreviations).
PROVINCE_VARIANTS = {
    "TP.HCM": ("TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh"),
    "Thanh Hóa": ("Thanh Hóa", "Thanh Hoá"),
    "Hòa Bình": ("Hòa Bình", "Hoà Bình"),
    "Khánh Hòa": ("Khánh Hòa", "Khánh Hoà"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "BR-VT"),
    "Thừa Thiên Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "TT-Huế"),
    "Đắk Lắk": ("Đắk Lắk", "Đăk Lăk", "Đắc Lắc"),
    "Đắk Nông": ("Đắk Nông", "Đăk Nông"),
}
PROVINCE_RE = re.compile(
    "|".join(
        f"(?P<p{i}>" + "|".join(re.escape(v) for v in PROVINCE_VARIANTS.get(p, (p,))) + r")(?![\wÀ-ỹ])"
        for i, p in enumerate(PROVINCES)
    )
)
# Centrally run cities: their bodies are `Thành ủy`, `UBND TP`; the other provinces' are `Tỉnh ủy`, `UBND tỉnh`.
CITIES = frozenset({"Hà Nội", "TP.HCM", "Hải Phòng", "Đà Nẵng", "Cần Thơ"})


def province_counts(text: str) -> Counter[str]:
    """How often ``text`` names each province (any of its spellings), by the province's own name."""
    counts: Counter[str] = Counter()
    for m in PROVINCE_RE.finditer(text):
        counts[PROVINCES[int(m.lastgroup[1:])]] += 1
    return counts
