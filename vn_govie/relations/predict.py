"""Relations of one doc: the model on every candidate pair, then the rules where it found none."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .candidates import candidate_pairs
from .features import PairContext, pair_features
from .model import NONE, RelationModel
from .rules import allocation_rule, located_in_rule, title_after_name_rule


def doc_relations(model: RelationModel, doc: Doc) -> list[tuple[Span, Span, str]]:
    """``(head, tail, label)`` for every related pair of entities of ``doc``."""
    context = PairContext(doc)
    found = []
    for head, tail, allowed in candidate_pairs(context):
        label = model.predict(pair_features(head, tail, context), allowed)
        if label == NONE and "HAS_ALLOCATION" in allowed and allocation_rule(head, tail, context):
            label = "HAS_ALLOCATION"
        elif label == NONE and "LOCATED_IN" in allowed and located_in_rule(head, tail, context):
            label = "LOCATED_IN"
        elif label == NONE and "HOLDS_POSITION" in allowed and title_after_name_rule(head, tail, context):
            label = "HOLDS_POSITION"
        if label != NONE:
            found.append((head, tail, label))
    return found
