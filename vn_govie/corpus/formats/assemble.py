"""Building :class:`Document` objects from what other formats store, and carrying entity values through them.

Readers of every format end here so documents come out the same way: entity
ids numbered ``0..n-1`` in order of start, relations rewritten to those ids.
"""

from __future__ import annotations

from typing import Any, Hashable, Iterable

from ..records import Document, Entity, Relation

ATTRS_KEY = "entity_attrs"


def document_from_spans(
    doc_id: str,
    text: str,
    meta: dict[str, Any] | None,
    spans: Iterable[tuple[Hashable, int, int, str, dict[str, Any]]],
    relations: Iterable[tuple[Hashable, Hashable, str]] = (),
) -> Document:
    """A document from ``(key, start, end, label, attrs)`` spans and ``(head_key, tail_key, label)`` relations.

    Keys are whatever the source format uses to name an entity (``T3``, ``e0``,
    a doccano id); a relation naming an unknown key raises ``ValueError``.
    """
    ordered = sorted(spans, key=lambda s: (s[1], s[2]))
    ids: dict[Hashable, int] = {}
    entities: list[Entity] = []
    for n, (key, start, end, label, attrs) in enumerate(ordered):
        ids[key] = n
        entities.append(Entity(n, int(start), int(end), str(label), dict(attrs)))
    rels: list[Relation] = []
    for head, tail, label in relations:
        if head not in ids or tail not in ids:
            raise ValueError(f"{doc_id}: relation {label} from {head!r} to {tail!r} names an unknown entity")
        rels.append(Relation(ids[head], ids[tail], str(label)))
    meta = dict(meta or {})
    packed = meta.pop(ATTRS_KEY, None) or {}
    for ent in entities:
        ent.attrs = {**packed.get(offset_key(ent.start, ent.end), {}), **ent.attrs}
    return Document(str(doc_id), text, meta, entities, rels)


def offset_key(start: int, end: int) -> str:
    return f"{start},{end}"


def meta_with_attrs(doc: Document) -> dict[str, Any]:
    """``doc.meta`` plus the entities' values keyed by ``"start,end"``, for formats whose spans cannot carry them.

    Annotation tools keep document metadata untouched, so values survive a trip
    through them as long as the span is not moved.
    """
    packed = {offset_key(e.start, e.end): e.attrs for e in doc.entities if e.attrs}
    return {**doc.meta, ATTRS_KEY: packed} if packed else dict(doc.meta)
