"""The ``Doc``/``Span`` extension attributes vn_govie adds, registered once on import."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .text import view

SPAN_VALUES = ("value", "currency", "high", "qualifier", "value_error")


def register() -> None:
    """Register ``Span._.value/currency/high/qualifier/value_error``, ``Doc._.doc_year``, ``Doc._.relations``
    and the clean text (``Doc._.clean_map``, ``Doc/Span/Token._.clean_text``, ``vn_govie.text.view``)."""
    view.register()
    for name in SPAN_VALUES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("doc_year"):
        Doc.set_extension("doc_year", default=None)
    if not Doc.has_extension("relations"):
        Doc.set_extension("relations", default=None)


register()
