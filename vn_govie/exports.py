"""Flat rows of an extraction, one kind at a time: what a spreadsheet, CSV or pandas user opens.

Each kind (``entities``, ``relations``, ``officials``, ``events``, ``projects``,
``documents``) has fixed columns; every row starts with the document it comes
from, and values are typed columns (an amount in đồng with its currency, a rate,
an ISO date) beside the text they were read from.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Iterator

KINDS = ("entities", "relations", "officials", "events", "projects", "documents")

COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("document", "id", "label", "start", "end", "text", "value", "high", "currency", "qualifier",
                 "value_error"),
    "relations": ("document", "label", "head", "head_label", "head_text", "tail", "tail_label", "tail_text"),
    "officials": ("document", "name", "position", "body"),
    "events": ("document", "name", "dates", "places", "organizers", "chairs", "attendees"),
    "projects": ("document", "name", "fact", "amount", "high", "currency", "rate", "text", "places"),
    "documents": ("document", "name", "issuers", "dates"),
}


# pandas dtypes of the typed columns; the others are strings (``value`` holds numbers and ISO dates alike)
DTYPES: dict[str, str] = {
    "id": "Int64", "start": "Int64", "end": "Int64", "head": "Int64", "tail": "Int64",
    "amount": "Float64", "high": "Float64", "rate": "Float64",
}


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def _dates(values: Iterable[Any]) -> str:
    return _join(str(v.value if v.value is not None else v.text) for v in values)


def rows(result: Any, kind: str, document: str = "") -> Iterator[dict[str, Any]]:
    """The rows of one ``Extraction`` for ``kind`` (one of ``KINDS``)."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if kind == "entities":
        for e in result.entities:
            yield {"document": document, "id": e.id, "label": e.label, "start": e.start, "end": e.end, "text": e.text,
                   "value": e.value, "high": e.high, "currency": e.currency, "qualifier": e.qualifier,
                   "value_error": e.value_error}
    elif kind == "relations":
        by_id = {e.id: e for e in result.entities}
        for r in result.relations:
            head, tail = by_id[r.head], by_id[r.tail]
            yield {"document": document, "label": r.label, "head": head.id, "head_label": head.label,
                   "head_text": head.text, "tail": tail.id, "tail_label": tail.label, "tail_text": tail.text}
    elif kind == "officials":
        for o in result.officials:
            for office in o.positions or [None]:
                yield {"document": document, "name": o.name, "position": office.position if office else None,
                       "body": office.body if office else None}
    elif kind == "events":
        for e in result.events:
            yield {"document": document, "name": e.name, "dates": _dates(e.dates), "places": _join(e.places),
                   "organizers": _join(e.organizers), "chairs": _join(e.chairs), "attendees": _join(e.attendees)}
    elif kind == "projects":
        for p in result.projects:
            facts = [("allocation", v) for v in p.allocations] + [("disbursement", v) for v in p.disbursements]
            if not facts:
                yield {"document": document, "name": p.name, "places": _join(p.places)}
            for fact, v in facts:
                rate = v.text.strip().endswith("%")
                yield {"document": document, "name": p.name, "fact": fact,
                       "amount": None if rate else v.value, "high": v.high, "currency": None if rate else v.currency,
                       "rate": v.value if rate else None, "text": v.text, "places": _join(p.places)}
    else:
        for d in result.documents:
            yield {"document": document, "name": d.name, "issuers": _join(d.issuers), "dates": _dates(d.dates)}


def csv_lines(results: Iterable[tuple[str, Any]], kind: str) -> Iterator[str]:
    """CSV text (header first) of ``kind`` for ``(document, Extraction)`` pairs, streamed a row at a time."""
    columns = COLUMNS[kind]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for document, result in results:
        for row in rows(result, kind, document):
            writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def dataframes(results: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """One pandas ``DataFrame`` per kind for ``(document, Extraction)`` pairs, with nullable typed columns."""
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError("to_dataframes() needs pandas: pip install 'vn_govie[pandas]'") from error
    results = list(results)
    frames = {}
    for kind in KINDS:
        columns = COLUMNS[kind]
        table = pd.DataFrame([row for document, result in results for row in rows(result, kind, document)],
                             columns=list(columns))
        types = {c: DTYPES.get(c, "string") for c in columns if c != "value"}
        if kind == "entities" and "high" in types:
            types["high"] = "object"
        frames[kind] = table.astype(types)
    return frames
