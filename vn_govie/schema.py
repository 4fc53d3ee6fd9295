"""The annotation schema (``docs/annotation-schema.md``) as data: labels and relation signatures."""

from __future__ import annotations

from functools import lru_cache

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "POSITION",
    "ORG",
    "LOCATION",
    "EVENT",
    "PROJECT",
    "DOCUMENT",
    "MONEY",
    "PERCENT",
    "DATE",
)

# label -> (allowed head labels, allowed tail labels)
RELATION_SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "HOLDS_POSITION": (frozenset({"PERSON"}), frozenset({"POSITION"})),
    "POSITION_OF": (frozenset({"POSITION"}), frozenset({"ORG"})),
    "CHAIRS": (frozenset({"PERSON"}), frozenset({"EVENT"})),
    "ATTENDS": (frozenset({"PERSON"}), frozenset({"EVENT"})),
    "ORGANIZES": (frozenset({"ORG"}), frozenset({"EVENT"})),
    "HAS_ALLOCATION": (frozenset({"PROJECT", "DOCUMENT"}), frozenset({"MONEY"})),
    "DISBURSED": (frozenset({"PROJECT", "ORG", "LOCATION"}), frozenset({"MONEY", "PERCENT"})),
    "ISSUED_BY": (frozenset({"DOCUMENT"}), frozenset({"ORG"})),
    "DATED": (frozenset({"DOCUMENT", "EVENT"}), frozenset({"DATE"})),
    "LOCATED_IN": (frozenset({"PROJECT", "EVENT", "ORG"}), frozenset({"LOCATION"})),
}
RELATION_LABELS: tuple[str, ...] = tuple(RELATION_SIGNATURES)

VALUED_LABELS: frozenset[str] = frozenset({"MONEY", "PERCENT"})
SPLITS: tuple[str, ...] = ("train", "dev", "test")


def relation_allowed(label: str, head_label: str, tail_label: str) -> bool:
    """True when the schema allows ``label`` from an entity of ``head_label`` to one of ``tail_label``."""
    heads, tails = RELATION_SIGNATURES.get(label, (frozenset(), frozenset()))
    return head_label in heads and tail_label in tails


@lru_cache(maxsize=None)
def relations_for(head_label: str, tail_label: str) -> tuple[str, ...]:
    """Relation labels the schema allows between entities of these two labels, in this order."""
    return tuple(r for r in RELATION_LABELS if relation_allowed(r, head_label, tail_label))
