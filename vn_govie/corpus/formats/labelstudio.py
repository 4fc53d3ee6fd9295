"""Label Studio JSON: a list of tasks with span labels and relations, as Label Studio exports and imports them.

Written tasks look like::

    {"id": 1,
     "data": {"text": "...", "doc_id": "seed-000", "meta": {...}},
     "annotations": [{"result": [
         {"id": "e0", "from_name": "label", "to_name": "text", "type": "labels",
          "value": {"start": 12, "end": 28, "text": "Nguyễn Thị Tuyến", "labels": ["PERSON"]}},
         {"type": "relation", "from_id": "e0", "to_id": "e3", "direction": "right", "labels": ["CHAIRS"]}]}]}

Reading takes the first annotation that is not cancelled, else the first
prediction. Entity values ride in ``data.meta.entity_attrs``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..records import Document
from .assemble import document_from_spans, meta_with_attrs


def labeling_config() -> str:
    """A Label Studio labeling config matching the schema, for setting up a project."""
    from ...schema import ENTITY_LABELS, RELATION_LABELS

    labels = "\n".join(f'    <Label value="{label}"/>' for label in ENTITY_LABELS)
    relations = "\n".join(f'    <Relation value="{label}"/>' for label in RELATION_LABELS)
    return (
        "<View>\n"
        f'  <Relations>\n{relations}\n  </Relations>\n'
        f'  <Labels name="label" toName="text">\n{labels}\n  </Labels>\n'
        '  <Text name="text" value="$text"/>\n'
        "</View>\n"
    )


def document_task(doc: Document, task_id: int) -> dict[str, Any]:
    """The Label Studio task of one document."""
    result: list[dict[str, Any]] = [
        {
            "id": f"e{e.id}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": e.start, "end": e.end, "text": doc.text[e.start : e.end], "labels": [e.label]},
        }
        for e in doc.entities
    ]
    result += [
        {"type": "relation", "from_id": f"e{r.head}", "to_id": f"e{r.tail}", "direction": "right", "labels": [r.label]}
        for r in doc.relations
    ]
    return {
        "id": task_id,
        "data": {"text": doc.text, "doc_id": doc.id, "meta": meta_with_attrs(doc)},
        "annotations": [{"result": result}],
    }


def write_labelstudio(documents: Iterable[Document], path: str | Path) -> None:
    """Write documents as one Label Studio JSON file (a list of tasks)."""
    tasks = [document_task(doc, n) for n, doc in enumerate(documents, 1)]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _task_text(data: dict[str, Any]) -> str:
    if isinstance(data.get("text"), str):
        return data["text"]
    strings = [v for v in data.values() if isinstance(v, str)]
    if len(strings) == 1:
        return strings[0]
    raise ValueError(f"cannot tell which of the task's data fields is the text: {sorted(data)}")


def _utf16_to_index(text: str, offset: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _offsets(text: str, value: dict[str, Any]) -> tuple[int, int]:
    """Code point offsets of a region; Label Studio counts UTF-16 units, which differ past the BMP."""
    start, end = int(value["start"]), int(value["end"])
    surface = value.get("text")
    if surface is not None and text[start:end] != surface:
        s16, e16 = _utf16_to_index(text, start), _utf16_to_index(text, end)
        if text[s16:e16] == surface:
            return s16, e16
    return start, end


def _chosen_result(task: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("annotations", "completions", "predictions"):
        for ann in task.get(key) or []:
            if ann.get("was_cancelled") or not ann.get("result"):
                continue
            return ann["result"]
    return []


def task_document(task: dict[str, Any], fallback_id: str) -> Document:
    """A document from one Label Studio task."""
    data = task.get("data") or {}
    text = _task_text(data)
    meta = dict(data.get("meta") or {})
    doc_id = next((x for x in (data.get("doc_id"), meta.pop("doc_id", None), task.get("id")) if x is not None), fallback_id)
    spans: dict[str, tuple[str, int, int, str, dict[str, Any]]] = {}
    relations = []
    for n, item in enumerate(_chosen_result(task)):
        if item.get("type") == "relation":
            labels = item.get("labels") or []
            if not labels:
                continue
            head, tail = item["from_id"], item["to_id"]
            if item.get("direction") == "left":
                head, tail = tail, head
            relations.append((head, tail, labels[0]))
            continue
        value = item.get("value") or {}
        labels = value.get("labels") or value.get(item.get("type", ""))
        if "start" not in value or "end" not in value or not isinstance(labels, list) or not labels:
            continue
        start, end = _offsets(text, value)
        key = item.get("id", f"#{n}")
        spans.setdefault(key, (key, start, end, labels[0], {}))
    return document_from_spans(str(doc_id), text, meta, spans.values(), relations)


def read_labelstudio(path: str | Path) -> list[Document]:
    """Documents of a Label Studio JSON export (a list of tasks, or one task)."""
    path = Path(path)
    tasks = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(tasks, dict):
        tasks = [tasks]
    return [task_document(task, f"{path.stem}-{n}") for n, task in enumerate(tasks)]
