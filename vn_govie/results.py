"""The result types of an extraction: entities, relations and the document records.

Plain dataclasses with ``to_dict`` giving the schema's result shape; every stage
(``api``, ``document_records``, the exports, the corpus tools) reads and writes these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Entity:
    """One entity: its text, label and offsets into the caller's text, and its normalised value."""

    id: int
    text: str
    label: str
    start: int
    end: int
    value: Any = None
    currency: str | None = None
    high: Any = None
    qualifier: str | None = None
    value_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text, "label": self.label, "start": self.start, "end": self.end}
        if self.value is not None:
            out["value"] = self.value
        if self.label == "MONEY" and self.currency:
            out["currency"] = self.currency
        if self.high is not None:
            out["high"] = self.high
        if self.label in ("MONEY", "PERCENT"):
            out["qualifier"] = self.qualifier
        if self.value_error is not None:
            out["value_error"] = self.value_error
        return out


@dataclass
class Relation:
    head: int
    tail: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"head": self.head, "tail": self.tail, "label": self.label}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


class _Record:
    """``to_dict`` for the record dataclasses: every field, nested records as dicts."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass
class Mention(_Record):
    id: int
    text: str
    start: int
    end: int


@dataclass
class Value:
    """An amount, rate or date with the entity it came from."""

    text: str
    value: Any
    entity: int = field(compare=False)
    currency: str | None = None
    high: Any = None
    qualifier: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "value": self.value, "entity": self.entity}
        for name in ("currency", "high", "qualifier"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


@dataclass
class Evidence(_Record):
    """Where a record's fact was read: the field, the mention's span and the span of its sentence."""

    field: str
    text: str
    start: int
    end: int
    sentence: tuple[int, int] | None = None


@dataclass
class Office(_Record):
    position: str
    body: str | None = None


@dataclass
class Official(_Record):
    name: str
    positions: list[Office] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Event(_Record):
    name: str
    organizers: list[str] = field(default_factory=list)
    chairs: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    dates: list[Value] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Project(_Record):
    name: str
    allocations: list[Value] = field(default_factory=list)
    disbursements: list[Value] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class DocumentRecord(_Record):
    name: str
    issuers: list[str] = field(default_factory=list)
    dates: list[Value] = field(default_factory=list)
    allocations: list[Value] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
