"""Candidate entity pairs: same sentence, and a head/tail type pair the schema allows."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span

from ..schema import relations_for


def candidate_pairs(doc: Doc) -> Iterator[tuple[Span, Span, list[str]]]:
    """Every ordered ``(head, tail, allowed labels)`` of entities in one sentence."""
    ents = list(doc.ents)
    sent_ids = _sentence_ids(doc, ents)
    for i, head in enumerate(ents):
        for j, tail in enumerate(ents):
            if i == j or sent_ids[i] != sent_ids[j]:
                continue
            allowed = relations_for(head.label_, tail.label_)
            if allowed:
                yield head, tail, allowed


def _sentence_ids(doc: Doc, ents: list[Span]) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0] * len(ents)
    starts = [t.i for t in doc if t.is_sent_start]
    out = []
    k = 0
    for ent in ents:
        while k + 1 < len(starts) and starts[k + 1] <= ent.start:
            k += 1
        out.append(k)
    return out
