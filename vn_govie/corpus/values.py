"""Normalised values on gold entities, computed from their text as the schema defines them."""

from __future__ import annotations

from ..values import ImpossibleValue, parse_date, parse_money, parse_percent
from .records import Document, Entity


def entity_values(text: str, ent: Entity, doc_year: int | None = None) -> dict:
    """``value`` and its parts for a MONEY, PERCENT or DATE entity; raises ``ValueError`` if unreadable.

    A span the text writes as a value no calendar or report has (``ngày 31/11``,
    a reversed range) keeps no value and records why in ``value_error``.
    """
    surface = text[ent.start : ent.end]
    before = text[max(0, ent.start - 20) : ent.start]
    try:
        if ent.label == "MONEY":
            return parse_money(surface, before).to_dict()
        if ent.label == "PERCENT":
            return parse_percent(surface, before).to_dict()
        if ent.label == "DATE":
            iso = parse_date(surface, doc_year)
            return {"value": iso} if iso else {}
    except ImpossibleValue as err:
        return {"value_error": str(err)}
    return {}


def fill_values(doc: Document) -> list[str]:
    """Give every valued entity without a ``value`` its normalised value; return what could not be read."""
    problems = []
    for ent in doc.entities:
        if "value" in ent.attrs:
            continue
        try:
            ent.attrs.update(entity_values(doc.text, ent))
        except ValueError as err:
            problems.append(f"{doc.id}: {err}")
    return problems
