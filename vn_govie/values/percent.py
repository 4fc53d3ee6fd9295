"""PERCENT values: ``36,6%`` -> 36.6, ``6,5-7,0%`` -> 6.5 with high 7.0."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .money import qualifier_before
from .numbers import NUMBER, join_spaced_digits, parse_number

_RANGE = re.compile(r"\s*(?:[-–—]|đến|tới)\s*")
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


def _number(text: str) -> float:
    text = text.strip()
    m = _LOST_COMMA.match(text)
    if m:
        text = f"{m.group(1)},{m.group(2)}"
    return float(parse_number(text))


def parse_percent(surface: str, before: str = "") -> Percent:
    """Read a PERCENT span; raises ``ValueError`` when it holds no percentage."""
    text = join_spaced_digits(unicodedata.normalize("NFC", surface)).lower()
    text = re.sub(r"\s*(%|phần trăm)\s*", "%", text).strip()
    if "%" not in text or not NUMBER.search(text):
        raise ValueError(f"no percentage in {surface!r}")
    body = text.replace("%", " ").strip()
    parts = [p for p in _RANGE.split(body) if p.strip()]
    if len(parts) == 1:
        return Percent(_number(parts[0]), qualifier=qualifier_before(before))
    if len(parts) == 2:
        return Percent(_number(parts[0]), _number(parts[1]), qualifier_before(before))
    raise ValueError(f"cannot read percentage {surface!r}")
