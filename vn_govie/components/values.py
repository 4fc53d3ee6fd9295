"""The ``vn_govie_values`` component: normalised values on MONEY, PERCENT and DATE spans."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401  (registers the extension attributes)
from ..values import ImpossibleValue, parse_date, parse_money, parse_percent


def span_values(span: Span, doc_year: int | None = None, doc_text: str | None = None) -> dict:
    """``value`` and its parts for one span; empty when the label has none or the text is unreadable.

    A span that reads as a value no report can state (an amount past 10^18, a
    reversed range, 31/2) keeps no value and says why in ``value_error``.

    ``doc_text`` is ``span.doc.text`` when the caller has it: spaCy rebuilds that
    string from the tokens on every access.
    """
    if span.label_ not in ("MONEY", "PERCENT", "DATE"):
        return {}
    text = span.doc.text if doc_text is None else doc_text
    before = text[max(0, span.start_char - 20) : span.start_char]
    try:
        if span.label_ == "MONEY":
            return parse_money(span.text, before).to_dict()
        if span.label_ == "PERCENT":
            return parse_percent(span.text, before).to_dict()
        iso = parse_date(span.text, doc_year)
        return {"value": iso} if iso else {}
    except ImpossibleValue as err:
        return {"value_error": str(err)}
    except ValueError:
        return {}


class ValueNormalizer:
    """Sets ``span._.value`` (and ``currency``, ``high``, ``qualifier``) on every entity."""

    def __init__(self, name: str = "vn_govie_values") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for ent in doc.ents:
            for key, value in span_values(ent, doc._.doc_year, text).items():
                setattr(ent._, key, value)
        return doc


@Language.factory(
    "vn_govie_values",
    assigns=["span._.value", "span._.currency", "span._.high", "span._.qualifier", "span._.value_error"],
    requires=["doc.ents"],
)
def make_value_normalizer(nlp: Language, name: str) -> ValueNormalizer:
    return ValueNormalizer(name)
