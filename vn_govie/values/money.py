"""MONEY values: ``340.152,726 tỷ đồng`` -> 340152726000000 VND, with ranges and qualifiers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .numbers import NUMBER, ImpossibleValue, join_spaced_digits, parse_number

MULTIPLIERS: dict[str, int] = {
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "ngìn": 1_000,
    "k": 1_000,
    "triệu": 1_000_000,
    "tr": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}

CURRENCIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\busd\b|đô\s*la|\$|\bđô\b"), "USD"),
    (re.compile(r"\beuro?\b|€"), "EUR"),
    (re.compile(r"\byên\b|\bjpy\b"), "JPY"),
    (re.compile(r"nhân dân tệ|\bndt\b|\bcny\b"), "CNY"),
    (re.compile(r"\bwon\b"), "KRW"),
    (re.compile(r"\bbaht\b|\bbạt\b"), "THB"),
)

# Amounts written in words: "nửa tỉ đồng", "hơn chục triệu đồng", "ba trăm triệu".
NUMBER_WORDS: dict[str, Decimal] = {
    "nửa": Decimal("0.5"), "một": Decimal(1), "hai": Decimal(2), "ba": Decimal(3), "bốn": Decimal(4),
    "năm": Decimal(5), "sáu": Decimal(6), "bảy": Decimal(7), "tám": Decimal(8), "chín": Decimal(9),
    "mười": Decimal(10), "chục": Decimal(10),
}

QUALIFIERS: tuple[str, ...] = ("gần", "hơn", "trên", "khoảng", "chỉ", "dưới", "tối thiểu", "tối đa", "ít nhất")

# No report states an amount above 10^18 in any currency (Vietnam's yearly GDP is about 10^16 đồng):
# beyond it the text is not an amount, and a value would not fit JSON readers' integers.
MAX_AMOUNT = 10**18

_TOKEN = re.compile(rf"{NUMBER.pattern}|[^\W\d_]+|[-–—]|\$|€", re.UNICODE)
_RANGE_WORDS = {"-", "–", "—", "đến", "tới"}


@dataclass(frozen=True)
class Money:
    """An amount of money; ``high`` is set for ranges such as ``15 - 20 tỷ đồng``."""

    value: int
    currency: str = "VND"
    high: int | None = None
    qualifier: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"value": self.value, "currency": self.currency}
        if self.high is not None:
            out["high"] = self.high
        out["qualifier"] = self.qualifier
        return out


def _currency(text: str) -> str:
    for pattern, code in CURRENCIES:
        if pattern.search(text):
            return code
    return "VND"


def _amounts(tokens: list[str]) -> list[tuple[Decimal, int]]:
    """Split tokens into ``(number, multiplier)`` groups; compound amounts are summed later."""
    groups: list[list] = []
    for tok in tokens:
        if NUMBER.fullmatch(tok):
            groups.append([parse_number(tok), 1, False, False])
        elif tok in NUMBER_WORDS and (not groups or groups[-1] is None or groups[-1][2]):
            groups.append([NUMBER_WORDS[tok], 1, False, True])
        elif tok in MULTIPLIERS and groups:
            if groups[-1] is None:  # "5 – nghìn tỷ": a unit right after a range word, with no number
                raise ValueError(f"{tok!r} follows a range word, not a number")
            groups[-1][1] *= MULTIPLIERS[tok]
            groups[-1][2] = True
            if groups[-1][1] > MAX_AMOUNT:
                raise ImpossibleValue("a unit of more than 10^18: no report states such an amount")
        elif tok in _RANGE_WORDS:
            groups.append(None)  # type: ignore[arg-type]
    # a number word counts only with a unit after it ("năm trăm triệu", not "năm 2024")
    return [None if g is None else (g[0], g[1], g[2]) for g in groups if g is None or g[2] or not g[3]]


def parse_money(surface: str, before: str = "") -> Money:
    """Read a MONEY span; ``before`` is the text before it, where a qualifier may stand.

    Raises ``ValueError`` when the span holds no readable amount.
    """
    text = join_spaced_digits(unicodedata.normalize("NFKC", surface)).lower()
    tokens = _TOKEN.findall(text)
    groups = _amounts(tokens)
    if not any(g is not None for g in groups):
        raise ValueError(f"no amount in {surface!r}")
    # "160-162 triệu": the range splits the groups; the low end borrows the high end's multiplier.
    sides: list[list[tuple[Decimal, int, bool]]] = [[]]
    for g in groups:
        if g is None:
            if sides[-1]:
                sides.append([])
        else:
            sides[-1].append(g)
    sides = [s for s in sides if s]
    if len(sides) > 2:
        raise ValueError(f"cannot read range in {surface!r}")

    def total(side: list[tuple[Decimal, int, bool]], fallback: int) -> Decimal:
        if len(side) == 1 and not side[0][2]:
            return side[0][0] * fallback
        if any(not unit for _, _, unit in side[:-1]):
            # "1e309 tỷ", "1 309 tỷ": a bare number before another part is not a compound amount
            raise ImpossibleValue(f"a bare number inside the amount {surface!r}")
        return sum((n * m for n, m, _ in side), Decimal(0))

    high_side = sides[-1]
    high_mult = high_side[-1][1] if len(high_side) == 1 else 1
    low = total(sides[0], high_mult if len(sides) == 2 else 1)
    high = total(high_side, 1) if len(sides) == 2 else None
    if high is not None and low > high and high_mult > 1:
        written = total(sides[0], 1)
        if written <= high and written * 100 >= high:
            low = written  # "500.000-1 triệu đồng": the low end is written in full
    if max(low, high or 0) > MAX_AMOUNT:
        raise ImpossibleValue(f"{surface!r} is more than 10^18: no report states such an amount")
    if high is not None and high < low:
        raise ImpossibleValue(f"the range {surface!r} ends below its start")
    return Money(
        value=int(low),
        currency=_currency(text),
        high=int(high) if high is not None else None,
        qualifier=qualifier_before(before),
    )


def qualifier_before(before: str) -> str | None:
    """The approximator (``gần``, ``hơn``, ``trên``, ``khoảng``, ``chỉ``) directly before a span, if any."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", before).lower())
    if not words or before.rstrip().endswith((",", ".", ";", ":")):
        return None
    for size in (2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in QUALIFIERS:
            return phrase
    return None
