"""The ``vn_govie_values`` component: normalised values on MONEY, PERCENT and DATE spans."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401  (registers the extension attributes)
from ..text.view import CleanView
from ..values import ImpossibleValue, parse_date, parse_money, parse_percent


def span_values(span: Span, doc_year: int | None = None, view: CleanView | None = None) -> dict:
    """``value`` and its parts for one span; empty when the label has none or the text is unreadable.

    A span that reads as a value no report can state (an amount past 10^18, a
    reversed range, 31/2) keeps no value and says why in ``value_error``. The
    span is read in its clean form (``view``: ``CleanView(span.doc)`` when the
    caller has it), so an NFD or fullwidth amount reads as its clean one.
    """
    if span.label_ not in ("MONEY", "PERCENT", "DATE"):
        return {}
    view = CleanView(span.doc) if view is None else view
    start = view.start(span.start)
    before = view.text[max(0, start - 20) : start]
    written = view.span_text(span)
    try:
        if span.label_ == "MONEY":
            return parse_money(written, before).to_dict()
        if span.label_ == "PERCENT":
            return parse_percent(written, before).to_dict()
        iso = parse_date(written, doc_year)
        return {"value": iso} if iso else {}
    except ImpossibleValue as err:
        return {"value_error": str(err)}
    except ValueError:
        return {}


class ValueNormalizer:
    """Sets ``span._.value`` (and ``currency``, ``high``, ``qualifier``) on every entity.

    ``doc_year`` completes dates written without a year (``11/10`` -> ``2024-10-11``);
    it comes with the call, ``nlp(text, component_cfg={"vn_govie_values": {"doc_year": 2024}})``
    (or ``nlp.pipe``), and is kept in ``Doc._.doc_year``; without it the doc's own
    ``Doc._.doc_year`` (if set) is used.
    """

    def __init__(self, name: str = "vn_govie_values") -> None:
        self.name = name

    def __call__(self, doc: Doc, doc_year: int | None = None) -> Doc:
        if doc_year is not None:
            doc._.doc_year = doc_year
        view = CleanView(doc)
        for ent in doc.ents:
            for key, value in span_values(ent, doc._.doc_year, view).items():
                setattr(ent._, key, value)
        return doc


@Language.factory(
    "vn_govie_values",
    assigns=["span._.value", "span._.currency", "span._.high", "span._.qualifier", "span._.value_error",
             "doc._.doc_year"],
    requires=["doc.ents"],
)
def make_value_normalizer(nlp: Language, name: str) -> ValueNormalizer:
    return ValueNormalizer(name)
