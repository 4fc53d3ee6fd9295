"""Candidate entity pairs: same sentence, and a head/tail type pair the schema allows."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from ..schema import relations_for
from .features import PairContext


def candidate_pairs(context: PairContext) -> Iterator[tuple[Span, Span, tuple[str, ...]]]:
    """Every ordered ``(head, tail, allowed labels)`` of entities in one sentence, in entity order."""
    done: set[int] = set()
    for ent in context.ents:
        start = context.sentence(ent.start)[0]
        if start in done:
            continue
        done.add(start)
        ents = context.sentence_ents(ent.start)
        for i, head in enumerate(ents):
            for j, tail in enumerate(ents):
                if i != j:
                    allowed = relations_for(head.label_, tail.label_)
                    if allowed:
                        yield head, tail, allowed
