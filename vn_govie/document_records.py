"""Document records: officials, events, projects and documents, merged across mentions.

Relations link mentions; records group the mentions of one thing. Mentions merge
when their canonical keys match (``UBND TP`` = ``Ủy ban nhân dân thành phố``),
when a short name is the last part of one full name in the document
(``ông Mãi`` → ``Phan Văn Mãi``), when a bare event or document noun
(``hội nghị``, ``Chỉ thị``) follows a named one that starts with it, and when a
body's name is the start of a fuller one the article gives (``UBND tỉnh`` →
``UBND tỉnh Quảng Ninh``; the nearest earlier one when several do). A body named
only by its level (``Thành ủy``, ``UBND tỉnh``, ``Sở Tài chính``) takes the
article's province when the article is about one (``Thành ủy Hà Nội``).

Above the sentence-level relations, a few facts real reports spread over
sentences reach their record: co-chairs named after the meeting's sentence
(``... đồng chủ trì``), attendees listed in their own sentence (``Cùng dự có
...``), and an amount said of ``dự án``/``công trình`` that refers to the project
named just before. Every fact a record holds keeps where it was read
(``Record.evidence``: the field, the mention's span and its sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from .results import DocumentRecord, Entity, Evidence, Event, Mention, Office, Official, Project, Relation, Value
from .text.canonical import body_name, key
from .text.places import CITIES, PROVINCE_VARIANTS, province_counts
from .text.sentences import sentence_spans

# Bare nouns that point back to the last named thing of their label starting with them.
ANAPHORIC = {
    "EVENT": ("hội nghị", "kỳ họp", "phiên họp", "cuộc họp", "buổi làm việc", "hội thảo", "đại hội", "phiên"),
    "DOCUMENT": ("chỉ thị", "nghị quyết", "kế hoạch", "quyết định", "nghị định", "đề án", "luật", "kết luận", "đồ án"),
}


def _add(items: list, item: Any) -> None:
    if item not in items:
        items.append(item)


class _Clusters:
    """Entity id → cluster id, with the cluster's display name (its longest mention)."""

    def __init__(self, entities: list["Entity"], text: str | None = None) -> None:
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
        place = main_province(text) if text else None
        self._resolve_short_bodies(place)
        for cluster, members in self.members.items():
            self.name[cluster] = max(members, key=lambda m: (len(m.text), -m.start)).text
        if place:
            for cluster in self.label_clusters("ORG"):
                self.name[cluster] = with_place(self.name[cluster], place)

    def _resolve_short_bodies(self, place: str | None) -> None:
        """A mention whose name starts a fuller name of its label in the article joins that thing.

        ``UBND tỉnh`` → ``UBND tỉnh Quảng Ninh``, ``Nghị định 80`` → ``Nghị định 80/2017/NĐ-CP``,
        ``Vành đai 4`` → ``dự án đường Vành đai 4`` (a work's type words do not count); the nearest
        earlier one where several do. Where the article is about one province and a body's short
        name is of its level (``UBND TP``), only a fuller name of that province counts: ``UBND TP
        Thủ Đức`` does not take in the ``UBND TP`` of an article about TP.HCM.
        """
        for label in ("ORG", "DOCUMENT", "EVENT", "PROJECT"):
            names = {c: _short_key(ms[0]) for c, ms in self.members.items() if ms[0].label == label}
            for cluster, k in sorted(names.items(), key=lambda item: len(item[1])):
                if cluster not in self.members or not k:
                    continue
                fuller = [c for c, other in names.items() if c != cluster and c in self.members and _starts(other, k)]
                text = self.members[cluster][0].text
                if label == "ORG" and place and fuller and with_place(text, place) != text:
                    home = _short_key(self.members[cluster][0], with_place(text, place))
                    fuller = [c for c in fuller if names[c] == home]
                if fuller:
                    self._move(cluster, fuller)

    def _move(self, cluster: int, fuller: list[int]) -> None:
        for mention in list(self.members[cluster]):
            before = [c for c in fuller if any(m.start < mention.start for m in self.members[c])]
            if len(fuller) == 1:
                target = fuller[0]
            elif before:
                target = max(before, key=lambda c: max(m.start for m in self.members[c] if m.start < mention.start))
            else:
                target = min(fuller, key=lambda c: min(m.start for m in self.members[c]))
            self.members[cluster].remove(mention)
            self.members[target].append(mention)
            self.of[mention.id] = target
        del self.members[cluster]

    def label_clusters(self, label: str) -> list[int]:
        return [c for c, members in self.members.items() if members[0].label == label]


_WORK_TYPE = re.compile(r"^(?:dự án|công trình|gói thầu)\s+")


def _short_key(entity: "Entity", text: str | None = None) -> str:
    folded = key(entity.text if text is None else text)
    return _WORK_TYPE.sub("", folded) if entity.label == "PROJECT" else folded


def _starts(longer: str, shorter: str) -> bool:
    """``shorter`` is ``longer``'s first words (a number may go on: ``nghị định 80`` of ``nghị định 80/2017``)."""
    return len(longer) > len(shorter) and longer.startswith(shorter) and longer[len(shorter)] in " /("


# Bodies named by their level only; the article's province completes them.
_LEVEL_ENDING = re.compile(r"(?i)(?:^|\s)(?:tỉnh|thành phố|tp\.?|(?:thành|tỉnh) (?:ủy|uỷ))$")
_BARE_COUNCIL = re.compile(r"(?i)^(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân)$")
_DEPARTMENT = re.compile(r"(?i)^(?:sở|ban quản lý dự án|công an|bộ chỉ huy quân sự)\b")


def main_province(text: str) -> str | None:
    """The province an article is about: named at least twice and in most of its province mentions."""
    counts = province_counts(text)
    if not counts:
        return None
    place, n = counts.most_common(1)[0]
    return place if n >= 2 and n >= 0.6 * sum(counts.values()) else None


def _names_a_province(name: str) -> bool:
    return bool(province_counts(name))


def with_place(name: str, place: str) -> str:
    """``Thành ủy`` + ``Hà Nội`` → ``Thành ủy Hà Nội``; a name that already has a place, or no level, stays."""
    if _names_a_province(name) or any(v in name for v in PROVINCE_VARIANTS.get(place, ())):
        return name
    city = place in CITIES
    folded = key(name)
    if _LEVEL_ENDING.search(name):
        if (folded.endswith("thành ủy") and not city) or (folded.endswith("tỉnh ủy") and city):
            return name
        if (folded.endswith("thành phố") and not city) or (folded.endswith("tỉnh") and city):
            return name
        if folded.endswith("thành phố") and place == "TP.HCM":
            return f"{name} Hồ Chí Minh"
        return f"{name} {place}"
    if _BARE_COUNCIL.match(name) or _DEPARTMENT.match(name):
        return f"{name} {place}" if place == "TP.HCM" else f"{name} {'TP' if city else 'tỉnh'} {place}"
    return name


def _value(entity: "Entity") -> Value:
    return Value(entity.text, entity.value, entity.id, entity.currency, entity.high, entity.qualifier)


def build_records(
    entities: list["Entity"], relations: list["Relation"], text: str | None = None
) -> dict[str, list[Any]]:
    """``officials``, ``events``, ``projects`` and ``documents`` of one extraction.

    With the ``text`` the entities come from, bodies take the article's province and
    the facts spread over sentences are read too (module docstring).
    """
    by_id = {e.id: e for e in entities}
    clusters = _Clusters(entities, text)
    sentences = sentence_spans(text) if text else []
    out: dict[str, dict[int, Any]] = {name: {} for name in ("officials", "events", "projects", "documents")}

    def mentions(cluster: int) -> list[Mention]:
        return [Mention(m.id, m.text, m.start, m.end) for m in clusters.members[cluster]]

    starts = [a for a, _ in sentences]

    def sentence_of(entity: "Entity") -> tuple[int, int] | None:
        k = bisect_right(starts, entity.start) - 1
        return sentences[k] if k >= 0 and entity.start < sentences[k][1] else None

    def note(record: Any, field_name: str, entity: "Entity") -> None:
        _add(record.evidence, Evidence(field_name, entity.text, entity.start, entity.end, sentence_of(entity)))

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
            note(out["officials"][h], "positions", tail)
        elif r.label in ("CHAIRS", "ATTENDS", "ORGANIZES"):
            event = out["events"][t]
            field_name = {"CHAIRS": "chairs", "ATTENDS": "attendees", "ORGANIZES": "organizers"}[r.label]
            _add(getattr(event, field_name), clusters.name[h])
            note(event, field_name, by_id[r.head])
        elif r.label == "DATED":
            record = out["events"].get(h) or out["documents"].get(h)
            if record is not None:
                _add(record.dates, _value(tail))
                note(record, "dates", tail)
        elif r.label == "LOCATED_IN":
            record = out["events"].get(h) or out["projects"].get(h)
            if record is not None:
                _add(record.places, clusters.name[t])
                note(record, "places", tail)
        elif r.label == "HAS_ALLOCATION":
            record = out["projects"].get(h) or out["documents"].get(h)
            if record is not None:
                _add(record.allocations, _value(tail))
                note(record, "allocations", tail)
        elif r.label == "DISBURSED" and h in out["projects"]:
            _add(out["projects"][h].disbursements, _value(tail))
            note(out["projects"][h], "disbursements", tail)
        elif r.label == "ISSUED_BY":
            _add(out["documents"][h].issuers, clusters.name[t])
            note(out["documents"][h], "issuers", tail)
    if text:
        _facts_across_sentences(text, sentences, entities, relations, clusters, out, note)
    # a holder with a titled mention elsewhere keeps only the offices with their bodies where both exist
    for official in out["officials"].values():
        with_body = {o.position for o in official.positions if o.body}
        official.positions = [o for o in official.positions if o.body or o.position not in with_body]
    return {name: list(records.values()) for name, records in out.items()}


_CHAIR_CUE = re.compile(r"(?i)(?:đồng )?chủ trì")
_ATTEND_CUE = re.compile(r"(?i)(?:^|[,;:]\s*)(?:cùng )?(?:tham )?dự(?: [^,.:;]{0,40})? (?:có|còn có)\b"
                         r"|có sự tham dự của|với sự tham dự của")
_WORK = re.compile(r"(?i)\b(?:dự án|công trình|gói thầu)\b")
_ALLOCATION_CUE = re.compile(r"(?i)tổng mức đầu tư|tổng vốn|vốn đầu tư|tổng kinh phí|kinh phí|bố trí|phân bổ|"
                             r"giao vốn|kế hoạch vốn|được đầu tư|có quy mô|tổng giá trị")
_DISBURSED_CUE = re.compile(r"(?i)giải ngân")
# how many sentences back a bare ``dự án`` or a chairs' or attendees' sentence may look for its thing
_LOOK_BACK = 2


def _facts_across_sentences(text, sentences, entities, relations, clusters, out, note) -> None:
    """Chairs, attendees and amounts that their own sentence states without naming the thing."""
    in_relation: dict[str, set[int]] = {}
    for r in relations:
        in_relation.setdefault(r.label, set()).update((r.head, r.tail))
    position_bodies = {r.tail for r in relations if r.label == "POSITION_OF"}
    by_sentence: list[list["Entity"]] = [[] for _ in sentences]
    k = 0
    for e in sorted(entities, key=lambda e: e.start):
        while k < len(sentences) and sentences[k][1] <= e.start:
            k += 1
        if k < len(sentences) and sentences[k][0] <= e.start:
            by_sentence[k].append(e)

    def last(label: str, i: int) -> int | None:
        for j in range(i, max(-1, i - _LOOK_BACK - 1), -1):
            found = [e for e in by_sentence[j] if e.label == label]
            if found:
                return clusters.of[found[-1].id]
        return None

    for i, (a, b) in enumerate(sentences):
        here = by_sentence[i]
        labels = {e.label for e in here}
        sentence = text[a:b]
        if "EVENT" not in labels and i:
            chair = _CHAIR_CUE.search(sentence)
            attend = _ATTEND_CUE.search(sentence)
            event_cluster = last("EVENT", i - 1)
            event = out["events"].get(event_cluster) if event_cluster is not None else None
            if event is not None and chair:
                for e in here:
                    if e.label == "PERSON" and e.start < a + chair.start() and e.id not in in_relation.get("CHAIRS", ()):
                        _add(event.chairs, clusters.name[clusters.of[e.id]])
                        note(event, "chairs", e)
            elif event is not None and attend:
                for e in here:
                    if e.start < a + attend.end():
                        continue
                    if e.label == "PERSON" or (e.label == "ORG" and e.id not in position_bodies):
                        name = clusters.name[clusters.of[e.id]]
                        if name not in event.chairs:
                            _add(event.attendees, name)
                            note(event, "attendees", e)
        if "PROJECT" not in labels and "DOCUMENT" not in labels and _WORK.search(sentence):
            project_cluster = last("PROJECT", i - 1) if i else None
            project = out["projects"].get(project_cluster) if project_cluster is not None else None
            if project is None:
                continue
            disbursed = _DISBURSED_CUE.search(sentence)
            allocated = _ALLOCATION_CUE.search(sentence)
            for e in here:
                if e.id in in_relation.get("HAS_ALLOCATION", ()) or e.id in in_relation.get("DISBURSED", ()):
                    continue
                if disbursed and e.label in ("MONEY", "PERCENT") and e.start > a + disbursed.start():
                    _add(project.disbursements, _value(e))
                    note(project, "disbursements", e)
                elif allocated and not disbursed and e.label == "MONEY":
                    _add(project.allocations, _value(e))
                    note(project, "allocations", e)
