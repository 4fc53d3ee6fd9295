"""DATE values as ISO 8601: full (``2022-12-30``), partial (``--10-11``, ``2024-09``), quarters (``2024-Q3``) and intervals."""

from __future__ import annotations

import calendar
import re
import unicodedata

from .numbers import ImpossibleValue

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "một một": 11, "mười hai": 12, "chạp": 12,
}
_SEP = r"\s*[/\-–.]\s*"
_DMY = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}|\d{{2}}))?$")
_DAY_LIST = re.compile(rf"(\d{{1,2}})\s*(?:và|,|-|–)\s*(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:{_SEP}|\s+năm\s+)(\d{{4}})$")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})$")
_DAY_MONTH_YEAR_WORDS = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?$")
_DECADE = re.compile(r"^(?:thập kỷ|thập niên)\s+(\d{3})0$")
_QUARTER = re.compile(r"(i{1,3}|iv|[1-4])(?:\s*(?:/|-|–|năm)\s*(\d{4}))?$")


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if year is None:
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    out = f"{year:04d}"
    if month:
        out += f"-{month:02d}"
        if day:
            out += f"-{day:02d}"
    return out


def _year(text: str | None, default: int | None) -> int | None:
    """A written year; two digits read as 2000-2049 or 1950-1999 (``1/1/99`` is 1999)."""
    if not text:
        return default
    y = int(text)
    if y < 100:
        return y + 2000 if y < 50 else y + 1900
    return y


def _valid(month: int, day: int | None = None, year: int | None = None) -> bool:
    """A real calendar date: ``31/2`` never is, ``29/2`` only in a leap year (or when the year is unknown)."""
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last = calendar.monthrange(year, month)[1] if year and 1 <= year <= 9999 else (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return 1 <= day <= last


def _checked(surface: str, month: int, day: int, year: int | None) -> bool:
    """Whether day and month can be a date at all; a day past the month's end raises ``ImpossibleValue``."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if not _valid(month, day, year):
        raise ImpossibleValue(f"{surface!r} is not a calendar date")
    return True


def parse_date(surface: str, doc_year: int | None = None) -> str | None:
    """ISO 8601 value of a DATE span, or ``None`` when the text fixes none.

    Raises ``ImpossibleValue`` for a date no calendar has (``31/2/2024``,
    ``29/2/2023``) and for ranges that run backwards (``2030-2021``).

    ``doc_year`` completes dates written without a year (``11/10`` in a 2024
    article is ``2024-10-11``); without it they stay partial (``--10-11``).
    """
    text = unicodedata.normalize("NFKC", surface).lower().strip()
    text = re.sub(r"^(ngày|hôm)\s+", "", text)
    if m := _YEAR_RANGE.search(text):
        if int(m.group(1)) > int(m.group(2)):
            raise ImpossibleValue(f"the years of {surface!r} run backwards")
        return f"{m.group(1)}/{m.group(2)}"
    if m := re.match(r"^qu[ýí]\s+(.+)$", text):  # "quí": the older spelling
        q = _QUARTER.match(m.group(1).strip())
        if not q:
            return None
        quarter = _ROMAN.get(q.group(1)) or int(q.group(1))
        year = _year(q.group(2), doc_year)
        return f"{year:04d}-Q{quarter}" if year else f"--Q{quarter}"
    if m := re.match(r"^tháng\s+(.+)$", text):
        rest = m.group(1).strip()
        if rest in _MONTH_WORDS:
            return _iso(doc_year, _MONTH_WORDS[rest])
        if my := _MONTH_YEAR.match(rest):
            month, year = int(my.group(1)), int(my.group(2))
            return _iso(year, month) if _valid(month) else None
        if rest.isdigit() and _valid(int(rest)):
            return _iso(doc_year, int(rest))
        return None
    if m := _DECADE.match(text):
        return f"{m.group(1)}0/{m.group(1)}9"
    if m := _MONTH_YEAR.match(text):
        month, year = int(m.group(1)), int(m.group(2))
        return _iso(year, month) if _valid(month) else None
    if m := re.match(r"^năm\s+(\d{4})$", text):
        return m.group(1)
    if re.fullmatch(r"\d{4}", text):
        return text
    if m := _DAY_MONTH_YEAR_WORDS.match(text):
        day, month = int(m.group(1)), int(m.group(2))
        year = _year(m.group(3), doc_year)
        return _iso(year, month, day) if _checked(surface, month, day, year) else None
    if m := _DAY_LIST.match(text):
        d1, d2, month = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = _year(m.group(4), doc_year)
        if not (_checked(surface, month, d1, year) and _checked(surface, month, d2, year)):
            return None
        if d2 < d1:
            raise ImpossibleValue(f"the days of {surface!r} run backwards")
        return f"{_iso(year, month, d1)}/{_iso(year, month, d2)}"
    if m := _DMY.match(text):
        day, month = int(m.group(1)), int(m.group(2))
        year = _year(m.group(3), doc_year)
        return _iso(year, month, day) if _checked(surface, month, day, year) else None
    return None
