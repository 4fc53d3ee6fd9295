"""Vietnamese number reading: ``.`` groups thousands, ``,`` marks decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Tokenised text (the UD treebank) separates punctuation: "400 . 000", "36 , 6".
_SPACED_SEPARATOR = re.compile(r"(?<=\d)\s*([.,])\s*(?=\d)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
class ImpossibleValue(ValueError):
    """The span reads as an amount, rate or date, but no real one: too large, a reversed range, 31/2.

    The entity stays; its value is left empty, with this reason.
    """


# More digits than any report writes (Decimal would also round past 28 significant digits).
MAX_DIGITS = 20


def join_spaced_digits(text: str) -> str:
    """Glue ``400 . 000`` into ``400.000`` so that tokenised numbers read like printed ones."""
    return _SPACED_SEPARATOR.sub(r"\1", text)


def parse_number(token: str) -> Decimal:
    """Read one Vietnamese-style number such as ``340.152,726``, ``5,7`` or ``16.000``.

    A ``.`` followed by groups of exactly three digits groups thousands; any other
    single ``.`` is taken as a decimal point (``1.5`` in English-style copy).
    """
    token = token.strip()
    if not NUMBER.fullmatch(token):
        raise ValueError(f"not a number: {token!r}")
    if sum(ch.isdigit() for ch in token) > MAX_DIGITS:
        raise ImpossibleValue(f"more than {MAX_DIGITS} digits: no report states such a number")
    if "," in token:
        integer, _, fraction = token.rpartition(",")
        integer = integer.replace(".", "").replace(",", "")
        text = f"{integer}.{fraction}"
    elif "." in token:
        head, *groups = token.split(".")
        if all(len(g) == 3 for g in groups):
            text = head + "".join(groups)
        elif len(groups) == 1:
            text = f"{head}.{groups[0]}"
        else:
            raise ValueError(f"ambiguous number: {token!r}")
    else:
        text = token
    try:
        return Decimal(text)
    except InvalidOperation as err:  # pragma: no cover - NUMBER guards the format
        raise ValueError(f"not a number: {token!r}") from err
