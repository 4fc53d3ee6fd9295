"""brat standoff: a directory with ``<id>.txt`` and ``<id>.ann`` per document, plus ``annotation.conf``.

``.ann`` lines written::

    T1<TAB>PERSON 12 28<TAB>Nguyễn Thị Tuyến
    T2<TAB>ORG 40 45;46 52<TAB>Thành ủy Hà Nội        (a span across a line break, in fragments)
    R1<TAB>CHAIRS Arg1:T1 Arg2:T4
    #1<TAB>AnnotatorNotes T5<TAB>{"value": 5092000000000, "currency": "VND"}

brat cannot hold document metadata, so ``documents.json`` next to the files
keeps each document's id and meta; without it ids are the file names. Fragments
are read back as one span when only whitespace separates them; a truly
discontinuous entity is rejected, since the schema has none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from ...schema import ENTITY_LABELS, RELATION_SIGNATURES
from ...text.spans import strip_whitespace
from ..records import Document, Entity
from .assemble import document_from_spans

INDEX_FILE = "documents.json"
CONF_FILE = "annotation.conf"


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for the schema: the entity labels and each relation's argument types."""

    def types(labels: frozenset[str]) -> str:
        return "|".join(label for label in ENTITY_LABELS if label in labels)

    relations = [f"{name}\tArg1:{types(heads)}, Arg2:{types(tails)}" for name, (heads, tails) in RELATION_SIGNATURES.items()]
    return "\n".join(["[entities]", *ENTITY_LABELS, "", "[relations]", *relations, "", "[events]", "", "[attributes]", ""])


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks, trimmed; brat spans may not hold a newline."""
    out = []
    for m in re.finditer(r"[^\n\r]+", text[start:end]):
        a, b = strip_whitespace(text, start + m.start(), start + m.end())
        if a < b:
            out.append((a, b))
    return out


def _entity_line(doc: Document, ent: Entity) -> str:
    parts = fragments(doc.text, ent.start, ent.end)
    if not parts:
        raise ValueError(f"{doc.id}: entity {ent.id} [{ent.start}:{ent.end}] covers no text")
    offsets = ";".join(f"{a} {b}" for a, b in parts)
    surface = " ".join(doc.text[a:b] for a, b in parts).replace("\t", " ")
    return f"T{ent.id + 1}\t{ent.label} {offsets}\t{surface}"


def annotation_lines(doc: Document) -> list[str]:
    """The ``.ann`` lines of one document; entity ``n`` becomes ``T{n+1}``."""
    lines = [_entity_line(doc, e) for e in doc.entities]
    lines += [f"R{n}\t{r.label} Arg1:T{r.head + 1} Arg2:T{r.tail + 1}" for n, r in enumerate(doc.relations, 1)]
    notes = [e for e in doc.entities if e.attrs]
    lines += [
        f"#{n}\tAnnotatorNotes T{e.id + 1}\t{json.dumps(e.attrs, ensure_ascii=False)}" for n, e in enumerate(notes, 1)
    ]
    return lines


def _file_stem(doc_id: str, used: set[str]) -> str:
    stem = re.sub(r"[^\w.-]", "_", doc_id).lstrip(".") or "doc"
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate


def write_brat(documents: Iterable[Document], directory: str | Path) -> None:
    """Write each document as ``<id>.txt`` and ``<id>.ann`` in ``directory``, with ``annotation.conf`` and the index."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    index = []
    for doc in documents:
        stem = _file_stem(doc.id, used)
        with open(directory / f"{stem}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(doc.text)
        with open(directory / f"{stem}.ann", "w", encoding="utf-8", newline="") as fh:
            fh.write("".join(line + "\n" for line in annotation_lines(doc)))
        index.append({"file": stem, "id": doc.id, "meta": doc.meta})
    (directory / CONF_FILE).write_text(annotation_conf(), encoding="utf-8")
    (directory / INDEX_FILE).write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _span(text: str, where: str, offsets: str) -> tuple[int, int]:
    parts = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
    for a, b in parts:
        if not 0 <= a <= b <= len(text):
            raise ValueError(f"{where}: offsets {a} {b} outside the text")
    for (_, b), (a, _) in zip(parts, parts[1:]):
        if text[b:a].strip():
            raise ValueError(f"{where}: discontinuous entity ({offsets}) is not supported by the schema")
    return parts[0][0], parts[-1][1]


def parse_annotations(text: str, ann: str, doc_id: str, meta: dict[str, Any] | None = None) -> Document:
    """A document from its text and the content of its ``.ann`` file (T, R and AnnotatorNotes lines)."""
    spans: dict[str, list[Any]] = {}
    relations = []
    for lineno, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{doc_id}.ann line {lineno}"
        fields = line.split("\t")
        key = fields[0]
        if key.startswith("T"):
            if len(fields) < 2:
                raise ValueError(f"{where}: a T line is 'T<n><TAB>LABEL START END<TAB>text': {line!r}")
            if key in spans:
                raise ValueError(f"{where}: {key} is defined twice")
            label, _, offsets = fields[1].partition(" ")
            start, end = _span(text, where, offsets)
            spans[key] = [key, start, end, label, {}]
        elif key.startswith("R"):
            label, *args = fields[1].split()
            ends = [arg.split(":", 1)[1] for arg in args if ":" in arg]
            if len(ends) != 2:
                raise ValueError(f"{where}: relation needs two arguments: {line!r}")
            relations.append((ends[0], ends[1], label))
        elif key.startswith("#") and fields[1].startswith("AnnotatorNotes"):
            target = fields[1].split()[1]
            note = fields[2] if len(fields) > 2 else ""
            try:
                attrs = json.loads(note)
            except json.JSONDecodeError:
                attrs = None
            if target in spans:
                spans[target][4].update(attrs if isinstance(attrs, dict) else {"note": note})
    return document_from_spans(doc_id, text, meta, [tuple(s) for s in spans.values()], relations)


def read_brat(directory: str | Path) -> list[Document]:
    """Documents of a brat directory, in the index's order when there is one, else by file name."""
    directory = Path(directory)
    index_path = directory / INDEX_FILE
    if index_path.exists():
        entries = json.loads(index_path.read_text(encoding="utf-8"))
    else:
        entries = [{"file": p.stem, "id": p.stem, "meta": {}} for p in sorted(directory.glob("*.ann"))]
    docs = []
    root = directory.resolve()
    for n, entry in enumerate(entries, 1):
        name = entry.get("file") if isinstance(entry, dict) else None
        txt_path = (directory / f"{name}.txt").resolve() if isinstance(name, str) else None
        if txt_path is None or txt_path.parent != root:
            raise ValueError(f"{index_path}, entry {n}: file {name!r} is not a file of {directory}")
        with open(txt_path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        ann_path = txt_path.with_suffix(".ann")
        ann = ann_path.read_text(encoding="utf-8") if ann_path.exists() else ""
        docs.append(parse_annotations(text, ann, entry["id"], entry.get("meta")))
    return docs
