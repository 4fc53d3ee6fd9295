"""PERCENT values: ``36,6%`` -> 36.6, ``6,5-7,0%`` -> 6.5 with high 7.0."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .money import qualifier_before
from .numbers import NUMBER, ImpossibleValue, join_spaced_digits, parse_number

_RANGE = re.compile(r"(?<!\s)\s*+(?:[-–—]|đến|tới)\s*+")
_SIGN = re.compile(r"(?<!\s)\s*+(%|phần trăm)\s*+")
# "27 9%": a decimal comma lost in print.
_LOST_COMMA = re.compile(r"^(\d+)\s+(\d{1,2})$")


@dataclass(frozen=True)
class Percent:
    value: float
    high: float | None = None
    qualifier: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"value": self.value}
        if self.high is not None:
            out["high"] = self.high
        out["qualifier"] = self.qualifier
        return out


# A rate past a million per cent is not one a report states (and would overflow to inf).
MAX_PERCENT = 1_000_000.0


def _number(text: str) -> float:
    text = text.strip()
    m = _LOST_COMMA.match(text)
    if m:
        text = f"{m.group(1)},{m.group(2)}"
    value = float(parse_number(text))
    if not value <= MAX_PERCENT:
        raise ImpossibleValue(f"{text!r} per cent is beyond any rate a report states")
    return value


def parse_percent(surface: str, before: str = "") -> Percent:
    """Read a PERCENT span; raises ``ValueError`` when it holds no percentage."""
    text = join_spaced_digits(unicodedata.normalize("NFKC", surface)).lower()
    text = _SIGN.sub("%", text).strip()
    if "%" not in text or not NUMBER.search(text):
        raise ValueError(f"no percentage in {surface!r}")
    body = text.replace("%", " ").strip()
    parts = [p for p in _RANGE.split(body) if p.strip()]
    if len(parts) == 1:
        return Percent(_number(parts[0]), qualifier=qualifier_before(before))
    if len(parts) == 2:
        low, high = _number(parts[0]), _number(parts[1])
        if high < low:
            raise ImpossibleValue(f"the range {surface!r} ends below its start")
        return Percent(low, high, qualifier_before(before))
    raise ValueError(f"cannot read percentage {surface!r}")
