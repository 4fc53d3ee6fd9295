"""Relations of one doc: the model on every candidate pair, then the rules where it found none
(and one veto where the text says who holds a title)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .candidates import candidate_pairs
from .features import PairContext, pair_features
from .model import NONE, RelationModel
from .rules import (
    allocation_rule,
    event_clause_rule,
    located_in_rule,
    title_after_name_rule,
    title_of_the_next_name,
)


def rule_label(head: Span, tail: Span, allowed: tuple[str, ...], context: PairContext) -> str:
    """The label the rules give a pair the model left unrelated, or ``NONE``."""
    if "HAS_ALLOCATION" in allowed and allocation_rule(head, tail, context):
        return "HAS_ALLOCATION"
    if "LOCATED_IN" in allowed and located_in_rule(head, tail, context):
        return "LOCATED_IN"
    if "HOLDS_POSITION" in allowed and title_after_name_rule(head, tail, context):
        return "HOLDS_POSITION"
    label = event_clause_rule(head, tail, context)
    return label if label in allowed else NONE


def doc_relations(model: RelationModel, doc: Doc, rules: bool = True) -> list[tuple[Span, Span, str]]:
    """``(head, tail, label)`` for every related pair of entities of ``doc``; ``rules=False``: the model alone."""
    context = PairContext(doc)
    found = []
    for head, tail, allowed in candidate_pairs(context):
        label = model.predict(pair_features(head, tail, context), allowed)
        if label == "HOLDS_POSITION" and head.end <= tail.start and title_of_the_next_name(tail, context):
            label = NONE  # the title names the person after it
        if label == NONE and rules:
            label = rule_label(head, tail, allowed, context)
        if label != NONE:
            found.append((head, tail, label))
    return found
