"""Bytes from a user's file into text: the encodings the command line and the web app accept.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read; anything else is an
error that names the input (never text with U+FFFD in place of what could not be read).
"""

from __future__ import annotations

import codecs


class InputError(ValueError):
    """One input file could not be read or decoded; the others go on."""


def decode_input(data: bytes, name: str, encoding: str | None = None, hint: str = "") -> str:
    """The text of one input: UTF-8 (a BOM dropped) or UTF-16 with a BOM, or ``encoding`` when given.

    ``hint`` ends the error message of an input that is neither (how the caller can say its encoding).
    """
    try:
        if encoding:
            return data.decode(encoding)
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        what = encoding or "UTF-8 (nor UTF-16 with a BOM)"
        raise InputError(f"{name}: not {what} text (byte {err.start}){'' if encoding else hint}") from None
