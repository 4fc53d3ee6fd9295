"""Gold documents in the schema's corpus format, read from and written to JSON Lines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..results import Relation


@dataclass
class Entity:
    """A labelled span ``text[start:end]``; ``attrs`` holds normalised values (``value``, ``currency`` ...)."""

    id: int
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "label": self.label, **self.attrs}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        attrs = {k: v for k, v in data.items() if k not in ("id", "start", "end", "label")}
        return cls(data["id"], data["start"], data["end"], data["label"], attrs)


@dataclass
class Document:
    """One annotated document: its text, provenance, entities and relations."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def split(self) -> str | None:
        return self.meta.get("split")

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    @property
    def collection(self) -> str:
        """``seeds``, ``synthetic``, ``vtb`` (treebank sentences) or ``news`` (real news articles)."""
        if self.id.startswith("seed-"):
            return "seeds"
        if self.synthetic:
            return "synthetic"
        if self.id.startswith("vtb"):
            return "vtb"
        return "news"

    def entity(self, entity_id: int) -> Entity:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)

    def surface(self, ent: Entity) -> str:
        return self.text[ent.start : ent.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "meta": self.meta,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return cls(
            id=data["id"],
            text=data["text"],
            meta=dict(data.get("meta") or {}),
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            relations=[Relation(r["head"], r["tail"], r["label"]) for r in data.get("relations", [])],
        )


class CorpusFormatError(ValueError):
    """A corpus file that cannot be read as what it claims to be; the message names the file and line."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def iter_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Raw records of a JSON Lines file, skipping blank lines.

    A byte-order mark is allowed; a line that is not one JSON object (a truncated
    line, a list, ``NaN``) is a ``CorpusFormatError`` that names file and line.
    """
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as err:
        raise CorpusFormatError(f"{path}: cannot be read ({err.strerror or err})") from err
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line, parse_constant=_no_constant)
                except RecursionError as err:
                    raise CorpusFormatError(f"{path}, line {n}: nested too deeply to be a record") from err
                except ValueError as err:
                    raise CorpusFormatError(f"{path}, line {n}: not valid JSON ({err})") from err
                if not isinstance(record, dict):
                    raise CorpusFormatError(f"{path}, line {n}: a record is a JSON object, not {type(record).__name__}")
                yield record
        except UnicodeDecodeError as err:
            raise CorpusFormatError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err


class StandoffRecordError(ValueError):
    """A standoff record (annotations of outside text, without the text) where full documents were expected."""


def read_documents(path: str | Path) -> list[Document]:
    """Documents of one JSONL file, or of every ``*.jsonl`` directly inside a directory.

    Standoff records (outside text, kept without it) must be joined first:
    ``vn-govie corpus build`` writes the full corpus to ``build/corpus``.
    """
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    docs = []
    for f in files:
        for n, rec in enumerate(iter_jsonl(f), 1):
            if "text" not in rec and isinstance(rec.get("source"), dict):
                raise StandoffRecordError(
                    f"{f}, line {n}: document {rec.get('id')!r} is a standoff record (its text is not in the repository): "
                    "run `vn-govie corpus build` and read the built corpus in build/corpus/")
            try:
                docs.append(Document.from_dict(rec))
            except (KeyError, TypeError, ValueError) as err:
                raise CorpusFormatError(f"{f}, line {n}: not a document record ({type(err).__name__}: {err})") from err
    return docs


def write_documents(docs: Iterable[Document], path: str | Path) -> None:
    """Write documents as JSON Lines, one per line, UTF-8 without escaping."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
