"""Document records: officials, events, projects and documents, merged across mentions.

Relations link mentions; records group the mentions of one thing. Mentions merge
when their canonical keys match (``UBND TP`` = ``Ủy ban nhân dân thành phố``),
when a short name is the last part of one full name in the document
(``ông Mãi`` → ``Phan Văn Mãi``), and when a bare event or document noun
(``hội nghị``, ``Chỉ thị``) follows a named one that starts with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from .text.canonical import body_name, key

if TYPE_CHECKING:  # pragma: no cover
    from .api import Entity, Relation

# Bare nouns that point back to the last named thing of their label starting with them.
ANAPHORIC = {
    "EVENT": ("hội nghị", "kỳ họp", "phiên họp", "cuộc họp", "buổi làm việc", "hội thảo", "đại hội", "phiên"),
    "DOCUMENT": ("chỉ thị", "nghị quyết", "kế hoạch", "quyết định", "nghị định", "đề án", "luật", "kết luận", "đồ án"),
}


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
class Office(_Record):
    position: str
    body: str | None = None


@dataclass
class Official(_Record):
    name: str
    positions: list[Office] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event(_Record):
    name: str
    organizers: list[str] = field(default_factory=list)
    chairs: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    dates: list[Value] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Project(_Record):
    name: str
    allocations: list[Value] = field(default_factory=list)
    disbursements: list[Value] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DocumentRecord(_Record):
    name: str
    issuers: list[str] = field(default_factory=list)
    dates: list[Value] = field(default_factory=list)
    allocations: list[Value] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _add(items: list, item: Any) -> None:
    if item not in items:
        items.append(item)


class _Clusters:
    """Entity id → cluster id, with the cluster's display name (its longest mention)."""

    def __init__(self, entities: list["Entity"]) -> None:
        self.of: dict[int, int] = {}
        self.name: dict[int, str] = {}
        self.members: dict[int, list["Entity"]] = {}
        by_key: dict[tuple[str, str], int] = {}
        persons = [e for e in entities if e.label == "PERSON"]
        full_names = [e for e in persons if len(e.text.split()) >= 2]
        last_named: dict[tuple[str, str], int] = {}
        for e in entities:
            k = (e.label, key(e.text))
            cluster = by_key.get(k)
            if cluster is None and e.label == "PERSON" and len(e.text.split()) == 1:
                owners = {key(f.text) for f in full_names if key(f.text).split()[-1] == key(e.text)}
                if len(owners) == 1:
                    cluster = by_key.get(("PERSON", owners.pop()))
            if cluster is None and key(e.text) in ANAPHORIC.get(e.label, ()):
                cluster = last_named.get((e.label, key(e.text)))
            if cluster is None:
                cluster = len(self.members)
                self.members[cluster] = []
                by_key[k] = cluster
            self.of[e.id] = cluster
            self.members[cluster].append(e)
            for noun in ANAPHORIC.get(e.label, ()):
                if key(e.text).startswith(noun):
                    last_named[(e.label, noun)] = cluster
        for cluster, members in self.members.items():
            self.name[cluster] = max(members, key=lambda m: (len(m.text), -m.start)).text

    def label_clusters(self, label: str) -> list[int]:
        return [c for c, members in self.members.items() if members[0].label == label]


def _value(entity: "Entity") -> Value:
    return Value(entity.text, entity.value, entity.id, entity.currency, entity.high, entity.qualifier)


def build_records(entities: list["Entity"], relations: list["Relation"]) -> dict[str, list[Any]]:
    """``officials``, ``events``, ``projects`` and ``documents`` of one extraction."""
    by_id = {e.id: e for e in entities}
    clusters = _Clusters(entities)
    out = {name: {} for name in ("officials", "events", "projects", "documents")}

    def mentions(cluster: int) -> list[Mention]:
        return [Mention(m.id, m.text, m.start, m.end) for m in clusters.members[cluster]]

    for c in clusters.label_clusters("PERSON"):
        out["officials"][c] = Official(clusters.name[c], mentions=mentions(c))
    for c in clusters.label_clusters("EVENT"):
        out["events"][c] = Event(clusters.name[c], mentions=mentions(c))
    for c in clusters.label_clusters("PROJECT"):
        out["projects"][c] = Project(clusters.name[c], mentions=mentions(c))
    for c in clusters.label_clusters("DOCUMENT"):
        out["documents"][c] = DocumentRecord(clusters.name[c], mentions=mentions(c))

    body_of = {r.head: by_id[r.tail] for r in relations if r.label == "POSITION_OF"}
    for r in relations:
        tail = by_id[r.tail]
        h, t = clusters.of[r.head], clusters.of[r.tail]
        if r.label == "HOLDS_POSITION":
            body = body_of.get(tail.id)
            office = Office(tail.text, body_name(tail.text, clusters.name[clusters.of[body.id]]) if body else None)
            _add(out["officials"][h].positions, office)
        elif r.label in ("CHAIRS", "ATTENDS", "ORGANIZES"):
            event = out["events"][t]
            role = {"CHAIRS": event.chairs, "ATTENDS": event.attendees, "ORGANIZES": event.organizers}[r.label]
            _add(role, clusters.name[h])
        elif r.label == "DATED":
            record = out["events"].get(h) or out["documents"].get(h)
            if record is not None:
                _add(record.dates, _value(tail))
        elif r.label == "LOCATED_IN":
            record = out["events"].get(h) or out["projects"].get(h)
            if record is not None:
                _add(record.places, clusters.name[t])
        elif r.label == "HAS_ALLOCATION":
            record = out["projects"].get(h) or out["documents"].get(h)
            if record is not None:
                _add(record.allocations, _value(tail))
        elif r.label == "DISBURSED" and h in out["projects"]:
            _add(out["projects"][h].disbursements, _value(tail))
        elif r.label == "ISSUED_BY":
            _add(out["documents"][h].issuers, clusters.name[t])
    # a holder with a titled mention elsewhere keeps only the offices with their bodies where both exist
    for official in out["officials"].values():
        with_body = {o.position for o in official.positions if o.body}
        official.positions = [o for o in official.positions if o.body or o.position not in with_body]
    return {name: list(records.values()) for name, records in out.items()}
