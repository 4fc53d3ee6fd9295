"""doccano JSONL: the sequence-labeling-with-relations export, and the older ``"label": [[start, end, LABEL]]`` form.

Written records look like::

    {"id": "seed-000", "text": "...",
     "entities": [{"id": 0, "start_offset": 12, "end_offset": 28, "label": "PERSON"}],
     "relations": [{"id": 0, "from_id": 0, "to_id": 3, "type": "CHAIRS"}],
     "meta": {..., "doc_id": "seed-000", "entity_attrs": {"40,54": {"value": 5092000000000, ...}}}}

doccano replaces ``id`` with its own numbers on re-export but keeps ``meta``, so
the document id and the entities' values ride in ``meta`` and come back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..records import Document, iter_jsonl
from .assemble import document_from_spans, meta_with_attrs

_KNOWN_KEYS = {"id", "text", "data", "entities", "relations", "label", "labels", "meta", "Comments", "comments"}


def document_record(doc: Document) -> dict[str, Any]:
    """The doccano record of one document."""
    return {
        "id": doc.id,
        "text": doc.text,
        "entities": [
            {"id": e.id, "start_offset": e.start, "end_offset": e.end, "label": e.label} for e in doc.entities
        ],
        "relations": [
            {"id": n, "from_id": r.head, "to_id": r.tail, "type": r.label} for n, r in enumerate(doc.relations)
        ],
        "meta": {**meta_with_attrs(doc), "doc_id": doc.id},
    }


def write_doccano(documents: Iterable[Document], path: str | Path) -> None:
    """Write documents as doccano JSONL with entities and relations."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for doc in documents:
            fh.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")


def is_doccano_record(record: dict[str, Any]) -> bool:
    """True for a record in either doccano form, false for the corpus's own JSONL records."""
    entities = record.get("entities")
    if isinstance(entities, list) and any(isinstance(e, dict) and "start_offset" in e for e in entities):
        return True
    label = record.get("label", record.get("labels"))
    return isinstance(label, list) and all(isinstance(x, (list, tuple)) for x in label) and "entities" not in record


def record_document(record: dict[str, Any], fallback_id: str) -> Document:
    """A document from one doccano record of either form."""
    text = record.get("text", record.get("data"))
    if not isinstance(text, str):
        raise ValueError(f"{fallback_id}: doccano record without a text")
    if isinstance(record.get("meta"), dict):
        meta = dict(record["meta"])
    else:
        meta = {k: v for k, v in record.items() if k not in _KNOWN_KEYS}
    doc_id = next((x for x in (meta.pop("doc_id", None), record.get("id")) if x is not None), fallback_id)
    spans = []
    if isinstance(record.get("entities"), list):
        for n, ent in enumerate(record["entities"]):
            spans.append((ent.get("id", f"#{n}"), ent["start_offset"], ent["end_offset"], ent["label"], {}))
    else:
        for n, item in enumerate(record.get("label", record.get("labels")) or []):
            if not (isinstance(item, (list, tuple)) and len(item) == 3):
                raise ValueError(f"{doc_id}: label entry {item!r} is not [start, end, label]")
            spans.append((f"#{n}", item[0], item[1], item[2], {}))
    relations = [(r["from_id"], r["to_id"], r["type"]) for r in record.get("relations") or []]
    return document_from_spans(str(doc_id), text, meta, spans, relations)


def read_doccano(path: str | Path) -> list[Document]:
    """Documents of a doccano JSONL export; ids come from ``meta.doc_id``, the record id, or the file name."""
    path = Path(path)
    return [record_document(rec, f"{path.stem}-{n}") for n, rec in enumerate(iter_jsonl(path))]
